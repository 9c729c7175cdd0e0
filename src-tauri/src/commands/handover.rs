//! Shift handover (交接班): the day's shifts, a log with its roll call and items, sign-off and
//! receipt, addenda, drafts, search. docs/design/handover.md §6.1. Signing needs only
//! `ViewHandover` of the operator: the two 交接班长 sign face to face on this PC, and their PINs
//! and eligibility, checked in the store, are the authority ("whatever their role").

use chrono::NaiveDate;
use floordesk_domain::access::Permission::{
    OverrideHandover, RunHandover, ViewHandover, WriteHandoverEntry,
};
use floordesk_domain::handover::item::ItemChange;
use floordesk_store::handover::LogKey;
use floordesk_store::handover::day::HandoverDay;
use floordesk_store::handover::drafts::{Draft, DraftInput};
use floordesk_store::handover::items::NewItem;
use floordesk_store::handover::leads::DesignationInput;
use floordesk_store::handover::roll_call::RollCallCorrection;
use floordesk_store::handover::search::{HandoverSearch, SearchHit};
use floordesk_store::handover::sign::{SignInput, Signer};
use floordesk_store::handover::timeline::ItemTimeline;
use floordesk_store::handover::view::HandoverLogView;
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

/// The day's shifts per team the operator reaches, each with its log's status and lead.
#[tauri::command]
#[specta::specta]
pub async fn handover_day(
    state: State<'_, AppState>,
    date: NaiveDate,
    team_id: Option<i64>,
) -> CmdResult<HandoverDay> {
    let actor = state.require(ViewHandover)?;
    state.read(ViewHandover, |s| {
        s.handover_day(date, team_id, actor.at, actor)
    })
}

/// One log as the page shows it (a log not opened yet: the roll call the floor reads now).
#[tauri::command]
#[specta::specta]
pub async fn handover_log(state: State<'_, AppState>, key: LogKey) -> CmdResult<HandoverLogView> {
    let actor = state.require(ViewHandover)?;
    state.read(ViewHandover, |s| s.handover_log(&key, actor.at, actor))
}

/// An item with every log it passed through and its whole timeline.
#[tauri::command]
#[specta::specta]
pub async fn handover_item(state: State<'_, AppState>, id: i64) -> CmdResult<ItemTimeline> {
    let actor = state.require(ViewHandover)?;
    state.read(ViewHandover, |s| s.handover_item(id, actor.at, actor))
}

/// Full-text search across logs, items and addenda, with filters.
#[tauri::command]
#[specta::specta]
pub async fn search_handover(
    state: State<'_, AppState>,
    query: HandoverSearch,
) -> CmdResult<Vec<SearchHit>> {
    let actor = state.require(ViewHandover)?;
    state.read(ViewHandover, |s| s.search_handover(&query, actor.at, actor))
}

/// The operator's drafts of a log (what they were typing when the app last closed).
#[tauri::command]
#[specta::specta]
pub async fn handover_drafts(state: State<'_, AppState>, log_id: i64) -> CmdResult<Vec<Draft>> {
    let actor = state.require(WriteHandoverEntry)?;
    state.read(WriteHandoverEntry, |s| s.handover_drafts(log_id, actor))
}

/// Opens a log by hand (点名 starts); the tick opens them by itself at roll-call time.
#[tauri::command]
#[specta::specta]
pub async fn open_handover_log<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: LogKey,
) -> CmdResult<HandoverLogView> {
    state.write(&app, RunHandover, &[Topic::Handover], |s, actor| {
        s.open_handover_log(&key, actor)?;
        s.handover_log(&key, actor.at, actor)
    })
}

/// Reads an unsigned log's roll call from the floor again (corrections stay).
#[tauri::command]
#[specta::specta]
pub async fn refresh_roll_call<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    log_id: i64,
) -> CmdResult<u32> {
    state.write(&app, RunHandover, &[Topic::Handover], |s, actor| {
        s.refresh_roll_call(log_id, actor.at)
    })
}

/// The lead corrects one roll-call row (or adds someone covering from another team).
#[tauri::command]
#[specta::specta]
pub async fn correct_roll_call<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    log_id: i64,
    input: RollCallCorrection,
) -> CmdResult<()> {
    state.write(&app, RunHandover, &[Topic::Handover], |s, actor| {
        s.correct_roll_call(log_id, &input, actor)
    })
}

/// The 交接班长 seats an agent for the shift (None: back to the home seat); the board's map
/// follows at once.
#[tauri::command]
#[specta::specta]
pub async fn assign_shift_seat<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    log_id: i64,
    employee_no: String,
    seat_code: Option<String>,
) -> CmdResult<()> {
    state.on_floor(
        &app,
        RunHandover,
        &[Topic::Handover, Topic::Floor],
        |_, store, actor| {
            store.assign_shift_seat(log_id, &employee_no, seat_code.as_deref(), actor)?;
            Ok(((), Vec::new()))
        },
    )
}

/// A supervisor names the 交接班长 of a team's shift from a date.
#[tauri::command]
#[specta::specta]
pub async fn designate_handover_lead<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: DesignationInput,
) -> CmdResult<()> {
    state.write(&app, OverrideHandover, &[Topic::Handover], |s, actor| {
        s.designate_handover_lead(&input, actor)
    })
}

/// Adds an item to an open log (an agent's goes into their own 交接记录本); returns its id.
#[tauri::command]
#[specta::specta]
pub async fn add_handover_item<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    log_id: i64,
    input: NewItem,
) -> CmdResult<i64> {
    state.write(&app, WriteHandoverEntry, &[Topic::Handover], |s, actor| {
        s.add_handover_item(log_id, &input, actor)
    })
}

/// Adds to an item's timeline: a note, a query, an answer, an accept, an edit, a hand-over to
/// another team, or closing it with an outcome.
#[tauri::command]
#[specta::specta]
pub async fn change_handover_item<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    item_id: i64,
    change: ItemChange,
) -> CmdResult<()> {
    state.write(&app, WriteHandoverEntry, &[Topic::Handover], |s, actor| {
        s.change_handover_item(item_id, &change, actor)
    })
}

/// Saves what the operator is typing; nobody else needs to hear of it.
#[tauri::command]
#[specta::specta]
pub async fn save_handover_draft<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: DraftInput,
) -> CmdResult<()> {
    state.write(&app, WriteHandoverEntry, &[], |s, actor| {
        s.save_handover_draft(&input, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn discard_handover_draft<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    log_id: i64,
    slot: String,
) -> CmdResult<()> {
    state.write(&app, WriteHandoverEntry, &[], |s, actor| {
        s.discard_handover_draft(log_id, &slot, actor)
    })
}

/// 交接签字: both 交接班长 face to face with their PINs, or the outgoing alone when the shifts
/// do not meet. Open reminders of the log leave the board. Returns the signed log.
#[tauri::command]
#[specta::specta]
pub async fn sign_handover<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SignInput,
) -> CmdResult<HandoverLogView> {
    state.on_floor(
        &app,
        ViewHandover,
        &[Topic::Handover, Topic::Floor],
        |_, store, actor| {
            let log_id = store.sign_handover(&input, actor.at, actor)?;
            Ok((
                store.handover_log_by_id(log_id, actor.at, actor)?,
                Vec::new(),
            ))
        },
    )
}

/// 接班签收: the incoming 交接班长 receives a log the outgoing signed alone.
#[tauri::command]
#[specta::specta]
pub async fn receive_handover<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    log_id: i64,
    signer: Signer,
) -> CmdResult<HandoverLogView> {
    state.write(&app, ViewHandover, &[Topic::Handover], |s, actor| {
        s.receive_handover(log_id, &signer, actor.at, actor)?;
        s.handover_log_by_id(log_id, actor.at, actor)
    })
}

/// 补充说明 to a signed log; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn add_handover_addendum<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    log_id: i64,
    text: String,
) -> CmdResult<i64> {
    state.write(&app, RunHandover, &[Topic::Handover], |s, actor| {
        s.add_handover_addendum(log_id, &text, actor.at, actor)
    })
}

/// 确认 a 交接提醒 (on the board or the handover page), with an optional note.
#[tauri::command]
#[specta::specta]
pub async fn acknowledge_handover_reminder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    note: Option<String>,
) -> CmdResult<()> {
    state.on_floor(
        &app,
        RunHandover,
        &[Topic::Handover, Topic::Floor],
        |_, store, actor| {
            store.acknowledge_handover_reminder(id, note.as_deref(), actor)?;
            Ok(((), Vec::new()))
        },
    )
}

/// The logs of a date range to xlsx, one row per item per log (the CLI's `handover export`).
#[tauri::command]
#[specta::specta]
pub async fn export_handover(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    path: String,
) -> CmdResult<u32> {
    state.read(ViewHandover, |s| {
        s.export_handover_xlsx(from, to, std::path::Path::new(&path))
    })
}
