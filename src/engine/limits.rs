//! Rate limits as providers apply them (DESIGN.md, "Billing and limit
//! rules"): which tokens of a request each kind of limit counts, per
//! provider ([`Counting`], one table, sources in `docs/limits.md`), and how
//! a scenario's `limits[]` entries become limit pools that steps count
//! against ([`Pools`]). The loads themselves are computed in `capacity`.
//! Pure data and arithmetic; no web crates.

use super::prices::RunTokens;
use super::scenario::Limit;

/// How a provider counts a request's tokens against its limits. One row
/// per provider family; each rule's public source and date are in
/// `docs/limits.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// OpenAI (and Azure OpenAI): TPM counts every input token, cached ones
    /// included, plus `max_tokens` when the request sets it (the limiter
    /// reserves it up front), else the output and reasoning tokens.
    OpenAi,
    /// Anthropic: ITPM counts uncached input plus cache writes (cache reads
    /// are free of it); OTPM counts output plus (extended thinking)
    /// reasoning tokens.
    Anthropic,
    /// Google Gemini API: TPM counts input tokens.
    Gemini,
    /// Every other provider: TPM counts input plus output plus reasoning.
    Other,
}

/// What one real-time request counts toward each kind of token limit.
/// `TPD` counts the same tokens as `TPM`, over a day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RequestTokens {
    pub tpm: f64,
    pub itpm: f64,
    pub otpm: f64,
}

impl Counting {
    /// The counting rule of `provider` (a catalog or custom model's
    /// provider, as LiteLLM names them).
    pub fn of(provider: &str) -> Counting {
        match provider {
            "openai" | "azure" | "text-completion-openai" => Counting::OpenAi,
            "anthropic" => Counting::Anthropic,
            "gemini" => Counting::Gemini,
            _ => Counting::Other,
        }
    }

    /// The rule's name, as `docs/limits.md` and the report say it.
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::OpenAi => "openai",
            Counting::Anthropic => "anthropic",
            Counting::Gemini => "gemini",
            Counting::Other => "other",
        }
    }

    /// The tokens one request of shape `t` (and `max_tokens`, when set)
    /// counts toward TPM, ITPM and OTPM. ITPM always counts the input the
    /// provider meters (Anthropic: uncached input and cache writes; others:
    /// all input); OTPM counts output plus reasoning, or `max_tokens` where
    /// the provider reserves it.
    pub fn request_tokens(self, t: &RunTokens, max_tokens: Option<f64>) -> RequestTokens {
        let output = t.output + t.reasoning;
        let all_input = t.input;
        match self {
            Counting::OpenAi => {
                let reserved = max_tokens.unwrap_or(output);
                RequestTokens {
                    tpm: all_input + reserved,
                    itpm: all_input,
                    otpm: reserved,
                }
            }
            Counting::Anthropic => {
                let metered = t.input * (1.0 - t.cached_share);
                RequestTokens {
                    tpm: all_input + output,
                    itpm: metered,
                    otpm: output,
                }
            }
            Counting::Gemini => RequestTokens {
                tpm: all_input,
                itpm: all_input,
                otpm: output,
            },
            Counting::Other => RequestTokens {
                tpm: all_input + output,
                itpm: all_input,
                otpm: output,
            },
        }
    }
}

/// The kinds of limit a pool may set, in the order the report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitKind {
    Rpm,
    Rpd,
    Tpm,
    Itpm,
    Otpm,
    Tpd,
}

impl LimitKind {
    pub const ALL: [LimitKind; 6] = [
        LimitKind::Rpm,
        LimitKind::Rpd,
        LimitKind::Tpm,
        LimitKind::Itpm,
        LimitKind::Otpm,
        LimitKind::Tpd,
    ];

    /// The field's standard name: "RPM", "ITPM", …
    pub fn as_str(self) -> &'static str {
        match self {
            LimitKind::Rpm => "RPM",
            LimitKind::Rpd => "RPD",
            LimitKind::Tpm => "TPM",
            LimitKind::Itpm => "ITPM",
            LimitKind::Otpm => "OTPM",
            LimitKind::Tpd => "TPD",
        }
    }

    /// The scenario field (`limits[i].rpm`).
    pub fn field(self) -> &'static str {
        match self {
            LimitKind::Rpm => "rpm",
            LimitKind::Rpd => "rpd",
            LimitKind::Tpm => "tpm",
            LimitKind::Itpm => "itpm",
            LimitKind::Otpm => "otpm",
            LimitKind::Tpd => "tpd",
        }
    }

    /// Whether the limit is per minute (a single request larger than it can
    /// never pass), as opposed to per day.
    pub fn per_minute(self) -> bool {
        !matches!(self, LimitKind::Rpd | LimitKind::Tpd)
    }

    /// This limit of entry `l`, per organisation.
    pub fn of(self, l: &Limit) -> Option<f64> {
        match self {
            LimitKind::Rpm => l.rpm,
            LimitKind::Rpd => l.rpd,
            LimitKind::Tpm => l.tpm,
            LimitKind::Itpm => l.itpm,
            LimitKind::Otpm => l.otpm,
            LimitKind::Tpd => l.tpd,
        }
    }
}

/// Which `limits[]` entry a model's requests count against: the entry of
/// its provider that names the model, else the provider's entry without
/// `models`, else none (its provider has no limits for it).
pub fn pool_of<'a>(limits: &'a [Limit], provider: &str, model: &str) -> Option<&'a Limit> {
    let mut rest = None;
    for l in limits.iter().filter(|l| l.provider == provider) {
        match &l.models {
            Some(models) if models.iter().any(|m| m == model) => return Some(l),
            Some(_) => {}
            None => rest = rest.or(Some(l)),
        }
    }
    rest
}

/// A pool's name in words: `"anthropic · claude-sonnet-4"`, `"openai ·
/// other models"` when the provider also has pools of named models, or just
/// the provider.
pub fn pool_name(limits: &[Limit], provider: &str, models: Option<&[String]>) -> String {
    match models {
        Some(models) => format!("{provider} · {}", models.join(", ")),
        None if limits
            .iter()
            .any(|l| l.provider == provider && l.models.is_some()) =>
        {
            format!("{provider} · other models")
        }
        None => provider.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(input: f64, output: f64, reasoning: f64, cached: f64, write: f64) -> RunTokens {
        RunTokens {
            input,
            output,
            reasoning,
            cached_share: cached,
            cache_write_share: write,
            batch_share: 0.0,
        }
    }

    #[test]
    fn openai_reserves_max_tokens_and_counts_cached_input() {
        let t = tokens(1000.0, 200.0, 0.0, 0.5, 0.0);
        let r = Counting::OpenAi.request_tokens(&t, Some(4000.0));
        assert_eq!(r.tpm, 5000.0);
        let r = Counting::OpenAi.request_tokens(&tokens(1000.0, 200.0, 300.0, 0.5, 0.0), None);
        assert_eq!(r.tpm, 1500.0);
    }

    #[test]
    fn anthropic_itpm_skips_cache_reads_but_counts_cache_writes() {
        // 20,000 input, 90 % read from the cache: 2,000 metered.
        let r = Counting::Anthropic.request_tokens(&tokens(20_000.0, 500.0, 0.0, 0.9, 0.0), None);
        assert!((r.itpm - 2000.0).abs() < 1e-9, "{}", r.itpm);
        assert_eq!(r.otpm, 500.0);
        // Writes are metered: 4 uncached + 10,000 written.
        let r =
            Counting::Anthropic.request_tokens(&tokens(10_004.0, 400.0, 0.0, 0.0, 0.9996), None);
        assert!((r.itpm - 10_004.0).abs() < 1e-6);
        // Reasoning counts as output.
        let r = Counting::Anthropic.request_tokens(&tokens(100.0, 300.0, 1500.0, 0.0, 0.0), None);
        assert_eq!(r.otpm, 1800.0);
    }

    #[test]
    fn gemini_tpm_counts_input_only() {
        let r = Counting::Gemini.request_tokens(&tokens(1000.0, 500.0, 100.0, 0.0, 0.0), None);
        assert_eq!((r.tpm, r.otpm), (1000.0, 600.0));
    }

    #[test]
    fn others_count_input_and_output() {
        let r =
            Counting::of("deepseek").request_tokens(&tokens(1000.0, 500.0, 100.0, 0.3, 0.0), None);
        assert_eq!(r.tpm, 1600.0);
    }

    #[test]
    fn a_model_named_by_an_entry_uses_it_and_the_rest_use_the_provider_entry() {
        let mut mini = Limit::new("openai");
        mini.models = Some(vec!["gpt-4o-mini".into()]);
        mini.rpm = Some(150.0);
        let mut rest = Limit::new("openai");
        rest.rpm = Some(500.0);
        let limits = vec![rest, mini];
        assert_eq!(
            pool_of(&limits, "openai", "gpt-4o-mini").and_then(|l| l.rpm),
            Some(150.0)
        );
        assert_eq!(
            pool_of(&limits, "openai", "gpt-4o").and_then(|l| l.rpm),
            Some(500.0)
        );
        assert!(pool_of(&limits, "anthropic", "claude-sonnet-4-5").is_none());
        assert_eq!(pool_name(&limits, "openai", None), "openai · other models");
        assert_eq!(
            pool_name(&limits, "openai", limits[1].models.as_deref()),
            "openai · gpt-4o-mini"
        );
        assert_eq!(pool_name(&limits, "gemini", None), "gemini");
    }
}
