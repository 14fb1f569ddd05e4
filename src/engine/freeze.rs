//! Freezing a scenario to the prices it was made with, so a share link or a
//! saved file reproduces the same figures after the embedded catalog moves
//! on (DESIGN.md: "`price_overrides[]` and `custom_models[]`, so a shared
//! link reproduces the same numbers after the catalog moves on").
//!
//! [`freeze_prices`] copies every catalog model a scenario uses into its
//! `custom_models` (a custom model wins over the catalog entry of the same
//! id, so the copy changes no figure today) and records the snapshot id in
//! `catalog`. [`thaw_prices`] undoes that against the current catalog: copies
//! that still match it are dropped, copies whose prices have moved are kept
//! and reported. Pure data work on `Scenario`; no formula lives here.

use super::catalog;
use super::prices;
use super::scenario::{CustomModel, Scenario};
use super::validate::MAX_ITEMS;

/// What [`thaw_prices`] found out, for the page to tell the user ("This link was
/// made with prices from litellm-X; 2 models keep their prices from then").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Thawed {
    /// The catalog snapshot the scenario was made with, when it is not the
    /// current one ([`catalog::SNAPSHOT_ID`]).
    pub made_with: Option<String>,
    /// Custom models that shadow a current catalog id with other prices
    /// (or another provider), in the scenario's order: the models whose
    /// prices from then (or from the user) still apply.
    pub kept: Vec<String>,
}

impl Thawed {
    /// What the page says when a scenario made with an older catalog keeps
    /// some of that catalog's prices; nothing when no price differs.
    pub fn note(&self) -> Option<String> {
        let u = self;
        let made_with = u.made_with.as_deref()?;
        if u.kept.is_empty() {
            return None;
        }
        let (count, verb) = match u.kept.len() {
            1 => ("1 model".to_owned(), "keeps its price"),
            n => (format!("{n} models"), "keep their prices"),
        };
        Some(format!(
            "This scenario was made with the prices of {made_with}, so its figures stay as they were: {count} ({}) {verb} from then. They are listed under Custom models; remove one to use today's price.",
            u.kept.join(", ")
        ))
    }
}

/// A copy of `s` that carries its own prices: `catalog` set to the current
/// snapshot and, for every catalog model the scenario uses that it does not
/// already define as a custom model, a custom model with the catalog entry's
/// provider and every price exactly. "Uses" means the `default_model`, then
/// every llm and image step's model (with `"default"` resolved), then every
/// model a price override names (so the override keeps its base), in that
/// order of first use. Evaluating the copy gives the same report as `s`.
///
/// Validation allows at most [`MAX_ITEMS`] custom models: a scenario using
/// more catalog models than fit keeps the rest on the catalog.
pub fn freeze_prices(s: &Scenario) -> Scenario {
    let mut frozen = s.clone();
    frozen.catalog = Some(catalog::SNAPSHOT_ID.to_owned());
    let steps = s.features.iter().flat_map(|f| &f.steps).flat_map(|st| {
        let route = st
            .route
            .as_ref()
            .map(|r| prices::resolve_alias(s, &r.model));
        prices::step_model_id(s, st).into_iter().chain(route)
    });
    let used = std::iter::once(s.default_model.as_str())
        .chain(steps)
        .chain(s.price_overrides.iter().map(|o| o.model.as_str()));
    for id in used {
        if frozen.custom_models.len() >= MAX_ITEMS {
            break;
        }
        if frozen.custom_models.iter().any(|m| m.id == id) {
            continue;
        }
        if let Some(m) = catalog::find(id) {
            frozen.custom_models.push(copy_of(m));
        }
    }
    frozen
}

/// Undoes [`freeze_prices`] against the current catalog, for a scenario that names
/// the snapshot it was made with (`catalog`): every custom model that is an
/// exact copy of the current catalog entry of its id (same provider, prices
/// and context window; a price absent on both sides counts as equal) is
/// removed, and `catalog` becomes the current snapshot. Custom models with
/// ids the catalog does not have are never touched. A scenario without
/// `catalog` is left exactly as it is and there is nothing to report.
///
/// The figures do not change: a removed copy had the catalog's prices.
pub fn thaw_prices(s: &mut Scenario) -> Thawed {
    let Some(made_with) = s.catalog.as_deref() else {
        return Thawed::default();
    };
    let made_with = (made_with != catalog::SNAPSHOT_ID).then(|| made_with.to_owned());
    s.custom_models.retain(|m| !prices::repeats_catalog(m));
    let kept = s
        .custom_models
        .iter()
        .filter(|m| catalog::find(&m.id).is_some())
        .map(|m| m.id.clone())
        .collect();
    s.catalog = Some(catalog::SNAPSHOT_ID.to_owned());
    Thawed { made_with, kept }
}

/// Completes a version-1 frozen copy of a current catalog model (the same
/// provider and every version-1 price and window) with the version-2
/// prices the catalog gives it: cache-write price and tiers. Anything else
/// is the user's own model and is left as it is.
pub(crate) fn complete_v1_copy(m: &mut CustomModel) {
    let Some(c) = catalog::find(&m.id) else {
        return;
    };
    let v1_copy =
        m.cache_write_per_mtok.is_none() && m.tiers.is_empty() && prices::repeats_v1_prices(m, c);
    if v1_copy {
        m.cache_write_per_mtok = c.cache_write_per_mtok;
        m.tiers = c.tiers.to_vec();
    }
}

/// Catalog entry `m` as a custom model with the same id and prices.
fn copy_of(m: &catalog::Model) -> CustomModel {
    CustomModel {
        id: m.id.to_owned(),
        provider: m.provider.to_owned(),
        input_per_mtok: m.input_per_mtok,
        output_per_mtok: m.output_per_mtok,
        cached_input_per_mtok: m.cached_input_per_mtok,
        cache_write_per_mtok: m.cache_write_per_mtok,
        batch_discount: m.batch_discount,
        price_per_image: m.price_per_image,
        context_tokens: m.context_tokens,
        tiers: m.tiers.to_vec(),
        self_hosted: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::limits::LimitKind;

    #[test]
    fn the_catalog_note_names_the_models_that_keep_old_prices() {
        assert_eq!(Thawed::default().note(), None);
        // The same catalog: a custom model shadowing a catalog id is the
        // user's own choice, nothing to explain.
        let same = Thawed {
            made_with: None,
            kept: vec!["gpt-4o".into()],
        };
        assert_eq!(same.note(), None);
        let note = (Thawed {
            made_with: Some("litellm-1.0.0".into()),
            kept: vec!["gpt-4o".into(), "claude-3-haiku".into()],
        })
        .note()
        .expect("a note");
        assert!(
            note.contains("litellm-1.0.0")
                && note.contains("2 models (gpt-4o, claude-3-haiku) keep their prices"),
            "{note}"
        );
    }

    use crate::engine::scenario::{Feature, Limit, PriceOverride, Step, StepKind};
    use crate::engine::{decode, evaluate, link, presets};

    /// The report as JSON: equal strings mean bit-identical figures.
    fn figures(s: &Scenario) -> String {
        let report = evaluate(s).unwrap_or_else(|p| panic!("{p}"));
        serde_json::to_string(&report).expect("serialises")
    }

    fn ids(s: &Scenario) -> Vec<&str> {
        s.custom_models.iter().map(|m| m.id.as_str()).collect()
    }

    fn with_catalog(s: &Scenario) -> Scenario {
        Scenario {
            catalog: Some(catalog::SNAPSHOT_ID.to_owned()),
            ..s.clone()
        }
    }

    /// A scenario on two catalog models from two providers, one of them
    /// overridden, with OpenAI rate limits and a custom model of its own.
    fn mixed() -> Scenario {
        let mut s = Scenario {
            users: 1000.0,
            default_model: "gpt-4o-mini".into(),
            ..Scenario::default()
        };
        s.features.push(Feature {
            cache_hit_rate: 0.1,
            ..Feature::new(
                "Chat",
                20.0,
                vec![
                    Step::llm("Answer", "default", 1500.0, 300.0),
                    Step::llm("Review", "claude-haiku-4-5", 800.0, 100.0),
                    Step::llm("Own", "own-llm", 100.0, 10.0),
                    Step::llm("Again", "default", 10.0, 10.0),
                ],
            )
        });
        s.limits.push(Limit {
            provider: "openai".into(),
            rpm: Some(500.0),
            tpm: Some(200_000.0),
            tpd: None,
            keys: 1,
            models: None,
            rpd: None,
            itpm: None,
            otpm: None,
        });
        s.custom_models
            .push(CustomModel::priced("own-llm", "selfhosted", 0.5, 1.0));
        s.price_overrides.push(PriceOverride {
            input_per_mtok: Some(2.0),
            ..PriceOverride::of("gpt-4o")
        });
        s
    }

    #[test]
    fn a_version_1_link_gains_its_catalogs_cache_write_prices_and_tiers() {
        // Catalog models with the version-2 prices: a cache-write price
        // (Claude) and a long-context tier (Gemini 2.5 Pro).
        let s = Scenario {
            users: 10.0,
            features: vec![Feature::new(
                "Chat",
                5.0,
                vec![
                    Step {
                        cache_write_share: Some(0.5),
                        ..Step::llm("Answer", "claude-sonnet-4-5", 10_000.0, 400.0)
                    },
                    Step::llm("Long", "gemini/gemini-2.5-pro", 300_000.0, 1_000.0),
                ],
            )],
            ..Scenario::default()
        };
        let claude = catalog::find("claude-sonnet-4-5").expect("in catalog");
        let gemini = catalog::find("gemini/gemini-2.5-pro").expect("in catalog");
        assert!(claude.cache_write_per_mtok.is_some() && !gemini.tiers.is_empty());
        // What a version-1 build wrote: copies without those prices (and
        // no cache writes in the steps, which version 1 could not say).
        let mut v1 = freeze_prices(&s);
        v1.features[0].steps[0].cache_write_share = None;
        for m in &mut v1.custom_models {
            m.cache_write_per_mtok = None;
            m.tiers.clear();
        }
        let json = serde_json::to_string(&v1).expect("serialises").replacen(
            "\"version\":2",
            "\"version\":1",
            1,
        );
        let mut opened = decode(&json).expect("decodes");
        let mut plain = s.clone();
        plain.features[0].steps[0].cache_write_share = None;
        assert_eq!(opened, freeze_prices(&plain), "the copies are completed");
        assert_eq!(figures(&opened), figures(&plain));
        assert_eq!(thaw_prices(&mut opened), Thawed::default());
        assert_eq!(opened, with_catalog(&plain), "and thawed as copies");

        // A user's own model of a catalog id is left as it is.
        let mut own = v1.clone();
        own.custom_models[0].input_per_mtok += 1.0;
        let json = serde_json::to_string(&own).expect("serialises").replacen(
            "\"version\":2",
            "\"version\":1",
            1,
        );
        let opened = decode(&json).expect("decodes");
        assert_eq!(opened.custom_models[0].cache_write_per_mtok, None);
    }

    #[test]
    fn pin_copies_every_used_catalog_model_in_order_of_first_use() {
        let s = mixed();
        let frozen = freeze_prices(&s);
        assert_eq!(frozen.catalog.as_deref(), Some(catalog::SNAPSHOT_ID));
        assert_eq!(
            ids(&frozen),
            ["own-llm", "gpt-4o-mini", "claude-haiku-4-5", "gpt-4o"]
        );
        for m in &frozen.custom_models[1..] {
            assert_eq!(Some(m), catalog::find(&m.id).map(copy_of).as_ref());
            assert!(prices::repeats_catalog(m), "{}", m.id);
        }
        // Everything but the catalog id and the copies is untouched.
        let mut back = frozen.clone();
        back.custom_models.truncate(1);
        assert_eq!(back, with_catalog(&s));
    }

    #[test]
    fn frozen_scenarios_evaluate_to_identical_figures() {
        let mut scenarios: Vec<Scenario> = presets::all().iter().map(|p| p.scenario()).collect();
        scenarios.push(mixed());
        for s in &scenarios {
            let frozen = freeze_prices(s);
            assert_eq!(figures(&frozen), figures(s), "{}", s.name);
            // A frozen model counts against the same provider's limits.
            let r = evaluate(&frozen).expect("valid");
            assert_eq!(r.pools, evaluate(s).expect("valid").pools);
        }
        let r = evaluate(&freeze_prices(&mixed())).expect("valid");
        let openai = r.pools.iter().find(|p| p.provider == "openai");
        assert!(openai.is_some_and(|p| p.utilisation(LimitKind::Rpm).is_some_and(|u| u > 0.0)));
    }

    #[test]
    fn freezing_then_thawing_gives_back_the_original_for_every_preset() {
        for p in presets::all() {
            let s = p.scenario();
            let mut back = freeze_prices(&s);
            assert_ne!(back, s, "{}: nothing frozen", p.id);
            assert_eq!(thaw_prices(&mut back), Thawed::default(), "{}", p.id);
            assert_eq!(back, with_catalog(&s), "{}", p.id);
        }
        let mut back = freeze_prices(&mixed());
        assert_eq!(thaw_prices(&mut back), Thawed::default());
        assert_eq!(back, with_catalog(&mixed()));
    }

    #[test]
    fn pin_is_idempotent() {
        for p in presets::all() {
            let once = freeze_prices(&p.scenario());
            assert_eq!(freeze_prices(&once), once, "{}", p.id);
        }
        let once = freeze_prices(&mixed());
        assert_eq!(freeze_prices(&once), once);
    }

    #[test]
    fn a_custom_model_of_a_catalog_id_is_not_replaced() {
        let mut s = mixed();
        let mut azure = copy_of(catalog::find("gpt-4o-mini").expect("in catalog"));
        azure.provider = "azure".into();
        azure.input_per_mtok *= 1.1;
        s.custom_models.push(azure.clone());
        let frozen = freeze_prices(&s);
        assert_eq!(
            ids(&frozen),
            ["own-llm", "gpt-4o-mini", "claude-haiku-4-5", "gpt-4o"]
        );
        assert_eq!(frozen.custom_models[1], azure);
        // On the same snapshot it is the user's own price: kept and named.
        let mut back = frozen;
        let report = thaw_prices(&mut back);
        assert_eq!(report.made_with, None);
        assert_eq!(report.kept, ["gpt-4o-mini"]);
        assert_eq!(back, with_catalog(&s));
    }

    #[test]
    fn priced_image_steps_and_unknown_default_models_pin_nothing() {
        let mut s = Scenario {
            default_model: "not-a-model".into(),
            ..Scenario::default()
        };
        s.features.push(Feature::new(
            "Images",
            1.0,
            vec![Step {
                price_per_image: Some(0.04),
                ..Step::new("Priced", StepKind::Image)
            }],
        ));
        let frozen = freeze_prices(&s);
        assert!(frozen.custom_models.is_empty());
        assert_eq!(frozen, with_catalog(&s));
        assert!(frozen.validate().is_ok());
    }

    #[test]
    fn image_models_keep_their_price_per_image() {
        let image_model = catalog::models()
            .iter()
            .find(|m| m.mode == catalog::Mode::Image)
            .expect("the catalog has image models");
        let mut s = Scenario::default();
        s.features.push(Feature::new(
            "Images",
            1.0,
            vec![Step {
                model: Some(image_model.id.into()),
                images: Some(2.0),
                ..Step::new("Picture", StepKind::Image)
            }],
        ));
        s.users = 10.0;
        let frozen = freeze_prices(&s);
        let copy = frozen.custom_models.iter().find(|m| m.id == image_model.id);
        assert_eq!(
            copy.and_then(|m| m.price_per_image),
            image_model.price_per_image
        );
        assert_eq!(figures(&frozen), figures(&s));
    }

    #[test]
    fn freezing_stops_at_the_custom_model_limit() {
        let mut s = Scenario::default();
        let steps: Vec<Step> = catalog::models()
            .iter()
            .map(|m| Step::llm("Step", m.id, 10.0, 10.0))
            .collect();
        assert!(steps.len() > MAX_ITEMS, "the catalog has enough models");
        for chunk in steps.chunks(50) {
            s.features.push(Feature::new("Many", 1.0, chunk.to_vec()));
        }
        s.users = 3.0;
        let frozen = freeze_prices(&s);
        assert_eq!(frozen.custom_models.len(), MAX_ITEMS);
        assert_eq!(figures(&frozen), figures(&s));
        assert_eq!(freeze_prices(&frozen), frozen);
    }

    /// `s` frozen against an older catalog whose gpt-4o-mini cost more and
    /// that had a model the current catalog has dropped.
    fn frozen_long_ago() -> Scenario {
        let mut old = freeze_prices(&mixed());
        old.catalog = Some("litellm-0.0.1".into());
        let mini = old
            .custom_models
            .iter_mut()
            .find(|m| m.id == "gpt-4o-mini")
            .expect("frozen");
        mini.input_per_mtok *= 2.0;
        mini.output_per_mtok *= 2.0;
        old.custom_models.push(CustomModel {
            id: "gpt-2-retired".into(),
            provider: "openai".into(),
            input_per_mtok: 9.0,
            output_per_mtok: 9.0,
            cached_input_per_mtok: None,
            batch_discount: Some(0.5),
            price_per_image: None,
            context_tokens: Some(1024),
            cache_write_per_mtok: None,
            self_hosted: None,
            tiers: Vec::new(),
        });
        old.features[0]
            .steps
            .push(Step::llm("Old", "gpt-2-retired", 100.0, 100.0));
        old
    }

    /// The link an older build made for `s`: its JSON as it is, compressed.
    fn old_link(s: &Scenario) -> String {
        use base64::Engine as _;
        let json = serde_json::to_string(s).expect("serialises");
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed);
        format!("https://burnrate.example/#{}={payload}", link::KEY)
    }

    #[test]
    fn thawing_an_old_link_keeps_exactly_the_models_whose_prices_moved() {
        let old = frozen_long_ago();
        let mut opened = link::decode(&old_link(&old)).expect("an old link still validates");
        assert_eq!(opened, old, "decode returns what is in the link");
        let before = figures(&opened);
        let report = thaw_prices(&mut opened);
        assert_eq!(
            report,
            Thawed {
                made_with: Some("litellm-0.0.1".into()),
                kept: vec!["gpt-4o-mini".into()],
            }
        );
        assert_eq!(
            ids(&opened),
            ["own-llm", "gpt-4o-mini", "gpt-2-retired"],
            "unchanged copies go, moved prices and models the catalog lacks stay"
        );
        assert_eq!(opened.catalog.as_deref(), Some(catalog::SNAPSHOT_ID));
        assert_eq!(figures(&opened), before, "the link's own figures");
        // A second thaw has nothing new to say.
        let again = thaw_prices(&mut opened);
        assert_eq!(
            (again.made_with, again.kept),
            (None, vec!["gpt-4o-mini".into()])
        );
    }

    #[test]
    fn sharing_an_opened_old_link_again_keeps_its_prices() {
        let mut opened = link::decode(&old_link(&frozen_long_ago())).expect("valid");
        thaw_prices(&mut opened);
        let mut again = link::decode(&link::encode(&opened)).expect("valid");
        assert_eq!(figures(&again), figures(&frozen_long_ago()));
        let report = thaw_prices(&mut again);
        assert_eq!(
            (report.made_with, report.kept),
            (None, vec!["gpt-4o-mini".into()])
        );
        assert_eq!(again, opened);
    }

    #[test]
    fn a_link_still_evaluates_after_the_catalog_moves() {
        let old = frozen_long_ago();
        let mini_now = catalog::find("gpt-4o-mini").expect("in catalog");
        let step_cost = |s: &Scenario| evaluate(s).expect("valid").features[0].steps[0].run_cost;
        let mut then = mixed();
        then.custom_models.push(CustomModel {
            input_per_mtok: mini_now.input_per_mtok * 2.0,
            output_per_mtok: mini_now.output_per_mtok * 2.0,
            ..copy_of(mini_now)
        });
        // The link bills gpt-4o-mini at the prices it was made with, not today's.
        assert_eq!(step_cost(&old), step_cost(&then));
        assert!(step_cost(&old) > step_cost(&mixed()));
        // The retired model validates as the custom model it was frozen as.
        let r = evaluate(&old).expect("valid");
        let retired = &r.features[0].steps[4];
        assert_eq!(retired.model.as_deref(), Some("gpt-2-retired"));
        assert_eq!(retired.provider.as_deref(), Some("openai"));
        assert!((retired.run_cost - 1800.0 / 1e6).abs() < 1e-15);
    }

    #[test]
    fn scenarios_without_a_catalog_are_left_alone() {
        let mut s = mixed();
        s.custom_models
            .push(copy_of(catalog::find("gpt-4o").expect("in catalog")));
        let before = s.clone();
        assert_eq!(thaw_prices(&mut s), Thawed::default());
        assert_eq!(s, before);
    }
}
