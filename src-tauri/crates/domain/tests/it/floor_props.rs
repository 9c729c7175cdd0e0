//! Properties of the floor engine on random small floors: it agrees with a plain, slow restatement
//! of the rules, and feeding it in pieces (as the live board does) changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use floordesk_domain::floor::{
    AgentState, Alert, FloorEngine, FloorPolicy, RuleCode, ShiftSpan, StateEvent, judge,
};
use proptest::prelude::*;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap()
}

#[derive(Debug, Clone)]
struct Floor {
    policy: FloorPolicy,
    shifts: Vec<ShiftSpan>,
    events: Vec<StateEvent>,
    until: DateTime<Utc>,
}

fn policies() -> impl Strategy<Value = FloorPolicy> {
    (
        0i64..4,
        1i64..8,
        0i64..3,
        1i64..4,
        2i64..8,
        1i64..5,
        0i64..4,
    )
        .prop_map(|(rb, aa, grace, brk, total, meal, guard)| FloorPolicy {
            ready_before_start_min: rb,
            absent_after_min: aa,
            early_leave_grace_min: grace,
            small_break_max_min: brk,
            small_break_total_max_min: total,
            meal_max_min: meal,
            line_full_max_idle: guard,
        })
}

fn floors() -> impl Strategy<Value = Floor> {
    let agents = 1usize..6;
    agents
        .prop_flat_map(|n| {
            // A shift may be pinned to an event so that its boundaries meet events exactly.
            let snap = prop::option::weighted(0.5, (any::<prop::sample::Index>(), 0u8..4));
            let shift = (0usize..n, 0i64..3_000, 300i64..2_500, 0i64..900, snap);
            // gap in ms: mostly whole seconds (boundaries), sometimes zero (same instant),
            // sometimes with a fraction (one-second resolution).
            let gap = prop_oneof![
                3 => Just(0i64),
                10 => (1i64..400).prop_map(|s| s * 1_000),
                1 => 1i64..400_000,
            ];
            let event = (gap, 0usize..n, 0usize..AgentState::ALL.len());
            (
                policies(),
                prop::collection::vec(shift, 0..6),
                prop::collection::vec(event, 0..80),
                0i64..1_500,
            )
        })
        .prop_map(|(policy, shift_specs, event_specs, tail)| {
            let name = |i: usize| format!("a{i}");
            let mut at = base();
            let events: Vec<StateEvent> = event_specs
                .into_iter()
                .map(|(gap, agent, state)| {
                    at += Duration::milliseconds(gap);
                    StateEvent {
                        at,
                        agent: name(agent),
                        state: AgentState::ALL[state],
                        reason: None,
                    }
                })
                .collect();
            // Non-overlapping shifts per agent: each after that agent's previous one.
            let mut next_free: BTreeMap<usize, DateTime<Utc>> = BTreeMap::new();
            let mut shifts = Vec::new();
            for (agent, offset, len, gap, snap) in shift_specs {
                let earliest = next_free.get(&agent).copied().unwrap_or(base());
                let mut start =
                    earliest.max(base() + Duration::seconds(offset)) + Duration::seconds(gap);
                let mut end = start + Duration::seconds(len);
                if let Some((index, boundary)) = snap
                    && !events.is_empty()
                {
                    let e = index.get(&events).at;
                    let (s, e) = match boundary {
                        0 => (e, e + Duration::seconds(len)),
                        1 => {
                            let s = e + Duration::minutes(policy.ready_before_start_min);
                            (s, s + Duration::seconds(len))
                        }
                        2 => {
                            let s = e - Duration::minutes(policy.absent_after_min);
                            (s, s + Duration::seconds(len))
                        }
                        _ => (e - Duration::seconds(len), e),
                    };
                    if s >= earliest {
                        (start, end) = (s, e);
                    }
                }
                next_free.insert(agent, end);
                shifts.push(ShiftSpan {
                    agent: name(agent),
                    shift_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                        + Duration::days(shifts.len() as i64),
                    start,
                    end,
                });
            }
            Floor {
                policy,
                shifts,
                events,
                until: at + Duration::seconds(tail),
            }
        })
}

type Key = (DateTime<Utc>, String, RuleCode, Option<NaiveDate>);

fn whole_secs(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_seconds()
}

/// The rules restated over whole timelines, the slow and obvious way.
fn reference(floor: &Floor) -> Vec<Key> {
    let p = &floor.policy;
    let mins = Duration::minutes;
    let events: Vec<&StateEvent> = floor
        .events
        .iter()
        .filter(|e| e.at <= floor.until)
        .collect();
    let shift_of = |agent: &str, at: DateTime<Utc>| {
        floor
            .shifts
            .iter()
            .find(|s| s.agent == agent && s.start <= at && at < s.end)
    };

    // Each agent's changes of state (a repeated state is no change), from signed out.
    let mut timelines: BTreeMap<String, Vec<(DateTime<Utc>, AgentState)>> = BTreeMap::new();
    for s in &floor.shifts {
        timelines.entry(s.agent.clone()).or_default();
    }
    for e in &events {
        let line = timelines.entry(e.agent.clone()).or_default();
        let current = line.last().map_or(AgentState::SignedOut, |c| c.1);
        if current != e.state {
            line.push((e.at, e.state));
        }
    }
    let last_change_by =
        |agent: &str, at: DateTime<Utc>| timelines[agent].iter().rev().find(|c| c.0 <= at).copied();

    let mut out = Vec::new();
    let mut push = |at, agent: &str, rule, shift: Option<&ShiftSpan>| {
        out.push((at, agent.to_owned(), rule, shift.map(|s| s.shift_date)));
    };

    for s in &floor.shifts {
        let late_at = s.start - mins(p.ready_before_start_min);
        if late_at <= floor.until {
            let state = last_change_by(&s.agent, late_at).map_or(AgentState::SignedOut, |c| c.1);
            if !state.is_at_work() {
                push(late_at, &s.agent, RuleCode::LateSignIn, Some(s));
            }
        }
        let absent_at = s.start + mins(p.absent_after_min);
        if absent_at <= floor.until {
            let absent = match last_change_by(&s.agent, absent_at) {
                None => true,
                Some((since, state)) => state == AgentState::SignedOut && since <= s.start,
            };
            if absent {
                push(absent_at, &s.agent, RuleCode::Absent, Some(s));
            }
        }
    }

    for (agent, line) in &timelines {
        let mut totals: BTreeMap<NaiveDate, (i64, bool)> = BTreeMap::new();
        for (i, &(since, state)) in line.iter().enumerate() {
            let next = line.get(i + 1).map(|c| c.0);
            let lasted = whole_secs(since, next.unwrap_or(floor.until));
            let shift = shift_of(agent, since);
            match state {
                AgentState::SmallBreak => {
                    if lasted > p.small_break_max_min * 60 {
                        let at = since + mins(p.small_break_max_min);
                        push(at, agent, RuleCode::BreakOverrun, shift);
                    }
                    if let Some(s) = shift {
                        let (used, alerted) = totals.entry(s.shift_date).or_default();
                        let left = p.small_break_total_max_min * 60 - *used;
                        if !*alerted && lasted > left {
                            *alerted = true;
                            let at = since + Duration::seconds(left);
                            push(at, agent, RuleCode::BreakTotalExceeded, shift);
                        }
                        *used += lasted;
                    }
                }
                AgentState::Meal if lasted > p.meal_max_min * 60 => {
                    push(
                        since + mins(p.meal_max_min),
                        agent,
                        RuleCode::MealOverrun,
                        shift,
                    );
                }
                AgentState::SignedOut => {
                    let check = since + mins(p.early_leave_grace_min);
                    let still_out = match next {
                        Some(back) => back > check,
                        None => check <= floor.until,
                    };
                    if shift.is_some() && still_out {
                        push(check, agent, RuleCode::EarlyLeave, shift);
                    }
                }
                _ => {}
            }
        }
    }

    // Line full: recount the whole floor at every break.
    let mut held: BTreeSet<(DateTime<Utc>, &str)> = BTreeSet::new();
    for b in small_breaks(floor) {
        if b.rostered && b.ready_before <= p.line_full_max_idle && held.insert((b.at, b.agent)) {
            push(
                b.at,
                b.agent,
                RuleCode::BreakDuringLineFull,
                shift_of(b.agent, b.at),
            );
        }
    }

    out.sort();
    out
}

/// A small break starting, as the line-full rule sees it.
struct SmallBreakStart<'a> {
    at: DateTime<Utc>,
    agent: &'a str,
    /// Agents in ready just before it: the one going counts only if they are ready.
    ready_before: i64,
    /// Whether some agent, anyone, is within a shift at the instant.
    rostered: bool,
    /// Whether the one going was ready (and so among `ready_before`).
    was_ready: bool,
}

/// Every change into a small break, in event order, with the whole floor recounted each time.
fn small_breaks(floor: &Floor) -> Vec<SmallBreakStart<'_>> {
    let mut states: BTreeMap<&str, AgentState> = BTreeMap::new();
    let mut out = Vec::new();
    for e in floor.events.iter().filter(|e| e.at <= floor.until) {
        let old = states
            .get(e.agent.as_str())
            .copied()
            .unwrap_or(AgentState::SignedOut);
        if old != e.state && e.state == AgentState::SmallBreak {
            out.push(SmallBreakStart {
                at: e.at,
                agent: &e.agent,
                ready_before: states.values().filter(|s| **s == AgentState::Ready).count() as i64,
                rostered: floor.shifts.iter().any(|s| s.start <= e.at && e.at < s.end),
                was_ready: old == AgentState::Ready,
            });
        }
        states.insert(&e.agent, e.state);
    }
    out
}

fn keys(alerts: &[Alert]) -> Vec<Key> {
    alerts
        .iter()
        .map(|a| (a.at, a.agent.clone(), a.rule, a.shift_date))
        .collect()
}

fn judged(floor: &Floor) -> Vec<Alert> {
    judge(
        floor.policy,
        floor.shifts.clone(),
        Vec::new(),
        &floor.events,
        floor.until,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn judge_agrees_with_the_rules_restated(floor in floors()) {
        let mut engine_keys = keys(&judged(&floor));
        engine_keys.sort();
        prop_assert_eq!(engine_keys, reference(&floor));
    }

    #[test]
    fn judge_output_is_sorted_without_duplicates(floor in floors()) {
        let alerts = judged(&floor);
        prop_assert!(alerts.windows(2).all(|w| w[0] <= w[1]));
        let occurrences: BTreeSet<_> = alerts.iter().map(|a| (a.at, &a.agent, a.rule)).collect();
        prop_assert_eq!(occurrences.len(), alerts.len());
        prop_assert!(alerts.iter().all(|a| a.at <= floor.until));
    }

    #[test]
    fn alerts_never_come_before_their_causes(floor in floors(), cut_points in prop::collection::vec(any::<u16>(), 0..10)) {
        // Fed in pieces, each alert is raised only once the engine has reached its instant...
        let (alerts, raised_by) = feed_in_pieces(&floor, &cut_points);
        for (alert, now) in alerts.iter().zip(&raised_by) {
            prop_assert!(alert.at <= *now, "{alert:?} raised at {now}");
        }
        // ...and after what caused it: a state the agent entered, or a rostered shift.
        for alert in &alerts {
            let entered = |state: AgentState| {
                floor.events.iter().any(|e| e.agent == alert.agent && e.state == state && e.at <= alert.at)
            };
            let caused = match alert.rule {
                RuleCode::LateSignIn | RuleCode::Absent => floor.shifts.iter().any(|s| s.agent == alert.agent),
                RuleCode::EarlyLeave => entered(AgentState::SignedOut),
                RuleCode::MealOverrun => entered(AgentState::Meal),
                RuleCode::BreakOverrun | RuleCode::BreakTotalExceeded => entered(AgentState::SmallBreak),
                RuleCode::BreakDuringLineFull => floor.events.iter().any(|e| {
                    e.agent == alert.agent && e.state == AgentState::SmallBreak && e.at == alert.at
                }),
            };
            prop_assert!(caused, "{alert:?} has no cause");
        }
    }

    #[test]
    fn feeding_in_pieces_gives_what_judge_gives(floor in floors(), cut_points in prop::collection::vec(any::<u16>(), 0..20)) {
        let (mut alerts, _) = feed_in_pieces(&floor, &cut_points);
        alerts.sort();
        prop_assert_eq!(alerts, judged(&floor));
    }
}

/// Applies the events one by one, ticking the clock at a few points between them (and ticking
/// twice, as a live clock may), then up to `until`. Returns the alerts with the engine time at
/// which each was raised.
fn feed_in_pieces(floor: &Floor, cut_points: &[u16]) -> (Vec<Alert>, Vec<DateTime<Utc>>) {
    let mut engine = FloorEngine::new(floor.policy, floor.shifts.clone(), Vec::new());
    let mut alerts = Vec::new();
    let mut raised_at = Vec::new();
    let mut keep = |new: Vec<Alert>, now: DateTime<Utc>| {
        raised_at.extend(std::iter::repeat_n(now, new.len()));
        alerts.extend(new);
    };
    let n = floor.events.len();
    let cuts: BTreeMap<usize, u16> = cut_points
        .iter()
        .map(|&c| (usize::from(c) % (n + 1), c))
        .collect();
    for (i, event) in floor.events.iter().enumerate() {
        keep(engine.apply(event).unwrap(), event.at);
        // A tick must come after every event at its instant: between this event and the next.
        let next_at = floor.events.get(i + 1).map_or(floor.until, |e| e.at);
        if let Some(&c) = cuts.get(&i)
            && next_at > event.at
        {
            let gap_ms = (next_at - event.at).num_milliseconds();
            let tick = event.at + Duration::milliseconds(gap_ms * i64::from(c % 1000) / 1000);
            keep(engine.advance_to(tick), tick);
            keep(engine.advance_to(tick), tick);
        }
    }
    keep(engine.advance_to(floor.until), floor.until);
    (alerts, raised_at)
}

/// The properties above are only as good as the floors they see: make sure those floors break
/// every rule, in and out of shifts.
#[test]
fn the_random_floors_break_every_rule() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let mut seen: BTreeMap<(RuleCode, bool), usize> = BTreeMap::new();
    // Small breaks by (ready before ≤ guard, someone within a shift, the one going was ready).
    let mut breaks: BTreeMap<(bool, bool, bool), usize> = BTreeMap::new();
    for _ in 0..300 {
        let floor = floors().new_tree(&mut runner).unwrap().current();
        for (_, _, rule, shift) in reference(&floor) {
            *seen.entry((rule, shift.is_some())).or_default() += 1;
        }
        for b in small_breaks(&floor) {
            let at_guard = b.ready_before <= floor.policy.line_full_max_idle;
            *breaks
                .entry((at_guard, b.rostered, b.was_ready))
                .or_default() += 1;
        }
    }
    // Both sides of the guard, in and out of the rostered hours, from ready and from not ready:
    // the count and the roster are each what decides some of these floors.
    for at_guard in [false, true] {
        for rostered in [false, true] {
            for was_ready in [false, true] {
                assert!(
                    breaks
                        .get(&(at_guard, rostered, was_ready))
                        .is_some_and(|&n| n >= 5),
                    "at guard {at_guard}, rostered {rostered}, from ready {was_ready}: {breaks:?}"
                );
            }
        }
    }
    for rule in RuleCode::ALL {
        assert!(
            seen.get(&(rule, true)).is_some_and(|&n| n >= 5),
            "{rule:?} in a shift: {seen:?}"
        );
    }
    for rule in [
        RuleCode::BreakOverrun,
        RuleCode::MealOverrun,
        RuleCode::BreakDuringLineFull,
    ] {
        assert!(
            seen.get(&(rule, false)).is_some_and(|&n| n >= 5),
            "{rule:?} outside: {seen:?}"
        );
    }
    println!("{seen:?}\n{breaks:?}");
}
