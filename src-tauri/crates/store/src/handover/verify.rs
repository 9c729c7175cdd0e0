//! `verify`: recomputes every seal from the tables as they are now and walks both chains, so a
//! change made to the file behind the app's back (the triggers dropped, a row edited or deleted)
//! shows. It reads only; each problem is one worded line.

use std::collections::BTreeSet;

use floordesk_domain::handover::seal::{ZERO_HASH, addendum_hash, content_hash, signature_hash};
use rusqlite::Connection;
use serde::Serialize;

use super::seal;
use crate::{Result, Store};

/// The triggers that keep handover records immutable: a missing one is reported.
pub const IMMUTABILITY_TRIGGERS: &[&str] = &[
    "handover_logs_not_updated_once_signed",
    "handover_logs_not_deleted",
    "handover_lead_designations_not_updated",
    "handover_lead_designations_not_deleted",
    "handover_roll_call_frozen_insert",
    "handover_roll_call_frozen_update",
    "handover_roll_call_frozen_delete",
    "handover_seat_moves_frozen_insert",
    "handover_seat_moves_not_updated",
    "handover_seat_moves_not_deleted",
    "handover_items_not_in_signed_log",
    "handover_items_not_updated",
    "handover_items_not_deleted",
    "handover_item_events_not_in_signed_log",
    "handover_item_events_created_first",
    "handover_item_events_not_after_close",
    "handover_item_events_not_updated",
    "handover_item_events_not_deleted",
    "handover_log_items_frozen_insert",
    "handover_log_items_not_updated",
    "handover_log_items_not_deleted",
    "handover_signatures_not_updated",
    "handover_signatures_not_deleted",
    "handover_signatures_chain",
    "handover_signatures_two_people",
    "handover_signatures_outgoing_first",
    "handover_addenda_not_updated",
    "handover_addenda_not_deleted",
    "handover_addenda_signed_log",
    "handover_addenda_chain",
];

/// What `verify` found: how many signatures and addenda it checked, and every problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct VerifyReport {
    pub signatures: u32,
    pub addenda: u32,
    /// Fines-ledger records checked (their hashes and their chain).
    pub ledger_records: u32,
    /// One line each, in the order found (none: the record is as it was signed).
    pub problems: Vec<String>,
    pub integrity_ok: bool,
}

impl VerifyReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.integrity_ok
    }
}

impl Store {
    /// Checks every signed handover log and addendum against its seal, both chains' links, the
    /// audit log's record of each signature and addendum, the immutability triggers, and
    /// SQLite's own integrity check.
    pub fn verify(&self) -> Result<VerifyReport> {
        verify(self.conn())
    }
}

fn verify(conn: &Connection) -> Result<VerifyReport> {
    let mut problems = Problems::default();
    let signatures = seal::signatures(conn)?;
    let mut prev: Option<(i64, String)> = None;
    for s in &signatures {
        let label = log_label(conn, s.signature.log_id)?;
        let recomputed = seal::content(conn, s.signature.log_id)?.map(|c| content_hash(&c));
        let hash = signature_hash(&s.prev_hash, &s.content_hash, &s.signature);
        if recomputed.as_deref() != Some(s.content_hash.as_str()) || hash != s.hash {
            problems.push(format!("{label}: hash mismatch"));
        }
        let expected = prev.as_ref().map_or(ZERO_HASH, |(_, h)| h.as_str());
        if s.prev_hash != expected {
            let previous = prev
                .as_ref()
                .map_or_else(|| "none".to_owned(), |(id, _)| id.to_string());
            problems.push(format!(
                "{label}: chain broken at signature {} (previous is {previous})",
                s.id
            ));
        }
        prev = Some((s.id, s.hash.clone()));
    }

    let addenda = seal::addenda(conn)?;
    let mut prev: Option<(i64, String)> = None;
    for a in &addenda {
        let label = format!(
            "handover_addendum {} ({})",
            a.id,
            log_label(conn, a.addendum.log_id)?
        );
        let first_seal = signatures
            .iter()
            .find(|s| s.signature.log_id == a.addendum.log_id)
            .map(|s| s.hash.as_str());
        if addendum_hash(&a.prev_hash, &a.log_seal, &a.addendum) != a.hash
            || first_seal != Some(a.log_seal.as_str())
        {
            problems.push(format!("{label}: hash mismatch"));
        }
        let expected = prev.as_ref().map_or(ZERO_HASH, |(_, h)| h.as_str());
        if a.prev_hash != expected {
            let previous = prev
                .as_ref()
                .map_or_else(|| "none".to_owned(), |(id, _)| id.to_string());
            problems.push(format!(
                "handover_addendum {}: chain broken (previous is {previous})",
                a.id
            ));
        }
        prev = Some((a.id, a.hash.clone()));
    }

    // A chain cannot show its own tail cut off; the audit log, written in the same
    // transaction, remembers every signature and addendum.
    let signed: BTreeSet<i64> = signatures.iter().map(|s| s.id).collect();
    let added: BTreeSet<i64> = addenda.iter().map(|a| a.id).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT entity, entity_id, at FROM audit_log
         WHERE entity IN ('handover_signature', 'handover_addendum') AND entity_id IS NOT NULL
         ORDER BY id",
    )?;
    let audited = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (entity, id, at) in audited {
        let known = if entity == "handover_signature" {
            signed.contains(&id)
        } else {
            added.contains(&id)
        };
        if !known {
            let when = chrono::DateTime::from_timestamp_millis(at)
                .map_or_else(|| at.to_string(), |t| t.to_rfc3339());
            problems.push(format!(
                "{entity} {id}: missing (recorded at {when} according to the audit log)"
            ));
        }
    }

    for name in IMMUTABILITY_TRIGGERS {
        let present: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !present {
            problems.push(format!("trigger {name}: missing"));
        }
    }

    let ledger_records = crate::incidents::verify::verify_ledger(conn, &mut problems.lines)?;

    let mut integrity_ok = true;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for line in lines {
        if line != "ok" {
            integrity_ok = false;
            problems.push(format!("integrity_check: {line}"));
        }
    }

    Ok(VerifyReport {
        signatures: signatures.len() as u32,
        addenda: addenda.len() as u32,
        ledger_records,
        problems: problems.lines,
        integrity_ok,
    })
}

/// `handover_log 17 (2026-11-23 售前一组 D)`, from the log row (or the bare id if it is gone).
fn log_label(conn: &Connection, log_id: i64) -> Result<String> {
    use rusqlite::OptionalExtension;
    let found: Option<(String, String, String)> = conn
        .prepare_cached("SELECT shift_date, team_name, shift_key FROM handover_logs WHERE id = ?1")?
        .query_row([log_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match found {
        Some((date, team, shift)) => format!("handover_log {log_id} ({date} {team} {shift})"),
        None => format!("handover_log {log_id} (missing)"),
    })
}

/// Lines in the order found, each once (a log whose two signatures both mismatch is one line).
#[derive(Default)]
struct Problems {
    seen: BTreeSet<String>,
    lines: Vec<String>,
}

impl Problems {
    fn push(&mut self, line: String) {
        if self.seen.insert(line.clone()) {
            self.lines.push(line);
        }
    }
}
