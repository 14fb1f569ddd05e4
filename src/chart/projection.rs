//! The projection chart: month by month over the horizon, the monthly cost
//! and revenue and the cumulative cash on a money axis, users on a second
//! axis at the right, the monthly budget cap as a line, and the milestones
//! (break-even, payback, the first month over a rate limit or the budget)
//! as labelled vertical markers. Reads the report's projection; computes no
//! figure of its own.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::frame::{self, LegendEntry, Swatch, money_top};
use super::theme::{ChartStyle, SLOT_FIXED, Theme};
use crate::engine::Report;
use crate::export::milestones;
use crate::format;

/// Money beyond this either way is drawn at this (see `frame::money_value`,
/// which also keeps the sign out: cumulative cash goes below zero).
const MONEY_LIMIT: f64 = 1e15;
/// A cap more than this many times the largest amount would flatten the
/// chart: it is named in the legend instead of drawn (as on the spend chart).
const CAP_IN_VIEW_RATIO: f64 = 10.0;
/// Palette slot of the cumulative cash.
const SLOT_CASH: usize = 0;

/// What the projection chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectionData {
    /// Month numbers, 0 (today) first.
    months: Vec<f64>,
    users: Vec<f64>,
    monthly_cost: Vec<f64>,
    revenue: Vec<f64>,
    cash: Vec<f64>,
    /// The money axis, `lo ≤ 0 < hi`.
    money: (f64, f64),
    users_top: f64,
    /// The monthly cap, and whether it is drawn (else only named).
    monthly_cap: Option<(f64, bool)>,
    /// Each milestone in the horizon: its month and its label.
    marks: Vec<Mark>,
}

#[derive(Clone, Debug, PartialEq)]
struct Mark {
    month: f64,
    /// Index in `export::milestones`: its colour and label row.
    kind: usize,
    text: String,
}

/// `v` as an amount plotters can draw: finite, within ±[`MONEY_LIMIT`].
fn signed_money(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(-MONEY_LIMIT, MONEY_LIMIT)
    } else {
        0.0
    }
}

impl ProjectionData {
    /// The report's projection, milestones and monthly cap.
    pub fn new(r: &Report) -> ProjectionData {
        let column = |pick: fn(&crate::engine::report::ProjectionMonth) -> f64| -> Vec<f64> {
            r.projection.iter().map(|m| signed_money(pick(m))).collect()
        };
        let months = column(|m| f64::from(m.month));
        let users = column(|m| m.users.max(0.0));
        let monthly_cost = column(|m| m.monthly_cost);
        let revenue = column(|m| m.revenue_monthly);
        let cash = column(|m| m.cumulative_cash);
        let all = || monthly_cost.iter().chain(&revenue).chain(&cash).copied();
        let largest = all().fold(0.0, f64::max);
        let lowest = all().fold(0.0, f64::min);
        let monthly_cap = r
            .budget
            .monthly_cap
            .filter(|c| c.is_finite() && *c >= 0.0)
            .map(signed_money)
            .map(|c| (c, largest <= 0.0 || c <= largest * CAP_IN_VIEW_RATIO));
        let cap_top = monthly_cap.filter(|c| c.1).map_or(0.0, |c| c.0);
        let last = months.last().copied().unwrap_or(0.0);
        let marks = milestones(&r.milestones)
            .iter()
            .enumerate()
            .filter_map(|(kind, m)| {
                let k = m.month?;
                (f64::from(k) <= last).then(|| Mark {
                    month: f64::from(k),
                    kind,
                    text: format!("{}: month {k}", m.label),
                })
            })
            .collect();
        ProjectionData {
            users_top: money_top(users.iter().copied().fold(0.0, f64::max)),
            months,
            users,
            monthly_cost,
            revenue,
            cash,
            money: (
                if lowest < 0.0 { lowest * 1.1 } else { 0.0 },
                money_top(largest.max(cap_top)),
            ),
            monthly_cap,
            marks,
        }
    }

    /// The month axis: 0 to the last month, at least 0 to 1.
    fn month_range(&self) -> (f64, f64) {
        (0.0, self.months.last().copied().unwrap_or(0.0).max(1.0))
    }

    fn legend(&self, theme: &Theme) -> Vec<LegendEntry> {
        let mut entries = vec![
            LegendEntry::new(Swatch::Line(theme.cost), "Monthly cost"),
            LegendEntry::new(Swatch::Line(theme.revenue), "Revenue"),
            LegendEntry::new(Swatch::Fill(theme.slot(SLOT_CASH)), "Cumulative cash"),
            LegendEntry::new(Swatch::Line(theme.slot(SLOT_FIXED)), "Users (right axis)"),
        ];
        if let Some((cap, in_view)) = self.monthly_cap {
            let off = if in_view { "" } else { " (far above)" };
            entries.push(LegendEntry::new(
                Swatch::Dashed(theme.budget_cap),
                format!("Monthly cap {}{off}", format::money(cap)),
            ));
        }
        entries
    }
}

/// The colour of a milestone marker, by its index in `export::milestones`.
fn mark_colour(theme: &Theme, kind: usize) -> RGBColor {
    match kind {
        0 => theme.revenue,
        1 => theme.slot(SLOT_CASH),
        2 => theme.cost,
        _ => theme.budget_cap,
    }
}

/// Draws the projection of `data` on `area`.
pub fn draw_projection<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ProjectionData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let theme = &style.theme;
    let Some(plot) = frame::frame(area, style, &data.legend(theme))? else {
        return Ok(());
    };
    let (x_lo, x_hi) = data.month_range();
    let (y_lo, y_hi) = data.money;
    let mut chart = ChartBuilder::on(&plot)
        .margin(style.px(12.0))
        .margin_left(style.px(4.0))
        .x_label_area_size(style.upx(44.0))
        .y_label_area_size(style.upx(72.0))
        .right_y_label_area_size(style.upx(64.0))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?
        .set_secondary_coord(x_lo..x_hi, 0.0..data.users_top);
    // Whole months only: at most one label a month (so plotters' step is 1
    // or more), 13 at most, and each with room for "120".
    let room = plot.dim_in_pixel().0.saturating_sub(style.upx(150.0)) / style.upx(32.0);
    let x_labels = (x_hi as usize).min(12).min(room as usize).max(1) + 1;
    let label_font = style.font(12.0, theme.muted_text);
    let desc_font = style.font(13.0, theme.text);
    chart
        .configure_mesh()
        .x_labels(x_labels)
        .y_labels(6)
        .x_label_formatter(&|m| format::count(*m))
        .y_label_formatter(&|m| format::compact_money(*m))
        .x_desc("Month")
        .y_desc("$")
        .label_style(label_font.clone())
        .axis_desc_style(desc_font.clone())
        .bold_line_style(style.line(theme.grid, 1.0))
        .x_max_light_lines(0)
        .y_max_light_lines(0)
        .axis_style(style.line(theme.axis, 1.0))
        .set_all_tick_mark_size(style.px(4.0))
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_labels(6)
        .y_label_formatter(&|u| format::compact_count(*u))
        .y_desc("Users")
        .label_style(label_font)
        .axis_desc_style(desc_font)
        .axis_style(style.line(theme.axis, 1.0))
        .draw()?;

    let line = |values: &[f64]| -> Vec<(f64, f64)> {
        data.months
            .iter()
            .copied()
            .zip(values.iter().copied())
            .collect()
    };
    if y_lo < 0.0 {
        chart.draw_series(LineSeries::new(
            [(x_lo, 0.0), (x_hi, 0.0)],
            style.line(theme.axis, 1.0),
        ))?;
    }
    // Cumulative cash: an area from zero to the line.
    let cash = line(&data.cash);
    let cash_colour = theme.slot(SLOT_CASH);
    if let (Some(first), Some(last)) = (cash.first(), cash.last()) {
        let outline: Vec<(f64, f64)> = std::iter::once((first.0, 0.0))
            .chain(cash.iter().copied())
            .chain([(last.0, 0.0)])
            .collect();
        chart.draw_series(std::iter::once(Polygon::new(
            outline,
            cash_colour.mix(0.2).filled(),
        )))?;
    }
    let dot = style.upx(2.5);
    chart.draw_series(LineSeries::new(cash, style.line(cash_colour, 2.0)).point_size(dot))?;
    chart.draw_secondary_series(
        LineSeries::new(line(&data.users), style.line(theme.slot(SLOT_FIXED), 1.5)).point_size(dot),
    )?;
    for (values, colour) in [
        (&data.revenue, theme.revenue),
        (&data.monthly_cost, theme.cost),
    ] {
        chart
            .draw_series(LineSeries::new(line(values), style.line(colour, 2.5)).point_size(dot))?;
    }
    if let Some((cap, true)) = data.monthly_cap {
        chart.draw_series(DashedLineSeries::new(
            [(x_lo, cap), (x_hi, cap)],
            style.px(8.0),
            style.px(5.0),
            style.line(theme.budget_cap, 2.0),
        ))?;
    }

    // Milestones: a dashed guide each, its label in a row of its own at
    // the top so that labels of nearby months never overlap; right of the
    // guide, or left of it in the right part of the chart.
    let gap = style.px(4.0);
    let row = style.px(16.0);
    let font = style.font(12.0, theme.text);
    for mark in &data.marks {
        let colour = mark_colour(theme, mark.kind);
        chart.draw_series(DashedLineSeries::new(
            [(mark.month, y_lo), (mark.month, y_hi)],
            style.px(4.0),
            style.px(3.0),
            style.line(colour, 1.5),
        ))?;
        let (h, dx) = if (mark.month - x_lo) / (x_hi - x_lo) > 0.6 {
            (HPos::Right, -gap)
        } else {
            (HPos::Left, gap)
        };
        let dy = gap + row * i32::try_from(mark.kind).unwrap_or(0);
        chart.draw_series(std::iter::once(
            EmptyElement::at((mark.month, y_hi))
                + Text::new(
                    mark.text.clone(),
                    (dx, dy),
                    font.clone().pos(Pos::new(h, VPos::Top)),
                ),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{degenerate, presets, svg};
    use crate::engine::Plan;
    use crate::engine::report::Milestones;

    #[test]
    fn every_preset_draws_its_lines_and_milestones() {
        for (id, _, _, report) in presets() {
            let data = ProjectionData::new(&report);
            assert_eq!(data.months.len(), report.projection.len(), "{id}");
            let style = ChartStyle::default().with_title(format!("{id} — projection"));
            let out = svg((800, 450), |a| draw_projection(a, &data, &style))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            for text in [
                "Month",
                "Users",
                "Monthly cost",
                "Revenue",
                "Cumulative cash",
                &format!("{id} — projection"),
            ] {
                assert!(out.contains(text), "{id}: no {text:?}");
            }
            for m in milestones(&report.milestones) {
                let label = m.month.map(|k| format!("{}: month {k}", m.label));
                if let Some(label) = label {
                    assert!(out.contains(&label), "{id}: no marker {label:?}");
                }
            }
            assert!(!out.contains("NaN"), "{id}");
        }
    }

    #[test]
    fn edge_scenarios_draw_in_both_themes() {
        for (name, scenario) in degenerate() {
            let plan = Plan::new(&scenario).unwrap_or_else(|e| panic!("{name}: {e}"));
            let data = ProjectionData::new(&plan.report(&scenario));
            let (lo, hi) = data.money;
            assert!(
                lo.is_finite() && hi.is_finite() && lo <= 0.0 && hi > 0.0,
                "{name}"
            );
            assert!(data.users_top.is_finite() && data.users_top > 0.0, "{name}");
            for style in [
                ChartStyle::new(Theme::light()),
                ChartStyle::new(Theme::dark()).with_scale(2.0),
            ] {
                let out = svg((800, 450), |a| draw_projection(a, &data, &style))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(out.contains("Month") && !out.contains("NaN"), "{name}");
            }
        }
    }

    #[test]
    fn the_money_axis_holds_every_line_and_the_cap() {
        for (id, _, _, report) in presets() {
            let data = ProjectionData::new(&report);
            let (lo, hi) = data.money;
            for m in &report.projection {
                for v in [m.monthly_cost, m.revenue_monthly, m.cumulative_cash] {
                    assert!(
                        lo <= v && v <= hi,
                        "{id} month {}: {v} outside {lo}..{hi}",
                        m.month
                    );
                }
            }
            if let Some((cap, true)) = data.monthly_cap {
                assert!(cap <= hi, "{id}");
            }
        }
    }

    #[test]
    fn the_cap_is_drawn_or_named_far_above() {
        let (_, scenario) = degenerate()
            .into_iter()
            .find(|(n, _)| *n == "priced")
            .expect("priced");
        let mut report = Plan::new(&scenario).expect("valid").report(&scenario);
        let data = ProjectionData::new(&report);
        assert_eq!(data.monthly_cap, Some((50.0, true)));
        let out = svg((800, 450), |a| {
            draw_projection(a, &data, &ChartStyle::default())
        })
        .expect("draws");
        assert!(out.contains("Monthly cap $50.00"), "{out}");

        report.budget.monthly_cap = Some(1e12);
        let far = ProjectionData::new(&report);
        assert_eq!(far.monthly_cap, Some((1e12, false)));
        assert!(far.money.1 < 1e12, "a far cap does not flatten the chart");
        let out = svg((800, 450), |a| {
            draw_projection(a, &far, &ChartStyle::default())
        })
        .expect("draws");
        assert!(out.contains("(far above)"));

        report.budget.monthly_cap = None;
        assert_eq!(ProjectionData::new(&report).monthly_cap, None);
    }

    #[test]
    fn milestones_become_markers_within_the_horizon() {
        let (_, _, _, mut report) = presets().into_iter().next().expect("a preset");
        let last = report.projection.last().expect("months").month;
        report.milestones = Milestones {
            break_even_month: Some(2),
            payback_month: Some(2),
            limit_month: Some(0),
            budget_month: Some(last + 5),
        };
        let data = ProjectionData::new(&report);
        let marks: Vec<(f64, usize, &str)> = data
            .marks
            .iter()
            .map(|m| (m.month, m.kind, m.text.as_str()))
            .collect();
        assert_eq!(
            marks,
            [
                (2.0, 0, "Break-even: month 2"),
                (2.0, 1, "Payback: month 2"),
                (0.0, 2, "Over a limit: month 0")
            ]
        );
    }

    #[test]
    fn negative_cash_goes_below_zero() {
        let (_, _, _, mut report) = presets().into_iter().next().expect("a preset");
        for (i, m) in report.projection.iter_mut().enumerate() {
            m.cumulative_cash = -1000.0 * i as f64;
            m.revenue_monthly = 0.0;
        }
        let data = ProjectionData::new(&report);
        let last = report.projection.len() - 1;
        assert!(data.money.0 <= -1000.0 * last as f64, "{:?}", data.money);
        let out = svg((800, 450), |a| {
            draw_projection(a, &data, &ChartStyle::default())
        })
        .expect("draws");
        assert!(out.contains("−$"), "negative money labels");
    }

    #[test]
    fn tiny_areas_draw_only_the_background() {
        let (_, _, _, report) = presets().into_iter().next().expect("a preset");
        let data = ProjectionData::new(&report);
        for size in [(0, 0), (1, 1), (100, 40), (170, 120), (360, 220)] {
            let out = svg(size, |a| draw_projection(a, &data, &ChartStyle::default()));
            assert!(out.is_ok(), "{size:?}: {out:?}");
        }
    }
}
