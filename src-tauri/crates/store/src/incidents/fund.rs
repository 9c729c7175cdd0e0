//! The fund the fines go to (部门活动经费, seed 003: 所有罚款作为部门活动经费,由财务统一收取并
//! 公布): fines in and rewards out come from the ledger's lines in force; payouts and deposits
//! are entries of their own. The balance runs from the first record.

use chrono::{DateTime, Utc};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::ledger::month_bounds;
use crate::audit::Audit;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FundEntryKind {
    Payout,
    Deposit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FundEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: FundEntryKind,
    pub amount_fen: i64,
    pub note: String,
    pub by_name: String,
}

/// A month of the fund, and its balance at the month's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FundStatement {
    pub month: String,
    pub opening_fen: i64,
    pub fines_in_fen: i64,
    pub rewards_out_fen: i64,
    pub deposits_fen: i64,
    pub payouts_fen: i64,
    pub closing_fen: i64,
    pub entries: Vec<FundEntry>,
}

/// Fines in minus rewards out, of lines in force on incidents dated before `date`.
fn ledger_net_before(conn: &rusqlite::Connection, date: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(CASE WHEN l.action = 'fine' THEN l.amount_fen END), 0),
                coalesce(sum(CASE WHEN l.action = 'reward' THEN l.amount_fen END), 0)
         FROM ledger_lines l JOIN ledger_records r ON r.id = l.record_id JOIN incidents i ON i.id = r.incident_id
         WHERE i.local_date < ?1 AND NOT EXISTS (SELECT 1 FROM ledger_records s WHERE s.supersedes = r.id)",
        [date],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn entries_before(conn: &rusqlite::Connection, at_ms: i64) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(CASE WHEN kind = 'deposit' THEN amount_fen END), 0),
                coalesce(sum(CASE WHEN kind = 'payout' THEN amount_fen END), 0)
         FROM fund_entries WHERE at < ?1",
        [at_ms],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

impl Store {
    /// The fund in `month`: opening balance, fines in, rewards out, deposits, payouts, closing.
    pub fn fund_statement(&self, month: &str) -> Result<FundStatement> {
        let (first, next) = month_bounds(month)?;
        let tz = super::site_tz(self.conn())?;
        let start = crate::local_midnight(first, tz).map_or(0, to_ms);
        let end = crate::local_midnight(next, tz).map_or(i64::MAX, to_ms);
        let (fines_before, rewards_before) = ledger_net_before(self.conn(), &first.to_string())?;
        let (fines_to, rewards_to) = ledger_net_before(self.conn(), &next.to_string())?;
        let (dep_before, pay_before) = entries_before(self.conn(), start)?;
        let (dep_to, pay_to) = entries_before(self.conn(), end)?;
        let opening = fines_before - rewards_before + dep_before - pay_before;
        let closing = fines_to - rewards_to + dep_to - pay_to;
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.id, f.at, f.kind, f.amount_fen, f.note, u.display_name FROM fund_entries f
             JOIN users u ON u.id = f.by_user WHERE f.at >= ?1 AND f.at < ?2 ORDER BY f.at, f.id",
        )?;
        let entries = stmt
            .query_map(params![start, end], |r| {
                let kind: String = r.get(2)?;
                Ok(FundEntry {
                    id: r.get(0)?,
                    at: from_ms(r.get(1)?),
                    kind: if kind == "deposit" {
                        FundEntryKind::Deposit
                    } else {
                        FundEntryKind::Payout
                    },
                    amount_fen: r.get(3)?,
                    note: r.get(4)?,
                    by_name: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(FundStatement {
            month: month.to_owned(),
            opening_fen: opening,
            fines_in_fen: fines_to - fines_before,
            rewards_out_fen: rewards_to - rewards_before,
            deposits_fen: dep_to - dep_before,
            payouts_fen: pay_to - pay_before,
            closing_fen: closing,
            entries,
        })
    }

    /// A payout from the fund (a team dinner) or cash put in; never changed afterwards.
    pub fn add_fund_entry(
        &mut self,
        kind: FundEntryKind,
        amount_fen: i64,
        note: &str,
        actor: Actor,
    ) -> Result<i64> {
        let user = actor.user_id.ok_or_else(|| {
            StoreError::from(Problem::new(
                ErrorCode::AuthNotLoggedIn,
                "a fund entry needs a login",
            ))
        })?;
        if amount_fen <= 0 {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "the amount must be above 0")
                    .with("field", "amount")
                    .into(),
            );
        }
        if note.trim().is_empty() {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "say what the money was for")
                    .with("field", "note")
                    .into(),
            );
        }
        let word = match kind {
            FundEntryKind::Payout => "payout",
            FundEntryKind::Deposit => "deposit",
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO fund_entries (at, kind, amount_fen, note, by_user) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![to_ms(actor.at), word, amount_fen, note.trim(), user],
            )?;
            let id = tx.last_insert_rowid();
            Audit {
                at_ms: to_ms(actor.at),
                user_id: Some(user),
                action: word,
                entity: "fund_entry",
                entity_id: Some(id),
                detail: Some(format!("{amount_fen} fen")),
            }
            .record(tx)?;
            Ok(id)
        })
    }
}
