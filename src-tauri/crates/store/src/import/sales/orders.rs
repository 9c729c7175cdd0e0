//! Paid orders: a known order number replaces the stored order, and the buyers of every order
//! added or changed are judged again.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use floordesk_domain::ErrorCode;
use rusqlite::{OptionalExtension, params};

use super::{
    BUYER, Capped, OrderImportSummary, amount, buyer_id, instant, present, required, too_long,
};
use crate::commission::rebuild::rejudge_buyers;
use crate::import::{Columns, Table, read_table};
use crate::{Actor, Result, Store, to_ms};

const ORDER_NO: &[&str] = &["order_no", "订单号"];
const PAID_AT: &[&str] = &["paid_at", "付款时间"];
const AMOUNT: &[&str] = &["amount", "金额"];

fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

impl Store {
    /// Paid orders (`.csv` or `.xlsx`), all or nothing: a known order number replaces the
    /// stored order; the buyers of every order added or changed are rebuilt.
    pub fn import_orders(&mut self, path: &Path, actor: Actor) -> Result<OrderImportSummary> {
        let table = read_table(path)?;
        self.import_orders_table(&path.display().to_string(), &table, actor)
    }

    /// [`Store::import_orders`] of a table already read.
    pub fn import_orders_table(
        &mut self,
        file: &str,
        table: &Table,
        actor: Actor,
    ) -> Result<OrderImportSummary> {
        let orders = self.check_orders(file, table)?;
        let tz = crate::incidents::site_tz(self.conn())?;
        let imported_at = to_ms(actor.at);
        self.write(|tx| {
            let mut summary = OrderImportSummary {
                rows: orders.len() as u32,
                added: 0,
                replaced: 0,
                unchanged: 0,
                buyers_touched: 0,
                total_fen: orders.iter().map(|o| o.amount_fen).sum(),
                first_paid_at: orders.iter().map(|o| o.paid_at).min(),
                last_paid_at: orders.iter().map(|o| o.paid_at).max(),
            };
            let mut touched = Vec::new();
            let mut buyers: HashMap<&str, i64> = HashMap::new();
            let mut find = tx.prepare_cached(
                "SELECT buyer_id, paid_at, amount_fen FROM orders WHERE order_no = ?1",
            )?;
            let mut upsert = tx.prepare_cached(
                "INSERT INTO orders (order_no, buyer_id, paid_at, local_date, amount_fen, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (order_no) DO UPDATE SET buyer_id = excluded.buyer_id,
                     paid_at = excluded.paid_at, local_date = excluded.local_date,
                     amount_fen = excluded.amount_fen, imported_at = excluded.imported_at",
            )?;
            for o in &orders {
                let buyer = match buyers.get(o.buyer.as_str()) {
                    Some(id) => *id,
                    None => {
                        let id = buyer_id(tx, &o.buyer)?.0;
                        buyers.insert(&o.buyer, id);
                        id
                    }
                };
                let paid_at = to_ms(o.paid_at);
                let before: Option<(i64, i64, i64)> = find
                    .query_row([&o.order_no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                match before {
                    Some(b) if b == (buyer, paid_at, o.amount_fen) => {
                        summary.unchanged += 1;
                        continue;
                    }
                    Some((old_buyer, _, _)) => {
                        summary.replaced += 1;
                        touched.push(old_buyer);
                    }
                    None => summary.added += 1,
                }
                touched.push(buyer);
                upsert.execute(params![
                    o.order_no,
                    buyer,
                    paid_at,
                    local_date(o.paid_at, tz).to_string(),
                    o.amount_fen,
                    imported_at
                ])?;
            }
            touched.sort_unstable();
            touched.dedup();
            summary.buyers_touched = touched.len() as u32;
            rejudge_buyers(tx, &touched)?;
            actor
                .audit(
                    "import",
                    "orders",
                    None,
                    Some(format!(
                        "{file}: {} orders, {} added, {} replaced",
                        summary.rows, summary.added, summary.replaced
                    )),
                )
                .record(tx)?;
            Ok(summary)
        })
    }

    fn check_orders(&self, file: &str, table: &Table) -> Result<Vec<Order>> {
        let columns = Columns::new(&table.headers);
        let names = [
            columns.find(ORDER_NO),
            columns.find(BUYER),
            columns.find(PAID_AT),
            columns.find(AMOUNT),
        ];
        let mut issues = Capped::default();
        let Some([no_i, buyer_i, paid_i, amount_i]) = required(
            &mut issues,
            [
                (names[0], "order_no/订单号"),
                (names[1], "buyer/买家"),
                (names[2], "paid_at/付款时间"),
                (names[3], "amount/金额"),
            ],
        ) else {
            return issues.check(file).map(|()| Vec::new());
        };
        let [no_f, buyer_f, paid_f, amount_f] = names.map(|c| c.map_or("", |c| c.1));
        if table.rows.is_empty() {
            issues.add(
                1,
                "",
                ErrorCode::ImportEmpty,
                "the file has no data rows",
                "",
            );
        }
        let tz = crate::incidents::site_tz(self.conn())?;
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let mut out = Vec::with_capacity(table.rows.len());
        for r in &table.rows {
            let row = r.row;
            let order_no = present(&mut issues, row, no_f, "order number", r.cell(Some(no_i)))
                .filter(|no| !too_long(&mut issues, row, no_f, "order number", no));
            if let Some(no) = order_no
                && let Some(first) = seen.insert(no, row)
            {
                issues.add(
                    row,
                    no_f,
                    ErrorCode::ImportDuplicateInFile,
                    format!("order {no} is already on row {first}"),
                    no,
                );
                seen.insert(no, first);
            }
            let buyer = present(&mut issues, row, buyer_f, "buyer", r.cell(Some(buyer_i)))
                .filter(|b| !too_long(&mut issues, row, buyer_f, "buyer", b));
            let paid_at = instant(&mut issues, row, paid_f, r.cell(Some(paid_i)), tz);
            let amount_fen = amount(&mut issues, row, amount_f, r.cell(Some(amount_i)));
            if let (Some(order_no), Some(buyer), Some(paid_at), Some(amount_fen)) =
                (order_no, buyer, paid_at, amount_fen)
                && issues.is_empty()
            {
                out.push(Order {
                    order_no: order_no.to_owned(),
                    buyer: buyer.to_owned(),
                    paid_at,
                    amount_fen,
                });
            }
        }
        issues.check(file)?;
        Ok(out)
    }
}

struct Order {
    order_no: String,
    buyer: String,
    paid_at: DateTime<Utc>,
    amount_fen: i64,
}
