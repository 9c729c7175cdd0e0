//! Finding handover items and addenda: words (FTS5 trigram MATCH for terms of three characters
//! or more, LIKE on the same documents for shorter ones) and filters on the derived index (which
//! `index.rs` keeps and rebuilds). An addendum is found by its words, within the team and dates
//! asked; the item-only filters (kind, status, customer, order) leave addenda out. Design:
//! docs/design/handover.md §5.

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::handover::item::{ItemKind, ItemStatus};
use floordesk_domain::handover::search::parse_query;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::LogLabel;
use super::addenda::AddendumView;
use super::record::{log_row, reach_team};
use super::timeline::{ItemReader, ItemRow, load_item};
use crate::{Actor, Result, Store};

/// How many hits a search returns unless it says otherwise.
pub const SEARCH_DEFAULT_LIMIT: u32 = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HandoverSearch {
    /// Words, all required (blank: the filters alone).
    pub text: Option<String>,
    pub team_id: Option<i64>,
    /// Items in a log of this date or later.
    pub from: Option<NaiveDate>,
    /// Items in a log of this date or earlier.
    pub to: Option<NaiveDate>,
    pub kind: Option<ItemKind>,
    pub status: Option<ItemStatus>,
    /// Part of the customer's name or ID (a prospect's who).
    pub customer: Option<String>,
    /// Part of the order number.
    pub order_no: Option<String>,
    /// Default [`SEARCH_DEFAULT_LIMIT`].
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SearchHit {
    /// An item, with the first log it was in and its current one.
    Item {
        item: Box<ItemRow>,
        first: LogLabel,
        last: LogLabel,
    },
    /// A 补充说明 whose words match, with the log it was added to.
    Addendum {
        addendum: AddendumView,
        log: LogLabel,
    },
}

/// `%text%` for LIKE … ESCAPE '\'.
fn contains(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Store {
    /// Items matching the words and filters that the operator may see, most recently changed
    /// first.
    pub fn search_handover(
        &self,
        q: &HandoverSearch,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<Vec<SearchHit>> {
        let mut sql = String::from("SELECT i.item_id FROM handover_item_index i WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, value: Value| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        let words = parse_query(q.text.as_deref().unwrap_or(""));
        if !words.is_empty() {
            let mut doc = String::from("SELECT rowid FROM handover_fts WHERE rowid > 0");
            if let Some(expr) = words.match_expr.clone() {
                arg(&mut doc, " AND handover_fts MATCH ?", Value::Text(expr));
            }
            for pattern in words.like_patterns.clone() {
                arg(
                    &mut doc,
                    " AND body LIKE ? ESCAPE '\\'",
                    Value::Text(pattern),
                );
            }
            sql.push_str(&format!(" AND i.item_id IN ({doc})"));
        }
        if let Some(team) = q.team_id {
            arg(&mut sql, " AND i.team_id = ?", Value::Integer(team));
        }
        if let Some(from) = q.from {
            arg(
                &mut sql,
                " AND i.last_date >= ?",
                Value::Text(from.to_string()),
            );
        }
        if let Some(to) = q.to {
            arg(
                &mut sql,
                " AND i.first_date <= ?",
                Value::Text(to.to_string()),
            );
        }
        if let Some(kind) = q.kind {
            arg(
                &mut sql,
                " AND i.kind = ?",
                Value::Text(kind.as_str().into()),
            );
        }
        if let Some(status) = q.status {
            arg(
                &mut sql,
                " AND i.status = ?",
                Value::Text(status.as_str().into()),
            );
        }
        for (column, text) in [("customer", &q.customer), ("order_no", &q.order_no)] {
            if let Some(text) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                let clause = format!(" AND i.{column} LIKE ? ESCAPE '\\'");
                arg(&mut sql, &clause, Value::Text(contains(text)));
            }
        }
        if let Some(team) = reach_team(self, actor)? {
            // Any team the item has been in.
            let clause = " AND EXISTS (SELECT 1 FROM handover_item_events e
                 JOIN handover_logs l ON l.id = e.log_id
                 WHERE e.item_id = i.item_id AND l.team_id = ?)";
            arg(&mut sql, clause, Value::Integer(team.unwrap_or(-1)));
        }
        let limit = q.limit.unwrap_or(SEARCH_DEFAULT_LIMIT);
        arg(
            &mut sql,
            " ORDER BY i.updated_at DESC, i.item_id DESC LIMIT ?",
            Value::Integer(i64::from(limit)),
        );

        let ids = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args), |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut reader = ItemReader::new(self.conn())?;
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            let item = load_item(self.conn(), id)?;
            let first = reader.log(item.now.placements[0])?.label();
            let last = reader.log(item.now.current_log)?.label();
            hits.push(SearchHit::Item {
                item: Box::new(reader.row(&item, now)?),
                first,
                last,
            });
        }
        let item_only = q.kind.is_some()
            || q.status.is_some()
            || [&q.customer, &q.order_no]
                .iter()
                .any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()));
        if !words.is_empty() && !item_only {
            hits.extend(self.search_addenda(q, &words, actor, limit)?);
        }
        Ok(hits)
    }

    /// Addenda whose words match, within the team and dates asked and the operator's reach,
    /// newest first.
    fn search_addenda(
        &self,
        q: &HandoverSearch,
        words: &floordesk_domain::handover::search::ParsedQuery,
        actor: Actor,
        limit: u32,
    ) -> Result<Vec<SearchHit>> {
        let mut sql = String::from(
            "SELECT f.addendum_id, f.log_id FROM handover_fts f
             JOIN handover_logs l ON l.id = f.log_id WHERE f.rowid < 0",
        );
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, value: Value| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(expr) = words.match_expr.clone() {
            arg(&mut sql, " AND f.handover_fts MATCH ?", Value::Text(expr));
        }
        for pattern in words.like_patterns.clone() {
            arg(
                &mut sql,
                " AND f.body LIKE ? ESCAPE '\\'",
                Value::Text(pattern),
            );
        }
        let team = match reach_team(self, actor)? {
            Some(own) => Some(own.unwrap_or(-1)),
            None => q.team_id,
        };
        if let (Some(asked), Some(own)) = (q.team_id, team)
            && asked != own
        {
            return Ok(Vec::new());
        }
        if let Some(team) = team {
            arg(&mut sql, " AND l.team_id = ?", Value::Integer(team));
        }
        if let Some(from) = q.from {
            arg(
                &mut sql,
                " AND l.shift_date >= ?",
                Value::Text(from.to_string()),
            );
        }
        if let Some(to) = q.to {
            arg(
                &mut sql,
                " AND l.shift_date <= ?",
                Value::Text(to.to_string()),
            );
        }
        arg(
            &mut sql,
            " ORDER BY f.addendum_id DESC LIMIT ?",
            Value::Integer(i64::from(limit)),
        );
        let found = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut hits = Vec::with_capacity(found.len());
        for (id, log_id) in found {
            let addendum = self
                .handover_addenda_of(log_id)?
                .into_iter()
                .find(|a| a.id == id);
            if let Some(addendum) = addendum {
                hits.push(SearchHit::Addendum {
                    addendum,
                    log: log_row(self.conn(), log_id)?.label(),
                });
            }
        }
        Ok(hits)
    }
}
