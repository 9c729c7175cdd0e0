//! The crate's integration tests as one binary: each file under tests/ would be a binary of
//! its own to link, and linking dominates a cold test run.

mod floor_breaks;
mod floor_load;
mod floor_notices;
mod floor_props;
mod floor_rules;
mod roster_fairness;
mod roster_rules;
mod rules_doc;
