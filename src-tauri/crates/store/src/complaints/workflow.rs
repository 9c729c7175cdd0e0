//! Registering a complaint and taking its steps in order. Who may take which step: anyone on the
//! floor registers; a supervisor or manager routes, rules and closes; the reply and the visit
//! are also the routed agent's (or their team lead's) to make. The system actor (the command
//! line, the demo) may take any step.

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::access::{Permission, Role};
use floordesk_domain::complaints::{ComplaintStatus, ComplaintStep};
use floordesk_domain::limits::{WORKFLOW_FIELD_MAX_LEN, WORKFLOW_TEXT_MAX_LEN};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::causes::cause_by_key;
use crate::audit::Audit;
use crate::error::not_found;
use crate::incidents::{IncidentInput, local_date, propose_in, site_tz};
use crate::scores::people::{ScorePerson, person_by_employee_no, person_of_user, unknown_person};
use crate::{Actor, Result, Store, StoreError, to_ms};

/// How the customer complained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintChannel {
    /// 电话.
    Phone,
    /// 在线聊天 (旺旺, 千牛, the shop's chat).
    Chat,
    Email,
    /// The platform's own complaint (淘宝/抖音 平台投诉).
    Platform,
    Letter,
    /// In person.
    Visit,
    Other,
}

impl ComplaintChannel {
    pub const ALL: [ComplaintChannel; 7] = [
        ComplaintChannel::Phone,
        ComplaintChannel::Chat,
        ComplaintChannel::Email,
        ComplaintChannel::Platform,
        ComplaintChannel::Letter,
        ComplaintChannel::Visit,
        ComplaintChannel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintChannel::Phone => "phone",
            ComplaintChannel::Chat => "chat",
            ComplaintChannel::Email => "email",
            ComplaintChannel::Platform => "platform",
            ComplaintChannel::Letter => "letter",
            ComplaintChannel::Visit => "visit",
            ComplaintChannel::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ComplaintChannel::Phone => "电话",
            ComplaintChannel::Chat => "在线",
            ComplaintChannel::Email => "邮件",
            ComplaintChannel::Platform => "平台",
            ComplaintChannel::Letter => "信函",
            ComplaintChannel::Visit => "来访",
            ComplaintChannel::Other => "其他",
        }
    }

    /// The code or the Chinese name (an import's spelling).
    pub fn parse(text: &str) -> Option<ComplaintChannel> {
        let text = text.trim();
        ComplaintChannel::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.label_zh() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ComplaintSource {
    App,
    Import,
    Demo,
}

impl ComplaintSource {
    fn as_str(self) -> &'static str {
        match self {
            ComplaintSource::App => "app",
            ComplaintSource::Import => "import",
            ComplaintSource::Demo => "demo",
        }
    }
}

/// A complaint as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ComplaintInput {
    /// When the customer complained (not after now).
    pub received_at: DateTime<Utc>,
    pub customer: String,
    pub channel: ComplaintChannel,
    pub order_no: Option<String>,
    pub content: String,
}

/// One step of the workflow, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum ComplaintAction {
    /// To an agent (their 工号) or a team, with a deadline for ruling and reply (none: now +
    /// `complaint_handle_hours`).
    Route {
        employee_no: Option<String>,
        team_id: Option<i64>,
        deadline_at: Option<DateTime<Utc>>,
    },
    /// The investigation's findings and the ruling; a valid one has a severity 1–5 and, when
    /// an agent is responsible (the routed one unless named), proposes `valid_complaint`.
    Rule {
        findings: String,
        valid: bool,
        severity: Option<u8>,
        employee_no: Option<String>,
    },
    Reply {
        text: String,
    },
    Visit {
        note: String,
        satisfied: bool,
    },
    /// A cause from the cause list (its code or Chinese name).
    Close {
        cause: String,
        note: Option<String>,
    },
}

impl ComplaintAction {
    pub fn step(&self) -> ComplaintStep {
        match self {
            ComplaintAction::Route { .. } => ComplaintStep::Route,
            ComplaintAction::Rule { .. } => ComplaintStep::Rule,
            ComplaintAction::Reply { .. } => ComplaintStep::Reply,
            ComplaintAction::Visit { .. } => ComplaintStep::Visit,
            ComplaintAction::Close { .. } => ComplaintStep::Close,
        }
    }
}

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    Problem::new(ErrorCode::ComplaintsInvalid, message)
        .with("field", field)
        .into()
}

/// `text` trimmed, required and within `max` characters.
fn required(field: &str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid(field, format!("{field} is required")));
    }
    if text.chars().count() > max {
        return Err(Problem::new(
            ErrorCode::ValidationTooLong,
            format!("{field} is longer than {max} characters"),
        )
        .with("field", field)
        .with("max", max)
        .into());
    }
    Ok(text.to_owned())
}

fn optional(field: &str, text: Option<&str>, max: usize) -> Result<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => required(field, t, max).map(Some),
        None => Ok(None),
    }
}

/// What `actor` is to the complaint: may they take `step`?
fn check_may(store: &Store, actor: Actor, step: ComplaintStep, routed: &Routed) -> Result<()> {
    let Some(user_id) = actor.user_id else {
        return Ok(());
    };
    let role = store.user(user_id)?.role;
    if role.can(Permission::HandleComplaints) {
        return Ok(());
    }
    if matches!(step, ComplaintStep::Reply | ComplaintStep::Visit) {
        let me = person_of_user(store.conn(), user_id)?;
        let mine = me.as_ref().is_some_and(|p| {
            routed.person.as_deref() == Some(p.person.as_str())
                || (role == Role::TeamLead && p.team_id.is_some() && p.team_id == routed.team_id)
        });
        if mine {
            return Ok(());
        }
    }
    Err(Problem::new(
        ErrorCode::AuthForbidden,
        format!(
            "a supervisor or manager takes the step {} (the routed agent may reply and visit)",
            step.as_str()
        ),
    )
    .into())
}

/// Where a complaint stands, as the steps need it.
struct Routed {
    status: ComplaintStatus,
    person: Option<String>,
    team_id: Option<i64>,
    received_at: i64,
}

fn routed(tx: &rusqlite::Connection, id: i64) -> Result<Routed> {
    tx.query_row(
        "SELECT status, person, team_id, received_at FROM complaints WHERE id = ?1",
        [id],
        |r| {
            Ok(Routed {
                status: ComplaintStatus::parse(&r.get::<_, String>(0)?)
                    .unwrap_or(ComplaintStatus::Closed),
                person: r.get(1)?,
                team_id: r.get(2)?,
                received_at: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| not_found("complaint", id))
}

fn person(tx: &rusqlite::Connection, employee_no: &str) -> Result<ScorePerson> {
    person_by_employee_no(tx, employee_no)?.ok_or_else(|| unknown_person(employee_no))
}

pub(crate) fn insert_complaint(
    tx: &Transaction<'_>,
    input: &ComplaintInput,
    source: ComplaintSource,
    actor: Actor,
) -> Result<i64> {
    if input.received_at > actor.at + Duration::minutes(1) {
        return Err(invalid(
            "received_at",
            "a complaint cannot be received in the future",
        ));
    }
    let customer = required("customer", &input.customer, WORKFLOW_FIELD_MAX_LEN)?;
    let content = required("content", &input.content, WORKFLOW_TEXT_MAX_LEN)?;
    let order_no = optional(
        "order_no",
        input.order_no.as_deref(),
        WORKFLOW_FIELD_MAX_LEN,
    )?;
    let tz = site_tz(tx)?;
    tx.prepare_cached(
        "INSERT INTO complaints (received_at, local_date, customer, channel, order_no, content, source,
             registered_at, registered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        to_ms(input.received_at),
        local_date(tz, input.received_at).to_string(),
        customer,
        input.channel.as_str(),
        order_no,
        content,
        source.as_str(),
        to_ms(actor.at),
        actor.user_id,
    ])?;
    let id = tx.last_insert_rowid();
    Audit {
        at_ms: to_ms(actor.at),
        user_id: actor.user_id,
        action: "register",
        entity: "complaint",
        entity_id: Some(id),
        detail: Some(customer),
    }
    .record(tx)?;
    Ok(id)
}

/// A complaint already handled elsewhere (an import's row, the demo's history), written closed
/// in one go: its steps' times are unknown, so only the close is dated (`at`).
pub(crate) struct ClosedComplaint<'a> {
    pub received_at: DateTime<Utc>,
    pub person: Option<&'a ScorePerson>,
    pub customer: &'a str,
    pub channel: ComplaintChannel,
    pub order_no: Option<&'a str>,
    pub content: &'a str,
    pub findings: Option<&'a str>,
    pub valid: bool,
    pub severity: Option<u8>,
    pub reply: Option<&'a str>,
    pub cause: &'a str,
    /// The `valid_complaint` incident it booked.
    pub incident: Option<i64>,
}

pub(crate) fn insert_closed(
    tx: &Transaction<'_>,
    c: &ClosedComplaint<'_>,
    source: ComplaintSource,
    at: DateTime<Utc>,
) -> Result<i64> {
    let tz = site_tz(tx)?;
    let p = c.person;
    tx.prepare_cached(
        "INSERT INTO complaints (received_at, local_date, customer, channel, order_no, content, status, source,
             registered_at, person, employee_no, name, team_id, deadline_at, findings, valid, severity, incident_id,
             reply, cause_code, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'closed', ?7, ?8, ?9, ?10, ?11, ?12, ?1, ?13, ?14, ?15, ?16, ?17, ?18, ?8)",
    )?
    .execute(params![
        to_ms(c.received_at),
        local_date(tz, c.received_at).to_string(),
        c.customer,
        c.channel.as_str(),
        c.order_no,
        c.content,
        source.as_str(),
        to_ms(at),
        p.map(|p| &p.person),
        p.map(|p| &p.employee_no),
        p.map(|p| &p.name),
        p.and_then(|p| p.team_id),
        c.findings,
        c.valid,
        c.severity,
        c.incident,
        c.reply,
        c.cause,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Takes `action` on complaint `id` inside a write (the checks of order and input included).
pub(crate) fn advance_in(
    tx: &Transaction<'_>,
    id: i64,
    action: &ComplaintAction,
    actor: Actor,
) -> Result<()> {
    let current = routed(tx, id)?;
    let step = action.step();
    if !step.allowed_from(current.status) {
        return Err(Problem::new(
            ErrorCode::ComplaintsWrongStep,
            format!(
                "complaint {id} is {}: {} cannot be taken now",
                current.status.as_str(),
                step.as_str()
            ),
        )
        .with("status", current.status.as_str())
        .with("step", step.as_str())
        .into());
    }
    let at = to_ms(actor.at);
    let by = actor.user_id;
    match action {
        ComplaintAction::Route {
            employee_no,
            team_id,
            deadline_at,
        } => {
            let agent = match employee_no
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(no) => Some(person(tx, no)?),
                None => None,
            };
            let team = team_id.or_else(|| agent.as_ref().and_then(|a| a.team_id));
            if agent.is_none() && team.is_none() {
                return Err(invalid("employee_no", "route to an agent or a team"));
            }
            if let Some(team) = team {
                let known: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM teams WHERE id = ?1)",
                    [team],
                    |r| r.get(0),
                )?;
                if !known {
                    return Err(not_found("team", team));
                }
            }
            let policy = super::policy_at(tx, actor.at)?;
            let deadline =
                deadline_at.unwrap_or(actor.at + Duration::hours(i64::from(policy.handle_hours)));
            if to_ms(deadline) <= current.received_at {
                return Err(invalid(
                    "deadline_at",
                    "the deadline must come after the complaint was received",
                ));
            }
            tx.execute(
                "UPDATE complaints SET status = 'routed', person = ?2, employee_no = ?3, name = ?4,
                     team_id = ?5, deadline_at = ?6, routed_at = ?7, routed_by = ?8, overdue_noticed = NULL
                 WHERE id = ?1",
                params![
                    id,
                    agent.as_ref().map(|a| &a.person),
                    agent.as_ref().map(|a| &a.employee_no),
                    agent.as_ref().map(|a| &a.name),
                    team,
                    to_ms(deadline),
                    at,
                    by
                ],
            )?;
        }
        ComplaintAction::Rule {
            findings,
            valid,
            severity,
            employee_no,
        } => {
            let findings = required("findings", findings, WORKFLOW_TEXT_MAX_LEN)?;
            let severity = match (valid, severity) {
                (true, Some(s @ 1..=5)) => Some(*s),
                (true, _) => {
                    return Err(invalid(
                        "severity",
                        "a valid complaint needs a severity from 1 to 5",
                    ));
                }
                (false, _) => None,
            };
            let named = match employee_no
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(no) => Some(person(tx, no)?),
                None => None,
            };
            let (person_key, no, name) = match &named {
                Some(p) => (
                    Some(p.person.clone()),
                    Some(p.employee_no.clone()),
                    Some(p.name.clone()),
                ),
                None => tx.query_row(
                    "SELECT person, employee_no, name FROM complaints WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?,
            };
            let incident = match (*valid, &no) {
                (true, Some(no)) => Some(propose_valid_complaint(
                    tx,
                    id,
                    no,
                    severity,
                    current.received_at,
                    actor,
                )?),
                _ => None,
            };
            tx.execute(
                "UPDATE complaints SET status = 'ruled', findings = ?2, valid = ?3, severity = ?4,
                     person = ?5, employee_no = ?6, name = ?7, ruled_at = ?8, ruled_by = ?9,
                     incident_id = ?10, overdue_noticed = NULL
                 WHERE id = ?1",
                params![
                    id, findings, valid, severity, person_key, no, name, at, by, incident
                ],
            )?;
        }
        ComplaintAction::Reply { text } => {
            let text = required("reply", text, WORKFLOW_TEXT_MAX_LEN)?;
            tx.execute(
                "UPDATE complaints SET status = 'replied', reply = ?2, replied_at = ?3, replied_by = ?4,
                     overdue_noticed = NULL WHERE id = ?1",
                params![id, text, at, by],
            )?;
        }
        ComplaintAction::Visit { note, satisfied } => {
            let note = required("visit_note", note, WORKFLOW_TEXT_MAX_LEN)?;
            tx.execute(
                "UPDATE complaints SET status = 'visited', visit_note = ?2, satisfied = ?3, visited_at = ?4,
                     visited_by = ?5, overdue_noticed = NULL WHERE id = ?1",
                params![id, note, satisfied, at, by],
            )?;
        }
        ComplaintAction::Close { cause, note } => {
            let cause = cause_by_key(tx, cause)?;
            let note = optional("close_note", note.as_deref(), WORKFLOW_TEXT_MAX_LEN)?;
            tx.execute(
                "UPDATE complaints SET status = 'closed', cause_code = ?2, close_note = ?3, closed_at = ?4,
                     closed_by = ?5, overdue_noticed = NULL WHERE id = ?1",
                params![id, cause.code, note, at, by],
            )?;
        }
    }
    Audit {
        at_ms: at,
        user_id: by,
        action: step.as_str(),
        entity: "complaint",
        entity_id: Some(id),
        detail: None,
    }
    .record(tx)?;
    Ok(())
}

/// The `valid_complaint` proposal of a valid ruling: at the instant the customer complained,
/// priced by the ladder at the ruling's severity.
fn propose_valid_complaint(
    tx: &Transaction<'_>,
    id: i64,
    employee_no: &str,
    severity: Option<u8>,
    received_at: i64,
    actor: Actor,
) -> Result<i64> {
    propose_in(
        tx,
        &IncidentInput {
            ts: crate::from_ms(received_at),
            employee_no: Some(employee_no.to_owned()),
            rule_code: "valid_complaint".into(),
            severity,
            note: Some(format!("投诉 #{id}")),
            ..IncidentInput::default()
        },
        actor,
    )
}

impl Store {
    /// Registers a complaint (anyone on the floor). Returns its id.
    pub fn register_complaint(&mut self, input: &ComplaintInput, actor: Actor) -> Result<i64> {
        self.write(|tx| insert_complaint(tx, input, ComplaintSource::App, actor))
    }

    /// Takes the next step of complaint `id` (or routes it again before the ruling).
    pub fn advance_complaint(
        &mut self,
        id: i64,
        action: &ComplaintAction,
        actor: Actor,
    ) -> Result<()> {
        let current = routed(self.conn(), id)?;
        check_may(self, actor, action.step(), &current)?;
        self.write(|tx| advance_in(tx, id, action, actor))
    }

    /// Registers and takes steps in one transaction (the demo floor).
    pub(crate) fn complaint_with_steps(
        &mut self,
        input: &ComplaintInput,
        steps: &[(ComplaintAction, Actor)],
        source: ComplaintSource,
        actor: Actor,
    ) -> Result<i64> {
        self.write(|tx| {
            let id = insert_complaint(tx, input, source, actor)?;
            for (action, by) in steps {
                advance_in(tx, id, action, *by)?;
            }
            Ok(id)
        })
    }
}
