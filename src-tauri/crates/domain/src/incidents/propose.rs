//! What the ladder proposes for one offence: the step's actions priced into ledger lines, and
//! the co-penalties. Also the equal split of equipment nobody can be charged for, and the
//! legal cap on a month's deductions.

use serde::{Deserialize, Serialize};

use super::rule::{Action, ActionCode, Amount, CoParty, LineKind, RuleBody};
use crate::{ErrorCode, Problem};

/// What the recorder says about an incident, beyond who, what and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct Facts {
    /// 1–5, for a ranged fine only.
    pub severity: Option<u8>,
    /// Units (false records, pieces of equipment); 1 unless the rule prices per unit.
    pub quantity: u32,
    /// The equipment's list price, for compensation.
    pub list_price_fen: Option<i64>,
    /// The amount stated when recording (the quarterly reward).
    pub stated_fen: Option<i64>,
}

/// One action priced: a line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Line {
    pub action: ActionCode,
    pub kind: LineKind,
    /// Never negative: `kind` gives the direction. 0 for warnings and the like, and for
    /// `pay_percent` (which carries `percent`).
    pub amount_fen: i64,
    pub percent: Option<u32>,
}

/// The offender's lines and each co-penalty's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Proposal {
    pub offence_no: u32,
    pub lines: Vec<Line>,
    pub co_penalties: Vec<CoLines>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoLines {
    pub party: CoParty,
    pub always: bool,
    pub lines: Vec<Line>,
}

fn bad_fact(rule: &RuleBody, field: &str, message: String) -> Problem {
    Problem::new(ErrorCode::IncidentsBadFact, message)
        .with("rule", &rule.code)
        .with("field", field)
}

/// Refuses facts the rule does not take or lacks facts it needs.
pub fn check_facts(rule: &RuleBody, facts: &Facts) -> Result<(), Problem> {
    match (rule.needs_severity(), facts.severity) {
        (true, None) => {
            return Err(bad_fact(
                rule,
                "severity",
                format!("{} needs a severity 1–5", rule.code),
            ));
        }
        (true, Some(s)) if !(1..=5).contains(&s) => {
            return Err(bad_fact(
                rule,
                "severity",
                format!("severity {s} is not 1–5"),
            ));
        }
        (false, Some(_)) => {
            return Err(bad_fact(
                rule,
                "severity",
                format!("{} has no ranged fine: leave severity empty", rule.code),
            ));
        }
        _ => {}
    }
    if facts.quantity == 0 || facts.quantity > 10_000 {
        return Err(bad_fact(rule, "quantity", "quantity is 1 to 10000".into()));
    }
    if facts.quantity != 1 && !rule.counts_units() {
        return Err(bad_fact(
            rule,
            "quantity",
            format!("{} is not priced per unit: quantity must be 1", rule.code),
        ));
    }
    if rule.needs_item() && facts.list_price_fen.is_none() {
        return Err(bad_fact(
            rule,
            "item",
            format!("{} needs the equipment", rule.code),
        ));
    }
    if rule.needs_stated_amount() && facts.stated_fen.is_none_or(|f| f <= 0) {
        return Err(bad_fact(
            rule,
            "amount",
            format!("{} needs the amount", rule.code),
        ));
    }
    Ok(())
}

fn price_amount(amount: &Amount, facts: &Facts) -> i64 {
    let quantity = i64::from(facts.quantity.max(1));
    match amount {
        Amount::Fixed { fen } => *fen,
        Amount::BySeverity { fen } => {
            let index = usize::from(facts.severity.unwrap_or(1).clamp(1, 5)) - 1;
            fen.get(index).copied().unwrap_or(0)
        }
        Amount::PerUnit { fen } => fen * quantity,
        Amount::Stated => facts.stated_fen.unwrap_or(0),
    }
}

/// Prices actions into lines, in the step's order.
pub fn price(actions: &[Action], facts: &Facts) -> Vec<Line> {
    actions
        .iter()
        .map(|action| {
            let code = action.code();
            let (amount_fen, percent) = match action {
                Action::Fine { amount } | Action::Reward { amount } => {
                    (price_amount(amount, facts), None)
                }
                Action::PayPercent { percent } => (0, Some(*percent)),
                Action::Compensation => (
                    facts.list_price_fen.unwrap_or(0) * i64::from(facts.quantity.max(1)),
                    None,
                ),
                _ => (0, None),
            };
            Line {
                action: code,
                kind: code.kind(),
                amount_fen,
                percent,
            }
        })
        .collect()
}

/// The ladder's proposal for the `offence_no`-th offence.
pub fn propose(rule: &RuleBody, offence_no: u32, facts: &Facts) -> Result<Proposal, Problem> {
    check_facts(rule, facts)?;
    let lines = price(rule.step(offence_no), facts);
    let co_penalties = rule
        .co_penalties
        .iter()
        .map(|co| CoLines {
            party: co.party,
            always: co.always,
            lines: if co.actions.is_empty() {
                corresponding(&lines)
            } else {
                price(&co.actions, facts)
            },
        })
        .collect();
    Ok(Proposal {
        offence_no,
        lines,
        co_penalties,
    })
}

/// 受相应处罚: the offender's lines, less dismissal and reassignment (they stay the offender's).
pub fn corresponding(lines: &[Line]) -> Vec<Line> {
    lines
        .iter()
        .filter(|l| {
            !matches!(
                l.action,
                ActionCode::DismissalProposal | ActionCode::Reassign
            )
        })
        .cloned()
        .collect()
}

/// Splits `total_fen` equally over the people (by 工号, any order given); the fen left over
/// goes to the lowest 工号, so the parts add up to the total. Empty when nobody is given.
pub fn split_equally(total_fen: i64, employee_nos: &[String]) -> Vec<(String, i64)> {
    let mut people: Vec<&String> = employee_nos.iter().collect();
    people.sort_by(|a, b| employee_no_order(a, b));
    people.dedup();
    let Some(count) = i64::try_from(people.len()).ok().filter(|c| *c > 0) else {
        return Vec::new();
    };
    let share = total_fen / count;
    let left = total_fen - share * count;
    people
        .into_iter()
        .enumerate()
        .map(|(i, e)| (e.clone(), if i == 0 { share + left } else { share }))
        .collect()
}

/// 工号 order: numeric when both are numbers ("999" before "1000"), else as text.
pub fn employee_no_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        _ => a.cmp(b),
    }
}

/// What a line takes out of the month's pay: fines, compensation and a pay percentage priced
/// on `base_pay_fen` (half a fen rounds up). Rewards and warnings take nothing.
pub fn deduction_fen(line: &Line, base_pay_fen: i64) -> i64 {
    match line.action {
        ActionCode::Fine | ActionCode::Compensation => line.amount_fen,
        ActionCode::PayPercent => (base_pay_fen * i64::from(line.percent.unwrap_or(0)) + 50) / 100,
        _ => 0,
    }
}

/// The legal cap: a month's deductions may not pass `cap_percent` of the month's pay. Returns
/// the cap when `deductions_fen` is above it.
pub fn over_cap(pay_fen: i64, cap_percent: i64, deductions_fen: i64) -> Option<i64> {
    let cap = pay_fen * cap_percent / 100;
    (deductions_fen > cap).then_some(cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incidents::seeds::seeded_rules;

    fn rule(code: &str) -> RuleBody {
        seeded_rules()
            .into_iter()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("{code} is seeded"))
    }

    fn one() -> Facts {
        Facts {
            quantity: 1,
            ..Facts::default()
        }
    }

    #[test]
    fn non_work_activity_climbs_to_a_dismissal_proposal_and_the_lead_answers_too() {
        let r = rule("non_work_activity");
        let first = propose(&r, 1, &one()).unwrap();
        let codes: Vec<_> = first
            .lines
            .iter()
            .map(|l| (l.action, l.amount_fen))
            .collect();
        assert_eq!(
            codes,
            vec![(ActionCode::VerbalWarning, 0), (ActionCode::Fine, 1_000)]
        );
        assert_eq!(propose(&r, 2, &one()).unwrap().lines[0].amount_fen, 3_000);
        let third = propose(&r, 3, &one()).unwrap();
        assert_eq!(third.lines[0].action, ActionCode::DismissalProposal);
        assert_eq!(propose(&r, 7, &one()).unwrap().lines, third.lines);
        let lead = &first.co_penalties[0];
        assert_eq!((lead.party, lead.always), (CoParty::Lead, false));
        assert_eq!(
            lead.lines, first.lines,
            "受相应处罚: the offender's penalty"
        );
        assert!(
            third.co_penalties[0].lines.is_empty(),
            "no dismissal for the lead"
        );
    }

    #[test]
    fn a_ranged_fine_needs_a_severity_and_others_refuse_one() {
        let complaint = rule("valid_complaint");
        assert_eq!(
            propose(&complaint, 1, &one()).unwrap_err().code,
            ErrorCode::IncidentsBadFact
        );
        let severe = Facts {
            severity: Some(4),
            ..one()
        };
        let lines = propose(&complaint, 1, &severe).unwrap().lines;
        assert_eq!(lines[0].amount_fen, 8_000);
        assert_eq!(lines[1].action, ActionCode::SelfReview);
        assert!(propose(&rule("meeting_late"), 1, &severe).is_err());
    }

    #[test]
    fn per_unit_rules_take_a_quantity_and_others_refuse_one() {
        let three = Facts {
            quantity: 3,
            ..one()
        };
        assert_eq!(
            propose(&rule("record_false"), 1, &three).unwrap().lines[0].amount_fen,
            6_000
        );
        assert!(propose(&rule("meeting_absent"), 1, &three).is_err());
    }

    #[test]
    fn equipment_is_charged_at_list_price() {
        let r = rule("equipment_damage");
        assert!(propose(&r, 1, &one()).is_err(), "needs the item");
        let headset = Facts {
            list_price_fen: Some(12_800),
            ..one()
        };
        let lines = propose(&r, 1, &headset).unwrap().lines;
        assert_eq!(lines[0].kind, LineKind::Compensation);
        assert_eq!(lines[0].amount_fen, 12_800);
    }

    #[test]
    fn the_manager_answers_for_a_late_report_at_the_rule_amount() {
        let p = propose(&rule("report_late"), 1, &one()).unwrap();
        assert_eq!(p.lines[0].amount_fen, 5_000);
        let manager = &p.co_penalties[0];
        assert_eq!((manager.party, manager.always), (CoParty::Manager, true));
        assert_eq!(manager.lines[0].amount_fen, 8_000);
    }

    #[test]
    fn a_split_adds_up_to_the_fen_with_the_rest_to_the_lowest_employee_no() {
        let people: Vec<String> = ["4003", "4001", "10002"].map(String::from).into();
        let parts = split_equally(10_000, &people);
        assert_eq!(
            parts,
            vec![
                ("4001".into(), 3_334),
                ("4003".into(), 3_333),
                ("10002".into(), 3_333)
            ]
        );
        assert!(split_equally(100, &[]).is_empty());
    }

    #[test]
    fn the_cap_is_a_fifth_of_the_pay_by_default() {
        assert_eq!(over_cap(300_000, 20, 60_000), None);
        assert_eq!(over_cap(300_000, 20, 60_001), Some(60_000));
        let ten_percent = Line {
            action: ActionCode::PayPercent,
            kind: LineKind::Penalty,
            amount_fen: 0,
            percent: Some(10),
        };
        assert_eq!(deduction_fen(&ten_percent, 300_005), 30_001);
    }
}
