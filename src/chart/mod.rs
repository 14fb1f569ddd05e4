//! Charts, drawn with plotters for any `DrawingBackend`: the canvas in the
//! browser (the app's own canvas backend, `app::canvas_backend`) and SVG for export and
//! tests (`SVGBackend::with_string`) run the very same code.
//!
//! Each chart is a plain data struct built from the engine's `Plan` or
//! `Report` (cheap to compare, so the app can memoise it) and a draw
//! function that takes a drawing area, that data and a [`ChartStyle`].
//! This module owns the drawing only: it computes no cost itself (the
//! engine does), and it must not touch `leptos`, `web_sys` or
//! `wasm_bindgen`. Drawing never panics: every failure of the backend comes
//! back as a [`ChartError`], and no NaN or infinity reaches plotters.

mod bars;
mod break_even;
mod breakdown;
mod crossover;
mod frame;
mod models;
mod projection;
mod spend;
mod theme;

use std::fmt;

use plotters::drawing::DrawingAreaErrorKind;

pub use break_even::{BreakEvenData, draw_break_even, draw_break_even_price};
pub use breakdown::{BreakdownBy, BreakdownData, draw_breakdown};
pub use crossover::{CrossoverData, draw_crossover};
pub use models::{MAX_MODEL_BARS, ModelsData, draw_models};
pub use projection::{ProjectionData, draw_projection};
pub use spend::{SpendData, draw_spend};
pub use theme::{ChartStyle, FONT_FAMILY, Theme};

/// A chart could not be drawn: the backend's error, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not draw the chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> ChartError {
        ChartError(e.to_string())
    }
}

/// Helpers for the chart tests: draw into an SVG string.
#[cfg(test)]
pub(crate) mod testing {
    use plotters::coord::Shift;
    use plotters::prelude::*;

    use super::ChartError;
    use crate::engine::{Plan, Report, Scenario, presets};

    /// What `draw` draws on an SVG of `size`, or its error.
    pub fn svg(
        size: (u32, u32),
        draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
    ) -> Result<String, ChartError> {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            draw(&root)?;
            root.present()?;
        }
        Ok(out)
    }

    /// Every built-in preset as (id, scenario, plan, report).
    pub fn presets() -> Vec<(&'static str, Scenario, Plan, Report)> {
        presets::all()
            .iter()
            .map(|p| {
                let scenario = p.scenario();
                let plan = Plan::new(&scenario).unwrap_or_else(|e| panic!("{}: {e}", p.id));
                let report = plan.report(&scenario);
                (p.id, scenario, plan, report)
            })
            .collect()
    }

    /// Scenarios at the edges: nothing at all, one feature, twenty
    /// features, no revenue, huge numbers, today at 0, 1 and 10 million
    /// users.
    pub fn degenerate() -> Vec<(&'static str, Scenario)> {
        use crate::engine::scenario::{Feature, FixedCost, FixedKind, Step};
        let feature = |name: String, per_user_per_day: f64, price: f64| Feature {
            name,
            per_user_per_day,
            fixed_per_day: 0.0,
            cache_hit_rate: 0.0,
            backlog_per_new_user: 0.0,
            steps: vec![Step::flat("Call", price)],
        };
        let one = Scenario {
            name: "One feature".into(),
            users: 100.0,
            features: vec![feature("Chat".into(), 10.0, 0.002)],
            ..Scenario::default()
        };
        let mut priced = one.clone();
        priced.pricing.price_per_paying_user = 20.0;
        priced.pricing.paying_share = 0.1;
        priced.budget.monthly_cap = Some(50.0);
        priced.fixed_costs = vec![FixedCost {
            name: "Hosting".into(),
            kind: FixedKind::Flat,
            monthly: 25.0,
            users_per_unit: None,
        }];
        let many = Scenario {
            name: "Twenty features".into(),
            users: 1000.0,
            growth: 0.1,
            features: (0..20)
                .map(|i| {
                    let mut f = feature(
                        format!("A rather long feature name number {i}"),
                        1.0 + f64::from(i),
                        0.001,
                    );
                    f.backlog_per_new_user = 5.0;
                    f
                })
                .collect(),
            ..priced.clone()
        };
        let huge = Scenario {
            name: "Huge".into(),
            users: 1e7,
            features: vec![feature("Render".into(), 1000.0, 100.0)],
            ..priced.clone()
        };
        let at = |users: f64| Scenario {
            users,
            ..priced.clone()
        };
        vec![
            ("empty", Scenario::default()),
            ("one feature, no revenue", one),
            ("priced", at(100.0)),
            ("zero users", at(0.0)),
            ("one user", at(1.0)),
            ("ten million users", at(1e7)),
            ("twenty features", many),
            ("huge", huge),
        ]
    }
}
