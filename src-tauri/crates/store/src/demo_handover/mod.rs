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
//!
//! The files, each reading only the ones before it: `week` (the week's shifts and people, read
//! once from the store), `stories` (the words), `plan` (every act of the week, by time, fixed
//! before anything is written); this root applies the plan through the store, act by act, as
//! the users in line would.

mod plan;
mod stories;
mod week;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use floordesk_domain::ErrorCode;
use floordesk_domain::access::Role;
use floordesk_domain::handover::item::{ItemChange, ItemKind, ItemPatch, ItemStatus};
use floordesk_domain::handover::lead::ShiftLead;
use floordesk_domain::handover::roll_call::RollCallStatus;
use floordesk_domain::handover::shift::TeamShift;

use self::plan::{Act, AddendumPlan, Change, ItemPlan, Plan, SeatPlan, Step, plan};
use self::stories::{QUERY_ACCEPTED, query_words};
use self::week::{Week, Writer};
use crate::handover::LogKey;
use crate::handover::items::NewItem;
use crate::handover::sign::Signers;
use crate::{Actor, Result, Store};

const OVERRIDE_REASON: &str = "接班客服已到岗，系统签入延迟，主管现场确认";

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
        let Some(week) = Week::read(self, today, now)? else {
            return Ok(0);
        };
        let Plan {
            acts,
            items,
            seats,
            addenda,
        } = plan(&week, now);
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
