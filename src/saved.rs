//! The user's named scenarios, kept in the browser: the stored format and
//! every operation on the list (save, rename, duplicate, delete, open), as
//! pure functions so they are tested natively. `crate::keep` moves the text
//! in and out of storage (`keep::SavedList`).
//!
//! Stored data is versioned ([`VERSION`]). Each entry keeps its scenario as
//! JSON with its catalog prices pinned (`engine::pin`), so a scenario saved
//! today opens with the same figures after the catalog moves on, and an
//! entry that no longer opens (a newer format, a damaged edit) is kept as it
//! is, shown with its problem, and never dropped.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::pin::{Unpinned, pin, unpin};
use crate::engine::{Problems, Scenario, validate};

/// The version of the stored list.
pub const VERSION: u32 = 1;
/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// The stored list of named scenarios, in the user's order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shelf {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// One named scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    /// When it was last saved, as the browser's ISO 8601 time.
    pub saved_at: String,
    /// The scenario JSON, prices pinned; decoded only when opened.
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

/// What [`Shelf::save`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new entry at this index.
    Added(usize),
    /// The entry of the same name, at this index, now holds the scenario.
    Replaced(usize),
}

impl Shelf {
    /// An empty list.
    pub fn new() -> Shelf {
        Shelf {
            version: VERSION,
            entries: Vec::new(),
        }
    }

    /// Reads the stored text. Anything else than a list of this version is
    /// an error; the caller keeps the text rather than overwrite it.
    pub fn parse(text: &str) -> Result<Shelf, ListError> {
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
    pub fn save(&mut self, name: &str, scenario: &Scenario, now: &str) -> Result<Saved, String> {
        let name = check_name(name)?;
        let entry = Entry {
            name,
            saved_at: now.to_owned(),
            scenario: stored(scenario),
        };
        Ok(match self.position(&entry.name) {
            Some(i) => {
                self.entries[i] = entry;
                Saved::Replaced(i)
            }
            None => {
                self.entries.push(entry);
                Saved::Added(self.entries.len() - 1)
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

    /// Whether some entry holds exactly `scenario` (its pinned form).
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
    /// The scenario, decoded and validated like a link, with its pinned
    /// prices folded back (and what that found).
    pub fn open(&self) -> Result<(Scenario, Unpinned), Problems> {
        let mut s = validate::decode_value(self.scenario.clone())?;
        let unpinned = unpin(&mut s);
        Ok((s, unpinned))
    }
}

/// `scenario` as an entry keeps it: prices pinned.
pub fn stored(scenario: &Scenario) -> Value {
    // Through the text rather than `serde_json::to_value`: the same value
    // (floats round-trip exactly), and the page's wasm needs no second copy
    // of the scenario's serializer for `Value` (7 KB before wasm-opt).
    serde_json::to_string(&pin(scenario))
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

    fn names(shelf: &Shelf) -> Vec<&str> {
        shelf.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn save_adds_then_replaces_by_name() {
        let mut shelf = Shelf::new();
        let a = preset("marketing-posts");
        let b = preset("coaching-chat");
        assert_eq!(shelf.save(" Plan A ", &a, NOW), Ok(Saved::Added(0)));
        assert_eq!(shelf.save("Plan B", &b, NOW), Ok(Saved::Added(1)));
        assert_eq!(shelf.save("Plan A", &b, NOW), Ok(Saved::Replaced(0)));
        assert_eq!(names(&shelf), ["Plan A", "Plan B"]);
        let (opened, _) = shelf.entries[0].open().expect("opens");
        assert_eq!(opened.name, b.name);
    }

    #[test]
    fn a_stored_scenario_is_the_value_serde_would_make() {
        // `stored` goes through the JSON text; it must give exactly the
        // value `serde_json::to_value` gives (numbers of the same kind).
        for p in presets::all() {
            let s = p.scenario();
            let want = serde_json::to_value(pin(&s)).expect("serialises");
            assert_eq!(stored(&s), want, "{}", p.id);
            assert_eq!(stored(&s).to_string(), want.to_string(), "{}", p.id);
        }
    }

    #[test]
    fn every_preset_opens_to_the_same_scenario() {
        for p in presets::all() {
            let mut s = p.scenario();
            let mut shelf = Shelf::new();
            shelf.save(p.id, &s, NOW).expect("saved");
            let back = Shelf::parse(&shelf.to_json()).expect("parses");
            let (opened, unpinned) = back.entries[0].open().expect("opens");
            s.catalog = opened.catalog.clone();
            assert_eq!(opened, s, "{}", p.id);
            assert_eq!(unpinned, Unpinned::default(), "{}", p.id);
            assert!(back.contains(&s), "{}", p.id);
        }
    }

    #[test]
    fn names_are_checked_with_the_field_named() {
        let mut shelf = Shelf::new();
        let s = preset("blank");
        assert_eq!(
            shelf.save("  ", &s, NOW),
            Err("name: give the scenario a name".into())
        );
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(
            shelf
                .save(&long, &s, NOW)
                .unwrap_err()
                .starts_with("name: 81 characters")
        );
        assert!(
            shelf
                .save("a\nb", &s, NOW)
                .unwrap_err()
                .starts_with("name: ")
        );
        shelf.save("One", &s, NOW).expect("saved");
        shelf.save("Two", &s, NOW).expect("saved");
        assert_eq!(
            shelf.rename(1, " One"),
            Err("name: “One” is already taken".into())
        );
        assert_eq!(shelf.rename(1, "Two"), Ok(()), "its own name is fine");
        assert_eq!(shelf.rename(1, "Three"), Ok(()));
        assert_eq!(names(&shelf), ["One", "Three"]);
        assert!(shelf.rename(7, "Seven").is_err());
    }

    #[test]
    fn duplicates_get_free_names_next_to_the_original() {
        let mut shelf = Shelf::new();
        let s = preset("inbox-classifier");
        shelf.save("Inbox", &s, NOW).expect("saved");
        shelf.save("Other", &s, NOW).expect("saved");
        assert_eq!(shelf.duplicate(0, NOW), Ok(1));
        assert_eq!(shelf.duplicate(0, NOW), Ok(1));
        assert_eq!(
            names(&shelf),
            ["Inbox", "Inbox (copy 2)", "Inbox (copy)", "Other"]
        );
        assert_eq!(shelf.entries[1].scenario, shelf.entries[0].scenario);
        let long = "y".repeat(MAX_NAME_CHARS);
        shelf.save(&long, &s, NOW).expect("saved");
        let i = shelf.duplicate(4, NOW).expect("copied");
        assert!(check_name(&shelf.entries[i].name).is_ok());
    }

    #[test]
    fn a_deleted_entry_can_be_put_back() {
        let mut shelf = Shelf::new();
        let s = preset("product-tagging");
        for name in ["A", "B", "C"] {
            shelf.save(name, &s, NOW).expect("saved");
        }
        let b = shelf.delete(1).expect("deleted");
        assert_eq!(names(&shelf), ["A", "C"]);
        assert_eq!(shelf.restore(1, b.clone()), 1);
        assert_eq!(names(&shelf), ["A", "B", "C"]);
        shelf.delete(1).expect("deleted");
        shelf.save("B", &s, NOW).expect("saved");
        shelf.restore(9, b);
        assert_eq!(names(&shelf), ["A", "C", "B", "B (copy)"]);
        assert!(shelf.delete(9).is_err());
    }

    #[test]
    fn unreadable_lists_and_entries_are_errors_not_losses() {
        assert!(
            Shelf::parse("{")
                .unwrap_err()
                .to_string()
                .contains("not valid JSON")
        );
        assert!(
            Shelf::parse("{\"entries\":[]}")
                .unwrap_err()
                .to_string()
                .contains("no version")
        );
        assert!(
            Shelf::parse("{\"version\":2,\"entries\":[]}")
                .unwrap_err()
                .to_string()
                .contains("version 2")
        );
        assert!(
            Shelf::parse("{\"version\":1,\"entries\":7}")
                .unwrap_err()
                .to_string()
                .contains("damaged")
        );
        assert_eq!(
            Shelf::parse("{\"version\":2,\"entries\":[]}"),
            Err(ListError::Version(2))
        );
        assert_eq!(
            ListError::Version(2).to_string(),
            "the saved list has version 2, which this Burnrate (version 1) cannot read"
        );
        // An entry whose scenario is broken stays in the list and says why.
        let text = r#"{"version":1,"entries":[{"name":"Old","saved_at":"x","scenario":{"version":1,"users":-5}}]}"#;
        let shelf = Shelf::parse(text).expect("the list reads");
        let problems = shelf.entries[0].open().unwrap_err();
        assert!(problems.to_string().contains("users"), "{problems}");
        assert_eq!(Shelf::parse(&shelf.to_json()), Ok(shelf));
    }
}
