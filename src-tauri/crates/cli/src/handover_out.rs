//! The JSON `handover show` prints (a public contract, docs/design/handover.md §7.1): a pretty
//! array (2-space indent) of the day's logs, `[]` when none. Each log has exactly the fields
//! `shift, status, outgoing_lead, incoming_lead, signed_at, roll_call, items, addenda` in that
//! order — the order of `floordesk_store::handover::show::ShowLog`'s fields, which tests pin.

use std::io::Write;

use floordesk_store::handover::show::ShowLog;

pub fn print_show(logs: &[ShowLog]) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let text = serde_json::to_string_pretty(logs).unwrap_or_else(|_| "[]".to_owned());
    let _ = writeln!(out, "{text}");
}
