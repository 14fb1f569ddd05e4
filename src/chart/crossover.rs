//! The self-hosting chart: what the scenario's `"default"` steps cost a
//! month against users, on an API model (a straight line) and on a
//! self-hosted model's own GPUs (a staircase, one step a GPU), with the
//! crossover and today's users marked. The lines are the engine's
//! (`engine::self_hosting::CrossoverLines`); this only samples and draws
//! them.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::frame::{self, LegendEntry, Swatch, money_top};
use super::theme::{ChartStyle, SLOT_FIXED};
use crate::engine::self_hosting::CrossoverPoint;
use crate::engine::{Plan, Scenario};
use crate::format;

/// What the self-hosting chart shows, and its points for the CSV export.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossoverData {
    /// The self-hosted model and the API model it is weighed against.
    pub model: String,
    pub versus: String,
    /// Users at which the lines are sampled, ascending from 0, every GPU
    /// step included (twice: the users a step starts after, and the step).
    pub points: Vec<CrossoverPoint>,
    /// Users from which self-hosting is never dearer.
    pub crossover: Option<f64>,
    /// The scenario's users.
    pub today: f64,
    money_top: f64,
}

impl CrossoverData {
    /// The lines of self-hosted model `model` of `s` (compiled as `plan`),
    /// from 0 users to well past today and the crossover; `None` when no
    /// step bills `"default"` or there is no API model to weigh it against.
    pub fn new(plan: &Plan, s: &Scenario, model: &str) -> Option<CrossoverData> {
        let (versus, lines) = plan.crossover_lines(s, model)?.ok()?;
        let crossover = lines.crossover().ok();
        let today = if s.users.is_finite() {
            s.users.max(0.0)
        } else {
            0.0
        };
        let points = lines.points(today, crossover);
        let largest = points
            .iter()
            .map(|p| p.api_monthly.max(p.self_hosted_monthly))
            .fold(0.0, f64::max);
        Some(CrossoverData {
            model: model.to_owned(),
            versus,
            crossover,
            today,
            money_top: money_top(largest),
            points,
        })
    }

    /// [`CrossoverData::new`] of the first self-hosted model that has a
    /// crossover to draw.
    pub fn first(plan: &Plan, s: &Scenario) -> Option<CrossoverData> {
        let (model, _, _) = plan.first_crossover(s)?;
        CrossoverData::new(plan, s, &model)
    }

    fn x_max(&self) -> f64 {
        self.points.last().map_or(1.0, |p| p.users.max(1.0))
    }
}

/// Draws `data` on `area`.
pub fn draw_crossover<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &CrossoverData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let theme = &style.theme;
    let own = theme.slot(SLOT_FIXED);
    let mut legend = vec![
        LegendEntry::new(Swatch::Line(theme.cost), format!("On {}", data.versus)),
        LegendEntry::new(
            Swatch::Line(own),
            format!("On {} (GPUs as the load needs)", data.model),
        ),
        LegendEntry::new(Swatch::Dot(theme.current), "Today"),
    ];
    if data.crossover.is_none() {
        legend.push(LegendEntry::new(
            Swatch::Note,
            "No crossover: the API stays cheaper",
        ));
    }
    let Some(plot) = frame::frame(area, style, &legend)? else {
        return Ok(());
    };
    let x_hi = data.x_max();
    let y_hi = data.money_top;
    let mut chart = ChartBuilder::on(&plot)
        .margin(style.px(12.0))
        .margin_left(style.px(4.0))
        .x_label_area_size(style.upx(44.0))
        .y_label_area_size(style.upx(72.0))
        .build_cartesian_2d(0.0..x_hi, 0.0..y_hi)?;
    let label_font = style.font(12.0, theme.muted_text);
    let desc_font = style.font(13.0, theme.text);
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|u| format::compact_count(*u))
        .y_label_formatter(&|m| format::compact_money(*m))
        .x_desc("Users")
        .y_desc("$ a month (default steps)")
        .label_style(label_font)
        .axis_desc_style(desc_font)
        .bold_line_style(style.line(theme.grid, 1.0))
        .x_max_light_lines(0)
        .y_max_light_lines(0)
        .axis_style(style.line(theme.axis, 1.0))
        .set_all_tick_mark_size(style.px(4.0))
        .draw()?;

    let clamp = |v: f64| frame::money_value(v).min(y_hi);
    chart.draw_series(LineSeries::new(
        data.points.iter().map(|p| (p.users, clamp(p.api_monthly))),
        style.line(theme.cost, 2.5),
    ))?;
    chart.draw_series(LineSeries::new(
        data.points
            .iter()
            .map(|p| (p.users, clamp(p.self_hosted_monthly))),
        style.line(own, 2.5),
    ))?;

    let gap = style.px(4.0);
    let font = style.font(12.0, theme.text);
    if let Some(u) = data.crossover.filter(|u| *u > 0.0 && *u <= x_hi) {
        chart.draw_series(DashedLineSeries::new(
            [(u, 0.0), (u, y_hi)],
            style.px(4.0),
            style.px(3.0),
            style.line(theme.revenue, 1.5),
        ))?;
        let (h, dx) = if u / x_hi > 0.6 {
            (HPos::Right, -gap)
        } else {
            (HPos::Left, gap)
        };
        chart.draw_series(std::iter::once(
            EmptyElement::at((u, y_hi))
                + Text::new(
                    format!("Self-hosting cheaper from {} users", format::count(u)),
                    (dx, gap),
                    font.clone().pos(Pos::new(h, VPos::Top)),
                ),
        ))?;
    }
    if data.today <= x_hi {
        let radius = style.upx(4.0);
        let today = data.points.iter().rfind(|p| p.users <= data.today);
        let api = clamp(
            today.map_or(0.0, |p| p.api_monthly)
                + (data.today - today.map_or(0.0, |p| p.users)) * slope(&data.points),
        );
        chart.draw_series(std::iter::once(Circle::new(
            (data.today, api),
            radius,
            theme.current.filled(),
        )))?;
    }
    Ok(())
}

/// The API line's slope, $ a month per user.
fn slope(points: &[CrossoverPoint]) -> f64 {
    match (points.first(), points.last()) {
        (Some(a), Some(b)) if b.users > a.users => {
            (b.api_monthly - a.api_monthly) / (b.users - a.users)
        }
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::svg;

    /// 1,000 users (`engine::self_hosting::fixtures::tagging`).
    fn scenario(price_per_gpu_hour: f64) -> Scenario {
        crate::engine::self_hosting::fixtures::tagging(1000.0, "default", price_per_gpu_hour)
    }

    fn data(s: &Scenario) -> CrossoverData {
        let plan = Plan::new(s).expect("valid");
        CrossoverData::new(&plan, s, "own").expect("lines")
    }

    #[test]
    fn the_staircase_has_every_gpu_step_and_the_crossover() {
        let d = data(&scenario(0.5));
        assert_eq!(d.versus, "api");
        let u = d.crossover.expect("a crossover");
        assert!((u - 4000.0 / 3.0).abs() < 1e-6);
        // 0 to 2,000 users (1.5 × the crossover): one step, at 1,200 users.
        assert_eq!(d.points.first().map(|p| p.users), Some(0.0));
        assert_eq!(d.points.last().map(|p| p.users), Some(2000.0));
        let edge: Vec<(u32, f64)> = d
            .points
            .iter()
            .filter(|p| (p.users - 1200.0).abs() < 1e-6)
            .map(|p| (p.gpus, p.self_hosted_monthly))
            .collect();
        assert_eq!(edge, [(1, 360.0), (2, 720.0)]);
        for pair in d.points.windows(2) {
            assert!(pair[0].users <= pair[1].users);
        }
        let out = svg((800, 450), |a| {
            draw_crossover(a, &d, &ChartStyle::default())
        })
        .expect("draws");
        for text in ["Self-hosting cheaper from 1,333 users", "On api", "Users"] {
            assert!(out.contains(text), "no {text:?}");
        }
        assert!(!out.contains("NaN"));
    }

    #[test]
    fn without_a_crossover_the_legend_says_so() {
        let d = data(&scenario(2.0));
        assert_eq!(d.crossover, None);
        // Today's 1,000 users, twice over.
        assert_eq!(d.points.last().map(|p| p.users), Some(2000.0));
        let out = svg((800, 450), |a| {
            draw_crossover(a, &d, &ChartStyle::default())
        })
        .expect("draws");
        assert!(out.contains("No crossover"));
    }

    #[test]
    fn many_gpus_are_sampled_and_tiny_areas_draw() {
        let mut s = scenario(0.5);
        s.users = 5e7;
        let d = data(&s);
        assert!(
            d.points.len() <= crate::engine::self_hosting::MAX_STEPS + 2,
            "{}",
            d.points.len()
        );
        for size in [(0, 0), (100, 40), (360, 220), (800, 450)] {
            assert!(svg(size, |a| draw_crossover(a, &d, &ChartStyle::default())).is_ok());
        }
    }
}
