use floordesk_domain::pin::check_pin_format;
use floordesk_store::Actor;
use floordesk_store::site::{Site, SiteInput};
use floordesk_store::users::LoginUser;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};

use crate::error::{AppError, CmdResult};
use crate::events::{Topic, changed};
use crate::state::{AppState, Operator};
use floordesk_domain::ErrorCode;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct AppStatus {
    /// False until the first-run wizard has created the site and its first supervisor.
    pub initialized: bool,
    pub site: Option<Site>,
    pub operator: Option<Operator>,
    pub db_path: String,
    pub version: String,
    /// The app runs on a simulated clock (tests and demos): the UI says so.
    pub simulated_clock: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct SetupInput {
    pub site_name: String,
    pub time_zone: String,
    pub supervisor_name: String,
    /// The supervisor's 工号 (their agent's when they are on the floor, else their own).
    pub supervisor_employee_no: String,
    pub supervisor_pin: String,
    /// The channel most teams work (电话 or 在线); each team can differ.
    pub channel: floordesk_domain::people::ContactChannel,
    pub load_demo: bool,
}

/// What the app knows before anyone logs in. Fails (e.g. `db.newer_schema`) when the database
/// could not be opened, so the UI can say why.
#[tauri::command]
#[specta::specta]
pub async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let store = state.reader()?;
    let site = store.site()?;
    Ok(AppStatus {
        initialized: site.is_some() && store.user_count()? > 0,
        site,
        operator: state.operator(),
        db_path: state.db_path.display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        simulated_clock: state.clock.is_simulated(),
    })
}

/// The first-run wizard: creates the site and its first supervisor, logs them in, and
/// optionally fills the floor with the demo data.
#[tauri::command]
#[specta::specta]
pub async fn setup_site<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SetupInput,
) -> CmdResult<Operator> {
    check_pin_format(&input.supervisor_pin)?;
    let mut core = state.core()?;
    let store = &mut core.store;
    if store.user_count()? > 0 {
        return Err(AppError::new(
            ErrorCode::SetupAlreadyDone,
            "the site is already set up; log in instead",
        ));
    }
    let actor = Actor::system(state.clock.now());
    let site = SiteInput {
        name: input.site_name,
        time_zone: input.time_zone,
        channel: Some(input.channel),
    };
    store.init_site(&site, input.load_demo, actor)?;
    let user = store.create_first_supervisor(
        &input.supervisor_name,
        &input.supervisor_employee_no,
        &input.supervisor_pin,
        actor,
    )?;
    if input.load_demo {
        store.load_demo(actor.at, Actor::user(user.id, actor.at))?;
    }
    let operator = Operator::from(user);
    state.set_operator(Some(operator.clone()));
    changed(
        &app,
        &[
            Topic::Site,
            Topic::Users,
            Topic::Agents,
            Topic::Teams,
            Topic::Seats,
            Topic::Holidays,
        ],
    );
    Ok(operator)
}

#[tauri::command]
#[specta::specta]
pub async fn list_login_users(state: State<'_, AppState>) -> CmdResult<Vec<LoginUser>> {
    Ok(state.reader()?.list_login_users()?)
}

/// Errors: `auth.wrong_pin` (params.remaining), `auth.locked` (params.seconds).
#[tauri::command]
#[specta::specta]
pub async fn login(state: State<'_, AppState>, user_id: i64, pin: String) -> CmdResult<Operator> {
    let user = state
        .core()?
        .store
        .authenticate(user_id, &pin, state.clock.now())?;
    let operator = Operator::from(user);
    state.set_operator(Some(operator.clone()));
    Ok(operator)
}

#[tauri::command]
#[specta::specta]
pub async fn logout(state: State<'_, AppState>) -> CmdResult<()> {
    state.set_operator(None);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn change_own_pin(
    state: State<'_, AppState>,
    old_pin: String,
    new_pin: String,
) -> CmdResult<()> {
    let operator = state
        .operator()
        .ok_or_else(|| AppError::new(ErrorCode::AuthNotLoggedIn, "log in first"))?;
    state
        .core()?
        .store
        .change_pin(operator.user_id, &old_pin, &new_pin, state.clock.now())?;
    Ok(())
}
