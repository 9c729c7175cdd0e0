//! The pay line: base pay + commission + rewards − deductions, with `pay_percent` fines priced
//! on base pay + commission, checked against the legal cap (《工资支付暂行规定》: deductions a
//! month may not pass a share of the month's pay).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PayInputs {
    pub base_fen: i64,
    pub commission_fen: i64,
    pub rewards_fen: i64,
    /// Fines and compensation in fen, as booked.
    pub fines_fen: i64,
    /// The month's `pay_percent` fines, each a percentage.
    pub pay_percents: Vec<u32>,
    /// `deduction_cap_percent`.
    pub cap_percent: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PayLine {
    pub base_fen: i64,
    pub commission_fen: i64,
    pub rewards_fen: i64,
    /// The `pay_percent` fines priced on base pay + commission.
    pub pay_percent_fen: i64,
    /// Every deduction: fines, compensation and the priced percentages.
    pub deductions_fen: i64,
    /// 应发: base + commission + rewards − deductions.
    pub net_fen: i64,
    /// The most the month's deductions may be: the cap share of base + commission + rewards.
    pub cap_fen: i64,
    pub over_cap: bool,
}

pub fn pay_line(input: &PayInputs) -> PayLine {
    let earned = input.base_fen + input.commission_fen;
    let pay_percent_fen = input
        .pay_percents
        .iter()
        .map(|p| (earned * i64::from(*p) + 50) / 100)
        .sum::<i64>();
    let deductions_fen = input.fines_fen + pay_percent_fen;
    let gross = earned + input.rewards_fen;
    let cap_fen = gross * input.cap_percent / 100;
    PayLine {
        base_fen: input.base_fen,
        commission_fen: input.commission_fen,
        rewards_fen: input.rewards_fen,
        pay_percent_fen,
        deductions_fen,
        net_fen: gross - deductions_fen,
        cap_fen,
        over_cap: deductions_fen > cap_fen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_net_is_base_plus_commission_plus_rewards_less_deductions() {
        let line = pay_line(&PayInputs {
            base_fen: 300_000,
            commission_fen: 57_600,
            rewards_fen: 3_000,
            fines_fen: 5_000,
            pay_percents: vec![5],
            cap_percent: 20,
        });
        // 5 % of (3,000 + 576) yuan = 178.80 yuan.
        assert_eq!(line.pay_percent_fen, 17_880);
        assert_eq!(line.deductions_fen, 22_880);
        assert_eq!(line.net_fen, 300_000 + 57_600 + 3_000 - 22_880);
        assert_eq!(line.cap_fen, 72_120);
        assert!(!line.over_cap);
    }

    #[test]
    fn deductions_past_the_cap_are_flagged_and_the_cap_itself_is_not() {
        let at = |fines_fen| {
            pay_line(&PayInputs {
                base_fen: 100_000,
                fines_fen,
                cap_percent: 20,
                ..PayInputs::default()
            })
        };
        assert!(!at(20_000).over_cap);
        assert!(at(20_001).over_cap);
    }
}
