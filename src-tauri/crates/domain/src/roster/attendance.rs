//! 考勤: one agent's day as attendance records it, from the roster and what the live floor
//! judged. The floor's engine decides who was late, absent or left early (its stored alerts);
//! this module only names the day and measures the minutes, so the board, the attendance table
//! and the CLI agree. Late minutes run from shift start − `ready_before_start_min` (when the
//! agent had to be signed in and ready) to the first at-work event; early-leave minutes from the
//! sign-out to the shift's end; both are whole minutes, rounded up.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::leave::LeaveKind;

/// The 状态 column: 正常, 迟到, 早退, 迟到+早退, 旷工, 已报备, 请假:<type>, 休息.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "leave", rename_all = "snake_case")]
pub enum DayStatus {
    Normal,
    Late,
    EarlyLeave,
    LateAndEarly,
    /// 旷工: never came, without notice.
    Absent,
    /// 已报备: gave notice before the shift started, so the floor excused it.
    Noticed,
    Leave(LeaveKind),
    Rest,
}

impl DayStatus {
    /// The words of the exported 状态 column.
    pub fn label_zh(self) -> String {
        match self {
            DayStatus::Normal => "正常".into(),
            DayStatus::Late => "迟到".into(),
            DayStatus::EarlyLeave => "早退".into(),
            DayStatus::LateAndEarly => "迟到+早退".into(),
            DayStatus::Absent => "旷工".into(),
            DayStatus::Noticed => "已报备".into(),
            DayStatus::Leave(kind) => format!("请假:{}", kind.label_zh()),
            DayStatus::Rest => "休息".into(),
        }
    }
}

/// What the roster and the floor hold about one agent's shift date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayFacts {
    /// The rostered shift's first start and last end; `None` when nothing is rostered.
    pub shift: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The cell is 休.
    pub rest: bool,
    /// Approved leave covering the date.
    pub leave: Option<LeaveKind>,
    /// The floor's stored alerts for the shift.
    pub late_alert: bool,
    pub absent_alert: bool,
    pub early_leave_alert: bool,
    /// A notice (报备) given before the shift started.
    pub noticed_before_start: bool,
    /// The first at-work event from shift start − `ready_before_start_min` on (before the end).
    pub first_at_work: Option<DateTime<Utc>>,
    /// The sign-out the early-leave alert was raised for.
    pub left_at: Option<DateTime<Utc>>,
}

/// One row of the daily attendance table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DayAttendance {
    pub status: DayStatus,
    pub late_min: i64,
    pub early_min: i64,
}

fn minutes_up(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let secs = (to - from).num_seconds().max(0);
    (secs + 59) / 60
}

/// The day as attendance records it; `None` for a date with neither shift, rest nor leave.
pub fn judge_day(facts: &DayFacts, ready_before_start_min: i64) -> Option<DayAttendance> {
    let day = |status| DayAttendance {
        status,
        late_min: 0,
        early_min: 0,
    };
    if let Some(kind) = facts.leave {
        return Some(day(DayStatus::Leave(kind)));
    }
    let Some((start, end)) = facts.shift else {
        return facts.rest.then(|| day(DayStatus::Rest));
    };
    if facts.absent_alert {
        return Some(day(DayStatus::Absent));
    }
    let late_min = match (facts.late_alert, facts.first_at_work) {
        (true, Some(came)) => {
            minutes_up(start - Duration::minutes(ready_before_start_min), came).max(1)
        }
        (true, None) => minutes_up(start - Duration::minutes(ready_before_start_min), end),
        (false, _) => 0,
    };
    let early_min = match (facts.early_leave_alert, facts.left_at) {
        (true, Some(left)) => minutes_up(left, end).max(1),
        _ => 0,
    };
    let status = match (late_min > 0, early_min > 0) {
        (true, true) => DayStatus::LateAndEarly,
        (true, false) => DayStatus::Late,
        (false, true) => DayStatus::EarlyLeave,
        (false, false) if facts.noticed_before_start => DayStatus::Noticed,
        (false, false) => DayStatus::Normal,
    };
    Some(DayAttendance {
        status,
        late_min,
        early_min,
    })
}

/// One agent's month: the monthly summary of the attendance table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct MonthAttendance {
    /// Shifts the agent came to (every status but absent, noticed, leave and rest).
    pub days_worked: i64,
    /// Paid minutes of the shifts worked, as rostered.
    pub paid_minutes: i64,
    pub late_count: i64,
    pub late_minutes: i64,
    pub early_count: i64,
    pub early_minutes: i64,
    pub absences: i64,
    pub noticed: i64,
    pub rest_days: i64,
    /// Days of leave by kind (`sick`, `annual` …).
    pub leave_days: BTreeMap<String, i64>,
}

impl MonthAttendance {
    /// Adds one judged day; `paid_minutes` is the rostered shift's paid time.
    pub fn add(&mut self, day: &DayAttendance, paid_minutes: i64) {
        match day.status {
            DayStatus::Absent => self.absences += 1,
            DayStatus::Noticed => self.noticed += 1,
            DayStatus::Rest => self.rest_days += 1,
            DayStatus::Leave(kind) => {
                *self.leave_days.entry(kind.as_str().to_owned()).or_default() += 1;
            }
            DayStatus::Normal
            | DayStatus::Late
            | DayStatus::EarlyLeave
            | DayStatus::LateAndEarly => {
                self.days_worked += 1;
                self.paid_minutes += paid_minutes;
            }
        }
        if day.late_min > 0 {
            self.late_count += 1;
            self.late_minutes += day.late_min;
        }
        if day.early_min > 0 {
            self.early_count += 1;
            self.early_minutes += day.early_min;
        }
    }
}

/// The dates of a month a table covers: up to `today`, since later days are not judged yet.
pub fn judged_dates(first: NaiveDate, last: NaiveDate, today: NaiveDate) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| *d <= last && *d <= today)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, h, m, s).unwrap()
    }

    fn shift() -> DayFacts {
        DayFacts {
            shift: Some((at(1, 0, 0), at(9, 0, 0))),
            first_at_work: Some(at(0, 55, 0)),
            ..DayFacts::default()
        }
    }

    #[test]
    fn a_shift_without_alerts_is_normal() {
        let day = judge_day(&shift(), 3).unwrap();
        assert_eq!(day.status, DayStatus::Normal);
        assert_eq!((day.late_min, day.early_min), (0, 0));
    }

    #[test]
    fn late_minutes_run_from_the_ready_time_and_round_up() {
        // Ready was due at 00:57; signed in at 01:04:01 → 7 min 1 s → 8 minutes.
        let facts = DayFacts {
            late_alert: true,
            first_at_work: Some(at(1, 4, 1)),
            ..shift()
        };
        let day = judge_day(&facts, 3).unwrap();
        assert_eq!(day.status, DayStatus::Late);
        assert_eq!(day.late_min, 8);
        assert_eq!(day.status.label_zh(), "迟到");
    }

    #[test]
    fn a_late_alert_is_at_least_one_minute_even_at_the_edge() {
        let facts = DayFacts {
            late_alert: true,
            first_at_work: Some(at(0, 57, 0)),
            ..shift()
        };
        assert_eq!(judge_day(&facts, 3).unwrap().late_min, 1);
    }

    #[test]
    fn early_leave_runs_from_the_sign_out_to_the_end() {
        let facts = DayFacts {
            early_leave_alert: true,
            left_at: Some(at(8, 30, 30)),
            ..shift()
        };
        let day = judge_day(&facts, 3).unwrap();
        assert_eq!(day.status, DayStatus::EarlyLeave);
        assert_eq!(day.early_min, 30);
        let both = DayFacts {
            late_alert: true,
            first_at_work: Some(at(1, 10, 0)),
            ..facts
        };
        let day = judge_day(&both, 3).unwrap();
        assert_eq!(day.status.label_zh(), "迟到+早退");
        assert_eq!((day.late_min, day.early_min), (13, 30));
    }

    #[test]
    fn absence_notice_leave_and_rest_name_the_day() {
        let absent = DayFacts {
            absent_alert: true,
            late_alert: true,
            first_at_work: None,
            ..shift()
        };
        assert_eq!(judge_day(&absent, 3).unwrap().status.label_zh(), "旷工");
        let noticed = DayFacts {
            noticed_before_start: true,
            first_at_work: None,
            ..shift()
        };
        assert_eq!(judge_day(&noticed, 3).unwrap().status.label_zh(), "已报备");
        let leave = DayFacts {
            leave: Some(LeaveKind::Sick),
            ..DayFacts::default()
        };
        assert_eq!(judge_day(&leave, 3).unwrap().status.label_zh(), "请假:病假");
        let rest = DayFacts {
            rest: true,
            ..DayFacts::default()
        };
        assert_eq!(judge_day(&rest, 3).unwrap().status.label_zh(), "休息");
        assert_eq!(judge_day(&DayFacts::default(), 3), None);
    }

    #[test]
    fn the_month_adds_up_its_days() {
        let mut month = MonthAttendance::default();
        let late = judge_day(
            &DayFacts {
                late_alert: true,
                first_at_work: Some(at(1, 2, 0)),
                ..shift()
            },
            3,
        )
        .unwrap();
        month.add(&late, 450);
        month.add(&judge_day(&shift(), 3).unwrap(), 450);
        month.add(
            &judge_day(
                &DayFacts {
                    leave: Some(LeaveKind::Annual),
                    ..DayFacts::default()
                },
                3,
            )
            .unwrap(),
            0,
        );
        assert_eq!(month.days_worked, 2);
        assert_eq!(month.paid_minutes, 900);
        assert_eq!((month.late_count, month.late_minutes), (1, 5));
        assert_eq!(month.leave_days.get("annual"), Some(&1));
    }
}
