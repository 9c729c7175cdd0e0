//! The roster as the record, on a real SQLite file: cells keep the live floor's shifts in step,
//! a published month changes only with a recorded reason (even raw SQL cannot slip past), the
//! upgrade turns shifts into cells, and the month is checked against the rules.

use crate::common::{actor, fresh, ten_rostered, write};
use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::floor::RuleCode;
use floordesk_domain::roster::RosterRule;
use floordesk_store::live::LiveFloor;
use floordesk_store::migrations::migrate_to;
use floordesk_store::roster::CellInput;
use floordesk_store::{Actor, Store};
use rusqlite::Connection;

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn cell(no: &str, date: NaiveDate, text: &str) -> CellInput {
    CellInput {
        employee_no: no.into(),
        date,
        cell: text.into(),
    }
}

fn spans_of(store: &Store, no: &str) -> Vec<(String, String)> {
    let tz = chrono_tz::Asia::Shanghai;
    store
        .shift_spans(d(22), d(24))
        .unwrap()
        .into_iter()
        .filter(|s| s.agent == no)
        .map(|s| {
            (
                s.start.with_timezone(&tz).format("%d %H:%M").to_string(),
                s.end.with_timezone(&tz).format("%d %H:%M").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_cell_is_the_shift_the_floor_expects() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    // The import wrote cells: 08:30–16:00 is the 白班 template.
    let cells = store.roster_cells(d(23), d(23)).unwrap();
    assert_eq!(cells.len(), 10);
    assert!(cells.iter().all(|c| c.cell == "D"), "{cells:?}");

    store
        .put_roster_cells(&[cell("2001", d(23), "O")], None, actor())
        .unwrap();
    assert_eq!(
        spans_of(&store, "2001"),
        [("23 23:30".into(), "24 08:30".into())]
    );
    store
        .put_roster_cells(
            &[cell("2001", d(23), "09:00-12:00+14:00-18:00")],
            None,
            actor(),
        )
        .unwrap();
    assert_eq!(
        spans_of(&store, "2001"),
        [
            ("23 09:00".into(), "23 12:00".into()),
            ("23 14:00".into(), "23 18:00".into())
        ]
    );
    store
        .put_roster_cells(&[cell("2001", d(23), "休")], None, actor())
        .unwrap();
    assert!(spans_of(&store, "2001").is_empty());
    store
        .put_roster_cells(&[cell("2001", d(23), "")], None, actor())
        .unwrap();
    assert!(
        store
            .roster_cells(d(23), d(23))
            .unwrap()
            .iter()
            .all(|c| c.employee_no != "2001")
    );
}

#[test]
fn changing_a_cell_changes_who_the_board_expects_at_the_next_shift_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    // 2001 gets the day off at 07:00; 2002's shift moves to the evening.
    let early = Actor::system(at("07:00:00"));
    store
        .put_roster_cells(
            &[cell("2001", d(23), "休"), cell("2002", d(23), "N")],
            None,
            early,
        )
        .unwrap();
    let (mut floor, _) = LiveFloor::load(&mut store, at("07:00:00")).unwrap();
    let raised = floor.tick(&mut store, at("09:10:00")).unwrap();
    let late: Vec<_> = raised
        .iter()
        .filter(|a| a.rule == RuleCode::LateSignIn)
        .map(|a| a.agent.as_str())
        .collect();
    // Nobody signed in: the eight still on the day shift are late; 2001 and 2002 are not.
    assert_eq!(
        late,
        [
            "2003", "2004", "2005", "2006", "2007", "2008", "2009", "2010"
        ]
    );
    let evening = floor.tick(&mut store, at("15:58:00")).unwrap();
    assert_eq!(
        evening
            .iter()
            .map(|a| (a.agent.as_str(), a.rule))
            .collect::<Vec<_>>(),
        [("2002", RuleCode::LateSignIn)]
    );
}

#[test]
fn a_cell_of_a_later_day_reaches_the_floor_when_that_day_comes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    let (mut floor, _) = LiveFloor::load(&mut store, at("07:00:00")).unwrap();
    // The floor holds yesterday's and today's shifts; tomorrow's cell does not need a reload.
    assert!(floor.judges_day(d(22)) && floor.judges_day(d(23)));
    assert!(!floor.judges_day(d(24)) && !floor.judges_day(d(21)));
    store
        .put_roster_cells(&[cell("2001", d(24), "D")], None, actor())
        .unwrap();
    let next_morning = DateTime::parse_from_rfc3339("2026-11-24T09:10:00+08:00")
        .unwrap()
        .with_timezone(&Utc);
    let raised = floor.tick(&mut store, next_morning).unwrap();
    assert!(
        raised
            .iter()
            .any(|a| a.agent == "2001" && a.rule == RuleCode::LateSignIn),
        "the new day's floor expects 2001 at 08:30: {raised:?}"
    );
}

#[test]
fn a_published_month_changes_only_with_a_recorded_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    let team = store.agent_by_employee_no("2001").unwrap().unwrap().team_id;
    store
        .publish_roster(team, "2026-11", None, actor())
        .unwrap();
    assert!(store.roster_published(team, "2026-11").unwrap());

    let err = store
        .put_roster_cells(&[cell("2001", d(23), "休")], None, actor())
        .unwrap_err();
    assert_eq!(err.to_problem().code, "roster.needs_reason");
    assert_eq!(store.roster_cells(d(23), d(23)).unwrap()[0].cell, "D");

    let later = Actor::system(at("07:30:00"));
    store
        .put_roster_cells(
            &[cell("2001", d(23), "休")],
            Some("孩子生病，与2003换班"),
            later,
        )
        .unwrap();
    let history = store.roster_history("2001", d(23)).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].old_cell.as_str(),
            history[0].new_cell.as_str(),
            history[0].reason.as_str()
        ),
        ("D", "休", "孩子生病，与2003换班")
    );
    // Emptying a published cell is a change too.
    store
        .put_roster_cells(&[cell("2001", d(23), "")], Some("待定"), later)
        .unwrap();
    assert_eq!(store.roster_history("2001", d(23)).unwrap().len(), 2);
    // Another month of the same team is still a draft.
    store
        .put_roster_cells(
            &[cell(
                "2001",
                NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                "D",
            )],
            None,
            actor(),
        )
        .unwrap();

    drop(store);
    let conn = Connection::open(dir.path().join("floor.sqlite")).unwrap();
    let sneak = conn.execute(
        "UPDATE roster_cells SET cell = 'N', updated_at = 1 WHERE date = '2026-11-23' AND agent_id = (SELECT id FROM agents WHERE employee_no = '2002')",
        [],
    );
    assert!(
        sneak
            .unwrap_err()
            .to_string()
            .contains("needs a recorded reason")
    );
    let delete = conn.execute("DELETE FROM roster_cells WHERE date = '2026-11-23'", []);
    assert!(delete.unwrap_err().to_string().contains("not deleted"));
    for sql in [
        "UPDATE roster_changes SET reason = 'x'",
        "DELETE FROM roster_changes",
        "DELETE FROM roster_months",
        "UPDATE roster_months SET override_reason = 'x'",
    ] {
        assert!(conn.execute(sql, []).is_err(), "{sql} must be refused");
    }
}

#[test]
fn bad_cells_name_their_row_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    let err = store
        .put_roster_cells(
            &[
                cell("2001", d(23), "N"),
                cell("2002", d(23), "X"),
                cell("9999", d(23), "D"),
            ],
            None,
            actor(),
        )
        .unwrap_err();
    let floordesk_store::StoreError::Import { issues, .. } = err else {
        panic!("{err}")
    };
    let got: Vec<_> = issues
        .iter()
        .map(|i| (i.row, i.field.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "cell", "roster.bad_cell"),
            (3, "employee_no", "import.unknown_agent")
        ]
    );
    assert_eq!(store.roster_cells(d(23), d(23)).unwrap()[0].cell, "D");
}

#[test]
fn the_month_is_checked_against_the_rules_across_its_edge() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    // 2001 works 11-20 … 11-30 without a day off (the import gave 11-23 already).
    let cells: Vec<_> = (20..=30).map(|day| cell("2001", d(day), "D")).collect();
    store.put_roster_cells(&cells, None, actor()).unwrap();
    let v = store.roster_violations(2026, 11, at("12:00:00")).unwrap();
    let mine: Vec<_> = v
        .iter()
        .filter(|v| v.employee_no == "2001")
        .map(|v| (v.date, v.rule, v.from, v.to))
        .collect();
    assert_eq!(
        mine,
        [
            (
                d(26),
                RosterRule::MaxConsecutiveWorkDays,
                Some(d(20)),
                Some(d(30))
            ),
            (d(30), RosterRule::MinRestDays, None, None)
        ]
    );
}

#[test]
fn the_upgrade_to_v7_turns_shifts_into_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 6).unwrap();
    // Shanghai: 08:30 local is 00:30 UTC; 23:30 is 15:30 UTC.
    let ms = |s: &str| s.parse::<DateTime<Utc>>().unwrap().timestamp_millis();
    conn.execute_batch("INSERT INTO site (id, name, time_zone, created_at) VALUES (1, '中心', 'Asia/Shanghai', 0);
         INSERT INTO teams (id, name, created_at) VALUES (1, '售前一组', 0);
         INSERT INTO agents (id, employee_no, name, team_id, level, created_at, updated_at)
             VALUES (1, '1001', '王静', 1, 'junior', 0, 0), (2, '1002', '李娜', 1, 'junior', 0, 0), (3, '1003', '张伟', 1, 'junior', 0, 0);")
        .unwrap();
    let mut insert = conn
        .prepare(
            "INSERT INTO shifts (agent_id, shift_date, start_at, end_at) VALUES (?1, ?2, ?3, ?4)",
        )
        .unwrap();
    for (agent, start, end) in [
        (1, "2026-11-23T00:30:00Z", "2026-11-23T08:00:00Z"),
        (2, "2026-11-23T15:30:00Z", "2026-11-24T00:30:00Z"),
        (3, "2026-11-23T01:00:00Z", "2026-11-23T04:00:00Z"),
        (3, "2026-11-23T06:00:00Z", "2026-11-23T10:00:00Z"),
    ] {
        insert
            .execute(rusqlite::params![agent, "2026-11-23", ms(start), ms(end)])
            .unwrap();
    }
    drop(insert);
    drop(conn);
    let store = Store::open(&path).unwrap();
    let cells: Vec<_> = store
        .roster_cells(d(23), d(23))
        .unwrap()
        .into_iter()
        .map(|c| (c.employee_no, c.cell))
        .collect();
    assert_eq!(
        cells,
        [
            ("1001".into(), "D".into()),
            ("1002".into(), "O".into()),
            ("1003".into(), "09:00-12:00+14:00-18:00".into())
        ]
    );
    assert_eq!(store.shift_templates().unwrap().len(), 4);
}

#[test]
fn import_shifts_joins_an_agents_rows_of_one_date_into_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(&crate::common::demo_asset("agents-import.csv"), actor())
        .unwrap();
    let file = write(
        dir.path(),
        "s.csv",
        "日期,工号,开始,结束\n2026-11-23,2001,14:00,18:00\n2026-11-23,2001,09:00,12:00\n2026-11-23,2002,16:00,23:30\n",
    );
    assert_eq!(store.import_shifts(&file, None, actor()).unwrap(), 3);
    let cells: Vec<_> = store
        .roster_cells(d(23), d(23))
        .unwrap()
        .into_iter()
        .map(|c| (c.employee_no, c.cell))
        .collect();
    assert_eq!(
        cells,
        [
            ("2001".into(), "09:00-12:00+14:00-18:00".into()),
            ("2002".into(), "N".into())
        ]
    );
}

#[test]
fn a_swap_changes_nothing_until_a_supervisor_signs_it_with_their_pin() {
    use floordesk_store::swaps::{SwapInput, SwapStatus};
    let dir = tempfile::tempdir().unwrap();
    let mut store = ten_rostered(dir.path(), "08:30", "16:00");
    let boss = store
        .create_first_supervisor("沈丽华", "S001", "2580", actor())
        .unwrap();
    let d24 = d(24);
    store
        .put_roster_cells(
            &[
                cell("2002", d(23), "休"),
                cell("2001", d24, "休"),
                cell("2002", d24, "D"),
            ],
            None,
            actor(),
        )
        .unwrap();
    let ask = SwapInput {
        employee_no_a: "2001".into(),
        date_a: d(23),
        employee_no_b: "2002".into(),
        date_b: Some(d24),
        reason: "家中有事，与李娜换班".into(),
    };
    let swap = store.request_swap(&ask, actor()).unwrap();
    assert_eq!(swap.status, SwapStatus::Pending);
    let cells = |store: &Store| -> Vec<(String, String, String)> {
        store
            .roster_cells(d(23), d24)
            .unwrap()
            .into_iter()
            .filter(|c| c.employee_no == "2001" || c.employee_no == "2002")
            .map(|c| (c.date.to_string(), c.employee_no, c.cell))
            .collect()
    };
    let original = cells(&store);

    // A wrong PIN signs nothing.
    let signer = Actor::user(boss.id, at("09:00:00"));
    let wrong = store.approve_swap(swap.id, "0000", signer).unwrap_err();
    assert_eq!(wrong.to_problem().code, "auth.wrong_pin");
    assert_eq!(cells(&store), original);
    assert_eq!(
        store.swap_request(swap.id).unwrap().status,
        SwapStatus::Pending
    );

    let approved = store.approve_swap(swap.id, "2580", signer).unwrap();
    assert_eq!(approved.status, SwapStatus::Approved);
    assert_eq!(approved.decided_by.as_deref(), Some("沈丽华"));
    assert_eq!(approved.cells_before, ["D", "休", "休", "D"]);
    assert_eq!(
        cells(&store),
        [
            ("2026-11-23".into(), "2001".into(), "休".into()),
            ("2026-11-23".into(), "2002".into(), "D".into()),
            ("2026-11-24".into(), "2001".into(), "D".into()),
            ("2026-11-24".into(), "2002".into(), "休".into()),
        ]
    );
    // The floor expects 2002, not 2001, on the 23rd.
    let on_23: Vec<String> = store
        .shift_spans(d(23), d(23))
        .unwrap()
        .into_iter()
        .map(|s| s.agent)
        .filter(|a| a == "2001" || a == "2002")
        .collect();
    assert_eq!(on_23, ["2002"]);
    assert_eq!(
        store
            .approve_swap(swap.id, "2580", signer)
            .unwrap_err()
            .to_problem()
            .code,
        "swap.not_pending"
    );

    // A rejected request stays in the record and changes nothing.
    let second = store.request_swap(&ask, actor()).unwrap();
    let before = cells(&store);
    let rejected = store
        .reject_swap(second.id, "大促期间不换班", signer)
        .unwrap();
    assert_eq!(rejected.status, SwapStatus::Rejected);
    assert_eq!(cells(&store), before);
    assert_eq!(store.swap_requests(d(1), d(30)).unwrap().len(), 2);

    let same = SwapInput {
        employee_no_b: "2001".into(),
        ..ask.clone()
    };
    assert_eq!(
        store
            .request_swap(&same, actor())
            .unwrap_err()
            .to_problem()
            .code,
        "swap.same_agent"
    );

    drop(store);
    let conn = Connection::open(dir.path().join("floor.sqlite")).unwrap();
    assert!(
        conn.execute("UPDATE swap_requests SET reason = 'x'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM swap_requests", []).is_err());
}

#[test]
fn the_demo_opens_on_a_published_roster_with_a_pending_swap_and_approved_leave() {
    use floordesk_store::leave::LeaveStatus;
    use floordesk_store::swaps::SwapStatus;
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo(at("10:20:00"), actor()).unwrap();
    let month = store.roster_month("2026-11", at("10:20:00")).unwrap();
    // Every team's November is published, and every month back to the previous quarter's first.
    let teams = store.list_teams().unwrap();
    assert_eq!(month.published.len(), teams.len());
    for team in &teams {
        for m in ["2026-07", "2026-08", "2026-09", "2026-10"] {
            assert!(
                store.roster_published(team.id, m).unwrap(),
                "{} {m}",
                team.name
            );
        }
        assert!(!store.roster_published(team.id, "2026-06").unwrap());
    }
    // The live floor's history covers every rostered day of it: each day from July 1 has its
    // shifts and agents who worked them (the first day too, and a day in August).
    for day in [
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 8, 19).unwrap(),
    ] {
        let shifts = store.shift_spans(day, day).unwrap();
        assert!(shifts.len() > 20, "{day}: {} shifts", shifts.len());
        let worked: std::collections::BTreeSet<String> = store
            .floor_events_between(shifts[0].start, shifts[shifts.len() - 1].end)
            .unwrap()
            .iter()
            .map(|e| e.agent().to_owned())
            .collect();
        assert!(
            worked.len() * 10 >= shifts.len() * 8,
            "{day}: {} of {} worked",
            worked.len(),
            shifts.len()
        );
    }

    // The 36 agents have a cell (a shift or 休) on every day of the generated month but for
    // 1008's leave (11-30 and 12-01; one day in November) and the live floor's yesterday and
    // today of 1010 and 1021, who have no usual shift.
    assert_eq!(
        month.cells.iter().filter(|c| !c.cell.is_empty()).count(),
        36 * 30 - 1 - 2 * 2
    );
    assert!(month.cells.iter().any(|c| c.cell == "休"));
    assert_eq!(
        month
            .swaps
            .iter()
            .map(|s| (s.status, s.employee_no_a.as_str()))
            .collect::<Vec<_>>(),
        [(SwapStatus::Pending, "1002")]
    );
    assert_eq!(
        month
            .leave
            .iter()
            .map(|l| (l.status, l.employee_no.as_str()))
            .collect::<Vec<_>>(),
        [(LeaveStatus::Approved, "1008")]
    );
    let december = store.roster_month("2026-12", at("10:20:00")).unwrap();
    // 1012's half day next week was approved with nobody to cover: the month flags it.
    assert!(december.leave_flags.iter().any(|f| f.employee_no == "1012"
        && f.flag == floordesk_domain::roster::LeaveFlagKind::NoCoverAssigned));
    // The leave days carry no shift, so the month has no shift on leave.
    assert!(
        month
            .violations
            .iter()
            .all(|v| v.rule != RosterRule::ShiftDuringLeave)
    );
    // The floor's shifts today are the roster's.
    let rostered_today = month
        .cells
        .iter()
        .filter(|c| c.date == d(23) && c.cell != "休" && !c.cell.is_empty())
        .count();
    assert_eq!(
        store.shift_spans(d(23), d(23)).unwrap().len(),
        rostered_today
    );
}

#[test]
fn a_write_is_rechecked_as_the_whole_month_judges_the_agents_it_touched() {
    let now = at("10:00:00");
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo(now, Actor::system(now)).unwrap();
    // 1001 works eleven days in a row; 1013 (another team) takes a night; a December cell too.
    let mut cells: Vec<_> = (2..=12).map(|day| cell("1001", d(day), "D")).collect();
    cells.push(cell("1013", d(15), "N"));
    cells.push(cell(
        "1013",
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        "休",
    ));
    store
        .put_roster_cells(&cells, Some("测试"), actor())
        .unwrap();

    let months = store.roster_recheck(&cells, now).unwrap();
    assert_eq!(
        months.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(),
        ["2026-11", "2026-12"]
    );
    for recheck in &months {
        let whole = store.roster_month(&recheck.month, now).unwrap();
        let touched = |no: &String| recheck.agents.contains(no);
        let violations: Vec<_> = whole
            .violations
            .iter()
            .filter(|v| touched(&v.employee_no))
            .cloned()
            .collect();
        assert_eq!(recheck.violations, violations, "{}", recheck.month);
        let mut cells: Vec<_> = whole
            .cells
            .iter()
            .filter(|c| touched(&c.employee_no))
            .cloned()
            .collect();
        let mut got = recheck.cells.clone();
        cells.sort_by(|a, b| (&a.employee_no, a.date).cmp(&(&b.employee_no, b.date)));
        got.sort_by(|a, b| (&a.employee_no, a.date).cmp(&(&b.employee_no, b.date)));
        assert_eq!(got, cells, "{}", recheck.month);
        let teams: Vec<i64> = recheck.fairness.iter().map(|f| f.team_id).collect();
        let fairness: Vec<_> = whole
            .fairness
            .iter()
            .filter(|f| teams.contains(&f.team_id))
            .cloned()
            .collect();
        assert_eq!(recheck.fairness, fairness, "{}", recheck.month);
    }
    let november = &months[0];
    assert_eq!(november.agents, ["1001", "1013"]);
    assert_eq!(november.fairness.len(), 2, "both agents' teams");
    assert!(
        november
            .violations
            .iter()
            .any(|v| v.employee_no == "1001" && v.rule == RosterRule::MaxConsecutiveWorkDays),
        "the streak is flagged: {:?}",
        november.violations
    );
    assert_eq!(months[1].agents, ["1013"]);
    assert!(months[1].cells.iter().any(|c| c.cell == "休"));
}
