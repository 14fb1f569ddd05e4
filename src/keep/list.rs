//! The saved list as the page keeps it: read from storage (an unreadable
//! list is copied aside first), and [`SavedList`], the "Saved scenarios"
//! panel's whole state: every change is applied to the list as stored now
//! (another tab may have changed it), written, and only then shown, with
//! an Undo. The list's own operations are `crate::saved`.

use super::{SAVED_KEY, StorageError, Store, kept_as, set_aside};
use crate::engine::Scenario;
use crate::engine::freeze::Thawed;
use crate::saved::{Entry, SaveOutcome, SavedScenarios};

/// The stored list, as read.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedLoad {
    pub list: SavedScenarios,
    /// What went wrong reading it, in words.
    pub problem: Option<String>,
    /// False when an unreadable list could not be copied aside: it must
    /// not be written over.
    pub writable: bool,
}

/// The stored list. One that cannot be read is copied aside under a key
/// dated `now` (and then removed, so a reload does not copy it again)
/// before the page starts a new one; the problem says where.
pub fn load_saved(store: &dyn Store, now: &str) -> SavedLoad {
    let fine = |list| SavedLoad {
        list,
        problem: None,
        writable: true,
    };
    let Some(text) = store.read(SAVED_KEY) else {
        return fine(SavedScenarios::new());
    };
    let why = match SavedScenarios::parse(&text) {
        Ok(list) => return fine(list),
        Err(why) => why,
    };
    let (kept, writable) = match set_aside(store, SAVED_KEY, &text, now) {
        Ok(aside) => (kept_as(&aside), true),
        Err(_) => (
            "it could not be copied aside, so the page leaves it as it is and saves nothing to the list".to_owned(),
            false,
        ),
    };
    SavedLoad {
        list: SavedScenarios::new(),
        problem: Some(format!(
            "Your saved scenarios could not be read: {why}; {kept}."
        )),
        writable,
    }
}

/// Stores the list.
pub fn store_saved(store: &dyn Store, list: &SavedScenarios) -> Result<(), StorageError> {
    store.write(SAVED_KEY, &list.to_json())
}

/// The "Saved scenarios" panel's state: the list as stored and shown, the
/// list before the last change (for its Undo), and the last outcome in
/// words. Entries are found by name, never by a position that may have
/// moved in another tab.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedList {
    shown: SavedScenarios,
    before: Option<SavedScenarios>,
    /// False when an unreadable list could not be copied aside: then the
    /// page never writes over it.
    writable: bool,
    /// The last change done, in words ("Saved “Plan A”.").
    pub status: String,
    /// What the last action could not do, in words.
    pub error: Option<String>,
}

impl SavedList {
    /// The list as stored, and what went wrong reading it.
    pub fn load(store: &dyn Store, now: &str) -> (SavedList, Option<String>) {
        let loaded = load_saved(store, now);
        let list = SavedList {
            shown: loaded.list,
            before: None,
            writable: loaded.writable,
            status: String::new(),
            error: None,
        };
        (list, loaded.problem)
    }

    /// The entries shown, in the user's order.
    pub fn entries(&self) -> &[Entry] {
        &self.shown.entries
    }

    /// Whether an entry is called `name` (saving under it replaces it).
    pub fn has(&self, name: &str) -> bool {
        self.shown.position(name).is_some()
    }

    /// Whether the last change can be undone.
    pub fn can_undo(&self) -> bool {
        self.before.is_some()
    }

    /// Shows the list as stored now, when it reads (it changed under the
    /// panel). A change from another tab also ends this tab's Undo.
    pub fn reload(&mut self, store: &dyn Store, now: &str, other_tab: bool) {
        let fresh = load_saved(store, now);
        if fresh.problem.is_none() {
            self.shown = fresh.list;
            if other_tab {
                self.before = None;
            }
        }
    }

    /// Forgets the last error.
    pub fn clear_error(&mut self) {
        self.error = None;
    }

    /// Saves `scenario` as `name` (the same name replaces it); whether it
    /// was stored.
    pub fn save(&mut self, store: &dyn Store, name: &str, scenario: &Scenario, now: &str) -> bool {
        self.commit(store, now, &mut |s| {
            s.save(name, scenario, now).map(|saved| match saved {
                SaveOutcome::Added(_) => format!("Saved “{}”.", name.trim()),
                SaveOutcome::Replaced(_) => {
                    format!("Replaced “{}” with this scenario.", name.trim())
                }
            })
        })
    }

    /// Copies the entry `name` right after itself.
    pub fn duplicate(&mut self, store: &dyn Store, name: &str, now: &str) -> bool {
        self.commit(store, now, &mut |s| {
            let copy = s.duplicate(find(s, name)?, now)?;
            Ok(format!("Saved a copy as “{}”.", s.entries[copy].name))
        })
    }

    /// Deletes the entry `name` (Undo puts it back).
    pub fn delete(&mut self, store: &dyn Store, name: &str, now: &str) -> bool {
        self.commit(store, now, &mut |s| {
            let entry = s.delete(find(s, name)?)?;
            Ok(format!("Deleted “{}”.", entry.name))
        })
    }

    /// Renames the entry `name` to `typed`.
    pub fn rename(&mut self, store: &dyn Store, name: &str, typed: &str, now: &str) -> bool {
        self.commit(store, now, &mut |s| {
            s.rename(find(s, name)?, typed)?;
            Ok(format!("Renamed to “{}”.", typed.trim()))
        })
    }

    /// Stores the list as it was before the last change.
    pub fn undo(&mut self, store: &dyn Store, now: &str) -> bool {
        let Some(previous) = self.before.clone() else {
            return false;
        };
        let undone = self.commit(store, now, &mut |s| {
            *s = previous.clone();
            Ok("Undone.".to_owned())
        });
        if undone {
            self.before = None;
        }
        undone
    }

    /// The entry `name`, opened: its name, scenario and what thawing
    /// found; when it cannot be opened, the error says why.
    pub fn open(&mut self, name: &str) -> Option<(String, Scenario, Thawed)> {
        let outcome = find(&self.shown, name).and_then(|i| {
            let entry = &self.shown.entries[i];
            let (scenario, thawed) = entry
                .open()
                .map_err(|problems| format!("“{}” could not be opened: {problems}", entry.name))?;
            Ok((entry.name.clone(), scenario, thawed))
        });
        match outcome {
            Ok(opened) => Some(opened),
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// Applies `change` to the list as stored now, stores the result and
    /// only then shows it; `change` returns the outcome in words.
    fn commit(
        &mut self,
        store: &dyn Store,
        now: &str,
        change: &mut dyn FnMut(&mut SavedScenarios) -> Result<String, String>,
    ) -> bool {
        if !self.writable {
            self.error = Some(
                "The saved list cannot be changed: the unreadable list could not be copied aside, and the page will not write over it.".to_owned(),
            );
            return false;
        }
        let stored = load_saved(store, now);
        let current = if stored.problem.is_none() {
            stored.list
        } else {
            self.shown.clone()
        };
        let mut next = current.clone();
        let done = change(&mut next).and_then(|message| {
            store_saved(store, &next).map(|()| message).map_err(|e| {
                format!("This browser did not save the change ({e}); the list is as it was.")
            })
        });
        match done {
            Ok(message) => {
                self.shown = next;
                self.before = Some(current);
                self.error = None;
                self.status = message;
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }
}

/// The index of the entry called `name`, or why there is none.
fn find(s: &SavedScenarios, name: &str) -> Result<usize, String> {
    s.position(name)
        .ok_or_else(|| format!("“{name}” is no longer in the saved list"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets;
    use crate::keep::MemoryStore;

    const NOW: &str = "2026-11-23T16:00:00.000Z";

    fn names(list: &SavedList) -> Vec<&str> {
        list.entries().iter().map(|e| e.name.as_str()).collect()
    }

    fn preset() -> Scenario {
        presets::default_preset().scenario()
    }

    #[test]
    fn every_change_is_stored_then_shown_and_can_be_undone() {
        let store = MemoryStore::default();
        let (mut list, problem) = SavedList::load(&store, NOW);
        assert_eq!(problem, None);
        assert!(list.save(&store, " Plan A ", &preset(), NOW));
        assert_eq!(list.status, "Saved “Plan A”.");
        assert!(list.save(&store, "Plan A", &preset(), NOW));
        assert_eq!(list.status, "Replaced “Plan A” with this scenario.");
        assert!(list.duplicate(&store, "Plan A", NOW));
        assert_eq!(list.status, "Saved a copy as “Plan A (copy)”.");
        assert!(list.rename(&store, "Plan A (copy)", "Plan B", NOW));
        assert_eq!(names(&list), ["Plan A", "Plan B"]);
        assert!(list.delete(&store, "Plan A", NOW));
        assert_eq!(list.status, "Deleted “Plan A”.");
        assert!(list.can_undo());
        assert!(list.undo(&store, NOW));
        assert!(!list.can_undo());
        assert_eq!(names(&list), ["Plan A", "Plan B"]);
        // What is shown is what is stored.
        let (again, _) = SavedList::load(&store, NOW);
        assert_eq!(again.entries(), list.entries());
        assert!(list.has("Plan B") && !list.has("Plan C"));
        let (name, opened, _) = list.open("Plan B").expect("opens");
        assert_eq!(name, "Plan B");
        assert_eq!(opened.name, preset().name);
    }

    #[test]
    fn a_refused_write_leaves_the_list_as_stored_and_says_so() {
        let store = MemoryStore::default();
        let (mut list, _) = SavedList::load(&store, NOW);
        assert!(list.save(&store, "Kept", &preset(), NOW));
        store.full.set(true);
        assert!(!list.save(&store, "Will not fit", &preset(), NOW));
        assert_eq!(names(&list), ["Kept"]);
        assert_eq!(
            list.error.as_deref(),
            Some(
                "This browser did not save the change (The quota has been exceeded.); the list is as it was."
            )
        );
        assert_eq!(list.status, "Saved “Kept”.", "the last change done stays");
        assert!(!list.rename(&store, "Gone", "New", NOW));
        store.full.set(false);
        assert!(!list.rename(&store, "Gone", "New", NOW));
        assert_eq!(
            list.error.as_deref(),
            Some("“Gone” is no longer in the saved list")
        );
        assert!(list.open("Gone").is_none());
    }

    #[test]
    fn changes_apply_to_the_list_as_another_tab_left_it() {
        let store = MemoryStore::default();
        let (mut mine, _) = SavedList::load(&store, NOW);
        let (mut other, _) = SavedList::load(&store, NOW);
        assert!(other.save(&store, "From the other tab", &preset(), NOW));
        assert!(mine.save(&store, "Mine", &preset(), NOW));
        assert_eq!(names(&mine), ["From the other tab", "Mine"]);
        other.reload(&store, NOW, true);
        assert_eq!(names(&other), names(&mine));
        assert!(
            !other.can_undo(),
            "another tab's change ends this tab's Undo"
        );
    }

    #[test]
    fn an_unreadable_list_is_set_aside_or_never_written_over() {
        let broken = r#"{"version":1,"entries":[{"name":"#;
        let store = MemoryStore::with(&[(SAVED_KEY, broken)]);
        let (mut list, problem) = SavedList::load(&store, NOW);
        let problem = problem.expect("reported");
        assert!(
            problem.starts_with(
                "Your saved scenarios could not be read: the saved list is not valid JSON"
            ),
            "{problem}"
        );
        assert!(
            problem.ends_with(&format!("as “{SAVED_KEY}.unreadable.{NOW}”.")),
            "{problem}"
        );
        assert_eq!(
            store.keys(SAVED_KEY),
            [format!("{SAVED_KEY}.unreadable.{NOW}")]
        );
        assert!(list.save(&store, "Fresh start", &preset(), NOW));
        assert_eq!(names(&list), ["Fresh start"]);

        let full = MemoryStore::with(&[(SAVED_KEY, broken)]);
        full.full.set(true);
        let (mut list, problem) = SavedList::load(&full, NOW);
        assert!(problem.is_some_and(|p| p.contains("saves nothing to the list")));
        full.full.set(false);
        assert!(!list.save(&full, "Would overwrite", &preset(), NOW));
        assert_eq!(full.read(SAVED_KEY).as_deref(), Some(broken));
        assert!(
            list.error
                .is_some_and(|e| e.starts_with("The saved list cannot be changed"))
        );
    }
}
