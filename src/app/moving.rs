//! Whether a quick control is being moved: true from a slider's `input`
//! until [`QUIET_MS`] after the last one. Parts of the page that are far
//! off screen (the scenario editor's few hundred fields) hold what they show
//! while it is true and catch up once the slider rests, so a drag does not
//! pay for updating what nobody can see.

use leptos::prelude::*;

/// How long after the last move a control counts as resting.
pub const QUIET_MS: u64 = 300;

/// See the module documentation; one per page, in the context. Our own
/// timer on Leptos' `set_timeout_with_handle`: leptos-use's
/// `use_timeout_fn` here and in the autosave measured +1.0 KB gzipped
/// (2026-12-01), and has no way to rest when no timer can be set.
#[derive(Clone, Copy)]
pub struct Moving {
    moving: RwSignal<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Moving {
    pub fn new() -> Moving {
        Moving {
            moving: RwSignal::new(false),
            timer: StoredValue::new(None),
        }
    }

    /// A control moved: moving until [`QUIET_MS`] from now.
    pub fn touch(self) {
        if !self.moving.get_untracked() {
            self.moving.set(true);
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let moving = self.moving;
        let rest = move || _ = moving.try_set(false);
        match set_timeout_with_handle(rest, std::time::Duration::from_millis(QUIET_MS)) {
            Ok(handle) => self.timer.set_value(Some(handle)),
            // Without a timer nothing would ever rest: do not hold at all.
            Err(_) => {
                self.timer.set_value(None);
                rest();
            }
        }
    }

    /// Whether a control is moving now (tracked).
    pub fn get(self) -> bool {
        self.moving.get()
    }
}

impl Default for Moving {
    fn default() -> Self {
        Moving::new()
    }
}

/// The page's [`Moving`].
pub fn use_moving() -> Moving {
    expect_context::<Moving>()
}
