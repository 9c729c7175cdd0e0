//! The demo's rosters come from a requirement and generation: every team has a requirement for
//! each kind of day (售前一组's from Erlang C, its inputs and calls kept), it asks for at least
//! 70% of what the team's agents can work, and every generated month covers at least 95% of it,
//! shares nights and weekend shifts within one per agent, and breaks no rule; months up to this
//! one are published and next month is a draft. What the rest of the demo reads is kept: today's
//! and yesterday's shifts, 1008's leave, 1012's half day, the pending swap.
//!
//! "Available" agent-hours, the 70% bar's base: for each agent of the team, the days of the
//! month they are employed, less the rest days the policy owes them (the month's rest days
//! pro-rated as `check_month` does, and at least one in every `max_consecutive_work_days + 1`
//! days), times the longest paid shift of the site's templates (9 h): the most paid hours the
//! rules let them work that month.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use floordesk_domain::roster::erlang::{ErlangInput, agents_needed};
use floordesk_domain::roster::{RosterPolicy, RosterRule, month_days};
use floordesk_store::leave::LeaveStatus;
use floordesk_store::requirement::RequirementSource;
use floordesk_store::swaps::SwapStatus;
use floordesk_store::{Actor, Store};

fn local(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// Loads the demo at `now` and prints how long it took.
fn demo(now: DateTime<Utc>) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let started = Instant::now();
    store.load_demo(now, Actor::system(now)).unwrap();
    eprintln!(
        "demo loaded at {now} in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    store
}

/// The paid hours the team's agents can work in the month (see the module).
fn available_hours(store: &Store, team_id: i64, month: NaiveDate, now: DateTime<Utc>) -> f64 {
    let (first, last) = month_days(month.year(), month.month()).unwrap();
    let policy = RosterPolicy::from_settings(&store.policy_at(now).unwrap());
    let longest = store
        .shift_templates()
        .unwrap()
        .iter()
        .map(|t| t.paid_minutes)
        .max()
        .unwrap();
    let days = (last - first).num_days() + 1;
    let mut minutes = 0;
    for agent in store.list_agents(false).unwrap() {
        if agent.team_id != team_id {
            continue;
        }
        let from = agent.hired_on.map_or(first, |d| d.max(first));
        let to = agent.left_on.map_or(last, |d| d.min(last));
        if from > to {
            continue;
        }
        let employed = (to - from).num_days() + 1;
        let owed = (2 * policy.rest_days_per_month * employed + days) / (2 * days);
        let streak = employed / (policy.max_consecutive_work_days + 1);
        minutes += (employed - owed.max(streak)) * longest;
    }
    minutes as f64 / 60.0
}

/// Checks every generated month of the demo loaded at `now`; returns the rows printed.
fn check_demo(now: DateTime<Utc>) {
    let store = demo(now);
    let tz = chrono_tz::Asia::Shanghai;
    let today = now.with_timezone(&tz).date_naive();
    let (_, last) = month_days(today.year(), today.month()).unwrap();
    let next = last + Days::new(1);
    let start = {
        let q = (today.month() - 1) / 3 * 3 + 1;
        if q > 3 {
            NaiveDate::from_ymd_opt(today.year(), q - 3, 1).unwrap()
        } else {
            NaiveDate::from_ymd_opt(today.year() - 1, q + 9, 1).unwrap()
        }
    };
    let months: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|d| *d <= next)
        .filter(|d| d.day() == 1)
        .collect();
    let teams = store.list_teams().unwrap();
    assert_eq!(teams.len(), 3);

    // The requirement: every kind of day for every team; 售前一组's from Erlang C.
    for team in &teams {
        let requirement = store.requirement(team.id).unwrap();
        assert_eq!(
            requirement.keys().map(String::as_str).collect::<Vec<_>>(),
            ["1", "2", "3", "4", "5", "6", "7", "holiday"],
            "{}",
            team.name
        );
        for day in requirement.values() {
            if team.name == "售前一组" {
                assert_eq!(day.source, RequirementSource::Erlang);
                let inputs = day.erlang.expect("Erlang C's inputs are kept");
                assert_eq!(
                    (
                        inputs.aht_sec,
                        inputs.sl_pct,
                        inputs.answer_sec,
                        inputs.shrinkage_pct
                    ),
                    (240, 80, 20, 30)
                );
                let contacts = day.contacts.as_ref().expect("the calls are kept");
                assert!(contacts.iter().sum::<u32>() > 0);
                for (c, a) in contacts.iter().zip(&day.agents) {
                    let needed = agents_needed(&ErlangInput {
                        contacts: f64::from(*c),
                        interval_sec: 1800,
                        aht_sec: inputs.aht_sec,
                        target_pct: inputs.sl_pct,
                        answer_sec: inputs.answer_sec,
                        shrinkage_pct: inputs.shrinkage_pct,
                    });
                    assert_eq!(u32::from(*a), needed, "{} {}", team.name, day.day_kind);
                }
            } else {
                assert_eq!(day.source, RequirementSource::Typed, "{}", team.name);
                assert!(day.erlang.is_none() && day.contacts.is_none());
            }
        }
        // A round-the-clock team needs someone at 03:00; the others nobody.
        let monday = &requirement["1"].agents;
        assert_eq!(monday[6] > 0, team.name == "售后组", "{}", team.name);
        // Weekends are lighter than weekdays.
        let total = |kind: &str| {
            requirement[kind]
                .agents
                .iter()
                .map(|a| u32::from(*a))
                .sum::<u32>()
        };
        assert!(total("6") < total("3") && total("7") < total("3"));
    }

    // Every generated month, team by team.
    let mut failures = Vec::new();
    eprintln!("team      month    required/available  uncovered  nights  weekends");
    for month in &months {
        let month_key = key(*month);
        let draft = *month == next;
        let roster = store.roster_month(&month_key, now).unwrap();
        for team in &teams {
            if draft && team.name == "售前一组" {
                // Left for the user to plan: nothing generated (only the cells the demo's
                // requests need, when they fall in it).
                assert!(!store.roster_published(team.id, &month_key).unwrap());
                continue;
            }
            assert_eq!(
                store.roster_published(team.id, &month_key).unwrap(),
                !draft,
                "{} {month_key}",
                team.name
            );
            let coverage = store.roster_coverage(team.id, &month_key).unwrap();
            let totals = coverage.totals;
            let required_hours = f64::from(totals.needed_slot_agents) / 2.0;
            let available = available_hours(&store, team.id, *month, now);
            let share = required_hours / available;
            let uncovered =
                f64::from(totals.short_slot_agents) / f64::from(totals.needed_slot_agents);
            let fairness = roster
                .fairness
                .iter()
                .find(|f| f.team_id == team.id)
                .unwrap();
            let members = store
                .list_agents(false)
                .unwrap()
                .into_iter()
                .filter(|a| a.team_id == team.id && a.hired_on.is_none_or(|d| d <= last_of(*month)))
                .count();
            eprintln!(
                "{:<8} {month_key}{}  {:>5.1}% ({:.0} h of {:.0} h)  {:>5.2}%   {}–{}    {}–{}",
                team.name,
                if draft { "*" } else { " " },
                share * 100.0,
                required_hours,
                available,
                uncovered * 100.0,
                fairness.nights.min,
                fairness.nights.max,
                fairness.weekend_shifts.min,
                fairness.weekend_shifts.max,
            );
            let what = format!("{} {month_key}", team.name);
            if fairness.agents as usize != members {
                failures.push(format!(
                    "{what}: fairness counts {} agents",
                    fairness.agents
                ));
            }
            if share < 0.70 {
                failures.push(format!(
                    "{what}: the requirement is {share:.3} of available"
                ));
            }
            if uncovered > 0.05 {
                failures.push(format!("{what}: {uncovered:.3} uncovered"));
            }
            if fairness.nights.max - fairness.nights.min > 1 {
                failures.push(format!("{what}: nights {:?}", fairness.nights));
            }
            if fairness.weekend_shifts.max - fairness.weekend_shifts.min > 1 {
                failures.push(format!("{what}: weekends {:?}", fairness.weekend_shifts));
            }
        }
        // No rule broken in what was generated, but for 1012's half day: she works her shift
        // and the check counts any day of approved leave, half or whole, as a day with no shift.
        // (售前一组's next month is the user's to plan: it holds at most the cells of the swap
        // and the half day, when they fall in it.)
        let half_day = today + Days::new(9);
        let generated: Vec<String> = store
            .list_agents(false)
            .unwrap()
            .into_iter()
            .filter(|a| !(draft && a.team_name == "售前一组"))
            .map(|a| a.employee_no)
            .collect();
        let broken: Vec<_> = roster
            .violations
            .iter()
            .filter(|v| generated.contains(&v.employee_no))
            .filter(|v| {
                !(v.employee_no == "1012"
                    && v.date == half_day
                    && v.rule == RosterRule::ShiftDuringLeave)
            })
            .collect();
        if !broken.is_empty() {
            failures.push(format!("{month_key}: {broken:?}"));
        }
    }
    eprintln!("(* a draft)");
    assert!(failures.is_empty(), "{failures:#?}");

    // Next month is a draft with cells for the two teams generated.
    let january = store.roster_month(&key(next), now).unwrap();
    for team in teams.iter().filter(|t| t.name != "售前一组") {
        let members: Vec<String> = store
            .list_agents(false)
            .unwrap()
            .into_iter()
            .filter(|a| a.team_id == team.id)
            .map(|a| a.employee_no)
            .collect();
        let cells = january
            .cells
            .iter()
            .filter(|c| members.contains(&c.employee_no) && !c.cell.is_empty())
            .count();
        let days = (last_of(next) - next).num_days() as usize + 1;
        assert_eq!(cells, members.len() * days, "{}", team.name);
    }

    // Today and yesterday are the live floor's: shifts.csv's shifts, nothing for the others.
    let shifts_csv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../assets/demo/shifts.csv"),
    )
    .unwrap();
    let usual: BTreeMap<&str, (&str, &str)> = shifts_csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut parts = l.split(',');
            Some((parts.next()?, (parts.next()?, parts.next()?)))
        })
        .collect();
    let cell_of = |no: &str, date: NaiveDate| {
        store
            .roster_cells_of(no, date, date)
            .unwrap()
            .pop()
            .map(|c| c.cell)
            .unwrap_or_default()
    };
    let code = |(start, end): (&str, &str)| match (start, end) {
        ("08:30", "16:00") => "D",
        ("16:00", "23:30") => "N",
        ("09:00", "18:00") => "M",
        ("23:30", "08:30") => "O",
        other => panic!("{other:?}"),
    };
    for day in [today - Days::new(1), today] {
        let spans = store.shift_spans(day, day).unwrap();
        assert_eq!(spans.len(), usual.len(), "{day}");
        for agent in store.list_agents(false).unwrap() {
            let expected = usual
                .get(agent.employee_no.as_str())
                .map_or("", |s| code(*s));
            assert_eq!(
                cell_of(&agent.employee_no, day),
                expected,
                "{} {day}",
                agent.employee_no
            );
        }
    }
    // A night (夜班, to 08:30) hands over to a shift starting at 08:30 the next morning, never
    // to one starting at 09:00 only: the handover book signs them face to face.
    let mut mornings = 0;
    for day in start.iter_days().take_while(|d| *d <= last) {
        let starts = |date: NaiveDate| -> Vec<String> {
            store
                .shift_spans(date, date)
                .unwrap()
                .iter()
                .map(|s| s.start.with_timezone(&tz).format("%H:%M").to_string())
                .collect()
        };
        let night_before = starts(day - Days::new(1)).iter().any(|s| s == "23:30");
        let morning = starts(day);
        if night_before && morning.iter().any(|s| s == "09:00") {
            assert!(morning.iter().any(|s| s == "08:30"), "{day}: {morning:?}");
            mornings += 1;
        }
    }
    assert!(mornings > 100, "{mornings}");

    // No pin is left in a published month.
    assert!(store.roster_pins(start, last).unwrap().is_empty());

    // 1008's leave days are empty; 1012 works the day of her half day.
    let leave_days = [today + Days::new(7), today + Days::new(8)];
    for day in leave_days {
        assert_eq!(cell_of("1008", day), "", "{day}");
    }
    let half_day = cell_of("1012", today + Days::new(9));
    assert!(!half_day.is_empty() && half_day != "休", "{half_day}");
    let leave = store
        .leave_requests(today, today + Days::new(10))
        .unwrap()
        .into_iter()
        .map(|l| (l.employee_no, l.status, l.half_day))
        .collect::<Vec<_>>();
    assert_eq!(
        leave,
        [
            ("1008".to_owned(), LeaveStatus::Approved, false),
            ("1012".to_owned(), LeaveStatus::Approved, true)
        ]
    );
    // The swap is pending, each of the two on a shift on their own day.
    let swaps = store.swap_requests(today, today + Days::new(2)).unwrap();
    assert_eq!(swaps.len(), 1);
    let swap = &swaps[0];
    assert_eq!(swap.status, SwapStatus::Pending);
    assert_eq!(
        (swap.employee_no_a.as_str(), swap.employee_no_b.as_str()),
        ("1002", "1003")
    );
    for (no, date) in [("1002", swap.date_a), ("1003", swap.date_b.unwrap())] {
        let cell = cell_of(no, date);
        assert!(!cell.is_empty() && cell != "休", "{no} {date}: {cell}");
    }
}

fn last_of(month: NaiveDate) -> NaiveDate {
    month_days(month.year(), month.month()).unwrap().1
}

#[test]
fn the_demo_rosters_are_generated_from_a_requirement_they_cover() {
    check_demo(local("2026-12-04T10:20:00+08:00"));
}

/// The day the other demo tests load it on: a Monday, next month (December) the draft.
#[test]
fn the_demo_rosters_hold_on_another_day() {
    check_demo(local("2026-11-23T10:20:00+08:00"));
}
