//! The projection: month by month over the horizon, users, cost, revenue
//! and cumulative cash, as a chart and a table, with its milestones
//! (break-even, payback, the first month over a rate limit or the budget)
//! marked on both. Every number is the engine's report (`projection`,
//! `milestones`); the chart is `crate::chart::draw_projection`. Far off
//! screen while a quick control moves, the table holds what it shows and
//! catches up when the control rests or it scrolls near ([`Held`], which
//! the budget panel shares); the chart redraws only near the screen anyway
//! (`ChartCanvas`).

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, near_screen};
use super::moving::use_moving;
use super::{data_value, use_planner};
use crate::chart::{ProjectionData, draw_projection};
use crate::engine::report::{ProjectionMonth, Report};
use crate::export::{Milestone, milestones};
use crate::format::{count, money, percent};

/// The `data-testid`s of the milestones, in `export::milestones`' order.
const MILESTONE_TESTIDS: [&str; 4] = [
    "break-even-month",
    "payback-month",
    "limit-month",
    "budget-month",
];

/// The planner's report as a panel shows it: as it is, except while a
/// quick control moves and the panel is far off screen. Then it holds, so
/// that a drag does not update what nobody sees, and catches up when the
/// control rests or the panel comes near the screen. (The editor's `Shown`
/// holds a copy; this holds a tick instead, so no report is copied.)
#[derive(Clone, Copy)]
pub(super) struct Held {
    /// Changes with the report, except while held.
    tick: Memo<u64>,
    report: Memo<Report>,
}

impl Held {
    /// The report as the panel at `node` shows it.
    pub(super) fn new<E>(node: NodeRef<E>) -> Held
    where
        E: leptos::html::ElementType,
        E::Output: wasm_bindgen::JsCast + Clone + 'static,
    {
        let report = use_planner().report;
        let moving = use_moving();
        let near = near_screen(node);
        let tick = Memo::new(move |last: Option<&u64>| match last {
            Some(&last) if moving.get() && !near.get() => last,
            last => {
                report.track();
                last.map_or(0, |n| n + 1)
            }
        });
        Held { tick, report }
    }

    /// Reads the report; tracked through the tick only.
    pub(super) fn with<T>(self, f: impl FnOnce(&Report) -> T) -> T {
        // Read, not only tracked: reading runs the tick, which subscribes it
        // to the report.
        self.tick.get();
        self.report.with_untracked(f)
    }
}

/// The `data-marks` and the text of the milestones in `month`: their keys
/// and their labels.
fn marks(r: &Report, month: u32) -> (String, String) {
    let all = milestones(&r.milestones);
    let here = all.iter().filter(|m| m.month == Some(month));
    let keys: Vec<&str> = here.clone().map(|m| m.key).collect();
    let labels: Vec<&str> = here.map(|m| m.label).collect();
    (keys.join(" "), labels.join(", "))
}

/// The projection panel.
#[component]
pub fn ProjectionPanel() -> impl IntoView {
    let planner = use_planner();
    let section = NodeRef::<leptos::html::Section>::new();
    let held = Held::new(section);
    let label = Signal::derive(move || {
        held.with(|r| {
            let (Some(first), Some(last)) = (r.projection.first(), r.projection.last()) else {
                return String::new();
            };
            format!(
                "Projection over {} months: users from {} to {}, monthly cost from {} to {}, \
                 cumulative cash {} by month {}.",
                last.month,
                count(first.users),
                count(last.users),
                money(first.monthly_cost),
                money(last.monthly_cost),
                money(last.cumulative_cash),
                last.month
            )
        })
    });

    view! {
        <section node_ref=section class="panel projection" aria-labelledby="projection-heading">
            <h2 id="projection-heading">"Projection"</h2>
            <ul class="milestones">
                {move || held.with(|r| {
                    let horizon = r.projection.last().map_or(0, |m| m.month);
                    // Payback needs cash below zero first.
                    let never_negative = r.projection.iter().all(|m| m.cumulative_cash >= 0.0);
                    milestones(&r.milestones)
                        .iter()
                        .zip(MILESTONE_TESTIDS)
                        .map(|(m, testid)| {
                            let never = never_negative && m.key == "payback";
                            milestone(m, testid, horizon, never)
                        })
                        .collect::<Vec<_>>()
                })}
            </ul>
            <div class="chart chart-wide">
                <ChartCanvas
                    label
                    testid="projection-chart"
                    draw=move |area, style| {
                        planner.report.with(|r| draw_projection(area, &ProjectionData::new(r), style))
                    }
                />
            </div>
            // Wider than a phone: it scrolls in its own region, which
            // takes the focus so that a keyboard can scroll it too.
            <div class="projection-table-wrap" tabindex="0" role="region" aria-label="Projection table">
                <table class="breakdown projection-table" data-testid="projection-table">
                    <caption>"Month by month, from now to the end of the horizon."</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Month"</th>
                            <th scope="col" class="num">"Users"</th>
                            <th scope="col" class="num">"Cost"</th>
                            <th scope="col" class="num">"Revenue"</th>
                            <th scope="col" class="num">"Cumulative cash"</th>
                            <th scope="col" class="num">"Peak limit use"</th>
                            <th scope="col">"Milestones"</th>
                        </tr>
                    </thead>
                    // One view for all rows: a change rebuilds them in place,
                    // rewriting only the texts and values that changed.
                    <tbody>
                        {move || held.with(|r| r.projection.iter().map(|m| row(r, m)).collect::<Vec<_>>())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One milestone: its label and when it falls, `data-value` its month.
/// `no_need` says the line is never crossed because it never has to be
/// (payback while cash never runs negative).
fn milestone(m: &Milestone, testid: &'static str, horizon: u32, no_need: bool) -> AnyView {
    let when = match m.month {
        Some(0) => "now".to_owned(),
        Some(k) => ["month ", &k.to_string()].concat(),
        None if no_need => "cash never runs negative".to_owned(),
        None => ["not within ", &horizon.to_string(), " months"].concat(),
    };
    view! {
        <li
            class=["milestone milestone-", m.key].concat()
            data-testid=testid
            data-value=m.month.map(|k| k.to_string()).unwrap_or_default()
        >
            <span class="milestone-label">{m.label}</span>
            {when}
        </li>
    }
    .into_any()
}

/// One month of the table, its milestones named in the last cell
/// (`data-marks` their keys).
fn row(r: &Report, m: &ProjectionMonth) -> AnyView {
    let (keys, labels) = marks(r, m.month);
    let marked = !keys.is_empty();
    let month = if m.month == 0 {
        "Now".to_owned()
    } else {
        m.month.to_string()
    };
    view! {
        <tr class:milestone=marked class:over-budget=m.over_budget>
            <th scope="row" data-value=m.month>{month}</th>
            {number(m.users, "users", count)}
            {number(m.monthly_cost, "monthly_cost", money)}
            {number(m.revenue_monthly, "revenue_monthly", money)}
            {number(m.cumulative_cash, "cumulative_cash", money)}
            {number(m.peak_limit_utilisation, "peak_limit_utilisation", percent)}
            <td data-col="milestones" data-marks=keys>{labels}</td>
        </tr>
    }
    .into_any()
}

/// A number cell: `data-value` unformatted, `data-col` the report's field.
fn number(value: f64, col: &'static str, show: fn(f64) -> String) -> AnyView {
    view! { <td class="num" data-col=col data-value=data_value(Some(value))>{show(value)}</td> }
        .into_any()
}
