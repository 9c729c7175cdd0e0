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

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::ErrorCode;
use floordesk_domain::limits::WORKFLOW_FIELD_MAX_LEN;
use floordesk_domain::people::parse_date;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::incidents::parse_ts;
use super::table::{decode, unreadable};
use super::{Columns, Issues, Table, read_table};
use crate::commission::rebuild::{rebuild_buyers, rejudge_buyers};
use crate::{Actor, Problem, Result, Store, StoreError, from_ms, to_ms};

const TS: &[&str] = &["ts", "时间"];
const BUYER: &[&str] = &["buyer", "买家"];
const EMPLOYEE_NO: &[&str] = &["employee_no", "工号"];
const SENDER: &[&str] = &["sender", "发送方"];
const ORDER_NO: &[&str] = &["order_no", "订单号"];
const PAID_AT: &[&str] = &["paid_at", "付款时间"];
const AMOUNT: &[&str] = &["amount", "金额"];
const DATE: &[&str] = &["date", "日期"];
const RECEPTIONS: &[&str] = &["receptions", "接待人数"];
const VALID_RECEPTIONS: &[&str] = &["valid_receptions", "有效接待"];
const SALES: &[&str] = &["sales", "销售额"];

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

/// Writes `messages` (buyer ids resolved).
fn insert_messages(tx: &Transaction<'_>, messages: &[Message]) -> Result<()> {
    batched(
        tx,
        "INSERT INTO chat_messages (ts, buyer_id, agent_id, sender) VALUES",
        4,
        messages,
        |stmt, at, m| {
            stmt.raw_bind_parameter(at, m.ts)?;
            stmt.raw_bind_parameter(at + 1, m.buyer)?;
            stmt.raw_bind_parameter(at + 2, m.agent)?;
            stmt.raw_bind_parameter(at + 3, SENDERS[m.sender as usize])
        },
    )
}

fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// One chat row, checked: the buyer as an index into the file's buyer names until the write.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Message {
    buyer: i64,
    ts: i64,
    agent: i64,
    /// 0 buyer, 1 agent.
    sender: u8,
}

const SENDERS: [&str; 2] = ["buyer", "agent"];

fn parse_sender(text: &str) -> Option<u8> {
    if text.eq_ignore_ascii_case("buyer") || text == "买家" {
        Some(0)
    } else if text.eq_ignore_ascii_case("agent") || text == "客服" {
        Some(1)
    } else {
        None
    }
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

/// The spreadsheet row a CSV record starts on. The csv reader skips blank lines (and reports
/// the record as starting on them); a spreadsheet still numbers them.
fn csv_row(text: &str, record: &csv::StringRecord, index: u64) -> u32 {
    record.position().map_or(index + 1, |p| {
        let skipped = text.as_bytes()[p.byte() as usize..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count();
        p.line() + skipped as u64
    }) as u32
}

impl Store {
    /// A chat log (`.csv`), all or nothing: new messages added, the ones already stored skipped,
    /// and the receptions of every buyer with new messages rebuilt.
    pub fn import_chats(&mut self, path: &Path, actor: Actor) -> Result<ChatImportSummary> {
        let file = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !matches!(ext.as_str(), "csv" | "txt" | "tsv") {
            return Err(Problem::new(
                ErrorCode::ImportUnsupportedFile,
                format!("{file}: a chat log is imported from .csv, not .{ext}"),
            )
            .with("file", &file)
            .into());
        }
        let bytes = std::fs::read(path).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })?;
        let text = decode(&bytes);
        drop(bytes);
        let checked = self.check_chats(&file, &text)?;
        drop(text);
        let ChatRows {
            rows,
            names,
            mut messages,
        } = checked;
        let first_ts = messages.iter().map(|m| m.ts).min().map(from_ms);
        let last_ts = messages.iter().map(|m| m.ts).max().map(from_ms);
        let buyers = names.len() as u32;
        self.write(|tx| {
            // Intern the buyers; a buyer new to the database has no stored messages to count.
            let (ids, existed) = intern_buyers(tx, &names)?;
            let stored: std::collections::HashSet<i64> = ids
                .iter()
                .zip(&existed)
                .filter_map(|(id, e)| e.then_some(*id))
                .collect();
            for m in &mut messages {
                m.buyer = ids[m.buyer as usize];
            }
            // By buyer then instant: the index on (buyer_id, ts) grows at its end for new buyers.
            messages.sort_unstable();
            let mut existing = tx.prepare_cached(
                "SELECT ts, agent_id, sender FROM chat_messages WHERE buyer_id = ?1 AND ts BETWEEN ?2 AND ?3",
            )?;
            let mut new = Vec::with_capacity(messages.len());
            let mut touched = Vec::new();
            let mut stored_keys: Vec<(i64, i64, u8)> = Vec::new();
            for group in messages.chunk_by(|a, b| a.buyer == b.buyer) {
                let buyer = group[0].buyer;
                stored_keys.clear();
                if stored.contains(&buyer) {
                    let (from, to) = (group[0].ts, group[group.len() - 1].ts);
                    let rows = existing.query_map(params![buyer, from, to], |r| {
                        let sender: String = r.get(2)?;
                        Ok((r.get(0)?, r.get(1)?, u8::from(sender == "agent")))
                    })?;
                    for row in rows {
                        stored_keys.push(row?);
                    }
                    stored_keys.sort_unstable();
                }
                let before = new.len();
                for same in group.chunk_by(|a, b| a == b) {
                    let m = same[0];
                    let key = (m.ts, m.agent, m.sender);
                    let have = if stored_keys.is_empty() {
                        0
                    } else {
                        let lo = stored_keys.partition_point(|k| *k < key);
                        let hi = stored_keys.partition_point(|k| *k <= key);
                        hi - lo
                    };
                    new.extend(std::iter::repeat_n(m, same.len().saturating_sub(have)));
                }
                if new.len() > before {
                    touched.push(buyer);
                }
            }
            insert_messages(tx, &new)?;
            let added = new.len() as u32;
            rebuild_buyers(tx, &touched)?;
            actor
                .audit(
                    "import",
                    "chat_messages",
                    None,
                    Some(format!("{file}: {rows} rows, {added} messages added")),
                )
                .record(tx)?;
            Ok(ChatImportSummary {
                rows,
                messages_added: added,
                duplicates_skipped: rows - added,
                buyers,
                buyers_new: existed.iter().filter(|e| !**e).count() as u32,
                buyers_touched: touched.len() as u32,
                first_ts,
                last_ts,
            })
        })
    }

    /// Streams the chat log's rows, checking each; fails with every problem (up to the cap).
    fn check_chats(&self, file: &str, text: &str) -> Result<ChatRows> {
        let mut reader = super::table::csv_reader(text);
        let mut record = csv::StringRecord::new();
        let mut issues = Capped::default();
        if !reader
            .read_record(&mut record)
            .map_err(|e| unreadable(file, e))?
        {
            issues.add(
                1,
                "",
                ErrorCode::ImportEmpty,
                "the file has no data rows",
                "",
            );
            return issues.check(file).map(|()| ChatRows::default());
        }
        let headers: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        let columns = Columns::new(&headers);
        let names = [
            columns.find(TS),
            columns.find(BUYER),
            columns.find(EMPLOYEE_NO),
            columns.find(SENDER),
        ];
        let Some([ts_i, buyer_i, no_i, sender_i]) = required(
            &mut issues,
            [
                (names[0], "ts/时间"),
                (names[1], "buyer/买家"),
                (names[2], "employee_no/工号"),
                (names[3], "sender/发送方"),
            ],
        ) else {
            return issues.check(file).map(|()| ChatRows::default());
        };
        let [ts_f, buyer_f, no_f, sender_f] = names.map(|c| c.map_or("", |c| c.1).to_owned());
        let tz = crate::incidents::site_tz(self.conn())?;
        let agents = agent_ids(self.conn())?;
        let mut buyer_index: HashMap<String, u32> = HashMap::new();
        let mut out = ChatRows::default();
        let mut index = 1u64;
        while reader
            .read_record(&mut record)
            .map_err(|e| unreadable(file, e))?
        {
            index += 1;
            let cell = |i: usize| record.get(i).map_or("", str::trim);
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let row = csv_row(text, &record, index - 1);
            out.rows += 1;
            let ts = instant(&mut issues, row, &ts_f, cell(ts_i), tz);
            let buyer = present(&mut issues, row, &buyer_f, "buyer", cell(buyer_i))
                .filter(|b| !too_long(&mut issues, row, &buyer_f, "buyer", b));
            let no = cell(no_i);
            let agent = present(&mut issues, row, &no_f, "工号", no).and_then(|no| {
                let agent = agents.get(no).copied();
                if agent.is_none() {
                    issues.add(
                        row,
                        &no_f,
                        ErrorCode::ImportUnknownAgent,
                        format!("no agent has 工号 {no}"),
                        no,
                    );
                }
                agent
            });
            let raw_sender = cell(sender_i);
            let sender = present(&mut issues, row, &sender_f, "sender", raw_sender).and_then(|s| {
                let sender = parse_sender(s);
                if sender.is_none() {
                    issues.add(
                        row,
                        &sender_f,
                        ErrorCode::ImportInvalidValue,
                        "the sender is buyer or agent (买家 or 客服)",
                        s,
                    );
                }
                sender
            });
            if !issues.is_empty() {
                continue;
            }
            if let (Some(ts), Some(buyer), Some(agent), Some(sender)) = (ts, buyer, agent, sender) {
                let buyer = match buyer_index.get(buyer) {
                    Some(i) => *i,
                    None => {
                        let i = out.names.len() as u32;
                        buyer_index.insert(buyer.to_owned(), i);
                        out.names.push(buyer.to_owned());
                        i
                    }
                };
                out.messages.push(Message {
                    buyer: i64::from(buyer),
                    ts: to_ms(ts),
                    agent,
                    sender,
                });
            }
        }
        if out.rows == 0 {
            issues.add(
                1,
                "",
                ErrorCode::ImportEmpty,
                "the file has no data rows",
                "",
            );
        }
        issues.check(file)?;
        Ok(out)
    }

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

    /// Daily totals per agent (`.csv` or `.xlsx`), all or nothing: a stored agent and date is
    /// replaced.
    pub fn import_sales(&mut self, path: &Path, actor: Actor) -> Result<SalesImportSummary> {
        let table = read_table(path)?;
        self.import_sales_table(&path.display().to_string(), &table, actor)
    }

    /// [`Store::import_sales`] of a table already read.
    pub fn import_sales_table(
        &mut self,
        file: &str,
        table: &Table,
        actor: Actor,
    ) -> Result<SalesImportSummary> {
        let days = self.check_sales(file, table)?;
        let imported_at = to_ms(actor.at);
        self.write(|tx| {
            let mut agents: Vec<i64> = days.iter().map(|d| d.agent).collect();
            agents.sort_unstable();
            agents.dedup();
            let mut summary = SalesImportSummary {
                rows: days.len() as u32,
                added: 0,
                replaced: 0,
                unchanged: 0,
                agents: agents.len() as u32,
                first_date: days.iter().map(|d| d.date).min(),
                last_date: days.iter().map(|d| d.date).max(),
            };
            let mut find = tx.prepare_cached(
                "SELECT receptions, valid_receptions, sales_fen FROM daily_sales
                 WHERE agent_id = ?1 AND date = ?2",
            )?;
            let mut upsert = tx.prepare_cached(
                "INSERT INTO daily_sales (agent_id, date, receptions, valid_receptions, sales_fen, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (agent_id, date) DO UPDATE SET receptions = excluded.receptions,
                     valid_receptions = excluded.valid_receptions, sales_fen = excluded.sales_fen,
                     imported_at = excluded.imported_at",
            )?;
            for d in &days {
                let date = d.date.to_string();
                let before: Option<(i64, i64, i64)> = find
                    .query_row(params![d.agent, date], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()?;
                match before {
                    Some(b) if b == (d.receptions, d.valid_receptions, d.sales_fen) => {
                        summary.unchanged += 1;
                        continue;
                    }
                    Some(_) => summary.replaced += 1,
                    None => summary.added += 1,
                }
                upsert.execute(params![
                    d.agent,
                    date,
                    d.receptions,
                    d.valid_receptions,
                    d.sales_fen,
                    imported_at
                ])?;
            }
            actor
                .audit(
                    "import",
                    "daily_sales",
                    None,
                    Some(format!(
                        "{file}: {} agent-days, {} added, {} replaced",
                        summary.rows, summary.added, summary.replaced
                    )),
                )
                .record(tx)?;
            Ok(summary)
        })
    }

    fn check_sales(&self, file: &str, table: &Table) -> Result<Vec<SalesDay>> {
        let columns = Columns::new(&table.headers);
        let names = [
            columns.find(EMPLOYEE_NO),
            columns.find(DATE),
            columns.find(RECEPTIONS),
            columns.find(VALID_RECEPTIONS),
            columns.find(SALES),
        ];
        let mut issues = Capped::default();
        let Some([no_i, date_i, rec_i, valid_i, sales_i]) = required(
            &mut issues,
            [
                (names[0], "employee_no/工号"),
                (names[1], "date/日期"),
                (names[2], "receptions/接待人数"),
                (names[3], "valid_receptions/有效接待"),
                (names[4], "sales/销售额"),
            ],
        ) else {
            return issues.check(file).map(|()| Vec::new());
        };
        let [no_f, date_f, rec_f, valid_f, sales_f] = names.map(|c| c.map_or("", |c| c.1));
        if table.rows.is_empty() {
            issues.add(
                1,
                "",
                ErrorCode::ImportEmpty,
                "the file has no data rows",
                "",
            );
        }
        let agents = agent_ids(self.conn())?;
        let mut seen: HashMap<(i64, NaiveDate), u32> = HashMap::new();
        let mut out = Vec::with_capacity(table.rows.len());
        for r in &table.rows {
            let row = r.row;
            let no = r.cell(Some(no_i));
            let agent = present(&mut issues, row, no_f, "工号", no).and_then(|no| {
                let agent = agents.get(no).copied();
                if agent.is_none() {
                    issues.add(
                        row,
                        no_f,
                        ErrorCode::ImportUnknownAgent,
                        format!("no agent has 工号 {no}"),
                        no,
                    );
                }
                agent
            });
            let raw_date = r.cell(Some(date_i));
            let date = present(&mut issues, row, date_f, "date", raw_date).and_then(|d| {
                let date = parse_date(d);
                if date.is_none() {
                    issues.add(
                        row,
                        date_f,
                        ErrorCode::ImportBadDate,
                        format!("'{d}' is not a date like 2026-11-03"),
                        d,
                    );
                }
                date
            });
            let mut count = |i: usize, field: &str, what: &str| {
                let v = r.cell(Some(i));
                present(&mut issues, row, field, what, v).and_then(|v| {
                    let n = v.parse::<u32>().ok();
                    if n.is_none() {
                        issues.add(
                            row,
                            field,
                            ErrorCode::ImportInvalidValue,
                            format!("the {what} is a whole number, 0 or more"),
                            v,
                        );
                    }
                    n.map(i64::from)
                })
            };
            let receptions = count(rec_i, rec_f, "number of receptions");
            let valid = count(valid_i, valid_f, "number of valid receptions");
            if let (Some(rec), Some(v)) = (receptions, valid)
                && v > rec
            {
                issues.add(
                    row,
                    valid_f,
                    ErrorCode::ImportInvalidValue,
                    format!("{v} valid receptions are more than the {rec} receptions"),
                    r.cell(Some(valid_i)),
                );
            }
            let sales_fen = amount(&mut issues, row, sales_f, r.cell(Some(sales_i)));
            if let (Some(agent), Some(date)) = (agent, date)
                && let Some(first) = seen.insert((agent, date), row)
            {
                issues.add(
                    row,
                    no_f,
                    ErrorCode::ImportDuplicateInFile,
                    format!("工号 {no} on {date} is already on row {first}"),
                    no,
                );
                seen.insert((agent, date), first);
            }
            if let (
                Some(agent),
                Some(date),
                Some(receptions),
                Some(valid_receptions),
                Some(sales_fen),
            ) = (agent, date, receptions, valid, sales_fen)
                && issues.is_empty()
            {
                out.push(SalesDay {
                    agent,
                    date,
                    receptions,
                    valid_receptions,
                    sales_fen,
                });
            }
        }
        issues.check(file)?;
        Ok(out)
    }
}

#[derive(Default)]
struct ChatRows {
    rows: u32,
    /// The file's buyers, in order of first appearance.
    names: Vec<String>,
    messages: Vec<Message>,
}

struct Order {
    order_no: String,
    buyer: String,
    paid_at: DateTime<Utc>,
    amount_fen: i64,
}

struct SalesDay {
    agent: i64,
    date: NaiveDate,
    receptions: i64,
    valid_receptions: i64,
    sales_fen: i64,
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
