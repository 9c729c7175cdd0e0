//! 交接提醒 on a real file, driven by the tick: a log unsigned `handover_unsigned_after_min` (15)
//! after its end is reminded exactly then and once, and resolved by its signature; an urgent
//! item due 17:00 is reminded at 17:00 and resolved by closing; a changed due time reminds
//! anew; a lead's acknowledgement is on the audit log and not made twice; and the board carries
//! the open reminders and the seats the 交接班长 assigned for the shift running now.

use chrono::{DateTime, Utc};
use floordesk_domain::ErrorCode;
use floordesk_domain::handover::item::{ItemChange, ItemPatch};
use floordesk_domain::handover::reminder::ReminderKind;
use floordesk_store::handover::items::{NewItem, NewItemFields};
use floordesk_store::handover::reminders::HandoverReminder;
use floordesk_store::handover::sign::SignInput;
use floordesk_store::live::LiveFloor;
use floordesk_store::{Actor, Store};

use crate::handover_common::{HandoverFloor, conn, day_at, handover_floor, key, signer};

/// The reminders a tick at `local` raised.
fn tick(store: &mut Store, local: &str) -> Vec<HandoverReminder> {
    store.handover_tick(day_at(local)).unwrap().reminders
}

/// (kind, log id, item id, due) of reminders.
fn what(reminders: &[HandoverReminder]) -> Vec<(ReminderKind, i64, Option<i64>, DateTime<Utc>)> {
    reminders
        .iter()
        .map(|r| (r.kind, r.log.log_id, r.item_id, r.due_at))
        .collect()
}

/// (acknowledged_at, acknowledged_by, ack_note) of a reminder row.
fn ack_row(store: &Store, id: i64) -> (Option<i64>, Option<i64>, Option<String>) {
    conn(store)
        .query_row(
            "SELECT acknowledged_at, acknowledged_by, ack_note FROM handover_reminders WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// The open reminders about items.
fn items_open(store: &Store) -> Vec<HandoverReminder> {
    let mut open = store.open_handover_reminders().unwrap();
    open.retain(|r| r.item_id.is_some());
    open
}

fn rows(store: &Store) -> i64 {
    conn(store)
        .query_row("SELECT count(*) FROM handover_reminders", [], |r| r.get(0))
        .unwrap()
}

/// An urgent item in a log, due at `due` (local text), written by the supervisor.
fn urgent(store: &mut Store, log: i64, due: &str, who: i64, local: &str) -> i64 {
    let input = NewItem {
        fields: NewItemFields::Urgent {
            what: "核对退款单".into(),
            due: Some(due.into()),
        },
    };
    store
        .add_handover_item(log, &input, Actor::user(who, day_at(local)))
        .unwrap()
}

#[test]
fn an_unsigned_log_is_reminded_at_end_plus_15_once_and_resolved_by_its_signature() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        aftersale,
        supervisor,
        ..
    } = handover_floor(dir.path());
    let opened = store.handover_tick(day_at("09:00:00")).unwrap();
    assert_eq!(opened.opened, 2, "售前一组 D and 售后组 M");
    assert!(opened.reminders.is_empty());
    let d = store.handover_log_id(&key(presale, "D")).unwrap().unwrap();
    let m = store
        .handover_log_id(&key(aftersale, "M"))
        .unwrap()
        .unwrap();

    // D ends at 16:00: nothing before 16:15, exactly one at 16:15.
    assert!(tick(&mut store, "16:00:00").is_empty());
    assert!(tick(&mut store, "16:14:59").is_empty());
    let raised = tick(&mut store, "16:15:00");
    assert_eq!(
        what(&raised),
        [(ReminderKind::Unsigned, d, None, day_at("16:15:00"))]
    );
    let r = &raised[0];
    assert_eq!(r.raised_at, day_at("16:15:00"));
    assert_eq!(
        (r.log.team_name.as_str(), r.log.shift_key.as_str()),
        ("售前一组", "D")
    );
    assert_eq!(r.item_title, None);
    assert_eq!(store.open_handover_reminders().unwrap(), raised);

    // Many ticks later it is still the one reminder.
    for local in ["16:15:10", "16:20:00", "16:45:00", "17:30:00", "18:14:59"] {
        assert!(tick(&mut store, local).is_empty(), "{local}");
    }
    assert_eq!(rows(&store), 1);

    // M ends at 18:00.
    let m_raised = tick(&mut store, "18:15:00");
    assert_eq!(
        what(&m_raised),
        [(ReminderKind::Unsigned, m, None, day_at("18:15:00"))]
    );
    assert_eq!(store.open_handover_reminders().unwrap().len(), 2);

    // M does not meet O (23:30): the supervisor signs alone, standing in.
    let now = day_at("18:20:00");
    let input = SignInput {
        log_id: m,
        outgoing: signer(supervisor),
        incoming: None,
        override_reason: None,
    };
    store
        .sign_handover(&input, now, Actor::user(supervisor, now))
        .unwrap();
    // Gone from the board at once, resolved on record by the next tick.
    assert_eq!(store.open_handover_reminders().unwrap(), raised);
    assert!(tick(&mut store, "18:20:10").is_empty());
    let (acked, by, note) = ack_row(&store, m_raised[0].id);
    assert_eq!(acked, Some(day_at("18:20:10").timestamp_millis()));
    assert_eq!((by, note.as_deref()), (None, Some("resolved: signed")));
    // And never raised again; D's stays open.
    for local in ["18:30:00", "20:00:00", "23:00:00"] {
        assert!(tick(&mut store, local).is_empty(), "{local}");
    }
    assert_eq!(rows(&store), 2);
    assert_eq!(
        what(&store.open_handover_reminders().unwrap()),
        [(ReminderKind::Unsigned, d, None, day_at("16:15:00"))]
    );
    assert_eq!(ack_row(&store, raised[0].id), (None, None, None));
}

#[test]
fn an_urgent_item_is_reminded_when_due_resolved_by_closing_and_anew_when_its_due_changes() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        aftersale,
        supervisor,
        ..
    } = handover_floor(dir.path());
    store.handover_tick(day_at("09:00:00")).unwrap();
    let m = store
        .handover_log_id(&key(aftersale, "M"))
        .unwrap()
        .unwrap();
    let closing = urgent(&mut store, m, "17:00", supervisor, "10:00:00");
    let moving = urgent(&mut store, m, "17:00", supervisor, "10:01:00");

    // 售前一组's D (ended 16:00) is reminded unsigned at 16:15; the items are not yet due.
    assert_eq!(
        what(&tick(&mut store, "16:30:00"))[0].0,
        ReminderKind::Unsigned
    );
    // Due at 17:00: not a second before, both at 17:00.
    assert!(tick(&mut store, "16:59:59").is_empty());
    let raised = tick(&mut store, "17:00:00");
    assert_eq!(
        what(&raised),
        [
            (
                ReminderKind::UrgentDue,
                m,
                Some(closing),
                day_at("17:00:00")
            ),
            (ReminderKind::UrgentDue, m, Some(moving), day_at("17:00:00")),
        ]
    );
    assert_eq!(
        raised[0].item_title.as_deref(),
        Some("核对退款单（截止 11-23 17:00）")
    );
    assert!(tick(&mut store, "17:00:10").is_empty(), "once");

    // Closing the item resolves its reminder.
    store
        .change_handover_item(
            closing,
            &ItemChange::Close {
                outcome: "已核对".into(),
            },
            Actor::user(supervisor, day_at("17:05:00")),
        )
        .unwrap();
    assert_eq!(
        what(&items_open(&store)),
        [(ReminderKind::UrgentDue, m, Some(moving), day_at("17:00:00"))],
        "the closed item's reminder leaves at once"
    );
    assert!(tick(&mut store, "17:05:10").is_empty());
    let (acked, by, note) = ack_row(&store, raised[0].id);
    assert_eq!(acked, Some(day_at("17:05:10").timestamp_millis()));
    assert_eq!((by, note.as_deref()), (None, Some("resolved: closed")));

    // Moving the other's due time to 17:30 resolves the 17:00 reminder and raises one at 17:30.
    let patch = ItemPatch {
        due_at: Some(Some(day_at("17:30:00"))),
        ..ItemPatch::default()
    };
    store
        .change_handover_item(
            moving,
            &ItemChange::Update {
                patch: Box::new(patch),
            },
            Actor::user(supervisor, day_at("17:10:00")),
        )
        .unwrap();
    assert!(items_open(&store).is_empty());
    assert!(tick(&mut store, "17:10:10").is_empty());
    assert_eq!(
        ack_row(&store, raised[1].id).2.as_deref(),
        Some("resolved: due changed")
    );
    assert!(tick(&mut store, "17:29:59").is_empty());
    let anew = tick(&mut store, "17:30:00");
    assert_eq!(
        what(&anew),
        [(ReminderKind::UrgentDue, m, Some(moving), day_at("17:30:00"))]
    );
    assert_ne!(anew[0].id, raised[1].id);
    assert_eq!(
        anew[0].item_title.as_deref(),
        Some("核对退款单（截止 11-23 17:30）")
    );
    assert_eq!(items_open(&store), anew);
    assert!(tick(&mut store, "17:45:00").is_empty());
    assert_eq!(rows(&store), 4, "D unsigned, and three for the items");
}

#[test]
fn a_lead_acknowledges_a_reminder_once_on_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        lead_2001,
        supervisor,
        ..
    } = handover_floor(dir.path());
    store.handover_tick(day_at("09:00:00")).unwrap();
    let d = store.handover_log_id(&key(presale, "D")).unwrap().unwrap();
    let item = urgent(&mut store, d, "11:00", lead_2001, "10:00:00");
    let raised = tick(&mut store, "11:00:00");
    assert_eq!(
        what(&raised),
        [(ReminderKind::UrgentDue, d, Some(item), day_at("11:00:00"))]
    );
    let id = raised[0].id;

    store
        .acknowledge_handover_reminder(
            id,
            Some("  已电话联系仓库  "),
            Actor::user(lead_2001, day_at("11:02:00")),
        )
        .unwrap();
    assert_eq!(
        ack_row(&store, id),
        (
            Some(day_at("11:02:00").timestamp_millis()),
            Some(lead_2001),
            Some("已电话联系仓库".into())
        )
    );
    assert!(store.open_handover_reminders().unwrap().is_empty());
    let audit: (i64, Option<i64>, Option<String>) = conn(&store)
        .query_row(
            "SELECT at, user_id, detail FROM audit_log
             WHERE action = 'acknowledge' AND entity = 'handover_reminder' AND entity_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        audit,
        (
            day_at("11:02:00").timestamp_millis(),
            Some(lead_2001),
            Some("已电话联系仓库".into())
        )
    );

    // A second acknowledgement is refused and changes nothing.
    let err = store
        .acknowledge_handover_reminder(id, None, Actor::user(supervisor, day_at("11:03:00")))
        .unwrap_err()
        .to_problem();
    assert_eq!(err.code, ErrorCode::HandoverReminderAcknowledged);
    assert_eq!(ack_row(&store, id).1, Some(lead_2001));
    // An unknown one is not found.
    let err = store
        .acknowledge_handover_reminder(id + 100, None, Actor::user(supervisor, day_at("11:03:00")))
        .unwrap_err()
        .to_problem();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(err.params["entity"], "handover_reminder");
    let audits: i64 = conn(&store)
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'handover_reminder'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audits, 1);

    // Acknowledged is not raised again for the same due time.
    assert!(tick(&mut store, "11:00:10").is_empty());
    assert!(tick(&mut store, "12:00:00").is_empty());
    assert_eq!(rows(&store), 1);

    // A reminder resolved by the tick cannot be acknowledged either.
    let other = urgent(&mut store, d, "12:30", lead_2001, "12:00:00");
    let raised = tick(&mut store, "12:30:00");
    assert_eq!(raised[0].item_id, Some(other));
    store
        .change_handover_item(
            other,
            &ItemChange::Close {
                outcome: "已处理".into(),
            },
            Actor::user(lead_2001, day_at("12:31:00")),
        )
        .unwrap();
    tick(&mut store, "12:31:10");
    let err = store
        .acknowledge_handover_reminder(
            raised[0].id,
            None,
            Actor::user(lead_2001, day_at("12:32:00")),
        )
        .unwrap_err()
        .to_problem();
    assert_eq!(err.code, ErrorCode::HandoverReminderAcknowledged);
}

#[test]
fn the_board_carries_open_reminders_and_the_seats_assigned_for_the_running_shift() {
    let dir = tempfile::tempdir().unwrap();
    let HandoverFloor {
        mut store,
        presale,
        lead_2001,
        ..
    } = handover_floor(dir.path());
    store.handover_tick(day_at("08:20:00")).unwrap();
    let d = store.handover_log_id(&key(presale, "D")).unwrap().unwrap();
    // 2003 (D) sits at D04 this shift: 2004's home seat, whose N starts only at 16:00.
    store
        .assign_shift_seat(
            d,
            "2003",
            Some("D04"),
            Actor::user(lead_2001, day_at("08:21:00")),
        )
        .unwrap();

    let (mut floor, _) = LiveFloor::load(&mut store, day_at("10:00:00")).unwrap();
    let card = |board: &floordesk_store::live::Board, no: &str| {
        board
            .agents
            .iter()
            .find(|a| a.employee_no == no)
            .unwrap()
            .clone()
    };
    let seat_of = |no: &str| {
        store
            .list_seats()
            .unwrap()
            .into_iter()
            .find(|s| s.code == no)
            .map(|s| (s.x, s.y))
            .unwrap()
    };
    let (d03, d04) = (seat_of("D03"), seat_of("D04"));

    let morning = floor.board(&store, day_at("10:00:00")).unwrap();
    let c = card(&morning, "2003");
    assert_eq!(
        (c.seat_code.as_deref(), c.seat_assigned, c.seat_x, c.seat_y),
        (Some("D04"), true, Some(d04.0), Some(d04.1))
    );
    let c = card(&morning, "2004");
    assert_eq!(
        (c.seat_code.as_deref(), c.seat_assigned, c.seat_x),
        (None, false, None),
        "2004's home seat is 2003's this shift"
    );
    let c = card(&morning, "2001");
    assert_eq!(
        (c.seat_code.as_deref(), c.seat_assigned),
        (Some("D01"), false)
    );
    assert!(morning.handover_reminders.is_empty());

    // After D (16:00) everyone is back home; D's log is unsigned at 16:15.
    floor.tick(&mut store, day_at("16:10:00")).unwrap();
    let evening = floor.board(&store, day_at("16:10:00")).unwrap();
    let c = card(&evening, "2003");
    assert_eq!(
        (c.seat_code.as_deref(), c.seat_assigned, c.seat_x, c.seat_y),
        (Some("D03"), false, Some(d03.0), Some(d03.1))
    );
    let c = card(&evening, "2004");
    assert_eq!(
        (c.seat_code.as_deref(), c.seat_assigned, c.seat_x),
        (Some("D04"), false, Some(d04.0))
    );
    // The seat change alone makes a card new in the push.
    let delta = evening.delta_from(Some(&morning), 2);
    let pushed: Vec<&str> = delta
        .agents
        .iter()
        .map(|a| a.employee_no.as_str())
        .collect();
    assert!(pushed.contains(&"2003") && pushed.contains(&"2004"));
    assert_eq!(delta.handover_reminders, None, "no reminder yet: unchanged");

    let raised = tick(&mut store, "16:15:00");
    assert_eq!(raised.len(), 1);
    floor.tick(&mut store, day_at("16:15:01")).unwrap();
    let reminded = floor.board(&store, day_at("16:15:01")).unwrap();
    assert_eq!(reminded.handover_reminders, raised);
    let delta = reminded.delta_from(Some(&evening), 3);
    assert_eq!(delta.handover_reminders, Some(raised.clone()));
    let again = floor.board(&store, day_at("16:15:02")).unwrap();
    assert_eq!(
        again.delta_from(Some(&reminded), 4).handover_reminders,
        None
    );

    // Acknowledged: it leaves the board.
    store
        .acknowledge_handover_reminder(
            raised[0].id,
            None,
            Actor::user(lead_2001, day_at("16:16:00")),
        )
        .unwrap();
    let after = floor.board(&store, day_at("16:16:00")).unwrap();
    assert!(after.handover_reminders.is_empty());
    assert_eq!(
        after.delta_from(Some(&reminded), 5).handover_reminders,
        Some(Vec::new())
    );
}
