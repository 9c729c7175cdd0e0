//! 违规与奖惩, the record (schema 10): the rule book in versions, the equipment price list,
//! incidents as seen (proposed, then confirmed or discarded), and the ledger of what was decided
//! (records chained by SHA-256, never changed: a void or an appeal's change is a new record),
//! acknowledgements, publications (公示), appeals and the fund.
//!
//! People are the `score_people` keys: `a<agent id>` or `u<user id>` (a manager off the floor).

mod appeals;
mod approval;
mod evidence;
mod export;
mod fund;
pub(crate) mod ledger;
mod list;
mod plan;
pub(crate) mod record;
mod rules;
mod seal;
pub(crate) mod verify;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, Transaction};

pub use appeals::{Appeal, AppealDecision, LedgerPublication};
pub use approval::Approval;
pub use evidence::MAX_EVIDENCE_BYTES;
pub use fund::{FundEntry, FundEntryKind, FundStatement};
pub use ledger::{LedgerLine, LedgerQuery, PreviewLine, Statement};
pub use list::IncidentQuery;
pub use record::{
    AckMode, AckView, CapWarning, Confirmation, IncidentInput, IncidentPreview, IncidentRow,
    IncidentSource, IncidentStatus, PriorOffence,
};
pub(crate) use record::{confirm_all_in, import_approver, propose_in};
pub use rules::{EquipmentInput, EquipmentItem, RuleBookFile, RuleRow};
pub use verify::LEDGER_TRIGGERS;

use crate::{Result, StoreError};

pub(crate) fn internal(message: impl Into<String>) -> StoreError {
    floordesk_domain::Problem::new(floordesk_domain::ErrorCode::Internal, message).into()
}

/// The site-local date of an instant.
pub(crate) fn local_date(tz: Tz, ts: DateTime<Utc>) -> NaiveDate {
    ts.with_timezone(&tz).date_naive()
}

pub(crate) fn site_tz(conn: &Connection) -> Result<Tz> {
    let tz: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT time_zone FROM site WHERE id = 1",
        [],
        |r| r.get(0),
    ))?;
    Ok(tz
        .and_then(|t| t.parse().ok())
        .unwrap_or(chrono_tz::Asia::Shanghai))
}

/// Migration 10's second half: the seeded rule book and price list, in force from the start.
pub(crate) fn seed_rule_book(tx: &Transaction<'_>) -> std::result::Result<(), StoreError> {
    rules::seed(tx)
}
