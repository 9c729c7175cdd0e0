//! Runs the live floor in the backend: loads it when the site exists, ticks it once a second
//! against the app's clock, and pushes the board and new alerts to every window.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};

use crate::state::lock;
use std::time::{Duration, Instant};

use floordesk_domain::floor::Alert;
use floordesk_store::live::{Board, BoardDelta, LiveFloor};
use floordesk_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

use crate::desktop::notify;
use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

/// What changed on the board, pushed after every tick and every change, changes at most ten
/// times a second (the UI computes no rule). The UI starts from `floor_board` and applies each push in
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
pub fn with_floor<R: Runtime, T>(
    app: &AppHandle<R>,
    f: impl FnOnce(&mut LiveFloor, &mut Store) -> Result<(T, Vec<Alert>), StoreError>,
) -> CmdResult<T> {
    with_floor_if_changed(app, |floor, store| {
        let (value, alerts) = f(floor, store)?;
        Ok((value, alerts, true))
    })
}

/// [`with_floor`] for a change that may leave the board as it was (the closure says whether it
/// changed it): the board is pushed only if it did.
pub fn with_floor_if_changed<R: Runtime, T>(
    app: &AppHandle<R>,
    f: impl FnOnce(&mut LiveFloor, &mut Store) -> Result<(T, Vec<Alert>, bool), StoreError>,
) -> CmdResult<T> {
    let state = app.state::<AppState>();
    let mut core = state.core()?;
    let (floor, store, mut raised) = core.floor(state.clock.now())?;
    let (value, alerts, changed) = f(floor, store)?;
    raised.extend(alerts);
    drop(core);
    if changed || !raised.is_empty() {
        app.state::<Outbox>().mark();
    }
    announce(app, raised);
    Ok(value)
}

/// The once-a-second tick's [`with_floor`]: its push goes at once and does not open a batching
/// window, so the next change (a feed's commit) is not held up behind it.
fn with_floor_ticked<R: Runtime>(
    app: &AppHandle<R>,
    f: impl FnOnce(&mut LiveFloor, &mut Store) -> Result<Vec<Alert>, StoreError>,
) -> CmdResult<()> {
    let state = app.state::<AppState>();
    let mut core = state.core()?;
    let (floor, store, mut raised) = core.floor(state.clock.now())?;
    raised.extend(f(floor, store)?);
    drop(core);
    app.state::<Outbox>().mark_tick();
    announce(app, raised);
    Ok(())
}

/// Board pushes, batched: a change is pushed at once, and any number of changes within a tenth
/// of a second after a change's push become one push of the board as it stands then, so a busy
/// feed cannot flood the UI. The once-a-second tick's push (timers, alerts due) goes at once and
/// opens no window: at a feed's steady pace each commit then finds the window closed.
#[derive(Default)]
pub struct Outbox {
    marks: Mutex<Marks>,
    wake: Condvar,
    /// The last push's sequence number, moved only under the live floor's lock, so a board read
    /// under that lock knows which push it is current to.
    seq: AtomicU64,
}

const PUSH_EVERY: Duration = Duration::from_millis(100);

#[derive(Debug, Default, Clone, Copy)]
struct Marks {
    change: bool,
    tick: bool,
}

impl Outbox {
    fn mark(&self) {
        lock(&self.marks).change = true;
        self.wake.notify_one();
    }

    fn mark_tick(&self) {
        lock(&self.marks).tick = true;
        self.wake.notify_one();
    }

    /// Blocks until something is marked, and clears the marks: whether a change is among them
    /// (else only the tick).
    fn wait(&self) -> bool {
        let mut marks = lock(&self.marks);
        while !marks.change && !marks.tick {
            marks = self
                .wake
                .wait(marks)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        std::mem::take(&mut *marks).change
    }

    /// Clears the marks without waiting: whether a change was among them.
    fn take(&self) -> bool {
        std::mem::take(&mut *lock(&self.marks)).change
    }
}

/// Sends what changed on the board, at most once per [`PUSH_EVERY`].
fn run_pusher<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        let outbox = app.state::<Outbox>();
        let mut last: Option<Board> = None;
        let mut last_change_push: Option<Instant> = None;
        loop {
            let mut change = outbox.wait();
            if change && let Some(at) = last_change_push {
                std::thread::sleep(PUSH_EVERY.saturating_sub(at.elapsed()));
                // What came meanwhile goes in this push.
                change |= outbox.take();
            }
            let started = Instant::now();
            if change {
                last_change_push = Some(started);
            }
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
        }
    });
}

/// The board now and the push from `last` to it. The floor's part is taken and numbered under
/// the core's lock; the people, seats, alerts and queue are read on the reader afterwards, so a
/// large board's build never holds up a write.
fn next_delta<R: Runtime>(
    app: &AppHandle<R>,
    last: Option<&Board>,
) -> CmdResult<Option<(BoardDelta, Board)>> {
    let state = app.state::<AppState>();
    let (floor_now, seq) = {
        let core = state.core()?;
        let Some(floor) = core.loaded_floor() else {
            return Ok(None);
        };
        let seq = app.state::<Outbox>().seq.fetch_add(1, Ordering::SeqCst) + 1;
        (floor.floor_now(state.clock.now()), seq)
    };
    let mut board = floor_now.board(&*state.reader()?)?;
    board.seq = seq;
    Ok(Some((board.delta_from(last, seq), board)))
}

/// The whole board for `floor_board`, with the number of the last push it already includes.
pub fn read_board<R: Runtime>(app: &AppHandle<R>) -> CmdResult<Board> {
    let state = app.state::<AppState>();
    let (floor_now, seq) = with_floor(app, |floor, _| {
        let seq = app.state::<Outbox>().seq.load(Ordering::SeqCst);
        Ok(((floor.floor_now(state.clock.now()), seq), Vec::new()))
    })?;
    let mut board = floor_now.board(&*state.reader()?)?;
    board.seq = seq;
    Ok(board)
}

/// Catches the floor up at once, e.g. when another program (the CLI ingesting a feed) wrote
/// to the database, instead of waiting for the next tick.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    if state.core().is_ok_and(|core| core.loaded_floor().is_none()) {
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

fn announce<R: Runtime>(app: &AppHandle<R>, raised: Vec<Alert>) {
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

/// How often the handover tick runs: logs open at their roll-call time, roll calls follow the
/// floor, reminders fall due (all to the minute, so ten seconds is prompt enough).
const HANDOVER_TICK_SECS: u64 = 10;

/// Opens the logs whose roll call has begun, re-reads open roll calls and raises 交接提醒: the
/// handover page and the board hear of it, and each new reminder is a desktop notification.
fn handover_tick<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let now = state.clock.now();
    let result = state
        .core()
        .and_then(|mut core| core.store.handover_tick(now).map_err(Into::into));
    match result {
        Ok(tick) if tick.changed() => {
            crate::events::changed(app, &[Topic::Handover]);
            app.state::<Outbox>().mark();
            if !tick.reminders.is_empty() {
                let body = tick
                    .reminders
                    .iter()
                    .take(3)
                    .map(|r| {
                        let about = r.item_title.as_deref().unwrap_or(&r.log.shift_name);
                        format!("{} {} {}", r.log.team_name, r.kind.label_zh(), about)
                    })
                    .collect::<Vec<_>>()
                    .join("；");
                notify(app, &format!("交接提醒 {} 条", tick.reminders.len()), &body);
            }
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(
            code = e.code.as_str(),
            error = e.message,
            "handover tick failed"
        ),
    }
}

/// Announces each complaint step that fell overdue since the last tick, once, as a desktop
/// notification; the board lists them all (it is rebuilt with every push).
fn complaints_tick<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let now = state.clock.now();
    let result = state
        .core()
        .and_then(|mut core| core.store.complaints_tick(now).map_err(Into::into));
    match result {
        Ok(fresh) if !fresh.is_empty() => {
            crate::events::changed(app, &[Topic::Complaints]);
            app.state::<Outbox>().mark();
            let body = fresh
                .iter()
                .take(3)
                .map(|c| format!("#{} {} {}逾期", c.id, c.customer, c.step.label_zh()))
                .collect::<Vec<_>>()
                .join("；");
            notify(app, &format!("投诉处理逾期 {} 条", fresh.len()), &body);
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(
            code = e.code.as_str(),
            error = e.message,
            "complaints tick failed"
        ),
    }
}

/// Announces each improvement plan that fell overdue (not filed by its due date), once, as a
/// desktop notification; the scores page shows them all.
fn improvement_tick<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let now = state.clock.now();
    let result = state
        .core()
        .and_then(|mut core| core.store.improvement_tick(now).map_err(Into::into));
    match result {
        Ok(fresh) if !fresh.is_empty() => {
            crate::events::changed(app, &[Topic::Scores]);
            app.state::<Outbox>().mark();
            let body = fresh
                .iter()
                .take(3)
                .map(|p| {
                    format!(
                        "{} {} {}（{} 到期）",
                        p.month, p.employee_no, p.name, p.due_on
                    )
                })
                .collect::<Vec<_>>()
                .join("；");
            notify(app, &format!("整改计划逾期 {} 条", fresh.len()), &body);
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(
            code = e.code.as_str(),
            error = e.message,
            "improvement tick failed"
        ),
    }
}

/// Ticks the floor once a second, so timer alerts appear with no new event. On a demo site
/// started with `--demo-simulator` or `FLOORDESK_DEMO_SIMULATOR=1` (the README's demo command),
/// the floor also comes alive with simulated state changes.
pub fn run<R: Runtime>(app: AppHandle<R>, simulate: bool) {
    run_pusher(app.clone());
    let seed = app
        .state::<AppState>()
        .clock
        .now()
        .timestamp()
        .unsigned_abs();
    let mut rng = floordesk_domain::floor::sim::XorShift::new(seed);
    std::thread::spawn(move || {
        let mut second: u64 = 0;
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let state = app.state::<AppState>();
            let site = state.reader().ok().and_then(|s| s.site().ok().flatten());
            let Some(site) = site else { continue };
            if second.is_multiple_of(HANDOVER_TICK_SECS) {
                handover_tick(&app);
                complaints_tick(&app);
                improvement_tick(&app);
            }
            second += 1;
            let result = with_floor_ticked(&app, |floor, store| {
                let now = state.clock.now();
                if simulate && site.is_demo {
                    floor.demo_step(store, &mut rng, now)
                } else {
                    floor.tick(store, now)
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
