use std::collections::BTreeMap;
use std::fmt;

use crate::ErrorCode;

/// A failure a user can act on: a stable machine `code` (the UI translates it, scripts match it),
/// an English fallback `message`, and the `params` the translated text is filled with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Problem {
    pub code: ErrorCode,
    pub message: String,
    pub params: BTreeMap<String, String>,
}

impl Problem {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}
