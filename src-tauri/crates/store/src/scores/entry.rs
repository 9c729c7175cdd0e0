//! Score entry: a rater's sheet (the people they rate × the items their role scores) and the
//! cells they type, saved as they go. A value is checked against the item's maximum, the rater
//! against the month's raters, the month against publication and the window; every value
//! written, replaced or cleared is kept in `score_changes` with who and when.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use floordesk_domain::scores::{AssessmentWindow, Centipoints, RaterRole, ScoreMonth, WindowPhase};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::computed::ComputedScore;
use super::raters::{MonthRaters, month_raters};
use super::sheet::{SheetItems, sheet_items};
use super::templates::ScoreItemRow;
use super::{is_published, require_unpublished};
use crate::audit::Audit;
use crate::{Actor, Result, Store, from_ms, to_ms};

/// One cell typed (or cleared: `points` None).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ScoreEntry {
    pub ratee: String,
    pub role: RaterRole,
    pub item_id: i64,
    /// Hundredths of a point (8.5 → 850); None clears the cell.
    pub points: Option<Centipoints>,
}

/// A supervisor's leave to change scores after the window closed (their PIN checked by the
/// caller), with the reason; both are kept with each change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LateApproval {
    pub allowed_by: i64,
    pub reason: String,
}

/// Whether the assessment window governs a write: the app's entry does; the CLI and imports by
/// an administrator may write any unpublished month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowRule {
    Enforce(Option<LateApproval>),
    Ignore,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ScoreCell {
    pub ratee: String,
    pub role: RaterRole,
    pub item_id: i64,
    pub points: Option<Centipoints>,
}

/// One person on a rater's sheet.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SheetRow {
    pub ratee: String,
    pub employee_no: String,
    pub name: String,
    pub team_name: Option<String>,
    /// In the order of the group's items; None is blank. A computed item's cell holds its value.
    pub cells: Vec<Option<Centipoints>>,
    /// The group's computed items for this person: value, the inputs it came from, or why not.
    pub computed: Vec<ComputedScore>,
    pub filled: u32,
    /// Σ of the cells, in hundredths.
    pub total: Centipoints,
    pub last_entered_at: Option<DateTime<Utc>>,
}

/// The people a rater rates on one template in one role, with that role's items.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SheetGroup {
    pub template_id: i64,
    pub template_name: String,
    pub version_id: i64,
    pub role: RaterRole,
    pub items: Vec<ScoreItemRow>,
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct RaterSheetView {
    pub month: String,
    pub rater: String,
    pub window: AssessmentWindow,
    pub phase: WindowPhase,
    pub published: bool,
    pub groups: Vec<SheetGroup>,
}

fn template_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT name FROM score_templates WHERE id = ?1")?
        .query_row(params![id], |r| r.get(0))?)
}

/// Refuses a write outside the window unless a supervisor allowed it.
pub(crate) fn check_window(
    window: &AssessmentWindow,
    today: chrono::NaiveDate,
    rule: &WindowRule,
) -> Result<Option<LateApproval>> {
    let WindowRule::Enforce(late) = rule else {
        return Ok(None);
    };
    match window.phase(today) {
        WindowPhase::Open => Ok(None),
        WindowPhase::NotOpen => Err(Problem::new(
            ErrorCode::ScoresWindowNotOpen,
            format!("entry opens on {}", window.opens_on),
        )
        .with("opens_on", window.opens_on)
        .into()),
        WindowPhase::Closed => match late {
            Some(late) if !late.reason.trim().is_empty() => Ok(Some(late.clone())),
            _ => Err(Problem::new(
                ErrorCode::ScoresWindowClosed,
                format!(
                    "the window closed on {}: a change needs a supervisor's PIN and a reason",
                    window.closes_on
                ),
            )
            .with("closes_on", window.closes_on)
            .into()),
        },
    }
}

fn not_rater(raters: &MonthRaters, ratee: &str, role: RaterRole) -> crate::StoreError {
    let no = raters
        .people
        .get(ratee)
        .map_or(ratee.to_owned(), |p| p.employee_no.clone());
    Problem::new(
        ErrorCode::ScoresNotRater,
        format!("you do not rate {no} as {} this month", role.label_zh()),
    )
    .with("employee_no", no)
    .with("role", role.as_str())
    .into()
}

/// Checks a value against its item: the item is on the sheet for the role and the points are
/// within 0 and its maximum.
pub(crate) fn check_cell(
    items: &[ScoreItemRow],
    item_id: i64,
    role: RaterRole,
    points: Option<Centipoints>,
) -> Result<()> {
    let Some(item) = items
        .iter()
        .find(|i| i.id == item_id && i.roles.contains(role))
    else {
        return Err(Problem::new(
            ErrorCode::ScoresItemNotForRole,
            format!(
                "item {item_id} is not scored by {} on this sheet",
                role.as_str()
            ),
        )
        .with("item", item_id)
        .with("role", role.as_str())
        .into());
    };
    if item.computed {
        return Err(Problem::new(
            ErrorCode::ScoresItemComputed,
            format!(
                "{} is filled from the floor's records and cannot be typed",
                item.name
            ),
        )
        .with("item", &item.name)
        .into());
    }
    match points {
        Some(points) => super::sheet::within_maximum(&item.name, item.max_points, points),
        None => Ok(()),
    }
}

/// Writes one cell, keeping the value it replaces; returns whether anything changed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_cell(
    conn: &Connection,
    month: ScoreMonth,
    ratee: &str,
    role: RaterRole,
    rater: &str,
    item_id: i64,
    points: Option<Centipoints>,
    source: &str,
    late: Option<&LateApproval>,
    log_first_entry: bool,
    actor: Actor,
) -> Result<bool> {
    let m = month.to_string();
    let old: Option<i64> = conn
        .prepare_cached(
            "SELECT points FROM scores WHERE month = ?1 AND ratee = ?2 AND role = ?3 AND rater = ?4 AND item_id = ?5",
        )?
        .query_row(params![m, ratee, role.as_str(), rater, item_id], |r| r.get(0))
        .optional()?;
    if old == points {
        return Ok(false);
    }
    let at = to_ms(actor.at);
    match points {
        Some(p) => conn
            .prepare_cached(
                "INSERT INTO scores (month, ratee, role, rater, item_id, points, entered_at, entered_by, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (month, ratee, role, rater, item_id) DO UPDATE SET
                   points = excluded.points, entered_at = excluded.entered_at,
                   entered_by = excluded.entered_by, source = excluded.source",
            )?
            .execute(params![m, ratee, role.as_str(), rater, item_id, p, at, actor.user_id, source])?,
        None => conn
            .prepare_cached(
                "DELETE FROM scores WHERE month = ?1 AND ratee = ?2 AND role = ?3 AND rater = ?4 AND item_id = ?5",
            )?
            .execute(params![m, ratee, role.as_str(), rater, item_id])?,
    };
    if old.is_some() || log_first_entry {
        conn.prepare_cached(
            "INSERT INTO score_changes (month, ratee, role, rater, item_id, old_points, new_points,
                                        changed_at, changed_by, source, late_allowed_by, late_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            m,
            ratee,
            role.as_str(),
            rater,
            item_id,
            old,
            points,
            at,
            actor.user_id,
            source,
            late.map(|l| l.allowed_by),
            late.map(|l| l.reason.trim().to_owned())
        ])?;
    }
    Ok(true)
}

impl Store {
    /// Saves cells `rater` typed (one, or a block pasted) in one transaction: all or none.
    pub fn enter_scores(
        &mut self,
        month: ScoreMonth,
        rater: &str,
        entries: &[ScoreEntry],
        rule: &WindowRule,
        actor: Actor,
    ) -> Result<Vec<ScoreCell>> {
        let today = actor
            .at
            .with_timezone(&self.require_site()?.tz())
            .date_naive();
        let window = self.assessment_window(month, actor.at)?;
        let late = check_window(&window, today, rule)?;
        self.write(|tx| {
            require_unpublished(tx, month)?;
            let raters = month_raters(tx, month)?;
            let mut sheets: HashMap<i64, SheetItems> = HashMap::new();
            let mut written = Vec::new();
            for e in entries {
                if !raters.rates(rater, &e.ratee, e.role) {
                    return Err(not_rater(&raters, &e.ratee, e.role));
                }
                let Some(template) = raters.templates.get(&e.ratee).copied() else {
                    return Err(not_rater(&raters, &e.ratee, e.role));
                };
                sheet_items(tx, month, template, true, &mut sheets)?;
                check_cell(&sheets[&template].items, e.item_id, e.role, e.points)?;
                write_cell(
                    tx,
                    month,
                    &e.ratee,
                    e.role,
                    rater,
                    e.item_id,
                    e.points,
                    "entry",
                    late.as_ref(),
                    true,
                    actor,
                )?;
                written.push(ScoreCell {
                    ratee: e.ratee.clone(),
                    role: e.role,
                    item_id: e.item_id,
                    points: e.points,
                });
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: if late.is_some() {
                    "enter_scores_late"
                } else {
                    "enter_scores"
                },
                entity: "scores",
                entity_id: None,
                detail: Some(format!("{month} rater {rater}: {} cell(s)", entries.len())),
            }
            .record(tx)?;
            Ok(written)
        })
    }

    /// What `rater` rates this month: per template and role, the items and one row per person.
    pub fn rater_sheet(
        &self,
        month: ScoreMonth,
        rater: &str,
        at: DateTime<Utc>,
    ) -> Result<RaterSheetView> {
        let conn = self.conn();
        let today = at.with_timezone(&self.require_site()?.tz()).date_naive();
        let window = self.assessment_window(month, at)?;
        let raters = month_raters(conn, month)?;
        let values = self.computed_items(month, at)?;
        let mut typed: HashMap<(String, RaterRole), (HashMap<i64, Centipoints>, i64)> =
            HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT ratee, role, item_id, points, entered_at FROM scores WHERE month = ?1 AND rater = ?2",
            )?;
            let rows = stmt.query_map(params![month.to_string(), rater], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?;
            for row in rows {
                let (ratee, role, item, points, at) = row?;
                let Some(role) = RaterRole::parse(&role) else {
                    continue;
                };
                let cell = typed.entry((ratee, role)).or_default();
                cell.0.insert(item, points);
                cell.1 = cell.1.max(at);
            }
        }
        let mut sheets: HashMap<i64, SheetItems> = HashMap::new();
        let mut groups: BTreeMap<(i64, RaterRole), SheetGroup> = BTreeMap::new();
        for ((ratee, role), list) in &raters.by_ratee {
            if !list.iter().any(|(r, _)| r == rater) {
                continue;
            }
            let (Some(template), Some(person)) =
                (raters.templates.get(ratee), raters.people.get(ratee))
            else {
                continue;
            };
            sheet_items(conn, month, *template, false, &mut sheets)?;
            let sheet = &sheets[template];
            let group = match groups.entry((*template, *role)) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => e.insert(SheetGroup {
                    template_id: *template,
                    template_name: template_name(conn, *template)?,
                    version_id: sheet.version_id,
                    role: *role,
                    items: sheet
                        .items
                        .iter()
                        .filter(|i| i.roles.contains(*role))
                        .cloned()
                        .collect(),
                    rows: Vec::new(),
                }),
            };
            let found = typed.get(&(ratee.clone(), *role));
            let computed: Vec<ComputedScore> = group
                .items
                .iter()
                .filter(|i| i.computed)
                .filter_map(|i| values.get(ratee, i.id).cloned())
                .collect();
            let cells: Vec<Option<Centipoints>> = group
                .items
                .iter()
                .map(|i| {
                    if i.computed {
                        computed
                            .iter()
                            .find(|c| c.item_id == i.id)
                            .and_then(|c| c.points)
                    } else {
                        found.and_then(|(cells, _)| cells.get(&i.id).copied())
                    }
                })
                .collect();
            group.rows.push(SheetRow {
                ratee: ratee.clone(),
                employee_no: person.employee_no.clone(),
                name: person.name.clone(),
                team_name: person.team_name.clone(),
                filled: cells.iter().flatten().count() as u32,
                total: cells.iter().flatten().sum(),
                cells,
                computed,
                last_entered_at: found.map(|(_, at)| from_ms(*at)),
            });
        }
        let mut groups: Vec<SheetGroup> = groups.into_values().collect();
        for g in &mut groups {
            g.rows.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
        }
        Ok(RaterSheetView {
            month: month.to_string(),
            rater: rater.to_owned(),
            window,
            phase: window.phase(today),
            published: is_published(conn, month)?,
            groups,
        })
    }
}
