//! Recording an incident as `plan.rs` resolves it: proposed (a lead's entry), or confirmed by a
//! supervisor (the proposal, or a change with a reason; the warnings accepted), which writes the
//! ledger; an import's rows in one transaction; and the person's acknowledgement.

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::access::Permission;
use floordesk_domain::incidents::Line;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::ledger::{self, PreviewLine, check_lines};
pub use super::plan::{CapWarning, IncidentInput, IncidentPreview, IncidentStatus, PriorOffence};
use super::plan::{Plan, PlanOptions, plan, trimmed};
use super::site_tz;
use crate::audit::Audit;
use crate::scores::people::person_by_key;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IncidentSource {
    App,
    Board,
    Import,
    Demo,
    Scores,
}

impl IncidentSource {
    fn as_str(self) -> &'static str {
        match self {
            IncidentSource::App => "app",
            IncidentSource::Board => "board",
            IncidentSource::Import => "import",
            IncidentSource::Demo => "demo",
            IncidentSource::Scores => "scores",
        }
    }
}

/// The supervisor's decision on a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct Confirmation {
    /// The offender's own lines, when changed from the proposal (a reason is then required).
    pub lines: Option<Vec<Line>>,
    pub reason: Option<String>,
    /// Confirm although confirmed offences would be renumbered.
    pub accept_renumber: bool,
    /// Confirm although the month's deductions pass the legal cap.
    pub accept_over_cap: bool,
}

/// How the person answers a confirmed record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum AckMode {
    /// With their own PIN.
    Signed { pin: String },
    /// 拒签: refused, witnessed by a lead with their PIN.
    Refused {
        witness_user_id: i64,
        witness_pin: String,
    },
}

/// An incident as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IncidentRow {
    pub id: i64,
    pub ts: DateTime<Utc>,
    pub local_date: NaiveDate,
    pub employee_no: Option<String>,
    pub name: Option<String>,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub rule_code: String,
    pub rule_name_zh: String,
    pub rule_name_en: String,
    pub rule_version_id: i64,
    pub severity: Option<u8>,
    pub quantity: u32,
    pub item_code: Option<String>,
    pub item_price_fen: Option<i64>,
    pub co_employee_no: Option<String>,
    pub place: Option<String>,
    pub witness: Option<String>,
    pub note: Option<String>,
    pub alert_ref: Option<String>,
    pub source: IncidentSource,
    pub status: IncidentStatus,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by_name: Option<String>,
    /// The record in force (confirmation or appeal change); none while proposed or once voided.
    pub record_id: Option<i64>,
    pub offence_no: Option<u32>,
    /// The record's lines in force (or, voided, the last ones), with co-penalties.
    pub lines: Vec<PreviewLine>,
    pub acknowledged: Option<AckView>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AckView {
    pub signed: bool,
    pub at: DateTime<Utc>,
    pub witness_name: Option<String>,
}

/// What recording a new `input` would do, by the book and the person's history.
fn plan_new(conn: &Connection, input: &IncidentInput) -> Result<Plan> {
    plan(
        conn,
        input,
        &PlanOptions {
            existing: None,
            override_lines: None,
        },
    )
}

/// Records a new incident and confirms it at once, inside a write.
pub(crate) fn record_and_confirm_in(
    tx: &Transaction<'_>,
    input: &IncidentInput,
    source: IncidentSource,
    confirmation: &Confirmation,
    approver: i64,
    actor: Actor,
) -> Result<(i64, i64)> {
    let plan = plan_new(tx, input)?;
    let id = insert_incident(tx, input, &plan, source, actor)?;
    let record = confirm_in(tx, id, confirmation, approver, actor.at)?;
    Ok((id, record))
}

fn insert_incident(
    tx: &Transaction<'_>,
    input: &IncidentInput,
    plan: &Plan,
    source: IncidentSource,
    actor: Actor,
) -> Result<i64> {
    if !plan.body.importable && source != IncidentSource::Scores {
        return Err(Problem::new(
            ErrorCode::IncidentsNotImportable,
            format!("rule {} is written by the product alone", plan.body.code),
        )
        .with("code", &plan.body.code)
        .into());
    }
    if let Some(alert_ref) = trimmed(&input.alert_ref) {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM incidents WHERE alert_ref = ?1)",
            [&alert_ref],
            |r| r.get(0),
        )?;
        if taken {
            let tz = site_tz(tx)?;
            return Err(Problem::new(
                ErrorCode::IncidentsDuplicate,
                format!("the alert {alert_ref} is already recorded"),
            )
            .with("ts", input.ts.with_timezone(&tz).format("%Y-%m-%d %H:%M"))
            .with("employee_no", input.employee_no.clone().unwrap_or_default())
            .with("rule", &plan.body.code)
            .into());
        }
    }
    tx.prepare_cached(
        "INSERT INTO incidents (ts, local_date, person, employee_no, name, team_id, rule_id, rule_version_id,
             rule_code, severity, quantity, item_code, item_price_fen, stated_fen, co_person, co_employee_no,
             place, witness, note, alert_ref, source, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
    )?
    .execute(params![
        to_ms(input.ts),
        plan.local_date.to_string(),
        plan.offender.as_ref().map(|p| &p.person),
        plan.offender.as_ref().map(|p| &p.employee_no),
        plan.offender.as_ref().map(|p| &p.name),
        plan.team_id,
        plan.rule_id,
        plan.version_id,
        plan.body.code,
        plan.facts.severity,
        plan.facts.quantity,
        plan.item_code,
        plan.facts.list_price_fen,
        plan.facts.stated_fen,
        plan.co.as_ref().map(|p| &p.person),
        plan.co.as_ref().map(|p| &p.employee_no),
        trimmed(&input.place),
        trimmed(&input.witness),
        trimmed(&input.note),
        trimmed(&input.alert_ref),
        source.as_str(),
        to_ms(actor.at),
        actor.user_id,
    ])?;
    let id = tx.last_insert_rowid();
    Audit {
        at_ms: to_ms(actor.at),
        user_id: actor.user_id,
        action: "record",
        entity: "incident",
        entity_id: Some(id),
        detail: Some(format!(
            "{} {} {}",
            plan.local_date,
            plan.offender
                .as_ref()
                .map_or("-", |p| p.employee_no.as_str()),
            plan.body.code
        )),
    }
    .record(tx)?;
    Ok(id)
}

/// The input an incident was recorded with, read back (to confirm it).
fn stored_input(conn: &Connection, id: i64) -> Result<(IncidentInput, i64, String)> {
    conn.prepare_cached(
        "SELECT ts, employee_no, team_id, rule_code, severity, quantity, item_code, stated_fen,
                co_employee_no, place, witness, note, alert_ref, rule_version_id, status
         FROM incidents WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok((
            IncidentInput {
                ts: from_ms(r.get(0)?),
                employee_no: r.get(1)?,
                team_id: r.get(2)?,
                rule_code: r.get(3)?,
                severity: r.get(4)?,
                quantity: r.get(5)?,
                item_code: r.get(6)?,
                stated_fen: r.get(7)?,
                co_employee_no: r.get(8)?,
                place: r.get(9)?,
                witness: r.get(10)?,
                note: r.get(11)?,
                alert_ref: r.get(12)?,
            },
            r.get(13)?,
            r.get(14)?,
        ))
    })
    .optional()?
    .ok_or_else(|| {
        Problem::new(ErrorCode::NotFound, format!("no incident {id}"))
            .with("entity", "incident")
            .with("id", id)
            .into()
    })
}

fn confirmed_already(id: i64) -> StoreError {
    Problem::new(
        ErrorCode::IncidentsConfirmed,
        format!("incident {id} is already decided: void it or decide an appeal instead"),
    )
    .with("id", id)
    .into()
}

/// Writes the confirmation of a proposed incident; checks the warnings the caller accepted.
fn confirm_in(
    tx: &Transaction<'_>,
    id: i64,
    confirmation: &Confirmation,
    approver: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let (input, version_id, status) = stored_input(tx, id)?;
    if status != "proposed" {
        return Err(confirmed_already(id));
    }
    let proposed = plan(
        tx,
        &input,
        &PlanOptions {
            existing: Some((id, version_id)),
            override_lines: None,
        },
    )?;
    let plan = match &confirmation.lines {
        Some(lines)
            if proposed
                .lines
                .iter()
                .filter(|l| l.co_penalty_of.is_none())
                .map(|l| &l.line)
                .ne(lines.iter()) =>
        {
            if confirmation
                .reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
            {
                return Err(Problem::new(
                    ErrorCode::IncidentsReasonRequired,
                    "changing the proposed penalty needs a reason",
                )
                .into());
            }
            check_lines(&proposed.body.code, lines)?;
            plan(
                tx,
                &input,
                &PlanOptions {
                    existing: Some((id, version_id)),
                    override_lines: Some(lines),
                },
            )?
        }
        _ => proposed,
    };
    if !plan.renumbers.is_empty() && !confirmation.accept_renumber {
        let o = plan.offender.as_ref();
        return Err(Problem::new(
            ErrorCode::IncidentsRenumbers,
            format!(
                "this incident comes before {} confirmed offence(s) of {} by {}: their numbers would change",
                plan.renumbers.len(),
                plan.body.code,
                o.map_or("", |o| o.employee_no.as_str())
            ),
        )
        .with("employee_no", o.map_or("", |o| o.employee_no.as_str()))
        .with("rule", &plan.body.code)
        .with("count", plan.renumbers.len())
        .into());
    }
    if let Some(w) = plan.over_cap.first()
        && !confirmation.accept_over_cap
    {
        return Err(Problem::new(
            ErrorCode::IncidentsOverCap,
            format!(
                "{} {}: deductions of {} would reach {} fen, above the cap of {} fen",
                w.employee_no, w.name, w.month, w.total_fen, w.cap_fen
            ),
        )
        .with("employee_no", &w.employee_no)
        .with("month", &w.month)
        .with("cap", format!("{:.2}", w.cap_fen as f64 / 100.0))
        .with("total", format!("{:.2}", w.total_fen as f64 / 100.0))
        .into());
    }
    let reason = confirmation
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let record = ledger::write_record(
        tx,
        &ledger::NewRecord {
            incident_id: id,
            kind: "confirm",
            offence_no: plan.offence_no,
            supersedes: None,
            reason,
            approved_by: approver,
            approved_at: at,
            lines: &plan.lines,
        },
    )?;
    tx.execute(
        "UPDATE incidents SET status = 'confirmed' WHERE id = ?1",
        [id],
    )?;
    Ok(record)
}

fn require_approver(store: &Store, actor: Actor) -> Result<i64> {
    let user = actor.user_id.ok_or_else(|| {
        StoreError::from(Problem::new(
            ErrorCode::AuthNotLoggedIn,
            "confirming needs a login",
        ))
    })?;
    let role = store.user(user)?.role;
    if !role.can(Permission::ConfirmIncidents) {
        return Err(Problem::new(
            ErrorCode::AuthForbidden,
            "a supervisor or manager confirms incidents",
        )
        .into());
    }
    Ok(user)
}

/// Who approves an import. A logged-in user must be one who confirms incidents. The system
/// actor (the command line, run by whoever holds the database file, with no login) is accepted:
/// every ledger record names the user who approved it (`approved_by`, sealed in its hash), so
/// its records name the site's first active supervisor or manager, the one on whose authority
/// the file's decisions stand; the incidents themselves stay recorded by nobody (`recorded_by`
/// empty, source `import`), so the record shows they came from the command line.
pub(crate) fn import_approver(store: &Store, actor: Actor) -> Result<i64> {
    if actor.user_id.is_some() {
        return require_approver(store, actor);
    }
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT id, role FROM users WHERE active = 1 ORDER BY id")?;
    let users = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    users
        .into_iter()
        .find(|(_, role)| {
            floordesk_domain::access::Role::parse(role)
                .is_some_and(|r| r.can(Permission::ConfirmIncidents))
        })
        .map(|(id, _)| id)
        .ok_or_else(|| {
            Problem::new(
                ErrorCode::AuthForbidden,
                "imported incidents are confirmed on a supervisor's or manager's authority: the site has no active supervisor or manager",
            )
            .into()
        })
}

/// [`Store::record_confirmed_incidents`] inside a write: the rows in order of their instants,
/// each confirmed on `approver`'s authority; a row's error comes with its index.
pub(crate) fn confirm_all_in(
    tx: &Transaction<'_>,
    inputs: &[IncidentInput],
    source: IncidentSource,
    actor: Actor,
    approver: i64,
) -> std::result::Result<Vec<(i64, i64)>, (usize, StoreError)> {
    // A file cannot answer a question: the cap is a warning, so an import records past it
    // (a renumbering or a duplicate still refuses the row).
    let confirmation = Confirmation {
        accept_over_cap: true,
        ..Confirmation::default()
    };
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| inputs[i].ts);
    let mut out = vec![(0, 0); inputs.len()];
    for i in order {
        out[i] = record_and_confirm_in(tx, &inputs[i], source, &confirmation, approver, actor)
            .map_err(|e| (i, e))?;
    }
    Ok(out)
}

/// Records `input` as a proposal inside a write: a workflow's outcome (a valid complaint, a late
/// or absent attendee, a late report) waits in 待确认 for a supervisor like a lead's entry.
pub(crate) fn propose_in(tx: &Transaction<'_>, input: &IncidentInput, actor: Actor) -> Result<i64> {
    let plan = plan_new(tx, input)?;
    insert_incident(tx, input, &plan, IncidentSource::App, actor)
}

impl Store {
    /// What recording `input` now would propose and warn of; writes nothing.
    pub fn preview_incident(&self, input: &IncidentInput) -> Result<IncidentPreview> {
        Ok(plan_new(self.conn(), input)?.preview())
    }

    /// What confirming a proposed incident would write.
    pub fn preview_stored_incident(&self, id: i64) -> Result<IncidentPreview> {
        let (input, version_id, _) = stored_input(self.conn(), id)?;
        Ok(plan(
            self.conn(),
            &input,
            &PlanOptions {
                existing: Some((id, version_id)),
                override_lines: None,
            },
        )?
        .preview())
    }

    /// Records an incident as proposed (a lead's entry, waiting for a supervisor).
    pub fn record_incident(
        &mut self,
        input: &IncidentInput,
        source: IncidentSource,
        actor: Actor,
    ) -> Result<i64> {
        self.write(|tx| {
            let plan = plan_new(tx, input)?;
            insert_incident(tx, input, &plan, source, actor)
        })
    }

    /// Records and confirms in one step (a supervisor at the board, an import). Returns the
    /// incident and its ledger record.
    pub fn record_confirmed_incident(
        &mut self,
        input: &IncidentInput,
        source: IncidentSource,
        confirmation: &Confirmation,
        actor: Actor,
    ) -> Result<(i64, i64)> {
        let approver = require_approver(self, actor)?;
        self.write(|tx| record_and_confirm_in(tx, input, source, confirmation, approver, actor))
    }

    /// Writes many incidents at once, all or nothing (an import), in order of their instants
    /// whatever the file's order (so a back-dated row numbers like any other and renumbers
    /// nothing of the same import); each row sees those written before it. Returns one
    /// (incident, record) per input, in the inputs' order; a row's error comes with its index.
    /// The system actor may import (see `import_approver`).
    pub fn record_confirmed_incidents(
        &mut self,
        inputs: &[IncidentInput],
        source: IncidentSource,
        actor: Actor,
    ) -> std::result::Result<Vec<(i64, i64)>, (usize, StoreError)> {
        let approver = import_approver(self, actor).map_err(|e| (0, e))?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| (0, e.into()))?;
        let out = confirm_all_in(&tx, inputs, source, actor, approver)?;
        tx.commit().map_err(|e| (inputs.len(), e.into()))?;
        Ok(out)
    }

    /// Confirms a proposed incident as proposed, or changed with a reason.
    pub fn confirm_incident(
        &mut self,
        id: i64,
        confirmation: &Confirmation,
        actor: Actor,
    ) -> Result<i64> {
        let approver = require_approver(self, actor)?;
        self.write(|tx| confirm_in(tx, id, confirmation, approver, actor.at))
    }

    /// Sets a proposal aside (it stays, marked discarded).
    pub fn discard_incident(&mut self, id: i64, reason: &str, actor: Actor) -> Result<()> {
        require_approver(self, actor)?;
        if reason.trim().is_empty() {
            return Err(Problem::new(
                ErrorCode::IncidentsReasonRequired,
                "discarding needs a reason",
            )
            .into());
        }
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE incidents SET status = 'discarded' WHERE id = ?1 AND status = 'proposed'",
                [id],
            )?;
            if changed == 0 {
                return Err(confirmed_already(id));
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "discard",
                entity: "incident",
                entity_id: Some(id),
                detail: Some(reason.trim().to_owned()),
            }
            .record(tx)
        })
    }

    /// The person signs their confirmed record with their own PIN, or refuses before a lead
    /// who signs with theirs.
    pub fn acknowledge_incident(&mut self, id: i64, mode: &AckMode, actor: Actor) -> Result<()> {
        let person: Option<String> = self
            .conn()
            .query_row(
                "SELECT person FROM incidents i WHERE id = ?1 AND status = 'confirmed'
                   AND NOT EXISTS (SELECT 1 FROM ledger_records r WHERE r.incident_id = i.id AND r.kind = 'void')",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let person = person.ok_or_else(|| {
            StoreError::from(
                Problem::new(
                    ErrorCode::NotFound,
                    format!("no confirmed incident {id} about one person"),
                )
                .with("entity", "incident")
                .with("id", id),
            )
        })?;
        let (ack_mode, witness) = match mode {
            AckMode::Signed { pin } => {
                let who = person_by_key(self.conn(), &person)?
                    .and_then(|p| p.user_id)
                    .ok_or_else(|| {
                        StoreError::from(Problem::new(
                            ErrorCode::IncidentsNotYours,
                            "the person has no login to sign with",
                        ))
                    })?;
                self.authenticate(who, pin, actor.at)?;
                ("signed", None)
            }
            AckMode::Refused {
                witness_user_id,
                witness_pin,
            } => {
                let witness = self.authenticate(*witness_user_id, witness_pin, actor.at)?;
                if !witness.role.can(Permission::RecordIncidents) {
                    return Err(Problem::new(
                        ErrorCode::AuthForbidden,
                        "a refusal is witnessed by a lead or supervisor",
                    )
                    .into());
                }
                ("refused", Some(witness.id))
            }
        };
        self.write(|tx| {
            let done = tx.execute(
                "INSERT INTO incident_acknowledgements (incident_id, mode, person, witness_by, at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(incident_id) DO NOTHING",
                params![id, ack_mode, person, witness, to_ms(actor.at)],
            )?;
            if done == 0 {
                return Err(Problem::new(
                    ErrorCode::IncidentsAlreadyAcknowledged,
                    "this record is already acknowledged",
                )
                .into());
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: ack_mode,
                entity: "incident_acknowledgement",
                entity_id: Some(id),
                detail: None,
            }
            .record(tx)
        })
    }
}
