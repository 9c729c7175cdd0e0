//! Publishing a month (its results written once, its scores locked by triggers), reopening it
//! with a reason, a supervisor's exception for a missing role, and the assessed person's
//! confirmation or appeal.

use chrono::{DateTime, Utc};
use floordesk_domain::scores::ScoreMonth;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::people::{person_by_key, unknown_person};
use super::results::{MonthResults, compute};
use super::{is_published, require_unpublished};
use crate::audit::Audit;
use crate::{Actor, Result, Store, from_ms, to_ms};
use floordesk_domain::scores::Quarter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ScoreResponseKind {
    Confirm,
    Appeal,
}

/// A month with scores or a publication, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct MonthStatus {
    pub month: String,
    pub published: bool,
    /// The newest publishing or reopening, with who and why.
    pub last_action_at: Option<DateTime<Utc>>,
    pub last_reason: Option<String>,
    pub scores: u32,
}

fn reason_required() -> crate::StoreError {
    Problem::new(ErrorCode::ValidationRequired, "a reason is required")
        .with("field", "reason")
        .into()
}

impl Store {
    /// Publishes the month: refuses while anyone is neither complete nor excepted
    /// (`scores.incomplete`, naming them), then writes the results as they stand with the
    /// publication, in one transaction.
    pub fn publish_scores(&mut self, month: ScoreMonth, actor: Actor) -> Result<MonthResults> {
        let rules = self.score_rules(actor.at)?;
        let values = self.computed_items(month, actor.at)?;
        let (bottom, due_on) = self.improvement_due_on(actor.at)?;
        // The quarter's first two months as they stand; the last is this publication's.
        let mut quarter = match month.ends_quarter() {
            true => {
                let q = Quarter::of(month);
                Some(self.quarter_plan(q, &q.months()[..2], actor)?)
            }
            false => None,
        };
        self.write(|tx| {
            require_unpublished(tx, month)?;
            let computed = compute(tx, month, &rules, &values)?;
            let mut incomplete: Vec<&str> = computed
                .results
                .iter()
                .filter(|r| !r.complete)
                .filter_map(|r| computed.people.get(&r.person).map(|p| p.employee_no.as_str()))
                .collect();
            incomplete.sort();
            if !incomplete.is_empty() {
                return Err(Problem::new(
                    ErrorCode::ScoresIncomplete,
                    format!(
                        "{} people are not fully rated: {}",
                        incomplete.len(),
                        incomplete.join(", ")
                    ),
                )
                .with("count", incomplete.len())
                .with("names", incomplete.join(", "))
                .into());
            }
            let at = to_ms(actor.at);
            tx.execute(
                "INSERT INTO score_publications (month, action, at, by_user) VALUES (?1, 'publish', ?2, ?3)",
                params![month.to_string(), at, actor.user_id],
            )?;
            let publication = tx.last_insert_rowid();
            values.write(tx, publication)?;
            super::improvement::open_plans(tx, month, publication, &computed, bottom, due_on)?;
            if let Some(plan) = quarter.as_mut() {
                plan.add_last_month(&computed);
                plan.book(tx, actor)?;
            }
            let mut insert = tx.prepare_cached(
                "INSERT INTO score_results (publication_id, person, employee_no, name, team_id, team_name,
                     template_id, version_id, self_score, superior_score, peer_score, composite, grade,
                     rank, team_rank, complete, exception)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?;
            let text = |d: Option<rust_decimal::Decimal>| d.map(|d| format!("{d:.2}"));
            for r in &computed.results {
                let Some(p) = computed.people.get(&r.person) else {
                    continue;
                };
                use floordesk_domain::scores::RaterRole::*;
                insert.execute(params![
                    publication,
                    r.person,
                    p.employee_no,
                    p.name,
                    p.team_id,
                    p.team_name,
                    r.template,
                    computed.versions.get(&r.template),
                    text(r.role(SelfRating).score),
                    text(r.role(Superior).score),
                    text(r.role(Peer).score),
                    text(r.composite),
                    r.grade.map(|g| g.as_str()),
                    r.rank,
                    r.team_rank,
                    r.complete,
                    r.exception
                ])?;
            }
            Audit {
                at_ms: at,
                user_id: actor.user_id,
                action: "publish_scores",
                entity: "score_publications",
                entity_id: Some(publication),
                detail: Some(format!("{month}: {} people", computed.results.len())),
            }
            .record(tx)
        })?;
        self.month_results(month, actor.at)
    }

    /// Reopens a published month (the caller checked the supervisor's PIN): it is unpublished
    /// until published again; the reason is kept.
    pub fn reopen_scores(&mut self, month: ScoreMonth, reason: &str, actor: Actor) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(reason_required());
        }
        self.write(|tx| {
            if !is_published(tx, month)? {
                return Err(Problem::new(
                    ErrorCode::ScoresNotPublished,
                    format!("{month} is not published"),
                )
                .with("month", month)
                .into());
            }
            tx.execute(
                "INSERT INTO score_publications (month, action, at, by_user, reason) VALUES (?1, 'reopen', ?2, ?3, ?4)",
                params![month.to_string(), to_ms(actor.at), actor.user_id, reason.trim()],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "reopen_scores",
                entity: "score_publications",
                entity_id: Some(tx.last_insert_rowid()),
                detail: Some(format!("{month}: {}", reason.trim())),
            }
            .record(tx)
        })
    }

    /// A supervisor's signed exception: `person` is graded without the roles still missing.
    /// Refused for someone already complete or with no role scored at all.
    pub fn sign_score_exception(
        &mut self,
        month: ScoreMonth,
        person: &str,
        reason: &str,
        actor: Actor,
    ) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(reason_required());
        }
        let signer = actor.user_id.ok_or_else(|| {
            Problem::new(
                ErrorCode::AuthNotLoggedIn,
                "an exception is signed by a supervisor",
            )
        })?;
        let rules = self.score_rules(actor.at)?;
        let values = self.computed_items(month, actor.at)?;
        self.write(|tx| {
            require_unpublished(tx, month)?;
            let computed = compute(tx, month, &rules, &values)?;
            let p = person_by_key(tx, person)?.ok_or_else(|| unknown_person(person))?;
            let result = computed.results.iter().find(|r| r.person == person);
            let needed = result.is_some_and(|r| {
                !r.complete && r.roles.iter().any(|t| t.score.is_some())
            });
            if !needed {
                return Err(Problem::new(
                    ErrorCode::ScoresExceptionNotNeeded,
                    format!(
                        "{} needs no exception: fully rated, or nothing rated yet",
                        p.employee_no
                    ),
                )
                .with("employee_no", &p.employee_no)
                .into());
            }
            tx.execute(
                "INSERT INTO score_exceptions (month, person, reason, signed_at, signed_by) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![month.to_string(), person, reason.trim(), to_ms(actor.at), signer],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "sign_score_exception",
                entity: "score_exceptions",
                entity_id: Some(tx.last_insert_rowid()),
                detail: Some(format!("{month} {}: {}", p.employee_no, reason.trim())),
            }
            .record(tx)
        })
    }

    /// The assessed person confirms their result or appeals it (an appeal needs their words).
    pub fn respond_to_score(
        &mut self,
        month: ScoreMonth,
        person: &str,
        kind: ScoreResponseKind,
        note: Option<&str>,
        actor: Actor,
    ) -> Result<()> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if kind == ScoreResponseKind::Appeal && note.is_none() {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "an appeal says why")
                    .with("field", "note")
                    .into(),
            );
        }
        self.write(|tx| {
            require_unpublished(tx, month)?;
            tx.execute(
                "INSERT INTO score_responses (month, person, kind, note, at, by_user) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    month.to_string(),
                    person,
                    if kind == ScoreResponseKind::Appeal { "appeal" } else { "confirm" },
                    note,
                    to_ms(actor.at),
                    actor.user_id
                ],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "respond_to_score",
                entity: "score_responses",
                entity_id: Some(tx.last_insert_rowid()),
                detail: Some(format!("{month} {person}")),
            }
            .record(tx)
        })
    }

    /// Every month with scores or a publication, newest first.
    pub fn score_months(&self) -> Result<Vec<MonthStatus>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT m.month,
                    (SELECT count(*) FROM scores s WHERE s.month = m.month),
                    (SELECT p.action || char(9) || p.at || char(9) || coalesce(p.reason, '')
                     FROM score_publications p WHERE p.month = m.month ORDER BY p.id DESC LIMIT 1)
             FROM (SELECT DISTINCT month FROM scores UNION SELECT month FROM score_publications) m
             ORDER BY m.month DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (month, scores, last) = row?;
            let mut parts = last.as_deref().unwrap_or_default().splitn(3, '\t');
            let action = parts.next().unwrap_or_default();
            let at = parts.next().and_then(|t| t.parse::<i64>().ok());
            let reason = parts.next().filter(|r| !r.is_empty()).map(str::to_owned);
            out.push(MonthStatus {
                published: action == "publish",
                last_action_at: at.map(from_ms),
                last_reason: reason,
                month,
                scores,
            });
        }
        Ok(out)
    }
}
