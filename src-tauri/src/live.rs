//! Runs the live floor in the backend: loads it when the site exists, ticks it once a second
//! against the app's clock, hands each window what changed on the board (`floor_updates`), and
//! announces new alerts.

use std::collections::VecDeque;
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
    let ((value, changed), raised) = on_floor(app, |floor, store| {
        let (value, alerts, changed) = f(floor, store)?;
        Ok(((value, changed), alerts))
    })?;
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
    let ((), raised) = on_floor(app, |floor, store| Ok(((), f(floor, store)?)))?;
    app.state::<Outbox>().mark_tick();
    announce(app, raised);
    Ok(())
}

/// Runs `f` on the live floor under its lock (loading the floor first if needed) and returns its
/// value with every alert raised, the loading's included; the lock is released on return, before
/// anything is pushed or announced.
fn on_floor<R: Runtime, T>(
    app: &AppHandle<R>,
    f: impl FnOnce(&mut LiveFloor, &mut Store) -> Result<(T, Vec<Alert>), StoreError>,
) -> CmdResult<(T, Vec<Alert>)> {
    let state = app.state::<AppState>();
    let mut core = state.core()?;
    let (floor, store, mut raised) = core.floor(state.clock.now())?;
    let (value, alerts) = f(floor, store)?;
    raised.extend(alerts);
    Ok((value, raised))
}

/// Board pushes, batched: a change is pushed at once, and any number of changes within a tenth
/// of a second after that push become one push of the board as it stands at the window's end
/// (see [`PushWindow`]), so a busy feed cannot flood the UI. The once-a-second tick's push
/// (timers, alerts due) goes at once and opens no window.
///
/// A push is what changed on the board (the UI computes no rule). It is not sent as an event:
/// the last pushes are kept here, and each window showing the board keeps one `floor_updates`
/// call open that returns as soon as there is a push it has not had (a long poll). An event is a
/// script the backend runs in the page, and WebKitGTK keeps memory for each script run
/// (wry#1489); a reply is a response the page reads, and a page that falls behind gets the
/// pushes it missed in one reply, not as a queue of scripts.
#[derive(Default)]
pub struct Outbox {
    marks: Mutex<Marks>,
    wake: Condvar,
    /// The last push's sequence number, moved only under the live floor's lock, so a board read
    /// under that lock knows which push it is current to.
    seq: AtomicU64,
    /// The last [`KEEP_PUSHES`] pushes, oldest first.
    sent: Mutex<VecDeque<BoardDelta>>,
    /// Wakes the open `floor_updates` calls when a push is kept.
    sent_wake: tokio::sync::Notify,
}

const PUSH_EVERY: Duration = Duration::from_millis(100);
/// About ten seconds of a busy floor's pushes: a window that falls further behind (asleep, its
/// page busy) reads the whole board again.
const KEEP_PUSHES: usize = 100;

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

    /// Keeps a push for the windows and wakes those waiting for one.
    fn keep(&self, delta: BoardDelta) {
        {
            let mut sent = lock(&self.sent);
            if sent.len() == KEEP_PUSHES {
                sent.pop_front();
            }
            sent.push_back(delta);
        }
        self.sent_wake.notify_waiters();
    }

    fn kept_after(&self, seq: u64) -> Vec<BoardDelta> {
        lock(&self.sent)
            .iter()
            .filter(|d| d.seq > seq)
            .cloned()
            .collect()
    }

    /// The kept pushes numbered after `seq`, oldest first; when there are none yet, waits up to
    /// `wait` for the next. None when the wait runs out, or at once when `seq` is past every
    /// push numbered so far: no board read from this app has such a number, so only a caller
    /// that made one up asks, and nothing would follow it. A list that does not start at
    /// `seq + 1` tells the window it missed pushes.
    pub async fn pushes_after(&self, seq: u64, wait: Duration) -> Vec<BoardDelta> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            // Listening before looking, so a push kept in between still wakes this call.
            let kept = self.sent_wake.notified();
            tokio::pin!(kept);
            kept.as_mut().enable();
            let found = self.kept_after(seq);
            if !found.is_empty() || seq > self.seq.load(Ordering::SeqCst) {
                return found;
            }
            if tokio::time::timeout_at(deadline, kept).await.is_err() {
                return Vec::new();
            }
        }
    }
}

/// Sends what changed on the board, at most once per [`PUSH_EVERY`].
fn run_pusher<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        let outbox = app.state::<Outbox>();
        let mut last: Option<Board> = None;
        let mut window = PushWindow::default();
        loop {
            let mut change = outbox.wait();
            let marked = Instant::now();
            let hold = if change { window.hold(marked) } else { None };
            if let Some(hold) = hold {
                std::thread::sleep(hold);
                // What came meanwhile goes in this push.
                change |= outbox.take();
            }
            let started = Instant::now();
            if change {
                window.pushed(started, hold.is_some());
            }
            match next_delta(&app, last.as_ref()) {
                Ok(Some((delta, board))) => {
                    last = Some(board);
                    let cards = delta.agents.len();
                    outbox.keep(delta);
                    tracing::debug!(
                        change,
                        cards,
                        held_ms = ms(started - marked),
                        build_ms = ms(started.elapsed()),
                        "board pushed"
                    );
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

/// A duration in milliseconds with one decimal, for the debug log.
pub(crate) fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 10_000.0).round() / 10.0
}

/// When a change may be pushed. A change pushed at once opens a window of [`PUSH_EVERY`]; the
/// changes marked within it wait for its end and go out as one push, and that push opens no
/// window of its own. Were it to open one, a feed committing about every 100 ms would keep
/// finding the window open a little longer each time and its pushes would settle most of a
/// window late (they did: held 40 ms at the median, 70 ms at p90, at 1,000 agents). So: at most
/// two pushes per window, and a change waits only for the window it came in.
#[derive(Debug, Default)]
struct PushWindow {
    open_until: Option<Instant>,
}

impl PushWindow {
    /// How long a change marked at `now` waits: until the open window's end, else not at all.
    fn hold(&self, now: Instant) -> Option<Duration> {
        self.open_until
            .filter(|end| *end > now)
            .map(|end| end - now)
    }

    /// A change was pushed at `at`, having been held (the window's closing push) or not.
    fn pushed(&mut self, at: Instant, held: bool) {
        self.open_until = (!held).then(|| at + PUSH_EVERY);
    }
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

#[cfg(test)]
mod push_window_tests {
    use super::*;

    /// Changes arriving at `ms` (milliseconds from a start), each pushed when the window lets
    /// it (the window's closing push also carries whatever else came by then): how long each
    /// waited.
    fn holds(arrivals: &[u64]) -> Vec<u64> {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut window = PushWindow::default();
        let mut pushed_until = 0;
        let mut waits = Vec::new();
        for &ms in arrivals {
            if ms < pushed_until {
                // Carried by the closing push already scheduled.
                waits.push(pushed_until - ms);
                continue;
            }
            let hold = window.hold(at(ms));
            let wait = hold.map_or(0, |h| h.as_millis() as u64);
            window.pushed(at(ms + wait), hold.is_some());
            pushed_until = if hold.is_some() { ms + wait } else { 0 };
            waits.push(wait);
        }
        waits
    }

    #[test]
    fn the_first_change_goes_at_once_and_those_within_the_window_wait_for_its_end() {
        assert_eq!(holds(&[0, 30, 60, 150]), vec![0, 70, 40, 0]);
    }

    #[test]
    fn a_feed_committing_every_100_ms_with_jitter_is_never_held_more_than_its_jitter() {
        // Commits about every 100 ms, now a little early, now late.
        let jitter = [0i64, -8, 5, -12, 3, -6, 9, -10, 2, -4, 7, -9];
        let arrivals: Vec<u64> = (0..240)
            .map(|k| (1_000 + 100 * k + jitter[k as usize % jitter.len()]) as u64)
            .collect();
        let waits = holds(&arrivals);
        assert!(waits.iter().all(|w| *w <= 21), "{waits:?}");
        // Before, a push's lateness carried into the next window: the holds built up.
        assert!(waits.iter().filter(|w| **w == 0).count() > arrivals.len() / 3);
    }

    #[test]
    fn a_flood_gets_at_most_two_pushes_per_window() {
        let arrivals: Vec<u64> = (0..1_000).collect();
        let t0 = Instant::now();
        let mut window = PushWindow::default();
        let mut pushes = Vec::new();
        let mut next_free = 0;
        for ms in arrivals {
            if ms < next_free {
                continue;
            }
            let now = t0 + Duration::from_millis(ms);
            let hold = window.hold(now).map_or(0, |h| h.as_millis() as u64);
            let at = ms + hold;
            window.pushed(t0 + Duration::from_millis(at), hold > 0);
            pushes.push(at);
            // The pusher is busy until it has pushed: what comes meanwhile rides along.
            next_free = at + 1;
        }
        for w in pushes.windows(3) {
            assert!(w[2] - w[0] >= 100, "{pushes:?}");
        }
        assert!(pushes.len() <= 21, "{}", pushes.len());
    }
}

#[cfg(test)]
mod long_poll_tests {
    use super::*;
    use std::sync::Arc;

    fn push(seq: u64) -> BoardDelta {
        BoardDelta {
            seq,
            now: chrono::DateTime::UNIX_EPOCH,
            agents: Vec::new(),
            removed: Vec::new(),
            ready_count: 0,
            line_full: false,
            line_full_announced: false,
            line_full_announcement: None,
            line_full_by_count: false,
            line_full_max_idle: 0,
            open_alerts: None,
            break_queue: None,
            handover_reminders: None,
            overdue_complaints: None,
        }
    }

    /// An outbox that has numbered and kept pushes 1..=n.
    fn outbox_with(n: u64) -> Arc<Outbox> {
        let outbox = Arc::new(Outbox::default());
        for seq in 1..=n {
            outbox.seq.store(seq, Ordering::SeqCst);
            outbox.keep(push(seq));
        }
        outbox
    }

    fn seqs(pushes: &[BoardDelta]) -> Vec<u64> {
        pushes.iter().map(|d| d.seq).collect()
    }

    #[tokio::test]
    async fn a_window_behind_gets_every_kept_push_after_its_board_at_once() {
        let outbox = outbox_with(5);
        let got = outbox.pushes_after(2, Duration::from_secs(60)).await;
        assert_eq!(seqs(&got), vec![3, 4, 5]);
    }

    #[tokio::test]
    async fn a_window_up_to_date_waits_for_the_next_push() {
        let outbox = outbox_with(3);
        let pusher = Arc::clone(&outbox);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(30)).await;
            pusher.seq.store(4, Ordering::SeqCst);
            pusher.keep(push(4));
        });
        let got = outbox.pushes_after(3, Duration::from_secs(60)).await;
        assert_eq!(seqs(&got), vec![4]);
    }

    #[tokio::test]
    async fn with_no_push_the_wait_runs_out_empty() {
        let outbox = outbox_with(3);
        let got = outbox.pushes_after(3, Duration::from_millis(20)).await;
        assert!(got.is_empty());
    }

    #[tokio::test]
    async fn a_window_too_far_behind_sees_a_gap_and_reads_the_board_again() {
        let outbox = outbox_with(KEEP_PUSHES as u64 + 10);
        let got = outbox.pushes_after(1, Duration::from_secs(60)).await;
        assert_eq!(got.len(), KEEP_PUSHES);
        // Push 2 is gone: the list starts past `after + 1`.
        assert_eq!(got[0].seq, 11);
    }

    #[tokio::test]
    async fn a_board_numbered_past_every_push_gets_an_answer_at_once() {
        let outbox = outbox_with(3);
        let got = outbox.pushes_after(9, Duration::from_secs(60)).await;
        assert!(got.is_empty());
    }
}
