//! Compare: pin one scenario, keep editing (or open another), and see the
//! key figures of both side by side with their differences; the spend
//! chart draws the pinned scenario's total as a dashed line (`charts`).
//! The pinned scenario is kept in localStorage, so a reload keeps it.

use leptos::prelude::*;

use super::notices::{Notices, use_notices};
use super::persistence;
use super::{Planner, data_value, use_planner};
use crate::compare::rows;
use crate::engine::{Plan, Report, Scenario};
use crate::keep::display_name;

/// The scenario pinned for comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Pinned {
    pub name: String,
    pub scenario: Scenario,
}

/// The comparison state, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct Comparison {
    pub pinned: RwSignal<Option<Pinned>>,
    /// The engine's report of the pinned scenario.
    pub report: Memo<Option<Report>>,
    notices: Notices,
}

impl Comparison {
    /// Starts with the pinned scenario kept in this browser, if any.
    pub fn new(notices: Notices) -> Comparison {
        let stored = persistence::load_compare().unwrap_or_else(|why| {
            notices.say(why.to_string());
            None
        });
        let pinned = RwSignal::new(stored.map(|(name, scenario)| Pinned { name, scenario }));
        let report = Memo::new(move |_| {
            pinned.with(|p| {
                p.as_ref()
                    .map(|p| Plan::compile(&p.scenario).report(&p.scenario))
            })
        });
        Comparison {
            pinned,
            report,
            notices,
        }
    }

    /// Pins `scenario` under `name` and keeps it (the comparison panel
    /// that appears is the confirmation); says so when it cannot be kept.
    pub fn pin(&self, name: String, scenario: Scenario) {
        if let Err(e) = persistence::store_compare(Some((&name, &scenario))) {
            self.notices.say(format!(
                "Pinned “{name}” for comparison, but this browser could not keep it for the next visit ({e})."
            ));
        }
        self.pinned.set(Some(Pinned { name, scenario }));
    }

    /// Forgets the pinned scenario.
    pub fn unpin(&self) {
        if let Err(e) = persistence::store_compare(None) {
            leptos::logging::warn!("could not forget the pinned scenario: {e}");
        }
        self.pinned.set(None);
    }
}

/// The comparison provided by `App`.
pub fn use_comparison() -> Comparison {
    expect_context::<Comparison>()
}

/// "Pin for comparison": pins the current (last valid) scenario.
#[component]
pub fn PinButton() -> impl IntoView {
    let planner = use_planner();
    let comparison = use_comparison();
    let pin = move |_| {
        let s = planner.valid.get_untracked();
        let name = pinned_name(&s);
        comparison.pin(name, s);
    };
    view! {
        <button
            type="button"
            class="secondary"
            data-testid="pin-compare"
            title="Keep this scenario to compare the next changes with it"
            on:click=pin
        >
            {move || if comparison.pinned.with(Option::is_some) { "Pin this instead" } else { "Pin for comparison" }}
        </button>
    }
}

/// The name a pinned scenario is shown under.
fn pinned_name(s: &Scenario) -> String {
    let name = s.name.trim();
    if name.is_empty() {
        "Pinned scenario".to_owned()
    } else {
        name.to_owned()
    }
}

/// The side-by-side table, shown while a scenario is pinned.
#[component]
pub fn ComparePanel(planner: Planner) -> impl IntoView {
    let comparison = use_comparison();
    let notices = use_notices();
    let table = move || {
        comparison.report.with(|pinned| {
            pinned
                .as_ref()
                .map(|pinned| planner.report.with(|current| rows(pinned, current)))
        })
    };
    let open_pinned = move |_| {
        if let Some(p) = comparison.pinned.get_untracked() {
            let shown = display_name(&p.scenario);
            notices.replace(
                planner,
                p.scenario,
                format!("Opened the pinned scenario {shown}."),
            );
        }
    };
    view! {
        <Show when=move || comparison.pinned.with(Option::is_some)>
            <section class="panel compare" aria-label="Comparison" data-testid="compare-panel">
                <div class="panel-heading">
                    <h2>
                        {move || comparison.pinned.with(|p| match p {
                            Some(p) => format!("Compared with “{}”", p.name),
                            None => String::new(),
                        })}
                    </h2>
                    <div class="compare-actions">
                        <button type="button" class="secondary" data-testid="compare-open" on:click=open_pinned>
                            "Open pinned"
                        </button>
                        <button type="button" class="secondary" data-testid="compare-unpin" on:click=move |_| comparison.unpin()>
                            "Unpin"
                        </button>
                    </div>
                </div>
                <div class="table-scroll">
                    <table class="breakdown compare-table">
                        <thead>
                            <tr>
                                <th scope="col">"Figure"</th>
                                <th scope="col" class="num">"Pinned"</th>
                                <th scope="col" class="num">"Current"</th>
                                <th scope="col" class="num">"Change"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || table().unwrap_or_default().into_iter().map(|row| {
                                let class = match row.better {
                                    Some(true) => "num better",
                                    Some(false) => "num worse",
                                    None => "num",
                                };
                                let judged = match row.better {
                                    Some(true) => " (better)",
                                    Some(false) => " (worse)",
                                    None => "",
                                };
                                view! {
                                    <tr
                                        data-testid="compare-row"
                                        data-figure=row.id
                                        data-pinned=data_value(row.pinned)
                                        data-current=data_value(row.current)
                                        data-difference=data_value(row.difference)
                                    >
                                        <th scope="row">{row.label}</th>
                                        <td class="num">{row.pinned_text}</td>
                                        <td class="num">{row.current_text}</td>
                                        <td class=class>
                                            {row.difference_text}
                                            <span class="visually-hidden">{judged}</span>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </Show>
    }
}
