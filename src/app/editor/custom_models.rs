//! Custom models: models the catalog does not have, with their own prices
//! and long-context tiers, or served on the product's own GPUs
//! (self-hosted: a GPU price, a count and a throughput instead).

use leptos::prelude::*;

use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use super::model_field::Models;
use super::tiers::Tiers;
use crate::engine::edit::{List, PRICED_BY_GPU, PRICED_BY_TOKEN};

const CUSTOM_MODEL: ItemSpec = ItemSpec {
    noun: "custom model",
    title: "id",
    title_words: None,
    fallback: "Custom model",
    badge: None,
    inputs: &[
        Input::Field("Model id", "id"),
        Input::Field("Provider (for rate limits)", "provider"),
        Input::Choice(
            "Priced",
            "priced_by",
            &[
                (PRICED_BY_TOKEN, "per token (an API)"),
                (PRICED_BY_GPU, "by GPU hour (self-hosted)"),
            ],
        ),
        Input::When(
            "priced_by",
            PRICED_BY_TOKEN,
            &[
                Input::Field("Input ($ per 1M tokens)", "input_per_mtok"),
                Input::Field("Output ($ per 1M tokens)", "output_per_mtok"),
                Input::Field("Cached input ($ per 1M tokens)", "cached_input_per_mtok"),
                Input::Field("Cache write ($ per 1M tokens)", "cache_write_per_mtok"),
                Input::Field("Batch discount (share, 0–1)", "batch_discount"),
            ],
        ),
        Input::When(
            "priced_by",
            PRICED_BY_GPU,
            &[
                Input::Field(
                    "GPU price ($ per GPU per hour)",
                    "self_hosted.price_per_gpu_hour",
                ),
                Input::Field("GPUs running", "self_hosted.gpus"),
                Input::Field(
                    "Throughput (tokens/s per GPU, input + output)",
                    "self_hosted.tokens_per_second_per_gpu",
                ),
                Input::Field(
                    "Target utilisation at peak (share, 0–1)",
                    "self_hosted.target_utilisation",
                ),
                Input::Model(
                    "Weighed against (an API model)",
                    "self_hosted.versus",
                    Models::Versus,
                ),
            ],
        ),
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

/// The tiers block inside custom model `model`'s card, while it is priced
/// per token.
fn tiers_of(model: usize) -> AnyView {
    let shown = super::shown();
    let per_token = Memo::new(move |_| {
        shown.with(|s| {
            s.custom_models
                .get(model)
                .is_some_and(|m| m.self_hosted.is_none())
        })
    });
    (move || {
        per_token.get().then(|| {
            view! {
                <Tiers
                    list=List::CustomModelTiers { model }
                    empty="No tiers: every run bills at the prices above."
                />
            }
        })
    })
    .into_any()
}
