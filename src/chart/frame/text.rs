//! Text on the charts: names cut to a number of characters or to a width
//! as the backend measures it, always ending in an ellipsis when cut, and
//! user counts in words.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::ChartError;
use crate::format;

/// Names in bars and legends longer than this many characters end in an
/// ellipsis (and so does any text wider than its room on the chart).
pub(crate) const MAX_LABEL_CHARS: usize = 40;

/// "1 user", "1,250 users".
pub(crate) fn users_text(users: f64) -> String {
    let noun = if users == 1.0 { "user" } else { "users" };
    format!("{} {noun}", format::count(users))
}

/// `text` cut to `max_chars` characters, the last one an ellipsis.
pub(crate) fn ellipsize(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `name`, or `fallback` when it is blank, cut to `max_chars`.
pub(crate) fn label(name: &str, max_chars: usize, fallback: impl FnOnce() -> String) -> String {
    let name = name.trim();
    if name.is_empty() {
        ellipsize(&fallback(), max_chars)
    } else {
        ellipsize(name, max_chars)
    }
}

/// `text`, ellipsized until it is at most `max_width` pixels wide as
/// `font` draws it on `area`.
pub(crate) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    max_width: u32,
) -> Result<String, ChartError> {
    if area.estimate_text_size(text, font)?.0 <= max_width {
        return Ok(text.to_owned());
    }
    // The widest prefix that fits, by bisection on the character count.
    let (mut lo, mut hi) = (1, text.chars().count());
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if area.estimate_text_size(&ellipsize(text, mid), font)?.0 <= max_width {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(ellipsize(text, lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_end_in_an_ellipsis() {
        assert_eq!(ellipsize("Caption", 28), "Caption");
        assert_eq!(ellipsize("Generate marketing post", 10), "Generate…");
        assert_eq!(ellipsize("ééééé", 3), "éé…");
        assert_eq!(label("  ", 28, || "Feature 2".into()), "Feature 2");
        assert_eq!(
            label("x".repeat(40).as_str(), 28, String::new)
                .chars()
                .count(),
            28
        );
    }
}
