//! A whole busy day through the engine: it must finish, and the generated day must look like one.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use floordesk_domain::floor::{AgentState, FloorEngine, FloorPolicy, ShiftSpan, judge, sim};

fn day_start() -> DateTime<Utc> {
    // Local midnight at +08:00.
    Utc.with_ymd_and_hms(2026, 11, 22, 16, 0, 0).unwrap()
}

#[test]
fn the_busy_day_generator_is_deterministic_and_plausible() {
    let (shifts, events) = sim::busy_day(50, 200, 42, day_start());
    let again = sim::busy_day(50, 200, 42, day_start());
    assert_eq!((&shifts, &events), (&again.0, &again.1));
    assert_ne!(events, sim::busy_day(50, 200, 43, day_start()).1);

    assert_eq!(shifts.len(), 50);
    assert_eq!(events.len(), 50 * 200);
    assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(
        shifts
            .iter()
            .all(|s| s.shift_date.to_string() == "2026-11-23")
    );
    let mut per_state: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &events {
        *per_state.entry(e.state.as_str()).or_default() += 1;
    }
    for state in [AgentState::Ready, AgentState::Busy, AgentState::WrapUp] {
        assert!(
            per_state[state.as_str()] > 50 * 30,
            "{state:?}: {per_state:?}"
        );
    }
    assert!(per_state["small_break"] >= 50 * 2);
    assert!(per_state["meal"] >= 45);
    assert_eq!(per_state["signed_out"], 50);
    // Each agent's own events stay within a day of their shift.
    for s in &shifts {
        let mine: Vec<_> = events.iter().filter(|e| e.agent == s.agent).collect();
        assert_eq!(mine.first().unwrap().state, AgentState::Ready);
        assert_eq!(mine.last().unwrap().state, AgentState::SignedOut);
        assert!(mine.first().unwrap().at >= s.start - chrono::Duration::minutes(15));
        assert!(mine.last().unwrap().at <= s.end + chrono::Duration::hours(2));
    }
}

/// A month of the demo: every night a crew of two (23:30), every morning one of ten (08:30).
fn demo_month() -> Vec<ShiftSpan> {
    let mut spans = Vec::new();
    for day in 0..60i64 {
        let midnight = day_start() + chrono::Duration::days(day);
        let date = (midnight + chrono::Duration::hours(12)).date_naive();
        let mut crew = |agents: std::ops::Range<usize>, start_min: i64, hours: i64| {
            for n in agents {
                let start = midnight + chrono::Duration::minutes(start_min);
                spans.push(ShiftSpan {
                    agent: (1001 + n).to_string(),
                    shift_date: date,
                    start,
                    end: start + chrono::Duration::hours(hours),
                });
            }
        };
        crew(0..10, 8 * 60 + 30, 8);
        crew(10..12, 23 * 60 + 30, 9);
    }
    spans
}

#[test]
fn the_demo_history_leaves_no_small_crew_empty_and_one_away_at_most_per_shift() {
    let spans = demo_month();
    let until = day_start() + chrono::Duration::days(61);
    let history = sim::demo_history(&spans, until, 2026);
    assert_eq!(history, sim::demo_history(&spans, until, 2026));
    let mut away_per_start: BTreeMap<DateTime<Utc>, usize> = BTreeMap::new();
    for span in &spans {
        let came = history.iter().any(|e| {
            e.agent == span.agent
                && e.at >= span.start - chrono::Duration::hours(1)
                && e.at < span.end
        });
        if !came {
            *away_per_start.entry(span.start).or_default() += 1;
        }
    }
    // Mornings still have their absences (about one shift in 25 is drawn very late), nights none.
    let nights = spans.iter().filter(|s| s.agent.as_str() >= "1011").count();
    assert_eq!(nights, 120);
    assert!(
        away_per_start.values().all(|n| *n == 1),
        "{away_per_start:?}"
    );
    assert!(
        away_per_start
            .keys()
            .all(|start| spans.iter().filter(|s| s.start == *start).count() >= 3),
        "a crew of two lost an agent: {away_per_start:?}"
    );
    assert!(away_per_start.len() >= 5, "{away_per_start:?}");
}

#[test]
fn a_thousand_agents_for_a_whole_day() {
    let (shifts, events) = sim::busy_day(1_000, 200, 2026, day_start());
    let until = events.last().unwrap().at;
    let started = Instant::now();
    let alerts = judge(
        FloorPolicy::default(),
        shifts.clone(),
        Vec::new(),
        &events,
        until,
    )
    .unwrap();
    let elapsed = started.elapsed();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &alerts {
        *per_rule.entry(a.rule.as_str()).or_default() += 1;
    }
    println!(
        "judged {} events for {} agents in {elapsed:?} (debug build): {} alerts {per_rule:?}",
        events.len(),
        shifts.len(),
        alerts.len()
    );
    // Every rule shows up on a realistic day.
    assert_eq!(per_rule.len(), 7, "{per_rule:?}");

    // The live way, one tick a second over the busiest hour, gives the same alerts.
    let mut engine = FloorEngine::new(FloorPolicy::default(), shifts, Vec::new());
    let mut live = Vec::new();
    let mut next = events.iter().peekable();
    let mut now = events[0].at;
    while now <= until {
        while let Some(e) = next.next_if(|e| e.at <= now) {
            live.extend(engine.apply(e).unwrap());
        }
        live.extend(engine.advance_to(now));
        now += chrono::Duration::seconds(1);
    }
    live.extend(engine.advance_to(until));
    live.sort();
    assert_eq!(live, alerts);
    let snapshot = engine.snapshot(until);
    assert_eq!(snapshot.len(), 1_000);
}
