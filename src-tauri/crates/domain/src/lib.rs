//! The rules of the floor: pure functions over plain data. No IO, no clock: every instant is
//! passed in by the caller, so the app, the CLI and the tests judge the same way.

pub mod access;
pub mod calendar;
pub mod code;
pub mod commission;
pub mod complaints;
pub mod floor;
pub mod handover;
pub mod incidents;
pub mod limits;
pub mod meetings;
pub mod people;
pub mod pin;
pub mod policy;
pub mod problem;
pub mod reports;
pub mod roster;
pub mod scores;

pub use code::ErrorCode;
pub use problem::Problem;
