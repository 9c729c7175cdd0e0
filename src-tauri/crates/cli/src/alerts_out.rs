//! Alerts as JSON Lines with exactly the fields `ts` (RFC 3339 in the site's offset), `agent`,
//! `rule`, `shift_date` (null outside a shift) and `detail`, in that order: scripts read them.

use std::io::Write;

use chrono_tz::Tz;
use floordesk_domain::floor::Alert;
use serde::Serialize;

#[derive(Serialize)]
struct AlertLine<'a> {
    ts: String,
    agent: &'a str,
    rule: &'a str,
    shift_date: Option<String>,
    detail: &'a str,
}

pub fn print_alerts(alerts: &[Alert], tz: Tz) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for a in alerts {
        let line = AlertLine {
            ts: a.at.with_timezone(&tz).to_rfc3339(),
            agent: &a.agent,
            rule: a.rule.as_str(),
            shift_date: a.shift_date.map(|d| d.to_string()),
            detail: &a.detail,
        };
        let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
    }
}
