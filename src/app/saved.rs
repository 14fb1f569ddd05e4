//! "Saved scenarios": the user's named scenarios in this browser. Save the
//! current one under a name (the same name replaces it), and open, rename,
//! duplicate, compare or delete each; a delete can be undone, and opening
//! one can be undone from the notice bar. The list logic is `crate::saved`;
//! this file moves it in and out of storage and shows it.
//!
//! Every change is written first and shown after: when storage refuses a
//! write, the list on screen stays what is stored and the message says so.

use leptos::html::Input;
use leptos::prelude::*;

use super::compare::use_comparison;
use super::notices::use_notices;
use super::persistence::{self, now};
use super::use_planner;
use crate::saved::{Entry, Saved, Shelf};

/// The saved-scenarios panel.
#[component]
pub fn SavedScenarios() -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let comparison = use_comparison();
    let loaded = persistence::load_shelf();
    if let Some(why) = loaded.problem {
        notices.say(why);
    }
    // False when an unreadable list could not be copied aside: then the
    // page never writes over it.
    let writable = loaded.writable;
    let shelf = RwSignal::new(loaded.shelf);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    // The list before the last change, for its Undo.
    let before = RwSignal::new(None::<Shelf>);
    let renaming = RwSignal::new(None::<String>);
    let rename_input = NodeRef::<Input>::new();

    // Another tab changed the list: show what is stored now.
    let other_tab = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() == Some(persistence::SHELF_KEY) {
            let fresh = persistence::load_shelf();
            if fresh.problem.is_none() {
                shelf.set(fresh.shelf);
                before.set(None);
            }
        }
    });
    // This tab put a scenario into the list behind the panel's back (a link
    // opened over it): show the list as stored.
    let this_tab = window_event_listener_untyped(persistence::SHELF_CHANGED, move |_| {
        let fresh = persistence::load_shelf();
        if fresh.problem.is_none() {
            shelf.set(fresh.shelf);
        }
    });
    on_cleanup(move || {
        other_tab.remove();
        this_tab.remove();
    });

    // Applies `change` to the list as stored now (another tab may have
    // changed it), stores it, and only then shows it. Entries are found by
    // name, never by a position that may have moved.
    let commit = move |change: &mut dyn FnMut(&mut Shelf) -> Result<String, String>| {
        if !writable {
            error.set(Some(
                "The saved list cannot be changed: the unreadable list could not be copied aside, and the page will not write over it.".to_owned(),
            ));
            return false;
        }
        let stored = persistence::load_shelf();
        let current = if stored.problem.is_none() {
            stored.shelf
        } else {
            shelf.get_untracked()
        };
        let mut next = current.clone();
        let done = change(&mut next).and_then(|message| {
            persistence::store_shelf(&next)
                .map(|()| message)
                .map_err(|e| {
                    format!("This browser did not save the change ({e}); the list is as it was.")
                })
        });
        match done {
            Ok(message) => {
                shelf.set(next);
                before.set(Some(current));
                renaming.set(None);
                error.set(None);
                status.set(message);
                true
            }
            Err(e) => {
                error.set(Some(e));
                false
            }
        }
    };
    let find = |s: &Shelf, name: &str| {
        s.position(name)
            .ok_or_else(|| format!("“{name}” is no longer in the saved list"))
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
        let saved = commit(&mut |s: &mut Shelf| {
            s.save(&typed, &scenario, &now()).map(|saved| match saved {
                Saved::Added(_) => format!("Saved “{}”.", typed.trim()),
                Saved::Replaced(_) => format!("Replaced “{}” with this scenario.", typed.trim()),
            })
        });
        if saved {
            draft.set(Some(typed.trim().to_owned()));
        }
    };
    let will_replace = move || {
        let name = typed_name();
        shelf.with(|s| s.position(&name).is_some())
    };

    // The entry called `name`, opened; when it cannot be, the panel says
    // why and this gives nothing.
    let opened = move |name: &str| {
        let entry = shelf.with_untracked(|s| find(s, name).map(|i| s.entries[i].clone()));
        let outcome = entry.and_then(|entry| {
            let (scenario, unpinned) = entry
                .open()
                .map_err(|problems| format!("“{}” could not be opened: {problems}", entry.name))?;
            Ok((entry.name, scenario, unpinned))
        });
        outcome.map_err(|e| error.set(Some(e))).ok()
    };
    let open = move |name: String| {
        let Some((name, scenario, unpinned)) = opened(&name) else {
            return;
        };
        let mut text = format!("Opened “{name}”.");
        if let Some(note) = unpinned.note() {
            text = format!("{text} {note}");
        }
        notices.replace(planner, scenario, text);
        // Saving again goes back into the entry just opened.
        draft.set(Some(name));
        error.set(None);
    };
    let compare = move |name: String| {
        if let Some((name, scenario, _)) = opened(&name) {
            comparison.pin(name, scenario);
        }
    };
    let duplicate = move |name: String| {
        commit(&mut |s: &mut Shelf| {
            let copy = s.duplicate(find(s, &name)?, &now())?;
            Ok(format!("Saved a copy as “{}”.", s.entries[copy].name))
        });
    };
    let delete = move |name: String| {
        commit(&mut |s: &mut Shelf| {
            let entry = s.delete(find(s, &name)?)?;
            Ok(format!("Deleted “{}”.", entry.name))
        });
    };
    let undo = move |_| {
        if let Some(previous) = before.get_untracked()
            && commit(&mut |s: &mut Shelf| {
                *s = previous.clone();
                Ok("Undone.".to_owned())
            })
        {
            before.set(None);
        }
    };
    let finish_rename = move |name: String| {
        let typed = rename_input
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_default();
        commit(&mut |s: &mut Shelf| {
            s.rename(find(s, &name)?, &typed)?;
            Ok(format!("Renamed to “{}”.", typed.trim()))
        });
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
                        <button type="button" class="secondary" on:click=move |_| { renaming.set(None); error.set(None); }>
                            "Cancel"
                        </button>
                    </form>
                </Show>
                {broken.clone().map(|why| view! { <p class="field-error">{format!("Cannot be opened: {why}")}</p> })}
                <div class="saved-actions" role="group" aria-label=for_actions>
                    <button type="button" class="secondary" data-testid="saved-rename" aria-label=for_rename on:click=move |_| { renaming.set(Some(this.get_value())); error.set(None); }>
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
            <p class="field-error" role="alert" data-testid="saved-error">{move || error.get().unwrap_or_default()}</p>
            <div class="saved-status" role="status">
                <span data-testid="saved-status">{move || status.get()}</span>
                <Show when=move || before.with(Option::is_some)>
                    <button type="button" class="secondary" data-testid="saved-undo" on:click=undo>"Undo"</button>
                </Show>
            </div>
            <Show
                when=move || shelf.with(|s| !s.entries.is_empty())
                fallback=|| view! { <p class="muted">"Nothing saved yet. Name this scenario and save it to keep it next to others."</p> }
            >
                <ul class="saved-list" data-testid="saved-list">
                    {move || shelf.with(|s| s.entries.clone()).into_iter().map(row).collect_view()}
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
