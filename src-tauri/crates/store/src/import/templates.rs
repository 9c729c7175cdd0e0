//! Importing shift templates: `code,name,start,end` and optional `night` (or 代码,名称,开始,
//! 结束,夜班); `night` accepts true/false/1/0/是/否. A code already known is updated.

use std::path::Path;

use chrono::NaiveTime;
use floordesk_domain::roster::{REST_CODES, ShiftTemplate};
use rusqlite::params;

use super::{Columns, Issues, parse_flag, read_table};
use crate::{Actor, Result, Store};
use floordesk_domain::ErrorCode;

/// Colours for templates a file adds, in turn (the grid tints cells by template).
const PALETTE: [&str; 6] = [
    "#fffbe6", "#e6fffb", "#fff0f6", "#f0f5ff", "#fcffe6", "#fff2e8",
];

impl Store {
    /// All or nothing. Returns how many templates the file held.
    pub fn import_shift_templates(&mut self, path: &Path, actor: Actor) -> Result<u32> {
        let file = path.display().to_string();
        let table = read_table(path)?;
        let cols = Columns::new(&table.headers);
        let code_col = cols.find(&["code", "代码"]);
        let name_col = cols.find(&["name", "名称"]);
        let start_col = cols.find(&["start", "开始"]);
        let end_col = cols.find(&["end", "结束"]);
        let night_col = cols.find(&["night", "夜班"]);
        let mut issues = Issues::default();
        issues.require(&[
            (code_col, "code/代码"),
            (name_col, "name/名称"),
            (start_col, "start/开始"),
            (end_col, "end/结束"),
        ]);
        let mut templates: Vec<ShiftTemplate> = Vec::new();
        if let (Some(c), Some(n), Some(s), Some(e)) = (code_col, name_col, start_col, end_col) {
            for r in &table.rows {
                let code = r.cell(Some(c.0)).trim();
                if code.is_empty() {
                    issues.add(
                        r.row,
                        c.1,
                        ErrorCode::ImportRequired,
                        "the code is empty",
                        "",
                    );
                } else if REST_CODES
                    .iter()
                    .any(|rest| rest.eq_ignore_ascii_case(code))
                    || code.contains(['-', '+'])
                {
                    issues.add(
                        r.row,
                        c.1,
                        ErrorCode::ImportInvalidValue,
                        format!(
                            "'{code}' cannot be a shift code (休, R, '-' and '+' mean other things in a cell)"
                        ),
                        code,
                    );
                } else if templates.iter().any(|t| t.code.eq_ignore_ascii_case(code)) {
                    issues.add(
                        r.row,
                        c.1,
                        ErrorCode::ImportDuplicateInFile,
                        format!("the code {code} is on an earlier row too"),
                        code,
                    );
                }
                let name = r.cell(Some(n.0)).trim();
                if name.is_empty() {
                    issues.add(
                        r.row,
                        n.1,
                        ErrorCode::ImportRequired,
                        "the name is empty",
                        "",
                    );
                }
                let mut time = |col: (usize, &str)| {
                    let raw = r.cell(Some(col.0)).trim();
                    let t = NaiveTime::parse_from_str(raw, "%H:%M").ok();
                    if t.is_none() {
                        issues.add(
                            r.row,
                            col.1,
                            ErrorCode::ImportBadTime,
                            format!("'{raw}' is not a time like 08:30"),
                            raw,
                        );
                    }
                    t
                };
                let (start, end) = (time(s), time(e));
                let raw_night = r.cell(night_col.map(|c| c.0));
                let night = parse_flag(raw_night);
                if night.is_none() {
                    issues.add(
                        r.row,
                        night_col.map_or("night", |c| c.1),
                        ErrorCode::ImportInvalidValue,
                        format!("'{raw_night}' is not one of true/false/1/0/是/否"),
                        raw_night,
                    );
                }
                if let (Some(start), Some(end), Some(night)) = (start, end, night)
                    && start != end
                {
                    let colour = PALETTE[templates.len() % PALETTE.len()];
                    let mut t = ShiftTemplate::new(code, name, (0, 0), (0, 0), night, colour);
                    t.start = start;
                    t.end = end;
                    t.paid_minutes = floordesk_domain::roster::span_minutes(start, end);
                    templates.push(t);
                }
            }
        }
        issues.check(&file)?;
        let count = templates.len() as u32;
        self.write(|tx| {
            let mut upsert = tx.prepare(
                "INSERT INTO shift_templates (code, name, start_time, end_time, night, paid_minutes, colour)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, start_time = excluded.start_time,
                     end_time = excluded.end_time, night = excluded.night,
                     paid_minutes = excluded.paid_minutes, active = 1",
            )?;
            for t in &templates {
                upsert.execute(params![
                    t.code,
                    t.name,
                    t.start.format("%H:%M").to_string(),
                    t.end.format("%H:%M").to_string(),
                    t.night,
                    t.paid_minutes,
                    t.colour
                ])?;
            }
            actor
                .audit("import", "shift_template", None, Some(format!("{file}: {count} templates")))
                .record(tx)
        })?;
        Ok(count)
    }
}
