//! Importing shift assignments: `date,employee_no,start,end` (or 日期,工号,开始,结束), local
//! times in the site's time zone; an end at or before the start crosses midnight.

use std::path::Path;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use floordesk_domain::people::parse_date;
use floordesk_domain::roster::Cell;

use super::{Columns, Issues, read_table};
use crate::roster::CellInput;
use crate::shifts::local_span;
use crate::{Actor, Result, Store};
use floordesk_domain::ErrorCode;

impl Store {
    /// All or nothing; the rows of one agent and date make that date's roster cell (a template's
    /// code when the times match one, else the spans), replacing it and its shifts. A cell of a
    /// published month needs `reason` and is recorded as a change. Returns how many shifts the
    /// file holds.
    pub fn import_shifts(
        &mut self,
        path: &Path,
        reason: Option<&str>,
        actor: Actor,
    ) -> Result<u32> {
        let file = path.display().to_string();
        let table = read_table(path)?;
        let tz = self.require_site()?.tz();
        let cols = Columns::new(&table.headers);
        let date_col = cols.find(&["date", "日期"]);
        let no_col = cols.find(&["employee_no", "工号"]);
        let start_col = cols.find(&["start", "开始"]);
        let end_col = cols.find(&["end", "结束"]);
        let mut issues = Issues::default();
        issues.require(&[
            (date_col, "date"),
            (no_col, "employee_no"),
            (start_col, "start"),
            (end_col, "end"),
        ]);
        let mut shifts = Vec::new();
        if let (Some(d), Some(n), Some(s), Some(e)) = (date_col, no_col, start_col, end_col) {
            for r in &table.rows {
                let raw_date = r.cell(Some(d.0));
                let date = parse_date(raw_date);
                if date.is_none() {
                    issues.add(
                        r.row,
                        d.1,
                        ErrorCode::ImportBadDate,
                        format!("'{raw_date}' is not a date like 2026-11-23"),
                        raw_date,
                    );
                }
                let mut time = |c: (usize, &str)| {
                    let raw = r.cell(Some(c.0));
                    let t = NaiveTime::parse_from_str(raw, "%H:%M")
                        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
                        .ok();
                    if t.is_none() {
                        issues.add(
                            r.row,
                            c.1,
                            ErrorCode::ImportBadTime,
                            format!("'{raw}' is not a time like 08:30"),
                            raw,
                        );
                    }
                    t
                };
                let (start, end) = (time(s), time(e));
                let no = r.cell(Some(n.0));
                let agent = self.agent_by_employee_no(no)?;
                if agent.is_none() {
                    issues.add(
                        r.row,
                        n.1,
                        ErrorCode::ImportUnknownAgent,
                        format!("no agent has 工号 {no}"),
                        no,
                    );
                }
                if let (Some(date), Some(start), Some(end), Some(agent)) = (date, start, end, agent)
                {
                    match local_span(tz, date, start, end) {
                        Ok(_) => shifts.push((agent.employee_no, date, start, end)),
                        Err(e) => issues.add(
                            r.row,
                            s.1,
                            ErrorCode::ImportBadTime,
                            e.to_string(),
                            r.cell(Some(s.0)),
                        ),
                    }
                }
            }
        }
        issues.check(&file)?;
        let templates = self.shift_templates()?;
        let mut cells: BTreeMap<(String, NaiveDate), Vec<(NaiveTime, NaiveTime)>> = BTreeMap::new();
        for (no, date, start, end) in &shifts {
            cells
                .entry((no.clone(), *date))
                .or_default()
                .push((*start, *end));
        }
        let inputs: Vec<CellInput> = cells
            .into_iter()
            .map(|((employee_no, date), mut spans)| {
                spans.sort();
                let cell = match spans.as_slice() {
                    [(start, end)] => Cell::from_times(*start, *end, &templates),
                    _ => Cell::Spans(spans),
                };
                CellInput {
                    employee_no,
                    date,
                    cell: cell.text(),
                }
            })
            .collect();
        self.put_roster_cells(&inputs, reason, actor)?;
        Ok(shifts.len() as u32)
    }
}
