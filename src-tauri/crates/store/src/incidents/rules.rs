//! The rule book in versions, and the equipment price list. A changed rule is a new version
//! from its effective date; incidents keep the version they were judged by.

use chrono::NaiveDate;
use floordesk_domain::incidents::{RuleBody, SEEDED_EQUIPMENT, seeded_rules};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{local_date, site_tz};
use crate::audit::Audit;
use crate::{Actor, Result, Store, StoreError, to_ms};

/// A rule as of its newest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RuleRow {
    pub id: i64,
    pub version_id: i64,
    pub version: u32,
    pub effective_from: NaiveDate,
    pub retired: bool,
    pub body: RuleBody,
}

/// What `rules export` writes and `rules import` reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleBookFile {
    pub format: String,
    pub version: u32,
    pub rules: Vec<RuleBody>,
}

pub const RULE_BOOK_FORMAT: &str = "floordesk-rule-book";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct EquipmentItem {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub price_fen: i64,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EquipmentInput {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub price_fen: i64,
    pub active: bool,
}

/// The version of `code` an incident on `date` is judged by: the newest whose effective date
/// is not after it (the first version reaches back to the beginning).
pub(crate) struct JudgedBy {
    pub rule_id: i64,
    pub version_id: i64,
    pub retired: bool,
    pub body: RuleBody,
}

fn parse_body(text: &str) -> rusqlite::Result<RuleBody> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn unknown_rule(code: &str) -> StoreError {
    Problem::new(
        ErrorCode::IncidentsUnknownRule,
        format!("no rule {code} in the rule book"),
    )
    .with("code", code)
    .into()
}

pub(crate) fn judged_by(conn: &Connection, code: &str, date: NaiveDate) -> Result<JudgedBy> {
    let found = conn
        .prepare_cached(
            "SELECT r.id, v.id, r.retired_at IS NOT NULL, v.body
             FROM incident_rules r JOIN incident_rule_versions v ON v.rule_id = r.id
             WHERE r.code = ?1
             ORDER BY (v.effective_from <= ?2) DESC, CASE WHEN v.effective_from <= ?2 THEN v.version ELSE -v.version END DESC
             LIMIT 1",
        )?
        .query_row(params![code.trim(), date.to_string()], |r| {
            Ok(JudgedBy {
                rule_id: r.get(0)?,
                version_id: r.get(1)?,
                retired: r.get(2)?,
                body: parse_body(&r.get::<_, String>(3)?)?,
            })
        })
        .optional()?;
    found.ok_or_else(|| unknown_rule(code.trim()))
}

pub(crate) fn version_body(conn: &Connection, version_id: i64) -> Result<RuleBody> {
    Ok(conn
        .prepare_cached("SELECT body FROM incident_rule_versions WHERE id = ?1")?
        .query_row([version_id], |r| parse_body(&r.get::<_, String>(0)?))?)
}

fn newest(conn: &Connection) -> Result<Vec<RuleRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, v.id, v.version, v.effective_from, r.retired_at IS NOT NULL, v.body
         FROM incident_rules r JOIN incident_rule_versions v ON v.rule_id = r.id
         WHERE v.version = (SELECT max(version) FROM incident_rule_versions WHERE rule_id = r.id)
         ORDER BY r.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let from: String = r.get(3)?;
        Ok(RuleRow {
            id: r.get(0)?,
            version_id: r.get(1)?,
            version: r.get(2)?,
            effective_from: from.parse().unwrap_or_default(),
            retired: r.get(4)?,
            body: parse_body(&r.get::<_, String>(5)?)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a rule, or a version of it when the body differs from its newest; returns the version
/// id (the newest's when nothing changed).
fn put_rule(
    tx: &Transaction<'_>,
    body: &RuleBody,
    effective_from: NaiveDate,
    at_ms: i64,
    user: Option<i64>,
) -> Result<(i64, bool)> {
    body.check()?;
    let json = serde_json::to_string(body).map_err(|e| super::internal(e.to_string()))?;
    let existing: Option<(i64, i64, u32, String)> = tx
        .prepare_cached(
            "SELECT r.id, v.id, v.version, v.body FROM incident_rules r
             JOIN incident_rule_versions v ON v.rule_id = r.id
             WHERE r.code = ?1 ORDER BY v.version DESC LIMIT 1",
        )?
        .query_row([&body.code], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (rule_id, version) = match existing {
        Some((_, version_id, _, old)) if parse_body(&old).ok().as_ref() == Some(body) => {
            return Ok((version_id, false));
        }
        Some((rule_id, _, version, _)) => (rule_id, version + 1),
        None => {
            tx.prepare_cached("INSERT INTO incident_rules (code, created_at) VALUES (?1, ?2)")?
                .execute(params![body.code, at_ms])?;
            (tx.last_insert_rowid(), 1)
        }
    };
    tx.prepare_cached(
        "INSERT INTO incident_rule_versions (rule_id, version, effective_from, body, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![rule_id, version, effective_from.to_string(), json, at_ms, user])?;
    Ok((tx.last_insert_rowid(), true))
}

/// The seeded book and price list (migration 10), in force from the beginning.
pub(super) fn seed(tx: &Transaction<'_>) -> std::result::Result<(), StoreError> {
    let beginning = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    for rule in seeded_rules() {
        put_rule(tx, &rule, beginning, 0, None)?;
    }
    for (code, zh, en, fen) in SEEDED_EQUIPMENT {
        tx.execute(
            "INSERT INTO equipment_items (code, name_zh, name_en, price_fen, updated_at)
             VALUES (?1, ?2, ?3, ?4, 0) ON CONFLICT(code) DO NOTHING",
            params![code, zh, en, fen],
        )?;
    }
    Ok(())
}

pub(crate) fn equipment_by_code(conn: &Connection, code: &str) -> Result<Option<EquipmentItem>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, code, name_zh, name_en, price_fen, active FROM equipment_items
             WHERE code = ?1 OR name_zh = ?1",
        )?
        .query_row([code.trim()], read_item)
        .optional()?)
}

fn read_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<EquipmentItem> {
    Ok(EquipmentItem {
        id: r.get(0)?,
        code: r.get(1)?,
        name_zh: r.get(2)?,
        name_en: r.get(3)?,
        price_fen: r.get(4)?,
        active: r.get(5)?,
    })
}

impl Store {
    /// Every rule as of its newest version, retired ones too, in book order.
    pub fn incident_rules(&self) -> Result<Vec<RuleRow>> {
        newest(self.conn())
    }

    /// Every version of one rule, oldest first.
    pub fn incident_rule_versions(&self, code: &str) -> Result<Vec<RuleRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.id, v.id, v.version, v.effective_from, r.retired_at IS NOT NULL, v.body
             FROM incident_rules r JOIN incident_rule_versions v ON v.rule_id = r.id
             WHERE r.code = ?1 ORDER BY v.version",
        )?;
        let rows = stmt
            .query_map([code], |r| {
                let from: String = r.get(3)?;
                Ok(RuleRow {
                    id: r.get(0)?,
                    version_id: r.get(1)?,
                    version: r.get(2)?,
                    effective_from: from.parse().unwrap_or_default(),
                    retired: r.get(4)?,
                    body: parse_body(&r.get::<_, String>(5)?)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        if rows.is_empty() {
            return Err(unknown_rule(code));
        }
        Ok(rows)
    }

    /// Adds a rule or a version of one, in force from `effective_from` (site-local); records
    /// judged before keep their version. Returns the rule as saved.
    pub fn save_incident_rule(
        &mut self,
        body: &RuleBody,
        effective_from: NaiveDate,
        actor: Actor,
    ) -> Result<RuleRow> {
        let code = body.code.clone();
        self.write(|tx| {
            let (version_id, changed) =
                put_rule(tx, body, effective_from, to_ms(actor.at), actor.user_id)?;
            if changed {
                Audit {
                    at_ms: to_ms(actor.at),
                    user_id: actor.user_id,
                    action: "save",
                    entity: "incident_rule_version",
                    entity_id: Some(version_id),
                    detail: Some(format!("{code} from {effective_from}")),
                }
                .record(tx)?;
            }
            Ok(())
        })?;
        newest(self.conn())?
            .into_iter()
            .find(|r| r.body.code == code)
            .ok_or_else(|| unknown_rule(&code))
    }

    /// Retires a rule (no new incidents) or brings it back.
    pub fn set_incident_rule_retired(
        &mut self,
        code: &str,
        retired: bool,
        actor: Actor,
    ) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE incident_rules SET retired_at = CASE WHEN ?2 THEN ?3 ELSE NULL END WHERE code = ?1",
                params![code, retired, to_ms(actor.at)],
            )?;
            if changed == 0 {
                return Err(unknown_rule(code));
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: if retired { "retire" } else { "restore" },
                entity: "incident_rule",
                entity_id: None,
                detail: Some(code.to_owned()),
            }
            .record(tx)
        })
    }

    /// The book as a file another shop can import.
    pub fn export_rule_book(&self) -> Result<RuleBookFile> {
        Ok(RuleBookFile {
            format: RULE_BOOK_FORMAT.to_owned(),
            version: 1,
            rules: newest(self.conn())?
                .into_iter()
                .filter(|r| !r.retired)
                .map(|r| r.body)
                .collect(),
        })
    }

    /// Reads a rule book: each rule new to the site is added, each whose code exists and whose
    /// body differs becomes a new version from today (site-local). All or nothing. Returns
    /// (added, new versions, unchanged).
    pub fn import_rule_book(
        &mut self,
        file: &RuleBookFile,
        actor: Actor,
    ) -> Result<(u32, u32, u32)> {
        if file.format != RULE_BOOK_FORMAT || file.version != 1 {
            return Err(Problem::new(
                ErrorCode::IncidentsBadRuleBook,
                format!(
                    "not a FloorDesk rule book (format {} version {})",
                    file.format, file.version
                ),
            )
            .with("reason", "format")
            .into());
        }
        let today = local_date(site_tz(self.conn())?, actor.at);
        let known: Vec<String> = newest(self.conn())?
            .into_iter()
            .map(|r| r.body.code)
            .collect();
        self.write(|tx| {
            let (mut added, mut versions, mut same) = (0, 0, 0);
            for body in &file.rules {
                let existed = known.contains(&body.code);
                let (_, changed) = put_rule(tx, body, today, to_ms(actor.at), actor.user_id)?;
                match (existed, changed) {
                    (false, _) => added += 1,
                    (true, true) => versions += 1,
                    (true, false) => same += 1,
                }
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "import",
                entity: "incident_rule_book",
                entity_id: None,
                detail: Some(format!(
                    "{added} added, {versions} new versions, {same} unchanged"
                )),
            }
            .record(tx)?;
            Ok((added, versions, same))
        })
    }

    /// The equipment price list, in code order.
    pub fn equipment_items(&self) -> Result<Vec<EquipmentItem>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, code, name_zh, name_en, price_fen, active FROM equipment_items ORDER BY id",
        )?;
        let rows = stmt.query_map([], read_item)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds or changes an entry of the price list (by code). Recorded incidents keep the
    /// price they were charged at.
    pub fn save_equipment_item(
        &mut self,
        input: &EquipmentInput,
        actor: Actor,
    ) -> Result<EquipmentItem> {
        let invalid = |field: &str| -> StoreError {
            Problem::new(
                ErrorCode::IncidentsEquipmentInvalid,
                format!("equipment: {field} is required"),
            )
            .with("field", field)
            .into()
        };
        let code = input.code.trim();
        if code.is_empty() {
            return Err(invalid("code"));
        }
        if input.name_zh.trim().is_empty() {
            return Err(invalid("name_zh"));
        }
        if !(0..=floordesk_domain::incidents::MAX_AMOUNT_FEN).contains(&input.price_fen) {
            return Err(invalid("price_fen"));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO equipment_items (code, name_zh, name_en, price_fen, active, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(code) DO UPDATE SET name_zh = ?2, name_en = ?3, price_fen = ?4, active = ?5, updated_at = ?6",
                params![code, input.name_zh.trim(), input.name_en.trim(), input.price_fen, input.active, to_ms(actor.at)],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "save",
                entity: "equipment_item",
                entity_id: None,
                detail: Some(format!("{code} {} fen", input.price_fen)),
            }
            .record(tx)
        })?;
        equipment_by_code(self.conn(), code)?.ok_or_else(|| super::internal("equipment saved"))
    }
}
