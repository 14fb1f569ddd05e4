//! The page's drawing backends. plotters' canvas backend with fast text
//! measurement, and one enum over it and the SVG backend so that every
//! chart's drawing code is compiled once into the wasm, however many
//! targets it draws to (the canvas on the page, PNG and SVG exports).
//!
//! Text measurement: plotters measures text in the browser by adding a
//! `<span>` to the page and reading its size, which forces a layout of the
//! whole page for every label; the charts have dozens of labels and redraw
//! on every slider move. On a canvas this backend measures with the
//! canvas's own `measureText` instead, which needs no layout; every drawing
//! call passes through unchanged.

use plotters::prelude::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast as _;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Line height of measured text relative to its font size, close to what
/// the browser's `line-height: normal` gives for sans-serif fonts.
const LINE_HEIGHT: f64 = 1.15;

/// Where a chart is drawn: a canvas (on the page or for a PNG), measuring
/// text with its own context, or SVG text.
pub enum WebBackend<'a> {
    Canvas {
        inner: CanvasBackend,
        context: CanvasRenderingContext2d,
    },
    Svg(SVGBackend<'a>),
}

impl WebBackend<'static> {
    /// Draws on `canvas`, or `None` when it has no 2D context.
    pub fn canvas(canvas: HtmlCanvasElement) -> Option<WebBackend<'static>> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(WebBackend::Canvas { inner, context })
    }
}

/// A drawing error of either backend, in words.
#[derive(Debug)]
pub struct WebBackendError(String);

impl std::fmt::Display for WebBackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WebBackendError {}

type WebError = DrawingErrorKind<WebBackendError>;

fn web_error<E: std::error::Error + Send + Sync>(e: DrawingErrorKind<E>) -> WebError {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(WebBackendError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls the same method on whichever backend this is.
macro_rules! each {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            WebBackend::Canvas { inner: $b, .. } => $call.map_err(web_error),
            WebBackend::Svg($b) => $call.map_err(web_error),
        }
    };
}

impl DrawingBackend for WebBackend<'_> {
    type ErrorType = WebBackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            WebBackend::Canvas { inner, .. } => inner.get_size(),
            WebBackend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), WebError> {
        each!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), WebError> {
        each!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), WebError> {
        each!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), WebError> {
        each!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), WebError> {
        each!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), WebError> {
        each!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), WebError> {
        each!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), WebError> {
        each!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), WebError> {
        each!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), WebError> {
        let WebBackend::Canvas { context, .. } = self else {
            return each!(self, b => b.estimate_text_size(text, style));
        };
        let size = style.size();
        context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            size,
            style.family().as_str()
        ));
        let width = context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.6 * size * text.chars().count() as f64);
        Ok((width.ceil() as u32, (size * LINE_HEIGHT).ceil() as u32))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), WebError> {
        each!(self, b => b.blit_bitmap(pos, size, src))
    }
}
