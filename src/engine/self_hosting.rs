//! Self-hosting: a model served on rented GPUs (`custom_models[].self_hosted`)
//! instead of billed per token. Its GPUs are a fixed monthly cost, paid
//! whenever a step sends it runs, and its throughput is a ceiling that
//! counts as one more limit in the capacity figures (`capacity::GPU_LIMIT`).
//!
//! The crossover weighs the scenario's `"default"` llm steps (and routes
//! on `"default"`) on an API model against the same work on a deployment of
//! its own, GPUs added as the load needs them:
//!
//! - API: `api(u) = α·u + β`, the default parts of every feature priced on
//!   the API model, variable and onboarding, as the model comparison
//!   prices them;
//! - self-hosted: `gpu(u) = P·n(u)` with `P = price_per_gpu_hour·24·days`
//!   and `n(u) = max(gpus, ⌈(k·u + m)/c⌉)` GPUs, where `k·u + m` is the
//!   default parts' tokens a second (real-time runs at the peak minute,
//!   batch runs over the day) and `c` one GPU's planned ceiling
//!   (`tokens_per_second_per_gpu · target_utilisation`).
//!
//! The crossover is the smallest user count from which self-hosting is
//! never dearer: `api(v) ≥ gpu(v)` for every `v` at or above it. Within a
//! run of users on `n` GPUs the API's margin `api − gpu` rises, and it drops
//! by `P` at each added GPU, so the answer is found in closed form.

use serde::Serialize;

use super::plan::{BREAK_EVEN_LIMIT, HOURS_PER_DAY, Plan, total};
use super::prices::{self, Rates};
use super::scenario::{Scenario, SelfHosted, StepKind};

const MINUTES_PER_DAY: f64 = 1440.0;
const SECONDS_PER_DAY: f64 = 86_400.0;

/// One self-hosted model of the scenario at its user count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfHostedReport {
    pub model: String,
    pub provider: String,
    pub gpus: u32,
    pub price_per_gpu_hour: f64,
    /// Some step sends it runs: only then are its GPUs paid for.
    pub in_use: bool,
    /// What its GPUs cost a month (0 when not in use), $.
    pub monthly_cost: f64,
    /// `gpus · tokens_per_second_per_gpu · target_utilisation`, tokens/s.
    pub ceiling_tokens_per_second: f64,
    /// What the steps put on it, tokens/s (real-time runs at the peak
    /// minute, batch runs spread over the day).
    pub peak_tokens_per_second: f64,
    /// `peak_tokens_per_second / ceiling_tokens_per_second`.
    pub utilisation: f64,
    /// GPUs that load needs at the target utilisation (0 with no load).
    pub gpus_needed: u32,
    /// The default steps on this deployment against an API model; `None`
    /// when no llm step bills `"default"`.
    pub crossover: Option<Crossover>,
}

/// Where running the `"default"` steps on a self-hosted model starts to
/// cost less than on an API model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crossover {
    /// The API model weighed against (`self_hosted.versus`, else the
    /// scenario's default model); `None` when there is none to weigh.
    pub versus: Option<String>,
    /// Users from which self-hosting is never dearer (0: at any volume).
    pub users: Option<f64>,
    /// Why there is no crossover, in words.
    pub reason: Option<String>,
    /// The default steps' monthly cost at the scenario's users on the API
    /// model, $.
    pub api_monthly: f64,
    /// Their GPUs' monthly cost at the scenario's users, $.
    pub self_hosted_monthly: f64,
    /// GPUs they need at the scenario's users (at least the deployment's).
    pub gpus: u32,
}

/// The two cost lines of a crossover, affine and stepped in users.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossoverLines {
    /// `api(u) = α·u + β`, $ a month.
    pub alpha: f64,
    pub beta: f64,
    /// Tokens a second the default parts put on the GPUs: `k·u + m`.
    pub k: f64,
    pub m: f64,
    /// One GPU's planned ceiling, tokens a second.
    pub per_gpu: f64,
    /// One GPU's cost a month, $.
    pub gpu_month: f64,
    /// GPUs deployed at least.
    pub min_gpus: u32,
}

impl CrossoverLines {
    /// The default steps' API cost a month at `users`.
    pub fn api_at(&self, users: f64) -> f64 {
        self.alpha * users + self.beta
    }

    /// GPUs the default steps need at `users`: at least the deployment's.
    pub fn gpus_at(&self, users: f64) -> u32 {
        let needed = ((self.k * users + self.m) / self.per_gpu).ceil();
        needed.clamp(f64::from(self.min_gpus), f64::from(u32::MAX)) as u32
    }

    /// Their GPUs' cost a month at `users`.
    pub fn self_hosted_at(&self, users: f64) -> f64 {
        f64::from(self.gpus_at(users)) * self.gpu_month
    }

    /// The smallest user count from which `api ≥ gpu` at every volume, or
    /// why there is none below [`BREAK_EVEN_LIMIT`] users.
    pub fn crossover(&self) -> Result<f64, String> {
        use crate::format::{count, money};
        let (a, b, p) = (self.alpha, self.beta, self.gpu_month);
        let per_gpu_api = if self.k > 0.0 {
            a * self.per_gpu / self.k
        } else {
            f64::INFINITY
        };
        // The API's margin falls by P a GPU and rises by α·c/k over the
        // users a GPU serves: with the GPU dearer, it never stays ahead.
        if self.k > 0.0 && per_gpu_api <= p {
            return Err(format!(
                "one GPU costs {} a month; at its full planned load the API bills {} \
                 for the same work",
                money(p),
                money(per_gpu_api)
            ));
        }
        let first = self.gpus_at(0.0);
        let t = |n: u32| (p * f64::from(n) - b) / a;
        let u = if a <= 0.0 {
            // No per-user cost or load: the margin is the same at any volume.
            if b >= p * f64::from(first) {
                0.0
            } else {
                return Err(format!(
                    "the default steps' API cost ({}) does not grow with users and stays \
                     below the GPUs' {}",
                    money(b),
                    money(p * f64::from(first))
                ));
            }
        } else if self.k <= 0.0 {
            t(first).max(0.0)
        } else {
            // Users on n GPUs: (L(n), R(n)], R(n) = (n·c − m)/k; the first
            // run starts at 0. The margin is negative in run n below t(n),
            // and runs with a negative part form a prefix (t(n) − L(n)
            // falls with n): the answer is the last one's sup.
            let (c, k, m) = (self.per_gpu, self.k, self.m);
            let right = |n: u32| (f64::from(n) * c - m) / k;
            let left = |n: u32| if n == first { 0.0 } else { right(n - 1) };
            let negative = |n: u32| {
                if n == first {
                    t(n) > 0.0
                } else {
                    t(n) > left(n)
                }
            };
            let sup = |n: u32| t(n).min(right(n));
            // t(n) = L(n) at n0; check its neighbours exactly.
            let n0 = (b / a - (c + m) / k) / (p / a - c / k);
            let guess = if n0.is_finite() {
                n0.ceil().clamp(f64::from(first), f64::from(u32::MAX - 3)) as u32
            } else {
                first
            };
            let mut best: Option<f64> = None;
            for n in guess.saturating_sub(3).max(first)..=guess.saturating_add(3) {
                if negative(n) {
                    best = Some(best.map_or(sup(n), |x| x.max(sup(n))));
                }
            }
            if best.is_none() && negative(first) {
                best = Some(sup(first));
            }
            best.unwrap_or(0.0).max(0.0)
        };
        if u >= BREAK_EVEN_LIMIT {
            return Err(format!(
                "self-hosting stays dearer below {} users",
                count(BREAK_EVEN_LIMIT)
            ));
        }
        Ok(u)
    }
}

/// The two lines at one user count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CrossoverPoint {
    pub users: f64,
    /// The default steps on the API model, $ a month.
    pub api_monthly: f64,
    /// Their GPUs, $ a month.
    pub self_hosted_monthly: f64,
    pub gpus: u32,
}

/// At most this many GPU steps are sampled one by one; beyond, the
/// staircase is sampled at this many user counts (its steps are then finer
/// than a chart's pixels).
pub const MAX_STEPS: usize = 400;
/// Users beyond this are not sampled.
const USERS_LIMIT: f64 = 1e9;

impl CrossoverLines {
    /// Both lines from 0 users to twice `today` or one and a half times
    /// the crossover, whichever is further (at least 10 users): at 0, at
    /// every GPU step (twice: the last users on `n` GPUs and the first on
    /// `n + 1`, at the same count) and at the end.
    pub fn points(&self, today: f64, crossover: Option<f64>) -> Vec<CrossoverPoint> {
        let x_max = (today * 2.0)
            .max(crossover.map_or(0.0, |u| u * 1.5))
            .clamp(10.0, USERS_LIMIT);
        sample(self, x_max)
    }
}

/// The lines at 0, at every GPU step up to `x_max` (or, with too many
/// steps, at evenly spaced users) and at `x_max`.
fn sample(lines: &CrossoverLines, x_max: f64) -> Vec<CrossoverPoint> {
    let at = |users: f64| CrossoverPoint {
        users,
        api_monthly: lines.api_at(users),
        self_hosted_monthly: lines.self_hosted_at(users),
        gpus: lines.gpus_at(users),
    };
    let (first, last) = (lines.gpus_at(0.0), lines.gpus_at(x_max));
    let steps = last.saturating_sub(first) as usize;
    let mut points = vec![at(0.0)];
    if lines.k > 0.0 && steps <= MAX_STEPS {
        // Step n+1 starts just after R(n) = (n·c − m)/k users.
        for n in first..last {
            let edge = (f64::from(n) * lines.per_gpu - lines.m) / lines.k;
            if edge > 0.0 && edge < x_max {
                let before = CrossoverPoint {
                    gpus: n,
                    self_hosted_monthly: f64::from(n) * lines.gpu_month,
                    ..at(edge)
                };
                let after = CrossoverPoint {
                    gpus: n + 1,
                    self_hosted_monthly: f64::from(n + 1) * lines.gpu_month,
                    ..at(edge)
                };
                points.extend([before, after]);
            }
        }
    } else if steps > MAX_STEPS {
        points.extend((1..MAX_STEPS).map(|i| at(x_max * i as f64 / MAX_STEPS as f64)));
    }
    points.push(at(x_max));
    points
}

impl Plan {
    /// Every self-hosted model of `s` (in `custom_models` order) with its
    /// deployment's load and, when steps bill `"default"`, its crossover.
    /// `s` must be the scenario this plan was compiled from.
    pub fn self_hosting(&self, s: &Scenario) -> Vec<SelfHostedReport> {
        let users = self.users;
        s.custom_models
            .iter()
            .filter_map(|m| m.self_hosted.as_ref().map(|h| (m, h)))
            .map(|(m, h)| {
                let gpu = self.gpus().find(|g| g.model == m.id);
                let ceiling = h.ceiling_tokens_per_second();
                let load = gpu.map_or(0.0, |g| g.load_at(users));
                let crossover = self.crossover_lines(s, &m.id).map(|lines| {
                    let lines_at = |l: &CrossoverLines| {
                        (l.api_at(users), l.self_hosted_at(users), l.gpus_at(users))
                    };
                    match lines {
                        Ok((versus, l)) => {
                            let (api, own, gpus) = lines_at(&l);
                            let (users, reason) = match l.crossover() {
                                Ok(u) => (Some(u), None),
                                Err(why) => (None, Some(why)),
                            };
                            Crossover {
                                versus: Some(versus),
                                users,
                                reason,
                                api_monthly: api,
                                self_hosted_monthly: own,
                                gpus,
                            }
                        }
                        Err(why) => Crossover {
                            versus: None,
                            users: None,
                            reason: Some(why),
                            api_monthly: 0.0,
                            self_hosted_monthly: h.monthly_cost(self.days_per_month),
                            gpus: h.gpus,
                        },
                    }
                });
                SelfHostedReport {
                    model: m.id.clone(),
                    provider: prices::rates(s, &m.id).map_or_else(String::new, |(_, p)| p.into()),
                    gpus: h.gpus,
                    price_per_gpu_hour: h.price_per_gpu_hour,
                    in_use: gpu.is_some_and(|g| g.in_use),
                    monthly_cost: gpu.map_or(0.0, |g| g.monthly(self.days_per_month)),
                    ceiling_tokens_per_second: ceiling,
                    peak_tokens_per_second: load,
                    utilisation: load / ceiling,
                    gpus_needed: gpus_for(load, h.per_gpu_ceiling()),
                    crossover,
                }
            })
            .collect()
    }

    /// The first self-hosted model of `s` with crossover lines to draw:
    /// its id, its API model and the lines.
    pub fn first_crossover(&self, s: &Scenario) -> Option<(String, String, CrossoverLines)> {
        s.custom_models
            .iter()
            .filter(|m| m.self_hosted.is_some())
            .find_map(|m| {
                let (versus, lines) = self.crossover_lines(s, &m.id)?.ok()?;
                Some((m.id.clone(), versus, lines))
            })
    }

    /// The crossover lines of self-hosted model `id` against its API model,
    /// with that model's id; `None` when no llm step bills `"default"`,
    /// `Some(Err)` when there is no API model to weigh it against.
    pub fn crossover_lines(
        &self,
        s: &Scenario,
        id: &str,
    ) -> Option<Result<(String, CrossoverLines), String>> {
        let uses_default = self.features.iter().any(|f| {
            f.steps
                .iter()
                .any(|st| st.on_default || st.route_on_default())
        });
        if !uses_default {
            return None;
        }
        let h: &SelfHosted = s
            .custom_models
            .iter()
            .find(|m| m.id == id)?
            .self_hosted
            .as_ref()?;
        let versus = match &h.versus {
            Some(v) => v.clone(),
            None if is_token_priced(s, &s.default_model) => s.default_model.clone(),
            None => {
                return Some(Err(format!(
                    "the default model \"{}\" is self-hosted: name the API model to weigh \
                     it against (self_hosted.versus)",
                    s.default_model
                )));
            }
        };
        let Some((api, _)) = prices::rates(s, &versus) else {
            return Some(Err(format!("\"{versus}\" has no prices")));
        };
        let zero = Rates::default();
        let days = self.days_per_month;
        let per_peak_second = self.peak_factor / MINUTES_PER_DAY / 60.0;
        let (mut alpha, mut beta, mut k, mut m) = (0.0, 0.0, 0.0, 0.0);
        for f in &self.features {
            let keep = 1.0 - f.cache_hit_rate;
            // The default parts of one billed action: on the API model, and
            // in tokens a second on the GPUs.
            let cost = f.cost_per_action_on(&api) - f.cost_per_action_on(&zero);
            let tokens = total(
                f.steps
                    .iter()
                    .filter(|st| st.kind == StepKind::Llm)
                    .map(|st| {
                        let share = if st.on_default { st.base_share() } else { 0.0 }
                            + st.route
                                .as_ref()
                                .filter(|r| r.on_default)
                                .map_or(0.0, |r| r.share);
                        let runs = st.runs * share;
                        let t = &st.tokens;
                        let per_run = t.input + t.output + t.reasoning;
                        let batched = runs * t.batch_share;
                        (runs - batched) * per_run * per_peak_second
                            + batched * per_run / SECONDS_PER_DAY
                    }),
            );
            alpha +=
                (f.per_user_per_day * keep * days + self.growth * f.backlog_per_new_user) * cost;
            beta += f.fixed_per_day * keep * days * cost;
            k += f.per_user_per_day * keep * tokens;
            m += f.fixed_per_day * keep * tokens;
        }
        Some(Ok((
            versus,
            CrossoverLines {
                alpha,
                beta,
                k,
                m,
                per_gpu: h.per_gpu_ceiling(),
                gpu_month: h.price_per_gpu_hour * HOURS_PER_DAY * days,
                min_gpus: h.gpus,
            },
        )))
    }
}

/// GPUs of `per_gpu` tokens a second that `load` needs (0 with no load).
fn gpus_for(load: f64, per_gpu: f64) -> u32 {
    (load / per_gpu).ceil().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// Whether model `id` is billed per token (not a self-hosted model).
fn is_token_priced(s: &Scenario, id: &str) -> bool {
    !s.custom_models
        .iter()
        .any(|m| m.id == id && m.self_hosted.is_some())
}

/// Scenarios for the tests of self-hosting and its chart.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::engine::Scenario;
    use crate::engine::scenario::{CustomModel, Feature, SelfHosted, Step};

    /// `users` users, 10 actions a day each, one llm step of 1,000 input
    /// and 200 output tokens on `model`; "api" bills $1 and $4 per 1M
    /// tokens, "own" runs on one GPU at `price_per_gpu_hour` of 1,000
    /// tokens/s planned at half.
    pub(crate) fn tagging(users: f64, model: &str, price_per_gpu_hour: f64) -> Scenario {
        let mut own = SelfHosted::new(price_per_gpu_hour, 1, 1000.0);
        own.target_utilisation = 0.5;
        Scenario {
            users,
            default_model: "api".into(),
            features: vec![Feature::new(
                "Tag",
                10.0,
                vec![Step::llm("Tag", model, 1000.0, 200.0)],
            )],
            custom_models: vec![
                CustomModel::priced("api", "apico", 1.0, 4.0),
                CustomModel::on_gpus("own", "gpu-cloud", own),
            ],
            ..Scenario::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;

    /// 100 users on a $2-an-hour GPU (`fixtures::tagging`).
    fn scenario(model: &str) -> Scenario {
        fixtures::tagging(100.0, model, 2.0)
    }

    fn own(s: &mut Scenario) -> &mut SelfHosted {
        s.custom_models[1]
            .self_hosted
            .as_mut()
            .expect("self-hosted")
    }

    #[test]
    fn gpus_cost_the_month_round_the_clock_and_cap_the_tokens_a_second() {
        let r = evaluate(&scenario("own")).expect("valid");
        // $2 · 1 GPU · 24 h · 30 days; no token is billed.
        assert_eq!(r.fixed_monthly, 1440.0);
        assert_eq!(r.variable_monthly, 0.0);
        assert_eq!(r.monthly_cost, 1440.0);
        let h = &r.self_hosted[0];
        assert!(h.in_use);
        assert_eq!(h.monthly_cost, 1440.0);
        assert_eq!(h.ceiling_tokens_per_second, 500.0);
        // 100 · 10 · 1,200 tokens a day at a peak factor of 3, per second.
        let load = 100.0 * 10.0 * 1200.0 * 3.0 / 86_400.0;
        assert!((h.peak_tokens_per_second - load).abs() < 1e-9);
        assert!((h.utilisation - load / 500.0).abs() < 1e-12);
        assert_eq!(h.gpus_needed, 1);
        // The deployment is a pool with one limit, and the binding one.
        let pool = r.pools.iter().find(|p| p.gpus == Some(1)).expect("pool");
        assert_eq!(pool.counting, "gpu");
        assert_eq!(pool.limits.len(), 1);
        assert_eq!(pool.limits[0].limit, crate::engine::capacity::GPU_LIMIT);
        assert_eq!(r.peak_limit_utilisation, h.utilisation);
        assert_eq!(
            r.binding_limit.as_deref(),
            Some("gpu-cloud · own (self-hosted) · GPU tokens/s")
        );
        // The GPUs are paid to the model's provider.
        assert_eq!(r.vendors[0].vendor, "gpu-cloud");
        assert_eq!(r.vendors[0].monthly_cost, 1440.0);
    }

    #[test]
    fn batch_runs_load_the_gpus_over_the_day_not_at_the_peak() {
        let mut s = scenario("own");
        s.features[0].steps[0].batch_share = Some(0.5);
        let r = evaluate(&s).expect("valid");
        let load = 100.0 * 10.0 * 1200.0 * (0.5 * 3.0 + 0.5) / 86_400.0;
        assert!((r.self_hosted[0].peak_tokens_per_second - load).abs() < 1e-9);
    }

    #[test]
    fn unused_gpus_are_not_paid_and_over_the_ceiling_is_a_limit_month() {
        let r = evaluate(&scenario("api")).expect("valid");
        assert_eq!(r.fixed_monthly, 0.0);
        assert!(!r.self_hosted[0].in_use);
        assert!(r.pools.iter().all(|p| p.gpus.is_none()));

        // 20 times the users: 833 tokens/s on a 500 ceiling, two GPUs needed.
        let mut s = scenario("own");
        s.users = 2000.0;
        let r = evaluate(&s).expect("valid");
        assert!(r.peak_limit_utilisation > 1.0);
        assert_eq!(r.self_hosted[0].gpus_needed, 2);
        assert_eq!(r.milestones.limit_month, Some(0));
    }

    #[test]
    fn the_crossover_is_where_own_gpus_stay_cheaper() {
        // API: 10 · 30 · $0.0018 = $0.54 a user a month. One $0.50/h GPU
        // ($360 a month) serves 1,200 users (0.4167 tokens/s each, 500 a
        // GPU). On one GPU the API costs more from 666.7 users; the second
        // GPU (from 1,200 users) is paid off at 1,333.3 users, and every
        // later GPU before its run starts.
        let mut s = scenario("default");
        own(&mut s).price_per_gpu_hour = 0.5;
        let r = evaluate(&s).expect("valid");
        let c = r.self_hosted[0].crossover.as_ref().expect("crossover");
        assert_eq!(c.versus.as_deref(), Some("api"));
        let users = c.users.expect("a crossover");
        assert!((users - 4000.0 / 3.0).abs() < 1e-6, "{users}");
        assert!((c.api_monthly - 54.0).abs() < 1e-9);
        assert_eq!(c.self_hosted_monthly, 360.0);
        assert_eq!(c.gpus, 1);

        // At $2 an hour a GPU ($1,440) does work the API bills at $648.
        let r = evaluate(&scenario("default")).expect("valid");
        let c = r.self_hosted[0].crossover.as_ref().expect("crossover");
        assert_eq!(c.users, None);
        let why = c.reason.as_deref().unwrap_or_default();
        assert!(why.contains("$1,440") && why.contains("$648"), "{why}");
    }

    #[test]
    fn a_self_hosted_default_needs_an_api_model_to_weigh() {
        let mut s = scenario("default");
        s.default_model = "own".into();
        let r = evaluate(&s).expect("valid");
        let c = r.self_hosted[0].crossover.as_ref().expect("crossover");
        assert_eq!(c.versus, None);
        assert!(c.reason.as_deref().unwrap_or_default().contains("versus"));
        own(&mut s).versus = Some("api".into());
        own(&mut s).price_per_gpu_hour = 0.5;
        let r = evaluate(&s).expect("valid");
        let c = r.self_hosted[0].crossover.as_ref().expect("crossover");
        assert!((c.users.expect("a crossover") - 4000.0 / 3.0).abs() < 1e-6);
        // Today it runs on the GPUs; the comparison frees them on the API.
        let api = r.comparison.iter().find(|m| m.model == "api").expect("api");
        assert!((api.monthly_cost - 54.0).abs() < 1e-9);
        assert!((api.saving - (360.0 - 54.0)).abs() < 1e-9);
    }

    #[test]
    fn the_lines_are_the_engines_own_costs() {
        // api(u) is the scenario on the API model; gpu(u) the GPUs of the
        // scenario on its own model, sized to the load.
        let mut s = scenario("default");
        s.features[0].fixed_per_day = 300.0;
        s.features[0].backlog_per_new_user = 4.0;
        s.growth = 0.2;
        s.features[0].steps[0].batch_share = Some(0.25);
        own(&mut s).price_per_gpu_hour = 0.5;
        let plan = Plan::new(&s).expect("valid");
        let (_, lines) = plan
            .crossover_lines(&s, "own")
            .expect("default steps")
            .expect("lines");
        for users in [0.0, 1.0, 999.0, 1_234.5, 5e4] {
            let mut at = s.clone();
            at.users = users;
            let api = evaluate(&at).expect("valid").monthly_cost;
            assert!(
                (lines.api_at(users) - api).abs() < 1e-9 * api.max(1.0),
                "{users}"
            );
            at.default_model = "own".into();
            let gpus = lines.gpus_at(users);
            own(&mut at).gpus = gpus;
            let r = evaluate(&at).expect("valid");
            assert!(r.self_hosted[0].utilisation <= 1.0 + 1e-12, "{users}");
            assert_eq!(lines.self_hosted_at(users), r.monthly_cost, "{users}");
        }
    }

    /// A small deterministic generator (xorshift), so the check needs no
    /// dependency and fails the same way every time.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn the_crossover_matches_a_brute_force_search() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut found = 0;
        for case in 0..3000 {
            let lines = CrossoverLines {
                alpha: rng.next() * 2.0,
                beta: (rng.next() - 0.3) * 500.0,
                k: if case % 10 == 0 { 0.0 } else { rng.next() },
                m: rng.next() * 300.0,
                per_gpu: 50.0 + rng.next() * 1000.0,
                gpu_month: 100.0 + rng.next() * 2000.0,
                min_gpus: 1 + (rng.next() * 3.0) as u32,
            };
            let margin = |u: f64| lines.api_at(u) - lines.self_hosted_at(u);
            // Every GPU step and every point where a run's margin turns,
            // up to well past the answer, and a fine grid.
            let last = match lines.crossover() {
                Ok(u) => u,
                Err(_) => {
                    // No crossover: some volume beyond any bound is dearer.
                    let far = 1e7 * (1.0 + rng.next());
                    let dearer = (0..2000).any(|i| margin(far + i as f64 * 37.3) < 0.0)
                        || (0..2000).any(|i| margin(i as f64 * 131.7) < 0.0);
                    assert!(dearer, "case {case}: {lines:?}");
                    continue;
                }
            };
            found += 1;
            let hi = (last * 4.0).max(10_000.0);
            let mut probes: Vec<f64> = (0..4000).map(|i| hi * i as f64 / 4000.0).collect();
            if lines.k > 0.0 {
                let mut n = lines.gpus_at(0.0);
                while n < lines.gpus_at(hi) + 1 {
                    let edge = (f64::from(n) * lines.per_gpu - lines.m) / lines.k;
                    probes.extend([edge, edge * (1.0 + 1e-9) + 1e-9]);
                    let turn = (lines.gpu_month * f64::from(n) - lines.beta) / lines.alpha;
                    probes.extend([turn, turn * (1.0 + 1e-9) + 1e-9]);
                    n += 1;
                }
            }
            let after = last * (1.0 + 1e-9) + 1e-9;
            for &u in probes.iter().filter(|u| **u >= after) {
                let scale = lines.api_at(u).abs().max(lines.self_hosted_at(u));
                assert!(
                    margin(u) >= -1e-9 * scale,
                    "case {case}: dearer at {u} > {last}"
                );
            }
            if last > 0.0 {
                let before = last * (1.0 - 1e-9) - 1e-9;
                assert!(
                    margin(before.max(0.0)) < 0.0 || before < 0.0,
                    "case {case}: {last}"
                );
            }
        }
        assert!(found > 300, "only {found} cases had a crossover");
    }
}
