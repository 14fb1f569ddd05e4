//! `burnrate-catalog`: rebuilds the embedded price catalog
//! (`src/engine/catalog/snapshot.rs`) from LiteLLM's price file.
//!
//! `burnrate-catalog PATH_TO_JSON --version X [--date YYYY-MM-DD]` reads
//! `model_prices_and_context_window_backup.json` from the `litellm` wheel,
//! keeps the models on the allow-list below, converts per-token prices to USD
//! per 1M tokens and prints the Rust snapshot to stdout. Every entry it
//! refuses goes to stderr with the reason. `scripts/refresh-catalog` downloads
//! the wheel and runs this; nothing else should write `snapshot.rs`.
//!
//! This is a build tool, not part of the engine: it emits source text and
//! does not import the engine's types, so it keeps working while the engine
//! changes, and the engine's own tests check what it generated.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::process::ExitCode;

use serde::Deserialize;
use serde_json::Value;

const USAGE: &str = "\
burnrate-catalog — rebuild the embedded price catalog from LiteLLM's price file

Usage:
  burnrate-catalog PATH_TO_JSON --version X [--date YYYY-MM-DD]

Prints src/engine/catalog/snapshot.rs to stdout; refused entries and the
counts go to stderr. --date defaults to today (UTC).";

/// Exit status for bad arguments or an unreadable price file.
const BAD_INPUT: u8 = 2;

/// Significant digits kept after converting to $/1M. LiteLLM stores prices
/// per token as binary floats, so `2.5e-06 × 1e6` comes out as 2.4999999…;
/// six digits keep every real price (the finest is like $0.0375 or $2.49998)
/// and drop that noise.
const SIGNIFICANT_DIGITS: i32 = 6;

/// Significant digits of an image price computed from a per-pixel price.
/// LiteLLM rounds those to 4–6 digits (`3.81469e-08` is $0.04 / 1024²), so
/// the product is only good to about four digits ($0.0399999); real image
/// prices are tenths of a cent, which three digits hold ($0.167, $0.04).
const PIXEL_PRICE_DIGITS: i32 = 3;

/// How far (either way) a price may sit from its family's median before it
/// is refused as a data error. Hosts of one model differ by a few times at
/// most; LiteLLM's known errors are off by thousands (litellm 1.79.3 lists
/// W&B's Llama 3.1 8B at $22,000/1M instead of $0.22).
const OUTLIER_FACTOR: f64 = 100.0;

/// How far a price may sit from the price it is compared with before it is
/// left out as a data error: a cache write above this many times the input
/// price, or a long-context tier price this many times above or below the
/// model's base price. Real cache writes cost 1.25–2× input and real tiers
/// 1.5–5× the base price.
const OPTIONAL_PRICE_FACTOR: f64 = 10.0;

/// The LiteLLM prices that have long-context variants,
/// `FIELD_above_<N>k_tokens` (`input_cost_per_token_above_200k_tokens`).
const TIER_FIELDS: [&str; 4] = [
    "input_cost_per_token",
    "output_cost_per_token",
    "cache_read_input_token_cost",
    "cache_creation_input_token_cost",
];

/// The catalog holds what a planner compares, not all of LiteLLM's ~4,500
/// entries; outside this range the allow-list needs a look.
const EXPECTED_MODELS: std::ops::RangeInclusive<usize> = 80..=150;

/// One rule of the allow-list.
enum Pick {
    /// One LiteLLM key, exactly as LiteLLM spells it.
    Key(&'static str),
    /// Every size of an image model at the given qualities: keys such as
    /// `hd/1024-x-1792/dall-e-3`, possibly behind a host prefix
    /// (`azure/hd/…`), whose `litellm_provider` is `provider`.
    ImageSizes {
        model: &'static str,
        provider: &'static str,
        qualities: &'static [&'static str],
    },
}

use Pick::{ImageSizes, Key};

/// The models a planner needs. Keys missing from a LiteLLM release are
/// reported on stderr and skipped, so the list may name models that an
/// older or newer release lacks (LiteLLM drops retired models).
const PICKS: &[Pick] = &[
    // OpenAI chat: the current line-up, plus the older models the seed memos
    // still name (gpt-3.5-turbo, gpt-4, the dated gpt-4o).
    Key("gpt-3.5-turbo"),
    Key("gpt-4"),
    Key("gpt-4-turbo"),
    Key("gpt-4o"),
    Key("gpt-4o-2024-08-06"),
    Key("gpt-4o-mini"),
    Key("gpt-4.1"),
    Key("gpt-4.1-mini"),
    Key("gpt-4.1-nano"),
    Key("o1"),
    Key("o3"),
    Key("o3-mini"),
    Key("o4-mini"),
    Key("gpt-5"),
    Key("gpt-5-mini"),
    Key("gpt-5-nano"),
    Key("gpt-5.1"),
    Key("gpt-5.2"),
    Key("gpt-5.4"),
    Key("gpt-5.4-mini"),
    Key("gpt-5.4-nano"),
    Key("gpt-5.5"),
    Key("gpt-5.6"),
    Key("gpt-5.6-terra"),
    Key("gpt-5.6-luna"),
    Key("gpt-6-astra"),
    Key("gpt-6-sol"),
    Key("gpt-6-luna"),
    Key("gpt-6.1-sol"),
    Key("gpt-6.1-terra"),
    // Anthropic's own API (not Bedrock or Vertex): Haiku, Sonnet and Opus,
    // the current generation and the ones before it, by their undated
    // aliases where LiteLLM has them.
    Key("claude-3-5-haiku-20241022"),
    Key("claude-3-7-sonnet-20250219"),
    Key("claude-haiku-4-5"),
    Key("claude-sonnet-4-5"),
    Key("claude-sonnet-4-6"),
    Key("claude-opus-4-5"),
    Key("claude-opus-4-6"),
    Key("claude-opus-4-7"),
    Key("claude-opus-4-8"),
    Key("claude-sonnet-5"),
    Key("claude-opus-5"),
    Key("claude-haiku-5-5"),
    Key("claude-sonnet-5-5"),
    Key("claude-opus-5-5"),
    // Google's Gemini API: Flash, Flash-Lite and Pro from 2.0 on.
    Key("gemini/gemini-2.0-flash"),
    Key("gemini/gemini-2.0-flash-lite"),
    Key("gemini/gemini-2.5-flash"),
    Key("gemini/gemini-2.5-flash-lite"),
    Key("gemini/gemini-2.5-pro"),
    Key("gemini/gemini-3-flash-preview"),
    Key("gemini/gemini-3.1-flash-lite"),
    Key("gemini/gemini-3.1-pro-preview"),
    Key("gemini/gemini-3.5-flash"),
    Key("gemini/gemini-3.5-flash-lite"),
    Key("gemini/gemini-3.6-flash"),
    Key("gemini/gemini-3.7-flash"),
    Key("gemini/gemini-3.8-flash"),
    Key("gemini/gemini-flash-latest"),
    Key("gemini/gemini-flash-lite-latest"),
    Key("gemini/gemini-pro-latest"),
    // Meta Llama 3.x 8B and 70B on the usual hosts.
    Key("openrouter/meta-llama/llama-3.1-8b-instruct"),
    Key("openrouter/meta-llama/llama-3.1-70b-instruct"),
    Key("openrouter/meta-llama/llama-3.3-70b-instruct"),
    Key("groq/llama-3.1-8b-instant"),
    Key("groq/llama-3.3-70b-versatile"),
    Key("together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"),
    Key("together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo"),
    Key("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo"),
    Key("fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct"),
    Key("fireworks_ai/accounts/fireworks/models/llama-v3p1-70b-instruct"),
    Key("fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct"),
    Key("deepinfra/meta-llama/Meta-Llama-3-8B-Instruct"),
    Key("deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct"),
    Key("deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"),
    Key("deepinfra/meta-llama/Meta-Llama-3.1-70B-Instruct"),
    Key("deepinfra/meta-llama/Llama-3.3-70B-Instruct"),
    Key("deepinfra/meta-llama/Llama-3.3-70B-Instruct-Turbo"),
    Key("wandb/meta-llama/Llama-3.1-8B-Instruct"),
    Key("wandb/meta-llama/Llama-3.1-70B-Instruct"),
    Key("wandb/meta-llama/Llama-3.3-70B-Instruct"),
    // Mistral's own API.
    Key("mistral/mistral-small-latest"),
    Key("mistral/mistral-medium-latest"),
    Key("mistral/mistral-large-latest"),
    Key("mistral/mistral-medium-3"),
    Key("mistral/mistral-large-3"),
    Key("mistral/mistral-large-4"),
    Key("mistral/ministral-3b-latest"),
    Key("mistral/ministral-8b-latest"),
    Key("mistral/ministral-14b-latest"),
    Key("mistral/open-mistral-nemo"),
    Key("mistral/codestral-latest"),
    Key("mistral/magistral-small-latest"),
    Key("mistral/magistral-medium-latest"),
    // DeepSeek's own API.
    Key("deepseek/deepseek-chat"),
    Key("deepseek/deepseek-reasoner"),
    Key("deepseek/deepseek-v4-flash"),
    Key("deepseek/deepseek-v4-pro"),
    // Image generation, priced per image.
    ImageSizes {
        model: "dall-e-3",
        provider: "openai",
        qualities: &["standard", "hd"],
    },
    ImageSizes {
        model: "dall-e-3",
        provider: "azure",
        qualities: &["standard", "hd"],
    },
    ImageSizes {
        model: "gpt-image-1",
        provider: "openai",
        qualities: &["low", "medium", "high"],
    },
    ImageSizes {
        model: "gpt-image-1-mini",
        provider: "openai",
        qualities: &["low", "medium", "high"],
    },
    ImageSizes {
        model: "gpt-image-1.5",
        provider: "openai",
        qualities: &["low", "medium", "high"],
    },
    Key("gemini/gemini-2.5-flash-image"),
    Key("gemini/imagen-3.0-generate-001"),
    Key("gemini/imagen-3.0-fast-generate-001"),
    // Embeddings.
    Key("text-embedding-3-small"),
    Key("text-embedding-3-large"),
    Key("text-embedding-ada-002"),
    Key("gemini/gemini-embedding-001"),
    Key("gemini/gemini-embedding-2"),
    Key("mistral/mistral-embed"),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("burnrate-catalog: {message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let Some(args) = Args::parse(args)? else {
        println!("{USAGE}");
        return Ok(());
    };
    let text = std::fs::read_to_string(&args.path)
        .map_err(|e| format!("cannot read {}: {e}", args.path))?;
    let source: BTreeMap<String, Value> = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a JSON object of models: {e}", args.path))?;

    let selection = select(&source);
    for (id, note) in &selection.notes {
        eprintln!("note     {id}: {note}");
    }
    for id in &selection.missing {
        eprintln!("missing  {id}: not in this LiteLLM release");
    }
    for (id, refusal) in &selection.refused {
        eprintln!("refused  {id}: {refusal}");
    }
    let kept = selection.kept.len();
    eprintln!(
        "kept {kept}, refused {}, missing {}",
        selection.refused.len(),
        selection.missing.len()
    );
    if kept == 0 {
        return Err("no model passed the checks; refusing to write an empty catalog".into());
    }
    if !EXPECTED_MODELS.contains(&kept) {
        eprintln!(
            "warning: {kept} models is outside the expected {}–{}; check the allow-list",
            EXPECTED_MODELS.start(),
            EXPECTED_MODELS.end()
        );
    }
    print!("{}", render(&args, &selection.kept));
    Ok(())
}

/// The command line, decoded once.
#[derive(Debug, PartialEq)]
struct Args {
    path: String,
    version: String,
    date: String,
}

impl Args {
    /// `Ok(None)` asks for the usage text.
    fn parse(args: &[String]) -> Result<Option<Args>, String> {
        let mut path = None;
        let mut version = None;
        let mut date = None;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "-h" | "--help" => return Ok(None),
                "--version" => version = Some(rest.next().ok_or("--version needs a value")?),
                "--date" => date = Some(rest.next().ok_or("--date needs a value")?),
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
                _ if path.is_none() => path = Some(arg),
                _ => return Err(format!("unexpected argument {arg}\n\n{USAGE}")),
            }
        }
        let path = path
            .ok_or_else(|| format!("missing PATH_TO_JSON\n\n{USAGE}"))?
            .clone();
        let version = version
            .ok_or("missing --version (the litellm release)")?
            .clone();
        if version.is_empty()
            || !version
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            return Err(format!(
                "--version {version:?} is not a release number like 1.79.3"
            ));
        }
        let date = match date {
            Some(date) if is_iso_date(date) => date.clone(),
            Some(date) => return Err(format!("--date {date:?} is not YYYY-MM-DD")),
            None => today_utc(),
        };
        Ok(Some(Args {
            path,
            version,
            date,
        }))
    }
}

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn today_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((seconds / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`), so the tool needs no date crate.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The fields of one LiteLLM entry the catalog reads; the rest are ignored.
#[derive(Debug, Default, Deserialize)]
struct Entry {
    litellm_provider: Option<String>,
    mode: Option<String>,
    input_cost_per_token: Option<f64>,
    output_cost_per_token: Option<f64>,
    cache_read_input_token_cost: Option<f64>,
    /// Writing input to the prompt cache (Anthropic's 5-minute cache; the
    /// 1-hour price is `cache_creation_input_token_cost_above_1hr`).
    cache_creation_input_token_cost: Option<f64>,
    input_cost_per_token_batches: Option<f64>,
    output_cost_per_token_batches: Option<f64>,
    output_cost_per_image: Option<f64>,
    input_cost_per_image: Option<f64>,
    input_cost_per_pixel: Option<f64>,
    output_cost_per_pixel: Option<f64>,
    max_input_tokens: Option<f64>,
    max_tokens: Option<f64>,
    /// Every other field, where the long-context tier prices
    /// (`input_cost_per_token_above_200k_tokens`, …) are looked up.
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

/// What a model is billed for, as the engine's `Mode` spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Chat,
    Embedding,
    Image,
}

impl Kind {
    fn from_litellm(mode: &str) -> Option<Kind> {
        match mode {
            "chat" | "completion" | "responses" => Some(Kind::Chat),
            "embedding" => Some(Kind::Embedding),
            "image_generation" => Some(Kind::Image),
            _ => None,
        }
    }

    fn rust(self) -> &'static str {
        match self {
            Kind::Chat => "Mode::Chat",
            Kind::Embedding => "Mode::Embedding",
            Kind::Image => "Mode::Image",
        }
    }
}

/// One entry in catalog units (USD per 1M tokens, USD per image), before
/// the family check.
#[derive(Debug, Clone, PartialEq)]
struct Priced {
    id: String,
    provider: String,
    kind: Kind,
    input_per_mtok: f64,
    cached_input_per_mtok: Option<f64>,
    output_per_mtok: f64,
    batch_discount: Option<f64>,
    price_per_image: Option<f64>,
    cache_write_per_mtok: Option<f64>,
    context_tokens: Option<u32>,
    /// Long-context prices, lowest threshold first; chat models only.
    tiers: Vec<TierPrice>,
    /// Optional prices that were present but unusable, and so left out.
    notes: Vec<String>,
}

/// The prices of a request whose input is above `above_input_tokens`, as
/// the engine's `Tier` spells them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TierPrice {
    above_input_tokens: u32,
    input_per_mtok: f64,
    output_per_mtok: f64,
    cached_input_per_mtok: Option<f64>,
    cache_write_per_mtok: Option<f64>,
}

/// The USD-per-token prices LiteLLM gives above one threshold, as found.
#[derive(Debug, Default)]
struct RawTier {
    input: Option<f64>,
    output: Option<f64>,
    cached: Option<f64>,
    write: Option<f64>,
}

/// Why an allow-listed entry is not in the catalog.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    Malformed(String),
    NoProvider,
    UnsupportedMode(String),
    MissingPrice(&'static str),
    BadPrice {
        field: &'static str,
        value: f64,
    },
    Outlier {
        what: &'static str,
        value: f64,
        family: String,
        median: f64,
        members: usize,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Malformed(e) => write!(f, "entry does not decode: {e}"),
            Refusal::NoProvider => write!(f, "no litellm_provider"),
            Refusal::UnsupportedMode(mode) => {
                write!(
                    f,
                    "mode {mode:?} is not chat, embedding or image generation"
                )
            }
            Refusal::MissingPrice(field) => write!(f, "{field} is missing"),
            Refusal::BadPrice { field, value } => {
                write!(
                    f,
                    "{field} is {value:e}; prices must be positive and finite"
                )
            }
            Refusal::Outlier {
                what,
                value,
                family,
                median,
                members,
            } => {
                let ratio = if value > median {
                    value / median
                } else {
                    median / value
                };
                let side = if value > median { "above" } else { "below" };
                write!(
                    f,
                    "{what} ${value} is {ratio:.0}× {side} the median ${median} of the \
                     {members} {family:?} entries (limit {OUTLIER_FACTOR}×)"
                )
            }
        }
    }
}

/// The outcome of running the allow-list over one LiteLLM file.
#[derive(Debug, Default)]
struct Selection {
    /// Sorted by id, strictly increasing.
    kept: Vec<Priced>,
    refused: Vec<(String, Refusal)>,
    missing: Vec<String>,
    notes: Vec<(String, String)>,
}

fn select(source: &BTreeMap<String, Value>) -> Selection {
    let decoded: BTreeMap<&str, Result<Entry, String>> = source
        .iter()
        .filter(|(key, _)| key.as_str() != "sample_spec")
        .map(|(key, value)| {
            let entry = Entry::deserialize(value).map_err(|e| e.to_string());
            (key.as_str(), entry)
        })
        .collect();
    let priced: BTreeMap<&str, Result<Priced, Refusal>> = decoded
        .iter()
        .map(|(key, entry)| {
            let priced = match entry {
                Ok(entry) => price(key, entry),
                Err(e) => Err(Refusal::Malformed(e.clone())),
            };
            (*key, priced)
        })
        .collect();
    let families = Families::of(priced.values().filter_map(|p| p.as_ref().ok()));

    let mut selection = Selection::default();
    let mut wanted: Vec<&str> = Vec::new();
    for pick in PICKS {
        match pick {
            Key(key) if priced.contains_key(key) => wanted.push(*key),
            Key(key) => selection.missing.push((*key).to_owned()),
            ImageSizes {
                model,
                provider,
                qualities,
            } => {
                let before = wanted.len();
                wanted.extend(priced.keys().copied().filter(|key| {
                    is_image_size_of(key, model, qualities)
                        && decoded[key]
                            .as_ref()
                            .is_ok_and(|e| e.litellm_provider.as_deref() == Some(*provider))
                }));
                if wanted.len() == before {
                    selection
                        .missing
                        .push(format!("{provider} sizes of {model}"));
                }
            }
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    for key in wanted {
        let checked = match &priced[key] {
            Ok(p) => families.check(p).map(|()| p.clone()),
            Err(refusal) => Err(refusal.clone()),
        };
        match checked {
            Ok(p) => {
                let notes = p.notes.iter().map(|n| (p.id.clone(), n.clone()));
                selection.notes.extend(notes);
                selection.kept.push(p);
            }
            Err(refusal) => selection.refused.push((key.to_owned(), refusal)),
        }
    }
    selection
}

/// Whether `key` is `[host/]quality/WxH/model` with one of `qualities`.
fn is_image_size_of(key: &str, model: &str, qualities: &[&str]) -> bool {
    let parts: Vec<&str> = key.split('/').collect();
    let [.., quality, size, last] = parts.as_slice() else {
        return false;
    };
    *last == model && qualities.contains(quality) && pixels(size).is_some()
}

/// Converts one entry to catalog units, refusing missing, zero, negative or
/// non-finite required prices. Optional prices that are unusable are dropped
/// with a note rather than refusing the model.
fn price(key: &str, entry: &Entry) -> Result<Priced, Refusal> {
    // An empty provider would not survive freezing: a custom model without
    // a provider counts against its own id (`prices::custom_provider`), so
    // a share link's copy of the model would change which limits apply.
    let provider = entry
        .litellm_provider
        .clone()
        .filter(|p| !p.trim().is_empty())
        .ok_or(Refusal::NoProvider)?;
    let mode = entry.mode.as_deref().unwrap_or("chat");
    let kind = Kind::from_litellm(mode).ok_or_else(|| Refusal::UnsupportedMode(mode.into()))?;
    let mut priced = Priced {
        id: key.to_owned(),
        provider,
        kind,
        input_per_mtok: 0.0,
        cached_input_per_mtok: None,
        output_per_mtok: 0.0,
        batch_discount: None,
        price_per_image: None,
        cache_write_per_mtok: None,
        context_tokens: None,
        tiers: Vec::new(),
        notes: Vec::new(),
    };
    if kind == Kind::Image {
        priced.price_per_image = Some(image_price(key, entry)?);
        priced.context_tokens = context_tokens(entry);
        return Ok(priced);
    }
    let input = required(entry.input_cost_per_token, "input_cost_per_token")?;
    priced.input_per_mtok = per_mtok(input);
    if kind == Kind::Chat {
        let output = required(entry.output_cost_per_token, "output_cost_per_token")?;
        priced.output_per_mtok = per_mtok(output);
    }
    match entry.cache_read_input_token_cost {
        Some(cached) if cached > 0.0 && cached <= input => {
            priced.cached_input_per_mtok = Some(per_mtok(cached));
        }
        Some(cached) => priced.notes.push(format!(
            "cache_read_input_token_cost {cached:e} is not in (0, input]; left out"
        )),
        None => {}
    }
    match entry.cache_creation_input_token_cost {
        // Compared in catalog units, so ten times input is not lost to float noise.
        Some(write)
            if write > 0.0 && per_mtok(write) <= priced.input_per_mtok * OPTIONAL_PRICE_FACTOR =>
        {
            priced.cache_write_per_mtok = Some(per_mtok(write));
        }
        Some(write) => priced.notes.push(format!(
            "cache_creation_input_token_cost {write:e} is not in (0, {OPTIONAL_PRICE_FACTOR}× input]; left out"
        )),
        None => {}
    }
    let batch = [
        (
            entry.input_cost_per_token_batches,
            entry.input_cost_per_token,
        ),
        (
            entry.output_cost_per_token_batches,
            entry.output_cost_per_token,
        ),
    ]
    .into_iter()
    .find_map(|(batch, standard)| Some((batch?, standard?)));
    if let Some((batch, standard)) = batch {
        let discount = round_significant(1.0 - batch / standard, SIGNIFICANT_DIGITS);
        if discount > 0.0 && discount < 1.0 {
            priced.batch_discount = Some(discount);
        } else {
            priced.notes.push(format!(
                "batch price {batch:e} against {standard:e} gives no discount in (0, 1); left out"
            ));
        }
    }
    priced.context_tokens = context_tokens(entry);
    if kind == Kind::Chat {
        priced.tiers = tiers(entry, &mut priced);
    }
    Ok(priced)
}

/// Splits a long-context price field such as
/// `input_cost_per_token_above_200k_tokens` into its base field and the
/// threshold in tokens (200,000). Variants of those prices (`…_batches`,
/// `…_priority`, `…_flex`, the 1-hour cache write
/// `…_above_1hr_above_200k_tokens`) are not tier prices and give `None`.
fn tier_field(key: &str) -> Option<(&'static str, u32)> {
    TIER_FIELDS.iter().find_map(|field| {
        let thousands = key
            .strip_prefix(field)?
            .strip_prefix("_above_")?
            .strip_suffix("k_tokens")?;
        if !is_number(thousands) {
            return None;
        }
        Some((*field, thousands.parse::<u32>().ok()?.checked_mul(1000)?))
    })
}

/// The long-context tiers of a chat model whose base prices are in `base`,
/// sorted by threshold. LiteLLM prices a request whose input is above the
/// threshold wholly at the tier's prices. A tier needs an input and an
/// output price; when LiteLLM gives only one of them above the threshold,
/// the other stays at the base price (noted). A tier whose input or output
/// price is not positive and finite, or more than [`OPTIONAL_PRICE_FACTOR`]
/// away from the base price, is left out; so are a tier's cached or
/// cache-write price when they fail the base prices' checks, or when the
/// model has no such price below the threshold.
fn tiers(entry: &Entry, base: &mut Priced) -> Vec<TierPrice> {
    let mut raw: BTreeMap<u32, RawTier> = BTreeMap::new();
    for (key, value) in &entry.other {
        let Some((field, threshold)) = tier_field(key) else {
            continue;
        };
        let Some(value) = value.as_f64() else {
            base.notes.push(format!("{key} is not a number; left out"));
            continue;
        };
        let tier = raw.entry(threshold).or_default();
        let slot = match field {
            "input_cost_per_token" => &mut tier.input,
            "output_cost_per_token" => &mut tier.output,
            "cache_read_input_token_cost" => &mut tier.cached,
            _ => &mut tier.write,
        };
        *slot = Some(value);
    }
    let mut tiers = Vec::new();
    for (threshold, tier) in raw {
        let above = format!("above {}k tokens", threshold / 1000);
        if threshold == 0 {
            base.notes
                .push(format!("prices {above} are not a tier; left out"));
            continue;
        }
        let (input, output) = match (tier.input, tier.output) {
            (Some(input), Some(output)) => (per_mtok(input), per_mtok(output)),
            (Some(input), None) => {
                base.notes.push(format!(
                    "no output price {above}; the tier keeps the base output price"
                ));
                (per_mtok(input), base.output_per_mtok)
            }
            (None, Some(output)) => {
                base.notes.push(format!(
                    "no input price {above}; the tier keeps the base input price"
                ));
                (base.input_per_mtok, per_mtok(output))
            }
            (None, None) => {
                base.notes.push(format!(
                    "cache prices {above} without an input or output price; tier left out"
                ));
                continue;
            }
        };
        let bad = [
            ("input", input, base.input_per_mtok),
            ("output", output, base.output_per_mtok),
        ]
        .into_iter()
        .find(|(_, price, base)| !near(*price, *base));
        if let Some((what, price, base_price)) = bad {
            base.notes.push(format!(
                "{what} price ${price} {above} is not within {OPTIONAL_PRICE_FACTOR}× \
                 of the base ${base_price}; tier left out"
            ));
            continue;
        }
        let cached = match (tier.cached, base.cached_input_per_mtok) {
            (Some(c), Some(_)) if c > 0.0 && per_mtok(c) <= input => Some(per_mtok(c)),
            (Some(c), Some(_)) => {
                base.notes.push(format!(
                    "cached price {c:e} {above} is not in (0, tier input]; left out"
                ));
                None
            }
            (Some(c), None) => {
                base.notes.push(format!(
                    "cached price {c:e} {above}, but none below; left out"
                ));
                None
            }
            (None, _) => None,
        };
        let write = match (tier.write, base.cache_write_per_mtok) {
            (Some(w), Some(_)) if w > 0.0 && per_mtok(w) <= input * OPTIONAL_PRICE_FACTOR => {
                Some(per_mtok(w))
            }
            (Some(w), Some(_)) => {
                base.notes.push(format!(
                    "cache-write price {w:e} {above} is not in (0, {OPTIONAL_PRICE_FACTOR}× \
                     tier input]; left out"
                ));
                None
            }
            (Some(w), None) => {
                base.notes.push(format!(
                    "cache-write price {w:e} {above}, but none below; left out"
                ));
                None
            }
            (None, _) => None,
        };
        tiers.push(TierPrice {
            above_input_tokens: threshold,
            input_per_mtok: input,
            output_per_mtok: output,
            cached_input_per_mtok: cached,
            cache_write_per_mtok: write,
        });
    }
    tiers
}

/// Whether a positive, finite `price` is within [`OPTIONAL_PRICE_FACTOR`]
/// of `base`, either way.
fn near(price: f64, base: f64) -> bool {
    price.is_finite()
        && price > 0.0
        && price <= base * OPTIONAL_PRICE_FACTOR
        && price >= base / OPTIONAL_PRICE_FACTOR
}

fn required(value: Option<f64>, field: &'static str) -> Result<f64, Refusal> {
    match value {
        None => Err(Refusal::MissingPrice(field)),
        Some(v) if v.is_finite() && v > 0.0 => Ok(v),
        Some(v) => Err(Refusal::BadPrice { field, value: v }),
    }
}

/// USD per token to USD per 1M tokens, without the float noise.
fn per_mtok(per_token: f64) -> f64 {
    round_significant(per_token * 1e6, SIGNIFICANT_DIGITS)
}

/// Rounds to `digits` significant digits. Dividing an integer-valued float by an
/// exact power of ten gives the float nearest the decimal, so the value
/// prints as written (`0.3`, not `0.30000000000000004`).
fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let shift = digits - 1 - x.abs().log10().floor() as i32;
    let scale = 10f64.powi(shift.abs());
    if shift >= 0 {
        (x * scale).round() / scale
    } else {
        (x / scale).round() * scale
    }
}

/// The price of one image: LiteLLM gives it per image
/// (`output_cost_per_image`, or `input_cost_per_image` for OpenAI's sized
/// gpt-image keys) or per pixel, to multiply by the `W-x-H` size in the key.
fn image_price(key: &str, entry: &Entry) -> Result<f64, Refusal> {
    if let Some(p) = entry.output_cost_per_image {
        return required(Some(p), "output_cost_per_image")
            .map(|p| round_significant(p, SIGNIFICANT_DIGITS));
    }
    if let Some(p) = entry.input_cost_per_image {
        return required(Some(p), "input_cost_per_image")
            .map(|p| round_significant(p, SIGNIFICANT_DIGITS));
    }
    let Some(per_pixel) = entry.input_cost_per_pixel else {
        return Err(Refusal::MissingPrice(
            "output_cost_per_image (or input_cost_per_pixel)",
        ));
    };
    let per_pixel = per_pixel + entry.output_cost_per_pixel.unwrap_or(0.0);
    let size = key
        .split('/')
        .find_map(pixels)
        .ok_or(Refusal::MissingPrice(
            "an image size (W-x-H) in the key to price input_cost_per_pixel",
        ))?;
    required(Some(per_pixel * size), "input_cost_per_pixel")
        .map(|p| round_significant(p, PIXEL_PRICE_DIGITS))
}

/// The pixel count of a LiteLLM size segment such as `1024-x-1792`.
fn pixels(segment: &str) -> Option<f64> {
    let (w, h) = segment.split_once("-x-")?;
    let w: u32 = w.parse().ok()?;
    let h: u32 = h.parse().ok()?;
    (w > 0 && h > 0).then(|| f64::from(w) * f64::from(h))
}

fn context_tokens(entry: &Entry) -> Option<u32> {
    let tokens = entry.max_input_tokens.or(entry.max_tokens)?;
    let whole = tokens.is_finite() && tokens >= 1.0 && tokens.fract() == 0.0;
    (whole && tokens <= f64::from(u32::MAX)).then_some(tokens as u32)
}

/// Prices of every entry of the file, grouped by billing kind and family,
/// so each allow-listed entry can be held against its peers on other hosts.
#[derive(Debug, Default)]
struct Families {
    inputs: HashMap<(Kind, String), Vec<f64>>,
    outputs: HashMap<(Kind, String), Vec<f64>>,
}

impl Families {
    fn of<'a>(entries: impl Iterator<Item = &'a Priced>) -> Families {
        let mut families = Families::default();
        for p in entries {
            let name = (p.kind, family(&p.id));
            let (input, output) = match p.kind {
                Kind::Image => (p.price_per_image, None),
                Kind::Embedding => (Some(p.input_per_mtok), None),
                Kind::Chat => (Some(p.input_per_mtok), Some(p.output_per_mtok)),
            };
            if let Some(input) = input {
                families.inputs.entry(name.clone()).or_default().push(input);
            }
            if let Some(output) = output {
                families.outputs.entry(name).or_default().push(output);
            }
        }
        families
    }

    /// Refuses a price more than [`OUTLIER_FACTOR`] away from its family's
    /// median (the entry itself included, so a lone model always passes).
    fn check(&self, p: &Priced) -> Result<(), Refusal> {
        let name = (p.kind, family(&p.id));
        let (input, what) = match p.kind {
            Kind::Image => (p.price_per_image.unwrap_or(0.0), "price per image"),
            _ => (p.input_per_mtok, "input per 1M tokens"),
        };
        let mut checks = vec![(what, input, self.inputs.get(&name))];
        if p.kind == Kind::Chat {
            let output = self.outputs.get(&name);
            checks.push(("output per 1M tokens", p.output_per_mtok, output));
        }
        for (what, value, peers) in checks {
            let Some(peers) = peers else { continue };
            let Some(median) = log_median(peers) else {
                continue;
            };
            if value > median * OUTLIER_FACTOR || value < median / OUTLIER_FACTOR {
                return Err(Refusal::Outlier {
                    what,
                    value,
                    family: name.1,
                    median: round_significant(median, SIGNIFICANT_DIGITS),
                    members: peers.len(),
                });
            }
        }
        Ok(())
    }
}

/// The median of positive prices on a log scale: the middle value, or the
/// geometric mean of the two middle ones. With two entries $0.03 and
/// $22,000 the plain mean of the middle pair would call $22,000 normal and
/// $0.03 the outlier; the geometric mean flags both, as it should when
/// nothing says which is right.
fn log_median(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| *v > 0.0).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] * sorted[n / 2]).sqrt()),
    }
}

/// Words LiteLLM keys append to a model name for a variant of the same
/// weights and price class.
const VARIANT_WORDS: &[&str] = &[
    "latest",
    "preview",
    "exp",
    "experimental",
    "instruct",
    "instant",
    "versatile",
    "turbo",
    "hf",
    "it",
    "fp8",
    "maas",
];

/// The model's family: its name with host prefixes and date or version
/// suffixes stripped, so every host of one model compares against the others
/// (`together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo` and
/// `fireworks_ai/…/llama-v3p1-8b-instruct` are both `llama-3.1-8b`;
/// `gpt-4o-2024-08-06` is `gpt-4o`).
fn family(id: &str) -> String {
    let lower = id.to_ascii_lowercase();
    // Hosts, organisations and image quality/size come before the last slash.
    let mut name = lower.rsplit('/').next().unwrap_or(&lower);
    // Bedrock and Vertex revisions: `…-v1:0`, `…@20250929`; OpenRouter `:free`.
    if let Some((head, _)) = name.split_once([':', '@']) {
        name = match head.rsplit_once("-v") {
            Some((model, revision)) if is_number(revision) => model,
            _ => head,
        };
    }
    // Bedrock region and vendor prefixes: `us.anthropic.claude-…`, `meta.llama3-…`.
    while let Some((head, tail)) = name.split_once('.') {
        if head.is_empty() || !head.bytes().all(|b| b.is_ascii_lowercase()) {
            break;
        }
        name = tail;
    }
    let name = name.strip_prefix("meta-").unwrap_or(name);
    let name = spell_llama_version(name);

    let mut tokens: Vec<&str> = name.split('-').collect();
    while tokens.len() > 1 {
        let n = tokens.len();
        let last = tokens[n - 1];
        if n > 3 && last.len() == 2 && is_number(last) && is_date_head(&tokens[n - 3..n - 1]) {
            tokens.truncate(n - 3); // -2024-08-06
        } else if is_number(last) && matches!(last.len(), 3 | 4 | 6 | 8) {
            tokens.pop(); // -20241022, -0613, -2512, -001
        } else if last.strip_prefix('v').is_some_and(is_number) && is_number(tokens[n - 2]) {
            // A revision after a number (`ada-002-v2`), but not a model
            // generation (`deepseek-v3`).
            tokens.pop();
        } else if VARIANT_WORDS.contains(&last) {
            tokens.pop();
        } else {
            break;
        }
    }
    tokens.join("-")
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `[year, month]` are the first two parts of a `YYYY-MM-DD` date.
fn is_date_head(parts: &[&str]) -> bool {
    let [year, month] = parts else { return false };
    year.len() == 4
        && year.starts_with("20")
        && month.len() == 2
        && year
            .bytes()
            .chain(month.bytes())
            .all(|b| b.is_ascii_digit())
}

/// Spells Llama versions one way: Fireworks' `llama-v3p1` and Cerebras'
/// `llama3.1` become `llama-3.1`.
fn spell_llama_version(name: &str) -> String {
    let Some(rest) = name.strip_prefix("llama") else {
        return name.to_owned();
    };
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let rest = rest.strip_prefix('v').unwrap_or(rest);
    let version_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == 'p' || c == '.'))
        .unwrap_or(rest.len());
    let (version, tail) = rest.split_at(version_end);
    if !version.starts_with(|c: char| c.is_ascii_digit()) {
        return name.to_owned();
    }
    format!("llama-{}{tail}", version.replace('p', "."))
}

/// The snapshot as Rust source.
fn render(args: &Args, models: &[Priced]) -> String {
    let file = args.path.rsplit('/').next().unwrap_or(&args.path);
    let mut out = format!(
        "// @generated by scripts/refresh-catalog (src/bin/refresh_catalog.rs) from\n\
         // litellm/{file} in the litellm {version} wheel on PyPI,\n\
         // taken {date}. Do not edit by hand: rerun scripts/refresh-catalog.\n\
         //\n\
         // Source data: LiteLLM (https://github.com/BerriAI/litellm),\n\
         // Copyright (c) 2023 Berri AI, MIT licence. Prices converted from USD\n\
         // per token to USD per 1M tokens; see docs/catalog.md.\n\
         \n\
         use super::{{Mode, Model, Tier}};\n\
         \n\
         pub const SOURCE: &str = {source:?};\n\
         pub const SNAPSHOT_ID: &str = {id:?};\n\
         pub const SNAPSHOT_DATE: &str = {date:?};\n\
         \n\
         pub static MODELS: &[Model] = &[\n",
        version = args.version,
        date = args.date,
        source = format!(
            "LiteLLM model_prices_and_context_window.json, litellm {} (MIT)",
            args.version
        ),
        id = format!("litellm-{}", args.version),
    );
    for m in models {
        let option = |v: Option<f64>| v.map_or("None".to_owned(), |v| format!("Some({v:?})"));
        out.push_str(&format!(
            "    Model {{ id: {id:?}, provider: {provider:?}, mode: {mode}, \
             input_per_mtok: {input:?}, cached_input_per_mtok: {cached}, \
             output_per_mtok: {output:?}, batch_discount: {batch}, \
             price_per_image: {image}, cache_write_per_mtok: {write}, \
             context_tokens: {context}, tiers: &[{tiers}] }},\n",
            id = m.id,
            provider = m.provider,
            mode = m.kind.rust(),
            input = m.input_per_mtok,
            cached = option(m.cached_input_per_mtok),
            output = m.output_per_mtok,
            batch = option(m.batch_discount),
            image = option(m.price_per_image),
            write = option(m.cache_write_per_mtok),
            tiers = m
                .tiers
                .iter()
                .map(|t| format!(
                    "Tier {{ above_input_tokens: {}, input_per_mtok: {:?}, \
                     output_per_mtok: {:?}, cached_input_per_mtok: {}, \
                     cache_write_per_mtok: {} }}",
                    t.above_input_tokens,
                    t.input_per_mtok,
                    t.output_per_mtok,
                    option(t.cached_input_per_mtok),
                    option(t.cache_write_per_mtok),
                ))
                .collect::<Vec<_>>()
                .join(", "),
            context = m
                .context_tokens
                .map_or("None".to_owned(), |c| format!("Some({c})")),
        ));
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(json: &str) -> BTreeMap<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    fn entry(json: &str) -> Entry {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn per_token_prices_become_per_million_without_float_noise() {
        assert_eq!(per_mtok(2.5e-6), 2.5);
        assert_eq!(per_mtok(1e-5), 10.0);
        assert_eq!(per_mtok(1.5e-7), 0.15);
        assert_eq!(per_mtok(3e-7), 0.3);
        assert_eq!(per_mtok(7.5e-8), 0.075);
        assert_eq!(per_mtok(2.4999999e-6), 2.5);
        assert_eq!(per_mtok(1.875e-6), 1.875);
        // Six significant digits keep a real odd price as it is.
        assert_eq!(per_mtok(2.49998e-6), 2.49998);
        assert_eq!(per_mtok(0.022), 22000.0);
        assert_eq!(format!("{:?}", per_mtok(0.6e-6)), "0.6");
    }

    #[test]
    fn a_per_pixel_image_price_is_multiplied_by_the_size_in_the_key() {
        let standard =
            entry(r#"{"input_cost_per_pixel": 3.81469e-08, "output_cost_per_pixel": 0.0}"#);
        assert_eq!(
            image_price("standard/1024-x-1024/dall-e-3", &standard),
            Ok(0.04)
        );
        let hd = entry(r#"{"input_cost_per_pixel": 6.539e-08}"#);
        assert_eq!(image_price("hd/1024-x-1792/dall-e-3", &hd), Ok(0.12));
        assert_eq!(image_price("azure/hd/1792-x-1024/dall-e-3", &hd), Ok(0.12));
        assert!(matches!(
            image_price("dall-e-3", &hd),
            Err(Refusal::MissingPrice(_))
        ));
        let per_image = entry(r#"{"output_cost_per_image": 0.039}"#);
        assert_eq!(
            image_price("gemini/gemini-2.5-flash-image", &per_image),
            Ok(0.039)
        );
    }

    #[test]
    fn zero_missing_and_negative_required_prices_are_refused() {
        let zero = entry(
            r#"{"litellm_provider": "gemini", "mode": "chat",
                "input_cost_per_token": 0, "output_cost_per_token": 0}"#,
        );
        assert_eq!(
            price("gemini/gemini-exp-1206", &zero),
            Err(Refusal::BadPrice {
                field: "input_cost_per_token",
                value: 0.0
            })
        );
        let no_output = entry(
            r#"{"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-6}"#,
        );
        assert_eq!(
            price("x", &no_output),
            Err(Refusal::MissingPrice("output_cost_per_token"))
        );
        let negative = entry(
            r#"{"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": -1e-7}"#,
        );
        assert!(matches!(
            price("x", &negative),
            Err(Refusal::BadPrice { .. })
        ));
        let free_image = entry(
            r#"{"litellm_provider": "azure", "mode": "image_generation", "input_cost_per_pixel": 0.0}"#,
        );
        assert!(matches!(
            price("azure/standard/1024-x-1024/dall-e-2", &free_image),
            Err(Refusal::BadPrice { .. })
        ));
        // An embedding has no output price, and needs none.
        let embedding = entry(
            r#"{"litellm_provider": "openai", "mode": "embedding",
                "input_cost_per_token": 2e-8, "output_cost_per_token": 0.0,
                "input_cost_per_token_batches": 1e-8, "max_input_tokens": 8191}"#,
        );
        let p = price("text-embedding-3-small", &embedding).unwrap();
        assert_eq!((p.input_per_mtok, p.output_per_mtok), (0.02, 0.0));
        assert_eq!(
            (p.batch_discount, p.context_tokens),
            (Some(0.5), Some(8191))
        );
    }

    #[test]
    fn a_model_without_a_provider_is_refused() {
        let chat = r#""mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6"#;
        for provider in ["", r#""litellm_provider": " ","#] {
            let e = entry(&format!("{{{provider} {chat}}}"));
            assert_eq!(price("x", &e), Err(Refusal::NoProvider), "{provider:?}");
        }
    }

    #[test]
    fn chat_fields_map_to_catalog_units() {
        let gpt_4o = entry(
            r#"{"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 128000,
                "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
                "cache_read_input_token_cost": 1.25e-06,
                "input_cost_per_token_batches": 1.25e-06, "output_cost_per_token_batches": 5e-06}"#,
        );
        let p = price("gpt-4o", &gpt_4o).unwrap();
        assert_eq!((p.input_per_mtok, p.output_per_mtok), (2.5, 10.0));
        assert_eq!(p.cached_input_per_mtok, Some(1.25));
        assert_eq!(p.batch_discount, Some(0.5));
        assert_eq!(p.context_tokens, Some(128_000));
    }

    #[test]
    fn a_cache_write_price_is_kept_only_within_ten_times_input() {
        let sonnet = entry(
            r#"{"litellm_provider": "anthropic", "mode": "chat",
                "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                "cache_read_input_token_cost": 3e-07,
                "cache_creation_input_token_cost": 3.75e-06,
                "cache_creation_input_token_cost_above_1hr": 6e-06}"#,
        );
        let p = price("claude-sonnet-4-5", &sonnet).unwrap();
        assert_eq!(p.cache_write_per_mtok, Some(3.75));
        assert_eq!(p.cached_input_per_mtok, Some(0.3));
        assert!(p.tiers.is_empty(), "the 1-hour cache is not a tier");
        assert!(p.notes.is_empty(), "{:?}", p.notes);

        // DeepSeek lists a cache write of 0: it bills a cache miss as input.
        let deepseek = entry(
            r#"{"litellm_provider": "deepseek", "mode": "chat",
                "input_cost_per_token": 2.8e-07, "output_cost_per_token": 4.2e-07,
                "cache_creation_input_token_cost": 0.0}"#,
        );
        let p = price("deepseek/deepseek-chat", &deepseek).unwrap();
        assert_eq!(p.cache_write_per_mtok, None);
        assert_eq!(p.notes.len(), 1);
        assert!(
            p.notes[0].contains("cache_creation_input_token_cost 0e0 is not in (0, 10× input]")
        );

        let absurd = entry(
            r#"{"litellm_provider": "x", "mode": "chat",
                "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                "cache_creation_input_token_cost": 1.1e-05}"#,
        );
        let p = price("x", &absurd).unwrap();
        assert_eq!(p.cache_write_per_mtok, None);
        assert_eq!(p.notes.len(), 1);
        // Ten times input is still kept.
        let ten = entry(
            r#"{"litellm_provider": "x", "mode": "chat",
                "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                "cache_creation_input_token_cost": 1e-05}"#,
        );
        assert_eq!(price("x", &ten).unwrap().cache_write_per_mtok, Some(10.0));
    }

    #[test]
    fn only_plain_above_n_k_token_prices_are_tier_fields() {
        let cases = [
            (
                "input_cost_per_token_above_200k_tokens",
                Some(("input_cost_per_token", 200_000)),
            ),
            (
                "output_cost_per_token_above_128k_tokens",
                Some(("output_cost_per_token", 128_000)),
            ),
            (
                "cache_read_input_token_cost_above_272k_tokens",
                Some(("cache_read_input_token_cost", 272_000)),
            ),
            (
                "cache_creation_input_token_cost_above_100k_tokens",
                Some(("cache_creation_input_token_cost", 100_000)),
            ),
            (
                "input_cost_per_token_above_32k_tokens",
                Some(("input_cost_per_token", 32_000)),
            ),
            ("input_cost_per_token_above_200k_tokens_batches", None),
            ("output_cost_per_token_above_272k_tokens_priority", None),
            ("cache_creation_input_token_cost_above_1hr", None),
            (
                "cache_creation_input_token_cost_above_1hr_above_200k_tokens",
                None,
            ),
            (
                "cache_creation_input_token_cost_above_12hr_above_272k_tokens",
                None,
            ),
            ("input_cost_per_character_above_128k_tokens", None),
            ("input_cost_per_image_above_128k_tokens", None),
            ("input_cost_per_token_above_k_tokens", None),
            ("input_cost_per_token_above_99999999k_tokens", None),
            ("input_cost_per_token", None),
        ];
        for (key, want) in cases {
            assert_eq!(tier_field(key), want, "{key}");
        }
    }

    #[test]
    fn long_context_prices_become_tiers_sorted_by_threshold() {
        let sonnet_4 = entry(
            r#"{"litellm_provider": "anthropic", "mode": "chat",
                "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                "cache_read_input_token_cost": 3e-07,
                "cache_creation_input_token_cost": 3.75e-06,
                "input_cost_per_token_above_200k_tokens": 6e-06,
                "output_cost_per_token_above_200k_tokens": 2.25e-05,
                "cache_read_input_token_cost_above_200k_tokens": 6e-07,
                "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
                "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05,
                "input_cost_per_token_above_200k_tokens_batches": 3e-06}"#,
        );
        let p = price("claude-sonnet-4", &sonnet_4).unwrap();
        assert_eq!(
            p.tiers,
            [TierPrice {
                above_input_tokens: 200_000,
                input_per_mtok: 6.0,
                output_per_mtok: 22.5,
                cached_input_per_mtok: Some(0.6),
                cache_write_per_mtok: Some(7.5),
            }]
        );
        assert!(p.notes.is_empty(), "{:?}", p.notes);

        // Thresholds sort as numbers (32k before 256k), not as text.
        let qwen = entry(
            r#"{"litellm_provider": "kyma", "mode": "chat",
                "input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07,
                "input_cost_per_token_above_256k_tokens": 4e-07,
                "output_cost_per_token_above_256k_tokens": 1.6e-06,
                "input_cost_per_token_above_32k_tokens": 2e-07,
                "output_cost_per_token_above_32k_tokens": 8e-07}"#,
        );
        let p = price("kyma/qwen3.7-flash", &qwen).unwrap();
        let thresholds: Vec<u32> = p.tiers.iter().map(|t| t.above_input_tokens).collect();
        assert_eq!(thresholds, [32_000, 256_000]);
        assert_eq!(
            (p.tiers[1].input_per_mtok, p.tiers[1].output_per_mtok),
            (0.4, 1.6)
        );
        assert_eq!(p.tiers[0].cached_input_per_mtok, None);
    }

    #[test]
    fn a_tier_missing_a_side_keeps_the_base_price_and_says_so() {
        let input_only = entry(
            r#"{"litellm_provider": "x", "mode": "chat",
                "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06,
                "input_cost_per_token_above_128k_tokens": 2e-06}"#,
        );
        let p = price("x", &input_only).unwrap();
        assert_eq!(
            (p.tiers[0].input_per_mtok, p.tiers[0].output_per_mtok),
            (2.0, 4.0)
        );
        assert_eq!(p.tiers[0].above_input_tokens, 128_000);
        assert_eq!(p.notes.len(), 1);
        assert!(
            p.notes[0].contains("no output price above 128k tokens"),
            "{:?}",
            p.notes
        );

        let cache_only = entry(
            r#"{"litellm_provider": "x", "mode": "chat",
                "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06,
                "cache_read_input_token_cost": 1e-07,
                "cache_read_input_token_cost_above_200k_tokens": 2e-07}"#,
        );
        let p = price("x", &cache_only).unwrap();
        assert!(p.tiers.is_empty());
        assert!(p.notes[0].contains("tier left out"), "{:?}", p.notes);
    }

    #[test]
    fn absurd_or_unanchored_tier_prices_are_left_out_with_a_note() {
        // 100× the base input: a data error, so the whole tier goes.
        let absurd = entry(
            r#"{"litellm_provider": "x", "mode": "chat",
                "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06,
                "input_cost_per_token_above_200k_tokens": 1e-04,
                "output_cost_per_token_above_200k_tokens": 6e-06}"#,
        );
        let p = price("x", &absurd).unwrap();
        assert!(p.tiers.is_empty());
        assert!(
            p.notes[0].contains("input price $100 above 200k tokens"),
            "{:?}",
            p.notes
        );
        let free = entry(
            r#"{"litellm_provider": "gemini", "mode": "chat",
                "input_cost_per_token": 0, "output_cost_per_token": 0,
                "input_cost_per_token_above_128k_tokens": 0,
                "output_cost_per_token_above_128k_tokens": 0}"#,
        );
        assert!(price("gemini/gemini-exp-1206", &free).is_err());
        let zero_tier = entry(
            r#"{"litellm_provider": "x", "mode": "chat",
                "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06,
                "input_cost_per_token_above_128k_tokens": 0,
                "output_cost_per_token_above_128k_tokens": 0}"#,
        );
        let p = price("x", &zero_tier).unwrap();
        assert!(p.tiers.is_empty());
        assert_eq!(p.notes.len(), 1);

        // Gemini 2.5 Pro in litellm 1.109.1: a cache-write price above 200k
        // but none below, and it is the cached-read price; the tier keeps
        // its other prices.
        let gemini = entry(
            r#"{"litellm_provider": "gemini", "mode": "chat",
                "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05,
                "cache_read_input_token_cost": 1.25e-07,
                "input_cost_per_token_above_200k_tokens": 2.5e-06,
                "output_cost_per_token_above_200k_tokens": 1.5e-05,
                "cache_read_input_token_cost_above_200k_tokens": 2.5e-07,
                "cache_creation_input_token_cost_above_200k_tokens": 2.5e-07}"#,
        );
        let p = price("gemini/gemini-2.5-pro", &gemini).unwrap();
        assert_eq!(
            p.tiers,
            [TierPrice {
                above_input_tokens: 200_000,
                input_per_mtok: 2.5,
                output_per_mtok: 15.0,
                cached_input_per_mtok: Some(0.25),
                cache_write_per_mtok: None,
            }]
        );
        assert_eq!(p.notes.len(), 1);
        assert!(p.notes[0].contains("but none below"), "{:?}", p.notes);

        // A tier's cached price above its input price is dropped, the tier kept.
        let cached_above_input = entry(
            r#"{"litellm_provider": "x", "mode": "chat",
                "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06,
                "cache_read_input_token_cost": 1e-07,
                "input_cost_per_token_above_200k_tokens": 2e-06,
                "output_cost_per_token_above_200k_tokens": 6e-06,
                "cache_read_input_token_cost_above_200k_tokens": 3e-06}"#,
        );
        let p = price("x", &cached_above_input).unwrap();
        assert_eq!(p.tiers.len(), 1);
        assert_eq!(p.tiers[0].cached_input_per_mtok, None);
        assert_eq!(p.notes.len(), 1);
    }

    #[test]
    fn only_chat_models_get_tiers() {
        let embedding = entry(
            r#"{"litellm_provider": "x", "mode": "embedding",
                "input_cost_per_token": 1e-07,
                "input_cost_per_token_above_128k_tokens": 2e-07}"#,
        );
        let p = price("x", &embedding).unwrap();
        assert!(p.tiers.is_empty());
        assert!(p.notes.is_empty());
    }

    #[test]
    fn the_snapshot_spells_the_new_fields_as_the_engine_does() {
        let sonnet_4 = entry(
            r#"{"litellm_provider": "anthropic", "mode": "chat", "max_input_tokens": 200000,
                "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                "cache_read_input_token_cost": 3e-07,
                "cache_creation_input_token_cost": 3.75e-06,
                "input_cost_per_token_above_200k_tokens": 6e-06,
                "output_cost_per_token_above_200k_tokens": 2.25e-05,
                "cache_read_input_token_cost_above_200k_tokens": 6e-07,
                "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06}"#,
        );
        let gpt_4o = entry(
            r#"{"litellm_provider": "openai", "mode": "chat",
                "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05}"#,
        );
        let args = Args {
            path: "prices.json".into(),
            version: "1.109.1".into(),
            date: "2026-12-01".into(),
        };
        let models = [
            price("claude-sonnet-4", &sonnet_4).unwrap(),
            price("gpt-4o", &gpt_4o).unwrap(),
        ];
        let text = render(&args, &models);
        assert!(text.contains("use super::{Mode, Model, Tier};"), "{text}");
        assert!(
            text.contains(
                "cache_write_per_mtok: Some(3.75), context_tokens: Some(200000), \
                 tiers: &[Tier { above_input_tokens: 200000, input_per_mtok: 6.0, \
                 output_per_mtok: 22.5, cached_input_per_mtok: Some(0.6), \
                 cache_write_per_mtok: Some(7.5) }] },"
            ),
            "{text}"
        );
        assert!(
            text.contains("cache_write_per_mtok: None, context_tokens: None, tiers: &[] },"),
            "{text}"
        );
    }

    #[test]
    fn a_price_a_hundred_times_off_its_family_median_is_refused() {
        let llama = |provider: &str, price: f64| {
            format!(
                r#"{{"litellm_provider": "{provider}", "mode": "chat",
                    "input_cost_per_token": {price:e}, "output_cost_per_token": {price:e}}}"#
            )
        };
        let file = source(&format!(
            r#"{{"deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct": {},
                "together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo": {},
                "groq/llama-3.1-8b-instant": {},
                "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct": {},
                "wandb/meta-llama/Llama-3.1-8B-Instruct": {}}}"#,
            llama("deepinfra", 3e-8),
            llama("together_ai", 1.8e-7),
            llama("groq", 5e-8),
            llama("fireworks_ai", 1e-7),
            llama("wandb", 0.022),
        ));
        let families = Families::of(
            file.iter()
                .map(|(k, v)| price(k, &Entry::deserialize(v).unwrap()).unwrap())
                .collect::<Vec<_>>()
                .iter(),
        );
        let check = |key: &str| {
            let entry = Entry::deserialize(&file[key]).unwrap();
            families.check(&price(key, &entry).unwrap())
        };
        let refusal = check("wandb/meta-llama/Llama-3.1-8B-Instruct").unwrap_err();
        assert!(matches!(
            &refusal,
            Refusal::Outlier { family, median, members: 5, .. }
                if family == "llama-3.1-8b" && *median == 0.1
        ));
        assert!(refusal.to_string().contains("220000× above"), "{refusal}");
        assert_eq!(check("groq/llama-3.1-8b-instant"), Ok(()));
        assert_eq!(
            check("deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct"),
            Ok(())
        );
    }

    #[test]
    fn log_median_treats_an_even_pair_symmetrically() {
        assert_eq!(log_median(&[]), None);
        assert_eq!(log_median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(log_median(&[1.0, 100.0]), Some(10.0));
    }

    #[test]
    fn family_strips_hosts_dates_and_version_suffixes() {
        let cases = [
            ("gpt-4o", "gpt-4o"),
            ("gpt-4o-2024-08-06", "gpt-4o"),
            ("azure/gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
            ("gpt-4", "gpt-4"),
            ("gpt-4-0613", "gpt-4"),
            ("gpt-4.1-nano-2025-04-14", "gpt-4.1-nano"),
            ("claude-3-5-haiku-20241022", "claude-3-5-haiku"),
            ("claude-sonnet-4-5", "claude-sonnet-4-5"),
            (
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "claude-sonnet-4-5",
            ),
            ("vertex_ai/claude-sonnet-4-5@20250929", "claude-sonnet-4-5"),
            (
                "openrouter/meta-llama/llama-3.1-8b-instruct",
                "llama-3.1-8b",
            ),
            (
                "openrouter/meta-llama/llama-3-8b-instruct:free",
                "llama-3-8b",
            ),
            (
                "together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
                "llama-3.1-8b",
            ),
            (
                "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct",
                "llama-3.1-8b",
            ),
            ("groq/llama-3.1-8b-instant", "llama-3.1-8b"),
            ("cerebras/llama3.1-8b", "llama-3.1-8b"),
            ("wandb/meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b"),
            ("vertex_ai/meta/llama-3.1-8b-instruct-maas", "llama-3.1-8b"),
            ("mistral/mistral-small-latest", "mistral-small"),
            ("mistral/mistral-large-2512", "mistral-large"),
            ("gemini/gemini-2.5-flash", "gemini-2.5-flash"),
            ("gemini/gemini-3-flash-preview", "gemini-3-flash"),
            ("text-embedding-ada-002-v2", "text-embedding-ada"),
            ("hd/1024-x-1792/dall-e-3", "dall-e-3"),
            ("azure/standard/1024-x-1024/dall-e-3", "dall-e-3"),
            ("deepseek/deepseek-chat", "deepseek-chat"),
            ("wandb/deepseek-ai/DeepSeek-V3-0324", "deepseek-v3"),
            ("meta.llama3-1-8b-instruct-v1:0", "llama-3-1-8b"),
        ];
        for (id, want) in cases {
            assert_eq!(family(id), want, "{id}");
        }
    }

    #[test]
    fn selection_is_sorted_and_refuses_with_reasons() {
        let file = source(
            r#"{"sample_spec": {"max_input_tokens": "text"},
                "gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat",
                    "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07},
                "gpt-4o": {"litellm_provider": "openai", "mode": "chat",
                    "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05},
                "gpt-4.1": {"litellm_provider": "openai", "mode": "chat",
                    "input_cost_per_token": 0, "output_cost_per_token": 8e-06},
                "standard/1024-x-1024/dall-e-3": {"litellm_provider": "openai",
                    "mode": "image_generation", "input_cost_per_pixel": 3.81469e-08}}"#,
        );
        let selection = select(&file);
        let ids: Vec<&str> = selection.kept.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            ["gpt-4o", "gpt-4o-mini", "standard/1024-x-1024/dall-e-3"]
        );
        assert_eq!(selection.refused.len(), 1);
        assert_eq!(selection.refused[0].0, "gpt-4.1");
        assert!(selection.missing.iter().any(|id| id == "gpt-5"));
        assert!(
            selection
                .missing
                .iter()
                .any(|id| id == "azure sizes of dall-e-3")
        );
    }

    #[test]
    fn arguments_decode_once() {
        let args: Vec<String> = ["prices.json", "--version", "1.79.3", "--date", "2026-11-23"]
            .map(String::from)
            .to_vec();
        let want = Args {
            path: "prices.json".into(),
            version: "1.79.3".into(),
            date: "2026-11-23".into(),
        };
        assert_eq!(Args::parse(&args), Ok(Some(want)));
        let bad_date: Vec<String> = ["p", "--version", "1", "--date", "23/11/2026"]
            .map(String::from)
            .to_vec();
        assert!(Args::parse(&bad_date).is_err());
        assert!(Args::parse(&["p".to_owned()]).is_err());
    }

    #[test]
    fn days_since_epoch_become_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
