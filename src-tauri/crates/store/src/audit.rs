use rusqlite::{Transaction, params};

use crate::Result;

/// Who did what to which record; written inside the same transaction as the change.
pub(crate) struct Audit<'a> {
    pub at_ms: i64,
    pub user_id: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub detail: Option<String>,
}

impl Audit<'_> {
    pub fn record(self, tx: &Transaction<'_>) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![self.at_ms, self.user_id, self.action, self.entity, self.entity_id, self.detail])?;
        Ok(())
    }
}
