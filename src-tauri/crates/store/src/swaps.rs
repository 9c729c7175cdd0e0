//! 换班/代班 on record: a request trades two agents' cells on one date or two, and takes effect
//! only when a supervisor or manager approves it and signs with their PIN (seed 003: 须先填好换班
//! 记录表,经管理人员签字方可换班). Until then the roster and the live floor keep the original.
//! Rejected and approved requests stay as they were decided.

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::roster::Cell;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::error::not_found;
use crate::roster::write_cells;
use crate::{Actor, Result, Store, from_ms, to_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SwapStatus {
    Pending,
    Approved,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SwapInput {
    /// 工号 of the agent asking.
    pub employee_no_a: String,
    pub date_a: NaiveDate,
    /// 工号 of the other agent.
    pub employee_no_b: String,
    /// The other date of a 换班; None for 代班 (the one date).
    pub date_b: Option<NaiveDate>,
    pub reason: String,
}

/// One request as the 换班记录表 shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SwapRequest {
    pub id: i64,
    pub employee_no_a: String,
    pub name_a: String,
    pub employee_no_b: String,
    pub name_b: String,
    pub date_a: NaiveDate,
    pub date_b: Option<NaiveDate>,
    pub reason: String,
    pub status: SwapStatus,
    pub requested_at: DateTime<Utc>,
    pub requested_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Who approved (signed with their PIN) or rejected it.
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    /// A's and B's cells on date_a, then on date_b, as they stood when approved.
    pub cells_before: Vec<String>,
}

const SWAP_SELECT: &str = "SELECT s.id, a.employee_no, a.name, b.employee_no, b.name, s.date_a, s.date_b, s.reason,
        s.status, s.requested_at, ru.display_name, s.decided_at, du.display_name, s.decision_note, s.cells_before
     FROM swap_requests s JOIN agents a ON a.id = s.agent_a JOIN agents b ON b.id = s.agent_b
     LEFT JOIN users ru ON ru.id = s.requested_by LEFT JOIN users du ON du.id = s.decided_by";

fn swap_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SwapRequest> {
    let date = |s: String| s.parse().unwrap_or_default();
    Ok(SwapRequest {
        id: r.get(0)?,
        employee_no_a: r.get(1)?,
        name_a: r.get(2)?,
        employee_no_b: r.get(3)?,
        name_b: r.get(4)?,
        date_a: date(r.get(5)?),
        date_b: r.get::<_, Option<String>>(6)?.map(date),
        reason: r.get(7)?,
        status: match r.get::<_, String>(8)?.as_str() {
            "approved" => SwapStatus::Approved,
            "rejected" => SwapStatus::Rejected,
            _ => SwapStatus::Pending,
        },
        requested_at: from_ms(r.get(9)?),
        requested_by: r.get(10)?,
        decided_at: r.get::<_, Option<i64>>(11)?.map(from_ms),
        decided_by: r.get(12)?,
        decision_note: r.get(13)?,
        cells_before: r
            .get::<_, Option<String>>(14)?
            .map(|c| c.split('|').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

impl Store {
    /// Records a swap request, pending. Both agents must exist and differ; the reason is required.
    pub fn request_swap(&mut self, input: &SwapInput, actor: Actor) -> Result<SwapRequest> {
        let reason = input.reason.trim();
        if reason.is_empty() {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "a swap needs a reason")
                    .with("field", "reason")
                    .into(),
            );
        }
        let agent = |no: &str| -> Result<crate::people::AgentRow> {
            self.agent_by_employee_no(no)?.ok_or_else(|| {
                Problem::new(
                    ErrorCode::ImportUnknownAgent,
                    format!("no agent has 工号 {no}"),
                )
                .with("employee_no", no)
                .into()
            })
        };
        let (a, b) = (agent(&input.employee_no_a)?, agent(&input.employee_no_b)?);
        // An agent asks for themselves with any colleague; a lead for two of their team.
        let reach = self.reach_of(actor)?;
        reach.check_request(&a)?;
        if matches!(reach, crate::reach::Reach::Team { .. }) {
            reach.check_request(&b)?;
        }
        let (a, b) = (a.id, b.id);
        if a == b {
            return Err(Problem::new(
                ErrorCode::SwapSameAgent,
                "a swap needs two different agents",
            )
            .into());
        }
        let date_b = input.date_b.filter(|d| *d != input.date_a);
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO swap_requests (agent_a, agent_b, date_a, date_b, reason, requested_at, requested_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    a,
                    b,
                    input.date_a.to_string(),
                    date_b.map(|d| d.to_string()),
                    reason,
                    to_ms(actor.at),
                    actor.user_id
                ],
            )?;
            let id = tx.last_insert_rowid();
            actor.audit("request", "swap", Some(id), None).record(tx)?;
            Ok(id)
        })?;
        self.swap_request(id)
    }

    pub fn swap_request(&self, id: i64) -> Result<SwapRequest> {
        self.conn()
            .query_row(
                &format!("{SWAP_SELECT} WHERE s.id = ?1"),
                [id],
                swap_from_row,
            )
            .optional()?
            .ok_or_else(|| not_found("swap", id))
    }

    /// Requests with a date between `first` and `last`, newest first.
    pub fn swap_requests(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<SwapRequest>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SWAP_SELECT} WHERE (s.date_a BETWEEN ?1 AND ?2) OR (s.date_b BETWEEN ?1 AND ?2) ORDER BY s.id DESC"
        ))?;
        let rows = stmt.query_map([first.to_string(), last.to_string()], swap_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Approves a pending request, signed by the operator with their PIN (a wrong PIN counts
    /// toward the lockout like a login): on each date of the request the two agents' cells are
    /// exchanged, and the live floor's shifts with them. A published month records the change
    /// with the swap as its reason.
    pub fn approve_swap(&mut self, id: i64, pin: &str, actor: Actor) -> Result<SwapRequest> {
        let Some(signer) = actor.user_id else {
            return Err(Problem::new(
                ErrorCode::SwapNeedsSigner,
                "a swap is approved by a signed-in supervisor",
            )
            .into());
        };
        let swap = self.pending_swap(id)?;
        self.authenticate(signer, pin, actor.at)?;
        let templates = self.shift_templates()?;
        let tz = self.require_site()?.tz();
        let a = self
            .agent_by_employee_no(&swap.employee_no_a)?
            .ok_or_else(|| not_found("agent", &swap.employee_no_a))?;
        let b = self
            .agent_by_employee_no(&swap.employee_no_b)?
            .ok_or_else(|| not_found("agent", &swap.employee_no_b))?;
        let dates: Vec<NaiveDate> = std::iter::once(swap.date_a).chain(swap.date_b).collect();
        let cell_of = |no: &str, date: NaiveDate| -> Result<String> {
            Ok(self
                .roster_cells(date, date)?
                .into_iter()
                .find(|c| c.employee_no == no)
                .map(|c| c.cell)
                .unwrap_or_default())
        };
        let mut before = Vec::new();
        let mut parsed = Vec::new();
        for date in &dates {
            let (cell_a, cell_b) = (
                cell_of(&a.employee_no, *date)?,
                cell_of(&b.employee_no, *date)?,
            );
            let read = |text: &str| Cell::parse(text, &templates).unwrap_or(Cell::Empty);
            parsed.push((a.id, a.team_id, *date, read(&cell_b)));
            parsed.push((b.id, b.team_id, *date, read(&cell_a)));
            before.push(cell_a);
            before.push(cell_b);
        }
        let reason = format!("换班 #{id}：{}", swap.reason);
        self.write(|tx| {
            write_cells(tx, &parsed, Some(&reason), &templates, tz, actor)?;
            let n = tx.execute(
                "UPDATE swap_requests SET status = 'approved', decided_at = ?2, decided_by = ?3, cells_before = ?4
                 WHERE id = ?1 AND status = 'pending'",
                params![id, to_ms(actor.at), signer, before.join("|")],
            )?;
            if n == 0 {
                return Err(not_pending(id));
            }
            actor.audit("approve", "swap", Some(id), None).record(tx)
        })?;
        self.swap_request(id)
    }

    /// Rejects a pending request with a note; the roster stays as it is.
    pub fn reject_swap(&mut self, id: i64, note: &str, actor: Actor) -> Result<SwapRequest> {
        self.pending_swap(id)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE swap_requests SET status = 'rejected', decided_at = ?2, decided_by = ?3, decision_note = ?4
                 WHERE id = ?1 AND status = 'pending'",
                params![id, to_ms(actor.at), actor.user_id, note.trim()],
            )?;
            if n == 0 {
                return Err(not_pending(id));
            }
            actor.audit("reject", "swap", Some(id), None).record(tx)
        })?;
        self.swap_request(id)
    }

    fn pending_swap(&self, id: i64) -> Result<SwapRequest> {
        let swap = self.swap_request(id)?;
        if swap.status != SwapStatus::Pending {
            return Err(not_pending(id));
        }
        Ok(swap)
    }
}

fn not_pending(id: i64) -> crate::StoreError {
    Problem::new(
        ErrorCode::SwapNotPending,
        format!("swap {id} has already been decided"),
    )
    .into()
}
