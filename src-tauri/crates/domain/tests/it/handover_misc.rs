//! 交接提醒 at their boundaries, seats for a shift on the board, and the search box's words.

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};
use floordesk_domain::handover::HandoverPolicy;
use floordesk_domain::handover::item::ItemKind;
use floordesk_domain::handover::reminder::{
    ReminderDue, ReminderFacts, ReminderItem, ReminderKind, ReminderLog, due_reminders,
};
use floordesk_domain::handover::search::{ParsedQuery, parse_query};
use floordesk_domain::handover::seats::{Occupant, board_seats, seat_conflict};

// ---- reminders ----

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
}

fn log(log_id: i64, end: DateTime<Utc>, outgoing_signed: bool) -> ReminderLog {
    ReminderLog {
        log_id,
        end,
        outgoing_signed,
    }
}

fn item(item_id: i64, kind: ItemKind, due_at: Option<DateTime<Utc>>, open: bool) -> ReminderItem {
    ReminderItem {
        item_id,
        log_id: 5,
        kind,
        due_at,
        open,
    }
}

fn due(logs: &[ReminderLog], items: &[ReminderItem], now: DateTime<Utc>) -> Vec<ReminderDue> {
    due_reminders(
        &ReminderFacts { logs, items },
        &HandoverPolicy::default(),
        now,
    )
}

#[test]
fn an_unsigned_log_is_reminded_fifteen_minutes_after_its_end() {
    assert_eq!(HandoverPolicy::default().unsigned_after_min, 15);
    let logs = [log(1, at(16, 0), false)];
    assert_eq!(due(&logs, &[], at(16, 14)), []);
    assert_eq!(
        due(&logs, &[], at(16, 15)),
        [ReminderDue {
            kind: ReminderKind::Unsigned,
            log_id: 1,
            item_id: None,
            due_at: at(16, 15),
        }]
    );
    // Still due later, with the same identity (the store raises it once).
    assert_eq!(due(&logs, &[], at(18, 0))[0].due_at, at(16, 15));
    // Signed: nothing.
    assert_eq!(due(&[log(1, at(16, 0), true)], &[], at(18, 0)), []);
    // The setting is applied.
    let policy = HandoverPolicy {
        unsigned_after_min: 30,
        ..HandoverPolicy::default()
    };
    let facts = ReminderFacts {
        logs: &logs,
        items: &[],
    };
    assert_eq!(due_reminders(&facts, &policy, at(16, 29)), []);
    assert_eq!(due_reminders(&facts, &policy, at(16, 30)).len(), 1);
}

#[test]
fn urgent_items_and_prospects_are_reminded_once_due_while_open() {
    let items = [
        item(10, ItemKind::Urgent, Some(at(11, 0)), true),
        item(11, ItemKind::Urgent, Some(at(11, 0)), false),
        item(12, ItemKind::Urgent, None, true),
        item(13, ItemKind::Prospect, Some(at(10, 0)), true),
        item(14, ItemKind::Prospect, Some(at(12, 0)), true),
        // Only urgent items and prospects have a time that falls due.
        item(15, ItemKind::Customer, Some(at(9, 0)), true),
        item(16, ItemKind::Note, Some(at(9, 0)), true),
    ];
    let got = due(&[], &items, at(11, 0));
    assert_eq!(
        got,
        [
            ReminderDue {
                kind: ReminderKind::ProspectDue,
                log_id: 5,
                item_id: Some(13),
                due_at: at(10, 0),
            },
            ReminderDue {
                kind: ReminderKind::UrgentDue,
                log_id: 5,
                item_id: Some(10),
                due_at: at(11, 0),
            },
        ]
    );
    assert_eq!(due(&[], &items, at(10, 59)).len(), 1);
}

#[test]
fn reminders_come_in_due_order() {
    let logs = [log(1, at(8, 0), false), log(2, at(9, 0), false)];
    let items = [item(10, ItemKind::Urgent, Some(at(8, 15)), true)];
    let got: Vec<(ReminderKind, i64)> = due(&logs, &items, at(12, 0))
        .into_iter()
        .map(|r| (r.kind, r.log_id))
        .collect();
    assert_eq!(
        got,
        [
            (ReminderKind::Unsigned, 1),
            (ReminderKind::UrgentDue, 5),
            (ReminderKind::Unsigned, 2)
        ]
    );
    for k in ReminderKind::ALL {
        assert_eq!(ReminderKind::parse(k.as_str()), Some(k));
    }
}

// ---- seats ----

fn home(pairs: &[(&str, Option<i64>)]) -> Vec<(String, Option<i64>)> {
    pairs.iter().map(|(n, s)| ((*n).to_owned(), *s)).collect()
}

fn assigned(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    pairs.iter().map(|(n, s)| ((*n).to_owned(), *s)).collect()
}

fn seat_of(map: &HashMap<String, (Option<i64>, bool)>, no: &str) -> (Option<i64>, bool) {
    map[no]
}

#[test]
fn an_assignment_wins_over_the_home_seat() {
    let seats = board_seats(
        &home(&[("1001", Some(1)), ("1002", Some(2)), ("1003", None)]),
        &assigned(&[("1001", 7), ("1003", 8)]),
    );
    assert_eq!(seat_of(&seats, "1001"), (Some(7), true));
    assert_eq!(seat_of(&seats, "1002"), (Some(2), false));
    assert_eq!(seat_of(&seats, "1003"), (Some(8), true));
    assert_eq!(seats.len(), 3);
}

#[test]
fn a_displaced_home_seat_holder_is_shown_without_a_seat() {
    // 1002 was put in 1001's home seat; 1001 has no assignment of their own.
    let seats = board_seats(
        &home(&[("1001", Some(1)), ("1002", Some(2))]),
        &assigned(&[("1002", 1)]),
    );
    assert_eq!(seat_of(&seats, "1002"), (Some(1), true));
    assert_eq!(seat_of(&seats, "1001"), (None, false));
    // A swap: each is in the other's seat.
    let seats = board_seats(
        &home(&[("1001", Some(1)), ("1002", Some(2))]),
        &assigned(&[("1002", 1), ("1001", 2)]),
    );
    assert_eq!(seat_of(&seats, "1001"), (Some(2), true));
    assert_eq!(seat_of(&seats, "1002"), (Some(1), true));
}

#[test]
fn a_seat_shared_across_shifts_shows_only_the_shift_on() {
    // Seat 5 is 1001's in D and 2001's in N; at 10:00 only D's assignments are in force.
    let everyone = home(&[("1001", Some(1)), ("2001", Some(3))]);
    let during_d = board_seats(&everyone, &assigned(&[("1001", 5)]));
    assert_eq!(seat_of(&during_d, "1001"), (Some(5), true));
    assert_eq!(seat_of(&during_d, "2001"), (Some(3), false));
    let during_n = board_seats(&everyone, &assigned(&[("2001", 5)]));
    assert_eq!(seat_of(&during_n, "1001"), (Some(1), false));
    assert_eq!(seat_of(&during_n, "2001"), (Some(5), true));
}

fn occupant(no: &str, home: Option<i64>, assigned: Option<i64>) -> Occupant {
    Occupant {
        employee_no: no.into(),
        home_seat_id: home,
        assigned_seat_id: assigned,
    }
}

#[test]
fn a_seat_held_at_the_same_time_is_a_conflict() {
    let occupants = [
        occupant("2001", Some(5), None),
        occupant("2002", Some(6), Some(7)),
        occupant("2003", Some(8), Some(5)),
    ];
    // Assigned beats sitting there by home seat.
    assert_eq!(seat_conflict(5, "1001", &occupants), Some("2003"));
    assert_eq!(seat_conflict(7, "1001", &occupants), Some("2002"));
    // 2002 sits in 7, so their home seat 6 is free.
    assert_eq!(seat_conflict(6, "1001", &occupants), None);
    assert_eq!(seat_conflict(9, "1001", &occupants), None);
    // One's own seat is no conflict.
    assert_eq!(seat_conflict(7, "2002", &occupants), None);
    let home_only = [occupant("2001", Some(5), None)];
    assert_eq!(seat_conflict(5, "1001", &home_only), Some("2001"));
    assert_eq!(seat_conflict(5, "2001", &home_only), None);
}

// ---- search ----

fn query(match_expr: Option<&str>, like: &[&str]) -> ParsedQuery {
    ParsedQuery {
        match_expr: match_expr.map(str::to_owned),
        like_patterns: like.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn short_words_use_like_and_longer_ones_the_trigram_index() {
    assert_eq!(parse_query("退款"), query(None, &["%退款%"]));
    assert_eq!(parse_query("款"), query(None, &["%款%"]));
    assert_eq!(parse_query("要求退款"), query(Some("\"要求退款\""), &[]));
    // Three characters, not three bytes: 退款单 is a trigram, "ab" is not.
    assert_eq!(parse_query("退款单"), query(Some("\"退款单\""), &[]));
    assert_eq!(parse_query("ab"), query(None, &["%ab%"]));
    assert_eq!(
        parse_query("退款 张女士"),
        query(Some("\"张女士\""), &["%退款%"])
    );
    assert_eq!(
        parse_query(" 要求退款\u{3000}TB3920118842  退款 "),
        query(Some("\"要求退款\" AND \"TB3920118842\""), &["%退款%"])
    );
}

#[test]
fn query_text_is_never_read_as_syntax() {
    assert_eq!(parse_query("50%"), query(Some("\"50%\""), &[]));
    assert_eq!(parse_query("a\"b"), query(Some("\"a\"\"b\""), &[]));
    assert_eq!(parse_query("OR"), query(None, &["%OR%"]));
    assert_eq!(parse_query("NOT"), query(Some("\"NOT\""), &[]));
    assert_eq!(parse_query("5%"), query(None, &["%5\\%%"]));
    assert_eq!(parse_query("a_"), query(None, &["%a\\_%"]));
    assert_eq!(parse_query("\\"), query(None, &["%\\\\%"]));
}

#[test]
fn an_empty_query_finds_by_filters_alone() {
    assert!(parse_query("").is_empty());
    assert!(parse_query(" \u{3000}\n").is_empty());
    assert!(!parse_query("款").is_empty());
}
