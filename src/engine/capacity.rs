//! Capacity: which limit a scenario hits first. Provider rate limits (RPM,
//! TPM, tokens a day) at the peak minute, each step's throughput ceiling and
//! queue under its concurrency limit (Little's law, Erlang C), and how long a
//! backlog takes to drain. Formulas as in DESIGN.md.

use serde::Serialize;

use super::plan::{FeaturePlan, Plan, ProviderPlan, StepPlan};
use super::scenario::StepKind;

const MINUTES_PER_DAY: f64 = 1440.0;
const SECONDS_PER_DAY: f64 = 86_400.0;

/// Load on one provider at the scenario's user count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProviderLoad {
    pub provider: String,
    pub requests_per_day: f64,
    /// `Σ (B·runs/1440)·peak_factor/(1 − error_rate)`: retries included.
    pub peak_rpm: f64,
    pub peak_tpm: f64,
    pub tokens_per_day: f64,
    /// Limits in force, already multiplied by the number of keys.
    pub rpm_limit: Option<f64>,
    pub tpm_limit: Option<f64>,
    pub tpd_limit: Option<f64>,
    pub rpm_utilisation: Option<f64>,
    pub tpm_utilisation: Option<f64>,
    pub tpd_utilisation: Option<f64>,
}

/// How a step with a latency (and perhaps a concurrency limit) copes at the
/// peak minute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepLoad {
    /// Attempts per second at peak, retries included.
    pub peak_arrivals_per_s: f64,
    /// Runs in flight at peak by Little's law, `λ·L`.
    pub in_flight: Option<f64>,
    /// `60·c/L`: the most runs a minute the concurrency limit allows.
    pub ceiling_per_minute: Option<f64>,
    /// `λ·L/c`.
    pub utilisation: Option<f64>,
    /// Mean wait for a free slot (Erlang C, M/M/c) while utilisation < 1.
    pub queue_wait_s: Option<f64>,
    /// Arrivals exceed the ceiling: the queue grows without bound.
    pub overloaded: bool,
}

impl Plan {
    /// Per-provider requests, tokens and utilisation at `users`.
    pub fn provider_loads(&self, users: f64) -> Vec<ProviderLoad> {
        let mut loads: Vec<ProviderLoad> = self.providers.iter().map(ProviderLoad::empty).collect();
        for f in &self.features {
            let billed = f.billed_per_day(users);
            for step in f.steps.iter().filter(|s| s.kind == StepKind::Llm) {
                let Some(load) = step.provider.and_then(|i| loads.get_mut(i)) else {
                    continue;
                };
                let requests = billed * step.runs;
                load.requests_per_day += requests;
                load.peak_rpm +=
                    requests / MINUTES_PER_DAY * self.peak_factor / (1.0 - step.error_rate);
                load.peak_tpm +=
                    requests * step.tokens_per_run / MINUTES_PER_DAY * self.peak_factor;
                load.tokens_per_day += requests * step.tokens_per_run;
            }
        }
        for load in &mut loads {
            load.rpm_utilisation = load.rpm_limit.map(|l| load.peak_rpm / l);
            load.tpm_utilisation = load.tpm_limit.map(|l| load.peak_tpm / l);
            load.tpd_utilisation = load.tpd_limit.map(|l| load.tokens_per_day / l);
        }
        loads
    }

    /// The largest peak RPM utilisation over providers (0 with no limits).
    pub fn peak_rpm_utilisation(loads: &[ProviderLoad]) -> f64 {
        loads
            .iter()
            .filter_map(|l| l.rpm_utilisation)
            .fold(0.0, f64::max)
    }

    /// Queueing figures of a step at `users`, or `None` for a step with no
    /// latency given.
    pub(crate) fn step_load(
        &self,
        feature: &FeaturePlan,
        step: &StepPlan,
        users: f64,
    ) -> Option<StepLoad> {
        let latency = step.latency_s?;
        let lambda = feature.billed_per_day(users) * step.runs / SECONDS_PER_DAY * self.peak_factor
            / (1.0 - step.error_rate);
        let in_flight = lambda * latency;
        let mut load = StepLoad {
            peak_arrivals_per_s: lambda,
            in_flight: Some(in_flight),
            ceiling_per_minute: None,
            utilisation: None,
            queue_wait_s: None,
            overloaded: false,
        };
        if let Some(c) = step.concurrency_limit {
            let c = f64::from(c);
            load.ceiling_per_minute = Some(60.0 * c / latency);
            load.utilisation = Some(in_flight / c);
            match erlang_c_wait(in_flight, step.concurrency_limit.unwrap_or(1), latency) {
                Some(w) => load.queue_wait_s = Some(w),
                None => load.overloaded = true,
            }
        }
        Some(load)
    }

    /// Seconds to work through `items` actions of `feature`: the slowest step
    /// bounds it, each step at `max(N·L/c, 60·N/(rpm·keys))` with `N` its
    /// runs. `None` when no step has a limit that bounds the pace.
    pub(crate) fn drain_seconds(&self, feature: &FeaturePlan, items: f64) -> Option<f64> {
        let mut slowest: Option<f64> = None;
        for step in &feature.steps {
            let n = items * step.runs;
            let by_concurrency = match (step.latency_s, step.concurrency_limit) {
                (Some(l), Some(c)) => Some(n * l / f64::from(c)),
                _ => None,
            };
            let by_rate = step
                .provider
                .and_then(|i| self.providers.get(i))
                .and_then(|p| p.rpm)
                .map(|rpm| 60.0 * n / rpm);
            let t = match (by_concurrency, by_rate) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            if let Some(t) = t {
                slowest = Some(slowest.map_or(t, |s: f64| s.max(t)));
            }
        }
        slowest
    }
}

impl ProviderLoad {
    fn empty(p: &ProviderPlan) -> ProviderLoad {
        ProviderLoad {
            provider: p.name.clone(),
            requests_per_day: 0.0,
            peak_rpm: 0.0,
            peak_tpm: 0.0,
            tokens_per_day: 0.0,
            rpm_limit: p.rpm,
            tpm_limit: p.tpm,
            tpd_limit: p.tpd,
            rpm_utilisation: None,
            tpm_utilisation: None,
            tpd_utilisation: None,
        }
    }
}

/// The probability that an arrival waits, for `c` servers offered `a`
/// erlangs (Erlang C), or `None` when `a ≥ c` (no steady state).
pub fn erlang_c(a: f64, c: u32) -> Option<f64> {
    let servers = f64::from(c);
    if !(a >= 0.0 && a < servers) {
        return None;
    }
    if a == 0.0 {
        return Some(0.0);
    }
    // Erlang B by its stable recurrence, then C from B.
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    Some(servers * b / (servers - a * (1.0 - b)))
}

/// Mean wait in queue of an M/M/c queue with offered load `a = λ·L` erlangs,
/// `c` servers and mean service time `latency` seconds: `C·L/(c − a)`.
pub fn erlang_c_wait(a: f64, c: u32, latency: f64) -> Option<f64> {
    erlang_c(a, c).map(|p| p * latency / (f64::from(c) - a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_c_matches_textbook_values() {
        // One server: P(wait) = ρ.
        assert!((erlang_c(0.5, 1).unwrap() - 0.5).abs() < 1e-12);
        // Two servers, 1 erlang: C = 1/3.
        assert!((erlang_c(1.0, 2).unwrap() - 1.0 / 3.0).abs() < 1e-12);
        // The classic call-centre example: 10 erlangs on 12 agents ≈ 0.4494.
        assert!((erlang_c(10.0, 12).unwrap() - 0.4494).abs() < 1e-4);
        assert_eq!(erlang_c(2.0, 2), None);
        assert_eq!(erlang_c(0.0, 3), Some(0.0));
    }

    #[test]
    fn mm1_wait_is_rho_over_mu_minus_lambda() {
        // λ = 0.5/s, L = 1 s: Wq = ρ/(μ − λ) = 0.5/0.5 = 1 s.
        assert!((erlang_c_wait(0.5, 1, 1.0).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn erlang_c_survives_large_server_counts() {
        let p = erlang_c(9_000.0, 10_000).unwrap();
        assert!(p.is_finite() && (0.0..=1.0).contains(&p), "{p}");
    }
}
