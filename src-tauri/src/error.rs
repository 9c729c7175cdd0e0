use std::collections::BTreeMap;

use floordesk_domain::{ErrorCode, Problem};
use floordesk_store::StoreError;
use serde::Serialize;

/// What every failed command sends to the UI: a stable `code` the UI translates (filling in
/// `params`), and an English `message` to fall back on.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub params: BTreeMap<String, String>,
}

impl From<Problem> for AppError {
    fn from(p: Problem) -> Self {
        AppError {
            code: p.code,
            message: p.message,
            params: p.params,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        if !e.is_bad_data() {
            tracing::error!(error = %e, "command failed");
        }
        e.to_problem().into()
    }
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Problem::new(code, message).into()
    }
}

pub type CmdResult<T> = Result<T, AppError>;
