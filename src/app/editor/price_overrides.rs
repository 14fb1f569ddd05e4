//! Price overrides: new prices for a catalog or custom model, so a shared
//! link keeps its numbers after the catalog moves on.

use leptos::prelude::*;

use super::fields::Input;
use super::items::{ItemList, ItemSpec};
use super::model_field::Models;
use crate::engine::edit::List;

const PRICE_OVERRIDE: ItemSpec = ItemSpec {
    noun: "price override for",
    title: "model",
    fallback: "Model",
    badge: None,
    inputs: &[
        Input::Model("Model", "model", Models::Any),
        Input::Field("Input ($ per 1M tokens)", "input_per_mtok"),
        Input::Field("Output ($ per 1M tokens)", "output_per_mtok"),
        Input::Field("Cached input ($ per 1M tokens)", "cached_input_per_mtok"),
        Input::Field("Batch discount (share, 0–1)", "batch_discount"),
        Input::Field("Price per image ($)", "price_per_image"),
        Input::Field("Context window (tokens)", "context_tokens"),
    ],
    open: true,
    nested: None,
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
