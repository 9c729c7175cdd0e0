//! Teams, seats and agents. People with history are deactivated, never deleted.

use chrono::NaiveDate;
use floordesk_domain::Problem;
use floordesk_domain::people::{
    ContactChannel, Level, check_employee_no, check_name, check_seat_position,
};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::error::not_found;
use crate::{Actor, Result, Store, to_ms};
use floordesk_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AgentRow {
    pub id: i64,
    pub employee_no: String,
    pub name: String,
    pub team_id: i64,
    pub team_name: String,
    pub level: Level,
    pub seat_id: Option<i64>,
    pub seat_code: Option<String>,
    pub hired_on: Option<NaiveDate>,
    /// The last day employed (离职日期): the roster's rest-day rule is pro-rated up to it.
    pub left_on: Option<NaiveDate>,
    pub active: bool,
    /// 基本工资 in fen (1/100 yuan); None when not on record. The app sends it only to an
    /// operator with `ViewPay` (None otherwise).
    pub base_pay_fen: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct AgentInput {
    /// None creates a new agent.
    pub id: Option<i64>,
    pub employee_no: String,
    pub name: String,
    pub team_id: i64,
    pub level: Level,
    pub seat_id: Option<i64>,
    pub hired_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    /// 基本工资 in fen; None: none on record. See [`Store::save_agent_with`] for an operator
    /// who may not see pay.
    pub base_pay_fen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Team {
    pub id: i64,
    pub name: String,
    pub channel: ContactChannel,
    pub active: bool,
    /// Active agents in the team.
    pub agent_count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct TeamInput {
    pub id: Option<i64>,
    pub name: String,
    /// None keeps the team's channel (a new team works the site's usual one).
    pub channel: Option<ContactChannel>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Seat {
    pub id: i64,
    pub code: String,
    /// Position on the floor map, in grid cells (column, row).
    pub x: i64,
    pub y: i64,
    pub zone: Option<String>,
    pub active: bool,
    /// The active agent sitting here, if any.
    pub agent_id: Option<i64>,
    pub agent_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct SeatInput {
    pub id: Option<i64>,
    pub code: String,
    pub x: i64,
    pub y: i64,
    pub zone: Option<String>,
}

const AGENT_SELECT: &str = "SELECT a.id, a.employee_no, a.name, a.team_id, t.name, a.level, a.seat_id, s.code, a.hired_on, a.active, a.left_on,
            a.base_pay_fen
     FROM agents a JOIN teams t ON t.id = a.team_id LEFT JOIN seats s ON s.id = a.seat_id";

fn agent_from_row(r: &Row<'_>) -> rusqlite::Result<AgentRow> {
    let level: String = r.get(5)?;
    let hired_on: Option<String> = r.get(8)?;
    Ok(AgentRow {
        id: r.get(0)?,
        employee_no: r.get(1)?,
        name: r.get(2)?,
        team_id: r.get(3)?,
        team_name: r.get(4)?,
        level: Level::parse(&level).unwrap_or(Level::Junior),
        seat_id: r.get(6)?,
        seat_code: r.get(7)?,
        hired_on: hired_on.and_then(|d| d.parse().ok()),
        left_on: r.get::<_, Option<String>>(10)?.and_then(|d| d.parse().ok()),
        active: r.get(9)?,
        base_pay_fen: r.get(11)?,
    })
}

fn seat_from_row(r: &Row<'_>) -> rusqlite::Result<Seat> {
    Ok(Seat {
        id: r.get(0)?,
        code: r.get(1)?,
        x: r.get(2)?,
        y: r.get(3)?,
        zone: r.get(4)?,
        active: r.get(5)?,
        agent_id: r.get(6)?,
        agent_name: r.get(7)?,
    })
}

const SEAT_SELECT: &str =
    "SELECT s.id, s.code, s.x, s.y, s.zone, s.active, a.id, a.name FROM seats s
     LEFT JOIN agents a ON a.seat_id = s.id AND a.active = 1";

impl Store {
    pub fn list_agents(&self, include_inactive: bool) -> Result<Vec<AgentRow>> {
        let sql = format!(
            "{AGENT_SELECT} WHERE a.active = 1 OR ?1 ORDER BY a.active DESC, a.employee_no"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([include_inactive], agent_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn agent(&self, id: i64) -> Result<AgentRow> {
        let sql = format!("{AGENT_SELECT} WHERE a.id = ?1");
        self.conn()
            .query_row(&sql, [id], agent_from_row)
            .optional()?
            .ok_or_else(|| not_found("agent", id))
    }

    pub fn agent_by_employee_no(&self, employee_no: &str) -> Result<Option<AgentRow>> {
        let sql = format!("{AGENT_SELECT} WHERE a.employee_no = ?1");
        Ok(self
            .conn()
            .query_row(&sql, [employee_no], agent_from_row)
            .optional()?)
    }

    /// Saves the agent with the input's base pay.
    pub fn save_agent(&mut self, input: &AgentInput, actor: Actor) -> Result<AgentRow> {
        self.save_agent_with(input, true, actor)
    }

    /// `with_pay` false (an operator who may not see pay): the input's base pay is ignored, an
    /// existing agent keeps theirs and a new one has none.
    pub fn save_agent_with(
        &mut self,
        input: &AgentInput,
        with_pay: bool,
        actor: Actor,
    ) -> Result<AgentRow> {
        let base_pay_fen = if with_pay { input.base_pay_fen } else { None };
        if let Some(fen) = base_pay_fen {
            check_base_pay_fen(fen)?;
        }
        let employee_no = check_employee_no(&input.employee_no)?;
        let name = check_name("name", &input.name)?;
        let id = self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row("SELECT id FROM agents WHERE employee_no = ?1", [&employee_no], |r| r.get(0))
                .optional()?;
            let a_users_own: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE own_employee_no = ?1)",
                [&employee_no],
                |r| r.get(0),
            )?;
            if (taken.is_some() && taken != input.id) || a_users_own {
                return Err(Problem::new(
                    ErrorCode::AgentDuplicateEmployeeNo,
                    format!("工号 {employee_no} already belongs to another agent"),
                )
                .with("employee_no", &employee_no)
                .into());
            }
            require_active(tx, "teams", input.team_id, "team", ErrorCode::TeamInactive)?;
            if let Some(seat_id) = input.seat_id {
                require_active(tx, "seats", seat_id, "seat", ErrorCode::SeatInactive)?;
                check_seat_free(tx, seat_id, input.id)?;
            }
            if let (Some(hired), Some(left)) = (input.hired_on, input.left_on)
                && left < hired
            {
                return Err(Problem::new(
                    ErrorCode::AgentLeavesBeforeHired,
                    format!("the leaving date {left} is before the hiring date {hired}"),
                )
                .with("left_on", left.to_string())
                .with("hired_on", hired.to_string())
                .into());
            }
            let hired_on = input.hired_on.map(|d| d.to_string());
            let left_on = input.left_on.map(|d| d.to_string());
            let now = to_ms(actor.at);
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO agents (employee_no, name, team_id, level, seat_id, hired_on, left_on, active, created_at, updated_at, base_pay_fen)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, 1, ?7, ?7, ?9)",
                        params![employee_no, name, input.team_id, input.level.as_str(), input.seat_id, hired_on, now, left_on, base_pay_fen],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE agents SET employee_no = ?2, name = ?3, team_id = ?4, level = ?5, seat_id = ?6, hired_on = ?7, updated_at = ?8, left_on = ?9,
                            base_pay_fen = CASE WHEN ?10 THEN ?11 ELSE base_pay_fen END
                         WHERE id = ?1",
                        params![id, employee_no, name, input.team_id, input.level.as_str(), input.seat_id, hired_on, now, left_on, with_pay, base_pay_fen],
                    )?;
                    if n == 0 {
                        return Err(not_found("agent", id));
                    }
                    id
                }
            };
            let action = if input.id.is_some() { "update" } else { "create" };
            actor.audit(action, "agent", Some(id), Some(employee_no.clone())).record(tx)?;
            Ok(id)
        })?;
        self.agent(id)
    }

    /// Deactivating frees the agent's seat for someone else but keeps the seat on record;
    /// reactivating fails if someone else took the seat meanwhile.
    pub fn set_agent_active(&mut self, id: i64, active: bool, actor: Actor) -> Result<()> {
        self.write(|tx| {
            let seat: Option<Option<i64>> = tx
                .query_row("SELECT seat_id FROM agents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            let seat = seat.ok_or_else(|| not_found("agent", id))?;
            if active && let Some(seat_id) = seat {
                check_seat_free(tx, seat_id, Some(id))?;
            }
            tx.execute(
                "UPDATE agents SET active = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, active, to_ms(actor.at)],
            )?;
            let action = if active { "activate" } else { "deactivate" };
            actor.audit(action, "agent", Some(id), None).record(tx)
        })
    }

    pub fn list_teams(&self) -> Result<Vec<Team>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.id, t.name, t.active, (SELECT count(*) FROM agents a WHERE a.team_id = t.id AND a.active = 1),
                    t.channel
             FROM teams t ORDER BY t.active DESC, t.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Team {
                id: r.get(0)?,
                name: r.get(1)?,
                channel: ContactChannel::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
                active: r.get(2)?,
                agent_count: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn save_team(&mut self, input: &TeamInput, actor: Actor) -> Result<Team> {
        let name = check_name("team", &input.name)?;
        let id = self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row("SELECT id FROM teams WHERE name = ?1", [&name], |r| {
                    r.get(0)
                })
                .optional()?;
            if taken.is_some() && taken != input.id {
                return Err(Problem::new(
                    ErrorCode::TeamDuplicateName,
                    format!("a team called {name} exists"),
                )
                .with("name", &name)
                .into());
            }
            let id = match input.id {
                None => insert_team(tx, &name, actor)?,
                Some(id) => {
                    if tx.execute(
                        "UPDATE teams SET name = ?2 WHERE id = ?1",
                        params![id, name],
                    )? == 0
                    {
                        return Err(not_found("team", id));
                    }
                    id
                }
            };
            if let Some(channel) = input.channel {
                tx.execute(
                    "UPDATE teams SET channel = ?2 WHERE id = ?1",
                    params![id, channel.as_str()],
                )?;
            }
            actor
                .audit("save", "team", Some(id), Some(name.clone()))
                .record(tx)?;
            Ok(id)
        })?;
        self.list_teams()?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| not_found("team", id))
    }

    /// A team with active agents cannot be deactivated: move them first.
    pub fn set_team_active(&mut self, id: i64, active: bool, actor: Actor) -> Result<()> {
        self.write(|tx| {
            if !active {
                let members: i64 = tx.query_row(
                    "SELECT count(*) FROM agents WHERE team_id = ?1 AND active = 1",
                    [id],
                    |r| r.get(0),
                )?;
                if members > 0 {
                    return Err(Problem::new(
                        ErrorCode::TeamHasAgents,
                        format!("the team still has {members} active agents; move them first"),
                    )
                    .with("count", members)
                    .into());
                }
            }
            if tx.execute(
                "UPDATE teams SET active = ?2 WHERE id = ?1",
                params![id, active],
            )? == 0
            {
                return Err(not_found("team", id));
            }
            actor
                .audit(
                    if active { "activate" } else { "deactivate" },
                    "team",
                    Some(id),
                    None,
                )
                .record(tx)
        })
    }

    pub fn list_seats(&self) -> Result<Vec<Seat>> {
        let sql = format!("{SEAT_SELECT} ORDER BY s.active DESC, s.code");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], seat_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn save_seat(&mut self, input: &SeatInput, actor: Actor) -> Result<Seat> {
        let code = check_name("seat", &input.code)?;
        check_seat_position(input.x, input.y)?;
        let zone = input
            .zone
            .as_deref()
            .map(str::trim)
            .filter(|z| !z.is_empty());
        let id = self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row("SELECT id FROM seats WHERE code = ?1", [&code], |r| {
                    r.get(0)
                })
                .optional()?;
            if taken.is_some() && taken != input.id {
                return Err(Problem::new(
                    ErrorCode::SeatDuplicateCode,
                    format!("seat {code} exists"),
                )
                .with("code", &code)
                .into());
            }
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO seats (code, x, y, zone) VALUES (?1, ?2, ?3, ?4)",
                        params![code, input.x, input.y, zone],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE seats SET code = ?2, x = ?3, y = ?4, zone = ?5 WHERE id = ?1",
                        params![id, code, input.x, input.y, zone],
                    )?;
                    if n == 0 {
                        return Err(not_found("seat", id));
                    }
                    id
                }
            };
            actor
                .audit("save", "seat", Some(id), Some(code.clone()))
                .record(tx)?;
            Ok(id)
        })?;
        self.list_seats()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| not_found("seat", id))
    }

    /// An occupied seat cannot be deactivated: move its agent first.
    pub fn set_seat_active(&mut self, id: i64, active: bool, actor: Actor) -> Result<()> {
        self.write(|tx| {
            if !active {
                check_seat_free(tx, id, None)?;
            }
            if tx.execute(
                "UPDATE seats SET active = ?2 WHERE id = ?1",
                params![id, active],
            )? == 0
            {
                return Err(not_found("seat", id));
            }
            actor
                .audit(
                    if active { "activate" } else { "deactivate" },
                    "seat",
                    Some(id),
                    None,
                )
                .record(tx)
        })
    }
}

/// The most a base pay may be (1,000,000 yuan), as any single amount of money.
pub const BASE_PAY_MAX_FEN: i64 = floordesk_domain::incidents::MAX_AMOUNT_FEN;

fn check_base_pay_fen(fen: i64) -> Result<()> {
    if !(0..=BASE_PAY_MAX_FEN).contains(&fen) {
        return Err(Problem::new(
            ErrorCode::ValidationOutOfRange,
            format!(
                "base pay must be between 0 and {} yuan, not {}",
                BASE_PAY_MAX_FEN / 100,
                format_yuan(fen)
            ),
        )
        .with("min", 0)
        .with("max", BASE_PAY_MAX_FEN / 100)
        .with("value", format_yuan(fen))
        .into());
    }
    Ok(())
}

/// An amount in yuan as files write it (`4500`, `4500.5`, `4500.50`, at most two decimals) to
/// fen, without floating point; None for anything else (a sign, a third decimal, a thousands
/// separator) or more than [`BASE_PAY_MAX_FEN`].
pub fn parse_yuan(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 12 || !digits(whole) || frac.len() > 2 || !digits(frac) {
        return None;
    }
    if text.ends_with('.') {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    let fen = whole.checked_mul(100)?.checked_add(frac)?;
    (fen <= BASE_PAY_MAX_FEN).then_some(fen)
}

/// Fen as yuan with two decimals: 450050 → `4500.50`.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}{}.{:02}", fen / 100, fen % 100)
}

pub(crate) fn insert_team(tx: &Transaction<'_>, name: &str, actor: Actor) -> Result<i64> {
    tx.execute(
        // A new team works the site's usual channel until someone says otherwise.
        "INSERT INTO teams (name, created_at, channel)
         VALUES (?1, ?2, coalesce((SELECT channel FROM site WHERE id = 1), 'phone'))",
        params![name, to_ms(actor.at)],
    )?;
    Ok(tx.last_insert_rowid())
}

fn require_active(
    tx: &Transaction<'_>,
    table: &str,
    id: i64,
    entity: &str,
    inactive: ErrorCode,
) -> Result<()> {
    let active: Option<bool> = tx
        .query_row(
            &format!("SELECT active FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match active {
        None => Err(not_found(entity, id)),
        Some(false) => Err(Problem::new(inactive, format!("that {entity} is deactivated")).into()),
        Some(true) => Ok(()),
    }
}

/// Fails when an active agent other than `except` sits at `seat_id`.
fn check_seat_free(tx: &Transaction<'_>, seat_id: i64, except: Option<i64>) -> Result<()> {
    let holder: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT a.id, a.employee_no, s.code FROM agents a JOIN seats s ON s.id = a.seat_id
             WHERE a.seat_id = ?1 AND a.active = 1",
            [seat_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match holder {
        Some((id, employee_no, code)) if Some(id) != except => Err(Problem::new(
            ErrorCode::SeatTaken,
            format!("seat {code} is held by agent {employee_no}"),
        )
        .with("seat", code)
        .with("employee_no", employee_no)
        .into()),
        _ => Ok(()),
    }
}

impl Store {
    /// 工号 of the active agents whose team works in chat.
    pub fn chat_agents(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no FROM agents a JOIN teams t ON t.id = a.team_id
             WHERE a.active = 1 AND t.channel = 'chat'",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
