//! The roster (排班表): the month grid, cell edits, publishing and a cell's history. A cell edit
//! changes who the live floor expects, so it goes through the floor and reloads its shifts.

use chrono::NaiveDate;
use floordesk_domain::access::Permission::{
    EditRoster, PublishRoster, RequestRosterChange, ViewRoster,
};
use floordesk_domain::roster::Violation;
use floordesk_store::leave::LeaveInput;
use floordesk_store::roster::{CellInput, RosterChange};
use floordesk_store::roster_month::{MonthRecheck, RosterMonth};
use floordesk_store::swaps::{SwapInput, SwapRequest};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

/// The month grid for `month` (`YYYY-MM`): templates, agents, cells, violations, publication.
#[tauri::command]
#[specta::specta]
pub async fn roster_month(state: State<'_, AppState>, month: String) -> CmdResult<RosterMonth> {
    let actor = state.require(ViewRoster)?;
    state.read(ViewRoster, |s| {
        s.roster_month_seen_by(&month, actor.at, actor)
    })
}

/// What a write of cells did: how many cells changed, each touched month re-checked for the
/// agents written to, and whether the live floor now expects other people (a cell of yesterday
/// or today).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RosterWrite {
    pub written: u32,
    pub months: Vec<MonthRecheck>,
    pub floor_changed: bool,
}

/// Writes cells, all or none; a published month's cells need `reason` and are recorded. The
/// live floor expects people by the new cells at once. `origin`, when given, is named in the
/// change event: the page that wrote applies the returned re-check instead of reading again.
#[tauri::command]
#[specta::specta]
pub async fn put_roster_cells<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cells: Vec<CellInput>,
    reason: Option<String>,
    origin: Option<String>,
) -> CmdResult<RosterWrite> {
    state.maybe_on_floor(
        &app,
        EditRoster,
        &[Topic::Roster, Topic::Floor],
        origin.as_deref(),
        |floor, store, actor| {
            let n = store.put_roster_cells(&cells, reason.as_deref(), actor)?;
            // Only yesterday's and today's shifts are on the floor; a later month's edit leaves it be.
            let floor_changed = n > 0 && cells.iter().any(|c| floor.judges_day(c.date));
            let alerts = if floor_changed {
                floor.reload(store, actor.at)?
            } else {
                Vec::new()
            };
            let written = RosterWrite {
                written: n as u32,
                months: store.roster_recheck(&cells, actor.at)?,
                floor_changed,
            };
            Ok((written, alerts, floor_changed))
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

/// A swap request (换班/代班), pending until a supervisor or manager signs it. A team lead asks
/// on behalf of two agents.
#[tauri::command]
#[specta::specta]
pub async fn request_swap<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SwapInput,
) -> CmdResult<SwapRequest> {
    state.write(&app, RequestRosterChange, &[Topic::Roster], |s, actor| {
        s.request_swap(&input, actor)
    })
}

/// Approves a swap, signed with the approver's own PIN: the cells change, and the live floor
/// expects people by them at once.
#[tauri::command]
#[specta::specta]
pub async fn approve_swap<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    pin: String,
) -> CmdResult<SwapRequest> {
    state.on_floor(
        &app,
        PublishRoster,
        &[Topic::Roster, Topic::Floor],
        |floor, store, actor| {
            let swap = store.approve_swap(id, &pin, actor)?;
            Ok((swap, floor.reload(store, actor.at)?))
        },
    )
}

#[tauri::command]
#[specta::specta]
pub async fn reject_swap<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    note: String,
) -> CmdResult<SwapRequest> {
    state.write(&app, PublishRoster, &[Topic::Roster], |s, actor| {
        s.reject_swap(id, &note, actor)
    })
}

/// A leave request (请假), pending until decided.
#[tauri::command]
#[specta::specta]
pub async fn request_leave<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: LeaveInput,
) -> CmdResult<i64> {
    state.write(&app, RequestRosterChange, &[Topic::Roster], |s, actor| {
        s.request_leave(&input, actor)
    })
}

/// Approves or rejects a leave request, signed with the decider's own PIN.
#[tauri::command]
#[specta::specta]
pub async fn decide_leave<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    approve: bool,
    pin: String,
    note: Option<String>,
) -> CmdResult<()> {
    state.write(&app, PublishRoster, &[Topic::Roster], |s, actor| {
        s.decide_leave(id, approve, &pin, note.as_deref(), actor)
    })
}
