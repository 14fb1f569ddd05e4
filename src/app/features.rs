//! The per-feature breakdown table: actions, billed actions, cost per action
//! and monthly cost, with `feature-monthly-cost` figures for the tests.

use leptos::prelude::*;

use super::{data_value, use_planner};
use crate::format::{count, money};

/// Every feature of the scenario with its volume and cost.
#[component]
pub fn FeatureTable() -> impl IntoView {
    let planner = use_planner();
    let rows = move || planner.report.with(|r| r.features.clone());
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
                        each=move || rows().into_iter().enumerate()
                        key=|(i, f)| (*i, f.name.clone(), f.monthly_cost.to_bits())
                        children=move |(_, f)| view! {
                            <tr>
                                <th scope="row">{f.name.clone()}</th>
                                <td class="num">{count(f.actions_per_day)}</td>
                                <td class="num">{count(f.billed_per_day)}</td>
                                <td class="num">{money(f.cost_per_action)}</td>
                                <td
                                    class="num"
                                    data-testid="feature-monthly-cost"
                                    data-value=data_value(Some(f.monthly_cost))
                                >
                                    {money(f.monthly_cost)}
                                </td>
                            </tr>
                        }
                    />
                </tbody>
            </table>
        </section>
    }
}
