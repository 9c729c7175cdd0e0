use crate::common::{actor, fresh};
use floordesk_domain::people::Level;
use floordesk_store::people::{AgentInput, SeatInput, TeamInput};

fn agent(no: &str, team_id: i64, seat_id: Option<i64>) -> AgentInput {
    AgentInput {
        id: None,
        employee_no: no.into(),
        name: format!("坐席{no}"),
        team_id,
        level: Level::Junior,
        seat_id,
        hired_on: None,
    }
}

#[test]
fn agents_are_added_edited_and_deactivated_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let team = store
        .save_team(
            &TeamInput {
                id: None,
                name: "售前一组".into(),
            },
            actor(),
        )
        .unwrap();
    let seat = store
        .save_seat(
            &SeatInput {
                id: None,
                code: "A01".into(),
                x: 0,
                y: 0,
                zone: None,
            },
            actor(),
        )
        .unwrap();

    let a = store
        .save_agent(&agent("1001", team.id, Some(seat.id)), actor())
        .unwrap();
    assert_eq!(
        (a.team_name.as_str(), a.seat_code.as_deref()),
        ("售前一组", Some("A01"))
    );

    let dup = store
        .save_agent(&agent("1001", team.id, None), actor())
        .unwrap_err();
    assert_eq!(dup.to_problem().code, "agent.duplicate_employee_no");

    let taken = store
        .save_agent(&agent("1002", team.id, Some(seat.id)), actor())
        .unwrap_err();
    assert_eq!(taken.to_problem().code, "seat.taken");
    assert_eq!(taken.to_problem().params["employee_no"], "1001");

    let mut edit = agent("1001", team.id, Some(seat.id));
    edit.id = Some(a.id);
    edit.name = "王静".into();
    edit.level = Level::Senior;
    let edited = store.save_agent(&edit, actor()).unwrap();
    assert_eq!(
        (edited.name.as_str(), edited.level),
        ("王静", Level::Senior)
    );

    let team_in_use = store.set_team_active(team.id, false, actor()).unwrap_err();
    assert_eq!(team_in_use.to_problem().code, "team.has_agents");

    store.set_agent_active(a.id, false, actor()).unwrap();
    assert!(store.list_agents(false).unwrap().is_empty());
    assert_eq!(
        store.list_agents(true).unwrap().len(),
        1,
        "deactivated, still on record"
    );

    // The seat is free now; once someone else takes it, the old holder cannot come back onto it.
    let b = store
        .save_agent(&agent("1002", team.id, Some(seat.id)), actor())
        .unwrap();
    assert_eq!(store.list_seats().unwrap()[0].agent_id, Some(b.id));
    let back = store.set_agent_active(a.id, true, actor()).unwrap_err();
    assert_eq!(back.to_problem().code, "seat.taken");
}

#[test]
fn agents_need_an_active_team() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let team = store
        .save_team(
            &TeamInput {
                id: None,
                name: "夜班".into(),
            },
            actor(),
        )
        .unwrap();
    store.set_team_active(team.id, false, actor()).unwrap();
    let err = store
        .save_agent(&agent("1001", team.id, None), actor())
        .unwrap_err();
    assert_eq!(err.to_problem().code, "team.inactive");
    let err = store
        .save_agent(&agent("1001", 999, None), actor())
        .unwrap_err();
    assert_eq!(err.to_problem().code, "not_found");
    let dup = store
        .save_team(
            &TeamInput {
                id: None,
                name: "夜班".into(),
            },
            actor(),
        )
        .unwrap_err();
    assert_eq!(dup.to_problem().code, "team.duplicate_name");
}
