//! Spreadsheet exports. An agents export can be imported back unchanged.

use std::path::Path;

use floordesk_domain::Problem;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::{Result, Store};
use floordesk_domain::ErrorCode;

fn failed(path: &Path, e: XlsxError) -> Problem {
    Problem::new(
        ErrorCode::ExportFailed,
        format!("{}: cannot write the file: {e}", path.display()),
    )
    .with("path", path.display())
}

impl Store {
    /// Writes every agent (active first) to an .xlsx file with Chinese headers; returns how many.
    pub fn export_agents_xlsx(&self, path: &Path) -> Result<u32> {
        let agents = self.list_agents(true)?;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let err = |e| failed(path, e);
        sheet.set_name("人员").map_err(err)?;
        for (col, (title, width)) in [
            ("工号", 10),
            ("姓名", 12),
            ("班组", 14),
            ("职级", 8),
            ("台席", 8),
            ("入职日期", 12),
            ("状态", 8),
        ]
        .into_iter()
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
            if let Some(d) = a.hired_on {
                use chrono::Datelike;
                let cell = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                    .map_err(err)?;
                sheet
                    .write_datetime_with_format(row, 5, &cell, &date)
                    .map_err(err)?;
            }
            sheet
                .write_string(row, 6, if a.active { "在职" } else { "停用" })
                .map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        book.save(path).map_err(err)?;
        Ok(agents.len() as u32)
    }
}
