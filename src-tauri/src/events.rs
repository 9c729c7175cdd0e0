//! Change events: after every committed write, and when another process (the CLI, a second
//! window's process) commits to the same file, every window hears which topics changed.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct DataChanged {
    /// What changed: "agents", "teams", "seats", "users", "settings", "holidays", or
    /// "external" when another program wrote to the database.
    pub topics: Vec<String>,
}

pub fn changed(app: &AppHandle, topics: &[&str]) {
    let event = DataChanged {
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
    };
    if let Err(e) = event.emit(app) {
        tracing::warn!(error = %e, "could not emit a change event");
    }
}

/// Watches `PRAGMA data_version`, which moves only when another connection commits.
pub fn watch_external_writes(app: AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let mut last = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let Ok(version) = state
                .store()
                .and_then(|s| s.data_version().map_err(Into::into))
            else {
                continue;
            };
            if last.is_some_and(|v| v != version) {
                crate::live::refresh(&app);
                changed(&app, &["external"]);
            }
            last = Some(version);
        }
    });
}
