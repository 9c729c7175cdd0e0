//! The ledger as JSON Lines, one per action, with exactly the fields `employee_no`, `rule`,
//! `offence_no` (null on an equipment split's lines), `action`, `kind` (penalty, reward or
//! compensation), `amount_fen` (never negative; 0 for warnings, self-reviews, reassignments,
//! dismissal proposals and pay percentages), `percent` (only on `pay_percent` lines), `ts` (the
//! incident's instant, RFC 3339 in the site's offset), `co_penalty_of` (the offender's 工号, only
//! on co-penalty lines, which carry the offender's offence_no and ts) and `voided` (true, only on
//! the lines of voided or replaced records, which `--all` prints), in that order: scripts read
//! them. Lines come in the ledger's order: by ts, offender, record and step, co-penalties after
//! the offender's.

use std::io::Write;

use chrono::SecondsFormat;
use chrono_tz::Tz;
use floordesk_domain::incidents::ActionCode;
use floordesk_store::incidents::LedgerLine;
use serde::Serialize;

#[derive(Serialize)]
struct LedgerLineOut<'a> {
    employee_no: &'a str,
    rule: &'a str,
    offence_no: Option<u32>,
    action: &'static str,
    kind: &'static str,
    amount_fen: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    percent: Option<u32>,
    ts: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    co_penalty_of: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    voided: bool,
}

impl<'a> LedgerLineOut<'a> {
    fn new(l: &'a LedgerLine, tz: Tz) -> Self {
        LedgerLineOut {
            employee_no: &l.employee_no,
            rule: &l.rule,
            offence_no: l.offence_no,
            action: l.line.action.as_str(),
            kind: l.line.kind.as_str(),
            amount_fen: l.line.amount_fen.max(0),
            percent: l
                .line
                .percent
                .filter(|_| l.line.action == ActionCode::PayPercent),
            ts: l
                .ts
                .with_timezone(&tz)
                .to_rfc3339_opts(SecondsFormat::AutoSi, false),
            co_penalty_of: l.co_penalty_of.as_deref(),
            voided: l.voided,
        }
    }
}

pub fn print_ledger(lines: &[LedgerLine], tz: Tz) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for l in lines {
        let line = LedgerLineOut::new(l, tz);
        let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
    }
}
