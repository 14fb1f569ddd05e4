//! `evaluate`: a scenario in, every figure DESIGN.md names out — costs per
//! feature, step and vendor, break-even, margins, capacity, budget, the
//! month-by-month projection and the model comparison. The report is plain
//! data (serde) with DESIGN's field names; views only format it.

use std::borrow::Cow;

use serde::Serialize;

use super::capacity::{NeverFits, PoolLoad, StepLoad};
use super::catalog;
use super::plan::{BreakEven, Plan, total};
use super::prices;
use super::scenario::Scenario;
use super::self_hosting::SelfHostedReport;
use super::validate::Problems;

/// Everything Burnrate computes for one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub users: f64,
    pub monthly_cost: f64,
    pub variable_monthly: f64,
    pub onboarding_monthly: f64,
    pub fixed_monthly: f64,
    pub revenue_monthly: f64,
    /// `monthly_cost / days_per_month`.
    pub daily_cost: f64,
    /// Billed-action weighted mean over features.
    pub cost_per_action: f64,
    pub cost_per_user: Option<f64>,
    pub break_even_users: Option<u64>,
    /// Why there is no break-even, in words.
    pub break_even_reason: Option<String>,
    pub break_even_price: Option<f64>,
    pub break_even_price_at_margin: Option<f64>,
    pub gross_margin: Option<f64>,
    /// The largest peak RPM utilisation over limit pools (0 with none).
    pub peak_rpm_utilisation: f64,
    /// The largest utilisation of any limit of any pool (0 with none).
    pub peak_limit_utilisation: f64,
    /// That limit in words: `"anthropic · claude-sonnet-4 · OTPM"`.
    pub binding_limit: Option<String>,
    /// Tokens a day sent through batch APIs, over every pool.
    pub batch_tokens_per_day: f64,
    /// Requests that fail every time, whatever the volume.
    pub never_fits: Vec<NeverFits>,
    pub runway_days: Option<f64>,
    /// Why there is no runway, in words: no credit balance is set, or no
    /// usage spend draws on it.
    pub runway_reason: Option<String>,
    pub new_users_per_month: f64,
    pub budget: BudgetStatus,
    pub features: Vec<FeatureReport>,
    pub fixed_costs: Vec<FixedCostReport>,
    /// Every limit pool's load and limits.
    pub pools: Vec<PoolLoad>,
    /// Monthly cost by who gets paid, largest first.
    pub vendors: Vec<VendorCost>,
    pub projection: Vec<ProjectionMonth>,
    /// Where the projection breaks even, pays back, and first crosses a
    /// rate limit or the budget.
    pub milestones: Milestones,
    pub comparison: Vec<ModelComparison>,
    /// Every self-hosted model: its GPUs' cost and load, and where it
    /// overtakes the API on the default steps.
    pub self_hosted: Vec<SelfHostedReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeatureReport {
    pub name: String,
    pub actions_per_day: f64,
    pub billed_per_day: f64,
    pub cost_per_action: f64,
    /// Variable plus onboarding.
    pub monthly_cost: f64,
    pub variable_monthly: f64,
    pub onboarding_monthly: f64,
    /// Items every current user's backlog adds up to (all onboarding at once).
    pub backlog_items: f64,
    /// What working through `backlog_items` costs once.
    pub backlog_cost: f64,
    /// Seconds to drain `backlog_items`, when a step's limits bound the pace.
    pub backlog_drain_s: Option<f64>,
    pub steps: Vec<StepReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepReport {
    pub name: String,
    pub kind: &'static str,
    pub model: Option<String>,
    pub provider: Option<String>,
    /// The second model a share of the runs goes to, if the step routes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<RouteReport>,
    pub runs: f64,
    pub run_cost: f64,
    /// `runs·run_cost`: this step's share of the feature's cost per action.
    pub cost_per_action: f64,
    pub monthly_cost: f64,
    pub load: Option<StepLoad>,
}

/// A routed step's second model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteReport {
    pub model: String,
    pub provider: String,
    /// Share of the step's runs it takes.
    pub share: f64,
    /// What one run costs on it.
    pub run_cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FixedCostReport {
    pub name: String,
    pub kind: &'static str,
    pub monthly_cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorCost {
    pub vendor: String,
    pub monthly_cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BudgetStatus {
    pub monthly_cap: Option<f64>,
    pub daily_alert: Option<f64>,
    pub credit_balance: Option<f64>,
    pub over_monthly_cap: bool,
    pub over_daily_alert: bool,
    /// The alerts in words, empty when all is well.
    pub alerts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectionMonth {
    pub month: u32,
    pub users: f64,
    pub new_users: f64,
    pub monthly_cost: f64,
    pub revenue_monthly: f64,
    pub cumulative_cash: f64,
    /// The largest utilisation of any rate limit at this month's users.
    pub peak_limit_utilisation: f64,
    /// This month's cost is over the monthly cap or its daily figure over
    /// the daily alert.
    pub over_budget: bool,
}

/// When the projection crosses a line: month numbers as in
/// [`ProjectionMonth::month`] (0 is today), `None` when it does not within
/// the horizon.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Milestones {
    /// The first month whose revenue covers its cost (and is above 0).
    pub break_even_month: Option<u32>,
    /// The first month whose cumulative cash is back at 0 or above, after
    /// it has been below.
    pub payback_month: Option<u32>,
    /// The first month a rate limit is over 100 % at its peak.
    pub limit_month: Option<u32>,
    /// The first month over the monthly cap or the daily alert.
    pub budget_month: Option<u32>,
}

impl Milestones {
    /// The milestones of a projection.
    pub fn of(months: &[ProjectionMonth]) -> Milestones {
        let first = |test: &dyn Fn(&ProjectionMonth) -> bool| {
            months.iter().find(|m| test(m)).map(|m| m.month)
        };
        let mut was_negative = false;
        let payback_month = months
            .iter()
            .find(|m| {
                let back = was_negative && m.cumulative_cash >= 0.0;
                was_negative |= m.cumulative_cash < 0.0;
                back
            })
            .map(|m| m.month);
        Milestones {
            break_even_month: first(&|m| {
                m.revenue_monthly > 0.0 && m.revenue_monthly >= m.monthly_cost
            }),
            payback_month,
            limit_month: first(&|m| m.peak_limit_utilisation > 1.0),
            budget_month: first(&|m| m.over_budget),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelComparison {
    pub model: Cow<'static, str>,
    pub provider: Cow<'static, str>,
    pub monthly_cost: f64,
    /// Today's monthly cost minus this one: positive is a saving.
    pub saving: f64,
    pub is_current: bool,
}

/// Validates and evaluates `s`.
pub fn evaluate(s: &Scenario) -> Result<Report, Problems> {
    let plan = Plan::new(s)?;
    Ok(plan.report(s))
}

/// Why a report has no runway.
pub const NO_CREDIT: &str = "no credit balance set";
pub const CREDIT_UNSPENT: &str = "no usage spend draws on the credit";

impl Plan {
    /// The full report at the scenario's own user count. `s` must be the
    /// scenario this plan was compiled from (the comparison re-prices its
    /// models).
    pub fn report(&self, s: &Scenario) -> Report {
        let users = self.users;
        let new_users = users * self.growth;
        let costs = self.costs_at(users);
        let days = self.days_per_month;
        let monthly_cost = costs.monthly_cost;

        let mut vendors: Vec<VendorCost> = Vec::new();
        let mut add_vendor =
            |vendor: &str, cost: f64| match vendors.iter_mut().find(|v| v.vendor == vendor) {
                Some(v) => v.monthly_cost += cost,
                None => vendors.push(VendorCost {
                    vendor: vendor.to_owned(),
                    monthly_cost: cost,
                }),
            };

        let mut billed_total = 0.0;
        let mut billed_cost_total = 0.0;
        let features: Vec<FeatureReport> = self
            .features
            .iter()
            .map(|f| {
                let billed = f.billed_per_day(users);
                billed_total += billed;
                billed_cost_total += billed * f.cost_per_action;
                let variable = f.variable_monthly(users, days);
                let onboarding = f.onboarding_monthly(new_users);
                // A step's monthly cost is its share of the feature's.
                let per_action_to_monthly = billed * days + new_users * f.backlog_per_new_user;
                let steps = f
                    .steps
                    .iter()
                    .map(|st| {
                        let provider = st.provider.clone();
                        let monthly = st.runs * st.run_cost * per_action_to_monthly;
                        let vendor = provider.as_deref().unwrap_or(if st.name.is_empty() {
                            st.kind.as_str()
                        } else {
                            &st.name
                        });
                        // A route's share is paid to its own provider.
                        let routed = st.route.as_ref().map_or(0.0, |r| {
                            let cost = st.runs * r.share * r.run_cost * per_action_to_monthly;
                            add_vendor(&r.provider, cost);
                            cost
                        });
                        add_vendor(vendor, monthly - routed);
                        StepReport {
                            name: st.name.clone(),
                            kind: st.kind.as_str(),
                            model: st.model.clone(),
                            provider,
                            route: st.route.as_ref().map(|r| RouteReport {
                                model: r.model.clone(),
                                provider: r.provider.clone(),
                                share: r.share,
                                run_cost: r.run_cost,
                            }),
                            runs: st.runs,
                            run_cost: st.run_cost,
                            cost_per_action: st.runs * st.run_cost,
                            monthly_cost: monthly,
                            load: self.step_load(f, st, users),
                        }
                    })
                    .collect();
                let backlog_items = users * f.backlog_per_new_user;
                FeatureReport {
                    name: f.name.clone(),
                    actions_per_day: f.actions_per_day(users),
                    billed_per_day: billed,
                    cost_per_action: f.cost_per_action,
                    monthly_cost: variable + onboarding,
                    variable_monthly: variable,
                    onboarding_monthly: onboarding,
                    backlog_items,
                    backlog_cost: backlog_items * f.cost_per_action,
                    backlog_drain_s: if backlog_items > 0.0 {
                        self.drain_seconds(f, backlog_items)
                    } else {
                        None
                    },
                    steps,
                }
            })
            .collect();

        let fixed_costs: Vec<FixedCostReport> = self
            .fixed
            .iter()
            .map(|c| {
                let monthly = c.monthly_at(users);
                add_vendor(if c.name.is_empty() { "fixed" } else { &c.name }, monthly);
                FixedCostReport {
                    name: c.name.clone(),
                    kind: c.kind.as_str(),
                    monthly_cost: monthly,
                }
            })
            .collect();
        for p in &self.pools {
            if let Some(g) = &p.gpu {
                let monthly = g.monthly(days);
                if monthly > 0.0 {
                    add_vendor(&p.provider, monthly);
                }
            }
        }
        crate::order::sort_by_key(&mut vendors, |v| v.monthly_cost, true);

        let (break_even_users, break_even_reason) = match self.break_even_users() {
            BreakEven::Users(u) => (Some(u), None),
            BreakEven::Never(why) => (None, Some(why)),
        };
        let divisor = users * self.paying_net_share;
        let break_even_price = (divisor > 0.0).then(|| monthly_cost / divisor);
        let revenue = costs.revenue_monthly;
        let pools = self.pool_loads(users);
        let binding = Plan::binding_limit(&pools);
        let projection = self.projection();
        let spend_per_day = (costs.variable_monthly + costs.onboarding_monthly) / days;
        let daily_cost = monthly_cost / days;

        Report {
            users,
            monthly_cost,
            variable_monthly: costs.variable_monthly,
            onboarding_monthly: costs.onboarding_monthly,
            fixed_monthly: costs.fixed_monthly,
            revenue_monthly: revenue,
            daily_cost,
            cost_per_action: if billed_total > 0.0 {
                billed_cost_total / billed_total
            } else {
                0.0
            },
            cost_per_user: (users > 0.0).then(|| monthly_cost / users),
            break_even_users,
            break_even_reason,
            break_even_price,
            break_even_price_at_margin: break_even_price.map(|p| p / (1.0 - self.target_margin)),
            gross_margin: (revenue > 0.0).then(|| (revenue - monthly_cost) / revenue),
            peak_rpm_utilisation: Plan::peak_rpm_utilisation(&pools),
            peak_limit_utilisation: binding.as_ref().map_or(0.0, |(u, _)| *u),
            binding_limit: binding.map(|(_, name)| name),
            batch_tokens_per_day: total(pools.iter().map(|p| p.batch_tokens_per_day)),
            never_fits: self.never_fits(),
            runway_days: self
                .credit_balance
                .filter(|_| spend_per_day > 0.0)
                .map(|credit| credit / spend_per_day),
            runway_reason: match self.credit_balance {
                None => Some(NO_CREDIT.to_owned()),
                Some(_) if spend_per_day <= 0.0 => Some(CREDIT_UNSPENT.to_owned()),
                Some(_) => None,
            },
            new_users_per_month: new_users,
            budget: self.budget_status(monthly_cost, daily_cost),
            features,
            fixed_costs,
            pools,
            vendors,
            milestones: Milestones::of(&projection),
            projection,
            comparison: self.comparison(s, monthly_cost),
            self_hosted: self.self_hosting(s),
        }
    }

    /// Whether `monthly_cost` is over the monthly cap, or its daily figure
    /// over the daily alert.
    fn over_budget(&self, monthly_cost: f64) -> bool {
        self.monthly_cap.is_some_and(|cap| monthly_cost > cap)
            || self
                .daily_alert
                .is_some_and(|alert| monthly_cost / self.days_per_month > alert)
    }

    fn budget_status(&self, monthly_cost: f64, daily_cost: f64) -> BudgetStatus {
        use crate::format::money;
        let over_monthly_cap = self.monthly_cap.is_some_and(|cap| monthly_cost > cap);
        let over_daily_alert = self.daily_alert.is_some_and(|alert| daily_cost > alert);
        let mut alerts = Vec::new();
        if let (true, Some(cap)) = (over_monthly_cap, self.monthly_cap) {
            alerts.push(format!(
                "monthly cost {} is over the monthly cap of {}",
                money(monthly_cost),
                money(cap)
            ));
        }
        if let (true, Some(alert)) = (over_daily_alert, self.daily_alert) {
            alerts.push(format!(
                "daily cost {} is over the daily alert of {}",
                money(daily_cost),
                money(alert)
            ));
        }
        BudgetStatus {
            monthly_cap: self.monthly_cap,
            daily_alert: self.daily_alert,
            credit_balance: self.credit_balance,
            over_monthly_cap,
            over_daily_alert,
            alerts,
        }
    }

    /// Month 0 is today; month m has `users_m = users_{m−1}·(1 + growth −
    /// churn)` and `users_{m−1}·growth` new users.
    pub fn projection(&self) -> Vec<ProjectionMonth> {
        let mut months = Vec::with_capacity(self.horizon_months as usize + 1);
        let mut users = self.users;
        let mut new_users = users * self.growth;
        let mut cash = 0.0;
        for month in 0..=self.horizon_months {
            if month > 0 {
                new_users = users * self.growth;
                users *= 1.0 + self.growth - self.churn;
            }
            let c = self.costs_with(users, new_users, |f| f.cost_per_action);
            cash += c.revenue_monthly - c.monthly_cost;
            months.push(ProjectionMonth {
                month,
                users,
                new_users,
                monthly_cost: c.monthly_cost,
                revenue_monthly: c.revenue_monthly,
                cumulative_cash: cash,
                peak_limit_utilisation: self.peak_limit_utilisation_at(users),
                over_budget: self.over_budget(c.monthly_cost),
            });
        }
        months
    }

    /// The scenario with every `"default"` llm step switched to each
    /// candidate: today's default model, the scenario's custom token models
    /// and the catalog's usual choices. Empty when no step uses `"default"`.
    /// A custom model that only repeats its catalog entry (a share link's
    /// frozen copy, `freeze::freeze_prices`) is a catalog model, not one of the user's:
    /// it is compared only where the catalog model would be, so freezing
    /// changes no line of the comparison.
    pub fn comparison(&self, s: &Scenario, current_cost: f64) -> Vec<ModelComparison> {
        let uses_default = self.features.iter().any(|f| {
            f.steps
                .iter()
                .any(|st| st.on_default || st.route_on_default())
        });
        if !uses_default {
            return Vec::new();
        }
        // Catalog candidates are resolved once per program and borrowed:
        // only the scenario's own models cost a lookup and an allocation.
        let own = std::iter::once(s.default_model.as_str()).chain(
            s.custom_models
                .iter()
                .filter(|m| m.input_per_mtok > 0.0 || m.output_per_mtok > 0.0)
                .filter(|m| !prices::repeats_catalog(m))
                .map(|m| m.id.as_str()),
        );
        let candidates = own
            .filter_map(|id| {
                prices::rates(s, id)
                    .map(|(rates, provider)| (Cow::Owned(id.to_owned()), rates, provider))
            })
            .chain(catalog::comparison_models().iter().map(|m| {
                let (rates, provider) = prices::catalog_rates(s, m);
                (Cow::Borrowed(m.id), rates, provider)
            }));
        let mut out: Vec<ModelComparison> =
            Vec::with_capacity(catalog::COMPARISON_MODELS.len() + 2);
        for (id, rates, provider) in candidates {
            if out.iter().any(|c| c.model == id) {
                continue;
            }
            let is_current = id == s.default_model.as_str();
            let cost = self.switched_monthly(&rates, is_current);
            out.push(ModelComparison {
                is_current,
                model: id,
                provider,
                monthly_cost: cost,
                saving: current_cost - cost,
            });
        }
        crate::order::sort_by_key(&mut out, |m| m.monthly_cost, false);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::{CustomModel, Feature, Step};

    fn compared(s: &Scenario) -> Vec<String> {
        let r = evaluate(s).unwrap_or_else(|p| panic!("{p}"));
        r.comparison.iter().map(|c| c.model.to_string()).collect()
    }

    /// Ten users of one chat feature made of `steps`.
    fn chat(steps: Vec<Step>) -> Scenario {
        Scenario {
            users: 10.0,
            features: vec![Feature::new("Chat", 5.0, steps)],
            ..Scenario::default()
        }
    }

    #[test]
    fn milestones_mark_the_first_month_each_line_is_crossed() {
        // 100 users doubling each month, 10 actions a day at $0.01: $3 a
        // user a month against $5 of revenue, plus $500 of hosting.
        let mut s = Scenario {
            users: 100.0,
            growth: 1.0,
            horizon_months: 6,
            features: vec![Feature::new("Act", 10.0, vec![Step::flat("Tool", 0.01)])],
            ..Scenario::default()
        };
        s.pricing.price_per_paying_user = 5.0;
        s.fixed_costs.push(crate::engine::scenario::FixedCost {
            name: "Hosting".into(),
            kind: crate::engine::scenario::FixedKind::Flat,
            monthly: 500.0,
            users_per_unit: None,
        });
        // Users 100, 200, 400, 800, …; monthly cost 300 + 500, 600 + 500, ….
        s.budget.monthly_cap = Some(2_000.0);
        let r = evaluate(&s).expect("valid");
        let users: Vec<f64> = r.projection.iter().map(|m| m.users).collect();
        assert_eq!(&users[..4], &[100.0, 200.0, 400.0, 800.0]);
        // Revenue 500, 1,000, 2,000, 4,000 against 800, 1,100, 1,700, 2,900.
        assert_eq!(r.milestones.break_even_month, Some(2));
        // Cash −300, −400, −100, +1,000: paid back in month 3.
        assert_eq!(r.milestones.payback_month, Some(3));
        // Cost over $2,000 from month 3 (2,900).
        assert_eq!(r.milestones.budget_month, Some(3));
        assert_eq!(r.milestones.limit_month, None);

        // A 20 RPM limit: 10 actions a day per user at peak 3 is 1/48 RPM a
        // user, so 960 users use 20 RPM: crossed at 1,600 users (month 4).
        s.features[0].steps = vec![Step::llm("Call", "gpt-4o-mini", 100.0, 10.0)];
        s.limits.push(crate::engine::scenario::Limit::new("openai"));
        s.limits[0].rpm = Some(20.0);
        let r = evaluate(&s).expect("valid");
        assert_eq!(r.milestones.limit_month, Some(4));
        let m3 = &r.projection[3];
        assert!((m3.peak_limit_utilisation - 800.0 / 960.0).abs() < 1e-12);
    }

    #[test]
    fn runway_says_why_it_is_missing() {
        let mut s = chat(vec![Step::llm("Answer", "gpt-4o", 500.0, 50.0)]);
        let r = evaluate(&s).expect("valid");
        assert_eq!(
            (r.runway_days, r.runway_reason.as_deref()),
            (None, Some(NO_CREDIT))
        );

        s.budget.credit_balance = Some(100.0);
        let r = evaluate(&s).expect("valid");
        assert!(r.runway_days.is_some_and(|d| d > 0.0));
        assert_eq!(r.runway_reason, None);

        // Credit, but nothing spends it: not "no credit balance set".
        s.users = 0.0;
        let r = evaluate(&s).expect("valid");
        assert_eq!(
            (r.runway_days, r.runway_reason.as_deref()),
            (None, Some(CREDIT_UNSPENT))
        );
    }

    #[test]
    fn a_copy_of_a_catalog_model_is_compared_only_where_the_catalog_model_is() {
        let gpt4 = catalog::find("gpt-4").expect("in catalog");
        assert!(!catalog::COMPARISON_MODELS.contains(&gpt4.id));
        let mut s = chat(vec![
            Step::llm("Answer", "default", 500.0, 50.0),
            Step::llm("Hard", "gpt-4", 500.0, 50.0),
        ]);
        let plain = compared(&s);
        assert!(!plain.iter().any(|m| m == "gpt-4"));
        let mut copy = CustomModel {
            id: gpt4.id.into(),
            provider: gpt4.provider.into(),
            input_per_mtok: gpt4.input_per_mtok,
            output_per_mtok: gpt4.output_per_mtok,
            cached_input_per_mtok: gpt4.cached_input_per_mtok,
            batch_discount: gpt4.batch_discount,
            price_per_image: gpt4.price_per_image,
            context_tokens: gpt4.context_tokens,
            cache_write_per_mtok: None,
            tiers: Vec::new(),
            self_hosted: None,
        };
        s.custom_models.push(copy.clone());
        assert_eq!(compared(&s), plain, "a copy is the catalog model");
        // Priced differently, it is the user's own model and a candidate.
        copy.input_per_mtok /= 2.0;
        s.custom_models[0] = copy;
        assert!(compared(&s).iter().any(|m| m == "gpt-4"));
    }
}
