//! `commission` and `pay`: a month's commission as JSON Lines, the pay sheet to xlsx.

use std::path::Path;

use floordesk_store::Store;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// A decimal as a JSON number (0.8, 1.2), as users' scripts read it.
fn number(d: Decimal) -> Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(Value::Null)
}

/// One line per agent with a reception or sales in the month, sorted by employee_no:
/// employee_no, valid_receptions, sales_fen, tier_rate_pct (the after-sales rate on an
/// after-sales team), coefficient (null on an after-sales team), commission_fen.
pub fn commission(store: &Store, month: &str) -> floordesk_store::Result<()> {
    for r in store.commission_month(month)?.rows {
        let line = json!({
            "employee_no": r.employee_no,
            "valid_receptions": r.valid_receptions,
            "sales_fen": r.sales_fen,
            "tier_rate_pct": number(r.rate_pct),
            "coefficient": r.coefficient.map_or(Value::Null, number),
            "commission_fen": r.commission_fen,
        });
        println!("{line}");
    }
    Ok(())
}

pub fn pay(store: &Store, month: &str, file: &Path) -> floordesk_store::Result<()> {
    let n = store.export_pay_sheet(month, file)?;
    println!("{}: {n} agents written", file.display());
    Ok(())
}
