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

// ---------------------------------------------------------------------------------------------
// Weights of the score (lower is better). A half-hour-agent short outweighs every other term
// but a whole wish and the month's owed rest days: no fairness, stability or over-coverage ever
// buys a gap.

const W_UNDER: f64 = 100.0;
const W_OVER: f64 = 1.0;
/// A rest day beyond the month's required: the agent is paid to work (rules may force some).
/// More than a whole shift short, so a month's rest days are never traded for coverage: the
/// rest of the team is moved instead.
const W_EXTRA_REST: f64 = 2000.0;
const W_WISH: f64 = 150.0;
/// Each night shift: surplus agents work days. More than a night's share of fairness
/// ([`W_FAIR`]), so the team sheds nights nobody needs even one agent at a time.
const W_NIGHT: f64 = 70.0;
const W_CHANGE_NEXT_DAY: f64 = 25.0;
const W_CHANGE_AFTER_BREAK: f64 = 5.0;
/// Per unit of [`FairCount::penalty`] of nights, weekend and holiday shifts.
const W_FAIR: [f64; 3] = [60.0, 30.0, 30.0];

const MINUTES_PER_DAY: i64 = 24 * 60;
/// Whole-month re-plans per agent during the search (besides one before and the polish).
const REPLANS_PER_AGENT: u64 = 1;
/// One search step in this many hands a run of shifts to the best of a few partners.
const RUN_SWAP_ONE_IN: usize = 20;
/// Partners tried for a run.
const RUN_SWAP_PARTNERS: usize = 12;
/// Trades tried after the search per fairness count, at most.
const REPAIRS: usize = 40;
/// How many nights more than now a re-planned month may hold.
const NIGHT_BAND: i64 = 3;
const NO_TEMPLATE: u16 = u16::MAX;
const SPANS: u16 = u16::MAX - 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Empty,
    Rest,
    Work,
}

/// One day of one agent, as the fast check reads it.
#[derive(Debug, Clone, Copy)]
struct Day {
    kind: Kind,
    /// Template index, [`SPANS`], or [`NO_TEMPLATE`] (rest, empty, or an unknown code).
    tmpl: u16,
    night: bool,
    /// A working cell with times (an unknown code has none, as in `check_month`).
    timed: bool,
    /// Minutes from the window's first midnight.
    start: i64,
    end: i64,
}

const REST_DAY: Day = Day {
    kind: Kind::Rest,
    tmpl: NO_TEMPLATE,
    night: false,
    timed: false,
    start: 0,
    end: 0,
};
const EMPTY_DAY: Day = Day {
    kind: Kind::Empty,
    ..REST_DAY
};

/// One broken rule as the fast check keys it (window day indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VKey {
    Streak { over: usize, from: usize, to: usize },
    Rest { rest: i64, required: i64 },
    Gap { at: usize, gap: i64 },
    Leave { at: usize },
}

#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    valid: bool,
    rests: i64,
    nights: i64,
    weekends: i64,
    holidays: i64,
    refused: i64,
    next_day_changes: i64,
    later_changes: i64,
}

struct Tmpl {
    /// Minutes after midnight.
    start: i64,
    minutes: i64,
    night: bool,
    /// Half hours covered, counted from the shift date's midnight (48.. is the next day).
    slots: Vec<u8>,
}

struct Agent {
    no: String,
    days: Vec<Day>,
    /// Window indices of the cells the generator writes.
    free: Vec<usize>,
    is_free: Vec<bool>,
    wish: Vec<bool>,
    leave: Vec<bool>,
    /// Templates the agent may be given.
    allowed: Vec<u16>,
    /// Rules the fixed cells break whatever the free cells hold (all free cells resting).
    base: Vec<VKey>,
    /// Employed window indices within the month.
    employed: Option<(usize, usize)>,
    required: i64,
    fair: [bool; 3],
    stats: Stats,
}

/// Most shifts of one kind an agent can have in a month.
const MAX_COUNT: usize = 32;

/// One fairness count (nights, weekend or holiday shifts) over the agents it applies to: how
/// many agents have each count. Its penalty is Σ e², `e` an agent's distance outside
/// [⌊mean⌋, ⌈mean⌉]: nothing exactly when max − min ≤ 1, whatever the level (so the team can
/// shed a night one agent at a time), and every agent outside the band counts.
#[derive(Debug, Clone, Copy)]
struct FairCount {
    n: u32,
    sum: i64,
    agents: [u32; MAX_COUNT],
}

impl Default for FairCount {
    fn default() -> Self {
        FairCount {
            n: 0,
            sum: 0,
            agents: [0; MAX_COUNT],
        }
    }
}

impl FairCount {
    /// ⌊mean⌋ and ⌈mean⌉.
    fn band(&self) -> (i64, i64) {
        let n = i64::from(self.n.max(1));
        (self.sum.div_euclid(n), ceil_div(self.sum, n))
    }

    fn excess(band: (i64, i64), c: i64) -> f64 {
        let e = (c - band.1).max(0) + (band.0 - c).max(0);
        (e * e) as f64
    }

    fn penalty(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let band = self.band();
        self.agents
            .iter()
            .zip(0..)
            .filter(|(n, _)| **n > 0)
            .map(|(n, c)| f64::from(*n) * Self::excess(band, c))
            .sum()
    }

    /// The penalty's change for one more shift of an agent with `c` (the band held still).
    fn slope(&self, c: i64) -> f64 {
        let band = self.band();
        Self::excess(band, c + 1) - Self::excess(band, c)
    }

    fn add(&mut self, c: i64) {
        self.n += 1;
        self.sum += c;
        self.agents[(c as usize).min(MAX_COUNT - 1)] += 1;
    }

    fn shift(&mut self, from: i64, to: i64) {
        self.sum += to - from;
        self.agents[(from as usize).min(MAX_COUNT - 1)] -= 1;
        self.agents[(to as usize).min(MAX_COUNT - 1)] += 1;
    }
}

struct Engine<'a> {
    templates: &'a [ShiftTemplate],
    tmpl: Vec<Tmpl>,
    usable: Vec<u16>,
    /// The window: the month and every fixed date of any agent.
    dates: Vec<NaiveDate>,
    m0: usize,
    m1: usize,
    /// First window index the generator may write.
    ff: usize,
    weekend: Vec<bool>,
    holiday: Vec<bool>,
    limit: usize,
    min_gap: i64,
    /// Needed and rostered agents per half hour of the month and the day after
    /// (`(i − m0) × 48 + slot`).
    need: Vec<i32>,
    have: Vec<i32>,
    /// Rostered agents per half hour from the fixed cells alone.
    have_fixed: Vec<i32>,
    under: i64,
    over: i64,
    fair: [FairCount; 3],
    agent_pen: f64,
    agents: Vec<Agent>,
    /// Per window index, the agents whose cell that day is free.
    day_agents: Vec<Vec<u32>>,
    /// The cells a move overwrote, reused from move to move.
    scratch: Vec<Day>,
    dp: Dp,
}

/// The re-plan's tables, kept from one re-plan to the next: costs of the states reached
/// today and tomorrow (infinite elsewhere), which those are, and each day's way back.
#[derive(Default)]
struct Dp {
    cost: Vec<f64>,
    next: Vec<f64>,
    active: Vec<u32>,
    next_active: Vec<u32>,
    back: Vec<(u32, u8)>,
    states: usize,
}

impl Dp {
    fn prepare(&mut self, states: usize, days: usize) {
        if self.cost.len() < states {
            self.cost.resize(states, f64::INFINITY);
            self.next.resize(states, f64::INFINITY);
        }
        if self.back.len() < states * days {
            self.back.resize(states * days, (0, 0));
        }
        self.states = states;
        self.active.clear();
        self.next_active.clear();
    }

    /// State `to` reached on day `j` from `from` at `cost` by `choice`.
    fn reach(&mut self, j: usize, to: usize, from: usize, cost: f64, choice: u8) {
        let was = self.next[to];
        if cost < was {
            if was == f64::INFINITY {
                self.next_active.push(to as u32);
            }
            self.next[to] = cost;
            self.back[j * self.states + to] = (from as u32, choice);
        }
    }
}

fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1).div_euclid(b)
}

impl<'a> Engine<'a> {
    fn new(input: &GenerateInput<'a>) -> Option<Engine<'a>> {
        let (first, last) = month_days(input.month.0, input.month.1)?;
        let mut w0 = first;
        let mut w1 = last;
        for a in &input.agents {
            if let Some((d, _)) = a.fixed.first_key_value() {
                w0 = w0.min(*d);
            }
            if let Some((d, _)) = a.fixed.last_key_value() {
                w1 = w1.max(*d);
            }
        }
        let dates: Vec<NaiveDate> = w0.iter_days().take_while(|d| *d <= w1).collect();
        let idx = |d: NaiveDate| (d - w0).num_days() as usize;
        let (m0, m1) = (idx(first), idx(last));
        let ff = if input.first_free <= first {
            m0
        } else {
            idx(input.first_free.min(last + Duration::days(1)))
        };
        let month_len = m1 - m0 + 1;

        let templates = input.templates;
        let tmpl: Vec<Tmpl> = templates
            .iter()
            .map(|t| {
                let start = i64::from(t.start.num_seconds_from_midnight()) / 60;
                let minutes = super::template::span_minutes(t.start, t.end);
                Tmpl {
                    start,
                    minutes,
                    night: t.night,
                    slots: covered_slots(start, start + minutes)
                        .filter(|s| (0..2 * SLOTS_PER_DAY as i64).contains(s))
                        .map(|s| s as u8)
                        .collect(),
                }
            })
            .collect();
        let mut usable: Vec<u16> = Vec::new();
        for (k, t) in templates.iter().enumerate().take(usize::from(SPANS) - 1) {
            let wanted = input.usable.is_empty() || input.usable.contains(&t.code);
            if wanted && !usable.contains(&(k as u16)) {
                usable.push(k as u16);
            }
        }

        let calendar = &input.calendar;
        let weekend = dates
            .iter()
            .map(|d| {
                matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
                    && calendar.get(d) != Some(&HolidayKind::Workday)
            })
            .collect();
        let holiday = dates
            .iter()
            .map(|d| calendar.get(d) == Some(&HolidayKind::Holiday))
            .collect();

        // The month and the next day, so a night shift on the last day is judged against the
        // next day's requirement (nobody needed when it has none).
        let mut need = vec![0i32; (month_len + 1) * SLOTS_PER_DAY];
        for (date, slots) in input.requirement.range(first..=last + Duration::days(1)) {
            let base = (idx(*date) - m0) * SLOTS_PER_DAY;
            for (s, n) in slots.iter().enumerate() {
                need[base + s] = i32::from(*n);
            }
        }

        let mut engine = Engine {
            templates,
            tmpl,
            usable,
            dates,
            m0,
            m1,
            ff,
            weekend,
            holiday,
            limit: input.policy.max_consecutive_work_days.max(0) as usize,
            min_gap: input.policy.min_rest_between_shifts_h * 60,
            have: vec![0; need.len()],
            have_fixed: vec![0; need.len()],
            need,
            under: 0,
            over: 0,
            fair: [FairCount::default(); 3],
            agent_pen: 0.0,
            agents: Vec::with_capacity(input.agents.len()),
            day_agents: Vec::new(),
            scratch: Vec::new(),
            dp: Dp::default(),
        };
        let days_in_month = month_len as i64;
        for a in &input.agents {
            let n = engine.dates.len();
            let mut agent = Agent {
                no: a.employee_no.clone(),
                days: vec![EMPTY_DAY; n],
                free: Vec::new(),
                is_free: vec![false; n],
                wish: vec![false; n],
                leave: vec![false; n],
                allowed: engine
                    .usable
                    .iter()
                    .copied()
                    .filter(|k| a.night_ok || !engine.tmpl[usize::from(*k)].night)
                    .collect(),
                base: Vec::new(),
                employed: None,
                required: 0,
                fair: [false; 3],
                stats: Stats::default(),
            };
            for (date, cell) in &a.fixed {
                agent.days[idx(*date)] = engine.fixed_day(idx(*date), cell);
                engine.cover_fixed(*date, cell);
            }
            for date in a.leave.range(w0..=w1) {
                agent.leave[idx(*date)] = true;
            }
            let from = a.joined_on.map_or(first, |d| d.max(first));
            let to = a.left_on.map_or(last, |d| d.min(last));
            if from <= to {
                let employed = (to - from).num_days() + 1;
                agent.required = (2 * input.policy.rest_days_per_month * employed + days_in_month)
                    / (2 * days_in_month);
                agent.employed = Some((idx(from), idx(to)));
                for i in idx(from).max(ff)..=idx(to) {
                    if !agent.leave[i] && !a.fixed.contains_key(&engine.dates[i]) {
                        agent.free.push(i);
                        agent.is_free[i] = true;
                        agent.days[i] = REST_DAY;
                    }
                }
            }
            for date in &a.wishes {
                if (w0..=w1).contains(date) && agent.is_free[idx(*date)] {
                    agent.wish[idx(*date)] = true;
                }
            }
            let has_free = !agent.free.is_empty();
            agent.fair = [has_free && a.night_ok, has_free, has_free];
            let mut base = Vec::new();
            engine.scan(&agent, Some(&mut base));
            agent.base = base;
            engine.agents.push(agent);
        }
        engine.day_agents = (0..engine.dates.len())
            .map(|i| {
                (0..engine.agents.len() as u32)
                    .filter(|a| engine.agents[*a as usize].is_free[i])
                    .collect()
            })
            .collect();
        engine.recompute();
        Some(engine)
    }

    /// The agent's cells judged as `check_month` judges them. With `all`, every broken rule is
    /// listed; without, the first rule broken that the fixed cells do not already break ends
    /// the scan with `valid: false`.
    fn scan(&self, ag: &Agent, mut all: Option<&mut Vec<VKey>>) -> Stats {
        let mut st = Stats {
            valid: true,
            ..Stats::default()
        };
        macro_rules! flag {
            ($v:expr) => {{
                let v = $v;
                match all.as_deref_mut() {
                    Some(list) => list.push(v),
                    None => {
                        if !ag.base.contains(&v) {
                            st.valid = false;
                            return st;
                        }
                    }
                }
            }};
        }
        let (m0, m1) = (self.m0, self.m1);
        let limit = self.limit;
        let (e0, e1) = ag.employed.unwrap_or((1, 0));
        let mut run: Option<usize> = None;
        let mut prev_end: Option<i64> = None;
        let mut prev_work: Option<(usize, u16)> = None;
        for (i, d) in ag.days.iter().enumerate() {
            let work = d.kind == Kind::Work;
            if work {
                run.get_or_insert(i);
            } else if let Some(from) = run.take() {
                let over = from + limit;
                if over < i && m0 <= over && over <= m1 {
                    flag!(VKey::Streak {
                        over,
                        from,
                        to: i - 1
                    });
                }
            }
            if d.timed {
                if let Some(end) = prev_end {
                    let gap = d.start - end;
                    if gap < self.min_gap && m0 <= i && i <= m1 {
                        flag!(VKey::Gap { at: i, gap });
                    }
                }
                prev_end = Some(d.end);
            }
            if d.kind == Kind::Rest && e0 <= i && i <= e1 {
                st.rests += 1;
            }
            if work {
                if m0 <= i && i <= m1 {
                    st.nights += i64::from(d.night);
                    st.weekends += i64::from(self.weekend[i]);
                    st.holidays += i64::from(self.holiday[i]);
                    st.refused += i64::from(ag.wish[i]);
                    if let Some((p, t)) = prev_work
                        && t != d.tmpl
                    {
                        if p + 1 == i {
                            st.next_day_changes += 1;
                        } else {
                            st.later_changes += 1;
                        }
                    }
                }
                prev_work = Some((i, d.tmpl));
            }
        }
        if let Some(from) = run {
            let over = from + limit;
            let to = ag.days.len() - 1;
            if over <= to && m0 <= over && over <= m1 {
                flag!(VKey::Streak { over, from, to });
            }
        }
        if ag.employed.is_some() && st.rests < ag.required {
            flag!(VKey::Rest {
                rest: st.rests,
                required: ag.required
            });
        }
        if all.is_some() {
            for i in m0..=m1 {
                if ag.leave[i] && ag.days[i].kind == Kind::Work {
                    flag!(VKey::Leave { at: i });
                }
            }
        }
        st
    }

    fn agent_penalty(ag: &Agent, st: &Stats) -> f64 {
        let extra = if ag.employed.is_some() {
            (st.rests - ag.required).max(0)
        } else {
            0
        };
        W_EXTRA_REST * extra as f64
            + W_WISH * st.refused as f64
            + W_NIGHT * st.nights as f64
            + W_CHANGE_NEXT_DAY * st.next_day_changes as f64
            + W_CHANGE_AFTER_BREAK * st.later_changes as f64
    }

    fn counts(st: &Stats) -> [i64; 3] {
        [st.nights, st.weekends, st.holidays]
    }

    fn fair_penalty(fair: &[FairCount; 3]) -> f64 {
        fair.iter().zip(W_FAIR).map(|(f, w)| w * f.penalty()).sum()
    }

    fn score(&self) -> f64 {
        W_UNDER * self.under as f64
            + W_OVER * self.over as f64
            + self.agent_pen
            + Self::fair_penalty(&self.fair)
    }

    /// Coverage, statistics and the score's parts from the cells.
    fn recompute(&mut self) {
        self.have.clone_from(&self.have_fixed);
        for a in 0..self.agents.len() {
            for idx in 0..self.agents[a].free.len() {
                let i = self.agents[a].free[idx];
                if let Some(k) = self.cell(a, i) {
                    self.cover(i, k, 1);
                }
            }
        }
        self.under = 0;
        self.over = 0;
        for (h, n) in self.have.iter().zip(&self.need) {
            self.under += i64::from((n - h).max(0));
            self.over += i64::from((h - n).max(0));
        }
        self.fair = [FairCount::default(); 3];
        self.agent_pen = 0.0;
        for a in 0..self.agents.len() {
            let st = self.scan(&self.agents[a], None);
            let ag = &mut self.agents[a];
            ag.stats = st;
            self.agent_pen += Self::agent_penalty(ag, &st);
            for (c, (f, on)) in Self::counts(&st)
                .into_iter()
                .zip(self.fair.iter_mut().zip(ag.fair))
            {
                if on {
                    f.add(c);
                }
            }
        }
    }

    fn midnight(&self) -> NaiveDateTime {
        self.dates[0].and_time(chrono::NaiveTime::MIN)
    }

    fn fixed_day(&self, i: usize, cell: &Cell) -> Day {
        let date = self.dates[i];
        let midnight = self.midnight();
        match cell {
            Cell::Empty => EMPTY_DAY,
            Cell::Rest => REST_DAY,
            Cell::Shift(_) | Cell::Spans(_) => {
                let tmpl = match cell {
                    Cell::Shift(code) => self
                        .templates
                        .iter()
                        .position(|t| &t.code == code)
                        .filter(|k| *k < usize::from(SPANS))
                        .map_or(NO_TEMPLATE, |k| k as u16),
                    _ => SPANS,
                };
                match cell.times(date, self.templates) {
                    Some(t) => Day {
                        kind: Kind::Work,
                        tmpl,
                        night: t.night,
                        timed: true,
                        start: (t.start - midnight).num_minutes(),
                        end: (t.end - midnight).num_minutes(),
                    },
                    None => Day {
                        kind: Kind::Work,
                        tmpl,
                        ..REST_DAY
                    },
                }
            }
        }
    }

    /// Adds a fixed working cell's half hours to the fixed coverage.
    fn cover_fixed(&mut self, date: NaiveDate, cell: &Cell) {
        let origin = self.dates[self.m0].and_time(chrono::NaiveTime::MIN);
        let len = self.have_fixed.len() as i64;
        for (s, e) in cell.local_spans(date, self.templates) {
            let (s, e) = ((s - origin).num_minutes(), (e - origin).num_minutes());
            for slot in covered_slots(s, e) {
                if (0..len).contains(&slot) {
                    self.have_fixed[slot as usize] += 1;
                }
            }
        }
    }

    fn work_day(&self, i: usize, k: u16) -> Day {
        let t = &self.tmpl[usize::from(k)];
        let start = i as i64 * MINUTES_PER_DAY + t.start;
        Day {
            kind: Kind::Work,
            tmpl: k,
            night: t.night,
            timed: true,
            start,
            end: start + t.minutes,
        }
    }

    fn day_of(&self, i: usize, cell: Option<u16>) -> Day {
        cell.map_or(REST_DAY, |k| self.work_day(i, k))
    }

    /// A free cell: `Some(template)` or `None` for rest.
    fn cell(&self, a: usize, i: usize) -> Option<u16> {
        let d = self.agents[a].days[i];
        (d.kind == Kind::Work).then_some(d.tmpl)
    }

    /// Indices into `have` of template `k`'s half hours when worked on window day `i`.
    fn slots(&self, i: usize, k: u16) -> impl Iterator<Item = usize> + '_ {
        let base = (i as i64 - self.m0 as i64) * SLOTS_PER_DAY as i64;
        let len = self.have.len() as i64;
        self.tmpl[usize::from(k)]
            .slots
            .iter()
            .map(move |r| base + i64::from(*r))
            .filter(move |x| (0..len).contains(x))
            .map(|x| x as usize)
    }

    /// Adds (`sign` 1) or removes (−1) template `k` on day `i`; the change in agents short and
    /// over, summed over its half hours.
    fn cover(&mut self, i: usize, k: u16, sign: i32) -> (i64, i64) {
        let base = (i as i64 - self.m0 as i64) * SLOTS_PER_DAY as i64;
        let len = self.have.len() as i64;
        let (mut du, mut dov) = (0, 0);
        for r in &self.tmpl[usize::from(k)].slots {
            let x = base + i64::from(*r);
            if !(0..len).contains(&x) {
                continue;
            }
            let x = x as usize;
            let (h, n) = (self.have[x], self.need[x]);
            if sign > 0 {
                if h < n {
                    du -= 1;
                } else {
                    dov += 1;
                }
            } else if h <= n {
                du += 1;
            } else {
                dov -= 1;
            }
            self.have[x] = h + sign;
        }
        (du, dov)
    }

    /// Whether the agent's cells with these changes keep every rule the fixed cells keep.
    fn valid_with(&mut self, a: usize, changes: &[(usize, Option<u16>)]) -> bool {
        let old: Vec<Day> = changes
            .iter()
            .map(|(i, _)| self.agents[a].days[*i])
            .collect();
        for (i, c) in changes {
            self.agents[a].days[*i] = self.day_of(*i, *c);
        }
        let ok = self.scan(&self.agents[a], None).valid;
        for ((i, _), d) in changes.iter().zip(old) {
            self.agents[a].days[*i] = d;
        }
        ok
    }

    /// Writes a free cell and its coverage (statistics are recomputed afterwards).
    fn put(&mut self, a: usize, i: usize, cell: Option<u16>) {
        if let Some(k) = self.cell(a, i) {
            self.cover(i, k, -1);
        }
        self.agents[a].days[i] = self.day_of(i, cell);
        if let Some(k) = cell {
            self.cover(i, k, 1);
        }
    }

    /// The agent's template the day before, if working.
    fn previous(&self, a: usize, i: usize) -> Option<u16> {
        let d = self.agents[a].days[i.checked_sub(1)?];
        (d.kind == Kind::Work).then_some(d.tmpl)
    }

    /// The scan of the agent's cells with no violation list (cheap when the check passes).
    fn agent_stats(&self, a: usize) -> Stats {
        self.scan(&self.agents[a], None)
    }

    /// Rest days spread over each agent's free days (wishes first), then each day filled:
    /// the half hours still short first, then the rest of the agents where they do least harm.
    fn greedy(&mut self, progress: &mut dyn FnMut(u8) -> bool) -> Result<(), Cancelled> {
        let n = self.agents.len();
        let mut planned: Vec<Vec<bool>> = Vec::with_capacity(n);
        for (a, ag) in self.agents.iter().enumerate() {
            let mut plan = vec![false; self.dates.len()];
            let free = ag.free.len();
            let fixed_rests = ag.stats.rests - free as i64;
            let quota = (ag.required - fixed_rests).clamp(0, free as i64) as usize;
            let wishes: Vec<usize> = ag.free.iter().copied().filter(|i| ag.wish[*i]).collect();
            let take = quota.min(wishes.len());
            for j in 0..take {
                plan[wishes[j * wishes.len() / take]] = true;
            }
            let rest = quota - take;
            if rest > 0 {
                // Evenly spaced (blocks of about (free − rest) / (rest + 1) working days),
                // staggered from agent to agent so the team's rest days spread over the month.
                let spacing = (free + 1) as f64 / (rest + 1) as f64;
                let stagger = ((a as f64 * 0.618_033_988_75).fract() - 0.5) * spacing;
                for j in 0..rest {
                    let at = ((j + 1) as f64 * spacing + stagger - 1.0).round();
                    let mut k = (at.max(0.0) as usize).min(free - 1);
                    while plan[ag.free[k]] {
                        k = (k + 1) % free;
                    }
                    plan[ag.free[k]] = true;
                }
            }
            planned.push(plan);
        }

        let mut nights = vec![0i64; n];
        let days = (self.m1 + 1).saturating_sub(self.ff).max(1);
        let templates = self.tmpl.len();
        for i in self.ff..=self.m1 {
            if !progress(((i - self.ff) * 5 / days) as u8) {
                return Err(Cancelled);
            }
            let workers: Vec<usize> = self.day_agents[i]
                .iter()
                .map(|a| *a as usize)
                .filter(|a| !planned[*a][i])
                .collect();
            let mut assigned = vec![false; workers.len()];
            let mut refused = vec![false; workers.len() * templates];
            let mut exhausted = vec![false; templates];
            // The half hours still short, best-covering template first.
            loop {
                let mut best: Option<(usize, u16)> = None;
                for &k in &self.usable {
                    if exhausted[usize::from(k)] {
                        continue;
                    }
                    let gain = self
                        .slots(i, k)
                        .filter(|x| self.have[*x] < self.need[*x])
                        .count();
                    if gain > 0 && best.is_none_or(|(g, _)| gain > g) {
                        best = Some((gain, k));
                    }
                }
                let Some((_, k)) = best else {
                    break;
                };
                let night = self.tmpl[usize::from(k)].night;
                let mut placed = false;
                loop {
                    let mut choice: Option<((bool, i64, usize), usize)> = None;
                    for (w, &a) in workers.iter().enumerate() {
                        if assigned[w]
                            || refused[w * templates + usize::from(k)]
                            || !self.agents[a].allowed.contains(&k)
                        {
                            continue;
                        }
                        let key = (
                            self.previous(a, i) != Some(k),
                            if night { nights[a] } else { 0 },
                            a,
                        );
                        if choice.is_none_or(|(c, _)| key < c) {
                            choice = Some((key, w));
                        }
                    }
                    let Some((_, w)) = choice else {
                        break;
                    };
                    let a = workers[w];
                    if self.valid_with(a, &[(i, Some(k))]) {
                        self.put(a, i, Some(k));
                        assigned[w] = true;
                        nights[a] += i64::from(night);
                        placed = true;
                        break;
                    }
                    refused[w * templates + usize::from(k)] = true;
                }
                if !placed {
                    exhausted[usize::from(k)] = true;
                }
            }
            // Everyone else due to work: where it adds least over the requirement.
            for (w, &a) in workers.iter().enumerate() {
                if assigned[w] {
                    continue;
                }
                let prev = self.previous(a, i);
                let mut options: Vec<((bool, i64), u16)> = self.agents[a]
                    .allowed
                    .iter()
                    .map(|&k| {
                        let room: i64 = self
                            .slots(i, k)
                            .map(|x| i64::from(self.need[x] - self.have[x]))
                            .sum();
                        let t = &self.tmpl[usize::from(k)];
                        let value = room + if prev == Some(k) { 8 } else { 0 };
                        // Nights only for the nights needed: a surplus agent works days.
                        ((t.night, -value), k)
                    })
                    .collect();
                options.sort_unstable();
                let mut placed = false;
                for (_, k) in options {
                    if self.valid_with(a, &[(i, Some(k))]) {
                        self.put(a, i, Some(k));
                        nights[a] += i64::from(self.tmpl[usize::from(k)].night);
                        placed = true;
                        break;
                    }
                }
                if !placed {
                    // A rule forces a rest today: it stands for the next one planned.
                    let ag = &self.agents[a];
                    if let Some(&j) = ag
                        .free
                        .iter()
                        .find(|j| **j > i && planned[a][**j] && !ag.wish[**j])
                    {
                        planned[a][j] = false;
                    }
                }
            }
        }
        self.recompute();
        Ok(())
    }

    /// Late-acceptance hill climbing over rule-keeping moves; the best roster seen is kept.
    fn search(
        &mut self,
        seed: u64,
        steps: Option<u64>,
        progress: &mut dyn FnMut(u8) -> bool,
    ) -> Result<(), Cancelled> {
        let movable: Vec<usize> = (0..self.agents.len())
            .filter(|a| !self.agents[*a].free.is_empty() && !self.agents[*a].allowed.is_empty())
            .collect();
        if movable.is_empty() {
            return Ok(());
        }
        let free_cells: usize = movable.iter().map(|a| self.agents[*a].free.len()).sum();
        let steps = steps.unwrap_or((free_cells as u64 * 250).clamp(50_000, 1_500_000));
        let pair_days: Vec<usize> = (self.ff..=self.m1)
            .filter(|i| self.day_agents[*i].len() >= 2)
            .collect();
        let history = (steps / 200).clamp(100, 5000) as usize;
        let replan_one_in = (steps / (REPLANS_PER_AGENT * movable.len() as u64)).max(1) as usize;
        let mut rng = Rng(seed);
        // Each agent's month re-planned whole once, before the small moves.
        for (n, &a) in movable.iter().enumerate() {
            if !progress((5 + n * 5 / movable.len()) as u8) {
                return Err(Cancelled);
            }
            if let Some(changes) = self.replan(a) {
                self.try_move(&changes, |delta| delta < 0.0);
            }
        }
        let mut current = self.score();
        let mut late = vec![current; history];
        let mut best = current;
        let mut best_days: Vec<Vec<Day>> = self.agents.iter().map(|a| a.days.clone()).collect();
        let tick = (steps / 80).max(1);
        let settle = steps - steps / 5;
        for step in 0..steps {
            if step % tick == 0 {
                if !progress((10 + step * 80 / steps) as u8) {
                    return Err(Cancelled);
                }
                if current < best {
                    best = current;
                    for (a, saved) in self.agents.iter().zip(best_days.iter_mut()) {
                        saved.clone_from(&a.days);
                    }
                }
            }
            let v = (step % history as u64) as usize;
            // The last stretch only descends (sideways moves allowed), ending on a roster no
            // single move improves.
            let bound = if step >= settle { current } else { late[v] };
            let accept = |delta: f64| delta <= 0.0 || current + delta <= bound;
            let taken = if rng.below(replan_one_in) == 0 {
                let a = movable[rng.below(movable.len())];
                self.replan(a)
                    .and_then(|changes| self.try_move(&changes, accept))
            } else if rng.below(RUN_SWAP_ONE_IN) == 0 {
                self.run_swap(&mut rng, &movable)
                    .and_then(|changes| self.try_move(&changes, accept))
            } else {
                self.propose(&mut rng, &movable, &pair_days)
                    .and_then(|mv| self.try_move(&mv.ch[..mv.n], accept))
            };
            if let Some(delta) = taken {
                current += delta;
            }
            late[v] = current;
        }
        if best < current {
            for (a, saved) in self.agents.iter_mut().zip(best_days) {
                a.days = saved;
            }
        }
        self.recompute();
        // Polish: each agent's month re-planned against the final roster while that helps.
        for round in 0..2 {
            let mut better = false;
            for (n, &a) in movable.iter().enumerate() {
                if !progress((90 + (round * movable.len() + n) * 4 / movable.len()) as u8) {
                    return Err(Cancelled);
                }
                if let Some(changes) = self.replan(a) {
                    better |= self.try_move(&changes, |delta| delta < -1e-6).is_some();
                }
            }
            if !better {
                break;
            }
        }
        if !progress(98) {
            return Err(Cancelled);
        }
        self.repair_fairness(&movable);
        self.recompute();
        Ok(())
    }

    /// A run of one agent's shifts on one template, inside a stretch of another (a few nights
    /// among day shifts), handed over whole to the partner that takes it best, who gives its
    /// own cells of those days in return: a stretch becomes one template.
    fn run_swap(&mut self, rng: &mut Rng, movable: &[usize]) -> Option<Vec<Change>> {
        let a = movable[rng.below(movable.len())];
        let ag = &self.agents[a];
        let i = ag.free[rng.below(ag.free.len())];
        let t = self.cell(a, i)?;
        let same = |x: usize| ag.is_free[x] && self.cell(a, x) == Some(t);
        let (mut from, mut to) = (i, i);
        while from > 0 && same(from - 1) {
            from -= 1;
        }
        while to + 1 < ag.days.len() && same(to + 1) {
            to += 1;
        }
        if to - from + 1 > MAX_CHANGES {
            return None;
        }
        let list = &self.day_agents[from];
        let picks: Vec<usize> = (0..RUN_SWAP_PARTNERS.min(list.len()))
            .map(|_| list[rng.below(list.len())] as usize)
            .collect();
        let mut best: Option<(f64, Vec<Change>)> = None;
        for b in picks {
            if b == a {
                continue;
            }
            let bg = &self.agents[b];
            let mut changes = Vec::with_capacity(2 * (to - from + 1));
            let mut fits = true;
            for x in from..=to {
                let (ca, cb) = (self.cell(a, x), self.cell(b, x));
                if !bg.is_free[x]
                    || cb == Some(t)
                    || !bg.allowed.contains(&t)
                    || cb.is_some_and(|k| !self.agents[a].allowed.contains(&k))
                {
                    fits = false;
                    break;
                }
                changes.push((a, x, cb));
                changes.push((b, x, ca));
            }
            if !fits {
                continue;
            }
            let seen = std::cell::Cell::new(None);
            self.try_move(&changes, |delta| {
                seen.set(Some(delta));
                false
            });
            if let Some(delta) = seen.get()
                && best.as_ref().is_none_or(|(d, _)| delta < *d)
            {
                best = Some((delta, changes));
            }
        }
        best.map(|(_, changes)| changes)
    }

    fn propose(&self, rng: &mut Rng, movable: &[usize], pair_days: &[usize]) -> Option<Move> {
        let pick = |rng: &mut Rng| movable[rng.below(movable.len())];
        let roll = rng.below(100);
        if roll < 3 {
            self.propose_fair(rng, movable)
        } else if roll < 25 {
            // Another template for a shift.
            let a = pick(rng);
            let ag = &self.agents[a];
            let i = ag.free[rng.below(ag.free.len())];
            let k = self.cell(a, i)?;
            let new = ag.allowed[rng.below(ag.allowed.len())];
            (new != k).then(|| Move::one(a, i, Some(new)))
        } else if roll < 50 {
            // One agent's work day and rest day (or two shifts) change places.
            let a = pick(rng);
            let ag = &self.agents[a];
            let i = ag.free[rng.below(ag.free.len())];
            let j = if rng.below(2) == 0 {
                let off = rng.below(14) as i64 - 7;
                let j = i as i64 + if off >= 0 { off + 1 } else { off };
                if j < 0 || j as usize >= ag.days.len() {
                    return None;
                }
                j as usize
            } else {
                ag.free[rng.below(ag.free.len())]
            };
            if !ag.is_free[j] {
                return None;
            }
            let (ci, cj) = (self.cell(a, i), self.cell(a, j));
            (ci != cj).then(|| Move::of(&[(a, i, cj), (a, j, ci)]))
        } else if roll < 65 {
            // A stretch of one agent's free days slides a day (its rest days move together),
            // the cell falling off one end coming back at the other.
            let a = pick(rng);
            let ag = &self.agents[a];
            let start = ag.free[rng.below(ag.free.len())];
            let end = start + 2 + rng.below(MAX_CHANGES - 2);
            if end >= ag.days.len() || !ag.is_free[start..=end].iter().all(|f| *f) {
                return None;
            }
            let right = rng.below(2) == 0;
            let mut mv = Move::of(&[]);
            for x in start..=end {
                let from = match (right, x == start, x == end) {
                    (true, true, _) => end,
                    (true, false, _) => x - 1,
                    (false, _, true) => start,
                    (false, _, false) => x + 1,
                };
                let cell = self.cell(a, from);
                if cell != self.cell(a, x) {
                    mv.push((a, x, cell));
                }
            }
            (mv.n > 0).then_some(mv)
        } else if roll < 95 {
            // Two agents' cells of a day change hands.
            if pair_days.is_empty() {
                return None;
            }
            let i = pair_days[rng.below(pair_days.len())];
            let list = &self.day_agents[i];
            let a = list[rng.below(list.len())] as usize;
            let b = list[rng.below(list.len())] as usize;
            if a == b {
                return None;
            }
            // One day, or a stretch of up to eight (a block of nights for a block of days).
            let days = if rng.below(2) == 0 {
                1
            } else {
                2 + rng.below(MAX_CHANGES / 2 - 1)
            };
            let fits =
                |x: usize, c: Option<u16>| c.is_none_or(|k| self.agents[x].allowed.contains(&k));
            let mut mv = Move::of(&[]);
            for x in i..i + days {
                if x > self.m1 || !self.agents[a].is_free[x] || !self.agents[b].is_free[x] {
                    return None;
                }
                let (ca, cb) = (self.cell(a, x), self.cell(b, x));
                if ca != cb {
                    if !fits(a, cb) || !fits(b, ca) {
                        return None;
                    }
                    mv.push((a, x, cb));
                    mv.push((b, x, ca));
                }
            }
            (mv.n > 0).then_some(mv)
        } else {
            // A rest day worked, or a shift rested.
            let a = pick(rng);
            let ag = &self.agents[a];
            let i = ag.free[rng.below(ag.free.len())];
            match self.cell(a, i) {
                Some(_) => Some(Move::one(a, i, None)),
                None => Some(Move::one(
                    a,
                    i,
                    Some(ag.allowed[rng.below(ag.allowed.len())]),
                )),
            }
        }
    }

    /// A move aimed at the widest fairness spread: an agent with the most nights (weekend
    /// shifts) trades with one with the fewest — a stretch of nights for days, or a weekend
    /// shift for a rest day nearby.
    fn propose_fair(&self, rng: &mut Rng, movable: &[usize]) -> Option<Move> {
        let c = rng.below(3);
        let (high, low) = self.extremes(c, movable)?;
        let a = high[rng.below(high.len())];
        let b = low[rng.below(low.len())];
        let i = self.agents[a].free[rng.below(self.agents[a].free.len())];
        let arg = if c == 0 {
            1 + rng.below(MAX_CHANGES / 2) as i64
        } else {
            rng.below(15) as i64 - 7
        };
        self.fair_trade(c, a, b, i, arg)
    }

    /// The agents with the most and the fewest of fairness count `c` (nights, weekend or
    /// holiday shifts), when they are more than one apart.
    fn extremes(&self, c: usize, movable: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
        let count = |a: usize| Self::counts(&self.agents[a].stats)[c];
        let eligible: Vec<usize> = movable
            .iter()
            .copied()
            .filter(|a| self.agents[*a].fair[c])
            .collect();
        let most = eligible.iter().map(|a| count(*a)).max()?;
        let least = eligible.iter().map(|a| count(*a)).min()?;
        if most <= least + 1 {
            return None;
        }
        let high = eligible
            .iter()
            .copied()
            .filter(|a| count(*a) == most)
            .collect();
        let low = eligible
            .iter()
            .copied()
            .filter(|a| count(*a) == least)
            .collect();
        Some((high, low))
    }

    /// A trade from `a` (more of count `c`) to `b` (fewer) on day `i`: for nights, the `arg`
    /// days from a night of `a` on swapped whole; for weekend (holiday) shifts, `a` rests on
    /// the day `i` that `b` works and works the day `i + arg` that `b` rests.
    fn fair_trade(&self, c: usize, a: usize, b: usize, i: usize, arg: i64) -> Option<Move> {
        let (ag, bg) = (&self.agents[a], &self.agents[b]);
        let both = |x: usize| ag.is_free[x] && bg.is_free[x];
        let fits = |x: &Agent, cell: Option<u16>| cell.is_none_or(|k| x.allowed.contains(&k));
        let mut mv = Move::of(&[]);
        if c == 0 {
            if !both(i) || !ag.days[i].night || bg.days[i].night {
                return None;
            }
            for x in i..(i + arg.max(1) as usize).min(self.m1 + 1) {
                if !both(x) {
                    break;
                }
                let (ca, cb) = (self.cell(a, x), self.cell(b, x));
                if ca != cb && fits(ag, cb) && fits(bg, ca) {
                    mv.push((a, x, cb));
                    mv.push((b, x, ca));
                }
            }
        } else {
            let special = |x: usize| {
                if c == 1 {
                    self.weekend[x]
                } else {
                    self.holiday[x]
                }
            };
            let j = i as i64 + arg;
            if arg == 0 || j < 0 || j as usize >= ag.days.len() {
                return None;
            }
            let j = j as usize;
            if !both(i) || !special(i) || self.cell(a, i).is_none() || self.cell(b, i).is_some() {
                return None;
            }
            if !both(j) || special(j) || self.cell(a, j).is_some() || self.cell(b, j).is_none() {
                return None;
            }
            let (ai, bj) = (self.cell(a, i), self.cell(b, j));
            if !fits(bg, ai) || !fits(ag, bj) {
                return None;
            }
            mv.push((a, i, None));
            mv.push((b, i, ai));
            mv.push((b, j, None));
            mv.push((a, j, bj));
        }
        (mv.n > 0).then_some(mv)
    }

    /// After the search: while a fairness count spreads over more than one, the best trade
    /// between the agents at its ends, tried exhaustively, if it improves the roster.
    fn repair_fairness(&mut self, movable: &[usize]) {
        for c in 0..3 {
            for _ in 0..REPAIRS {
                let Some((high, low)) = self.extremes(c, movable) else {
                    break;
                };
                let args: Vec<i64> = if c == 0 {
                    (1..=(MAX_CHANGES / 2) as i64).collect()
                } else {
                    (-7..=7).filter(|o| *o != 0).collect()
                };
                let mut best: Option<(f64, Move)> = None;
                for &a in high.iter().take(4) {
                    for &b in low.iter().take(4) {
                        for i in self.ff..=self.m1 {
                            for &arg in &args {
                                let Some(mv) = self.fair_trade(c, a, b, i, arg) else {
                                    continue;
                                };
                                let seen = std::cell::Cell::new(None);
                                self.try_move(&mv.ch[..mv.n], |delta| {
                                    seen.set(Some(delta));
                                    false
                                });
                                if let Some(delta) = seen.get()
                                    && best.as_ref().is_none_or(|(d, _)| delta < *d)
                                {
                                    best = Some((delta, mv));
                                }
                            }
                        }
                    }
                }
                match best {
                    Some((delta, mv)) if delta < -1e-6 => {
                        self.try_move(&mv.ch[..mv.n], |_| true);
                    }
                    _ => break,
                }
            }
        }
    }

    /// Applies the move if every touched agent keeps the rules and `accept` takes the change
    /// of score; the change, or `None` (nothing changed).
    fn try_move(&mut self, changes: &[Change], accept: impl Fn(f64) -> bool) -> Option<f64> {
        let mut old = std::mem::take(&mut self.scratch);
        old.clear();
        for &(a, i, c) in changes {
            old.push(self.agents[a].days[i]);
            self.agents[a].days[i] = self.day_of(i, c);
        }
        let out = self.judge(changes, &old, accept);
        self.scratch = old;
        out
    }

    /// [`Engine::try_move`] once the cells are written (`old` holds what they were).
    fn judge(
        &mut self,
        changes: &[Change],
        old: &[Day],
        accept: impl Fn(f64) -> bool,
    ) -> Option<f64> {
        let first = changes[0].0;
        let second = changes.iter().map(|c| c.0).find(|b| *b != first);
        let revert_days = |e: &mut Self| {
            for (o, &(a, i, _)) in old.iter().zip(changes).rev() {
                e.agents[a].days[i] = *o;
            }
        };
        let st0 = self.agent_stats(first);
        if !st0.valid {
            revert_days(self);
            return None;
        }
        let st1 = match second {
            Some(b) => {
                let st = self.agent_stats(b);
                if !st.valid {
                    revert_days(self);
                    return None;
                }
                Some(st)
            }
            None => None,
        };
        let (mut du, mut dov) = (0, 0);
        for (o, &(_, i, c)) in old.iter().zip(changes) {
            if o.kind == Kind::Work {
                let (u, v) = self.cover(i, o.tmpl, -1);
                du += u;
                dov += v;
            }
            if let Some(k) = c {
                let (u, v) = self.cover(i, k, 1);
                du += u;
                dov += v;
            }
        }
        let mut fair = self.fair;
        let mut pen = 0.0;
        for (a, st) in [(first, Some(st0)), (second.unwrap_or(first), st1)] {
            let Some(st) = st else {
                continue;
            };
            let ag = &self.agents[a];
            pen += Self::agent_penalty(ag, &st) - Self::agent_penalty(ag, &ag.stats);
            let (was, now) = (Self::counts(&ag.stats), Self::counts(&st));
            for c in 0..3 {
                if ag.fair[c] {
                    fair[c].shift(was[c], now[c]);
                }
            }
        }
        let delta = W_UNDER * du as f64 + W_OVER * dov as f64 + pen + Self::fair_penalty(&fair)
            - Self::fair_penalty(&self.fair);
        if accept(delta) {
            self.agents[first].stats = st0;
            if let (Some(b), Some(st)) = (second, st1) {
                self.agents[b].stats = st;
            }
            self.fair = fair;
            self.under += du;
            self.over += dov;
            self.agent_pen += pen;
            Some(delta)
        } else {
            for (o, &(_, i, c)) in old.iter().zip(changes).rev() {
                if let Some(k) = c {
                    self.cover(i, k, -1);
                }
                if o.kind == Kind::Work {
                    self.cover(i, o.tmpl, 1);
                }
            }
            revert_days(self);
            None
        }
    }

    /// The best month for agent `a` with everyone else's cells as they are, by dynamic
    /// programming over its days (state: working streak, last template worked, rest days so
    /// far): the cells to change, or `None` when nothing better or no plan is found. The
    /// streak, rest-day and next-day rest rules are exact in the states; fairness counts are
    /// priced at their current slope; the caller judges the result exactly.
    fn replan(&mut self, a: usize) -> Option<Vec<Change>> {
        let ag = &self.agents[a];
        let (&f0, &f_last) = (ag.free.first()?, ag.free.last()?);
        let (e0, e1) = ag.employed?;
        let (m0, m1) = (self.m0, self.m1);
        let end = self.dates.len() - 1;
        let limit = self.limit;
        let over_cap = limit + 1;
        let in_month = |i: usize| m0 <= i && i <= m1;
        let templates = self.tmpl.len();
        let other = templates; // a working cell without a usable template
        let none = templates + 1; // nothing worked yet
        let lks = templates + 2;
        let id = |d: &Day| {
            if usize::from(d.tmpl) < templates {
                usize::from(d.tmpl)
            } else {
                other
            }
        };

        // Where the agent stands the day before its first free day.
        let mut s0 = 0;
        while s0 < f0 && ag.days[f0 - 1 - s0].kind == Kind::Work {
            s0 += 1;
        }
        if s0 > limit {
            let over = f0 - s0 + limit;
            if in_month(over) {
                return None;
            }
            s0 = over_cap;
        }
        let lk0 = ag.days[..f0]
            .iter()
            .rev()
            .find(|d| d.kind == Kind::Work)
            .map_or(none, id);
        let rests_before = ag.days[e0.min(f0)..f0]
            .iter()
            .filter(|d| d.kind == Kind::Rest)
            .count() as i64;
        let need_rests = (ag.required - rests_before).max(0) as usize;
        // Room for one rest day more than owed, or as many more as the agent has now.
        let rests_now = ag.days[f0..]
            .iter()
            .zip(f0..)
            .filter(|(d, i)| d.kind == Kind::Rest && *i <= e1)
            .count();
        let cap = (need_rests + 1).max(rests_now);

        // Prices: coverage with this agent's own shifts taken out, wishes, nights, fairness.
        let allowed = ag.allowed.clone();
        let own: Vec<(usize, u16)> = ag
            .free
            .iter()
            .filter_map(|i| (ag.days[*i].kind == Kind::Work).then_some((*i, ag.days[*i].tmpl)))
            .collect();
        for (i, k) in &own {
            self.cover(*i, *k, -1);
        }
        let span = end - f0 + 1;
        let mut price = vec![0.0f64; span * allowed.len()];
        for (j, i) in (f0..=f_last).enumerate() {
            if !self.agents[a].is_free[i] {
                continue;
            }
            for (p, k) in allowed.iter().enumerate() {
                price[j * allowed.len() + p] = self
                    .slots(i, *k)
                    .map(|x| {
                        if self.have[x] < self.need[x] {
                            -W_UNDER
                        } else {
                            W_OVER
                        }
                    })
                    .sum();
            }
        }
        for (i, k) in &own {
            self.cover(*i, *k, 1);
        }
        let ag = &self.agents[a];
        let counts = Self::counts(&ag.stats);
        // Weekend and holiday shifts are priced at their slope (bounded), nights exactly: the
        // state counts them, and the end prices the count against everyone else's.
        let slope: Vec<f64> = (1..3)
            .map(|c| {
                if ag.fair[c] {
                    W_FAIR[c] * self.fair[c].slope(counts[c]).clamp(-1.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect();
        let nights_before = (m0..f0)
            .filter(|i| ag.days[*i].kind == Kind::Work && ag.days[*i].night)
            .count() as i64;
        let track_nights = ag.fair[0];
        let nd = if track_nights {
            ((counts[0] + NIGHT_BAND).min(MAX_COUNT as i64 - 1) - nights_before).max(0) as usize + 1
        } else {
            1
        };
        let night_price: Vec<f64> = (0..nd)
            .map(|n| {
                if !track_nights {
                    return 0.0;
                }
                let mut others = self.fair[0];
                others.shift(counts[0], nights_before + n as i64);
                W_FAIR[0] * (others.penalty() - self.fair[0].penalty())
            })
            .collect();

        // The DP. State index: (((streak × lks) + last template) × (cap + 1) + rests) × nd +
        // nights.
        let states = (over_cap + 1) * lks * (cap + 1) * nd;
        let index =
            |s: usize, lk: usize, r: usize, n: usize| ((s * lks + lk) * (cap + 1) + r) * nd + n;
        let parts = |x: usize| {
            let (n, x) = (x % nd, x / nd);
            let (r, x) = (x % (cap + 1), x / (cap + 1));
            (x / lks, x % lks, r, n)
        };
        let mut dp = std::mem::take(&mut self.dp);
        dp.prepare(states, span);
        let start = index(s0, lk0, 0, 0);
        dp.cost[start] = 0.0;
        dp.active.push(start as u32);
        for (j, i) in (f0..=end).enumerate() {
            let free = ag.is_free[i];
            let fixed = ag.days[i];
            let counts_rest = e0 <= i && i <= e1;
            let works: Vec<(Day, usize, f64, u8)> = if free {
                allowed
                    .iter()
                    .enumerate()
                    .map(|(p, k)| {
                        let d = self.work_day(i, *k);
                        let mut c = price[j * allowed.len() + p];
                        if ag.wish[i] {
                            c += W_WISH;
                        }
                        if d.night {
                            c += W_NIGHT;
                        }
                        c += slope[0] * f64::from(u8::from(self.weekend[i]))
                            + slope[1] * f64::from(u8::from(self.holiday[i]));
                        (d, usize::from(*k), c, p as u8 + 1)
                    })
                    .collect()
            } else if fixed.kind == Kind::Work {
                vec![(fixed, id(&fixed), 0.0, 0)]
            } else {
                Vec::new()
            };
            let rest = if free { true } else { fixed.kind == Kind::Rest };
            let mut active = std::mem::take(&mut dp.active);
            for &from in &active {
                let from = from as usize;
                let here = dp.cost[from];
                let (s, lk, r, n) = parts(from);
                // A day not worked.
                if free || fixed.kind != Kind::Work {
                    let r2 = r + usize::from(rest && counts_rest);
                    if r2 <= cap {
                        dp.reach(j, index(0, lk, r2, n), from, here, 0);
                    }
                }
                // A day worked: the streak and the rest since yesterday's shift.
                for &(d, k, c, choice) in &works {
                    let mut c = c;
                    let s2 = if s == over_cap {
                        over_cap
                    } else if s < limit {
                        s + 1
                    } else if in_month(i) {
                        continue; // from + limit = today, in the month
                    } else {
                        over_cap
                    };
                    let n2 = n + usize::from(track_nights && d.night && in_month(i));
                    if n2 >= nd {
                        continue;
                    }
                    if s > 0 && d.timed && in_month(i) {
                        let y = i - 1;
                        let yd = if ag.is_free[y] {
                            if lk >= templates {
                                continue;
                            }
                            self.work_day(y, lk as u16)
                        } else {
                            ag.days[y]
                        };
                        if yd.timed && d.start - yd.end < self.min_gap {
                            continue;
                        }
                    }
                    if in_month(i) && lk != none && lk != k {
                        c += if s > 0 {
                            W_CHANGE_NEXT_DAY
                        } else {
                            W_CHANGE_AFTER_BREAK
                        };
                    }
                    dp.reach(j, index(s2, k, r, n2), from, here + c, choice);
                }
            }
            for &x in &active {
                dp.cost[x as usize] = f64::INFINITY;
            }
            active.clear();
            dp.active = std::mem::replace(&mut dp.next_active, active);
            std::mem::swap(&mut dp.cost, &mut dp.next);
        }
        // The rest days the month needs, each one more priced, and the nights' fairness.
        let mut best: Option<(f64, usize)> = None;
        for &x in &dp.active {
            let x = x as usize;
            let (_, _, r, n) = parts(x);
            if r < need_rests {
                continue;
            }
            let c = dp.cost[x] + W_EXTRA_REST * (r - need_rests) as f64 + night_price[n];
            if best.is_none_or(|(b, _)| c < b) {
                best = Some((c, x));
            }
        }
        for &x in &dp.active {
            dp.cost[x as usize] = f64::INFINITY;
        }
        dp.active.clear();
        let Some((_, mut state)) = best else {
            self.dp = dp;
            return None;
        };
        let mut changes = Vec::new();
        for j in (0..span).rev() {
            let i = f0 + j;
            let (from, choice) = dp.back[j * states + state];
            if ag.is_free[i] {
                let cell = (choice > 0).then(|| allowed[usize::from(choice - 1)]);
                if cell != self.cell(a, i) {
                    changes.push((a, i, cell));
                }
            }
            state = from as usize;
        }
        self.dp = dp;
        (!changes.is_empty()).then_some(changes)
    }

    /// Why a wished day off `w` of agent `a` (a free cell, worked) was refused.
    fn wish_reason(&mut self, a: usize, w: usize) -> UnmetReason {
        let Some(k) = self.cell(a, w) else {
            return UnmetReason::WishTradeOff;
        };
        if self.slots(w, k).any(|x| self.have[x] <= self.need[x]) {
            return UnmetReason::WishNeededForCoverage;
        }
        let rests: Vec<usize> = self.agents[a]
            .free
            .iter()
            .copied()
            .filter(|i| self.cell(a, *i).is_none() && !self.agents[a].wish[*i])
            .collect();
        if rests.is_empty() {
            return UnmetReason::WishOverRestDays;
        }
        let allowed = self.agents[a].allowed.clone();
        for r in rests {
            for &t in &allowed {
                if self.valid_with(a, &[(w, None), (r, Some(t))]) {
                    return UnmetReason::WishTradeOff;
                }
            }
        }
        UnmetReason::WishBlockedByRule
    }

    /// Why day `i`'s half hours `short` (slots of the day) stay under-covered.
    fn gap_reason(&mut self, i: usize, short: &[usize]) -> UnmetReason {
        let covers = |e: &Self, k: u16, s: usize| {
            let slots = &e.tmpl[usize::from(k)].slots;
            (
                slots.contains(&(s as u8)),
                slots.contains(&((s + SLOTS_PER_DAY) as u8)),
            )
        };
        let coverable: Vec<usize> = short
            .iter()
            .copied()
            .filter(|s| {
                self.usable.iter().any(|k| {
                    let (same, next) = covers(self, *k, *s);
                    same || next
                })
            })
            .collect();
        if coverable.is_empty() {
            return UnmetReason::NoTemplate;
        }
        let base = (i - self.m0) * SLOTS_PER_DAY;
        let most = coverable
            .iter()
            .map(|s| self.need[base + s])
            .max()
            .unwrap_or(0);
        let available = self
            .agents
            .iter()
            .filter(|ag| ag.is_free[i] || (ag.days[i].kind == Kind::Work))
            .count();
        if most as usize > available {
            return UnmetReason::TooFewAgents;
        }
        let mut budget = 5_000usize;
        for c in [i.checked_sub(1), Some(i)].into_iter().flatten() {
            if c < self.ff {
                continue;
            }
            let agents: Vec<usize> = self.day_agents[c].iter().map(|a| *a as usize).collect();
            for a in agents {
                if self.cell(a, c).is_some() {
                    continue;
                }
                let allowed = self.agents[a].allowed.clone();
                for k in allowed {
                    let helps = coverable.iter().any(|s| {
                        let (same, next) = covers(self, k, *s);
                        if c == i { same } else { next }
                    });
                    if !helps {
                        continue;
                    }
                    if self.valid_with(a, &[(c, Some(k))]) {
                        return UnmetReason::CoverageTradeOff;
                    }
                    let worked: Vec<usize> = self.agents[a]
                        .free
                        .iter()
                        .copied()
                        .filter(|j| self.cell(a, *j).is_some())
                        .collect();
                    for j in worked {
                        if self.valid_with(a, &[(c, Some(k)), (j, None)]) {
                            return UnmetReason::CoverageTradeOff;
                        }
                        budget = budget.saturating_sub(1);
                        if budget == 0 {
                            return UnmetReason::CoverageTradeOff;
                        }
                    }
                }
            }
        }
        UnmetReason::RuleLimit
    }

    /// A broken rule as `check_month` lists it.
    fn violation(&self, employee_no: &str, v: &VKey) -> Violation {
        let (rule, at) = match v {
            VKey::Streak { over, .. } => (RosterRule::MaxConsecutiveWorkDays, *over),
            VKey::Rest { .. } => (RosterRule::MinRestDays, self.m1),
            VKey::Gap { at, .. } => (RosterRule::MinRestBetweenShifts, *at),
            VKey::Leave { at } => (RosterRule::ShiftDuringLeave, *at),
        };
        let mut out = Violation {
            date: self.dates[at],
            employee_no: employee_no.to_owned(),
            rule,
            from: None,
            to: None,
            rest_days: None,
            required: None,
            gap_minutes: None,
        };
        match *v {
            VKey::Streak { from, to, .. } => {
                out.from = Some(self.dates[from]);
                out.to = Some(self.dates[to]);
            }
            VKey::Rest { rest, required } => {
                out.rest_days = Some(rest);
                out.required = Some(required);
            }
            VKey::Gap { gap, .. } => out.gap_minutes = Some(gap),
            VKey::Leave { .. } => {}
        }
        out
    }

    fn report(&mut self, input: &GenerateInput) -> Generated {
        let mut out = Generated::empty();
        for a in 0..self.agents.len() {
            let ag = &self.agents[a];
            for i in &ag.free {
                let cell = match self.cell(a, *i) {
                    Some(k) => Cell::Shift(self.templates[usize::from(k)].code.clone()),
                    None => Cell::Rest,
                };
                out.cells.insert((ag.no.clone(), self.dates[*i]), cell);
            }
            for v in &ag.base {
                let v = self.violation(&ag.no, v);
                out.unmet.push(Unmet {
                    employee_no: Some(v.employee_no),
                    date: Some(v.date),
                    reason: UnmetReason::FixedBreaksRule(v.rule),
                });
            }
            out.template_changes += (ag.stats.next_day_changes + ag.stats.later_changes) as usize;
        }

        // Wishes.
        for (a, gen_agent) in input.agents.iter().enumerate() {
            let Some((e0, e1)) = self.agents[a].employed else {
                continue;
            };
            for date in &gen_agent.wishes {
                let Some(i) = self.dates.iter().position(|d| d == date) else {
                    continue;
                };
                if i < self.ff.max(e0) || i > e1 || self.agents[a].leave[i] {
                    continue;
                }
                out.wishes_asked += 1;
                if self.agents[a].days[i].kind != Kind::Work {
                    out.wishes_granted += 1;
                    continue;
                }
                let reason = if self.agents[a].is_free[i] {
                    self.wish_reason(a, i)
                } else {
                    UnmetReason::WishOnFixedDay
                };
                out.unmet.push(Unmet {
                    employee_no: Some(gen_agent.employee_no.clone()),
                    date: Some(*date),
                    reason,
                });
            }
        }

        // Coverage from the first free day on.
        for i in self.ff..=self.m1 {
            let base = (i - self.m0) * SLOTS_PER_DAY;
            let mut short = Vec::new();
            let mut s = 0;
            while s < SLOTS_PER_DAY {
                let (n, h) = (self.need[base + s], self.have[base + s]);
                out.needed_slot_agents += n as u64;
                out.uncovered_slot_agents += (n - h).max(0) as u64;
                out.over_slot_agents += (h - n).max(0) as u64;
                if h < n {
                    short.push(s);
                    match out.uncovered.last_mut() {
                        Some(g)
                            if g.date == self.dates[i]
                                && usize::from(g.slot_to) == s
                                && i32::from(g.needed) == n
                                && i32::from(g.rostered) == h =>
                        {
                            g.slot_to += 1;
                        }
                        _ => out.uncovered.push(Gap {
                            date: self.dates[i],
                            slot_from: s as u8,
                            slot_to: s as u8 + 1,
                            needed: n as u16,
                            rostered: h as u16,
                        }),
                    }
                }
                s += 1;
            }
            if !short.is_empty() {
                let reason = self.gap_reason(i, &short);
                out.unmet.push(Unmet {
                    employee_no: None,
                    date: Some(self.dates[i]),
                    reason,
                });
            }
        }
        out.unmet.sort_by(|a, b| {
            (a.date, &a.employee_no, a.reason).cmp(&(b.date, &b.employee_no, b.reason))
        });
        out.unmet.dedup();

        // Fairness, as the roster page reads it.
        let calendar: HashMap<NaiveDate, HolidayKind> =
            input.calendar.iter().map(|(d, k)| (*d, *k)).collect();
        let (first, last) = (self.dates[self.m0], self.dates[self.m1]);
        for (a, gen_agent) in input.agents.iter().enumerate() {
            let mut cells: BTreeMap<NaiveDate, Cell> = gen_agent
                .fixed
                .range(first..=last)
                .map(|(d, c)| (*d, c.clone()))
                .collect();
            for i in &self.agents[a].free {
                if let Some(cell) = out
                    .cells
                    .get(&(gen_agent.employee_no.clone(), self.dates[*i]))
                {
                    cells.insert(self.dates[*i], cell.clone());
                }
            }
            out.fairness.push(fair_share(
                &gen_agent.employee_no,
                &cells,
                self.templates,
                &calendar,
            ));
        }
        let spread = |f: &dyn Fn(&FairShare) -> u32| {
            let values = out.fairness.iter().map(f);
            Spread {
                min: values.clone().min().unwrap_or(0),
                max: values.max().unwrap_or(0),
            }
        };
        out.nights = spread(&|s| s.nights);
        out.weekend_shifts = spread(&|s| s.weekend_shifts);
        out.holiday_shifts = spread(&|s| s.holiday_shifts);
        out
    }
}

/// One free cell rewritten: `(agent, window day, Some(template) or None for rest)`.
type Change = (usize, usize, Option<u16>);

/// Most cells one move changes.
const MAX_CHANGES: usize = 16;

/// Cell changes `(agent, window day, cell)` of at most two agents.
#[derive(Debug, Clone, Copy)]
struct Move {
    n: usize,
    ch: [Change; MAX_CHANGES],
}

impl Move {
    fn of(changes: &[Change]) -> Move {
        let mut mv = Move {
            n: 0,
            ch: [(0, 0, None); MAX_CHANGES],
        };
        for c in changes {
            mv.push(*c);
        }
        mv
    }

    fn one(a: usize, i: usize, cell: Option<u16>) -> Move {
        Move::of(&[(a, i, cell)])
    }

    fn push(&mut self, change: Change) {
        self.ch[self.n] = change;
        self.n += 1;
    }
}

/// SplitMix64: small, fast, and the same sequence everywhere for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{AgentMonth, check_month, seeded_templates};
    use proptest::prelude::*;

    fn nov(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + Duration::days(i64::from(day) - 1)
    }

    /// `day` agents 08:30–16:00 and `evening` agents 16:00–23:30.
    fn need(day: u16, evening: u16) -> [u16; SLOTS_PER_DAY] {
        let mut slots = [0; SLOTS_PER_DAY];
        slots[17..32].iter_mut().for_each(|s| *s = day);
        slots[32..47].iter_mut().for_each(|s| *s = evening);
        slots
    }

    fn weekend(date: NaiveDate) -> bool {
        matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// November 2026: 3 + 2 agents on weekdays, 2 + 1 at weekends (scaled by `times`).
    fn requirement(times: u16) -> BTreeMap<NaiveDate, [u16; SLOTS_PER_DAY]> {
        (1..=30)
            .map(nov)
            .map(|d| {
                let slots = if weekend(d) { need(2, 1) } else { need(3, 2) };
                (d, slots.map(|s| s * times))
            })
            .collect()
    }

    /// What agent `a` worked on `date` before the generator ran: day or evening shifts with a
    /// rest every fifth day, staggered.
    fn history(a: usize, date: NaiveDate) -> Cell {
        let offset = (date - nov(1)).num_days() + 35;
        if (offset as usize + a).is_multiple_of(5) {
            Cell::Rest
        } else if a.is_multiple_of(3) {
            Cell::Shift("N".into())
        } else {
            Cell::Shift("D".into())
        }
    }

    /// Agents `1001…` with the last six days of October as worked.
    fn team(n: usize) -> Vec<GenAgent> {
        (0..n)
            .map(|a| {
                let mut agent = GenAgent::new(&format!("{}", 1001 + a));
                for back in 1..=6 {
                    let date = nov(1) - Duration::days(back);
                    agent.fixed.insert(date, history(a, date));
                }
                agent
            })
            .collect()
    }

    fn input<'a>(templates: &'a [ShiftTemplate], agents: Vec<GenAgent>) -> GenerateInput<'a> {
        GenerateInput {
            month: (2026, 11),
            agents,
            templates,
            usable: Vec::new(),
            requirement: requirement(1),
            calendar: BTreeMap::new(),
            policy: RosterPolicy::default(),
            seed: 7,
            first_free: nov(1),
            steps: None,
        }
    }

    fn run(input: &GenerateInput) -> Generated {
        generate(input, &mut |_| true).expect("not cancelled")
    }

    /// Each agent's month for `check_month`: the fixed cells and `written` (or every free cell
    /// resting, for the rules the fixed cells alone break).
    fn months(
        input: &GenerateInput,
        written: &BTreeMap<(String, NaiveDate), Cell>,
        all_rest: bool,
    ) -> Vec<AgentMonth> {
        input
            .agents
            .iter()
            .map(|a| {
                let mut cells = a.fixed.clone();
                for ((no, date), cell) in written {
                    if *no == a.employee_no {
                        let cell = if all_rest { Cell::Rest } else { cell.clone() };
                        cells.insert(*date, cell);
                    }
                }
                AgentMonth {
                    employee_no: a.employee_no.clone(),
                    joined_on: a.joined_on,
                    left_on: a.left_on,
                    cells,
                    leave: a.leave.clone(),
                }
            })
            .collect()
    }

    fn violations(input: &GenerateInput, out: &Generated, all_rest: bool) -> Vec<Violation> {
        check_month(
            input.month,
            &months(input, &out.cells, all_rest),
            input.templates,
            &input.policy,
        )
    }

    /// The cells the generator may write: the month from `first_free`, employed, not on leave,
    /// not fixed.
    fn free_cells(input: &GenerateInput) -> BTreeSet<(String, NaiveDate)> {
        let (first, last) = month_days(input.month.0, input.month.1).unwrap();
        let mut out = BTreeSet::new();
        for a in &input.agents {
            for date in first.iter_days().take_while(|d| *d <= last) {
                let employed =
                    a.joined_on.is_none_or(|j| j <= date) && a.left_on.is_none_or(|l| date <= l);
                if date >= input.first_free
                    && employed
                    && !a.leave.contains(&date)
                    && !a.fixed.contains_key(&date)
                {
                    out.insert((a.employee_no.clone(), date));
                }
            }
        }
        out
    }

    /// Every rule broken in the result is one the fixed cells break however the free cells are
    /// filled (the same violation, figures and all).
    fn assert_no_new_violations(input: &GenerateInput, out: &Generated) {
        let base = violations(input, out, true);
        for v in violations(input, out, false) {
            assert!(base.contains(&v), "generated cells break a rule: {v:?}");
        }
    }

    /// The most of `agent`'s wished days off any lawful month grants, with exactly the rest
    /// days owed, whatever the coverage: streaks of at most the policy's days (counting the
    /// fixed days before the month), every other day worked.
    fn most_wishes_lawful(agent: &GenAgent, policy: &RosterPolicy) -> usize {
        let limit = policy.max_consecutive_work_days as usize;
        let rests = policy.rest_days_per_month as usize;
        let mut streak = 0;
        while agent
            .fixed
            .get(&(nov(1) - Duration::days(streak as i64 + 1)))
            .is_some_and(Cell::is_work)
        {
            streak += 1;
        }
        // best[s][r]: most wishes granted with a streak of s and r rest days so far.
        let mut best = vec![vec![None::<usize>; rests + 1]; limit + 1];
        best[streak.min(limit)][0] = Some(0);
        for day in 1..=30 {
            let wish = usize::from(agent.wishes.contains(&nov(day)));
            let mut next = vec![vec![None::<usize>; rests + 1]; limit + 1];
            for (s, row) in best.iter().enumerate() {
                for (r, g) in row.iter().enumerate() {
                    let Some(g) = *g else { continue };
                    let mut keep = |s: usize, r: usize, g: usize| {
                        next[s][r] = next[s][r].max(Some(g));
                    };
                    if r < rests {
                        keep(0, r + 1, g + wish);
                    }
                    if s < limit {
                        keep(s + 1, r, g);
                    }
                }
            }
            best = next;
        }
        (0..=limit)
            .filter_map(|s| best[s][rests])
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_team_of_ten_gets_a_month_that_keeps_every_rule() {
        let templates = seeded_templates();
        let mut agents = team(10);
        // Two wished days off each, some on busy weekdays, some clashing.
        for (a, agent) in agents.iter_mut().enumerate() {
            agent.wishes.insert(nov(1 + (a as u32 * 3) % 30));
            agent.wishes.insert(nov(1 + (a as u32 * 7 + 11) % 30));
        }
        let input = input(&templates, agents);
        let out = run(&input);

        assert_eq!(violations(&input, &out, false), []);
        assert_eq!(
            out.cells.keys().cloned().collect::<BTreeSet<_>>(),
            free_cells(&input)
        );
        let needed = out.needed_slot_agents;
        assert_eq!(needed, 21 * 75 + 9 * 45); // November 2026: 21 weekdays, 9 weekend days
        assert!(
            out.uncovered_slot_agents * 20 <= needed,
            "uncovered {} of {needed}",
            out.uncovered_slot_agents
        );
        assert!(out.nights.max - out.nights.min <= 1, "{:?}", out.nights);
        // Every agent rests exactly the month's four days.
        for a in &input.agents {
            let rests = out
                .cells
                .iter()
                .filter(|((no, _), c)| *no == a.employee_no && **c == Cell::Rest)
                .count();
            assert_eq!(rests, 4, "{}", a.employee_no);
        }
        assert_eq!(out.wishes_asked, 20);
        // 做六休一 with four rest days in thirty leaves little room: count what the rules allow.
        let lawful: usize = input
            .agents
            .iter()
            .map(|a| most_wishes_lawful(a, &input.policy))
            .sum();
        assert!(
            out.wishes_granted + 1 >= lawful,
            "granted {} of {lawful} lawful: {:?}",
            out.wishes_granted,
            out.unmet
        );
        eprintln!(
            "10 agents: needed {needed}, uncovered {}, over {}, wishes {}/{} ({lawful} lawful), \
             nights {:?}, weekends {:?}, template changes {}, unmet {:?}",
            out.uncovered_slot_agents,
            out.over_slot_agents,
            out.wishes_granted,
            out.wishes_asked,
            out.nights,
            out.weekend_shifts,
            out.template_changes,
            out.unmet
        );
    }

    #[test]
    fn wishes_are_granted_when_rules_and_coverage_allow() {
        // Eight rest days a month (双休): room for most wishes.
        let templates = seeded_templates();
        let mut agents = team(10);
        for (a, agent) in agents.iter_mut().enumerate() {
            agent.wishes.insert(nov(1 + (a as u32 * 3) % 30));
            agent.wishes.insert(nov(1 + (a as u32 * 7 + 11) % 30));
        }
        let mut input = input(&templates, agents);
        input.policy.rest_days_per_month = 8;
        let out = run(&input);
        assert_eq!(violations(&input, &out, false), []);
        let lawful: usize = input
            .agents
            .iter()
            .map(|a| most_wishes_lawful(a, &input.policy))
            .sum();
        assert_eq!(out.wishes_asked, 20);
        assert!(out.wishes_granted >= 18 && out.wishes_granted + 1 >= lawful);
        assert!(out.uncovered_slot_agents * 20 <= out.needed_slot_agents);
        eprintln!(
            "eight rest days: wishes {}/{} ({lawful} lawful), uncovered {}, nights {:?}",
            out.wishes_granted, out.wishes_asked, out.uncovered_slot_agents, out.nights
        );
    }

    #[test]
    fn a_tight_month_is_still_covered_and_lawful() {
        // 5 + 3 on weekdays, 3 + 2 at weekends: 216 of the 260 shifts ten agents can work.
        let templates = seeded_templates();
        let mut input = input(&templates, team(10));
        input.requirement = (1..=30)
            .map(nov)
            .map(|d| (d, if weekend(d) { need(3, 2) } else { need(5, 3) }))
            .collect();
        let out = run(&input);
        assert_eq!(violations(&input, &out, false), []);
        assert!(
            out.uncovered_slot_agents * 20 <= out.needed_slot_agents,
            "uncovered {} of {}",
            out.uncovered_slot_agents,
            out.needed_slot_agents
        );
        assert!(out.nights.max - out.nights.min <= 1, "{:?}", out.nights);
        eprintln!(
            "tight: needed {}, uncovered {}, nights {:?}, weekends {:?}, changes {}",
            out.needed_slot_agents,
            out.uncovered_slot_agents,
            out.nights,
            out.weekend_shifts,
            out.template_changes
        );
    }

    #[test]
    fn pins_leave_and_judged_days_are_kept() {
        let templates = seeded_templates();
        let mut agents = team(10);
        // The floor judged November 1–7 already.
        for (a, agent) in agents.iter_mut().enumerate() {
            for day in 1..=7 {
                agent.fixed.insert(nov(day), history(a, nov(day)));
            }
        }
        agents[0].fixed.insert(nov(10), Cell::Shift("N".into()));
        agents[0].fixed.insert(nov(20), Cell::Rest);
        agents[2].fixed.insert(nov(15), Cell::Shift("M".into()));
        agents[1].leave.extend([nov(12), nov(13), nov(14)]);
        agents[3].night_ok = false;
        let mut input = input(&templates, agents);
        input.first_free = nov(8);
        let out = run(&input);

        assert_eq!(violations(&input, &out, false), []);
        assert_eq!(
            out.cells.keys().cloned().collect::<BTreeSet<_>>(),
            free_cells(&input)
        );
        for (no, date) in out.cells.keys() {
            assert!(*date >= nov(8));
            let agent = input.agents.iter().find(|a| a.employee_no == *no).unwrap();
            assert!(!agent.fixed.contains_key(date) && !agent.leave.contains(date));
        }
        // No night for the agent who may not work nights.
        let nights = ["N", "O"];
        assert!(
            out.cells
                .iter()
                .filter(|((no, _), _)| no == "1004")
                .all(|(_, c)| !matches!(c, Cell::Shift(code) if nights.contains(&code.as_str())))
        );
        assert!(out.uncovered_slot_agents * 20 <= out.needed_slot_agents);
    }

    #[test]
    fn wishes_beyond_coverage_are_refused_with_a_reason() {
        // Three agents, three needed every weekday daytime: a wish on a weekday can only be
        // granted by leaving the day short.
        let templates = seeded_templates();
        let mut agents = team(3);
        for agent in &mut agents {
            agent.wishes.insert(nov(4));
        }
        let mut input = input(&templates, agents);
        input.requirement = (1..=30).map(nov).map(|d| (d, need(3, 0))).collect();
        let out = run(&input);
        assert_no_new_violations(&input, &out);
        assert_eq!(out.wishes_asked, 3);
        // Rest days are owed anyway (4 each of 30), so someone is short every day someone
        // rests; the wishes are cheap to grant because a rest is owed somewhere.
        assert!(out.wishes_granted >= 1);
        assert!(!out.uncovered.is_empty());
        assert!(
            out.unmet
                .iter()
                .any(|u| u.employee_no.is_none() && u.reason == UnmetReason::RuleLimit)
        );
    }

    #[test]
    fn an_impossible_requirement_reports_gaps_instead_of_breaking_rules() {
        let templates = seeded_templates();
        let mut input = input(&templates, team(3));
        input.requirement = requirement(3); // 9 + 6 needed of 3 agents
        let out = run(&input);
        assert_eq!(violations(&input, &out, false), []);
        assert!(out.uncovered_slot_agents > out.needed_slot_agents / 2);
        let first = &out.uncovered[0];
        assert!(first.rostered < first.needed && first.slot_from < first.slot_to);
        assert!(
            out.unmet
                .iter()
                .any(|u| u.date.is_some() && u.reason == UnmetReason::TooFewAgents)
        );
        // Each still rests exactly the days owed, no more, no fewer.
        for a in &input.agents {
            let rests = out
                .cells
                .iter()
                .filter(|((no, _), c)| *no == a.employee_no && **c == Cell::Rest)
                .count();
            assert_eq!(rests, 4);
        }
    }

    #[test]
    fn fixed_cells_that_break_a_rule_are_reported_and_not_made_worse() {
        let templates = seeded_templates();
        let mut agents = team(4);
        // Seven pinned day shifts in a row, and an overnight followed by a pinned day shift.
        for day in 3..=9 {
            agents[0].fixed.insert(nov(day), Cell::Shift("D".into()));
        }
        agents[1].fixed.insert(nov(20), Cell::Shift("O".into()));
        agents[1].fixed.insert(nov(21), Cell::Shift("D".into()));
        let input = input(&templates, agents);
        let out = run(&input);
        assert_no_new_violations(&input, &out);
        let rules: Vec<_> = out
            .unmet
            .iter()
            .filter_map(|u| match u.reason {
                UnmetReason::FixedBreaksRule(rule) => Some((u.employee_no.clone(), rule)),
                _ => None,
            })
            .collect();
        assert!(rules.contains(&(Some("1001".into()), RosterRule::MaxConsecutiveWorkDays)));
        assert!(rules.contains(&(Some("1002".into()), RosterRule::MinRestBetweenShifts)));
        assert_eq!(violations(&input, &out, false).len(), rules.len());
    }

    #[test]
    fn progress_is_reported_often_and_cancel_stops() {
        let templates = seeded_templates();
        let mut input = input(&templates, team(10));
        input.steps = Some(20_000);
        let mut seen = Vec::new();
        generate(&input, &mut |p| {
            seen.push(p);
            true
        })
        .unwrap();
        assert_eq!(seen.first(), Some(&0));
        assert_eq!(seen.last(), Some(&100));
        // Monotone, and every percent of the search told (jumps only where no work is left).
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        let told: BTreeSet<u8> = seen.iter().copied().collect();
        assert!((10..90).all(|p| told.contains(&p)), "{told:?}");

        assert_eq!(generate(&input, &mut |_| false), Err(Cancelled));
        let mut calls = 0;
        let cancelled = generate(&input, &mut |_| {
            calls += 1;
            calls < 40
        });
        assert_eq!(cancelled, Err(Cancelled));
    }

    #[test]
    fn the_same_seed_gives_the_same_roster() {
        let templates = seeded_templates();
        let mut input = input(&templates, team(6));
        input.steps = Some(20_000);
        assert_eq!(run(&input), run(&input));
        input.seed = 8;
        assert_no_new_violations(&input, &run(&input));
    }

    #[test]
    fn nothing_to_fill_writes_nothing() {
        let templates = seeded_templates();
        let mut input = input(&templates, team(3));
        input.first_free = nov(1) + Duration::days(40);
        let out = run(&input);
        assert!(out.cells.is_empty() && out.uncovered.is_empty());
        input.first_free = nov(1);
        input.month = (2026, 13);
        assert!(run(&input).cells.is_empty());
    }

    // ---- random rosters -------------------------------------------------------------------

    const CODES: [&str; 8] = ["D", "N", "M", "O", "休", "", "09:00-12:00+14:00-18:00", "X"];

    fn cell(code: &str, templates: &[ShiftTemplate]) -> Cell {
        match code {
            "X" => Cell::Shift("X".into()),
            other => Cell::parse(other, templates).unwrap(),
        }
    }

    #[derive(Debug, Clone)]
    struct RandomAgent {
        /// (day offset from Nov 1, −7..37; code index)
        fixed: Vec<(i64, usize)>,
        leave: Vec<i64>,
        wishes: Vec<i64>,
        night_ok: bool,
        joined: Option<i64>,
        left: Option<i64>,
    }

    fn random_agent() -> impl Strategy<Value = RandomAgent> {
        (
            prop::collection::vec((-7i64..37, 0usize..CODES.len()), 0..12),
            prop::collection::vec(0i64..30, 0..4),
            prop::collection::vec(0i64..30, 0..5),
            prop::bool::weighted(0.8),
            prop::option::weighted(0.15, 0i64..30),
            prop::option::weighted(0.15, 0i64..30),
        )
            .prop_map(
                |(fixed, leave, wishes, night_ok, joined, left)| RandomAgent {
                    fixed,
                    leave,
                    wishes,
                    night_ok,
                    joined,
                    left,
                },
            )
    }

    fn random_input(
        templates: &[ShiftTemplate],
        agents: Vec<RandomAgent>,
        needs: Vec<(u16, u16, u16)>,
        policy: (i64, i64, i64),
        first_free: i64,
        seed: u64,
    ) -> GenerateInput<'_> {
        let at = |o: i64| nov(1) + Duration::days(o);
        let agents = agents
            .into_iter()
            .enumerate()
            .map(|(n, r)| {
                let mut a = GenAgent::new(&format!("{}", 2001 + n));
                for (o, c) in r.fixed {
                    a.fixed.insert(at(o), cell(CODES[c], templates));
                }
                a.leave = r.leave.into_iter().map(at).collect();
                a.wishes = r.wishes.into_iter().map(at).collect();
                a.night_ok = r.night_ok;
                a.joined_on = r.joined.map(at);
                a.left_on = r.left.map(at);
                a
            })
            .collect();
        let requirement = needs
            .into_iter()
            .enumerate()
            .map(|(o, (day, evening, night))| {
                let mut slots = need(day, evening);
                slots[47] = night;
                slots[..17].iter_mut().for_each(|s| *s = night);
                (at(o as i64), slots)
            })
            .collect();
        GenerateInput {
            month: (2026, 11),
            agents,
            templates,
            usable: vec!["D".into(), "N".into(), "M".into(), "O".into()],
            requirement,
            calendar: [
                (nov(11), HolidayKind::Holiday),
                (nov(14), HolidayKind::Workday),
            ]
            .into_iter()
            .collect(),
            policy: RosterPolicy {
                max_consecutive_work_days: policy.0,
                rest_days_per_month: policy.1,
                min_rest_between_shifts_h: policy.2,
            },
            seed,
            first_free: at(first_free),
            steps: Some(4_000),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn generated_rosters_never_break_a_rule_the_fixed_cells_keep(
            agents in prop::collection::vec(random_agent(), 3..=12),
            needs in prop::collection::vec((0u16..5, 0u16..4, 0u16..2), 30),
            policy in (3i64..=7, 2i64..=8, 6i64..=12),
            first_free in -3i64..=32,
            seed in any::<u64>(),
        ) {
            let templates = seeded_templates();
            let input = random_input(&templates, agents, needs, policy, first_free, seed);
            let out = run(&input);
            assert_no_new_violations(&input, &out);
            prop_assert_eq!(
                out.cells.keys().cloned().collect::<BTreeSet<_>>(),
                free_cells(&input)
            );
            for a in input.agents.iter().filter(|a| !a.night_ok) {
                for ((no, _), c) in &out.cells {
                    if *no == a.employee_no {
                        prop_assert!(!matches!(c, Cell::Shift(k) if k == "N" || k == "O"));
                    }
                }
            }
            prop_assert!(out.wishes_granted <= out.wishes_asked);
            prop_assert_eq!(&out, &run(&input));
        }

        /// The generator's own check reads a roster exactly as `check_month` does.
        #[test]
        fn the_fast_check_agrees_with_check_month(
            agents in prop::collection::vec(
                (prop::collection::vec(0usize..CODES.len(), 44), random_agent()), 1..=4),
            policy in (0i64..=7, 0i64..=8, 0i64..=16),
        ) {
            let templates = seeded_templates();
            let mut input = random_input(&templates, Vec::new(), Vec::new(), policy, 60, 0);
            for (n, (codes, r)) in agents.into_iter().enumerate() {
                let mut a = GenAgent::new(&format!("{}", 3001 + n));
                for (o, c) in codes.into_iter().enumerate() {
                    a.fixed.insert(nov(1) + Duration::days(o as i64 - 7), cell(CODES[c], &templates));
                }
                a.leave = r.leave.into_iter().map(|o| nov(1) + Duration::days(o)).collect();
                a.joined_on = r.joined.map(|o| nov(1) + Duration::days(o));
                a.left_on = r.left.map(|o| nov(1) + Duration::days(o));
                input.agents.push(a);
            }
            let engine = Engine::new(&input).unwrap();
            let mut ours: Vec<Violation> = engine
                .agents
                .iter()
                .flat_map(|a| a.base.iter().map(|v| engine.violation(&a.no, v)))
                .collect();
            ours.sort();
            let theirs = violations(&input, &Generated::empty(), false);
            prop_assert_eq!(ours, theirs);
        }
    }
}
