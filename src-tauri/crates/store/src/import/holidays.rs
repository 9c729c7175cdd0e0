//! Importing the holiday calendar: `date,kind,name` (or 日期,类型,名称).

use std::path::Path;

use floordesk_domain::calendar::HolidayKind;
use floordesk_domain::people::parse_date;

use super::{Columns, ImportIssue, Table, read_table};
use crate::holidays::Holiday;
use crate::{Actor, Result, Store, StoreError};
use floordesk_domain::ErrorCode;

fn parse(table: &Table) -> (Vec<Holiday>, Vec<ImportIssue>) {
    let columns = Columns::new(&table.headers);
    let date_col = columns.find(&["date", "日期"]);
    let kind_col = columns.find(&["kind", "类型"]);
    let name_col = columns.find(&["name", "名称"]);
    let mut errors = Vec::new();
    for (col, name) in [(date_col, "date/日期"), (kind_col, "kind/类型")] {
        if col.is_none() {
            errors.push(ImportIssue {
                row: 1,
                field: name.to_owned(),
                code: ErrorCode::ImportMissingColumn,
                message: format!("the header row has no {name} column"),
                value: String::new(),
            });
        }
    }
    let (Some(date_col), Some(kind_col)) = (date_col, kind_col) else {
        return (vec![], errors);
    };
    let mut holidays = Vec::new();
    for r in &table.rows {
        let raw_date = r.cell(Some(date_col.0));
        let raw_kind = r.cell(Some(kind_col.0));
        let date = parse_date(raw_date);
        let kind = HolidayKind::parse(raw_kind);
        if date.is_none() {
            errors.push(ImportIssue {
                row: r.row,
                field: date_col.1.to_owned(),
                code: ErrorCode::ImportBadDate,
                message: format!("'{raw_date}' is not a date like 2026-10-01"),
                value: raw_date.to_owned(),
            });
        }
        if kind.is_none() {
            errors.push(ImportIssue {
                row: r.row,
                field: kind_col.1.to_owned(),
                code: ErrorCode::ImportBadKind,
                message: format!("'{raw_kind}' is neither holiday nor workday"),
                value: raw_kind.to_owned(),
            });
        }
        if let (Some(date), Some(kind)) = (date, kind) {
            let name = r.cell(name_col.map(|c| c.0)).to_owned();
            holidays.push(Holiday { date, kind, name });
        }
    }
    (holidays, errors)
}

impl Store {
    /// Adds or replaces the file's dates, all or nothing; returns how many were written.
    pub fn import_holidays(&mut self, path: &Path, actor: Actor) -> Result<u32> {
        let file = path.display().to_string();
        let (holidays, errors) = parse(&read_table(path)?);
        if !errors.is_empty() {
            return Err(StoreError::Import {
                file,
                issues: errors,
            });
        }
        self.save_holidays(&holidays, actor)?;
        Ok(holidays.len() as u32)
    }

    /// The same from a table already read (the demo calendar is compiled in).
    pub fn import_holidays_table(
        &mut self,
        file: &str,
        table: &Table,
        actor: Actor,
    ) -> Result<u32> {
        let (holidays, errors) = parse(table);
        if !errors.is_empty() {
            return Err(StoreError::Import {
                file: file.to_owned(),
                issues: errors,
            });
        }
        self.save_holidays(&holidays, actor)?;
        Ok(holidays.len() as u32)
    }
}
