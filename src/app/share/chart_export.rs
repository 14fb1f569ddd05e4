//! Charts as files for planning decks: the same `crate::chart` drawing code
//! as the page, on an offscreen canvas at twice the pixels (PNG) or into an
//! SVG string, always in the light theme, with a header naming the chart,
//! the scenario, the date and the price snapshot. The Export menu's charts
//! are [`Chart`]s; the model comparison, drawn with its panel's filters, has
//! its own two functions over the same path.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, HtmlCanvasElement};

use super::browser::{self, js_error};
use crate::app::canvas_backend::WebBackend;
use crate::app::compare::Pinned;
use crate::chart::{
    BreakEvenData, BreakdownBy, BreakdownData, ChartError, ChartStyle, CrossoverData, ModelsData,
    ProjectionData, SpendData, Theme, draw_break_even, draw_break_even_price, draw_breakdown,
    draw_crossover, draw_models, draw_projection, draw_spend,
};
use crate::engine::switch::ModelFilter;
use crate::engine::{Plan, Scenario};
use crate::export;

/// An exported chart's size in CSS pixels: 16:9, the shape of a slide.
pub const SIZE: (u32, u32) = (960, 540);
/// Device pixels per CSS pixel of a PNG export.
pub const PNG_SCALE: u32 = 2;
/// Why there is no self-hosting chart or data to export.
pub const NO_CROSSOVER: &str = "no self-hosted model is weighed against an API model \
(add one in the editor's custom models, or from the self-hosting panel)";
/// Sweep points of an exported chart: smooth at full-slide size.
const POINTS: usize = 200;

/// A chart that can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    Spend,
    BreakEven,
    BreakEvenPrice,
    /// Where the money goes, by feature and step.
    Breakdown,
    /// Month by month over the horizon, with its milestones.
    Projection,
    /// The default steps on an API against on the first self-hosted
    /// model's own GPUs.
    Crossover,
}

impl Chart {
    /// The chart's name in its header.
    pub fn title(self) -> &'static str {
        match self {
            Chart::Spend => "Monthly spend",
            Chart::BreakEven => "Break-even",
            Chart::BreakEvenPrice => "Break-even price",
            Chart::Breakdown => "Where the money goes",
            Chart::Projection => "Projection",
            Chart::Crossover => "API against self-hosted",
        }
    }

    /// The file name of this chart of `s` with `extension`.
    pub fn file_name(self, s: &Scenario, extension: &str) -> String {
        let part = match self {
            Chart::Spend => "spend",
            Chart::BreakEven => "break-even",
            Chart::BreakEvenPrice => "break-even-price",
            Chart::Breakdown => "breakdown",
            Chart::Projection => "projection",
            Chart::Crossover => "self-hosting",
        };
        export::file_name(&s.name, &format!("-{part}.{extension}"))
    }

    fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        s: &Scenario,
        pinned: Option<&Pinned>,
        style: &ChartStyle,
    ) -> Result<(), ChartError> {
        let plan = Plan::compile(s);
        match self {
            Chart::Spend => {
                let data = SpendData::new(&plan, POINTS);
                let data = match pinned {
                    Some(p) => data.with_pinned(&p.name, &Plan::compile(&p.scenario)),
                    None => data,
                };
                draw_spend(area, &data, style)
            }
            Chart::BreakEven => draw_break_even(area, &BreakEvenData::new(&plan, POINTS), style),
            Chart::BreakEvenPrice => {
                draw_break_even_price(area, &BreakEvenData::new(&plan, POINTS), style)
            }
            Chart::Breakdown => {
                let data = BreakdownData::new(&plan.report(s));
                draw_breakdown(area, &data, BreakdownBy::Step, style)
            }
            Chart::Projection => {
                draw_projection(area, &ProjectionData::new(&plan.report(s)), style)
            }
            Chart::Crossover => match CrossoverData::first(&plan, s) {
                Some(data) => draw_crossover(area, &data, style),
                None => Err(ChartError(NO_CROSSOVER.to_owned())),
            },
        }
    }
}

/// The export style of the chart `title` of `s` at `scale`.
fn style(title: &str, s: &Scenario, scale: f64) -> ChartStyle {
    ChartStyle::new(Theme::light())
        .with_scale(scale)
        .with_title(export::chart_title(title, &s.name, &browser::today()))
}

/// Draws a chart on an export's drawing area, in an export's style.
type Draw<'d> =
    dyn for<'b> Fn(&DrawingArea<WebBackend<'b>, Shift>, &ChartStyle) -> Result<(), ChartError> + 'd;

/// The model comparison chart's name in its header.
pub const MODELS_TITLE: &str = "Model comparison";

/// The file name of the model comparison chart of `s` with `extension`.
pub fn models_file_name(s: &Scenario, extension: &str) -> String {
    export::file_name(&s.name, &format!("-models.{extension}"))
}

/// The model comparison chart of `s`: every candidate default model that
/// passes `filter`, as the panel draws it.
fn models(s: &Scenario, filter: &ModelFilter) -> ModelsData {
    let plan = Plan::compile(s);
    ModelsData::new(&plan.model_options(s, filter), plan.users())
}

/// The chart of `s` as SVG text, drawn by the same code as the page
/// (through [`WebBackend`], so it costs the wasm no second copy); the spend
/// chart also draws the `pinned` scenario, as on the page.
pub fn svg(chart: Chart, s: &Scenario, pinned: Option<&Pinned>) -> Result<String, ChartError> {
    svg_of(chart.title(), s, &|area, style| {
        chart.draw(area, s, pinned, style)
    })
}

/// The model comparison chart of `s` under `filter` as SVG text.
pub fn models_svg(s: &Scenario, filter: &ModelFilter) -> Result<String, ChartError> {
    let data = models(s, filter);
    svg_of(MODELS_TITLE, s, &|area, style| {
        draw_models(area, &data, style)
    })
}

fn svg_of(title: &str, s: &Scenario, draw: &Draw<'_>) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = WebBackend::Svg(SVGBackend::with_string(&mut out, SIZE)).into_drawing_area();
        draw(&root, &style(title, s, 1.0))?;
        root.present()?;
    }
    Ok(out)
}

/// Draws the chart of `s` as a PNG at [`PNG_SCALE`] times [`SIZE`] and
/// offers it as a download; `done` gets the file name or what went wrong
/// (encoding happens after this returns).
pub fn download_png(
    chart: Chart,
    s: &Scenario,
    pinned: Option<&Pinned>,
    done: impl FnOnce(Result<String, String>) + 'static,
) -> Result<(), String> {
    png_of(
        chart.title(),
        chart.file_name(s, "png"),
        s,
        &|area, style| chart.draw(area, s, pinned, style),
        Box::new(done),
    )
}

/// [`download_png`] of the model comparison chart of `s` under `filter`.
pub fn download_models_png(
    s: &Scenario,
    filter: &ModelFilter,
    done: impl FnOnce(Result<String, String>) + 'static,
) -> Result<(), String> {
    let data = models(s, filter);
    png_of(
        MODELS_TITLE,
        models_file_name(s, "png"),
        s,
        &|area, style| draw_models(area, &data, style),
        Box::new(done),
    )
}

fn png_of(
    title: &str,
    file_name: String,
    s: &Scenario,
    draw: &Draw<'_>,
    done: Box<dyn FnOnce(Result<String, String>)>,
) -> Result<(), String> {
    let canvas = leptos::prelude::document()
        .create_element("canvas")
        .map_err(|e| js_error(&e))?
        .dyn_into::<HtmlCanvasElement>()
        .map_err(|_| "the browser made no canvas".to_owned())?;
    canvas.set_width(SIZE.0 * PNG_SCALE);
    canvas.set_height(SIZE.1 * PNG_SCALE);
    let backend = WebBackend::canvas(canvas.clone())
        .ok_or_else(|| "the canvas has no 2D context".to_owned())?;
    let root = backend.into_drawing_area();
    draw(&root, &style(title, s, f64::from(PNG_SCALE))).map_err(|e| e.to_string())?;
    root.present()
        .map_err(|e| ChartError::from(e).to_string())?;

    let encoded = Closure::once_into_js(move |blob: JsValue| {
        let outcome = match blob.dyn_into::<Blob>() {
            Ok(blob) => browser::download_blob(&blob, &file_name).map(|()| file_name),
            Err(_) => Err("the browser could not encode the PNG".to_owned()),
        };
        done(outcome);
    });
    canvas
        .to_blob_with_type(encoded.unchecked_ref(), "image/png")
        .map_err(|e| format!("could not encode the PNG: {}", js_error(&e)))
}
