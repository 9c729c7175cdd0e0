//! The handover record's schema on a real file (migration 8): a signed log, its roll call, seats,
//! snapshot and signatures refuse every change through raw SQL, whoever writes to the file; the
//! signatures form one chain; nobody signs both sides; and the search index finds Chinese text
//! inside words (the trigram tokenizer).

use rusqlite::{Connection, params};

use crate::handover_common::a_log;

const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn hex(c: char) -> String {
    std::iter::repeat_n(c, 64).collect()
}

fn sign(
    conn: &Connection,
    side: &str,
    user: i64,
    prev: &str,
    hash: &str,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO handover_signatures (log_id, side, mode, signer_user_id, signer_employee_no,
             signer_name, basis, signed_at, content_hash, prev_hash, hash)
         VALUES (1, ?1, 'face_to_face', ?2, ?3, ?4, 'team_lead', 5, ?5, ?6, ?7)",
        params![
            side,
            user,
            format!("E{user}"),
            format!("班长{user}"),
            hex('c'),
            prev,
            hash
        ],
    )
}

fn refused(result: rusqlite::Result<usize>, words: &str) {
    match result {
        Err(e) => assert!(
            e.to_string().contains(words),
            "expected “{words}”, got: {e}"
        ),
        Ok(n) => panic!("the change went through ({n} rows); expected “{words}”"),
    }
}

#[test]
fn an_open_log_changes_and_a_signed_one_refuses_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let conn = a_log(dir.path());
    // Open: the roll call is corrected freely.
    conn.execute(
        "UPDATE handover_roll_call SET status = 'late', late_min = 3",
        [],
    )
    .unwrap();

    sign(&conn, "outgoing", 91, ZERO, &hex('a')).unwrap();
    refused(
        conn.execute("UPDATE handover_logs SET team_name = '改过'", []),
        "handover log is signed",
    );
    refused(
        conn.execute("DELETE FROM handover_logs", []),
        "cannot be deleted",
    );
    refused(
        conn.execute("UPDATE handover_roll_call SET status = 'present'", []),
        "its roll call cannot be changed",
    );
    refused(
        conn.execute("DELETE FROM handover_roll_call", []),
        "its roll call cannot be changed",
    );
    refused(
        conn.execute(
            "INSERT INTO handover_roll_call (log_id, agent_id, employee_no, name, rostered, status, updated_at)
             SELECT 1, id, employee_no, name, 1, 'present', 0 FROM agents WHERE employee_no = '2002'",
            [],
        ),
        "its roll call cannot be changed",
    );
    refused(
        conn.execute(
            "INSERT INTO handover_seat_moves (log_id, agent_id, assigned_at)
             SELECT 1, id, 0 FROM agents WHERE employee_no = '2001'",
            [],
        ),
        "its seats cannot be changed",
    );
    refused(
        conn.execute(
            "INSERT INTO handover_items (kind, origin_log_id, created_at) VALUES ('note', 1, 0)",
            [],
        ),
        "add an addendum",
    );
    refused(
        conn.execute(
            "INSERT INTO handover_item_events (item_id, log_id, at, kind, text) VALUES (1, 1, 9, 'note', '补')",
            [],
        ),
        "add an addendum",
    );
    refused(
        conn.execute("UPDATE handover_item_events SET text = '改过'", []),
        "append-only",
    );
    refused(
        conn.execute("DELETE FROM handover_items", []),
        "cannot be deleted",
    );
    refused(
        conn.execute("UPDATE handover_signatures SET signed_at = 6", []),
        "cannot be changed",
    );
    refused(
        conn.execute("DELETE FROM handover_signatures", []),
        "cannot be deleted",
    );
    // The correction made while it was open is what stays.
    let status: String = conn
        .query_row("SELECT status FROM handover_roll_call", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "late");
}

#[test]
fn signatures_follow_one_chain_by_two_people_outgoing_first() {
    let dir = tempfile::tempdir().unwrap();
    let conn = a_log(dir.path());
    refused(
        sign(&conn, "incoming", 92, ZERO, &hex('a')),
        "the outgoing side signs first",
    );
    refused(
        sign(&conn, "outgoing", 91, &hex('9'), &hex('a')),
        "must follow the last one in the chain",
    );
    sign(&conn, "outgoing", 91, ZERO, &hex('a')).unwrap();
    refused(
        sign(&conn, "incoming", 91, &hex('a'), &hex('b')),
        "nobody signs both sides",
    );
    refused(
        sign(&conn, "incoming", 92, ZERO, &hex('b')),
        "must follow the last one in the chain",
    );
    sign(&conn, "incoming", 92, &hex('a'), &hex('b')).unwrap();
    // An addendum names the log's first signature and starts its own chain.
    let addendum = |seal: &str, prev: &str, hash: &str| {
        conn.execute(
            "INSERT INTO handover_addenda (log_id, author_employee_no, author_name, at, text, log_seal, prev_hash, hash)
             VALUES (1, 'E92', '接班班长', 7, '补充：客户已回电', ?1, ?2, ?3)",
            params![seal, prev, hash],
        )
    };
    refused(
        addendum(&hex('b'), ZERO, &hex('d')),
        "names its first signature",
    );
    addendum(&hex('a'), ZERO, &hex('d')).unwrap();
    refused(
        conn.execute("UPDATE handover_addenda SET text = '改过'", []),
        "cannot be changed",
    );
}

#[test]
fn a_closed_item_stays_closed_and_a_timeline_starts_with_created() {
    let dir = tempfile::tempdir().unwrap();
    let conn = a_log(dir.path());
    refused(
        conn.execute(
            "INSERT INTO handover_item_events (item_id, log_id, at, kind, fields) VALUES (1, 1, 2, 'created', '{}')",
            [],
        ),
        "starts with one created event",
    );
    conn.execute(
        "INSERT INTO handover_item_events (item_id, log_id, at, kind, text) VALUES (1, 1, 3, 'closed', '已退款')",
        [],
    )
    .unwrap();
    refused(
        conn.execute(
            "INSERT INTO handover_item_events (item_id, log_id, at, kind, text) VALUES (1, 1, 4, 'note', '又来电')",
            [],
        ),
        "stays closed",
    );
}

#[test]
fn the_search_index_finds_chinese_inside_words() {
    let dir = tempfile::tempdir().unwrap();
    let conn = a_log(dir.path());
    conn.execute(
        "INSERT INTO handover_fts (rowid, body, item_id, log_id) VALUES (1, '张女士 客户要求退款 订单 TB3920118842', 1, 1)",
        [],
    )
    .unwrap();
    let found = |q: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM handover_fts WHERE handover_fts MATCH ?1",
            [q],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(found("\"要求退款\""), 1);
    assert_eq!(found("\"3920118\""), 1);
    assert_eq!(found("\"要求退货\""), 0);
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'handover_fts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("trigram"));
}
