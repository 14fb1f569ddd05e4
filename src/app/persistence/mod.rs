//! The browser's side of keeping the user's work (the decisions are
//! `crate::keep`, tested natively): localStorage as a `keep::Store` and the
//! clock (`storage`), the address bar (`address`) and the autosave effect
//! (`autosave`). Reading the current scenario happens once at start.

mod address;
mod autosave;
mod storage;

use leptos::prelude::window;

use crate::engine::Scenario;
use crate::keep::{self, COMPARE_KEY, Kind, SetAside, StorageError, store_record};

pub use crate::keep::display_name;
pub use autosave::persist;
pub use storage::{LocalStorage, now};

/// The window event that tells the saved list it changed under it.
pub const SAVED_CHANGED: &str = "burnrate-saved-changed";

/// Where the first scenario came from, and what the user should know.
pub struct Start {
    pub scenario: Scenario,
    /// Why the link in the URL could not be opened, in words.
    pub link_error: Option<String>,
    /// What opening the page did with the user's work.
    pub notice: Option<String>,
    /// Whether this browser refuses to save.
    pub not_saving: bool,
}

/// The scenario to start with: the link in the URL if it opens, else the
/// one saved in this browser, else the default preset (`keep::start`).
pub fn start() -> Start {
    let not_saving = !storage::storage_works();
    let keep::Start {
        scenario,
        link_error,
        notice,
    } = keep::start(&LocalStorage, &address::fragment(), &now());
    Start {
        scenario,
        link_error,
        notice,
        not_saving,
    }
}

/// What a link pasted into the address bar of an open page holds
/// (`keep::pasted_link`).
pub fn pasted_link() -> Option<Result<(Scenario, Option<String>), String>> {
    keep::pasted_link(&address::fragment())
}

/// A link is replacing `previous`: it is kept in the saved list
/// (`keep::keep_previous`), and the list's panel is told; where it is, in
/// words.
pub fn keep_previous(previous: &Scenario) -> String {
    let kept = keep::keep_previous(&LocalStorage, previous, &now());
    if kept.changed
        && let Ok(event) = web_sys::Event::new(SAVED_CHANGED)
    {
        _ = window().dispatch_event(&event);
    }
    kept.message
}

/// The scenario pinned for comparison (its name and scenario), or what
/// went wrong reading it; an unreadable one is copied aside.
pub fn load_compare() -> Result<Option<(String, Scenario)>, SetAside> {
    let record = keep::load_record(&LocalStorage, COMPARE_KEY, Kind::Compared, &now())?;
    Ok(record.map(|r| (r.name.unwrap_or_default(), r.scenario)))
}

/// Stores (or, with `None`, forgets) the scenario pinned for comparison.
pub fn store_compare(pinned: Option<(&str, &Scenario)>) -> Result<(), StorageError> {
    match pinned {
        Some((name, s)) => store_record(&LocalStorage, COMPARE_KEY, Some(name), s),
        None => keep::Store::remove(&LocalStorage, COMPARE_KEY),
    }
}
