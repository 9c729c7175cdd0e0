//! 交接事项 on record: an identity row that never changes and an append-only timeline of events;
//! the item now is the domain's fold over them (`fold_item`). Every event rewrites the item's
//! derived rows (`handover_item_index`, its `handover_fts` document) in the same transaction.
//! Design: docs/design/handover.md §2 (items), §3.3, §5.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::carry::{LogFacts, carry_target, shifts_open};
use floordesk_domain::handover::item::{
    Channel, ItemChange, ItemEvent, ItemEventKind, ItemFields, ItemIdentity, ItemKind, ItemNow,
    ItemPatch, ItemStatus, NoticeCategory, check_change, check_fields, fold_item, resolve_due,
    title,
};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{LogLabel, PersonRef};
use crate::error::not_found;
use crate::reach::Reach;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

/// A query (提问) nobody has answered or accepted yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct QueryView {
    /// The query event's id: an answer or an accept names it.
    pub id: i64,
    pub at: DateTime<Utc>,
    pub by: Option<PersonRef>,
    pub text: String,
}

/// An item as a log's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ItemRow {
    pub id: i64,
    pub kind: ItemKind,
    pub title: String,
    pub fields: ItemFields,
    pub status: ItemStatus,
    pub outcome: Option<String>,
    /// The number of shifts (logs) it has been open in.
    pub shifts_open: u32,
    /// 经手人, in order of first touch.
    pub touched_by: Vec<PersonRef>,
    /// Whose 交接记录本 entry it is (None: written for the team by a lead).
    pub author: Option<PersonRef>,
    /// It came into its log from one nobody signed (未交接).
    pub not_handed_over: bool,
    /// It was written in an earlier log.
    pub carried_in: bool,
    pub open_queries: Vec<QueryView>,
    pub due_at: Option<DateTime<Utc>>,
    /// Open and its due time has passed.
    pub overdue: bool,
    pub team_name: String,
}

/// One event of an item's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ItemEventView {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// None: the system (a carry-over at sign-off).
    pub by: Option<PersonRef>,
    pub kind: ItemEventKind,
    pub side: Option<Side>,
    pub text: Option<String>,
    /// Created: every field.
    pub fields: Option<ItemFields>,
    /// Updated: the changed fields.
    pub patch: Option<ItemPatch>,
    pub log: LogLabel,
    pub from_log: Option<LogLabel>,
    pub to_team_name: Option<String>,
    pub not_handed_over: bool,
}

/// An item with every log it has been in and its whole timeline, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ItemTimeline {
    pub item: ItemRow,
    pub placements: Vec<LogLabel>,
    pub events: Vec<ItemEventView>,
}

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

/// A log's heading as copied when it opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogHead {
    pub id: i64,
    pub team_id: i64,
    pub team_name: String,
    pub date: NaiveDate,
    pub shift_key: String,
    pub shift_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl LogHead {
    pub fn label(&self) -> LogLabel {
        LogLabel {
            log_id: self.id,
            date: self.date,
            team_name: self.team_name.clone(),
            shift_key: self.shift_key.clone(),
            shift_name: self.shift_name.clone(),
        }
    }

    /// handover.signed: "2026-11-23 售前一组 D is signed: …".
    pub fn signed(&self) -> StoreError {
        Problem::new(
            ErrorCode::HandoverSigned,
            format!(
                "{} {} {} is signed: it cannot be changed; add an addendum",
                self.date, self.team_name, self.shift_key
            ),
        )
        .with("date", self.date)
        .with("team", &self.team_name)
        .with("shift", &self.shift_key)
        .into()
    }
}

pub(crate) fn log_head(conn: &Connection, id: i64) -> Result<LogHead> {
    conn.prepare_cached(
        "SELECT id, team_id, team_name, shift_date, shift_key, shift_name, shift_start, shift_end
         FROM handover_logs WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(LogHead {
            id: r.get(0)?,
            team_id: r.get(1)?,
            team_name: r.get(2)?,
            date: r.get::<_, String>(3)?.parse().unwrap_or_default(),
            shift_key: r.get(4)?,
            shift_name: r.get(5)?,
            start: from_ms(r.get(6)?),
            end: from_ms(r.get(7)?),
        })
    })
    .optional()?
    .ok_or_else(|| not_found("handover_log", id))
}

/// None: nobody signed the log. Some(incoming): its first signature, with the incoming log it
/// named (None: the roster had no later shift).
fn first_signature(conn: &Connection, log_id: i64) -> Result<Option<Option<i64>>> {
    Ok(conn
        .prepare_cached(
            "SELECT incoming_log_id FROM handover_signatures WHERE log_id = ?1 ORDER BY id LIMIT 1",
        )?
        .query_row([log_id], |r| r.get(0))
        .optional()?)
}

/// The site's zone (the default zone before the site is set up).
pub(crate) fn site_tz(conn: &Connection) -> Result<Tz> {
    let zone: Option<String> = conn
        .prepare_cached("SELECT time_zone FROM site WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(zone
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::Asia::Shanghai))
}

/// One stored event with the copies the fold does not need.
#[derive(Debug, Clone)]
pub(crate) struct StoredEvent {
    pub event: ItemEvent,
    pub by_name: Option<String>,
    pub to_team_name: Option<String>,
}

impl StoredEvent {
    fn by(&self) -> Option<PersonRef> {
        self.event.by_employee_no.as_ref().map(|no| PersonRef {
            employee_no: no.clone(),
            name: self.by_name.clone().unwrap_or_default(),
        })
    }
}

/// An item's rows and its fold.
#[derive(Debug, Clone)]
pub(crate) struct StoredItem {
    pub identity: ItemIdentity,
    pub author_name: Option<String>,
    pub events: Vec<StoredEvent>,
    pub now: ItemNow,
}

/// Reads an item's identity and timeline and folds them.
pub(crate) fn load_item(conn: &Connection, id: i64) -> Result<StoredItem> {
    let (identity, author_name) = conn
        .prepare_cached(
            "SELECT i.kind, i.origin_log_id, l.team_id, i.author_employee_no, i.created_at, a.name
             FROM handover_items i JOIN handover_logs l ON l.id = i.origin_log_id
             LEFT JOIN agents a ON a.id = i.author_agent_id WHERE i.id = ?1",
        )?
        .query_row([id], |r| {
            let kind: String = r.get(0)?;
            Ok((
                ItemIdentity {
                    id,
                    kind: ItemKind::parse(&kind).unwrap_or(ItemKind::Note),
                    origin_log_id: r.get(1)?,
                    origin_team_id: r.get(2)?,
                    author_employee_no: r.get(3)?,
                    created_at: from_ms(r.get(4)?),
                },
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .optional()?
        .ok_or_else(|| not_found("handover_item", id))?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, log_id, at, by_employee_no, by_name, kind, side, text, fields, ref_event_id,
                from_log_id, to_team_id, to_team_name, not_handed_over
         FROM handover_item_events WHERE item_id = ?1 ORDER BY id",
    )?;
    let events = stmt
        .query_map([id], |r| {
            let kind: String = r.get(5)?;
            Ok(StoredEvent {
                event: ItemEvent {
                    id: r.get(0)?,
                    log_id: r.get(1)?,
                    at: from_ms(r.get(2)?),
                    by_employee_no: r.get(3)?,
                    // An unknown kind cannot pass the table's CHECK; the fold would refuse it.
                    kind: ItemEventKind::parse(&kind).unwrap_or(ItemEventKind::Created),
                    side: r
                        .get::<_, Option<String>>(6)?
                        .as_deref()
                        .and_then(Side::parse),
                    text: r.get(7)?,
                    fields: r.get(8)?,
                    ref_event_id: r.get(9)?,
                    from_log_id: r.get(10)?,
                    to_team_id: r.get(11)?,
                    not_handed_over: r.get(13)?,
                },
                by_name: r.get(4)?,
                to_team_name: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let plain: Vec<ItemEvent> = events.iter().map(|e| e.event.clone()).collect();
    let now = fold_item(&identity, &plain)?;
    Ok(StoredItem {
        identity,
        author_name,
        events,
        now,
    })
}

/// Builds rows and labels, reading each log once.
pub(crate) struct ItemReader<'c> {
    conn: &'c Connection,
    tz: Tz,
    logs: HashMap<i64, LogHead>,
}

impl<'c> ItemReader<'c> {
    pub fn new(conn: &'c Connection) -> Result<ItemReader<'c>> {
        Ok(ItemReader {
            conn,
            tz: site_tz(conn)?,
            logs: HashMap::new(),
        })
    }

    pub fn log(&mut self, id: i64) -> Result<&LogHead> {
        if !self.logs.contains_key(&id) {
            let head = log_head(self.conn, id)?;
            self.logs.insert(id, head);
        }
        Ok(&self.logs[&id])
    }

    pub fn row(&mut self, item: &StoredItem, now: DateTime<Utc>) -> Result<ItemRow> {
        let n = &item.now;
        let team_name = self.log(n.current_log)?.team_name.clone();
        let event = |id: i64| item.events.iter().find(|e| e.event.id == id);
        let name_of = |no: &str| {
            item.events
                .iter()
                .find(|e| e.event.by_employee_no.as_deref() == Some(no))
                .and_then(|e| e.by_name.clone())
                .unwrap_or_default()
        };
        // How it came into its current log: the last event that placed it there.
        let arrival = item.events.iter().rev().find(|e| {
            e.event.log_id == n.current_log
                && matches!(
                    e.event.kind,
                    ItemEventKind::Created | ItemEventKind::Carried | ItemEventKind::HandedToTeam
                )
        });
        let due_at = n.fields.due_at();
        Ok(ItemRow {
            id: n.id,
            kind: n.kind,
            title: title(&n.fields, self.tz),
            fields: n.fields.clone(),
            status: n.status,
            outcome: n.outcome.clone(),
            shifts_open: shifts_open(&n.placements, None),
            touched_by: n
                .touched_by
                .iter()
                .map(|no| PersonRef {
                    employee_no: no.clone(),
                    name: name_of(no),
                })
                .collect(),
            author: item
                .identity
                .author_employee_no
                .as_ref()
                .map(|no| PersonRef {
                    employee_no: no.clone(),
                    name: item.author_name.clone().unwrap_or_default(),
                }),
            not_handed_over: arrival.is_some_and(|e| e.event.not_handed_over),
            carried_in: n.placements.first() != Some(&n.current_log),
            open_queries: n
                .open_queries
                .iter()
                .filter_map(|&q| event(q))
                .map(|e| QueryView {
                    id: e.event.id,
                    at: e.event.at,
                    by: e.by(),
                    text: e.event.text.clone().unwrap_or_default(),
                })
                .collect(),
            due_at,
            overdue: n.status == ItemStatus::Open && due_at.is_some_and(|d| d < now),
            team_name,
        })
    }

    pub fn timeline(&mut self, item: &StoredItem, now: DateTime<Utc>) -> Result<ItemTimeline> {
        let row = self.row(item, now)?;
        let mut placements = Vec::new();
        for &id in &item.now.placements {
            placements.push(self.log(id)?.label());
        }
        let mut events = Vec::new();
        for e in &item.events {
            let ev = &e.event;
            let from_log = match ev.from_log_id {
                Some(id) => Some(self.log(id)?.label()),
                None => None,
            };
            let json = ev.fields.as_deref();
            events.push(ItemEventView {
                id: ev.id,
                at: ev.at,
                by: e.by(),
                kind: ev.kind,
                side: ev.side,
                text: ev.text.clone(),
                fields: json
                    .filter(|_| ev.kind == ItemEventKind::Created)
                    .and_then(|j| serde_json::from_str(j).ok()),
                patch: json
                    .filter(|_| ev.kind == ItemEventKind::Updated)
                    .and_then(|j| serde_json::from_str(j).ok()),
                log: self.log(ev.log_id)?.label(),
                from_log,
                to_team_name: e.to_team_name.clone(),
                not_handed_over: ev.not_handed_over,
            });
        }
        Ok(ItemTimeline {
            item: row,
            placements,
            events,
        })
    }
}

/// Every text the item's fields hold.
fn field_texts(fields: &ItemFields) -> Vec<&str> {
    match fields {
        ItemFields::Customer {
            customer,
            order_no,
            problem,
            promised,
            progress,
            ..
        } => [
            Some(customer),
            order_no.as_ref(),
            Some(problem),
            promised.as_ref(),
            progress.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect(),
        ItemFields::Urgent { what, .. } => vec![what],
        ItemFields::Prospect { who, why, .. } => vec![who, why],
        ItemFields::Notice { text, .. } | ItemFields::Note { text } => vec![text],
    }
}

/// Rewrites the item's index row and its search document from its timeline.
pub(crate) fn refresh_index(conn: &Connection, id: i64) -> Result<()> {
    let item = load_item(conn, id)?;
    let mut reader = ItemReader::new(conn)?;
    let n = &item.now;
    let first = reader.log(n.placements[0])?.date;
    let last = reader.log(n.current_log)?.date;
    let heading = title(&n.fields, reader.tz);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO handover_item_index (item_id, team_id, kind, status, log_id,
             first_date, last_date, customer, order_no, due_at, title, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        n.team_id,
        n.kind.as_str(),
        n.status.as_str(),
        n.current_log,
        first.to_string(),
        last.to_string(),
        n.fields.customer(),
        n.fields.order_no(),
        n.fields.due_at().map(to_ms),
        heading,
        to_ms(n.updated_at),
    ])?;
    let mut body = vec![heading.as_str()];
    body.extend(field_texts(&n.fields));
    body.extend(item.events.iter().filter_map(|e| e.event.text.as_deref()));
    conn.prepare_cached("DELETE FROM handover_fts WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached(
        "INSERT INTO handover_fts (rowid, body, item_id, log_id) VALUES (?1, ?2, ?1, ?3)",
    )?
    .execute(params![id, body.join("\n"), n.current_log])?;
    Ok(())
}

/// The teams whose handover an operator sees: None, all of them.
pub(crate) fn reach_team(store: &Store, actor: Actor) -> Result<Option<Option<i64>>> {
    Ok(match store.reach_of(actor)? {
        Reach::Everyone => None,
        Reach::Team { team_id, .. } => Some(team_id),
        // An agent sees their team's logs (ViewHandover: own team).
        Reach::Own { employee_no } => {
            Some(store.agent_by_employee_no(&employee_no)?.map(|a| a.team_id))
        }
    })
}

fn not_your_team(team_name: &str) -> StoreError {
    Problem::new(
        ErrorCode::HandoverNotYourTeam,
        format!("this is {team_name}'s handover: only that team's own records can be handled"),
    )
    .with("team", team_name)
    .into()
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
fn effective_log(conn: &Connection, current: &LogHead, open: bool) -> Result<LogHead> {
    let Some(incoming) = first_signature(conn, current.id)? else {
        return Ok(current.clone());
    };
    if !open {
        return Err(current.signed());
    }
    let mut facts = HashMap::new();
    let mut next = Some((current.id, incoming));
    while let Some((id, incoming)) = next.take() {
        facts.insert(
            id,
            LogFacts {
                id,
                end: log_head(conn, id)?.end,
                signed: true,
                incoming,
            },
        );
        if let Some(to) = incoming.filter(|to| !facts.contains_key(to))
            && let Some(after) = first_signature(conn, to)?
        {
            next = Some((to, after));
        }
    }
    match carry_target(current.id, &facts) {
        Some(target) => log_head(conn, target),
        None => Err(current.signed()),
    }
}

/// The other team's log an item handed to it goes into: the one running at `at`, else its next
/// (within the incoming horizon); only logs nobody signed.
fn team_log_at(conn: &Connection, team_id: i64, at: DateTime<Utc>, tz: Tz) -> Result<i64> {
    let team_name: String = conn
        .prepare_cached("SELECT name FROM teams WHERE id = ?1")?
        .query_row([team_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("team", team_id))?;
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
        let user = self.user(user_id)?;
        let name = self
            .agent_by_employee_no(&user.employee_no)?
            .map_or(user.display_name, |a| a.name);
        Ok(Some(PersonRef {
            employee_no: user.employee_no,
            name,
        }))
    }

    /// Adds an item to an open log: its identity and `created` event (the fields checked, the
    /// due text read against the log's local start), its index row and search document, and
    /// clears the operator's 'new' draft for the log. A signed log refuses (handover.signed).
    pub fn add_handover_item(&mut self, log_id: i64, input: &NewItem, actor: Actor) -> Result<i64> {
        let reach = self.reach_of(actor)?;
        let by = self.handover_person(actor)?;
        self.write(|tx| {
            let log = log_head(tx, log_id)?;
            if first_signature(tx, log_id)?.is_some() {
                return Err(log.signed());
            }
            let author: Option<(i64, String)> = match &reach {
                Reach::Everyone => None,
                Reach::Team { team_id, .. } if *team_id == Some(log.team_id) => None,
                Reach::Team { .. } => return Err(not_your_team(&log.team_name)),
                Reach::Own { employee_no } => {
                    let agent: Option<i64> = tx
                        .prepare_cached(
                            "SELECT agent_id FROM handover_roll_call WHERE log_id = ?1 AND employee_no = ?2",
                        )?
                        .query_row(params![log_id, employee_no], |r| r.get(0))
                        .optional()?;
                    let Some(agent) = agent else {
                        return Err(Problem::new(
                            ErrorCode::HandoverNotOnRollCall,
                            format!("{employee_no} is not on this shift's roll call"),
                        )
                        .with("employee_no", employee_no)
                        .into());
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
            let current = log_head(tx, now.current_log)?;
            match &reach {
                Reach::Everyone => {}
                Reach::Team { team_id, .. } if *team_id == Some(now.team_id) => {}
                Reach::Team { .. } => return Err(not_your_team(&current.team_name)),
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
                    let team_name = log_head(tx, into)?.team_name;
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

    /// The items whose current log is this one (open, or closed here), by id.
    pub fn handover_items_of_log(&self, log_id: i64, now: DateTime<Utc>) -> Result<Vec<ItemRow>> {
        items_of_log(self.conn(), log_id, now)
    }

    /// An item with its placements and whole timeline. Reach: any team it has been in.
    pub fn handover_item(&self, id: i64, now: DateTime<Utc>, actor: Actor) -> Result<ItemTimeline> {
        let item = load_item(self.conn(), id)?;
        let mut reader = ItemReader::new(self.conn())?;
        if let Some(team) = reach_team(self, actor)? {
            let mut teams = Vec::new();
            for &log in &item.now.placements {
                teams.push(reader.log(log)?.team_id);
            }
            if !team.is_some_and(|t| teams.contains(&t)) {
                let name = reader.log(item.now.current_log)?.team_name.clone();
                return Err(not_your_team(&name));
            }
        }
        reader.timeline(&item, now)
    }
}

/// Items whose current log is `log_id`, folded from their timelines.
pub(crate) fn items_of_log(
    conn: &Connection,
    log_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<ItemRow>> {
    log_head(conn, log_id)?;
    let ids = conn
        .prepare_cached(
            "SELECT DISTINCT item_id FROM handover_item_events WHERE log_id = ?1 ORDER BY item_id",
        )?
        .query_map([log_id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut reader = ItemReader::new(conn)?;
    let mut rows = Vec::new();
    for id in ids {
        let item = load_item(conn, id)?;
        if item.now.current_log == log_id {
            rows.push(reader.row(&item, now)?);
        }
    }
    Ok(rows)
}
