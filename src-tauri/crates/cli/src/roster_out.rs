//! Roster violations as JSON Lines with exactly the fields each rule names, in this order:
//! `rule`, `employee_no`, `date`, then `from` and `to` (max_consecutive_work_days),
//! `rest_days` and `required` (min_rest_days), or `gap_h` (min_rest_between_shifts, hours to 2
//! decimals). Scripts read them.

use std::io::Write;

use floordesk_domain::roster::Violation;
use serde::Serialize;

#[derive(Serialize)]
struct ViolationLine<'a> {
    rule: &'a str,
    employee_no: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rest_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap_h: Option<f64>,
}

pub fn print_violations(violations: &[Violation]) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for v in violations {
        let line = ViolationLine {
            rule: v.rule.as_str(),
            employee_no: &v.employee_no,
            date: v.date.to_string(),
            from: v.from.map(|d| d.to_string()),
            to: v.to.map(|d| d.to_string()),
            rest_days: v.rest_days,
            required: v.required,
            gap_h: v
                .gap_minutes
                .map(|m| (m as f64 / 60.0 * 100.0).round() / 100.0),
        };
        let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
    }
}
