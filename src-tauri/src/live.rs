//! Runs the live floor in the backend: loads it when the site exists, ticks it once a second
//! against the app's clock, and pushes the board and new alerts to every window.

use std::time::Duration;

use floordesk_domain::floor::Alert;
use floordesk_store::Store;
use floordesk_store::live::{Board, LiveFloor};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::desktop::notify;
use crate::error::CmdResult;
use crate::state::AppState;

/// The whole board, pushed after every tick and every change (the UI computes no rule).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct FloorUpdated {
    pub board: Board,
}

/// Alerts raised since the last push: the UI sounds and shows them.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct AlertsRaised {
    pub alerts: Vec<Alert>,
}

/// Runs `f` on the live floor (loading it first if needed) and pushes the result to the UI.
pub fn with_floor<T>(
    app: &AppHandle,
    f: impl FnOnce(&mut LiveFloor, &mut Store) -> CmdResult<(T, Vec<Alert>)>,
) -> CmdResult<T> {
    let state = app.state::<AppState>();
    let now = state.clock.now();
    let mut store = state.store()?;
    let mut live = state.live.lock().unwrap_or_else(|p| p.into_inner());
    let mut raised = Vec::new();
    if live.is_none() {
        let (floor, alerts) = LiveFloor::load(&mut store, now)?;
        raised = alerts;
        *live = Some(floor);
    }
    let floor = live.as_mut().expect("loaded above");
    let (value, alerts) = f(floor, &mut store)?;
    raised.extend(alerts);
    let board = floor.board(&store, state.clock.now())?;
    drop(live);
    drop(store);
    push(app, board, raised);
    Ok(value)
}

fn push(app: &AppHandle, board: Board, raised: Vec<Alert>) {
    if let Err(e) = (FloorUpdated { board }).emit(app) {
        tracing::warn!(error = %e, "could not push the board");
    }
    if raised.is_empty() {
        return;
    }
    let body = raised
        .iter()
        .take(3)
        .map(|a| format!("{} {}", a.agent, a.rule.label_zh()))
        .collect::<Vec<_>>()
        .join("；");
    notify(app, &format!("现场告警 {} 条", raised.len()), &body);
    if let Err(e) = (AlertsRaised { alerts: raised }).emit(app) {
        tracing::warn!(error = %e, "could not push alerts");
    }
}

/// Ticks the floor once a second, so timer alerts appear with no new event. On a demo site
/// started with `FLOORDESK_DEMO_SIMULATOR=1` (the README's demo command), the floor also comes
/// alive with simulated state changes.
pub fn run(app: AppHandle) {
    let simulate = std::env::var("FLOORDESK_DEMO_SIMULATOR").is_ok_and(|v| v == "1");
    let seed = chrono::Utc::now().timestamp().unsigned_abs();
    let mut rng = floordesk_domain::floor::sim::XorShift::new(seed);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let state = app.state::<AppState>();
            let site = state.store().ok().and_then(|s| s.site().ok().flatten());
            let Some(site) = site else { continue };
            let result = with_floor(&app, |floor, store| {
                let now = state.clock.now();
                if simulate && site.is_demo {
                    Ok(((), floor.demo_step(store, &mut rng, now)?))
                } else {
                    Ok(((), floor.tick(store, now)?))
                }
            });
            if let Err(e) = result {
                tracing::warn!(code = e.code, error = e.message, "live floor tick failed");
            }
        }
    });
}
