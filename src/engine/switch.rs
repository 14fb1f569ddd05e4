//! What if we switch: the scenario with its `"default"` llm steps (and
//! routes) on each candidate model, priced in full — every chat model of
//! the catalog, the scenario's own token-priced custom models and today's
//! default — filtered by provider, context window and text, cheapest
//! first. The report's `comparison` stays the short list of usual choices
//! the page and the exports carry on every edit; this is the whole list,
//! asked for when someone looks.

use std::borrow::Cow;

use serde::Serialize;

use super::catalog::{self, Mode};
use super::plan::{Plan, total};
use super::prices::{self, Rates};
use super::scenario::Scenario;

/// Which candidates to keep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelFilter {
    /// Only this provider's models (`"openai"`), when set.
    pub provider: Option<String>,
    /// Only models whose context window is known and at least this many tokens.
    pub min_context_tokens: Option<u32>,
    /// Only models whose id or provider contains this (case-insensitive, ASCII).
    pub text: String,
}

/// One candidate default model and what the scenario costs on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelOption {
    pub model: Cow<'static, str>,
    pub provider: Cow<'static, str>,
    pub context_tokens: Option<u32>,
    pub monthly_cost: f64,
    /// Billed-action weighted mean over features, as the report's.
    pub cost_per_action: f64,
    /// Today's monthly cost minus this one: positive is a saving.
    pub saving: f64,
    /// Today's default model.
    pub is_current: bool,
}

impl ModelFilter {
    fn keeps(&self, id: &str, provider: &str, context: Option<u32>) -> bool {
        let text = self.text.to_ascii_lowercase();
        self.provider.as_deref().is_none_or(|p| p == provider)
            && self
                .min_context_tokens
                .is_none_or(|min| context.is_some_and(|c| c >= min))
            && (text.is_empty()
                || id.to_ascii_lowercase().contains(&text)
                || provider.to_ascii_lowercase().contains(&text))
    }
}

impl Plan {
    /// Every candidate that passes `filter`, cheapest first (ties by id);
    /// empty when no llm step bills `"default"`. `s` must be the scenario
    /// this plan was compiled from. A custom model that only repeats its
    /// catalog entry (a link's frozen copy) is the catalog model.
    pub fn model_options(&self, s: &Scenario, filter: &ModelFilter) -> Vec<ModelOption> {
        let uses_default = self.features.iter().any(|f| {
            f.steps
                .iter()
                .any(|st| st.on_default || st.route_on_default())
        });
        if !uses_default {
            return Vec::new();
        }
        let own = std::iter::once(s.default_model.as_str())
            .chain(
                s.custom_models
                    .iter()
                    .filter(|m| {
                        m.input_per_mtok > 0.0 || m.output_per_mtok > 0.0 || m.self_hosted.is_some()
                    })
                    .filter(|m| !prices::repeats_catalog(m))
                    .map(|m| m.id.as_str()),
            )
            .filter_map(|id| {
                let (rates, provider) = prices::rates(s, id)?;
                let context = prices::lookup(s, id).and_then(|m| m.context_tokens);
                Some((Cow::Owned(id.to_owned()), rates, provider, context))
            });
        // A self-hosted candidate whose GPUs nothing uses yet brings them.
        let new_gpus = |id: &str| {
            let idle = !self.gpus().any(|g| g.model == id && g.in_use);
            s.custom_models
                .iter()
                .find(|m| m.id == id)
                .and_then(|m| m.self_hosted.as_ref())
                .filter(|_| idle)
                .map_or(0.0, |h| h.monthly_cost(self.days_per_month))
        };
        let catalog = catalog::models()
            .iter()
            .filter(|m| m.mode == Mode::Chat)
            .map(|m| {
                let (rates, provider) = prices::catalog_rates(s, m);
                (Cow::Borrowed(m.id), rates, provider, m.context_tokens)
            });
        let current = self.costs_at(self.users).monthly_cost;
        let mut out: Vec<ModelOption> = Vec::new();
        for (id, rates, provider, context) in own.chain(catalog) {
            if out.iter().any(|o| o.model == id) || !filter.keeps(&id, &provider, context) {
                continue;
            }
            let is_current = id == s.default_model.as_str();
            let (mut monthly_cost, cost_per_action) = self.on(&rates, is_current);
            if !is_current {
                monthly_cost += new_gpus(&id);
            }
            out.push(ModelOption {
                is_current,
                model: id,
                provider,
                context_tokens: context,
                monthly_cost,
                cost_per_action,
                saving: current - monthly_cost,
            });
        }
        // Cheapest first, ties by id (ids are unique, so the order is
        // total). An insertion sort: about a hundred options, and the
        // standard library's sort would add 3 KB to the page's wasm.
        for i in 1..out.len() {
            let mut j = i;
            while j > 0
                && out[j - 1]
                    .monthly_cost
                    .total_cmp(&out[j].monthly_cost)
                    .then_with(|| out[j - 1].model.cmp(&out[j].model))
                    .is_gt()
            {
                out.swap(j - 1, j);
                j -= 1;
            }
        }
        out
    }

    /// The monthly cost with the default parts on `rates`. Unless the
    /// default model stays (`keeps_default`), a self-hosted deployment that
    /// only the default parts use is left idle, and its GPUs unpaid.
    pub(crate) fn switched_monthly(&self, rates: &Rates, keeps_default: bool) -> f64 {
        let users = self.users;
        let freed = if keeps_default {
            0.0
        } else {
            total(
                self.gpus()
                    .filter(|g| g.default_only)
                    .map(|g| g.monthly(self.days_per_month)),
            )
        };
        self.costs_with(users, users * self.growth, |f| f.cost_per_action_on(rates))
            .monthly_cost
            - freed
    }

    /// Monthly cost and cost per action with the default parts on `rates`.
    fn on(&self, rates: &Rates, keeps_default: bool) -> (f64, f64) {
        let users = self.users;
        let monthly = self.switched_monthly(rates, keeps_default);
        let billed = total(self.features.iter().map(|f| f.billed_per_day(users)));
        let weighted = total(
            self.features
                .iter()
                .map(|f| f.billed_per_day(users) * f.cost_per_action_on(rates)),
        );
        let per_action = if billed > 0.0 { weighted / billed } else { 0.0 };
        (monthly, per_action)
    }
}

#[cfg(test)]
impl ModelOption {
    /// An OpenAI option costing `cost` a month against today's `today`
    /// (a thousand actions a month), for the tests of what shows options.
    pub(crate) fn sample(model: &str, cost: f64, today: f64, is_current: bool) -> ModelOption {
        ModelOption {
            model: model.to_owned().into(),
            provider: "openai".into(),
            context_tokens: None,
            monthly_cost: cost,
            cost_per_action: cost / 1000.0,
            saving: today - cost,
            is_current,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, presets};

    fn options(id: &str, filter: &ModelFilter) -> (Scenario, Vec<ModelOption>) {
        let s = presets::find(id).expect("preset").scenario();
        let plan = Plan::new(&s).expect("valid");
        let out = plan.model_options(&s, filter);
        (s, out)
    }

    #[test]
    fn every_chat_model_is_priced_and_the_cheapest_comes_first() {
        for p in presets::all() {
            let (s, all) = options(p.id, &ModelFilter::default());
            let r = evaluate(&s).expect("valid");
            if r.comparison.is_empty() {
                assert!(all.is_empty(), "{}", p.id);
                continue;
            }
            let chat = catalog::models()
                .iter()
                .filter(|m| m.mode == Mode::Chat)
                .count();
            assert!(all.len() >= chat, "{}: {} of {chat}", p.id, all.len());
            for pair in all.windows(2) {
                assert!(pair[0].monthly_cost <= pair[1].monthly_cost, "{}", p.id);
            }
            // Today's default costs what the report says, and the report's
            // short list agrees model by model.
            let today = all.iter().find(|o| o.is_current).expect("today's model");
            assert_eq!(today.monthly_cost, r.monthly_cost, "{}", p.id);
            assert_eq!(today.saving, 0.0);
            assert_eq!(today.cost_per_action, r.cost_per_action, "{}", p.id);
            for c in &r.comparison {
                let o = all.iter().find(|o| o.model == c.model).expect("listed");
                assert_eq!((o.monthly_cost, o.saving), (c.monthly_cost, c.saving));
            }
        }
    }

    #[test]
    fn filters_keep_only_what_they_name() {
        let (_, anthropic) = options(
            "coaching-chat",
            &ModelFilter {
                provider: Some("anthropic".into()),
                ..ModelFilter::default()
            },
        );
        assert!(!anthropic.is_empty());
        assert!(anthropic.iter().all(|o| o.provider == "anthropic"));
        let (_, long) = options(
            "coaching-chat",
            &ModelFilter {
                min_context_tokens: Some(1_000_000),
                ..ModelFilter::default()
            },
        );
        assert!(!long.is_empty());
        assert!(
            long.iter()
                .all(|o| o.context_tokens.is_some_and(|c| c >= 1_000_000))
        );
        let (_, mini) = options(
            "coaching-chat",
            &ModelFilter {
                text: "MINI".into(),
                ..ModelFilter::default()
            },
        );
        assert!(!mini.is_empty());
        assert!(mini.iter().all(|o| o.model.contains("mini")));
    }
}
