//! Sign-off (交接签字): the two 交接班长 sign a log face to face, or the outgoing alone when the
//! shifts do not meet and the incoming receives it later (接班签收); the first signature writes the
//! snapshot, seals the content into the one signature chain, freezes the log and carries its open
//! items on. Later facts are addenda (补充说明) in a chain of their own. The rules are the
//! domain's (`plan_sign`, `plan_receipt`, `choose_lead`, `carry_target`); the design is
//! docs/design/handover.md §2, §3.2 and §5.2.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::access::Role;
use floordesk_domain::floor::AgentState;
use floordesk_domain::handover::carry::{LogFacts, carry_target, inherited_into, shifts_open};
use floordesk_domain::handover::item::{ItemEventKind, ItemStatus, check_text, fold_item, title};
use floordesk_domain::handover::lead::{LeadBasis, ShiftLead, signing_basis};
use floordesk_domain::handover::seal::{
    SealAddendumV1, SealSignatureV1, ZERO_HASH, addendum_hash, content_hash, signature_hash,
};
use floordesk_domain::handover::shift::{TeamShift, incoming_shift};
use floordesk_domain::handover::sign::{SignFacts, SignMode, Span, plan_receipt, plan_sign};
use floordesk_domain::handover::{INCOMING_HORIZON_DAYS, Side};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::items::{load_item, refresh_index};
use super::leads::lead_of;
use super::logs::{
    LogRow, check_run, log_by_key, log_row, logs_between, open_log, policy_in, site_tz,
    team_shifts_in,
};
use super::roll_call::sync_roll_call;
use super::{LogKey, PersonRef};
use crate::error::not_found;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

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

/// A user as a signature or addendum names them: 工号, name (the agent's when they are one), role.
struct SignerRow {
    person: PersonRef,
    role: Role,
}

fn signer_row(conn: &Connection, user_id: i64) -> Result<SignerRow> {
    conn.prepare_cached(
        "SELECT coalesce(a.employee_no, u.own_employee_no), coalesce(a.name, u.display_name), u.role
         FROM users u LEFT JOIN agents a ON a.id = u.agent_id WHERE u.id = ?1",
    )?
    .query_row([user_id], |r| {
        let role: String = r.get(2)?;
        Ok(SignerRow {
            person: PersonRef {
                employee_no: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                name: r.get(1)?,
            },
            role: Role::parse(&role).unwrap_or(Role::Agent),
        })
    })
    .optional()?
    .ok_or_else(|| not_found("user", user_id))
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

/// The log as the team shift `incoming_shift` compares (the heading copied at opening).
fn as_shift(log: &LogRow) -> TeamShift {
    TeamShift {
        team_id: log.team_id,
        date: log.date,
        key: log.shift_key.clone(),
        name: log.shift_name.clone(),
        start: log.start,
        end: log.end,
        members: Vec::new(),
    }
}

/// The team's next shift after the log, within the incoming horizon.
fn incoming_of(conn: &Connection, log: &LogRow) -> Result<Option<TeamShift>> {
    let last = log.date + Duration::days(INCOMING_HORIZON_DAYS as i64);
    let shifts = team_shifts_in(conn, Some(log.team_id), log.date, last)?;
    Ok(incoming_shift(&as_shift(log), &shifts).cloned())
}

/// The first signature of a log: (incoming log it named, hash), if signed.
fn first_signature(conn: &Connection, log_id: i64) -> Result<Option<(Option<i64>, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT incoming_log_id, hash FROM handover_signatures WHERE log_id = ?1
             ORDER BY id LIMIT 1",
        )?
        .query_row([log_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Carry-over facts of the team's logs around `log` (a week either side): a signed log links
/// to the incoming log its first signature named; an open one to its incoming shift's log if
/// that is opened.
fn team_log_facts(conn: &Connection, log: &LogRow) -> Result<HashMap<i64, LogFacts>> {
    let days = Duration::days(INCOMING_HORIZON_DAYS as i64 + 1);
    let logs = logs_between(conn, Some(log.team_id), log.date - days, log.date + days)?;
    let shifts = team_shifts_in(
        conn,
        Some(log.team_id),
        log.date - days,
        log.date + days + days,
    )?;
    let mut facts = HashMap::new();
    for l in &logs {
        let incoming = match first_signature(conn, l.id)? {
            Some((incoming, _)) => incoming,
            None => match incoming_shift(&as_shift(l), &shifts) {
                Some(s) => log_by_key(
                    conn,
                    &LogKey {
                        team_id: s.team_id,
                        date: s.date,
                        shift: s.key.clone(),
                    },
                )?
                .map(|x| x.id),
                None => None,
            },
        };
        facts.insert(
            l.id,
            LogFacts {
                id: l.id,
                end: l.end,
                signed: l.signed,
                incoming,
            },
        );
    }
    Ok(facts)
}

/// Ids of the items with an event in `log_id`.
fn items_touching(conn: &Connection, log_id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT item_id FROM handover_item_events WHERE log_id = ?1 OR from_log_id = ?1
             ORDER BY item_id",
        )?
        .query_map([log_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// One snapshot row to write, and where the item goes after the signature.
struct Shown {
    item_id: i64,
    kind: String,
    title: String,
    fields: String,
    status: ItemStatus,
    outcome: Option<String>,
    shifts_open: u32,
    touched_by: String,
    not_handed_over: bool,
    last_event_id: i64,
    carried_to: Option<i64>,
    /// Carry it now (an open item still in this log or shown here by inheritance): from where.
    carry_from: Option<i64>,
    open_queries: usize,
}

/// The items the log shows at its sign-off, as the snapshot records them: its own (current
/// here), the open ones inherited from earlier logs, and those a later sign-off already moved
/// on as 未交接 (folded up to their last event while here).
fn shown_items(
    conn: &Connection,
    log: &LogRow,
    facts: &HashMap<i64, LogFacts>,
    now: DateTime<Utc>,
) -> Result<Vec<Shown>> {
    let tz = site_tz(conn)?;
    let target = carry_target(log.id, facts);
    let all: Vec<LogFacts> = facts.values().cloned().collect();
    let mut wanted = items_touching(conn, log.id)?;
    let inherited = inherited_into(log.id, &all, now);
    for (from, _) in &inherited {
        wanted.extend(items_touching(conn, *from)?);
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = Vec::new();
    for id in wanted {
        let item = load_item(conn, id)?;
        let n = &item.now;
        let row = |now_: &floordesk_domain::handover::item::ItemNow,
                   not_handed_over: bool,
                   carried_to: Option<i64>,
                   carry_from: Option<i64>|
         -> Result<Shown> {
            Ok(Shown {
                item_id: id,
                kind: now_.kind.as_str().to_owned(),
                title: title(&now_.fields, tz),
                fields: serde_json::to_string(&now_.fields).map_err(|e| {
                    StoreError::from(Problem::new(
                        ErrorCode::Internal,
                        format!("cannot write the fields: {e}"),
                    ))
                })?,
                status: now_.status,
                outcome: now_.outcome.clone(),
                shifts_open: shifts_open(&now_.placements, Some(log.id)),
                touched_by: now_.touched_by.join(","),
                not_handed_over,
                last_event_id: now_.last_event_id,
                carried_to,
                carry_from,
                open_queries: now_.open_queries.len(),
            })
        };
        if n.current_log == log.id {
            // How it came here: the last event that placed it in this log.
            let arrival = item.events.iter().rev().find(|e| {
                e.event.log_id == log.id
                    && matches!(
                        e.event.kind,
                        ItemEventKind::Created
                            | ItemEventKind::Carried
                            | ItemEventKind::HandedToTeam
                    )
            });
            let not_handed_over = arrival.is_some_and(|e| e.event.not_handed_over);
            let open = n.status == ItemStatus::Open;
            let to = if open { target } else { None };
            out.push(row(n, not_handed_over, to, to.map(|_| log.id))?);
        } else if let Some((_, past_unsigned)) = inherited
            .iter()
            .find(|(from, _)| *from == n.current_log)
            .filter(|_| n.status == ItemStatus::Open)
        {
            out.push(row(
                n,
                *past_unsigned,
                target,
                target.map(|_| n.current_log),
            )?);
        } else if let Some(at) = item.events.iter().position(|e| {
            e.event.kind == ItemEventKind::Carried
                && e.event.from_log_id == Some(log.id)
                && e.event.not_handed_over
        }) {
            // A later sign-off moved it on while nobody had signed this log: the snapshot holds
            // it as it stood here; it is not carried twice.
            let plain: Vec<_> = item.events[..at].iter().map(|e| e.event.clone()).collect();
            let then = fold_item(&item.identity, &plain)?;
            let to = Some(item.events[at].event.log_id);
            let mut shown = row(&then, true, to, None)?;
            // Its queries, if any, went on with it.
            shown.open_queries = 0;
            out.push(shown);
        }
    }
    Ok(out)
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

/// Members of a shift by 工号: (name, signed in at `now`: their latest state is not signed out).
fn members_signed_in(
    conn: &Connection,
    members: &[String],
    now: DateTime<Utc>,
) -> Result<(Vec<String>, usize)> {
    let mut names = Vec::new();
    let mut signed_in = 0;
    for no in members {
        let row: Option<(i64, String)> = conn
            .prepare_cached("SELECT id, name FROM agents WHERE employee_no = ?1")?
            .query_row([no], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((agent_id, name)) = row else {
            continue;
        };
        names.push(name);
        let state: Option<String> = conn
            .prepare_cached(
                "SELECT state FROM state_events WHERE agent_id = ?1 AND at <= ?2
                 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row(params![agent_id, to_ms(now)], |r| r.get(0))
            .optional()?;
        if state
            .as_deref()
            .and_then(AgentState::parse)
            .is_some_and(|s| s != AgentState::SignedOut)
        {
            signed_in += 1;
        }
    }
    Ok((names, signed_in))
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
            let outgoing_signer = signer_row(tx, input.outgoing.user_id)?;
            let outgoing_lead = lead_of(tx, &log.key(), now)?;
            let outgoing_basis =
                signing_basis(&outgoing_lead, input.outgoing.user_id, outgoing_signer.role)
                    .ok_or_else(|| not_lead(&outgoing_signer.person.name, Side::Outgoing))?;
            let incoming_signer = match &input.incoming {
                Some(signer) => {
                    let row = signer_row(tx, signer.user_id)?;
                    let lead = match &incoming_log {
                        Some(l) => lead_of(tx, &l.key(), now)?,
                        None => ShiftLead::StandIn,
                    };
                    let basis = signing_basis(&lead, signer.user_id, row.role)
                        .ok_or_else(|| not_lead(&row.person.name, Side::Incoming))?;
                    Some((signer.user_id, row, basis))
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
            let (incoming_names, incoming_signed_in) = match &incoming {
                Some(s) => members_signed_in(tx, &s.members, now)?,
                None => (Vec::new(), 0),
            };
            let operator = match actor.user_id {
                Some(id) => Some(signer_row(tx, id)?),
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
                outgoing_signer: Some(input.outgoing.user_id),
                incoming_signer: input.incoming.as_ref().map(|s| s.user_id),
                open_queries,
                incoming_names: &incoming_names,
                incoming_signed_in,
                override_reason: input.override_reason.as_deref(),
                may_override: supervisor.is_some(),
            })?;
            // 6. the snapshot.
            for s in &shown {
                tx.prepare_cached(
                    "INSERT INTO handover_log_items (log_id, item_id, kind, title, fields, status,
                         outcome, shifts_open, touched_by, not_handed_over, last_event_id,
                         carried_to_log_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )?
                .execute(params![
                    log.id,
                    s.item_id,
                    s.kind,
                    s.title,
                    s.fields,
                    s.status.as_str(),
                    s.outcome,
                    s.shifts_open,
                    s.touched_by,
                    s.not_handed_over,
                    s.last_event_id,
                    s.carried_to,
                ])?;
            }
            // 7. what the signatures cover.
            let content = current_content_hash(tx, log.id)?;
            // 8. the signatures, chained.
            let reason = plan
                .overridden
                .then(|| input.override_reason.as_deref().map(str::trim))
                .flatten()
                .map(str::to_owned);
            for (side, mode) in &plan.signatures {
                let (user_id, signer, basis) = match side {
                    Side::Outgoing => (
                        input.outgoing.user_id,
                        &outgoing_signer.person,
                        outgoing_basis,
                    ),
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
            for s in &shown {
                let (Some(to), Some(from)) = (s.carried_to, s.carry_from) else {
                    continue;
                };
                tx.prepare_cached(
                    "INSERT INTO handover_item_events (item_id, log_id, at, kind, from_log_id,
                         not_handed_over)
                     VALUES (?1, ?2, ?3, 'carried', ?4, ?5)",
                )?
                .execute(params![
                    s.item_id,
                    to,
                    to_ms(now),
                    from,
                    s.not_handed_over
                ])?;
                refresh_index(tx, s.item_id)?;
                actor
                    .audit(
                        "carry",
                        "handover_item",
                        Some(s.item_id),
                        Some(format!("log {from} → log {to}")),
                    )
                    .record(tx)?;
            }
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
            let row = signer_row(tx, signer.user_id)?;
            if on_record.iter().any(|s| s.2 == signer.user_id) {
                return Err(Problem::new(
                    ErrorCode::HandoverSameSigner,
                    "Nobody signs both sides of one handover",
                )
                .into());
            }
            let lead = lead_of(tx, &incoming_log.key(), now)?;
            let basis = signing_basis(&lead, signer.user_id, row.role)
                .ok_or_else(|| not_lead(&row.person.name, Side::Incoming))?;
            let content = current_content_hash(tx, log.id)?;
            insert_signature(
                tx,
                NewSignature {
                    log_id: log.id,
                    side: Side::Incoming,
                    mode: SignMode::Received,
                    user_id: signer.user_id,
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
            let author = signer_row(tx, user_id)?.person;
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
