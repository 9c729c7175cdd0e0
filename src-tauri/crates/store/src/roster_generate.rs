//! 自动排班 over the store: pinned cells and wished rest days, and filling a team's month as
//! draft cells from its requirement. The store gathers the facts (the team's agents and their
//! employment, the cells around the month, approved leave, pins, wishes, the calendar, the policy
//! in force) and writes what the domain's generator returns through the roster's own write, so
//! the live floor's shifts follow and the lead's reach is checked as for any edit.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use floordesk_domain::calendar::HolidayKind;
use floordesk_domain::roster::generate::{
    Cancelled, GenAgent, GenerateInput, Generated, SLOTS_PER_DAY, Unmet, generate,
};
use floordesk_domain::roster::{Cell, RosterPolicy, ShiftTemplate, Spread, month_days};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::requirement::requirement_by_date;
use crate::roster::{CellInput, parse_month};
use crate::{Actor, Result, Store, StoreError, to_ms};

/// One half hour with fewer agents rostered than needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct UncoveredHalfHour {
    /// The team's name.
    pub team: String,
    pub date: NaiveDate,
    /// `HH:MM`.
    pub from: String,
    /// `HH:MM` (`24:00` for the day's last half hour).
    pub to: String,
    pub needed: u16,
    pub rostered: u16,
}

/// What a generation wrote and how well it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct GenerationReport {
    pub team_id: i64,
    pub team: String,
    /// `YYYY-MM`.
    pub month: String,
    /// The first date it could write (later dates of a month already under way).
    pub first_free: NaiveDate,
    /// Cells that changed.
    pub written: u32,
    /// Sorted by date, then `from`.
    pub uncovered: Vec<UncoveredHalfHour>,
    /// Half-hour-agents needed from `first_free` on, and those left short.
    pub needed_slot_agents: u32,
    pub uncovered_slot_agents: u32,
    pub wishes_asked: u32,
    pub wishes_granted: u32,
    pub unmet: Vec<Unmet>,
    pub nights: Spread,
    pub weekend_shifts: Spread,
    pub holiday_shifts: Spread,
}

/// A rest day an agent asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RosterWish {
    pub employee_no: String,
    pub date: NaiveDate,
    pub note: Option<String>,
}

fn bad_month(month: &str) -> StoreError {
    Problem::new(
        ErrorCode::UsageBadMonth,
        format!("'{month}' is not a month like 2026-11"),
    )
    .with("value", month)
    .into()
}

fn slot_time(slot: usize) -> String {
    let minutes = slot * 30;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl Store {
    /// Pins (or unpins) cells: generation keeps a pinned cell as it is.
    pub fn pin_roster_cells(
        &mut self,
        cells: &[(String, NaiveDate)],
        pinned: bool,
        actor: Actor,
    ) -> Result<()> {
        let mut ids = Vec::with_capacity(cells.len());
        for (no, date) in cells {
            let agent = self.agent_by_employee_no(no)?.ok_or_else(|| {
                StoreError::from(
                    Problem::new(ErrorCode::NotFound, format!("no agent has 工号 {no}"))
                        .with("entity", "agent")
                        .with("id", no.as_str()),
                )
            })?;
            ids.push((agent.id, *date));
        }
        self.write(|tx| {
            for (id, date) in &ids {
                if pinned {
                    tx.execute(
                        "INSERT INTO roster_pins (agent_id, date, pinned_at, pinned_by) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (agent_id, date) DO NOTHING",
                        params![id, date.to_string(), to_ms(actor.at), actor.user_id],
                    )?;
                } else {
                    tx.execute(
                        "DELETE FROM roster_pins WHERE agent_id = ?1 AND date = ?2",
                        params![id, date.to_string()],
                    )?;
                }
            }
            actor
                .audit(if pinned { "pin" } else { "unpin" }, "roster", None, Some(format!("{} cells", ids.len())))
                .record(tx)
        })
    }

    /// The pinned cells from `first` to `last`, as (工号, date).
    pub fn roster_pins(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<BTreeSet<(String, NaiveDate)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no, p.date FROM roster_pins p JOIN agents a ON a.id = p.agent_id
             WHERE p.date BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map([first.to_string(), last.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = BTreeSet::new();
        for row in rows {
            let (no, date) = row?;
            if let Ok(date) = date.parse() {
                out.insert((no, date));
            }
        }
        Ok(out)
    }

    /// Records (or with `wished` false, withdraws) a rest day an agent asked for.
    pub fn put_roster_wish(&mut self, wish: &RosterWish, wished: bool, actor: Actor) -> Result<()> {
        let agent = self
            .agent_by_employee_no(&wish.employee_no)?
            .ok_or_else(|| {
                StoreError::from(
                    Problem::new(
                        ErrorCode::NotFound,
                        format!("no agent has 工号 {}", wish.employee_no),
                    )
                    .with("entity", "agent")
                    .with("id", wish.employee_no.as_str()),
                )
            })?;
        let note = wish
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        self.write(|tx| {
            if wished {
                tx.execute(
                    "INSERT INTO roster_wishes (agent_id, date, note, entered_at, entered_by) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (agent_id, date) DO UPDATE SET note = excluded.note",
                    params![agent.id, wish.date.to_string(), note, to_ms(actor.at), actor.user_id],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM roster_wishes WHERE agent_id = ?1 AND date = ?2",
                    params![agent.id, wish.date.to_string()],
                )?;
            }
            actor
                .audit(if wished { "wish" } else { "unwish" }, "roster", Some(agent.id), Some(wish.date.to_string()))
                .record(tx)
        })
    }

    /// The wished rest days from `first` to `last`.
    pub fn roster_wishes(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<RosterWish>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no, w.date, w.note FROM roster_wishes w JOIN agents a ON a.id = w.agent_id
             WHERE w.date BETWEEN ?1 AND ?2 ORDER BY w.date, a.employee_no",
        )?;
        let rows = stmt.query_map([first.to_string(), last.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (employee_no, date, note) = row?;
            if let Ok(date) = date.parse() {
                out.push(RosterWish {
                    employee_no,
                    date,
                    note,
                });
            }
        }
        Ok(out)
    }

    /// Fills the team's month (`YYYY-MM`) as draft cells from its requirement, keeping pinned
    /// cells (an empty one stays empty), approved leave and, in a month under way, every day up
    /// to today (the live floor has judged them). A published month is refused. `progress` hears
    /// the percentage done and may answer `false` to cancel, which writes nothing.
    pub fn generate_roster(
        &mut self,
        team_id: i64,
        month: &str,
        seed: u64,
        actor: Actor,
        progress: &mut dyn FnMut(u8) -> bool,
    ) -> Result<std::result::Result<GenerationReport, Cancelled>> {
        let (year, m) = parse_month(month).ok_or_else(|| bad_month(month))?;
        let (first, _) = month_days(year, m).ok_or_else(|| bad_month(month))?;
        let tz = self.require_site()?.tz();
        let today = actor.at.with_timezone(&tz).date_naive();
        let first_free = first.max(today + Duration::days(1));
        self.generate_roster_from(team_id, month, seed, first_free, None, actor, progress)
    }

    /// [`Store::generate_roster`] writing from `first_free` on (clamped to the month), whatever
    /// the clock says: the demo fills whole past months this way. Days before `first_free`,
    /// pins and approved leave are kept as in the public call. `steps`: the search's length
    /// (`None`: the generator's own choice).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn generate_roster_from(
        &mut self,
        team_id: i64,
        month: &str,
        seed: u64,
        first_free: NaiveDate,
        steps: Option<u64>,
        actor: Actor,
        progress: &mut dyn FnMut(u8) -> bool,
    ) -> Result<std::result::Result<GenerationReport, Cancelled>> {
        let job = self.generation_job(team_id, month, seed, first_free, steps, actor)?;
        match job.run(progress) {
            Ok(generated) => Ok(Ok(self.write_generation(&job, &generated, actor)?)),
            Err(cancelled) => Ok(Err(cancelled)),
        }
    }

    /// What generating the team's month from `first_free` takes, read from the store (the
    /// month's checks first: the team, the actor's reach, a month not published).
    pub(crate) fn generation_job(
        &self,
        team_id: i64,
        month: &str,
        seed: u64,
        first_free: NaiveDate,
        steps: Option<u64>,
        actor: Actor,
    ) -> Result<GenerationJob> {
        let (year, m) = parse_month(month).ok_or_else(|| bad_month(month))?;
        let (first, last) = month_days(year, m).ok_or_else(|| bad_month(month))?;
        let first_free = first_free.max(first);
        let month = format!("{year:04}-{m:02}");
        let team = self
            .list_teams()?
            .into_iter()
            .find(|t| t.id == team_id)
            .ok_or_else(|| {
                StoreError::from(
                    Problem::new(ErrorCode::NotFound, format!("no team {team_id}"))
                        .with("entity", "team")
                        .with("id", team_id.to_string()),
                )
            })?;
        self.require_team_reach(team_id, actor)?;
        if self.roster_published(team_id, &month)? {
            return Err(Problem::new(
                ErrorCode::RosterNeedsReason,
                format!(
                    "{month} is published for {}: generation writes drafts only",
                    team.name
                ),
            )
            .with("month", month.as_str())
            .into());
        }
        let now = actor.at;
        let policy = RosterPolicy::from_settings(&self.policy_at(now)?);
        let templates = self.shift_templates()?;
        let margin = Duration::days(policy.max_consecutive_work_days.max(1));
        let (from, to) = (first - margin, last + margin);

        let members: Vec<_> = self
            .list_agents(false)?
            .into_iter()
            .filter(|a| a.team_id == team_id)
            .collect();
        let nos: BTreeSet<String> = members.iter().map(|a| a.employee_no.clone()).collect();
        let mut agents: BTreeMap<String, GenAgent> = members
            .iter()
            .map(|a| {
                let mut g = GenAgent::new(&a.employee_no);
                g.joined_on = a.hired_on;
                g.left_on = a.left_on;
                (a.employee_no.clone(), g)
            })
            .collect();
        let pins = self.roster_pins(first, last)?;
        let mut stored_free: BTreeMap<(String, NaiveDate), Cell> = BTreeMap::new();
        for stored in self.roster_cells_among(from, to, Some(&nos))? {
            let Some(agent) = agents.get_mut(&stored.employee_no) else {
                continue;
            };
            let Ok(cell) = Cell::parse(&stored.cell, &templates) else {
                continue;
            };
            let kept = stored.date < first_free
                || stored.date > last
                || pins.contains(&(stored.employee_no.clone(), stored.date));
            if !kept {
                stored_free.insert((stored.employee_no.clone(), stored.date), cell);
            } else if cell != Cell::Empty {
                agent.fixed.insert(stored.date, cell);
            }
        }
        // A pinned cell with nothing written stays empty.
        for (no, date) in &pins {
            if first_free <= *date
                && let Some(agent) = agents.get_mut(no)
            {
                agent.fixed.entry(*date).or_insert(Cell::Empty);
            }
        }
        for (no, days) in self.approved_leave_days(from, to)? {
            if let Some(agent) = agents.get_mut(&no) {
                agent.leave = days;
            }
        }
        for wish in self.roster_wishes(first, last)? {
            if let Some(agent) = agents.get_mut(&wish.employee_no) {
                agent.wishes.insert(wish.date);
            }
        }
        let calendar: BTreeMap<_, _> = self
            .list_holidays()?
            .into_iter()
            .filter(|h| from <= h.date && h.date <= to)
            .map(|h| (h.date, h.kind))
            .collect();
        let profiles = self.requirement(team_id)?;
        let requirement: BTreeMap<_, _> =
            requirement_by_date(&profiles, &calendar, first, last + Duration::days(1))
                .into_iter()
                .filter_map(|(date, (_, slots))| Some((date, slots?)))
                .collect();
        Ok(GenerationJob {
            team: team.name,
            team_id,
            month,
            year_month: (year, m),
            last,
            first_free,
            templates,
            agents: agents.into_values().collect(),
            requirement,
            calendar,
            policy,
            seed,
            steps,
            stored_free,
        })
    }

    /// Writes what generation made of `job` as draft cells, and reports it.
    pub(crate) fn write_generation(
        &mut self,
        job: &GenerationJob,
        generated: &Generated,
        actor: Actor,
    ) -> Result<GenerationReport> {
        let (first_free, last) = (job.first_free, job.last);
        let mut cells: Vec<CellInput> = generated
            .cells
            .iter()
            .filter(|((_, date), _)| first_free <= *date && *date <= last)
            .map(|((no, date), cell)| CellInput {
                employee_no: no.clone(),
                date: *date,
                cell: cell.text(),
            })
            .collect();
        // A free day it did not fill (leave, outside employment) loses an earlier draft's shift.
        for ((no, date), cell) in &job.stored_free {
            if *date <= last
                && *cell != Cell::Empty
                && !generated.cells.contains_key(&(no.clone(), *date))
            {
                cells.push(CellInput {
                    employee_no: no.clone(),
                    date: *date,
                    cell: String::new(),
                });
            }
        }
        let written = self.put_roster_cells(&cells, None, actor)?;
        Ok(report(
            &job.team,
            job.team_id,
            &job.month,
            first_free,
            written,
            generated,
        ))
    }
}

/// One team's month as the generator is given it, gathered from the store; running it reads
/// nothing else, so several teams' months may run at once.
pub(crate) struct GenerationJob {
    team: String,
    team_id: i64,
    /// `YYYY-MM`.
    month: String,
    year_month: (i32, u32),
    last: NaiveDate,
    first_free: NaiveDate,
    templates: Vec<ShiftTemplate>,
    agents: Vec<GenAgent>,
    requirement: BTreeMap<NaiveDate, [u16; SLOTS_PER_DAY]>,
    calendar: BTreeMap<NaiveDate, HolidayKind>,
    policy: RosterPolicy,
    seed: u64,
    steps: Option<u64>,
    stored_free: BTreeMap<(String, NaiveDate), Cell>,
}

impl GenerationJob {
    /// The generator's answer (`progress` as for [`Store::generate_roster`]).
    pub(crate) fn run(
        &self,
        progress: &mut dyn FnMut(u8) -> bool,
    ) -> std::result::Result<Generated, Cancelled> {
        let input = GenerateInput {
            month: self.year_month,
            agents: self.agents.clone(),
            templates: &self.templates,
            usable: Vec::new(),
            requirement: self.requirement.clone(),
            calendar: self.calendar.clone(),
            policy: self.policy,
            seed: self.seed,
            first_free: self.first_free,
            steps: self.steps,
        };
        generate(&input, progress)
    }
}

fn report(
    team: &str,
    team_id: i64,
    month: &str,
    first_free: NaiveDate,
    written: usize,
    g: &Generated,
) -> GenerationReport {
    let mut uncovered = Vec::new();
    for gap in &g.uncovered {
        for slot in gap.slot_from..gap.slot_to {
            let slot = usize::from(slot);
            uncovered.push(UncoveredHalfHour {
                team: team.to_owned(),
                date: gap.date,
                from: slot_time(slot),
                to: slot_time(slot + 1),
                needed: gap.needed,
                rostered: gap.rostered,
            });
        }
    }
    uncovered.sort_by(|a, b| (a.date, &a.from).cmp(&(b.date, &b.from)));
    GenerationReport {
        team_id,
        team: team.to_owned(),
        month: month.to_owned(),
        first_free,
        written: u32::try_from(written).unwrap_or(u32::MAX),
        uncovered,
        needed_slot_agents: u32::try_from(g.needed_slot_agents).unwrap_or(u32::MAX),
        uncovered_slot_agents: u32::try_from(g.uncovered_slot_agents).unwrap_or(u32::MAX),
        wishes_asked: u32::try_from(g.wishes_asked).unwrap_or(u32::MAX),
        wishes_granted: u32::try_from(g.wishes_granted).unwrap_or(u32::MAX),
        unmet: g.unmet.clone(),
        nights: g.nights,
        weekend_shifts: g.weekend_shifts,
        holiday_shifts: g.holiday_shifts,
    }
}
