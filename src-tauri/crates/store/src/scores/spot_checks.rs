//! Spot checks (质检, seed 004): a supervisor scores a sampled reception or call of an agent on a
//! QA form; each team needs `spot_checks_per_month_min` of them a month; the month's mean (as a
//! percentage of the form's maximum) feeds the computed-item input `spot_check_mean`. A check is
//! never changed: it is voided with a reason and recorded again.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::scores::{Centipoints, ScoreMonth};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::people::person_by_employee_no;
use crate::audit::Audit;
use crate::error::not_found;
use crate::reach::Reach;
use crate::{Actor, Result, Store, from_ms, to_ms};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct QaItem {
    pub id: i64,
    pub name: String,
    pub max_points: i64,
    pub standard: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct QaForm {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub items: Vec<QaItem>,
    /// Σ of the items' maximum points.
    pub max_points: i64,
}

/// A check as the supervisor records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SpotCheckInput {
    pub form_id: i64,
    /// 工号.
    pub employee_no: String,
    /// The site-local date of the reception or call sampled.
    pub date: NaiveDate,
    /// What was sampled: an order number, a call id.
    pub sample: String,
    pub note: Option<String>,
    /// Every item of the form, hundredths of a point.
    pub scores: Vec<(i64, Centipoints)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SpotCheck {
    pub id: i64,
    pub form_id: i64,
    pub form_name: String,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub date: NaiveDate,
    pub sample: String,
    pub note: Option<String>,
    pub points: Centipoints,
    pub max_points: i64,
    /// Points as a percentage of the maximum, 2 places.
    pub percent: f64,
    pub scores: Vec<(i64, Centipoints)>,
    pub checked_at: DateTime<Utc>,
    pub checked_by_name: Option<String>,
    pub voided_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
}

/// A team's checks in a month against the minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TeamSpotChecks {
    pub team_id: i64,
    pub team_name: String,
    pub checks: u32,
    pub required: u32,
    pub below: bool,
    /// The month is not over yet: a team below the minimum still has days to catch up.
    pub in_progress: bool,
}

/// The month's checks of each person (not voided) as (count, Σ of their percentages).
pub(crate) type SpotCheckTally = HashMap<String, (u32, f64)>;

fn percent(points: Centipoints, max_points: i64) -> f64 {
    if max_points <= 0 {
        return 0.0;
    }
    // Hundredths of a point over whole points is already a percentage.
    (points as f64 / max_points as f64 * 100.0).round() / 100.0
}

pub(crate) fn month_tally(
    conn: &rusqlite::Connection,
    month: ScoreMonth,
) -> Result<SpotCheckTally> {
    let mut stmt = conn.prepare_cached(
        "SELECT person, points, max_points FROM spot_checks
         WHERE voided_at IS NULL AND local_date BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map(
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )?;
    let mut out = SpotCheckTally::new();
    for row in rows {
        let (person, points, max) = row?;
        let e = out.entry(person).or_default();
        e.0 += 1;
        e.1 += points as f64 / max as f64;
    }
    Ok(out)
}

impl Store {
    /// The QA forms with their items, active first.
    pub fn qa_forms(&self) -> Result<Vec<QaForm>> {
        let conn = self.conn();
        let mut forms: Vec<QaForm> = conn
            .prepare_cached("SELECT id, name, active FROM qa_forms ORDER BY active DESC, id")?
            .query_map([], |r| {
                Ok(QaForm {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    active: r.get(2)?,
                    items: Vec::new(),
                    max_points: 0,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, max_points, standard FROM qa_form_items WHERE form_id = ?1 ORDER BY position",
        )?;
        for form in &mut forms {
            form.items = stmt
                .query_map(params![form.id], |r| {
                    Ok(QaItem {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        max_points: r.get(2)?,
                        standard: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            form.max_points = form.items.iter().map(|i| i.max_points).sum();
        }
        Ok(forms)
    }

    /// Records a spot check: every item of the form scored within its maximum, a sample named,
    /// an agent known. Audited.
    pub fn record_spot_check(&mut self, input: &SpotCheckInput, actor: Actor) -> Result<SpotCheck> {
        let form = self
            .qa_forms()?
            .into_iter()
            .find(|f| f.id == input.form_id)
            .ok_or_else(|| not_found("QA form", input.form_id))?;
        let sample = input.sample.trim();
        if sample.is_empty() {
            return Err(Problem::new(
                ErrorCode::ValidationRequired,
                "name the reception or call sampled",
            )
            .with("field", "sample")
            .into());
        }
        let person = person_by_employee_no(self.conn(), input.employee_no.trim())?
            .ok_or_else(|| super::people::unknown_person(input.employee_no.trim()))?;
        let given: HashMap<i64, Centipoints> = input.scores.iter().copied().collect();
        let mut total = 0;
        for item in &form.items {
            let Some(points) = given.get(&item.id).copied() else {
                return Err(Problem::new(
                    ErrorCode::ValidationRequired,
                    format!("{} is not scored", item.name),
                )
                .with("field", &item.name)
                .into());
            };
            super::sheet::within_maximum(&item.name, item.max_points, points)?;
            total += points;
        }
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO spot_checks (form_id, person, employee_no, name, team_id, local_date, sample,
                     note, points, max_points, checked_at, checked_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    form.id,
                    person.person,
                    person.employee_no,
                    person.name,
                    person.team_id,
                    input.date.to_string(),
                    sample,
                    input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()),
                    total,
                    form.max_points,
                    to_ms(actor.at),
                    actor.user_id
                ],
            )?;
            let id = tx.last_insert_rowid();
            let mut stmt = tx.prepare_cached(
                "INSERT INTO spot_check_scores (check_id, item_id, points) VALUES (?1, ?2, ?3)",
            )?;
            for item in &form.items {
                stmt.execute(params![id, item.id, given[&item.id]])?;
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "record_spot_check",
                entity: "spot_checks",
                entity_id: Some(id),
                detail: Some(format!("{} {} {}", person.employee_no, input.date, sample)),
            }
            .record(tx)?;
            Ok(id)
        })?;
        self.spot_check(id)
    }

    /// Voids a check with a reason (it stays, marked); a correction is a new check.
    pub fn void_spot_check(&mut self, id: i64, reason: &str, actor: Actor) -> Result<SpotCheck> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "a reason is required")
                    .with("field", "reason")
                    .into(),
            );
        }
        let check = self.spot_check(id)?;
        if check.voided_at.is_some() {
            return Err(Problem::new(
                ErrorCode::ValidationRequired,
                "this spot check is already voided",
            )
            .with("field", "voided")
            .into());
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE spot_checks SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1",
                params![id, to_ms(actor.at), actor.user_id, reason],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "void_spot_check",
                entity: "spot_checks",
                entity_id: Some(id),
                detail: Some(reason.to_owned()),
            }
            .record(tx)
        })?;
        self.spot_check(id)
    }

    fn spot_check(&self, id: i64) -> Result<SpotCheck> {
        self.spot_checks_where("WHERE c.id = ?1", params![id])?
            .pop()
            .ok_or_else(|| not_found("spot check", id))
    }

    fn spot_checks_where(
        &self,
        filter: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<SpotCheck>> {
        let conn = self.conn();
        let sql = format!(
            "SELECT c.id, c.form_id, f.name, c.employee_no, c.name, c.team_id, t.name, c.local_date,
                    c.sample, c.note, c.points, c.max_points, c.checked_at, u.display_name,
                    c.voided_at, c.void_reason
             FROM spot_checks c JOIN qa_forms f ON f.id = c.form_id
             LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN users u ON u.id = c.checked_by
             {filter} ORDER BY c.local_date DESC, c.id DESC"
        );
        let mut checks: Vec<SpotCheck> = conn
            .prepare(&sql)?
            .query_map(args, |r| {
                let points: i64 = r.get(10)?;
                let max: i64 = r.get(11)?;
                Ok(SpotCheck {
                    id: r.get(0)?,
                    form_id: r.get(1)?,
                    form_name: r.get(2)?,
                    employee_no: r.get(3)?,
                    name: r.get(4)?,
                    team_id: r.get(5)?,
                    team_name: r.get(6)?,
                    date: r.get::<_, String>(7)?.parse().unwrap_or_default(),
                    sample: r.get(8)?,
                    note: r.get(9)?,
                    points,
                    max_points: max,
                    percent: percent(points, max),
                    scores: Vec::new(),
                    checked_at: from_ms(r.get(12)?),
                    checked_by_name: r.get(13)?,
                    voided_at: r.get::<_, Option<i64>>(14)?.map(from_ms),
                    void_reason: r.get(15)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT s.item_id, s.points FROM spot_check_scores s JOIN qa_form_items i ON i.id = s.item_id
             WHERE s.check_id = ?1 ORDER BY i.position",
        )?;
        for c in &mut checks {
            c.scores = stmt
                .query_map(params![c.id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(checks)
    }

    /// The month's checks (voided ones too, marked), newest first, within the operator's reach.
    pub fn spot_checks(&self, month: ScoreMonth, actor: Actor) -> Result<Vec<SpotCheck>> {
        let mut checks = self.spot_checks_where(
            "WHERE c.local_date BETWEEN ?1 AND ?2",
            params![month.first_day().to_string(), month.last_day().to_string()],
        )?;
        match self.reach_of(actor)? {
            Reach::Everyone => {}
            Reach::Team {
                team_id,
                employee_no,
            } => checks.retain(|c| {
                c.employee_no == employee_no || (team_id.is_some() && c.team_id == team_id)
            }),
            Reach::Own { employee_no } => checks.retain(|c| c.employee_no == employee_no),
        }
        Ok(checks)
    }

    /// Each team's checks in the month against `spot_checks_per_month_min` (seed 004: 每月每个店
    /// 必须抽查2次或以上); `below` flags a team short of it.
    pub fn spot_check_coverage(
        &self,
        month: ScoreMonth,
        at: DateTime<Utc>,
    ) -> Result<Vec<TeamSpotChecks>> {
        let required = self
            .policy_at(at)?
            .get("spot_checks_per_month_min")
            .copied()
            .unwrap_or(2)
            .max(0) as u32;
        let today = at.with_timezone(&self.require_site()?.tz()).date_naive();
        let in_progress = month.last_day() >= today;
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT t.id, t.name,
                    (SELECT count(*) FROM spot_checks c WHERE c.team_id = t.id AND c.voided_at IS NULL
                       AND c.local_date BETWEEN ?1 AND ?2)
             FROM teams t WHERE t.active = 1 ORDER BY t.id",
        )?;
        let rows = stmt.query_map(
            params![month.first_day().to_string(), month.last_day().to_string()],
            |r| {
                let checks: u32 = r.get(2)?;
                Ok(TeamSpotChecks {
                    team_id: r.get(0)?,
                    team_name: r.get(1)?,
                    checks,
                    required,
                    below: checks < required,
                    in_progress,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
