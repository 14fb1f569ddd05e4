//! Provider rate limits: one entry per provider, each limit optional.

use leptos::prelude::*;

use super::fields::Input;
use super::items::{ItemList, ItemSpec};
use crate::engine::edit::List;

const LIMIT: ItemSpec = ItemSpec {
    noun: "limits for",
    title: "provider",
    fallback: "Provider",
    badge: None,
    inputs: &[
        Input::Field("Provider", "provider"),
        Input::Field("Requests a minute (RPM)", "rpm"),
        Input::Field("Tokens a minute (TPM)", "tpm"),
        Input::Field("Tokens a day (TPD)", "tpd"),
        Input::Field("Keys or organisations", "keys"),
    ],
    open: true,
    nested: None,
};

/// Every provider's limits, with an add button.
#[component]
pub(super) fn Limits() -> impl IntoView {
    view! {
        <p class="muted editor-hint">
            "One entry per provider (\"openai\", \"anthropic\", \"gemini\", or a custom model's \
             provider). Leave a limit empty to not check it."
        </p>
        <ItemList
            list=List::Limits
            spec=&LIMIT
            add_label="Add provider limits"
            empty="No rate limits: none are checked."
        />
    }
}
