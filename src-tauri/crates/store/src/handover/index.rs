//! The derived rows of 交接事项: each item's `handover_item_index` row and its `handover_fts`
//! document, rewritten from the timeline by every event, and rebuilt whole by
//! `reindex_handover`. Apart because writing, sign-off and search all maintain them; nothing here
//! is on record.

use floordesk_domain::handover::item::{ItemFields, title};
use rusqlite::{Connection, params};

use super::timeline::{ItemReader, load_item};
use crate::{Result, Store, to_ms};

/// Every text the item's fields hold.
fn field_texts(fields: &ItemFields) -> Vec<&str> {
    match fields {
        ItemFields::Customer {
            customer,
            order_no,
            problem,
            promised,
            progress,
            ..
        } => [
            Some(customer),
            order_no.as_ref(),
            Some(problem),
            promised.as_ref(),
            progress.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect(),
        ItemFields::Urgent { what, .. } => vec![what],
        ItemFields::Prospect { who, why, .. } => vec![who, why],
        ItemFields::Notice { text, .. } | ItemFields::Note { text } => vec![text],
    }
}

/// Rewrites the item's index row and its search document from its timeline.
pub(crate) fn refresh_index(conn: &Connection, id: i64) -> Result<()> {
    let item = load_item(conn, id)?;
    let mut reader = ItemReader::new(conn)?;
    let n = &item.now;
    let first = reader.log(n.placements[0])?.date;
    let last = reader.log(n.current_log)?.date;
    let heading = title(&n.fields, reader.tz);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO handover_item_index (item_id, team_id, kind, status, log_id,
             first_date, last_date, customer, order_no, due_at, title, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        n.team_id,
        n.kind.as_str(),
        n.status.as_str(),
        n.current_log,
        first.to_string(),
        last.to_string(),
        n.fields.customer(),
        n.fields.order_no(),
        n.fields.due_at().map(to_ms),
        heading,
        to_ms(n.updated_at),
    ])?;
    let mut body = vec![heading.as_str()];
    body.extend(field_texts(&n.fields));
    body.extend(item.events.iter().filter_map(|e| e.event.text.as_deref()));
    conn.prepare_cached("DELETE FROM handover_fts WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached(
        "INSERT INTO handover_fts (rowid, body, item_id, log_id) VALUES (?1, ?2, ?1, ?3)",
    )?
    .execute(params![id, body.join("\n"), n.current_log])?;
    Ok(())
}

impl Store {
    /// Rebuilds the item index and every search document (items and addenda) from the
    /// records: after a restore, or when the derived tables are in doubt. Derived rows only, so
    /// no audit row: nothing on record changes.
    pub fn reindex_handover(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM handover_item_index", [])?;
            tx.execute("DELETE FROM handover_fts", [])?;
            let ids = tx
                .prepare("SELECT id FROM handover_items ORDER BY id")?
                .query_map([], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for &id in &ids {
                refresh_index(tx, id)?;
            }
            tx.execute(
                "INSERT INTO handover_fts (rowid, body, addendum_id, log_id)
                 SELECT -id, text, id, log_id FROM handover_addenda",
                [],
            )?;
            Ok(())
        })
    }
}
