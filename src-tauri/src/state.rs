//! What the running app holds: the open store (or why it could not be opened), and who is
//! logged in. Every command goes through [`AppState::store`] or [`AppState::operator`], so
//! the role check happens in the backend, whatever the UI shows.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use floordesk_domain::access::{Permission, Role};
use floordesk_store::users::User;
use floordesk_store::{Actor, Store};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, CmdResult};
use floordesk_domain::ErrorCode;

/// The logged-in user as the UI sees them.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct Operator {
    pub user_id: i64,
    pub display_name: String,
    pub role: Role,
    pub employee_no: Option<String>,
    pub permissions: Vec<Permission>,
}

impl From<User> for Operator {
    fn from(u: User) -> Self {
        Operator {
            user_id: u.id,
            display_name: u.display_name,
            role: u.role,
            employee_no: u.employee_no,
            permissions: u.role.permissions().to_vec(),
        }
    }
}

pub struct AppState {
    pub db_path: PathBuf,
    pub clock: crate::clock::Clock,
    /// Loaded on first use once the site exists; see `live::with_floor`.
    pub live: Mutex<Option<floordesk_store::live::LiveFloor>>,
    store: Result<Mutex<Store>, AppError>,
    session: Mutex<Option<Operator>>,
}

impl AppState {
    pub fn open(db_path: PathBuf, clock: crate::clock::Clock) -> AppState {
        let store = Store::open(&db_path).map(Mutex::new).map_err(|e| {
            tracing::error!(path = %db_path.display(), error = %e, "cannot open the database");
            AppError::from(e)
        });
        AppState {
            db_path,
            clock,
            live: Mutex::new(None),
            store,
            session: Mutex::new(None),
        }
    }

    /// The store, or the reason it could not be opened (e.g. a file from a newer FloorDesk).
    pub fn store(&self) -> CmdResult<MutexGuard<'_, Store>> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        Ok(store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    pub fn operator(&self) -> Option<Operator> {
        self.session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_operator(&self, operator: Option<Operator>) {
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = operator;
    }

    /// The operator, if they hold `permission`; the audit actor for their changes.
    pub fn require(&self, permission: Permission) -> CmdResult<(Operator, Actor)> {
        let operator = self
            .operator()
            .ok_or_else(|| AppError::new(ErrorCode::AuthNotLoggedIn, "log in first"))?;
        if !operator.role.can(permission) {
            return Err(AppError::new(
                ErrorCode::AuthForbidden,
                format!("a {} may not do this", operator.role.as_str()),
            ));
        }
        let actor = Actor::user(operator.user_id, self.clock.now());
        Ok((operator, actor))
    }
}
