//! The scenario-wide fields: basics (name, users, calendar, growth,
//! projection, default model), pricing and budget.

use leptos::prelude::*;

use super::inputs::{Input, field_names, inputs};
use super::model_field::Models;

const BASICS: &[Input] = &[
    Input::Field("Scenario name", "name"),
    Input::Field("Active users", "users"),
    Input::Field("Days per month", "days_per_month"),
    Input::Field("Peak factor (peak minute ÷ average)", "peak_factor"),
    Input::Field("Monthly growth (share, 0.1 = 10 %)", "growth"),
    Input::Field("Monthly churn (share, 0–1)", "churn"),
    Input::Field("Projection (months)", "horizon_months"),
    Input::Model("Default model", "default_model", Models::Chat),
];

const PRICING: &[Input] = &[
    Input::Field("Price per paying user a month ($)", "price_per_paying_user"),
    Input::Field("Paying users (share, 0–1)", "paying_share"),
    Input::Field("Payment fee (share of revenue, 0–1)", "payment_fee_share"),
    Input::Field("Target margin (share, below 1)", "target_margin"),
];

const BUDGET: &[Input] = &[
    Input::Field("Monthly cap ($)", "monthly_cap"),
    Input::Field("Daily alert ($)", "daily_alert"),
    Input::Field("Prepaid credit left ($)", "credit_balance"),
];

/// The field paths [`Basics`] shows, for its section's problem flag.
pub(super) fn basics_paths() -> Vec<String> {
    field_names(BASICS)
}

/// Name, users, days per month, peak factor, growth, churn, projection
/// length and the default model.
#[component]
pub(super) fn Basics() -> impl IntoView {
    view! { <div class="field-grid">{inputs("", BASICS)}</div> }
}

/// What users pay: price, paying share, payment fee and target margin.
#[component]
pub(super) fn Pricing() -> impl IntoView {
    view! { <div class="field-grid">{inputs("pricing", PRICING)}</div> }
}

/// Spending guard rails, each optional.
#[component]
pub(super) fn Budget() -> impl IntoView {
    view! {
        <p class="muted editor-hint">"Leave a field empty to not check it."</p>
        <div class="field-grid">{inputs("budget", BUDGET)}</div>
    }
}
