//! The Leptos client-side app. One `RwSignal<Scenario>` is the single source
//! of truth; the last valid scenario and the engine's report are `Memo`s of
//! it; components only read them and write edits back to the one signal.
//! Effects exist only for the outside world (canvas, URL, storage).
//!
//! Only compiled for wasm32: native builds never see the web stack.

mod budget;
mod canvas_backend;
mod capacity;
mod chart_canvas;
mod charts;
mod charts_below;
mod compare;
mod controls;
mod editor;
mod features;
mod field;
mod figures;
mod lazy;
mod model_comparison;
mod moving;
mod notices;
mod persistence;
mod preset_picker;
mod projection;
mod saved;
mod self_hosting;
mod share;

use leptos::prelude::*;

use crate::engine::{Plan, Problem, Report, Scenario, catalog};

pub use budget::BudgetPanel;
pub use canvas_backend::WebBackend;
pub use capacity::CapacityPanel;
pub use chart_canvas::ChartCanvas;
pub use charts::Charts;
pub use charts_below::ChartsBelow;
pub use compare::{ComparePanel, Comparison, PinButton};
pub use controls::QuickControls;
pub use editor::ScenarioEditor;
pub use features::FeatureTable;
pub use figures::KeyFigures;
pub use lazy::{Deferred, PartError, PartRetry};
pub use model_comparison::ModelComparisonPanel;
pub use notices::{NoticeBar, Notices};
pub use preset_picker::PresetPicker;
pub use projection::ProjectionPanel;
pub use saved::SavedPanel;
pub use self_hosting::SelfHostingPanel;
pub use share::ShareBar;

/// The scenario and its evaluation, shared with every component.
#[derive(Clone, Copy)]
pub struct Planner {
    /// The scenario as edited: the only state the page owns. It may be
    /// invalid while the user types.
    pub scenario: RwSignal<Scenario>,
    /// Everything wrong with `scenario`, each with its field path.
    pub problems: Memo<Vec<Problem>>,
    /// The last valid scenario: what the figures and charts show.
    pub valid: Memo<Scenario>,
    /// `valid` compiled once per edit: the report and the swept charts
    /// both read it.
    pub plan: Memo<Plan>,
    /// The engine's report for `valid`.
    pub report: Memo<Report>,
    /// The feature the volume and cache controls act on.
    pub selected_feature: RwSignal<usize>,
}

impl Planner {
    pub fn new(initial: Scenario) -> Planner {
        let scenario = RwSignal::new(initial);
        // Validated once per edit: `valid` follows the scenario only while
        // `problems` is empty.
        let problems = Memo::new(move |_| {
            scenario.with(|s| s.validate().err().map(|p| p.0).unwrap_or_default())
        });
        let valid = Memo::new(move |previous: Option<&Scenario>| {
            match (problems.with(Vec::is_empty), previous) {
                (true, _) => scenario.get(),
                (false, Some(last)) => last.clone(),
                (false, None) => Scenario::default(),
            }
        });
        let plan = Memo::new(move |_| valid.with(Plan::compile));
        let report = Memo::new(move |_| plan.with(|p| valid.with(|s| p.report(s))));
        Planner {
            scenario,
            problems,
            valid,
            plan,
            report,
            selected_feature: RwSignal::new(0),
        }
    }

    /// Replaces the whole scenario (a preset, an import, a link).
    pub fn load(&self, s: Scenario) {
        self.selected_feature.set(0);
        self.scenario.set(s);
    }

    /// The problem reported for exactly this field path, if any.
    pub fn problem_at(&self, path: String) -> Signal<Option<String>> {
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|ps| {
                ps.iter()
                    .find(|p| p.path == path)
                    .map(|p| p.message.clone())
            })
        })
    }

    /// The index of the selected feature, kept within the scenario.
    pub fn feature_index(&self) -> Option<usize> {
        let n = self.scenario.with(|s| s.features.len());
        (n > 0).then(|| self.selected_feature.get().min(n - 1))
    }
}

/// The planner context, provided by [`App`].
pub fn use_planner() -> Planner {
    expect_context::<Planner>()
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let start = persistence::start();
    let planner = Planner::new(start.scenario);
    provide_context(planner);
    provide_context(moving::Moving::new());
    let notices = Notices::new(start.not_saving);
    if let Some(text) = start.notice {
        notices.say(text);
    }
    provide_context(notices);
    provide_context(Comparison::new(notices));
    provide_context(PartRetry::new());
    let link_error = RwSignal::new(start.link_error);
    persistence::persist(
        planner,
        Signal::derive(move || link_error.with(Option::is_some)),
        notices,
    );
    // A link pasted into the address bar of the open page: opened like a
    // link at start, with Undo; a damaged one shows the banner. (The page's
    // own URL updates replace history entries and fire no hashchange.)
    let pasted =
        window_event_listener(
            leptos::ev::hashchange,
            move |_| match persistence::pasted_link() {
                Some(Ok((scenario, note))) => {
                    link_error.set(None);
                    if planner.valid.with_untracked(|s| s == &scenario) {
                        return;
                    }
                    let previous = planner.valid.get_untracked();
                    let mut text = format!(
                        "Opened the scenario {} from the link. {}",
                        persistence::display_name(&scenario),
                        persistence::keep_previous(&previous)
                    );
                    if let Some(note) = note {
                        text = format!("{text} {note}");
                    }
                    notices.replace(planner, scenario, text);
                }
                Some(Err(why)) => link_error.set(Some(why)),
                None => {}
            },
        );
    on_cleanup(move || pasted.remove());
    // The panels below the charts are built after the first frame is
    // painted, like the editor: the key figures do not wait for them
    // (measured: about 50 ms of the first figure on this machine).
    let below = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || _ = below.try_set(true), std::time::Duration::ZERO);
    });
    let name = move || planner.valid.with(|s| s.name.clone());
    let problem_count = move || planner.problems.with(Vec::len);

    view! {
        <div class="app">
            <header class="app-header">
                <div>
                    <h1>"Burnrate"</h1>
                    <p class="muted">"What your AI features cost per action, per user and per month."</p>
                </div>
                <PresetPicker />
            </header>
            <Show when=move || link_error.with(Option::is_some)>
                <div class="link-error" data-testid="link-error" role="alert">
                    <p>{move || link_error.get().unwrap_or_default()}</p>
                    <button type="button" on:click=move |_| link_error.set(None)>"Dismiss"</button>
                </div>
            </Show>
            <NoticeBar planner />
            <main class="layout">
                <aside class="sidebar">
                    <QuickControls />
                    <Show when=move || below.get()>
                        <Deferred load=lazy::saved_scenarios what="the saved scenarios" />
                    </Show>
                </aside>
                <div class="content">
                    <div class="scenario-heading">
                        <h2 class="scenario-name">{name}</h2>
                        <PinButton />
                        <Show when=move || below.get()>
                            <Deferred load=lazy::share_bar what="sharing and export" />
                        </Show>
                    </div>
                    <Show when=move || problem_count() != 0>
                        <p class="field-warning" role="status">
                            {move || format!(
                                "{} input problem{} below: the figures show the last valid scenario.",
                                problem_count(),
                                if problem_count() == 1 { "" } else { "s" }
                            )}
                        </p>
                    </Show>
                    <KeyFigures />
                    <Show when=move || below.get()>
                        <Deferred load=lazy::compare_panel what="the comparison" />
                    </Show>
                    <Charts />
                    <Show when=move || below.get()>
                        <Deferred load=lazy::panels what="the panels and the editor" />
                    </Show>
                </div>
            </main>
            <footer class="catalog-note">
                {format!(
                    "Prices as of {} from {} ({}).",
                    catalog::SNAPSHOT_DATE,
                    catalog::SOURCE,
                    catalog::SNAPSHOT_ID
                )}
            </footer>
        </div>
    }
}

/// The `data-value` of a figure: the unformatted number, empty when none.
pub(crate) fn data_value(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite())
        .map(|v| v.to_string())
        .unwrap_or_default()
}
