//! The pay sheet (工资表): per agent and month, base pay + commission + rewards − deductions
//! (fines and compensation from the ledger, `pay_percent` fines priced on base pay +
//! commission), checked against the legal cap; to xlsx, and each agent's slip.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use floordesk_domain::commission::{PayInputs, PayLine, pay_line};
use floordesk_domain::incidents::ActionCode;
use rusqlite::params;
use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;

use super::month::{CommissionRow, commission_month};
use crate::export::failed;
use crate::incidents::ledger::{LedgerLine, lines_in_force, month_bounds};
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PayRow {
    pub agent_id: i64,
    pub employee_no: String,
    pub name: String,
    pub team_name: Option<String>,
    /// The agent has a base pay on file (a missing one shows as 0 and is flagged).
    pub base_pay_set: bool,
    pub line: PayLine,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PaySheet {
    pub month: String,
    /// Commission coefficients are final only once the month's grades are published.
    pub grades_published: bool,
    pub rows: Vec<PayRow>,
    pub base_fen: i64,
    pub commission_fen: i64,
    pub rewards_fen: i64,
    pub deductions_fen: i64,
    pub net_fen: i64,
}

/// One agent's slip: the pay line, the commission behind it and the ledger's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PaySlip {
    pub month: String,
    pub grades_published: bool,
    pub row: PayRow,
    pub commission: Option<CommissionRow>,
    pub lines: Vec<LedgerLine>,
    pub cap_percent: i64,
}

/// What stands behind a pay line: the ledger's lines and the commission.
type Behind = (Booked, Option<CommissionRow>);

#[derive(Default)]
struct Booked {
    rewards_fen: i64,
    fines_fen: i64,
    pay_percents: Vec<u32>,
    lines: Vec<LedgerLine>,
}

struct Employed {
    agent_id: i64,
    employee_no: String,
    name: String,
    team_name: Option<String>,
    base: Option<i64>,
}

/// Every agent employed in the month (or with commission or ledger lines in it).
fn sheet(store: &Store, month: &str) -> Result<(PaySheet, HashMap<i64, Behind>, i64)> {
    let conn = store.conn();
    let (first, next) = month_bounds(month)?;
    let (first_s, next_s) = (first.to_string(), next.to_string());
    let commission = commission_month(conn, month)?;
    let cap_percent = crate::commission::rebuild::latest_policy(conn, "deduction_cap_percent")?;
    let mut booked: BTreeMap<String, Booked> = BTreeMap::new();
    for line in lines_in_force(conn, None, first, next)? {
        let b = booked.entry(line.employee_no.clone()).or_default();
        match line.line.action {
            ActionCode::Reward => b.rewards_fen += line.line.amount_fen,
            ActionCode::Fine | ActionCode::Compensation => b.fines_fen += line.line.amount_fen,
            ActionCode::PayPercent => b.pay_percents.push(line.line.percent.unwrap_or(0)),
            _ => {}
        }
        b.lines.push(line);
    }
    let mut by_agent: HashMap<i64, CommissionRow> = commission
        .rows
        .into_iter()
        .map(|r| (r.agent_id, r))
        .collect();
    let agents: Vec<Employed> = conn
        .prepare_cached(
            "SELECT a.id, a.employee_no, a.name, t.name, a.base_pay_fen FROM agents a
             LEFT JOIN teams t ON t.id = a.team_id
             WHERE (coalesce(a.hired_on, '') < ?2 AND (a.left_on IS NULL OR a.left_on >= ?1) AND a.active = 1)
                OR a.id IN (SELECT agent_id FROM receptions WHERE local_date >= ?1 AND local_date < ?2)
                OR a.id IN (SELECT agent_id FROM daily_sales WHERE date >= ?1 AND date < ?2)
             ORDER BY a.employee_no",
        )?
        .query_map(params![first_s, next_s], |r| {
            Ok(Employed {
                agent_id: r.get(0)?,
                employee_no: r.get(1)?,
                name: r.get(2)?,
                team_name: r.get(3)?,
                base: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut extra = HashMap::new();
    let mut rows = Vec::new();
    for Employed {
        agent_id,
        employee_no,
        name,
        team_name,
        base,
    } in agents
    {
        let b = booked.remove(&employee_no).unwrap_or_default();
        let c = by_agent.remove(&agent_id);
        let line = pay_line(&PayInputs {
            base_fen: base.unwrap_or(0),
            commission_fen: c.as_ref().map_or(0, |c| c.commission_fen),
            rewards_fen: b.rewards_fen,
            fines_fen: b.fines_fen,
            pay_percents: b.pay_percents.clone(),
            cap_percent,
        });
        rows.push(PayRow {
            agent_id,
            employee_no,
            name,
            team_name,
            base_pay_set: base.is_some(),
            line,
        });
        extra.insert(agent_id, (b, c));
    }
    let sum = |f: fn(&PayLine) -> i64| rows.iter().map(|r| f(&r.line)).sum::<i64>();
    let sheet = PaySheet {
        month: month.to_owned(),
        grades_published: commission.grades_published,
        base_fen: sum(|l| l.base_fen),
        commission_fen: sum(|l| l.commission_fen),
        rewards_fen: sum(|l| l.rewards_fen),
        deductions_fen: sum(|l| l.deductions_fen),
        net_fen: sum(|l| l.net_fen),
        rows,
    };
    Ok((sheet, extra, cap_percent))
}

/// The xlsx's columns, a public contract.
const COLUMNS: [(&str, f64); 8] = [
    ("工号", 10.0),
    ("姓名", 10.0),
    ("班组", 12.0),
    ("基本工资", 12.0),
    ("提成", 12.0),
    ("奖励", 10.0),
    ("罚款", 10.0),
    ("应发", 12.0),
];

fn yuan(fen: i64) -> f64 {
    fen as f64 / 100.0
}

impl Store {
    pub fn pay_sheet(&self, month: &str) -> Result<PaySheet> {
        Ok(sheet(self, month)?.0)
    }

    /// One agent's slip.
    pub fn pay_slip(&self, employee_no: &str, month: &str) -> Result<PaySlip> {
        let (sheet, mut extra, cap_percent) = sheet(self, month)?;
        let row = sheet
            .rows
            .into_iter()
            .find(|r| r.employee_no == employee_no.trim())
            .ok_or_else(|| crate::scores::people::unknown_person(employee_no))?;
        let (booked, commission) = extra.remove(&row.agent_id).unwrap_or_default();
        Ok(PaySlip {
            month: month.to_owned(),
            grades_published: sheet.grades_published,
            row,
            commission,
            lines: booked.lines,
            cap_percent,
        })
    }

    /// Writes the month's pay sheet (工号,姓名,班组,基本工资,提成,奖励,罚款,应发, in yuan) to
    /// `path`; returns the number of agents.
    pub fn export_pay_sheet(&self, month: &str, path: &Path) -> Result<u32> {
        let sheet = self.pay_sheet(month)?;
        let err = |e| failed(path, e);
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("0.00");
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(format!("工资表 {month}")).map_err(err)?;
        for (col, (title, width)) in COLUMNS.into_iter().enumerate() {
            ws.write_string_with_format(0, col as u16, title, &bold)
                .map_err(err)?;
            ws.set_column_width(col as u16, width).map_err(err)?;
        }
        for (i, r) in sheet.rows.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_string(row, 0, &r.employee_no).map_err(err)?;
            ws.write_string(row, 1, &r.name).map_err(err)?;
            ws.write_string(row, 2, r.team_name.as_deref().unwrap_or(""))
                .map_err(err)?;
            let l = &r.line;
            for (col, fen) in [
                (3, l.base_fen),
                (4, l.commission_fen),
                (5, l.rewards_fen),
                (6, l.deductions_fen),
                (7, l.net_fen),
            ] {
                ws.write_number_with_format(row, col, yuan(fen), &money)
                    .map_err(err)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        book.save(path).map_err(err)?;
        Ok(sheet.rows.len() as u32)
    }
}
