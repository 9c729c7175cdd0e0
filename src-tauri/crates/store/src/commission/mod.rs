//! Commission and pay for e-commerce service teams: the chat log and the paid orders, the
//! receptions and attributions derived from them, the tier and coefficient tables, each team's
//! scheme, the month's commission and the pay sheet.

pub mod detail;
pub mod month;
pub mod pay;
pub(crate) mod rebuild;
pub mod settings;
