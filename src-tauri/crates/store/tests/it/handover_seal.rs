//! `verify` on a real file: a signed log whose seal holds is clean; a change made behind the
//! app's back (its trigger dropped first) is named, as are a missing trigger, a cut-off chain
//! and a signature the audit log remembers but the table lost.

use floordesk_domain::handover::seal::{SealSignatureV1, ZERO_HASH, content_hash, signature_hash};
use floordesk_store::Store;
use floordesk_store::handover::seal::content;
use rusqlite::{Connection, params};

use crate::handover_common::a_log;

/// Signs log 1 (outgoing, user 91) as sign-off would: the snapshot of its item, the seal over the
/// content as stored, the signature chained after `prev`, and the audit row.
fn sign_log(conn: &Connection, side: &str, user: i64, prev: &str) -> String {
    if side == "outgoing" {
        conn.execute(
            "INSERT INTO handover_log_items (log_id, item_id, kind, title, fields, status, shifts_open,
                 touched_by, not_handed_over, last_event_id)
             VALUES (1, 1, 'note', '客户要求退款', '{\"kind\":\"note\",\"text\":\"客户要求退款\"}', 'open', 1, '', 0, 1)",
            [],
        )
        .unwrap();
    }
    let sealed = content_hash(&content(conn, 1).unwrap().unwrap());
    let signature = SealSignatureV1 {
        log_id: 1,
        side: side.into(),
        mode: "face_to_face".into(),
        signer_employee_no: format!("E{user}"),
        signer_name: format!("班长{user}"),
        basis: "team_lead".into(),
        override_reason: None,
        override_by_employee_no: None,
        incoming_log_id: None,
        signed_at: 1_000 + user,
    };
    let hash = signature_hash(prev, &sealed, &signature);
    conn.execute(
        "INSERT INTO handover_signatures (log_id, side, mode, signer_user_id, signer_employee_no,
             signer_name, basis, signed_at, content_hash, prev_hash, hash)
         VALUES (1, ?1, 'face_to_face', ?2, ?3, ?4, 'team_lead', ?5, ?6, ?7, ?8)",
        params![
            side,
            user,
            signature.signer_employee_no,
            signature.signer_name,
            signature.signed_at,
            sealed,
            prev,
            hash
        ],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, entity, entity_id) VALUES (?1, ?2, 'sign', 'handover_signature', last_insert_rowid())",
        params![signature.signed_at, user],
    )
    .unwrap();
    hash
}

fn signed_both_sides(dir: &std::path::Path) -> Connection {
    let conn = a_log(dir);
    let first = sign_log(&conn, "outgoing", 91, ZERO_HASH);
    sign_log(&conn, "incoming", 92, &first);
    conn
}

fn problems(dir: &std::path::Path) -> Vec<String> {
    let store = Store::open(&dir.join("floor.sqlite")).unwrap();
    let report = store.verify().unwrap();
    assert!(report.integrity_ok);
    report.problems
}

fn label(conn: &Connection) -> String {
    let team: String = conn
        .query_row(
            "SELECT team_name FROM handover_logs WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    format!("handover_log 1 (2026-11-23 {team} D)")
}

#[test]
fn a_log_signed_as_sealed_verifies_clean() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_both_sides(dir.path()));
    let store = Store::open(&dir.path().join("floor.sqlite")).unwrap();
    let report = store.verify().unwrap();
    assert_eq!((report.signatures, report.addenda), (2, 0));
    assert!(report.is_clean(), "{:?}", report.problems);
}

#[test]
fn an_edit_behind_the_apps_back_is_named_with_the_missing_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let conn = signed_both_sides(dir.path());
    conn.execute_batch(
        "DROP TRIGGER handover_log_items_not_updated;
         UPDATE handover_log_items SET title = '客户不要退款了';",
    )
    .unwrap();
    // Both signatures cover the changed snapshot: one line for the log.
    assert_eq!(
        problems(dir.path()),
        [
            format!("{}: hash mismatch", label(&conn)),
            "trigger handover_log_items_not_updated: missing".to_owned(),
        ]
    );
}

#[test]
fn a_roll_call_or_timeline_changed_in_place_breaks_the_seal() {
    for (trigger, change) in [
        (
            "handover_roll_call_frozen_update",
            "UPDATE handover_roll_call SET status = 'absent'",
        ),
        (
            "handover_item_events_not_updated",
            "UPDATE handover_item_events SET fields = '{\"kind\":\"note\",\"text\":\"无事\"}'",
        ),
        (
            "handover_signatures_not_updated",
            "UPDATE handover_signatures SET signed_at = 5 WHERE side = 'incoming'",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let conn = signed_both_sides(dir.path());
        conn.execute_batch(&format!("DROP TRIGGER {trigger}; {change};"))
            .unwrap();
        let found = problems(dir.path());
        assert!(
            found.contains(&format!("{}: hash mismatch", label(&conn))),
            "{change}: {found:?}"
        );
        assert!(
            found.contains(&format!("trigger {trigger}: missing")),
            "{found:?}"
        );
    }
}

#[test]
fn a_lost_signature_is_remembered_by_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let conn = signed_both_sides(dir.path());
    conn.execute_batch(
        "DROP TRIGGER handover_signatures_not_deleted;
         DELETE FROM handover_signatures WHERE side = 'incoming';",
    )
    .unwrap();
    let found = problems(dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("handover_signature 2: missing (recorded at 1970-01-01T00:00:01.092"),
        "{found:?}"
    );
    assert_eq!(found[1], "trigger handover_signatures_not_deleted: missing");
}

#[test]
fn a_signature_rewritten_out_of_the_chain_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let conn = signed_both_sides(dir.path());
    // Re-hashed consistently on its own, but no longer after the first signature.
    let sealed: String = conn
        .query_row(
            "SELECT content_hash FROM handover_signatures WHERE id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let signature = SealSignatureV1 {
        log_id: 1,
        side: "incoming".into(),
        mode: "face_to_face".into(),
        signer_employee_no: "E92".into(),
        signer_name: "班长92".into(),
        basis: "team_lead".into(),
        override_reason: None,
        override_by_employee_no: None,
        incoming_log_id: None,
        signed_at: 1_092,
    };
    let hash = signature_hash(ZERO_HASH, &sealed, &signature);
    conn.execute_batch("DROP TRIGGER handover_signatures_not_updated;")
        .unwrap();
    conn.execute(
        "UPDATE handover_signatures SET prev_hash = ?1, hash = ?2 WHERE id = 2",
        params![ZERO_HASH, hash],
    )
    .unwrap();
    assert_eq!(
        problems(dir.path()),
        [
            format!(
                "{}: chain broken at signature 2 (previous is 1)",
                label(&conn)
            ),
            "trigger handover_signatures_not_updated: missing".to_owned(),
        ]
    );
}
