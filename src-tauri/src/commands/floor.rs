use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::access::Permission;
use floordesk_domain::floor::{AgentState, StateEvent};
use floordesk_store::breaks::BreakRequest;
use floordesk_store::floor::StoredAlert;
use floordesk_store::live::Board;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::error::CmdResult;
use crate::events::{Topic, changed};
use crate::live::with_floor;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct SetStateInput {
    /// 工号.
    pub employee_no: String,
    pub state: AgentState,
    pub reason: Option<String>,
    /// When the change took effect, for a late correction; None means now.
    pub effective_at: Option<DateTime<Utc>>,
}

/// The board as it stands now; changes follow as `FloorUpdated` pushes numbered after `seq`.
#[tauri::command]
#[specta::specta]
pub async fn floor_board(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Board> {
    state.require(Permission::ViewFloor)?;
    crate::live::read_board(&app)
}

/// Sets an agent's state from the board. An `effective_at` in the past is a late correction:
/// the floor is judged again from then.
#[tauri::command]
#[specta::specta]
pub async fn set_agent_state(
    app: AppHandle,
    state: State<'_, AppState>,
    input: SetStateInput,
) -> CmdResult<()> {
    let (_, mut actor) = state.require(Permission::OperateFloor)?;
    actor.at = state.clock.now();
    let reason = input
        .reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let event = StateEvent {
        at: input.effective_at.unwrap_or(actor.at).min(actor.at),
        agent: input.employee_no,
        state: input.state,
        reason,
    };
    with_floor(&app, |floor, store| {
        Ok(((), floor.set_state(store, event, actor)?))
    })?;
    changed(&app, &[Topic::Floor]);
    Ok(())
}

/// The monitor's 'line full' announcement: holds small breaks until it is lifted.
#[tauri::command]
#[specta::specta]
pub async fn set_line_full(app: AppHandle, state: State<'_, AppState>, on: bool) -> CmdResult<()> {
    let (_, mut actor) = state.require(Permission::OperateFloor)?;
    actor.at = state.clock.now();
    with_floor(&app, |floor, store| {
        Ok(((), floor.set_line_full(store, on, actor)?))
    })?;
    changed(&app, &[Topic::Floor]);
    Ok(())
}

/// The alerts of a day (by shift date), acknowledged or not.
#[tauri::command]
#[specta::specta]
pub async fn list_alerts(
    state: State<'_, AppState>,
    date: NaiveDate,
) -> CmdResult<Vec<StoredAlert>> {
    state.require(Permission::ViewFloor)?;
    let store = state.store()?;
    let tz = store.require_site()?.tz();
    Ok(store.alerts_on(date, tz)?)
}

#[tauri::command]
#[specta::specta]
pub async fn acknowledge_alert(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    note: String,
) -> CmdResult<()> {
    let (_, mut actor) = state.require(Permission::OperateFloor)?;
    actor.at = state.clock.now();
    state.store()?.acknowledge_alert(id, &note, actor)?;
    with_floor(&app, |_, _| Ok(((), Vec::new())))?;
    changed(&app, &[Topic::Alerts]);
    Ok(())
}

/// An agent asks for a small break (entered by a lead): it starts at once when the guard
/// allows, otherwise it waits in the board's queue.
#[tauri::command]
#[specta::specta]
pub async fn request_break(
    app: AppHandle,
    state: State<'_, AppState>,
    employee_no: String,
) -> CmdResult<BreakRequest> {
    let (_, mut actor) = state.require(Permission::OperateFloor)?;
    actor.at = state.clock.now();
    let request = with_floor(&app, |floor, store| {
        Ok(floor.request_break(store, &employee_no, actor)?)
    })?;
    changed(&app, &[Topic::Floor]);
    Ok(request)
}

/// Grants a waiting request out of turn, whatever the queue and the guard; needs a reason.
#[tauri::command]
#[specta::specta]
pub async fn grant_break(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CmdResult<()> {
    let (_, mut actor) = state.require(Permission::OperateFloor)?;
    actor.at = state.clock.now();
    with_floor(&app, |floor, store| {
        Ok((
            (),
            floor.grant_break_out_of_turn(store, id, &reason, actor)?,
        ))
    })?;
    changed(&app, &[Topic::Floor]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_break_request(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<()> {
    let (_, mut actor) = state.require(Permission::OperateFloor)?;
    actor.at = state.clock.now();
    with_floor(&app, |floor, store| {
        Ok(((), floor.cancel_break(store, id, actor)?))
    })?;
    changed(&app, &[Topic::Floor]);
    Ok(())
}

/// Every break request made on a local day, newest first: who asked, how long they waited,
/// who granted it.
#[tauri::command]
#[specta::specta]
pub async fn list_break_requests(
    state: State<'_, AppState>,
    date: NaiveDate,
) -> CmdResult<Vec<BreakRequest>> {
    state.require(Permission::ViewFloor)?;
    let store = state.store()?;
    let tz = store.require_site()?.tz();
    Ok(store.break_requests_on(date, tz)?)
}
