//! Break requests: the record of every request, wait and grant. The queue's order and its
//! decisions are the domain's (`floor::breaks::settle_queue`); `live::LiveFloor` drives them.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use floordesk_domain::Problem;
use floordesk_domain::floor::AgentState;
use floordesk_domain::floor::breaks::{DropReason, WaitingBreak};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::floor::{EventSource, insert_event};
use crate::{Actor, Result, Store, from_ms, local_midnight, to_ms};
use floordesk_domain::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BreakStatus {
    Waiting,
    Granted,
    /// Left the queue by itself: see `drop_reason`.
    Dropped,
    Cancelled,
}

impl BreakStatus {
    fn parse(s: &str) -> BreakStatus {
        match s {
            "granted" => BreakStatus::Granted,
            "dropped" => BreakStatus::Dropped,
            "cancelled" => BreakStatus::Cancelled,
            _ => BreakStatus::Waiting,
        }
    }
}

/// One request as the board and its history show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BreakRequest {
    pub id: i64,
    pub employee_no: String,
    pub name: String,
    pub requested_at: DateTime<Utc>,
    pub requested_by: Option<String>,
    pub status: BreakStatus,
    /// It could not be granted at once and joined the queue.
    pub queued: bool,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    /// Set when a lead granted it out of turn.
    pub out_of_turn_reason: Option<String>,
    pub drop_reason: Option<DropReason>,
}

const REQUEST_SELECT: &str =
    "SELECT r.id, a.employee_no, a.name, r.requested_at, ru.display_name, r.status, r.queued,
            r.decided_at, du.display_name, r.out_of_turn_reason, r.drop_reason
     FROM break_requests r
     JOIN agents a ON a.id = r.agent_id
     LEFT JOIN users ru ON ru.id = r.requested_by
     LEFT JOIN users du ON du.id = r.decided_by";

fn request_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BreakRequest> {
    Ok(BreakRequest {
        id: r.get(0)?,
        employee_no: r.get(1)?,
        name: r.get(2)?,
        requested_at: from_ms(r.get(3)?),
        requested_by: r.get(4)?,
        status: BreakStatus::parse(&r.get::<_, String>(5)?),
        queued: r.get(6)?,
        decided_at: r.get::<_, Option<i64>>(7)?.map(from_ms),
        decided_by: r.get(8)?,
        out_of_turn_reason: r.get(9)?,
        drop_reason: r
            .get::<_, Option<String>>(10)?
            .as_deref()
            .and_then(DropReason::parse),
    })
}

fn not_waiting(id: i64) -> Problem {
    Problem::new(
        ErrorCode::BreakNotWaiting,
        format!("break request {id} is no longer waiting"),
    )
    .with("id", id)
}

/// The id of the active agent with this 工号, the one a break request can be for.
fn active_agent_id(conn: &rusqlite::Connection, employee_no: &str) -> Result<i64> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM agents WHERE employee_no = ?1 AND active = 1",
            [employee_no],
            |r| r.get(0),
        )
        .optional()?;
    id.ok_or_else(|| {
        Problem::new(
            ErrorCode::BreakUnknownAgent,
            format!("no active agent has 工号 {employee_no}"),
        )
        .with("employee_no", employee_no)
        .into()
    })
}

/// Marks a waiting request decided; fails if someone else decided it first.
fn decide(
    tx: &Transaction<'_>,
    id: i64,
    status: &str,
    actor: Actor,
    extra: (Option<&str>, Option<&str>, Option<i64>),
) -> Result<()> {
    let (reason, drop_reason, event_id) = extra;
    let n = tx.execute(
        "UPDATE break_requests SET status = ?2, decided_at = ?3, decided_by = ?4,
                out_of_turn_reason = ?5, drop_reason = ?6, event_id = ?7
         WHERE id = ?1 AND status = 'waiting'",
        params![
            id,
            status,
            to_ms(actor.at),
            actor.user_id,
            reason,
            drop_reason,
            event_id
        ],
    )?;
    if n == 0 {
        return Err(not_waiting(id).into());
    }
    Ok(())
}

impl Store {
    /// Records a request. `queued`: it could not be granted at once. An agent has at most one
    /// request waiting.
    pub fn add_break_request(
        &mut self,
        employee_no: &str,
        queued: bool,
        actor: Actor,
    ) -> Result<i64> {
        self.write(|tx| {
            let agent = active_agent_id(tx, employee_no)?;
            let waiting: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM break_requests WHERE agent_id = ?1 AND status = 'waiting')",
                [agent],
                |r| r.get(0),
            )?;
            if waiting {
                return Err(Problem::new(
                    ErrorCode::BreakAlreadyWaiting,
                    format!("agent {employee_no} already has a break request waiting"),
                )
                .with("employee_no", employee_no)
                .into());
            }
            tx.execute(
                "INSERT INTO break_requests (agent_id, requested_at, requested_by, queued) VALUES (?1, ?2, ?3, ?4)",
                params![agent, to_ms(actor.at), actor.user_id, queued],
            )?;
            let id = tx.last_insert_rowid();
            actor
                .audit("request", "break_request", Some(id), Some(format!("{employee_no}{}", if queued { " (queued)" } else { "" })))
                .record(tx)?;
            Ok(id)
        })
    }

    /// Fails with `break.unknown_agent` unless an active agent has this 工号.
    pub fn require_active_agent(&self, employee_no: &str) -> Result<()> {
        active_agent_id(self.conn(), employee_no).map(|_| ())
    }

    /// The requests still waiting, in queue order.
    pub fn waiting_breaks(&self) -> Result<Vec<WaitingBreak>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.id, a.employee_no FROM break_requests r JOIN agents a ON a.id = r.agent_id
             WHERE r.status = 'waiting' ORDER BY r.requested_at, r.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(WaitingBreak {
                id: r.get(0)?,
                agent: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The waiting requests as the board shows them, in queue order.
    pub fn break_queue(&self) -> Result<Vec<BreakRequest>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{REQUEST_SELECT} WHERE r.status = 'waiting' ORDER BY r.requested_at, r.id"
        ))?;
        let rows = stmt.query_map([], request_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every request made on a local day, newest first.
    pub fn break_requests_on(&self, date: NaiveDate, tz: Tz) -> Result<Vec<BreakRequest>> {
        let start = |d: NaiveDate| local_midnight(d, tz).map(to_ms);
        let (Some(from), Some(to)) = (start(date), date.succ_opt().and_then(start)) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "{REQUEST_SELECT} WHERE r.requested_at >= ?1 AND r.requested_at < ?2 ORDER BY r.requested_at DESC, r.id DESC"
        ))?;
        let rows = stmt.query_map([from, to], request_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn break_request(&self, id: i64) -> Result<BreakRequest> {
        self.conn()
            .query_row(
                &format!("{REQUEST_SELECT} WHERE r.id = ?1"),
                [id],
                request_from_row,
            )
            .optional()?
            .ok_or_else(|| {
                Problem::new(ErrorCode::BreakNotFound, format!("no break request {id}"))
                    .with("id", id)
                    .into()
            })
    }

    /// Grants a waiting request: starts the agent's small break now and records who granted it
    /// (None and no reason: the queue, in turn) in one transaction.
    pub fn grant_break_request(
        &mut self,
        id: i64,
        out_of_turn_reason: Option<&str>,
        actor: Actor,
    ) -> Result<()> {
        self.write(|tx| {
            let agent: Option<i64> = tx
                .query_row(
                    "SELECT agent_id FROM break_requests WHERE id = ?1 AND status = 'waiting'",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            let agent = agent.ok_or_else(|| not_waiting(id))?;
            let at = to_ms(actor.at);
            // A break cannot start before the agent's last recorded change.
            let last: Option<i64> = tx.query_row(
                "SELECT max(at) FROM state_events WHERE agent_id = ?1",
                [agent],
                |r| r.get(0),
            )?;
            let event = insert_event(
                tx,
                (
                    agent,
                    last.map_or(at, |l| l.max(at)),
                    AgentState::SmallBreak.as_str(),
                    None,
                ),
                at,
                EventSource::BreakRequest,
                actor.user_id,
            )?;
            decide(
                tx,
                id,
                "granted",
                actor,
                (out_of_turn_reason, None, Some(event)),
            )?;
            let detail = out_of_turn_reason.map(|r| format!("out of turn: {r}"));
            actor
                .audit("grant", "break_request", Some(id), detail)
                .record(tx)?;
            Ok(())
        })
    }

    /// The queue let go of a request the agent no longer needs.
    pub fn drop_break_request(&mut self, id: i64, why: DropReason, actor: Actor) -> Result<()> {
        self.write(|tx| {
            decide(tx, id, "dropped", actor, (None, Some(why.as_str()), None))?;
            actor
                .audit(
                    "drop",
                    "break_request",
                    Some(id),
                    Some(why.as_str().to_owned()),
                )
                .record(tx)
        })
    }

    /// A lead withdraws a waiting request.
    pub fn cancel_break_request(&mut self, id: i64, actor: Actor) -> Result<()> {
        self.write(|tx| {
            decide(tx, id, "cancelled", actor, (None, None, None))?;
            actor
                .audit("cancel", "break_request", Some(id), None)
                .record(tx)
        })
    }
}
