//! The break-request queue: granted at once above the guard, held in order when the line is
//! full, and never a grant that the line-full rule would flag.
//!
//! 满线 is "话务空闲数小于或等于3" (seed 003): the agents in ready just before the break, the one
//! asking counted only if they are ready themselves. The count holds a break only while someone
//! is within a shift; an announced line full holds every break.

use chrono::{DateTime, Duration, TimeZone, Utc};
use floordesk_domain::floor::breaks::{DropReason, QueueStep, WaitingBreak, settle_queue};
use floordesk_domain::floor::{
    AgentState, FloorEngine, FloorPolicy, RuleCode, ShiftSpan, StateEvent,
};
use proptest::prelude::*;

use AgentState::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap()
}

fn name(i: usize) -> String {
    format!("a{i}")
}

fn span(agent: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> ShiftSpan {
    ShiftSpan {
        agent: agent.to_owned(),
        shift_date: (start + Duration::hours(8)).date_naive(),
        start,
        end,
    }
}

/// A shift for `a{i}` that holds t0, so the computed guard applies.
fn on_shift(i: usize) -> ShiftSpan {
    span(
        &name(i),
        t0() - Duration::hours(1),
        t0() + Duration::hours(8),
    )
}

/// A floor where agent `a{i}` is in `states[i]` at t0, with the given shifts, guard 3.
fn floor_with(states: &[AgentState], shifts: Vec<ShiftSpan>) -> FloorEngine {
    let mut engine = FloorEngine::new(FloorPolicy::default(), shifts, Vec::new());
    for (i, s) in states.iter().enumerate() {
        engine
            .apply(&StateEvent {
                at: t0(),
                agent: name(i),
                state: *s,
                reason: None,
            })
            .unwrap();
    }
    engine
}

/// A floor where every agent is within a shift at t0.
fn floor(states: &[AgentState]) -> FloorEngine {
    floor_with(states, (0..states.len()).map(on_shift).collect())
}

fn waiting(ids: &[usize]) -> Vec<WaitingBreak> {
    ids.iter()
        .map(|&i| WaitingBreak {
            id: i as i64 + 100,
            agent: name(i),
        })
        .collect()
}

fn granted(steps: &[QueueStep]) -> Vec<i64> {
    steps
        .iter()
        .filter_map(|s| match s {
            QueueStep::Grant { id, .. } => Some(*id),
            QueueStep::Drop { .. } => None,
        })
        .collect()
}

/// Starts a small break for `agent` at the engine's instant; the break_during_line_full it
/// raises, if any, by its detail.
fn start_break(engine: &mut FloorEngine, agent: &str) -> Option<String> {
    let alerts = engine
        .apply(&StateEvent {
            at: engine.now().unwrap(),
            agent: agent.to_owned(),
            state: SmallBreak,
            reason: None,
        })
        .unwrap();
    let mut held = alerts
        .into_iter()
        .filter(|a| a.rule == RuleCode::BreakDuringLineFull);
    let detail = held.next().map(|a| a.detail);
    assert!(held.next().is_none());
    detail
}

#[test]
fn a_request_above_the_guard_is_granted_at_once() {
    // Five ready, the one asking among them: 5 > 3.
    let engine = floor(&[Ready, Ready, Ready, Ready, Ready]);
    assert_eq!(granted(&settle_queue(&engine, &waiting(&[0]))), vec![100]);
}

#[test]
fn a_request_at_the_guard_waits() {
    // Three ready, the one asking among them: that is the guard itself, so the line is full.
    let mut engine = floor(&[Ready, Ready, Ready, Busy, Busy]);
    assert!(engine.line_full());
    assert!(settle_queue(&engine, &waiting(&[0])).is_empty());
    assert_eq!(
        start_break(&mut engine, "a0").as_deref(),
        Some("3 agents ready (guard 3)")
    );
}

#[test]
fn the_queue_is_served_in_order_and_each_grant_uses_up_an_idle_agent() {
    // Six ready, guard 3: 6 > 3 grant (5 left), 5 > 3 grant (4 left), 4 > 3 grant (3 left),
    // then 3 ≤ 3: the fourth waits, and so does the fifth behind it.
    let engine = floor(&[Ready, Ready, Ready, Ready, Ready, Ready]);
    let steps = settle_queue(&engine, &waiting(&[5, 4, 3, 2, 1]));
    assert_eq!(granted(&steps), vec![105, 104, 103]);
}

#[test]
fn a_busy_agent_asking_with_three_idle_is_held_by_the_queue_and_the_rule() {
    // Three ready and the busy one asking: the busy agent is not idle, so 3 ≤ 3, line full.
    // (The old count took the busy agent for idle, 4, and let the break go.)
    let mut engine = floor(&[Ready, Ready, Ready, Busy]);
    assert!(engine.line_full());
    assert!(settle_queue(&engine, &waiting(&[3])).is_empty());
    assert_eq!(
        start_break(&mut engine, "a3").as_deref(),
        Some("3 agents ready (guard 3)")
    );
    // The same from after-contact work.
    let mut engine = floor(&[Ready, Ready, Ready, WrapUp]);
    assert!(settle_queue(&engine, &waiting(&[3])).is_empty());
    assert!(start_break(&mut engine, "a3").is_some());
}

#[test]
fn a_ready_agent_asking_with_three_others_idle_is_granted_by_the_queue_and_the_rule() {
    // Four ready in all, the one asking among them: 4 > 3, not full (3 are left once they go).
    let mut engine = floor(&[Ready, Ready, Ready, Ready, Busy]);
    assert!(!engine.line_full());
    assert_eq!(granted(&settle_queue(&engine, &waiting(&[0]))), vec![100]);
    assert_eq!(start_break(&mut engine, "a0"), None);
    // Now three are ready: the next one is held, whoever asks.
    assert!(engine.line_full());
    assert!(settle_queue(&engine, &waiting(&[1])).is_empty());
    assert!(settle_queue(&engine, &waiting(&[4])).is_empty());
}

#[test]
fn a_busy_agents_grant_uses_up_no_idle_agent() {
    // Four ready and a busy head: 4 > 3 grant, still 4 ready; 4 > 3 grant (3 left); 3 ≤ 3 waits.
    let mut engine = floor(&[Ready, Ready, Ready, Ready, Busy]);
    let steps = settle_queue(&engine, &waiting(&[4, 0, 1]));
    assert_eq!(granted(&steps), vec![104, 100]);
    // Started in that order, the rule agrees with each grant and with the wait.
    assert_eq!(start_break(&mut engine, "a4"), None);
    assert_eq!(start_break(&mut engine, "a0"), None);
    assert_eq!(
        start_break(&mut engine, "a1").as_deref(),
        Some("3 agents ready (guard 3)")
    );
}

#[test]
fn nobody_jumps_a_held_head() {
    // The head (ready) sees 3 ready: held. The count does not depend on who asks, so the busy
    // agent behind sees the same 3 and waits too; so would anyone behind a held head.
    let engine = floor(&[Ready, Ready, Ready, Busy]);
    assert!(granted(&settle_queue(&engine, &waiting(&[0, 3]))).is_empty());
    assert!(granted(&settle_queue(&engine, &waiting(&[3, 0]))).is_empty());
    // Served in order even when another order would grant more: the ready head goes first and
    // leaves 3, so the busy agent behind waits, though granted first both would have gone.
    let engine = floor(&[Ready, Ready, Ready, Ready, Busy]);
    assert_eq!(
        granted(&settle_queue(&engine, &waiting(&[0, 4]))),
        vec![100]
    );
}

#[test]
fn an_announced_line_full_holds_every_request() {
    let mut engine = floor(&[Ready; 10]);
    engine.set_line_full(t0(), true).unwrap();
    assert!(settle_queue(&engine, &waiting(&[0, 1])).is_empty());
    engine.set_line_full(t0(), false).unwrap();
    assert_eq!(
        granted(&settle_queue(&engine, &waiting(&[0, 1]))),
        vec![100, 101]
    );
}

#[test]
fn requests_of_agents_who_left_or_already_went_are_dropped() {
    let engine = floor(&[Ready, Ready, Ready, Ready, Ready, SignedOut, SmallBreak]);
    let steps = settle_queue(&engine, &waiting(&[5, 6, 0]));
    assert_eq!(
        steps,
        vec![
            QueueStep::Drop {
                id: 105,
                why: DropReason::SignedOut
            },
            QueueStep::Drop {
                id: 106,
                why: DropReason::AlreadyOnBreak
            },
            QueueStep::Grant {
                id: 100,
                agent: "a0".into()
            },
        ]
    );
}

#[test]
fn with_nobody_within_a_shift_only_an_announcement_holds() {
    // 03:50, the night shift ended at 03:50 (half-open) and the day shift starts at 09:00:
    // nobody is within a shift, so nobody ready is not a full line.
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 3, 50, 0).unwrap();
    let shifts = vec![
        span("a0", at - Duration::hours(8), at),
        span(
            "a1",
            at + Duration::minutes(310),
            at + Duration::minutes(790),
        ),
    ];
    let mut engine = FloorEngine::new(FloorPolicy::default(), shifts.clone(), Vec::new());
    for (agent, state) in [("a0", Busy), ("a1", Busy), ("a2", WrapUp)] {
        engine
            .apply(&StateEvent {
                at,
                agent: agent.to_owned(),
                state,
                reason: None,
            })
            .unwrap();
    }
    assert_eq!(engine.ready_count(), 0);
    assert!(!engine.line_full());
    assert_eq!(
        granted(&settle_queue(&engine, &waiting(&[0, 1, 2]))),
        vec![100, 101, 102]
    );
    assert_eq!(start_break(&mut engine, "a0"), None);

    engine.set_line_full(at, true).unwrap();
    assert!(engine.line_full());
    assert!(settle_queue(&engine, &waiting(&[1, 2])).is_empty());
    assert_eq!(
        start_break(&mut engine, "a1").as_deref(),
        Some("line full announced; 0 agents ready (guard 3)")
    );
}

/// Whether the stated rule holds a break on this floor: announced, or ready ≤ guard (the one
/// asking counted only if ready) while someone is within a shift at the instant.
fn held_by_the_rule(ready: usize, someone_within_a_shift: bool, announced: bool) -> bool {
    announced || (someone_within_a_shift && ready <= 3)
}

#[test]
fn the_queue_and_the_rule_agree_on_every_small_floor() {
    for ready in 0..7 {
        for asking in [Ready, Busy, WrapUp, Meal, Meeting, Training, Other] {
            for within in [false, true] {
                for announced in [false, true] {
                    let mut states = vec![Ready; ready];
                    // The one asking is a ready agent, or an extra agent in another state.
                    let asker = if asking == Ready {
                        if ready == 0 {
                            continue;
                        }
                        0
                    } else {
                        states.push(asking);
                        ready
                    };
                    states.push(Busy);
                    let shifts = if within {
                        // Only the busy agent at the end is rostered: anyone's shift counts.
                        vec![on_shift(states.len() - 1)]
                    } else {
                        vec![span("a0", t0() - Duration::hours(9), t0())]
                    };
                    let mut engine = floor_with(&states, shifts);
                    engine.set_line_full(t0(), announced).unwrap();
                    let case = format!(
                        "{ready} ready, {asking:?} asks, within {within}, announced {announced}"
                    );
                    let expected = held_by_the_rule(ready, within, announced);
                    assert_eq!(engine.line_full(), expected, "{case}");
                    let queue_holds =
                        granted(&settle_queue(&engine, &waiting(&[asker]))).is_empty();
                    assert_eq!(queue_holds, expected, "{case}");
                    let raised = start_break(&mut engine, &name(asker));
                    assert_eq!(raised.is_some(), expected, "{case}");
                    if let Some(detail) = raised {
                        let count = format!(
                            "{ready} agent{} ready (guard 3)",
                            if ready == 1 { "" } else { "s" }
                        );
                        let want = if announced {
                            format!("line full announced; {count}")
                        } else {
                            count
                        };
                        assert_eq!(detail, want, "{case}");
                    }
                }
            }
        }
    }
}

fn states() -> impl Strategy<Value = AgentState> {
    prop_oneof![
        4 => Just(Ready),
        2 => Just(Busy),
        1 => Just(WrapUp),
        1 => Just(SmallBreak),
        1 => Just(Meal),
        1 => Just(SignedOut),
    ]
}

/// An agent's shift relative to t0, when the queue is settled.
#[derive(Debug, Clone, Copy)]
enum Roster {
    /// Started `secs` before t0 (0: exactly at t0), still running.
    Within {
        secs: i64,
    },
    /// Ended `secs` before t0 (0: exactly at t0, so not within it).
    Ended {
        secs: i64,
    },
    /// Starts `secs` after t0.
    Later {
        secs: i64,
    },
    None,
}

fn rosters(within_weight: u32) -> impl Strategy<Value = Roster> {
    prop_oneof![
        within_weight => (0i64..3_600).prop_map(|secs| Roster::Within { secs }),
        2 => (0i64..3_600).prop_map(|secs| Roster::Ended { secs }),
        2 => (1i64..3_600).prop_map(|secs| Roster::Later { secs }),
        2 => Just(Roster::None),
    ]
}

fn shift_of(i: usize, roster: Roster) -> Option<ShiftSpan> {
    let hours = Duration::hours;
    let secs = Duration::seconds;
    let (start, end) = match roster {
        Roster::Within { secs: s } => (t0() - secs(s), t0() + hours(8)),
        Roster::Ended { secs: s } => (t0() - secs(s) - hours(8), t0() - secs(s)),
        Roster::Later { secs: s } => (t0() + secs(s), t0() + secs(s) + hours(8)),
        Roster::None => return None,
    };
    Some(span(&name(i), start, end))
}

/// Settles a queue on the floor at t0, starts every granted break at t0 and then the first
/// request left waiting: the grants never raise break_during_line_full, the first one left
/// would, and the queue's first decision is `line_full()`'s, which is the rule as stated.
fn check_queue_against_the_rule(
    agents: &[(AgentState, Roster)],
    picks: &[prop::sample::Index],
    announced: bool,
) -> Result<(), TestCaseError> {
    let floor_states: Vec<AgentState> = agents.iter().map(|a| a.0).collect();
    let shifts: Vec<ShiftSpan> = agents
        .iter()
        .enumerate()
        .filter_map(|(i, a)| shift_of(i, a.1))
        .collect();
    let someone_within = agents.iter().any(|a| matches!(a.1, Roster::Within { .. }));
    let mut engine = floor_with(&floor_states, shifts);
    engine.set_line_full(t0(), announced).unwrap();

    let ready = floor_states.iter().filter(|s| **s == Ready).count();
    let full = held_by_the_rule(ready, someone_within, announced);
    prop_assert_eq!(engine.line_full(), full);

    let mut queue: Vec<usize> = picks.iter().map(|p| p.index(floor_states.len())).collect();
    let mut seen = std::collections::HashSet::new();
    queue.retain(|i| seen.insert(*i));
    let steps = settle_queue(&engine, &waiting(&queue));
    let first_undropped = waiting(&queue).into_iter().find(|w| {
        !steps
            .iter()
            .any(|s| matches!(s, QueueStep::Drop { id, .. } if *id == w.id))
    });
    if let Some(first) = &first_undropped {
        prop_assert_eq!(!granted(&steps).contains(&first.id), full);
    }
    if !announced && !someone_within {
        // Nothing is held by count when nobody is within a shift.
        prop_assert!(steps.len() == queue.len(), "{steps:?}");
    }

    for step in &steps {
        if let QueueStep::Grant { agent, .. } = step {
            let raised = start_break(&mut engine, agent);
            prop_assert!(raised.is_none(), "{agent}: {raised:?}");
        }
    }
    let decided: std::collections::HashSet<i64> = steps
        .iter()
        .map(|s| match s {
            QueueStep::Grant { id, .. } | QueueStep::Drop { id, .. } => *id,
        })
        .collect();
    if let Some(head) = waiting(&queue)
        .into_iter()
        .find(|w| !decided.contains(&w.id))
    {
        prop_assert!(start_break(&mut engine, &head.agent).is_some());
    }
    Ok(())
}

proptest! {
    /// Everyone within a shift: the count always applies.
    #[test]
    fn grants_never_hold_the_line_and_stop_exactly_where_it_would(
        floor_states in prop::collection::vec(states(), 1..14),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        announced in any::<bool>(),
    ) {
        let agents: Vec<(AgentState, Roster)> = floor_states
            .into_iter()
            .map(|s| (s, Roster::Within { secs: 3_600 }))
            .collect();
        check_queue_against_the_rule(&agents, &picks, announced)?;
    }

    /// Some agents within a shift, some before, after or without one; sometimes nobody within
    /// a shift at all, when the count does not apply.
    #[test]
    fn grants_agree_with_the_rule_whoever_is_rostered(
        agents in prop::collection::vec((states(), rosters(1)), 1..14),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        announced in prop::bool::weighted(0.2),
    ) {
        check_queue_against_the_rule(&agents, &picks, announced)?;
    }
}
