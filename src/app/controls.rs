//! The four quick controls: users, volume, model and cache hit rate, each a
//! keyboard-operable slider or select with its formatted value read out
//! (`aria-valuetext`) and, for the numbers, a typed box beside it. They
//! write straight into the planner's scenario.

use leptos::prelude::*;

use super::moving::use_moving;
use super::use_planner;
use crate::engine::catalog::{self, Mode};
use crate::engine::edit;
use crate::engine::scenario::CustomModel;
use crate::format::{count, money, percent};
use crate::input::{LogScale, parse_number};

/// Users slider: 1 to 10,000,000.
const USERS_SCALE: LogScale = LogScale { lo: 0.0, hi: 7.0 };
/// Volume slider: 0.01 to 10,000 actions a day.
const VOLUME_SCALE: LogScale = LogScale { lo: -2.0, hi: 4.0 };

/// Users, volume, model and cache controls for the selected feature.
#[component]
pub fn QuickControls() -> impl IntoView {
    let planner = use_planner();
    let scenario = planner.scenario;
    let feature_names = move || {
        scenario.with(|s| {
            s.features
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let has_features = move || scenario.with(|s| !s.features.is_empty());

    let users = Signal::derive(move || scenario.with(|s| s.users));
    let set_users = move |u: f64| scenario.update(|s| s.users = u);

    let volume = Signal::derive(move || {
        let i = planner.feature_index();
        scenario.with(|s| {
            i.and_then(|i| s.features.get(i))
                .map_or(0.0, |f| f.per_user_per_day)
        })
    });
    let set_volume = move |v: f64| {
        let i = planner.feature_index();
        scenario.update(|s| {
            if let Some(f) = i.and_then(|i| s.features.get_mut(i)) {
                f.per_user_per_day = v;
            }
        });
    };
    let cache = Signal::derive(move || {
        let i = planner.feature_index();
        scenario.with(|s| {
            i.and_then(|i| s.features.get(i))
                .map_or(0.0, |f| f.cache_hit_rate)
        })
    });

    view! {
        <section class="controls panel" aria-label="Quick controls">
            <h2>"Controls"</h2>
            <LogSlider
                label="Users"
                testid="users-slider"
                value=users
                on_change=set_users
                scale=USERS_SCALE
                max_typed=1e12
                unit="users"
            />
            <Show when=move || { feature_names().len() > 1 }>
                <label class="control">
                    <span class="control-label">"Feature"</span>
                    <select
                        data-testid="feature-select"
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                planner.selected_feature.set(i);
                            }
                        }
                        prop:value=move || planner.feature_index().unwrap_or(0).to_string()
                    >
                        {move || {
                            feature_names()
                                .into_iter()
                                .enumerate()
                                .map(|(i, name)| {
                                    let label = if name.is_empty() { format!("Feature {}", i + 1) } else { name };
                                    view! { <option value=i.to_string()>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
            <Show
                when=has_features
                fallback=|| view! { <p class="muted">"Add a feature in the editor to set its volume and cache rate."</p> }
            >
                <LogSlider
                    label="Actions per user a day"
                    testid="volume-slider"
                    value=volume
                    on_change=set_volume
                    scale=VOLUME_SCALE
                    max_typed=1e12
                    unit="a day"
                />
                <CacheSlider value=cache />
            </Show>
            <ModelSelect />
        </section>
    }
}

/// A slider on a log scale with a typed number box beside it.
#[component]
fn LogSlider(
    /// Visible label.
    label: &'static str,
    /// The slider's `data-testid`.
    testid: &'static str,
    /// The current value.
    value: Signal<f64>,
    /// Called with a new, valid value.
    on_change: impl Fn(f64) + Copy + Send + Sync + 'static,
    /// The slider's log scale.
    scale: LogScale,
    /// The largest value the box accepts (typed values may leave the slider's range).
    max_typed: f64,
    /// Unit for the spoken value ("users", "a day").
    unit: &'static str,
) -> impl IntoView {
    let position = move || scale.position(value.get());
    let typed_error = RwSignal::new(None::<String>);
    let moving = use_moving();
    let id = format!("{testid}-input");
    view! {
        <div class="control">
            <label class="control-label" for=id.clone()>{label}</label>
            <div class="control-row">
                <input
                    type="range"
                    id=id.clone()
                    data-testid=testid
                    min=scale.lo.to_string()
                    max=scale.hi.to_string()
                    step="0.01"
                    prop:value=move || position().to_string()
                    aria-valuetext=move || format!("{} {unit}", count(value.get()))
                    on:input=move |ev| {
                        moving.touch();
                        if let Ok(p) = edit::parse_number(&event_target_value(&ev)) {
                            typed_error.set(None);
                            on_change(scale.value(p));
                        }
                    }
                />
                <input
                    type="number"
                    class="control-number"
                    inputmode="decimal"
                    min="0"
                    step="any"
                    aria-label=format!("{label}, typed")
                    aria-invalid=move || typed_error.with(Option::is_some).to_string()
                    prop:value=move || value.get().to_string()
                    on:change=move |ev| {
                        match parse_number(&event_target_value(&ev), max_typed) {
                            Ok(v) => {
                                typed_error.set(None);
                                on_change(v);
                            }
                            Err(e) => typed_error.set(Some(e)),
                        }
                    }
                />
            </div>
            <output class="control-value">{move || format!("{} {unit}", count(value.get()))}</output>
            <Show when=move || typed_error.with(Option::is_some)>
                <p class="field-error" role="alert">{move || typed_error.get()}</p>
            </Show>
        </div>
    }
}

/// The selected feature's cache hit rate, 0 to 100 %.
#[component]
fn CacheSlider(
    /// The current cache hit rate, 0 to 1.
    value: Signal<f64>,
) -> impl IntoView {
    let planner = use_planner();
    let moving = use_moving();
    view! {
        <div class="control">
            <label class="control-label" for="cache-slider-input">"Cache hit rate"</label>
            <div class="control-row">
                <input
                    type="range"
                    id="cache-slider-input"
                    data-testid="cache-slider"
                    min="0"
                    max="100"
                    step="1"
                    prop:value=move || (value.get() * 100.0).round().to_string()
                    aria-valuetext=move || percent(value.get())
                    on:input=move |ev| {
                        moving.touch();
                        if let Ok(p) = edit::parse_number(&event_target_value(&ev)) {
                            let i = planner.feature_index();
                            planner.scenario.update(|s| {
                                if let Some(f) = i.and_then(|i| s.features.get_mut(i)) {
                                    f.cache_hit_rate = (p / 100.0).clamp(0.0, 1.0);
                                }
                            });
                        }
                    }
                />
                <output class="control-value">{move || percent(value.get())}</output>
            </div>
        </div>
    }
}

/// The default model, searchable and grouped by provider, with its prices.
#[component]
fn ModelSelect() -> impl IntoView {
    let planner = use_planner();
    let filter = RwSignal::new(String::new());
    let scenario = planner.scenario;
    // The options depend on the filter, the custom models and the default
    // model only: memos keep a users or volume change from rebuilding the
    // hundred-odd <option>s on every slider step.
    let custom = Memo::new(move |_| scenario.with(|s| s.custom_models.clone()));
    let current = Memo::new(move |_| scenario.with(|s| s.default_model.clone()));
    let options = Memo::new(move |_| {
        // ASCII case folding: model ids and providers are ASCII, and
        // Unicode `to_lowercase` links its case tables into the wasm.
        let needle = filter.get().to_ascii_lowercase();
        custom.with(|custom| model_groups(custom, &current.get(), &needle))
    });
    view! {
        <div class="control">
            <label class="control-label" for="model-select-input">"Default model"</label>
            <input
                type="search"
                class="control-search"
                placeholder="Filter models"
                aria-label="Filter models"
                prop:value=move || filter.get()
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
            <select
                id="model-select-input"
                data-testid="model-select"
                prop:value=move || current.get()
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if !id.is_empty() {
                        planner.scenario.update(|s| s.default_model = id);
                    }
                }
            >
                {move || {
                    let current = current.get();
                    options.get()
                        .into_iter()
                        .map(|(provider, models)| {
                            view! {
                                <optgroup label=provider>
                                    {models
                                        .into_iter()
                                        .map(|(id, text)| {
                                            let selected = id == current;
                                            view! { <option value=id selected=selected>{text}</option> }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// Token-priced models by provider: the scenario's custom models first, then
/// the catalog's chat models, as `(id, "id — $in / $out per 1M")`. The
/// current default model always stays listed, whatever the filter.
fn model_groups(
    custom_models: &[CustomModel],
    default_model: &str,
    needle: &str,
) -> Vec<(String, Vec<(String, String)>)> {
    let label = |id: &str, input: f64, output: f64| {
        format!("{id} — {} / {} per 1M", money(input), money(output))
    };
    let keep = |id: &str, provider: &str| {
        id == default_model
            || needle.is_empty()
            || id.to_ascii_lowercase().contains(needle)
            || provider.to_ascii_lowercase().contains(needle)
    };
    let custom: Vec<(String, String)> = custom_models
        .iter()
        .filter(|m| keep(&m.id, &m.provider))
        .map(|m| {
            (
                m.id.clone(),
                label(&m.id, m.input_per_mtok, m.output_per_mtok),
            )
        })
        .collect();
    let catalog = catalog::by_provider(|m| {
        m.mode == Mode::Chat
            && keep(m.id, m.provider)
            && !custom_models.iter().any(|c| c.id == m.id)
    });
    (!custom.is_empty())
        .then(|| ("Custom".to_owned(), custom))
        .into_iter()
        .chain(catalog.into_iter().map(|(provider, models)| {
            let options = models
                .iter()
                .map(|m| {
                    (
                        m.id.to_owned(),
                        label(m.id, m.input_per_mtok, m.output_per_mtok),
                    )
                })
                .collect();
            (provider.to_owned(), options)
        }))
        .collect()
}
