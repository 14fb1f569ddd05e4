//! The model comparison's downloads, offered by its panel: the table as
//! CSV (`export::models_csv`) and the chart as PNG and SVG (`chart_export`,
//! the Export menu's path). Like every export they are built from the
//! planner's last valid scenario at the moment of the click, here with the
//! panel's filters.

use super::{Status, browser, chart_export};
use crate::engine::switch::ModelFilter;
use crate::engine::{Plan, Scenario};
use crate::export;

/// One download of the model comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelsFile {
    Csv,
    Png,
    Svg,
}

impl ModelsFile {
    pub const ALL: [ModelsFile; 3] = [ModelsFile::Csv, ModelsFile::Png, ModelsFile::Svg];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            ModelsFile::Csv => "Table (CSV)",
            ModelsFile::Png => "Chart (PNG)",
            ModelsFile::Svg => "Chart (SVG)",
        }
    }

    pub fn testid(self) -> &'static str {
        match self {
            ModelsFile::Csv => "export-models-csv",
            ModelsFile::Png => "export-models-png",
            ModelsFile::Svg => "export-models-svg",
        }
    }

    /// Starts the download of `s` under `filter`, confirming or reporting
    /// on `status`.
    pub fn start(self, s: &Scenario, filter: &ModelFilter, status: Status) {
        let report = move |outcome: Result<String, String>| match outcome {
            Ok(name) => status.confirm(format!("Downloading {name}")),
            Err(e) => status.fail(format!("Could not export: {e}")),
        };
        let started = match self {
            ModelsFile::Csv => {
                let text = export::models_csv(&Plan::compile(s).model_options(s, filter));
                let name = export::file_name(&s.name, "-models.csv");
                browser::download_text(&text, "text/csv;charset=utf-8", &name).map(|()| name)
            }
            ModelsFile::Svg => chart_export::models_svg(s, filter)
                .map_err(|e| e.to_string())
                .and_then(|svg| {
                    let name = chart_export::models_file_name(s, "svg");
                    browser::download_text(&svg, "image/svg+xml", &name).map(|()| name)
                }),
            // The PNG is encoded after this returns: it reports itself.
            ModelsFile::Png => match chart_export::download_models_png(s, filter, report) {
                Ok(()) => return,
                Err(e) => Err(e),
            },
        };
        report(started);
    }
}
