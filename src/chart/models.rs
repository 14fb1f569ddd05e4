//! The model comparison chart: what the scenario costs a month with each
//! candidate as its default model (`Plan::model_options`, cheapest first),
//! as horizontal bars, today's model in its own colour, the others by
//! whether they save, and today's monthly cost as a dashed line. At most
//! [`MAX_MODEL_BARS`] are drawn; the legend says how many more the table
//! has. Reads the engine's options; computes no cost of its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{self, LegendEntry, MAX_LABEL_CHARS, Swatch, ellipsize, money_value};
use super::theme::{ChartStyle, Theme};
use super::{ChartError, bars};
use crate::engine::switch::ModelOption;
use crate::format;

/// At most this many bars: readable on the page and on a slide.
pub const MAX_MODEL_BARS: usize = 12;
/// Palette slots of models that save and of those that do not.
const SLOT_CHEAPER: usize = 2;
const SLOT_COSTLIER: usize = 7;

/// What the model comparison chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelsData {
    users: f64,
    /// Top to bottom: the cheapest first, today's model last when it ranks
    /// below the others drawn.
    bars: Vec<ModelBar>,
    /// Today's monthly cost, when there is any candidate.
    today_cost: Option<f64>,
    /// Candidates in the table that are not drawn.
    not_drawn: usize,
}

#[derive(Clone, Debug, PartialEq)]
struct ModelBar {
    label: String,
    monthly_cost: f64,
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Today,
    Cheaper,
    Costlier,
}

impl ModelsData {
    /// The chart of `options` (cheapest first, as `Plan::model_options`
    /// gives them) at `users`: the [`MAX_MODEL_BARS`] cheapest, except
    /// that today's model takes the last place when it ranks below them.
    pub fn new(options: &[ModelOption], users: f64) -> ModelsData {
        let today = options.iter().position(|o| o.is_current);
        let mut picked: Vec<&ModelOption> = options.iter().take(MAX_MODEL_BARS).collect();
        if let Some(t) = today.filter(|t| *t >= MAX_MODEL_BARS) {
            picked.pop();
            picked.extend(options.get(t));
        }
        let bars = picked
            .iter()
            .map(|o| ModelBar {
                label: bar_label(&o.model, &o.provider),
                monthly_cost: money_value(o.monthly_cost),
                kind: if o.is_current {
                    Kind::Today
                } else if o.saving > 0.0 {
                    Kind::Cheaper
                } else {
                    Kind::Costlier
                },
            })
            .collect();
        // Today's cost is the same in every option: the current model's
        // own, else any candidate's cost plus its saving.
        let today_cost = match today.and_then(|t| options.get(t)) {
            Some(o) => Some(o.monthly_cost),
            None => options.first().map(|o| o.monthly_cost + o.saving),
        };
        ModelsData {
            users,
            bars,
            today_cost: today_cost.map(money_value),
            not_drawn: options.len() - picked.len(),
        }
    }

    fn legend(&self, theme: &Theme) -> Vec<LegendEntry> {
        let Some(today_cost) = self.today_cost else {
            return vec![LegendEntry::new(Swatch::Note, "No model to compare")];
        };
        let mut out = Vec::with_capacity(5);
        for (kind, slot_colour, text) in [
            (Kind::Today, theme.current, "Today's model"),
            (Kind::Cheaper, theme.slot(SLOT_CHEAPER), "Cheaper"),
            (
                Kind::Costlier,
                theme.slot(SLOT_COSTLIER),
                "Same or costlier",
            ),
        ] {
            if self.bars.iter().any(|b| b.kind == kind) {
                out.push(LegendEntry::new(Swatch::Fill(slot_colour), text));
            }
        }
        out.push(LegendEntry::new(
            Swatch::Dashed(theme.current),
            format!("Today: {} a month", format::money(today_cost)),
        ));
        if self.not_drawn > 0 {
            out.push(LegendEntry::new(
                Swatch::Note,
                format!("{} more in the table", format::count(self.not_drawn as f64)),
            ));
        }
        out
    }
}

/// A bar's name: the model id's last part (a catalog id may carry its
/// route, `deepinfra/meta-llama/…`) and its provider, which tells apart
/// the same model sold by two.
fn bar_label(model: &str, provider: &str) -> String {
    let name = model.rfind('/').map_or(model, |i| &model[i + 1..]);
    ellipsize(&format!("{name} · {provider}"), MAX_LABEL_CHARS)
}

/// Draws the monthly cost on each candidate model as horizontal bars.
pub fn draw_models<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ModelsData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let theme = &style.theme;
    let Some(plot) = frame::frame(area, style, &data.legend(theme))? else {
        return Ok(());
    };
    let Some(today) = data.today_cost else {
        return Ok(());
    };
    let drawn: Vec<bars::Bar> = data
        .bars
        .iter()
        .map(|b| bars::Bar {
            label: b.label.clone(),
            monthly_cost: b.monthly_cost,
            colour: match b.kind {
                Kind::Today => theme.current,
                Kind::Cheaper => theme.slot(SLOT_CHEAPER),
                Kind::Costlier => theme.slot(SLOT_COSTLIER),
            },
        })
        .collect();
    let axes = bars::Axes {
        x_desc: format!("$ per month at {}", frame::users_text(data.users)),
        y_desc: "Default model",
    };
    let mut chart = bars::draw_bars(&plot, style, &drawn, axes, today)?;
    let n = drawn.len().max(1) as f64;
    chart.draw_series(DashedLineSeries::new(
        vec![(today, 0.0), (today, n)],
        style.px(4.0),
        style.px(3.0),
        style.line(theme.current, 1.5),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{presets, svg};
    use crate::engine::switch::ModelFilter;

    fn option(model: &str, cost: f64, today: f64, is_current: bool) -> ModelOption {
        ModelOption::sample(model, cost, today, is_current)
    }

    #[test]
    fn every_preset_draws_its_cheapest_models_and_today() {
        for (id, scenario, plan, report) in presets() {
            let options = plan.model_options(&scenario, &ModelFilter::default());
            let data = ModelsData::new(&options, report.users);
            assert_eq!(data.bars.len(), options.len().min(MAX_MODEL_BARS), "{id}");
            assert_eq!(data.not_drawn, options.len() - data.bars.len(), "{id}");
            assert_eq!(data.today_cost, Some(report.monthly_cost), "{id}");
            assert_eq!(
                data.bars.iter().filter(|b| b.kind == Kind::Today).count(),
                1,
                "{id}: today's model is always drawn"
            );
            let style = ChartStyle::default().with_title(format!("{id} — models"));
            let out = svg((960, 540), |a| draw_models(a, &data, &style))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(!out.contains("NaN"), "{id}");
            assert!(out.contains("$ per month at "), "{id}");
            assert!(out.contains("Today: "), "{id}");
            assert!(out.contains(" more in the table"), "{id}");
            for bar in &data.bars {
                assert!(out.contains(&bar.label), "{id}: no {:?}", bar.label);
            }
        }
    }

    #[test]
    fn today_ranked_below_the_cap_takes_the_last_bar() {
        let today = 100.0;
        let mut options: Vec<ModelOption> = (0..20)
            .map(|i| option(&format!("m{i:02}"), f64::from(i), today, false))
            .collect();
        options.push(option("today", today, today, true));
        let data = ModelsData::new(&options, 10.0);
        assert_eq!(data.bars.len(), MAX_MODEL_BARS);
        assert_eq!(data.not_drawn, 21 - MAX_MODEL_BARS);
        let last = data.bars.last().expect("bars");
        assert_eq!((last.kind, last.monthly_cost), (Kind::Today, today));
        assert!(
            data.bars[..MAX_MODEL_BARS - 1]
                .iter()
                .all(|b| b.kind == Kind::Cheaper)
        );
        // Filtered out, today's model still gives the dashed line.
        let cheaper = &options[..3];
        let data = ModelsData::new(cheaper, 10.0);
        assert_eq!(
            (data.bars.len(), data.not_drawn, data.today_cost),
            (3, 0, Some(today))
        );
    }

    #[test]
    fn labels_tell_apart_the_same_model_from_two_providers() {
        assert_eq!(bar_label("gpt-4o", "openai"), "gpt-4o · openai");
        assert_eq!(
            bar_label("deepinfra/meta-llama/Llama-3.3-70B-Instruct", "deepinfra"),
            "Llama-3.3-70B-Instruct · deepinfra"
        );
        assert!(bar_label(&"x".repeat(80), "p").chars().count() <= MAX_LABEL_CHARS);
    }

    #[test]
    fn nothing_to_compare_draws_a_note() {
        let data = ModelsData::new(&[], 10.0);
        assert_eq!(data.today_cost, None);
        for size in [(960, 540), (100, 60)] {
            let out = svg(size, |a| {
                draw_models(a, &data, &ChartStyle::new(Theme::dark()))
            })
            .expect("draws");
            assert!(!out.contains("NaN"));
        }
        let out = svg((960, 540), |a| {
            draw_models(a, &data, &ChartStyle::default())
        })
        .expect("draws");
        assert!(out.contains("No model to compare"));
    }
}
