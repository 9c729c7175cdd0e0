use crate::common::{actor, fresh, now};
use chrono::Duration;
use floordesk_domain::access::Role;
use floordesk_store::Store;
use floordesk_store::users::UserInput;

#[test]
fn wrong_pins_lock_the_user_out_even_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let boss = store
        .create_first_supervisor("沈丽华", "S001", "2468", actor())
        .unwrap();
    assert_eq!(
        store
            .create_first_supervisor("又一个", "S002", "1357", actor())
            .unwrap_err()
            .to_problem()
            .code,
        "setup.already_done"
    );

    let t = now();
    for remaining in (1..5).rev() {
        let p = store
            .authenticate(boss.id, "0000", t)
            .unwrap_err()
            .to_problem();
        assert_eq!(
            (p.code.as_str(), p.params["remaining"].as_str()),
            ("auth.wrong_pin", remaining.to_string().as_str())
        );
    }
    let p = store
        .authenticate(boss.id, "0000", t)
        .unwrap_err()
        .to_problem();
    assert_eq!(
        (p.code.as_str(), p.params["seconds"].as_str()),
        ("auth.locked", "30")
    );

    drop(store);
    let mut store = Store::open(&dir.path().join("floor.sqlite")).unwrap();
    let p = store
        .authenticate(boss.id, "2468", t + Duration::seconds(10))
        .unwrap_err()
        .to_problem();
    assert_eq!(
        (p.code.as_str(), p.params["seconds"].as_str()),
        ("auth.locked", "20"),
        "even the right PIN waits"
    );

    let user = store
        .authenticate(boss.id, "2468", t + Duration::seconds(31))
        .unwrap();
    assert_eq!(user.role, Role::Supervisor);
    // A success resets the count.
    let p = store
        .authenticate(boss.id, "0000", t + Duration::seconds(32))
        .unwrap_err()
        .to_problem();
    assert_eq!(p.params["remaining"], "4");
}

#[test]
fn users_link_to_their_person_and_the_last_supervisor_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let boss = store
        .create_first_supervisor("沈丽华", "S001", "2468", actor())
        .unwrap();
    store
        .import_agents(&crate::common::demo_asset("agents-import.csv"), actor())
        .unwrap();
    let input = |no: &str| UserInput {
        id: None,
        display_name: format!("班长{no}"),
        role: Role::TeamLead,
        employee_no: no.into(),
        pin: Some("1111".into()),
    };
    let lead = store.save_user(&input("2001"), actor()).unwrap();
    assert_eq!(lead.employee_no, "2001");
    assert!(lead.employee_no_confirmed);
    let mut twice = input("2001");
    twice.display_name = "别人".into();
    assert_eq!(
        store
            .save_user(&twice, actor())
            .unwrap_err()
            .to_problem()
            .code,
        "user.agent_linked"
    );
    assert_eq!(
        store
            .save_user(&input("9999"), actor())
            .unwrap_err()
            .to_problem()
            .code,
        "user.unknown_employee_no"
    );
    let mut no_pin = input("2002");
    no_pin.pin = None;
    assert_eq!(
        store
            .save_user(&no_pin, actor())
            .unwrap_err()
            .to_problem()
            .code,
        "validation.required"
    );

    let last = store.set_user_active(boss.id, false, actor()).unwrap_err();
    assert_eq!(last.to_problem().code, "user.last_supervisor");
    let demote = UserInput {
        id: Some(boss.id),
        display_name: "沈丽华".into(),
        role: Role::Manager,
        employee_no: "S001".into(),
        pin: None,
    };
    assert_eq!(
        store
            .save_user(&demote, actor())
            .unwrap_err()
            .to_problem()
            .code,
        "user.last_supervisor"
    );
    store.set_user_active(lead.id, false, actor()).unwrap();
    assert_eq!(store.list_login_users().unwrap().len(), 1);
    assert_eq!(
        store
            .authenticate(lead.id, "1111", now())
            .unwrap_err()
            .to_problem()
            .code,
        "auth.inactive"
    );
}

#[test]
fn nobody_deactivates_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let boss = store
        .create_first_supervisor("沈丽华", "S001", "2468", actor())
        .unwrap();
    let as_boss = floordesk_store::Actor::user(boss.id, now());
    let err = store.set_user_active(boss.id, false, as_boss).unwrap_err();
    assert_eq!(err.to_problem().code, "user.cannot_deactivate_self");
    assert!(store.user(boss.id).unwrap().active);
    // Re-activating oneself is harmless (and what an undo does).
    store.set_user_active(boss.id, true, as_boss).unwrap();
}

#[test]
fn every_user_has_a_employee_no_of_their_own_or_their_agents() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(&crate::common::demo_asset("agents-import.csv"), actor())
        .unwrap();
    let input = |name: &str, role: Role, no: &str| UserInput {
        id: None,
        display_name: name.into(),
        role,
        employee_no: no.into(),
        pin: Some("1111".into()),
    };
    let code = |store: &mut Store, u: UserInput| {
        store.save_user(&u, actor()).unwrap_err().to_problem().code
    };

    // A manager who is not on the floor has their own; one who is on it links to the agent.
    let boss = store
        .save_user(&input("江涛", Role::Manager, "M001"), actor())
        .unwrap();
    assert_eq!(boss.employee_no, "M001");
    let on_floor = store
        .save_user(&input("兼任经理", Role::Manager, "2003"), actor())
        .unwrap();
    assert_eq!(on_floor.employee_no, "2003");

    // No 工号, a malformed one, another user's own, or an agent's as a supervisor's own.
    assert_eq!(
        code(&mut store, input("无号", Role::Supervisor, " ")),
        "validation.required"
    );
    assert_eq!(
        code(&mut store, input("坏号", Role::Supervisor, "S 1")),
        "validation.employee_no"
    );
    assert_eq!(
        code(&mut store, input("重号", Role::Supervisor, "M001")),
        "user.duplicate_employee_no"
    );
    // Team leads and agents are on the floor: their 工号 is an agent's.
    assert_eq!(
        code(&mut store, input("外人", Role::TeamLead, "L001")),
        "user.unknown_employee_no"
    );

    // An agent cannot take a user's own number.
    let agent = floordesk_store::people::AgentInput {
        id: None,
        employee_no: "M001".into(),
        name: "撞号".into(),
        team_id: store.list_teams().unwrap()[0].id,
        level: floordesk_domain::people::Level::Junior,
        seat_id: None,
        hired_on: None,
        left_on: None,
        base_pay_fen: None,
    };
    let err = store.save_agent(&agent, actor()).unwrap_err();
    assert_eq!(err.to_problem().code, "agent.duplicate_employee_no");
}

#[test]
fn the_database_itself_refuses_a_user_without_a_employee_no() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path());
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("floor.sqlite")).unwrap();
    let err = conn
        .execute(
            "INSERT INTO users (display_name, role, pin_hash, created_at) VALUES ('无号', 'manager', 'x', 0)",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("工号"), "{err}");
}
