//! What a signature covers, read back from the tables exactly as stored: the log row, its roll
//! call, its snapshot and the items' timelines up to the snapshot. Sign-off and `verify` both
//! build it here, so the two can never disagree about what a seal covers. Names and 工号 are
//! the copies the rows hold, never joined from tables that may change.

use floordesk_domain::handover::seal::{
    SealAddendumV1, SealContentV1, SealEventV1, SealItemV1, SealLogV1, SealRollCallV1,
    SealSignatureV1,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// The content of log `log_id` as sealed (`None`: no such log).
pub fn content(conn: &Connection, log_id: i64) -> Result<Option<SealContentV1>> {
    let log = conn
        .prepare_cached(
            "SELECT id, team_id, team_name, shift_date, shift_key, shift_name, shift_start,
                    shift_end, opened_at, opened_by_employee_no
             FROM handover_logs WHERE id = ?1",
        )?
        .query_row([log_id], |r| {
            Ok(SealLogV1 {
                id: r.get(0)?,
                team_id: r.get(1)?,
                team_name: r.get(2)?,
                shift_date: r.get(3)?,
                shift_key: r.get(4)?,
                shift_name: r.get(5)?,
                shift_start: r.get(6)?,
                shift_end: r.get(7)?,
                opened_at: r.get(8)?,
                opened_by_employee_no: r.get(9)?,
            })
        })
        .optional()?;
    let Some(log) = log else {
        return Ok(None);
    };
    let roll_call = conn
        .prepare_cached(
            "SELECT employee_no, name, rostered, status, late_min, notified, pending, arrived_at,
                    seat_code, note, corrected_at, corrected_by_employee_no
             FROM handover_roll_call WHERE log_id = ?1 ORDER BY employee_no",
        )?
        .query_map([log_id], |r| {
            Ok(SealRollCallV1 {
                employee_no: r.get(0)?,
                name: r.get(1)?,
                rostered: r.get(2)?,
                status: r.get(3)?,
                late_min: r.get(4)?,
                notified: r.get(5)?,
                pending: r.get(6)?,
                arrived_at: r.get(7)?,
                seat_code: r.get(8)?,
                note: r.get(9)?,
                corrected_at: r.get(10)?,
                corrected_by_employee_no: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let items = conn
        .prepare_cached(
            "SELECT s.item_id, i.kind, i.origin_log_id, i.author_employee_no, i.created_at,
                    s.title, s.fields, s.status, s.outcome, s.shifts_open, s.touched_by,
                    s.not_handed_over, s.last_event_id, s.carried_to_log_id
             FROM handover_log_items s JOIN handover_items i ON i.id = s.item_id
             WHERE s.log_id = ?1 ORDER BY s.item_id",
        )?
        .query_map([log_id], |r| {
            Ok(SealItemV1 {
                item_id: r.get(0)?,
                kind: r.get(1)?,
                origin_log_id: r.get(2)?,
                author_employee_no: r.get(3)?,
                created_at: r.get(4)?,
                title: r.get(5)?,
                fields: r.get(6)?,
                status: r.get(7)?,
                outcome: r.get(8)?,
                shifts_open: r.get(9)?,
                touched_by: r.get(10)?,
                not_handed_over: r.get(11)?,
                last_event_id: r.get(12)?,
                carried_to_log_id: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut events = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.item_id, e.log_id, e.at, e.by_employee_no, e.by_name, e.kind, e.side,
                e.text, e.fields, e.ref_event_id, e.from_log_id, e.to_team_name, e.not_handed_over
         FROM handover_item_events e WHERE e.item_id = ?1 AND e.id <= ?2 ORDER BY e.id",
    )?;
    for item in &items {
        let rows = stmt.query_map(params![item.item_id, item.last_event_id], |r| {
            Ok(SealEventV1 {
                id: r.get(0)?,
                item_id: r.get(1)?,
                log_id: r.get(2)?,
                at: r.get(3)?,
                by_employee_no: r.get(4)?,
                by_name: r.get(5)?,
                kind: r.get(6)?,
                side: r.get(7)?,
                text: r.get(8)?,
                fields: r.get(9)?,
                ref_event_id: r.get(10)?,
                from_log_id: r.get(11)?,
                to_team_name: r.get(12)?,
                not_handed_over: r.get(13)?,
            })
        })?;
        for row in rows {
            events.push(row?);
        }
    }
    events.sort_by_key(|e| e.id);
    Ok(Some(SealContentV1 {
        log,
        roll_call,
        items,
        events,
    }))
}

/// A signature row as stored: what its hash covers, and its three hashes.
#[derive(Debug, Clone)]
pub struct StoredSignature {
    pub id: i64,
    pub signature: SealSignatureV1,
    pub content_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Every signature, in chain order.
pub fn signatures(conn: &Connection) -> Result<Vec<StoredSignature>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, log_id, side, mode, signer_employee_no, signer_name, basis,
                    override_reason, override_by_employee_no, incoming_log_id, signed_at,
                    content_hash, prev_hash, hash
             FROM handover_signatures ORDER BY id",
        )?
        .query_map([], |r| {
            Ok(StoredSignature {
                id: r.get(0)?,
                signature: SealSignatureV1 {
                    log_id: r.get(1)?,
                    side: r.get(2)?,
                    mode: r.get(3)?,
                    signer_employee_no: r.get(4)?,
                    signer_name: r.get(5)?,
                    basis: r.get(6)?,
                    override_reason: r.get(7)?,
                    override_by_employee_no: r.get(8)?,
                    incoming_log_id: r.get(9)?,
                    signed_at: r.get(10)?,
                },
                content_hash: r.get(11)?,
                prev_hash: r.get(12)?,
                hash: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// An addendum row as stored.
#[derive(Debug, Clone)]
pub struct StoredAddendum {
    pub id: i64,
    pub addendum: SealAddendumV1,
    pub log_seal: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Every addendum, in chain order.
pub fn addenda(conn: &Connection) -> Result<Vec<StoredAddendum>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, log_id, author_employee_no, author_name, at, text, log_seal, prev_hash, hash
             FROM handover_addenda ORDER BY id",
        )?
        .query_map([], |r| {
            Ok(StoredAddendum {
                id: r.get(0)?,
                addendum: SealAddendumV1 {
                    log_id: r.get(1)?,
                    author_employee_no: r.get(2)?,
                    author_name: r.get(3)?,
                    at: r.get(4)?,
                    text: r.get(5)?,
                },
                log_seal: r.get(6)?,
                prev_hash: r.get(7)?,
                hash: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
