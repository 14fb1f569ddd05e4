//! The page's messages about the user's work: what just replaced the
//! scenario (with an Undo, so opening a preset, a saved scenario or a file
//! never loses what was on screen), what a link or saved scenario brought
//! with it (prices kept from an older catalog), and whether this browser is
//! still saving.

use leptos::prelude::*;

use super::Planner;
use crate::engine::Scenario;
use crate::keep::{NOT_SAVING, display_name};

/// A message, and the scenario to go back to when it offers an Undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub undo: Option<Scenario>,
}

/// The Undo button's words: which scenario it brings back.
fn undo_label(s: &Scenario) -> String {
    let name = s.name.trim();
    if name.is_empty() {
        "Back to the previous scenario".to_owned()
    } else {
        format!("Back to “{}”", name.chars().take(40).collect::<String>())
    }
}

/// The page's notices, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct Notices {
    pub notice: RwSignal<Option<Notice>>,
    /// Whether this browser is not saving the scenario ([`NOT_SAVING`]).
    pub not_saving: RwSignal<bool>,
}

impl Notices {
    pub fn new(not_saving: bool) -> Notices {
        Notices {
            notice: RwSignal::new(None),
            not_saving: RwSignal::new(not_saving),
        }
    }

    /// Shows `text`, keeping the way back an earlier notice offered.
    pub fn say(&self, text: impl Into<String>) {
        let undo = self
            .notice
            .with_untracked(|n| n.as_ref().and_then(|n| n.undo.clone()));
        self.notice.set(Some(Notice {
            text: text.into(),
            undo,
        }));
    }

    /// Replaces the planner's scenario with `s`, saying `text` and offering
    /// to bring back the scenario it replaced.
    pub fn replace(&self, planner: Planner, s: Scenario, text: impl Into<String>) {
        let previous = planner.scenario.get_untracked();
        planner.load(s);
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: Some(previous),
        }));
    }

    /// Brings back the scenario the notice offers, if it offers one. Going
    /// back keeps a way forward: the scenario it leaves (with every edit
    /// made since) is the next Undo's target, so nothing is lost.
    pub fn undo(&self, planner: Planner) {
        let Some(Notice {
            undo: Some(previous),
            ..
        }) = self.notice.get_untracked()
        else {
            return;
        };
        let left = planner.scenario.get_untracked();
        let text = format!(
            "Back to {}. The scenario you left is one click away.",
            display_name(&previous)
        );
        planner.load(previous);
        self.notice.set(Some(Notice {
            text,
            undo: Some(left),
        }));
    }

    /// Reports a failed write to storage (shown until a write succeeds).
    pub fn storage_failed(&self) {
        if !self.not_saving.get_untracked() {
            self.not_saving.set(true);
        }
    }

    /// Clears a storage failure once a write succeeds again.
    pub fn storage_ok(&self) {
        if self.not_saving.get_untracked() {
            self.not_saving.set(false);
        }
    }
}

/// The notices provided by `App`.
pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}

/// The notice bar and the storage warning.
#[component]
pub fn NoticeBar(planner: Planner) -> impl IntoView {
    let notices = use_notices();
    let notice = notices.notice;
    let undo = move |_| notices.undo(planner);
    let undo_text = move || {
        notice.with(|n| {
            n.as_ref()
                .and_then(|n| n.undo.as_ref())
                .map(undo_label)
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || notice.with(Option::is_some)>
            <div class="notice" data-testid="notice" role="status">
                <p>{move || notice.with(|n| n.as_ref().map(|n| n.text.clone()).unwrap_or_default())}</p>
                <Show when=move || notice.with(|n| n.as_ref().is_some_and(|n| n.undo.is_some()))>
                    <button type="button" class="secondary" data-testid="notice-undo" on:click=undo>
                        {undo_text}
                    </button>
                </Show>
                <button type="button" class="secondary" aria-label="Dismiss the message" on:click=move |_| notice.set(None)>
                    "Dismiss"
                </button>
            </div>
        </Show>
        <Show when=move || notices.not_saving.get()>
            <p class="field-warning" data-testid="storage-warning" role="alert">
                {NOT_SAVING}
            </p>
        </Show>
    }
}
