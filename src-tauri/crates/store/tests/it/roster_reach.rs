//! Who reaches whose roster, on the demo floor: a team lead writes their own team's draft
//! only, an agent asks only for themselves and sees only their team, a supervisor reaches all.
//! And the month carries its fairness spread and seed 004's leave flags.

use chrono::{DateTime, Days, NaiveDate, Utc};
use floordesk_domain::roster::{LeaveFlagKind, LeaveKind};
use floordesk_store::leave::LeaveInput;
use floordesk_store::roster::CellInput;
use floordesk_store::swaps::SwapInput;
use floordesk_store::{Actor, Store};

fn now() -> DateTime<Utc> {
    "2026-11-23T02:20:00Z".parse().unwrap()
}

fn as_user(store: &Store, name: &str) -> Actor {
    let user = store
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| u.display_name == name)
        .unwrap();
    Actor::user(user.id, now())
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cell(no: &str, date: NaiveDate) -> Vec<CellInput> {
    vec![CellInput {
        employee_no: no.into(),
        date,
        cell: "D".into(),
    }]
}

fn code<T: std::fmt::Debug>(result: floordesk_store::Result<T>) -> String {
    result.unwrap_err().to_problem().code.as_str().to_owned()
}

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo(now(), Actor::system(now())).unwrap();
    store
}

#[test]
fn a_team_lead_writes_their_own_teams_draft_only() {
    let mut store = demo();
    // 王静 leads 售前一组 (1001–1012); 1013 is on another team. January 2027 is a draft,
    // November 2026 is published.
    let lead = as_user(&store, "王静");
    assert_eq!(
        store
            .put_roster_cells(&cell("1003", d(2027, 1, 4)), None, lead)
            .unwrap(),
        1
    );
    assert_eq!(
        code(store.put_roster_cells(&cell("1013", d(2027, 1, 4)), None, lead)),
        "roster.not_your_team"
    );
    assert_eq!(
        code(store.put_roster_cells(&cell("1003", d(2026, 11, 28)), Some("临时顶班"), lead)),
        "roster.locked_for_lead"
    );
    // Nothing of the refused writes landed; a supervisor changes the published month with a reason.
    let cells = store.roster_cells(d(2027, 1, 4), d(2027, 1, 4)).unwrap();
    assert_eq!(
        cells
            .iter()
            .map(|c| c.employee_no.as_str())
            .collect::<Vec<_>>(),
        ["1003"]
    );
    let supervisor = as_user(&store, "沈丽华");
    assert_eq!(
        store
            .put_roster_cells(&cell("1013", d(2026, 11, 28)), Some("临时顶班"), supervisor)
            .unwrap(),
        1
    );
}

#[test]
fn an_agent_asks_only_for_themselves_and_sees_their_team() {
    let mut store = demo();
    let agent = as_user(&store, "李娜"); // 1002, 售前一组
    let leave = |no: &str| LeaveInput {
        employee_no: no.into(),
        from: d(2026, 12, 10),
        to: d(2026, 12, 10),
        kind: LeaveKind::Personal,
        half_day: true,
        reason: Some("办证".into()),
        cover: None,
    };
    store.request_leave(&leave("1002"), agent).unwrap();
    assert_eq!(
        code(store.request_leave(&leave("1003"), agent)),
        "roster.not_yourself"
    );
    let swap = |a: &str, b: &str| SwapInput {
        employee_no_a: a.into(),
        date_a: d(2026, 12, 11),
        employee_no_b: b.into(),
        date_b: None,
        reason: "家里有事".into(),
    };
    // With a colleague of another team too: the supervisor who signs judges that.
    store.request_swap(&swap("1002", "1014"), agent).unwrap();
    assert_eq!(
        code(store.request_swap(&swap("1003", "1002"), agent)),
        "roster.not_yourself"
    );
    // A lead asks for two of their own team only.
    let lead = as_user(&store, "王静");
    store.request_swap(&swap("1003", "1004"), lead).unwrap();
    assert_eq!(
        code(store.request_swap(&swap("1003", "1014"), lead)),
        "roster.not_your_team"
    );
    assert_eq!(
        code(store.request_leave(&leave("1014"), lead)),
        "roster.not_your_team"
    );

    let all = store
        .roster_month_seen_by("2026-11", now(), as_user(&store, "沈丽华"))
        .unwrap();
    let own = store.roster_month_seen_by("2026-11", now(), agent).unwrap();
    let teams = |m: &floordesk_store::roster_month::RosterMonth| {
        let mut t: Vec<_> = m.agents.iter().map(|a| a.team_name.clone()).collect();
        t.dedup();
        t
    };
    assert_eq!(teams(&all).len(), 3);
    assert_eq!(teams(&own), ["售前一组"]);
    assert!(
        own.cells
            .iter()
            .all(|c| own.agents.iter().any(|a| a.employee_no == c.employee_no))
    );
    assert!(!own.cells.is_empty());
    assert_eq!(own.fairness.len(), 1);
    // The demo's pending swap of 1002 and 1003 is the agent's own team's: they see it.
    assert!(own.swaps.iter().any(|s| s.employee_no_a == "1002"));
}

#[test]
fn the_month_flags_rest_not_arranged_and_leave_without_cover() {
    let mut store = demo();
    let supervisor = as_user(&store, "沈丽华");
    let today = d(2026, 11, 23);
    // 1004 calls in sick this morning for today; 1005's leave next week is approved with no cover.
    let sick = LeaveInput {
        employee_no: "1004".into(),
        from: today,
        to: today,
        kind: LeaveKind::Sick,
        half_day: false,
        reason: Some("发烧".into()),
        cover: None,
    };
    store.request_leave(&sick, supervisor).unwrap();
    let later = LeaveInput {
        employee_no: "1005".into(),
        from: today + Days::new(4),
        to: today + Days::new(4),
        kind: LeaveKind::Personal,
        half_day: false,
        reason: None,
        cover: None,
    };
    let id = store.request_leave(&later, supervisor).unwrap();
    store
        .decide_leave(id, true, "1234", None, supervisor)
        .unwrap();
    let month = store.roster_month("2026-11", now()).unwrap();
    let flags: Vec<_> = month
        .leave_flags
        .iter()
        .filter(|f| f.leave_id.is_some())
        .map(|f| (f.date, f.employee_no.as_str(), f.flag, f.manager.as_deref()))
        .collect();
    assert_eq!(
        flags,
        [
            (today, "1004", LeaveFlagKind::RestNotArranged, None),
            (
                today + Days::new(4),
                "1005",
                LeaveFlagKind::NoCoverAssigned,
                Some("沈丽华")
            ),
        ]
    );
    // Shifts the demo's history shows missed with no notice (旷工) are flagged too, each on a
    // day the live floor has an absence for.
    for f in month.leave_flags.iter().filter(|f| f.leave_id.is_none()) {
        assert_eq!(f.flag, LeaveFlagKind::RestNotArranged);
        assert!(
            store
                .missed_shifts(f.date, f.date, now())
                .unwrap()
                .iter()
                .any(|(no, _)| *no == f.employee_no)
        );
    }
    // Fairness: one entry per team, each share an agent of that team.
    let teams = store.list_teams().unwrap();
    assert_eq!(month.fairness.len(), teams.len());
    for t in &month.fairness {
        assert!(t.nights.min <= t.nights.max);
        assert!(t.shares.iter().all(|s| {
            month
                .agents
                .iter()
                .any(|a| a.employee_no == s.employee_no && a.team_id == t.team_id)
        }));
    }
}

#[test]
fn a_team_lead_plans_their_own_teams_requirement_and_month_only() {
    use floordesk_store::requirement::{RequirementDay, RequirementSource};
    let mut store = demo();
    let lead = as_user(&store, "王静");
    let teams = store.list_teams().unwrap();
    let team = |name: &str| teams.iter().find(|t| t.name == name).unwrap().id;
    let day = |team_id: i64| RequirementDay {
        team_id,
        day_kind: "1".into(),
        source: RequirementSource::Typed,
        agents: vec![2; 48],
        contacts: None,
        erlang: None,
        updated_at: None,
    };
    store
        .put_requirement_day(&day(team("售前一组")), lead)
        .unwrap();
    assert_eq!(
        code(store.put_requirement_day(&day(team("售后组")), lead)),
        "auth.forbidden"
    );
    let other = store.generate_roster(team("售后组"), "2027-02", 1, lead, &mut |_| true);
    assert_eq!(code(other), "auth.forbidden");
    let own = store
        .generate_roster(team("售前一组"), "2027-02", 1, lead, &mut |_| true)
        .unwrap()
        .unwrap();
    assert!(own.written > 0);
    let supervisor = as_user(&store, "沈丽华");
    store
        .put_requirement_day(&day(team("售后组")), supervisor)
        .unwrap();
}
