//! Sign-off on a real file: face to face with two PINs when the shifts meet (one signer refused),
//! seed 003's check that the incoming shift is signed in (and a supervisor's override on record),
//! open queries blocking, a signed log refusing every change through the API, a shift that does
//! not meet the next signed alone and received by the next lead (not too early), an item carried
//! across midnight keeping its timeline and each snapshot's count of shifts, addenda in their
//! chain, and `verify` clean after all of it but naming a log whose snapshot was changed by hand.

use std::collections::BTreeMap;

use floordesk_domain::ErrorCode;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::item::{ItemChange, ItemEventKind};
use floordesk_domain::handover::lead::LeadBasis;
use floordesk_domain::handover::roll_call::RollCallStatus;
use floordesk_domain::handover::sign::SignMode;
use floordesk_store::handover::items::{NewItem, NewItemFields};
use floordesk_store::handover::roll_call::RollCallCorrection;
use floordesk_store::handover::sign::{SignInput, Signer};
use floordesk_store::{Actor, StoreError};
use rusqlite::Connection;

use crate::handover_common::{Floor, at, problem, signer};

/// (log, shifts_open, status, carried_to) of an item's snapshot rows, by log.
fn snapshots(conn: &Connection, item: i64) -> Vec<(i64, i64, String, Option<i64>)> {
    conn.prepare(
        "SELECT log_id, shifts_open, status, carried_to_log_id FROM handover_log_items
         WHERE item_id = ?1 ORDER BY log_id",
    )
    .unwrap()
    .query_map([item], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn meeting_shifts_sign_face_to_face_after_queries_settle_and_the_log_freezes() {
    let dir = tempfile::tempdir().unwrap();
    let mut floor = Floor::new(dir.path());
    let (lead, n_lead, sup) = (floor.f.lead_2001, floor.f.agent_2004, floor.f.supervisor);
    let (d, refund, done) = floor.d_with_an_open_and_a_closed_refund();
    floor.change(
        refund,
        ItemChange::Query {
            text: "退款单号是多少？".into(),
        },
        "11-23 15:00",
    );

    // An open query blocks the sign-off.
    let err = floor
        .sign(d, lead, Some(n_lead), None, lead, "11-23 16:00")
        .unwrap_err();
    assert_eq!(
        problem(err),
        (
            ErrorCode::HandoverOpenQueries,
            BTreeMap::from([("count".into(), "1".into())])
        )
    );
    let query = floor
        .store()
        .handover_item(refund, at("11-23 15:10"), Actor::system(at("11-23 15:10")))
        .unwrap()
        .item
        .open_queries[0]
        .id;
    floor.change(
        refund,
        ItemChange::Accept { query_id: query },
        "11-23 15:20",
    );

    // D (ends 16:00) meets N (starts 16:00): one signer is not enough.
    let (code, params) = problem(
        floor
            .sign(d, lead, None, None, lead, "11-23 16:00")
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::HandoverNeedsBothSides);
    assert_eq!(params["gap_min"], "60");

    // A wrong PIN names its side and counts toward the lockout.
    let input = SignInput {
        log_id: d,
        outgoing: signer(lead),
        incoming: Some(Signer {
            user_id: n_lead,
            pin: "0000".into(),
        }),
        override_reason: None,
    };
    let now = at("11-23 16:00");
    let (code, params) = problem(
        floor
            .store()
            .sign_handover(&input, now, Actor::user(lead, now))
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::AuthWrongPin);
    assert_eq!(params["side"], "incoming");
    let failures: i64 = floor
        .conn()
        .query_row(
            "SELECT failed_attempts FROM users WHERE id = ?1",
            [n_lead],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(failures, 1);

    // Someone who is neither the lead in line nor a supervisor may not sign.
    let (code, params) = problem(
        floor
            .sign(d, n_lead, Some(lead), None, lead, "11-23 16:00")
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::HandoverNotLead);
    assert_eq!(params["side"], "outgoing");

    // Face to face: both 交接班长 with their PINs.
    assert_eq!(
        floor
            .sign(d, lead, Some(n_lead), None, lead, "11-23 16:00")
            .unwrap(),
        d
    );
    let signatures = floor.store().handover_signatures_of(d).unwrap();
    let shown: Vec<_> = signatures
        .iter()
        .map(|s| (s.side, s.mode, s.signer.employee_no.as_str(), s.basis))
        .collect();
    assert_eq!(
        shown,
        [
            (
                Side::Outgoing,
                SignMode::FaceToFace,
                "2001",
                LeadBasis::TeamLead
            ),
            (
                Side::Incoming,
                SignMode::FaceToFace,
                "2004",
                LeadBasis::Designated
            ),
        ]
    );
    assert!(signatures.iter().all(|s| s.hash_prefix.len() == 12));
    assert!(signatures.iter().all(|s| s.override_reason.is_none()));

    // The snapshot: the open item carried to N, the closed one kept here.
    let n = floor.log_id("11-23", "N").unwrap();
    let conn = floor.conn();
    assert_eq!(
        snapshots(&conn, refund),
        [(d, 1, "open".to_owned(), Some(n))]
    );
    assert_eq!(snapshots(&conn, done), [(d, 1, "closed".to_owned(), None)]);
    let timeline = floor
        .store()
        .handover_item(refund, now, Actor::system(now))
        .unwrap();
    let last = timeline.events.last().unwrap();
    assert_eq!(
        (
            last.kind,
            last.log.log_id,
            last.from_log.as_ref().map(|l| l.log_id)
        ),
        (ItemEventKind::Carried, n, Some(d))
    );
    assert!(last.by.is_none() && !last.not_handed_over);
    let carried_audit: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'carry' AND entity = 'handover_item'
             AND entity_id = ?1",
            [refund],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(carried_audit, 1);

    // Every change to the signed log through the API: handover.signed.
    let later = at("11-23 16:30");
    let signed = |err: StoreError| {
        let (code, params) = problem(err);
        assert_eq!(code, ErrorCode::HandoverSigned);
        assert_eq!(
            (
                params["date"].as_str(),
                params["team"].as_str(),
                params["shift"].as_str()
            ),
            ("2026-11-23", "售前一组", "白班 D")
        );
    };
    let store = floor.store();
    signed(
        store
            .correct_roll_call(
                d,
                &RollCallCorrection {
                    employee_no: "2002".into(),
                    status: RollCallStatus::Late,
                    late_min: Some(5),
                    notified: false,
                    note: None,
                },
                Actor::user(lead, later),
            )
            .unwrap_err(),
    );
    signed(
        store
            .assign_shift_seat(d, "2002", Some("D05"), Actor::user(lead, later))
            .unwrap_err(),
    );
    signed(
        store
            .add_handover_item(
                d,
                &NewItem {
                    fields: NewItemFields::Note {
                        text: "补一句".into(),
                    },
                },
                Actor::user(lead, later),
            )
            .unwrap_err(),
    );
    signed(
        store
            .change_handover_item(
                done,
                &ItemChange::Note {
                    text: "客户又来电".into(),
                },
                Actor::user(sup, later),
            )
            .unwrap_err(),
    );
    signed(store.refresh_roll_call(d, later).unwrap_err());
    signed(
        floor
            .sign(d, lead, Some(n_lead), None, lead, "11-23 16:30")
            .unwrap_err(),
    );

    let report = floor.store().verify().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.signatures, report.addenda), (2, 0));
}

#[test]
fn seed_003_wants_the_incoming_shift_signed_in_unless_a_supervisor_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let mut floor = Floor::new(dir.path());
    let (lead, n_lead, sup) = (floor.f.lead_2001, floor.f.agent_2004, floor.f.supervisor);
    let d = floor.open("11-23", "D");

    // 15:55: nobody of N (2004 范诗琪, 2005 汪俊杰) has signed in yet.
    let (code, params) = problem(
        floor
            .sign(d, lead, Some(n_lead), None, lead, "11-23 15:55")
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::HandoverIncomingNotSignedIn);
    assert_eq!(params["names"], "范诗琪、汪俊杰");
    // A team lead's reason is not enough.
    let (code, _) = problem(
        floor
            .sign(
                d,
                lead,
                Some(n_lead),
                Some("晚班路上堵车"),
                lead,
                "11-23 15:55",
            )
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::HandoverOverrideNotAllowed);
    // A supervisor at the desk overrides, with the reason on record.
    floor
        .sign(
            d,
            lead,
            Some(n_lead),
            Some(" 晚班路上堵车 "),
            sup,
            "11-23 15:55",
        )
        .unwrap();
    let signatures = floor.store().handover_signatures_of(d).unwrap();
    assert_eq!(
        signatures[0].override_reason.as_deref(),
        Some("晚班路上堵车")
    );
    assert_eq!(signatures[1].override_reason, None);
    let by: Option<String> = floor
        .conn()
        .query_row(
            "SELECT override_by_employee_no FROM handover_signatures WHERE side = 'outgoing'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(by.as_deref(), Some("9001"));
    assert!(floor.store().verify().unwrap().problems.is_empty());
}

#[test]
fn an_item_carried_across_midnight_keeps_its_timeline_and_the_night_is_received_next_morning() {
    let dir = tempfile::tempdir().unwrap();
    let mut floor = Floor::new(dir.path());
    let (lead, n_lead, sup) = (floor.f.lead_2001, floor.f.agent_2004, floor.f.supervisor);
    let d = floor.open("11-23", "D");
    let item = floor.add_item(d, "张女士", "11-23 10:00");
    floor
        .sign(d, lead, Some(n_lead), None, lead, "11-23 16:00")
        .unwrap();
    let n = floor.log_id("11-23", "N").unwrap();

    // N ends 23:30, the next D starts 08:30: they do not meet; N signs alone.
    floor
        .sign(n, n_lead, None, None, n_lead, "11-23 23:35")
        .unwrap();
    let d24 = floor
        .log_id("11-24", "D")
        .expect("the sign-off opened the incoming log");
    let signatures = floor.store().handover_signatures_of(n).unwrap();
    assert_eq!(signatures.len(), 1);
    assert_eq!(
        (signatures[0].side, signatures[0].mode),
        (Side::Outgoing, SignMode::Alone)
    );
    // Frozen while it waits for the receipt.
    let (code, _) = problem(
        floor
            .sign(n, n_lead, None, None, n_lead, "11-23 23:40")
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::HandoverSigned);

    // The receipt opens at the next D's roll call (08:20), by its lead, not the outgoing signer.
    let receive = |floor: &mut Floor, user: i64, local: &str| {
        let now = at(local);
        floor
            .store()
            .receive_handover(n, &signer(user), now, Actor::user(user, now))
    };
    let (code, params) = problem(receive(&mut floor, lead, "11-24 08:19").unwrap_err());
    assert_eq!(code, ErrorCode::HandoverReceiptTooEarly);
    assert_eq!(params["opens_at"], at("11-24 08:20").to_rfc3339());
    let (code, _) = problem(receive(&mut floor, n_lead, "11-24 08:25").unwrap_err());
    assert_eq!(code, ErrorCode::HandoverSameSigner);
    receive(&mut floor, lead, "11-24 08:20").unwrap();
    let signatures = floor.store().handover_signatures_of(n).unwrap();
    assert_eq!(
        (signatures[1].side, signatures[1].mode, signatures[1].basis),
        (Side::Incoming, SignMode::Received, LeadBasis::TeamLead)
    );
    let (code, _) = problem(receive(&mut floor, sup, "11-24 08:30").unwrap_err());
    assert_eq!(code, ErrorCode::HandoverNotAwaitingReceipt);

    // The next day: D → N face to face, then the item is closed in N, which signs alone (the
    // roster has no later shift).
    floor.change(
        item,
        ItemChange::Note {
            text: "已联系仓库".into(),
        },
        "11-24 10:00",
    );
    floor
        .sign(d24, lead, Some(n_lead), None, lead, "11-24 16:00")
        .unwrap();
    let n24 = floor.log_id("11-24", "N").unwrap();
    floor.change(
        item,
        ItemChange::Close {
            outcome: "已退款，客户满意".into(),
        },
        "11-24 20:00",
    );
    floor
        .sign(n24, n_lead, None, None, n_lead, "11-24 23:35")
        .unwrap();

    let conn = floor.conn();
    assert_eq!(
        snapshots(&conn, item),
        [
            (d, 1, "open".to_owned(), Some(n)),
            (n, 2, "open".to_owned(), Some(d24)),
            (d24, 3, "open".to_owned(), Some(n24)),
            (n24, 4, "closed".to_owned(), None),
        ]
    );
    let incoming: Option<i64> = conn
        .query_row(
            "SELECT incoming_log_id FROM handover_signatures WHERE log_id = ?1",
            [n24],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(incoming, None);
    let now = at("11-25 09:00");
    let timeline = floor
        .store()
        .handover_item(item, now, Actor::system(now))
        .unwrap();
    let events: Vec<_> = timeline
        .events
        .iter()
        .map(|e| (e.kind, e.log.log_id))
        .collect();
    assert_eq!(
        events,
        [
            (ItemEventKind::Created, d),
            (ItemEventKind::Carried, n),
            (ItemEventKind::Carried, d24),
            (ItemEventKind::Note, d24),
            (ItemEventKind::Carried, n24),
            (ItemEventKind::Closed, n24),
        ]
    );
    let placements: Vec<i64> = timeline.placements.iter().map(|l| l.log_id).collect();
    assert_eq!(placements, [d, n, d24, n24]);
    assert_eq!(timeline.item.shifts_open, 4);

    let report = floor.store().verify().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.signatures, 7);
}

#[test]
fn addenda_follow_a_signature_in_their_own_chain_and_verify_names_a_changed_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut floor = Floor::new(dir.path());
    let (lead, n_lead) = (floor.f.lead_2001, floor.f.agent_2004);
    let d = floor.open("11-23", "D");
    let item = floor.add_item(d, "张女士", "11-23 10:00");

    let (code, _) = problem(
        floor
            .store()
            .add_handover_addendum(
                d,
                "补充",
                at("11-23 12:00"),
                Actor::user(lead, at("11-23 12:00")),
            )
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::HandoverNotSigned);

    floor
        .sign(d, lead, Some(n_lead), None, lead, "11-23 16:00")
        .unwrap();
    let first = floor
        .store()
        .add_handover_addendum(
            d,
            "  张女士来电确认已收到退款  ",
            at("11-23 17:00"),
            Actor::user(lead, at("11-23 17:00")),
        )
        .unwrap();
    let second = floor
        .store()
        .add_handover_addendum(
            d,
            "订单已关闭",
            at("11-23 18:00"),
            Actor::user(lead, at("11-23 18:00")),
        )
        .unwrap();
    let addenda = floor.store().handover_addenda_of(d).unwrap();
    let shown: Vec<_> = addenda
        .iter()
        .map(|a| (a.id, a.author.employee_no.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (first, "2001", "张女士来电确认已收到退款"),
            (second, "2001", "订单已关闭")
        ]
    );
    assert!(addenda.iter().all(|a| a.hash_prefix.len() == 12));
    let conn = floor.conn();
    let chain: Vec<(String, String, String)> = conn
        .prepare("SELECT log_seal, prev_hash, hash FROM handover_addenda ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let seal: String = conn
        .query_row(
            "SELECT hash FROM handover_signatures WHERE log_id = ?1 ORDER BY id LIMIT 1",
            [d],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(chain[0].0, seal);
    assert_eq!(chain[1].0, seal);
    assert_eq!(chain[0].1, "0".repeat(64));
    assert_eq!(chain[1].1, chain[0].2);
    let fts: i64 = conn
        .query_row(
            "SELECT count(*) FROM handover_fts WHERE rowid = ?1 AND addendum_id = ?2",
            [-first, first],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fts, 1);

    let report = floor.store().verify().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.signatures, report.addenda), (2, 2));

    // A hand-made change to the signed snapshot, its trigger dropped first.
    conn.execute_batch("DROP TRIGGER handover_log_items_not_updated;")
        .unwrap();
    conn.execute(
        "UPDATE handover_log_items SET title = '改过' WHERE log_id = ?1 AND item_id = ?2",
        [d, item],
    )
    .unwrap();
    let problems = floor.store().verify().unwrap().problems;
    assert!(
        problems.contains(&format!(
            "handover_log {d} (2026-11-23 售前一组 D): hash mismatch"
        )),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"trigger handover_log_items_not_updated: missing".to_owned()),
        "{problems:?}"
    );
}

#[test]
fn an_unsigned_night_is_carried_on_as_not_handed_over_and_a_late_signature_carries_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut floor = Floor::new(dir.path());
    let (lead, n_lead) = (floor.f.lead_2001, floor.f.agent_2004);
    let d = floor.open("11-23", "D");
    let item = floor.add_item(d, "张女士", "11-23 10:00");
    floor
        .sign(d, lead, Some(n_lead), None, lead, "11-23 16:00")
        .unwrap();
    let n = floor.log_id("11-23", "N").unwrap();

    // Nobody signs N; the next D shows its open item (未交接) and carries it on.
    let d24 = floor.open("11-24", "D");
    floor
        .sign(d24, lead, Some(n_lead), None, lead, "11-24 16:00")
        .unwrap();
    let n24 = floor.log_id("11-24", "N").unwrap();
    let conn = floor.conn();
    let row: (i64, bool, Option<i64>) = conn
        .query_row(
            "SELECT shifts_open, not_handed_over, carried_to_log_id FROM handover_log_items
             WHERE log_id = ?1 AND item_id = ?2",
            [d24, item],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(row, (3, true, Some(n24)));
    let now = at("11-24 16:30");
    let timeline = floor
        .store()
        .handover_item(item, now, Actor::system(now))
        .unwrap();
    let last = timeline.events.last().unwrap();
    assert_eq!(
        (
            last.kind,
            last.log.log_id,
            last.from_log.as_ref().map(|l| l.log_id),
            last.not_handed_over
        ),
        (ItemEventKind::Carried, n24, Some(n), true)
    );

    // N signed late: its snapshot holds the item as it stood there, and it moves nowhere again.
    floor
        .sign(n, n_lead, None, None, n_lead, "11-24 17:00")
        .unwrap();
    let row: (i64, String, bool, Option<i64>) = conn
        .query_row(
            "SELECT shifts_open, status, not_handed_over, carried_to_log_id FROM handover_log_items
             WHERE log_id = ?1 AND item_id = ?2",
            [n, item],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(row, (2, "open".to_owned(), true, Some(n24)));
    let carried: i64 = conn
        .query_row(
            "SELECT count(*) FROM handover_item_events WHERE item_id = ?1 AND kind = 'carried'",
            [item],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(carried, 2);
    let report = floor.store().verify().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
