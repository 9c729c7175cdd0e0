//! 公示 and 申诉: a team's month of records published with an appeal deadline; the person's
//! appeal against a record; the decision (rejected, voided, or changed: a new record), each
//! with a reason and the approver's PIN. Publications and filings are never changed.

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::incidents::Line;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::approval::{Approval, approve};
use super::ledger::{PlannedLine, check_lines, month_bounds, planned_lines, supersede};
use crate::audit::Audit;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LedgerPublication {
    pub id: i64,
    pub team_id: i64,
    pub team_name: String,
    pub month: String,
    pub published_at: DateTime<Utc>,
    pub published_by_name: String,
    pub appeal_deadline: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum AppealDecision {
    Rejected,
    Voided,
    /// The offender's own lines replaced (co-penalties stay as they were).
    Changed {
        lines: Vec<Line>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Appeal {
    pub id: i64,
    pub record_id: i64,
    pub incident_id: i64,
    pub employee_no: String,
    pub name: String,
    pub rule: String,
    pub filed_at: DateTime<Utc>,
    pub text: String,
    /// `rejected`, `voided` or `changed`; none while open.
    pub decision: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by_name: Option<String>,
    pub decision_reason: Option<String>,
    pub result_record: Option<i64>,
}

fn read_publication(r: &rusqlite::Row<'_>) -> rusqlite::Result<LedgerPublication> {
    Ok(LedgerPublication {
        id: r.get(0)?,
        team_id: r.get(1)?,
        team_name: r.get(2)?,
        month: r.get(3)?,
        published_at: from_ms(r.get(4)?),
        published_by_name: r.get(5)?,
        appeal_deadline: from_ms(r.get(6)?),
    })
}

const PUBLICATIONS: &str = "SELECT p.id, p.team_id, t.name, p.month, p.published_at, u.display_name, p.appeal_deadline
    FROM ledger_publications p JOIN teams t ON t.id = p.team_id JOIN users u ON u.id = p.published_by";

impl Store {
    /// Publishes a team's month (公示): the deadline for appeals is `appeal_days` from now.
    pub fn publish_ledger(
        &mut self,
        team_id: i64,
        month: &str,
        actor: Actor,
    ) -> Result<LedgerPublication> {
        month_bounds(month)?;
        let user = actor.user_id.ok_or_else(|| {
            StoreError::from(Problem::new(
                ErrorCode::AuthNotLoggedIn,
                "publishing needs a login",
            ))
        })?;
        let days = crate::policy::value_at(self.conn(), "appeal_days", actor.at)?;
        let deadline = actor.at + Duration::days(days);
        let id = self.write(|tx| {
            let through: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM ledger_records", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO ledger_publications (team_id, month, published_at, published_by, appeal_deadline, through_record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![team_id, month, to_ms(actor.at), user, to_ms(deadline), through],
            )?;
            let id = tx.last_insert_rowid();
            Audit {
                at_ms: to_ms(actor.at),
                user_id: Some(user),
                action: "publish",
                entity: "ledger_publication",
                entity_id: Some(id),
                detail: Some(format!("team {team_id} {month}")),
            }
            .record(tx)?;
            Ok(id)
        })?;
        Ok(self.conn().query_row(
            &format!("{PUBLICATIONS} WHERE p.id = ?1"),
            [id],
            read_publication,
        )?)
    }

    /// Every publication of a month, newest first.
    pub fn ledger_publications(&self, month: &str) -> Result<Vec<LedgerPublication>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{PUBLICATIONS} WHERE p.month = ?1 ORDER BY p.id DESC"
        ))?;
        let rows = stmt.query_map([month], read_publication)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The person appeals a published record of theirs before the deadline.
    pub fn file_appeal(&mut self, record_id: i64, text: &str, actor: Actor) -> Result<i64> {
        let me = self.operator_person(actor)?;
        let found: Option<(Option<String>, Option<i64>, String)> = self
            .conn()
            .query_row(
                "SELECT i.person, i.team_id, substr(i.local_date, 1, 7) FROM ledger_records r
                 JOIN incidents i ON i.id = r.incident_id WHERE r.id = ?1",
                [record_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((person, team, month)) = found else {
            return Err(
                Problem::new(ErrorCode::NotFound, format!("no ledger record {record_id}"))
                    .with("entity", "ledger_record")
                    .with("id", record_id)
                    .into(),
            );
        };
        if person.as_deref() != Some(me.person.as_str()) {
            return Err(Problem::new(
                ErrorCode::IncidentsNotYours,
                "only the person a record is about appeals it",
            )
            .into());
        }
        let deadline: Option<i64> = self
            .conn()
            .query_row(
                "SELECT appeal_deadline FROM ledger_publications WHERE team_id IS ?1 AND month = ?2 AND through_record >= ?3
                 ORDER BY id DESC LIMIT 1",
                params![team, month, record_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(deadline) = deadline else {
            return Err(Problem::new(
                ErrorCode::IncidentsNotPublished,
                "this record is not published yet",
            )
            .into());
        };
        if to_ms(actor.at) > deadline {
            let tz = super::site_tz(self.conn())?;
            return Err(Problem::new(
                ErrorCode::IncidentsAppealClosed,
                "the appeal deadline has passed",
            )
            .with(
                "deadline",
                from_ms(deadline)
                    .with_timezone(&tz)
                    .format("%Y-%m-%d %H:%M"),
            )
            .into());
        }
        if text.trim().is_empty() {
            return Err(Problem::new(
                ErrorCode::ValidationRequired,
                "the appeal needs its grounds",
            )
            .with("field", "text")
            .into());
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO incident_appeals (record_id, filed_at, filed_by, text) VALUES (?1, ?2, ?3, ?4)",
                params![record_id, to_ms(actor.at), me.person, text.trim()],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::from(Problem::new(
                    ErrorCode::IncidentsAppealDecided,
                    "an appeal of this record is already open",
                )),
                _ => e.into(),
            })?;
            let id = tx.last_insert_rowid();
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "appeal",
                entity: "incident_appeal",
                entity_id: Some(id),
                detail: Some(format!("record {record_id}")),
            }
            .record(tx)?;
            Ok(id)
        })
    }

    /// Appeals of a month's records (all, or only open ones).
    pub fn incident_appeals(&self, month: Option<&str>) -> Result<Vec<Appeal>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.record_id, r.incident_id, coalesce(i.employee_no, ''), coalesce(i.name, ''), i.rule_code,
                    a.filed_at, a.text, a.decision, a.decided_at, u.display_name, a.decision_reason, a.result_record
             FROM incident_appeals a JOIN ledger_records r ON r.id = a.record_id
             JOIN incidents i ON i.id = r.incident_id LEFT JOIN users u ON u.id = a.decided_by
             WHERE ?1 IS NULL OR substr(i.local_date, 1, 7) = ?1 ORDER BY a.id",
        )?;
        let rows = stmt.query_map([month], |r| {
            Ok(Appeal {
                id: r.get(0)?,
                record_id: r.get(1)?,
                incident_id: r.get(2)?,
                employee_no: r.get(3)?,
                name: r.get(4)?,
                rule: r.get(5)?,
                filed_at: from_ms(r.get(6)?),
                text: r.get(7)?,
                decision: r.get(8)?,
                decided_at: r.get::<_, Option<i64>>(9)?.map(from_ms),
                decided_by_name: r.get(10)?,
                decision_reason: r.get(11)?,
                result_record: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Decides an open appeal with a reason and the approver's PIN. Returns the new ledger
    /// record, if the decision wrote one.
    pub fn decide_appeal(
        &mut self,
        appeal_id: i64,
        decision: &AppealDecision,
        reason: &str,
        approval: &Approval,
        actor: Actor,
    ) -> Result<Option<i64>> {
        if reason.trim().is_empty() {
            return Err(Problem::new(
                ErrorCode::IncidentsReasonRequired,
                "a decision needs a reason",
            )
            .into());
        }
        let approver = approve(self, approval, actor.at)?;
        self.write(|tx| {
            let open: Option<i64> = tx
                .query_row(
                    "SELECT record_id FROM incident_appeals WHERE id = ?1 AND decision IS NULL",
                    [appeal_id],
                    |r| r.get(0),
                )
                .optional()?;
            let record_id = open.ok_or_else(|| {
                StoreError::from(Problem::new(ErrorCode::IncidentsAppealDecided, "this appeal is already decided"))
            })?;
            let (word, result) = match decision {
                AppealDecision::Rejected => ("rejected", None),
                AppealDecision::Voided => (
                    "voided",
                    Some(supersede(tx, record_id, "void", reason, &[], approver, actor.at)?),
                ),
                AppealDecision::Changed { lines } => {
                    check_lines("", lines)?;
                    let old = planned_lines(tx, record_id)?;
                    let offender = old.iter().find(|l| l.co_penalty_of.is_none()).cloned();
                    let Some(offender) = offender else {
                        return Err(Problem::new(ErrorCode::IncidentsBadFact, "this record has no lines of its own to change")
                            .with("rule", "")
                            .with("field", "lines")
                            .into());
                    };
                    let mut new: Vec<PlannedLine> = lines
                        .iter()
                        .map(|line| PlannedLine {
                            line: Line {
                                kind: line.action.kind(),
                                ..line.clone()
                            },
                            ..offender.clone()
                        })
                        .collect();
                    new.extend(old.into_iter().filter(|l| l.co_penalty_of.is_some()));
                    ("changed", Some(supersede(tx, record_id, "amend", reason, &new, approver, actor.at)?))
                }
            };
            tx.execute(
                "UPDATE incident_appeals SET decision = ?2, decided_at = ?3, decided_by = ?4, decision_reason = ?5,
                        result_record = ?6 WHERE id = ?1",
                params![appeal_id, word, to_ms(actor.at), approver, reason.trim(), result],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: Some(approver),
                action: word,
                entity: "incident_appeal",
                entity_id: Some(appeal_id),
                detail: Some(reason.trim().to_owned()),
            }
            .record(tx)?;
            Ok(result)
        })
    }
}
