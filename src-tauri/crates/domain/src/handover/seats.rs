//! Seats for a shift (seed 003: 进班座位不得私自进行选择，统一听从交接班长安排): the 交接班长's
//! assignment overrides the home seat while the shift runs, and a seat holds one agent at a time.

use std::collections::{HashMap, HashSet};

/// An agent on shift around the time a seat is assigned, as the conflict check sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupant {
    pub employee_no: String,
    pub home_seat_id: Option<i64>,
    /// The seat their 交接班长 assigned for the shift.
    pub assigned_seat_id: Option<i64>,
}

impl Occupant {
    /// The seat they sit in: the assigned one, else their home seat.
    pub fn seat_id(&self) -> Option<i64> {
        self.assigned_seat_id.or(self.home_seat_id)
    }
}

/// The board's seat per agent (工号 → (seat id, assigned?)): an on-shift assignment wins; an
/// agent whose home seat another's assignment holds, and who has none of their own, is shown
/// without a seat.
pub fn board_seats(
    home: &[(String, Option<i64>)],
    assigned: &[(String, i64)],
) -> HashMap<String, (Option<i64>, bool)> {
    let taken: HashSet<i64> = assigned.iter().map(|(_, seat)| *seat).collect();
    let mut seats: HashMap<String, (Option<i64>, bool)> = home
        .iter()
        .map(|(no, seat)| {
            let seat = seat.filter(|s| !taken.contains(s));
            (no.clone(), (seat, false))
        })
        .collect();
    for (no, seat) in assigned {
        seats.insert(no.clone(), (Some(*seat), true));
    }
    seats
}

/// Who else holds `seat` at the same time, if anyone: an agent assigned to it, else an agent
/// sitting there by home seat with no assignment. `occupants` are the agents of the logs that
/// overlap the shift in question.
pub fn seat_conflict<'a>(
    seat: i64,
    employee_no: &str,
    occupants: &'a [Occupant],
) -> Option<&'a str> {
    let others = || occupants.iter().filter(|o| o.employee_no != employee_no);
    others()
        .find(|o| o.assigned_seat_id == Some(seat))
        .or_else(|| others().find(|o| o.seat_id() == Some(seat)))
        .map(|o| o.employee_no.as_str())
}
