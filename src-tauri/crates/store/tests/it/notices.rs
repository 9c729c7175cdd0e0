//! 报备 on record: a notice before the start excuses, one after marks the alerts notified, none
//! is 旷工 once the shift is over; a notice cannot be changed or deleted, even in raw SQL.

use crate::common::{actor, ten_rostered};
use chrono::{DateTime, Utc};
use floordesk_domain::floor::{AgentState, FloorEvent, Notice, NoticeKind, RuleCode, StateEvent};
use floordesk_store::floor::EventSource;
use floordesk_store::import::events::{EventLine, parse_events};
use floordesk_store::live::LiveFloor;
use floordesk_store::{Actor, Store};

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

fn notice(agent: &str, local: &str, kind: NoticeKind, reason: &str) -> Notice {
    Notice {
        at: at(local),
        agent: agent.into(),
        kind,
        reason: Some(reason.into()),
    }
}

/// agents-import.csv's ten agents (2001–2010), each on 08:30–16:00 on 2026-11-23.
fn rostered(dir: &std::path::Path) -> Store {
    ten_rostered(dir, "08:30", "16:00")
}

fn sign_in_all_but(store: &mut Store, floor: &mut LiveFloor, away: &[&str]) {
    for no in 2001..=2010 {
        let no = no.to_string();
        if away.contains(&no.as_str()) {
            continue;
        }
        let e = StateEvent {
            at: at("08:20:00"),
            agent: no,
            state: AgentState::Ready,
            reason: None,
        };
        floor
            .set_state(store, e, Actor::system(at("08:20:00")))
            .unwrap();
    }
}

fn attendance(store: &Store, now: &str) -> Vec<(String, RuleCode, Option<bool>, bool)> {
    store
        .alerts_on(
            "2026-11-23".parse().unwrap(),
            chrono_tz::Asia::Shanghai,
            at(now),
        )
        .unwrap()
        .into_iter()
        .map(|s| {
            (
                s.alert.agent,
                s.alert.rule,
                s.notice.map(|n| n.before_start),
                s.without_leave,
            )
        })
        .collect()
}

#[test]
fn before_the_start_excuses_after_the_start_is_marked_none_is_without_leave() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rostered(dir.path());
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    sign_in_all_but(&mut store, &mut floor, &["2008", "2009", "2010"]);

    // 2008 phoned at 08:05 (before the start) to say she is ill; the lead types it in at 08:21.
    let (mark, _) = floor
        .record_notice(
            &mut store,
            notice("2008", "08:05:00", NoticeKind::Absent, "发烧请假"),
            Actor::system(at("08:21:00")),
        )
        .unwrap();
    assert!(mark.before_start);
    assert_eq!(mark.shift_date.to_string(), "2026-11-23");
    // 2009 phoned at 08:40, after the start: still late.
    floor.tick(&mut store, at("08:40:00")).unwrap();
    floor
        .record_notice(
            &mut store,
            notice("2009", "08:40:00", NoticeKind::Late, "地铁故障"),
            Actor::system(at("08:40:00")),
        )
        .unwrap();
    floor.tick(&mut store, at("12:00:00")).unwrap();

    // The board shows who gave notice.
    let board = floor.board(&store, at("12:00:00")).unwrap();
    let card = |no: &str| board.agents.iter().find(|a| a.employee_no == no).unwrap();
    assert_eq!(
        card("2008").notice.as_ref().map(|n| n.kind),
        Some(NoticeKind::Absent)
    );
    assert_eq!(
        card("2009").notice.as_ref().map(|n| n.before_start),
        Some(false)
    );
    assert!(card("2010").notice.is_none());

    // No alert for 2008; 2009's stand, marked notified; 2010's absence is not 旷工 until the
    // shift is over.
    assert_eq!(
        attendance(&store, "12:00:00"),
        [
            ("2009".into(), RuleCode::LateSignIn, Some(false), false),
            ("2010".into(), RuleCode::LateSignIn, None, false),
            ("2009".into(), RuleCode::Absent, Some(false), false),
            ("2010".into(), RuleCode::Absent, None, false),
        ]
    );
    assert_eq!(
        attendance(&store, "16:00:00"),
        [
            ("2009".into(), RuleCode::LateSignIn, Some(false), false),
            ("2010".into(), RuleCode::LateSignIn, None, false),
            ("2009".into(), RuleCode::Absent, Some(false), false),
            ("2010".into(), RuleCode::Absent, None, true),
        ]
    );
    // Once the shift is over the board no longer shows the notice.
    let evening = floor.board(&store, at("16:00:00")).unwrap();
    assert!(evening.agents.iter().all(|a| a.notice.is_none()));
}

#[test]
fn a_notice_after_the_late_check_but_before_the_start_clears_the_raised_alert() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rostered(dir.path());
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    sign_in_all_but(&mut store, &mut floor, &["2010"]);
    // The late check runs three minutes before the start.
    let raised = floor.tick(&mut store, at("08:28:00")).unwrap();
    assert_eq!(raised.len(), 1);
    floor
        .record_notice(
            &mut store,
            notice("2010", "08:29:00", NoticeKind::Late, "堵车，晚到十分钟"),
            Actor::system(at("08:29:00")),
        )
        .unwrap();
    let board = floor.board(&store, at("08:29:30")).unwrap();
    assert!(board.open_alerts.is_empty(), "{:?}", board.open_alerts);
    let stored = store
        .alerts_on(
            "2026-11-23".parse().unwrap(),
            chrono_tz::Asia::Shanghai,
            at("08:30:00"),
        )
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].ack_note.as_deref().unwrap().contains("堵车"));
    // And the absence check at 09:00 raises nothing.
    assert!(floor.tick(&mut store, at("09:10:00")).unwrap().is_empty());
}

#[test]
fn a_notice_typed_in_late_rejudges_the_floor_and_a_restart_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rostered(dir.path());
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    sign_in_all_but(&mut store, &mut floor, &["2010"]);
    floor.tick(&mut store, at("08:20:00")).unwrap();
    // The call came at 08:15 but is typed in at 08:20: the floor is judged as if it came then.
    floor
        .record_notice(
            &mut store,
            notice("2010", "08:15:00", NoticeKind::Absent, "家中有事"),
            Actor::system(at("08:20:00")),
        )
        .unwrap();
    assert!(floor.tick(&mut store, at("10:00:00")).unwrap().is_empty());
    drop(floor);
    let (_, again) = LiveFloor::load(&mut store, at("10:00:01")).unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert!(attendance(&store, "10:00:01").is_empty());
}

#[test]
fn bad_notices_are_refused_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rostered(dir.path());
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    let code = |r: floordesk_store::Result<_>| r.err().unwrap().to_problem().code.as_str();
    let now = Actor::system(at("08:00:00"));
    assert_eq!(
        code(floor.record_notice(
            &mut store,
            notice("2001", "07:50:00", NoticeKind::Late, "  "),
            now
        )),
        "notice.reason_required"
    );
    assert_eq!(
        code(floor.record_notice(
            &mut store,
            notice("2001", "08:10:00", NoticeKind::Late, "堵车"),
            now
        )),
        "notice.in_future"
    );
    assert_eq!(
        code(floor.record_notice(
            &mut store,
            notice("9999", "07:50:00", NoticeKind::Late, "堵车"),
            now
        )),
        "break.unknown_agent"
    );
    // After 16:00 nobody has a shift to come (only today's are rostered).
    let late = Actor::system(at("17:00:00"));
    floor.tick(&mut store, at("17:00:00")).unwrap();
    assert_eq!(
        code(floor.record_notice(
            &mut store,
            notice("2001", "17:00:00", NoticeKind::Late, "堵车"),
            late
        )),
        "notice.no_shift"
    );
}

#[test]
fn notices_come_in_events_files_and_replay_agrees_with_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rostered(dir.path());
    let mut text = String::new();
    for no in 2001..=2008 {
        text.push_str(&format!(
            "{{\"ts\": \"2026-11-23T08:20:00+08:00\", \"agent\": \"{no}\", \"state\": \"ready\"}}\n"
        ));
    }
    text.push_str("{\"ts\": \"2026-11-23T08:21:00+08:00\", \"agent\": \"2009\", \"notice\": \"absent\", \"reason\": \"病假\"}\n");
    text.push_str("{\"ts\": \"2026-11-23T08:45:00+08:00\", \"agent\": \"2010\", \"notice\": \"late\", \"reason\": \"堵车\"}\n");
    let lines = parse_events("e.jsonl", &text).unwrap();
    let replayed = store
        .replay_events("e.jsonl", &lines, Some(at("12:00:00")), at("12:00:00"))
        .unwrap();
    let replayed: Vec<_> = replayed.iter().map(|a| (a.agent.clone(), a.rule)).collect();
    assert_eq!(
        replayed,
        [
            ("2010".into(), RuleCode::LateSignIn),
            ("2010".into(), RuleCode::Absent)
        ]
    );

    let n = store
        .ingest_events(
            "e.jsonl",
            &lines,
            EventSource::Cli,
            false,
            Actor::system(at("12:00:00")),
        )
        .unwrap();
    assert_eq!(n, 10);
    store.rejudge_since(at("08:00:00"), at("12:00:00")).unwrap();
    let stored: Vec<_> = attendance(&store, "12:00:00")
        .into_iter()
        .map(|(agent, rule, ..)| (agent, rule))
        .collect();
    assert_eq!(stored, replayed);

    // A notice for nobody's shift names its line.
    let stray = EventLine {
        line: 3,
        event: FloorEvent::Notice(notice("2001", "20:00:00", NoticeKind::Late, "x")),
    };
    let err = store
        .ingest_events("f.jsonl", &[stray], EventSource::Cli, false, actor())
        .unwrap_err();
    let floordesk_store::StoreError::Import { issues, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(
        (issues[0].row, issues[0].code.as_str()),
        (3, "notice.no_shift")
    );
}

#[test]
fn a_notice_cannot_be_changed_or_deleted_in_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rostered(dir.path());
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    floor
        .record_notice(
            &mut store,
            notice("2001", "08:00:00", NoticeKind::Absent, "病假"),
            Actor::system(at("08:00:00")),
        )
        .unwrap();
    drop(floor);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("floor.sqlite")).unwrap();
    let edit = conn.execute("UPDATE notices SET kind = 'late'", []);
    assert!(
        edit.unwrap_err()
            .to_string()
            .contains("a notice is a record")
    );
    let delete = conn.execute("DELETE FROM notices", []);
    assert!(
        delete
            .unwrap_err()
            .to_string()
            .contains("cannot be deleted")
    );
    let kind: String = conn
        .query_row("SELECT kind FROM notices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kind, "absent");
}
