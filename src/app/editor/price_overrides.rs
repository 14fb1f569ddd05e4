//! Price overrides: new prices for a catalog or custom model, so a shared
//! link keeps its numbers after the catalog moves on. An override's tiers,
//! when it has a list, replace the model's: its first added tier starts
//! the list from a copy of the model's own (`Scenario::edit_list`).

use leptos::prelude::*;

use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use super::model_field::Models;
use super::shown;
use super::tiers::Tiers;
use crate::engine::edit::List;

const PRICE_OVERRIDE: ItemSpec = ItemSpec {
    noun: "price override for",
    title: "model",
    title_words: None,
    fallback: "Model",
    badge: None,
    inputs: &[
        Input::Model("Model", "model", Models::Any),
        Input::Field("Input ($ per 1M tokens)", "input_per_mtok"),
        Input::Field("Output ($ per 1M tokens)", "output_per_mtok"),
        Input::Field("Cached input ($ per 1M tokens)", "cached_input_per_mtok"),
        Input::Field("Cache write ($ per 1M tokens)", "cache_write_per_mtok"),
        Input::Field("Batch discount (share, 0–1)", "batch_discount"),
        Input::Field("Price per image ($)", "price_per_image"),
        Input::Field("Context window (tokens)", "context_tokens"),
    ],
    open: true,
    nested: Some(tiers_of),
};

/// Every price override, with an add button.
#[component]
pub(super) fn PriceOverrides() -> impl IntoView {
    view! {
        <p class="muted editor-hint">
            "A price left empty keeps the model's own."
        </p>
        <ItemList
            list=List::PriceOverrides
            spec=&PRICE_OVERRIDE
            add_label="Add price override"
            empty="No price overrides: catalog prices apply."
        />
    }
}

/// The tiers block inside override `index`'s card. Without a list of its
/// own the model's tiers apply; an empty list (left by removing every
/// tier) bills every run at the base prices.
fn tiers_of(index: usize) -> AnyView {
    let shown = shown();
    let empty = Signal::derive(move || {
        let own = shown.with(|s| {
            s.price_overrides
                .get(index)
                .is_some_and(|o| o.tiers.is_some())
        });
        if own {
            "No tiers: every run bills at the prices above, whatever the model's own tiers."
        } else {
            "None of its own: the model's tiers apply. The first tier added starts from a copy \
             of them."
        }
        .to_owned()
    });
    view! { <Tiers list=List::OverrideTiers { price_override: index } empty=empty /> }.into_any()
}
