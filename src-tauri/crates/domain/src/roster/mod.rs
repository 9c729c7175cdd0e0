//! The roster (排班表): shift templates, one cell per agent and date, and the rules a month is
//! checked against (seed 003: 做六休一, 每月休息4天; a minimum rest between shifts; no shift on
//! a day of leave). Pure: the store supplies the cells, the calendar and the policy.

pub mod attendance;
mod cell;
mod check;
pub mod coverage;
pub mod erlang;
mod fairness;
pub mod generate;
mod leave;
mod template;

pub use cell::{Cell, ShiftTimes};
pub use check::{AgentMonth, RosterPolicy, RosterRule, Violation, check_month, month_days};
pub use fairness::{FairShare, Spread, TeamFairness, TeamMember, fair_share, team_fairness};
pub use leave::{LeaveFlag, LeaveFlagKind, LeaveKind, LeaveRecord, leave_dates, leave_flags};
pub use template::{REST_CODES, ShiftTemplate, seeded_templates, span_minutes};
