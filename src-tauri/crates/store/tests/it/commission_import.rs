//! Issue 18's three imports (chat log, orders, daily sales) against a real file: both header
//! languages, GBK, site-time and RFC 3339 instants, problems named by row and column with
//! nothing written, counted duplicates on re-import, order and daily-total replacement, and the
//! schema's CHECKs.

use std::path::Path;

use floordesk_store::import::ImportIssue;
use floordesk_store::import::sales::MAX_ISSUES;
use floordesk_store::{Store, StoreError};
use rusqlite::Connection;

use crate::common::{actor, demo_asset, fresh, write};

/// A site (Asia/Shanghai) with agents-import.csv's agents 2001–2010.
fn site(dir: &Path) -> Store {
    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    store
}

fn db(store: &Store) -> Connection {
    Connection::open(store.path().unwrap()).unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    db(store).query_row(sql, [], |r| r.get(0)).unwrap()
}

fn issues_of(err: StoreError) -> Vec<ImportIssue> {
    match err {
        StoreError::Import { issues, .. } => issues,
        other => panic!("expected row problems, got {other:?}"),
    }
}

/// Each `(row, field, code)` is among `issues`.
fn has_issues(issues: &[ImportIssue], expected: &[(u32, &str, &str)]) {
    for (row, field, code) in expected {
        assert!(
            issues
                .iter()
                .any(|i| i.row == *row && i.field == *field && i.code.as_str() == *code),
            "({row}, {field}, {code}) not in {issues:#?}"
        );
    }
}

/// UTC ms of an RFC 3339 instant.
fn ms(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .timestamp_millis()
}

/// Every stored message as (ts, buyer name, 工号, sender), in order.
fn messages(store: &Store) -> Vec<(i64, String, String, String)> {
    let conn = db(store);
    let mut stmt = conn
        .prepare(
            "SELECT m.ts, b.name, a.employee_no, m.sender FROM chat_messages m
             JOIN buyers b ON b.id = m.buyer_id JOIN agents a ON a.id = m.agent_id
             ORDER BY m.ts, b.name, a.employee_no, m.sender",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn chats_read_english_headers_site_time_and_rfc3339() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let csv = "TS,Buyer,Employee_No,Sender\n\
               2026-11-03 09:15:02,小王,2001,buyer\n\
               \n\
               2026-11-03T09:15:30+08:00,小王,2001,AGENT\n\
               2026-11-03T01:16:00Z,tom_88,2002,买家\n\
               2026/11/3 09:17,tom_88,2002,客服\n";
    let s = store
        .import_chats(&write(dir.path(), "chats.csv", csv), actor())
        .unwrap();
    assert_eq!((s.rows, s.messages_added, s.duplicates_skipped), (4, 4, 0));
    assert_eq!((s.buyers, s.buyers_new, s.buyers_touched), (2, 2, 2));
    assert_eq!(s.first_ts, Some("2026-11-03T01:15:02Z".parse().unwrap()));
    assert_eq!(s.last_ts, Some("2026-11-03T01:17:00Z".parse().unwrap()));
    assert_eq!(
        messages(&store),
        [
            (
                ms("2026-11-03T09:15:02+08:00"),
                "小王".into(),
                "2001".into(),
                "buyer".into()
            ),
            (
                ms("2026-11-03T09:15:30+08:00"),
                "小王".into(),
                "2001".into(),
                "agent".into()
            ),
            (
                ms("2026-11-03T09:16:00+08:00"),
                "tom_88".into(),
                "2002".into(),
                "buyer".into()
            ),
            (
                ms("2026-11-03T09:17:00+08:00"),
                "tom_88".into(),
                "2002".into(),
                "agent".into()
            ),
        ]
    );
    assert_eq!(count(&store, "SELECT count(*) FROM buyers"), 2);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'chat_messages'"
        ),
        1
    );
}

#[test]
fn chats_read_chinese_headers_in_gbk_and_with_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let text = "时间,买家,工号,发送方\n\
                2026-11-03 09:15:02,张小姐,2003,买家\n\
                2026-11-03 09:15:40,张小姐,2003,客服\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let path = dir.path().join("聊天记录.csv");
    std::fs::write(&path, &gbk).unwrap();
    let s = store.import_chats(&path, actor()).unwrap();
    assert_eq!((s.rows, s.messages_added), (2, 2));
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let path = dir.path().join("bom.csv");
    std::fs::write(&path, bom).unwrap();
    let s = store.import_chats(&path, actor()).unwrap();
    assert_eq!(
        (s.rows, s.messages_added, s.duplicates_skipped, s.buyers_new),
        (2, 0, 2, 0),
        "the same rows in UTF-8 are the same messages"
    );
    let stored = messages(&store);
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|m| m.1 == "张小姐" && m.2 == "2003"));
}

#[test]
fn a_bad_chat_row_is_named_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let csv = "时间,买家,工号,发送方\n\
               2026-11-03 09:15:02,小王,2001,买家\n\
               2026-11-03 09:15:02,小王,9999,买家\n\
               2026-11-03 9点15,小王,2001,买家\n\
               2026-11-03 09:15:02,小王,2001,机器人\n\
               2026-11-03 09:15:02,,2001,买家\n\
               2026-11-03T09:15:02,小王,2001,客服\n";
    let err = store
        .import_chats(&write(dir.path(), "bad.csv", csv), actor())
        .unwrap_err();
    assert!(err.is_bad_data());
    let issues = issues_of(err);
    has_issues(
        &issues,
        &[
            (3, "工号", "import.unknown_agent"),
            (4, "时间", "import.bad_time"),
            (5, "发送方", "import.invalid_value"),
            (6, "买家", "import.required"),
            (7, "时间", "import.bad_time"),
        ],
    );
    assert_eq!(issues.len(), 5, "{issues:#?}");
    let unknown = issues.iter().find(|i| i.row == 3).unwrap();
    assert_eq!(unknown.value, "9999");
    assert!(unknown.message.contains("9999"), "{}", unknown.message);
    assert_eq!(count(&store, "SELECT count(*) FROM chat_messages"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM buyers"), 0);
}

#[test]
fn a_chat_file_without_a_column_or_rows_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let err = store
        .import_chats(
            &write(
                dir.path(),
                "cols.csv",
                "ts,buyer,employee_no\n2026-11-03 09:00:00,a,2001\n",
            ),
            actor(),
        )
        .unwrap_err();
    has_issues(
        &issues_of(err),
        &[(1, "sender/发送方", "import.missing_column")],
    );
    let err = store
        .import_chats(
            &write(dir.path(), "empty.csv", "ts,buyer,employee_no,sender\n"),
            actor(),
        )
        .unwrap_err();
    has_issues(&issues_of(err), &[(1, "", "import.empty")]);
    let err = store
        .import_chats(&dir.path().join("chats.xlsx"), actor())
        .unwrap_err();
    assert_eq!(err.to_problem().code.as_str(), "import.unsupported_file");
}

#[test]
fn problems_past_the_cap_are_counted_in_one_last_issue() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let mut csv = String::from("ts,buyer,employee_no,sender\n");
    for i in 0..500 {
        csv.push_str(&format!("2026-11-03 09:00:00,b{i},9999,buyer\n"));
    }
    let issues = issues_of(
        store
            .import_chats(&write(dir.path(), "many.csv", &csv), actor())
            .unwrap_err(),
    );
    assert_eq!(issues.len(), MAX_ISSUES + 1);
    let last = issues.last().unwrap();
    assert_eq!(last.code.as_str(), "import.more_problems");
    assert_eq!(last.value, (500 - MAX_ISSUES).to_string());
    assert!(last.message.contains("500 in all"), "{}", last.message);
    assert_eq!(issues[MAX_ISSUES - 1].row, MAX_ISSUES as u32 + 1);
}

#[test]
fn reimporting_chats_adds_only_what_is_new_counting_identical_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let first = "ts,buyer,employee_no,sender\n\
                 2026-11-03 09:00:00,a,2001,buyer\n\
                 2026-11-03 09:00:05,a,2001,agent\n\
                 2026-11-03 09:00:05,a,2001,agent\n\
                 2026-11-03 10:00:00,b,2002,buyer\n";
    let path = write(dir.path(), "first.csv", first);
    let s = store.import_chats(&path, actor()).unwrap();
    assert_eq!((s.messages_added, s.duplicates_skipped), (4, 0));
    // The same file again: nothing new, nobody rebuilt.
    let s = store.import_chats(&path, actor()).unwrap();
    assert_eq!(
        (
            s.rows,
            s.messages_added,
            s.duplicates_skipped,
            s.buyers_touched
        ),
        (4, 0, 4, 0)
    );
    assert_eq!(count(&store, "SELECT count(*) FROM chat_messages"), 4);
    // An overlapping export: the agent's reply now three times (one more), a's next message,
    // b's message once more at another instant, and a new buyer; the same text as RFC 3339.
    let overlap = "ts,buyer,employee_no,sender\n\
                   2026-11-03T09:00:00+08:00,a,2001,buyer\n\
                   2026-11-03 09:00:05,a,2001,agent\n\
                   2026-11-03 09:00:05,a,2001,agent\n\
                   2026-11-03 09:00:05,a,2001,agent\n\
                   2026-11-03 09:01:00,a,2001,buyer\n\
                   2026-11-03 10:00:00,b,2002,buyer\n\
                   2026-11-03 10:00:00,b,2003,buyer\n\
                   2026-11-03 11:00:00,c,2001,buyer\n";
    let s = store
        .import_chats(&write(dir.path(), "overlap.csv", overlap), actor())
        .unwrap();
    assert_eq!((s.rows, s.messages_added, s.duplicates_skipped), (8, 4, 4));
    assert_eq!((s.buyers, s.buyers_new, s.buyers_touched), (3, 1, 3));
    assert_eq!(count(&store, "SELECT count(*) FROM chat_messages"), 8);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM chat_messages m JOIN buyers b ON b.id = m.buyer_id
             WHERE b.name = 'a' AND m.sender = 'agent'"
        ),
        3
    );
    // A smaller file of stored rows adds nothing: k identical rows add k − j, never less than 0.
    let s = store.import_chats(&path, actor()).unwrap();
    assert_eq!((s.messages_added, s.duplicates_skipped), (0, 4));
    assert_eq!(count(&store, "SELECT count(*) FROM chat_messages"), 8);
}

#[test]
fn orders_read_both_languages_in_fen_on_their_local_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let csv = "订单号,买家,付款时间,金额\n\
               T1001,小王,2026-12-01 00:30:00,12.5\n\
               T1002,小王,2026-11-30T23:59:59+08:00,\"1,234.00\"\n\
               T1003,tom_88,2026-11-15 10:00,0.07\n";
    let s = store
        .import_orders(&write(dir.path(), "orders.csv", csv), actor())
        .unwrap();
    assert_eq!(
        (s.rows, s.added, s.replaced, s.unchanged, s.buyers_touched),
        (3, 3, 0, 0, 2)
    );
    assert_eq!(s.total_fen, 1250 + 123_400 + 7);
    assert_eq!(
        s.first_paid_at,
        Some("2026-11-15T02:00:00Z".parse().unwrap())
    );
    let conn = db(&store);
    let order = |no: &str| -> (String, i64, String, i64) {
        conn.query_row(
            "SELECT b.name, o.paid_at, o.local_date, o.amount_fen FROM orders o
             JOIN buyers b ON b.id = o.buyer_id WHERE o.order_no = ?1",
            [no],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
    };
    assert_eq!(
        order("T1001"),
        (
            "小王".into(),
            ms("2026-12-01T00:30:00+08:00"),
            "2026-12-01".into(),
            1250
        ),
        "the site-local date, not the UTC one"
    );
    assert_eq!(order("T1002").2, "2026-11-30");
    assert_eq!(order("T1002").3, 123_400);

    // English headers, .xlsx: a known order number replaces the order (here it moves to another
    // buyer); an identical one is unchanged.
    let path = dir.path().join("orders.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["order_no", "buyer", "paid_at", "amount"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ("T1001", "小王", "2026-12-01 00:30:00", 12.5),
        ("T1003", "小王", "2026-11-15 10:00:00", 8.0),
        ("T1004", "新买家", "2026-11-16 10:00:00", 99.99),
    ];
    for (r, (no, buyer, at, amount)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *no).unwrap();
        sheet.write_string(r, 1, *buyer).unwrap();
        sheet.write_string(r, 2, *at).unwrap();
        sheet.write_number(r, 3, *amount).unwrap();
    }
    book.save(&path).unwrap();
    let s = store.import_orders(&path, actor()).unwrap();
    assert_eq!((s.rows, s.added, s.replaced, s.unchanged), (3, 1, 1, 1));
    assert_eq!(
        s.buyers_touched, 3,
        "the buyer T1003 left, the one it moved to, and T1004's"
    );
    assert_eq!(order("T1003").0, "小王");
    assert_eq!(order("T1003").3, 800);
    assert_eq!(order("T1004").3, 9999);
    assert_eq!(count(&store, "SELECT count(*) FROM orders"), 4);
}

#[test]
fn bad_order_rows_are_named_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let csv = "order_no,buyer,paid_at,amount\n\
               T1,a,2026-11-03 09:00:00,10\n\
               T2,a,2026-11-03 09:00:00,12.345\n\
               T3,a,2026-11-03 09:00:00,-5\n\
               T4,a,2026-11-03 09:00:00,abc\n\
               T1,b,2026-11-03 09:00:00,1\n\
               T5,a,03/11/2026,1\n\
               ,a,2026-11-03 09:00:00,1\n\
               T6,a,2026-11-03 09:00:00,\n";
    let issues = issues_of(
        store
            .import_orders(&write(dir.path(), "bad.csv", csv), actor())
            .unwrap_err(),
    );
    has_issues(
        &issues,
        &[
            (3, "amount", "import.invalid_value"),
            (4, "amount", "import.invalid_value"),
            (5, "amount", "import.invalid_value"),
            (6, "order_no", "import.duplicate_in_file"),
            (7, "paid_at", "import.bad_time"),
            (8, "order_no", "import.required"),
            (9, "amount", "import.required"),
        ],
    );
    assert_eq!(issues.len(), 7, "{issues:#?}");
    let dup = issues.iter().find(|i| i.row == 6).unwrap();
    assert!(dup.message.contains("row 2"), "{}", dup.message);
    assert_eq!(issues.iter().find(|i| i.row == 3).unwrap().value, "12.345");
    assert_eq!(count(&store, "SELECT count(*) FROM orders"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM buyers"), 0);
}

#[test]
fn daily_sales_replace_an_agents_date_and_check_valid_against_receptions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = site(dir.path());
    let csv = "工号,日期,接待人数,有效接待,销售额\n\
               2001,2026-11-03,120,100,\"15,800.50\"\n\
               2001,2026/11/4,90,90,0\n\
               2002,2026-11-03,0,0,0\n";
    let s = store
        .import_sales(&write(dir.path(), "sales.csv", csv), actor())
        .unwrap();
    assert_eq!(
        (s.rows, s.added, s.replaced, s.unchanged, s.agents),
        (3, 3, 0, 0, 2)
    );
    assert_eq!(
        (
            s.first_date.unwrap().to_string(),
            s.last_date.unwrap().to_string()
        ),
        ("2026-11-03".into(), "2026-11-04".into())
    );
    let day = |store: &Store, no: &str, date: &str| -> (i64, i64, i64) {
        db(store)
            .query_row(
                "SELECT d.receptions, d.valid_receptions, d.sales_fen FROM daily_sales d
                 JOIN agents a ON a.id = d.agent_id WHERE a.employee_no = ?1 AND d.date = ?2",
                [no, date],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    };
    assert_eq!(day(&store, "2001", "2026-11-03"), (120, 100, 1_580_050));
    assert_eq!(day(&store, "2001", "2026-11-04"), (90, 90, 0));

    let again = "employee_no,date,receptions,valid_receptions,sales\n\
                 2001,2026-11-03,121,101,15900\n\
                 2001,2026-11-04,90,90,0.00\n";
    let s = store
        .import_sales(&write(dir.path(), "again.csv", again), actor())
        .unwrap();
    assert_eq!((s.added, s.replaced, s.unchanged), (0, 1, 1));
    assert_eq!(day(&store, "2001", "2026-11-03"), (121, 101, 1_590_000));
    assert_eq!(count(&store, "SELECT count(*) FROM daily_sales"), 3);

    let bad = "employee_no,date,receptions,valid_receptions,sales\n\
               2001,2026-11-05,10,11,1\n\
               9999,2026-11-05,10,1,1\n\
               2002,2026-13-01,10,1,1\n\
               2002,2026-11-05,-1,0,1\n\
               2002,2026-11-06,10,1,1.001\n\
               2001,2026-11-07,10,1,1\n\
               2001,2026-11-07,10,1,1\n";
    let issues = issues_of(
        store
            .import_sales(&write(dir.path(), "bad.csv", bad), actor())
            .unwrap_err(),
    );
    has_issues(
        &issues,
        &[
            (2, "valid_receptions", "import.invalid_value"),
            (3, "employee_no", "import.unknown_agent"),
            (4, "date", "import.bad_date"),
            (5, "receptions", "import.invalid_value"),
            (6, "sales", "import.invalid_value"),
            (8, "employee_no", "import.duplicate_in_file"),
        ],
    );
    assert_eq!(issues.len(), 6, "{issues:#?}");
    assert_eq!(count(&store, "SELECT count(*) FROM daily_sales"), 3);
    assert_eq!(day(&store, "2001", "2026-11-03"), (121, 101, 1_590_000));
}

#[test]
fn the_schema_refuses_what_the_imports_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let store = site(dir.path());
    let conn = db(&store);
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO buyers (id, name) VALUES (1, 'a');",
    )
    .unwrap();
    let agent: i64 = conn
        .query_row(
            "SELECT id FROM agents WHERE employee_no = '2001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ok = format!(
        "INSERT INTO chat_messages (ts, buyer_id, agent_id, sender) VALUES (0, 1, {agent}, 'buyer')"
    );
    conn.execute(&ok, []).unwrap();
    for bad in [
        format!(
            "INSERT INTO chat_messages (ts, buyer_id, agent_id, sender) VALUES (0, 1, {agent}, 'x')"
        ),
        format!(
            "INSERT INTO chat_messages (ts, buyer_id, agent_id, sender) VALUES (0, 99, {agent}, 'buyer')"
        ),
        "INSERT INTO buyers (name) VALUES ('a')".to_owned(),
        "INSERT INTO orders (order_no, buyer_id, paid_at, local_date, amount_fen, imported_at)
             VALUES ('T', 1, 0, '2026-11-03', -1, 0)"
            .to_owned(),
        format!(
            "INSERT INTO daily_sales (agent_id, date, receptions, valid_receptions, sales_fen, imported_at)
                 VALUES ({agent}, '2026-11-03', 10, 11, 0, 0)"
        ),
        format!(
            "INSERT INTO daily_sales (agent_id, date, receptions, valid_receptions, sales_fen, imported_at)
                 VALUES ({agent}, '2026-11-03', 10, 1, -1, 0)"
        ),
    ] {
        assert!(conn.execute(&bad, []).is_err(), "accepted: {bad}");
    }
}
