//! The crate's integration tests as one binary: each file under tests/ would be a binary of
//! its own to link, and linking dominates a cold test run.

mod attendance;
mod backup_and_demo;
mod breaks;
mod common;
mod complaints;
mod demo_roster;
mod handover_common;
mod handover_items;
mod handover_logs;
mod handover_reminders;
mod handover_schema;
mod handover_seal;
mod handover_show;
mod handover_sign;
mod handover_view;
mod import;
mod incidents;
mod incidents_ledger;
mod live;
mod meetings_reports;
mod migrations;
mod notices;
mod people;
mod reader;
mod roster;
mod roster_generate;
mod roster_reach;
mod scores_common;
mod scores_computed;
mod scores_entry;
mod scores_import;
mod scores_publish;
mod scores_quarter;
mod scores_templates;
mod users;
