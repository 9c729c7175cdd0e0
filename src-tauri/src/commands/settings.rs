use std::path::PathBuf;

use chrono::NaiveDate;
use floordesk_domain::access::Permission::{ManageSettings, ViewPeople};
use floordesk_store::holidays::Holiday;
use floordesk_store::policy::PolicySetting;
use floordesk_store::site::{Site, SiteInput};
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

/// The site as set up; before anyone logs in too (the login screen shows its name).
#[tauri::command]
#[specta::specta]
pub async fn get_site(state: State<'_, AppState>) -> CmdResult<Site> {
    Ok(state.reader()?.require_site()?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_site<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SiteInput,
) -> CmdResult<Site> {
    state.write(&app, ManageSettings, &[Topic::Site], |s, actor| {
        s.update_site(&input, actor)
    })
}

/// Every policy setting with the value in force now.
#[tauri::command]
#[specta::specta]
pub async fn list_policy(state: State<'_, AppState>) -> CmdResult<Vec<PolicySetting>> {
    let now = state.clock.now();
    state.read(ViewPeople, |s| s.list_policy(now))
}

/// In force from now on; what was judged before keeps the value it was judged by.
#[tauri::command]
#[specta::specta]
pub async fn set_policy<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: String,
    value: i64,
) -> CmdResult<PolicySetting> {
    state.write(&app, ManageSettings, &[Topic::Settings], |s, actor| {
        s.set_policy(&key, value, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn list_holidays(state: State<'_, AppState>) -> CmdResult<Vec<Holiday>> {
    state.read(ViewPeople, |s| s.list_holidays())
}

#[tauri::command]
#[specta::specta]
pub async fn save_holiday<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    holiday: Holiday,
) -> CmdResult<Holiday> {
    state.write(&app, ManageSettings, &[Topic::Holidays], |s, actor| {
        s.save_holidays(std::slice::from_ref(&holiday), actor)?;
        Ok(holiday)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn delete_holiday<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    date: NaiveDate,
) -> CmdResult<()> {
    state.write(&app, ManageSettings, &[Topic::Holidays], |s, actor| {
        s.delete_holiday(date, actor)
    })
}

/// CSV or xlsx with columns date, kind (holiday|workday), name; all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_holidays<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<u32> {
    state.write(&app, ManageSettings, &[Topic::Holidays], |s, actor| {
        s.import_holidays(&PathBuf::from(path), actor)
    })
}
