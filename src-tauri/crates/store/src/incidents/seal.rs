//! Reads the ledger back into the seal's canonical structs, for writing a record and for
//! `verify` (which recomputes every hash from the tables as they are now).

use floordesk_domain::incidents::seal::{SealIncidentV1, SealLineV1, SealRecordV1};
use rusqlite::{Connection, OptionalExtension};

use crate::Result;

pub(crate) fn incident(conn: &Connection, id: i64) -> Result<SealIncidentV1> {
    Ok(conn
        .prepare_cached(
            "SELECT id, ts, local_date, employee_no, team_id, rule_code, rule_version_id, severity, quantity,
                    item_code, item_price_fen, stated_fen, place, witness, note, alert_ref, recorded_at, recorded_by
             FROM incidents WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(SealIncidentV1 {
                id: r.get(0)?,
                ts: r.get(1)?,
                local_date: r.get(2)?,
                employee_no: r.get(3)?,
                team_id: r.get(4)?,
                rule_code: r.get(5)?,
                rule_version_id: r.get(6)?,
                severity: r.get(7)?,
                quantity: r.get(8)?,
                item_code: r.get(9)?,
                item_price_fen: r.get(10)?,
                stated_fen: r.get(11)?,
                place: r.get(12)?,
                witness: r.get(13)?,
                note: r.get(14)?,
                alert_ref: r.get(15)?,
                recorded_at: r.get(16)?,
                recorded_by: r.get(17)?,
            })
        })?)
}

/// A stored record with its chain fields; `record` is None when its incident is gone.
pub(crate) struct StoredRecord {
    pub id: i64,
    pub incident_id: i64,
    pub prev_hash: String,
    pub hash: String,
    pub record: Option<SealRecordV1>,
}

pub(crate) fn records(conn: &Connection) -> Result<Vec<StoredRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, incident_id, kind, offence_no, supersedes, reason, approved_by, approved_at, prev_hash, hash
         FROM ledger_records ORDER BY id",
    )?;
    let heads = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut lines_of = conn.prepare(
        "SELECT line_no, employee_no, name, action, kind, amount_fen, percent, offence_no, co_penalty_of
         FROM ledger_lines WHERE record_id = ?1 ORDER BY line_no",
    )?;
    let mut out = Vec::with_capacity(heads.len());
    for (
        id,
        incident_id,
        kind,
        offence_no,
        supersedes,
        reason,
        approved_by,
        approved_at,
        prev_hash,
        hash,
    ) in heads
    {
        let incident = match incident(conn, incident_id).map(Some) {
            Ok(found) => found,
            Err(crate::StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => None,
            Err(e) => return Err(e),
        };
        let lines = lines_of
            .query_map([id], |r| {
                Ok(SealLineV1 {
                    line_no: r.get(0)?,
                    employee_no: r.get(1)?,
                    name: r.get(2)?,
                    action: r.get(3)?,
                    kind: r.get(4)?,
                    amount_fen: r.get(5)?,
                    percent: r.get(6)?,
                    offence_no: r.get(7)?,
                    co_penalty_of: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(StoredRecord {
            id,
            incident_id,
            prev_hash,
            hash,
            record: incident.map(|incident| SealRecordV1 {
                id,
                kind,
                incident,
                offence_no,
                supersedes,
                reason,
                approved_by,
                approved_at,
                lines,
            }),
        });
    }
    Ok(out)
}

/// `ledger_record 42 (2026-11-03 4001 non_work_activity)`.
pub(crate) fn label(conn: &Connection, record_id: i64, incident_id: i64) -> Result<String> {
    let found: Option<(String, Option<String>, String)> = conn
        .prepare_cached("SELECT local_date, employee_no, rule_code FROM incidents WHERE id = ?1")?
        .query_row([incident_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match found {
        Some((date, no, rule)) => format!(
            "ledger_record {record_id} ({date} {} {rule})",
            no.as_deref().unwrap_or("-")
        ),
        None => format!("ledger_record {record_id} (incident {incident_id} missing)"),
    })
}
