//! Keeping the user's work, as plain Rust: the storage keys and the
//! [`Store`] the page writes through, the stored-record codec (`record`),
//! what opens at start and what a link does to the scenario it replaces
//! (`start`), and the saved list as the page keeps it (`list`). Everything
//! here reads and writes through [`Store`], so every decision is tested
//! natively; `app::persistence` implements it on localStorage and owns the
//! browser's side (the address bar, the autosave timer, page events). No
//! web crate here.
//!
//! Every stored record is versioned, and every scenario is stored with its
//! catalog prices frozen (`engine::freeze`), so it comes back with the same
//! figures after the catalog moves on. A record that cannot be read is
//! copied aside under a dated key before anything is written over it, and
//! the page says where.

mod list;
mod record;
mod start;

use std::fmt;

pub use list::{SavedList, SavedLoad, load_saved, store_saved};
pub use record::{Kind, Opened, RECORD_VERSION, SetAside, Unreadable, load_record, store_record};
pub use start::{
    Kept, Start, display_name, is_own_link, keep_previous, link_in, own_links, pasted_link, start,
};

/// Key of the current scenario.
pub const CURRENT_KEY: &str = "burnrate.current";
/// Key of the saved list (`crate::saved`).
pub const SAVED_KEY: &str = "burnrate.saved";
/// Key of the last few fragments this page wrote to the URL, newest first,
/// one a line.
pub const URL_KEY: &str = "burnrate.url";
/// Key of the scenario pinned for comparison.
pub const COMPARE_KEY: &str = "burnrate.compare";

/// What a failed write means for the user.
pub const NOT_SAVING: &str = "This browser is not saving your changes (private browsing, or storage full or disabled): keep the link in the address bar, copy it, or export the JSON to keep your plan.";

/// Text kept by key: the browser's localStorage on the page, a map in the
/// tests. Reading never fails (what cannot be read is not there).
pub trait Store {
    /// The text under `key`, if any.
    fn read(&self, key: &str) -> Option<String>;
    /// Keeps `text` under `key`.
    fn write(&self, key: &str, text: &str) -> Result<(), StorageError>;
    /// Forgets `key` (nothing to do when it is not there).
    fn remove(&self, key: &str) -> Result<(), StorageError>;
}

/// Why storage did not take a write or a removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives the page no storage (disabled, or a sandboxed
    /// frame).
    Unavailable,
    /// The browser refused; its own words ("The quota has been exceeded.").
    Refused(String),
    /// The record could not be written as JSON (the scenario types always
    /// serialize, so this is not expected).
    Encoding(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => f.write_str("storage is not available"),
            StorageError::Refused(why) | StorageError::Encoding(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for StorageError {}

/// Copies `text` from `key` to a key beside it dated `now`, then removes
/// `key` (so a reload does not copy it again); the new key.
pub fn set_aside(
    store: &dyn Store,
    key: &str,
    text: &str,
    now: &str,
) -> Result<String, StorageError> {
    let aside = format!("{key}.unreadable.{now}");
    store.write(&aside, text)?;
    // Left in place, it is copied aside again at the next start: nothing
    // is lost either way.
    _ = store.remove(key);
    Ok(aside)
}

/// Where a record set aside is, in words.
fn kept_as(aside: &str) -> String {
    format!("it is kept unchanged in this browser's storage as “{aside}”")
}

/// A [`Store`] in memory, for the tests: it can refuse every write, or the
/// writes of one key.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct MemoryStore {
    pub items: std::cell::RefCell<std::collections::BTreeMap<String, String>>,
    /// Refuse every write.
    pub full: std::cell::Cell<bool>,
    /// Refuse writes of this key only.
    pub refused: std::cell::RefCell<Option<String>>,
}

#[cfg(test)]
impl MemoryStore {
    /// A store holding `items`.
    pub fn with(items: &[(&str, &str)]) -> MemoryStore {
        let store = MemoryStore::default();
        for (k, v) in items {
            store
                .items
                .borrow_mut()
                .insert((*k).to_owned(), (*v).to_owned());
        }
        store
    }

    /// The keys that start with `prefix`.
    pub fn keys(&self, prefix: &str) -> Vec<String> {
        self.items
            .borrow()
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
impl Store for MemoryStore {
    fn read(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }

    fn write(&self, key: &str, text: &str) -> Result<(), StorageError> {
        if self.full.get() || self.refused.borrow().as_deref() == Some(key) {
            return Err(StorageError::Refused(
                "The quota has been exceeded.".to_owned(),
            ));
        }
        self.items
            .borrow_mut()
            .insert(key.to_owned(), text.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.items.borrow_mut().remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_failures_read_as_one_sentence_part_each() {
        assert_eq!(
            StorageError::Unavailable.to_string(),
            "storage is not available"
        );
        assert_eq!(
            StorageError::Refused("The quota has been exceeded.".into()).to_string(),
            "The quota has been exceeded."
        );
    }

    #[test]
    fn a_record_set_aside_moves_to_a_dated_key() {
        let store = MemoryStore::with(&[("k", "{broken")]);
        let aside = set_aside(&store, "k", "{broken", "2026-01-02T03:04:05.000Z");
        assert_eq!(
            aside.as_deref(),
            Ok("k.unreadable.2026-01-02T03:04:05.000Z")
        );
        assert_eq!(store.read("k"), None);
        assert_eq!(
            store.read(&aside.unwrap_or_default()).as_deref(),
            Some("{broken")
        );
        // A full store keeps the original where it is.
        let full = MemoryStore::with(&[("k", "{broken")]);
        full.full.set(true);
        assert!(set_aside(&full, "k", "{broken", "now").is_err());
        assert_eq!(full.read("k").as_deref(), Some("{broken"));
    }
}
