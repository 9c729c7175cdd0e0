//! Planning the roster against the floor: each team's requirement per half hour (typed, or from
//! Erlang C with its inputs), filling a month by generation (cancellable), pinned cells, wished
//! rest days, and the month's attendance (考勤) as the roster is seen.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use floordesk_domain::access::Permission::{EditRoster, ViewRoster};
use floordesk_domain::roster::month_days;
use floordesk_domain::{ErrorCode, Problem};
use floordesk_store::attendance::AttendanceMonth;
use floordesk_store::requirement::{ErlangInputs, RequirementDay, erlang_agents};
use floordesk_store::roster::parse_month;
use floordesk_store::roster_coverage::TeamCoverage;
use floordesk_store::roster_generate::{GenerationReport, RosterWish};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_specta::Event;

use crate::error::CmdResult;
use crate::events::{GenerationProgress, Topic};
use crate::state::AppState;

/// Set by `cancel_generation`; the running generation stops at its next progress report.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// One cell by agent and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CellRef {
    pub employee_no: String,
    pub date: NaiveDate,
}

/// A generation's outcome: its report, or cancelled (nothing written).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct GenerationOutcome {
    pub report: Option<GenerationReport>,
    pub cancelled: bool,
}

fn month_range(month: &str) -> Result<(NaiveDate, NaiveDate), floordesk_store::StoreError> {
    parse_month(month)
        .and_then(|(y, m)| month_days(y, m))
        .ok_or_else(|| {
            Problem::new(
                ErrorCode::UsageBadMonth,
                format!("'{month}' is not a month"),
            )
            .with("value", month)
            .into()
        })
}

/// The month's attendance (考勤), as far as the operator sees the roster.
#[tauri::command]
#[specta::specta]
pub async fn attendance_month(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<AttendanceMonth> {
    let actor = state.require(ViewRoster)?;
    state.read(ViewRoster, |s| {
        s.attendance_seen_by(&month, actor.at, actor)
    })
}

/// A team's requirement by kind of day (`"1"`–`"7"`, `"holiday"`), only the kinds it has.
#[tauri::command]
#[specta::specta]
pub async fn team_requirement(
    state: State<'_, AppState>,
    team_id: i64,
) -> CmdResult<Vec<RequirementDay>> {
    state.read(ViewRoster, |s| {
        Ok(s.requirement(team_id)?.into_values().collect())
    })
}

/// The team's rostered heads against its requirement, per half hour of each day of the month.
#[tauri::command]
#[specta::specta]
pub async fn roster_coverage(
    state: State<'_, AppState>,
    team_id: i64,
    month: String,
) -> CmdResult<TeamCoverage> {
    state.read(ViewRoster, |s| s.roster_coverage(team_id, &month))
}

/// Replaces a team's requirement for one kind of day.
#[tauri::command]
#[specta::specta]
pub async fn put_requirement_day<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    day: RequirementDay,
) -> CmdResult<()> {
    state.write(&app, EditRoster, &[Topic::Roster], |s, actor| {
        s.put_requirement_day(&day, actor)
    })
}

/// Agents to roster in each half hour by Erlang C, from the contacts expected in each.
#[tauri::command]
#[specta::specta]
pub async fn erlang_requirement(
    state: State<'_, AppState>,
    contacts: Vec<u32>,
    inputs: ErlangInputs,
) -> CmdResult<Vec<u16>> {
    state.require(ViewRoster)?;
    Ok(erlang_agents(&contacts, &inputs))
}

/// Fills the team's month as draft cells (see `Store::generate_roster`).
#[tauri::command]
#[specta::specta]
pub async fn generate_roster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    team_id: i64,
    month: String,
    seed: u32,
) -> CmdResult<GenerationOutcome> {
    CANCEL.store(false, Ordering::SeqCst);
    let reporter = app.clone();
    let mut last = None;
    let mut progress = move |percent: u8| {
        if last != Some(percent) {
            last = Some(percent);
            if let Err(e) = (GenerationProgress { percent }).emit(&reporter) {
                tracing::warn!(error = %e, "could not report generation progress");
            }
        }
        !CANCEL.load(Ordering::SeqCst)
    };
    state.write(&app, EditRoster, &[Topic::Roster], |s, actor| {
        let outcome = s.generate_roster(team_id, &month, u64::from(seed), actor, &mut progress)?;
        Ok(match outcome {
            Ok(report) => GenerationOutcome {
                report: Some(report),
                cancelled: false,
            },
            Err(_) => GenerationOutcome {
                report: None,
                cancelled: true,
            },
        })
    })
}

/// Asks the running generation to stop; it writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn cancel_generation(state: State<'_, AppState>) -> CmdResult<()> {
    state.require(EditRoster)?;
    CANCEL.store(true, Ordering::SeqCst);
    Ok(())
}

/// Pins (or unpins) cells so generation keeps them.
#[tauri::command]
#[specta::specta]
pub async fn pin_roster_cells<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cells: Vec<CellRef>,
    pinned: bool,
) -> CmdResult<()> {
    state.write(&app, EditRoster, &[Topic::Roster], |s, actor| {
        let cells: Vec<_> = cells.into_iter().map(|c| (c.employee_no, c.date)).collect();
        s.pin_roster_cells(&cells, pinned, actor)
    })
}

/// The month's pinned cells.
#[tauri::command]
#[specta::specta]
pub async fn roster_pins(state: State<'_, AppState>, month: String) -> CmdResult<Vec<CellRef>> {
    state.read(ViewRoster, |s| {
        let (first, last) = month_range(&month)?;
        Ok(s.roster_pins(first, last)?
            .into_iter()
            .map(|(employee_no, date)| CellRef { employee_no, date })
            .collect())
    })
}

/// Records (or withdraws) a rest day an agent asked for.
#[tauri::command]
#[specta::specta]
pub async fn put_roster_wish<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    wish: RosterWish,
    wished: bool,
) -> CmdResult<()> {
    state.write(&app, EditRoster, &[Topic::Roster], |s, actor| {
        s.put_roster_wish(&wish, wished, actor)
    })
}

/// The month's wished rest days.
#[tauri::command]
#[specta::specta]
pub async fn roster_wishes(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<RosterWish>> {
    state.read(ViewRoster, |s| {
        let (first, last) = month_range(&month)?;
        s.roster_wishes(first, last)
    })
}
