//! 点名: how the floor's record reads for one agent of a shift. Seed 000's 报备 rule decides
//! between late and excused: a notice before the start excuses, one after it does not.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{ARRIVAL_WINDOW_MIN, HandoverPolicy};
use crate::floor::{AgentState, Notice, ShiftSpan, StateEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RollCallStatus {
    Present,
    Late,
    /// Shown as 未到 while the reading is still pending.
    Absent,
    OnLeave,
    /// Late or away with a notice given before the start (报备).
    Excused,
}

impl RollCallStatus {
    pub const ALL: [RollCallStatus; 5] = [
        RollCallStatus::Present,
        RollCallStatus::Late,
        RollCallStatus::Absent,
        RollCallStatus::OnLeave,
        RollCallStatus::Excused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RollCallStatus::Present => "present",
            RollCallStatus::Late => "late",
            RollCallStatus::Absent => "absent",
            RollCallStatus::OnLeave => "on_leave",
            RollCallStatus::Excused => "excused",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            RollCallStatus::Present => "到岗",
            RollCallStatus::Late => "迟到",
            RollCallStatus::Absent => "缺勤",
            RollCallStatus::OnLeave => "请假",
            RollCallStatus::Excused => "已报备",
        }
    }

    /// The English key (any case) or the Chinese word.
    pub fn parse(text: &str) -> Option<RollCallStatus> {
        let text = text.trim();
        RollCallStatus::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text) || s.label_zh() == text)
    }

    /// Not here for the shift: such a member cannot lead its handover.
    pub fn is_away(self) -> bool {
        matches!(
            self,
            RollCallStatus::Absent | RollCallStatus::OnLeave | RollCallStatus::Excused
        )
    }
}

/// One agent's record around one shift, as the store reads it from the floor.
#[derive(Debug, Clone, Copy)]
pub struct RollCallFacts<'a> {
    /// This agent's span of the shift.
    pub shift: &'a ShiftSpan,
    /// The agent's state at `shift.start − ARRIVAL_WINDOW_MIN`.
    pub state_at_window_start: AgentState,
    /// This agent's state changes from the window's start, in order.
    pub events: &'a [StateEvent],
    /// This agent's notices about this shift.
    pub notices: &'a [Notice],
    /// Approved leave covers the shift's date.
    pub on_leave: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RollCallReading {
    pub status: RollCallStatus,
    /// Whole minutes after the start, rounded up; only for an arrival after the start.
    pub late_min: Option<i64>,
    pub notified: bool,
    /// Absent so far, but still within `absent_after_min` of the start (未到).
    pub pending: bool,
    pub arrived_at: Option<DateTime<Utc>>,
}

/// The roll call's reading at `now`. Arrival is the first instant in
/// `[start − ARRIVAL_WINDOW_MIN, min(now, end))` at which the agent is at work: an agent who
/// signed in early and went on a break before the start still arrived on time.
pub fn read_roll_call(
    f: &RollCallFacts,
    policy: &HandoverPolicy,
    now: DateTime<Utc>,
) -> RollCallReading {
    let start = f.shift.start;
    let notices = || f.notices.iter().filter(|n| n.at <= now);
    let notified = notices().next().is_some();
    if f.on_leave {
        return RollCallReading {
            status: RollCallStatus::OnLeave,
            late_min: None,
            notified,
            pending: false,
            arrived_at: None,
        };
    }
    let excused = notices().any(|n| n.excuses(f.shift));
    let arrived_at = arrival(f, now);
    let (status, late_min, pending) = match arrived_at {
        Some(at) if at <= start => (RollCallStatus::Present, None, false),
        Some(at) => {
            let status = if excused {
                RollCallStatus::Excused
            } else {
                RollCallStatus::Late
            };
            (status, Some(minutes_rounded_up(at - start)), false)
        }
        None if excused => (RollCallStatus::Excused, None, false),
        None => {
            let pending =
                now < start + Duration::minutes(policy.absent_after_min) && now < f.shift.end;
            (RollCallStatus::Absent, None, pending)
        }
    };
    RollCallReading {
        status,
        late_min,
        notified,
        pending,
        arrived_at,
    }
}

/// The earliest at-work instant in the window. Taken over the events as a set, so events at
/// one instant read the same in any order.
fn arrival(f: &RollCallFacts, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let window_start = f.shift.start - Duration::minutes(ARRIVAL_WINDOW_MIN);
    let window_end = now.min(f.shift.end);
    if window_start >= window_end {
        return None;
    }
    if f.state_at_window_start.is_at_work() {
        return Some(window_start);
    }
    f.events
        .iter()
        .filter(|e| e.at >= window_start && e.at < window_end && e.state.is_at_work())
        .map(|e| e.at)
        .min()
}

fn minutes_rounded_up(d: Duration) -> i64 {
    let ms = d.num_milliseconds();
    (ms + 59_999).div_euclid(60_000)
}
