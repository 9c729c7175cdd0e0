//! The break-request queue: granted at once above the guard, held in order when the line is
//! full, and never a grant that the line-full rule would flag.

use chrono::{DateTime, Duration, TimeZone, Utc};
use floordesk_domain::floor::breaks::{DropReason, QueueStep, WaitingBreak, settle_queue};
use floordesk_domain::floor::{AgentState, FloorEngine, FloorPolicy, RuleCode, StateEvent};
use proptest::prelude::*;

use AgentState::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap()
}

/// A floor where agent `a{i}` is in `states[i]`, guard 3.
fn floor(states: &[AgentState]) -> FloorEngine {
    let mut engine = FloorEngine::new(FloorPolicy::default(), Vec::new(), Vec::new());
    for (i, s) in states.iter().enumerate() {
        engine
            .apply(&StateEvent {
                at: t0(),
                agent: format!("a{i}"),
                state: *s,
                reason: None,
            })
            .unwrap();
    }
    engine
}

fn waiting(ids: &[usize]) -> Vec<WaitingBreak> {
    ids.iter()
        .map(|&i| WaitingBreak {
            id: i as i64 + 100,
            agent: format!("a{i}"),
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

#[test]
fn a_request_above_the_guard_is_granted_at_once() {
    // Five ready: the one going leaves four, above the guard of three.
    let engine = floor(&[Ready, Ready, Ready, Ready, Ready]);
    assert_eq!(granted(&settle_queue(&engine, &waiting(&[0]))), vec![100]);
}

#[test]
fn a_request_at_the_guard_waits() {
    // Three ready, counting the one asking: that is the guard itself, so the line is full.
    let engine = floor(&[Ready, Ready, Ready, Busy, Busy]);
    assert!(settle_queue(&engine, &waiting(&[0])).is_empty());
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
fn a_busy_agent_asking_counts_as_idle_like_the_rule_does() {
    // Three ready plus the busy one asking: four idle, above the guard.
    let engine = floor(&[Ready, Ready, Ready, Busy]);
    assert_eq!(granted(&settle_queue(&engine, &waiting(&[3]))), vec![103]);
}

#[test]
fn nobody_jumps_a_held_head() {
    // The head (ready) would leave the line full; the busy agent behind would not, but waits.
    let engine = floor(&[Ready, Ready, Ready, Busy]);
    let steps = settle_queue(&engine, &waiting(&[0, 3]));
    assert!(granted(&steps).is_empty());
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

proptest! {
    /// Starting every granted break never raises break_during_line_full, and the first request
    /// left waiting would have raised it: the queue grants as much as the rule allows, in order.
    #[test]
    fn grants_never_hold_the_line_and_stop_exactly_where_it_would(
        floor_states in prop::collection::vec(states(), 1..14),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        announced in any::<bool>(),
    ) {
        let mut engine = floor(&floor_states);
        engine.set_line_full(t0(), announced).unwrap();
        let mut queue: Vec<usize> = picks.iter().map(|p| p.index(floor_states.len())).collect();
        let mut seen = std::collections::HashSet::new();
        queue.retain(|i| seen.insert(*i));
        let steps = settle_queue(&engine, &waiting(&queue));
        let at = t0() + Duration::seconds(1);
        for step in &steps {
            if let QueueStep::Grant { agent, .. } = step {
                let alerts = engine
                    .apply(&StateEvent { at, agent: agent.clone(), state: SmallBreak, reason: None })
                    .unwrap();
                prop_assert!(alerts.iter().all(|a| a.rule != RuleCode::BreakDuringLineFull), "{alerts:?}");
            }
        }
        let decided: std::collections::HashSet<i64> = steps
            .iter()
            .map(|s| match s { QueueStep::Grant { id, .. } | QueueStep::Drop { id, .. } => *id })
            .collect();
        if let Some(head) = waiting(&queue).into_iter().find(|w| !decided.contains(&w.id)) {
            let alerts = engine
                .apply(&StateEvent { at, agent: head.agent, state: SmallBreak, reason: None })
                .unwrap();
            prop_assert!(alerts.iter().any(|a| a.rule == RuleCode::BreakDuringLineFull));
        }
    }
}
