//! The roster (排班表): the month grid, cell edits, publishing and a cell's history. A cell edit
//! changes who the live floor expects, so it goes through the floor and reloads its shifts.

use chrono::NaiveDate;
use floordesk_domain::access::Permission::{EditRoster, PublishRoster, ViewRoster};
use floordesk_domain::roster::Violation;
use floordesk_store::roster::{CellInput, RosterChange, RosterMonth};
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

/// The month grid for `month` (`YYYY-MM`): templates, agents, cells, violations, publication.
#[tauri::command]
#[specta::specta]
pub async fn roster_month(state: State<'_, AppState>, month: String) -> CmdResult<RosterMonth> {
    let now = state.clock.now();
    state.read(ViewRoster, |s| s.roster_month(&month, now))
}

/// Writes cells, all or none; a published month's cells need `reason` and are recorded. The
/// live floor expects people by the new cells at once.
#[tauri::command]
#[specta::specta]
pub async fn put_roster_cells<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cells: Vec<CellInput>,
    reason: Option<String>,
) -> CmdResult<u32> {
    state.on_floor(
        &app,
        EditRoster,
        &[Topic::Roster, Topic::Floor],
        |floor, store, actor| {
            let n = store.put_roster_cells(&cells, reason.as_deref(), actor)?;
            let alerts = if n > 0 {
                floor.reload(store, actor.at)?
            } else {
                Vec::new()
            };
            Ok((n as u32, alerts))
        },
    )
}

/// Publishes a team's month; with violations it needs `override_reason`. Returns the violations
/// it was published with.
#[tauri::command]
#[specta::specta]
pub async fn publish_roster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    team_id: i64,
    month: String,
    override_reason: Option<String>,
) -> CmdResult<Vec<Violation>> {
    state.write(&app, PublishRoster, &[Topic::Roster], |s, actor| {
        s.publish_roster_checked(team_id, &month, override_reason.as_deref(), actor)
    })
}

/// The recorded changes to one cell of a published month, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn roster_history(
    state: State<'_, AppState>,
    employee_no: String,
    date: NaiveDate,
) -> CmdResult<Vec<RosterChange>> {
    state.read(ViewRoster, |s| s.roster_history(&employee_no, date))
}
