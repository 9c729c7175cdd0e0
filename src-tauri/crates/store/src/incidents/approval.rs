//! The approver's PIN: a void and an appeal's decision are approved by a supervisor or manager
//! typing their own PIN, whoever operates the PC.

use chrono::{DateTime, Utc};
use floordesk_domain::access::Permission;
use floordesk_domain::{ErrorCode, Problem};
use serde::{Deserialize, Serialize};

use crate::{Result, Store};

/// A supervisor's or manager's PIN for a void or an appeal's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Approval {
    pub user_id: i64,
    pub pin: String,
}

/// Checks the approver's PIN (a wrong one counts toward their lockout) and their right.
pub(crate) fn approve(store: &mut Store, approval: &Approval, at: DateTime<Utc>) -> Result<i64> {
    let user = store.authenticate(approval.user_id, &approval.pin, at)?;
    if !user.role.can(Permission::ConfirmIncidents) {
        return Err(Problem::new(
            ErrorCode::AuthForbidden,
            "a supervisor or manager approves voids and appeals",
        )
        .into());
    }
    Ok(user.id)
}
