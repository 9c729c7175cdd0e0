//! Rosters from the command line: templates imported, a month checked as JSON Lines with exactly
//! the fields the contract names, and a bad month refused.

use std::path::{Path, PathBuf};

use crate::common::{asset, cli, stderr, write};

fn ok(o: std::process::Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn site(dir: &Path) -> PathBuf {
    let db = dir.join("floor.sqlite");
    ok(cli(&db, &["init"]));
    ok(cli(
        &db,
        &[
            "import",
            "agents",
            asset("agents-import.csv").to_str().unwrap(),
        ],
    ));
    db
}

#[test]
fn roster_check_prints_each_rule_with_exactly_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let templates = write(
        dir.path(),
        "t.csv",
        "代码,名称,开始,结束,夜班\nE,早班,06:00,14:00,否\nL,大夜班,22:00,06:00,是\n",
    );
    assert!(
        ok(cli(
            &db,
            &["import", "shift-templates", templates.to_str().unwrap()]
        ))
        .contains("2 shift templates")
    );

    // 2001 works 10-29 … 11-07 without a day off (a streak over the month's start); 2002 has a
    // late shift then an early one (6.5 h apart is too little: 22:00–06:00 then 12:30); the month
    // has no rest days for either.
    let mut rows = String::from("date,employee_no,start,end\n");
    for day in 0..10 {
        let date =
            chrono::NaiveDate::from_ymd_opt(2026, 10, 29).unwrap() + chrono::Duration::days(day);
        rows.push_str(&format!("{date},2001,08:30,16:00\n"));
    }
    rows.push_str("2026-11-10,2002,22:00,06:00\n2026-11-11,2002,12:30,18:00\n");
    let shifts = write(dir.path(), "s.csv", &rows);
    ok(cli(&db, &["import", "shifts", shifts.to_str().unwrap()]));

    let out = ok(cli(&db, &["roster", "check", "--month", "2026-11"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            r#"{"rule":"max_consecutive_work_days","employee_no":"2001","date":"2026-11-04","from":"2026-10-29","to":"2026-11-07"}"#,
            r#"{"rule":"min_rest_between_shifts","employee_no":"2002","date":"2026-11-11","gap_h":6.5}"#,
            r#"{"rule":"min_rest_days","employee_no":"2001","date":"2026-11-30","rest_days":0,"required":4}"#,
            r#"{"rule":"min_rest_days","employee_no":"2002","date":"2026-11-30","rest_days":0,"required":4}"#,
        ]
    );

    let bad = cli(&db, &["roster", "check", "--month", "2026-13"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("2026-13"), "{}", stderr(&bad));
}

#[test]
fn a_bad_templates_file_names_row_and_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let file = write(
        dir.path(),
        "t.csv",
        "code,name,start,end,night\nE,早班,06:00,14:00,no\n休,休息,08:00,09:00,\nX,坏班,8点,14:00,\nY,夜,22:00,06:00,maybe\n",
    );
    let o = cli(&db, &["import", "shift-templates", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for expected in [
        "row 3, field code",
        "row 4, field start",
        "row 5, field night",
        "nothing was written",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    // Corrected, the file goes in whole.
    let fixed = write(
        dir.path(),
        "t2.csv",
        "code,name,start,end,night\nE,早班,06:00,14:00,no\nY,夜,22:00,06:00,是\n",
    );
    assert!(
        ok(cli(
            &db,
            &["import", "shift-templates", fixed.to_str().unwrap()]
        ))
        .contains("2 shift templates")
    );
}
