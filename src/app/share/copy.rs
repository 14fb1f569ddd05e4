//! Copying the link or the summary to the clipboard, and the fallback when
//! the browser will not: the text in a read-only field, selected, for the
//! user to copy by hand.

use leptos::html::Textarea;
use leptos::prelude::*;

use super::{Status, browser};

/// What is being copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copying {
    Link,
    Summary,
}

impl Copying {
    fn noun(self) -> &'static str {
        match self {
            Copying::Link => "link",
            Copying::Summary => "summary",
        }
    }

    fn done(self) -> &'static str {
        match self {
            Copying::Link => "Link copied",
            Copying::Summary => "Summary copied",
        }
    }
}

/// Text the clipboard refused, shown for copying by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct Fallback {
    what: Copying,
    text: String,
}

/// Copies `text` to the clipboard, confirming on `status`; when the
/// clipboard is missing or refuses, shows `text` in the fallback field.
pub fn copy(text: String, what: Copying, status: Status, fallback: RwSignal<Option<Fallback>>) {
    fallback.set(None);
    leptos::task::spawn_local(async move {
        match browser::copy_text(&text).await {
            Ok(()) => status.confirm(what.done()),
            Err(e) => {
                status.fail(format!("Could not copy the {} ({e}).", what.noun()));
                _ = fallback.try_set(Some(Fallback { what, text }));
            }
        }
    });
}

/// The read-only field with the text the clipboard refused, selected.
#[component]
pub fn CopyFallback(
    /// The refused text, if any; `None` hides the field.
    fallback: RwSignal<Option<Fallback>>,
) -> impl IntoView {
    let field = NodeRef::<Textarea>::new();
    // Selecting the text is the outside world (focus and selection), done
    // each time a field appears.
    Effect::new(move |_| {
        let Some(el) = field.get() else { return };
        request_animation_frame(move || {
            _ = el.focus();
            el.select();
        });
    });

    move || {
        fallback.get().map(|f| {
            let label = format!(
                "The browser did not allow copying. The {} is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
                f.what.noun()
            );
            let rows = if f.what == Copying::Link { "3" } else { "8" };
            view! {
                <div class="copy-fallback">
                    <label for="copy-fallback">{label}</label>
                    <div class="copy-fallback-row">
                        <textarea
                            node_ref=field
                            id="copy-fallback"
                            class="copy-fallback-text"
                            data-testid="copy-fallback"
                            rows=rows
                            readonly
                            prop:value=f.text
                        ></textarea>
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| fallback.set(None)
                        >
                            "Done"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
