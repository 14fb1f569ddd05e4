//! The one reading of what a user types into a number or list field, shared
//! by the editor and the quick controls: thousands separators and a leading
//! `$` allowed, a decimal comma refused rather than guessed.

use std::fmt;

/// Why typed text is not a value for its field. The scenario keeps its
/// value; the page shows this next to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Empty where a number is required, or not a number at all.
    NotANumber,
    /// A comma that does not group thousands ("0,5"): a decimal comma
    /// would silently be read as a thousands separator, so it is refused.
    DecimalComma,
    /// A number where a whole number from 0 to `u32::MAX` is required.
    NotWhole,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputError::NotANumber => "Enter a number",
            InputError::DecimalComma => {
                "Use a point for decimals (0.5); a comma only groups thousands (1,200)"
            }
            InputError::NotWhole => "Enter a whole number (0 or more)",
        })
    }
}

impl std::error::Error for InputError {}

/// A number in plain decimal, exactly as stored: Rust prints the shortest
/// text that reads back to the same `f64` and never uses an exponent.
pub fn number_text(x: f64) -> String {
    if x == 0.0 {
        // Also turns -0 into "0".
        "0".to_owned()
    } else if x.is_finite() {
        x.to_string()
    } else {
        String::new()
    }
}

/// A typed number: spaces, a leading `$` and correctly placed thousands
/// separators are allowed; infinity and NaN are not numbers.
pub fn parse_number(text: &str) -> Result<f64, InputError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.contains(',') && !thousands_grouped(&cleaned) {
        // "0,5" may mean a half or five: refuse rather than guess.
        return Err(InputError::DecimalComma);
    }
    let x = decimal(&cleaned.replace(',', "")).ok_or(InputError::NotANumber)?;
    if x.is_finite() {
        Ok(x)
    } else {
        Err(InputError::NotANumber)
    }
}

/// A plain decimal number (`-12.5`, `+.5`, `007`, `2e3`, `1.`) read exactly
/// as Rust's `str::parse::<f64>` reads it (tested against it), but by
/// serde_json's float reader, which the page has anyway: Rust's own reader
/// brings 15 KB of tables and code into the wasm. Only finite values are
/// read: `inf`, `NaN` and a decimal too large for an `f64` (`1e400`), which
/// Rust reads as infinite, are `None` (the caller refuses them anyway).
fn decimal(text: &str) -> Option<f64> {
    // Rewrite into JSON's number grammar: no `+`, no leading zeros, digits
    // on both sides of the point.
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    let mut json = String::with_capacity(text.len() + 2);
    if negative {
        json.push('-');
    }
    let int = int.trim_start_matches('0');
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    if let Some(e) = exponent {
        let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
        if unsigned.is_empty() || !digits(unsigned) {
            return None;
        }
        json.push('e');
        json.push_str(e);
    }
    serde_json::from_str(&json).ok()
}

/// A typed comma-separated list (`"gpt-4o, gpt-4o-mini"`): each item
/// trimmed, empty items dropped; `None` when no item is left.
pub fn parse_list(text: &str) -> Option<Vec<String>> {
    let items: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect();
    (!items.is_empty()).then_some(items)
}

/// A typed whole number from 0 to `u32::MAX` (`3.0` counts as 3).
pub fn parse_whole(text: &str) -> Result<u32, InputError> {
    let x = parse_number(text)?;
    if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
        Ok(x as u32)
    } else {
        Err(InputError::NotWhole)
    }
}

/// `1,234,567.8`: groups of three digits after the first group of one to
/// three, and no comma after the decimal point.
fn thousands_grouped(text: &str) -> bool {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let int = int.trim_start_matches(['-', '+']);
    let mut groups = int.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        && !frac.contains(',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_rust_reads_them() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        // Random strings over the number alphabet, and random doubles
        // written out (shortest, exponent and long forms).
        let alphabet = b"0123456789.-+eE00099";
        for _ in 0..50_000 {
            let len = 1 + next(12) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[next(alphabet.len() as u64) as usize] as char)
                .collect();
            let want = text.parse::<f64>().ok().filter(|x| x.is_finite());
            assert_eq!(
                decimal(&text).map(f64::to_bits),
                want.map(f64::to_bits),
                "{text:?}"
            );
        }
        for _ in 0..20_000 {
            let x = f64::from_bits(next(u64::MAX));
            if !x.is_finite() {
                continue;
            }
            for text in [
                x.to_string(),
                format!("{x:e}"),
                format!("{x:.30}"),
                format!("{:.3}", x),
            ] {
                let want = text.parse::<f64>().expect("Rust reads what it writes");
                assert_eq!(
                    decimal(&text).map(f64::to_bits),
                    Some(want.to_bits()),
                    "{text:?}"
                );
            }
        }
        for text in [
            "0",
            "-0",
            "+0",
            "007",
            "1.",
            ".5",
            "-.5",
            "+1e3",
            "1E-3",
            "00.00",
            "1e+0",
            "123456789012345678901234567890",
            "0.1000000000000000055511151231257827",
            "2.2250738585072011e-308",
            "4.9e-324",
            "1e-400",
            "1.7976931348623157e308",
        ] {
            let want = text.parse::<f64>().expect(text);
            assert_eq!(
                decimal(text).map(f64::to_bits),
                Some(want.to_bits()),
                "{text:?}"
            );
        }
        for text in [
            "", ".", "-", "+", "e5", "1e", "1e+", "--1", "1.2.3", "0x10", "1_0", " 1", "inf",
            "NaN", "1e400", "-1e309",
        ] {
            assert_eq!(decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn typed_numbers_are_parsed_or_refused_in_words() {
        assert_eq!(parse_number(" 1,200.5 "), Ok(1200.5));
        assert_eq!(parse_number("$20"), Ok(20.0));
        assert_eq!(parse_number("1 000 000"), Ok(1e6));
        assert_eq!(parse_number("-5"), Ok(-5.0));
        assert_eq!(parse_number(".5"), Ok(0.5));
        assert_eq!(parse_number("2e3"), Ok(2000.0));
        for bad in [
            "", " ", "abc", "1.2.3", "inf", "NaN", "infinity", "1e400", "5%", "--1",
        ] {
            assert_eq!(parse_number(bad), Err(InputError::NotANumber), "{bad:?}");
        }
        // A comma that does not group thousands is a decimal comma: refused
        // with a message that says so, never read as a separator.
        for comma in ["0,5", "1,20", "12,3456"] {
            assert_eq!(
                parse_number(comma),
                Err(InputError::DecimalComma),
                "{comma:?}"
            );
        }
        assert_eq!(parse_whole("3"), Ok(3));
        assert_eq!(parse_whole("3.0"), Ok(3));
        assert_eq!(parse_whole("2.5"), Err(InputError::NotWhole));
        assert_eq!(parse_whole("-1"), Err(InputError::NotWhole));
        assert_eq!(parse_whole("5e9"), Err(InputError::NotWhole));
        assert_eq!(parse_whole("x"), Err(InputError::NotANumber));
        assert_eq!(InputError::NotANumber.to_string(), "Enter a number");
    }
}
