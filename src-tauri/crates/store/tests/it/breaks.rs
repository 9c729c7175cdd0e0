//! Break requests on a live floor driven by a test clock: granted at once above the guard,
//! queued when the line is full and granted in order as agents come back, out-of-turn grants
//! with a reason, cancellation, and every step kept in the record.

use chrono::{DateTime, Utc};
use floordesk_domain::floor::breaks::DropReason;
use floordesk_domain::floor::{AgentState, RuleCode, StateEvent};
use floordesk_store::Actor;
use floordesk_store::Store;
use floordesk_store::breaks::BreakStatus;
use floordesk_store::live::LiveFloor;

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

fn set(floor: &mut LiveFloor, store: &mut Store, agent: &str, local: &str, state: AgentState) {
    let event = StateEvent {
        at: at(local),
        agent: agent.into(),
        state,
        reason: None,
    };
    floor
        .set_state(store, event, Actor::system(at(local)))
        .unwrap();
}

/// Ten agents 2001..2010 rostered 09:30–17:00 (so the 满线 count applies, and signing in at
/// 09:00 is on time); `ready` of them ready from 09:00, the rest busy.
fn floor_with(dir: &std::path::Path, ready: u32) -> (Store, LiveFloor) {
    let mut store = crate::common::ten_rostered(dir, "09:30", "17:00");
    let (mut floor, _) = LiveFloor::load(&mut store, at("09:00:00")).unwrap();
    for no in 2001..=2010 {
        let state = if no - 2000 <= ready {
            AgentState::Ready
        } else {
            AgentState::Busy
        };
        set(&mut floor, &mut store, &no.to_string(), "09:00:00", state);
    }
    (store, floor)
}

fn state(floor: &LiveFloor, agent: &str, local: &str) -> AgentState {
    floor.state_of(agent, at(local)).unwrap()
}

#[test]
fn above_the_guard_a_request_starts_the_break_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut floor) = floor_with(dir.path(), 6);
    let (request, alerts) = floor
        .request_break(&mut store, "2001", Actor::system(at("10:00:00")))
        .unwrap();
    assert!(alerts.is_empty(), "{alerts:?}");
    assert_eq!(request.status, BreakStatus::Granted);
    assert!(!request.queued);
    assert_eq!(request.decided_at, Some(at("10:00:00")));
    assert_eq!(state(&floor, "2001", "10:00:00"), AgentState::SmallBreak);
    assert_eq!(floor.ready_count(), 5);
}

#[test]
fn when_the_line_is_full_requests_wait_and_are_granted_in_order_as_agents_come_back() {
    let dir = tempfile::tempdir().unwrap();
    // Four ready: the first request leaves three (the guard), so it starts; the next two wait.
    let (mut store, mut floor) = floor_with(dir.path(), 4);
    let (first, _) = floor
        .request_break(&mut store, "2001", Actor::system(at("10:00:00")))
        .unwrap();
    assert_eq!(first.status, BreakStatus::Granted);
    let (second, _) = floor
        .request_break(&mut store, "2002", Actor::system(at("10:01:00")))
        .unwrap();
    let (third, _) = floor
        .request_break(&mut store, "2003", Actor::system(at("10:02:00")))
        .unwrap();
    assert_eq!(second.status, BreakStatus::Waiting);
    assert!(second.queued);
    assert_eq!(third.status, BreakStatus::Waiting);
    let queue: Vec<String> = store
        .break_queue()
        .unwrap()
        .into_iter()
        .map(|r| r.employee_no)
        .collect();
    assert_eq!(queue, ["2002", "2003"]);
    assert_eq!(state(&floor, "2002", "10:02:00"), AgentState::Ready);

    // A busy agent comes free: four ready again, so the head of the queue goes at that very
    // moment, not 2003.
    set(
        &mut floor,
        &mut store,
        "2005",
        "10:05:00",
        AgentState::Ready,
    );
    floor.tick(&mut store, at("10:05:01")).unwrap();
    assert_eq!(state(&floor, "2002", "10:05:01"), AgentState::SmallBreak);
    assert_eq!(state(&floor, "2003", "10:05:01"), AgentState::Ready);
    let second = store.break_request(second.id).unwrap();
    assert_eq!(second.status, BreakStatus::Granted);
    assert_eq!(second.decided_at, Some(at("10:05:00")));
    assert_eq!(second.out_of_turn_reason, None);

    // The first comes back from break: 2003 goes. No grant ever raised a line-full alert.
    set(
        &mut floor,
        &mut store,
        "2001",
        "10:09:00",
        AgentState::Ready,
    );
    floor.tick(&mut store, at("10:09:01")).unwrap();
    assert_eq!(state(&floor, "2003", "10:09:01"), AgentState::SmallBreak);
    assert!(store.break_queue().unwrap().is_empty());
    let alerts = store
        .alerts_on(
            "2026-11-23".parse().unwrap(),
            chrono_tz::Asia::Shanghai,
            at("12:00:00"),
        )
        .unwrap();
    assert!(
        alerts
            .iter()
            .all(|a| a.alert.rule != RuleCode::BreakDuringLineFull),
        "{alerts:?}"
    );

    // The day's record: three requests, newest first, with their waits.
    let day = store
        .break_requests_on("2026-11-23".parse().unwrap(), chrono_tz::Asia::Shanghai)
        .unwrap();
    let record: Vec<(&str, BreakStatus, bool)> = day
        .iter()
        .map(|r| (r.employee_no.as_str(), r.status, r.queued))
        .collect();
    assert_eq!(
        record,
        [
            ("2003", BreakStatus::Granted, true),
            ("2002", BreakStatus::Granted, true),
            ("2001", BreakStatus::Granted, false),
        ]
    );
}

#[test]
fn a_lead_grants_out_of_turn_with_a_reason_and_the_rule_still_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut floor) = floor_with(dir.path(), 2);
    let (request, _) = floor
        .request_break(&mut store, "2004", Actor::system(at("10:00:00")))
        .unwrap();
    assert_eq!(request.status, BreakStatus::Waiting);

    let lead = Actor::system(at("10:03:00"));
    let refused = floor.grant_break_out_of_turn(&mut store, request.id, "  ", lead);
    assert_eq!(
        refused.unwrap_err().to_problem().code,
        "break.reason_required"
    );
    let alerts = floor
        .grant_break_out_of_turn(&mut store, request.id, "身体不适", lead)
        .unwrap();
    assert_eq!(
        alerts.iter().map(|a| a.rule).collect::<Vec<_>>(),
        [RuleCode::BreakDuringLineFull],
        "an out-of-turn grant inside the guard is still on the record as a line-full break"
    );
    let granted = store.break_request(request.id).unwrap();
    assert_eq!(granted.status, BreakStatus::Granted);
    assert_eq!(granted.out_of_turn_reason.as_deref(), Some("身体不适"));
    assert_eq!(state(&floor, "2004", "10:03:00"), AgentState::SmallBreak);

    let again = floor.grant_break_out_of_turn(&mut store, request.id, "再来", lead);
    assert_eq!(again.unwrap_err().to_problem().code, "break.not_waiting");
}

#[test]
fn requests_are_refused_for_signed_out_or_already_waiting_agents() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut floor) = floor_with(dir.path(), 2);
    let now = Actor::system(at("10:00:00"));
    floor.request_break(&mut store, "2001", now).unwrap();
    let twice = floor.request_break(&mut store, "2001", now).unwrap_err();
    assert_eq!(twice.to_problem().code, "break.already_waiting");
    set(
        &mut floor,
        &mut store,
        "2002",
        "10:00:30",
        AgentState::SignedOut,
    );
    let out = floor
        .request_break(&mut store, "2002", Actor::system(at("10:01:00")))
        .unwrap_err();
    assert_eq!(out.to_problem().code, "break.signed_out");
    let nobody = floor
        .request_break(&mut store, "9999", Actor::system(at("10:01:00")))
        .unwrap_err();
    assert_eq!(nobody.to_problem().code, "break.unknown_agent");
}

#[test]
fn the_queue_lets_go_of_agents_who_left_and_a_cancel_moves_the_next_one_up() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut floor) = floor_with(dir.path(), 3);
    let (a, _) = floor
        .request_break(&mut store, "2001", Actor::system(at("10:00:00")))
        .unwrap();
    let (b, _) = floor
        .request_break(&mut store, "2002", Actor::system(at("10:00:10")))
        .unwrap();
    let (c, _) = floor
        .request_break(&mut store, "2006", Actor::system(at("10:00:20")))
        .unwrap();
    // 2001 signs out while waiting: dropped by the queue on the next tick.
    set(
        &mut floor,
        &mut store,
        "2001",
        "10:01:00",
        AgentState::SignedOut,
    );
    floor.tick(&mut store, at("10:01:01")).unwrap();
    let a = store.break_request(a.id).unwrap();
    assert_eq!(a.status, BreakStatus::Dropped);
    assert_eq!(a.drop_reason, Some(DropReason::SignedOut));

    // Two agents come free (4 ready after 2001 left): 2002, the head, goes.
    set(
        &mut floor,
        &mut store,
        "2007",
        "10:02:00",
        AgentState::Ready,
    );
    set(
        &mut floor,
        &mut store,
        "2008",
        "10:02:00",
        AgentState::Ready,
    );
    floor.tick(&mut store, at("10:02:01")).unwrap();
    assert_eq!(
        store.break_request(b.id).unwrap().status,
        BreakStatus::Granted
    );
    // Then 2006, busy, with three ready: a busy agent was never idle, so three is the guard
    // and it waits (seed 003: "话务空闲数小于或等于3").
    assert_eq!(
        store.break_request(c.id).unwrap().status,
        BreakStatus::Waiting
    );
    // One more comes free: four ready, and 2006 goes.
    set(
        &mut floor,
        &mut store,
        "2009",
        "10:02:30",
        AgentState::Ready,
    );
    floor.tick(&mut store, at("10:02:31")).unwrap();
    assert_eq!(
        store.break_request(c.id).unwrap().status,
        BreakStatus::Granted
    );
    // 2009 takes a call again: three ready, so 2003's request waits.
    set(&mut floor, &mut store, "2009", "10:02:40", AgentState::Busy);

    let (d, _) = floor
        .request_break(&mut store, "2003", Actor::system(at("10:03:00")))
        .unwrap();
    assert_eq!(d.status, BreakStatus::Waiting);
    floor
        .cancel_break(&mut store, d.id, Actor::system(at("10:04:00")))
        .unwrap();
    let d = store.break_request(d.id).unwrap();
    assert_eq!(d.status, BreakStatus::Cancelled);
    assert_eq!(d.decided_at, Some(at("10:04:00")));
    assert!(store.break_queue().unwrap().is_empty());
    assert_eq!(state(&floor, "2003", "10:04:00"), AgentState::Ready);
}

#[test]
fn a_restart_finds_the_queue_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path;
    {
        let (mut store, mut floor) = floor_with(dir.path(), 3);
        floor
            .request_break(&mut store, "2001", Actor::system(at("10:00:00")))
            .unwrap();
        path = store.path().unwrap().to_owned();
    }
    let mut store = Store::open(&path).unwrap();
    let queue = store.break_queue().unwrap();
    assert_eq!(queue.len(), 1);
    let (mut floor, _) = LiveFloor::load(&mut store, at("10:05:00")).unwrap();
    set(
        &mut floor,
        &mut store,
        "2004",
        "10:06:00",
        AgentState::Ready,
    );
    floor.tick(&mut store, at("10:06:01")).unwrap();
    assert_eq!(state(&floor, "2001", "10:06:01"), AgentState::SmallBreak);
}
