//! A validated scenario compiled for evaluation: every model resolved to its
//! prices and every per-action cost computed once, so that the cost at any
//! user count (a chart sweep, a projection month, a break-even search) is a
//! few multiplications, with no parsing and no lookups.

use super::limits::{self, Counting, LimitKind, RequestTokens};
use super::prices::{self, ModelPrices, Rates, RunTokens};
use super::scenario::{DEFAULT_MODEL_ALIAS, FixedKind, Limit, Scenario, SelfHosted, StepKind};
use super::validate::Problems;

/// Minutes in a day: loads a day over this, times the peak factor, are
/// the peak minute's.
const MINUTES_PER_DAY: f64 = 1440.0;
const SECONDS_PER_DAY: f64 = 86_400.0;
pub(crate) const HOURS_PER_DAY: f64 = 24.0;

/// Break-even users are searched up to this many users (DESIGN.md).
pub const BREAK_EVEN_LIMIT: f64 = 1e9;

/// The compiled scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub(crate) users: f64,
    pub(crate) days_per_month: f64,
    pub(crate) peak_factor: f64,
    pub(crate) growth: f64,
    pub(crate) churn: f64,
    pub(crate) horizon_months: u32,
    pub(crate) features: Vec<FeaturePlan>,
    pub(crate) fixed: Vec<FixedPlan>,
    /// Limit pools: one per `limits[]` entry, and one per provider whose
    /// llm steps no entry covers; in first-use order, then unused entries.
    pub(crate) pools: Vec<PoolPlan>,
    /// Monthly revenue one user brings: `paying_share·price·(1 − fee)`.
    pub(crate) revenue_per_user: f64,
    /// `paying_share·(1 − fee)`, the divisor of the break-even price.
    pub(crate) paying_net_share: f64,
    pub(crate) target_margin: f64,
    pub(crate) price_per_paying_user: f64,
    pub(crate) monthly_cap: Option<f64>,
    pub(crate) daily_alert: Option<f64>,
    pub(crate) credit_balance: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FeaturePlan {
    pub name: String,
    pub per_user_per_day: f64,
    pub fixed_per_day: f64,
    pub cache_hit_rate: f64,
    pub backlog_per_new_user: f64,
    /// `Σ runs·run_cost` over the steps, per billed action.
    pub cost_per_action: f64,
    pub steps: Vec<StepPlan>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct StepPlan {
    pub name: String,
    pub kind: StepKind,
    /// The billed model, `"default"` already replaced.
    pub model: Option<String>,
    /// The billed model's provider (llm and image steps on a model).
    pub provider: Option<String>,
    /// Index into `Plan::pools` (llm steps only).
    pub pool: Option<usize>,
    pub runs: f64,
    /// What one run costs on average: the routed share at its model's price.
    pub run_cost: f64,
    /// What one run costs on the step's own model (llm steps).
    pub base_run_cost: f64,
    /// The share of runs sent to a second model, and that model.
    pub route: Option<RoutePlan>,
    /// The token shape of one run (llm steps only; zero otherwise).
    pub tokens: RunTokens,
    /// What one real-time request counts toward the pool's token limits.
    pub request: RequestTokens,
    /// Tokens one request needs in the context window: input plus
    /// `max_tokens` when set, else output plus reasoning.
    pub context_need: f64,
    /// The model's context window, when known.
    pub context_tokens: Option<u32>,
    pub latency_s: Option<f64>,
    pub concurrency_limit: Option<u32>,
    pub error_rate: f64,
    /// Whether the step bills `"default"`: what the model comparison re-prices.
    pub on_default: bool,
}

/// The second model of a routed llm step: the same tokens, its own price,
/// provider, limit pool and context window.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RoutePlan {
    pub model: String,
    pub provider: String,
    pub pool: Option<usize>,
    /// Share of the step's runs it takes.
    pub share: f64,
    /// What one run costs on this model.
    pub run_cost: f64,
    pub request: RequestTokens,
    pub context_tokens: Option<u32>,
    /// Whether the route names `"default"`.
    pub on_default: bool,
}

impl StepPlan {
    /// The share of runs the step's own model takes (1 without a route).
    pub fn base_share(&self) -> f64 {
        1.0 - self.route.as_ref().map_or(0.0, |r| r.share)
    }

    /// Whether the step's route names `"default"`.
    pub fn route_on_default(&self) -> bool {
        self.route.as_ref().is_some_and(|r| r.on_default)
    }

    /// The limit pools an llm step's runs count against: its own model's
    /// for the base share, the route's for the rest, each with what one
    /// request counts there.
    pub fn calls(&self) -> impl Iterator<Item = (usize, f64, RequestTokens)> + '_ {
        let base = self.pool.map(|p| (p, self.base_share(), self.request));
        let route = self
            .route
            .as_ref()
            .and_then(|r| r.pool.map(|p| (p, r.share, r.request)));
        base.into_iter().chain(route)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FixedPlan {
    pub name: String,
    pub kind: FixedKind,
    pub monthly: f64,
    pub users_per_unit: f64,
}

/// One limit pool: a provider's limits for some of its models.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PoolPlan {
    /// In words: `"anthropic · claude-sonnet-4"`.
    pub name: String,
    pub provider: String,
    /// The models the entry names; `None` for the provider's other models.
    pub models: Option<Vec<String>>,
    pub counting: Counting,
    /// Separate organisations, each with the limits below.
    pub keys: u32,
    /// The limits of one organisation, in `LimitKind::ALL` order.
    pub per_org: [Option<f64>; 6],
    /// What the scenario puts on each limit is affine in users, `users ·
    /// load_per_user + load_fixed` (at the peak minute for per-minute
    /// limits, over a day for per-day ones), so a projection month costs a
    /// few multiplications (`Plan::peak_limit_utilisation_at`).
    pub load_per_user: [f64; 6],
    pub load_fixed: [f64; 6],
    /// Tokens a day sent through batch APIs, affine in users the same way.
    pub batch_per_user: f64,
    pub batch_fixed: f64,
    /// The GPUs of a self-hosted model: its pool is its deployment, with a
    /// throughput ceiling instead of rate limits.
    pub gpu: Option<GpuPlan>,
}

/// A self-hosted model's deployment (`custom_models[].self_hosted`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GpuPlan {
    pub model: String,
    pub gpus: u32,
    pub price_per_gpu_hour: f64,
    /// Tokens a second one GPU is planned to process at peak:
    /// `tokens_per_second_per_gpu · target_utilisation`.
    pub per_gpu_ceiling: f64,
    /// Tokens a second the scenario puts on it, `users · load_per_user +
    /// load_fixed`: real-time runs at the peak minute, batch runs spread
    /// over the day (input, output and reasoning tokens).
    pub load_per_user: f64,
    pub load_fixed: f64,
    /// Some step sends it runs (`runs > 0`, or a route share above 0):
    /// only then are its GPUs paid for.
    pub in_use: bool,
    /// Every run it gets comes through `"default"`: switching the default
    /// model away leaves it idle, and its GPUs unpaid.
    pub default_only: bool,
}

impl GpuPlan {
    /// The planned ceiling of all its GPUs, tokens a second.
    pub fn ceiling(&self) -> f64 {
        f64::from(self.gpus) * self.per_gpu_ceiling
    }

    /// Tokens a second at peak with `users` users.
    pub fn load_at(&self, users: f64) -> f64 {
        users * self.load_per_user + self.load_fixed
    }

    /// What its GPUs cost a month of `days_per_month` days, when in use.
    pub fn monthly(&self, days_per_month: f64) -> f64 {
        if self.in_use {
            self.price_per_gpu_hour * f64::from(self.gpus) * HOURS_PER_DAY * days_per_month
        } else {
            0.0
        }
    }
}

impl PoolPlan {
    fn new(limits: &[Limit], provider: &str, entry: Option<&Limit>) -> PoolPlan {
        let models = entry.and_then(|l| l.models.clone());
        PoolPlan {
            name: limits::pool_name(limits, provider, models.as_deref()),
            provider: provider.to_owned(),
            counting: Counting::of(provider),
            keys: entry.map_or(1, |l| l.keys),
            per_org: LimitKind::ALL.map(|k| entry.and_then(|l| k.of(l))),
            load_per_user: [0.0; 6],
            load_fixed: [0.0; 6],
            batch_per_user: 0.0,
            batch_fixed: 0.0,
            models,
            gpu: None,
        }
    }

    /// The pool of self-hosted model `id` on deployment `h`.
    fn gpu(provider: &str, id: &str, h: &SelfHosted) -> PoolPlan {
        PoolPlan {
            name: format!("{provider} · {id} (self-hosted)"),
            provider: provider.to_owned(),
            models: Some(vec![id.to_owned()]),
            counting: Counting::Other,
            keys: 1,
            per_org: [None; 6],
            load_per_user: [0.0; 6],
            load_fixed: [0.0; 6],
            batch_per_user: 0.0,
            batch_fixed: 0.0,
            gpu: Some(GpuPlan {
                model: id.to_owned(),
                gpus: h.gpus,
                price_per_gpu_hour: h.price_per_gpu_hour,
                per_gpu_ceiling: h.per_gpu_ceiling(),
                load_per_user: 0.0,
                load_fixed: 0.0,
                in_use: false,
                default_only: true,
            }),
        }
    }

    /// Limit `kind` of one organisation, if set.
    pub fn per_org(&self, kind: LimitKind) -> Option<f64> {
        self.per_org[kind as usize]
    }

    /// Limit `kind` over all organisations (`× keys`), if set.
    pub fn total(&self, kind: LimitKind) -> Option<f64> {
        self.per_org(kind).map(|x| x * f64::from(self.keys))
    }

    /// What the scenario puts on limit `kind` at `users`: at the peak
    /// minute for per-minute limits, over a day for per-day ones.
    pub fn load_at(&self, kind: LimitKind, users: f64) -> f64 {
        let k = kind as usize;
        users * self.load_per_user[k] + self.load_fixed[k]
    }
}

/// Monthly money at one user count.
#[derive(Clone, Debug, PartialEq)]
pub struct Costs {
    pub users: f64,
    pub variable_monthly: f64,
    pub onboarding_monthly: f64,
    pub fixed_monthly: f64,
    pub monthly_cost: f64,
    pub revenue_monthly: f64,
}

/// Where break-even lies.
#[derive(Clone, Debug, PartialEq)]
pub enum BreakEven {
    /// The smallest whole user count whose revenue covers its cost.
    Users(u64),
    /// No such count below [`BREAK_EVEN_LIMIT`], and why.
    Never(String),
}

impl Plan {
    /// Validates `s` and compiles it.
    pub fn new(s: &Scenario) -> Result<Plan, Problems> {
        s.validate()?;
        Ok(Plan::compile(s))
    }

    /// Compiles a scenario that has passed validation. Unknown models (which
    /// validation refuses) would cost nothing rather than panic.
    pub(crate) fn compile(s: &Scenario) -> Plan {
        // Pools by the `limits[]` entry they come from (`None`: a provider
        // whose llm steps no entry covers, or a self-hosted model's GPUs).
        let mut pools: Vec<(Option<usize>, PoolPlan)> = Vec::new();
        let mut pool_index = |m: &ModelPrices| -> usize {
            let (provider, model) = (m.provider.as_str(), m.id.as_str());
            if let Some(h) = &m.self_hosted {
                let found = pools
                    .iter()
                    .position(|(_, p)| p.gpu.as_ref().is_some_and(|g| g.model == model));
                return found.unwrap_or_else(|| {
                    pools.push((None, PoolPlan::gpu(provider, model, h)));
                    pools.len() - 1
                });
            }
            let entry = limits::pool_of(&s.limits, provider, model)
                .and_then(|l| s.limits.iter().position(|x| std::ptr::eq(x, l)));
            let found = pools.iter().position(|(e, p)| match entry {
                Some(_) => *e == entry,
                None => e.is_none() && p.gpu.is_none() && p.provider == provider,
            });
            found.unwrap_or_else(|| {
                let limit = entry.map(|i| &s.limits[i]);
                pools.push((entry, PoolPlan::new(&s.limits, provider, limit)));
                pools.len() - 1
            })
        };

        let features = s
            .features
            .iter()
            .map(|f| {
                let steps: Vec<StepPlan> = f
                    .steps
                    .iter()
                    .map(|step| {
                        let model_id = prices::step_model_id(s, step);
                        let model: Option<ModelPrices> =
                            model_id.and_then(|id| prices::lookup(s, id));
                        let mut plan = StepPlan {
                            name: step.name.clone(),
                            kind: step.kind,
                            // Moved in from `model` at the end.
                            model: None,
                            provider: None,
                            pool: None,
                            runs: step.runs,
                            run_cost: 0.0,
                            base_run_cost: 0.0,
                            route: None,
                            tokens: RunTokens::default(),
                            request: RequestTokens::default(),
                            context_need: 0.0,
                            context_tokens: None,
                            latency_s: step.latency_s,
                            concurrency_limit: step.concurrency_limit,
                            error_rate: step.error_rate(),
                            on_default: false,
                        };
                        match step.kind {
                            StepKind::Llm => {
                                let t = RunTokens::of(step);
                                if let Some(m) = &model {
                                    plan.base_run_cost = m.rates.llm_run_cost(&t);
                                    plan.pool = Some(pool_index(m));
                                    plan.request = Counting::of(&m.provider)
                                        .request_tokens(&t, step.max_tokens);
                                    plan.context_tokens = m.context_tokens;
                                }
                                plan.route = step.route.as_ref().and_then(|r| {
                                    let id = prices::resolve_alias(s, &r.model);
                                    let m = prices::lookup(s, id)?;
                                    Some(RoutePlan {
                                        pool: Some(pool_index(&m)),
                                        share: r.share,
                                        run_cost: m.rates.llm_run_cost(&t),
                                        request: Counting::of(&m.provider)
                                            .request_tokens(&t, step.max_tokens),
                                        context_tokens: m.context_tokens,
                                        on_default: r.model == DEFAULT_MODEL_ALIAS,
                                        model: m.id,
                                        provider: m.provider,
                                    })
                                });
                                plan.run_cost = plan.base_share() * plan.base_run_cost
                                    + plan.route.as_ref().map_or(0.0, |r| r.share * r.run_cost);
                                plan.context_need =
                                    t.input + step.max_tokens.unwrap_or(t.output + t.reasoning);
                                plan.tokens = t;
                                plan.on_default = step.model_id() == DEFAULT_MODEL_ALIAS;
                            }
                            StepKind::Image => {
                                let per_image = step
                                    .price_per_image
                                    .or_else(|| model.as_ref().and_then(|m| m.price_per_image))
                                    .unwrap_or(0.0);
                                plan.run_cost = step.images.unwrap_or(1.0) * per_image;
                            }
                            StepKind::Flat => plan.run_cost = step.price_per_run.unwrap_or(0.0),
                        }
                        if let Some(m) = model {
                            plan.model = Some(m.id);
                            plan.provider = Some(m.provider);
                        }
                        plan
                    })
                    .collect();
                FeaturePlan {
                    name: f.name.clone(),
                    per_user_per_day: f.per_user_per_day,
                    fixed_per_day: f.fixed_per_day,
                    cache_hit_rate: f.cache_hit_rate,
                    backlog_per_new_user: f.backlog_per_new_user,
                    cost_per_action: total(steps.iter().map(|st| st.runs * st.run_cost)),
                    steps,
                }
            })
            .collect();
        // Entries no step uses are still shown, with nothing counted.
        for (i, l) in s.limits.iter().enumerate() {
            if !pools.iter().any(|(e, _)| *e == Some(i)) {
                pools.push((Some(i), PoolPlan::new(&s.limits, &l.provider, Some(l))));
            }
        }

        let mut pools: Vec<PoolPlan> = pools.into_iter().map(|(_, p)| p).collect();
        let per_peak_minute = s.peak_factor / MINUTES_PER_DAY;
        for f in &features {
            let f: &FeaturePlan = f;
            let keep = 1.0 - f.cache_hit_rate;
            for step in f.steps.iter().filter(|st| st.kind == StepKind::Llm) {
                for (pool, share, request) in step.calls() {
                    let Some(pool) = pools.get_mut(pool) else {
                        continue;
                    };
                    // Real-time requests and attempts per billed action.
                    let runs = step.runs * share;
                    let batched = runs * step.tokens.batch_share;
                    let t = &step.tokens;
                    let batch_tokens = batched * (t.input + t.output + t.reasoning);
                    pool.batch_per_user += f.per_user_per_day * keep * batch_tokens;
                    pool.batch_fixed += f.fixed_per_day * keep * batch_tokens;
                    let real_time = runs - batched;
                    let attempts = real_time / (1.0 - step.error_rate);
                    let per_action = [
                        attempts * per_peak_minute,
                        attempts,
                        real_time * request.tpm * per_peak_minute,
                        real_time * request.itpm * per_peak_minute,
                        real_time * request.otpm * per_peak_minute,
                        real_time * request.tpm,
                    ];
                    for (k, x) in per_action.iter().enumerate() {
                        pool.load_per_user[k] += f.per_user_per_day * keep * x;
                        pool.load_fixed[k] += f.fixed_per_day * keep * x;
                    }
                    if let Some(gpu) = &mut pool.gpu {
                        let tokens = t.input + t.output + t.reasoning;
                        let per_second = real_time * tokens * per_peak_minute / 60.0
                            + batched * tokens / SECONDS_PER_DAY;
                        gpu.load_per_user += f.per_user_per_day * keep * per_second;
                        gpu.load_fixed += f.fixed_per_day * keep * per_second;
                    }
                }
                // Which deployments get runs, and whether only through "default".
                let base = step
                    .pool
                    .map(|p| (p, step.runs * step.base_share(), step.on_default));
                let route = step
                    .route
                    .as_ref()
                    .and_then(|r| r.pool.map(|p| (p, step.runs * r.share, r.on_default)));
                for (pool, runs, on_default) in base.into_iter().chain(route) {
                    if let Some(gpu) = pools.get_mut(pool).and_then(|p| p.gpu.as_mut())
                        && runs > 0.0
                    {
                        gpu.in_use = true;
                        gpu.default_only &= on_default;
                    }
                }
            }
        }

        let pricing = &s.pricing;
        let paying_net_share = pricing.paying_share * (1.0 - pricing.payment_fee_share);
        Plan {
            users: s.users,
            days_per_month: s.days_per_month,
            peak_factor: s.peak_factor,
            growth: s.growth,
            churn: s.churn,
            horizon_months: s.horizon_months,
            features,
            fixed: s
                .fixed_costs
                .iter()
                .map(|c| FixedPlan {
                    name: c.name.clone(),
                    kind: c.kind,
                    monthly: c.monthly,
                    users_per_unit: c.users_per_unit.unwrap_or(1.0),
                })
                .collect(),
            pools,
            revenue_per_user: paying_net_share * pricing.price_per_paying_user,
            paying_net_share,
            target_margin: pricing.target_margin,
            price_per_paying_user: pricing.price_per_paying_user,
            monthly_cap: s.budget.monthly_cap,
            daily_alert: s.budget.daily_alert,
            credit_balance: s.budget.credit_balance,
        }
    }

    /// The scenario's own user count.
    pub fn users(&self) -> f64 {
        self.users
    }

    /// Monthly money at `users`, with `users·growth` new users this month.
    pub fn costs_at(&self, users: f64) -> Costs {
        self.costs_with(users, users * self.growth, |f| f.cost_per_action)
    }

    /// Monthly money at `users` with `new_users` joining this month, each
    /// feature billed at `cost_per_action(feature)`.
    pub(crate) fn costs_with(
        &self,
        users: f64,
        new_users: f64,
        cost_per_action: impl Fn(&FeaturePlan) -> f64,
    ) -> Costs {
        let mut variable = 0.0;
        let mut onboarding = 0.0;
        for f in &self.features {
            let cpa = cost_per_action(f);
            variable += f.billed_per_day(users) * cpa * self.days_per_month;
            onboarding += new_users * f.backlog_per_new_user * cpa;
        }
        let fixed = self.fixed_monthly(users);
        Costs {
            users,
            variable_monthly: variable,
            onboarding_monthly: onboarding,
            fixed_monthly: fixed,
            monthly_cost: variable + onboarding + fixed,
            revenue_monthly: self.revenue(users),
        }
    }

    /// `Σ flat + Σ per_user·users + Σ monthly·ceil(users/users_per_unit)`.
    pub(crate) fn fixed_monthly(&self, users: f64) -> f64 {
        total(self.fixed.iter().map(|c| c.monthly_at(users))) + self.gpu_monthly()
    }

    /// What the self-hosted models' GPUs cost a month: the GPUs of every
    /// deployment some step sends runs to, around the clock.
    pub fn gpu_monthly(&self) -> f64 {
        total(self.gpus().map(|g| g.monthly(self.days_per_month)))
    }

    /// The self-hosted models' deployments the steps use.
    pub(crate) fn gpus(&self) -> impl Iterator<Item = &GpuPlan> {
        self.pools.iter().filter_map(|p| p.gpu.as_ref())
    }

    /// `R(u) = u·paying_share·price_per_paying_user·(1 − payment_fee_share)`.
    pub fn revenue(&self, users: f64) -> f64 {
        users * self.revenue_per_user
    }

    /// The smallest whole `u ≥ 1` with `R(u) ≥ C(u)`, exact also with
    /// stepped costs, or why there is none below [`BREAK_EVEN_LIMIT`].
    pub fn break_even_users(&self) -> BreakEven {
        let r = self.revenue_per_user;
        // C(u) = a·u + b + Σ m·ceil(u/n): split the cost into its parts.
        let (mut a, mut b) = (0.0, 0.0);
        for f in &self.features {
            let keep = 1.0 - f.cache_hit_rate;
            a += (f.per_user_per_day * keep * self.days_per_month
                + self.growth * f.backlog_per_new_user)
                * f.cost_per_action;
            b += f.fixed_per_day * keep * self.days_per_month * f.cost_per_action;
        }
        b += self.gpu_monthly();
        let mut stepped_slope = 0.0;
        let mut stepped: Vec<&FixedPlan> = Vec::new();
        for c in &self.fixed {
            match c.kind {
                FixedKind::Flat => b += c.monthly,
                FixedKind::PerUser => a += c.monthly,
                FixedKind::Stepped if c.monthly > 0.0 => {
                    stepped_slope += c.monthly / c.users_per_unit;
                    stepped.push(c);
                }
                FixedKind::Stepped => {}
            }
        }
        let meets = |u: f64| {
            let c = self.costs_at(u);
            c.revenue_monthly >= c.monthly_cost
        };

        if r <= 0.0 && (a > 0.0 || b > 0.0 || !stepped.is_empty()) {
            let why = if self.price_per_paying_user <= 0.0 {
                "there is no revenue: set a price per paying user"
            } else if self.paying_net_share <= 0.0 {
                "there is no revenue: no user pays (paying share or fees)"
            } else {
                "there is no revenue"
            };
            return BreakEven::Never(why.to_owned());
        }
        let d = r - a;
        let slope = d - stepped_slope;
        // With a non-positive long-run slope, R − C ≤ slope·u − b never
        // rises above its value at the first user.
        if d <= 0.0 || slope <= 0.0 {
            if meets(1.0) {
                return BreakEven::Users(1);
            }
            let cost = if stepped.is_empty() {
                a
            } else {
                a + stepped_slope
            };
            return BreakEven::Never(format!(
                "each user brings {} a month but costs {}{}",
                crate::format::money(r),
                crate::format::money(cost),
                if stepped.is_empty() {
                    ""
                } else {
                    " with the stepped costs"
                }
            ));
        }

        // Within a run of whole u where every ceil(u/n) is constant, the
        // margin R − C rises with u (slope d > 0), so the first u that
        // breaks even in a run is either its start or ceil((b + S)/d).
        // Start where the long-run bound allows: R − C ≤ slope·u − b.
        let mut u = if slope > 0.0 {
            (b / slope).floor().max(1.0)
        } else {
            1.0
        };
        for _ in 0..1_000_000 {
            if u >= BREAK_EVEN_LIMIT {
                break;
            }
            let steps_now = total(
                stepped
                    .iter()
                    .map(|c| c.monthly * (u / c.users_per_unit).ceil()),
            );
            let run_end = stepped
                .iter()
                .map(|c| ((u / c.users_per_unit).ceil() * c.users_per_unit).floor())
                .fold(f64::INFINITY, f64::min)
                .max(u);
            let candidate = ((b + steps_now) / d).ceil().max(u);
            if candidate <= run_end && candidate < BREAK_EVEN_LIMIT {
                // Float rounding can put the closed form one off: settle it
                // on the same cost function the report uses.
                let mut x = candidate;
                while x > u && meets(x - 1.0) {
                    x -= 1.0;
                }
                while x <= run_end && !meets(x) {
                    x += 1.0;
                }
                if x <= run_end {
                    return BreakEven::Users(x as u64);
                }
            }
            if !run_end.is_finite() {
                break;
            }
            u = run_end + 1.0;
        }
        if u < BREAK_EVEN_LIMIT {
            // Only many small stepped costs with a razor-thin margin get here.
            return BreakEven::Never(format!(
                "the search stopped at {} users without reaching break-even",
                crate::format::count(u)
            ));
        }
        BreakEven::Never(format!(
            "revenue does not cover cost below {} users",
            crate::format::count(BREAK_EVEN_LIMIT)
        ))
    }

    /// The report's numbers at `n` user counts spread evenly on a log scale
    /// from `from` to `to` (both at least 1), for the charts.
    pub fn sweep(&self, from: f64, to: f64, n: usize) -> Vec<SweepPoint> {
        log_space(from, to, n)
            .map(|users| self.sweep_point(users))
            .collect()
    }

    /// One point of a sweep.
    pub fn sweep_point(&self, users: f64) -> SweepPoint {
        let costs = self.costs_at(users);
        let feature_variable = self
            .features
            .iter()
            .map(|f| f.variable_monthly(users, self.days_per_month))
            .collect();
        let divisor = users * self.paying_net_share;
        SweepPoint {
            cost_per_user: (users > 0.0).then(|| costs.monthly_cost / users),
            break_even_price: (divisor > 0.0).then(|| costs.monthly_cost / divisor),
            feature_variable,
            costs,
        }
    }
}

impl FeaturePlan {
    /// Cost per billed action with the steps' `"default"` parts (a step's
    /// own model or its route) billed at `rates` instead: what the feature
    /// would cost with another default model.
    pub fn cost_per_action_on(&self, rates: &Rates) -> f64 {
        total(self.steps.iter().map(|st| {
            if st.kind != StepKind::Llm || !(st.on_default || st.route_on_default()) {
                return st.runs * st.run_cost;
            }
            let on = rates.llm_run_cost(&st.tokens);
            let base = if st.on_default { on } else { st.base_run_cost };
            let routed = st.route.as_ref().map_or(0.0, |r| {
                r.share * if r.on_default { on } else { r.run_cost }
            });
            st.runs * (st.base_share() * base + routed)
        }))
    }

    /// Actions a day: `users·per_user_per_day + fixed_per_day`.
    pub fn actions_per_day(&self, users: f64) -> f64 {
        users * self.per_user_per_day + self.fixed_per_day
    }

    /// Billed actions a day: `A·(1 − cache_hit_rate)`.
    pub fn billed_per_day(&self, users: f64) -> f64 {
        self.actions_per_day(users) * (1.0 - self.cache_hit_rate)
    }

    /// Variable cost for a month: `B·cost_per_action·days_per_month`.
    pub fn variable_monthly(&self, users: f64, days_per_month: f64) -> f64 {
        self.billed_per_day(users) * self.cost_per_action * days_per_month
    }

    /// Onboarding cost for a month: `new_users·backlog_per_new_user·cost_per_action`.
    pub fn onboarding_monthly(&self, new_users: f64) -> f64 {
        new_users * self.backlog_per_new_user * self.cost_per_action
    }
}

impl FixedPlan {
    pub fn monthly_at(&self, users: f64) -> f64 {
        match self.kind {
            FixedKind::Flat => self.monthly,
            FixedKind::PerUser => self.monthly * users,
            FixedKind::Stepped => self.monthly * (users / self.users_per_unit).ceil(),
        }
    }
}

/// The figures of one user count in a sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPoint {
    pub costs: Costs,
    /// Each feature's variable monthly cost, in order: with the onboarding
    /// and fixed costs of `costs`, the layers of the spend chart.
    pub feature_variable: Vec<f64>,
    pub cost_per_user: Option<f64>,
    pub break_even_price: Option<f64>,
}

/// The sum of `xs`, starting from +0.0: `Iterator::sum` starts from −0.0,
/// which an empty sum would show as "-0" in the report.
pub(crate) fn total(xs: impl Iterator<Item = f64>) -> f64 {
    xs.fold(0.0, |acc, x| acc + x)
}

/// `n` values from `from` to `to` evenly spaced on a log scale; both ends
/// are clamped to at least 1 and the ends are exact.
pub fn log_space(from: f64, to: f64, n: usize) -> impl Iterator<Item = f64> {
    let lo = from.max(1.0);
    let hi = to.max(lo);
    let (l0, l1) = (lo.ln(), hi.ln());
    (0..n).map(move |i| {
        if i == 0 {
            lo
        } else if i + 1 == n {
            hi
        } else {
            (l0 + (l1 - l0) * i as f64 / (n - 1) as f64).exp()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::{Feature, FixedCost, Pricing, Step};

    fn scenario(cost_per_action: f64, per_user_per_day: f64) -> Scenario {
        Scenario {
            users: 100.0,
            features: vec![Feature::new(
                "Action",
                per_user_per_day,
                vec![Step::flat("Call", cost_per_action)],
            )],
            pricing: Pricing {
                price_per_paying_user: 20.0,
                ..Pricing::default()
            },
            ..Scenario::default()
        }
    }

    fn stepped(monthly: f64, users_per_unit: f64) -> FixedCost {
        FixedCost {
            name: "Instances".into(),
            kind: FixedKind::Stepped,
            monthly,
            users_per_unit: Some(users_per_unit),
        }
    }

    fn flat(monthly: f64) -> FixedCost {
        FixedCost {
            name: "Hosting".into(),
            kind: FixedKind::Flat,
            monthly,
            users_per_unit: None,
        }
    }

    /// The definition itself, by walking every user count: the oracle the
    /// closed forms are checked against.
    fn brute_force(plan: &Plan, limit: u64) -> Option<u64> {
        (1..=limit).find(|&u| {
            let c = plan.costs_at(u as f64);
            c.revenue_monthly >= c.monthly_cost
        })
    }

    #[test]
    fn fixed_costs_follow_their_kind() {
        let mut s = scenario(0.0, 0.0);
        s.fixed_costs = vec![
            flat(5.0),
            FixedCost {
                name: "Storage".into(),
                kind: FixedKind::PerUser,
                monthly: 0.5,
                users_per_unit: None,
            },
            stepped(20.0, 500.0),
        ];
        let plan = Plan::new(&s).expect("valid");
        assert_eq!(plan.fixed_monthly(100.0), 5.0 + 50.0 + 20.0);
        assert_eq!(plan.fixed_monthly(500.0), 5.0 + 250.0 + 20.0);
        assert_eq!(plan.fixed_monthly(501.0), 5.0 + 250.5 + 40.0);
        assert_eq!(plan.fixed_monthly(0.0), 5.0);
    }

    #[test]
    fn break_even_without_steps_is_the_rounded_up_quotient() {
        // $35 a month of fixed cost at $20 per paying user: 1.75 → 2 users.
        let mut s = scenario(0.0, 0.0);
        s.fixed_costs = vec![flat(35.0)];
        let plan = Plan::new(&s).expect("valid");
        assert_eq!(plan.break_even_users(), BreakEven::Users(2));
        // Exactly $40 is covered by exactly 2 users (R ≥ C, not R > C).
        s.fixed_costs = vec![flat(40.0)];
        assert_eq!(
            Plan::new(&s).expect("valid").break_even_users(),
            BreakEven::Users(2)
        );
    }

    #[test]
    fn break_even_with_stepped_costs_matches_the_definition() {
        for (monthly, per_unit, flat_cost, cpa) in [
            (20.0, 500.0, 5.0, 0.001),
            (900.0, 50.0, 0.0, 0.0),
            (100.0, 7.0, 3.0, 0.01),
            (19.0, 1.0, 0.0, 0.0),
            (500.0, 30.0, 250.0, 0.002),
        ] {
            let mut s = scenario(cpa, 10.0);
            s.fixed_costs = vec![flat(flat_cost), stepped(monthly, per_unit)];
            let plan = Plan::new(&s).expect("valid");
            let expected = brute_force(&plan, 100_000);
            let got = match plan.break_even_users() {
                BreakEven::Users(u) => Some(u),
                BreakEven::Never(_) => None,
            };
            assert_eq!(
                got, expected,
                "{monthly} per {per_unit}, flat {flat_cost}, cpa {cpa}"
            );
        }
    }

    #[test]
    fn break_even_with_two_stepped_costs_matches_the_definition() {
        let mut s = scenario(0.002, 10.0);
        s.fixed_costs = vec![flat(120.0), stepped(150.0, 40.0), stepped(35.0, 9.0)];
        let plan = Plan::new(&s).expect("valid");
        let expected = brute_force(&plan, 1_000_000).expect("breaks even");
        assert_eq!(plan.break_even_users(), BreakEven::Users(expected));
    }

    #[test]
    fn break_even_is_never_when_a_user_costs_more_than_it_brings() {
        // 10 actions a day at $0.1 is $30 a month per user against $20.
        let s = scenario(0.1, 10.0);
        let BreakEven::Never(why) = Plan::new(&s).expect("valid").break_even_users() else {
            panic!("expected never");
        };
        assert_eq!(why, "each user brings $20.00 a month but costs $30.00");
    }

    #[test]
    fn break_even_is_never_without_revenue() {
        let mut s = scenario(0.01, 1.0);
        s.pricing.price_per_paying_user = 0.0;
        let BreakEven::Never(why) = Plan::new(&s).expect("valid").break_even_users() else {
            panic!("expected never");
        };
        assert_eq!(why, "there is no revenue: set a price per paying user");
    }

    #[test]
    fn log_space_has_exact_ends_and_even_ratios() {
        let xs: Vec<f64> = log_space(1.0, 10_000.0, 5).collect();
        assert_eq!(xs[0], 1.0);
        assert_eq!(xs[4], 10_000.0);
        for (x, want) in xs.iter().zip([1.0, 10.0, 100.0, 1000.0, 10_000.0]) {
            assert!((x - want).abs() / want < 1e-12, "{x} vs {want}");
        }
        assert_eq!(log_space(0.0, 5.0, 1).collect::<Vec<_>>(), vec![1.0]);
    }

    #[test]
    fn sweep_points_agree_with_costs_at() {
        let s = scenario(0.004, 3.0);
        let plan = Plan::new(&s).expect("valid");
        for p in plan.sweep(1.0, 1e6, 25) {
            assert_eq!(p.costs, plan.costs_at(p.costs.users));
            let sum: f64 = p.feature_variable.iter().sum();
            assert!((sum - p.costs.variable_monthly).abs() < 1e-9);
        }
    }
}
