//! The month's inputs of computed items, per person, from the floor's own records: the judged
//! attendance (rosters part 2), floor-rule alerts by rule, confirmed incidents by category and
//! their fines, valid complaints, meeting and training attendance with test scores, and spot
//! checks (count, and their mean as a percentage of the form). The names
//! and their meaning are the domain's catalogue (`formula_inputs`); a person with no record of a
//! kind has 0 for it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use floordesk_domain::floor::RuleCode;
use floordesk_domain::incidents::Category;
use floordesk_domain::scores::{
    InputValues, ScoreMonth, alert_input, formula_inputs, incident_input,
};
use rusqlite::{Connection, params};

use crate::{Result, Store};

/// Inputs by person key.
pub(crate) type MonthInputs = HashMap<String, InputValues>;

fn add(out: &mut MonthInputs, person: String, name: &str, value: f64) {
    *out.entry(person)
        .or_insert_with(zeros)
        .entry(name.to_owned())
        .or_insert(0.0) += value;
}

/// Every input at 0.
fn zeros() -> InputValues {
    formula_inputs()
        .into_iter()
        .map(|i| (i.name, 0.0))
        .collect()
}

fn month_range(month: ScoreMonth) -> (String, String) {
    (month.first_day().to_string(), month.last_day().to_string())
}

fn alerts(conn: &Connection, month: ScoreMonth, out: &mut MonthInputs) -> Result<()> {
    let (first, last) = month_range(month);
    let mut stmt = conn.prepare_cached(
        "SELECT 'a' || agent_id, rule, count(*) FROM alerts
         WHERE shift_date BETWEEN ?1 AND ?2 GROUP BY agent_id, rule",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (person, rule, n) = row?;
        if let Some(rule) = RuleCode::parse(&rule) {
            add(out, person.clone(), &alert_input(rule), n as f64);
            add(out, person, "alerts_total", n as f64);
        }
    }
    Ok(())
}

fn incidents(conn: &Connection, month: ScoreMonth, out: &mut MonthInputs) -> Result<()> {
    let (first, last) = month_range(month);
    // Confirmed and never voided; the category is the rule version's the incident was judged by.
    let mut stmt = conn.prepare_cached(
        "SELECT i.person, json_extract(v.body, '$.category'), count(*) FROM incidents i
         JOIN incident_rule_versions v ON v.id = i.rule_version_id
         WHERE i.status = 'confirmed' AND i.person IS NOT NULL
           AND i.local_date BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM ledger_records r WHERE r.incident_id = i.id AND r.kind = 'void')
         GROUP BY i.person, 2",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (person, category, n) = row?;
        let Some(category) = Category::ALL.into_iter().find(|c| c.as_str() == category) else {
            continue;
        };
        add(out, person.clone(), &incident_input(category), n as f64);
        if category != Category::Rewards {
            add(out, person, "incidents_total", n as f64);
        }
    }
    // Fines on the person's own lines of the newest record of each standing incident.
    let mut stmt = conn.prepare_cached(
        "SELECT l.person, sum(l.amount_fen) FROM incidents i
         JOIN ledger_records r ON r.id = (SELECT max(id) FROM ledger_records WHERE incident_id = i.id)
         JOIN ledger_lines l ON l.record_id = r.id
         WHERE i.status = 'confirmed' AND r.kind <> 'void' AND l.action = 'fine'
           AND i.local_date BETWEEN ?1 AND ?2
         GROUP BY l.person",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (person, fen) = row?;
        add(out, person, "fines_yuan", fen as f64 / 100.0);
    }
    Ok(())
}

fn complaints(conn: &Connection, month: ScoreMonth, out: &mut MonthInputs) -> Result<()> {
    let (first, last) = month_range(month);
    let mut stmt = conn.prepare_cached(
        "SELECT person, count(*) FROM complaints
         WHERE valid = 1 AND person IS NOT NULL AND local_date BETWEEN ?1 AND ?2 GROUP BY person",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (person, n) = row?;
        add(out, person, "complaints_valid", n as f64);
    }
    Ok(())
}

fn meetings(conn: &Connection, month: ScoreMonth, out: &mut MonthInputs) -> Result<()> {
    let (first, last) = month_range(month);
    // Attendance taken only: until then nobody was present or absent.
    let mut stmt = conn.prepare_cached(
        "SELECT a.person,
                sum(a.attendance <> 'excused'),
                sum(a.attendance IN ('present', 'late')),
                sum(a.attendance = 'late'),
                sum(a.attendance = 'absent'),
                count(a.test_score),
                avg(a.test_score)
         FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
         WHERE m.taken_at IS NOT NULL AND m.local_date BETWEEN ?1 AND ?2
         GROUP BY a.person",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((
            r.get::<_, String>(0)?,
            [
                r.get::<_, i64>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ],
            r.get::<_, Option<f64>>(6)?,
        ))
    })?;
    for row in rows {
        let (person, counts, mean) = row?;
        for (name, n) in [
            "meetings_expected",
            "meetings_present",
            "meetings_late",
            "meetings_absent",
            "tests_taken",
        ]
        .into_iter()
        .zip(counts)
        {
            add(out, person.clone(), name, n as f64);
        }
        add(out, person, "test_mean", mean.unwrap_or(0.0));
    }
    Ok(())
}

impl Store {
    /// Every person's inputs for `month`, as the records stand at `at` (attendance is judged up
    /// to that day). People with no record have no entry: their inputs are all 0.
    pub(crate) fn month_inputs(&self, month: ScoreMonth, at: DateTime<Utc>) -> Result<MonthInputs> {
        let mut out = MonthInputs::new();
        let attendance = self.attendance(&month.to_string(), at)?;
        if !attendance.agents.is_empty() {
            let people: HashMap<String, String> = super::people::all_people(self.conn())?
                .into_iter()
                .map(|p| (p.employee_no, p.person))
                .collect();
            for a in attendance.agents {
                let Some(person) = people.get(&a.employee_no) else {
                    continue;
                };
                let s = &a.summary;
                let leave: i64 = s.leave_days.values().sum();
                for (name, n) in [
                    ("late_count", s.late_count),
                    ("late_minutes", s.late_minutes),
                    ("early_count", s.early_count),
                    ("early_minutes", s.early_minutes),
                    ("absences", s.absences),
                    ("noticed", s.noticed),
                    ("days_worked", s.days_worked),
                    ("leave_days", leave),
                ] {
                    add(&mut out, person.clone(), name, n as f64);
                }
            }
        }
        let conn = self.conn();
        alerts(conn, month, &mut out)?;
        incidents(conn, month, &mut out)?;
        complaints(conn, month, &mut out)?;
        meetings(conn, month, &mut out)?;
        for (person, (n, sum)) in super::spot_checks::month_tally(conn, month)? {
            add(&mut out, person.clone(), "spot_checks", n as f64);
            // Σ percent ÷ n, at 2 places.
            let mean = (sum / n as f64 * 100.0).round() / 100.0;
            add(&mut out, person, "spot_check_mean", mean);
        }
        Ok(out)
    }
}

/// One person's inputs: theirs, or all 0.
pub(crate) fn inputs_of(inputs: &MonthInputs, person: &str) -> InputValues {
    inputs.get(person).cloned().unwrap_or_else(zeros)
}
