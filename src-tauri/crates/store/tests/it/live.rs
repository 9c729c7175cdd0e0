//! The live floor driven by a test clock: timers fire with no new event, events from other
//! programs are picked up, nothing fires twice, and a restart finds the same alerts.

use crate::common::{actor, demo_asset, fresh, ten_rostered};
use chrono::{DateTime, Utc};
use floordesk_domain::floor::{AgentState, NoticeKind, RuleCode, StateEvent};
use floordesk_store::Actor;
use floordesk_store::floor::EventSource;
use floordesk_store::import::events::EventLine;
use floordesk_store::live::LiveFloor;

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

fn event(agent: &str, local: &str, state: AgentState) -> StateEvent {
    StateEvent {
        at: at(local),
        agent: agent.into(),
        state,
        reason: None,
    }
}

/// agents-import.csv's ten agents (2001–2010), no shifts, the floor loaded at 09:00.
fn ten_agents_at_nine(dir: &std::path::Path) -> (floordesk_store::Store, LiveFloor) {
    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let (floor, _) = LiveFloor::load(&mut store, at("09:00:00")).unwrap();
    (store, floor)
}

fn rules(alerts: &[floordesk_domain::floor::Alert]) -> Vec<(String, RuleCode)> {
    alerts.iter().map(|a| (a.agent.clone(), a.rule)).collect()
}

#[test]
fn the_clock_alone_raises_timer_alerts_once_and_a_restart_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");

    let (mut floor, raised) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    assert!(raised.is_empty());
    for no in 2001..=2008 {
        let e = event(&no.to_string(), "08:20:00", AgentState::Ready);
        floor
            .set_state(&mut store, e, Actor::system(at("08:20:00")))
            .unwrap();
    }
    assert_eq!(floor.ready_count(), 8);

    let late = floor.tick(&mut store, at("08:27:00")).unwrap();
    assert_eq!(
        rules(&late),
        [
            ("2009".into(), RuleCode::LateSignIn),
            ("2010".into(), RuleCode::LateSignIn)
        ]
    );
    assert!(
        floor.tick(&mut store, at("08:27:01")).unwrap().is_empty(),
        "fires once"
    );

    let brk = event("2001", "10:00:00", AgentState::SmallBreak);
    floor
        .set_state(&mut store, brk, Actor::system(at("10:00:00")))
        .unwrap();
    assert!(
        floor.tick(&mut store, at("10:10:00")).unwrap().is_empty(),
        "exactly 10 minutes is allowed"
    );
    let over = floor.tick(&mut store, at("10:10:01")).unwrap();
    assert_eq!(rules(&over), [("2001".into(), RuleCode::BreakOverrun)]);
    assert_eq!(over[0].at, at("10:10:00"));
    let now = floor
        .snapshot(at("10:10:30"))
        .into_iter()
        .find(|a| a.agent == "2001")
        .unwrap();
    assert_eq!(
        (now.state, now.elapsed_secs, now.limit_secs),
        (AgentState::SmallBreak, Some(630), Some(600))
    );

    // Another program (the CLI) stores an event; the next tick picks it up.
    let external = EventLine {
        line: 1,
        event: event("2002", "10:20:00", AgentState::Meal).into(),
    };
    store
        .ingest_events(
            "feed",
            &[external],
            EventSource::Cli,
            false,
            Actor::system(at("10:20:00")),
        )
        .unwrap();
    floor.tick(&mut store, at("10:20:01")).unwrap();
    assert_eq!(
        floor.state_of("2002", at("10:20:01")),
        Some(AgentState::Meal)
    );
    let meal = floor.tick(&mut store, at("10:50:01")).unwrap();
    // 2001 is still on the break that started at 10:00: past 30 minutes of breaks at 10:30.
    assert_eq!(
        rules(&meal),
        [
            ("2001".into(), RuleCode::BreakTotalExceeded),
            ("2002".into(), RuleCode::MealOverrun)
        ]
    );

    // A restart rebuilds the same floor and finds nothing new to raise.
    drop(floor);
    let (floor, again) = LiveFloor::load(&mut store, at("10:50:02")).unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(
        floor.state_of("2001", at("10:50:02")),
        Some(AgentState::SmallBreak)
    );
    let stored = store
        .alerts_on(
            "2026-11-23".parse().unwrap(),
            chrono_tz::Asia::Shanghai,
            at("10:50:02"),
        )
        .unwrap();
    let stored: Vec<_> = stored
        .into_iter()
        .map(|s| (s.alert.agent, s.alert.rule))
        .collect();
    assert_eq!(
        stored,
        [
            ("2009".into(), RuleCode::LateSignIn),
            ("2010".into(), RuleCode::LateSignIn),
            ("2009".into(), RuleCode::Absent),
            ("2010".into(), RuleCode::Absent),
            ("2001".into(), RuleCode::BreakOverrun),
            ("2001".into(), RuleCode::BreakTotalExceeded),
            ("2002".into(), RuleCode::MealOverrun),
        ]
    );
}

#[test]
fn a_late_correction_rejudges_from_when_it_took_effect() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut floor) = ten_agents_at_nine(dir.path());
    let brk = event("2001", "09:00:00", AgentState::SmallBreak);
    floor
        .set_state(&mut store, brk, Actor::system(at("09:00:00")))
        .unwrap();
    assert!(floor.tick(&mut store, at("09:05:00")).unwrap().is_empty());
    // At 09:30 the lead records that 2001 was back at 09:04: the break never overran.
    let back = event("2001", "09:04:00", AgentState::Ready);
    let raised = floor
        .set_state(&mut store, back, Actor::system(at("09:30:00")))
        .unwrap();
    assert!(raised.is_empty(), "{raised:?}");
    assert_eq!(
        floor.state_of("2001", at("09:30:00")),
        Some(AgentState::Ready)
    );
    assert!(floor.tick(&mut store, at("09:30:01")).unwrap().is_empty());
}

#[test]
fn the_demo_floor_comes_alive() {
    let mut store = floordesk_store::Store::open_in_memory().unwrap();
    store.load_demo(at("08:00:00"), actor()).unwrap();
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    let mut rng = floordesk_domain::floor::sim::XorShift::new(42);
    let start = at("08:00:00");
    for s in 0..3600 {
        floor
            .demo_step(&mut store, &mut rng, start + chrono::Duration::seconds(s))
            .unwrap();
    }
    let now = start + chrono::Duration::seconds(3600);
    let snapshot = floor.snapshot(now);
    let working = snapshot
        .iter()
        .filter(|a| {
            matches!(
                a.state,
                AgentState::Ready | AgentState::Busy | AgentState::WrapUp
            )
        })
        .count();
    let on_shift = snapshot
        .iter()
        .filter(|a| floor.on_shift(&a.agent, now))
        .count();
    assert!(
        on_shift > 10 && working * 2 > on_shift,
        "{working} of {on_shift} on shift are working"
    );
    let busy_or_wrap = snapshot
        .iter()
        .filter(|a| matches!(a.state, AgentState::Busy | AgentState::WrapUp))
        .count();
    assert!(busy_or_wrap > 0, "some contacts under way");
    assert!(
        snapshot
            .iter()
            .filter(|a| !floor.on_shift(&a.agent, now))
            .all(|a| a.state == AgentState::SignedOut || a.since.is_some())
    );
}

#[test]
fn a_large_batch_is_stored_whole_and_in_order_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    // 64-row statements and single rows for the rest: 2 × 64 + 3 lines.
    let states = [
        AgentState::Ready,
        AgentState::Busy,
        AgentState::WrapUp,
        AgentState::Other,
    ];
    let lines: Vec<EventLine> = (0..131u32)
        .map(|i| EventLine {
            line: i + 1,
            event: StateEvent {
                at: at("09:00:00") + chrono::Duration::seconds(i64::from(i / 3)),
                agent: (2001 + i % 10).to_string(),
                state: states[i as usize % 4],
                reason: (i % 4 == 3).then(|| format!("原因{i}")),
            }
            .into(),
        })
        .collect();
    let n = store
        .ingest_events("big", &lines, EventSource::Cli, false, actor())
        .unwrap();
    assert_eq!(n, 131);
    let stored = store
        .events_between(at("00:00:00"), at("23:59:59"))
        .unwrap();
    let sent: Vec<StateEvent> = lines
        .iter()
        .filter_map(|l| l.event.as_state().cloned())
        .collect();
    assert_eq!(stored, sent);
}

#[test]
fn a_push_carries_only_the_cards_and_lists_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut floor) = ten_agents_at_nine(dir.path());
    let first = floor.board(&store, at("09:00:00")).unwrap();
    let all = first.delta_from(None, 1);
    assert_eq!(all.agents.len(), 10);
    assert!(all.open_alerts.is_some() && all.break_queue.is_some());

    // Time alone changes no card: the timers count from `since` on the screen.
    floor
        .set_state(
            &mut store,
            event("2001", "09:00:00", AgentState::Ready),
            actor(),
        )
        .unwrap();
    let second = floor.board(&store, at("09:00:05")).unwrap();
    let third = floor.board(&store, at("09:00:09")).unwrap();
    let quiet = third.delta_from(Some(&second), 3);
    assert!(quiet.agents.is_empty(), "{:?}", quiet.agents);
    assert_eq!(quiet.open_alerts, None);
    assert_eq!(quiet.break_queue, None);

    let changed = second.delta_from(Some(&first), 2);
    let nos: Vec<&str> = changed
        .agents
        .iter()
        .map(|a| a.employee_no.as_str())
        .collect();
    assert_eq!(nos, ["2001"]);
    assert_eq!(changed.ready_count, 1);
    assert!(changed.removed.is_empty());

    let id = store
        .list_agents(false)
        .unwrap()
        .into_iter()
        .find(|a| a.employee_no == "2002")
        .unwrap()
        .id;
    store.set_agent_active(id, false, actor()).unwrap();
    let fourth = floor.board(&store, at("09:00:10")).unwrap();
    assert_eq!(fourth.delta_from(Some(&third), 4).removed, ["2002"]);
}

/// Opened at any hour, the demo floor shows agents at work, and an absence on the board is an
/// agent who is really not there (issue: the demo was dead outside Shanghai's daytime, and at
/// 10:20 showed 40 absences for agents on calls).
#[test]
fn the_demo_floor_is_alive_at_any_hour() {
    for local in [
        "03:50:00", "07:55:00", "10:20:00", "15:30:00", "20:00:00", "23:45:00",
    ] {
        let now = at(local);
        let mut store = floordesk_store::Store::open_in_memory().unwrap();
        store.load_demo(now, actor()).unwrap();
        let (floor, _) = LiveFloor::load(&mut store, now).unwrap();
        let snapshot = floor.snapshot(now);
        let at_work = |s: AgentState| !matches!(s, AgentState::SignedOut);
        let working = snapshot
            .iter()
            .filter(|a| floor.on_shift(&a.agent, now) && at_work(a.state))
            .count();
        assert!(working >= 3, "at {local}: {working} agents at work");
        let notices = store.current_notices(now).unwrap();
        let queue = store.break_queue().unwrap();
        if local != "23:45:00" {
            // The demo's one notice is about a shift running or to come (none is due before
            // tomorrow's day shift at 23:45, and tomorrow is not loaded).
            assert_eq!(notices.len(), 1, "at {local}: {notices:?}");
        }
        for notice in notices.values() {
            let agent = snapshot
                .iter()
                .find(|a| a.agent == notice.employee_no)
                .unwrap();
            if notice.before_start && notice.kind == NoticeKind::Absent {
                assert_eq!(agent.state, AgentState::SignedOut, "at {local}");
            }
        }
        // With three or fewer agents idle a break waits in the queue; with more it starts.
        if floor.ready_count() <= 3 {
            assert_eq!(queue.len(), 1, "at {local}: a break waits");
        } else {
            assert!(queue.is_empty(), "at {local}");
        }
        for alert in store.open_alerts(500, now).unwrap() {
            let Some(agent) = snapshot.iter().find(|a| a.agent == alert.alert.agent) else {
                continue;
            };
            let this_shift =
                agent.shift_date.is_some() && agent.shift_date == alert.alert.shift_date;
            if alert.alert.rule == RuleCode::Absent && this_shift {
                assert!(
                    !at_work(agent.state),
                    "at {local}: {} is absent but {:?}",
                    agent.agent,
                    agent.state
                );
            }
        }
    }
}
