//! Shift handover (交接班), seed 003: a log per team and roster shift with its roll call (点名)
//! and seats, items (交接事项) that move from shift to shift until closed, sign-off by both
//! 交接班长 (当面履行交接手续), and a seal chain that shows any later change. Pure functions; the
//! design is docs/design/handover.md.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub mod carry;
pub mod item;
pub mod lead;
pub mod reminder;
pub mod roll_call;
pub mod seal;
pub mod search;
pub mod seats;
pub mod shift;
pub mod sign;

/// The handover settings (see the policy catalogue's `handover` area).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandoverPolicy {
    /// `handover_gap_min`: the shifts meet (a face-to-face handover) within this many minutes.
    pub gap_min: i64,
    /// `handover_unsigned_after_min`: a log unsigned this long after its shift ended is reminded.
    pub unsigned_after_min: i64,
    /// `roll_call_before_start_min`: the log and its roll call open this long before the start.
    pub roll_call_before_start_min: i64,
    /// `absent_after_min`: not arrived this long after the start reads as absent.
    pub absent_after_min: i64,
}

impl Default for HandoverPolicy {
    fn default() -> Self {
        HandoverPolicy::from_settings(&BTreeMap::new())
    }
}

impl HandoverPolicy {
    /// The settings in force; a missing key takes the catalogue's default.
    pub fn from_settings(settings: &BTreeMap<String, i64>) -> HandoverPolicy {
        let get = |key: &str| {
            settings
                .get(key)
                .copied()
                .unwrap_or_else(|| crate::policy::definition(key).map_or(0, |d| d.default))
        };
        HandoverPolicy {
            gap_min: get("handover_gap_min"),
            unsigned_after_min: get("handover_unsigned_after_min"),
            roll_call_before_start_min: get("roll_call_before_start_min"),
            absent_after_min: get("absent_after_min"),
        }
    }
}

/// How far ahead the incoming shift is looked for.
pub const INCOMING_HORIZON_DAYS: u64 = 7;
/// How early before its start a sign-in counts as arriving for a shift.
pub const ARRIVAL_WINDOW_MIN: i64 = 120;

/// The two sides of a handover: the shift handing over and the one taking over.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Outgoing,
    Incoming,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Outgoing => "outgoing",
            Side::Incoming => "incoming",
        }
    }

    pub fn parse(text: &str) -> Option<Side> {
        match text {
            "outgoing" => Some(Side::Outgoing),
            "incoming" => Some(Side::Incoming),
            _ => None,
        }
    }
}
