//! The guarded ranges of the charts: no NaN or infinity may reach
//! plotters, whose tick search asserts or never ends on them. Money axes
//! (linear from 0, or log), the log users axis, today's point and the
//! positive stretches of a line on a log axis. Pure arithmetic.

use plotters::coord::combinators::WithKeyPoints;
use plotters::prelude::*;

/// Money beyond this is drawn at this: far above any plan, far below where
/// f64 tick arithmetic loses its footing.
const MONEY_LIMIT: f64 = 1e15;
/// A user axis never reaches past this.
const USERS_LIMIT: f64 = 1e11;

/// `v` as a money amount plotters can draw: finite, 0 to [`MONEY_LIMIT`].
pub(crate) fn money_value(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, MONEY_LIMIT)
    } else {
        0.0
    }
}

/// The top of a money axis whose largest value is `max`: a little headroom,
/// and 0..1 when there is nothing to show.
pub(crate) fn money_top(max: f64) -> f64 {
    let m = money_value(max);
    if m <= 1e-9 { 1.0 } else { m * 1.1 }
}

/// A user range on a log axis, `1 ≤ lo < hi ≤` [`USERS_LIMIT`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LogX {
    pub lo: f64,
    pub hi: f64,
}

impl LogX {
    /// A decade either side of `users`, so that today sits mid-chart and,
    /// on a linear money axis, still clear of the bottom; at least 1 to 100.
    pub fn around(users: f64) -> LogX {
        let centre = if users.is_finite() {
            users.clamp(1.0, USERS_LIMIT / 10.0)
        } else {
            1.0
        };
        LogX {
            lo: (centre / 10.0).max(1.0),
            hi: (centre * 10.0).clamp(100.0, USERS_LIMIT),
        }
    }

    /// Widened to show `users` with a decade of room, unless it is not a
    /// user count worth showing (not finite or past 1e9).
    pub fn including(self, users: f64) -> LogX {
        if !users.is_finite() || !(1.0..=1e9).contains(&users) {
            return self;
        }
        LogX {
            lo: self.lo.min((users / 10.0).max(1.0)),
            hi: self.hi.max(users * 10.0).min(USERS_LIMIT),
        }
    }

    /// `users` moved into the range (today at 0 users sits at the left edge).
    pub fn clamp(self, users: f64) -> f64 {
        if users.is_finite() {
            users.clamp(self.lo, self.hi)
        } else {
            self.lo
        }
    }

    pub fn contains(self, users: f64) -> bool {
        (self.lo..=self.hi).contains(&users)
    }

    /// Where `users` falls across the axis, 0 at the left and 1 at the right.
    pub fn fraction(self, users: f64) -> f64 {
        let span = (self.hi / self.lo).ln();
        if span > 0.0 {
            ((self.clamp(users) / self.lo).ln() / span).clamp(0.0, 1.0)
        } else {
            0.5
        }
    }
}

/// A money range on a log axis, `0 < lo < hi`, at least a decade wide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LogY {
    pub lo: f64,
    pub hi: f64,
}

impl LogY {
    /// Spans the positive `values` with some room; $1 to $100 when there
    /// are none.
    pub fn spanning(values: impl IntoIterator<Item = f64>) -> LogY {
        let (min, max) = values
            .into_iter()
            .map(money_value)
            .filter(|v| *v > 0.0)
            .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if max <= 0.0 || !min.is_finite() {
            return LogY { lo: 1.0, hi: 100.0 };
        }
        let hi = max * 1.5;
        // Twelve decades at most, one at least, centred on the values.
        let lo = (min / 1.5).max(hi * 1e-12);
        let widen = (10.0 / (hi / lo)).max(1.0).sqrt();
        LogY {
            lo: lo / widen,
            hi: hi * widen,
        }
    }

    /// `v` moved into the range (a zero sits on the bottom edge).
    pub fn clamp(self, v: f64) -> f64 {
        if v.is_finite() {
            v.clamp(self.lo, self.hi)
        } else {
            self.lo
        }
    }

    /// The log axis over this range, labelled at [`LogY::ticks`] for an
    /// axis of `room` (see [`y_label_room`]).
    pub fn axis(self, room: LabelRoom) -> WithKeyPoints<LogCoord<f64>> {
        (self.lo..self.hi)
            .log_scale()
            .with_key_points(self.ticks(room))
    }

    /// Where the axis is labelled, the densest of these whose labels stay
    /// `room.gap` apart: 1, 2 and 5 of every decade (plotters alone labels
    /// only the powers of ten, so a one-decade axis had a single label),
    /// the powers of ten, every second, third… power of ten. Two labels at
    /// least: 1 and 5 of each decade when the powers of ten are fewer.
    pub fn ticks(self, room: LabelRoom) -> Vec<f64> {
        let first = self.lo.log10().floor() as i32;
        let last = self.hi.log10().ceil() as i32;
        let inside = |v: &f64| *v >= self.lo * (1.0 - 1e-9) && *v <= self.hi * (1.0 + 1e-9);
        let at = |steps: &[f64]| -> Vec<f64> {
            (first..=last)
                .flat_map(|e| steps.iter().map(move |m| m * 10f64.powi(e)))
                .filter(inside)
                .collect()
        };
        // Pixels per decade, and the closest two labels of a set in decades.
        let decade = room.height / (self.hi / self.lo).log10();
        let ticks = if decade * 2f64.log10() >= room.gap {
            at(&[1.0, 2.0, 5.0])
        } else {
            let stride = (room.gap / decade).ceil().max(1.0) as usize;
            at(&[1.0]).into_iter().step_by(stride).collect()
        };
        if ticks.len() >= 2 {
            ticks
        } else {
            at(&[1.0, 5.0])
        }
    }
}

/// The length of a money axis and the least distance between two of its
/// labels, in pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LabelRoom {
    pub height: f64,
    pub gap: f64,
}

/// The scenario's own user count and its value on a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Today {
    pub users: f64,
    pub value: f64,
}

impl Today {
    pub fn new(users: f64, value: f64) -> Today {
        Today {
            users: if users.is_finite() {
                users.max(0.0)
            } else {
                0.0
            },
            value: money_value(value),
        }
    }

    /// Where today is drawn on `x`: at its edge when off the range.
    pub fn point(self, x: LogX) -> (f64, f64) {
        (x.clamp(self.users), self.value)
    }
}

/// The stretches of the line through `points` where it is positive: what
/// a log money axis can show.
pub(crate) fn positive_runs(points: impl IntoIterator<Item = (f64, f64)>) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (x, y) in points {
        if y > 0.0 && y.is_finite() {
            if let Some(run) = runs.last_mut() {
                run.push((x, y));
            }
        } else if runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// A linear money axis from 0 to `top` (guarded: finite and positive).
pub(crate) fn linear_money(top: f64) -> std::ops::Range<f64> {
    if top.is_finite() && top > 0.0 {
        0.0..top.min(MONEY_LIMIT * 1.1)
    } else {
        0.0..1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ranges_keep_today_in_view() {
        let range = |lo, hi| LogX { lo, hi };
        assert_eq!(LogX::around(0.0), range(1.0, 100.0));
        assert_eq!(LogX::around(1.0), range(1.0, 100.0));
        assert_eq!(LogX::around(50.0), range(5.0, 500.0));
        assert_eq!(LogX::around(1e7), range(1e6, 1e8));
        assert_eq!(LogX::around(f64::NAN), range(1.0, 100.0));
        let huge = LogX::around(1e15);
        assert!(huge.hi <= USERS_LIMIT && huge.lo < huge.hi);
        assert!((LogX::around(10_000.0).fraction(10_000.0) - 0.5).abs() < 1e-12);
        assert_eq!(LogX::around(0.0).clamp(0.0), 1.0);
    }

    #[test]
    fn log_ranges_widen_to_break_even() {
        let x = LogX::around(50.0);
        assert_eq!(
            x.including(20_000.0),
            LogX {
                lo: 5.0,
                hi: 200_000.0
            }
        );
        assert_eq!(x.including(2.0), LogX { lo: 1.0, hi: 500.0 });
        assert_eq!(x.including(50.0), x);
        assert_eq!(x.including(5e9), x, "too far to show");
        assert_eq!(x.including(f64::INFINITY), x);
    }

    #[test]
    fn money_axes_never_collapse() {
        assert_eq!(money_top(0.0), 1.0);
        assert_eq!(money_top(f64::NAN), 1.0);
        assert_eq!(money_top(-5.0), 1.0);
        assert!((money_top(100.0) - 110.0).abs() < 1e-9);
        assert!(money_top(f64::INFINITY).is_finite());
        assert!(money_top(1e300).is_finite());
    }

    #[test]
    fn log_money_ranges_span_the_values() {
        assert_eq!(LogY::spanning([]), LogY { lo: 1.0, hi: 100.0 });
        assert_eq!(
            LogY::spanning([0.0, f64::NAN, -3.0]),
            LogY { lo: 1.0, hi: 100.0 }
        );
        let y = LogY::spanning([0.0, 2.0, 3000.0]);
        assert!(
            y.lo < 2.0 && y.lo > 1.0 && y.hi > 3000.0 && y.hi < 5000.0,
            "{y:?}"
        );
        let narrow = LogY::spanning([5.0, 5.0]);
        assert!((narrow.hi / narrow.lo - 10.0).abs() < 1e-9, "{narrow:?}");
        assert!(narrow.lo < 5.0 && narrow.hi > 5.0);
        let wide = LogY::spanning([1e-300, 1e12]);
        assert!(wide.hi / wide.lo <= 1.0001e12, "{wide:?}");
        assert_eq!(y.clamp(0.0), y.lo);
    }

    #[test]
    fn log_axes_label_one_two_five_until_there_are_too_many() {
        // One decade: plotters alone labelled only $100 here.
        let room = |height: f64| LabelRoom { height, gap: 28.0 };
        let one = LogY::spanning([306.0, 306.0]);
        assert_eq!(one.ticks(room(150.0)), vec![100.0, 200.0, 500.0]);
        let two = LogY { lo: 1.0, hi: 100.0 };
        assert_eq!(
            two.ticks(room(200.0)),
            vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        );
        // Less room: powers of ten, then every other one.
        assert_eq!(two.ticks(room(150.0)), vec![1.0, 10.0, 100.0]);
        let six = LogY { lo: 0.9, hi: 1.1e6 };
        assert_eq!(six.ticks(room(300.0)), six.ticks(room(200.0)));
        assert_eq!(six.ticks(room(200.0)).len(), 7);
        assert_eq!(six.ticks(room(100.0)), vec![1.0, 100.0, 10_000.0, 1e6]);
        // Never fewer than two labels.
        assert_eq!(one.ticks(room(10.0)), vec![100.0, 500.0]);
        // Every spanned range gets 2 to 8 labels, all on the axis, rising.
        for values in [
            vec![0.01, 0.02],
            vec![2.0, 3000.0],
            vec![1e-300, 1e12],
            vec![5.0, 5.0],
            vec![123_456.0, 9e9],
            vec![0.004],
        ] {
            let y = LogY::spanning(values.iter().copied());
            let ticks = y.ticks(room(250.0));
            assert!((2..=8).contains(&ticks.len()), "{values:?}: {ticks:?}");
            assert!(
                ticks
                    .iter()
                    .all(|t| *t >= y.lo * 0.999 && *t <= y.hi * 1.001),
                "{y:?}: {ticks:?}"
            );
            assert!(ticks.windows(2).all(|w| w[0] < w[1]), "{ticks:?}");
        }
    }

    #[test]
    fn log_lines_skip_what_is_not_positive() {
        let points = [(1.0, 0.0), (2.0, 5.0), (3.0, 6.0), (4.0, 0.0), (5.0, 1.0)];
        assert_eq!(
            positive_runs(points),
            vec![vec![(2.0, 5.0), (3.0, 6.0)], vec![(5.0, 1.0)]]
        );
        assert!(positive_runs([(1.0, 0.0), (2.0, f64::NAN)]).is_empty());
    }
}
