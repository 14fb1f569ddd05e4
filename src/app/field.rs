//! One text field of the scenario, addressed by the engine's own field
//! path (`features[1].steps[0].cached_share`): it reads and writes the
//! scenario through `Scenario::field` / `Scenario::set_field` and shows the
//! validator's messages for exactly that path, so engine messages land next
//! to the right input. Typed text becomes a value on `change` (not on every
//! keystroke, so focus and caret stay put), read by the engine's one rule
//! (`engine::edit`); text that is not a value for the field leaves the
//! scenario as it is and says why beside the input. The editor and the
//! budget panel both use it, each with its own id prefix.

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use super::use_planner;
use crate::engine::Scenario;
use crate::engine::edit::FieldValue;

/// A labelled input for one field of the scenario: text, number, whole
/// number, an optional one of those (left empty means none), or an optional
/// comma-separated list of ids (left empty means none), which also shows
/// the engine's messages about its items (`limits[0].models[1]`).
#[component]
pub fn Field(
    /// Visible label, with the unit where there is one ("Latency (s)").
    label: &'static str,
    /// The engine's path of the field (`pricing.target_margin`).
    #[prop(into)]
    path: String,
    /// The start of the input's element id, one per part of the page that
    /// shows fields, so the same path never gives two elements one id:
    /// the editor's `"edit-"`, the budget panel's `""`.
    ids: &'static str,
    /// The scenario the field shows (the editor's held copy, or the
    /// planner's); edits go to the planner's.
    #[prop(into)]
    shown: Signal<Scenario>,
) -> AnyView {
    let planner = use_planner();
    let scenario = planner.scenario;
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
    let id = field_id(ids, &path);
    let message_id = format!("{id}-message");
    let has_message = move || local_message().is_some() || engine_message.with(|m| !m.is_empty());

    // Reads the field's type from the planner's own signal and touches this
    // field's signals only if they still exist: the browser sends a change
    // to a focused input as it is removed (its kind switched away, the
    // field gone), after they are disposed, and reading one would panic.
    let on_change = move |ev: leptos::ev::Event| {
        let Some(current) = scenario.with_untracked(|s| s.field(&path)) else {
            return;
        };
        match current.parse_as(&event_target_value(&ev)) {
            Ok(new) => {
                _ = local.try_set(None);
                scenario.maybe_update(|s| s.set_field(&path, new));
                // Show the value as the scenario now holds it ("1,200" → "1200").
                if let Some(shown) = text.try_get_untracked() {
                    event_target::<HtmlInputElement>(&ev).set_value(&shown);
                }
            }
            Err(e) => {
                if let Some(shown) = text.try_get_untracked() {
                    _ = local.try_set(Some((e.to_string(), shown)));
                }
            }
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

/// The DOM id of the input for `path`: `prefix`, then the path with `[`,
/// `]` and `.` turned into dashes (`features[1].runs` with `"edit-"` →
/// `edit-features-1-runs`), unique on the page because paths are and each
/// part of the page has its own prefix.
pub fn field_id(prefix: &str, path: &str) -> String {
    let mut id = String::from(prefix);
    for c in path.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}
