//! `handover show`: a team's day of logs as the CLI's JSON contract names them (issue 13 §12;
//! docs/design/handover.md §7.1). A public contract: the structs below serialise with exactly
//! the contract's fields in its order (§14.7: no extra keys), and `export.rs` writes its rows
//! from the same reading so the two never disagree.
//!
//! The reading is the record alone, with no clock: a signed log prints what its first
//! signature froze (the snapshot rows) plus its signatures and addenda; an open log prints its
//! stored roll call and the items it holds now, as a sign-off would freeze them.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::item::{ItemKind, ItemStatus};
use floordesk_domain::handover::lead::ShiftLead;
use floordesk_domain::handover::roll_call::RollCallStatus;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::LogKey;
use super::leads::lead_of;
use super::record::{LogRow, first_signature, log_row, logs_between, site_tz};
use super::snapshot::{incoming_of, shown_items, team_log_facts};
use crate::{Result, Store, StoreError};

/// Whether a log is frozen: `open` (no signature) or `signed` (one or two signatures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShowStatus {
    Open,
    Signed,
}

/// One log of `handover show`. Field order is the contract's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowLog {
    /// The roster cell: a template code (`D`) or spans.
    pub shift: String,
    pub status: ShowStatus,
    /// 工号 of who signed the outgoing side; while unsigned, the 交接班长 in line; None when a
    /// supervisor would stand in.
    pub outgoing_lead: Option<String>,
    /// 工号 of who signed the incoming side; while unsigned, the incoming shift's 交接班长 in
    /// line; None when a supervisor would stand in or there is no incoming shift.
    pub incoming_lead: Option<String>,
    /// The last signature, RFC 3339 in the site's offset (seconds).
    pub signed_at: Option<String>,
    /// By 工号.
    pub roll_call: Vec<ShowRollCall>,
    /// By id: a signed log's snapshot, an open log's items now.
    pub items: Vec<ShowItem>,
    /// By time, then id.
    pub addenda: Vec<ShowAddendum>,
}

/// One roll-call row of `handover show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowRollCall {
    pub employee_no: String,
    pub status: RollCallStatus,
    pub late_min: Option<i64>,
    pub notified: bool,
}

/// One item of `handover show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowItem {
    pub id: i64,
    pub kind: ItemKind,
    /// The one-line summary (the snapshot's for a signed log).
    pub title: String,
    pub status: ItemStatus,
    pub shifts_open: u32,
    /// None while open.
    pub outcome: Option<String>,
}

/// One addendum (补充说明) of `handover show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowAddendum {
    /// 工号 of the author.
    pub author: String,
    /// RFC 3339 in the site's offset (seconds).
    pub at: String,
    pub text: String,
}

/// An instant as the contract prints it: RFC 3339 in the site's offset, seconds precision.
pub(crate) fn show_instant(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The 工号 of a lead in line (None: 主管代签).
fn lead_no(lead: ShiftLead) -> Option<String> {
    match lead {
        ShiftLead::Person { employee_no, .. } => Some(employee_no),
        ShiftLead::StandIn => None,
    }
}

/// The lead in line for a shift's side. An opened log is read from its roll call; a shift not
/// opened yet is read from the roster and the floor as at its start, so the answer does not
/// depend on when it is asked.
fn lead_in_line(conn: &Connection, key: &LogKey, start: DateTime<Utc>) -> Result<Option<String>> {
    Ok(lead_no(lead_of(conn, key, start)?))
}

/// The incoming side's lead in line for an unsigned incoming side: the incoming log the first
/// signature named, else (an open log) the team's next shift by the roster.
fn incoming_in_line(conn: &Connection, log: &LogRow) -> Result<Option<String>> {
    if log.signed {
        return match first_signature(conn, log.id)? {
            Some((Some(incoming), _)) => {
                let incoming = log_row(conn, incoming)?;
                lead_in_line(conn, &incoming.key(), incoming.start)
            }
            _ => Ok(None),
        };
    }
    match incoming_of(conn, log)? {
        Some(s) => {
            let key = LogKey {
                team_id: s.team_id,
                date: s.date,
                shift: s.key.clone(),
            };
            lead_in_line(conn, &key, s.start)
        }
        None => Ok(None),
    }
}

/// A signed log's items as its first signature froze them, by id.
fn frozen_items(conn: &Connection, log_id: i64) -> Result<Vec<ShowItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item_id, kind, title, status, shifts_open, outcome FROM handover_log_items
         WHERE log_id = ?1 ORDER BY item_id",
    )?;
    let rows = stmt.query_map([log_id], |r| {
        let kind: String = r.get(1)?;
        let status: String = r.get(3)?;
        Ok(ShowItem {
            id: r.get(0)?,
            // The kind and status cannot be other than these: the tables CHECK them.
            kind: ItemKind::parse(&kind).unwrap_or(ItemKind::Note),
            title: r.get(2)?,
            status: ItemStatus::parse(&status).unwrap_or(ItemStatus::Open),
            shifts_open: r.get(4)?,
            outcome: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An open log's items as a sign-off would freeze them now (`shown_items`: its own, and the
/// open items of signed logs that had nowhere to carry them), by id. No clock: an unsigned
/// earlier log keeps its open items in its own listing rather than lending them here as
/// 未交接 from the moment it ends, so each open item is listed in one open log.
fn live_items(conn: &Connection, log: &LogRow) -> Result<Vec<ShowItem>> {
    let facts = team_log_facts(conn, log)?;
    let mut out: Vec<ShowItem> = shown_items(conn, log, &facts, DateTime::<Utc>::MIN_UTC)?
        .into_iter()
        .map(|s| ShowItem {
            id: s.item_id,
            kind: ItemKind::parse(&s.kind).unwrap_or(ItemKind::Note),
            title: s.title,
            status: s.status,
            shifts_open: s.shifts_open,
            outcome: s.outcome,
        })
        .collect();
    out.sort_by_key(|i| i.id);
    Ok(out)
}

fn no_team(team: &str) -> StoreError {
    Problem::new(ErrorCode::NotFound, format!("no team is called {team}"))
        .with("entity", "team")
        .with("id", team)
        .into()
}

impl Store {
    /// `handover show`: the team's logs of `date` (by shift start; empty when none is opened)
    /// as the CLI prints them. `team` is the team's name; an unknown one is `not_found`
    /// ("no team is called …").
    pub fn handover_show(&self, date: NaiveDate, team: &str) -> Result<Vec<ShowLog>> {
        let name = team.trim();
        let team_id = self
            .list_teams()?
            .into_iter()
            .find(|t| t.name == name)
            .map(|t| t.id)
            .ok_or_else(|| no_team(name))?;
        let tz = site_tz(self.conn())?;
        logs_between(self.conn(), Some(team_id), date, date)?
            .iter()
            .map(|log| self.show_log(log, tz))
            .collect()
    }

    /// One log as `handover show` prints it (and `handover export` writes its rows).
    pub(crate) fn show_log(&self, log: &LogRow, tz: Tz) -> Result<ShowLog> {
        let conn = self.conn();
        let signatures = self.handover_signatures_of(log.id)?;
        let signer = |side: Side| {
            signatures
                .iter()
                .find(|s| s.side == side)
                .map(|s| s.signer.employee_no.clone())
        };
        let outgoing_lead = match signer(Side::Outgoing) {
            Some(no) => Some(no),
            None => lead_in_line(conn, &log.key(), log.start)?,
        };
        let incoming_lead = match signer(Side::Incoming) {
            Some(no) => Some(no),
            // Nobody signs both sides (§14.12): when the lead in line is the outgoing one, a
            // supervisor stands in for the incoming side.
            None => incoming_in_line(conn, log)?.filter(|no| Some(no) != outgoing_lead.as_ref()),
        };
        let mut roll_call: Vec<ShowRollCall> = self
            .handover_roll_call(log.id)?
            .into_iter()
            .map(|r| ShowRollCall {
                employee_no: r.employee_no,
                status: r.status,
                late_min: r.late_min,
                notified: r.notified,
            })
            .collect();
        roll_call.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
        let items = if log.signed {
            frozen_items(conn, log.id)?
        } else {
            live_items(conn, log)?
        };
        let mut addenda = self.handover_addenda_of(log.id)?;
        addenda.sort_by_key(|a| (a.at, a.id));
        Ok(ShowLog {
            shift: log.shift_key.clone(),
            status: if log.signed {
                ShowStatus::Signed
            } else {
                ShowStatus::Open
            },
            outgoing_lead,
            incoming_lead,
            signed_at: signatures.last().map(|s| show_instant(s.signed_at, tz)),
            roll_call,
            items,
            addenda: addenda
                .into_iter()
                .map(|a| ShowAddendum {
                    author: a.author.employee_no,
                    at: show_instant(a.at, tz),
                    text: a.text,
                })
                .collect(),
        })
    }
}
