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
use serde_json::Value;
use wasm_bindgen::JsCast as _;

use super::Planner;
use super::notices::Notices;
use crate::engine::pin::{Unpinned, pin, unpin};
use crate::engine::{Problems, Scenario, link, presets, validate};
use crate::saved::Shelf;

/// localStorage key of the current scenario.
const CURRENT_KEY: &str = "burnrate.current";
/// localStorage key of the named scenarios.
pub const SHELF_KEY: &str = "burnrate.saved";
/// localStorage key of the last few fragments this page wrote to the URL,
/// newest first, one a line.
const URL_KEY: &str = "burnrate.url";
/// How many of the page's own fragments are remembered: a reload can start
/// with the URL of just before the last update (a timer may still write
/// while the reload's request is on its way).
const OWN_LINKS: usize = 3;
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
    let (saved, unreadable) =
        match load_record(CURRENT_KEY, false, "The scenario saved in this browser") {
            Ok(record) => (record.map(|(_, s, unpinned)| (s, unpinned)), None),
            Err(why) => (None, Some(why)),
        };
    let (fragment, link) = url_link();
    let fallback = |saved: Option<Opened>| match saved {
        Some((s, unpinned)) => (s, unpinned.note()),
        None => (presets::default_preset().scenario(), unreadable.clone()),
    };
    // The page's own last link, reloaded before the latest edits reached
    // the URL: the saved scenario is the newer one.
    let own_link = saved.is_some()
        && read(URL_KEY).is_some_and(|own| own.lines().any(|line| line == fragment));
    let link = link.filter(|_| !own_link);
    let Some(link) = link else {
        let (scenario, notice) = fallback(saved);
        return Start {
            scenario,
            link_error: None,
            storage_problem,
            notice,
        };
    };
    match link {
        Ok((scenario, unpinned)) => {
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

/// A scenario as opened from a link or storage: pinned prices folded back,
/// and what that found.
type Opened = (Scenario, Unpinned);

/// The fragment in the address bar, and the scenario link in it when it
/// holds one: decoded, with its pinned prices folded back.
fn url_link() -> (String, Option<Result<Opened, Problems>>) {
    let hash = window().location().hash().unwrap_or_default();
    let fragment = hash.trim_start_matches('#').to_owned();
    let link = fragment.split('&').any(|p| p.starts_with("s=")).then(|| {
        link::decode(&fragment).map(|mut s| {
            let unpinned = unpin(&mut s);
            (s, unpinned)
        })
    });
    (fragment, link)
}

/// What a link pasted into the address bar of an open page holds: its
/// scenario with what unpinning found, or why it cannot be opened. `None`
/// when the fragment holds no scenario link.
pub fn pasted_link() -> Option<Result<(Scenario, Option<String>), String>> {
    url_link().1.map(|link| {
        link.map(|(s, unpinned)| (s, unpinned.note())).map_err(|problems| {
            format!(
                "This link could not be opened, so the page keeps the scenario it showed. {problems}"
            )
        })
    })
}

/// The window event that tells the saved list it changed under it.
pub const SHELF_CHANGED: &str = "burnrate-saved-changed";

/// A link is replacing the scenario this browser had: unless the list
/// already holds it, it goes into the list, and the user is told where.
pub fn keep_previous(previous: &Scenario) -> String {
    let loaded = load_shelf();
    let shown = display_name(previous);
    let problem = loaded.problem.map(|p| format!("{p} ")).unwrap_or_default();
    let mut shelf = loaded.shelf;
    if shelf.contains(previous) {
        return format!("{problem}Your previous scenario {shown} is in Saved scenarios.");
    }
    if !loaded.writable {
        return format!(
            "{problem}Your previous scenario {shown} could not be kept; it is replaced by the link's."
        );
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
        Ok(()) => {
            if let Ok(event) = web_sys::Event::new(SHELF_CHANGED) {
                _ = window().dispatch_event(&event);
            }
            format!(
                "{problem}Your previous scenario {shown} is kept in Saved scenarios as “{name}”."
            )
        }
        Err(e) => {
            leptos::logging::warn!("could not keep the previous scenario: {e}");
            format!(
                "{problem}Your previous scenario {shown} could not be kept ({e}); it is replaced by the link's."
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

/// Writes the last valid scenario to localStorage and to the URL, 300 ms
/// after the last edit (a dragged slider writes once, not on every step),
/// and at once when the page is hidden or left, so a reload or a closed
/// tab never loses an edit. While `keep_url` is true (a damaged link's
/// banner is showing) the URL is left as it is, so the user can still copy
/// what they were sent.
pub fn persist(planner: Planner, keep_url: Signal<bool>, notices: Notices) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let store = move || match store_record(CURRENT_KEY, None, &planner.valid.get_untracked()) {
        Ok(()) => {
            notices.storage_ok();
            true
        }
        Err(e) => {
            leptos::logging::warn!("could not save the scenario in this browser: {e}");
            notices.storage_failed(NOT_SAVING.to_owned());
            false
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

/// Stores `scenario` (prices pinned) under `key` as a versioned record,
/// with its `name` when it has one.
fn store_record(key: &str, name: Option<&str>, scenario: &Scenario) -> Result<(), String> {
    #[derive(serde::Serialize)]
    struct Record<'a> {
        version: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<&'a str>,
        scenario: &'a Scenario,
    }
    let pinned = pin(scenario);
    let record = Record {
        version: STORAGE_VERSION,
        name,
        scenario: &pinned,
    };
    let text = serde_json::to_string(&record).map_err(|e| e.to_string())?;
    write(key, &text)
}

/// The record [`store_record`] keeps under `key`: its name (required when
/// `named`) and its scenario with the pinned prices folded back; `None`
/// when nothing is stored. A record that no longer reads is copied aside
/// before the page writes over it, and the message, starting with `what`,
/// says why and where.
fn load_record(
    key: &str,
    named: bool,
    what: &str,
) -> Result<Option<(Option<String>, Scenario, Unpinned)>, String> {
    let Some(text) = read(key) else {
        return Ok(None);
    };
    let parse = || -> Result<(Option<String>, Scenario, Unpinned), String> {
        let damaged = || "it is damaged".to_owned();
        let value: Value = serde_json::from_str(&text).map_err(|_| damaged())?;
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v == u64::from(STORAGE_VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "it was stored by a Burnrate with storage version {v}"
                ));
            }
            None => return Err(damaged()),
        }
        let name = value.get("name").and_then(Value::as_str).map(str::to_owned);
        if named && name.is_none() {
            return Err("it has no name".to_owned());
        }
        let scenario = value.get("scenario").cloned().ok_or_else(damaged)?;
        let mut s = validate::decode_value(scenario).map_err(|p| p.to_string())?;
        let unpinned = unpin(&mut s);
        Ok((name, s, unpinned))
    };
    parse().map(Some).map_err(|why| {
        let kept = set_aside(key, &text).map_or_else(
            |_| "it could not be copied aside either".to_owned(),
            kept_as,
        );
        format!("{what} could not be opened ({why}); {kept}.")
    })
}

/// The stored list of named scenarios, as read.
pub struct ShelfLoad {
    pub shelf: Shelf,
    /// What went wrong reading it, in words.
    pub problem: Option<String>,
    /// False when an unreadable list could not be copied aside: it must
    /// not be written over.
    pub writable: bool,
}

/// The list of named scenarios. A list that cannot be read is copied aside
/// under a dated key (and then cleared, so a reload does not copy it
/// again) before the page starts a new one; the message says where.
pub fn load_shelf() -> ShelfLoad {
    let fine = |shelf| ShelfLoad {
        shelf,
        problem: None,
        writable: true,
    };
    let Some(text) = read(SHELF_KEY) else {
        return fine(Shelf::new());
    };
    let why = match Shelf::parse(&text) {
        Ok(shelf) => return fine(shelf),
        Err(why) => why,
    };
    let (kept, writable) = match set_aside(SHELF_KEY, &text) {
        Ok(aside) => (kept_as(aside), true),
        Err(_) => (
            "it could not be copied aside, so the page leaves it as it is and saves nothing to the list".to_owned(),
            false,
        ),
    };
    ShelfLoad {
        shelf: Shelf::new(),
        problem: Some(format!(
            "Your saved scenarios could not be read: {why}; {kept}."
        )),
        writable,
    }
}

/// Copies `text` from `key` to a dated key beside it and removes `key`;
/// the new key.
fn set_aside(key: &str, text: &str) -> Result<String, String> {
    let aside = format!("{key}.unreadable.{}", now());
    write(&aside, text)?;
    if let Some(storage) = storage() {
        _ = storage.remove_item(key);
    }
    Ok(aside)
}

/// Where a record set aside is, in words.
fn kept_as(aside: String) -> String {
    format!("it is kept unchanged in this browser's storage as “{aside}”")
}

/// Stores the list of named scenarios.
pub fn store_shelf(shelf: &Shelf) -> Result<(), String> {
    write(SHELF_KEY, &shelf.to_json())
}

/// The scenario pinned for comparison (its name and scenario), or what
/// went wrong reading it; an unreadable one is copied aside.
pub fn load_compare() -> Result<Option<(String, Scenario)>, String> {
    let record = load_record(COMPARE_KEY, true, "The scenario pinned for comparison")?;
    Ok(record.map(|(name, s, _)| (name.unwrap_or_default(), s)))
}

/// Stores (or, with `None`, forgets) the scenario pinned for comparison.
pub fn store_compare(pinned: Option<(&str, &Scenario)>) -> Result<(), String> {
    match pinned {
        Some((name, s)) => store_record(COMPARE_KEY, Some(name), s),
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

/// Puts `fragment` in the address bar. When this browser also holds the
/// same scenario (`saved`), the fragment is noted as one of the page's own,
/// so a reload with it (or with one of the few before it) shows the newer
/// saved scenario; otherwise the notes are removed and a reload opens the
/// link as it is.
fn replace_fragment(fragment: &str, saved: bool) {
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
    let noted = if saved {
        let earlier = read(URL_KEY).unwrap_or_default();
        let recent: Vec<&str> = std::iter::once(fragment)
            .chain(earlier.lines().filter(|line| *line != fragment))
            .take(OWN_LINKS)
            .collect();
        write(URL_KEY, &recent.join("\n"))
    } else {
        storage()
            .ok_or_else(|| "storage is not available".to_owned())
            .and_then(|s| s.remove_item(URL_KEY).map_err(|e| format!("{e:?}")))
    };
    if let Err(e) = noted {
        leptos::logging::warn!("could not note the page's link: {e}");
    }
}
