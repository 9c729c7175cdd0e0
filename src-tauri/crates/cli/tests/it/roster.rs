//! Rosters from the command line: templates imported, a month checked as JSON Lines with exactly
//! the fields the contract names, and a bad month refused.

use std::path::{Path, PathBuf};

use crate::common::{asset, cli, refused, stderr, write};

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
    refused(
        &cli(&db, &["import", "shift-templates", file.to_str().unwrap()]),
        &[
            "row 3, field code",
            "row 4, field start",
            "row 5, field night",
            "nothing was written",
        ],
    );
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

/// 2001 on 做六休一 in November except a seven-day run 11-08…11-14; 2002 only on the 2nd.
fn november_grid() -> String {
    let mut header = String::from("工号,姓名");
    let mut a = String::from("2001,贺一鸣");
    let mut b = String::from("2002,");
    for day in 1..=30 {
        header.push_str(&format!(",{day}"));
        let rest = day % 7 == 0 && day != 14;
        a.push(',');
        a.push_str(if rest {
            "休"
        } else if day > 20 {
            "N"
        } else {
            "D"
        });
        b.push(',');
        b.push_str(if day == 2 {
            "09:00-12:00+14:00-18:00"
        } else {
            ""
        });
    }
    format!("{header}\n{a}\n{b}\n")
}

#[test]
fn a_roster_goes_in_as_a_grid_comes_out_in_both_forms_and_publishes_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let grid = write(dir.path(), "grid.csv", &november_grid());
    let out = ok(cli(
        &db,
        &[
            "import",
            "roster",
            grid.to_str().unwrap(),
            "--month",
            "2026-11",
        ],
    ));
    assert!(out.contains("60 roster cells"), "{out}");
    let checked = ok(cli(&db, &["roster", "check", "--month", "2026-11"]));
    assert!(
        checked.contains(r#"{"rule":"max_consecutive_work_days","employee_no":"2001","date":"2026-11-14","from":"2026-11-08","to":"2026-11-20"}"#),
        "{checked}"
    );

    // Exported in both forms, each imports into a fresh site to the same roster.
    for form in [&[][..], &["--grid"][..]] {
        let xlsx = dir.path().join(format!("out{}.xlsx", form.len()));
        let mut args = vec![
            "export",
            "roster",
            "--month",
            "2026-11",
            xlsx.to_str().unwrap(),
        ];
        args.extend_from_slice(form);
        ok(cli(&db, &args));
        let other = tempfile::tempdir().unwrap();
        let db2 = site(other.path());
        ok(cli(&db2, &["import", "roster", xlsx.to_str().unwrap()]));
        assert_eq!(
            ok(cli(&db2, &["roster", "check", "--month", "2026-11"])),
            checked,
            "{form:?}"
        );
    }

    // Publishing with violations lists them and exits 2; with a reason it publishes.
    let refused = cli(
        &db,
        &[
            "roster",
            "publish",
            "--month",
            "2026-11",
            "--team",
            "售前一组",
        ],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let listed = String::from_utf8(refused.stdout).unwrap();
    assert!(
        listed.contains(r#""rule":"max_consecutive_work_days""#),
        "{listed}"
    );
    ok(cli(
        &db,
        &[
            "roster",
            "publish",
            "--month",
            "2026-11",
            "--team",
            "售前一组",
            "--override-reason",
            "双十一大促，已与本人确认",
        ],
    ));

    // A published month changes only with a reason.
    let change = write(
        dir.path(),
        "change.csv",
        "日期,工号,班次\n2026-11-14,2001,休\n",
    );
    let no_reason = cli(&db, &["import", "roster", change.to_str().unwrap()]);
    assert_eq!(no_reason.status.code(), Some(2));
    assert!(
        stderr(&no_reason).contains("published"),
        "{}",
        stderr(&no_reason)
    );
    ok(cli(
        &db,
        &[
            "import",
            "roster",
            change.to_str().unwrap(),
            "--reason",
            "补休",
        ],
    ));
    let after = ok(cli(&db, &["roster", "check", "--month", "2026-11"]));
    assert!(!after.contains("max_consecutive_work_days"), "{after}");
}

#[test]
fn a_bad_roster_file_names_row_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let file = write(
        dir.path(),
        "bad.csv",
        "工号,姓名,2026-11-01,2026-11-02,第三天\n2001,贺一鸣,D,X\n9999,谁,D,D\n",
    );
    refused(
        &cli(&db, &["import", "roster", file.to_str().unwrap()]),
        &[
            "row 1, field 第三天",
            "row 2, field 2026-11-02",
            "row 3, field 工号",
            "nothing was written",
        ],
    );
    assert_eq!(ok(cli(&db, &["roster", "check", "--month", "2026-11"])), "");
}

#[test]
fn approved_leave_flags_a_shift_on_its_days_and_bad_leave_rows_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let shifts = write(
        dir.path(),
        "s.csv",
        "日期,工号,班次\n2026-11-10,2001,D\n2026-11-11,2001,D\n2026-11-12,2001,休\n",
    );
    ok(cli(&db, &["import", "roster", shifts.to_str().unwrap()]));
    let leave = write(
        dir.path(),
        "leave.csv",
        "工号,开始日期,结束日期,类型,半天\n2001,2026-11-11,2026-11-12,病假,否\n",
    );
    assert!(ok(cli(&db, &["import", "leave", leave.to_str().unwrap()])).contains("1 leave"));
    let out = ok(cli(&db, &["roster", "check", "--month", "2026-11"]));
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("shift_during_leave"))
        .collect();
    assert_eq!(
        lines,
        [r#"{"rule":"shift_during_leave","employee_no":"2001","date":"2026-11-11"}"#]
    );

    let bad = write(
        dir.path(),
        "bad.csv",
        "employee_no,from,to,type,half_day\n2001,2026-11-20,2026-11-19,annual,\n9999,2026-11-20,2026-11-20,sick,\n2002,2026-11-20,2026-11-20,vacation,maybe\n",
    );
    refused(
        &cli(&db, &["import", "leave", bad.to_str().unwrap()]),
        &[
            "row 2, field to",
            "row 3, field employee_no",
            "row 4, field type",
            "row 4, field half_day",
        ],
    );

    // Leave on record cannot be changed or deleted, even in raw SQL.
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(
        conn.execute("UPDATE leave_requests SET kind = 'annual'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM leave_requests", []).is_err());
}

#[test]
fn a_requirement_is_imported_and_a_month_generated_with_its_gaps_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    // A bad file names each line and field, and nothing is written.
    let bad = write(
        dir.path(),
        "bad.csv",
        "班组,星期,开始,结束,人数\n售前一组,周八,08:30,16:00,2\n售前一组,1,08:15,16:00,2\n无此组,2,08:30,16:00,x\n",
    );
    refused(
        &cli(&db, &["import", "requirement", bad.to_str().unwrap()]),
        &["row 2", "星期", "row 3", "开始", "row 4", "班组", "人数"],
    );
    // Weekdays 2 agents 08:30–16:00 and 1 until 23:30; Sundays 6 (more than the team has) at noon.
    let mut rows = String::from("team,weekday,from,to,agents\n");
    for day in 1..=6 {
        rows.push_str(&format!(
            "售前一组,{day},08:30,16:00,2\n售前一组,{day},16:00,23:30,1\n"
        ));
    }
    rows.push_str("售前一组,7,12:00,13:00,9\n");
    let file = write(dir.path(), "req.csv", &rows);
    let out = ok(cli(&db, &["import", "requirement", file.to_str().unwrap()]));
    assert!(out.contains("7 team days"), "{out}");

    let out = ok(cli(
        &db,
        &[
            "roster",
            "generate",
            "--month",
            "2027-01",
            "--team",
            "售前一组",
        ],
    ));
    let gaps: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every Sunday noon is short: the team has six agents, not nine. One line per half hour.
    assert!(!gaps.is_empty());
    for gap in &gaps {
        let keys: Vec<&str> = gap
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["date", "from", "needed", "rostered", "team", "to"]);
        assert_eq!(gap["team"], "售前一组");
        assert!(gap["rostered"].as_u64() < gap["needed"].as_u64());
    }
    let sundays: Vec<_> = gaps
        .iter()
        .filter(|g| g["from"] == "12:00" || g["from"] == "12:30")
        .collect();
    assert_eq!(sundays.len(), 2 * 5, "five Sundays in January 2027: {out}");
    assert_eq!(sundays[0]["date"], "2027-01-03");
    assert_eq!(sundays[0]["to"], "12:30");
    assert_eq!(sundays[0]["needed"], 9);
    let keys: Vec<(String, String)> = gaps
        .iter()
        .map(|g| (g["date"].to_string(), g["from"].to_string()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // The month keeps every rule.
    assert_eq!(ok(cli(&db, &["roster", "check", "--month", "2027-01"])), "");

    ok(cli(
        &db,
        &[
            "roster",
            "publish",
            "--month",
            "2027-01",
            "--team",
            "售前一组",
        ],
    ));
    refused(
        &cli(
            &db,
            &[
                "roster",
                "generate",
                "--month",
                "2027-01",
                "--team",
                "售前一组",
            ],
        ),
        &["published"],
    );
}
