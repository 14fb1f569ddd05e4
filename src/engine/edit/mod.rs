//! Edits of a scenario as the editor makes them, as plain methods the page
//! calls, in three rooms: structural edits of its lists here (add, remove,
//! duplicate, move up or down a feature, a step, a fixed cost, a limit, a
//! custom model, a price override or a long-context tier of either, and
//! changes of a step's or a fixed cost's kind that never leave fields of the
//! old kind behind); reading and writing one form field by the same field
//! path the validator reports (`features[1].steps[0].runs`) in `fields`; and
//! the one reading of the text a user typed in `text`.
//!
//! Every edit is total: an index out of range, an unknown path or a value of
//! the wrong type changes nothing and never panics. Range checks stay in
//! `validate`: an edit may write a value the validator then refuses, so the
//! page can show the engine's message next to the field. Pure Rust; no web
//! crates.

mod fields;
mod text;

pub use fields::{FieldValue, PRICED_BY_GPU, PRICED_BY_TOKEN};
pub use text::{InputError, number_text, parse_list, parse_number, parse_whole};

use super::prices;
use super::scenario::{
    CustomModel, DEFAULT_MODEL_ALIAS, Feature, FixedCost, FixedKind, Limit, PriceOverride,
    Scenario, SelfHosted, Step, StepKind, Tier,
};
use super::validate::{MAX_ITEMS, MAX_NAME_CHARS};

/// Price per image a new image step starts with (DALL-E 3 standard, USD).
pub const NEW_IMAGE_PRICE: f64 = 0.04;
/// Price per run a new flat step starts with (USD).
pub const NEW_FLAT_PRICE: f64 = 0.01;
/// Users per unit a cost gets when it becomes stepped.
pub const NEW_USERS_PER_UNIT: f64 = 1000.0;
/// The threshold a model's first long-context tier starts above (input
/// tokens): where Gemini and Anthropic long-context prices begin.
pub const NEW_TIER_ABOVE: u32 = 200_000;

/// Providers offered, in this order, to a new limit when the scenario's own
/// models have limits already.
const COMMON_PROVIDERS: &[&str] = &["openai", "anthropic", "gemini"];

/// One list of a scenario the editor can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Features,
    /// The steps of the feature at this index.
    Steps {
        feature: usize,
    },
    FixedCosts,
    Limits,
    CustomModels,
    PriceOverrides,
    /// The long-context tiers of the custom model at this index.
    CustomModelTiers {
        model: usize,
    },
    /// The long-context tiers of the price override at this index (its
    /// `tiers`, `None` while it keeps the model's own).
    OverrideTiers {
        price_override: usize,
    },
}

/// A structural edit of one list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListEdit {
    /// Appends a new item with a fresh name and sensible values.
    Add,
    Remove(usize),
    /// Inserts a copy right after the item, under a name of its own.
    Duplicate(usize),
    /// Swaps the item with the one before it.
    MoveUp(usize),
    /// Swaps the item with the one after it.
    MoveDown(usize),
}

impl List {
    /// The field path of the item at `index` (`features[0].steps[2]`), the
    /// prefix of the paths of its fields.
    pub fn item_path(self, index: usize) -> String {
        match self {
            List::Features => format!("features[{index}]"),
            List::Steps { feature } => format!("features[{feature}].steps[{index}]"),
            List::FixedCosts => format!("fixed_costs[{index}]"),
            List::Limits => format!("limits[{index}]"),
            List::CustomModels => format!("custom_models[{index}]"),
            List::PriceOverrides => format!("price_overrides[{index}]"),
            List::CustomModelTiers { model } => format!("custom_models[{model}].tiers[{index}]"),
            List::OverrideTiers { price_override } => {
                format!("price_overrides[{price_override}].tiers[{index}]")
            }
        }
    }
}

impl Scenario {
    /// Applies `edit` to `list`. Returns whether the scenario changed: an
    /// index out of range, a move past either end, or an add or duplicate
    /// on a list already holding `MAX_ITEMS` items changes nothing.
    pub fn edit_list(&mut self, list: List, edit: ListEdit) -> bool {
        match list {
            List::Features => {
                let fresh = |s: &Scenario| new_feature(&s.features);
                let copy = |s: &Scenario, f: &Feature| Feature {
                    name: copy_name(&f.name, "Feature", |n| {
                        s.features.iter().any(|f| f.name == n)
                    }),
                    ..f.clone()
                };
                edit_vec(self, |s| &mut s.features, edit, fresh, copy)
            }
            List::Steps { feature } => {
                if feature >= self.features.len() {
                    return false;
                }
                let fresh = |s: &Scenario| new_step(&s.features[feature].steps);
                let copy = |s: &Scenario, st: &Step| Step {
                    name: copy_name(&st.name, "Step", |n| {
                        s.features[feature].steps.iter().any(|st| st.name == n)
                    }),
                    ..st.clone()
                };
                edit_vec(self, |s| &mut s.features[feature].steps, edit, fresh, copy)
            }
            List::FixedCosts => {
                let fresh = |s: &Scenario| FixedCost {
                    name: numbered("Fixed cost", ' ', s.fixed_costs.len(), |n| {
                        s.fixed_costs.iter().any(|c| c.name == n)
                    }),
                    kind: FixedKind::Flat,
                    monthly: 0.0,
                    users_per_unit: None,
                };
                let copy = |s: &Scenario, c: &FixedCost| FixedCost {
                    name: copy_name(&c.name, "Fixed cost", |n| {
                        s.fixed_costs.iter().any(|c| c.name == n)
                    }),
                    ..c.clone()
                };
                edit_vec(self, |s| &mut s.fixed_costs, edit, fresh, copy)
            }
            List::Limits => {
                let fresh = |s: &Scenario| Limit::new(&free_provider(s));
                // Two entries for one provider's other models are refused,
                // and listed models belong to their provider, so a copy
                // takes the same limits over to the next provider without
                // an entry for its other models, and covers those.
                let copy = |s: &Scenario, l: &Limit| Limit {
                    provider: free_provider(s),
                    models: None,
                    ..l.clone()
                };
                edit_vec(self, |s| &mut s.limits, edit, fresh, copy)
            }
            List::CustomModels => {
                let fresh = |s: &Scenario| {
                    let id = numbered("custom-model", '-', s.custom_models.len(), |n| {
                        prices::exists(s, n)
                    });
                    CustomModel::priced(&id, "custom", 0.0, 0.0)
                };
                // Ids must be unique, so a copy gets `<id>-copy`.
                let copy = |s: &Scenario, m: &CustomModel| CustomModel {
                    id: copy_id(&m.id, |n| prices::exists(s, n)),
                    ..m.clone()
                };
                edit_vec(self, |s| &mut s.custom_models, edit, fresh, copy)
            }
            List::PriceOverrides => {
                let fresh = |s: &Scenario| PriceOverride::of(free_override_model(s));
                let copy = |_: &Scenario, o: &PriceOverride| o.clone();
                edit_vec(self, |s| &mut s.price_overrides, edit, fresh, copy)
            }
            List::CustomModelTiers { model } => {
                let Some(m) = self.custom_models.get(model) else {
                    return false;
                };
                let base = Tier {
                    above_input_tokens: 0,
                    input_per_mtok: m.input_per_mtok,
                    output_per_mtok: m.output_per_mtok,
                    cached_input_per_mtok: m.cached_input_per_mtok,
                    cache_write_per_mtok: m.cache_write_per_mtok,
                };
                let fresh = |s: &Scenario| new_tier(&s.custom_models[model].tiers, base);
                let copy = |s: &Scenario, t: &Tier| copy_tier(&s.custom_models[model].tiers, t);
                edit_vec(
                    self,
                    |s| &mut s.custom_models[model].tiers,
                    edit,
                    fresh,
                    copy,
                )
            }
            List::OverrideTiers { price_override } => {
                self.edit_override_tiers(price_override, edit)
            }
        }
    }

    /// [`Scenario::edit_list`] of a price override's tiers. While the
    /// override keeps the model's own tiers (`tiers: None`), only `Add`
    /// changes it: its list starts as a copy of the tiers the model has
    /// (so that no figure changes) and gets a new tier above them.
    /// Removing its last tier leaves an empty list, which bills every run
    /// at the base prices whatever the model's tiers.
    fn edit_override_tiers(&mut self, index: usize, edit: ListEdit) -> bool {
        let Some(o) = self.price_overrides.get(index) else {
            return false;
        };
        // The model's prices as the scenario sees them, this override's
        // included; an unknown model (which the validator reports) has
        // only the override's own.
        let (tiers, base) = match prices::rates(self, &o.model) {
            Some((r, _)) => (
                r.tiers.to_vec(),
                Tier {
                    above_input_tokens: 0,
                    input_per_mtok: r.input_per_mtok,
                    output_per_mtok: r.output_per_mtok,
                    cached_input_per_mtok: r.cached_input_per_mtok,
                    cache_write_per_mtok: r.cache_write_per_mtok,
                },
            ),
            None => (
                Vec::new(),
                Tier {
                    above_input_tokens: 0,
                    input_per_mtok: o.input_per_mtok.unwrap_or(0.0),
                    output_per_mtok: o.output_per_mtok.unwrap_or(0.0),
                    cached_input_per_mtok: o.cached_input_per_mtok,
                    cache_write_per_mtok: o.cache_write_per_mtok,
                },
            ),
        };
        let started = match (o.tiers.is_some(), edit) {
            (true, _) => false,
            (false, ListEdit::Add) => {
                self.price_overrides[index].tiers = Some(tiers);
                true
            }
            (false, _) => return false,
        };
        let fresh = |s: &Scenario| new_tier(override_tiers(s, index), base);
        let copy = |s: &Scenario, t: &Tier| copy_tier(override_tiers(s, index), t);
        edit_vec(
            self,
            |s| s.price_overrides[index].tiers.get_or_insert_with(Vec::new),
            edit,
            fresh,
            copy,
        ) || started
    }

    /// The number of items in `list` (0 for the steps of a missing feature).
    pub fn list_len(&self, list: List) -> usize {
        match list {
            List::Features => self.features.len(),
            List::Steps { feature } => self.features.get(feature).map_or(0, |f| f.steps.len()),
            List::FixedCosts => self.fixed_costs.len(),
            List::Limits => self.limits.len(),
            List::CustomModels => self.custom_models.len(),
            List::PriceOverrides => self.price_overrides.len(),
            List::CustomModelTiers { model } => {
                self.custom_models.get(model).map_or(0, |m| m.tiers.len())
            }
            List::OverrideTiers { price_override } => self
                .price_overrides
                .get(price_override)
                .and_then(|o| o.tiers.as_ref())
                .map_or(0, Vec::len),
        }
    }

    /// Makes custom model `i` self-hosted (`gpu`) or billed per token
    /// again. A model turning self-hosted loses its token prices (a
    /// self-hosted model may not have any) and starts on
    /// [`SelfHosted::STARTING_POINT`]; one turning back loses its
    /// deployment and starts at no price. Rate-limit pools stop naming a
    /// model that turns self-hosted (its GPUs are its ceiling), and a pool
    /// left with no model goes. Returns `false` for a missing
    /// model; a model already priced that way is left as it is.
    pub fn set_self_hosted(&mut self, i: usize, gpu: bool) -> bool {
        let Some(m) = self.custom_models.get_mut(i) else {
            return false;
        };
        if m.self_hosted.is_some() == gpu {
            return true;
        }
        let fresh = if gpu {
            CustomModel::on_gpus(&m.id, &m.provider, SelfHosted::STARTING_POINT)
        } else {
            CustomModel::priced(&m.id, &m.provider, 0.0, 0.0)
        };
        *m = CustomModel {
            price_per_image: m.price_per_image,
            context_tokens: m.context_tokens,
            ..fresh
        };
        if gpu {
            // Its GPUs are its limit now: rate-limit pools stop naming it,
            // and a pool that named only it goes.
            let id = self.custom_models[i].id.clone();
            for l in &mut self.limits {
                if let Some(models) = &mut l.models {
                    models.retain(|m| *m != id);
                }
            }
            self.limits
                .retain(|l| l.models.as_ref().is_none_or(|m| !m.is_empty()));
        }
        true
    }

    /// Changes a step's kind: the fields of the old kind are cleared and the
    /// new kind's take sensible defaults (llm: model `"default"` and 0
    /// tokens; image: `NEW_IMAGE_PRICE` for one image; flat:
    /// `NEW_FLAT_PRICE`), so the step never carries a field the validator
    /// refuses. Name, runs, latency, concurrency and error rate stay.
    /// Returns whether the step changed (not when missing or already `kind`).
    pub fn set_step_kind(&mut self, feature: usize, step: usize, kind: StepKind) -> bool {
        let Some(st) = self
            .features
            .get_mut(feature)
            .and_then(|f| f.steps.get_mut(step))
        else {
            return false;
        };
        if st.kind == kind {
            return false;
        }
        let fresh = match kind {
            StepKind::Llm => Step::llm(&st.name, DEFAULT_MODEL_ALIAS, 0.0, 0.0),
            StepKind::Image => Step {
                price_per_image: Some(NEW_IMAGE_PRICE),
                images: Some(1.0),
                ..Step::new(&st.name, StepKind::Image)
            },
            StepKind::Flat => Step::flat(&st.name, NEW_FLAT_PRICE),
        };
        *st = Step {
            runs: st.runs,
            latency_s: st.latency_s,
            concurrency_limit: st.concurrency_limit,
            error_rate: st.error_rate,
            ..fresh
        };
        true
    }

    /// Changes a fixed cost's kind: a stepped cost gets `users_per_unit`
    /// (`NEW_USERS_PER_UNIT` unless it has one), the other kinds lose it.
    /// Returns whether the cost changed.
    pub fn set_fixed_cost_kind(&mut self, index: usize, kind: FixedKind) -> bool {
        let Some(c) = self.fixed_costs.get_mut(index) else {
            return false;
        };
        if c.kind == kind {
            return false;
        }
        c.kind = kind;
        c.users_per_unit = match kind {
            FixedKind::Stepped => Some(c.users_per_unit.unwrap_or(NEW_USERS_PER_UNIT)),
            FixedKind::Flat | FixedKind::PerUser => None,
        };
        true
    }
}

/// The shared skeleton of every list edit; `list` reaches the vector,
/// `fresh` builds a new item and `copy` a duplicate, both seeing the
/// scenario before the edit.
fn edit_vec<T: Clone>(
    s: &mut Scenario,
    list: impl Fn(&mut Scenario) -> &mut Vec<T>,
    edit: ListEdit,
    fresh: impl FnOnce(&Scenario) -> T,
    copy: impl FnOnce(&Scenario, &T) -> T,
) -> bool {
    let len = list(s).len();
    match edit {
        ListEdit::Add if len < MAX_ITEMS => {
            let item = fresh(&*s);
            list(s).push(item);
            true
        }
        ListEdit::Duplicate(i) if i < len && len < MAX_ITEMS => {
            let original = list(s)[i].clone();
            let item = copy(&*s, &original);
            list(s).insert(i + 1, item);
            true
        }
        ListEdit::Remove(i) if i < len => {
            list(s).remove(i);
            true
        }
        ListEdit::MoveUp(i) if i > 0 && i < len => {
            list(s).swap(i - 1, i);
            true
        }
        ListEdit::MoveDown(i) if i < len.saturating_sub(1) => {
            list(s).swap(i, i + 1);
            true
        }
        _ => false,
    }
}

/// A new feature: one action per user a day and one llm step on the
/// default model, for the user to fill in.
fn new_feature(features: &[Feature]) -> Feature {
    let name = numbered("Feature", ' ', features.len(), |n| {
        features.iter().any(|f| f.name == n)
    });
    Feature::new(&name, 1.0, vec![new_step(&[])])
}

/// A new llm step on the default model with no tokens yet.
fn new_step(steps: &[Step]) -> Step {
    let name = numbered("Step", ' ', steps.len(), |n| {
        steps.iter().any(|s| s.name == n)
    });
    Step::llm(&name, DEFAULT_MODEL_ALIAS, 0.0, 0.0)
}

/// A price override's tiers (none while it keeps the model's own).
fn override_tiers(s: &Scenario, index: usize) -> &[Tier] {
    s.price_overrides[index]
        .tiers
        .as_deref()
        .unwrap_or_default()
}

/// A new tier above the highest of `tiers` (`NEW_TIER_ABOVE` for the
/// first, then twice the highest threshold), at the prices of the tier
/// below it (`base`'s for the first), so adding one changes no figure
/// until its prices are edited.
fn new_tier(tiers: &[Tier], base: Tier) -> Tier {
    match tiers.iter().max_by_key(|t| t.above_input_tokens) {
        Some(top) => Tier {
            above_input_tokens: top.above_input_tokens.saturating_mul(2),
            ..top.clone()
        },
        None => Tier {
            above_input_tokens: NEW_TIER_ABOVE,
            ..base
        },
    }
}

/// A copy of tier `t`, inserted right after it: the same prices above a
/// threshold halfway to the next tier's (twice its own when it is the
/// highest), so the thresholds still rise where there is room.
fn copy_tier(tiers: &[Tier], t: &Tier) -> Tier {
    let above = t.above_input_tokens;
    let next = tiers
        .iter()
        .map(|x| x.above_input_tokens)
        .filter(|&x| x > above)
        .min();
    Tier {
        above_input_tokens: next.map_or(above.saturating_mul(2), |n| above + (n - above) / 2),
        ..t.clone()
    }
}

/// `"<base><sep><n>"` for the first `n` from `len + 1` that is not `taken`.
fn numbered(base: &str, sep: char, len: usize, taken: impl Fn(&str) -> bool) -> String {
    (len + 1..)
        .map(|n| format!("{base}{sep}{n}"))
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// The name of a copy: `"<name> (copy)"`, then `"<name> (copy 2)"`, …; an
/// unnamed item's copy is named after `base` (`"Feature (copy)"`).
fn copy_name(name: &str, base: &str, taken: impl Fn(&str) -> bool) -> String {
    let name = if name.trim().is_empty() { base } else { name };
    let tail = |n: usize| match n {
        1 => " (copy)".to_owned(),
        n => format!(" (copy {n})"),
    };
    unique(name, tail, taken)
}

/// The id of a copy: `"<id>-copy"`, then `"<id>-copy-2"`, …
fn copy_id(id: &str, taken: impl Fn(&str) -> bool) -> String {
    let tail = |n: usize| match n {
        1 => "-copy".to_owned(),
        n => format!("-copy-{n}"),
    };
    unique(id, tail, taken)
}

/// `base` followed by `tail(1)`, `tail(2)`, … until the result is not
/// `taken`; the base is shortened so the result stays within
/// `MAX_NAME_CHARS`.
fn unique(base: &str, tail: impl Fn(usize) -> String, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| {
            let tail = tail(n);
            let room = MAX_NAME_CHARS.saturating_sub(tail.chars().count());
            let head: String = base.chars().take(room).collect();
            format!("{head}{tail}")
        })
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// A provider without an entry for its other models (one without
/// `models`) yet: first those of the models the scenario uses (the default
/// model first), then the common ones, then `provider-N`. A provider whose
/// entries all list their models still has room for one such entry.
fn free_provider(s: &Scenario) -> String {
    let used = std::iter::once(s.default_model.as_str()).chain(
        s.features
            .iter()
            .flat_map(|f| &f.steps)
            .filter_map(|st| prices::step_model_id(s, st)),
    );
    let from_models = used.filter_map(|id| prices::lookup(s, id).map(|m| m.provider));
    let has_limit = |p: &str| {
        s.limits
            .iter()
            .any(|l| l.provider == p && l.models.is_none())
    };
    from_models
        .chain(COMMON_PROVIDERS.iter().map(|p| (*p).to_owned()))
        .find(|p| !has_limit(p))
        .unwrap_or_else(|| numbered("provider", '-', s.limits.len(), has_limit))
}

/// A model to override: the default model, else the first model a step
/// uses, else a custom model, that has no override yet; the default model
/// when all have one.
fn free_override_model(s: &Scenario) -> String {
    let overridden = |id: &str| s.price_overrides.iter().any(|o| o.model == id);
    std::iter::once(s.default_model.as_str())
        .chain(
            s.features
                .iter()
                .flat_map(|f| &f.steps)
                .filter_map(|st| prices::step_model_id(s, st)),
        )
        .chain(s.custom_models.iter().map(|m| m.id.as_str()))
        .find(|id| prices::exists(s, id) && !overridden(id))
        .unwrap_or(s.default_model.as_str())
        .to_owned()
}

/// Scenarios and list sets the tests of every room share.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::List;
    use crate::engine::Scenario;
    use crate::engine::validate::decode;

    /// A valid scenario with two of everything.
    pub(crate) fn sample() -> Scenario {
        decode(
            r#"{"version": 2, "name": "Sample", "users": 100, "default_model": "gpt-4o",
             "features": [
               {"name": "Post", "per_user_per_day": 2, "steps": [
                 {"name": "Draft", "kind": "llm", "model": "default", "input_tokens": 800,
                  "output_tokens": 150, "cached_share": 0.5, "cache_write_share": 0.25,
                  "reasoning_tokens": 100, "max_tokens": 1000, "latency_s": 2},
                 {"name": "Scrape", "kind": "flat", "price_per_run": 0.015,
                  "latency_s": 27, "concurrency_limit": 2, "error_rate": 0.1}]},
               {"name": "Tag", "per_user_per_day": 1, "steps": [
                 {"name": "Picture", "kind": "image", "price_per_image": 0.04, "images": 1}]}],
             "fixed_costs": [{"name": "Hosting", "kind": "flat", "monthly": 5},
               {"name": "Instances", "kind": "stepped", "monthly": 20, "users_per_unit": 500}],
             "limits": [{"provider": "openai", "rpm": 5000, "itpm": 40000},
               {"provider": "openrouter", "models": ["tiny", "llama-8b-memo"], "tpm": 100000}],
             "custom_models": [{"id": "llama-8b-memo", "provider": "openrouter",
               "input_per_mtok": 50, "output_per_mtok": 200, "cache_write_per_mtok": 60,
               "tiers": [{"above_input_tokens": 100000, "input_per_mtok": 100,
                          "output_per_mtok": 400},
                         {"above_input_tokens": 200000, "input_per_mtok": 150,
                          "output_per_mtok": 600, "cached_input_per_mtok": 15}]},
               {"id": "tiny", "provider": "openrouter", "input_per_mtok": 1, "output_per_mtok": 2}],
             "price_overrides": [{"model": "gpt-4o", "input_per_mtok": 2.5,
               "tiers": [{"above_input_tokens": 50000, "input_per_mtok": 5, "output_per_mtok": 20},
                         {"above_input_tokens": 100000, "input_per_mtok": 6,
                          "output_per_mtok": 24, "cache_write_per_mtok": 7}]},
               {"model": "tiny", "output_per_mtok": 3}]}"#,
        )
        .expect("the sample is valid")
    }

    pub(crate) fn names(s: &Scenario) -> Vec<&str> {
        s.features.iter().map(|f| f.name.as_str()).collect()
    }

    pub(crate) fn step_names(s: &Scenario, feature: usize) -> Vec<&str> {
        s.features[feature]
            .steps
            .iter()
            .map(|st| st.name.as_str())
            .collect()
    }

    pub(crate) const ALL_LISTS: [List; 8] = [
        List::Features,
        List::Steps { feature: 0 },
        List::FixedCosts,
        List::Limits,
        List::CustomModels,
        List::PriceOverrides,
        List::CustomModelTiers { model: 0 },
        List::OverrideTiers { price_override: 0 },
    ];
}

#[cfg(test)]
mod tests {
    use super::fixtures::{ALL_LISTS, names, sample, step_names};
    use super::*;
    use crate::engine::presets;

    #[test]
    fn add_feature_appends_a_numbered_feature_with_one_step() {
        let mut s = sample();
        assert!(s.edit_list(List::Features, ListEdit::Add));
        assert_eq!(names(&s), ["Post", "Tag", "Feature 3"]);
        let f = &s.features[2];
        assert_eq!(f.per_user_per_day, 1.0);
        assert_eq!(step_names(&s, 2), ["Step 1"]);
        assert_eq!(f.steps[0].model.as_deref(), Some("default"));
        assert!(s.validate().is_ok(), "{:?}", s.validate());
    }

    #[test]
    fn new_names_skip_names_already_taken() {
        let mut s = Scenario::default();
        s.edit_list(List::Features, ListEdit::Add);
        s.edit_list(List::Features, ListEdit::Add);
        s.edit_list(List::Features, ListEdit::Remove(0));
        s.edit_list(List::Features, ListEdit::Add);
        assert_eq!(names(&s), ["Feature 2", "Feature 3"]);
    }

    #[test]
    fn remove_feature_removes_only_that_one() {
        let mut s = sample();
        assert!(s.edit_list(List::Features, ListEdit::Remove(0)));
        assert_eq!(names(&s), ["Tag"]);
    }

    #[test]
    fn duplicate_feature_inserts_a_named_copy_after_it() {
        let mut s = sample();
        assert!(s.edit_list(List::Features, ListEdit::Duplicate(0)));
        assert!(s.edit_list(List::Features, ListEdit::Duplicate(0)));
        assert_eq!(names(&s), ["Post", "Post (copy 2)", "Post (copy)", "Tag"]);
        assert_eq!(s.features[1].steps, s.features[0].steps);
        assert!(s.validate().is_ok());
    }

    #[test]
    fn copies_of_unnamed_items_get_the_base_name() {
        let mut s = sample();
        s.features[1].name.clear();
        s.edit_list(List::Features, ListEdit::Duplicate(1));
        assert_eq!(s.features[2].name, "Feature (copy)");
    }

    #[test]
    fn copy_names_stay_within_the_name_limit() {
        let mut s = sample();
        s.features[0].name = "x".repeat(MAX_NAME_CHARS);
        s.edit_list(List::Features, ListEdit::Duplicate(0));
        assert_eq!(s.features[1].name.chars().count(), MAX_NAME_CHARS);
        assert!(s.features[1].name.ends_with(" (copy)"));
        assert!(s.validate().is_ok());
    }

    #[test]
    fn move_feature_up_and_down_swap_neighbours() {
        let mut s = sample();
        assert!(s.edit_list(List::Features, ListEdit::MoveDown(0)));
        assert_eq!(names(&s), ["Tag", "Post"]);
        assert!(s.edit_list(List::Features, ListEdit::MoveUp(1)));
        assert_eq!(names(&s), ["Post", "Tag"]);
    }

    #[test]
    fn moves_past_either_end_change_nothing() {
        for list in ALL_LISTS {
            let mut s = sample();
            let last = s.list_len(list) - 1;
            assert!(!s.edit_list(list, ListEdit::MoveUp(0)), "{list:?}");
            assert!(!s.edit_list(list, ListEdit::MoveDown(last)), "{list:?}");
            assert_eq!(s, sample(), "{list:?}");
        }
    }

    #[test]
    fn indices_out_of_range_change_nothing() {
        for list in ALL_LISTS {
            for edit in [
                ListEdit::Remove(9),
                ListEdit::Duplicate(9),
                ListEdit::MoveUp(9),
                ListEdit::MoveDown(9),
                ListEdit::MoveDown(usize::MAX),
                ListEdit::MoveUp(usize::MAX),
            ] {
                let mut s = sample();
                assert!(!s.edit_list(list, edit), "{list:?} {edit:?}");
                assert_eq!(s, sample(), "{list:?} {edit:?}");
            }
        }
        let mut s = sample();
        for edit in [ListEdit::Add, ListEdit::Remove(0), ListEdit::Duplicate(0)] {
            assert!(!s.edit_list(List::Steps { feature: 7 }, edit));
        }
        assert!(!s.set_step_kind(7, 0, StepKind::Flat));
        assert!(!s.set_step_kind(0, 7, StepKind::Flat));
        assert!(!s.set_fixed_cost_kind(7, FixedKind::Stepped));
        assert_eq!(s, sample());
    }

    #[test]
    fn lists_stop_growing_at_the_item_limit() {
        for list in ALL_LISTS {
            let mut s = sample();
            while s.list_len(list) < MAX_ITEMS {
                assert!(s.edit_list(list, ListEdit::Add), "{list:?}");
            }
            let full = s.clone();
            assert!(!s.edit_list(list, ListEdit::Add), "{list:?}");
            assert!(!s.edit_list(list, ListEdit::Duplicate(0)), "{list:?}");
            assert_eq!(s, full);
        }
    }

    #[test]
    fn every_list_supports_every_edit() {
        for list in ALL_LISTS {
            let mut s = sample();
            let n = s.list_len(list);
            assert!(s.edit_list(list, ListEdit::Add), "{list:?}");
            assert_eq!(s.list_len(list), n + 1);
            assert!(s.edit_list(list, ListEdit::Duplicate(0)), "{list:?}");
            assert_eq!(s.list_len(list), n + 2);
            assert!(s.edit_list(list, ListEdit::MoveDown(0)), "{list:?}");
            assert!(s.edit_list(list, ListEdit::MoveUp(1)), "{list:?}");
            assert!(s.edit_list(list, ListEdit::Remove(n + 1)), "{list:?}");
            assert!(s.edit_list(list, ListEdit::Remove(1)), "{list:?}");
            assert_eq!(s, sample(), "{list:?}");
        }
    }

    #[test]
    fn adds_and_duplicates_keep_the_scenario_valid() {
        for list in ALL_LISTS {
            let mut s = sample();
            for _ in 0..3 {
                s.edit_list(list, ListEdit::Add);
                s.edit_list(list, ListEdit::Duplicate(0));
            }
            assert!(s.validate().is_ok(), "{list:?}: {:?}", s.validate());
        }
        // From an empty scenario too.
        for list in ALL_LISTS {
            let mut s = Scenario::default();
            s.edit_list(List::Features, ListEdit::Add);
            for _ in 0..4 {
                s.edit_list(list, ListEdit::Add);
                s.edit_list(list, ListEdit::Duplicate(0));
            }
            assert!(s.validate().is_ok(), "{list:?}: {:?}", s.validate());
        }
    }

    #[test]
    fn steps_are_edited_within_their_feature() {
        let mut s = sample();
        let steps = List::Steps { feature: 0 };
        assert!(s.edit_list(steps, ListEdit::Add));
        assert_eq!(step_names(&s, 0), ["Draft", "Scrape", "Step 3"]);
        assert_eq!(
            s.features[0].steps[2],
            Step::llm("Step 3", "default", 0.0, 0.0)
        );
        assert!(s.edit_list(steps, ListEdit::Duplicate(1)));
        assert_eq!(
            step_names(&s, 0),
            ["Draft", "Scrape", "Scrape (copy)", "Step 3"]
        );
        assert_eq!(s.features[0].steps[2].price_per_run, Some(0.015));
        assert!(s.edit_list(steps, ListEdit::MoveUp(1)));
        assert_eq!(
            step_names(&s, 0),
            ["Scrape", "Draft", "Scrape (copy)", "Step 3"]
        );
        assert!(s.edit_list(steps, ListEdit::MoveDown(1)));
        assert!(s.edit_list(steps, ListEdit::Remove(0)));
        assert_eq!(step_names(&s, 0), ["Scrape (copy)", "Draft", "Step 3"]);
        assert_eq!(step_names(&s, 1), ["Picture"]);
    }

    #[test]
    fn fixed_costs_are_added_and_copied_by_name() {
        let mut s = sample();
        s.edit_list(List::FixedCosts, ListEdit::Add);
        s.edit_list(List::FixedCosts, ListEdit::Duplicate(1));
        let names: Vec<_> = s.fixed_costs.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Hosting", "Instances", "Instances (copy)", "Fixed cost 3"]
        );
        assert_eq!(s.fixed_costs[3].kind, FixedKind::Flat);
        assert_eq!(s.fixed_costs[2].users_per_unit, Some(500.0));
    }

    #[test]
    fn new_limits_go_to_providers_without_limits() {
        let mut s = sample();
        s.edit_list(List::Limits, ListEdit::Add);
        assert_eq!(s.limits[2].provider, "anthropic");
        assert_eq!(s.limits[2].keys, 1);
        // A copy keeps the limits for the next provider that has none.
        s.edit_list(List::Limits, ListEdit::Duplicate(0));
        assert_eq!(s.limits[1].provider, "gemini");
        assert_eq!(s.limits[1].rpm, Some(5000.0));
        s.edit_list(List::Limits, ListEdit::Add);
        assert_eq!(s.limits[4].provider, "provider-5");
        assert!(s.validate().is_ok());

        // The providers the scenario's models use come first.
        let mut s = Scenario {
            default_model: "claude-haiku-4-5".to_owned(),
            ..Scenario::default()
        };
        s.edit_list(List::Limits, ListEdit::Add);
        s.edit_list(List::Limits, ListEdit::Add);
        let providers: Vec<_> = s.limits.iter().map(|l| l.provider.as_str()).collect();
        assert_eq!(providers, ["anthropic", "openai"]);
    }

    #[test]
    fn custom_models_get_unique_ids() {
        let mut s = sample();
        s.edit_list(List::CustomModels, ListEdit::Add);
        s.edit_list(List::CustomModels, ListEdit::Add);
        s.edit_list(List::CustomModels, ListEdit::Duplicate(1));
        s.edit_list(List::CustomModels, ListEdit::Duplicate(1));
        let ids: Vec<_> = s.custom_models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "llama-8b-memo",
                "tiny",
                "tiny-copy-2",
                "tiny-copy",
                "custom-model-3",
                "custom-model-4"
            ]
        );
        assert_eq!(s.custom_models[2].input_per_mtok, 1.0);
        assert_eq!(s.custom_models[4].provider, "custom");
        assert!(s.validate().is_ok(), "{:?}", s.validate());
    }

    #[test]
    fn price_overrides_start_on_a_model_without_one() {
        let mut s = sample();
        s.edit_list(List::PriceOverrides, ListEdit::Add);
        assert_eq!(s.price_overrides[2].model, "llama-8b-memo");
        assert_eq!(s.price_overrides[2].input_per_mtok, None);
        s.edit_list(List::PriceOverrides, ListEdit::Add);
        assert_eq!(s.price_overrides[3].model, "gpt-4o");
        s.edit_list(List::PriceOverrides, ListEdit::Duplicate(0));
        assert_eq!(s.price_overrides[1], s.price_overrides[0]);
        assert!(s.validate().is_ok());
    }

    #[test]
    fn limits_make_pools_of_one_provider() {
        let mut s = sample();
        // openai's entry covers its other models: a pool of some of them
        // is a second openai entry that lists its models.
        s.edit_list(List::Limits, ListEdit::Add);
        s.limits[2].provider = "openai".to_owned();
        assert!(s.validate().is_err());
        assert!(s.set_field(
            "limits[2].models",
            FieldValue::OptionalList(Some(vec!["gpt-4o-mini".into()]))
        ));
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        // openrouter only has a pool of listed models, so a new entry
        // goes to it, for its other models.
        let mut s = Scenario {
            default_model: "tiny".to_owned(),
            ..sample()
        };
        s.limits.remove(0);
        s.edit_list(List::Limits, ListEdit::Add);
        assert_eq!(s.limits[1].provider, "openrouter");
        assert_eq!(s.limits[1].models, None);
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        // A copy of a pool covers the next provider's other models: the
        // listed models belong to the original's provider.
        s.edit_list(List::Limits, ListEdit::Duplicate(0));
        assert_eq!(s.limits[1].provider, "openai");
        assert_eq!(s.limits[1].models, None);
        assert_eq!(s.limits[1].tpm, Some(100_000.0));
        assert!(s.validate().is_ok(), "{:?}", s.validate());
    }

    #[test]
    fn custom_model_tiers_are_added_above_and_copied_between() {
        let mut s = sample();
        let tiers = List::CustomModelTiers { model: 0 };
        let above = |s: &Scenario| -> Vec<u32> {
            s.custom_models[0]
                .tiers
                .iter()
                .map(|t| t.above_input_tokens)
                .collect()
        };
        // A new tier: above the highest, at its prices.
        assert!(s.edit_list(tiers, ListEdit::Add));
        assert_eq!(above(&s), [100_000, 200_000, 400_000]);
        assert_eq!(
            s.custom_models[0].tiers[2],
            Tier {
                above_input_tokens: 400_000,
                ..s.custom_models[0].tiers[1].clone()
            }
        );
        // A copy: halfway to the next, or twice the highest.
        assert!(s.edit_list(tiers, ListEdit::Duplicate(0)));
        assert_eq!(above(&s), [100_000, 150_000, 200_000, 400_000]);
        assert_eq!(s.custom_models[0].tiers[1].input_per_mtok, 100.0);
        assert!(s.edit_list(tiers, ListEdit::Duplicate(3)));
        assert_eq!(above(&s), [100_000, 150_000, 200_000, 400_000, 800_000]);
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        // A model's first tier: above NEW_TIER_ABOVE at the model's prices.
        let tiny = List::CustomModelTiers { model: 1 };
        assert!(s.edit_list(tiny, ListEdit::Add));
        assert_eq!(
            s.custom_models[1].tiers,
            [Tier {
                above_input_tokens: NEW_TIER_ABOVE,
                input_per_mtok: 1.0,
                output_per_mtok: 2.0,
                cached_input_per_mtok: None,
                cache_write_per_mtok: None,
            }]
        );
        assert!(s.edit_list(tiny, ListEdit::Remove(0)));
        assert!(s.custom_models[1].tiers.is_empty());
        assert!(!s.edit_list(tiny, ListEdit::Remove(0)));
        // A missing model has no tiers to edit.
        let before = s.clone();
        assert!(!s.edit_list(List::CustomModelTiers { model: 5 }, ListEdit::Add));
        assert_eq!(s.list_len(List::CustomModelTiers { model: 5 }), 0);
        assert_eq!(s, before);
    }

    #[test]
    fn override_tiers_start_from_the_models_own() {
        let mut s = sample();
        s.edit_list(List::PriceOverrides, ListEdit::Add);
        assert_eq!(s.price_overrides[2].model, "llama-8b-memo");
        assert_eq!(s.price_overrides[2].tiers, None);
        let tiers = List::OverrideTiers { price_override: 2 };
        assert_eq!(s.list_len(tiers), 0);
        // While it keeps the model's tiers only Add changes anything.
        let before = s.clone();
        for edit in [
            ListEdit::Remove(0),
            ListEdit::Duplicate(0),
            ListEdit::MoveUp(0),
            ListEdit::MoveDown(0),
        ] {
            assert!(!s.edit_list(tiers, edit), "{edit:?}");
        }
        assert_eq!(s, before);
        let cost = |s: &Scenario| {
            let (rates, _) = prices::rates(s, "llama-8b-memo").unwrap();
            [50_000.0, 150_000.0, 300_000.0, 900_000.0].map(|input| {
                rates.llm_run_cost(&prices::RunTokens {
                    input,
                    output: 1000.0,
                    ..prices::RunTokens::default()
                })
            })
        };
        let costs = cost(&s);
        // Add copies the model's tiers, then adds one above at the same
        // prices: no figure changes.
        assert!(s.edit_list(tiers, ListEdit::Add));
        let own = &s.custom_models[0].tiers;
        assert_eq!(s.list_len(tiers), 3);
        assert_eq!(s.price_overrides[2].tiers.as_ref().unwrap()[..2], own[..]);
        assert_eq!(
            s.price_overrides[2].tiers.as_ref().unwrap()[2],
            Tier {
                above_input_tokens: 400_000,
                ..own[1].clone()
            }
        );
        assert_eq!(cost(&s), costs);
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        // Removing every tier leaves an empty list: no tiers at all.
        for _ in 0..3 {
            assert!(s.edit_list(tiers, ListEdit::Remove(0)));
        }
        assert_eq!(s.price_overrides[2].tiers, Some(Vec::new()));
        assert!(!s.edit_list(tiers, ListEdit::Remove(0)));
        // Then Add starts at the override's prices.
        assert!(s.edit_list(tiers, ListEdit::Add));
        assert_eq!(
            s.price_overrides[2].tiers.as_ref().unwrap()[..],
            [Tier {
                above_input_tokens: NEW_TIER_ABOVE,
                input_per_mtok: 50.0,
                output_per_mtok: 200.0,
                cached_input_per_mtok: None,
                cache_write_per_mtok: Some(60.0),
            }]
        );
        // An override of a model without tiers starts with the new one.
        assert!(s.edit_list(List::OverrideTiers { price_override: 1 }, ListEdit::Add));
        assert_eq!(s.list_len(List::OverrideTiers { price_override: 1 }), 1);
        assert_eq!(
            s.price_overrides[1].tiers.as_ref().unwrap()[0].output_per_mtok,
            3.0
        );
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        assert!(!s.edit_list(List::OverrideTiers { price_override: 9 }, ListEdit::Add));
    }

    #[test]
    fn step_kind_changes_clear_the_old_kind_and_set_defaults() {
        let mut s = sample();
        // llm → flat keeps the common fields.
        assert!(s.set_step_kind(0, 0, StepKind::Flat));
        let st = &s.features[0].steps[0];
        assert_eq!(
            *st,
            Step {
                latency_s: Some(2.0),
                ..Step::flat("Draft", NEW_FLAT_PRICE)
            }
        );
        // flat → image.
        assert!(s.set_step_kind(0, 1, StepKind::Image));
        let st = &s.features[0].steps[1];
        assert_eq!(st.price_per_image, Some(NEW_IMAGE_PRICE));
        assert_eq!(st.images, Some(1.0));
        assert_eq!(st.price_per_run, None);
        assert_eq!(st.concurrency_limit, Some(2));
        assert_eq!(st.error_rate, Some(0.1));
        // image → llm.
        assert!(s.set_step_kind(1, 0, StepKind::Llm));
        let st = &s.features[1].steps[0];
        assert_eq!(*st, Step::llm("Picture", "default", 0.0, 0.0));
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        // The same kind keeps every field.
        let before = s.clone();
        assert!(!s.set_step_kind(0, 0, StepKind::Flat));
        assert_eq!(s, before);
    }

    #[test]
    fn every_kind_change_leaves_no_foreign_field() {
        let kinds = [StepKind::Llm, StepKind::Image, StepKind::Flat];
        for from in kinds {
            for to in kinds {
                let mut s = sample();
                s.set_step_kind(0, 0, from);
                s.set_step_kind(0, 0, to);
                assert_eq!(s.features[0].steps[0].kind, to);
                assert!(
                    s.validate().is_ok(),
                    "{from:?} → {to:?}: {:?}",
                    s.validate()
                );
            }
        }
    }

    #[test]
    fn fixed_cost_kind_changes_add_or_drop_users_per_unit() {
        let mut s = sample();
        assert!(s.set_fixed_cost_kind(0, FixedKind::Stepped));
        assert_eq!(s.fixed_costs[0].users_per_unit, Some(NEW_USERS_PER_UNIT));
        assert!(s.set_fixed_cost_kind(1, FixedKind::PerUser));
        assert_eq!(s.fixed_costs[1].users_per_unit, None);
        assert!(s.set_fixed_cost_kind(1, FixedKind::Stepped));
        assert_eq!(s.fixed_costs[1].users_per_unit, Some(NEW_USERS_PER_UNIT));
        assert!(!s.set_fixed_cost_kind(1, FixedKind::Stepped));
        assert!(s.validate().is_ok());
    }

    #[test]
    fn presets_survive_every_edit_of_their_first_items() {
        for preset in presets::all() {
            let mut s = preset.scenario();
            for list in ALL_LISTS {
                s.edit_list(list, ListEdit::Duplicate(0));
                s.edit_list(list, ListEdit::Add);
                s.edit_list(list, ListEdit::MoveDown(0));
            }
            assert!(s.validate().is_ok(), "{}: {:?}", preset.id, s.validate());
        }
    }
}
