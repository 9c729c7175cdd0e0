//! Whose roster an operator may write or ask changes for, by their role's `RosterReach`:
//! checked in the store, so the app and any other caller with a user refuse alike.

use floordesk_domain::access::RosterReach;
use floordesk_domain::code::ErrorCode;
use floordesk_domain::problem::Problem;

use crate::people::AgentRow;
use crate::{Actor, Result, Store};

/// The reach of one operator, resolved to their team and 工号.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Everyone,
    /// A team lead: their agent's team (None when the lead is on no team).
    Team {
        team_id: Option<i64>,
        employee_no: String,
    },
    /// An agent: themselves.
    Own {
        employee_no: String,
    },
}

impl Reach {
    /// The team whose month the operator sees alone, if they see only one.
    pub fn team_view(&self, store: &Store) -> Result<Option<i64>> {
        Ok(match self {
            Reach::Own { employee_no } => Some(
                store
                    .agent_by_employee_no(employee_no)?
                    .map_or(-1, |a| a.team_id),
            ),
            _ => None,
        })
    }

    /// Refuses a request (swap or leave) about `agent` the operator may not ask for.
    pub fn check_request(&self, agent: &AgentRow) -> Result<()> {
        match self {
            Reach::Everyone => Ok(()),
            Reach::Team { team_id, .. } if *team_id == Some(agent.team_id) => Ok(()),
            Reach::Team { .. } => Err(not_your_team(agent)),
            Reach::Own { employee_no } if *employee_no == agent.employee_no => Ok(()),
            Reach::Own { .. } => Err(Problem::new(
                ErrorCode::RosterNotYourself,
                format!(
                    "an agent asks only for themselves, not for {}",
                    agent.employee_no
                ),
            )
            .with("employee_no", &agent.employee_no)
            .into()),
        }
    }

    /// Refuses a cell the operator may not write: a lead writes their own team's draft only.
    pub fn check_cell(&self, agent: &AgentRow, month: &str, published: bool) -> Result<()> {
        match self {
            Reach::Everyone => Ok(()),
            Reach::Team { team_id, .. } if *team_id != Some(agent.team_id) => {
                Err(not_your_team(agent))
            }
            Reach::Team { .. } if published => Err(Problem::new(
                ErrorCode::RosterLockedForLead,
                format!("{month} is published: a supervisor or manager changes it"),
            )
            .with("month", month)
            .into()),
            Reach::Team { .. } => Ok(()),
            Reach::Own { .. } => Err(Problem::new(
                ErrorCode::AuthForbidden,
                "an agent does not write the roster",
            )
            .into()),
        }
    }
}

fn not_your_team(agent: &AgentRow) -> crate::StoreError {
    Problem::new(
        ErrorCode::RosterNotYourTeam,
        format!(
            "{} is on another team ({})",
            agent.employee_no, agent.team_name
        ),
    )
    .with("employee_no", &agent.employee_no)
    .into()
}

impl Store {
    /// The actor's reach; the system (CLI, demo, upgrades) reaches everyone.
    pub fn reach_of(&self, actor: Actor) -> Result<Reach> {
        let Some(user_id) = actor.user_id else {
            return Ok(Reach::Everyone);
        };
        let user = self.user(user_id)?;
        Ok(match user.role.roster_reach() {
            RosterReach::Everyone => Reach::Everyone,
            RosterReach::OwnTeam => Reach::Team {
                team_id: self
                    .agent_by_employee_no(&user.employee_no)?
                    .map(|a| a.team_id),
                employee_no: user.employee_no,
            },
            RosterReach::OwnSelf => Reach::Own {
                employee_no: user.employee_no,
            },
        })
    }

    /// Refuses a team-wide roster write (its requirement, a generated month) to anyone but a
    /// supervisor, a manager, the system, or a lead of that team.
    pub fn require_team_reach(&self, team_id: i64, actor: Actor) -> Result<()> {
        match self.reach_of(actor)? {
            Reach::Everyone => Ok(()),
            Reach::Team {
                team_id: Some(own), ..
            } if own == team_id => Ok(()),
            _ => Err(Problem::new(
                ErrorCode::AuthForbidden,
                "a team lead plans their own team's roster only",
            )
            .into()),
        }
    }
}
