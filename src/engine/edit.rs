//! Edits of a scenario as the editor makes them, as plain methods the page
//! calls: structural edits of its lists (add, remove, duplicate, move up or
//! down a feature, a step, a fixed cost, a limit, a custom model, a price
//! override or a long-context tier of either), changes of a step's or a fixed cost's kind that never leave
//! fields of the old kind behind, and reading and writing one form field by
//! the same field path the validator reports (`features[1].steps[0].runs`),
//! with the parsing of the text a user typed.
//!
//! Every edit is total: an index out of range, an unknown path or a value of
//! the wrong type changes nothing and never panics. Range checks stay in
//! `validate`: an edit may write a value the validator then refuses, so the
//! page can show the engine's message next to the field. Pure Rust; no web
//! crates.

use std::fmt;

use super::prices;
use super::scenario::{
    CustomModel, DEFAULT_MODEL_ALIAS, Feature, FixedCost, FixedKind, Limit, PriceOverride, Route,
    Scenario, Step, StepKind, Tier,
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
                let fresh = |s: &Scenario| CustomModel {
                    id: numbered("custom-model", '-', s.custom_models.len(), |n| {
                        prices::exists(s, n)
                    }),
                    provider: "custom".to_owned(),
                    input_per_mtok: 0.0,
                    output_per_mtok: 0.0,
                    cached_input_per_mtok: None,
                    cache_write_per_mtok: None,
                    batch_discount: None,
                    price_per_image: None,
                    context_tokens: None,
                    tiers: Vec::new(),
                };
                // Ids must be unique, so a copy gets `<id>-copy`.
                let copy = |s: &Scenario, m: &CustomModel| CustomModel {
                    id: copy_id(&m.id, |n| prices::exists(s, n)),
                    ..m.clone()
                };
                edit_vec(self, |s| &mut s.custom_models, edit, fresh, copy)
            }
            List::PriceOverrides => {
                let fresh = |s: &Scenario| PriceOverride {
                    model: free_override_model(s),
                    input_per_mtok: None,
                    output_per_mtok: None,
                    cached_input_per_mtok: None,
                    cache_write_per_mtok: None,
                    batch_discount: None,
                    price_per_image: None,
                    context_tokens: None,
                    tiers: None,
                };
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

/// The value of one form field, typed as the scenario holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    /// A name, an id, or a kind (`"llm"`, `"stepped"`).
    Text(String),
    /// An optional id (a step's model); empty text is `None`.
    OptionalText(Option<String>),
    Number(f64),
    /// Empty text is `None`.
    OptionalNumber(Option<f64>),
    /// A count such as `horizon_months` or `keys`.
    Whole(u32),
    /// Empty text is `None`.
    OptionalWhole(Option<u32>),
    /// An optional list of ids (a limit pool's `models`), typed as
    /// comma-separated text: items are trimmed, empty items dropped, and
    /// text with no item is `None`. An id holding a comma cannot be typed.
    OptionalList(Option<Vec<String>>),
}

/// Why typed text is not a value for its field. The scenario keeps its
/// value; the page shows this next to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Empty where a number is required, or not a number at all.
    NotANumber,
    /// A comma that does not group thousands ("0,5"): a decimal comma
    /// would silently be read as a thousands separator, so it is refused.
    DecimalComma,
    /// A number where a whole number from 0 to `u32::MAX` is required.
    NotWhole,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputError::NotANumber => "Enter a number",
            InputError::DecimalComma => {
                "Use a point for decimals (0.5); a comma only groups thousands (1,200)"
            }
            InputError::NotWhole => "Enter a whole number (0 or more)",
        })
    }
}

impl std::error::Error for InputError {}

impl FieldValue {
    /// The value as a form field shows it: numbers in plain decimal (no
    /// exponent, no rounding, so they read back exactly), `None` as empty.
    pub fn text(&self) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::OptionalText(t) => t.clone().unwrap_or_default(),
            FieldValue::Number(x) => number_text(*x),
            FieldValue::OptionalNumber(x) => x.map(number_text).unwrap_or_default(),
            FieldValue::Whole(n) => n.to_string(),
            FieldValue::OptionalWhole(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            FieldValue::OptionalList(items) => items.as_deref().unwrap_or_default().join(", "),
        }
    }

    /// Whether empty text is a value (`None`) for this field.
    pub fn is_optional(&self) -> bool {
        matches!(
            self,
            FieldValue::OptionalText(_)
                | FieldValue::OptionalNumber(_)
                | FieldValue::OptionalWhole(_)
                | FieldValue::OptionalList(_)
        )
    }

    /// Whether the field holds a number (whole or not, optional or not).
    pub fn is_numeric(&self) -> bool {
        !matches!(
            self,
            FieldValue::Text(_) | FieldValue::OptionalText(_) | FieldValue::OptionalList(_)
        )
    }

    /// Parses `text` as a value of the same type as `self`. Text is trimmed;
    /// numbers may carry a leading `$` and thousands separators (`1,200`).
    pub fn parse_as(&self, text: &str) -> Result<FieldValue, InputError> {
        let text = text.trim();
        let blank = text.is_empty();
        Ok(match self {
            FieldValue::Text(_) => FieldValue::Text(text.to_owned()),
            FieldValue::OptionalText(_) => {
                FieldValue::OptionalText((!blank).then(|| text.to_owned()))
            }
            FieldValue::Number(_) => FieldValue::Number(parse_number(text)?),
            FieldValue::OptionalNumber(_) if blank => FieldValue::OptionalNumber(None),
            FieldValue::OptionalNumber(_) => FieldValue::OptionalNumber(Some(parse_number(text)?)),
            FieldValue::Whole(_) => FieldValue::Whole(parse_whole(text)?),
            FieldValue::OptionalWhole(_) if blank => FieldValue::OptionalWhole(None),
            FieldValue::OptionalWhole(_) => FieldValue::OptionalWhole(Some(parse_whole(text)?)),
            FieldValue::OptionalList(_) => FieldValue::OptionalList(parse_list(text)),
        })
    }
}

/// A number in plain decimal, exactly as stored: Rust prints the shortest
/// text that reads back to the same `f64` and never uses an exponent.
pub fn number_text(x: f64) -> String {
    if x == 0.0 {
        // Also turns -0 into "0".
        "0".to_owned()
    } else if x.is_finite() {
        x.to_string()
    } else {
        String::new()
    }
}

/// A typed number: spaces, a leading `$` and correctly placed thousands
/// separators are allowed; infinity and NaN are not numbers.
pub fn parse_number(text: &str) -> Result<f64, InputError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.contains(',') && !thousands_grouped(&cleaned) {
        // "0,5" may mean a half or five: refuse rather than guess.
        return Err(InputError::DecimalComma);
    }
    let x: f64 = cleaned
        .replace(',', "")
        .parse()
        .map_err(|_| InputError::NotANumber)?;
    if x.is_finite() {
        Ok(x)
    } else {
        Err(InputError::NotANumber)
    }
}

/// A typed comma-separated list (`"gpt-4o, gpt-4o-mini"`): each item
/// trimmed, empty items dropped; `None` when no item is left.
pub fn parse_list(text: &str) -> Option<Vec<String>> {
    let items: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect();
    (!items.is_empty()).then_some(items)
}

/// A typed whole number from 0 to `u32::MAX` (`3.0` counts as 3).
pub fn parse_whole(text: &str) -> Result<u32, InputError> {
    let x = parse_number(text)?;
    if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
        Ok(x as u32)
    } else {
        Err(InputError::NotWhole)
    }
}

/// `1,234,567.8`: groups of three digits after the first group of one to
/// three, and no comma after the decimal point.
fn thousands_grouped(text: &str) -> bool {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let int = int.trim_start_matches(['-', '+']);
    let mut groups = int.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        && !frac.contains(',')
}

/// One segment of a field path: `features[1]` or `cached_share`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg<'p> {
    name: &'p str,
    index: Option<usize>,
}

/// Splits `features[1].steps[0].runs` into its segments.
fn parse_path(path: &str) -> Option<Vec<Seg<'_>>> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            None if !part.is_empty() => Some(Seg {
                name: part,
                index: None,
            }),
            None => None,
            Some((name, rest)) => Some(Seg {
                name,
                index: Some(rest.strip_suffix(']')?.parse().ok()?),
            }),
        })
        .collect()
}

/// Where a kind lives: kinds change through `set_step_kind` and
/// `set_fixed_cost_kind`, which keep the other fields consistent.
enum KindAt {
    Step(usize, usize),
    FixedCost(usize),
}

/// A routed step's fields (`features[i].steps[j].route.model` and
/// `.route.share`): the route is optional as a whole, so its fields are read
/// and written here, not through the field table. A model without a share
/// routes nothing yet; a share without a model routes to `"default"`.
fn route_at<'a>(segs: &[Seg<'a>]) -> Option<(usize, usize, &'a str)> {
    match segs {
        [
            Seg {
                name: "features",
                index: Some(i),
            },
            Seg {
                name: "steps",
                index: Some(j),
            },
            Seg {
                name: "route",
                index: None,
            },
            Seg {
                name: field @ ("model" | "share"),
                index: None,
            },
        ] => Some((*i, *j, *field)),
        _ => None,
    }
}

fn kind_at(segs: &[Seg<'_>]) -> Option<KindAt> {
    match segs {
        [
            Seg {
                name: "features",
                index: Some(i),
            },
            Seg {
                name: "steps",
                index: Some(j),
            },
            Seg {
                name: "kind",
                index: None,
            },
        ] => Some(KindAt::Step(*i, *j)),
        [
            Seg {
                name: "fixed_costs",
                index: Some(i),
            },
            Seg {
                name: "kind",
                index: None,
            },
        ] => Some(KindAt::FixedCost(*i)),
        _ => None,
    }
}

fn parse_step_kind(text: &str) -> Option<StepKind> {
    [StepKind::Llm, StepKind::Image, StepKind::Flat]
        .into_iter()
        .find(|k| k.as_str() == text)
}

fn parse_fixed_kind(text: &str) -> Option<FixedKind> {
    [FixedKind::Flat, FixedKind::PerUser, FixedKind::Stepped]
        .into_iter()
        .find(|k| k.as_str() == text)
}

/// A field of the scenario, borrowed.
enum SlotRef<'a> {
    Text(&'a String),
    OptionalText(&'a Option<String>),
    Number(&'a f64),
    OptionalNumber(&'a Option<f64>),
    Whole(&'a u32),
    OptionalWhole(&'a Option<u32>),
    OptionalList(&'a Option<Vec<String>>),
}

/// A field of the scenario, borrowed to be written.
enum SlotMut<'a> {
    Text(&'a mut String),
    OptionalText(&'a mut Option<String>),
    Number(&'a mut f64),
    OptionalNumber(&'a mut Option<f64>),
    Whole(&'a mut u32),
    OptionalWhole(&'a mut Option<u32>),
    OptionalList(&'a mut Option<Vec<String>>),
}

/// The one table of editable fields and their paths, written once and
/// expanded twice: for reading (`&`, `get`) and for writing (`&mut`,
/// `get_mut`). Kinds are not in it (see `KindAt`), nor `version` and
/// `catalog`, which the editor does not change.
macro_rules! field_table {
    ($name:ident, $Slot:ident, $get:ident $(, $m:tt)?) => {
        fn $name<'a>(s: &'a $($m)? Scenario, segs: &[Seg<'_>]) -> Option<$Slot<'a>> {
            use $Slot::*;
            Some(match segs {
                [Seg { name: field, index: None }] => match *field {
                    "name" => Text(&$($m)? s.name),
                    "users" => Number(&$($m)? s.users),
                    "days_per_month" => Number(&$($m)? s.days_per_month),
                    "peak_factor" => Number(&$($m)? s.peak_factor),
                    "growth" => Number(&$($m)? s.growth),
                    "churn" => Number(&$($m)? s.churn),
                    "horizon_months" => Whole(&$($m)? s.horizon_months),
                    "default_model" => Text(&$($m)? s.default_model),
                    _ => return None,
                },
                [
                    Seg { name: "pricing", index: None },
                    Seg { name: field, index: None },
                ] => {
                    let p = &$($m)? s.pricing;
                    match *field {
                        "price_per_paying_user" => Number(&$($m)? p.price_per_paying_user),
                        "paying_share" => Number(&$($m)? p.paying_share),
                        "payment_fee_share" => Number(&$($m)? p.payment_fee_share),
                        "target_margin" => Number(&$($m)? p.target_margin),
                        _ => return None,
                    }
                }
                [
                    Seg { name: "budget", index: None },
                    Seg { name: field, index: None },
                ] => {
                    let b = &$($m)? s.budget;
                    match *field {
                        "monthly_cap" => OptionalNumber(&$($m)? b.monthly_cap),
                        "daily_alert" => OptionalNumber(&$($m)? b.daily_alert),
                        "credit_balance" => OptionalNumber(&$($m)? b.credit_balance),
                        _ => return None,
                    }
                }
                [
                    Seg { name: "features", index: Some(i) },
                    Seg { name: "steps", index: Some(j) },
                    Seg { name: field, index: None },
                ] => {
                    let st = s.features.$get(*i)?.steps.$get(*j)?;
                    match *field {
                        "name" => Text(&$($m)? st.name),
                        "runs" => Number(&$($m)? st.runs),
                        "model" => OptionalText(&$($m)? st.model),
                        "input_tokens" => OptionalNumber(&$($m)? st.input_tokens),
                        "output_tokens" => OptionalNumber(&$($m)? st.output_tokens),
                        "cached_share" => OptionalNumber(&$($m)? st.cached_share),
                        "cache_write_share" => OptionalNumber(&$($m)? st.cache_write_share),
                        "reasoning_tokens" => OptionalNumber(&$($m)? st.reasoning_tokens),
                        "max_tokens" => OptionalNumber(&$($m)? st.max_tokens),
                        "batch_share" => OptionalNumber(&$($m)? st.batch_share),
                        "price_per_image" => OptionalNumber(&$($m)? st.price_per_image),
                        "images" => OptionalNumber(&$($m)? st.images),
                        "price_per_run" => OptionalNumber(&$($m)? st.price_per_run),
                        "latency_s" => OptionalNumber(&$($m)? st.latency_s),
                        "concurrency_limit" => OptionalWhole(&$($m)? st.concurrency_limit),
                        "error_rate" => OptionalNumber(&$($m)? st.error_rate),
                        _ => return None,
                    }
                }
                [
                    Seg { name: list, index: Some(i) },
                    Seg { name: "tiers", index: Some(k) },
                    Seg { name: field, index: None },
                ] => {
                    let t = match *list {
                        "custom_models" => s.custom_models.$get(*i)?.tiers.$get(*k)?,
                        "price_overrides" => {
                            match &$($m)? s.price_overrides.$get(*i)?.tiers {
                                Some(tiers) => tiers.$get(*k)?,
                                None => return None,
                            }
                        }
                        _ => return None,
                    };
                    match *field {
                        "above_input_tokens" => Whole(&$($m)? t.above_input_tokens),
                        "input_per_mtok" => Number(&$($m)? t.input_per_mtok),
                        "output_per_mtok" => Number(&$($m)? t.output_per_mtok),
                        "cached_input_per_mtok" => {
                            OptionalNumber(&$($m)? t.cached_input_per_mtok)
                        }
                        "cache_write_per_mtok" => OptionalNumber(&$($m)? t.cache_write_per_mtok),
                        _ => return None,
                    }
                }
                // One id of a limit pool's `models`, where the validator
                // reports what is wrong with it; the editor types the list
                // as a whole (`limits[i].models`).
                [
                    Seg { name: "limits", index: Some(i) },
                    Seg { name: "models", index: Some(k) },
                ] => match &$($m)? s.limits.$get(*i)?.models {
                    Some(models) => Text(models.$get(*k)?),
                    None => return None,
                },
                [
                    Seg { name: list, index: Some(i) },
                    Seg { name: field, index: None },
                ] => match *list {
                    "features" => {
                        let f = s.features.$get(*i)?;
                        match *field {
                            "name" => Text(&$($m)? f.name),
                            "per_user_per_day" => Number(&$($m)? f.per_user_per_day),
                            "fixed_per_day" => Number(&$($m)? f.fixed_per_day),
                            "cache_hit_rate" => Number(&$($m)? f.cache_hit_rate),
                            "backlog_per_new_user" => Number(&$($m)? f.backlog_per_new_user),
                            _ => return None,
                        }
                    }
                    "fixed_costs" => {
                        let c = s.fixed_costs.$get(*i)?;
                        match *field {
                            "name" => Text(&$($m)? c.name),
                            "monthly" => Number(&$($m)? c.monthly),
                            "users_per_unit" => OptionalNumber(&$($m)? c.users_per_unit),
                            _ => return None,
                        }
                    }
                    "limits" => {
                        let l = s.limits.$get(*i)?;
                        match *field {
                            "provider" => Text(&$($m)? l.provider),
                            "models" => OptionalList(&$($m)? l.models),
                            "rpm" => OptionalNumber(&$($m)? l.rpm),
                            "rpd" => OptionalNumber(&$($m)? l.rpd),
                            "tpm" => OptionalNumber(&$($m)? l.tpm),
                            "itpm" => OptionalNumber(&$($m)? l.itpm),
                            "otpm" => OptionalNumber(&$($m)? l.otpm),
                            "tpd" => OptionalNumber(&$($m)? l.tpd),
                            "keys" => Whole(&$($m)? l.keys),
                            _ => return None,
                        }
                    }
                    "custom_models" => {
                        let c = s.custom_models.$get(*i)?;
                        match *field {
                            "id" => Text(&$($m)? c.id),
                            "provider" => Text(&$($m)? c.provider),
                            "input_per_mtok" => Number(&$($m)? c.input_per_mtok),
                            "output_per_mtok" => Number(&$($m)? c.output_per_mtok),
                            "cached_input_per_mtok" => {
                                OptionalNumber(&$($m)? c.cached_input_per_mtok)
                            }
                            "cache_write_per_mtok" => {
                                OptionalNumber(&$($m)? c.cache_write_per_mtok)
                            }
                            "batch_discount" => OptionalNumber(&$($m)? c.batch_discount),
                            "price_per_image" => OptionalNumber(&$($m)? c.price_per_image),
                            "context_tokens" => OptionalWhole(&$($m)? c.context_tokens),
                            _ => return None,
                        }
                    }
                    "price_overrides" => {
                        let o = s.price_overrides.$get(*i)?;
                        match *field {
                            "model" => Text(&$($m)? o.model),
                            "input_per_mtok" => OptionalNumber(&$($m)? o.input_per_mtok),
                            "output_per_mtok" => OptionalNumber(&$($m)? o.output_per_mtok),
                            "cached_input_per_mtok" => {
                                OptionalNumber(&$($m)? o.cached_input_per_mtok)
                            }
                            "cache_write_per_mtok" => {
                                OptionalNumber(&$($m)? o.cache_write_per_mtok)
                            }
                            "batch_discount" => OptionalNumber(&$($m)? o.batch_discount),
                            "price_per_image" => OptionalNumber(&$($m)? o.price_per_image),
                            "context_tokens" => OptionalWhole(&$($m)? o.context_tokens),
                            _ => return None,
                        }
                    }
                    _ => return None,
                },
                _ => return None,
            })
        }
    };
}

field_table!(slot_ref, SlotRef, get);
field_table!(slot_mut, SlotMut, get_mut, mut);

impl Scenario {
    /// The field at `path` (the validator's paths: `users`,
    /// `pricing.target_margin`, `features[1].steps[0].kind`), or `None` for
    /// an unknown path or a missing item. Kinds read as their JSON names.
    pub fn field(&self, path: &str) -> Option<FieldValue> {
        let segs = parse_path(path)?;
        match kind_at(&segs) {
            Some(KindAt::Step(i, j)) => {
                let kind = self.features.get(i)?.steps.get(j)?.kind;
                return Some(FieldValue::Text(kind.as_str().to_owned()));
            }
            Some(KindAt::FixedCost(i)) => {
                let kind = self.fixed_costs.get(i)?.kind;
                return Some(FieldValue::Text(kind.as_str().to_owned()));
            }
            None => {}
        }
        if let Some((i, j, field)) = route_at(&segs) {
            let route = self.features.get(i)?.steps.get(j)?.route.as_ref();
            return Some(if field == "model" {
                FieldValue::OptionalText(route.map(|r| r.model.clone()))
            } else {
                FieldValue::OptionalNumber(route.map(|r| r.share))
            });
        }
        Some(match slot_ref(self, &segs)? {
            SlotRef::Text(x) => FieldValue::Text(x.clone()),
            SlotRef::OptionalText(x) => FieldValue::OptionalText(x.clone()),
            SlotRef::Number(x) => FieldValue::Number(*x),
            SlotRef::OptionalNumber(x) => FieldValue::OptionalNumber(*x),
            SlotRef::Whole(x) => FieldValue::Whole(*x),
            SlotRef::OptionalWhole(x) => FieldValue::OptionalWhole(*x),
            SlotRef::OptionalList(x) => FieldValue::OptionalList(x.clone()),
        })
    }

    /// Writes `value` into the field at `path`. Returns `false`, changing
    /// nothing, for an unknown path, a missing item, a value of another type
    /// than the field's, or an unknown kind name. A kind changes through
    /// [`Scenario::set_step_kind`] or [`Scenario::set_fixed_cost_kind`].
    pub fn set_field(&mut self, path: &str, value: FieldValue) -> bool {
        let Some(segs) = parse_path(path) else {
            return false;
        };
        if let Some(at) = kind_at(&segs) {
            let FieldValue::Text(name) = value else {
                return false;
            };
            return match at {
                KindAt::Step(i, j) => parse_step_kind(&name).is_some_and(|k| {
                    self.set_step_kind(i, j, k);
                    self.features.get(i).is_some_and(|f| j < f.steps.len())
                }),
                KindAt::FixedCost(i) => parse_fixed_kind(&name).is_some_and(|k| {
                    self.set_fixed_cost_kind(i, k);
                    i < self.fixed_costs.len()
                }),
            };
        }
        if let Some((i, j, field)) = route_at(&segs) {
            let Some(step) = self.features.get_mut(i).and_then(|f| f.steps.get_mut(j)) else {
                return false;
            };
            let share = step.route.as_ref().map_or(0.0, |r| r.share);
            let model = step.route.as_ref().map(|r| r.model.clone());
            step.route = match (field, value) {
                ("model", FieldValue::OptionalText(None))
                | ("share", FieldValue::OptionalNumber(None)) => None,
                ("model", FieldValue::OptionalText(Some(model))) => Some(Route { model, share }),
                ("share", FieldValue::OptionalNumber(Some(share))) => Some(Route {
                    model: model.unwrap_or_else(|| DEFAULT_MODEL_ALIAS.to_owned()),
                    share,
                }),
                _ => return false,
            };
            return true;
        }
        match (slot_mut(self, &segs), value) {
            (Some(SlotMut::Text(x)), FieldValue::Text(v)) => *x = v,
            (Some(SlotMut::OptionalText(x)), FieldValue::OptionalText(v)) => *x = v,
            (Some(SlotMut::Number(x)), FieldValue::Number(v)) => *x = v,
            (Some(SlotMut::OptionalNumber(x)), FieldValue::OptionalNumber(v)) => *x = v,
            (Some(SlotMut::Whole(x)), FieldValue::Whole(v)) => *x = v,
            (Some(SlotMut::OptionalWhole(x)), FieldValue::OptionalWhole(v)) => *x = v,
            (Some(SlotMut::OptionalList(x)), FieldValue::OptionalList(v)) => *x = v,
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets;
    use crate::engine::validate::decode;

    /// A valid scenario with two of everything.
    fn sample() -> Scenario {
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

    fn names(s: &Scenario) -> Vec<&str> {
        s.features.iter().map(|f| f.name.as_str()).collect()
    }

    fn step_names(s: &Scenario, feature: usize) -> Vec<&str> {
        s.features[feature]
            .steps
            .iter()
            .map(|st| st.name.as_str())
            .collect()
    }

    const ALL_LISTS: [List; 8] = [
        List::Features,
        List::Steps { feature: 0 },
        List::FixedCosts,
        List::Limits,
        List::CustomModels,
        List::PriceOverrides,
        List::CustomModelTiers { model: 0 },
        List::OverrideTiers { price_override: 0 },
    ];

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
    fn item_paths_prefix_their_fields() {
        let s = sample();
        let cases = [
            (List::Features, 1, "features[1]", "name", "Tag"),
            (
                List::Steps { feature: 0 },
                1,
                "features[0].steps[1]",
                "name",
                "Scrape",
            ),
            (List::FixedCosts, 0, "fixed_costs[0]", "name", "Hosting"),
            (List::Limits, 1, "limits[1]", "provider", "openrouter"),
            (List::CustomModels, 1, "custom_models[1]", "id", "tiny"),
            (
                List::PriceOverrides,
                1,
                "price_overrides[1]",
                "model",
                "tiny",
            ),
            (
                List::CustomModelTiers { model: 0 },
                1,
                "custom_models[0].tiers[1]",
                "above_input_tokens",
                "200000",
            ),
            (
                List::OverrideTiers { price_override: 0 },
                0,
                "price_overrides[0].tiers[0]",
                "input_per_mtok",
                "5",
            ),
        ];
        for (list, index, path, field, text) in cases {
            assert_eq!(list.item_path(index), path);
            let value = s.field(&format!("{path}.{field}")).map(|v| v.text());
            assert_eq!(value.as_deref(), Some(text), "{path}");
        }
    }

    #[test]
    fn fields_read_by_the_validators_paths() {
        let s = sample();
        let cases = [
            ("name", FieldValue::Text("Sample".into())),
            ("users", FieldValue::Number(100.0)),
            ("horizon_months", FieldValue::Whole(12)),
            ("default_model", FieldValue::Text("gpt-4o".into())),
            ("pricing.paying_share", FieldValue::Number(1.0)),
            ("pricing.target_margin", FieldValue::Number(0.0)),
            ("budget.monthly_cap", FieldValue::OptionalNumber(None)),
            ("features[1].name", FieldValue::Text("Tag".into())),
            ("features[0].per_user_per_day", FieldValue::Number(2.0)),
            (
                "features[0].steps[0].model",
                FieldValue::OptionalText(Some("default".into())),
            ),
            (
                "features[0].steps[0].cached_share",
                FieldValue::OptionalNumber(Some(0.5)),
            ),
            ("features[0].steps[1].kind", FieldValue::Text("flat".into())),
            (
                "features[0].steps[1].concurrency_limit",
                FieldValue::OptionalWhole(Some(2)),
            ),
            ("fixed_costs[1].kind", FieldValue::Text("stepped".into())),
            (
                "fixed_costs[1].users_per_unit",
                FieldValue::OptionalNumber(Some(500.0)),
            ),
            ("limits[0].rpm", FieldValue::OptionalNumber(Some(5000.0))),
            ("limits[1].keys", FieldValue::Whole(1)),
            ("custom_models[0].input_per_mtok", FieldValue::Number(50.0)),
            (
                "custom_models[1].context_tokens",
                FieldValue::OptionalWhole(None),
            ),
            (
                "price_overrides[0].model",
                FieldValue::Text("gpt-4o".into()),
            ),
            (
                "price_overrides[1].output_per_mtok",
                FieldValue::OptionalNumber(Some(3.0)),
            ),
            // Version 2.
            (
                "features[0].steps[0].cache_write_share",
                FieldValue::OptionalNumber(Some(0.25)),
            ),
            (
                "features[0].steps[0].reasoning_tokens",
                FieldValue::OptionalNumber(Some(100.0)),
            ),
            (
                "features[0].steps[0].max_tokens",
                FieldValue::OptionalNumber(Some(1000.0)),
            ),
            (
                "features[0].steps[1].max_tokens",
                FieldValue::OptionalNumber(None),
            ),
            ("limits[0].models", FieldValue::OptionalList(None)),
            (
                "limits[1].models",
                FieldValue::OptionalList(Some(vec!["tiny".into(), "llama-8b-memo".into()])),
            ),
            (
                "limits[1].models[1]",
                FieldValue::Text("llama-8b-memo".into()),
            ),
            ("limits[0].rpd", FieldValue::OptionalNumber(None)),
            ("limits[0].itpm", FieldValue::OptionalNumber(Some(40000.0))),
            ("limits[0].otpm", FieldValue::OptionalNumber(None)),
            (
                "custom_models[0].cache_write_per_mtok",
                FieldValue::OptionalNumber(Some(60.0)),
            ),
            (
                "custom_models[0].tiers[1].above_input_tokens",
                FieldValue::Whole(200_000),
            ),
            (
                "custom_models[0].tiers[1].output_per_mtok",
                FieldValue::Number(600.0),
            ),
            (
                "custom_models[0].tiers[1].cached_input_per_mtok",
                FieldValue::OptionalNumber(Some(15.0)),
            ),
            (
                "custom_models[0].tiers[0].cache_write_per_mtok",
                FieldValue::OptionalNumber(None),
            ),
            (
                "price_overrides[1].cache_write_per_mtok",
                FieldValue::OptionalNumber(None),
            ),
            (
                "price_overrides[0].tiers[1].cache_write_per_mtok",
                FieldValue::OptionalNumber(Some(7.0)),
            ),
            (
                "price_overrides[0].tiers[0].above_input_tokens",
                FieldValue::Whole(50_000),
            ),
        ];
        for (path, want) in cases {
            assert_eq!(s.field(path), Some(want), "{path}");
        }
    }

    #[test]
    fn unknown_paths_and_missing_items_read_nothing_and_write_nothing() {
        let mut s = sample();
        for path in [
            "",
            "usres",
            "version",
            "features",
            "features[2].name",
            "features[0].steps[5].runs",
            "features[0].steps.runs",
            "features[x].name",
            "features[0.name",
            "features[0].nope",
            "pricing",
            "pricing[0].paying_share",
            "budget.cap",
            "limits[9].rpm",
            "custom_models[0].steps[0].runs",
            "fixed_costs[5].kind",
            "features[0].steps[9].kind",
            "name.",
            "limits[0].models[0]",
            "limits[1].models[2]",
            "limits[1].models[0].id",
            "limits[1].rpd[0]",
            "custom_models[0].tiers",
            "custom_models[0].tiers[2].input_per_mtok",
            "custom_models[1].tiers[0].input_per_mtok",
            "custom_models[0].tiers[0].nope",
            "custom_models[0].tiers.input_per_mtok",
            "price_overrides[1].tiers[0].input_per_mtok",
            "features[0].tiers[0].input_per_mtok",
            "limits[0].tiers[0].input_per_mtok",
        ] {
            assert_eq!(s.field(path), None, "{path}");
            assert!(!s.set_field(path, FieldValue::Number(1.0)), "{path}");
            assert!(
                !s.set_field(path, FieldValue::Text("flat".into())),
                "{path}"
            );
        }
        assert_eq!(s, sample());
    }

    #[test]
    fn every_path_the_validator_reports_is_an_editable_field() {
        // One bad value in every field the editor shows.
        let mut s = sample();
        for (path, value) in [
            ("name", FieldValue::Text("\u{7}".into())),
            ("users", FieldValue::Number(-1.0)),
            ("days_per_month", FieldValue::Number(0.0)),
            ("peak_factor", FieldValue::Number(0.0)),
            ("growth", FieldValue::Number(-1.0)),
            ("churn", FieldValue::Number(2.0)),
            ("horizon_months", FieldValue::Whole(500)),
            ("pricing.price_per_paying_user", FieldValue::Number(-1.0)),
            ("pricing.paying_share", FieldValue::Number(2.0)),
            ("pricing.payment_fee_share", FieldValue::Number(2.0)),
            ("pricing.target_margin", FieldValue::Number(1.0)),
            ("budget.monthly_cap", FieldValue::OptionalNumber(Some(-1.0))),
            ("budget.daily_alert", FieldValue::OptionalNumber(Some(-1.0))),
            (
                "budget.credit_balance",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
            ("features[0].per_user_per_day", FieldValue::Number(-1.0)),
            ("features[0].cache_hit_rate", FieldValue::Number(2.0)),
            ("features[0].steps[0].runs", FieldValue::Number(-1.0)),
            (
                "features[0].steps[0].batch_share",
                FieldValue::OptionalNumber(Some(2.0)),
            ),
            (
                "features[0].steps[1].concurrency_limit",
                FieldValue::OptionalWhole(Some(0)),
            ),
            (
                "features[0].steps[1].error_rate",
                FieldValue::OptionalNumber(Some(1.0)),
            ),
            (
                "features[1].steps[0].images",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
            ("fixed_costs[0].monthly", FieldValue::Number(-1.0)),
            (
                "fixed_costs[1].users_per_unit",
                FieldValue::OptionalNumber(Some(0.0)),
            ),
            ("limits[0].tpd", FieldValue::OptionalNumber(Some(0.0))),
            ("limits[1].keys", FieldValue::Whole(0)),
            ("custom_models[0].output_per_mtok", FieldValue::Number(-1.0)),
            (
                "custom_models[1].batch_discount",
                FieldValue::OptionalNumber(Some(2.0)),
            ),
            ("price_overrides[0].model", FieldValue::Text("nope".into())),
            (
                "price_overrides[1].price_per_image",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
            // Version 2.
            (
                "features[0].steps[0].cache_write_share",
                FieldValue::OptionalNumber(Some(0.75)),
            ),
            (
                "features[0].steps[0].reasoning_tokens",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
            (
                "features[0].steps[0].max_tokens",
                FieldValue::OptionalNumber(Some(100.0)),
            ),
            // Not a field of a flat step.
            (
                "features[0].steps[1].reasoning_tokens",
                FieldValue::OptionalNumber(Some(10.0)),
            ),
            (
                "limits[1].models",
                FieldValue::OptionalList(Some(vec!["nope".into(), "gpt-4o".into()])),
            ),
            ("limits[0].rpd", FieldValue::OptionalNumber(Some(0.0))),
            ("limits[0].itpm", FieldValue::OptionalNumber(Some(-1.0))),
            ("limits[0].otpm", FieldValue::OptionalNumber(Some(0.0))),
            (
                "custom_models[0].cache_write_per_mtok",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
            (
                "custom_models[1].context_tokens",
                FieldValue::OptionalWhole(Some(0)),
            ),
            (
                "custom_models[0].tiers[0].input_per_mtok",
                FieldValue::Number(-1.0),
            ),
            (
                "custom_models[0].tiers[1].above_input_tokens",
                FieldValue::Whole(100_000),
            ),
            (
                "custom_models[0].tiers[1].cached_input_per_mtok",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
            (
                "price_overrides[0].cache_write_per_mtok",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
            (
                "price_overrides[0].tiers[0].above_input_tokens",
                FieldValue::Whole(0),
            ),
            (
                "price_overrides[0].tiers[0].output_per_mtok",
                FieldValue::Number(-1.0),
            ),
            (
                "price_overrides[0].tiers[1].cache_write_per_mtok",
                FieldValue::OptionalNumber(Some(-1.0)),
            ),
        ] {
            assert!(s.set_field(path, value), "{path}");
        }
        let problems = s.validate().expect_err("every field is wrong").0;
        assert!(problems.len() >= 47, "{problems:?}");
        for p in &problems {
            assert!(s.field(&p.path).is_some(), "{p}");
        }
        // Every version-2 field above is reported.
        for path in [
            "features[0].steps[0].cache_write_share",
            "features[0].steps[0].reasoning_tokens",
            "features[0].steps[0].max_tokens",
            "features[0].steps[1].reasoning_tokens",
            "limits[1].models[0]",
            "limits[1].models[1]",
            "limits[0].rpd",
            "limits[0].itpm",
            "limits[0].otpm",
            "custom_models[0].cache_write_per_mtok",
            "custom_models[1].context_tokens",
            "custom_models[0].tiers[0].input_per_mtok",
            "custom_models[0].tiers[1].above_input_tokens",
            "custom_models[0].tiers[1].cached_input_per_mtok",
            "price_overrides[0].cache_write_per_mtok",
            "price_overrides[0].tiers[0].above_input_tokens",
            "price_overrides[0].tiers[0].output_per_mtok",
            "price_overrides[0].tiers[1].cache_write_per_mtok",
        ] {
            assert!(
                problems.iter().any(|p| p.path == path),
                "{path}: {problems:?}"
            );
        }
    }

    #[test]
    fn set_field_writes_only_values_of_the_fields_type() {
        let mut s = sample();
        assert!(s.set_field("users", FieldValue::Number(250.0)));
        assert_eq!(s.users, 250.0);
        assert!(!s.set_field("users", FieldValue::Text("250".into())));
        assert!(!s.set_field("users", FieldValue::OptionalNumber(Some(1.0))));
        assert!(!s.set_field("horizon_months", FieldValue::Number(3.0)));
        assert!(s.set_field("horizon_months", FieldValue::Whole(24)));
        assert_eq!(s.horizon_months, 24);
        assert!(s.set_field(
            "features[0].steps[1].latency_s",
            FieldValue::OptionalNumber(None)
        ));
        assert_eq!(s.features[0].steps[1].latency_s, None);
        assert!(s.set_field("limits[1].provider", FieldValue::Text("groq".into())));
        assert_eq!(s.limits[1].provider, "groq");
        assert!(s.set_field(
            "features[1].steps[0].model",
            FieldValue::OptionalText(Some("dall-e-3".into()))
        ));
        assert_eq!(s.features[1].steps[0].model.as_deref(), Some("dall-e-3"));
    }

    #[test]
    fn kinds_are_set_through_their_consistent_edits() {
        let mut s = sample();
        assert!(s.set_field(
            "features[0].steps[0].kind",
            FieldValue::Text("image".into())
        ));
        assert_eq!(s.features[0].steps[0].input_tokens, None);
        assert_eq!(
            s.features[0].steps[0].price_per_image,
            Some(NEW_IMAGE_PRICE)
        );
        // Setting the kind it already has is accepted and changes nothing.
        let before = s.clone();
        assert!(s.set_field(
            "features[0].steps[0].kind",
            FieldValue::Text("image".into())
        ));
        assert_eq!(s, before);
        assert!(!s.set_field(
            "features[0].steps[0].kind",
            FieldValue::Text("video".into())
        ));
        assert!(!s.set_field("features[0].steps[0].kind", FieldValue::Number(1.0)));
        assert!(s.set_field("fixed_costs[0].kind", FieldValue::Text("stepped".into())));
        assert_eq!(s.fixed_costs[0].users_per_unit, Some(NEW_USERS_PER_UNIT));
        assert!(!s.set_field("fixed_costs[0].kind", FieldValue::Text("monthly".into())));
        assert!(s.validate().is_ok());
    }

    #[test]
    fn field_text_reads_back_exactly() {
        for x in [
            0.0, -0.0, 1.0, 0.1, 0.07, 0.143, 1e-7, 0.00023, 18.04, 1e12, 123456.789,
        ] {
            let text = FieldValue::Number(x).text();
            assert!(!text.contains('e'), "{text}");
            let back = FieldValue::Number(0.0).parse_as(&text);
            assert_eq!(back, Ok(FieldValue::Number(x)), "{text}");
        }
        assert_eq!(FieldValue::Number(-0.0).text(), "0");
        assert_eq!(FieldValue::Number(1e12).text(), "1000000000000");
        assert_eq!(FieldValue::OptionalNumber(None).text(), "");
        assert_eq!(FieldValue::OptionalWhole(Some(3)).text(), "3");
        assert_eq!(FieldValue::OptionalText(None).text(), "");
        // Lists read as comma-separated text and back.
        for items in [
            None,
            Some(vec!["gpt-4o".to_owned()]),
            Some(vec![
                "gpt-4o".to_owned(),
                "openrouter/meta-llama/llama-3.1-8b".to_owned(),
            ]),
        ] {
            let value = FieldValue::OptionalList(items);
            let back = FieldValue::OptionalList(None).parse_as(&value.text());
            assert_eq!(back, Ok(value.clone()), "{value:?}");
        }
        assert_eq!(
            FieldValue::OptionalList(Some(vec!["a".into(), "b".into()])).text(),
            "a, b"
        );
    }

    #[test]
    fn typed_lists_are_trimmed_and_empty_items_dropped() {
        assert_eq!(parse_list(""), None);
        assert_eq!(parse_list("  "), None);
        assert_eq!(parse_list(" , ,, "), None);
        assert_eq!(parse_list("gpt-4o"), Some(vec!["gpt-4o".to_owned()]));
        assert_eq!(
            parse_list(" gpt-4o ,gpt-4o-mini,, o3 ,"),
            Some(vec![
                "gpt-4o".to_owned(),
                "gpt-4o-mini".to_owned(),
                "o3".to_owned()
            ])
        );
        // Duplicates stay, for the validator to report.
        assert_eq!(
            parse_list("a, a"),
            Some(vec!["a".to_owned(), "a".to_owned()])
        );
        let list = FieldValue::OptionalList(None);
        assert!(list.is_optional());
        assert!(!list.is_numeric());
        assert_eq!(
            list.parse_as(" x ,"),
            Ok(FieldValue::OptionalList(Some(vec!["x".into()])))
        );
        // Written and cleared through the limit's field.
        let mut s = sample();
        assert!(s.set_field(
            "limits[0].models",
            list.parse_as("gpt-4o, gpt-4o-mini").unwrap()
        ));
        assert_eq!(
            s.limits[0].models.as_deref(),
            Some(&["gpt-4o".to_owned(), "gpt-4o-mini".to_owned()][..])
        );
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        assert!(s.set_field("limits[0].models[1]", FieldValue::Text("o3".into())));
        assert_eq!(s.limits[0].models.as_ref().unwrap()[1], "o3");
        assert!(!s.set_field("limits[0].models", FieldValue::Text("o3".into())));
        assert!(s.set_field("limits[0].models", list.parse_as("").unwrap()));
        assert_eq!(s.limits[0].models, None);
    }

    #[test]
    fn a_route_is_made_by_its_model_or_share_and_removed_by_emptying_either() {
        let mut s = sample();
        let model = "features[0].steps[0].route.model";
        let share = "features[0].steps[0].route.share";
        assert_eq!(s.field(model), Some(FieldValue::OptionalText(None)));
        // A model alone routes nothing yet.
        assert!(s.set_field(model, FieldValue::OptionalText(Some("gpt-4o".into()))));
        assert_eq!(
            s.features[0].steps[0].route,
            Some(Route {
                model: "gpt-4o".into(),
                share: 0.0
            })
        );
        assert!(s.set_field(share, FieldValue::OptionalNumber(Some(0.2))));
        assert_eq!(s.field(share), Some(FieldValue::OptionalNumber(Some(0.2))));
        assert!(s.validate().is_ok());
        assert!(s.set_field(model, FieldValue::OptionalText(None)));
        assert_eq!(s.features[0].steps[0].route, None);
        // A share alone routes to the default model.
        assert!(s.set_field(share, FieldValue::OptionalNumber(Some(0.5))));
        assert_eq!(
            s.field(model),
            Some(FieldValue::OptionalText(Some(DEFAULT_MODEL_ALIAS.into())))
        );
        // Wrong types and missing steps change nothing.
        assert!(!s.set_field(share, FieldValue::Number(0.1)));
        assert!(!s.set_field(
            "features[9].steps[0].route.share",
            FieldValue::OptionalNumber(None)
        ));
        // The validator's paths for a bad route are these fields.
        s.features[0].steps[0].route = Some(Route {
            model: "nope".into(),
            share: 2.0,
        });
        let problems = s.validate().expect_err("bad route").0;
        for p in &problems {
            assert!(s.field(&p.path).is_some(), "{p}");
        }
        assert!(problems.iter().any(|p| p.path == share));
        assert!(problems.iter().any(|p| p.path == model));
    }

    #[test]
    fn typed_numbers_are_parsed_or_refused_in_words() {
        assert_eq!(parse_number(" 1,200.5 "), Ok(1200.5));
        assert_eq!(parse_number("$20"), Ok(20.0));
        assert_eq!(parse_number("1 000 000"), Ok(1e6));
        assert_eq!(parse_number("-5"), Ok(-5.0));
        assert_eq!(parse_number(".5"), Ok(0.5));
        assert_eq!(parse_number("2e3"), Ok(2000.0));
        for bad in [
            "", " ", "abc", "1.2.3", "inf", "NaN", "infinity", "1e400", "5%", "--1",
        ] {
            assert_eq!(parse_number(bad), Err(InputError::NotANumber), "{bad:?}");
        }
        // A comma that does not group thousands is a decimal comma: refused
        // with a message that says so, never read as a separator.
        for comma in ["0,5", "1,20", "12,3456"] {
            assert_eq!(
                parse_number(comma),
                Err(InputError::DecimalComma),
                "{comma:?}"
            );
        }
        assert_eq!(parse_whole("3"), Ok(3));
        assert_eq!(parse_whole("3.0"), Ok(3));
        assert_eq!(parse_whole("2.5"), Err(InputError::NotWhole));
        assert_eq!(parse_whole("-1"), Err(InputError::NotWhole));
        assert_eq!(parse_whole("5e9"), Err(InputError::NotWhole));
        assert_eq!(parse_whole("x"), Err(InputError::NotANumber));
        assert_eq!(InputError::NotANumber.to_string(), "Enter a number");
    }

    #[test]
    fn empty_text_is_none_only_for_optional_fields() {
        let empty = |v: FieldValue| v.parse_as("  ");
        assert_eq!(
            empty(FieldValue::OptionalNumber(Some(2.0))),
            Ok(FieldValue::OptionalNumber(None))
        );
        assert_eq!(
            empty(FieldValue::OptionalWhole(Some(2))),
            Ok(FieldValue::OptionalWhole(None))
        );
        assert_eq!(
            empty(FieldValue::OptionalText(Some("x".into()))),
            Ok(FieldValue::OptionalText(None))
        );
        assert_eq!(
            empty(FieldValue::Text("x".into())),
            Ok(FieldValue::Text(String::new()))
        );
        assert_eq!(empty(FieldValue::Number(2.0)), Err(InputError::NotANumber));
        assert_eq!(empty(FieldValue::Whole(2)), Err(InputError::NotANumber));
        assert_eq!(
            FieldValue::OptionalWhole(None).parse_as("1.5"),
            Err(InputError::NotWhole)
        );
        assert_eq!(
            FieldValue::Text(String::new()).parse_as("  Chat  "),
            Ok(FieldValue::Text("Chat".into()))
        );
        assert_eq!(
            empty(FieldValue::OptionalList(Some(vec!["x".into()]))),
            Ok(FieldValue::OptionalList(None))
        );
        assert!(FieldValue::OptionalWhole(None).is_optional());
        assert!(!FieldValue::Number(0.0).is_optional());
        assert!(FieldValue::Whole(0).is_numeric());
        assert!(!FieldValue::OptionalText(None).is_numeric());
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
