//! The spend chart: monthly cost against users on a log axis, stacked by
//! where it comes from (each feature's variable cost, onboarding, fixed
//! costs), with the monthly budget cap and today marked. Reads the plan's
//! sweep; computes no cost of its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::frame::{
    self, LegendEntry, LogX, MAX_LABEL_CHARS, Swatch, Today, label, linear_money, money_top,
    money_value, users_chart,
};
use super::theme::{ChartStyle, FEATURE_SLOTS, SLOT_FIXED, SLOT_ONBOARDING, SLOT_OTHER, Theme};
use crate::engine::{Plan, SweepPoint};
use crate::format;

/// Sweep points are kept between these counts.
pub(crate) const POINTS: (usize, usize) = (2, 400);
/// At most this many feature layers; more are merged into "Other features".
const MAX_FEATURE_LAYERS: usize = FEATURE_SLOTS;
/// A cap more than this many times the largest spend would flatten the
/// chart: it is named in the legend instead of drawn.
const CAP_IN_VIEW_RATIO: f64 = 10.0;

/// What the spend chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SpendData {
    x: LogX,
    /// User counts of the sweep, left to right.
    users: Vec<f64>,
    /// Bottom first; each as many values as `users`, none zero throughout.
    layers: Vec<Layer>,
    monthly_cap: Option<Cap>,
    today: Today,
    y_top: f64,
    /// A pinned scenario's total at the same user counts, to compare.
    pinned: Option<Pinned>,
}

#[derive(Clone, Debug, PartialEq)]
struct Pinned {
    name: String,
    monthly: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq)]
struct Layer {
    name: String,
    slot: usize,
    monthly: Vec<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Cap {
    monthly: f64,
    in_view: bool,
}

impl SpendData {
    /// The plan's monthly spend at `points` user counts (2 to 400) spread
    /// over a decade either side of its own user count.
    pub fn new(plan: &Plan, points: usize) -> SpendData {
        let x = LogX::around(plan.users());
        let sweep = plan.sweep(x.lo, x.hi, points.clamp(POINTS.0, POINTS.1));
        let column = |value: &dyn Fn(&SweepPoint) -> f64| -> Vec<f64> {
            sweep.iter().map(|p| money_value(value(p))).collect()
        };
        let names = plan
            .features
            .iter()
            .enumerate()
            .map(|(i, f)| label(&f.name, MAX_LABEL_CHARS, || format!("Feature {}", i + 1)));
        let series = (0..plan.features.len())
            .map(|i| column(&|p| p.feature_variable.get(i).copied().unwrap_or(0.0)));
        let mut layers = feature_layers(names.zip(series).collect());
        layers.push(Layer {
            name: "Onboarding".into(),
            slot: SLOT_ONBOARDING,
            monthly: column(&|p| p.costs.onboarding_monthly),
        });
        layers.push(Layer {
            name: "Fixed costs".into(),
            slot: SLOT_FIXED,
            monthly: column(&|p| p.costs.fixed_monthly),
        });
        layers.retain(|l| l.monthly.iter().any(|v| *v > 0.0));

        let users = plan.users();
        let today = Today::new(users, plan.costs_at(users.max(0.0)).monthly_cost);
        let largest = (0..sweep.len())
            .map(|i| layers.iter().filter_map(|l| l.monthly.get(i)).sum::<f64>())
            .fold(today.value, f64::max);
        let monthly_cap = plan
            .monthly_cap
            .filter(|c| c.is_finite() && *c >= 0.0)
            .map(money_value)
            .map(|monthly| Cap {
                monthly,
                in_view: largest <= 0.0 || monthly <= largest * CAP_IN_VIEW_RATIO,
            });
        let cap_top = monthly_cap.filter(|c| c.in_view).map_or(0.0, |c| c.monthly);
        SpendData {
            x,
            users: sweep.iter().map(|p| p.costs.users).collect(),
            layers,
            monthly_cap,
            today,
            y_top: money_top(largest.max(cap_top)),
            pinned: None,
        }
    }

    /// Adds the total monthly cost of `pinned` (a scenario kept to compare
    /// with) at the same user counts, drawn as a dashed line over the stack.
    pub fn with_pinned(mut self, name: &str, pinned: &Plan) -> SpendData {
        let monthly: Vec<f64> = self
            .users
            .iter()
            .map(|&u| money_value(pinned.costs_at(u).monthly_cost))
            .collect();
        let largest = monthly.iter().copied().fold(0.0, f64::max);
        self.y_top = self.y_top.max(money_top(largest));
        self.pinned = Some(Pinned {
            name: label(name, MAX_LABEL_CHARS, || "pinned scenario".into()),
            monthly,
        });
        self
    }

    /// The layers' tops, bottom layer first: the running sums.
    fn stacked(&self) -> Vec<Vec<f64>> {
        let mut base = vec![0.0; self.users.len()];
        self.layers
            .iter()
            .map(|layer| {
                base = base
                    .iter()
                    .zip(&layer.monthly)
                    .map(|(b, v)| b + v)
                    .collect();
                base.clone()
            })
            .collect()
    }

    fn legend(&self, theme: &Theme) -> Vec<LegendEntry> {
        let mut entries: Vec<LegendEntry> = self
            .layers
            .iter()
            .map(|l| LegendEntry::new(Swatch::Fill(theme.slot(l.slot)), l.name.clone()))
            .collect();
        if entries.is_empty() {
            entries.push(LegendEntry::new(Swatch::Note, "Nothing costs money yet"));
        }
        if let Some(cap) = self.monthly_cap {
            let off = if cap.in_view { "" } else { " (far above)" };
            entries.push(LegendEntry::new(
                Swatch::Dashed(theme.budget_cap),
                format!("Monthly cap {}{off}", format::money(cap.monthly)),
            ));
        }
        if let Some(pinned) = &self.pinned {
            entries.push(LegendEntry::new(
                Swatch::Dashed(theme.current),
                format!("Pinned: {}", pinned.name),
            ));
        }
        entries.push(LegendEntry::new(
            Swatch::Dot(theme.current),
            format!(
                "Today: {}, {} a month",
                frame::users_text(self.today.users),
                format::money(self.today.value)
            ),
        ));
        entries
    }
}

/// One layer per feature, or the largest few (at the right end of the
/// range) and "Other features" when there are too many to tell apart.
fn feature_layers(features: Vec<(String, Vec<f64>)>) -> Vec<Layer> {
    if features.len() <= MAX_FEATURE_LAYERS {
        return features
            .into_iter()
            .enumerate()
            .map(|(i, (name, monthly))| Layer {
                name,
                slot: i % FEATURE_SLOTS,
                monthly,
            })
            .collect();
    }
    let last = |i: usize| {
        features
            .get(i)
            .and_then(|(_, m)| m.last().copied())
            .unwrap_or(0.0)
    };
    let sizes: Vec<f64> = (0..features.len()).map(last).collect();
    let by_size = crate::order::by_key(&sizes, true);
    let keep = MAX_FEATURE_LAYERS - 1;
    let mut kept = vec![false; features.len()];
    for &i in by_size.iter().take(keep) {
        if let Some(k) = kept.get_mut(i) {
            *k = true;
        }
    }
    let mut layers = Vec::with_capacity(MAX_FEATURE_LAYERS);
    let mut other: Vec<f64> = Vec::new();
    for ((name, monthly), kept) in features.into_iter().zip(kept) {
        if kept {
            let slot = layers.len();
            layers.push(Layer {
                name,
                slot,
                monthly,
            });
        } else if other.is_empty() {
            other = monthly;
        } else {
            other.iter_mut().zip(&monthly).for_each(|(o, v)| *o += v);
        }
    }
    let merged = by_size.len() - keep;
    layers.push(Layer {
        name: format!("Other features ({merged})"),
        slot: SLOT_OTHER,
        monthly: other,
    });
    layers
}

/// Draws the spend chart of `data` on `area`.
pub fn draw_spend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &SpendData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let theme = &style.theme;
    let Some(plot) = frame::frame(area, style, &data.legend(theme))? else {
        return Ok(());
    };
    let y = linear_money(data.y_top);
    let mut chart = users_chart(&plot, style, data.x, y, &["$ per month", "$"])?;

    let mut base = vec![0.0; data.users.len()];
    for (layer, top) in data.layers.iter().zip(data.stacked()) {
        let colour = theme.slot(layer.slot);
        let upper: Vec<(f64, f64)> = data
            .users
            .iter()
            .copied()
            .zip(top.iter().copied())
            .collect();
        let lower = data.users.iter().copied().zip(base.iter().copied()).rev();
        let outline: Vec<(f64, f64)> = upper.iter().copied().chain(lower).collect();
        chart.draw_series(std::iter::once(Polygon::new(
            outline,
            colour.mix(0.75).filled(),
        )))?;
        chart.draw_series(LineSeries::new(upper, style.line(colour, 1.5)))?;
        base = top;
    }

    if let Some(cap) = data.monthly_cap.filter(|c| c.in_view) {
        chart.draw_series(DashedLineSeries::new(
            vec![(data.x.lo, cap.monthly), (data.x.hi, cap.monthly)],
            style.px(8.0),
            style.px(5.0),
            style.line(theme.budget_cap, 2.0),
        ))?;
    }
    if let Some(pinned) = &data.pinned {
        chart.draw_series(DashedLineSeries::new(
            data.users
                .iter()
                .copied()
                .zip(pinned.monthly.iter().copied()),
            style.px(6.0),
            style.px(4.0),
            style.line(theme.current, 2.0),
        ))?;
    }
    let span = (0.0, data.y_top);
    frame::draw_today(&mut chart, style, data.today.point(data.x), span)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{degenerate, presets, svg};

    #[test]
    fn every_preset_draws_with_its_features_in_the_legend() {
        for (id, _, plan, _) in presets() {
            let data = SpendData::new(&plan, 60);
            let style = ChartStyle::default().with_title(format!("{id} — spend"));
            let out = svg((800, 450), |a| draw_spend(a, &data, &style))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            for text in ["Users", "$ per month", "Today: ", &format!("{id} — spend")] {
                assert!(out.contains(text), "{id}: no {text:?}");
            }
            for layer in &data.layers {
                assert!(
                    out.contains(&layer.name),
                    "{id}: no legend {:?}",
                    layer.name
                );
            }
            assert!(!out.contains("NaN"), "{id}");
        }
    }

    #[test]
    fn edge_scenarios_draw_in_both_themes() {
        for (name, scenario) in degenerate() {
            let plan = Plan::new(&scenario).unwrap_or_else(|e| panic!("{name}: {e}"));
            let data = SpendData::new(&plan, 50);
            assert!(data.y_top.is_finite() && data.y_top > 0.0, "{name}");
            assert!(data.layers.len() <= MAX_FEATURE_LAYERS + 2, "{name}");
            for style in [
                ChartStyle::new(Theme::light()),
                ChartStyle::new(Theme::dark()).with_scale(2.0),
            ] {
                let out = svg((800, 450), |a| draw_spend(a, &data, &style))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(out.contains("Users") && !out.contains("NaN"), "{name}");
            }
        }
    }

    #[test]
    fn layers_stack_to_the_monthly_cost() {
        let (_, _, plan, _) = presets().into_iter().next().expect("a preset");
        let data = SpendData::new(&plan, 20);
        let tops = data.stacked();
        let total = tops.last().expect("layers");
        for (users, top) in data.users.iter().zip(total) {
            let cost = plan.costs_at(*users).monthly_cost;
            assert!(
                (top - cost).abs() <= 1e-9 * cost.max(1.0),
                "{users}: {top} vs {cost}"
            );
        }
    }

    #[test]
    fn many_features_merge_into_other() {
        let (_, scenario) = degenerate()
            .into_iter()
            .find(|(n, _)| *n == "twenty features")
            .expect("twenty features");
        let data = SpendData::new(&Plan::new(&scenario).expect("valid"), 30);
        let names: Vec<&str> = data.layers.iter().map(|l| l.name.as_str()).collect();
        // The busiest features (the last ones here) stay, in plan order.
        let mut expected: Vec<String> = (16..20)
            .map(|i| format!("A rather long feature name number {i}"))
            .collect();
        expected.extend(["Other features (16)", "Onboarding", "Fixed costs"].map(String::from));
        assert_eq!(names, expected);
    }

    #[test]
    fn a_pinned_scenario_is_a_dashed_total_in_the_legend() {
        let all = presets();
        let (_, _, plan, _) = &all[0];
        let (_, _, other, _) = &all[1];
        let data = SpendData::new(plan, 30).with_pinned("Last quarter's plan", other);
        let pinned = data.pinned.as_ref().expect("pinned");
        for (users, total) in data.users.iter().zip(&pinned.monthly) {
            assert_eq!(*total, other.costs_at(*users).monthly_cost, "{users}");
        }
        assert!(data.y_top >= money_top(pinned.monthly.iter().copied().fold(0.0, f64::max)));
        let out = svg((800, 450), |a| draw_spend(a, &data, &ChartStyle::default())).expect("draws");
        assert!(out.contains("Pinned: Last quarter") && !out.contains("NaN"));
        let unnamed = SpendData::new(plan, 5).with_pinned("  ", other);
        assert_eq!(unnamed.pinned.expect("pinned").name, "pinned scenario");
    }

    #[test]
    fn nothing_at_all_still_has_axes() {
        let data = SpendData::new(&Plan::new(&Default::default()).expect("valid"), 10);
        assert!(data.layers.is_empty());
        assert_eq!(data.y_top, 1.0);
        assert_eq!(data.x, LogX { lo: 1.0, hi: 100.0 });
        let out = svg((800, 450), |a| draw_spend(a, &data, &ChartStyle::default())).expect("draws");
        assert!(out.contains("Nothing costs money yet") && out.contains("$0"));
    }

    #[test]
    fn tiny_areas_draw_only_the_background() {
        let (_, _, plan, _) = presets().into_iter().next().expect("a preset");
        let data = SpendData::new(&plan, 20);
        for size in [(0, 0), (1, 1), (100, 40), (170, 120)] {
            let out = svg(size, |a| draw_spend(a, &data, &ChartStyle::default()));
            assert!(out.is_ok(), "{size:?}: {out:?}");
        }
    }
}
