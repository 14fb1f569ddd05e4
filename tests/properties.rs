//! Property tests of the engine over generated valid scenarios: no panic and
//! no NaN or infinity anywhere in a report, costs that only grow with users
//! and volume, a full cache that costs nothing variable, prices that scale
//! the variable cost linearly, exact JSON and link round trips, and links
//! frozen at the catalog that give the same figures.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::engine::scenario::{
    Budget, CustomModel, Feature, FixedCost, FixedKind, Limit, PriceOverride, Pricing, Route,
    SelfHosted, Step, StepKind, Tier,
};
use burnrate::engine::{
    Plan, Scenario, catalog, decode, evaluate, freeze_prices, link, prices, thaw_prices,
};
use proptest::prelude::*;

/// Catalog models every snapshot has, and one custom model.
const MODELS: &[&str] = &["gpt-4o", "gpt-4o-mini", "default", "custom-llm"];
/// Names without "NaN" in them, so the Debug scan below is exact.
const NAMES: &[&str] = &["", "Chat", "Post", "Scrape", "Résumé ✓", "<b>x</b>"];

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(NAMES).prop_map(str::to_owned)
}

fn share() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0]
}

fn step() -> impl Strategy<Value = Step> {
    let common = (
        name(),
        prop_oneof![Just(0.0), Just(1.0), 0.0..10.0],
        prop::option::of(0.01..120.0),
        prop::option::of(1u32..50),
        prop::option::of(0.0..0.95),
    );
    let llm = (
        prop::sample::select(MODELS),
        0.0..50_000.0,
        0.0..5_000.0,
        prop::option::of(share()),
        prop::option::of(share()),
    );
    // Version 2: reasoning tokens, a share of the uncached input written
    // to the cache, and a max_tokens that leaves room for the answer.
    let v2 = (
        prop::option::of(0.0..3_000.0),
        prop::option::of(share()),
        prop::option::of(0.0..5_000.0),
        prop::option::of((prop::sample::select(MODELS), share())),
    );
    (common, 0..3u8, (llm, v2), 0.0..0.5, 0.0..4.0, 0.0..1.0).prop_map(
        |(
            (name, runs, latency, conc, err),
            kind,
            ((model, i, o, cached, batch), (reasoning, write, slack, route)),
            img,
            n,
            flat,
        )| {
            let mut step = match kind {
                0 => Step {
                    cached_share: cached,
                    cache_write_share: write.map(|w| w * (1.0 - cached.unwrap_or(0.0))),
                    reasoning_tokens: reasoning,
                    max_tokens: slack.map(|x: f64| f64::max(o + reasoning.unwrap_or(0.0) + x, 1.0)),
                    batch_share: batch,
                    route: route.map(|(model, share)| Route {
                        model: model.into(),
                        share,
                    }),
                    ..Step::llm(&name, model, i, o)
                },
                1 => Step {
                    price_per_image: Some(img),
                    images: Some(n),
                    ..Step::new(&name, StepKind::Image)
                },
                _ => Step::flat(&name, flat),
            };
            step.runs = runs;
            step.latency_s = latency;
            step.concurrency_limit = conc;
            step.error_rate = err;
            step
        },
    )
}

fn feature() -> impl Strategy<Value = Feature> {
    (
        name(),
        0.0..500.0,
        prop_oneof![Just(0.0), 0.0..10_000.0],
        share(),
        prop_oneof![Just(0.0), 0.0..1000.0],
        prop::collection::vec(step(), 0..4),
    )
        .prop_map(|(name, per_user, fixed, cache, backlog, steps)| Feature {
            name,
            per_user_per_day: per_user,
            fixed_per_day: fixed,
            cache_hit_rate: cache,
            backlog_per_new_user: backlog,
            steps,
        })
}

fn fixed_cost() -> impl Strategy<Value = FixedCost> {
    (name(), 0..3u8, 0.0..1000.0, 1.0..5000.0).prop_map(|(name, kind, monthly, per_unit)| {
        let kind = [FixedKind::Flat, FixedKind::PerUser, FixedKind::Stepped][kind as usize];
        FixedCost {
            name,
            kind,
            monthly,
            users_per_unit: (kind == FixedKind::Stepped).then_some(per_unit),
        }
    })
}

prop_compose! {
    fn scenario()(
        users in prop_oneof![Just(0.0), Just(1.0), 0.0..1e7],
        days in 1.0..31.0,
        peak in 1.0..20.0,
        growth in prop_oneof![Just(0.0), 0.0..2.0],
        churn in share(),
        horizon in 0u32..40,
        default_model in prop::sample::select(&["gpt-4o", "gpt-4o-mini", "custom-llm"][..]),
        features in prop::collection::vec(feature(), 0..4),
        fixed_costs in prop::collection::vec(fixed_cost(), 0..4),
        pricing in (0.0..200.0, share(), 0.0..0.5, 0.0..0.95),
        limits in prop::option::of(limit_pools()),
        budget in (prop::option::of(0.0..1e5), prop::option::of(0.0..1e4), prop::option::of(0.0..1e4)),
        custom in (0.0..100.0, 0.0..100.0, prop::option::of(0.0..10.0), prop::option::of(share())),
        custom_v2 in (prop::option::of(0.0..20.0), prop::option::of(custom_tier())),
        made_with in prop::option::of(prop::sample::select(&[catalog::SNAPSHOT_ID, "litellm-0.0.1"][..])),
        overrides in prop::collection::vec(price_override(), 0..3),
        gpu in prop::option::of((0.01..20.0, 1u32..5, 1.0..20_000.0, 0.05..=1.0, any::<bool>())),
    ) -> Scenario {
        let mut s = Scenario {
            name: "Generated".into(),
            catalog: made_with.map(str::to_owned),
            users,
            days_per_month: days,
            peak_factor: peak,
            growth,
            churn,
            horizon_months: horizon,
            default_model: default_model.to_owned(),
            features,
            fixed_costs,
            pricing: Pricing {
                price_per_paying_user: pricing.0,
                paying_share: pricing.1,
                payment_fee_share: pricing.2,
                target_margin: pricing.3,
            },
            limits: limits.unwrap_or_default(),
            budget: Budget { monthly_cap: budget.0, daily_alert: budget.1, credit_balance: budget.2 },
            custom_models: vec![CustomModel {
                id: "custom-llm".into(),
                provider: "selfhosted".into(),
                input_per_mtok: custom.0,
                output_per_mtok: custom.1,
                cached_input_per_mtok: custom.2,
                batch_discount: custom.3,
                price_per_image: None,
                context_tokens: None,
                cache_write_per_mtok: custom_v2.0,
                tiers: custom_v2.1.into_iter().collect(),
                self_hosted: None,
            }],
            price_overrides: overrides,
            ..Scenario::default()
        };
        // A self-hosted model, perhaps the default one.
        if let Some((price, gpus, tokens, target, is_default)) = gpu {
            let mut deployment = SelfHosted::new(price, gpus, tokens);
            deployment.target_utilisation = target;
            s.custom_models.push(CustomModel::on_gpus("gpu-llm", "own-gpus", deployment));
            if is_default {
                s.default_model = "gpu-llm".into();
            }
        }
        s
    }
}

/// OpenAI's limits: one pool for every model, or one for gpt-4o and one for
/// the others; every limit optional.
fn limit_pools() -> impl Strategy<Value = Vec<Limit>> {
    let limit = || prop::option::of(1.0..1e7);
    (
        (limit(), limit(), limit()),
        (limit(), limit(), prop::option::of(1.0..1e9)),
        1u32..5,
        any::<bool>(),
    )
        .prop_map(|((rpm, rpd, tpm), (itpm, otpm, tpd), keys, per_model)| {
            let pool = Limit {
                rpm,
                rpd,
                tpm,
                itpm,
                otpm,
                tpd,
                keys,
                ..Limit::new("openai")
            };
            if per_model {
                let gpt4o = Limit {
                    models: Some(vec!["gpt-4o".into()]),
                    rpm: rpm.map(|x| x / 2.0),
                    ..pool.clone()
                };
                vec![pool, gpt4o]
            } else {
                vec![pool]
            }
        })
}

/// A long-context tier for the custom model.
fn custom_tier() -> impl Strategy<Value = Tier> {
    (
        1u32..60_000,
        0.0..200.0,
        0.0..200.0,
        prop::option::of(0.0..20.0),
    )
        .prop_map(|(above, input, output, cached)| Tier {
            above_input_tokens: above,
            input_per_mtok: input,
            output_per_mtok: output,
            cached_input_per_mtok: cached,
            cache_write_per_mtok: None,
        })
}

/// An override of a catalog model, used by a step or not (`gpt-4.1`).
fn price_override() -> impl Strategy<Value = PriceOverride> {
    (
        prop::sample::select(&["gpt-4o", "gpt-4o-mini", "gpt-4.1"][..]),
        prop::option::of(0.0..20.0),
        prop::option::of(0.0..80.0),
        prop::option::of(share()),
    )
        .prop_map(|(model, input, output, batch)| PriceOverride {
            input_per_mtok: input,
            output_per_mtok: output,
            batch_discount: batch,
            ..PriceOverride::of(model)
        })
}

/// The report as JSON: equal strings mean bit-identical figures.
fn figures(s: &Scenario) -> String {
    serde_json::to_string(&evaluate(s).expect("valid")).expect("serialises")
}

/// Every catalog model a scenario uses, with all its prices doubled, and
/// every price in the scenario itself doubled.
fn double_prices(s: &Scenario) -> Scenario {
    let mut d = s.clone();
    for m in &mut d.custom_models {
        m.input_per_mtok *= 2.0;
        m.output_per_mtok *= 2.0;
        m.cached_input_per_mtok = m.cached_input_per_mtok.map(|p| p * 2.0);
        m.cache_write_per_mtok = m.cache_write_per_mtok.map(|p| p * 2.0);
        for t in &mut m.tiers {
            t.input_per_mtok *= 2.0;
            t.output_per_mtok *= 2.0;
            t.cached_input_per_mtok = t.cached_input_per_mtok.map(|p| p * 2.0);
        }
    }
    for id in ["gpt-4o", "gpt-4o-mini"] {
        let p = prices::lookup(s, id).expect("catalog model").rates;
        d.price_overrides.push(PriceOverride {
            input_per_mtok: Some(p.input_per_mtok * 2.0),
            output_per_mtok: Some(p.output_per_mtok * 2.0),
            cached_input_per_mtok: p.cached_input_per_mtok.map(|c| c * 2.0),
            ..PriceOverride::of(id)
        });
    }
    for step in d.features.iter_mut().flat_map(|f| f.steps.iter_mut()) {
        step.price_per_image = step.price_per_image.map(|p| p * 2.0);
        step.price_per_run = step.price_per_run.map(|p| p * 2.0);
    }
    d
}

/// Whether Debug output shows a NaN or an infinity as a value.
fn has_non_finite(debug: &str) -> bool {
    debug.contains("NaN")
        || [
            ": inf", ": -inf", "(inf)", "(-inf)", "[inf", "[-inf", ", inf", ", -inf",
        ]
        .iter()
        .any(|p| debug.contains(p))
}

#[track_caller]
fn close(a: f64, b: f64) {
    assert!(
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-6),
        "{a} vs {b}"
    );
}

proptest! {

    #[test]
    fn reports_have_no_nan_or_infinity(s in scenario()) {
        let report = evaluate(&s).map_err(|p| TestCaseError::fail(p.to_string()))?;
        // Debug prints every float of the report: NaN as `NaN`, infinities
        // as `inf`; the generated names contain neither.
        let text = format!("{report:?}");
        prop_assert!(!has_non_finite(&text), "{text}");
        let plan = Plan::new(&s).expect("valid");
        let sweep = format!("{:?}", plan.sweep(1.0, 1e7, 50));
        prop_assert!(!has_non_finite(&sweep), "{sweep}");
        let negative_zero = ["-0.0,", "-0.0)", "-0.0 ", "-0.0]"].iter().any(|p| text.contains(p));
        prop_assert!(!negative_zero, "negative zero in {text}");
    }

    #[test]
    fn monthly_cost_never_falls_as_users_grow(s in scenario(), a in 0.0..1e6, b in 0.0..1e6) {
        let plan = Plan::new(&s).expect("valid");
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (c_lo, c_hi) = (plan.costs_at(lo).monthly_cost, plan.costs_at(hi).monthly_cost);
        prop_assert!(c_lo <= c_hi * (1.0 + 1e-12), "{c_lo} at {lo} > {c_hi} at {hi}");
    }

    #[test]
    fn monthly_cost_never_falls_as_volume_grows(s in scenario(), factor in 1.0..10.0) {
        let before = evaluate(&s).expect("valid").monthly_cost;
        let mut more = s.clone();
        for f in &mut more.features {
            f.per_user_per_day *= factor;
            f.fixed_per_day *= factor;
        }
        let after = evaluate(&more).expect("valid").monthly_cost;
        prop_assert!(before <= after * (1.0 + 1e-12), "{before} > {after}");
    }

    #[test]
    fn a_full_cache_costs_nothing_variable(s in scenario()) {
        let mut cached = s.clone();
        for f in &mut cached.features {
            f.cache_hit_rate = 1.0;
        }
        prop_assert_eq!(evaluate(&cached).expect("valid").variable_monthly, 0.0);
    }

    #[test]
    fn doubling_every_price_doubles_the_variable_cost(s in scenario()) {
        let base = evaluate(&s).expect("valid");
        let doubled = evaluate(&double_prices(&s)).expect("valid");
        close(doubled.variable_monthly, 2.0 * base.variable_monthly);
        close(doubled.onboarding_monthly, 2.0 * base.onboarding_monthly);
    }

    #[test]
    fn json_round_trips_exactly(s in scenario()) {
        let json = serde_json::to_string(&s).expect("serialises");
        prop_assert_eq!(decode(&json).expect("decodes"), s.clone());
        let pretty = serde_json::to_string_pretty(&s).expect("serialises");
        prop_assert_eq!(decode(&pretty).expect("decodes"), s);
    }

    #[test]
    fn links_round_trip_exactly(s in scenario()) {
        // A link holds the scenario frozen; thawing it gives back the
        // scenario with today's catalog named (the generated custom model
        // is not a catalog id, so nothing of the user's is taken away).
        let mut opened = link::decode(&link::encode(&s)).expect("decodes");
        prop_assert_eq!(&opened, &freeze_prices(&s));
        let report = thaw_prices(&mut opened);
        prop_assert_eq!(report.made_with, None);
        prop_assert!(report.kept.is_empty());
        let with_catalog = Scenario { catalog: Some(catalog::SNAPSHOT_ID.into()), ..s };
        prop_assert_eq!(opened, with_catalog);
    }

    #[test]
    fn frozen_scenarios_give_identical_figures(s in scenario()) {
        let frozen = freeze_prices(&s);
        prop_assert_eq!(figures(&frozen), figures(&s));
        prop_assert_eq!(freeze_prices(&frozen), frozen.clone());
        // Every catalog model the scenario bills is carried by the link.
        for step in s.features.iter().flat_map(|f| &f.steps) {
            if let Some(id) = prices::step_model_id(&s, step) {
                prop_assert!(frozen.custom_models.iter().any(|m| m.id == id), "{}", id);
            }
            if let Some(r) = &step.route {
                let id = if r.model == "default" { &s.default_model } else { &r.model };
                prop_assert!(frozen.custom_models.iter().any(|m| &m.id == id), "{}", id);
            }
        }
    }

    #[test]
    fn version_1_documents_open_as_version_2_with_the_same_figures(s in scenario()) {
        // What a version-1 file could say: no field version 2 added.
        let mut v1 = s.clone();
        for step in v1.features.iter_mut().flat_map(|f| f.steps.iter_mut()) {
            step.cache_write_share = None;
            step.reasoning_tokens = None;
            step.max_tokens = None;
            step.route = None;
        }
        for m in &mut v1.custom_models {
            m.cache_write_per_mtok = None;
            m.tiers.clear();
        }
        v1.limits.retain(|l| l.models.is_none());
        for l in &mut v1.limits {
            (l.rpd, l.itpm, l.otpm) = (None, None, None);
        }
        let json = serde_json::to_string(&v1).expect("serialises");
        let old = json.replacen("\"version\":2", "\"version\":1", 1);
        prop_assert!(old.contains("\"version\":1"));
        let opened = decode(&old).expect("a version-1 document decodes");
        prop_assert_eq!(opened.version, 2);
        prop_assert_eq!(figures(&opened), figures(&v1));
        prop_assert_eq!(opened, v1);
    }

    #[test]
    fn utilisations_are_load_over_capacity_and_the_binding_limit_is_the_largest(s in scenario()) {
        let r = evaluate(&s).expect("valid");
        let mut largest: f64 = 0.0;
        for pool in &r.pools {
            for l in &pool.limits {
                prop_assert!(l.capacity > 0.0 && l.load >= 0.0);
                close(l.utilisation, l.load / l.capacity);
                largest = largest.max(l.utilisation);
            }
        }
        prop_assert_eq!(r.peak_limit_utilisation, largest);
        prop_assert_eq!(r.binding_limit.is_some(), r.pools.iter().any(|p| !p.limits.is_empty()));
        prop_assert!(r.peak_rpm_utilisation <= r.peak_limit_utilisation);
        // The projection's month 0 is today, counted the same way.
        if let Some(today) = r.projection.first() {
            close(today.peak_limit_utilisation, r.peak_limit_utilisation);
        }
    }

    #[test]
    fn the_link_decoder_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = link::decode(&text);
        let _ = decode(&text);
    }

    #[test]
    fn break_even_matches_its_definition(s in scenario()) {
        let plan = Plan::new(&s).expect("valid");
        if let burnrate::engine::BreakEven::Users(u) = plan.break_even_users() {
            let at = plan.costs_at(u as f64);
            prop_assert!(at.revenue_monthly >= at.monthly_cost);
            // No smaller count breaks even (checked in full where affordable).
            for v in (1..u).rev().take(5000) {
                let before = plan.costs_at(v as f64);
                prop_assert!(before.revenue_monthly < before.monthly_cost, "{v} < {u}");
            }
        }
    }
}
