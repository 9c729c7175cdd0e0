//! `handover export`: a date range of logs to xlsx, one row per item per log (issue 13 §12;
//! docs/design/handover.md §7.2). The rows are `handover show`'s reading of each log
//! (`Store::show_log`), so the sheet and the JSON never disagree. People are named by 工号
//! (§14.8).

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use rust_xlsxwriter::{Format, Workbook};

use super::record::{logs_between, site_tz};
use crate::{Result, Store};

/// The sheet's name.
pub const HANDOVER_SHEET: &str = "交接记录";

/// The header row, in column order.
pub const HANDOVER_COLUMNS: [&str; 11] = [
    "日期",
    "班组",
    "班次",
    "交班班长",
    "接班班长",
    "签字时间",
    "类型",
    "事项",
    "状态",
    "已开班次",
    "结果",
];

/// Column widths, by column.
const WIDTHS: [f64; 11] = [
    12.0, 14.0, 10.0, 10.0, 10.0, 17.0, 10.0, 48.0, 8.0, 10.0, 30.0,
];

use crate::export::failed;

impl Store {
    /// Writes the logs of shifts dated `from`–`to` (every team's; by date, team, shift start)
    /// to an .xlsx file with one sheet 交接记录: a row per item per log, under the header
    /// `日期,班组,班次,交班班长,接班班长,签字时间,类型,事项,状态,已开班次,结果`. A range with no
    /// items writes the header alone. Returns how many rows were written (the header not
    /// counted).
    pub fn export_handover_xlsx(&self, from: NaiveDate, to: NaiveDate, path: &Path) -> Result<u32> {
        let conn = self.conn();
        let tz = site_tz(conn)?;
        let mut logs = logs_between(conn, None, from, to)?;
        // logs_between is by start; the sheet is by date, team, then start (a stable sort).
        logs.sort_by(|a, b| (a.date, &a.team_name).cmp(&(b.date, &b.team_name)));

        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let bold = Format::new().set_bold();
        let err = |e| failed(path, e);
        sheet.set_name(HANDOVER_SHEET).map_err(err)?;
        for (col, (title, width)) in HANDOVER_COLUMNS.iter().zip(WIDTHS).enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *title, &bold)
                .map_err(err)?;
            sheet.set_column_width(col as u16, width).map_err(err)?;
        }
        let mut rows = 0u32;
        for log in &logs {
            let shown = self.show_log(log, tz)?;
            // The contract's instant is in the site's offset already: its local minute.
            let signed_at = shown
                .signed_at
                .as_deref()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string());
            let date = log.date.to_string();
            for item in &shown.items {
                rows += 1;
                let texts = [
                    Some(date.as_str()),
                    Some(log.team_name.as_str()),
                    Some(shown.shift.as_str()),
                    shown.outgoing_lead.as_deref(),
                    shown.incoming_lead.as_deref(),
                    signed_at.as_deref(),
                    Some(item.kind.label_zh()),
                    Some(item.title.as_str()),
                    Some(item.status.label_zh()),
                ];
                for (col, text) in texts.into_iter().enumerate() {
                    if let Some(text) = text {
                        sheet.write_string(rows, col as u16, text).map_err(err)?;
                    }
                }
                sheet
                    .write_number(rows, 9, f64::from(item.shifts_open))
                    .map_err(err)?;
                if let Some(outcome) = &item.outcome {
                    sheet.write_string(rows, 10, outcome).map_err(err)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        book.save(path).map_err(err)?;
        Ok(rows)
    }
}
