//! Built-in presets: one per planning memo in `shared/seeds/`, faithful to
//! the memo's own inputs, plus a blank start. Each is a scenario JSON file
//! beside this module, embedded at compile time; the tests prove every one
//! decodes and reproduces its memo's figures (`tests/memos.rs`).

use super::scenario::Scenario;
use super::validate;

/// A built-in scenario and where its numbers come from.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Stable id used by the command line and the page (`marketing-posts`).
    pub id: &'static str,
    pub title: &'static str,
    json: &'static str,
}

/// Where a preset's numbers come from ([`Preset::about`]).
#[derive(Clone, Copy, Debug)]
pub struct About {
    /// The preset's id.
    pub id: &'static str,
    /// What the memo plans, in one sentence.
    pub summary: &'static str,
    /// Inputs the memo does not give and the preset had to choose.
    pub assumptions: &'static str,
}

impl Preset {
    /// The preset's scenario. The tests guarantee every preset decodes; a
    /// broken one would fall back to the default scenario rather than panic.
    pub fn scenario(&self) -> Scenario {
        validate::decode(self.json).unwrap_or_default()
    }

    /// The scenario JSON as shipped.
    pub fn json(&self) -> &'static str {
        self.json
    }

    /// What the preset plans and what it had to assume.
    pub fn about(&self) -> Option<&'static About> {
        ABOUT.iter().find(|a| a.id == self.id)
    }
}

const PRESETS: &[Preset] = &[
    Preset {
        id: "coaching-chat",
        title: "Coaching chat with reel transcriber",
        json: include_str!("presets/coaching-chat.json"),
    },
    Preset {
        id: "marketing-posts",
        title: "Marketing post generator",
        json: include_str!("presets/marketing-posts.json"),
    },
    Preset {
        id: "real-estate-crm",
        title: "Real-estate CRM assistant",
        json: include_str!("presets/real-estate-crm.json"),
    },
    Preset {
        id: "product-tagging",
        title: "E-commerce tagging and recommendations",
        json: include_str!("presets/product-tagging.json"),
    },
    Preset {
        id: "inbox-classifier",
        title: "Inbox classifier",
        json: include_str!("presets/inbox-classifier.json"),
    },
    Preset {
        id: "blank",
        title: "Start from scratch",
        json: include_str!("presets/blank.json"),
    },
];

/// What each preset plans and assumes, apart from [`PRESETS`]: the page
/// does not show it, so its text stays out of the page's wasm (about 1 KB
/// gzipped of the first download, 2026-12-01).
const ABOUT: &[About] = &[
    About {
        id: "coaching-chat",
        summary: "GPT-5 chat plus a slow reel transcriber (2 concurrent, 25-30 s), OpenAI \
                  Tier 2 limits, $20 per paying user, 100 daily active users (memo 001).",
        assumptions: "400 input tokens (half from the prompt cache) and 40 output tokens a \
                      message, chosen to match the memo's ~$20/month of OpenAI at 1,000 \
                      messages a day; $0.05 a reel (Apify $0.015 + Gemini $0.035, the middle \
                      of the memo's ranges); every user pays. The memo plans for 100, then \
                      1,000 daily users: 25 % growth a month net of 3 % churn gets there in \
                      about a year. Its budget ($100 a month, a $5 daily alert, $50 of \
                      prepaid credit) is an example, so the page opens with every figure.",
    },
    About {
        id: "marketing-posts",
        summary: "Image-prompt and caption calls on GPT-4o for each post, optional DALL-E 3 \
                  images, 50 users at 50 posts an hour each (memo 000).",
        assumptions: "Sustained load of 50 posts an hour for 24 hours (the memo's $510/day); \
                      the memo's Tier 2 limit of 100,000 tokens a minute; latency 3.5 s \
                      (the memo's 2-5 s). No pricing: the memo has none.",
    },
    About {
        id: "real-estate-crm",
        summary: "GPT-3.5 with GPT-4 for complex leads, market data, email and CRM APIs, \
                  caching, the memo's rate limits and its $50/day and $1,000/month alerts \
                  (memo 002).",
        assumptions: "10 agents; 10 lead replies, 5 market lookups and 100 emails an agent a \
                      day (the memo's 1,000 emails/day limit); $0.10 a market-data call and \
                      $0.001 an email, chosen so Phase 1 lands near the memo's targets; 30 % \
                      cache hits on AI replies (24 h TTL), 50 % on market data (1 h TTL). \
                      Volumes stay inside the memo's 100,000 tokens a day.",
    },
    About {
        id: "product-tagging",
        summary: "Vision + LLM tagging of 200 new SKUs a day and Llama 3.1 8B ranking of \
                  20,000 pageviews a day at a 60 % cache hit rate (memo 003).",
        assumptions: "The memo's prices are written per 1K tokens ($0.05/$0.20 for Llama, \
                      $0.15/$0.60 for GPT-4o-mini), 1000x the real ones: the preset keeps \
                      them as custom models so its table reproduces, and the comparison \
                      shows the catalog's real prices beside them. 2,000 shoppers at 10 \
                      pageviews a day make the memo's 20,000.",
    },
    About {
        id: "inbox-classifier",
        summary: "20 users with 500 emails each to classify on GPT-4o, a semaphore of 10 at \
                  ~3 s, 10,000 RPM, 11 % retried 429s and $18.04 of credit (memo 004).",
        assumptions: "400 input and 20 output tokens an email ($0.0012, inside the memo's \
                      $0.001-0.002); 50 new emails a user a day after the first fetch (the \
                      memo's $1-5/day); Lambda at $0.20 per 1,000 invocations.",
    },
    About {
        id: "blank",
        summary: "One feature with one LLM call on the default model, to build on.",
        assumptions: "",
    },
];

/// Every built-in preset, the default first: the one memo that gives
/// pricing and limits, so the page opens with every figure and panel.
pub fn all() -> &'static [Preset] {
    PRESETS
}

/// The preset a new visitor sees.
pub fn default_preset() -> &'static Preset {
    &PRESETS[0]
}

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_decodes_and_validates() {
        for p in all() {
            let s = validate::decode(p.json).unwrap_or_else(|e| panic!("{}: {e}", p.id));
            assert_eq!(s.name, p.title, "{}: the scenario name is the title", p.id);
        }
    }

    #[test]
    fn every_preset_as_version_1_opens_with_the_same_figures() {
        // The presets were version-1 files until version 2; written back
        // with version 1 they must give the same scenario and figures.
        for p in all() {
            let v1 = p.json.replacen("\"version\": 2", "\"version\": 1", 1);
            assert_ne!(v1, p.json, "{}: the preset names its version", p.id);
            let old = validate::decode(&v1).unwrap_or_else(|e| panic!("{}: {e}", p.id));
            assert_eq!(old, p.scenario(), "{}", p.id);
            let figures = |s: &Scenario| {
                serde_json::to_string(&crate::engine::evaluate(s).expect("valid")).expect("JSON")
            };
            assert_eq!(figures(&old), figures(&p.scenario()), "{}", p.id);
        }
    }

    #[test]
    fn every_preset_says_what_it_plans() {
        assert_eq!(ABOUT.len(), PRESETS.len());
        for p in all() {
            let about = p.about().unwrap_or_else(|| panic!("{}: no notes", p.id));
            assert!(!about.summary.is_empty(), "{}", p.id);
        }
    }

    #[test]
    fn ids_are_unique_and_findable() {
        for p in all() {
            assert_eq!(find(p.id).map(|f| f.id), Some(p.id));
        }
        assert!(find("nope").is_none());
    }
}
