//! The explanations: an agent's receptions of a month and the orders attributed to them, each
//! with the reception and the rule that gave it; the month's orders with theirs, and, for an
//! order nobody got, the buyer's receptions around the payment and why none of them counts.

use chrono::{DateTime, Utc};
use floordesk_domain::commission::{AttributionRule, ReceptionEnd, Sender};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::month::{CommissionRow, commission_month};
use super::rebuild::reception_rules;
use crate::incidents::ledger::month_bounds;
use crate::{Result, Store, from_ms};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ReceptionView {
    pub id: i64,
    pub buyer: String,
    pub employee_no: String,
    pub agent_name: String,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    pub messages: u32,
    pub buyer_messages: u32,
    pub initiator: Sender,
    pub ended: ReceptionEnd,
    pub valid: bool,
    /// `too_few_messages` or `agent_after_payment`.
    pub invalid_reason: Option<String>,
    /// The order an agent-started contact came after.
    pub after_order_no: Option<String>,
    /// The orders this reception won.
    pub orders: Vec<String>,
}

/// Which reception an order counts for, and by which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AttributionView {
    pub rule: AttributionRule,
    pub reception: ReceptionView,
    /// Minutes between the reception's last word before the payment and the payment
    /// (consulted before), or between the payment and the buyer's first message (after).
    pub minutes_apart: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct OrderView {
    pub order_no: String,
    pub buyer: String,
    pub paid_at: DateTime<Utc>,
    pub amount_fen: i64,
    pub attribution: Option<AttributionView>,
    /// For an order nobody got: the buyer's receptions within the period around the payment.
    pub nearby: Vec<ReceptionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CommissionDetail {
    pub employee_no: String,
    pub name: String,
    pub month: String,
    /// The agent's line of the month (None without receptions or sales).
    pub row: Option<CommissionRow>,
    pub receptions: Vec<ReceptionView>,
    pub orders: Vec<OrderView>,
    /// 买家咨询有效期 in days, as the explanations use it.
    pub attribution_days: i64,
}

const RECEPTION: &str =
    "SELECT r.id, b.name, a.employee_no, a.name, r.first_ts, r.last_ts, r.messages,
        r.buyer_messages, r.initiator, r.ended, r.valid, r.invalid_reason, r.after_order_no,
        (SELECT group_concat(order_no, ',') FROM order_attributions WHERE reception_id = r.id)
    FROM receptions r JOIN buyers b ON b.id = r.buyer_id JOIN agents a ON a.id = r.agent_id";

fn reception(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReceptionView> {
    let orders: Option<String> = r.get(13)?;
    Ok(ReceptionView {
        id: r.get(0)?,
        buyer: r.get(1)?,
        employee_no: r.get(2)?,
        agent_name: r.get(3)?,
        first_at: from_ms(r.get(4)?),
        last_at: from_ms(r.get(5)?),
        messages: r.get(6)?,
        buyer_messages: r.get(7)?,
        initiator: if r.get::<_, String>(8)? == "agent" {
            Sender::Agent
        } else {
            Sender::Buyer
        },
        ended: ReceptionEnd::parse(&r.get::<_, String>(9)?).unwrap_or(ReceptionEnd::LastMessage),
        valid: r.get(10)?,
        invalid_reason: r.get(11)?,
        after_order_no: r.get(12)?,
        orders: orders
            .map(|o| o.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

struct RawOrder {
    order_no: String,
    buyer: String,
    paid: i64,
    amount_fen: i64,
    rule: Option<String>,
    reception_id: Option<i64>,
    buyer_id: i64,
}

const ORDER: &str =
    "SELECT o.order_no, b.name, o.paid_at, o.amount_fen, a.rule, a.reception_id, o.buyer_id
    FROM orders o JOIN buyers b ON b.id = o.buyer_id
    LEFT JOIN order_attributions a ON a.order_no = o.order_no";

fn orders(
    conn: &Connection,
    sql_where: &str,
    args: &[&dyn rusqlite::ToSql],
    period_ms: i64,
) -> Result<Vec<OrderView>> {
    let sql = format!("{ORDER} WHERE {sql_where} ORDER BY o.paid_at, o.order_no");
    let mut stmt = conn.prepare_cached(&sql)?;
    let raw: Vec<RawOrder> = stmt
        .query_map(args, |r| {
            Ok(RawOrder {
                order_no: r.get(0)?,
                buyer: r.get(1)?,
                paid: r.get(2)?,
                amount_fen: r.get(3)?,
                rule: r.get(4)?,
                reception_id: r.get(5)?,
                buyer_id: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_id = conn.prepare_cached(&format!("{RECEPTION} WHERE r.id = ?1"))?;
    let mut around = conn.prepare_cached(&format!(
        "{RECEPTION} WHERE r.buyer_id = ?1 AND r.last_ts >= ?2 AND r.first_ts <= ?3 ORDER BY r.first_ts"
    ))?;
    let mut out = Vec::with_capacity(raw.len());
    for RawOrder {
        order_no,
        buyer,
        paid,
        amount_fen,
        rule,
        reception_id,
        buyer_id,
    } in raw
    {
        let attribution = match (
            rule.as_deref().and_then(AttributionRule::parse),
            reception_id,
        ) {
            (Some(rule), Some(id)) => {
                let reception = by_id.query_row([id], reception)?;
                let first = reception.first_at.timestamp_millis();
                let last = reception.last_at.timestamp_millis();
                let minutes_apart = match rule {
                    AttributionRule::ConsultedBefore => (paid - last.min(paid)) / 60_000,
                    AttributionRule::BuyerAfter => (first - paid) / 60_000,
                };
                Some(AttributionView {
                    rule,
                    reception,
                    minutes_apart,
                })
            }
            _ => None,
        };
        let nearby = if attribution.is_none() {
            around
                .query_map(
                    params![buyer_id, paid - period_ms, paid + period_ms],
                    reception,
                )?
                .collect::<rusqlite::Result<_>>()?
        } else {
            Vec::new()
        };
        out.push(OrderView {
            order_no,
            buyer,
            paid_at: from_ms(paid),
            amount_fen,
            attribution,
            nearby,
        });
    }
    Ok(out)
}

impl Store {
    /// An agent's month: their line, their receptions, and the orders attributed to them.
    pub fn commission_detail(&self, employee_no: &str, month: &str) -> Result<CommissionDetail> {
        let conn = self.conn();
        let (first, next) = month_bounds(month)?;
        let (first, next) = (first.to_string(), next.to_string());
        let person = crate::scores::people::person_by_employee_no(conn, employee_no)?
            .ok_or_else(|| crate::scores::people::unknown_person(employee_no))?;
        let agent_id = person.agent_id.unwrap_or(-1);
        let receptions = conn
            .prepare_cached(&format!(
                "{RECEPTION} WHERE r.agent_id = ?1 AND r.local_date >= ?2 AND r.local_date < ?3 ORDER BY r.first_ts"
            ))?
            .query_map(params![agent_id, first, next], reception)?
            .collect::<rusqlite::Result<_>>()?;
        let rules = reception_rules(conn)?;
        let orders = orders(
            conn,
            "a.agent_id = ?1 AND o.local_date >= ?2 AND o.local_date < ?3",
            &[&agent_id, &first, &next],
            rules.attribution_ms,
        )?;
        let row = commission_month(conn, month)?
            .rows
            .into_iter()
            .find(|r| r.agent_id == agent_id);
        Ok(CommissionDetail {
            employee_no: person.employee_no,
            name: person.name,
            month: month.to_owned(),
            row,
            receptions,
            orders,
            attribution_days: rules.attribution_ms / 86_400_000,
        })
    }

    /// The month's paid orders (by the payment's site-local date), each with its attribution
    /// or, when nobody got it, the buyer's receptions around the payment.
    pub fn commission_orders(
        &self,
        month: &str,
        unattributed_only: bool,
    ) -> Result<Vec<OrderView>> {
        let (first, next) = month_bounds(month)?;
        let (first, next) = (first.to_string(), next.to_string());
        let rules = reception_rules(self.conn())?;
        orders(
            self.conn(),
            "o.local_date >= ?1 AND o.local_date < ?2 AND (?3 = 0 OR a.order_no IS NULL)",
            &[&first, &next, &unattributed_only],
            rules.attribution_ms,
        )
    }
}
