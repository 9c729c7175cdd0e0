//! Schema migrations by `PRAGMA user_version`. Each step runs in one transaction with the
//! version bump, so a crash leaves the file at the old version or the new one, never between.

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// The part of a step SQL cannot do alone, run in the same transaction.
pub type StepFn = fn(&rusqlite::Transaction<'_>) -> Result<(), StoreError>;

/// One schema step: its SQL, then, where needed, a function (turning today's shifts into roster
/// cells needs the site's time zone).
pub struct Step {
    pub sql: &'static str,
    pub then: Option<StepFn>,
}

const fn sql(sql: &'static str) -> Step {
    Step { sql, then: None }
}

/// The schema steps in order: step N brings a file from version N-1 to N.
pub const MIGRATIONS: &[Step] = &[
    sql(include_str!("migrations/001_foundation.sql")),
    sql(include_str!("migrations/002_live_floor.sql")),
    sql(include_str!("migrations/003_break_requests.sql")),
    sql(include_str!(
        "migrations/004_every_person_has_an_employee_no.sql"
    )),
    sql(include_str!("migrations/005_team_channel.sql")),
    sql(include_str!("migrations/006_notices_and_suspended.sql")),
    Step {
        sql: include_str!("migrations/007_rosters.sql"),
        then: Some(crate::roster::cells_from_shifts),
    },
    sql(include_str!("migrations/008_handover.sql")),
    sql(include_str!("migrations/009_scores.sql")),
    Step {
        sql: include_str!("migrations/010_incidents.sql"),
        then: Some(crate::incidents::seed_rule_book),
    },
    sql(include_str!(
        "migrations/011_complaints_meetings_reports.sql"
    )),
    sql(include_str!(
        "migrations/012_requirement_and_generation.sql"
    )),
    sql(include_str!("migrations/013_computed_scores.sql")),
    sql(include_str!("migrations/014_improvement_plans.sql")),
    sql(include_str!("migrations/015_spot_checks.sql")),
    sql(include_str!("migrations/016_commission.sql")),
];

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the file up to `target` (normally [`LATEST_VERSION`]). Refuses a file written by a
/// newer FloorDesk: its tables may mean things this version does not know.
///
/// Foreign keys are off while the steps run, as SQLite's procedure for rebuilding a table asks
/// (a rebuild renames and drops tables that others refer to); each step checks every reference
/// before it commits, and the setting is restored after.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: LATEST_VERSION,
        });
    }
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let steps = run_steps(conn, found, target.min(LATEST_VERSION));
    conn.pragma_update(None, "foreign_keys", enforced)?;
    steps
}

fn run_steps(conn: &mut Connection, from: u32, to: u32) -> Result<(), StoreError> {
    for version in from..to {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let step = &MIGRATIONS[version as usize];
        tx.execute_batch(step.sql)?;
        if let Some(then) = step.then {
            then(&tx)?;
        }
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!(
                    "schema step {} would leave {broken} broken reference(s); nothing was changed",
                    version + 1
                )),
            )));
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(from = version, to = version + 1, "migrated schema");
    }
    Ok(())
}
