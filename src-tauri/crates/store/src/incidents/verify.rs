//! `verify`'s ledger part: recomputes every record's hash from the tables as they are now,
//! walks the chain, finds records the audit log remembers and the table no longer holds, and
//! checks the triggers that keep the ledger immutable.

use std::collections::BTreeSet;

use floordesk_domain::handover::seal::ZERO_HASH;
use floordesk_domain::incidents::seal::ledger_hash;
use rusqlite::Connection;

use super::seal;
use crate::Result;

pub const LEDGER_TRIGGERS: &[&str] = &[
    "incident_rule_versions_not_updated",
    "incident_rule_versions_not_deleted",
    "incidents_not_deleted",
    "incidents_frozen_once_decided",
    "ledger_records_chain",
    "ledger_records_not_updated",
    "ledger_records_not_deleted",
    "ledger_lines_only_on_the_newest",
    "ledger_lines_not_updated",
    "ledger_lines_not_deleted",
    "incident_acknowledgements_not_updated",
    "incident_acknowledgements_not_deleted",
    "ledger_publications_not_updated",
    "ledger_publications_not_deleted",
    "incident_appeals_decided_once",
    "incident_appeals_not_deleted",
    "fund_entries_not_updated",
    "fund_entries_not_deleted",
];

/// Checks the ledger; pushes one line per problem and returns how many records it checked.
pub(crate) fn verify_ledger(conn: &Connection, problems: &mut Vec<String>) -> Result<u32> {
    let records = seal::records(conn)?;
    let mut prev: Option<(i64, String)> = None;
    for r in &records {
        let label = seal::label(conn, r.id, r.incident_id)?;
        let recomputed = r.record.as_ref().map(|rec| ledger_hash(&r.prev_hash, rec));
        if recomputed.as_deref() != Some(r.hash.as_str()) {
            problems.push(format!("{label}: hash mismatch"));
        }
        let expected = prev.as_ref().map_or(ZERO_HASH, |(_, h)| h.as_str());
        if r.prev_hash != expected {
            let previous = prev
                .as_ref()
                .map_or_else(|| "none".to_owned(), |(id, _)| id.to_string());
            problems.push(format!("{label}: chain broken (previous is {previous})"));
        }
        prev = Some((r.id, r.hash.clone()));
    }
    let held: BTreeSet<i64> = records.iter().map(|r| r.id).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id, at FROM audit_log WHERE entity = 'ledger_record' AND entity_id IS NOT NULL ORDER BY id",
    )?;
    let audited = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, at) in audited {
        if !held.contains(&id) {
            let when = chrono::DateTime::from_timestamp_millis(at)
                .map_or_else(|| at.to_string(), |t| t.to_rfc3339());
            problems.push(format!(
                "ledger_record {id}: missing (recorded at {when} according to the audit log)"
            ));
        }
    }
    for name in LEDGER_TRIGGERS {
        let present: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !present {
            problems.push(format!("trigger {name}: missing"));
        }
    }
    Ok(records.len() as u32)
}
