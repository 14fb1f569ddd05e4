//! What every list of the editor shares: the list with its add button, one
//! item (a collapsible card with its title, buttons and inputs), the move /
//! duplicate / remove buttons, and the flag that tells a collapsed section
//! or item holds a field with a problem. The edits themselves are
//! `Scenario::edit_list` (engine `edit`).

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{HtmlDetailsElement, HtmlElement};

use super::super::use_planner;
use super::fields::field_id;
use super::inputs::{Input, inputs};
use super::shown;
use crate::engine::edit::{List, ListEdit};
use crate::engine::validate::MAX_ITEMS;

/// How the items of one list are shown.
#[derive(Clone, Copy, Debug)]
pub(super) struct ItemSpec {
    /// What an item is called in the buttons' accessible names ("feature").
    pub noun: &'static str,
    /// The field that names an item (`name`, `provider`, `id`, `model`).
    pub title: &'static str,
    /// Words before and after the title field's value, when it is not a
    /// name (`("Above ", " input tokens")` for a tier's threshold).
    pub title_words: Option<(&'static str, &'static str)>,
    /// What an unnamed item is called, numbered ("Feature" → "Feature 2").
    pub fallback: &'static str,
    /// A field whose value the title shows too (a step's `kind`).
    pub badge: Option<&'static str>,
    /// The item's inputs.
    pub inputs: &'static [Input],
    /// Whether an item starts open.
    pub open: bool,
    /// What follows the inputs, given the item's index (a feature's steps).
    pub nested: Option<fn(usize) -> AnyView>,
}

/// The items of one list with an add button below. Rows are keyed by index
/// and read their values from the scenario, so only a change of length
/// adds or drops a row, and typing never rebuilds one.
#[component]
pub(super) fn ItemList(
    /// The list shown.
    list: List,
    /// How its items are shown.
    spec: &'static ItemSpec,
    /// The add button's text ("Add feature").
    add_label: &'static str,
    /// What to say while the list is empty.
    #[prop(into)]
    empty: Signal<String>,
) -> impl IntoView {
    let scenario = use_planner().scenario;
    let shown = shown();
    let len = Memo::new(move |_| shown.with(|s| s.list_len(list)));
    view! {
        <Show when=move || { len.get() == 0 }>
            <p class="muted editor-empty">{empty}</p>
        </Show>
        <ol class="item-list">
            <For
                each=move || 0..len.get()
                key=|index| *index
                children=move |index| view! { <Item list=list spec=spec index=index /> }
            />
        </ol>
        <button
            type="button"
            class="add-item"
            disabled=move || { len.get() >= MAX_ITEMS }
            on:click=move |_| scenario.maybe_update(|s| s.edit_list(list, ListEdit::Add))
        >
            {add_label}
        </button>
    }
}

/// One item: a collapsible card titled with its name, then its buttons,
/// its inputs and what `spec.nested` adds.
#[component]
fn Item(
    /// The list the item belongs to.
    list: List,
    /// How it is shown.
    spec: &'static ItemSpec,
    /// Its index in the list.
    index: usize,
) -> AnyView {
    let shown = shown();
    let prefix = list.item_path(index);
    let title = {
        let path = format!("{prefix}.{}", spec.title);
        Memo::new(move |_| {
            let text = shown.with(|s| s.field(&path).map(|v| v.text()).unwrap_or_default());
            match spec.title_words {
                _ if text.trim().is_empty() => format!("{} {}", spec.fallback, index + 1),
                Some((before, after)) => format!("{before}{text}{after}"),
                None => text,
            }
        })
    };
    let badge = spec.badge.map(|field| {
        let path = format!("{prefix}.{field}");
        let text = move || shown.with(|s| s.field(&path).map(|v| v.text()));
        view! { <span class="item-badge">{text}</span> }
    });
    let name = Signal::derive(move || format!("{} {}", spec.noun, title.get()));
    view! {
        <li class="item">
            <details class="item-details" open=spec.open>
                <summary>
                    <span class="item-title">{title}</span>
                    {badge}
                    <ProblemFlag prefixes=vec![prefix.clone()] />
                </summary>
                <ItemActions list=list index=index name=name />
                <div class="field-grid">{inputs(&prefix, spec.inputs)}</div>
                {spec.nested.map(|nested| nested(index))}
            </details>
        </li>
    }
    .into_any()
}

/// Move up, move down, duplicate and remove buttons for one item, each
/// with an accessible name that says which item it acts on.
#[component]
fn ItemActions(
    /// The list the item belongs to.
    list: List,
    /// The item's index in its list.
    index: usize,
    /// The item as the buttons name it ("feature Post").
    name: Signal<String>,
) -> impl IntoView {
    let scenario = use_planner().scenario;
    let shown = shown();
    let len = Memo::new(move |_| shown.with(|s| s.list_len(list)));
    let edit = move |edit: ListEdit| {
        scenario
            .try_maybe_update(|s| {
                let changed = s.edit_list(list, edit);
                (changed, changed)
            })
            .unwrap_or(false)
    };
    // A moved item's buttons are those of the row it moved to: keyboard
    // focus follows it there, onto the same button unless that one is now
    // disabled, so pressing the same key again keeps moving the same item.
    // Rows stay where they are and show the items in their new order, so
    // the two rows also trade which of their cards are open, once the page
    // shows the moved items (nested lists may change length); then focus
    // moves, as a button in a closed card cannot take it.
    let move_item = move |to: usize, edit_made: ListEdit, up: bool| {
        let cards = (open_cards(list, index), open_cards(list, to));
        if edit(edit_made) {
            let last = len.get_untracked().saturating_sub(1);
            let up = to != 0 && (to == last || up);
            request_animation_frame(move || {
                reopen_cards(list, to, cards.0);
                reopen_cards(list, index, cards.1);
                focus(&move_button_id(list, to, if up { "up" } else { "down" }));
            });
        }
    };
    let says = move |verb: &'static str, tail: &'static str| {
        move || format!("{verb} {}{tail}", name.get())
    };
    view! {
        <div class="item-actions" role="group" aria-label=says("Actions for", "")>
            <button
                type="button"
                class="icon-button"
                id=move_button_id(list, index, "up")
                aria-label=says("Move", " up")
                title="Move up"
                disabled=index == 0
                on:click=move |_| move_item(index - 1, ListEdit::MoveUp(index), true)
            >
                "↑"
            </button>
            <button
                type="button"
                class="icon-button"
                id=move_button_id(list, index, "down")
                aria-label=says("Move", " down")
                title="Move down"
                disabled=move || { index + 1 >= len.get() }
                on:click=move |_| move_item(index + 1, ListEdit::MoveDown(index), false)
            >
                "↓"
            </button>
            <button
                type="button"
                class="icon-button"
                aria-label=says("Duplicate", "")
                disabled=move || { len.get() >= MAX_ITEMS }
                on:click=move |_| {
                    edit(ListEdit::Duplicate(index));
                }
            >
                "Duplicate"
            </button>
            <button
                type="button"
                class="icon-button danger"
                aria-label=says("Remove", "")
                on:click=move |_| {
                    edit(ListEdit::Remove(index));
                }
            >
                "Remove"
            </button>
        </div>
    }
}

/// The id of an item's move button (`edit-limits-2-up`).
fn move_button_id(list: List, index: usize, direction: &str) -> String {
    format!("{}-{direction}", field_id(&list.item_path(index)))
}

/// The cards (`<details>`) of the item at `index` and of the items nested
/// in it, in page order: open or not.
fn open_cards(list: List, index: usize) -> Vec<bool> {
    item_cards(list, index)
        .iter()
        .map(HtmlDetailsElement::open)
        .collect()
}

/// Opens or closes the cards of the item at `index` as `open` says.
fn reopen_cards(list: List, index: usize, open: Vec<bool>) {
    for (card, open) in item_cards(list, index).iter().zip(open) {
        card.set_open(open);
    }
}

/// The `<details>` of the item at `index` and of the items nested in it.
fn item_cards(list: List, index: usize) -> Vec<HtmlDetailsElement> {
    let Some(row) = document()
        .get_element_by_id(&move_button_id(list, index, "up"))
        .and_then(|button| button.closest("li.item").ok().flatten())
    else {
        return Vec::new();
    };
    let Ok(cards) = row.query_selector_all("details") else {
        return Vec::new();
    };
    (0..cards.length())
        .filter_map(|i| cards.item(i)?.dyn_into::<HtmlDetailsElement>().ok())
        .collect()
}

/// Moves keyboard focus to the element with this id, if there is one.
fn focus(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    if let Ok(element) = element.dyn_into::<HtmlElement>()
        && let Err(e) = element.focus()
    {
        leptos::logging::warn!("could not move focus to #{id}: {e:?}");
    }
}

/// "needs a fix" beside a section's or an item's summary while a field
/// inside it has a problem, so a collapsed part does not hide one.
#[component]
pub(super) fn ProblemFlag(
    /// The field paths, or path prefixes (`features[1]`), it watches.
    prefixes: Vec<String>,
) -> impl IntoView {
    let problems = use_planner().problems;
    let flagged = move || {
        problems.with(|ps| {
            ps.iter()
                .any(|p| prefixes.iter().any(|prefix| within(&p.path, prefix)))
        })
    };
    move || flagged().then(|| view! { <span class="problem-flag">"needs a fix"</span> })
}

/// Whether `path` is `prefix` or a field inside it (`features[1].name` is in
/// `features[1]`, `features[10].name` is not).
fn within(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}
