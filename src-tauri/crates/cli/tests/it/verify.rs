//! `floordesk-cli verify`: one line and exit 0 while every seal holds; exit 2 naming the log
//! whose signed record was changed by hand (its trigger dropped first).

use rusqlite::Connection;

use crate::common::{cli, signed_handover_log, stderr};

#[test]
fn verify_says_ok_while_the_seals_hold_and_exits_2_naming_a_changed_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("floor.sqlite");
    signed_handover_log(&db);
    let ok = cli(&db, &["verify"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout).trim(),
        "verify: ok (1 handover signatures, 0 addenda, 0 ledger records, integrity ok)"
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
