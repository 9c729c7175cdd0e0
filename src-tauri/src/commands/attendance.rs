//! 考勤: the month's daily table to xlsx (`日期,工号,姓名,班次,状态,迟到分钟,早退分钟`, the CLI's
//! `attendance`). The table is read on the page through `planning::attendance_month`, as the
//! roster is seen.

use floordesk_domain::access::Permission::EditRoster;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The month's attendance to xlsx, every agent's row judged so far; returns the rows written.
/// The file holds the whole floor, so it takes what writing the roster takes (team leads and
/// up, who see every team's attendance), not merely seeing it (an agent sees their own team's).
#[tauri::command]
#[specta::specta]
pub async fn export_attendance(
    state: State<'_, AppState>,
    month: String,
    path: String,
) -> CmdResult<u32> {
    let actor = state.require(EditRoster)?;
    state.read(EditRoster, |s| {
        s.export_attendance_xlsx(&month, actor.at, std::path::Path::new(&path))
    })
}
