//! The address bar: the fragment the page opened with (or that was pasted
//! into it), and the page's own updates of it, noted in storage so that a
//! reload of one of them shows the newer saved scenario (`keep::start`).

use leptos::prelude::window;

use super::storage::LocalStorage;
use crate::keep::{Store, URL_KEY, own_links};

/// The fragment in the address bar, without its `#`.
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#').to_owned()
}

/// Puts `fragment` in the address bar. When this browser also holds the
/// same scenario (`saved`), the fragment is noted as one of the page's own,
/// so a reload with it (or with one of the few before it) shows the newer
/// saved scenario; otherwise the notes are removed and a reload opens the
/// link as it is.
pub fn replace_fragment(fragment: &str, saved: bool) {
    let window = window();
    let Ok(history) = window.history() else {
        return;
    };
    let url = format!("#{fragment}");
    if let Err(e) = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)) {
        leptos::logging::warn!("could not update the URL: {e:?}");
        return;
    }
    // A failure only means a reload may show the link's (older) scenario,
    // and the saved one is kept in the list then: nothing is lost.
    let store = LocalStorage;
    let noted = if saved {
        let earlier = store.read(URL_KEY).unwrap_or_default();
        store.write(URL_KEY, &own_links(&earlier, fragment))
    } else {
        store.remove(URL_KEY)
    };
    if let Err(e) = noted {
        leptos::logging::warn!("could not note the page's link: {e}");
    }
}
