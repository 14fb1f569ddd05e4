//! The axes and marks of the money-against-users charts: the grid and
//! labels of a log users axis against a linear or log money axis, the room
//! its money labels have, today's marker and a label beside a point.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scales::{LabelRoom, LogX};
use crate::chart::ChartError;
use crate::chart::theme::ChartStyle;
use crate::format;

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
