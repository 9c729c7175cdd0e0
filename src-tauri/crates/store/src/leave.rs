//! 请假 on record: requests, their decision, and the approved days the roster is checked
//! against. A decided request is never changed (the database refuses); a new request replaces it.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::roster::{LeaveKind, leave_dates};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::{Actor, Result, Store, from_ms, to_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LeaveStatus {
    Pending,
    Approved,
    Rejected,
}

impl LeaveStatus {
    fn parse(text: &str) -> LeaveStatus {
        match text {
            "approved" => LeaveStatus::Approved,
            "rejected" => LeaveStatus::Rejected,
            _ => LeaveStatus::Pending,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LeaveInput {
    /// 工号.
    pub employee_no: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: LeaveKind,
    pub half_day: bool,
    pub reason: Option<String>,
    /// 工号 of the agent who covers, if arranged.
    pub cover: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LeaveRequest {
    pub id: i64,
    pub employee_no: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: LeaveKind,
    pub half_day: bool,
    pub reason: Option<String>,
    pub cover: Option<String>,
    pub status: LeaveStatus,
    pub requested_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

impl Store {
    /// Records a leave request, pending unless `approved` (an import of leave already agreed).
    pub(crate) fn insert_leave(
        tx: &rusqlite::Transaction<'_>,
        input: &LeaveInput,
        approved: bool,
        actor: Actor,
    ) -> Result<i64> {
        let agent = |no: &str| -> Result<i64> {
            tx.prepare_cached("SELECT id FROM agents WHERE employee_no = ?1")?
                .query_row([no], |r| r.get(0))
                .map_err(|_| {
                    Problem::new(
                        ErrorCode::ImportUnknownAgent,
                        format!("no agent has 工号 {no}"),
                    )
                    .with("employee_no", no)
                    .into()
                })
        };
        let agent_id = agent(&input.employee_no)?;
        let cover = input
            .cover
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let cover_id = cover.map(agent).transpose()?;
        let at = to_ms(actor.at);
        tx.prepare_cached(
            "INSERT INTO leave_requests (agent_id, from_date, to_date, kind, half_day, reason, cover_agent_id,
                 status, requested_at, requested_by, decided_at, decided_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            agent_id,
            input.from.to_string(),
            input.to.to_string(),
            input.kind.as_str(),
            input.half_day,
            input.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()),
            cover_id,
            if approved { "approved" } else { "pending" },
            at,
            actor.user_id,
            approved.then_some(at),
            if approved { actor.user_id } else { None },
        ])?;
        let id = tx.last_insert_rowid();
        actor
            .audit(
                "request",
                "leave",
                Some(id),
                Some(input.employee_no.clone()),
            )
            .record(tx)?;
        Ok(id)
    }

    /// Leave requests touching the days `first`–`last`, by start.
    pub fn leave_requests(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<LeaveRequest>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.id, a.employee_no, l.from_date, l.to_date, l.kind, l.half_day, l.reason, c.employee_no,
                    l.status, l.requested_at, l.decided_at, u.display_name, l.decision_note
             FROM leave_requests l JOIN agents a ON a.id = l.agent_id
             LEFT JOIN agents c ON c.id = l.cover_agent_id LEFT JOIN users u ON u.id = l.decided_by
             WHERE l.to_date >= ?1 AND l.from_date <= ?2 ORDER BY l.from_date, l.id",
        )?;
        let rows = stmt.query_map([first.to_string(), last.to_string()], |r| {
            let date = |s: String| s.parse().unwrap_or(first);
            Ok(LeaveRequest {
                id: r.get(0)?,
                employee_no: r.get(1)?,
                from: date(r.get(2)?),
                to: date(r.get(3)?),
                kind: LeaveKind::parse(&r.get::<_, String>(4)?).unwrap_or(LeaveKind::Other),
                half_day: r.get(5)?,
                reason: r.get(6)?,
                cover: r.get(7)?,
                status: LeaveStatus::parse(&r.get::<_, String>(8)?),
                requested_at: from_ms(r.get(9)?),
                decided_at: r.get::<_, Option<i64>>(10)?.map(from_ms),
                decided_by: r.get(11)?,
                decision_note: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The days of approved leave between `first` and `last`, by 工号.
    pub fn approved_leave_days(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<HashMap<String, BTreeSet<NaiveDate>>> {
        let mut out: HashMap<String, BTreeSet<NaiveDate>> = HashMap::new();
        for l in self.leave_requests(first, last)? {
            if l.status == LeaveStatus::Approved {
                out.entry(l.employee_no)
                    .or_default()
                    .extend(leave_dates(l.from.max(first), l.to.min(last)));
            }
        }
        Ok(out)
    }
}

impl Store {
    /// Records a request for leave, pending a decision.
    pub fn request_leave(&mut self, input: &LeaveInput, actor: Actor) -> Result<i64> {
        if input.to < input.from {
            return Err(Problem::new(
                ErrorCode::LeaveEndsBeforeStart,
                format!(
                    "the leave ends ({}) before it starts ({})",
                    input.to, input.from
                ),
            )
            .into());
        }
        if let Some(agent) = self.agent_by_employee_no(&input.employee_no)? {
            self.reach_of(actor)?.check_request(&agent)?;
        }
        self.write(|tx| Store::insert_leave(tx, input, false, actor))
    }

    /// Approves (signed with the operator's PIN) or rejects a pending request.
    pub fn decide_leave(
        &mut self,
        id: i64,
        approve: bool,
        pin: &str,
        note: Option<&str>,
        actor: Actor,
    ) -> Result<()> {
        let Some(signer) = actor.user_id else {
            return Err(Problem::new(
                ErrorCode::SwapNeedsSigner,
                "leave is decided by a signed-in supervisor",
            )
            .into());
        };
        self.authenticate(signer, pin, actor.at)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE leave_requests SET status = ?2, decided_at = ?3, decided_by = ?4, decision_note = ?5
                 WHERE id = ?1 AND status = 'pending'",
                params![
                    id,
                    if approve { "approved" } else { "rejected" },
                    to_ms(actor.at),
                    signer,
                    note.map(str::trim).filter(|n| !n.is_empty())
                ],
            )?;
            if n == 0 {
                return Err(Problem::new(ErrorCode::LeaveNotPending, format!("leave request {id} is not pending")).into());
            }
            actor
                .audit(if approve { "approve" } else { "reject" }, "leave", Some(id), None)
                .record(tx)
        })
    }
}
