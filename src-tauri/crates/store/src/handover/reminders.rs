//! 交接提醒: a log still unsigned after its shift, urgent items and prospects past their time
//! (docs/design/handover.md §2 "Reminders", §5.2 "Tick").

use chrono::{DateTime, Utc};
use floordesk_domain::handover::reminder::ReminderKind;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::LogLabel;
use super::record::log_row;
use crate::{Result, Store, from_ms};

/// A reminder raised and not yet acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HandoverReminder {
    pub id: i64,
    pub kind: ReminderKind,
    pub log: LogLabel,
    pub item_id: Option<i64>,
    pub item_title: Option<String>,
    pub due_at: DateTime<Utc>,
    pub raised_at: DateTime<Utc>,
}

/// Open reminders, by due time then id: of one log, or all.
pub(crate) fn open_reminders(conn: &Connection, log_id: Option<i64>) -> Result<Vec<HandoverReminder>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.kind, r.log_id, r.item_id, i.title, r.due_at, r.raised_at
         FROM handover_reminders r LEFT JOIN handover_item_index i ON i.item_id = r.item_id
         WHERE r.acknowledged_at IS NULL AND (?1 IS NULL OR r.log_id = ?1)
         ORDER BY r.due_at, r.id",
    )?;
    let rows = stmt
        .query_map([log_id], |r| {
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

impl Store {
    /// Every reminder raised and not acknowledged, by due time.
    pub fn open_handover_reminders(&self) -> Result<Vec<HandoverReminder>> {
        open_reminders(self.conn(), None)
    }
}
