//! Rate limits as providers apply them (DESIGN.md, "Billing and limit
//! rules"; issue 9): each case is a small scenario whose right figures are
//! worked out by hand in its comment, and which scenario version 1 got
//! wrong. The billing cases (cache writes, tiers, reasoning) are pinned
//! beside the formula in `src/engine/prices.rs`.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::engine::capacity::PoolLoad;
use burnrate::engine::limits::LimitKind;
use burnrate::engine::{Report, decode, evaluate};

fn report(json: &str) -> Report {
    let s = decode(json).unwrap_or_else(|p| panic!("{p}"));
    evaluate(&s).unwrap_or_else(|p| panic!("{p}"))
}

fn pool<'a>(r: &'a Report, name: &str) -> &'a PoolLoad {
    r.pools
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no pool {name}: {:?}", r.pools))
}

#[track_caller]
fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1e-9),
        "got {got}, want {want}"
    );
}

#[test]
fn anthropic_itpm_skips_cache_reads_and_otpm_counts_output() {
    // 2,000 calls a day at peak 3, 20,000 input of which 90 % cache reads,
    // 500 out. ITPM load 2,000/1440·3·2,000 = 8,333 (21 % of 40,000); OTPM
    // 2,000/1440·3·500 = 2,083 (13 % of 16,000). Counting all 20,500
    // tokens against one limit would show 213 %: a false overload.
    let r = report(
        r#"{"version": 2, "users": 2000, "peak_factor": 3,
            "features": [{"name": "Ask", "per_user_per_day": 1, "steps": [
              {"name": "Answer", "model": "claude-sonnet-4-5",
               "input_tokens": 20000, "cached_share": 0.9, "output_tokens": 500}]}],
            "limits": [{"provider": "anthropic", "itpm": 40000, "otpm": 16000}]}"#,
    );
    let p = pool(&r, "anthropic");
    close(p.peak_itpm, 2000.0 / 1440.0 * 3.0 * 2000.0);
    close(
        p.utilisation(LimitKind::Itpm).expect("set"),
        8333.333333333334 / 40_000.0,
    );
    close(p.peak_otpm, 2000.0 / 1440.0 * 3.0 * 500.0);
    close(
        p.utilisation(LimitKind::Otpm).expect("set"),
        0.13020833333333334,
    );
    close(r.peak_limit_utilisation, 0.20833333333333334);
    assert_eq!(r.binding_limit.as_deref(), Some("anthropic · ITPM"));
    assert!(r.never_fits.is_empty());
}

#[test]
fn anthropic_itpm_counts_cache_writes() {
    // 1,440 calls a day at peak 1: one a minute. 4 uncached + 10,000
    // written + 0 read = 10,004 ITPM; the writes count, reads would not.
    let r = report(
        r#"{"version": 2, "users": 1440, "peak_factor": 1,
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "claude-sonnet-4-5", "input_tokens": 10004,
               "cache_write_share": 0.9996001599360256, "output_tokens": 400}]}],
            "limits": [{"provider": "anthropic", "itpm": 30000, "otpm": 8000}]}"#,
    );
    close(pool(&r, "anthropic").peak_itpm, 10_004.0);
}

#[test]
fn limits_are_per_model_pool_not_per_provider() {
    // A router on gpt-4o-mini and an answer on gpt-4o, each 100 RPM at
    // peak (48,000 runs a day · 3 / 1440), each model with its own 150 RPM
    // limit: 67 % each, not 133 % for "openai".
    let steps = r#""steps": [
        {"name": "Route", "model": "gpt-4o-mini", "input_tokens": 300, "output_tokens": 5},
        {"name": "Answer", "model": "gpt-4o", "input_tokens": 1500, "output_tokens": 400}]"#;
    let per_model = format!(
        r#"{{"version": 2, "users": 48000, "features": [{{"per_user_per_day": 1, {steps}}}],
            "limits": [{{"provider": "openai", "models": ["gpt-4o-mini"], "rpm": 150}},
                       {{"provider": "openai", "models": ["gpt-4o"], "rpm": 150}}]}}"#
    );
    let r = report(&per_model);
    for name in ["openai · gpt-4o-mini", "openai · gpt-4o"] {
        let p = pool(&r, name);
        close(p.peak_rpm, 100.0);
        close(p.utilisation(LimitKind::Rpm).expect("set"), 100.0 / 150.0);
    }
    close(r.peak_rpm_utilisation, 100.0 / 150.0);

    // One provider-wide pool of 150 RPM is genuinely overloaded.
    let shared = format!(
        r#"{{"version": 2, "users": 48000, "features": [{{"per_user_per_day": 1, {steps}}}],
            "limits": [{{"provider": "openai", "rpm": 150}}]}}"#
    );
    close(report(&shared).peak_rpm_utilisation, 200.0 / 150.0);

    // A named pool and the provider's other models.
    let mixed = format!(
        r#"{{"version": 2, "users": 48000, "features": [{{"per_user_per_day": 1, {steps}}}],
            "limits": [{{"provider": "openai", "rpm": 500}},
                       {{"provider": "openai", "models": ["gpt-4o-mini"], "rpm": 150}}]}}"#
    );
    let r = report(&mixed);
    close(
        pool(&r, "openai · other models")
            .utilisation(LimitKind::Rpm)
            .expect("set"),
        0.2,
    );
    assert_eq!(
        r.binding_limit.as_deref(),
        Some("openai · gpt-4o-mini · RPM")
    );
}

#[test]
fn requests_per_day_beyond_rpd_are_refused() {
    // A free tier of 250 requests a day and 300 a day of demand: 120 %,
    // 50 refused a day.
    let r = report(
        r#"{"version": 2, "users": 300,
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "gemini/gemini-2.5-flash", "input_tokens": 1000, "output_tokens": 200}]}],
            "limits": [{"provider": "gemini", "rpm": 10, "rpd": 250, "tpm": 250000}]}"#,
    );
    let p = pool(&r, "gemini");
    close(p.requests_per_day, 300.0);
    close(p.utilisation(LimitKind::Rpd).expect("set"), 1.2);
    close(p.refused_per_day.expect("rpd set"), 50.0);
    assert_eq!(r.binding_limit.as_deref(), Some("gemini · RPD"));
    // Gemini's TPM counts input only: 300/1440·3·1,000.
    close(p.peak_tpm, 300.0 / 1440.0 * 3.0 * 1000.0);
}

#[test]
fn retries_count_as_requests() {
    // 1,000 a day with 20 % of attempts failing: 1,250 attempts.
    let r = report(
        r#"{"version": 2, "users": 1000,
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "gpt-4o-mini", "input_tokens": 100, "error_rate": 0.2}]}],
            "limits": [{"provider": "openai", "rpd": 1000}]}"#,
    );
    close(pool(&r, "openai").requests_per_day, 1250.0);
    close(r.peak_limit_utilisation, 1.25);
}

#[test]
fn batch_runs_use_no_real_time_limit() {
    // Every run through the batch API: nothing on RPM or TPM; the tokens
    // appear as batch tokens a day (1,000 · (2,000 + 300)).
    let r = report(
        r#"{"version": 2, "users": 1000,
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "gpt-4o-mini", "input_tokens": 2000, "output_tokens": 300,
               "batch_share": 1}]}],
            "limits": [{"provider": "openai", "rpm": 10, "tpm": 1000}]}"#,
    );
    let p = pool(&r, "openai");
    assert_eq!((p.peak_rpm, p.peak_tpm), (0.0, 0.0));
    assert_eq!(r.peak_limit_utilisation, 0.0);
    close(r.batch_tokens_per_day, 2_300_000.0);
    // A per-minute limit smaller than one request does not matter in batch.
    assert!(r.never_fits.is_empty());

    // Half batched: half the real-time load.
    let r = report(
        r#"{"version": 2, "users": 1440, "peak_factor": 1,
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "gpt-4o-mini", "input_tokens": 2000, "output_tokens": 300,
               "batch_share": 0.5}]}],
            "limits": [{"provider": "openai", "rpm": 10, "tpm": 100000}]}"#,
    );
    close(pool(&r, "openai").peak_rpm, 0.5);
    close(pool(&r, "openai").peak_tpm, 1150.0);
}

#[test]
fn openai_reserves_max_tokens_against_tpm() {
    // 1,000 in, max_tokens 4,000, 200 out, 20 requests a minute at peak
    // (9,600 a day · 3 / 1440): 20 · 5,000 = 100,000 TPM of 90,000 → 111 %,
    // not the 27 % that input + output would give.
    let r = report(
        r#"{"version": 2, "users": 9600,
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "gpt-4o", "input_tokens": 1000, "output_tokens": 200,
               "max_tokens": 4000}]}],
            "limits": [{"provider": "openai", "tpm": 90000}]}"#,
    );
    let p = pool(&r, "openai");
    close(p.peak_rpm, 20.0);
    close(p.peak_tpm, 100_000.0);
    close(
        p.utilisation(LimitKind::Tpm).expect("set"),
        100_000.0 / 90_000.0,
    );
    assert_eq!(r.binding_limit.as_deref(), Some("openai · TPM"));
}

#[test]
fn a_request_larger_than_a_per_minute_limit_never_fits() {
    // 40,000 input + 2,000 out against 30,000 TPM fails every time, even
    // at one request a day, and whatever the number of organisations.
    let r = report(
        r#"{"version": 2, "users": 1,
            "features": [{"name": "Summarise", "per_user_per_day": 1, "steps": [
              {"name": "Whole file", "model": "gpt-4o", "input_tokens": 40000,
               "output_tokens": 2000}]}],
            "limits": [{"provider": "openai", "tpm": 30000, "keys": 3}]}"#,
    );
    assert!(r.peak_limit_utilisation < 0.01);
    let [n] = r.never_fits.as_slice() else {
        panic!("{:?}", r.never_fits)
    };
    assert_eq!(
        (n.feature.as_str(), n.step.as_str(), n.limit),
        ("Summarise", "Whole file", "TPM")
    );
    assert_eq!(
        n.reason,
        "one request counts 42,000 tokens against openai's TPM limit of 30,000 per organisation"
    );
}

#[test]
fn a_request_larger_than_the_context_window_never_fits() {
    let r = report(
        r#"{"version": 2, "users": 1,
            "custom_models": [{"id": "small-llm", "provider": "acme",
              "input_per_mtok": 1, "output_per_mtok": 2, "context_tokens": 32768}],
            "features": [{"name": "Chat", "per_user_per_day": 1, "steps": [
              {"name": "Answer", "model": "small-llm", "input_tokens": 30000,
               "output_tokens": 500, "max_tokens": 4000}]}]}"#,
    );
    let [n] = r.never_fits.as_slice() else {
        panic!("{:?}", r.never_fits)
    };
    assert_eq!(n.limit, "context window");
    assert_eq!(
        n.reason,
        "one request needs 34,000 tokens (input plus max_tokens) but small-llm's context window is 32,768"
    );
    // Exactly the window fits.
    let fits = report(
        r#"{"version": 2, "users": 1,
            "custom_models": [{"id": "small-llm", "provider": "acme",
              "input_per_mtok": 1, "output_per_mtok": 2, "context_tokens": 32768}],
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "small-llm", "input_tokens": 32268, "output_tokens": 500}]}]}"#,
    );
    assert!(fits.never_fits.is_empty());
}

#[test]
fn keys_are_organisations_that_multiply_every_limit() {
    let r = report(
        r#"{"version": 2, "users": 1440, "peak_factor": 1,
            "features": [{"per_user_per_day": 1, "steps": [
              {"model": "gpt-4o-mini", "input_tokens": 100}]}],
            "limits": [{"provider": "openai", "rpm": 1, "rpd": 1000, "keys": 2}]}"#,
    );
    let p = pool(&r, "openai");
    close(p.utilisation(LimitKind::Rpm).expect("set"), 0.5);
    close(p.utilisation(LimitKind::Rpd).expect("set"), 0.72);
    assert_eq!(p.refused_per_day, Some(0.0));
}

#[test]
fn pools_are_refused_when_they_overlap_or_name_a_foreign_model() {
    let problems = |json: &str| match decode(json) {
        Ok(_) => Vec::new(),
        Err(p) => p.0.iter().map(ToString::to_string).collect::<Vec<_>>(),
    };
    assert_eq!(
        problems(
            r#"{"version": 2, "limits": [
                {"provider": "openai", "models": ["gpt-4o", "claude-sonnet-4-5"]},
                {"provider": "openai", "models": ["gpt-4o"]},
                {"provider": "openai"}, {"provider": "openai"},
                {"provider": "anthropic", "models": []}]}"#
        ),
        [
            "limits[0].models[1]: \"claude-sonnet-4-5\" is anthropic's model; its requests never count against openai",
            "limits[1].models[0]: \"gpt-4o\" already has its limits in limits[0]",
            "limits[3].provider: \"openai\" already has limits above for the models no entry names; list this entry's models to make it a separate pool",
            "limits[4].models: must name at least one model (leave it out to cover the provider's other models)",
        ]
    );
    assert_eq!(
        problems(
            r#"{"version": 2, "features": [{"steps": [
                {"model": "gpt-4o", "output_tokens": 500, "reasoning_tokens": 1000,
                 "max_tokens": 1200, "cached_share": 0.7, "cache_write_share": 0.5}]}]}"#
        ),
        [
            "features[0].steps[0].cache_write_share: cached_share (0.7) and cache_write_share (0.5) add up to more than 1 of the input",
            "features[0].steps[0].max_tokens: 1200 is below output_tokens + reasoning_tokens (1500): every answer would be cut off",
        ]
    );
}
