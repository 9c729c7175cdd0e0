//! 覆盖: a team's rostered heads per half hour against its requirement, for each day of a
//! month, as the roster stands (drafts included), so the coverage chart and heat map follow
//! every edit of the grid.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use floordesk_domain::roster::coverage::{
    CoverageTotals, DayCoverage, SLOTS_PER_DAY, coverage_totals, heads_per_half_hour,
};
use floordesk_domain::roster::{Cell, month_days};
use floordesk_domain::{ErrorCode, Problem};
use serde::{Deserialize, Serialize};

use crate::requirement::requirement_by_date;
use crate::roster::parse_month;
use crate::{Result, Store};

/// One day of a team's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoverageDay {
    #[serde(flatten)]
    pub coverage: DayCoverage,
    /// The requirement the day is measured on: `"1"`–`"7"` or `"holiday"`.
    pub day_kind: String,
    /// Whether the team has a requirement for that kind of day.
    pub has_requirement: bool,
}

/// A team's month of coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TeamCoverage {
    pub team_id: i64,
    /// `YYYY-MM`.
    pub month: String,
    pub days: Vec<CoverageDay>,
    pub totals: CoverageTotals,
}

impl Store {
    /// The team's coverage for the month (`YYYY-MM`): every day, with or without a requirement.
    pub fn roster_coverage(&self, team_id: i64, month: &str) -> Result<TeamCoverage> {
        let bad = || {
            Problem::new(
                ErrorCode::UsageBadMonth,
                format!("'{month}' is not a month like 2026-11"),
            )
            .with("value", month)
        };
        let (year, m) = parse_month(month).ok_or_else(bad)?;
        let (first, last) = month_days(year, m).ok_or_else(bad)?;
        let templates = self.shift_templates()?;
        let nos: BTreeSet<String> = self
            .list_agents(true)?
            .into_iter()
            .filter(|a| a.team_id == team_id)
            .map(|a| a.employee_no)
            .collect();
        let cells: Vec<(NaiveDate, Cell)> = self
            .roster_cells_among(first - Duration::days(1), last, Some(&nos))?
            .into_iter()
            .filter_map(|c| Some((c.date, Cell::parse(&c.cell, &templates).ok()?)))
            .collect();
        let heads =
            heads_per_half_hour(first, last, cells.iter().map(|(d, c)| (*d, c)), &templates);
        let calendar: BTreeMap<_, _> = self
            .list_holidays()?
            .into_iter()
            .filter(|h| first <= h.date && h.date <= last)
            .map(|h| (h.date, h.kind))
            .collect();
        let needs = requirement_by_date(&self.requirement(team_id)?, &calendar, first, last);
        let days: Vec<CoverageDay> = heads
            .into_iter()
            .zip(needs.into_values())
            .map(|((date, rostered), (day_kind, needed))| CoverageDay {
                coverage: DayCoverage {
                    date,
                    needed: needed.unwrap_or([0; SLOTS_PER_DAY]).to_vec(),
                    rostered: rostered.to_vec(),
                },
                day_kind,
                has_requirement: needed.is_some(),
            })
            .collect();
        let plain: Vec<DayCoverage> = days.iter().map(|d| d.coverage.clone()).collect();
        Ok(TeamCoverage {
            team_id,
            month: format!("{year:04}-{m:02}"),
            totals: coverage_totals(&plain),
            days,
        })
    }
}
