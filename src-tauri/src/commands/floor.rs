use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::access::Permission::{OperateFloor, ViewFloor};
use floordesk_domain::floor::{AgentState, Notice, NoticeKind, StateEvent};
use floordesk_store::breaks::BreakRequest;
use floordesk_store::floor::StoredAlert;
use floordesk_store::live::{Board, BoardDelta};
use floordesk_store::notices::NoticeMark;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::live::Outbox;
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

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct NoticeInput {
    /// 工号.
    pub employee_no: String,
    pub kind: NoticeKind,
    /// What the agent said (required).
    pub reason: String,
    /// When the agent phoned; None means now.
    pub at: Option<DateTime<Utc>>,
}

/// 报备: a lead records that an agent phoned in late or absent. Before the shift starts it
/// excuses; after, the alerts stand marked notified.
#[tauri::command]
#[specta::specta]
pub async fn record_notice<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: NoticeInput,
) -> CmdResult<NoticeMark> {
    state.on_floor(
        &app,
        OperateFloor,
        &[Topic::Floor, Topic::Alerts],
        |floor, store, actor| {
            let notice = Notice {
                at: input.at.unwrap_or(actor.at),
                agent: input.employee_no,
                kind: input.kind,
                reason: Some(input.reason),
            };
            floor.record_notice(store, notice, actor)
        },
    )
}

/// The board as it stands now; what changes follows from `floor_updates`, numbered after `seq`.
#[tauri::command]
#[specta::specta]
pub async fn floor_board<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Board> {
    state.require(ViewFloor)?;
    crate::live::read_board(&app)
}

/// How long a `floor_updates` call waits for a push before it returns none.
const FLOOR_UPDATES_WAIT: Duration = Duration::from_secs(15);

/// What changed on the board after push `after` (the `seq` of the board the window holds), as
/// pushes in `seq` order; with none yet, waits for the next (up to 15 s, then none). The window
/// applies them in order and calls again at once; a list that does not start at `after + 1`
/// means it missed some and reads the board again (see `live::Outbox`).
#[tauri::command]
#[specta::specta]
pub async fn floor_updates<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    after: u64,
) -> CmdResult<Vec<BoardDelta>> {
    state.require(ViewFloor)?;
    Ok(app
        .state::<Outbox>()
        .pushes_after(after, FLOOR_UPDATES_WAIT)
        .await)
}

/// Sets an agent's state from the board. An `effective_at` in the past is a late correction:
/// the floor is judged again from then; one in the future means now.
#[tauri::command]
#[specta::specta]
pub async fn set_agent_state<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SetStateInput,
) -> CmdResult<()> {
    state.on_floor(
        &app,
        OperateFloor,
        &[Topic::Floor],
        |floor, store, actor| {
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
            Ok(((), floor.set_state(store, event, actor)?))
        },
    )
}

/// The monitor's 'line full' announcement: holds small breaks until it is lifted.
#[tauri::command]
#[specta::specta]
pub async fn set_line_full<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on: bool,
) -> CmdResult<()> {
    state.on_floor(
        &app,
        OperateFloor,
        &[Topic::Floor],
        |floor, store, actor| Ok(((), floor.set_line_full(store, on, actor)?)),
    )
}

/// The alerts of a day (by shift date), acknowledged or not.
#[tauri::command]
#[specta::specta]
pub async fn list_alerts(
    state: State<'_, AppState>,
    date: NaiveDate,
) -> CmdResult<Vec<StoredAlert>> {
    let now = state.clock.now();
    state.read(ViewFloor, |s| {
        s.alerts_on(date, s.require_site()?.tz(), now)
    })
}

/// Acknowledges an alert with a note; the board drops it from the open alerts.
#[tauri::command]
#[specta::specta]
pub async fn acknowledge_alert<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    note: String,
) -> CmdResult<()> {
    state.on_floor(&app, OperateFloor, &[Topic::Alerts], |_, store, actor| {
        Ok((store.acknowledge_alert(id, &note, actor)?, Vec::new()))
    })
}

/// An agent asks for a small break (entered by a lead): it starts at once when the guard
/// allows, otherwise it waits in the board's queue.
#[tauri::command]
#[specta::specta]
pub async fn request_break<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    employee_no: String,
) -> CmdResult<BreakRequest> {
    state.on_floor(
        &app,
        OperateFloor,
        &[Topic::Floor],
        |floor, store, actor| floor.request_break(store, &employee_no, actor),
    )
}

/// Grants a waiting request out of turn, whatever the queue and the guard; needs a reason.
#[tauri::command]
#[specta::specta]
pub async fn grant_break<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CmdResult<()> {
    state.on_floor(
        &app,
        OperateFloor,
        &[Topic::Floor],
        |floor, store, actor| {
            Ok((
                (),
                floor.grant_break_out_of_turn(store, id, &reason, actor)?,
            ))
        },
    )
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_break_request<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<()> {
    state.on_floor(
        &app,
        OperateFloor,
        &[Topic::Floor],
        |floor, store, actor| Ok(((), floor.cancel_break(store, id, actor)?)),
    )
}

/// Every break request made on a local day, newest first: who asked, how long they waited,
/// who granted it.
#[tauri::command]
#[specta::specta]
pub async fn list_break_requests(
    state: State<'_, AppState>,
    date: NaiveDate,
) -> CmdResult<Vec<BreakRequest>> {
    state.read(ViewFloor, |s| {
        s.break_requests_on(date, s.require_site()?.tz())
    })
}
