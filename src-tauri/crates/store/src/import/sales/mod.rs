//! Importing what commission is computed from (issue 18): the chat log, the paid orders and
//! daily sales totals. Each import is all or nothing: every problem is named by row (the header
//! is row 1) and by the column as the file spells it, and a file with problems writes nothing.
//!
//! - Chats, `.csv` only (UTF-8 with or without BOM, or GBK), streamed (a month of a large shop
//!   is millions of rows): `ts,buyer,employee_no,sender` (时间,买家,工号,发送方). `sender` is
//!   `buyer`/`agent` (买家/客服). A message is identified by (ts, buyer, agent, sender), counted:
//!   k identical rows in a file of which j are stored already add k − j, so re-importing an
//!   overlapping export adds only what is new.
//! - Orders, `.csv` or `.xlsx`: `order_no,buyer,paid_at,amount` (订单号,买家,付款时间,金额). The
//!   same order number again replaces the stored order.
//! - Daily sales, `.csv` or `.xlsx`: `employee_no,date,receptions,valid_receptions,sales`
//!   (工号,日期,接待人数,有效接待,销售额). The same agent and date again replaces the stored row.
//!
//! Times (`ts`, `paid_at`) are RFC 3339 with an offset or `YYYY-MM-DD HH:MM[:SS]` in the site's
//! time zone; amounts are yuan with at most two decimals (`1,234.50`, `¥12.5`), stored as fen.
//! Chats and orders rebuild the receptions and attributions of every buyer whose messages or
//! orders changed, in the same transaction.

mod chats;
mod daily;
mod orders;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::ErrorCode;
use floordesk_domain::limits::WORKFLOW_FIELD_MAX_LEN;
use floordesk_domain::people::parse_date;
use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;

use super::Issues;
use super::incidents::parse_ts;
use crate::Result;

const BUYER: &[&str] = &["buyer", "买家"];
const EMPLOYEE_NO: &[&str] = &["employee_no", "工号"];

/// How many problems an import lists; the ones after are counted in one last issue.
pub const MAX_ISSUES: usize = 200;

/// What a chat import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ChatImportSummary {
    /// Data rows read (blank lines not counted).
    pub rows: u32,
    /// Messages added.
    pub messages_added: u32,
    /// Rows already stored (or repeated in the file more often than stored), skipped.
    pub duplicates_skipped: u32,
    /// Distinct buyers in the file.
    pub buyers: u32,
    /// Of which new to the database.
    pub buyers_new: u32,
    /// Buyers with messages added: their receptions and attributions were rebuilt.
    pub buyers_touched: u32,
    /// The file's earliest and latest message (None for no rows).
    pub first_ts: Option<DateTime<Utc>>,
    pub last_ts: Option<DateTime<Utc>>,
}

/// What an order import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct OrderImportSummary {
    /// Data rows read (= orders in the file).
    pub rows: u32,
    /// Orders new to the database.
    pub added: u32,
    /// Stored orders the file changed (buyer, payment time or amount), replaced.
    pub replaced: u32,
    /// Stored orders the file repeats unchanged.
    pub unchanged: u32,
    /// Buyers whose orders changed (including a buyer an order moved away from): rebuilt.
    pub buyers_touched: u32,
    /// The file's amounts added up, in fen.
    pub total_fen: i64,
    /// The file's earliest and latest payment (None for no rows).
    pub first_paid_at: Option<DateTime<Utc>>,
    pub last_paid_at: Option<DateTime<Utc>>,
}

/// What a daily-sales import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct SalesImportSummary {
    /// Data rows read (= agent-days in the file).
    pub rows: u32,
    /// Agent-days new to the database.
    pub added: u32,
    /// Stored agent-days the file changed, replaced.
    pub replaced: u32,
    /// Stored agent-days the file repeats unchanged.
    pub unchanged: u32,
    /// Distinct agents in the file.
    pub agents: u32,
    /// The file's first and last date (None for no rows).
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}

/// [`Issues`] that keeps the first [`MAX_ISSUES`] and counts the rest.
#[derive(Default)]
struct Capped {
    issues: Issues,
    total: usize,
}

impl Capped {
    fn add(
        &mut self,
        row: u32,
        field: &str,
        code: ErrorCode,
        message: impl Into<String>,
        value: &str,
    ) {
        self.total += 1;
        if self.total <= MAX_ISSUES {
            self.issues.add(row, field, code, message, value);
        }
    }

    fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Fails with the problems found, the ones past the cap counted in one last issue.
    fn check(mut self, file: &str) -> Result<()> {
        if self.total > MAX_ISSUES {
            let more = self.total - MAX_ISSUES;
            let row = self.issues.0.last().map_or(1, |i| i.row);
            self.issues.add(
                row,
                "",
                ErrorCode::ImportMoreProblems,
                format!(
                    "{more} more problem(s) not listed ({} in all); fix these and import again",
                    self.total
                ),
                &more.to_string(),
            );
        }
        self.issues.check(file)
    }
}

/// Names, on the header row, each required column the file lacks; `None` unless all are there.
fn required<const N: usize>(
    issues: &mut Capped,
    columns: [(Option<(usize, &str)>, &str); N],
) -> Option<[usize; N]> {
    let mut out = [0; N];
    let mut all = true;
    for (i, (col, name)) in columns.iter().enumerate() {
        match col {
            Some((index, _)) => out[i] = *index,
            None => {
                all = false;
                issues.add(
                    1,
                    name,
                    ErrorCode::ImportMissingColumn,
                    format!("the header row has no {name} column"),
                    "",
                );
            }
        }
    }
    all.then_some(out)
}

/// Two digits (or four) at `at` of `b`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    b.get(at..at + n)?.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD HH:MM:SS` exactly, the common case of a large export, without chrono's format
/// machinery.
fn fast_local(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let date =
        NaiveDate::from_ymd_opt(digits(b, 0, 4)? as i32, digits(b, 5, 2)?, digits(b, 8, 2)?)?;
    let time = NaiveTime::from_hms_opt(digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?)?;
    Some(date.and_time(time))
}

fn local_to_utc(
    local: NaiveDateTime,
    tz: Tz,
    text: &str,
) -> std::result::Result<DateTime<Utc>, String> {
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.to_utc())
        .ok_or_else(|| format!("{text} does not exist in the site's time zone {tz}"))
}

/// An instant as RFC 3339 with an offset, or site-local `YYYY-MM-DD HH:MM[:SS[.fff]]` (also `/`
/// in the date, as Excel saves it).
fn parse_instant(text: &str, tz: Tz) -> std::result::Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Some(local) = fast_local(text) {
        return local_to_utc(local, tz, text);
    }
    match parse_ts(text, tz) {
        Ok(t) => Ok(t),
        Err(why) => {
            // Fractional seconds, as a spreadsheet's date-time cell can read.
            let fractional = text.split_once(' ').and_then(|(d, t)| {
                Some(
                    parse_date(d)?
                        .and_time(NaiveTime::parse_from_str(t.trim(), "%H:%M:%S%.f").ok()?),
                )
            });
            match fractional {
                Some(local) => local_to_utc(local, tz, text),
                None => Err(why),
            }
        }
    }
}

/// Yuan with at most two decimals (more only when they are zeros), optionally `¥`/`￥` first
/// and thousands separated by commas: the amount in fen, exactly.
pub fn parse_fen(text: &str) -> std::result::Result<i64, String> {
    let raw = text.trim();
    let bad = || format!("'{raw}' is not an amount in yuan like 1234.50");
    let t = raw
        .strip_prefix('¥')
        .or_else(|| raw.strip_prefix('￥'))
        .unwrap_or(raw)
        .trim_start();
    if t.starts_with('-') {
        return Err(format!("the amount '{raw}' is negative"));
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() && frac.is_empty() || t.ends_with('.') {
        return Err(bad());
    }
    let int_digits: String = if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return Err(bad());
        }
        int.replace(',', "")
    } else {
        int.to_owned()
    };
    if !int_digits.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    if frac.len() > 2 && frac[2..].bytes().any(|c| c != b'0') {
        return Err(format!(
            "the amount '{raw}' has more than two decimals (fen)"
        ));
    }
    let yuan: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().map_err(|_| bad())?
    };
    let cents = frac
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(2)
        .fold(0i64, |acc, c| acc * 10 + i64::from(c - b'0'));
    yuan.checked_mul(100)
        .and_then(|f| f.checked_add(cents))
        .ok_or_else(|| format!("the amount '{raw}' is too large"))
}

/// Every agent's 工号 (former agents included: an old log names them) to their id.
fn agent_ids(tx: &rusqlite::Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = tx.prepare("SELECT employee_no, id FROM agents")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The buyer's id, interning the name if new; the flag says whether it was stored before.
fn buyer_id(tx: &Transaction<'_>, name: &str) -> Result<(i64, bool)> {
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM buyers WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok((id, true));
    }
    tx.prepare_cached("INSERT INTO buyers (name) VALUES (?1)")?
        .execute([name])?;
    Ok((tx.last_insert_rowid(), false))
}

/// Rows a multi-row statement writes at once: far fewer statement steps than one row each.
const BATCH: usize = 100;

/// `(?, ?, …), (?, ?, …), …`: `rows` groups of `columns` placeholders.
fn placeholders(rows: usize, columns: usize) -> String {
    let one = format!("({})", vec!["?"; columns].join(", "));
    vec![one; rows].join(", ")
}

/// The ids of `names` (the buyers of one file, each once), interning the new ones in the
/// file's order; and for each whether it was stored before.
fn intern_buyers(tx: &Transaction<'_>, names: &[String]) -> Result<(Vec<i64>, Vec<bool>)> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS import_buyers (i INTEGER PRIMARY KEY, name TEXT NOT NULL);
         DELETE FROM temp.import_buyers;",
    )?;
    let indexed: Vec<(i64, &str)> = (0..).zip(names.iter().map(String::as_str)).collect();
    batched(
        tx,
        "INSERT INTO temp.import_buyers (i, name) VALUES",
        2,
        &indexed,
        |stmt, at, (i, name)| {
            stmt.raw_bind_parameter(at, *i)?;
            stmt.raw_bind_parameter(at + 1, *name)
        },
    )?;
    let mut ids = vec![0; names.len()];
    let mut existed = vec![false; names.len()];
    let ids_of = "SELECT t.i, b.id FROM temp.import_buyers t JOIN buyers b ON b.name = t.name";
    {
        let mut stmt = tx.prepare(ids_of)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let i: i64 = r.get(0)?;
            ids[i as usize] = r.get(1)?;
            existed[i as usize] = true;
        }
    }
    if existed.iter().any(|e| !e) {
        tx.execute(
            "INSERT INTO buyers (name) SELECT t.name FROM temp.import_buyers t
             WHERE NOT EXISTS (SELECT 1 FROM buyers b WHERE b.name = t.name) ORDER BY t.i",
            [],
        )?;
        let mut stmt = tx.prepare(ids_of)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let i: i64 = r.get(0)?;
            ids[i as usize] = r.get(1)?;
        }
    }
    tx.execute("DELETE FROM temp.import_buyers", [])?;
    Ok((ids, existed))
}

/// Runs `head` (an `INSERT … VALUES`) over `items`, [`BATCH`] rows a statement of `columns`
/// parameters each; `bind` binds one item from the parameter index it is given.
fn batched<T>(
    tx: &Transaction<'_>,
    head: &str,
    columns: usize,
    items: &[T],
    bind: impl Fn(&mut rusqlite::Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let run = |stmt: &mut rusqlite::Statement<'_>, chunk: &[T]| -> Result<()> {
        for (k, item) in chunk.iter().enumerate() {
            bind(stmt, k * columns + 1, item)?;
        }
        stmt.raw_execute()?;
        Ok(())
    };
    let mut chunks = items.chunks_exact(BATCH);
    if items.len() >= BATCH {
        let mut stmt = tx.prepare(&format!("{head} {}", placeholders(BATCH, columns)))?;
        for chunk in &mut chunks {
            run(&mut stmt, chunk)?;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut stmt = tx.prepare(&format!("{head} {}", placeholders(rest.len(), columns)))?;
        run(&mut stmt, rest)?;
    }
    Ok(())
}

fn too_long(issues: &mut Capped, row: u32, field: &str, what: &str, value: &str) -> bool {
    let long =
        value.len() > WORKFLOW_FIELD_MAX_LEN && value.chars().count() > WORKFLOW_FIELD_MAX_LEN;
    if long {
        issues.add(
            row,
            field,
            ErrorCode::ImportInvalidValue,
            format!("the {what} is longer than {WORKFLOW_FIELD_MAX_LEN} characters"),
            value,
        );
    }
    long
}

/// A required cell: `None` (and an issue) when empty.
fn present<'a>(
    issues: &mut Capped,
    row: u32,
    field: &str,
    what: &str,
    value: &'a str,
) -> Option<&'a str> {
    if value.is_empty() {
        issues.add(
            row,
            field,
            ErrorCode::ImportRequired,
            format!("the {what} is missing"),
            value,
        );
        None
    } else {
        Some(value)
    }
}

/// A time cell: `None` (and an issue) when empty or unreadable.
fn instant(
    issues: &mut Capped,
    row: u32,
    field: &str,
    value: &str,
    tz: Tz,
) -> Option<DateTime<Utc>> {
    present(issues, row, field, "time", value)?;
    match parse_instant(value, tz) {
        Ok(t) => Some(t),
        Err(why) => {
            issues.add(row, field, ErrorCode::ImportBadTime, why, value);
            None
        }
    }
}

/// An amount cell: `None` (and an issue) when empty or not an amount.
fn amount(issues: &mut Capped, row: u32, field: &str, value: &str) -> Option<i64> {
    present(issues, row, field, "amount", value)?;
    match parse_fen(value) {
        Ok(fen) => Some(fen),
        Err(why) => {
            issues.add(row, field, ErrorCode::ImportInvalidValue, why, value);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_exactly_in_fen() {
        for (text, fen) in [
            ("12.5", 1250),
            ("12.50", 1250),
            ("0", 0),
            ("0.01", 1),
            ("1,234.00", 123_400),
            ("1,234,567.8", 123_456_780),
            ("¥ 99", 9900),
            ("￥3.10", 310),
            (".5", 50),
            ("7.500", 750),
        ] {
            assert_eq!(parse_fen(text), Ok(fen), "{text}");
        }
        for text in [
            "",
            "-1",
            "1.234",
            "12,34",
            "1,2345.00",
            "abc",
            "1.2.3",
            "12.",
            "1e3",
            ".",
            "¥",
        ] {
            assert!(parse_fen(text).is_err(), "{text}");
        }
    }

    #[test]
    fn instants_parse_in_site_time_or_with_an_offset() {
        let tz = chrono_tz::Asia::Shanghai;
        let want: DateTime<Utc> = "2026-11-03T01:15:02Z".parse().unwrap();
        for text in [
            "2026-11-03 09:15:02",
            "2026-11-03T09:15:02+08:00",
            "2026/11/3 09:15:02",
            "2026-11-03 09:15:02.000",
        ] {
            assert_eq!(parse_instant(text, tz), Ok(want), "{text}");
        }
        assert!(parse_instant("2026-11-03 25:15:02", tz).is_err());
        assert!(parse_instant("yesterday", tz).is_err());
        let ny = chrono_tz::America::New_York;
        assert!(
            parse_instant("2026-03-08 02:30:00", ny).is_err(),
            "skipped by DST"
        );
    }
}
