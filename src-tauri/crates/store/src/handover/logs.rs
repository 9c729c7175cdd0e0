//! Handover logs (交接记录) as roster facts: the team shifts the roster makes, a log per team
//! shift opened once (by the tick, a lead, or a sign-off needing the incoming log), its heading
//! copied at opening. Roll call, leads and the tick live beside this file; docs/design/handover.md
//! §2 and §5.
//!
//! The helpers here take a `&Connection` (a `Transaction` derefs to one), so a write that needs a
//! log opened or a roll call re-read does it inside its own transaction.

use chrono::NaiveDate;
use floordesk_domain::handover::shift::TeamShift;
use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};

use super::LogKey;
use super::record::{
    actor_employee_no, check_run, log_by_key, log_row, roster_shift, team_name, team_shifts_in,
};
use super::roll_call::sync_roll_call;
use crate::{Actor, Result, Store, to_ms};

/// Where a log stands (UI: 未开始 · 进行中 · 待接班签收 · 已签字).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LogStatus {
    NotOpened,
    Open,
    AwaitingReceipt,
    Signed,
}

/// Opens the log of `key` inside a write: the key must be a team shift in the roster; the
/// heading (team name, shift name and times) is copied; the roll call is inserted and read at
/// `actor.at`; audit `open handover_log`. An existing log is returned as it is. Returns the id
/// and whether it was opened now.
pub(crate) fn open_log(tx: &Transaction<'_>, key: &LogKey, actor: Actor) -> Result<(i64, bool)> {
    if let Some(log) = log_by_key(tx, key)? {
        return Ok((log.id, false));
    }
    let shift = roster_shift(tx, key)?;
    let team = team_name(tx, key.team_id)?.unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO handover_logs (team_id, team_name, shift_date, shift_key, shift_name,
             shift_start, shift_end, opened_at, opened_by, opened_by_employee_no)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        key.team_id,
        team,
        key.date.to_string(),
        key.shift,
        shift.name,
        to_ms(shift.start),
        to_ms(shift.end),
        to_ms(actor.at),
        actor.user_id,
        actor_employee_no(tx, actor)?,
    ])?;
    let id = tx.last_insert_rowid();
    let log = log_row(tx, id)?;
    sync_roll_call(tx, &log, actor.at)?;
    actor
        .audit(
            "open",
            "handover_log",
            Some(id),
            Some(format!("{} {} {}", key.date, team, key.shift)),
        )
        .record(tx)?;
    Ok((id, true))
}

impl Store {
    /// The team shifts on `first`–`last` (one team's, or every team's when None) as the roster
    /// makes them: one per distinct working cell per team and date, by team then start.
    pub fn team_shifts_between(
        &self,
        team_id: Option<i64>,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<TeamShift>> {
        team_shifts_in(self.conn(), team_id, first, last)
    }

    /// The id of the log of `key`, if opened.
    pub fn handover_log_id(&self, key: &LogKey) -> Result<Option<i64>> {
        Ok(log_by_key(self.conn(), key)?.map(|l| l.id))
    }

    /// Opens the log of a team shift (idempotent: an opened one returns its id). The key must be
    /// in the roster (`handover.no_shift`); a team lead opens their own team's.
    pub fn open_handover_log(&mut self, key: &LogKey, actor: Actor) -> Result<i64> {
        let reach = self.reach_of(actor)?;
        if let Some(log) = log_by_key(self.conn(), key)? {
            return Ok(log.id);
        }
        let team = team_name(self.conn(), key.team_id)?
            .ok_or_else(|| crate::error::not_found("team", key.team_id))?;
        check_run(&reach, key.team_id, &team)?;
        self.write(|tx| open_log(tx, key, actor).map(|(id, _)| id))
    }
}
