//! 违规与奖惩 from the command line: incidents imported (CSV and xlsx, English and Chinese
//! headers) and confirmed at the ladder's proposal, the month's ledger as JSON Lines with exactly
//! the contract's fields (worked out by hand from the seeded rule book), a bad file refused by
//! row and field with nothing written, duplicates, renumbering and the quarterly reward refused,
//! voided lines only with `--all`, and the rule book exported and imported back as versions.

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{DateTime, Utc};
use floordesk_domain::access::Role;
use floordesk_store::incidents::{Approval, LedgerQuery};
use floordesk_store::users::UserInput;
use floordesk_store::{Actor, Store};

use crate::common::{asset, cli, refused, stderr, write};

const PIN: &str = "2468";

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn at() -> DateTime<Utc> {
    "2026-11-01T00:00:00Z".parse().unwrap()
}

/// A site on Asia/Shanghai with no users: agents-import.csv's ten agents, 售前一组 2001 (lead) …
/// 2006, 售后组 2007 (lead) … 2010.
fn agents_only(dir: &Path) -> PathBuf {
    let db = dir.join("floor.sqlite");
    ok(cli(&db, &["init"]));
    ok(cli(
        &db,
        &["import", "agents", arg(&asset("agents-import.csv"))],
    ));
    db
}

/// [`agents_only`] with a supervisor (9001, PIN 2468), a manager M001 with no agent, and 2001,
/// 2002 and 2004 of 售前一组 rostered 08:30–17:30 on 2026-11-12 (2003, 2005 and 2006 are not).
/// Returns the database and the supervisor's user id.
fn site(dir: &Path) -> (PathBuf, i64) {
    let db = agents_only(dir);
    let mut store = Store::open(&db).unwrap();
    let mut user = |name: &str, role: Role, employee_no: &str| {
        store
            .save_user(
                &UserInput {
                    id: None,
                    display_name: name.into(),
                    role,
                    employee_no: employee_no.into(),
                    pin: Some(PIN.into()),
                },
                Actor::system(at()),
            )
            .unwrap()
            .id
    };
    let supervisor = user("周主管", Role::Supervisor, "9001");
    user("江涛", Role::Manager, "M001");
    drop(store);
    let shifts = write(
        dir,
        "shifts.csv",
        "date,employee_no,start,end\n\
         2026-11-12,2001,08:30,17:30\n\
         2026-11-12,2002,08:30,17:30\n\
         2026-11-12,2004,08:30,17:30\n",
    );
    ok(cli(&db, &["import", "shifts", arg(&shifts)]));
    (db, supervisor)
}

const HEADER: &str = "ts,employee_no,rule_code,severity,quantity,note,co_employee_no,item,team\n";

/// November by hand, from the seeded book:
/// - non_work_activity by 2003 three times (the file's order is not the instants'): 1st verbal
///   warning + 10 yuan, 2nd 30 yuan, 3rd a dismissal proposal;
/// - data_inconsistent by 2005: 10 yuan, and the manager M001 always 20 yuan;
/// - valid_complaint by 2006 at severity 3: 60 yuan + a self-review;
/// - record_false by 2008, 3 records at 20 yuan: 60 yuan;
/// - a headset (128 yuan) nobody owned on 售前一组 at 13:15 on the 12th: 12800 fen over 2001,
///   2002, 2004 (on shift) = 4266 each and the 2 fen left to the lowest 工号, 2001;
/// - major_complaint_unreported by 2002 at 13:30 on the 12th: 10% of the month's pay, and the
///   same for everyone else of the team on shift (2001, 2004).
fn november() -> String {
    format!(
        "{HEADER}\
         2026-11-10T14:00:00+08:00,2003,non_work_activity,,,第二次,,,\n\
         2026-11-03 10:15,2003,non_work_activity,,,上班刷短视频,,,\n\
         2026-11-20 09:30,2003,non_work_activity,,1,,,,\n\
         2026-11-05 16:00,2005,data_inconsistent,,,日报与系统不符,M001,,\n\
         2026-11-06 11:00,2006,valid_complaint,3,,,,,\n\
         2026-11-07 15:00,2008,record_false,,3,,,,\n\
         2026-11-12 13:15,,equipment_damage,,,耳机摔坏,,耳机,售前一组\n\
         2026-11-12 13:30,2002,major_complaint_unreported,,,,,,\n"
    )
}

fn ledger(db: &Path, month: &str) -> Vec<String> {
    ok(cli(db, &["ledger", "--month", month]))
        .lines()
        .map(str::to_owned)
        .collect()
}

fn incidents_in(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_imported_month_is_confirmed_at_the_ladders_proposal_and_printed_with_the_contracts_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = site(dir.path());
    let file = write(dir.path(), "违规.csv", &november());
    let out = ok(cli(&db, &["incidents", "import", arg(&file)]));
    assert!(
        out.contains("8 incidents imported as confirmed, 15 ledger lines written"),
        "{out}"
    );
    let nwa = |no: u32, action: &str, fen: i64, ts: &str| {
        format!(
            r#"{{"employee_no":"2003","rule":"non_work_activity","offence_no":{no},"action":"{action}","kind":"penalty","amount_fen":{fen},"ts":"{ts}"}}"#
        )
    };
    let split = |no: &str, fen: i64| {
        format!(
            r#"{{"employee_no":"{no}","rule":"equipment_damage","offence_no":null,"action":"compensation","kind":"compensation","amount_fen":{fen},"ts":"2026-11-12T13:15:00+08:00"}}"#
        )
    };
    let unreported = |no: &str, co: &str| {
        format!(
            r#"{{"employee_no":"{no}","rule":"major_complaint_unreported","offence_no":1,"action":"pay_percent","kind":"penalty","amount_fen":0,"percent":10,"ts":"2026-11-12T13:30:00+08:00"{co}}}"#
        )
    };
    let expected = [
        nwa(1, "verbal_warning", 0, "2026-11-03T10:15:00+08:00"),
        nwa(1, "fine", 1_000, "2026-11-03T10:15:00+08:00"),
        r#"{"employee_no":"2005","rule":"data_inconsistent","offence_no":1,"action":"fine","kind":"penalty","amount_fen":1000,"ts":"2026-11-05T16:00:00+08:00"}"#.to_owned(),
        r#"{"employee_no":"M001","rule":"data_inconsistent","offence_no":1,"action":"fine","kind":"penalty","amount_fen":2000,"ts":"2026-11-05T16:00:00+08:00","co_penalty_of":"2005"}"#.to_owned(),
        r#"{"employee_no":"2006","rule":"valid_complaint","offence_no":1,"action":"fine","kind":"penalty","amount_fen":6000,"ts":"2026-11-06T11:00:00+08:00"}"#.to_owned(),
        r#"{"employee_no":"2006","rule":"valid_complaint","offence_no":1,"action":"self_review","kind":"penalty","amount_fen":0,"ts":"2026-11-06T11:00:00+08:00"}"#.to_owned(),
        r#"{"employee_no":"2008","rule":"record_false","offence_no":1,"action":"fine","kind":"penalty","amount_fen":6000,"ts":"2026-11-07T15:00:00+08:00"}"#.to_owned(),
        nwa(2, "fine", 3_000, "2026-11-10T14:00:00+08:00"),
        split("2001", 4_268),
        split("2002", 4_266),
        split("2004", 4_266),
        unreported("2002", ""),
        unreported("2001", r#","co_penalty_of":"2002""#),
        unreported("2004", r#","co_penalty_of":"2002""#),
        nwa(3, "dismissal_proposal", 0, "2026-11-20T09:30:00+08:00"),
    ];
    let lines = ledger(&db, "2026-11");
    assert_eq!(lines, expected, "{}", lines.join("\n"));
    let store = Store::open(&db).unwrap();
    let all = store
        .ledger_lines(&LedgerQuery {
            month: Some("2026-11".into()),
            ..LedgerQuery::default()
        })
        .unwrap();
    assert_eq!(all.len(), 15);
    let split_total: i64 = all
        .iter()
        .filter(|l| l.rule == "equipment_damage")
        .map(|l| l.line.amount_fen)
        .sum();
    assert_eq!(
        split_total, 12_800,
        "the shares add up to the headset's price"
    );
    assert!(ledger(&db, "2026-10").is_empty());
    assert!(ledger(&db, "2026-12").is_empty());
}

#[test]
fn voided_lines_are_left_out_and_shown_marked_with_all() {
    let dir = tempfile::tempdir().unwrap();
    let (db, supervisor) = site(dir.path());
    let file = write(
        dir.path(),
        "违规.csv",
        &format!(
            "{HEADER}\
             2026-11-06 11:00,2006,valid_complaint,1,,,,,\n\
             2026-11-09 09:00,2007,meeting_late,,,,,,\n"
        ),
    );
    ok(cli(&db, &["incidents", "import", arg(&file)]));
    let mut store = Store::open(&db).unwrap();
    let record = store
        .ledger_lines(&LedgerQuery {
            employee_no: Some("2007".into()),
            ..LedgerQuery::default()
        })
        .unwrap()[0]
        .record_id;
    store
        .void_ledger_record(
            record,
            "会议改期，不算迟到",
            &Approval {
                user_id: supervisor,
                pin: PIN.into(),
            },
            Actor::user(supervisor, at()),
        )
        .unwrap();
    drop(store);
    let complaint = [
        r#"{"employee_no":"2006","rule":"valid_complaint","offence_no":1,"action":"fine","kind":"penalty","amount_fen":2000,"ts":"2026-11-06T11:00:00+08:00"}"#,
        r#"{"employee_no":"2006","rule":"valid_complaint","offence_no":1,"action":"self_review","kind":"penalty","amount_fen":0,"ts":"2026-11-06T11:00:00+08:00"}"#,
    ];
    assert_eq!(ledger(&db, "2026-11"), complaint);
    let all: Vec<String> = ok(cli(&db, &["ledger", "--month", "2026-11", "--all"]))
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        all,
        [
            complaint[0],
            complaint[1],
            r#"{"employee_no":"2007","rule":"meeting_late","offence_no":1,"action":"fine","kind":"penalty","amount_fen":2000,"ts":"2026-11-09T09:00:00+08:00","voided":true}"#,
        ]
    );
}

#[test]
fn a_bad_file_is_refused_naming_each_row_and_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = site(dir.path());
    let file = write(
        dir.path(),
        "bad.csv",
        &format!(
            "{HEADER}\
             2026-11-03 10:15,2003,non_work_activity,,,,,,\n\
             2026-11-04 10:15,9999,meeting_late,,,,,,\n\
             2026-11-06 11:00,2006,valid_complaint,,,,,,\n\
             2026-11-07 11:00,2006,meeting_late,2,,,,,\n\
             2026-11-07 15:00,2008,meeting_absent,,2,,,,\n\
             2026-11-08 15:00,2008,data_inconsistent,,,,,,\n\
             2026-11-31 15:00,2008,meeting_late,,,,,,\n\
             2026-11-09 15:00,2008,no_such_rule,,,,,,\n\
             2026-11-09 16:00,2008,equipment_damage,,,,,沙发,\n"
        ),
    );
    let out = cli(&db, &["incidents", "import", arg(&file)]);
    refused(
        &out,
        &[
            "nothing was written",
            "row 3, field employee_no",
            "row 4, field severity",
            "row 5, field severity",
            "row 6, field quantity",
            "row 7, field co_employee_no",
            "row 8, field ts",
            "row 9, field rule_code",
            "row 10, field item",
        ],
    );
    let err = stderr(&out);
    assert!(!err.contains("row 2,"), "{err}");
    assert_eq!(incidents_in(&db), 0);
    assert!(ledger(&db, "2026-11").is_empty());
}

#[test]
fn a_row_repeating_a_stored_incident_or_renumbering_a_confirmed_one_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = site(dir.path());
    let first = write(
        dir.path(),
        "first.csv",
        &format!("{HEADER}2026-11-10 10:00,2004,non_work_activity,,,,,,\n"),
    );
    ok(cli(&db, &["incidents", "import", arg(&first)]));

    // The same instant, 工号 and rule again (written the other way), after a good row.
    let again = write(
        dir.path(),
        "again.csv",
        &format!(
            "{HEADER}\
             2026-11-11 10:00,2005,meeting_late,,,,,,\n\
             2026-11-10T02:00:00Z,2004,non_work_activity,,,,,,\n"
        ),
    );
    let out = cli(&db, &["incidents", "import", arg(&again)]);
    refused(&out, &["row 3, field ts", "already recorded"]);

    // Before the confirmed 10th: it would become the 2nd.
    let back = write(
        dir.path(),
        "back.csv",
        &format!("{HEADER}2026-11-05 10:00,2004,non_work_activity,,,,,,\n"),
    );
    let out = cli(&db, &["incidents", "import", arg(&back)]);
    refused(&out, &["row 2, field ts", "numbers would change"]);

    // Twice in one file.
    let twice = write(
        dir.path(),
        "twice.csv",
        &format!(
            "{HEADER}\
             2026-11-12 10:00,2005,meeting_late,,,,,,\n\
             2026-11-12 10:00,2005,meeting_late,,,,,,\n"
        ),
    );
    refused(
        &cli(&db, &["incidents", "import", arg(&twice)]),
        &["row 3, field ts", "row 2 already records"],
    );

    assert_eq!(incidents_in(&db), 1);
    assert_eq!(
        ledger(&db, "2026-11").len(),
        2,
        "verbal warning and fine of the 10th"
    );
}

#[test]
fn the_quarterly_reward_is_not_importable() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = site(dir.path());
    let file = write(
        dir.path(),
        "reward.csv",
        &format!("{HEADER}2026-11-30 18:00,2002,quarter_reward,,,第一名,,,\n"),
    );
    refused(
        &cli(&db, &["incidents", "import", arg(&file)]),
        &[
            "row 2, field rule_code",
            "quarter_reward",
            "cannot be imported",
        ],
    );
    assert_eq!(incidents_in(&db), 0);
}

#[test]
fn chinese_headers_in_csv_and_xlsx_are_read_like_english_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = site(dir.path());
    let csv = write(
        dir.path(),
        "违规.csv",
        "时间,工号,规则代码,严重程度,数量,备注,连带人工号,设备,班组\n\
         2026-11-03 10:15,2003,non_work_activity,,,,2001,,\n\
         2026-11-06 11:00,2006,valid_complaint,5,,,,,\n",
    );
    ok(cli(&db, &["incidents", "import", arg(&csv)]));

    let xlsx = dir.path().join("违规.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 8]; 2] = [
        [
            "时间",
            "工号",
            "规则代码",
            "严重程度",
            "数量",
            "备注",
            "设备",
            "班组",
        ],
        [
            "2026-11-07 15:00",
            "2008",
            "record_false",
            "",
            "",
            "",
            "",
            "",
        ],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    sheet.write_number(1, 4, 2).unwrap();
    book.save(&xlsx).unwrap();
    ok(cli(&db, &["incidents", "import", arg(&xlsx)]));

    assert_eq!(
        ledger(&db, "2026-11"),
        [
            r#"{"employee_no":"2003","rule":"non_work_activity","offence_no":1,"action":"verbal_warning","kind":"penalty","amount_fen":0,"ts":"2026-11-03T10:15:00+08:00"}"#,
            r#"{"employee_no":"2003","rule":"non_work_activity","offence_no":1,"action":"fine","kind":"penalty","amount_fen":1000,"ts":"2026-11-03T10:15:00+08:00"}"#,
            r#"{"employee_no":"2001","rule":"non_work_activity","offence_no":1,"action":"verbal_warning","kind":"penalty","amount_fen":0,"ts":"2026-11-03T10:15:00+08:00","co_penalty_of":"2003"}"#,
            r#"{"employee_no":"2001","rule":"non_work_activity","offence_no":1,"action":"fine","kind":"penalty","amount_fen":1000,"ts":"2026-11-03T10:15:00+08:00","co_penalty_of":"2003"}"#,
            r#"{"employee_no":"2006","rule":"valid_complaint","offence_no":1,"action":"fine","kind":"penalty","amount_fen":10000,"ts":"2026-11-06T11:00:00+08:00"}"#,
            r#"{"employee_no":"2006","rule":"valid_complaint","offence_no":1,"action":"self_review","kind":"penalty","amount_fen":0,"ts":"2026-11-06T11:00:00+08:00"}"#,
            r#"{"employee_no":"2008","rule":"record_false","offence_no":1,"action":"fine","kind":"penalty","amount_fen":4000,"ts":"2026-11-07T15:00:00+08:00"}"#,
        ]
    );

    // A Chinese file's problems are named by its own headers.
    let bad = write(
        dir.path(),
        "坏.csv",
        "时间,工号,规则代码,严重程度,数量,备注\n2026-11-08 10:00,2004,valid_complaint,,,\n",
    );
    refused(
        &cli(&db, &["incidents", "import", arg(&bad)]),
        &["row 2, field 严重程度"],
    );
}

#[test]
fn the_command_line_imports_only_where_a_supervisor_or_manager_can_stand_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = agents_only(dir.path());
    let file = write(
        dir.path(),
        "违规.csv",
        &format!("{HEADER}2026-11-09 09:00,2007,meeting_late,,,,,,\n"),
    );
    let out = cli(&db, &["incidents", "import", arg(&file)]);
    refused(&out, &["supervisor or manager"]);
    assert_eq!(incidents_in(&db), 0);
}

#[test]
fn the_rule_book_exports_and_a_changed_rule_imports_as_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = site(dir.path());
    let exported = dir.path().join("rules.json");
    let out = ok(cli(&db, &["rules", "export", arg(&exported)]));
    let mut book: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(book["format"], "floordesk-rule-book");
    assert_eq!(book["version"], 1);
    let rules = book["rules"].as_array_mut().unwrap();
    let count = rules.len();
    assert!(out.contains(&format!("{count} rules written")), "{out}");

    // Unchanged, it changes nothing.
    let out = ok(cli(&db, &["rules", "import", arg(&exported)]));
    assert!(
        out.contains(&format!("0 rules added, 0 new versions, {count} unchanged")),
        "{out}"
    );

    // meeting_late from 20 to 30 yuan: a new version; and a rule of another shop: added.
    let late = rules
        .iter_mut()
        .find(|r| r["code"] == "meeting_late")
        .unwrap();
    assert_eq!(late["ladder"][0][0]["amount"]["fen"], 2000);
    late["ladder"][0][0]["amount"]["fen"] = 3000.into();
    let mut extra = late.clone();
    extra["code"] = "meeting_phone".into();
    extra["name_zh"] = "会议中使用手机".into();
    extra["name_en"] = "Phone in a meeting".into();
    rules.push(extra);
    let changed = write(
        dir.path(),
        "changed.json",
        &serde_json::to_string_pretty(&book).unwrap(),
    );
    let out = ok(cli(&db, &["rules", "import", arg(&changed)]));
    assert!(
        out.contains(&format!(
            "1 rules added, 1 new versions, {} unchanged",
            count - 1
        )),
        "{out}"
    );
    let store = Store::open(&db).unwrap();
    let versions = store.incident_rule_versions("meeting_late").unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1].version, 2);
    assert_eq!(
        store.incident_rule_versions("meeting_phone").unwrap().len(),
        1
    );
    drop(store);

    // Not a rule book: nothing written, the file and why named.
    for (name, text) in [
        ("junk.json", "这不是规则目录"),
        (
            "other.json",
            r#"{"format":"something-else","version":1,"rules":[]}"#,
        ),
        ("list.json", "[1, 2, 3]"),
    ] {
        let junk = write(dir.path(), name, text);
        let out = cli(&db, &["rules", "import", arg(&junk)]);
        refused(&out, &[name, "is not a rule book exported by FloorDesk"]);
    }
    assert_eq!(
        Store::open(&db)
            .unwrap()
            .incident_rule_versions("meeting_late")
            .unwrap()
            .len(),
        2
    );
}
