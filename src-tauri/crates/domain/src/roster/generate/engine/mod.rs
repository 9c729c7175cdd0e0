//! The generator's working state: the month as a window of days per agent, the score's
//! weights and terms, coverage and rule checks kept incrementally. The passes that change it
//! live beside it: `fill` (the greedy start), `replan` (one agent's month by dynamic
//! programming), `search` (late-acceptance hill climbing) and `explain` (the report).

mod explain;
mod fill;
mod replan;
mod search;

use super::*;

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

pub(super) struct Engine<'a> {
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
    pub(super) fn new(input: &GenerateInput<'a>) -> Option<Engine<'a>> {
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
                let minutes = crate::roster::template::span_minutes(t.start, t.end);
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
