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
        let id = event_target_value(&ev);
        if let Some(p) = presets::find(&id) {
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
                {presets::all()
                    .iter()
                    .map(|p| view! { <option value=p.id>{p.title}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
