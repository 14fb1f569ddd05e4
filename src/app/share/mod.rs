//! Sharing, keeping and exporting the scenario: copy its link or a Markdown
//! summary, download it as JSON, its cost breakdown, spend curve,
//! projection and self-hosting lines as CSV, every chart (spend,
//! break-even, break-even price, breakdown, projection, self-hosting) as PNG
//! or SVG, and import a scenario file; the model comparison panel's table
//! and chart (`models_export`).
//!
//! Every export is built from the planner's last valid scenario and its
//! report at the moment of the click, never from the URL or the page, so it
//! is never stale. The texts come from `crate::export` (pure, unit-tested);
//! the files here only hand them to the browser (`browser`). Failures are
//! logged and shown in words; nothing here unwraps.

mod browser;
mod chart_export;
mod copy;
mod export_menu;
mod import;
mod models_export;

use std::time::Duration;

use leptos::prelude::*;

use super::use_planner;
use crate::engine::link;
use crate::export;
use copy::{CopyFallback, Copying};
use export_menu::ExportMenu;
use import::ImportJson;
pub(super) use models_export::ModelsFile;

/// How long a confirmation ("Link copied") stays.
const CONFIRM_FOR: Duration = Duration::from_secs(2);
/// How long a failure message stays: long enough to read a sentence.
const ERROR_FOR: Duration = Duration::from_secs(8);

/// The share and export actions for the current scenario.
#[component]
pub fn ShareBar() -> impl IntoView {
    let planner = use_planner();
    let status = Status::new();
    let fallback = RwSignal::new(None::<copy::Fallback>);

    let copy_link = move |_| {
        let fragment = planner.valid.with_untracked(link::fragment);
        let url = format!("{}#{fragment}", browser::page_address());
        copy::copy(url, Copying::Link, status, fallback);
    };
    let copy_summary = move |_| {
        let text = planner.valid.with_untracked(|s| {
            planner
                .report
                .with_untracked(|r| export::summary_markdown(s, r))
        });
        copy::copy(text, Copying::Summary, status, fallback);
    };

    view! {
        <div class="share">
            <div class="share-bar" role="group" aria-label="Share and export">
                <button
                    type="button"
                    class="secondary"
                    data-testid="copy-link"
                    title="Copy a link that opens this exact scenario"
                    on:click=copy_link
                >
                    "Copy link"
                </button>
                <button
                    type="button"
                    class="secondary"
                    data-testid="copy-summary"
                    title="Copy the key figures as a Markdown table"
                    on:click=copy_summary
                >
                    "Copy summary"
                </button>
                <ExportMenu status />
                <ImportJson status />
                <p class="share-status" role="status" data-testid="share-status">
                    {move || status.text.get()}
                </p>
            </div>
            <CopyFallback fallback />
        </div>
    }
}

/// The bar's one status line: a confirmation or a failure, cleared after a
/// while. Written from event handlers and browser callbacks, never effects.
#[derive(Clone, Copy)]
pub(super) struct Status {
    text: RwSignal<String>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Status {
    pub(super) fn new() -> Status {
        Status {
            text: RwSignal::new(String::new()),
            timer: StoredValue::new(None),
        }
    }

    /// The line as it reads now (tracked).
    pub(super) fn text(&self) -> String {
        self.text.get()
    }

    /// Shows a confirmation for [`CONFIRM_FOR`].
    pub(super) fn confirm(&self, text: impl Into<String>) {
        self.show(text.into(), CONFIRM_FOR);
    }

    /// Shows a failure for [`ERROR_FOR`] and logs it.
    pub(super) fn fail(&self, text: impl Into<String>) {
        let text = text.into();
        leptos::logging::warn!("{text}");
        self.show(text, ERROR_FOR);
    }

    fn show(&self, text: String, duration: Duration) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        // A callback may arrive after the bar is gone: then it writes nowhere.
        if self.text.try_set(text).is_some() {
            return;
        }
        let text = self.text;
        match set_timeout_with_handle(move || _ = text.try_set(String::new()), duration) {
            Ok(handle) => _ = self.timer.try_set_value(Some(handle)),
            Err(e) => leptos::logging::warn!("could not schedule the status to clear: {e:?}"),
        }
    }
}
