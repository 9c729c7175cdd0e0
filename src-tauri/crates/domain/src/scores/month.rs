//! The month an assessment is for, and its window: entry opens at 00:00 on the 1st of the next
//! month and closes at 24:00 on its N-th working day by the site's calendar (seed 002: "考核实施
//! 时间为下月的1~5号,遇节假日顺延").

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScoreMonth {
    year: i32,
    month: u32,
}

impl ScoreMonth {
    pub fn new(year: i32, month: u32) -> Option<ScoreMonth> {
        ((1..=12).contains(&month) && (2000..=2999).contains(&year))
            .then_some(ScoreMonth { year, month })
    }

    /// `2026-11` (also `2026-1`, `2026/11`).
    pub fn parse(text: &str) -> Option<ScoreMonth> {
        let (y, m) = text.trim().split_once(['-', '/'])?;
        ScoreMonth::new(y.parse().ok()?, m.parse().ok()?)
    }

    pub fn of(date: NaiveDate) -> ScoreMonth {
        ScoreMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a checked month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a checked month")
    }

    pub fn next(self) -> ScoreMonth {
        if self.month == 12 {
            ScoreMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            ScoreMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn previous(self) -> ScoreMonth {
        if self.month == 1 {
            ScoreMonth {
                year: self.year - 1,
                month: 12,
            }
        } else {
            ScoreMonth {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// A quarterly sheet belongs to the quarter's last month (March, June, September, December).
    pub fn ends_quarter(self) -> bool {
        self.month.is_multiple_of(3)
    }

    /// Whether a template of `cycle` has a sheet for this month.
    pub fn has_sheet(self, cycle: ScoreCycle) -> bool {
        match cycle {
            ScoreCycle::Monthly => true,
            ScoreCycle::Quarterly => self.ends_quarter(),
        }
    }

    /// The months a sheet for this month covers: itself, or the quarter it ends.
    pub fn covered(self, cycle: ScoreCycle) -> (NaiveDate, NaiveDate) {
        match cycle {
            ScoreCycle::Monthly => (self.first_day(), self.last_day()),
            ScoreCycle::Quarterly => (self.previous().previous().first_day(), self.last_day()),
        }
    }
}

impl std::fmt::Display for ScoreMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// How often a template's sheet is filled (seed 002: monthly; seed 003's supervisors: quarterly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ScoreCycle {
    Monthly,
    Quarterly,
}

impl ScoreCycle {
    pub fn as_str(self) -> &'static str {
        match self {
            ScoreCycle::Monthly => "monthly",
            ScoreCycle::Quarterly => "quarterly",
        }
    }

    /// `monthly`/`quarterly` or 月度/季度 (月/季 too); empty is monthly.
    pub fn parse(text: &str) -> Option<ScoreCycle> {
        match text.trim() {
            "" | "月度" | "月" | "每月" => Some(ScoreCycle::Monthly),
            "季度" | "季" | "每季度" => Some(ScoreCycle::Quarterly),
            t if t.eq_ignore_ascii_case("monthly") => Some(ScoreCycle::Monthly),
            t if t.eq_ignore_ascii_case("quarterly") => Some(ScoreCycle::Quarterly),
            _ => None,
        }
    }
}

/// When raters may enter a month's scores: from `opens_on` (00:00) through `closes_on` (24:00),
/// both in the site's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct AssessmentWindow {
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

/// Where a date stands against a month's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum WindowPhase {
    /// The month is not over: raters may prepare, but entry is not open.
    NotOpen,
    Open,
    /// Past the window: a change needs the supervisor's PIN and is logged as late.
    Closed,
}

impl AssessmentWindow {
    /// The window of `month`: the 1st of the next month through its `working_days`-th working
    /// day; a holiday or weekend inside does not count, so the close moves later (顺延).
    pub fn of(
        month: ScoreMonth,
        working_days: u32,
        is_working_day: impl Fn(NaiveDate) -> bool,
    ) -> AssessmentWindow {
        let opens_on = month.next().first_day();
        let mut closes_on = opens_on;
        let mut counted = 0;
        let mut day = opens_on;
        // A year of days off in a row is not a calendar; stop there rather than loop forever.
        for _ in 0..366 {
            if is_working_day(day) {
                counted += 1;
                closes_on = day;
                if counted >= working_days.max(1) {
                    break;
                }
            }
            day = day.succ_opt().expect("a date within the calendar");
        }
        AssessmentWindow {
            opens_on,
            closes_on,
        }
    }

    pub fn phase(&self, today: NaiveDate) -> WindowPhase {
        if today < self.opens_on {
            WindowPhase::NotOpen
        } else if today <= self.closes_on {
            WindowPhase::Open
        } else {
            WindowPhase::Closed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekdays(date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    #[test]
    fn months_read_and_print_as_the_files_write_them() {
        let m = ScoreMonth::parse("2026-11").unwrap();
        assert_eq!(m.to_string(), "2026-11");
        assert_eq!(ScoreMonth::parse("2026/1").unwrap().to_string(), "2026-01");
        assert_eq!(m.next().to_string(), "2026-12");
        assert_eq!(m.next().next().to_string(), "2027-01");
        assert_eq!(ScoreMonth::parse("2027-01").unwrap().previous(), m.next());
        assert_eq!(m.last_day(), d(2026, 11, 30));
        assert!(ScoreMonth::parse("2026-13").is_none());
        assert!(ScoreMonth::parse("november").is_none());
    }

    #[test]
    fn a_quarterly_sheet_belongs_to_the_quarters_last_month() {
        let dec = ScoreMonth::parse("2026-12").unwrap();
        assert!(dec.has_sheet(ScoreCycle::Quarterly));
        assert!(!dec.previous().has_sheet(ScoreCycle::Quarterly));
        assert!(dec.previous().has_sheet(ScoreCycle::Monthly));
        assert_eq!(
            dec.covered(ScoreCycle::Quarterly),
            (d(2026, 10, 1), d(2026, 12, 31))
        );
    }

    #[test]
    fn the_window_is_the_first_five_working_days_of_the_next_month() {
        // December 2026 starts on a Tuesday: Tue 1 … Fri 4, Mon 7.
        let nov = ScoreMonth::parse("2026-11").unwrap();
        let w = AssessmentWindow::of(nov, 5, weekdays);
        assert_eq!(w.opens_on, d(2026, 12, 1));
        assert_eq!(w.closes_on, d(2026, 12, 7));
        assert_eq!(w.phase(d(2026, 11, 30)), WindowPhase::NotOpen);
        assert_eq!(w.phase(d(2026, 12, 1)), WindowPhase::Open);
        assert_eq!(w.phase(d(2026, 12, 7)), WindowPhase::Open);
        assert_eq!(w.phase(d(2026, 12, 8)), WindowPhase::Closed);
    }

    #[test]
    fn holidays_postpone_the_close() {
        // September 2026: National Day, 1–7 October off, Saturday 10 October worked (调休).
        let sep = ScoreMonth::parse("2026-09").unwrap();
        let calendar = |date: NaiveDate| {
            if date >= d(2026, 10, 1) && date <= d(2026, 10, 7) {
                false
            } else if date == d(2026, 10, 10) {
                true
            } else {
                weekdays(date)
            }
        };
        let w = AssessmentWindow::of(sep, 5, calendar);
        // Working days: Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13.
        assert_eq!(w.closes_on, d(2026, 10, 13));
        assert_eq!(
            AssessmentWindow::of(sep, 5, weekdays).closes_on,
            d(2026, 10, 7)
        );
    }
}
