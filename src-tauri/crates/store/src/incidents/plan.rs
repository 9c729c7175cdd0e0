//! What recording an incident would do, before anything is written: the input resolved
//! against the rule book (the version in force on its date), the person's history of the rule
//! in its period (the offence number; a back-dated entry that would renumber confirmed ones),
//! the lines the ladder proposes with their co-penalties or an equipment split, and the month's
//! deductions against the legal cap.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use floordesk_domain::incidents::{
    self, CoParty, Facts, Line, Offence, RuleBody, check_facts, corresponding, deduction_fen,
    over_cap, price, split_equally,
};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::ledger::{self, PlannedLine, PreviewLine};
use super::rules::{equipment_by_code, judged_by, version_body};
use super::{local_date, site_tz};
use crate::scores::people::{ScorePerson, person_by_employee_no, person_by_key, unknown_person};
use crate::{Result, StoreError, from_ms, to_ms};

/// An incident as the recorder gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct IncidentInput {
    pub ts: DateTime<Utc>,
    /// The offender's 工号; none for equipment nobody can be charged for (then `team_id`).
    pub employee_no: Option<String>,
    pub team_id: Option<i64>,
    pub rule_code: String,
    pub severity: Option<u8>,
    /// 1 when not given.
    pub quantity: Option<u32>,
    /// Equipment code (or its Chinese name) for `equipment_damage`.
    pub item_code: Option<String>,
    /// The amount of a rule priced when recorded (the quarterly reward).
    pub stated_fen: Option<i64>,
    /// The one co-penalised person (the lead who did not act, the manager).
    pub co_employee_no: Option<String>,
    pub place: Option<String>,
    pub witness: Option<String>,
    pub note: Option<String>,
    /// `<工号>|<rule>|<instant ms>` of the board's alert it came from.
    pub alert_ref: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    Proposed,
    Confirmed,
    Discarded,
    /// Confirmed, then voided (by a void or an appeal).
    Voided,
}

/// An earlier offence of the same rule by the same person in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PriorOffence {
    pub incident_id: i64,
    pub ts: DateTime<Utc>,
    pub offence_no: Option<u32>,
    pub status: IncidentStatus,
}

/// A month's deductions passing the legal cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CapWarning {
    pub employee_no: String,
    pub name: String,
    pub month: String,
    pub pay_fen: i64,
    pub cap_fen: i64,
    pub total_fen: i64,
}

/// What confirming would write, and what to warn of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IncidentPreview {
    pub rule_code: String,
    pub rule_name_zh: String,
    pub rule_name_en: String,
    pub rule_version_id: i64,
    /// None for an equipment split.
    pub offence_no: Option<u32>,
    pub lines: Vec<PreviewLine>,
    /// The person's earlier offences of this rule in the period, oldest first.
    pub earlier: Vec<PriorOffence>,
    /// Confirmed incidents whose number this one would change (a back-dated entry).
    pub renumbers: Vec<i64>,
    pub over_cap: Vec<CapWarning>,
}

/// An incident resolved against the book: whom, which version, what it would write.
pub(crate) struct Plan {
    pub offender: Option<ScorePerson>,
    pub team_id: Option<i64>,
    pub version_id: i64,
    pub rule_id: i64,
    pub body: RuleBody,
    pub local_date: NaiveDate,
    pub facts: Facts,
    pub item_code: Option<String>,
    pub co: Option<ScorePerson>,
    pub offence_no: Option<u32>,
    pub lines: Vec<PlannedLine>,
    pub earlier: Vec<PriorOffence>,
    pub renumbers: Vec<i64>,
    pub over_cap: Vec<CapWarning>,
}

pub(crate) fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub(crate) fn bad_fact(rule: &str, field: &str, message: String) -> StoreError {
    Problem::new(ErrorCode::IncidentsBadFact, message)
        .with("rule", rule)
        .with("field", field)
        .into()
}

/// Every stored offence of `person` against `code`, not discarded, with its status.
fn offences_of(
    conn: &Connection,
    person: &str,
    code: &str,
) -> Result<Vec<(Offence, IncidentStatus, Option<u32>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.ts, i.local_date, i.status,
                EXISTS (SELECT 1 FROM ledger_records r WHERE r.incident_id = i.id AND r.kind = 'void'),
                (SELECT r.offence_no FROM ledger_records r WHERE r.incident_id = i.id AND r.kind = 'confirm')
         FROM incidents i WHERE i.person = ?1 AND i.rule_code = ?2 AND i.status <> 'discarded'",
    )?;
    let rows = stmt
        .query_map(params![person, code], |r| {
            let date: String = r.get(2)?;
            let status: String = r.get(3)?;
            let voided: bool = r.get(4)?;
            Ok((
                Offence {
                    seq: r.get(0)?,
                    ts: from_ms(r.get(1)?),
                    local_date: date.parse().unwrap_or_default(),
                },
                match (status.as_str(), voided) {
                    (_, true) => IncidentStatus::Voided,
                    ("confirmed", _) => IncidentStatus::Confirmed,
                    _ => IncidentStatus::Proposed,
                },
                r.get::<_, Option<u32>>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The team members rostered on a shift that holds `ts` and not on approved leave that shift's
/// date (approved leave does not remove the shift: the roll call reads it as away), by 工号.
pub(crate) fn on_shift(
    conn: &Connection,
    team_id: i64,
    ts: DateTime<Utc>,
) -> Result<Vec<ScorePerson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.employee_no FROM shifts s JOIN agents a ON a.id = s.agent_id
         WHERE a.team_id = ?1 AND s.start_at <= ?2 AND s.end_at > ?2
           AND NOT EXISTS (SELECT 1 FROM leave_requests l WHERE l.agent_id = a.id AND l.status = 'approved'
                           AND l.from_date <= s.shift_date AND l.to_date >= s.shift_date)",
    )?;
    let nos = stmt
        .query_map(params![team_id, to_ms(ts)], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut people = Vec::new();
    for no in nos {
        if let Some(p) = person_by_employee_no(conn, &no)? {
            people.push(p);
        }
    }
    people.sort_by(|a, b| incidents::employee_no_order(&a.employee_no, &b.employee_no));
    Ok(people)
}

/// The deductions already in force for `person` in the month of `date`.
fn month_deductions(conn: &Connection, person: &str, date: NaiveDate, pay: i64) -> Result<i64> {
    let first = date.with_day(1).unwrap_or(date);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    let lines = ledger::lines_in_force(conn, Some(person), first, next)?;
    Ok(lines.iter().map(|l| deduction_fen(&l.line, pay)).sum())
}

pub(crate) struct PlanOptions<'a> {
    /// The incident being confirmed (excluded from its own history; its version kept).
    pub existing: Option<(i64, i64)>,
    pub override_lines: Option<&'a [Line]>,
}

pub(crate) fn plan(
    conn: &Connection,
    input: &IncidentInput,
    options: &PlanOptions<'_>,
) -> Result<Plan> {
    let tz = site_tz(conn)?;
    let date = local_date(tz, input.ts);
    let code = input.rule_code.trim();
    let judged = judged_by(conn, code, date)?;
    let (version_id, body) = match options.existing {
        Some((_, version_id)) => (version_id, version_body(conn, version_id)?),
        None => {
            if judged.retired {
                return Err(Problem::new(
                    ErrorCode::IncidentsRuleRetired,
                    format!("rule {code} is retired"),
                )
                .with("code", code)
                .into());
            }
            (judged.version_id, judged.body)
        }
    };

    let offender = match trimmed(&input.employee_no) {
        Some(no) => Some(person_by_employee_no(conn, &no)?.ok_or_else(|| unknown_person(&no))?),
        None => None,
    };
    let team_id = offender.as_ref().and_then(|p| p.team_id).or(input.team_id);
    if offender.is_none() && !(body.needs_item() && input.team_id.is_some()) {
        return Err(Problem::new(
            ErrorCode::ValidationRequired,
            "the offender's 工号 is required (only equipment may be split across a team)",
        )
        .with("field", "employee_no")
        .into());
    }

    let item = match trimmed(&input.item_code) {
        Some(item) if body.needs_item() => {
            Some(equipment_by_code(conn, &item)?.ok_or_else(|| {
                StoreError::from(
                    Problem::new(
                        ErrorCode::IncidentsUnknownItem,
                        format!("no equipment {item} in the price list"),
                    )
                    .with("item", &item),
                )
            })?)
        }
        Some(_) => {
            return Err(bad_fact(code, "item", format!("{code} takes no equipment")));
        }
        None => None,
    };
    let facts = Facts {
        severity: input.severity,
        quantity: input.quantity.unwrap_or(1),
        list_price_fen: item.as_ref().map(|i| i.price_fen),
        stated_fen: input.stated_fen,
    };
    check_facts(&body, &facts)?;

    let co = match trimmed(&input.co_employee_no) {
        Some(no) => {
            if body.named_co_penalty().is_none() {
                return Err(Problem::new(
                    ErrorCode::IncidentsCoPersonNotWanted,
                    format!("{code} has no co-penalty: leave the co-penalised person empty"),
                )
                .with("rule", code)
                .into());
            }
            let person = person_by_employee_no(conn, &no)?.ok_or_else(|| unknown_person(&no))?;
            if offender.as_ref().is_some_and(|o| o.person == person.person) {
                return Err(Problem::new(
                    ErrorCode::IncidentsCoPersonIsOffender,
                    format!("{no} is the offender and cannot be co-penalised"),
                )
                .with("employee_no", &no)
                .into());
            }
            Some(person)
        }
        None => {
            if body.named_co_penalty().is_some_and(|c| c.always) {
                return Err(Problem::new(
                    ErrorCode::IncidentsCoPersonRequired,
                    format!("{code} always co-penalises someone: name them"),
                )
                .with("rule", code)
                .into());
            }
            None
        }
    };

    let current_seq = options.existing.map_or(i64::MAX, |(id, _)| id);
    let current = Offence {
        ts: input.ts,
        local_date: date,
        seq: current_seq,
    };
    let mut lines = Vec::new();
    let mut earlier = Vec::new();
    let mut renumbers = Vec::new();
    let mut offence_no = None;
    match &offender {
        Some(o) => {
            let stored: Vec<_> = offences_of(conn, &o.person, code)?
                .into_iter()
                .filter(|(off, _, _)| off.seq != current_seq)
                .collect();
            if options.existing.is_none()
                && stored
                    .iter()
                    .any(|(off, status, _)| off.ts == input.ts && *status != IncidentStatus::Voided)
            {
                return Err(Problem::new(
                    ErrorCode::IncidentsDuplicate,
                    format!(
                        "{} {} {code} is already recorded",
                        input.ts.to_rfc3339(),
                        o.employee_no
                    ),
                )
                .with("ts", input.ts.with_timezone(&tz).format("%Y-%m-%d %H:%M"))
                .with("employee_no", &o.employee_no)
                .with("rule", code)
                .into());
            }
            let counted: Vec<Offence> = stored
                .iter()
                .filter(|(_, s, _)| *s != IncidentStatus::Voided)
                .map(|(o, _, _)| *o)
                .collect();
            let n = incidents::offence_no(body.period, &current, &counted);
            offence_no = Some(n);
            for (off, status, no) in &stored {
                if incidents::before(off, &current)
                    && incidents::in_window(body.period, &current, off)
                {
                    earlier.push(PriorOffence {
                        incident_id: off.seq,
                        ts: off.ts,
                        offence_no: *no,
                        status: *status,
                    });
                }
            }
            earlier.sort_by_key(|p| (p.ts, p.incident_id));
            let confirmed: Vec<Offence> = stored
                .iter()
                .filter(|(_, s, _)| *s == IncidentStatus::Confirmed)
                .map(|(o, _, _)| *o)
                .collect();
            renumbers = incidents::renumbered(body.period, &current, &confirmed)
                .map(|o| o.seq)
                .collect();
            renumbers.sort_unstable();

            let own = match options.override_lines {
                Some(given) => given.to_vec(),
                None => price(body.step(n), &facts),
            };
            for line in &own {
                lines.push(PlannedLine::new(o, line.clone(), Some(n), None));
            }
            for co_penalty in &body.co_penalties {
                let co_lines = if co_penalty.actions.is_empty() {
                    corresponding(&own)
                } else {
                    price(&co_penalty.actions, &facts)
                };
                let people: Vec<ScorePerson> = match co_penalty.party {
                    CoParty::Lead | CoParty::Manager => co.iter().cloned().collect(),
                    CoParty::ShiftTeam => match team_id {
                        Some(team) => on_shift(conn, team, input.ts)?
                            .into_iter()
                            .filter(|p| p.person != o.person)
                            .collect(),
                        None => Vec::new(),
                    },
                };
                for person in &people {
                    for line in &co_lines {
                        lines.push(PlannedLine::new(
                            person,
                            line.clone(),
                            Some(n),
                            Some(o.employee_no.clone()),
                        ));
                    }
                }
            }
        }
        None => {
            let team = team_id.unwrap_or_default();
            let members = on_shift(conn, team, input.ts)?;
            if members.is_empty() {
                let team_name: String = conn
                    .query_row("SELECT name FROM teams WHERE id = ?1", [team], |r| r.get(0))
                    .optional()?
                    .unwrap_or_else(|| team.to_string());
                return Err(Problem::new(
                    ErrorCode::IncidentsNobodyToSplit,
                    format!(
                        "nobody of {team_name} was rostered on a shift at {}",
                        input.ts.to_rfc3339()
                    ),
                )
                .with("team", team_name)
                .with("ts", input.ts.with_timezone(&tz).format("%Y-%m-%d %H:%M"))
                .into());
            }
            let total: i64 = price(body.step(1), &facts)
                .iter()
                .map(|l| l.amount_fen)
                .sum();
            let nos: Vec<String> = members.iter().map(|m| m.employee_no.clone()).collect();
            for (no, fen) in split_equally(total, &nos) {
                if let Some(m) = members.iter().find(|m| m.employee_no == no) {
                    lines.push(PlannedLine::new(
                        m,
                        Line {
                            action: incidents::ActionCode::Compensation,
                            kind: incidents::LineKind::Compensation,
                            amount_fen: fen,
                            percent: None,
                        },
                        None,
                        None,
                    ));
                }
            }
        }
    }

    // The legal cap, for everyone with a base pay who would pay something.
    let mut over = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for l in &lines {
        if seen.contains(&l.person.as_str()) {
            continue;
        }
        seen.push(&l.person);
        let Some(person) = person_by_key(conn, &l.person)? else {
            continue;
        };
        let Some(pay) = ledger::base_pay(conn, &person)? else {
            continue;
        };
        let adding: i64 = lines
            .iter()
            .filter(|x| x.person == l.person)
            .map(|x| deduction_fen(&x.line, pay))
            .sum();
        if adding == 0 {
            continue;
        }
        let total = month_deductions(conn, &l.person, date, pay)? + adding;
        let cap_percent = crate::policy::value_at(conn, "deduction_cap_percent", input.ts)?;
        if let Some(cap) = over_cap(pay, cap_percent, total) {
            over.push(CapWarning {
                employee_no: person.employee_no.clone(),
                name: person.name.clone(),
                month: date.format("%Y-%m").to_string(),
                pay_fen: pay,
                cap_fen: cap,
                total_fen: total,
            });
        }
    }

    Ok(Plan {
        offender,
        team_id,
        version_id,
        rule_id: judged.rule_id,
        body,
        local_date: date,
        facts,
        item_code: item.map(|i| i.code),
        co,
        offence_no,
        lines,
        earlier,
        renumbers,
        over_cap: over,
    })
}

impl Plan {
    pub(crate) fn preview(&self) -> IncidentPreview {
        IncidentPreview {
            rule_code: self.body.code.clone(),
            rule_name_zh: self.body.name_zh.clone(),
            rule_name_en: self.body.name_en.clone(),
            rule_version_id: self.version_id,
            offence_no: self.offence_no,
            lines: self.lines.iter().map(PlannedLine::view).collect(),
            earlier: self.earlier.clone(),
            renumbers: self.renumbers.clone(),
            over_cap: self.over_cap.clone(),
        }
    }
}
