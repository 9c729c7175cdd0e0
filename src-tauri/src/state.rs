//! What the running app holds: the open store with its live floor (or why the file could not be
//! opened), a read-only connection for reads, who is logged in, and the clock. The command form
//! over it (`read`, `write`, `on_floor`) is in `commands/form.rs`.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use floordesk_domain::ErrorCode;
use floordesk_domain::access::{Permission, Role};
use floordesk_domain::floor::Alert;
use floordesk_store::live::LiveFloor;
use floordesk_store::users::User;
use floordesk_store::{Actor, Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, CmdResult};

/// The logged-in user as the UI sees them.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct Operator {
    pub user_id: i64,
    pub display_name: String,
    pub role: Role,
    /// 工号: every user has one (an agent's, or their own).
    pub employee_no: String,
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

/// The writable store and the live floor, behind one lock: nothing can take them in the wrong
/// order, and the floor always sees the store it was judged against.
pub struct Core {
    pub store: Store,
    /// Loaded on first use once the site exists (see [`Core::floor`]).
    live: Option<LiveFloor>,
}

impl Core {
    /// The live floor, loaded from the store at `now` on first use; the alerts that loading
    /// raised come back for announcing.
    pub fn floor(
        &mut self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(&mut LiveFloor, &mut Store, Vec<Alert>), StoreError> {
        let mut raised = Vec::new();
        if self.live.is_none() {
            let (floor, alerts) = LiveFloor::load(&mut self.store, now)?;
            raised = alerts;
            self.live = Some(floor);
        }
        let floor = self.live.as_mut().expect("loaded above");
        Ok((floor, &mut self.store, raised))
    }

    /// The live floor if it is loaded (the board pusher builds nothing before the first tick).
    pub fn loaded_floor(&self) -> Option<&LiveFloor> {
        self.live.as_ref()
    }
}

pub struct AppState {
    pub db_path: PathBuf,
    pub clock: crate::clock::Clock,
    core: Result<Mutex<Core>, AppError>,
    /// A second, read-only connection (WAL lets it read while the core writes): page reads and
    /// board builds go through it, so they never wait on a write, nor a write on them.
    reader: Result<Mutex<Store>, AppError>,
    session: Mutex<Option<Operator>>,
}

/// A lock whose holder panicked is still the only copy of the data: carry on with it (a
/// rusqlite transaction a panic interrupted has already rolled back).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    pub fn open(db_path: PathBuf, clock: crate::clock::Clock) -> AppState {
        let opened = Store::open(&db_path).and_then(|store| {
            let reader = Store::open_reader(&db_path)?;
            Ok((store, reader))
        });
        let (core, reader) = match opened {
            Ok((store, reader)) => (
                Ok(Mutex::new(Core { store, live: None })),
                Ok(Mutex::new(reader)),
            ),
            Err(e) => {
                tracing::error!(path = %db_path.display(), error = %e, "cannot open the database");
                let e = AppError::from(e);
                (Err(e.clone()), Err(e))
            }
        };
        AppState {
            db_path,
            clock,
            core,
            reader,
            session: Mutex::new(None),
        }
    }

    /// The store and the live floor, or the reason the file could not be opened (e.g. a file
    /// from a newer FloorDesk).
    pub fn core(&self) -> CmdResult<MutexGuard<'_, Core>> {
        Ok(lock(self.core.as_ref().map_err(Clone::clone)?))
    }

    /// The read-only connection.
    pub fn reader(&self) -> CmdResult<MutexGuard<'_, Store>> {
        Ok(lock(self.reader.as_ref().map_err(Clone::clone)?))
    }

    pub fn operator(&self) -> Option<Operator> {
        lock(&self.session).clone()
    }

    pub fn set_operator(&self, operator: Option<Operator>) {
        *lock(&self.session) = operator;
    }

    /// The audit actor for the logged-in operator, now, if they hold `permission`.
    pub fn require(&self, permission: Permission) -> CmdResult<Actor> {
        let operator = self
            .operator()
            .ok_or_else(|| AppError::new(ErrorCode::AuthNotLoggedIn, "log in first"))?;
        if !operator.role.can(permission) {
            return Err(AppError::new(
                ErrorCode::AuthForbidden,
                format!("a {} may not do this", operator.role.as_str()),
            ));
        }
        Ok(Actor::user(operator.user_id, self.clock.now()))
    }
}
