//! The live floor as a board sees it: the rule engine loaded with the last two days' shifts,
//! states and events, moved along by the clock and by new events, keeping every alert it raises
//! in the store. The clock is always passed in, so tests drive it.

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use floordesk_domain::floor::{
    AgentNow, AgentState, Alert, FloorEngine, FloorPolicy, Notice, StateEvent,
};

use floordesk_domain::Problem;
use floordesk_domain::floor::breaks::{QueueStep, WaitingBreak, settle_queue};

use crate::breaks::BreakRequest;
use crate::floor::EventSource;
use crate::import::events::EventLine;
use crate::{Actor, Result, Store, local_midnight};
use floordesk_domain::ErrorCode;
use floordesk_domain::handover::seats::board_seats;

mod replay;

use replay::{Input, LATE_WINDOW, Replay};

pub struct LiveFloor {
    engine: FloorEngine,
    /// The engine as it stood a little while ago, to put a late event in its place.
    replay: Replay,
    /// How many times the floor was read from the store again since it was loaded (a new day,
    /// an event from before what the replay holds, a roster change).
    reloads: u64,
    tz: Tz,
    /// The local day the engine was loaded for; a new day reloads it.
    day: NaiveDate,
    /// The newest stored event the engine has seen.
    cursor: i64,
    /// The newest stored notice the engine has seen.
    notice_cursor: i64,
}

impl LiveFloor {
    /// Rebuilds the floor from the store and judges it up to `now`, recording any alert not
    /// stored yet. Returns the floor and those new alerts.
    pub fn load(store: &mut Store, now: DateTime<Utc>) -> Result<(LiveFloor, Vec<Alert>)> {
        let tz = store.require_site()?.tz();
        let day = now.with_timezone(&tz).date_naive();
        let yesterday = day.checked_sub_days(Days::new(1)).unwrap_or(day);
        let from = local_midnight(yesterday, tz).unwrap_or(now);
        let policy = FloorPolicy::from_settings(&store.policy_at(now)?);
        let shifts = store.shift_spans(yesterday, day)?;
        let initial = store.states_at(from - chrono::Duration::milliseconds(1))?;
        let mut engine = FloorEngine::new(policy, shifts, initial);
        let cursor = store.last_event_id()?;
        let notice_cursor = store.last_notice_id()?;
        let end = now + chrono::Duration::milliseconds(1);
        let mut inputs: Vec<Input> = store
            .line_full_marks(from, end)?
            .into_iter()
            .map(|(at, on)| Input::LineFull { at, on })
            .chain(
                store
                    .floor_events_between(from, end)?
                    .into_iter()
                    .map(Input::Event),
            )
            .collect();
        replay::sort(&mut inputs);
        // The engine as it stood LATE_WINDOW ago is kept, so an event that late is replayed.
        let recent = inputs.split_off(inputs.partition_point(|i| i.at() <= now - LATE_WINDOW));
        let mut alerts = Vec::new();
        for input in &inputs {
            alerts.extend(input.feed(&mut engine)?);
        }
        let base = engine.clone();
        for input in &recent {
            alerts.extend(input.feed(&mut engine)?);
        }
        alerts.extend(engine.advance_to(now));
        let new = store.record_alerts(&alerts, now)?;
        Ok((
            LiveFloor {
                engine,
                replay: Replay::new(base, recent),
                reloads: 0,
                tz,
                day,
                cursor,
                notice_cursor,
            },
            new,
        ))
    }

    /// Moves the floor to `now`: picks up events other programs stored (one dated before the
    /// floor's time is put in its place, see [`replay`]), fires due timers, and records new
    /// alerts.
    pub fn tick(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<Vec<Alert>> {
        let mut alerts = self.catch_up(store, now)?;
        if self.settle_breaks(store, now)? {
            alerts.extend(self.catch_up(store, now)?);
        }
        Ok(alerts)
    }

    /// Applies the events stored since the engine last looked and the timers due by `now`.
    fn catch_up(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<Vec<Alert>> {
        if now.with_timezone(&self.tz).date_naive() != self.day {
            return self.reload(store, now);
        }
        let newer = store.events_after_id(self.cursor)?;
        let notices = store.notices_after_id(self.notice_cursor)?;
        if let Some((id, _)) = newer.last() {
            self.cursor = *id;
        }
        if let Some((id, _)) = notices.last() {
            self.notice_cursor = *id;
        }
        let mut states: Vec<StateEvent> = newer.into_iter().map(|(_, e)| e).collect();
        states.sort_by_key(|e| e.at);
        let events: Vec<Input> =
            crate::notices::merge_by_instant(states, notices.into_iter().map(|(_, n)| n).collect())
                .into_iter()
                .map(Input::Event)
                .collect();
        let engine_now = self.engine.now();
        // Notices come in the order stored, not by instant, so the earliest is looked for.
        let earliest = events.iter().map(Input::at).min();
        let late = earliest.filter(|at| engine_now.is_some_and(|t| *at < t));
        let mut alerts = match late {
            // A late correction older than the replay reaches: the day is read again.
            Some(at) if !self.replay.reaches(at) => return self.reload(store, now),
            Some(_) => {
                let now = engine_now.map_or(now, |t| t.max(now));
                match self.replay.replay(events, now) {
                    Ok((engine, alerts)) => {
                        self.engine = engine;
                        alerts
                    }
                    // Cannot happen while the replay holds what the engine took; were it ever
                    // to, the store still has everything.
                    Err(_) => return self.reload(store, now),
                }
            }
            None => {
                let mut alerts = Vec::new();
                for event in &events {
                    alerts.extend(event.feed(&mut self.engine)?);
                }
                self.replay.taken(events);
                alerts
            }
        };
        alerts.extend(self.engine.advance_to(now));
        if let Some(t) = self.engine.now() {
            self.replay.settle(t - LATE_WINDOW)?;
        }
        store.record_alerts(&alerts, now)
    }

    /// Whether shifts starting on `date` are on the floor now (it holds yesterday's and today's):
    /// a change to a later or earlier day's roster does not change whom it expects.
    pub fn judges_day(&self, date: NaiveDate) -> bool {
        date == self.day || self.day.pred_opt() == Some(date)
    }

    /// Starts over from the store (a new day, a changed policy, a late correction).
    /// Never moves the floor back in time: events it has seen stay applied.
    pub fn reload(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<Vec<Alert>> {
        let now = self.engine.now().map_or(now, |t| t.max(now));
        let started = std::time::Instant::now();
        let (floor, alerts) = LiveFloor::load(store, now)?;
        let reloads = self.reloads + 1;
        tracing::debug!(
            reloads,
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "live floor read again"
        );
        *self = LiveFloor { reloads, ..floor };
        Ok(alerts)
    }

    /// How many times the floor was read from the store again since it was loaded.
    pub fn reloads(&self) -> u64 {
        self.reloads
    }

    /// Serves the break queue: grants in order while the guard allows, drops requests that no
    /// longer apply. True when a break was granted (its event is stored, not yet applied).
    fn settle_breaks(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<bool> {
        let waiting = store.waiting_breaks()?;
        if waiting.is_empty() {
            return Ok(false);
        }
        let mut granted = false;
        for step in settle_queue(&self.engine, &waiting) {
            match step {
                QueueStep::Grant { id, .. } => {
                    store.grant_break_request(id, None, Actor::system(now))?;
                    granted = true;
                }
                QueueStep::Drop { id, why } => {
                    store.drop_break_request(id, why, Actor::system(now))?;
                }
            }
        }
        Ok(granted)
    }

    /// An agent asks for a small break (entered by a lead). It starts at once when the guard
    /// allows and nobody is waiting before them; otherwise it joins the queue.
    pub fn request_break(
        &mut self,
        store: &mut Store,
        employee_no: &str,
        actor: Actor,
    ) -> Result<(BreakRequest, Vec<Alert>)> {
        store.require_active_agent(employee_no)?;
        let mut alerts = self.tick(store, actor.at)?;
        let refused = match self.engine.agent_state(employee_no) {
            AgentState::SignedOut => Some((ErrorCode::BreakSignedOut, "is signed out")),
            AgentState::SmallBreak => Some((
                ErrorCode::BreakAlreadyOnBreak,
                "is already on a small break",
            )),
            _ => None,
        };
        if let Some((code, why)) = refused {
            return Err(Problem::new(code, format!("agent {employee_no} {why}"))
                .with("employee_no", employee_no)
                .into());
        }
        let mut waiting = store.waiting_breaks()?;
        waiting.push(WaitingBreak {
            id: 0,
            agent: employee_no.to_owned(),
        });
        let at_once = settle_queue(&self.engine, &waiting)
            .iter()
            .any(|s| matches!(s, QueueStep::Grant { id: 0, .. }));
        let id = store.add_break_request(employee_no, !at_once, actor)?;
        alerts.extend(self.tick(store, actor.at)?);
        Ok((store.break_request(id)?, alerts))
    }

    /// A lead grants a waiting request out of turn, whatever the queue and the guard; the
    /// reason is required and kept.
    pub fn grant_break_out_of_turn(
        &mut self,
        store: &mut Store,
        id: i64,
        reason: &str,
        actor: Actor,
    ) -> Result<Vec<Alert>> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Problem::new(
                ErrorCode::BreakReasonRequired,
                "granting out of turn needs a reason",
            )
            .into());
        }
        let mut alerts = self.catch_up(store, actor.at)?;
        store.grant_break_request(id, Some(reason), actor)?;
        alerts.extend(self.tick(store, actor.at)?);
        Ok(alerts)
    }

    /// A lead withdraws a waiting request; the ones behind it move up.
    pub fn cancel_break(&mut self, store: &mut Store, id: i64, actor: Actor) -> Result<Vec<Alert>> {
        store.cancel_break_request(id, actor)?;
        self.tick(store, actor.at)
    }

    /// A state change entered on the board. `effective_at` earlier than now is a late
    /// correction: it is stored with both instants and the floor is re-judged from it.
    pub fn set_state(
        &mut self,
        store: &mut Store,
        event: StateEvent,
        actor: Actor,
    ) -> Result<Vec<Alert>> {
        store.ingest_events(
            "board",
            &[EventLine {
                line: 1,
                event: event.into(),
            }],
            EventSource::Board,
            true,
            actor,
        )?;
        self.tick(store, actor.at)
    }

    /// The demo's one waiting break: the agent on a call longest asks for a small break; it
    /// waits in the queue while the line is full (and starts at once otherwise).
    pub fn demo_break_request(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<()> {
        let asker = self
            .snapshot(now)
            .into_iter()
            .filter(|a| a.state == AgentState::Busy && self.on_shift(&a.agent, now))
            .min_by_key(|a| (a.since, a.agent.clone()));
        if let Some(asker) = asker {
            self.request_break(store, &asker.agent, Actor::system(now))?;
        }
        Ok(())
    }

    /// A lead records that an agent phoned in (报备): late or absent, why, and when the call
    /// came (`at`, not later than now). A notice dated before the floor's time re-judges the
    /// floor from the store, as a late correction does.
    pub fn record_notice(
        &mut self,
        store: &mut Store,
        notice: Notice,
        actor: Actor,
    ) -> Result<(crate::notices::NoticeMark, Vec<Alert>)> {
        let reason = notice.reason.as_deref().map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            return Err(Problem::new(
                ErrorCode::NoticeReasonRequired,
                "a notice needs the reason the agent gave",
            )
            .into());
        }
        if notice.at > actor.at {
            return Err(Problem::new(
                ErrorCode::NoticeInFuture,
                "a notice cannot be dated after the moment it is recorded",
            )
            .into());
        }
        let notice = Notice {
            reason: Some(reason.to_owned()),
            ..notice
        };
        store.require_active_agent(&notice.agent)?;
        let line = EventLine {
            line: 1,
            event: notice.clone().into(),
        };
        let spans = store.shifts_around_notices(std::slice::from_ref(&line))?;
        if notice.shift(&spans).is_none() {
            return Err(Problem::new(
                ErrorCode::NoticeNoShift,
                format!("agent {} has no shift running or to come", notice.agent),
            )
            .with("employee_no", &notice.agent)
            .into());
        }
        store.ingest_events("board", &[line], EventSource::Board, true, actor)?;
        let alerts = self.tick(store, actor.at)?;
        Ok((store.notice(store.last_notice_id()?)?, alerts))
    }

    /// The monitor announces (or lifts) 'line full': breaks are held as when idle agents are few.
    pub fn set_line_full(
        &mut self,
        store: &mut Store,
        on: bool,
        actor: Actor,
    ) -> Result<Vec<Alert>> {
        store.record_line_full(on, actor)?;
        let mut alerts = self.engine.set_line_full(actor.at, on)?;
        self.replay.taken([Input::LineFull { at: actor.at, on }]);
        alerts.extend(self.engine.advance_to(actor.at));
        store.record_alerts(&alerts, actor.at)
    }

    pub fn snapshot(&self, now: DateTime<Utc>) -> Vec<AgentNow> {
        self.engine.snapshot(now)
    }

    pub fn ready_count(&self) -> usize {
        self.engine.ready_count()
    }

    pub fn line_full(&self) -> bool {
        self.engine.line_full()
    }

    pub fn line_full_announced(&self) -> bool {
        self.engine.line_full_announced()
    }

    pub fn policy(&self) -> &FloorPolicy {
        self.engine.policy()
    }

    pub fn state_of(&self, employee_no: &str, now: DateTime<Utc>) -> Option<AgentState> {
        self.snapshot(now)
            .into_iter()
            .find(|a| a.agent == employee_no)
            .map(|a| a.state)
    }
}

/// One agent on the board: who and where, and their state now.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct BoardAgent {
    pub employee_no: String,
    pub name: String,
    pub team_id: i64,
    pub team_name: String,
    /// The team's channel: the card's words follow it (通话中 / 接待中).
    pub channel: floordesk_domain::people::ContactChannel,
    /// The seat the agent sits in: the one their 交接班长 assigned for the shift running now
    /// (see `seat_assigned`), else their home seat.
    pub seat_code: Option<String>,
    /// The seat comes from the shift's roll call (本班台席), not the home seat.
    pub seat_assigned: bool,
    /// Floor-map position of the seat (column, row).
    pub seat_x: Option<i64>,
    pub seat_y: Option<i64>,
    pub zone: Option<String>,
    pub now: AgentNow,
    /// The agent's latest notice (报备) about a shift not yet over: the card shows 已报备.
    pub notice: Option<crate::notices::NoticeMark>,
}

impl BoardAgent {
    /// Whether the card shows the same thing: everything but the running seconds, which the
    /// board counts from `since` itself.
    pub fn same_card(&self, other: &BoardAgent) -> bool {
        let (a, b) = (&self.now, &other.now);
        self.employee_no == other.employee_no
            && self.name == other.name
            && self.team_id == other.team_id
            && self.team_name == other.team_name
            && self.channel == other.channel
            && self.seat_code == other.seat_code
            && self.seat_assigned == other.seat_assigned
            && self.seat_x == other.seat_x
            && self.seat_y == other.seat_y
            && self.zone == other.zone
            && self.notice == other.notice
            && a.state == b.state
            && a.since == b.since
            && a.reason == b.reason
            && a.limit_secs == b.limit_secs
            && a.shift_date == b.shift_date
            && a.shift_break_limit_secs == b.shift_break_limit_secs
    }
}

/// Everything the board shows at one instant.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Board {
    /// The push this board is current to (see [`BoardDelta`]); 0 before the first push.
    pub seq: u64,
    pub now: DateTime<Utc>,
    pub agents: Vec<BoardAgent>,
    pub ready_count: u32,
    /// No small break may start: announced, or the computed guard holds.
    pub line_full: bool,
    pub line_full_announced: bool,
    /// Who announced 满线 and when, while it is announced.
    pub line_full_announcement: Option<crate::floor::LineFullAnnouncement>,
    /// Idle (ready) agents at or below the guard while someone is within a shift.
    pub line_full_by_count: bool,
    pub line_full_max_idle: i64,
    /// Newest first.
    pub open_alerts: Vec<crate::floor::StoredAlert>,
    /// Break requests waiting, in queue order.
    pub break_queue: Vec<BreakRequest>,
    /// 交接提醒 raised and not yet acknowledged, by due time.
    pub handover_reminders: Vec<crate::handover::reminders::HandoverReminder>,
    /// Complaints whose next step is past its due time, the longest overdue first.
    pub overdue_complaints: Vec<crate::complaints::OverdueComplaint>,
}

/// What changed on the board since the previous push: the cards that show something new, and
/// the lists only when they changed. A floor of a thousand agents then pushes a few cards, not
/// the whole board, every time.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct BoardDelta {
    /// One more than the previous push's.
    pub seq: u64,
    pub now: DateTime<Utc>,
    /// Cards new or changed since the previous push, in board order.
    pub agents: Vec<BoardAgent>,
    /// 工号 of agents no longer on the board.
    pub removed: Vec<String>,
    pub ready_count: u32,
    pub line_full: bool,
    pub line_full_announced: bool,
    pub line_full_announcement: Option<crate::floor::LineFullAnnouncement>,
    pub line_full_by_count: bool,
    pub line_full_max_idle: i64,
    /// None: unchanged.
    pub open_alerts: Option<Vec<crate::floor::StoredAlert>>,
    /// None: unchanged.
    pub break_queue: Option<Vec<BreakRequest>>,
    /// None: unchanged.
    pub handover_reminders: Option<Vec<crate::handover::reminders::HandoverReminder>>,
    /// None: unchanged.
    pub overdue_complaints: Option<Vec<crate::complaints::OverdueComplaint>>,
}

impl Board {
    /// The push that turns `previous` (the last pushed board, None for the first push) into
    /// this one.
    pub fn delta_from(&self, previous: Option<&Board>, seq: u64) -> BoardDelta {
        let before: std::collections::HashMap<&str, &BoardAgent> = previous
            .map(|p| {
                p.agents
                    .iter()
                    .map(|a| (a.employee_no.as_str(), a))
                    .collect()
            })
            .unwrap_or_default();
        let agents = self
            .agents
            .iter()
            .filter(|a| {
                before
                    .get(a.employee_no.as_str())
                    .is_none_or(|b| !a.same_card(b))
            })
            .cloned()
            .collect();
        let now_on: std::collections::HashSet<&str> =
            self.agents.iter().map(|a| a.employee_no.as_str()).collect();
        let removed = previous
            .map(|p| {
                p.agents
                    .iter()
                    .filter(|a| !now_on.contains(a.employee_no.as_str()))
                    .map(|a| a.employee_no.clone())
                    .collect()
            })
            .unwrap_or_default();
        BoardDelta {
            seq,
            now: self.now,
            agents,
            removed,
            ready_count: self.ready_count,
            line_full: self.line_full,
            line_full_announced: self.line_full_announced,
            line_full_announcement: self.line_full_announcement.clone(),
            line_full_by_count: self.line_full_by_count,
            line_full_max_idle: self.line_full_max_idle,
            open_alerts: (previous.map(|p| &p.open_alerts) != Some(&self.open_alerts))
                .then(|| self.open_alerts.clone()),
            break_queue: (previous.map(|p| &p.break_queue) != Some(&self.break_queue))
                .then(|| self.break_queue.clone()),
            handover_reminders: (previous.map(|p| &p.handover_reminders)
                != Some(&self.handover_reminders))
            .then(|| self.handover_reminders.clone()),
            overdue_complaints: (previous.map(|p| &p.overdue_complaints)
                != Some(&self.overdue_complaints))
            .then(|| self.overdue_complaints.clone()),
        }
    }
}

/// What the board takes from the live floor at one instant: each agent's state and the
/// floor's counts. Taken under the floor's lock; [`FloorNow::board`] then adds the people, seats,
/// alerts and queue from any connection, so a board build need not hold the floor.
#[derive(Debug, Clone)]
pub struct FloorNow {
    now: DateTime<Utc>,
    states: std::collections::HashMap<String, AgentNow>,
    ready_count: u32,
    line_full: bool,
    line_full_announced: bool,
    line_full_by_count: bool,
    line_full_max_idle: i64,
}

impl LiveFloor {
    /// The floor's part of the board at `now`.
    pub fn floor_now(&self, now: DateTime<Utc>) -> FloorNow {
        FloorNow {
            now,
            states: self
                .snapshot(now)
                .into_iter()
                .map(|a| (a.agent.clone(), a))
                .collect(),
            ready_count: self.ready_count() as u32,
            line_full: self.line_full(),
            line_full_announced: self.line_full_announced(),
            line_full_by_count: self.engine.line_full_by_count(),
            line_full_max_idle: self.policy().line_full_max_idle,
        }
    }

    /// The board at `now`: every active agent with their seat and state, and the open alerts.
    pub fn board(&self, store: &Store, now: DateTime<Utc>) -> Result<Board> {
        self.floor_now(now).board(store)
    }
}

impl FloorNow {
    /// The board: every active agent with their seat and state, the open alerts, the queue and
    /// the open 交接提醒. A seat the 交接班长 assigned for a shift running now (its roll call
    /// begun) replaces the home seat; an agent whose home seat someone else was assigned, and
    /// who has no assignment of their own, is shown without a seat.
    pub fn board(mut self, store: &Store) -> Result<Board> {
        let seats: std::collections::HashMap<i64, (String, i64, i64, Option<String>)> = store
            .list_seats()?
            .into_iter()
            .map(|s| (s.id, (s.code, s.x, s.y, s.zone)))
            .collect();
        let channels: std::collections::HashMap<i64, floordesk_domain::people::ContactChannel> =
            store
                .list_teams()?
                .into_iter()
                .map(|t| (t.id, t.channel))
                .collect();
        let mut notices = store.current_notices(self.now)?;
        let listed = store.list_agents(false)?;
        let home: Vec<(String, Option<i64>)> = listed
            .iter()
            .map(|a| (a.employee_no.clone(), a.seat_id))
            .collect();
        let on_board: std::collections::HashSet<&str> =
            listed.iter().map(|a| a.employee_no.as_str()).collect();
        let mut assigned: Vec<(String, i64)> = store
            .shift_seats_at(self.now)?
            .into_iter()
            .filter(|(no, _)| on_board.contains(no.as_str()))
            .map(|(no, (seat_id, _))| (no, seat_id))
            .collect();
        assigned.sort();
        let mut placed = board_seats(&home, &assigned);
        let agents = listed
            .into_iter()
            .map(|a| {
                let (seat_id, seat_assigned) =
                    placed.remove(&a.employee_no).unwrap_or((a.seat_id, false));
                let seat = seat_id.and_then(|id| seats.get(&id).cloned());
                let now = self
                    .states
                    .remove(&a.employee_no)
                    .unwrap_or_else(|| AgentNow {
                        agent: a.employee_no.clone(),
                        state: AgentState::SignedOut,
                        since: None,
                        reason: None,
                        elapsed_secs: None,
                        limit_secs: None,
                        shift_date: None,
                        shift_break_secs: 0,
                        shift_break_limit_secs: None,
                    });
                BoardAgent {
                    notice: notices.remove(&a.employee_no),
                    employee_no: a.employee_no,
                    name: a.name,
                    team_id: a.team_id,
                    channel: channels.get(&a.team_id).copied().unwrap_or_default(),
                    team_name: a.team_name,
                    seat_code: match &seat {
                        Some(s) => Some(s.0.clone()),
                        None if seat_id.is_none() => None,
                        None => a.seat_code,
                    },
                    seat_assigned,
                    seat_x: seat.as_ref().map(|s| s.1),
                    seat_y: seat.as_ref().map(|s| s.2),
                    zone: seat.and_then(|s| s.3),
                    now,
                }
            })
            .collect();
        Ok(Board {
            seq: 0,
            now: self.now,
            agents,
            ready_count: self.ready_count,
            line_full: self.line_full,
            line_full_announced: self.line_full_announced,
            line_full_announcement: if self.line_full_announced {
                store.line_full_announcement()?
            } else {
                None
            },
            line_full_by_count: self.line_full_by_count,
            line_full_max_idle: self.line_full_max_idle,
            open_alerts: store.open_alerts(200, self.now)?,
            break_queue: store.break_queue()?,
            handover_reminders: store.open_handover_reminders()?,
            overdue_complaints: store.overdue_complaints(self.now)?,
        })
    }
}

impl LiveFloor {
    /// Whether the agent has a shift running at `at`.
    pub fn on_shift(&self, employee_no: &str, at: DateTime<Utc>) -> bool {
        self.engine.shift_date_at(employee_no, at).is_some()
    }

    /// One second of the demo floor's life: stores and judges the simulated state changes. An
    /// agent who wants a small break asks through the queue, as on a real floor, and waits while
    /// the line is full; chat desks sometimes 挂起.
    pub fn demo_step(
        &mut self,
        store: &mut Store,
        rng: &mut floordesk_domain::floor::sim::XorShift,
        now: DateTime<Utc>,
    ) -> Result<Vec<Alert>> {
        use chrono::Timelike;
        let snapshot = self.snapshot(now);
        let hour = now.with_timezone(&self.tz).hour();
        let chat = store.chat_agents()?;
        let moves = floordesk_domain::floor::sim::demo_step(
            &snapshot,
            |a| self.engine.shift_start_at(a, now).map(|start| now - start),
            |a| chat.contains(a),
            hour,
            rng,
            now,
        );
        if moves.is_empty() {
            return self.tick(store, now);
        }
        let (breaks, moves): (Vec<StateEvent>, Vec<StateEvent>) = moves
            .into_iter()
            .partition(|m| m.state == AgentState::SmallBreak);
        if !moves.is_empty() {
            let lines = EventLine::numbered(moves);
            store.ingest_events("demo", &lines, EventSource::Demo, true, Actor::system(now))?;
        }
        let mut alerts = self.tick(store, now)?;
        for asked in breaks {
            // Already waiting, or signed out since: the simulated agent simply does not ask.
            if let Ok((_, raised)) = self.request_break(store, &asked.agent, Actor::system(now)) {
                alerts.extend(raised);
            }
        }
        Ok(alerts)
    }
}
