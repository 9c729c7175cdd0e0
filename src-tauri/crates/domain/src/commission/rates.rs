//! The month's commission: sales at the rate of the tier the month's total falls in, times the
//! coefficient of the agent's grade (seed 003: 客服提成 = 销售额 × 绩效提成比例 × 综合考评比例);
//! or, for after-sales teams, seed 000's order value × rate plus a target bonus that is lost
//! entirely when any one target is missed (有一样不达标部门指标奖金全无).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::scores::Grade;
use crate::{ErrorCode, Problem};

/// A tier: from this month's total (inclusive) the whole month is paid at `rate_pct` percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Tier {
    pub from_fen: i64,
    /// A percentage, e.g. 0.8.
    #[specta(type = String)]
    pub rate_pct: Decimal,
}

fn invalid(field: &str, reason: &str) -> Problem {
    Problem::new(ErrorCode::CommissionInvalidTable, reason).with("field", field)
}

/// A tier table is usable when it starts at 0, rises strictly and its rates are 0–100 %.
pub fn check_tiers(tiers: &[Tier]) -> Result<(), Problem> {
    let Some(first) = tiers.first() else {
        return Err(invalid("tiers", "a tier table needs at least one tier"));
    };
    if first.from_fen != 0 {
        return Err(invalid("from", "the first tier starts at 0"));
    }
    if tiers.windows(2).any(|w| w[1].from_fen <= w[0].from_fen) {
        return Err(invalid("from", "each tier starts above the one before"));
    }
    if tiers
        .iter()
        .any(|t| t.rate_pct < Decimal::ZERO || t.rate_pct > Decimal::ONE_HUNDRED)
    {
        return Err(invalid("rate", "a rate is 0 to 100 percent"));
    }
    Ok(())
}

/// The tier the month's total falls in: the highest whose start is at or below it.
pub fn tier_for(tiers: &[Tier], total_fen: i64) -> Option<&Tier> {
    tiers
        .iter()
        .filter(|t| t.from_fen <= total_fen)
        .max_by_key(|t| t.from_fen)
}

/// The coefficient of each grade (综合考评比例), and of a month without a published grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Coefficients {
    #[specta(type = String)]
    pub excellent: Decimal,
    #[specta(type = String)]
    pub good: Decimal,
    #[specta(type = String)]
    pub pass: Decimal,
    #[specta(type = String)]
    pub fail: Decimal,
    #[specta(type = String)]
    pub ungraded: Decimal,
}

impl Default for Coefficients {
    /// Product defaults (not from the seeds): 1.2, 1.0, 0.8, 0.5, and 1.0 without a grade.
    fn default() -> Self {
        Coefficients {
            excellent: Decimal::new(12, 1),
            good: Decimal::ONE,
            pass: Decimal::new(8, 1),
            fail: Decimal::new(5, 1),
            ungraded: Decimal::ONE,
        }
    }
}

impl Coefficients {
    pub fn of(&self, grade: Option<Grade>) -> Decimal {
        match grade {
            Some(Grade::Excellent) => self.excellent,
            Some(Grade::Good) => self.good,
            Some(Grade::Pass) => self.pass,
            Some(Grade::Fail) => self.fail,
            None => self.ungraded,
        }
    }

    /// Coefficients are 0–10.
    pub fn check(&self) -> Result<(), Problem> {
        let all = [
            self.excellent,
            self.good,
            self.pass,
            self.fail,
            self.ungraded,
        ];
        if all.iter().any(|c| *c < Decimal::ZERO || *c > Decimal::TEN) {
            return Err(invalid("coefficient", "a coefficient is 0 to 10"));
        }
        Ok(())
    }
}

fn fen(value: Decimal) -> i64 {
    value
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .try_into()
        .unwrap_or(i64::MAX)
}

/// Sales × rate % × coefficient, rounded half up to the fen once, at the end.
pub fn sales_commission(sales_fen: i64, rate_pct: Decimal, coefficient: Decimal) -> i64 {
    fen(Decimal::from(sales_fen) * rate_pct / Decimal::ONE_HUNDRED * coefficient)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Met when the actual figure is at most the target (退款率, 纠纷, 投诉).
    AtMost,
    /// Met when the actual figure is at least the target (DSR评分).
    AtLeast,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::AtMost => "at_most",
            Direction::AtLeast => "at_least",
        }
    }

    pub fn parse(text: &str) -> Option<Direction> {
        [Direction::AtMost, Direction::AtLeast]
            .into_iter()
            .find(|d| d.as_str() == text)
    }
}

/// One of an after-sales team's targets for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Target {
    pub key: String,
    pub label_zh: String,
    pub unit: String,
    pub direction: Direction,
    #[specta(type = String)]
    pub target: Decimal,
    /// None until the month's figure is entered.
    #[specta(type = Option<String>)]
    pub actual: Option<Decimal>,
}

/// Met, missed, or not known yet (no figure entered).
pub fn target_met(t: &Target) -> Option<bool> {
    let actual = t.actual?;
    Some(match t.direction {
        Direction::AtMost => actual <= t.target,
        Direction::AtLeast => actual >= t.target,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AfterSalesResult {
    /// Order value × rate, rounded half up.
    pub value_part_fen: i64,
    /// The bonus paid: all of it when every target is met, else nothing.
    pub bonus_fen: i64,
    /// The keys of the targets missed.
    pub missed: Vec<String>,
    /// The keys of the targets with no figure yet (the bonus waits for them).
    pub unknown: Vec<String>,
}

impl AfterSalesResult {
    pub fn total_fen(&self) -> i64 {
        self.value_part_fen + self.bonus_fen
    }
}

/// Seed 000's after-sales form: order value × rate + the whole bonus, or no bonus at all when
/// one target is missed or not yet known.
pub fn after_sales_commission(
    order_value_fen: i64,
    rate_pct: Decimal,
    bonus_fen: i64,
    targets: &[Target],
) -> AfterSalesResult {
    let keys = |want: Option<bool>| -> Vec<String> {
        targets
            .iter()
            .filter(|t| target_met(t) == want)
            .map(|t| t.key.clone())
            .collect()
    };
    let missed = keys(Some(false));
    let unknown = keys(None);
    AfterSalesResult {
        value_part_fen: fen(Decimal::from(order_value_fen) * rate_pct / Decimal::ONE_HUNDRED),
        bonus_fen: if missed.is_empty() && unknown.is_empty() {
            bonus_fen
        } else {
            0
        },
        missed,
        unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn tiers() -> Vec<Tier> {
        [(0, "0.5"), (5_000_000, "0.8"), (10_000_000, "1.0")]
            .into_iter()
            .map(|(from_fen, r)| Tier {
                from_fen,
                rate_pct: d(r),
            })
            .collect()
    }

    #[test]
    fn a_total_exactly_at_a_tier_start_takes_that_tier_and_a_fen_less_the_one_below() {
        let t = tiers();
        assert_eq!(tier_for(&t, 5_000_000).unwrap().rate_pct, d("0.8"));
        assert_eq!(tier_for(&t, 4_999_999).unwrap().rate_pct, d("0.5"));
        assert_eq!(tier_for(&t, 0).unwrap().rate_pct, d("0.5"));
        assert_eq!(tier_for(&t, 99_999_999).unwrap().rate_pct, d("1.0"));
    }

    #[test]
    fn the_whole_month_is_paid_at_its_tiers_rate_times_the_grade_coefficient() {
        // 60,000 yuan at 0.8 % = 480 yuan; excellent × 1.2 = 576 yuan.
        let c = Coefficients::default();
        assert_eq!(
            sales_commission(6_000_000, d("0.8"), c.of(Some(Grade::Excellent))),
            57_600
        );
        assert_eq!(
            sales_commission(6_000_000, d("0.8"), c.of(Some(Grade::Fail))),
            24_000
        );
        assert_eq!(sales_commission(6_000_000, d("0.8"), c.of(None)), 48_000);
    }

    #[test]
    fn commission_rounds_half_up_once_at_the_end() {
        // 12,345 fen × 0.5 % = 61.725 fen; × 0.8 = 49.38 → 49.
        assert_eq!(sales_commission(12_345, d("0.5"), d("0.8")), 49);
        // 101 fen × 0.5 % × 1 = 0.505 → 1 (half up).
        assert_eq!(sales_commission(101, d("0.5"), Decimal::ONE), 1);
        assert_eq!(sales_commission(99, d("0.5"), Decimal::ONE), 0);
    }

    #[test]
    fn tier_tables_must_start_at_zero_and_rise() {
        assert!(check_tiers(&tiers()).is_ok());
        assert!(check_tiers(&[]).is_err());
        let mut t = tiers();
        t[0].from_fen = 1;
        assert!(check_tiers(&t).is_err());
        let mut t = tiers();
        t[2].from_fen = t[1].from_fen;
        assert!(check_tiers(&t).is_err());
        let mut t = tiers();
        t[1].rate_pct = d("101");
        assert!(check_tiers(&t).is_err());
    }

    fn target(key: &str, direction: Direction, target: &str, actual: Option<&str>) -> Target {
        Target {
            key: key.into(),
            label_zh: key.into(),
            unit: String::new(),
            direction,
            target: d(target),
            actual: actual.map(d),
        }
    }

    #[test]
    fn the_after_sales_bonus_is_all_or_nothing() {
        let met = vec![
            target("refund_rate", Direction::AtMost, "5", Some("5")),
            target("dsr", Direction::AtLeast, "4.8", Some("4.8")),
        ];
        // 300,000 yuan × 0.3 % = 900 yuan, + 500 yuan bonus.
        let r = after_sales_commission(30_000_000, d("0.3"), 50_000, &met);
        assert_eq!((r.value_part_fen, r.bonus_fen), (90_000, 50_000));
        assert_eq!(r.total_fen(), 140_000);

        let mut one_missed = met.clone();
        one_missed[1].actual = Some(d("4.79"));
        let r = after_sales_commission(30_000_000, d("0.3"), 50_000, &one_missed);
        assert_eq!((r.value_part_fen, r.bonus_fen), (90_000, 0));
        assert_eq!(r.missed, vec!["dsr".to_owned()]);

        let mut not_entered = met;
        not_entered[0].actual = None;
        let r = after_sales_commission(30_000_000, d("0.3"), 50_000, &not_entered);
        assert_eq!(r.bonus_fen, 0);
        assert_eq!(r.unknown, vec!["refund_rate".to_owned()]);
    }

    proptest! {
        #[test]
        fn more_sales_never_pay_less(a in 0i64..100_000_000, extra in 0i64..10_000_000, coef in 0u32..30) {
            let t = tiers();
            let c = Decimal::new(i64::from(coef), 1);
            let pay = |s: i64| sales_commission(s, tier_for(&t, s).unwrap().rate_pct, c);
            prop_assert!(pay(a + extra) >= pay(a));
        }
    }
}
