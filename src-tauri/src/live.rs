//! Runs the live floor in the backend: loads it when the site exists, ticks it once a second
//! against the app's clock, and pushes the board and new alerts to every window.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use floordesk_domain::floor::Alert;
use floordesk_store::Store;
use floordesk_store::live::{Board, BoardDelta, LiveFloor};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::desktop::notify;
use crate::error::CmdResult;
use crate::state::AppState;

/// What changed on the board, pushed after every tick and every change, at most ten times a
/// second (the UI computes no rule). The UI starts from `floor_board` and applies each push in
/// `seq` order; a gap means it missed one and reads the board again.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct FloorUpdated {
    pub delta: BoardDelta,
}

/// Alerts raised since the last push: the UI sounds and shows them.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct AlertsRaised {
    pub alerts: Vec<Alert>,
}

/// Runs `f` on the live floor (loading it first if needed), then has the board pushed to the
/// UI and any new alerts announced.
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
    drop(live);
    drop(store);
    app.state::<Outbox>().mark();
    announce(app, raised);
    Ok(value)
}

/// Board pushes, batched: any number of changes within a tenth of a second become one push of
/// the board as it stands then, so a busy feed cannot flood the UI.
#[derive(Default)]
pub struct Outbox {
    dirty: Mutex<bool>,
    wake: Condvar,
    /// The last push's sequence number, moved only under the live floor's lock, so a board read
    /// under that lock knows which push it is current to.
    seq: AtomicU64,
}

const PUSH_EVERY: Duration = Duration::from_millis(100);

impl Outbox {
    fn mark(&self) {
        *self.dirty.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.wake.notify_one();
    }

    /// Blocks until something changed, and clears the mark.
    fn wait(&self) {
        let mut dirty = self.dirty.lock().unwrap_or_else(|p| p.into_inner());
        while !*dirty {
            dirty = self.wake.wait(dirty).unwrap_or_else(|p| p.into_inner());
        }
        *dirty = false;
    }
}

/// Sends what changed on the board, at most once per [`PUSH_EVERY`].
fn run_pusher(app: AppHandle) {
    std::thread::spawn(move || {
        let mut last: Option<Board> = None;
        loop {
            app.state::<Outbox>().wait();
            let started = Instant::now();
            match next_delta(&app, last.as_ref()) {
                Ok(Some((delta, board))) => {
                    last = Some(board);
                    if let Err(e) = (FloorUpdated { delta }).emit(&app) {
                        tracing::warn!(error = %e, "could not push the board");
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(
                        code = e.code.as_str(),
                        error = e.message,
                        "could not read the board"
                    )
                }
            }
            std::thread::sleep(PUSH_EVERY.saturating_sub(started.elapsed()));
        }
    });
}

/// The board now and the push from `last` to it, numbered under the floor's lock.
fn next_delta(app: &AppHandle, last: Option<&Board>) -> CmdResult<Option<(BoardDelta, Board)>> {
    let state = app.state::<AppState>();
    let store = state.store()?;
    let live = state.live.lock().unwrap_or_else(|p| p.into_inner());
    let Some(floor) = live.as_ref() else {
        return Ok(None);
    };
    let mut board = floor.board(&store, state.clock.now())?;
    let seq = app.state::<Outbox>().seq.fetch_add(1, Ordering::SeqCst) + 1;
    board.seq = seq;
    Ok(Some((board.delta_from(last, seq), board)))
}

/// The whole board for `floor_board`, with the number of the last push it already includes.
pub fn read_board(app: &AppHandle) -> CmdResult<Board> {
    with_floor(app, |floor, store| {
        let state = app.state::<AppState>();
        let mut board = floor.board(store, state.clock.now())?;
        board.seq = app.state::<Outbox>().seq.load(Ordering::SeqCst);
        Ok((board, Vec::new()))
    })
}

/// Catches the floor up at once, e.g. when another program (the CLI ingesting a feed) wrote
/// to the database, instead of waiting for the next tick.
pub fn refresh(app: &AppHandle) {
    let state = app.state::<AppState>();
    if state
        .live
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .is_none()
    {
        return;
    }
    let result = with_floor(app, |floor, store| {
        Ok(((), floor.tick(store, state.clock.now())?))
    });
    if let Err(e) = result {
        tracing::warn!(
            code = e.code.as_str(),
            error = e.message,
            "live floor refresh failed"
        );
    }
}

fn announce(app: &AppHandle, raised: Vec<Alert>) {
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
/// started with `--demo-simulator` or `FLOORDESK_DEMO_SIMULATOR=1` (the README's demo command),
/// the floor also comes alive with simulated state changes.
pub fn run(app: AppHandle, simulate: bool) {
    run_pusher(app.clone());
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
                tracing::warn!(
                    code = e.code.as_str(),
                    error = e.message,
                    "live floor tick failed"
                );
            }
        }
    });
}
