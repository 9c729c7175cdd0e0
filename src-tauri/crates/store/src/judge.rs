//! Running the floor rules over stored data: the store supplies what the engine judges by
//! (shifts, each agent's state before the period, the policy) and keeps what it raises.

use std::collections::HashSet;

use chrono::{DateTime, Days, Utc};
use floordesk_domain::floor::{Alert, FloorEvent, FloorPolicy, judge};

use crate::import::ImportIssue;
use crate::import::events::EventLine;
use crate::{Result, Store, StoreError, local_midnight};
use floordesk_domain::ErrorCode;

impl Store {
    /// Judges `events` as if they happened: each agent starts from its last stored state before
    /// the first event (signed out if none), with the stored shifts around those days and the
    /// policy in force at `policy_at`. Writes nothing. Timers run up to and including `until`
    /// (default: the last event's instant).
    pub fn judge_events(
        &self,
        events: &[FloorEvent],
        until: Option<DateTime<Utc>>,
        policy_at: DateTime<Utc>,
    ) -> Result<Vec<Alert>> {
        let Some(first) = events.first().map(FloorEvent::at).or(until) else {
            return Ok(Vec::new());
        };
        let last = events.last().map_or(first, FloorEvent::at);
        let until = until.unwrap_or(last);
        let tz = self.require_site()?.tz();
        let local = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
        // A shift that started the evening before may still be running.
        let from_day = local(first.min(until));
        let from_day = from_day.checked_sub_days(Days::new(1)).unwrap_or(from_day);
        let shifts = self.shift_spans(from_day, local(until.max(last)))?;
        let policy = FloorPolicy::from_settings(&self.policy_at(policy_at)?);
        let before_first = first - chrono::Duration::milliseconds(1);
        let initial = self.states_at(before_first)?;
        Ok(judge(policy, shifts, initial, events, until)?)
    }

    /// Judges an events file (as `replay` does), after checking every agent exists.
    pub fn replay_events(
        &self,
        file: &str,
        events: &[EventLine],
        until: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Alert>> {
        let known: HashSet<String> = self
            .list_agents(true)?
            .into_iter()
            .map(|a| a.employee_no)
            .collect();
        let unknown: Vec<_> = events
            .iter()
            .filter(|e| !known.contains(e.event.agent()))
            .map(|e| ImportIssue {
                row: e.line,
                field: "agent".into(),
                code: ErrorCode::EventsUnknownAgent,
                message: format!("no agent has 工号 {}", e.event.agent()),
                value: e.event.agent().to_owned(),
            })
            .collect();
        if !unknown.is_empty() {
            return Err(StoreError::Import {
                file: file.to_owned(),
                issues: unknown,
            });
        }
        let plain: Vec<_> = events.iter().map(|e| e.event.clone()).collect();
        self.judge_events(&plain, until, now)
    }

    /// Re-judges the stored events from the start of the local day before `from` up to `now`
    /// and keeps any alert not stored yet; returns the new ones. Called after events arrive
    /// from any source, so the day's alerts are on record even when no board is open.
    pub fn rejudge_since(&mut self, from: DateTime<Utc>, now: DateTime<Utc>) -> Result<Vec<Alert>> {
        let tz = self.require_site()?.tz();
        let day = from.with_timezone(&tz).date_naive();
        let day = day.checked_sub_days(Days::new(1)).unwrap_or(day);
        let start = local_midnight(day, tz).unwrap_or(from);
        let events = self.floor_events_between(start, now + chrono::Duration::milliseconds(1))?;
        let alerts = self.judge_events(&events, Some(now.max(start)), now)?;
        self.record_alerts(&alerts, now)
    }
}
