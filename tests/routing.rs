//! Routing: an llm step sends a share of its runs to a second model (the
//! CRM memo's routine/complex split, the tagging memo's Llama for volume).
//! The routed share is billed at the second model's prices, counted against
//! its limit pool and paid to its provider; the model comparison moves only
//! the part on `"default"`. Prices are round custom models, so every
//! expected figure is worked out in its comment.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::engine::limits::LimitKind;
use burnrate::engine::{Report, decode, evaluate};

/// Two custom models: "cheap" at $1/$2 per 1M tokens (provider "acme"),
/// "smart" at $10/$20 (provider "brainy", context window 4,000).
const MODELS: &str = r#""custom_models": [
    {"id": "cheap", "provider": "acme", "input_per_mtok": 1, "output_per_mtok": 2},
    {"id": "smart", "provider": "brainy", "input_per_mtok": 10, "output_per_mtok": 20,
     "context_tokens": 4000}]"#;

fn report(rest: &str) -> Report {
    let json = format!(r#"{{"version": 2, {MODELS}, {rest}}}"#);
    let s = decode(&json).unwrap_or_else(|p| panic!("{p}"));
    evaluate(&s).unwrap_or_else(|p| panic!("{p}"))
}

#[track_caller]
fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-12 * want.abs().max(1e-9),
        "got {got}, want {want}"
    );
}

/// 1,440 users, one action a day each, one step of 1,000 in and 100 out on
/// `model`, routing `route`.
fn one_step(model: &str, route: &str, limits: &str) -> String {
    format!(
        r#""users": 1440, "peak_factor": 1,
        "features": [{{"name": "Lead", "per_user_per_day": 1, "steps": [
          {{"name": "Reply", "model": "{model}", "input_tokens": 1000, "output_tokens": 100
            {route}}}]}}],
        "limits": [{limits}]"#
    )
}

#[test]
fn the_routed_share_bills_at_the_second_models_prices() {
    // cheap: 1,000·1 + 100·2 = $0.0012 a run; smart: $0.012. 20 % to smart:
    // 0.8·0.0012 + 0.2·0.012 = $0.00336 a run.
    let r = report(&one_step(
        "cheap",
        r#", "route": {"model": "smart", "share": 0.2}"#,
        "",
    ));
    let step = &r.features[0].steps[0];
    close(step.run_cost, 0.00336);
    let route = step.route.as_ref().expect("routed");
    assert_eq!((route.model.as_str(), route.share), ("smart", 0.2));
    close(route.run_cost, 0.012);
    // 1,440 runs a day for 30 days: acme is paid 0.8·0.0012, brainy 0.2·0.012.
    let paid = |vendor: &str| {
        r.vendors
            .iter()
            .find(|v| v.vendor == vendor)
            .map_or(0.0, |v| v.monthly_cost)
    };
    close(paid("acme"), 1440.0 * 30.0 * 0.8 * 0.0012);
    close(paid("brainy"), 1440.0 * 30.0 * 0.2 * 0.012);
}

#[test]
fn each_share_counts_against_its_own_models_pool() {
    // One run a minute at peak 1: 0.7 RPM on cheap's pool, 0.3 on smart's.
    let r = report(&one_step(
        "cheap",
        r#", "route": {"model": "smart", "share": 0.3}"#,
        r#"{"provider": "acme", "rpm": 1}, {"provider": "brainy", "rpm": 1}"#,
    ));
    let rpm = |name: &str| {
        r.pools
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.utilisation(LimitKind::Rpm))
            .expect("pool with an RPM limit")
    };
    close(rpm("acme"), 0.7);
    close(rpm("brainy"), 0.3);
}

#[test]
fn a_routed_request_too_large_for_its_model_never_fits() {
    // 5,000 input tokens fit cheap (no window) but not smart's 4,000.
    let r = report(
        &one_step(
            "cheap",
            r#", "route": {"model": "smart", "share": 0.1}"#,
            "",
        )
        .replace("\"input_tokens\": 1000", "\"input_tokens\": 5000"),
    );
    let [n] = r.never_fits.as_slice() else {
        panic!("{:?}", r.never_fits)
    };
    assert_eq!((n.model.as_str(), n.limit), ("smart", "context window"));
}

#[test]
fn the_comparison_moves_only_the_part_on_default() {
    // The step bills "default" (cheap) and routes 20 % to smart. Compared
    // on smart, the default part becomes smart too: every run at $0.012.
    let r = report(
        &one_step(
            "default",
            r#", "route": {"model": "smart", "share": 0.2}"#,
            "",
        )
        .replace("\"users\"", "\"default_model\": \"cheap\", \"users\""),
    );
    let on_smart = r
        .comparison
        .iter()
        .find(|c| c.model == "smart")
        .expect("compared");
    close(on_smart.monthly_cost, 1440.0 * 30.0 * 0.012);
    let today = r.comparison.iter().find(|c| c.is_current).expect("current");
    close(today.monthly_cost, r.monthly_cost);
}

#[test]
fn routes_are_checked_like_steps() {
    let problems = |rest: &str| match decode(&format!(r#"{{"version": 2, {MODELS}, {rest}}}"#)) {
        Ok(_) => Vec::new(),
        Err(p) => p.0.iter().map(ToString::to_string).collect::<Vec<_>>(),
    };
    assert_eq!(
        problems(
            r#""features": [{"steps": [
            {"model": "cheap", "route": {"model": "nope", "share": 1.5}},
            {"kind": "flat", "price_per_run": 0.01, "route": {"model": "smart", "share": 0.5}}]}]"#
        ),
        [
            "features[0].steps[0].route.share: must be between 0 and 1, not 1.5",
            "features[0].steps[0].route.model: \"nope\" is neither in the catalog nor a custom model",
            "features[0].steps[1].route: does not apply to a flat step",
        ]
    );
}
