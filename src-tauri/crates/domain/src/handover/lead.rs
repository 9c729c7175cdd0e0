//! The 交接班长 of a shift (seed 003: 「列队等待交接班长点名」), and who may sign for it.

use serde::{Deserialize, Serialize};

use crate::access::Role;

/// Why someone signs for a shift (班长 · 主管指定 · 主管代签).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LeadBasis {
    TeamLead,
    Designated,
    StandIn,
}

impl LeadBasis {
    pub const ALL: [LeadBasis; 3] = [
        LeadBasis::TeamLead,
        LeadBasis::Designated,
        LeadBasis::StandIn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LeadBasis::TeamLead => "team_lead",
            LeadBasis::Designated => "designated",
            LeadBasis::StandIn => "stand_in",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            LeadBasis::TeamLead => "班长",
            LeadBasis::Designated => "主管指定",
            LeadBasis::StandIn => "主管代签",
        }
    }

    /// The English key (any case) or the Chinese words.
    pub fn parse(text: &str) -> Option<LeadBasis> {
        let text = text.trim();
        LeadBasis::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(text) || b.label_zh() == text)
    }
}

/// One rostered member of a shift, with their user if they have one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Member {
    /// 工号.
    pub employee_no: String,
    pub user_id: Option<i64>,
    pub role: Option<Role>,
    pub user_active: bool,
    /// The roll call reads them absent, on leave or excused: they cannot lead a handover.
    pub away: bool,
}

impl Member {
    /// The user who can sign as this member, if they are here and may sign in.
    fn signer(&self) -> Option<i64> {
        self.user_id.filter(|_| self.user_active && !self.away)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShiftLead {
    /// A member leads: basis `TeamLead` or `Designated`.
    Person {
        employee_no: String,
        user_id: i64,
        basis: LeadBasis,
    },
    /// Nobody of the shift can: a supervisor or manager signs (主管代签).
    StandIn,
}

/// The rule: a member whose user is a team lead (several: the designated one among
/// them, else the lowest 工号); else the designated member; else a stand-in. Away members and
/// members without an active user are passed over.
pub fn choose_lead(members: &[Member], designated: Option<&str>) -> ShiftLead {
    let person = |m: &Member, user_id: i64, basis: LeadBasis| ShiftLead::Person {
        employee_no: m.employee_no.clone(),
        user_id,
        basis,
    };
    let is_designated = |m: &Member| designated.is_some_and(|d| d == m.employee_no);

    let team_leads: Vec<(&Member, i64)> = members
        .iter()
        .filter(|m| m.role == Some(Role::TeamLead))
        .filter_map(|m| m.signer().map(|user| (m, user)))
        .collect();
    let lead = team_leads
        .iter()
        .find(|(m, _)| is_designated(m))
        .or_else(|| {
            team_leads
                .iter()
                .min_by(|a, b| a.0.employee_no.cmp(&b.0.employee_no))
        });
    if let Some((m, user)) = lead {
        return person(m, *user, LeadBasis::TeamLead);
    }

    members
        .iter()
        .filter(|m| is_designated(m))
        .find_map(|m| {
            m.signer()
                .map(|user| person(m, user, LeadBasis::Designated))
        })
        .unwrap_or(ShiftLead::StandIn)
}

/// May this user sign for the shift, and on what basis: the lead in line signs on their basis;
/// any supervisor or manager may stand in; anyone else may not.
pub fn signing_basis(
    lead: &ShiftLead,
    signer_user_id: i64,
    signer_role: Role,
) -> Option<LeadBasis> {
    match lead {
        ShiftLead::Person { user_id, basis, .. } if *user_id == signer_user_id => Some(*basis),
        _ if matches!(signer_role, Role::Supervisor | Role::Manager) => Some(LeadBasis::StandIn),
        _ => None,
    }
}
