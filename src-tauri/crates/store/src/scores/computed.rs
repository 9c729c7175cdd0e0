//! Computed items' values: worked out from the month's inputs while the month is open (so a late
//! sign-in on the board lowers the attendance item at once), read from the rows its publication
//! wrote once it is published (frozen).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use floordesk_domain::scores::{Centipoints, Formula, ScoreMonth};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use super::inputs::inputs_of;
use super::sheet::{SheetItems, current_publication, sheet_items};
use super::templates::templates_of_people;
use crate::{Result, Store};

/// One input a computed value came from.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct InputValue {
    pub name: String,
    pub value: f64,
}

/// A computed item's value for one person, with the inputs its formula named.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ComputedScore {
    pub item_id: i64,
    /// Hundredths of a point; None when the formula failed on this person's data.
    pub points: Option<Centipoints>,
    pub inputs: Vec<InputValue>,
    pub error: Option<String>,
}

/// The month's computed values by person.
#[derive(Debug, Default)]
pub(crate) struct ComputedItems {
    by_person: HashMap<String, Vec<ComputedScore>>,
}

impl ComputedItems {
    pub fn of(&self, person: &str) -> &[ComputedScore] {
        self.by_person.get(person).map_or(&[], Vec::as_slice)
    }

    pub fn get(&self, person: &str, item: i64) -> Option<&ComputedScore> {
        self.of(person).iter().find(|c| c.item_id == item)
    }

    /// Writes every value with the month's publication (inside its transaction).
    pub fn write(&self, tx: &Transaction<'_>, publication: i64) -> Result<()> {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO score_computed_values (publication_id, person, item_id, points, inputs, error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (person, scores) in &self.by_person {
            for c in scores {
                let inputs: serde_json::Map<String, serde_json::Value> = c
                    .inputs
                    .iter()
                    .map(|i| (i.name.clone(), serde_json::json!(i.value)))
                    .collect();
                stmt.execute(params![
                    publication,
                    person,
                    c.item_id,
                    c.points,
                    serde_json::Value::Object(inputs).to_string(),
                    c.error
                ])?;
            }
        }
        Ok(())
    }
}

fn published(conn: &Connection, publication: i64) -> Result<ComputedItems> {
    let mut out = ComputedItems::default();
    let mut stmt = conn.prepare_cached(
        "SELECT c.person, c.item_id, c.points, c.inputs, c.error
         FROM score_computed_values c JOIN score_items i ON i.id = c.item_id
         WHERE c.publication_id = ?1 ORDER BY c.person, i.position",
    )?;
    let rows = stmt.query_map(params![publication], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    // The inputs in the catalogue's order, as the formula named them.
    let order: Vec<String> = floordesk_domain::scores::formula_inputs()
        .into_iter()
        .map(|i| i.name)
        .collect();
    for row in rows {
        let (person, item_id, points, inputs, error) = row?;
        let inputs: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&inputs).unwrap_or_default();
        let inputs = order
            .iter()
            .filter_map(|name| {
                let value = inputs.get(name)?.as_f64()?;
                Some(InputValue {
                    name: name.clone(),
                    value,
                })
            })
            .collect();
        out.by_person
            .entry(person)
            .or_default()
            .push(ComputedScore {
                item_id,
                points,
                inputs,
                error,
            });
    }
    Ok(out)
}

/// Evaluates `formula` on one person's inputs, for an item worth `max_points`.
pub(crate) fn evaluate(
    formula: &Formula,
    item_id: i64,
    max_points: i64,
    values: &floordesk_domain::scores::InputValues,
) -> ComputedScore {
    let inputs = formula
        .inputs_used()
        .iter()
        .map(|name| InputValue {
            name: name.clone(),
            value: values.get(name).copied().unwrap_or(0.0),
        })
        .collect();
    match formula.evaluate(values, max_points) {
        Ok(points) => ComputedScore {
            item_id,
            points: Some(points),
            inputs,
            error: None,
        },
        Err(e) => ComputedScore {
            item_id,
            points: None,
            inputs,
            error: Some(e.to_string()),
        },
    }
}

impl Store {
    /// The month's computed values for everyone assessed: frozen once published, else worked out
    /// from the records as they stand at `at`.
    pub(crate) fn computed_items(
        &self,
        month: ScoreMonth,
        at: DateTime<Utc>,
    ) -> Result<ComputedItems> {
        let conn = self.conn();
        if let Some((publication, _)) = current_publication(conn, month)? {
            return published(conn, publication);
        }
        let templates = templates_of_people(conn, month)?;
        let mut sheets: HashMap<i64, SheetItems> = HashMap::new();
        let mut formulas: HashMap<i64, Vec<(i64, i64, Formula)>> = HashMap::new();
        for template in templates.values().collect::<HashSet<_>>() {
            sheet_items(conn, month, *template, false, &mut sheets)?;
            let compiled: Vec<(i64, i64, Formula)> = sheets[template]
                .items
                .iter()
                .filter(|i| i.computed)
                .filter_map(|i| {
                    // A stored formula was checked when saved; one that no longer compiles (a
                    // newer FloorDesk's) leaves the item blank rather than failing the month.
                    let f = Formula::compile(i.formula.as_deref()?).ok()?;
                    Some((i.id, i.max_points, f))
                })
                .collect();
            if !compiled.is_empty() {
                formulas.insert(*template, compiled);
            }
        }
        let mut out = ComputedItems::default();
        if formulas.is_empty() {
            return Ok(out);
        }
        let inputs = self.month_inputs(month, at)?;
        for (person, template) in &templates {
            let Some(items) = formulas.get(template) else {
                continue;
            };
            let values = inputs_of(&inputs, person);
            out.by_person.insert(
                person.clone(),
                items
                    .iter()
                    .map(|(id, max, f)| evaluate(f, *id, *max, &values))
                    .collect(),
            );
        }
        Ok(out)
    }
}

/// One person's value in a formula's preview.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct FormulaPreviewRow {
    pub employee_no: String,
    pub name: String,
    pub team_name: Option<String>,
    pub score: ComputedScore,
}

impl Store {
    /// What `formula` gives for an item worth `max_points`, for everyone assessed in `month` (the
    /// editor shows last month's), as the records stand at `at`. A formula that does not parse
    /// fails with `scores.formula_invalid` naming the line and column.
    pub fn preview_score_formula(
        &self,
        item: &str,
        formula: &str,
        max_points: i64,
        month: ScoreMonth,
        at: DateTime<Utc>,
    ) -> Result<Vec<FormulaPreviewRow>> {
        let compiled =
            Formula::compile(formula).map_err(|e| super::templates::formula_problem(item, &e))?;
        let conn = self.conn();
        let templates = templates_of_people(conn, month)?;
        let inputs = self.month_inputs(month, at)?;
        let mut rows: Vec<FormulaPreviewRow> = super::people::all_people(conn)?
            .into_iter()
            .filter(|p| templates.contains_key(&p.person))
            .map(|p| FormulaPreviewRow {
                score: evaluate(&compiled, 0, max_points, &inputs_of(&inputs, &p.person)),
                employee_no: p.employee_no,
                name: p.name,
                team_name: p.team_name,
            })
            .collect();
        rows.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
        Ok(rows)
    }
}

/// One of a person's computed items, as they see it on their result.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct MyComputedItem {
    pub item_id: i64,
    pub group: String,
    pub name: String,
    pub max_points: i64,
    pub formula: Option<String>,
    pub score: ComputedScore,
}

impl Store {
    /// The operator's own computed items of `month`, with the inputs each came from (an agent
    /// sees why their 出勤纪律 is what it is, whoever scores the item).
    pub fn my_computed_items(
        &self,
        month: ScoreMonth,
        actor: crate::Actor,
    ) -> Result<Vec<MyComputedItem>> {
        let me = self.operator_person(actor)?;
        let conn = self.conn();
        let Some(template) = templates_of_people(conn, month)?.get(&me.person).copied() else {
            return Ok(Vec::new());
        };
        let mut sheets: HashMap<i64, SheetItems> = HashMap::new();
        sheet_items(conn, month, template, false, &mut sheets)?;
        let values = self.computed_items(month, actor.at)?;
        Ok(sheets[&template]
            .items
            .iter()
            .filter(|i| i.computed)
            .filter_map(|i| {
                Some(MyComputedItem {
                    item_id: i.id,
                    group: i.group.clone(),
                    name: i.name.clone(),
                    max_points: i.max_points,
                    formula: i.formula.clone(),
                    score: values.get(&me.person, i.id)?.clone(),
                })
            })
            .collect())
    }
}
