//! Break requests (休息申请): an agent asks for a small break; it starts at once when the guard
//! allows it, otherwise it waits in a queue that is served strictly in order as soon as idle
//! agents rise above the guard. A lead may grant out of turn, with a reason; that is the
//! store's business (it is recorded), not a rule.

use super::engine::FloorEngine;
use super::state::AgentState;

/// A request still waiting, in queue order (earliest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingBreak {
    pub id: i64,
    pub agent: String,
}

/// Why a waiting request left the queue without a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The agent signed out while waiting.
    SignedOut,
    /// The agent went on a small break some other way (set on the board) while waiting.
    AlreadyOnBreak,
}

impl DropReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::SignedOut => "signed_out",
            DropReason::AlreadyOnBreak => "already_on_break",
        }
    }

    pub fn parse(s: &str) -> Option<DropReason> {
        match s {
            "signed_out" => Some(DropReason::SignedOut),
            "already_on_break" => Some(DropReason::AlreadyOnBreak),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueStep {
    Grant { id: i64, agent: String },
    Drop { id: i64, why: DropReason },
}

/// What the queue does now: grants from the head while each break would start above the guard
/// (counting the ready agents the earlier grants take away), and drops requests that no longer
/// make sense. The first request that would be held stops the granting: nobody jumps the queue.
pub fn settle_queue(engine: &FloorEngine, waiting: &[WaitingBreak]) -> Vec<QueueStep> {
    let Some(now) = engine.now() else {
        return Vec::new();
    };
    let mut ready = engine.ready_count();
    let mut blocked = false;
    let mut steps = Vec::new();
    for request in waiting {
        let state = engine.agent_state(&request.agent);
        let why = match state {
            AgentState::SignedOut => Some(DropReason::SignedOut),
            AgentState::SmallBreak => Some(DropReason::AlreadyOnBreak),
            _ => None,
        };
        if let Some(why) = why {
            steps.push(QueueStep::Drop {
                id: request.id,
                why,
            });
            continue;
        }
        if blocked || engine.break_held(now, ready) {
            blocked = true;
            continue;
        }
        if state == AgentState::Ready {
            ready -= 1;
        }
        steps.push(QueueStep::Grant {
            id: request.id,
            agent: request.agent.clone(),
        });
    }
    steps
}
