//! The user's named scenarios, kept in the browser: the stored format and
//! every operation on the list (save, rename, duplicate, delete, open), as
//! pure functions so they are tested natively. `crate::keep` moves the text
//! in and out of storage (`keep::SavedList`).
//!
//! Stored data is versioned ([`VERSION`]). Each entry keeps its scenario as
//! JSON with its catalog prices frozen (`engine::freeze`), so a scenario saved
//! today opens with the same figures after the catalog moves on, and an
//! entry that no longer opens (a newer format, a damaged edit) is kept as it
//! is, shown with its problem, and never dropped.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::freeze::{Thawed, freeze_prices, thaw_prices};
use crate::engine::{Problems, Scenario, validate};

/// The version of the stored list.
pub const VERSION: u32 = 1;
/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// The stored list of named scenarios, in the user's order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedScenarios {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// One named scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    /// When it was last saved, as the browser's ISO 8601 time.
    pub saved_at: String,
    /// The scenario JSON, prices frozen; decoded only when opened.
    pub scenario: Value,
}

/// Why a stored list cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListError {
    /// Not JSON at all (serde's words).
    NotJson(String),
    /// JSON without a `version`.
    NoVersion,
    /// Written by a Burnrate with another list version.
    Version(u64),
    /// This version, but not a list of entries (serde's words).
    Damaged(String),
}

impl std::fmt::Display for ListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListError::NotJson(e) => write!(f, "the saved list is not valid JSON ({e})"),
            ListError::NoVersion => f.write_str("the saved list has no version"),
            ListError::Version(v) => write!(
                f,
                "the saved list has version {v}, which this Burnrate (version {VERSION}) cannot read"
            ),
            ListError::Damaged(e) => write!(f, "the saved list is damaged ({e})"),
        }
    }
}

impl std::error::Error for ListError {}

/// What [`SavedScenarios::save`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// A new entry at this index.
    Added(usize),
    /// The entry of the same name, at this index, now holds the scenario.
    Replaced(usize),
}

impl SavedScenarios {
    /// An empty list.
    pub fn new() -> SavedScenarios {
        SavedScenarios {
            version: VERSION,
            entries: Vec::new(),
        }
    }

    /// Reads the stored text. Anything else than a list of this version is
    /// an error; the caller keeps the text rather than overwrite it.
    pub fn parse(text: &str) -> Result<SavedScenarios, ListError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| ListError::NotJson(e.to_string()))?;
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => return Err(ListError::Version(v)),
            None => return Err(ListError::NoVersion),
        }
        serde_json::from_value(value).map_err(|e| ListError::Damaged(e.to_string()))
    }

    /// The text to store.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The index of the entry called exactly `name` (after trimming).
    pub fn position(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.entries.iter().position(|e| e.name == name)
    }

    /// Saves `scenario` as `name`: a new entry at the end, or, when that
    /// name exists, in its place.
    pub fn save(
        &mut self,
        name: &str,
        scenario: &Scenario,
        now: &str,
    ) -> Result<SaveOutcome, String> {
        let name = check_name(name)?;
        let entry = Entry {
            name,
            saved_at: now.to_owned(),
            scenario: stored(scenario),
        };
        Ok(match self.position(&entry.name) {
            Some(i) => {
                self.entries[i] = entry;
                SaveOutcome::Replaced(i)
            }
            None => {
                self.entries.push(entry);
                SaveOutcome::Added(self.entries.len() - 1)
            }
        })
    }

    /// Renames entry `i`; the new name must be free.
    pub fn rename(&mut self, i: usize, name: &str) -> Result<(), String> {
        let name = check_name(name)?;
        if self.position(&name).is_some_and(|j| j != i) {
            return Err(format!("name: “{name}” is already taken"));
        }
        let entry = self.entries.get_mut(i).ok_or_else(gone)?;
        entry.name = name;
        Ok(())
    }

    /// Copies entry `i` right after itself as “name (copy)” (or copy 2, 3…);
    /// returns the copy's index.
    pub fn duplicate(&mut self, i: usize, now: &str) -> Result<usize, String> {
        let entry = self.entries.get(i).ok_or_else(gone)?;
        let name = self.free_copy_name(&entry.name);
        let copy = Entry {
            name,
            saved_at: now.to_owned(),
            scenario: entry.scenario.clone(),
        };
        self.entries.insert(i + 1, copy);
        Ok(i + 1)
    }

    /// Removes entry `i` and returns it, so that it can be put back.
    pub fn delete(&mut self, i: usize) -> Result<Entry, String> {
        if i < self.entries.len() {
            Ok(self.entries.remove(i))
        } else {
            Err(gone())
        }
    }

    /// Puts a deleted entry back at `i` (or at the end), under a free name.
    pub fn restore(&mut self, i: usize, mut entry: Entry) -> usize {
        if self.position(&entry.name).is_some() {
            entry.name = self.free_copy_name(&entry.name);
        }
        let i = i.min(self.entries.len());
        self.entries.insert(i, entry);
        i
    }

    /// Whether some entry holds exactly `scenario` (its frozen form).
    pub fn contains(&self, scenario: &Scenario) -> bool {
        let value = stored(scenario);
        self.entries.iter().any(|e| e.scenario == value)
    }

    fn free_copy_name(&self, name: &str) -> String {
        let base = format!("{} (copy)", truncate(name, MAX_NAME_CHARS - 12));
        if self.position(&base).is_none() {
            return base;
        }
        (2..)
            .map(|n| format!("{} (copy {n})", truncate(name, MAX_NAME_CHARS - 12)))
            .find(|candidate| self.position(candidate).is_none())
            .unwrap_or(base)
    }
}

impl Entry {
    /// The scenario, decoded and validated like a link, with its frozen
    /// prices folded back (and what that found).
    pub fn open(&self) -> Result<(Scenario, Thawed), Problems> {
        let mut s = validate::decode_value(self.scenario.clone())?;
        let thawed = thaw_prices(&mut s);
        Ok((s, thawed))
    }
}

/// `scenario` as an entry keeps it: prices frozen.
pub fn stored(scenario: &Scenario) -> Value {
    // Through the text rather than `serde_json::to_value`: the same value
    // (floats round-trip exactly), and the page's wasm needs no second copy
    // of the scenario's serializer for `Value` (7 KB before wasm-opt).
    serde_json::to_string(&freeze_prices(scenario))
        .and_then(|text| serde_json::from_str(&text))
        .unwrap_or(Value::Null)
}

/// A valid name, trimmed, or why not (starting with the field, `name`).
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("name: give the scenario a name".to_owned());
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(format!(
            "name: {chars} characters is too long; at most {MAX_NAME_CHARS}"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("name: remove the line breaks and control characters".to_owned());
    }
    Ok(name.to_owned())
}

fn truncate(name: &str, chars: usize) -> String {
    name.chars().take(chars).collect()
}

fn gone() -> String {
    "that saved scenario is no longer in the list".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets;

    const NOW: &str = "2026-11-23T16:00:00.000Z";

    fn preset(id: &str) -> Scenario {
        presets::find(id).expect(id).scenario()
    }

    fn names(list: &SavedScenarios) -> Vec<&str> {
        list.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn save_adds_then_replaces_by_name() {
        let mut list = SavedScenarios::new();
        let a = preset("marketing-posts");
        let b = preset("coaching-chat");
        assert_eq!(list.save(" Plan A ", &a, NOW), Ok(SaveOutcome::Added(0)));
        assert_eq!(list.save("Plan B", &b, NOW), Ok(SaveOutcome::Added(1)));
        assert_eq!(list.save("Plan A", &b, NOW), Ok(SaveOutcome::Replaced(0)));
        assert_eq!(names(&list), ["Plan A", "Plan B"]);
        let (opened, _) = list.entries[0].open().expect("opens");
        assert_eq!(opened.name, b.name);
    }

    #[test]
    fn a_stored_scenario_is_the_value_serde_would_make() {
        // `stored` goes through the JSON text; it must give exactly the
        // value `serde_json::to_value` gives (numbers of the same kind).
        for p in presets::all() {
            let s = p.scenario();
            let want = serde_json::to_value(freeze_prices(&s)).expect("serialises");
            assert_eq!(stored(&s), want, "{}", p.id);
            assert_eq!(stored(&s).to_string(), want.to_string(), "{}", p.id);
        }
    }

    #[test]
    fn every_preset_opens_to_the_same_scenario() {
        for p in presets::all() {
            let mut s = p.scenario();
            let mut list = SavedScenarios::new();
            list.save(p.id, &s, NOW).expect("saved");
            let back = SavedScenarios::parse(&list.to_json()).expect("parses");
            let (opened, thawed) = back.entries[0].open().expect("opens");
            s.catalog = opened.catalog.clone();
            assert_eq!(opened, s, "{}", p.id);
            assert_eq!(thawed, Thawed::default(), "{}", p.id);
            assert!(back.contains(&s), "{}", p.id);
        }
    }

    #[test]
    fn names_are_checked_with_the_field_named() {
        let mut list = SavedScenarios::new();
        let s = preset("blank");
        assert_eq!(
            list.save("  ", &s, NOW),
            Err("name: give the scenario a name".into())
        );
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(
            list.save(&long, &s, NOW)
                .unwrap_err()
                .starts_with("name: 81 characters")
        );
        assert!(
            list.save("a\nb", &s, NOW)
                .unwrap_err()
                .starts_with("name: ")
        );
        list.save("One", &s, NOW).expect("saved");
        list.save("Two", &s, NOW).expect("saved");
        assert_eq!(
            list.rename(1, " One"),
            Err("name: “One” is already taken".into())
        );
        assert_eq!(list.rename(1, "Two"), Ok(()), "its own name is fine");
        assert_eq!(list.rename(1, "Three"), Ok(()));
        assert_eq!(names(&list), ["One", "Three"]);
        assert!(list.rename(7, "Seven").is_err());
    }

    #[test]
    fn duplicates_get_free_names_next_to_the_original() {
        let mut list = SavedScenarios::new();
        let s = preset("inbox-classifier");
        list.save("Inbox", &s, NOW).expect("saved");
        list.save("Other", &s, NOW).expect("saved");
        assert_eq!(list.duplicate(0, NOW), Ok(1));
        assert_eq!(list.duplicate(0, NOW), Ok(1));
        assert_eq!(
            names(&list),
            ["Inbox", "Inbox (copy 2)", "Inbox (copy)", "Other"]
        );
        assert_eq!(list.entries[1].scenario, list.entries[0].scenario);
        let long = "y".repeat(MAX_NAME_CHARS);
        list.save(&long, &s, NOW).expect("saved");
        let i = list.duplicate(4, NOW).expect("copied");
        assert!(check_name(&list.entries[i].name).is_ok());
    }

    #[test]
    fn a_deleted_entry_can_be_put_back() {
        let mut list = SavedScenarios::new();
        let s = preset("product-tagging");
        for name in ["A", "B", "C"] {
            list.save(name, &s, NOW).expect("saved");
        }
        let b = list.delete(1).expect("deleted");
        assert_eq!(names(&list), ["A", "C"]);
        assert_eq!(list.restore(1, b.clone()), 1);
        assert_eq!(names(&list), ["A", "B", "C"]);
        list.delete(1).expect("deleted");
        list.save("B", &s, NOW).expect("saved");
        list.restore(9, b);
        assert_eq!(names(&list), ["A", "C", "B", "B (copy)"]);
        assert!(list.delete(9).is_err());
    }

    #[test]
    fn unreadable_lists_and_entries_are_errors_not_losses() {
        assert!(
            SavedScenarios::parse("{")
                .unwrap_err()
                .to_string()
                .contains("not valid JSON")
        );
        assert!(
            SavedScenarios::parse("{\"entries\":[]}")
                .unwrap_err()
                .to_string()
                .contains("no version")
        );
        assert!(
            SavedScenarios::parse("{\"version\":2,\"entries\":[]}")
                .unwrap_err()
                .to_string()
                .contains("version 2")
        );
        assert!(
            SavedScenarios::parse("{\"version\":1,\"entries\":7}")
                .unwrap_err()
                .to_string()
                .contains("damaged")
        );
        assert_eq!(
            SavedScenarios::parse("{\"version\":2,\"entries\":[]}"),
            Err(ListError::Version(2))
        );
        assert_eq!(
            ListError::Version(2).to_string(),
            "the saved list has version 2, which this Burnrate (version 1) cannot read"
        );
        // An entry whose scenario is broken stays in the list and says why.
        let text = r#"{"version":1,"entries":[{"name":"Old","saved_at":"x","scenario":{"version":1,"users":-5}}]}"#;
        let list = SavedScenarios::parse(text).expect("the list reads");
        let problems = list.entries[0].open().unwrap_err();
        assert!(problems.to_string().contains("users"), "{problems}");
        assert_eq!(SavedScenarios::parse(&list.to_json()), Ok(list));
    }
}
