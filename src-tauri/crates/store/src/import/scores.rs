//! Importing scores in the long form `month,employee_no,rater_role,rater,item,score` (月份,工号,
//! 评分角色,评分人,考核项目,得分): one row per cell. All or nothing, every problem named by row and
//! column. A rater's sheet for a person in a file replaces what that rater had entered for them
//! in that role (the values replaced are kept in the change history, and the replacement in the
//! audit log); the rater becomes one of that role for that person.
//!
//! The file is checked against maps built with a handful of queries (the people, each month's
//! templates and the items of the versions they use), never a query per row; the whole import,
//! checks included, runs in one transaction, so what was checked is what is written.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use floordesk_domain::scores::{Centipoints, RaterRole, ScoreMonth, format_points, parse_points};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Transaction, params};
use serde::Serialize;

use super::table::read_table_preferring;
use super::{Columns, Issues, Table};
use crate::scores::templates::{ScoreItemRow as Item, version_items};
use crate::scores::{ScorePerson, is_published, require_unpublished, sheet_version};
use crate::{Actor, Result, Store, StoreError, to_ms};

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ScoreImportSummary {
    /// Data rows read (= cells written).
    pub rows: u32,
    /// (month, person, role, rater) sheets in the file.
    pub sheets: u32,
    /// Of those, sheets that replaced values already entered.
    pub replaced: u32,
    /// The months the file touched, sorted.
    pub months: Vec<String>,
}

/// The sheet of a workbook the import reads when there is one (the export's raw scores, after
/// its results sheet); otherwise the first.
pub(crate) const RAW_SHEET: &str = "原始评分";

/// The column names the import knows, English and Chinese.
const MONTH: &[&str] = &["month", "月份"];
const EMPLOYEE_NO: &[&str] = &["employee_no", "工号"];
const RATER_ROLE: &[&str] = &["rater_role", "评分角色"];
const RATER: &[&str] = &["rater", "评分人"];
const ITEM: &[&str] = &["item", "考核项目"];
const SCORE: &[&str] = &["score", "得分"];

/// A month the file names, as the checks need it.
struct MonthInfo {
    month: ScoreMonth,
    published: bool,
    /// Person key → template id.
    templates: HashMap<String, i64>,
    /// Template → the version its sheets use this month (fixed, or the newest).
    versions: HashMap<i64, i64>,
}

/// The items of one template's sheet in one month.
struct SheetDef {
    items: Vec<Item>,
    /// Item name → index into `items`.
    by_name: HashMap<String, usize>,
}

/// One checked row: indexes into the months and people, and the item.
struct Cell {
    month: usize,
    person: usize,
    role: RaterRole,
    rater: usize,
    template: i64,
    item_id: i64,
    points: Centipoints,
}

/// A (month, person, role, rater) sheet: what the import writes as a whole.
type SheetKey = (usize, usize, RaterRole, usize);

/// The rows of a file, checked: the cells to write, or every problem found.
struct Checked {
    months: Vec<MonthInfo>,
    cells: Vec<Cell>,
}

/// `2026-11`; also the 1st of the month as a date (Excel turns a typed `2026-11` into one).
fn read_month(text: &str) -> Option<ScoreMonth> {
    if let Some(m) = ScoreMonth::parse(text) {
        return Some(m);
    }
    use chrono::Datelike;
    let date = floordesk_domain::people::parse_date(text)?;
    (date.day() == 1).then(|| ScoreMonth::of(date))
}

/// Text that looks like a number (a sign, digits, one point): a bad one is out of range rather
/// than not a number.
fn looks_numeric(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['-', '+']).replace(',', ".");
    !t.is_empty()
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|b| *b == b'.').count() <= 1
}

/// Checks every row against the people, each month's templates and their items, read once.
fn check_rows(store: &Store, file: &str, table: &Table, people: &[ScorePerson]) -> Result<Checked> {
    let conn = store.conn();
    let cols = Columns::new(&table.headers);
    let month_col = cols.find(MONTH);
    let no_col = cols.find(EMPLOYEE_NO);
    let role_col = cols.find(RATER_ROLE);
    let rater_col = cols.find(RATER);
    let item_col = cols.find(ITEM);
    let score_col = cols.find(SCORE);
    let mut issues = Issues::default();
    issues.require(&[
        (month_col, "month/月份"),
        (no_col, "employee_no/工号"),
        (role_col, "rater_role/评分角色"),
        (rater_col, "rater/评分人"),
        (item_col, "item/考核项目"),
        (score_col, "score/得分"),
    ]);
    let (
        Some(month_col),
        Some(no_col),
        Some(role_col),
        Some(rater_col),
        Some(item_col),
        Some(score_col),
    ) = (month_col, no_col, role_col, rater_col, item_col, score_col)
    else {
        return Err(StoreError::Import {
            file: file.to_owned(),
            issues: issues.0,
        });
    };
    if table.rows.is_empty() {
        issues.add(
            1,
            "",
            ErrorCode::ImportEmpty,
            "the file has no data rows",
            "",
        );
    }

    let by_no: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.employee_no.as_str(), i))
        .collect();

    // The months the file names, each read once: publication, templates, sheets' items.
    let mut months: Vec<MonthInfo> = Vec::new();
    let mut month_of_text: HashMap<&str, Option<usize>> = HashMap::new();
    let mut sheets: HashMap<(usize, i64), SheetDef> = HashMap::new();
    let mut items_of_version: HashMap<i64, Vec<Item>> = HashMap::new();
    for r in &table.rows {
        let raw = r.cell(Some(month_col.0));
        if month_of_text.contains_key(raw) {
            continue;
        }
        let index = match read_month(raw) {
            Some(month) => match months.iter().position(|m| m.month == month) {
                Some(i) => Some(i),
                None => {
                    let templates = store.score_templates_of_people(month)?;
                    let i = months.len();
                    let mut versions = HashMap::new();
                    for template in templates.values().collect::<BTreeSet<_>>() {
                        let version = sheet_version(conn, month, *template, false)?;
                        versions.insert(*template, version);
                        let items = match items_of_version.get(&version) {
                            Some(items) => items.clone(),
                            None => {
                                let items = version_items(conn, version)?;
                                items_of_version.insert(version, items.clone());
                                items
                            }
                        };
                        let by_name = items
                            .iter()
                            .enumerate()
                            .map(|(n, item)| (item.name.trim().to_owned(), n))
                            .collect();
                        sheets.insert((i, *template), SheetDef { items, by_name });
                    }
                    months.push(MonthInfo {
                        month,
                        published: is_published(conn, month)?,
                        templates,
                        versions,
                    });
                    Some(i)
                }
            },
            None => None,
        };
        month_of_text.insert(raw, index);
    }

    let mut cells = Vec::with_capacity(table.rows.len());
    let mut first_row_of: HashMap<(usize, usize, RaterRole, usize, i64), u32> =
        HashMap::with_capacity(table.rows.len());
    for r in &table.rows {
        let row = r.row;

        let raw_month = r.cell(Some(month_col.0));
        let month = month_of_text.get(raw_month).copied().flatten();
        match month {
            None if raw_month.is_empty() => issues.add(
                row,
                month_col.1,
                ErrorCode::ImportRequired,
                "the month is missing",
                raw_month,
            ),
            None => issues.add(
                row,
                month_col.1,
                ErrorCode::ScoresBadMonth,
                format!("'{raw_month}' is not a month like 2026-11"),
                raw_month,
            ),
            Some(m) if months[m].published => issues.add(
                row,
                month_col.1,
                ErrorCode::ScoresPublished,
                format!(
                    "the scores of {} are published: reopen the month to change them",
                    months[m].month
                ),
                raw_month,
            ),
            Some(_) => {}
        }

        let raw_no = r.cell(Some(no_col.0));
        let person = by_no.get(raw_no).copied();
        if person.is_none() {
            if raw_no.is_empty() {
                issues.add(
                    row,
                    no_col.1,
                    ErrorCode::ImportRequired,
                    "the 工号 is missing",
                    raw_no,
                );
            } else {
                issues.add(
                    row,
                    no_col.1,
                    ErrorCode::ImportUnknownAgent,
                    format!("no agent or user has 工号 {raw_no}"),
                    raw_no,
                );
            }
        }
        let template = match (month, person) {
            (Some(m), Some(p)) => {
                let template = months[m].templates.get(&people[p].person).copied();
                if template.is_none() {
                    issues.add(
                        row,
                        no_col.1,
                        ErrorCode::ScoresNoTemplate,
                        format!(
                            "{raw_no} has no assessment template for {} (none assigned, inactive, or a quarterly one off-quarter)",
                            months[m].month
                        ),
                        raw_no,
                    );
                }
                template
            }
            _ => None,
        };

        let raw_role = r.cell(Some(role_col.0));
        let role = RaterRole::parse(raw_role);
        if role.is_none() {
            issues.add(
                row,
                role_col.1,
                if raw_role.is_empty() {
                    ErrorCode::ImportRequired
                } else {
                    ErrorCode::ImportInvalidValue
                },
                format!("'{raw_role}' is not a rater role: use self, superior or peer (自评, 上级, 小组/互评)"),
                raw_role,
            );
        }

        let raw_rater = r.cell(Some(rater_col.0));
        let rater = by_no.get(raw_rater).copied();
        if rater.is_none() {
            if raw_rater.is_empty() {
                issues.add(
                    row,
                    rater_col.1,
                    ErrorCode::ImportRequired,
                    "the rater's 工号 is missing",
                    raw_rater,
                );
            } else {
                issues.add(
                    row,
                    rater_col.1,
                    ErrorCode::ImportUnknownAgent,
                    format!("no agent or user has 工号 {raw_rater} (the rater)"),
                    raw_rater,
                );
            }
        }
        if let (Some(p), Some(role), Some(rater)) = (person, role, rater) {
            match role {
                RaterRole::SelfRating if rater != p => issues.add(
                    row,
                    rater_col.1,
                    ErrorCode::ImportInvalidValue,
                    format!(
                        "a self (自评) row is rated by the person themselves ({raw_no}), not by {raw_rater}"
                    ),
                    raw_rater,
                ),
                RaterRole::Superior | RaterRole::Peer if rater == p => issues.add(
                    row,
                    rater_col.1,
                    ErrorCode::ScoresSelfAsPeer,
                    format!(
                        "{raw_no} cannot rate themselves as {} ({}): only as self (自评)",
                        role.as_str(),
                        role.label_zh()
                    ),
                    raw_rater,
                ),
                _ => {}
            }
        }

        let raw_item = r.cell(Some(item_col.0));
        let item = match (month, template) {
            (Some(m), Some(t)) => {
                let sheet = &sheets[&(m, t)];
                match sheet.by_name.get(raw_item).map(|i| &sheet.items[*i]) {
                    None => {
                        issues.add(
                            row,
                            item_col.1,
                            if raw_item.is_empty() {
                                ErrorCode::ImportRequired
                            } else {
                                ErrorCode::ScoresItemNotForRole
                            },
                            format!(
                                "'{raw_item}' is not an item on {raw_no}'s sheet for {}",
                                months[m].month
                            ),
                            raw_item,
                        );
                        None
                    }
                    Some(item) => match role {
                        Some(role) if !item.roles.contains(role) => {
                            issues.add(
                                row,
                                item_col.1,
                                ErrorCode::ScoresItemNotForRole,
                                format!(
                                    "{} is not scored by {} ({}); it is scored by {}",
                                    item.name,
                                    role.as_str(),
                                    role.label_zh(),
                                    item.roles.key()
                                ),
                                raw_item,
                            );
                            None
                        }
                        _ => Some(item),
                    },
                }
            }
            _ => None,
        };

        let raw_score = r.cell(Some(score_col.0));
        let points = parse_points(raw_score);
        match (points, item) {
            (None, _) if raw_score.is_empty() => issues.add(
                row,
                score_col.1,
                ErrorCode::ImportRequired,
                "the score is missing",
                raw_score,
            ),
            (None, _) if !looks_numeric(raw_score) => issues.add(
                row,
                score_col.1,
                ErrorCode::ImportInvalidValue,
                format!("'{raw_score}' is not a score like 8 or 8.5"),
                raw_score,
            ),
            (None, Some(item)) => issues.add(
                row,
                score_col.1,
                ErrorCode::ScoresOutOfRange,
                format!(
                    "{} takes 0 to {} points with at most 2 decimals, not {raw_score}",
                    item.name, item.max_points
                ),
                raw_score,
            ),
            (None, None) => issues.add(
                row,
                score_col.1,
                ErrorCode::ScoresOutOfRange,
                format!("a score is 0 or more with at most 2 decimals, not {raw_score}"),
                raw_score,
            ),
            (Some(p), Some(item)) if p > item.max_points * 100 => issues.add(
                row,
                score_col.1,
                ErrorCode::ScoresOutOfRange,
                format!(
                    "{} takes 0 to {} points, not {}",
                    item.name,
                    item.max_points,
                    format_points(p)
                ),
                raw_score,
            ),
            _ => {}
        }

        if let (Some(m), Some(p), Some(role), Some(rater), Some(item)) =
            (month, person, role, rater, item)
        {
            match first_row_of.entry((m, p, role, rater, item.id)) {
                std::collections::hash_map::Entry::Occupied(first) => issues.add(
                    row,
                    item_col.1,
                    ErrorCode::ImportDuplicateInFile,
                    format!(
                        "{raw_rater}'s {} score of {} for {raw_no} in {} is already on row {}",
                        role.as_str(),
                        item.name,
                        months[m].month,
                        first.get()
                    ),
                    raw_item,
                ),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(row);
                }
            }
            if let (Some(points), Some(template)) = (points, template) {
                cells.push(Cell {
                    month: m,
                    person: p,
                    role,
                    rater,
                    template,
                    item_id: item.id,
                    points,
                });
            }
        }
    }
    issues.check(file)?;
    Ok(Checked { months, cells })
}

/// Writes the checked cells sheet by sheet: a sheet's cells the file leaves out are cleared,
/// the others written, each value replaced or cleared kept in `score_changes` (as
/// `scores::entry::write_cell` keeps them; the old values are read once per sheet rather than
/// once per cell). Returns (sheets, sheets that replaced values).
fn write_sheets(
    tx: &Transaction<'_>,
    file: &str,
    checked: &Checked,
    people: &[ScorePerson],
    actor: Actor,
) -> Result<(u32, u32)> {
    // What was checked is what is written: the months still open, the versions unchanged.
    for info in &checked.months {
        require_unpublished(tx, info.month)?;
    }
    let mut by_sheet: BTreeMap<SheetKey, (i64, Vec<(i64, Centipoints)>)> = BTreeMap::new();
    for c in &checked.cells {
        by_sheet
            .entry((c.month, c.person, c.role, c.rater))
            .or_insert_with(|| (c.template, Vec::new()))
            .1
            .push((c.item_id, c.points));
    }
    let at = to_ms(actor.at);
    let mut fixed: HashSet<(usize, i64)> = HashSet::new();
    let mut replaced = 0;
    let mut existing: HashMap<i64, Centipoints> = HashMap::new();
    let mut read = tx.prepare_cached(
        "SELECT item_id, points FROM scores
         WHERE month = ?1 AND ratee = ?2 AND role = ?3 AND rater = ?4",
    )?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO scores (month, ratee, role, rater, item_id, points, entered_at, entered_by, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'import')
         ON CONFLICT (month, ratee, role, rater, item_id) DO UPDATE SET
           points = excluded.points, entered_at = excluded.entered_at,
           entered_by = excluded.entered_by, source = excluded.source",
    )?;
    let mut delete = tx.prepare_cached(
        "DELETE FROM scores WHERE month = ?1 AND ratee = ?2 AND role = ?3 AND rater = ?4 AND item_id = ?5",
    )?;
    let mut log = tx.prepare_cached(
        "INSERT INTO score_changes (month, ratee, role, rater, item_id, old_points, new_points,
                                    changed_at, changed_by, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'import')",
    )?;
    let mut rater_row = tx.prepare_cached(
        "INSERT OR IGNORE INTO score_raters (month, ratee, role, rater, source, assigned_at, assigned_by)
         VALUES (?1, ?2, ?3, ?4, 'import', ?5, ?6)",
    )?;
    let month_texts: Vec<String> = checked.months.iter().map(|m| m.month.to_string()).collect();
    for ((m, p, role, rater), (template, cells)) in &by_sheet {
        let info = &checked.months[*m];
        let month = &month_texts[*m];
        let ratee = &people[*p];
        let rater_p = &people[*rater];
        let key = (
            month.as_str(),
            ratee.person.as_str(),
            role.as_str(),
            rater_p.person.as_str(),
        );
        if fixed.insert((*m, *template)) {
            let version = sheet_version(tx, info.month, *template, true)?;
            if info.versions.get(template) != Some(&version) {
                return Err(Problem::new(
                    ErrorCode::ImportUnreadable,
                    format!(
                        "the assessment templates of {} changed while the file was read: import it again",
                        info.month
                    ),
                )
                .with("file", file)
                .into());
            }
        }
        existing.clear();
        let rows = read.query_map(params![key.0, key.1, key.2, key.3], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (item, points) = row?;
            existing.insert(item, points);
        }
        let mut changed = 0u32;
        let mut cleared = 0u32;
        let in_file: HashSet<i64> = cells.iter().map(|(item, _)| *item).collect();
        let mut gone: Vec<(i64, Centipoints)> = existing
            .iter()
            .filter(|(item, _)| !in_file.contains(item))
            .map(|(item, points)| (*item, *points))
            .collect();
        gone.sort_unstable();
        for (item, old) in gone {
            delete.execute(params![key.0, key.1, key.2, key.3, item])?;
            log.execute(params![
                key.0,
                key.1,
                key.2,
                key.3,
                item,
                old,
                None::<i64>,
                at,
                actor.user_id
            ])?;
            cleared += 1;
        }
        for (item, points) in cells {
            let old = existing.get(item).copied();
            if old == Some(*points) {
                continue;
            }
            upsert.execute(params![
                key.0,
                key.1,
                key.2,
                key.3,
                item,
                points,
                at,
                actor.user_id
            ])?;
            if let Some(old) = old {
                changed += 1;
                log.execute(params![
                    key.0,
                    key.1,
                    key.2,
                    key.3,
                    item,
                    old,
                    points,
                    at,
                    actor.user_id
                ])?;
            }
        }
        if *role != RaterRole::SelfRating {
            rater_row.execute(params![key.0, key.1, key.2, key.3, at, actor.user_id])?;
        }
        if changed + cleared > 0 {
            replaced += 1;
            actor
                .audit(
                    "replace_score_sheet",
                    "scores",
                    None,
                    Some(format!(
                        "{month} {} {} rater {}: {changed} value(s) changed, {cleared} cleared",
                        ratee.employee_no,
                        role.as_str(),
                        rater_p.employee_no
                    )),
                )
                .record(tx)?;
        }
    }
    Ok((by_sheet.len() as u32, replaced))
}

impl Store {
    /// Imports a CSV (UTF-8, GBK …) or xlsx file of scores. The assessment window does not apply
    /// (an administrator's import); a published month is refused (row-numbered, code
    /// `scores.published`).
    pub fn import_scores(&mut self, path: &Path, actor: Actor) -> Result<ScoreImportSummary> {
        let file = path.display().to_string();
        let table = read_table_preferring(path, &[RAW_SHEET])?;
        let people = self.score_people()?;
        let checked = check_rows(self, &file, &table, &people)?;
        self.write(|tx| {
            let (sheets, replaced) = write_sheets(tx, &file, &checked, &people, actor)?;
            let months: Vec<String> = checked
                .months
                .iter()
                .map(|m| m.month)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .map(|m| m.to_string())
                .collect();
            let summary = ScoreImportSummary {
                rows: checked.cells.len() as u32,
                sheets,
                replaced,
                months,
            };
            actor
                .audit(
                    "import_scores",
                    "scores",
                    None,
                    Some(format!(
                        "{file}: {} row(s), {} sheet(s), {} replaced; {}",
                        summary.rows,
                        summary.sheets,
                        summary.replaced,
                        summary.months.join(", ")
                    )),
                )
                .record(tx)?;
            Ok(summary)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_as_typed_or_as_excel_turns_them_into_dates() {
        assert_eq!(read_month("2026-11").unwrap().to_string(), "2026-11");
        assert_eq!(read_month("2026-11-01").unwrap().to_string(), "2026-11");
        assert!(read_month("2026-11-15").is_none());
        assert!(read_month("十一月").is_none());
    }

    #[test]
    fn a_number_out_of_range_is_told_from_text() {
        assert!(looks_numeric("-1"));
        assert!(looks_numeric("8.125"));
        assert!(!looks_numeric("abc"));
        assert!(!looks_numeric("."));
        assert!(!looks_numeric("1.2.3"));
    }
}
