//! Reading a 交接事项: its identity and timeline folded by the domain (`fold_item`), the row a
//! log's list shows, and the whole timeline with every log it has been in. Apart from `items.rs`
//! (which writes) because sign-off, search and the index read items the same way.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::carry::shifts_open;
use floordesk_domain::handover::item::{
    ItemEvent, ItemEventKind, ItemFields, ItemIdentity, ItemKind, ItemNow, ItemPatch, ItemStatus,
    fold_item, title,
};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::record::{LogRow, NotYourTeam, log_row, not_your_team, reach_team, site_tz};
use super::{LogLabel, PersonRef};
use crate::error::not_found;
use crate::{Actor, Result, Store, from_ms};

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
    pub tz: Tz,
    logs: HashMap<i64, LogRow>,
}

impl<'c> ItemReader<'c> {
    pub fn new(conn: &'c Connection) -> Result<ItemReader<'c>> {
        Ok(ItemReader {
            conn,
            tz: site_tz(conn)?,
            logs: HashMap::new(),
        })
    }

    pub fn log(&mut self, id: i64) -> Result<&LogRow> {
        if !self.logs.contains_key(&id) {
            let head = log_row(self.conn, id)?;
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

impl Store {
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
                return Err(not_your_team(&name, NotYourTeam::Record));
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
    log_row(conn, log_id)?;
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
