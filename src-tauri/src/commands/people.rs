use std::path::PathBuf;

use floordesk_domain::access::Permission;
use floordesk_store::import::agents::{ImportPreview, ImportSummary};
use floordesk_store::people::{AgentInput, AgentRow, Seat, SeatInput, Team, TeamInput};
use tauri::{AppHandle, State};

use crate::desktop::notify;
use crate::error::CmdResult;
use crate::events::{Topic, changed};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_agents(
    state: State<'_, AppState>,
    include_inactive: bool,
) -> CmdResult<Vec<AgentRow>> {
    state.require(Permission::ViewPeople)?;
    Ok(state.store()?.list_agents(include_inactive)?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_agent(
    app: AppHandle,
    state: State<'_, AppState>,
    input: AgentInput,
) -> CmdResult<AgentRow> {
    let (_, actor) = state.require(Permission::ManagePeople)?;
    let agent = state.store()?.save_agent(&input, actor)?;
    changed(&app, &[Topic::Agents, Topic::Seats, Topic::Teams]);
    Ok(agent)
}

#[tauri::command]
#[specta::specta]
pub async fn set_agent_active(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    let (_, actor) = state.require(Permission::ManagePeople)?;
    state.store()?.set_agent_active(id, active, actor)?;
    changed(&app, &[Topic::Agents, Topic::Seats, Topic::Teams]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn list_teams(state: State<'_, AppState>) -> CmdResult<Vec<Team>> {
    state.require(Permission::ViewPeople)?;
    Ok(state.store()?.list_teams()?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_team(
    app: AppHandle,
    state: State<'_, AppState>,
    input: TeamInput,
) -> CmdResult<Team> {
    let (_, actor) = state.require(Permission::ManagePeople)?;
    let team = state.store()?.save_team(&input, actor)?;
    changed(&app, &[Topic::Teams, Topic::Agents]);
    Ok(team)
}

#[tauri::command]
#[specta::specta]
pub async fn set_team_active(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    let (_, actor) = state.require(Permission::ManagePeople)?;
    state.store()?.set_team_active(id, active, actor)?;
    changed(&app, &[Topic::Teams]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn list_seats(state: State<'_, AppState>) -> CmdResult<Vec<Seat>> {
    state.require(Permission::ViewPeople)?;
    Ok(state.store()?.list_seats()?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_seat(
    app: AppHandle,
    state: State<'_, AppState>,
    input: SeatInput,
) -> CmdResult<Seat> {
    let (_, actor) = state.require(Permission::ManagePeople)?;
    let seat = state.store()?.save_seat(&input, actor)?;
    changed(&app, &[Topic::Seats, Topic::Agents]);
    Ok(seat)
}

#[tauri::command]
#[specta::specta]
pub async fn set_seat_active(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    let (_, actor) = state.require(Permission::ManagePeople)?;
    state.store()?.set_seat_active(id, active, actor)?;
    changed(&app, &[Topic::Seats]);
    Ok(())
}

/// Reads the .csv/.xlsx at `path` and checks every row against the database; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_agents_import(
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<ImportPreview> {
    state.require(Permission::ManagePeople)?;
    Ok(state.store()?.preview_agents_import(&PathBuf::from(path))?)
}

/// All or nothing: `import.invalid` when any row is bad, and then nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn apply_agents_import(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<ImportSummary> {
    let (_, actor) = state.require(Permission::ManagePeople)?;
    let summary = state.store()?.import_agents(&PathBuf::from(&path), actor)?;
    changed(&app, &[Topic::Agents, Topic::Teams, Topic::Seats]);
    notify(
        &app,
        "现场台 FloorDesk",
        &format!(
            "导入完成：新增 {} 人，更新 {} 人",
            summary.created, summary.updated
        ),
    );
    Ok(summary)
}

/// Writes every agent to an .xlsx file; returns how many.
#[tauri::command]
#[specta::specta]
pub async fn export_agents(state: State<'_, AppState>, path: String) -> CmdResult<u32> {
    state.require(Permission::ViewPeople)?;
    Ok(state.store()?.export_agents_xlsx(&PathBuf::from(path))?)
}
