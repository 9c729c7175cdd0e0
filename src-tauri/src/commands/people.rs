use std::path::PathBuf;

use floordesk_domain::access::Permission;
use floordesk_store::import::agents::{ImportPreview, ImportSummary};
use floordesk_store::people::{AgentInput, AgentRow, Seat, SeatInput, Team, TeamInput};
use tauri::{AppHandle, Runtime, State};

use crate::desktop::notify;
use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

use Permission::{ManagePeople, ViewPay, ViewPeople};
use Topic::{Agents, Seats, Teams};

/// The logged-in operator may see base pay (基本工资).
fn sees_pay(state: &AppState) -> bool {
    state.operator().is_some_and(|o| o.role.can(ViewPay))
}

/// An agent as an operator sees them: without base pay unless they may see pay.
fn as_seen(mut agent: AgentRow, with_pay: bool) -> AgentRow {
    if !with_pay {
        agent.base_pay_fen = None;
    }
    agent
}

#[tauri::command]
#[specta::specta]
pub async fn list_agents(
    state: State<'_, AppState>,
    include_inactive: bool,
) -> CmdResult<Vec<AgentRow>> {
    let with_pay = sees_pay(&state);
    let agents = state.read(ViewPeople, |s| s.list_agents(include_inactive))?;
    Ok(agents.into_iter().map(|a| as_seen(a, with_pay)).collect())
}

/// An operator who may not see pay cannot change it: their input's base pay is ignored and
/// the agent keeps the one on record.
#[tauri::command]
#[specta::specta]
pub async fn save_agent<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: AgentInput,
) -> CmdResult<AgentRow> {
    let with_pay = sees_pay(&state);
    let saved = state.write(&app, ManagePeople, &[Agents, Seats, Teams], |s, actor| {
        s.save_agent_with(&input, with_pay, actor)
    })?;
    Ok(as_seen(saved, with_pay))
}

#[tauri::command]
#[specta::specta]
pub async fn set_agent_active<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    state.write(&app, ManagePeople, &[Agents, Seats, Teams], |s, actor| {
        s.set_agent_active(id, active, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn list_teams(state: State<'_, AppState>) -> CmdResult<Vec<Team>> {
    state.read(ViewPeople, |s| s.list_teams())
}

#[tauri::command]
#[specta::specta]
pub async fn save_team<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: TeamInput,
) -> CmdResult<Team> {
    state.write(&app, ManagePeople, &[Teams, Agents], |s, actor| {
        s.save_team(&input, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn set_team_active<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    state.write(&app, ManagePeople, &[Teams], |s, actor| {
        s.set_team_active(id, active, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn list_seats(state: State<'_, AppState>) -> CmdResult<Vec<Seat>> {
    state.read(ViewPeople, |s| s.list_seats())
}

/// Also moves a seat on the floor map: the board is pushed with the seat in its new place.
#[tauri::command]
#[specta::specta]
pub async fn save_seat<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SeatInput,
) -> CmdResult<Seat> {
    state.write(&app, ManagePeople, &[Seats, Agents], |s, actor| {
        s.save_seat(&input, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn set_seat_active<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    state.write(&app, ManagePeople, &[Seats], |s, actor| {
        s.set_seat_active(id, active, actor)
    })
}

/// Reads the .csv/.xlsx at `path` and checks every row against the database; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_agents_import(
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<ImportPreview> {
    let with_pay = sees_pay(&state);
    let mut preview = state.read(ManagePeople, |s| {
        s.preview_agents_import(&PathBuf::from(path))
    })?;
    if !with_pay {
        for row in &mut preview.rows {
            row.base_pay_fen = None;
        }
    }
    Ok(preview)
}

/// All or nothing: `import.invalid` when any row is bad, and then nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn apply_agents_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<ImportSummary> {
    let summary = state.write(&app, ManagePeople, &[Agents, Teams, Seats], |s, actor| {
        s.import_agents(&PathBuf::from(&path), actor)
    })?;
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

/// Writes every agent to an .xlsx file; returns how many. The 基本工资 column only for an
/// operator who may see pay.
#[tauri::command]
#[specta::specta]
pub async fn export_agents(state: State<'_, AppState>, path: String) -> CmdResult<u32> {
    let with_pay = sees_pay(&state);
    state.read(ViewPeople, |s| {
        s.export_agents_xlsx_with(&PathBuf::from(path), with_pay)
    })
}
