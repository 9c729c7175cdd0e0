//! The seal (hash version 1): SHA-256 over a prefix line and the canonical JSON of the structs
//! below, lowercase hex. Signatures form one chain, addenda another. The structs ARE the
//! canonical form (serde_json writes fields in declaration order): never rename, reorder or
//! retype a field — a change is a V2 with its own prefix, chosen by the row's `hash_version`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What the first link of a chain names as its predecessor.
pub const ZERO_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const CONTENT_PREFIX: &[u8] = b"floordesk/handover-content/v1\n";
const SIGNATURE_PREFIX: &[u8] = b"floordesk/handover-signature/v1\n";
const ADDENDUM_PREFIX: &[u8] = b"floordesk/handover-addendum/v1\n";

/// Everything a signature covers, read from the tables as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealContentV1 {
    pub log: SealLogV1,
    /// Sorted by employee_no.
    pub roll_call: Vec<SealRollCallV1>,
    /// The snapshot rows, sorted by item_id.
    pub items: Vec<SealItemV1>,
    /// Every event of those items up to each row's last_event_id, sorted by id.
    pub events: Vec<SealEventV1>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealLogV1 {
    pub id: i64,
    pub team_id: i64,
    pub team_name: String,
    pub shift_date: String,
    pub shift_key: String,
    pub shift_name: String,
    pub shift_start: i64,
    pub shift_end: i64,
    pub opened_at: i64,
    pub opened_by_employee_no: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealRollCallV1 {
    pub employee_no: String,
    pub name: String,
    pub rostered: bool,
    pub status: String,
    pub late_min: Option<i64>,
    pub notified: bool,
    pub pending: bool,
    pub arrived_at: Option<i64>,
    pub seat_code: Option<String>,
    pub note: Option<String>,
    pub corrected_at: Option<i64>,
    pub corrected_by_employee_no: Option<String>,
}

/// An item's identity row joined with its snapshot row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealItemV1 {
    pub item_id: i64,
    pub kind: String,
    pub origin_log_id: i64,
    pub author_employee_no: Option<String>,
    pub created_at: i64,
    pub title: String,
    /// The stored JSON text itself, never re-serialised.
    pub fields: String,
    pub status: String,
    pub outcome: Option<String>,
    pub shifts_open: i64,
    pub touched_by: String,
    pub not_handed_over: bool,
    pub last_event_id: i64,
    pub carried_to_log_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealEventV1 {
    pub id: i64,
    pub item_id: i64,
    pub log_id: i64,
    pub at: i64,
    pub by_employee_no: Option<String>,
    pub by_name: Option<String>,
    pub kind: String,
    pub side: Option<String>,
    pub text: Option<String>,
    /// The stored JSON text itself, never re-serialised.
    pub fields: Option<String>,
    pub ref_event_id: Option<i64>,
    pub from_log_id: Option<i64>,
    pub to_team_name: Option<String>,
    pub not_handed_over: bool,
}

/// A signature row without its id: `(log_id, side)` is unique and the chain fixes the order, so
/// the hash is known before the row is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealSignatureV1 {
    pub log_id: i64,
    pub side: String,
    pub mode: String,
    pub signer_employee_no: String,
    pub signer_name: String,
    pub basis: String,
    pub override_reason: Option<String>,
    pub override_by_employee_no: Option<String>,
    pub incoming_log_id: Option<i64>,
    pub signed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealAddendumV1 {
    pub log_id: i64,
    pub author_employee_no: String,
    pub author_name: String,
    pub at: i64,
    pub text: String,
}

#[derive(Serialize)]
struct SignatureLinkV1<'a> {
    prev_hash: &'a str,
    content_hash: &'a str,
    signature: &'a SealSignatureV1,
}

#[derive(Serialize)]
struct AddendumLinkV1<'a> {
    prev_hash: &'a str,
    log_seal: &'a str,
    addendum: &'a SealAddendumV1,
}

pub(crate) fn digest(prefix: &[u8], value: &impl Serialize) -> String {
    // The V1 structs hold strings, integers, booleans and lists only: serialising cannot fail.
    let json = serde_json::to_vec(value).expect("a seal payload serialises");
    let mut hasher = Sha256::new();
    hasher.update(prefix);
    hasher.update(&json);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash of what a log's signatures cover.
pub fn content_hash(content: &SealContentV1) -> String {
    digest(CONTENT_PREFIX, content)
}

/// A signature's link in the chain: its predecessor, the content it signs, and who signed how.
pub fn signature_hash(prev_hash: &str, content_hash: &str, signature: &SealSignatureV1) -> String {
    digest(
        SIGNATURE_PREFIX,
        &SignatureLinkV1 {
            prev_hash,
            content_hash,
            signature,
        },
    )
}

/// An addendum's link in its chain, bound to the log's first signature (`log_seal`).
pub fn addendum_hash(prev_hash: &str, log_seal: &str, addendum: &SealAddendumV1) -> String {
    digest(
        ADDENDUM_PREFIX,
        &AddendumLinkV1 {
            prev_hash,
            log_seal,
            addendum,
        },
    )
}
