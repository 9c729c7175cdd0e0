//! The month's ledger as an xlsx workbook: every line (voided ones marked, so the file shows
//! what the database keeps), the per-person sums, and the fund.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use floordesk_domain::incidents::LineKind;
use rust_xlsxwriter::{Format, Workbook};

use super::ledger::LedgerQuery;
use crate::export::failed;
use crate::{Result, Store};

const LINE_COLUMNS: [(&str, f64); 13] = [
    ("时间", 17.0),
    ("工号", 9.0),
    ("姓名", 10.0),
    ("班组", 12.0),
    ("规则代码", 22.0),
    ("规则", 22.0),
    ("次数", 6.0),
    ("处理", 12.0),
    ("类别", 8.0),
    ("金额（元）", 11.0),
    ("比例（%）", 9.0),
    ("连带于", 9.0),
    ("状态", 8.0),
];

const SUM_COLUMNS: [(&str, f64); 6] = [
    ("工号", 9.0),
    ("姓名", 10.0),
    ("班组", 12.0),
    ("罚款及扣款（元）", 15.0),
    ("奖励（元）", 11.0),
    ("赔偿（元）", 11.0),
];

fn kind_zh(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Penalty => "处罚",
        LineKind::Reward => "奖励",
        LineKind::Compensation => "赔偿",
    }
}

impl Store {
    /// Writes `month`'s ledger (one team's, or everyone's) to `path`; returns the lines written.
    pub fn export_ledger_xlsx(
        &self,
        month: &str,
        team_id: Option<i64>,
        path: &Path,
    ) -> Result<u32> {
        let lines = self.ledger_lines(&LedgerQuery {
            month: Some(month.to_owned()),
            team_id,
            employee_no: None,
            include_voided: true,
        })?;
        let fund = self.fund_statement(month)?;
        let tz = self.ledger_time_zone()?;
        let teams: HashMap<i64, String> = {
            let mut stmt = self.conn().prepare_cached("SELECT id, name FROM teams")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let team_of = |id: Option<i64>| id.and_then(|t| teams.get(&t)).cloned().unwrap_or_default();
        let err = |e| failed(path, e);
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("0.00");
        let struck = Format::new()
            .set_font_strikethrough()
            .set_font_color("#888888");
        let mut book = Workbook::new();

        let sheet = book.add_worksheet();
        sheet.set_name("奖惩台账").map_err(err)?;
        for (col, (title, width)) in LINE_COLUMNS.into_iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, title, &bold)
                .map_err(err)?;
            sheet.set_column_width(col as u16, width).map_err(err)?;
        }
        let mut sums: BTreeMap<String, (String, String, [i64; 3])> = BTreeMap::new();
        for (i, l) in lines.iter().enumerate() {
            let row = i as u32 + 1;
            let when = l.ts.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
            let texts = [
                (0, when),
                (1, l.employee_no.clone()),
                (2, l.name.clone()),
                (3, team_of(l.team_id)),
                (4, l.rule.clone()),
                (5, l.rule_name_zh.clone()),
                (7, l.line.action.label_zh().to_owned()),
                (8, kind_zh(l.line.kind).to_owned()),
                (11, l.co_penalty_of.clone().unwrap_or_default()),
                (12, if l.voided { "已作废" } else { "有效" }.to_owned()),
            ];
            for (col, text) in texts {
                if l.voided {
                    sheet
                        .write_string_with_format(row, col, &text, &struck)
                        .map_err(err)?;
                } else {
                    sheet.write_string(row, col, &text).map_err(err)?;
                }
            }
            if let Some(n) = l.offence_no {
                sheet.write_number(row, 6, f64::from(n)).map_err(err)?;
            }
            sheet
                .write_number_with_format(row, 9, l.line.amount_fen as f64 / 100.0, &money)
                .map_err(err)?;
            if let Some(p) = l.line.percent {
                sheet.write_number(row, 10, f64::from(p)).map_err(err)?;
            }
            if !l.voided {
                let entry = sums
                    .entry(l.employee_no.clone())
                    .or_insert_with(|| (l.name.clone(), team_of(l.team_id), [0; 3]));
                let slot = match l.line.kind {
                    LineKind::Penalty => 0,
                    LineKind::Reward => 1,
                    LineKind::Compensation => 2,
                };
                entry.2[slot] += l.line.amount_fen;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;

        let sheet = book.add_worksheet();
        sheet.set_name("个人汇总").map_err(err)?;
        for (col, (title, width)) in SUM_COLUMNS.into_iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, title, &bold)
                .map_err(err)?;
            sheet.set_column_width(col as u16, width).map_err(err)?;
        }
        let mut by_no: Vec<_> = sums.into_iter().collect();
        by_no.sort_by(|a, b| floordesk_domain::incidents::employee_no_order(&a.0, &b.0));
        for (i, (no, (name, team, fen))) in by_no.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, no).map_err(err)?;
            sheet.write_string(row, 1, name).map_err(err)?;
            sheet.write_string(row, 2, team).map_err(err)?;
            for (k, amount) in fen.iter().enumerate() {
                sheet
                    .write_number_with_format(row, 3 + k as u16, *amount as f64 / 100.0, &money)
                    .map_err(err)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;

        let sheet = book.add_worksheet();
        sheet.set_name("活动经费").map_err(err)?;
        sheet.set_column_width(0, 18.0).map_err(err)?;
        sheet.set_column_width(1, 12.0).map_err(err)?;
        sheet.set_column_width(2, 30.0).map_err(err)?;
        let figures = [
            ("期初余额", fund.opening_fen),
            ("罚款收入", fund.fines_in_fen),
            ("奖励支出", fund.rewards_out_fen),
            ("存入", fund.deposits_fen),
            ("支出", fund.payouts_fen),
            ("期末余额", fund.closing_fen),
        ];
        sheet
            .write_string_with_format(0, 0, format!("{month} 部门活动经费"), &bold)
            .map_err(err)?;
        for (i, (label, fen)) in figures.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, *label).map_err(err)?;
            sheet
                .write_number_with_format(row, 1, *fen as f64 / 100.0, &money)
                .map_err(err)?;
        }
        let start = figures.len() as u32 + 2;
        for (col, title) in ["时间", "金额（元）", "用途", "经办人"]
            .into_iter()
            .enumerate()
        {
            sheet
                .write_string_with_format(start, col as u16, title, &bold)
                .map_err(err)?;
        }
        for (i, e) in fund.entries.iter().enumerate() {
            let row = start + 1 + i as u32;
            let sign = match e.kind {
                super::FundEntryKind::Payout => -1.0,
                super::FundEntryKind::Deposit => 1.0,
            };
            sheet
                .write_string(
                    row,
                    0,
                    e.at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
                )
                .map_err(err)?;
            sheet
                .write_number_with_format(row, 1, sign * e.amount_fen as f64 / 100.0, &money)
                .map_err(err)?;
            sheet.write_string(row, 2, &e.note).map_err(err)?;
            sheet.write_string(row, 3, &e.by_name).map_err(err)?;
        }

        book.save(path).map_err(err)?;
        Ok(lines.len() as u32)
    }
}
