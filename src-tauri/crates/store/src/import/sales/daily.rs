//! Daily sales totals per agent: the same agent and date again replaces the stored row.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use floordesk_domain::ErrorCode;
use floordesk_domain::people::parse_date;
use rusqlite::{OptionalExtension, params};

use super::{Capped, EMPLOYEE_NO, SalesImportSummary, agent_ids, amount, present, required};
use crate::import::{Columns, Table, read_table};
use crate::{Actor, Result, Store, to_ms};

const DATE: &[&str] = &["date", "日期"];
const RECEPTIONS: &[&str] = &["receptions", "接待人数"];
const VALID_RECEPTIONS: &[&str] = &["valid_receptions", "有效接待"];
const SALES: &[&str] = &["sales", "销售额"];

impl Store {
    /// Daily totals per agent (`.csv` or `.xlsx`), all or nothing: a stored agent and date is
    /// replaced.
    pub fn import_sales(&mut self, path: &Path, actor: Actor) -> Result<SalesImportSummary> {
        let table = read_table(path)?;
        self.import_sales_table(&path.display().to_string(), &table, actor)
    }

    /// [`Store::import_sales`] of a table already read.
    pub fn import_sales_table(
        &mut self,
        file: &str,
        table: &Table,
        actor: Actor,
    ) -> Result<SalesImportSummary> {
        let days = self.check_sales(file, table)?;
        let imported_at = to_ms(actor.at);
        self.write(|tx| {
            let mut agents: Vec<i64> = days.iter().map(|d| d.agent).collect();
            agents.sort_unstable();
            agents.dedup();
            let mut summary = SalesImportSummary {
                rows: days.len() as u32,
                added: 0,
                replaced: 0,
                unchanged: 0,
                agents: agents.len() as u32,
                first_date: days.iter().map(|d| d.date).min(),
                last_date: days.iter().map(|d| d.date).max(),
            };
            let mut find = tx.prepare_cached(
                "SELECT receptions, valid_receptions, sales_fen FROM daily_sales
                 WHERE agent_id = ?1 AND date = ?2",
            )?;
            let mut upsert = tx.prepare_cached(
                "INSERT INTO daily_sales (agent_id, date, receptions, valid_receptions, sales_fen, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (agent_id, date) DO UPDATE SET receptions = excluded.receptions,
                     valid_receptions = excluded.valid_receptions, sales_fen = excluded.sales_fen,
                     imported_at = excluded.imported_at",
            )?;
            for d in &days {
                let date = d.date.to_string();
                let before: Option<(i64, i64, i64)> = find
                    .query_row(params![d.agent, date], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()?;
                match before {
                    Some(b) if b == (d.receptions, d.valid_receptions, d.sales_fen) => {
                        summary.unchanged += 1;
                        continue;
                    }
                    Some(_) => summary.replaced += 1,
                    None => summary.added += 1,
                }
                upsert.execute(params![
                    d.agent,
                    date,
                    d.receptions,
                    d.valid_receptions,
                    d.sales_fen,
                    imported_at
                ])?;
            }
            actor
                .audit(
                    "import",
                    "daily_sales",
                    None,
                    Some(format!(
                        "{file}: {} agent-days, {} added, {} replaced",
                        summary.rows, summary.added, summary.replaced
                    )),
                )
                .record(tx)?;
            Ok(summary)
        })
    }

    fn check_sales(&self, file: &str, table: &Table) -> Result<Vec<SalesDay>> {
        let columns = Columns::new(&table.headers);
        let names = [
            columns.find(EMPLOYEE_NO),
            columns.find(DATE),
            columns.find(RECEPTIONS),
            columns.find(VALID_RECEPTIONS),
            columns.find(SALES),
        ];
        let mut issues = Capped::default();
        let Some([no_i, date_i, rec_i, valid_i, sales_i]) = required(
            &mut issues,
            [
                (names[0], "employee_no/工号"),
                (names[1], "date/日期"),
                (names[2], "receptions/接待人数"),
                (names[3], "valid_receptions/有效接待"),
                (names[4], "sales/销售额"),
            ],
        ) else {
            return issues.check(file).map(|()| Vec::new());
        };
        let [no_f, date_f, rec_f, valid_f, sales_f] = names.map(|c| c.map_or("", |c| c.1));
        if table.rows.is_empty() {
            issues.add(
                1,
                "",
                ErrorCode::ImportEmpty,
                "the file has no data rows",
                "",
            );
        }
        let agents = agent_ids(self.conn())?;
        let mut seen: HashMap<(i64, NaiveDate), u32> = HashMap::new();
        let mut out = Vec::with_capacity(table.rows.len());
        for r in &table.rows {
            let row = r.row;
            let no = r.cell(Some(no_i));
            let agent = present(&mut issues, row, no_f, "工号", no).and_then(|no| {
                let agent = agents.get(no).copied();
                if agent.is_none() {
                    issues.add(
                        row,
                        no_f,
                        ErrorCode::ImportUnknownAgent,
                        format!("no agent has 工号 {no}"),
                        no,
                    );
                }
                agent
            });
            let raw_date = r.cell(Some(date_i));
            let date = present(&mut issues, row, date_f, "date", raw_date).and_then(|d| {
                let date = parse_date(d);
                if date.is_none() {
                    issues.add(
                        row,
                        date_f,
                        ErrorCode::ImportBadDate,
                        format!("'{d}' is not a date like 2026-11-03"),
                        d,
                    );
                }
                date
            });
            let mut count = |i: usize, field: &str, what: &str| {
                let v = r.cell(Some(i));
                present(&mut issues, row, field, what, v).and_then(|v| {
                    let n = v.parse::<u32>().ok();
                    if n.is_none() {
                        issues.add(
                            row,
                            field,
                            ErrorCode::ImportInvalidValue,
                            format!("the {what} is a whole number, 0 or more"),
                            v,
                        );
                    }
                    n.map(i64::from)
                })
            };
            let receptions = count(rec_i, rec_f, "number of receptions");
            let valid = count(valid_i, valid_f, "number of valid receptions");
            if let (Some(rec), Some(v)) = (receptions, valid)
                && v > rec
            {
                issues.add(
                    row,
                    valid_f,
                    ErrorCode::ImportInvalidValue,
                    format!("{v} valid receptions are more than the {rec} receptions"),
                    r.cell(Some(valid_i)),
                );
            }
            let sales_fen = amount(&mut issues, row, sales_f, r.cell(Some(sales_i)));
            if let (Some(agent), Some(date)) = (agent, date)
                && let Some(first) = seen.insert((agent, date), row)
            {
                issues.add(
                    row,
                    no_f,
                    ErrorCode::ImportDuplicateInFile,
                    format!("工号 {no} on {date} is already on row {first}"),
                    no,
                );
                seen.insert((agent, date), first);
            }
            if let (
                Some(agent),
                Some(date),
                Some(receptions),
                Some(valid_receptions),
                Some(sales_fen),
            ) = (agent, date, receptions, valid, sales_fen)
                && issues.is_empty()
            {
                out.push(SalesDay {
                    agent,
                    date,
                    receptions,
                    valid_receptions,
                    sales_fen,
                });
            }
        }
        issues.check(file)?;
        Ok(out)
    }
}

struct SalesDay {
    agent: i64,
    date: NaiveDate,
    receptions: i64,
    valid_receptions: i64,
    sales_fen: i64,
}
