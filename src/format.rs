//! How Burnrate writes numbers for people: money with thousands separators
//! and a precision that suits its size ($0.0085 per action, $15,300 a
//! month), counts, shares and durations. The page, the command line and the
//! engine's messages all format through here, so a figure reads the same
//! everywhere. Pure Rust; no web crates.

/// Dollars: no cents from $1,000 up, cents from $1, and two significant
/// digits below a cent so that small per-action costs stay readable.
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_owned();
    }
    let sign = if x < 0.0 { "−" } else { "" };
    let a = x.abs();
    let body = if a == 0.0 {
        "0".to_owned()
    } else if a >= 1000.0 {
        grouped(a, 0)
    } else if a >= 0.995 {
        grouped(a, 2)
    } else {
        cents_at_least(significant(a, 2))
    };
    format!("{sign}${body}")
}

/// A list price exactly as given, with at least cents: `$2.50`, `$0.075`,
/// `$0.167` (catalog prices must not be rounded away).
pub fn price(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_owned();
    }
    let sign = if x < 0.0 { "−" } else { "" };
    format!("{sign}${}", cents_at_least(x.abs().to_string()))
}

/// Whole numbers from 100 up, at most two decimals below, separators in
/// thousands: `12,345`, `2.5`, `0.04`.
pub fn count(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_owned();
    }
    let sign = if x < 0.0 { "−" } else { "" };
    let a = x.abs();
    let body = if a >= 100.0 || a == a.round() {
        grouped(a, 0)
    } else if a >= 0.01 {
        trim_zeros(grouped(a, 2))
    } else {
        significant(a, 2)
    };
    format!("{sign}{body}")
}

/// A share as a percentage with at most one decimal: `0.125` → `12.5%`.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return "—".to_owned();
    }
    let p = share * 100.0;
    let body = if p.abs() >= 100.0 {
        grouped(p.abs(), 0)
    } else if p != 0.0 && p.abs() < 1.0 {
        // 0.023 % is not 0 %: a small share keeps two significant digits.
        significant(p.abs(), 2)
    } else {
        trim_zeros(grouped(p.abs(), 1))
    };
    let sign = if p < 0.0 && body != "0" { "−" } else { "" };
    format!("{sign}{body}%")
}

/// A duration in the unit that reads best: `45 s`, `50 min`, `2.5 h`, `3 d`.
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "—".to_owned();
    }
    let (value, unit) = if seconds < 90.0 {
        (seconds, "s")
    } else if seconds < 90.0 * 60.0 {
        (seconds / 60.0, "min")
    } else if seconds < 48.0 * 3600.0 {
        (seconds / 3600.0, "h")
    } else {
        (seconds / 86_400.0, "d")
    };
    let digits = if value >= 10.0 { 0 } else { 1 };
    format!("{} {unit}", trim_zeros(grouped(value, digits)))
}

/// `a ≥ 0` rounded to `decimals`, with `,` between thousands.
fn grouped(a: f64, decimals: usize) -> String {
    let text = format!("{:.decimals$}", round_half_up(a, decimals));
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `0 < a < 1` with `digits` significant digits, trailing zeros dropped.
fn significant(a: f64, digits: i32) -> String {
    let magnitude = a.log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).clamp(0, 12) as usize;
    trim_zeros(format!("{:.decimals$}", round_half_up(a, decimals)))
}

/// Rounds the way people do on paper: the product `a·10^d` absorbs the
/// binary representation error (0.425 is stored as 0.42499…), so that
/// $0.425 shows as $0.43 like in the memos.
fn round_half_up(a: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let rounded = (a * scale).round() / scale;
    if rounded.is_finite() { rounded } else { a }
}

/// Pads `0.1` to `0.10`: an amount under a dollar shows at least cents.
fn cents_at_least(mut text: String) -> String {
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    if decimals == 0 {
        text.push('.');
    }
    for _ in decimals..2 {
        text.push('0');
    }
    text
}

fn trim_zeros(text: String) -> String {
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Short money for chart ticks: at most three significant digits and a
/// `k`, `M`, `B` or `T` suffix: `$0`, `$500`, `$1.5k`, `$2M`, `$0.25`.
pub fn compact_money(x: f64) -> String {
    compact(x, "$")
}

/// Short counts for chart ticks: at most three significant digits and a
/// `k`, `M`, `B` or `T` suffix: `1`, `10`, `1k`, `10k`, `2.5M`.
pub fn compact_count(x: f64) -> String {
    compact(x, "")
}

/// `x` to three significant digits with a thousands suffix, `unit` between
/// the sign and the digits.
fn compact(x: f64, unit: &str) -> String {
    if !x.is_finite() {
        return "—".to_owned();
    }
    // Round first, so that 999.7 becomes 1k rather than 1,000.
    let a = round_significant(x.abs(), 3);
    let sign = if x < 0.0 && a != 0.0 { "−" } else { "" };
    let body = if a == 0.0 {
        "0".to_owned()
    } else if a < 1.0 {
        significant(a, 3)
    } else {
        let (value, suffix) = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
            .into_iter()
            .find(|(size, _)| a >= *size)
            .map_or((a, ""), |(size, suffix)| (a / size, suffix));
        let decimals = if value >= 100.0 {
            0
        } else if value >= 10.0 {
            1
        } else {
            2
        };
        format!("{}{suffix}", trim_zeros(grouped(value, decimals)))
    };
    format!("{sign}{unit}{body}")
}

/// `a ≥ 0` rounded to `digits` significant digits.
fn round_significant(a: f64, digits: i32) -> f64 {
    if a == 0.0 || !a.is_finite() {
        return a;
    }
    let scale = 10f64.powi(digits - 1 - a.log10().floor() as i32);
    let rounded = (a * scale).round() / scale;
    if rounded.is_finite() { rounded } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_like_the_memos() {
        assert_eq!(money(0.0085), "$0.0085");
        assert_eq!(money(15_300.0), "$15,300");
        assert_eq!(money(510.0), "$510.00");
        assert_eq!(money(0.425), "$0.43");
        assert_eq!(money(0.000_51), "$0.00051");
        assert_eq!(money(1_234_567.89), "$1,234,568");
        assert_eq!(money(0.0), "$0");
        assert_eq!(money(-5.0), "−$5.00");
        assert_eq!(money(0.999), "$1.00");
        assert_eq!(money(0.1), "$0.10");
        assert_eq!(money(0.0006), "$0.0006");
        assert_eq!(money(f64::NAN), "—");
    }

    #[test]
    fn prices_keep_every_digit_and_show_cents() {
        assert_eq!(price(2.5), "$2.50");
        assert_eq!(price(0.075), "$0.075");
        assert_eq!(price(0.167), "$0.167");
        assert_eq!(price(10.0), "$10.00");
    }

    #[test]
    fn counts_group_thousands_and_drop_useless_decimals() {
        assert_eq!(count(10_000.0), "10,000");
        assert_eq!(count(2.5), "2.5");
        assert_eq!(count(4.36), "4.36");
        assert_eq!(count(1e9), "1,000,000,000");
        assert_eq!(count(0.004), "0.004");
        assert_eq!(count(3.0), "3");
    }

    #[test]
    fn percent_has_one_decimal_at_most() {
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(0.6), "60%");
        assert_eq!(percent(2.5), "250%");
        assert_eq!(percent(-0.05), "−5%");
        assert_eq!(percent(0.000_234), "0.023%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn durations_pick_a_readable_unit() {
        assert_eq!(duration(3000.0), "50 min");
        assert_eq!(duration(27.5), "28 s");
        assert_eq!(duration(3.0), "3 s");
        assert_eq!(duration(9000.0), "2.5 h");
        assert_eq!(duration(400_000.0), "4.6 d");
    }

    #[test]
    fn compact_money_reads_like_axis_ticks() {
        assert_eq!(compact_money(0.0), "$0");
        assert_eq!(compact_money(500.0), "$500");
        assert_eq!(compact_money(1500.0), "$1.5k");
        assert_eq!(compact_money(2e6), "$2M");
        assert_eq!(compact_money(12_345.0), "$12.3k");
        assert_eq!(compact_money(250_000.0), "$250k");
        assert_eq!(compact_money(999.7), "$1k");
        assert_eq!(compact_money(999_500.0), "$1M");
        assert_eq!(compact_money(1e12), "$1T");
        assert_eq!(compact_money(1.5e15), "$1,500T");
        assert_eq!(compact_money(0.25), "$0.25");
        assert_eq!(compact_money(0.005), "$0.005");
        assert_eq!(compact_money(12.5), "$12.5");
        assert_eq!(compact_money(-1500.0), "−$1.5k");
        assert_eq!(compact_money(-0.0), "$0");
        assert_eq!(compact_money(f64::NAN), "—");
        assert_eq!(compact_money(f64::INFINITY), "—");
    }

    #[test]
    fn compact_count_reads_like_axis_ticks() {
        let ticks = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e9];
        let labels = ticks.map(compact_count);
        assert_eq!(
            labels,
            ["1", "10", "100", "1k", "10k", "100k", "1M", "10M", "1B"]
        );
        assert_eq!(compact_count(2.5), "2.5");
        assert_eq!(compact_count(0.5), "0.5");
        assert_eq!(compact_count(20_000.0), "20k");
        assert_eq!(compact_count(1.000_000_000_2), "1");
        assert_eq!(compact_count(3_000.000_1), "3k");
        assert_eq!(compact_count(f64::NAN), "—");
    }
}
