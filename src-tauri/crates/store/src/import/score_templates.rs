//! Importing assessment templates (考核模板), one row per item:
//! `template,group,item,max_points` (模板,分组,考核项目,分值) required; `roles` (评分角色:
//! `self|superior|peer` or 自评/上级/小组 joined by `|`; empty is all three), `cycle` (周期:
//! monthly/quarterly or 月度/季度), `standard` (评分标准) and `formula` (公式: a computed item's
//! formula over the month's inputs; empty for an item raters type) optional. The rows of one template,
//! in file order, are its items; a template already stored under that name is changed (a new
//! version once a month's sheets use it). A template whose rows state no cycle keeps the one it
//! has, and a new one is monthly.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use floordesk_domain::ErrorCode;
use floordesk_domain::scores::{RoleSet, ScoreCycle, TEMPLATE_TOTAL_POINTS};

use super::{Columns, Issues, read_table};
use crate::scores::templates::check_template;
use crate::scores::{ScoreItemInput, TemplateInput};
use crate::{Actor, Result, Store};

/// A template as the file has it, with where its rows are for the problems found later.
struct FileTemplate {
    name: String,
    first_row: u32,
    items: Vec<ScoreItemInput>,
    item_names: HashSet<String>,
    /// The first cycle the rows state, with its row.
    cycle: Option<(ScoreCycle, String)>,
    /// A row's points could not be read: the total would mislead.
    points_unreadable: bool,
    /// Σ of every readable row's points, whether or not the rest of its row is good.
    points_total: i64,
}

impl Store {
    /// All or nothing, in one transaction. Returns how many templates were written.
    pub fn import_score_templates(&mut self, path: &Path, actor: Actor) -> Result<u32> {
        let file = path.display().to_string();
        let table = read_table(path)?;
        let cols = Columns::new(&table.headers);
        let template_col = cols.find(&["template", "模板"]);
        let group_col = cols.find(&["group", "分组"]);
        let item_col = cols.find(&["item", "考核项目"]);
        let points_col = cols.find(&["max_points", "分值"]);
        let roles_col = cols.find(&["roles", "评分角色"]);
        let cycle_col = cols.find(&["cycle", "周期"]);
        let standard_col = cols.find(&["standard", "评分标准"]);
        let formula_col = cols.find(&["formula", "公式"]);
        let mut issues = Issues::default();
        issues.require(&[
            (template_col, "template/模板"),
            (group_col, "group/分组"),
            (item_col, "item/考核项目"),
            (points_col, "max_points/分值"),
        ]);
        let mut templates: Vec<FileTemplate> = Vec::new();
        if let (Some(t), Some(g), Some(i), Some(p)) =
            (template_col, group_col, item_col, points_col)
        {
            if table.rows.is_empty() {
                issues.add(
                    1,
                    "",
                    ErrorCode::ImportEmpty,
                    "the file has no data rows",
                    "",
                );
            }
            let mut index: HashMap<String, usize> = HashMap::new();
            for r in &table.rows {
                let name = r.cell(Some(t.0));
                if name.is_empty() {
                    issues.add(
                        r.row,
                        t.1,
                        ErrorCode::ImportRequired,
                        "the row names no template",
                        "",
                    );
                    continue;
                }
                let at = *index.entry(name.to_owned()).or_insert_with(|| {
                    templates.push(FileTemplate {
                        name: name.to_owned(),
                        first_row: r.row,
                        items: Vec::new(),
                        item_names: HashSet::new(),
                        cycle: None,
                        points_unreadable: false,
                        points_total: 0,
                    });
                    templates.len() - 1
                });
                let template = &mut templates[at];

                let item = r.cell(Some(i.0));
                if item.is_empty() {
                    issues.add(
                        r.row,
                        i.1,
                        ErrorCode::ImportRequired,
                        format!("the row of template {name} names no item"),
                        "",
                    );
                } else if !template.item_names.insert(item.to_owned()) {
                    issues.add(
                        r.row,
                        i.1,
                        ErrorCode::ImportDuplicateInFile,
                        format!("the template {name} has the item {item} twice"),
                        item,
                    );
                }

                let raw_points = r.cell(Some(p.0));
                let points = raw_points
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=TEMPLATE_TOTAL_POINTS).contains(n));
                template.points_total += points.unwrap_or(0);
                if points.is_none() {
                    template.points_unreadable = true;
                    let (code, message) = if raw_points.is_empty() {
                        (
                            ErrorCode::ImportRequired,
                            "the item has no points".to_owned(),
                        )
                    } else {
                        (
                            ErrorCode::ImportInvalidValue,
                            format!(
                                "'{raw_points}' is not a whole number of points from 1 to {TEMPLATE_TOTAL_POINTS}"
                            ),
                        )
                    };
                    issues.add(r.row, p.1, code, message, raw_points);
                }

                let raw_roles = r.cell(roles_col.map(|c| c.0));
                let roles = match RoleSet::parse(raw_roles) {
                    Ok(roles) => Some(roles),
                    Err(word) => {
                        issues.add(
                            r.row,
                            roles_col.map_or("roles", |c| c.1),
                            ErrorCode::ImportInvalidValue,
                            format!(
                                "'{word}' is not a rater role: self, superior or peer (自评, 上级, 小组), joined by |"
                            ),
                            raw_roles,
                        );
                        None
                    }
                };

                let raw_cycle = r.cell(cycle_col.map(|c| c.0));
                if let Some(c) = cycle_col.filter(|_| !raw_cycle.is_empty()) {
                    match (ScoreCycle::parse(raw_cycle), &template.cycle) {
                        (None, _) => issues.add(
                            r.row,
                            c.1,
                            ErrorCode::ImportInvalidValue,
                            format!("'{raw_cycle}' is not monthly or quarterly (月度, 季度)"),
                            raw_cycle,
                        ),
                        (Some(cycle), None) => template.cycle = Some((cycle, raw_cycle.to_owned())),
                        (Some(cycle), Some((first, first_text))) if cycle != *first => issues.add(
                            r.row,
                            c.1,
                            ErrorCode::ImportInvalidValue,
                            format!(
                                "the template {name} is {first_text} on an earlier row and {raw_cycle} here: one template has one cycle"
                            ),
                            raw_cycle,
                        ),
                        (Some(_), Some(_)) => {}
                    }
                }

                let formula = r.cell(formula_col.map(|c| c.0)).trim();
                if let (Some(c), Err(e)) = (
                    formula_col.filter(|_| !formula.is_empty()),
                    floordesk_domain::scores::Formula::compile(formula),
                ) {
                    let problem = crate::scores::templates::formula_problem(item, &e);
                    issues.add(r.row, c.1, problem.code, problem.message, formula);
                }
                if let (Some(max_points), Some(roles)) = (points, roles) {
                    template.items.push(ScoreItemInput {
                        group: r.cell(Some(g.0)).to_owned(),
                        name: item.to_owned(),
                        max_points,
                        roles,
                        computed: !formula.is_empty(),
                        standard: r.cell(standard_col.map(|c| c.0)).to_owned(),
                        formula: (!formula.is_empty()).then(|| formula.to_owned()),
                    });
                }
            }
            for template in templates.iter().filter(|t| !t.points_unreadable) {
                let total = template.points_total;
                if total != TEMPLATE_TOTAL_POINTS {
                    issues.add(
                        template.first_row,
                        p.1,
                        ErrorCode::ScoresTemplateTotal,
                        format!(
                            "the items of {} add up to {total} points, not {TEMPLATE_TOTAL_POINTS}",
                            template.name
                        ),
                        &total.to_string(),
                    );
                }
            }
        }
        issues.check(&file)?;

        let mut checked = Vec::with_capacity(templates.len());
        let mut issues = Issues::default();
        for template in &templates {
            let cycle = match &template.cycle {
                Some((cycle, _)) => *cycle,
                None => self
                    .score_template_by_name(&template.name)?
                    .map_or(ScoreCycle::Monthly, |t| t.cycle),
            };
            let input = TemplateInput {
                name: template.name.clone(),
                cycle,
                items: template.items.clone(),
            };
            // The rows passed; what is left is what a form is also refused for (a name too long).
            match check_template(&input) {
                Ok(input) => checked.push(input),
                Err(problem) => issues.add(
                    template.first_row,
                    template_col.map_or("template", |c| c.1),
                    problem.code,
                    problem.message,
                    &template.name,
                ),
            }
        }
        issues.check(&file)?;

        let count = checked.len() as u32;
        self.write_score_templates_by_name(&checked, actor)?;
        Ok(count)
    }
}
