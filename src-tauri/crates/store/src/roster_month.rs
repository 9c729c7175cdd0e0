//! The month grid as the roster page reads it (cells, violations, publication, leave, swaps),
//! and publishing a month after checking it. Apart from the roster record so the record does not
//! depend on the requests that write to it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::roster::{
    Cell, LeaveFlag, LeaveRecord, ShiftTemplate, TeamFairness, TeamMember, Violation, leave_flags,
    month_days, team_fairness,
};
use floordesk_domain::{ErrorCode, Problem};
use serde::{Deserialize, Serialize};

use crate::roster::{RosterCell, parse_month};
use crate::{Actor, Result, Store, StoreError, from_ms};

/// A team's month once published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PublishedMonth {
    pub team_id: i64,
    pub published_at: DateTime<Utc>,
    pub published_by: Option<String>,
    /// Set when it was published despite violations.
    pub override_reason: Option<String>,
}

/// One agent's row in the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RosterAgent {
    pub employee_no: String,
    pub name: String,
    pub team_id: i64,
    pub team_name: String,
}

impl From<&crate::people::AgentRow> for RosterAgent {
    fn from(a: &crate::people::AgentRow) -> Self {
        RosterAgent {
            employee_no: a.employee_no.clone(),
            name: a.name.clone(),
            team_id: a.team_id,
            team_name: a.team_name.clone(),
        }
    }
}

/// Everything the month grid shows: the templates, the agents by team, the cells, the
/// violations, which teams have published, and the calendar's days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct RosterMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub templates: Vec<ShiftTemplate>,
    pub agents: Vec<RosterAgent>,
    pub cells: Vec<RosterCell>,
    pub violations: Vec<Violation>,
    pub published: Vec<PublishedMonth>,
    /// Holidays and 调休 working days in the month.
    pub holidays: Vec<crate::holidays::Holiday>,
    /// Leave requests touching the month (approved ones mark their days).
    pub leave: Vec<crate::leave::LeaveRequest>,
    /// Swap requests with a date in the month, newest first.
    pub swaps: Vec<crate::swaps::SwapRequest>,
    /// How each team shares night, weekend and holiday shifts (never a violation).
    pub fairness: Vec<TeamFairness>,
    /// Days off taken without telling beforehand, and leave approved with no cover (seed 004).
    pub leave_flags: Vec<LeaveFlag>,
}

/// What a write of cells changed in one month, for the page that wrote them: the touched
/// agents' cells as stored, their violations and their teams' fairness, re-checked. The rest of
/// the month is as it was, so the page patches what it holds instead of reading the month again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MonthRecheck {
    /// `YYYY-MM`.
    pub month: String,
    /// The 工号 written to; `cells` and `violations` hold all of theirs in the month.
    pub agents: Vec<String>,
    pub cells: Vec<RosterCell>,
    pub violations: Vec<Violation>,
    /// The touched agents' teams.
    pub fairness: Vec<TeamFairness>,
}

impl Store {
    /// The months `cells` touch, re-checked for the agents written to (see [`MonthRecheck`]),
    /// by the policy in force at `now`.
    pub fn roster_recheck(
        &self,
        cells: &[crate::roster::CellInput],
        now: DateTime<Utc>,
    ) -> Result<Vec<MonthRecheck>> {
        let mut months: BTreeMap<(i32, u32), BTreeSet<String>> = BTreeMap::new();
        for c in cells {
            use chrono::Datelike;
            months
                .entry((c.date.year(), c.date.month()))
                .or_default()
                .insert(c.employee_no.trim().to_owned());
        }
        if months.is_empty() {
            return Ok(Vec::new());
        }
        let agents = self.list_agents(false)?;
        let team_of: HashMap<&str, i64> = agents
            .iter()
            .map(|a| (a.employee_no.as_str(), a.team_id))
            .collect();
        let templates = self.shift_templates()?;
        let holidays = self.list_holidays()?;
        let mut out = Vec::with_capacity(months.len());
        for ((year, m), touched) in months {
            let Some((first, last)) = month_days(year, m) else {
                continue;
            };
            let teams: BTreeSet<i64> = touched
                .iter()
                .filter_map(|no| team_of.get(no.as_str()).copied())
                .collect();
            let members: Vec<RosterAgent> = agents
                .iter()
                .filter(|a| teams.contains(&a.team_id))
                .map(RosterAgent::from)
                .collect();
            let nos: BTreeSet<String> = members.iter().map(|a| a.employee_no.clone()).collect();
            let team_cells = self.roster_cells_among(first, last, Some(&nos))?;
            let month_holidays: Vec<_> = holidays
                .iter()
                .filter(|h| first <= h.date && h.date <= last)
                .cloned()
                .collect();
            let fairness = self.month_fairness(&members, &team_cells, &templates, &month_holidays);
            out.push(MonthRecheck {
                month: format!("{year:04}-{m:02}"),
                violations: self.roster_violations_among(year, m, now, Some(&touched))?,
                cells: team_cells
                    .into_iter()
                    .filter(|c| touched.contains(&c.employee_no))
                    .collect(),
                agents: touched.into_iter().collect(),
                fairness,
            });
        }
        Ok(out)
    }

    /// The month grid for `month` (`YYYY-MM`) as of `now` (the policy in force then).
    pub fn roster_month(&self, month: &str, now: DateTime<Utc>) -> Result<RosterMonth> {
        let (year, m) = parse_month(month).ok_or_else(|| bad_month(month))?;
        let (first, last) = month_days(year, m).ok_or_else(|| bad_month(month))?;
        let agents: Vec<RosterAgent> = self
            .list_agents(false)?
            .iter()
            .map(RosterAgent::from)
            .collect();
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.team_id, m.published_at, u.display_name, m.override_reason FROM roster_months m
             LEFT JOIN users u ON u.id = m.published_by WHERE m.month = ?1 ORDER BY m.team_id",
        )?;
        let published = stmt
            .query_map([month], |r| {
                Ok(PublishedMonth {
                    team_id: r.get(0)?,
                    published_at: from_ms(r.get(1)?),
                    published_by: r.get(2)?,
                    override_reason: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let templates = self.shift_templates()?;
        let cells = self.roster_cells(first, last)?;
        let holidays: Vec<crate::holidays::Holiday> = self
            .list_holidays()?
            .into_iter()
            .filter(|h| first <= h.date && h.date <= last)
            .collect();
        let leave = self.leave_requests(first, last)?;
        let fairness = self.month_fairness(&agents, &cells, &templates, &holidays);
        let leave_flags = self.month_leave_flags(&leave, first, last, now)?;
        Ok(RosterMonth {
            month: month.trim().to_owned(),
            first,
            last,
            violations: self.roster_violations(year, m, now)?,
            templates,
            agents,
            cells,
            published,
            holidays,
            leave,
            swaps: self.swap_requests(first, last)?,
            fairness,
            leave_flags,
        })
    }

    /// The month as `actor` may see it: an agent sees their own team's rows only.
    pub fn roster_month_seen_by(
        &self,
        month: &str,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<RosterMonth> {
        let mut view = self.roster_month(month, now)?;
        if let Some(team_id) = self.reach_of(actor)?.team_view(self)? {
            view.agents.retain(|a| a.team_id == team_id);
            let team: BTreeSet<String> =
                view.agents.iter().map(|a| a.employee_no.clone()).collect();
            view.cells.retain(|c| team.contains(&c.employee_no));
            view.violations.retain(|v| team.contains(&v.employee_no));
            view.leave.retain(|l| team.contains(&l.employee_no));
            view.swaps
                .retain(|s| team.contains(&s.employee_no_a) || team.contains(&s.employee_no_b));
            view.fairness.retain(|f| f.team_id == team_id);
            view.leave_flags.retain(|f| team.contains(&f.employee_no));
            view.published.retain(|p| p.team_id == team_id);
        }
        Ok(view)
    }

    fn month_fairness(
        &self,
        agents: &[RosterAgent],
        cells: &[RosterCell],
        templates: &[ShiftTemplate],
        holidays: &[crate::holidays::Holiday],
    ) -> Vec<TeamFairness> {
        let mut by_agent: HashMap<&str, BTreeMap<chrono::NaiveDate, Cell>> = HashMap::new();
        for c in cells {
            if let Ok(cell) = Cell::parse(&c.cell, templates) {
                by_agent
                    .entry(&c.employee_no)
                    .or_default()
                    .insert(c.date, cell);
            }
        }
        let calendar = holidays.iter().map(|h| (h.date, h.kind)).collect();
        let members: Vec<TeamMember<'_>> = agents
            .iter()
            .filter_map(|a| {
                Some(TeamMember {
                    team_id: a.team_id,
                    employee_no: &a.employee_no,
                    cells: by_agent.get(a.employee_no.as_str())?,
                })
            })
            .collect();
        team_fairness(&members, templates, &calendar)
    }

    fn month_leave_flags(
        &self,
        leave: &[crate::leave::LeaveRequest],
        first: NaiveDate,
        last: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<LeaveFlag>> {
        use crate::leave::LeaveStatus;
        let tz = self.site()?.map_or(chrono_tz::Asia::Shanghai, |s| s.tz());
        let records: Vec<LeaveRecord> = leave
            .iter()
            .map(|l| LeaveRecord {
                id: l.id,
                employee_no: l.employee_no.clone(),
                from: l.from,
                to: l.to,
                requested_on: l.requested_at.with_timezone(&tz).date_naive(),
                approved: l.status == LeaveStatus::Approved,
                rejected: l.status == LeaveStatus::Rejected,
                cover: l.cover.clone(),
                decided_by: l.decided_by.clone(),
            })
            .collect();
        let missed = self.missed_shifts(first, last, now)?;
        Ok(leave_flags(&records, &missed)
            .into_iter()
            .filter(|f| first <= f.date && f.date <= last)
            .collect())
    }

    /// Publishes a team's month after checking it: with violations among the team's agents it
    /// needs `override_reason`, which is kept. Returns the violations it was published with.
    pub fn publish_roster_checked(
        &mut self,
        team_id: i64,
        month: &str,
        override_reason: Option<&str>,
        actor: Actor,
    ) -> Result<Vec<Violation>> {
        let (year, m) = parse_month(month).ok_or_else(|| bad_month(month))?;
        let team: BTreeSet<String> = self
            .list_agents(true)?
            .into_iter()
            .filter(|a| a.team_id == team_id)
            .map(|a| a.employee_no)
            .collect();
        let violations: Vec<Violation> = self
            .roster_violations(year, m, actor.at)?
            .into_iter()
            .filter(|v| team.contains(&v.employee_no))
            .collect();
        let reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
        if !violations.is_empty() && reason.is_none() {
            return Err(Problem::new(
                ErrorCode::RosterHasViolations,
                format!(
                    "{} rule violation(s) in this month: fix them or give a reason to publish anyway",
                    violations.len()
                ),
            )
            .with("count", violations.len())
            .into());
        }
        let reason = if violations.is_empty() { None } else { reason };
        self.publish_roster(team_id, month.trim(), reason, actor)?;
        Ok(violations)
    }
}

fn bad_month(text: &str) -> StoreError {
    Problem::new(
        ErrorCode::UsageBadMonth,
        format!("'{text}' is not a month like 2026-11"),
    )
    .with("value", text)
    .into()
}
