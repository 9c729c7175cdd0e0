//! Backups are consistent snapshots (`VACUUM INTO`), written beside the target and renamed into
//! place, so a crash never leaves half a backup under the real name. Restoring first keeps a
//! copy of the database it replaces.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use floordesk_domain::Problem;
use rusqlite::{Connection, OpenFlags, backup::Backup};

use crate::{Result, Store, StoreError, migrations};
use floordesk_domain::ErrorCode;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

fn vacuum_into(conn: &Connection, target: &Path) -> Result<()> {
    let tmp = target.with_extension(format!("partial-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
    std::fs::rename(&tmp, target).map_err(io(target))
}

impl Store {
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        vacuum_into(self.conn(), target)
    }

    /// Replaces this database's contents with the backup at `source`, after checking it is a
    /// sound FloorDesk database this version can read. Returns where the replaced contents were
    /// saved.
    pub fn restore_from(&mut self, source: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        if !source.is_file() {
            return Err(StoreError::Io {
                path: source.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such backup file"),
            });
        }
        let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let bad = |why: String| -> StoreError {
            Problem::new(
                ErrorCode::RestoreBadBackup,
                format!("{}: {why}", source.display()),
            )
            .with("file", source.display())
            .into()
        };
        let version = migrations::user_version(&src).map_err(|e| bad(e.to_string()))?;
        if version == 0 {
            return Err(bad("not a FloorDesk backup".into()));
        }
        if version > migrations::LATEST_VERSION {
            return Err(StoreError::NewerSchema {
                found: version,
                supported: migrations::LATEST_VERSION,
            });
        }
        let check: String = src.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(bad(format!("damaged: {check}")));
        }
        let kept = match self.path() {
            Some(path) => {
                let name = format!(
                    "{}.before-restore-{}.sqlite",
                    path.file_stem().unwrap_or_default().to_string_lossy(),
                    now.format("%Y%m%d-%H%M%S")
                );
                let kept = path.with_file_name(name);
                vacuum_into(self.conn(), &kept)?;
                Some(kept)
            }
            None => None,
        };
        Backup::new(&src, &mut self.conn)?.run_to_completion(
            256,
            std::time::Duration::ZERO,
            None,
        )?;
        migrations::migrate_to(&mut self.conn, migrations::LATEST_VERSION)?;
        crate::policy::seed_catalogue(self)?;
        Ok(kept)
    }
}
