//! A month's results and its publication: the composite by the rules, incomplete people and
//! exceptions, ranks with ties, publishing that locks the month in the database itself (raw SQL
//! included), and reopening with a reason.

use floordesk_domain::scores::{Grade, RaterRole};
use floordesk_store::scores::{ScoreEntry, ScoreResponseKind, WindowRule};

use crate::common::actor;
use crate::scores_common::{PIN, in_window, november, score_floor};

fn code(e: floordesk_store::StoreError) -> String {
    e.to_problem().code.to_string()
}

#[test]
fn results_weigh_the_three_roles_and_rank_with_ties() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    f.rate_everyone(90);
    // 2002: self 100%, superior 80%, peers 100%: 15 × 100 + 60 × 80 + 25 × 100 = 8800 → 88.00.
    f.fill("2002", RaterRole::SelfRating, "2002", 100);
    f.fill("2002", RaterRole::Superior, "2001", 80);
    f.fill("2002", RaterRole::Peer, "2010", 100);
    // 2003 and 2004 tie above everyone: all 95%.
    for no in ["2003", "2004"] {
        f.fill(no, RaterRole::SelfRating, no, 95);
        f.fill(no, RaterRole::Superior, "2001", 95);
        f.fill(no, RaterRole::Peer, "2010", 95);
    }
    let results = f.store.month_results(november(), in_window()).unwrap();
    assert!(!results.published);
    let row = |no: &str| results.rows.iter().find(|r| r.employee_no == no).unwrap();
    assert_eq!(row("2002").composite_text.as_deref(), Some("88.00"));
    assert_eq!(row("2002").grade, Some(Grade::Good));
    assert_eq!(row("2005").composite_text.as_deref(), Some("90.00"));
    assert_eq!(
        row("2005").grade,
        Some(Grade::Excellent),
        "90.00 is excellent"
    );
    assert_eq!((row("2003").rank, row("2004").rank), (Some(1), Some(1)));
    assert_eq!(
        row("2005").rank,
        Some(3),
        "after a tie for first comes third"
    );
    assert_eq!(row("2002").rank, Some(10));
    // Within 售后组 (2007–2010), everyone at 90 shares first place.
    assert_eq!(row("2008").team_rank, Some(1));
    assert_eq!(row("2003").team_rank, Some(1));
    assert_eq!(row("2002").team_rank, Some(6));
    assert_eq!(
        results.rows.len(),
        10,
        "the supervisor's quarterly sheet is not November's"
    );
}

#[test]
fn a_second_superior_counts_in_the_mean_only_once_their_sheet_is_full() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    f.rate_everyone(80);
    let (ratee, second) = (f.person("2005"), f.person("2002"));
    f.store
        .assign_rater(november(), &ratee, RaterRole::Superior, &second, actor())
        .unwrap();
    let first = f
        .items()
        .into_iter()
        .find(|i| i.roles.contains(RaterRole::Superior))
        .unwrap();
    f.store
        .enter_scores(
            november(),
            &second,
            &[ScoreEntry {
                ratee: ratee.clone(),
                role: RaterRole::Superior,
                item_id: first.id,
                points: Some(0),
            }],
            &WindowRule::Ignore,
            actor(),
        )
        .unwrap();
    let results = f.store.month_results(november(), in_window()).unwrap();
    let r = results
        .rows
        .iter()
        .find(|r| r.employee_no == "2005")
        .unwrap();
    assert_eq!((r.counted[1], r.partial[1]), (1, 1));
    assert_eq!(r.scores.superior, Some(80.0));
    f.fill("2005", RaterRole::Superior, "2002", 60);
    let results = f.store.month_results(november(), in_window()).unwrap();
    let r = results
        .rows
        .iter()
        .find(|r| r.employee_no == "2005")
        .unwrap();
    assert_eq!(r.scores.superior, Some(70.0), "the mean of 80 and 60");
    // 15 × 80 + 60 × 70 + 25 × 80 = 7400 → 74.00, 合格.
    assert_eq!(r.composite_text.as_deref(), Some("74.00"));
    assert_eq!(r.grade, Some(Grade::Pass));
}

#[test]
fn publishing_waits_for_everyone_or_a_signed_exception() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    f.rate_everyone(85);
    // 2006's 小组 rater took back: 2006 misses the peer role.
    let (ratee, peer) = (f.person("2006"), f.person("2010"));
    f.store
        .remove_rater(november(), &ratee, RaterRole::Peer, &peer, actor())
        .unwrap();
    let supervisor = f.as_user(f.supervisor, in_window());
    let e = f.store.publish_scores(november(), supervisor).unwrap_err();
    let p = e.to_problem();
    assert_eq!(p.code.to_string(), "scores.incomplete");
    assert_eq!(p.params.get("names").map(String::as_str), Some("2006"));
    let results = f.store.month_results(november(), in_window()).unwrap();
    let r = results
        .rows
        .iter()
        .find(|r| r.employee_no == "2006")
        .unwrap();
    assert_eq!((r.complete, r.composite, r.rank), (false, None, None));
    assert_eq!(r.missing, vec![RaterRole::Peer]);

    // An exception for someone complete is refused; for 2006 it grades on self and superior.
    let complete = f.person("2005");
    let e = f
        .store
        .sign_score_exception_with_pin(november(), &complete, "x", PIN, supervisor)
        .unwrap_err();
    assert_eq!(code(e), "scores.exception_not_needed");
    f.store
        .sign_score_exception_with_pin(november(), &ratee, "小组评分人离职", PIN, supervisor)
        .unwrap();
    let published = f.store.publish_scores(november(), supervisor).unwrap();
    assert!(published.published);
    let r = published
        .rows
        .iter()
        .find(|r| r.employee_no == "2006")
        .unwrap();
    assert!(r.complete && r.exception);
    assert_eq!(r.composite_text.as_deref(), Some("85.00"));
}

#[test]
fn a_published_month_refuses_every_change_through_the_api_and_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    f.rate_everyone(90);
    let supervisor = f.as_user(f.supervisor, in_window());
    f.store.publish_scores(november(), supervisor).unwrap();

    let lead = f.as_user(f.lead_2001, in_window());
    let ratee = f.person("2002");
    let item = f.item("咨询转化率").id;
    let entry = ScoreEntry {
        ratee: ratee.clone(),
        role: RaterRole::Superior,
        item_id: item,
        points: Some(100),
    };
    let e = f
        .store
        .enter_my_scores(november(), std::slice::from_ref(&entry), None, lead)
        .unwrap_err();
    assert_eq!(code(e), "scores.published");
    let agent = f.as_user(f.agent_2004, in_window());
    let e = f
        .store
        .respond_to_my_score(november(), ScoreResponseKind::Confirm, None, agent)
        .unwrap_err();
    assert_eq!(code(e), "scores.published");

    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    for sql in [
        "UPDATE scores SET points = 0 WHERE month = '2026-11'",
        "DELETE FROM scores WHERE month = '2026-11'",
        "INSERT INTO scores (month, ratee, role, rater, item_id, points, entered_at, source)
         SELECT month, ratee, role, rater || 'x', item_id, 0, 0, 'entry' FROM scores LIMIT 1",
        "UPDATE score_results SET composite = '100.00'",
        "DELETE FROM score_results",
        "DELETE FROM score_publications",
        "UPDATE score_publications SET action = 'reopen'",
        "INSERT INTO score_exceptions (month, person, reason, signed_at, signed_by)
         VALUES ('2026-11', 'a1', 'x', 0, 1)",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(
            e.contains("published") || e.contains("cannot"),
            "{sql}: {e}"
        );
    }
    let still = f.store.month_results(november(), in_window()).unwrap();
    assert!(still.published);
    assert!(
        still
            .rows
            .iter()
            .all(|r| r.composite_text.as_deref() == Some("90.00"))
    );

    // Reopened with the supervisor's PIN and a reason, the month takes changes again; published
    // anew, it shows them.
    let e = f
        .store
        .reopen_scores_with_pin(november(), "", PIN, supervisor)
        .unwrap_err();
    assert_eq!(code(e), "validation.required");
    f.store
        .reopen_scores_with_pin(november(), "上级评分录入错误", PIN, supervisor)
        .unwrap();
    let lead_late = f.as_user(f.lead_2001, in_window());
    f.store
        .enter_my_scores(november(), &[entry], None, lead_late)
        .unwrap();
    let republished = f.store.publish_scores(november(), supervisor).unwrap();
    let r = republished
        .rows
        .iter()
        .find(|r| r.employee_no == "2002")
        .unwrap();
    // 咨询转化率 9 → 1: the superior's 58.5 of 65 becomes 50.5, 100 × 50.5 / 65 = 77.69;
    // (15 × 90 + 60 × 77.69 + 25 × 90) / 100 = 82.614 → 82.61.
    assert_eq!(r.composite_text.as_deref(), Some("82.61"));
    let months = f.store.score_months().unwrap();
    assert_eq!(months[0].month, "2026-11");
    assert!(months[0].published);
}

#[test]
fn an_agent_confirms_or_appeals_and_sees_no_peers_score() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    f.rate_everyone(90);
    let agent = f.as_user(f.agent_2004, in_window());
    let e = f
        .store
        .respond_to_my_score(november(), ScoreResponseKind::Appeal, Some("  "), agent)
        .unwrap_err();
    assert_eq!(code(e), "validation.required");
    f.store
        .respond_to_my_score(
            november(),
            ScoreResponseKind::Appeal,
            Some("客单价数据有误"),
            agent,
        )
        .unwrap();
    let mine = f.store.visible_month_results(november(), agent).unwrap();
    assert_eq!(mine.rows.len(), 1);
    let r = &mine.rows[0];
    assert_eq!(r.employee_no, "2004");
    assert_eq!(
        r.scores.peer, None,
        "a 小组 score is never shown to the rated agent"
    );
    assert_eq!(r.composite_text.as_deref(), Some("90.00"));
    assert_eq!(r.response, Some(ScoreResponseKind::Appeal));
    assert_eq!(r.response_note.as_deref(), Some("客单价数据有误"));

    let lead = f.as_user(f.lead_2001, in_window());
    let team = f.store.visible_month_results(november(), lead).unwrap();
    let nos: Vec<&str> = team.rows.iter().map(|r| r.employee_no.as_str()).collect();
    assert_eq!(nos, ["2001", "2002", "2003", "2004", "2005", "2006"]);
    assert_eq!(team.rows[3].scores.peer, Some(90.0));
}

#[test]
fn only_people_employed_in_the_month_are_assessed_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let month = |m: &str| floordesk_domain::scores::ScoreMonth::parse(m).unwrap();
    // 任可欣 (2010) was hired on 2026-06-15: not in May, in June.
    let assessed = |f: &crate::scores_common::ScoreFloor, m: &str, no: &str| {
        let person = f.person(no);
        f.store
            .score_templates_of_people(month(m))
            .unwrap()
            .contains_key(&person)
    };
    assert!(!assessed(&f, "2026-05", "2010"));
    assert!(assessed(&f, "2026-06", "2010"));
    // 钟浩然 (2009) leaves on 2026-11-10 and is made inactive: still assessed for November, not
    // for December.
    let a = f.store.agent_by_employee_no("2009").unwrap().unwrap();
    f.store
        .save_agent(
            &floordesk_store::people::AgentInput {
                id: Some(a.id),
                employee_no: a.employee_no.clone(),
                name: a.name.clone(),
                team_id: a.team_id,
                level: a.level,
                seat_id: a.seat_id,
                hired_on: a.hired_on,
                left_on: Some("2026-11-10".parse().unwrap()),
                base_pay_fen: None,
            },
            actor(),
        )
        .unwrap();
    f.store.set_agent_active(a.id, false, actor()).unwrap();
    assert!(assessed(&f, "2026-11", "2009"));
    assert!(!assessed(&f, "2026-12", "2009"));
}
