//! Coverage (覆盖): how many agents the roster puts on the floor in each half hour of a day,
//! against how many the requirement asks for. A shift counts in a half hour it covers for at
//! least 15 minutes; a night shift counts on the days it runs into, not only the day it starts
//! on (a shift belongs to its start date, its heads to the clock).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::template::ShiftTemplate;

/// Half hours in a day.
pub const SLOTS_PER_DAY: usize = 48;

fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1).div_euclid(b)
}

/// Half hours of `start..end` (minutes from a midnight) covered for at least 15 minutes.
pub(crate) fn covered_slots(start: i64, end: i64) -> impl Iterator<Item = i64> {
    (start.div_euclid(30)..ceil_div(end, 30)).filter(move |s| {
        let (a, b) = (s * 30, s * 30 + 30);
        end.min(b) - start.max(a) >= 15
    })
}

/// Agents on the floor in each half hour of each date from `first` to `last`, from the cells
/// given as (the date the shift starts on, cell). Cells of the day before `first` count where
/// they run past midnight; cells outside the range otherwise do not count.
pub fn heads_per_half_hour<'a>(
    first: NaiveDate,
    last: NaiveDate,
    cells: impl IntoIterator<Item = (NaiveDate, &'a Cell)>,
    templates: &[ShiftTemplate],
) -> BTreeMap<NaiveDate, [u16; SLOTS_PER_DAY]> {
    let mut heads: BTreeMap<NaiveDate, [u16; SLOTS_PER_DAY]> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| (d, [0; SLOTS_PER_DAY]))
        .collect();
    let origin = first.and_time(NaiveTime::MIN);
    let days = heads.len() as i64;
    let mut flat = vec![0u16; heads.len() * SLOTS_PER_DAY];
    for (date, cell) in cells {
        for (s, e) in cell.local_spans(date, templates) {
            let (s, e) = ((s - origin).num_minutes(), (e - origin).num_minutes());
            for slot in covered_slots(s, e) {
                if (0..days * SLOTS_PER_DAY as i64).contains(&slot) {
                    flat[slot as usize] += 1;
                }
            }
        }
    }
    for (i, day) in heads.values_mut().enumerate() {
        day.copy_from_slice(&flat[i * SLOTS_PER_DAY..(i + 1) * SLOTS_PER_DAY]);
    }
    heads
}

/// One day's coverage: needed and rostered agents per half hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DayCoverage {
    pub date: NaiveDate,
    /// 48 half hours; all zero on a day without a requirement.
    pub needed: Vec<u16>,
    pub rostered: Vec<u16>,
}

/// Totals over days: half-hour-agents needed, short (needed but not rostered) and over
/// (rostered beyond the need), and the half hours with any shortfall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoverageTotals {
    pub needed_slot_agents: u32,
    pub short_slot_agents: u32,
    pub over_slot_agents: u32,
    pub short_half_hours: u32,
}

impl DayCoverage {
    /// Agents short in each half hour (0 where covered).
    pub fn short(&self) -> impl Iterator<Item = u16> + '_ {
        self.needed
            .iter()
            .zip(&self.rostered)
            .map(|(n, r)| n.saturating_sub(*r))
    }
}

/// Sums the days' coverage.
pub fn coverage_totals(days: &[DayCoverage]) -> CoverageTotals {
    let mut t = CoverageTotals::default();
    for d in days {
        for (n, r) in d.needed.iter().zip(&d.rostered) {
            t.needed_slot_agents += u32::from(*n);
            t.short_slot_agents += u32::from(n.saturating_sub(*r));
            t.over_slot_agents += u32::from(r.saturating_sub(*n));
            t.short_half_hours += u32::from(r < n);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::seeded_templates;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, day).unwrap()
    }

    fn slot(h: usize, m: usize) -> usize {
        h * 2 + m / 30
    }

    #[test]
    fn a_day_shift_counts_in_the_half_hours_it_covers_for_15_minutes() {
        let t = seeded_templates();
        let cell = Cell::Shift("D".into()); // 08:30–16:00
        let heads = heads_per_half_hour(d(1), d(1), [(d(1), &cell)], &t);
        let day = heads[&d(1)];
        assert_eq!(day[slot(8, 0)], 0);
        assert_eq!(day[slot(8, 30)], 1);
        assert_eq!(day[slot(15, 30)], 1);
        assert_eq!(day[slot(16, 0)], 0);
        assert_eq!(day.iter().map(|&n| u32::from(n)).sum::<u32>(), 15);
    }

    #[test]
    fn a_night_shift_counts_on_the_next_day_and_from_the_day_before_the_range() {
        let t = seeded_templates();
        let night = Cell::Shift("O".into()); // 23:30–08:30
        let heads = heads_per_half_hour(d(2), d(3), [(d(1), &night), (d(3), &night)], &t);
        assert_eq!(
            heads[&d(2)][0],
            1,
            "the night of the 1st is on the floor at 00:00 on the 2nd"
        );
        assert_eq!(heads[&d(2)][slot(8, 0)], 1);
        assert_eq!(heads[&d(2)][slot(8, 30)], 0);
        assert_eq!(heads[&d(3)][slot(23, 30)], 1);
        assert_eq!(heads[&d(3)][0], 0);
        assert_eq!(heads.len(), 2, "the 4th is outside the range");
    }

    #[test]
    fn split_spans_and_short_spans_follow_the_15_minute_rule() {
        let t = seeded_templates();
        let split = Cell::parse("09:00-12:00+14:10-14:20", &t).unwrap();
        let heads = heads_per_half_hour(d(1), d(1), [(d(1), &split)], &t);
        let day = heads[&d(1)];
        assert_eq!(day[slot(9, 0)], 1);
        assert_eq!(day[slot(11, 30)], 1);
        assert_eq!(day[slot(12, 0)], 0);
        assert_eq!(
            day[slot(14, 0)],
            0,
            "ten minutes is not a half hour covered"
        );
        for rest in [Cell::Rest, Cell::Empty] {
            let none = heads_per_half_hour(d(1), d(1), [(d(1), &rest)], &t);
            assert!(none[&d(1)].iter().all(|&n| n == 0));
        }
    }

    #[test]
    fn totals_count_short_over_and_the_half_hours_short() {
        let mut needed = vec![0; SLOTS_PER_DAY];
        let mut rostered = vec![0; SLOTS_PER_DAY];
        needed[10] = 3;
        rostered[10] = 1;
        needed[11] = 2;
        rostered[11] = 4;
        rostered[12] = 1;
        let day = DayCoverage {
            date: d(1),
            needed,
            rostered,
        };
        assert_eq!(day.short().collect::<Vec<_>>()[10], 2);
        assert_eq!(
            coverage_totals(&[day]),
            CoverageTotals {
                needed_slot_agents: 5,
                short_slot_agents: 2,
                over_slot_agents: 3,
                short_half_hours: 1,
            }
        );
    }
}
