//! A select of models for one model field of the scenario (a step's model,
//! the default model, a price override's model, the API model a
//! self-hosted model is weighed against): the scenario's custom
//! models first, then the catalog's, grouped by provider. A model id the
//! scenario names but nobody knows stays listed, so the select shows what
//! the scenario holds and the engine's message beside it says what is wrong.

use leptos::prelude::*;

use super::super::use_planner;
use super::fields::{FieldMessage, field_id};
use super::shown;
use crate::engine::catalog::{self, Mode};
use crate::engine::prices;
use crate::engine::scenario::DEFAULT_MODEL_ALIAS;

/// Which models a model select offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Models {
    /// An llm step: `"default"`, then custom and catalog chat models.
    LlmStep,
    /// An image step: none (the step's price per image applies), then the
    /// models with a price per image.
    ImageStep,
    /// The scenario's default model: custom and catalog chat models.
    Chat,
    /// A step's route: none, `"default"`, then custom and catalog chat models.
    Route,
    /// A self-hosted model's `versus`: the default model (empty), then the
    /// custom models billed per token and the catalog's chat models.
    Versus,
    /// A price override: every custom and catalog model.
    Any,
}

/// Options of a select, grouped: `(group, [(value, text)])`.
type Groups = Vec<(String, Vec<(String, String)>)>;

/// A labelled select of the models that fit a field.
#[component]
pub(super) fn ModelField(
    /// Visible label.
    label: &'static str,
    /// The engine's path of the field (`features[0].steps[1].model`).
    #[prop(into)]
    path: String,
    /// Which models to offer.
    models: Models,
) -> AnyView {
    let planner = use_planner();
    let scenario = planner.scenario;
    let shown = shown();
    let current = {
        let path = path.clone();
        Memo::new(move |_| {
            let id = shown.with(|s| s.field(&path).map(|v| v.text()).unwrap_or_default());
            // An llm step without a model uses the default model.
            if id.is_empty() && models == Models::LlmStep {
                DEFAULT_MODEL_ALIAS.to_owned()
            } else {
                id
            }
        })
    };
    // Only these parts of the scenario (and the current id, while unknown)
    // change the options, so they are rebuilt when these change, not on
    // every edit.
    let custom = Memo::new(move |_| {
        shown.with(|s| {
            s.custom_models
                .iter()
                .filter(|m| match models {
                    Models::ImageStep => prices::has_image_price(s, &m.id),
                    Models::Versus => m.self_hosted.is_none(),
                    _ => true,
                })
                .map(|m| m.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let default_model = Memo::new(move |_| shown.with(|s| s.default_model.clone()));
    let groups = Memo::new(move |_| {
        let current = current.get();
        let mut groups = option_groups(models, &custom.get(), &default_model.get());
        let known = groups
            .iter()
            .any(|(_, opts)| opts.iter().any(|(id, _)| *id == current));
        if !known {
            groups.insert(
                0,
                ("Not found".to_owned(), vec![(current.clone(), current)]),
            );
        }
        groups
    });

    let engine_message = planner.problem_at(path.clone());
    let id = field_id(&path);
    let message_id = format!("{id}-message");
    // The whole select is rebuilt when its options change (a custom model
    // added or renamed, never while it is being used), so the new options
    // come with the right one selected; a new choice among the same options
    // only moves `value`.
    let select = {
        let (id, message_id) = (id.clone(), message_id.clone());
        move || {
            let selected_id = current.get_untracked();
            let options = groups
                .get()
                .into_iter()
                .map(|(group, opts)| {
                    let opts = opts
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == selected_id;
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view();
                    view! { <optgroup label=group>{opts}</optgroup> }
                })
                .collect_view();
            let path = path.clone();
            let message_id = message_id.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let chosen = event_target_value(&ev);
                scenario.maybe_update(|s| {
                    let Some(Ok(value)) = s.field(&path).map(|v| v.parse_as(&chosen)) else {
                        return false;
                    };
                    s.set_field(&path, value)
                });
            };
            view! {
                <select
                    id=id.clone()
                    prop:value=move || current.get()
                    aria-invalid=move || engine_message.with(Option::is_some).to_string()
                    aria-describedby=move || {
                        engine_message.with(Option::is_some).then(|| message_id.clone())
                    }
                    on:change=on_change
                >
                    {options}
                </select>
            }
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {select}
            <FieldMessage id=message_id message=engine_message />
        </div>
    }
    .into_any()
}

/// The options for `models`: scenario-level choices, custom models, then
/// the catalog's models of the right mode by provider.
fn option_groups(models: Models, custom: &[String], default_model: &str) -> Groups {
    let mut groups: Groups = Vec::new();
    match models {
        Models::LlmStep => groups.push((
            "Scenario".to_owned(),
            vec![(
                DEFAULT_MODEL_ALIAS.to_owned(),
                format!("default ({default_model})"),
            )],
        )),
        Models::ImageStep => groups.push((
            "Scenario".to_owned(),
            vec![(String::new(), "none: the price per image".to_owned())],
        )),
        Models::Route => groups.push((
            "Scenario".to_owned(),
            vec![
                (
                    String::new(),
                    "none: every run on the step's model".to_owned(),
                ),
                (
                    DEFAULT_MODEL_ALIAS.to_owned(),
                    format!("default ({default_model})"),
                ),
            ],
        )),
        Models::Versus => groups.push((
            "Scenario".to_owned(),
            vec![(
                String::new(),
                format!("the default model ({default_model})"),
            )],
        )),
        Models::Chat | Models::Any => {}
    }
    if !custom.is_empty() {
        let opts = custom.iter().map(|id| (id.clone(), id.clone())).collect();
        groups.push(("Custom".to_owned(), opts));
    }
    let fits = |mode: Mode| match models {
        Models::LlmStep | Models::Chat | Models::Route | Models::Versus => mode == Mode::Chat,
        Models::ImageStep => mode == Mode::Image,
        Models::Any => true,
    };
    let catalog = catalog::by_provider(|m| fits(m.mode) && !custom.iter().any(|id| id == m.id));
    groups.extend(catalog.into_iter().map(|(provider, models)| {
        let options = models
            .iter()
            .map(|m| (m.id.to_owned(), m.id.to_owned()))
            .collect();
        (provider.to_owned(), options)
    }));
    groups
}
