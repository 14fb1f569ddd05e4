//! Sharing, keeping and exporting the scenario. (Being written.)

use leptos::prelude::*;

/// The share and export actions for the current scenario.
#[component]
pub fn ShareBar() -> impl IntoView {
    view! { <div class="share-bar"></div> }
}
