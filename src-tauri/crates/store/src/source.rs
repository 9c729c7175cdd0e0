//! Where a floor record came from (board, CLI, demo, the break queue), kept with it.

use serde::{Deserialize, Serialize};

/// Where an event came from; kept with it for the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EventSource {
    Board,
    Cli,
    Demo,
    /// A break request granted by the queue or by a lead.
    BreakRequest,
}

impl EventSource {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EventSource::Board => "board",
            EventSource::Cli => "cli",
            EventSource::Demo => "demo",
            EventSource::BreakRequest => "break_request",
        }
    }
}
