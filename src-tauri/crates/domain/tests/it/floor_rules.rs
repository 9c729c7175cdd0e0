//! The floor rules, one behaviour at a time, with their boundaries.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use floordesk_domain::floor::{
    AgentState, Alert, FloorEngine, FloorPolicy, RuleCode, ShiftSpan, StateEvent, judge,
};

use AgentState::*;

const DAY: (i32, u32, u32) = (2026, 11, 23);

fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(DAY.0, DAY.1, DAY.2, h, m, s).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(DAY.0, DAY.1, DAY.2).unwrap()
}

fn ev(at: DateTime<Utc>, agent: &str, state: AgentState) -> StateEvent {
    StateEvent {
        at,
        agent: agent.to_owned(),
        state,
        reason: None,
    }
}

fn shift(agent: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> ShiftSpan {
    ShiftSpan {
        agent: agent.to_owned(),
        shift_date: (start + Duration::hours(8)).date_naive(),
        start,
        end,
    }
}

fn no_initial() -> Vec<(String, AgentState, DateTime<Utc>)> {
    Vec::new()
}

fn run(shifts: Vec<ShiftSpan>, events: &[StateEvent], until: DateTime<Utc>) -> Vec<Alert> {
    judge(FloorPolicy::default(), shifts, no_initial(), events, until).unwrap()
}

fn rules(alerts: &[Alert]) -> Vec<(DateTime<Utc>, &str, RuleCode)> {
    alerts
        .iter()
        .map(|a| (a.at, a.agent.as_str(), a.rule))
        .collect()
}

/// Many agents sitting in ready so the line is never full unless a test wants it.
fn idle_floor(at: DateTime<Utc>, n: usize) -> Vec<StateEvent> {
    (0..n).map(|i| ev(at, &format!("r{i}"), Ready)).collect()
}

fn with_idle_floor(mut events: Vec<StateEvent>) -> Vec<StateEvent> {
    let mut all = idle_floor(t(0, 0, 0), 10);
    all.append(&mut events);
    all
}

#[test]
fn a_ten_minute_break_is_fine_ten_01_is_not() {
    let fine = with_idle_floor(vec![
        ev(t(10, 0, 0), "1001", SmallBreak),
        ev(t(10, 10, 0), "1001", Ready),
    ]);
    assert_eq!(run(vec![], &fine, t(12, 0, 0)), vec![]);

    let over = with_idle_floor(vec![
        ev(t(10, 0, 0), "1001", SmallBreak),
        ev(t(10, 10, 1), "1001", Ready),
    ]);
    let alerts = run(vec![], &over, t(12, 0, 0));
    assert_eq!(
        rules(&alerts),
        vec![(t(10, 10, 0), "1001", RuleCode::BreakOverrun)]
    );
    assert_eq!(alerts[0].detail, "small break of 10m 1s exceeds 10 min");
    assert_eq!(alerts[0].shift_date, None);
}

#[test]
fn a_running_break_alerts_one_second_past_its_limit_and_only_once() {
    let mut engine = FloorEngine::new(FloorPolicy::default(), vec![], no_initial());
    for e in idle_floor(t(9, 0, 0), 10) {
        engine.apply(&e).unwrap();
    }
    assert!(
        engine
            .apply(&ev(t(10, 0, 0), "1001", SmallBreak))
            .unwrap()
            .is_empty()
    );
    assert!(engine.advance_to(t(10, 10, 0)).is_empty(), "exactly 10:00");
    let alerts = engine.advance_to(t(10, 10, 1));
    assert_eq!(
        rules(&alerts),
        vec![(t(10, 10, 0), "1001", RuleCode::BreakOverrun)]
    );
    assert!(engine.advance_to(t(10, 10, 1)).is_empty());
    assert!(engine.advance_to(t(10, 30, 0)).is_empty());
    assert!(
        engine
            .apply(&ev(t(10, 30, 0), "1001", Ready))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn an_event_exactly_three_minutes_before_start_prevents_late_sign_in() {
    let shifts = || vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let on_time = [ev(t(8, 57, 0), "1001", Ready)];
    assert_eq!(run(shifts(), &on_time, t(10, 0, 0)), vec![]);

    let a_second_late = [ev(t(8, 57, 1), "1001", Ready)];
    let alerts = run(shifts(), &a_second_late, t(10, 0, 0));
    assert_eq!(
        rules(&alerts),
        vec![(t(8, 57, 0), "1001", RuleCode::LateSignIn)]
    );
    assert_eq!(alerts[0].shift_date, Some(day()));
    assert!(
        alerts[0]
            .detail
            .contains("signed_out at shift start - 3 min")
    );

    // Equal instants apply in order: the last state at 08:57 is the one judged.
    let then_a_break = [
        ev(t(8, 57, 0), "1001", Ready),
        ev(t(8, 57, 0), "1001", Meal),
    ];
    assert_eq!(
        rules(&run(shifts(), &then_a_break, t(8, 57, 0))),
        vec![(t(8, 57, 0), "1001", RuleCode::LateSignIn)]
    );
    let meeting = [ev(t(8, 40, 0), "1001", Meeting)];
    assert_eq!(run(shifts(), &meeting, t(10, 0, 0)), vec![]);
}

#[test]
fn absent_when_still_signed_out_thirty_minutes_after_start() {
    let shifts = || vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    assert_eq!(
        rules(&run(shifts(), &[], t(12, 0, 0))),
        vec![
            (t(8, 57, 0), "1001", RuleCode::LateSignIn),
            (t(9, 30, 0), "1001", RuleCode::Absent),
        ]
    );
    // Signing in at 09:30:00 itself counts: late, not absent.
    let just_in_time = [ev(t(9, 30, 0), "1001", Ready)];
    assert_eq!(
        rules(&run(shifts(), &just_in_time, t(12, 0, 0))),
        vec![(t(8, 57, 0), "1001", RuleCode::LateSignIn)]
    );
    // Until 09:29:59 the absence is not yet known.
    assert_eq!(
        rules(&run(shifts(), &[], t(9, 29, 59))),
        vec![(t(8, 57, 0), "1001", RuleCode::LateSignIn)]
    );
    // Came and went again: an early leave, not an absence.
    let came_and_went = [
        ev(t(8, 50, 0), "1001", Ready),
        ev(t(9, 10, 0), "1001", SignedOut),
    ];
    assert_eq!(
        rules(&run(shifts(), &came_and_went, t(12, 0, 0))),
        vec![(t(9, 10, 0), "1001", RuleCode::EarlyLeave)]
    );
    // Signed in the evening before and signed out before the shift: absent.
    let left_before_start = [
        ev(t(8, 0, 0), "1001", Ready),
        ev(t(8, 30, 0), "1001", SignedOut),
    ];
    assert_eq!(
        rules(&run(shifts(), &left_before_start, t(12, 0, 0))),
        vec![
            (t(8, 57, 0), "1001", RuleCode::LateSignIn),
            (t(9, 30, 0), "1001", RuleCode::Absent),
        ]
    );
}

#[test]
fn early_leave_inside_the_half_open_shift() {
    let shifts = || vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let signed_in = ev(t(8, 50, 0), "1001", Ready);
    let early = [signed_in.clone(), ev(t(16, 0, 0), "1001", SignedOut)];
    let alerts = run(shifts(), &early, t(18, 0, 0));
    assert_eq!(
        rules(&alerts),
        vec![(t(16, 0, 0), "1001", RuleCode::EarlyLeave)]
    );
    assert_eq!(
        alerts[0].detail,
        "signed out 1h 0m 0s before shift end (grace 0 min)"
    );

    let at_end = [signed_in.clone(), ev(t(17, 0, 0), "1001", SignedOut)];
    assert_eq!(run(shifts(), &at_end, t(18, 0, 0)), vec![]);

    // Signed out and straight back in within the same instant: no early leave.
    let flicker = [
        signed_in.clone(),
        ev(t(12, 0, 0), "1001", SignedOut),
        ev(t(12, 0, 0), "1001", Ready),
    ];
    assert_eq!(run(shifts(), &flicker, t(18, 0, 0)), vec![]);

    let grace = FloorPolicy {
        early_leave_grace_min: 5,
        ..FloorPolicy::default()
    };
    let back_at_grace = [
        signed_in.clone(),
        ev(t(12, 0, 0), "1001", SignedOut),
        ev(t(12, 5, 0), "1001", Ready),
    ];
    assert_eq!(
        judge(grace, shifts(), no_initial(), &back_at_grace, t(18, 0, 0)).unwrap(),
        vec![]
    );
    let back_too_late = [
        signed_in,
        ev(t(12, 0, 0), "1001", SignedOut),
        ev(t(12, 5, 1), "1001", Ready),
    ];
    assert_eq!(
        rules(&judge(grace, shifts(), no_initial(), &back_too_late, t(18, 0, 0)).unwrap()),
        vec![(t(12, 5, 0), "1001", RuleCode::EarlyLeave)]
    );
}

#[test]
fn an_agent_with_no_shift_gets_no_attendance_alerts() {
    let someone_elses = vec![shift("2002", t(9, 0, 0), t(17, 0, 0))];
    let events = with_idle_floor(vec![
        ev(t(2, 0, 0), "2002", Ready),
        ev(t(9, 45, 0), "1001", Ready),
        ev(t(11, 0, 0), "1001", SignedOut),
        ev(t(13, 0, 0), "1001", Meal),
        ev(t(13, 40, 0), "1001", SignedOut),
    ]);
    let alerts = run(someone_elses, &events, t(20, 0, 0));
    assert_eq!(
        rules(&alerts),
        vec![(t(13, 30, 0), "1001", RuleCode::MealOverrun)]
    );
    assert_eq!(
        alerts[0].shift_date, None,
        "a meal outside any shift still overruns"
    );
    assert_eq!(alerts[0].detail, "meal of 30m 1s exceeds 30 min");
}

#[test]
fn a_meal_of_thirty_minutes_is_fine_thirty_01_is_not() {
    let shifts = || vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let meal = |back| {
        with_idle_floor(vec![
            ev(t(8, 55, 0), "1001", Ready),
            ev(t(12, 0, 0), "1001", Meal),
            ev(back, "1001", Ready),
        ])
    };
    assert_eq!(run(shifts(), &meal(t(12, 30, 0)), t(17, 0, 0)), vec![]);
    let alerts = run(shifts(), &meal(t(12, 30, 1)), t(17, 0, 0));
    assert_eq!(
        rules(&alerts),
        vec![(t(12, 30, 0), "1001", RuleCode::MealOverrun)]
    );
    assert_eq!(alerts[0].shift_date, Some(day()));
}

#[test]
fn break_total_fires_once_per_shift_at_the_instant_it_passes() {
    let shifts = vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let mut events = vec![ev(t(8, 55, 0), "1001", Ready)];
    // Four 9-minute breaks and a fifth: 27 min after three, passed 3 min into the fourth.
    for hour in [10, 11, 12, 13, 14] {
        events.push(ev(t(hour, 0, 0), "1001", SmallBreak));
        events.push(ev(t(hour, 9, 0), "1001", Ready));
    }
    let alerts = run(shifts, &with_idle_floor(events), t(17, 0, 0));
    assert_eq!(
        rules(&alerts),
        vec![(t(13, 3, 0), "1001", RuleCode::BreakTotalExceeded)]
    );
    assert_eq!(alerts[0].shift_date, Some(day()));
    assert_eq!(alerts[0].detail, "small breaks total 30m 1s exceeds 30 min");
}

#[test]
fn breaks_adding_up_to_exactly_the_total_are_fine() {
    let shifts = || vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let mut events = vec![ev(t(8, 55, 0), "1001", Ready)];
    for hour in [10, 11, 12] {
        events.push(ev(t(hour, 0, 0), "1001", SmallBreak));
        events.push(ev(t(hour, 10, 0), "1001", Ready));
    }
    assert_eq!(
        run(shifts(), &with_idle_floor(events.clone()), t(17, 0, 0)),
        vec![]
    );
    // One more second of break anywhere passes it, at the instant the fourth break starts.
    events.push(ev(t(13, 0, 0), "1001", SmallBreak));
    events.push(ev(t(13, 0, 1), "1001", Ready));
    assert_eq!(
        rules(&run(shifts(), &with_idle_floor(events), t(17, 0, 0))),
        vec![(t(13, 0, 0), "1001", RuleCode::BreakTotalExceeded)]
    );
}

#[test]
fn a_break_counts_wholly_toward_the_shift_it_started_in() {
    // Back-to-back shifts, dated apart to tell them apart.
    let shifts = || {
        vec![
            shift("1001", t(8, 0, 0), t(12, 0, 0)),
            ShiftSpan {
                shift_date: day().succ_opt().unwrap(),
                ..shift("1001", t(12, 0, 0), t(16, 0, 0))
            },
        ]
    };
    // Morning: 8 + 8 + 6 = 22 min, then a break from 11:52 into the afternoon. Afternoon: 30 min.
    let day_with = |back_from_last_morning_break| {
        let mut events = vec![ev(t(7, 55, 0), "1001", Ready)];
        for (from, to) in [
            (t(9, 0, 0), t(9, 8, 0)),
            (t(10, 0, 0), t(10, 8, 0)),
            (t(11, 0, 0), t(11, 6, 0)),
            (t(11, 52, 0), back_from_last_morning_break),
            (t(12, 5, 0), t(12, 15, 0)),
            (t(13, 0, 0), t(13, 10, 0)),
            (t(14, 0, 0), t(14, 10, 0)),
        ] {
            events.push(ev(from, "1001", SmallBreak));
            events.push(ev(to, "1001", Ready));
        }
        with_idle_floor(events)
    };
    // Ready exactly at the afternoon's start is on time for it.
    let policy = FloorPolicy {
        ready_before_start_min: 0,
        ..FloorPolicy::default()
    };
    let judge_day =
        |events: &[StateEvent]| judge(policy, shifts(), no_initial(), events, t(16, 0, 0)).unwrap();
    // Back at 12:00: the morning's 30 min exactly, the afternoon's 30 min. Nothing.
    assert_eq!(judge_day(&day_with(t(12, 0, 0))), vec![]);

    // Back at 12:03: 11 min, all of it the morning's (31 min), none the afternoon's — though
    // being on a break at 12:00 makes the afternoon start late.
    let alerts = judge_day(&day_with(t(12, 3, 0)));
    assert_eq!(
        rules(&alerts),
        vec![
            (t(12, 0, 0), "1001", RuleCode::LateSignIn),
            (t(12, 0, 0), "1001", RuleCode::BreakTotalExceeded),
            (t(12, 2, 0), "1001", RuleCode::BreakOverrun),
        ]
    );
    let dates: Vec<_> = alerts.iter().map(|a| a.shift_date).collect();
    assert_eq!(dates, [day().succ_opt(), Some(day()), Some(day())]);
}

#[test]
fn a_break_outside_any_shift_overruns_but_has_no_total() {
    let mut events = vec![];
    for hour in [1, 2, 3, 4] {
        events.push(ev(t(hour, 0, 0), "1001", SmallBreak));
        events.push(ev(t(hour, 10, 0), "1001", Ready));
    }
    events.push(ev(t(5, 0, 0), "1001", SmallBreak));
    events.push(ev(t(5, 12, 0), "1001", Ready));
    let shifts = vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let alerts = run(shifts, &with_idle_floor(events), t(8, 0, 0));
    assert_eq!(
        rules(&alerts),
        vec![(t(5, 10, 0), "1001", RuleCode::BreakOverrun)]
    );
    assert_eq!(alerts[0].shift_date, None);
}

#[test]
fn a_night_shift_across_midnight_keeps_its_start_date() {
    let shanghai = chrono_tz::Asia::Shanghai;
    let night = ShiftSpan::from_local(
        "1001",
        day(),
        NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(6, 0, 0).unwrap(),
        &shanghai,
    )
    .unwrap();
    let local = |d: u32, h: u32, m: u32| {
        shanghai
            .with_ymd_and_hms(DAY.0, DAY.1, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    assert_eq!(night.start, local(23, 22, 0));
    assert_eq!(night.end, local(24, 6, 0));

    let mut events = idle_floor(local(23, 0, 0), 10);
    events.extend([
        ev(local(23, 21, 58), "1001", Ready), // 1 minute after the late check
        ev(local(24, 0, 30), "1001", SmallBreak),
        ev(local(24, 0, 42), "1001", Ready),
        ev(local(24, 5, 0), "1001", SignedOut),
    ]);
    let alerts = judge(
        FloorPolicy::default(),
        vec![night],
        no_initial(),
        &events,
        local(24, 12, 0),
    )
    .unwrap();
    assert_eq!(
        rules(&alerts),
        vec![
            (local(23, 21, 57), "1001", RuleCode::LateSignIn),
            (local(24, 0, 40), "1001", RuleCode::BreakOverrun),
            (local(24, 5, 0), "1001", RuleCode::EarlyLeave),
        ]
    );
    assert!(alerts.iter().all(|a| a.shift_date == Some(day())));
}

/// Shifts from 09:30 to 17:00 for `agents`, who sign in at 09:00: the computed line-full guard
/// applies at 10:00, and nobody is late.
fn rostered(agents: &[&str]) -> Vec<ShiftSpan> {
    agents
        .iter()
        .map(|a| shift(a, t(9, 30, 0), t(17, 0, 0)))
        .collect()
}

#[test]
fn line_full_counts_the_ready_agents_before_the_break_and_same_instant_lines_above() {
    let at = t(10, 0, 0);
    let everyone = || rostered(&["r0", "r1", "r2", "r3", "r4", "b0"]);
    let mut events = idle_floor(t(9, 0, 0), 5); // r0..r4 ready
    events.push(ev(t(9, 0, 0), "b0", Busy));
    // Same instant, in order: 5 ready → fine, 4 → fine, then 3 (r2 among them) → held.
    events.extend([
        ev(at, "r0", SmallBreak),
        ev(at, "r1", SmallBreak),
        ev(at, "r2", SmallBreak),
    ]);
    let alerts = run(everyone(), &events, at);
    assert_eq!(
        rules(&alerts),
        vec![(at, "r2", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(alerts[0].detail, "3 agents ready (guard 3)");
    assert_eq!(alerts[0].shift_date, Some(day()));

    // A busy agent going on break is not idle: 2 ready → held.
    let mut busy_goes = idle_floor(t(9, 0, 0), 2);
    busy_goes.push(ev(t(9, 0, 0), "b0", Busy));
    busy_goes.push(ev(at, "b0", SmallBreak));
    let alerts = run(rostered(&["r0", "r1", "b0"]), &busy_goes, at);
    assert_eq!(
        rules(&alerts),
        vec![(at, "b0", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(alerts[0].detail, "2 agents ready (guard 3)");
    // Someone coming back to ready on the line above counts too.
    let mut returning = idle_floor(t(9, 0, 0), 3);
    returning.push(ev(t(9, 0, 0), "b0", Busy));
    returning.push(ev(at, "r0", SmallBreak)); // 3 → held
    returning.push(ev(at, "b0", Ready)); // back to 3 ready
    returning.push(ev(at, "r1", SmallBreak)); // 3 → held
    assert_eq!(
        rules(&run(rostered(&["r0", "r1", "r2", "b0"]), &returning, at)),
        vec![
            (at, "r0", RuleCode::BreakDuringLineFull),
            (at, "r1", RuleCode::BreakDuringLineFull),
        ]
    );
    // Gone and back within the instant: one occurrence.
    let mut flicker = idle_floor(t(9, 0, 0), 3);
    flicker.extend([
        ev(at, "r0", SmallBreak),
        ev(at, "r0", Ready),
        ev(at, "r0", SmallBreak),
    ]);
    assert_eq!(
        rules(&run(rostered(&["r0", "r1", "r2"]), &flicker, at)),
        vec![(at, "r0", RuleCode::BreakDuringLineFull)]
    );
}

#[test]
fn a_busy_agent_going_on_break_with_three_ready_is_held() {
    // 满线 is "话务空闲数小于或等于3": three idle. The busy agent was never idle, so they do not
    // make it four (the old count did, and let this break go).
    let at = t(10, 0, 0);
    let mut events = idle_floor(t(9, 0, 0), 3);
    events.push(ev(t(9, 0, 0), "b0", Busy));
    events.push(ev(at, "b0", SmallBreak));
    let alerts = run(rostered(&["r0", "r1", "r2", "b0"]), &events, at);
    assert_eq!(
        rules(&alerts),
        vec![(at, "b0", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(alerts[0].detail, "3 agents ready (guard 3)");

    // The engine says so before the break, too.
    let mut engine = FloorEngine::new(
        FloorPolicy::default(),
        rostered(&["r0", "r1", "r2", "b0"]),
        no_initial(),
    );
    for e in &events[..4] {
        engine.apply(e).unwrap();
    }
    engine.advance_to(at);
    assert!(engine.line_full());
    assert!(engine.line_full_by_count());
    assert!(engine.break_held(at, engine.ready_count()));
}

#[test]
fn a_ready_agent_going_on_break_with_three_others_ready_is_not_held() {
    // Four ready, the one going among them: 4 > 3.
    let at = t(10, 0, 0);
    let mut events = idle_floor(t(9, 0, 0), 4);
    events.push(ev(t(9, 0, 0), "b0", Busy));
    events.push(ev(at, "r0", SmallBreak));
    let shifts = || rostered(&["r0", "r1", "r2", "r3", "b0"]);
    assert_eq!(run(shifts(), &events, at), vec![]);
    // The next one, from three ready, is.
    events.push(ev(at, "r1", SmallBreak));
    let alerts = run(shifts(), &events, at);
    assert_eq!(
        rules(&alerts),
        vec![(at, "r1", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(alerts[0].detail, "3 agents ready (guard 3)");
}

#[test]
fn the_guard_follows_the_policy() {
    let at = t(10, 0, 0);
    let policy = |guard| FloorPolicy {
        line_full_max_idle: guard,
        ..FloorPolicy::default()
    };
    let mut events = idle_floor(t(9, 0, 0), 5);
    events.push(ev(at, "r0", SmallBreak)); // 5 ready
    let shifts = || rostered(&["r0", "r1", "r2", "r3", "r4"]);
    let judged = |guard| judge(policy(guard), shifts(), no_initial(), &events, at).unwrap();
    assert_eq!(judged(4), vec![]);
    let alerts = judged(5);
    assert_eq!(
        rules(&alerts),
        vec![(at, "r0", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(alerts[0].detail, "5 agents ready (guard 5)");
    // Guard 0: full only with nobody ready.
    let two = || rostered(&["r0", "r1"]);
    let r1_ready = [
        ev(t(9, 0, 0), "r0", Busy),
        ev(t(9, 0, 0), "r1", Ready),
        ev(at, "r0", SmallBreak),
    ];
    assert_eq!(
        judge(policy(0), two(), no_initial(), &r1_ready, at).unwrap(),
        vec![]
    );
    let r1_busy = [
        ev(t(9, 0, 0), "r0", Busy),
        ev(t(9, 0, 0), "r1", Busy),
        ev(at, "r0", SmallBreak),
    ];
    let alerts = judge(policy(0), two(), no_initial(), &r1_busy, at).unwrap();
    assert_eq!(
        rules(&alerts),
        vec![(at, "r0", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(alerts[0].detail, "0 agents ready (guard 0)");
}

#[test]
fn with_nobody_within_a_shift_the_count_does_not_hold_a_break() {
    // 03:50: the night shift ended at 03:50 (half-open), the day shift starts at 09:00. Nobody
    // is ready, yet the line is not full: nobody is rostered to take calls.
    let at = t(3, 50, 0);
    let shifts = || {
        vec![
            shift("n1", t(3, 50, 0) - Duration::hours(8), t(3, 50, 0)),
            shift("d1", t(9, 0, 0), t(17, 0, 0)),
        ]
    };
    let before = vec![
        ev(at - Duration::hours(8) - Duration::minutes(10), "n1", Ready),
        ev(t(3, 40, 0), "n1", Busy),
        ev(t(3, 40, 0), "x1", WrapUp),
        ev(t(3, 40, 0), "x2", Busy),
    ];
    let mut engine = FloorEngine::new(FloorPolicy::default(), shifts(), no_initial());
    for e in &before {
        engine.apply(e).unwrap();
    }
    engine.advance_to(at);
    assert_eq!(engine.ready_count(), 0);
    assert!(!engine.line_full());
    assert!(!engine.line_full_by_count());
    assert!(!engine.break_held(at, 0));
    assert!(
        engine
            .apply(&ev(at, "x1", SmallBreak))
            .unwrap()
            .iter()
            .all(|a| a.rule != RuleCode::BreakDuringLineFull)
    );
    // An announcement holds it all the same.
    engine.set_line_full(at, true).unwrap();
    assert!(engine.line_full());
    assert!(!engine.line_full_by_count());
    let alerts = engine.apply(&ev(at, "x2", SmallBreak)).unwrap();
    assert_eq!(
        rules(&alerts),
        vec![(at, "x2", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(
        alerts[0].detail,
        "line full announced; 0 agents ready (guard 3)"
    );
    assert_eq!(alerts[0].shift_date, None);

    // The same through judge; one second earlier the night shift still runs and the count holds.
    let mut events = before.clone();
    events.push(ev(at, "x1", SmallBreak));
    assert_eq!(run(shifts(), &events, at), vec![]);
    let mut earlier = before;
    earlier.push(ev(at - Duration::seconds(1), "x1", SmallBreak));
    let alerts = run(shifts(), &earlier, at);
    assert_eq!(
        rules(&alerts),
        vec![(
            at - Duration::seconds(1),
            "x1",
            RuleCode::BreakDuringLineFull
        )]
    );
    assert_eq!(alerts[0].detail, "0 agents ready (guard 3)");
    // x1 has no shift: the guard is the floor's, not the agent's own.
    assert_eq!(alerts[0].shift_date, None);

    // With no shifts at all, nothing is ever held by count.
    let mut engine = FloorEngine::new(FloorPolicy::default(), vec![], no_initial());
    engine.apply(&ev(t(10, 0, 0), "x1", Busy)).unwrap();
    assert!(!engine.line_full());
    assert!(
        engine
            .apply(&ev(t(10, 0, 0), "x1", SmallBreak))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_monitor_can_announce_the_line_full_by_hand() {
    let mut engine = FloorEngine::new(FloorPolicy::default(), vec![], no_initial());
    for e in idle_floor(t(9, 0, 0), 10) {
        engine.apply(&e).unwrap();
    }
    assert!(!engine.line_full());
    assert_eq!(engine.ready_count(), 10);
    engine.set_line_full(t(10, 0, 0), true).unwrap();
    assert!(engine.line_full());
    let alerts = engine.apply(&ev(t(10, 1, 0), "r0", SmallBreak)).unwrap();
    assert_eq!(
        rules(&alerts),
        vec![(t(10, 1, 0), "r0", RuleCode::BreakDuringLineFull)]
    );
    assert_eq!(
        alerts[0].detail,
        "line full announced; 10 agents ready (guard 3)"
    );
    engine.set_line_full(t(10, 2, 0), false).unwrap();
    assert!(
        engine
            .apply(&ev(t(10, 3, 0), "r1", SmallBreak))
            .unwrap()
            .is_empty()
    );
    assert_eq!(engine.ready_count(), 8);
    assert!(engine.set_line_full(t(10, 0, 0), true).is_err());
}

#[test]
fn a_longer_break_limit_drops_an_eleven_minute_break() {
    let events = with_idle_floor(vec![
        ev(t(10, 0, 0), "1001", SmallBreak),
        ev(t(10, 11, 0), "1001", Ready),
    ]);
    let shifts = || vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let initial = || vec![("1001".to_owned(), Ready, t(8, 30, 0))];
    let by_default = judge(
        FloorPolicy::default(),
        shifts(),
        initial(),
        &events,
        t(17, 0, 0),
    )
    .unwrap();
    assert_eq!(
        rules(&by_default),
        vec![(t(10, 10, 0), "1001", RuleCode::BreakOverrun)]
    );
    let settings = [("small_break_max_min".to_owned(), 15)]
        .into_iter()
        .collect();
    let relaxed = FloorPolicy::from_settings(&settings);
    assert_eq!(
        judge(relaxed, shifts(), initial(), &events, t(17, 0, 0)).unwrap(),
        vec![]
    );
}

#[test]
fn events_out_of_order_are_refused() {
    let mut engine = FloorEngine::new(FloorPolicy::default(), vec![], no_initial());
    engine.apply(&ev(t(10, 0, 0), "1001", Ready)).unwrap();
    engine.apply(&ev(t(10, 0, 0), "1002", Ready)).unwrap();
    let err = engine.apply(&ev(t(9, 59, 59), "1003", Ready)).unwrap_err();
    assert_eq!(err.code, "floor.out_of_order");
    assert_eq!(err.params["agent"], "1003");
    engine.advance_to(t(11, 0, 0));
    assert!(engine.apply(&ev(t(10, 30, 0), "1003", Ready)).is_err());
    let events = [ev(t(10, 0, 0), "1001", Ready), ev(t(9, 0, 0), "1001", Busy)];
    assert_eq!(
        judge(
            FloorPolicy::default(),
            vec![],
            no_initial(),
            &events,
            t(12, 0, 0)
        )
        .unwrap_err()
        .code,
        "floor.out_of_order"
    );
}

#[test]
fn equal_instant_events_apply_in_order() {
    let both = |first, second| {
        with_idle_floor(vec![
            ev(t(10, 0, 0), "1001", first),
            ev(t(10, 0, 0), "1001", second),
        ])
    };
    // Ends on a break: it overruns. Ends ready: nothing runs.
    assert_eq!(
        rules(&run(vec![], &both(Ready, SmallBreak), t(11, 0, 0))),
        vec![(t(10, 10, 0), "1001", RuleCode::BreakOverrun)]
    );
    assert_eq!(run(vec![], &both(SmallBreak, Ready), t(11, 0, 0)), vec![]);
}

#[test]
fn repeating_a_state_does_not_restart_its_clock() {
    let events = with_idle_floor(vec![
        ev(t(10, 0, 0), "1001", SmallBreak),
        ev(t(10, 8, 0), "1001", SmallBreak),
        ev(t(10, 12, 0), "1001", Ready),
    ]);
    assert_eq!(
        rules(&run(vec![], &events, t(11, 0, 0))),
        vec![(t(10, 10, 0), "1001", RuleCode::BreakOverrun)]
    );
}

#[test]
fn an_alert_fires_once_whatever_the_ticks() {
    let shifts = vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let mut engine = FloorEngine::new(FloorPolicy::default(), shifts, no_initial());
    engine.apply(&ev(t(8, 50, 0), "1001", Ready)).unwrap();
    assert!(
        engine
            .apply(&ev(t(12, 0, 0), "1001", SignedOut))
            .unwrap()
            .is_empty(),
        "judged after every event at its instant"
    );
    let leave = engine.advance_to(t(12, 0, 0));
    assert_eq!(
        rules(&leave),
        vec![(t(12, 0, 0), "1001", RuleCode::EarlyLeave)]
    );
    assert!(engine.advance_to(t(12, 0, 0)).is_empty());
    assert!(
        engine
            .apply(&ev(t(12, 0, 0), "1001", Ready))
            .unwrap()
            .is_empty()
    );
    assert!(engine.advance_to(t(12, 0, 0)).is_empty());
    assert!(
        engine.advance_to(t(11, 0, 0)).is_empty(),
        "time does not go back"
    );
    assert_eq!(engine.now(), Some(t(12, 0, 0)));
    assert!(engine.advance_to(t(23, 0, 0)).is_empty());
}

#[test]
fn the_engine_starts_from_the_states_it_is_given() {
    let shifts = vec![
        shift("1001", t(9, 0, 0), t(17, 0, 0)),
        shift("1002", t(9, 0, 0), t(17, 0, 0)),
        shift("1003", t(9, 0, 0), t(17, 0, 0)),
    ];
    let initial = vec![
        // On a break since before the engine started: its limit still holds.
        ("1001".to_owned(), SmallBreak, t(9, 55, 0)),
        // Ready since 10:00: whether it was on time at 08:57 is not known, so not judged.
        ("1002".to_owned(), Ready, t(10, 0, 0)),
        // Signed out since yesterday: late and absent.
        (
            "1003".to_owned(),
            SignedOut,
            t(0, 0, 0) - Duration::hours(6),
        ),
    ];
    let mut engine = FloorEngine::new(FloorPolicy::default(), shifts, initial);
    assert_eq!(engine.ready_count(), 1);
    assert_eq!(
        rules(&engine.advance_to(t(10, 6, 0))),
        vec![
            (t(8, 57, 0), "1003", RuleCode::LateSignIn),
            (t(9, 30, 0), "1003", RuleCode::Absent),
            (t(10, 5, 0), "1001", RuleCode::BreakOverrun),
        ]
    );
}

#[test]
fn the_snapshot_gives_each_timer_and_its_limits() {
    let shifts = vec![shift("1001", t(9, 0, 0), t(17, 0, 0))];
    let mut engine = FloorEngine::new(FloorPolicy::default(), shifts, no_initial());
    for e in [
        ev(t(8, 55, 0), "1001", Ready),
        ev(t(10, 0, 0), "1001", SmallBreak),
        ev(t(10, 7, 0), "1001", Ready),
        StateEvent {
            reason: Some("toilet".to_owned()),
            ..ev(t(10, 30, 0), "1002", Other)
        },
        ev(t(11, 0, 0), "1001", SmallBreak),
    ] {
        engine.apply(&e).unwrap();
    }
    let rows = engine.snapshot(t(11, 4, 30));
    assert_eq!(rows.len(), 2);
    let me = &rows[0];
    assert_eq!(me.agent, "1001");
    assert_eq!(me.state, SmallBreak);
    assert_eq!(me.since, Some(t(11, 0, 0)));
    assert_eq!(me.elapsed_secs, Some(270));
    assert_eq!(me.limit_secs, Some(600));
    assert_eq!(me.shift_date, Some(day()));
    assert_eq!(me.shift_break_secs, 7 * 60 + 270);
    assert_eq!(me.shift_break_limit_secs, Some(1800));
    let other = &rows[1];
    assert_eq!(other.reason.as_deref(), Some("toilet"));
    assert_eq!(other.limit_secs, None);
    assert_eq!(other.shift_date, None);
    assert_eq!(engine.ready_count(), 0);
    assert!(engine.line_full());
}

#[test]
fn states_read_in_both_languages() {
    for state in AgentState::ALL {
        assert_eq!(AgentState::parse(state.as_str()), Some(state));
        assert_eq!(AgentState::parse(state.label_zh()), Some(state));
    }
    assert_eq!(AgentState::parse("WRAP_UP"), Some(WrapUp));
    assert_eq!(AgentState::parse("话后处理"), Some(WrapUp));
    assert_eq!(AgentState::parse("lunch"), None);
    // Words older files and chat desks use for the same states.
    assert_eq!(AgentState::parse("签出"), Some(SignedOut));
    assert_eq!(AgentState::parse("就绪"), Some(Ready));
    assert_eq!(AgentState::parse("接待中"), Some(Busy));
    assert_eq!(AgentState::parse("挂起"), Some(Suspended));
    assert!(Ready.is_at_work() && Training.is_at_work() && !SmallBreak.is_at_work());
    // 挂起 is at work but not idle, and has no limit.
    assert!(Suspended.is_at_work());
}

#[test]
fn events_after_until_are_not_judged() {
    let events = with_idle_floor(vec![
        ev(t(10, 0, 0), "1001", SmallBreak),
        ev(t(10, 20, 0), "1001", Ready),
    ]);
    assert_eq!(run(vec![], &events, t(10, 10, 0)), vec![]);
    assert_eq!(run(vec![], &events, t(10, 10, 1)).len(), 1);
}
