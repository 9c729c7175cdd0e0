//! What a log shows at its sign-off and where its open items go: the carry-over facts of the
//! team's logs, the snapshot rows (`handover_log_items`) written at the first signature, and the
//! `carried` events that move open items on. Apart from `sign.rs` so the signing steps read as
//! steps; the rules are the domain's (`carry_target`, `inherited_into`).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::handover::INCOMING_HORIZON_DAYS;
use floordesk_domain::handover::carry::{LogFacts, carry_target, inherited_into, shifts_open};
use floordesk_domain::handover::item::{ItemEventKind, ItemStatus, fold_item, title};
use floordesk_domain::handover::shift::{TeamShift, incoming_shift};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, Transaction, params};

use super::LogKey;
use super::index::refresh_index;
use super::record::{LogRow, first_signature, log_by_key, logs_between, site_tz, team_shifts_in};
use super::timeline::load_item;
use crate::{Actor, Result, StoreError, to_ms};

/// The log as the team shift `incoming_shift` compares (the heading copied at opening).
pub(super) fn as_shift(log: &LogRow) -> TeamShift {
    TeamShift {
        team_id: log.team_id,
        date: log.date,
        key: log.shift_key.clone(),
        name: log.shift_name.clone(),
        start: log.start,
        end: log.end,
        members: Vec::new(),
    }
}

/// The team's next shift after `log` by the roster, within the incoming horizon.
pub(super) fn incoming_of(conn: &Connection, log: &LogRow) -> Result<Option<TeamShift>> {
    let last = log.date + Duration::days(INCOMING_HORIZON_DAYS as i64);
    let shifts = team_shifts_in(conn, Some(log.team_id), log.date, last)?;
    Ok(incoming_shift(&as_shift(log), &shifts).cloned())
}

/// Carry-over facts of the team's logs around `log` (a week either side): a signed log links
/// to the incoming log its first signature named; an open one to its incoming shift's log if
/// that is opened.
pub(super) fn team_log_facts(conn: &Connection, log: &LogRow) -> Result<HashMap<i64, LogFacts>> {
    let days = Duration::days(INCOMING_HORIZON_DAYS as i64 + 1);
    let logs = logs_between(conn, Some(log.team_id), log.date - days, log.date + days)?;
    let shifts = team_shifts_in(
        conn,
        Some(log.team_id),
        log.date - days,
        log.date + days + days,
    )?;
    let mut facts = HashMap::new();
    for l in &logs {
        let incoming = match first_signature(conn, l.id)? {
            Some((incoming, _)) => incoming,
            None => match incoming_shift(&as_shift(l), &shifts) {
                Some(s) => log_by_key(
                    conn,
                    &LogKey {
                        team_id: s.team_id,
                        date: s.date,
                        shift: s.key.clone(),
                    },
                )?
                .map(|x| x.id),
                None => None,
            },
        };
        facts.insert(
            l.id,
            LogFacts {
                id: l.id,
                end: l.end,
                signed: l.signed,
                incoming,
            },
        );
    }
    Ok(facts)
}

/// Ids of the items with an event in `log_id`.
fn items_touching(conn: &Connection, log_id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT item_id FROM handover_item_events WHERE log_id = ?1 OR from_log_id = ?1
             ORDER BY item_id",
        )?
        .query_map([log_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// One snapshot row to write, and where the item goes after the signature.
pub(super) struct Shown {
    pub item_id: i64,
    pub kind: String,
    pub title: String,
    pub fields: String,
    pub status: ItemStatus,
    pub outcome: Option<String>,
    pub shifts_open: u32,
    pub touched_by: String,
    pub not_handed_over: bool,
    pub last_event_id: i64,
    pub carried_to: Option<i64>,
    /// Carry it now (an open item still in this log or shown here by inheritance): from where.
    pub carry_from: Option<i64>,
    pub open_queries: usize,
}

/// The items the log shows at its sign-off, as the snapshot records them: its own (current
/// here), the open ones inherited from earlier logs, and those a later sign-off already moved
/// on as 未交接 (folded up to their last event while here).
pub(super) fn shown_items(
    conn: &Connection,
    log: &LogRow,
    facts: &HashMap<i64, LogFacts>,
    now: DateTime<Utc>,
) -> Result<Vec<Shown>> {
    let tz = site_tz(conn)?;
    let target = carry_target(log.id, facts);
    let all: Vec<LogFacts> = facts.values().cloned().collect();
    let mut wanted = items_touching(conn, log.id)?;
    let inherited = inherited_into(log.id, &all, now);
    for (from, _) in &inherited {
        wanted.extend(items_touching(conn, *from)?);
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = Vec::new();
    for id in wanted {
        let item = load_item(conn, id)?;
        let n = &item.now;
        let row = |now_: &floordesk_domain::handover::item::ItemNow,
                   not_handed_over: bool,
                   carried_to: Option<i64>,
                   carry_from: Option<i64>|
         -> Result<Shown> {
            Ok(Shown {
                item_id: id,
                kind: now_.kind.as_str().to_owned(),
                title: title(&now_.fields, tz),
                fields: serde_json::to_string(&now_.fields).map_err(|e| {
                    StoreError::from(Problem::new(
                        ErrorCode::Internal,
                        format!("cannot write the fields: {e}"),
                    ))
                })?,
                status: now_.status,
                outcome: now_.outcome.clone(),
                shifts_open: shifts_open(&now_.placements, Some(log.id)),
                touched_by: now_.touched_by.join(","),
                not_handed_over,
                last_event_id: now_.last_event_id,
                carried_to,
                carry_from,
                open_queries: now_.open_queries.len(),
            })
        };
        if n.current_log == log.id {
            // How it came here: the last event that placed it in this log.
            let arrival = item.events.iter().rev().find(|e| {
                e.event.log_id == log.id
                    && matches!(
                        e.event.kind,
                        ItemEventKind::Created
                            | ItemEventKind::Carried
                            | ItemEventKind::HandedToTeam
                    )
            });
            let not_handed_over = arrival.is_some_and(|e| e.event.not_handed_over);
            let open = n.status == ItemStatus::Open;
            let to = if open { target } else { None };
            out.push(row(n, not_handed_over, to, to.map(|_| log.id))?);
        } else if let Some((_, past_unsigned)) = inherited
            .iter()
            .find(|(from, _)| *from == n.current_log)
            .filter(|_| n.status == ItemStatus::Open)
        {
            out.push(row(
                n,
                *past_unsigned,
                target,
                target.map(|_| n.current_log),
            )?);
        } else if let Some(at) = item.events.iter().position(|e| {
            e.event.kind == ItemEventKind::Carried
                && e.event.from_log_id == Some(log.id)
                && e.event.not_handed_over
        }) {
            // A later sign-off moved it on while nobody had signed this log: the snapshot holds
            // it as it stood here; it is not carried twice.
            let plain: Vec<_> = item.events[..at].iter().map(|e| e.event.clone()).collect();
            let then = fold_item(&item.identity, &plain)?;
            let to = Some(item.events[at].event.log_id);
            let mut shown = row(&then, true, to, None)?;
            // Its queries, if any, went on with it.
            shown.open_queries = 0;
            out.push(shown);
        }
    }
    Ok(out)
}

/// Writes the snapshot: one `handover_log_items` row per item the log shows.
pub(super) fn write_snapshot(tx: &Transaction<'_>, log_id: i64, shown: &[Shown]) -> Result<()> {
    for s in shown {
        tx.prepare_cached(
            "INSERT INTO handover_log_items (log_id, item_id, kind, title, fields, status,
                 outcome, shifts_open, touched_by, not_handed_over, last_event_id,
                 carried_to_log_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            log_id,
            s.item_id,
            s.kind,
            s.title,
            s.fields,
            s.status.as_str(),
            s.outcome,
            s.shifts_open,
            s.touched_by,
            s.not_handed_over,
            s.last_event_id,
            s.carried_to,
        ])?;
    }
    Ok(())
}

/// Carries every open item shown on to where sign-off sends it: a `carried` event, its index
/// row and search document, and an audit row.
pub(super) fn carry_on(
    tx: &Transaction<'_>,
    shown: &[Shown],
    now: DateTime<Utc>,
    actor: Actor,
) -> Result<()> {
    for s in shown {
        let (Some(to), Some(from)) = (s.carried_to, s.carry_from) else {
            continue;
        };
        tx.prepare_cached(
            "INSERT INTO handover_item_events (item_id, log_id, at, kind, from_log_id,
                 not_handed_over)
             VALUES (?1, ?2, ?3, 'carried', ?4, ?5)",
        )?
        .execute(params![s.item_id, to, to_ms(now), from, s.not_handed_over])?;
        refresh_index(tx, s.item_id)?;
        actor
            .audit(
                "carry",
                "handover_item",
                Some(s.item_id),
                Some(format!("log {from} → log {to}")),
            )
            .record(tx)?;
    }
    Ok(())
}
