//! 自动排班 over a real database: a team's month filled from its requirement keeps every rule,
//! covers the requirement, keeps pins, leave and the days already judged, honours a wish where
//! it can, refuses a published month and writes nothing when cancelled.

use crate::common::{actor, demo_asset, fresh, write};
use chrono::{DateTime, NaiveDate, Utc};
use floordesk_store::requirement::{RequirementDay, RequirementSource};
use floordesk_store::roster::CellInput;
use floordesk_store::roster_generate::{GenerationReport, RosterWish};
use floordesk_store::{Actor, Store};

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// 售前一组 (2001–2006): weekdays two agents 08:30–16:00 and one 16:00–23:30; weekends one and one.
fn team_with_requirement(dir: &std::path::Path) -> (Store, i64) {
    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let team = store
        .list_teams()
        .unwrap()
        .into_iter()
        .find(|t| t.name == "售前一组")
        .unwrap()
        .id;
    for kind in ["1", "2", "3", "4", "5", "6", "7"] {
        let (day, evening) = if kind == "6" || kind == "7" {
            (1, 1)
        } else {
            (2, 1)
        };
        let mut agents = vec![0u16; 48];
        agents[17..32].iter_mut().for_each(|a| *a = day);
        agents[32..47].iter_mut().for_each(|a| *a = evening);
        store
            .put_requirement_day(
                &RequirementDay {
                    team_id: team,
                    day_kind: kind.into(),
                    source: RequirementSource::Typed,
                    agents,
                    contacts: None,
                    erlang: None,
                    updated_at: None,
                },
                actor(),
            )
            .unwrap();
    }
    (store, team)
}

fn generate(store: &mut Store, team: i64, month: &str, at: DateTime<Utc>) -> GenerationReport {
    store
        .generate_roster(team, month, 7, Actor::system(at), &mut |_| true)
        .unwrap()
        .unwrap()
}

fn cell(store: &Store, no: &str, date: &str) -> String {
    store
        .roster_cells_of(no, d(date), d(date))
        .unwrap()
        .pop()
        .map(|c| c.cell)
        .unwrap_or_default()
}

#[test]
fn a_month_is_filled_within_every_rule_and_covers_the_requirement() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = team_with_requirement(dir.path());
    let report = generate(&mut store, team, "2026-12", actor().at);
    assert_eq!(report.first_free, d("2026-12-01"));
    assert_eq!(report.team, "售前一组");
    // Six agents × 31 days.
    assert_eq!(report.written, 6 * 31);
    assert!(
        store
            .roster_violations(2026, 12, actor().at)
            .unwrap()
            .is_empty()
    );
    assert!(report.needed_slot_agents > 0);
    assert!(
        report.uncovered_slot_agents * 20 <= report.needed_slot_agents,
        "{} of {} half-hour-agents uncovered",
        report.uncovered_slot_agents,
        report.needed_slot_agents
    );
    assert!(
        report.nights.max - report.nights.min <= 1,
        "{:?}",
        report.nights
    );
    // The uncovered half hours come one per line, in date and time order.
    let keys: Vec<_> = report
        .uncovered
        .iter()
        .map(|u| (u.date, u.from.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(report.uncovered.iter().all(|u| u.rostered < u.needed));
    // Each agent has four rest days (做六休一, 每月休息4天) and works the rest.
    for no in 2001..=2006 {
        let cells = store
            .roster_cells_of(&no.to_string(), d("2026-12-01"), d("2026-12-31"))
            .unwrap();
        assert_eq!(cells.len(), 31);
        assert!(cells.iter().filter(|c| c.cell == "休").count() >= 4, "{no}");
    }
}

#[test]
fn pins_leave_and_wishes_are_kept_on_a_second_run() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = team_with_requirement(dir.path());
    generate(&mut store, team, "2026-12", actor().at);
    store
        .put_roster_cells(
            &[CellInput {
                employee_no: "2001".into(),
                date: d("2026-12-10"),
                cell: "M".into(),
            }],
            None,
            actor(),
        )
        .unwrap();
    store
        .pin_roster_cells(&[("2001".into(), d("2026-12-10"))], true, actor())
        .unwrap();
    let leave = write(
        dir.path(),
        "leave.csv",
        "employee_no,from,to,type\n2002,2026-12-15,2026-12-16,annual\n",
    );
    store.import_leave(&leave, actor()).unwrap();
    store
        .put_roster_wish(
            &RosterWish {
                employee_no: "2003".into(),
                date: d("2026-12-24"),
                note: Some("孩子家长会".into()),
            },
            true,
            actor(),
        )
        .unwrap();
    let report = generate(&mut store, team, "2026-12", actor().at);
    assert_eq!(cell(&store, "2001", "2026-12-10"), "M");
    for day in ["2026-12-15", "2026-12-16"] {
        assert_eq!(cell(&store, "2002", day), "", "leave on {day}");
    }
    assert_eq!(report.wishes_asked, 1);
    if report.wishes_granted == 1 {
        assert_eq!(cell(&store, "2003", "2026-12-24"), "休");
    } else {
        assert!(
            report
                .unmet
                .iter()
                .any(|u| u.employee_no.as_deref() == Some("2003")),
            "a refused wish says why"
        );
    }
    assert!(
        store
            .roster_violations(2026, 12, actor().at)
            .unwrap()
            .is_empty()
    );
    // Unpinned, the cell is the generator's again.
    store
        .pin_roster_cells(&[("2001".into(), d("2026-12-10"))], false, actor())
        .unwrap();
    assert!(
        store
            .roster_pins(d("2026-12-01"), d("2026-12-31"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_month_under_way_keeps_the_days_already_judged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = team_with_requirement(dir.path());
    generate(&mut store, team, "2026-12", actor().at);
    let before: Vec<String> = (1..=10)
        .map(|day| cell(&store, "2004", &format!("2026-12-{day:02}")))
        .collect();
    // 2026-12-10 at 10:00 in Shanghai: the 10th is today, so the 11th is the first free day.
    let at: DateTime<Utc> = "2026-12-10T02:00:00Z".parse().unwrap();
    let report = store
        .generate_roster(team, "2026-12", 99, Actor::system(at), &mut |_| true)
        .unwrap()
        .unwrap();
    assert_eq!(report.first_free, d("2026-12-11"));
    let after: Vec<String> = (1..=10)
        .map(|day| cell(&store, "2004", &format!("2026-12-{day:02}")))
        .collect();
    assert_eq!(before, after);
    assert!(report.uncovered.iter().all(|u| u.date >= d("2026-12-11")));
}

#[test]
fn a_published_month_is_refused_and_a_cancelled_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = team_with_requirement(dir.path());
    let cancelled = store
        .generate_roster(team, "2026-12", 1, actor(), &mut |pct| pct < 30)
        .unwrap();
    assert!(cancelled.is_err());
    assert!(
        store
            .roster_cells(d("2026-12-01"), d("2026-12-31"))
            .unwrap()
            .is_empty()
    );
    generate(&mut store, team, "2026-12", actor().at);
    store
        .publish_roster(team, "2026-12", None, actor())
        .unwrap();
    let refused = store
        .generate_roster(team, "2026-12", 1, actor(), &mut |_| true)
        .unwrap_err();
    assert!(refused.to_string().contains("published"), "{refused}");
}

#[test]
fn coverage_follows_the_generated_month_and_every_later_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = team_with_requirement(dir.path());
    let report = generate(&mut store, team, "2026-12", actor().at);
    let coverage = store.roster_coverage(team, "2026-12").unwrap();
    assert_eq!(coverage.days.len(), 31);
    assert!(coverage.days.iter().all(|d| d.has_requirement));
    assert_eq!(
        coverage.totals.needed_slot_agents,
        report.needed_slot_agents
    );
    assert_eq!(
        coverage.totals.short_slot_agents,
        report.uncovered_slot_agents
    );
    let short: u32 = coverage
        .days
        .iter()
        .map(|d| d.coverage.short().map(u32::from).sum::<u32>())
        .sum();
    assert_eq!(short, coverage.totals.short_slot_agents);

    // Taking a day shift off the 10th leaves its half hours one head lower.
    let day = |c: &floordesk_store::roster_coverage::TeamCoverage| {
        c.days
            .iter()
            .find(|x| x.coverage.date == d("2026-12-10"))
            .unwrap()
            .coverage
            .clone()
    };
    let before = day(&coverage);
    let (no, shift) = (2001..=2006)
        .map(|n| n.to_string())
        .map(|n| (n.clone(), cell(&store, &n, "2026-12-10")))
        .find(|(_, c)| c == "D")
        .expect("someone works 白班 on the 10th");
    store
        .put_roster_cells(
            &[CellInput {
                employee_no: no.clone(),
                date: d("2026-12-10"),
                cell: "休".into(),
            }],
            None,
            actor(),
        )
        .unwrap();
    let after = day(&store.roster_coverage(team, "2026-12").unwrap());
    let d_slots = 17..32; // 08:30–16:00
    for s in 0..48 {
        let drop = if d_slots.contains(&s) { 1 } else { 0 };
        assert_eq!(
            after.rostered[s] + drop,
            before.rostered[s],
            "{shift} at slot {s}"
        );
    }
    assert_eq!(after.needed, before.needed);
}
