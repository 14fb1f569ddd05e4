//! What if we switch models: the scenario with its `"default"` llm steps on
//! every chat model of the catalog (and its own custom models), filtered by
//! provider, context window and text, cheapest first, as a table and a bar
//! chart; one click makes a model the default, with Undo; the table and
//! chart download as CSV, PNG and SVG.
//!
//! Every figure is the engine's `Plan::model_options` (what `burnrate
//! compare` prints), arranged by `crate::model_table` (pure, tested
//! natively); this file only builds the elements. The panel prices about a
//! hundred models, so it is built after the first paint (`App`'s `below`)
//! and, like the capacity panel, holds what it shows while a quick control
//! moves and it is far off screen.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use web_sys::HtmlButtonElement;

use super::chart_canvas::{ChartCanvas, near_screen};
use super::moving::use_moving;
use super::notices::use_notices;
use super::share::{ModelsFile, Status};
use super::{data_value, use_planner};
use crate::chart::{MAX_MODEL_BARS, ModelsData, draw_models};
use crate::engine::switch::{ModelFilter, ModelOption};
use crate::format::{count, money};
use crate::model_table::{FIRST_ROWS, MIN_CONTEXTS, ModelTable, Saving, filter};

/// The panel's filters, one signal per input.
#[derive(Clone, Copy)]
struct Filters {
    provider: RwSignal<Option<String>>,
    /// An index into [`MIN_CONTEXTS`].
    min_context: RwSignal<usize>,
    text: RwSignal<String>,
}

impl Filters {
    fn new() -> Filters {
        Filters {
            provider: RwSignal::new(None),
            min_context: RwSignal::new(0),
            text: RwSignal::new(String::new()),
        }
    }

    /// The engine's filter (tracked).
    fn get(self) -> ModelFilter {
        filter(self.provider.get(), self.min_context.get(), self.text.get())
    }

    /// The engine's filter, for an event handler.
    fn get_untracked(self) -> ModelFilter {
        filter(
            self.provider.get_untracked(),
            self.min_context.get_untracked(),
            self.text.get_untracked(),
        )
    }

    fn clear(self) {
        self.provider.set(None);
        self.min_context.set(0);
        self.text.set(String::new());
    }
}

/// The model comparison panel.
#[component]
pub fn ModelComparisonPanel() -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let moving = use_moving();
    let section = NodeRef::<leptos::html::Section>::new();
    let near = near_screen(section);
    let filters = Filters::new();
    let show_all = RwSignal::new(false);
    let status = Status::new();
    // Far off screen while a control moves, keep what is shown (see the
    // module documentation): the plan is not even read then.
    let compared = Memo::new(move |shown: Option<&ModelTable>| match shown {
        Some(shown) if moving.get() && !near.get() => shown.clone(),
        _ => {
            let filter = filters.get();
            planner
                .plan
                .with(|p| planner.valid.with(|s| ModelTable::of(p, s, &filter)))
        }
    });
    // What the elements are built for; the figures in them update in place.
    let has_candidates = Memo::new(move |_| compared.with(|c| c.total > 0));
    let has_rows = Memo::new(move |_| compared.with(|c| !c.rows.is_empty()));

    // The notice this panel's last switch made: its Undo shows here too,
    // next to the button that made it, while that notice stands.
    let switched = RwSignal::new(None::<String>);
    let undo_button = NodeRef::<leptos::html::Button>::new();
    let undo_here = move || {
        switched.with(|mine| {
            notices.notice.with(|n| {
                n.as_ref()
                    .is_some_and(|n| n.undo.is_some() && Some(&n.text) == mine.as_ref())
            })
        })
    };
    let use_model = move |ev: MouseEvent| {
        let id = event_target::<HtmlButtonElement>(&ev).value();
        let mut s = planner.valid.get_untracked();
        if id.is_empty() || s.default_model == id {
            return;
        }
        let (today, after) = compared.with_untracked(|c| {
            let on = c.rows.iter().find(|o| o.model == id.as_str());
            (c.today_cost, on.map(|o| o.monthly_cost))
        });
        let from = std::mem::replace(&mut s.default_model, id);
        let mut text = format!(
            "Switched the default model from {from} to {}",
            s.default_model
        );
        if let Some(after) = after {
            text = format!(
                "{text}: {} a month instead of {}",
                money(after),
                money(today)
            );
        }
        text.push('.');
        switched.set(Some(text.clone()));
        notices.replace(planner, s, text);
        // The row that had the focus now shows another model (or today's,
        // without a button): the focus goes to the way back instead.
        request_animation_frame(move || {
            if let Some(button) = undo_button.get_untracked() {
                _ = button.focus();
            }
        });
    };
    let chart_label = Signal::derive(move || {
        compared.with(|c| {
            let today = if c.rows.iter().any(|o| o.is_current) {
                ", today's model among them"
            } else {
                ""
            };
            format!(
                "Bar chart of the monthly cost with each model as the default, cheapest first: \
                 {} of {} models drawn{today}; today {} a month.",
                count(c.rows.len().min(MAX_MODEL_BARS) as f64),
                count(c.rows.len() as f64),
                money(c.today_cost)
            )
        })
    });

    // Built once: what does not apply is hidden, never rebuilt.
    view! {
        <section
            node_ref=section
            class="panel models"
            aria-labelledby="models-heading"
            data-testid="model-comparison"
        >
            <h2 id="models-heading">"What if we switch models"</h2>
            <p class="models-empty" data-testid="comparison-empty" hidden=has_candidates>
                "No llm step uses the default model (\"default\"), so switching it would change \
                 nothing. Set a step's model to \"default\" in the editor to compare models here."
            </p>
            <div class="models-body" hidden=move || !has_candidates.get()>
                <p class="muted">
                    "The scenario with every step that uses the default model on each chat model of \
                     the price catalog (and your custom models), at today's users."
                </p>
                {filters_view(compared, filters)}
                <p class="models-summary" data-testid="comparison-summary">
                    {move || compared.with(ModelTable::summary)}
                </p>
                <p class="models-switched" hidden=move || !undo_here()>
                    {move || switched.get().unwrap_or_default()}
                    " "
                    <button
                        node_ref=undo_button
                        type="button"
                        class="secondary"
                        data-testid="comparison-undo"
                        on:click=move |_| notices.undo(planner)
                    >
                        "Undo"
                    </button>
                </p>
                <p class="models-empty" data-testid="comparison-no-match" hidden=has_rows>
                    "No model matches these filters. "
                    <button type="button" class="secondary" on:click=move |_| filters.clear()>
                        "Clear the filters"
                    </button>
                </p>
                <div class="models-results" hidden=move || !has_rows.get()>
                    <div class="chart chart-wide models-chart">
                        <ChartCanvas
                            label=chart_label
                            testid="comparison-chart"
                            draw=move |area, style| {
                                compared.with(|c| draw_models(area, &ModelsData::new(&c.rows, c.users), style))
                            }
                        />
                    </div>
                    {table(compared, show_all, use_model)}
                    <div class="models-actions">
                        <button
                            type="button"
                            class="secondary"
                            data-testid="comparison-show-all"
                            hidden=move || compared.with(|c| c.rows.len() <= FIRST_ROWS + 5)
                            aria-pressed=move || show_all.get().to_string()
                            on:click=move |_| show_all.update(|a| *a = !*a)
                        >
                            {move || if show_all.get() {
                                format!("Show the {FIRST_ROWS} cheapest")
                            } else {
                                format!("Show all {} models", compared.with(|c| c.rows.len()))
                            }}
                        </button>
                        <div class="models-downloads" role="group" aria-label="Download the comparison">
                            {ModelsFile::ALL.into_iter().map(|file| view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid=file.testid()
                                    on:click=move |_| {
                                        let filter = filters.get_untracked();
                                        planner.valid.with_untracked(|s| file.start(s, &filter, status));
                                    }
                                >
                                    {file.label()}
                                </button>
                            }).collect_view()}
                        </div>
                        <p class="models-status" role="status">{move || status.text()}</p>
                    </div>
                </div>
            </div>
        </section>
    }
}

/// The provider, context window and search filters.
fn filters_view(compared: Memo<ModelTable>, filters: Filters) -> impl IntoView {
    let provider = move || filters.provider.get().unwrap_or_default();
    view! {
        <div class="models-filters" role="group" aria-label="Filter the models">
            <div class="field">
                <label for="comparison-provider">"Provider"</label>
                <select
                    id="comparison-provider"
                    data-testid="comparison-provider"
                    prop:value=provider
                    on:change=move |ev| {
                        let p = event_target_value(&ev);
                        filters.provider.set((!p.is_empty()).then_some(p));
                    }
                >
                    {move || compared.with(|c| {
                        let chosen = provider();
                        let all = view! {
                            <option value="" selected=chosen.is_empty()>
                                {format!("All providers ({})", count(c.total as f64))}
                            </option>
                        };
                        let each = c.providers.iter().map(|(p, n)| view! {
                            <option value=p.clone() selected=*p == chosen>
                                {format!("{p} ({})", count(*n as f64))}
                            </option>
                        }).collect_view();
                        (all, each)
                    })}
                </select>
            </div>
            <div class="field">
                <label for="comparison-min-context">"Context window"</label>
                <select
                    id="comparison-min-context"
                    data-testid="comparison-min-context"
                    prop:value=move || filters.min_context.get().to_string()
                    on:change=move |ev| {
                        let i = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        filters.min_context.set(i.min(MIN_CONTEXTS.len() - 1));
                    }
                >
                    {MIN_CONTEXTS.iter().enumerate().map(|(i, (tokens, text))| view! {
                        <option value=i.to_string() data-tokens=*tokens>{*text}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="comparison-search">"Search"</label>
                <input
                    id="comparison-search"
                    data-testid="comparison-search"
                    type="search"
                    autocomplete="off"
                    placeholder="gpt, claude, llama…"
                    prop:value=filters.text
                    on:input=move |ev| filters.text.set(event_target_value(&ev))
                />
            </div>
        </div>
    }
}

/// The table of the candidates, cheapest first.
fn table(
    compared: Memo<ModelTable>,
    show_all: RwSignal<bool>,
    use_model: impl Fn(MouseEvent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        // Wider than a phone: it scrolls in its own region, which takes the
        // focus so that a keyboard can scroll it too.
        <div class="models-table-wrap" tabindex="0" role="region" aria-label="Models compared">
            <table class="breakdown models-table">
                <caption>
                    "Cheapest first, with each model's provider and context window in tokens. \
                     Saving: today's monthly cost minus the model's, a month and as a share of \
                     today's; negative when it costs more."
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Model"</th>
                        <th scope="col" class="num">"Context"</th>
                        <th scope="col" class="num">"Monthly cost"</th>
                        <th scope="col" class="num">"Per action"</th>
                        <th scope="col" class="num">"Saving"</th>
                        <th scope="col"><span class="visually-hidden">"Use as the default model"</span></th>
                    </tr>
                </thead>
                // One view for all rows: a change rebuilds them in place,
                // rewriting only the texts and values that changed.
                <tbody>
                    {move || {
                        let all = show_all.get();
                        compared.with(|c| {
                            let (rows, gap) = c.shown(all);
                            let last = rows.len().saturating_sub(1);
                            rows.iter()
                                .enumerate()
                                .map(|(i, o)| row(o, c.today_cost, gap && i == last, use_model))
                                .collect::<Vec<_>>()
                        })
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// One candidate: `data-model` its id; its figures' `data-value`s are the
/// engine's numbers. `after_gap` marks today's row shown after the first
/// rows with others between.
fn row(
    o: &ModelOption,
    today_cost: f64,
    after_gap: bool,
    use_model: impl Fn(MouseEvent) + Copy + Send + Sync + 'static,
) -> AnyView {
    let saving = Saving::of(o, today_cost);
    let (class, judged) = match saving.sign {
        0 if o.is_current => ("num", ""),
        0 => ("num", " (the same)"),
        1 => ("num saving", " (cheaper)"),
        _ => ("num extra", " (costs more)"),
    };
    let model = o.model.to_string();
    view! {
        <tr
            data-testid="comparison-row"
            data-model=model.clone()
            class:today=o.is_current
            class:after-gap=after_gap
            aria-current=o.is_current.then_some("true")
        >
            <th scope="row">
                <span class="model-id">{model.clone()}</span>
                {o.is_current.then(|| view! { <span class="today-badge">"today"</span> })}
                <span class="model-provider">{o.provider.to_string()}</span>
            </th>
            <td class="num">{o.context_tokens.map_or("—".to_owned(), |c| count(f64::from(c)))}</td>
            <td class="num" data-testid="comparison-monthly-cost" data-value=data_value(Some(o.monthly_cost))>
                {money(o.monthly_cost)}
            </td>
            <td class="num" data-testid="comparison-cost-per-action" data-value=data_value(Some(o.cost_per_action))>
                {money(o.cost_per_action)}
            </td>
            <td class=class data-testid="comparison-saving" data-value=data_value(Some(o.saving))>
                {saving.amount}
                <span class="saving-share">{saving.share}</span>
                <span class="visually-hidden">{judged}</span>
            </td>
            <td>
                // Today's row says so on a disabled button: one element type
                // for every row.
                <button
                    type="button"
                    class="secondary use-model"
                    data-testid=(!o.is_current).then_some("use-model")
                    disabled=o.is_current
                    value=model.clone()
                    aria-label=(!o.is_current).then(|| ["Use ", &model, " as the default model"].concat())
                    on:click=use_model
                >
                    {if o.is_current { "In use" } else { "Use" }}
                </button>
            </td>
        </tr>
    }
    .into_any()
}
