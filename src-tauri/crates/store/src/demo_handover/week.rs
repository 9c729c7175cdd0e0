//! The week the demo book covers, read once before anything is written: the team shifts of the
//! seven days before today, today and tomorrow with their incoming shifts and who leads them
//! (`Week`, `WeekShift`), the people who write and sign (`People`, `Writer`), and the seeded
//! generator every later choice draws from (`Rng`). It reads the store and writes only the four
//! designations; the plan and the stories build on it and it knows nothing of them.

use std::collections::HashMap;

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use floordesk_domain::access::Role;
use floordesk_domain::handover::HandoverPolicy;
use floordesk_domain::handover::shift::{TeamShift, incoming_shift, shifts_meet};

use crate::handover::leads::DesignationInput;
use crate::{Actor, Result, Store};

/// The words' seed, like the floor history's.
const SEED: u64 = 2026;
/// How many days before today the book covers.
const WEEK_DAYS: u64 = 7;
/// Agents who lead a shift that has no 班长 (they have demo users, PIN 1234): the supervisor
/// names them for their team's shift (the one they work) from the quarter's start.
const DESIGNATED: [(&str, &str); 4] = [
    ("售前一组", "1007"),
    ("售前二组", "1019"),
    ("售后组", "1029"),
    ("售后组", "1031"),
];
/// Supervisor and manager who stand in (主管代签) where no 交接班长 is in line: 沈丽华, 江涛.
pub(super) const STAND_IN_NOS: [&str; 2] = ["S001", "M001"];

/// The week's shifts and the people, fixed before anything is written.
pub(super) struct Week {
    pub(super) tz: Tz,
    pub(super) today: NaiveDate,
    pub(super) first: NaiveDate,
    pub(super) shifts: Vec<WeekShift>,
    pub(super) people: People,
    pub(super) teams: HashMap<String, i64>,
}

impl Week {
    /// The team shifts of the week, today and tomorrow, with their incoming shifts and leads in
    /// line; the four designations written (None: no supervisor or manager to stand in).
    pub(super) fn read(
        store: &mut Store,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Option<Week>> {
        let tz = store.site()?.map_or(chrono_tz::Asia::Shanghai, |s| s.tz());
        let people = People::read(store)?;
        let Some(&supervisor) = people.stand_ins.first() else {
            return Ok(None);
        };
        let first = today - Days::new(WEEK_DAYS);
        let yesterday = today - Days::new(1);
        let teams: HashMap<String, i64> = store
            .list_teams()?
            .into_iter()
            .map(|t| (t.name, t.id))
            .collect();
        let shifts = store.team_shifts_between(None, first, today + Days::new(1))?;

        // 1. The designations, from the quarter's start, by the supervisor.
        let from = crate::demo_roster::demo_roster_start(today);
        let at = tz
            .from_local_datetime(&from.and_hms_opt(9, 0, 0).unwrap_or_default())
            .earliest()
            .map_or(now, |t| t.with_timezone(&Utc));
        let mut designated: Vec<(i64, String, String)> = Vec::new();
        for (team, no) in DESIGNATED {
            let Some(&team_id) = teams.get(team) else {
                continue;
            };
            let Some(shift) = shifts.iter().find(|s| {
                s.team_id == team_id && s.date == yesterday && s.members.iter().any(|m| m == no)
            }) else {
                continue;
            };
            if !people.by_no.contains_key(no) {
                continue;
            }
            store.designate_handover_lead(
                &DesignationInput {
                    team_id,
                    shift: shift.key.clone(),
                    from,
                    to: None,
                    employee_no: no.to_owned(),
                },
                Actor::user(supervisor, at.min(now)),
            )?;
            designated.push((team_id, shift.key.clone(), no.to_owned()));
        }

        let names: HashMap<i64, String> = teams.iter().map(|(n, id)| (*id, n.clone())).collect();
        let gap = HandoverPolicy::default().gap_min;
        let mut week: Vec<WeekShift> = Vec::new();
        for s in &shifts {
            let leads_here = s.members.iter().any(|no| {
                people
                    .by_no
                    .get(no)
                    .is_some_and(|(_, role)| *role == Role::TeamLead)
            });
            let agent_lead = designated
                .iter()
                .find(|(team, key, no)| {
                    *team == s.team_id && *key == s.key && s.members.contains(no)
                })
                .filter(|_| !leads_here)
                .map(|(_, _, no)| no.clone());
            let start_hour = s.start.with_timezone(&tz).hour();
            week.push(WeekShift {
                shift: s.clone(),
                team: names.get(&s.team_id).cloned().unwrap_or_default(),
                incoming: None,
                meets: false,
                past: s.date < today,
                agent_lead,
                night: !(6..16).contains(&start_hour),
            });
        }
        for i in 0..week.len() {
            let team: Vec<TeamShift> = week
                .iter()
                .filter(|w| w.shift.team_id == week[i].shift.team_id)
                .map(|w| w.shift.clone())
                .collect();
            let Some(next) = incoming_shift(&week[i].shift, &team) else {
                continue;
            };
            let at = week.iter().position(|w| {
                w.shift.team_id == next.team_id
                    && w.shift.date == next.date
                    && w.shift.key == next.key
            });
            week[i].meets = shifts_meet(week[i].shift.end, next.start, gap);
            week[i].incoming = at;
        }
        Ok(Some(Week {
            tz,
            today,
            first,
            shifts: week,
            people,
            teams,
        }))
    }

    pub(super) fn local(&self, date: NaiveDate, h: u32, m: u32) -> Option<DateTime<Utc>> {
        let time = NaiveTime::from_hms_opt(h, m, 0)?;
        self.tz
            .from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    pub(super) fn hhmm(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.tz).format("%H:%M").to_string()
    }

    pub(super) fn find(&self, day: u64, team: &str, key: &str) -> Option<usize> {
        let date = self.first.checked_add_days(Days::new(day))?;
        self.shifts
            .iter()
            .position(|w| w.shift.date == date && w.team == team && w.shift.key == key)
    }

    /// The shift `steps` hand-overs after `from` along the team's incoming chain, if it is in
    /// the week.
    pub(super) fn after(&self, from: usize, steps: usize) -> Option<usize> {
        let mut at = from;
        for _ in 0..steps {
            at = self.shifts[at].incoming?;
        }
        self.shifts[at].past.then_some(at)
    }

    /// May the shift's writer change an item written in `origin`: a 班长 or a stand-in may; an
    /// agent only their own entries.
    pub(super) fn writable(&self, shift: usize, origin: usize) -> bool {
        match &self.shifts[shift].agent_lead {
            None => true,
            Some(no) => self.shifts[origin].agent_lead.as_ref() == Some(no),
        }
    }

    /// The supervisor or manager who stands in for a shift: 沈丽华 by day, 江涛 at night; never
    /// `avoid` (nobody signs both sides).
    pub(super) fn stand_in(&self, shift: usize, avoid: Option<i64>) -> Option<i64> {
        let all = &self.people.stand_ins;
        if all.is_empty() {
            return None;
        }
        let start = usize::from(self.shifts[shift].night) % all.len();
        (0..all.len())
            .map(|i| all[(start + i) % all.len()])
            .find(|id| Some(*id) != avoid)
    }
}

/// A team shift of the week (or today's, or tomorrow's: where yesterday's items go).
pub(super) struct WeekShift {
    pub(super) shift: TeamShift,
    pub(super) team: String,
    pub(super) incoming: Option<usize>,
    pub(super) meets: bool,
    /// Dated before today: signed this week.
    pub(super) past: bool,
    /// An agent leads it (by designation, no 班长 working it): only their own entries are theirs
    /// to change.
    pub(super) agent_lead: Option<String>,
    pub(super) night: bool,
}

/// The demo's people: active users by 工号 and by id, the stand-ins, agents' names and seats.
pub(super) struct People {
    pub(super) by_no: HashMap<String, (i64, Role)>,
    by_id: HashMap<i64, (String, Role)>,
    stand_ins: Vec<i64>,
    pub(super) agents: HashMap<String, (String, Option<String>)>,
}

impl People {
    fn read(store: &Store) -> Result<People> {
        let mut by_no = HashMap::new();
        let mut by_id = HashMap::new();
        let mut stand_ins: Vec<(usize, i64)> = Vec::new();
        for u in store.list_users()?.into_iter().filter(|u| u.active) {
            if matches!(u.role, Role::Supervisor | Role::Manager) {
                let rank = STAND_IN_NOS
                    .iter()
                    .position(|no| *no == u.employee_no)
                    .unwrap_or(STAND_IN_NOS.len());
                stand_ins.push((rank, u.id));
            }
            by_no.insert(u.employee_no.clone(), (u.id, u.role));
            by_id.insert(u.id, (u.employee_no, u.role));
        }
        stand_ins.sort_unstable();
        let agents = store
            .list_agents(false)?
            .into_iter()
            .map(|a| (a.employee_no, (a.name, a.seat_code)))
            .collect();
        Ok(People {
            by_no,
            by_id,
            stand_ins: stand_ins.into_iter().map(|(_, id)| id).collect(),
            agents,
        })
    }

    pub(super) fn writer(&self, user_id: i64) -> Writer {
        let agent_no = self
            .by_id
            .get(&user_id)
            .filter(|(_, role)| *role == Role::Agent)
            .map(|(no, _)| no.clone());
        Writer { user_id, agent_no }
    }

    pub(super) fn role(&self, user_id: i64) -> Option<Role> {
        self.by_id.get(&user_id).map(|(_, role)| *role)
    }

    pub(super) fn is_agent(&self, user_id: i64) -> bool {
        self.by_id
            .get(&user_id)
            .is_none_or(|(_, role)| *role == Role::Agent)
    }
}

/// Who writes in a shift: a user, and their 工号 when they are an agent (whose own entries only
/// are theirs to change).
#[derive(Clone)]
pub(super) struct Writer {
    pub(super) user_id: i64,
    pub(super) agent_no: Option<String>,
}

/// A small deterministic generator (FNV-1a of the parts, then splitmix64).
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(parts: &[&str]) -> Rng {
        let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ SEED;
        for part in parts {
            for b in part.bytes().chain([0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        Rng(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(super) fn minutes(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::minutes(lo + self.below((hi - lo + 1).max(1) as usize) as i64)
    }

    pub(super) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}
