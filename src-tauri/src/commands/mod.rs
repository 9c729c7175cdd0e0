//! The IPC surface: thin translations between the UI and the store. Each command checks the
//! operator's permission, calls the store, and announces what changed.

pub mod admin;
pub mod attendance;
pub mod commission;
pub mod complaints;
pub mod floor;
mod form;
pub mod handover;
pub mod incidents;
pub mod meetings;
pub mod people;
pub mod planning;
pub mod print;
pub mod roster;
pub mod scores;
pub mod session;
pub mod settings;
