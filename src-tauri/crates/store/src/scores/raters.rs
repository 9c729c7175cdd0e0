//! Who rates whom in a month. By default: the person themselves (自评) and, as superior, their
//! team's agents whose user role is 班长 (`team_lead`); a 班长's superior, or anyone's whose team
//! has no 班长, is every supervisor and manager; a supervisor's, every manager. Beyond that, the
//! raters a lead or supervisor assigned (小组 raters, other superiors) and those an imported sheet
//! made.

use std::collections::{BTreeMap, HashMap};

use floordesk_domain::access::Role;
use floordesk_domain::scores::{RaterRole, ScoreMonth};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::people::{ScorePerson, all_people, person_by_key, unknown_person};
use super::require_unpublished;
use super::templates::templates_of_people;
use crate::audit::Audit;
use crate::{Actor, Result, Store, to_ms};

/// Why someone rates someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RaterSource {
    /// Self, or the superior the team's 班长 (or the supervisors) are by default.
    Default,
    Assigned,
    Import,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RaterAssignment {
    pub ratee: String,
    pub ratee_employee_no: String,
    pub ratee_name: String,
    pub role: RaterRole,
    pub rater: String,
    pub rater_employee_no: String,
    pub rater_name: String,
    pub source: RaterSource,
}

/// Someone a rater rates, in a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RateeOfRater {
    pub ratee: String,
    pub role: RaterRole,
}

/// The month's raters: (ratee, role) → raters with why, for everyone with a template.
pub(crate) struct MonthRaters {
    pub by_ratee: BTreeMap<(String, RaterRole), Vec<(String, RaterSource)>>,
    pub people: HashMap<String, ScorePerson>,
    pub templates: HashMap<String, i64>,
}

impl MonthRaters {
    pub fn rates(&self, rater: &str, ratee: &str, role: RaterRole) -> bool {
        self.by_ratee
            .get(&(ratee.to_owned(), role))
            .is_some_and(|raters| raters.iter().any(|(r, _)| r == rater))
    }
}

pub(crate) fn month_raters(conn: &Connection, month: ScoreMonth) -> Result<MonthRaters> {
    let people: HashMap<String, ScorePerson> = all_people(conn)?
        .into_iter()
        .map(|p| (p.person.clone(), p))
        .collect();
    let templates = templates_of_people(conn, month)?;
    let active = |p: &&ScorePerson| p.active;
    let mut leads_of_team: HashMap<i64, Vec<String>> = HashMap::new();
    for p in people.values().filter(active) {
        if let (Some(team), Some(Role::TeamLead)) = (p.team_id, p.role) {
            leads_of_team
                .entry(team)
                .or_default()
                .push(p.person.clone());
        }
    }
    let with_role = |roles: &[Role]| -> Vec<String> {
        let mut found: Vec<String> = people
            .values()
            .filter(active)
            .filter(|p| p.role.is_some_and(|r| roles.contains(&r)))
            .map(|p| p.person.clone())
            .collect();
        found.sort();
        found
    };
    let heads = with_role(&[Role::Supervisor, Role::Manager]);
    let managers = with_role(&[Role::Manager]);

    let mut by_ratee: BTreeMap<(String, RaterRole), Vec<(String, RaterSource)>> = BTreeMap::new();
    for person in templates.keys() {
        let Some(p) = people.get(person) else {
            continue;
        };
        by_ratee
            .entry((person.clone(), RaterRole::SelfRating))
            .or_default()
            .push((person.clone(), RaterSource::Default));
        let superiors: Vec<String> = match p.role {
            Some(Role::Manager) => Vec::new(),
            Some(Role::Supervisor) => managers.clone(),
            Some(Role::TeamLead) => heads.clone(),
            _ => match p.team_id.and_then(|t| leads_of_team.get(&t)) {
                Some(leads) if !leads.is_empty() => {
                    let mut leads = leads.clone();
                    leads.sort();
                    leads
                }
                _ => heads.clone(),
            },
        };
        let entry = by_ratee
            .entry((person.clone(), RaterRole::Superior))
            .or_default();
        for s in superiors.into_iter().filter(|s| s != person) {
            entry.push((s, RaterSource::Default));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT ratee, role, rater, source FROM score_raters WHERE month = ?1 ORDER BY rater",
    )?;
    let stored = stmt.query_map(params![month.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in stored {
        let (ratee, role, rater, source) = row?;
        let Some(role) = RaterRole::parse(&role) else {
            continue;
        };
        let source = if source == "import" {
            RaterSource::Import
        } else {
            RaterSource::Assigned
        };
        let raters = by_ratee.entry((ratee, role)).or_default();
        if !raters.iter().any(|(r, _)| *r == rater) {
            raters.push((rater, source));
        }
    }
    Ok(MonthRaters {
        by_ratee,
        people,
        templates,
    })
}

/// Inserts a stored rater row (assigned or from an import) unless it is there already.
pub(crate) fn insert_rater(
    conn: &Connection,
    month: ScoreMonth,
    ratee: &str,
    role: RaterRole,
    rater: &str,
    source: RaterSource,
    actor: Actor,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO score_raters (month, ratee, role, rater, source, assigned_at, assigned_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        month.to_string(),
        ratee,
        role.as_str(),
        rater,
        if source == RaterSource::Import { "import" } else { "assigned" },
        to_ms(actor.at),
        actor.user_id
    ])?;
    Ok(())
}

impl Store {
    /// Everyone's raters for the month, sorted by the rated person's 工号, role, rater's 工号.
    pub fn month_raters(&self, month: ScoreMonth) -> Result<Vec<RaterAssignment>> {
        let raters = month_raters(self.conn(), month)?;
        let mut out = Vec::new();
        for ((ratee, role), list) in &raters.by_ratee {
            let Some(r) = raters.people.get(ratee) else {
                continue;
            };
            for (rater, source) in list {
                let Some(p) = raters.people.get(rater) else {
                    continue;
                };
                out.push(RaterAssignment {
                    ratee: ratee.clone(),
                    ratee_employee_no: r.employee_no.clone(),
                    ratee_name: r.name.clone(),
                    role: *role,
                    rater: rater.clone(),
                    rater_employee_no: p.employee_no.clone(),
                    rater_name: p.name.clone(),
                    source: *source,
                });
            }
        }
        out.sort_by(|a, b| {
            (&a.ratee_employee_no, a.role, &a.rater_employee_no).cmp(&(
                &b.ratee_employee_no,
                b.role,
                &b.rater_employee_no,
            ))
        });
        Ok(out)
    }

    /// Whom `rater` rates this month, and in which role.
    pub fn ratees_of(&self, month: ScoreMonth, rater: &str) -> Result<Vec<RateeOfRater>> {
        let raters = month_raters(self.conn(), month)?;
        Ok(raters
            .by_ratee
            .iter()
            .filter(|(_, list)| list.iter().any(|(r, _)| r == rater))
            .map(|((ratee, role), _)| RateeOfRater {
                ratee: ratee.clone(),
                role: *role,
            })
            .collect())
    }

    /// Makes `rater` a superior or 小组 rater of `ratee` for the month. Self is never a 小组
    /// rater (`scores.self_as_peer`); a self role is not assigned (everyone rates themselves).
    pub fn assign_rater(
        &mut self,
        month: ScoreMonth,
        ratee: &str,
        role: RaterRole,
        rater: &str,
        actor: Actor,
    ) -> Result<()> {
        let ratee_p = person_by_key(self.conn(), ratee)?.ok_or_else(|| unknown_person(ratee))?;
        let rater_p = person_by_key(self.conn(), rater)?.ok_or_else(|| unknown_person(rater))?;
        if role == RaterRole::SelfRating || ratee == rater {
            return Err(Problem::new(
                ErrorCode::ScoresSelfAsPeer,
                format!("{} rates themselves only as 自评", ratee_p.employee_no),
            )
            .with("employee_no", &ratee_p.employee_no)
            .into());
        }
        self.write(|tx| {
            require_unpublished(tx, month)?;
            insert_rater(tx, month, ratee, role, rater, RaterSource::Assigned, actor)?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "assign_rater",
                entity: "score_raters",
                entity_id: None,
                detail: Some(format!(
                    "{month} {} {} {}",
                    ratee_p.employee_no,
                    role.as_str(),
                    rater_p.employee_no
                )),
            }
            .record(tx)
        })
    }

    /// Takes back an assigned rater; what they entered for that person in that role is cleared
    /// (each value kept in the change history).
    pub fn remove_rater(
        &mut self,
        month: ScoreMonth,
        ratee: &str,
        role: RaterRole,
        rater: &str,
        actor: Actor,
    ) -> Result<()> {
        self.write(|tx| {
            require_unpublished(tx, month)?;
            let removed = tx.execute(
                "DELETE FROM score_raters WHERE month = ?1 AND ratee = ?2 AND role = ?3 AND rater = ?4",
                params![month.to_string(), ratee, role.as_str(), rater],
            )?;
            if removed == 0 {
                return Err(Problem::new(
                    ErrorCode::NotFound,
                    format!("{rater} is not an assigned {} rater of {ratee}", role.as_str()),
                )
                .with("entity", "score_rater")
                .with("id", rater)
                .into());
            }
            let at = to_ms(actor.at);
            tx.execute(
                "INSERT INTO score_changes (month, ratee, role, rater, item_id, old_points, new_points,
                                            changed_at, changed_by, source)
                 SELECT month, ratee, role, rater, item_id, points, NULL, ?5, ?6, 'entry'
                 FROM scores WHERE month = ?1 AND ratee = ?2 AND role = ?3 AND rater = ?4",
                params![month.to_string(), ratee, role.as_str(), rater, at, actor.user_id],
            )?;
            tx.execute(
                "DELETE FROM scores WHERE month = ?1 AND ratee = ?2 AND role = ?3 AND rater = ?4",
                params![month.to_string(), ratee, role.as_str(), rater],
            )?;
            Audit {
                at_ms: at,
                user_id: actor.user_id,
                action: "remove_rater",
                entity: "score_raters",
                entity_id: None,
                detail: Some(format!("{month} {ratee} {} {rater}", role.as_str())),
            }
            .record(tx)
        })
    }
}
