//! The live floor's records: state events (append-only), alerts and 'line full' marks, and the
//! inputs the rule engine judges by (last states, shift spans).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use floordesk_domain::floor::{AgentState, Alert, FloorEvent, RuleCode, ShiftSpan, StateEvent};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::import::ImportIssue;
use crate::import::events::EventLine;
use crate::{Actor, Result, Store, StoreError, from_ms, local_midnight, to_ms};
use floordesk_domain::ErrorCode;

pub use crate::source::EventSource;

/// A stored alert with its acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StoredAlert {
    pub id: i64,
    pub alert: Alert,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub ack_note: Option<String>,
    /// For lateness and absence: the agent's latest notice (报备) about that shift.
    pub notice: Option<crate::notices::NoticeMark>,
    /// An absence with no notice, the shift over and the agent never came: 旷工 (seed 000).
    pub without_leave: bool,
}

const ALERT_SELECT: &str = "SELECT l.id, a.employee_no, l.rule, l.at, l.shift_date, l.detail, l.acknowledged_at, l.ack_note
     FROM alerts l JOIN agents a ON a.id = l.agent_id";

/// A row of [`ALERT_SELECT`]; None for a rule this version does not know.
fn stored_alert_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<StoredAlert>> {
    let Some(rule) = RuleCode::parse(&r.get::<_, String>(2)?) else {
        return Ok(None);
    };
    let shift_date: Option<String> = r.get(4)?;
    let alert = Alert {
        at: from_ms(r.get(3)?),
        agent: r.get(1)?,
        rule,
        shift_date: shift_date.and_then(|d| d.parse().ok()),
        detail: r.get(5)?,
    };
    Ok(Some(StoredAlert {
        id: r.get(0)?,
        alert,
        acknowledged_at: r.get::<_, Option<i64>>(6)?.map(from_ms),
        ack_note: r.get(7)?,
        notice: None,
        without_leave: false,
    }))
}

/// Rows per INSERT statement when ingesting (7 parameters each, far below SQLite's limit).
const INSERT_CHUNK: usize = 64;

fn insert_events_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO state_events (agent_id, at, state, reason, recorded_at, source, recorded_by) VALUES ",
    );
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?,?,?)");
    }
    sql
}

/// Stores one state event (agent id, instant, state, reason) inside a write; returns its id.
pub(crate) fn insert_event(
    tx: &rusqlite::Transaction<'_>,
    (agent_id, at, state, reason): (i64, i64, &str, Option<&str>),
    recorded_at: i64,
    source: EventSource,
    user: Option<i64>,
) -> Result<i64> {
    tx.prepare_cached(&insert_events_sql(1))?.execute(params![
        agent_id,
        at,
        state,
        reason,
        recorded_at,
        source.as_str(),
        user
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// The one way events enter the database, whatever their source. All or nothing: an
    /// unknown agent, or an event earlier than that agent's last stored one (unless
    /// `allow_backdated`, for a supervisor's late correction), fails the whole batch naming the
    /// line. Returns how many were written.
    pub fn ingest_events(
        &mut self,
        file: &str,
        events: &[EventLine],
        source: EventSource,
        allow_backdated: bool,
        actor: Actor,
    ) -> Result<usize> {
        let shifts = self.shifts_around_notices(events)?;
        self.write(|tx| {
            let mut agents: HashMap<String, (i64, Option<i64>)> = HashMap::new();
            {
                let mut stmt = tx.prepare(
                    "SELECT a.employee_no, a.id, (SELECT max(at) FROM state_events e WHERE e.agent_id = a.id) FROM agents a",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    agents.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
                }
            }
            let mut issues = Vec::new();
            let mut resolved = Vec::with_capacity(events.len());
            let mut notices = Vec::new();
            for EventLine { line, event } in events {
                let Some((id, last)) = agents.get_mut(event.agent()) else {
                    issues.push(ImportIssue {
                        row: *line,
                        field: "agent".into(),
                        code: ErrorCode::EventsUnknownAgent,
                        message: format!("no agent has 工号 {}", event.agent()),
                        value: event.agent().to_owned(),
                    });
                    continue;
                };
                let event = match event {
                    FloorEvent::State(event) => event,
                    FloorEvent::Notice(notice) => {
                        match notice.shift(&shifts) {
                            Some(shift) => notices.push((*id, notice, shift)),
                            None => issues.push(ImportIssue {
                                row: *line,
                                field: "ts".into(),
                                code: ErrorCode::NoticeNoShift,
                                message: format!(
                                    "agent {} has no shift running or to come at {}",
                                    notice.agent,
                                    notice.at.to_rfc3339()
                                ),
                                value: notice.at.to_rfc3339(),
                            }),
                        }
                        continue;
                    }
                };
                let at = to_ms(event.at);
                if !allow_backdated && last.is_some_and(|l| at < l) {
                    issues.push(ImportIssue {
                        row: *line,
                        field: "ts".into(),
                        code: ErrorCode::EventsBeforeLast,
                        message: format!(
                            "{} is earlier than agent {}'s last stored event ({})",
                            event.at.to_rfc3339(),
                            event.agent,
                            from_ms(last.unwrap_or_default()).to_rfc3339()
                        ),
                        value: event.at.to_rfc3339(),
                    });
                    continue;
                }
                *last = Some(last.map_or(at, |l| l.max(at)));
                resolved.push((*id, at, event.state.as_str(), &event.reason));
            }
            if !issues.is_empty() {
                return Err(StoreError::Import { file: file.to_owned(), issues });
            }
            let recorded_at = to_ms(actor.at);
            let (source_name, user) = (source.as_str(), actor.user_id);
            // Many rows a statement: a busy feed spends most of its time in per-statement work.
            let mut chunks = resolved.chunks_exact(INSERT_CHUNK);
            if chunks.len() > 0 {
                let mut insert = tx.prepare_cached(&insert_events_sql(INSERT_CHUNK))?;
                for chunk in chunks.by_ref() {
                    let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 7);
                    for (id, at, state, reason) in chunk {
                        values.extend([id as &dyn rusqlite::ToSql, at, state, reason, &recorded_at, &source_name, &user]);
                    }
                    insert.execute(values.as_slice())?;
                }
            }
            for (id, at, state, reason) in chunks.remainder() {
                insert_event(tx, (*id, *at, state, reason.as_deref()), recorded_at, source, user)?;
            }
            if resolved.len() > 1 {
                actor
                    .audit("ingest", "state_event", None, Some(format!("{file}: {} events", resolved.len())))
                    .record(tx)?;
            }
            for (agent_id, notice, shift) in &notices {
                crate::notices::insert_notice(tx, *agent_id, notice, shift, source, actor)?;
            }
            Ok(resolved.len() + notices.len())
        })
    }

    /// Every agent's latest stored state at or before `at` (agents with no events are absent).
    pub fn states_at(&self, at: DateTime<Utc>) -> Result<Vec<(String, AgentState, DateTime<Utc>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no, e.state, e.at FROM agents a
             JOIN state_events e ON e.id = (
                 SELECT id FROM state_events WHERE agent_id = a.id AND at <= ?1 ORDER BY at DESC, id DESC LIMIT 1)",
        )?;
        let rows = stmt.query_map([to_ms(at)], |r| {
            let state: String = r.get(1)?;
            Ok((r.get::<_, String>(0)?, state, r.get::<_, i64>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (agent, state, at) = row?;
            if let Some(state) = AgentState::parse(&state) {
                out.push((agent, state, from_ms(at)));
            }
        }
        Ok(out)
    }

    /// The latest stored state of every agent that has one.
    pub fn last_states(&self) -> Result<Vec<(String, AgentState, DateTime<Utc>)>> {
        self.states_at(DateTime::<Utc>::MAX_UTC)
    }

    /// Stored events in [from, to), in the order they apply.
    pub fn events_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<StateEvent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no, e.at, e.state, e.reason FROM state_events e JOIN agents a ON a.id = e.agent_id
             WHERE e.at >= ?1 AND e.at < ?2 ORDER BY e.at, e.id",
        )?;
        let rows = stmt.query_map([to_ms(from), to_ms(to)], |r| {
            let state: String = r.get(2)?;
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                state,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (agent, at, state, reason) = row?;
            if let Some(state) = AgentState::parse(&state) {
                out.push(StateEvent {
                    at: from_ms(at),
                    agent,
                    state,
                    reason,
                });
            }
        }
        Ok(out)
    }

    /// Shift spans on the dates from `first` to `last` inclusive, for the rule engine.
    pub fn shift_spans(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<ShiftSpan>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.employee_no, s.shift_date, s.start_at, s.end_at FROM shifts s JOIN agents a ON a.id = s.agent_id
             WHERE s.shift_date BETWEEN ?1 AND ?2 ORDER BY s.start_at",
        )?;
        let rows = stmt.query_map([first.to_string(), last.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (agent, date, start, end) = row?;
            if let Ok(shift_date) = date.parse() {
                out.push(ShiftSpan {
                    agent,
                    shift_date,
                    start: from_ms(start),
                    end: from_ms(end),
                });
            }
        }
        Ok(out)
    }

    /// Keeps alerts the engine raised; one already stored (same agent, rule and instant) is
    /// left as it was. Returns the ones that were new.
    pub fn record_alerts(&mut self, alerts: &[Alert], now: DateTime<Utc>) -> Result<Vec<Alert>> {
        self.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO alerts (agent_id, rule, at, shift_date, detail, raised_at)
                 SELECT id, ?2, ?3, ?4, ?5, ?6 FROM agents WHERE employee_no = ?1
                 ON CONFLICT (agent_id, rule, at) DO NOTHING",
            )?;
            let mut new = Vec::new();
            for a in alerts {
                let n = insert.execute(params![
                    a.agent,
                    a.rule.as_str(),
                    to_ms(a.at),
                    a.shift_date.map(|d| d.to_string()),
                    a.detail,
                    to_ms(now)
                ])?;
                if n > 0 {
                    new.push(a.clone());
                }
            }
            Ok(new)
        })
    }

    /// The alerts of a day: those of shifts starting that day, and those outside any shift that
    /// happened that local day. Sorted by instant, agent, rule.
    pub fn alerts_on(
        &self,
        date: NaiveDate,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Vec<StoredAlert>> {
        let local_day = |d: NaiveDate| local_midnight(d, tz).map_or(0, to_ms);
        let (from, to) = (local_day(date), local_day(date.succ_opt().unwrap_or(date)));
        let sql = format!(
            "{ALERT_SELECT} WHERE l.shift_date = ?1 OR (l.shift_date IS NULL AND l.at >= ?2 AND l.at < ?3)"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![date.to_string(), from, to], stored_alert_from_row)?;
        let mut out: Vec<StoredAlert> = rows
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?;
        out.sort_by(|a, b| a.alert.cmp(&b.alert));
        self.mark_attendance(&mut out, now)?;
        Ok(out)
    }

    /// Shifts missed with no notice (旷工) between `first` and `last` by shift date, as of
    /// `now`: (工号, shift date), sorted.
    pub fn missed_shifts(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, NaiveDate)>> {
        let sql =
            format!("{ALERT_SELECT} WHERE l.rule = 'absent' AND l.shift_date BETWEEN ?1 AND ?2");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![first.to_string(), last.to_string()],
            stored_alert_from_row,
        )?;
        let mut absences: Vec<StoredAlert> = rows
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?;
        self.mark_attendance(&mut absences, now)?;
        let mut missed: Vec<(String, NaiveDate)> = absences
            .into_iter()
            .filter(|a| a.without_leave)
            .filter_map(|a| Some((a.alert.agent, a.alert.shift_date?)))
            .collect();
        missed.sort();
        missed.dedup();
        Ok(missed)
    }

    /// Fills each lateness and absence alert's notice, and whether an absence is 旷工 as of
    /// `now`: no notice, the shift over, and no state but signed out within it.
    fn mark_attendance(&self, alerts: &mut [StoredAlert], now: DateTime<Utc>) -> Result<()> {
        let attendance =
            |a: &StoredAlert| matches!(a.alert.rule, RuleCode::LateSignIn | RuleCode::Absent);
        let keys: Vec<(String, NaiveDate)> = alerts
            .iter()
            .filter(|a| attendance(a))
            .filter_map(|a| Some((a.alert.agent.clone(), a.alert.shift_date?)))
            .collect();
        if keys.is_empty() {
            return Ok(());
        }
        let mut notices = self.notices_for_shifts(&keys)?;
        let mut never_came = self.conn().prepare_cached(
            "SELECT s.end_at <= ?3 AND NOT EXISTS (
                 SELECT 1 FROM state_events e WHERE e.agent_id = s.agent_id
                   AND e.at >= s.start_at AND e.at < s.end_at AND e.state <> 'signed_out')
             FROM shifts s JOIN agents a ON a.id = s.agent_id
             WHERE a.employee_no = ?1 AND s.shift_date = ?2
             ORDER BY s.start_at LIMIT 1",
        )?;
        for stored in alerts.iter_mut().filter(|a| attendance(a)) {
            let Some(date) = stored.alert.shift_date else {
                continue;
            };
            stored.notice = notices.get(&(stored.alert.agent.clone(), date)).cloned();
            if stored.alert.rule == RuleCode::Absent && stored.notice.is_none() {
                stored.without_leave = never_came
                    .query_row(
                        params![stored.alert.agent, date.to_string(), to_ms(now)],
                        |r| r.get::<_, bool>(0),
                    )
                    .optional()?
                    .unwrap_or(false);
            }
        }
        notices.clear();
        Ok(())
    }
}

impl Store {
    /// The id of the newest stored event (0 when none): a cursor for picking up other
    /// processes' events.
    pub fn last_event_id(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(id), 0) FROM state_events", [], |r| {
                r.get(0)
            })?)
    }

    /// Events stored after the cursor `id`, in the order they were stored, with their ids.
    pub fn events_after_id(&self, id: i64) -> Result<Vec<(i64, StateEvent)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, a.employee_no, e.at, e.state, e.reason FROM state_events e
             JOIN agents a ON a.id = e.agent_id WHERE e.id > ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let state: String = r.get(3)?;
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                state,
                r.get(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, agent, at, state, reason) = row?;
            if let Some(state) = AgentState::parse(&state) {
                out.push((
                    id,
                    StateEvent {
                        at: from_ms(at),
                        agent,
                        state,
                        reason,
                    },
                ));
            }
        }
        Ok(out)
    }

    /// The monitor's 'line full' announcements in [from, to).
    pub fn line_full_marks(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, bool)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, is_on FROM line_full_marks WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([to_ms(from), to_ms(to)], |r| {
            Ok((from_ms(r.get(0)?), r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The announcement in force: the latest mark, when it switched 满线 on, with who made it.
    pub fn line_full_announcement(&self) -> Result<Option<LineFullAnnouncement>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.at, m.is_on, u.display_name, coalesce(a.employee_no, u.own_employee_no)
             FROM line_full_marks m
             LEFT JOIN users u ON u.id = m.recorded_by
             LEFT JOIN agents a ON a.id = u.agent_id
             ORDER BY m.at DESC, m.id DESC LIMIT 1",
        )?;
        let latest = stmt
            .query_row([], |r| {
                Ok((
                    r.get::<_, bool>(1)?,
                    LineFullAnnouncement {
                        at: from_ms(r.get(0)?),
                        by_name: r.get(2)?,
                        by_employee_no: r.get(3)?,
                    },
                ))
            })
            .optional()?;
        Ok(latest.and_then(|(on, a)| on.then_some(a)))
    }

    pub fn record_line_full(&mut self, on: bool, actor: Actor) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO line_full_marks (at, is_on, recorded_at, recorded_by) VALUES (?1, ?2, ?1, ?3)",
                params![to_ms(actor.at), on, actor.user_id],
            )?;
            actor.audit("set", "line_full", None, Some(on.to_string())).record(tx)
        })
    }
}

/// Who announced 满线, and when: the board's banner says so.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct LineFullAnnouncement {
    pub at: DateTime<Utc>,
    /// 工号 of the user who announced it (None: recorded by no user, e.g. a script).
    pub by_employee_no: Option<String>,
    pub by_name: Option<String>,
}

impl Store {
    /// Marks an alert as seen and handled, with the operator's note. Acknowledging twice keeps
    /// the first acknowledgement.
    pub fn acknowledge_alert(&mut self, id: i64, note: &str, actor: Actor) -> Result<()> {
        self.acknowledge_alerts(&[id], note, actor)
    }

    /// [`acknowledge_alert`](Self::acknowledge_alert) for several alerts, in one transaction.
    pub fn acknowledge_alerts(&mut self, ids: &[i64], note: &str, actor: Actor) -> Result<()> {
        self.write(|tx| {
            for &id in ids {
                let n = tx.execute(
                    "UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, ?2),
                         acknowledged_by = coalesce(acknowledged_by, ?3), ack_note = coalesce(ack_note, ?4)
                     WHERE id = ?1",
                    params![id, to_ms(actor.at), actor.user_id, Some(note.trim()).filter(|n| !n.is_empty())],
                )?;
                if n == 0 {
                    return Err(crate::error::not_found("alert", id));
                }
                actor.audit("acknowledge", "alert", Some(id), Some(note.to_owned())).record(tx)?;
            }
            Ok(())
        })
    }

    /// Alerts not acknowledged yet, newest first, at most `limit`, with their notices as of
    /// `now`.
    pub fn open_alerts(&self, limit: u32, now: DateTime<Utc>) -> Result<Vec<StoredAlert>> {
        let sql = format!(
            "{ALERT_SELECT} WHERE l.acknowledged_at IS NULL ORDER BY l.at DESC, l.id DESC LIMIT ?1"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([limit], stored_alert_from_row)?;
        let mut out: Vec<StoredAlert> = rows
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?;
        self.mark_attendance(&mut out, now)?;
        Ok(out)
    }
}
