//! Charts as files for planning decks: the same `crate::chart` drawing code
//! as the page, on an offscreen canvas at twice the pixels (PNG) or into an
//! SVG string, always in the light theme, with a header naming the chart,
//! the scenario, the date and the price snapshot.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, HtmlCanvasElement};

use super::browser::{self, js_error};
use crate::app::canvas_backend::WebBackend;
use crate::app::compare::Pinned;
use crate::chart::{
    BreakEvenData, BreakdownBy, BreakdownData, ChartError, ChartStyle, CrossoverData,
    ProjectionData, SpendData, Theme, draw_break_even, draw_break_even_price, draw_breakdown,
    draw_crossover, draw_projection, draw_spend,
};
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

    fn style(self, s: &Scenario, scale: f64) -> ChartStyle {
        ChartStyle::new(Theme::light())
            .with_scale(scale)
            .with_title(export::chart_title(
                self.title(),
                &s.name,
                &browser::today(),
            ))
    }
}

/// The chart of `s` as SVG text, drawn by the same code as the page
/// (through [`WebBackend`], so it costs the wasm no second copy); the spend
/// chart also draws the `pinned` scenario, as on the page.
pub fn svg(chart: Chart, s: &Scenario, pinned: Option<&Pinned>) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = WebBackend::Svg(SVGBackend::with_string(&mut out, SIZE)).into_drawing_area();
        chart.draw(&root, s, pinned, &chart.style(s, 1.0))?;
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
    chart
        .draw(&root, s, pinned, &chart.style(s, f64::from(PNG_SCALE)))
        .map_err(|e| e.to_string())?;
    root.present()
        .map_err(|e| ChartError::from(e).to_string())?;

    let file_name = chart.file_name(s, "png");
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
