//! The one form of a command: its permission, its topics and one call. Every command goes
//! through [`AppState::read`], [`AppState::write`] or [`AppState::on_floor`], so the permission
//! check, the audit actor and the change event happen in one place, whatever the UI shows.
//! (Here rather than in `state.rs`, so the state depends on neither the events nor the live
//! floor that depend on it.)

use floordesk_domain::access::Permission;
use floordesk_domain::floor::Alert;
use floordesk_store::live::LiveFloor;
use floordesk_store::{Actor, Store, StoreError};
use tauri::{AppHandle, Runtime};

use crate::error::CmdResult;
use crate::events::{Topic, changed, changed_from};
use crate::state::AppState;

impl AppState {
    /// A read for an operator holding `permission`, on the read-only connection.
    pub fn read<T>(
        &self,
        permission: Permission,
        f: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> CmdResult<T> {
        self.require(permission)?;
        Ok(f(&*self.reader()?)?)
    }

    /// A write by an operator holding `permission`; on success every window hears `topics`.
    pub fn write<R: Runtime, T>(
        &self,
        app: &AppHandle<R>,
        permission: Permission,
        topics: &[Topic],
        f: impl FnOnce(&mut Store, Actor) -> Result<T, StoreError>,
    ) -> CmdResult<T> {
        let actor = self.require(permission)?;
        let value = f(&mut self.core()?.store, actor)?;
        changed(app, topics);
        Ok(value)
    }

    /// [`AppState::write`] whose page applies the change itself: the change event names its
    /// `origin` (see [`crate::events::DataChanged::origin`]).
    pub fn write_from<R: Runtime, T>(
        &self,
        app: &AppHandle<R>,
        permission: Permission,
        topics: &[Topic],
        origin: Option<&str>,
        f: impl FnOnce(&mut Store, Actor) -> Result<T, StoreError>,
    ) -> CmdResult<T> {
        let actor = self.require(permission)?;
        let value = f(&mut self.core()?.store, actor)?;
        changed_from(app, topics, origin);
        Ok(value)
    }

    /// A change on the live floor by an operator holding `permission`: the board is pushed,
    /// new alerts announced, and every window hears `topics`.
    pub fn on_floor<R: Runtime, T>(
        &self,
        app: &AppHandle<R>,
        permission: Permission,
        topics: &[Topic],
        f: impl FnOnce(&mut LiveFloor, &mut Store, Actor) -> Result<(T, Vec<Alert>), StoreError>,
    ) -> CmdResult<T> {
        let actor = self.require(permission)?;
        let value = crate::live::with_floor(app, |floor, store| f(floor, store, actor))?;
        changed(app, topics);
        Ok(value)
    }

    /// [`AppState::on_floor`] for a write that may leave the floor as it was (the closure says
    /// whether it changed it: only then is the board pushed and `Topic::Floor` heard), and whose
    /// page applies the change itself: the change event names its `origin` (see
    /// [`crate::events::DataChanged::origin`]).
    pub fn maybe_on_floor<R: Runtime, T>(
        &self,
        app: &AppHandle<R>,
        permission: Permission,
        topics: &[Topic],
        origin: Option<&str>,
        f: impl FnOnce(&mut LiveFloor, &mut Store, Actor) -> Result<(T, Vec<Alert>, bool), StoreError>,
    ) -> CmdResult<T> {
        let actor = self.require(permission)?;
        let mut floor_changed = false;
        let value = crate::live::with_floor_if_changed(app, |floor, store| {
            let (value, alerts, changed) = f(floor, store, actor)?;
            floor_changed = changed;
            Ok((value, alerts, changed))
        })?;
        let heard: Vec<Topic> = topics
            .iter()
            .copied()
            .filter(|t| floor_changed || *t != Topic::Floor)
            .collect();
        changed_from(app, &heard, origin);
        Ok(value)
    }
}
