//! Handover logs on a real file: team shifts from the roster, opening (by hand and by the tick,
//! idempotent, refused for a key the roster lacks), the roll call read from the floor's events,
//! notices and leave (a lead's correction survives a refresh), seats for the shift (a swap within
//! a log, a conflict across two teams' overlapping shifts), leads, and a signed log refusing
//! every change through the API with `handover.signed`.

use floordesk_domain::ErrorCode;
use floordesk_domain::floor::{AgentState, FloorEvent, Notice, NoticeKind};
use floordesk_domain::handover::roll_call::RollCallStatus;
use floordesk_store::floor::EventSource;
use floordesk_store::handover::roll_call::{RollCallCorrection, RollCallRow};
use floordesk_store::import::events::EventLine;
use floordesk_store::people::SeatInput;
use floordesk_store::{Actor, Store, StoreError};

use crate::handover_common::{
    HandoverFloor, conn, day, day_at, handover_floor, ingest_state, key, problem,
};

fn system(local: &str) -> Actor {
    Actor::system(day_at(local))
}

fn state(store: &mut Store, agent: &str, local: &str, state: AgentState) {
    ingest_state(store, agent, day_at(local), state);
}

fn notice(store: &mut Store, agent: &str, local: &str) {
    let n = FloorEvent::Notice(Notice {
        at: day_at(local),
        agent: agent.into(),
        kind: NoticeKind::Late,
        reason: Some("地铁故障".into()),
    });
    store
        .ingest_events(
            "test",
            &EventLine::numbered([n]),
            EventSource::Board,
            true,
            system(local),
        )
        .unwrap();
}

fn row<'a>(rows: &'a [RollCallRow], no: &str) -> &'a RollCallRow {
    rows.iter().find(|r| r.employee_no == no).unwrap()
}

fn statuses(rows: &[RollCallRow]) -> Vec<(String, RollCallStatus, Option<i64>, bool)> {
    rows.iter()
        .map(|r| (r.employee_no.clone(), r.status, r.late_min, r.pending))
        .collect()
}

fn log_rows(store: &Store) -> i64 {
    conn(store)
        .query_row("SELECT count(*) FROM handover_logs", [], |r| r.get(0))
        .unwrap()
}

/// Puts an outgoing signature on log `log_id` with raw SQL, as a sign-off would.
fn sign_raw(store: &Store, log_id: i64, user_id: i64) {
    conn(store).execute(
        "INSERT INTO handover_signatures (log_id, side, mode, signer_user_id, signer_employee_no,
             signer_name, basis, signed_at, content_hash, prev_hash, hash)
         VALUES (?1, 'outgoing', 'alone', ?2, '9001', '主管', 'stand_in', 0, ?3, ?4, ?5)",
        rusqlite::params![
            log_id,
            user_id,
            "c".repeat(64),
            "0".repeat(64),
            "a".repeat(64)
        ],
    )
    .unwrap();
}

#[test]
fn team_shifts_come_from_the_roster_cells_by_team_and_start() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        store,
        presale,
        aftersale,
        ..
    } = handover_floor(dir.path());
    let shifts = store.team_shifts_between(None, day(), day()).unwrap();
    let mut seen: Vec<(i64, String, Vec<String>)> = shifts
        .iter()
        .map(|s| (s.team_id, s.key.clone(), s.members.clone()))
        .collect();
    seen.sort_by_key(|(team, _, _)| *team);
    let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut expected = vec![
        (presale, "D".to_string(), strs(&["2001", "2002", "2003"])),
        (presale, "N".into(), strs(&["2004", "2005"])),
        (aftersale, "M".into(), strs(&["2007", "2008"])),
        (aftersale, "N".into(), strs(&["2009"])),
        (aftersale, "O".into(), strs(&["2010"])),
    ];
    expected.sort_by_key(|(team, _, _)| *team);
    assert_eq!(seen, expected);

    let d = shifts
        .iter()
        .find(|s| s.team_id == presale && s.key == "D")
        .unwrap();
    assert_eq!(
        (d.name.as_str(), d.start, d.end),
        ("白班", day_at("08:30:00"), day_at("16:00:00"))
    );
    let o = shifts.iter().find(|s| s.key == "O").unwrap();
    assert_eq!(
        o.end,
        day_at("08:30:00") + chrono::Duration::days(1),
        "O ends the next morning"
    );
    assert_eq!(
        store
            .team_shifts_between(Some(aftersale), day(), day())
            .unwrap()
            .len(),
        3
    );
    assert!(
        store
            .team_shifts_between(None, day().succ_opt().unwrap(), day().succ_opt().unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn opening_copies_the_heading_is_idempotent_and_refuses_a_key_the_roster_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        lead_2001,
        ..
    } = handover_floor(dir.path());

    let unknown = store
        .open_handover_log(&key(presale, "M"), system("08:00:00"))
        .unwrap_err();
    let (c, params) = problem(unknown);
    assert_eq!(c, ErrorCode::HandoverNoShift);
    assert_eq!(params["team"], "售前一组");
    assert_eq!(params["date"], "2026-11-23");
    assert_eq!(params["shift"], "M");

    let lead = Actor::user(lead_2001, day_at("08:20:00"));
    let id = store.open_handover_log(&key(presale, "D"), lead).unwrap();
    assert_eq!(
        store
            .open_handover_log(&key(presale, "D"), system("08:25:00"))
            .unwrap(),
        id
    );
    assert_eq!(log_rows(&store), 1);
    assert_eq!(store.handover_log_id(&key(presale, "D")).unwrap(), Some(id));

    let conn = conn(&store);
    let (team, name, start, end, by): (String, String, i64, i64, Option<String>) = conn
        .query_row(
            "SELECT team_name, shift_name, shift_start, shift_end, opened_by_employee_no
             FROM handover_logs WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        (team.as_str(), name.as_str(), by.as_deref()),
        ("售前一组", "白班", Some("2001"))
    );
    assert_eq!(
        (start, end),
        (
            day_at("08:30:00").timestamp_millis(),
            day_at("16:00:00").timestamp_millis()
        )
    );
    let audits: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'open' AND entity = 'handover_log'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audits, 1);

    // The members rostered, and 2006 (on leave, resting) in the team's first shift only.
    let rows = store.handover_roll_call(id).unwrap();
    let listed: Vec<(&str, bool, RollCallStatus)> = rows
        .iter()
        .map(|r| (r.employee_no.as_str(), r.rostered, r.status))
        .collect();
    assert_eq!(
        listed,
        [
            ("2001", true, RollCallStatus::Absent),
            ("2002", true, RollCallStatus::Absent),
            ("2003", true, RollCallStatus::Absent),
            ("2006", false, RollCallStatus::OnLeave),
        ]
    );
    assert!(
        row(&rows, "2001").pending,
        "before the start nobody is absent yet"
    );
    assert_eq!(row(&rows, "2001").home_seat_code.as_deref(), Some("D01"));
    let n = store
        .open_handover_log(&key(presale, "N"), system("15:50:00"))
        .unwrap();
    let n_rows = store.handover_roll_call(n).unwrap();
    assert_eq!(
        n_rows
            .iter()
            .map(|r| r.employee_no.as_str())
            .collect::<Vec<_>>(),
        ["2004", "2005"],
        "the leave-day agent is listed in the first shift only"
    );
}

#[test]
fn the_roll_call_reads_events_and_notices_and_a_correction_survives_a_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        lead_2001,
        ..
    } = handover_floor(dir.path());
    state(&mut store, "2001", "08:20:00", AgentState::Ready);
    let id = store
        .open_handover_log(&key(presale, "D"), system("08:20:00"))
        .unwrap();
    notice(&mut store, "2003", "08:05:00");
    state(&mut store, "2002", "08:41:10", AgentState::Ready);

    let changed = store.refresh_roll_call(id, day_at("08:45:00")).unwrap();
    assert_eq!(changed, 3, "2001 present, 2002 late, 2003 notified");
    let rows = store.handover_roll_call(id).unwrap();
    assert_eq!(
        statuses(&rows),
        [
            ("2001".into(), RollCallStatus::Present, None, false),
            ("2002".into(), RollCallStatus::Late, Some(12), false),
            ("2003".into(), RollCallStatus::Excused, None, false),
            ("2006".into(), RollCallStatus::OnLeave, None, false),
        ]
    );
    assert_eq!(row(&rows, "2001").arrived_at, Some(day_at("08:20:00")));
    assert!(row(&rows, "2003").notified);
    assert_eq!(
        store.refresh_roll_call(id, day_at("08:46:00")).unwrap(),
        0,
        "nothing changed, nothing written"
    );

    // The lead corrects 2002 (the lateness was the lead's own errand); 2003 turns up late.
    let lead = Actor::user(lead_2001, day_at("09:00:00"));
    store
        .correct_roll_call(
            id,
            &RollCallCorrection {
                employee_no: "2002".into(),
                status: RollCallStatus::Present,
                late_min: Some(12),
                notified: false,
                note: Some("  班长派去取耳机  ".into()),
            },
            lead,
        )
        .unwrap();
    state(&mut store, "2003", "09:10:00", AgentState::Ready);
    state(&mut store, "2002", "09:20:00", AgentState::SignedOut);
    store.refresh_roll_call(id, day_at("09:30:00")).unwrap();
    let rows = store.handover_roll_call(id).unwrap();
    let r2002 = row(&rows, "2002");
    assert_eq!(
        (r2002.status, r2002.late_min),
        (RollCallStatus::Present, None)
    );
    assert_eq!(r2002.note.as_deref(), Some("班长派去取耳机"));
    assert_eq!(r2002.corrected_at, Some(day_at("09:00:00")));
    assert_eq!(
        r2002.corrected_by.as_ref().map(|p| p.employee_no.as_str()),
        Some("2001")
    );
    let r2003 = row(&rows, "2003");
    assert_eq!(
        (r2003.status, r2003.late_min, r2003.notified),
        (RollCallStatus::Excused, Some(40), true),
        "came 40 minutes late with a notice before the start"
    );

    // Someone covering from another team is added by a correction, not rostered.
    store
        .correct_roll_call(
            id,
            &RollCallCorrection {
                employee_no: "2009".into(),
                status: RollCallStatus::Present,
                late_min: None,
                notified: false,
                note: None,
            },
            lead,
        )
        .unwrap();
    store.refresh_roll_call(id, day_at("09:31:00")).unwrap();
    let rows = store.handover_roll_call(id).unwrap();
    assert!(!row(&rows, "2009").rostered);
    assert_eq!(rows.len(), 5);

    // The roster changes: 2005 joins D, 2003 leaves it.
    store
        .put_roster_cells(
            &[
                floordesk_store::roster::CellInput {
                    employee_no: "2005".into(),
                    date: day(),
                    cell: "D".into(),
                },
                floordesk_store::roster::CellInput {
                    employee_no: "2003".into(),
                    date: day(),
                    cell: "休".into(),
                },
            ],
            None,
            system("09:40:00"),
        )
        .unwrap();
    store.refresh_roll_call(id, day_at("09:45:00")).unwrap();
    let nos: Vec<String> = store
        .handover_roll_call(id)
        .unwrap()
        .into_iter()
        .map(|r| r.employee_no)
        .collect();
    assert_eq!(
        nos,
        ["2001", "2002", "2005", "2006", "2009"],
        "2005 added; 2003 (uncorrected, unseated, resting now) dropped"
    );
}

#[test]
fn seats_swap_within_a_log_and_conflict_across_two_teams_overlapping_shifts() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        aftersale,
        ..
    } = handover_floor(dir.path());
    let d = store
        .open_handover_log(&key(presale, "D"), system("08:20:00"))
        .unwrap();
    let m = store
        .open_handover_log(&key(aftersale, "M"), system("08:50:00"))
        .unwrap();
    let n = store
        .open_handover_log(&key(presale, "N"), system("15:50:00"))
        .unwrap();
    let seat = |store: &Store, log: i64, no: &str| {
        row(&store.handover_roll_call(log).unwrap(), no)
            .seat_code
            .clone()
    };

    // 2001 takes 2002's home seat: 2002 gets 2001's.
    store
        .assign_shift_seat(d, "2001", Some("D02"), system("08:21:00"))
        .unwrap();
    assert_eq!(seat(&store, d, "2001").as_deref(), Some("D02"));
    assert_eq!(seat(&store, d, "2002").as_deref(), Some("D01"));
    // 2003 takes D01 from 2002, who gets 2003's home seat.
    store
        .assign_shift_seat(d, "2003", Some("D01"), system("08:22:00"))
        .unwrap();
    assert_eq!(seat(&store, d, "2003").as_deref(), Some("D01"));
    assert_eq!(seat(&store, d, "2002").as_deref(), Some("D03"));

    // 售后组's M overlaps 售前一组's D: D02 is 2001's there.
    let (c, params) = problem(
        store
            .assign_shift_seat(m, "2007", Some("D02"), system("08:55:00"))
            .unwrap_err(),
    );
    assert_eq!(c, ErrorCode::HandoverSeatTaken);
    assert_eq!(
        (params["seat"].as_str(), params["employee_no"].as_str()),
        ("D02", "2001")
    );
    // A home seat of an agent in an overlapping shift counts too: N (16:00–23:30) overlaps M,
    // and D05 is 2005's home seat on N.
    let (c, params) = problem(
        store
            .assign_shift_seat(m, "2007", Some("D05"), system("08:56:00"))
            .unwrap_err(),
    );
    assert_eq!(c, ErrorCode::HandoverSeatTaken);
    assert_eq!(params["employee_no"], "2005");
    store
        .save_seat(
            &SeatInput {
                id: None,
                code: "D09".into(),
                x: 9,
                y: 0,
                zone: None,
            },
            system("08:00:00"),
        )
        .unwrap();
    store
        .assign_shift_seat(m, "2007", Some("D09"), system("08:56:00"))
        .unwrap();
    assert_eq!(seat(&store, m, "2007").as_deref(), Some("D09"));
    let (c, params) = problem(
        store
            .assign_shift_seat(n, "2004", Some("D09"), system("15:51:00"))
            .unwrap_err(),
    );
    assert_eq!(c, ErrorCode::HandoverSeatTaken);
    assert_eq!(params["employee_no"], "2007");
    // D ends at 16:00 as N starts: D02 (2001's in D) is free for N.
    store
        .assign_shift_seat(n, "2004", Some("D02"), system("15:52:00"))
        .unwrap();

    // Unknown, inactive and not-listed refusals.
    assert_eq!(
        problem(
            store
                .assign_shift_seat(d, "2004", Some("D07"), system("08:23:00"))
                .unwrap_err()
        )
        .0,
        ErrorCode::HandoverNotOnRollCall
    );
    assert_eq!(
        problem(
            store
                .assign_shift_seat(d, "2001", Some("Z99"), system("08:23:00"))
                .unwrap_err()
        )
        .0,
        ErrorCode::NotFound
    );

    // Back home, and every assignment kept.
    store
        .assign_shift_seat(d, "2003", None, system("08:24:00"))
        .unwrap();
    assert_eq!(seat(&store, d, "2003"), None);
    let conn = conn(&store);
    let moves: i64 = conn
        .query_row(
            "SELECT count(*) FROM handover_seat_moves WHERE log_id = ?1",
            [d],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(moves, 5, "2001, 2002, 2003, 2002, 2003 home");

    // The board's seats: the log whose roll call has begun and which has not ended.
    let at_825 = store.shift_seats_at(day_at("08:25:00")).unwrap();
    assert_eq!(at_825.get("2001").map(|s| s.1.as_str()), Some("D02"));
    assert_eq!(at_825.get("2007"), None, "M's roll call begins at 08:50");
    let at_1600 = store.shift_seats_at(day_at("16:00:00")).unwrap();
    assert_eq!(at_1600.get("2001"), None, "D is over");
    assert_eq!(at_1600.get("2004").map(|s| s.1.as_str()), Some("D02"));
    assert_eq!(at_1600.get("2007").map(|s| s.1.as_str()), Some("D09"));
}

#[test]
fn a_signed_log_refuses_every_change_through_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        supervisor,
        ..
    } = handover_floor(dir.path());
    let id = store
        .open_handover_log(&key(presale, "D"), system("08:20:00"))
        .unwrap();
    sign_raw(&store, id, supervisor);

    let signed = |err: StoreError| {
        let (c, params) = problem(err);
        assert_eq!(c, ErrorCode::HandoverSigned);
        assert_eq!(
            (
                params["date"].as_str(),
                params["team"].as_str(),
                params["shift"].as_str()
            ),
            ("2026-11-23", "售前一组", "白班 D")
        );
    };
    let sup = Actor::user(supervisor, day_at("16:05:00"));
    signed(store.refresh_roll_call(id, day_at("16:05:00")).unwrap_err());
    signed(
        store
            .correct_roll_call(
                id,
                &RollCallCorrection {
                    employee_no: "2001".into(),
                    status: RollCallStatus::Present,
                    late_min: None,
                    notified: false,
                    note: None,
                },
                sup,
            )
            .unwrap_err(),
    );
    signed(
        store
            .assign_shift_seat(id, "2001", Some("D02"), sup)
            .unwrap_err(),
    );
    assert_eq!(
        store.open_handover_log(&key(presale, "D"), sup).unwrap(),
        id,
        "opening again changes nothing"
    );
    // The trigger is the second line.
    let conn = conn(&store);
    let err = conn
        .execute(
            "UPDATE handover_roll_call SET status = 'late', late_min = 3",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("its roll call cannot be changed"));
}

#[test]
fn the_tick_opens_logs_at_their_roll_call_time_once_and_follows_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store, presale, ..
    } = handover_floor(dir.path());
    assert_eq!(store.handover_tick(day_at("08:19:59")).unwrap().opened, 0);
    assert_eq!(log_rows(&store), 0, "D's roll call is at 08:20");
    assert_eq!(store.handover_tick(day_at("08:20:00")).unwrap().opened, 1);
    let d = store.handover_log_id(&key(presale, "D")).unwrap().unwrap();
    assert_eq!(
        store.handover_tick(day_at("08:20:10")).unwrap().opened,
        0,
        "idempotent"
    );
    assert_eq!(log_rows(&store), 1);

    state(&mut store, "2001", "08:25:00", AgentState::Ready);
    store.handover_tick(day_at("08:25:10")).unwrap();
    let rows = store.handover_roll_call(d).unwrap();
    assert_eq!(row(&rows, "2001").status, RollCallStatus::Present);
    assert!(row(&rows, "2002").pending);
    assert_eq!(
        store.handover_tick(day_at("09:00:01")).unwrap().opened,
        1,
        "售后组 M, its roll call at 08:50"
    );
    let rows = store.handover_roll_call(d).unwrap();
    assert_eq!(
        (row(&rows, "2002").status, row(&rows, "2002").pending),
        (RollCallStatus::Absent, false),
        "30 minutes after the start: 缺勤"
    );
}

#[test]
fn the_tick_opens_shifts_that_ended_within_a_day_and_not_older_ones() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        aftersale,
        ..
    } = handover_floor(dir.path());
    let next_day = |local: &str| day_at(local) + chrono::Duration::days(1);
    // 2026-11-24 16:30: D (ended 11-23 16:00) is more than a day old; the others are not.
    assert_eq!(store.handover_tick(next_day("16:30:00")).unwrap().opened, 4);
    assert_eq!(store.handover_log_id(&key(presale, "D")).unwrap(), None);
    for (team, shift) in [
        (presale, "N"),
        (aftersale, "M"),
        (aftersale, "N"),
        (aftersale, "O"),
    ] {
        assert!(
            store.handover_log_id(&key(team, shift)).unwrap().is_some(),
            "{shift}"
        );
    }
    let conn = conn(&store);
    let audits: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'open' AND entity = 'handover_log'
               AND user_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audits, 4);
}

#[test]
fn leads_are_team_leads_then_designated_agents_with_a_user_else_stand_ins() {
    use floordesk_domain::handover::lead::{LeadBasis, ShiftLead};
    use floordesk_store::handover::leads::DesignationInput;

    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        supervisor,
        lead_2001,
        agent_2004,
        ..
    } = handover_floor(dir.path());
    let sup = Actor::user(supervisor, day_at("08:00:00"));
    let designate = |no: &str| DesignationInput {
        team_id: presale,
        shift: "N".into(),
        from: day(),
        to: None,
        employee_no: no.into(),
    };

    assert_eq!(
        store
            .shift_lead(&key(presale, "N"), day_at("15:50:00"))
            .unwrap(),
        ShiftLead::StandIn,
        "no team lead works N and nobody is named"
    );
    let (c, params) = problem(
        store
            .designate_handover_lead(&designate("2005"), sup)
            .unwrap_err(),
    );
    assert_eq!(c, ErrorCode::HandoverLeadHasNoUser);
    assert_eq!(params["employee_no"], "2005");
    store
        .designate_handover_lead(&designate("2004"), sup)
        .unwrap();
    assert_eq!(
        store
            .shift_lead(&key(presale, "N"), day_at("15:50:00"))
            .unwrap(),
        ShiftLead::Person {
            employee_no: "2004".into(),
            user_id: agent_2004,
            basis: LeadBasis::Designated
        }
    );
    let n = store.open_handover_log(&key(presale, "N"), sup).unwrap();
    assert_eq!(
        store.shift_lead_of_log(n, day_at("15:50:00")).unwrap(),
        store
            .shift_lead(&key(presale, "N"), day_at("15:50:00"))
            .unwrap()
    );
    // D: the team lead 2001 works it; marked absent, they are skipped.
    let d_key = key(presale, "D");
    assert_eq!(
        store.shift_lead(&d_key, day_at("08:20:00")).unwrap(),
        ShiftLead::Person {
            employee_no: "2001".into(),
            user_id: lead_2001,
            basis: LeadBasis::TeamLead
        }
    );
    let d = store.open_handover_log(&d_key, sup).unwrap();
    store
        .correct_roll_call(
            d,
            &RollCallCorrection {
                employee_no: "2001".into(),
                status: RollCallStatus::Absent,
                late_min: None,
                notified: false,
                note: None,
            },
            Actor::user(supervisor, day_at("09:10:00")),
        )
        .unwrap();
    assert_eq!(
        store.shift_lead(&d_key, day_at("09:10:00")).unwrap(),
        ShiftLead::StandIn
    );

    // A team lead runs their own team only.
    let other = store
        .list_teams()
        .unwrap()
        .into_iter()
        .find(|t| t.id != presale)
        .unwrap();
    let (c, params) = problem(
        store
            .designate_handover_lead(
                &DesignationInput {
                    team_id: other.id,
                    ..designate("2004")
                },
                Actor::user(lead_2001, day_at("09:00:00")),
            )
            .unwrap_err(),
    );
    assert_eq!(
        (c, params["team"].as_str()),
        (ErrorCode::HandoverNotYourTeam, "售后组")
    );
}

#[test]
fn the_day_shows_each_teams_shifts_with_status_and_lead_within_reach() {
    use floordesk_domain::handover::lead::LeadBasis;
    use floordesk_store::handover::logs::LogStatus;

    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        aftersale,
        supervisor,
        agent_2004,
        ..
    } = handover_floor(dir.path());
    store.handover_tick(day_at("08:20:00")).unwrap();
    let d = store.handover_log_id(&key(presale, "D")).unwrap().unwrap();
    let sup = Actor::user(supervisor, day_at("08:30:00"));
    let day_view = store
        .handover_day(day(), None, day_at("08:30:00"), sup)
        .unwrap();
    let cards: Vec<(String, String, LogStatus)> = day_view
        .teams
        .iter()
        .flat_map(|t| {
            t.shifts
                .iter()
                .map(|c| (t.team_name.clone(), c.key.shift.clone(), c.status))
        })
        .collect();
    let mut expected = vec![
        ("售前一组".to_string(), "D".to_string(), LogStatus::Open),
        ("售前一组".into(), "N".into(), LogStatus::NotOpened),
        ("售后组".into(), "M".into(), LogStatus::NotOpened),
        ("售后组".into(), "N".into(), LogStatus::NotOpened),
        ("售后组".into(), "O".into(), LogStatus::NotOpened),
    ];
    expected.sort_by_key(|(team, _, _)| {
        if team == "售前一组" {
            presale
        } else {
            aftersale
        }
    });
    let mut got = cards;
    got.sort_by_key(|(team, _, _)| {
        if team == "售前一组" {
            presale
        } else {
            aftersale
        }
    });
    assert_eq!(got, expected);
    let d_card = &day_view
        .teams
        .iter()
        .find(|t| t.team_id == presale)
        .unwrap()
        .shifts[0];
    assert_eq!(d_card.log_id, Some(d));
    assert!(d_card.in_roster);
    assert_eq!(d_card.lead.basis, LeadBasis::TeamLead);
    assert_eq!(
        d_card
            .lead
            .person
            .as_ref()
            .map(|p| (p.employee_no.as_str(), p.name.as_str())),
        Some(("2001", "贺一鸣"))
    );

    // Signed by the outgoing alone: awaiting receipt.
    sign_raw(&store, d, supervisor);
    let agent = Actor::user(agent_2004, day_at("16:10:00"));
    let own = store
        .handover_day(day(), None, day_at("16:10:00"), agent)
        .unwrap();
    assert_eq!(own.teams.len(), 1, "an agent sees their own team");
    assert_eq!(own.teams[0].team_id, presale);
    assert_eq!(own.teams[0].shifts[0].status, LogStatus::AwaitingReceipt);
    let (c, params) = problem(
        store
            .handover_day(day(), Some(aftersale), day_at("16:10:00"), agent)
            .unwrap_err(),
    );
    assert_eq!(
        (c, params["team"].as_str()),
        (ErrorCode::HandoverNotYourTeam, "售后组")
    );
}
