//! The "Export" menu: a `<details>` disclosure with one button per download
//! (scenario JSON, cost breakdown CSV, spend chart data CSV, projection
//! table CSV, self-hosting chart data CSV, and each of the six charts as
//! PNG and SVG). It closes on
//! Escape, on a click outside it and after a download starts.

use leptos::ev;
use leptos::html::Details;
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::chart_export::{self, Chart};
use super::{Status, browser};
use crate::app::compare::{Comparison, use_comparison};
use crate::app::{Planner, use_planner};
use crate::engine::Plan;
use crate::export;

/// Rows of the spend chart data CSV.
const SPEND_CSV_POINTS: usize = 100;

/// One download of the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Download {
    ScenarioJson,
    BreakdownCsv,
    SpendCsv,
    ProjectionCsv,
    CrossoverCsv,
    Png(Chart),
    Svg(Chart),
}

impl Download {
    const ALL: [Download; 17] = [
        Download::ScenarioJson,
        Download::BreakdownCsv,
        Download::SpendCsv,
        Download::ProjectionCsv,
        Download::Png(Chart::Spend),
        Download::Svg(Chart::Spend),
        Download::Png(Chart::BreakEven),
        Download::Svg(Chart::BreakEven),
        Download::Png(Chart::BreakEvenPrice),
        Download::Svg(Chart::BreakEvenPrice),
        Download::Png(Chart::Breakdown),
        Download::Svg(Chart::Breakdown),
        Download::Png(Chart::Projection),
        Download::Svg(Chart::Projection),
        Download::CrossoverCsv,
        Download::Png(Chart::Crossover),
        Download::Svg(Chart::Crossover),
    ];

    fn label(self) -> &'static str {
        match self {
            Download::ScenarioJson => "Scenario (JSON)",
            Download::BreakdownCsv => "Cost breakdown (CSV)",
            Download::SpendCsv => "Spend chart data (CSV)",
            Download::ProjectionCsv => "Projection table (CSV)",
            Download::Png(Chart::Spend) => "Spend chart (PNG)",
            Download::Svg(Chart::Spend) => "Spend chart (SVG)",
            Download::Png(Chart::BreakEven) => "Break-even chart (PNG)",
            Download::Svg(Chart::BreakEven) => "Break-even chart (SVG)",
            Download::Png(Chart::BreakEvenPrice) => "Break-even price chart (PNG)",
            Download::Svg(Chart::BreakEvenPrice) => "Break-even price chart (SVG)",
            Download::Png(Chart::Breakdown) => "Cost breakdown chart (PNG)",
            Download::Svg(Chart::Breakdown) => "Cost breakdown chart (SVG)",
            Download::Png(Chart::Projection) => "Projection chart (PNG)",
            Download::Svg(Chart::Projection) => "Projection chart (SVG)",
            Download::CrossoverCsv => "Self-hosting chart data (CSV)",
            Download::Png(Chart::Crossover) => "Self-hosting chart (PNG)",
            Download::Svg(Chart::Crossover) => "Self-hosting chart (SVG)",
        }
    }

    /// Whether it exists only for a self-hosted model with a crossover.
    fn needs_self_hosting(self) -> bool {
        matches!(
            self,
            Download::CrossoverCsv
                | Download::Png(Chart::Crossover)
                | Download::Svg(Chart::Crossover)
        )
    }

    fn testid(self) -> &'static str {
        match self {
            Download::ScenarioJson => "export-json",
            Download::BreakdownCsv => "export-breakdown-csv",
            Download::SpendCsv => "export-spend-csv",
            Download::ProjectionCsv => "export-projection-csv",
            Download::Png(Chart::Spend) => "export-spend-png",
            Download::Svg(Chart::Spend) => "export-spend-svg",
            Download::Png(Chart::BreakEven) => "export-break-even-png",
            Download::Svg(Chart::BreakEven) => "export-break-even-svg",
            Download::Png(Chart::BreakEvenPrice) => "export-break-even-price-png",
            Download::Svg(Chart::BreakEvenPrice) => "export-break-even-price-svg",
            Download::Png(Chart::Breakdown) => "export-breakdown-png",
            Download::Svg(Chart::Breakdown) => "export-breakdown-svg",
            Download::Png(Chart::Projection) => "export-projection-png",
            Download::Svg(Chart::Projection) => "export-projection-svg",
            Download::CrossoverCsv => "export-self-hosting-csv",
            Download::Png(Chart::Crossover) => "export-self-hosting-png",
            Download::Svg(Chart::Crossover) => "export-self-hosting-svg",
        }
    }

    /// Starts the download, confirming or reporting on `status`.
    fn start(self, planner: Planner, status: Status, comparison: Comparison) {
        let s = planner.valid.get_untracked();
        let pinned = comparison.pinned.get_untracked();
        let text = |text: String, mime: &str, suffix: &str| {
            let name = export::file_name(&s.name, suffix);
            browser::download_text(&text, mime, &name).map(|()| name)
        };
        let started = match self {
            Download::ScenarioJson => text(export::scenario_json(&s), "application/json", ".json"),
            Download::BreakdownCsv => text(
                planner.report.with_untracked(export::breakdown_csv),
                "text/csv;charset=utf-8",
                "-breakdown.csv",
            ),
            Download::SpendCsv => text(
                export::spend_csv(&Plan::compile(&s), SPEND_CSV_POINTS),
                "text/csv;charset=utf-8",
                "-spend.csv",
            ),
            Download::ProjectionCsv => text(
                planner.report.with_untracked(export::projection_csv),
                "text/csv;charset=utf-8",
                "-projection.csv",
            ),
            Download::CrossoverCsv => planner
                .plan
                .with_untracked(|plan| export::crossover_csv(plan, &s))
                .ok_or_else(|| chart_export::NO_CROSSOVER.to_owned())
                .and_then(|(_, _, csv)| text(csv, "text/csv;charset=utf-8", "-self-hosting.csv")),
            Download::Svg(chart) => chart_export::svg(chart, &s, pinned.as_ref())
                .map_err(|e| e.to_string())
                .and_then(|svg| {
                    let name = chart.file_name(&s, "svg");
                    browser::download_text(&svg, "image/svg+xml", &name).map(|()| name)
                }),
            Download::Png(chart) => {
                // The PNG is encoded after this returns: it reports itself.
                let encoded =
                    chart_export::download_png(chart, &s, pinned.as_ref(), move |outcome| {
                        match outcome {
                            Ok(name) => status.confirm(format!("Downloading {name}")),
                            Err(e) => status.fail(format!("Could not export the chart: {e}")),
                        }
                    });
                if let Err(e) = encoded {
                    status.fail(format!("Could not export the chart: {e}"));
                }
                return;
            }
        };
        match started {
            Ok(name) => status.confirm(format!("Downloading {name}")),
            Err(e) => status.fail(format!("Could not export: {e}")),
        }
    }
}

/// The "Export" disclosure menu.
#[component]
pub fn ExportMenu(
    /// Where downloads are confirmed and failures reported.
    status: Status,
) -> impl IntoView {
    let planner = use_planner();
    let comparison = use_comparison();
    let menu = NodeRef::<Details>::new();
    let close = move |refocus: bool| {
        let Some(details) = menu.get_untracked() else {
            return;
        };
        if !details.has_attribute("open") {
            return;
        }
        _ = details.remove_attribute("open");
        if refocus {
            let summary = details.query_selector("summary").ok().flatten();
            if let Some(summary) = summary.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                _ = summary.focus();
            }
        }
    };

    // A click anywhere else closes the menu, as menus do.
    let outside = window_event_listener(ev::click, move |e| {
        let Some(details) = menu.get_untracked() else {
            return;
        };
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !details.contains(target.as_ref()) {
            close(false);
        }
    });
    on_cleanup(move || outside.remove());

    let on_keydown = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" {
            close(true);
        }
    };

    view! {
        <details class="export-menu" node_ref=menu on:keydown=on_keydown>
            <summary class="button secondary" data-testid="export-menu">
                "Export"
                <span aria-hidden="true">" ▾"</span>
            </summary>
            <div class="export-menu-items" role="group" aria-label="Downloads">
                {Download::ALL
                    .into_iter()
                    .map(|download| {
                        // The self-hosting chart and data only while there
                        // is a self-hosted model weighed against an API.
                        let offered = move || {
                            !download.needs_self_hosting()
                                || planner.report.with(|r| {
                                    r.self_hosted.iter().any(|h| {
                                        h.crossover.as_ref().is_some_and(|c| c.versus.is_some())
                                    })
                                })
                        };
                        view! {
                            <Show when=offered>
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid=download.testid()
                                    on:click=move |_| {
                                        download.start(planner, status, comparison);
                                        close(true);
                                    }
                                >
                                    {download.label()}
                                </button>
                            </Show>
                        }
                    })
                    .collect_view()}
            </div>
        </details>
    }
}
