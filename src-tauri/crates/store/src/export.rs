//! Spreadsheet exports. An agents export can be imported back unchanged.

use std::path::Path;

use floordesk_domain::Problem;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::{Result, Store};
use floordesk_domain::ErrorCode;

pub(crate) fn failed(path: &Path, e: XlsxError) -> Problem {
    Problem::new(
        ErrorCode::ExportFailed,
        format!("{}: cannot write the file: {e}", path.display()),
    )
    .with("path", path.display())
}

impl Store {
    /// Writes every agent (active first) to an .xlsx file with Chinese headers, base pay
    /// included; returns how many.
    pub fn export_agents_xlsx(&self, path: &Path) -> Result<u32> {
        self.export_agents_xlsx_with(path, true)
    }

    /// [`Store::export_agents_xlsx`], with the 基本工资 column (yuan, two decimals; empty when
    /// none on record) only when `with_pay` (the operator may see pay). A file without the
    /// column imports back leaving everyone's base pay as it is.
    pub fn export_agents_xlsx_with(&self, path: &Path, with_pay: bool) -> Result<u32> {
        let agents = self.list_agents(true)?;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let yuan = Format::new().set_num_format("0.00");
        let err = |e| failed(path, e);
        sheet.set_name("人员").map_err(err)?;
        for (col, (title, width)) in [
            ("工号", 10),
            ("姓名", 12),
            ("班组", 14),
            ("职级", 8),
            ("台席", 8),
            ("入职日期", 12),
            ("离职日期", 12),
            ("状态", 8),
            ("基本工资", 12),
        ]
        .into_iter()
        .take(if with_pay { 9 } else { 8 })
        .enumerate()
        {
            sheet
                .write_string_with_format(0, col as u16, title, &bold)
                .map_err(err)?;
            sheet.set_column_width(col as u16, width).map_err(err)?;
        }
        for (i, a) in agents.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &a.employee_no).map_err(err)?;
            sheet.write_string(row, 1, &a.name).map_err(err)?;
            sheet.write_string(row, 2, &a.team_name).map_err(err)?;
            sheet
                .write_string(row, 3, a.level.label_zh())
                .map_err(err)?;
            if let Some(seat) = &a.seat_code {
                sheet.write_string(row, 4, seat).map_err(err)?;
            }
            for (col, day) in [(5, a.hired_on), (6, a.left_on)] {
                if let Some(d) = day {
                    use chrono::Datelike;
                    let cell =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(err)?;
                    sheet
                        .write_datetime_with_format(row, col, &cell, &date)
                        .map_err(err)?;
                }
            }
            sheet
                .write_string(row, 7, if a.active { "在职" } else { "停用" })
                .map_err(err)?;
            if with_pay && let Some(fen) = a.base_pay_fen {
                // A number (Excel can sum it) shown as 4500.00; fen / 100 is the double nearest
                // the yuan amount, so it reads back as the same fen.
                sheet
                    .write_number_with_format(row, 8, fen as f64 / 100.0, &yuan)
                    .map_err(err)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        book.save(path).map_err(err)?;
        Ok(agents.len() as u32)
    }
}

impl Store {
    /// A month's roster to .xlsx: the long form `日期,工号,姓名,班组,班次` (a rest day 休, spans
    /// as written), or with `grid` one row per agent (工号, 姓名, then a column per date). Both
    /// import back unchanged. Returns how many rows were written.
    pub fn export_roster_xlsx(&self, month: &str, grid: bool, path: &Path) -> Result<u32> {
        let (year, m) = crate::roster::parse_month(month).ok_or_else(|| {
            Problem::new(
                ErrorCode::UsageBadMonth,
                format!("'{month}' is not a month like 2026-11"),
            )
            .with("value", month)
        })?;
        let (first, last) = floordesk_domain::roster::month_days(year, m).unwrap_or_default();
        let agents: std::collections::HashMap<String, (String, String)> = self
            .list_agents(true)?
            .into_iter()
            .map(|a| (a.employee_no, (a.name, a.team_name)))
            .collect();
        let cells: Vec<_> = self
            .roster_cells(first, last)?
            .into_iter()
            .filter(|c| !c.cell.is_empty())
            .collect();
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let bold = Format::new().set_bold();
        let err = |e| failed(path, e);
        sheet.set_name(format!("排班 {month}")).map_err(err)?;
        let mut rows = 0;
        if grid {
            let days: Vec<chrono::NaiveDate> =
                first.iter_days().take_while(|d| *d <= last).collect();
            sheet
                .write_string_with_format(0, 0, "工号", &bold)
                .map_err(err)?;
            sheet
                .write_string_with_format(0, 1, "姓名", &bold)
                .map_err(err)?;
            for (i, d) in days.iter().enumerate() {
                sheet
                    .write_string_with_format(0, i as u16 + 2, d.to_string(), &bold)
                    .map_err(err)?;
            }
            let mut by_agent: std::collections::BTreeMap<&str, Vec<&crate::roster::RosterCell>> =
                std::collections::BTreeMap::new();
            for c in &cells {
                by_agent.entry(c.employee_no.as_str()).or_default().push(c);
            }
            for (no, row_cells) in by_agent {
                rows += 1;
                let name = agents.get(no).map_or("", |a| a.0.as_str());
                sheet.write_string(rows, 0, no).map_err(err)?;
                sheet.write_string(rows, 1, name).map_err(err)?;
                for c in row_cells {
                    let col = (c.date - first).num_days() as u16 + 2;
                    sheet.write_string(rows, col, &c.cell).map_err(err)?;
                }
            }
        } else {
            for (col, title) in ["日期", "工号", "姓名", "班组", "班次"]
                .into_iter()
                .enumerate()
            {
                sheet
                    .write_string_with_format(0, col as u16, title, &bold)
                    .map_err(err)?;
            }
            for c in &cells {
                rows += 1;
                let (name, team) = agents
                    .get(&c.employee_no)
                    .map_or(("", ""), |a| (a.0.as_str(), a.1.as_str()));
                for (col, text) in [
                    c.date.to_string().as_str(),
                    &c.employee_no,
                    name,
                    team,
                    &c.cell,
                ]
                .into_iter()
                .enumerate()
                {
                    sheet.write_string(rows, col as u16, text).map_err(err)?;
                }
            }
        }
        sheet
            .set_freeze_panes(1, if grid { 2 } else { 0 })
            .map_err(err)?;
        book.save(path).map_err(err)?;
        Ok(rows)
    }
}
