//! What opens at start and what a link does to the scenario it replaces:
//! the link in the address bar if it opens, else the scenario saved in
//! this browser, else the default preset; the page's own recent links (a
//! reload may carry one that is older than the save); and the previous
//! scenario kept in the saved list when a link replaces it.

use super::list::{load_saved, store_saved};
use super::record::{Kind, Opened, load_record};
use super::{CURRENT_KEY, Store, URL_KEY};
use crate::engine::freeze::{Thawed, thaw_prices};
use crate::engine::{Problems, Scenario, link, presets};

/// How many of the page's own fragments are remembered: a reload can start
/// with the URL of just before the last update (a timer may still write
/// while the reload's request is on its way).
const OWN_LINKS: usize = 3;

/// Where the first scenario came from, and what the user should know.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    pub scenario: Scenario,
    /// Why the link in the URL could not be opened, in words.
    pub link_error: Option<String>,
    /// What opening the page did with the user's work (a previous scenario
    /// kept in the list, prices kept from an older catalog, a stored
    /// record that could not be read).
    pub notice: Option<String>,
}

/// The scenario link in `fragment` (the address bar's, without `#`),
/// decoded, with its frozen prices folded back; `None` when it holds none.
pub fn link_in(fragment: &str) -> Option<Result<(Scenario, Thawed), Problems>> {
    fragment.split('&').any(|p| p.starts_with("s=")).then(|| {
        link::decode(fragment).map(|mut s| {
            let thawed = thaw_prices(&mut s);
            (s, thawed)
        })
    })
}

/// The scenario to start with, given the address bar's `fragment`: the
/// link if it opens, else the one saved in `store`, else the default
/// preset. A link that is one of the page's own recent ones gives way to
/// the saved scenario (newer); a link that replaces a different saved
/// scenario keeps that one in the saved list first.
pub fn start(store: &dyn Store, fragment: &str, now: &str) -> Start {
    let (saved, unreadable) = match load_record(store, CURRENT_KEY, Kind::Current, now) {
        Ok(record) => (record, None),
        Err(why) => (None, Some(why.to_string())),
    };
    let fallback = |saved: Option<Opened>| match saved {
        Some(opened) => (opened.scenario, opened.thawed.note()),
        None => (presets::default_preset().scenario(), unreadable.clone()),
    };
    // The page's own last link, reloaded before the latest edits reached
    // the URL: the saved scenario is the newer one.
    let own_link = saved.is_some()
        && store
            .read(URL_KEY)
            .is_some_and(|own| is_own_link(&own, fragment));
    let Some(link) = link_in(fragment).filter(|_| !own_link) else {
        let (scenario, notice) = fallback(saved);
        return Start {
            scenario,
            link_error: None,
            notice,
        };
    };
    match link {
        Ok((scenario, thawed)) => {
            let mut notes: Vec<String> = Vec::new();
            if let Some(previous) = saved.filter(|p| p.scenario != scenario) {
                notes.push(keep_previous(store, &previous.scenario, now).message);
            }
            notes.extend(unreadable.clone());
            notes.extend(thawed.note());
            Start {
                scenario,
                link_error: None,
                notice: (!notes.is_empty()).then(|| notes.join(" ")),
            }
        }
        Err(problems) => {
            let (scenario, notice) = fallback(saved);
            Start {
                scenario,
                notice,
                link_error: Some(format!(
                    "This link could not be opened, so the page shows your last saved scenario instead. {problems}"
                )),
            }
        }
    }
}

/// What a link pasted into the address bar of an open page holds: its
/// scenario with what thawing found, or why it cannot be opened. `None`
/// when the fragment holds no scenario link.
pub fn pasted_link(fragment: &str) -> Option<Result<(Scenario, Option<String>), String>> {
    link_in(fragment).map(|link| {
        link.map(|(s, thawed)| (s, thawed.note())).map_err(|problems| {
            format!(
                "This link could not be opened, so the page keeps the scenario it showed. {problems}"
            )
        })
    })
}

/// What [`keep_previous`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// Where the previous scenario is now, in words.
    pub message: String,
    /// Whether the saved list changed (the panel shows it again).
    pub changed: bool,
}

/// A link is replacing `previous`, the scenario this browser had: unless
/// the saved list already holds it, it goes into the list under a name
/// dated `now`, and the message says where.
pub fn keep_previous(store: &dyn Store, previous: &Scenario, now: &str) -> Kept {
    let loaded = load_saved(store, now);
    let shown = display_name(previous);
    let problem = loaded.problem.map(|p| format!("{p} ")).unwrap_or_default();
    let unchanged = |message: String| Kept {
        message,
        changed: false,
    };
    let mut list = loaded.list;
    if list.contains(previous) {
        return unchanged(format!(
            "{problem}Your previous scenario {shown} is in Saved scenarios."
        ));
    }
    if !loaded.writable {
        return unchanged(format!(
            "{problem}Your previous scenario {shown} could not be kept; it is replaced by the link's."
        ));
    }
    let name = format!(
        "{} (before a link, {})",
        previous.name.trim().chars().take(40).collect::<String>(),
        now.get(..16).unwrap_or_default().replace('T', " ")
    );
    let name = name.trim_start().to_owned();
    match list
        .save(&name, previous, now)
        .and_then(|_| store_saved(store, &list).map_err(|e| e.to_string()))
    {
        Ok(()) => Kept {
            message: format!(
                "{problem}Your previous scenario {shown} is kept in Saved scenarios as “{name}”."
            ),
            changed: true,
        },
        Err(e) => unchanged(format!(
            "{problem}Your previous scenario {shown} could not be kept ({e}); it is replaced by the link's."
        )),
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

/// Whether `fragment` is one of the page's own recent links, as
/// [`own_links`] listed them.
pub fn is_own_link(own: &str, fragment: &str) -> bool {
    own.lines().any(|line| line == fragment)
}

/// The page's own recent links once it has put `fragment` in the address
/// bar: it first, then the newest of `earlier`, [`OWN_LINKS`] at most.
pub fn own_links(earlier: &str, fragment: &str) -> String {
    let recent: Vec<&str> = std::iter::once(fragment)
        .chain(earlier.lines().filter(|line| *line != fragment))
        .take(OWN_LINKS)
        .collect();
    recent.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keep::{MemoryStore, SAVED_KEY, store_record};

    const NOW: &str = "2026-11-23T16:05:09.000Z";

    fn preset(id: &str) -> Scenario {
        presets::find(id).expect(id).scenario()
    }

    /// `s` as opening it from storage or a link gives it back.
    fn reopened(s: &Scenario) -> Scenario {
        let (back, _) = link_in(&link::fragment(s)).expect("a link").expect("opens");
        back
    }

    #[test]
    fn a_fresh_browser_opens_the_default_preset_or_the_link() {
        let store = MemoryStore::default();
        let start = start(&store, "", NOW);
        assert_eq!(start.scenario, presets::default_preset().scenario());
        assert_eq!((start.link_error, start.notice), (None, None));

        let chat = preset("coaching-chat");
        let opened = super::start(&store, &link::fragment(&chat), NOW);
        assert_eq!(opened.scenario, reopened(&chat));
        assert_eq!(opened.notice, None, "nothing was replaced");
        assert_eq!(store.read(SAVED_KEY), None);
    }

    #[test]
    fn the_saved_scenario_opens_unless_a_newer_link_comes() {
        let store = MemoryStore::default();
        let mine = reopened(&preset("inbox-classifier"));
        store_record(&store, CURRENT_KEY, None, &mine).expect("stored");
        assert_eq!(start(&store, "", NOW).scenario, mine);
        // A link the page wrote itself: the saved scenario is newer.
        let own = link::fragment(&preset("marketing-posts"));
        store
            .write(URL_KEY, &own_links("s=older", &own))
            .expect("noted");
        let reload = start(&store, &own, NOW);
        assert_eq!((reload.scenario, reload.notice), (mine.clone(), None));
        // A colleague's link: it opens, and the browser's scenario is kept.
        let theirs = preset("coaching-chat");
        let opened = start(&store, &link::fragment(&theirs), NOW);
        assert_eq!(opened.scenario, reopened(&theirs));
        let notice = opened.notice.expect("says where mine went");
        assert!(
            notice.ends_with("is kept in Saved scenarios as “Inbox classifier (before a link, 2026-11-23 16:05)”."),
            "{notice}"
        );
        // Opening it again finds it kept.
        let again = start(&store, &link::fragment(&theirs), NOW).notice;
        assert!(again.is_some_and(|n| n.ends_with("is in Saved scenarios.")));
    }

    #[test]
    fn a_damaged_link_or_record_is_reported_and_nothing_is_lost() {
        let store = MemoryStore::with(&[(CURRENT_KEY, "{")]);
        let start = start(&store, "s=!!", NOW);
        assert_eq!(start.scenario, presets::default_preset().scenario());
        let starts = |text: &Option<String>, start: &str| {
            assert!(
                text.as_deref().is_some_and(|t| t.starts_with(start)),
                "{text:?}"
            );
        };
        starts(
            &start.link_error,
            "This link could not be opened, so the page shows your last saved scenario instead. ",
        );
        starts(
            &start.notice,
            "The scenario saved in this browser could not be opened (it is damaged); it is kept unchanged",
        );
        assert_eq!(store.keys(CURRENT_KEY).len(), 1, "kept aside, not lost");
        assert!(pasted_link("s=!!").is_some_and(|l| l.is_err()));
        assert_eq!(pasted_link("other=1"), None);
    }

    #[test]
    fn the_previous_scenario_is_not_kept_where_storage_refuses() {
        let store = MemoryStore::default();
        store.full.set(true);
        let kept = keep_previous(&store, &preset("blank"), NOW);
        assert!(!kept.changed);
        assert!(
            kept.message.ends_with(
                "could not be kept (The quota has been exceeded.); it is replaced by the link's."
            ),
            "{}",
            kept.message
        );
    }

    #[test]
    fn the_page_remembers_its_last_three_links() {
        let own = own_links("", "s=a");
        let own = own_links(&own, "s=b");
        let own = own_links(&own, "s=a");
        assert_eq!(own, "s=a\ns=b");
        let own = own_links(&own_links(&own, "s=c"), "s=d");
        assert_eq!(own, "s=d\ns=c\ns=a");
        assert!(is_own_link(&own, "s=a") && !is_own_link(&own, "s=b"));
        assert_eq!(display_name(&Scenario::default()), "without a name");
    }
}
