//! Importing incidents already decided: `ts,employee_no,rule_code,severity,quantity,note` and
//! optional `co_employee_no,item,team` (时间,工号,规则代码,严重程度,数量,备注,连带人工号,设备,班组),
//! CSV (UTF-8 or GBK) or xlsx. Each row is confirmed at the penalty the ladder proposes.
//!
//! - `ts`: RFC 3339 with an offset, or `YYYY-MM-DD HH:MM` (seconds allowed) in site time.
//! - `severity`: 1–5, required by a ranged fine, refused by any other rule.
//! - `quantity`: 1 when empty; another number only on a rule priced per unit (or equipment).
//! - `co_employee_no`: the co-penalised person, required where the rule always co-penalises
//!   one, optional where it does when someone is named, refused elsewhere.
//! - `item`: the equipment (code or Chinese name) of `equipment_damage`.
//! - An empty `employee_no` with a `team` (its name) splits equipment across those of the team
//!   on shift at `ts`.
//!
//! All or nothing: the rows are checked first (every problem named by row and column); then
//! they are written in one transaction in order of their instants, where a row repeating a
//! stored incident (same instant, 工号 and rule) or renumbering a stored confirmed offence is
//! refused, named by its row, and nothing is written.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use floordesk_domain::ErrorCode;
use floordesk_domain::incidents::RuleBody;
use floordesk_domain::people::parse_date;
use serde::Serialize;

use super::{Columns, ImportIssue, Issues, Table, TableRow, read_table};
use crate::incidents::{IncidentInput, IncidentSource, RuleRow};
use crate::scores::people::person_by_employee_no;
use crate::{Actor, Result, Store, StoreError};

const TS: &[&str] = &["ts", "时间"];
const EMPLOYEE_NO: &[&str] = &["employee_no", "工号"];
const RULE_CODE: &[&str] = &["rule_code", "规则代码"];
const SEVERITY: &[&str] = &["severity", "严重程度"];
const QUANTITY: &[&str] = &["quantity", "数量"];
const NOTE: &[&str] = &["note", "备注"];
const CO_EMPLOYEE_NO: &[&str] = &["co_employee_no", "连带人工号"];
const ITEM: &[&str] = &["item", "设备"];
const TEAM: &[&str] = &["team", "班组"];

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IncidentImportSummary {
    /// Incidents recorded and confirmed (= data rows).
    pub incidents: u32,
    /// Ledger lines written: the offenders', co-penalties and split shares.
    pub lines: u32,
}

/// The file's columns: index and spelling of each one present.
struct Cols<'a> {
    ts: Option<(usize, &'a str)>,
    employee_no: Option<(usize, &'a str)>,
    rule_code: Option<(usize, &'a str)>,
    severity: Option<(usize, &'a str)>,
    quantity: Option<(usize, &'a str)>,
    note: Option<(usize, &'a str)>,
    co_employee_no: Option<(usize, &'a str)>,
    item: Option<(usize, &'a str)>,
    team: Option<(usize, &'a str)>,
}

impl Cols<'_> {
    /// The column as the file spells it, or its English name when the file has none.
    fn name(col: Option<(usize, &str)>, english: &'static str) -> String {
        col.map_or(english, |c| c.1).to_owned()
    }
}

/// `ts` as RFC 3339 with an offset, or a site-local `YYYY-MM-DD HH:MM[:SS]` (also `/` in the
/// date, as Excel saves it). `Err` says why when the text is a local time the zone skips.
pub(super) fn parse_ts(text: &str, tz: Tz) -> std::result::Result<DateTime<Utc>, String> {
    let text = text.trim();
    let bad =
        || format!("'{text}' is not a time like 2026-11-03 10:15 or 2026-11-03T10:15:00+08:00");
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.to_utc());
    }
    let Some((date, time)) = text.split_once(' ') else {
        return Err(bad());
    };
    let date: NaiveDate = parse_date(date).ok_or_else(bad)?;
    let time = time.trim();
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
        .map_err(|_| bad())?;
    NaiveDateTime::new(date, time)
        .and_local_timezone(tz)
        .earliest()
        .map(|t| t.to_utc())
        .ok_or_else(|| format!("{text} does not exist in the site's time zone {tz}"))
}

/// The version of a rule an incident on `date` is judged by: the newest in force that day,
/// else the first (it reaches back to the beginning). `versions` is oldest first.
fn judged(versions: &[RuleRow], date: NaiveDate) -> Option<&RuleRow> {
    versions
        .iter()
        .rev()
        .find(|v| v.effective_from <= date)
        .or_else(|| versions.first())
}

/// One checked row: what to record, and its index in the table (to name it by).
struct Checked {
    index: usize,
    input: IncidentInput,
}

impl Store {
    /// All or nothing. Returns how many incidents and ledger lines were written.
    pub fn import_incidents(&mut self, path: &Path, actor: Actor) -> Result<IncidentImportSummary> {
        let table = read_table(path)?;
        self.import_incidents_table(&path.display().to_string(), &table, actor)
    }

    /// [`Store::import_incidents`] of a table already read (the app reads the bytes it is given).
    pub fn import_incidents_table(
        &mut self,
        file: &str,
        table: &Table,
        actor: Actor,
    ) -> Result<IncidentImportSummary> {
        let columns = Columns::new(&table.headers);
        let cols = Cols {
            ts: columns.find(TS),
            employee_no: columns.find(EMPLOYEE_NO),
            rule_code: columns.find(RULE_CODE),
            severity: columns.find(SEVERITY),
            quantity: columns.find(QUANTITY),
            note: columns.find(NOTE),
            co_employee_no: columns.find(CO_EMPLOYEE_NO),
            item: columns.find(ITEM),
            team: columns.find(TEAM),
        };
        let checked = self.check_incident_rows(file, table, &cols)?;
        let inputs: Vec<IncidentInput> = checked.iter().map(|c| c.input.clone()).collect();
        let written = self
            .record_confirmed_incidents(&inputs, IncidentSource::Import, actor)
            .map_err(|(i, e)| match checked.get(i) {
                Some(c) => row_error(file, &cols, &table.rows[c.index], &c.input, e),
                None => e,
            })?;
        let mut count = self
            .conn()
            .prepare_cached("SELECT count(*) FROM ledger_lines WHERE record_id = ?1")?;
        let mut lines = 0u32;
        for (_, record) in &written {
            lines += count.query_row([record], |r| r.get::<_, u32>(0))?;
        }
        Ok(IncidentImportSummary {
            incidents: written.len() as u32,
            lines,
        })
    }

    /// Every row checked against the rule book (the version in force on its date), the people,
    /// the teams and the price list: the inputs to record, or every problem found.
    fn check_incident_rows(
        &self,
        file: &str,
        table: &Table,
        cols: &Cols<'_>,
    ) -> Result<Vec<Checked>> {
        let mut issues = Issues::default();
        issues.require(&[
            (cols.ts, "ts/时间"),
            (cols.employee_no, "employee_no/工号"),
            (cols.rule_code, "rule_code/规则代码"),
        ]);
        let (Some(ts_col), Some(no_col), Some(rule_col)) =
            (cols.ts, cols.employee_no, cols.rule_code)
        else {
            issues.check(file)?;
            return Ok(Vec::new());
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
        let tz = self.ledger_time_zone()?;
        let known: HashSet<String> = self
            .incident_rules()?
            .into_iter()
            .map(|r| r.body.code)
            .collect();
        let mut versions: HashMap<String, Vec<RuleRow>> = HashMap::new();
        let teams = self.list_teams()?;
        let equipment = self.equipment_items()?;
        let severity_name = Cols::name(cols.severity, "severity");
        let quantity_name = Cols::name(cols.quantity, "quantity");
        let co_name = Cols::name(cols.co_employee_no, "co_employee_no");
        let item_name = Cols::name(cols.item, "item");
        let team_name = Cols::name(cols.team, "team");
        let mut first_row_of: HashMap<(DateTime<Utc>, String, String), u32> = HashMap::new();
        let mut out = Vec::with_capacity(table.rows.len());

        for (index, r) in table.rows.iter().enumerate() {
            let row = r.row;
            let before = issues.0.len();
            let cell = |c: Option<(usize, &str)>| r.cell(c.map(|c| c.0));

            let raw_ts = cell(Some(ts_col));
            let ts = if raw_ts.is_empty() {
                issues.add(
                    row,
                    ts_col.1,
                    ErrorCode::ImportRequired,
                    "the time is missing",
                    raw_ts,
                );
                None
            } else {
                match parse_ts(raw_ts, tz) {
                    Ok(ts) => Some(ts),
                    Err(why) => {
                        issues.add(row, ts_col.1, ErrorCode::ImportBadTime, why, raw_ts);
                        None
                    }
                }
            };

            let code = cell(Some(rule_col));
            let body: Option<RuleBody> = if code.is_empty() {
                issues.add(
                    row,
                    rule_col.1,
                    ErrorCode::ImportRequired,
                    "the rule code is missing",
                    code,
                );
                None
            } else if !known.contains(code) {
                issues.add(
                    row,
                    rule_col.1,
                    ErrorCode::IncidentsUnknownRule,
                    format!("no rule {code} in the rule book"),
                    code,
                );
                None
            } else {
                if !versions.contains_key(code) {
                    versions.insert(code.to_owned(), self.incident_rule_versions(code)?);
                }
                // Without a readable time, the newest version (the row is refused anyway).
                let date = ts.map_or(NaiveDate::MAX, |t| t.with_timezone(&tz).date_naive());
                match judged(&versions[code], date) {
                    Some(rule) if !rule.body.importable => {
                        issues.add(
                            row,
                            rule_col.1,
                            ErrorCode::IncidentsNotImportable,
                            format!(
                                "rule {code} is written by the product alone and cannot be imported"
                            ),
                            code,
                        );
                        None
                    }
                    Some(rule) if rule.retired => {
                        issues.add(
                            row,
                            rule_col.1,
                            ErrorCode::IncidentsRuleRetired,
                            format!("rule {code} is retired"),
                            code,
                        );
                        None
                    }
                    Some(rule) => Some(rule.body.clone()),
                    None => None,
                }
            };

            let no = cell(Some(no_col));
            let offender = if no.is_empty() {
                None
            } else {
                let p = person_by_employee_no(self.conn(), no)?;
                if p.is_none() {
                    issues.add(
                        row,
                        no_col.1,
                        ErrorCode::ImportUnknownAgent,
                        format!("nobody has 工号 {no}"),
                        no,
                    );
                }
                p
            };

            let raw_team = cell(cols.team);
            let team_id = if raw_team.is_empty() {
                None
            } else {
                let found = teams.iter().find(|t| t.name == raw_team).map(|t| t.id);
                if found.is_none() {
                    issues.add(
                        row,
                        &team_name,
                        ErrorCode::ImportInvalidValue,
                        format!("no team is called {raw_team}"),
                        raw_team,
                    );
                }
                found
            };

            let raw_severity = cell(cols.severity);
            let severity = if raw_severity.is_empty() {
                None
            } else {
                let s = raw_severity
                    .parse::<u8>()
                    .ok()
                    .filter(|s| (1..=5).contains(s));
                if s.is_none() {
                    issues.add(
                        row,
                        &severity_name,
                        ErrorCode::ImportInvalidValue,
                        format!("severity '{raw_severity}' is not 1–5"),
                        raw_severity,
                    );
                }
                s
            };

            let raw_quantity = cell(cols.quantity);
            let quantity = if raw_quantity.is_empty() {
                None
            } else {
                let q = raw_quantity
                    .parse::<u32>()
                    .ok()
                    .filter(|q| (1..=10_000).contains(q));
                if q.is_none() {
                    issues.add(
                        row,
                        &quantity_name,
                        ErrorCode::ImportInvalidValue,
                        format!("quantity '{raw_quantity}' is not a whole number 1 to 10000"),
                        raw_quantity,
                    );
                }
                q
            };

            let raw_co = cell(cols.co_employee_no);
            let raw_item = cell(cols.item);
            let item = equipment
                .iter()
                .find(|e| !raw_item.is_empty() && (e.code == raw_item || e.name_zh == raw_item))
                .map(|e| e.code.clone());

            // What the rule takes, and lacks.
            if let Some(body) = &body {
                if no.is_empty() {
                    if !body.needs_item() {
                        issues.add(
                            row,
                            no_col.1,
                            ErrorCode::ImportRequired,
                            format!("{code} needs the offender's 工号 (only equipment is split across a team)"),
                            no,
                        );
                    } else if raw_team.is_empty() {
                        issues.add(
                            row,
                            no_col.1,
                            ErrorCode::ImportRequired,
                            "the offender's 工号 is missing: give it, or the team to split the equipment across",
                            no,
                        );
                    }
                }
                if body.needs_severity() && raw_severity.is_empty() {
                    issues.add(
                        row,
                        &severity_name,
                        ErrorCode::ImportRequired,
                        format!("{code} is a ranged fine: it needs a severity 1–5"),
                        raw_severity,
                    );
                } else if !body.needs_severity() && !raw_severity.is_empty() {
                    issues.add(
                        row,
                        &severity_name,
                        ErrorCode::IncidentsBadFact,
                        format!("{code} has no ranged fine: leave the severity empty"),
                        raw_severity,
                    );
                }
                if quantity.is_some_and(|q| q != 1) && !body.counts_units() {
                    issues.add(
                        row,
                        &quantity_name,
                        ErrorCode::IncidentsBadFact,
                        format!("{code} is not priced per unit: the quantity must be 1"),
                        raw_quantity,
                    );
                }
                match body.named_co_penalty() {
                    None if !raw_co.is_empty() => issues.add(
                        row,
                        &co_name,
                        ErrorCode::IncidentsCoPersonNotWanted,
                        format!("{code} has no co-penalty: leave the co-penalised person empty"),
                        raw_co,
                    ),
                    Some(co) if co.always && raw_co.is_empty() => issues.add(
                        row,
                        &co_name,
                        ErrorCode::IncidentsCoPersonRequired,
                        format!("{code} always co-penalises someone: give their 工号"),
                        raw_co,
                    ),
                    _ => {}
                }
                if body.needs_item() {
                    if raw_item.is_empty() {
                        issues.add(
                            row,
                            &item_name,
                            ErrorCode::ImportRequired,
                            format!("{code} needs the equipment (its code or name)"),
                            raw_item,
                        );
                    } else if item.is_none() {
                        issues.add(
                            row,
                            &item_name,
                            ErrorCode::IncidentsUnknownItem,
                            format!("no equipment {raw_item} in the price list"),
                            raw_item,
                        );
                    }
                } else if !raw_item.is_empty() {
                    issues.add(
                        row,
                        &item_name,
                        ErrorCode::IncidentsBadFact,
                        format!("{code} takes no equipment: leave it empty"),
                        raw_item,
                    );
                }
            }
            if !raw_co.is_empty() && (body.as_ref().is_none_or(|b| b.named_co_penalty().is_some()))
            {
                match person_by_employee_no(self.conn(), raw_co)? {
                    None => issues.add(
                        row,
                        &co_name,
                        ErrorCode::ImportUnknownAgent,
                        format!("nobody has 工号 {raw_co}"),
                        raw_co,
                    ),
                    Some(co) if offender.as_ref().is_some_and(|o| o.person == co.person) => issues
                        .add(
                            row,
                            &co_name,
                            ErrorCode::IncidentsCoPersonIsOffender,
                            format!("{raw_co} is the offender and cannot be co-penalised"),
                            raw_co,
                        ),
                    Some(_) => {}
                }
            }

            // The same offence twice in the file.
            if let (Some(ts), false) = (ts, no.is_empty()) {
                let key = (ts, no.to_owned(), code.to_owned());
                match first_row_of.get(&key) {
                    Some(first) => issues.add(
                        row,
                        ts_col.1,
                        ErrorCode::ImportDuplicateInFile,
                        format!("row {first} already records {code} of {no} at this time"),
                        raw_ts,
                    ),
                    None => {
                        first_row_of.insert(key, row);
                    }
                }
            }

            if issues.0.len() == before
                && let (Some(ts), Some(body)) = (ts, &body)
            {
                let note = cell(cols.note);
                out.push(Checked {
                    index,
                    input: IncidentInput {
                        ts,
                        employee_no: (!no.is_empty()).then(|| no.to_owned()),
                        team_id: if no.is_empty() { team_id } else { None },
                        rule_code: body.code.clone(),
                        severity,
                        quantity,
                        item_code: item,
                        stated_fen: None,
                        co_employee_no: (!raw_co.is_empty()).then(|| raw_co.to_owned()),
                        place: None,
                        witness: None,
                        note: (!note.is_empty()).then(|| note.to_owned()),
                        alert_ref: None,
                    },
                });
            }
        }
        issues.check(file)?;
        Ok(out)
    }
}

/// A row refused while writing, as the file's problem: the column the refusal is about, by
/// the problem's code. Errors that are not about the row (the database, the approver) pass.
fn row_error(
    file: &str,
    cols: &Cols<'_>,
    r: &TableRow,
    input: &IncidentInput,
    e: StoreError,
) -> StoreError {
    let StoreError::Problem(p) = &e else {
        return e;
    };
    if matches!(
        p.code,
        ErrorCode::AuthForbidden | ErrorCode::AuthNotLoggedIn
    ) {
        return e;
    }
    let param = |k: &str| p.params.get(k).map(String::as_str).unwrap_or_default();
    let col = match p.code {
        ErrorCode::IncidentsDuplicate | ErrorCode::IncidentsRenumbers => (cols.ts, "ts"),
        ErrorCode::IncidentsBadFact => match param("field") {
            "severity" => (cols.severity, "severity"),
            "quantity" => (cols.quantity, "quantity"),
            "item" => (cols.item, "item"),
            _ => (cols.rule_code, "rule_code"),
        },
        ErrorCode::IncidentsCoPersonRequired
        | ErrorCode::IncidentsCoPersonNotWanted
        | ErrorCode::IncidentsCoPersonIsOffender => (cols.co_employee_no, "co_employee_no"),
        ErrorCode::IncidentsUnknownItem => (cols.item, "item"),
        ErrorCode::IncidentsNobodyToSplit => (cols.team, "team"),
        ErrorCode::NotFound if input.co_employee_no.as_deref() == Some(param("id")) => {
            (cols.co_employee_no, "co_employee_no")
        }
        ErrorCode::NotFound | ErrorCode::ValidationRequired => (cols.employee_no, "employee_no"),
        _ => (cols.rule_code, "rule_code"),
    };
    let message = match p.code {
        ErrorCode::IncidentsDuplicate => format!(
            "{} of {} at {} is already recorded",
            param("rule"),
            param("employee_no"),
            param("ts")
        ),
        _ => p.message.clone(),
    };
    StoreError::Import {
        file: file.to_owned(),
        issues: vec![ImportIssue {
            row: r.row,
            field: Cols::name(col.0, col.1),
            code: p.code,
            message,
            value: r.cell(col.0.map(|c| c.0)).to_owned(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_with_an_offset_or_in_site_time() {
        let tz = chrono_tz::Asia::Shanghai;
        let want: DateTime<Utc> = "2026-11-03T02:15:00Z".parse().unwrap();
        for text in [
            "2026-11-03T10:15:00+08:00",
            "2026-11-03 10:15",
            "2026-11-03 10:15:00",
            "2026/11/3 10:15",
        ] {
            assert_eq!(parse_ts(text, tz), Ok(want), "{text}");
        }
        for text in [
            "2026-11-03T10:15:00",
            "2026-11-03",
            "10:15",
            "2026-13-03 10:15",
            "",
        ] {
            assert!(parse_ts(text, tz).is_err(), "{text}");
        }
        let gap = parse_ts("2026-03-08 02:30", chrono_tz::America::New_York).unwrap_err();
        assert!(gap.contains("does not exist"), "{gap}");
    }

    #[test]
    fn an_incident_is_judged_by_the_version_in_force_on_its_date() {
        let body = floordesk_domain::incidents::seeded_rules().remove(0);
        let version = |n: u32, from: &str| RuleRow {
            id: 1,
            version_id: i64::from(n),
            version: n,
            effective_from: from.parse().unwrap(),
            retired: false,
            body: body.clone(),
        };
        let versions = [version(1, "2026-11-10"), version(2, "2026-12-01")];
        let on = |d: &str| judged(&versions, d.parse().unwrap()).unwrap().version;
        assert_eq!(on("2026-11-01"), 1, "the first reaches back");
        assert_eq!(on("2026-11-30"), 1);
        assert_eq!(on("2026-12-01"), 2);
    }
}
