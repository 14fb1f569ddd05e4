//! A plotters chart on a `<canvas>`: sized to its box in device pixels so it
//! stays crisp on high-DPI screens, redrawn when its data, its size or the
//! colour scheme change, and only while it is on screen (or near it): a
//! chart scrolled out of view is redrawn when it comes back. The drawing
//! itself is `crate::chart`'s.

use leptos::html::Canvas;
use leptos::prelude::*;
use leptos_use_device_pixel_ratio::use_device_pixel_ratio;
use leptos_use_preferences::use_preferred_dark;
use leptos_use_resize_observer::use_resize_observer;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::Closure;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use super::canvas_backend::WebBackend;
use crate::chart::{ChartError, ChartStyle, Theme};

/// One chart canvas.
#[component]
pub fn ChartCanvas<F>(
    /// What the chart shows, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    /// The canvas's `data-testid`.
    testid: &'static str,
    /// Draws the chart; it reads the signals it depends on, so the canvas
    /// redraws when they change.
    draw: F,
) -> impl IntoView
where
    F: Fn(&DrawingArea<WebBackend<'static>, Shift>, &ChartStyle) -> Result<(), ChartError>
        + Send
        + Sync
        + 'static,
{
    let canvas = NodeRef::<Canvas>::new();
    redraw(canvas, testid, Box::new(draw));
    view! {
        <canvas
            node_ref=canvas
            class="chart-canvas"
            role="img"
            data-testid=testid
            aria-label=move || label.get()
        ></canvas>
    }
}

/// A chart's drawing function, boxed: one copy of [`redraw`] serves every
/// chart (each generic copy of its effect cost about 2 KB of wasm).
type Draw = Box<
    dyn Fn(&DrawingArea<WebBackend<'static>, Shift>, &ChartStyle) -> Result<(), ChartError>
        + Send
        + Sync,
>;

/// Draws on `canvas` with `draw` now and whenever what it reads, the
/// canvas's size, the pixel ratio or the colour scheme changes, while the
/// canvas is near the screen.
fn redraw(canvas: NodeRef<Canvas>, testid: &'static str, draw: Draw) {
    // The canvas's content box in CSS pixels, as the browser lays it out.
    // (leptos-use's `use_element_size` would also parse CSS lengths for SVG
    // elements, linking Rust's float parser, 15 KB, into the wasm.)
    let (width, height) = (RwSignal::new(0.0), RwSignal::new(0.0));
    let _ = use_resize_observer(canvas, move |entries, _| {
        let Some(entry) = entries.first() else { return };
        let rect = entry.content_rect();
        width.set(rect.width());
        height.set(rect.height());
    });
    let dpr = use_device_pixel_ratio();
    let dark = use_preferred_dark();
    let visible = near_screen(canvas);

    // The canvas is the outside world: an effect draws on it. Off screen it
    // reads nothing but `visible`, so edits do not redraw it until it shows.
    Effect::new(move |_| {
        if !visible.get() {
            return;
        }
        let Some(el) = canvas.get() else { return };
        let (width, height) = (width.get(), height.get());
        if width < 1.0 || height < 1.0 {
            return;
        }
        let scale = dpr.get().clamp(1.0, 4.0);
        // Resizing a canvas reallocates its bitmap: only when the box changed.
        let (w, h) = (
            (width * scale).round() as u32,
            (height * scale).round() as u32,
        );
        if el.width() != w || el.height() != h {
            el.set_width(w);
            el.set_height(h);
        }
        let Some(backend) = WebBackend::canvas(el) else {
            leptos::logging::warn!("{testid}: the canvas has no 2D context");
            return;
        };
        let theme = if dark.get() {
            Theme::dark()
        } else {
            Theme::light()
        };
        let style = ChartStyle::new(theme).with_scale(scale);
        if let Err(e) = draw(&backend.into_drawing_area(), &style) {
            leptos::logging::warn!("{testid}: {e}");
        }
    });
}

/// How far outside the window an element still counts as near the
/// screen: a chart is drawn before it scrolls into view.
const NEAR_SCREEN: &str = "300px";

/// Whether the element is on screen or within [`NEAR_SCREEN`] of it. True
/// until the browser says otherwise (and for good where it has no
/// `IntersectionObserver`), so a first draw never waits. Our own observer:
/// leptos-use's `use_intersection_observer` measured +2.1 KB gzipped
/// (2026-12-01) and panics where the observer cannot be made.
pub(super) fn near_screen<E>(node: NodeRef<E>) -> Signal<bool>
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    let visible = RwSignal::new(true);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the latest state.
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
            {
                _ = visible.try_set(entry.is_intersecting());
            }
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin(NEAR_SCREEN);
        match IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options) {
            Ok(observer) => {
                observer.observe(el.unchecked_ref());
                let kept = SendWrapper::new((observer, callback));
                on_cleanup(move || kept.0.disconnect());
            }
            Err(e) => leptos::logging::warn!("updating even off screen: {e:?}"),
        }
    });
    visible.into()
}
