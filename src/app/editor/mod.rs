//! The scenario editor: every field of the scenario (DESIGN.md, "The
//! model") in collapsible sections, so a user can build any scenario in the
//! page. It owns no state of its own: fields read and write the planner's
//! one `RwSignal<Scenario>` by the engine's field paths, structural edits
//! are the engine's `Scenario::edit_list`, and the engine's validation
//! messages show beside their fields. It never sets a signal from an
//! effect; its one effect watches whether it is near the screen (see
//! [`Shown`]). One public component here; the field components (`fields`,
//! `model_field`), the tables of inputs that use them (`inputs`), the list
//! machinery (`items`) and one file per sub-editor are private.

mod basics;
mod custom_models;
mod features;
mod fields;
mod fixed_costs;
mod inputs;
mod items;
mod limits;
mod model_field;
mod price_overrides;
mod steps;
mod tiers;

use leptos::prelude::*;

use super::chart_canvas::near_screen;
use super::moving::use_moving;
use super::use_planner;
use crate::engine::scenario::Scenario;

use basics::{Basics, Budget, Pricing, basics_paths};
use custom_models::CustomModels;
use features::Features;
use fixed_costs::FixedCosts;
use items::ProblemFlag;
use limits::Limits;
use price_overrides::PriceOverrides;

/// The scenario as the editor shows it: the planner's, except while a
/// quick control moves and the editor is far off screen. Then it holds, so
/// a drag does not update a few hundred fields nobody sees (measured: about
/// 1 ms of every move, in the wasm and the browser's layout and paint), and
/// it catches up when the control rests or the editor comes near the
/// screen. Fields read this and write the planner's scenario.
#[derive(Clone, Copy)]
struct Shown(Memo<Scenario>);

/// The scenario as the editor shows it (see [`Shown`]).
fn shown() -> Memo<Scenario> {
    expect_context::<Shown>().0
}

/// Every field of the scenario, editable, in collapsible sections.
#[component]
pub fn ScenarioEditor() -> impl IntoView {
    let scenario = use_planner().scenario;
    let moving = use_moving();
    let section = NodeRef::<leptos::html::Section>::new();
    let near = near_screen(section);
    let held = Memo::new(move |shown: Option<&Scenario>| match shown {
        Some(shown) if moving.get() && !near.get() => shown.clone(),
        _ => scenario.get(),
    });
    provide_context(Shown(held));
    // The sections are built after the first frame is painted: the key
    // figures and charts do not wait for a few hundred fields below them.
    let ready = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || _ = ready.try_set(true), std::time::Duration::ZERO);
    });
    view! {
        <section node_ref=section class="panel editor" aria-labelledby="editor-heading">
            <h2 id="editor-heading">"Edit the scenario"</h2>
            <p class="muted editor-intro">
                "Changes apply when you leave a field or press Enter. While a field has a problem, \
                 the figures keep showing the last valid scenario."
            </p>
            <Show when=move || ready.get()>
            <Section title="Basics" open=true watches=basics_paths()>
                <Basics />
            </Section>
            <Section title="Features" open=true watches=vec!["features".to_owned()]>
                <Features />
            </Section>
            <Section title="Fixed costs" watches=vec!["fixed_costs".to_owned()]>
                <FixedCosts />
            </Section>
            <Section title="Pricing" watches=vec!["pricing".to_owned()]>
                <Pricing />
            </Section>
            <Section title="Rate limits" watches=vec!["limits".to_owned()]>
                <Limits />
            </Section>
            <Section title="Budget" watches=vec!["budget".to_owned()]>
                <Budget />
            </Section>
            <Section title="Custom models" watches=vec!["custom_models".to_owned()]>
                <CustomModels />
            </Section>
            <Section title="Price overrides" watches=vec!["price_overrides".to_owned()]>
                <PriceOverrides />
            </Section>
            </Show>
        </section>
    }
}

/// One collapsible section (`<details>`, keyboard accessible without
/// script), flagged while a field inside has a problem.
#[component]
fn Section(
    /// The section's heading.
    title: &'static str,
    /// Whether it starts open.
    #[prop(optional)]
    open: bool,
    /// The field paths or path prefixes inside it, for the problem flag.
    watches: Vec<String>,
    /// The section's fields.
    children: ChildrenFn,
) -> impl IntoView {
    // A closed section builds its fields when first opened, not before:
    // the page's first figures do not wait for fields nobody has seen.
    let opened = RwSignal::new(open);
    view! {
        <details class="editor-section" open=open on:toggle=move |ev| note_open(&ev, opened)>
            <summary>
                <h3>{title}</h3>
                <ProblemFlag prefixes=watches />
            </summary>
            <Show when=move || opened.get()>
                <div class="editor-section-body">{children()}</div>
            </Show>
        </details>
    }
}

/// Sets `opened` once the `<details>` that fired `ev` is open (it stays
/// set: closing keeps the built fields).
fn note_open(ev: &leptos::ev::Event, opened: RwSignal<bool>) {
    use wasm_bindgen::JsCast as _;
    let open = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open());
    if open && !opened.get_untracked() {
        opened.set(true);
    }
}
