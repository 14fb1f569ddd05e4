//! Text exports of a scenario and its report: the Markdown summary people
//! paste into a chat or a planning doc, the cost breakdown and chart data as
//! CSV for a spreadsheet, the scenario as pretty JSON, and the file names
//! and chart titles that go with them.
//!
//! Pure Rust, compiled natively and for the browser: it reads the engine's
//! `Scenario`, `Report` and `Plan` and formats through [`crate::format`]; it
//! computes no cost itself and must not touch `leptos`, `web_sys` or
//! `plotters`. The app only hands the strings to the clipboard or a download.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::engine::limits::LimitKind;
use crate::engine::report::Milestones;
use crate::engine::switch::ModelOption;
use crate::engine::{Plan, Report, Scenario, catalog};
use crate::format::{count, money, percent};

/// Largest scenario file the page imports, in bytes: far above any real
/// scenario (the same bound as a share link's decompressed JSON).
pub const MAX_IMPORT_BYTES: usize = crate::engine::link::MAX_JSON_BYTES;

/// What a summary calls a scenario without a name.
const UNNAMED: &str = "Untitled scenario";

/// The header of [`breakdown_csv`].
pub const BREAKDOWN_HEADER: &str = "feature,step,kind,model,runs,cost_per_action,monthly_cost";

/// The header of [`projection_csv`].
pub const PROJECTION_HEADER: &str = "month,users,new_users,monthly_cost,revenue_monthly,\
cumulative_cash,peak_limit_utilisation,over_budget,milestones";

/// The header of [`crossover_csv`].
pub const CROSSOVER_HEADER: &str = "users,api_monthly,self_hosted_monthly,gpus";

/// The header of [`models_csv`]: `burnrate compare --json`'s field names.
pub const MODELS_HEADER: &str =
    "model,provider,context_tokens,monthly_cost,cost_per_action,saving,is_current";

/// Sweep points of [`spend_csv`] are kept between these counts.
const SPEND_POINTS: (usize, usize) = (2, 1000);

/// The key figures as a Markdown table: the scenario, its users and costs,
/// break-even, margin, rate-limit use and runway, one row per feature with
/// its monthly cost, and the price catalog the numbers come from.
pub fn summary_markdown(s: &Scenario, r: &Report) -> String {
    let mut rows: Vec<(String, String)> = vec![
        ("Users".into(), count(r.users)),
        ("Monthly cost".into(), money(r.monthly_cost)),
        (
            "Cost per action".into(),
            format!("{} per billed action", money(r.cost_per_action)),
        ),
        (
            "Cost per user".into(),
            r.cost_per_user
                .map_or("— (no users)".into(), |c| format!("{} a month", money(c))),
        ),
        (
            "Break-even users".into(),
            match (r.break_even_users, &r.break_even_reason) {
                (Some(u), _) => count(u as f64),
                (None, Some(why)) => format!("never: {why}"),
                (None, None) => "never".into(),
            },
        ),
        (
            "Break-even price".into(),
            match (r.break_even_price, r.break_even_price_at_margin) {
                (Some(p), Some(m)) if m != p => format!(
                    "{} per paying user a month ({} at the target margin)",
                    money(p),
                    money(m)
                ),
                (Some(p), _) => format!("{} per paying user a month", money(p)),
                (None, _) => "— (no paying users)".into(),
            },
        ),
        (
            "Gross margin".into(),
            r.gross_margin.map_or("— (no revenue)".into(), |m| {
                format!("{} on {} revenue", percent(m), money(r.revenue_monthly))
            }),
        ),
        (
            "Peak RPM use".into(),
            if r.pools
                .iter()
                .any(|p| p.utilisation(LimitKind::Rpm).is_some())
            {
                percent(r.peak_rpm_utilisation)
            } else {
                "— (no RPM limit set)".into()
            },
        ),
        (
            "Busiest rate limit".into(),
            r.binding_limit.as_ref().map_or_else(
                || "— (no rate limit set)".into(),
                |name| format!("{} ({name})", percent(r.peak_limit_utilisation)),
            ),
        ),
        (
            "Runway".into(),
            r.runway_days.map_or_else(
                || format!("— ({})", r.runway_reason.as_deref().unwrap_or_default()),
                |d| format!("{} days", count(d)),
            ),
        ),
    ];
    rows.extend(r.never_fits.iter().map(|n| {
        (
            format!("Never fits: {} / {}", n.feature, n.step),
            n.reason.clone(),
        )
    }));
    rows.extend(r.features.iter().enumerate().map(|(i, f)| {
        let name = if f.name.trim().is_empty() {
            format!("Feature {}", i + 1)
        } else {
            f.name.clone()
        };
        (
            format!("Feature: {name}"),
            format!("{} a month", money(f.monthly_cost)),
        )
    }));

    let name = if s.name.trim().is_empty() {
        UNNAMED
    } else {
        s.name.as_str()
    };
    let mut out = String::new();
    let _ = writeln!(out, "| Scenario | {} |", markdown_cell(name));
    out.push_str("| --- | --- |\n");
    for (label, value) in &rows {
        let _ = writeln!(
            out,
            "| {} | {} |",
            markdown_cell(label),
            markdown_cell(value)
        );
    }
    let _ = write!(
        out,
        "\nPrices as of {} ({}).",
        catalog::SNAPSHOT_DATE,
        catalog::SNAPSHOT_ID
    );
    if let Some(made_with) = s.catalog.as_deref().filter(|c| *c != catalog::SNAPSHOT_ID) {
        let _ = write!(
            out,
            " The scenario was made with {}.",
            markdown_cell(made_with)
        );
    }
    out.push('\n');
    out
}

/// Text that stays inside one Markdown table cell: pipes escaped, line
/// breaks and other control characters turned into spaces.
fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        match ch {
            '|' => out.push_str("\\|"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The cost breakdown as CSV ([`BREAKDOWN_HEADER`]): one row per step of
/// every feature, then one row per fixed cost. A fixed cost has an empty
/// `feature`, its name under `step`, `fixed_flat`, `fixed_per_user` or
/// `fixed_stepped` as `kind`, and no `model`, `runs` or `cost_per_action`.
/// Numbers are unformatted (every digit, `.` for decimals), money in USD.
pub fn breakdown_csv(r: &Report) -> String {
    let mut out = String::new();
    push_record(&mut out, BREAKDOWN_HEADER.split(',').map(Cow::Borrowed));
    for f in &r.features {
        for st in &f.steps {
            push_record(
                &mut out,
                [
                    text_field(&f.name),
                    text_field(&st.name),
                    text_field(st.kind),
                    text_field(st.model.as_deref().unwrap_or_default()),
                    number(st.runs).into(),
                    number(st.cost_per_action).into(),
                    number(st.monthly_cost).into(),
                ],
            );
        }
    }
    for c in &r.fixed_costs {
        push_record(
            &mut out,
            [
                Cow::Borrowed(""),
                text_field(&c.name),
                format!("fixed_{}", c.kind).into(),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                number(c.monthly_cost).into(),
            ],
        );
    }
    out
}

/// The spend chart's data as CSV: at `points` user counts (2 to 1000) over
/// the chart's range — a decade either side of the plan's users, at least
/// 1 to 100 — the users, each feature's variable monthly cost (a column
/// `variable: NAME` per feature), then `onboarding`, `fixed`, `total` and
/// `revenue`, all monthly USD.
pub fn spend_csv(plan: &Plan, points: usize) -> String {
    let (lo, hi) = spend_range(plan.users());
    let sweep = plan.sweep(lo, hi, points.clamp(SPEND_POINTS.0, SPEND_POINTS.1));
    let mut out = String::new();
    let features = plan.features.iter().enumerate().map(|(i, f)| {
        let name = if f.name.trim().is_empty() {
            format!("Feature {}", i + 1)
        } else {
            f.name.clone()
        };
        text_field(&format!("variable: {name}")).into_owned().into()
    });
    let header = std::iter::once(Cow::Borrowed("users"))
        .chain(features)
        .chain(["onboarding", "fixed", "total", "revenue"].map(Cow::Borrowed));
    push_record(&mut out, header);
    for p in &sweep {
        let c = &p.costs;
        let row = std::iter::once(c.users)
            .chain(p.feature_variable.iter().copied())
            .chain([
                c.onboarding_monthly,
                c.fixed_monthly,
                c.monthly_cost,
                c.revenue_monthly,
            ])
            .map(|x| Cow::Owned(number(x)));
        push_record(&mut out, row);
    }
    out
}

/// One milestone of the projection: its key (the report's field name
/// without `_month`), its name on the page and the month it falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub key: &'static str,
    pub label: &'static str,
    pub month: Option<u32>,
}

/// The projection's milestones in the report's order: break-even,
/// payback, the first month over a rate limit, the first over budget. The
/// page's table, the projection chart and [`projection_csv`] name them so.
pub fn milestones(m: &Milestones) -> [Milestone; 4] {
    let at = |key, label, month| Milestone { key, label, month };
    [
        at("break_even", "Break-even", m.break_even_month),
        at("payback", "Payback", m.payback_month),
        at("limit", "Over a limit", m.limit_month),
        at("budget", "Over budget", m.budget_month),
    ]
}

/// The self-hosting chart's data as CSV ([`CROSSOVER_HEADER`]), for the
/// first self-hosted model of `s` with a crossover (`plan` is `s`
/// compiled): the default steps' monthly cost in USD on its API model and
/// on its own GPUs, and the GPUs, at the chart's user counts (every GPU
/// step twice: the last users on `n` GPUs, then the first on `n + 1`).
/// The file name says which models; `None` when no self-hosted model has a
/// crossover to show.
pub fn crossover_csv(plan: &Plan, s: &Scenario) -> Option<(String, String, String)> {
    let (model, versus, lines) = plan.first_crossover(s)?;
    let points = lines.points(s.users.max(0.0), lines.crossover().ok());
    let mut out = String::new();
    push_record(&mut out, CROSSOVER_HEADER.split(',').map(Cow::Borrowed));
    for p in points {
        push_record(
            &mut out,
            [
                p.users,
                p.api_monthly,
                p.self_hosted_monthly,
                f64::from(p.gpus),
            ]
            .map(|x| Cow::Owned(number(x))),
        );
    }
    Some((model, versus, out))
}

/// The projection table as CSV ([`PROJECTION_HEADER`]): one row per month
/// of the report's projection, month 0 being today. Money in USD a month
/// (cumulative cash: the running sum of revenue minus cost), the largest
/// rate-limit utilisation as a share, `over_budget` as `true` or `false`,
/// and `milestones` the keys of [`milestones`] that fall in the month,
/// separated by spaces.
pub fn projection_csv(r: &Report) -> String {
    let marks = milestones(&r.milestones);
    let mut out = String::new();
    push_record(&mut out, PROJECTION_HEADER.split(',').map(Cow::Borrowed));
    for m in &r.projection {
        let here: Vec<&str> = marks
            .iter()
            .filter(|k| k.month == Some(m.month))
            .map(|k| k.key)
            .collect();
        let numbers = [
            f64::from(m.month),
            m.users,
            m.new_users,
            m.monthly_cost,
            m.revenue_monthly,
            m.cumulative_cash,
            m.peak_limit_utilisation,
        ];
        let flag = if m.over_budget { "true" } else { "false" };
        push_record(
            &mut out,
            numbers
                .into_iter()
                .map(|x| Cow::Owned(number(x)))
                .chain([Cow::Borrowed(flag), Cow::Owned(here.join(" "))]),
        );
    }
    out
}

/// The model comparison as CSV ([`MODELS_HEADER`]): one row per option in
/// the order given (`Plan::model_options` gives the cheapest first, after
/// the page's filters), with `burnrate compare --json`'s fields: the model
/// id and its provider, the context window in tokens (empty when the
/// catalog does not say), the scenario's monthly cost and cost per billed
/// action on that model in USD, the saving against today's monthly cost
/// (negative: it costs more) and whether it is today's default model
/// (`true` or `false`).
pub fn models_csv(options: &[ModelOption]) -> String {
    let mut out = String::new();
    push_record(&mut out, MODELS_HEADER.split(',').map(Cow::Borrowed));
    for o in options {
        push_record(
            &mut out,
            [
                text_field(&o.model),
                text_field(&o.provider),
                o.context_tokens
                    .map_or(Cow::Borrowed(""), |c| c.to_string().into()),
                number(o.monthly_cost).into(),
                number(o.cost_per_action).into(),
                number(o.saving).into(),
                Cow::Borrowed(if o.is_current { "true" } else { "false" }),
            ],
        );
    }
    out
}

/// The users range of the spend chart (`chart::spend`'s `LogX::around`): a
/// decade either side of `users`, at least 1 to 100, at most 1e11.
fn spend_range(users: f64) -> (f64, f64) {
    const USERS_LIMIT: f64 = 1e11;
    let centre = if users.is_finite() {
        users.clamp(1.0, USERS_LIMIT / 10.0)
    } else {
        1.0
    };
    (
        (centre / 10.0).max(1.0),
        (centre * 10.0).clamp(100.0, USERS_LIMIT),
    )
}

/// The scenario as pretty JSON, the file a user keeps and imports again.
/// Like a share link it is frozen at today's prices (`engine::freeze`), so a
/// file kept for months still gives the figures it gave when saved.
pub fn scenario_json(s: &Scenario) -> String {
    let frozen = crate::engine::freeze_prices(s);
    let mut text = indent_json(&serde_json::to_string(&frozen).unwrap_or_default());
    text.push('\n');
    text
}

/// Compact JSON re-indented by two spaces, exactly as
/// `serde_json::to_string_pretty` writes it. The page already serialises
/// scenarios compactly (links, storage); a second, pretty serialiser would
/// add its own copy of every `Serialize` impl to the wasm.
fn indent_json(compact: &str) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    let mut out = String::with_capacity(compact.len() * 3 / 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_string {
            out.push(ch);
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            '{' | '[' => {
                out.push(ch);
                // An empty object or array stays on its line: `[]`.
                match chars.next_if(|c| *c == '}' || *c == ']') {
                    Some(close) => out.push(close),
                    None => {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(ch);
            }
            ',' => {
                out.push(ch);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// A file name for an export of the scenario called `name`:
/// `burnrate-<slug>` plus `suffix` (`"-breakdown.csv"`, `".json"`).
pub fn file_name(name: &str, suffix: &str) -> String {
    format!("burnrate-{}{suffix}", slug(name))
}

/// `name` as a file-name part: lower-case ASCII letters and digits, words
/// joined by `-`, at most 60 characters; `scenario` when nothing is left.
pub fn slug(name: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut out = String::new();
    let mut dash = false;
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(ch.to_ascii_lowercase());
            if out.len() >= MAX_CHARS {
                break;
            }
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "scenario".into()
    } else {
        out
    }
}

/// The header of an exported chart: `"CHART — NAME — DATE — prices as of
/// SNAPSHOT_DATE"`, so that a chart pasted into a deck says what it shows
/// and how old its prices are.
pub fn chart_title(chart: &str, name: &str, date: &str) -> String {
    let name = if name.trim().is_empty() {
        UNNAMED
    } else {
        name.trim()
    };
    format!(
        "{chart} — {name} — {date} — prices as of {}",
        catalog::SNAPSHOT_DATE
    )
}

/// Appends one CSV record (RFC 4180, CRLF line ends).
fn push_record<'a>(out: &mut String, fields: impl IntoIterator<Item = Cow<'a, str>>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field);
    }
    out.push_str("\r\n");
}

/// A text value as one CSV field: quoted when it holds a comma, a quote or
/// a line break (quotes doubled), and prefixed with `'` when a spreadsheet
/// would read it as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return): names come from shared links, which anyone can
/// write.
fn text_field(text: &str) -> Cow<'_, str> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([',', '"', '\n', '\r']);
    if !formula && !quote {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for ch in text.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    if quote {
        out.push('"');
    }
    Cow::Owned(out)
}

/// A number for a CSV field: every digit, empty when not finite.
fn number(x: f64) -> String {
    if x.is_finite() {
        // `-0` would read as a formula guard's business; write plain 0.
        if x == 0.0 { "0".into() } else { x.to_string() }
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::{FixedCost, FixedKind, Step};
    use crate::engine::{decode, presets};

    fn preset(id: &str) -> (Scenario, Plan, Report) {
        let p = presets::all()
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("no preset {id}"));
        let s = p.scenario();
        let plan = Plan::new(&s).expect("presets are valid");
        let r = plan.report(&s);
        (s, plan, r)
    }

    /// Splits CSV text into records of fields, honouring quotes: the reader
    /// a spreadsheet would be.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (quoted, ch) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                (false, c) => field.push(c),
            }
        }
        assert!(!quoted, "unterminated quote");
        assert!(field.is_empty() && record.is_empty(), "no final line end");
        records
    }

    #[test]
    fn summary_has_every_key_figure_and_feature() {
        let (s, _, r) = preset("coaching-chat");
        let md = summary_markdown(&s, &r);
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], format!("| Scenario | {} |", s.name));
        assert_eq!(lines[1], "| --- | --- |");
        for label in [
            "Users",
            "Monthly cost",
            "Cost per action",
            "Cost per user",
            "Break-even users",
            "Break-even price",
            "Gross margin",
            "Peak RPM use",
            "Busiest rate limit",
            "Runway",
        ] {
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with(&format!("| {label} | "))),
                "no {label} row in\n{md}"
            );
        }
        assert!(md.contains(&format!("| Monthly cost | {} |", money(r.monthly_cost))));
        assert!(md.contains(&format!("| Users | {} |", count(r.users))));
        for f in &r.features {
            let row = format!(
                "| Feature: {} | {} a month |",
                f.name,
                money(f.monthly_cost)
            );
            assert!(md.contains(&row), "no {row:?} in\n{md}");
        }
        let table_rows = lines.iter().take_while(|l| l.starts_with('|')).count();
        assert_eq!(table_rows, 2 + 10 + r.features.len());
        assert!(md.trim_end().ends_with(&format!(
            "Prices as of {} ({}).",
            catalog::SNAPSHOT_DATE,
            catalog::SNAPSHOT_ID
        )));
    }

    #[test]
    fn summary_says_why_there_is_no_break_even() {
        let (s, _, r) = preset("marketing-posts");
        let why = r
            .break_even_reason
            .clone()
            .expect("the memo has no pricing");
        let md = summary_markdown(&s, &r);
        assert!(
            md.contains(&format!("| Break-even users | never: {why} |")),
            "{md}"
        );
        assert!(md.contains("| Gross margin | — (no revenue) |"), "{md}");
        assert!(
            md.contains("| Runway | — (no credit balance set) |"),
            "{md}"
        );
        // A credit balance that nothing draws on is not "no credit".
        let (mut s, _, _) = preset("marketing-posts");
        s.budget.credit_balance = Some(100.0);
        s.users = 0.0;
        let r = Plan::new(&s).expect("valid").report(&s);
        let md = summary_markdown(&s, &r);
        assert!(
            md.contains("| Runway | — (no usage spend draws on the credit) |"),
            "{md}"
        );
    }

    #[test]
    fn summary_cells_cannot_break_the_table() {
        let mut s = Scenario {
            name: "A | B\nC".into(),
            users: 10.0,
            ..Scenario::default()
        };
        s.features.push(crate::engine::scenario::Feature::new(
            "Pipe|feature",
            1.0,
            vec![Step::flat("Call", 0.01)],
        ));
        // Validation refuses line breaks in names; the table must hold even
        // so, so the report is made without it.
        let r = Plan::compile(&s).report(&s);
        let md = summary_markdown(&s, &r);
        let first = md.lines().next().unwrap_or_default();
        assert_eq!(first, "| Scenario | A \\| B C |");
        assert!(
            md.contains("| Feature: Pipe\\|feature | $3.00 a month |"),
            "{md}"
        );
        let empty = Scenario::default();
        let r = Plan::new(&empty).expect("valid").report(&empty);
        assert!(summary_markdown(&empty, &r).starts_with("| Scenario | Untitled scenario |"));
    }

    #[test]
    fn breakdown_has_a_row_per_step_and_fixed_cost() {
        for p in presets::all() {
            let (_, _, r) = preset(p.id);
            let csv = breakdown_csv(&r);
            let records = parse_csv(&csv);
            assert_eq!(records[0].join(","), BREAKDOWN_HEADER, "{}", p.id);
            let steps: usize = r.features.iter().map(|f| f.steps.len()).sum();
            assert_eq!(records.len(), 1 + steps + r.fixed_costs.len(), "{}", p.id);
            assert!(records.iter().all(|rec| rec.len() == 7), "{}", p.id);
            // The monthly costs add up to the report's.
            let total: f64 = records[1..]
                .iter()
                .map(|rec| rec[6].parse::<f64>().expect("a number"))
                .sum();
            let want = r.monthly_cost;
            assert!(
                (total - want).abs() <= 1e-9 * want.max(1.0),
                "{}: {total} vs {want}",
                p.id
            );
        }
    }

    #[test]
    fn breakdown_quotes_names_with_commas_quotes_and_line_breaks() {
        let s = Scenario {
            users: 100.0,
            features: vec![crate::engine::scenario::Feature::new(
                "Chat, \"pro\"",
                2.0,
                vec![Step::flat("Line\nbreak", 0.5), Step::flat("=SUM(A1)", 0.25)],
            )],
            fixed_costs: vec![FixedCost {
                name: "Hosting, EU".into(),
                kind: FixedKind::PerUser,
                monthly: 0.1,
                users_per_unit: None,
            }],
            ..Scenario::default()
        };
        // Validation refuses line breaks in names; CSV must hold them even
        // so, so the report is made without it.
        let r = Plan::compile(&s).report(&s);
        let csv = breakdown_csv(&r);
        assert!(
            csv.contains("\"Chat, \"\"pro\"\"\",\"Line\nbreak\",flat,,1,0.5,3000\r\n"),
            "{csv}"
        );
        let records = parse_csv(&csv);
        assert_eq!(records.len(), 4);
        assert_eq!(records[1][0], "Chat, \"pro\"");
        assert_eq!(records[1][1], "Line\nbreak");
        assert_eq!(records[2][1], "'=SUM(A1)", "a formula is not run");
        assert_eq!(
            records[3],
            ["", "Hosting, EU", "fixed_per_user", "", "", "", "10"]
        );
    }

    #[test]
    fn text_fields_are_left_alone_when_safe() {
        assert_eq!(text_field("Caption"), "Caption");
        assert_eq!(text_field(""), "");
        assert_eq!(text_field("a\"b"), "\"a\"\"b\"");
        assert_eq!(text_field("-1, then"), "\"'-1, then\"");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
    }

    #[test]
    fn spend_csv_follows_the_sweep() {
        let (_, plan, r) = preset("coaching-chat");
        let csv = spend_csv(&plan, 25);
        let records = parse_csv(&csv);
        assert_eq!(records.len(), 26);
        let header = &records[0];
        assert_eq!(header[0], "users");
        assert_eq!(header.len(), 1 + r.features.len() + 4);
        assert_eq!(
            &header[header.len() - 4..],
            ["onboarding", "fixed", "total", "revenue"]
        );
        assert_eq!(header[1], format!("variable: {}", r.features[0].name));
        let users: Vec<f64> = records[1..]
            .iter()
            .map(|rec| rec[0].parse().expect("users"))
            .collect();
        assert_eq!(users[0], (r.users / 10.0).max(1.0));
        assert_eq!(users[24], (r.users * 10.0).max(100.0));
        assert!(users.windows(2).all(|w| w[0] < w[1]));
        for rec in &records[1..] {
            let v: Vec<f64> = rec.iter().map(|x| x.parse().expect("a number")).collect();
            let n = v.len();
            let parts: f64 = v[1..n - 2].iter().sum();
            assert!(
                (parts - v[n - 2]).abs() <= 1e-9 * v[n - 2].max(1.0),
                "{rec:?}"
            );
        }
        assert_eq!(
            parse_csv(&spend_csv(&plan, 0)).len(),
            3,
            "at least two points"
        );
    }

    #[test]
    fn projection_csv_has_a_row_per_month_with_its_milestones() {
        for p in presets::all() {
            let (_, _, r) = preset(p.id);
            let records = parse_csv(&projection_csv(&r));
            assert_eq!(records[0].join(","), PROJECTION_HEADER, "{}", p.id);
            assert_eq!(records.len(), r.projection.len() + 1, "{}", p.id);
            for (rec, m) in records[1..].iter().zip(&r.projection) {
                let n = |i: usize| rec[i].parse::<f64>().expect("a number");
                assert_eq!(rec.len(), 9, "{}", p.id);
                assert_eq!(n(0), f64::from(m.month));
                assert_eq!(
                    [n(1), n(2), n(3), n(4), n(5), n(6)],
                    [
                        m.users,
                        m.new_users,
                        m.monthly_cost,
                        m.revenue_monthly,
                        m.cumulative_cash,
                        m.peak_limit_utilisation
                    ],
                    "{} month {}",
                    p.id,
                    m.month
                );
                assert_eq!(rec[7], m.over_budget.to_string());
                // Every milestone appears in exactly its own month.
                for k in milestones(&r.milestones) {
                    let marked = rec[8].split(' ').any(|x| x == k.key);
                    assert_eq!(marked, k.month == Some(m.month), "{} {}", p.id, k.key);
                }
            }
        }
    }

    #[test]
    fn crossover_csv_has_both_lines_at_every_gpu_step() {
        let (s, plan, r) = preset("product-tagging");
        let (model, versus, csv) = crossover_csv(&plan, &s).expect("a self-hosted model");
        let c = r.self_hosted[0].crossover.as_ref().expect("crossover");
        assert_eq!(Some(versus.as_str()), c.versus.as_deref());
        assert_eq!(model, r.self_hosted[0].model);
        let records = parse_csv(&csv);
        assert_eq!(records[0].join(","), CROSSOVER_HEADER);
        let (_, lines) = plan
            .crossover_lines(&s, &model)
            .expect("default steps")
            .expect("lines");
        let mut last_users = -1.0;
        for rec in &records[1..] {
            let n: Vec<f64> = rec.iter().map(|x| x.parse().expect("a number")).collect();
            assert!(n[0] >= last_users, "ascending users");
            last_users = n[0];
            assert_eq!(n[1], lines.api_at(n[0]));
        }
        // The end is past the crossover and today's users.
        assert!(last_users >= c.users.expect("a crossover") && last_users >= s.users);
        // With no self-hosted model there is nothing to write.
        let (s, plan, _) = preset("coaching-chat");
        assert_eq!(crossover_csv(&plan, &s), None);
    }

    #[test]
    fn projection_csv_marks_shared_months_and_negative_cash() {
        let (s, _, _) = preset("coaching-chat");
        let mut r = Plan::new(&s).expect("valid").report(&s);
        r.milestones = Milestones {
            break_even_month: Some(2),
            payback_month: Some(2),
            limit_month: None,
            budget_month: Some(0),
        };
        r.projection[0].cumulative_cash = -12.5;
        let records = parse_csv(&projection_csv(&r));
        assert_eq!(records[1][8], "budget");
        assert_eq!(
            records[1][5], "-12.5",
            "negative cash is a number, not a formula"
        );
        assert_eq!(records[2][8], "");
        assert_eq!(records[3][8], "break_even payback");
        let keys: Vec<&str> = milestones(&r.milestones).iter().map(|k| k.key).collect();
        assert_eq!(keys, ["break_even", "payback", "limit", "budget"]);
    }

    #[test]
    fn models_csv_is_the_comparison_row_by_row() {
        use crate::engine::switch::ModelFilter;
        let filters = [
            ModelFilter::default(),
            ModelFilter {
                provider: Some("anthropic".into()),
                min_context_tokens: Some(200_000),
                text: "SONNET".into(),
            },
        ];
        for p in presets::all() {
            let (s, plan, _) = preset(p.id);
            for filter in &filters {
                let options = plan.model_options(&s, filter);
                let records = parse_csv(&models_csv(&options));
                assert_eq!(records[0].join(","), MODELS_HEADER);
                assert_eq!(records.len(), options.len() + 1, "{}", p.id);
                for (o, r) in options.iter().zip(&records[1..]) {
                    assert_eq!(r[0], o.model, "{}", p.id);
                    assert_eq!(r[1], o.provider);
                    assert_eq!(
                        r[2],
                        o.context_tokens.map(|c| c.to_string()).unwrap_or_default()
                    );
                    let numbers: Vec<f64> = r[3..6]
                        .iter()
                        .map(|x| x.parse().expect("a number"))
                        .collect();
                    assert_eq!(numbers, [o.monthly_cost, o.cost_per_action, o.saving]);
                    assert_eq!(r[6], o.is_current.to_string());
                }
                assert_eq!(
                    records[1..].iter().filter(|r| r[6] == "true").count(),
                    usize::from(options.iter().any(|o| o.is_current)),
                );
            }
        }
        // A custom model's id comes from a link: quoted and never a formula.
        let s = decode(
            r#"{"version": 2, "users": 10, "default_model": "=cmd,1",
                "custom_models": [{"id": "=cmd,1", "provider": "acme",
                                   "input_per_mtok": 1, "output_per_mtok": 2}],
                "features": [{"name": "Chat", "per_user_per_day": 1,
                  "steps": [{"kind": "llm", "model": "default",
                             "input_tokens": 100, "output_tokens": 10}]}]}"#,
        )
        .expect("valid");
        let plan = Plan::new(&s).expect("valid");
        let options = plan.model_options(&s, &ModelFilter::default());
        let text = models_csv(&options);
        assert!(text.contains("\"'=cmd,1\",acme,,"), "{text}");
        assert!(parse_csv(&text).iter().all(|r| r.len() == 7));
    }

    #[test]
    fn json_is_indented_like_serde_json_pretty() {
        let mut scenarios: Vec<Scenario> = presets::all().iter().map(|p| p.scenario()).collect();
        scenarios.push(Scenario {
            name: "Quotes \" and \\ braces {[,:]} \u{1f4b8}".into(),
            ..Scenario::default()
        });
        for s in &scenarios {
            let want = serde_json::to_string_pretty(s).expect("serialises");
            assert_eq!(
                indent_json(&serde_json::to_string(s).expect("serialises")),
                want
            );
        }
        assert_eq!(
            indent_json(r#"{"a":[],"b":{},"c":[1,{"d":"\\\""}]}"#),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \"\\\\\\\"\"\n    }\n  ]\n}"
        );
    }

    #[test]
    fn scenario_json_decodes_to_the_frozen_scenario() {
        for p in presets::all() {
            let s = p.scenario();
            let json = scenario_json(&s);
            assert!(json.contains("\n  \"version\": 2"), "{}: pretty", p.id);
            assert!(
                json.contains(&format!("\n  \"catalog\": \"{}\"", catalog::SNAPSHOT_ID)),
                "{}: names its catalog",
                p.id
            );
            let mut read = decode(&json).expect("decodes");
            assert_eq!(read, crate::engine::freeze_prices(&s), "{}", p.id);
            crate::engine::thaw_prices(&mut read);
            assert_eq!(read.custom_models, s.custom_models, "{}", p.id);
        }
    }

    #[test]
    fn slugs_and_file_names() {
        assert_eq!(slug("Marketing posts"), "marketing-posts");
        assert_eq!(
            slug("  Coaching chat (v2) — draft!  "),
            "coaching-chat-v2-draft"
        );
        assert_eq!(slug("Ünïcode ßtuff"), "n-code-tuff");
        assert_eq!(slug(""), "scenario");
        assert_eq!(slug("—"), "scenario");
        assert_eq!(slug(&"x".repeat(500)).len(), 60);
        assert_eq!(file_name("Inbox", ".json"), "burnrate-inbox.json");
        assert_eq!(
            file_name("Inbox", "-breakdown.csv"),
            "burnrate-inbox-breakdown.csv"
        );
    }

    #[test]
    fn chart_titles_name_the_scenario_date_and_prices() {
        assert_eq!(
            chart_title("Monthly spend", "Inbox", "2026-01-31"),
            format!(
                "Monthly spend — Inbox — 2026-01-31 — prices as of {}",
                catalog::SNAPSHOT_DATE
            )
        );
        assert!(chart_title("Break-even", " ", "d").contains("— Untitled scenario —"));
    }
}
