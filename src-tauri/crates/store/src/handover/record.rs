//! What every part of the handover record reads: a log row, the site's zone and policy, the
//! roster's shifts, who the actor is, reach. Apart from `logs.rs` so that roll call, leads,
//! seats, items and sign-off read them without importing each other (no file here imports one
//! that imports it back).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use floordesk_domain::access::Role;
use floordesk_domain::floor::AgentState;
use floordesk_domain::handover::HandoverPolicy;
use floordesk_domain::handover::shift::{TeamShift, team_shifts};
use floordesk_domain::roster::Cell;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};

use super::{LogKey, LogLabel, PersonRef};
use crate::error::not_found;
use crate::reach::Reach;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

/// A stored log's heading as copied at opening, and whether a signature froze it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogRow {
    pub id: i64,
    pub team_id: i64,
    pub team_name: String,
    pub date: NaiveDate,
    pub shift_key: String,
    pub shift_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Any signature on record: the log is frozen.
    pub signed: bool,
}

impl LogRow {
    pub fn key(&self) -> LogKey {
        LogKey {
            team_id: self.team_id,
            date: self.date,
            shift: self.shift_key.clone(),
        }
    }

    /// `handover.signed` when frozen: every write touching the log checks this before its SQL
    /// (the triggers are the second line).
    pub fn refuse_signed(&self) -> Result<()> {
        if !self.signed {
            return Ok(());
        }
        Err(self.signed_refusal())
    }

    /// The shift as people say it: 白班 D (a template), or the spans alone.
    pub fn shift_words(&self) -> String {
        if self.shift_name == self.shift_key {
            self.shift_key.clone()
        } else {
            format!("{} {}", self.shift_name, self.shift_key)
        }
    }

    /// handover.signed: "2026-11-23 售前一组 白班 D is signed: …".
    pub fn signed_refusal(&self) -> StoreError {
        let shift = self.shift_words();
        Problem::new(
            ErrorCode::HandoverSigned,
            format!(
                "{} {} {shift} is signed: it cannot be changed; add an addendum",
                self.date, self.team_name
            ),
        )
        .with("date", self.date)
        .with("team", &self.team_name)
        .with("shift", shift)
        .into()
    }

    pub fn label(&self) -> LogLabel {
        LogLabel {
            log_id: self.id,
            date: self.date,
            team_name: self.team_name.clone(),
            shift_key: self.shift_key.clone(),
            shift_name: self.shift_name.clone(),
        }
    }
}

pub(crate) const LOG_SELECT: &str =
    "SELECT l.id, l.team_id, l.team_name, l.shift_date, l.shift_key, l.shift_name,
        l.shift_start, l.shift_end,
        EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = l.id)
     FROM handover_logs l";

pub(crate) fn log_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogRow> {
    let date: String = r.get(3)?;
    Ok(LogRow {
        id: r.get(0)?,
        team_id: r.get(1)?,
        team_name: r.get(2)?,
        date: date.parse().unwrap_or_default(),
        shift_key: r.get(4)?,
        shift_name: r.get(5)?,
        start: from_ms(r.get(6)?),
        end: from_ms(r.get(7)?),
        signed: r.get(8)?,
    })
}

/// The log with this id, or `not_found {entity: handover_log}`.
pub(crate) fn log_row(conn: &Connection, id: i64) -> Result<LogRow> {
    conn.prepare_cached(&format!("{LOG_SELECT} WHERE l.id = ?1"))?
        .query_row([id], log_from_row)
        .optional()?
        .ok_or_else(|| not_found("handover_log", id))
}

/// The log of this key, if opened.
pub(crate) fn log_by_key(conn: &Connection, key: &LogKey) -> Result<Option<LogRow>> {
    Ok(conn
        .prepare_cached(&format!(
            "{LOG_SELECT} WHERE l.team_id = ?1 AND l.shift_date = ?2 AND l.shift_key = ?3"
        ))?
        .query_row(
            params![key.team_id, key.date.to_string(), key.shift],
            log_from_row,
        )
        .optional()?)
}

/// The logs of shifts on `first`–`last` (every team's when `team_id` is None), by start.
pub(crate) fn logs_between(
    conn: &Connection,
    team_id: Option<i64>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<LogRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LOG_SELECT} WHERE l.shift_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR l.team_id = ?3)
         ORDER BY l.shift_start, l.shift_end, l.shift_key, l.id"
    ))?;
    let rows = stmt.query_map(
        params![first.to_string(), last.to_string(), team_id],
        log_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The site's time zone (Asia/Shanghai before a site is set up).
pub(crate) fn site_tz(conn: &Connection) -> Result<Tz> {
    let zone: Option<String> = conn
        .prepare_cached("SELECT time_zone FROM site WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(zone
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::Asia::Shanghai))
}

/// The handover settings in force at `at`.
pub(crate) fn policy_in(conn: &Connection, at: DateTime<Utc>) -> Result<HandoverPolicy> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM policy_values WHERE effective_from <= ?1 ORDER BY effective_from, id",
    )?;
    let rows = stmt.query_map([to_ms(at)], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let settings: BTreeMap<String, i64> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(HandoverPolicy::from_settings(&settings))
}

/// The team shifts on `first`–`last` (every team's when `team_id` is None) from the roster's
/// cells and templates in the site's zone: by team, then (start, end, key).
pub(crate) fn team_shifts_in(
    conn: &Connection,
    team_id: Option<i64>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<TeamShift>> {
    let tz = site_tz(conn)?;
    let templates = crate::roster::templates_in(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.team_id, a.employee_no, c.date, c.cell FROM roster_cells c JOIN agents a ON a.id = c.agent_id
         WHERE c.date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.team_id = ?3) AND c.cell <> ''
         ORDER BY a.team_id, c.date, a.employee_no",
    )?;
    let rows = stmt.query_map(params![first.to_string(), last.to_string(), team_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut by_team: BTreeMap<i64, Vec<(String, NaiveDate, Cell)>> = BTreeMap::new();
    for row in rows {
        let (team, employee_no, date, text) = row?;
        let (Ok(date), Ok(cell)) = (date.parse(), Cell::parse(&text, &templates)) else {
            continue;
        };
        if cell.is_work() {
            by_team
                .entry(team)
                .or_default()
                .push((employee_no, date, cell));
        }
    }
    Ok(by_team
        .into_iter()
        .flat_map(|(team, cells)| team_shifts(team, &cells, &templates, tz))
        .collect())
}

/// The team's shift of this key in the roster, or `handover.no_shift {team, date, shift}`.
pub(crate) fn roster_shift(conn: &Connection, key: &LogKey) -> Result<TeamShift> {
    team_shifts_in(conn, Some(key.team_id), key.date, key.date)?
        .into_iter()
        .find(|s| s.date == key.date && s.key == key.shift)
        .map_or_else(|| Err(no_shift(conn, key)), Ok)
}

fn no_shift(conn: &Connection, key: &LogKey) -> crate::StoreError {
    let team = team_name(conn, key.team_id)
        .ok()
        .flatten()
        .unwrap_or_else(|| key.team_id.to_string());
    Problem::new(
        ErrorCode::HandoverNoShift,
        format!(
            "the roster has no shift {} of {} on {}",
            key.shift, team, key.date
        ),
    )
    .with("team", team)
    .with("date", key.date)
    .with("shift", &key.shift)
    .into()
}

pub(crate) fn team_name(conn: &Connection, team_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM teams WHERE id = ?1")?
        .query_row([team_id], |r| r.get(0))
        .optional()?)
}

/// The operator's 工号 (NULL for the system).
pub(crate) fn actor_employee_no(conn: &Connection, actor: Actor) -> Result<Option<String>> {
    let Some(user_id) = actor.user_id else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(a.employee_no, u.own_employee_no) FROM users u
             LEFT JOIN agents a ON a.id = u.agent_id WHERE u.id = ?1",
        )?
        .query_row([user_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Refuses a handover write (open, roll call, seats) the operator may not make: a team lead
/// runs their own team's logs; an agent runs none.
pub(crate) fn check_run(reach: &Reach, team_id: i64, team_name: &str) -> Result<()> {
    match reach {
        Reach::Everyone => Ok(()),
        Reach::Team {
            team_id: Some(own), ..
        } if *own == team_id => Ok(()),
        Reach::Team { .. } => Err(not_your_team(team_name, NotYourTeam::Log)),
        Reach::Own { .. } => Err(Problem::new(
            ErrorCode::AuthForbidden,
            "an agent does not run the handover",
        )
        .into()),
    }
}

/// What a `handover.not_your_team` refusal is about, which its message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotYourTeam {
    /// Running a log: opening it, its roll call, seats, the day's cards, addenda.
    Log,
    /// A record of the team's: an item.
    Record,
}

pub(crate) fn not_your_team(team_name: &str, about: NotYourTeam) -> StoreError {
    let message = match about {
        NotYourTeam::Log => {
            format!("this is {team_name}'s handover log: you handle your own team's")
        }
        NotYourTeam::Record => {
            format!("this is {team_name}'s handover: only that team's own records can be handled")
        }
    };
    Problem::new(ErrorCode::HandoverNotYourTeam, message)
        .with("team", team_name)
        .into()
}

/// The teams whose handover an operator sees: None, all of them.
pub(crate) fn reach_team(store: &Store, actor: Actor) -> Result<Option<Option<i64>>> {
    Ok(match store.reach_of(actor)? {
        Reach::Everyone => None,
        Reach::Team { team_id, .. } => Some(team_id),
        // An agent sees their team's logs (ViewHandover: own team).
        Reach::Own { employee_no } => {
            Some(store.agent_by_employee_no(&employee_no)?.map(|a| a.team_id))
        }
    })
}

/// A user as a signature, an addendum or an item event names them: 工号, name (the agent's when
/// they are one), role.
pub(crate) struct UserPerson {
    pub person: PersonRef,
    pub role: Role,
}

pub(crate) fn user_person(conn: &Connection, user_id: i64) -> Result<UserPerson> {
    conn.prepare_cached(
        "SELECT coalesce(a.employee_no, u.own_employee_no), coalesce(a.name, u.display_name), u.role
         FROM users u LEFT JOIN agents a ON a.id = u.agent_id WHERE u.id = ?1",
    )?
    .query_row([user_id], |r| {
        let role: String = r.get(2)?;
        Ok(UserPerson {
            person: PersonRef {
                employee_no: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                name: r.get(1)?,
            },
            role: Role::parse(&role).unwrap_or(Role::Agent),
        })
    })
    .optional()?
    .ok_or_else(|| not_found("user", user_id))
}

/// The first signature of a log: (incoming log it named, hash), if signed.
pub(crate) fn first_signature(
    conn: &Connection,
    log_id: i64,
) -> Result<Option<(Option<i64>, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT incoming_log_id, hash FROM handover_signatures WHERE log_id = ?1
             ORDER BY id LIMIT 1",
        )?
        .query_row([log_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// An agent's state at `at`: their latest state event then, signed out when there is none.
pub(crate) fn state_at(conn: &Connection, agent_id: i64, at: DateTime<Utc>) -> Result<AgentState> {
    Ok(conn
        .prepare_cached(
            "SELECT state FROM state_events WHERE agent_id = ?1 AND at <= ?2
             ORDER BY at DESC, id DESC LIMIT 1",
        )?
        .query_row(params![agent_id, to_ms(at)], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|s| AgentState::parse(&s))
        .unwrap_or(AgentState::SignedOut))
}

/// Members of a shift by 工号 with whether each is signed in at `now` (their latest state is
/// not 签出).
pub(crate) fn members_signed_in(
    conn: &Connection,
    members: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<(PersonRef, bool)>> {
    let mut out = Vec::new();
    for no in members {
        let row: Option<(i64, String)> = conn
            .prepare_cached("SELECT id, name FROM agents WHERE employee_no = ?1")?
            .query_row([no], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((agent_id, name)) = row else {
            continue;
        };
        let signed_in = state_at(conn, agent_id, now)? != AgentState::SignedOut;
        out.push((
            PersonRef {
                employee_no: no.clone(),
                name,
            },
            signed_in,
        ));
    }
    Ok(out)
}
