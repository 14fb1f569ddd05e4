//! Horizontal bars of monthly cost: a label column on the left, each bar's
//! value to its right, a money axis below. The breakdown chart and the
//! model comparison both draw through [`draw_bars`], so the wasm carries one
//! copy of it. Owns layout only; the charts choose the bars and colours.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::frame::{self, money_value};
use super::theme::ChartStyle;
use crate::format;

/// One bar: its label, its monthly cost (drawn as [`money_value`]) and its
/// colour.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bar {
    pub label: String,
    pub monthly_cost: f64,
    pub colour: RGBColor,
}

/// The bars' chart: x is monthly cost, y runs from 0 at the bottom to the
/// number of bars; bar `i` (from the top) fills `n − 1 − i + 0.22` to
/// `n − 1 − i + 0.78`.
pub(crate) type BarsChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The axis descriptions of a bars chart.
pub(crate) struct Axes<'s> {
    /// Under the money axis: "$ per month at 1,000 users".
    pub x_desc: String,
    /// Up the label column: "Vendor".
    pub y_desc: &'s str,
}

/// Draws `bars` top to bottom on `plot` with their labels and values; the
/// money axis reaches at least `also_show` (a mark the caller draws on the
/// returned chart) and leaves room right of the longest bar for its value.
pub(crate) fn draw_bars<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    style: &ChartStyle,
    bars: &[Bar],
    axes: Axes<'_>,
    also_show: f64,
) -> Result<BarsChart<'a, DB>, ChartError> {
    let theme = &style.theme;
    let font = style.font(12.0, theme.text);
    let value_font = style.font(12.0, theme.muted_text);
    let (width, _) = plot.dim_in_pixel();

    // The label column is as wide as the widest label, up to 40 %.
    let mut labels = Vec::with_capacity(bars.len());
    let mut label_width = 0;
    for bar in bars {
        let text = frame::fit_text(plot, &bar.label, &font, width * 2 / 5)?;
        label_width = label_width.max(plot.estimate_text_size(&text, &font)?.0);
        labels.push(text);
    }
    let label_area = label_width + style.upx(40.0);

    // Room right of the longest bar for its value.
    let largest = bars
        .iter()
        .map(|b| money_value(b.monthly_cost))
        .fold(money_value(also_show), f64::max);
    let value_width = plot
        .estimate_text_size(&format::money(largest), &value_font)?
        .0
        + style.upx(12.0);
    let bar_room = width.saturating_sub(label_area + style.upx(16.0)).max(1);
    let value_share = (f64::from(value_width) / f64::from(bar_room)).min(0.5);
    let x_top = if largest > 0.0 {
        largest / (1.0 - value_share)
    } else {
        1.0
    };
    let n = bars.len().max(1) as f64;

    let mut chart = ChartBuilder::on(plot)
        .margin(style.px(12.0))
        .margin_left(style.px(4.0))
        .x_label_area_size(style.upx(44.0))
        .y_label_area_size(label_area)
        .build_cartesian_2d(0.0..x_top, 0.0..n)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(1)
        .y_label_formatter(&|_| String::new())
        .x_labels(6)
        .x_max_light_lines(0)
        .x_label_formatter(&|m| format::compact_money(*m))
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .label_style(style.font(12.0, theme.muted_text))
        .axis_desc_style(style.font(13.0, theme.text))
        .bold_line_style(style.line(theme.grid, 1.0))
        .axis_style(style.line(theme.axis, 1.0))
        .set_tick_mark_size(LabelAreaPosition::Left, 0)
        .set_tick_mark_size(LabelAreaPosition::Bottom, style.px(4.0))
        .draw()?;

    let gap = style.px(8.0);
    for (i, (bar, text)) in bars.iter().zip(labels).enumerate() {
        let y = n - 1.0 - i as f64;
        let value = money_value(bar.monthly_cost);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y + 0.22), (value, y + 0.78)],
            bar.colour.mix(0.85).filled(),
        )))?;
        let left = font.pos(Pos::new(HPos::Right, VPos::Center));
        let right = value_font.pos(Pos::new(HPos::Left, VPos::Center));
        chart.draw_series([
            EmptyElement::at((0.0, y + 0.5)) + Text::new(text, (-gap, 0), left),
            EmptyElement::at((value, y + 0.5)) + Text::new(format::money(value), (gap, 0), right),
        ])?;
    }
    Ok(chart)
}
