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

#[test]
fn commission_prints_one_json_line_per_agent_and_pay_writes_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    // 2002 consulted 阿明 (4 messages) before the 60,000 yuan payment; 2003's 小白 said two
    // messages only, so B1 is nobody's.
    let chats = write(
        dir.path(),
        "chats.csv",
        "ts,buyer,employee_no,sender\n\
         2026-11-05 10:00:00,阿明,2002,buyer\n\
         2026-11-05 10:00:30,阿明,2002,agent\n\
         2026-11-05 10:01:00,阿明,2002,buyer\n\
         2026-11-05 10:01:20,阿明,2002,agent\n\
         2026-11-05 11:00:00,小白,2003,buyer\n\
         2026-11-05 11:00:20,小白,2003,agent\n",
    );
    let orders = write(
        dir.path(),
        "orders.csv",
        "order_no,buyer,paid_at,amount\nA1,阿明,2026-11-05 10:30:00,60000.00\nB1,小白,2026-11-05 11:30:00,88\n",
    );
    ok(cli(&db, &["import", "chats", arg(&chats)]));
    ok(cli(&db, &["import", "orders", arg(&orders)]));
    let out = ok(cli(&db, &["commission", "--month", "2026-11"]));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // No grades are published: the ungraded coefficient, 1.0; 60,000 yuan is in the 0.8 % tier.
    assert_eq!(
        lines,
        [
            serde_json::json!({"employee_no": "2002", "valid_receptions": 1, "sales_fen": 6_000_000,
                "tier_rate_pct": 0.8, "coefficient": 1, "commission_fen": 48_000}),
            serde_json::json!({"employee_no": "2003", "valid_receptions": 0, "sales_fen": 0,
                "tier_rate_pct": 0.5, "coefficient": 1, "commission_fen": 0}),
        ]
    );
    let sheet = dir.path().join("pay.xlsx");
    let out = ok(cli(&db, &["pay", "--month", "2026-11", arg(&sheet)]));
    assert!(out.contains("10 agents written"), "{out}");
    assert!(sheet.exists());
    refused(
        &cli(&db, &["commission", "--month", "2026-13"]),
        &["2026-13"],
    );
}
