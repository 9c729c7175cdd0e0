//! How the live floor takes an event that arrives late without reading the day again.
//!
//! A feed stamps each event when it happens and commits it a little later (the CLI's own run,
//! a batch, a network hop), while the floor moves on with the clock; so most of a busy feed's
//! events are "in the past" when the floor hears of them. Reloading two days of events for each
//! such batch cost time and memory that grew with the day (about 50 ms per reload at 76,000
//! events, several reloads a minute at 1,000 agents, and the allocator's arenas growing with
//! the largest reload). Instead the floor keeps its engine as it stood [`LATE_WINDOW`] ago and
//! the inputs taken since, and a late input within that window is put in its place and the
//! rest replayed: the result is what a reload would give, at the cost of a minute of inputs.

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::Problem;
use floordesk_domain::floor::{Alert, FloorEngine, FloorEvent};

/// The base takes an input once it is this old, so an input up to this late is always replayed
/// (on a quiet floor, later ones too: anything after the base's last input). The replay's work
/// is the inputs of this window.
pub(super) const LATE_WINDOW: Duration = Duration::minutes(2);

/// What moves the engine, as a reload orders it: by instant, and at one instant the monitor's
/// line-full mark, then notices, then state changes, each kind in the order stored.
#[derive(Debug, Clone)]
pub(super) enum Input {
    LineFull { at: DateTime<Utc>, on: bool },
    Event(FloorEvent),
}

impl Input {
    pub(super) fn at(&self) -> DateTime<Utc> {
        match self {
            Input::LineFull { at, .. } => *at,
            Input::Event(e) => e.at(),
        }
    }

    fn key(&self) -> (DateTime<Utc>, u8) {
        let rank = match self {
            Input::LineFull { .. } => 0,
            Input::Event(FloorEvent::Notice(_)) => 1,
            Input::Event(FloorEvent::State(_)) => 2,
        };
        (self.at(), rank)
    }

    pub(super) fn feed(&self, engine: &mut FloorEngine) -> Result<Vec<Alert>, Problem> {
        match self {
            Input::LineFull { at, on } => engine.set_line_full(*at, *on),
            Input::Event(e) => engine.feed(e),
        }
    }
}

/// Sorts inputs the way a reload reads them; stable, so inputs of one kind at one instant keep
/// the order they were stored in.
pub(super) fn sort(inputs: &mut [Input]) {
    inputs.sort_by_key(Input::key);
}

/// The engine as it stood a while ago and every input the live engine took after it.
#[derive(Clone)]
pub(super) struct Replay {
    /// Holds every input up to its own time and none after.
    base: FloorEngine,
    /// The inputs after `base`'s time, in the order [`sort`] gives.
    after: Vec<Input>,
}

impl Replay {
    pub(super) fn new(base: FloorEngine, after: Vec<Input>) -> Replay {
        Replay { base, after }
    }

    /// The live engine took these inputs, in order and none before the last one it took.
    pub(super) fn taken(&mut self, inputs: impl IntoIterator<Item = Input>) {
        self.after.extend(inputs);
    }

    /// Whether an input at `at` can be put in its place: it is later than the base's last input
    /// (at the same instant, the reload's order and the replay's could differ).
    pub(super) fn reaches(&self, at: DateTime<Utc>) -> bool {
        self.base.now().is_none_or(|base| at > base)
    }

    /// Moves the base on to `until` (the live engine's time less [`LATE_WINDOW`]), feeding it
    /// the inputs up to then. Their alerts were raised when the live engine took them.
    pub(super) fn settle(&mut self, until: DateTime<Utc>) -> Result<(), Problem> {
        let settled = self.after.partition_point(|i| i.at() <= until);
        for input in self.after.drain(..settled) {
            input.feed(&mut self.base)?;
        }
        Ok(())
    }

    /// The live engine again, with `late` in their places: the base fed every input in order,
    /// then moved to `now`. Returns it with every alert the replay raised (the store keeps only
    /// those it has not got).
    pub(super) fn replay(
        &mut self,
        late: impl IntoIterator<Item = Input>,
        now: DateTime<Utc>,
    ) -> Result<(FloorEngine, Vec<Alert>), Problem> {
        self.after.extend(late);
        sort(&mut self.after);
        let mut engine = self.base.clone();
        let mut alerts = Vec::new();
        for input in &self.after {
            alerts.extend(input.feed(&mut engine)?);
        }
        alerts.extend(engine.advance_to(now));
        Ok((engine, alerts))
    }
}
