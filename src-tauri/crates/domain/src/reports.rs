//! 报表 due (seed 004, 第 3 条: 「日报表需在次日12点前发送…周报表需在每周二发送上周报表,月报需
//! 在次月5日前发送。如有其它原因不能准时发送的,需提前声明告知集团客服。如无提前申请并不能准时
//! 发送者,均以无发送为准,给予责任人罚款50元/次,客服经理外罚80元/次」): the period a report
//! covers, when it is due, and whether it was sent in time. The hour, weekday and day are
//! policy settings; the amounts live with the rule `report_late`.

use chrono::{DateTime, Weekday};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 日报: one a day, due the next day at `daily_report_due_hour`.
    Daily,
    /// 周报: one a week (Monday to Sunday), due on `weekly_report_due_weekday` of the next week.
    Weekly,
    /// 月报: one a month, due on `monthly_report_due_day` of the next month.
    Monthly,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [ReportKind::Daily, ReportKind::Weekly, ReportKind::Monthly];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Daily => "daily",
            ReportKind::Weekly => "weekly",
            ReportKind::Monthly => "monthly",
        }
    }

    pub fn parse(text: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The first day of the period `date` falls in.
    pub fn period_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            ReportKind::Daily => date,
            ReportKind::Weekly => {
                date - Days::new(u64::from(date.weekday().num_days_from_monday()))
            }
            ReportKind::Monthly => date.with_day(1).unwrap_or(date),
        }
    }

    /// The first day of the period after the one starting `start`.
    pub fn next_period(self, start: NaiveDate) -> NaiveDate {
        match self {
            ReportKind::Daily => start + Days::new(1),
            ReportKind::Weekly => start + Days::new(7),
            ReportKind::Monthly => start + Months::new(1),
        }
    }

    /// Every period that starts in `from..=to`, oldest first (a period that began before
    /// `from` is left out).
    pub fn periods(self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut start = self.period_of(from);
        if start < from {
            start = self.next_period(start);
        }
        let mut out = Vec::new();
        while start <= to {
            out.push(start);
            start = self.next_period(start);
        }
        out
    }
}

/// The due times of the site (policy settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReportPolicy {
    /// 0–23: the daily report is due the next day at this hour.
    pub daily_due_hour: u32,
    /// 1 = Monday … 7 = Sunday of the week after the report's week; due by that day's end.
    pub weekly_due_weekday: u32,
    /// 1–28 of the month after the report's month; due by that day's end.
    pub monthly_due_day: u32,
}

impl Default for ReportPolicy {
    fn default() -> Self {
        ReportPolicy {
            daily_due_hour: 12,
            weekly_due_weekday: 2,
            monthly_due_day: 5,
        }
    }
}

/// The site-local instant the report of the period starting `start` is due. "周二发送" and
/// "次月5日前" are read as "by the end of that day" (docs/rules.md).
pub fn due_local(kind: ReportKind, start: NaiveDate, policy: &ReportPolicy) -> NaiveDateTime {
    let midnight = |d: NaiveDate| NaiveDateTime::new(d, NaiveTime::MIN);
    match kind {
        ReportKind::Daily => {
            let hour = policy.daily_due_hour.min(23);
            NaiveDateTime::new(
                start + Days::new(1),
                NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN),
            )
        }
        ReportKind::Weekly => {
            let monday = ReportKind::Weekly.period_of(start) + Days::new(7);
            let offset = u64::from(policy.weekly_due_weekday.clamp(1, 7) - 1);
            midnight(monday + Days::new(offset + 1))
        }
        ReportKind::Monthly => {
            let first = ReportKind::Monthly.period_of(start) + Months::new(1);
            let day = u64::from(policy.monthly_due_day.clamp(1, 28));
            midnight(first + Days::new(day))
        }
    }
}

/// How a report was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    OnTime,
    /// Late, with no delay announced before the due time: `report_late` is proposed.
    Late,
    /// Late, but a delay was announced before the due time (需提前声明告知).
    Announced,
}

/// Whether a report sent at `sent` (or still missing at that instant) was in time. A delay
/// counts only when announced strictly before the due time.
pub fn timeliness(
    due: DateTime<Utc>,
    sent: DateTime<Utc>,
    announced_at: Option<DateTime<Utc>>,
) -> Timeliness {
    if sent <= due {
        Timeliness::OnTime
    } else if announced_at.is_some_and(|a| a < due) {
        Timeliness::Announced
    } else {
        Timeliness::Late
    }
}

/// Monday of ISO week `date` is in: the label of a weekly report.
pub fn week_monday(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_isoywd_opt(date.iso_week().year(), date.iso_week().week(), Weekday::Mon)
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn local(m: u32, day: u32, h: u32) -> NaiveDateTime {
        d(m, day).and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn seed_004_due_times() {
        let p = ReportPolicy::default();
        // 日报 of Tuesday 3 Nov: Wednesday 12:00.
        assert_eq!(due_local(ReportKind::Daily, d(11, 3), &p), local(11, 4, 12));
        // 周报 of the week of Monday 2 Nov: by the end of Tuesday 10 Nov.
        assert_eq!(
            due_local(ReportKind::Weekly, d(11, 2), &p),
            local(11, 11, 0)
        );
        // 月报 of November: by the end of 5 December.
        assert_eq!(
            due_local(ReportKind::Monthly, d(11, 1), &p),
            local(12, 6, 0)
        );
        let sunday_due = ReportPolicy {
            weekly_due_weekday: 7,
            ..p
        };
        assert_eq!(
            due_local(ReportKind::Weekly, d(11, 2), &sunday_due),
            local(11, 16, 0)
        );
    }

    #[test]
    fn periods_and_their_starts() {
        assert_eq!(ReportKind::Weekly.period_of(d(11, 5)), d(11, 2));
        assert_eq!(ReportKind::Monthly.period_of(d(11, 30)), d(11, 1));
        assert_eq!(
            ReportKind::Weekly.periods(d(11, 1), d(11, 30)),
            vec![d(11, 2), d(11, 9), d(11, 16), d(11, 23), d(11, 30)]
        );
        assert_eq!(
            ReportKind::Monthly.periods(d(10, 15), d(12, 1)),
            vec![d(11, 1), d(12, 1)]
        );
        assert_eq!(ReportKind::Daily.periods(d(11, 1), d(11, 3)).len(), 3);
        assert_eq!(week_monday(d(11, 8)), d(11, 2));
    }

    #[test]
    fn late_with_and_without_an_announcement() {
        let due = Utc.with_ymd_and_hms(2026, 11, 4, 4, 0, 0).unwrap();
        let late = due + Duration::hours(2);
        assert_eq!(timeliness(due, due, None), Timeliness::OnTime);
        assert_eq!(timeliness(due, late, None), Timeliness::Late);
        assert_eq!(
            timeliness(due, late, Some(due - Duration::hours(1))),
            Timeliness::Announced
        );
        assert_eq!(
            timeliness(due, late, Some(due)),
            Timeliness::Late,
            "announced at the due time is not beforehand"
        );
        assert_eq!(
            timeliness(due, late, Some(due + Duration::minutes(5))),
            Timeliness::Late
        );
    }
}
