//! 报备: a notice before the shift starts excuses lateness and absence; one after the start
//! does not (seed 000: "上班時間以前電話通知…未通知者視為曠工,未提前者通知視為遲到").

use chrono::{DateTime, Duration, TimeZone, Utc};
use floordesk_domain::floor::{
    AgentState, Alert, FloorEngine, FloorEvent, FloorPolicy, Notice, NoticeKind, RuleCode,
    ShiftSpan, StateEvent, judge,
};

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
}

fn shift(agent: &str, start: DateTime<Utc>, hours: i64) -> ShiftSpan {
    ShiftSpan {
        agent: agent.to_owned(),
        shift_date: start.date_naive(),
        start,
        end: start + Duration::hours(hours),
    }
}

fn notice(at: DateTime<Utc>, agent: &str, kind: NoticeKind) -> FloorEvent {
    FloorEvent::Notice(Notice {
        at,
        agent: agent.to_owned(),
        kind,
        reason: Some("孩子发烧".into()),
    })
}

fn state(at: DateTime<Utc>, agent: &str, state: AgentState) -> FloorEvent {
    FloorEvent::State(StateEvent {
        at,
        agent: agent.to_owned(),
        state,
        reason: None,
    })
}

fn rules(alerts: &[Alert]) -> Vec<(DateTime<Utc>, RuleCode)> {
    alerts.iter().map(|a| (a.at, a.rule)).collect()
}

fn run(events: &[FloorEvent], until: DateTime<Utc>) -> Vec<Alert> {
    let shifts = vec![shift("1001", t(9, 0), 8)];
    judge(FloorPolicy::default(), shifts, Vec::new(), events, until).unwrap()
}

#[test]
fn without_notice_lateness_and_absence_are_raised() {
    assert_eq!(
        rules(&run(&[], t(12, 0))),
        [
            (t(8, 57), RuleCode::LateSignIn),
            (t(9, 30), RuleCode::Absent)
        ]
    );
}

#[test]
fn an_absence_notice_before_the_start_excuses_both() {
    let events = [notice(t(8, 10), "1001", NoticeKind::Absent)];
    assert_eq!(run(&events, t(18, 0)), []);
}

#[test]
fn a_late_notice_before_the_start_excuses_the_late_sign_in() {
    let events = [
        notice(t(8, 50), "1001", NoticeKind::Late),
        state(t(9, 20), "1001", AgentState::Ready),
    ];
    assert_eq!(run(&events, t(12, 0)), []);
}

#[test]
fn a_notice_after_the_start_leaves_the_alerts_standing() {
    // 未提前者通知視為遲到: phoning in at 09:05 is still late.
    let late = [
        notice(t(9, 5), "1001", NoticeKind::Late),
        state(t(9, 20), "1001", AgentState::Ready),
    ];
    assert_eq!(
        rules(&run(&late, t(12, 0))),
        [(t(8, 57), RuleCode::LateSignIn)]
    );
    let absent = [notice(t(9, 5), "1001", NoticeKind::Absent)];
    assert_eq!(
        rules(&run(&absent, t(12, 0))),
        [
            (t(8, 57), RuleCode::LateSignIn),
            (t(9, 30), RuleCode::Absent)
        ]
    );
}

#[test]
fn a_notice_at_the_start_itself_is_not_before_it() {
    let events = [notice(t(9, 0), "1001", NoticeKind::Absent)];
    assert_eq!(
        rules(&run(&events, t(12, 0))),
        [
            (t(8, 57), RuleCode::LateSignIn),
            (t(9, 30), RuleCode::Absent)
        ]
    );
}

#[test]
fn a_notice_is_about_the_next_shift_not_yet_over_and_excuses_only_that_one() {
    let shifts = vec![shift("1001", t(1, 0), 4), shift("1001", t(9, 0), 8)];
    let after_the_first = [notice(t(6, 0), "1001", NoticeKind::Absent)];
    let alerts = judge(
        FloorPolicy::default(),
        shifts.clone(),
        Vec::new(),
        &after_the_first,
        t(12, 0),
    )
    .unwrap();
    // The 01:00 shift was missed without notice; the 09:00 one is excused.
    assert_eq!(
        rules(&alerts),
        [
            (t(0, 57), RuleCode::LateSignIn),
            (t(1, 30), RuleCode::Absent)
        ]
    );

    let n = Notice {
        at: t(2, 0),
        agent: "1001".into(),
        kind: NoticeKind::Late,
        reason: None,
    };
    assert_eq!(n.shift(&shifts).map(|s| s.start), Some(t(1, 0)));
    assert!(!n.excuses(&shifts[0]));
    let someone_else = Notice {
        agent: "1002".into(),
        ..n.clone()
    };
    assert_eq!(someone_else.shift(&shifts), None);
}

#[test]
fn the_engine_takes_notices_in_time_order_with_the_events() {
    let mut engine = FloorEngine::new(
        FloorPolicy::default(),
        vec![shift("1001", t(9, 0), 8)],
        Vec::new(),
    );
    engine.advance_to(t(8, 30));
    let Err(problem) = engine.feed(&notice(t(8, 0), "1001", NoticeKind::Late)) else {
        panic!("a notice earlier than the engine's time must be refused");
    };
    assert_eq!(problem.code.as_str(), "floor.out_of_order");
    engine
        .feed(&notice(t(8, 40), "1001", NoticeKind::Absent))
        .unwrap();
    assert_eq!(engine.advance_to(t(12, 0)), []);
}

#[test]
fn notice_kinds_read_in_both_languages() {
    for kind in NoticeKind::ALL {
        assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
        assert_eq!(NoticeKind::parse(kind.label_zh()), Some(kind));
    }
    assert_eq!(NoticeKind::parse("LATE"), Some(NoticeKind::Late));
    assert_eq!(NoticeKind::parse("sick"), None);
}
