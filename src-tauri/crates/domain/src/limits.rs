//! The bounds a form checks before it sends: the same numbers the backend enforces, exported to
//! the UI as the constant `LIMITS` so no page restates them.

use serde::Serialize;

use crate::people::{EMPLOYEE_NO_MAX_LEN, NAME_MAX_LEN, SEAT_GRID_MAX};
use crate::pin::{PIN_MAX_LEN, PIN_MIN_LEN};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct Limits {
    /// A person's, team's, site's or seat code's length in characters.
    pub name_max_len: usize,
    pub employee_no_max_len: usize,
    /// A PIN is digits only, this many at least and at most.
    pub pin_min_len: usize,
    pub pin_max_len: usize,
    /// The floor map's largest column or row.
    pub seat_grid_max: i64,
}

pub const LIMITS: Limits = Limits {
    name_max_len: NAME_MAX_LEN,
    employee_no_max_len: EMPLOYEE_NO_MAX_LEN,
    pin_min_len: PIN_MIN_LEN,
    pin_max_len: PIN_MAX_LEN,
    seat_grid_max: SEAT_GRID_MAX,
};

/// A short handover field (customer, order number, who to contact), in characters.
pub const HANDOVER_FIELD_MAX_LEN: usize = 100;
/// A handover text (problem, promise, progress, notice, note, query, outcome, addendum), in
/// characters.
pub const HANDOVER_TEXT_MAX_LEN: usize = 1000;
/// A saved handover draft (the form as typed, JSON), in bytes: it is stored, not shown.
pub const HANDOVER_DRAFT_MAX_BYTES: usize = 8192;

/// A short field of a complaint, meeting or report duty (customer, order number, title, place),
/// in characters.
pub const WORKFLOW_FIELD_MAX_LEN: usize = 100;
/// A text of a complaint, meeting or report (content, findings, reply, visit note, reason), in
/// characters.
pub const WORKFLOW_TEXT_MAX_LEN: usize = 2000;
