//! FloorDesk's storage: one SQLite file. The only crate with SQL in it.
//!
//! Invariants: every write runs in a `BEGIN IMMEDIATE` transaction (see [`Store::write`]) and
//! is recorded in the audit log; the schema is versioned by `PRAGMA user_version`; instants are
//! stored as UTC milliseconds; nothing with history is hard-deleted.

pub mod attendance;
mod audit;
pub mod backup;
pub mod breaks;
pub mod commission;
pub mod complaints;
pub mod demo;
mod demo_commission;
mod demo_handover;
mod demo_incidents;
mod demo_roster;
mod demo_scores;
mod demo_workflows;
mod error;
pub mod export;
mod export_scores;
pub mod floor;
pub mod handover;
pub mod holidays;
pub mod import;
pub mod incidents;
mod judge;
pub mod leave;
pub mod live;
pub mod meetings;
pub mod migrations;
pub mod notices;
pub mod people;
pub mod policy;
pub mod reach;
pub mod reports_due;
pub mod requirement;
pub mod roster;
pub mod roster_coverage;
pub mod roster_generate;
pub mod roster_month;
pub mod scores;
pub mod shifts;
pub mod site;
mod source;
pub mod swaps;
mod time;
pub mod users;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use error::StoreError;
pub use floordesk_domain::Problem;
pub(crate) use time::local_midnight;
pub use time::{from_ms, to_ms};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database file, brings its schema up to date and refreshes
    /// the policy catalogue.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        Self::prepare(conn, Some(path.to_owned()))
    }

    /// A second, read-only connection to a file [`Store::open`] has already brought up to date.
    /// WAL lets it read while another connection writes: the app's page reads and board builds
    /// go through it, so they never wait on a write, nor a write on them.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "cache_size", -32 * 1024)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        let found = migrations::user_version(&conn)?;
        if found != migrations::LATEST_VERSION {
            return Err(StoreError::NewerSchema {
                found,
                supported: migrations::LATEST_VERSION,
            });
        }
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
        })
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        configure(&conn)?;
        check_is_floordesk(&conn)?;
        migrations::migrate_to(&mut conn, migrations::LATEST_VERSION)?;
        let mut store = Store { conn, path };
        policy::seed_catalogue(&mut store)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: it takes the write lock up front (waiting
    /// out other writers up to the busy timeout) and commits only if `f` succeeds.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Changes whenever another connection (another window, the CLI) commits to this file.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // WAL lets the board read while the CLI writes; FULL sync so a committed record survives a
    // power cut, which matters more here than write speed.
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MiB of page cache (the default is 2 MiB): a day's events and their per-agent index
    // stay in memory while a feed is ingested, instead of being re-read from the WAL.
    conn.pragma_update(None, "cache_size", -32 * 1024)?;
    // Statement journals and temporary indexes in memory: a batch insert otherwise writes every
    // page it touches to a temporary file first (twice the events' size in small writes).
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// A file someone points us at by mistake (a spreadsheet, another app's database) must not be
/// migrated into a FloorDesk database.
fn check_is_floordesk(conn: &Connection) -> Result<()> {
    let version = migrations::user_version(conn)?;
    if version > 0 {
        return Ok(());
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        [],
        |r| r.get(0),
    )?;
    if tables > 0 {
        return Err(StoreError::NotFloorDesk);
    }
    Ok(())
}

/// Where the database lives when neither `--db` nor `FLOORDESK_DB` says otherwise: the OS
/// application-data folder (e.g. `%APPDATA%\FloorDesk` on Windows).
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("FloorDesk")
        .join("floordesk.sqlite")
}

/// Who makes a change and when: every write function takes one, for the audit log.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Actor {
    pub fn user(user_id: i64, at: chrono::DateTime<chrono::Utc>) -> Actor {
        Actor {
            user_id: Some(user_id),
            at,
        }
    }

    /// The CLI, the demo loader, the first-run wizard: no operator is logged in.
    pub fn system(at: chrono::DateTime<chrono::Utc>) -> Actor {
        Actor { user_id: None, at }
    }

    pub(crate) fn audit<'a>(
        &self,
        action: &'a str,
        entity: &'a str,
        entity_id: Option<i64>,
        detail: Option<String>,
    ) -> audit::Audit<'a> {
        audit::Audit {
            at_ms: to_ms(self.at),
            user_id: self.user_id,
            action,
            entity,
            entity_id,
            detail,
        }
    }
}
