//! The live floor (现场): agents' states, the floor rules as alerts, and one engine that judges
//! both the live board (ticked by the clock) and a replay of any day.

mod alert;
pub mod breaks;
mod engine;
mod notice;
mod policy;
pub mod sim;
mod state;

pub use alert::{Alert, RuleCode, format_secs};
pub use engine::FloorEngine;
pub use notice::{FloorEvent, Notice, NoticeKind};
pub use policy::FloorPolicy;
pub use state::{AgentNow, AgentState, ShiftSpan, StateEvent};

use chrono::{DateTime, Utc};

use crate::Problem;

/// Judges a day: applies `events` in order (equal instants in the order given), then evaluates
/// timers up to and including `until`, after the events at that instant. Events after `until`
/// are not judged: the day is judged as it stood then. Alerts come sorted by instant, then
/// agent, then rule (in `RuleCode`'s table order).
pub fn judge<E: FloorInput>(
    policy: FloorPolicy,
    shifts: Vec<ShiftSpan>,
    initial: impl IntoIterator<Item = (String, AgentState, DateTime<Utc>)>,
    events: &[E],
    until: DateTime<Utc>,
) -> Result<Vec<Alert>, Problem> {
    let mut engine = FloorEngine::new(policy, shifts, initial);
    let mut alerts = Vec::new();
    for event in events.iter().take_while(|e| e.at() <= until) {
        alerts.extend(event.feed(&mut engine)?);
    }
    alerts.extend(engine.advance_to(until));
    alerts.sort();
    Ok(alerts)
}

/// What [`judge`] takes: state changes alone, or state changes and notices.
pub trait FloorInput {
    fn at(&self) -> DateTime<Utc>;
    fn feed(&self, engine: &mut FloorEngine) -> Result<Vec<Alert>, Problem>;
}

impl FloorInput for StateEvent {
    fn at(&self) -> DateTime<Utc> {
        self.at
    }

    fn feed(&self, engine: &mut FloorEngine) -> Result<Vec<Alert>, Problem> {
        engine.apply(self)
    }
}

impl FloorInput for FloorEvent {
    fn at(&self) -> DateTime<Utc> {
        FloorEvent::at(self)
    }

    fn feed(&self, engine: &mut FloorEngine) -> Result<Vec<Alert>, Problem> {
        engine.feed(self)
    }
}
