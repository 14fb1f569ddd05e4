//! Model prices as a scenario sees them: a custom model wins over the catalog
//! entry of the same id, and price overrides win over both. Also the run-cost
//! formulas of DESIGN.md for each step kind.

use std::borrow::Cow;

use super::catalog;
use super::scenario::{
    CustomModel, DEFAULT_MODEL_ALIAS, PriceOverride, Scenario, SelfHosted, Step, StepKind, Tier,
    defaults,
};

/// The prices that apply to one model in one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelPrices {
    pub id: String,
    pub provider: String,
    /// What its tokens cost.
    pub rates: Rates,
    pub price_per_image: Option<f64>,
    pub context_tokens: Option<u32>,
    /// The GPU deployment of a self-hosted custom model (its token rates
    /// are then all zero).
    pub self_hosted: Option<SelfHosted>,
}

/// What a model charges for tokens: the part of [`ModelPrices`] the run-cost
/// formula needs. Catalog tiers are borrowed, so pricing a scenario on many
/// catalog models (the model comparison) allocates nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rates {
    pub input_per_mtok: f64,
    pub cached_input_per_mtok: Option<f64>,
    /// Price of input tokens written to the prompt cache; `None` bills
    /// writes at the input price.
    pub cache_write_per_mtok: Option<f64>,
    pub output_per_mtok: f64,
    pub batch_discount: Option<f64>,
    /// Long-context tiers, lowest threshold first.
    pub tiers: Cow<'static, [Tier]>,
}

/// The token shape of one llm run, as the run-cost formula reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunTokens {
    /// `I`: prompt tokens, cached and written ones included.
    pub input: f64,
    /// `O`: visible output tokens.
    pub output: f64,
    /// `R`: reasoning tokens, billed as output.
    pub reasoning: f64,
    /// `c`: share of `input` read from the prompt cache.
    pub cached_share: f64,
    /// `w`: share of `input` written to the prompt cache.
    pub cache_write_share: f64,
    /// Share of runs sent through a batch API.
    pub batch_share: f64,
}

impl RunTokens {
    /// The token shape of llm step `step`, its optional fields defaulted.
    pub fn of(step: &Step) -> RunTokens {
        RunTokens {
            input: step.input_tokens.unwrap_or(0.0),
            output: step.output_tokens.unwrap_or(0.0),
            reasoning: step.reasoning_tokens.unwrap_or(0.0),
            cached_share: step.cached_share.unwrap_or(0.0),
            cache_write_share: step.cache_write_share.unwrap_or(0.0),
            batch_share: step.batch_share.unwrap_or(0.0),
        }
    }
}

/// The token prices one run is billed at, once its tier is chosen.
struct TierPrices {
    input: f64,
    cached: f64,
    write: f64,
    output: f64,
}

impl Rates {
    /// These rates with `o`'s token prices, where it gives them.
    fn apply(&mut self, o: &PriceOverride) {
        self.input_per_mtok = o.input_per_mtok.unwrap_or(self.input_per_mtok);
        self.output_per_mtok = o.output_per_mtok.unwrap_or(self.output_per_mtok);
        self.cached_input_per_mtok = o.cached_input_per_mtok.or(self.cached_input_per_mtok);
        self.cache_write_per_mtok = o.cache_write_per_mtok.or(self.cache_write_per_mtok);
        self.batch_discount = o.batch_discount.or(self.batch_discount);
        if let Some(tiers) = &o.tiers {
            self.tiers = Cow::Owned(tiers.clone());
        }
    }

    /// The tier a run of `input` prompt tokens bills at: the highest whose
    /// threshold it exceeds (exactly the threshold stays below), or `None`
    /// for the base prices.
    pub fn tier_for(&self, input: f64) -> Option<&Tier> {
        self.tiers
            .iter()
            .filter(|t| input > f64::from(t.above_input_tokens))
            .max_by_key(|t| t.above_input_tokens)
    }

    /// The prices of a run of `input` prompt tokens. A price the model (or
    /// its tier) does not give bills those tokens at the input price of the
    /// same tier.
    fn prices_for(&self, input: f64) -> TierPrices {
        match self.tier_for(input) {
            Some(t) => TierPrices {
                input: t.input_per_mtok,
                cached: t.cached_input_per_mtok.unwrap_or(t.input_per_mtok),
                write: t.cache_write_per_mtok.unwrap_or(t.input_per_mtok),
                output: t.output_per_mtok,
            },
            None => TierPrices {
                input: self.input_per_mtok,
                cached: self.cached_input_per_mtok.unwrap_or(self.input_per_mtok),
                write: self.cache_write_per_mtok.unwrap_or(self.input_per_mtok),
                output: self.output_per_mtok,
            },
        }
    }

    /// Cost in USD of one llm run (DESIGN.md, "Billing and limit rules"):
    /// `(I·(1−c−w)·p_in + I·c·p_cached + I·w·p_write + (O+R)·p_out)/1e6`,
    /// at the run's tier, then `· (1 − batch_share·batch_discount)`. A model
    /// without a known batch discount gets 0.5.
    pub fn llm_run_cost(&self, t: &RunTokens) -> f64 {
        let p = self.prices_for(t.input);
        let i = t.input;
        let standard = (i * (1.0 - t.cached_share - t.cache_write_share) * p.input
            + i * t.cached_share * p.cached
            + i * t.cache_write_share * p.write
            + (t.output + t.reasoning) * p.output)
            / 1e6;
        let discount = self.batch_discount.unwrap_or(defaults::BATCH_DISCOUNT);
        standard * (1.0 - t.batch_share * discount)
    }
}

/// The prices of model `id` in scenario `s`, or `None` when neither the
/// scenario nor the catalog knows it. `id` must not be `"default"`.
pub fn lookup(s: &Scenario, id: &str) -> Option<ModelPrices> {
    let (rates, provider) = rates(s, id)?;
    let (mut price_per_image, mut context_tokens, self_hosted) =
        match s.custom_models.iter().find(|m| m.id == id) {
            Some(m) => (m.price_per_image, m.context_tokens, m.self_hosted.clone()),
            None => catalog::find(id).map(|m| (m.price_per_image, m.context_tokens, None))?,
        };
    for o in s.price_overrides.iter().filter(|o| o.model == id) {
        price_per_image = o.price_per_image.or(price_per_image);
        context_tokens = o.context_tokens.or(context_tokens);
    }
    Some(ModelPrices {
        id: id.to_owned(),
        provider: provider.into_owned(),
        rates,
        price_per_image,
        context_tokens,
        self_hosted,
    })
}

/// The token rates and provider of model `id` in scenario `s`, like
/// [`lookup`] but without allocating for catalog models.
pub fn rates(s: &Scenario, id: &str) -> Option<(Rates, Cow<'static, str>)> {
    rates_with(s, id, || catalog::find(id))
}

/// [`rates`] for a catalog model already looked up (unless the scenario
/// shadows it with a custom model of the same id).
pub fn catalog_rates(s: &Scenario, m: &'static catalog::Model) -> (Rates, Cow<'static, str>) {
    rates_with(s, m.id, || Some(m)).unwrap_or_else(|| (Rates::from(m), Cow::Borrowed(m.provider)))
}

impl From<&'static catalog::Model> for Rates {
    fn from(m: &'static catalog::Model) -> Rates {
        Rates {
            input_per_mtok: m.input_per_mtok,
            cached_input_per_mtok: m.cached_input_per_mtok,
            cache_write_per_mtok: m.cache_write_per_mtok,
            output_per_mtok: m.output_per_mtok,
            batch_discount: m.batch_discount,
            tiers: Cow::Borrowed(m.tiers),
        }
    }
}

/// The provider a custom model's requests count against: its own id when
/// no provider is given, so that it is never lumped with another.
fn custom_provider(m: &CustomModel) -> &str {
    if m.provider.is_empty() {
        &m.id
    } else {
        &m.provider
    }
}

fn rates_with(
    s: &Scenario,
    id: &str,
    from_catalog: impl FnOnce() -> Option<&'static catalog::Model>,
) -> Option<(Rates, Cow<'static, str>)> {
    let (mut rates, provider) = match s.custom_models.iter().find(|m| m.id == id) {
        Some(m) => (
            Rates {
                input_per_mtok: m.input_per_mtok,
                cached_input_per_mtok: m.cached_input_per_mtok,
                cache_write_per_mtok: m.cache_write_per_mtok,
                output_per_mtok: m.output_per_mtok,
                batch_discount: m.batch_discount,
                tiers: Cow::Owned(m.tiers.clone()),
            },
            Cow::Owned(custom_provider(m).to_owned()),
        ),
        None => {
            let m = from_catalog()?;
            (Rates::from(m), Cow::Borrowed(m.provider))
        }
    };
    for o in s.price_overrides.iter().filter(|o| o.model == id) {
        rates.apply(o);
    }
    Some((rates, provider))
}

/// Whether custom model `m` only repeats the current catalog entry of its
/// id: the same provider, prices and context window (a price absent on both
/// sides counts as equal). Such a copy is what `freeze::freeze_prices` writes into a
/// share link; it changes no figure and is not a model of the user's own.
pub fn repeats_catalog(m: &CustomModel) -> bool {
    catalog::find(&m.id).is_some_and(|c| {
        repeats_v1_prices(m, c)
            && m.cache_write_per_mtok == c.cache_write_per_mtok
            && m.tiers.as_slice() == c.tiers
    })
}

/// Whether custom model `m` has catalog entry `c`'s provider, context
/// window and every price scenario version 1 could say.
pub(crate) fn repeats_v1_prices(m: &CustomModel, c: &catalog::Model) -> bool {
    m.self_hosted.is_none()
        && m.provider == c.provider
        && m.input_per_mtok == c.input_per_mtok
        && m.output_per_mtok == c.output_per_mtok
        && m.cached_input_per_mtok == c.cached_input_per_mtok
        && m.batch_discount == c.batch_discount
        && m.price_per_image == c.price_per_image
        && m.context_tokens == c.context_tokens
}

/// Whether `id` names a custom or catalog model (without building its prices).
pub fn exists(s: &Scenario, id: &str) -> bool {
    s.custom_models.iter().any(|m| m.id == id) || catalog::find(id).is_some()
}

/// Whether model `id` has a price per image in scenario `s`.
pub fn has_image_price(s: &Scenario, id: &str) -> bool {
    s.price_overrides
        .iter()
        .any(|o| o.model == id && o.price_per_image.is_some())
        || match s.custom_models.iter().find(|m| m.id == id) {
            Some(m) => m.price_per_image.is_some(),
            None => catalog::find(id).is_some_and(|m| m.price_per_image.is_some()),
        }
}

/// The model id a step bills, with `"default"` replaced by the scenario's
/// `default_model`; `None` for flat steps and priced image steps.
pub fn step_model_id<'a>(s: &'a Scenario, step: &'a Step) -> Option<&'a str> {
    match step.kind {
        StepKind::Flat => None,
        StepKind::Image if step.price_per_image.is_some() => None,
        StepKind::Image => step.model.as_deref().map(|id| resolve_alias(s, id)),
        StepKind::Llm => Some(resolve_alias(s, step.model_id())),
    }
}

pub(crate) fn resolve_alias<'a>(s: &'a Scenario, id: &'a str) -> &'a str {
    if id == DEFAULT_MODEL_ALIAS {
        &s.default_model
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(input: f64, cached: Option<f64>, output: f64, batch: Option<f64>) -> Rates {
        Rates {
            input_per_mtok: input,
            cached_input_per_mtok: cached,
            cache_write_per_mtok: None,
            output_per_mtok: output,
            batch_discount: batch,
            tiers: Cow::Borrowed(&[]),
        }
    }

    /// `input` prompt and `output` visible tokens; every other part 0.
    fn run(input: f64, output: f64) -> RunTokens {
        RunTokens {
            input,
            output,
            ..RunTokens::default()
        }
    }

    fn close(got: f64, want: f64) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }

    #[test]
    fn llm_run_cost_follows_the_formula() {
        // Seed 000's caption: 1,200 in and 200 out on GPT-4o at $2.50/$10 per 1M.
        let gpt4o = model(2.5, Some(1.25), 10.0, Some(0.5));
        close(gpt4o.llm_run_cost(&run(1200.0, 200.0)), 0.005);
        // Half of the input from the prompt cache: 600·2.5 + 600·1.25 + 200·10.
        let cached = RunTokens {
            cached_share: 0.5,
            ..run(1200.0, 200.0)
        };
        close(gpt4o.llm_run_cost(&cached), (1500.0 + 750.0 + 2000.0) / 1e6);
        // All runs batched at the model's 50 % discount.
        let batched = RunTokens {
            batch_share: 1.0,
            ..run(1200.0, 200.0)
        };
        close(gpt4o.llm_run_cost(&batched), 0.0025);
    }

    #[test]
    fn cache_writes_bill_at_the_cache_write_price() {
        // Issue 9, case 1: $3 in, $3.75 cache write, $0.30 read, $15 out; 4
        // uncached, 10,000 written, 400 out: 4·3 + 10,000·3.75 + 400·15.
        let claude = Rates {
            cache_write_per_mtok: Some(3.75),
            ..model(3.0, Some(0.3), 15.0, None)
        };
        let t = RunTokens {
            cache_write_share: 10_000.0 / 10_004.0,
            ..run(10_004.0, 400.0)
        };
        close(claude.llm_run_cost(&t), 0.043512);
        // Without a write price (version 1), writes bill as plain input.
        let v1 = model(3.0, Some(0.3), 15.0, None);
        close(v1.llm_run_cost(&t), 0.036012);
    }

    #[test]
    fn a_long_prompt_bills_the_whole_run_at_its_tier() {
        // Issue 9, case 2: $1.25/$10 up to 200k prompt tokens, $2.50/$15 above.
        let pro = Rates {
            tiers: Cow::Owned(vec![Tier {
                above_input_tokens: 200_000,
                input_per_mtok: 2.5,
                output_per_mtok: 15.0,
                cached_input_per_mtok: None,
                cache_write_per_mtok: None,
            }]),
            ..model(1.25, None, 10.0, None)
        };
        close(pro.llm_run_cost(&run(300_000.0, 1000.0)), 0.765);
        // Exactly the threshold stays below: 200,000·1.25 + 1,000·10.
        close(pro.llm_run_cost(&run(200_000.0, 1000.0)), 0.26);
        // A tier without a cached price bills cached tokens at its input price.
        let cached = RunTokens {
            cached_share: 0.5,
            ..run(300_000.0, 0.0)
        };
        close(pro.llm_run_cost(&cached), 0.75);
    }

    #[test]
    fn catalog_models_carry_their_tiers_and_cache_write_prices() {
        // The same cases on the snapshot's own entries (LiteLLM 1.109.1).
        let s = Scenario::default();
        let pro = lookup(&s, "gemini/gemini-2.5-pro")
            .expect("in catalog")
            .rates;
        close(pro.llm_run_cost(&run(300_000.0, 1000.0)), 0.765);
        close(pro.llm_run_cost(&run(200_000.0, 1000.0)), 0.26);
        let sonnet = lookup(&s, "claude-sonnet-4-5").expect("in catalog").rates;
        let t = RunTokens {
            cache_write_share: 10_000.0 / 10_004.0,
            ..run(10_004.0, 400.0)
        };
        close(sonnet.llm_run_cost(&t), 0.043512);
    }

    #[test]
    fn the_highest_tier_exceeded_wins() {
        let tier = |above, input| Tier {
            above_input_tokens: above,
            input_per_mtok: input,
            output_per_mtok: 1.0,
            cached_input_per_mtok: None,
            cache_write_per_mtok: None,
        };
        let m = Rates {
            tiers: Cow::Owned(vec![tier(100, 2.0), tier(1000, 3.0)]),
            ..model(1.0, None, 1.0, None)
        };
        assert_eq!(m.tier_for(100.0), None);
        assert_eq!(m.tier_for(101.0).map(|t| t.input_per_mtok), Some(2.0));
        assert_eq!(m.tier_for(5000.0).map(|t| t.input_per_mtok), Some(3.0));
    }

    #[test]
    fn reasoning_tokens_bill_at_the_output_price() {
        // Issue 9, case 3: 2,000 in, 300 visible + 1,500 reasoning at $2/$8.
        let m = model(2.0, None, 8.0, None);
        let t = RunTokens {
            reasoning: 1500.0,
            ..run(2000.0, 300.0)
        };
        close(m.llm_run_cost(&t), 0.0184);
    }

    #[test]
    fn no_cached_price_bills_cached_tokens_at_the_input_price() {
        let m = model(2.0, None, 4.0, None);
        let cached = RunTokens {
            cached_share: 0.7,
            ..run(1000.0, 0.0)
        };
        assert_eq!(m.llm_run_cost(&cached), m.llm_run_cost(&run(1000.0, 0.0)));
    }

    #[test]
    fn unknown_batch_discount_is_one_half() {
        let m = model(2.0, None, 4.0, None);
        let full = m.llm_run_cost(&run(1000.0, 1000.0));
        let batched = |share| RunTokens {
            batch_share: share,
            ..run(1000.0, 1000.0)
        };
        close(m.llm_run_cost(&batched(1.0)), full * 0.5);
        close(m.llm_run_cost(&batched(0.4)), full * 0.8);
    }

    #[test]
    fn custom_models_win_and_overrides_win_over_both() {
        let mut s = Scenario::default();
        let catalog_price = lookup(&s, "gpt-4o")
            .expect("in catalog")
            .rates
            .input_per_mtok;
        s.custom_models
            .push(CustomModel::priced("gpt-4o", "azure", 3.0, 12.0));
        let custom = lookup(&s, "gpt-4o").expect("custom");
        assert_eq!(
            (custom.rates.input_per_mtok, custom.provider.as_str()),
            (3.0, "azure")
        );
        assert_ne!(custom.rates.input_per_mtok, catalog_price);
        s.price_overrides.push(PriceOverride {
            input_per_mtok: Some(1.0),
            ..PriceOverride::of("gpt-4o")
        });
        let overridden = lookup(&s, "gpt-4o").expect("overridden");
        assert_eq!(
            (
                overridden.rates.input_per_mtok,
                overridden.rates.output_per_mtok
            ),
            (1.0, 12.0)
        );
        assert!(lookup(&s, "not-a-model").is_none());
    }
}
