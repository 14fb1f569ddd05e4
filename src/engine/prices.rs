//! Model prices as a scenario sees them: a custom model wins over the catalog
//! entry of the same id, and price overrides win over both. Also the run-cost
//! formulas of DESIGN.md for each step kind.

use std::borrow::Cow;

use super::catalog;
use super::scenario::{
    CustomModel, DEFAULT_MODEL_ALIAS, PriceOverride, Scenario, Step, StepKind, defaults,
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
}

/// What a model charges for tokens: the part of [`ModelPrices`] the run-cost
/// formula needs, cheap to copy (the model comparison re-prices a scenario
/// on many models).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rates {
    pub input_per_mtok: f64,
    pub cached_input_per_mtok: Option<f64>,
    pub output_per_mtok: f64,
    pub batch_discount: Option<f64>,
}

impl Rates {
    /// These rates with `o`'s token prices, where it gives them.
    fn apply(&mut self, o: &PriceOverride) {
        self.input_per_mtok = o.input_per_mtok.unwrap_or(self.input_per_mtok);
        self.output_per_mtok = o.output_per_mtok.unwrap_or(self.output_per_mtok);
        self.cached_input_per_mtok = o.cached_input_per_mtok.or(self.cached_input_per_mtok);
        self.batch_discount = o.batch_discount.or(self.batch_discount);
    }

    /// Cost of one llm run:
    /// `(I·(1−c)·p_in + I·c·p_cached + O·p_out)/1e6 · (1 − batch_share·batch_discount)`.
    /// A model without a cached price bills cached tokens at `p_in`; a model
    /// without a known batch discount gets 0.5.
    pub fn llm_run_cost(
        &self,
        input: f64,
        output: f64,
        cached_share: f64,
        batch_share: f64,
    ) -> f64 {
        let p_cached = self.cached_input_per_mtok.unwrap_or(self.input_per_mtok);
        let standard = (input * (1.0 - cached_share) * self.input_per_mtok
            + input * cached_share * p_cached
            + output * self.output_per_mtok)
            / 1e6;
        let discount = self.batch_discount.unwrap_or(defaults::BATCH_DISCOUNT);
        standard * (1.0 - batch_share * discount)
    }
}

/// The prices of model `id` in scenario `s`, or `None` when neither the
/// scenario nor the catalog knows it. `id` must not be `"default"`.
pub fn lookup(s: &Scenario, id: &str) -> Option<ModelPrices> {
    let (rates, provider) = rates(s, id)?;
    let (mut price_per_image, mut context_tokens) =
        match s.custom_models.iter().find(|m| m.id == id) {
            Some(m) => (m.price_per_image, m.context_tokens),
            None => catalog::find(id).map(|m| (m.price_per_image, m.context_tokens))?,
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

impl From<&catalog::Model> for Rates {
    fn from(m: &catalog::Model) -> Rates {
        Rates {
            input_per_mtok: m.input_per_mtok,
            cached_input_per_mtok: m.cached_input_per_mtok,
            output_per_mtok: m.output_per_mtok,
            batch_discount: m.batch_discount,
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
                output_per_mtok: m.output_per_mtok,
                batch_discount: m.batch_discount,
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
/// sides counts as equal). Such a copy is what `pin::pin` writes into a
/// share link; it changes no figure and is not a model of the user's own.
pub fn repeats_catalog(m: &CustomModel) -> bool {
    catalog::find(&m.id).is_some_and(|c| {
        m.provider == c.provider
            && m.input_per_mtok == c.input_per_mtok
            && m.output_per_mtok == c.output_per_mtok
            && m.cached_input_per_mtok == c.cached_input_per_mtok
            && m.batch_discount == c.batch_discount
            && m.price_per_image == c.price_per_image
            && m.context_tokens == c.context_tokens
    })
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

fn resolve_alias<'a>(s: &'a Scenario, id: &'a str) -> &'a str {
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
            output_per_mtok: output,
            batch_discount: batch,
        }
    }

    #[test]
    fn llm_run_cost_follows_the_formula() {
        // Seed 000's caption: 1,200 in and 200 out on GPT-4o at $2.50/$10 per 1M.
        let gpt4o = model(2.5, Some(1.25), 10.0, Some(0.5));
        assert!((gpt4o.llm_run_cost(1200.0, 200.0, 0.0, 0.0) - 0.005).abs() < 1e-15);
        // Half of the input from the prompt cache: 600·2.5 + 600·1.25 + 200·10.
        let cached = gpt4o.llm_run_cost(1200.0, 200.0, 0.5, 0.0);
        assert!((cached - (1500.0 + 750.0 + 2000.0) / 1e6).abs() < 1e-15);
        // All runs batched at the model's 50 % discount.
        let batched = gpt4o.llm_run_cost(1200.0, 200.0, 0.0, 1.0);
        assert!((batched - 0.0025).abs() < 1e-15);
    }

    #[test]
    fn no_cached_price_bills_cached_tokens_at_the_input_price() {
        let m = model(2.0, None, 4.0, None);
        assert_eq!(
            m.llm_run_cost(1000.0, 0.0, 0.7, 0.0),
            m.llm_run_cost(1000.0, 0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn unknown_batch_discount_is_one_half() {
        let m = model(2.0, None, 4.0, None);
        let full = m.llm_run_cost(1000.0, 1000.0, 0.0, 0.0);
        assert!((m.llm_run_cost(1000.0, 1000.0, 0.0, 1.0) - full * 0.5).abs() < 1e-15);
        assert!((m.llm_run_cost(1000.0, 1000.0, 0.0, 0.4) - full * 0.8).abs() < 1e-15);
    }

    #[test]
    fn custom_models_win_and_overrides_win_over_both() {
        let mut s = Scenario::default();
        let catalog_price = lookup(&s, "gpt-4o")
            .expect("in catalog")
            .rates
            .input_per_mtok;
        s.custom_models.push(CustomModel {
            id: "gpt-4o".into(),
            provider: "azure".into(),
            input_per_mtok: 3.0,
            output_per_mtok: 12.0,
            cached_input_per_mtok: None,
            batch_discount: None,
            price_per_image: None,
            context_tokens: None,
        });
        let custom = lookup(&s, "gpt-4o").expect("custom");
        assert_eq!(
            (custom.rates.input_per_mtok, custom.provider.as_str()),
            (3.0, "azure")
        );
        assert_ne!(custom.rates.input_per_mtok, catalog_price);
        s.price_overrides.push(PriceOverride {
            model: "gpt-4o".into(),
            input_per_mtok: Some(1.0),
            output_per_mtok: None,
            cached_input_per_mtok: None,
            batch_discount: None,
            price_per_image: None,
            context_tokens: None,
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
