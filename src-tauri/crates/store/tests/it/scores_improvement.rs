//! Improvement plans: publishing a month opens one for each bottom place (ties included), due a
//! week later; filed once, followed up, closed once; overdue announced once; never deleted or
//! rewritten, in the database itself.

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::ErrorCode;
use floordesk_store::Actor;
use floordesk_store::scores::PlanStatus;

use crate::handover_common::problem;
use crate::scores_common::{in_window, november, score_floor};

/// 2001 at 60 %, 2002 at 61 %, 2003 and 2004 tied at 62 % (the third lowest), the rest from
/// 65 % up.
fn percent(no: &str) -> i64 {
    match no {
        "2001" => 60,
        "2002" => 61,
        "2003" | "2004" => 62,
        n => 60 + n[2..].parse::<i64>().unwrap(),
    }
}

#[test]
fn publishing_opens_plans_for_the_bottom_places_and_they_are_filed_followed_up_and_closed() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    f.rate_everyone_in(november(), percent);
    let publisher = Actor::user(f.supervisor, in_window());
    f.store.publish_scores(november(), publisher).unwrap();

    let plans = f
        .store
        .improvement_plans(Some(november()), in_window())
        .unwrap();
    let who: Vec<&str> = plans.iter().map(|p| p.employee_no.as_str()).collect();
    // 2003 and 2004 tie for the third lowest: both need a plan.
    assert_eq!(who, ["2001", "2002", "2003", "2004"]);
    let p = &plans[0];
    assert_eq!(p.due_on.to_string(), "2026-12-09");
    assert_eq!(p.status, PlanStatus::Due);
    assert_eq!(p.ranked, 10);

    // Overdue after the due date, announced once.
    let late: DateTime<Utc> = in_window() + Duration::days(8);
    assert!(f.store.improvement_tick(in_window()).unwrap().is_empty());
    assert_eq!(f.store.improvement_tick(late).unwrap().len(), 4);
    assert!(f.store.improvement_tick(late).unwrap().is_empty());
    assert_eq!(
        f.store.improvement_plans(Some(november()), late).unwrap()[0].status,
        PlanStatus::Overdue
    );

    let by = Actor::user(f.supervisor, late);
    let refused = f
        .store
        .close_improvement_plan(p.id, "已改善", by)
        .unwrap_err();
    assert_eq!(problem(refused).0, ErrorCode::ScoresPlanState);
    let blank = f
        .store
        .file_improvement_plan(p.id, " ", "每周复盘", by)
        .unwrap_err();
    assert_eq!(problem(blank).0, ErrorCode::ValidationRequired);
    let filed = f
        .store
        .file_improvement_plan(p.id, "新人业务不熟", "每周跟听录音两次，月底复测", by)
        .unwrap();
    assert_eq!(filed.status, PlanStatus::Filed);
    let again = f
        .store
        .file_improvement_plan(p.id, "x", "y", by)
        .unwrap_err();
    assert_eq!(problem(again).0, ErrorCode::ScoresPlanState);
    let followed = f
        .store
        .add_improvement_followup(p.id, "第一周：跟听 2 次", by)
        .unwrap();
    assert_eq!(followed.followups.len(), 1);
    let closed = f
        .store
        .close_improvement_plan(p.id, "复测通过", by)
        .unwrap();
    assert_eq!(closed.status, PlanStatus::Closed);
    assert_eq!(
        problem(
            f.store
                .add_improvement_followup(p.id, "再跟进", by)
                .unwrap_err()
        )
        .0,
        ErrorCode::ScoresPlanState
    );

    // Republished, the month keeps its plans: none twice.
    f.store
        .reopen_scores(november(), "核对", publisher)
        .unwrap();
    f.store.publish_scores(november(), publisher).unwrap();
    assert_eq!(
        f.store
            .improvement_plans(Some(november()), late)
            .unwrap()
            .len(),
        4
    );

    // The database itself keeps them.
    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    for sql in [
        "DELETE FROM improvement_plans",
        "UPDATE improvement_plans SET cause = '改过' WHERE filed_at IS NOT NULL",
        "UPDATE improvement_plans SET outcome = '改过' WHERE closed_at IS NOT NULL",
        "UPDATE improvement_plans SET due_on = '2027-01-01'",
        "UPDATE improvement_followups SET note = '改过'",
        "DELETE FROM improvement_followups",
    ] {
        assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    }
}

#[test]
fn a_lead_sees_their_teams_plans_and_an_agent_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    f.rate_everyone_in(november(), percent);
    f.store
        .publish_scores(november(), Actor::user(f.supervisor, in_window()))
        .unwrap();
    let lead = f
        .store
        .visible_improvement_plans(Some(november()), Actor::user(f.lead_2007, in_window()))
        .unwrap();
    assert!(lead.is_empty(), "售后组 has nobody at the bottom");
    let agent = f
        .store
        .visible_improvement_plans(None, Actor::user(f.agent_2004, in_window()))
        .unwrap();
    assert_eq!(
        agent
            .iter()
            .map(|p| p.employee_no.as_str())
            .collect::<Vec<_>>(),
        ["2004"]
    );
}
