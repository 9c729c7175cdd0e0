//! 报表 (schema 11; seed 004 第 3 条): the register of reports each person owes (daily, weekly,
//! monthly; due times from the policy settings), each period marked submitted (when, by whom),
//! and a delay announced beforehand (when, why). A report sent late without an announcement
//! proposes `report_late` for the person and their manager (客服经理外罚).

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::access::Permission;
use floordesk_domain::limits::{WORKFLOW_FIELD_MAX_LEN, WORKFLOW_TEXT_MAX_LEN};
use floordesk_domain::reports::{ReportKind, ReportPolicy, Timeliness, due_local, timeliness};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::audit::Audit;
use crate::error::not_found;
use crate::incidents::{IncidentInput, propose_in, site_tz};
use crate::policy::value_at;
use crate::reach::Reach;
use crate::scores::people::{ScorePerson, person_by_employee_no, person_of_user, unknown_person};
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

/// A report someone owes, every period from `starts_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReportDutyInput {
    pub title: String,
    pub kind: ReportKind,
    pub employee_no: String,
    /// 客服经理 (or 店长), fined alongside a late report.
    pub manager_employee_no: Option<String>,
    pub starts_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ReportDuty {
    pub id: i64,
    pub title: String,
    pub kind: ReportKind,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub manager_employee_no: Option<String>,
    pub manager_name: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// One period's report of a duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ReportDue {
    pub duty: ReportDuty,
    pub period_start: NaiveDate,
    pub due_at: DateTime<Utc>,
    pub announced_at: Option<DateTime<Utc>>,
    pub announce_reason: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub submitted_by_name: Option<String>,
    pub timeliness: Option<Timeliness>,
    /// The `report_late` proposal.
    pub incident_id: Option<i64>,
    /// Not submitted and past its due time.
    pub overdue: bool,
}

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    Problem::new(ErrorCode::ReportsInvalid, message)
        .with("field", field)
        .into()
}

const DUTY_SELECT: &str =
    "SELECT d.id, d.title, d.kind, d.employee_no, d.name, d.manager_employee_no,
        d.manager_name, d.starts_on, d.ends_on, a.team_id
     FROM report_duties d LEFT JOIN agents a ON d.person = 'a' || a.id";

fn read_duty(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReportDuty> {
    let starts_on: String = r.get(7)?;
    Ok(ReportDuty {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: ReportKind::parse(&r.get::<_, String>(2)?).unwrap_or(ReportKind::Daily),
        employee_no: r.get(3)?,
        name: r.get(4)?,
        manager_employee_no: r.get(5)?,
        manager_name: r.get(6)?,
        starts_on: starts_on.parse().unwrap_or(NaiveDate::MIN),
        ends_on: r.get::<_, Option<String>>(8)?.and_then(|d| d.parse().ok()),
        team_id: r.get(9)?,
    })
}

fn duty(conn: &Connection, id: i64) -> Result<(ReportDuty, String)> {
    conn.prepare_cached(&format!("{DUTY_SELECT} WHERE d.id = ?1"))?
        .query_row([id], |r| Ok((read_duty(r)?, String::new())))
        .optional()?
        .ok_or_else(|| not_found("report_duty", id))
        .and_then(|(d, _)| {
            let person: String = conn.query_row(
                "SELECT person FROM report_duties WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            Ok((d, person))
        })
}

/// The site's due times in force at `at`.
fn policy_at(conn: &Connection, at: DateTime<Utc>) -> Result<ReportPolicy> {
    let get =
        |key: &str| -> Result<u32> { Ok(u32::try_from(value_at(conn, key, at)?).unwrap_or(0)) };
    Ok(ReportPolicy {
        daily_due_hour: get("daily_report_due_hour")?,
        weekly_due_weekday: get("weekly_report_due_weekday")?,
        monthly_due_day: get("monthly_report_due_day")?,
    })
}

/// When the report of `period` is due, by the settings in force when the period began.
fn due_at(conn: &Connection, kind: ReportKind, period: NaiveDate) -> Result<DateTime<Utc>> {
    let tz = site_tz(conn)?;
    let began = crate::local_midnight(period, tz)
        .unwrap_or_else(|| period.and_time(chrono::NaiveTime::MIN).and_utc());
    let local = due_local(kind, period, &policy_at(conn, began)?);
    Ok(local
        .and_local_timezone(tz)
        .earliest()
        .map_or_else(|| local.and_utc(), |t| t.to_utc()))
}

/// The period must be one the duty owes.
fn check_period(d: &ReportDuty, period: NaiveDate) -> Result<()> {
    if d.kind.period_of(period) != period
        || period < d.kind.period_of(d.starts_on)
        || d.ends_on.is_some_and(|e| period > e)
    {
        return Err(invalid(
            "period_start",
            format!("{period} is not a period {} owes", d.title),
        ));
    }
    Ok(())
}

fn person(conn: &Connection, no: &str) -> Result<ScorePerson> {
    person_by_employee_no(conn, no)?.ok_or_else(|| unknown_person(no))
}

fn upsert_row(
    tx: &Transaction<'_>,
    duty_id: i64,
    period: NaiveDate,
    due: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO report_submissions (duty_id, period_start, due_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(duty_id, period_start) DO NOTHING",
        params![duty_id, period.to_string(), to_ms(due)],
    )?;
    Ok(())
}

impl Store {
    /// Adds a report someone owes; returns the duty's id.
    pub fn add_report_duty(&mut self, input: &ReportDutyInput, actor: Actor) -> Result<i64> {
        let title = input.title.trim();
        if title.is_empty() || title.chars().count() > WORKFLOW_FIELD_MAX_LEN {
            return Err(invalid("title", "a report needs a title"));
        }
        let owner = person(self.conn(), &input.employee_no)?;
        let manager = match input
            .manager_employee_no
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(no) => Some(person(self.conn(), no)?),
            None => None,
        };
        if manager.as_ref().is_some_and(|m| m.person == owner.person) {
            return Err(invalid(
                "manager_employee_no",
                "the manager fined alongside is someone else",
            ));
        }
        let starts_on = input.kind.period_of(input.starts_on);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO report_duties (title, kind, person, employee_no, name, manager_person, manager_employee_no,
                     manager_name, starts_on, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    title,
                    input.kind.as_str(),
                    owner.person,
                    owner.employee_no,
                    owner.name,
                    manager.as_ref().map(|m| &m.person),
                    manager.as_ref().map(|m| &m.employee_no),
                    manager.as_ref().map(|m| &m.name),
                    starts_on.to_string(),
                    to_ms(actor.at),
                    actor.user_id
                ],
            )?;
            let id = tx.last_insert_rowid();
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "add",
                entity: "report_duty",
                entity_id: Some(id),
                detail: Some(title.to_owned()),
            }
            .record(tx)?;
            Ok(id)
        })
    }

    /// Ends a duty: no period after `ends_on` is owed.
    pub fn end_report_duty(&mut self, id: i64, ends_on: NaiveDate, actor: Actor) -> Result<()> {
        let (d, _) = duty(self.conn(), id)?;
        if ends_on < d.starts_on {
            return Err(invalid("ends_on", "a duty cannot end before it starts"));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE report_duties SET ends_on = ?2 WHERE id = ?1",
                params![id, ends_on.to_string()],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "end",
                entity: "report_duty",
                entity_id: Some(id),
                detail: Some(ends_on.to_string()),
            }
            .record(tx)
        })
    }

    pub fn report_duties(&self) -> Result<Vec<ReportDuty>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{DUTY_SELECT} ORDER BY d.employee_no, d.kind, d.title"
        ))?;
        let rows = stmt.query_map([], read_duty)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every report owed for periods starting in `from..=to`, judged at `now`, by due time.
    pub fn reports_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<ReportDue>> {
        let mut out = Vec::new();
        let mut row = self.conn().prepare_cached(
            "SELECT s.announced_at, s.announce_reason, s.submitted_at, u.display_name, s.timeliness, s.incident_id
             FROM report_submissions s LEFT JOIN users u ON u.id = s.submitted_by
             WHERE s.duty_id = ?1 AND s.period_start = ?2",
        )?;
        for d in self.report_duties()? {
            let start = from.max(d.starts_on);
            let end = d.ends_on.map_or(to, |e| e.min(to));
            for period in d.kind.periods(start, end) {
                let due = due_at(self.conn(), d.kind, period)?;
                let stored = row
                    .query_row(params![d.id, period.to_string()], |r| {
                        Ok((
                            r.get::<_, Option<i64>>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, Option<i64>>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, Option<String>>(4)?,
                            r.get::<_, Option<i64>>(5)?,
                        ))
                    })
                    .optional()?;
                let (announced, reason, submitted, by, judged, incident) =
                    stored.unwrap_or_default();
                out.push(ReportDue {
                    duty: d.clone(),
                    period_start: period,
                    due_at: due,
                    announced_at: announced.map(from_ms),
                    announce_reason: reason,
                    submitted_at: submitted.map(from_ms),
                    submitted_by_name: by,
                    timeliness: judged.as_deref().and_then(|t| match t {
                        "on_time" => Some(Timeliness::OnTime),
                        "late" => Some(Timeliness::Late),
                        "announced" => Some(Timeliness::Announced),
                        _ => None,
                    }),
                    incident_id: incident,
                    overdue: submitted.is_none() && now > due,
                });
            }
        }
        out.sort_by(|a, b| {
            (a.due_at, &a.duty.employee_no, a.duty.id).cmp(&(
                b.due_at,
                &b.duty.employee_no,
                b.duty.id,
            ))
        });
        Ok(out)
    }

    /// [`Store::reports_due`] as `actor` may see them: a lead their team's, an agent their own.
    pub fn reports_due_seen_by(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<Vec<ReportDue>> {
        let reach = self.reach_of(actor)?;
        Ok(self
            .reports_due(from, to, now)?
            .into_iter()
            .filter(|r| match &reach {
                Reach::Everyone => true,
                Reach::Team {
                    team_id,
                    employee_no,
                } => {
                    r.duty.employee_no == *employee_no
                        || (team_id.is_some() && r.duty.team_id == *team_id)
                }
                Reach::Own { employee_no } => r.duty.employee_no == *employee_no,
            })
            .collect())
    }

    /// Records a delay announced before the due time (提前声明告知): a report sent late after it
    /// proposes nothing.
    pub fn announce_report_delay(
        &mut self,
        duty_id: i64,
        period: NaiveDate,
        reason: &str,
        actor: Actor,
    ) -> Result<()> {
        let (d, person) = duty(self.conn(), duty_id)?;
        self.check_report_actor(&person, actor)?;
        check_period(&d, period)?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > WORKFLOW_TEXT_MAX_LEN {
            return Err(invalid(
                "announce_reason",
                "say why the report will be late",
            ));
        }
        let due = due_at(self.conn(), d.kind, period)?;
        if actor.at >= due {
            return Err(invalid(
                "announced_at",
                "a delay is announced before the due time",
            ));
        }
        self.write(|tx| {
            upsert_row(tx, duty_id, period, due)?;
            let changed = tx.execute(
                "UPDATE report_submissions SET announced_at = ?3, announce_reason = ?4, announced_by = ?5
                 WHERE duty_id = ?1 AND period_start = ?2 AND announced_at IS NULL AND submitted_at IS NULL",
                params![duty_id, period.to_string(), to_ms(actor.at), reason, actor.user_id],
            )?;
            if changed == 0 {
                return Err(invalid(
                    "announced_at",
                    "this report was already announced or submitted",
                ));
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "announce_delay",
                entity: "report_duty",
                entity_id: Some(duty_id),
                detail: Some(period.to_string()),
            }
            .record(tx)
        })
    }

    /// Marks the period's report submitted at `sent_at` (now when none; an earlier time only by
    /// one who keeps the register). Late without an announcement proposes `report_late` for the
    /// person, with the manager co-penalised. Returns the proposal.
    pub fn submit_report(
        &mut self,
        duty_id: i64,
        period: NaiveDate,
        sent_at: Option<DateTime<Utc>>,
        actor: Actor,
    ) -> Result<Option<i64>> {
        let (d, person) = duty(self.conn(), duty_id)?;
        let manages = self.check_report_actor(&person, actor)?;
        check_period(&d, period)?;
        let sent = match sent_at {
            Some(at) if at != actor.at && !manages => {
                return Err(Problem::new(
                    ErrorCode::AuthForbidden,
                    "only the register's keeper gives another sending time",
                )
                .into());
            }
            Some(at) if at > actor.at => {
                return Err(invalid(
                    "submitted_at",
                    "a report cannot be sent in the future",
                ));
            }
            Some(at) => at,
            None => actor.at,
        };
        let tz = site_tz(self.conn())?;
        if crate::local_midnight(period, tz).is_some_and(|start| sent < start) {
            return Err(invalid(
                "submitted_at",
                "a report is sent after its period begins",
            ));
        }
        let due = due_at(self.conn(), d.kind, period)?;
        self.write(|tx| {
            upsert_row(tx, duty_id, period, due)?;
            let (announced, submitted): (Option<i64>, Option<i64>) = tx.query_row(
                "SELECT announced_at, submitted_at FROM report_submissions WHERE duty_id = ?1 AND period_start = ?2",
                params![duty_id, period.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if submitted.is_some() {
                return Err(Problem::new(
                    ErrorCode::ReportsAlreadySubmitted,
                    "this report is already marked submitted",
                )
                .into());
            }
            let judged = timeliness(due, sent, announced.map(from_ms));
            let incident = match judged {
                Timeliness::Late => Some(propose_in(
                    tx,
                    &IncidentInput {
                        ts: sent,
                        employee_no: Some(d.employee_no.clone()),
                        rule_code: "report_late".into(),
                        co_employee_no: d.manager_employee_no.clone(),
                        note: Some(format!("{} {}", d.title, period)),
                        ..IncidentInput::default()
                    },
                    actor,
                )?),
                _ => None,
            };
            tx.execute(
                "UPDATE report_submissions SET submitted_at = ?3, submitted_by = ?4, recorded_at = ?5,
                     timeliness = ?6, incident_id = ?7
                 WHERE duty_id = ?1 AND period_start = ?2",
                params![
                    duty_id,
                    period.to_string(),
                    to_ms(sent),
                    actor.user_id,
                    to_ms(actor.at),
                    match judged {
                        Timeliness::OnTime => "on_time",
                        Timeliness::Late => "late",
                        Timeliness::Announced => "announced",
                    },
                    incident
                ],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "submit",
                entity: "report_duty",
                entity_id: Some(duty_id),
                detail: Some(period.to_string()),
            }
            .record(tx)?;
            Ok(incident)
        })
    }

    /// The owner, or one who keeps the register (returned true), or the system actor.
    fn check_report_actor(&self, owner: &str, actor: Actor) -> Result<bool> {
        let Some(user) = actor.user_id else {
            return Ok(true);
        };
        if self.user(user)?.role.can(Permission::ManageReports) {
            return Ok(true);
        }
        let me = person_of_user(self.conn(), user)?;
        if me.is_some_and(|p| p.person == owner) {
            return Ok(false);
        }
        Err(Problem::new(
            ErrorCode::ReportsNotYours,
            "only the person who owes a report marks it",
        )
        .into())
    }
}
