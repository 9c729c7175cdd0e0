//! One buyer's receptions (with every agent) and payments, judged together: which receptions
//! are valid (有效接待) and which reception each paid order counts for.
//!
//! Seed 003: a valid reception holds at least three messages; 买家咨询有效期为1天; a buyer who
//! pays and then contacts the agent makes the order the agent's; an agent who contacts the
//! buyer after the payment does not make a valid reception.

use serde::{Deserialize, Serialize};

use super::reception::{ReceptionRules, Sender, Span};

/// Why a reception is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Invalid {
    /// Fewer messages than `valid_reception_min_messages`, both sides counted.
    TooFewMessages,
    /// The agent started it within 买家咨询有效期 after this payment (an index into the
    /// buyer's payments) by the buyer.
    AgentAfterPayment { payment: usize },
}

impl Invalid {
    pub fn as_str(self) -> &'static str {
        match self {
            Invalid::TooFewMessages => "too_few_messages",
            Invalid::AgentAfterPayment { .. } => "agent_after_payment",
        }
    }
}

/// Which of the seed's two rules gave an order to a reception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AttributionRule {
    /// The buyer consulted the agent within the period before paying (the latest such
    /// reception; one still going on at the payment counts as the latest).
    ConsultedBefore,
    /// The buyer paid and then contacted the agent within the period (the first such one).
    BuyerAfter,
}

impl AttributionRule {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionRule::ConsultedBefore => "consulted_before",
            AttributionRule::BuyerAfter => "buyer_after",
        }
    }

    pub fn parse(text: &str) -> Option<AttributionRule> {
        [
            AttributionRule::ConsultedBefore,
            AttributionRule::BuyerAfter,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// The verdicts for one buyer, index for index with the receptions and the payments given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuyerVerdict {
    /// None for a valid reception.
    pub invalid: Vec<Option<Invalid>>,
    /// For each payment, the reception it counts for and by which rule; None when no valid
    /// reception qualifies.
    pub attributions: Vec<Option<(usize, AttributionRule)>>,
}

/// Judges one buyer's receptions (any order, any agents) against their payments (UTC ms, any
/// order). Both limits of the period are inclusive: a consultation exactly one day before the
/// payment still counts.
pub fn judge_buyer(
    receptions: &[Span],
    payments_ms: &[i64],
    rules: &ReceptionRules,
) -> BuyerVerdict {
    let period = rules.attribution_ms;
    let invalid: Vec<Option<Invalid>> = receptions
        .iter()
        .map(|r| {
            if r.messages < rules.min_messages {
                return Some(Invalid::TooFewMessages);
            }
            if r.initiator != Sender::Agent {
                return None;
            }
            // The latest payment at or before the agent's first message, within the period.
            payments_ms
                .iter()
                .enumerate()
                .filter(|&(_, &paid)| paid <= r.first_ms && r.first_ms - paid <= period)
                .max_by_key(|&(i, &paid)| (paid, i))
                .map(|(payment, _)| Invalid::AgentAfterPayment { payment })
        })
        .collect();
    let attributions = payments_ms
        .iter()
        .map(|&paid| {
            let valid = receptions
                .iter()
                .enumerate()
                .filter(|(i, _)| invalid[*i].is_none());
            // The reception's last word at or before the payment: a reception still going on
            // when the buyer paid was consulted at the payment itself.
            let before = valid
                .clone()
                .filter(|(_, r)| r.first_ms <= paid)
                .map(|(i, r)| (i, r.last_ms.min(paid)))
                .filter(|&(_, last)| paid - last <= period)
                .max_by_key(|&(i, last)| (last, receptions[i].first_ms, i))
                .map(|(i, _)| (i, AttributionRule::ConsultedBefore));
            before.or_else(|| {
                valid
                    .filter(|(_, r)| {
                        r.initiator == Sender::Buyer
                            && r.first_ms > paid
                            && r.first_ms - paid <= period
                    })
                    .min_by_key(|&(i, r)| (r.first_ms, i))
                    .map(|(i, _)| (i, AttributionRule::BuyerAfter))
            })
        })
        .collect();
    BuyerVerdict {
        invalid,
        attributions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commission::reception::ReceptionEnd;
    use proptest::prelude::*;

    const MIN: i64 = 60_000;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = 24 * HOUR;
    const PAID: i64 = 10 * DAY;

    fn span(first_ms: i64, last_ms: i64, messages: u32, initiator: Sender) -> Span {
        Span {
            first_ms,
            last_ms,
            messages,
            buyer_messages: messages / 2,
            initiator,
            ended: ReceptionEnd::LastMessage,
        }
    }

    fn rules() -> ReceptionRules {
        ReceptionRules::default()
    }

    #[test]
    fn two_messages_are_not_a_valid_reception_and_three_are() {
        let v = judge_buyer(
            &[
                span(0, MIN, 2, Sender::Buyer),
                span(DAY * 3, DAY * 3 + MIN, 3, Sender::Buyer),
            ],
            &[],
            &rules(),
        );
        assert_eq!(v.invalid, vec![Some(Invalid::TooFewMessages), None]);
    }

    #[test]
    fn an_order_paid_23h59_after_the_consultation_counts_and_24h01_does_not() {
        let consulted = span(
            PAID - 23 * HOUR - 59 * MIN - 5 * MIN,
            PAID - 23 * HOUR - 59 * MIN,
            4,
            Sender::Buyer,
        );
        let v = judge_buyer(&[consulted], &[PAID], &rules());
        assert_eq!(
            v.attributions,
            vec![Some((0, AttributionRule::ConsultedBefore))]
        );

        let too_early = span(
            PAID - 24 * HOUR - 6 * MIN,
            PAID - 24 * HOUR - MIN,
            4,
            Sender::Buyer,
        );
        let v = judge_buyer(&[too_early], &[PAID], &rules());
        assert_eq!(v.attributions, vec![None]);
    }

    #[test]
    fn exactly_one_day_before_still_counts() {
        let v = judge_buyer(
            &[span(PAID - DAY - MIN, PAID - DAY, 3, Sender::Buyer)],
            &[PAID],
            &rules(),
        );
        assert_eq!(
            v.attributions,
            vec![Some((0, AttributionRule::ConsultedBefore))]
        );
    }

    #[test]
    fn a_buyer_who_pays_and_then_asks_makes_the_order_the_agents() {
        let asked = span(PAID + 2 * HOUR, PAID + 2 * HOUR + 5 * MIN, 5, Sender::Buyer);
        let v = judge_buyer(&[asked], &[PAID], &rules());
        assert_eq!(v.invalid, vec![None]);
        assert_eq!(v.attributions, vec![Some((0, AttributionRule::BuyerAfter))]);
    }

    #[test]
    fn an_agent_who_contacts_the_buyer_after_payment_gets_neither_the_reception_nor_the_order() {
        let chased = span(PAID + 2 * HOUR, PAID + 2 * HOUR + 5 * MIN, 6, Sender::Agent);
        let v = judge_buyer(&[chased], &[PAID], &rules());
        assert_eq!(
            v.invalid,
            vec![Some(Invalid::AgentAfterPayment { payment: 0 })]
        );
        assert_eq!(v.attributions, vec![None]);
        // More than the period after the payment it is an ordinary reception again.
        let later = span(PAID + DAY + MIN, PAID + DAY + 9 * MIN, 6, Sender::Agent);
        assert_eq!(judge_buyer(&[later], &[PAID], &rules()).invalid, vec![None]);
    }

    #[test]
    fn the_latest_consultation_before_wins_over_an_earlier_one_and_over_one_after() {
        let early = span(PAID - 5 * HOUR, PAID - 4 * HOUR, 3, Sender::Buyer);
        let late = span(PAID - 2 * HOUR, PAID - HOUR, 3, Sender::Buyer);
        let after = span(PAID + HOUR, PAID + 2 * HOUR, 3, Sender::Buyer);
        let v = judge_buyer(&[after, early, late], &[PAID], &rules());
        assert_eq!(
            v.attributions,
            vec![Some((2, AttributionRule::ConsultedBefore))]
        );
    }

    #[test]
    fn a_reception_going_on_at_the_payment_is_the_consultation() {
        let going_on = span(PAID - 10 * MIN, PAID + 10 * MIN, 8, Sender::Buyer);
        let earlier = span(PAID - 3 * HOUR, PAID - 2 * HOUR, 3, Sender::Buyer);
        let v = judge_buyer(&[earlier, going_on], &[PAID], &rules());
        assert_eq!(
            v.attributions,
            vec![Some((1, AttributionRule::ConsultedBefore))]
        );
    }

    #[test]
    fn of_several_contacts_after_the_payment_the_first_counts() {
        let first = span(PAID + HOUR, PAID + 2 * HOUR, 3, Sender::Buyer);
        let second = span(PAID + 3 * HOUR, PAID + 4 * HOUR, 3, Sender::Buyer);
        let v = judge_buyer(&[second, first], &[PAID], &rules());
        assert_eq!(v.attributions, vec![Some((1, AttributionRule::BuyerAfter))]);
    }

    #[test]
    fn an_invalid_reception_never_takes_an_order() {
        let short = span(PAID - HOUR, PAID - HOUR, 2, Sender::Buyer);
        let v = judge_buyer(&[short], &[PAID], &rules());
        assert_eq!(v.attributions, vec![None]);
    }

    proptest! {
        #[test]
        fn an_attributed_order_always_has_a_valid_reception_within_the_period(
            spans in prop::collection::vec((0i64..20 * DAY, 0i64..3 * HOUR, 1u32..8, any::<bool>()), 0..12),
            payments in prop::collection::vec(0i64..20 * DAY, 0..6),
        ) {
            let receptions: Vec<Span> = spans
                .iter()
                .map(|&(first, len, n, buyer)| span(first, first + len, n, if buyer { Sender::Buyer } else { Sender::Agent }))
                .collect();
            let r = rules();
            let v = judge_buyer(&receptions, &payments, &r);
            prop_assert_eq!(v.invalid.len(), receptions.len());
            prop_assert_eq!(v.attributions.len(), payments.len());
            for (p, a) in payments.iter().zip(&v.attributions) {
                let Some((i, rule)) = *a else { continue };
                let rec = receptions[i];
                prop_assert!(v.invalid[i].is_none());
                prop_assert!(rec.messages >= r.min_messages);
                match rule {
                    AttributionRule::ConsultedBefore => {
                        prop_assert!(rec.first_ms <= *p && *p - rec.last_ms.min(*p) <= r.attribution_ms);
                    }
                    AttributionRule::BuyerAfter => {
                        prop_assert_eq!(rec.initiator, Sender::Buyer);
                        prop_assert!(rec.first_ms > *p && rec.first_ms - *p <= r.attribution_ms);
                        // No valid consultation before the payment was passed over.
                        prop_assert!(!receptions.iter().enumerate().any(|(j, o)| v.invalid[j].is_none()
                            && o.first_ms <= *p && *p - o.last_ms.min(*p) <= r.attribution_ms));
                    }
                }
            }
        }
    }
}
