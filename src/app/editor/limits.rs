//! Provider rate limits: one entry per provider, or several pools for a
//! provider that limits some models separately; each limit optional.

use leptos::prelude::*;

use super::super::notices::use_notices;
use super::super::preset_picker::take_choice;
use super::super::use_planner;
use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use crate::engine::edit::List;
use crate::engine::limit_tiers::{self, TIERS};

const LIMIT: ItemSpec = ItemSpec {
    noun: "limits for",
    title: "provider",
    title_words: None,
    fallback: "Provider",
    badge: None,
    inputs: &[
        Input::Field("Provider", "provider"),
        Input::Field("Models in this pool (comma-separated ids)", "models"),
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
        <PublishedTiers />
        <ItemList
            list=List::Limits
            spec=&LIMIT
            add_label="Add rate limits"
            empty="No rate limits: none are checked."
        />
    }
}

/// A select of the published rate-limit tiers (`docs/limits.md`): picking
/// one replaces that provider's limits with the tier's pools, with Undo.
#[component]
fn PublishedTiers() -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(tier) = limit_tiers::find(&take_choice(&ev)) else {
            return;
        };
        let mut s = planner.scenario.get_untracked();
        limit_tiers::apply(&mut s, tier);
        notices.replace(
            planner,
            s,
            format!(
                "Set {}'s limits to {} ({}, {}).",
                tier.provider, tier.label, tier.source, tier.as_of
            ),
        );
    };
    view! {
        <div class="field">
            <label for="tier-select">"Use a published tier"</label>
            <select id="tier-select" data-testid="tier-select" on:change=on_change>
                <option value="" selected>"Replace a provider's limits with…"</option>
                {TIERS
                    .iter()
                    .map(|t| view! { <option value=t.id>{format!("{} ({})", t.label, t.as_of)}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
