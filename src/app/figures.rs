//! The key figures: monthly cost, cost per action and per user, break-even,
//! margin, rate-limit use and runway, each with the `data-testid` and
//! `data-value` that DESIGN.md makes a contract.

use leptos::prelude::*;

use super::{data_value, use_planner};
use crate::engine::Report;
use crate::format::{count, money, percent};

/// The grid of key figure cards, read from the planner's report.
#[component]
pub fn KeyFigures() -> impl IntoView {
    let planner = use_planner();
    let figure = move |pick: fn(&Report) -> Figure| move || planner.report.with(pick);
    view! {
        <section class="kpis" aria-label="Key figures">
            <FigureCard testid="monthly-cost" label="Monthly cost" figure=Signal::derive(figure(|r| Figure {
                value: Some(r.monthly_cost),
                text: money(r.monthly_cost),
                note: format!("{} a day", money(r.daily_cost)),
            })) />
            <FigureCard testid="cost-per-action" label="Cost per action" figure=Signal::derive(figure(|r| Figure {
                value: Some(r.cost_per_action),
                text: money(r.cost_per_action),
                note: "per billed action".into(),
            })) />
            <FigureCard testid="cost-per-user" label="Cost per user" figure=Signal::derive(figure(|r| Figure {
                value: r.cost_per_user,
                text: r.cost_per_user.map_or("—".into(), money),
                note: if r.cost_per_user.is_some() { "a month".into() } else { "no users".into() },
            })) />
            <FigureCard testid="break-even-users" label="Break-even users" figure=Signal::derive(figure(|r| Figure {
                value: r.break_even_users.map(|u| u as f64),
                text: r.break_even_users.map_or("never".into(), |u| count(u as f64)),
                note: r.break_even_reason.clone().unwrap_or_else(|| "revenue covers cost from here".into()),
            })) />
            <FigureCard testid="break-even-price" label="Break-even price" figure=Signal::derive(figure(|r| Figure {
                value: r.break_even_price,
                text: r.break_even_price.map_or("—".into(), money),
                note: match r.break_even_price_at_margin {
                    Some(p) if Some(p) != r.break_even_price => format!("per paying user; {} at the target margin", money(p)),
                    Some(_) => "per paying user a month".into(),
                    None => "no paying users".into(),
                },
            })) />
            <FigureCard testid="gross-margin" label="Gross margin" figure=Signal::derive(figure(|r| Figure {
                value: r.gross_margin,
                text: r.gross_margin.map_or("—".into(), percent),
                note: if r.gross_margin.is_some() { format!("on {} revenue", money(r.revenue_monthly)) } else { "no revenue".into() },
            })) />
            <FigureCard testid="peak-rpm-utilisation" label="Peak RPM use" figure=Signal::derive(figure(|r| Figure {
                value: Some(r.peak_rpm_utilisation),
                text: percent(r.peak_rpm_utilisation),
                note: limits_note(r),
            })) />
            <FigureCard testid="runway-days" label="Runway" figure=Signal::derive(figure(|r| Figure {
                value: r.runway_days,
                text: r.runway_days.map_or("—".into(), |d| format!("{} days", count(d))),
                note: r.runway_reason.clone().unwrap_or_else(|| "of prepaid credit".into()),
            })) />
        </section>
    }
}

/// What the rate-limit card says under its RPM figure: a request that can
/// never succeed first, then the busiest limit when it is not an RPM one.
fn limits_note(r: &Report) -> String {
    if let Some(n) = r.never_fits.first() {
        let more = match r.never_fits.len() {
            1 => String::new(),
            k => format!(" (and {} more)", k - 1),
        };
        return format!("never fits: {} exceeds the {}{more}", n.step, n.limit);
    }
    match &r.binding_limit {
        None => "no rate limit set".into(),
        Some(name) if name.ends_with(" · RPM") => {
            format!("of {}'s RPM limit", name.trim_end_matches(" · RPM"))
        }
        Some(name) => format!("busiest: {name} at {}", percent(r.peak_limit_utilisation)),
    }
}

/// Figures longer than this many characters are set smaller.
const LONG_FIGURE_CHARS: usize = 8;

/// What one card shows.
#[derive(Clone, Debug, Default, PartialEq)]
struct Figure {
    /// The unformatted number for `data-value`; `None` when there is none.
    value: Option<f64>,
    text: String,
    note: String,
}

/// One figure card.
#[component]
fn FigureCard(
    /// The `data-testid` the tests read.
    testid: &'static str,
    /// The card's title.
    label: &'static str,
    /// The figure to show.
    figure: Signal<Figure>,
) -> impl IntoView {
    view! {
        <div class="kpi">
            <div class="kpi-label">{label}</div>
            <div
                class="kpi-value"
                // Long amounts ($6,105,623) get a smaller size rather than
                // breaking across lines.
                class:long=move || figure.with(|f| f.text.chars().count() > LONG_FIGURE_CHARS)
                data-testid=testid
                data-value=move || figure.with(|f| data_value(f.value))
            >
                {move || figure.with(|f| f.text.clone())}
            </div>
            <div class="kpi-note">{move || figure.with(|f| f.note.clone())}</div>
        </div>
    }
}
