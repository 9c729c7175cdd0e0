//! Schema migrations by `PRAGMA user_version`. Each step runs in one transaction with the
//! version bump, so a crash leaves the file at the old version or the new one, never between.

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// The schema steps in order: step N brings a file from version N-1 to N.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_foundation.sql"),
    include_str!("migrations/002_live_floor.sql"),
    include_str!("migrations/003_break_requests.sql"),
    include_str!("migrations/004_every_person_has_an_employee_no.sql"),
    include_str!("migrations/005_team_channel.sql"),
];

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the file up to `target` (normally [`LATEST_VERSION`]). Refuses a file written by a
/// newer FloorDesk: its tables may mean things this version does not know.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: LATEST_VERSION,
        });
    }
    for version in found..target.min(LATEST_VERSION) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(MIGRATIONS[version as usize])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(from = version, to = version + 1, "migrated schema");
    }
    Ok(())
}
