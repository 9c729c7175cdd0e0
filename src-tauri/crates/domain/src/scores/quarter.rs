//! The quarter's ranking (seed 002: 季度考核前三名分别奖励300元、200元、100元): the mean composite
//! over the quarter's three months ranks the people with three complete months, among those on
//! the same template; ties share a rank and its reward (1, 2, 2, 4); the top three ranks are
//! rewarded by the amounts in force.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{ScoreMonth, round2};

/// A quarter of a year: `2026Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, specta::Type)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub quarter: u32,
}

impl Quarter {
    /// Reads `2026Q4` (or `2026q4`).
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, q) = text.trim().split_once(['Q', 'q'])?;
        let year: i32 = year.parse().ok().filter(|y| (1900..=9999).contains(y))?;
        let quarter: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        Some(Quarter { year, quarter })
    }

    /// The quarter a month belongs to.
    pub fn of(month: ScoreMonth) -> Quarter {
        Quarter {
            year: month.year(),
            quarter: (month.month() - 1) / 3 + 1,
        }
    }

    /// Its three months, in order.
    pub fn months(self) -> [ScoreMonth; 3] {
        let first = (self.quarter - 1) * 3 + 1;
        [0, 1, 2].map(|i| ScoreMonth::new(self.year, first + i).expect("a quarter's month"))
    }

    pub fn last_day(self) -> NaiveDate {
        self.months()[2].last_day()
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}Q{}", self.year, self.quarter)
    }
}

/// One person's composites in the quarter's months (None: not complete that month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterEntry {
    pub person: String,
    pub template: i64,
    pub composites: [Option<Decimal>; 3],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterRank {
    pub person: String,
    pub template: i64,
    /// The three months' mean, half up at 2 places.
    pub mean: Decimal,
    pub rank: u32,
    /// 0 below the top three.
    pub reward_fen: i64,
}

/// Ranks the people with three complete months, per template; `rewards` are the first, second
/// and third places' amounts. Sorted by template, rank, then person.
pub fn quarter_ranking(entries: &[QuarterEntry], rewards: [i64; 3]) -> Vec<QuarterRank> {
    let mut by_template: HashMap<i64, Vec<(String, Decimal)>> = HashMap::new();
    for e in entries {
        let [Some(a), Some(b), Some(c)] = e.composites else {
            continue;
        };
        by_template
            .entry(e.template)
            .or_default()
            .push((e.person.clone(), round2((a + b + c) / Decimal::from(3))));
    }
    let mut out = Vec::new();
    let mut templates: Vec<i64> = by_template.keys().copied().collect();
    templates.sort_unstable();
    for template in templates {
        let mut people = by_template.remove(&template).unwrap_or_default();
        people.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut rank = 0;
        for (i, (person, mean)) in people.iter().enumerate() {
            if i == 0 || people[i - 1].1 != *mean {
                rank = i as u32 + 1;
            }
            let reward_fen = match rank {
                1..=3 => rewards[rank as usize - 1],
                _ => 0,
            };
            out.push(QuarterRank {
                person: person.clone(),
                template,
                mean: *mean,
                rank,
                reward_fen,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn entry(person: &str, template: i64, c: [Option<&str>; 3]) -> QuarterEntry {
        QuarterEntry {
            person: person.into(),
            template,
            composites: c.map(|x| x.map(d)),
        }
    }

    const REWARDS: [i64; 3] = [30_000, 20_000, 10_000];

    #[test]
    fn quarters_parse_and_know_their_months() {
        let q = Quarter::parse("2026Q4").unwrap();
        assert_eq!(q.to_string(), "2026Q4");
        assert_eq!(
            q.months().map(|m| m.to_string()),
            ["2026-10", "2026-11", "2026-12"]
        );
        assert_eq!(q.last_day().to_string(), "2026-12-31");
        assert_eq!(
            Quarter::of(ScoreMonth::parse("2026-05").unwrap()),
            Quarter::parse("2026q2").unwrap()
        );
        for bad in ["2026Q5", "2026Q0", "2026-4", "Q4", "2026Q"] {
            assert!(Quarter::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_mean_of_three_months_ranks_and_the_top_three_are_rewarded() {
        let ranks = quarter_ranking(
            &[
                entry("a", 1, [Some("90"), Some("91"), Some("92")]),
                entry("b", 1, [Some("80"), Some("80"), Some("80.01")]),
                entry("c", 1, [Some("85"), Some("85"), Some("85")]),
                entry("d", 1, [Some("70"), Some("70"), Some("70")]),
            ],
            REWARDS,
        );
        let got: Vec<(&str, String, u32, i64)> = ranks
            .iter()
            .map(|r| {
                (
                    r.person.as_str(),
                    format!("{:.2}", r.mean),
                    r.rank,
                    r.reward_fen,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a", "91.00".into(), 1, 30_000),
                ("c", "85.00".into(), 2, 20_000),
                ("b", "80.00".into(), 3, 10_000),
                ("d", "70.00".into(), 4, 0),
            ]
        );
    }

    #[test]
    fn ties_share_a_rank_and_its_reward() {
        let ranks = quarter_ranking(
            &[
                entry("a", 1, [Some("90"), Some("90"), Some("90")]),
                entry("b", 1, [Some("90"), Some("90"), Some("90")]),
                entry("c", 1, [Some("85"), Some("85"), Some("85")]),
                entry("e", 1, [Some("80"), Some("80"), Some("80")]),
            ],
            REWARDS,
        );
        let got: Vec<(&str, u32, i64)> = ranks
            .iter()
            .map(|r| (r.person.as_str(), r.rank, r.reward_fen))
            .collect();
        assert_eq!(
            got,
            [
                ("a", 1, 30_000),
                ("b", 1, 30_000),
                ("c", 3, 10_000),
                ("e", 4, 0)
            ]
        );
    }

    #[test]
    fn someone_missing_a_month_is_left_out_and_templates_rank_apart() {
        let ranks = quarter_ranking(
            &[
                entry("a", 1, [Some("99"), None, Some("99")]),
                entry("b", 1, [Some("60"), Some("60"), Some("60")]),
                entry("s", 2, [Some("70"), Some("70"), Some("70")]),
            ],
            REWARDS,
        );
        let got: Vec<(&str, i64, u32)> = ranks
            .iter()
            .map(|r| (r.person.as_str(), r.template, r.rank))
            .collect();
        assert_eq!(got, [("b", 1, 1), ("s", 2, 1)]);
    }

    #[test]
    fn the_mean_rounds_half_up_at_two_places() {
        let ranks = quarter_ranking(
            &[entry("a", 1, [Some("80.00"), Some("80.00"), Some("80.01")])],
            REWARDS,
        );
        assert_eq!(ranks[0].mean, d("80.00"));
        let ranks = quarter_ranking(
            &[entry("a", 1, [Some("80.00"), Some("80.01"), Some("80.01")])],
            REWARDS,
        );
        assert_eq!(ranks[0].mean, d("80.01"));
        let ranks = quarter_ranking(
            &[entry("a", 1, [Some("0.01"), Some("0.00"), Some("0.005")])],
            REWARDS,
        );
        assert_eq!(ranks[0].mean, d("0.01"));
    }
}
