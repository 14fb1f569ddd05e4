//! A feature's steps: name, runs and kind, the kind's own fields (model,
//! tokens, prompt-cache reads and writes, reasoning tokens, max_tokens and
//! batch share; image price; or price per run), and the queueing fields every
//! kind has. Changing the kind goes through `Scenario::set_step_kind`, which
//! clears the old kind's fields.

use leptos::prelude::*;

use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use super::model_field::Models;
use crate::engine::edit::List;

const STEP: ItemSpec = ItemSpec {
    noun: "step",
    title: "name",
    title_words: None,
    fallback: "Step",
    badge: Some("kind"),
    inputs: &[
        Input::Field("Name", "name"),
        Input::Field("Runs per billed action", "runs"),
        Input::Choice(
            "Kind",
            "kind",
            &[
                ("llm", "LLM (tokens)"),
                ("image", "Image generation"),
                ("flat", "Flat price per run"),
            ],
        ),
        Input::When(
            "kind",
            "llm",
            &[
                Input::Model("Model", "model", Models::LlmStep),
                Input::Field("Input tokens per run", "input_tokens"),
                Input::Field("Output tokens per run", "output_tokens"),
                Input::Field("Read from the prompt cache (share, 0–1)", "cached_share"),
                Input::Field(
                    "Written to the prompt cache (share, 0–1)",
                    "cache_write_share",
                ),
                Input::Field("Reasoning tokens per run", "reasoning_tokens"),
                Input::Field("max_tokens (output cap)", "max_tokens"),
                Input::Field("Sent through a batch API (share, 0–1)", "batch_share"),
                Input::Model("Route a share of runs to", "route.model", Models::Route),
                Input::Field("Share of runs routed (0–1)", "route.share"),
            ],
        ),
        Input::When(
            "kind",
            "image",
            &[
                Input::Field("Price per image ($)", "price_per_image"),
                Input::Field("Images per run", "images"),
                Input::Model("Image model (when no price)", "model", Models::ImageStep),
            ],
        ),
        Input::When(
            "kind",
            "flat",
            &[Input::Field("Price per run ($)", "price_per_run")],
        ),
        Input::Field("Latency per run (s)", "latency_s"),
        Input::Field("Concurrency limit (runs at once)", "concurrency_limit"),
        Input::Field("Error rate, retried (share, below 1)", "error_rate"),
    ],
    open: false,
    nested: None,
};

/// The steps of one feature, with an add button.
#[component]
pub(super) fn Steps(
    /// The feature's index in `features`.
    feature: usize,
) -> impl IntoView {
    view! {
        <ItemList
            list=List::Steps { feature }
            spec=&STEP
            add_label="Add step"
            empty="No steps: this feature costs nothing variable."
        />
    }
}
