//! Keeping the user's work: the share link in the URL fragment, and in
//! localStorage the current scenario, the list of named scenarios
//! (`crate::saved`) and the scenario pinned for comparison. Reading the
//! current scenario happens once at start; writing it is an effect (the
//! outside world), debounced for the URL so a dragged slider does not flood
//! the browser's history API.
//!
//! Every stored record is versioned, and every scenario is stored with its
//! catalog prices pinned (`engine::pin`), so it comes back with the same
//! figures after the catalog moves on. A failed write is reported on the
//! page (`Notices::storage`), never a crash; nothing unreadable is
//! overwritten without being kept aside first.

use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast as _;

use super::Planner;
use super::notices::Notices;
use crate::engine::pin::{Unpinned, pin, unpin};
use crate::engine::{Scenario, link, presets, validate};
use crate::saved::Shelf;

/// localStorage key of the current scenario.
const CURRENT_KEY: &str = "burnrate.current";
/// localStorage key of the named scenarios.
const SHELF_KEY: &str = "burnrate.saved";
/// localStorage key of the last fragment this page wrote to the URL.
const URL_KEY: &str = "burnrate.url";
/// localStorage key of the scenario pinned for comparison.
const COMPARE_KEY: &str = "burnrate.compare";
/// The version of the records under [`CURRENT_KEY`] and [`COMPARE_KEY`].
const STORAGE_VERSION: u32 = 1;
/// Quiet time after the last edit before the URL is rewritten.
const URL_DEBOUNCE_MS: u64 = 300;

/// What a failed write means for the user.
pub const NOT_SAVING: &str = "This browser is not saving your changes (private browsing, or storage full or disabled): keep the link in the address bar, copy it, or export the JSON to keep your plan.";

/// Where the first scenario came from, and what the user should know.
pub struct Start {
    pub scenario: Scenario,
    /// Why the link in the URL could not be opened, in words.
    pub link_error: Option<String>,
    /// Why this browser will not save, when it will not.
    pub storage_problem: Option<String>,
    /// What opening the page did with the user's work (a previous scenario
    /// kept in the list, prices kept from an older catalog).
    pub notice: Option<String>,
}

/// The scenario to start with: the link in the URL if it opens, else the
/// one saved in this browser, else the default preset.
pub fn start() -> Start {
    let storage_problem = (!storage_works()).then(|| NOT_SAVING.to_owned());
    let (saved, unreadable) = load_current();
    let hash = window().location().hash().unwrap_or_default();
    let fragment = hash.trim_start_matches('#');
    let fallback = |saved: Option<(Scenario, Unpinned)>| match saved {
        Some((s, unpinned)) => (s, unpinned.note()),
        None => (presets::default_preset().scenario(), unreadable.clone()),
    };
    // The page's own last link, reloaded before the latest edits reached
    // the URL: the saved scenario is the newer one.
    let own_link = saved.is_some() && read(URL_KEY).is_some_and(|own| own == fragment);
    if own_link || !fragment.split('&').any(|p| p.starts_with("s=")) {
        let (scenario, notice) = fallback(saved);
        return Start {
            scenario,
            link_error: None,
            storage_problem,
            notice,
        };
    }
    match link::decode(fragment) {
        Ok(mut scenario) => {
            let unpinned = unpin(&mut scenario);
            let mut notes: Vec<String> = Vec::new();
            if let Some((previous, _)) = saved.filter(|(p, _)| p != &scenario) {
                notes.push(keep_previous(&previous));
            }
            notes.extend(unreadable.clone());
            notes.extend(unpinned.note());
            Start {
                scenario,
                link_error: None,
                storage_problem,
                notice: (!notes.is_empty()).then(|| notes.join(" ")),
            }
        }
        Err(problems) => {
            let (scenario, notice) = fallback(saved);
            Start {
                scenario,
                storage_problem,
                notice,
                link_error: Some(format!(
                    "This link could not be opened, so the page shows your last saved scenario instead. {problems}"
                )),
            }
        }
    }
}

/// A link is replacing the scenario this browser had: unless the list
/// already holds it, it goes into the list, and the user is told where.
fn keep_previous(previous: &Scenario) -> String {
    let (mut shelf, _) = load_shelf();
    let shown = display_name(previous);
    if shelf.contains(previous) {
        return format!("Your previous scenario {shown} is in Saved scenarios.");
    }
    let name = format!(
        "{} (before a link, {})",
        previous.name.trim().chars().take(40).collect::<String>(),
        now().get(..16).unwrap_or_default().replace('T', " ")
    );
    let name = name.trim_start().to_owned();
    match shelf
        .save(&name, previous, &now())
        .map_err(|e| e.to_string())
        .and_then(|_| store_shelf(&shelf))
    {
        Ok(()) => format!("Your previous scenario {shown} is kept in Saved scenarios as “{name}”."),
        Err(e) => {
            leptos::logging::warn!("could not keep the previous scenario: {e}");
            format!(
                "Your previous scenario {shown} could not be kept ({e}); it is replaced by the link's."
            )
        }
    }
}

/// `“name”`, or "without a name".
pub fn display_name(s: &Scenario) -> String {
    let name = s.name.trim();
    if name.is_empty() {
        "without a name".to_owned()
    } else {
        format!("“{name}”")
    }
}

/// Writes every valid scenario to localStorage and, debounced, to the URL.
/// While `keep_url` is true (a damaged link's banner is showing) the URL is
/// left as it is, so the user can still copy what they were sent.
pub fn persist(planner: Planner, keep_url: Signal<bool>, notices: Notices) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let scenario = planner.valid.get();
        let record = json!({ "version": STORAGE_VERSION, "scenario": pin(&scenario) });
        match write(CURRENT_KEY, &record.to_string()) {
            Ok(()) => notices.storage_ok(),
            Err(e) => {
                leptos::logging::warn!("could not save the scenario in this browser: {e}");
                notices.storage_failed(NOT_SAVING.to_owned());
            }
        }
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

/// The list of named scenarios, and what went wrong reading it. A list
/// that cannot be read is copied aside under a dated key before the page
/// starts a new one, and the message says where.
pub fn load_shelf() -> (Shelf, Option<String>) {
    let Some(text) = read(SHELF_KEY) else {
        return (Shelf::new(), None);
    };
    match Shelf::parse(&text) {
        Ok(shelf) => (shelf, None),
        Err(why) => {
            let aside = format!("{SHELF_KEY}.unreadable.{}", now());
            let kept = match write(&aside, &text) {
                Ok(()) => format!("it is kept unchanged in this browser's storage as “{aside}”"),
                Err(_) => "it could not be copied aside either".to_owned(),
            };
            (
                Shelf::new(),
                Some(format!(
                    "Your saved scenarios could not be read: {why}; {kept}."
                )),
            )
        }
    }
}

/// Stores the list of named scenarios.
pub fn store_shelf(shelf: &Shelf) -> Result<(), String> {
    write(SHELF_KEY, &shelf.to_json())
}

/// The scenario pinned for comparison: its name and scenario.
pub fn load_compare() -> Option<(String, Scenario)> {
    let value: Value = serde_json::from_str(&read(COMPARE_KEY)?).ok()?;
    if value.get("version")?.as_u64()? != u64::from(STORAGE_VERSION) {
        return None;
    }
    let name = value.get("name")?.as_str()?.to_owned();
    let mut s = validate::decode_value(value.get("scenario")?.clone()).ok()?;
    unpin(&mut s);
    Some((name, s))
}

/// Stores (or, with `None`, forgets) the scenario pinned for comparison.
pub fn store_compare(pinned: Option<(&str, &Scenario)>) -> Result<(), String> {
    match pinned {
        Some((name, s)) => {
            let record = json!({ "version": STORAGE_VERSION, "name": name, "scenario": pin(s) });
            write(COMPARE_KEY, &record.to_string())
        }
        None => {
            let storage = storage().ok_or_else(|| "storage is not available".to_owned())?;
            storage
                .remove_item(COMPARE_KEY)
                .map_err(|e| format!("{e:?}"))
        }
    }
}

/// The browser's time now, ISO 8601 (UTC).
pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn write(key: &str, text: &str) -> Result<(), String> {
    let storage = storage().ok_or_else(|| "storage is not available".to_owned())?;
    storage.set_item(key, text).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()))
    })
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

/// The current scenario saved in this browser, with its pinned prices
/// folded back, and what went wrong reading it. A record that no longer
/// reads is copied aside before the page writes a new one over it.
fn load_current() -> (Option<(Scenario, Unpinned)>, Option<String>) {
    let Some(text) = read(CURRENT_KEY) else {
        return (None, None);
    };
    let value: Option<Value> = serde_json::from_str(&text).ok();
    let scenario = match value
        .as_ref()
        .map(|v| (v.get("version").and_then(Value::as_u64), v.get("scenario")))
    {
        Some((Some(v), Some(s))) if v == u64::from(STORAGE_VERSION) => {
            validate::decode_value(s.clone()).map_err(|p| p.to_string())
        }
        Some((Some(v), _)) => Err(format!(
            "it was stored by a Burnrate with storage version {v}"
        )),
        _ => Err("it is damaged".to_owned()),
    };
    match scenario {
        Ok(mut s) => {
            let unpinned = unpin(&mut s);
            (Some((s, unpinned)), None)
        }
        Err(why) => {
            let aside = format!("{CURRENT_KEY}.unreadable.{}", now());
            let kept = match write(&aside, &text) {
                Ok(()) => format!("it is kept unchanged in this browser's storage as “{aside}”"),
                Err(_) => "it could not be copied aside either".to_owned(),
            };
            (
                None,
                Some(format!(
                    "The scenario saved in this browser could not be opened ({why}); {kept}."
                )),
            )
        }
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
        return;
    }
    // A failure only means a reload may show the link's (older) scenario,
    // and the saved one is kept in the list then: nothing is lost.
    if let Err(e) = write(URL_KEY, fragment) {
        leptos::logging::warn!("could not note the page's link: {e}");
    }
}
