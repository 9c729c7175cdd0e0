//! 报备 on record: when an agent phoned in, late or absent, why, and the shift it was about. A
//! notice is never edited or deleted (the database refuses); a correction is a new notice.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use floordesk_domain::floor::{FloorEvent, Notice, NoticeKind, ShiftSpan};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::import::events::EventLine;
use crate::source::EventSource;
use crate::{Actor, Result, Store, from_ms, to_ms};

/// A notice as the board and the alerts show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NoticeMark {
    pub id: i64,
    /// 工号.
    pub employee_no: String,
    pub kind: NoticeKind,
    /// When the agent gave notice.
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
    /// The shift it is about.
    pub shift_date: NaiveDate,
    pub shift_start: DateTime<Utc>,
    pub shift_end: DateTime<Utc>,
    /// Given before that shift started: it excuses lateness and absence (seed 000).
    pub before_start: bool,
}

const MARK_SELECT: &str = "SELECT n.id, a.employee_no, n.kind, n.at, n.reason, n.shift_date, n.shift_start, n.shift_end, n.before_start
     FROM notices n JOIN agents a ON a.id = n.agent_id";

fn mark_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<NoticeMark>> {
    let kind = NoticeKind::parse(&r.get::<_, String>(2)?);
    let shift_date = r.get::<_, String>(5)?.parse().ok();
    let (Some(kind), Some(shift_date)) = (kind, shift_date) else {
        return Ok(None);
    };
    Ok(Some(NoticeMark {
        id: r.get(0)?,
        employee_no: r.get(1)?,
        kind,
        at: from_ms(r.get(3)?),
        reason: r.get(4)?,
        shift_date,
        shift_start: from_ms(r.get(6)?),
        shift_end: from_ms(r.get(7)?),
        before_start: r.get(8)?,
    }))
}

/// Stores one notice about `shift` inside a write. One given before the shift started excuses
/// it: a lateness alert the rules raised before the call came (the check runs minutes before
/// the start) is acknowledged with the notice's reason.
pub(crate) fn insert_notice(
    tx: &rusqlite::Transaction<'_>,
    agent_id: i64,
    notice: &Notice,
    shift: &ShiftSpan,
    source: EventSource,
    actor: Actor,
) -> Result<i64> {
    let before_start = notice.excuses(shift);
    tx.prepare_cached(
        "INSERT INTO notices (agent_id, at, kind, reason, shift_date, shift_start, shift_end, before_start, recorded_at, source, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        agent_id,
        to_ms(notice.at),
        notice.kind.as_str(),
        notice.reason,
        shift.shift_date.to_string(),
        to_ms(shift.start),
        to_ms(shift.end),
        before_start,
        to_ms(actor.at),
        source.as_str(),
        actor.user_id,
    ])?;
    let id = tx.last_insert_rowid();
    if before_start {
        let note = match &notice.reason {
            Some(reason) => format!("报备（开班前）：{reason}"),
            None => "报备（开班前）".to_owned(),
        };
        tx.prepare_cached(
            "UPDATE alerts SET acknowledged_at = ?1, acknowledged_by = ?2, ack_note = ?3
             WHERE agent_id = ?4 AND shift_date = ?5 AND rule IN ('late_sign_in', 'absent')
               AND acknowledged_at IS NULL",
        )?
        .execute(params![
            to_ms(actor.at),
            actor.user_id,
            note,
            agent_id,
            shift.shift_date.to_string()
        ])?;
    }
    actor
        .audit(
            "record",
            "notice",
            Some(id),
            Some(format!("{} {}", notice.agent, notice.kind.as_str())),
        )
        .record(tx)?;
    Ok(id)
}

impl Store {
    /// The shifts a batch's notices can be about: from the day before the first notice's local
    /// date to the day after the last one's (a call the evening before is about tomorrow).
    pub(crate) fn shifts_around_notices(&self, events: &[EventLine]) -> Result<Vec<ShiftSpan>> {
        let instants: Vec<DateTime<Utc>> = events
            .iter()
            .filter_map(|e| match &e.event {
                FloorEvent::Notice(n) => Some(n.at),
                FloorEvent::State(_) => None,
            })
            .collect();
        let (Some(first), Some(last)) = (instants.iter().min(), instants.iter().max()) else {
            return Ok(Vec::new());
        };
        let tz = self.require_site()?.tz();
        let local = |t: &DateTime<Utc>| t.with_timezone(&tz).date_naive();
        let from = local(first)
            .checked_sub_days(Days::new(1))
            .unwrap_or(local(first));
        let to = local(last)
            .checked_add_days(Days::new(1))
            .unwrap_or(local(last));
        self.shift_spans(from, to)
    }

    /// Notices given in [from, to), in the order they came.
    pub fn notices_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Notice>> {
        Ok(self
            .notice_rows(
                "WHERE n.at >= ?1 AND n.at < ?2 ORDER BY n.at, n.id",
                params![to_ms(from), to_ms(to)],
            )?
            .into_iter()
            .map(|(_, notice)| notice)
            .collect())
    }

    /// Notices stored after the one with id `cursor`, by id.
    pub fn notices_after_id(&self, cursor: i64) -> Result<Vec<(i64, Notice)>> {
        self.notice_rows("WHERE n.id > ?1 ORDER BY n.id", params![cursor])
    }

    pub fn last_notice_id(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(id), 0) FROM notices", [], |r| r.get(0))?)
    }

    fn notice_rows(&self, tail: &str, args: impl rusqlite::Params) -> Result<Vec<(i64, Notice)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT n.id, a.employee_no, n.at, n.kind, n.reason FROM notices n JOIN agents a ON a.id = n.agent_id {tail}"
        ))?;
        let rows = stmt.query_map(args, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, agent, at, kind, reason) = row?;
            if let Some(kind) = NoticeKind::parse(&kind) {
                out.push((
                    id,
                    Notice {
                        at: from_ms(at),
                        agent,
                        kind,
                        reason,
                    },
                ));
            }
        }
        Ok(out)
    }

    /// Every stored event in [from, to) as the engine takes them: state changes and notices,
    /// by instant (a notice first at an equal instant; the order does not change a judgement).
    pub fn floor_events_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<FloorEvent>> {
        let states = self.events_between(from, to)?;
        let notices = self.notices_between(from, to)?;
        Ok(merge_by_instant(states, notices))
    }

    /// Each agent's latest notice about a shift not yet over at `now`, by 工号.
    pub fn current_notices(&self, now: DateTime<Utc>) -> Result<HashMap<String, NoticeMark>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{MARK_SELECT} WHERE n.shift_end > ?1 ORDER BY n.at, n.id"
        ))?;
        let rows = stmt.query_map([to_ms(now)], mark_from_row)?;
        let mut out = HashMap::new();
        for row in rows {
            if let Some(mark) = row? {
                out.insert(mark.employee_no.clone(), mark);
            }
        }
        Ok(out)
    }

    /// The latest notice about each (工号, shift date) among the given pairs.
    pub fn notices_for_shifts(
        &self,
        shifts: &[(String, NaiveDate)],
    ) -> Result<HashMap<(String, NaiveDate), NoticeMark>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{MARK_SELECT} WHERE a.employee_no = ?1 AND n.shift_date = ?2 ORDER BY n.at DESC, n.id DESC LIMIT 1"
        ))?;
        let mut out = HashMap::new();
        for (agent, date) in shifts {
            if out.contains_key(&(agent.clone(), *date)) {
                continue;
            }
            let mark = stmt
                .query_map(params![agent, date.to_string()], mark_from_row)?
                .next()
                .transpose()?
                .flatten();
            if let Some(mark) = mark {
                out.insert((agent.clone(), *date), mark);
            }
        }
        Ok(out)
    }

    pub fn notice(&self, id: i64) -> Result<NoticeMark> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{MARK_SELECT} WHERE n.id = ?1"))?;
        stmt.query_map([id], mark_from_row)?
            .next()
            .transpose()?
            .flatten()
            .ok_or_else(|| crate::error::not_found("notice", id))
    }

    /// Every notice about shifts on `date`, in the order they came.
    pub fn notices_on(&self, date: NaiveDate) -> Result<Vec<NoticeMark>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{MARK_SELECT} WHERE n.shift_date = ?1 ORDER BY n.at, n.id"
        ))?;
        let rows = stmt.query_map([date.to_string()], mark_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?);
        }
        Ok(out)
    }
}

/// Two time-ordered lists as one, by instant; at an equal instant the notice comes first.
pub(crate) fn merge_by_instant(
    states: Vec<floordesk_domain::floor::StateEvent>,
    notices: Vec<Notice>,
) -> Vec<FloorEvent> {
    let mut out = Vec::with_capacity(states.len() + notices.len());
    let mut notices = notices.into_iter().peekable();
    for state in states {
        while let Some(notice) = notices.next_if(|n| n.at <= state.at) {
            out.push(FloorEvent::Notice(notice));
        }
        out.push(FloorEvent::State(state));
    }
    out.extend(notices.map(FloorEvent::Notice));
    out
}
