//! A team's shifts from its roster cells, the incoming shift of each, and when two shifts meet:
//! the demo's D/M/N/O pattern, ties, the boundaries, and a clock change.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::handover::shift::{TeamShift, incoming_shift, shifts_meet, team_shifts};
use floordesk_domain::roster::{Cell, seeded_templates};
use proptest::prelude::*;

const TEAM: i64 = 7;

fn shanghai() -> Tz {
    "Asia/Shanghai".parse().unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// A Shanghai wall-clock instant.
fn local(date: NaiveDate, h: u32, min: u32) -> DateTime<Utc> {
    shanghai()
        .from_local_datetime(&date.and_hms_opt(h, min, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

fn cell(text: &str) -> Cell {
    Cell::parse(text, &seeded_templates()).unwrap()
}

/// `(工号, date, cell)` rows from `(工号, date, text)`.
fn cells(rows: &[(&str, NaiveDate, &str)]) -> Vec<(String, NaiveDate, Cell)> {
    rows.iter()
        .map(|(no, date, text)| (no.to_string(), *date, cell(text)))
        .collect()
}

fn shifts_of(rows: &[(&str, NaiveDate, &str)]) -> Vec<TeamShift> {
    team_shifts(TEAM, &cells(rows), &seeded_templates(), shanghai())
}

fn find<'a>(shifts: &'a [TeamShift], date: NaiveDate, key: &str) -> &'a TeamShift {
    shifts
        .iter()
        .find(|s| s.date == date && s.key == key)
        .unwrap_or_else(|| panic!("no shift {key} on {date}"))
}

fn incoming_key(shifts: &[TeamShift], date: NaiveDate, key: &str) -> Option<(NaiveDate, String)> {
    incoming_shift(find(shifts, date, key), shifts).map(|s| (s.date, s.key.clone()))
}

/// 售后组 of the demo: D, M, N and O on two days.
fn after_sales() -> Vec<TeamShift> {
    let mut rows = Vec::new();
    for day in [d(11, 23), d(11, 24)] {
        rows.extend([
            ("1001", day, "D"),
            ("1002", day, "M"),
            ("1003", day, "N"),
            ("1004", day, "O"),
        ]);
    }
    shifts_of(&rows)
}

#[test]
fn the_demo_pattern_hands_over_along_the_day_and_across_midnight() {
    let shifts = after_sales();
    assert_eq!(shifts.len(), 8);

    let day = find(&shifts, d(11, 23), "D");
    assert_eq!(day.name, "白班");
    assert_eq!(
        (day.start, day.end),
        (local(d(11, 23), 8, 30), local(d(11, 23), 16, 0))
    );
    assert_eq!(day.members, ["1001"]);

    // D → N, gap 0: face to face.
    assert_eq!(
        incoming_key(&shifts, d(11, 23), "D"),
        Some((d(11, 23), "N".into()))
    );
    let n = find(&shifts, d(11, 23), "N");
    assert!(shifts_meet(day.end, n.start, 60));

    // N → O (gap 0), M → O (5.5 h, not meeting).
    assert_eq!(
        incoming_key(&shifts, d(11, 23), "N"),
        Some((d(11, 23), "O".into()))
    );
    assert_eq!(
        incoming_key(&shifts, d(11, 23), "M"),
        Some((d(11, 23), "O".into()))
    );
    let (m, o) = (find(&shifts, d(11, 23), "M"), find(&shifts, d(11, 23), "O"));
    assert_eq!(o.start - m.end, Duration::minutes(330));
    assert!(!shifts_meet(m.end, o.start, 60));

    // O (23:30–08:30) → next day's D at 08:30: across midnight, gap 0.
    assert_eq!(o.end, local(d(11, 24), 8, 30));
    assert_eq!(
        incoming_key(&shifts, d(11, 23), "O"),
        Some((d(11, 24), "D".into()))
    );
    assert!(shifts_meet(o.end, find(&shifts, d(11, 24), "D").start, 60));
}

#[test]
fn without_a_night_shift_the_evening_and_the_day_shift_hand_to_the_next_morning() {
    // 售前一组: D, M and N, no O.
    let mut rows = Vec::new();
    for day in [d(11, 23), d(11, 24)] {
        rows.extend([("1001", day, "D"), ("1002", day, "M"), ("1003", day, "N")]);
    }
    let shifts = shifts_of(&rows);
    let next_day = Some((d(11, 24), "D".to_string()));
    assert_eq!(incoming_key(&shifts, d(11, 23), "N"), next_day);
    assert_eq!(incoming_key(&shifts, d(11, 23), "M"), next_day);

    let (n, next_d) = (find(&shifts, d(11, 23), "N"), find(&shifts, d(11, 24), "D"));
    assert_eq!(next_d.start - n.end, Duration::hours(9));
    assert!(!shifts_meet(n.end, next_d.start, 60));
}

#[test]
fn agents_with_the_same_cell_share_one_shift_and_spans_are_keyed_by_their_text() {
    let shifts = shifts_of(&[
        ("1003", d(11, 23), "D"),
        ("1001", d(11, 23), "d"),
        ("1002", d(11, 23), "09:00-12:00+14:00-18:00"),
    ]);
    assert_eq!(shifts.len(), 2);
    assert_eq!(find(&shifts, d(11, 23), "D").members, ["1001", "1003"]);

    let split = find(&shifts, d(11, 23), "09:00-12:00+14:00-18:00");
    assert_eq!(split.name, "09:00-12:00+14:00-18:00");
    assert_eq!(split.start, local(d(11, 23), 9, 0));
    assert_eq!(split.end, local(d(11, 23), 18, 0));
    assert_eq!(split.members, ["1002"]);
}

#[test]
fn a_shift_starting_exactly_at_the_end_is_incoming_one_a_minute_earlier_is_not() {
    let shifts = shifts_of(&[
        ("1001", d(11, 23), "D"),
        ("1002", d(11, 23), "15:59-20:00"),
        ("1003", d(11, 23), "16:00-21:00"),
    ]);
    assert_eq!(
        incoming_key(&shifts, d(11, 23), "D"),
        Some((d(11, 23), "16:00-21:00".into()))
    );

    let early_only = shifts_of(&[("1001", d(11, 23), "D"), ("1002", d(11, 23), "15:59-20:00")]);
    assert_eq!(incoming_key(&early_only, d(11, 23), "D"), None);
}

#[test]
fn ties_on_start_break_by_end_then_key() {
    let rows = [
        ("1001", d(11, 23), "D"),
        ("1002", d(11, 23), "N"),
        ("1003", d(11, 23), "16:00-23:30"),
        ("1004", d(11, 23), "16:00-22:00"),
    ];
    let shifts = shifts_of(&rows);
    // The earlier end wins.
    assert_eq!(
        incoming_key(&shifts, d(11, 23), "D"),
        Some((d(11, 23), "16:00-22:00".into()))
    );
    let keys: Vec<&str> = shifts.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["D", "16:00-22:00", "16:00-23:30", "N"]);

    // Same start and end: the smaller key, whatever the order of the rows.
    let mut reversed = rows[..3].to_vec();
    reversed.reverse();
    let shifts = shifts_of(&reversed);
    assert_eq!(
        incoming_key(&shifts, d(11, 23), "D"),
        Some((d(11, 23), "16:00-23:30".into()))
    );
}

#[test]
fn rest_empty_and_unknown_cells_make_no_shift_and_a_roster_that_runs_out_has_no_incoming() {
    let mut rows = cells(&[
        ("1001", d(11, 23), "D"),
        ("1002", d(11, 23), "休"),
        ("1001", d(11, 24), "R"),
        ("1002", d(11, 24), ""),
    ]);
    rows.push(("1003".into(), d(11, 24), Cell::Shift("X".into())));
    let shifts = team_shifts(TEAM, &rows, &seeded_templates(), shanghai());
    assert_eq!(shifts.len(), 1);
    assert_eq!(shifts[0].key, "D");
    assert_eq!(incoming_shift(&shifts[0], &shifts), None);
}

#[test]
fn another_teams_shift_is_never_incoming() {
    let ours = shifts_of(&[("1001", d(11, 23), "D")]);
    let theirs = team_shifts(
        TEAM + 1,
        &cells(&[("2001", d(11, 23), "N")]),
        &seeded_templates(),
        shanghai(),
    );
    let all: Vec<TeamShift> = ours.iter().chain(&theirs).cloned().collect();
    assert_eq!(incoming_shift(&ours[0], &all), None);
}

#[test]
fn shifts_meet_within_the_gap_and_never_before_the_end() {
    let end = local(d(11, 23), 16, 0);
    let at = |min: i64| end + Duration::minutes(min);
    assert!(shifts_meet(end, at(0), 60));
    assert!(shifts_meet(end, at(60), 60));
    assert!(!shifts_meet(end, at(61), 60));
    assert!(!shifts_meet(end, end + Duration::seconds(3_601), 60));
    assert!(!shifts_meet(end, at(-1), 60));
}

#[test]
fn a_shift_at_a_time_the_clocks_skipped_is_dropped() {
    // America/New_York springs forward on 2026-03-08: 02:00 → 03:00.
    let new_york: Tz = "America/New_York".parse().unwrap();
    let spring = d(3, 8);
    let rows = cells(&[
        ("1001", spring, "D"),
        ("1002", spring, "02:30-06:00"),
        ("1003", spring, "23:00-02:30"),
        ("1004", d(3, 7), "23:00-02:30"),
    ]);
    let shifts = team_shifts(TEAM, &rows, &seeded_templates(), new_york);
    let keys: Vec<(NaiveDate, &str)> = shifts.iter().map(|s| (s.date, s.key.as_str())).collect();
    // The night starting the 8th ends on the 9th, which exists; the one starting the 7th would
    // end at the skipped 02:30 of the 8th.
    assert_eq!(keys, [(spring, "D"), (spring, "23:00-02:30")]);
    let day = &shifts[0];
    assert_eq!(day.end - day.start, Duration::minutes(450));
    assert_eq!(
        day.start,
        Utc.with_ymd_and_hms(2026, 3, 8, 12, 30, 0).unwrap()
    );
}

const CODES: [&str; 8] = [
    "D",
    "M",
    "N",
    "O",
    "休",
    "",
    "09:00-12:00+14:00-18:00",
    "22:00-02:00",
];

fn rosters() -> impl Strategy<Value = Vec<(String, NaiveDate, Cell)>> {
    prop::collection::vec((0usize..5, 0i64..10, 0usize..CODES.len()), 0..40).prop_map(|rows| {
        rows.into_iter()
            .map(|(agent, day, code)| {
                (
                    format!("10{agent:02}"),
                    d(11, 20) + Duration::days(day),
                    cell(CODES[code]),
                )
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn the_incoming_shift_is_the_first_that_starts_at_or_after_the_end(rows in rosters()) {
        let shifts = team_shifts(TEAM, &rows, &seeded_templates(), shanghai());
        for s in &shifts {
            let qualifies = |c: &&TeamShift| c.start >= s.end && !(c.date == s.date && c.key == s.key);
            match incoming_shift(s, &shifts) {
                None => prop_assert!(!shifts.iter().any(|c| qualifies(&c))),
                Some(i) => {
                    prop_assert!(i.start >= s.end);
                    prop_assert!(!(i.date == s.date && i.key == s.key));
                    let best = (i.start, i.end, i.key.as_str());
                    prop_assert!(!shifts
                        .iter()
                        .filter(qualifies)
                        .any(|c| (c.start, c.end, c.key.as_str()) < best));
                }
            }
        }
    }

    #[test]
    fn each_working_cell_is_in_exactly_one_shift(rows in rosters()) {
        let shifts = team_shifts(TEAM, &rows, &seeded_templates(), shanghai());
        let mut keys: Vec<(DateTime<Utc>, DateTime<Utc>, &str)> =
            shifts.iter().map(|s| (s.start, s.end, s.key.as_str())).collect();
        let sorted = { let mut k = keys.clone(); k.sort(); k };
        prop_assert_eq!(&keys, &sorted);
        keys.dedup();
        prop_assert_eq!(keys.len(), shifts.len());

        for (no, date, cell) in &rows {
            let holding: Vec<&TeamShift> = shifts
                .iter()
                .filter(|s| s.date == *date && s.members.contains(no) && s.key == cell.text())
                .collect();
            prop_assert_eq!(holding.len(), usize::from(cell.is_work()));
        }
        for s in &shifts {
            prop_assert!(s.members.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(s.start < s.end);
        }
    }
}
