//! Autosave: the last valid scenario goes to storage and to the URL 300 ms
//! after the last edit (a dragged slider writes once, not on every step,
//! and does not flood the browser's history API), and to storage at once
//! when the page is hidden or left, so a reload or a closed tab never
//! loses an edit. A failed write is reported (`Notices::storage_failed`),
//! never a crash.

use leptos::prelude::*;

use super::address::replace_fragment;
use super::storage::LocalStorage;
use crate::app::Planner;
use crate::app::notices::Notices;
use crate::engine::link;
use crate::keep::{CURRENT_KEY, store_record};

/// Quiet time after the last edit before the URL is rewritten.
const URL_DEBOUNCE_MS: u64 = 300;

/// Keeps the planner's last valid scenario (see the module documentation).
/// While `keep_url` is true (a damaged link's banner is showing) the URL is
/// left as it is, so the user can still copy what they were sent.
pub fn persist(planner: Planner, keep_url: Signal<bool>, notices: Notices) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let store = move || {
        let stored = planner
            .valid
            .with_untracked(|s| store_record(&LocalStorage, CURRENT_KEY, None, s));
        match stored {
            Ok(()) => {
                notices.storage_ok();
                true
            }
            Err(e) => {
                leptos::logging::warn!("could not save the scenario in this browser: {e}");
                notices.storage_failed();
                false
            }
        }
    };
    let flush = move || {
        pending.set_value(None);
        let saved = store();
        if !keep_url.get_untracked() {
            let fragment = planner.valid.with_untracked(link::fragment);
            replace_fragment(&fragment, saved);
        }
    };
    Effect::new(move |_| {
        planner.valid.track();
        keep_url.track();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        match set_timeout_with_handle(flush, std::time::Duration::from_millis(URL_DEBOUNCE_MS)) {
            Ok(h) => pending.set_value(Some(h)),
            Err(e) => {
                leptos::logging::warn!("could not schedule saving: {e:?}");
                flush();
            }
        }
    });
    // Hidden or left before the timer: storage is written at once. The URL
    // waits for the timer (a reload has already taken the address bar's
    // URL, which stays noted as the page's own, so it shows this save).
    let store_pending = move || {
        if pending.get_value().is_some() {
            store();
        }
    };
    // Leptos' own window listeners: leptos-use's `use_event_listener` for
    // these and the saved list's two measured +3.1 KB gzipped (2026-12-01).
    let left = window_event_listener(leptos::ev::pagehide, move |_| store_pending());
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            store_pending();
        }
    });
    on_cleanup(move || {
        left.remove();
        hidden.remove();
    });
}
