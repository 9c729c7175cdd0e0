//! Hears another process's commits to the database (the CLI ingesting a feed, a script) as they
//! happen: a commit in WAL mode writes the `-wal` file, so the app watches that file (inotify,
//! through `notify`) and wakes at once instead of polling. `PRAGMA data_version` on the writer's
//! connection stays the check: it moves only for other connections' commits, so the app's own
//! writes, which touch the same file, wake the watcher but change nothing.
//!
//! On such a commit the live floor catches up at once (its board is pushed through the
//! `Outbox`, batched there), and every window hears topic `external`. That topic makes every
//! page read all it shows again, so it is sent at once for the first commit and then at most once
//! per [`EXTERNAL_EVERY`] while a feed keeps writing.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use tauri::{AppHandle, Manager};

use crate::events::Topic;
use crate::state::AppState;

/// At most one `external` change event per this long while another process keeps writing.
const EXTERNAL_EVERY: Duration = Duration::from_secs(1);
/// With the watcher, a check this often anyway (a file system that drops events, a WAL reset).
const CHECK_EVERY_WATCHED: Duration = Duration::from_secs(1);
/// Without it (it could not start), polling as before.
const CHECK_EVERY_POLLED: Duration = Duration::from_millis(100);
/// A write to the WAL comes before its commit is visible (the commit frame is written, then the
/// shared index is updated, which no file event reports): after a wake the check is repeated
/// this often for [`SETTLE_FOR`], so a commit shows within milliseconds, not at the next write.
const RECHECK_EVERY: Duration = Duration::from_millis(2);
const SETTLE_FOR: Duration = Duration::from_millis(50);

pub fn watch_external_writes(app: AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let (wake, woken) = mpsc::channel::<()>();
        // Kept alive for the thread's life: dropping it stops the watch.
        let watcher = watch_wal(&state.db_path, wake);
        let check_every = if watcher.is_some() {
            CHECK_EVERY_WATCHED
        } else {
            CHECK_EVERY_POLLED
        };
        let mut last = None;
        let mut external = Throttle::new(EXTERNAL_EVERY);
        // Until when the check repeats every RECHECK_EVERY after the last wake.
        let mut settling_until: Option<Instant> = None;
        let mut woke_at: Option<Instant> = None;
        loop {
            let now = Instant::now();
            let mut wait = external
                .due_in(now)
                .map_or(check_every, |due| due.min(check_every));
            match settling_until {
                Some(until) if until > now => wait = wait.min(RECHECK_EVERY),
                _ => settling_until = None,
            }
            match woken.recv_timeout(wait) {
                Ok(()) => {
                    // One commit writes the file several times: one check for all of them.
                    while woken.try_recv().is_ok() {}
                    woke_at = Some(Instant::now());
                    settling_until = Some(Instant::now() + SETTLE_FOR);
                }
                Err(RecvTimeoutError::Timeout) => {}
                // The watcher is gone: sleep instead of spinning on a dead channel.
                Err(RecvTimeoutError::Disconnected) => std::thread::sleep(check_every),
            }
            // The writer's connection: its data_version moves only for other processes' commits
            // (the reader's would move for this app's own writes too).
            if let Ok(version) = state
                .core()
                .and_then(|core| core.store.data_version().map_err(Into::into))
            {
                if last.is_some_and(|v| v != version) {
                    let seen = Instant::now();
                    crate::live::refresh(&app);
                    external.hit();
                    tracing::debug!(
                        after_wake_ms = woke_at.map(|w| crate::live::ms(seen - w)),
                        refresh_ms = crate::live::ms(seen.elapsed()),
                        "external commit caught up"
                    );
                }
                last = Some(version);
            }
            if external.take(Instant::now()) {
                crate::events::changed(&app, &[Topic::External]);
            }
        }
    });
}

/// A watcher on the database's directory that sends on `wake` whenever its `-wal` file is written
/// or created (the directory, because SQLite may create the file after the app starts). None if
/// the watch cannot start: the caller polls.
fn watch_wal(db_path: &Path, wake: mpsc::Sender<()>) -> Option<notify::RecommendedWatcher> {
    let wal = wal_path(db_path);
    let dir = db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let handler = move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Written, created, or closed after writing (a CLI run's last act after its commit).
        let written = matches!(
            event.kind,
            EventKind::Modify(_)
                | EventKind::Create(_)
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        if written && event.paths.iter().any(|p| p.file_name() == wal.file_name()) {
            let _ = wake.send(());
        }
    };
    let started = notify::recommended_watcher(handler)
        .and_then(|mut w| w.watch(dir, RecursiveMode::NonRecursive).map(|()| w));
    match started {
        Ok(w) => Some(w),
        Err(e) => {
            tracing::warn!(error = %e, dir = %dir.display(), "cannot watch the database; polling instead");
            None
        }
    }
}

fn wal_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// Sends the first of a run of events at once and then at most one per `every`, the last
/// of them never dropped: `hit` records one, `take` says whether to send now.
#[derive(Debug)]
struct Throttle {
    every: Duration,
    pending: bool,
    last_sent: Option<Instant>,
}

impl Throttle {
    fn new(every: Duration) -> Throttle {
        Throttle {
            every,
            pending: false,
            last_sent: None,
        }
    }

    fn hit(&mut self) {
        self.pending = true;
    }

    /// Whether to send now (and, if so, the pending one is taken).
    fn take(&mut self, now: Instant) -> bool {
        if !self.pending || self.due_in(now).is_some_and(|d| !d.is_zero()) {
            return false;
        }
        self.pending = false;
        self.last_sent = Some(now);
        true
    }

    /// How long until a pending send is due (zero when it is due now); None with nothing pending.
    fn due_in(&self, now: Instant) -> Option<Duration> {
        if !self.pending {
            return None;
        }
        Some(self.last_sent.map_or(Duration::ZERO, |at| {
            (at + self.every).saturating_duration_since(now)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_goes_at_once_and_a_burst_after_it_becomes_one_send_a_period_later() {
        let mut t = Throttle::new(Duration::from_secs(1));
        let t0 = Instant::now();
        assert!(!t.take(t0), "nothing to send");
        assert_eq!(t.due_in(t0), None);
        t.hit();
        assert!(t.take(t0), "the first goes at once");
        for ms in [10, 200, 900] {
            t.hit();
            assert!(!t.take(t0 + Duration::from_millis(ms)), "held at {ms} ms");
        }
        assert_eq!(
            t.due_in(t0 + Duration::from_millis(900)),
            Some(Duration::from_millis(100))
        );
        assert!(
            t.take(t0 + Duration::from_secs(1)),
            "the burst, one period on"
        );
        assert!(!t.take(t0 + Duration::from_secs(2)), "and only once");
        t.hit();
        assert!(
            t.take(t0 + Duration::from_secs(5)),
            "after a quiet spell, at once again"
        );
    }

    #[test]
    fn the_wal_is_the_database_file_with_wal_appended() {
        assert_eq!(
            wal_path(Path::new("/data/floor desk.db")),
            PathBuf::from("/data/floor desk.db-wal")
        );
    }

    #[test]
    fn a_write_to_the_wal_wakes_the_watcher_and_other_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("floor.db");
        let (tx, rx) = mpsc::channel();
        let _watcher = watch_wal(&db, tx).expect("the watch starts");
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::write(dir.path().join("floor.db"), "x").unwrap();
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "only the WAL wakes it"
        );
        std::fs::write(wal_path(&db), "commit").unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("a write to the WAL wakes it");
    }
}
