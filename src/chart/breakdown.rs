//! The breakdown chart: where the money goes at today's user count, as
//! horizontal bars of monthly cost by feature and step (with each fixed
//! cost) or by vendor. Reads the report; computes no cost of its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{self, LegendEntry, MAX_LABEL_CHARS, Swatch, ellipsize, label, money_value};
use super::theme::{ChartStyle, FEATURE_SLOTS, SLOT_FIXED, SLOT_OTHER, Theme};
use super::{ChartError, bars};
use crate::engine::Report;

/// At most this many bars; the smallest beyond merge into "Other".
const MAX_BARS: usize = 12;

/// What the bars stand for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BreakdownBy {
    /// One bar per feature step ("Feature · Step") and per fixed cost.
    #[default]
    Step,
    /// One bar per vendor: API provider, per-action service or fixed cost.
    Vendor,
}

/// What the breakdown chart shows, both ways.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakdownData {
    users: f64,
    by_step: Bars,
    by_vendor: Bars,
}

/// Bars, largest first, each in one colour group.
#[derive(Clone, Debug, PartialEq)]
struct Bars {
    bars: Vec<Bar>,
    groups: Vec<Group>,
}

#[derive(Clone, Debug, PartialEq)]
struct Bar {
    label: String,
    monthly_cost: f64,
    /// Index into `Bars::groups`.
    group: usize,
}

#[derive(Clone, Debug, PartialEq)]
struct Group {
    name: String,
    slot: usize,
}

impl Group {
    fn new(name: impl Into<String>, slot: usize) -> Group {
        Group {
            name: name.into(),
            slot,
        }
    }
}

impl BreakdownData {
    /// The report's monthly cost split by step and by vendor.
    pub fn new(report: &Report) -> BreakdownData {
        BreakdownData {
            users: report.users,
            by_step: by_step(report),
            by_vendor: by_vendor(report),
        }
    }

    fn bars(&self, by: BreakdownBy) -> &Bars {
        match by {
            BreakdownBy::Step => &self.by_step,
            BreakdownBy::Vendor => &self.by_vendor,
        }
    }
}

fn by_step(report: &Report) -> Bars {
    let mut groups = Vec::new();
    let mut bars = Vec::new();
    for (i, f) in report.features.iter().enumerate() {
        let feature = label(&f.name, MAX_LABEL_CHARS, || format!("Feature {}", i + 1));
        for step in &f.steps {
            let step_name = match step.name.trim() {
                "" => step.kind,
                name => name,
            };
            bars.push(Bar {
                label: ellipsize(
                    &format!("{} · {step_name}", ellipsize(&feature, 22)),
                    MAX_LABEL_CHARS,
                ),
                monthly_cost: step.monthly_cost,
                group: groups.len(),
            });
        }
        groups.push(Group::new(feature, i % FEATURE_SLOTS));
    }
    for c in &report.fixed_costs {
        bars.push(Bar {
            label: label(&c.name, MAX_LABEL_CHARS, || c.kind.replace('_', " ")),
            monthly_cost: c.monthly_cost,
            group: groups.len(),
        });
    }
    groups.push(Group::new("Fixed costs", SLOT_FIXED));
    Bars::new(bars, groups)
}

fn by_vendor(report: &Report) -> Bars {
    let is_provider = |vendor: &str| {
        report
            .features
            .iter()
            .flat_map(|f| &f.steps)
            .any(|s| s.provider.as_deref() == Some(vendor))
    };
    let is_fixed = |vendor: &str| {
        report.fixed_costs.iter().any(|c| {
            let name = c.name.as_str();
            name == vendor || (name.is_empty() && vendor == "fixed")
        })
    };
    let groups = vec![
        Group::new("AI providers", 0),
        Group::new("Per-action services", 1),
        Group::new("Fixed costs", SLOT_FIXED),
    ];
    let bars = report
        .vendors
        .iter()
        .map(|v| Bar {
            label: label(&v.vendor, MAX_LABEL_CHARS, || "Unnamed".to_owned()),
            monthly_cost: v.monthly_cost,
            group: if is_provider(&v.vendor) {
                0
            } else if is_fixed(&v.vendor) {
                2
            } else {
                1
            },
        })
        .collect();
    Bars::new(bars, groups)
}

impl Bars {
    /// Keeps the bars that cost something, largest first; past
    /// [`MAX_BARS`] the smallest merge into "Other (n)". Groups no bar uses
    /// are dropped.
    fn new(mut bars: Vec<Bar>, mut groups: Vec<Group>) -> Bars {
        bars.retain(|b| b.monthly_cost.is_finite() && b.monthly_cost > 0.0);
        for b in &mut bars {
            b.monthly_cost = money_value(b.monthly_cost);
        }
        crate::order::sort_by_key(&mut bars, |b| b.monthly_cost, true);
        if bars.len() > MAX_BARS {
            let rest = bars.split_off(MAX_BARS - 1);
            bars.push(Bar {
                label: format!("Other ({})", rest.len()),
                monthly_cost: money_value(rest.iter().map(|b| b.monthly_cost).sum()),
                group: groups.len(),
            });
            groups.push(Group::new("Other", SLOT_OTHER));
        }
        let used: Vec<usize> = (0..groups.len())
            .filter(|g| bars.iter().any(|b| b.group == *g))
            .collect();
        for b in &mut bars {
            b.group = used.iter().position(|g| *g == b.group).unwrap_or(0);
        }
        let groups = used
            .iter()
            .filter_map(|g| groups.get(*g).cloned())
            .collect();
        Bars { bars, groups }
    }

    fn legend(&self, theme: &Theme) -> Vec<LegendEntry> {
        if self.bars.is_empty() {
            return vec![LegendEntry::new(
                Swatch::Note,
                "Nothing costs money at this user count",
            )];
        }
        self.groups
            .iter()
            .map(|g| LegendEntry::new(Swatch::Fill(theme.slot(g.slot)), g.name.clone()))
            .collect()
    }
}

/// Draws the monthly cost as horizontal bars, `by` step or vendor.
pub fn draw_breakdown<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &BreakdownData,
    by: BreakdownBy,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let theme = &style.theme;
    let shown = data.bars(by);
    let Some(plot) = frame::frame(area, style, &shown.legend(theme))? else {
        return Ok(());
    };
    let drawn: Vec<bars::Bar> = shown
        .bars
        .iter()
        .map(|bar| bars::Bar {
            label: bar.label.clone(),
            monthly_cost: bar.monthly_cost,
            colour: theme.slot(shown.groups.get(bar.group).map_or(SLOT_OTHER, |g| g.slot)),
        })
        .collect();
    let axes = bars::Axes {
        x_desc: format!("$ per month at {}", frame::users_text(data.users)),
        y_desc: match by {
            BreakdownBy::Step => "Feature · step",
            BreakdownBy::Vendor => "Vendor",
        },
    };
    bars::draw_bars(&plot, style, &drawn, axes, 0.0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{degenerate, presets, svg};
    use crate::engine::Plan;

    #[test]
    fn every_preset_draws_both_ways() {
        for (id, _, _, report) in presets() {
            let data = BreakdownData::new(&report);
            let style = ChartStyle::default().with_title(format!("{id} — breakdown"));
            for by in [BreakdownBy::Step, BreakdownBy::Vendor] {
                let out = svg((800, 450), |a| draw_breakdown(a, &data, by, &style))
                    .unwrap_or_else(|e| panic!("{id}: {e}"));
                assert!(out.contains("$ per month at "), "{id} {by:?}");
                assert!(out.contains(&format!("{id} — breakdown")), "{id} {by:?}");
                assert!(!out.contains("NaN"), "{id} {by:?}");
                for group in &data.bars(by).groups {
                    assert!(
                        out.contains(&group.name),
                        "{id} {by:?}: no {:?}",
                        group.name
                    );
                }
                for bar in &data.bars(by).bars {
                    assert!(out.contains(&bar.label), "{id} {by:?}: no {:?}", bar.label);
                }
            }
        }
    }

    #[test]
    fn bars_add_up_to_the_monthly_cost() {
        for (id, _, _, report) in presets() {
            let data = BreakdownData::new(&report);
            for by in [BreakdownBy::Step, BreakdownBy::Vendor] {
                let sum: f64 = data.bars(by).bars.iter().map(|b| b.monthly_cost).sum();
                let cost = report.monthly_cost;
                assert!(
                    (sum - cost).abs() <= 1e-6 * cost.max(1.0),
                    "{id} {by:?}: {sum} vs {cost}"
                );
            }
        }
    }

    #[test]
    fn many_bars_end_in_other() {
        let (_, scenario) = degenerate()
            .into_iter()
            .find(|(n, _)| *n == "twenty features")
            .expect("twenty features");
        let plan = Plan::new(&scenario).expect("valid");
        let data = BreakdownData::new(&plan.report(&scenario));
        let bars = &data.by_step.bars;
        assert_eq!(bars.len(), MAX_BARS);
        assert_eq!(bars.last().map(|b| b.label.as_str()), Some("Other (10)"));
        assert!(
            bars.iter()
                .all(|b| b.label.chars().count() <= MAX_LABEL_CHARS)
        );
        assert!(
            bars.windows(2)
                .take(MAX_BARS - 2)
                .all(|w| w[0].monthly_cost >= w[1].monthly_cost)
        );
    }

    #[test]
    fn edge_scenarios_draw() {
        for (name, scenario) in degenerate() {
            let plan = Plan::new(&scenario).unwrap_or_else(|e| panic!("{name}: {e}"));
            let data = BreakdownData::new(&plan.report(&scenario));
            for by in [BreakdownBy::Step, BreakdownBy::Vendor] {
                let style = ChartStyle::new(Theme::dark()).with_scale(2.0);
                let out = svg((1600, 900), |a| draw_breakdown(a, &data, by, &style))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(!out.contains("NaN"), "{name}");
            }
        }
        let empty =
            BreakdownData::new(&crate::engine::evaluate(&Default::default()).expect("valid"));
        assert!(empty.by_step.bars.is_empty() && empty.by_vendor.bars.is_empty());
        let out = svg((800, 450), |a| {
            draw_breakdown(a, &empty, BreakdownBy::Step, &ChartStyle::default())
        })
        .expect("draws");
        assert!(out.contains("Nothing costs money"));
    }
}
