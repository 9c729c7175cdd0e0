//! Who may do what. The backend checks these on every command; the UI only hides what the
//! operator cannot use.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 现场主管: runs the floor, approves, rules on incidents, administers the site.
    Supervisor,
    /// 班长: runs one shift and one team.
    TeamLead,
    /// 客服经理/店长: heads the department, above the 主管 (seed 004 fines the 客服经理 beside the
    /// person responsible; seed 000 sends objections to the 中心經理): may do all a supervisor
    /// may, and owns scores, fines and reports. See docs/rules.md.
    Manager,
    /// 坐席: signs and rates their own records.
    Agent,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Supervisor, Role::TeamLead, Role::Manager, Role::Agent];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Supervisor => "supervisor",
            Role::TeamLead => "team_lead",
            Role::Manager => "manager",
            Role::Agent => "agent",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Supervisor => "主管",
            Role::TeamLead => "班长",
            Role::Manager => "经理",
            Role::Agent => "坐席",
        }
    }

    /// Accepts the stored English key or the Chinese label.
    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(text) || r.label_zh() == text)
    }

    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        const SUPERVISOR: &[Permission] = &[
            ViewPeople,
            ManagePeople,
            ManageUsers,
            ManageSettings,
            ViewFloor,
            OperateFloor,
            ViewRoster,
            RequestRosterChange,
            EditRoster,
            PublishRoster,
            ViewHandover,
            WriteHandoverEntry,
            RunHandover,
            OverrideHandover,
            ViewScores,
            EnterScores,
            AssignRaters,
            ManageScores,
            ViewIncidents,
            RecordIncidents,
            ConfirmIncidents,
            ManageRuleBook,
            ViewPay,
            RegisterComplaints,
            HandleComplaints,
            TakeAttendance,
            SubmitReports,
            ManageReports,
        ];
        match self {
            Role::Supervisor | Role::Manager => SUPERVISOR,
            Role::TeamLead => &[
                ViewPeople,
                ViewFloor,
                OperateFloor,
                ViewRoster,
                RequestRosterChange,
                EditRoster,
                ViewHandover,
                WriteHandoverEntry,
                RunHandover,
                ViewScores,
                EnterScores,
                AssignRaters,
                ViewIncidents,
                RecordIncidents,
                RegisterComplaints,
                TakeAttendance,
                SubmitReports,
            ],
            Role::Agent => &[
                ViewRoster,
                RequestRosterChange,
                ViewHandover,
                WriteHandoverEntry,
                ViewScores,
                EnterScores,
                ViewIncidents,
                RegisterComplaints,
                SubmitReports,
            ],
        }
    }

    /// Whose roster the role sees, writes and asks changes for: a supervisor or manager
    /// everyone's; a team lead their own team's (writing only a month not yet published); an
    /// agent sees their team's month and asks only for themselves.
    pub fn roster_reach(self) -> RosterReach {
        match self {
            Role::Supervisor | Role::Manager => RosterReach::Everyone,
            Role::TeamLead => RosterReach::OwnTeam,
            Role::Agent => RosterReach::OwnSelf,
        }
    }

    pub fn can(self, permission: Permission) -> bool {
        self.permissions().contains(&permission)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    ViewPeople,
    ManagePeople,
    ManageUsers,
    ManageSettings,
    /// Watch the live board and its alerts.
    ViewFloor,
    /// Set agents' states, announce 'line full', acknowledge alerts.
    OperateFloor,
    /// See the roster (排班表).
    ViewRoster,
    /// Ask for a swap or leave (an agent for themselves, a lead for their team).
    RequestRosterChange,
    /// Write roster cells (a draft freely; a published month with a reason).
    EditRoster,
    /// Publish a team's month, overriding violations with a reason.
    PublishRoster,
    /// Read the handover logs (交接记录): one's own team's, supervisors and managers all. Also
    /// what hosting a sign-off needs: the signers' PINs and eligibility are the authority.
    ViewHandover,
    /// Write handover items: a lead for the team, an agent in their own 交接记录本.
    WriteHandoverEntry,
    /// Run a team's handover: open the log, roll call (点名) and seats, addenda.
    RunHandover,
    /// Name a shift's 交接班长 and override the incoming-signed-in check (主管特批).
    OverrideHandover,
    /// See assessment results: an agent their own (never a peer's individual scores), a team
    /// lead their team's, supervisors and managers everyone's.
    ViewScores,
    /// Enter scores as a rater: only for the people and role the month's raters say, and one's
    /// own 自评; confirm or appeal one's own result.
    EnterScores,
    /// Choose a month's 小组 raters and extra superiors (a lead for their team).
    AssignRaters,
    /// Templates and their assignment, exceptions, allowing late changes, publish and reopen.
    ManageScores,
    /// See incidents, fines and rewards (违规与奖惩): an agent their own, a team lead their
    /// team's, supervisors and managers everyone's. An agent acknowledges their own with a PIN.
    ViewIncidents,
    /// Record an incident (from the board or the incidents page) and its evidence.
    RecordIncidents,
    /// Confirm or change the proposed penalty, void and decide appeals (with the approver's
    /// PIN), publish a month's list (公示), pay out of the fund.
    ConfirmIncidents,
    /// Edit, add and retire rules of the rule book, and the equipment price list.
    ManageRuleBook,
    /// See base pay and what a deduction is against it (the legal cap).
    ViewPay,
    /// 登记投诉: anyone on the floor.
    RegisterComplaints,
    /// Route, rule and close complaints; edit the cause list and the contact counts.
    HandleComplaints,
    /// Schedule meetings and training and take their attendance.
    TakeAttendance,
    /// Mark one's own reports submitted.
    SubmitReports,
    /// Keep the register of reports owed; record announced delays; mark anyone's report.
    ManageReports,
}

/// How far a role reaches in the roster (see `Role::roster_reach`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterReach {
    Everyone,
    OwnTeam,
    OwnSelf,
}

/// One role and what it may do: the generated `ROLE_PERMISSIONS` constant lists every role.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RolePermissions {
    pub role: Role,
    pub permissions: Vec<Permission>,
}

pub fn role_permissions() -> Vec<RolePermissions> {
    Role::ALL
        .into_iter()
        .map(|role| RolePermissions {
            role,
            permissions: role.permissions().to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_key_and_chinese_label() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(Role::parse(role.label_zh()), Some(role));
        }
        assert_eq!(Role::parse("boss"), None);
    }

    #[test]
    fn a_manager_may_do_all_a_supervisor_may() {
        for p in Role::Supervisor.permissions() {
            assert!(Role::Manager.can(*p), "{p:?}");
        }
    }

    #[test]
    fn leads_run_the_floor_but_do_not_administer() {
        assert!(Role::Supervisor.can(Permission::ManageUsers));
        assert!(Role::TeamLead.can(Permission::OperateFloor));
        assert!(!Role::TeamLead.can(Permission::ManageUsers));
        assert!(!Role::TeamLead.can(Permission::ManageSettings));
        assert!(!Role::TeamLead.can(Permission::ManagePeople));
        assert!(Role::TeamLead.can(Permission::ViewPeople));
        assert!(!Role::Agent.can(Permission::ViewPeople));
        // Everyone sees the roster; leads edit it; supervisors and managers publish it.
        assert!(Role::Agent.can(Permission::ViewRoster));
        assert!(Role::TeamLead.can(Permission::EditRoster));
        assert!(!Role::TeamLead.can(Permission::PublishRoster));
        assert!(Role::Agent.can(Permission::RequestRosterChange));
        assert!(!Role::Agent.can(Permission::EditRoster));
        assert_eq!(Role::Agent.roster_reach(), RosterReach::OwnSelf);
        assert_eq!(Role::TeamLead.roster_reach(), RosterReach::OwnTeam);
        assert_eq!(Role::Manager.roster_reach(), RosterReach::Everyone);
        assert!(Role::Manager.can(Permission::PublishRoster));
        // Everyone on the floor reads and writes handover entries; leads run it; supervisors
        // name 交接班长 and override.
        assert!(Role::Agent.can(Permission::ViewHandover));
        assert!(Role::Agent.can(Permission::WriteHandoverEntry));
        assert!(!Role::Agent.can(Permission::RunHandover));
        assert!(Role::TeamLead.can(Permission::RunHandover));
        assert!(!Role::TeamLead.can(Permission::OverrideHandover));
        assert!(Role::Supervisor.can(Permission::OverrideHandover));
    }
}
