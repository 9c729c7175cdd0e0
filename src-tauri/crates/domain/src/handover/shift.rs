//! A team's shifts as the roster makes them, and which one takes over from which. A log is a
//! roster fact: one per distinct working cell among the team's agents on a date.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::roster::{Cell, ShiftTemplate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TeamShift {
    pub team_id: i64,
    /// The local date the shift starts on.
    pub date: NaiveDate,
    /// The cell's text (`D`, `09:00-12:00+14:00-18:00`): with team and date, the log's key.
    pub key: String,
    /// The template's name (白班), else the key.
    pub name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// 工号, sorted.
    pub members: Vec<String>,
}

impl TeamShift {
    fn order_key(&self) -> (DateTime<Utc>, DateTime<Utc>, &str) {
        (self.start, self.end, &self.key)
    }
}

/// One shift per distinct working cell per date among one team's `(工号, date, cell)`, sorted by
/// (start, end, key). Rest, empty and unknown codes make none; so does a local time the clocks
/// skipped (the roster check already flags such cells).
pub fn team_shifts(
    team_id: i64,
    cells: &[(String, NaiveDate, Cell)],
    templates: &[ShiftTemplate],
    tz: Tz,
) -> Vec<TeamShift> {
    let mut by_cell: BTreeMap<(NaiveDate, String), TeamShift> = BTreeMap::new();
    for (employee_no, date, cell) in cells {
        let key = cell.text();
        if let Some(shift) = by_cell.get_mut(&(*date, key.clone())) {
            shift.members.push(employee_no.clone());
            continue;
        }
        let Some(times) = cell.times(*date, templates) else {
            continue;
        };
        let (Some(start), Some(end)) = (utc(tz, times.start), utc(tz, times.end)) else {
            continue;
        };
        let name = match cell {
            Cell::Shift(code) => templates
                .iter()
                .find(|t| &t.code == code)
                .map_or_else(|| key.clone(), |t| t.name.clone()),
            _ => key.clone(),
        };
        by_cell.insert(
            (*date, key.clone()),
            TeamShift {
                team_id,
                date: *date,
                key,
                name,
                start,
                end,
                members: vec![employee_no.clone()],
            },
        );
    }
    let mut shifts: Vec<TeamShift> = by_cell.into_values().collect();
    for shift in &mut shifts {
        shift.members.sort();
        shift.members.dedup();
    }
    shifts.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    shifts
}

/// The instant of a local time; an ambiguous one (clocks turned back) takes the first, as the
/// floor's shift spans do.
fn utc(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The same team's next shift: the smallest (start, end, key) starting at or after the outgoing
/// end, never the outgoing shift itself. How far ahead to look is the caller's choice of
/// candidates (`INCOMING_HORIZON_DAYS`).
pub fn incoming_shift<'a>(
    outgoing: &TeamShift,
    candidates: &'a [TeamShift],
) -> Option<&'a TeamShift> {
    candidates
        .iter()
        .filter(|c| c.team_id == outgoing.team_id && c.start >= outgoing.end)
        .filter(|c| !(c.date == outgoing.date && c.key == outgoing.key))
        .min_by(|a, b| a.order_key().cmp(&b.order_key()))
}

/// The incoming starts within `gap_min` minutes of the outgoing end, never before it: then the
/// handover is face to face.
pub fn shifts_meet(
    outgoing_end: DateTime<Utc>,
    incoming_start: DateTime<Utc>,
    gap_min: i64,
) -> bool {
    let gap = incoming_start - outgoing_end;
    gap >= chrono::Duration::zero() && gap <= chrono::Duration::minutes(gap_min)
}
