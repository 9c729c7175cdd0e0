//! 投诉 (schema 11): a customer complaint from registration to close (seeds 001, 003: 登记 →
//! 分流并设定处理时限 → 调查 → 判定 → 答复 → 回访 → 结案与原因分析). A valid ruling proposes
//! `valid_complaint` through the rule book (seed 000: 有理投诉 20–100 元 by severity and a written
//! self-review); valid complaints counted over a rolling window flag an agent for reassignment.
//! A closed complaint never changes (the database refuses).

mod analysis;
mod causes;
mod flags;
mod list;
mod overdue;
mod workflow;

pub use analysis::{
    ComplaintAnalysis, ComplaintCount, ContactsInput, MonthCauseCount, MonthCount, TeamCount,
};
pub use causes::{CauseInput, ComplaintCause};
pub use flags::ComplaintFlag;
pub use list::{ComplaintQuery, ComplaintRow, ComplaintStepDone};
pub use overdue::OverdueComplaint;
pub(crate) use workflow::{ClosedComplaint, ComplaintSource, insert_closed};
pub use workflow::{ComplaintAction, ComplaintChannel, ComplaintInput};

use chrono::{DateTime, Utc};
use floordesk_domain::complaints::ComplaintPolicy;
use rusqlite::Connection;

use crate::Result;
use crate::policy::value_at;

/// The workflow's clocks and the reassignment count in force at `at`.
pub(crate) fn policy_at(conn: &Connection, at: DateTime<Utc>) -> Result<ComplaintPolicy> {
    let get =
        |key: &str| -> Result<u32> { Ok(u32::try_from(value_at(conn, key, at)?).unwrap_or(1)) };
    Ok(ComplaintPolicy {
        route_hours: get("complaint_route_hours")?,
        handle_hours: get("complaint_handle_hours")?,
        visit_days: get("complaint_visit_days")?,
        reassign_count: get("complaint_reassign_count")?,
        reassign_days: get("complaint_reassign_days")?,
    })
}
