use std::path::PathBuf;

use floordesk_domain::Problem;

use crate::import::ImportIssue;
use floordesk_domain::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "this database was written by a newer FloorDesk (schema version {found}; this version reads up to {supported}). Update FloorDesk to open it."
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error("this file is not a FloorDesk database")]
    NotFloorDesk,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Bad input a user can fix: nothing was written.
    #[error("{}", .0.message)]
    Problem(Problem),
    /// A file with bad rows: nothing was written.
    #[error("{file}: {} problem(s), nothing was written", .issues.len())]
    Import {
        file: String,
        issues: Vec<ImportIssue>,
    },
}

impl From<Problem> for StoreError {
    fn from(p: Problem) -> Self {
        StoreError::Problem(p)
    }
}

impl StoreError {
    /// True when the user's data (a file, a form) is at fault rather than the machine.
    pub fn is_bad_data(&self) -> bool {
        matches!(self, StoreError::Problem(_) | StoreError::Import { .. })
    }

    pub fn to_problem(&self) -> Problem {
        match self {
            StoreError::Problem(p) => p.clone(),
            StoreError::Import { file, issues } => {
                let mut p = Problem::new(ErrorCode::ImportInvalid, self.to_string())
                    .with("file", file)
                    .with("count", issues.len());
                if let Some(first) = issues.first() {
                    p = p.with("row", first.row).with("field", &first.field);
                }
                p
            }
            StoreError::NewerSchema { found, supported } => {
                Problem::new(ErrorCode::DbNewerSchema, self.to_string())
                    .with("found", found)
                    .with("supported", supported)
            }
            StoreError::NotFloorDesk => Problem::new(ErrorCode::DbNotFloorDesk, self.to_string()),
            StoreError::Io { path, .. } => {
                Problem::new(ErrorCode::IoError, self.to_string()).with("path", path.display())
            }
            StoreError::Sqlite(e) if is_busy(e) => Problem::new(
                ErrorCode::DbBusy,
                "the database is busy with another program's write; try again",
            ),
            StoreError::Sqlite(_) => Problem::new(ErrorCode::DbError, self.to_string()),
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

pub(crate) fn not_found(entity: &str, id: impl ToString) -> StoreError {
    let id = id.to_string();
    Problem::new(ErrorCode::NotFound, format!("{entity} {id} does not exist"))
        .with("entity", entity)
        .with("id", id)
        .into()
}
