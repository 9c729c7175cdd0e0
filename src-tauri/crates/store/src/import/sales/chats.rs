//! The chat log: streamed from `.csv`, each message counted against the ones stored, and the
//! receptions of every buyer with new messages rebuilt.

use std::collections::HashMap;
use std::path::Path;

use floordesk_domain::ErrorCode;
use rusqlite::{Transaction, params};

use super::{
    BUYER, Capped, ChatImportSummary, EMPLOYEE_NO, agent_ids, batched, instant, intern_buyers,
    present, required, too_long,
};
use crate::commission::rebuild::rebuild_buyers;
use crate::import::Columns;
use crate::import::table::{csv_reader, decode, unreadable};
use crate::{Actor, Problem, Result, Store, StoreError, from_ms, to_ms};

const TS: &[&str] = &["ts", "时间"];
const SENDER: &[&str] = &["sender", "发送方"];

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
        let mut reader = csv_reader(text);
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
}

#[derive(Default)]
struct ChatRows {
    rows: u32,
    /// The file's buyers, in order of first appearance.
    names: Vec<String>,
    messages: Vec<Message>,
}
