//! Reading people's spreadsheets: CSV (UTF-8 with or without BOM, or GBK as Excel in China saves
//! it) and xlsx. Every problem names the row as a spreadsheet shows it (the header is row 1) and
//! the column as the file spells it.

pub mod agents;
pub mod complaints;
pub mod events;
pub mod holidays;
pub mod incidents;
pub mod leave;
pub mod requirement;
pub mod roster;
pub mod sales;
pub mod score_templates;
pub mod scores;
pub mod shifts;
mod table;
pub mod templates;

use serde::{Deserialize, Serialize};

pub use table::{Table, TableRow, read_table, read_table_bytes};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportIssue {
    /// Spreadsheet row number: the header is row 1, the first data row is 2.
    pub row: u32,
    /// The column header as written in the file.
    pub field: String,
    pub code: floordesk_domain::ErrorCode,
    pub message: String,
    /// The offending cell's text.
    pub value: String,
}

impl std::fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {}, field {}: {}",
            self.row, self.field, self.message
        )
    }
}

/// Maps a file's headers onto the columns an import knows, by any of their names.
pub(crate) struct Columns<'a> {
    headers: &'a [String],
}

impl<'a> Columns<'a> {
    pub fn new(headers: &'a [String]) -> Self {
        Columns { headers }
    }

    /// Index and spelling of the column known by any of `names` (case-insensitive).
    pub fn find(&self, names: &[&str]) -> Option<(usize, &'a str)> {
        self.headers.iter().enumerate().find_map(|(i, h)| {
            let h = h.trim();
            names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(h))
                .then_some((i, h))
        })
    }
}

/// A yes/no cell: true/false/1/0/是/否/yes/no, any case; empty is no.
pub(crate) fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "false" | "0" | "否" | "no" => Some(false),
        "true" | "1" | "是" | "yes" => Some(true),
        _ => None,
    }
}

/// The problems of one file, collected as its rows are read: all are reported, nothing written.
#[derive(Default)]
pub(crate) struct Issues(Vec<ImportIssue>);

impl Issues {
    pub fn add(
        &mut self,
        row: u32,
        field: &str,
        code: floordesk_domain::ErrorCode,
        message: impl Into<String>,
        value: &str,
    ) {
        self.0.push(ImportIssue {
            row,
            field: field.into(),
            code,
            message: message.into(),
            value: value.into(),
        });
    }

    /// Names, on the header row, each required column (`name`) the file lacks.
    pub fn require(&mut self, columns: &[(Option<(usize, &str)>, &str)]) {
        for (col, name) in columns {
            if col.is_none() {
                self.add(
                    1,
                    name,
                    floordesk_domain::ErrorCode::ImportMissingColumn,
                    format!("the header row has no {name} column"),
                    "",
                );
            }
        }
    }

    /// Fails with every problem found, naming `file`, if there is any.
    pub fn check(self, file: &str) -> crate::Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::StoreError::Import {
                file: file.to_owned(),
                issues: self.0,
            })
        }
    }
}
