//! What every chart shares: the guarded ranges (no NaN or infinity may
//! reach plotters, whose tick search asserts or never ends on them), the
//! frame around the plot (background, header, legend) and the axes of the
//! money-against-users charts. Owns layout only; the charts own their data.

use plotters::coord::Shift;
use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::theme::ChartStyle;
use crate::format;

/// Money beyond this is drawn at this: far above any plan, far below where
/// f64 tick arithmetic loses its footing.
const MONEY_LIMIT: f64 = 1e15;
/// A user axis never reaches past this.
const USERS_LIMIT: f64 = 1e11;
/// Names in bars and legends longer than this many characters end in an
/// ellipsis (and so does any text wider than its room on the chart).
pub(crate) const MAX_LABEL_CHARS: usize = 40;
/// Below this size in CSS pixels a chart is only its background.
const MIN_CSS_SIZE: (f64, f64) = (160.0, 110.0);

/// `v` as a money amount plotters can draw: finite, 0 to [`MONEY_LIMIT`].
pub(crate) fn money_value(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, MONEY_LIMIT)
    } else {
        0.0
    }
}

/// The top of a money axis whose largest value is `max`: a little headroom,
/// and 0..1 when there is nothing to show.
pub(crate) fn money_top(max: f64) -> f64 {
    let m = money_value(max);
    if m <= 1e-9 { 1.0 } else { m * 1.1 }
}

/// A user range on a log axis, `1 ≤ lo < hi ≤` [`USERS_LIMIT`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LogX {
    pub lo: f64,
    pub hi: f64,
}

impl LogX {
    /// A decade either side of `users`, so that today sits mid-chart and,
    /// on a linear money axis, still clear of the bottom; at least 1 to 100.
    pub fn around(users: f64) -> LogX {
        let centre = if users.is_finite() {
            users.clamp(1.0, USERS_LIMIT / 10.0)
        } else {
            1.0
        };
        LogX {
            lo: (centre / 10.0).max(1.0),
            hi: (centre * 10.0).clamp(100.0, USERS_LIMIT),
        }
    }

    /// Widened to show `users` with a decade of room, unless it is not a
    /// user count worth showing (not finite or past 1e9).
    pub fn including(self, users: f64) -> LogX {
        if !users.is_finite() || !(1.0..=1e9).contains(&users) {
            return self;
        }
        LogX {
            lo: self.lo.min((users / 10.0).max(1.0)),
            hi: self.hi.max(users * 10.0).min(USERS_LIMIT),
        }
    }

    /// `users` moved into the range (today at 0 users sits at the left edge).
    pub fn clamp(self, users: f64) -> f64 {
        if users.is_finite() {
            users.clamp(self.lo, self.hi)
        } else {
            self.lo
        }
    }

    pub fn contains(self, users: f64) -> bool {
        (self.lo..=self.hi).contains(&users)
    }

    /// Where `users` falls across the axis, 0 at the left and 1 at the right.
    pub fn fraction(self, users: f64) -> f64 {
        let span = (self.hi / self.lo).ln();
        if span > 0.0 {
            ((self.clamp(users) / self.lo).ln() / span).clamp(0.0, 1.0)
        } else {
            0.5
        }
    }
}

/// A money range on a log axis, `0 < lo < hi`, at least a decade wide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LogY {
    pub lo: f64,
    pub hi: f64,
}

impl LogY {
    /// Spans the positive `values` with some room; $1 to $100 when there
    /// are none.
    pub fn spanning(values: impl IntoIterator<Item = f64>) -> LogY {
        let (min, max) = values
            .into_iter()
            .map(money_value)
            .filter(|v| *v > 0.0)
            .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if max <= 0.0 || !min.is_finite() {
            return LogY { lo: 1.0, hi: 100.0 };
        }
        let hi = max * 1.5;
        // Twelve decades at most, one at least, centred on the values.
        let lo = (min / 1.5).max(hi * 1e-12);
        let widen = (10.0 / (hi / lo)).max(1.0).sqrt();
        LogY {
            lo: lo / widen,
            hi: hi * widen,
        }
    }

    /// `v` moved into the range (a zero sits on the bottom edge).
    pub fn clamp(self, v: f64) -> f64 {
        if v.is_finite() {
            v.clamp(self.lo, self.hi)
        } else {
            self.lo
        }
    }

    /// The log axis over this range, labelled at [`LogY::ticks`] for an
    /// axis of `room` (see [`y_label_room`]).
    pub fn axis(self, room: LabelRoom) -> WithKeyPoints<LogCoord<f64>> {
        (self.lo..self.hi)
            .log_scale()
            .with_key_points(self.ticks(room))
    }

    /// Where the axis is labelled, the densest of these whose labels stay
    /// `room.gap` apart: 1, 2 and 5 of every decade (plotters alone labels
    /// only the powers of ten, so a one-decade axis had a single label),
    /// the powers of ten, every second, third… power of ten. Two labels at
    /// least: 1 and 5 of each decade when the powers of ten are fewer.
    pub fn ticks(self, room: LabelRoom) -> Vec<f64> {
        let first = self.lo.log10().floor() as i32;
        let last = self.hi.log10().ceil() as i32;
        let inside = |v: &f64| *v >= self.lo * (1.0 - 1e-9) && *v <= self.hi * (1.0 + 1e-9);
        let at = |steps: &[f64]| -> Vec<f64> {
            (first..=last)
                .flat_map(|e| steps.iter().map(move |m| m * 10f64.powi(e)))
                .filter(inside)
                .collect()
        };
        // Pixels per decade, and the closest two labels of a set in decades.
        let decade = room.height / (self.hi / self.lo).log10();
        let ticks = if decade * 2f64.log10() >= room.gap {
            at(&[1.0, 2.0, 5.0])
        } else {
            let stride = (room.gap / decade).ceil().max(1.0) as usize;
            at(&[1.0]).into_iter().step_by(stride).collect()
        };
        if ticks.len() >= 2 {
            ticks
        } else {
            at(&[1.0, 5.0])
        }
    }
}

/// The length of a money axis and the least distance between two of its
/// labels, in pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LabelRoom {
    pub height: f64,
    pub gap: f64,
}

/// CSS pixels between two money labels, at least.
const Y_LABEL_GAP: f64 = 28.0;

/// Margin above and below a users chart, and the room under it for the
/// users labels and name, in CSS pixels.
const CHART_MARGIN: f64 = 12.0;
const X_LABEL_AREA: f64 = 44.0;

/// The height in pixels of the money axis [`users_chart`] builds on `plot`.
fn y_axis_height<DB: DrawingBackend>(plot: &DrawingArea<DB, Shift>, style: &ChartStyle) -> i64 {
    i64::from(plot.dim_in_pixel().1)
        - 2 * i64::from(style.px(CHART_MARGIN))
        - i64::from(style.upx(X_LABEL_AREA))
}

/// The room for money labels up the axis of a [`users_chart`] on `plot`.
pub(crate) fn y_label_room<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
) -> LabelRoom {
    LabelRoom {
        height: (y_axis_height(plot, style) as f64).max(1.0),
        gap: f64::from(style.px(Y_LABEL_GAP)).max(1.0),
    }
}

/// The scenario's own user count and its value on a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Today {
    pub users: f64,
    pub value: f64,
}

impl Today {
    pub fn new(users: f64, value: f64) -> Today {
        Today {
            users: if users.is_finite() {
                users.max(0.0)
            } else {
                0.0
            },
            value: money_value(value),
        }
    }

    /// Where today is drawn on `x`: at its edge when off the range.
    pub fn point(self, x: LogX) -> (f64, f64) {
        (x.clamp(self.users), self.value)
    }
}

/// "1 user", "1,250 users".
pub(crate) fn users_text(users: f64) -> String {
    let noun = if users == 1.0 { "user" } else { "users" };
    format!("{} {noun}", format::count(users))
}

/// `text` cut to `max_chars` characters, the last one an ellipsis.
pub(crate) fn ellipsize(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `name`, or `fallback` when it is blank, cut to `max_chars`.
pub(crate) fn label(name: &str, max_chars: usize, fallback: impl FnOnce() -> String) -> String {
    let name = name.trim();
    if name.is_empty() {
        ellipsize(&fallback(), max_chars)
    } else {
        ellipsize(name, max_chars)
    }
}

/// The stretches of the line through `points` where it is positive: what
/// a log money axis can show.
pub(crate) fn positive_runs(points: impl IntoIterator<Item = (f64, f64)>) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (x, y) in points {
        if y > 0.0 && y.is_finite() {
            if let Some(run) = runs.last_mut() {
                run.push((x, y));
            }
        } else if runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// What a legend entry's key looks like.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Swatch {
    Fill(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
    /// A filled dot: today.
    Dot(RGBColor),
    /// A hollow ring: break-even.
    Ring(RGBColor),
    /// No key: a note in words.
    Note,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LegendEntry {
    pub swatch: Swatch,
    pub text: String,
}

impl LegendEntry {
    pub fn new(swatch: Swatch, text: impl Into<String>) -> LegendEntry {
        LegendEntry {
            swatch,
            text: text.into(),
        }
    }
}

/// Lays out items of `widths` left to right in rows of `width`, `gap`
/// apart: the row and x of each. An item wider than a row gets a row.
pub(crate) fn flow(widths: &[u32], width: u32, gap: u32) -> Vec<(usize, u32)> {
    let mut row = 0;
    let mut x = 0;
    widths
        .iter()
        .map(|&w| {
            if x > 0 && x + w > width {
                row += 1;
                x = 0;
            }
            let at = (row, x);
            x += w + gap;
            at
        })
        .collect()
}

/// Fills the background, draws the header and the legend, and returns the
/// area left for the plot; `None` when the area is too small for a chart.
pub(crate) fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    legend: &[LegendEntry],
) -> Result<Option<DrawingArea<DB, Shift>>, ChartError> {
    area.fill(&style.theme.background)?;
    let (w, h) = area.dim_in_pixel();
    let k = style.factor();
    if f64::from(w) < MIN_CSS_SIZE.0 * k || f64::from(h) < MIN_CSS_SIZE.1 * k {
        return Ok(None);
    }
    let pad = style.px(10.0);
    let inner = w.saturating_sub(2 * pad.unsigned_abs());
    let mut rest = area.clone();

    if let Some(title) = style
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let font = style.title_font();
        let text = fit_text(area, title, &font, inner)?;
        let height = style.px(30.0);
        let (top, below) = rest.split_vertically(height);
        top.draw(&Text::new(
            text,
            (pad, height / 2 + style.px(2.0)),
            font.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        rest = below;
    }

    if !legend.is_empty() {
        let font = style.font(12.0, style.theme.text);
        let key = style.upx(14.0);
        let key_gap = style.upx(6.0);
        let mut texts = Vec::with_capacity(legend.len());
        let mut widths = Vec::with_capacity(legend.len());
        for entry in legend {
            let max_text = inner.saturating_sub(key + key_gap);
            let text = fit_text(area, &entry.text, &font, max_text)?;
            let (tw, _) = area.estimate_text_size(&text, &font)?;
            let key_width = if entry.swatch == Swatch::Note {
                0
            } else {
                key + key_gap
            };
            widths.push(key_width + tw);
            texts.push(text);
        }
        let places = flow(&widths, inner, style.upx(18.0));
        let line = style.px(20.0);
        let rows_fit = usize::try_from((rest.dim_in_pixel().1 * 2 / 5) / line.unsigned_abs())
            .unwrap_or(0)
            .max(1);
        let rows = places
            .iter()
            .map(|(row, _)| row + 1)
            .max()
            .unwrap_or(0)
            .min(rows_fit);
        let height = line * i32::try_from(rows).unwrap_or(1) + style.px(6.0);
        let split_at = i32::try_from(rest.dim_in_pixel().1).unwrap_or(0) - height;
        let (plot, bottom) = rest.split_vertically(split_at.max(0));
        for ((entry, text), (row, x)) in legend.iter().zip(texts).zip(places) {
            if row >= rows {
                break;
            }
            let x = pad + i32::try_from(x).unwrap_or(0);
            let mid = line * i32::try_from(row).unwrap_or(0) + line / 2 + style.px(4.0);
            let text_x = draw_swatch(&bottom, style, entry.swatch, (x, mid))?;
            bottom.draw(&Text::new(
                text,
                (text_x, mid),
                font.pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        rest = plot;
    }
    Ok(Some(rest))
}

/// Draws a legend key with its left edge at `x`, centred on `mid`; returns
/// where its text starts.
fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    swatch: Swatch,
    (x, mid): (i32, i32),
) -> Result<i32, ChartError> {
    let size = style.px(14.0);
    let half = size / 2;
    let (l, r) = (x, x + size);
    match swatch {
        Swatch::Note => return Ok(x),
        Swatch::Fill(c) => {
            let box_half = style.px(5.0);
            area.draw(&Rectangle::new(
                [(l, mid - box_half), (r, mid + box_half)],
                c.mix(0.8).filled(),
            ))?;
        }
        Swatch::Line(c) => {
            area.draw(&PathElement::new(
                vec![(l, mid), (r, mid)],
                style.line(c, 2.5),
            ))?;
        }
        Swatch::Dashed(c) => {
            let dash = style.px(5.0);
            for start in [l, l + dash + style.px(4.0)] {
                let end = (start + dash).min(r);
                area.draw(&PathElement::new(
                    vec![(start, mid), (end, mid)],
                    style.line(c, 2.0),
                ))?;
            }
        }
        Swatch::Dot(c) => {
            area.draw(&Circle::new((l + half, mid), style.px(5.0), c.filled()))?;
        }
        Swatch::Ring(c) => {
            area.draw(&Circle::new(
                (l + half, mid),
                style.px(5.0),
                style.line(c, 2.0),
            ))?;
        }
    }
    Ok(r + style.px(6.0))
}

/// `text`, ellipsized until it is at most `max_width` pixels wide as
/// `font` draws it on `area`.
pub(crate) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    max_width: u32,
) -> Result<String, ChartError> {
    if area.estimate_text_size(text, font)?.0 <= max_width {
        return Ok(text.to_owned());
    }
    // The widest prefix that fits, by bisection on the character count.
    let (mut lo, mut hi) = (1, text.chars().count());
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if area.estimate_text_size(&ellipsize(text, mid), font)?.0 <= max_width {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(ellipsize(text, lo))
}

/// A chart of money (linear or log) against users on a log axis.
pub(crate) type UsersChart<'a, DB, Y> = ChartContext<'a, DB, Cartesian2d<LogCoord<f64>, Y>>;

/// Builds the axes and grid of a money-against-users chart on `plot`;
/// `y` is [`linear_money`] or [`LogY::axis`]. The money axis is named by
/// the first of `y_descs` that fits beside it (longest first).
pub(crate) fn users_chart<'a, DB, Y>(
    plot: &'a DrawingArea<DB, Shift>,
    style: &ChartStyle,
    x: LogX,
    y: Y,
    y_descs: &[&str],
) -> Result<UsersChart<'a, DB, Y::CoordDescType>, ChartError>
where
    DB: DrawingBackend,
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let theme = &style.theme;
    let (margin, x_labels) = (style.px(CHART_MARGIN), style.upx(X_LABEL_AREA));
    let desc_font = style.font(13.0, theme.text);
    // The name runs up the axis.
    let room = y_axis_height(plot, style);
    let mut y_desc = y_descs.last().copied().unwrap_or_default();
    for desc in y_descs {
        if i64::from(plot.estimate_text_size(desc, &desc_font)?.0) <= room {
            y_desc = desc;
            break;
        }
    }
    let mut chart = ChartBuilder::on(plot)
        .margin(margin)
        .margin_left(style.px(4.0))
        // Room for half of the last tick label ("100M") right of the axis.
        .margin_right(style.px(24.0))
        .x_label_area_size(x_labels)
        .y_label_area_size(style.upx(72.0))
        .build_cartesian_2d((x.lo..x.hi).log_scale(), y)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|u| format::compact_count(*u))
        .y_label_formatter(&|m| format::compact_money(*m))
        .x_desc("Users")
        .y_desc(y_desc)
        .label_style(style.font(12.0, theme.muted_text))
        .axis_desc_style(desc_font)
        .bold_line_style(style.line(theme.grid, 1.0))
        .light_line_style(ShapeStyle {
            color: theme.grid.mix(0.45),
            filled: false,
            stroke_width: style.upx(1.0),
        })
        .y_max_light_lines(0)
        .axis_style(style.line(theme.axis, 1.0))
        .set_all_tick_mark_size(style.px(4.0))
        .draw()?;
    Ok(chart)
}

/// A linear money axis from 0 to `top` (guarded: finite and positive).
pub(crate) fn linear_money(top: f64) -> std::ops::Range<f64> {
    if top.is_finite() && top > 0.0 {
        0.0..top.min(MONEY_LIMIT * 1.1)
    } else {
        0.0..1.0
    }
}

/// Draws today's marker at `at`: a dashed guide from `bottom` to `top`
/// and a dot ringed in the background colour.
pub(crate) fn draw_today<DB, CT>(
    chart: &mut ChartContext<'_, DB, CT>,
    style: &ChartStyle,
    at: (f64, f64),
    (bottom, top): (f64, f64),
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    CT: CoordTranslate<From = (f64, f64)>,
{
    let theme = &style.theme;
    chart.draw_series(DashedLineSeries::new(
        vec![(at.0, bottom), (at.0, top)],
        style.px(3.0),
        style.px(3.0),
        style.line(theme.muted_text, 1.0),
    ))?;
    chart.draw_series([
        Circle::new(at, style.px(7.0), theme.background.filled()),
        Circle::new(at, style.px(5.0), theme.current.filled()),
    ])?;
    Ok(())
}

/// A text next to the point `at`, on the side of `x` with more room.
pub(crate) fn draw_point_label<DB, CT>(
    chart: &mut ChartContext<'_, DB, CT>,
    style: &ChartStyle,
    x: LogX,
    at: (f64, f64),
    text: &str,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    CT: CoordTranslate<From = (f64, f64)>,
{
    let gap = style.px(8.0);
    let (h, dx) = if x.fraction(at.0) > 0.6 {
        (HPos::Right, -gap)
    } else {
        (HPos::Left, gap)
    };
    let font = style
        .font(12.0, style.theme.text)
        .pos(Pos::new(h, VPos::Bottom));
    chart.draw_series(std::iter::once(
        EmptyElement::at(at) + Text::new(text.to_owned(), (dx, -gap), font),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ranges_keep_today_in_view() {
        let range = |lo, hi| LogX { lo, hi };
        assert_eq!(LogX::around(0.0), range(1.0, 100.0));
        assert_eq!(LogX::around(1.0), range(1.0, 100.0));
        assert_eq!(LogX::around(50.0), range(5.0, 500.0));
        assert_eq!(LogX::around(1e7), range(1e6, 1e8));
        assert_eq!(LogX::around(f64::NAN), range(1.0, 100.0));
        let huge = LogX::around(1e15);
        assert!(huge.hi <= USERS_LIMIT && huge.lo < huge.hi);
        assert!((LogX::around(10_000.0).fraction(10_000.0) - 0.5).abs() < 1e-12);
        assert_eq!(LogX::around(0.0).clamp(0.0), 1.0);
    }

    #[test]
    fn log_ranges_widen_to_break_even() {
        let x = LogX::around(50.0);
        assert_eq!(
            x.including(20_000.0),
            LogX {
                lo: 5.0,
                hi: 200_000.0
            }
        );
        assert_eq!(x.including(2.0), LogX { lo: 1.0, hi: 500.0 });
        assert_eq!(x.including(50.0), x);
        assert_eq!(x.including(5e9), x, "too far to show");
        assert_eq!(x.including(f64::INFINITY), x);
    }

    #[test]
    fn money_axes_never_collapse() {
        assert_eq!(money_top(0.0), 1.0);
        assert_eq!(money_top(f64::NAN), 1.0);
        assert_eq!(money_top(-5.0), 1.0);
        assert!((money_top(100.0) - 110.0).abs() < 1e-9);
        assert!(money_top(f64::INFINITY).is_finite());
        assert!(money_top(1e300).is_finite());
    }

    #[test]
    fn long_names_end_in_an_ellipsis() {
        assert_eq!(ellipsize("Caption", 28), "Caption");
        assert_eq!(ellipsize("Generate marketing post", 10), "Generate…");
        assert_eq!(ellipsize("ééééé", 3), "éé…");
        assert_eq!(label("  ", 28, || "Feature 2".into()), "Feature 2");
        assert_eq!(
            label("x".repeat(40).as_str(), 28, String::new)
                .chars()
                .count(),
            28
        );
    }

    #[test]
    fn log_money_ranges_span_the_values() {
        assert_eq!(LogY::spanning([]), LogY { lo: 1.0, hi: 100.0 });
        assert_eq!(
            LogY::spanning([0.0, f64::NAN, -3.0]),
            LogY { lo: 1.0, hi: 100.0 }
        );
        let y = LogY::spanning([0.0, 2.0, 3000.0]);
        assert!(
            y.lo < 2.0 && y.lo > 1.0 && y.hi > 3000.0 && y.hi < 5000.0,
            "{y:?}"
        );
        let narrow = LogY::spanning([5.0, 5.0]);
        assert!((narrow.hi / narrow.lo - 10.0).abs() < 1e-9, "{narrow:?}");
        assert!(narrow.lo < 5.0 && narrow.hi > 5.0);
        let wide = LogY::spanning([1e-300, 1e12]);
        assert!(wide.hi / wide.lo <= 1.0001e12, "{wide:?}");
        assert_eq!(y.clamp(0.0), y.lo);
    }

    #[test]
    fn log_axes_label_one_two_five_until_there_are_too_many() {
        // One decade: plotters alone labelled only $100 here.
        let room = |height: f64| LabelRoom { height, gap: 28.0 };
        let one = LogY::spanning([306.0, 306.0]);
        assert_eq!(one.ticks(room(150.0)), vec![100.0, 200.0, 500.0]);
        let two = LogY { lo: 1.0, hi: 100.0 };
        assert_eq!(
            two.ticks(room(200.0)),
            vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        );
        // Less room: powers of ten, then every other one.
        assert_eq!(two.ticks(room(150.0)), vec![1.0, 10.0, 100.0]);
        let six = LogY { lo: 0.9, hi: 1.1e6 };
        assert_eq!(six.ticks(room(300.0)), six.ticks(room(200.0)));
        assert_eq!(six.ticks(room(200.0)).len(), 7);
        assert_eq!(six.ticks(room(100.0)), vec![1.0, 100.0, 10_000.0, 1e6]);
        // Never fewer than two labels.
        assert_eq!(one.ticks(room(10.0)), vec![100.0, 500.0]);
        // Every spanned range gets 2 to 8 labels, all on the axis, rising.
        for values in [
            vec![0.01, 0.02],
            vec![2.0, 3000.0],
            vec![1e-300, 1e12],
            vec![5.0, 5.0],
            vec![123_456.0, 9e9],
            vec![0.004],
        ] {
            let y = LogY::spanning(values.iter().copied());
            let ticks = y.ticks(room(250.0));
            assert!((2..=8).contains(&ticks.len()), "{values:?}: {ticks:?}");
            assert!(
                ticks
                    .iter()
                    .all(|t| *t >= y.lo * 0.999 && *t <= y.hi * 1.001),
                "{y:?}: {ticks:?}"
            );
            assert!(ticks.windows(2).all(|w| w[0] < w[1]), "{ticks:?}");
        }
    }

    #[test]
    fn log_lines_skip_what_is_not_positive() {
        let points = [(1.0, 0.0), (2.0, 5.0), (3.0, 6.0), (4.0, 0.0), (5.0, 1.0)];
        assert_eq!(
            positive_runs(points),
            vec![vec![(2.0, 5.0), (3.0, 6.0)], vec![(5.0, 1.0)]]
        );
        assert!(positive_runs([(1.0, 0.0), (2.0, f64::NAN)]).is_empty());
    }

    #[test]
    fn legends_flow_into_rows() {
        assert_eq!(flow(&[40, 40, 40], 100, 10), vec![(0, 0), (0, 50), (1, 0)]);
        assert_eq!(flow(&[300, 20], 100, 10), vec![(0, 0), (1, 0)]);
        assert!(flow(&[], 100, 10).is_empty());
    }
}
