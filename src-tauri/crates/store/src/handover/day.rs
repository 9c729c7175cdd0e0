//! The handover page's day: per team, a card per shift (rostered, or opened and since gone from
//! the roster) with its log's status and lead. docs/design/handover.md §5.1.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::LogKey;
use super::leads::{LeadView, lead_of, lead_view};
use super::logs::LogStatus;
use super::record::{NotYourTeam, logs_between, not_your_team, team_shifts_in};
use crate::reach::Reach;
use crate::{Actor, Result, Store};

/// One shift of a team on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ShiftCard {
    pub key: LogKey,
    pub name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub log_id: Option<i64>,
    pub status: LogStatus,
    pub lead: LeadView,
    pub open_items: u32,
    pub open_reminders: u32,
    /// False: the log was opened and the roster no longer has the shift.
    pub in_roster: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TeamDay {
    pub team_id: i64,
    pub team_name: String,
    pub shifts: Vec<ShiftCard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HandoverDay {
    pub date: NaiveDate,
    /// The backend's clock when read (a simulated clock runs in the demo and the E2E): what
    /// "running now" and 待签字 are judged against.
    pub now: DateTime<Utc>,
    pub teams: Vec<TeamDay>,
}

/// A stored log's status by its signatures: none → open; the outgoing alone → awaiting
/// receipt; else signed.
pub(crate) fn log_status(conn: &Connection, log_id: i64) -> Result<LogStatus> {
    let mut stmt =
        conn.prepare_cached("SELECT side, mode FROM handover_signatures WHERE log_id = ?1")?;
    let rows = stmt.query_map([log_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let signatures: Vec<(String, String)> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(match signatures.as_slice() {
        [] => LogStatus::Open,
        [(side, mode)] if side == "outgoing" && mode == "alone" => LogStatus::AwaitingReceipt,
        _ => LogStatus::Signed,
    })
}

fn count(conn: &Connection, sql: &str, log_id: i64) -> Result<u32> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([log_id], |r| r.get(0))?)
}

impl Store {
    /// The day's shift cards per team the operator reaches (a team lead or an agent: their own
    /// team; `handover.not_your_team` when asking for another), by team name then start.
    pub fn handover_day(
        &self,
        date: NaiveDate,
        team_id: Option<i64>,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<HandoverDay> {
        let own_team = match self.reach_of(actor)? {
            Reach::Everyone => None,
            Reach::Team { team_id, .. } => Some(team_id.unwrap_or(-1)),
            Reach::Own { employee_no } => Some(
                self.agent_by_employee_no(&employee_no)?
                    .map_or(-1, |a| a.team_id),
            ),
        };
        let teams = self.list_teams()?;
        if let Some(asked) = team_id {
            let team = teams
                .iter()
                .find(|t| t.id == asked)
                .ok_or_else(|| crate::error::not_found("team", asked))?;
            if own_team.is_some_and(|own| own != asked) {
                return Err(not_your_team(&team.name, NotYourTeam::Log));
            }
        }
        let conn = self.conn();
        let mut out = Vec::new();
        for team in teams {
            let wanted = team_id.map_or(team.active, |t| t == team.id);
            if !wanted || own_team.is_some_and(|own| own != team.id) {
                continue;
            }
            let mut logs = logs_between(conn, Some(team.id), date, date)?;
            let mut shifts = Vec::new();
            for shift in team_shifts_in(conn, Some(team.id), date, date)? {
                let at = logs.iter().position(|l| l.shift_key == shift.key);
                let log = at.map(|i| logs.remove(i));
                shifts.push((
                    LogKey {
                        team_id: team.id,
                        date,
                        shift: shift.key,
                    },
                    shift.name,
                    shift.start,
                    shift.end,
                    log.map(|l| l.id),
                    true,
                ));
            }
            for log in logs {
                shifts.push((
                    log.key(),
                    log.shift_name,
                    log.start,
                    log.end,
                    Some(log.id),
                    false,
                ));
            }
            shifts.sort_by(|a, b| (a.2, a.3, &a.0.shift).cmp(&(b.2, b.3, &b.0.shift)));
            let mut cards = Vec::new();
            for (key, name, start, end, log_id, in_roster) in shifts {
                let lead = lead_view(conn, &lead_of(conn, &key, now)?)?;
                let (status, open_items, open_reminders) = match log_id {
                    None => (LogStatus::NotOpened, 0, 0),
                    Some(id) => (
                        log_status(conn, id)?,
                        count(
                            conn,
                            "SELECT count(*) FROM handover_item_index WHERE log_id = ?1 AND status = 'open'",
                            id,
                        )?,
                        count(
                            conn,
                            "SELECT count(*) FROM handover_reminders WHERE log_id = ?1 AND acknowledged_at IS NULL",
                            id,
                        )?,
                    ),
                };
                cards.push(ShiftCard {
                    key,
                    name,
                    start,
                    end,
                    log_id,
                    status,
                    lead,
                    open_items,
                    open_reminders,
                    in_roster,
                });
            }
            out.push(TeamDay {
                team_id: team.id,
                team_name: team.name,
                shifts: cards,
            });
        }
        Ok(HandoverDay {
            date,
            now,
            teams: out,
        })
    }
}
