use floordesk_domain::access::Permission::ManageUsers;
use floordesk_store::users::{User, UserInput};
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic::Users;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> CmdResult<Vec<User>> {
    state.read(ManageUsers, |s| s.list_users())
}

#[tauri::command]
#[specta::specta]
pub async fn save_user<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: UserInput,
) -> CmdResult<User> {
    state.write(&app, ManageUsers, &[Users], |s, actor| {
        s.save_user(&input, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn set_user_active<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CmdResult<()> {
    state.write(&app, ManageUsers, &[Users], |s, actor| {
        s.set_user_active(id, active, actor)
    })
}
