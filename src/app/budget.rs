//! Budget and runway: the monthly cap, daily alert and credit balance
//! beside the spend they guard, an alert exactly when a threshold is
//! crossed (the report's `over_monthly_cap` / `over_daily_alert`), and the
//! runway in days and as a calendar date. The three inputs write the
//! planner's scenario by the validator's paths (`budget.monthly_cap`) and
//! show its messages; every figure is the engine's report, held while the
//! panel is far off screen and a quick control moves (`projection::Held`).

use leptos::prelude::*;

use super::field::Field;
use super::projection::Held;
use super::{Planner, data_value, use_planner};
use crate::engine::Report;
use crate::format::{count, money, percent};

/// Whether the report crosses a threshold: exactly when the alert shows.
fn over(r: &Report) -> bool {
    r.budget.over_monthly_cap || r.budget.over_daily_alert
}

/// The alert in words: stable while only the spend moves, so a screen
/// reader is not told again at every step of a slider.
fn alert(r: &Report) -> String {
    let b = &r.budget;
    let mut text = String::new();
    if let (true, Some(cap)) = (b.over_monthly_cap, b.monthly_cap) {
        text = [
            "The monthly cost is over the monthly cap of ",
            &money(cap),
            ". ",
        ]
        .concat();
    }
    if let (true, Some(alert)) = (b.over_daily_alert, b.daily_alert) {
        text = [
            &text,
            "The daily cost is over the daily alert of ",
            &money(alert),
            ".",
        ]
        .concat();
    }
    text
}

fn monthly(r: &Report) -> Figure {
    Figure::spend(r.monthly_cost, r.budget.monthly_cap, "cap")
}

fn daily(r: &Report) -> Figure {
    Figure::spend(r.daily_cost, r.budget.daily_alert, "alert")
}

/// The runway in days; its note is the date it runs out (`data-value`
/// `YYYY-MM-DD`), or why there is none.
fn runway(r: &Report) -> Figure {
    let date = r.runway_days.and_then(runway_date);
    Figure {
        value: data_value(r.runway_days),
        text: r
            .runway_days
            .map_or("—".into(), |d| [count(d), " days".into()].concat()),
        note: match (&date, &r.runway_reason) {
            (Some(d), _) => ["until ", d].concat(),
            (None, Some(why)) => why.clone(),
            (None, None) => "beyond the calendar".into(),
        },
        note_value: Some(date.unwrap_or_default()),
    }
}

/// One figure beside an input: `data-value`, text and a note (with its
/// own `data-value` when it has one).
#[derive(Clone, Debug, PartialEq)]
struct Figure {
    value: String,
    text: String,
    note: String,
    note_value: Option<String>,
}

impl Figure {
    /// `spend` against `limit`, "the `of`".
    fn spend(spend: f64, limit: Option<f64>, of: &str) -> Figure {
        Figure {
            value: data_value(Some(spend)),
            text: money(spend),
            note: match limit {
                Some(l) if l > 0.0 => [&percent(spend / l), " of the ", of].concat(),
                Some(_) => ["nothing allowed by the ", of].concat(),
                None => ["no ", of, " set"].concat(),
            },
            note_value: None,
        }
    }
}

/// The budget and runway panel.
#[component]
pub fn BudgetPanel() -> impl IntoView {
    let planner = use_planner();
    let section = NodeRef::<leptos::html::Section>::new();
    let held = Held::new(section);
    let item = |input: AnyView, figure: AnyView| {
        view! { <div class="budget-item">{input}{figure}</div> }
    };

    view! {
        <section node_ref=section class="panel budget" aria-labelledby="budget-heading">
            <h2 id="budget-heading">"Budget and runway"</h2>
            // Rebuilt in place as the spend moves: the alert is inserted
            // (and announced) only when a threshold is first crossed.
            {move || {
                held.with(|r| over(r).then(|| alert(r)))
                    .map(|text| {
                        view! {
                            <div class="budget-alert" role="alert" data-testid="budget-alert">
                                <strong>"Over budget. "</strong>
                                {text}
                            </div>
                        }
                    })
            }}
            <div class="budget-grid">
                {item(
                    budget_input(planner, "Monthly cap ($)", "monthly_cap"),
                    figure(held, "Monthly spend", ["budget-monthly-cost", ""], monthly),
                )}
                {item(
                    budget_input(planner, "Daily alert ($)", "daily_alert"),
                    figure(held, "Daily spend", ["budget-daily-cost", ""], daily),
                )}
                {item(
                    budget_input(planner, "Credit balance ($)", "credit_balance"),
                    figure(held, "Runway", ["budget-runway-days", "runway-date"], runway),
                )}
            </div>
        </section>
    }
}

/// One figure: its label, the value and the note, with the `data-testid`s
/// `testids` (the note's only when not empty).
fn figure(
    held: Held,
    label: &'static str,
    testids: [&'static str; 2],
    pick: fn(&Report) -> Figure,
) -> AnyView {
    let f = move || held.with(pick);
    view! {
        <div class="budget-figure">
            <span class="budget-figure-label">{label}</span>
            <span
                class="budget-figure-value"
                data-testid=testids[0]
                data-value=move || f().value
            >
                {move || f().text}
            </span>
            <span
                class="budget-figure-note"
                data-testid=(!testids[1].is_empty()).then_some(testids[1])
                data-value=move || f().note_value
            >
                {move || f().note}
            </span>
        </div>
    }
    .into_any()
}

/// A labelled input for `budget.FIELD` (empty means not set): the
/// editor's own field, with the panel's ids (`budget-monthly_cap`). It
/// shows the scenario's own value, valid or not: a quick control never
/// changes it, so it needs no holding while one moves.
fn budget_input(planner: Planner, label: &'static str, field: &'static str) -> AnyView {
    let path = ["budget.", field].concat();
    view! { <Field label path ids="" shown=planner.scenario /> }.into_any()
}

/// Today plus the whole days of `runway_days`, as `YYYY-MM-DD` in the
/// browser's time zone; `None` past the year 9999.
fn runway_date(runway_days: f64) -> Option<String> {
    // About 27,000 years: beyond that the JavaScript date is invalid.
    if !(0.0..1e7).contains(&runway_days) {
        return None;
    }
    let date = js_sys::Date::new_0();
    date.set_date(date.get_date() + runway_days.floor() as u32);
    let year = date.get_full_year();
    let two = |n: u32| {
        let n = n.to_string();
        if n.len() < 2 { ["0", &n].concat() } else { n }
    };
    (year <= 9999).then(|| {
        [
            year.to_string(),
            two(date.get_month() + 1),
            two(date.get_date()),
        ]
        .join("-")
    })
}
