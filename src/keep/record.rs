//! The stored-record codec: the current scenario and the scenario pinned
//! for comparison are each one versioned JSON record,
//! `{"version": 1, "name"?: "…", "scenario": {…}}`, the scenario with its
//! catalog prices frozen. A record that no longer reads is copied aside
//! before the page writes over it.

use std::fmt;

use serde_json::Value;

use super::{StorageError, Store, kept_as, set_aside};
use crate::engine::freeze::{Thawed, freeze_prices, thaw_prices};
use crate::engine::{Problems, Scenario, validate};

/// The version of the records under `CURRENT_KEY` and `COMPARE_KEY`.
pub const RECORD_VERSION: u32 = 1;

/// Which record: what the messages call it, and whether it has a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The current scenario (no name).
    Current,
    /// The scenario pinned for comparison (named).
    Compared,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Current => "The scenario saved in this browser",
            Kind::Compared => "The scenario pinned for comparison",
        }
    }
}

/// A record as read: its name, and its scenario with the frozen prices
/// folded back (and what that found).
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub name: Option<String>,
    pub scenario: Scenario,
    pub thawed: Thawed,
}

/// Why a stored record cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not a record.
    Damaged,
    /// Written by a Burnrate with another record version.
    Version(u64),
    /// A record that must have a name has none.
    Unnamed,
    /// Its scenario does not decode (each problem with its field path).
    Invalid(Problems),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Damaged => f.write_str("it is damaged"),
            Unreadable::Version(v) => {
                write!(f, "it was stored by a Burnrate with storage version {v}")
            }
            Unreadable::Unnamed => f.write_str("it has no name"),
            Unreadable::Invalid(problems) => write!(f, "{problems}"),
        }
    }
}

impl std::error::Error for Unreadable {}

/// A stored record that could not be opened: which, why, and where it is
/// kept now (or why it could not be copied aside).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub kind: Kind,
    pub why: Unreadable,
    pub kept: Result<String, StorageError>,
}

impl fmt::Display for SetAside {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kept = match &self.kept {
            Ok(aside) => kept_as(aside),
            Err(_) => "it could not be copied aside either".to_owned(),
        };
        write!(
            f,
            "{} could not be opened ({}); {kept}.",
            self.kind.what(),
            self.why
        )
    }
}

impl std::error::Error for SetAside {}

/// The record of `scenario` (prices frozen), with its `name` when it has
/// one.
pub fn encode(name: Option<&str>, scenario: &Scenario) -> Result<String, StorageError> {
    #[derive(serde::Serialize)]
    struct Record<'a> {
        version: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<&'a str>,
        scenario: &'a Scenario,
    }
    let frozen = freeze_prices(scenario);
    let record = Record {
        version: RECORD_VERSION,
        name,
        scenario: &frozen,
    };
    serde_json::to_string(&record).map_err(|e| StorageError::Encoding(e.to_string()))
}

/// Reads a record [`encode`] wrote; its name is required when `named`.
pub fn decode(text: &str, named: bool) -> Result<Opened, Unreadable> {
    let value: Value = serde_json::from_str(text).map_err(|_| Unreadable::Damaged)?;
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(RECORD_VERSION) => {}
        Some(v) => return Err(Unreadable::Version(v)),
        None => return Err(Unreadable::Damaged),
    }
    let name = value.get("name").and_then(Value::as_str).map(str::to_owned);
    if named && name.is_none() {
        return Err(Unreadable::Unnamed);
    }
    let scenario = value.get("scenario").cloned().ok_or(Unreadable::Damaged)?;
    let mut scenario = validate::decode_value(scenario).map_err(Unreadable::Invalid)?;
    let thawed = thaw_prices(&mut scenario);
    Ok(Opened {
        name,
        scenario,
        thawed,
    })
}

/// Stores `scenario` under `key` as a record of `name`.
pub fn store_record(
    store: &dyn Store,
    key: &str,
    name: Option<&str>,
    scenario: &Scenario,
) -> Result<(), StorageError> {
    store.write(key, &encode(name, scenario)?)
}

/// The record of `kind` under `key`; `None` when nothing is stored. One
/// that does not read is copied aside (dated `now`) before the page writes
/// over it, and the error says why and where.
pub fn load_record(
    store: &dyn Store,
    key: &str,
    kind: Kind,
    now: &str,
) -> Result<Option<Opened>, SetAside> {
    let Some(text) = store.read(key) else {
        return Ok(None);
    };
    decode(&text, kind == Kind::Compared)
        .map(Some)
        .map_err(|why| SetAside {
            kind,
            why,
            kept: set_aside(store, key, &text, now),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets;
    use crate::keep::{COMPARE_KEY, CURRENT_KEY, MemoryStore};

    const NOW: &str = "2026-11-23T16:00:00.000Z";

    #[test]
    fn every_preset_comes_back_as_stored() {
        for p in presets::all() {
            let mut s = p.scenario();
            let store = MemoryStore::default();
            store_record(&store, COMPARE_KEY, Some(p.id), &s).expect("stored");
            let opened = load_record(&store, COMPARE_KEY, Kind::Compared, NOW)
                .expect("reads")
                .expect("there");
            s.catalog = opened.scenario.catalog.clone();
            assert_eq!(opened.scenario, s, "{}", p.id);
            assert_eq!(opened.name.as_deref(), Some(p.id));
            assert_eq!(opened.thawed, Thawed::default(), "{}", p.id);
        }
        let store = MemoryStore::default();
        assert_eq!(
            load_record(&store, CURRENT_KEY, Kind::Current, NOW),
            Ok(None)
        );
    }

    #[test]
    fn unreadable_records_say_why() {
        assert_eq!(decode("{", false), Err(Unreadable::Damaged));
        assert_eq!(
            decode(r#"{"scenario":{}}"#, false),
            Err(Unreadable::Damaged)
        );
        assert_eq!(
            decode(r#"{"version":3,"scenario":{}}"#, false),
            Err(Unreadable::Version(3))
        );
        assert_eq!(decode(r#"{"version":1}"#, false), Err(Unreadable::Damaged));
        let unnamed = r#"{"version":1,"scenario":{"version":1}}"#;
        assert!(decode(unnamed, false).is_ok());
        assert_eq!(decode(unnamed, true), Err(Unreadable::Unnamed));
        let invalid = decode(
            r#"{"version":1,"scenario":{"version":1,"users":-5}}"#,
            false,
        );
        assert!(
            matches!(&invalid, Err(Unreadable::Invalid(p)) if p.to_string().contains("users")),
            "{invalid:?}"
        );
        assert_eq!(
            Unreadable::Version(3).to_string(),
            "it was stored by a Burnrate with storage version 3"
        );
    }

    #[test]
    fn an_unreadable_record_is_set_aside_before_anything_overwrites_it() {
        let store = MemoryStore::with(&[(CURRENT_KEY, "{\"version\":9}")]);
        let err = load_record(&store, CURRENT_KEY, Kind::Current, NOW).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "The scenario saved in this browser could not be opened (it was stored by a Burnrate with storage version 9); it is kept unchanged in this browser's storage as “{CURRENT_KEY}.unreadable.{NOW}”."
            )
        );
        assert_eq!(store.read(CURRENT_KEY), None);
        assert_eq!(
            store
                .read(&format!("{CURRENT_KEY}.unreadable.{NOW}"))
                .as_deref(),
            Some("{\"version\":9}")
        );
        // When it cannot be copied, it stays where it is.
        let full = MemoryStore::with(&[(COMPARE_KEY, "[]")]);
        full.full.set(true);
        let err = load_record(&full, COMPARE_KEY, Kind::Compared, NOW).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The scenario pinned for comparison could not be opened (it is damaged); it could not be copied aside either."
        );
        assert_eq!(full.read(COMPARE_KEY).as_deref(), Some("[]"));
    }
}
