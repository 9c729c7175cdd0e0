//! Change events: after every committed write, and when another process (the CLI, a second
//! window's process) commits to the same file, every window hears which topics changed.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

/// What a write changed. Each write command names the topics it changes; each page reloads
/// only for the topics it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Site,
    Users,
    Agents,
    Teams,
    Seats,
    Settings,
    Holidays,
    /// Agents' states, the line-full switch, break requests.
    Floor,
    Alerts,
    /// Roster cells, templates, published months.
    Roster,
    /// Handover logs, roll calls, items, signatures, addenda, reminders.
    Handover,
    /// Assessment: templates, raters, scores, exceptions, answers, publication.
    Scores,
    /// The rule book, incidents, the ledger, publications, appeals, the fund.
    Incidents,
    /// Complaints and their causes, meetings and attendance, reports owed and submitted.
    Complaints,
    /// The chat log, orders, daily totals, commission tables and team schemes.
    Commission,
    /// Another program (the CLI, a feed) wrote to the database: anything may have changed.
    External,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct DataChanged {
    pub topics: Vec<Topic>,
    /// The id the writing page gave its write, when it applies the change itself (the roster
    /// grid patches what it shows): that page need not read again; every other reader does.
    pub origin: Option<String>,
}

/// How far a running roster generation has got, in percent (it may be cancelled meanwhile).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct GenerationProgress {
    pub percent: u8,
}

pub fn changed<R: Runtime>(app: &AppHandle<R>, topics: &[Topic]) {
    changed_from(app, topics, None);
}

/// [`changed`], naming the write's `origin` (see [`DataChanged::origin`]).
pub fn changed_from<R: Runtime>(app: &AppHandle<R>, topics: &[Topic], origin: Option<&str>) {
    let event = DataChanged {
        topics: topics.to_vec(),
        origin: origin.map(str::to_owned),
    };
    if let Err(e) = event.emit(app) {
        tracing::warn!(error = %e, "could not emit a change event");
    }
}
