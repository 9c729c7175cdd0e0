//! 会议与培训 and 报表: scheduling and taking attendance (team leads and up), the register of
//! reports owed (supervisors), marking one's own report submitted or announcing its delay.
//! Late and absent attendees and late reports become proposals in the incidents' queue.

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::access::Permission::{
    ManageReports, SubmitReports, TakeAttendance, ViewIncidents,
};
use floordesk_store::meetings::{AttendanceInput, MeetingInput, MeetingRow};
use floordesk_store::reports_due::{ReportDue, ReportDuty, ReportDutyInput};
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

const TOPICS: &[Topic] = &[Topic::Complaints, Topic::Incidents];

/// Meetings and training starting on `from..=to`, as far as the operator sees.
#[tauri::command]
#[specta::specta]
pub async fn meetings(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Vec<MeetingRow>> {
    let actor = state.require(ViewIncidents)?;
    state.read(ViewIncidents, |s| s.meetings_seen_by(from, to, actor))
}

#[tauri::command]
#[specta::specta]
pub async fn schedule_meeting<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: MeetingInput,
) -> CmdResult<MeetingRow> {
    state.write(&app, TakeAttendance, TOPICS, |s, actor| {
        let id = s.schedule_meeting(&input, actor)?;
        s.meeting(id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_meeting<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<()> {
    state.write(&app, TakeAttendance, TOPICS, |s, actor| {
        s.cancel_meeting(id, actor)
    })
}

/// Takes the attendance (final); returns the meeting with the proposals' ids on its attendees.
#[tauri::command]
#[specta::specta]
pub async fn take_attendance<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    taken: Vec<AttendanceInput>,
) -> CmdResult<MeetingRow> {
    state.write(&app, TakeAttendance, TOPICS, |s, actor| {
        s.take_attendance(id, &taken, actor)?;
        s.meeting(id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn report_duties(state: State<'_, AppState>) -> CmdResult<Vec<ReportDuty>> {
    state.read(ManageReports, |s| s.report_duties())
}

#[tauri::command]
#[specta::specta]
pub async fn add_report_duty<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ReportDutyInput,
) -> CmdResult<i64> {
    state.write(&app, ManageReports, TOPICS, |s, actor| {
        s.add_report_duty(&input, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn end_report_duty<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    ends_on: NaiveDate,
) -> CmdResult<()> {
    state.write(&app, ManageReports, TOPICS, |s, actor| {
        s.end_report_duty(id, ends_on, actor)
    })
}

/// Reports owed for periods starting on `from..=to`, judged now, as far as the operator sees.
#[tauri::command]
#[specta::specta]
pub async fn reports_due(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Vec<ReportDue>> {
    let actor = state.require(SubmitReports)?;
    state.read(SubmitReports, |s| {
        s.reports_due_seen_by(from, to, actor.at, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn announce_report_delay<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    duty_id: i64,
    period_start: NaiveDate,
    reason: String,
) -> CmdResult<()> {
    state.write(&app, SubmitReports, TOPICS, |s, actor| {
        s.announce_report_delay(duty_id, period_start, &reason, actor)
    })
}

/// Marks a report submitted; returns the `report_late` proposal when it was late unannounced.
#[tauri::command]
#[specta::specta]
pub async fn submit_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    duty_id: i64,
    period_start: NaiveDate,
    sent_at: Option<DateTime<Utc>>,
) -> CmdResult<Option<i64>> {
    state.write(&app, SubmitReports, TOPICS, |s, actor| {
        s.submit_report(duty_id, period_start, sent_at, actor)
    })
}
