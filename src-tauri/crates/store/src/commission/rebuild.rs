//! Receptions and attributions are derived data: rebuilt for the buyers whose messages or orders
//! changed (or for everyone when the rules change), inside the writer's transaction, so a crash
//! leaves the old derivation or the new one.

use chrono::TimeZone;
use chrono_tz::Tz;
use floordesk_domain::commission::{
    ChatMessage, ReceptionRules, Sender, Span, judge_buyer, split_receptions,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::Result;

/// The latest value of a policy setting (the derivation follows the rules as they stand).
pub(crate) fn latest_policy(conn: &Connection, key: &str) -> Result<i64> {
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT value FROM policy_values WHERE key = ?1 ORDER BY effective_from DESC, id DESC LIMIT 1",
        )?
        .query_row([key], |r| r.get(0))
        .optional()?;
    Ok(found.unwrap_or_else(|| floordesk_domain::policy::definition(key).map_or(0, |d| d.default)))
}

/// The four reception rules as the policy stands.
pub(crate) fn reception_rules(conn: &Connection) -> Result<ReceptionRules> {
    Ok(ReceptionRules::from_policy(
        latest_policy(conn, "reception_wait_timeout_sec")?,
        latest_policy(conn, "reception_idle_end_min")?,
        latest_policy(conn, "valid_reception_min_messages")?,
        latest_policy(conn, "order_attribution_days")?,
    ))
}

/// How many receptions and attributions a rebuild wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Rebuilt {
    pub receptions: u64,
    pub valid: u64,
    pub attributed: u64,
}

/// Rebuilds the receptions and order attributions of `buyers` (buyer ids).
pub(crate) fn rebuild_buyers(tx: &Transaction<'_>, buyers: &[i64]) -> Result<()> {
    if buyers.is_empty() {
        return Ok(());
    }
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS rebuild_buyers (id INTEGER PRIMARY KEY);
         DELETE FROM temp.rebuild_buyers;",
    )?;
    {
        let mut add =
            tx.prepare_cached("INSERT OR IGNORE INTO temp.rebuild_buyers (id) VALUES (?1)")?;
        for b in buyers {
            add.execute([b])?;
        }
    }
    rebuild(tx, "buyer_id IN (SELECT id FROM temp.rebuild_buyers)")?;
    tx.execute("DELETE FROM temp.rebuild_buyers", [])?;
    Ok(())
}

/// Rebuilds every buyer's receptions and attributions (the rules changed).
pub(crate) fn rebuild_all(tx: &Transaction<'_>) -> Result<()> {
    rebuild(tx, "1").map(|_| ())
}

struct Message {
    buyer: i64,
    agent: i64,
    ts: i64,
    sender: Sender,
}

struct Payment {
    buyer: i64,
    order_no: String,
    paid: i64,
}

fn rebuild(tx: &Transaction<'_>, buyers: &str) -> Result<Rebuilt> {
    let rules = reception_rules(tx)?;
    let tz = crate::incidents::site_tz(tx)?;
    tx.execute(
        &format!(
            "DELETE FROM order_attributions WHERE order_no IN (SELECT order_no FROM orders WHERE {buyers})"
        ),
        [],
    )?;
    tx.execute(&format!("DELETE FROM receptions WHERE {buyers}"), [])?;

    let messages: Vec<Message> = tx
        .prepare(&format!(
            "SELECT buyer_id, agent_id, ts, sender = 'agent' FROM chat_messages
             WHERE {buyers} ORDER BY buyer_id, ts, id"
        ))?
        .query_map([], |r| {
            Ok(Message {
                buyer: r.get(0)?,
                agent: r.get(1)?,
                ts: r.get(2)?,
                sender: if r.get(3)? {
                    Sender::Agent
                } else {
                    Sender::Buyer
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let payments: Vec<Payment> = tx
        .prepare(&format!(
            "SELECT buyer_id, order_no, paid_at FROM orders WHERE {buyers} ORDER BY buyer_id, paid_at, order_no"
        ))?
        .query_map([], |r| {
            Ok(Payment {
                buyer: r.get(0)?,
                order_no: r.get(1)?,
                paid: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut next_id: i64 =
        tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM receptions", [], |r| {
            r.get(0)
        })?;
    let mut insert_reception = tx.prepare_cached(
        "INSERT INTO receptions (id, buyer_id, agent_id, first_ts, last_ts, local_date, messages,
             buyer_messages, initiator, ended, valid, invalid_reason, after_order_no)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut insert_attribution = tx.prepare_cached(
        "INSERT INTO order_attributions (order_no, reception_id, agent_id, rule) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut done = Rebuilt::default();
    let mut m_at = 0;
    let mut p_at = 0;
    let mut conversation: Vec<(i64, ChatMessage)> = Vec::new();
    let mut spans: Vec<(i64, Span)> = Vec::new();
    while m_at < messages.len() || p_at < payments.len() {
        // The next buyer in either list.
        let buyer = match (messages.get(m_at), payments.get(p_at)) {
            (Some(m), Some(p)) => m.buyer.min(p.buyer),
            (Some(m), None) => m.buyer,
            (None, Some(p)) => p.buyer,
            (None, None) => break,
        };
        conversation.clear();
        while let Some(m) = messages.get(m_at).filter(|m| m.buyer == buyer) {
            conversation.push((
                m.agent,
                ChatMessage {
                    ts_ms: m.ts,
                    sender: m.sender,
                },
            ));
            m_at += 1;
        }
        let p_from = p_at;
        while payments.get(p_at).is_some_and(|p| p.buyer == buyer) {
            p_at += 1;
        }
        let paid = &payments[p_from..p_at];
        // Per agent, in time order (the sort is stable, so ties keep the file's order).
        conversation.sort_by_key(|(agent, _)| *agent);
        spans.clear();
        for chunk in conversation.chunk_by(|a, b| a.0 == b.0) {
            let agent = chunk[0].0;
            let talk: Vec<ChatMessage> = chunk.iter().map(|(_, m)| *m).collect();
            spans.extend(
                split_receptions(&talk, &rules)
                    .into_iter()
                    .map(|s| (agent, s)),
            );
        }
        let only_spans: Vec<Span> = spans.iter().map(|(_, s)| *s).collect();
        let paid_ms: Vec<i64> = paid.iter().map(|p| p.paid).collect();
        let verdict = judge_buyer(&only_spans, &paid_ms, &rules);
        let first_id = next_id;
        for (i, (agent, span)) in spans.iter().enumerate() {
            let invalid = verdict.invalid[i];
            let after_order = match invalid {
                Some(floordesk_domain::commission::Invalid::AgentAfterPayment { payment }) => {
                    Some(paid[payment].order_no.as_str())
                }
                _ => None,
            };
            insert_reception.execute(params![
                next_id,
                buyer,
                agent,
                span.first_ms,
                span.last_ms,
                local_date(tz, span.first_ms),
                span.messages,
                span.buyer_messages,
                span.initiator.as_str(),
                span.ended.as_str(),
                invalid.is_none(),
                invalid.map(|v| v.as_str()),
                after_order,
            ])?;
            next_id += 1;
            done.receptions += 1;
            done.valid += u64::from(invalid.is_none());
        }
        for (p, attribution) in paid.iter().zip(&verdict.attributions) {
            if let Some((i, rule)) = attribution {
                insert_attribution.execute(params![
                    p.order_no,
                    first_id + *i as i64,
                    spans[*i].0,
                    rule.as_str()
                ])?;
                done.attributed += 1;
            }
        }
    }
    Ok(done)
}

/// The site-local date of an instant, `YYYY-MM-DD`.
pub(crate) fn local_date(tz: Tz, ms: i64) -> String {
    tz.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default()
}
