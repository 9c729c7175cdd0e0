//! The demo's rest days (轮休), planned over the whole period at once before each month is
//! generated: every agent rests one weekend day a week — half the team on Saturdays, half on
//! Sundays — so weekend shifts come out even within a team (the same count, or one apart when a
//! month has one Saturday more than Sundays). Where that cannot be (a 调休 working weekend day, a
//! shift the demo fixes, leave, the first days after hire) the agent rests on another day,
//! spread over the days the requirement leaves room on, and comes back to their weekend day as
//! soon as the rules let them, with one rest day more if that is what it takes.
//!
//! Why here and not in the generator: generation plans one month at a time, so after a 调休
//! weekend moves someone's weekly rest day earlier it cannot bring it back later (做六休一 allows
//! at most six days between rest days, and it never adds a rest day the month does not owe);
//! an agent's weekend shifts then stay apart from the others' for the months after. Planning
//! the rest days across the months, as a lead does for a 轮休 rota, keeps them together; the
//! generator then chooses every shift around them.
//!
//! One agent at a time, by dynamic programming over the period (state: working days in a row,
//! rest days and weekend shifts so far this month; at each month's end the rest days it owes
//! and the weekend shifts against half its weekend days), each seeing the rest days of those
//! planned before them. The whole demo's rota takes a few tenths of a second in a debug build.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use floordesk_domain::calendar::HolidayKind;
use floordesk_domain::roster::RosterPolicy;

/// A day the plan cannot choose for an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fixed {
    /// A shift the demo keeps.
    Work,
    /// Neither work nor rest (leave, nothing rostered): ends a run of working days.
    Off,
}

pub(super) struct RotaAgent {
    pub(super) employee_no: String,
    pub(super) joined_on: Option<NaiveDate>,
    pub(super) left_on: Option<NaiveDate>,
}

/// Resting on the agent's own weekend day costs nothing, on the other weekend day a little,
/// on any other day more; a rest where the requirement leaves no room (someone is short) more
/// again, the more the shorter the day already is; a rest day beyond what the month owes a
/// little less than resting off the weekend for two weeks.
const OTHER_WEEKEND: i64 = 1;
const WEEKDAY: i64 = 4;
const NO_ROOM: i64 = 30;
const EXTRA_REST: i64 = 7;
/// Each weekend shift a month's count lies outside the team's band (half the month's weekend
/// days, rounded down to rounded up).
const OFF_BAND: i64 = 10;
/// The most rest days one month may hold in the plan, and weekend days.
const MOST_RESTS: usize = 12;
const MOST_WEEKEND: usize = 12;

/// Each agent's rest days from `first` to `last`. `room(date)`: how many agents may rest that
/// day without leaving the requirement short.
pub(super) fn plan_rest_days(
    first: NaiveDate,
    last: NaiveDate,
    agents: &[RotaAgent],
    fixed: &BTreeMap<(String, NaiveDate), Fixed>,
    calendar: &BTreeMap<NaiveDate, HolidayKind>,
    room: &dyn Fn(NaiveDate) -> usize,
    policy: &RosterPolicy,
) -> BTreeMap<String, Vec<NaiveDate>> {
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let mut resting = vec![0usize; days.len()];
    let mut out = BTreeMap::new();
    for (n, agent) in agents.iter().enumerate() {
        let own = if n % 2 == 0 {
            Weekday::Sat
        } else {
            Weekday::Sun
        };
        let rests = plan_one(agent, own, &days, fixed, calendar, room, &resting, policy);
        for (i, rest) in rests.iter().enumerate() {
            resting[i] += usize::from(*rest);
        }
        out.insert(
            agent.employee_no.clone(),
            days.iter()
                .zip(&rests)
                .filter(|(_, r)| **r)
                .map(|(d, _)| *d)
                .collect(),
        );
    }
    out
}

/// The rest days the policy owes for the days employed in a month (as `check_month` counts).
fn owed(agent: &RotaAgent, month: NaiveDate, policy: &RosterPolicy) -> usize {
    let Some((first, last)) = floordesk_domain::roster::month_days(month.year(), month.month())
    else {
        return 0;
    };
    let from = agent.joined_on.map_or(first, |d| d.max(first));
    let to = agent.left_on.map_or(last, |d| d.min(last));
    if from > to {
        return 0;
    }
    let employed = (to - from).num_days() + 1;
    let days = (last - first).num_days() + 1;
    usize::try_from((2 * policy.rest_days_per_month * employed + days) / (2 * days)).unwrap_or(0)
}

/// Whether the date counts as a weekend day (as fairness counts weekend shifts).
fn is_weekend(date: NaiveDate, calendar: &BTreeMap<NaiveDate, HolidayKind>) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && calendar.get(&date) != Some(&HolidayKind::Workday)
}

#[allow(clippy::too_many_arguments)]
fn plan_one(
    agent: &RotaAgent,
    own: Weekday,
    days: &[NaiveDate],
    fixed: &BTreeMap<(String, NaiveDate), Fixed>,
    calendar: &BTreeMap<NaiveDate, HolidayKind>,
    room: &dyn Fn(NaiveDate) -> usize,
    resting: &[usize],
    policy: &RosterPolicy,
) -> Vec<bool> {
    let limit = usize::try_from(policy.max_consecutive_work_days.max(1)).unwrap_or(6);
    let streaks = limit + 1;
    let (rs, ws) = (MOST_RESTS + 1, MOST_WEEKEND + 1);
    let states = streaks * rs * ws;
    let index = |s: usize, r: usize, w: usize| (w * rs + r) * streaks + s;
    const NONE: i64 = i64::MAX;
    let mut cost = vec![NONE; states];
    cost[index(0, 0, 0)] = 0;
    // Weekend days in each month of the period.
    let mut weekend_days: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for date in days {
        *weekend_days.entry((date.year(), date.month())).or_default() +=
            usize::from(is_weekend(*date, calendar));
    }
    // Per day and state: the state it came from and whether the day was a rest.
    let mut back: Vec<Vec<(u32, bool)>> = Vec::with_capacity(days.len());
    for (i, date) in days.iter().enumerate() {
        let employed =
            agent.joined_on.is_none_or(|d| d <= *date) && agent.left_on.is_none_or(|d| *date <= d);
        let pinned = fixed.get(&(agent.employee_no.clone(), *date)).copied();
        let (can_work, can_rest, off) = match (employed, pinned) {
            (false, _) | (true, Some(Fixed::Off)) => (false, false, true),
            (true, Some(Fixed::Work)) => (true, false, false),
            (true, None) => (true, true, false),
        };
        let weekend = is_weekend(*date, calendar);
        let rest_price = if weekend && date.weekday() == own {
            0
        } else if weekend {
            OTHER_WEEKEND
        } else {
            WEEKDAY
        } + NO_ROOM * (resting[i] + 1).saturating_sub(room(*date)) as i64;
        let mut next = vec![NONE; states];
        let mut from = vec![(u32::MAX, false); states];
        for w in 0..ws {
            for r in 0..rs {
                for s in 0..streaks {
                    let at = index(s, r, w);
                    let here = cost[at];
                    if here == NONE {
                        continue;
                    }
                    let mut reach = |to: usize, c: i64, rest: bool| {
                        if c < next[to] {
                            next[to] = c;
                            from[to] = (at as u32, rest);
                        }
                    };
                    if off {
                        reach(index(0, r, w), here, false);
                    }
                    if can_work && s < limit {
                        let w2 = (w + usize::from(weekend)).min(MOST_WEEKEND);
                        reach(index(s + 1, r, w2), here, false);
                    }
                    if can_rest && r < MOST_RESTS {
                        reach(index(0, r + 1, w), here + rest_price, true);
                    }
                }
            }
        }
        // The month's end: the rest days it owes, each one more priced, and the weekend shifts
        // against the band; the counts start again.
        let month_end = days.get(i + 1).is_none_or(|d| d.month() != date.month());
        if month_end {
            let need = owed(agent, *date, policy);
            let we = weekend_days
                .get(&(date.year(), date.month()))
                .copied()
                .unwrap_or(0);
            let (lo, hi) = (we / 2, we.div_ceil(2));
            let mut closed = vec![NONE; states];
            let mut closed_from = vec![(u32::MAX, false); states];
            for w in 0..ws {
                for r in need..rs {
                    for s in 0..streaks {
                        let c = next[index(s, r, w)];
                        if c == NONE {
                            continue;
                        }
                        let band = lo.saturating_sub(w) + w.saturating_sub(hi);
                        let c = c + EXTRA_REST * (r - need) as i64 + OFF_BAND * band as i64;
                        let to = index(s, 0, 0);
                        if c < closed[to] {
                            closed[to] = c;
                            closed_from[to] = from[index(s, r, w)];
                        }
                    }
                }
            }
            next = closed;
            from = closed_from;
        }
        back.push(from);
        cost = next;
    }
    // The cheapest end, then back to the start.
    let mut rests = vec![false; days.len()];
    let Some(mut at) = (0..states)
        .filter(|x| cost[*x] != NONE)
        .min_by_key(|x| cost[*x])
    else {
        return rests;
    };
    for i in (0..days.len()).rev() {
        let (prev, rest) = back[i][at];
        rests[i] = rest;
        at = prev as usize;
    }
    rests
}
