//! The tables a supervisor edits: the tier table and the grade coefficients (each a set that
//! stands from a month until a later set), and each team's scheme with its after-sales targets
//! and their monthly figures.

use floordesk_domain::commission::{Coefficients, Direction, Target, Tier, check_tiers};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::incidents::ledger::month_bounds;
use crate::{Actor, Result, Store, to_ms};

/// How a team is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Sales × the tier's rate × the grade's coefficient (seed 003).
    Sales,
    /// Order value × rate + a target bonus, all or nothing (seed 000).
    AfterSales,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Sales => "sales",
            Scheme::AfterSales => "after_sales",
        }
    }
}

/// A team's scheme and, for after-sales, its rate, bonus and targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TeamScheme {
    pub team_id: i64,
    pub team_name: String,
    pub scheme: Scheme,
    #[specta(type = String)]
    pub after_sales_rate_pct: Decimal,
    pub target_bonus_fen: i64,
    /// The targets with the month's figures (when a month was asked for).
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CommissionSettings {
    pub month: String,
    pub tiers: Vec<Tier>,
    /// The month the tier set in force stands from (`2000-01` for the product's defaults).
    pub tiers_from: String,
    pub coefficients: Coefficients,
    pub coefficients_from: String,
    pub teams: Vec<TeamScheme>,
}

/// What a supervisor saves for a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TeamSchemeInput {
    pub team_id: i64,
    pub scheme: Scheme,
    #[specta(type = String)]
    pub after_sales_rate_pct: Decimal,
    pub target_bonus_fen: i64,
    /// The after-sales targets (their `actual` is ignored here); empty keeps the team's or, for
    /// a team without any, seeds seed 000's five.
    pub targets: Vec<Target>,
}

fn invalid(field: &str, reason: impl Into<String>) -> Problem {
    Problem::new(ErrorCode::CommissionInvalidTable, reason).with("field", field)
}

fn no_team(id: i64) -> Problem {
    Problem::new(ErrorCode::NotFound, format!("no active team has id {id}"))
        .with("entity", "team")
        .with("id", id.to_string())
}

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

/// Seed 000's after-sales targets (店铺售后指标: 退款率 退款时长 纠纷 DSR评分 店铺内部投诉); the
/// figures are product defaults a shop changes.
fn default_targets() -> Vec<Target> {
    [
        ("refund_rate", "退款率", "%", Direction::AtMost, "5"),
        ("refund_days", "退款时长", "天", Direction::AtMost, "2"),
        ("disputes", "纠纷", "件", Direction::AtMost, "0"),
        ("dsr", "DSR评分", "分", Direction::AtLeast, "4.8"),
        (
            "internal_complaints",
            "店铺内部投诉",
            "件",
            Direction::AtMost,
            "0",
        ),
    ]
    .into_iter()
    .map(|(key, label, unit, direction, target)| Target {
        key: key.into(),
        label_zh: label.into(),
        unit: unit.into(),
        direction,
        target: decimal(target),
        actual: None,
    })
    .collect()
}

/// The tier set standing in `month`, and the month it stands from.
pub(crate) fn tiers_in(conn: &Connection, month: &str) -> Result<(Vec<Tier>, String)> {
    let from: Option<String> = conn
        .prepare_cached(
            "SELECT max(effective_month) FROM commission_tiers WHERE effective_month <= ?1",
        )?
        .query_row([month], |r| r.get(0))?;
    let Some(from) = from else {
        return Ok((Vec::new(), String::new()));
    };
    let tiers = conn
        .prepare_cached(
            "SELECT from_fen, rate_pct FROM commission_tiers WHERE effective_month = ?1 ORDER BY from_fen",
        )?
        .query_map([&from], |r| {
            Ok(Tier {
                from_fen: r.get(0)?,
                rate_pct: decimal(&r.get::<_, String>(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((tiers, from))
}

pub(crate) fn coefficients_in(conn: &Connection, month: &str) -> Result<(Coefficients, String)> {
    let from: Option<String> = conn
        .prepare_cached(
            "SELECT max(effective_month) FROM grade_coefficients WHERE effective_month <= ?1",
        )?
        .query_row([month], |r| r.get(0))?;
    let mut c = Coefficients::default();
    let Some(from) = from else {
        return Ok((c, String::new()));
    };
    let rows: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT grade, coefficient FROM grade_coefficients WHERE effective_month = ?1",
        )?
        .query_map([&from], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (grade, value) in rows {
        let value = decimal(&value);
        match grade.as_str() {
            "excellent" => c.excellent = value,
            "good" => c.good = value,
            "pass" => c.pass = value,
            "fail" => c.fail = value,
            _ => c.ungraded = value,
        }
    }
    Ok((c, from))
}

/// Every active team's scheme; with `month`, the after-sales targets carry that month's figures.
pub(crate) fn team_schemes(conn: &Connection, month: Option<&str>) -> Result<Vec<TeamScheme>> {
    let mut teams: Vec<TeamScheme> = conn
        .prepare_cached(
            "SELECT t.id, t.name, coalesce(c.scheme, 'sales'), coalesce(c.after_sales_rate_pct, '0.3'),
                    coalesce(c.target_bonus_fen, 0)
             FROM teams t LEFT JOIN team_commission c ON c.team_id = t.id
             WHERE t.active = 1 ORDER BY t.id",
        )?
        .query_map([], |r| {
            Ok(TeamScheme {
                team_id: r.get(0)?,
                team_name: r.get(1)?,
                scheme: if r.get::<_, String>(2)? == "after_sales" {
                    Scheme::AfterSales
                } else {
                    Scheme::Sales
                },
                after_sales_rate_pct: decimal(&r.get::<_, String>(3)?),
                target_bonus_fen: r.get(4)?,
                targets: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for team in &mut teams {
        if team.scheme == Scheme::AfterSales {
            team.targets = targets(conn, team.team_id, month)?;
        }
    }
    Ok(teams)
}

fn targets(conn: &Connection, team_id: i64, month: Option<&str>) -> Result<Vec<Target>> {
    Ok(conn
        .prepare_cached(
            "SELECT t.key, t.label_zh, t.unit, t.direction, t.target, a.actual
             FROM after_sales_targets t
             LEFT JOIN after_sales_actuals a ON a.team_id = t.team_id AND a.key = t.key AND a.month = ?2
             WHERE t.team_id = ?1 ORDER BY t.position",
        )?
        .query_map(params![team_id, month], |r| {
            Ok(Target {
                key: r.get(0)?,
                label_zh: r.get(1)?,
                unit: r.get(2)?,
                direction: Direction::parse(&r.get::<_, String>(3)?).unwrap_or(Direction::AtMost),
                target: decimal(&r.get::<_, String>(4)?),
                actual: r.get::<_, Option<String>>(5)?.map(|a| decimal(&a)),
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn check_month(month: &str) -> Result<()> {
    month_bounds(month).map(|_| ())
}

impl Store {
    /// The tables standing in `month` and every active team's scheme with that month's figures.
    pub fn commission_settings(&self, month: &str) -> Result<CommissionSettings> {
        check_month(month)?;
        let (tiers, tiers_from) = tiers_in(self.conn(), month)?;
        let (coefficients, coefficients_from) = coefficients_in(self.conn(), month)?;
        Ok(CommissionSettings {
            month: month.to_owned(),
            tiers,
            tiers_from,
            coefficients,
            coefficients_from,
            teams: team_schemes(self.conn(), Some(month))?,
        })
    }

    /// A new tier set standing from `from_month` (replacing a set saved for that same month).
    pub fn put_commission_tiers(
        &mut self,
        from_month: &str,
        tiers: &[Tier],
        actor: Actor,
    ) -> Result<()> {
        check_month(from_month)?;
        let mut tiers = tiers.to_vec();
        tiers.sort_by_key(|t| t.from_fen);
        check_tiers(&tiers)?;
        self.write(|tx| {
            tx.execute("DELETE FROM commission_tiers WHERE effective_month = ?1", [from_month])?;
            let mut add = tx.prepare_cached(
                "INSERT INTO commission_tiers (effective_month, from_fen, rate_pct, changed_by, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for t in &tiers {
                add.execute(params![
                    from_month,
                    t.from_fen,
                    t.rate_pct.normalize().to_string(),
                    actor.user_id,
                    to_ms(actor.at)
                ])?;
            }
            actor
                .audit("set", "commission_tiers", None, Some(format!("from {from_month}: {} tiers", tiers.len())))
                .record(tx)
        })
    }

    /// New grade coefficients standing from `from_month`.
    pub fn put_grade_coefficients(
        &mut self,
        from_month: &str,
        coefficients: &Coefficients,
        actor: Actor,
    ) -> Result<()> {
        check_month(from_month)?;
        coefficients.check()?;
        self.write(|tx| {
            let mut add = tx.prepare_cached(
                "INSERT OR REPLACE INTO grade_coefficients (effective_month, grade, coefficient, changed_by, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (grade, value) in [
                ("excellent", coefficients.excellent),
                ("good", coefficients.good),
                ("pass", coefficients.pass),
                ("fail", coefficients.fail),
                ("ungraded", coefficients.ungraded),
            ] {
                add.execute(params![
                    from_month,
                    grade,
                    value.normalize().to_string(),
                    actor.user_id,
                    to_ms(actor.at)
                ])?;
            }
            actor
                .audit("set", "grade_coefficients", None, Some(format!("from {from_month}")))
                .record(tx)
        })
    }

    /// Sets how a team is paid; an after-sales team without targets gets seed 000's five.
    pub fn put_team_scheme(&mut self, input: &TeamSchemeInput, actor: Actor) -> Result<TeamScheme> {
        if input.after_sales_rate_pct < Decimal::ZERO
            || input.after_sales_rate_pct > Decimal::ONE_HUNDRED
        {
            return Err(invalid("rate", "a rate is 0 to 100 percent").into());
        }
        if input.target_bonus_fen < 0 {
            return Err(invalid("bonus", "the target bonus is not negative").into());
        }
        let mut keys = std::collections::HashSet::new();
        for t in &input.targets {
            if t.key.trim().is_empty() || t.label_zh.trim().is_empty() || !keys.insert(t.key.trim())
            {
                return Err(invalid("targets", "each target needs its own key and a name").into());
            }
        }
        self.write(|tx| {
            let changed = tx.execute(
                "INSERT INTO team_commission (team_id, scheme, after_sales_rate_pct, target_bonus_fen, changed_by, changed_at)
                 SELECT id, ?2, ?3, ?4, ?5, ?6 FROM teams WHERE id = ?1
                 ON CONFLICT(team_id) DO UPDATE SET scheme = excluded.scheme,
                     after_sales_rate_pct = excluded.after_sales_rate_pct,
                     target_bonus_fen = excluded.target_bonus_fen,
                     changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                params![
                    input.team_id,
                    input.scheme.as_str(),
                    input.after_sales_rate_pct.normalize().to_string(),
                    input.target_bonus_fen,
                    actor.user_id,
                    to_ms(actor.at)
                ],
            )?;
            if changed == 0 {
                return Err(no_team(input.team_id).into());
            }
            let has: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM after_sales_targets WHERE team_id = ?1)",
                [input.team_id],
                |r| r.get(0),
            )?;
            let targets = if !input.targets.is_empty() {
                input.targets.clone()
            } else if has || input.scheme == Scheme::Sales {
                Vec::new()
            } else {
                default_targets()
            };
            if !targets.is_empty() {
                tx.execute("DELETE FROM after_sales_targets WHERE team_id = ?1", [input.team_id])?;
                let mut add = tx.prepare_cached(
                    "INSERT INTO after_sales_targets (team_id, key, label_zh, unit, direction, target, position)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?;
                for (i, t) in targets.iter().enumerate() {
                    add.execute(params![
                        input.team_id,
                        t.key.trim(),
                        t.label_zh.trim(),
                        t.unit,
                        t.direction.as_str(),
                        t.target.normalize().to_string(),
                        i as i64
                    ])?;
                }
            }
            actor
                .audit("set", "team_commission", Some(input.team_id), Some(input.scheme.as_str().to_owned()))
                .record(tx)
        })?;
        team_schemes(self.conn(), None)?
            .into_iter()
            .find(|t| t.team_id == input.team_id)
            .ok_or_else(|| no_team(input.team_id).into())
    }

    /// Enters (or clears, with None) an after-sales team's figure for one target and month.
    pub fn put_after_sales_actual(
        &mut self,
        team_id: i64,
        month: &str,
        key: &str,
        actual: Option<Decimal>,
        actor: Actor,
    ) -> Result<()> {
        check_month(month)?;
        let known: Option<i64> = self
            .conn()
            .query_row(
                "SELECT 1 FROM after_sales_targets WHERE team_id = ?1 AND key = ?2",
                params![team_id, key],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            return Err(invalid("key", format!("the team has no target '{key}'")).into());
        }
        self.write(|tx| {
            match actual {
                Some(value) => tx.execute(
                    "INSERT OR REPLACE INTO after_sales_actuals (team_id, month, key, actual, entered_by, entered_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![team_id, month, key, value.normalize().to_string(), actor.user_id, to_ms(actor.at)],
                )?,
                None => tx.execute(
                    "DELETE FROM after_sales_actuals WHERE team_id = ?1 AND month = ?2 AND key = ?3",
                    params![team_id, month, key],
                )?,
            };
            actor
                .audit("set", "after_sales_actual", Some(team_id), Some(format!("{month} {key}")))
                .record(tx)
        })
    }
}
