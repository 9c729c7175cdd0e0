//! The crate's integration tests as one binary: each file under tests/ would be a binary of
//! its own to link, and linking dominates a cold test run.

mod cli;
mod commission_import;
mod common;
mod complaints;
mod floor;
mod handover;
mod incidents;
mod roster;
mod scores;
mod verify;
