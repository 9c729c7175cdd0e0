//! Complaints as listed and opened: their steps with who took each and when, the next step and
//! when it falls due at the instant asked about, and the proposal a valid ruling made.

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::complaints::{ComplaintClock, ComplaintStatus, ComplaintStep, next_due};
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::workflow::ComplaintChannel;
use crate::error::not_found;
use crate::reach::Reach;
use crate::{Actor, Result, Store, from_ms};

/// One step taken: when, and by whom (none: the command line or an import).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ComplaintStepDone {
    pub step: ComplaintStep,
    pub at: DateTime<Utc>,
    pub by_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ComplaintRow {
    pub id: i64,
    pub received_at: DateTime<Utc>,
    pub local_date: NaiveDate,
    pub customer: String,
    pub channel: ComplaintChannel,
    pub order_no: Option<String>,
    pub content: String,
    pub status: ComplaintStatus,
    pub registered_at: DateTime<Utc>,
    pub registered_by_name: Option<String>,
    /// The agent it was routed to (or, once ruled, the one held responsible).
    pub employee_no: Option<String>,
    pub name: Option<String>,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub deadline_at: Option<DateTime<Utc>>,
    pub findings: Option<String>,
    pub valid: Option<bool>,
    pub severity: Option<u8>,
    /// The `valid_complaint` incident the ruling proposed.
    pub incident_id: Option<i64>,
    pub reply: Option<String>,
    pub visit_note: Option<String>,
    pub satisfied: Option<bool>,
    pub cause_code: Option<String>,
    pub cause_name_zh: Option<String>,
    pub cause_name_en: Option<String>,
    pub close_note: Option<String>,
    /// The steps taken, in order.
    pub steps: Vec<ComplaintStepDone>,
    /// The next step and its due time (none for closing, which has no clock).
    pub next_step: Option<ComplaintStep>,
    pub due_at: Option<DateTime<Utc>>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct ComplaintQuery {
    /// Received on or after this site-local date.
    pub from: Option<NaiveDate>,
    /// Received on or before this date.
    pub to: Option<NaiveDate>,
    pub status: Option<ComplaintStatus>,
    /// Not closed.
    pub open_only: bool,
    pub overdue_only: bool,
    pub employee_no: Option<String>,
    pub team_id: Option<i64>,
    pub valid_only: bool,
}

const SELECT: &str = "SELECT c.id, c.received_at, c.local_date, c.customer, c.channel, c.order_no, c.content,
        c.status, c.registered_at, ru.display_name, c.employee_no, c.name, c.team_id, t.name, c.deadline_at,
        c.findings, c.valid, c.severity, c.incident_id, c.reply, c.visit_note, c.satisfied, c.cause_code,
        k.name_zh, k.name_en, c.close_note,
        c.routed_at, ro.display_name, c.ruled_at, rl.display_name, c.replied_at, rp.display_name,
        c.visited_at, rv.display_name, c.closed_at, rc.display_name
     FROM complaints c
     LEFT JOIN teams t ON t.id = c.team_id
     LEFT JOIN complaint_causes k ON k.code = c.cause_code
     LEFT JOIN users ru ON ru.id = c.registered_by
     LEFT JOIN users ro ON ro.id = c.routed_by
     LEFT JOIN users rl ON rl.id = c.ruled_by
     LEFT JOIN users rp ON rp.id = c.replied_by
     LEFT JOIN users rv ON rv.id = c.visited_by
     LEFT JOIN users rc ON rc.id = c.closed_by";

fn read(
    r: &rusqlite::Row<'_>,
    policy: &floordesk_domain::complaints::ComplaintPolicy,
    now: DateTime<Utc>,
) -> rusqlite::Result<ComplaintRow> {
    let status = ComplaintStatus::parse(&r.get::<_, String>(7)?).unwrap_or(ComplaintStatus::Closed);
    let channel =
        ComplaintChannel::parse(&r.get::<_, String>(4)?).unwrap_or(ComplaintChannel::Other);
    let ms = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(r.get::<_, Option<i64>>(i)?.map(from_ms))
    };
    let mut steps = Vec::new();
    for (step, at, by) in [
        (ComplaintStep::Route, 26, 27),
        (ComplaintStep::Rule, 28, 29),
        (ComplaintStep::Reply, 30, 31),
        (ComplaintStep::Visit, 32, 33),
        (ComplaintStep::Close, 34, 35),
    ] {
        if let Some(at) = ms(at)? {
            steps.push(ComplaintStepDone {
                step,
                at,
                by_name: r.get(by)?,
            });
        }
    }
    let registered_at = from_ms(r.get(8)?);
    let received_at = from_ms(r.get(1)?);
    let deadline_at = ms(14)?;
    let clock = ComplaintClock {
        status,
        registered_at,
        deadline_at,
        replied_at: ms(30)?,
    };
    let due = next_due(&clock, policy);
    Ok(ComplaintRow {
        id: r.get(0)?,
        received_at,
        local_date: r
            .get::<_, String>(2)?
            .parse()
            .unwrap_or_else(|_| received_at.date_naive()),
        customer: r.get(3)?,
        channel,
        order_no: r.get(5)?,
        content: r.get(6)?,
        status,
        registered_at,
        registered_by_name: r.get(9)?,
        employee_no: r.get(10)?,
        name: r.get(11)?,
        team_id: r.get(12)?,
        team_name: r.get(13)?,
        deadline_at,
        findings: r.get(15)?,
        valid: r.get(16)?,
        severity: r.get(17)?,
        incident_id: r.get(18)?,
        reply: r.get(19)?,
        visit_note: r.get(20)?,
        satisfied: r.get(21)?,
        cause_code: r.get(22)?,
        cause_name_zh: r.get(23)?,
        cause_name_en: r.get(24)?,
        close_note: r.get(25)?,
        steps,
        next_step: status.next(),
        due_at: due.map(|d| d.1),
        overdue: due.is_some_and(|(_, at)| now > at),
    })
}

impl Store {
    /// Complaints matching `query`, newest first, judged at `now`.
    pub fn complaints(
        &self,
        query: &ComplaintQuery,
        now: DateTime<Utc>,
    ) -> Result<Vec<ComplaintRow>> {
        self.complaints_within(query, &Reach::Everyone, None, now)
    }

    /// [`Store::complaints`] as `actor` may see them: a lead their team's, an agent those routed
    /// to them or that they registered.
    pub fn complaints_seen_by(
        &self,
        query: &ComplaintQuery,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Vec<ComplaintRow>> {
        let reach = self.reach_of(actor)?;
        self.complaints_within(query, &reach, actor.user_id, now)
    }

    fn complaints_within(
        &self,
        query: &ComplaintQuery,
        reach: &Reach,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Vec<ComplaintRow>> {
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |clause: &str, value: Value, clauses: &mut Vec<String>| {
            args.push(value);
            clauses.push(clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(from) = query.from {
            arg(
                "c.local_date >= ?",
                Value::Text(from.to_string()),
                &mut clauses,
            );
        }
        if let Some(to) = query.to {
            arg(
                "c.local_date <= ?",
                Value::Text(to.to_string()),
                &mut clauses,
            );
        }
        if let Some(status) = query.status {
            arg(
                "c.status = ?",
                Value::Text(status.as_str().into()),
                &mut clauses,
            );
        }
        if query.open_only {
            clauses.push("c.status <> 'closed'".into());
        }
        if query.valid_only {
            clauses.push("c.valid = 1".into());
        }
        if let Some(no) = query
            .employee_no
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            arg(
                "c.employee_no = ?",
                Value::Text(no.trim().into()),
                &mut clauses,
            );
        }
        if let Some(team) = query.team_id {
            arg("c.team_id = ?", Value::Integer(team), &mut clauses);
        }
        let me = Value::Integer(user_id.unwrap_or(-1));
        match reach {
            Reach::Everyone => {}
            Reach::Team {
                team_id,
                employee_no,
            } => {
                args.push(Value::Integer(team_id.unwrap_or(-1)));
                let n = args.len();
                args.push(Value::Text(employee_no.clone()));
                args.push(me);
                clauses.push(format!(
                    "(c.team_id = ?{n} OR c.employee_no = ?{} OR c.registered_by = ?{})",
                    n + 1,
                    n + 2
                ));
            }
            Reach::Own { employee_no } => {
                args.push(Value::Text(employee_no.clone()));
                let n = args.len();
                args.push(me);
                clauses.push(format!(
                    "(c.employee_no = ?{n} OR c.registered_by = ?{})",
                    n + 1
                ));
            }
        }
        let sql = format!(
            "{SELECT}{}{} ORDER BY c.received_at DESC, c.id DESC",
            if clauses.is_empty() { "" } else { " WHERE " },
            clauses.join(" AND ")
        );
        let policy = super::policy_at(self.conn(), now)?;
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(args), |r| read(r, &policy, now))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(if query.overdue_only {
            rows.into_iter().filter(|c| c.overdue).collect()
        } else {
            rows
        })
    }

    /// One complaint, judged at `now`.
    pub fn complaint(&self, id: i64, now: DateTime<Utc>) -> Result<ComplaintRow> {
        let policy = super::policy_at(self.conn(), now)?;
        self.conn()
            .prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?
            .query_row([id], |r| read(r, &policy, now))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => not_found("complaint", id),
                e => e.into(),
            })
    }

    /// Whether `actor` may see complaint `id` (as [`Store::complaints_seen_by`] would list it).
    pub fn complaint_seen_by(
        &self,
        id: i64,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<ComplaintRow> {
        let row = self.complaint(id, now)?;
        let reach = self.reach_of(actor)?;
        let registered_by_me: bool = match actor.user_id {
            Some(user) => self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM complaints WHERE id = ?1 AND registered_by = ?2)",
                [id, user],
                |r| r.get(0),
            )?,
            None => true,
        };
        let seen = registered_by_me
            || match &reach {
                Reach::Everyone => true,
                Reach::Team {
                    team_id,
                    employee_no,
                } => {
                    (team_id.is_some() && row.team_id == *team_id)
                        || row.employee_no.as_deref() == Some(employee_no.as_str())
                }
                Reach::Own { employee_no } => {
                    row.employee_no.as_deref() == Some(employee_no.as_str())
                }
            };
        if seen {
            Ok(row)
        } else {
            Err(not_found("complaint", id))
        }
    }
}
