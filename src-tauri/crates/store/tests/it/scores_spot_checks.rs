//! Spot checks (质检): recorded on the QA form with every item within its maximum, never changed
//! (voided with a reason), counted per team against the monthly minimum, and their mean feeding
//! the computed-item input spot_check_mean.

use floordesk_domain::ErrorCode;
use floordesk_store::Actor;
use floordesk_store::scores::SpotCheckInput;

use crate::handover_common::problem;
use crate::scores_common::{in_window, november, score_floor};

fn check(f: &crate::scores_common::ScoreFloor, no: &str, day: u32, percent: i64) -> SpotCheckInput {
    let form = f.store.qa_forms().unwrap().remove(0);
    SpotCheckInput {
        form_id: form.id,
        employee_no: no.into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
        sample: format!("订单 {no}-{day}"),
        note: None,
        scores: form
            .items
            .iter()
            .map(|i| (i.id, i.max_points * percent))
            .collect(),
    }
}

#[test]
fn checks_count_per_team_and_their_mean_feeds_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let by = Actor::user(f.supervisor, in_window());
    let forms = f.store.qa_forms().unwrap();
    assert_eq!(forms[0].name, "服务质检表");
    assert_eq!(forms[0].max_points, 100);

    // Every item scored, within its maximum.
    let mut missing = check(&f, "2002", 3, 80);
    missing.scores.pop();
    assert_eq!(
        problem(f.store.record_spot_check(&missing, by).unwrap_err()).0,
        ErrorCode::ValidationRequired
    );
    let mut over = check(&f, "2002", 3, 80);
    over.scores[0].1 = 99_00;
    assert_eq!(
        problem(f.store.record_spot_check(&over, by).unwrap_err()).0,
        ErrorCode::ScoresOutOfRange
    );

    let first = f
        .store
        .record_spot_check(&check(&f, "2002", 3, 80), by)
        .unwrap();
    assert_eq!((first.points, first.percent), (8000, 80.0));
    f.store
        .record_spot_check(&check(&f, "2002", 17, 90), by)
        .unwrap();
    let wrong = f
        .store
        .record_spot_check(&check(&f, "2003", 5, 10), by)
        .unwrap();
    let voided = f.store.void_spot_check(wrong.id, "录错人", by).unwrap();
    assert!(voided.voided_at.is_some());

    // 售前一组 (2001–2006) has two standing checks; 售后组 none: flagged.
    let coverage = f
        .store
        .spot_check_coverage(november(), in_window())
        .unwrap();
    let flags: Vec<(u32, bool)> = coverage.iter().map(|t| (t.checks, t.below)).collect();
    assert_eq!(flags, [(2, false), (0, true)]);
    // November is over on 2 December; December has only begun.
    assert!(coverage.iter().all(|t| !t.in_progress));
    let december = floordesk_domain::scores::ScoreMonth::parse("2026-12").unwrap();
    let now = f.store.spot_check_coverage(december, in_window()).unwrap();
    assert!(now.iter().all(|t| t.in_progress && t.below));

    // The mean feeds spot_check_mean; the voided check counts for nobody.
    let rows = f
        .store
        .preview_score_formula(
            "质检",
            "spot_check_mean / 10 + 0 * spot_checks",
            10,
            november(),
            in_window(),
        )
        .unwrap();
    let of = |no: &str| {
        rows.iter()
            .find(|r| r.employee_no == no)
            .unwrap()
            .score
            .clone()
    };
    assert_eq!(of("2002").points, Some(850));
    assert_eq!(of("2002").inputs[0].value, 2.0);
    assert_eq!(of("2003").points, Some(0));

    // Never changed or deleted behind the app's back; a form in use keeps its items.
    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    for sql in [
        "DELETE FROM spot_checks",
        "UPDATE spot_checks SET points = 10000",
        "UPDATE spot_checks SET void_reason = '改过' WHERE voided_at IS NOT NULL",
        "UPDATE spot_check_scores SET points = 0",
        "DELETE FROM qa_form_items",
        "UPDATE qa_form_items SET max_points = 50",
    ] {
        assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    }
}
