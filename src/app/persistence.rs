//! Keeping the user's scenario: the share link in the URL fragment and the
//! current scenario in localStorage, so a reload or a shared link shows the
//! exact same plan. Reading happens once at start; writing is an effect
//! (the outside world), debounced so a dragged slider does not flood the
//! browser's history API.

use leptos::prelude::*;

use super::Planner;
use crate::engine::{Scenario, decode, link, presets};

/// localStorage key of the current scenario.
const CURRENT_KEY: &str = "burnrate.current";
/// The version of what is stored under [`CURRENT_KEY`].
const STORAGE_VERSION: u32 = 1;
/// Quiet time after the last edit before the URL is rewritten.
const URL_DEBOUNCE_MS: u64 = 300;

/// Where the first scenario came from, and what went wrong on the way.
pub struct Start {
    pub scenario: Scenario,
    /// Why the link in the URL could not be opened, in words.
    pub link_error: Option<String>,
    /// Whether this browser lets the page save (private modes and full or
    /// disabled storage do not): without it only the link keeps the plan.
    pub can_save: bool,
}

/// The scenario to start with: the link in the URL if it opens, else the
/// one saved in this browser, else the default preset.
pub fn start() -> Start {
    let can_save = storage_works();
    let saved = || load_saved().unwrap_or_else(|| presets::default_preset().scenario());
    let hash = window().location().hash().unwrap_or_default();
    let fragment = hash.trim_start_matches('#');
    if !fragment.split('&').any(|p| p.starts_with("s=")) {
        return Start {
            scenario: saved(),
            link_error: None,
            can_save,
        };
    }
    match link::decode(fragment) {
        Ok(scenario) => Start {
            scenario,
            link_error: None,
            can_save,
        },
        Err(problems) => Start {
            scenario: saved(),
            can_save,
            link_error: Some(format!(
                "This link could not be opened, so the page shows your last saved scenario instead. {problems}"
            )),
        },
    }
}

/// Writes every valid scenario to localStorage and, debounced, to the URL.
/// While `keep_url` is true (a damaged link's banner is showing) the URL is
/// left as it is, so the user can still copy what they were sent.
pub fn persist(planner: Planner, keep_url: Signal<bool>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let scenario = planner.valid.get();
        save(&scenario);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if keep_url.get() {
            return;
        }
        let fragment = link::fragment(&scenario);
        let handle = set_timeout_with_handle(
            move || replace_fragment(&fragment),
            std::time::Duration::from_millis(URL_DEBOUNCE_MS),
        );
        match handle {
            Ok(h) => pending.set_value(Some(h)),
            Err(e) => leptos::logging::warn!("could not schedule the URL update: {e:?}"),
        }
    });
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whether localStorage accepts a write: a probe written and removed.
fn storage_works() -> bool {
    const PROBE: &str = "burnrate.probe";
    let Some(storage) = storage() else {
        return false;
    };
    let ok = storage.set_item(PROBE, "1").is_ok();
    let _ = storage.remove_item(PROBE);
    ok
}

fn load_saved() -> Option<Scenario> {
    let text = storage()?.get_item(CURRENT_KEY).ok().flatten()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    if value.get("version")?.as_u64()? != u64::from(STORAGE_VERSION) {
        return None;
    }
    let scenario = value.get("scenario")?.to_string();
    match decode(&scenario) {
        Ok(s) => Some(s),
        Err(problems) => {
            leptos::logging::warn!("the saved scenario is not valid any more: {problems}");
            None
        }
    }
}

fn save(scenario: &Scenario) {
    let Some(storage) = storage() else { return };
    let record = serde_json::json!({ "version": STORAGE_VERSION, "scenario": scenario });
    if let Err(e) = storage.set_item(CURRENT_KEY, &record.to_string()) {
        leptos::logging::warn!("could not save the scenario in this browser: {e:?}");
    }
}

fn replace_fragment(fragment: &str) {
    let window = window();
    let Ok(history) = window.history() else {
        return;
    };
    let url = format!("#{fragment}");
    if let Err(e) = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)) {
        leptos::logging::warn!("could not update the URL: {e:?}");
    }
}
