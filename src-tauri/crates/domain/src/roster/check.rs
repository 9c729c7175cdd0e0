//! The rules a month's roster is checked against, as the grid changes and before it is
//! published: at most `max_consecutive_work_days` working days in a row (做六休一), at least
//! `rest_days_per_month` rest days pro-rated for joiners and leavers (每月休息4天), at least
//! `min_rest_between_shifts_h` hours between two shifts, and no shift on a day of leave.
//! A rest day is a 休 cell; leave and empty cells are neither rest nor work, so they end a
//! working streak without counting as rest.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::template::ShiftTemplate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RosterPolicy {
    pub max_consecutive_work_days: i64,
    pub rest_days_per_month: i64,
    pub min_rest_between_shifts_h: i64,
}

impl Default for RosterPolicy {
    /// Seed 003's numbers, and 8 hours between shifts (the catalogue's defaults).
    fn default() -> Self {
        RosterPolicy {
            max_consecutive_work_days: 6,
            rest_days_per_month: 4,
            min_rest_between_shifts_h: 8,
        }
    }
}

impl RosterPolicy {
    /// From the stored settings (key → value); a missing key keeps its default.
    pub fn from_settings(settings: &BTreeMap<String, i64>) -> RosterPolicy {
        let mut policy = RosterPolicy::default();
        for (key, field) in [
            (
                "max_consecutive_work_days",
                &mut policy.max_consecutive_work_days,
            ),
            ("rest_days_per_month", &mut policy.rest_days_per_month),
            (
                "min_rest_between_shifts_h",
                &mut policy.min_rest_between_shifts_h,
            ),
        ] {
            if let Some(value) = settings.get(key) {
                *field = *value;
            }
        }
        policy
    }
}

/// The rules, in the order violations of one agent on one date are listed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum RosterRule {
    MaxConsecutiveWorkDays,
    MinRestDays,
    MinRestBetweenShifts,
    ShiftDuringLeave,
}

impl RosterRule {
    pub const ALL: [RosterRule; 4] = [
        RosterRule::MaxConsecutiveWorkDays,
        RosterRule::MinRestDays,
        RosterRule::MinRestBetweenShifts,
        RosterRule::ShiftDuringLeave,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RosterRule::MaxConsecutiveWorkDays => "max_consecutive_work_days",
            RosterRule::MinRestDays => "min_rest_days",
            RosterRule::MinRestBetweenShifts => "min_rest_between_shifts",
            RosterRule::ShiftDuringLeave => "shift_during_leave",
        }
    }
}

/// One broken rule, on the cell it is marked on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
pub struct Violation {
    pub date: NaiveDate,
    /// 工号.
    pub employee_no: String,
    pub rule: RosterRule,
    /// A streak's first and last working day (`max_consecutive_work_days`).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Rest days in the month and the days required (`min_rest_days`).
    pub rest_days: Option<i64>,
    pub required: Option<i64>,
    /// Minutes from the end of one shift to the start of the next (`min_rest_between_shifts`);
    /// negative when they overlap.
    pub gap_minutes: Option<i64>,
}

impl Violation {
    pub(crate) fn new(rule: RosterRule, employee_no: &str, date: NaiveDate) -> Violation {
        Violation {
            date,
            employee_no: employee_no.to_owned(),
            rule,
            from: None,
            to: None,
            rest_days: None,
            required: None,
            gap_minutes: None,
        }
    }
}

/// One agent's roster around a month.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgentMonth {
    /// 工号.
    pub employee_no: String,
    /// First day employed (入职日期), if known.
    pub joined_on: Option<NaiveDate>,
    /// Last day employed (离职日期), if leaving.
    pub left_on: Option<NaiveDate>,
    /// Cells by date: the month and `max_consecutive_work_days` days either side, so a streak
    /// over a month boundary counts. A missing date is an empty cell.
    pub cells: BTreeMap<NaiveDate, Cell>,
    /// Days of approved leave.
    pub leave: BTreeSet<NaiveDate>,
}

/// The first and last day of a month.
pub fn month_days(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// Every violation of the month `(year, month)` for these agents, sorted by date, 工号, rule.
pub fn check_month(
    (year, month): (i32, u32),
    agents: &[AgentMonth],
    templates: &[ShiftTemplate],
    policy: &RosterPolicy,
) -> Vec<Violation> {
    let Some((first, last)) = month_days(year, month) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for agent in agents {
        check_agent(agent, (first, last), templates, policy, &mut out);
    }
    out.sort();
    out
}

fn check_agent(
    agent: &AgentMonth,
    (first, last): (NaiveDate, NaiveDate),
    templates: &[ShiftTemplate],
    policy: &RosterPolicy,
    out: &mut Vec<Violation>,
) {
    let in_month = |d: NaiveDate| first <= d && d <= last;
    let no = agent.employee_no.as_str();

    // Working streaks, over every date given (missing dates are empty).
    let limit = policy.max_consecutive_work_days.max(0);
    let mut streak: Option<(NaiveDate, NaiveDate)> = None;
    let close = |streak: Option<(NaiveDate, NaiveDate)>, out: &mut Vec<Violation>| {
        if let Some((from, to)) = streak {
            let over = from + Duration::days(limit);
            if over <= to && in_month(over) {
                out.push(Violation {
                    from: Some(from),
                    to: Some(to),
                    ..Violation::new(RosterRule::MaxConsecutiveWorkDays, no, over)
                });
            }
        }
    };
    for (&date, cell) in &agent.cells {
        streak = match streak {
            Some((from, to)) if cell.is_work() && date == to + Duration::days(1) => {
                Some((from, date))
            }
            _ if cell.is_work() => {
                close(streak, out);
                Some((date, date))
            }
            _ => {
                close(streak, out);
                None
            }
        };
    }
    close(streak, out);

    // Rest days in the month, against the days required for the days employed.
    let employed_from = agent.joined_on.map_or(first, |d| d.max(first));
    let employed_to = agent.left_on.map_or(last, |d| d.min(last));
    if employed_from <= employed_to {
        let employed = (employed_to - employed_from).num_days() + 1;
        let days = (last - first).num_days() + 1;
        // Half up: rest days × days employed ÷ days in the month.
        let required = (2 * policy.rest_days_per_month * employed + days) / (2 * days);
        let rest_days = agent
            .cells
            .range(employed_from..=employed_to)
            .filter(|(_, c)| **c == Cell::Rest)
            .count() as i64;
        if rest_days < required {
            out.push(Violation {
                rest_days: Some(rest_days),
                required: Some(required),
                ..Violation::new(RosterRule::MinRestDays, no, last)
            });
        }
    }

    // Rest between one shift's end and the next one's start.
    let min_gap = policy.min_rest_between_shifts_h * 60;
    let mut previous: Option<chrono::NaiveDateTime> = None;
    for (&date, cell) in &agent.cells {
        let Some(times) = cell.times(date, templates) else {
            continue;
        };
        if let Some(end) = previous {
            let gap = (times.start - end).num_minutes();
            if gap < min_gap && in_month(date) {
                out.push(Violation {
                    gap_minutes: Some(gap),
                    ..Violation::new(RosterRule::MinRestBetweenShifts, no, date)
                });
            }
        }
        previous = Some(times.end);
    }

    // No shift on a day of leave.
    for date in agent.leave.range(first..=last) {
        if agent.cells.get(date).is_some_and(Cell::is_work) {
            out.push(Violation::new(RosterRule::ShiftDuringLeave, no, *date));
        }
    }
}
