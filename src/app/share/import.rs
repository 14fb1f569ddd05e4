//! "Import JSON": pick a scenario file; when it decodes it replaces the
//! scenario, otherwise the engine's problems (each with its field path) are
//! shown beside the button and the current scenario stays.

use leptos::html::Input;
use leptos::prelude::*;

use super::{Status, browser};
use crate::app::notices::use_notices;
use crate::app::use_planner;
use crate::engine::decode;
use crate::engine::freeze::thaw_prices;
use crate::export::MAX_IMPORT_BYTES;

/// Why the last import failed.
#[derive(Clone, Debug, PartialEq)]
struct Refused {
    file: String,
    problems: Vec<String>,
}

/// The import button, its hidden file input and its error region.
#[component]
pub fn ImportJson(
    /// Where a successful import is confirmed.
    status: Status,
) -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let input = NodeRef::<Input>::new();
    let refused = RwSignal::new(None::<Refused>);

    let on_change = move |_| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let Some(file) = el.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Cleared, so that picking the same file again (after fixing it)
        // is a change too.
        el.set_value("");
        let name = file.name();
        let refuse = move |problems: Vec<String>| {
            _ = refused.try_set(Some(Refused {
                file: name.clone(),
                problems,
            }));
        };
        if file.size() > MAX_IMPORT_BYTES as f64 {
            refuse(vec![format!(
                "the file is larger than {} MB; a scenario file is far smaller",
                MAX_IMPORT_BYTES >> 20
            )]);
            return;
        }
        // `File.text()`, awaited: gloo-file's `read_as_text` (a FileReader)
        // measured +1.8 KB gzipped (2026-12-01).
        let read = wasm_bindgen_futures::JsFuture::from(file.text());
        leptos::task::spawn_local(async move {
            let text = match read.await {
                Ok(text) => text.as_string(),
                Err(e) => {
                    refuse(vec![format!(
                        "the file could not be read ({})",
                        browser::js_error(&e)
                    )]);
                    return;
                }
            };
            let Some(text) = text else {
                refuse(vec!["the file could not be read as text".to_owned()]);
                return;
            };
            match decode(&text) {
                Ok(mut scenario) => {
                    let thawed = thaw_prices(&mut scenario);
                    _ = refused.try_set(None);
                    let shown = if scenario.name.trim().is_empty() {
                        "the scenario".to_owned()
                    } else {
                        format!("“{}”", scenario.name.trim())
                    };
                    let mut text = format!("Imported {shown}.");
                    if let Some(note) = thawed.note() {
                        text = format!("{text} {note}");
                    }
                    notices.replace(planner, scenario, text);
                    status.confirm(format!("Imported {shown}"));
                }
                Err(problems) => refuse(problems.0.iter().map(ToString::to_string).collect()),
            }
        });
    };
    let pick = move |_| {
        if let Some(el) = input.get_untracked() {
            el.click();
        }
    };

    view! {
        <div class="share-import">
            <button
                type="button"
                class="secondary"
                data-testid="import-button"
                title="Open a scenario JSON file exported from Burnrate"
                on:click=pick
            >
                "Import JSON"
            </button>
            <input
                node_ref=input
                class="share-import-input"
                data-testid="import-input"
                type="file"
                accept=".json,application/json"
                tabindex="-1"
                aria-hidden="true"
                on:change=on_change
            />
            {move || {
                refused
                    .get()
                    .map(|r| {
                        view! {
                            <div class="import-error" role="alert" data-testid="import-error">
                                <p>
                                    {format!("“{}” was not imported; the scenario is unchanged:", r.file)}
                                </p>
                                <ul>
                                    {r.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                                </ul>
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| refused.set(None)
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
