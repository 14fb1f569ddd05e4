//! Provider rate limits: one entry per provider, or several pools for a
//! provider that limits some models separately; each limit optional.

use leptos::prelude::*;

use super::fields::Input;
use super::items::{ItemList, ItemSpec};
use crate::engine::edit::List;

const LIMIT: ItemSpec = ItemSpec {
    noun: "limits for",
    title: "provider",
    title_words: None,
    fallback: "Provider",
    badge: None,
    inputs: &[
        Input::Field("Provider", "provider"),
        Input::Field(
            "Models in this pool (ids, comma-separated; empty: the provider's other models)",
            "models",
        ),
        Input::Field("Requests a minute (RPM)", "rpm"),
        Input::Field("Requests a day (RPD)", "rpd"),
        Input::Field("Tokens a minute (TPM)", "tpm"),
        Input::Field("Input tokens a minute (ITPM)", "itpm"),
        Input::Field("Output tokens a minute (OTPM)", "otpm"),
        Input::Field("Tokens a day (TPD)", "tpd"),
        Input::Field("Separate organisations (keys)", "keys"),
    ],
    open: true,
    nested: None,
};

/// Every limit pool, with an add button.
#[component]
pub(super) fn Limits() -> impl IntoView {
    view! {
        <p class="muted editor-hint">
            "One entry per provider (\"openai\", \"anthropic\", \"gemini\", or a custom model's \
             provider). For a provider that limits some models separately, add one entry per \
             pool and list its model ids; the provider's entry without models covers its other \
             models. Keys are separate organisations, each with these limits (keys of one \
             organisation share them). Leave a limit empty to not check it."
        </p>
        <ItemList
            list=List::Limits
            spec=&LIMIT
            add_label="Add rate limits"
            empty="No rate limits: none are checked."
        />
    }
}
