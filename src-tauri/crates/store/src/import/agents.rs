//! Importing agents: preview (validate everything, write nothing) and apply (validate again
//! inside one write transaction, then write all rows or none).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use floordesk_domain::people::{Level, check_employee_no, check_name, parse_date};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::{Columns, ImportIssue, Table, read_table};
use crate::people::insert_team;
use crate::{Actor, Result, Store, StoreError, to_ms};
use floordesk_domain::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    Create,
    Update,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ImportRow {
    pub row: u32,
    pub employee_no: String,
    pub name: String,
    pub team: String,
    pub level: Level,
    /// None: no seat (or, when the file has no seat column, the agent keeps theirs).
    pub seat: Option<String>,
    pub hired_on: Option<NaiveDate>,
    /// None: not leaving (or, when the file has no 离职日期 column, the agent keeps theirs).
    pub left_on: Option<NaiveDate>,
    /// 基本工资 in fen. None: none (or, when the file has no 基本工资 column, the agent keeps
    /// theirs).
    pub base_pay_fen: Option<i64>,
    pub action: ImportAction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ImportPreview {
    pub file: String,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<ImportIssue>,
    pub new_teams: Vec<String>,
    pub new_seats: Vec<String>,
    pub creates: u32,
    pub updates: u32,
    /// The file has a 离职日期 column: its empty cells clear an agent's leaving date.
    pub has_left_on: bool,
    /// The file has a 基本工资 column: its empty cells clear an agent's base pay.
    pub has_base_pay: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportSummary {
    pub created: u32,
    pub updated: u32,
    pub teams_created: u32,
    pub seats_created: u32,
}

const EMPLOYEE_NO: &[&str] = &["employee_no", "工号"];
const NAME: &[&str] = &["name", "姓名"];
const TEAM: &[&str] = &["team", "班组"];
const LEVEL: &[&str] = &["level", "职级"];
const SEAT: &[&str] = &["seat", "台席"];
const HIRED_ON: &[&str] = &["hired_on", "入职日期"];
const LEFT_ON: &[&str] = &["left_on", "离职日期"];
const BASE_PAY: &[&str] = &["base_pay", "基本工资"];

fn issue(row: u32, field: &str, code: ErrorCode, message: String, value: &str) -> ImportIssue {
    ImportIssue {
        row,
        field: field.to_owned(),
        code,
        message,
        value: value.to_owned(),
    }
}

/// What the database holds that an import is checked against.
struct Existing {
    /// 工号 → (seat code, active)
    agents: HashMap<String, (Option<String>, bool)>,
    /// team name → active
    teams: HashMap<String, bool>,
    /// seat code → active
    seats: HashMap<String, bool>,
}

fn load_existing(conn: &Connection) -> Result<Existing> {
    let mut agents = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT a.employee_no, s.code, a.active FROM agents a LEFT JOIN seats s ON s.id = a.seat_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        agents.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
    }
    let pairs = |sql: &str| -> Result<HashMap<String, bool>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    Ok(Existing {
        agents,
        teams: pairs("SELECT name, active FROM teams")?,
        seats: pairs("SELECT code, active FROM seats")?,
    })
}

/// Checks every row of `table` against the database behind `conn`.
fn validate(conn: &Connection, file: &str, table: &Table) -> Result<ImportPreview> {
    let existing = load_existing(conn)?;
    let columns = Columns::new(&table.headers);
    let mut errors = Vec::new();
    let required = [
        (EMPLOYEE_NO, "工号"),
        (NAME, "姓名"),
        (TEAM, "班组"),
        (LEVEL, "职级"),
    ];
    for (names, zh) in required {
        if columns.find(names).is_none() {
            errors.push(issue(
                1,
                &format!("{}/{zh}", names[0]),
                ErrorCode::ImportMissingColumn,
                format!("the header row has no {} (or {zh}) column", names[0]),
                "",
            ));
        }
    }
    if !errors.is_empty() {
        return Ok(empty_preview(file, errors));
    }
    let col = |names| columns.find(names);
    let (no_col, name_col, team_col, level_col) = (
        col(EMPLOYEE_NO).unwrap(),
        col(NAME).unwrap(),
        col(TEAM).unwrap(),
        col(LEVEL).unwrap(),
    );
    let (seat_col, hired_col, left_col, pay_col) =
        (col(SEAT), col(HIRED_ON), col(LEFT_ON), col(BASE_PAY));

    let mut rows = Vec::new();
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    // Seats held after the import: by agents the file does not mention, then by the file's rows.
    let in_file: HashSet<&str> = table
        .rows
        .iter()
        .map(|r| r.cell(Some(no_col.0)))
        .filter(|s| !s.is_empty())
        .collect();
    let mut seat_holder: HashMap<String, String> = existing
        .agents
        .iter()
        .filter(|(no, (seat, active))| *active && seat.is_some() && !in_file.contains(no.as_str()))
        .map(|(no, (seat, _))| (seat.clone().unwrap_or_default(), no.clone()))
        .collect();

    for r in &table.rows {
        let before = errors.len();
        let raw_no = r.cell(Some(no_col.0));
        let employee_no = match check_employee_no(raw_no) {
            Ok(no) => no,
            Err(p) => {
                errors.push(issue(
                    r.row,
                    no_col.1,
                    required_or(&p.code),
                    p.message,
                    raw_no,
                ));
                String::new()
            }
        };
        if !employee_no.is_empty() {
            if let Some(first) = first_row_of.get(&employee_no) {
                errors.push(issue(
                    r.row,
                    no_col.1,
                    ErrorCode::ImportDuplicateInFile,
                    format!("工号 {employee_no} is already on row {first}"),
                    raw_no,
                ));
            } else {
                first_row_of.insert(employee_no.clone(), r.row);
            }
        }
        let name = check_name("name", r.cell(Some(name_col.0)))
            .map_err(|p| {
                errors.push(issue(
                    r.row,
                    name_col.1,
                    required_or(&p.code),
                    p.message,
                    r.cell(Some(name_col.0)),
                ))
            })
            .unwrap_or_default();
        let team = check_name("team", r.cell(Some(team_col.0)))
            .map_err(|p| {
                errors.push(issue(
                    r.row,
                    team_col.1,
                    required_or(&p.code),
                    p.message,
                    r.cell(Some(team_col.0)),
                ))
            })
            .unwrap_or_default();
        if existing.teams.get(&team) == Some(&false) {
            errors.push(issue(
                r.row,
                team_col.1,
                ErrorCode::ImportTeamInactive,
                format!("team {team} is deactivated"),
                &team,
            ));
        }
        let raw_level = r.cell(Some(level_col.0));
        let level = Level::parse(raw_level);
        if level.is_none() {
            let code = if raw_level.is_empty() {
                ErrorCode::ImportRequired
            } else {
                ErrorCode::ImportBadLevel
            };
            errors.push(issue(
                r.row,
                level_col.1,
                code,
                format!("unknown level '{raw_level}'; use 初级/中级/高级/班长/主管 or junior/intermediate/senior/lead/supervisor"),
                raw_level,
            ));
        }
        let mut date_in = |col: Option<(usize, &str)>, field: &'static str| {
            let raw = r.cell(col.map(|c| c.0));
            let date = parse_date(raw);
            if !raw.is_empty() && date.is_none() {
                errors.push(issue(
                    r.row,
                    col.map_or(field, |c| c.1),
                    ErrorCode::ImportBadDate,
                    format!("'{raw}' is not a date like 2024-03-01"),
                    raw,
                ));
            }
            date
        };
        let hired_on = date_in(hired_col, "入职日期");
        let left_on = date_in(left_col, "离职日期");
        if let (Some(hired), Some(left)) = (hired_on, left_on)
            && left < hired
        {
            errors.push(issue(
                r.row,
                left_col.map_or("离职日期", |c| c.1),
                ErrorCode::AgentLeavesBeforeHired,
                format!("the leaving date {left} is before the hiring date {hired}"),
                r.cell(left_col.map(|c| c.0)),
            ));
        }
        let base_pay_fen = pay_col.and_then(|(i, field)| {
            let raw = r.cell(Some(i));
            if raw.is_empty() {
                return None;
            }
            let fen = crate::people::parse_yuan(raw);
            if fen.is_none() {
                errors.push(issue(
                    r.row,
                    field,
                    ErrorCode::ImportInvalidValue,
                    format!(
                        "{field} '{raw}' is not an amount in yuan like 4500 or 4500.50 (at most two decimals, up to {})",
                        crate::people::BASE_PAY_MAX_FEN / 100
                    ),
                    raw,
                ));
            }
            fen
        });
        let existing_agent = existing.agents.get(&employee_no);
        let seat = match seat_col {
            Some((i, field)) => {
                let code = r.cell(Some(i));
                if code.is_empty() {
                    None
                } else {
                    if existing.seats.get(code) == Some(&false) {
                        errors.push(issue(
                            r.row,
                            field,
                            ErrorCode::ImportSeatInactive,
                            format!("seat {code} is deactivated"),
                            code,
                        ));
                    }
                    if let Some(holder) = seat_holder.get(code).filter(|h| **h != employee_no) {
                        errors.push(issue(
                            r.row,
                            field,
                            ErrorCode::ImportSeatTaken,
                            format!("seat {code} is held by agent {holder}"),
                            code,
                        ));
                    } else if !employee_no.is_empty() {
                        seat_holder.insert(code.to_owned(), employee_no.clone());
                    }
                    Some(code.to_owned())
                }
            }
            // No seat column: an existing agent keeps the seat they have.
            None => existing_agent.and_then(|(seat, _)| seat.clone()),
        };
        if errors.len() == before
            && let Some(level) = level
        {
            let action = if existing_agent.is_some() {
                ImportAction::Update
            } else {
                ImportAction::Create
            };
            rows.push(ImportRow {
                row: r.row,
                employee_no,
                name,
                team,
                level,
                seat,
                hired_on,
                left_on,
                base_pay_fen,
                action,
            });
        }
    }
    if table.rows.is_empty() {
        errors.push(issue(
            1,
            "",
            ErrorCode::ImportEmpty,
            "the file has no data rows".to_owned(),
            "",
        ));
    }
    let mut new_teams: Vec<String> = rows
        .iter()
        .map(|r| r.team.clone())
        .filter(|t| !existing.teams.contains_key(t))
        .collect();
    new_teams.sort();
    new_teams.dedup();
    let mut new_seats: Vec<String> = rows
        .iter()
        .filter_map(|r| r.seat.clone())
        .filter(|s| !existing.seats.contains_key(s))
        .collect();
    new_seats.sort();
    new_seats.dedup();
    let creates = rows
        .iter()
        .filter(|r| r.action == ImportAction::Create)
        .count() as u32;
    Ok(ImportPreview {
        file: file.to_owned(),
        updates: rows.len() as u32 - creates,
        creates,
        rows,
        errors,
        new_teams,
        new_seats,
        has_left_on: left_col.is_some(),
        has_base_pay: pay_col.is_some(),
    })
}

fn required_or(code: &ErrorCode) -> ErrorCode {
    if *code == ErrorCode::ValidationRequired {
        ErrorCode::ImportRequired
    } else {
        ErrorCode::ImportInvalidValue
    }
}

fn empty_preview(file: &str, errors: Vec<ImportIssue>) -> ImportPreview {
    ImportPreview {
        file: file.to_owned(),
        rows: vec![],
        errors,
        new_teams: vec![],
        new_seats: vec![],
        creates: 0,
        updates: 0,
        has_left_on: false,
        has_base_pay: false,
    }
}

impl Store {
    pub fn preview_agents_import(&self, path: &Path) -> Result<ImportPreview> {
        let table = read_table(path)?;
        validate(self.conn(), &path.display().to_string(), &table)
    }

    pub fn preview_agents_table(&self, file: &str, table: &Table) -> Result<ImportPreview> {
        validate(self.conn(), file, table)
    }

    pub fn import_agents(&mut self, path: &Path, actor: Actor) -> Result<ImportSummary> {
        let table = read_table(path)?;
        self.import_agents_table(&path.display().to_string(), &table, actor)
    }

    /// All or nothing: the rows are checked again inside the write transaction (the database
    /// may have changed since the preview), and any problem rolls everything back.
    pub fn import_agents_table(
        &mut self,
        file: &str,
        table: &Table,
        actor: Actor,
    ) -> Result<ImportSummary> {
        self.write(|tx| {
            let preview = validate(tx, file, table)?;
            if !preview.errors.is_empty() {
                return Err(StoreError::Import { file: file.to_owned(), issues: preview.errors });
            }
            let now = to_ms(actor.at);
            let mut team_ids: HashMap<String, i64> = {
                let mut stmt = tx.prepare("SELECT name, id FROM teams")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut seat_ids: HashMap<String, i64> = {
                let mut stmt = tx.prepare("SELECT code, id FROM seats")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            for team in &preview.new_teams {
                team_ids.insert(team.clone(), insert_team(tx, team, actor)?);
            }
            // New seats go on a fresh row of the floor map, below the seats already placed.
            let next_row: i64 =
                tx.query_row("SELECT coalesce(max(y) + 2, 0) FROM seats", [], |r| r.get(0))?;
            for (i, code) in preview.new_seats.iter().enumerate() {
                tx.execute(
                    "INSERT INTO seats (code, x, y) VALUES (?1, ?2, ?3)",
                    params![code, (i % 12) as i64, next_row + (i / 12) as i64],
                )?;
                seat_ids.insert(code.clone(), tx.last_insert_rowid());
            }
            // Free the seats of agents being moved first, so two agents can swap seats.
            let mut clear = tx.prepare("UPDATE agents SET seat_id = NULL WHERE employee_no = ?1")?;
            for r in preview.rows.iter().filter(|r| r.action == ImportAction::Update) {
                clear.execute([&r.employee_no])?;
            }
            let mut upsert = tx.prepare(
                "INSERT INTO agents (employee_no, name, team_id, level, seat_id, hired_on, left_on, active, created_at, updated_at, base_pay_fen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, 1, ?7, ?7, ?10)
                 ON CONFLICT(employee_no) DO UPDATE SET name = excluded.name, team_id = excluded.team_id,
                    level = excluded.level, seat_id = excluded.seat_id,
                    hired_on = coalesce(excluded.hired_on, agents.hired_on),
                    left_on = CASE WHEN ?9 THEN excluded.left_on ELSE agents.left_on END,
                    base_pay_fen = CASE WHEN ?11 THEN excluded.base_pay_fen ELSE agents.base_pay_fen END,
                    updated_at = excluded.updated_at",
            )?;
            for r in &preview.rows {
                let seat_id = r.seat.as_ref().map(|s| seat_ids[s]);
                upsert.execute(params![
                    r.employee_no,
                    r.name,
                    team_ids[&r.team],
                    r.level.as_str(),
                    seat_id,
                    r.hired_on.map(|d| d.to_string()),
                    now,
                    r.left_on.map(|d| d.to_string()),
                    preview.has_left_on,
                    r.base_pay_fen,
                    preview.has_base_pay
                ])?;
            }
            let summary = ImportSummary {
                created: preview.creates,
                updated: preview.updates,
                teams_created: preview.new_teams.len() as u32,
                seats_created: preview.new_seats.len() as u32,
            };
            actor
                .audit("import", "agent", None, Some(format!("{file}: {summary:?}")))
                .record(tx)?;
            Ok(summary)
        })
    }
}
