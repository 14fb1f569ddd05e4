//! The parts of the page that load after the first key figure: their code
//! lives in a separate WebAssembly chunk when the app is built with the
//! `split` feature (what `trunk build` does; `scripts/split-wasm.mjs` cuts
//! the chunk out), so the first download holds only what the controls, the
//! key figures and the spend chart need.
//!
//! `lazy_part!` declares a split point: a function returning a part's view,
//! which becomes `async` and first loads the chunk. [`Deferred`] shows such
//! a part once it is loaded, and says so in words, with a retry button,
//! when the chunk cannot be fetched (never a panic). Without `split` (the
//! in-browser tests, a plain `cargo build`) the same function runs at once.

use std::future::Future;

use leptos::prelude::*;

/// A part of the page whose code could not be loaded (the network failed or
/// a new release replaced the files this page was loaded with).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PartError {
    fn from(e: leptos::wasm_split::SplitLoaderError) -> PartError {
        leptos::logging::error!("{e}");
        PartError
    }
}

/// Declares `fn $name() -> AnyView` as a split point in chunk `$chunk`:
/// with the `split` feature its code moves to that chunk and the function
/// becomes `async fn $name() -> Result<AnyView, PartError>`, loading the
/// chunk first; without it, the same `async fn` returns the view at once.
macro_rules! lazy_part {
    ($(#[$meta:meta])* $vis:vis fn $name:ident() in $chunk:ident $body:block) => {
        $(#[$meta])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )]
        $vis fn $name() -> ::core::result::Result<
            ::leptos::prelude::AnyView,
            $crate::app::lazy::PartError,
        > {
            let view: ::leptos::prelude::AnyView = $body;
            ::core::result::Result::Ok(view)
        }

        $(#[$meta])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name() -> ::core::result::Result<
            ::leptos::prelude::AnyView,
            $crate::app::lazy::PartError,
        > {
            let view: ::leptos::prelude::AnyView = $body;
            ::core::result::Result::Ok(view)
        }
    };
}

/// The retry button of every part that failed: one click tries them all
/// again (they share one chunk). Provided by `App`.
#[derive(Clone, Copy)]
pub struct PartRetry(RwSignal<u32>);

impl PartRetry {
    pub fn new() -> PartRetry {
        PartRetry(RwSignal::new(0))
    }
}

impl Default for PartRetry {
    fn default() -> PartRetry {
        PartRetry::new()
    }
}

/// Shows the part that `load` returns once its code is loaded; nothing
/// before, and a message with a retry button if it cannot be loaded.
#[component]
pub fn Deferred<F, Fut>(
    /// A function declared with `lazy_part!`.
    load: F,
    /// What the part is, in words, for the failure message ("the editor").
    what: &'static str,
) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, PartError>> + 'static,
{
    let PartRetry(attempt) = use_context().unwrap_or_default();
    move || {
        attempt.track();
        // The split loader's future is not `Send`; the page has one thread.
        let part = send_wrapper::SendWrapper::new(load());
        Suspend::new(async move {
            match part.await {
                Ok(view) => view,
                Err(PartError) => view! {
                    <p class="part-error" role="alert" data-testid="part-error">
                        {format!(
                            "This page could not load {what}. Check the connection and "
                        )}
                        <button
                            type="button"
                            data-testid="part-retry"
                            on:click=move |_| attempt.update(|n| *n += 1)
                        >
                            "try again"
                        </button>
                        ", or reload the page if a new version of Burnrate was published."
                    </p>
                }
                .into_any(),
            }
        })
    }
}

// The split points: the charts below the spend chart, the panels below the
// charts, the editor, the saved list, compare, and share/export/import.
// They share one chunk, fetched as the page first renders and shown after
// the first paint: one request, and no code shared between chunks.

lazy_part! {
    /// Break-even and breakdown charts, below the spend chart.
    pub fn charts_below() in below { view! { <super::ChartsBelow /> }.into_any() }
}

lazy_part! {
    /// The share bar: copy link or summary, exports, import.
    pub fn share_bar() in below { view! { <super::ShareBar /> }.into_any() }
}

lazy_part! {
    /// The saved-scenarios panel.
    pub fn saved_scenarios() in below { view! { <super::SavedPanel /> }.into_any() }
}

lazy_part! {
    /// The comparison with the pinned scenario.
    pub fn compare_panel() in below {
        let planner = super::use_planner();
        view! { <super::ComparePanel planner /> }.into_any()
    }
}

lazy_part! {
    /// Capacity, budget, projection, the model comparison and
    /// self-hosting, the per-feature table and the scenario editor, in page
    /// order.
    pub fn panels() in below {
        view! {
            <super::CapacityPanel />
            <super::BudgetPanel />
            <super::ProjectionPanel />
            <super::ModelComparisonPanel />
            <super::SelfHostingPanel />
            <super::FeatureTable />
            <super::ScenarioEditor />
        }
        .into_any()
    }
}
