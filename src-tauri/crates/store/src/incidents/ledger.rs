//! The ledger: records (a confirmation, a void, an appeal's change) and their lines, chained by
//! SHA-256; the lines in force (of records nobody superseded), by month, team or person; an
//! agent's monthly statement; voiding with the approver's PIN.

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::handover::seal::ZERO_HASH;
use floordesk_domain::incidents::seal::{SealLineV1, SealRecordV1, ledger_hash};
use floordesk_domain::incidents::{ActionCode, Line, LineKind, deduction_fen};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::approval::{Approval, approve};
use super::{seal, site_tz};
use crate::audit::Audit;
use crate::scores::people::ScorePerson;
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

/// One line of what will be written, with whom it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PreviewLine {
    pub employee_no: String,
    pub name: String,
    pub line: Line,
    pub offence_no: Option<u32>,
    pub co_penalty_of: Option<String>,
}

/// Lines a supervisor typed (a change at confirmation, an appeal's new penalty): amounts not
/// negative, each line's kind its action's, a percent exactly on `pay_percent`.
pub(crate) fn check_lines(rule: &str, lines: &[Line]) -> Result<()> {
    use floordesk_domain::incidents::ActionCode;
    for line in lines {
        let percent_ok = match line.action {
            ActionCode::PayPercent => line.percent.is_some_and(|p| (1..=100).contains(&p)),
            _ => line.percent.is_none(),
        };
        if line.amount_fen < 0
            || line.amount_fen > floordesk_domain::incidents::MAX_AMOUNT_FEN
            || line.kind != line.action.kind()
            || !percent_ok
        {
            return Err(Problem::new(
                ErrorCode::IncidentsBadFact,
                "a line's amount, kind or percent is wrong",
            )
            .with("rule", rule)
            .with("field", "lines")
            .into());
        }
    }
    Ok(())
}

/// A line about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlannedLine {
    pub person: String,
    pub employee_no: String,
    pub name: String,
    pub line: Line,
    pub offence_no: Option<u32>,
    pub co_penalty_of: Option<String>,
}

impl PlannedLine {
    pub fn new(
        p: &ScorePerson,
        line: Line,
        offence_no: Option<u32>,
        co_penalty_of: Option<String>,
    ) -> Self {
        PlannedLine {
            person: p.person.clone(),
            employee_no: p.employee_no.clone(),
            name: p.name.clone(),
            line,
            offence_no,
            co_penalty_of,
        }
    }

    pub fn view(&self) -> PreviewLine {
        PreviewLine {
            employee_no: self.employee_no.clone(),
            name: self.name.clone(),
            line: self.line.clone(),
            offence_no: self.offence_no,
            co_penalty_of: self.co_penalty_of.clone(),
        }
    }
}

pub(crate) struct NewRecord<'a> {
    pub incident_id: i64,
    pub kind: &'a str,
    pub offence_no: Option<u32>,
    pub supersedes: Option<i64>,
    pub reason: Option<&'a str>,
    pub approved_by: i64,
    pub approved_at: DateTime<Utc>,
    pub lines: &'a [PlannedLine],
}

/// Appends a record and its lines to the chain, with the audit log's note of it.
pub(crate) fn write_record(tx: &Transaction<'_>, new: &NewRecord<'_>) -> Result<i64> {
    let (last_id, prev_hash): (i64, String) = tx
        .query_row(
            "SELECT id, hash FROM ledger_records ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, ZERO_HASH.to_owned()));
    let id = last_id + 1;
    let lines: Vec<SealLineV1> = new
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| SealLineV1 {
            line_no: i as i64 + 1,
            employee_no: l.employee_no.clone(),
            name: l.name.clone(),
            action: l.line.action.as_str().to_owned(),
            kind: l.line.kind.as_str().to_owned(),
            amount_fen: l.line.amount_fen,
            percent: l.line.percent.map(i64::from),
            offence_no: l.offence_no.map(i64::from),
            co_penalty_of: l.co_penalty_of.clone(),
        })
        .collect();
    let record = SealRecordV1 {
        id,
        kind: new.kind.to_owned(),
        incident: seal::incident(tx, new.incident_id)?,
        offence_no: new.offence_no.map(i64::from),
        supersedes: new.supersedes,
        reason: new.reason.map(str::to_owned),
        approved_by: new.approved_by,
        approved_at: to_ms(new.approved_at),
        lines,
    };
    let hash = ledger_hash(&prev_hash, &record);
    tx.prepare_cached(
        "INSERT INTO ledger_records (id, incident_id, kind, offence_no, supersedes, reason, approved_by,
             approved_at, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        new.incident_id,
        new.kind,
        new.offence_no,
        new.supersedes,
        new.reason,
        new.approved_by,
        record.approved_at,
        prev_hash,
        hash
    ])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO ledger_lines (record_id, line_no, person, employee_no, name, action, kind, amount_fen,
             percent, offence_no, co_penalty_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (planned, sealed) in new.lines.iter().zip(&record.lines) {
        insert.execute(params![
            id,
            sealed.line_no,
            planned.person,
            sealed.employee_no,
            sealed.name,
            sealed.action,
            sealed.kind,
            sealed.amount_fen,
            sealed.percent,
            sealed.offence_no,
            sealed.co_penalty_of
        ])?;
    }
    Audit {
        at_ms: record.approved_at,
        user_id: Some(new.approved_by),
        action: new.kind,
        entity: "ledger_record",
        entity_id: Some(id),
        detail: Some(format!("incident {}", new.incident_id)),
    }
    .record(tx)?;
    Ok(id)
}

/// One line of the ledger as read: `ledger --month` prints these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LedgerLine {
    pub record_id: i64,
    pub incident_id: i64,
    pub line_no: u32,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub rule: String,
    pub rule_name_zh: String,
    /// None on an equipment split's lines.
    pub offence_no: Option<u32>,
    pub line: Line,
    /// The incident's instant.
    pub ts: DateTime<Utc>,
    pub local_date: NaiveDate,
    /// The offender's 工号 on a co-penalty line.
    pub co_penalty_of: Option<String>,
    /// The record was voided or replaced by an appeal's change.
    pub voided: bool,
    pub approved_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct LedgerQuery {
    /// `YYYY-MM`, by the incident's site-local date.
    pub month: Option<String>,
    pub team_id: Option<i64>,
    pub employee_no: Option<String>,
    /// Include the lines of voided and replaced records.
    pub include_voided: bool,
}

/// An agent's month: every line about them, and the sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Statement {
    pub employee_no: String,
    pub name: String,
    pub month: String,
    pub lines: Vec<LedgerLine>,
    pub penalties_fen: i64,
    pub rewards_fen: i64,
    pub compensation_fen: i64,
    /// Known only with the ViewPay permission.
    pub base_pay_fen: Option<i64>,
    /// Fines, compensation and pay percentages priced on the base pay.
    pub deductions_fen: Option<i64>,
}

const LINES: &str =
    "SELECT l.record_id, r.incident_id, l.line_no, l.employee_no, l.name, i.team_id, i.rule_code,
        json_extract(v.body, '$.name_zh'), l.offence_no, l.action, l.kind, l.amount_fen, l.percent,
        i.ts, i.local_date, l.co_penalty_of,
        EXISTS (SELECT 1 FROM ledger_records s WHERE s.supersedes = r.id), r.approved_at, l.person,
        coalesce(i.employee_no, '')
    FROM ledger_lines l
    JOIN ledger_records r ON r.id = l.record_id
    JOIN incidents i ON i.id = r.incident_id
    JOIN incident_rule_versions v ON v.id = i.rule_version_id";

const ORDER: &str = " ORDER BY i.ts, coalesce(i.employee_no, ''), r.id, l.line_no";

fn read_line(r: &rusqlite::Row<'_>) -> rusqlite::Result<LedgerLine> {
    let action: String = r.get(9)?;
    let kind: String = r.get(10)?;
    let date: String = r.get(14)?;
    let action = ActionCode::parse(&action).unwrap_or(ActionCode::Fine);
    Ok(LedgerLine {
        record_id: r.get(0)?,
        incident_id: r.get(1)?,
        line_no: r.get(2)?,
        employee_no: r.get(3)?,
        name: r.get(4)?,
        team_id: r.get(5)?,
        rule: r.get(6)?,
        rule_name_zh: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        offence_no: r.get(8)?,
        line: Line {
            action,
            kind: match kind.as_str() {
                "reward" => LineKind::Reward,
                "compensation" => LineKind::Compensation,
                _ => LineKind::Penalty,
            },
            amount_fen: r.get(11)?,
            percent: r.get(12)?,
        },
        ts: from_ms(r.get(13)?),
        local_date: date.parse().unwrap_or_default(),
        co_penalty_of: r.get(15)?,
        voided: r.get(16)?,
        approved_at: from_ms(r.get(17)?),
    })
}

/// The lines in force about `person` (or everyone) of incidents dated in [first, next).
pub(crate) fn lines_in_force(
    conn: &Connection,
    person: Option<&str>,
    first: NaiveDate,
    next: NaiveDate,
) -> Result<Vec<LedgerLine>> {
    let sql = format!(
        "{LINES} WHERE i.local_date >= ?1 AND i.local_date < ?2 AND (?3 IS NULL OR l.person = ?3)
           AND NOT EXISTS (SELECT 1 FROM ledger_records s WHERE s.supersedes = r.id){ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![first.to_string(), next.to_string(), person],
        read_line,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn month_bounds(month: &str) -> Result<(NaiveDate, NaiveDate)> {
    let first = crate::roster::parse_month(month)
        .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
        .ok_or_else(|| {
            StoreError::from(
                Problem::new(
                    ErrorCode::ScoresBadMonth,
                    format!("'{month}' is not a month like 2026-11"),
                )
                .with("value", month),
            )
        })?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    Ok((first, next))
}

pub(crate) fn query_lines(conn: &Connection, q: &LedgerQuery) -> Result<Vec<LedgerLine>> {
    let (first, next) = match &q.month {
        Some(m) => {
            let (a, b) = month_bounds(m)?;
            (a.to_string(), b.to_string())
        }
        None => ("0000-00-00".to_owned(), "9999-99-99".to_owned()),
    };
    let sql = format!(
        "{LINES} WHERE i.local_date >= ?1 AND i.local_date < ?2
           AND (?3 IS NULL OR i.team_id = ?3
                OR l.person IN (SELECT person FROM score_people WHERE team_id = ?3))
           AND (?4 IS NULL OR l.employee_no = ?4)
           AND (?5 OR NOT EXISTS (SELECT 1 FROM ledger_records s WHERE s.supersedes = r.id)){ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            first,
            next,
            q.team_id,
            q.employee_no.as_deref().map(str::trim),
            q.include_voided
        ],
        read_line,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The record in force for an incident, if any (none while proposed or once voided).
pub(crate) fn record_in_force(
    conn: &Connection,
    incident_id: i64,
) -> Result<Option<(i64, String, Option<u32>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.kind, r.offence_no FROM ledger_records r
             WHERE r.incident_id = ?1 AND NOT EXISTS (SELECT 1 FROM ledger_records s WHERE s.supersedes = r.id)
             ORDER BY r.id DESC LIMIT 1",
        )?
        .query_row([incident_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Supersedes the record in force of `record_id`'s incident: a void (no lines) or an appeal's
/// change (new lines). Checked: the record is in force and is not itself a void.
pub(crate) fn supersede(
    tx: &Transaction<'_>,
    record_id: i64,
    kind: &str,
    reason: &str,
    lines: &[PlannedLine],
    approver: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let found: Option<(i64, String, Option<u32>, bool)> = tx
        .query_row(
            "SELECT incident_id, kind, offence_no,
                    EXISTS (SELECT 1 FROM ledger_records s WHERE s.supersedes = r.id)
             FROM ledger_records r WHERE id = ?1",
            [record_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((incident_id, old_kind, offence_no, superseded)) = found else {
        return Err(
            Problem::new(ErrorCode::NotFound, format!("no ledger record {record_id}"))
                .with("entity", "ledger_record")
                .with("id", record_id)
                .into(),
        );
    };
    if superseded || old_kind == "void" {
        return Err(Problem::new(
            ErrorCode::IncidentsVoided,
            format!("ledger record {record_id} is already voided or replaced"),
        )
        .with("id", record_id)
        .into());
    }
    if reason.trim().is_empty() {
        return Err(
            Problem::new(ErrorCode::IncidentsReasonRequired, "a reason is required").into(),
        );
    }
    write_record(
        tx,
        &NewRecord {
            incident_id,
            kind,
            offence_no,
            supersedes: Some(record_id),
            reason: Some(reason.trim()),
            approved_by: approver,
            approved_at: at,
            lines,
        },
    )
}

/// The lines of a record, as planned lines (to carry into an appeal's change).
pub(crate) fn planned_lines(conn: &Connection, record_id: i64) -> Result<Vec<PlannedLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person, employee_no, name, action, kind, amount_fen, percent, offence_no, co_penalty_of
         FROM ledger_lines WHERE record_id = ?1 ORDER BY line_no",
    )?;
    let rows = stmt.query_map([record_id], |r| {
        let action: String = r.get(3)?;
        let action = ActionCode::parse(&action).unwrap_or(ActionCode::Fine);
        Ok(PlannedLine {
            person: r.get(0)?,
            employee_no: r.get(1)?,
            name: r.get(2)?,
            line: Line {
                action,
                kind: action.kind(),
                amount_fen: r.get(5)?,
                percent: r.get(6)?,
            },
            offence_no: r.get(7)?,
            co_penalty_of: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// The ledger's lines: a month, a team, a person; voided ones with `include_voided`.
    /// Sorted by instant, offender, record and step, co-penalties after the offender's.
    pub fn ledger_lines(&self, query: &LedgerQuery) -> Result<Vec<LedgerLine>> {
        query_lines(self.conn(), query)
    }

    /// An agent's monthly statement; base pay and deductions only `with_pay`.
    pub fn ledger_statement(
        &self,
        employee_no: &str,
        month: &str,
        with_pay: bool,
    ) -> Result<Statement> {
        let person = crate::scores::people::person_by_employee_no(self.conn(), employee_no)?
            .ok_or_else(|| crate::scores::people::unknown_person(employee_no))?;
        let (first, next) = month_bounds(month)?;
        let lines = lines_in_force(self.conn(), Some(&person.person), first, next)?;
        let sum = |kind: LineKind| -> i64 {
            lines
                .iter()
                .filter(|l| l.line.kind == kind)
                .map(|l| l.line.amount_fen)
                .sum()
        };
        let base_pay = if with_pay {
            base_pay(self.conn(), &person)?
        } else {
            None
        };
        Ok(Statement {
            employee_no: person.employee_no.clone(),
            name: person.name.clone(),
            month: month.to_owned(),
            penalties_fen: sum(LineKind::Penalty),
            rewards_fen: sum(LineKind::Reward),
            compensation_fen: sum(LineKind::Compensation),
            deductions_fen: base_pay
                .map(|pay| lines.iter().map(|l| deduction_fen(&l.line, pay)).sum()),
            base_pay_fen: base_pay,
            lines,
        })
    }

    /// Voids a ledger record with a reason and the approver's PIN; the original stays.
    pub fn void_ledger_record(
        &mut self,
        record_id: i64,
        reason: &str,
        approval: &Approval,
        actor: Actor,
    ) -> Result<i64> {
        let approver = approve(self, approval, actor.at)?;
        self.write(|tx| supersede(tx, record_id, "void", reason, &[], approver, actor.at))
    }

    /// The time zone the ledger's instants are shown in.
    pub fn ledger_time_zone(&self) -> Result<chrono_tz::Tz> {
        site_tz(self.conn())
    }
}

/// The person's monthly base pay (an agent's; none for a user off the floor or unset).
pub(crate) fn base_pay(conn: &Connection, person: &ScorePerson) -> Result<Option<i64>> {
    let Some(agent) = person.agent_id else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached("SELECT base_pay_fen FROM agents WHERE id = ?1")?
        .query_row([agent], |r| r.get(0))
        .optional()?
        .flatten())
}
