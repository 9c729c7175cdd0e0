//! 点名 readings, each a one-agent scenario on a 白班 (08:30–16:00, Shanghai): arrival, lateness
//! rounded up, 报备 before and after the start, 未到 until the absence threshold, leave.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::floor::{AgentState, Notice, NoticeKind, ShiftSpan, StateEvent};
use floordesk_domain::handover::HandoverPolicy;
use floordesk_domain::handover::roll_call::{
    RollCallFacts, RollCallReading, RollCallStatus, read_roll_call,
};
use proptest::prelude::*;

const AGENT: &str = "1001";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn shanghai() -> Tz {
    "Asia/Shanghai".parse().unwrap()
}

fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    shanghai()
        .from_local_datetime(&day().and_hms_opt(h, m, s).unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

fn shift() -> ShiftSpan {
    let time = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
    ShiftSpan::from_local(AGENT, day(), time(8, 30), time(16, 0), &shanghai()).unwrap()
}

fn policy() -> HandoverPolicy {
    HandoverPolicy {
        gap_min: 60,
        unsigned_after_min: 15,
        roll_call_before_start_min: 10,
        absent_after_min: 30,
    }
}

fn ev(at: DateTime<Utc>, state: AgentState) -> StateEvent {
    StateEvent {
        at,
        agent: AGENT.into(),
        state,
        reason: None,
    }
}

fn notice(at: DateTime<Utc>, kind: NoticeKind) -> Notice {
    Notice {
        at,
        agent: AGENT.into(),
        kind,
        reason: Some("地铁故障".into()),
    }
}

struct Case {
    initial: AgentState,
    events: Vec<StateEvent>,
    notices: Vec<Notice>,
    on_leave: bool,
    policy: HandoverPolicy,
}

impl Case {
    fn new() -> Case {
        Case {
            initial: AgentState::SignedOut,
            events: Vec::new(),
            notices: Vec::new(),
            on_leave: false,
            policy: policy(),
        }
    }

    fn signs_in(mut self, at: DateTime<Utc>) -> Case {
        self.events.push(ev(at, AgentState::Ready));
        self
    }

    fn then(mut self, at: DateTime<Utc>, state: AgentState) -> Case {
        self.events.push(ev(at, state));
        self
    }

    fn notice(mut self, at: DateTime<Utc>) -> Case {
        self.notices.push(notice(at, NoticeKind::Late));
        self
    }

    fn read(&self, now: DateTime<Utc>) -> RollCallReading {
        let shift = shift();
        let facts = RollCallFacts {
            shift: &shift,
            state_at_window_start: self.initial,
            events: &self.events,
            notices: &self.notices,
            on_leave: self.on_leave,
        };
        read_roll_call(&facts, &self.policy, now)
    }
}

fn reading(
    status: RollCallStatus,
    late_min: Option<i64>,
    notified: bool,
    pending: bool,
    arrived_at: Option<DateTime<Utc>>,
) -> RollCallReading {
    RollCallReading {
        status,
        late_min,
        notified,
        pending,
        arrived_at,
    }
}

#[test]
fn signed_in_before_the_start_is_present() {
    let r = Case::new().signs_in(t(8, 20, 0)).read(t(9, 0, 0));
    assert_eq!(
        r,
        reading(
            RollCallStatus::Present,
            None,
            false,
            false,
            Some(t(8, 20, 0))
        )
    );
    // Exactly at the start is on time.
    let r = Case::new().signs_in(t(8, 30, 0)).read(t(9, 0, 0));
    assert_eq!(r.status, RollCallStatus::Present);
}

#[test]
fn lateness_counts_from_the_start_rounded_up_to_whole_minutes() {
    let r = Case::new().signs_in(t(8, 41, 10)).read(t(9, 0, 0));
    assert_eq!(
        r,
        reading(
            RollCallStatus::Late,
            Some(12),
            false,
            false,
            Some(t(8, 41, 10))
        )
    );
    let r = Case::new().signs_in(t(8, 30, 1)).read(t(9, 0, 0));
    assert_eq!(r.late_min, Some(1));
    let r = Case::new().signs_in(t(8, 45, 0)).read(t(9, 0, 0));
    assert_eq!(r.late_min, Some(15));
}

#[test]
fn at_work_since_before_the_window_is_present() {
    // A double shift: at work since the night before.
    let mut case = Case::new();
    case.initial = AgentState::Busy;
    let r = case.read(t(9, 0, 0));
    assert_eq!(r.status, RollCallStatus::Present);
    assert_eq!(r.arrived_at, Some(t(6, 30, 0)));
}

#[test]
fn arrival_counts_not_the_state_at_the_start() {
    let r = Case::new()
        .signs_in(t(8, 20, 0))
        .then(t(8, 25, 0), AgentState::SmallBreak)
        .read(t(8, 40, 0));
    assert_eq!(r.status, RollCallStatus::Present);
    assert_eq!(r.arrived_at, Some(t(8, 20, 0)));
}

#[test]
fn signed_in_but_not_at_work_is_not_arrived() {
    // On a meal or 'other' from the sign-in: arrival is the first at-work state.
    let r = Case::new()
        .then(t(8, 10, 0), AgentState::Other)
        .then(t(8, 20, 0), AgentState::Meal)
        .then(t(8, 45, 0), AgentState::Ready)
        .read(t(9, 0, 0));
    assert_eq!(
        r,
        reading(
            RollCallStatus::Late,
            Some(15),
            false,
            false,
            Some(t(8, 45, 0))
        )
    );
}

#[test]
fn a_notice_before_the_start_excuses_the_lateness() {
    let r = Case::new()
        .notice(t(8, 0, 0))
        .signs_in(t(8, 50, 0))
        .read(t(9, 0, 0));
    assert_eq!(
        r,
        reading(
            RollCallStatus::Excused,
            Some(20),
            true,
            false,
            Some(t(8, 50, 0))
        )
    );
}

#[test]
fn a_notice_after_the_start_still_reads_late() {
    let r = Case::new()
        .notice(t(8, 35, 0))
        .signs_in(t(8, 50, 0))
        .read(t(9, 0, 0));
    assert_eq!(
        r,
        reading(
            RollCallStatus::Late,
            Some(20),
            true,
            false,
            Some(t(8, 50, 0))
        )
    );
}

#[test]
fn a_notice_before_the_start_and_no_arrival_is_excused() {
    let mut case = Case::new();
    case.notices.push(notice(t(7, 0, 0), NoticeKind::Absent));
    let r = case.read(t(10, 0, 0));
    assert_eq!(r, reading(RollCallStatus::Excused, None, true, false, None));
}

#[test]
fn nobody_in_reads_not_in_yet_until_the_absence_threshold() {
    let case = Case::new();
    assert_eq!(
        case.read(t(8, 59, 0)),
        reading(RollCallStatus::Absent, None, false, true, None)
    );
    assert_eq!(
        case.read(t(9, 0, 0)),
        reading(RollCallStatus::Absent, None, false, false, None)
    );
    assert_eq!(
        case.read(t(9, 1, 0)),
        reading(RollCallStatus::Absent, None, false, false, None)
    );
    // The roll call opens before the start: nobody is due yet.
    assert!(case.read(t(8, 20, 0)).pending);
}

#[test]
fn a_shift_over_without_an_arrival_is_absent_not_pending() {
    let mut case = Case::new();
    case.policy.absent_after_min = 24 * 60;
    assert!(case.read(t(15, 59, 0)).pending);
    let r = case.read(t(16, 0, 0));
    assert_eq!(r, reading(RollCallStatus::Absent, None, false, false, None));

    // Signing in after the end is no arrival for this shift.
    let r = Case::new().signs_in(t(16, 10, 0)).read(t(17, 0, 0));
    assert_eq!(r, reading(RollCallStatus::Absent, None, false, false, None));
}

#[test]
fn approved_leave_reads_on_leave_whatever_the_events() {
    let mut case = Case::new().signs_in(t(8, 20, 0)).notice(t(8, 0, 0));
    case.on_leave = true;
    assert_eq!(
        case.read(t(9, 0, 0)),
        reading(RollCallStatus::OnLeave, None, true, false, None)
    );
    case.notices.clear();
    assert_eq!(case.read(t(9, 0, 0)).status, RollCallStatus::OnLeave);
    assert!(!case.read(t(9, 0, 0)).notified);
}

#[test]
fn events_and_notices_after_now_are_ignored() {
    let case = Case::new().notice(t(8, 50, 0)).signs_in(t(8, 50, 0));
    assert_eq!(
        case.read(t(8, 45, 0)),
        reading(RollCallStatus::Absent, None, false, true, None)
    );
    assert_eq!(case.read(t(8, 50, 0)).arrived_at, None);
    assert_eq!(
        case.read(t(8, 50, 1)),
        reading(
            RollCallStatus::Late,
            Some(20),
            true,
            false,
            Some(t(8, 50, 0))
        )
    );
}

#[test]
fn statuses_read_back_in_both_languages() {
    for s in RollCallStatus::ALL {
        assert_eq!(RollCallStatus::parse(s.as_str()), Some(s));
        assert_eq!(RollCallStatus::parse(s.label_zh()), Some(s));
    }
    let labels: Vec<&str> = RollCallStatus::ALL.iter().map(|s| s.label_zh()).collect();
    assert_eq!(labels, ["到岗", "迟到", "缺勤", "请假", "已报备"]);
    assert_eq!(
        RollCallStatus::parse("ON_LEAVE"),
        Some(RollCallStatus::OnLeave)
    );
    assert_eq!(RollCallStatus::parse("未到"), None);
    assert_eq!(
        serde_json::to_string(&RollCallStatus::OnLeave).unwrap(),
        "\"on_leave\""
    );
}

/// A random morning on a 15-minute grid from 06:00, so that several events fall on one instant.
#[derive(Debug, Clone)]
struct Morning {
    initial: AgentState,
    /// (slot, state, tiebreak): the tiebreak reorders the events at one instant.
    events: Vec<(i64, usize, u32)>,
    notice_slots: Vec<i64>,
    on_leave: bool,
    now_slot: i64,
}

fn mornings() -> impl Strategy<Value = Morning> {
    (
        0usize..AgentState::ALL.len(),
        prop::collection::vec(
            (0i64..44, 0usize..AgentState::ALL.len(), any::<u32>()),
            0..12,
        ),
        prop::collection::vec(0i64..44, 0..3),
        prop::bool::weighted(0.1),
        0i64..44,
    )
        .prop_map(
            |(initial, events, notice_slots, on_leave, now_slot)| Morning {
                initial: AgentState::ALL[initial],
                events,
                notice_slots,
                on_leave,
                now_slot,
            },
        )
}

proptest! {
    #[test]
    fn the_reading_does_not_depend_on_the_order_of_simultaneous_events(m in mornings()) {
        let slot = |q: i64| t(6, 0, 0) + Duration::minutes(15 * q);
        let mut given = m.events.clone();
        given.sort_by_key(|(q, _, _)| *q);
        let mut shuffled = m.events.clone();
        shuffled.sort_by_key(|(q, _, tie)| (*q, *tie));
        let events = |specs: &[(i64, usize, u32)]| -> Vec<StateEvent> {
            specs.iter().map(|(q, s, _)| ev(slot(*q), AgentState::ALL[*s])).collect()
        };
        let mut case = Case::new();
        case.initial = m.initial;
        case.on_leave = m.on_leave;
        case.notices = m.notice_slots.iter().map(|q| notice(slot(*q), NoticeKind::Late)).collect();
        let now = slot(m.now_slot);

        case.events = events(&given);
        let a = case.read(now);
        case.events = events(&shuffled);
        let b = case.read(now);
        prop_assert_eq!(&a, &b);

        let start = shift().start;
        let late = a.arrived_at.is_some_and(|at| at > start);
        prop_assert_eq!(
            a.late_min.is_some(),
            late && matches!(a.status, RollCallStatus::Late | RollCallStatus::Excused)
        );
        prop_assert_eq!(a.late_min.is_some(), matches!(a.status, RollCallStatus::Late)
            || (a.status == RollCallStatus::Excused && a.arrived_at.is_some()));
        if let Some(m) = a.late_min {
            prop_assert!(m >= 1);
        }
        prop_assert!(!a.pending || a.status == RollCallStatus::Absent);
        prop_assert!(a.arrived_at.is_none_or(|at| at < now && at < shift().end));
        prop_assert_eq!(a.status == RollCallStatus::OnLeave, m.on_leave);
    }
}
