//! Browser glue for sharing and exporting: the clipboard, downloads, reading
//! a picked file and today's date. Every call that can fail returns its
//! failure in words for the page to show; nothing here panics or unwraps.
//!
//! Promises are awaited without an executor: [`settle`] hangs one
//! self-freeing callback on `Promise.allSettled`, which always fulfils, so
//! no callback is ever left behind uncalled (and leaked).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::js_sys::{Array, Date, Function, Promise, Reflect};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long an object URL outlives the click that starts its download:
/// revoking it at once can cancel the download in some browsers.
const REVOKE_AFTER: Duration = Duration::from_secs(30);

/// A JavaScript error or rejection reason in words.
pub fn js_error(e: &JsValue) -> String {
    if let Some(text) = e.as_string() {
        return text;
    }
    let message = Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string());
    let name = Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string());
    match (name, message) {
        (Some(n), Some(m)) if !m.is_empty() => format!("{n}: {m}"),
        (_, Some(m)) if !m.is_empty() => m,
        (Some(n), _) => n,
        _ => "unknown error".to_owned(),
    }
}

/// Calls `then` once with what `promise` fulfils with, or why it rejects.
pub fn settle(promise: &Promise, then: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    let settled = Promise::all_settled(&Array::of1(promise));
    let callback = Closure::once_into_js(move |results: JsValue| {
        let outcome = results
            .dyn_into::<Array>()
            .map(|a| a.get(0))
            .unwrap_or(JsValue::UNDEFINED);
        let field = |name: &str| {
            Reflect::get(&outcome, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
        };
        if field("status").as_string().as_deref() == Some("fulfilled") {
            then(Ok(field("value")));
        } else {
            then(Err(field("reason")));
        }
    });
    // `settled.then(callback)`, called through JavaScript so that the
    // callback is the self-freeing function made above.
    let attached = Reflect::get(&settled, &JsValue::from_str("then"))
        .and_then(|f| f.dyn_into::<Function>())
        .and_then(|then_fn| then_fn.call1(&settled, &callback));
    if let Err(e) = attached {
        leptos::logging::warn!("could not wait for a promise: {}", js_error(&e));
    }
}

/// Writes `text` to the clipboard and calls `done` with the outcome. Fails
/// (without throwing) where the page has no clipboard API, as on plain HTTP.
pub fn copy_text(text: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let navigator = window().navigator();
    let has_clipboard =
        Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|c| c.is_object());
    if !has_clipboard {
        done(Err("this page has no clipboard access".to_owned()));
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    settle(&promise, move |outcome| {
        done(outcome.map(|_| ()).map_err(|e| js_error(&e)));
    });
}

/// Offers `text` as a file download named `file_name`.
pub fn download_text(text: &str, mime: &str, file_name: &str) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("could not make the file: {}", js_error(&e)))?;
    download_blob(&blob, file_name)
}

/// Offers `blob` as a file download named `file_name`: a temporary
/// `<a download>` pointing at an object URL, clicked and removed.
pub fn download_blob(blob: &Blob, file_name: &str) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob)
        .map_err(|e| format!("could not make the file: {}", js_error(&e)))?;
    let result = click_download(&url, file_name);
    let revoke = url.clone();
    set_timeout(
        move || {
            if let Err(e) = Url::revoke_object_url(&revoke) {
                leptos::logging::warn!("could not release a download: {}", js_error(&e));
            }
        },
        REVOKE_AFTER,
    );
    result
}

fn click_download(url: &str, file_name: &str) -> Result<(), String> {
    let document = document();
    let anchor = document
        .create_element("a")
        .map_err(|e| js_error(&e))?
        .dyn_into::<HtmlAnchorElement>()
        .map_err(|_| "the page could not make a download link".to_owned())?;
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let Some(body) = document.body() else {
        return Err("the page has no body to start a download from".to_owned());
    };
    body.append_child(&anchor)
        .map_err(|e| format!("could not start the download: {}", js_error(&e)))?;
    anchor.click();
    anchor.remove();
    Ok(())
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The page's address without its fragment.
pub fn page_address() -> String {
    let href = window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_owned(),
        None => href,
    }
}
