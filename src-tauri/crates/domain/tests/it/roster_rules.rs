//! The roster rules, one at a time, with their boundaries: streaks over a month's edges,
//! joiners and leavers, cross-midnight and joined spans, leave.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, NaiveTime};
use floordesk_domain::roster::{
    AgentMonth, Cell, RosterPolicy, RosterRule, Violation, check_month, month_days,
    seeded_templates,
};
use proptest::prelude::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn nov() -> (i32, u32) {
    (2026, 11)
}

/// An agent whose cells are `pattern` repeated from `from` for `days` days (D = day shift,
/// R = rest, . = empty, N = evening, O = overnight).
fn agent(no: &str, from: NaiveDate, days: i64, pattern: &str) -> AgentMonth {
    let templates = seeded_templates();
    let codes: Vec<char> = pattern.chars().collect();
    let cells = (0..days)
        .map(|i| {
            let c = codes[i as usize % codes.len()];
            let cell = match c {
                '.' => Cell::Empty,
                other => Cell::parse(&other.to_string(), &templates).unwrap(),
            };
            (from + Duration::days(i), cell)
        })
        .collect();
    AgentMonth {
        employee_no: no.into(),
        cells,
        ..AgentMonth::default()
    }
}

fn check(agents: &[AgentMonth]) -> Vec<Violation> {
    check_month(nov(), agents, &seeded_templates(), &RosterPolicy::default())
}

fn rules(v: &[Violation]) -> Vec<(NaiveDate, &str, RosterRule)> {
    v.iter()
        .map(|v| (v.date, v.employee_no.as_str(), v.rule))
        .collect()
}

#[test]
fn six_on_one_off_is_fine_seven_in_a_row_is_not() {
    // 做六休一 over the month and six days either side.
    let fine = agent("1001", d(10, 26), 42, "DDDDDDR");
    assert_eq!(check(&[fine]), []);

    let seven = agent("1001", d(10, 26), 42, "DDDDDDDR");
    let v = check(&[seven]);
    let streaks: Vec<_> = v
        .iter()
        .filter(|v| v.rule == RosterRule::MaxConsecutiveWorkDays)
        .map(|v| (v.date, v.from.unwrap(), v.to.unwrap()))
        .collect();
    // Streaks of seven starting 10-26, 11-03, 11-11, 11-19, 11-27, 12-05: the seventh day of
    // each is marked, in November only.
    assert_eq!(
        streaks,
        [
            (d(11, 1), d(10, 26), d(11, 1)),
            (d(11, 9), d(11, 3), d(11, 9)),
            (d(11, 17), d(11, 11), d(11, 17)),
            (d(11, 25), d(11, 19), d(11, 25)),
        ]
    );
}

#[test]
fn a_streak_over_the_month_end_counts_in_the_month_of_its_first_day_over() {
    // Working 11-25 … 12-03: the seventh day is 12-01, so November has nothing, December has it.
    let mut a = agent("1001", d(11, 1), 30, "DDDDDRR");
    a.cells.insert(d(11, 24), Cell::Rest);
    for day in 25..=30 {
        a.cells.insert(d(11, day), Cell::Shift("D".into()));
    }
    for day in 1..=3 {
        a.cells.insert(d(12, day), Cell::Shift("D".into()));
    }
    let nov_rules: Vec<_> = check(std::slice::from_ref(&a))
        .into_iter()
        .filter(|v| v.rule == RosterRule::MaxConsecutiveWorkDays)
        .collect();
    assert_eq!(nov_rules, []);
    let dec = check_month(
        (2026, 12),
        std::slice::from_ref(&a),
        &seeded_templates(),
        &RosterPolicy::default(),
    );
    let streak = dec
        .iter()
        .find(|v| v.rule == RosterRule::MaxConsecutiveWorkDays)
        .unwrap();
    assert_eq!(
        (streak.date, streak.from, streak.to),
        (d(12, 1), Some(d(11, 25)), Some(d(12, 3)))
    );
}

#[test]
fn empty_cells_and_leave_end_a_streak_without_counting_as_rest() {
    // Six days, an empty day, six days: no streak over six, but only the R days are rest.
    let a = agent("1001", d(11, 1), 30, "DDDDDD.DDDDDDR");
    let v = check(&[a]);
    assert!(
        v.iter()
            .all(|v| v.rule != RosterRule::MaxConsecutiveWorkDays),
        "{v:?}"
    );
    let rest = v
        .iter()
        .find(|v| v.rule == RosterRule::MinRestDays)
        .unwrap();
    assert_eq!(
        (rest.date, rest.rest_days, rest.required),
        (d(11, 30), Some(2), Some(4))
    );
}

#[test]
fn rest_days_are_pro_rated_for_joiners_and_leavers_half_up() {
    // Joined 11-16: 15 of 30 days, 4 × 15 / 30 = 2 rest days required.
    let mut joiner = agent("1001", d(11, 16), 15, "DDDDDDR");
    joiner.joined_on = Some(d(11, 16));
    assert_eq!(check(&[joiner.clone()]), []);
    joiner.cells.insert(d(11, 29), Cell::Empty);
    let v = check(&[joiner]);
    assert_eq!(
        v.iter()
            .map(|v| (v.rule, v.rest_days, v.required))
            .collect::<Vec<_>>(),
        [(RosterRule::MinRestDays, Some(1), Some(2))]
    );

    // Leaving 11-11: 11 of 30 days, 4 × 11 / 30 = 1.47 → 1.
    let mut leaver = agent("1002", d(11, 1), 11, "DDDDDDDDDDR");
    leaver.cells.insert(d(11, 5), Cell::Rest);
    leaver.left_on = Some(d(11, 11));
    let v = check(&[leaver]);
    assert!(v.iter().all(|v| v.rule != RosterRule::MinRestDays), "{v:?}");

    // 4 × 12 / 30 = 1.6 → 2; 4 × 26 / 30 = 3.47 → 3; 4 × 8 / 30 = 1.07 → 1.
    for (left, required) in [(12, 2), (26, 3), (8, 1)] {
        let mut a = agent("1003", d(11, 1), 30, "D");
        a.left_on = Some(d(11, left));
        let v = check(&[a]);
        let rest = v
            .iter()
            .find(|v| v.rule == RosterRule::MinRestDays)
            .unwrap();
        assert_eq!(rest.required, Some(required), "left on 11-{left}");
    }
    // Nobody employed in the month: nothing required.
    let mut gone = agent("1004", d(11, 1), 30, ".");
    gone.left_on = Some(d(10, 31));
    assert_eq!(check(&[gone]), []);
}

#[test]
fn rest_between_shifts_counts_across_midnight() {
    let templates = seeded_templates();
    // 晚班 N ends 23:30; 白班 D the next morning starts 08:30: 9 hours, fine at 8.
    let mut a = agent("1001", d(11, 1), 30, "R");
    a.cells.insert(d(11, 10), Cell::Shift("N".into()));
    a.cells.insert(d(11, 11), Cell::Shift("D".into()));
    assert_eq!(check(&[a.clone()]), []);
    // 夜班 O 23:30–08:30 then 白班 D the next day at 08:30: the night ends at 08:30 on the 12th;
    // D on the 12th starts at 08:30 the same morning: no rest at all.
    a.cells.insert(d(11, 11), Cell::Shift("O".into()));
    a.cells.insert(d(11, 12), Cell::Shift("D".into()));
    let v = check(&[a.clone()]);
    assert_eq!(
        v.iter()
            .map(|v| (v.date, v.rule, v.gap_minutes))
            .collect::<Vec<_>>(),
        [(d(11, 12), RosterRule::MinRestBetweenShifts, Some(0))]
    );
    // Ad-hoc spans join into one shift: 06:00-10:00+18:00-23:00 after 晚班 N the day before
    // leaves 6.5 hours; the 8-hour break inside the day is not a rest between shifts.
    let mut b = agent("1002", d(11, 1), 30, "R");
    b.cells.insert(d(11, 10), Cell::Shift("N".into()));
    let split = Cell::parse("06:00-10:00+18:00-23:00", &templates).unwrap();
    assert_eq!(split.text(), "06:00-10:00+18:00-23:00");
    b.cells.insert(d(11, 11), split);
    let v = check(&[b]);
    assert_eq!(
        v.iter()
            .map(|v| (v.date, v.rule, v.gap_minutes))
            .collect::<Vec<_>>(),
        [(d(11, 11), RosterRule::MinRestBetweenShifts, Some(390))]
    );
}

#[test]
fn a_shift_on_a_day_of_leave_is_flagged() {
    let mut a = agent("1001", d(11, 1), 30, "DDDDDRR");
    a.leave = BTreeSet::from([d(11, 3), d(11, 6)]);
    let v = check(&[a]);
    assert_eq!(
        rules(&v),
        [(d(11, 3), "1001", RosterRule::ShiftDuringLeave)]
    );
}

#[test]
fn violations_are_sorted_by_date_employee_and_rule() {
    let mut a = agent("1002", d(11, 1), 30, "D");
    a.leave = BTreeSet::from([d(11, 30)]);
    let b = agent("1001", d(11, 1), 30, "D");
    let v = check(&[a, b]);
    let mut sorted = v.clone();
    sorted.sort_by(|x, y| (x.date, &x.employee_no, x.rule).cmp(&(y.date, &y.employee_no, y.rule)));
    assert_eq!(v, sorted);
    let last_day: Vec<_> = rules(&v).into_iter().filter(|r| r.0 == d(11, 30)).collect();
    assert_eq!(
        last_day,
        [
            (d(11, 30), "1001", RosterRule::MinRestDays),
            (d(11, 30), "1002", RosterRule::MinRestDays),
            (d(11, 30), "1002", RosterRule::ShiftDuringLeave),
        ]
    );
}

#[test]
fn cells_read_as_people_type_them() {
    let t = seeded_templates();
    assert_eq!(Cell::parse("", &t), Ok(Cell::Empty));
    assert_eq!(Cell::parse("休", &t), Ok(Cell::Rest));
    assert_eq!(Cell::parse("r", &t), Ok(Cell::Rest));
    assert_eq!(Cell::parse(" d ", &t), Ok(Cell::Shift("D".into())));
    assert!(Cell::parse("X", &t).is_err());
    assert!(Cell::parse("09:00-", &t).is_err());
    assert!(Cell::parse("09:00-09:00", &t).is_err());
    let night = Cell::Shift("O".into()).times(d(11, 30), &t).unwrap();
    assert_eq!(
        night.end,
        d(12, 1).and_time(NaiveTime::from_hms_opt(8, 30, 0).unwrap())
    );
    assert!(night.night);
    assert_eq!(night.paid_minutes, 9 * 60);
    let spans = Cell::parse("22:00-02:00+03:00-05:00", &t).unwrap();
    let times = spans.times(d(11, 30), &t).unwrap();
    assert_eq!(
        times.end,
        d(12, 1).and_time(NaiveTime::from_hms_opt(5, 0, 0).unwrap())
    );
    assert_eq!(times.paid_minutes, 6 * 60);
    assert_eq!(month_days(2026, 2), Some((d(2, 1), d(2, 28))));
    assert_eq!(month_days(2026, 12), Some((d(12, 1), d(12, 31))));
}

/// The longest run of working days in `cells` (a brute-force restatement for the property).
fn longest_streak_ending_in(
    cells: &BTreeMap<NaiveDate, Cell>,
    first: NaiveDate,
    last: NaiveDate,
    limit: i64,
) -> usize {
    // Count dates in [first, last] that are the (limit+1)-th day of a working run.
    let mut count = 0;
    let mut date = first;
    while date <= last {
        let run = (0..=limit).all(|k| {
            cells
                .get(&(date - Duration::days(k)))
                .is_some_and(Cell::is_work)
        });
        let started_there = !cells
            .get(&(date - Duration::days(limit + 1)))
            .is_some_and(Cell::is_work);
        if run && started_there {
            count += 1;
        }
        date += Duration::days(1);
    }
    count
}

fn pattern_strategy() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..4, 44)
}

proptest! {
    /// One streak violation per run longer than the limit whose first day over lies in the
    /// month, whatever the pattern; and every violation's streak really is longer than it.
    #[test]
    fn streaks_match_a_brute_force_count(pattern in pattern_strategy(), limit in 1i64..8) {
        let from = d(10, 25);
        let cells: BTreeMap<NaiveDate, Cell> = pattern
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let cell = match c { 0 => Cell::Rest, 1 => Cell::Empty, _ => Cell::Shift("M".into()) };
                (from + Duration::days(i as i64), cell)
            })
            .collect();
        let a = AgentMonth { employee_no: "1001".into(), cells: cells.clone(), ..AgentMonth::default() };
        let policy = RosterPolicy { max_consecutive_work_days: limit, min_rest_between_shifts_h: 0, ..RosterPolicy::default() };
        let v = check_month(nov(), &[a], &seeded_templates(), &policy);
        let streaks: Vec<_> = v.iter().filter(|v| v.rule == RosterRule::MaxConsecutiveWorkDays).collect();
        prop_assert_eq!(streaks.len(), longest_streak_ending_in(&cells, d(11, 1), d(11, 30), limit));
        for s in streaks {
            let (f, t) = (s.from.unwrap(), s.to.unwrap());
            prop_assert!((t - f).num_days() + 1 > limit);
            prop_assert_eq!(s.date, f + Duration::days(limit));
        }
    }

    /// Turning any working day into a rest day never makes the roster worse by the streak and
    /// rest rules, counted over every month the cells touch (a streak is reported in the month
    /// of its first day over the limit, so a rest day can move it from October into November),
    /// and a streak weighing by its days over the limit (a rest day in the middle of 15 working
    /// days leaves two streaks of 7, one day over each, instead of one nine days over).
    #[test]
    fn resting_more_never_hurts(pattern in pattern_strategy(), day in 0usize..44) {
        let from = d(10, 25);
        let make = |rest_on: Option<usize>| {
            let cells = pattern.iter().enumerate().map(|(i, c)| {
                let cell = if Some(i) == rest_on { Cell::Rest } else {
                    match c { 0 => Cell::Rest, 1 => Cell::Empty, _ => Cell::Shift("D".into()) }
                };
                (from + Duration::days(i as i64), cell)
            }).collect();
            AgentMonth { employee_no: "1001".into(), cells, ..AgentMonth::default() }
        };
        let policy = RosterPolicy::default();
        let weight = |a: AgentMonth| -> i64 {
            [(2026, 10), (2026, 11), (2026, 12)]
                .into_iter()
                .flat_map(|m| check_month(m, std::slice::from_ref(&a), &seeded_templates(), &policy))
                .filter(|v| v.rule != RosterRule::MinRestBetweenShifts)
                .map(|v| match (v.rule, v.from, v.to) {
                    (RosterRule::MaxConsecutiveWorkDays, Some(f), Some(t)) => {
                        (t - f).num_days() + 1 - policy.max_consecutive_work_days
                    }
                    _ => 1,
                })
                .sum()
        };
        prop_assert!(weight(make(Some(day))) <= weight(make(None)));
    }
}
