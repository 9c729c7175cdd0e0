//! Carry-over: where a sign-off moves open items, which earlier logs a log shows items of
//! (未交接), and the shifts an item has been open.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use floordesk_domain::handover::carry::{LogFacts, carry_target, inherited_into, shifts_open};

/// 售前一组 over two days: D (16:00), N (23:30), next D (next day 16:00), and M (18:00).
const D: i64 = 1;
const N: i64 = 2;
const NEXT_D: i64 = 3;
const M: i64 = 4;

fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    // Site time is UTC+8; the instants only need to be in order.
    Utc.with_ymd_and_hms(2026, 11, day, h, m, 0).unwrap() - Duration::hours(8)
}

fn log(id: i64, end: DateTime<Utc>, signed: bool, incoming: Option<i64>) -> LogFacts {
    LogFacts {
        id,
        end,
        signed,
        incoming,
    }
}

fn by_id(logs: &[LogFacts]) -> HashMap<i64, LogFacts> {
    logs.iter().map(|l| (l.id, l.clone())).collect()
}

#[test]
fn open_items_go_to_the_running_incoming_log() {
    let logs = by_id(&[
        log(D, at(23, 16, 0), false, Some(N)),
        log(N, at(23, 23, 30), false, None),
    ]);
    assert_eq!(carry_target(D, &logs), Some(N));
}

#[test]
fn a_signed_incoming_log_passes_them_on_to_the_first_unsigned_one() {
    // D is signed late, after N and its successor signed too.
    let logs = by_id(&[
        log(D, at(23, 16, 0), true, Some(N)),
        log(N, at(23, 23, 30), true, Some(NEXT_D)),
        log(NEXT_D, at(24, 16, 0), false, None),
    ]);
    assert_eq!(carry_target(D, &logs), Some(NEXT_D));
    // The last signed log of the chain has nowhere to carry to.
    let logs = by_id(&[
        log(D, at(23, 16, 0), true, Some(N)),
        log(N, at(23, 23, 30), true, None),
    ]);
    assert_eq!(carry_target(D, &logs), None);
    assert_eq!(carry_target(N, &logs), None);
    // A linked log the facts do not list yet (just opened) takes them.
    let logs = by_id(&[log(D, at(23, 16, 0), false, Some(N))]);
    assert_eq!(carry_target(D, &logs), Some(N));
    assert_eq!(carry_target(99, &logs), None);
}

#[test]
fn a_cycle_in_the_links_ends() {
    let logs = by_id(&[
        log(D, at(23, 16, 0), true, Some(N)),
        log(N, at(23, 23, 30), true, Some(NEXT_D)),
        log(NEXT_D, at(24, 16, 0), true, Some(N)),
    ]);
    assert_eq!(carry_target(D, &logs), None);
    let back_to_self = by_id(&[
        log(D, at(23, 16, 0), false, Some(N)),
        log(N, at(23, 23, 30), true, Some(D)),
    ]);
    assert_eq!(carry_target(D, &back_to_self), None);

    let logs = [
        log(D, at(23, 16, 0), false, Some(N)),
        log(N, at(23, 23, 30), false, Some(D)),
    ];
    assert_eq!(inherited_into(D, &logs, at(25, 0, 0)), [(N, true)]);
}

#[test]
fn an_unsigned_ended_log_hands_nothing_over_but_its_successor_shows_its_items() {
    let logs = [
        log(D, at(23, 16, 0), true, Some(N)),
        log(N, at(23, 23, 30), false, Some(NEXT_D)),
        log(NEXT_D, at(24, 16, 0), false, None),
    ];
    // D, signed before N, is behind N: whatever it could not carry reaches next D unsigned too.
    assert_eq!(
        inherited_into(NEXT_D, &logs, at(24, 8, 30)),
        [(D, true), (N, true)]
    );
    // Not before N has ended.
    assert_eq!(inherited_into(NEXT_D, &logs, at(23, 23, 29)), []);
    // Exactly at its end it has ended.
    assert_eq!(
        inherited_into(NEXT_D, &logs, at(23, 23, 30)),
        [(D, true), (N, true)]
    );
    // Without D in the facts: N alone.
    assert_eq!(
        inherited_into(NEXT_D, &logs[1..], at(24, 8, 30)),
        [(N, true)]
    );
}

#[test]
fn a_log_signed_with_nowhere_to_carry_is_shown_but_was_handed_over() {
    let logs = [
        log(N, at(23, 23, 30), true, Some(NEXT_D)),
        log(NEXT_D, at(24, 16, 0), false, None),
    ];
    assert_eq!(inherited_into(NEXT_D, &logs, at(24, 8, 30)), [(N, false)]);
}

#[test]
fn inheritance_goes_back_through_unsigned_logs_only() {
    // D unsigned → N unsigned → next D: both shown, both 未交接.
    let logs = [
        log(D, at(23, 16, 0), false, Some(N)),
        log(N, at(23, 23, 30), false, Some(NEXT_D)),
        log(NEXT_D, at(24, 16, 0), false, None),
    ];
    assert_eq!(
        inherited_into(NEXT_D, &logs, at(24, 9, 0)),
        [(D, true), (N, true)]
    );
    // Behind a signed log the search stops: it carried its predecessors' items on.
    let logs = [
        log(D, at(23, 16, 0), false, Some(N)),
        log(N, at(23, 23, 30), true, Some(NEXT_D)),
        log(NEXT_D, at(24, 16, 0), false, None),
    ];
    assert_eq!(inherited_into(NEXT_D, &logs, at(24, 9, 0)), [(N, false)]);
}

#[test]
fn two_shifts_handing_into_the_same_next_shift() {
    // 售前一组's M and N both hand into the next day's D.
    let logs = [
        log(D, at(23, 16, 0), true, Some(N)),
        log(N, at(23, 23, 30), false, Some(NEXT_D)),
        log(M, at(23, 18, 0), true, Some(NEXT_D)),
        log(NEXT_D, at(24, 16, 0), false, None),
    ];
    assert_eq!(
        inherited_into(NEXT_D, &logs, at(24, 8, 30)),
        [(D, true), (N, true), (M, false)]
    );
    // D handed into N, not next D.
    assert_eq!(inherited_into(N, &logs, at(24, 8, 30)), [(D, false)]);
}

#[test]
fn shifts_open_counts_distinct_logs_with_the_one_showing_it() {
    assert_eq!(shifts_open(&[1, 2, 2, 3], Some(4)), 4);
    assert_eq!(shifts_open(&[1, 2, 2, 3], Some(3)), 3);
    assert_eq!(shifts_open(&[1, 2, 2, 3], None), 3);
    assert_eq!(shifts_open(&[5], Some(5)), 1);
    assert_eq!(shifts_open(&[], Some(5)), 1);
}
