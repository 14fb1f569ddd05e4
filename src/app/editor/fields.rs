//! The editor's form fields. Each is addressed by the engine's own field
//! path (`features[1].steps[0].cached_share`): it reads and writes the
//! scenario through `Scenario::field` / `Scenario::set_field` and shows the
//! validator's message for exactly that path, so engine messages land next
//! to the right input. Typed text becomes a value on `change` (not on every
//! keystroke, so focus and caret stay put); text that is not a value for the
//! field leaves the scenario as it is and says why beside the input.
//!
//! Every field view is type-erased, which keeps the wasm small. The model
//! select is `model_field`; the tables sub-editors describe their fields
//! with are `inputs`.

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use super::super::use_planner;
use super::shown;
use crate::engine::edit::FieldValue;

/// A labelled input for one field of the scenario: text, number, whole
/// number, an optional one of those (left empty means none), or an optional
/// comma-separated list of ids (left empty means none), which also shows
/// the engine's messages about its items (`limits[0].models[1]`).
#[component]
pub(super) fn Field(
    /// Visible label, with the unit where there is one ("Latency (s)").
    label: &'static str,
    /// The engine's path of the field (`pricing.target_margin`).
    #[prop(into)]
    path: String,
) -> AnyView {
    let planner = use_planner();
    let scenario = planner.scenario;
    let shown = shown();
    let value = {
        let path = path.clone();
        Memo::new(move |_| shown.with(|s| s.field(&path)))
    };
    let text =
        Memo::new(move |_| value.with(|v| v.as_ref().map(FieldValue::text).unwrap_or_default()));
    // A local message remembers the text the field showed when it was
    // given, and hides once the scenario's value changes (a preset load):
    // derived, so no effect has to clear it.
    let local = RwSignal::new(None::<(String, String)>);
    let local_message = move || {
        local.with(|l| {
            l.as_ref()
                .filter(|(_, shown)| text.with(|t| t == shown))
                .map(|(message, _)| message.clone())
        })
    };
    let engine_message = problems_of(path.clone());

    let (numeric, placeholder) = value.with_untracked(|v| match v {
        Some(FieldValue::OptionalList(_)) => (false, Some("other models")),
        Some(v) => (v.is_numeric(), v.is_optional().then_some("none")),
        None => (false, None),
    });
    let id = field_id(&path);
    let message_id = format!("{id}-message");
    let has_message = move || local_message().is_some() || engine_message.with(|m| !m.is_empty());

    let on_change = move |ev: leptos::ev::Event| {
        let Some(current) = value.get_untracked() else {
            return;
        };
        match current.parse_as(&event_target_value(&ev)) {
            Ok(new) => {
                local.set(None);
                scenario.maybe_update(|s| s.set_field(&path, new));
                // Show the value as the scenario now holds it ("1,200" → "1200").
                event_target::<HtmlInputElement>(&ev).set_value(&text.get_untracked());
            }
            Err(e) => local.set(Some((e.to_string(), text.get_untracked()))),
        }
    };

    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode=numeric.then_some("decimal")
                autocomplete="off"
                placeholder=placeholder
                prop:value=move || text.get()
                aria-invalid=move || has_message().to_string()
                aria-describedby={
                    let message_id = message_id.clone();
                    move || has_message().then(|| message_id.clone())
                }
                on:change=on_change
            />
            {move || {
                has_message()
                    .then(|| {
                        view! {
                            <p id=message_id.clone() class="field-error">
                                {local_message().map(|m| view! { <span>{m}</span> })}
                                {engine_message
                                    .get()
                                    .into_iter()
                                    .map(|m| view! { <span>{m}</span> })
                                    .collect_view()}
                            </p>
                        }
                    })
            }}
        </div>
    }
    .into_any()
}

/// The engine's messages for the field at `path` and for the items of a
/// list field (`limits[0].models[1]` for `limits[0].models`).
fn problems_of(path: String) -> Memo<Vec<String>> {
    let problems = use_planner().problems;
    Memo::new(move |_| {
        problems.with(|ps| {
            ps.iter()
                .filter(|p| p.path == path || is_item_of(&p.path, &path))
                .map(|p| p.message.clone())
                .collect()
        })
    })
}

/// Whether `path` is an item of the list at `list` (`limits[0].models[1]`
/// of `limits[0].models`), not a field inside one.
fn is_item_of(path: &str, list: &str) -> bool {
    path.strip_prefix(list)
        .and_then(|rest| rest.strip_prefix('['))
        .and_then(|rest| rest.strip_suffix(']'))
        .is_some_and(|index| !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()))
}

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

/// The DOM id of a field's input: its path with `[`, `]` and `.` turned
/// into dashes (`features[1].runs` → `edit-features-1-runs`), unique on the
/// page because paths are.
pub(super) fn field_id(path: &str) -> String {
    let mut id = String::from("edit-");
    for c in path.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}
