//! 自动排班: fills the free cells of a month's roster from a staffing requirement.
//!
//! Seed 003's principles drive the score: cover the requirement (灵活性: peaks get people),
//! share night, weekend and holiday shifts evenly (公平性), keep an agent on one shift for a
//! stretch (稳定性), and grant wished days off when coverage allows. The hard rules are the ones
//! [`check_month`](super::check_month) judges (做六休一 streaks, rest days per month, rest between
//! shifts, no shift on leave); no step of the generator ever breaks one that the fixed cells did
//! not already break.
//!
//! How: every free cell starts as 休 (which breaks no rule the fixed cells don't already break,
//! since no rule caps rest). A greedy pass spreads each agent's owed rest days over its free
//! days (wishes first, staggered across the team), then fills each day where the requirement is
//! still short, template by template (yesterday's template and the agent with fewest nights
//! first); agents beyond the need work day templates where they add least over it. Then each
//! agent's month is re-planned whole by dynamic programming against everyone else's cells
//! (state: working streak, last template, rest days, nights so far), and late-acceptance hill
//! climbing with a seeded SplitMix64 runs over moves: another template for a shift, one agent's
//! work and rest days swapped or a stretch slid by a day, two agents' cells swapped for one to
//! eight days, a rest day worked or a shift rested, a run of shifts handed to the best of a few
//! partners, trades between the agents at the ends of a fairness spread, and now and then a
//! whole-month re-plan. The last fifth only descends; the best roster seen is kept, and
//! re-plans and exhaustive fairness trades polish it. Every candidate is judged exactly: the
//! agents it touches are re-checked by a fast equivalent of `check_month` (a candidate breaking
//! any rule that the fixed cells with every free cell resting don't break is refused), and the
//! score's change is computed incrementally.
//!
//! A shift counts in a half hour it covers for at least 15 minutes. Fairness is counted over
//! the agents of one call (give it one team). It is a local search: good, not optimal; with
//! 做六休一 and four rest days in thirty, rest days have little room, so wishes are granted only
//! as far as those rules allow.
//!
//! Pure: no IO, no clock; the same input and seed give the same roster.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::check::{RosterPolicy, RosterRule, Violation, month_days};
use super::coverage::covered_slots;
use super::fairness::{FairShare, Spread, fair_share};
use super::template::ShiftTemplate;
use crate::calendar::HolidayKind;

/// Slot `i` of a day is local time `i × 30 min` to `(i + 1) × 30 min`.
pub use super::coverage::SLOTS_PER_DAY;

mod engine;
#[cfg(test)]
mod tests;

use engine::Engine;

/// What the generator is given. Plain data: the store gathers it, the generator never reads
/// anything else.
#[derive(Debug, Clone)]
pub struct GenerateInput<'a> {
    /// The month to fill, `(year, month)`.
    pub month: (i32, u32),
    pub agents: Vec<GenAgent>,
    /// Every template of the site, to read the fixed cells (a fixed `O` from last month needs
    /// its times for the rest-between-shifts rule).
    pub templates: &'a [ShiftTemplate],
    /// The codes the generator may write (the team's work templates); empty: every template.
    /// Codes not in `templates` are ignored.
    pub usable: Vec<String>,
    /// Agents needed per half hour, by date (a missing date needs nobody).
    pub requirement: BTreeMap<NaiveDate, [u16; SLOTS_PER_DAY]>,
    /// The site's holidays and 调休 working days (as [`fair_share`] reads them).
    pub calendar: BTreeMap<NaiveDate, HolidayKind>,
    pub policy: RosterPolicy,
    pub seed: u64,
    /// Dates before this are kept as given (days the live floor already judged).
    pub first_free: NaiveDate,
    /// Search steps; `None` picks a number from the roster's size.
    pub steps: Option<u64>,
}

/// One agent as the generator sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenAgent {
    /// 工号.
    pub employee_no: String,
    /// First and last day employed, if known (outside them nothing is written).
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    /// Cells never changed: pins, cells before `first_free`, and the adjoining days before and
    /// after the month that `check_month` reads (a month and `max_consecutive_work_days` days
    /// either side).
    pub fixed: BTreeMap<NaiveDate, Cell>,
    /// Days of approved leave: nothing is written on them (leave is neither work nor rest).
    pub leave: BTreeSet<NaiveDate>,
    /// Wished days off.
    pub wishes: BTreeSet<NaiveDate>,
    /// May be given night templates.
    pub night_ok: bool,
}

impl GenAgent {
    pub fn new(employee_no: &str) -> GenAgent {
        GenAgent {
            employee_no: employee_no.to_owned(),
            joined_on: None,
            left_on: None,
            fixed: BTreeMap::new(),
            leave: BTreeSet::new(),
            wishes: BTreeSet::new(),
            night_ok: true,
        }
    }
}

/// The caller's progress callback answered `false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("roster generation cancelled")]
pub struct Cancelled;

/// Half hours of one date with fewer agents than needed, `slot_from..slot_to` (end exclusive),
/// merged while the figures stay the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Gap {
    pub date: NaiveDate,
    pub slot_from: u8,
    pub slot_to: u8,
    pub needed: u16,
    pub rostered: u16,
}

/// Why something asked for could not be given.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(tag = "kind", content = "rule", rename_all = "snake_case")]
pub enum UnmetReason {
    /// The fixed cells (pins, leave, days before the first free one) already break this rule;
    /// they were kept and nothing generated makes it worse.
    FixedBreaksRule(RosterRule),
    /// No usable template covers the under-covered half hours.
    NoTemplate,
    /// Fewer agents can work the date (leave, pins, employment) than it needs.
    TooFewAgents,
    /// Agents were free that day, but each was at a rule's limit (rest days per month,
    /// consecutive days, rest between shifts).
    RuleLimit,
    /// Covering it would move a shift from another day, short there instead.
    CoverageTradeOff,
    /// A wished day off refused: coverage needed the agent.
    WishNeededForCoverage,
    /// A wished day off refused: the agent's rest days all went to other wishes or rules.
    WishOverRestDays,
    /// A wished day off refused: resting then would break a rule (e.g. a streak too long).
    WishBlockedByRule,
    /// A wished day off on a fixed working cell (a pin or an earlier day).
    WishOnFixedDay,
    /// A wished day off refused to keep nights, weekends or shifts balanced.
    WishTradeOff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Unmet {
    pub employee_no: Option<String>,
    pub date: Option<NaiveDate>,
    pub reason: UnmetReason,
}

/// What the generator wrote and how well it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Only the cells it wrote: every free cell, as 休 or a shift.
    pub cells: BTreeMap<(String, NaiveDate), Cell>,
    /// Under-covered half hours from `first_free` on.
    pub uncovered: Vec<Gap>,
    /// Half-hour-agents needed from `first_free` on, short of that, and over it.
    pub needed_slot_agents: u64,
    pub uncovered_slot_agents: u64,
    pub over_slot_agents: u64,
    /// Wished days off on the days filled (not on leave), and those left free of work.
    pub wishes_asked: usize,
    pub wishes_granted: usize,
    pub unmet: Vec<Unmet>,
    /// Each agent's night, weekend and holiday shifts in the month (fixed and generated).
    pub fairness: Vec<FairShare>,
    pub nights: Spread,
    pub weekend_shifts: Spread,
    pub holiday_shifts: Spread,
    /// Working days on a different template than the agent's previous working day.
    pub template_changes: usize,
}

/// Fills every free cell of the month. `progress` is told the percentage done at least every
/// 2 % and may answer `false` to cancel.
pub fn generate(
    input: &GenerateInput,
    progress: &mut dyn FnMut(u8) -> bool,
) -> Result<Generated, Cancelled> {
    if !progress(0) {
        return Err(Cancelled);
    }
    let Some(mut engine) = Engine::new(input) else {
        return Ok(Generated::empty());
    };
    engine.greedy(progress)?;
    engine.search(input.seed, input.steps, progress)?;
    if !progress(99) {
        return Err(Cancelled);
    }
    let out = engine.report(input);
    if !progress(100) {
        return Err(Cancelled);
    }
    Ok(out)
}

impl Generated {
    fn empty() -> Generated {
        Generated {
            cells: BTreeMap::new(),
            uncovered: Vec::new(),
            needed_slot_agents: 0,
            uncovered_slot_agents: 0,
            over_slot_agents: 0,
            wishes_asked: 0,
            wishes_granted: 0,
            unmet: Vec::new(),
            fairness: Vec::new(),
            nights: Spread::default(),
            weekend_shifts: Spread::default(),
            holiday_shifts: Spread::default(),
            template_changes: 0,
        }
    }
}
