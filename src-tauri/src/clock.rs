//! The app's clock. Normally the system clock; for tests and demos it can start at a chosen
//! instant and run faster (`--clock-start`, `--clock-speed`), so a ten-minute break overruns in
//! seconds. The rules never read it: the app passes its `now` in.

// The one place in the app that reads the system's time (clippy.toml forbids it elsewhere).
#![allow(clippy::disallowed_methods)]

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};

pub struct Clock {
    started: Instant,
    start_at: Option<DateTime<Utc>>,
    speed: f64,
}

impl Clock {
    pub fn system() -> Clock {
        Clock {
            started: Instant::now(),
            start_at: None,
            speed: 1.0,
        }
    }

    /// A simulated clock: at `start_at` now (the system time if None), running `speed` times as
    /// fast as real time.
    pub fn simulated(start_at: Option<DateTime<Utc>>, speed: f64) -> Clock {
        let speed = if speed.is_finite() && speed > 0.0 {
            speed
        } else {
            1.0
        };
        Clock {
            started: Instant::now(),
            start_at: Some(start_at.unwrap_or_else(Utc::now)),
            speed,
        }
    }

    pub fn is_simulated(&self) -> bool {
        self.start_at.is_some()
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self.start_at {
            None => Utc::now(),
            Some(start) => {
                let elapsed = self.started.elapsed().as_secs_f64() * self.speed;
                start + Duration::milliseconds((elapsed * 1000.0) as i64)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simulated_clock_starts_where_told_and_runs_fast() {
        let start: DateTime<Utc> = "2026-11-23T02:00:00Z".parse().unwrap();
        let clock = Clock::simulated(Some(start), 600.0);
        std::thread::sleep(std::time::Duration::from_millis(50));
        let now = clock.now();
        assert!(
            now >= start + Duration::seconds(29) && now < start + Duration::seconds(600),
            "{now}"
        );
        assert!(!Clock::system().is_simulated());
    }
}
