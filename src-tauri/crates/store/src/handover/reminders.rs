//! 交接提醒: a log still unsigned after its shift, urgent items and prospects past their time
//! (docs/design/handover.md §2 "Reminders", §5.2 "Tick"). The tick raises each reminder once and
//! resolves the ones whose cause is gone (the log signed, the item closed, its due time changed);
//! a lead acknowledges the rest.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::handover::HandoverPolicy;
use floordesk_domain::handover::item::ItemKind;
use floordesk_domain::handover::item::check_optional_text;
use floordesk_domain::handover::reminder::{
    ReminderDue, ReminderFacts, ReminderItem, ReminderKind, ReminderLog, due_reminders,
};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::LogLabel;
use super::record::log_row;
use crate::error::not_found;
use crate::{Actor, Result, Store, from_ms, to_ms};

/// A reminder raised and not yet acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HandoverReminder {
    pub id: i64,
    pub kind: ReminderKind,
    /// The log to act in: the unsigned log; for an item, the log it is in now.
    pub log: LogLabel,
    pub item_id: Option<i64>,
    pub item_title: Option<String>,
    pub due_at: DateTime<Utc>,
    pub raised_at: DateTime<Utc>,
}

/// The reminder `r` (joined to its item's index row `i`) no longer has a cause: its log got
/// the outgoing signature, its item was closed, or the item's due time is no longer `r.due_at`.
/// The tick resolves such rows; until it does, reads leave them out.
const SIGNED: &str = "r.kind = 'unsigned' AND EXISTS (SELECT 1 FROM handover_signatures s
     WHERE s.log_id = r.log_id AND s.side = 'outgoing')";
const CLOSED: &str = "r.item_id IS NOT NULL AND EXISTS (SELECT 1 FROM handover_item_events e
     WHERE e.item_id = r.item_id AND e.kind = 'closed')";
const DUE_CHANGED: &str = "r.item_id IS NOT NULL AND EXISTS (SELECT 1 FROM handover_item_index i
     WHERE i.item_id = r.item_id AND i.due_at IS NOT r.due_at)";

const REMINDER_SELECT: &str =
    "SELECT r.id, r.kind, coalesce(i.log_id, r.log_id), r.item_id, i.title, r.due_at, r.raised_at
     FROM handover_reminders r LEFT JOIN handover_item_index i ON i.item_id = r.item_id";

fn reminders_from(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<HandoverReminder>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, kind, log_id, item_id, item_title, due_at, raised_at) in rows {
        let Some(kind) = ReminderKind::parse(&kind) else {
            continue;
        };
        out.push(HandoverReminder {
            id,
            kind,
            log: log_row(conn, log_id)?.label(),
            item_id,
            item_title,
            due_at: from_ms(due_at),
            raised_at: from_ms(raised_at),
        });
    }
    Ok(out)
}

/// Open reminders whose cause is still there, by due time then id: of one log (an item's
/// reminder belongs to the log the item is in now), or all.
pub(crate) fn open_reminders(
    conn: &Connection,
    log_id: Option<i64>,
) -> Result<Vec<HandoverReminder>> {
    reminders_from(
        conn,
        &format!(
            "{REMINDER_SELECT}
             WHERE r.acknowledged_at IS NULL
               AND (?1 IS NULL OR coalesce(i.log_id, r.log_id) = ?1)
               AND NOT ({SIGNED}) AND NOT ({CLOSED}) AND NOT ({DUE_CHANGED})
             ORDER BY r.due_at, r.id"
        ),
        [log_id],
    )
}

/// Marks open reminders whose cause is gone as resolved (acknowledged by nobody, with the
/// reason as the note). Returns how many.
fn resolve_gone(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<usize> {
    let mut resolved = 0;
    for (cause, note) in [
        (SIGNED, "resolved: signed"),
        (CLOSED, "resolved: closed"),
        (DUE_CHANGED, "resolved: due changed"),
    ] {
        resolved += tx
            .prepare_cached(&format!(
                "UPDATE handover_reminders AS r SET acknowledged_at = ?1, acknowledged_by = NULL,
                     ack_note = ?2
                 WHERE r.acknowledged_at IS NULL AND {cause}"
            ))?
            .execute(params![to_ms(now), note])?;
    }
    Ok(resolved)
}

/// What the reminders look at `now`: the logs that ended within the last 24 hours (and whether
/// their outgoing side signed), and every open urgent item and prospect whose due time has come,
/// in the log it is in now.
fn facts(conn: &Connection, now: DateTime<Utc>) -> Result<(Vec<ReminderLog>, Vec<ReminderItem>)> {
    let logs = conn
        .prepare_cached(
            "SELECT l.id, l.shift_end, EXISTS (SELECT 1 FROM handover_signatures s
                 WHERE s.log_id = l.id AND s.side = 'outgoing')
             FROM handover_logs l WHERE l.shift_end > ?1 AND l.shift_end <= ?2
             ORDER BY l.shift_end, l.id",
        )?
        .query_map(params![to_ms(now - Duration::hours(24)), to_ms(now)], |r| {
            Ok(ReminderLog {
                log_id: r.get(0)?,
                end: from_ms(r.get(1)?),
                outgoing_signed: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let rows = conn
        .prepare_cached(
            "SELECT i.item_id, i.log_id, i.kind, i.due_at FROM handover_item_index i
             WHERE i.status = 'open' AND i.due_at IS NOT NULL AND i.due_at <= ?1
               AND i.kind IN ('urgent', 'prospect')
               AND NOT EXISTS (SELECT 1 FROM handover_item_events e
                   WHERE e.item_id = i.item_id AND e.kind = 'closed')
             ORDER BY i.due_at, i.item_id",
        )?
        .query_map([to_ms(now)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let items = rows
        .into_iter()
        .filter_map(|(item_id, log_id, kind, due)| {
            Some(ReminderItem {
                item_id,
                log_id,
                kind: ItemKind::parse(&kind)?,
                due_at: Some(from_ms(due)),
                open: true,
            })
        })
        .collect();
    Ok((logs, items))
}

/// Whether this reminder was raised before, acknowledged or not: a log is reminded unsigned
/// once (a later change of `handover_unsigned_after_min` does not remind it again); an item once
/// per due time, wherever it has moved since.
fn raised_before(conn: &Connection, due: &ReminderDue) -> Result<bool> {
    let found = match due.item_id {
        None => conn
            .prepare_cached(
                "SELECT 1 FROM handover_reminders WHERE kind = 'unsigned' AND log_id = ?1",
            )?
            .query_row([due.log_id], |_| Ok(()))
            .optional()?,
        Some(item_id) => conn
            .prepare_cached(
                "SELECT 1 FROM handover_reminders WHERE kind = ?1 AND item_id = ?2 AND due_at = ?3",
            )?
            .query_row(
                params![due.kind.as_str(), item_id, to_ms(due.due_at)],
                |_| Ok(()),
            )
            .optional()?,
    };
    Ok(found.is_some())
}

/// The tick's part: resolves reminders whose cause is gone, then raises every reminder due at
/// `now` not raised before. Returns the new ones, by due time. No audit row: nobody acted.
pub(crate) fn raise_reminders(
    tx: &Transaction<'_>,
    policy: &HandoverPolicy,
    now: DateTime<Utc>,
) -> Result<Vec<HandoverReminder>> {
    resolve_gone(tx, now)?;
    let (logs, items) = facts(tx, now)?;
    let due = due_reminders(
        &ReminderFacts {
            logs: &logs,
            items: &items,
        },
        policy,
        now,
    );
    let mut new = Vec::new();
    let mut seen = HashSet::new();
    for due in &due {
        if !seen.insert((due.kind, due.log_id, due.item_id, due.due_at)) || raised_before(tx, due)?
        {
            continue;
        }
        let inserted = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO handover_reminders (kind, log_id, item_id, due_at, raised_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                due.kind.as_str(),
                due.log_id,
                due.item_id,
                to_ms(due.due_at),
                to_ms(now)
            ])?;
        if inserted == 1 {
            new.push(tx.last_insert_rowid());
        }
    }
    let mut out = Vec::with_capacity(new.len());
    for id in new {
        out.extend(reminders_from(
            tx,
            &format!("{REMINDER_SELECT} WHERE r.id = ?1"),
            [id],
        )?);
    }
    Ok(out)
}

impl Store {
    /// Every reminder raised, not acknowledged and still with its cause, by due time.
    pub fn open_handover_reminders(&self) -> Result<Vec<HandoverReminder>> {
        open_reminders(self.conn(), None)
    }

    /// A lead has seen the reminder (and says what was done, if anything): it leaves the board.
    /// An unknown id is `not_found`; one already acknowledged or resolved,
    /// `handover.reminder_acknowledged`.
    pub fn acknowledge_handover_reminder(
        &mut self,
        id: i64,
        note: Option<&str>,
        actor: Actor,
    ) -> Result<()> {
        let note = check_optional_text("note", note)?;
        self.write(|tx| {
            let acknowledged: Option<i64> = tx
                .prepare_cached("SELECT acknowledged_at FROM handover_reminders WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| not_found("handover_reminder", id))?;
            if acknowledged.is_some() {
                return Err(Problem::new(
                    ErrorCode::HandoverReminderAcknowledged,
                    format!("handover reminder {id} is already acknowledged or resolved"),
                )
                .with("id", id)
                .into());
            }
            tx.prepare_cached(
                "UPDATE handover_reminders SET acknowledged_at = ?2, acknowledged_by = ?3,
                     ack_note = ?4
                 WHERE id = ?1",
            )?
            .execute(params![id, to_ms(actor.at), actor.user_id, note])?;
            actor
                .audit("acknowledge", "handover_reminder", Some(id), note.clone())
                .record(tx)
        })
    }
}
