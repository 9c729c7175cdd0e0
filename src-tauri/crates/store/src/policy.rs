//! Policy values over time. The catalogue (what a setting is) comes from the domain crate; the
//! values are rows with the instant they took effect, so judging a past day uses the rules that
//! were in force then.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use floordesk_domain::Problem;
use floordesk_domain::policy::{CATALOGUE, PolicyArea, PolicyUnit, definition};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::{Actor, Result, Store, from_ms, to_ms};
use floordesk_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PolicySetting {
    /// Where the setting belongs (from the catalogue): the settings page groups by it.
    pub area: PolicyArea,
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub unit: PolicyUnit,
    pub min: i64,
    pub max: i64,
    pub value: i64,
    pub default_value: i64,
    /// When the current value took effect.
    pub effective_from: DateTime<Utc>,
}

/// Adds settings this version knows and the file does not, each with its default in force
/// from the beginning of time, and refreshes labels and ranges.
pub(crate) fn seed_catalogue(store: &mut Store) -> Result<()> {
    store.write(|tx| {
        for d in CATALOGUE {
            let added = tx.execute(
                "INSERT INTO policy_settings (key, label_zh, label_en, unit, min_value, max_value, default_value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(key) DO NOTHING",
                params![d.key, d.label_zh, d.label_en, d.unit.as_str(), d.min, d.max, d.default],
            )?;
            if added > 0 {
                tx.execute(
                    "INSERT INTO policy_values (key, value, effective_from, set_by, recorded_at) VALUES (?1, ?2, 0, NULL, 0)",
                    params![d.key, d.default],
                )?;
            } else {
                tx.execute(
                    "UPDATE policy_settings SET label_zh = ?2, label_en = ?3, unit = ?4, min_value = ?5, max_value = ?6
                     WHERE key = ?1 AND (label_zh, label_en, unit, min_value, max_value) IS NOT (?2, ?3, ?4, ?5, ?6)",
                    params![d.key, d.label_zh, d.label_en, d.unit.as_str(), d.min, d.max],
                )?;
            }
        }
        Ok(())
    })
}

/// One setting's value in force at `at` (its default when the file has none).
pub(crate) fn value_at(conn: &rusqlite::Connection, key: &str, at: DateTime<Utc>) -> Result<i64> {
    use rusqlite::OptionalExtension;
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT value FROM policy_values WHERE key = ?1 AND effective_from <= ?2
             ORDER BY effective_from DESC, id DESC LIMIT 1",
        )?
        .query_row(params![key, to_ms(at)], |r| r.get(0))
        .optional()?;
    Ok(found.unwrap_or_else(|| definition(key).map_or(0, |d| d.default)))
}

impl Store {
    /// Every setting with the value in force at `at`.
    pub fn list_policy(&self, at: DateTime<Utc>) -> Result<Vec<PolicySetting>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.key, s.label_zh, s.label_en, s.unit, s.min_value, s.max_value, s.default_value,
                    v.value, v.effective_from
             FROM policy_settings s
             JOIN policy_values v ON v.id = (
                 SELECT id FROM policy_values WHERE key = s.key AND effective_from <= ?1
                 ORDER BY effective_from DESC, id DESC LIMIT 1)
             ORDER BY s.rowid",
        )?;
        let rows = stmt.query_map([to_ms(at)], |r| {
            let key: String = r.get(0)?;
            Ok(PolicySetting {
                area: definition(&key).map_or(PolicyArea::LiveFloor, |d| d.area),
                key,
                label_zh: r.get(1)?,
                label_en: r.get(2)?,
                unit: PolicyUnit::parse(&r.get::<_, String>(3)?).unwrap_or(PolicyUnit::Count),
                min: r.get(4)?,
                max: r.get(5)?,
                default_value: r.get(6)?,
                value: r.get(7)?,
                effective_from: from_ms(r.get(8)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every setting's value in force at `at`, by key: what a rule engine judges by.
    pub fn policy_at(&self, at: DateTime<Utc>) -> Result<BTreeMap<String, i64>> {
        Ok(self
            .list_policy(at)?
            .into_iter()
            .map(|s| (s.key, s.value))
            .collect())
    }

    /// Puts `value` in force from `actor.at` on; earlier instants keep their values.
    pub fn set_policy(&mut self, key: &str, value: i64, actor: Actor) -> Result<PolicySetting> {
        let def = definition(key).ok_or_else(|| {
            Problem::new(
                ErrorCode::PolicyUnknownKey,
                format!("no policy setting is called '{key}'"),
            )
            .with("key", key)
        })?;
        def.check(value)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO policy_values (key, value, effective_from, set_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?3)",
                params![key, value, to_ms(actor.at), actor.user_id],
            )?;
            if def.area == PolicyArea::Commission {
                // Receptions and attributions follow the rules as they stand.
                crate::commission::rebuild::rebuild_all(tx)?;
            }
            actor.audit("set", "policy", None, Some(format!("{key}={value}"))).record(tx)
        })?;
        self.list_policy(actor.at)?
            .into_iter()
            .find(|s| s.key == key)
            .ok_or_else(|| crate::error::not_found("policy", key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_instant() -> chrono::DateTime<chrono::Utc> {
        "2026-11-23T02:00:00Z".parse().unwrap()
    }
    use chrono::Duration;

    #[test]
    fn a_change_takes_effect_from_its_instant_and_keeps_the_past() {
        let mut store = Store::open_in_memory().unwrap();
        let t0 = test_instant();
        assert_eq!(store.policy_at(t0).unwrap()["small_break_max_min"], 10);
        assert_eq!(store.list_policy(t0).unwrap().len(), CATALOGUE.len());

        let changed = store
            .set_policy("small_break_max_min", 15, Actor::system(t0))
            .unwrap();
        assert_eq!((changed.value, changed.default_value), (15, 10));
        assert_eq!(
            store.policy_at(t0 - Duration::seconds(1)).unwrap()["small_break_max_min"],
            10
        );
        assert_eq!(store.policy_at(t0).unwrap()["small_break_max_min"], 15);
        assert_eq!(
            store.policy_at(t0 + Duration::days(1)).unwrap()["small_break_max_min"],
            15
        );
    }

    #[test]
    fn unknown_keys_and_values_out_of_range_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let now = test_instant();
        let err = store
            .set_policy("coffee_max_min", 5, Actor::system(now))
            .unwrap_err();
        assert_eq!(err.to_problem().code, "policy.unknown_key");
        let err = store
            .set_policy("meal_max_min", 1000, Actor::system(now))
            .unwrap_err();
        assert_eq!(err.to_problem().code, "validation.out_of_range");
        assert_eq!(store.policy_at(now).unwrap()["meal_max_min"], 30);
    }
}
