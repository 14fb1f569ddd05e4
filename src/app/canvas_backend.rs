//! The page's drawing backends: [`Canvas2d`], plotters' drawing calls on a
//! `<canvas>`, and one enum over it and the SVG backend so that every
//! chart's drawing code is compiled once into the wasm, however many targets
//! it draws to (the canvas on the page, PNG and SVG exports).
//!
//! Every slider move redraws the charts on screen, a few hundred drawing
//! calls each, so [`Canvas2d`] is written for that:
//! - it measures text with the canvas's own `measureText` (plotters' canvas
//!   backend adds a `<span>` to the page and reads its size, a layout of the
//!   whole page per label), and remembers each label's width: tick labels
//!   repeat from one move to the next;
//! - it sets a colour, line width, font or text anchor on the context only
//!   when it differs from the one already set (the browser parses every
//!   colour and font string it is given);
//! - it strokes consecutive lines of one style as one path: a chart's grid
//!   is dozens of lines, and every `stroke()` is a separate rasterisation.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::prelude::SVGBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use wasm_bindgen::{JsCast as _, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Line height of measured text relative to its font size, close to what
/// the browser's `line-height: normal` gives for sans-serif fonts.
const LINE_HEIGHT: f64 = 1.15;

/// How many measured labels are remembered before the memory starts over.
const WIDTHS_KEPT: usize = 2048;

thread_local! {
    /// Width in pixels of each measured `font` + `text`.
    static WIDTHS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
}

/// Where a chart is drawn: a canvas (on the page or for a PNG), or SVG text.
pub enum WebBackend<'a> {
    Canvas(Canvas2d),
    Svg(SVGBackend<'a>),
}

impl WebBackend<'static> {
    /// Draws on `canvas`, or `None` when it has no 2D context.
    pub fn canvas(canvas: HtmlCanvasElement) -> Option<WebBackend<'static>> {
        Canvas2d::new(canvas).map(WebBackend::Canvas)
    }
}

/// plotters' drawing calls on a canvas's 2D context.
pub struct Canvas2d {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// What is set on the context now, as far as this backend knows.
    pen: RefCell<Pen>,
}

/// The context's drawing state this backend sets; `None` or empty is not
/// known yet (a new backend). A rotated label's `save()`/`restore()` keeps
/// it true: everything is set before the `save()`.
#[derive(Default)]
struct Pen {
    fill: Option<Rgba>,
    stroke: Option<Rgba>,
    line_width: Option<u32>,
    font: String,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
    /// Lines have been added to the current path in the stroke style and
    /// are not stroked yet: see [`Canvas2d::settle`].
    open_lines: bool,
}

/// A colour as plotters gives it, comparable (alpha by its bits).
#[derive(Clone, Copy, PartialEq)]
struct Rgba(u8, u8, u8, u64);

impl Rgba {
    fn of(colour: BackendColor) -> Rgba {
        let (r, g, b) = colour.rgb;
        Rgba(r, g, b, colour.alpha.to_bits())
    }

    fn css(self) -> String {
        let Rgba(r, g, b, a) = self;
        format!("rgba({r},{g},{b},{})", f64::from_bits(a))
    }
}

/// The CSS font of a plotters text style.
fn css_font<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

/// A failed canvas call, in words.
fn js_error(e: JsValue) -> WebError {
    let text = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the canvas refused a drawing call".to_owned());
    DrawingErrorKind::DrawingError(WebBackendError(text))
}

/// A one-pixel line on a pixel boundary is blurred across two pixels; half
/// a pixel over puts it on one.
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if from.0 == to.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if from.1 == to.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl Canvas2d {
    fn new(canvas: HtmlCanvasElement) -> Option<Canvas2d> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(Canvas2d {
            canvas,
            context,
            pen: RefCell::default(),
        })
    }

    fn fill(&self, colour: BackendColor) {
        let colour = Rgba::of(colour);
        let mut pen = self.pen.borrow_mut();
        if pen.fill != Some(colour) {
            self.context.set_fill_style_str(&colour.css());
            pen.fill = Some(colour);
        }
    }

    fn stroke<S: BackendStyle>(&self, style: &S) {
        let colour = Rgba::of(style.color());
        let mut pen = self.pen.borrow_mut();
        if pen.stroke != Some(colour) {
            self.context.set_stroke_style_str(&colour.css());
            pen.stroke = Some(colour);
        }
        let width = style.stroke_width();
        if pen.line_width != Some(width) {
            self.context.set_line_width(f64::from(width));
            pen.line_width = Some(width);
        }
    }

    /// Sets `font`, a CSS font (see [`css_font`]).
    fn font(&self, font: &str) {
        let mut pen = self.pen.borrow_mut();
        if pen.font != font {
            self.context.set_font(font);
            font.clone_into(&mut pen.font);
        }
    }

    fn anchor(&self, h: HPos, v: VPos) {
        let align = match h {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        let baseline = match v {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let mut pen = self.pen.borrow_mut();
        if pen.align != Some(align) {
            self.context.set_text_align(align);
            pen.align = Some(align);
        }
        if pen.baseline != Some(baseline) {
            self.context.set_text_baseline(baseline);
            pen.baseline = Some(baseline);
        }
    }

    /// Adds `points` to a new path; false when there are none.
    fn path(&self, points: impl IntoIterator<Item = BackendCoord>) -> bool {
        self.context.begin_path();
        self.trace(points)
    }

    /// Adds `points` to the current path as one more line; false when
    /// there are none.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>) -> bool {
        let mut points = points.into_iter();
        let Some((x, y)) = points.next() else {
            return false;
        };
        self.context.move_to(f64::from(x), f64::from(y));
        for (x, y) in points {
            self.context.line_to(f64::from(x), f64::from(y));
        }
        true
    }

    /// Makes the current path the open batch of lines in `style`: kept when
    /// it already is one, else the open batch is stroked and a new one
    /// begins.
    fn lines_in<S: BackendStyle>(&self, style: &S) {
        let same = {
            let pen = self.pen.borrow();
            pen.open_lines
                && pen.stroke == Some(Rgba::of(style.color()))
                && pen.line_width == Some(style.stroke_width())
        };
        if !same {
            self.settle();
            self.stroke(style);
            self.context.begin_path();
            self.pen.borrow_mut().open_lines = true;
        }
    }

    /// Strokes the open batch of lines, if any. Every drawing call other
    /// than a line does this first, so everything is drawn in call order.
    fn settle(&self) {
        let mut pen = self.pen.borrow_mut();
        if pen.open_lines {
            self.context.stroke();
            pen.open_lines = false;
        }
    }

    /// The width of `text` in `style`'s font, remembered.
    fn width_of<S: BackendTextStyle>(&self, text: &str, style: &S) -> f64 {
        let font = css_font(style);
        let key = format!("{font}\u{0}{text}");
        if let Some(width) = WIDTHS.with_borrow(|w| w.get(&key).copied()) {
            return width;
        }
        self.font(&font);
        let Ok(metrics) = self.context.measure_text(text) else {
            // An estimate, not remembered: the next draw asks again.
            return 0.6 * style.size() * text.chars().count() as f64;
        };
        let width = metrics.width();
        WIDTHS.with_borrow_mut(|w| {
            if w.len() >= WIDTHS_KEPT {
                w.clear();
            }
            w.insert(key, width);
        });
        width
    }
}

/// A chart that ends on lines (no `present()`) still shows them.
impl Drop for Canvas2d {
    fn drop(&mut self) {
        self.settle();
    }
}

impl DrawingBackend for Canvas2d {
    type ErrorType = WebBackendError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), WebError> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), WebError> {
        self.settle();
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Result<(), WebError> {
        self.settle();
        if colour.alpha > 0.0 {
            self.fill(colour);
            self.context.fill_rect(f64::from(x), f64::from(y), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), WebError> {
        if style.color().alpha > 0.0 {
            let (a, b) = crisp(from, to);
            self.lines_in(style);
            self.context.move_to(a.0, a.1);
            self.context.line_to(b.0, b.1);
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), WebError> {
        self.settle();
        if style.color().alpha > 0.0 {
            let (x, y, w, h) = (
                f64::from(x0),
                f64::from(y0),
                f64::from(x1 - x0),
                f64::from(y1 - y0),
            );
            if fill {
                self.fill(style.color());
                self.context.fill_rect(x, y, w, h);
            } else {
                self.stroke(style);
                self.context.stroke_rect(x, y, w, h);
            }
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), WebError> {
        let mut path = path.into_iter().peekable();
        if style.color().alpha > 0.0 && path.peek().is_some() {
            self.lines_in(style);
            self.trace(path);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), WebError> {
        self.settle();
        if style.color().alpha > 0.0 {
            self.fill(style.color());
            if self.path(vertices) {
                self.context.close_path();
                self.context.fill();
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), WebError> {
        self.settle();
        if style.color().alpha > 0.0 {
            if fill {
                self.fill(style.color());
            } else {
                self.stroke(style);
            }
            self.context.begin_path();
            self.context
                .arc(
                    f64::from(x),
                    f64::from(y),
                    f64::from(radius),
                    0.0,
                    std::f64::consts::TAU,
                )
                .map_err(js_error)?;
            if fill {
                self.context.fill();
            } else {
                self.context.stroke();
            }
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), WebError> {
        self.settle();
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.25,
            FontTransform::Rotate180 => 0.5,
            FontTransform::Rotate270 => 0.75,
        };
        self.fill(style.color());
        self.font(&css_font(style));
        let anchor = style.anchor();
        self.anchor(anchor.h_pos, anchor.v_pos);
        if turn == 0.0 {
            return self
                .context
                .fill_text(text, f64::from(x), f64::from(y))
                .map_err(js_error);
        }
        self.context.save();
        let drawn = self
            .context
            .translate(f64::from(x), f64::from(y))
            .and_then(|()| self.context.rotate(turn * std::f64::consts::TAU))
            .and_then(|()| self.context.fill_text(text, 0.0, 0.0));
        self.context.restore();
        drawn.map_err(js_error)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), WebError> {
        let width = self.width_of(text, style);
        let height = style.size() * LINE_HEIGHT;
        Ok((width.ceil() as u32, height.ceil() as u32))
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
            WebBackend::Canvas($b) => $call,
            WebBackend::Svg($b) => $call.map_err(web_error),
        }
    };
}

impl DrawingBackend for WebBackend<'_> {
    type ErrorType = WebBackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            WebBackend::Canvas(b) => b.get_size(),
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
        each!(self, b => b.estimate_text_size(text, style))
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
