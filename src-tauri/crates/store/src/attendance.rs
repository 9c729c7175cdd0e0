//! 考勤: the month's attendance from the roster, the live floor's stored alerts and events,
//! notices (报备) and approved leave: a row per agent and judged date, a summary per agent, and
//! the xlsx export `日期,工号,姓名,班次,状态,迟到分钟,早退分钟`. Lateness is the floor's own
//! `late_sign_in` alert, so the board, this table and the CLI agree.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::floor::FloorPolicy;
use floordesk_domain::roster::attendance::{DayAttendance, DayFacts, MonthAttendance, judge_day};
use floordesk_domain::roster::{Cell, month_days};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

use crate::export::failed;
use crate::leave::LeaveStatus;
use crate::{Actor, Result, Store, from_ms, to_ms};

/// One row of the daily attendance table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AttendanceDay {
    pub date: NaiveDate,
    /// 工号.
    pub employee_no: String,
    pub name: String,
    pub team_id: i64,
    /// 班次: the cell as written (a template code, 休, spans); empty on leave without a cell.
    pub shift: String,
    #[serde(flatten)]
    pub attendance: DayAttendance,
}

/// One agent's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AgentAttendance {
    pub employee_no: String,
    pub name: String,
    pub team_id: i64,
    pub team_name: String,
    pub summary: MonthAttendance,
}

/// A month's attendance up to today (later days are not judged yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AttendanceMonth {
    pub month: String,
    /// The last date judged: the month's last day, or today in a current month.
    pub judged_to: Option<NaiveDate>,
    pub days: Vec<AttendanceDay>,
    pub agents: Vec<AgentAttendance>,
}

struct Person {
    employee_no: String,
    name: String,
    team_id: i64,
    team_name: String,
}

type Key = (i64, NaiveDate);

fn bad_month(month: &str) -> Problem {
    Problem::new(
        ErrorCode::UsageBadMonth,
        format!("'{month}' is not a month like 2026-11"),
    )
    .with("value", month)
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap_or_default()
}

impl Store {
    /// The month's attendance for every agent with a shift, rest day or leave in it.
    pub fn attendance(&self, month: &str, now: DateTime<Utc>) -> Result<AttendanceMonth> {
        let (year, m) = crate::roster::parse_month(month).ok_or_else(|| bad_month(month))?;
        let (first, last) = month_days(year, m).ok_or_else(|| bad_month(month))?;
        let tz = self.site()?.map_or(chrono_tz::Asia::Shanghai, |s| s.tz());
        let today = now.with_timezone(&tz).date_naive();
        let judged_to = last.min(today);
        let mut out = AttendanceMonth {
            month: month.to_owned(),
            judged_to: (first <= judged_to).then_some(judged_to),
            days: Vec::new(),
            agents: Vec::new(),
        };
        if first > judged_to {
            return Ok(out);
        }
        let ready_before = FloorPolicy::from_settings(&self.policy_at(now)?).ready_before_start_min;
        let people = self.attendance_people()?;
        let ids: HashMap<&str, i64> = people
            .iter()
            .map(|(id, p)| (p.employee_no.as_str(), *id))
            .collect();
        let templates = self.shift_templates()?;

        let mut facts: BTreeMap<Key, DayFacts> = BTreeMap::new();
        let mut written: HashMap<Key, (String, i64)> = HashMap::new();
        for c in self.roster_cells(first, judged_to)? {
            let Some(&id) = ids.get(c.employee_no.as_str()) else {
                continue;
            };
            let cell = Cell::parse(&c.cell, &templates).unwrap_or(Cell::Empty);
            let paid = cell.times(c.date, &templates).map_or(0, |t| t.paid_minutes);
            if cell == Cell::Rest {
                facts.entry((id, c.date)).or_default().rest = true;
            }
            written.insert((id, c.date), (c.cell, paid));
        }
        self.attendance_shifts(first, judged_to, now, &mut facts)?;
        self.attendance_alerts(first, judged_to, &mut facts)?;
        self.attendance_notices(first, judged_to, &mut facts)?;
        for l in self.leave_requests(first, judged_to)? {
            let Some(&id) = ids.get(l.employee_no.as_str()) else {
                continue;
            };
            if l.status == LeaveStatus::Approved {
                for d in l
                    .from
                    .max(first)
                    .iter_days()
                    .take_while(|d| *d <= l.to.min(judged_to))
                {
                    facts.entry((id, d)).or_default().leave = Some(l.kind);
                }
            }
        }

        let mut months: BTreeMap<i64, MonthAttendance> = BTreeMap::new();
        for ((id, day), f) in &facts {
            let Some(person) = people.get(id) else {
                continue;
            };
            let Some(judged) = judge_day(f, ready_before) else {
                continue;
            };
            let (shift, paid) = written.get(&(*id, *day)).cloned().unwrap_or_default();
            months.entry(*id).or_default().add(&judged, paid);
            out.days.push(AttendanceDay {
                date: *day,
                employee_no: person.employee_no.clone(),
                name: person.name.clone(),
                team_id: person.team_id,
                shift,
                attendance: judged,
            });
        }
        out.days
            .sort_by(|a, b| (a.date, &a.employee_no).cmp(&(b.date, &b.employee_no)));
        for (id, summary) in months {
            let p = &people[&id];
            out.agents.push(AgentAttendance {
                employee_no: p.employee_no.clone(),
                name: p.name.clone(),
                team_id: p.team_id,
                team_name: p.team_name.clone(),
                summary,
            });
        }
        out.agents.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
        Ok(out)
    }

    /// The month's attendance as `actor` sees the roster: an agent, their own team.
    pub fn attendance_seen_by(
        &self,
        month: &str,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<AttendanceMonth> {
        let mut view = self.attendance(month, now)?;
        if let Some(team_id) = self.reach_of(actor)?.team_view(self)? {
            view.days.retain(|d| d.team_id == team_id);
            view.agents.retain(|a| a.team_id == team_id);
        }
        Ok(view)
    }

    /// The daily table to .xlsx; returns how many rows were written.
    pub fn export_attendance_xlsx(
        &self,
        month: &str,
        now: DateTime<Utc>,
        path: &Path,
    ) -> Result<u32> {
        let view = self.attendance(month, now)?;
        let err = |e| failed(path, e);
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(format!("考勤 {month}")).map_err(err)?;
        let bold = Format::new().set_bold();
        let columns = [
            ("日期", 12.0),
            ("工号", 10.0),
            ("姓名", 12.0),
            ("班次", 14.0),
            ("状态", 12.0),
            ("迟到分钟", 10.0),
            ("早退分钟", 10.0),
        ];
        for (col, (title, width)) in columns.into_iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, title, &bold)
                .map_err(err)?;
            sheet.set_column_width(col as u16, width).map_err(err)?;
        }
        let mut row = 0;
        for d in &view.days {
            row += 1;
            sheet
                .write_string(row, 0, d.date.to_string())
                .map_err(err)?;
            sheet.write_string(row, 1, &d.employee_no).map_err(err)?;
            sheet.write_string(row, 2, &d.name).map_err(err)?;
            sheet.write_string(row, 3, &d.shift).map_err(err)?;
            sheet
                .write_string(row, 4, d.attendance.status.label_zh())
                .map_err(err)?;
            sheet
                .write_number(row, 5, d.attendance.late_min as f64)
                .map_err(err)?;
            sheet
                .write_number(row, 6, d.attendance.early_min as f64)
                .map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        book.save(path).map_err(err)?;
        Ok(row)
    }

    fn attendance_people(&self) -> Result<HashMap<i64, Person>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT a.id, a.employee_no, a.name, a.team_id, COALESCE(t.name, '')
             FROM agents a LEFT JOIN teams t ON t.id = a.team_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Person {
                    employee_no: r.get(1)?,
                    name: r.get(2)?,
                    team_id: r.get(3)?,
                    team_name: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The floor's shifts that have started by `now`, with the first at-work event from the
    /// ready time on (the late alert's arrival).
    fn attendance_shifts(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        now: DateTime<Utc>,
        facts: &mut BTreeMap<Key, DayFacts>,
    ) -> Result<()> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT agent_id, shift_date, MIN(start_at), MAX(end_at) FROM shifts
             WHERE shift_date BETWEEN ?1 AND ?2 GROUP BY agent_id, shift_date",
        )?;
        let mut rows = stmt.query(params![first.to_string(), last.to_string()])?;
        while let Some(r) = rows.next()? {
            let start = from_ms(r.get(2)?);
            if start > now {
                continue;
            }
            let f = facts
                .entry((r.get(0)?, date(&r.get::<_, String>(1)?)))
                .or_default();
            f.shift = Some((start, from_ms(r.get(3)?)));
        }
        Ok(())
    }

    fn attendance_alerts(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        facts: &mut BTreeMap<Key, DayFacts>,
    ) -> Result<()> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT agent_id, shift_date, rule, at FROM alerts
             WHERE shift_date BETWEEN ?1 AND ?2 AND rule IN ('late_sign_in', 'absent', 'early_leave')",
        )?;
        let mut first_at_work = conn.prepare_cached(
            "SELECT MIN(at) FROM state_events
             WHERE agent_id = ?1 AND at >= ?2 AND at < ?3
               AND state IN ('ready','busy','wrap_up','suspended','meeting','training')",
        )?;
        let mut left_at = conn.prepare_cached(
            "SELECT MAX(at) FROM state_events
             WHERE agent_id = ?1 AND at >= ?2 AND at <= ?3 AND state = 'signed_out'",
        )?;
        let mut rows = stmt.query(params![first.to_string(), last.to_string()])?;
        while let Some(r) = rows.next()? {
            let key: Key = (r.get(0)?, date(&r.get::<_, String>(1)?));
            let rule: String = r.get(2)?;
            let at: i64 = r.get(3)?;
            let Some(f) = facts.get_mut(&key) else {
                continue;
            };
            let Some((start, end)) = f.shift else {
                continue;
            };
            match rule.as_str() {
                "late_sign_in" => {
                    f.late_alert = true;
                    let came: Option<i64> =
                        first_at_work.query_row(params![key.0, at, to_ms(end)], |r| r.get(0))?;
                    f.first_at_work = came.map(from_ms);
                }
                "absent" => f.absent_alert = true,
                _ => {
                    f.early_leave_alert = true;
                    let left: Option<i64> =
                        left_at.query_row(params![key.0, to_ms(start), at], |r| r.get(0))?;
                    f.left_at = left.map(from_ms);
                }
            }
        }
        Ok(())
    }

    fn attendance_notices(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        facts: &mut BTreeMap<Key, DayFacts>,
    ) -> Result<()> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT agent_id, shift_date FROM notices
             WHERE shift_date BETWEEN ?1 AND ?2 AND before_start = 1",
        )?;
        let keys: HashSet<Key> = stmt
            .query_map(params![first.to_string(), last.to_string()], |r| {
                Ok((r.get(0)?, date(&r.get::<_, String>(1)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for key in keys {
            if let Some(f) = facts.get_mut(&key) {
                f.noticed_before_start = true;
            }
        }
        Ok(())
    }
}
