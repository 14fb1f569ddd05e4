//! Two scenarios side by side: the key figures of a pinned scenario and of
//! the current one, with the difference in words and whether it is better
//! or worse. Pure, so the page and the tests read the same rows.

use crate::engine::Report;
use crate::engine::report::CREDIT_UNSPENT;
use crate::format::{count, money, percent};

/// One key figure of both scenarios.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The figure's `data-testid` on the page (DESIGN.md's names).
    pub id: &'static str,
    pub label: &'static str,
    pub pinned: Option<f64>,
    pub current: Option<f64>,
    pub pinned_text: String,
    pub current_text: String,
    /// `current − pinned`, when both exist.
    pub difference: Option<f64>,
    /// The difference in words: "+$1,200 (+12%)", "−3 pts", "same".
    pub difference_text: String,
    /// Whether the current scenario is better on this figure; `None` when
    /// equal or not comparable.
    pub better: Option<bool>,
}

/// How a figure is written and which way is good.
#[derive(Clone, Copy)]
enum Kind {
    Money,
    Users,
    Share,
    Days,
}

struct Figure {
    id: &'static str,
    label: &'static str,
    kind: Kind,
    /// Whether a larger value is better.
    higher_is_better: bool,
    value: fn(&Report) -> Option<f64>,
}

const FIGURES: [Figure; 8] = [
    Figure {
        id: "monthly-cost",
        label: "Monthly cost",
        kind: Kind::Money,
        higher_is_better: false,
        value: |r| Some(r.monthly_cost),
    },
    Figure {
        id: "cost-per-action",
        label: "Cost per action",
        kind: Kind::Money,
        higher_is_better: false,
        value: |r| Some(r.cost_per_action),
    },
    Figure {
        id: "cost-per-user",
        label: "Cost per user",
        kind: Kind::Money,
        higher_is_better: false,
        value: |r| r.cost_per_user,
    },
    Figure {
        id: "break-even-users",
        label: "Break-even users",
        kind: Kind::Users,
        higher_is_better: false,
        value: |r| r.break_even_users.map(|u| u as f64),
    },
    Figure {
        id: "break-even-price",
        label: "Break-even price",
        kind: Kind::Money,
        higher_is_better: false,
        value: |r| r.break_even_price,
    },
    Figure {
        id: "gross-margin",
        label: "Gross margin",
        kind: Kind::Share,
        higher_is_better: true,
        value: |r| r.gross_margin,
    },
    Figure {
        id: "peak-rpm-utilisation",
        label: "Peak RPM use",
        kind: Kind::Share,
        higher_is_better: false,
        value: |r| Some(r.peak_rpm_utilisation),
    },
    Figure {
        id: "runway-days",
        label: "Runway",
        kind: Kind::Days,
        higher_is_better: true,
        value: |r| r.runway_days,
    },
];

/// The key figures of `pinned` and `current`, in the page's order.
pub fn rows(pinned: &Report, current: &Report) -> Vec<Row> {
    FIGURES
        .iter()
        .map(|f| {
            let a = (f.value)(pinned).filter(|v| v.is_finite());
            let b = (f.value)(current).filter(|v| v.is_finite());
            // Credit that no usage spend draws on outlasts any runway.
            let unspent = |r: &Report| {
                f.id == "runway-days" && r.runway_reason.as_deref() == Some(CREDIT_UNSPENT)
            };
            let missing = |r: &Report| {
                if f.id == "break-even-users" {
                    "never"
                } else if unspent(r) {
                    "not spent"
                } else {
                    "—"
                }
            };
            let text = |v: Option<f64>, r: &Report| {
                v.map_or_else(|| missing(r).to_owned(), |v| f.kind.text(v))
            };
            let difference = a.zip(b).map(|(a, b)| b - a);
            let better = match (a, b) {
                (Some(a), Some(b)) if !negligible(a, b) => Some((b > a) == f.higher_is_better),
                // Reaching break-even at all beats never reaching it.
                (None, Some(_)) if f.id == "break-even-users" => Some(true),
                (Some(_), None) if f.id == "break-even-users" => Some(false),
                (Some(_), None) if unspent(current) => Some(true),
                (None, Some(_)) if unspent(pinned) => Some(false),
                _ => None,
            };
            Row {
                id: f.id,
                label: f.label,
                pinned: a,
                current: b,
                pinned_text: text(a, pinned),
                current_text: text(b, current),
                difference,
                difference_text: a
                    .zip(b)
                    .map_or_else(|| "—".to_owned(), |(a, b)| f.kind.difference(a, b)),
                better,
            }
        })
        .collect()
}

/// Whether `a` and `b` differ only by floating-point rounding (the same
/// cost reached through another order of operations).
fn negligible(a: f64, b: f64) -> bool {
    (b - a).abs() <= 1e-9 * a.abs().max(b.abs())
}

impl Kind {
    fn text(self, v: f64) -> String {
        match self {
            Kind::Money => money(v),
            Kind::Users => count(v),
            Kind::Share => percent(v),
            Kind::Days => format!("{} days", count(v)),
        }
    }

    /// `b − a` in words; shares differ in percentage points, the rest also
    /// by how many percent of `a`.
    fn difference(self, a: f64, b: f64) -> String {
        let d = b - a;
        if negligible(a, b) {
            return "same".to_owned();
        }
        let sign = if d > 0.0 { "+" } else { "−" };
        match self {
            Kind::Share => {
                let points = (d.abs() * 100.0 * 10.0).round() / 10.0;
                if points == 0.0 {
                    format!("{sign}<0.1 pts")
                } else {
                    format!("{sign}{} pts", count(points))
                }
            }
            _ => {
                let body = match self {
                    Kind::Money => money(d.abs()),
                    Kind::Days => format!("{} days", count(d.abs())),
                    _ => count(d.abs()),
                };
                let relative = (d / a).abs();
                if a == 0.0 {
                    format!("{sign}{body}")
                } else if relative < 0.001 {
                    format!("{sign}{body} (<0.1%)")
                } else {
                    format!("{sign}{body} ({sign}{})", percent(relative))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, presets};

    fn report(id: &str, edit: impl FnOnce(&mut crate::engine::Scenario)) -> Report {
        let mut s = presets::find(id).expect(id).scenario();
        edit(&mut s);
        evaluate(&s).expect("valid")
    }

    fn row<'a>(rows: &'a [Row], id: &str) -> &'a Row {
        rows.iter().find(|r| r.id == id).expect(id)
    }

    #[test]
    fn the_same_scenario_differs_nowhere() {
        for p in presets::all() {
            let r = report(p.id, |_| {});
            for row in rows(&r, &r) {
                assert!(
                    row.difference_text == "same" || row.difference_text == "—",
                    "{}: {row:?}",
                    p.id
                );
                assert_eq!(row.better, None, "{}: {}", p.id, row.id);
                assert_eq!(row.pinned_text, row.current_text);
            }
        }
    }

    #[test]
    fn twice_the_users_costs_more_and_says_by_how_much() {
        let a = report("marketing-posts", |_| {});
        let b = report("marketing-posts", |s| s.users *= 2.0);
        let rows = rows(&a, &b);
        let cost = row(&rows, "monthly-cost");
        assert_eq!(cost.pinned, Some(a.monthly_cost));
        assert_eq!(cost.current, Some(b.monthly_cost));
        assert_eq!(cost.difference, Some(b.monthly_cost - a.monthly_cost));
        assert_eq!(cost.better, Some(false));
        assert!(cost.difference_text.starts_with('+'), "{cost:?}");
        assert!(
            cost.difference_text
                .contains(&money(b.monthly_cost - a.monthly_cost))
        );
        assert!(cost.difference_text.ends_with("%)"), "{cost:?}");
    }

    #[test]
    fn shares_differ_in_points_and_higher_margin_is_better() {
        let a = report("coaching-chat", |_| {});
        let b = report("coaching-chat", |s| {
            s.pricing.price_per_paying_user *= 2.0;
        });
        let rows = rows(&a, &b);
        let margin = row(&rows, "gross-margin");
        assert!(margin.difference_text.ends_with(" pts"), "{margin:?}");
        assert!(margin.difference_text.starts_with('+'), "{margin:?}");
        assert_eq!(margin.better, Some(true));
    }

    #[test]
    fn never_reaching_break_even_is_worse() {
        let a = report("coaching-chat", |_| {});
        let b = report("coaching-chat", |s| s.pricing.price_per_paying_user = 0.0);
        assert!(a.break_even_users.is_some() && b.break_even_users.is_none());
        let rows = rows(&a, &b);
        let be = row(&rows, "break-even-users");
        assert_eq!(be.current_text, "never");
        assert_eq!(be.difference_text, "—");
        assert_eq!(be.better, Some(false));
    }

    #[test]
    fn credit_nothing_spends_outlasts_a_runway() {
        let credit = |s: &mut crate::engine::Scenario| s.budget.credit_balance = Some(500.0);
        let a = report("marketing-posts", credit);
        let b = report("marketing-posts", |s| {
            credit(s);
            s.users = 0.0;
        });
        assert!(a.runway_days.is_some() && b.runway_days.is_none());
        let there = rows(&a, &b);
        let runway = row(&there, "runway-days");
        assert_eq!(runway.current_text, "not spent");
        assert_eq!(runway.better, Some(true));
        let back = rows(&b, &a);
        assert_eq!(row(&back, "runway-days").better, Some(false));
        // No credit at all is not comparable, and says so.
        let none = report("marketing-posts", |_| {});
        let runway = row(&rows(&a, &none), "runway-days").clone();
        assert_eq!((runway.current_text.as_str(), runway.better), ("—", None));
    }

    #[test]
    fn differences_from_zero_have_no_percentage() {
        assert_eq!(Kind::Money.difference(0.0, 12.0), "+$12.00");
        assert_eq!(Kind::Money.difference(100.0, 50.0), "−$50.00 (−50%)");
        assert_eq!(Kind::Share.difference(0.5, 0.5004), "+<0.1 pts");
        assert_eq!(Kind::Days.difference(10.0, 15.0), "+5 days (+50%)");
        assert_eq!(Kind::Money.difference(1000.0, 1000.5), "+$0.50 (<0.1%)");
        // Rounding noise is no difference, and neither better nor worse.
        assert_eq!(Kind::Money.difference(306.0, 306.000_000_000_1), "same");
        assert!(negligible(306.0, 306.000_000_000_1) && !negligible(306.0, 306.01));
    }
}
