//! The break-even charts: revenue and monthly cost against users (where
//! they cross is break-even), and the price per paying user that breaks
//! even at each user count against today's price. Both money axes are
//! logarithmic like the users axis: today, break-even and the far end of
//! the range differ by orders of magnitude, and a linear axis would flatten
//! all but the largest to its bottom edge. Reads the plan's sweep and
//! break-even search; computes no cost of its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::frame::{
    self, LegendEntry, LogX, LogY, Swatch, Today, money_value, positive_runs, users_chart,
};
use super::spend::POINTS;
use super::theme::{ChartStyle, Theme};
use crate::engine::{BreakEven, Plan};
use crate::format;

/// What both break-even charts show.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakEvenData {
    x: LogX,
    /// User counts of the sweep, left to right.
    users: Vec<f64>,
    monthly_cost: Vec<f64>,
    revenue: Vec<f64>,
    y: LogY,
    /// Break-even users and the monthly cost there, when on the chart.
    break_even: Option<(f64, f64)>,
    /// Why there is no break-even point on the chart, in words.
    note: Option<String>,
    today: Today,
    /// (users, break-even price per paying user) where there is one.
    price: Vec<(f64, f64)>,
    price_per_paying_user: Option<f64>,
    today_price: Option<Today>,
    price_y: LogY,
}

impl BreakEvenData {
    /// The plan's revenue, cost and break-even price at `points` user counts
    /// (2 to 400) around its own user count, widened to show break-even
    /// when it lies below a billion users.
    pub fn new(plan: &Plan, points: usize) -> BreakEvenData {
        let (break_even_users, mut note) = match plan.break_even_users() {
            BreakEven::Users(u) => (Some(u as f64), None),
            BreakEven::Never(why) => (None, Some(format!("No break-even: {why}"))),
        };
        let mut x = LogX::around(plan.users());
        if let Some(u) = break_even_users {
            x = x.including(u);
        }
        let sweep = plan.sweep(x.lo, x.hi, points.clamp(POINTS.0, POINTS.1));
        let break_even = break_even_users
            .filter(|u| x.contains(*u))
            .map(|u| (u, money_value(plan.costs_at(u).monthly_cost)));
        if let (Some(u), None) = (break_even_users, break_even) {
            note = Some(format!(
                "Break-even at {}, off the chart",
                frame::users_text(u)
            ));
        }

        let users = plan.users().max(0.0);
        let today = Today::new(users, plan.costs_at(users).monthly_cost);
        let monthly_cost: Vec<f64> = sweep
            .iter()
            .map(|p| money_value(p.costs.monthly_cost))
            .collect();
        let revenue: Vec<f64> = sweep
            .iter()
            .map(|p| money_value(p.costs.revenue_monthly))
            .collect();
        let y = LogY::spanning(
            monthly_cost
                .iter()
                .chain(&revenue)
                .copied()
                .chain([today.value]),
        );

        let price: Vec<(f64, f64)> = sweep
            .iter()
            .filter_map(|p| Some((p.costs.users, p.break_even_price?)))
            .filter(|(_, v)| v.is_finite())
            .map(|(u, v)| (u, money_value(v)))
            .collect();
        let price_per_paying_user = Some(plan.price_per_paying_user)
            .filter(|p| p.is_finite() && *p > 0.0)
            .map(money_value);
        let today_price = plan
            .sweep_point(users)
            .break_even_price
            .filter(|v| v.is_finite())
            .map(|v| Today::new(users, v));
        let price_y = LogY::spanning(
            price
                .iter()
                .map(|p| p.1)
                .chain(price_per_paying_user)
                .chain(today_price.map(|t| t.value)),
        );

        BreakEvenData {
            x,
            users: sweep.iter().map(|p| p.costs.users).collect(),
            monthly_cost,
            revenue,
            y,
            break_even,
            note,
            today,
            price,
            price_per_paying_user,
            today_price,
            price_y,
        }
    }

    fn legend(&self, theme: &Theme) -> Vec<LegendEntry> {
        let mut entries = vec![
            LegendEntry::new(Swatch::Line(theme.cost), "Monthly cost"),
            LegendEntry::new(Swatch::Line(theme.revenue), "Revenue"),
        ];
        if let Some((u, _)) = self.break_even {
            entries.push(LegendEntry::new(
                Swatch::Ring(theme.text),
                format!("Break-even: {}", frame::users_text(u)),
            ));
        }
        entries.push(today_entry(theme, self.today, "a month"));
        if let Some(note) = &self.note {
            entries.push(LegendEntry::new(Swatch::Note, note.clone()));
        }
        entries
    }

    fn price_legend(&self, theme: &Theme) -> Vec<LegendEntry> {
        let mut entries = vec![LegendEntry::new(
            Swatch::Line(theme.cost),
            "Break-even price per paying user",
        )];
        match self.price_per_paying_user {
            Some(p) => entries.push(LegendEntry::new(
                Swatch::Dashed(theme.revenue),
                format!("Price per paying user: {}", format::money(p)),
            )),
            None => entries.push(LegendEntry::new(
                Swatch::Note,
                "No price per paying user set",
            )),
        }
        if let Some(today) = self.today_price {
            entries.push(today_entry(theme, today, "per paying user"));
        }
        if self.price.is_empty() {
            entries.push(LegendEntry::new(
                Swatch::Note,
                "No paying users: set a paying share",
            ));
        }
        entries
    }
}

fn today_entry(theme: &Theme, today: Today, per: &str) -> LegendEntry {
    LegendEntry::new(
        Swatch::Dot(theme.current),
        format!(
            "Today: {}, {} {per}",
            frame::users_text(today.users),
            format::money(today.value)
        ),
    )
}

/// Draws revenue and monthly cost against users, with break-even marked.
pub fn draw_break_even<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &BreakEvenData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let theme = &style.theme;
    let Some(plot) = frame::frame(area, style, &data.legend(theme))? else {
        return Ok(());
    };
    let mut chart = users_chart(
        &plot,
        style,
        data.x,
        data.y.axis(frame::y_label_room(&plot, style)),
        &["$ per month", "$"],
    )?;
    for (values, colour) in [
        (&data.revenue, theme.revenue),
        (&data.monthly_cost, theme.cost),
    ] {
        let line = data.users.iter().copied().zip(values.iter().copied());
        for run in positive_runs(line) {
            chart.draw_series(LineSeries::new(run, style.line(colour, 2.5)))?;
        }
    }
    let (x, y) = data.today.point(data.x);
    frame::draw_today(
        &mut chart,
        style,
        (x, data.y.clamp(y)),
        (data.y.lo, data.y.hi),
    )?;
    if let Some((users, value)) = data.break_even {
        let point = (users, data.y.clamp(value));
        chart.draw_series([
            Circle::new(point, style.px(7.0), theme.background.filled()),
            Circle::new(point, style.px(6.0), style.line(theme.text, 2.0)),
        ])?;
        let text = format!("Break-even: {}", frame::users_text(users));
        frame::draw_point_label(&mut chart, style, data.x, point, &text)?;
    }
    Ok(())
}

/// Draws the break-even price per paying user against users, with today's
/// price as a line.
pub fn draw_break_even_price<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &BreakEvenData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let theme = &style.theme;
    let Some(plot) = frame::frame(area, style, &data.price_legend(theme))? else {
        return Ok(());
    };
    let mut chart = users_chart(
        &plot,
        style,
        data.x,
        data.price_y.axis(frame::y_label_room(&plot, style)),
        &["$ per paying user per month", "$ per paying user", "$"],
    )?;
    if let Some(price) = data.price_per_paying_user {
        chart.draw_series(DashedLineSeries::new(
            vec![(data.x.lo, price), (data.x.hi, price)],
            style.px(8.0),
            style.px(5.0),
            style.line(theme.revenue, 2.0),
        ))?;
    }
    for run in positive_runs(data.price.iter().copied()) {
        chart.draw_series(LineSeries::new(run, style.line(theme.cost, 2.5)))?;
    }
    if let Some(today) = data.today_price {
        let (x, y) = today.point(data.x);
        let span = (data.price_y.lo, data.price_y.hi);
        frame::draw_today(&mut chart, style, (x, data.price_y.clamp(y)), span)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{degenerate, presets, svg};

    #[test]
    fn every_preset_draws_both_charts() {
        for (id, _, plan, report) in presets() {
            let data = BreakEvenData::new(&plan, 60);
            let style = ChartStyle::default().with_title(format!("{id} — break-even"));
            let out = svg((800, 450), |a| draw_break_even(a, &data, &style))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            for text in ["Users", "$ per month", "Monthly cost", "Revenue", "Today: "] {
                assert!(out.contains(text), "{id}: no {text:?}");
            }
            assert!(out.contains(&format!("{id} — break-even")), "{id}");
            match report.break_even_users {
                Some(u) => {
                    let label = format!("Break-even: {}", frame::users_text(u as f64));
                    assert!(out.contains(&label), "{id}: no {label:?}");
                }
                None => assert!(out.contains("No break-even"), "{id}"),
            }
            let out = svg((800, 450), |a| draw_break_even_price(a, &data, &style))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            for text in ["Users", "$ per paying user per month", "Break-even price"] {
                assert!(out.contains(text), "{id}: no {text:?}");
            }
            assert!(!out.contains("NaN"), "{id}");
        }
    }

    #[test]
    fn the_money_axis_is_named_in_words_that_fit() {
        let (_, _, plan, _) = presets().swap_remove(0);
        let data = BreakEvenData::new(&plan, 40);
        let style = ChartStyle::default();
        let tall = svg((800, 450), |a| draw_break_even_price(a, &data, &style)).expect("drawn");
        assert!(tall.contains("$ per paying user per month"));
        // The page's half-width chart: its plot is too short for the
        // full name, which used to run off the top.
        let short = svg((360, 280), |a| draw_break_even_price(a, &data, &style)).expect("drawn");
        assert!(!short.contains("per month"), "{short}");
        assert!(short.contains("$ per paying user"), "{short}");
    }

    #[test]
    fn edge_scenarios_draw_both_charts() {
        for (name, scenario) in degenerate() {
            let plan = Plan::new(&scenario).unwrap_or_else(|e| panic!("{name}: {e}"));
            let data = BreakEvenData::new(&plan, 40);
            for y in [data.y, data.price_y] {
                assert!(
                    y.lo > 0.0 && y.lo < y.hi && y.hi.is_finite(),
                    "{name}: {y:?}"
                );
            }
            let style = ChartStyle::new(Theme::dark()).with_scale(1.5);
            let outs = [
                svg((800, 450), |a| draw_break_even(a, &data, &style)),
                svg((800, 450), |a| draw_break_even_price(a, &data, &style)),
            ];
            for out in outs {
                let out = out.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(out.contains("Users") && !out.contains("NaN"), "{name}");
            }
        }
    }

    #[test]
    fn break_even_far_away_widens_the_range() {
        let (_, scenario) = degenerate()
            .into_iter()
            .find(|(n, _)| *n == "one user")
            .expect("one user");
        let plan = Plan::new(&scenario).expect("valid");
        let BreakEven::Users(u) = plan.break_even_users() else {
            panic!("the priced scenario breaks even");
        };
        let data = BreakEvenData::new(&plan, 40);
        assert!(data.x.contains(u as f64), "{u} in {:?}", data.x);
        assert_eq!(data.break_even.map(|b| b.0), Some(u as f64));
        assert!(data.note.is_none());
    }

    #[test]
    fn no_revenue_says_why() {
        let (_, scenario) = degenerate()
            .into_iter()
            .find(|(n, _)| *n == "one feature, no revenue")
            .expect("no revenue");
        let data = BreakEvenData::new(&Plan::new(&scenario).expect("valid"), 40);
        assert!(data.break_even.is_none());
        assert!(data.price_per_paying_user.is_none());
        assert!(data.revenue.iter().all(|r| *r == 0.0));
        let note = data.note.as_deref().unwrap_or_default();
        assert!(
            note.starts_with("No break-even: there is no revenue"),
            "{note}"
        );
    }
}
