//! Computed items (scores part 2): a formula over the month's inputs fills every rater's sheet
//! read-only from the floor's own records, is recomputed while the month is open (a late
//! sign-in on the board lowers it at once) and frozen with the publication, in the database
//! itself.

use chrono::{DateTime, Utc};
use floordesk_domain::ErrorCode;
use floordesk_domain::floor::AgentState;
use floordesk_domain::floor::StateEvent;
use floordesk_domain::scores::{RaterRole, ScoreMonth};
use floordesk_store::Actor;
use floordesk_store::live::LiveFloor;
use floordesk_store::scores::{ScoreEntry, ScoreItemInput, TemplateInput, WindowRule};

use crate::common::{actor, write};
use crate::handover_common::problem;
use crate::scores_common::{ScoreFloor, TEMPLATE, in_window, november, score_floor};

const FORMULA: &str = "max(0, 10 - 4 * late_count)";

fn local(date: &str, time: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{date}T{time}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

/// The template with its first item of 10 points made computed by `formula`.
fn computed_template(
    f: &mut ScoreFloor,
    formula: &str,
) -> Result<i64, floordesk_store::StoreError> {
    let t = f.store.score_template_by_name(TEMPLATE).unwrap().unwrap();
    let target = t
        .items
        .iter()
        .find(|i| i.max_points == 10)
        .unwrap()
        .name
        .clone();
    let input = TemplateInput {
        name: t.name.clone(),
        cycle: t.cycle,
        items: t
            .items
            .iter()
            .map(|i| ScoreItemInput {
                group: i.group.clone(),
                name: i.name.clone(),
                max_points: i.max_points,
                roles: i.roles,
                computed: i.name == target,
                standard: i.standard.clone(),
                formula: (i.name == target).then(|| formula.to_owned()),
            })
            .collect(),
    };
    f.store.save_score_template(Some(t.id), &input, actor())?;
    Ok(f.item(&target).id)
}

/// 2004 rostered 08:30–16:00 on `date`, signing in ready at `ready` (local time).
fn a_day(f: &mut ScoreFloor, dir: &std::path::Path, date: &str, ready: &str) {
    let csv = format!("date,employee_no,start,end\n{date},2004,08:30,16:00\n");
    f.store
        .import_shifts(
            &write(dir, &format!("shift-{date}.csv"), &csv),
            None,
            actor(),
        )
        .unwrap();
    let (mut floor, _) = LiveFloor::load(&mut f.store, local(date, "08:00:00")).unwrap();
    for (time, state) in [
        (ready, AgentState::Ready),
        ("16:00:00", AgentState::SignedOut),
    ] {
        let at = local(date, time);
        floor.tick(&mut f.store, at).unwrap();
        let e = StateEvent {
            at,
            agent: "2004".into(),
            state,
            reason: None,
        };
        floor.set_state(&mut f.store, e, Actor::system(at)).unwrap();
    }
    floor.tick(&mut f.store, local(date, "17:00:00")).unwrap();
}

/// 2004's computed cell on their lead 2001's superior sheet, with its inputs.
fn lead_sees(f: &ScoreFloor, item: i64, at: DateTime<Utc>) -> (Option<i64>, Vec<(String, f64)>) {
    let sheet = f
        .store
        .rater_sheet(november(), &f.person("2001"), at)
        .unwrap();
    let group = sheet
        .groups
        .iter()
        .find(|g| g.role == RaterRole::Superior)
        .unwrap();
    let column = group.items.iter().position(|i| i.id == item).unwrap();
    let row = group.rows.iter().find(|r| r.employee_no == "2004").unwrap();
    let computed = row.computed.iter().find(|c| c.item_id == item).unwrap();
    assert_eq!(row.cells[column], computed.points);
    (
        computed.points,
        computed
            .inputs
            .iter()
            .map(|i| (i.name.clone(), i.value))
            .collect(),
    )
}

#[test]
fn a_late_sign_in_on_the_board_lowers_the_attendance_item_on_every_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let item = computed_template(&mut f, FORMULA).unwrap();
    a_day(&mut f, dir.path(), "2026-11-23", "08:20:00");
    assert_eq!(
        lead_sees(&f, item, in_window()),
        (Some(1000), vec![("late_count".into(), 0.0)])
    );
    // Ready was due at 08:27: 08:41 is late.
    a_day(&mut f, dir.path(), "2026-11-24", "08:41:00");
    assert_eq!(
        lead_sees(&f, item, in_window()),
        (Some(600), vec![("late_count".into(), 1.0)])
    );
    // The agent sees it on their own result, with its inputs, though the 班长 scores the item.
    let mine = f
        .store
        .my_computed_items(november(), Actor::user(f.agent_2004, in_window()))
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].item_id, item);
    assert_eq!(mine[0].score.points, Some(600));
    assert_eq!(mine[0].score.inputs[0].value, 1.0);
}

#[test]
fn a_computed_item_cannot_be_typed_and_counts_in_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let item = computed_template(&mut f, FORMULA).unwrap();
    let (ratee, lead) = (f.person("2004"), f.person("2001"));
    let typed = f.store.enter_scores(
        november(),
        &lead,
        &[ScoreEntry {
            ratee: ratee.clone(),
            role: RaterRole::Superior,
            item_id: item,
            points: Some(500),
        }],
        &WindowRule::Ignore,
        actor(),
    );
    let (code, params) = problem(typed.unwrap_err());
    assert_eq!(code, ErrorCode::ScoresItemComputed);
    assert_eq!(params["item"], f.item_by_id(item));

    // Everyone typed at 80 %; nobody was late, so the computed 10 points are full.
    f.rate_everyone(80);
    let results = f.store.month_results(november(), in_window()).unwrap();
    let row = results
        .rows
        .iter()
        .find(|r| r.employee_no == "2004")
        .unwrap();
    assert!(row.complete, "{row:?}");
    let composite = row.composite.unwrap();
    assert!(composite > 80.0 && composite < 100.0, "{composite}");
}

#[test]
fn publication_freezes_the_values_in_the_database_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let item = computed_template(&mut f, FORMULA).unwrap();
    a_day(&mut f, dir.path(), "2026-11-23", "08:41:00");
    f.rate_everyone(80);
    let publisher = Actor::user(f.supervisor, in_window());
    f.store.publish_scores(november(), publisher).unwrap();
    assert_eq!(lead_sees(&f, item, in_window()).0, Some(600));

    // A second late day after publication changes nothing that was published.
    a_day(&mut f, dir.path(), "2026-11-25", "08:50:00");
    let later: DateTime<Utc> = "2026-12-03T02:00:00Z".parse().unwrap();
    assert_eq!(
        lead_sees(&f, item, later),
        (Some(600), vec![("late_count".into(), 1.0)])
    );

    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    for sql in [
        "UPDATE score_computed_values SET points = 1000",
        "DELETE FROM score_computed_values",
        "INSERT INTO score_computed_values (publication_id, person, item_id, points, inputs)
         SELECT publication_id, person || 'x', item_id, 0, '{}' FROM score_computed_values LIMIT 1",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(
            e.contains("cannot") || e.contains("publication"),
            "{sql}: {e}"
        );
    }

    // Reopened, the month works the values out again from the records as they stand.
    f.store
        .reopen_scores(november(), "补录迟到", publisher)
        .unwrap();
    assert_eq!(lead_sees(&f, item, later).0, Some(200));
}

#[test]
fn a_formula_that_does_not_parse_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    let (code, params) =
        problem(computed_template(&mut f, "max(0, 10 - 2 * late_cnt)").unwrap_err());
    assert_eq!(code, ErrorCode::ScoresFormulaInvalid);
    assert_eq!(
        (params["line"].as_str(), params["column"].as_str()),
        ("1", "17")
    );
    assert!(params["reason"].contains("late_cnt"), "{params:?}");
    // Nothing was saved: the template's items are all still typed.
    assert!(f.items().iter().all(|i| !i.computed));
}

#[test]
fn the_preview_shows_last_months_values_with_their_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = score_floor(dir.path());
    a_day(&mut f, dir.path(), "2026-11-23", "08:41:00");
    let month = ScoreMonth::parse("2026-11").unwrap();
    let rows = f
        .store
        .preview_score_formula("考勤", "10 - late_minutes / 7", 10, month, in_window())
        .unwrap();
    assert_eq!(rows.len(), 10);
    let row = rows.iter().find(|r| r.employee_no == "2004").unwrap();
    assert_eq!(row.score.inputs[0].name, "late_minutes");
    let minutes = row.score.inputs[0].value;
    assert!(minutes >= 14.0, "{minutes}");
    assert_eq!(
        row.score.points,
        Some(((10.0 - minutes / 7.0) * 100.0).round() as i64)
    );
    let other = rows.iter().find(|r| r.employee_no == "2005").unwrap();
    assert_eq!(other.score.points, Some(1000));
    let e = f
        .store
        .preview_score_formula("考勤", "10 -", 10, month, in_window())
        .unwrap_err();
    assert_eq!(problem(e).0, ErrorCode::ScoresFormulaInvalid);
}

/// The demo floor's November as the records hold it, read by plain SQL of its own: every input
/// family (alerts, incidents and fines, complaints, meetings) reaches the formula for someone.
#[test]
fn every_input_family_reaches_the_formula_from_the_floors_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = floordesk_store::Store::open(&dir.path().join("demo.sqlite")).unwrap();
    let at: DateTime<Utc> = "2026-12-02T02:00:00Z".parse().unwrap();
    store.load_demo(at, Actor::system(at)).unwrap();
    let formula = "0 * (alerts_total + alerts_late_sign_in + incidents_total + incidents_meetings_training \
                   + fines_yuan + complaints_valid + meetings_expected + meetings_present + late_count)";
    let rows = store
        .preview_score_formula("核对", formula, 10, november(), at)
        .unwrap();
    let input = |no: &str, name: &str| {
        rows.iter()
            .find(|r| r.employee_no == no)
            .and_then(|r| r.score.inputs.iter().find(|i| i.name == name))
            .map_or(0.0, |i| i.value)
    };
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    let per_person = |sql: &str| -> Vec<(String, f64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let checks = [
        (
            "alerts_total",
            "SELECT a.employee_no, count(*) * 1.0 FROM alerts l JOIN agents a ON a.id = l.agent_id
             WHERE l.shift_date LIKE '2026-11-%' GROUP BY a.employee_no",
        ),
        (
            "alerts_late_sign_in",
            "SELECT a.employee_no, count(*) * 1.0 FROM alerts l JOIN agents a ON a.id = l.agent_id
             WHERE l.shift_date LIKE '2026-11-%' AND l.rule = 'late_sign_in' GROUP BY a.employee_no",
        ),
        (
            "complaints_valid",
            "SELECT employee_no, count(*) * 1.0 FROM complaints
             WHERE valid = 1 AND local_date LIKE '2026-11-%' GROUP BY employee_no",
        ),
        (
            "meetings_expected",
            "SELECT a.employee_no, count(*) * 1.0 FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
             WHERE m.taken_at IS NOT NULL AND m.local_date LIKE '2026-11-%' AND a.attendance <> 'excused'
             GROUP BY a.employee_no",
        ),
        (
            "incidents_total",
            "SELECT i.employee_no, count(*) * 1.0 FROM incidents i
             WHERE i.status = 'confirmed' AND i.local_date LIKE '2026-11-%' AND i.rule_code <> 'quarter_reward'
               AND i.employee_no IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM ledger_records v WHERE v.incident_id = i.id AND v.kind = 'void')
               AND json_extract((SELECT body FROM incident_rule_versions WHERE id = i.rule_version_id), '$.category') <> 'rewards'
             GROUP BY i.employee_no",
        ),
    ];
    for (name, sql) in checks {
        let expected = per_person(sql);
        assert!(!expected.is_empty(), "the demo has no {name} in November");
        for (no, n) in &expected {
            assert_eq!(input(no, name), *n, "{name} of {no}");
        }
    }
    assert!(rows.iter().any(|r| {
        r.score
            .inputs
            .iter()
            .any(|i| i.name == "fines_yuan" && i.value > 0.0)
    }));
}
