//! In-browser tests (wasm-bindgen-test in headless Chromium): the app
//! mounts, shows the engine's figures for the default preset, and follows
//! the scenario when a preset is picked; the charts' canvas backend draws
//! each call in its own style.
#![cfg(target_arch = "wasm32")]

use burnrate::engine::{evaluate, presets};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// Mounts a fresh app in its own container (the test runner's own output
/// lives in the body, so the body is never cleared) and hides the previous
/// one, so that queries find the new app first.
fn mount_app() {
    // Each test starts like a first visit: no saved scenario, no link.
    let window = web_sys::window().expect("window");
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.clear();
    }
    let _ = window.location().set_hash("");
    let doc = document();
    if let Ok(old) = doc.query_selector_all("[data-test-app]") {
        for i in 0..old.length() {
            if let Some(el) = old
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                el.remove();
            }
        }
    }
    let container: web_sys::HtmlElement = doc
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("an element");
    container
        .set_attribute("data-test-app", "")
        .expect("attribute");
    doc.body()
        .expect("body")
        .append_child(&container)
        .expect("appended");
    leptos::mount::mount_to(container, burnrate::app::App).forget();
}

/// The element with this `data-testid` in the mounted app.
fn element(testid: &str) -> Option<web_sys::Element> {
    document()
        .query_selector(&format!("[data-test-app] [data-testid=\"{testid}\"]"))
        .ok()
        .flatten()
}

/// The `data-value` of the first element with this `data-testid`.
fn figure(testid: &str) -> Option<f64> {
    let el = element(testid)?;
    let value = el.get_attribute("data-value")?;
    value.parse().ok()
}

/// Lets the reactive system run its effects and render.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn app_mounts_with_the_default_presets_figures_and_follows_presets() {
    mount_app();
    settle().await;

    let expected = evaluate(&presets::default_preset().scenario()).expect("valid");
    assert_eq!(figure("monthly-cost"), Some(expected.monthly_cost));
    assert_eq!(figure("cost-per-action"), Some(expected.cost_per_action));
    assert_eq!(
        figure("break-even-users"),
        expected.break_even_users.map(|u| u as f64),
        "the default preset has pricing"
    );
    assert_eq!(figure("runway-days"), expected.runway_days);

    // Picking another preset re-evaluates everything.
    let select: web_sys::HtmlSelectElement = element("preset-select")
        .expect("preset picker")
        .dyn_into()
        .expect("a select");
    select.set_value("inbox-classifier");
    let event = web_sys::Event::new("change").expect("event");
    select.dispatch_event(&event).expect("dispatched");
    settle().await;
    let inbox = evaluate(
        &presets::find("inbox-classifier")
            .expect("preset")
            .scenario(),
    )
    .expect("valid");
    assert_eq!(figure("monthly-cost"), Some(inbox.monthly_cost));
    assert_eq!(figure("runway-days"), inbox.runway_days);
}

/// Sets an input's value and fires the event the page listens for.
fn fire(testid: &str, value: &str, event: &str) {
    let input: web_sys::HtmlInputElement = element(testid)
        .expect("control exists")
        .dyn_into()
        .expect("an input");
    input.set_value(value);
    let event = web_sys::Event::new(event).expect("event");
    input.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn quick_controls_drive_the_engine() {
    mount_app();
    settle().await;

    // The users slider is on a log scale: position 3 is 1,000 users.
    fire("users-slider", "3", "input");
    settle().await;
    let mut s = presets::default_preset().scenario();
    s.users = 1000.0;
    let expected = evaluate(&s).expect("valid");
    assert_eq!(figure("monthly-cost"), Some(expected.monthly_cost));

    // Half the actions from the cache halve the variable cost.
    fire("cache-slider", "50", "input");
    settle().await;
    s.features[0].cache_hit_rate = 0.5;
    let expected = evaluate(&s).expect("valid");
    assert_eq!(figure("monthly-cost"), Some(expected.monthly_cost));
}

#[wasm_bindgen_test]
async fn charts_draw_on_their_canvases() {
    mount_app();
    settle().await;
    settle().await;
    for testid in [
        "spend-chart",
        "break-even-chart",
        "break-even-price-chart",
        "breakdown-chart",
    ] {
        let canvas: web_sys::HtmlCanvasElement = element(testid)
            .expect("canvas exists")
            .dyn_into()
            .expect("a canvas");
        assert!(
            canvas.width() > 0 && canvas.height() > 0,
            "{testid} is sized"
        );
    }
}

/// A detached canvas of `width` × `height` pixels.
fn canvas(width: u32, height: u32) -> web_sys::HtmlCanvasElement {
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("a canvas");
    canvas.set_width(width);
    canvas.set_height(height);
    canvas
}

/// The RGBA of one pixel.
fn pixel(canvas: &web_sys::HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .expect("context")
        .expect("a 2D context")
        .dyn_into()
        .expect("2D");
    let data = context
        .get_image_data(x, y, 1.0, 1.0)
        .expect("pixels")
        .data();
    [data[0], data[1], data[2], data[3]]
}

/// The backend sets a colour, width or font only when it changes, and
/// remembers text widths: every call must still draw in its own style,
/// whatever was drawn before it, and on a second backend over the same
/// canvas after a resize reset the context.
#[wasm_bindgen_test]
fn the_canvas_backend_draws_each_call_in_its_own_style() {
    use burnrate::app::WebBackend;
    use plotters::prelude::*;

    let el = canvas(120, 60);
    for round in 0..2 {
        if round == 1 {
            // Resizing resets the context's state to its defaults.
            el.set_width(121);
            el.set_width(120);
        }
        let root = WebBackend::canvas(el.clone())
            .expect("a 2D context")
            .into_drawing_area();
        root.fill(&WHITE).expect("filled");
        let label = ("sans-serif", 14.0).into_font().color(&BLACK);
        let rotated = label.transform(FontTransform::Rotate90);
        root.draw(&Rectangle::new([(0, 0), (10, 10)], RED.filled()))
            .expect("red square");
        root.draw(&PathElement::new(
            vec![(0, 20), (40, 20)],
            BLUE.stroke_width(3),
        ))
        .expect("blue line");
        root.draw(&Text::new("ab", (60, 5), rotated.clone()))
            .expect("rotated text");
        // Red again after a blue stroke, a black fill and a save/restore.
        root.draw(&Rectangle::new([(20, 0), (30, 10)], RED.filled()))
            .expect("second red square");
        root.draw(&Rectangle::new([(0, 30), (10, 40)], GREEN.stroke_width(2)))
            .expect("green outline");
        root.draw(&Circle::new((50, 45), 5, BLUE.filled()))
            .expect("blue dot");
        // Lines of one style are stroked together, yet stay under what is
        // drawn after them and over what was drawn before.
        let grid = BLACK.stroke_width(2);
        root.draw(&PathElement::new(vec![(70, 30), (110, 30)], grid))
            .expect("grid line");
        root.draw(&PathElement::new(vec![(70, 50), (110, 50)], grid))
            .expect("grid line");
        root.draw(&Rectangle::new([(95, 25), (105, 35)], RED.filled()))
            .expect("square over a line");
        root.draw(&PathElement::new(
            vec![(100, 20), (100, 58)],
            GREEN.stroke_width(2),
        ))
        .expect("line over the square");
        root.present().expect("presented");

        assert_eq!(pixel(&el, 5.0, 5.0), [255, 0, 0, 255], "round {round}");
        assert_eq!(pixel(&el, 25.0, 5.0), [255, 0, 0, 255], "round {round}");
        assert_eq!(pixel(&el, 20.0, 20.0), [0, 0, 255, 255], "round {round}");
        assert_eq!(pixel(&el, 50.0, 45.0), [0, 0, 255, 255], "round {round}");
        assert_eq!(pixel(&el, 80.0, 30.0), [0, 0, 0, 255], "round {round}");
        assert_eq!(pixel(&el, 80.0, 50.0), [0, 0, 0, 255], "round {round}");
        assert_eq!(pixel(&el, 97.0, 30.0), [255, 0, 0, 255], "round {round}");
        let over = pixel(&el, 100.0, 30.0);
        assert!(over[1] > 100 && over[0] < 50, "green over red: {over:?}");
        let outline = pixel(&el, 0.0, 35.0);
        assert!(
            outline[1] > 100 && outline[0] < 50,
            "green outline: {outline:?}"
        );
        assert_eq!(pixel(&el, 5.0, 35.0), [255, 255, 255, 255], "hollow");

        // A measured width is the browser's, the first time and when it
        // comes from memory; a bigger font measures wider.
        let context: web_sys::CanvasRenderingContext2d = el
            .get_context("2d")
            .expect("context")
            .expect("2D")
            .dyn_into()
            .expect("2D");
        context.set_font("normal 14px sans-serif");
        let expected = context.measure_text("$1,234").expect("measured").width();
        for _ in 0..2 {
            let (w, h) = root.estimate_text_size("$1,234", &label).expect("size");
            assert_eq!(f64::from(w), expected.ceil());
            assert!(h >= 14, "{h}");
        }
        let big = ("sans-serif", 28.0).into_font().color(&BLACK);
        let (wide, _) = root.estimate_text_size("$1,234", &big).expect("size");
        assert!(f64::from(wide) > expected * 1.5, "{wide} vs {expected}");
    }

    // A drawing that ends on lines, with no `present()`, still shows them.
    let el = canvas(40, 20);
    {
        let root = WebBackend::canvas(el.clone())
            .expect("a 2D context")
            .into_drawing_area();
        root.draw(&PathElement::new(
            vec![(0, 10), (40, 10)],
            BLUE.stroke_width(4),
        ))
        .expect("last line");
    }
    assert_eq!(pixel(&el, 20.0, 10.0), [0, 0, 255, 255]);
}
