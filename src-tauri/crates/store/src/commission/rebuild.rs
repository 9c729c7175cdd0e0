//! Receptions and attributions are derived data: rebuilt for the buyers whose messages or orders
//! changed (or for everyone when the rules change), inside the writer's transaction, so a crash
//! leaves the old derivation or the new one.

use chrono::TimeZone;
use chrono_tz::Tz;
use floordesk_domain::commission::{
    AttributionRule, ChatMessage, Invalid, ReceptionEnd, ReceptionRules, Sender, Span, judge_buyer,
    split_receptions,
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

/// Past this many buyers a rebuild reads the whole table in its stored order and keeps the
/// buyers it wants, instead of looking each one up through the index.
const SCAN_FROM: usize = 5_000;

/// The buyers a rebuild covers: as SQL over a table's `buyer_id`, and as a test in Rust.
enum Buyers {
    All,
    /// In `temp.rebuild_buyers`.
    Few,
    Many(std::collections::HashSet<i64>),
}

impl Buyers {
    /// The buyers go in `temp.rebuild_buyers` either way (deletes probe by them); past
    /// [`SCAN_FROM`] reads also test a set instead of joining.
    fn choose(tx: &Transaction<'_>, buyers: &[i64]) -> Result<Buyers> {
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS rebuild_buyers (id INTEGER PRIMARY KEY);
             DELETE FROM temp.rebuild_buyers;",
        )?;
        let mut sorted = buyers.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut add = tx.prepare_cached("INSERT INTO temp.rebuild_buyers (id) VALUES (?1)")?;
        for b in &sorted {
            add.execute([b])?;
        }
        Ok(if sorted.len() >= SCAN_FROM {
            Buyers::Many(sorted.into_iter().collect())
        } else {
            Buyers::Few
        })
    }

    fn sql(&self) -> &'static str {
        match self {
            Buyers::Few => "buyer_id IN (SELECT id FROM temp.rebuild_buyers)",
            Buyers::All | Buyers::Many(_) => "1",
        }
    }

    fn has(&self, buyer: i64) -> bool {
        match self {
            Buyers::Many(set) => set.contains(&buyer),
            Buyers::All | Buyers::Few => true,
        }
    }

    /// Deletes the derived rows of these buyers, attributions first.
    fn clear(&self, tx: &Transaction<'_>, receptions: bool) -> Result<()> {
        let among = match self {
            Buyers::All => "1",
            Buyers::Few | Buyers::Many(_) => "buyer_id IN (SELECT id FROM temp.rebuild_buyers)",
        };
        tx.execute(
            &format!(
                "DELETE FROM order_attributions WHERE order_no IN (SELECT order_no FROM orders WHERE {among})"
            ),
            [],
        )?;
        if receptions {
            tx.execute(&format!("DELETE FROM receptions WHERE {among}"), [])?;
        }
        Ok(())
    }
}

/// Rebuilds the receptions and order attributions of `buyers` (buyer ids): their messages
/// changed.
pub(crate) fn rebuild_buyers(tx: &Transaction<'_>, buyers: &[i64]) -> Result<()> {
    if buyers.is_empty() {
        return Ok(());
    }
    let which = Buyers::choose(tx, buyers)?;
    rebuild(tx, &which)?;
    Ok(())
}

/// Rebuilds every buyer's receptions and attributions (the rules changed).
pub(crate) fn rebuild_all(tx: &Transaction<'_>) -> Result<()> {
    rebuild(tx, &Buyers::All).map(|_| ())
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

/// The payments of `which`, by buyer and instant.
fn payments(tx: &Transaction<'_>, which: &Buyers) -> Result<Vec<Payment>> {
    let mut payments = Vec::new();
    let mut stmt = tx.prepare(&format!(
        "SELECT buyer_id, order_no, paid_at FROM orders WHERE {}",
        which.sql()
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let buyer = r.get(0)?;
        if which.has(buyer) {
            payments.push(Payment {
                buyer,
                order_no: r.get(1)?,
                paid: r.get(2)?,
            });
        }
    }
    payments.sort_unstable_by(|a, b| {
        (a.buyer, a.paid, &a.order_no).cmp(&(b.buyer, b.paid, &b.order_no))
    });
    Ok(payments)
}

fn rebuild(tx: &Transaction<'_>, which: &Buyers) -> Result<Rebuilt> {
    let rules = reception_rules(tx)?;
    let tz = crate::incidents::site_tz(tx)?;
    which.clear(tx, true)?;
    // In stored order (a sequential read), sorted here: far faster than walking the index.
    let mut messages: Vec<(Message, i64)> = Vec::new();
    {
        let mut stmt = tx.prepare(&format!(
            "SELECT buyer_id, agent_id, ts, sender = 'agent', id FROM chat_messages WHERE {}",
            which.sql()
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let buyer = r.get(0)?;
            if which.has(buyer) {
                let message = Message {
                    buyer,
                    agent: r.get(1)?,
                    ts: r.get(2)?,
                    sender: if r.get(3)? {
                        Sender::Agent
                    } else {
                        Sender::Buyer
                    },
                };
                messages.push((message, r.get(4)?));
            }
        }
    }
    messages.sort_unstable_by_key(|(m, id)| (m.buyer, m.ts, *id));
    let messages: Vec<Message> = messages.into_iter().map(|(m, _)| m).collect();
    let payments = payments(tx, which)?;

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
    let mut conversation: Vec<(i64, ChatMessage)> = Vec::new();
    let mut spans: Vec<(i64, Span)> = Vec::new();
    by_buyer(
        &messages,
        |m| m.buyer,
        &payments,
        |buyer, talk, paid| {
            conversation.clear();
            conversation.extend(talk.iter().map(|m| {
                (
                    m.agent,
                    ChatMessage {
                        ts_ms: m.ts,
                        sender: m.sender,
                    },
                )
            }));
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
            let verdict = judge(&only_spans, paid, &rules);
            let first_id = next_id;
            for (i, (agent, span)) in spans.iter().enumerate() {
                let (valid, reason, after) = &verdict.receptions[i];
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
                    valid,
                    reason,
                    after,
                ])?;
                next_id += 1;
                done.receptions += 1;
                done.valid += u64::from(*valid);
            }
            for (order_no, i, rule) in &verdict.attributions {
                insert_attribution.execute(params![
                    order_no,
                    first_id + *i as i64,
                    spans[*i].0,
                    rule.as_str()
                ])?;
                done.attributed += 1;
            }
            Ok(())
        },
    )?;
    Ok(done)
}

/// Walks two lists sorted by buyer together: `f` gets each buyer's items and payments.
fn by_buyer<T>(
    items: &[T],
    buyer_of: impl Fn(&T) -> i64,
    payments: &[Payment],
    mut f: impl FnMut(i64, &[T], &[Payment]) -> Result<()>,
) -> Result<()> {
    let (mut i, mut p) = (0, 0);
    loop {
        let buyer = match (items.get(i), payments.get(p)) {
            (Some(t), Some(pay)) => buyer_of(t).min(pay.buyer),
            (Some(t), None) => buyer_of(t),
            (None, Some(pay)) => pay.buyer,
            (None, None) => return Ok(()),
        };
        let i_from = i;
        while items.get(i).is_some_and(|t| buyer_of(t) == buyer) {
            i += 1;
        }
        let p_from = p;
        while payments.get(p).is_some_and(|pay| pay.buyer == buyer) {
            p += 1;
        }
        f(buyer, &items[i_from..i], &payments[p_from..p])?;
    }
}

/// A buyer's verdicts as stored: per reception (valid, invalid reason, the order an
/// agent-started contact came after), and (order, reception index, rule) per attribution.
struct Verdict<'a> {
    receptions: Vec<(bool, Option<&'static str>, Option<&'a str>)>,
    attributions: Vec<(&'a str, usize, AttributionRule)>,
}

fn judge<'a>(spans: &[Span], paid: &'a [Payment], rules: &ReceptionRules) -> Verdict<'a> {
    let paid_ms: Vec<i64> = paid.iter().map(|p| p.paid).collect();
    let verdict = judge_buyer(spans, &paid_ms, rules);
    Verdict {
        receptions: verdict
            .invalid
            .iter()
            .map(|invalid| {
                let after = match invalid {
                    Some(Invalid::AgentAfterPayment { payment }) => {
                        Some(paid[*payment].order_no.as_str())
                    }
                    _ => None,
                };
                (invalid.is_none(), invalid.map(|v| v.as_str()), after)
            })
            .collect(),
        attributions: paid
            .iter()
            .zip(&verdict.attributions)
            .filter_map(|(p, a)| a.map(|(i, rule)| (p.order_no.as_str(), i, rule)))
            .collect(),
    }
}

/// A stored reception, as the re-judging reads it.
struct Stored {
    id: i64,
    buyer: i64,
    agent: i64,
    span: Span,
    valid: bool,
    reason: Option<String>,
    after: Option<String>,
}

/// Judges `buyers`' stored receptions again against their payments: only their orders changed,
/// so the receptions stand and only validity and attributions can move.
pub(crate) fn rejudge_buyers(tx: &Transaction<'_>, buyers: &[i64]) -> Result<()> {
    if buyers.is_empty() {
        return Ok(());
    }
    let which = Buyers::choose(tx, buyers)?;
    let rules = reception_rules(tx)?;
    which.clear(tx, false)?;
    let mut stored: Vec<Stored> = Vec::new();
    {
        let mut stmt = tx.prepare(&format!(
            "SELECT id, buyer_id, agent_id, first_ts, last_ts, messages, buyer_messages, initiator,
                    valid, invalid_reason, after_order_no
             FROM receptions WHERE {}",
            which.sql()
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let buyer = r.get(1)?;
            if !which.has(buyer) {
                continue;
            }
            stored.push(Stored {
                id: r.get(0)?,
                buyer,
                agent: r.get(2)?,
                span: Span {
                    first_ms: r.get(3)?,
                    last_ms: r.get(4)?,
                    messages: r.get(5)?,
                    buyer_messages: r.get(6)?,
                    initiator: if r.get::<_, String>(7)? == "agent" {
                        Sender::Agent
                    } else {
                        Sender::Buyer
                    },
                    ended: ReceptionEnd::LastMessage,
                },
                valid: r.get(8)?,
                reason: r.get(9)?,
                after: r.get(10)?,
            });
        }
    }
    stored.sort_unstable_by_key(|s| (s.buyer, s.span.first_ms, s.id));
    let payments = payments(tx, &which)?;
    let mut update = tx.prepare_cached(
        "UPDATE receptions SET valid = ?2, invalid_reason = ?3, after_order_no = ?4 WHERE id = ?1",
    )?;
    let mut insert_attribution = tx.prepare_cached(
        "INSERT INTO order_attributions (order_no, reception_id, agent_id, rule) VALUES (?1, ?2, ?3, ?4)",
    )?;
    by_buyer(
        &stored,
        |s| s.buyer,
        &payments,
        |_, receptions, paid| {
            let spans: Vec<Span> = receptions.iter().map(|s| s.span).collect();
            let verdict = judge(&spans, paid, &rules);
            for (s, (valid, reason, after)) in receptions.iter().zip(&verdict.receptions) {
                if (s.valid, s.reason.as_deref(), s.after.as_deref()) != (*valid, *reason, *after) {
                    update.execute(params![s.id, valid, reason, after])?;
                }
            }
            for (order_no, i, rule) in &verdict.attributions {
                let s = &receptions[*i];
                insert_attribution.execute(params![order_no, s.id, s.agent, rule.as_str()])?;
            }
            Ok(())
        },
    )
}

/// The site-local date of an instant, `YYYY-MM-DD`.
pub(crate) fn local_date(tz: Tz, ms: i64) -> String {
    tz.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default()
}
