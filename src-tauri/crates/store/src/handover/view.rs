//! One log as the handover page shows it (docs/design/handover.md §5.1 `HandoverLogView`).

use chrono::{DateTime, Utc};
use floordesk_domain::Problem;
use floordesk_domain::handover::item::{ItemFields, ItemStatus};
use floordesk_domain::handover::shift::shifts_meet;
use floordesk_domain::handover::sign::{SignFacts, Span, plan_sign};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::addenda::{AddendumView, SignatureView};
use super::day::log_status;
use super::leads::{LeadView, lead_of, lead_view};
use super::logs::LogStatus;
use super::record::members_signed_in;
use super::record::{
    LogRow, NotYourTeam, log_by_key, not_your_team, policy_in, reach_team, roster_shift, team_name,
};
use super::reminders::{HandoverReminder, open_reminders};
use super::roll_call::{RollCallRow, reading};
use super::snapshot::{incoming_of, shown_items, team_log_facts};
use super::timeline::{ItemReader, ItemRow, load_item};
use super::{LogKey, PersonRef};
use crate::error::not_found;
use crate::{Actor, Result, Store};

/// The shift that takes the log over, as the sign-off dialog names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct IncomingView {
    pub key: LogKey,
    pub name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub log_id: Option<i64>,
    /// It starts within `handover_gap_min` of the outgoing end: both sign face to face.
    pub meets: bool,
    pub gap_min: i64,
    pub lead: LeadView,
    pub members: Vec<PersonRef>,
    /// Members signed in now (seed 003: the outgoing side waits for one of them).
    pub signed_in: Vec<PersonRef>,
}

/// One log as the handover page shows it: heading, leads, roll call, items, and what a sign-off
/// now would refuse with (so the page shows it before anyone types a PIN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HandoverLogView {
    pub log_id: Option<i64>,
    pub key: LogKey,
    pub team_name: String,
    pub shift_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: LogStatus,
    /// Signed by at least one side: nothing in it changes any more.
    pub frozen: bool,
    pub outgoing_lead: LeadView,
    pub incoming: Option<IncomingView>,
    pub roll_call: Vec<RollCallRow>,
    pub items: Vec<ItemRow>,
    pub addenda: Vec<AddendumView>,
    pub signatures: Vec<SignatureView>,
    pub blockers: Vec<Problem>,
    pub reminders: Vec<HandoverReminder>,
}

/// The roll call a log not opened yet would start with: the roster's members read from the floor.
fn preview_roll_call(
    conn: &Connection,
    log: &LogRow,
    members: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<RollCallRow>> {
    let policy = policy_in(conn, now)?;
    let mut rows = Vec::new();
    for no in members {
        let agent: Option<(i64, String, Option<String>)> = conn
            .prepare_cached(
                "SELECT a.id, a.name, s.code FROM agents a LEFT JOIN seats s ON s.id = a.seat_id
                 WHERE a.employee_no = ?1",
            )?
            .query_row([no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((agent_id, name, home_seat_code)) = agent else {
            continue;
        };
        let read = reading(conn, agent_id, no, log, &policy, now)?;
        rows.push(RollCallRow {
            employee_no: no.clone(),
            name,
            rostered: true,
            status: read.status,
            late_min: read.late_min,
            notified: read.notified,
            pending: read.pending,
            arrived_at: read.arrived_at,
            seat_code: None,
            home_seat_code,
            note: None,
            corrected_by: None,
            corrected_at: None,
        });
    }
    Ok(rows)
}

/// A snapshot's 经手人 (工号 joined by ','), named as the item's own events name them (a
/// supervisor who handled it is no agent), else by the agents' table.
fn people(conn: &Connection, joined: &str, known: &[PersonRef]) -> Result<Vec<PersonRef>> {
    let mut out = Vec::new();
    for no in joined.split(',').filter(|s| !s.is_empty()) {
        let name = match known
            .iter()
            .find(|p| p.employee_no == no && !p.name.is_empty())
        {
            Some(p) => Some(p.name.clone()),
            None => conn
                .prepare_cached("SELECT name FROM agents WHERE employee_no = ?1")?
                .query_row([no], |r| r.get(0))
                .optional()?,
        };
        out.push(PersonRef {
            employee_no: no.to_owned(),
            name: name.unwrap_or_default(),
        });
    }
    Ok(out)
}

/// A signed log's items as its snapshot froze them.
fn frozen_items(conn: &Connection, log_id: i64, now: DateTime<Utc>) -> Result<Vec<ItemRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item_id, title, fields, status, outcome, shifts_open, touched_by, not_handed_over
         FROM handover_log_items WHERE log_id = ?1 ORDER BY item_id",
    )?;
    let rows = stmt
        .query_map([log_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, u32>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut reader = ItemReader::new(conn)?;
    let mut out = Vec::new();
    for (id, title, fields, status, outcome, shifts_open, touched_by, not_handed_over) in rows {
        let item = load_item(conn, id)?;
        let mut row = reader.row(&item, now)?;
        let status = if status == "closed" {
            ItemStatus::Closed
        } else {
            ItemStatus::Open
        };
        if let Ok(fields) = serde_json::from_str::<ItemFields>(&fields) {
            row.due_at = fields.due_at();
            row.fields = fields;
        }
        row.title = title;
        row.status = status;
        row.outcome = outcome;
        row.shifts_open = shifts_open;
        row.touched_by = people(conn, &touched_by, &row.touched_by)?;
        // Carried in: written in an earlier log than this one, whatever happened to it since.
        row.carried_in = item.now.placements.first() != Some(&log_id);
        row.not_handed_over = not_handed_over;
        row.open_queries.clear();
        row.overdue = false;
        row.team_name = reader.log(log_id)?.team_name.clone();
        out.push(row);
    }
    Ok(out)
}

/// An open log's items as a sign-off now would freeze them: its own, and the open ones inherited
/// from earlier logs nobody signed (未交接).
fn live_items(
    conn: &Connection,
    log: &LogRow,
    now: DateTime<Utc>,
) -> Result<(Vec<ItemRow>, usize)> {
    let facts = team_log_facts(conn, log)?;
    let shown = shown_items(conn, log, &facts, now)?;
    let mut reader = ItemReader::new(conn)?;
    let mut out = Vec::new();
    let mut open_queries = 0;
    for s in &shown {
        let item = load_item(conn, s.item_id)?;
        let mut row = reader.row(&item, now)?;
        row.not_handed_over = s.not_handed_over;
        row.shifts_open = s.shifts_open;
        if s.status == ItemStatus::Open {
            open_queries += s.open_queries;
        }
        out.push(row);
    }
    Ok((out, open_queries))
}

impl Store {
    /// One log as the page shows it, opened or not (a log not opened shows the roll call the floor
    /// reads now and no items). Reach: a team lead or an agent reads their own team's logs.
    pub fn handover_log(
        &self,
        key: &LogKey,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<HandoverLogView> {
        let conn = self.conn();
        let team = team_name(conn, key.team_id)?.ok_or_else(|| not_found("team", key.team_id))?;
        if let Some(own) = reach_team(self, actor)?
            && own != Some(key.team_id)
        {
            return Err(not_your_team(&team, NotYourTeam::Log));
        }
        let stored = log_by_key(conn, key)?;
        let log = match &stored {
            Some(l) => l.clone(),
            None => {
                let shift = roster_shift(conn, key)?;
                LogRow {
                    id: 0,
                    team_id: key.team_id,
                    team_name: team.clone(),
                    date: key.date,
                    shift_key: key.shift.clone(),
                    shift_name: shift.name,
                    start: shift.start,
                    end: shift.end,
                    signed: false,
                }
            }
        };
        let policy = policy_in(conn, now)?;
        let outgoing_lead = lead_view(conn, &lead_of(conn, key, now)?)?;
        let incoming = match incoming_of(conn, &log)? {
            Some(s) => {
                let in_key = LogKey {
                    team_id: s.team_id,
                    date: s.date,
                    shift: s.key.clone(),
                };
                let members = members_signed_in(conn, &s.members, now)?;
                Some(IncomingView {
                    log_id: log_by_key(conn, &in_key)?.map(|l| l.id),
                    lead: lead_view(conn, &lead_of(conn, &in_key, now)?)?,
                    meets: shifts_meet(log.end, s.start, policy.gap_min),
                    gap_min: (s.start - log.end).num_minutes(),
                    name: s.name,
                    start: s.start,
                    end: s.end,
                    signed_in: members
                        .iter()
                        .filter(|m| m.1)
                        .map(|m| m.0.clone())
                        .collect(),
                    members: members.into_iter().map(|m| m.0).collect(),
                    key: in_key,
                })
            }
            None => None,
        };
        let Some(stored) = stored else {
            let members = roster_shift(conn, key)?.members;
            return Ok(HandoverLogView {
                log_id: None,
                key: key.clone(),
                team_name: team,
                shift_name: log.shift_name.clone(),
                start: log.start,
                end: log.end,
                status: LogStatus::NotOpened,
                frozen: false,
                outgoing_lead,
                incoming,
                roll_call: preview_roll_call(conn, &log, &members, now)?,
                items: Vec::new(),
                addenda: Vec::new(),
                signatures: Vec::new(),
                blockers: Vec::new(),
                reminders: Vec::new(),
            });
        };
        let status = log_status(conn, stored.id)?;
        let (items, open_queries) = if stored.signed {
            (frozen_items(conn, stored.id, now)?, 0)
        } else {
            live_items(conn, &stored, now)?
        };
        let blockers = if stored.signed {
            Vec::new()
        } else {
            let names: Vec<String> = incoming
                .as_ref()
                .map(|i| i.members.iter().map(|m| m.name.clone()).collect())
                .unwrap_or_default();
            let dry_run = plan_sign(&SignFacts {
                now,
                policy: &policy,
                outgoing: Span {
                    start: stored.start,
                    end: stored.end,
                },
                incoming: incoming.as_ref().map(|i| Span {
                    start: i.start,
                    end: i.end,
                }),
                signed: &[],
                // Stand-ins for the two PINs: what is checked here is everything but the signers.
                outgoing_signer: Some(-1),
                incoming_signer: Some(-2),
                open_queries,
                incoming_names: &names,
                incoming_signed_in: incoming.as_ref().map_or(0, |i| i.signed_in.len()),
                override_reason: None,
                may_override: false,
            });
            dry_run.err().into_iter().collect()
        };
        Ok(HandoverLogView {
            log_id: Some(stored.id),
            key: key.clone(),
            team_name: stored.team_name.clone(),
            shift_name: stored.shift_name.clone(),
            start: stored.start,
            end: stored.end,
            status,
            frozen: stored.signed,
            outgoing_lead,
            incoming,
            roll_call: self.handover_roll_call(stored.id)?,
            items,
            addenda: self.handover_addenda_of(stored.id)?,
            signatures: self.handover_signatures_of(stored.id)?,
            blockers,
            reminders: open_reminders(conn, Some(stored.id))?,
        })
    }

    /// The view of a stored log by its id.
    pub fn handover_log_by_id(
        &self,
        log_id: i64,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<HandoverLogView> {
        let log = super::record::log_row(self.conn(), log_id)?;
        self.handover_log(&log.key(), now, actor)
    }
}
