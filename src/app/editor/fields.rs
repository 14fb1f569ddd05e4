//! The editor's selects of fixed values and the message under a field. Each
//! is addressed by the engine's own field path
//! (`features[1].steps[0].kind`): it reads and writes the scenario through
//! `Scenario::field` / `Scenario::set_field` and shows the validator's
//! message for exactly that path, so engine messages land next to the
//! right input. Text fields are `app::field`'s, shared with the budget
//! panel; editor ids start with [`EDITOR_IDS`].
//!
//! Every field view is type-erased, which keeps the wasm small. The model
//! select is `model_field`; the tables sub-editors describe their fields
//! with are `inputs`.

use leptos::prelude::*;

use super::super::{field, use_planner};
use super::shown;
use crate::engine::edit::FieldValue;

/// The start of every editor field's element id.
pub(super) const EDITOR_IDS: &str = "edit-";

/// A labelled select for a field with a fixed set of values (a step's or a
/// fixed cost's kind).
#[component]
pub(super) fn Choice(
    /// Visible label.
    label: &'static str,
    /// The engine's path of the field (`features[0].steps[1].kind`).
    #[prop(into)]
    path: String,
    /// The choices, as `(value, visible text)`.
    options: &'static [(&'static str, &'static str)],
) -> AnyView {
    let planner = use_planner();
    let scenario = planner.scenario;
    let shown = shown();
    let current = {
        let path = path.clone();
        Memo::new(move |_| shown.with(|s| s.field(&path).map(|v| v.text()).unwrap_or_default()))
    };
    let engine_message = planner.problem_at(path.clone());
    let id = field_id(&path);
    let message_id = format!("{id}-message");
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = FieldValue::Text(event_target_value(&ev));
        scenario.maybe_update(|s| s.set_field(&path, chosen));
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                prop:value=move || current.get()
                aria-invalid=move || engine_message.with(Option::is_some).to_string()
                aria-describedby={
                    let message_id = message_id.clone();
                    move || engine_message.with(Option::is_some).then(|| message_id.clone())
                }
                on:change=on_change
            >
                {options
                    .iter()
                    .map(|(value, text)| {
                        let selected = current.with_untracked(|c| c == value);
                        view! { <option value=*value selected=selected>{*text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldMessage id=message_id message=engine_message />
        </div>
    }
    .into_any()
}

/// The engine's message for a field, when it has one.
#[component]
pub(super) fn FieldMessage(
    /// The element id the field's `aria-describedby` names.
    id: String,
    /// The message, if any.
    message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <p id=id.clone() class="field-error">{m}</p> })
    }
}

/// The DOM id of an editor field's input (`features[1].runs` →
/// `edit-features-1-runs`; see `field::field_id`).
pub(super) fn field_id(path: &str) -> String {
    field::field_id(EDITOR_IDS, path)
}
