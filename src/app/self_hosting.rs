//! The self-hosting panel: each self-hosted model's GPUs, their load
//! against the planned ceiling, and where running the default steps on them
//! starts to cost less than on an API, with the crossover chart
//! (`crate::chart::draw_crossover`). Every figure is the engine's report
//! (`self_hosted`). A scenario without one offers to add one, starting from
//! the sourced A100 deployment (`SelfHosted::STARTING_POINT`), with Undo;
//! one that is not the default model can become it, with Undo.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;

use super::canvas_backend::WebBackend;
use super::chart_canvas::ChartCanvas;
use super::notices::use_notices;
use super::projection::Held;
use super::{data_value, use_planner};
use crate::chart::{ChartStyle, CrossoverData, draw_crossover};
use crate::engine::Scenario;
use crate::engine::scenario::{CustomModel, SelfHosted};
use crate::engine::self_hosting::SelfHostedReport;
use crate::format::{count, money, percent, price};

/// The id a model added from the panel takes (numbered when taken).
const NEW_MODEL_ID: &str = "self-hosted-llm";

/// The self-hosting panel.
#[component]
pub fn SelfHostingPanel() -> impl IntoView {
    let section = NodeRef::<leptos::html::Section>::new();
    let held = Held::new(section);
    let any = move || held.with(|r| !r.self_hosted.is_empty());
    view! {
        <section
            node_ref=section
            class="panel self-hosting"
            aria-labelledby="self-hosting-heading"
            data-testid="self-hosting"
        >
            <h2 id="self-hosting-heading">"Self-hosting"</h2>
            <Show when=any fallback=|| view! { <Invitation /> }>
                {move || {
                    held.with(|r| {
                        r.self_hosted
                            .iter()
                            .map(|h| view! { <Deployment report=h.clone() /> })
                            .collect::<Vec<_>>()
                    })
                }}
            </Show>
        </section>
    }
}

/// No self-hosted model yet: what the panel would show, and a button that
/// adds one.
#[component]
fn Invitation() -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let add = move |_| {
        let mut s = planner.scenario.get_untracked();
        let id = free_id(&s);
        let provider = "self-hosted";
        s.custom_models.push(CustomModel::on_gpus(
            &id,
            provider,
            SelfHosted::STARTING_POINT,
        ));
        notices.replace(
            planner,
            s,
            format!(
                "Added the self-hosted model {id}: Llama 3.1 8B on one A100 80 GB at {} an hour \
                 (sources in the editor's custom models and docs/self-hosting.md).",
                price(SelfHosted::STARTING_POINT.price_per_gpu_hour)
            ),
        );
    };
    view! {
        <p class="muted">
            "No model of this scenario runs on its own GPUs. A self-hosted model costs its GPUs \
             around the clock instead of a price per token, and can serve only so many tokens \
             a second."
        </p>
        <button type="button" class="secondary" data-testid="add-self-hosted" on:click=add>
            "Weigh self-hosting the default steps"
        </button>
    }
}

/// A custom model id not yet taken.
fn free_id(s: &Scenario) -> String {
    let taken = |id: &str| {
        s.custom_models.iter().any(|m| m.id == id) || crate::engine::catalog::find(id).is_some()
    };
    if !taken(NEW_MODEL_ID) {
        return NEW_MODEL_ID.to_owned();
    }
    (2..)
        .map(|n| format!("{NEW_MODEL_ID}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| NEW_MODEL_ID.to_owned())
}

/// One self-hosted model: its figures, its crossover and its chart.
#[component]
fn Deployment(report: SelfHostedReport) -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let h = report;
    let model = h.model.clone();
    let gpus = |n: u32| format!("{n} GPU{}", if n == 1 { "" } else { "s" });
    let over = h.utilisation > 1.0;
    let is_default = planner.valid.with_untracked(|s| s.default_model == h.model);
    let make_default = {
        let model = model.clone();
        move |_| {
            let mut s = planner.scenario.get_untracked();
            s.default_model = model.clone();
            notices.replace(
                planner,
                s,
                format!("The default steps now run on {model}, on its own GPUs."),
            );
        }
    };
    let crossover = h.crossover.clone();
    let crossover_text = match &crossover {
        None => "No llm step uses the default model: nothing to weigh.".to_owned(),
        Some(c) => match (c.users, &c.reason, &c.versus) {
            (Some(u), _, Some(v)) if u <= 0.0 => {
                format!("Cheaper than {v} for the default steps at any volume.")
            }
            (Some(u), _, Some(v)) => {
                format!(
                    "Cheaper than {v} for the default steps from {} users.",
                    count(u)
                )
            }
            (_, Some(why), _) => format!("No crossover: {why}."),
            _ => String::new(),
        },
    };
    let today = crossover.as_ref().and_then(|c| {
        let v = c.versus.as_ref()?;
        Some(format!(
            "Today the default steps cost {} a month on {v}, {} on {}.",
            money(c.api_monthly),
            money(c.self_hosted_monthly),
            gpus(c.gpus)
        ))
    });
    let label = {
        let text = format!("API against self-hosted monthly cost for {model}. {crossover_text}");
        Signal::derive(move || text.clone())
    };
    let chart_model = model.clone();
    let draw = move |area: &DrawingArea<WebBackend<'static>, Shift>, style: &ChartStyle| {
        let data = planner.plan.with(|plan| {
            planner
                .valid
                .with(|s| CrossoverData::new(plan, s, &chart_model))
        });
        match data {
            Some(d) => draw_crossover(area, &d, style),
            None => Ok(()),
        }
    };
    let has_chart = crossover.as_ref().is_some_and(|c| c.versus.is_some());
    view! {
        <div class="deployment" data-model=h.model.clone()>
            <h3>{format!("{} ({})", h.model, h.provider)}</h3>
            <dl class="deployment-figures">
                <div>
                    <dt>"GPUs"</dt>
                    <dd data-testid="gpu-monthly" data-value=data_value(Some(h.monthly_cost))>
                        {if h.in_use {
                            format!(
                                "{} at {} an hour: {} a month",
                                gpus(h.gpus),
                                price(h.price_per_gpu_hour),
                                money(h.monthly_cost)
                            )
                        } else {
                            format!(
                                "{} at {} an hour, not paid: no step sends it runs",
                                gpus(h.gpus),
                                price(h.price_per_gpu_hour)
                            )
                        }}
                    </dd>
                </div>
                <div>
                    <dt>"Load at peak"</dt>
                    <dd
                        data-testid="gpu-utilisation"
                        data-value=data_value(Some(h.utilisation))
                        class:over=over
                    >
                        {if h.in_use {
                            format!(
                                "{} of {} tokens a second ({})",
                                count(h.peak_tokens_per_second),
                                count(h.ceiling_tokens_per_second),
                                percent(h.utilisation)
                            )
                        } else {
                            format!(
                                "none yet; it can take {} tokens a second",
                                count(h.ceiling_tokens_per_second)
                            )
                        }}
                    </dd>
                </div>
                <div>
                    <dt>"GPUs the load needs"</dt>
                    <dd data-testid="gpus-needed" data-value=h.gpus_needed.to_string()>
                        {gpus(h.gpus_needed)}
                    </dd>
                </div>
                <div>
                    <dt>"Crossover"</dt>
                    <dd
                        data-testid="crossover-users"
                        data-value=data_value(crossover.as_ref().and_then(|c| c.users))
                    >
                        {crossover_text.clone()}
                        {today.map(|t| view! { <span class="muted">" "{t}</span> })}
                    </dd>
                </div>
            </dl>
            {(!is_default && h.crossover.is_some()).then(|| view! {
                <button
                    type="button"
                    class="secondary"
                    data-testid="use-self-hosted"
                    on:click=make_default.clone()
                >
                    {format!("Run the default steps on {model}")}
                </button>
            })}
            {has_chart.then(move || view! {
                <div class="chart chart-wide">
                    <ChartCanvas label testid="crossover-chart" draw />
                </div>
            })}
        </div>
    }
}
