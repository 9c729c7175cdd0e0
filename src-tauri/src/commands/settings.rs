use std::path::PathBuf;

use chrono::NaiveDate;
use floordesk_domain::access::Permission;
use floordesk_store::holidays::Holiday;
use floordesk_store::policy::PolicySetting;
use floordesk_store::site::{Site, SiteInput};
use tauri::{AppHandle, State};

use crate::error::CmdResult;
use crate::events::{Topic, changed};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn get_site(state: State<'_, AppState>) -> CmdResult<Site> {
    Ok(state.store()?.require_site()?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_site(
    app: AppHandle,
    state: State<'_, AppState>,
    input: SiteInput,
) -> CmdResult<Site> {
    let (_, actor) = state.require(Permission::ManageSettings)?;
    let site = state.store()?.update_site(&input, actor)?;
    changed(&app, &[Topic::Site]);
    Ok(site)
}

/// Every policy setting with the value in force now.
#[tauri::command]
#[specta::specta]
pub async fn list_policy(state: State<'_, AppState>) -> CmdResult<Vec<PolicySetting>> {
    state.require(Permission::ViewPeople)?;
    Ok(state.store()?.list_policy(state.clock.now())?)
}

/// In force from now on; what was judged before keeps the value it was judged by.
#[tauri::command]
#[specta::specta]
pub async fn set_policy(
    app: AppHandle,
    state: State<'_, AppState>,
    key: String,
    value: i64,
) -> CmdResult<PolicySetting> {
    let (_, actor) = state.require(Permission::ManageSettings)?;
    let setting = state.store()?.set_policy(&key, value, actor)?;
    changed(&app, &[Topic::Settings]);
    Ok(setting)
}

#[tauri::command]
#[specta::specta]
pub async fn list_holidays(state: State<'_, AppState>) -> CmdResult<Vec<Holiday>> {
    state.require(Permission::ViewPeople)?;
    Ok(state.store()?.list_holidays()?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_holiday(
    app: AppHandle,
    state: State<'_, AppState>,
    holiday: Holiday,
) -> CmdResult<Holiday> {
    let (_, actor) = state.require(Permission::ManageSettings)?;
    state
        .store()?
        .save_holidays(std::slice::from_ref(&holiday), actor)?;
    changed(&app, &[Topic::Holidays]);
    Ok(holiday)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_holiday(
    app: AppHandle,
    state: State<'_, AppState>,
    date: NaiveDate,
) -> CmdResult<()> {
    let (_, actor) = state.require(Permission::ManageSettings)?;
    state.store()?.delete_holiday(date, actor)?;
    changed(&app, &[Topic::Holidays]);
    Ok(())
}

/// CSV or xlsx with columns date, kind (holiday|workday), name; all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_holidays(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<u32> {
    let (_, actor) = state.require(Permission::ManageSettings)?;
    let n = state
        .store()?
        .import_holidays(&PathBuf::from(path), actor)?;
    changed(&app, &[Topic::Holidays]);
    Ok(n)
}
