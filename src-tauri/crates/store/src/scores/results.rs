//! A month's results: computed from the scores as they stand while the month is open, read from
//! the rows its publication wrote once it is published.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use chrono::{DateTime, Utc};
use floordesk_domain::scores::{
    AssessmentWindow, Grade, ItemSpec, PersonMonth, PersonResult, RaterRole, RaterSheet,
    ScoreMonth, ScoreRules, WindowPhase, month_results,
};
use rusqlite::{Connection, params};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::computed::ComputedItems;
use super::people::{ScorePerson, all_people};
use super::sheet::{SheetItems, current_publication, sheet_items};
use super::templates::ScoreItemRow;
use super::templates::templates_of_people;
use crate::{Result, Store, from_ms};

/// The three role scores, 0–100 with 2 decimals (None: no counted rater).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct RoleScores {
    #[serde(rename = "self")]
    pub self_score: Option<f64>,
    pub superior: Option<f64>,
    pub peer: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ResultRow {
    pub person: String,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub template_id: i64,
    pub template_name: String,
    pub scores: RoleScores,
    pub composite: Option<f64>,
    /// The composite exactly, as text ('89.99'): what exports and the CLI print.
    pub composite_text: Option<String>,
    pub grade: Option<Grade>,
    pub rank: Option<u32>,
    pub team_rank: Option<u32>,
    pub complete: bool,
    pub exception: bool,
    /// Roles the template has items for that have no counted rater yet.
    pub missing: Vec<RaterRole>,
    /// Raters per role (self, superior, peer) whose sheet is full, and who began one.
    pub counted: [u32; 3],
    pub partial: [u32; 3],
    /// The person's answer before publication: confirm or appeal (with their words).
    pub response: Option<super::ScoreResponseKind>,
    pub response_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct MonthResults {
    pub month: String,
    pub published: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub window: AssessmentWindow,
    pub phase: WindowPhase,
    /// Sorted by 工号.
    pub rows: Vec<ResultRow>,
}

fn to_f64(d: Option<Decimal>) -> Option<f64> {
    d.and_then(|d| d.to_f64())
}

fn text(d: Option<Decimal>) -> Option<String> {
    d.map(|d| format!("{:.2}", d))
}

/// A person's sheets: (role, rater) → (item, points).
type SheetsOfPerson = HashMap<(RaterRole, String), Vec<(i64, i64)>>;

/// The month's results as the scores stand, with the people and template versions used.
pub(crate) struct Computed {
    pub results: Vec<PersonResult>,
    pub people: HashMap<String, ScorePerson>,
    pub versions: HashMap<i64, i64>,
    pub template_names: HashMap<i64, String>,
}

pub(crate) fn compute(
    conn: &Connection,
    month: ScoreMonth,
    rules: &ScoreRules,
    values: &ComputedItems,
) -> Result<Computed> {
    let templates = templates_of_people(conn, month)?;
    let people: HashMap<String, ScorePerson> = all_people(conn)?
        .into_iter()
        .filter(|p| templates.contains_key(&p.person))
        .map(|p| (p.person.clone(), p))
        .collect();
    let mut sheets: HashMap<i64, SheetItems> = HashMap::new();
    let mut specs: HashMap<i64, Vec<ItemSpec>> = HashMap::new();
    for template in templates.values().collect::<HashSet<_>>() {
        sheet_items(conn, month, *template, false, &mut sheets)?;
        specs.insert(
            *template,
            sheets[template]
                .items
                .iter()
                .map(|i| ItemSpec {
                    item: i.id,
                    max_points: i.max_points,
                    roles: i.roles,
                })
                .collect(),
        );
    }
    let mut by_sheet: HashMap<String, SheetsOfPerson> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT ratee, role, rater, item_id, points FROM scores WHERE month = ?1",
        )?;
        let mut rows = stmt.query(params![month.to_string()])?;
        while let Some(r) = rows.next()? {
            let ratee: String = r.get(0)?;
            let Some(role) = RaterRole::parse(r.get_ref(1)?.as_str().unwrap_or_default()) else {
                continue;
            };
            by_sheet
                .entry(ratee)
                .or_default()
                .entry((role, r.get(2)?))
                .or_default()
                .push((r.get(3)?, r.get(4)?));
        }
    }
    let exceptions: HashSet<String> = {
        let mut stmt =
            conn.prepare_cached("SELECT person FROM score_exceptions WHERE month = ?1")?;
        let rows = stmt.query_map(params![month.to_string()], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut months: Vec<PersonMonth> = people
        .values()
        .map(|p| {
            let items = &sheets[&templates[&p.person]].items;
            PersonMonth {
                person: p.person.clone(),
                template: templates[&p.person],
                team: p.team_id,
                exception: exceptions.contains(&p.person),
                sheets: with_computed(
                    by_sheet.remove(&p.person).unwrap_or_default(),
                    items,
                    &p.person,
                    values,
                ),
            }
        })
        .collect();
    months.sort_by(|a, b| a.person.cmp(&b.person));
    let results = month_results(&specs, &months, rules);
    let mut template_names = HashMap::new();
    {
        let mut stmt = conn.prepare_cached("SELECT id, name FROM score_templates")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            template_names.insert(id, name);
        }
    }
    Ok(Computed {
        results,
        people,
        versions: sheets.iter().map(|(t, s)| (*t, s.version_id)).collect(),
        template_names,
    })
}

/// A person's sheets with the computed items filled in: every rater of a role that scores a
/// computed item gets its value (read-only on their sheet), and a role whose items are all
/// computed has one sheet of them without a rater typing anything.
fn with_computed(
    typed: SheetsOfPerson,
    items: &[ScoreItemRow],
    person: &str,
    values: &ComputedItems,
) -> Vec<RaterSheet> {
    let computed: Vec<(&ScoreItemRow, Option<i64>)> = items
        .iter()
        .filter(|i| i.computed)
        .map(|i| (i, values.get(person, i.id).and_then(|c| c.points)))
        .collect();
    let mut sheets: Vec<RaterSheet> = typed
        .into_iter()
        .map(|((role, rater), scores)| RaterSheet {
            role,
            rater,
            scores,
        })
        .collect();
    if computed.is_empty() {
        return sheets;
    }
    for role in RaterRole::ALL {
        let of_role: Vec<(i64, i64)> = computed
            .iter()
            .filter(|(i, _)| i.roles.contains(role))
            .filter_map(|(i, points)| Some((i.id, (*points)?)))
            .collect();
        let entered = items.iter().any(|i| !i.computed && i.roles.contains(role));
        let mut any = false;
        for sheet in sheets.iter_mut().filter(|s| s.role == role) {
            sheet
                .scores
                .retain(|(item, _)| !computed.iter().any(|(c, _)| c.id == *item));
            sheet.scores.extend(&of_role);
            any = true;
        }
        if !any && !entered && !of_role.is_empty() {
            sheets.push(RaterSheet {
                role,
                rater: COMPUTED_RATER.into(),
                scores: of_role,
            });
        }
    }
    sheets
}

/// The rater of a role whose items are all computed.
pub(crate) const COMPUTED_RATER: &str = "computed";

fn responses(
    conn: &Connection,
    month: ScoreMonth,
) -> Result<HashMap<String, (super::ScoreResponseKind, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person, kind, note FROM score_responses WHERE month = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![month.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (person, kind, note) = row?;
        let kind = if kind == "appeal" {
            super::ScoreResponseKind::Appeal
        } else {
            super::ScoreResponseKind::Confirm
        };
        out.insert(person, (kind, note));
    }
    Ok(out)
}

pub(crate) fn result_rows(
    conn: &Connection,
    month: ScoreMonth,
    computed: &Computed,
) -> Result<Vec<ResultRow>> {
    let answers = responses(conn, month)?;
    let mut rows: Vec<ResultRow> = computed
        .results
        .iter()
        .filter_map(|r| {
            let p = computed.people.get(&r.person)?;
            let answer = answers.get(&r.person);
            Some(ResultRow {
                person: r.person.clone(),
                employee_no: p.employee_no.clone(),
                name: p.name.clone(),
                team_id: p.team_id,
                team_name: p.team_name.clone(),
                template_id: r.template,
                template_name: computed
                    .template_names
                    .get(&r.template)
                    .cloned()
                    .unwrap_or_default(),
                scores: RoleScores {
                    self_score: to_f64(r.role(RaterRole::SelfRating).score),
                    superior: to_f64(r.role(RaterRole::Superior).score),
                    peer: to_f64(r.role(RaterRole::Peer).score),
                },
                composite: to_f64(r.composite),
                composite_text: text(r.composite),
                grade: r.grade,
                rank: r.rank,
                team_rank: r.team_rank,
                complete: r.complete,
                exception: r.exception,
                missing: r.missing(),
                counted: r.roles.map(|t| t.counted),
                partial: r.roles.map(|t| t.partial),
                response: answer.map(|a| a.0),
                response_note: answer.and_then(|a| a.1.clone()),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
    Ok(rows)
}

/// The rows a publication wrote.
fn published_rows(
    conn: &Connection,
    month: ScoreMonth,
    publication: i64,
) -> Result<Vec<ResultRow>> {
    let answers = responses(conn, month)?;
    let dec = |t: Option<String>| t.and_then(|t| Decimal::from_str(&t).ok());
    let mut stmt = conn.prepare_cached(
        "SELECT r.person, r.employee_no, r.name, r.team_id, r.team_name, r.template_id, t.name,
                r.self_score, r.superior_score, r.peer_score, r.composite, r.grade, r.rank,
                r.team_rank, r.complete, r.exception
         FROM score_results r JOIN score_templates t ON t.id = r.template_id
         WHERE r.publication_id = ?1 ORDER BY r.employee_no",
    )?;
    let rows = stmt.query_map(params![publication], |r| {
        let person: String = r.get(0)?;
        let scores = [dec(r.get(7)?), dec(r.get(8)?), dec(r.get(9)?)];
        let composite = dec(r.get(10)?);
        let grade: Option<String> = r.get(11)?;
        Ok(ResultRow {
            employee_no: r.get(1)?,
            name: r.get(2)?,
            team_id: r.get(3)?,
            team_name: r.get(4)?,
            template_id: r.get(5)?,
            template_name: r.get(6)?,
            scores: RoleScores {
                self_score: to_f64(scores[0]),
                superior: to_f64(scores[1]),
                peer: to_f64(scores[2]),
            },
            composite: to_f64(composite),
            composite_text: text(composite),
            grade: grade.as_deref().and_then(Grade::parse),
            rank: r.get(12)?,
            team_rank: r.get(13)?,
            complete: r.get(14)?,
            exception: r.get(15)?,
            missing: RaterRole::ALL
                .into_iter()
                .zip(scores)
                .filter(|(_, s)| s.is_none())
                .map(|(role, _)| role)
                .collect(),
            counted: [0; 3],
            partial: [0; 3],
            response: answers.get(&person).map(|a| a.0),
            response_note: answers.get(&person).and_then(|a| a.1.clone()),
            person,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// The month's results: as published, or as the scores stand now (by the rules in force at
    /// `at`).
    pub fn month_results(&self, month: ScoreMonth, at: DateTime<Utc>) -> Result<MonthResults> {
        let conn = self.conn();
        let today = at.with_timezone(&self.require_site()?.tz()).date_naive();
        let window = self.assessment_window(month, at)?;
        let (rows, published_at) = match current_publication(conn, month)? {
            Some((publication, at)) => {
                (published_rows(conn, month, publication)?, Some(from_ms(at)))
            }
            None => {
                let values = self.computed_items(month, at)?;
                let computed = compute(conn, month, &self.score_rules(at)?, &values)?;
                (result_rows(conn, month, &computed)?, None)
            }
        };
        Ok(MonthResults {
            month: month.to_string(),
            published: published_at.is_some(),
            published_at,
            window,
            phase: window.phase(today),
            rows,
        })
    }
}
