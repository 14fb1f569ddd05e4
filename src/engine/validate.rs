//! Decoding and validation: raw JSON in, a valid `Scenario` or every problem
//! out, each naming its field path (`features[1].steps[0].cached_share: must
//! be between 0 and 1`). This is the one place input is checked; the
//! formulas trust what passes here and never see NaN-producing values.

use std::fmt;

use super::limits::LimitKind;
use super::prices;
use super::scenario::{
    CURRENT_VERSION, CustomModel, DEFAULT_MODEL_ALIAS, FixedKind, Limit, Scenario, SelfHosted,
    Step, StepKind, Tier,
};

/// Largest number of features, steps per feature, fixed costs, limits or
/// models a scenario may hold: generous for planning, small enough that a
/// hostile link cannot make the page crawl.
pub const MAX_ITEMS: usize = 100;
/// Longest name or id, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Upper bound on counts (users, actions, tokens): beyond it, sums lose the
/// precision a cost planner needs.
pub const MAX_COUNT: f64 = 1e12;
/// Upper bound on any single price in dollars.
pub const MAX_PRICE: f64 = 1e9;
/// Upper bound on a step's concurrency limit (Erlang C loops over it).
pub const MAX_CONCURRENCY: u32 = 100_000;
/// Longest projection, in months.
pub const MAX_HORIZON_MONTHS: u32 = 120;

/// One thing wrong with a scenario: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field path, as in the JSON (`features[0].steps[1].runs`); empty
    /// for the document as a whole.
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem found in one piece of input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Problems {
        Problems(vec![p])
    }
}

/// Parses scenario JSON, migrates older versions and validates the result.
pub fn decode(json: &str) -> Result<Scenario, Problems> {
    // Well-formed documents, the usual case (every link and stored
    // record), are parsed once; only a failure is parsed again as a plain
    // value, to say what is wrong in the order a person fixes it: the
    // syntax, then the version, then the field.
    let error = match serde_json::from_str::<Scenario>(json) {
        Ok(scenario) => {
            check_version_number(u64::from(scenario.version))?;
            return finish(scenario);
        }
        Err(e) => e,
    };
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        Problem::new(
            "",
            format!(
                "not valid JSON (line {}, column {}): {}",
                e.line(),
                e.column(),
                strip_position(&e.to_string())
            ),
        )
    })?;
    check_version(&value)?;
    Err(type_error(json, &error).into())
}

/// Like [`decode`], from an already parsed JSON value.
pub fn decode_value(value: serde_json::Value) -> Result<Scenario, Problems> {
    check_version(&value)?;
    typed(&value.to_string())
}

/// Deserializes well-formed scenario JSON of a known version into the
/// current version's types, then validates it.
fn typed(json: &str) -> Result<Scenario, Problems> {
    let scenario: Scenario = serde_json::from_str(json).map_err(|e| type_error(json, &e))?;
    finish(scenario)
}

/// Migrates a decoded scenario of a known version and validates it.
fn finish(mut scenario: Scenario) -> Result<Scenario, Problems> {
    // Version 2 only adds fields, each with a default that bills and
    // counts as version 1 did, so a version-1 document reads as it is.
    if scenario.version == 1 {
        migrate_v1(&mut scenario);
    }
    scenario.validate().map(|()| scenario)
}

/// serde_json's type error `e` in `json`, at the field path where it stopped
/// (see [`path_at`]).
fn type_error(json: &str, e: &serde_json::Error) -> Problem {
    let message = e.to_string();
    let message = strip_position(&message);
    let mut path = path_at(json, e.line(), e.column());
    // An enum written as an object (`"kind": {"a": 1}`) names its variant
    // by the key: the field is the enum, not the key.
    if let Some(variant) = message
        .strip_prefix("unknown variant `")
        .and_then(|rest| rest.split('`').next())
        && let Some(field) = path.strip_suffix(variant).and_then(|p| p.strip_suffix('.'))
    {
        path = field.to_owned();
    }
    Problem::new(path, message)
}

/// The field path (`features[1].steps[0].cached_share`) of the value that
/// serde_json was reading when it stopped at `line` and `column` (its
/// one-based line and byte column, just past the offending token) of
/// well-formed JSON `json`: the keys and indices of the containers still
/// open there. Our own scanner rather than serde_path_to_error, whose
/// tracking deserializer is instantiated for every field type and cost
/// about 49 KB of the page's wasm before wasm-opt (twiggy, 2026-12-01).
fn path_at(json: &str, line: usize, column: usize) -> String {
    let start = json
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let end = (start + column).min(json.len());
    let bytes = json.as_bytes();
    // One frame per open container: an object's current key (`None` until
    // its first key), or an array's current index.
    enum Frame<'a> {
        Object(Option<&'a str>, bool),
        Array(usize),
    }
    let mut frames: Vec<Frame<'_>> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let from = i + 1;
                i = from;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object(key, expecting_key @ true)) = frames.last_mut() {
                    *key = json.get(from..i.min(json.len()));
                    *expecting_key = false;
                }
            }
            b'{' => frames.push(Frame::Object(None, true)),
            b'[' => frames.push(Frame::Array(0)),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object(_, expecting_key)) => *expecting_key = true,
                Some(Frame::Array(index)) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object(Some(key), _) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None, _) => {}
            Frame::Array(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// Refuses a document that is not an object or has no version this build
/// reads.
fn check_version(value: &serde_json::Value) -> Result<(), Problems> {
    let Some(object) = value.as_object() else {
        return Err(Problem::new("", "a scenario must be a JSON object").into());
    };
    let version = match object.get("version") {
        None => {
            return Err(Problem::new(
                "version",
                format!("missing (this format is version {CURRENT_VERSION})"),
            )
            .into());
        }
        Some(v) => v
            .as_u64()
            .ok_or_else(|| Problem::new("version", format!("must be a whole number, not {v}")))?,
    };
    check_version_number(version)
}

/// Refuses a version this build does not read.
fn check_version_number(version: u64) -> Result<(), Problems> {
    if version == 0 || version > u64::from(CURRENT_VERSION) {
        return Err(Problem::new(
            "version",
            format!(
                "{version} is not a version this Burnrate reads (it reads 1 to {CURRENT_VERSION})"
            ),
        )
        .into());
    }
    Ok(())
}

/// Version 1 → 2. Every version-1 field keeps its meaning. A version-1
/// share link frozen at the current catalog carries copies of its catalog
/// models without the cache-write prices and tiers the catalog has learnt
/// since (from the same LiteLLM release): they gain them, so the link
/// prices exactly like the same scenario without frozen prices (`freeze::thaw_prices` then
/// drops the copies as usual).
fn migrate_v1(s: &mut Scenario) {
    s.version = 2;
    if s.catalog.as_deref() == Some(super::catalog::SNAPSHOT_ID) {
        for m in &mut s.custom_models {
            super::freeze::complete_v1_copy(m);
        }
    }
}

/// serde_json appends " at line L column C"; the message says it already.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

impl Scenario {
    /// Checks every value and reference; returns all problems, not just the
    /// first. A scenario that passes can be evaluated without NaN, infinity
    /// or panics.
    pub fn validate(&self) -> Result<(), Problems> {
        let mut v = Validator::default();
        v.scenario(self);
        if v.problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(v.problems))
        }
    }
}

/// Walks a scenario collecting problems. The path of the item being checked
/// is kept as a prefix (`features[1].steps[0].`) and only turned into a
/// `Problem` path when something is wrong, so a valid scenario is checked
/// without allocating: the page validates on every keystroke.
#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    prefix: String,
}

impl Validator {
    fn push(&mut self, field: &str, message: impl Into<String>) {
        let path = format!("{}{field}", self.prefix);
        self.problems.push(Problem::new(path, message));
    }

    /// Checks `check` with `segment` (`features[2].`, `pricing.`) appended
    /// to the path.
    fn within(&mut self, segment: fmt::Arguments<'_>, check: impl FnOnce(&mut Validator)) {
        use std::fmt::Write as _;
        let len = self.prefix.len();
        let _ = self.prefix.write_fmt(segment);
        check(self);
        self.prefix.truncate(len);
    }

    fn finite(&mut self, field: &str, x: f64) -> bool {
        if x.is_finite() {
            true
        } else {
            self.push(field, "must be a finite number");
            false
        }
    }

    /// `lo <= x <= hi`.
    fn range(&mut self, field: &str, x: f64, lo: f64, hi: f64) {
        if self.finite(field, x) && !(lo..=hi).contains(&x) {
            self.push(field, format!("must be between {lo} and {hi}, not {x}"));
        }
    }

    fn share(&mut self, field: &str, x: f64) {
        self.range(field, x, 0.0, 1.0);
    }

    /// `0 <= x < 1`: shares that end up in a divisor `1 − x`.
    fn share_below_one(&mut self, field: &str, x: f64) {
        if self.finite(field, x) && !(0.0..1.0).contains(&x) {
            self.push(field, format!("must be at least 0 and below 1, not {x}"));
        }
    }

    fn count(&mut self, field: &str, x: f64) {
        self.range(field, x, 0.0, MAX_COUNT);
    }

    fn price(&mut self, field: &str, x: f64) {
        self.range(field, x, 0.0, MAX_PRICE);
    }

    fn optional_price(&mut self, field: &str, x: Option<f64>) {
        if let Some(x) = x {
            self.price(field, x);
        }
    }

    fn positive(&mut self, field: &str, x: f64, hi: f64) {
        if self.finite(field, x) && !(x > 0.0 && x <= hi) {
            self.push(field, format!("must be above 0 and at most {hi}, not {x}"));
        }
    }

    fn name(&mut self, field: &str, name: &str) {
        if name.len() > MAX_NAME_CHARS && name.chars().count() > MAX_NAME_CHARS {
            self.push(field, format!("is longer than {MAX_NAME_CHARS} characters"));
        }
        if name.chars().any(char::is_control) {
            self.push(field, "must not contain control characters");
        }
    }

    fn list_len(&mut self, field: &str, len: usize) {
        if len > MAX_ITEMS {
            self.push(
                field,
                format!("has {len} items; at most {MAX_ITEMS} are allowed"),
            );
        }
    }

    fn scenario(&mut self, s: &Scenario) {
        if s.version != CURRENT_VERSION {
            self.push("version", format!("must be {CURRENT_VERSION}"));
        }
        self.name("name", &s.name);
        if let Some(c) = &s.catalog {
            self.name("catalog", c);
        }
        self.count("users", s.users);
        self.range("days_per_month", s.days_per_month, 1.0, 31.0);
        self.range("peak_factor", s.peak_factor, 1.0, 1000.0);
        self.range("growth", s.growth, 0.0, 10.0);
        self.share("churn", s.churn);
        if s.horizon_months > MAX_HORIZON_MONTHS {
            self.push(
                "horizon_months",
                format!(
                    "must be at most {MAX_HORIZON_MONTHS}, not {}",
                    s.horizon_months
                ),
            );
        }
        self.name("default_model", &s.default_model);

        self.models(s);
        self.list_len("features", s.features.len());
        for (i, f) in s.features.iter().enumerate() {
            self.within(format_args!("features[{i}]."), |v| {
                v.name("name", &f.name);
                v.count("per_user_per_day", f.per_user_per_day);
                v.count("fixed_per_day", f.fixed_per_day);
                v.share("cache_hit_rate", f.cache_hit_rate);
                v.count("backlog_per_new_user", f.backlog_per_new_user);
                v.list_len("steps", f.steps.len());
                for (j, step) in f.steps.iter().enumerate() {
                    v.within(format_args!("steps[{j}]."), |v| v.step(s, step));
                }
            });
        }

        self.list_len("fixed_costs", s.fixed_costs.len());
        for (i, c) in s.fixed_costs.iter().enumerate() {
            self.within(format_args!("fixed_costs[{i}]."), |v| {
                v.name("name", &c.name);
                v.price("monthly", c.monthly);
                match (c.kind, c.users_per_unit) {
                    (FixedKind::Stepped, None) => v.push(
                        "users_per_unit",
                        "is required for a stepped cost (users one unit serves)",
                    ),
                    (FixedKind::Stepped, Some(n)) => v.positive("users_per_unit", n, MAX_COUNT),
                    (kind, Some(_)) => v.push(
                        "users_per_unit",
                        format!("only applies to stepped costs, not {}", kind.as_str()),
                    ),
                    (_, None) => {}
                }
            });
        }

        let pr = &s.pricing;
        self.within(format_args!("pricing."), |v| {
            v.price("price_per_paying_user", pr.price_per_paying_user);
            v.share("paying_share", pr.paying_share);
            v.share("payment_fee_share", pr.payment_fee_share);
            v.share_below_one("target_margin", pr.target_margin);
        });

        self.list_len("limits", s.limits.len());
        for (i, l) in s.limits.iter().enumerate() {
            self.within(format_args!("limits[{i}]."), |v| v.limit(s, i, l));
        }

        let b = &s.budget;
        self.within(format_args!("budget."), |v| {
            v.optional_price("monthly_cap", b.monthly_cap);
            v.optional_price("daily_alert", b.daily_alert);
            v.optional_price("credit_balance", b.credit_balance);
        });
    }

    fn limit(&mut self, s: &Scenario, i: usize, l: &Limit) {
        if l.provider.trim().is_empty() {
            self.push("provider", "must name a provider (e.g. \"openai\")");
        }
        self.name("provider", &l.provider);
        for kind in LimitKind::ALL {
            if let Some(x) = kind.of(l) {
                self.positive(kind.field(), x, MAX_COUNT);
            }
        }
        if l.keys == 0 {
            self.push("keys", "must be at least 1");
        }
        let earlier = s.limits[..i].iter().filter(|o| o.provider == l.provider);
        let Some(models) = &l.models else {
            if earlier.clone().any(|o| o.models.is_none()) {
                self.push(
                    "provider",
                    format!(
                        "\"{}\" already has limits above for the models no entry names; \
                         list this entry's models to make it a separate pool",
                        l.provider
                    ),
                );
            }
            return;
        };
        self.list_len("models", models.len());
        if models.is_empty() {
            self.push(
                "models",
                "must name at least one model (leave it out to cover the provider's other models)",
            );
        }
        for (k, id) in models.iter().enumerate() {
            self.within(format_args!("models[{k}]"), |v| {
                v.name("", id);
                match prices::rates(s, id) {
                    None => v.push(
                        "",
                        format!("\"{id}\" is neither in the catalog nor a custom model"),
                    ),
                    Some((_, provider)) if provider != l.provider.as_str() => v.push(
                        "",
                        format!(
                            "\"{id}\" is {provider}'s model; its requests never count against {}",
                            l.provider
                        ),
                    ),
                    Some(_)
                        if s.custom_models
                            .iter()
                            .any(|m| m.id == *id && m.self_hosted.is_some()) =>
                    {
                        v.push(
                            "",
                            format!(
                                "\"{id}\" is self-hosted: its ceiling comes from its GPUs \
                                 (custom_models[].self_hosted), not from rate limits"
                            ),
                        )
                    }
                    Some(_) => {}
                }
                if models[..k].contains(id) {
                    v.push("", format!("\"{id}\" is listed twice"));
                } else if let Some(j) = s.limits[..i].iter().position(|o| {
                    o.provider == l.provider && o.models.as_ref().is_some_and(|m| m.contains(id))
                }) {
                    v.push(
                        "",
                        format!("\"{id}\" already has its limits in limits[{j}]"),
                    );
                }
            });
        }
    }

    fn models(&mut self, s: &Scenario) {
        self.list_len("custom_models", s.custom_models.len());
        for (i, m) in s.custom_models.iter().enumerate() {
            self.within(format_args!("custom_models[{i}]."), |v| {
                if m.id.trim().is_empty() || m.id == DEFAULT_MODEL_ALIAS {
                    v.push("id", "must be a model id other than \"default\"");
                }
                v.name("id", &m.id);
                v.name("provider", &m.provider);
                if s.custom_models[..i].iter().any(|o| o.id == m.id) {
                    v.push("id", format!("\"{}\" is defined twice", m.id));
                }
                v.price("input_per_mtok", m.input_per_mtok);
                v.price("output_per_mtok", m.output_per_mtok);
                v.optional_prices(m.cached_input_per_mtok, m.batch_discount, m.price_per_image);
                v.optional_price("cache_write_per_mtok", m.cache_write_per_mtok);
                v.context_tokens(m.context_tokens);
                v.tiers(&m.tiers);
                if let Some(h) = &m.self_hosted {
                    v.self_hosted(s, m, h);
                }
            });
        }
        self.list_len("price_overrides", s.price_overrides.len());
        for (i, o) in s.price_overrides.iter().enumerate() {
            self.within(format_args!("price_overrides[{i}]."), |v| {
                if !prices::exists(s, &o.model) {
                    v.push(
                        "model",
                        format!(
                            "\"{}\" is neither in the catalog nor a custom model",
                            o.model
                        ),
                    );
                }
                v.optional_price("input_per_mtok", o.input_per_mtok);
                v.optional_price("output_per_mtok", o.output_per_mtok);
                v.optional_prices(o.cached_input_per_mtok, o.batch_discount, o.price_per_image);
                v.optional_price("cache_write_per_mtok", o.cache_write_per_mtok);
                v.context_tokens(o.context_tokens);
                let self_hosted = s
                    .custom_models
                    .iter()
                    .any(|m| m.id == o.model && m.self_hosted.is_some());
                if self_hosted && o.prices_tokens() {
                    v.push(
                        "model",
                        format!(
                            "\"{}\" is self-hosted: it is priced by GPU hour, so an override \
                             cannot give it token prices",
                            o.model
                        ),
                    );
                }
                if let Some(tiers) = &o.tiers {
                    v.tiers(tiers);
                }
            });
        }
    }

    /// A GPU-priced model: a price, at least one GPU, a throughput, a
    /// target share of it, no token prices, and an API model to weigh it
    /// against that is billed per token.
    fn self_hosted(&mut self, s: &Scenario, m: &CustomModel, h: &SelfHosted) {
        let token_priced = [
            (
                "input_per_mtok",
                Some(m.input_per_mtok).filter(|x| *x != 0.0),
            ),
            (
                "output_per_mtok",
                Some(m.output_per_mtok).filter(|x| *x != 0.0),
            ),
            ("cached_input_per_mtok", m.cached_input_per_mtok),
            ("cache_write_per_mtok", m.cache_write_per_mtok),
            ("batch_discount", m.batch_discount),
        ];
        for (field, x) in token_priced {
            if x.is_some() {
                self.push(
                    field,
                    "must be left out: a self-hosted model is priced by GPU hour, not by token",
                );
            }
        }
        if !m.tiers.is_empty() {
            self.push(
                "tiers",
                "must be left out: a self-hosted model is priced by GPU hour, not by token",
            );
        }
        self.within(format_args!("self_hosted."), |v| {
            v.positive("price_per_gpu_hour", h.price_per_gpu_hour, MAX_PRICE);
            if h.gpus == 0 {
                v.push("gpus", "must be at least 1");
            } else if f64::from(h.gpus) > MAX_COUNT {
                v.push("gpus", format!("must be at most {MAX_COUNT}"));
            }
            v.positive(
                "tokens_per_second_per_gpu",
                h.tokens_per_second_per_gpu,
                MAX_COUNT,
            );
            v.positive("target_utilisation", h.target_utilisation, 1.0);
            if let Some(id) = &h.versus {
                v.name("versus", id);
                match s.custom_models.iter().find(|o| o.id == *id) {
                    _ if id == &m.id => v.push("versus", "must name another model, not itself"),
                    Some(o) if o.self_hosted.is_some() => v.push(
                        "versus",
                        format!("\"{id}\" is self-hosted too; name a model billed per token"),
                    ),
                    Some(_) => {}
                    None if prices::exists(s, id) => {}
                    None => v.push(
                        "versus",
                        format!("\"{id}\" is neither in the catalog nor a custom model"),
                    ),
                }
            }
        });
    }

    fn context_tokens(&mut self, window: Option<u32>) {
        if window == Some(0) {
            self.push("context_tokens", "must be at least 1 token");
        }
    }

    /// Long-context tiers: thresholds above 0 and rising, prices valid.
    fn tiers(&mut self, tiers: &[Tier]) {
        self.list_len("tiers", tiers.len());
        for (k, t) in tiers.iter().enumerate() {
            self.within(format_args!("tiers[{k}]."), |v| {
                if t.above_input_tokens == 0 {
                    v.push("above_input_tokens", "must be at least 1 token");
                } else if k > 0 && t.above_input_tokens <= tiers[k - 1].above_input_tokens {
                    v.push(
                        "above_input_tokens",
                        format!(
                            "must be above the previous tier's {}, not {} (list tiers lowest first)",
                            tiers[k - 1].above_input_tokens,
                            t.above_input_tokens
                        ),
                    );
                }
                v.price("input_per_mtok", t.input_per_mtok);
                v.price("output_per_mtok", t.output_per_mtok);
                v.optional_price("cached_input_per_mtok", t.cached_input_per_mtok);
                v.optional_price("cache_write_per_mtok", t.cache_write_per_mtok);
            });
        }
    }

    fn optional_prices(
        &mut self,
        cached: Option<f64>,
        batch_discount: Option<f64>,
        per_image: Option<f64>,
    ) {
        self.optional_price("cached_input_per_mtok", cached);
        if let Some(x) = batch_discount {
            self.share("batch_discount", x);
        }
        self.optional_price("price_per_image", per_image);
    }

    fn step(&mut self, s: &Scenario, step: &Step) {
        self.name("name", &step.name);
        self.range("runs", step.runs, 0.0, 1e6);
        if let Some(l) = step.latency_s {
            self.positive("latency_s", l, 86_400.0);
        }
        if let Some(c) = step.concurrency_limit
            && !(1..=MAX_CONCURRENCY).contains(&c)
        {
            self.push(
                "concurrency_limit",
                format!("must be between 1 and {MAX_CONCURRENCY}, not {c}"),
            );
        }
        if let Some(e) = step.error_rate {
            self.share_below_one("error_rate", e);
        }

        // Fields that belong to another kind are a mistake the user should
        // see, not something to ignore silently.
        let kind = step.kind;
        let foreign: [(&str, bool); 12] = [
            ("route", step.route.is_some() && kind != StepKind::Llm),
            (
                "cache_write_share",
                step.cache_write_share.is_some() && kind != StepKind::Llm,
            ),
            (
                "reasoning_tokens",
                step.reasoning_tokens.is_some() && kind != StepKind::Llm,
            ),
            (
                "max_tokens",
                step.max_tokens.is_some() && kind != StepKind::Llm,
            ),
            (
                "input_tokens",
                step.input_tokens.is_some() && kind != StepKind::Llm,
            ),
            (
                "output_tokens",
                step.output_tokens.is_some() && kind != StepKind::Llm,
            ),
            (
                "cached_share",
                step.cached_share.is_some() && kind != StepKind::Llm,
            ),
            (
                "batch_share",
                step.batch_share.is_some() && kind != StepKind::Llm,
            ),
            ("images", step.images.is_some() && kind != StepKind::Image),
            (
                "price_per_image",
                step.price_per_image.is_some() && kind != StepKind::Image,
            ),
            (
                "price_per_run",
                step.price_per_run.is_some() && kind != StepKind::Flat,
            ),
            ("model", step.model.is_some() && kind == StepKind::Flat),
        ];
        for (field, wrong) in foreign {
            if wrong {
                self.push(field, format!("does not apply to a {} step", kind.as_str()));
            }
        }

        match kind {
            StepKind::Llm => {
                for (field, x) in [
                    ("input_tokens", step.input_tokens),
                    ("output_tokens", step.output_tokens),
                ] {
                    if let Some(x) = x {
                        self.range(field, x, 0.0, 1e9);
                    }
                }
                if let Some(x) = step.reasoning_tokens {
                    self.range("reasoning_tokens", x, 0.0, 1e9);
                }
                if let Some(x) = step.cached_share {
                    self.share("cached_share", x);
                }
                if let Some(w) = step.cache_write_share {
                    self.share("cache_write_share", w);
                    let c = step.cached_share.unwrap_or(0.0);
                    if (0.0..=1.0).contains(&w) && (0.0..=1.0).contains(&c) && c + w > 1.0 + 1e-12 {
                        self.push(
                            "cache_write_share",
                            format!(
                                "cached_share ({c}) and cache_write_share ({w}) add up to more than 1 of the input"
                            ),
                        );
                    }
                }
                if let Some(m) = step.max_tokens {
                    self.positive("max_tokens", m, 1e9);
                    let needed =
                        step.output_tokens.unwrap_or(0.0) + step.reasoning_tokens.unwrap_or(0.0);
                    if m.is_finite() && m > 0.0 && m < needed {
                        self.push(
                            "max_tokens",
                            format!(
                                "{m} is below output_tokens + reasoning_tokens ({needed}): every answer would be cut off"
                            ),
                        );
                    }
                }
                if let Some(x) = step.batch_share {
                    self.share("batch_share", x);
                }
                self.model_ref(s, step.model_id(), false);
                if let Some(r) = &step.route {
                    self.within(format_args!("route."), |v| {
                        v.share("share", r.share);
                        v.name("model", &r.model);
                        v.model_ref(s, &r.model, false);
                    });
                }
            }
            StepKind::Image => {
                if let Some(x) = step.images {
                    self.range("images", x, 0.0, 1e6);
                }
                match (&step.model, step.price_per_image) {
                    (_, Some(x)) => self.price("price_per_image", x),
                    (Some(id), None) => self.model_ref(s, id, true),
                    (None, None) => self.push(
                        "price_per_image",
                        "an image step needs a price_per_image or an image model",
                    ),
                }
            }
            StepKind::Flat => match step.price_per_run {
                None => self.push("price_per_run", "is required for a flat step"),
                Some(x) => self.price("price_per_run", x),
            },
        }
    }

    /// Checks the step's `model` field refers to a model with the prices
    /// the step needs.
    fn model_ref(&mut self, s: &Scenario, id: &str, image: bool) {
        let (id, via) = if id == DEFAULT_MODEL_ALIAS {
            (s.default_model.as_str(), " (the scenario's default_model)")
        } else {
            (id, "")
        };
        if !prices::exists(s, id) {
            self.push(
                "model",
                format!("\"{id}\"{via} is neither in the catalog nor a custom model"),
            );
        } else if image && !prices::has_image_price(s, id) {
            self.push(
                "model",
                format!("\"{id}\" has no price per image; set price_per_image on the step"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(json: &str) -> Vec<String> {
        match decode(json) {
            Ok(_) => Vec::new(),
            Err(p) => p.0.iter().map(ToString::to_string).collect(),
        }
    }

    fn first(json: &str) -> String {
        problems(json).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn minimal_scenario_takes_every_default() {
        let s = decode(r#"{"version": 1}"#).expect("valid");
        assert_eq!(s, Scenario::default());
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let msg = first("{\"version\": 1,\n \"users\": }");
        assert!(msg.starts_with("not valid JSON (line 2, column"), "{msg}");
    }

    #[test]
    fn non_object_is_refused() {
        assert_eq!(first("[1, 2]"), "a scenario must be a JSON object");
    }

    #[test]
    fn missing_and_unknown_versions_are_refused() {
        assert_eq!(first("{}"), "version: missing (this format is version 2)");
        assert!(first(r#"{"version": 7}"#).starts_with("version: 7 is not a version"));
        assert!(first(r#"{"version": "1"}"#).starts_with("version: must be a whole number"));
    }

    #[test]
    fn wrong_types_name_the_field_path() {
        let msg = first(r#"{"version":1,"features":[{},{"steps":[{"cached_share":"half"}]}]}"#);
        assert!(
            msg.starts_with("features[1].steps[0].cached_share: invalid type"),
            "{msg}"
        );
        let msg = first(r#"{"version":1,"users":"many"}"#);
        assert!(msg.starts_with("users: invalid type: string"), "{msg}");
        let msg = first(r#"{"version":1,"features":[{"steps":[{"concurrency_limit":2.5}]}]}"#);
        assert!(
            msg.starts_with("features[0].steps[0].concurrency_limit: invalid type"),
            "{msg}"
        );
        let msg = first(r#"{"version":1,"features":[{"steps":[{"kind":"video"}]}]}"#);
        assert!(
            msg.starts_with("features[0].steps[0].kind: unknown variant `video`"),
            "{msg}"
        );
    }

    #[test]
    fn type_errors_name_the_path_where_decoding_stopped() {
        for (json, want) in [
            (
                r#"{"version":2,"limits":[{"rpm":5}]}"#,
                "limits[0]: missing field `provider`",
            ),
            (
                r#"{"version":2,"limits":[{"provider":"openai","models":["gpt-4o",5]}]}"#,
                "limits[0].models[1]: invalid type: integer `5`, expected a string",
            ),
            (
                r#"{"version":2,"custom_models":[{"id":"x","tiers":[{"above_input_tokens":1}]}]}"#,
                "custom_models[0].tiers[0]: missing field `input_per_mtok`",
            ),
            (
                r#"{"version":2,"features":{"a":1}}"#,
                "features: invalid type: map, expected a sequence",
            ),
            (
                r#"{"version":2,"features":[{"steps":[{"name":"a \"q\" \\ [b],","runs":"x"}]}]}"#,
                "features[0].steps[0].runs: invalid type: string \"x\", expected f64",
            ),
            (
                r#"{"version":2,"features":[{"name":"x"},{"name":"y","steps":[{},{"kind":"flat","price_per_run":true}]}]}"#,
                "features[1].steps[1].price_per_run: invalid type: boolean `true`, expected f64",
            ),
            (
                "{\"version\":2,\n  \"features\": [\n    {\"steps\": [\n      {\"input_tokens\": [1]}\n    ]}\n  ]}",
                "features[0].steps[0].input_tokens: invalid type: sequence, expected f64",
            ),
            (
                r#"{"version":2,"features":[{"steps":[{"kind":{"a":1}}]}]}"#,
                "features[0].steps[0].kind: unknown variant `a`, expected one of `llm`, `image`, `flat`",
            ),
            (
                r#"{"version":2,"horizon_months":-3}"#,
                "horizon_months: invalid value: integer `-3`, expected u32",
            ),
        ] {
            assert_eq!(first(json), want, "{json}");
        }
        // A stored record arrives as a parsed value: the same paths.
        let value = serde_json::json!({"version": 2, "budget": {"daily_alert": "x"}});
        let err = decode_value(value).expect_err("wrong type");
        assert_eq!(
            err.to_string(),
            "budget.daily_alert: invalid type: string \"x\", expected f64"
        );
    }

    #[test]
    fn unknown_fields_are_refused_with_their_path() {
        let msg = first(r#"{"version":1,"pricing":{"price":20}}"#);
        assert!(
            msg.starts_with("pricing.price: unknown field `price`"),
            "{msg}"
        );
        let msg = first(r#"{"version":1,"usres":5}"#);
        assert!(msg.starts_with("usres: unknown field"), "{msg}");
    }

    #[test]
    fn out_of_range_values_are_all_reported() {
        let got = problems(
            r#"{"version":1,"users":-5,"churn":2,
                "features":[{"cache_hit_rate":1.5,"steps":[
                   {"kind":"llm","model":"gpt-4o","input_tokens":-1,"cached_share":1.2,"error_rate":1},
                   {"kind":"flat"}]}],
                "fixed_costs":[{"kind":"stepped","monthly":20,"users_per_unit":0}],
                "pricing":{"target_margin":1},
                "limits":[{"provider":"openai","rpm":0,"keys":0}]}"#,
        );
        let expected = [
            "users: must be between 0 and 1000000000000, not -5",
            "churn: must be between 0 and 1, not 2",
            "features[0].cache_hit_rate: must be between 0 and 1, not 1.5",
            "features[0].steps[0].error_rate: must be at least 0 and below 1, not 1",
            "features[0].steps[0].input_tokens: must be between 0 and 1000000000, not -1",
            "features[0].steps[0].cached_share: must be between 0 and 1, not 1.2",
            "features[0].steps[1].price_per_run: is required for a flat step",
            "fixed_costs[0].users_per_unit: must be above 0 and at most 1000000000000, not 0",
            "pricing.target_margin: must be at least 0 and below 1, not 1",
            "limits[0].rpm: must be above 0 and at most 1000000000000, not 0",
            "limits[0].keys: must be at least 1",
        ];
        assert_eq!(got, expected);
    }

    #[test]
    fn fields_of_another_step_kind_are_refused() {
        let msg = first(
            r#"{"version":1,"features":[{"steps":[{"kind":"flat","price_per_run":0.01,"input_tokens":5}]}]}"#,
        );
        assert_eq!(
            msg,
            "features[0].steps[0].input_tokens: does not apply to a flat step"
        );
    }

    #[test]
    fn unknown_models_are_named() {
        let msg = first(r#"{"version":1,"features":[{"steps":[{"model":"gpt-9"}]}]}"#);
        assert_eq!(
            msg,
            "features[0].steps[0].model: \"gpt-9\" is neither in the catalog nor a custom model"
        );
        let msg = first(r#"{"version":1,"default_model":"nope","features":[{"steps":[{}]}]}"#);
        assert_eq!(
            msg,
            "features[0].steps[0].model: \"nope\" (the scenario's default_model) is neither in the catalog nor a custom model"
        );
        let msg = first(r#"{"version":1,"price_overrides":[{"model":"nope"}]}"#);
        assert!(
            msg.starts_with("price_overrides[0].model: \"nope\""),
            "{msg}"
        );
    }

    #[test]
    fn image_step_needs_a_price() {
        let msg = first(r#"{"version":1,"features":[{"steps":[{"kind":"image"}]}]}"#);
        assert_eq!(
            msg,
            "features[0].steps[0].price_per_image: an image step needs a price_per_image or an image model"
        );
    }

    #[test]
    fn hostile_names_are_bounded() {
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let msg = first(&format!(r#"{{"version":1,"name":"{long}"}}"#));
        assert_eq!(msg, "name: is longer than 200 characters");
        let msg = first(r#"{"version":1,"name":"a\u0000b"}"#);
        assert_eq!(msg, "name: must not contain control characters");
    }

    #[test]
    fn too_many_items_are_refused() {
        let features = vec!["{}"; MAX_ITEMS + 1].join(",");
        let msg = first(&format!(r#"{{"version":1,"features":[{features}]}}"#));
        assert_eq!(msg, "features: has 101 items; at most 100 are allowed");
    }

    #[test]
    fn huge_numbers_are_a_json_error_not_infinity() {
        let msg = first(r#"{"version":1,"users":1e400}"#);
        assert!(msg.starts_with("not valid JSON"), "{msg}");
    }

    #[test]
    fn self_hosted_models_are_priced_by_gpu_only() {
        let own = |extra: &str, hosting: &str| {
            format!(
                r#"{{"version":2,"custom_models":[{{"id":"own","provider":"gpu"{extra},
                  "self_hosted":{{{hosting}}}}}]}}"#
            )
        };
        let fine = r#""price_per_gpu_hour":2,"tokens_per_second_per_gpu":900"#;
        assert_eq!(problems(&own("", fine)), Vec::<String>::new());
        assert_eq!(
            first(&own(r#","input_per_mtok":0.1"#, fine)),
            "custom_models[0].input_per_mtok: must be left out: a self-hosted model is priced by GPU hour, not by token"
        );
        assert_eq!(
            first(&own(
                "",
                r#""price_per_gpu_hour":0,"tokens_per_second_per_gpu":900"#
            )),
            "custom_models[0].self_hosted.price_per_gpu_hour: must be above 0 and at most 1000000000, not 0"
        );
        assert_eq!(
            first(&own("", &format!(r#"{fine},"gpus":0"#))),
            "custom_models[0].self_hosted.gpus: must be at least 1"
        );
        assert_eq!(
            first(&own("", r#""price_per_gpu_hour":2"#)),
            "custom_models[0].self_hosted: missing field `tokens_per_second_per_gpu`"
        );
        assert_eq!(
            first(&own("", &format!(r#"{fine},"target_utilisation":1.5"#))),
            "custom_models[0].self_hosted.target_utilisation: must be above 0 and at most 1, not 1.5"
        );
        assert_eq!(
            first(&own("", &format!(r#"{fine},"versus":"own""#))),
            "custom_models[0].self_hosted.versus: must name another model, not itself"
        );
        assert_eq!(
            first(&own("", &format!(r#"{fine},"versus":"gpt-9""#))),
            "custom_models[0].self_hosted.versus: \"gpt-9\" is neither in the catalog nor a custom model"
        );
        let json = format!(
            r#"{{"version":2,"custom_models":[{{"id":"own","self_hosted":{{{fine}}}}}],
               "price_overrides":[{{"model":"own","output_per_mtok":1}}],
               "limits":[{{"provider":"own","models":["own"],"rpm":5}}]}}"#
        );
        let all = problems(&json);
        assert!(
            all.iter()
                .any(|m| m.starts_with("price_overrides[0].model: \"own\" is self-hosted")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|m| m.starts_with("limits[0].models[0]: \"own\" is self-hosted")),
            "{all:?}"
        );
    }
}
