//! The 交接班长 of a shift: a team lead first, else the member a supervisor named, else a
//! supervisor or manager stands in; and who may sign on what basis.

use floordesk_domain::access::Role;
use floordesk_domain::handover::lead::{LeadBasis, Member, ShiftLead, choose_lead, signing_basis};

fn member(no: &str, user_id: i64, role: Role) -> Member {
    Member {
        employee_no: no.into(),
        user_id: Some(user_id),
        role: Some(role),
        user_active: true,
        away: false,
    }
}

fn agent(no: &str, user_id: i64) -> Member {
    member(no, user_id, Role::Agent)
}

fn team_lead(no: &str, user_id: i64) -> Member {
    member(no, user_id, Role::TeamLead)
}

fn person(no: &str, user_id: i64, basis: LeadBasis) -> ShiftLead {
    ShiftLead::Person {
        employee_no: no.into(),
        user_id,
        basis,
    }
}

#[test]
fn one_team_lead_wins_over_a_designation() {
    let members = [agent("1001", 11), team_lead("1002", 12), agent("1003", 13)];
    assert_eq!(
        choose_lead(&members, Some("1003")),
        person("1002", 12, LeadBasis::TeamLead)
    );
    assert_eq!(
        choose_lead(&members, None),
        person("1002", 12, LeadBasis::TeamLead)
    );
}

#[test]
fn of_two_team_leads_the_designated_one_else_the_lowest_employee_no() {
    let members = [
        team_lead("1005", 15),
        agent("1001", 11),
        team_lead("1003", 13),
    ];
    assert_eq!(
        choose_lead(&members, Some("1005")),
        person("1005", 15, LeadBasis::TeamLead)
    );
    assert_eq!(
        choose_lead(&members, None),
        person("1003", 13, LeadBasis::TeamLead)
    );
    // Designating a plain agent does not pass over the team leads.
    assert_eq!(
        choose_lead(&members, Some("1001")),
        person("1003", 13, LeadBasis::TeamLead)
    );
}

#[test]
fn without_a_team_lead_the_designated_member_leads() {
    let members = [agent("1001", 11), agent("1002", 12)];
    assert_eq!(
        choose_lead(&members, Some("1002")),
        person("1002", 12, LeadBasis::Designated)
    );
    assert_eq!(choose_lead(&members, None), ShiftLead::StandIn);
    // Someone not on the shift cannot lead it.
    assert_eq!(choose_lead(&members, Some("9999")), ShiftLead::StandIn);
}

#[test]
fn a_designated_member_who_is_away_leaves_it_to_a_stand_in() {
    let mut members = [agent("1001", 11), agent("1002", 12)];
    members[1].away = true;
    assert_eq!(choose_lead(&members, Some("1002")), ShiftLead::StandIn);
}

#[test]
fn a_designated_member_without_an_active_user_leaves_it_to_a_stand_in() {
    let mut inactive = agent("1002", 12);
    inactive.user_active = false;
    assert_eq!(
        choose_lead(&[agent("1001", 11), inactive], Some("1002")),
        ShiftLead::StandIn
    );

    let no_user = Member {
        employee_no: "1003".into(),
        user_id: None,
        role: None,
        user_active: false,
        away: false,
    };
    assert_eq!(choose_lead(&[no_user], Some("1003")), ShiftLead::StandIn);
}

#[test]
fn an_absent_team_lead_is_skipped() {
    let mut absent = team_lead("1001", 11);
    absent.away = true;
    let members = [absent.clone(), team_lead("1004", 14), agent("1002", 12)];
    assert_eq!(
        choose_lead(&members, Some("1001")),
        person("1004", 14, LeadBasis::TeamLead)
    );
    // With no other team lead, the designation applies.
    let members = [absent, agent("1002", 12)];
    assert_eq!(
        choose_lead(&members, Some("1002")),
        person("1002", 12, LeadBasis::Designated)
    );
}

#[test]
fn an_inactive_team_lead_is_skipped() {
    let mut inactive = team_lead("1001", 11);
    inactive.user_active = false;
    assert_eq!(
        choose_lead(&[inactive, team_lead("1002", 12)], None),
        person("1002", 12, LeadBasis::TeamLead)
    );
}

#[test]
fn the_lead_signs_on_their_basis_supervisors_and_managers_stand_in_others_may_not() {
    let lead = person("1002", 12, LeadBasis::Designated);
    assert_eq!(
        signing_basis(&lead, 12, Role::Agent),
        Some(LeadBasis::Designated)
    );
    assert_eq!(
        signing_basis(&lead, 50, Role::Supervisor),
        Some(LeadBasis::StandIn)
    );
    assert_eq!(
        signing_basis(&lead, 60, Role::Manager),
        Some(LeadBasis::StandIn)
    );
    assert_eq!(signing_basis(&lead, 13, Role::Agent), None);
    // A team lead of another shift is not this shift's lead.
    assert_eq!(signing_basis(&lead, 14, Role::TeamLead), None);

    let team = person("1001", 11, LeadBasis::TeamLead);
    assert_eq!(
        signing_basis(&team, 11, Role::TeamLead),
        Some(LeadBasis::TeamLead)
    );

    assert_eq!(signing_basis(&ShiftLead::StandIn, 12, Role::Agent), None);
    assert_eq!(signing_basis(&ShiftLead::StandIn, 14, Role::TeamLead), None);
    assert_eq!(
        signing_basis(&ShiftLead::StandIn, 50, Role::Supervisor),
        Some(LeadBasis::StandIn)
    );
}

#[test]
fn lead_bases_read_back_in_both_languages() {
    for basis in LeadBasis::ALL {
        assert_eq!(LeadBasis::parse(basis.as_str()), Some(basis));
        assert_eq!(LeadBasis::parse(basis.label_zh()), Some(basis));
    }
    assert_eq!(LeadBasis::parse("主管代签"), Some(LeadBasis::StandIn));
    assert_eq!(LeadBasis::parse("boss"), None);
}

#[test]
fn a_shift_lead_serialises_with_its_kind() {
    let json = serde_json::to_value(person("1002", 12, LeadBasis::TeamLead)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "person", "employee_no": "1002", "user_id": 12, "basis": "team_lead"})
    );
    let json = serde_json::to_value(ShiftLead::StandIn).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "stand_in"}));
}
