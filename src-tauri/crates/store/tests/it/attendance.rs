//! 考勤 from the roster and the live floor: on time, late (minutes from the ready time, rounded
//! up), left early, 旷工, 已报备 and leave, the month's summary per agent, and the xlsx export's
//! columns, read back with calamine.

use crate::common::{actor, ten_rostered, write};
use calamine::{Reader, Xlsx, open_workbook};
use chrono::{DateTime, Utc};
use floordesk_domain::floor::{AgentState, Notice, NoticeKind, StateEvent};
use floordesk_domain::roster::attendance::DayStatus;
use floordesk_store::live::LiveFloor;
use floordesk_store::{Actor, Store};

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

fn state(store: &mut Store, floor: &mut LiveFloor, no: &str, local: &str, s: AgentState) {
    floor.tick(store, at(local)).unwrap();
    let e = StateEvent {
        at: at(local),
        agent: no.into(),
        state: s,
        reason: None,
    };
    floor.set_state(store, e, Actor::system(at(local))).unwrap();
}

/// 2001–2010 rostered 08:30–16:00 on 2026-11-23: 2001–2005 on time, 2006 on annual leave, 2007
/// late, 2008 phoned before the start, 2009 left half an hour early, 2010 never came.
fn a_day_on_the_floor(dir: &std::path::Path) -> Store {
    let mut store = ten_rostered(dir, "08:30", "16:00");
    let leave = write(
        dir,
        "leave.csv",
        "employee_no,from,to,type\n2006,2026-11-23,2026-11-23,annual\n",
    );
    store.import_leave(&leave, actor()).unwrap();
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    for no in ["2001", "2002", "2003", "2004", "2005", "2009"] {
        state(&mut store, &mut floor, no, "08:20:00", AgentState::Ready);
    }
    floor
        .record_notice(
            &mut store,
            Notice {
                at: at("08:05:00"),
                agent: "2008".into(),
                kind: NoticeKind::Absent,
                reason: Some("发烧".into()),
            },
            Actor::system(at("08:21:00")),
        )
        .unwrap();
    // Ready was due at 08:27; 14 min 10 s later is 15 minutes late.
    state(
        &mut store,
        &mut floor,
        "2007",
        "08:41:10",
        AgentState::Ready,
    );
    state(
        &mut store,
        &mut floor,
        "2009",
        "15:30:00",
        AgentState::SignedOut,
    );
    for no in ["2001", "2002", "2003", "2004", "2005", "2007"] {
        state(
            &mut store,
            &mut floor,
            no,
            "16:00:00",
            AgentState::SignedOut,
        );
    }
    floor.tick(&mut store, at("17:00:00")).unwrap();
    store
}

#[test]
fn the_day_is_named_from_the_floors_alerts_notices_and_leave() {
    let dir = tempfile::tempdir().unwrap();
    let store = a_day_on_the_floor(dir.path());
    let month = store.attendance("2026-11", at("18:00:00")).unwrap();
    assert_eq!(month.judged_to, Some("2026-11-23".parse().unwrap()));
    let rows: Vec<(String, String, i64, i64)> = month
        .days
        .iter()
        .map(|d| {
            (
                d.employee_no.clone(),
                d.attendance.status.label_zh(),
                d.attendance.late_min,
                d.attendance.early_min,
            )
        })
        .collect();
    let expected = [
        ("2001", "正常", 0, 0),
        ("2002", "正常", 0, 0),
        ("2003", "正常", 0, 0),
        ("2004", "正常", 0, 0),
        ("2005", "正常", 0, 0),
        ("2006", "请假:年假", 0, 0),
        ("2007", "迟到", 15, 0),
        ("2008", "已报备", 0, 0),
        ("2009", "早退", 0, 30),
        ("2010", "旷工", 0, 0),
    ]
    .map(|(n, s, l, e)| (n.to_owned(), s.to_owned(), l, e));
    assert_eq!(rows, expected);
    assert!(
        month
            .days
            .iter()
            .all(|d| d.date.to_string() == "2026-11-23")
    );

    let summary = |no: &str| {
        &month
            .agents
            .iter()
            .find(|a| a.employee_no == no)
            .unwrap()
            .summary
    };
    assert_eq!(summary("2001").days_worked, 1);
    assert_eq!(summary("2001").paid_minutes, 450);
    assert_eq!(
        (summary("2007").late_count, summary("2007").late_minutes),
        (1, 15)
    );
    assert_eq!(summary("2009").early_minutes, 30);
    assert_eq!(summary("2010").absences, 1);
    assert_eq!(summary("2010").days_worked, 0);
    assert_eq!(summary("2006").leave_days.get("annual"), Some(&1));
}

#[test]
fn a_shift_not_yet_started_is_not_judged_and_a_later_month_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let store = a_day_on_the_floor(dir.path());
    let early = store.attendance("2026-11", at("07:00:00")).unwrap();
    // Before the shifts start only the day's leave is known.
    assert_eq!(
        early
            .days
            .iter()
            .map(|d| d.attendance.status)
            .collect::<Vec<_>>(),
        [DayStatus::Leave(
            floordesk_domain::roster::LeaveKind::Annual
        )]
    );
    let later = store.attendance("2026-12", at("18:00:00")).unwrap();
    assert!(later.days.is_empty() && later.judged_to.is_none());
    let bad = store.attendance("2026-13", at("18:00:00")).unwrap_err();
    assert_eq!(bad.to_problem().code.as_str(), "usage.bad_month");
}

#[test]
fn the_export_has_the_contracts_columns() {
    let dir = tempfile::tempdir().unwrap();
    let store = a_day_on_the_floor(dir.path());
    let path = dir.path().join("考勤.xlsx");
    let rows = store
        .export_attendance_xlsx("2026-11", at("18:00:00"), &path)
        .unwrap();
    assert_eq!(rows, 10);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let text: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        text[0],
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
    let late = text.iter().find(|r| r[1] == "2007").unwrap();
    assert_eq!(late[0], "2026-11-23");
    assert_eq!(late[3], "D");
    assert_eq!((late[4].as_str(), late[5].as_str()), ("迟到", "15"));
}
