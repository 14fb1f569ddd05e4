//! Long-context price tiers of a custom model or a price override: a run
//! whose input tokens exceed a tier's threshold bills all its tokens at the
//! highest such tier's prices.

use leptos::prelude::*;

use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use crate::engine::edit::List;

const TIER: ItemSpec = ItemSpec {
    noun: "tier",
    title: "above_input_tokens",
    title_words: Some(("Above ", " input tokens")),
    fallback: "Tier",
    badge: None,
    inputs: &[
        Input::Field("Above this many input tokens", "above_input_tokens"),
        Input::Field("Input ($ per 1M tokens)", "input_per_mtok"),
        Input::Field("Output ($ per 1M tokens)", "output_per_mtok"),
        Input::Field("Cached input ($ per 1M tokens)", "cached_input_per_mtok"),
        Input::Field("Cache write ($ per 1M tokens)", "cache_write_per_mtok"),
    ],
    open: true,
    nested: None,
};

/// The tiers of one model or override, lowest threshold first, with an
/// add button.
#[component]
pub(super) fn Tiers(
    /// `List::CustomModelTiers` or `List::OverrideTiers`.
    list: List,
    /// What to say while there are none.
    #[prop(into)]
    empty: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="tiers">
            <h4 class="tiers-heading">"Long-context tiers"</h4>
            <p class="muted editor-hint">
                "A run with more input tokens than a tier's threshold bills all its tokens at \
                 the highest such tier's prices, lowest threshold first. A cached or cache \
                 write price left empty bills at the tier's input price."
            </p>
            <ItemList list=list spec=&TIER add_label="Add tier" empty=empty />
        </div>
    }
}
