//! 交接班长: a supervisor's designations per team and shift, and the lead of a shift by the
//! domain's `choose_lead` (a team lead working it; else the designated member; else 主管代签).

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::access::Role;
use floordesk_domain::handover::lead::{LeadBasis, Member, ShiftLead, choose_lead};
use floordesk_domain::handover::roll_call::RollCallStatus;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::record::{LogRow, check_run, log_by_key, policy_in, roster_shift, team_name};
use super::roll_call::reading;
use super::{LogKey, PersonRef};
use crate::error::not_found;
use crate::{Actor, Result, Store, to_ms};

/// A supervisor names the 交接班长 of a team's shift from a date, until a date or for good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DesignationInput {
    pub team_id: i64,
    /// The shift key (a template code such as `N`, or spans).
    pub shift: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// 工号 of the agent named.
    pub employee_no: String,
}

/// The lead as the page shows them: nobody with `StandIn` is 主管代签.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LeadView {
    pub person: Option<PersonRef>,
    pub basis: LeadBasis,
}

/// 工号 of the agent designated for the team's shift on `date` (the newest designation
/// covering it), if any.
pub(crate) fn designated_on(
    conn: &Connection,
    team_id: i64,
    shift_key: &str,
    date: NaiveDate,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.employee_no FROM handover_lead_designations d JOIN agents a ON a.id = d.agent_id
             WHERE d.team_id = ?1 AND d.shift_key = ?2 AND d.from_date <= ?3
               AND (d.to_date IS NULL OR d.to_date >= ?3)
             ORDER BY d.designated_at DESC, d.id DESC LIMIT 1",
        )?
        .query_row(params![team_id, shift_key, date.to_string()], |r| r.get(0))
        .optional()?)
}

fn member(conn: &Connection, employee_no: &str, away: bool) -> Result<Member> {
    let user: Option<(i64, String, bool)> = conn
        .prepare_cached(
            "SELECT u.id, u.role, u.active FROM users u JOIN agents a ON a.id = u.agent_id
             WHERE a.employee_no = ?1",
        )?
        .query_row([employee_no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(Member {
        employee_no: employee_no.to_owned(),
        user_id: user.as_ref().map(|u| u.0),
        role: user.as_ref().and_then(|u| Role::parse(&u.1)),
        user_active: user.as_ref().is_some_and(|u| u.2),
        away,
    })
}

/// The lead of the shift of `key` at `now`: an opened log's roll call says who is there and who
/// is away (absent, on leave, excused; 未到 — absent but still pending — is not away); a log not
/// opened yet is read from the roster and the floor as its roll call would be.
pub(crate) fn lead_of(conn: &Connection, key: &LogKey, now: DateTime<Utc>) -> Result<ShiftLead> {
    let mut members = Vec::new();
    if let Some(log) = log_by_key(conn, key)? {
        let mut stmt = conn.prepare_cached(
            "SELECT employee_no, status, pending FROM handover_roll_call WHERE log_id = ?1
             ORDER BY employee_no",
        )?;
        let rows = stmt.query_map([log.id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?;
        for row in rows {
            let (no, status, pending) = row?;
            let away =
                !pending && RollCallStatus::parse(&status).is_none_or(RollCallStatus::is_away);
            members.push(member(conn, &no, away)?);
        }
    } else {
        let shift = roster_shift(conn, key)?;
        let log = LogRow {
            id: 0,
            team_id: key.team_id,
            team_name: String::new(),
            date: key.date,
            shift_key: key.shift.clone(),
            shift_name: shift.name.clone(),
            start: shift.start,
            end: shift.end,
            signed: false,
        };
        let policy = policy_in(conn, now)?;
        for no in &shift.members {
            let agent_id: Option<i64> = conn
                .prepare_cached("SELECT id FROM agents WHERE employee_no = ?1")?
                .query_row([no], |r| r.get(0))
                .optional()?;
            let Some(agent_id) = agent_id else { continue };
            let read = reading(conn, agent_id, no, &log, &policy, now)?;
            let away = !read.pending && read.status.is_away();
            members.push(member(conn, no, away)?);
        }
    }
    let designated = designated_on(conn, key.team_id, &key.shift, key.date)?;
    Ok(choose_lead(&members, designated.as_deref()))
}

/// The lead with their name, for the page.
pub(crate) fn lead_view(conn: &Connection, lead: &ShiftLead) -> Result<LeadView> {
    Ok(match lead {
        ShiftLead::Person {
            employee_no, basis, ..
        } => {
            let name: Option<String> = conn
                .prepare_cached("SELECT name FROM agents WHERE employee_no = ?1")?
                .query_row([employee_no], |r| r.get(0))
                .optional()?;
            LeadView {
                person: Some(PersonRef {
                    employee_no: employee_no.clone(),
                    name: name.unwrap_or_else(|| employee_no.clone()),
                }),
                basis: *basis,
            }
        }
        ShiftLead::StandIn => LeadView {
            person: None,
            basis: LeadBasis::StandIn,
        },
    })
}

impl Store {
    /// Names the 交接班长 of a team's shift from `from` (until `to`, or for good); the newest
    /// designation covering a date wins. The agent must have an active user (they sign with a
    /// PIN): `handover.lead_has_no_user` otherwise.
    pub fn designate_handover_lead(
        &mut self,
        input: &DesignationInput,
        actor: Actor,
    ) -> Result<()> {
        let shift = input.shift.trim();
        if shift.is_empty() {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "name the shift")
                    .with("field", "shift")
                    .into(),
            );
        }
        if let Some(to) = input.to.filter(|to| *to < input.from) {
            return Err(Problem::new(
                ErrorCode::ValidationOutOfRange,
                format!(
                    "the designation ends ({to}) before it starts ({})",
                    input.from
                ),
            )
            .with("min", input.from)
            .with("max", "")
            .with("value", to)
            .into());
        }
        let team = team_name(self.conn(), input.team_id)?
            .ok_or_else(|| not_found("team", input.team_id))?;
        check_run(&self.reach_of(actor)?, input.team_id, &team)?;
        let agent = self
            .agent_by_employee_no(input.employee_no.trim())?
            .ok_or_else(|| not_found("agent", input.employee_no.trim()))?;
        let has_user: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM users WHERE agent_id = ?1 AND active = 1)",
            [agent.id],
            |r| r.get(0),
        )?;
        if !has_user {
            return Err(Problem::new(
                ErrorCode::HandoverLeadHasNoUser,
                format!(
                    "{} has no user: a 交接班长 signs with a PIN",
                    agent.employee_no
                ),
            )
            .with("employee_no", &agent.employee_no)
            .into());
        }
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO handover_lead_designations (team_id, shift_key, from_date, to_date,
                     agent_id, designated_at, designated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                input.team_id,
                shift,
                input.from.to_string(),
                input.to.map(|d| d.to_string()),
                agent.id,
                to_ms(actor.at),
                actor.user_id
            ])?;
            let id = tx.last_insert_rowid();
            actor
                .audit(
                    "designate",
                    "handover_lead",
                    Some(id),
                    Some(format!(
                        "{team} {shift} {} {}",
                        input.from, agent.employee_no
                    )),
                )
                .record(tx)
        })
    }

    /// The 交接班长 of a team shift at `now` (opened or not; `handover.no_shift` when neither
    /// opened nor in the roster).
    pub fn shift_lead(&self, key: &LogKey, now: DateTime<Utc>) -> Result<ShiftLead> {
        lead_of(self.conn(), key, now)
    }

    /// [`Store::shift_lead`] of the log with this id.
    pub fn shift_lead_of_log(&self, log_id: i64, now: DateTime<Utc>) -> Result<ShiftLead> {
        let log = super::record::log_row(self.conn(), log_id)?;
        lead_of(self.conn(), &log.key(), now)
    }
}
