//! The demo floor's week of handover logs (docs/design/handover.md §9), so a new user opens a
//! real 交接班记录 book: for the seven days before today, every team shift's log opened at its
//! roll-call time and read from the floor's history, one to four items written by the shift's
//! 交接班长 (移交客户, 紧急事项, 潜在客户, 通知, 备注), about a third of them carried over two to
//! five shifts with notes and progress on the way before they close with an outcome, a few seats
//! moved for a shift, one customer handed from 售前 to 售后, one query answered and one accepted
//! at a face-to-face handover, every log signed in time order across the teams (face to face
//! when the shifts meet, else alone and received by the next lead at its roll call) and two
//! addenda. Today the logs of the shifts already started are open, holding what yesterday carried
//! into them and one new item each; nothing of today is signed.
//!
//! Deterministic: the words follow from the date, team and shift (seed 2026), the people from the
//! roster and the floor's history. The signatures skip the PINs (`sign_trusted`, §14.14): argon2
//! on some 140 signatures would slow the demo by seconds; they write the same rows and chain.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use floordesk_domain::ErrorCode;
use floordesk_domain::access::Role;
use floordesk_domain::handover::HandoverPolicy;
use floordesk_domain::handover::item::{
    Channel, ItemChange, ItemKind, ItemPatch, ItemStatus, NoticeCategory,
};
use floordesk_domain::handover::lead::ShiftLead;
use floordesk_domain::handover::roll_call::RollCallStatus;
use floordesk_domain::handover::shift::{TeamShift, incoming_shift, shifts_meet};

use crate::handover::LogKey;
use crate::handover::items::{NewItem, NewItemFields};
use crate::handover::leads::DesignationInput;
use crate::handover::sign::Signers;
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
const STAND_IN_NOS: [&str; 2] = ["S001", "M001"];
/// 王静, who writes the first addendum.
const ADDENDUM_LEAD_NO: &str = "1001";
const OVERRIDE_REASON: &str = "接班客服已到岗，系统签入延迟，主管现场确认";

/// One step of the plan (indexes into the week's shifts and the plan's lists).
#[derive(Debug, Clone, Copy)]
enum Act {
    Open(usize),
    Seat(usize),
    Add(usize),
    Step(usize, usize),
    Handover(usize),
    Receive(usize),
    Addendum(usize),
}

impl Act {
    /// At one instant: logs open first, addenda come last.
    fn rank(self) -> u8 {
        match self {
            Act::Open(_) => 0,
            Act::Seat(_) => 1,
            Act::Add(_) => 2,
            Act::Step(..) => 3,
            Act::Handover(_) => 4,
            Act::Receive(_) => 5,
            Act::Addendum(_) => 6,
        }
    }
}

/// A team shift of the week (or today's, or tomorrow's: where yesterday's items go).
struct WeekShift {
    shift: TeamShift,
    team: String,
    incoming: Option<usize>,
    meets: bool,
    /// Dated before today: signed this week.
    past: bool,
    /// An agent leads it (by designation, no 班长 working it): only their own entries are theirs
    /// to change.
    agent_lead: Option<String>,
    night: bool,
}

/// A change an item's plan makes later.
enum Change {
    Note(String),
    Progress(String),
    HandTo(i64, String),
    Close(String),
}

struct Step {
    shift: usize,
    at: DateTime<Utc>,
    change: Change,
}

struct ItemPlan {
    shift: usize,
    at: DateTime<Utc>,
    fields: NewItemFields,
    steps: Vec<Step>,
}

struct SeatPlan {
    shift: usize,
    employee_no: String,
    seat: &'static str,
}

/// One addendum by the 工号 (or a stand-in): on the log of `shift` with these words; or (None)
/// the roll call correction, on a log signed before `shift` starts, found when it is written.
struct AddendumPlan {
    shift: usize,
    author_no: &'static str,
    text: Option<String>,
}

/// Who writes in a shift: a user, and their 工号 when they are an agent (whose own entries only
/// are theirs to change).
#[derive(Clone)]
struct Writer {
    user_id: i64,
    agent_no: Option<String>,
}

/// The demo's people: active users by 工号 and by id, the stand-ins, agents' names and seats.
struct People {
    by_no: HashMap<String, (i64, Role)>,
    by_id: HashMap<i64, (String, Role)>,
    stand_ins: Vec<i64>,
    agents: HashMap<String, (String, Option<String>)>,
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

    fn writer(&self, user_id: i64) -> Writer {
        let agent_no = self
            .by_id
            .get(&user_id)
            .filter(|(_, role)| *role == Role::Agent)
            .map(|(no, _)| no.clone());
        Writer { user_id, agent_no }
    }

    fn role(&self, user_id: i64) -> Option<Role> {
        self.by_id.get(&user_id).map(|(_, role)| *role)
    }

    fn is_agent(&self, user_id: i64) -> bool {
        self.by_id
            .get(&user_id)
            .is_none_or(|(_, role)| *role == Role::Agent)
    }
}

/// The week's shifts and the people, fixed before anything is written.
struct Week {
    tz: Tz,
    today: NaiveDate,
    first: NaiveDate,
    shifts: Vec<WeekShift>,
    people: People,
    teams: HashMap<String, i64>,
}

impl Week {
    fn local(&self, date: NaiveDate, h: u32, m: u32) -> Option<DateTime<Utc>> {
        let time = NaiveTime::from_hms_opt(h, m, 0)?;
        self.tz
            .from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    fn hhmm(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.tz).format("%H:%M").to_string()
    }

    fn find(&self, day: u64, team: &str, key: &str) -> Option<usize> {
        let date = self.first.checked_add_days(Days::new(day))?;
        self.shifts
            .iter()
            .position(|w| w.shift.date == date && w.team == team && w.shift.key == key)
    }

    /// The shift `steps` hand-overs after `from` along the team's incoming chain, if it is in
    /// the week.
    fn after(&self, from: usize, steps: usize) -> Option<usize> {
        let mut at = from;
        for _ in 0..steps {
            at = self.shifts[at].incoming?;
        }
        self.shifts[at].past.then_some(at)
    }

    /// May the shift's writer change an item written in `origin`: a 班长 or a stand-in may; an
    /// agent only their own entries.
    fn writable(&self, shift: usize, origin: usize) -> bool {
        match &self.shifts[shift].agent_lead {
            None => true,
            Some(no) => self.shifts[origin].agent_lead.as_ref() == Some(no),
        }
    }

    /// The supervisor or manager who stands in for a shift: 沈丽华 by day, 江涛 at night; never
    /// `avoid` (nobody signs both sides).
    fn stand_in(&self, shift: usize, avoid: Option<i64>) -> Option<i64> {
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

/// What the loader has written so far.
#[derive(Default)]
struct Run {
    logs: HashMap<usize, i64>,
    items: HashMap<usize, i64>,
    authors: HashMap<usize, Option<String>>,
    writers: HashMap<usize, Writer>,
    /// The outgoing signer of each signed shift.
    signed_by: HashMap<usize, i64>,
    answered: bool,
    accepted: bool,
}

/// A small deterministic generator (FNV-1a of the parts, then splitmix64).
struct Rng(u64);

impl Rng {
    fn new(parts: &[&str]) -> Rng {
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

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn minutes(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::minutes(lo + self.below((hi - lo + 1).max(1) as usize) as i64)
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

impl Store {
    /// The demo's week of handover logs (see the module). Writes nothing when the file already
    /// has handover logs; returns how many logs it opened.
    pub(crate) fn load_demo_handover(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<u32> {
        let existing: i64 =
            self.conn()
                .query_row("SELECT count(*) FROM handover_logs", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(0);
        }
        // Some 700 small transactions: a demo being loaded need not wait for the disk after
        // each (WAL keeps the file consistent; a power cut means loading the demo again). The
        // store's FULL sync comes back whatever happens.
        self.conn().pragma_update(None, "synchronous", "NORMAL")?;
        let written = self.write_demo_handover(today, now, actor);
        self.conn().pragma_update(None, "synchronous", "FULL")?;
        written
    }

    fn write_demo_handover(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<u32> {
        let Some(week) = self.demo_week(today, now)? else {
            return Ok(0);
        };
        let (acts, items, seats, addenda) = plan(&week, now);
        let mut run = Run::default();
        for (at, act) in acts {
            if at > now {
                continue;
            }
            let actor = Actor { at, ..actor };
            match act {
                Act::Open(i) => {
                    let id = self.open_handover_log(&key(&week.shifts[i].shift), actor)?;
                    run.logs.insert(i, id);
                }
                Act::Seat(k) => self.demo_seat(&week, &mut run, &seats[k], at)?,
                Act::Add(k) => self.demo_add(&week, &mut run, k, &items[k], at)?,
                Act::Step(k, s) => self.demo_step(&week, &mut run, k, &items[k].steps[s], at)?,
                Act::Handover(i) => self.demo_sign(&week, &mut run, i, at)?,
                Act::Receive(i) => self.demo_receive(&week, &mut run, i, at)?,
                Act::Addendum(k) => self.demo_addendum(&week, &run, &addenda[k], at)?,
            }
        }
        let logs: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM handover_logs", [], |r| r.get(0))?;
        Ok(logs as u32)
    }

    /// The team shifts of the week, today and tomorrow, with their incoming shifts and leads in
    /// line; the four designations written (None: no supervisor or manager to stand in).
    fn demo_week(&mut self, today: NaiveDate, now: DateTime<Utc>) -> Result<Option<Week>> {
        let tz = self.site()?.map_or(chrono_tz::Asia::Shanghai, |s| s.tz());
        let people = People::read(self)?;
        let Some(&supervisor) = people.stand_ins.first() else {
            return Ok(None);
        };
        let first = today - Days::new(WEEK_DAYS);
        let yesterday = today - Days::new(1);
        let teams: HashMap<String, i64> = self
            .list_teams()?
            .into_iter()
            .map(|t| (t.name, t.id))
            .collect();
        let shifts = self.team_shifts_between(None, first, today + Days::new(1))?;

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
            self.designate_handover_lead(
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

    /// The writer of a shift at `at`: its 交接班长 as the roll call reads now, else the stand-in.
    /// Kept once the roll call can tell who is absent (35 minutes in).
    fn demo_writer(
        &mut self,
        week: &Week,
        run: &mut Run,
        i: usize,
        at: DateTime<Utc>,
    ) -> Result<Writer> {
        if let Some(w) = run.writers.get(&i) {
            return Ok(w.clone());
        }
        let log = self.demo_log(week, run, i)?;
        self.refresh_roll_call(log, at)?;
        let user = match self.shift_lead_of_log(log, at)? {
            ShiftLead::Person { user_id, .. } => Some(user_id),
            ShiftLead::StandIn => week.stand_in(i, None),
        };
        let writer = week.people.writer(user.unwrap_or_default());
        if at >= week.shifts[i].shift.start + Duration::minutes(35) {
            run.writers.insert(i, writer.clone());
        }
        Ok(writer)
    }

    /// The log of a shift: opened by its roll call, or by a sign-off that needed it.
    fn demo_log(&mut self, week: &Week, run: &mut Run, i: usize) -> Result<i64> {
        if let Some(id) = run.logs.get(&i) {
            return Ok(*id);
        }
        let key = key(&week.shifts[i].shift);
        let id = self
            .handover_log_id(&key)?
            .ok_or_else(|| crate::error::not_found("handover_log", key.date.to_string()))?;
        run.logs.insert(i, id);
        Ok(id)
    }

    /// The 交接班长 who signs for a shift at `at` (the roll call re-read first): the lead in line,
    /// else a stand-in; never `avoid`.
    fn demo_signer(
        &mut self,
        week: &Week,
        run: &mut Run,
        i: usize,
        avoid: Option<i64>,
        at: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let log = self.demo_log(week, run, i)?;
        self.refresh_roll_call(log, at)?;
        Ok(match self.shift_lead_of_log(log, at)? {
            ShiftLead::Person { user_id, .. } if Some(user_id) != avoid => Some(user_id),
            _ => week.stand_in(i, avoid),
        })
    }

    fn demo_seat(
        &mut self,
        week: &Week,
        run: &mut Run,
        seat: &SeatPlan,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let log = self.demo_log(week, run, seat.shift)?;
        let user = match self.shift_lead_of_log(log, at)? {
            ShiftLead::Person { user_id, .. } if !week.people.is_agent(user_id) => Some(user_id),
            _ => week.stand_in(seat.shift, None),
        };
        let Some(user) = user else { return Ok(()) };
        self.assign_shift_seat(
            log,
            &seat.employee_no,
            Some(seat.seat),
            Actor::user(user, at),
        )
    }

    fn demo_add(
        &mut self,
        week: &Week,
        run: &mut Run,
        k: usize,
        item: &ItemPlan,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let log = self.demo_log(week, run, item.shift)?;
        let writer = self.demo_writer(week, run, item.shift, at)?;
        let id = self.add_handover_item(
            log,
            &NewItem {
                fields: item.fields.clone(),
            },
            Actor::user(writer.user_id, at),
        )?;
        run.items.insert(k, id);
        run.authors.insert(k, writer.agent_no);
        Ok(())
    }

    fn demo_step(
        &mut self,
        week: &Week,
        run: &mut Run,
        k: usize,
        step: &Step,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let Some(&id) = run.items.get(&k) else {
            return Ok(());
        };
        let mut writer = self.demo_writer(week, run, step.shift, at)?;
        let author = run.authors.get(&k).cloned().flatten();
        if writer.agent_no.is_some() && writer.agent_no != author {
            // The lead in line is an agent and this is not their entry: the supervisor writes it.
            let Some(user) = week.stand_in(step.shift, None) else {
                return Ok(());
            };
            writer = week.people.writer(user);
        }
        let change = match &step.change {
            Change::Note(text) => ItemChange::Note { text: text.clone() },
            Change::Progress(text) => ItemChange::Update {
                patch: Box::new(ItemPatch {
                    progress: Some(Some(text.clone())),
                    ..ItemPatch::default()
                }),
            },
            Change::HandTo(team_id, text) => ItemChange::HandToTeam {
                team_id: *team_id,
                text: text.clone(),
            },
            Change::Close(outcome) => ItemChange::Close {
                outcome: outcome.clone(),
            },
        };
        self.change_handover_item(id, &change, Actor::user(writer.user_id, at))
    }

    /// The outgoing sign-off at `at`: face to face when the shifts meet (one query answered and
    /// one accepted first, at the first handovers where both leads may write them), else alone.
    fn demo_sign(&mut self, week: &Week, run: &mut Run, i: usize, at: DateTime<Utc>) -> Result<()> {
        let w = &week.shifts[i];
        let log = self.demo_log(week, run, i)?;
        let Some(outgoing) = self.demo_signer(week, run, i, None, at)? else {
            return Ok(());
        };
        let incoming = match w.incoming.filter(|_| w.meets) {
            Some(next) => match self.demo_signer(week, run, next, Some(outgoing), at)? {
                Some(user) => Some(user),
                None => return Ok(()),
            },
            None => None,
        };
        if let Some(incoming) = incoming {
            self.demo_query(week, run, i, outgoing, incoming)?;
        }
        let mut signers = Signers {
            log_id: log,
            outgoing,
            incoming,
            override_reason: None,
        };
        match self.sign_trusted(&signers, at, Actor::user(outgoing, at)) {
            Err(e) if e.to_problem().code == ErrorCode::HandoverIncomingNotSignedIn => {
                // Nobody of the incoming shift shows signed in yet: the supervisor on the floor
                // confirms they are there (主管特批).
                let Some(supervisor) = week.stand_in(i, None) else {
                    return Ok(());
                };
                signers.override_reason = Some(OVERRIDE_REASON);
                self.sign_trusted(&signers, at, Actor::user(supervisor, at))?;
            }
            other => {
                other?;
            }
        }
        run.signed_by.insert(i, outgoing);
        Ok(())
    }

    /// At a face-to-face handover the incoming side asks about an open item (提问) before
    /// signing: once the outgoing side answers (the first time a 班长 hands over; from the
    /// fourth day any supervisor), once the incoming lead accepts the item as it stands (from the
    /// fourth day). Agents neither ask nor answer: the incoming lead asks when a 班长 or a
    /// supervisor, else (from the sixth day, if nobody has yet) the supervisor at the handover.
    fn demo_query(
        &mut self,
        week: &Week,
        run: &mut Run,
        i: usize,
        outgoing: i64,
        incoming: i64,
    ) -> Result<()> {
        let w = &week.shifts[i].shift;
        let day = (w.date - week.first).num_days();
        let lead_asks = !week.people.is_agent(incoming);
        let answer = !run.answered
            && day >= 1
            && (lead_asks || day >= 5)
            && (week.people.role(outgoing) == Some(Role::TeamLead)
                || (day >= 3 && !week.people.is_agent(outgoing)));
        let accept = !answer && !run.accepted && day >= 3 && lead_asks;
        let asker = if lead_asks {
            Some(incoming)
        } else {
            week.shifts[i]
                .incoming
                .and_then(|next| week.stand_in(next, Some(outgoing)))
        };
        let Some(asker) = asker.filter(|_| answer || accept) else {
            return Ok(());
        };
        let log = self.demo_log(week, run, i)?;
        let (asked, settled) = (w.end + Duration::minutes(1), w.end + Duration::minutes(2));
        let mut open: Vec<_> = self
            .handover_items_of_log(log, asked)?
            .into_iter()
            .filter(|item| item.status == ItemStatus::Open && item.open_queries.is_empty())
            .collect();
        open.sort_by_key(|item| item.kind != ItemKind::Customer);
        let Some(item) = open.first() else {
            return Ok(());
        };
        let (question, reply) = if answer {
            query_words(item.kind)
        } else {
            (QUERY_ACCEPTED, "")
        };
        self.change_handover_item(
            item.id,
            &ItemChange::Query {
                text: question.into(),
            },
            Actor::user(asker, asked),
        )?;
        let query_id = self
            .handover_items_of_log(log, settled)?
            .into_iter()
            .find(|row| row.id == item.id)
            .and_then(|row| row.open_queries.first().map(|q| q.id))
            .unwrap_or_default();
        let (change, by) = if answer {
            run.answered = true;
            let text = reply.into();
            (ItemChange::Answer { query_id, text }, outgoing)
        } else {
            run.accepted = true;
            (ItemChange::Accept { query_id }, asker)
        };
        self.change_handover_item(item.id, &change, Actor::user(by, settled))
    }

    /// 接班签收 of a log signed alone, by the incoming shift's lead at its roll call.
    fn demo_receive(
        &mut self,
        week: &Week,
        run: &mut Run,
        i: usize,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let (Some(&outgoing), Some(next)) = (run.signed_by.get(&i), week.shifts[i].incoming) else {
            return Ok(());
        };
        let log = self.demo_log(week, run, i)?;
        let Some(user) = self.demo_signer(week, run, next, Some(outgoing), at)? else {
            return Ok(());
        };
        self.receive_trusted(log, user, at, Actor::user(user, at))
    }

    fn demo_addendum(
        &mut self,
        week: &Week,
        run: &Run,
        a: &AddendumPlan,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let author = week
            .people
            .by_no
            .get(a.author_no)
            .map(|(id, _)| *id)
            .or_else(|| week.stand_in(a.shift, None));
        let Some(author) = author else { return Ok(()) };
        let (log, text) = match &a.text {
            Some(text) => match run
                .logs
                .get(&a.shift)
                .filter(|_| run.signed_by.contains_key(&a.shift))
            {
                Some(log) => (*log, text.clone()),
                None => return Ok(()),
            },
            None => match self.demo_correction(week, run, a.shift)? {
                Some(found) => found,
                None => return Ok(()),
            },
        };
        self.add_handover_addendum(log, &text, at, Actor::user(author, at))?;
        Ok(())
    }

    /// The roll call correction: the latest signed log before `before` (售前一组's first) whose
    /// roll call shows someone late, who was in the room twenty minutes before the start; else
    /// 1005 in 售前一组's first signed 常日班.
    fn demo_correction(
        &self,
        week: &Week,
        run: &Run,
        before: usize,
    ) -> Result<Option<(i64, String)>> {
        let cutoff = week.shifts[before].shift.start;
        let mut signed: Vec<usize> = run
            .signed_by
            .keys()
            .copied()
            .filter(|i| week.shifts[*i].shift.end < cutoff)
            .collect();
        signed.sort_by_key(|i| {
            let w = &week.shifts[*i];
            (w.team != "售前一组", std::cmp::Reverse(w.shift.start))
        });
        let words = |i: usize, no: &str| {
            let w = &week.shifts[i].shift;
            format!(
                "更正：{} 点名时 {no} 实际 {} 到岗，系统签入延误",
                w.date.format("%m-%d"),
                week.hhmm(w.start - Duration::minutes(20))
            )
        };
        for &i in &signed {
            let log = run.logs[&i];
            if let Some(row) = self
                .handover_roll_call(log)?
                .into_iter()
                .find(|r| r.status == RollCallStatus::Late)
            {
                return Ok(Some((log, words(i, &row.employee_no))));
            }
        }
        Ok(signed
            .iter()
            .rev()
            .find(|i| week.shifts[**i].shift.members.iter().any(|m| m == "1005"))
            .map(|&i| (run.logs[&i], words(i, "1005"))))
    }
}

fn key(s: &TeamShift) -> LogKey {
    LogKey {
        team_id: s.team_id,
        date: s.date,
        shift: s.key.clone(),
    }
}

type Plan = (
    Vec<(DateTime<Utc>, Act)>,
    Vec<ItemPlan>,
    Vec<SeatPlan>,
    Vec<AddendumPlan>,
);

/// Everything the week does, by time: logs opened at their roll call, items and their later
/// changes, seats, sign-offs and receipts, addenda; today's started logs with one new item.
fn plan(week: &Week, now: DateTime<Utc>) -> Plan {
    let mut acts: Vec<(DateTime<Utc>, Act)> = Vec::new();
    let mut items: Vec<ItemPlan> = Vec::new();
    let mut seats: Vec<SeatPlan> = Vec::new();
    let mut addenda: Vec<AddendumPlan> = Vec::new();
    let early = Duration::minutes(HandoverPolicy::default().roll_call_before_start_min);

    // The fixed stories first, so the random ones leave their logs alone.
    if let Some(origin) = week.find(1, "售前一组", "D")
        && let Some(closed_in) = week.after(origin, 2)
    {
        // 张女士's refund (§9): written in 白班, carried through 晚班, closed next morning; the
        // parcel turns up the day after (the first addendum).
        let start = week.shifts[origin].shift.start;
        let next = week.shifts[closed_in].shift.start;
        items.push(ItemPlan {
            shift: origin,
            at: start + Duration::minutes(102),
            fields: NewItemFields::Customer {
                customer: "张女士".into(),
                channel: Channel::Qianniu,
                order_no: Some("TB3920118842".into()),
                problem: "客户要求退款，物流显示已签收但本人未收到".into(),
                promised: Some("今晚 20:00 前回复核实结果".into()),
                progress: None,
            },
            steps: vec![
                Step {
                    shift: origin,
                    at: start + Duration::minutes(290),
                    change: Change::Progress("已联系快递，驿站称包裹可能被误领，等快递回复".into()),
                },
                Step {
                    shift: closed_in,
                    at: next + Duration::minutes(80),
                    change: Change::Note("快递回复无法确认投递位置，已提交丢件理赔".into()),
                },
                Step {
                    shift: closed_in,
                    at: next + Duration::minutes(170),
                    change: Change::Close("已为客户提交退款申请 199 元，客户确认".into()),
                },
            ],
        });
        if let Some(day) = week.shifts[closed_in]
            .shift
            .date
            .checked_add_days(Days::new(1))
            && let Some(at) = week.local(day, 10, 5)
        {
            addenda.push(AddendumPlan {
                shift: closed_in,
                author_no: ADDENDUM_LEAD_NO,
                text: Some("补充：TB3920118842 快递已于次日找回，客户撤销退款申请".into()),
            });
            acts.push((at, Act::Addendum(addenda.len() - 1)));
        }
    }
    if let Some(origin) = week.find(2, "售前一组", "D")
        && let Some(&after_sales) = week.teams.get("售后组")
    {
        // A customer of 售前 with an after-sales problem goes to 售后组 (Q2: 售前→售后).
        let start = week.shifts[origin].shift.start;
        let handed = start + Duration::minutes(140);
        let target = week
            .shifts
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                w.shift.team_id == after_sales && w.shift.start <= handed && handed < w.shift.end
            })
            .min_by_key(|(_, w)| (w.shift.start, w.shift.end))
            .map(|(i, _)| i);
        if let Some(target) = target {
            items.push(ItemPlan {
                shift: origin,
                at: start + Duration::minutes(120),
                fields: NewItemFields::Customer {
                    customer: "陈先生".into(),
                    channel: Channel::Phone,
                    order_no: Some("TB3917730265".into()),
                    problem: "上周购买的加湿器不出雾，要求退货".into(),
                    promised: Some("售后组今天内联系客户".into()),
                    progress: None,
                },
                steps: vec![
                    Step {
                        shift: origin,
                        at: handed,
                        change: Change::HandTo(
                            after_sales,
                            "已购客户的售后问题，转售后组处理".into(),
                        ),
                    },
                    Step {
                        shift: target,
                        at: handed + Duration::minutes(170),
                        change: Change::Close("已安排上门取件退货，客户确认".into()),
                    },
                ],
            });
        }
    }
    for (day, team, shift, no, seat) in [
        (1, "售前一组", "D", "1002", "A13"),
        (3, "售前二组", "M", "1014", "B13"),
        (5, "售后组", "D", "1026", "A14"),
    ] {
        // A seat out of order: the 交接班长 seats the agent elsewhere at roll call (Q6) and posts
        // the notice.
        let Some(i) = week.find(day, team, shift) else {
            continue;
        };
        let w = &week.shifts[i];
        let Some(no) = std::iter::once(no)
            .chain(w.shift.members.iter().map(String::as_str))
            .find(|m| {
                w.shift.members.iter().any(|x| x == m) && w.agent_lead.as_deref() != Some(*m)
            })
        else {
            continue;
        };
        let (name, home) = week.people.agents.get(no).cloned().unwrap_or_default();
        let home = home.unwrap_or_else(|| no.to_owned());
        let at = w.shift.start - Duration::minutes(8);
        seats.push(SeatPlan {
            shift: i,
            employee_no: no.to_owned(),
            seat,
        });
        acts.push((at, Act::Seat(seats.len() - 1)));
        let mut rng = Rng::new(&[&w.shift.date.to_string(), team, shift, "seat"]);
        let trouble = *rng.pick(&["耳机故障", "电脑无法开机", "键盘进水"]);
        items.push(ItemPlan {
            shift: i,
            at: at + Duration::minutes(2),
            fields: NewItemFields::Notice {
                category: NoticeCategory::Equipment,
                text: format!("{home} 台席{trouble}，已报修；{name}本班改坐 {seat}"),
            },
            steps: vec![Step {
                shift: i,
                at: w.shift.start + Duration::minutes(150 + rng.below(60) as i64),
                change: Change::Close(format!("{home} 已修好，{name}下一班回原台席")),
            }],
        });
    }

    for (i, w) in week.shifts.iter().enumerate() {
        let s = &w.shift;
        if s.date > week.today || s.start - early > now {
            continue;
        }
        acts.push((s.start - early, Act::Open(i)));
        if !w.past {
            // Today: one new item once the shift has begun; nothing signed.
            if s.start <= now {
                let mut rng = Rng::new(&[&s.date.to_string(), &w.team, &s.key, "today"]);
                let story = pick_story(&mut rng, w, &[], false);
                let at = (s.start + Duration::minutes(25)).min(now);
                items.push(ItemPlan {
                    shift: i,
                    at,
                    fields: STORIES[story].fields(&mut rng, at, week),
                    steps: Vec::new(),
                });
            }
            continue;
        }
        plan_items(week, i, &mut items);
        let mut rng = Rng::new(&[&s.date.to_string(), &w.team, &s.key, "sign"]);
        if w.meets {
            acts.push((s.end + rng.minutes(3, 6), Act::Handover(i)));
        } else {
            acts.push((s.end + Duration::minutes(3), Act::Handover(i)));
            if let Some(next) = w.incoming {
                let at = week.shifts[next].shift.start - Duration::minutes(5);
                acts.push((at, Act::Receive(i)));
            }
        }
    }
    for (k, item) in items.iter().enumerate() {
        acts.push((item.at, Act::Add(k)));
        for (s, step) in item.steps.iter().enumerate() {
            acts.push((step.at, Act::Step(k, s)));
        }
    }
    // The roll call correction, yesterday morning, by the supervisor.
    let yesterday = week.today - Days::new(1);
    if let Some(i) = week
        .shifts
        .iter()
        .position(|w| w.past && w.shift.date == yesterday)
        && let Some(at) = week.local(yesterday, 9, 40)
    {
        addenda.push(AddendumPlan {
            shift: i,
            author_no: STAND_IN_NOS[0],
            text: None,
        });
        acts.push((at, Act::Addendum(addenda.len() - 1)));
    }
    let mut acts: Vec<(usize, (DateTime<Utc>, Act))> = acts.into_iter().enumerate().collect();
    acts.sort_by_key(|(seq, (at, act))| (*at, act.rank(), *seq));
    (
        acts.into_iter().map(|(_, a)| a).collect(),
        items,
        seats,
        addenda,
    )
}

/// One to four items for a past shift, at times spread over it. About a third are carried two
/// to five shifts (a word before handing over and on the way, where the writer may add one)
/// and close in the week where they can; the rest close within the shift. The first item of the
/// team's last shift of yesterday stays open: today's first log holds it.
fn plan_items(week: &Week, i: usize, items: &mut Vec<ItemPlan>) {
    let w = &week.shifts[i];
    let s = &w.shift;
    let mut rng = Rng::new(&[&s.date.to_string(), &w.team, &s.key]);
    let count = 1 + rng.below(3) + usize::from(rng.below(4) == 0);
    let last_of_yesterday = w.incoming.is_some_and(|next| !week.shifts[next].past)
        && !week.shifts.iter().any(|o| {
            o.past
                && o.shift.team_id == s.team_id
                && o.shift.date == s.date
                && o.shift.start > s.start
        });
    let span = (s.end - s.start).num_minutes() - 65;
    let mut taken = Vec::new();
    for j in 0..count {
        let keep_open = last_of_yesterday && j == 0;
        let story = pick_story(&mut rng, w, &taken, keep_open);
        taken.push(story);
        let slot = span * (2 * j as i64 + 1) / (2 * count as i64);
        let at = s.start + Duration::minutes(35 + slot) + rng.minutes(-10, 10);
        let at = at.max(s.start + Duration::minutes(35));
        let st = &STORIES[story];
        let fields = st.fields(&mut rng, at, week);
        let mut steps = Vec::new();
        let mut words = 0;
        if keep_open || (st.carries && rng.below(3) == 0) {
            if rng.below(2) == 0 {
                let when = (s.end - rng.minutes(30, 60)).max(at + Duration::minutes(10));
                steps.push(Step {
                    shift: i,
                    at: when,
                    change: st.on_the_way(&mut rng, words),
                });
                words += 1;
            }
            // The shifts it passes through in the week whose writer may touch it; it closes in
            // the first at least `carried` hand-overs on, else the last one two or more on.
            let carried = 2 + rng.below(4);
            let path: Vec<(usize, usize)> = (1..=carried + 3)
                .map_while(|hop| week.after(i, hop).map(|p| (hop, p)))
                .filter(|(_, p)| week.writable(*p, i))
                .collect();
            let close = if keep_open {
                None
            } else {
                path.iter()
                    .find(|(hop, _)| *hop >= carried)
                    .or_else(|| path.iter().rev().find(|(hop, _)| *hop >= 2))
                    .or(path.last())
                    .copied()
            };
            for &(hop, p) in &path {
                let ps = &week.shifts[p].shift;
                let latest = ps.end - Duration::minutes(20);
                if Some((hop, p)) == close {
                    let when = (ps.start + rng.minutes(60, 240)).min(latest);
                    steps.push(Step {
                        shift: p,
                        at: when,
                        change: Change::Close(rng.pick(st.outcomes).to_string()),
                    });
                    break;
                }
                if rng.below(2) == 0 {
                    let when = (ps.start + rng.minutes(50, 200)).min(latest);
                    steps.push(Step {
                        shift: p,
                        at: when,
                        change: st.on_the_way(&mut rng, words),
                    });
                    words += 1;
                }
            }
        } else {
            let latest = s.end - Duration::minutes(15);
            let when = (at + rng.minutes(30, 180))
                .min(latest)
                .max(at + Duration::minutes(10));
            steps.push(Step {
                shift: i,
                at: when,
                change: Change::Close(rng.pick(st.outcomes).to_string()),
            });
        }
        items.push(ItemPlan {
            shift: i,
            at,
            fields,
            steps,
        });
    }
}

/// Which team's items a story fits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Teams {
    Presale,
    AfterSales,
    Any,
}

/// When in the day a story fits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum When {
    Day,
    Night,
    Any,
}

/// What an item says, before the names, order numbers and times are filled in.
enum Body {
    /// Channel, order number prefix, problem, promised.
    Customer(
        Channel,
        Option<&'static str>,
        &'static str,
        Option<&'static str>,
    ),
    /// What (`{prev}`: the day before), due this many hours after it is written.
    Urgent(&'static str, i64),
    /// Who (`{name}`), why; to be contacted by 10:00 the next day.
    Prospect(&'static str, &'static str),
    /// Category and text (`{t1}`–`{t2}`: a quarter hour ending twenty minutes ago).
    Notice(NoticeCategory, &'static str),
    Note(&'static str),
}

struct Story {
    teams: Teams,
    when: When,
    body: Body,
    /// Whether it may stay open over several shifts (a 备注 of the day does not).
    carries: bool,
    /// Its own notes (for a customer, progress) on the way while it is carried.
    notes: &'static [&'static str],
    outcomes: &'static [&'static str],
}

const SURNAMES: [&str; 16] = [
    "王", "李", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "朱", "胡", "郭", "林", "罗", "梁",
];

/// A question about an item at the handover and the outgoing side's answer, by the item's kind.
fn query_words(kind: ItemKind) -> (&'static str, &'static str) {
    match kind {
        ItemKind::Customer => (
            "客户如果今晚再来电，按什么口径答复？",
            "按承诺时间回复核实结果；结果出来前不要答应赔付。",
        ),
        ItemKind::Urgent => (
            "截止前做不完怎么办？",
            "已和财务说好，做不完交下一班接着做，截止时间不变。",
        ),
        ItemKind::Prospect => (
            "报价按哪个价格表？",
            "按本月团购价格表，50 件以上的再问主管。",
        ),
        ItemKind::Notice => (
            "报修单号是多少？",
            "IT 工单已登记，备件到了会直接打台席电话。",
        ),
        ItemKind::Note => (
            "需要每个人都通知到吗？",
            "已在班组群发了，点名时再口头说一遍。",
        ),
    }
}

const QUERY_ACCEPTED: &str = "这件事接班后还需要我们做什么？";

const ON_THE_WAY: [&str; 3] = [
    "客户来电询问进度，已告知正在处理",
    "已电话联系客户，未接通，已短信告知",
    "已在班组群提醒下一班跟进",
];

impl Story {
    fn kind(&self) -> ItemKind {
        match self.body {
            Body::Customer(..) => ItemKind::Customer,
            Body::Urgent(..) => ItemKind::Urgent,
            Body::Prospect(..) => ItemKind::Prospect,
            Body::Notice(..) => ItemKind::Notice,
            Body::Note(_) => ItemKind::Note,
        }
    }

    fn fits(&self, w: &WeekShift) -> bool {
        let presale = w.team.starts_with("售前");
        let team = match self.teams {
            Teams::Any => true,
            Teams::Presale => presale,
            Teams::AfterSales => !presale,
        };
        let when = match self.when {
            When::Any => true,
            When::Day => !w.night,
            When::Night => w.night,
        };
        team && when
    }

    fn fields(&self, rng: &mut Rng, at: DateTime<Utc>, week: &Week) -> NewItemFields {
        let local = at.with_timezone(&week.tz);
        let name = |rng: &mut Rng, female: &str, male: &str| {
            let title = if rng.below(2) == 0 { female } else { male };
            format!("{}{title}", rng.pick(&SURNAMES))
        };
        match self.body {
            Body::Customer(channel, prefix, problem, promised) => NewItemFields::Customer {
                customer: name(rng, "女士", "先生"),
                channel,
                order_no: prefix.map(|p| format!("{p}{}", 3_000_000_000 + rng.below(900_000_000))),
                problem: problem.into(),
                promised: promised.map(Into::into),
                progress: None,
            },
            Body::Urgent(what, hours) => {
                let prev = local.date_naive() - Days::new(1);
                let due = local + Duration::hours(hours);
                NewItemFields::Urgent {
                    what: what.replace("{prev}", &prev.format("%m-%d").to_string()),
                    due: Some(format!("{:02}:00", due.hour())),
                }
            }
            Body::Prospect(who, why) => {
                let next = local.date_naive() + Days::new(1);
                NewItemFields::Prospect {
                    who: who.replace("{name}", &name(rng, "小姐", "先生")),
                    why: why.into(),
                    due: Some(format!("{:02}-{:02} 10:00", next.month(), next.day())),
                }
            }
            Body::Notice(category, text) => NewItemFields::Notice {
                category,
                text: text
                    .replace("{t1}", &week.hhmm(at - Duration::minutes(35)))
                    .replace("{t2}", &week.hhmm(at - Duration::minutes(20))),
            },
            Body::Note(text) => NewItemFields::Note { text: text.into() },
        }
    }

    /// The `n`th note (or, for a customer, progress update) while the item is carried: its own
    /// first, then the everyday ones, none twice.
    fn on_the_way(&self, rng: &mut Rng, n: usize) -> Change {
        if let (Some(text), Body::Customer(..)) = (self.notes.get(n), &self.body) {
            return Change::Progress((*text).into());
        }
        if let Some(text) = self.notes.get(n) {
            return Change::Note((*text).into());
        }
        let k = n - self.notes.len();
        let first = rng.below(ON_THE_WAY.len());
        Change::Note(ON_THE_WAY[(first + k) % ON_THE_WAY.len()].into())
    }
}

/// A story for a shift, by kind (weighted by team), not one already taken in the log (one that
/// is carried over when `carried`).
fn pick_story(rng: &mut Rng, w: &WeekShift, taken: &[usize], carried: bool) -> usize {
    let fits =
        |s: usize| STORIES[s].fits(w) && !taken.contains(&s) && (!carried || STORIES[s].carries);
    let weights: [(ItemKind, usize); 5] = if w.team.starts_with("售前") {
        [
            (ItemKind::Customer, 35),
            (ItemKind::Prospect, 20),
            (ItemKind::Urgent, 15),
            (ItemKind::Notice, 12),
            (ItemKind::Note, 18),
        ]
    } else {
        [
            (ItemKind::Customer, 50),
            (ItemKind::Prospect, 0),
            (ItemKind::Urgent, 20),
            (ItemKind::Notice, 12),
            (ItemKind::Note, 18),
        ]
    };
    let total: usize = weights.iter().map(|(_, n)| n).sum();
    for _ in 0..20 {
        let mut roll = rng.below(total);
        let kind = weights
            .iter()
            .find(|(_, n)| {
                if roll < *n {
                    true
                } else {
                    roll -= n;
                    false
                }
            })
            .map_or(ItemKind::Note, |(k, _)| *k);
        let fit: Vec<usize> = (0..STORIES.len())
            .filter(|s| STORIES[*s].kind() == kind && fits(*s))
            .collect();
        if !fit.is_empty() {
            return *rng.pick(&fit);
        }
    }
    (0..STORIES.len()).find(|s| fits(*s)).unwrap_or(0)
}

const STORIES: &[Story] = &[
    // 移交客户, 售前.
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "下单后要求改收货地址，仓库已打包",
            Some("联系仓库拦截改址，今晚前回复客户"),
        ),
        carries: true,
        notes: &["仓库回复可以改址，等快递重新揽收"],
        outcomes: &["仓库已改址发出，客户确认", "客户取消订单"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Phone,
            None,
            "尺码不合适要求换货",
            Some("明天上午确认库存后回电"),
        ),
        carries: true,
        notes: &[
            "43 码有货，已登记换货",
            "客户白天不方便接电话，约 19:00 后联系",
        ],
        outcomes: &["已寄出换货，单号已短信告知客户"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            None,
            "咨询的羽绒服 XL 断码，要求到货通知",
            Some("到货后第一时间通知客户"),
        ),
        carries: true,
        notes: &["仓库回复周四到货"],
        outcomes: &["已到货并通知，客户已下单", "客户已在别家购买"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Douyin,
            Some("DY"),
            "直播间下单的套装少发一件赠品",
            Some("核实后补寄赠品"),
        ),
        carries: true,
        notes: &["仓库核实确实漏发，已登记补寄"],
        outcomes: &["赠品已补寄，客户确认"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Wechat,
            None,
            "咨询会员积分未到账",
            Some("核实后今天内回复"),
        ),
        carries: true,
        notes: &["会员系统同步延迟，已报技术处理"],
        outcomes: &["积分已补录 500 分，客户确认"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Day,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "要求开增值税专用发票，抬头和税号已提供",
            Some("两个工作日内寄出发票"),
        ),
        carries: true,
        notes: &["财务已开票，等快递揽收"],
        outcomes: &["发票已寄出，单号已告知客户"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Phone,
            Some("TB"),
            "优惠券下单时无法使用",
            Some("核实活动规则后回电"),
        ),
        carries: true,
        notes: &["运营确认券的适用商品设置有误"],
        outcomes: &["已补发 20 元无门槛券，客户满意", "客户取消订单"],
    },
    // 移交客户, 售后.
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "客户要求退款，物流显示已签收但本人未收到",
            Some("今晚 20:00 前回复核实结果"),
        ),
        carries: true,
        notes: &["已联系快递，驿站称包裹可能被误领"],
        outcomes: &["已退款 199 元，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Douyin,
            Some("DY"),
            "收到的保温杯外包装破损，要求补发",
            Some("24 小时内给处理方案"),
        ),
        carries: true,
        notes: &["客户已上传破损照片，已提交补发申请"],
        outcomes: &["已补发新品，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "退货已寄回 5 天仍未退款",
            Some("今天 18:00 前催财务并回复"),
        ),
        carries: true,
        notes: &["仓库已签收退货，等财务审核"],
        outcomes: &["已退款 359 元，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Phone,
            None,
            "投诉配送员态度差，要求道歉",
            Some("明天 12:00 前回电说明处理结果"),
        ),
        carries: true,
        notes: &["已向物流公司投诉，等对方回复"],
        outcomes: &["已向物流投诉并回电致歉，客户接受"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Day,
        body: Body::Customer(
            Channel::Phone,
            Some("TB"),
            "空调安装预约要求改到周六",
            Some("与安装师傅确认后回电"),
        ),
        carries: true,
        notes: &["安装师傅周六上午有空档"],
        outcomes: &["已改约周六上午，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Wechat,
            None,
            "加湿器使用一周不出雾，要求维修或换新",
            Some("今天内给维修方案"),
        ),
        carries: true,
        notes: &["已发送自检视频，客户检查后仍不出雾"],
        outcomes: &["已安排换新，旧机上门取回"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "商品已拆封要求退货，客户认为不影响二次销售",
            Some("请主管确认后答复"),
        ),
        carries: true,
        notes: &["已上报主管审批"],
        outcomes: &["主管同意退货，已发退货地址", "客户接受补偿 30 元，不退货"],
    },
    // 潜在客户.
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Prospect("{name}", "咨询团购 50 件，需回电报价"),
        carries: true,
        notes: &["已发报价单，客户说和同事商量"],
        outcomes: &["已回电，下单 50 件", "客户预算不够，暂不购买"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Prospect("{name}（公司行政）", "年会礼品定制 200 份，要样品图"),
        carries: true,
        notes: &["设计已出样品图，等客户确认颜色"],
        outcomes: &["已发样品图，客户下单 200 份", "客户选了别家，已记录原因"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Prospect("{name}", "想买空气净化器，等活动降价再联系"),
        carries: true,
        notes: &["活动价已确认，周五开始"],
        outcomes: &["活动开始已通知，客户已下单"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Day,
        body: Body::Prospect("{name}（门店采购）", "采购 100 箱纸巾，要阶梯价"),
        carries: true,
        notes: &["已请运营核算阶梯价"],
        outcomes: &["已报价，客户暂不需要", "已回电，下单 100 箱"],
    },
    // 紧急事项.
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Urgent("核对 {prev} 批次退款单", 3),
        carries: true,
        notes: &["已核对一半，剩余明早继续"],
        outcomes: &["已核对 37 单，2 单有误已退回财务"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Urgent("抖音店铺 2 条差评 24 小时内回复", 5),
        carries: true,
        notes: &["已回复 1 条，另一条客户未回消息"],
        outcomes: &["已回复并私信客户，1 条已追评"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Urgent("补录昨日漏登的 3 通投诉来电", 2),
        carries: true,
        notes: &[],
        outcomes: &["已补录，工单号已回填"],
    },
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Urgent("给 5 位预约回访的老客户回电", 4),
        carries: true,
        notes: &["已回访 3 位，2 位未接"],
        outcomes: &["已回访 5 位，1 位要求下周再联系"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Urgent("质检退回的 2 通录音整改确认", 3),
        carries: true,
        notes: &[],
        outcomes: &["已整改，班长复听通过"],
    },
    // 通知.
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Equipment, "B07 台席耳机故障，已报修"),
        carries: true,
        notes: &["IT 说备件明天到"],
        outcomes: &["已更换新耳机"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Outage, "千牛 {t1}–{t2} 无法登录，已恢复"),
        carries: false,
        notes: &[],
        outcomes: &["期间的咨询已全部回复"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(
            NoticeCategory::Policy,
            "双十二活动：满 300 减 40，12 月 1 日起",
        ),
        carries: true,
        notes: &[],
        outcomes: &["已传达全组，话术已更新"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(
            NoticeCategory::Policy,
            "运费险规则调整：7 天无理由退货运费由店铺承担",
        ),
        carries: true,
        notes: &[],
        outcomes: &["已传达全组"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Equipment, "C03 台席电脑频繁死机，已报 IT"),
        carries: true,
        notes: &["IT 远程检查过，怀疑内存条问题"],
        outcomes: &["IT 已更换主机"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Outage, "来电弹屏延迟约 10 秒，已反馈厂商"),
        carries: true,
        notes: &["厂商远程排查中"],
        outcomes: &["厂商已修复"],
    },
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Notice(
            NoticeCategory::Other,
            "明天上午 9:00 消防演练，值班人员留守",
        ),
        carries: false,
        notes: &[],
        outcomes: &["演练结束，已恢复正常接线"],
    },
    // 备注.
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Note("今日来电高峰 10:00–11:30"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
    Story {
        teams: Teams::Any,
        when: When::Night,
        body: Body::Note("今晚来电高峰 20:00–21:30"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
    Story {
        teams: Teams::Any,
        when: When::Night,
        body: Body::Note("物流系统 22:00 后不更新轨迹，客户查件请说明"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Note("财务退款审核今天只到 17:00，之后的退款单明早处理"),
        carries: false,
        notes: &[],
        outcomes: &["已转达全组"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Note("新话术已更新到知识库“售后-退换货”目录"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
];
