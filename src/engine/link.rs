//! Share links: the whole scenario in the URL fragment, `#s=` + base64url
//! (no padding) of the raw-DEFLATE-compressed scenario JSON (DESIGN.md,
//! "Interfaces that are contracts"). Decoding is forgiving of missing fields
//! and strict about damage: every failure is a `Problem` saying what is
//! wrong, never a panic.
//!
//! A link carries the scenario frozen at today's prices (`freeze::freeze_prices`), so it
//! reproduces the same figures after the catalog moves on; `decode` returns
//! what the link holds, and `freeze::thaw_prices` turns it back into the scenario
//! the user made.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::freeze::freeze_prices;
use super::scenario::Scenario;
use super::validate::{self, Problem, Problems};

/// The fragment key that carries the scenario.
pub const KEY: &str = "s";
/// Longest link payload accepted, in characters: far above any real
/// scenario, low enough that a hostile link cannot stall the page.
pub const MAX_PAYLOAD_CHARS: usize = 200_000;
/// Largest decompressed scenario accepted, in bytes (a DEFLATE bomb guard).
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// The payload for `#s=`: base64url of raw DEFLATE of the JSON of the
/// scenario frozen at the current catalog (`freeze::freeze_prices`).
pub fn encode(s: &Scenario) -> String {
    let json = serde_json::to_string(&freeze_prices(s)).unwrap_or_default();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    URL_SAFE_NO_PAD.encode(compressed)
}

/// The fragment to put after `#` in the page URL.
pub fn fragment(s: &Scenario) -> String {
    format!("{KEY}={}", encode(s))
}

/// Reads a scenario from a full URL, a fragment (`#s=…`, `s=…`) or a bare
/// payload, exactly as the link holds it: frozen, for links this build
/// made (`freeze::thaw_prices` drops the copies that still match the catalog).
pub fn decode(link: &str) -> Result<Scenario, Problems> {
    let payload = payload(link.trim())?;
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(damaged(format!(
            "it is {} characters long; at most {MAX_PAYLOAD_CHARS} are accepted",
            payload.len()
        )));
    }
    if let Some((i, ch)) = payload
        .char_indices()
        .find(|&(_, ch)| !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'))
    {
        return Err(damaged(format!(
            "character {:?} at position {} is not base64url",
            ch,
            i + 1
        )));
    }
    let compressed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| damaged("its length is not valid base64url (was it cut short?)".into()))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_JSON_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => damaged(format!(
                "the scenario inside is larger than {} MB",
                MAX_JSON_BYTES >> 20
            )),
            miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress => {
                damaged("the compressed data ends too early (was the link cut short?)".into())
            }
            _ => damaged("the compressed data is corrupt".into()),
        })?;
    let text = std::str::from_utf8(&json)
        .map_err(|_| damaged("the scenario inside is not UTF-8 text".into()))?;
    validate::decode(text)
}

/// Finds the payload in `link`.
fn payload(link: &str) -> Result<&str, Problems> {
    let fragment = match link.split_once('#') {
        Some((_, f)) => f,
        None if link.contains('=') || link.contains("://") => link,
        None => return Ok(link),
    };
    fragment
        .split('&')
        .find_map(|pair| {
            pair.strip_prefix(KEY)
                .and_then(|rest| rest.strip_prefix('='))
        })
        .ok_or_else(|| Problem::new("link", "has no scenario (no #s= part)").into())
}

fn damaged(why: String) -> Problems {
    Problem::new("link", format!("is damaged: {why}")).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::freeze::{Thawed, thaw_prices};
    use crate::engine::{catalog, presets};

    fn message(link: &str) -> String {
        decode(link).expect_err("should fail").to_string()
    }

    #[test]
    fn every_preset_round_trips_through_a_link() {
        for p in presets::all() {
            let s = p.scenario();
            let url = format!("https://burnrate.example/#{}", fragment(&s));
            let opened = decode(&url).expect("decodes");
            assert_eq!(
                opened,
                freeze_prices(&s),
                "{}: the link holds it frozen",
                p.id
            );
            assert_eq!(decode(&encode(&s)).expect("bare payload"), opened);
            let mut back = opened;
            assert_eq!(thaw_prices(&mut back), Thawed::default(), "{}", p.id);
            let with_catalog = Scenario {
                catalog: Some(catalog::SNAPSHOT_ID.into()),
                ..s
            };
            assert_eq!(back, with_catalog, "{}", p.id);
        }
    }

    #[test]
    fn every_preset_link_stays_under_2000_characters() {
        for p in presets::all() {
            let len = fragment(&p.scenario()).len() + 1;
            assert!(len < 2000, "{}: #{} is {len} characters", p.id, KEY);
        }
    }

    #[test]
    fn links_use_only_url_safe_characters_without_padding() {
        let payload = encode(&presets::default_preset().scenario());
        assert!(
            payload
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let good = encode(&presets::default_preset().scenario());
        assert_eq!(
            message("https://x.example/"),
            "link: has no scenario (no #s= part)"
        );
        assert_eq!(
            message("#s=abc$def"),
            "link: is damaged: character '$' at position 4 is not base64url"
        );
        assert!(message(&good[..good.len() / 2]).starts_with("link: is damaged: "));
        assert_eq!(
            message(&URL_SAFE_NO_PAD.encode(b"plain text, not deflate")),
            "link: is damaged: the compressed data is corrupt"
        );
        let not_json = miniz_oxide::deflate::compress_to_vec(b"hello", 6);
        assert!(message(&URL_SAFE_NO_PAD.encode(not_json)).starts_with("not valid JSON"));
        let wrong = miniz_oxide::deflate::compress_to_vec(br#"{"version":1,"users":-1}"#, 6);
        assert_eq!(
            message(&URL_SAFE_NO_PAD.encode(wrong)),
            "users: must be between 0 and 1000000000000, not -1"
        );
    }

    #[test]
    fn deflate_bombs_are_refused() {
        let bomb = vec![b' '; MAX_JSON_BYTES + 10];
        let packed = miniz_oxide::deflate::compress_to_vec(&bomb, 10);
        assert_eq!(
            message(&URL_SAFE_NO_PAD.encode(packed)),
            "link: is damaged: the scenario inside is larger than 1 MB"
        );
    }
}
