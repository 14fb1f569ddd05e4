//! Capacity: which limit a scenario hits first. Rate limits per pool (RPM,
//! RPD, TPM, ITPM, OTPM, TPD, counted as each provider counts them,
//! `limits`) at the peak minute and over a day, requests that can never
//! fit, each step's throughput ceiling and
//! queue under its concurrency limit (Little's law, Erlang C), and how long a
//! backlog takes to drain. Formulas as in DESIGN.md.

use serde::Serialize;

use super::limits::LimitKind;
use super::plan::{FeaturePlan, Plan, PoolPlan, StepPlan};
use super::scenario::StepKind;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// The limit of a self-hosted deployment: tokens a second (input, output
/// and reasoning) against `gpus · tokens_per_second_per_gpu ·
/// target_utilisation`. Real-time runs count at the peak minute, batch runs
/// spread over the day.
pub const GPU_LIMIT: &str = "GPU tokens/s";

/// Load on one limit pool at the scenario's user count, at the peak minute
/// and over a day. Batch runs count toward no real-time limit; they appear
/// only as `batch_tokens_per_day`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolLoad {
    /// The pool in words: `"anthropic · claude-sonnet-4"`.
    pub name: String,
    pub provider: String,
    /// The models its `limits[]` entry names; absent for the provider's
    /// other models.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub models: Option<Vec<String>>,
    /// The provider's counting rule (`docs/limits.md`): `"openai"`,
    /// `"anthropic"`, `"gemini"` or `"other"`; `"gpu"` for a self-hosted
    /// model's deployment, whose one limit is [`GPU_LIMIT`].
    pub counting: &'static str,
    /// Separate organisations; every limit below is already multiplied by it.
    pub keys: u32,
    /// A self-hosted model's GPUs (its pool is its deployment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gpus: Option<u32>,
    /// Real-time requests a day, retries included (`/(1 − error_rate)`).
    pub requests_per_day: f64,
    /// Requests a minute at peak, retries included.
    pub peak_rpm: f64,
    /// Tokens a minute at peak as TPM counts them, and as ITPM and OTPM do.
    pub peak_tpm: f64,
    pub peak_itpm: f64,
    pub peak_otpm: f64,
    /// Tokens a day as TPD counts them (the same tokens as TPM).
    pub tokens_per_day: f64,
    /// Tokens a day sent through a batch API (input, output and reasoning).
    pub batch_tokens_per_day: f64,
    /// Every limit set on the pool with its load and utilisation.
    pub limits: Vec<LimitUse>,
    /// Requests a day over the RPD limit: refused, whatever the pace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused_per_day: Option<f64>,
}

impl PoolLoad {
    /// The use of limit `kind`, when the pool sets it.
    pub fn limit(&self, kind: LimitKind) -> Option<&LimitUse> {
        self.limits.iter().find(|l| l.limit == kind.as_str())
    }

    /// `load / capacity` of limit `kind`, when the pool sets it.
    pub fn utilisation(&self, kind: LimitKind) -> Option<f64> {
        self.limit(kind).map(|l| l.utilisation)
    }
}

/// One limit of a pool in use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LimitUse {
    /// `"RPM"`, `"RPD"`, `"TPM"`, `"ITPM"`, `"OTPM"`, `"TPD"`, or
    /// [`GPU_LIMIT`] for a self-hosted deployment.
    pub limit: &'static str,
    /// The limit over all organisations (`× keys`).
    pub capacity: f64,
    /// What the scenario puts on it: at the peak minute for per-minute
    /// limits, over a day for per-day ones.
    pub load: f64,
    /// `load / capacity`.
    pub utilisation: f64,
}

/// A request that fails every time, whatever the volume: it is larger than
/// the model's context window or than one organisation's per-minute token
/// limit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NeverFits {
    pub feature: String,
    pub step: String,
    pub model: String,
    /// The model's provider.
    pub provider: String,
    /// `"context window"`, or the limit: `"TPM"`, `"ITPM"`, `"OTPM"`.
    pub limit: &'static str,
    /// In words, with both numbers.
    pub reason: String,
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
    /// Every limit pool's requests, tokens and utilisation at `users`.
    pub fn pool_loads(&self, users: f64) -> Vec<PoolLoad> {
        // Every load is affine in users; its coefficients were summed over
        // the steps when the plan was compiled (`PoolPlan::load_at`).
        let mut loads: Vec<PoolLoad> = self.pools.iter().map(PoolLoad::empty).collect();
        for (load, pool) in loads.iter_mut().zip(&self.pools) {
            load.requests_per_day = pool.load_at(LimitKind::Rpd, users);
            load.peak_rpm = pool.load_at(LimitKind::Rpm, users);
            load.peak_tpm = pool.load_at(LimitKind::Tpm, users);
            load.peak_itpm = pool.load_at(LimitKind::Itpm, users);
            load.peak_otpm = pool.load_at(LimitKind::Otpm, users);
            load.tokens_per_day = pool.load_at(LimitKind::Tpd, users);
            load.batch_tokens_per_day = users * pool.batch_per_user + pool.batch_fixed;
        }
        for (load, pool) in loads.iter_mut().zip(&self.pools) {
            for kind in LimitKind::ALL {
                let Some(capacity) = pool.total(kind) else {
                    continue;
                };
                let used = match kind {
                    LimitKind::Rpm => load.peak_rpm,
                    LimitKind::Rpd => load.requests_per_day,
                    LimitKind::Tpm => load.peak_tpm,
                    LimitKind::Itpm => load.peak_itpm,
                    LimitKind::Otpm => load.peak_otpm,
                    LimitKind::Tpd => load.tokens_per_day,
                };
                if kind == LimitKind::Rpd {
                    load.refused_per_day = Some((used - capacity).max(0.0));
                }
                load.limits.push(LimitUse {
                    limit: kind.as_str(),
                    capacity,
                    load: used,
                    utilisation: used / capacity,
                });
            }
            if let Some(gpu) = &pool.gpu {
                let (capacity, used) = (gpu.ceiling(), gpu.load_at(users));
                load.limits.push(LimitUse {
                    limit: GPU_LIMIT,
                    capacity,
                    load: used,
                    utilisation: used / capacity,
                });
            }
        }
        loads
    }

    /// The largest utilisation of any limit of any pool at `users`, as
    /// [`Plan::pool_loads`] and [`Plan::binding_limit`] give it, from the
    /// pools' affine loads: the projection asks it for every month.
    pub fn peak_limit_utilisation_at(&self, users: f64) -> f64 {
        let mut peak: f64 = 0.0;
        for pool in &self.pools {
            for kind in LimitKind::ALL {
                if let Some(capacity) = pool.total(kind) {
                    peak = peak.max(pool.load_at(kind, users) / capacity);
                }
            }
            if let Some(gpu) = &pool.gpu {
                peak = peak.max(gpu.load_at(users) / gpu.ceiling());
            }
        }
        peak
    }

    /// The largest peak RPM utilisation over pools (0 with no RPM limit).
    pub fn peak_rpm_utilisation(loads: &[PoolLoad]) -> f64 {
        loads
            .iter()
            .filter_map(|l| l.utilisation(LimitKind::Rpm))
            .fold(0.0, f64::max)
    }

    /// The most used limit of all pools, as `(utilisation, "pool · LIMIT")`;
    /// `None` when no limit is set. Ties go to the first listed.
    pub fn binding_limit(loads: &[PoolLoad]) -> Option<(f64, String)> {
        Plan::busiest(loads)
            .map(|(pool, l)| (l.utilisation, format!("{} · {}", pool.name, l.limit)))
    }

    /// The most used limit of all pools and its pool; `None` when no limit
    /// is set. Ties go to the first listed.
    pub fn busiest(loads: &[PoolLoad]) -> Option<(&PoolLoad, &LimitUse)> {
        let mut best: Option<(&PoolLoad, &LimitUse)> = None;
        for pool in loads {
            for l in &pool.limits {
                if best.is_none_or(|(_, b)| l.utilisation > b.utilisation) {
                    best = Some((pool, l));
                }
            }
        }
        best
    }

    /// Requests that can never succeed: larger than their model's context
    /// window, or, for runs not sent through a batch API, than one
    /// organisation's per-minute token limit (a request goes to one
    /// organisation whole, so more keys do not help it).
    pub fn never_fits(&self) -> Vec<NeverFits> {
        use crate::format::count;
        let mut out = Vec::new();
        for f in &self.features {
            for step in f.steps.iter().filter(|s| s.kind == StepKind::Llm) {
                let base = step.model.as_deref().map(|m| {
                    let provider = step.provider.as_deref().unwrap_or_default();
                    (m, provider, step.pool, step.request, step.context_tokens)
                });
                let route = step.route.as_ref().map(|r| {
                    (
                        r.model.as_str(),
                        r.provider.as_str(),
                        r.pool,
                        r.request,
                        r.context_tokens,
                    )
                });
                for (model, provider, pool, request, window) in base.into_iter().chain(route) {
                    let mut push = |limit: &'static str, reason: String| {
                        out.push(NeverFits {
                            feature: f.name.clone(),
                            step: step.name.clone(),
                            model: model.to_owned(),
                            provider: provider.to_owned(),
                            limit,
                            reason,
                        });
                    };
                    if let Some(window) = window
                        && step.context_need > f64::from(window)
                    {
                        let t = &step.tokens;
                        push(
                            "context window",
                            format!(
                                "one request needs {} tokens (input plus {}) but {model}'s context window is {}",
                                count(step.context_need),
                                if step.context_need > t.input + t.output + t.reasoning {
                                    "max_tokens"
                                } else {
                                    "output"
                                },
                                count(f64::from(window))
                            ),
                        );
                    }
                    if step.tokens.batch_share >= 1.0 {
                        continue;
                    }
                    let Some(pool) = pool.and_then(|i| self.pools.get(i)) else {
                        continue;
                    };
                    for (kind, need) in [
                        (LimitKind::Tpm, request.tpm),
                        (LimitKind::Itpm, request.itpm),
                        (LimitKind::Otpm, request.otpm),
                    ] {
                        if let Some(limit) = pool.per_org(kind)
                            && need > limit
                        {
                            push(
                                kind.as_str(),
                                format!(
                                    "one request counts {} tokens against {}'s {} limit of {} per organisation",
                                    count(need),
                                    pool.name,
                                    kind.as_str(),
                                    count(limit)
                                ),
                            );
                        }
                    }
                }
            }
        }
        out
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
            // Each model's share of the runs at its own pool's pace.
            let by_rate = step
                .calls()
                .filter_map(|(pool, share, _)| {
                    let rpm = self.pools.get(pool)?.total(LimitKind::Rpm)?;
                    Some(60.0 * n * share / rpm)
                })
                .reduce(f64::max);
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

impl PoolLoad {
    fn empty(p: &PoolPlan) -> PoolLoad {
        PoolLoad {
            name: p.name.clone(),
            provider: p.provider.clone(),
            models: p.models.clone(),
            counting: if p.gpu.is_some() {
                "gpu"
            } else {
                p.counting.as_str()
            },
            keys: p.keys,
            gpus: p.gpu.as_ref().map(|g| g.gpus),
            requests_per_day: 0.0,
            peak_rpm: 0.0,
            peak_tpm: 0.0,
            peak_itpm: 0.0,
            peak_otpm: 0.0,
            tokens_per_day: 0.0,
            batch_tokens_per_day: 0.0,
            limits: Vec::new(),
            refused_per_day: None,
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
