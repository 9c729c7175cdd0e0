//! 点名: a log's roll call rows read from the floor (state events, notices, approved leave) and
//! re-read while the log is open; a lead's correction sticks. Seats for the shift are in
//! `seats.rs`. docs/design/handover.md §2, §5.2.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::floor::{AgentState, Notice, NoticeKind, ShiftSpan, StateEvent};
use floordesk_domain::handover::item::check_optional_text;
use floordesk_domain::handover::roll_call::{
    RollCallFacts, RollCallReading, RollCallStatus, read_roll_call,
};
use floordesk_domain::handover::{ARRIVAL_WINDOW_MIN, HandoverPolicy};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::PersonRef;
use super::record::{
    LogRow, actor_employee_no, check_run, log_row, policy_in, state_at, team_shifts_in,
};
use crate::error::not_found;
use crate::{Actor, Result, Store, from_ms, to_ms};

/// One agent on a log's roll call, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RollCallRow {
    pub employee_no: String,
    pub name: String,
    /// On this shift by the roster (false: on leave with no shift that day, or added by the lead).
    pub rostered: bool,
    pub status: RollCallStatus,
    pub late_min: Option<i64>,
    pub notified: bool,
    /// The floor cannot tell yet (before the absence threshold): shown 未到.
    pub pending: bool,
    pub arrived_at: Option<DateTime<Utc>>,
    /// The seat the 交接班长 assigned for this shift (None: the home seat).
    pub seat_code: Option<String>,
    pub home_seat_code: Option<String>,
    pub note: Option<String>,
    pub corrected_by: Option<PersonRef>,
    pub corrected_at: Option<DateTime<Utc>>,
}

/// A lead's correction of one row (or a row added: someone covering from another team).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RollCallCorrection {
    pub employee_no: String,
    pub status: RollCallStatus,
    pub late_min: Option<i64>,
    pub notified: bool,
    pub note: Option<String>,
}

/// An agent the roll call should list: (agent id, 工号, name, rostered).
type Listed = (i64, String, String, bool);

/// Who belongs on the log's roll call now: the roster's members of the shift (rostered), and in
/// the team's first shift of the date, the team's agents on approved leave with no working cell.
fn listed(conn: &Connection, log: &LogRow) -> Result<Vec<Listed>> {
    let shifts = team_shifts_in(conn, Some(log.team_id), log.date, log.date)?;
    let members: Vec<String> = shifts
        .iter()
        .find(|s| s.key == log.shift_key)
        .map(|s| s.members.clone())
        .unwrap_or_default();
    let mut agent = conn.prepare_cached("SELECT id, name FROM agents WHERE employee_no = ?1")?;
    let mut out = Vec::new();
    for no in &members {
        if let Some((id, name)) = agent
            .query_row([no], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        {
            out.push((id, no.clone(), name, true));
        }
    }
    if shifts.first().is_some_and(|s| s.key == log.shift_key) {
        let working: Vec<&String> = shifts.iter().flat_map(|s| &s.members).collect();
        let mut stmt = conn.prepare_cached(
            "SELECT a.id, a.employee_no, a.name FROM agents a
             WHERE a.team_id = ?1 AND a.active = 1 AND EXISTS (
                 SELECT 1 FROM leave_requests l WHERE l.agent_id = a.id AND l.status = 'approved'
                   AND l.from_date <= ?2 AND l.to_date >= ?2)
             ORDER BY a.employee_no",
        )?;
        let rows = stmt.query_map(params![log.team_id, log.date.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (id, no, name) = row?;
            if !working.contains(&&no) {
                out.push((id, no, name, false));
            }
        }
    }
    Ok(out)
}

/// The floor's reading of one agent for the log at `now` (domain `read_roll_call`).
pub(crate) fn reading(
    conn: &Connection,
    agent_id: i64,
    employee_no: &str,
    log: &LogRow,
    policy: &HandoverPolicy,
    now: DateTime<Utc>,
) -> Result<RollCallReading> {
    let span = ShiftSpan {
        agent: employee_no.to_owned(),
        shift_date: log.date,
        start: log.start,
        end: log.end,
    };
    let on_leave: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM leave_requests WHERE agent_id = ?1 AND status = 'approved'
                 AND from_date <= ?2 AND to_date >= ?2)",
        )?
        .query_row(params![agent_id, log.date.to_string()], |r| r.get(0))?;
    let window_start = log.start - Duration::minutes(ARRIVAL_WINDOW_MIN);
    let window_end = now.min(log.end);
    let state_at_window_start = state_at(conn, agent_id, window_start)?;
    let mut events = Vec::new();
    if window_start < window_end {
        let mut stmt = conn.prepare_cached(
            "SELECT at, state, reason FROM state_events WHERE agent_id = ?1 AND at >= ?2 AND at < ?3
             ORDER BY at, id",
        )?;
        let rows = stmt.query_map(
            params![agent_id, to_ms(window_start), to_ms(window_end)],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            },
        )?;
        for row in rows {
            let (at, state, reason) = row?;
            if let Some(state) = AgentState::parse(&state) {
                events.push(StateEvent {
                    at: from_ms(at),
                    agent: employee_no.to_owned(),
                    state,
                    reason,
                });
            }
        }
    }
    let mut notices = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT at, kind, reason FROM notices WHERE agent_id = ?1
               AND shift_start >= ?2 AND shift_start < ?3 AND at <= ?4 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(
            params![agent_id, to_ms(log.start), to_ms(log.end), to_ms(now)],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            },
        )?;
        for row in rows {
            let (at, kind, reason) = row?;
            if let Some(kind) = NoticeKind::parse(&kind) {
                notices.push(Notice {
                    at: from_ms(at),
                    agent: employee_no.to_owned(),
                    kind,
                    reason,
                });
            }
        }
    }
    let facts = RollCallFacts {
        shift: &span,
        state_at_window_start,
        events: &events,
        notices: &notices,
        on_leave,
    };
    Ok(read_roll_call(&facts, policy, now))
}

/// A stored row's floor reading, to compare with a fresh one.
struct Stored {
    rostered: bool,
    corrected: bool,
    seated: bool,
    reading: RollCallReading,
}

/// Brings the roll call of an unsigned log in step with the roster and the floor at `now`:
/// inserts newly listed agents, drops uncorrected, unseated rows of agents no longer listed, and
/// re-reads every uncorrected row, writing only those whose reading changed. Returns how many
/// rows it inserted, deleted or changed.
pub(crate) fn sync_roll_call(
    tx: &Transaction<'_>,
    log: &LogRow,
    now: DateTime<Utc>,
) -> Result<u32> {
    log.refuse_signed()?;
    let policy = policy_in(tx, now)?;
    let listed = listed(tx, log)?;
    let mut stored: HashMap<i64, Stored> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT agent_id, rostered, corrected_at IS NOT NULL, seat_id IS NOT NULL, status,
                    late_min, notified, pending, arrived_at
             FROM handover_roll_call WHERE log_id = ?1",
        )?;
        let rows = stmt.query_map([log.id], |r| {
            let status: String = r.get(4)?;
            Ok((
                r.get::<_, i64>(0)?,
                Stored {
                    rostered: r.get(1)?,
                    corrected: r.get(2)?,
                    seated: r.get(3)?,
                    reading: RollCallReading {
                        status: RollCallStatus::parse(&status).unwrap_or(RollCallStatus::Absent),
                        late_min: r.get(5)?,
                        notified: r.get(6)?,
                        pending: r.get(7)?,
                        arrived_at: r.get::<_, Option<i64>>(8)?.map(from_ms),
                    },
                },
            ))
        })?;
        for row in rows {
            let (agent, s) = row?;
            stored.insert(agent, s);
        }
    }
    let at = to_ms(now);
    let mut changed = 0u32;
    for (agent_id, employee_no, name, rostered) in &listed {
        let existing = stored.remove(agent_id);
        if existing.as_ref().is_some_and(|s| s.corrected) {
            continue;
        }
        let fresh = reading(tx, *agent_id, employee_no, log, &policy, now)?;
        match existing {
            None => {
                tx.prepare_cached(
                    "INSERT INTO handover_roll_call (log_id, agent_id, employee_no, name, rostered,
                         status, late_min, notified, pending, arrived_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    log.id,
                    agent_id,
                    employee_no,
                    name,
                    rostered,
                    fresh.status.as_str(),
                    fresh.late_min,
                    fresh.notified,
                    fresh.pending,
                    fresh.arrived_at.map(to_ms),
                    at,
                ])?;
                changed += 1;
            }
            Some(s) if s.reading != fresh || s.rostered != *rostered => {
                tx.prepare_cached(
                    "UPDATE handover_roll_call SET rostered = ?3, status = ?4, late_min = ?5,
                         notified = ?6, pending = ?7, arrived_at = ?8, updated_at = ?9
                     WHERE log_id = ?1 AND agent_id = ?2 AND corrected_at IS NULL",
                )?
                .execute(params![
                    log.id,
                    agent_id,
                    rostered,
                    fresh.status.as_str(),
                    fresh.late_min,
                    fresh.notified,
                    fresh.pending,
                    fresh.arrived_at.map(to_ms),
                    at,
                ])?;
                changed += 1;
            }
            Some(_) => {}
        }
    }
    for (agent_id, s) in stored {
        if !s.corrected && !s.seated {
            tx.prepare_cached(
                "DELETE FROM handover_roll_call WHERE log_id = ?1 AND agent_id = ?2",
            )?
            .execute(params![log.id, agent_id])?;
            changed += 1;
        }
    }
    Ok(changed)
}

pub(crate) fn agent_by_no(
    conn: &Connection,
    employee_no: &str,
) -> Result<(i64, String, Option<i64>)> {
    conn.prepare_cached("SELECT id, name, seat_id FROM agents WHERE employee_no = ?1")?
        .query_row([employee_no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| not_found("agent", employee_no))
}

pub(crate) fn not_on_roll_call(employee_no: &str) -> crate::StoreError {
    Problem::new(
        ErrorCode::HandoverNotOnRollCall,
        format!("{employee_no} is not on this shift's roll call"),
    )
    .with("employee_no", employee_no)
    .into()
}

impl Store {
    /// A log's roll call: rostered agents first, then by 工号.
    pub fn handover_roll_call(&self, log_id: i64) -> Result<Vec<RollCallRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.employee_no, r.name, r.rostered, r.status, r.late_min, r.notified, r.pending,
                    r.arrived_at, r.seat_code, s.code, r.note, r.corrected_by_employee_no,
                    u.display_name, r.corrected_at
             FROM handover_roll_call r JOIN agents a ON a.id = r.agent_id
             LEFT JOIN seats s ON s.id = a.seat_id LEFT JOIN users u ON u.id = r.corrected_by
             WHERE r.log_id = ?1 ORDER BY r.rostered DESC, r.employee_no",
        )?;
        let rows = stmt.query_map([log_id], |r| {
            let status: String = r.get(3)?;
            let corrected_no: Option<String> = r.get(11)?;
            let corrected_name: Option<String> = r.get(12)?;
            Ok(RollCallRow {
                employee_no: r.get(0)?,
                name: r.get(1)?,
                rostered: r.get(2)?,
                status: RollCallStatus::parse(&status).unwrap_or(RollCallStatus::Absent),
                late_min: r.get(4)?,
                notified: r.get(5)?,
                pending: r.get(6)?,
                arrived_at: r.get::<_, Option<i64>>(7)?.map(from_ms),
                seat_code: r.get(8)?,
                home_seat_code: r.get(9)?,
                note: r.get(10)?,
                corrected_by: corrected_no.map(|no| PersonRef {
                    name: corrected_name.unwrap_or_else(|| no.clone()),
                    employee_no: no,
                }),
                corrected_at: r.get::<_, Option<i64>>(13)?.map(from_ms),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Re-reads an unsigned log's roll call from the floor at `now` (corrected rows stay as the
    /// lead left them); `handover.signed` on a signed log. Returns how many rows changed.
    pub fn refresh_roll_call(&mut self, log_id: i64, now: DateTime<Utc>) -> Result<u32> {
        let log = log_row(self.conn(), log_id)?;
        log.refuse_signed()?;
        self.write(|tx| sync_roll_call(tx, &log, now))
    }

    /// A lead's correction of one row; it sticks through refreshes. Someone not on the roll
    /// call (covering from another team) is added, not rostered.
    pub fn correct_roll_call(
        &mut self,
        log_id: i64,
        input: &RollCallCorrection,
        actor: Actor,
    ) -> Result<()> {
        let log = log_row(self.conn(), log_id)?;
        log.refuse_signed()?;
        check_run(&self.reach_of(actor)?, log.team_id, &log.team_name)?;
        let late_min = match input.status {
            RollCallStatus::Late | RollCallStatus::Excused => input.late_min,
            _ => None,
        };
        if let Some(min) = late_min.filter(|m| *m <= 0) {
            return Err(Problem::new(
                ErrorCode::ValidationOutOfRange,
                format!("late minutes must be at least 1, not {min}"),
            )
            .with("min", 1)
            .with("max", 24 * 60)
            .with("value", min)
            .into());
        }
        let note = check_optional_text("note", input.note.as_deref())?;
        self.write(|tx| {
            let (agent_id, name, _) = agent_by_no(tx, &input.employee_no)?;
            let by = actor_employee_no(tx, actor)?;
            let at = to_ms(actor.at);
            let updated = tx
                .prepare_cached(
                    "UPDATE handover_roll_call SET status = ?3, late_min = ?4, notified = ?5,
                         pending = 0, note = ?6, corrected_at = ?7, corrected_by = ?8,
                         corrected_by_employee_no = ?9, updated_at = ?7
                     WHERE log_id = ?1 AND agent_id = ?2",
                )?
                .execute(params![
                    log.id,
                    agent_id,
                    input.status.as_str(),
                    late_min,
                    input.notified,
                    note,
                    at,
                    actor.user_id,
                    by
                ])?;
            if updated == 0 {
                tx.prepare_cached(
                    "INSERT INTO handover_roll_call (log_id, agent_id, employee_no, name, rostered,
                         status, late_min, notified, pending, note, corrected_at, corrected_by,
                         corrected_by_employee_no, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, 0, ?8, ?9, ?10, ?11, ?9)",
                )?
                .execute(params![
                    log.id,
                    agent_id,
                    input.employee_no,
                    name,
                    input.status.as_str(),
                    late_min,
                    input.notified,
                    note,
                    at,
                    actor.user_id,
                    by
                ])?;
            }
            actor
                .audit(
                    "correct",
                    "handover_roll_call",
                    Some(log.id),
                    Some(format!("{} {}", input.employee_no, input.status.as_str())),
                )
                .record(tx)
        })
    }
}
