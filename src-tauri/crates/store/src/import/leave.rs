//! Importing leave already agreed: `employee_no,from,to,type,half_day` (工号,开始日期,结束日期,
//! 类型,半天); `type` is sick, personal, annual, in_lieu or other (病假, 事假, 年假, 调休, 其他);
//! `half_day` true/false/1/0/是/否 (empty: a whole day). Imported as approved.

use std::path::Path;

use floordesk_domain::people::parse_date;
use floordesk_domain::roster::LeaveKind;

use super::{Columns, Issues, parse_flag, read_table};
use crate::leave::LeaveInput;
use crate::{Actor, Result, Store};
use floordesk_domain::ErrorCode;

impl Store {
    /// All or nothing. Returns how many requests were written.
    pub fn import_leave(&mut self, path: &Path, actor: Actor) -> Result<u32> {
        let file = path.display().to_string();
        let table = read_table(path)?;
        let cols = Columns::new(&table.headers);
        let no_col = cols.find(&["employee_no", "工号"]);
        let from_col = cols.find(&["from", "开始日期"]);
        let to_col = cols.find(&["to", "结束日期"]);
        let kind_col = cols.find(&["type", "类型"]);
        let half_col = cols.find(&["half_day", "半天"]);
        let mut issues = Issues::default();
        issues.require(&[
            (no_col, "employee_no/工号"),
            (from_col, "from/开始日期"),
            (to_col, "to/结束日期"),
            (kind_col, "type/类型"),
        ]);
        let mut inputs = Vec::new();
        if let (Some(n), Some(f), Some(t), Some(k)) = (no_col, from_col, to_col, kind_col) {
            for r in &table.rows {
                let no = r.cell(Some(n.0)).trim();
                if self.agent_by_employee_no(no)?.is_none() {
                    issues.add(
                        r.row,
                        n.1,
                        ErrorCode::ImportUnknownAgent,
                        format!("no agent has 工号 {no}"),
                        no,
                    );
                }
                let mut date = |c: (usize, &str)| {
                    let raw = r.cell(Some(c.0));
                    let d = parse_date(raw);
                    if d.is_none() {
                        issues.add(
                            r.row,
                            c.1,
                            ErrorCode::ImportBadDate,
                            format!("'{raw}' is not a date like 2026-11-23"),
                            raw,
                        );
                    }
                    d
                };
                let (from, to) = (date(f), date(t));
                if let (Some(from), Some(to)) = (from, to)
                    && to < from
                {
                    issues.add(
                        r.row,
                        t.1,
                        ErrorCode::ImportBadDate,
                        format!("the leave ends ({to}) before it starts ({from})"),
                        &to.to_string(),
                    );
                }
                let raw_kind = r.cell(Some(k.0));
                let kind = LeaveKind::parse(raw_kind);
                if kind.is_none() {
                    issues.add(
                        r.row,
                        k.1,
                        ErrorCode::ImportBadKind,
                        format!(
                            "'{raw_kind}' is not sick, personal, annual, in_lieu or other (病假, 事假, 年假, 调休, 其他)"
                        ),
                        raw_kind,
                    );
                }
                let raw_half = r.cell(half_col.map(|c| c.0));
                let half_day = parse_flag(raw_half);
                if half_day.is_none() {
                    issues.add(
                        r.row,
                        half_col.map_or("half_day", |c| c.1),
                        ErrorCode::ImportInvalidValue,
                        format!("'{raw_half}' is not one of true/false/1/0/是/否"),
                        raw_half,
                    );
                }
                if let (Some(from), Some(to), Some(kind), Some(half_day)) =
                    (from, to, kind, half_day)
                    && from <= to
                {
                    inputs.push(LeaveInput {
                        employee_no: no.to_owned(),
                        from,
                        to,
                        kind,
                        half_day,
                        reason: None,
                        cover: None,
                    });
                }
            }
        }
        issues.check(&file)?;
        let count = inputs.len() as u32;
        self.write(|tx| {
            for input in &inputs {
                Store::insert_leave(tx, input, true, actor)?;
            }
            Ok(())
        })?;
        Ok(count)
    }
}
