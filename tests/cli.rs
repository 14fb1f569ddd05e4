//! The command line as a user runs it: exit codes, JSON field names, share
//! links, presets and the catalog.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use burnrate::engine::{catalog, link, presets};

fn burnrate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(args)
        .output()
        .expect("burnrate runs")
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("burnrate runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes");
    child.wait_with_output().expect("finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn preset_file(id: &str) -> String {
    format!(
        "{}/src/engine/presets/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn eval_json_carries_designs_field_names() {
    let out = burnrate(&["eval", &preset_file("inbox-classifier"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    for field in [
        "monthly_cost",
        "variable_monthly",
        "onboarding_monthly",
        "fixed_monthly",
        "revenue_monthly",
        "cost_per_action",
        "cost_per_user",
        "break_even_users",
        "break_even_price",
        "break_even_price_at_margin",
        "gross_margin",
        "peak_rpm_utilisation",
        "runway_days",
        "peak_limit_utilisation",
        "binding_limit",
        "batch_tokens_per_day",
        "never_fits",
        "pools",
    ] {
        assert!(report.get(field).is_some(), "missing {field}");
    }
    let feature = &report["features"][0];
    for field in [
        "name",
        "actions_per_day",
        "billed_per_day",
        "cost_per_action",
        "monthly_cost",
    ] {
        assert!(feature.get(field).is_some(), "missing features[0].{field}");
    }
    assert_eq!(report["features"][0]["backlog_drain_s"], 3000.0);
    assert_eq!(report["gross_margin"], serde_json::Value::Null);
}

#[test]
fn eval_prints_a_readable_table() {
    let out = burnrate(&["eval", &preset_file("marketing-posts")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Monthly cost"), "{text}");
    assert!(text.contains("$15,300"), "{text}");
    assert!(text.contains("$0.0085"), "{text}");
    assert!(
        text.contains("Break-even users      never: there is no revenue"),
        "{text}"
    );
}

#[test]
fn eval_accepts_a_share_link_and_stdin() {
    let scenario = presets::find("product-tagging").expect("preset").scenario();
    let url = format!("https://burnrate.example/#{}", link::fragment(&scenario));
    let from_link = burnrate(&["eval", &url, "--json"]);
    assert_eq!(from_link.status.code(), Some(0), "{}", stderr(&from_link));
    let from_file = burnrate(&["eval", &preset_file("product-tagging"), "--json"]);
    assert_eq!(stdout(&from_link), stdout(&from_file));
    let from_stdin = with_stdin(
        &["eval", "-", "--json"],
        presets::find("product-tagging").expect("preset").json(),
    );
    assert_eq!(stdout(&from_stdin), stdout(&from_file));
}

#[test]
fn bad_input_exits_2_and_names_the_field() {
    let out = with_stdin(
        &["eval", "-"],
        r#"{"version": 1, "features": [{"steps": [{"cached_share": 2}]}]}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("features[0].steps[0].cached_share: must be between 0 and 1, not 2"),
        "{}",
        stderr(&out)
    );
    let out = burnrate(&["eval", "/no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /no/such/file.json"));
    let out = burnrate(&["eval", "https://x.example/#s=%%%"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("link: is damaged"),
        "{}",
        stderr(&out)
    );
    let out = burnrate(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
}

#[test]
fn over_the_monthly_cap_exits_3_and_still_prints_the_report() {
    let mut s = presets::find("real-estate-crm").expect("preset").scenario();
    s.users = 100.0;
    let json = serde_json::to_string(&s).expect("JSON");
    let out = with_stdin(&["eval", "-", "--json"], &json);
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("report printed");
    assert_eq!(report["budget"]["over_monthly_cap"], true);
    assert!(
        stderr(&out).contains("budget alert: monthly cost"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_request_that_never_fits_exits_3_and_names_the_step() {
    let json = r#"{"version": 2, "users": 1,
        "features": [{"name": "Summarise", "per_user_per_day": 1, "steps": [
          {"name": "Whole file", "model": "gpt-4o", "input_tokens": 40000,
           "output_tokens": 2000}]}],
        "limits": [{"provider": "openai", "tpm": 30000}]}"#;
    let out = with_stdin(&["eval", "-"], json);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "NEVER FITS: Summarise / Whole file (gpt-4o): one request counts 42,000 tokens"
        ),
        "{text}"
    );
    assert!(text.contains("Busiest rate limit"), "{text}");
    assert!(
        stderr(&out).contains("never fits: Summarise / Whole file"),
        "{}",
        stderr(&out)
    );
    let out = with_stdin(&["eval", "-", "--json"], json);
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("report printed");
    assert_eq!(report["never_fits"][0]["limit"], "TPM");
    assert_eq!(report["binding_limit"], "openai · TPM");
}

#[test]
fn eval_prints_every_limit_of_every_pool() {
    let json = r#"{"version": 2, "users": 300,
        "features": [{"per_user_per_day": 1, "steps": [
          {"model": "gemini/gemini-2.5-flash", "input_tokens": 1000, "output_tokens": 200,
           "batch_share": 0.5}]}],
        "limits": [{"provider": "gemini", "rpm": 10, "rpd": 100}]}"#;
    let out = with_stdin(&["eval", "-"], json);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "Rate-limit pool",
        "RPD     150 a day       100  150%",
        "gemini: 50 requests a day over the RPD limit are refused",
        "Batch API: 180,000 tokens a day, outside the real-time limits",
        "Busiest rate limit    150% (gemini · RPD)",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

#[test]
fn eval_prints_the_projection_milestones_and_the_advice() {
    let file = preset_file("coaching-chat");
    let json = burnrate(&["eval", &file, "--json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let budget = report["milestones"]["budget_month"]
        .as_u64()
        .expect("crossed");
    let text = stdout(&burnrate(&["eval", &file]));
    assert!(
        text.contains(&format!("the budget in month {budget}")),
        "{text}"
    );
    // Over its TPM limit, the marketing memo is told how to clear it.
    let text = stdout(&burnrate(&["eval", &preset_file("marketing-posts")]));
    assert!(
        text.contains("To clear the busiest provider's limits: 3 organisations for openai"),
        "{text}"
    );
}

#[test]
fn eval_carries_the_whole_comparison_and_the_self_hosting_crossover() {
    let file = preset_file("product-tagging");
    let out = burnrate(&["eval", &file, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    // The whole comparison, as `compare --json` gives it.
    let all: serde_json::Value =
        serde_json::from_str(&stdout(&burnrate(&["compare", &file, "--json"]))).expect("JSON");
    assert_eq!(report["models"], all);
    assert!(all.as_array().is_some_and(|a| a.len() > 50));
    // The self-hosted model, unused, with its crossover against the memo's
    // OpenRouter price.
    let h = &report["self_hosted"][0];
    assert_eq!(h["model"], "llama-3.1-8b-a100");
    assert_eq!(h["in_use"], false);
    assert_eq!(h["monthly_cost"], 0.0);
    let c = &h["crossover"];
    assert_eq!(c["versus"], "llama-3.1-8b-memo");
    let users = c["users"].as_f64().expect("a crossover");
    assert!(users > 0.0 && users < 2000.0, "{users}");

    let text = stdout(&burnrate(&["eval", &file]));
    assert!(
        text.contains("Self-hosted llama-3.1-8b-a100 (runpod): 1 GPU at $2.736 an hour"),
        "{text}"
    );
    assert!(
        text.contains("Cheaper than llama-3.1-8b-memo for the default steps from"),
        "{text}"
    );
    assert!(text.contains("llama-3.1-8b-memo (today)"), "{text}");
}

#[test]
fn compare_lists_every_chat_model_cheapest_first_with_filters() {
    let file = preset_file("coaching-chat");
    let out = burnrate(&["compare", &file, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).expect("JSON");
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&burnrate(&["eval", &file, "--json"]))).expect("JSON");
    let today = all.iter().find(|o| o["is_current"] == true).expect("today");
    assert_eq!(today["monthly_cost"], report["monthly_cost"]);
    let costs: Vec<f64> = all
        .iter()
        .map(|o| o["monthly_cost"].as_f64().expect("cost"))
        .collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]));

    let out = burnrate(&[
        "compare",
        &file,
        "--provider",
        "anthropic",
        "--min-context",
        "200000",
        "--json",
    ]);
    let some: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert!(!some.is_empty() && some.len() < all.len());
    assert!(some.iter().all(|o| o["provider"] == "anthropic"
        && o["context_tokens"].as_u64().is_some_and(|c| c >= 200_000)));

    let text = stdout(&burnrate(&["compare", &file, "--search", "gpt-5"]));
    assert!(text.contains("gpt-5 (today)"), "{text}");
    let bad = burnrate(&["compare", &file, "--min-context", "lots"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--min-context takes a whole number of tokens"));
}

#[test]
fn tiers_list_print_and_apply_published_limits() {
    let out = burnrate(&["tiers"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("anthropic-tier-1"), "{text}");
    assert!(
        text.contains("https://platform.claude.com/docs/en/api/rate-limits (2026-04-23)"),
        "{text}"
    );

    let out = burnrate(&["tiers", "gemini"]);
    assert!(stdout(&out).contains("gemini-free") && !stdout(&out).contains("anthropic"));

    let out = burnrate(&["tiers", "anthropic-tier-2"]);
    let limits: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(limits[0]["models"][0], "claude-sonnet-4-5");
    assert_eq!(limits[0]["itpm"], 450_000.0);

    let out = burnrate(&["tiers", "openai-tier-1", &preset_file("inbox-classifier")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let applied = with_stdin(&["eval", "-", "--json"], &stdout(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&applied)).expect("report");
    let pools: Vec<&str> = report["pools"]
        .as_array()
        .expect("pools")
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    assert!(pools.contains(&"openai · gpt-4o-mini"), "{pools:?}");

    let out = burnrate(&["tiers", "openai-tier-9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no published tier or provider \"openai-tier-9\""));
}

#[test]
fn presets_list_and_print() {
    let out = burnrate(&["presets"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = stdout(&out);
    for p in presets::all() {
        assert!(listing.contains(p.id), "{listing}");
        let one = burnrate(&["presets", p.id]);
        assert_eq!(one.status.code(), Some(0));
        let printed = burnrate::engine::decode(&stdout(&one)).expect("valid scenario");
        assert_eq!(printed, p.scenario());
    }
    let out = burnrate(&["presets", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the presets are: coaching-chat"));
}

#[test]
fn catalog_lists_and_filters_models() {
    let out = burnrate(&["catalog", "gpt-4o-mini"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("gpt-4o-mini"), "{text}");
    assert!(text.contains("$0.15"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("claude")), "{text}");
    let all = stdout(&burnrate(&["catalog"]));
    assert!(all.lines().count() > text.lines().count());
}

#[test]
fn link_prints_a_fragment_that_eval_reads_back() {
    let out = burnrate(&["link", &preset_file("coaching-chat")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fragment = stdout(&out).trim().to_owned();
    assert!(fragment.starts_with("#s="), "{fragment}");
    let from_link = burnrate(&["eval", &format!("https://x.example/{fragment}"), "--json"]);
    let from_file = burnrate(&["eval", &preset_file("coaching-chat"), "--json"]);
    assert_eq!(stdout(&from_link), stdout(&from_file));
    let readable = |input: &str| stdout(&burnrate(&["eval", input]));
    assert_eq!(readable(&fragment), readable(&preset_file("coaching-chat")));
    // The link carries today's prices of the model it uses, and says whose.
    let opened = link::decode(&fragment).expect("valid");
    assert_eq!(opened.catalog.as_deref(), Some(catalog::SNAPSHOT_ID));
    let gpt5 = opened.custom_models.iter().find(|m| m.id == "gpt-5");
    let listed = catalog::find("gpt-5").expect("in catalog");
    assert_eq!(
        gpt5.map(|m| (m.input_per_mtok, m.output_per_mtok)),
        Some((listed.input_per_mtok, listed.output_per_mtok))
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(["catalog"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("burnrate runs");
    // Read nothing and hang up, as `burnrate catalog | head -1` does.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn eval_notes_prices_kept_from_an_older_catalog() {
    let old = r#"{"version":1,"catalog":"litellm-0.0.1","users":1000,"default_model":"gpt-4o-mini",
        "custom_models":[{"id":"gpt-4o-mini","provider":"openai","input_per_mtok":0.3,"output_per_mtok":1.2}],
        "features":[{"name":"Chat","per_user_per_day":5,"steps":[{"model":"default","input_tokens":800,"output_tokens":300}]}]}"#;
    let out = with_stdin(&["eval", "-", "--json"], old);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("burnrate: note:")
            && err.contains("litellm-0.0.1")
            && err.contains("gpt-4o-mini"),
        "{err}"
    );
    // The old prices are the ones used: 1000 × 5 × 30 actions of
    // 800 input and 300 output tokens at $0.30 and $1.20 per 1M.
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let expected = 150_000.0 * (800.0 * 0.3 + 300.0 * 1.2) / 1e6;
    let got = report["monthly_cost"].as_f64().expect("monthly_cost");
    assert!(
        (got - expected).abs() < 1e-9 * expected,
        "{got} vs {expected}"
    );
    // A scenario of today's catalog says nothing.
    let today = with_stdin(&["eval", &preset_file("coaching-chat"), "--json"], "");
    assert!(!stderr(&today).contains("note:"), "{}", stderr(&today));
}
