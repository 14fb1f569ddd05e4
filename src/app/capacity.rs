//! What breaks first: every limit pool's limits at peak, the binding limit,
//! requests that can never fit, the tier or organisations that clear the
//! load, queues per step and backlog drain times.
//!
//! Everything shown is the engine's report (`capacity`, `limit_tiers`); this
//! file only picks, orders and formats it. While a quick control moves and
//! the panel is far off screen it holds what it shows (like the editor's
//! `Shown`), and the tier advice, which evaluates a few scenarios, is only
//! computed when something is over a limit or never fits.
//!
//! Size: every figure is read through [`read`] with a plain function, so
//! all of them share one closure type (and one copy of the reactive code)
//! per output type instead of one per figure.

use leptos::prelude::*;

use super::chart_canvas::near_screen;
use super::moving::use_moving;
use super::notices::use_notices;
use super::{data_value, use_planner};
use crate::engine::Report;
use crate::engine::capacity::{GPU_LIMIT, LimitUse, NeverFits, PoolLoad, StepLoad};
use crate::engine::limit_tiers::{Advice, LimitFix, advise};
use crate::format::{count, duration, money, percent};

/// The capacity and limits panel.
#[component]
pub fn CapacityPanel() -> impl IntoView {
    let planner = use_planner();
    let notices = use_notices();
    let moving = use_moving();
    let section = NodeRef::<leptos::html::Section>::new();
    let near = near_screen(section);
    // Far off screen while a control moves, keep what is shown (see the
    // module documentation): the report is not even read then.
    let cap = Memo::new(move |shown: Option<&Capacity>| match shown {
        Some(shown) if moving.get() && !near.get() => shown.clone(),
        _ => {
            let mut c = planner.report.with(Capacity::of);
            if c.peak > 1.0 || !c.never_fits.is_empty() {
                c.advice = planner.valid.with(advise);
            }
            c
        }
    });
    // What the elements are built for; the figures in them update in place.
    let shape = Memo::new(move |_| cap.with(Capacity::shape));

    let apply = move |_| {
        let Some(a) = cap.with_untracked(|c| c.advice.clone()) else {
            return;
        };
        let mut s = planner.valid.get_untracked();
        a.apply(&mut s);
        notices.replace(
            planner,
            s,
            format!("Applied {} to the rate limits.", a.label),
        );
    };

    view! {
        <section node_ref=section class="panel capacity" aria-labelledby="capacity-heading">
            <h2 id="capacity-heading">"Capacity and limits"</h2>
            {move || shape.with(|s| (!s.never_fits.is_empty()).then(|| view! {
                <div class="capacity-alert" role="alert" data-testid="never-fits">
                    <strong>"Can never succeed, whatever the volume:"</strong>
                    <ul>
                        {s.never_fits.iter().map(|n| view! {
                            <li>{format!("{} · {}: {}.", n.feature, n.step, n.reason)}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }))}
            <p class="binding" class:over=read(cap, 0, |c, _| c.peak > 1.0)>
                <span data-testid="binding-limit" data-value=read(cap, 0, |c, _| Some(c.binding.clone().unwrap_or_default()))>
                    {read(cap, 0, |c, _| match &c.binding {
                        Some(b) => {
                            let (noun, when) = words(b.rsplit(" · ").next().unwrap_or_default());
                            format!("The first limit to run out is {b} ({noun} {when}): ")
                        }
                        None => "No rate limit is set.".into(),
                    })}
                </span>
                <strong
                    data-testid="peak-limit-utilisation"
                    data-value=read(cap, 0, |c, _| Some(data_value(Some(c.peak))))
                >
                    {read(cap, 0, |c, _| match c.binding {
                        Some(_) => percent(c.peak) + " of it",
                        None => String::new(),
                    })}
                </strong>
            </p>
            {move || shape.with(|s| s.advice).then(|| view! {
                <p
                    class="advice"
                    data-testid="limit-advice"
                    data-tier=read(cap, 0, |c, _| c.advice.as_ref().map(|a| match a.fix {
                        LimitFix::Tier(t) => t.id.to_owned(),
                        LimitFix::Organisations { .. } => String::new(),
                    }))
                >
                    {read(cap, 0, |c, _| c.advice.as_ref().map_or(String::new(), |a| {
                        format!("To clear it: {} (then {} at peak).", a.label, percent(a.peak_after))
                    }))}
                    " "
                    <button type="button" class="button" data-testid="apply-advice" on:click=apply>
                        "Apply"
                    </button>
                </p>
            })}
            {move || shape.with(|s| {
                let pools = s.pools.iter().enumerate().map(|(i, (title, limits))| {
                    pool_view(cap, i, title, limits)
                });
                (pools.collect_view(), queues_view(cap, &s.queues), backlogs_view(cap, &s.backlogs))
            })}
        </section>
    }
}

/// What the panel shows of a report.
#[derive(Clone, PartialEq)]
struct Capacity {
    pools: Vec<PoolLoad>,
    never_fits: Vec<NeverFits>,
    binding: Option<String>,
    peak: f64,
    /// The smallest tier or number of organisations that clears the
    /// busiest provider; only looked for when something is over a limit.
    advice: Option<Advice>,
    /// Steps with a concurrency limit, most utilised first.
    queues: Vec<(String, StepLoad)>,
    /// Features whose new users bring a backlog: name, items, drain
    /// seconds (when a limit bounds the pace) and cost.
    backlogs: Vec<(String, f64, Option<f64>, f64)>,
}

/// What the panel's elements are built for.
#[derive(Clone, PartialEq)]
struct Shape {
    never_fits: Vec<NeverFits>,
    advice: bool,
    /// Each pool's title and its limits' labels.
    pools: Vec<(String, Vec<&'static str>)>,
    queues: Vec<String>,
    backlogs: Vec<String>,
}

impl Capacity {
    fn of(r: &Report) -> Capacity {
        let mut queues: Vec<(String, StepLoad)> = Vec::new();
        for f in &r.features {
            for s in &f.steps {
                if let Some(load) = s.load.as_ref().filter(|l| l.ceiling_per_minute.is_some()) {
                    queues.push((format!("{} · {}", f.name, s.name), load.clone()));
                }
            }
        }
        // Most utilised first, like the coaching memo ranks its bottlenecks;
        // equals keep the scenario's order. An insertion sort: a scenario
        // has a handful of such steps, and the standard library's stable
        // sort would cost kilobytes of wasm.
        let busy = |q: &(String, StepLoad)| q.1.utilisation.unwrap_or(0.0);
        for i in 1..queues.len() {
            let mut j = i;
            while j > 0 && busy(&queues[j - 1]) < busy(&queues[j]) {
                queues.swap(j - 1, j);
                j -= 1;
            }
        }
        Capacity {
            pools: r.pools.clone(),
            never_fits: r.never_fits.clone(),
            binding: r.binding_limit.clone(),
            peak: r.peak_limit_utilisation,
            advice: None,
            queues,
            backlogs: r
                .features
                .iter()
                .filter(|f| f.backlog_items > 0.0)
                .map(|f| {
                    (
                        f.name.clone(),
                        f.backlog_items,
                        f.backlog_drain_s,
                        f.backlog_cost,
                    )
                })
                .collect(),
        }
    }

    fn shape(&self) -> Shape {
        Shape {
            never_fits: self.never_fits.clone(),
            advice: self.advice.is_some(),
            pools: self
                .pools
                .iter()
                .map(|p| {
                    let title = match (p.gpus, p.keys) {
                        (Some(1), _) => format!("{} on 1 GPU", p.name),
                        (Some(n), _) => format!("{} on {n} GPUs", p.name),
                        (None, 1) => p.name.clone(),
                        (None, k) => format!("{} × {k} organisations", p.name),
                    };
                    (title, p.limits.iter().map(|l| l.limit).collect())
                })
                .collect(),
            queues: self.queues.iter().map(|q| q.0.clone()).collect(),
            backlogs: self.backlogs.iter().map(|b| b.0.clone()).collect(),
        }
    }

    /// Limit `k % 8` of pool `k / 8` (a pool sets at most six).
    fn limit(&self, k: usize) -> Option<(&PoolLoad, &LimitUse)> {
        let p = self.pools.get(k / 8)?;
        Some((p, p.limits.get(k % 8)?))
    }

    fn used(&self, k: usize) -> f64 {
        self.limit(k).map_or(0.0, |(_, l)| l.utilisation)
    }

    fn queue(&self, i: usize) -> Option<&StepLoad> {
        self.queues.get(i).map(|q| &q.1)
    }

    /// The mean queue wait of queue `i`; `None` when it is overloaded.
    fn wait(&self, i: usize) -> Option<f64> {
        self.queue(i)
            .and_then(|l| l.queue_wait_s.filter(|_| !l.overloaded))
    }

    fn backlog(&self, i: usize) -> Option<&(String, f64, Option<f64>, f64)> {
        self.backlogs.get(i)
    }
}

/// `f(capacity, i)`, tracked: one closure type for every figure of a type.
fn read<T>(cap: Memo<Capacity>, i: usize, f: fn(&Capacity, usize) -> T) -> impl Fn() -> T + Copy {
    move || cap.with(|c| f(c, i))
}

/// What a limit counts and over what time: `("tokens", "a minute at peak")`.
fn words(limit: &str) -> (&'static str, &'static str) {
    let noun = match limit {
        "RPM" | "RPD" => "requests",
        "ITPM" => "input tokens",
        "OTPM" => "output tokens",
        _ => "tokens",
    };
    let when = if limit.ends_with('D') {
        "a day"
    } else if limit == GPU_LIMIT {
        "a second at peak"
    } else {
        "a minute at peak"
    };
    (noun, when)
}

/// One pool: a bar per limit at peak (per-day limits over the day), or its
/// demand when it sets none.
fn pool_view(
    cap: Memo<Capacity>,
    i: usize,
    title: &str,
    limits: &[&'static str],
) -> impl IntoView + use<> {
    let rows = limits
        .iter()
        .enumerate()
        .map(|(j, &label)| {
            let k = i * 8 + j;
            view! {
                <div class="limit" class:over=read(cap, k, |c, k| c.used(k) > 1.0)>
                    <span class="limit-name">{label}</span>
                    <meter
                        min="0"
                        max="1"
                        low="0.7"
                        high="0.9"
                        optimum="0"
                        value=read(cap, k, |c, k| Some(c.used(k).min(1.0).to_string()))
                        aria-label=format!("{title} {label}")
                    />
                    <span
                        class="limit-use num"
                        data-testid="limit-utilisation"
                        data-value=read(cap, k, |c, k| Some(data_value(Some(c.used(k)))))
                    >
                        {read(cap, k, |c, k| percent(c.used(k)))}
                    </span>
                    <span class="limit-load muted">
                        {read(cap, k, |c, k| c.limit(k).map_or(String::new(), |(p, l)| {
                            let (noun, when) = words(l.limit);
                            let refused = match p.refused_per_day.filter(|r| *r > 0.0 && l.limit == "RPD") {
                                Some(r) => format!(", {} refused", count(r)),
                                None => String::new(),
                            };
                            format!("{} of {} {noun} {when}{refused}", count(l.load), count(l.capacity))
                        }))}
                    </span>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="pool">
            <h3>{title.to_owned()}</h3>
            {rows}
            <p class="pool-note muted">
                {read(cap, i, |c, i| match c.pools.get(i) {
                    Some(p) if p.limits.is_empty() => {
                        format!("No limit set: {} requests a minute at peak.", count(p.peak_rpm))
                    }
                    _ => String::new(),
                })}
            </p>
            <p class="pool-note muted">
                {read(cap, i, |c, i| match c.pools.get(i) {
                    Some(p) if p.batch_tokens_per_day > 0.0 => format!(
                        "Batch API: {} tokens a day, outside the real-time limits.",
                        count(p.batch_tokens_per_day)
                    ),
                    _ => String::new(),
                })}
            </p>
        </div>
    }
}

/// Steps with a concurrency limit, most utilised first: ceiling a minute,
/// use at peak, runs in flight (Little's law), mean wait (Erlang C).
fn queues_view(cap: Memo<Capacity>, names: &[String]) -> Option<impl IntoView + use<>> {
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <tr class:over=read(cap, i, |c, i| c.wait(i).is_none())>
                    <th scope="row">{name.clone()}</th>
                    <td class="num">
                        {read(cap, i, |c, i| c.queue(i).and_then(|l| l.ceiling_per_minute).map_or(String::new(), count))}
                    </td>
                    <td
                        class="num"
                        data-testid="step-utilisation"
                        data-value=read(cap, i, |c, i| Some(data_value(c.queue(i).and_then(|l| l.utilisation))))
                    >
                        {read(cap, i, |c, i| c.queue(i).and_then(|l| l.utilisation).map_or(String::new(), percent))}
                    </td>
                    <td class="num">
                        {read(cap, i, |c, i| c.queue(i).and_then(|l| l.in_flight).map_or(String::new(), count))}
                    </td>
                    <td class="num" data-testid="queue-wait" data-value=read(cap, i, |c, i| Some(data_value(c.wait(i))))>
                        {read(cap, i, |c, i| c.wait(i).map_or("overloaded".into(), duration))}
                    </td>
                </tr>
            }
        })
        .collect_view();
    (!names.is_empty()).then(|| {
        view! {
            <h3>"Queues at peak"</h3>
            <table class="breakdown">
                <thead>
                    <tr>
                        <th scope="col">"Step, busiest first"</th>
                        <th scope="col" class="num">"Ceiling a minute"</th>
                        <th scope="col" class="num">"Use"</th>
                        <th scope="col" class="num">"In flight"</th>
                        <th scope="col" class="num">"Mean wait"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

/// Features whose new users bring one-time work: items, how long they take
/// and what they cost.
fn backlogs_view(cap: Memo<Capacity>, names: &[String]) -> Option<impl IntoView + use<>> {
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td class="num">{read(cap, i, |c, i| c.backlog(i).map_or(String::new(), |b| count(b.1)))}</td>
                    <td
                        class="num"
                        data-testid="drain-time"
                        data-value=read(cap, i, |c, i| Some(data_value(c.backlog(i).and_then(|b| b.2))))
                    >
                        {read(cap, i, |c, i| match c.backlog(i) {
                            Some((_, _, Some(s), _)) => duration(*s),
                            Some(_) => "no limit sets the pace".into(),
                            None => String::new(),
                        })}
                    </td>
                    <td class="num">{read(cap, i, |c, i| c.backlog(i).map_or(String::new(), |b| money(b.3)))}</td>
                </tr>
            }
        })
        .collect_view();
    (!names.is_empty()).then(|| {
        view! {
            <h3>"Backlog of new users"</h3>
            <table class="breakdown">
                <thead>
                    <tr>
                        <th scope="col">"Feature"</th>
                        <th scope="col" class="num">"Items"</th>
                        <th scope="col" class="num">"Drain time"</th>
                        <th scope="col" class="num">"Cost"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}
