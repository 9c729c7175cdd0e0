//! Importing a roster: the long form `date,employee_no,shift` (日期,工号,班次), or the grid form
//! people keep in Excel: 工号, optional 姓名, then one column per day headed `2026-11-01`, or
//! `1`–`31` with a month given. `休` or `R` is a rest day; an empty cell clears the cell.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use floordesk_domain::people::parse_date;
use floordesk_domain::roster::{Cell, month_days};

use super::{Columns, Issues, read_table};
use crate::roster::CellInput;
use crate::{Actor, Result, Store};
use floordesk_domain::ErrorCode;

impl Store {
    /// All or nothing; cells of a published month need `reason` and are recorded as changes.
    /// `month` (`(year, month)`) reads grid columns headed 1–31. Returns how many cells the file
    /// held.
    pub fn import_roster(
        &mut self,
        path: &Path,
        month: Option<(i32, u32)>,
        reason: Option<&str>,
        actor: Actor,
    ) -> Result<u32> {
        let file = path.display().to_string();
        let table = read_table(path)?;
        let templates = self.shift_templates()?;
        let cols = Columns::new(&table.headers);
        let no_col = cols.find(&["employee_no", "工号"]);
        let date_col = cols.find(&["date", "日期"]);
        let shift_col = cols.find(&["shift", "班次"]);
        let name_col = cols.find(&["name", "姓名"]);
        let mut issues = Issues::default();
        let Some(no_col) = no_col else {
            issues.require(&[(no_col, "employee_no/工号")]);
            return issues.check(&file).map(|()| 0);
        };
        // (row, column header, 工号, date, cell text)
        let mut raw: Vec<(u32, String, String, NaiveDate, String)> = Vec::new();
        if let (Some(date_col), Some(shift_col)) = (date_col, shift_col) {
            for r in &table.rows {
                let text = r.cell(Some(date_col.0));
                match parse_date(text) {
                    Some(date) => raw.push((
                        r.row,
                        shift_col.1.to_owned(),
                        r.cell(Some(no_col.0)).trim().to_owned(),
                        date,
                        r.cell(Some(shift_col.0)).to_owned(),
                    )),
                    None => issues.add(
                        r.row,
                        date_col.1,
                        ErrorCode::ImportBadDate,
                        format!("'{text}' is not a date like 2026-11-01"),
                        text,
                    ),
                }
            }
        } else {
            let days = month.and_then(|(y, m)| month_days(y, m));
            let mut day_cols = Vec::new();
            for (i, header) in table.headers.iter().enumerate() {
                if i == no_col.0 || name_col.is_some_and(|c| c.0 == i) || header.trim().is_empty() {
                    continue;
                }
                let h = header.trim();
                let date = parse_date(h).or_else(|| {
                    let (first, last) = days?;
                    let day: u32 = h.parse().ok()?;
                    first.with_day0(day.checked_sub(1)?).filter(|d| *d <= last)
                });
                match date {
                    Some(date) => day_cols.push((i, h.to_owned(), date)),
                    None => issues.add(
                        1,
                        h,
                        ErrorCode::ImportBadDate,
                        format!(
                            "the column '{h}' is not a date like 2026-11-01 (or a day 1–31 with --month)"
                        ),
                        h,
                    ),
                }
            }
            for r in &table.rows {
                let no = r.cell(Some(no_col.0)).trim().to_owned();
                for (i, header, date) in &day_cols {
                    raw.push((
                        r.row,
                        header.clone(),
                        no.clone(),
                        *date,
                        r.cell(Some(*i)).to_owned(),
                    ));
                }
            }
        }
        let mut cells = Vec::with_capacity(raw.len());
        let mut known: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
        for (row, field, no, date, text) in raw {
            let exists = match known.get(&no) {
                Some(exists) => *exists,
                None => {
                    let exists = self.agent_by_employee_no(&no)?.is_some();
                    known.insert(no.clone(), exists);
                    if !exists {
                        issues.add(
                            row,
                            no_col.1,
                            ErrorCode::ImportUnknownAgent,
                            format!("no agent has 工号 {no}"),
                            &no,
                        );
                    }
                    exists
                }
            };
            match Cell::parse(&text, &templates) {
                Ok(cell) if exists => cells.push(CellInput {
                    employee_no: no,
                    date,
                    cell: cell.text(),
                }),
                Ok(_) => {}
                Err(_) => issues.add(
                    row,
                    &field,
                    ErrorCode::RosterBadCell,
                    format!(
                        "'{}' is not a shift code, 休/R, or spans like 09:00-12:00+14:00-18:00",
                        text.trim()
                    ),
                    text.trim(),
                ),
            }
        }
        issues.check(&file)?;
        let count = cells.len() as u32;
        self.put_roster_cells(&cells, reason, actor)?;
        Ok(count)
    }
}
