//! The site's holiday calendar: public holidays and the weekend days that replace them (调休).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// 法定节假日: a day off although it may fall on a weekday.
    Holiday,
    /// 调休上班日: a weekend day worked to make up for a holiday.
    Workday,
}

impl HolidayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HolidayKind::Holiday => "holiday",
            HolidayKind::Workday => "workday",
        }
    }

    pub fn parse(text: &str) -> Option<HolidayKind> {
        match text.trim() {
            "holiday" | "假日" | "节假日" | "法定节假日" | "休" => {
                Some(HolidayKind::Holiday)
            }
            "workday" | "上班" | "调休上班" | "调休上班日" | "班" => {
                Some(HolidayKind::Workday)
            }
            _ => None,
        }
    }
}

/// Whether the office works on `date`: weekdays do, weekends don't, and the calendar's entry
/// for that date overrides both.
pub fn is_working_day(date: NaiveDate, override_kind: Option<HolidayKind>) -> bool {
    match override_kind {
        Some(HolidayKind::Holiday) => false,
        Some(HolidayKind::Workday) => true,
        None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_entries_override_the_week() {
        let saturday = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(!is_working_day(saturday, None));
        assert!(is_working_day(saturday, Some(HolidayKind::Workday)));
        assert!(is_working_day(monday, None));
        assert!(!is_working_day(monday, Some(HolidayKind::Holiday)));
        assert_eq!(HolidayKind::parse("班"), Some(HolidayKind::Workday));
        assert_eq!(HolidayKind::parse("x"), None);
    }
}
