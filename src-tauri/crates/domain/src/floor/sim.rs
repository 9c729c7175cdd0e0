//! A plausible busy day on a large floor, for benchmarks and load tests: deterministic from a
//! seed, so a slow run can be reproduced.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};

use super::notice::{Notice, NoticeKind};
use super::state::{AgentNow, AgentState, ShiftSpan, StateEvent};

/// xorshift64: tiny, fast and good enough to make a floor look busy.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    pub fn new(seed: u64) -> XorShift {
        // splitmix64 spreads nearby seeds apart and never leaves the state at zero (a fixed point).
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        XorShift((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in lo..=hi.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.abs_diff(lo) + 1;
        lo.min(hi) + (self.next_u64() % span) as i64
    }

    pub fn percent(&mut self, chance: u64) -> bool {
        self.next_u64() % 100 < chance
    }
}

#[derive(Clone, Copy)]
enum Special {
    SmallBreak,
    Meal,
    Meeting,
}

enum Length {
    /// Seconds on the clock (breaks, meals, meetings).
    Fixed(i64),
    /// A share of whatever time the fixed parts leave (contacts, waiting).
    Share(i64),
}

/// `agents` agents (工号 1001 up) on early, middle and night shifts (08–17, 12–21, 16–01 local,
/// counted from `day_start`, the site's local midnight), about `events_per_agent` state changes
/// each: sign-in, contacts, wrap-up, two or three small breaks, a meal, sometimes a meeting,
/// sign-out. A few agents are late, absent, leave early or overrun a break; in the morning
/// rush (09:30–11:00) idle agents are scarce and some breaks start with the line full. Events come in time
/// order; the shift date is the local date of `day_start`.
pub fn busy_day(
    agents: usize,
    events_per_agent: usize,
    seed: u64,
    day_start: DateTime<Utc>,
) -> (Vec<ShiftSpan>, Vec<StateEvent>) {
    // Any offset within ±12 h puts local noon on the local date.
    let shift_date = (day_start + Duration::hours(12)).date_naive();
    // The morning rush, 09:30–11:00 local.
    let peak = (
        day_start + Duration::minutes(9 * 60 + 30),
        day_start + Duration::hours(11),
    );
    let mut shifts = Vec::with_capacity(agents);
    let mut events = Vec::with_capacity(agents * events_per_agent);
    for n in 0..agents {
        let mut rng = XorShift::new(seed ^ (n as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let agent = (1001 + n).to_string();
        let start_hour = match rng.between(0, 99) {
            0..=59 => 8,
            60..=84 => 12,
            _ => 16,
        };
        let start = day_start + Duration::hours(start_hour);
        let end = start + Duration::hours(9);
        shifts.push(ShiftSpan {
            agent: agent.clone(),
            shift_date,
            start,
            end,
        });
        agent_day(
            &mut rng,
            &agent,
            (start, end),
            peak,
            events_per_agent,
            &mut events,
        );
    }
    // Stable: equal instants keep agent order, so the output is the same on every run.
    events.sort_by_key(|e| e.at);
    (shifts, events)
}

/// A believable history of the demo floor up to `until`: for each rostered shift, the agent
/// signs in (mostly a few minutes early, sometimes late, now and then very late), takes
/// contacts with wrap-up, two or three small breaks (one in twelve runs over), a meal, sometimes
/// a meeting, and signs out after the shift; events after `until` are left for the live
/// simulator. Deterministic from `seed`; in time order.
///
/// One who would come in more than 25 minutes late stays away the whole shift instead, so an
/// absence on the board is an agent who is really not there. At most one agent of the shifts
/// starting at the same instant stays away, and none of a crew under three (a night of two):
/// such an agent's day is drawn again, so a small crew is never left empty by chance.
pub fn demo_history(shifts: &[ShiftSpan], until: DateTime<Utc>, seed: u64) -> Vec<StateEvent> {
    let mut crew: HashMap<DateTime<Utc>, usize> = HashMap::new();
    for span in shifts {
        *crew.entry(span.start).or_default() += 1;
    }
    let mut away: HashSet<DateTime<Utc>> = HashSet::new();
    let mut events = Vec::new();
    for span in shifts {
        let may_stay_away = crew[&span.start] >= 3 && !away.contains(&span.start);
        let key = span
            .agent
            .bytes()
            .fold(span.start.timestamp() as u64, |h, b| {
                h.rotate_left(7) ^ u64::from(b)
            });
        let mut draw = 0u64;
        let day = loop {
            let day = demo_shift(span, seed ^ key ^ draw.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let very_late = day
                .first()
                .is_some_and(|e| e.at > span.start + Duration::minutes(25));
            // A redraw is very late one time in 25: eight in a row do not happen in practice,
            // and the last draw is kept whatever it is.
            if !very_late || may_stay_away || draw == 8 {
                break if very_late { Vec::new() } else { day };
            }
            draw += 1;
        };
        if day.is_empty() {
            away.insert(span.start);
        }
        events.extend(day.into_iter().filter(|e| e.at <= until));
    }
    // Stable: equal instants keep shift order, so the output is the same on every run.
    events.sort_by_key(|e| e.at);
    // Leads keep people off break when the line is full: most breaks that would start with the
    // default guard's three or fewer agents ready become one more contact; one in five stays, as
    // a real floor's 满线时小休 does.
    let mut rng = XorShift::new(seed.rotate_left(17));
    let mut ready: HashMap<String, bool> = HashMap::new();
    for e in &mut events {
        let ready_now = ready.values().filter(|r| **r).count();
        if e.state == AgentState::SmallBreak && ready_now <= 3 && !rng.percent(20) {
            e.state = AgentState::Busy;
        }
        ready.insert(e.agent.clone(), e.state == AgentState::Ready);
    }
    events
}

/// One rostered shift of the demo's history, from its own seed: about five state changes an
/// hour, as a phone floor shows, and no morning rush (the peak would need the site's hours).
fn demo_shift(span: &ShiftSpan, seed: u64) -> Vec<StateEvent> {
    let mut rng = XorShift::new(seed);
    let hours = (span.end - span.start).num_hours().max(1) as usize;
    let no_peak = (span.start, span.start);
    let mut day = Vec::new();
    agent_day(
        &mut rng,
        &span.agent,
        (span.start, span.end),
        no_peak,
        hours * 5,
        &mut day,
    );
    day
}

/// The demo's notice (报备), about a shift still running or to come, so the board shows it: an
/// agent who stayed away from a shift running for over half an hour phoned in sick 40 minutes
/// before its start (the latest such shift); failing that, an agent due within twelve hours
/// phoned five minutes ago to say they will be late.
pub fn demo_notice(
    shifts: &[ShiftSpan],
    history: &[StateEvent],
    now: DateTime<Utc>,
) -> Option<Notice> {
    let stayed_away = |span: &&ShiftSpan| {
        span.start + Duration::minutes(30) < now
            && now < span.end
            && !history.iter().any(|e| {
                e.agent == span.agent && e.at >= span.start - Duration::hours(1) && e.at < span.end
            })
    };
    if let Some(span) = shifts
        .iter()
        .filter(stayed_away)
        .max_by_key(|s| (s.start, std::cmp::Reverse(&s.agent)))
    {
        return Some(Notice {
            at: span.start - Duration::minutes(40),
            agent: span.agent.clone(),
            kind: NoticeKind::Absent,
            reason: Some("发烧，电话请假".into()),
        });
    }
    shifts
        .iter()
        .filter(|s| s.start > now && s.start - now < Duration::hours(12))
        .min_by_key(|s| (s.start, &s.agent))
        .map(|span| Notice {
            at: now - Duration::minutes(5),
            agent: span.agent.clone(),
            kind: NoticeKind::Late,
            reason: Some("家里有事，预计晚到 20 分钟".into()),
        })
}

fn agent_day(
    rng: &mut XorShift,
    agent: &str,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    peak: (DateTime<Utc>, DateTime<Utc>),
    count: usize,
    out: &mut Vec<StateEvent>,
) {
    if count == 0 {
        return;
    }
    let sign_in = start
        + Duration::seconds(match rng.between(0, 99) {
            0..=89 => rng.between(-600, -200),
            90..=95 => rng.between(-180, 1_200),
            _ => rng.between(1_900, 3_600),
        });
    let sign_out = if rng.percent(5) {
        end - Duration::seconds(rng.between(1_200, 7_200))
    } else {
        end + Duration::seconds(rng.between(0, 300))
    };
    let event = |at, state, reason: Option<&str>| StateEvent {
        at,
        agent: agent.to_owned(),
        state,
        reason: reason.map(str::to_owned),
    };
    out.push(event(sign_in, AgentState::Ready, None));
    if count == 1 {
        return;
    }

    let middle = count - 2;
    let slot = |share: f64| ((middle as f64 * share) as usize).min(middle.saturating_sub(1));
    // Breaks, the meal and a meeting wait for their slot, then for the agent to be free.
    let mut pending: Vec<(usize, Special)> = vec![(slot(0.55), Special::Meal)];
    for share in [0.2, 0.4, 0.8] {
        if rng.percent(85) {
            pending.push((slot(share), Special::SmallBreak));
        }
    }
    if rng.percent(20) {
        pending.push((slot(0.1), Special::Meeting));
    }
    pending.sort_by_key(|p| std::cmp::Reverse(p.0));

    let span_secs = (sign_out - sign_in).num_seconds().max(1);
    let mut plan: Vec<(AgentState, Length, Option<&str>)> = Vec::with_capacity(middle);
    let mut previous = AgentState::Ready;
    for i in 0..middle {
        let free = previous == AgentState::Ready || previous == AgentState::WrapUp;
        let special = match pending.last() {
            Some(&(from, kind)) if free && from <= i => {
                pending.pop();
                Some(match kind {
                    Special::SmallBreak => {
                        let secs = if rng.percent(8) {
                            rng.between(601, 840)
                        } else {
                            rng.between(240, 600)
                        };
                        (AgentState::SmallBreak, secs, None)
                    }
                    Special::Meal => {
                        let secs = if rng.percent(5) {
                            rng.between(1_801, 2_400)
                        } else {
                            rng.between(1_200, 1_800)
                        };
                        (AgentState::Meal, secs, None)
                    }
                    Special::Meeting => (AgentState::Meeting, rng.between(900, 1_800), None),
                })
            }
            _ if free && rng.percent(1) => {
                Some((AgentState::Other, rng.between(60, 600), Some("IT issue")))
            }
            _ => None,
        };
        // Roughly when this step happens, to make the morning peak busy: there the phones ring
        // as soon as an agent is ready, and idle agents fall to the line-full guard.
        let around = sign_in + Duration::seconds(span_secs * i as i64 / middle as i64);
        let in_peak = around >= peak.0 && around < peak.1;
        let step = match (special, previous) {
            (Some((state, secs, reason)), _) => (state, Length::Fixed(secs), reason),
            (None, AgentState::Busy) if rng.percent(75) => (
                AgentState::WrapUp,
                Length::Share(rng.between(300, 1_200)),
                None,
            ),
            (None, AgentState::Ready) => (
                AgentState::Busy,
                Length::Share(rng.between(1_500, 5_000)),
                None,
            ),
            (None, _) if in_peak => (AgentState::Ready, Length::Share(rng.between(1, 20)), None),
            (None, _) => (
                AgentState::Ready,
                Length::Share(rng.between(100, 2_000)),
                None,
            ),
        };
        previous = step.0;
        plan.push(step);
    }

    // The first ready spell is a share too, so contacts fill the shift between sign-in and out.
    let first_share = rng.between(100, 2_000);
    let fixed: i64 = plan
        .iter()
        .map(|(_, len, _)| match len {
            Length::Fixed(secs) => *secs,
            Length::Share(_) => 0,
        })
        .sum();
    let shares: i64 = first_share
        + plan
            .iter()
            .map(|(_, len, _)| match len {
                Length::Share(w) => *w,
                Length::Fixed(_) => 0,
            })
            .sum::<i64>();
    let flexible_secs = ((sign_out - sign_in).num_seconds() - fixed).max(0);
    let scale = flexible_secs as f64 / shares.max(1) as f64;

    let mut at = sign_in + Duration::seconds((first_share as f64 * scale) as i64);
    for (state, len, reason) in plan {
        out.push(event(at, state, reason));
        let secs = match len {
            Length::Fixed(secs) => secs,
            Length::Share(w) => (w as f64 * scale) as i64,
        };
        at += Duration::seconds(secs);
    }
    out.push(event(at.max(sign_out), AgentState::SignedOut, None));
}

/// One second of a lively demo floor: from each agent's state now and how long ago their shift
/// started (None: not on shift), the state changes a real floor might show in that second
/// (sign-ins around shift start — one who has not come by a quarter of an hour in stays away,
/// as an absent agent does — contacts, wrap-up, breaks that sometimes run long, meals around
/// noon, sign-outs after the shift). Pure: the caller stores the events and feeds them to the
/// engine.
pub fn demo_step(
    agents: &[AgentNow],
    shift_started: impl Fn(&str) -> Option<Duration>,
    on_chat: impl Fn(&str) -> bool,
    local_hour: u32,
    rng: &mut XorShift,
    now: DateTime<Utc>,
) -> Vec<StateEvent> {
    let mut moves = Vec::new();
    for a in agents {
        let elapsed = a.elapsed_secs.unwrap_or(i64::MAX);
        // Chances are per second, in hundredths of a percent.
        let mut chance = |per_10k: u64| rng.next_u64() % 10_000 < per_10k;
        let since_start = shift_started(&a.agent);
        let next = match (since_start.is_some(), a.state) {
            (true, AgentState::SignedOut) => since_start
                .filter(|d| *d <= Duration::minutes(15) && chance(1500))
                .map(|_| AgentState::Ready),
            (false, s) if s != AgentState::SignedOut && chance(1000) => Some(AgentState::SignedOut),
            (true, AgentState::Ready) => {
                if chance(600) {
                    Some(AgentState::Busy)
                } else if on_chat(&a.agent) && chance(4) {
                    Some(AgentState::Suspended)
                } else if chance(6) {
                    Some(AgentState::SmallBreak)
                } else if (11..13).contains(&local_hour) && chance(10) {
                    Some(AgentState::Meal)
                } else {
                    None
                }
            }
            (true, AgentState::Busy) if elapsed > 90 && chance(150) => Some(AgentState::WrapUp),
            (true, AgentState::WrapUp) if elapsed > 15 && chance(800) => Some(AgentState::Ready),
            // Most breaks end within ten minutes; a few run over, as on a real floor.
            (true, AgentState::SmallBreak) if elapsed > 240 && chance(60) => {
                Some(AgentState::Ready)
            }
            (true, AgentState::Meal) if elapsed > 1200 && chance(40) => Some(AgentState::Ready),
            (true, AgentState::Suspended) if elapsed > 60 && chance(100) => Some(AgentState::Ready),
            (true, AgentState::Meeting | AgentState::Training | AgentState::Other)
                if elapsed > 900 && chance(50) =>
            {
                Some(AgentState::Ready)
            }
            _ => None,
        };
        if let Some(state) = next {
            moves.push(StateEvent {
                at: now,
                agent: a.agent.clone(),
                state,
                reason: None,
            });
        }
    }
    moves
}
