//! The legend under a chart's title: each entry a key (a filled box, a
//! line, a dashed line, a dot, a ring, or none for a note) and its text,
//! flowed into as many rows as fit.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::text::fit_text;
use crate::chart::ChartError;
use crate::chart::theme::ChartStyle;

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

/// Draws `legend` at the bottom of `rest` (text measured on `area`, the
/// whole chart) in rows `inner` pixels wide from `pad`, at most two
/// fifths of the height; returns the area above it, for the plot.
pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rest: DrawingArea<DB, Shift>,
    style: &ChartStyle,
    legend: &[LegendEntry],
    (pad, inner): (i32, u32),
) -> Result<DrawingArea<DB, Shift>, ChartError> {
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
    Ok(plot)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legends_flow_into_rows() {
        assert_eq!(flow(&[40, 40, 40], 100, 10), vec![(0, 0), (0, 50), (1, 0)]);
        assert_eq!(flow(&[300, 20], 100, 10), vec![(0, 0), (1, 0)]);
        assert!(flow(&[], 100, 10).is_empty());
    }
}
