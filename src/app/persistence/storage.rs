//! The browser's localStorage as a [`Store`], the probe that tells whether
//! it takes writes at all, and the browser's clock. Our own small wrapper
//! rather than `gloo-storage`: gloo's `LocalStorage::raw()` throws (a panic
//! in our wasm) where storage is disabled, and this page must keep working
//! there with a warning.

use leptos::prelude::window;
use wasm_bindgen::JsCast as _;

use crate::keep::{StorageError, Store};

/// This page's localStorage.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStorage;

impl LocalStorage {
    fn storage() -> Result<web_sys::Storage, StorageError> {
        window()
            .local_storage()
            .ok()
            .flatten()
            .ok_or(StorageError::Unavailable)
    }
}

impl Store for LocalStorage {
    fn read(&self, key: &str) -> Option<String> {
        LocalStorage::storage().ok()?.get_item(key).ok().flatten()
    }

    fn write(&self, key: &str, text: &str) -> Result<(), StorageError> {
        LocalStorage::storage()?
            .set_item(key, text)
            .map_err(refused)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        LocalStorage::storage()?.remove_item(key).map_err(refused)
    }
}

/// A refusal in the browser's words ("The quota has been exceeded.").
fn refused(e: wasm_bindgen::JsValue) -> StorageError {
    StorageError::Refused(
        e.dyn_ref::<js_sys::Error>()
            .map_or_else(|| format!("{e:?}"), |e| String::from(e.message())),
    )
}

/// Whether localStorage accepts a write: a probe written and removed.
pub fn storage_works() -> bool {
    const PROBE: &str = "burnrate.probe";
    let store = LocalStorage;
    let ok = store.write(PROBE, "1").is_ok();
    _ = store.remove(PROBE);
    ok
}

/// The browser's time now, ISO 8601 (UTC).
pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}
