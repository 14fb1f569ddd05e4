//! Turning what people do with controls into numbers: slider positions on a
//! log scale and typed numbers with a message in words when they are not
//! usable. Pure Rust, shared by the page's controls and tested natively.

use crate::engine::edit::{self, InputError};
use crate::format::count;

/// A log-scale slider: positions are powers of ten between `lo` and `hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogScale {
    pub lo: f64,
    pub hi: f64,
}

impl LogScale {
    /// The slider position showing `value` (values at or below zero sit at
    /// the low end).
    pub fn position(self, value: f64) -> f64 {
        if value > 0.0 && value.is_finite() {
            value.log10().clamp(self.lo, self.hi)
        } else {
            self.lo
        }
    }

    /// The value at slider `position`, rounded to what a person would type:
    /// whole numbers from 10 up, two significant digits below.
    pub fn value(self, position: f64) -> f64 {
        let x = 10f64.powf(position.clamp(self.lo, self.hi));
        if x >= 10.0 {
            x.round()
        } else {
            let unit = 10f64.powi(x.log10().floor() as i32 - 1);
            (x / unit).round() * unit
        }
    }
}

/// A typed number from 0 to `max`, read by the editor's one rule
/// (`engine::edit::parse_number`: thousands separators and a leading `$`
/// allowed, a decimal comma refused rather than read as a separator).
pub fn parse_number(text: &str, max: f64) -> Result<f64, String> {
    match edit::parse_number(text) {
        Ok(v) if (0.0..=max).contains(&v) => Ok(v),
        Ok(_) => Err(format!("Enter a number from 0 to {}.", count(max))),
        Err(_) if text.trim().is_empty() => Err("Enter a number.".into()),
        Err(InputError::DecimalComma) => Err(format!("{}.", InputError::DecimalComma)),
        Err(_) => Err(format!("\"{}\" is not a number.", text.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USERS: LogScale = LogScale { lo: 0.0, hi: 7.0 };

    #[test]
    fn positions_and_values_invert_at_round_numbers() {
        for v in [1.0, 10.0, 50.0, 1000.0, 10_000_000.0] {
            assert_eq!(USERS.value(USERS.position(v)), v);
        }
        assert_eq!(USERS.position(0.0), 0.0);
        assert_eq!(USERS.position(1e9), 7.0);
    }

    #[test]
    fn values_are_rounded_like_people_type_them() {
        assert_eq!(USERS.value(2.0_f64.log10() + 1.0), 20.0);
        assert_eq!(USERS.value(1.7), 50.0);
        let volume = LogScale { lo: -2.0, hi: 4.0 };
        assert_eq!(volume.value(-1.0), 0.1);
        assert_eq!(volume.value(0.5), 3.2);
        assert_eq!(volume.value(-5.0), 0.01);
    }

    #[test]
    fn typed_numbers_say_what_is_wrong() {
        assert_eq!(parse_number(" 1,200 ", 1e12), Ok(1200.0));
        assert_eq!(parse_number("", 10.0), Err("Enter a number.".into()));
        assert_eq!(
            parse_number("abc", 10.0),
            Err("\"abc\" is not a number.".into())
        );
        assert_eq!(
            parse_number("-1", 10.0),
            Err("Enter a number from 0 to 10.".into())
        );
        assert_eq!(
            parse_number("inf", 10.0),
            Err("\"inf\" is not a number.".into())
        );
        assert_eq!(
            parse_number("NaN", 10.0),
            Err("\"NaN\" is not a number.".into())
        );
    }

    #[test]
    fn a_decimal_comma_is_refused_like_the_editor_refuses_it() {
        // "0,5" would otherwise become 5: ten times what a European
        // reader meant.
        assert_eq!(
            parse_number("0,5", 10.0),
            Err("Use a point for decimals (0.5); a comma only groups thousands (1,200).".into())
        );
        assert_eq!(parse_number("$1,200.5", 1e6), Ok(1200.5));
        assert_eq!(parse_number("12,000,000", 1e12), Ok(12e6));
    }
}
