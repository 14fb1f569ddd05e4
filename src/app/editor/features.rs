//! The features list: each feature's volume fields, then its steps.

use leptos::prelude::*;

use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use super::steps::Steps;
use crate::engine::edit::List;

const FEATURE: ItemSpec = ItemSpec {
    noun: "feature",
    title: "name",
    title_words: None,
    fallback: "Feature",
    badge: None,
    inputs: &[
        Input::Field("Name", "name"),
        Input::Field("Actions per user a day", "per_user_per_day"),
        Input::Field("Actions a day not tied to users", "fixed_per_day"),
        Input::Field("Cache hit rate (share, 0–1)", "cache_hit_rate"),
        Input::Field("One-time items per new user", "backlog_per_new_user"),
    ],
    open: true,
    nested: Some(steps_of),
};

/// Every feature, each in its own collapsible card, with an add button.
#[component]
pub(super) fn Features() -> impl IntoView {
    view! {
        <ItemList
            list=List::Features
            spec=&FEATURE
            add_label="Add feature"
            empty="No features yet: add the first user-visible action (a chat message, a post)."
        />
    }
}

/// The steps block inside feature `feature`'s card.
fn steps_of(feature: usize) -> AnyView {
    view! {
        <div class="steps">
            <h4 class="steps-heading">"Steps: the paid calls of one action"</h4>
            <Steps feature=feature />
        </div>
    }
    .into_any()
}
