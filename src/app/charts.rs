//! The charts panel: monthly spend against users, break-even (revenue and
//! cost, and the break-even price), and where the money goes.

use leptos::prelude::*;

use super::chart_canvas::ChartCanvas;
use super::compare::use_comparison;
use super::use_planner;
use crate::chart::{
    BreakEvenData, BreakdownBy, BreakdownData, SpendData, draw_break_even, draw_break_even_price,
    draw_breakdown, draw_spend,
};
use crate::engine::Plan;
use crate::format::{count, money};

/// Points per swept chart: smooth at any width, cheap to compute.
const SWEEP_POINTS: usize = 100;

/// Every chart of the planner, fed by the last valid scenario.
#[component]
pub fn Charts() -> impl IntoView {
    let planner = use_planner();
    let comparison = use_comparison();
    // The planner's one compiled plan feeds both swept charts; a pinned
    // scenario adds its total to the spend chart.
    let swept = Memo::new(move |_| {
        planner.plan.with(|plan| {
            let spend = comparison.pinned.with(|pinned| match pinned {
                Some(p) => SpendData::new(plan, SWEEP_POINTS)
                    .with_pinned(&p.name, &Plan::compile(&p.scenario)),
                None => SpendData::new(plan, SWEEP_POINTS),
            });
            (spend, BreakEvenData::new(plan, SWEEP_POINTS))
        })
    });
    let breakdown = Memo::new(move |_| planner.report.with(BreakdownData::new));
    let by = RwSignal::new(BreakdownBy::Step);

    let spend_label = Signal::derive(move || {
        let pinned = comparison.report.with(|p| {
            p.as_ref()
                .map(|p| {
                    format!(
                        " The pinned scenario costs {} a month.",
                        money(p.monthly_cost)
                    )
                })
                .unwrap_or_default()
        });
        planner.report.with(|r| {
            format!(
                "Monthly spend against users, stacked by feature; today {} users cost {} a month.{pinned}",
                count(r.users),
                money(r.monthly_cost)
            )
        })
    });
    let break_even_label = Signal::derive(move || {
        planner.report.with(|r| match r.break_even_users {
            Some(u) => format!(
                "Revenue and cost against users; break-even at {} users.",
                count(u as f64)
            ),
            None => format!(
                "Revenue and cost against users; no break-even: {}.",
                r.break_even_reason.clone().unwrap_or_default()
            ),
        })
    });
    let price_label = Signal::derive(move || {
        planner.report.with(|r| match r.break_even_price {
            Some(p) => format!(
                "Break-even price per paying user against users; today {}.",
                money(p)
            ),
            None => "Break-even price per paying user against users.".to_owned(),
        })
    });
    let breakdown_label = Signal::derive(move || {
        let by = match by.get() {
            BreakdownBy::Step => "feature and step",
            BreakdownBy::Vendor => "vendor",
        };
        format!("Monthly cost by {by}.")
    });

    view! {
        <section class="panel charts" aria-label="Charts">
            <h2>"Monthly spend"</h2>
            <div class="chart chart-wide">
                <ChartCanvas
                    label=spend_label
                    testid="spend-chart"
                    draw=move |area, style| swept.with(|(spend, _)| draw_spend(area, spend, style))
                />
            </div>
            <div class="chart-pair">
                <div class="chart">
                    <h3>"Break-even"</h3>
                    <ChartCanvas
                        label=break_even_label
                        testid="break-even-chart"
                        draw=move |area, style| swept.with(|(_, be)| draw_break_even(area, be, style))
                    />
                </div>
                <div class="chart">
                    <h3>"Break-even price"</h3>
                    <ChartCanvas
                        label=price_label
                        testid="break-even-price-chart"
                        draw=move |area, style| swept.with(|(_, be)| draw_break_even_price(area, be, style))
                    />
                </div>
            </div>
            <div class="chart chart-wide">
                <div class="chart-heading">
                    <h3>"Where the money goes"</h3>
                    <div class="segmented" role="group" aria-label="Group costs by">
                        <button
                            type="button"
                            aria-pressed=move || (by.get() == BreakdownBy::Step).to_string()
                            on:click=move |_| by.set(BreakdownBy::Step)
                        >
                            "By step"
                        </button>
                        <button
                            type="button"
                            aria-pressed=move || (by.get() == BreakdownBy::Vendor).to_string()
                            on:click=move |_| by.set(BreakdownBy::Vendor)
                        >
                            "By vendor"
                        </button>
                    </div>
                </div>
                <ChartCanvas
                    label=breakdown_label
                    testid="breakdown-chart"
                    draw=move |area, style| {
                        let by = by.get();
                        breakdown.with(|data| draw_breakdown(area, data, by, style))
                    }
                />
            </div>
        </section>
    }
}
