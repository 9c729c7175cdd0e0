//! Drafts of what a lead is typing, saved as they type (docs/design/handover.md §8.3).
//! A draft is the user's own typing, not a record: it is replaced on every save, has no audit
//! row (one per pause in typing would bury the audit log), and is gone once the item is added.

use chrono::{DateTime, Utc};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::record::log_row;
use crate::{Actor, Result, Store, from_ms, to_ms};

/// The longest draft body kept (the form as JSON).
pub const DRAFT_MAX_BYTES: usize = 8 * 1024;

/// A slot's text as typed: `new` is the entry row, `item:<id>:<what>` a dialog about an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DraftInput {
    pub log_id: i64,
    pub slot: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Draft {
    pub log_id: i64,
    pub slot: String,
    pub body: String,
    pub updated_at: DateTime<Utc>,
}

fn user_of(actor: Actor) -> Result<i64> {
    actor.user_id.ok_or_else(|| {
        Problem::new(
            ErrorCode::ValidationRequired,
            "A draft belongs to a logged-in user",
        )
        .with("field", "user")
        .into()
    })
}

impl Store {
    /// Saves (replaces) the operator's draft of a slot. A signed log keeps no drafts
    /// (handover.signed); an empty body removes the draft.
    pub fn save_handover_draft(&mut self, input: &DraftInput, actor: Actor) -> Result<()> {
        let user_id = user_of(actor)?;
        if input.slot.trim().is_empty() {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "A draft needs a slot")
                    .with("field", "slot")
                    .into(),
            );
        }
        if input.body.len() > DRAFT_MAX_BYTES {
            return Err(Problem::new(
                ErrorCode::ValidationTooLong,
                format!("A draft holds at most {DRAFT_MAX_BYTES} bytes"),
            )
            .with("field", "body")
            .with("max", DRAFT_MAX_BYTES)
            .into());
        }
        self.write(|tx| {
            log_row(tx, input.log_id)?.refuse_signed()?;
            if input.body.is_empty() {
                tx.prepare_cached(
                    "DELETE FROM handover_drafts WHERE user_id = ?1 AND log_id = ?2 AND slot = ?3",
                )?
                .execute(params![user_id, input.log_id, input.slot])?;
            } else {
                tx.prepare_cached(
                    "INSERT INTO handover_drafts (user_id, log_id, slot, body, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (user_id, log_id, slot)
                     DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                )?
                .execute(params![
                    user_id,
                    input.log_id,
                    input.slot,
                    input.body,
                    to_ms(actor.at)
                ])?;
            }
            Ok(())
        })
    }

    /// Drops the operator's draft of a slot (Esc on the entry row, a dialog cancelled).
    pub fn discard_handover_draft(&mut self, log_id: i64, slot: &str, actor: Actor) -> Result<()> {
        let user_id = user_of(actor)?;
        self.write(|tx| {
            tx.prepare_cached(
                "DELETE FROM handover_drafts WHERE user_id = ?1 AND log_id = ?2 AND slot = ?3",
            )?
            .execute(params![user_id, log_id, slot])?;
            Ok(())
        })
    }

    /// The operator's drafts of a log, by slot.
    pub fn handover_drafts(&self, log_id: i64, actor: Actor) -> Result<Vec<Draft>> {
        let user_id = user_of(actor)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT log_id, slot, body, updated_at FROM handover_drafts
             WHERE user_id = ?1 AND log_id = ?2 ORDER BY slot",
        )?;
        let rows = stmt.query_map(params![user_id, log_id], |r| {
            Ok(Draft {
                log_id: r.get(0)?,
                slot: r.get(1)?,
                body: r.get(2)?,
                updated_at: from_ms(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
