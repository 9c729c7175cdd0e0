//! Assessment as one logged-in operator sees and does it: their own sheet as a rater, their own
//! 自评 and answer, the results their reach allows (an agent their own, without the 小组 score,
//! so no peer's marks can be read off it; a lead their team's; supervisors everyone's), the
//! raters a lead may assign (their team's), and a supervisor's PIN for a late change or a
//! reopening. Checked here so every caller refuses alike.

use chrono::{DateTime, Utc};
use floordesk_domain::access::Permission;
use floordesk_domain::scores::{RaterRole, ScoreMonth};
use floordesk_domain::{ErrorCode, Problem};

use super::entry::{LateApproval, RaterSheetView, ScoreCell, ScoreEntry, WindowRule};
use super::people::{ScorePerson, person_by_key, person_of_user, unknown_person};
use super::publish::ScoreResponseKind;
use super::raters::RaterAssignment;
use super::results::MonthResults;
use crate::reach::Reach;
use crate::{Actor, Result, Store};

/// A supervisor's leave for a late change: who (their PIN is checked) and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct LateSignoff {
    pub user_id: i64,
    pub pin: String,
    pub reason: String,
}

fn no_person() -> crate::StoreError {
    Problem::new(
        ErrorCode::ScoresNotYours,
        "this login has no 工号 to rate or be rated with",
    )
    .into()
}

fn not_your_team(p: &ScorePerson) -> crate::StoreError {
    Problem::new(
        ErrorCode::RosterNotYourTeam,
        format!("{} is on another team", p.employee_no),
    )
    .with("employee_no", &p.employee_no)
    .into()
}

impl Store {
    /// The person the operator is (their agent, or their own 工号).
    pub fn operator_person(&self, actor: Actor) -> Result<ScorePerson> {
        let user = actor.user_id.ok_or_else(no_person)?;
        person_of_user(self.conn(), user)?.ok_or_else(no_person)
    }

    /// Checks a supervisor's or manager's PIN (a wrong one counts towards their lockout) and
    /// returns their leave for a late change.
    pub fn late_approval(
        &mut self,
        signoff: &LateSignoff,
        at: DateTime<Utc>,
    ) -> Result<LateApproval> {
        if signoff.reason.trim().is_empty() {
            return Err(
                Problem::new(ErrorCode::ValidationRequired, "a reason is required")
                    .with("field", "reason")
                    .into(),
            );
        }
        let user = self.authenticate(signoff.user_id, &signoff.pin, at)?;
        if !user.role.can(Permission::ManageScores) {
            return Err(Problem::new(
                ErrorCode::AuthForbidden,
                "a late change is allowed by a supervisor or manager",
            )
            .into());
        }
        Ok(LateApproval {
            allowed_by: user.id,
            reason: signoff.reason.trim().to_owned(),
        })
    }

    /// The operator's own sheet as a rater.
    pub fn my_score_sheet(&self, month: ScoreMonth, actor: Actor) -> Result<RaterSheetView> {
        let me = self.operator_person(actor)?;
        self.rater_sheet(month, &me.person, actor.at)
    }

    /// Cells the operator typed on their own sheet; past the window only with a supervisor's
    /// PIN and reason.
    pub fn enter_my_scores(
        &mut self,
        month: ScoreMonth,
        entries: &[ScoreEntry],
        late: Option<&LateSignoff>,
        actor: Actor,
    ) -> Result<Vec<ScoreCell>> {
        let me = self.operator_person(actor)?;
        let late = late.map(|l| self.late_approval(l, actor.at)).transpose()?;
        self.enter_scores(
            month,
            &me.person,
            entries,
            &WindowRule::Enforce(late),
            actor,
        )
    }

    /// The operator confirms or appeals their own result.
    pub fn respond_to_my_score(
        &mut self,
        month: ScoreMonth,
        kind: ScoreResponseKind,
        note: Option<&str>,
        actor: Actor,
    ) -> Result<()> {
        let me = self.operator_person(actor)?;
        self.respond_to_score(month, &me.person, kind, note, actor)
    }

    /// The results the operator's reach allows.
    pub fn visible_month_results(&self, month: ScoreMonth, actor: Actor) -> Result<MonthResults> {
        let mut results = self.month_results(month, actor.at)?;
        match self.reach_of(actor)? {
            Reach::Everyone => {}
            Reach::Team {
                team_id,
                employee_no,
            } => results.rows.retain(|r| {
                r.employee_no == employee_no || (team_id.is_some() && r.team_id == team_id)
            }),
            Reach::Own { employee_no } => {
                results.rows.retain(|r| r.employee_no == employee_no);
                for r in &mut results.rows {
                    r.scores.peer = None;
                    r.counted[RaterRole::Peer as usize] = 0;
                    r.partial[RaterRole::Peer as usize] = 0;
                }
            }
        }
        Ok(results)
    }

    /// The quarter's ranking the operator's reach allows: everyone's for a supervisor, their
    /// team's for a lead, their own place for an agent.
    pub fn visible_quarter_ranking(
        &self,
        quarter: floordesk_domain::scores::Quarter,
        actor: Actor,
    ) -> Result<Vec<super::QuarterRow>> {
        let mut rows = self.quarter_ranking(quarter, actor.at)?;
        match self.reach_of(actor)? {
            Reach::Everyone => {}
            Reach::Team {
                team_id,
                employee_no,
            } => rows.retain(|r| {
                r.employee_no == employee_no || (team_id.is_some() && r.team_id == team_id)
            }),
            Reach::Own { employee_no } => rows.retain(|r| r.employee_no == employee_no),
        }
        Ok(rows)
    }

    /// One person's twelve months, if the operator's reach covers them.
    pub fn visible_score_trend(
        &self,
        employee_no: &str,
        month: ScoreMonth,
        actor: Actor,
    ) -> Result<Vec<super::TrendPoint>> {
        let p = self
            .score_person_by_employee_no(employee_no)?
            .ok_or_else(|| unknown_person(employee_no))?;
        match self.reach_of(actor)? {
            Reach::Everyone => {}
            Reach::Team {
                team_id,
                employee_no: own,
            } if own == p.employee_no || (team_id.is_some() && team_id == p.team_id) => {}
            Reach::Own { employee_no: own } if own == p.employee_no => {}
            _ => return Err(not_your_team(&p)),
        }
        self.score_trend(employee_no, month, actor.at)
    }

    /// The month's raters of the people the operator's reach covers.
    pub fn visible_month_raters(
        &self,
        month: ScoreMonth,
        actor: Actor,
    ) -> Result<Vec<RaterAssignment>> {
        let mut raters = self.month_raters(month)?;
        if let Reach::Team { team_id, .. } = self.reach_of(actor)? {
            let people = self.score_people()?;
            let team_of = |person: &str| {
                people
                    .iter()
                    .find(|p| p.person == person)
                    .and_then(|p| p.team_id)
            };
            raters.retain(|r| team_id.is_some() && team_of(&r.ratee) == team_id);
        }
        Ok(raters)
    }

    /// Assigns a rater within the operator's reach (a lead: people of their team).
    pub fn assign_rater_as(
        &mut self,
        month: ScoreMonth,
        ratee: &str,
        role: RaterRole,
        rater: &str,
        actor: Actor,
    ) -> Result<()> {
        self.check_rater_reach(ratee, actor)?;
        self.assign_rater(month, ratee, role, rater, actor)
    }

    pub fn remove_rater_as(
        &mut self,
        month: ScoreMonth,
        ratee: &str,
        role: RaterRole,
        rater: &str,
        actor: Actor,
    ) -> Result<()> {
        self.check_rater_reach(ratee, actor)?;
        self.remove_rater(month, ratee, role, rater, actor)
    }

    fn check_rater_reach(&self, ratee: &str, actor: Actor) -> Result<()> {
        let p = person_by_key(self.conn(), ratee)?.ok_or_else(|| unknown_person(ratee))?;
        match self.reach_of(actor)? {
            Reach::Everyone => Ok(()),
            Reach::Team { team_id, .. } if team_id.is_some() && p.team_id == team_id => Ok(()),
            _ => Err(not_your_team(&p)),
        }
    }

    /// A supervisor reopens a published month with their own PIN and a reason.
    pub fn reopen_scores_with_pin(
        &mut self,
        month: ScoreMonth,
        reason: &str,
        pin: &str,
        actor: Actor,
    ) -> Result<()> {
        let user = actor.user_id.ok_or_else(no_person)?;
        self.authenticate(user, pin, actor.at)?;
        self.reopen_scores(month, reason, actor)
    }

    /// A supervisor signs an exception with their own PIN.
    pub fn sign_score_exception_with_pin(
        &mut self,
        month: ScoreMonth,
        person: &str,
        reason: &str,
        pin: &str,
        actor: Actor,
    ) -> Result<()> {
        let user = actor.user_id.ok_or_else(no_person)?;
        self.authenticate(user, pin, actor.at)?;
        self.sign_score_exception(month, person, reason, actor)
    }
}
