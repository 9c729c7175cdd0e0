//! The quarter's ranking and its rewards (seed 002): the mean composite of the quarter's three
//! months ranks the people complete in all three, per template; publishing the quarter's last
//! month books the top three's rewards in the ledger as `quarter_reward` at 00:00 site time on
//! the quarter's last day. Booking reconciles: a reward already standing as it should is left,
//! one that no longer should (a republished month changed the ranking) is voided, a missing one
//! is booked, so publishing again never books twice and never edits a record.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use floordesk_domain::scores::{Quarter, QuarterEntry, ScoreMonth, quarter_ranking};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::results::Computed;
use crate::incidents::ledger::supersede;
use crate::incidents::record::{Confirmation, import_approver, record_and_confirm_in};
use crate::incidents::{IncidentInput, IncidentSource};
use crate::{Actor, Result, Store, to_ms};

const RULE: &str = "quarter_reward";

/// One person's place in the quarter.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct QuarterRow {
    pub person: String,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub template_id: i64,
    pub template_name: String,
    /// The three months' mean composite, half up at 2 places.
    pub mean_composite: f64,
    /// The same exactly, as text ('89.99').
    pub mean_text: String,
    /// Among those on the same template; ties share it.
    pub rank: u32,
    /// 0 below the top three.
    pub reward_fen: i64,
}

/// Reads `2026Q4`, or fails naming the text.
pub fn parse_quarter(text: &str) -> Result<Quarter> {
    Quarter::parse(text).ok_or_else(|| {
        Problem::new(
            ErrorCode::ScoresBadMonth,
            format!("'{text}' is not a quarter like 2026Q4"),
        )
        .with("value", text)
        .into()
    })
}

/// Who a person is, for the ranking's rows: 工号, name, team (id and name), template name.
type About = (String, String, Option<i64>, Option<String>, String);

/// What the ranking needs besides the scores: the months read so far, the amounts, the instant
/// rewards are booked at and who approves them.
pub(crate) struct QuarterPlan {
    quarter: Quarter,
    entries: HashMap<String, QuarterEntry>,
    about: HashMap<String, About>,
    rewards: [i64; 3],
    ts: DateTime<Utc>,
    approver: Option<i64>,
}

impl QuarterPlan {
    fn add(
        &mut self,
        index: usize,
        person: &str,
        template: i64,
        composite: Option<Decimal>,
        about: About,
    ) {
        let e = self
            .entries
            .entry(person.to_owned())
            .or_insert_with(|| QuarterEntry {
                person: person.to_owned(),
                template,
                composites: [None; 3],
            });
        // Someone moved to another template mid-quarter is ranked on the last one.
        e.template = template;
        e.composites[index] = composite;
        self.about.insert(person.to_owned(), about);
    }

    /// The quarter's last month as the publication computes it.
    pub fn add_last_month(&mut self, computed: &Computed) {
        for r in &computed.results {
            let Some(p) = computed.people.get(&r.person) else {
                continue;
            };
            let template_name = computed
                .template_names
                .get(&r.template)
                .cloned()
                .unwrap_or_default();
            self.add(
                2,
                &r.person,
                r.template,
                r.composite,
                (
                    p.employee_no.clone(),
                    p.name.clone(),
                    p.team_id,
                    p.team_name.clone(),
                    template_name,
                ),
            );
        }
    }

    fn rows(&self) -> Vec<QuarterRow> {
        let entries: Vec<QuarterEntry> = self.entries.values().cloned().collect();
        let mut rows: Vec<QuarterRow> = quarter_ranking(&entries, self.rewards)
            .into_iter()
            .filter_map(|r| {
                let (employee_no, name, team_id, team_name, template_name) =
                    self.about.get(&r.person)?.clone();
                Some(QuarterRow {
                    person: r.person,
                    employee_no,
                    name,
                    team_id,
                    team_name,
                    template_id: r.template,
                    template_name,
                    mean_composite: r.mean.to_f64().unwrap_or_default(),
                    mean_text: format!("{:.2}", r.mean),
                    rank: r.rank,
                    reward_fen: r.reward_fen,
                })
            })
            .collect();
        rows.sort_by(|a, b| (a.rank, &a.employee_no).cmp(&(b.rank, &b.employee_no)));
        rows
    }

    /// Books the rewards as the ranking stands, inside the publication's transaction (see the
    /// module). Returns how many records it booked and voided.
    pub fn book(&self, tx: &rusqlite::Transaction<'_>, actor: Actor) -> Result<(u32, u32)> {
        let quarter = self.quarter;
        let ranking = self.rows();
        let wanted: HashMap<&str, &QuarterRow> = ranking
            .iter()
            .filter(|r| r.reward_fen > 0)
            .map(|r| (r.employee_no.as_str(), r))
            .collect();
        // The rewards standing for this quarter: confirmed by the scores, never voided.
        let standing: Vec<(String, i64, i64)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT i.employee_no,
                        (SELECT max(r.id) FROM ledger_records r WHERE r.incident_id = i.id),
                        coalesce(i.stated_fen, 0)
                 FROM incidents i
                 WHERE i.rule_code = ?1 AND i.source = 'scores' AND i.ts = ?2
                   AND i.status = 'confirmed'
                   AND NOT EXISTS (SELECT 1 FROM ledger_records v WHERE v.incident_id = i.id AND v.kind = 'void')",
            )?;
            let rows = stmt.query_map(params![RULE, to_ms(self.ts)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if wanted.is_empty() && standing.is_empty() {
            return Ok((0, 0));
        }
        let approver = self.approver.ok_or_else(|| {
            Problem::new(
                ErrorCode::AuthForbidden,
                "the quarter's rewards are approved by a supervisor or manager: there is none",
            )
        })?;
        let mut kept: Vec<&str> = Vec::new();
        let mut voided = 0;
        for (no, record, fen) in &standing {
            if wanted
                .get(no.as_str())
                .is_some_and(|r| r.reward_fen == *fen)
            {
                kept.push(no);
            } else {
                supersede(
                    tx,
                    *record,
                    "void",
                    &format!("{quarter} 季度排名更正后重新核定"),
                    &[],
                    approver,
                    actor.at,
                )?;
                voided += 1;
            }
        }
        let mut booked = 0;
        for r in ranking
            .iter()
            .filter(|r| r.reward_fen > 0 && !kept.contains(&r.employee_no.as_str()))
        {
            let input = IncidentInput {
                ts: self.ts,
                employee_no: Some(r.employee_no.clone()),
                rule_code: RULE.into(),
                stated_fen: Some(r.reward_fen),
                note: Some(format!(
                    "{quarter} {} 第 {} 名，季度平均 {}",
                    r.template_name, r.rank, r.mean_text
                )),
                ..IncidentInput::default()
            };
            record_and_confirm_in(
                tx,
                &input,
                IncidentSource::Scores,
                &Confirmation::default(),
                approver,
                actor,
            )?;
            booked += 1;
        }
        Ok((booked, voided))
    }
}

impl Store {
    /// The quarter's ranking as the months stand at `at` (published months as published),
    /// sorted by rank, then 工号. It books nothing.
    pub fn quarter_ranking(&self, quarter: Quarter, at: DateTime<Utc>) -> Result<Vec<QuarterRow>> {
        let plan = self.quarter_plan(quarter, &quarter.months(), Actor::system(at))?;
        Ok(plan.rows())
    }

    /// The plan of `quarter` with `months` of it read as they stand.
    pub(crate) fn quarter_plan(
        &self,
        quarter: Quarter,
        months: &[ScoreMonth],
        actor: Actor,
    ) -> Result<QuarterPlan> {
        let policy = self.policy_at(actor.at)?;
        let amount = |key: &str, default: i64| policy.get(key).copied().unwrap_or(default);
        let tz = self.require_site()?.tz();
        let mut plan = QuarterPlan {
            quarter,
            entries: HashMap::new(),
            about: HashMap::new(),
            rewards: [
                amount("quarter_reward_first_fen", 30_000),
                amount("quarter_reward_second_fen", 20_000),
                amount("quarter_reward_third_fen", 10_000),
            ],
            ts: crate::time::local_at(tz, quarter.last_day(), 0, 0),
            approver: import_approver(self, actor).ok(),
        };
        for (index, month) in quarter.months().into_iter().enumerate() {
            if !months.contains(&month) {
                continue;
            }
            for row in self.month_results(month, actor.at)?.rows {
                let composite = row
                    .composite_text
                    .as_deref()
                    .and_then(|t| t.parse::<Decimal>().ok());
                plan.add(
                    index,
                    &row.person,
                    row.template_id,
                    composite,
                    (
                        row.employee_no,
                        row.name,
                        row.team_id,
                        row.team_name,
                        row.template_name,
                    ),
                );
            }
        }
        Ok(plan)
    }
}
