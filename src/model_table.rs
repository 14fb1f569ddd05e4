//! The model comparison as the page's panel shows it: the candidates of
//! `Plan::model_options` under the panel's filters, the providers to pick
//! from, the rows the table shows, the summary sentence and how a saving
//! reads. Pure, so the page and native tests read the same; it computes no
//! cost itself (the engine does) and must not touch `leptos`, `web_sys` or
//! `plotters`.

use crate::engine::switch::{ModelFilter, ModelOption};
use crate::engine::{Plan, Scenario};
use crate::format::{count, money, percent};

/// The minimum context windows the panel offers: tokens (0: any) and words.
/// "128k" is 128,000 tokens, so a 131,072-token model passes it.
pub const MIN_CONTEXTS: [(u32, &str); 5] = [
    (0, "Any"),
    (32_000, "32k tokens or more"),
    (128_000, "128k tokens or more"),
    (200_000, "200k tokens or more"),
    (1_000_000, "1M tokens or more"),
];

/// Rows the table shows until asked for all (today's model always shows).
pub const FIRST_ROWS: usize = 20;

/// The engine's filter for the panel's inputs: a provider (`None`: any),
/// an index into [`MIN_CONTEXTS`] (out of range: any) and a search text.
pub fn filter(provider: Option<String>, min_context: usize, text: String) -> ModelFilter {
    ModelFilter {
        provider,
        min_context_tokens: MIN_CONTEXTS
            .get(min_context)
            .map(|(tokens, _)| *tokens)
            .filter(|t| *t > 0),
        text,
    }
}

/// What the panel shows of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelTable {
    /// Every candidate's provider and how many models it has, by name; a
    /// provider the filter names but no candidate has, with 0.
    pub providers: Vec<(String, usize)>,
    /// Candidates before filtering; none when no llm step uses `"default"`.
    pub total: usize,
    /// The candidates that pass the filter, cheapest first.
    pub rows: Vec<ModelOption>,
    /// Today's monthly cost, USD.
    pub today_cost: f64,
    pub users: f64,
}

impl ModelTable {
    /// The table of `s` (compiled as `plan`) under `filter`.
    pub fn of(plan: &Plan, s: &Scenario, filter: &ModelFilter) -> ModelTable {
        let all = plan.model_options(s, &ModelFilter::default());
        let mut providers: Vec<(String, usize)> = Vec::new();
        for o in &all {
            match providers.iter_mut().find(|(p, _)| *p == o.provider) {
                Some((_, n)) => *n += 1,
                None => providers.push((o.provider.to_string(), 1)),
            }
        }
        // A provider picked before the scenario changed stays selectable.
        if let Some(p) = &filter.provider
            && !providers.iter().any(|(q, _)| q == p)
        {
            providers.push((p.clone(), 0));
        }
        // By name. An insertion sort: a handful of providers, and the
        // standard library's sorts cost kilobytes of wasm.
        for i in 1..providers.len() {
            let mut j = i;
            while j > 0 && providers[j - 1].0 > providers[j].0 {
                providers.swap(j - 1, j);
                j -= 1;
            }
        }
        let total = all.len();
        let rows = if *filter == ModelFilter::default() {
            all
        } else {
            plan.model_options(s, filter)
        };
        ModelTable {
            providers,
            total,
            rows,
            today_cost: plan.costs_at(plan.users()).monthly_cost,
            users: plan.users(),
        }
    }

    /// The rows the table shows: all of them (`all`, or no more than five
    /// past [`FIRST_ROWS`]), else the first [`FIRST_ROWS`] and today's
    /// model; and whether rows are left out before the last one shown.
    pub fn shown(&self, all: bool) -> (Vec<&ModelOption>, bool) {
        if all || self.rows.len() <= FIRST_ROWS + 5 {
            return (self.rows.iter().collect(), false);
        }
        let mut out: Vec<&ModelOption> = self.rows.iter().take(FIRST_ROWS).collect();
        let today = self.rows.iter().skip(FIRST_ROWS).find(|o| o.is_current);
        out.extend(today);
        (out, today.is_some())
    }

    /// How many models pass the filter, which is cheapest and where
    /// today's ranks; empty when none passes.
    pub fn summary(&self) -> String {
        let Some(best) = self.rows.first() else {
            return String::new();
        };
        let of = if self.rows.len() == self.total {
            models(self.total)
        } else {
            format!(
                "{} of {}",
                count(self.rows.len() as f64),
                models(self.total)
            )
        };
        let cheapest = if best.is_current {
            "Today's model is the cheapest of them.".to_owned()
        } else if best.saving > 0.0 {
            format!(
                "The cheapest, {}, costs {} a month: {} less than today.",
                best.model,
                money(best.monthly_cost),
                money(best.saving)
            )
        } else {
            format!(
                "None of them is cheaper than today's {} a month.",
                money(self.today_cost)
            )
        };
        let rank = match self.rows.iter().position(|o| o.is_current) {
            Some(i) if i > 0 => format!(" Today's model ranks {} of {}.", i + 1, self.rows.len()),
            _ => String::new(),
        };
        [of, ". ".into(), cheapest, rank].concat()
    }
}

/// "1 model", "88 models".
fn models(n: usize) -> String {
    let noun = if n == 1 { "model" } else { "models" };
    format!("{} {noun}", count(n as f64))
}

/// A saving as the table writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saving {
    /// 1 cheaper than today, -1 costlier, 0 the same (or today's model).
    pub sign: i8,
    /// Signed money, `+` when cheaper: "+$19.96", "−$4.35"; "today" on
    /// today's model.
    pub amount: String,
    /// The saving as a share of today's monthly cost ("49.6%", "−11%");
    /// empty on today's model or when today costs nothing.
    pub share: String,
}

impl Saving {
    pub fn of(o: &ModelOption, today_cost: f64) -> Saving {
        if o.is_current {
            return Saving {
                sign: 0,
                amount: "today".into(),
                share: String::new(),
            };
        }
        let sign: i8 = if o.saving > 0.0 {
            1
        } else if o.saving < 0.0 {
            -1
        } else {
            0
        };
        let plus = if sign > 0 { "+" } else { "" };
        Saving {
            sign,
            amount: [plus, &money(o.saving)].concat(),
            share: if today_cost > 0.0 {
                percent(o.saving / today_cost)
            } else {
                String::new()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets;

    fn table(id: &str, filter: &ModelFilter) -> ModelTable {
        let s = presets::find(id).expect("preset").scenario();
        let plan = Plan::new(&s).expect("valid");
        ModelTable::of(&plan, &s, filter)
    }

    fn option(model: &str, cost: f64, today: f64, is_current: bool) -> ModelOption {
        ModelOption::sample(model, cost, today, is_current)
    }

    fn of(rows: Vec<ModelOption>, today_cost: f64) -> ModelTable {
        ModelTable {
            providers: Vec::new(),
            total: rows.len(),
            rows,
            today_cost,
            users: 10.0,
        }
    }

    #[test]
    fn the_table_is_the_engines_options_under_the_filter() {
        let filters = [
            ModelFilter::default(),
            filter(Some("anthropic".into()), 3, "sonnet".into()),
            filter(None, 4, "FLASH".into()),
        ];
        for p in presets::all() {
            let s = p.scenario();
            let plan = Plan::new(&s).expect("valid");
            let all = plan.model_options(&s, &ModelFilter::default());
            for f in &filters {
                let t = ModelTable::of(&plan, &s, f);
                assert_eq!(t.rows, plan.model_options(&s, f), "{}", p.id);
                assert_eq!(t.total, all.len());
                assert_eq!(t.today_cost, plan.report(&s).monthly_cost, "{}", p.id);
                let names: Vec<&str> = t.providers.iter().map(|(p, _)| p.as_str()).collect();
                let mut sorted = names.clone();
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(names, sorted, "{}: providers by name, once each", p.id);
                let counted: usize = t.providers.iter().map(|(_, n)| n).sum();
                assert_eq!(counted, all.len(), "{}", p.id);
            }
        }
    }

    #[test]
    fn a_provider_picked_earlier_stays_in_the_list() {
        let t = table(
            "coaching-chat",
            &filter(Some("acme".into()), 0, String::new()),
        );
        assert!(t.rows.is_empty());
        assert!(t.providers.contains(&("acme".to_owned(), 0)));
        assert_eq!(t.summary(), "");
    }

    #[test]
    fn min_contexts_map_to_tokens() {
        assert_eq!(filter(None, 0, String::new()), ModelFilter::default());
        assert_eq!(
            filter(None, 2, String::new()).min_context_tokens,
            Some(128_000)
        );
        assert_eq!(
            filter(None, 4, String::new()).min_context_tokens,
            Some(1_000_000)
        );
        assert_eq!(filter(None, 99, String::new()).min_context_tokens, None);
    }

    #[test]
    fn the_first_rows_and_todays_show_until_all_are_asked_for() {
        let today = 100.0;
        let mut rows: Vec<ModelOption> = (0..40)
            .map(|i| option(&format!("m{i:02}"), f64::from(i), today, false))
            .collect();
        rows.push(option("today", today, today, true));
        let t = of(rows, today);
        let (shown, gap) = t.shown(false);
        assert_eq!(shown.len(), FIRST_ROWS + 1);
        assert!(gap);
        assert_eq!(shown.last().map(|o| o.is_current), Some(true));
        let (shown, gap) = t.shown(true);
        assert_eq!((shown.len(), gap), (41, false));
        // Today's model among the first rows: no gap, nothing appended.
        let t = of(t.rows[..].iter().rev().cloned().collect(), today);
        let (shown, gap) = t.shown(false);
        assert_eq!((shown.len(), gap), (FIRST_ROWS, false));
        // A few more than the first rows: all of them.
        let t = of(t.rows[..FIRST_ROWS + 5].to_vec(), today);
        assert_eq!(t.shown(false).0.len(), FIRST_ROWS + 5);
    }

    #[test]
    fn the_summary_names_the_cheapest_and_todays_rank() {
        let t = table("coaching-chat", &ModelFilter::default());
        let text = t.summary();
        let best = &t.rows[0];
        assert!(
            text.starts_with(&format!(
                "{} models. The cheapest, {}, costs ",
                t.total, best.model
            )),
            "{text}"
        );
        let rank = t.rows.iter().position(|o| o.is_current).expect("today") + 1;
        assert!(
            text.ends_with(&format!(" Today's model ranks {rank} of {}.", t.total)),
            "{text}"
        );

        let today = 10.0;
        let t = of(
            vec![
                option("a", 10.0, today, true),
                option("b", 12.0, today, false),
            ],
            today,
        );
        assert_eq!(
            t.summary(),
            "2 models. Today's model is the cheapest of them."
        );
        let mut t = of(vec![option("b", 12.0, today, false)], today);
        t.total = 3;
        assert_eq!(
            t.summary(),
            "1 of 3 models. None of them is cheaper than today's $10.00 a month."
        );
        let t = of(vec![option("c", 8.0, today, false)], today);
        assert_eq!(
            t.summary(),
            "1 model. The cheapest, c, costs $8.00 a month: $2.00 less than today."
        );
    }

    #[test]
    fn savings_read_signed_with_their_share() {
        let today = 40.0;
        assert_eq!(
            Saving::of(&option("a", 30.0, today, false), today),
            Saving {
                sign: 1,
                amount: "+$10.00".into(),
                share: "25%".into()
            }
        );
        assert_eq!(
            Saving::of(&option("b", 50.0, today, false), today),
            Saving {
                sign: -1,
                amount: "−$10.00".into(),
                share: "−25%".into()
            }
        );
        assert_eq!(Saving::of(&option("c", 40.0, today, false), today).sign, 0);
        assert_eq!(
            Saving::of(&option("d", 40.0, today, true), today),
            Saving {
                sign: 0,
                amount: "today".into(),
                share: String::new()
            }
        );
        assert_eq!(Saving::of(&option("e", 1.0, 0.0, false), 0.0).share, "");
    }
}
