//! The scenario: what a user plans, as versioned JSON (DESIGN.md, "The
//! model"). Every field but `version` may be left out and takes its default;
//! unknown fields are rejected at decoding. These types only describe the
//! data: range checks live in `validate`, formulas in `plan`.

use serde::{Deserialize, Serialize};

/// The scenario format version this build writes. Older versions are
/// migrated on decoding (`decode`).
pub const CURRENT_VERSION: u32 = 2;

/// The model id that stands for the scenario's `default_model`.
pub const DEFAULT_MODEL_ALIAS: &str = "default";

/// A whole plan: users, features and their API steps, fixed costs, pricing,
/// limits and budget. Money is USD; token prices are per 1M tokens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    #[serde(default)]
    pub name: String,
    /// The catalog snapshot the scenario was made with (`catalog::SNAPSHOT_ID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// Active users.
    #[serde(default)]
    pub users: f64,
    #[serde(default = "defaults::days_per_month")]
    pub days_per_month: f64,
    /// Peak-minute load over the average minute.
    #[serde(default = "defaults::peak_factor")]
    pub peak_factor: f64,
    /// Monthly user growth, as a share of users (0.1 = 10 % a month).
    #[serde(default)]
    pub growth: f64,
    /// Monthly churn, as a share of users.
    #[serde(default)]
    pub churn: f64,
    #[serde(default = "defaults::horizon_months")]
    pub horizon_months: u32,
    /// The catalog or custom model that `"default"` llm steps use.
    #[serde(default = "defaults::default_model")]
    pub default_model: String,
    #[serde(default)]
    pub features: Vec<Feature>,
    #[serde(default)]
    pub fixed_costs: Vec<FixedCost>,
    #[serde(default)]
    pub pricing: Pricing,
    #[serde(default)]
    pub limits: Vec<Limit>,
    #[serde(default)]
    pub budget: Budget,
    #[serde(default)]
    pub price_overrides: Vec<PriceOverride>,
    #[serde(default)]
    pub custom_models: Vec<CustomModel>,
}

/// A user-visible action: a chat message, a generated post, a classified email.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub per_user_per_day: f64,
    /// Actions a day that do not scale with users (200 new SKUs a day).
    #[serde(default)]
    pub fixed_per_day: f64,
    /// Share of actions answered from the app's own cache, at no variable cost.
    #[serde(default)]
    pub cache_hit_rate: f64,
    /// One-time items each new user brings (the first inbox fetch).
    #[serde(default)]
    pub backlog_per_new_user: f64,
    #[serde(default)]
    pub steps: Vec<Step>,
}

/// What a step is billed for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    #[default]
    Llm,
    Image,
    Flat,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Llm => "llm",
            StepKind::Image => "image",
            StepKind::Flat => "flat",
        }
    }
}

/// One paid call inside a feature. The kind-specific fields are optional so
/// that validation can tell a field given to the wrong kind (an error) from
/// one left out (its default).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub name: String,
    /// Expected executions per billed action (0.3 optional step, 2.5 tool loop).
    #[serde(default = "defaults::runs")]
    pub runs: f64,
    #[serde(default)]
    pub kind: StepKind,
    /// Catalog or custom model id, or `"default"` (llm and image steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<f64>,
    /// Share of input tokens read from the provider's prompt cache, billed
    /// at its cached-input price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_share: Option<f64>,
    /// Share of input tokens written to the provider's prompt cache this
    /// run, billed at its cache-write price (version 2). `cached_share +
    /// cache_write_share` is at most 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_share: Option<f64>,
    /// Hidden reasoning ("thinking") tokens per run, billed at the output
    /// price and counted as output by every limit (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<f64>,
    /// The request's `max_tokens` (output cap), when the app sets one.
    /// OpenAI's limiter reserves it against TPM (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<f64>,
    /// Share of runs sent through the provider's batch API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_per_image: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_per_run: Option<f64>,
    /// Seconds one run takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_s: Option<f64>,
    /// Runs that may be in flight at once (a semaphore, a worker pool).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency_limit: Option<u32>,
    /// Share of attempts that fail and are retried (429s, transient errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<f64>,
    /// A share of an llm step's runs sent to a second model, with the same
    /// tokens: a router's routine/complex split (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
}

/// Where an llm step sends part of its runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Catalog or custom model id, or `"default"`.
    pub model: String,
    /// Share of the step's runs it takes, 0 to 1.
    pub share: f64,
}

impl Feature {
    /// `per_user_per_day` actions a user a day made of `steps`; no fixed
    /// volume, cache or backlog.
    pub fn new(name: &str, per_user_per_day: f64, steps: Vec<Step>) -> Feature {
        Feature {
            name: name.to_owned(),
            per_user_per_day,
            fixed_per_day: 0.0,
            cache_hit_rate: 0.0,
            backlog_per_new_user: 0.0,
            steps,
        }
    }
}

impl Step {
    /// An llm step on `model` with these token counts, everything else default.
    pub fn llm(name: &str, model: &str, input_tokens: f64, output_tokens: f64) -> Step {
        Step {
            model: Some(model.to_owned()),
            input_tokens: Some(input_tokens),
            output_tokens: Some(output_tokens),
            ..Step::new(name, StepKind::Llm)
        }
    }

    /// A flat-priced step (a scraper run, an email send).
    pub fn flat(name: &str, price_per_run: f64) -> Step {
        Step {
            price_per_run: Some(price_per_run),
            ..Step::new(name, StepKind::Flat)
        }
    }

    /// A step of `kind` with no kind-specific field set.
    pub fn new(name: &str, kind: StepKind) -> Step {
        Step {
            name: name.to_owned(),
            runs: defaults::runs(),
            kind,
            model: None,
            input_tokens: None,
            output_tokens: None,
            cached_share: None,
            cache_write_share: None,
            reasoning_tokens: None,
            max_tokens: None,
            batch_share: None,
            price_per_image: None,
            images: None,
            price_per_run: None,
            latency_s: None,
            concurrency_limit: None,
            error_rate: None,
            route: None,
        }
    }

    /// The model id as written, `"default"` when left out.
    pub fn model_id(&self) -> &str {
        self.model.as_deref().unwrap_or(DEFAULT_MODEL_ALIAS)
    }

    pub fn error_rate(&self) -> f64 {
        self.error_rate.unwrap_or(0.0)
    }
}

/// What a fixed cost scales with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixedKind {
    /// `monthly` dollars a month.
    #[default]
    Flat,
    /// `monthly` dollars per user a month.
    PerUser,
    /// `monthly` dollars for each started block of `users_per_unit` users.
    Stepped,
}

impl FixedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixedKind::Flat => "flat",
            FixedKind::PerUser => "per_user",
            FixedKind::Stepped => "stepped",
        }
    }
}

/// Hosting, storage, subscriptions: costs that are not per action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedCost {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: FixedKind,
    #[serde(default)]
    pub monthly: f64,
    /// Users one unit serves (stepped costs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_per_unit: Option<f64>,
}

/// What users pay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// Monthly price one paying user pays.
    #[serde(default)]
    pub price_per_paying_user: f64,
    /// Share of users who pay.
    #[serde(default = "defaults::paying_share")]
    pub paying_share: f64,
    /// Share of revenue the payment processor keeps.
    #[serde(default)]
    pub payment_fee_share: f64,
    /// The gross margin the break-even price should leave.
    #[serde(default)]
    pub target_margin: f64,
}

impl Default for Pricing {
    fn default() -> Pricing {
        Pricing {
            price_per_paying_user: 0.0,
            paying_share: defaults::paying_share(),
            payment_fee_share: 0.0,
            target_margin: 0.0,
        }
    }
}

/// One limit pool: the rate limits a provider applies to some of its
/// models (or, without `models`, to its models no other entry names). A
/// limit left out is not checked. Every limit is per organisation; `keys`
/// separate organisations each have them (keys of one organisation share
/// its limits).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub provider: String,
    /// The model ids this pool covers (version 2); `None` covers the
    /// provider's models that no other entry of the provider names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub models: Option<Vec<String>>,
    /// Requests per minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpm: Option<f64>,
    /// Requests per day (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpd: Option<f64>,
    /// Tokens per minute, counted by the provider's rule (`limits::Counting`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tpm: Option<f64>,
    /// Input tokens per minute (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub itpm: Option<f64>,
    /// Output tokens per minute, reasoning included (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otpm: Option<f64>,
    /// Tokens per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tpd: Option<f64>,
    /// Separate organisations, each with these limits.
    #[serde(default = "defaults::keys")]
    pub keys: u32,
}

impl Limit {
    /// A pool of `provider` with no limit set and one organisation.
    pub fn new(provider: &str) -> Limit {
        Limit {
            provider: provider.to_owned(),
            models: None,
            rpm: None,
            rpd: None,
            tpm: None,
            itpm: None,
            otpm: None,
            tpd: None,
            keys: defaults::keys(),
        }
    }
}

/// Spending guard rails.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_cap: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_alert: Option<f64>,
    /// Prepaid API credit left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_balance: Option<f64>,
}

/// A long-context price tier (version 2): a run whose `input_tokens`
/// exceed `above_input_tokens` bills all of its tokens at these prices
/// (the highest such tier wins; exactly the threshold stays below). A price
/// left out bills those tokens at the tier's input price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub above_input_tokens: u32,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_input_per_mtok: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_per_mtok: Option<f64>,
}

/// A model that is not in the catalog (or a catalog id priced differently).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomModel {
    pub id: String,
    #[serde(default)]
    pub provider: String,
    #[serde(default)]
    pub input_per_mtok: f64,
    #[serde(default)]
    pub output_per_mtok: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_input_per_mtok: Option<f64>,
    /// Price of input tokens written to the prompt cache (version 2);
    /// without it, writes bill at the input price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_per_mtok: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_discount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_per_image: Option<f64>,
    /// Context window: input plus requested output tokens one request may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_tokens: Option<u32>,
    /// Long-context price tiers, lowest threshold first (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// Run on rented GPUs instead of billed per token: a fixed monthly cost
    /// and a throughput ceiling. Its token prices must then be left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_hosted: Option<SelfHosted>,
}

/// A model served on GPUs the product rents (vLLM, TGI on a cloud GPU):
/// paid by the hour whatever the traffic, and able to process a bounded
/// number of tokens a second.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfHosted {
    /// $ per GPU per hour, billed around the clock.
    pub price_per_gpu_hour: f64,
    /// GPUs running (at least 1).
    #[serde(default = "one_gpu")]
    pub gpus: u32,
    /// Sustained tokens a second one GPU processes for this model and
    /// request shape: input, output and reasoning tokens together (a
    /// serving benchmark's "total token throughput").
    pub tokens_per_second_per_gpu: f64,
    /// The share of that throughput planned for at the peak minute,
    /// leaving the rest as headroom [1].
    #[serde(default = "full_utilisation")]
    pub target_utilisation: f64,
    /// The API model this deployment replaces, for the crossover (catalog
    /// or custom id); without it, the scenario's default model when that
    /// is billed per token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versus: Option<String>,
}

fn one_gpu() -> u32 {
    1
}

fn full_utilisation() -> f64 {
    1.0
}

impl CustomModel {
    /// A model billed per token at these prices ($ per 1M tokens).
    pub fn priced(id: &str, provider: &str, input_per_mtok: f64, output_per_mtok: f64) -> Self {
        CustomModel {
            id: id.to_owned(),
            provider: provider.to_owned(),
            input_per_mtok,
            output_per_mtok,
            cached_input_per_mtok: None,
            cache_write_per_mtok: None,
            batch_discount: None,
            price_per_image: None,
            context_tokens: None,
            tiers: Vec::new(),
            self_hosted: None,
        }
    }

    /// A model served on the product's own GPUs.
    pub fn on_gpus(id: &str, provider: &str, deployment: SelfHosted) -> Self {
        CustomModel {
            self_hosted: Some(deployment),
            ..CustomModel::priced(id, provider, 0.0, 0.0)
        }
    }
}

impl SelfHosted {
    /// What a model switched to self-hosting starts with: Llama 3.1 8B
    /// Instruct on one A100 80 GB (`docs/self-hosting.md` has the quotes).
    /// - $2.736 an hour: RunPod Serverless's A100 80 GB rate, $0.00076 a
    ///   second (docs.runpod.io, GPU table as changed 2026-06-08; read
    ///   2026-12-01), billed round the clock for an always-on worker.
    /// - 8,800 tokens/s: vLLM 0.6.0 on 1 × A100 80G, ShareGPT, saturated,
    ///   4,132.37 output tokens/s (sgl-project/sglang,
    ///   `benchmark/benchmark_vllm_060/README.md`, September 2024), times
    ///   ShareGPT's (input + output)/output ratio of 2.131.
    /// - 0.37: the same benchmark's 8 requests/s, at which latency was still
    ///   low (median TTFT 120 ms), over its saturated 21.27.
    pub const STARTING_POINT: SelfHosted = SelfHosted {
        price_per_gpu_hour: 2.736,
        gpus: 1,
        tokens_per_second_per_gpu: 8800.0,
        target_utilisation: 0.37,
        versus: None,
    };

    /// `gpus` GPUs at `price_per_gpu_hour`, each processing
    /// `tokens_per_second_per_gpu`, planned to full use, weighed against
    /// the default model.
    pub fn new(price_per_gpu_hour: f64, gpus: u32, tokens_per_second_per_gpu: f64) -> Self {
        SelfHosted {
            price_per_gpu_hour,
            gpus,
            tokens_per_second_per_gpu,
            target_utilisation: 1.0,
            versus: None,
        }
    }

    /// Hours in a month of `days_per_month` days.
    pub fn monthly_cost(&self, days_per_month: f64) -> f64 {
        self.price_per_gpu_hour * f64::from(self.gpus) * 24.0 * days_per_month
    }

    /// Tokens a second the deployment is planned to process at peak:
    /// `gpus · tokens_per_second_per_gpu · target_utilisation`.
    pub fn ceiling_tokens_per_second(&self) -> f64 {
        f64::from(self.gpus) * self.per_gpu_ceiling()
    }

    /// One GPU's share of the ceiling, tokens a second.
    pub fn per_gpu_ceiling(&self) -> f64 {
        self.tokens_per_second_per_gpu * self.target_utilisation
    }
}

/// New prices for a catalog or custom model; fields left out keep theirs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceOverride {
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_per_mtok: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_per_mtok: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_input_per_mtok: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_per_mtok: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_discount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_per_image: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_tokens: Option<u32>,
    /// Replaces the model's tiers when given (`[]` removes them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<Tier>>,
}

impl PriceOverride {
    /// An override of `model` that changes nothing yet: every price and the
    /// context window left out, so the model keeps its own.
    pub fn of(model: impl Into<String>) -> Self {
        PriceOverride {
            model: model.into(),
            input_per_mtok: None,
            output_per_mtok: None,
            cached_input_per_mtok: None,
            cache_write_per_mtok: None,
            batch_discount: None,
            price_per_image: None,
            context_tokens: None,
            tiers: None,
        }
    }

    /// Whether the override sets any token price.
    pub fn prices_tokens(&self) -> bool {
        self.input_per_mtok.is_some()
            || self.output_per_mtok.is_some()
            || self.cached_input_per_mtok.is_some()
            || self.cache_write_per_mtok.is_some()
            || self.batch_discount.is_some()
            || self.tiers.is_some()
    }
}

impl Default for Scenario {
    fn default() -> Scenario {
        Scenario {
            version: CURRENT_VERSION,
            name: String::new(),
            catalog: None,
            users: 0.0,
            days_per_month: defaults::days_per_month(),
            peak_factor: defaults::peak_factor(),
            growth: 0.0,
            churn: 0.0,
            horizon_months: defaults::horizon_months(),
            default_model: defaults::default_model(),
            features: Vec::new(),
            fixed_costs: Vec::new(),
            pricing: Pricing::default(),
            limits: Vec::new(),
            budget: Budget::default(),
            price_overrides: Vec::new(),
            custom_models: Vec::new(),
        }
    }
}

/// The defaults DESIGN.md gives in brackets.
pub mod defaults {
    pub fn days_per_month() -> f64 {
        30.0
    }
    pub fn peak_factor() -> f64 {
        3.0
    }
    pub fn horizon_months() -> u32 {
        12
    }
    pub fn default_model() -> String {
        "gpt-4o-mini".to_owned()
    }
    pub fn runs() -> f64 {
        1.0
    }
    pub fn paying_share() -> f64 {
        1.0
    }
    pub fn keys() -> u32 {
        1
    }
    /// Batch discount assumed for a model whose batch price is unknown.
    pub const BATCH_DISCOUNT: f64 = 0.5;
}
