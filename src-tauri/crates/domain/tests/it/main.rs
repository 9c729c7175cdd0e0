//! The crate's integration tests as one binary: each file under tests/ would be a binary of
//! its own to link, and linking dominates a cold test run.

mod floor_breaks;
mod floor_load;
mod floor_notices;
mod floor_props;
mod floor_rules;
mod handover_carry;
mod handover_items;
mod handover_lead;
mod handover_misc;
mod handover_roll_call;
mod handover_seal;
mod handover_shifts;
mod handover_sign;
mod roster_fairness;
mod roster_rules;
mod rules_doc;
mod scores_props;
