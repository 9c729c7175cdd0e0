//! 投诉分析 (seed 001: 分析改进; seed 003: 客户投诉率低于5%): complaints in a range of months by
//! cause, agent, team and month, and the complaint rate where the contacts handled were entered.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use floordesk_domain::complaints::complaint_rate_bp;
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit::Audit;
use crate::incidents::ledger::month_bounds;
use crate::{Actor, Result, Store, to_ms};

/// Complaints of one group: all received, and those ruled valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ComplaintCount {
    /// The cause code, the 工号, or empty for "none yet" (not closed, not routed to an agent).
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub total: u32,
    pub valid: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TeamCount {
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub total: u32,
    pub valid: u32,
    /// Contacts entered for the team over the range (none: not entered).
    pub contacts: Option<u64>,
    /// Complaints per 10,000 contacts (basis points of the rate).
    pub rate_bp: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct MonthCauseCount {
    pub cause_code: String,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct MonthCount {
    pub month: String,
    pub total: u32,
    pub valid: u32,
    /// Closed complaints of the month by cause.
    pub by_cause: Vec<MonthCauseCount>,
    pub contacts: Option<u64>,
    pub rate_bp: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ComplaintAnalysis {
    pub from_month: String,
    pub to_month: String,
    pub total: u32,
    pub valid: u32,
    pub open: u32,
    /// Every cause of the list (retired ones only when used), then "not closed yet" (key "").
    pub by_cause: Vec<ComplaintCount>,
    /// Agents with at least one complaint, most first.
    pub by_agent: Vec<ComplaintCount>,
    pub by_team: Vec<TeamCount>,
    pub by_month: Vec<MonthCount>,
    pub contacts: Option<u64>,
    pub rate_bp: Option<u32>,
}

/// The contacts a team handled in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactsInput {
    pub month: String,
    pub team_id: i64,
    pub contacts: u64,
}

struct Row {
    month: String,
    valid: bool,
    closed: bool,
    cause: Option<String>,
    employee_no: Option<String>,
    name: Option<String>,
    team_id: Option<i64>,
    team_name: Option<String>,
}

fn add(map: &mut BTreeMap<String, (u32, u32)>, key: &str, valid: bool) {
    let e = map.entry(key.to_owned()).or_default();
    e.0 += 1;
    e.1 += u32::from(valid);
}

impl Store {
    /// Complaints received in the months `from_month..=to_month` (`YYYY-MM`).
    pub fn complaint_analysis(
        &self,
        from_month: &str,
        to_month: &str,
    ) -> Result<ComplaintAnalysis> {
        let (first, _) = month_bounds(from_month)?;
        let (last, next) = month_bounds(to_month)?;
        if last < first {
            return Err(Problem::new(
                ErrorCode::ComplaintsInvalid,
                "the range ends before it starts",
            )
            .with("field", "to_month")
            .into());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT substr(c.local_date, 1, 7), coalesce(c.valid, 0), c.status = 'closed', c.cause_code,
                    c.employee_no, c.name, c.team_id, t.name
             FROM complaints c LEFT JOIN teams t ON t.id = c.team_id
             WHERE c.local_date >= ?1 AND c.local_date < ?2",
        )?;
        let rows: Vec<Row> = stmt
            .query_map(params![first.to_string(), next.to_string()], |r| {
                Ok(Row {
                    month: r.get(0)?,
                    valid: r.get(1)?,
                    closed: r.get(2)?,
                    cause: r.get(3)?,
                    employee_no: r.get(4)?,
                    name: r.get(5)?,
                    team_id: r.get(6)?,
                    team_name: r.get(7)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let contacts = self.contacts_between(&first, &next)?;

        let mut causes: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        let mut agents: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        let mut agent_names: BTreeMap<String, String> = BTreeMap::new();
        let mut teams: BTreeMap<Option<i64>, (Option<String>, u32, u32)> = BTreeMap::new();
        let mut months: BTreeMap<String, (u32, u32, BTreeMap<String, u32>)> = BTreeMap::new();
        let mut month = first;
        while month < next {
            months.insert(month.format("%Y-%m").to_string(), Default::default());
            month = month + chrono::Months::new(1);
        }
        for r in &rows {
            add(&mut causes, r.cause.as_deref().unwrap_or(""), r.valid);
            if let Some(no) = &r.employee_no {
                add(&mut agents, no, r.valid);
                agent_names.insert(no.clone(), r.name.clone().unwrap_or_default());
            }
            let t = teams
                .entry(r.team_id)
                .or_insert((r.team_name.clone(), 0, 0));
            t.1 += 1;
            t.2 += u32::from(r.valid);
            let m = months.entry(r.month.clone()).or_default();
            m.0 += 1;
            m.1 += u32::from(r.valid);
            if r.closed
                && let Some(cause) = &r.cause
            {
                *m.2.entry(cause.clone()).or_default() += 1;
            }
        }

        let list = self.complaint_causes()?;
        let mut by_cause: Vec<ComplaintCount> = list
            .iter()
            .filter(|c| c.active || causes.contains_key(&c.code))
            .map(|c| {
                let (total, valid) = causes.get(&c.code).copied().unwrap_or_default();
                ComplaintCount {
                    key: c.code.clone(),
                    name_zh: c.name_zh.clone(),
                    name_en: c.name_en.clone(),
                    total,
                    valid,
                }
            })
            .collect();
        let (open_total, open_valid) = causes.get("").copied().unwrap_or_default();
        by_cause.push(ComplaintCount {
            key: String::new(),
            name_zh: "未结案".into(),
            name_en: "Not closed".into(),
            total: open_total,
            valid: open_valid,
        });

        let mut by_agent: Vec<ComplaintCount> = agents
            .into_iter()
            .map(|(no, (total, valid))| ComplaintCount {
                name_zh: agent_names.get(&no).cloned().unwrap_or_default(),
                name_en: agent_names.get(&no).cloned().unwrap_or_default(),
                key: no,
                total,
                valid,
            })
            .collect();
        by_agent.sort_by(|a, b| b.total.cmp(&a.total).then(a.key.cmp(&b.key)));

        let team_contacts = |team: Option<i64>| -> Option<u64> {
            let found: Vec<u64> = contacts
                .iter()
                .filter(|(_, t, _)| Some(*t) == team)
                .map(|c| c.2)
                .collect();
            (!found.is_empty()).then(|| found.iter().sum())
        };
        let by_team: Vec<TeamCount> = teams
            .into_iter()
            .map(|(team_id, (team_name, total, valid))| {
                let c = team_contacts(team_id);
                TeamCount {
                    team_id,
                    team_name,
                    total,
                    valid,
                    contacts: c,
                    rate_bp: c.and_then(|c| complaint_rate_bp(total, c)),
                }
            })
            .collect();
        let by_month: Vec<MonthCount> = months
            .into_iter()
            .map(|(month, (total, valid, by))| {
                let found: Vec<u64> = contacts
                    .iter()
                    .filter(|(m, _, _)| *m == month)
                    .map(|c| c.2)
                    .collect();
                let c = (!found.is_empty()).then(|| found.iter().sum::<u64>());
                MonthCount {
                    month,
                    total,
                    valid,
                    by_cause: by
                        .into_iter()
                        .map(|(cause_code, total)| MonthCauseCount { cause_code, total })
                        .collect(),
                    contacts: c,
                    rate_bp: c.and_then(|c| complaint_rate_bp(total, c)),
                }
            })
            .collect();
        let total = rows.len() as u32;
        let all_contacts = (!contacts.is_empty()).then(|| contacts.iter().map(|c| c.2).sum());
        Ok(ComplaintAnalysis {
            from_month: from_month.to_owned(),
            to_month: to_month.to_owned(),
            total,
            valid: rows.iter().filter(|r| r.valid).count() as u32,
            open: rows.iter().filter(|r| !r.closed).count() as u32,
            by_cause,
            by_agent,
            by_team,
            by_month,
            contacts: all_contacts,
            rate_bp: all_contacts.and_then(|c| complaint_rate_bp(total, c)),
        })
    }

    /// (month, team, contacts) entered for months in `first..next`.
    fn contacts_between(
        &self,
        first: &NaiveDate,
        next: &NaiveDate,
    ) -> Result<Vec<(String, i64, u64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT month, team_id, contacts FROM complaint_contacts WHERE month >= ?1 AND month < ?2 ORDER BY month, team_id",
        )?;
        let rows = stmt
            .query_map(
                params![
                    first.format("%Y-%m").to_string(),
                    next.format("%Y-%m").to_string()
                ],
                |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?.max(0) as u64)),
            )?
            .collect::<std::result::Result<_, _>>()?;
        Ok(rows)
    }

    /// Every team's contacts entered for `month`.
    pub fn complaint_contacts(&self, month: &str) -> Result<Vec<ContactsInput>> {
        month_bounds(month)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT month, team_id, contacts FROM complaint_contacts WHERE month = ?1 ORDER BY team_id",
        )?;
        let rows = stmt
            .query_map([month], |r| {
                Ok(ContactsInput {
                    month: r.get(0)?,
                    team_id: r.get(1)?,
                    contacts: r.get::<_, i64>(2)?.max(0) as u64,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(rows)
    }

    /// Sets the contacts a team handled in a month (the complaint rate's base).
    pub fn set_complaint_contacts(&mut self, input: &ContactsInput, actor: Actor) -> Result<()> {
        month_bounds(&input.month)?;
        let contacts = i64::try_from(input.contacts).map_err(|_| {
            crate::StoreError::from(
                Problem::new(ErrorCode::ComplaintsInvalid, "too many contacts")
                    .with("field", "contacts"),
            )
        })?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO complaint_contacts (month, team_id, contacts) VALUES (?1, ?2, ?3)
                 ON CONFLICT(month, team_id) DO UPDATE SET contacts = ?3",
                params![input.month, input.team_id, contacts],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "set_contacts",
                entity: "team",
                entity_id: Some(input.team_id),
                detail: Some(format!("{} {}", input.month, input.contacts)),
            }
            .record(tx)
        })
    }
}
