//! The charts panel: monthly spend against users, then (`charts_below`,
//! loaded after the first paint) break-even and where the money goes.

use leptos::prelude::*;

use super::chart_canvas::ChartCanvas;
use super::compare::use_comparison;
use super::lazy::{self, Deferred};
use super::use_planner;
use crate::chart::{SpendData, draw_spend};
use crate::engine::Plan;
use crate::format::{count, money};

/// Points per swept chart: smooth at any width, cheap to compute.
pub(crate) const SWEEP_POINTS: usize = 100;

/// Every chart of the planner, fed by the last valid scenario.
#[component]
pub fn Charts() -> impl IntoView {
    let planner = use_planner();
    let comparison = use_comparison();
    // The planner's one compiled plan feeds the swept charts; a pinned
    // scenario adds its total to the spend chart.
    let spend = Memo::new(move |_| {
        planner.plan.with(|plan| {
            comparison.pinned.with(|pinned| match pinned {
                Some(p) => SpendData::new(plan, SWEEP_POINTS)
                    .with_pinned(&p.name, &Plan::compile(&p.scenario)),
                None => SpendData::new(plan, SWEEP_POINTS),
            })
        })
    });

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
    view! {
        <section class="panel charts" aria-label="Charts">
            <h2>"Monthly spend"</h2>
            <div class="chart chart-wide">
                <ChartCanvas
                    label=spend_label
                    testid="spend-chart"
                    draw=move |area, style| spend.with(|spend| draw_spend(area, spend, style))
                />
            </div>
            // Break-even and the breakdown come with the chunk loaded after
            // the first paint (`lazy`): the first download holds the spend
            // chart only.
            <Deferred load=lazy::charts_below what="the break-even and breakdown charts" />
        </section>
    }
}
