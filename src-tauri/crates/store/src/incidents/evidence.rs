//! Evidence files (a photo of the broken headset, a screenshot of the chat): copied into the
//! data folder beside the database, named by their SHA-256, so the record does not depend on
//! the file the recorder picked staying where it was.

use std::path::{Path, PathBuf};

use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use sha2::{Digest, Sha256};

use crate::audit::Audit;
use crate::{Actor, Result, Store, StoreError, to_ms};

/// Files larger than this are refused: evidence is a photo or a screenshot, not a recording.
pub const MAX_EVIDENCE_BYTES: u64 = 20 * 1024 * 1024;

impl Store {
    /// The folder evidence files are kept in: `evidence/` beside the database.
    pub fn evidence_dir(&self) -> Option<PathBuf> {
        self.path()
            .and_then(Path::parent)
            .map(|dir| dir.join("evidence"))
    }

    /// Copies `source` into the evidence folder and attaches it to incident `id`. Returns the
    /// stored file's path.
    pub fn add_incident_evidence(
        &mut self,
        id: i64,
        source: &Path,
        actor: Actor,
    ) -> Result<PathBuf> {
        let io = |path: &Path, source: std::io::Error| StoreError::Io {
            path: path.to_owned(),
            source,
        };
        let dir = self.evidence_dir().ok_or_else(|| {
            StoreError::from(Problem::new(
                ErrorCode::Internal,
                "an in-memory database keeps no files",
            ))
        })?;
        let size = std::fs::metadata(source).map_err(|e| io(source, e))?.len();
        if size > MAX_EVIDENCE_BYTES {
            return Err(Problem::new(
                ErrorCode::ValidationOutOfRange,
                format!(
                    "{}: {size} bytes, evidence is at most 20 MB",
                    source.display()
                ),
            )
            .with("min", 0)
            .with("max", "20 MB")
            .with("value", format!("{:.1} MB", size as f64 / 1_048_576.0))
            .into());
        }
        let bytes = std::fs::read(source).map_err(|e| io(source, e))?;
        let sha = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        let file_name = source.file_name().map_or_else(
            || "evidence".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let ext = source
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_default();
        let stored_name = format!("{id}-{}{ext}", &sha[..16]);
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let target = dir.join(&stored_name);
        if !target.exists() {
            let partial = dir.join(format!("{stored_name}.part"));
            std::fs::write(&partial, &bytes).map_err(|e| io(&partial, e))?;
            std::fs::rename(&partial, &target).map_err(|e| io(&target, e))?;
        }
        self.write(|tx| {
            let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM incidents WHERE id = ?1)", [id], |r| r.get(0))?;
            if !exists {
                return Err(Problem::new(ErrorCode::NotFound, format!("no incident {id}"))
                    .with("entity", "incident")
                    .with("id", id)
                    .into());
            }
            tx.execute(
                "INSERT INTO incident_evidence (incident_id, file_name, stored_name, sha256, size_bytes, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(stored_name) DO NOTHING",
                params![id, file_name, stored_name, sha, size as i64, to_ms(actor.at), actor.user_id],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "attach",
                entity: "incident",
                entity_id: Some(id),
                detail: Some(file_name.clone()),
            }
            .record(tx)
        })?;
        Ok(target)
    }
}
