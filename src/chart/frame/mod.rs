//! What every chart shares, by concern: the guarded ranges (`scales`: no
//! NaN or infinity may reach plotters), text fitted to its room (`text`),
//! the legend (`legend`) and the axes and marks of the money-against-users
//! charts (`axes`); this file draws the frame around the plot (background,
//! title, legend). Owns layout only; the charts own their data.

mod axes;
mod legend;
mod scales;
mod text;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::theme::ChartStyle;

pub(crate) use axes::{draw_point_label, draw_today, users_chart, y_label_room};
pub(crate) use legend::{LegendEntry, Swatch};
pub(crate) use scales::{LogX, LogY, Today, linear_money, money_top, money_value, positive_runs};
pub(crate) use text::{MAX_LABEL_CHARS, ellipsize, fit_text, label, users_text};

/// Below this size in CSS pixels a chart is only its background.
const MIN_CSS_SIZE: (f64, f64) = (160.0, 110.0);

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
        rest = legend::draw_legend(area, rest, style, legend, (pad, inner))?;
    }
    Ok(Some(rest))
}
