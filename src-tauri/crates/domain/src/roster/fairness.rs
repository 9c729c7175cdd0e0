//! Fairness within a team (seed 003, 公平性原则): how a month's night, weekend and holiday shifts
//! are shared among the team's agents. Shown as the spread (fewest to most), never a violation:
//! a lead judges whether a difference is fair.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::template::ShiftTemplate;
use crate::calendar::HolidayKind;

/// One agent's share of the month's unsocial shifts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FairShare {
    pub employee_no: String,
    /// Shifts of a template counted as night.
    pub nights: u32,
    /// Shifts on a Saturday or Sunday that is not a 调休 working day.
    pub weekend_shifts: u32,
    /// Shifts on a public holiday.
    pub holiday_shifts: u32,
}

/// The fewest and the most any agent of the team has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct Spread {
    pub min: u32,
    pub max: u32,
}

impl Spread {
    fn of(values: impl Iterator<Item = u32>) -> Spread {
        values
            .fold(None, |acc: Option<Spread>, v| {
                Some(acc.map_or(Spread { min: v, max: v }, |s| Spread {
                    min: s.min.min(v),
                    max: s.max.max(v),
                }))
            })
            .unwrap_or_default()
    }
}

/// A team's spread for each kind of unsocial shift, over its agents with any cell in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TeamFairness {
    pub team_id: i64,
    pub agents: u32,
    pub nights: Spread,
    pub weekend_shifts: Spread,
    pub holiday_shifts: Spread,
    pub shares: Vec<FairShare>,
}

/// One agent's month as fairness reads it: their team and the cells of the month only.
pub struct TeamMember<'a> {
    pub team_id: i64,
    pub employee_no: &'a str,
    pub cells: &'a BTreeMap<NaiveDate, Cell>,
}

/// One agent's share of night, weekend and holiday shifts. `calendar` holds the site's
/// holidays and 调休 working days.
pub fn fair_share(
    employee_no: &str,
    cells: &BTreeMap<NaiveDate, Cell>,
    templates: &[ShiftTemplate],
    calendar: &HashMap<NaiveDate, HolidayKind>,
) -> FairShare {
    let mut share = FairShare {
        employee_no: employee_no.to_owned(),
        nights: 0,
        weekend_shifts: 0,
        holiday_shifts: 0,
    };
    for (date, cell) in cells {
        let Some(times) = cell.times(*date, templates) else {
            continue;
        };
        share.nights += u32::from(times.night);
        let kind = calendar.get(date).copied();
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        share.weekend_shifts += u32::from(weekend && kind != Some(HolidayKind::Workday));
        share.holiday_shifts += u32::from(kind == Some(HolidayKind::Holiday));
    }
    share
}

/// Each team's spread, in the order teams first appear in `members`.
pub fn team_fairness(
    members: &[TeamMember<'_>],
    templates: &[ShiftTemplate],
    calendar: &HashMap<NaiveDate, HolidayKind>,
) -> Vec<TeamFairness> {
    let mut teams: Vec<TeamFairness> = Vec::new();
    for m in members {
        let share = fair_share(m.employee_no, m.cells, templates, calendar);
        match teams.iter_mut().find(|t| t.team_id == m.team_id) {
            Some(team) => team.shares.push(share),
            None => teams.push(TeamFairness {
                team_id: m.team_id,
                agents: 0,
                nights: Spread::default(),
                weekend_shifts: Spread::default(),
                holiday_shifts: Spread::default(),
                shares: vec![share],
            }),
        }
    }
    for team in &mut teams {
        team.agents = team.shares.len() as u32;
        team.nights = Spread::of(team.shares.iter().map(|s| s.nights));
        team.weekend_shifts = Spread::of(team.shares.iter().map(|s| s.weekend_shifts));
        team.holiday_shifts = Spread::of(team.shares.iter().map(|s| s.holiday_shifts));
    }
    teams
}
