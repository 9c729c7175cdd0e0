//! Improvement plans (seed 002: 末位人员须在月度通报后一周内提交原因分析与改进计划). Publishing a
//! month opens one for each of its bottom places (`improvement_bottom_count` per template, ties
//! included), due `improvement_plan_due_days` after the publication; a supervisor or manager
//! files the cause analysis and the plan once, adds follow-up entries, and closes it with an
//! outcome. A plan not filed by its due date is overdue: the desktop hears of it once.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use floordesk_domain::scores::{PersonResult, ScoreMonth};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::results::Computed;
use crate::audit::Audit;
use crate::error::not_found;
use crate::reach::Reach;
use crate::{Actor, Result, Store, from_ms, to_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Not filed yet, due date not passed.
    Due,
    /// Not filed and past its due date.
    Overdue,
    Filed,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PlanFollowup {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub by_name: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImprovementPlan {
    pub id: i64,
    pub month: String,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    /// The composite and the rank the publication gave, among `ranked` on the template.
    pub composite_text: String,
    pub rank: u32,
    pub ranked: u32,
    pub due_on: NaiveDate,
    pub status: PlanStatus,
    pub cause: Option<String>,
    pub plan: Option<String>,
    pub filed_at: Option<DateTime<Utc>>,
    pub filed_by_name: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by_name: Option<String>,
    pub outcome: Option<String>,
    pub followups: Vec<PlanFollowup>,
}

/// The people of a month's results who need a plan: on each template with more than `count`
/// people graded, those whose composite is at or below the `count`-th lowest (so a tie at the
/// edge brings everyone tied).
pub(crate) fn bottom_places(results: &[PersonResult], count: usize) -> Vec<&PersonResult> {
    if count == 0 {
        return Vec::new();
    }
    let mut by_template: HashMap<i64, Vec<&PersonResult>> = HashMap::new();
    for r in results
        .iter()
        .filter(|r| r.composite.is_some() && r.rank.is_some())
    {
        by_template.entry(r.template).or_default().push(r);
    }
    let mut out = Vec::new();
    for (_, mut people) in by_template {
        // Bottom places need more people than places: two supervisors on their own template
        // are not both "at the bottom".
        if people.len() <= count {
            continue;
        }
        people.sort_by_key(|r| r.composite);
        let edge = people[(count - 1).min(people.len() - 1)].composite;
        out.extend(people.into_iter().filter(|r| r.composite <= edge));
    }
    out.sort_by(|a, b| a.person.cmp(&b.person));
    out
}

/// Opens the plans of a month being published (inside its transaction): one per bottom place
/// that has none for the month yet (a republished month keeps the plans it opened).
pub(crate) fn open_plans(
    tx: &Transaction<'_>,
    month: ScoreMonth,
    publication: i64,
    computed: &Computed,
    count: usize,
    due_on: NaiveDate,
) -> Result<u32> {
    let ranked: HashMap<i64, u32> =
        computed
            .results
            .iter()
            .filter(|r| r.rank.is_some())
            .fold(HashMap::new(), |mut m, r| {
                *m.entry(r.template).or_default() += 1;
                m
            });
    let mut stmt = tx.prepare_cached(
        "INSERT INTO improvement_plans (month, person, employee_no, name, team_id, template_id,
             composite, rank, ranked, publication_id, due_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (month, person) DO NOTHING",
    )?;
    let mut opened = 0;
    for r in bottom_places(&computed.results, count) {
        let Some(p) = computed.people.get(&r.person) else {
            continue;
        };
        opened += stmt.execute(params![
            month.to_string(),
            r.person,
            p.employee_no,
            p.name,
            p.team_id,
            r.template,
            r.composite.map(|c| format!("{c:.2}")),
            r.rank,
            ranked.get(&r.template).copied().unwrap_or(1),
            publication,
            due_on.to_string(),
        ])? as u32;
    }
    Ok(opened)
}

const SELECT: &str =
    "SELECT p.id, p.month, p.employee_no, p.name, p.team_id, t.name, p.composite, p.rank,
        p.ranked, p.due_on, p.cause, p.plan, p.filed_at, fu.display_name, p.closed_at,
        cu.display_name, p.outcome
     FROM improvement_plans p
     LEFT JOIN teams t ON t.id = p.team_id
     LEFT JOIN users fu ON fu.id = p.filed_by
     LEFT JOIN users cu ON cu.id = p.closed_by";

fn read(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<ImprovementPlan> {
    let due_on: NaiveDate = r.get::<_, String>(9)?.parse().unwrap_or(today);
    let filed_at: Option<i64> = r.get(12)?;
    let closed_at: Option<i64> = r.get(14)?;
    let status = match (filed_at, closed_at) {
        (_, Some(_)) => PlanStatus::Closed,
        (Some(_), None) => PlanStatus::Filed,
        (None, None) if today > due_on => PlanStatus::Overdue,
        (None, None) => PlanStatus::Due,
    };
    Ok(ImprovementPlan {
        id: r.get(0)?,
        month: r.get(1)?,
        employee_no: r.get(2)?,
        name: r.get(3)?,
        team_id: r.get(4)?,
        team_name: r.get(5)?,
        composite_text: r.get(6)?,
        rank: r.get(7)?,
        ranked: r.get(8)?,
        due_on,
        status,
        cause: r.get(10)?,
        plan: r.get(11)?,
        filed_at: filed_at.map(from_ms),
        filed_by_name: r.get(13)?,
        closed_at: closed_at.map(from_ms),
        closed_by_name: r.get(15)?,
        outcome: r.get(16)?,
        followups: Vec::new(),
    })
}

fn required(field: &str, text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::new(
            ErrorCode::ValidationRequired,
            format!("{field} is required"),
        )
        .with("field", field)
        .into());
    }
    Ok(text.to_owned())
}

fn state_problem(plan: &ImprovementPlan, wanted: &str) -> crate::StoreError {
    let state = match plan.status {
        PlanStatus::Due | PlanStatus::Overdue => "open",
        PlanStatus::Filed => "filed",
        PlanStatus::Closed => "closed",
    };
    Problem::new(
        ErrorCode::ScoresPlanState,
        format!(
            "the improvement plan of {} is {state}: it cannot be {wanted}",
            plan.employee_no
        ),
    )
    .with("employee_no", &plan.employee_no)
    .with("state", state)
    .into()
}

impl Store {
    fn today(&self, at: DateTime<Utc>) -> Result<NaiveDate> {
        Ok(at.with_timezone(&self.require_site()?.tz()).date_naive())
    }

    /// The plans opened for `month` (every month when None), newest month first, then by 工号;
    /// with their follow-ups and their status at `at`.
    pub fn improvement_plans(
        &self,
        month: Option<ScoreMonth>,
        at: DateTime<Utc>,
    ) -> Result<Vec<ImprovementPlan>> {
        let today = self.today(at)?;
        let conn = self.conn();
        let (sql, month) = match month {
            Some(m) => (
                format!("{SELECT} WHERE p.month = ?1 ORDER BY p.employee_no"),
                m.to_string(),
            ),
            None => (
                format!("{SELECT} WHERE ?1 = ?1 ORDER BY p.month DESC, p.employee_no"),
                String::new(),
            ),
        };
        let mut plans: Vec<ImprovementPlan> = conn
            .prepare(&sql)?
            .query_map(params![month], |r| read(r, today))?
            .collect::<rusqlite::Result<_>>()?;
        self.attach_followups(&mut plans)?;
        Ok(plans)
    }

    /// Each plan's follow-up entries, in order.
    fn attach_followups(&self, plans: &mut [ImprovementPlan]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.id, f.at, u.display_name, f.note FROM improvement_followups f
             LEFT JOIN users u ON u.id = f.by_user WHERE f.plan_id = ?1 ORDER BY f.id",
        )?;
        for plan in plans {
            plan.followups = stmt
                .query_map(params![plan.id], |r| {
                    Ok(PlanFollowup {
                        id: r.get(0)?,
                        at: from_ms(r.get(1)?),
                        by_name: r.get(2)?,
                        note: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(())
    }

    /// The plans the operator's reach allows: all for a supervisor, their team's for a lead,
    /// their own for an agent.
    pub fn visible_improvement_plans(
        &self,
        month: Option<ScoreMonth>,
        actor: Actor,
    ) -> Result<Vec<ImprovementPlan>> {
        let mut plans = self.improvement_plans(month, actor.at)?;
        match self.reach_of(actor)? {
            Reach::Everyone => {}
            Reach::Team {
                team_id,
                employee_no,
            } => plans.retain(|p| {
                p.employee_no == employee_no || (team_id.is_some() && p.team_id == team_id)
            }),
            Reach::Own { employee_no } => plans.retain(|p| p.employee_no == employee_no),
        }
        Ok(plans)
    }

    fn improvement_plan(&self, id: i64, at: DateTime<Utc>) -> Result<ImprovementPlan> {
        let today = self.today(at)?;
        self.conn()
            .query_row(&format!("{SELECT} WHERE p.id = ?1"), params![id], |r| {
                read(r, today)
            })
            .optional()?
            .ok_or_else(|| not_found("improvement plan", id))
    }

    /// Files the cause analysis and the plan (once; later words are follow-ups).
    pub fn file_improvement_plan(
        &mut self,
        id: i64,
        cause: &str,
        plan: &str,
        actor: Actor,
    ) -> Result<ImprovementPlan> {
        let (cause, plan_text) = (required("cause", cause)?, required("plan", plan)?);
        let current = self.improvement_plan(id, actor.at)?;
        if !matches!(current.status, PlanStatus::Due | PlanStatus::Overdue) {
            return Err(state_problem(&current, "filed again"));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE improvement_plans SET cause = ?2, plan = ?3, filed_at = ?4, filed_by = ?5
                 WHERE id = ?1",
                params![id, cause, plan_text, to_ms(actor.at), actor.user_id],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "file_improvement_plan",
                entity: "improvement_plans",
                entity_id: Some(id),
                detail: Some(format!("{} {}", current.month, current.employee_no)),
            }
            .record(tx)
        })?;
        self.improvement_plan_with_followups(id, actor.at)
    }

    /// The plan, if it is filed and still open; else `scores.plan_state` naming what was wanted.
    fn filed_plan(&self, id: i64, at: DateTime<Utc>, wanted: &str) -> Result<ImprovementPlan> {
        let current = self.improvement_plan(id, at)?;
        if current.status != PlanStatus::Filed {
            return Err(state_problem(&current, wanted));
        }
        Ok(current)
    }

    /// Adds a follow-up entry to a filed, open plan.
    pub fn add_improvement_followup(
        &mut self,
        id: i64,
        note: &str,
        actor: Actor,
    ) -> Result<ImprovementPlan> {
        let note = required("note", note)?;
        self.filed_plan(id, actor.at, "followed up")?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO improvement_followups (plan_id, at, by_user, note) VALUES (?1, ?2, ?3, ?4)",
                params![id, to_ms(actor.at), actor.user_id, note],
            )?;
            Ok(())
        })?;
        self.improvement_plan_with_followups(id, actor.at)
    }

    /// Closes a filed plan with its outcome; nothing changes afterwards.
    pub fn close_improvement_plan(
        &mut self,
        id: i64,
        outcome: &str,
        actor: Actor,
    ) -> Result<ImprovementPlan> {
        let outcome = required("outcome", outcome)?;
        let current = self.filed_plan(id, actor.at, "closed")?;
        self.write(|tx| {
            tx.execute(
                "UPDATE improvement_plans SET closed_at = ?2, closed_by = ?3, outcome = ?4 WHERE id = ?1",
                params![id, to_ms(actor.at), actor.user_id, outcome],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "close_improvement_plan",
                entity: "improvement_plans",
                entity_id: Some(id),
                detail: Some(format!("{} {}", current.month, current.employee_no)),
            }
            .record(tx)
        })?;
        self.improvement_plan_with_followups(id, actor.at)
    }

    fn improvement_plan_with_followups(
        &self,
        id: i64,
        at: DateTime<Utc>,
    ) -> Result<ImprovementPlan> {
        let mut plan = [self.improvement_plan(id, at)?];
        self.attach_followups(&mut plan)?;
        let [plan] = plan;
        Ok(plan)
    }

    /// The plans that fell overdue since the last call, each once (for a desktop notification).
    pub fn improvement_tick(&mut self, now: DateTime<Utc>) -> Result<Vec<ImprovementPlan>> {
        let today = self.today(now)?;
        let fresh: Vec<ImprovementPlan> = self
            .conn()
            .prepare_cached(&format!(
                "{SELECT} WHERE p.filed_at IS NULL AND p.overdue_announced_at IS NULL AND p.due_on < ?1
                 ORDER BY p.employee_no"
            ))?
            .query_map(params![today.to_string()], |r| read(r, today))?
            .collect::<rusqlite::Result<_>>()?;
        if !fresh.is_empty() {
            self.write(|tx| {
                for p in &fresh {
                    tx.execute(
                        "UPDATE improvement_plans SET overdue_announced_at = ?2 WHERE id = ?1",
                        params![p.id, to_ms(now)],
                    )?;
                }
                Ok(())
            })?;
        }
        Ok(fresh)
    }

    /// The due date of plans opened by a publication at `at`.
    pub(crate) fn improvement_due_on(&self, at: DateTime<Utc>) -> Result<(usize, NaiveDate)> {
        let policy = self.policy_at(at)?;
        let count = policy
            .get("improvement_bottom_count")
            .copied()
            .unwrap_or(3)
            .max(0) as usize;
        let days = policy
            .get("improvement_plan_due_days")
            .copied()
            .unwrap_or(7);
        Ok((count, self.today(at)? + Duration::days(days)))
    }
}
