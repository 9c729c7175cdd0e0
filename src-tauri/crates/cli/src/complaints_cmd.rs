//! `complaints import` and `complaints flags`: 投诉 from the command line. A file's bad rows are
//! a `StoreError::Import`, so `main` reports them by row and column and exits 2.

use std::io::Write;

use floordesk_store::{Actor, Store, StoreError};
use serde::Serialize;

use crate::ComplaintsCommand;

/// One flagged agent, with exactly the fields the contract names.
#[derive(Serialize)]
struct FlagLine<'a> {
    employee_no: &'a str,
    valid_count: u32,
    since: String,
}

pub fn complaints(
    store: &mut Store,
    command: ComplaintsCommand,
    actor: Actor,
) -> Result<(), StoreError> {
    match command {
        ComplaintsCommand::Import { file } => {
            let s = store.import_complaints(&file, actor)?;
            println!(
                "{}: {} closed complaints imported, {} valid booked as valid_complaint",
                file.display(),
                s.complaints,
                s.valid
            );
        }
        ComplaintsCommand::Flags => {
            let flags = store.complaint_flags(actor.at)?;
            let mut out = std::io::stdout().lock();
            for f in &flags {
                let line = FlagLine {
                    employee_no: &f.employee_no,
                    valid_count: f.valid_count,
                    since: f.since.format("%Y-%m-%d").to_string(),
                };
                let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
            }
        }
    }
    Ok(())
}
