//! Shift handover (交接班) on record: logs per team and roster shift, their roll call and seats,
//! items as append-only timelines, sign-off into one seal chain, and `verify`. The rules are the
//! domain's (`floordesk_domain::handover`); the design is docs/design/handover.md §5.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod addenda;
pub mod day;
pub mod drafts;
pub mod export;
mod index;
pub mod items;
pub mod leads;
pub mod logs;
mod record;
pub mod reminders;
pub mod roll_call;
pub mod seal;
pub mod search;
pub mod seats;
pub mod show;
pub mod sign;
mod snapshot;
pub mod tick;
pub mod timeline;
pub mod verify;
pub mod view;

/// A team's shift on a date: the roster cell (a template code, or spans) its members work.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub struct LogKey {
    pub team_id: i64,
    pub date: NaiveDate,
    pub shift: String,
}

/// A person as a record names them: 工号 and name as they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonRef {
    pub employee_no: String,
    pub name: String,
}

/// A log as lists and timelines name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LogLabel {
    pub log_id: i64,
    pub date: NaiveDate,
    pub team_name: String,
    pub shift_key: String,
    pub shift_name: String,
}
