//! Assessment templates (考核模板): items with a group, maximum points, the rater roles that
//! score them and the standard in words, adding up to 100 points; versions (a version a month's
//! sheets use is frozen, so a change to it becomes a new version); and which template a person is
//! assessed on (a role's assignment wins over a level's, a level's over a team's).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use floordesk_domain::access::Role;
use floordesk_domain::people::{Level, check_name};
use floordesk_domain::scores::{
    Formula, FormulaError, RoleSet, ScoreCycle, ScoreMonth, TEMPLATE_TOTAL_POINTS,
};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Params, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::error::not_found;
use crate::{Actor, Result, Store, from_ms, to_ms};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ScoreItemInput {
    /// 分组 (服务类, 订单类 …); may be empty.
    pub group: String,
    pub name: String,
    /// Whole points, 1–100.
    pub max_points: i64,
    pub roles: RoleSet,
    /// Filled from the floor's records (scores part 2) rather than typed.
    pub computed: bool,
    /// 评分标准, in words.
    pub standard: String,
    /// A computed item's formula over the month's inputs (`max(0, 10 - 2 * late_count)`).
    #[serde(default)]
    pub formula: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateInput {
    pub name: String,
    pub cycle: ScoreCycle,
    pub items: Vec<ScoreItemInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ScoreItemRow {
    pub id: i64,
    pub position: i64,
    pub group: String,
    pub name: String,
    pub max_points: i64,
    pub roles: RoleSet,
    pub computed: bool,
    pub standard: String,
    /// A computed item's formula; None on an entered item.
    pub formula: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TemplateRow {
    pub id: i64,
    pub name: String,
    pub cycle: ScoreCycle,
    pub active: bool,
    /// The newest version and its items.
    pub version_id: i64,
    pub version: i64,
    /// A month's sheets use the newest version: a change adds a version.
    pub in_use: bool,
    pub items: Vec<ScoreItemRow>,
}

/// What a template is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AssignTarget {
    Team { team_id: i64 },
    Level { level: Level },
    Role { role: Role },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TemplateAssignment {
    pub target: AssignTarget,
    /// The team's name, the level's or the role's Chinese label.
    pub target_label: String,
    pub template_id: i64,
    pub template_name: String,
    pub assigned_at: DateTime<Utc>,
}

/// The template's newest version: one row per template, whatever its history.
const TEMPLATE_SELECT: &str = "SELECT t.id, t.name, t.cycle, t.active, v.id, v.version,
        EXISTS (SELECT 1 FROM score_sheet_versions s WHERE s.version_id = v.id)
     FROM score_templates t
     JOIN score_template_versions v ON v.template_id = t.id
      AND v.version = (SELECT max(w.version) FROM score_template_versions w WHERE w.template_id = t.id)";

fn template_from_row(r: &Row<'_>) -> rusqlite::Result<TemplateRow> {
    let cycle: String = r.get(2)?;
    Ok(TemplateRow {
        id: r.get(0)?,
        name: r.get(1)?,
        cycle: ScoreCycle::parse(&cycle).unwrap_or(ScoreCycle::Monthly),
        active: r.get(3)?,
        version_id: r.get(4)?,
        version: r.get(5)?,
        in_use: r.get(6)?,
        items: Vec::new(),
    })
}

fn templates_where(
    conn: &Connection,
    filter: &str,
    params: impl Params,
) -> Result<Vec<TemplateRow>> {
    let mut stmt = conn.prepare_cached(&format!("{TEMPLATE_SELECT} {filter}"))?;
    let mut rows: Vec<TemplateRow> = stmt
        .query_map(params, template_from_row)?
        .collect::<Result<_, _>>()?;
    for row in &mut rows {
        row.items = version_items(conn, row.version_id)?;
    }
    Ok(rows)
}

pub(super) fn template_id_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM score_templates WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

fn target_key(target: &AssignTarget) -> (&'static str, String) {
    match target {
        AssignTarget::Team { team_id } => ("team", team_id.to_string()),
        AssignTarget::Level { level } => ("level", level.as_str().to_owned()),
        AssignTarget::Role { role } => ("role", role.as_str().to_owned()),
    }
}

fn items_problem(template: &str, message: String) -> Problem {
    Problem::new(ErrorCode::ScoresTemplateItems, message).with("template", template)
}

/// The template as it will be stored (names trimmed), or the first rule it breaks. A form and a
/// file go through the same rules.
pub(crate) fn check_template(input: &TemplateInput) -> Result<TemplateInput, Problem> {
    let name = check_name("name", &input.name)?;
    if input.items.is_empty() {
        return Err(items_problem(
            &name,
            format!("the template {name} has no items"),
        ));
    }
    let mut seen = HashSet::new();
    let mut items = Vec::with_capacity(input.items.len());
    for item in &input.items {
        let item_name = item.name.trim();
        if item_name.is_empty() {
            return Err(items_problem(
                &name,
                format!("an item of the template {name} has no name"),
            ));
        }
        let item_name = check_name("item", item_name)?;
        if !seen.insert(item_name.clone()) {
            return Err(items_problem(
                &name,
                format!("the template {name} has two items called {item_name}"),
            ));
        }
        if !(1..=TEMPLATE_TOTAL_POINTS).contains(&item.max_points) {
            return Err(Problem::new(
                ErrorCode::ValidationOutOfRange,
                format!(
                    "the item {item_name} is worth {} points; an item is worth 1 to {TEMPLATE_TOTAL_POINTS}",
                    item.max_points
                ),
            )
            .with("min", 1)
            .with("max", TEMPLATE_TOTAL_POINTS)
            .with("value", item.max_points));
        }
        if item.roles.is_empty() {
            return Err(items_problem(
                &name,
                format!("nobody scores the item {item_name}: choose at least one rater role"),
            ));
        }
        let formula = if item.computed {
            let text = item.formula.as_deref().unwrap_or("").trim().to_owned();
            Formula::compile(&text).map_err(|e| formula_problem(&item_name, &e))?;
            Some(text)
        } else {
            None
        };
        items.push(ScoreItemInput {
            group: item.group.trim().to_owned(),
            name: item_name,
            max_points: item.max_points,
            roles: item.roles,
            computed: item.computed,
            standard: item.standard.trim().to_owned(),
            formula,
        });
    }
    let total: i64 = items.iter().map(|i| i.max_points).sum();
    if total != TEMPLATE_TOTAL_POINTS {
        return Err(Problem::new(
            ErrorCode::ScoresTemplateTotal,
            format!("the items of {name} add up to {total} points, not {TEMPLATE_TOTAL_POINTS}"),
        )
        .with("template", &name)
        .with("total", total));
    }
    Ok(TemplateInput {
        name,
        cycle: input.cycle,
        items,
    })
}

/// `scores.formula_invalid` for the item's formula, with where and why.
pub(crate) fn formula_problem(item: &str, e: &FormulaError) -> Problem {
    Problem::new(
        ErrorCode::ScoresFormulaInvalid,
        format!("the formula of {item} does not work: {e}"),
    )
    .with("item", item)
    .with("line", e.line)
    .with("column", e.column)
    .with("reason", &e.reason)
}

fn same_items(stored: &[ScoreItemRow], wanted: &[ScoreItemInput]) -> bool {
    stored.len() == wanted.len()
        && stored.iter().zip(wanted).all(|(s, w)| {
            s.group == w.group
                && s.name == w.name
                && s.max_points == w.max_points
                && s.roles == w.roles
                && s.computed == w.computed
                && s.standard == w.standard
                && s.formula == w.formula
        })
}

fn insert_version(
    tx: &Transaction<'_>,
    template_id: i64,
    version: i64,
    actor: Actor,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO score_template_versions (template_id, version, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        template_id,
        version,
        to_ms(actor.at),
        actor.user_id
    ])?;
    Ok(tx.last_insert_rowid())
}

fn insert_items(tx: &Transaction<'_>, version_id: i64, items: &[ScoreItemInput]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO score_items (version_id, position, group_name, name, max_points, roles, method, standard, formula)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, item) in items.iter().enumerate() {
        stmt.execute(params![
            version_id,
            i as i64 + 1,
            item.group,
            item.name,
            item.max_points,
            item.roles.key(),
            if item.computed { "computed" } else { "entered" },
            item.standard,
            item.formula,
        ])?;
    }
    Ok(())
}

/// Writes a template [`check_template`] accepted, inside the caller's transaction: creates it
/// (`id` None) or changes it. The newest version's items are replaced while no month uses them;
/// once one does they are frozen (the schema refuses), so the change becomes the next version.
/// Returns the template's id.
pub(crate) fn write_template(
    tx: &Transaction<'_>,
    id: Option<i64>,
    template: &TemplateInput,
    actor: Actor,
) -> Result<i64> {
    let name = &template.name;
    let taken = template_id_by_name(tx, name)?;
    if taken.is_some() && taken != id {
        return Err(Problem::new(
            ErrorCode::ScoresTemplateNameTaken,
            format!("a template called {name} exists"),
        )
        .with("name", name)
        .into());
    }
    let (id, version, action) = match id {
        None => {
            tx.execute(
                "INSERT INTO score_templates (name, cycle, active, created_at) VALUES (?1, ?2, 1, ?3)",
                params![name, template.cycle.as_str(), to_ms(actor.at)],
            )?;
            let id = tx.last_insert_rowid();
            let version_id = insert_version(tx, id, 1, actor)?;
            insert_items(tx, version_id, &template.items)?;
            (id, 1, "create")
        }
        Some(id) => {
            let updated = tx.execute(
                "UPDATE score_templates SET name = ?2, cycle = ?3 WHERE id = ?1",
                params![id, name, template.cycle.as_str()],
            )?;
            if updated == 0 {
                return Err(not_found("score_template", id));
            }
            let (version_id, version, in_use): (i64, i64, bool) = tx.query_row(
                "SELECT v.id, v.version, EXISTS (SELECT 1 FROM score_sheet_versions s WHERE s.version_id = v.id)
                 FROM score_template_versions v WHERE v.template_id = ?1 ORDER BY v.version DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            // An unchanged list keeps its item ids (and adds no version for a mere rename).
            if same_items(&version_items(tx, version_id)?, &template.items) {
                (id, version, "update")
            } else if in_use {
                let next = insert_version(tx, id, version + 1, actor)?;
                insert_items(tx, next, &template.items)?;
                (id, version + 1, "new_version")
            } else {
                tx.execute(
                    "DELETE FROM score_items WHERE version_id = ?1",
                    [version_id],
                )?;
                insert_items(tx, version_id, &template.items)?;
                (id, version, "update")
            }
        }
    };
    actor
        .audit(
            action,
            "score_template",
            Some(id),
            Some(format!("{name} v{version}")),
        )
        .record(tx)?;
    Ok(id)
}

pub(super) fn assign(
    tx: &Transaction<'_>,
    template_id: i64,
    target: &AssignTarget,
    actor: Actor,
) -> Result<()> {
    let (kind, key) = target_key(target);
    tx.prepare_cached(
        "INSERT INTO score_template_assignments (target_kind, target, template_id, assigned_at, assigned_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (target_kind, target) DO UPDATE SET template_id = excluded.template_id,
             assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by",
    )?
    .execute(params![kind, key, template_id, to_ms(actor.at), actor.user_id])?;
    actor
        .audit(
            "assign",
            "score_template",
            Some(template_id),
            Some(format!("{kind} {key}")),
        )
        .record(tx)
}

impl Store {
    /// Every template with its newest version, by name.
    pub fn list_score_templates(&self) -> Result<Vec<TemplateRow>> {
        templates_where(self.conn(), "ORDER BY t.name", [])
    }

    /// One template with its newest version.
    pub fn score_template(&self, id: i64) -> Result<TemplateRow> {
        templates_where(self.conn(), "WHERE t.id = ?1", [id])?
            .pop()
            .ok_or_else(|| not_found("score_template", id))
    }

    pub fn score_template_by_name(&self, name: &str) -> Result<Option<TemplateRow>> {
        Ok(templates_where(self.conn(), "WHERE t.name = ?1", [name.trim()])?.pop())
    }

    /// Creates (`id` None) or changes a template. Items must add up to 100 points
    /// (`scores.template_total`), have distinct non-empty names and at least one role
    /// (`scores.template_items`). A change to a template whose newest version is in use adds a
    /// version; otherwise the newest version's items are replaced. Audited.
    pub fn save_score_template(
        &mut self,
        id: Option<i64>,
        input: &TemplateInput,
        actor: Actor,
    ) -> Result<TemplateRow> {
        let template = check_template(input)?;
        let id = self.write(|tx| write_template(tx, id, &template, actor))?;
        self.score_template(id)
    }

    /// Assigns the template named `template` to a team, level or role, replacing what that target
    /// had. Audited.
    pub fn assign_score_template(
        &mut self,
        template: &str,
        target: &AssignTarget,
        actor: Actor,
    ) -> Result<()> {
        self.write(|tx| {
            let template_id = template_id_by_name(tx, template)?
                .ok_or_else(|| not_found("score_template", template.trim()))?;
            if let AssignTarget::Team { team_id } = target {
                let exists: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM teams WHERE id = ?1)",
                    [team_id],
                    |r| r.get(0),
                )?;
                if !exists {
                    return Err(not_found("team", team_id));
                }
            }
            assign(tx, template_id, target, actor)
        })
    }

    pub fn list_template_assignments(&self) -> Result<Vec<TemplateAssignment>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.target_kind, a.target, a.template_id, t.name, a.assigned_at, tm.name
             FROM score_template_assignments a
             JOIN score_templates t ON t.id = a.template_id
             LEFT JOIN teams tm ON a.target_kind = 'team' AND tm.id = CAST(a.target AS INTEGER)
             ORDER BY CASE a.target_kind WHEN 'role' THEN 0 WHEN 'level' THEN 1 ELSE 2 END,
                      coalesce(tm.name, a.target)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, key, template_id, template_name, assigned_at, team_name) = row?;
            let target = match kind.as_str() {
                "team" => key.parse().ok().map(|team_id| {
                    let label = team_name.unwrap_or_else(|| key.clone());
                    (AssignTarget::Team { team_id }, label)
                }),
                "level" => Level::parse(&key)
                    .map(|level| (AssignTarget::Level { level }, level.label_zh().to_owned())),
                _ => Role::parse(&key)
                    .map(|role| (AssignTarget::Role { role }, role.label_zh().to_owned())),
            };
            // A target this version does not know (written by a newer one) is left out.
            if let Some((target, target_label)) = target {
                out.push(TemplateAssignment {
                    target,
                    target_label,
                    template_id,
                    template_name,
                    assigned_at: from_ms(assigned_at),
                });
            }
        }
        Ok(out)
    }

    /// Writes templates [`check_template`] accepted, each by name (a stored one of that name is
    /// changed as [`Store::save_score_template`] changes it), in one transaction.
    pub(crate) fn write_score_templates_by_name(
        &mut self,
        templates: &[TemplateInput],
        actor: Actor,
    ) -> Result<()> {
        self.write(|tx| {
            for template in templates {
                let id = template_id_by_name(tx, &template.name)?;
                write_template(tx, id, template, actor)?;
            }
            Ok(())
        })
    }

    /// [`templates_of_people`] on this database: person key → template id for `month`.
    pub fn score_templates_of_people(&self, month: ScoreMonth) -> Result<HashMap<String, i64>> {
        templates_of_people(self.conn(), month)
    }
}

/// The template of each person employed in `month`, by the assignments as they stand (role over
/// level over team), leaving out templates retired or without a sheet this month (a quarterly one
/// outside the quarter's last month): person key → template id.
pub(crate) fn templates_of_people(
    conn: &Connection,
    month: ScoreMonth,
) -> Result<HashMap<String, i64>> {
    // None: the target has a template, but not one sheeted this month. It still wins over the
    // weaker targets: a supervisor on a quarterly sheet is not assessed on their team's monthly
    // one in between.
    let mut assigned: HashMap<(String, String), Option<i64>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.target_kind, a.target, a.template_id, t.cycle, t.active
         FROM score_template_assignments a JOIN score_templates t ON t.id = a.template_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, bool>(4)?,
        ))
    })?;
    for row in rows {
        let (kind, target, template_id, cycle, active) = row?;
        let sheeted = active && ScoreCycle::parse(&cycle).is_some_and(|c| month.has_sheet(c));
        assigned.insert((kind, target), sheeted.then_some(template_id));
    }
    let lookup = |kind: &str, target: String| assigned.get(&(kind.to_owned(), target)).copied();

    let mut out = HashMap::new();
    // Assessed for a month: employed for some of it (hired by its last day, not gone before its
    // first), whether or not they have left since.
    let mut stmt = conn.prepare_cached(
        "SELECT p.person, p.role, p.level, p.team_id
         FROM score_people p LEFT JOIN agents a ON a.id = p.agent_id
         WHERE (p.active = 1 OR a.left_on >= ?1)
           AND (a.hired_on IS NULL OR a.hired_on <= ?2)
           AND (a.left_on IS NULL OR a.left_on >= ?1)",
    )?;
    let people = stmt.query_map(
        rusqlite::params![month.first_day().to_string(), month.last_day().to_string()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        },
    )?;
    for person in people {
        let (person, role, level, team_id) = person?;
        let chosen = role
            .and_then(|role| lookup("role", role))
            .or_else(|| level.and_then(|level| lookup("level", level)))
            .or_else(|| team_id.and_then(|team| lookup("team", team.to_string())));
        if let Some(Some(template_id)) = chosen {
            out.insert(person, template_id);
        }
    }
    Ok(out)
}

/// A version's items in order.
pub(crate) fn version_items(conn: &Connection, version_id: i64) -> Result<Vec<ScoreItemRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, position, group_name, name, max_points, roles, method, standard, formula
         FROM score_items WHERE version_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([version_id], |r| {
        let roles: String = r.get(5)?;
        let method: String = r.get(6)?;
        Ok(ScoreItemRow {
            id: r.get(0)?,
            position: r.get(1)?,
            group: r.get(2)?,
            name: r.get(3)?,
            max_points: r.get(4)?,
            roles: RoleSet::parse(&roles).unwrap_or(RoleSet::ALL),
            computed: method == "computed",
            standard: r.get(7)?,
            formula: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
