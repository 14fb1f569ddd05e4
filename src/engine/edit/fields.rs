//! One form field of the scenario, read and written by the validator's
//! field path (`features[1].steps[0].cached_share`): the one table of
//! editable fields, written once and expanded for reading and for writing,
//! plus the fields that need their own rule (kinds, a step's route).

use super::text::{InputError, number_text, parse_list, parse_number, parse_whole};
#[cfg(test)]
use crate::engine::scenario::SelfHosted;
use crate::engine::scenario::{DEFAULT_MODEL_ALIAS, FixedKind, Route, Scenario, StepKind};

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

/// Where a kind lives: kinds change through `set_step_kind`,
/// `set_fixed_cost_kind` and `set_self_hosted`, which keep the other fields
/// consistent. A custom model's kind is how it is priced,
/// `custom_models[i].priced_by`: `"token"` or `"gpu"` (self-hosted); it is
/// not a field of the format but whether `self_hosted` is there.
enum KindAt {
    Step(usize, usize),
    FixedCost(usize),
    CustomModel(usize),
}

/// `custom_models[i].priced_by` for a model billed per token.
pub const PRICED_BY_TOKEN: &str = "token";
/// `custom_models[i].priced_by` for a self-hosted model.
pub const PRICED_BY_GPU: &str = "gpu";

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
        [
            Seg {
                name: "custom_models",
                index: Some(i),
            },
            Seg {
                name: "priced_by",
                index: None,
            },
        ] => Some(KindAt::CustomModel(*i)),
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
                [
                    Seg { name: "custom_models", index: Some(i) },
                    Seg { name: "self_hosted", index: None },
                    Seg { name: field, index: None },
                ] => {
                    let h = match &$($m)? s.custom_models.$get(*i)?.self_hosted {
                        Some(h) => h,
                        None => return None,
                    };
                    match *field {
                        "price_per_gpu_hour" => Number(&$($m)? h.price_per_gpu_hour),
                        "gpus" => Whole(&$($m)? h.gpus),
                        "tokens_per_second_per_gpu" => Number(&$($m)? h.tokens_per_second_per_gpu),
                        "target_utilisation" => Number(&$($m)? h.target_utilisation),
                        "versus" => OptionalText(&$($m)? h.versus),
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
            Some(KindAt::CustomModel(i)) => {
                let gpu = self.custom_models.get(i)?.self_hosted.is_some();
                let kind = if gpu { PRICED_BY_GPU } else { PRICED_BY_TOKEN };
                return Some(FieldValue::Text(kind.to_owned()));
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
                KindAt::CustomModel(i) => match name.as_str() {
                    PRICED_BY_TOKEN => self.set_self_hosted(i, false),
                    PRICED_BY_GPU => self.set_self_hosted(i, true),
                    _ => false,
                },
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
    use super::super::fixtures::sample;
    use super::super::{List, NEW_IMAGE_PRICE, NEW_USERS_PER_UNIT};
    use super::*;

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

    fn m_id(s: &Scenario) -> String {
        s.custom_models[0].id.clone()
    }

    #[test]
    fn a_custom_model_switches_between_token_and_gpu_pricing() {
        let mut s = sample();
        let priced = |s: &Scenario| s.field("custom_models[0].priced_by").map(|v| v.text());
        assert_eq!(priced(&s).as_deref(), Some(PRICED_BY_TOKEN));
        assert_eq!(s.field("custom_models[0].self_hosted.gpus"), None);
        assert!(s.set_field(
            "custom_models[0].priced_by",
            FieldValue::Text(PRICED_BY_GPU.into())
        ));
        assert_eq!(priced(&s).as_deref(), Some(PRICED_BY_GPU));
        let m = &s.custom_models[0];
        assert_eq!(m.self_hosted, Some(SelfHosted::STARTING_POINT));
        assert_eq!((m.input_per_mtok, m.output_per_mtok), (0.0, 0.0));
        // The pool that named only it is gone; the scenario stays valid.
        assert!(
            s.limits
                .iter()
                .all(|l| l.models.as_ref().is_none_or(|m| !m.contains(&m_id(&s))))
        );
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        assert!(s.set_field("custom_models[0].self_hosted.gpus", FieldValue::Whole(3)));
        assert!(s.set_field(
            "custom_models[0].self_hosted.versus",
            FieldValue::OptionalText(Some("gpt-4o-mini".into()))
        ));
        assert_eq!(
            s.field("custom_models[0].self_hosted.gpus"),
            Some(FieldValue::Whole(3))
        );
        assert_eq!(
            s.field("custom_models[0].self_hosted.versus"),
            Some(FieldValue::OptionalText(Some("gpt-4o-mini".into())))
        );
        assert!(!s.set_field("custom_models[0].self_hosted.nope", FieldValue::Whole(3)));
        assert!(!s.set_field(
            "custom_models[0].priced_by",
            FieldValue::Text("barter".into())
        ));
        assert!(s.set_field(
            "custom_models[0].priced_by",
            FieldValue::Text(PRICED_BY_TOKEN.into())
        ));
        assert_eq!(s.custom_models[0].self_hosted, None);
        assert!(!s.set_field(
            "custom_models[9].priced_by",
            FieldValue::Text(PRICED_BY_GPU.into())
        ));
    }
}
