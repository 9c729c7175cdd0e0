//! Seats for the shift (本班台席, seed 003: 统一听从交接班长安排): the 交接班长 assigns them on
//! the roll call; a seat taken within the log swaps, one held in an overlapping log is refused;
//! every assignment is kept in `handover_seat_moves`. docs/design/handover.md §5.2 "Seats".

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use floordesk_domain::handover::seats::{Occupant, seat_conflict};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::record::{LogRow, actor_employee_no, check_run, log_row, policy_in};
use super::roll_call::{agent_by_no, not_on_roll_call};
use crate::error::not_found;
use crate::{Actor, Result, Store, to_ms};

/// (assigned seat, home seat) of an agent on the log's roll call, if listed.
fn seats_of(
    conn: &Connection,
    log_id: i64,
    agent_id: i64,
) -> Result<Option<(Option<i64>, Option<i64>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.seat_id, a.seat_id FROM handover_roll_call r JOIN agents a ON a.id = r.agent_id
             WHERE r.log_id = ?1 AND r.agent_id = ?2",
        )?
        .query_row(params![log_id, agent_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn seat_code(conn: &Connection, seat_id: Option<i64>) -> Result<Option<String>> {
    let Some(id) = seat_id else { return Ok(None) };
    Ok(conn
        .prepare_cached("SELECT code FROM seats WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Sets one row's seat and records the assignment.
fn put_seat(
    tx: &Transaction<'_>,
    log_id: i64,
    agent_id: i64,
    seat_id: Option<i64>,
    record: bool,
    actor: Actor,
    by: Option<&str>,
) -> Result<()> {
    let code = seat_code(tx, seat_id)?;
    tx.prepare_cached(
        "UPDATE handover_roll_call SET seat_id = ?3, seat_code = ?4, updated_at = ?5
         WHERE log_id = ?1 AND agent_id = ?2",
    )?
    .execute(params![log_id, agent_id, seat_id, code, to_ms(actor.at)])?;
    if record {
        tx.prepare_cached(
            "INSERT INTO handover_seat_moves (log_id, agent_id, seat_id, seat_code, assigned_at,
                 assigned_by, assigned_by_employee_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            log_id,
            agent_id,
            seat_id,
            code,
            to_ms(actor.at),
            actor.user_id,
            by
        ])?;
    }
    Ok(())
}

impl Store {
    /// Seats an agent of the roll call for this shift (None: back to their home seat). A seat
    /// another agent of the same log holds is swapped with them; one held in an overlapping log
    /// (any team) is refused with `handover.seat_taken`.
    pub fn assign_shift_seat(
        &mut self,
        log_id: i64,
        employee_no: &str,
        seat_code: Option<&str>,
        actor: Actor,
    ) -> Result<()> {
        let log = log_row(self.conn(), log_id)?;
        log.refuse_signed()?;
        check_run(&self.reach_of(actor)?, log.team_id, &log.team_name)?;
        let code = seat_code.map(str::trim).filter(|c| !c.is_empty());
        self.write(|tx| {
            let (agent_id, _, _) = agent_by_no(tx, employee_no)?;
            let Some((assigned, home)) = seats_of(tx, log.id, agent_id)? else {
                return Err(not_on_roll_call(employee_no));
            };
            let seat = match code {
                None => None,
                Some(code) => {
                    let (id, active): (i64, bool) = tx
                        .prepare_cached("SELECT id, active FROM seats WHERE code = ?1")?
                        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?
                        .ok_or_else(|| not_found("seat", code))?;
                    if !active {
                        return Err(Problem::new(
                            ErrorCode::SeatInactive,
                            format!("seat {code} is not in use"),
                        )
                        .into());
                    }
                    Some(id)
                }
            };
            let by = actor_employee_no(tx, actor)?;
            let Some(seat) = seat else {
                put_seat(tx, log.id, agent_id, None, true, actor, by.as_deref())?;
                return actor
                    .audit(
                        "assign",
                        "handover_seat",
                        Some(log.id),
                        Some(format!("{employee_no} home")),
                    )
                    .record(tx);
            };
            if let Some(holder) = seat_conflict(seat, employee_no, &overlapping(tx, &log)?) {
                return Err(Problem::new(
                    ErrorCode::HandoverSeatTaken,
                    format!(
                        "seat {} is given to {holder} at this time",
                        code.unwrap_or_default()
                    ),
                )
                .with("seat", code.unwrap_or_default())
                .with("employee_no", holder)
                .into());
            }
            // Within the log: whoever holds the seat (assigned, or their home seat with no
            // assignment) takes this agent's seat in exchange.
            let holder: Option<i64> = tx
                .prepare_cached(
                    "SELECT r.agent_id FROM handover_roll_call r JOIN agents a ON a.id = r.agent_id
                     WHERE r.log_id = ?1 AND r.agent_id <> ?2
                       AND (r.seat_id = ?3 OR (r.seat_id IS NULL AND a.seat_id = ?3))
                     ORDER BY r.seat_id IS NULL LIMIT 1",
                )?
                .query_row(params![log.id, agent_id, seat], |r| r.get(0))
                .optional()?;
            put_seat(tx, log.id, agent_id, None, false, actor, None)?;
            if let Some(other) = holder {
                let back = assigned.or(home).filter(|s| *s != seat);
                put_seat(tx, log.id, other, back, true, actor, by.as_deref())?;
            }
            put_seat(tx, log.id, agent_id, Some(seat), true, actor, by.as_deref())?;
            actor
                .audit(
                    "assign",
                    "handover_seat",
                    Some(log.id),
                    Some(format!("{employee_no} {}", code.unwrap_or_default())),
                )
                .record(tx)
        })
    }

    /// Seats assigned for shifts whose roll call has begun and which have not ended at `at`
    /// (`start − roll_call_before_start_min ≤ at < end`), by 工号 → (seat id, code); when an
    /// agent is on two such logs the later-starting one wins.
    pub fn shift_seats_at(&self, at: DateTime<Utc>) -> Result<HashMap<String, (i64, String)>> {
        let policy = policy_in(self.conn(), at)?;
        let early = policy.roll_call_before_start_min * 60_000;
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.employee_no, r.seat_id, r.seat_code FROM handover_roll_call r
             JOIN handover_logs l ON l.id = r.log_id
             WHERE r.seat_id IS NOT NULL AND l.shift_start - ?2 <= ?1 AND l.shift_end > ?1
             ORDER BY l.shift_start, l.id",
        )?;
        let rows = stmt.query_map(params![to_ms(at), early], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (no, id, code) = row?;
            out.insert(no, (id, code));
        }
        Ok(out)
    }
}

/// Who sits where in the logs overlapping `log` in time (any team, not `log` itself): each
/// listed agent not on leave, with their home seat and the seat assigned for that shift.
fn overlapping(conn: &Connection, log: &LogRow) -> Result<Vec<Occupant>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.employee_no, a.seat_id, r.seat_id FROM handover_roll_call r
         JOIN agents a ON a.id = r.agent_id JOIN handover_logs l ON l.id = r.log_id
         WHERE r.log_id <> ?1 AND l.shift_start < ?3 AND l.shift_end > ?2 AND r.status <> 'on_leave'
         ORDER BY l.shift_start, r.employee_no",
    )?;
    let rows = stmt.query_map(params![log.id, to_ms(log.start), to_ms(log.end)], |r| {
        Ok(Occupant {
            employee_no: r.get(0)?,
            home_seat_id: r.get(1)?,
            assigned_seat_id: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
