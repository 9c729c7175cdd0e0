//! Importing historical, closed complaints: `ts,employee_no,customer,channel,order_no,content,
//! valid,severity,cause` (时间,工号,客户,渠道,订单号,内容,有理,严重程度,原因), CSV (UTF-8 or GBK)
//! or xlsx.
//!
//! - `ts`: RFC 3339 with an offset, or `YYYY-MM-DD HH:MM` (seconds allowed) in site time.
//! - `employee_no`: the agent complained about; required when `valid`.
//! - `channel`: a channel code (`phone`, `chat`, `email`, `platform`, `letter`, `visit`,
//!   `other`) or its Chinese name (电话, 在线, 邮件, 平台, 信函, 来访, 其他).
//! - `valid`: true/false/1/0/是/否; `severity` 1–5, required when valid (ignored otherwise).
//! - `cause`: an active cause's code or Chinese name.
//!
//! All or nothing: every problem is named by row and column first; then, in one transaction,
//! each valid row books `valid_complaint` through the ladder like `incidents import` (confirmed
//! on a supervisor's authority, at the complaint's instant), and every row becomes a closed
//! complaint linked to its incident.

use std::path::Path;

use chrono::{DateTime, Utc};
use floordesk_domain::ErrorCode;
use floordesk_domain::limits::{WORKFLOW_FIELD_MAX_LEN, WORKFLOW_TEXT_MAX_LEN};
use serde::Serialize;

use super::incidents::parse_ts;
use super::{Columns, ImportIssue, Issues, Table, parse_flag, read_table};
use crate::audit::Audit;
use crate::complaints::{ClosedComplaint, ComplaintChannel, ComplaintSource, insert_closed};
use crate::incidents::{IncidentInput, IncidentSource, confirm_all_in, import_approver};
use crate::scores::people::{ScorePerson, person_by_employee_no};
use crate::{Actor, Result, Store, StoreError, to_ms};

const TS: &[&str] = &["ts", "时间"];
const EMPLOYEE_NO: &[&str] = &["employee_no", "工号"];
const CUSTOMER: &[&str] = &["customer", "客户"];
const CHANNEL: &[&str] = &["channel", "渠道"];
const ORDER_NO: &[&str] = &["order_no", "订单号"];
const CONTENT: &[&str] = &["content", "内容"];
const VALID: &[&str] = &["valid", "有理"];
const SEVERITY: &[&str] = &["severity", "严重程度"];
const CAUSE: &[&str] = &["cause", "原因"];

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ComplaintImportSummary {
    /// Closed complaints recorded (= data rows).
    pub complaints: u32,
    /// Of which valid: each booked `valid_complaint` in the ledger.
    pub valid: u32,
}

/// One checked row.
struct Checked {
    row: u32,
    received_at: DateTime<Utc>,
    person: Option<ScorePerson>,
    customer: String,
    channel: ComplaintChannel,
    order_no: Option<String>,
    content: String,
    valid: bool,
    severity: Option<u8>,
    cause: String,
}

impl Store {
    /// All or nothing. Returns how many complaints were recorded, and how many were valid.
    pub fn import_complaints(
        &mut self,
        path: &Path,
        actor: Actor,
    ) -> Result<ComplaintImportSummary> {
        let table = read_table(path)?;
        self.import_complaints_table(&path.display().to_string(), &table, actor)
    }

    /// [`Store::import_complaints`] of a table already read.
    pub fn import_complaints_table(
        &mut self,
        file: &str,
        table: &Table,
        actor: Actor,
    ) -> Result<ComplaintImportSummary> {
        let rows = self.check_complaint_rows(file, table)?;
        let approver = import_approver(self, actor)?;
        let valid: Vec<(usize, IncidentInput)> = rows
            .iter()
            .enumerate()
            .filter(|(_, c)| c.valid)
            .map(|(i, c)| {
                (
                    i,
                    IncidentInput {
                        ts: c.received_at,
                        employee_no: c.person.as_ref().map(|p| p.employee_no.clone()),
                        rule_code: "valid_complaint".into(),
                        severity: c.severity,
                        note: Some(format!("投诉导入：{}", c.customer)),
                        ..IncidentInput::default()
                    },
                )
            })
            .collect();
        let inputs: Vec<IncidentInput> = valid.iter().map(|v| v.1.clone()).collect();
        let columns = Columns::new(&table.headers);
        let ts_name = columns.find(TS).map_or("ts", |c| c.1).to_owned();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let written = confirm_all_in(&tx, &inputs, IncidentSource::Import, actor, approver)
            .map_err(|(i, e)| match (valid.get(i), &e) {
                (Some((row, _)), StoreError::Problem(p)) => StoreError::Import {
                    file: file.to_owned(),
                    issues: vec![ImportIssue {
                        row: rows[*row].row,
                        field: ts_name.clone(),
                        code: p.code,
                        message: p.message.clone(),
                        value: rows[*row].received_at.to_rfc3339(),
                    }],
                },
                _ => e,
            })?;
        let mut incident_of = vec![None; rows.len()];
        for ((row, _), (incident, _)) in valid.iter().zip(&written) {
            incident_of[*row] = Some(*incident);
        }
        for (c, incident) in rows.iter().zip(&incident_of) {
            insert_closed(
                &tx,
                &ClosedComplaint {
                    received_at: c.received_at,
                    person: c.person.as_ref(),
                    customer: &c.customer,
                    channel: c.channel,
                    order_no: c.order_no.as_deref(),
                    content: &c.content,
                    findings: None,
                    valid: c.valid,
                    severity: c.severity,
                    reply: None,
                    cause: &c.cause,
                    incident: *incident,
                },
                ComplaintSource::Import,
                actor.at,
            )?;
        }
        let at = to_ms(actor.at);
        Audit {
            at_ms: at,
            user_id: actor.user_id,
            action: "import",
            entity: "complaint",
            entity_id: None,
            detail: Some(format!("{file}: {} rows", rows.len())),
        }
        .record(&tx)?;
        tx.commit()?;
        Ok(ComplaintImportSummary {
            complaints: rows.len() as u32,
            valid: written.len() as u32,
        })
    }

    fn check_complaint_rows(&self, file: &str, table: &Table) -> Result<Vec<Checked>> {
        let columns = Columns::new(&table.headers);
        let col = |names: &[&str]| columns.find(names);
        let (ts, no, customer, channel, order_no, content, valid, severity, cause) = (
            col(TS),
            col(EMPLOYEE_NO),
            col(CUSTOMER),
            col(CHANNEL),
            col(ORDER_NO),
            col(CONTENT),
            col(VALID),
            col(SEVERITY),
            col(CAUSE),
        );
        let mut issues = Issues::default();
        issues.require(&[
            (ts, "ts/时间"),
            (no, "employee_no/工号"),
            (customer, "customer/客户"),
            (channel, "channel/渠道"),
            (content, "content/内容"),
            (valid, "valid/有理"),
            (severity, "severity/严重程度"),
            (cause, "cause/原因"),
        ]);
        let (
            Some(ts),
            Some(no),
            Some(customer),
            Some(channel),
            Some(content),
            Some(valid),
            Some(severity),
            Some(cause),
        ) = (ts, no, customer, channel, content, valid, severity, cause)
        else {
            issues.check(file)?;
            return Ok(Vec::new());
        };
        if table.rows.is_empty() {
            issues.add(
                1,
                "",
                ErrorCode::ImportEmpty,
                "the file has no data rows",
                "",
            );
        }
        let tz = crate::incidents::site_tz(self.conn())?;
        let causes = self.complaint_causes()?;
        let mut out = Vec::new();
        for r in &table.rows {
            let row = r.row;
            let before = issues.0.len();
            let cell = |c: (usize, &str)| r.cell(Some(c.0));
            let mut required = |c: (usize, &str), max: usize, what: &str| -> Option<String> {
                let v = cell(c);
                if v.is_empty() {
                    issues.add(
                        row,
                        c.1,
                        ErrorCode::ImportRequired,
                        format!("the {what} is missing"),
                        v,
                    );
                    None
                } else if v.chars().count() > max {
                    issues.add(
                        row,
                        c.1,
                        ErrorCode::ImportInvalidValue,
                        format!("the {what} is longer than {max} characters"),
                        v,
                    );
                    None
                } else {
                    Some(v.to_owned())
                }
            };
            let customer_v = required(customer, WORKFLOW_FIELD_MAX_LEN, "customer");
            let content_v = required(content, WORKFLOW_TEXT_MAX_LEN, "content");
            let raw_ts = cell(ts);
            let received = if raw_ts.is_empty() {
                issues.add(
                    row,
                    ts.1,
                    ErrorCode::ImportRequired,
                    "the time is missing",
                    raw_ts,
                );
                None
            } else {
                match parse_ts(raw_ts, tz) {
                    Ok(t) => Some(t),
                    Err(why) => {
                        issues.add(row, ts.1, ErrorCode::ImportBadTime, why, raw_ts);
                        None
                    }
                }
            };
            let raw_channel = cell(channel);
            let channel_v = ComplaintChannel::parse(raw_channel);
            if channel_v.is_none() {
                issues.add(
                    row,
                    channel.1,
                    if raw_channel.is_empty() {
                        ErrorCode::ImportRequired
                    } else {
                        ErrorCode::ImportInvalidValue
                    },
                    "the channel is one of phone, chat, email, platform, letter, visit, other (电话, 在线, 邮件, 平台, 信函, 来访, 其他)",
                    raw_channel,
                );
            }
            let raw_valid = cell(valid);
            let valid_v = if raw_valid.is_empty() {
                issues.add(
                    row,
                    valid.1,
                    ErrorCode::ImportRequired,
                    "say whether the complaint was valid (是/否)",
                    raw_valid,
                );
                None
            } else {
                let v = parse_flag(raw_valid);
                if v.is_none() {
                    issues.add(
                        row,
                        valid.1,
                        ErrorCode::ImportInvalidValue,
                        "valid is true/false/1/0/是/否",
                        raw_valid,
                    );
                }
                v
            };
            let raw_severity = cell(severity);
            let severity_v = match raw_severity.parse::<u8>() {
                Ok(s @ 1..=5) => Some(s),
                _ if raw_severity.is_empty() => None,
                _ => {
                    issues.add(
                        row,
                        severity.1,
                        ErrorCode::ImportInvalidValue,
                        "severity is a whole number from 1 to 5",
                        raw_severity,
                    );
                    None
                }
            };
            if valid_v == Some(true) && raw_severity.is_empty() {
                issues.add(
                    row,
                    severity.1,
                    ErrorCode::ImportRequired,
                    "a valid complaint needs its severity (1–5)",
                    raw_severity,
                );
            }
            let raw_no = cell(no);
            let person = if raw_no.is_empty() {
                if valid_v == Some(true) {
                    issues.add(
                        row,
                        no.1,
                        ErrorCode::ImportRequired,
                        "a valid complaint names the agent (工号)",
                        raw_no,
                    );
                }
                None
            } else {
                let p = person_by_employee_no(self.conn(), raw_no)?;
                if p.is_none() {
                    issues.add(
                        row,
                        no.1,
                        ErrorCode::ImportUnknownAgent,
                        format!("nobody has 工号 {raw_no}"),
                        raw_no,
                    );
                }
                p
            };
            let raw_cause = cell(cause);
            let cause_v = causes
                .iter()
                .filter(|c| c.active)
                .find(|c| c.code == raw_cause || c.name_zh == raw_cause)
                .map(|c| c.code.clone());
            if cause_v.is_none() {
                issues.add(
                    row,
                    cause.1,
                    if raw_cause.is_empty() {
                        ErrorCode::ImportRequired
                    } else {
                        ErrorCode::ComplaintsUnknownCause
                    },
                    format!(
                        "the cause is a code or a Chinese name of the cause list ({})",
                        causes
                            .iter()
                            .filter(|c| c.active)
                            .map(|c| format!("{} {}", c.code, c.name_zh))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    raw_cause,
                );
            }
            let order = order_no.map(cell).unwrap_or_default();
            if order.chars().count() > WORKFLOW_FIELD_MAX_LEN {
                issues.add(
                    row,
                    order_no.map_or("order_no", |c| c.1),
                    ErrorCode::ImportInvalidValue,
                    format!("the order number is longer than {WORKFLOW_FIELD_MAX_LEN} characters"),
                    order,
                );
            }
            if issues.0.len() == before
                && let (
                    Some(received_at),
                    Some(customer),
                    Some(content),
                    Some(channel),
                    Some(valid),
                    Some(cause),
                ) = (received, customer_v, content_v, channel_v, valid_v, cause_v)
            {
                out.push(Checked {
                    row,
                    received_at,
                    person,
                    customer,
                    channel,
                    order_no: (!order.is_empty()).then(|| order.to_owned()),
                    content,
                    valid,
                    severity: if valid { severity_v } else { None },
                    cause,
                });
            }
        }
        issues.check(file)?;
        Ok(out)
    }
}
