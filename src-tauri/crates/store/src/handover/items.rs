//! 交接事项 on record, the writing side: adding an item (its identity and `created` event) and
//! adding a change to its append-only timeline, in the log the change belongs in. Reading an item
//! (its fold, rows, timeline) is `timeline.rs`; the derived index and search documents every
//! event rewrites in the same transaction are `index.rs`. Design: docs/design/handover.md §2
//! (items), §3.3, §5.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::carry::{LogFacts, carry_target};
use floordesk_domain::handover::item::{
    Channel, ItemChange, ItemEventKind, ItemFields, ItemStatus, NoticeCategory, check_change,
    check_fields, resolve_due,
};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::PersonRef;
use super::index::refresh_index;
use super::record::{
    LogRow, NotYourTeam, first_signature, log_row, not_your_team, site_tz, team_name, user_person,
};
use super::roll_call::not_on_roll_call;
use super::timeline::load_item;
pub use super::timeline::{ItemEventView, ItemRow, ItemTimeline, QueryView};
use crate::error::not_found;
use crate::reach::Reach;
use crate::{Actor, Result, Store, StoreError, to_ms};

/// A new item's fields as typed: [`ItemFields`] with the due time as text ("17:00",
/// "11-24 10:00"), read against the log's start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NewItemFields {
    Customer {
        customer: String,
        channel: Channel,
        order_no: Option<String>,
        problem: String,
        promised: Option<String>,
        progress: Option<String>,
    },
    Urgent {
        what: String,
        due: Option<String>,
    },
    Prospect {
        who: String,
        why: String,
        due: Option<String>,
    },
    Notice {
        category: NoticeCategory,
        text: String,
    },
    Note {
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NewItem {
    pub fields: NewItemFields,
}

impl NewItemFields {
    /// The fields with the due text read as the first such local time at or after the start.
    fn resolve(&self, start: DateTime<Utc>, tz: Tz) -> Result<ItemFields, Problem> {
        let start_local = start.with_timezone(&tz).naive_local();
        let due = |text: &Option<String>| due_at(text.as_deref(), start_local, tz);
        Ok(match self.clone() {
            NewItemFields::Customer {
                customer,
                channel,
                order_no,
                problem,
                promised,
                progress,
            } => ItemFields::Customer {
                customer,
                channel,
                order_no,
                problem,
                promised,
                progress,
            },
            NewItemFields::Urgent { what, due: text } => ItemFields::Urgent {
                what,
                due_at: due(&text)?,
            },
            NewItemFields::Prospect {
                who,
                why,
                due: text,
            } => ItemFields::Prospect {
                who,
                why,
                due_at: due(&text)?,
            },
            NewItemFields::Notice { category, text } => ItemFields::Notice { category, text },
            NewItemFields::Note { text } => ItemFields::Note { text },
        })
    }
}

fn due_at(
    text: Option<&str>,
    start_local: NaiveDateTime,
    tz: Tz,
) -> Result<Option<DateTime<Utc>>, Problem> {
    let Some(text) = text else { return Ok(None) };
    let Some(local) = resolve_due(text, start_local)? else {
        return Ok(None);
    };
    // A local time the clocks skip (a DST gap) is no time at all.
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| Some(t.with_timezone(&Utc)))
        .ok_or_else(|| {
            Problem::new(
                ErrorCode::HandoverBadDue,
                format!("{local} does not exist in {tz}"),
            )
            .with("value", text.trim())
        })
}

fn not_your_entry() -> StoreError {
    Problem::new(
        ErrorCode::HandoverNotYourEntry,
        "an agent changes only their own 交接记录本 entries",
    )
    .into()
}

/// The log a change to an item in `current` goes into: `current` while nobody signed it; else
/// where sign-off carries open items (none: handover.signed).
fn effective_log(conn: &Connection, current: &LogRow, open: bool) -> Result<LogRow> {
    let Some((incoming, _)) = first_signature(conn, current.id)? else {
        return Ok(current.clone());
    };
    if !open {
        return Err(current.signed_refusal());
    }
    let mut facts = HashMap::new();
    let mut next = Some((current.id, incoming));
    while let Some((id, incoming)) = next.take() {
        facts.insert(
            id,
            LogFacts {
                id,
                end: log_row(conn, id)?.end,
                signed: true,
                incoming,
            },
        );
        if let Some(to) = incoming.filter(|to| !facts.contains_key(to))
            && let Some((after, _)) = first_signature(conn, to)?
        {
            next = Some((to, after));
        }
    }
    match carry_target(current.id, &facts) {
        Some(target) => log_row(conn, target),
        None => Err(current.signed_refusal()),
    }
}

/// The other team's log an item handed to it goes into: the one running at `at`, else its next
/// (within the incoming horizon); only logs nobody signed.
fn team_log_at(conn: &Connection, team_id: i64, at: DateTime<Utc>, tz: Tz) -> Result<i64> {
    let team_name = team_name(conn, team_id)?.ok_or_else(|| not_found("team", team_id))?;
    let horizon = at + Duration::days(floordesk_domain::handover::INCOMING_HORIZON_DAYS as i64);
    conn.prepare_cached(
        "SELECT id FROM handover_logs l
         WHERE team_id = ?1 AND shift_end > ?2 AND shift_start < ?3
           AND NOT EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = l.id)
         ORDER BY shift_start > ?2, shift_start, id LIMIT 1",
    )?
    .query_row(params![team_id, to_ms(at), to_ms(horizon)], |r| r.get(0))
    .optional()?
    .ok_or_else(|| {
        let date = at.with_timezone(&tz).date_naive();
        Problem::new(
            ErrorCode::HandoverNoShift,
            format!("{team_name} has no open handover log on or after {date}"),
        )
        .with("team", &team_name)
        .with("date", date)
        .with("shift", "")
        .into()
    })
}

/// The columns of one new event.
#[derive(Default)]
struct NewEvent<'a> {
    kind: &'a str,
    side: Option<Side>,
    text: Option<&'a str>,
    fields: Option<String>,
    ref_event_id: Option<i64>,
    from_log_id: Option<i64>,
    to_team: Option<(i64, String)>,
}

fn insert_event(
    conn: &Connection,
    item_id: i64,
    log_id: i64,
    by: Option<&PersonRef>,
    actor: Actor,
    e: NewEvent<'_>,
) -> Result<i64> {
    let (to_team_id, to_team_name) = e.to_team.unzip();
    conn.prepare_cached(
        "INSERT INTO handover_item_events (item_id, log_id, at, by_user_id, by_employee_no, by_name,
             kind, side, text, fields, ref_event_id, from_log_id, to_team_id, to_team_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        item_id,
        log_id,
        to_ms(actor.at),
        by.and(actor.user_id),
        by.map(|p| &p.employee_no),
        by.map(|p| &p.name),
        e.kind,
        e.side.map(Side::as_str),
        e.text,
        e.fields,
        e.ref_event_id,
        e.from_log_id,
        to_team_id,
        to_team_name,
    ])?;
    Ok(conn.last_insert_rowid())
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        Problem::new(ErrorCode::Internal, format!("cannot write the fields: {e}")).into()
    })
}

/// The draft slot a change clears: 'item:<id>:<change>' (e.g. 'item:42:close').
fn draft_slot(id: i64, change: &ItemChange) -> String {
    let what = match change {
        ItemChange::Update { .. } => "update",
        ItemChange::Note { .. } => "note",
        ItemChange::Query { .. } => "query",
        ItemChange::Answer { .. } => "answer",
        ItemChange::Accept { .. } => "accept",
        ItemChange::HandToTeam { .. } => "hand_to_team",
        ItemChange::Close { .. } => "close",
    };
    format!("item:{id}:{what}")
}

impl Store {
    /// Who the actor is on a record: their 工号 and name (the agent's name when they are one).
    fn handover_person(&self, actor: Actor) -> Result<Option<PersonRef>> {
        let Some(user_id) = actor.user_id else {
            return Ok(None);
        };
        Ok(Some(user_person(self.conn(), user_id)?.person))
    }

    /// Adds an item to an open log: its identity and `created` event (the fields checked, the
    /// due text read against the log's local start), its index row and search document, and
    /// clears the operator's 'new' draft for the log. A signed log refuses (handover.signed).
    pub fn add_handover_item(&mut self, log_id: i64, input: &NewItem, actor: Actor) -> Result<i64> {
        let reach = self.reach_of(actor)?;
        let by = self.handover_person(actor)?;
        self.write(|tx| {
            let log = log_row(tx, log_id)?;
            log.refuse_signed()?;
            let author: Option<(i64, String)> = match &reach {
                Reach::Everyone => None,
                Reach::Team { team_id, .. } if *team_id == Some(log.team_id) => None,
                Reach::Team { .. } => return Err(not_your_team(&log.team_name, NotYourTeam::Record)),
                Reach::Own { employee_no } => {
                    let agent: Option<i64> = tx
                        .prepare_cached(
                            "SELECT agent_id FROM handover_roll_call WHERE log_id = ?1 AND employee_no = ?2",
                        )?
                        .query_row(params![log_id, employee_no], |r| r.get(0))
                        .optional()?;
                    let Some(agent) = agent else {
                        return Err(not_on_roll_call(employee_no));
                    };
                    Some((agent, employee_no.clone()))
                }
            };
            let fields = check_fields(&input.fields.resolve(log.start, site_tz(tx)?)?)?;
            let kind = fields.kind();
            let (author_id, author_no) = author.unzip();
            tx.prepare_cached(
                "INSERT INTO handover_items (kind, origin_log_id, author_agent_id, author_employee_no,
                     created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![kind.as_str(), log_id, author_id, author_no, to_ms(actor.at), actor.user_id])?;
            let id = tx.last_insert_rowid();
            let created = NewEvent {
                kind: ItemEventKind::Created.as_str(),
                fields: Some(json(&fields)?),
                ..NewEvent::default()
            };
            insert_event(tx, id, log_id, by.as_ref(), actor, created)?;
            refresh_index(tx, id)?;
            if let Some(user_id) = actor.user_id {
                tx.prepare_cached(
                    "DELETE FROM handover_drafts WHERE user_id = ?1 AND log_id = ?2 AND slot = 'new'",
                )?
                .execute(params![user_id, log_id])?;
            }
            actor
                .audit("add", "handover_item", Some(id), Some(format!("{} log {log_id}", kind.as_str())))
                .record(tx)?;
            Ok(id)
        })
    }

    /// Adds a change to an item's timeline, in its effective log (its current log; once that is
    /// signed, where sign-off carries open items). An edit that changes nothing records nothing.
    pub fn change_handover_item(
        &mut self,
        id: i64,
        change: &ItemChange,
        actor: Actor,
    ) -> Result<()> {
        let reach = self.reach_of(actor)?;
        let by = self.handover_person(actor)?;
        self.write(|tx| {
            let item = load_item(tx, id)?;
            let now = &item.now;
            let current = log_row(tx, now.current_log)?;
            match &reach {
                Reach::Everyone => {}
                Reach::Team { team_id, .. } if *team_id == Some(now.team_id) => {}
                Reach::Team { .. } => {
                    return Err(not_your_team(&current.team_name, NotYourTeam::Record));
                }
                Reach::Own { employee_no } => {
                    let own = item.identity.author_employee_no.as_ref() == Some(employee_no);
                    let allowed = matches!(
                        change,
                        ItemChange::Update { .. }
                            | ItemChange::Note { .. }
                            | ItemChange::Close { .. }
                    );
                    if !own || !allowed {
                        return Err(not_your_entry());
                    }
                }
            }
            let log = effective_log(tx, &current, now.status == ItemStatus::Open)?;
            let change = check_change(now, change)?;
            if let ItemChange::Update { patch } = &change
                && patch.is_empty()
            {
                return Ok(());
            }
            if log.id != current.id {
                // Its log was signed without moving it on: it moves before it changes.
                let carried = NewEvent {
                    kind: ItemEventKind::Carried.as_str(),
                    from_log_id: Some(current.id),
                    ..NewEvent::default()
                };
                insert_event(tx, id, log.id, None, actor, carried)?;
            }
            let kind = change.event_kind();
            let mut event = NewEvent {
                kind: kind.as_str(),
                side: change.side(),
                ..NewEvent::default()
            };
            let mut into = log.id;
            match &change {
                ItemChange::Update { patch } => event.fields = Some(json(patch)?),
                ItemChange::Note { text } | ItemChange::Query { text } => {
                    event.text = Some(text.as_str());
                }
                ItemChange::Answer { query_id, text } => {
                    event.text = Some(text.as_str());
                    event.ref_event_id = Some(*query_id);
                }
                ItemChange::Accept { query_id } => event.ref_event_id = Some(*query_id),
                ItemChange::HandToTeam { team_id, text } => {
                    into = team_log_at(tx, *team_id, actor.at, site_tz(tx)?)?;
                    let team_name = log_row(tx, into)?.team_name;
                    event.text = Some(text.as_str()).filter(|t| !t.is_empty());
                    event.from_log_id = Some(log.id);
                    event.to_team = Some((*team_id, team_name));
                }
                ItemChange::Close { outcome } => event.text = Some(outcome.as_str()),
            }
            insert_event(tx, id, into, by.as_ref(), actor, event)?;
            refresh_index(tx, id)?;
            if let Some(user_id) = actor.user_id {
                tx.prepare_cached(
                    "DELETE FROM handover_drafts WHERE user_id = ?1 AND log_id = ?2 AND slot = ?3",
                )?
                .execute(params![user_id, current.id, draft_slot(id, &change)])?;
            }
            actor
                .audit(
                    "change",
                    "handover_item",
                    Some(id),
                    Some(kind.as_str().to_owned()),
                )
                .record(tx)
        })
    }
}
