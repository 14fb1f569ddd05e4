//! The per-feature breakdown table: actions, billed actions, cost per action
//! and monthly cost, with `feature-monthly-cost` figures for the tests.

use leptos::prelude::*;

use super::{data_value, use_planner};
use crate::engine::report::FeatureReport;
use crate::format::{count, money};

/// Every feature of the scenario with its volume and cost.
#[component]
pub fn FeatureTable() -> impl IntoView {
    let planner = use_planner();
    // Rows are keyed by position and name, and their cells read the report:
    // a slider move updates four texts per row instead of rebuilding rows.
    let rows = move || {
        planner.report.with(|r| {
            r.features
                .iter()
                .enumerate()
                .map(|(i, f)| (i, f.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let cell = move |i: usize, pick: fn(&FeatureReport) -> f64| {
        move || planner.report.with(|r| r.features.get(i).map(pick))
    };
    view! {
        <section class="panel">
            <h2>"Where the money goes"</h2>
            <table class="breakdown">
                <thead>
                    <tr>
                        <th scope="col">"Feature"</th>
                        <th scope="col" class="num">"Actions / day"</th>
                        <th scope="col" class="num">"Billed / day"</th>
                        <th scope="col" class="num">"Per action"</th>
                        <th scope="col" class="num">"Monthly"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=rows
                        key=|row| row.clone()
                        children=move |(i, name)| {
                            let actions = cell(i, |f| f.actions_per_day);
                            let billed = cell(i, |f| f.billed_per_day);
                            let per_action = cell(i, |f| f.cost_per_action);
                            let monthly = cell(i, |f| f.monthly_cost);
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    <td class="num">{move || actions().map(count)}</td>
                                    <td class="num">{move || billed().map(count)}</td>
                                    <td class="num">{move || per_action().map(money)}</td>
                                    <td
                                        class="num"
                                        data-testid="feature-monthly-cost"
                                        data-value=move || data_value(monthly())
                                    >
                                        {move || monthly().map(money)}
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </section>
    }
}
