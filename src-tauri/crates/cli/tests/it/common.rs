#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use floordesk_domain::handover::seal::{SealSignatureV1, ZERO_HASH, content_hash, signature_hash};
use floordesk_store::handover::seal::content;
use rusqlite::{Connection, params};

/// Runs `floordesk-cli --db DB ARGS…` as a script would, without FLOORDESK_DB leaking in.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_floordesk-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FLOORDESK_DB")
        .output()
        .unwrap()
}

pub fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../assets/demo")
        .join(name)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Asserts a run refused bad data: exit 2, and stderr names each of `expected` (row, field …).
pub fn refused(o: &Output, expected: &[&str]) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    let err = stderr(o);
    for e in expected {
        assert!(err.contains(e), "{e}: {err}");
    }
}

/// UTC ms of a Shanghai local time: "2026-11-23 16:04".
pub fn shanghai_ms(local: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(&format!("{}:00+08:00", local.replace(' ', "T")))
        .unwrap()
        .timestamp_millis()
}

/// [`signed_handover_log_with`] adding nothing before the signature.
pub fn signed_handover_log(db: &Path) {
    signed_handover_log_with(db, |_| {});
}

/// A site (Asia/Shanghai) with one team (售前一组, id 7), its 交接班长 user E91 (no agent), and a
/// handover log 17 of 2026-11-23 D (08:30–16:00) holding one note (item 1, 客户要求退款) with its
/// snapshot row; `before_signing` adds what else the seal should cover (a roll call …); then E91
/// signs the outgoing side alone at 16:04 (no incoming log) as sign-off seals it.
pub fn signed_handover_log_with(db: &Path, before_signing: impl FnOnce(&Connection)) {
    assert_eq!(
        cli(db, &["init", "--name", "校验中心"]).status.code(),
        Some(0)
    );
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO teams (id, name, created_at) VALUES (7, '售前一组', 0);
         INSERT INTO users (id, display_name, role, pin_hash, created_at, own_employee_no)
             VALUES (91, '交班班长', 'team_lead', 'x', 0, 'E91');
         INSERT INTO handover_logs (id, team_id, team_name, shift_date, shift_key, shift_name,
                 shift_start, shift_end, opened_at)
             VALUES (17, 7, '售前一组', '2026-11-23', 'D', '白班', {start}, {end}, 0);
         INSERT INTO handover_items (id, kind, origin_log_id, created_at) VALUES (1, 'note', 17, 0);
         INSERT INTO handover_item_events (id, item_id, log_id, at, kind, fields)
             VALUES (1, 1, 17, 0, 'created', '{{\"kind\":\"note\",\"text\":\"客户要求退款\"}}');
         INSERT INTO handover_log_items (log_id, item_id, kind, title, fields, status, shifts_open,
                 touched_by, not_handed_over, last_event_id)
             VALUES (17, 1, 'note', '客户要求退款', '{{\"kind\":\"note\",\"text\":\"客户要求退款\"}}', 'open', 1, '', 0, 1);",
        start = shanghai_ms("2026-11-23 08:30"),
        end = shanghai_ms("2026-11-23 16:00"),
    ))
    .unwrap();
    before_signing(&conn);
    let signed_at = shanghai_ms("2026-11-23 16:04");
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
        signed_at,
    };
    conn.execute(
        "INSERT INTO handover_signatures (log_id, side, mode, signer_user_id, signer_employee_no,
             signer_name, basis, signed_at, content_hash, prev_hash, hash)
         VALUES (17, 'outgoing', 'alone', 91, 'E91', '交班班长', 'team_lead', ?1, ?2, ?3, ?4)",
        params![
            signed_at,
            sealed,
            ZERO_HASH,
            signature_hash(ZERO_HASH, &sealed, &signature)
        ],
    )
    .unwrap();
}
