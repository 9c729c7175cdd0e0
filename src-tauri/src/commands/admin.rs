use floordesk_domain::access::Permission;
use floordesk_store::users::{User, UserInput};
use tauri::{AppHandle, State};

use crate::error::{AppError, CmdResult};
use crate::events::{Topic, changed};
use crate::state::AppState;
use floordesk_domain::ErrorCode;

#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> CmdResult<Vec<User>> {
    state.require(Permission::ManageUsers)?;
    Ok(state.store()?.list_users()?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_user(
    app: AppHandle,
    state: State<'_, AppState>,
    input: UserInput,
) -> CmdResult<User> {
    let (_, actor) = state.require(Permission::ManageUsers)?;
    let user = state.store()?.save_user(&input, actor)?;
    changed(&app, &[Topic::Users]);
    Ok(user)
}

#[tauri::command]
#[specta::specta]
pub async fn set_user_active(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    let (operator, actor) = state.require(Permission::ManageUsers)?;
    if operator.user_id == id && !active {
        return Err(AppError::new(
            ErrorCode::UserCannotDeactivateSelf,
            "you cannot deactivate yourself",
        ));
    }
    state.store()?.set_user_active(id, active, actor)?;
    changed(&app, &[Topic::Users]);
    Ok(())
}
