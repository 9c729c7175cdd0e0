//! Sign-off (交接签字): the two 交接班长 sign a log face to face, or the outgoing alone when the
//! shifts do not meet and the incoming receives it later (接班签收); the first signature writes the
//! snapshot, seals the content into the one signature chain, freezes the log and carries its open
//! items on. What the snapshot shows and the carry-over are `snapshot.rs`; addenda (补充说明) and
//! the signature views are `addenda.rs`. The rules are the domain's (`plan_sign`,
//! `plan_receipt`, `choose_lead`, `carry_target`); the design is docs/design/handover.md §2, §3.2
//! and §5.2.

use chrono::{DateTime, Utc};
use floordesk_domain::access::Role;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::item::ItemStatus;
use floordesk_domain::handover::lead::{LeadBasis, ShiftLead, signing_basis};
use floordesk_domain::handover::seal::{SealSignatureV1, ZERO_HASH, content_hash, signature_hash};
use floordesk_domain::handover::sign::{SignFacts, SignMode, Span, plan_receipt, plan_sign};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

pub use super::addenda::{AddendumView, HASH_PREFIX_LEN, SignatureView};
use super::leads::lead_of;
use super::logs::open_log;
use super::record::{log_row, members_signed_in, policy_in, user_person};
use super::roll_call::sync_roll_call;
use super::snapshot::{carry_on, incoming_of, shown_items, team_log_facts, write_snapshot};
use super::{LogKey, PersonRef};
use crate::error::not_found;
use crate::{Actor, Result, Store, StoreError, to_ms};

/// Who signs: a user and the PIN they typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Signer {
    pub user_id: i64,
    pub pin: String,
}

/// A sign-off as the dialog sends it: the outgoing 交接班长, the incoming one when present (face
/// to face), and a supervisor's reason when nobody of the incoming shift is signed in yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SignInput {
    pub log_id: i64,
    pub outgoing: Signer,
    pub incoming: Option<Signer>,
    pub override_reason: Option<String>,
}

/// A sign-off's signers by user id, already authenticated (their PINs checked, or trusted).
pub(crate) struct Signers<'a> {
    pub log_id: i64,
    pub outgoing: i64,
    pub incoming: Option<i64>,
    pub override_reason: Option<&'a str>,
}

fn is_supervisor(role: Role) -> bool {
    matches!(role, Role::Supervisor | Role::Manager)
}

/// Adds `side` to a refusal (a wrong PIN, a lockout) so the dialog knows whose PIN it was.
fn with_side(err: StoreError, side: Side) -> StoreError {
    match err {
        StoreError::Problem(p) => StoreError::Problem(p.with("side", side.as_str())),
        other => other,
    }
}

fn not_lead(name: &str, side: Side) -> StoreError {
    Problem::new(
        ErrorCode::HandoverNotLead,
        format!(
            "{name} is not the {} 交接班长 and may not sign",
            side.as_str()
        ),
    )
    .with("name", name)
    .with("side", side.as_str())
    .into()
}

fn newest_signature_hash(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT hash FROM handover_signatures ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| ZERO_HASH.to_owned()))
}

/// One signature to write.
struct NewSignature<'a> {
    log_id: i64,
    side: Side,
    mode: SignMode,
    user_id: i64,
    signer: &'a PersonRef,
    basis: LeadBasis,
    override_reason: Option<String>,
    override_by: Option<String>,
    incoming_log_id: Option<i64>,
    content_hash: &'a str,
}

/// Chains and inserts a signature and its audit row; returns its id.
fn insert_signature(
    tx: &Transaction<'_>,
    s: NewSignature<'_>,
    now: DateTime<Utc>,
    actor: Actor,
) -> Result<i64> {
    let prev = newest_signature_hash(tx)?;
    let seal = SealSignatureV1 {
        log_id: s.log_id,
        side: s.side.as_str().to_owned(),
        mode: s.mode.as_str().to_owned(),
        signer_employee_no: s.signer.employee_no.clone(),
        signer_name: s.signer.name.clone(),
        basis: s.basis.as_str().to_owned(),
        override_reason: s.override_reason,
        override_by_employee_no: s.override_by,
        incoming_log_id: s.incoming_log_id,
        signed_at: to_ms(now),
    };
    let hash = signature_hash(&prev, s.content_hash, &seal);
    tx.prepare_cached(
        "INSERT INTO handover_signatures (log_id, side, mode, signer_user_id, signer_employee_no,
             signer_name, basis, override_reason, override_by_employee_no, incoming_log_id,
             signed_at, hash_version, content_hash, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13, ?14)",
    )?
    .execute(params![
        seal.log_id,
        seal.side,
        seal.mode,
        s.user_id,
        seal.signer_employee_no,
        seal.signer_name,
        seal.basis,
        seal.override_reason,
        seal.override_by_employee_no,
        seal.incoming_log_id,
        seal.signed_at,
        s.content_hash,
        prev,
        hash,
    ])?;
    let id = tx.last_insert_rowid();
    actor
        .audit(
            "sign",
            "handover_signature",
            Some(id),
            Some(format!(
                "log {} {} {} {}",
                s.log_id, seal.side, seal.mode, seal.signer_employee_no
            )),
        )
        .record(tx)?;
    Ok(id)
}

/// The content hash of the log as it stands (what a signature now covers).
fn current_content_hash(conn: &Connection, log_id: i64) -> Result<String> {
    let content =
        super::seal::content(conn, log_id)?.ok_or_else(|| not_found("handover_log", log_id))?;
    Ok(content_hash(&content))
}

impl Store {
    /// Signs a log off (交接签字), §5.2: the PINs first (a wrong one counts toward the lockout and
    /// names its `side`), then in one transaction the roll call re-read, the incoming log opened
    /// if needed, both leads checked, the plan (`plan_sign`), the snapshot, the chained
    /// signature(s) and the carry-over of every open item shown. Returns the log id.
    pub fn sign_handover(
        &mut self,
        input: &SignInput,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<i64> {
        self.authenticate(input.outgoing.user_id, &input.outgoing.pin, now)
            .map_err(|e| with_side(e, Side::Outgoing))?;
        if let Some(incoming) = &input.incoming {
            self.authenticate(incoming.user_id, &incoming.pin, now)
                .map_err(|e| with_side(e, Side::Incoming))?;
        }
        self.sign_trusted(
            &Signers {
                log_id: input.log_id,
                outgoing: input.outgoing.user_id,
                incoming: input.incoming.as_ref().map(|s| s.user_id),
                override_reason: input.override_reason.as_deref(),
            },
            now,
            actor,
        )
    }

    /// [`Store::sign_handover`] after the PINs: its one transaction, for signers whose PINs were
    /// checked or who are trusted. The demo's week of handovers signs through here (argon2 on
    /// every signature would slow it by seconds; docs/design/handover.md §14.14).
    pub(crate) fn sign_trusted(
        &mut self,
        input: &Signers<'_>,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<i64> {
        let log_id = input.log_id;
        self.write(|tx| {
            // 1. frozen?
            let log = log_row(tx, log_id)?;
            log.refuse_signed()?;
            // 2. the roll call as the floor reads it now (corrections stay).
            sync_roll_call(tx, &log, now)?;
            // 3. the incoming shift and its log.
            let policy = policy_in(tx, now)?;
            let incoming = incoming_of(tx, &log)?;
            let incoming_log = match &incoming {
                Some(s) => {
                    let key = LogKey {
                        team_id: s.team_id,
                        date: s.date,
                        shift: s.key.clone(),
                    };
                    let (id, _) = open_log(
                        tx,
                        &key,
                        Actor {
                            user_id: actor.user_id,
                            at: now,
                        },
                    )?;
                    let row = log_row(tx, id)?;
                    if !row.signed {
                        sync_roll_call(tx, &row, now)?;
                    }
                    Some(row)
                }
                None => None,
            };
            // 4. leads.
            let outgoing_signer = user_person(tx, input.outgoing)?;
            let outgoing_lead = lead_of(tx, &log.key(), now)?;
            let outgoing_basis =
                signing_basis(&outgoing_lead, input.outgoing, outgoing_signer.role)
                    .ok_or_else(|| not_lead(&outgoing_signer.person.name, Side::Outgoing))?;
            let incoming_signer = match input.incoming {
                Some(user_id) => {
                    let row = user_person(tx, user_id)?;
                    let lead = match &incoming_log {
                        Some(l) => lead_of(tx, &l.key(), now)?,
                        None => ShiftLead::StandIn,
                    };
                    let basis = signing_basis(&lead, user_id, row.role)
                        .ok_or_else(|| not_lead(&row.person.name, Side::Incoming))?;
                    Some((user_id, row, basis))
                }
                None => None,
            };
            // 5. what the log shows, the incoming shift's floor, the plan.
            let mut facts = team_log_facts(tx, &log)?;
            if let Some(f) = facts.get_mut(&log.id) {
                f.incoming = incoming_log.as_ref().map(|l| l.id);
            }
            let shown = shown_items(tx, &log, &facts, now)?;
            let open_queries: usize = shown
                .iter()
                .filter(|s| s.status == ItemStatus::Open)
                .map(|s| s.open_queries)
                .sum();
            let members = match &incoming {
                Some(s) => members_signed_in(tx, &s.members, now)?,
                None => Vec::new(),
            };
            let incoming_names: Vec<String> = members.iter().map(|m| m.0.name.clone()).collect();
            let incoming_signed_in = members.iter().filter(|m| m.1).count();
            let operator = match actor.user_id {
                Some(id) => Some(user_person(tx, id)?),
                None => None,
            };
            let supervisor = operator
                .iter()
                .chain(std::iter::once(&outgoing_signer))
                .chain(incoming_signer.iter().map(|(_, r, _)| r))
                .find(|r| is_supervisor(r.role))
                .map(|r| r.person.employee_no.clone());
            let signed = [];
            let plan = plan_sign(&SignFacts {
                now,
                policy: &policy,
                outgoing: Span {
                    start: log.start,
                    end: log.end,
                },
                incoming: incoming.as_ref().map(|s| Span {
                    start: s.start,
                    end: s.end,
                }),
                signed: &signed,
                outgoing_signer: Some(input.outgoing),
                incoming_signer: input.incoming,
                open_queries,
                incoming_names: &incoming_names,
                incoming_signed_in,
                override_reason: input.override_reason,
                may_override: supervisor.is_some(),
            })?;
            // 6. the snapshot.
            write_snapshot(tx, log.id, &shown)?;
            // 7. what the signatures cover.
            let content = current_content_hash(tx, log.id)?;
            // 8. the signatures, chained.
            let reason = plan
                .overridden
                .then(|| input.override_reason.map(str::trim))
                .flatten()
                .map(str::to_owned);
            for (side, mode) in &plan.signatures {
                let (user_id, signer, basis) = match side {
                    Side::Outgoing => (input.outgoing, &outgoing_signer.person, outgoing_basis),
                    Side::Incoming => {
                        let Some((id, row, basis)) = &incoming_signer else {
                            continue;
                        };
                        (*id, &row.person, *basis)
                    }
                };
                let overriding = *side == Side::Outgoing && reason.is_some();
                insert_signature(
                    tx,
                    NewSignature {
                        log_id: log.id,
                        side: *side,
                        mode: *mode,
                        user_id,
                        signer,
                        basis,
                        override_reason: reason.clone().filter(|_| overriding),
                        override_by: supervisor.clone().filter(|_| overriding),
                        incoming_log_id: incoming_log.as_ref().map(|l| l.id),
                        content_hash: &content,
                    },
                    now,
                    actor,
                )?;
            }
            // 9. carry the open items on.
            carry_on(tx, &shown, now, actor)?;
            Ok(log.id)
        })
    }

    /// 接班签收: the incoming 交接班长 receives a log the outgoing signed alone, from the incoming
    /// shift's roll-call time on; the signature covers the same content.
    pub fn receive_handover(
        &mut self,
        log_id: i64,
        signer: &Signer,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<()> {
        self.authenticate(signer.user_id, &signer.pin, now)
            .map_err(|e| with_side(e, Side::Incoming))?;
        self.receive_trusted(log_id, signer.user_id, now, actor)
    }

    /// [`Store::receive_handover`] after the PIN: its one transaction, for a signer whose PIN was
    /// checked or who is trusted (the demo's receipts).
    pub(crate) fn receive_trusted(
        &mut self,
        log_id: i64,
        user_id: i64,
        now: DateTime<Utc>,
        actor: Actor,
    ) -> Result<()> {
        self.write(|tx| {
            let log = log_row(tx, log_id)?;
            let mut stmt = tx.prepare_cached(
                "SELECT side, mode, signer_user_id, incoming_log_id FROM handover_signatures
                 WHERE log_id = ?1 ORDER BY id",
            )?;
            let on_record = stmt
                .query_map([log.id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let signed: Vec<(Side, SignMode)> = on_record
                .iter()
                .filter_map(|(side, mode, _, _)| Some((Side::parse(side)?, SignMode::parse(mode)?)))
                .collect();
            let incoming_log = match on_record.first().and_then(|s| s.3) {
                Some(id) => Some(log_row(tx, id)?),
                None => None,
            };
            let policy = policy_in(tx, now)?;
            plan_receipt(
                now,
                &policy,
                incoming_log.as_ref().map(|l| Span {
                    start: l.start,
                    end: l.end,
                }),
                &signed,
            )?;
            let Some(incoming_log) = incoming_log else {
                return Err(not_found("handover_log", log.id));
            };
            if !incoming_log.signed {
                sync_roll_call(tx, &incoming_log, now)?;
            }
            let row = user_person(tx, user_id)?;
            if on_record.iter().any(|s| s.2 == user_id) {
                return Err(Problem::new(
                    ErrorCode::HandoverSameSigner,
                    "Nobody signs both sides of one handover",
                )
                .into());
            }
            let lead = lead_of(tx, &incoming_log.key(), now)?;
            let basis = signing_basis(&lead, user_id, row.role)
                .ok_or_else(|| not_lead(&row.person.name, Side::Incoming))?;
            let content = current_content_hash(tx, log.id)?;
            insert_signature(
                tx,
                NewSignature {
                    log_id: log.id,
                    side: Side::Incoming,
                    mode: SignMode::Received,
                    user_id,
                    signer: &row.person,
                    basis,
                    override_reason: None,
                    override_by: None,
                    incoming_log_id: Some(incoming_log.id),
                    content_hash: &content,
                },
                now,
                actor,
            )?;
            Ok(())
        })
    }
}
