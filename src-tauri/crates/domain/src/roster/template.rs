//! Shift templates: the named shifts a roster cell refers to by code.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// Codes that mean a rest day (休) in a cell or a file.
pub const REST_CODES: [&str; 2] = ["休", "R"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ShiftTemplate {
    /// What a cell holds, e.g. `D`.
    pub code: String,
    /// 白班, 晚班 …
    pub name: String,
    pub start: NaiveTime,
    /// At or before `start`: the shift ends the next day.
    pub end: NaiveTime,
    /// Counts as a night shift (fairness counts them per agent).
    pub night: bool,
    /// Paid minutes (a meal break may be unpaid); by default the span's length.
    pub paid_minutes: i64,
    /// A CSS colour for the grid, e.g. `#e6f4ff`.
    pub colour: String,
}

impl ShiftTemplate {
    pub fn new(
        code: &str,
        name: &str,
        start: (u32, u32),
        end: (u32, u32),
        night: bool,
        colour: &str,
    ) -> ShiftTemplate {
        let time = |(h, m): (u32, u32)| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        let (start, end) = (time(start), time(end));
        ShiftTemplate {
            code: code.to_owned(),
            name: name.to_owned(),
            start,
            end,
            night,
            paid_minutes: span_minutes(start, end),
            colour: colour.to_owned(),
        }
    }

    /// Whether the shift ends on the next day.
    pub fn overnight(&self) -> bool {
        self.end <= self.start
    }
}

/// Minutes from `start` to `end`, across midnight when `end` is not later.
pub fn span_minutes(start: NaiveTime, end: NaiveTime) -> i64 {
    let minutes = (end - start).num_minutes();
    if minutes <= 0 {
        minutes + 24 * 60
    } else {
        minutes
    }
}

/// The templates a new site starts with (seed 003's shops and a 24-hour centre's night).
pub fn seeded_templates() -> Vec<ShiftTemplate> {
    vec![
        ShiftTemplate::new("D", "白班", (8, 30), (16, 0), false, "#e6f4ff"),
        ShiftTemplate::new("N", "晚班", (16, 0), (23, 30), true, "#f9f0ff"),
        ShiftTemplate::new("M", "常日班", (9, 0), (18, 0), false, "#f6ffed"),
        ShiftTemplate::new("O", "夜班", (23, 30), (8, 30), true, "#fff1f0"),
    ]
}
