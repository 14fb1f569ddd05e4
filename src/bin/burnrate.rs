//! `burnrate`: the command line over the shared cost engine.
//!
//! `burnrate eval FILE|URL [--json]` prints a scenario's report; `presets`
//! lists and prints the built-in scenarios; `catalog [TEXT]` lists model
//! prices; `tiers` lists the published rate-limit tiers and applies one.
//! Exit status: 0 fine, 2 bad input (the messages name the field), 3 the
//! budget's monthly cap is exceeded or a request can never fit its limits
//! (the report is still printed, so a team can run it as a check in CI).

use std::io::Read as _;
use std::process::ExitCode;

use burnrate::engine::capacity::PoolLoad;
use burnrate::engine::switch::ModelFilter;
use burnrate::engine::{self, Report, Scenario, catalog, limit_tiers, link, presets};
use burnrate::format::{count, duration, money, percent, price};

const USAGE: &str = "\
burnrate — cost and capacity planner for products on paid AI APIs

Usage:
  burnrate eval FILE|URL [--json]   report for a scenario file (- for stdin) or share link
  burnrate presets [ID]             list the built-in scenarios, or print one as JSON
  burnrate catalog [TEXT]           list catalog models (whose id or provider contains TEXT)
  burnrate link FILE|URL            print the scenario's share-link fragment (#s=…)
  burnrate compare FILE|URL [--provider P] [--min-context N] [--search TEXT] [--json]
                                    the scenario's default-model steps on every chat model,
                                    cheapest first
  burnrate tiers [PROVIDER]         list the published rate-limit tiers (with sources)
  burnrate tiers ID [FILE|URL]      print tier ID's limits as JSON, or the scenario
                                    with its limits for that provider replaced by them
  burnrate --help | --version

Exit status: 0 ok, 2 bad input, 3 monthly budget cap exceeded or a request
that can never fit its model's context window or a per-minute token limit.";

/// Writes a line to standard output. When the reader has gone away (a
/// pipe into `head`), stops quietly like other command line tools instead
/// of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        write_line(format_args!($($arg)*))
    };
}

fn write_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_fmt(line)
        .and_then(|()| stdout.write_all(b"\n"))
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("burnrate: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// Exit status for input that cannot be read or is not a valid scenario.
const BAD_INPUT: u8 = 2;
/// Exit status when the report shows the monthly cap exceeded, or a request
/// that can never succeed.
const OVER_BUDGET: u8 = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("burnrate: {message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn run(args: &[&str]) -> Result<u8, String> {
    match args {
        [] | ["--help" | "-h" | "help"] => {
            out!("{USAGE}");
            Ok(0)
        }
        ["--version" | "-V"] => {
            out!(
                "burnrate {} (prices: {}, {})",
                env!("CARGO_PKG_VERSION"),
                catalog::SNAPSHOT_ID,
                catalog::SNAPSHOT_DATE
            );
            Ok(0)
        }
        ["eval", rest @ ..] => {
            let json = rest.contains(&"--json");
            let inputs: Vec<&&str> = rest.iter().filter(|a| **a != "--json").collect();
            match inputs.as_slice() {
                [input] => eval(input, json),
                _ => Err(format!("eval takes one FILE or URL\n\n{USAGE}")),
            }
        }
        ["presets"] => {
            for p in presets::all() {
                out!("{:<18} {}", p.id, p.title);
            }
            Ok(0)
        }
        ["presets", id] => {
            let p = presets::find(id).ok_or_else(|| {
                let ids: Vec<&str> = presets::all().iter().map(|p| p.id).collect();
                format!("no preset \"{id}\"; the presets are: {}", ids.join(", "))
            })?;
            out!("{}", p.json().trim_end());
            Ok(0)
        }
        ["link", input] => {
            let scenario = read_scenario(input)?;
            out!("#{}", link::fragment(&scenario));
            Ok(0)
        }
        ["catalog", rest @ ..] if rest.len() <= 1 => {
            print_catalog(rest.first().copied().unwrap_or(""));
            Ok(0)
        }
        ["compare", rest @ ..] => compare(rest),
        ["tiers"] => {
            print_tiers("");
            Ok(0)
        }
        ["tiers", id] if limit_tiers::find(id).is_none() => {
            if !limit_tiers::TIERS.iter().any(|t| t.provider == *id) {
                return Err(unknown_tier(id));
            }
            print_tiers(id);
            Ok(0)
        }
        ["tiers", id, rest @ ..] if rest.len() <= 1 => {
            let tier = limit_tiers::find(id).ok_or_else(|| unknown_tier(id))?;
            let text = match rest.first() {
                None => serde_json::to_string_pretty(&tier.limits()),
                Some(input) => {
                    let mut scenario = read_scenario(input)?;
                    limit_tiers::apply(&mut scenario, tier);
                    serde_json::to_string_pretty(&scenario)
                }
            }
            .map_err(|e| format!("could not write JSON: {e}"))?;
            out!("{text}");
            Ok(0)
        }
        _ => Err(format!("unknown command: {}\n\n{USAGE}", args.join(" "))),
    }
}

fn eval(input: &str, json: bool) -> Result<u8, String> {
    let mut scenario = read_scenario(input)?;
    // Frozen prices change no figure; what they say goes to stderr.
    if let Some(note) = engine::freeze::thaw_prices(&mut scenario).note() {
        eprintln!("burnrate: note: {note}");
    }
    let plan = engine::Plan::new(&scenario)
        .map_err(|problems| format!("{input} is not a valid scenario:\n{problems}"))?;
    let report = plan.report(&scenario);
    if json {
        // The report, and the whole model comparison beside its short list.
        #[derive(serde::Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            report: &'a Report,
            models: Vec<engine::switch::ModelOption>,
        }
        let full = Full {
            report: &report,
            models: plan.model_options(&scenario, &ModelFilter::default()),
        };
        let text = serde_json::to_string_pretty(&full)
            .map_err(|e| format!("could not write the report as JSON: {e}"))?;
        out!("{text}");
    } else {
        print_report(&scenario, &report);
    }
    for alert in &report.budget.alerts {
        eprintln!("burnrate: budget alert: {alert}");
    }
    for n in &report.never_fits {
        eprintln!(
            "burnrate: never fits: {} / {} ({}): {}",
            n.feature, n.step, n.model, n.reason
        );
    }
    Ok(
        if report.budget.over_monthly_cap || !report.never_fits.is_empty() {
            OVER_BUDGET
        } else {
            0
        },
    )
}

/// A share link (`https://…#s=…`, `#s=…`) or a scenario file (`-` is stdin).
fn read_scenario(input: &str) -> Result<Scenario, String> {
    let looks_like_link = input.contains("#s=")
        || input.starts_with("s=")
        || input.starts_with("http://")
        || input.starts_with("https://");
    if looks_like_link {
        return link::decode(input).map_err(|p| format!("the link is not a valid scenario:\n{p}"));
    }
    let text = if input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(input).map_err(|e| format!("cannot read {input}: {e}"))?
    };
    engine::decode(&text).map_err(|p| format!("{input} is not a valid scenario:\n{p}"))
}

fn print_report(s: &Scenario, r: &Report) {
    let title = if s.name.is_empty() {
        "Scenario"
    } else {
        &s.name
    };
    out!(
        "{title} — {} users, prices as of {} ({})",
        count(r.users),
        catalog::SNAPSHOT_DATE,
        catalog::SNAPSHOT_ID
    );
    out!("");
    let opt = |x: Option<f64>, f: fn(f64) -> String| x.map_or("—".to_owned(), f);
    let break_even = match (r.break_even_users, &r.break_even_reason) {
        (Some(1), _) => "1 user".to_owned(),
        (Some(u), _) => format!("{} users", count(u as f64)),
        (None, Some(why)) => format!("never: {why}"),
        (None, None) => "—".to_owned(),
    };
    let at_margin = r
        .break_even_price_at_margin
        .filter(|_| s.pricing.target_margin > 0.0)
        .map(|p| {
            format!(
                " ({} for a {} margin)",
                money(p),
                percent(s.pricing.target_margin)
            )
        })
        .unwrap_or_default();
    let rows = [
        ("Monthly cost", money(r.monthly_cost)),
        ("  variable", money(r.variable_monthly)),
        ("  onboarding", money(r.onboarding_monthly)),
        ("  fixed", money(r.fixed_monthly)),
        ("Daily cost", money(r.daily_cost)),
        ("Revenue", money(r.revenue_monthly)),
        ("Cost per action", money(r.cost_per_action)),
        ("Cost per user", opt(r.cost_per_user, money)),
        ("Break-even users", break_even),
        (
            "Break-even price",
            format!(
                "{} per paying user{at_margin}",
                opt(r.break_even_price, money)
            ),
        ),
        ("Gross margin", opt(r.gross_margin, percent)),
        ("Peak RPM utilisation", percent(r.peak_rpm_utilisation)),
        (
            "Busiest rate limit",
            r.binding_limit.as_ref().map_or_else(
                || "— (no rate limit set)".to_owned(),
                |name| format!("{} ({name})", percent(r.peak_limit_utilisation)),
            ),
        ),
        (
            "Runway",
            r.runway_days.map_or_else(
                || format!("— ({})", r.runway_reason.as_deref().unwrap_or_default()),
                |d| format!("{} days", count(d)),
            ),
        ),
    ];
    for (label, value) in rows {
        out!("{label:<22}{value}");
    }

    out!("");
    let mut table = Table::new(&[
        "Feature / step",
        "actions/day",
        "billed/day",
        "per action",
        "monthly",
    ]);
    for f in &r.features {
        table.row(vec![
            f.name.clone(),
            count(f.actions_per_day),
            count(f.billed_per_day),
            money(f.cost_per_action),
            money(f.monthly_cost),
        ]);
        for st in &f.steps {
            let what = match (&st.model, &st.route) {
                (Some(m), Some(r)) => {
                    format!("  {} ({m}, {} to {})", st.name, percent(r.share), r.model)
                }
                (Some(m), None) => format!("  {} ({m})", st.name),
                (None, _) => format!("  {}", st.name),
            };
            table.row(vec![
                what,
                String::new(),
                format!("×{}", count(st.runs)),
                money(st.cost_per_action),
                money(st.monthly_cost),
            ]);
        }
    }
    for c in &r.fixed_costs {
        table.row(vec![
            format!("{} ({})", c.name, c.kind.replace('_', " ")),
            String::new(),
            String::new(),
            String::new(),
            money(c.monthly_cost),
        ]);
    }
    table.print();

    print_pools(r);
    if let Some(advice) = engine::limit_tiers::advise(s) {
        out!(
            "To clear the busiest provider's limits: {} (then {} at peak)",
            advice.label,
            percent(advice.peak_after)
        );
    }
    print_milestones(r);
    print_self_hosted(r);

    let mut capacity = Vec::new();
    for f in &r.features {
        for st in &f.steps {
            let Some(load) = &st.load else { continue };
            let Some(ceiling) = load.ceiling_per_minute else {
                continue;
            };
            let state = if load.overloaded {
                "overloaded: the queue grows without bound".to_owned()
            } else {
                format!(
                    "{} busy, mean queue wait {}",
                    percent(load.utilisation.unwrap_or(0.0)),
                    duration(load.queue_wait_s.unwrap_or(0.0))
                )
            };
            capacity.push(format!(
                "{}: at most {} runs a minute; at peak {state}",
                st.name,
                count(ceiling)
            ));
        }
        if let Some(t) = f.backlog_drain_s {
            capacity.push(format!(
                "{}: a backlog of {} items drains in {} and costs {}",
                f.name,
                count(f.backlog_items),
                duration(t),
                money(f.backlog_cost)
            ));
        }
    }
    if !capacity.is_empty() {
        out!("");
        for line in capacity {
            out!("{line}");
        }
    }
    if !r.comparison.is_empty() {
        out!("");
        let mut table = Table::new(&["Default model", "provider", "monthly", "saving"]);
        for c in &r.comparison {
            table.row(vec![
                if c.is_current {
                    format!("{} (today)", c.model)
                } else {
                    c.model.to_string()
                },
                c.provider.to_string(),
                money(c.monthly_cost),
                money(c.saving),
            ]);
        }
        table.print();
        out!("Every chat model: burnrate compare FILE");
    }
    if let Some(m) = r
        .comparison
        .iter()
        .find(|c| c.saving > 0.0 && !c.is_current)
    {
        let cheapest = r.comparison.first().unwrap_or(m);
        out!(
            "Cheapest default model: {} at {} a month (saves {})",
            cheapest.model,
            money(cheapest.monthly_cost),
            money(cheapest.saving)
        );
    }
    for alert in &r.budget.alerts {
        out!("");
        out!("ALERT: {alert}");
    }
    for n in &r.never_fits {
        out!("");
        out!(
            "NEVER FITS: {} / {} ({}): {}",
            n.feature,
            n.step,
            n.model,
            n.reason
        );
    }
}

/// `burnrate compare`: every candidate default model, filtered.
fn compare(args: &[&str]) -> Result<u8, String> {
    let mut filter = ModelFilter::default();
    let (mut input, mut json) = (None, false);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| {
            rest.next()
                .map(|v| (*v).to_owned())
                .ok_or_else(|| format!("{name} needs a value\n\n{USAGE}"))
        };
        match *arg {
            "--json" => json = true,
            "--provider" => filter.provider = Some(value("--provider")?),
            "--search" => filter.text = value("--search")?,
            "--min-context" => {
                let v = value("--min-context")?;
                let n = v.parse().map_err(|_| {
                    format!("--min-context takes a whole number of tokens, not \"{v}\"")
                })?;
                filter.min_context_tokens = Some(n);
            }
            other if input.is_none() && !other.starts_with("--") => input = Some(other),
            other => return Err(format!("compare: unexpected \"{other}\"\n\n{USAGE}")),
        }
    }
    let input = input.ok_or_else(|| format!("compare takes one FILE or URL\n\n{USAGE}"))?;
    let mut scenario = read_scenario(input)?;
    engine::freeze::thaw_prices(&mut scenario);
    let plan = engine::Plan::new(&scenario)
        .map_err(|problems| format!("{input} is not a valid scenario:\n{problems}"))?;
    let options = plan.model_options(&scenario, &filter);
    if json {
        let text = serde_json::to_string_pretty(&options)
            .map_err(|e| format!("could not write JSON: {e}"))?;
        out!("{text}");
        return Ok(0);
    }
    if options.is_empty() {
        out!("No model to compare: no llm step uses \"default\", or none passes the filter.");
        return Ok(0);
    }
    let mut table = Table::new(&[
        "Model",
        "provider",
        "context",
        "monthly",
        "per action",
        "saving",
    ]);
    for o in &options {
        table.row(vec![
            if o.is_current {
                format!("{} (today)", o.model)
            } else {
                o.model.to_string()
            },
            o.provider.to_string(),
            o.context_tokens
                .map_or("—".to_owned(), |c| count(f64::from(c))),
            money(o.monthly_cost),
            money(o.cost_per_action),
            money(o.saving),
        ]);
    }
    table.print();
    Ok(0)
}

/// When the projection breaks even, pays back, and first crosses a rate
/// limit or the budget.
fn print_milestones(r: &Report) {
    let Some(last) = r.projection.last() else {
        return;
    };
    let m = &r.milestones;
    let when = |month: Option<u32>| match month {
        Some(0) => "now".to_owned(),
        Some(1) => "in month 1".to_owned(),
        Some(n) => format!("in month {n}"),
        None => format!("not within {} months", last.month),
    };
    let cash = if r.projection.iter().all(|p| p.cumulative_cash >= 0.0) {
        "cash never runs negative".to_owned()
    } else {
        format!("pays back {}", when(m.payback_month))
    };
    out!("");
    out!(
        "Projection: {} users in month {}; breaks even {}, {cash}; a rate limit is crossed {}, the budget {}",
        count(last.users),
        last.month,
        when(m.break_even_month),
        when(m.limit_month),
        when(m.budget_month)
    );
}

/// One row per limit of every pool; a pool without limits gets one row of
/// its demand.
fn print_pools(r: &Report) {
    if r.pools.is_empty() {
        return;
    }
    out!("");
    let mut table = Table::new(&["Rate-limit pool", "limit", "demand", "capacity", "use"]);
    for p in &r.pools {
        if p.limits.is_empty() {
            table.row(vec![
                p.name.clone(),
                "none set".to_owned(),
                format!("{} RPM at peak", count(p.peak_rpm)),
                "—".to_owned(),
                "—".to_owned(),
            ]);
        }
        for (i, l) in p.limits.iter().enumerate() {
            let when = if l.limit.ends_with('D') {
                "a day"
            } else {
                "at peak"
            };
            table.row(vec![
                if i == 0 { pool_title(p) } else { String::new() },
                l.limit.to_owned(),
                format!("{} {when}", count(l.load)),
                count(l.capacity),
                percent(l.utilisation),
            ]);
        }
    }
    table.print();
    for p in &r.pools {
        if let Some(refused) = p.refused_per_day.filter(|x| *x > 0.0) {
            out!(
                "{}: {} requests a day over the RPD limit are refused",
                p.name,
                count(refused)
            );
        }
    }
    if r.batch_tokens_per_day > 0.0 {
        out!(
            "Batch API: {} tokens a day, outside the real-time limits",
            count(r.batch_tokens_per_day)
        );
    }
}

/// Each self-hosted model's GPUs, load and crossover with the API.
fn print_self_hosted(r: &Report) {
    for h in &r.self_hosted {
        let gpus = |n: u32| format!("{n} GPU{}", if n == 1 { "" } else { "s" });
        out!("");
        out!(
            "Self-hosted {} ({}): {} at {} an hour{}",
            h.model,
            h.provider,
            gpus(h.gpus),
            price(h.price_per_gpu_hour),
            if h.in_use {
                format!(", {} a month", money(h.monthly_cost))
            } else {
                ", not in use (no step sends it runs)".to_owned()
            }
        );
        if h.in_use {
            out!(
                "  {} of {} tokens a second at peak ({}); the load needs {}",
                count(h.peak_tokens_per_second),
                count(h.ceiling_tokens_per_second),
                percent(h.utilisation),
                gpus(h.gpus_needed)
            );
        }
        let Some(c) = &h.crossover else { continue };
        let versus = c.versus.as_deref().unwrap_or("the API");
        match (c.users, &c.reason) {
            (Some(u), _) if u <= 0.0 => {
                out!("  The default steps cost less on it than on {versus} at any volume")
            }
            (Some(u), _) => out!(
                "  Cheaper than {versus} for the default steps from {} users",
                count(u)
            ),
            (None, Some(why)) => out!("  No crossover with {versus}: {why}"),
            (None, None) => {}
        }
        if c.versus.is_some() {
            out!(
                "  Today the default steps cost {} a month on {versus}, {} on {}",
                money(c.api_monthly),
                money(c.self_hosted_monthly),
                gpus(c.gpus)
            );
        }
    }
}

/// A pool's name, with its organisations when there are several.
fn pool_title(p: &PoolLoad) -> String {
    if p.keys > 1 {
        format!("{} (×{} organisations)", p.name, p.keys)
    } else {
        p.name.clone()
    }
}

fn unknown_tier(id: &str) -> String {
    let ids: Vec<&str> = limit_tiers::TIERS.iter().map(|t| t.id).collect();
    format!(
        "no published tier or provider \"{id}\"; the tiers are: {}",
        ids.join(", ")
    )
}

/// The published tiers (of `provider`, or all), pool by pool, with sources.
fn print_tiers(provider: &str) {
    let opt = |x: Option<f64>| x.map_or("—".to_owned(), count);
    let mut table = Table::new(&["Tier", "models", "RPM", "RPD", "TPM", "ITPM", "OTPM"]);
    let mut sources: Vec<(&str, &str)> = Vec::new();
    for t in limit_tiers::TIERS
        .iter()
        .filter(|t| provider.is_empty() || t.provider == provider)
    {
        for (i, p) in t.pools.iter().enumerate() {
            table.row(vec![
                if i == 0 {
                    t.id.to_owned()
                } else {
                    String::new()
                },
                p.models.join(", "),
                opt(p.rpm),
                opt(p.rpd),
                opt(p.tpm),
                opt(p.itpm),
                opt(p.otpm),
            ]);
        }
        if !sources.contains(&(t.source, t.as_of)) {
            sources.push((t.source, t.as_of));
        }
    }
    table.print();
    out!("");
    out!("Limits per organisation. Sources:");
    for (source, as_of) in sources {
        out!("  {source} ({as_of})");
    }
}

fn print_catalog(text: &str) {
    out!(
        "Prices in USD per 1M tokens; source: {} ({}, {})",
        catalog::SOURCE,
        catalog::SNAPSHOT_ID,
        catalog::SNAPSHOT_DATE
    );
    let mut table = Table::new(&[
        "Model",
        "provider",
        "input",
        "cached",
        "output",
        "per image",
        "context",
    ]);
    let price = |x: Option<f64>| x.map_or("—".to_owned(), price);
    for m in catalog::search(text) {
        table.row(vec![
            m.id.to_owned(),
            m.provider.to_owned(),
            price(Some(m.input_per_mtok).filter(|p| *p > 0.0)),
            price(m.cached_input_per_mtok),
            price(Some(m.output_per_mtok).filter(|p| *p > 0.0)),
            price(m.price_per_image),
            m.context_tokens
                .map_or("—".to_owned(), |c| count(f64::from(c))),
        ]);
    }
    table.print();
}

/// Plain-text columns: the first left-aligned, the rest right-aligned.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        Table {
            rows: vec![header.iter().map(|h| (*h).to_owned()).collect()],
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn print(&self) {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| cell.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &self.rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c].saturating_sub(cell.chars().count());
                if c == 0 {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                } else {
                    line.push_str("  ");
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                }
            }
            out!("{}", line.trim_end());
        }
    }
}
