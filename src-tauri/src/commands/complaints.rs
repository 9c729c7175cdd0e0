//! 投诉: registering (anyone on the floor), the workflow's steps (the store checks who may take
//! which), the cause list, the reassignment flags, the analysis and the contacts it divides by.
//! Who sees which complaints (a lead their team's, an agent their own) is narrowed in the store.

use floordesk_domain::access::Permission::{HandleComplaints, RegisterComplaints};
use floordesk_store::complaints::{
    CauseInput, ComplaintAction, ComplaintAnalysis, ComplaintCause, ComplaintFlag, ComplaintInput,
    ComplaintQuery, ComplaintRow, ContactsInput,
};
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

const TOPICS: &[Topic] = &[Topic::Complaints, Topic::Incidents];

/// Complaints newest first, judged now, as far as the operator sees.
#[tauri::command]
#[specta::specta]
pub async fn complaints(
    state: State<'_, AppState>,
    query: ComplaintQuery,
) -> CmdResult<Vec<ComplaintRow>> {
    let actor = state.require(RegisterComplaints)?;
    state.read(RegisterComplaints, |s| {
        s.complaints_seen_by(&query, actor, actor.at)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn complaint(state: State<'_, AppState>, id: i64) -> CmdResult<ComplaintRow> {
    let actor = state.require(RegisterComplaints)?;
    state.read(RegisterComplaints, |s| {
        s.complaint_seen_by(id, actor, actor.at)
    })
}

/// Registers a complaint; returns it.
#[tauri::command]
#[specta::specta]
pub async fn register_complaint<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ComplaintInput,
) -> CmdResult<ComplaintRow> {
    state.write(&app, RegisterComplaints, TOPICS, |s, actor| {
        let id = s.register_complaint(&input, actor)?;
        s.complaint(id, actor.at)
    })
}

/// Takes a step of the workflow; returns the complaint as it now stands.
#[tauri::command]
#[specta::specta]
pub async fn advance_complaint<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    action: ComplaintAction,
) -> CmdResult<ComplaintRow> {
    state.write(&app, RegisterComplaints, TOPICS, |s, actor| {
        s.advance_complaint(id, &action, actor)?;
        s.complaint(id, actor.at)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn complaint_causes(state: State<'_, AppState>) -> CmdResult<Vec<ComplaintCause>> {
    state.read(RegisterComplaints, |s| s.complaint_causes())
}

#[tauri::command]
#[specta::specta]
pub async fn save_complaint_cause<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: CauseInput,
) -> CmdResult<()> {
    state.write(&app, HandleComplaints, TOPICS, |s, actor| {
        s.save_complaint_cause(&input, actor)
    })
}

/// Agents flagged for reassignment now, by 工号.
#[tauri::command]
#[specta::specta]
pub async fn complaint_flags(state: State<'_, AppState>) -> CmdResult<Vec<ComplaintFlag>> {
    let actor = state.require(HandleComplaints)?;
    state.read(HandleComplaints, |s| s.complaint_flags(actor.at))
}

/// Complaints of `from_month..=to_month` by cause, agent, team and month.
#[tauri::command]
#[specta::specta]
pub async fn complaint_analysis(
    state: State<'_, AppState>,
    from_month: String,
    to_month: String,
) -> CmdResult<ComplaintAnalysis> {
    state.read(HandleComplaints, |s| {
        s.complaint_analysis(&from_month, &to_month)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn complaint_contacts(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<ContactsInput>> {
    state.read(HandleComplaints, |s| s.complaint_contacts(&month))
}

#[tauri::command]
#[specta::specta]
pub async fn set_complaint_contacts<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ContactsInput,
) -> CmdResult<()> {
    state.write(&app, HandleComplaints, TOPICS, |s, actor| {
        s.set_complaint_contacts(&input, actor)
    })
}
