//! Browser glue for sharing and exporting: the clipboard, downloads and
//! today's date. Every call that can fail returns its failure in words for
//! the page to show; nothing here panics or unwraps. Promises are awaited
//! with `wasm-bindgen-futures` on Leptos' own executor (`spawn_local`).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{Array, Date, Reflect};
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

/// Writes `text` to the clipboard. Fails (without throwing) where the page
/// has no clipboard API, as on plain HTTP.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let navigator = window().navigator();
    let has_clipboard =
        Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|c| c.is_object());
    if !has_clipboard {
        return Err("this page has no clipboard access".to_owned());
    }
    let written = JsFuture::from(navigator.clipboard().write_text(text)).await;
    written.map(|_| ()).map_err(|e| js_error(&e))
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
