//! Incidents as listed: a month, a team or a person, with the record in force and its lines,
//! the acknowledgement and the evidence.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::ledger::{month_bounds, planned_lines, record_in_force};
use super::record::{AckView, IncidentRow, IncidentSource, IncidentStatus};
use crate::{Result, Store, from_ms};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct IncidentQuery {
    /// `YYYY-MM` by the site-local date.
    pub month: Option<String>,
    pub team_id: Option<i64>,
    pub employee_no: Option<String>,
    /// One incident.
    pub id: Option<i64>,
}

fn source(text: &str) -> IncidentSource {
    match text {
        "board" => IncidentSource::Board,
        "import" => IncidentSource::Import,
        "demo" => IncidentSource::Demo,
        "scores" => IncidentSource::Scores,
        _ => IncidentSource::App,
    }
}

impl Store {
    /// Incidents newest first.
    pub fn incidents(&self, query: &IncidentQuery) -> Result<Vec<IncidentRow>> {
        let (first, next) = match &query.month {
            Some(m) => {
                let (a, b) = month_bounds(m)?;
                (a.to_string(), b.to_string())
            }
            None => ("0000-00-00".to_owned(), "9999-99-99".to_owned()),
        };
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT i.id, i.ts, i.local_date, i.employee_no, i.name, i.team_id, t.name, i.rule_code,
                    json_extract(v.body, '$.name_zh'), json_extract(v.body, '$.name_en'), i.rule_version_id,
                    i.severity, i.quantity, i.item_code, i.item_price_fen, i.co_employee_no, i.place, i.witness,
                    i.note, i.alert_ref, i.source, i.status, i.recorded_at, u.display_name,
                    EXISTS (SELECT 1 FROM ledger_records r WHERE r.incident_id = i.id AND r.kind = 'void')
             FROM incidents i JOIN incident_rule_versions v ON v.id = i.rule_version_id
             LEFT JOIN teams t ON t.id = i.team_id LEFT JOIN users u ON u.id = i.recorded_by
             WHERE i.local_date >= ?1 AND i.local_date < ?2 AND (?3 IS NULL OR i.team_id = ?3)
               AND (?4 IS NULL OR i.employee_no = ?4
                    OR EXISTS (SELECT 1 FROM ledger_records r JOIN ledger_lines l ON l.record_id = r.id
                               WHERE r.incident_id = i.id AND l.employee_no = ?4))
               AND (?5 IS NULL OR i.id = ?5)
             ORDER BY i.ts DESC, i.id DESC",
        )?;
        let mut rows = stmt
            .query_map(
                params![
                    first,
                    next,
                    query.team_id,
                    query.employee_no.as_deref(),
                    query.id
                ],
                |r| {
                    let date: String = r.get(2)?;
                    let status: String = r.get(21)?;
                    let voided: bool = r.get(24)?;
                    Ok(IncidentRow {
                        id: r.get(0)?,
                        ts: from_ms(r.get(1)?),
                        local_date: date.parse().unwrap_or_default(),
                        employee_no: r.get(3)?,
                        name: r.get(4)?,
                        team_id: r.get(5)?,
                        team_name: r.get(6)?,
                        rule_code: r.get(7)?,
                        rule_name_zh: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                        rule_name_en: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                        rule_version_id: r.get(10)?,
                        severity: r.get(11)?,
                        quantity: r.get(12)?,
                        item_code: r.get(13)?,
                        item_price_fen: r.get(14)?,
                        co_employee_no: r.get(15)?,
                        place: r.get(16)?,
                        witness: r.get(17)?,
                        note: r.get(18)?,
                        alert_ref: r.get(19)?,
                        source: source(&r.get::<_, String>(20)?),
                        status: match (status.as_str(), voided) {
                            (_, true) => IncidentStatus::Voided,
                            ("confirmed", _) => IncidentStatus::Confirmed,
                            ("discarded", _) => IncidentStatus::Discarded,
                            _ => IncidentStatus::Proposed,
                        },
                        recorded_at: from_ms(r.get(22)?),
                        recorded_by_name: r.get(23)?,
                        record_id: None,
                        offence_no: None,
                        lines: Vec::new(),
                        acknowledged: None,
                        evidence: Vec::new(),
                    })
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        for row in &mut rows {
            let shown = match record_in_force(conn, row.id)? {
                Some((id, kind, no)) if kind != "void" => {
                    row.record_id = Some(id);
                    row.offence_no = no;
                    Some(id)
                }
                _ => conn
                    .query_row(
                        "SELECT id, offence_no FROM ledger_records WHERE incident_id = ?1 AND kind <> 'void'
                         ORDER BY id DESC LIMIT 1",
                        [row.id],
                        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<u32>>(1)?)),
                    )
                    .optional()?
                    .map(|(id, no)| {
                        row.offence_no = no;
                        id
                    }),
            };
            if let Some(record) = shown {
                row.lines = planned_lines(conn, record)?
                    .iter()
                    .map(|l| l.view())
                    .collect();
            }
            row.acknowledged = conn
                .prepare_cached(
                    "SELECT a.mode, a.at, u.display_name FROM incident_acknowledgements a
                     LEFT JOIN users u ON u.id = a.witness_by WHERE a.incident_id = ?1",
                )?
                .query_row([row.id], |r| {
                    Ok(AckView {
                        signed: r.get::<_, String>(0)? == "signed",
                        at: from_ms(r.get(1)?),
                        witness_name: r.get(2)?,
                    })
                })
                .optional()?;
            let mut ev = conn.prepare_cached(
                "SELECT file_name FROM incident_evidence WHERE incident_id = ?1 ORDER BY id",
            )?;
            row.evidence = ev
                .query_map([row.id], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
        }
        Ok(rows)
    }
}

impl Store {
    /// Narrows a query to what `actor` may see: a team lead their team's records, an agent
    /// their own; supervisors, managers and the system everything.
    fn narrow(
        &self,
        actor: crate::Actor,
        team_id: &mut Option<i64>,
        employee_no: &mut Option<String>,
    ) -> Result<()> {
        match self.reach_of(actor)? {
            crate::reach::Reach::Everyone => {}
            crate::reach::Reach::Team { team_id: team, .. } => *team_id = Some(team.unwrap_or(-1)),
            crate::reach::Reach::Own { employee_no: own } => *employee_no = Some(own),
        }
        Ok(())
    }

    /// [`Store::incidents`] as `actor` may see them.
    pub fn incidents_seen_by(
        &self,
        query: &IncidentQuery,
        actor: crate::Actor,
    ) -> Result<Vec<IncidentRow>> {
        let mut query = query.clone();
        self.narrow(actor, &mut query.team_id, &mut query.employee_no)?;
        self.incidents(&query)
    }

    /// [`Store::ledger_lines`] as `actor` may see them.
    pub fn ledger_lines_seen_by(
        &self,
        query: &super::LedgerQuery,
        actor: crate::Actor,
    ) -> Result<Vec<super::LedgerLine>> {
        let mut query = query.clone();
        self.narrow(actor, &mut query.team_id, &mut query.employee_no)?;
        self.ledger_lines(&query)
    }

    /// Refuses `actor` a record about someone outside their reach.
    pub fn check_incident_reach(
        &self,
        employee_no: Option<&str>,
        team_id: Option<i64>,
        actor: crate::Actor,
    ) -> Result<()> {
        let (mut team, mut own) = (None, None);
        self.narrow(actor, &mut team, &mut own)?;
        let person_team = match employee_no {
            Some(no) => self.agent_by_employee_no(no)?.map(|a| a.team_id),
            None => team_id,
        };
        let known = match employee_no {
            Some(no) => crate::scores::people::person_by_employee_no(self.conn(), no)?.is_some(),
            None => team_id.is_some(),
        };
        let inside = match (team, own) {
            // Someone the store does not know is refused there, by name.
            _ if !known => true,
            (Some(t), _) => person_team == Some(t),
            (_, Some(o)) => employee_no == Some(o.as_str()),
            _ => true,
        };
        if inside {
            Ok(())
        } else {
            Err(floordesk_domain::Problem::new(
                floordesk_domain::ErrorCode::AuthForbidden,
                "this person is outside your team",
            )
            .into())
        }
    }
}
