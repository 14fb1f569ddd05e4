//! "Saved scenarios": the user's named scenarios in this browser. Save the
//! current one under a name (the same name replaces it), and open, rename,
//! duplicate, compare or delete each; a delete can be undone, and opening
//! one can be undone from the notice bar. The panel's state and every change
//! to it are `keep::SavedList` (tested natively); this file shows it and
//! follows changes made in other tabs.
//!
//! Every change is written first and shown after: when storage refuses a
//! write, the list on screen stays what is stored and the message says so.

use leptos::html::Input;
use leptos::prelude::*;

use super::compare::use_comparison;
use super::notices::use_notices;
use super::persistence::{LocalStorage, SAVED_CHANGED, now};
use super::use_planner;
use crate::keep::{SAVED_KEY, SavedList};
use crate::saved::Entry;

/// The saved-scenarios panel.
#[component]
pub fn SavedPanel() -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let comparison = use_comparison();
    let (loaded, problem) = SavedList::load(&LocalStorage, &now());
    if let Some(why) = problem {
        notices.say(why);
    }
    let list = RwSignal::new(loaded);
    // The rows are rebuilt only when the entries change, not when a
    // message does (a failed rename keeps what was typed).
    let entries = Memo::new(move |_| list.with(|l| l.entries().to_vec()));
    let renaming = RwSignal::new(None::<String>);
    let rename_input = NodeRef::<Input>::new();

    // Another tab changed the list: show what is stored now.
    let other_tab = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() == Some(SAVED_KEY) {
            list.update(|l| l.reload(&LocalStorage, &now(), true));
        }
    });
    // This tab put a scenario into the list behind the panel's back (a link
    // opened over it): show the list as stored.
    let this_tab = window_event_listener_untyped(SAVED_CHANGED, move |_| {
        list.update(|l| l.reload(&LocalStorage, &now(), false));
    });
    on_cleanup(move || {
        other_tab.remove();
        this_tab.remove();
    });
    // Runs one change of the list; a change done ends a rename.
    let change = move |act: &dyn Fn(&mut SavedList) -> bool| {
        let done = list.try_update(|l| act(l)).unwrap_or(false);
        if done {
            renaming.set(None);
        }
        done
    };

    let current_name = Memo::new(move |_| planner.valid.with(|s| s.name.trim().to_owned()));
    // What the user typed in the name box; until they type, it follows the
    // scenario's own name (or the name of the entry last opened).
    let draft = RwSignal::new(None::<String>);
    let typed_name = move || draft.get().unwrap_or_else(|| current_name.get());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = draft
            .get_untracked()
            .unwrap_or_else(|| current_name.get_untracked());
        let scenario = planner.valid.get_untracked();
        if change(&|l| l.save(&LocalStorage, &typed, &scenario, &now())) {
            draft.set(Some(typed.trim().to_owned()));
        }
    };
    let will_replace = move || {
        let name = typed_name();
        list.with(|l| l.has(&name))
    };

    let open = move |name: String| {
        let Some((name, scenario, thawed)) = list.try_update(|l| l.open(&name)).flatten() else {
            return;
        };
        let mut text = format!("Opened “{name}”.");
        if let Some(note) = thawed.note() {
            text = format!("{text} {note}");
        }
        notices.replace(planner, scenario, text);
        // Saving again goes back into the entry just opened.
        draft.set(Some(name));
        list.update(SavedList::clear_error);
    };
    let compare = move |name: String| {
        if let Some((name, scenario, _)) = list.try_update(|l| l.open(&name)).flatten() {
            comparison.pin(name, scenario);
        }
    };
    let duplicate = move |name: String| {
        change(&|l| l.duplicate(&LocalStorage, &name, &now()));
    };
    let delete = move |name: String| {
        change(&|l| l.delete(&LocalStorage, &name, &now()));
    };
    let undo = move |_| {
        change(&|l| l.undo(&LocalStorage, &now()));
    };
    let finish_rename = move |name: String| {
        let typed = rename_input
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_default();
        change(&|l| l.rename(&LocalStorage, &name, &typed, &now()));
    };
    let stop_renaming = move |name: Option<String>| {
        renaming.set(name);
        list.update(SavedList::clear_error);
    };

    let row = move |entry: Entry| {
        let name = entry.name.clone();
        let when = local_time(&entry.saved_at);
        let broken = entry.open().err().map(|p| p.to_string());
        let is_renaming = {
            let name = name.clone();
            move || renaming.with(|r| r.as_deref() == Some(name.as_str()))
        };
        let label = |verb: &str| format!("{verb} “{name}”");
        let (for_actions, for_rename, for_duplicate, for_compare, for_delete) = (
            label("Actions for"),
            label("Rename"),
            label("Duplicate"),
            label("Compare with"),
            label("Delete"),
        );
        let rename_value = name.clone();
        let data_name = name.clone();
        // The entry's name, for the handlers (a copyable handle).
        let this = StoredValue::new(name.clone());
        view! {
            <li class="saved-entry" data-testid="saved-entry" data-name=data_name>
                <Show
                    when=is_renaming
                    fallback={
                        let name = name.clone();
                        let broken = broken.clone();
                        move || {
                            let to_open = name.clone();
                            view! {
                            <div class="saved-title">
                                <button
                                    type="button"
                                    class="link-button"
                                    data-testid="saved-open"
                                    title="Open this scenario (you can undo)"
                                    disabled=broken.is_some()
                                    on:click=move |_| open(to_open.clone())
                                >
                                    {name.clone()}
                                </button>
                                <span class="muted saved-when">{when.clone()}</span>
                            </div>
                            }
                        }
                    }
                >
                    <form
                        class="saved-rename"
                        on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            finish_rename(this.get_value());
                        }
                    >
                        <input
                            type="text"
                            node_ref=rename_input
                            data-testid="saved-rename-input"
                            aria-label="New name"
                            value=rename_value.clone()
                            maxlength="120"
                        />
                        <button type="submit" data-testid="saved-rename-save">"Save name"</button>
                        <button type="button" class="secondary" on:click=move |_| stop_renaming(None)>
                            "Cancel"
                        </button>
                    </form>
                </Show>
                {broken.clone().map(|why| view! { <p class="field-error">{format!("Cannot be opened: {why}")}</p> })}
                <div class="saved-actions" role="group" aria-label=for_actions>
                    <button type="button" class="secondary" data-testid="saved-rename" aria-label=for_rename on:click=move |_| stop_renaming(Some(this.get_value()))>
                        "Rename"
                    </button>
                    <button type="button" class="secondary" data-testid="saved-duplicate" aria-label=for_duplicate on:click=move |_| duplicate(this.get_value())>
                        "Duplicate"
                    </button>
                    <button type="button" class="secondary" data-testid="saved-compare" aria-label=for_compare disabled=broken.is_some() on:click=move |_| compare(this.get_value())>
                        "Compare"
                    </button>
                    <button type="button" class="secondary danger" data-testid="saved-delete" aria-label=for_delete on:click=move |_| delete(this.get_value())>
                        "Delete"
                    </button>
                </div>
            </li>
        }
    };

    view! {
        <section class="panel saved" aria-labelledby="saved-heading" data-testid="saved-panel">
            <h2 id="saved-heading">"Saved scenarios"</h2>
            <form class="save-form" on:submit=save>
                <label class="control">
                    <span>"Name"</span>
                    <input
                        type="text"
                        data-testid="save-name"
                        maxlength="120"
                        prop:value=typed_name
                        on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                    />
                </label>
                <button type="submit" data-testid="save-button">
                    {move || if will_replace() { "Replace" } else { "Save" }}
                </button>
            </form>
            <p class="field-error" role="alert" data-testid="saved-error">{move || list.with(|l| l.error.clone().unwrap_or_default())}</p>
            <div class="saved-status" role="status">
                <span data-testid="saved-status">{move || list.with(|l| l.status.clone())}</span>
                <Show when=move || list.with(SavedList::can_undo)>
                    <button type="button" class="secondary" data-testid="saved-undo" on:click=undo>"Undo"</button>
                </Show>
            </div>
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=|| view! { <p class="muted">"Nothing saved yet. Name this scenario and save it to keep it next to others."</p> }
            >
                <ul class="saved-list" data-testid="saved-list">
                    {move || entries.get().into_iter().map(row).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// An ISO time as the reader's local date and time, or as stored.
fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string("default", &options).into()
}
