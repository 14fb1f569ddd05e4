//! Published rate-limit tiers: a small, hand-kept table of the limits
//! providers publish for their usage tiers, each with its public source and
//! the date of the page it was read from (`docs/limits.md` lists them). A
//! scenario selects one with [`apply`], which writes the tier's pools into
//! its `limits`. Only numbers with a public source are here: where a
//! provider publishes none (Gemini's paid tiers, most OpenAI models), the
//! user types their own from their console.

use super::catalog;
use super::limits;
use super::plan::Plan;
use super::prices;
use super::report::{Report, evaluate};
use super::scenario::{Limit, Scenario, StepKind};

/// One provider's usage tier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PublishedTier {
    /// What `burnrate tiers ID` and the page call it: `"anthropic-tier-1"`.
    pub id: &'static str,
    pub provider: &'static str,
    /// In words: `"Anthropic Tier 1"`.
    pub label: &'static str,
    /// The public page the numbers come from.
    pub source: &'static str,
    /// The date of the page (or of the copy read, when the page has none).
    pub as_of: &'static str,
    pub pools: &'static [PublishedPool],
}

/// The limits of one pool of a tier, per organisation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PublishedPool {
    /// Catalog model ids the limits cover together.
    pub models: &'static [&'static str],
    pub rpm: Option<f64>,
    pub rpd: Option<f64>,
    pub tpm: Option<f64>,
    pub itpm: Option<f64>,
    pub otpm: Option<f64>,
}

const ANTHROPIC: &str = "https://platform.claude.com/docs/en/api/rate-limits";
const ANTHROPIC_AS_OF: &str = "2026-04-23";
const OPENAI_4O_MINI: &str =
    "https://developers.openai.com/api/docs/models/gpt-4o-mini and /gpt-4.1-mini";
const OPENAI_AS_OF: &str = "undated, read 2026-12-01";
const GEMINI: &str = "https://ai.google.dev/gemini-api/docs/rate-limits";
const GEMINI_AS_OF: &str = "2025-10-02";

/// "Sonnet 4.x rate limit is a total limit that applies to combined traffic
/// across Sonnet 4.6, Sonnet 4.5, and Sonnet 4" (the page's footnote); the
/// catalog holds the first two.
const SONNET_4: &[&str] = &["claude-sonnet-4-5", "claude-sonnet-4-6"];
/// "… combined traffic across Opus 4.7, Opus 4.6, Opus 4.5, Opus 4.1, and
/// Opus 4"; the catalog holds three of them.
const OPUS_4: &[&str] = &["claude-opus-4-5", "claude-opus-4-6", "claude-opus-4-7"];
const HAIKU_4_5: &[&str] = &["claude-haiku-4-5"];

const fn anthropic(
    models: &'static [&'static str],
    rpm: f64,
    itpm: f64,
    otpm: f64,
) -> PublishedPool {
    PublishedPool {
        models,
        rpm: Some(rpm),
        rpd: None,
        tpm: None,
        itpm: Some(itpm),
        otpm: Some(otpm),
    }
}

const fn openai(
    models: &'static [&'static str],
    rpm: f64,
    rpd: Option<f64>,
    tpm: f64,
) -> PublishedPool {
    PublishedPool {
        models,
        rpm: Some(rpm),
        rpd,
        tpm: Some(tpm),
        itpm: None,
        otpm: None,
    }
}

const fn gemini(model: &'static [&'static str], rpm: f64, tpm: f64, rpd: f64) -> PublishedPool {
    PublishedPool {
        models: model,
        rpm: Some(rpm),
        rpd: Some(rpd),
        tpm: Some(tpm),
        itpm: None,
        otpm: None,
    }
}

/// OpenAI publishes the same default limits for gpt-4o-mini and
/// gpt-4.1-mini; each model has its own pool.
const fn openai_minis(rpm: f64, rpd: Option<f64>, tpm: f64) -> [PublishedPool; 2] {
    [
        openai(&["gpt-4o-mini"], rpm, rpd, tpm),
        openai(&["gpt-4.1-mini"], rpm, rpd, tpm),
    ]
}

/// Every published tier, lowest first within a provider.
pub const TIERS: &[PublishedTier] = &[
    PublishedTier {
        id: "anthropic-tier-1",
        provider: "anthropic",
        label: "Anthropic Tier 1",
        source: ANTHROPIC,
        as_of: ANTHROPIC_AS_OF,
        pools: &[
            anthropic(SONNET_4, 50.0, 30_000.0, 8_000.0),
            anthropic(OPUS_4, 50.0, 30_000.0, 8_000.0),
            anthropic(HAIKU_4_5, 50.0, 50_000.0, 10_000.0),
        ],
    },
    PublishedTier {
        id: "anthropic-tier-2",
        provider: "anthropic",
        label: "Anthropic Tier 2",
        source: ANTHROPIC,
        as_of: ANTHROPIC_AS_OF,
        pools: &[
            anthropic(SONNET_4, 1_000.0, 450_000.0, 90_000.0),
            anthropic(OPUS_4, 1_000.0, 450_000.0, 90_000.0),
            anthropic(HAIKU_4_5, 1_000.0, 450_000.0, 90_000.0),
        ],
    },
    PublishedTier {
        id: "anthropic-tier-3",
        provider: "anthropic",
        label: "Anthropic Tier 3",
        source: ANTHROPIC,
        as_of: ANTHROPIC_AS_OF,
        pools: &[
            anthropic(SONNET_4, 2_000.0, 800_000.0, 160_000.0),
            anthropic(OPUS_4, 2_000.0, 800_000.0, 160_000.0),
            anthropic(HAIKU_4_5, 2_000.0, 1_000_000.0, 200_000.0),
        ],
    },
    PublishedTier {
        id: "anthropic-tier-4",
        provider: "anthropic",
        label: "Anthropic Tier 4",
        source: ANTHROPIC,
        as_of: ANTHROPIC_AS_OF,
        pools: &[
            anthropic(SONNET_4, 4_000.0, 2_000_000.0, 400_000.0),
            anthropic(OPUS_4, 4_000.0, 2_000_000.0, 400_000.0),
            anthropic(HAIKU_4_5, 4_000.0, 4_000_000.0, 800_000.0),
        ],
    },
    PublishedTier {
        id: "openai-tier-1",
        provider: "openai",
        label: "OpenAI Tier 1 (gpt-4o-mini, gpt-4.1-mini)",
        source: OPENAI_4O_MINI,
        as_of: OPENAI_AS_OF,
        pools: &openai_minis(500.0, Some(10_000.0), 200_000.0),
    },
    PublishedTier {
        id: "openai-tier-2",
        provider: "openai",
        label: "OpenAI Tier 2 (gpt-4o-mini, gpt-4.1-mini)",
        source: OPENAI_4O_MINI,
        as_of: OPENAI_AS_OF,
        pools: &openai_minis(5_000.0, None, 2_000_000.0),
    },
    PublishedTier {
        id: "openai-tier-3",
        provider: "openai",
        label: "OpenAI Tier 3 (gpt-4o-mini, gpt-4.1-mini)",
        source: OPENAI_4O_MINI,
        as_of: OPENAI_AS_OF,
        pools: &openai_minis(5_000.0, None, 4_000_000.0),
    },
    PublishedTier {
        id: "openai-tier-4",
        provider: "openai",
        label: "OpenAI Tier 4 (gpt-4o-mini, gpt-4.1-mini)",
        source: OPENAI_4O_MINI,
        as_of: OPENAI_AS_OF,
        pools: &openai_minis(10_000.0, None, 10_000_000.0),
    },
    PublishedTier {
        id: "openai-tier-5",
        provider: "openai",
        label: "OpenAI Tier 5 (gpt-4o-mini, gpt-4.1-mini)",
        source: OPENAI_4O_MINI,
        as_of: OPENAI_AS_OF,
        pools: &openai_minis(30_000.0, None, 150_000_000.0),
    },
    PublishedTier {
        id: "gemini-free",
        provider: "gemini",
        label: "Gemini API free tier",
        source: GEMINI,
        as_of: GEMINI_AS_OF,
        pools: &[
            gemini(&["gemini/gemini-2.5-pro"], 5.0, 250_000.0, 100.0),
            gemini(&["gemini/gemini-2.5-flash"], 10.0, 250_000.0, 250.0),
            gemini(&["gemini/gemini-2.5-flash-lite"], 15.0, 250_000.0, 1_000.0),
        ],
    },
];

/// The published tier with this id.
pub fn find(id: &str) -> Option<&'static PublishedTier> {
    TIERS.iter().find(|t| t.id == id)
}

impl PublishedTier {
    /// The tier's pools as scenario `limits` entries, one organisation
    /// each; models a catalog no longer has are left out.
    pub fn limits(&self) -> Vec<Limit> {
        self.pools
            .iter()
            .filter_map(|p| {
                let models: Vec<String> = p
                    .models
                    .iter()
                    .filter(|id| catalog::find(id).is_some_and(|m| m.provider == self.provider))
                    .map(|id| (*id).to_owned())
                    .collect();
                (!models.is_empty()).then(|| Limit {
                    models: Some(models),
                    rpm: p.rpm,
                    rpd: p.rpd,
                    tpm: p.tpm,
                    itpm: p.itpm,
                    otpm: p.otpm,
                    ..Limit::new(self.provider)
                })
            })
            .collect()
    }
}

/// Replaces `s`'s limits for `tier`'s provider with the tier's pools,
/// keeping every other provider's limits in place.
pub fn apply(s: &mut Scenario, tier: &PublishedTier) {
    let at = s
        .limits
        .iter()
        .position(|l| l.provider == tier.provider)
        .unwrap_or(s.limits.len());
    s.limits.retain(|l| l.provider != tier.provider);
    let at = at.min(s.limits.len());
    s.limits.splice(at..at, tier.limits());
}

/// A change to a scenario's limits that brings its busiest provider back
/// within every rate limit.
#[derive(Clone, Debug, PartialEq)]
pub enum LimitFix {
    /// Adopt this published tier (the lowest that clears the load).
    Tier(&'static PublishedTier),
    /// Run the pool of `limits[limit]` on `keys` separate organisations.
    Organisations { limit: usize, keys: u32 },
}

/// What [`advise`] suggests, and what it leaves.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub fix: LimitFix,
    /// The fix in words: "Anthropic Tier 2" or "3 organisations for openai".
    pub label: String,
    /// The largest utilisation of the provider's limits once applied.
    pub peak_after: f64,
}

impl Advice {
    /// Writes the fix into `s`.
    pub fn apply(&self, s: &mut Scenario) {
        match self.fix {
            LimitFix::Tier(tier) => apply(s, tier),
            LimitFix::Organisations { limit, keys } => {
                if let Some(l) = s.limits.get_mut(limit) {
                    l.keys = keys;
                }
            }
        }
    }
}

/// The smallest change to the limits of the provider whose limit binds
/// that clears every limit of that provider (its pools at 100 % or below
/// and no request over a per-minute limit): the lowest published tier of
/// that provider that still covers every model the scenario sends it, else
/// enough organisations for the binding pool (which cannot help a request
/// that never fits). `None` when nothing is over a limit, the scenario is
/// not valid, or neither helps.
pub fn advise(s: &Scenario) -> Option<Advice> {
    let r = evaluate(s).ok()?;
    let over = |r: &Report, provider: &str| {
        let peak = provider_peak(r, provider);
        let stuck = r
            .never_fits
            .iter()
            .any(|n| n.provider == provider && n.limit != "context window");
        (peak, peak > 1.0 || stuck)
    };
    // The busiest pool, or the first never-fitting request's provider.
    // The pool of the report's binding limit.
    let binding = Plan::busiest(&r.pools).map(|(pool, l)| (l.utilisation, pool));
    let provider = match (
        &binding,
        r.never_fits.iter().find(|n| n.limit != "context window"),
    ) {
        (Some((u, p)), _) if *u > 1.0 => p.provider.clone(),
        (_, Some(n)) => n.provider.clone(),
        _ => return None,
    };
    let used = models_of(s, &provider);
    for tier in TIERS.iter().filter(|t| t.provider == provider) {
        let mut next = s.clone();
        apply(&mut next, tier);
        let covered = used
            .iter()
            .all(|m| limits::pool_of(&next.limits, &provider, m).is_some());
        if !covered {
            continue;
        }
        let Ok(after) = evaluate(&next) else { continue };
        let (peak, still) = over(&after, &provider);
        if !still {
            return Some(Advice {
                fix: LimitFix::Tier(tier),
                label: tier.label.to_owned(),
                peak_after: peak,
            });
        }
    }
    // More organisations for the binding pool, when it comes from an entry.
    let (u, pool) = binding?;
    if u <= 1.0 {
        return None;
    }
    let index = s.limits.iter().position(|l| {
        l.provider == pool.provider && l.models.as_deref() == pool.models.as_deref()
    })?;
    let keys = s.limits[index].keys;
    let needed = (f64::from(keys) * u).ceil().min(f64::from(u32::MAX)) as u32;
    let mut next = s.clone();
    next.limits[index].keys = needed;
    let after = evaluate(&next).ok()?;
    let (peak, still) = over(&after, &provider);
    let pool_peak = after
        .pools
        .iter()
        .find(|p| p.name == pool.name)
        .and_then(|p| p.limits.iter().map(|l| l.utilisation).reduce(f64::max))?;
    (pool_peak <= 1.0).then(|| Advice {
        fix: LimitFix::Organisations {
            limit: index,
            keys: needed,
        },
        label: format!("{needed} organisations for {}", pool.name),
        peak_after: if still { pool_peak } else { peak },
    })
}

/// The largest utilisation of any limit of `provider`'s pools.
fn provider_peak(r: &Report, provider: &str) -> f64 {
    r.pools
        .iter()
        .filter(|p| p.provider == provider)
        .flat_map(|p| &p.limits)
        .map(|l| l.utilisation)
        .fold(0.0, f64::max)
}

/// The models of `provider` that the scenario's llm steps bill.
fn models_of(s: &Scenario, provider: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for step in s.features.iter().flat_map(|f| &f.steps) {
        if step.kind != StepKind::Llm {
            continue;
        }
        let Some(id) = prices::step_model_id(s, step) else {
            continue;
        };
        let same = prices::rates(s, id).is_some_and(|(_, p)| p == provider);
        if same && !out.iter().any(|m| m == id) {
            out.push(id.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::engine::scenario::{Feature, Step};

    #[test]
    fn every_tier_model_is_a_catalog_model_of_its_provider() {
        for t in TIERS {
            assert!(
                t.source.starts_with("https://") && !t.as_of.is_empty(),
                "{}",
                t.id
            );
            for p in t.pools {
                for id in p.models {
                    let m = catalog::find(id).unwrap_or_else(|| panic!("{}: {id}", t.id));
                    assert_eq!(m.provider, t.provider, "{}: {id}", t.id);
                }
            }
            assert_eq!(t.limits().len(), t.pools.len(), "{}", t.id);
        }
    }

    /// `users` a day of one Claude Sonnet call of 20,000 input (90 % cache
    /// reads) and 500 output, on Anthropic Tier 1.
    fn sonnet_on_tier_1(users: f64) -> Scenario {
        let mut s = Scenario {
            users,
            features: vec![Feature::new(
                "Ask",
                1.0,
                vec![Step {
                    cached_share: Some(0.9),
                    ..Step::llm("Answer", "claude-sonnet-4-5", 20_000.0, 500.0)
                }],
            )],
            ..Scenario::default()
        };
        apply(&mut s, find("anthropic-tier-1").expect("published"));
        s
    }

    #[test]
    fn advice_is_the_lowest_tier_that_clears_the_load() {
        // 20,000 a day at peak 3: 41.7 RPM against 50, 83,333 ITPM against
        // 30,000 (Tier 1) and 450,000 (Tier 2), OTPM 20,833 against 8,000
        // and 90,000: Tier 2 clears it.
        let s = sonnet_on_tier_1(20_000.0);
        let before = evaluate(&s).expect("valid");
        assert!(before.peak_limit_utilisation > 1.0);
        let advice = advise(&s).expect("over a limit");
        assert_eq!(
            advice.fix,
            LimitFix::Tier(find("anthropic-tier-2").expect("tier"))
        );
        let mut fixed = s.clone();
        advice.apply(&mut fixed);
        let after = evaluate(&fixed).expect("valid");
        assert!(after.peak_limit_utilisation <= 1.0);
        assert_eq!(after.peak_limit_utilisation, advice.peak_after);
        // Within its limits, there is nothing to advise.
        assert_eq!(advise(&sonnet_on_tier_1(1_000.0)), None);
    }

    #[test]
    fn beyond_the_top_tier_advice_is_more_organisations() {
        // 2,000,000 a day at peak 3 on Tier 4: 4,167 RPM of 4,000, 8.3 M
        // ITPM of 2 M and 2.08 M OTPM of 400,000 (521 %): six organisations.
        let mut s = sonnet_on_tier_1(2_000_000.0);
        apply(&mut s, find("anthropic-tier-4").expect("published"));
        let advice = advise(&s).expect("over a limit");
        let LimitFix::Organisations { limit, keys } = advice.fix else {
            panic!("{advice:?}");
        };
        assert_eq!((limit, keys), (0, 6));
        assert_eq!(
            advice.label,
            "6 organisations for anthropic · claude-sonnet-4-5, claude-sonnet-4-6"
        );
        let mut fixed = s.clone();
        advice.apply(&mut fixed);
        assert!(evaluate(&fixed).expect("valid").peak_limit_utilisation <= 1.0);
    }

    #[test]
    fn a_tier_that_leaves_a_used_model_unlimited_is_no_advice() {
        // gpt-4o on a provider-wide 100 RPM: the published OpenAI tiers
        // cover only the minis, so they would drop gpt-4o's limit.
        let mut s = Scenario {
            users: 100_000.0,
            features: vec![Feature::new(
                "Chat",
                1.0,
                vec![Step::llm("Answer", "gpt-4o", 1000.0, 100.0)],
            )],
            limits: vec![Limit::new("openai")],
            ..Scenario::default()
        };
        s.limits[0].rpm = Some(100.0);
        let advice = advise(&s).expect("over a limit");
        assert_eq!(advice.fix, LimitFix::Organisations { limit: 0, keys: 3 });
    }

    #[test]
    fn ids_are_unique() {
        for (i, t) in TIERS.iter().enumerate() {
            assert!(TIERS[..i].iter().all(|o| o.id != t.id), "{}", t.id);
        }
    }

    #[test]
    fn applying_a_tier_replaces_only_its_providers_limits_and_stays_valid() {
        let mut s = Scenario {
            users: 100.0,
            features: vec![Feature::new(
                "Chat",
                20.0,
                vec![Step::llm("Answer", "claude-sonnet-4-5", 2_000.0, 500.0)],
            )],
            limits: vec![Limit::new("openai"), Limit::new("anthropic")],
            ..Scenario::default()
        };
        s.limits[0].rpm = Some(60.0);
        apply(&mut s, find("anthropic-tier-1").expect("published"));
        assert_eq!(s.limits[0].rpm, Some(60.0));
        assert_eq!(s.limits.len(), 4);
        let r = evaluate(&s).expect("valid after applying");
        // 2,000 actions a day at peak 3: 4.17 RPM of 50, 8,333 ITPM of 30,000.
        let sonnet = r
            .pools
            .iter()
            .find(|p| p.name == "anthropic · claude-sonnet-4-5, claude-sonnet-4-6")
            .expect("sonnet pool");
        let itpm = sonnet
            .utilisation(crate::engine::limits::LimitKind::Itpm)
            .expect("set");
        assert!((itpm - 2000.0 / 1440.0 * 3.0 * 2000.0 / 30_000.0).abs() < 1e-12);
        // Applying the next tier replaces the first one's pools.
        apply(&mut s, find("anthropic-tier-2").expect("published"));
        assert_eq!(
            s.limits
                .iter()
                .filter(|l| l.provider == "anthropic")
                .count(),
            3
        );
        assert!(evaluate(&s).is_ok());
    }
}
