//! 投诉 from the command line: historical complaints imported all or nothing (English and
//! Chinese headers), valid rows booked as confirmed `valid_complaint` through the ladder, and
//! `complaints flags` as JSON Lines with exactly the contract's fields, counted over the rolling
//! window ending today (the CLI's clock is the real one, so the file's dates are made from it).

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{Duration, Utc};
use floordesk_domain::access::Role;
use floordesk_store::users::UserInput;
use floordesk_store::{Actor, Store};

use crate::common::{asset, cli, refused, stderr, write};

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The real clock: `complaints flags` counts back from the CLI's own now, so the file's dates
/// are made from the same clock.
#[allow(clippy::disallowed_methods)]
fn clock() -> chrono::DateTime<Utc> {
    Utc::now()
}

/// agents-import.csv's ten agents (2001–2010) and a supervisor 9001 on whose authority the
/// imported incidents are confirmed.
fn site(dir: &Path) -> PathBuf {
    let db = dir.join("floor.sqlite");
    ok(cli(&db, &["init"]));
    ok(cli(
        &db,
        &["import", "agents", arg(&asset("agents-import.csv"))],
    ));
    let mut store = Store::open(&db).unwrap();
    store
        .save_user(
            &UserInput {
                id: None,
                display_name: "周主管".into(),
                role: Role::Supervisor,
                employee_no: "9001".into(),
                pin: Some("2468".into()),
            },
            Actor::system(clock()),
        )
        .unwrap();
    db
}

/// `days` days ago at 10:00 in site time (Asia/Shanghai), as the file writes it, and its date.
fn ago(days: i64) -> (String, String) {
    let t = (clock() - Duration::days(days)).with_timezone(&chrono_tz::Asia::Shanghai);
    (
        t.format("%Y-%m-%d 10:00").to_string(),
        t.format("%Y-%m-%d").to_string(),
    )
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn imported_complaints_book_valid_ones_and_flag_five_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let mut csv =
        String::from("ts,employee_no,customer,channel,order_no,content,valid,severity,cause\n");
    // 2003: five valid within the last 365 days → flagged since the oldest.
    for d in [50, 40, 30, 20, 10] {
        csv += &format!(
            "{},2003,王女士,phone,TB{d},态度生硬,是,2,attitude\n",
            ago(d).0
        );
    }
    // 2002: six valid, in Chinese spellings.
    for d in [300, 200, 100, 90, 80, 70] {
        csv += &format!("{},2002,李先生,在线,,发错货,1,1,物流\n", ago(d).0);
    }
    // 2005: four valid in the window, a fifth 400 days ago, and an invalid one: not flagged.
    for d in [400, 60, 50, 40, 30] {
        csv += &format!("{},2005,赵女士,email,,回复慢,true,3,process\n", ago(d).0);
    }
    csv += &format!("{},2005,钱先生,platform,,无理要求,否,,other\n", ago(5).0);
    let file = write(dir.path(), "投诉.csv", &csv);
    let out = ok(cli(&db, &["complaints", "import", arg(&file)]));
    assert!(
        out.contains("17 closed complaints imported, 16 valid booked as valid_complaint"),
        "{out}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM complaints WHERE status = 'closed'"
        ),
        17
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM incidents WHERE rule_code = 'valid_complaint' AND status = 'confirmed' AND source = 'import'"
        ),
        16
    );
    // The ladder: severity 2 → 40 yuan, severity 1 → 20 yuan, severity 3 → 60 yuan, each once.
    assert_eq!(
        count(
            &db,
            "SELECT sum(amount_fen) FROM ledger_lines WHERE action = 'fine'"
        ),
        5 * 4000 + 6 * 2000 + 5 * 6000
    );

    let flags = ok(cli(&db, &["complaints", "flags"]));
    let expected = format!(
        "{{\"employee_no\":\"2002\",\"valid_count\":6,\"since\":\"{}\"}}\n{{\"employee_no\":\"2003\",\"valid_count\":5,\"since\":\"{}\"}}\n",
        ago(300).1,
        ago(50).1
    );
    assert_eq!(flags, expected);
}

#[test]
fn a_bad_file_is_refused_by_row_and_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let file = write(
        dir.path(),
        "投诉.csv",
        "时间,工号,客户,渠道,订单号,内容,有理,严重程度,原因\n\
         2026-11-03 10:00,2003,王女士,电话,,态度生硬,是,,服务态度\n\
         2026-11-04 10:00,9999,李先生,传真,,发错货,也许,7,天气\n\
         2026-11-05 10:00,,赵女士,电话,,回复慢,是,2,流程\n\
         2026-11-06 10:00,2004,孙先生,电话,,回复慢,否,,流程\n",
    );
    refused(
        &cli(&db, &["complaints", "import", arg(&file)]),
        &[
            "row 2",
            "严重程度",
            "row 3",
            "工号",
            "渠道",
            "有理",
            "原因",
            "row 4",
        ],
    );
    assert_eq!(count(&db, "SELECT count(*) FROM complaints"), 0);
    assert_eq!(count(&db, "SELECT count(*) FROM incidents"), 0);
    assert_eq!(ok(cli(&db, &["complaints", "flags"])), "");
}
