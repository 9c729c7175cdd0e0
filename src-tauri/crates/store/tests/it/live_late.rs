//! Events a feed stores late (stamped when they happened, committed after the floor moved on):
//! the live floor puts them in their place without reading the day again, and ends where a
//! fresh load of the same store ends.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::floor::{AgentState, Notice, NoticeKind, RuleCode, StateEvent};
use floordesk_store::floor::EventSource;
use floordesk_store::import::events::EventLine;
use floordesk_store::live::LiveFloor;
use floordesk_store::{Actor, Store};
use proptest::prelude::*;

use crate::common::{fresh, ten_rostered};

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

/// Another program (the CLI ingesting a feed) stores these events, committed at `committed`.
fn feed(store: &mut Store, events: &[(&str, DateTime<Utc>, AgentState)], committed: DateTime<Utc>) {
    let lines: Vec<EventLine> = events
        .iter()
        .enumerate()
        .map(|(i, (agent, at, state))| EventLine {
            line: u32::try_from(i + 1).unwrap(),
            event: StateEvent {
                at: *at,
                agent: (*agent).into(),
                state: *state,
                reason: None,
            }
            .into(),
        })
        .collect();
    store
        .ingest_events(
            "feed",
            &lines,
            EventSource::Cli,
            false,
            Actor::system(committed),
        )
        .unwrap();
}

/// The agents `nos` sign in (ready) at 08:20, stored at once.
fn ready_at_820(store: &mut Store, nos: std::ops::RangeInclusive<u32>) {
    let names: Vec<String> = nos.map(|no| no.to_string()).collect();
    let ready: Vec<_> = names
        .iter()
        .map(|no| (no.as_str(), at("08:20:00"), AgentState::Ready))
        .collect();
    feed(store, &ready, at("08:20:00"));
}

/// The floor a restart would build from the same store at `now`: the same cards, and no alert
/// the running floor had not already raised.
fn assert_as_reloaded(store: &mut Store, floor: &LiveFloor, now: DateTime<Utc>) {
    let (fresh, missed) = LiveFloor::load(store, now).unwrap();
    assert_eq!(floor.snapshot(now), fresh.snapshot(now));
    assert_eq!(
        (floor.ready_count(), floor.line_full_announced()),
        (fresh.ready_count(), fresh.line_full_announced())
    );
    assert!(
        missed.is_empty(),
        "alerts a reload raises that the floor did not: {missed:?}"
    );
}

#[test]
fn an_event_stored_late_is_put_in_its_place_without_reading_the_day_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:00:00")).unwrap();
    ready_at_820(&mut store, 2001..=2010);
    floor.tick(&mut store, at("08:20:01")).unwrap();
    feed(
        &mut store,
        &[("2001", at("09:00:00"), AgentState::SmallBreak)],
        at("09:00:00"),
    );
    floor.tick(&mut store, at("09:00:00")).unwrap();
    floor.tick(&mut store, at("09:09:50")).unwrap();

    // Stamped 09:09:30, committed at 09:10:20, after the floor's tick at 09:10:10.
    floor.tick(&mut store, at("09:10:10")).unwrap();
    feed(
        &mut store,
        &[("2001", at("09:09:30"), AgentState::Ready)],
        at("09:10:20"),
    );
    let raised = floor.tick(&mut store, at("09:10:20")).unwrap();

    assert_eq!(floor.reloads(), 0, "replayed, not reloaded");
    assert!(raised.is_empty(), "back before ten minutes: {raised:?}");
    let card = floor
        .snapshot(at("09:10:20"))
        .into_iter()
        .find(|a| a.agent == "2001")
        .unwrap();
    assert_eq!(
        (card.state, card.since),
        (AgentState::Ready, Some(at("09:09:30")))
    );
    assert_as_reloaded(&mut store, &floor, at("09:10:20"));

    // The replay holds the floor from the last input that was two minutes old at the last tick
    // (2001's break at 09:00) on; a correction from before that (stored at 09:30, for 08:50)
    // reads the day again.
    feed(
        &mut store,
        &[("2002", at("08:50:00"), AgentState::Meal)],
        at("09:30:00"),
    );
    floor.tick(&mut store, at("09:30:00")).unwrap();
    assert_eq!(floor.reloads(), 1);
    assert_eq!(
        floor.state_of("2002", at("09:30:00")),
        Some(AgentState::Meal)
    );
    assert_as_reloaded(&mut store, &floor, at("09:30:00"));
}

#[test]
fn a_return_stored_after_the_break_limit_passed_still_ends_the_break_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(
            &crate::common::demo_asset("agents-import.csv"),
            crate::common::actor(),
        )
        .unwrap();
    let (mut floor, _) = LiveFloor::load(&mut store, at("09:00:00")).unwrap();
    feed(
        &mut store,
        &[("2003", at("09:00:00"), AgentState::SmallBreak)],
        at("09:00:00"),
    );
    floor.tick(&mut store, at("09:00:00")).unwrap();
    // The overrun is due at 09:10:01; the floor's tick at 09:10:00 raises nothing yet, and the
    // return at 09:09:59 is committed at 09:10:02, after the limit.
    assert!(floor.tick(&mut store, at("09:10:00")).unwrap().is_empty());
    feed(
        &mut store,
        &[("2003", at("09:09:59"), AgentState::Ready)],
        at("09:10:02"),
    );
    let raised = floor.tick(&mut store, at("09:10:02")).unwrap();
    assert!(raised.is_empty(), "{raised:?}");
    assert_eq!(floor.reloads(), 0);
    // Had it not been put in its place, the next tick would raise the overrun.
    let later = floor.tick(&mut store, at("09:20:00")).unwrap();
    assert!(
        !later.iter().any(|a| a.rule == RuleCode::BreakOverrun),
        "{later:?}"
    );
}

#[test]
fn a_backdated_notice_stored_after_a_newer_one_in_the_same_batch_is_put_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    let (mut floor, _) = LiveFloor::load(&mut store, at("08:20:00")).unwrap();
    ready_at_820(&mut store, 2001..=2008);
    floor.tick(&mut store, at("08:20:00")).unwrap();
    floor.tick(&mut store, at("08:31:00")).unwrap();

    // Another program (a second window, the CLI) records two notices between two ticks: first
    // 2009's, phoned at 08:31:30, then 2010's, phoned at 08:30:40, before the floor's last tick.
    // They come back in the order stored, the older second.
    let mut other = Store::open(&dir.path().join("floor.sqlite")).unwrap();
    let (mut other_floor, _) = LiveFloor::load(&mut other, at("08:31:30")).unwrap();
    for (agent, phoned) in [("2009", "08:31:30"), ("2010", "08:30:40")] {
        other_floor
            .record_notice(
                &mut other,
                Notice {
                    at: at(phoned),
                    agent: agent.into(),
                    kind: NoticeKind::Late,
                    reason: Some("地铁故障".into()),
                },
                Actor::system(at("08:31:30")),
            )
            .unwrap();
    }
    floor.tick(&mut store, at("08:31:30")).unwrap();

    assert_eq!(floor.reloads(), 0, "replayed, not reloaded");
    assert_as_reloaded(&mut store, &floor, at("08:31:30"));
    floor.tick(&mut store, at("08:45:00")).unwrap();
    assert_as_reloaded(&mut store, &floor, at("08:45:00"));
}

const STATES: [AgentState; 6] = [
    AgentState::Ready,
    AgentState::Busy,
    AgentState::WrapUp,
    AgentState::SmallBreak,
    AgentState::Meal,
    AgentState::SignedOut,
];

/// One commit of the feed: the clock moves on, then events stamped up to `lateness` seconds
/// before the commit are stored (never before the agent's own last event, as a feed sends them),
/// or the monitor marks the line full.
#[derive(Debug, Clone)]
struct Step {
    advance_secs: i64,
    events: Vec<(usize, usize, i64)>,
    line_full: Option<bool>,
}

fn step() -> impl Strategy<Value = Step> {
    (
        0i64..90,
        prop::collection::vec((0usize..10, 0usize..STATES.len(), 0i64..200), 0..5),
        prop::option::weighted(0.1, any::<bool>()),
    )
        .prop_map(|(advance_secs, events, line_full)| Step {
            advance_secs,
            events,
            line_full,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the lateness (within the replay's reach or beyond it), after every commit the
    /// running floor shows what a fresh load shows and has raised every alert it would.
    #[test]
    fn a_late_feed_leaves_the_floor_as_a_reload_would(steps in prop::collection::vec(step(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = ten_rostered(dir.path(), "08:30", "12:00");
        let mut now = at("08:25:00");
        let (mut floor, _) = LiveFloor::load(&mut store, now).unwrap();
        let mut last: HashMap<usize, DateTime<Utc>> = HashMap::new();
        for step in steps {
            now += Duration::seconds(step.advance_secs);
            let names: Vec<String> = (2001..=2010).map(|n: i32| n.to_string()).collect();
            let mut events = Vec::new();
            for (agent, state, late) in step.events {
                let stamped = (now - Duration::seconds(late)).max(*last.get(&agent).unwrap_or(&at("08:00:00")));
                last.insert(agent, stamped);
                events.push((names[agent].as_str(), stamped, STATES[state]));
            }
            if !events.is_empty() {
                feed(&mut store, &events, now);
            }
            floor.tick(&mut store, now).unwrap();
            if let Some(on) = step.line_full {
                floor.set_line_full(&mut store, on, Actor::system(now)).unwrap();
            }
            assert_as_reloaded(&mut store, &floor, now);
        }
    }
}
