//! The ledger's seal (hash version 1): each record of the ledger (a confirmation, a void, an
//! appeal's change) is SHA-256 over a prefix line, its predecessor's hash and the canonical JSON
//! of the structs below, like the handover log's. Never rename, reorder or retype a field: a
//! change is a V2 with its own prefix.

use serde::{Deserialize, Serialize};

use crate::handover::seal::digest;

const LEDGER_PREFIX: &[u8] = b"floordesk/ledger-record/v1\n";

/// The incident a record judges, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealIncidentV1 {
    pub id: i64,
    pub ts: i64,
    pub local_date: String,
    /// None for equipment split across a team.
    pub employee_no: Option<String>,
    pub team_id: Option<i64>,
    pub rule_code: String,
    pub rule_version_id: i64,
    pub severity: Option<i64>,
    pub quantity: i64,
    pub item_code: Option<String>,
    pub item_price_fen: Option<i64>,
    pub stated_fen: Option<i64>,
    pub place: Option<String>,
    pub witness: Option<String>,
    pub note: Option<String>,
    pub alert_ref: Option<String>,
    pub recorded_at: i64,
    pub recorded_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealLineV1 {
    pub line_no: i64,
    pub employee_no: String,
    pub name: String,
    pub action: String,
    pub kind: String,
    pub amount_fen: i64,
    pub percent: Option<i64>,
    pub offence_no: Option<i64>,
    pub co_penalty_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealRecordV1 {
    pub id: i64,
    /// `confirm`, `void` or `amend`.
    pub kind: String,
    pub incident: SealIncidentV1,
    pub offence_no: Option<i64>,
    pub supersedes: Option<i64>,
    pub reason: Option<String>,
    pub approved_by: i64,
    pub approved_at: i64,
    pub lines: Vec<SealLineV1>,
}

#[derive(Serialize)]
struct LinkV1<'a> {
    prev_hash: &'a str,
    record: &'a SealRecordV1,
}

/// A ledger record's link in the chain.
pub fn ledger_hash(prev_hash: &str, record: &SealRecordV1) -> String {
    digest(LEDGER_PREFIX, &LinkV1 { prev_hash, record })
}
