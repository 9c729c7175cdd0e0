//! The floor rules as an incremental engine: the live board feeds it events and ticks it with
//! the clock; a replay feeds it a day's events. Both see the same alerts.
//!
//! Timing, which every rule shares:
//! - An attendance check (late sign-in, absent, early leave) looks at the agent's state at its
//!   instant after every event at that instant, so an event exactly on time counts.
//! - A duration limit is broken only when the duration, in whole seconds, is strictly greater;
//!   the alert's instant is start + limit, but it can only be known one second later, so that
//!   is when the engine raises it.
//!
//! Timers live in one heap ordered by when they can be judged. Nothing is removed from the heap
//! when an agent changes state; a timer remembers the state episode it was set in and is
//! dropped when it comes up and the episode is over.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::alert::{Alert, RuleCode, format_secs};
use super::notice::{FloorEvent, Notice};
use super::policy::FloorPolicy;
use super::state::{AgentNow, AgentState, ShiftSpan, StateEvent};
use crate::ErrorCode;
use crate::Problem;

/// Cloneable, so the live floor can keep it as it stood a little while ago and replay a late
/// event from there (store's `live::replay`).
#[derive(Clone)]
pub struct FloorEngine {
    policy: FloorPolicy,
    agents: Vec<AgentBook>,
    by_employee_no: HashMap<String, usize>,
    shifts: Vec<ShiftBook>,
    timers: BinaryHeap<Reverse<Timer>>,
    next_timer_seq: u64,
    /// The latest instant the engine has been moved to; nothing earlier may be applied.
    now: Option<DateTime<Utc>>,
    /// Kept as events arrive so the line-full check never scans the agents (it scans only the
    /// shifts, to know whether anyone is rostered).
    ready_count: usize,
    line_full_announced: bool,
}

#[derive(Clone)]
struct AgentBook {
    employee_no: String,
    state: AgentState,
    since: Option<DateTime<Utc>>,
    reason: Option<String>,
    /// Bumped on every change of state; a timer set in an older episode is stale.
    episode: u64,
    /// Before this the engine does not know the agent's state (it started from a state that began
    /// here), so attendance instants before it are not judged. None: signed out all along.
    known_from: Option<DateTime<Utc>>,
    /// Indices into `FloorEngine::shifts`, by start.
    shifts: Vec<usize>,
    /// The shift the running small break counts toward.
    break_shift: Option<usize>,
    /// A break started, ended and restarted within one instant is one occurrence of
    /// break_during_line_full, not two.
    last_line_full_break: Option<DateTime<Utc>>,
}

#[derive(Clone)]
struct ShiftBook {
    span: ShiftSpan,
    /// Finished small breaks that started in this shift, in whole seconds.
    break_secs: i64,
    break_total_alerted: bool,
    /// A notice (报备) came before the shift started: no lateness or absence is judged.
    excused: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    /// Judged before the events at its instant (a duration one second past its limit: an event
    /// at that very instant ends a break that already ran too long).
    BeforeEvents,
    /// Judged after the events at its instant (attendance checks).
    AfterEvents,
}

#[derive(Clone, Copy)]
struct Timer {
    due: DateTime<Utc>,
    phase: Phase,
    seq: u64,
    /// The alert's instant, when it fires.
    at: DateTime<Utc>,
    agent: usize,
    kind: TimerKind,
}

#[derive(Clone, Copy)]
enum TimerKind {
    LateSignIn { shift: usize },
    Absent { shift: usize },
    EarlyLeave { shift: usize, episode: u64 },
    BreakOverrun { episode: u64 },
    MealOverrun { episode: u64 },
    BreakTotal { shift: usize, episode: u64 },
}

impl Timer {
    fn key(&self) -> (DateTime<Utc>, Phase, u64) {
        (self.due, self.phase, self.seq)
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Timer {}

impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn minutes(m: i64) -> Duration {
    Duration::minutes(m)
}

fn whole_secs(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_seconds()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl FloorEngine {
    /// `initial` gives agents' states as they stand when the engine starts, each with the instant
    /// it began; everyone else (from `shifts` or later events) starts signed out. Spans with
    /// end ≤ start are empty and ignored; the same span given twice counts once.
    pub fn new(
        policy: FloorPolicy,
        shifts: Vec<ShiftSpan>,
        initial: impl IntoIterator<Item = (String, AgentState, DateTime<Utc>)>,
    ) -> FloorEngine {
        let mut engine = FloorEngine {
            policy,
            agents: Vec::new(),
            by_employee_no: HashMap::new(),
            shifts: Vec::new(),
            timers: BinaryHeap::new(),
            next_timer_seq: 0,
            now: None,
            ready_count: 0,
            line_full_announced: false,
        };
        for (employee_no, state, since) in initial {
            let idx = engine.agent_index(&employee_no);
            let agent = &mut engine.agents[idx];
            agent.state = state;
            agent.since = Some(since);
            agent.known_from = Some(since);
        }

        let mut shifts = shifts;
        shifts.retain(|s| s.start < s.end);
        shifts.sort_by(|a, b| (&a.agent, a.start, a.end).cmp(&(&b.agent, b.start, b.end)));
        shifts.dedup_by(|a, b| a.agent == b.agent && a.start == b.start && a.end == b.end);
        for span in shifts {
            let agent = engine.agent_index(&span.agent);
            let shift = engine.shifts.len();
            engine.agents[agent].shifts.push(shift);
            let late_at = span.start - minutes(policy.ready_before_start_min);
            let absent_at = span.start + minutes(policy.absent_after_min);
            engine.shifts.push(ShiftBook {
                span,
                break_secs: 0,
                break_total_alerted: false,
                excused: false,
            });
            engine.schedule(
                late_at,
                Phase::AfterEvents,
                late_at,
                agent,
                TimerKind::LateSignIn { shift },
            );
            engine.schedule(
                absent_at,
                Phase::AfterEvents,
                absent_at,
                agent,
                TimerKind::Absent { shift },
            );
        }

        for idx in 0..engine.agents.len() {
            if engine.agents[idx].state == AgentState::Ready {
                engine.ready_count += 1;
            }
            // A break or meal already running has its limits; a sign-out before the engine
            // started was judged (or not) by whoever saw it happen.
            engine.start_episode_timers(idx);
        }
        engine
    }

    /// Feeds one state change. Timers that came due before its instant are judged first, so the
    /// result holds their alerts too, then any alert the change itself raises.
    pub fn apply(&mut self, event: &StateEvent) -> Result<Vec<Alert>, Problem> {
        let mut alerts = self.move_to(event.at, Some(&event.agent))?;
        let idx = self.agent_index(&event.agent);
        alerts.extend(self.change_state(idx, event.at, event.state, event.reason.clone()));
        Ok(alerts)
    }

    /// Takes a notice (报备) in time order with the events. One given before its shift starts
    /// excuses that shift's lateness and absence; one given later changes no alert (the store
    /// marks the alerts notified).
    pub fn notice(&mut self, notice: &Notice) -> Result<Vec<Alert>, Problem> {
        let alerts = self.move_to(notice.at, Some(&notice.agent))?;
        let idx = self.agent_index(&notice.agent);
        let shifts = &self.agents[idx].shifts;
        let about = notice.shift(shifts.iter().map(|&s| &self.shifts[s].span));
        if let Some(span) = about
            && notice.excuses(span)
        {
            let (start, end) = (span.start, span.end);
            if let Some(&s) = shifts
                .iter()
                .find(|&&s| self.shifts[s].span.start == start && self.shifts[s].span.end == end)
            {
                self.shifts[s].excused = true;
            }
        }
        Ok(alerts)
    }

    /// Feeds a state change or a notice.
    pub fn feed(&mut self, event: &FloorEvent) -> Result<Vec<Alert>, Problem> {
        match event {
            FloorEvent::State(e) => self.apply(e),
            FloorEvent::Notice(n) => self.notice(n),
        }
    }

    /// Moves the engine's time to `now`, declaring every event up to and including `now` applied:
    /// judges the timers that came due, by instant. An earlier `now` than the engine's time does
    /// nothing. An event applied later at exactly `now` is accepted but can no longer prevent an
    /// attendance alert of that instant.
    pub fn advance_to(&mut self, now: DateTime<Utc>) -> Vec<Alert> {
        if self.now.is_some_and(|current| now < current) {
            return Vec::new();
        }
        self.now = Some(now);
        self.fire_due(now, true)
    }

    /// The monitor announces the line full (or lifts it): while on, no small break may start,
    /// whatever the idle count. Ordered with the events like one.
    pub fn set_line_full(&mut self, at: DateTime<Utc>, on: bool) -> Result<Vec<Alert>, Problem> {
        let alerts = self.move_to(at, None)?;
        self.line_full_announced = on;
        Ok(alerts)
    }

    pub fn ready_count(&self) -> usize {
        self.ready_count
    }

    /// Whether no small break may start now: announced, or — while someone is rostered to work —
    /// idle agents at or below the guard (seed 003: "话务空闲数小于或等于3").
    pub fn line_full(&self) -> bool {
        self.line_full_announced || self.line_full_by_count()
    }

    /// The computed half of [`line_full`](Self::line_full): idle (ready) agents at or below the
    /// guard while some agent is within a shift. At 03:50 with nobody rostered the line is not full.
    pub fn line_full_by_count(&self) -> bool {
        self.now.is_some_and(|now| self.guard_applies(now))
            && self.idle_at_or_below_guard(self.ready_count)
    }

    /// The computed guard counts only while some agent is within a shift.
    fn guard_applies(&self, at: DateTime<Utc>) -> bool {
        self.shifts
            .iter()
            .any(|s| s.span.start <= at && at < s.span.end)
    }

    pub fn line_full_announced(&self) -> bool {
        self.line_full_announced
    }

    pub fn policy(&self) -> &FloorPolicy {
        &self.policy
    }

    /// The latest instant the engine has been moved to, by an event or by `advance_to`.
    pub fn now(&self) -> Option<DateTime<Utc>> {
        self.now
    }

    /// Every agent the engine knows, by 工号, as a board shows them at `now`.
    pub fn snapshot(&self, now: DateTime<Utc>) -> Vec<AgentNow> {
        let mut rows: Vec<AgentNow> = (0..self.agents.len())
            .map(|idx| self.agent_now(idx, now))
            .collect();
        rows.sort_by(|a, b| a.agent.cmp(&b.agent));
        rows
    }

    fn agent_now(&self, idx: usize, now: DateTime<Utc>) -> AgentNow {
        let agent = &self.agents[idx];
        let elapsed_secs = agent.since.map(|since| whole_secs(since, now).max(0));
        let limit_secs = match agent.state {
            AgentState::SmallBreak => Some(self.policy.small_break_max_min * 60),
            AgentState::Meal => Some(self.policy.meal_max_min * 60),
            _ => None,
        };
        let (shift, running) = match agent.break_shift {
            Some(shift) if agent.state == AgentState::SmallBreak => {
                (Some(shift), elapsed_secs.unwrap_or(0))
            }
            _ => (self.shift_containing(idx, now), 0),
        };
        let book = shift.map(|s| &self.shifts[s]);
        AgentNow {
            agent: agent.employee_no.clone(),
            state: agent.state,
            since: agent.since,
            reason: agent.reason.clone(),
            elapsed_secs,
            limit_secs,
            shift_date: book.map(|b| b.span.shift_date),
            shift_break_secs: book.map_or(0, |b| b.break_secs + running),
            shift_break_limit_secs: book.map(|_| self.policy.small_break_total_max_min * 60),
        }
    }

    /// The agent's state now (signed out if the engine has never seen them).
    pub fn agent_state(&self, employee_no: &str) -> AgentState {
        self.by_employee_no
            .get(employee_no)
            .map_or(AgentState::SignedOut, |&idx| self.agents[idx].state)
    }

    /// Whether a small break started at `at`, with `ready` agents ready just before it (the one
    /// asking counted only if they are ready), would be held: the same test
    /// `break_during_line_full` applies. 满线 is "话务空闲数小于或等于3" (seed 003): the idle count,
    /// in which a busy agent going on break was never idle.
    pub fn break_held(&self, at: DateTime<Utc>, ready: usize) -> bool {
        self.line_full_announced || (self.guard_applies(at) && self.idle_at_or_below_guard(ready))
    }

    fn idle_at_or_below_guard(&self, idle: usize) -> bool {
        i64::try_from(idle).unwrap_or(i64::MAX) <= self.policy.line_full_max_idle
    }

    /// Refuses to go back in time, then judges the timers due before the events at `at`.
    fn move_to(&mut self, at: DateTime<Utc>, agent: Option<&str>) -> Result<Vec<Alert>, Problem> {
        if let Some(now) = self.now
            && at < now
        {
            let problem = Problem::new(
                ErrorCode::FloorOutOfOrder,
                format!(
                    "a state change at {} comes after one at {}; changes must arrive in time order",
                    at.to_rfc3339(),
                    now.to_rfc3339()
                ),
            )
            .with("at", at.to_rfc3339())
            .with("now", now.to_rfc3339());
            return Err(match agent {
                Some(agent) => problem.with("agent", agent),
                None => problem,
            });
        }
        self.now = Some(at);
        Ok(self.fire_due(at, false))
    }

    fn fire_due(&mut self, until: DateTime<Utc>, after_events: bool) -> Vec<Alert> {
        let mut alerts = Vec::new();
        while let Some(Reverse(next)) = self.timers.peek() {
            let due = next.due < until
                || (next.due == until && (after_events || next.phase == Phase::BeforeEvents));
            if !due {
                break;
            }
            let Some(Reverse(timer)) = self.timers.pop() else {
                break;
            };
            alerts.extend(self.judge_timer(&timer));
        }
        alerts.sort();
        alerts
    }

    fn judge_timer(&mut self, timer: &Timer) -> Option<Alert> {
        let policy = self.policy;
        let agent = &self.agents[timer.agent];
        let alert = |rule, shift: Option<usize>, detail: String| Alert {
            at: timer.at,
            agent: agent.employee_no.clone(),
            rule,
            shift_date: shift.map(|s| self.shifts[s].span.shift_date),
            detail,
        };
        let known = agent.known_from.is_none_or(|from| from <= timer.at);
        match timer.kind {
            TimerKind::LateSignIn { shift } => {
                (known && !agent.state.is_at_work() && !self.shifts[shift].excused).then(|| {
                    alert(
                        RuleCode::LateSignIn,
                        Some(shift),
                        format!(
                            "{} at shift start - {} min, not signed in and ready",
                            agent.state.as_str(),
                            policy.ready_before_start_min
                        ),
                    )
                })
            }
            TimerKind::Absent { shift } => {
                // Absent: signed out without a break from shift start (or earlier) through the
                // check, counting events at both instants. Someone who came and went again is
                // an early leave instead.
                let start = self.shifts[shift].span.start;
                let never_came = agent.state == AgentState::SignedOut
                    && agent.since.is_none_or(|since| since <= start);
                (known && never_came && !self.shifts[shift].excused).then(|| {
                    alert(
                        RuleCode::Absent,
                        Some(shift),
                        format!(
                            "signed out from shift start to shift start + {} min",
                            policy.absent_after_min
                        ),
                    )
                })
            }
            TimerKind::EarlyLeave { shift, episode } => (agent.episode == episode).then(|| {
                let left = agent.since.unwrap_or(timer.at);
                let early = whole_secs(left, self.shifts[shift].span.end);
                alert(
                    RuleCode::EarlyLeave,
                    Some(shift),
                    format!(
                        "signed out {} before shift end (grace {} min)",
                        format_secs(early),
                        policy.early_leave_grace_min
                    ),
                )
            }),
            TimerKind::BreakOverrun { episode } => (agent.episode == episode).then(|| {
                alert(
                    RuleCode::BreakOverrun,
                    agent.break_shift,
                    format!(
                        "small break of {} exceeds {} min",
                        format_secs(policy.small_break_max_min * 60 + 1),
                        policy.small_break_max_min
                    ),
                )
            }),
            TimerKind::MealOverrun { episode } => (agent.episode == episode).then(|| {
                alert(
                    RuleCode::MealOverrun,
                    agent
                        .since
                        .and_then(|since| self.shift_containing(timer.agent, since)),
                    format!(
                        "meal of {} exceeds {} min",
                        format_secs(policy.meal_max_min * 60 + 1),
                        policy.meal_max_min
                    ),
                )
            }),
            TimerKind::BreakTotal { shift, episode } => {
                if agent.episode != episode || self.shifts[shift].break_total_alerted {
                    return None;
                }
                let raised = alert(
                    RuleCode::BreakTotalExceeded,
                    Some(shift),
                    format!(
                        "small breaks total {} exceeds {} min",
                        format_secs(policy.small_break_total_max_min * 60 + 1),
                        policy.small_break_total_max_min
                    ),
                );
                self.shifts[shift].break_total_alerted = true;
                Some(raised)
            }
        }
    }

    fn change_state(
        &mut self,
        idx: usize,
        at: DateTime<Utc>,
        state: AgentState,
        reason: Option<String>,
    ) -> Option<Alert> {
        let old = self.agents[idx].state;
        if old == state {
            // A repeated state is not a new episode: clicking 'break' again must not restart
            // the break's clock.
            self.agents[idx].reason = reason;
            return None;
        }

        if old == AgentState::SmallBreak
            && let (Some(shift), Some(since)) =
                (self.agents[idx].break_shift.take(), self.agents[idx].since)
        {
            self.shifts[shift].break_secs += whole_secs(since, at);
        }

        let mut alert = None;
        if state == AgentState::SmallBreak {
            // The agents ready just before the break: the one going counts only if ready.
            let idle = self.ready_count;
            let held = self.break_held(at, idle);
            if held && self.agents[idx].last_line_full_break != Some(at) {
                self.agents[idx].last_line_full_break = Some(at);
                let guard = self.policy.line_full_max_idle;
                let count = plural(idle, "agent", "agents");
                let detail = if !self.line_full_announced {
                    format!("{count} ready (guard {guard})")
                } else {
                    format!("line full announced; {count} ready (guard {guard})")
                };
                alert = Some(Alert {
                    at,
                    agent: self.agents[idx].employee_no.clone(),
                    rule: RuleCode::BreakDuringLineFull,
                    shift_date: self
                        .shift_containing(idx, at)
                        .map(|s| self.shifts[s].span.shift_date),
                    detail,
                });
            }
        }

        if old == AgentState::Ready {
            self.ready_count -= 1;
        }
        if state == AgentState::Ready {
            self.ready_count += 1;
        }
        let agent = &mut self.agents[idx];
        agent.state = state;
        agent.since = Some(at);
        agent.reason = reason;
        agent.episode += 1;
        let episode = agent.episode;

        if state == AgentState::SignedOut
            && let Some(shift) = self.shift_containing(idx, at)
        {
            let check_at = at + minutes(self.policy.early_leave_grace_min);
            self.schedule(
                check_at,
                Phase::AfterEvents,
                check_at,
                idx,
                TimerKind::EarlyLeave { shift, episode },
            );
        }
        self.start_episode_timers(idx);
        alert
    }

    /// The limits of the state the agent has just entered (or started the engine in).
    fn start_episode_timers(&mut self, idx: usize) {
        let agent = &self.agents[idx];
        let (Some(since), episode) = (agent.since, agent.episode) else {
            return;
        };
        let one_second = Duration::seconds(1);
        match agent.state {
            AgentState::SmallBreak => {
                let shift = self.shift_containing(idx, since);
                self.agents[idx].break_shift = shift;
                let limit_at = since + minutes(self.policy.small_break_max_min);
                self.schedule(
                    limit_at + one_second,
                    Phase::BeforeEvents,
                    limit_at,
                    idx,
                    TimerKind::BreakOverrun { episode },
                );
                if let Some(shift) = shift
                    && !self.shifts[shift].break_total_alerted
                {
                    let left_secs = (self.policy.small_break_total_max_min * 60
                        - self.shifts[shift].break_secs)
                        .max(0);
                    let total_at = since + Duration::seconds(left_secs);
                    self.schedule(
                        total_at + one_second,
                        Phase::BeforeEvents,
                        total_at,
                        idx,
                        TimerKind::BreakTotal { shift, episode },
                    );
                }
            }
            AgentState::Meal => {
                let limit_at = since + minutes(self.policy.meal_max_min);
                self.schedule(
                    limit_at + one_second,
                    Phase::BeforeEvents,
                    limit_at,
                    idx,
                    TimerKind::MealOverrun { episode },
                );
            }
            _ => {}
        }
    }

    fn schedule(
        &mut self,
        due: DateTime<Utc>,
        phase: Phase,
        at: DateTime<Utc>,
        agent: usize,
        kind: TimerKind,
    ) {
        self.next_timer_seq += 1;
        self.timers.push(Reverse(Timer {
            due,
            phase,
            seq: self.next_timer_seq,
            at,
            agent,
            kind,
        }));
    }

    fn agent_index(&mut self, employee_no: &str) -> usize {
        if let Some(&idx) = self.by_employee_no.get(employee_no) {
            return idx;
        }
        let idx = self.agents.len();
        self.agents.push(AgentBook {
            employee_no: employee_no.to_owned(),
            state: AgentState::SignedOut,
            since: None,
            reason: None,
            episode: 0,
            known_from: None,
            shifts: Vec::new(),
            break_shift: None,
            last_line_full_break: None,
        });
        self.by_employee_no.insert(employee_no.to_owned(), idx);
        idx
    }

    /// The agent's shift whose span holds `at` (if rostered shifts overlap, the later start wins).
    fn shift_containing(&self, idx: usize, at: DateTime<Utc>) -> Option<usize> {
        let shifts = &self.agents[idx].shifts;
        let started = shifts.partition_point(|&s| self.shifts[s].span.start <= at);
        shifts[..started]
            .iter()
            .rev()
            .copied()
            .find(|&s| self.shifts[s].span.contains(at))
    }

    /// The start of the agent's shift holding `at`, if any.
    pub fn shift_start_at(&self, employee_no: &str, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let idx = *self.by_employee_no.get(employee_no)?;
        self.shift_containing(idx, at)
            .map(|s| self.shifts[s].span.start)
    }

    /// The date of the agent's shift holding `at`, if any.
    pub fn shift_date_at(&self, employee_no: &str, at: DateTime<Utc>) -> Option<NaiveDate> {
        let idx = *self.by_employee_no.get(employee_no)?;
        self.shift_containing(idx, at)
            .map(|s| self.shifts[s].span.shift_date)
    }
}
