//! Score entry as raters do it: each rater's sheet holds only the people and items of their
//! role, values are checked against the item's maximum on the spot, the window governs the app
//! and a supervisor's PIN lets a late change through, and every value replaced is kept.

use floordesk_domain::scores::{RaterRole, WindowPhase};
use floordesk_store::scores::{LateSignoff, ScoreEntry};

use crate::scores_common::{PIN, TEMPLATE, in_window, november, score_floor};

/// A `score_changes` row: old and new points, who allowed it late and why.
type Change = (Option<i64>, Option<i64>, Option<i64>, Option<String>);

fn code(e: floordesk_store::StoreError) -> String {
    e.to_problem().code.to_string()
}

#[test]
fn a_lead_rates_their_own_team_on_the_superiors_items_only() {
    let dir = tempfile::tempdir().unwrap();
    let f = score_floor(dir.path());
    let lead = f.as_user(f.lead_2001, in_window());
    let sheet = f.store.my_score_sheet(november(), lead).unwrap();
    assert_eq!(sheet.phase, WindowPhase::Open);
    assert_eq!(sheet.window.closes_on.to_string(), "2026-12-07");
    let superior = sheet
        .groups
        .iter()
        .find(|g| g.role == RaterRole::Superior)
        .expect("a superior's sheet");
    assert_eq!(superior.template_name, TEMPLATE);
    let rated: Vec<&str> = superior
        .rows
        .iter()
        .map(|r| r.employee_no.as_str())
        .collect();
    assert_eq!(rated, ["2002", "2003", "2004", "2005", "2006"]);
    // Seed 002: the superior scores performance and ability, 65 of the 100 points.
    assert_eq!(superior.items.len(), 10);
    assert_eq!(superior.items.iter().map(|i| i.max_points).sum::<i64>(), 65);
    let own = sheet
        .groups
        .iter()
        .find(|g| g.role == RaterRole::SelfRating)
        .expect("their own 自评");
    assert_eq!(own.rows.len(), 1);
    assert_eq!(own.rows[0].employee_no, "2001");
    assert_eq!(own.items.iter().map(|i| i.max_points).sum::<i64>(), 15);
}

#[test]
fn a_rater_cannot_score_someone_they_do_not_rate() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let lead = f.as_user(f.lead_2001, in_window());
    let other_team = f.person("2008");
    let item = f.item("咨询转化率").id;
    let e = f
        .store
        .enter_my_scores(
            november(),
            &[ScoreEntry {
                ratee: other_team,
                role: RaterRole::Superior,
                item_id: item,
                points: Some(800),
            }],
            None,
            lead,
        )
        .unwrap_err();
    assert_eq!(code(e), "scores.not_rater");
    // A superior's item on the self sheet.
    let own = f.person("2001");
    let e = f
        .store
        .enter_my_scores(
            november(),
            &[ScoreEntry {
                ratee: own,
                role: RaterRole::SelfRating,
                item_id: item,
                points: Some(800),
            }],
            None,
            lead,
        )
        .unwrap_err();
    assert_eq!(code(e), "scores.item_not_for_role");
}

#[test]
fn a_value_above_the_items_maximum_is_refused_and_nothing_of_the_block_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let lead = f.as_user(f.lead_2001, in_window());
    let ratee = f.person("2002");
    let ten = f.item("咨询转化率");
    let five = f.item("客户流失率");
    let block = [
        ScoreEntry {
            ratee: ratee.clone(),
            role: RaterRole::Superior,
            item_id: ten.id,
            points: Some(950),
        },
        ScoreEntry {
            ratee: ratee.clone(),
            role: RaterRole::Superior,
            item_id: five.id,
            points: Some(550),
        },
    ];
    let e = f
        .store
        .enter_my_scores(november(), &block, None, lead)
        .unwrap_err();
    let p = e.to_problem();
    assert_eq!(p.code.to_string(), "scores.out_of_range");
    assert_eq!(p.params.get("max").map(String::as_str), Some("5"));
    assert_eq!(p.params.get("value").map(String::as_str), Some("5.5"));
    let sheet = f.store.my_score_sheet(november(), lead).unwrap();
    let row = &sheet
        .groups
        .iter()
        .find(|g| g.role == RaterRole::Superior)
        .unwrap()
        .rows[0];
    assert_eq!(row.filled, 0, "the block is all or nothing");

    // The same block within the limits saves both, and the sheet shows them.
    let mut block = block;
    block[1].points = Some(450);
    f.store
        .enter_my_scores(november(), &block, None, lead)
        .unwrap();
    let sheet = f.store.my_score_sheet(november(), lead).unwrap();
    let group = sheet
        .groups
        .iter()
        .find(|g| g.role == RaterRole::Superior)
        .unwrap();
    let row = &group.rows[0];
    assert_eq!((row.filled, row.total), (2, 1400));
    let col = group.items.iter().position(|i| i.id == five.id).unwrap();
    assert_eq!(row.cells[col], Some(450));
}

#[test]
fn entry_opens_with_the_next_month_and_a_late_change_needs_a_supervisors_pin() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let ratee = f.person("2002");
    let item = f.item("咨询转化率").id;
    let entry = |points| {
        vec![ScoreEntry {
            ratee: ratee.clone(),
            role: RaterRole::Superior,
            item_id: item,
            points: Some(points),
        }]
    };
    let early = f.as_user(f.lead_2001, "2026-11-30T08:00:00Z".parse().unwrap());
    let e = f
        .store
        .enter_my_scores(november(), &entry(800), None, early)
        .unwrap_err();
    assert_eq!(code(e), "scores.window_not_open");

    // Monday 7 December, 23:30 in Shanghai, is still inside; Tuesday 8 is late.
    let last = f.as_user(f.lead_2001, "2026-12-07T15:30:00Z".parse().unwrap());
    f.store
        .enter_my_scores(november(), &entry(800), None, last)
        .unwrap();
    let late = f.as_user(f.lead_2001, "2026-12-07T16:30:00Z".parse().unwrap());
    let e = f
        .store
        .enter_my_scores(november(), &entry(900), None, late)
        .unwrap_err();
    assert_eq!(code(e), "scores.window_closed");

    let wrong = LateSignoff {
        user_id: f.supervisor,
        pin: "0000".into(),
        reason: "补录".into(),
    };
    let e = f
        .store
        .enter_my_scores(november(), &entry(900), Some(&wrong), late)
        .unwrap_err();
    assert_eq!(code(e), "auth.wrong_pin");
    let lead_pin = LateSignoff {
        user_id: f.lead_2007,
        pin: PIN.into(),
        reason: "补录".into(),
    };
    let e = f
        .store
        .enter_my_scores(november(), &entry(900), Some(&lead_pin), late)
        .unwrap_err();
    assert_eq!(
        code(e),
        "auth.forbidden",
        "a 班长 does not allow late changes"
    );
    let ok = LateSignoff {
        user_id: f.supervisor,
        pin: PIN.into(),
        reason: "系统故障补录".into(),
    };
    f.store
        .enter_my_scores(november(), &entry(900), Some(&ok), late)
        .unwrap();

    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    let history: Vec<Change> = conn
        .prepare(
            "SELECT old_points, new_points, late_allowed_by, late_reason FROM score_changes
             WHERE item_id = ?1 ORDER BY id",
        )
        .unwrap()
        .query_map([item], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        history,
        vec![
            (None, Some(800), None, None),
            (
                Some(800),
                Some(900),
                Some(f.supervisor),
                Some("系统故障补录".into())
            ),
        ]
    );
}

#[test]
fn an_agent_writes_their_own_self_assessment_and_nobody_elses() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let agent = f.as_user(f.agent_2004, in_window());
    let sheet = f.store.my_score_sheet(november(), agent).unwrap();
    let roles: Vec<RaterRole> = sheet.groups.iter().map(|g| g.role).collect();
    assert_eq!(roles, [RaterRole::SelfRating]);
    let me = f.person("2004");
    let entries: Vec<ScoreEntry> = sheet.groups[0]
        .items
        .iter()
        .map(|i| ScoreEntry {
            ratee: me.clone(),
            role: RaterRole::SelfRating,
            item_id: i.id,
            points: Some(i.max_points * 100),
        })
        .collect();
    f.store
        .enter_my_scores(november(), &entries, None, agent)
        .unwrap();
    let results = f.store.visible_month_results(november(), agent).unwrap();
    assert_eq!(results.rows.len(), 1, "an agent sees their own result only");
    assert_eq!(results.rows[0].scores.self_score, Some(100.0));

    let colleague = f.person("2003");
    let e = f
        .store
        .enter_my_scores(
            november(),
            &[ScoreEntry {
                ratee: colleague,
                role: RaterRole::Peer,
                item_id: f.item("服务性").id,
                points: Some(800),
            }],
            None,
            agent,
        )
        .unwrap_err();
    assert_eq!(code(e), "scores.not_rater");
}

#[test]
fn clearing_a_cell_keeps_what_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let lead = f.as_user(f.lead_2001, in_window());
    let ratee = f.person("2003");
    let item = f.item("总成交额").id;
    let cell = |points| ScoreEntry {
        ratee: ratee.clone(),
        role: RaterRole::Superior,
        item_id: item,
        points,
    };
    f.store
        .enter_my_scores(november(), &[cell(Some(700))], None, lead)
        .unwrap();
    f.store
        .enter_my_scores(november(), &[cell(None)], None, lead)
        .unwrap();
    let sheet = f.store.my_score_sheet(november(), lead).unwrap();
    let group = sheet
        .groups
        .iter()
        .find(|g| g.role == RaterRole::Superior)
        .unwrap();
    assert!(group.rows.iter().all(|r| r.filled == 0));
    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    let last: (Option<i64>, Option<i64>) = conn
        .query_row(
            "SELECT old_points, new_points FROM score_changes ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(last, (Some(700), None));
}
