//! `incidents import`, `ledger` and `rules …`: 违规与奖惩 from the command line. Bad data (a
//! file's rows, a month, a file that is not a rule book) is a `StoreError::Problem` or
//! `StoreError::Import`, so `main` reports it and exits 2.
//!
//! The CLI acts as the system (no login): the store confirms imported incidents on the authority
//! of the site's first active supervisor or manager (see `record_confirmed_incidents`).

use std::path::Path;

use floordesk_domain::ErrorCode;
use floordesk_store::incidents::{LedgerQuery, RuleBookFile};
use floordesk_store::{Actor, Problem, Store, StoreError};

use crate::incidents_out::print_ledger;
use crate::{IncidentsCommand, RulesCommand};

pub fn incidents(
    store: &mut Store,
    command: IncidentsCommand,
    actor: Actor,
) -> Result<(), StoreError> {
    match command {
        IncidentsCommand::Import { file } => {
            let s = store.import_incidents(&file, actor)?;
            println!(
                "{}: {} incidents imported as confirmed, {} ledger lines written",
                file.display(),
                s.incidents,
                s.lines
            );
        }
    }
    Ok(())
}

/// `ledger --month YYYY-MM [--all]`.
pub fn ledger(store: &Store, month: &str, all: bool) -> Result<(), StoreError> {
    let lines = store.ledger_lines(&LedgerQuery {
        month: Some(month.to_owned()),
        team_id: None,
        employee_no: None,
        include_voided: all,
    })?;
    print_ledger(&lines, store.ledger_time_zone()?);
    Ok(())
}

pub fn rules(store: &mut Store, command: RulesCommand, actor: Actor) -> Result<(), StoreError> {
    match command {
        RulesCommand::Export { file } => {
            let book = store.export_rule_book()?;
            let mut json = serde_json::to_string_pretty(&book)
                .map_err(|e| StoreError::from(Problem::new(ErrorCode::Internal, e.to_string())))?;
            json.push('\n');
            std::fs::write(&file, json).map_err(|source| StoreError::Io {
                path: file.clone(),
                source,
            })?;
            println!("{}: {} rules written", file.display(), book.rules.len());
        }
        RulesCommand::Import { file } => {
            let book = read_rule_book(&file)?;
            let (added, versions, unchanged) = store
                .import_rule_book(&book, actor)
                .map_err(|e| naming_file(&file, e))?;
            println!(
                "{}: {added} rules added, {versions} new versions, {unchanged} unchanged",
                file.display()
            );
        }
    }
    Ok(())
}

fn bad_rule_book(file: &Path, reason: &str) -> StoreError {
    let name = file.display().to_string();
    Problem::new(
        ErrorCode::IncidentsBadRuleBook,
        format!("{name} is not a rule book exported by FloorDesk: {reason}"),
    )
    .with("file", &name)
    .with("reason", reason)
    .into()
}

/// The JSON `rules export` writes, or `IncidentsBadRuleBook` saying why not.
fn read_rule_book(file: &Path) -> Result<RuleBookFile, StoreError> {
    let bytes = std::fs::read(file).map_err(|source| StoreError::Io {
        path: file.to_owned(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|e| bad_rule_book(file, &e.to_string()))
}

/// The store's refusal of a rule book's format, naming the file it came from.
fn naming_file(file: &Path, e: StoreError) -> StoreError {
    let problem = e.to_problem();
    if problem.code != ErrorCode::IncidentsBadRuleBook {
        return e;
    }
    let reason = match problem.params.get("reason").map(String::as_str) {
        Some("format") | None => "its format or version is not floordesk-rule-book 1".to_owned(),
        Some(other) => other.to_owned(),
    };
    bad_rule_book(file, &reason)
}
