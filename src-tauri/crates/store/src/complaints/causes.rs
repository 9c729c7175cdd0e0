//! 投诉原因: the editable list a complaint is closed with (seeded 服务态度, 业务知识, 流程, 系统,
//! 物流, 其他). A code never changes and a cause is never deleted (closed complaints name it);
//! one no longer wanted is retired.

use floordesk_domain::limits::WORKFLOW_FIELD_MAX_LEN;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::Audit;
use crate::{Actor, Result, Store, StoreError, to_ms};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ComplaintCause {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub sort: i64,
    pub active: bool,
}

/// A cause added or edited (by code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CauseInput {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub sort: i64,
    pub active: bool,
}

fn bad(field: &str, message: impl Into<String>) -> StoreError {
    Problem::new(ErrorCode::ComplaintsCauseInvalid, message)
        .with("field", field)
        .into()
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ComplaintCause> {
    Ok(ComplaintCause {
        code: r.get(0)?,
        name_zh: r.get(1)?,
        name_en: r.get(2)?,
        sort: r.get(3)?,
        active: r.get(4)?,
    })
}

const SELECT: &str = "SELECT code, name_zh, name_en, sort, active FROM complaint_causes";

/// An active cause by its code or its Chinese name.
pub(crate) fn cause_by_key(conn: &Connection, key: &str) -> Result<ComplaintCause> {
    let key = key.trim();
    let found = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE active = 1 AND (code = ?1 OR name_zh = ?1) ORDER BY code = ?1 DESC LIMIT 1"
        ))?
        .query_row([key], read)
        .optional()?;
    found.ok_or_else(|| {
        Problem::new(
            ErrorCode::ComplaintsUnknownCause,
            format!("no active cause {key} in the cause list"),
        )
        .with("cause", key)
        .into()
    })
}

impl Store {
    /// The cause list, active and retired, in its order.
    pub fn complaint_causes(&self) -> Result<Vec<ComplaintCause>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SELECT} ORDER BY sort, code"))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Adds a cause, or renames, reorders, retires or restores one (by code).
    pub fn save_complaint_cause(&mut self, input: &CauseInput, actor: Actor) -> Result<()> {
        let code = input.code.trim();
        let ok_code = !code.is_empty()
            && code.len() <= 32
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok_code {
            return Err(bad(
                "code",
                "a cause code is 1–32 letters, digits, '_' or '-'",
            ));
        }
        let name_zh = input.name_zh.trim();
        if name_zh.is_empty() || name_zh.chars().count() > WORKFLOW_FIELD_MAX_LEN {
            return Err(bad("name_zh", "a cause needs a Chinese name"));
        }
        let name_en = input.name_en.trim();
        if name_en.chars().count() > WORKFLOW_FIELD_MAX_LEN {
            return Err(bad("name_en", "the English name is too long"));
        }
        self.write(|tx| {
            let clash: Option<String> = tx
                .query_row(
                    "SELECT code FROM complaint_causes WHERE name_zh = ?1 AND code <> ?2",
                    params![name_zh, code],
                    |r| r.get(0),
                )
                .optional()?;
            if clash.is_some() {
                return Err(bad("name_zh", format!("another cause is named {name_zh}")));
            }
            tx.execute(
                "INSERT INTO complaint_causes (code, name_zh, name_en, sort, active) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(code) DO UPDATE SET name_zh = ?2, name_en = ?3, sort = ?4, active = ?5",
                params![code, name_zh, name_en, input.sort, input.active],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "save",
                entity: "complaint_cause",
                entity_id: None,
                detail: Some(code.to_owned()),
            }
            .record(tx)
        })
    }
}
