//! 绩效考核, the record (schema 9): templates and who is assessed on which, who rates whom, the
//! scores as typed and every value replaced, exceptions, confirmations and appeals, and the
//! publication that locks a month (in the database itself) and keeps its results.
//!
//! People are keyed by `person`: `a<agent id>` for an agent, `u<user id>` for a user with a 工号
//! of their own and no agent (a supervisor off the floor); the `score_people` view lists both.

mod charts;
pub(crate) mod computed;
pub(crate) mod entry;
pub(crate) mod improvement;
mod inputs;
pub(crate) mod operator;
pub(crate) mod people;
pub(crate) mod publish;
mod quarter;
pub(crate) mod raters;
pub(crate) mod results;
mod seeds;
pub(crate) mod sheet;
pub(crate) mod spot_checks;
pub(crate) mod templates;

use floordesk_domain::scores::{
    AssessmentWindow, GradeLines, RaterRole, ScoreMonth, ScoreRules, Weights,
};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};

pub use charts::{ItemAverage, TrendPoint};
pub use computed::{ComputedScore, FormulaPreviewRow, InputValue, MyComputedItem};
pub use entry::{
    LateApproval, RaterSheetView, ScoreCell, ScoreEntry, SheetGroup, SheetRow, WindowRule,
};
pub use improvement::{ImprovementPlan, PlanFollowup, PlanStatus};
pub use operator::LateSignoff;
pub use people::ScorePerson;
pub use publish::{MonthStatus, ScoreResponseKind};
pub use quarter::{QuarterRow, parse_quarter};
pub use raters::{RateeOfRater, RaterAssignment, RaterSource};
pub use results::{MonthResults, ResultRow, RoleScores};
pub use spot_checks::{QaForm, QaItem, SpotCheck, SpotCheckInput, TeamSpotChecks};
pub use templates::{
    AssignTarget, ScoreItemInput, ScoreItemRow, TemplateAssignment, TemplateInput, TemplateRow,
};

use crate::{Result, Store};

/// Reads `YYYY-MM`, or fails naming the text.
pub fn parse_month(text: &str) -> Result<ScoreMonth> {
    ScoreMonth::parse(text).ok_or_else(|| {
        Problem::new(
            ErrorCode::ScoresBadMonth,
            format!("'{text}' is not a month like 2026-11"),
        )
        .with("value", text)
        .into()
    })
}

/// Whether the month's newest publication row is a publishing (not a reopening).
pub(crate) fn is_published(conn: &Connection, month: ScoreMonth) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM score_published_months WHERE month = ?1")?
        .query_row(params![month.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Fails with `scores.published` when the month is published.
pub(crate) fn require_unpublished(conn: &Connection, month: ScoreMonth) -> Result<()> {
    if is_published(conn, month)? {
        return Err(Problem::new(
            ErrorCode::ScoresPublished,
            format!("the scores of {month} are published: reopen the month to change them"),
        )
        .with("month", month)
        .into());
    }
    Ok(())
}

/// The template version a month's sheets of `template_id` use: the one fixed by the month's
/// first score, else the newest. With `fix`, a month that has none yet is bound to the newest
/// (call it inside the transaction that writes the first score).
pub(crate) fn sheet_version(
    conn: &Connection,
    month: ScoreMonth,
    template_id: i64,
    fix: bool,
) -> Result<i64> {
    let fixed: Option<i64> = conn
        .prepare_cached(
            "SELECT version_id FROM score_sheet_versions WHERE month = ?1 AND template_id = ?2",
        )?
        .query_row(params![month.to_string(), template_id], |r| r.get(0))
        .optional()?;
    if let Some(version) = fixed {
        return Ok(version);
    }
    let newest: i64 = conn
        .prepare_cached(
            "SELECT id FROM score_template_versions WHERE template_id = ?1 ORDER BY version DESC LIMIT 1",
        )?
        .query_row(params![template_id], |r| r.get(0))?;
    if fix {
        conn.prepare_cached(
            "INSERT INTO score_sheet_versions (month, template_id, version_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![month.to_string(), template_id, newest])?;
    }
    Ok(newest)
}

impl Store {
    /// The weights and grade lines in force now (policy settings).
    pub fn score_rules(&self, at: chrono::DateTime<chrono::Utc>) -> Result<ScoreRules> {
        let policy = self.policy_at(at)?;
        let get = |key: &str, default: i64| policy.get(key).copied().unwrap_or(default);
        let w = Weights::default();
        let l = GradeLines::default();
        Ok(ScoreRules {
            weights: Weights {
                self_pct: get(RaterRole::SelfRating.weight_key(), w.self_pct),
                superior_pct: get(RaterRole::Superior.weight_key(), w.superior_pct),
                peer_pct: get(RaterRole::Peer.weight_key(), w.peer_pct),
            },
            lines: GradeLines {
                excellent: get("grade_excellent_min", l.excellent),
                good: get("grade_good_min", l.good),
                pass: get("grade_pass_min", l.pass),
            },
        })
    }

    /// The month's assessment window by the site's holiday calendar and
    /// `assessment_window_days` in force at `at`.
    pub fn assessment_window(
        &self,
        month: ScoreMonth,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<AssessmentWindow> {
        let days = self
            .policy_at(at)?
            .get("assessment_window_days")
            .copied()
            .unwrap_or(5);
        let overrides: std::collections::HashMap<chrono::NaiveDate, _> = self
            .list_holidays()?
            .into_iter()
            .map(|h| (h.date, h.kind))
            .collect();
        Ok(AssessmentWindow::of(month, days.max(1) as u32, |d| {
            floordesk_domain::calendar::is_working_day(d, overrides.get(&d).copied())
        }))
    }
}
