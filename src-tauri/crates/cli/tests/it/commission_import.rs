//! Issue 18's imports from the command line: `import chats`, `import orders` and `import sales`
//! print what they wrote, exit 2 naming each bad row's row and column with nothing written, and
//! a chat log imported twice adds nothing the second time.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{asset, cli, refused, stderr, write};

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A site (Asia/Shanghai) with agents-import.csv's agents 2001–2010.
fn site(dir: &Path) -> PathBuf {
    let db = dir.join("floor.sqlite");
    ok(cli(&db, &["init"]));
    ok(cli(
        &db,
        &["import", "agents", arg(&asset("agents-import.csv"))],
    ));
    db
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn chats_import_once_and_skip_what_is_stored_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let file = write(
        dir.path(),
        "chats.csv",
        "时间,买家,工号,发送方\n\
         2026-11-03 09:15:02,小王,2001,买家\n\
         2026-11-03T09:15:30+08:00,小王,2001,客服\n\
         2026-11-03 09:16:00,tom_88,2002,buyer\n",
    );
    let out = ok(cli(&db, &["import", "chats", arg(&file)]));
    assert!(
        out.contains("3 rows, 3 messages added, 0 already stored; 2 buyers (2 new), 2 rebuilt")
            && out.contains("2026-11-03T09:15:02+08:00 to 2026-11-03T09:16:00+08:00"),
        "{out}"
    );
    let out = ok(cli(&db, &["import", "chats", arg(&file)]));
    assert!(
        out.contains("3 rows, 0 messages added, 3 already stored; 2 buyers (0 new), 0 rebuilt"),
        "{out}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM chat_messages"), 3);
}

#[test]
fn a_bad_chat_file_exits_2_naming_rows_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let file = write(
        dir.path(),
        "bad.csv",
        "ts,buyer,employee_no,sender\n\
         2026-11-03 09:15:02,a,2001,buyer\n\
         2026-11-03 09:15:02,a,9999,buyer\n\
         2026-11-03 9点,a,2001,robot\n",
    );
    refused(
        &cli(&db, &["import", "chats", arg(&file)]),
        &[
            "3 problem(s); nothing was written",
            "row 3, field employee_no: no agent has 工号 9999",
            "row 4, field ts:",
            "row 4, field sender:",
        ],
    );
    assert_eq!(count(&db, "SELECT count(*) FROM chat_messages"), 0);
}

#[test]
fn orders_and_daily_sales_import_and_replace() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let orders = write(
        dir.path(),
        "orders.csv",
        "order_no,buyer,paid_at,amount\n\
         T1,a,2026-11-03 10:00:00,12.5\n\
         T2,b,2026-11-03 11:00:00,\"1,000\"\n",
    );
    let out = ok(cli(&db, &["import", "orders", arg(&orders)]));
    assert!(
        out.contains(
            "2 orders, 2 added, 0 replaced, 0 unchanged; 2 buyers rebuilt; total 1012.50 yuan"
        ),
        "{out}"
    );
    let again = write(
        dir.path(),
        "again.csv",
        "订单号,买家,付款时间,金额\nT1,a,2026-11-03 10:00:00,13\n",
    );
    let out = ok(cli(&db, &["import", "orders", arg(&again)]));
    assert!(out.contains("1 orders, 0 added, 1 replaced"), "{out}");
    assert_eq!(
        count(&db, "SELECT amount_fen FROM orders WHERE order_no = 'T1'"),
        1300
    );
    let bad = write(
        dir.path(),
        "bad-orders.csv",
        "order_no,buyer,paid_at,amount\nT3,a,2026-11-03 10:00:00,1.234\n",
    );
    refused(
        &cli(&db, &["import", "orders", arg(&bad)]),
        &["row 2, field amount:"],
    );

    let sales = write(
        dir.path(),
        "sales.csv",
        "工号,日期,接待人数,有效接待,销售额\n2001,2026-11-03,120,100,15800.50\n",
    );
    let out = ok(cli(&db, &["import", "sales", arg(&sales)]));
    assert!(
        out.contains(
            "1 agent-days, 1 added, 0 replaced, 0 unchanged; 1 agents; 2026-11-03 to 2026-11-03"
        ),
        "{out}"
    );
    let bad = write(
        dir.path(),
        "bad-sales.csv",
        "工号,日期,接待人数,有效接待,销售额\n2001,2026-11-04,10,11,0\n",
    );
    refused(
        &cli(&db, &["import", "sales", arg(&bad)]),
        &["row 2, field 有效接待:"],
    );
    assert_eq!(count(&db, "SELECT count(*) FROM daily_sales"), 1);
}
