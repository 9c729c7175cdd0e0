//! 补充说明 (addenda) to a signed log, chained after the newest addendum and bound to the log's
//! first signature, and the views of a log's signatures and addenda. Apart from `sign.rs`: an
//! addendum is written after sign-off, by anyone running the team's logs.

use chrono::{DateTime, Utc};
use floordesk_domain::handover::Side;
use floordesk_domain::handover::item::check_text;
use floordesk_domain::handover::lead::LeadBasis;
use floordesk_domain::handover::seal::{SealAddendumV1, ZERO_HASH, addendum_hash};
use floordesk_domain::handover::sign::SignMode;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::PersonRef;
use super::record::{check_run, first_signature, log_row, user_person};
use crate::{Actor, Result, Store, from_ms, to_ms};

/// A signature as the page and the printed sheet show it (`hash_prefix`: the 校验码).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SignatureView {
    pub side: Side,
    pub mode: SignMode,
    pub signer: PersonRef,
    pub basis: LeadBasis,
    pub signed_at: DateTime<Utc>,
    pub override_reason: Option<String>,
    pub hash_prefix: String,
}

/// A 补充说明 to a signed log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AddendumView {
    pub id: i64,
    pub author: PersonRef,
    pub at: DateTime<Utc>,
    pub text: String,
    pub hash_prefix: String,
}

/// How many hex digits of a hash the page and the sheet print.
pub const HASH_PREFIX_LEN: usize = 12;

impl Store {
    /// 补充说明 to a signed log, by the operator: bound to the log's first signature and chained
    /// after the newest addendum; searchable. An open log is edited instead
    /// (`handover.not_signed`).
    pub fn add_handover_addendum(
        &mut self,
        log_id: i64,
        text: &str,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<i64> {
        let Some(user_id) = actor.user_id else {
            return Err(Problem::new(
                ErrorCode::AuthNotLoggedIn,
                "an addendum is written by a signed-in user",
            )
            .into());
        };
        let text = check_text("text", text)?;
        let log = log_row(self.conn(), log_id)?;
        check_run(&self.reach_of(actor)?, log.team_id, &log.team_name)?;
        self.write(|tx| {
            let Some((_, log_seal)) = first_signature(tx, log.id)? else {
                return Err(Problem::new(
                    ErrorCode::HandoverNotSigned,
                    "nobody has signed this log yet: change it directly",
                )
                .into());
            };
            let author = user_person(tx, user_id)?.person;
            let prev: String = tx
                .prepare_cached("SELECT hash FROM handover_addenda ORDER BY id DESC LIMIT 1")?
                .query_row([], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| ZERO_HASH.to_owned());
            let seal = SealAddendumV1 {
                log_id: log.id,
                author_employee_no: author.employee_no.clone(),
                author_name: author.name.clone(),
                at: to_ms(now),
                text: text.clone(),
            };
            let hash = addendum_hash(&prev, &log_seal, &seal);
            tx.prepare_cached(
                "INSERT INTO handover_addenda (log_id, author_user_id, author_employee_no,
                     author_name, at, text, log_seal, hash_version, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9)",
            )?
            .execute(params![
                log.id,
                user_id,
                seal.author_employee_no,
                seal.author_name,
                seal.at,
                seal.text,
                log_seal,
                prev,
                hash
            ])?;
            let id = tx.last_insert_rowid();
            tx.prepare_cached(
                "INSERT INTO handover_fts (rowid, body, addendum_id, log_id) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![-id, text, id, log.id])?;
            actor
                .audit(
                    "add",
                    "handover_addendum",
                    Some(id),
                    Some(format!("log {}", log.id)),
                )
                .record(tx)?;
            Ok(id)
        })
    }

    /// A log's signatures in chain order.
    pub fn handover_signatures_of(&self, log_id: i64) -> Result<Vec<SignatureView>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT side, mode, signer_employee_no, signer_name, basis, signed_at, override_reason,
                    hash
             FROM handover_signatures WHERE log_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([log_id], |r| {
            let side: String = r.get(0)?;
            let mode: String = r.get(1)?;
            let basis: String = r.get(4)?;
            let hash: String = r.get(7)?;
            Ok(SignatureView {
                side: Side::parse(&side).unwrap_or(Side::Outgoing),
                mode: SignMode::parse(&mode).unwrap_or(SignMode::FaceToFace),
                signer: PersonRef {
                    employee_no: r.get(2)?,
                    name: r.get(3)?,
                },
                basis: LeadBasis::parse(&basis).unwrap_or(LeadBasis::StandIn),
                signed_at: from_ms(r.get(5)?),
                override_reason: r.get(6)?,
                hash_prefix: hash.chars().take(HASH_PREFIX_LEN).collect(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A log's addenda, oldest first.
    pub fn handover_addenda_of(&self, log_id: i64) -> Result<Vec<AddendumView>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, author_employee_no, author_name, at, text, hash FROM handover_addenda
             WHERE log_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([log_id], |r| {
            let hash: String = r.get(5)?;
            Ok(AddendumView {
                id: r.get(0)?,
                author: PersonRef {
                    employee_no: r.get(1)?,
                    name: r.get(2)?,
                },
                at: from_ms(r.get(3)?),
                text: r.get(4)?,
                hash_prefix: hash.chars().take(HASH_PREFIX_LEN).collect(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
