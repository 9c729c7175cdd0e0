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
        left_on: None,
        base_pay_fen: None,
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
                channel: None,
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
                channel: None,
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
                channel: None,
            },
            actor(),
        )
        .unwrap_err();
    assert_eq!(dup.to_problem().code, "team.duplicate_name");
}

#[test]
fn a_team_works_the_phone_or_chat_and_keeps_it_unless_told() {
    use floordesk_domain::people::ContactChannel;
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let team = |channel| TeamInput {
        id: None,
        name: "售后组".into(),
        channel,
    };
    let phone = store.save_team(&team(None), actor()).unwrap();
    assert_eq!(phone.channel, ContactChannel::Phone);
    let chat = store
        .save_team(
            &TeamInput {
                id: Some(phone.id),
                ..team(Some(ContactChannel::Chat))
            },
            actor(),
        )
        .unwrap();
    assert_eq!(chat.channel, ContactChannel::Chat);
    // A rename that says nothing of the channel keeps it.
    let renamed = store
        .save_team(
            &TeamInput {
                id: Some(phone.id),
                name: "在线售后组".into(),
                channel: None,
            },
            actor(),
        )
        .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.channel),
        ("在线售后组", ContactChannel::Chat)
    );
}

#[test]
fn a_new_team_works_the_sites_usual_channel() {
    use floordesk_domain::people::ContactChannel;
    use floordesk_store::site::SiteInput;
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let site = store.require_site().unwrap();
    assert_eq!(site.channel, ContactChannel::Phone);
    let chat_shop = SiteInput {
        name: site.name,
        time_zone: site.time_zone,
        channel: Some(ContactChannel::Chat),
    };
    assert_eq!(
        store.update_site(&chat_shop, actor()).unwrap().channel,
        ContactChannel::Chat
    );
    let team = store
        .save_team(
            &TeamInput {
                id: None,
                name: "天猫旗舰店".into(),
                channel: None,
            },
            actor(),
        )
        .unwrap();
    assert_eq!(team.channel, ContactChannel::Chat);
    // A team can still work the phone on a chat site.
    let hotline = store
        .save_team(
            &TeamInput {
                id: None,
                name: "热线组".into(),
                channel: Some(ContactChannel::Phone),
            },
            actor(),
        )
        .unwrap();
    assert_eq!(hotline.channel, ContactChannel::Phone);
    // Saying nothing of the channel keeps the site's.
    let renamed = SiteInput {
        name: "天猫客服中心".into(),
        time_zone: "Asia/Shanghai".into(),
        channel: None,
    };
    assert_eq!(
        store.update_site(&renamed, actor()).unwrap().channel,
        ContactChannel::Chat
    );
}

#[test]
fn the_demos_after_sales_team_answers_in_chat_and_its_cards_say_so() {
    use floordesk_domain::people::ContactChannel;
    let mut store = floordesk_store::Store::open_in_memory().unwrap();
    store
        .load_demo_floor(&["2026-11-23".parse().unwrap()], actor())
        .unwrap();
    let channels: Vec<(String, ContactChannel)> = store
        .list_teams()
        .unwrap()
        .into_iter()
        .map(|t| (t.name, t.channel))
        .collect();
    assert!(channels.contains(&("售后组".into(), ContactChannel::Chat)));
    assert!(channels.contains(&("售前一组".into(), ContactChannel::Phone)));
    let (floor, _) =
        floordesk_store::live::LiveFloor::load(&mut store, crate::common::now()).unwrap();
    let board = floor.board(&store, crate::common::now()).unwrap();
    let card = board
        .agents
        .iter()
        .find(|a| a.employee_no == "1025")
        .unwrap();
    assert_eq!(card.channel, ContactChannel::Chat);
}

#[test]
fn base_pay_is_saved_in_fen_and_kept_when_the_saver_may_not_see_pay() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let team = store
        .save_team(
            &TeamInput {
                id: None,
                name: "售前一组".into(),
                channel: None,
            },
            actor(),
        )
        .unwrap();
    let mut input = agent("1001", team.id, None);
    input.base_pay_fen = Some(450_050);
    let a = store.save_agent(&input, actor()).unwrap();
    assert_eq!(a.base_pay_fen, Some(450_050));
    assert_eq!(
        store.list_agents(false).unwrap()[0].base_pay_fen,
        Some(450_050)
    );

    // Someone who may not see pay edits the agent: what they send for pay (None) is ignored.
    input.id = Some(a.id);
    input.name = "王静".into();
    input.base_pay_fen = None;
    let edited = store.save_agent_with(&input, false, actor()).unwrap();
    assert_eq!(
        (edited.name.as_str(), edited.base_pay_fen),
        ("王静", Some(450_050))
    );
    // Someone who may clears it.
    assert_eq!(
        store.save_agent(&input, actor()).unwrap().base_pay_fen,
        None
    );

    input.base_pay_fen = Some(-1);
    let err = store.save_agent(&input, actor()).unwrap_err();
    assert_eq!(err.to_problem().code, "validation.out_of_range");
}

#[test]
fn yuan_parse_to_fen_without_floating_point() {
    use floordesk_store::people::{format_yuan, parse_yuan};
    assert_eq!(parse_yuan("4500"), Some(450_000));
    assert_eq!(parse_yuan(" 4500.5 "), Some(450_050));
    assert_eq!(parse_yuan("4500.50"), Some(450_050));
    assert_eq!(parse_yuan("0.07"), Some(7));
    assert_eq!(parse_yuan("1000000"), Some(100_000_000));
    for bad in [
        "45.123",
        "-1",
        "4,500",
        "4500.",
        ".5",
        "",
        "1e3",
        "¥4500",
        "1000000.01",
    ] {
        assert_eq!(parse_yuan(bad), None, "{bad}");
    }
    assert_eq!(format_yuan(450_000), "4500.00");
    assert_eq!(format_yuan(450_050), "4500.50");
    assert_eq!(format_yuan(7), "0.07");
}
