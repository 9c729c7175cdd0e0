//! 违规与奖惩: the rule book as data (categories, counting periods, ladders of actions,
//! co-penalties), counting offences, pricing a step into ledger lines, the equal split of
//! equipment nobody can be charged for, the legal cap, and the ledger's seal (seeds 000, 003,
//! 004). Every amount is a default a supervisor edits.

pub mod count;
pub mod propose;
pub mod rule;
pub mod seal;
pub mod seeds;

pub use count::{Offence, before, in_window, offence_no, renumbered};
pub use propose::{
    CoLines, Facts, Line, Proposal, check_facts, corresponding, deduction_fen, employee_no_order,
    over_cap, price, propose, split_equally,
};
pub use rule::{
    Action, ActionCode, Amount, Category, CoParty, CoPenalty, LineKind, MAX_AMOUNT_FEN, Period,
    RuleBody,
};
pub use seeds::{SEEDED_EQUIPMENT, seeded_rules};
