//! The charts below the spend chart, in the charts panel: break-even
//! (revenue and cost, and the break-even price) and where the money goes.
//! They come with the chunk loaded after the first paint (`lazy`).

use leptos::prelude::*;

use super::chart_canvas::ChartCanvas;
use super::charts::SWEEP_POINTS;
use super::use_planner;
use crate::chart::{
    BreakEvenData, BreakdownBy, BreakdownData, draw_break_even, draw_break_even_price,
    draw_breakdown,
};
use crate::format::{count, money};

/// Break-even, break-even price and the breakdown, fed by the last valid
/// scenario.
#[component]
pub fn ChartsBelow() -> impl IntoView {
    let planner = use_planner();
    let break_even = Memo::new(move |_| {
        planner
            .plan
            .with(|plan| BreakEvenData::new(plan, SWEEP_POINTS))
    });
    let breakdown = Memo::new(move |_| planner.report.with(BreakdownData::new));
    let by = RwSignal::new(BreakdownBy::Step);

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
        <div class="chart-pair">
            <div class="chart">
                <h3>"Break-even"</h3>
                <ChartCanvas
                    label=break_even_label
                    testid="break-even-chart"
                    draw=move |area, style| break_even.with(|be| draw_break_even(area, be, style))
                />
            </div>
            <div class="chart">
                <h3>"Break-even price"</h3>
                <ChartCanvas
                    label=price_label
                    testid="break-even-price-chart"
                    draw=move |area, style| break_even.with(|be| draw_break_even_price(area, be, style))
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
    }
}
