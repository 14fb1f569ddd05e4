//! Custom models: models the catalog does not have, with their own prices
//! and long-context tiers.

use leptos::prelude::*;

use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use super::tiers::Tiers;
use crate::engine::edit::List;

const CUSTOM_MODEL: ItemSpec = ItemSpec {
    noun: "custom model",
    title: "id",
    title_words: None,
    fallback: "Custom model",
    badge: None,
    inputs: &[
        Input::Field("Model id", "id"),
        Input::Field("Provider (for rate limits)", "provider"),
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

/// Every custom model, with an add button.
#[component]
pub(super) fn CustomModels() -> impl IntoView {
    view! {
        <p class="muted editor-hint">
            "A custom model wins over a catalog model of the same id; steps pick it by id."
        </p>
        <ItemList
            list=List::CustomModels
            spec=&CUSTOM_MODEL
            add_label="Add custom model"
            empty="No custom models."
        />
    }
}

/// The tiers block inside custom model `model`'s card.
fn tiers_of(model: usize) -> AnyView {
    view! {
        <Tiers
            list=List::CustomModelTiers { model }
            empty="No tiers: every run bills at the prices above."
        />
    }
    .into_any()
}
