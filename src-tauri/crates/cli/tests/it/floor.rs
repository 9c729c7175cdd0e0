//! The live floor from the command line: shifts, ingest, replay and stored alerts.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{cli, write};

fn ok(o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// A site with ten agents (2001–2010) rostered 08:30–16:00 on 2026-11-23.
fn floor(dir: &Path) -> PathBuf {
    let db = dir.join("floor.sqlite");
    ok(cli(&db, &["init"]));
    let agents =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../assets/demo/agents-import.csv");
    ok(cli(&db, &["import", "agents", agents.to_str().unwrap()]));
    let mut shifts = String::from("date,employee_no,start,end\n");
    for no in 2001..=2010 {
        shifts.push_str(&format!("2026-11-23,{no},08:30,16:00\n"));
    }
    let shifts = write(dir, "shifts.csv", &shifts);
    assert!(ok(cli(&db, &["import", "shifts", shifts.to_str().unwrap()])).contains("10 shifts"));
    db
}

/// Everyone ready at 08:20; 2001 takes an 11-minute small break at 10:00.
fn day_with_an_eleven_minute_break(dir: &Path) -> PathBuf {
    let mut lines = String::new();
    for no in 2001..=2010 {
        lines.push_str(&format!(
            "{{\"ts\": \"2026-11-23T08:20:00+08:00\", \"agent\": \"{no}\", \"state\": \"ready\"}}\n"
        ));
    }
    lines.push_str("{\"ts\": \"2026-11-23T10:00:00+08:00\", \"agent\": \"2001\", \"state\": \"small_break\", \"reason\": \"洗手间\"}\n");
    lines.push_str(
        "{\"ts\": \"2026-11-23T10:11:00+08:00\", \"agent\": \"2001\", \"state\": \"ready\"}\n",
    );
    write(dir, "day.jsonl", &lines)
}

fn rules(jsonl: &str) -> Vec<(String, String, String)> {
    jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["ts"].as_str().unwrap().to_owned(),
                v["agent"].as_str().unwrap().to_owned(),
                v["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_longer_break_limit_drops_the_eleven_minute_breaks_alert_on_replay() {
    let dir = tempfile::tempdir().unwrap();
    let db = floor(dir.path());
    let day = day_with_an_eleven_minute_break(dir.path());

    let before = ok(cli(&db, &["replay", day.to_str().unwrap()]));
    let first = before.lines().next().expect("an alert");
    assert!(
        first.starts_with("{\"ts\":\"2026-11-23T10:10:00+08:00\",\"agent\":\"2001\",\"rule\":\"break_overrun\",\"shift_date\":\"2026-11-23\",\"detail\":"),
        "{first}"
    );
    assert_eq!(
        rules(&before),
        [(
            "2026-11-23T10:10:00+08:00".into(),
            "2001".into(),
            "break_overrun".into()
        )]
    );

    ok(cli(&db, &["policy", "set", "small_break_max_min", "15"]));
    let after = ok(cli(&db, &["replay", day.to_str().unwrap()]));
    assert!(rules(&after).is_empty(), "{after}");
    // A replay writes nothing.
    assert_eq!(ok(cli(&db, &["alerts", "--date", "2026-11-23"])), "");
}

#[test]
fn replay_until_runs_the_timers_and_attendance_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = floor(dir.path());
    // Only 2002 signs in, late (08:40); 2003 is on a meal from 11:00 with no end in the file.
    let events = write(
        dir.path(),
        "e.jsonl",
        "{\"ts\": \"2026-11-23T08:40:00+08:00\", \"agent\": \"2002\", \"state\": \"ready\"}\n\
         {\"ts\": \"2026-11-23T11:00:00+08:00\", \"agent\": \"2003\", \"state\": \"meal\"}\n",
    );
    let out = ok(cli(
        &db,
        &[
            "replay",
            events.to_str().unwrap(),
            "--until",
            "2026-11-23T12:00:00+08:00",
        ],
    ));
    let got = rules(&out);
    assert!(
        got.contains(&(
            "2026-11-23T08:27:00+08:00".into(),
            "2002".into(),
            "late_sign_in".into()
        )),
        "{out}"
    );
    assert!(
        got.contains(&(
            "2026-11-23T09:00:00+08:00".into(),
            "2004".into(),
            "absent".into()
        )),
        "{out}"
    );
    assert!(
        !got.iter().any(|(_, a, r)| a == "2002" && r == "absent"),
        "{out}"
    );
    assert!(
        got.contains(&(
            "2026-11-23T11:30:00+08:00".into(),
            "2003".into(),
            "meal_overrun".into()
        )),
        "{out}"
    );
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted, "sorted by instant, then agent, then rule");
}

#[test]
fn ingest_is_all_or_nothing_names_lines_and_records_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let db = floor(dir.path());
    let bad = write(
        dir.path(),
        "bad.jsonl",
        "{\"ts\": \"2026-11-23T08:20:00+08:00\", \"agent\": \"2001\", \"state\": \"ready\"}\n\
         {\"ts\": \"2026-11-23T08:21:00+08:00\", \"agent\": \"9999\", \"state\": \"ready\"}\n\
         {\"ts\": \"2026-11-23T08:22:00\", \"agent\": \"2002\", \"state\": \"ready\"}\n\
         {\"ts\": \"2026-11-23T08:23:00+08:00\", \"agent\": \"2003\", \"state\": \"dancing\"}\n",
    );
    let out = cli(&db, &["ingest", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3, field ts"), "{err}");
    assert!(err.contains("line 4, field state"), "{err}");
    // Format problems come first; with them fixed, the unknown agent on line 2 is named.
    let unknown = write(
        dir.path(),
        "unknown.jsonl",
        "{\"ts\": \"2026-11-23T08:20:00+08:00\", \"agent\": \"2001\", \"state\": \"ready\"}\n\
         {\"ts\": \"2026-11-23T08:21:00+08:00\", \"agent\": \"9999\", \"state\": \"ready\"}\n",
    );
    let out = cli(&db, &["ingest", unknown.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2, field agent"));

    // A file saved in GBK: the line that is not UTF-8 is named like any other bad line.
    let gbk = dir.path().join("gbk.jsonl");
    let mut bytes =
        b"{\"ts\": \"2026-11-23T08:20:00+08:00\", \"agent\": \"2001\", \"state\": \"ready\"}\n"
            .to_vec();
    bytes.extend_from_slice(b"{\"ts\": \"2026-11-23T08:21:00+08:00\", \"agent\": \"2001\", \"state\": \"other\", \"reason\": \"\xc9\xe8\xb1\xb8\"}\n");
    std::fs::write(&gbk, bytes).unwrap();
    let out = cli(&db, &["ingest", gbk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2") && err.contains("UTF-8"), "{err}");

    let day = day_with_an_eleven_minute_break(dir.path());
    assert!(ok(cli(&db, &["ingest", day.to_str().unwrap()])).contains("12 events written"));
    let stored = ok(cli(&db, &["alerts", "--date", "2026-11-23"]));
    assert!(
        rules(&stored).contains(&(
            "2026-11-23T10:10:00+08:00".into(),
            "2001".into(),
            "break_overrun".into()
        )),
        "{stored}"
    );

    // A line earlier than that agent's last stored event is refused, and nothing is written.
    let late = write(
        dir.path(),
        "late.jsonl",
        "{\"ts\": \"2026-11-23T10:30:00+08:00\", \"agent\": \"2005\", \"state\": \"busy\"}\n\
         {\"ts\": \"2026-11-23T10:31:00+08:00\", \"agent\": \"2001\", \"state\": \"busy\"}\n\
         {\"ts\": \"2026-11-23T10:31:00+08:00\", \"agent\": \"2001\", \"state\": \"wrap_up\"}\n",
    );
    ok(cli(&db, &["ingest", late.to_str().unwrap()]));
    let earlier = write(
        dir.path(),
        "earlier.jsonl",
        "{\"ts\": \"2026-11-23T10:40:00+08:00\", \"agent\": \"2006\", \"state\": \"busy\"}\n\
         {\"ts\": \"2026-11-23T10:40:00+08:00\", \"agent\": \"2005\", \"state\": \"ready\"}\n\
         {\"ts\": \"2026-11-23T10:41:00+08:00\", \"agent\": \"2001\", \"state\": \"ready\"}\n",
    );
    ok(cli(&db, &["ingest", earlier.to_str().unwrap()]));
    let stale = write(
        dir.path(),
        "stale.jsonl",
        "{\"ts\": \"2026-11-23T10:35:00+08:00\", \"agent\": \"2007\", \"state\": \"busy\"}\n\
         {\"ts\": \"2026-11-23T10:36:00+08:00\", \"agent\": \"2001\", \"state\": \"busy\"}\n",
    );
    let out = cli(&db, &["ingest", stale.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2, field ts"));
    let store = floordesk_store::Store::open(&db).unwrap();
    let states: Vec<_> = store
        .last_states()
        .unwrap()
        .into_iter()
        .filter(|(a, ..)| a == "2007")
        .collect();
    assert_eq!(
        states.len(),
        1,
        "2007's line was not written either: {states:?}"
    );
}

#[test]
fn attendance_writes_the_months_table_with_the_floors_lateness() {
    let dir = tempfile::tempdir().unwrap();
    let db = floor(dir.path());
    // 2010 is ready at 08:41:10: 14 min 10 s after the ready time (08:27), 15 minutes late.
    let line = |ts: &str, no: i32, state: &str| {
        format!(
            "{{\"ts\": \"2026-11-23T{ts}+08:00\", \"agent\": \"{no}\", \"state\": \"{state}\"}}\n"
        )
    };
    let mut lines: String = (2001..=2009)
        .map(|no| line("08:20:00", no, "ready"))
        .collect();
    lines.push_str(&line("08:41:10", 2010, "ready"));
    lines.extend((2001..=2010).map(|no| line("16:00:00", no, "signed_out")));
    ok(cli(
        &db,
        &[
            "ingest",
            write(dir.path(), "day.jsonl", &lines).to_str().unwrap(),
        ],
    ));
    let xlsx = dir.path().join("attendance.xlsx");
    let out = ok(cli(
        &db,
        &["attendance", "--month", "2026-11", xlsx.to_str().unwrap()],
    ));
    assert!(out.contains("10 rows written"), "{out}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "日期",
            "工号",
            "姓名",
            "班次",
            "状态",
            "迟到分钟",
            "早退分钟"
        ]
    );
    assert_eq!(
        rows[1][..3],
        ["2026-11-23".to_owned(), "2001".into(), rows[1][2].clone()]
    );
    assert_eq!(rows[1][4..], ["正常".to_owned(), "0".into(), "0".into()]);
    assert_eq!(rows[10][1], "2010");
    assert_eq!(
        rows[10][3..],
        ["D".to_owned(), "迟到".into(), "15".into(), "0".into()]
    );

    let bad = cli(
        &db,
        &["attendance", "--month", "2026-13", xlsx.to_str().unwrap()],
    );
    assert_eq!(bad.status.code(), Some(2));
}
