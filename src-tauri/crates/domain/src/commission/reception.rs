//! One buyer's messages with one agent, cut into receptions (接待) by seed 003's rules: a buyer
//! kept waiting longer than the timeout ends the reception (终止本次接待) and the agent's late
//! reply starts a new one; silence longer than the idle limit ends one too.

use serde::{Deserialize, Serialize};

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    Buyer,
    Agent,
}

impl Sender {
    pub fn as_str(self) -> &'static str {
        match self {
            Sender::Buyer => "buyer",
            Sender::Agent => "agent",
        }
    }

    /// The file's word for the sender: `buyer`/`agent`, or 买家/客服.
    pub fn parse(text: &str) -> Option<Sender> {
        match text.trim().to_ascii_lowercase().as_str() {
            "buyer" | "买家" => Some(Sender::Buyer),
            "agent" | "客服" => Some(Sender::Agent),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatMessage {
    pub ts_ms: i64,
    pub sender: Sender,
}

/// The four policy settings, in milliseconds and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceptionRules {
    /// A buyer's unanswered message waiting longer than this ends the reception.
    pub wait_timeout_ms: i64,
    /// Silence longer than this ends the reception.
    pub idle_end_ms: i64,
    /// A valid reception holds at least this many messages, both sides counted.
    pub min_messages: u32,
    /// 买家咨询有效期: how far a consultation and a payment may be apart.
    pub attribution_ms: i64,
}

impl ReceptionRules {
    /// From the policy values `reception_wait_timeout_sec`, `reception_idle_end_min`,
    /// `valid_reception_min_messages` and `order_attribution_days`.
    pub fn from_policy(wait_sec: i64, idle_min: i64, min_messages: i64, days: i64) -> Self {
        ReceptionRules {
            wait_timeout_ms: wait_sec * 1_000,
            idle_end_ms: idle_min * MINUTE_MS,
            min_messages: u32::try_from(min_messages.max(0)).unwrap_or(u32::MAX),
            attribution_ms: days * DAY_MS,
        }
    }
}

impl Default for ReceptionRules {
    /// The seed's defaults: 60 s, 30 min, 3 messages, 1 day.
    fn default() -> Self {
        ReceptionRules::from_policy(60, 30, 3, 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReceptionEnd {
    /// The buyer waited longer than the timeout for the agent's reply.
    WaitTimeout,
    /// Nobody wrote for longer than the idle limit.
    Idle,
    /// The log has nothing after it.
    LastMessage,
}

impl ReceptionEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            ReceptionEnd::WaitTimeout => "wait_timeout",
            ReceptionEnd::Idle => "idle",
            ReceptionEnd::LastMessage => "last_message",
        }
    }

    pub fn parse(text: &str) -> Option<ReceptionEnd> {
        [
            ReceptionEnd::WaitTimeout,
            ReceptionEnd::Idle,
            ReceptionEnd::LastMessage,
        ]
        .into_iter()
        .find(|e| e.as_str() == text)
    }
}

/// One reception: a run of consecutive messages between one buyer and one agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first_ms: i64,
    pub last_ms: i64,
    pub messages: u32,
    pub buyer_messages: u32,
    /// The sender of its first message.
    pub initiator: Sender,
    pub ended: ReceptionEnd,
}

impl Span {
    fn start(m: &ChatMessage) -> Span {
        Span {
            first_ms: m.ts_ms,
            last_ms: m.ts_ms,
            messages: 1,
            buyer_messages: u32::from(m.sender == Sender::Buyer),
            initiator: m.sender,
            ended: ReceptionEnd::LastMessage,
        }
    }

    fn add(&mut self, m: &ChatMessage) {
        self.last_ms = m.ts_ms;
        self.messages += 1;
        self.buyer_messages += u32::from(m.sender == Sender::Buyer);
    }
}

/// Cuts one buyer–agent conversation (messages in time order) into receptions. The wait is
/// counted from the buyer's first unanswered message; a buyer's further messages while waiting
/// stay in the reception that keeps them waiting. Both limits are "more than": a reply after
/// exactly the timeout keeps the reception.
pub fn split_receptions(messages: &[ChatMessage], rules: &ReceptionRules) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut current: Option<Span> = None;
    // The instant of the buyer's first message the agent has not answered yet.
    let mut waiting_since: Option<i64> = None;
    for m in messages {
        if let Some(mut span) = current.take() {
            let waited_too_long =
                waiting_since.is_some_and(|w| m.ts_ms - w > rules.wait_timeout_ms);
            let late_reply = m.sender == Sender::Agent && waited_too_long;
            let idle = m.ts_ms - span.last_ms > rules.idle_end_ms;
            if late_reply || idle {
                span.ended = if waited_too_long {
                    ReceptionEnd::WaitTimeout
                } else {
                    ReceptionEnd::Idle
                };
                spans.push(span);
                waiting_since = None;
                current = Some(Span::start(m));
            } else {
                span.add(m);
                current = Some(span);
            }
        } else {
            current = Some(Span::start(m));
        }
        match m.sender {
            Sender::Buyer => {
                waiting_since.get_or_insert(m.ts_ms);
            }
            Sender::Agent => waiting_since = None,
        }
    }
    spans.extend(current);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const S: i64 = 1_000;

    fn msgs(list: &[(i64, Sender)]) -> Vec<ChatMessage> {
        list.iter()
            .map(|&(s, sender)| ChatMessage {
                ts_ms: s * S,
                sender,
            })
            .collect()
    }

    use Sender::{Agent, Buyer};

    #[test]
    fn a_reply_after_exactly_sixty_seconds_keeps_the_reception() {
        let spans = split_receptions(
            &msgs(&[(0, Buyer), (60, Agent), (70, Buyer)]),
            &ReceptionRules::default(),
        );
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].messages, 3);
        assert_eq!(spans[0].initiator, Buyer);
        assert_eq!(spans[0].ended, ReceptionEnd::LastMessage);
    }

    #[test]
    fn a_reply_after_sixty_one_seconds_ends_it_and_starts_the_agents_own() {
        let spans = split_receptions(
            &msgs(&[(0, Buyer), (61, Agent), (70, Buyer), (80, Agent)]),
            &ReceptionRules::default(),
        );
        assert_eq!(spans.len(), 2);
        assert_eq!(
            (spans[0].messages, spans[0].ended),
            (1, ReceptionEnd::WaitTimeout)
        );
        assert_eq!(spans[1].initiator, Agent);
        assert_eq!((spans[1].first_ms, spans[1].messages), (61 * S, 3));
    }

    #[test]
    fn the_wait_counts_from_the_first_unanswered_message() {
        // The buyer writes again at 50 s; the reply at 70 s is 70 s after the first question.
        let spans = split_receptions(
            &msgs(&[(0, Buyer), (50, Buyer), (70, Agent)]),
            &ReceptionRules::default(),
        );
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].messages, 2);
        assert_eq!(spans[0].buyer_messages, 2);
    }

    #[test]
    fn silence_longer_than_the_idle_limit_starts_a_new_reception() {
        let rules = ReceptionRules::default();
        let spans = split_receptions(
            &msgs(&[
                (0, Buyer),
                (10, Agent),
                (10 + 30 * 60, Agent),
                (10 + 30 * 60 + 1 + 30 * 60, Buyer),
            ]),
            &rules,
        );
        assert_eq!(
            spans.len(),
            2,
            "exactly 30 minutes keeps it, a second more ends it"
        );
        assert_eq!(spans[0].messages, 3);
        assert_eq!(spans[0].ended, ReceptionEnd::Idle);
        assert_eq!(spans[1].initiator, Buyer);
    }

    #[test]
    fn a_buyer_left_unanswered_ends_it_by_the_wait_even_when_they_write_again_later() {
        let spans = split_receptions(
            &msgs(&[(0, Buyer), (10, Agent), (20, Buyer), (20 + 31 * 60, Buyer)]),
            &ReceptionRules::default(),
        );
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].ended, ReceptionEnd::WaitTimeout);
        assert_eq!(spans[1].initiator, Buyer);
    }

    #[test]
    fn an_agent_who_writes_first_initiates() {
        let spans = split_receptions(&msgs(&[(0, Agent), (5, Buyer)]), &ReceptionRules::default());
        assert_eq!(spans[0].initiator, Agent);
    }

    fn arb_conversation() -> impl Strategy<Value = Vec<ChatMessage>> {
        prop::collection::vec((0i64..4_000, any::<bool>()), 0..60).prop_map(|steps| {
            let mut t = 0;
            steps
                .into_iter()
                .map(|(gap, buyer)| {
                    t += gap;
                    ChatMessage {
                        ts_ms: t * S,
                        sender: if buyer { Buyer } else { Agent },
                    }
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn receptions_partition_the_conversation_in_order(conv in arb_conversation()) {
            let rules = ReceptionRules::default();
            let spans = split_receptions(&conv, &rules);
            let total: u32 = spans.iter().map(|s| s.messages).sum();
            prop_assert_eq!(total as usize, conv.len());
            let buyers: u32 = spans.iter().map(|s| s.buyer_messages).sum();
            prop_assert_eq!(buyers as usize, conv.iter().filter(|m| m.sender == Buyer).count());
            let mut at = 0usize;
            for (i, span) in spans.iter().enumerate() {
                let first = conv[at];
                prop_assert_eq!(span.first_ms, first.ts_ms);
                prop_assert_eq!(span.initiator, first.sender);
                at += span.messages as usize;
                prop_assert_eq!(span.last_ms, conv[at - 1].ts_ms);
                if i + 1 < spans.len() {
                    prop_assert_ne!(span.ended, ReceptionEnd::LastMessage);
                    // A cut happens only for a late reply or a silence.
                    let next = conv[at];
                    prop_assert!(next.ts_ms - span.last_ms > rules.idle_end_ms
                        || (next.sender == Agent && span.ended == ReceptionEnd::WaitTimeout));
                } else {
                    prop_assert_eq!(span.ended, ReceptionEnd::LastMessage);
                }
            }
        }
    }
}
