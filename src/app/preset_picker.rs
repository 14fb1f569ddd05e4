//! The preset picker: replaces the scenario with a built-in one.

use leptos::prelude::*;

use super::notices::use_notices;
use super::use_planner;
use crate::engine::presets;

/// A select of the built-in presets.
#[component]
pub fn PresetPicker() -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(p) = presets::find(&take_choice(&ev)) {
            notices.replace(
                planner,
                p.scenario(),
                format!("Opened the preset “{}”.", p.title),
            );
        }
    };
    view! {
        <label class="control preset-picker">
            <span>"Preset"</span>
            <select data-testid="preset-select" on:change=on_change>
                <option value="" selected>"Open a preset…"</option>
                {presets::all()
                    .iter()
                    .map(|p| view! { <option value=p.id>{p.title}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The option picked in a select used as a menu (a preset, a published
/// tier); the select goes back to its prompt, so that the same choice can
/// be made again.
pub(super) fn take_choice(ev: &leptos::ev::Event) -> String {
    let choice = event_target_value(ev);
    if let Some(select) = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
    {
        select.set_value("");
    }
    choice
}
