//! Counting offences: the n-th offence of a rule by a person within the rule's period. The
//! offence number is 1 + the earlier offences (not voided) of the same rule code, any version,
//! ordered by instant and then by entry order; a month or quarter is that of the site-local
//! date, a rolling period of N days is (ts − N days, ts].

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::rule::Period;

/// An offence as counting sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offence {
    pub ts: DateTime<Utc>,
    /// The site-local date of `ts`.
    pub local_date: NaiveDate,
    /// Entry order (the record's id); a new record comes after every stored one.
    pub seq: i64,
}

fn quarter(date: NaiveDate) -> (i32, u32) {
    (date.year(), (date.month() - 1) / 3)
}

/// Whether `earlier` falls in the counting window that ends at `current`.
pub fn in_window(period: Period, current: &Offence, earlier: &Offence) -> bool {
    match period {
        Period::Month => {
            (current.local_date.year(), current.local_date.month())
                == (earlier.local_date.year(), earlier.local_date.month())
        }
        Period::Quarter => quarter(current.local_date) == quarter(earlier.local_date),
        Period::RollingDays { days } => {
            earlier.ts > current.ts - Duration::days(i64::from(days)) && earlier.ts <= current.ts
        }
        Period::Ever => true,
    }
}

/// Whether `a` was entered before `b` in counting order.
pub fn before(a: &Offence, b: &Offence) -> bool {
    (a.ts, a.seq) < (b.ts, b.seq)
}

/// The number of `current` among `others` (which may include it; it is skipped).
pub fn offence_no(period: Period, current: &Offence, others: &[Offence]) -> u32 {
    1 + others
        .iter()
        .filter(|o| before(o, current) && in_window(period, current, o))
        .count() as u32
}

/// The stored offences whose number a new offence would change: those after it whose window
/// holds it.
pub fn renumbered<'a>(
    period: Period,
    new: &Offence,
    stored: &'a [Offence],
) -> impl Iterator<Item = &'a Offence> {
    stored
        .iter()
        .filter(move |o| before(new, o) && in_window(period, o, new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32, seq: i64) -> Offence {
        let ts = Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap();
        Offence {
            ts,
            local_date: ts.date_naive(),
            seq,
        }
    }

    #[test]
    fn the_third_in_a_month_is_the_third_and_next_month_starts_again() {
        let stored = [at(3, 9, 1), at(10, 9, 2)];
        assert_eq!(offence_no(Period::Month, &at(20, 9, 3), &stored), 3);
        let december = Offence {
            ts: Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap(),
            local_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            seq: 4,
        };
        assert_eq!(offence_no(Period::Month, &december, &stored), 1);
        assert_eq!(offence_no(Period::Ever, &december, &stored), 3);
    }

    #[test]
    fn rows_out_of_order_count_by_instant_then_entry() {
        let stored = [at(20, 9, 1), at(3, 9, 2)];
        // Entered third, happened first.
        assert_eq!(offence_no(Period::Month, &at(1, 9, 3), &stored), 1);
        // Same instant as a stored one: entered later, so counted after it.
        assert_eq!(offence_no(Period::Month, &at(3, 9, 3), &stored), 2);
        let renumbers: Vec<i64> = renumbered(Period::Month, &at(1, 9, 3), &stored)
            .map(|o| o.seq)
            .collect();
        assert_eq!(renumbers, vec![1, 2]);
    }

    #[test]
    fn a_rolling_window_holds_its_end_and_not_its_start() {
        let period = Period::RollingDays { days: 7 };
        let current = at(10, 9, 9);
        assert!(
            !in_window(period, &current, &at(3, 9, 1)),
            "exactly 7 days earlier"
        );
        assert!(in_window(period, &current, &at(3, 10, 1)));
        assert!(
            in_window(period, &current, &at(10, 9, 1)),
            "the same instant"
        );
        assert_eq!(
            offence_no(period, &current, &[at(3, 9, 1), at(3, 10, 2)]),
            2
        );
    }

    #[test]
    fn a_quarter_spans_three_months() {
        let oct = Offence {
            ts: Utc.with_ymd_and_hms(2026, 10, 5, 1, 0, 0).unwrap(),
            local_date: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            seq: 1,
        };
        assert_eq!(offence_no(Period::Quarter, &at(20, 9, 2), &[oct]), 2);
        assert_eq!(offence_no(Period::Month, &at(20, 9, 2), &[oct]), 1);
    }
}
