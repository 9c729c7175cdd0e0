//! The roster on record: shift templates, one cell per agent and date, published months and the
//! history of every change made to one. Writing a cell keeps the live floor's `shifts` in step,
//! draft or published: publishing locks the month, it does not gate the floor.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::roster::{
    AgentMonth, Cell, RosterPolicy, ShiftTemplate, Violation, check_month, month_days,
};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::import::ImportIssue;
use crate::reach::Reach;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

/// One cell to write: the agent, the date the shift starts on, and the cell as people type it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CellInput {
    /// 工号.
    pub employee_no: String,
    pub date: NaiveDate,
    pub cell: String,
}

/// A stored cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RosterCell {
    /// 工号.
    pub employee_no: String,
    pub date: NaiveDate,
    /// As people write it (a code, 休, spans); empty when emptied.
    pub cell: String,
}

/// One recorded change to a published month's cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RosterChange {
    pub employee_no: String,
    pub date: NaiveDate,
    pub old_cell: String,
    pub new_cell: String,
    pub changed_at: DateTime<Utc>,
    pub changed_by: Option<String>,
    pub reason: String,
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap_or(NaiveTime::MIN)
}

pub(crate) fn templates_in(conn: &rusqlite::Connection) -> Result<Vec<ShiftTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, name, start_time, end_time, night, paid_minutes, colour FROM shift_templates
         WHERE active = 1 ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ShiftTemplate {
            code: r.get(0)?,
            name: r.get(1)?,
            start: time(&r.get::<_, String>(2)?),
            end: time(&r.get::<_, String>(3)?),
            night: r.get(4)?,
            paid_minutes: r.get(5)?,
            colour: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A local wall-clock instant in the site's zone (the earlier one when the clock was turned
/// back; a time the clock skipped cannot bound a shift).
fn instant(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>> {
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            Problem::new(
                ErrorCode::ValidationLocalTime,
                format!("{local} does not exist in {tz}"),
            )
            .into()
        })
}

/// Replaces the live floor's shifts of one agent and date with the cell's spans.
fn sync_shifts(
    tx: &Transaction<'_>,
    agent_id: i64,
    date: NaiveDate,
    cell: &Cell,
    templates: &[ShiftTemplate],
    tz: Tz,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM shifts WHERE agent_id = ?1 AND shift_date = ?2")?
        .execute(params![agent_id, date.to_string()])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO shifts (agent_id, shift_date, start_at, end_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (start, end) in cell.local_spans(date, templates) {
        insert.execute(params![
            agent_id,
            date.to_string(),
            to_ms(instant(tz, start)?),
            to_ms(instant(tz, end)?)
        ])?;
    }
    Ok(())
}

/// Schema 7's second half: each agent's shifts on a date become that date's cell (a template's
/// code when the times match one, else the spans as written).
pub(crate) fn cells_from_shifts(tx: &Transaction<'_>) -> std::result::Result<(), StoreError> {
    let zone: Option<String> = tx
        .query_row("SELECT time_zone FROM site WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    let Some(tz) = zone.and_then(|z| z.parse::<Tz>().ok()) else {
        return Ok(());
    };
    let templates = templates_in(tx)?;
    let mut by_cell: BTreeMap<(i64, String), Vec<(NaiveTime, NaiveTime)>> = BTreeMap::new();
    {
        let mut stmt = tx.prepare(
            "SELECT agent_id, shift_date, start_at, end_at FROM shifts ORDER BY agent_id, shift_date, start_at",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let local = |ms: i64| from_ms(ms).with_timezone(&tz).time();
            by_cell
                .entry((r.get(0)?, r.get(1)?))
                .or_default()
                .push((local(r.get(2)?), local(r.get(3)?)));
        }
    }
    let mut insert = tx.prepare(
        "INSERT INTO roster_cells (agent_id, date, cell, updated_at) VALUES (?1, ?2, ?3, 0)",
    )?;
    for ((agent, date), spans) in by_cell {
        let cell = match spans.as_slice() {
            [(start, end)] => Cell::from_times(*start, *end, &templates),
            _ => Cell::Spans(spans),
        };
        insert.execute(params![agent, date, cell.text()])?;
    }
    Ok(())
}

/// Writes parsed cells inside a write (see [`Store::put_roster_cells`]); returns how many changed.
pub(crate) fn write_cells(
    tx: &Transaction<'_>,
    parsed: &[(i64, i64, NaiveDate, Cell)],
    reason: Option<&str>,
    templates: &[ShiftTemplate],
    tz: Tz,
    actor: Actor,
) -> Result<usize> {
    let mut changed = 0;
    for (agent_id, team_id, date, cell) in parsed {
        let old: Option<String> = tx
            .prepare_cached("SELECT cell FROM roster_cells WHERE agent_id = ?1 AND date = ?2")?
            .query_row(params![agent_id, date.to_string()], |r| r.get(0))
            .optional()?;
        let new = cell.text();
        if old.as_deref().unwrap_or_default() == new {
            continue;
        }
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let published = tx
            .prepare_cached("SELECT 1 FROM roster_months WHERE team_id = ?1 AND month = ?2")?
            .query_row(params![team_id, month], |_| Ok(()))
            .optional()?
            .is_some();
        let at = to_ms(actor.at);
        if published {
            let Some(reason) = reason else {
                return Err(Problem::new(
                    ErrorCode::RosterNeedsReason,
                    format!("{month} is published: say why the roster changes"),
                )
                .with("month", &month)
                .into());
            };
            tx.prepare_cached(
                "INSERT INTO roster_changes (agent_id, date, old_cell, new_cell, changed_at, changed_by, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                agent_id,
                date.to_string(),
                old.as_deref().unwrap_or_default(),
                new,
                at,
                actor.user_id,
                reason
            ])?;
        }
        if new.is_empty() && !published {
            tx.prepare_cached("DELETE FROM roster_cells WHERE agent_id = ?1 AND date = ?2")?
                .execute(params![agent_id, date.to_string()])?;
        } else {
            tx.prepare_cached(
                "INSERT INTO roster_cells (agent_id, date, cell, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (agent_id, date) DO UPDATE SET cell = excluded.cell,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            )?
            .execute(params![agent_id, date.to_string(), new, at, actor.user_id])?;
        }
        sync_shifts(tx, *agent_id, *date, cell, templates, tz)?;
        changed += 1;
    }
    if changed > 0 {
        actor
            .audit("put", "roster_cell", None, Some(format!("{changed} cells")))
            .record(tx)?;
    }
    Ok(changed)
}

impl Store {
    /// The active shift templates, in the order they were made.
    pub fn shift_templates(&self) -> Result<Vec<ShiftTemplate>> {
        templates_in(self.conn())
    }

    /// The stored cells from `first` to `last` inclusive, by date then 工号.
    pub fn roster_cells(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<RosterCell>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no, c.date, c.cell FROM roster_cells c JOIN agents a ON a.id = c.agent_id
             WHERE c.date BETWEEN ?1 AND ?2 ORDER BY c.date, a.employee_no",
        )?;
        let rows = stmt.query_map([first.to_string(), last.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (employee_no, date, cell) = row?;
            if let Ok(date) = date.parse() {
                out.push(RosterCell {
                    employee_no,
                    date,
                    cell,
                });
            }
        }
        Ok(out)
    }

    /// One agent's stored cells from `first` to `last`, by date.
    pub fn roster_cells_of(
        &self,
        employee_no: &str,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<RosterCell>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.date, c.cell FROM roster_cells c JOIN agents a ON a.id = c.agent_id
             WHERE a.employee_no = ?1 AND c.date BETWEEN ?2 AND ?3 ORDER BY c.date",
        )?;
        let rows = stmt.query_map(
            params![employee_no, first.to_string(), last.to_string()],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (date, cell) = row?;
            if let Ok(date) = date.parse() {
                out.push(RosterCell {
                    employee_no: employee_no.to_owned(),
                    date,
                    cell,
                });
            }
        }
        Ok(out)
    }

    /// The cells of `among` from `first` to `last` (every agent's when `None`): one query per
    /// agent for a few agents (a keystroke's re-check), one scan of the dates for many.
    pub fn roster_cells_among(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        among: Option<&BTreeSet<String>>,
    ) -> Result<Vec<RosterCell>> {
        match among {
            Some(nos) if nos.len() <= FEW_AGENTS => {
                let mut out = Vec::new();
                for no in nos {
                    out.extend(self.roster_cells_of(no, first, last)?);
                }
                Ok(out)
            }
            Some(nos) => {
                let mut cells = self.roster_cells(first, last)?;
                cells.retain(|c| nos.contains(&c.employee_no));
                Ok(cells)
            }
            None => self.roster_cells(first, last),
        }
    }

    /// Whether the team's month (`YYYY-MM`) is published.
    pub fn roster_published(&self, team_id: i64, month: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM roster_months WHERE team_id = ?1 AND month = ?2",
                params![team_id, month],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Publishes a team's month: from then on every change is recorded with a reason.
    pub fn publish_roster(
        &mut self,
        team_id: i64,
        month: &str,
        override_reason: Option<&str>,
        actor: Actor,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO roster_months (team_id, month, published_at, published_by, override_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (team_id, month) DO NOTHING",
                params![team_id, month, to_ms(actor.at), actor.user_id, override_reason],
            )?;
            actor
                .audit("publish", "roster", Some(team_id), Some(month.to_owned()))
                .record(tx)
        })
    }

    /// Writes cells, all or none: each is read against the templates (a problem names its row,
    /// numbered from 1, and field `cell`); a cell of a published month needs `reason` and is
    /// recorded as a change. Each written cell replaces the live floor's shifts of that agent
    /// and date. Returns how many cells changed.
    pub fn put_roster_cells(
        &mut self,
        cells: &[CellInput],
        reason: Option<&str>,
        actor: Actor,
    ) -> Result<usize> {
        let templates = self.shift_templates()?;
        let tz = self.require_site()?.tz();
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let reach = self.reach_of(actor)?;
        let mut published: HashMap<(i64, String), bool> = HashMap::new();
        let mut issues = Vec::new();
        let mut parsed = Vec::with_capacity(cells.len());
        for (row, input) in (1u32..).zip(cells) {
            let Some(agent) = self.agent_by_employee_no(&input.employee_no)? else {
                issues.push(ImportIssue {
                    row,
                    field: "employee_no".into(),
                    code: ErrorCode::ImportUnknownAgent,
                    message: format!("no agent has 工号 {}", input.employee_no),
                    value: input.employee_no.clone(),
                });
                continue;
            };
            if reach != Reach::Everyone {
                let month = format!("{:04}-{:02}", input.date.year(), input.date.month());
                let key = (agent.team_id, month);
                let locked = match published.get(&key) {
                    Some(locked) => *locked,
                    None => {
                        let locked = self.roster_published(key.0, &key.1)?;
                        published.insert(key.clone(), locked);
                        locked
                    }
                };
                reach.check_cell(&agent, &key.1, locked)?;
            }
            match Cell::parse(&input.cell, &templates) {
                Ok(cell) => parsed.push((agent.id, agent.team_id, input.date, cell)),
                Err(_) => issues.push(ImportIssue {
                    row,
                    field: "cell".into(),
                    code: ErrorCode::RosterBadCell,
                    message: format!(
                        "'{}' is not a shift code, 休/R, or spans like 09:00-12:00+14:00-18:00",
                        input.cell.trim()
                    ),
                    value: input.cell.trim().to_owned(),
                }),
            }
        }
        if !issues.is_empty() {
            return Err(StoreError::Import {
                file: "roster".into(),
                issues,
            });
        }
        self.write(|tx| write_cells(tx, &parsed, reason, &templates, tz, actor))
    }

    /// The recorded changes to one agent's cell, oldest first.
    pub fn roster_history(&self, employee_no: &str, date: NaiveDate) -> Result<Vec<RosterChange>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no, c.date, c.old_cell, c.new_cell, c.changed_at, u.display_name, c.reason
             FROM roster_changes c JOIN agents a ON a.id = c.agent_id LEFT JOIN users u ON u.id = c.changed_by
             WHERE a.employee_no = ?1 AND c.date = ?2 ORDER BY c.id",
        )?;
        let rows = stmt.query_map(params![employee_no, date.to_string()], |r| {
            Ok(RosterChange {
                employee_no: r.get(0)?,
                date: r.get::<_, String>(1)?.parse().unwrap_or(date),
                old_cell: r.get(2)?,
                new_cell: r.get(3)?,
                changed_at: from_ms(r.get(4)?),
                changed_by: r.get(5)?,
                reason: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every rule broken in the month (`year`, `month`) by agents with a working or rest cell in
    /// it, judged by the policy in force at `now`; cells `max_consecutive_work_days` days either
    /// side are read so a streak over the month's edge counts. Sorted by date, 工号, rule.
    pub fn roster_violations(
        &self,
        year: i32,
        month: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<Violation>> {
        self.roster_violations_among(year, month, now, None)
    }

    /// [`Store::roster_violations`] of the agents in `among` only (every agent's when `None`):
    /// an agent's rules read that agent's cells alone, so a write re-checks only whom it touched.
    pub fn roster_violations_among(
        &self,
        year: i32,
        month: u32,
        now: DateTime<Utc>,
        among: Option<&BTreeSet<String>>,
    ) -> Result<Vec<Violation>> {
        let Some((first, last)) = month_days(year, month) else {
            return Ok(Vec::new());
        };
        let policy = RosterPolicy::from_settings(&self.policy_at(now)?);
        let templates = self.shift_templates()?;
        let margin = Duration::days(policy.max_consecutive_work_days.max(0));
        let mut agents: HashMap<String, AgentMonth> = HashMap::new();
        let mut in_month: BTreeSet<String> = BTreeSet::new();
        for stored in self.roster_cells_among(first - margin, last + margin, among)? {
            let Ok(cell) = Cell::parse(&stored.cell, &templates) else {
                continue;
            };
            if first <= stored.date && stored.date <= last && cell != Cell::Empty {
                in_month.insert(stored.employee_no.clone());
            }
            agents
                .entry(stored.employee_no.clone())
                .or_insert_with(|| AgentMonth {
                    employee_no: stored.employee_no.clone(),
                    ..AgentMonth::default()
                })
                .cells
                .insert(stored.date, cell);
        }
        let mut leave = self.approved_leave_days(first - margin, last + margin)?;
        let employed: HashMap<String, (Option<NaiveDate>, Option<NaiveDate>)> = self
            .list_agents(true)?
            .into_iter()
            .map(|a| (a.employee_no, (a.hired_on, a.left_on)))
            .collect();
        let mut months = Vec::new();
        for no in in_month {
            let Some(mut agent) = agents.remove(&no) else {
                continue;
            };
            if let Some((hired_on, left_on)) = employed.get(&no) {
                agent.joined_on = *hired_on;
                agent.left_on = *left_on;
            }
            agent.leave = leave.remove(&no).unwrap_or_default();
            months.push(agent);
        }
        Ok(check_month((year, month), &months, &templates, &policy))
    }
}

/// Up to this many agents, their cells are read agent by agent (by the primary key) rather than
/// by scanning every agent's cells of the dates.
const FEW_AGENTS: usize = 40;

/// `YYYY-MM` as a year and month that exist.
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.trim().split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (text.trim().len() == 7 && month_days(y, m).is_some()).then_some((y, m))
}
