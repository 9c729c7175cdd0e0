//! A month's commission per agent: receptions by the site-local date of their first message,
//! sales by the site-local date of the payment, daily totals standing instead of the chat log
//! for the agent's dates they cover; then the tier and grade coefficient, or the after-sales form.

use std::collections::{BTreeMap, HashMap};

use floordesk_domain::commission::{
    AfterSalesResult, Tier, after_sales_commission, sales_commission, tier_for,
};
use floordesk_domain::scores::Grade;
use rusqlite::{Connection, params};
use rust_decimal::Decimal;
use serde::Serialize;

use super::settings::{Scheme, coefficients_in, team_schemes, tiers_in};
use crate::incidents::ledger::month_bounds;
use crate::{Result, Store};

/// One agent's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CommissionRow {
    pub agent_id: i64,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub scheme: Scheme,
    pub receptions: i64,
    pub valid_receptions: i64,
    /// Orders attributed to the agent (from the chat log; daily totals carry no count).
    pub orders: i64,
    pub sales_fen: i64,
    /// Days whose figures came from imported daily totals instead of the chat log.
    pub daily_total_days: i64,
    /// The tier the month's sales fall in (sales teams).
    pub tier: Option<Tier>,
    /// The rate applied: the tier's, or the after-sales rate.
    #[specta(type = String)]
    pub rate_pct: Decimal,
    /// The published grade of the month; None before publication or without one.
    pub grade: Option<Grade>,
    /// The grade's coefficient (sales teams only).
    #[specta(type = Option<String>)]
    pub coefficient: Option<Decimal>,
    pub after_sales: Option<AfterSalesResult>,
    pub commission_fen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CommissionMonth {
    pub month: String,
    /// The month's grades are published (coefficients are final).
    pub grades_published: bool,
    pub rows: Vec<CommissionRow>,
    pub orders: i64,
    pub orders_fen: i64,
    /// Paid orders of the month no valid reception qualifies for.
    pub unattributed_orders: i64,
    pub unattributed_fen: i64,
}

/// Per agent and site-local date.
type DayFigures = BTreeMap<(i64, String), Day>;

#[derive(Default, Clone, Copy)]
struct Day {
    receptions: i64,
    valid: i64,
    orders: i64,
    sales_fen: i64,
}

/// The month's published grades by 工号, or None when the month is not published.
pub(crate) fn published_grades(
    conn: &Connection,
    month: &str,
) -> Result<Option<HashMap<String, Grade>>> {
    let latest: Option<(i64, String)> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT id, action FROM score_publications WHERE month = ?1 ORDER BY id DESC LIMIT 1",
        [month],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    let Some((id, _)) = latest.filter(|(_, a)| a == "publish") else {
        return Ok(None);
    };
    let grades = conn
        .prepare_cached(
            "SELECT employee_no, grade FROM score_results WHERE publication_id = ?1 AND grade IS NOT NULL",
        )?
        .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(|row| match row {
            Ok((no, g)) => Grade::parse(&g).map(|g| Ok((no, g))),
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(grades))
}

/// The figures per agent and date of the month, daily totals standing for their dates.
fn days(conn: &Connection, first: &str, next: &str) -> Result<(DayFigures, HashMap<i64, i64>)> {
    let mut days = DayFigures::new();
    let mut stmt = conn.prepare_cached(
        "SELECT agent_id, local_date, count(*), sum(valid) FROM receptions
         WHERE local_date >= ?1 AND local_date < ?2 GROUP BY agent_id, local_date",
    )?;
    let mut rows = stmt.query(params![first, next])?;
    while let Some(r) = rows.next()? {
        let day = days.entry((r.get(0)?, r.get(1)?)).or_default();
        day.receptions = r.get(2)?;
        day.valid = r.get(3)?;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT a.agent_id, o.local_date, count(*), sum(o.amount_fen)
         FROM order_attributions a JOIN orders o ON o.order_no = a.order_no
         WHERE o.local_date >= ?1 AND o.local_date < ?2 GROUP BY a.agent_id, o.local_date",
    )?;
    let mut rows = stmt.query(params![first, next])?;
    while let Some(r) = rows.next()? {
        let day = days.entry((r.get(0)?, r.get(1)?)).or_default();
        day.orders = r.get(2)?;
        day.sales_fen = r.get(3)?;
    }
    let mut from_totals: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT agent_id, date, receptions, valid_receptions, sales_fen FROM daily_sales
         WHERE date >= ?1 AND date < ?2",
    )?;
    let mut rows = stmt.query(params![first, next])?;
    while let Some(r) = rows.next()? {
        let agent: i64 = r.get(0)?;
        days.insert(
            (agent, r.get(1)?),
            Day {
                receptions: r.get(2)?,
                valid: r.get(3)?,
                orders: 0,
                sales_fen: r.get(4)?,
            },
        );
        *from_totals.entry(agent).or_default() += 1;
    }
    Ok((days, from_totals))
}

pub(crate) fn commission_month(conn: &Connection, month: &str) -> Result<CommissionMonth> {
    let (first, next) = month_bounds(month)?;
    let (first, next) = (first.to_string(), next.to_string());
    let (days, from_totals) = days(conn, &first, &next)?;
    let mut per_agent: BTreeMap<i64, Day> = BTreeMap::new();
    for ((agent, _), d) in &days {
        let a = per_agent.entry(*agent).or_default();
        a.receptions += d.receptions;
        a.valid += d.valid;
        a.orders += d.orders;
        a.sales_fen += d.sales_fen;
    }
    let (tiers, _) = tiers_in(conn, month)?;
    let (coefficients, _) = coefficients_in(conn, month)?;
    let schemes: HashMap<i64, _> = team_schemes(conn, Some(month))?
        .into_iter()
        .map(|t| (t.team_id, t))
        .collect();
    let grades = published_grades(conn, month)?;
    let mut people = conn.prepare_cached(
        "SELECT a.employee_no, a.name, a.team_id, t.name FROM agents a LEFT JOIN teams t ON t.id = a.team_id
         WHERE a.id = ?1",
    )?;
    let mut rows = Vec::new();
    for (agent_id, d) in per_agent {
        let (employee_no, name, team_id, team_name): (String, String, Option<i64>, Option<String>) =
            people.query_row([agent_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        let grade = grades.as_ref().and_then(|g| g.get(&employee_no).copied());
        let scheme = team_id.and_then(|t| schemes.get(&t));
        let mut row = CommissionRow {
            agent_id,
            employee_no,
            name,
            team_id,
            team_name,
            scheme: Scheme::Sales,
            receptions: d.receptions,
            valid_receptions: d.valid,
            orders: d.orders,
            sales_fen: d.sales_fen,
            daily_total_days: from_totals.get(&agent_id).copied().unwrap_or(0),
            tier: None,
            rate_pct: Decimal::ZERO,
            grade,
            coefficient: None,
            after_sales: None,
            commission_fen: 0,
        };
        match scheme.filter(|s| s.scheme == Scheme::AfterSales) {
            Some(s) => {
                let result = after_sales_commission(
                    d.sales_fen,
                    s.after_sales_rate_pct,
                    s.target_bonus_fen,
                    &s.targets,
                );
                row.scheme = Scheme::AfterSales;
                row.rate_pct = s.after_sales_rate_pct;
                row.commission_fen = result.total_fen();
                row.after_sales = Some(result);
            }
            None => {
                let tier = tier_for(&tiers, d.sales_fen).cloned();
                let rate = tier.as_ref().map_or(Decimal::ZERO, |t| t.rate_pct);
                let coefficient = coefficients.of(grade);
                row.commission_fen = sales_commission(d.sales_fen, rate, coefficient);
                row.rate_pct = rate;
                row.coefficient = Some(coefficient);
                row.tier = tier;
            }
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
    let (orders, orders_fen, unattributed_orders, unattributed_fen): (i64, i64, i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(o.amount_fen), 0),
                    count(*) FILTER (WHERE a.order_no IS NULL),
                    coalesce(sum(o.amount_fen) FILTER (WHERE a.order_no IS NULL), 0)
             FROM orders o LEFT JOIN order_attributions a ON a.order_no = o.order_no
             WHERE o.local_date >= ?1 AND o.local_date < ?2",
        )?
        .query_row(params![first, next], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    Ok(CommissionMonth {
        month: month.to_owned(),
        grades_published: grades.is_some(),
        rows,
        orders,
        orders_fen,
        unattributed_orders,
        unattributed_fen,
    })
}

impl Store {
    /// Every agent with a reception or sales in the month, sorted by 工号.
    pub fn commission_month(&self, month: &str) -> Result<CommissionMonth> {
        commission_month(self.conn(), month)
    }
}
