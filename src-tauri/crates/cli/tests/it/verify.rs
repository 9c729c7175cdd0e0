//! `floordesk-cli verify`: one line and exit 0 while every seal holds; exit 2 naming the log
//! whose signed record was changed by hand (its trigger dropped first).

use floordesk_domain::handover::seal::{SealSignatureV1, ZERO_HASH, content_hash, signature_hash};
use floordesk_store::handover::seal::content;
use rusqlite::{Connection, params};

use crate::common::{cli, stderr};

/// A site with one team, a handover log of 2026-11-23 D holding one note, signed by its
/// outgoing lead as sign-off seals it.
fn signed_log(db: &std::path::Path) {
    assert_eq!(
        cli(db, &["init", "--name", "校验中心"]).status.code(),
        Some(0)
    );
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(
        "INSERT INTO teams (id, name, created_at) VALUES (7, '售前一组', 0);
         INSERT INTO users (id, display_name, role, pin_hash, created_at, own_employee_no)
             VALUES (91, '交班班长', 'team_lead', 'x', 0, 'E91');
         INSERT INTO handover_logs (id, team_id, team_name, shift_date, shift_key, shift_name,
                 shift_start, shift_end, opened_at)
             VALUES (17, 7, '售前一组', '2026-11-23', 'D', '白班', 1, 2, 0);
         INSERT INTO handover_items (id, kind, origin_log_id, created_at) VALUES (1, 'note', 17, 0);
         INSERT INTO handover_item_events (id, item_id, log_id, at, kind, fields)
             VALUES (1, 1, 17, 0, 'created', '{\"kind\":\"note\",\"text\":\"客户要求退款\"}');
         INSERT INTO handover_log_items (log_id, item_id, kind, title, fields, status, shifts_open,
                 touched_by, not_handed_over, last_event_id)
             VALUES (17, 1, 'note', '客户要求退款', '{\"kind\":\"note\",\"text\":\"客户要求退款\"}', 'open', 1, '', 0, 1);",
    )
    .unwrap();
    let sealed = content_hash(&content(&conn, 17).unwrap().unwrap());
    let signature = SealSignatureV1 {
        log_id: 17,
        side: "outgoing".into(),
        mode: "alone".into(),
        signer_employee_no: "E91".into(),
        signer_name: "交班班长".into(),
        basis: "team_lead".into(),
        override_reason: None,
        override_by_employee_no: None,
        incoming_log_id: None,
        signed_at: 5,
    };
    conn.execute(
        "INSERT INTO handover_signatures (log_id, side, mode, signer_user_id, signer_employee_no,
             signer_name, basis, signed_at, content_hash, prev_hash, hash)
         VALUES (17, 'outgoing', 'alone', 91, 'E91', '交班班长', 'team_lead', 5, ?1, ?2, ?3)",
        params![
            sealed,
            ZERO_HASH,
            signature_hash(ZERO_HASH, &sealed, &signature)
        ],
    )
    .unwrap();
}

#[test]
fn verify_says_ok_while_the_seals_hold_and_exits_2_naming_a_changed_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("floor.sqlite");
    signed_log(&db);
    let ok = cli(&db, &["verify"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout).trim(),
        "verify: ok (1 handover signatures, 0 addenda, integrity ok)"
    );

    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER handover_item_events_not_updated;
             UPDATE handover_item_events SET fields = '{\"kind\":\"note\",\"text\":\"无事\"}';",
        )
        .unwrap();
    let broken = cli(&db, &["verify"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(broken.stdout.is_empty());
    assert_eq!(
        stderr(&broken).lines().collect::<Vec<_>>(),
        [
            "handover_log 17 (2026-11-23 售前一组 D): hash mismatch",
            "trigger handover_item_events_not_updated: missing",
        ]
    );
}
