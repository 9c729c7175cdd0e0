//! 投诉 on a real SQLite file: the workflow's steps in order with their due times, who may take
//! which, a valid ruling proposing `valid_complaint` at its severity, a closed complaint frozen
//! in the database itself, the reassignment count at its edges, and the analysis.

use chrono::Duration;
use floordesk_domain::ErrorCode;
use floordesk_domain::complaints::{ComplaintStatus, ComplaintStep};
use floordesk_store::Actor;
use floordesk_store::complaints::{
    CauseInput, ComplaintAction, ComplaintChannel, ComplaintInput, ComplaintQuery, ContactsInput,
};
use floordesk_store::incidents::{IncidentQuery, IncidentStatus};
use rusqlite::Connection;

use crate::incidents::{Floor, code_of, floor, line, local, shown};

fn complaint(at: &str, customer: &str) -> ComplaintInput {
    ComplaintInput {
        received_at: local(at),
        customer: customer.into(),
        channel: ComplaintChannel::Phone,
        order_no: Some("TB20261103001".into()),
        content: "客服回复态度生硬，问题未解决".into(),
    }
}

fn route(no: &str) -> ComplaintAction {
    ComplaintAction::Route {
        employee_no: Some(no.into()),
        team_id: None,
        deadline_at: None,
    }
}

fn rule(valid: bool, severity: Option<u8>) -> ComplaintAction {
    ComplaintAction::Rule {
        findings: "调取录音，确认坐席语气生硬".into(),
        valid,
        severity,
        employee_no: None,
    }
}

fn reply() -> ComplaintAction {
    ComplaintAction::Reply {
        text: "已致歉并补发赠品".into(),
    }
}

fn visit() -> ComplaintAction {
    ComplaintAction::Visit {
        note: "客户表示满意".into(),
        satisfied: true,
    }
}

fn close(cause: &str) -> ComplaintAction {
    ComplaintAction::Close {
        cause: cause.into(),
        note: None,
    }
}

impl Floor {
    /// A complaint about `no` received at `at`, taken by the supervisor up to a valid ruling.
    fn valid_complaint(&mut self, no: &str, at: &str, severity: u8) -> i64 {
        let sup = self.sup(local(at));
        let id = self
            .store
            .register_complaint(&complaint(at, "王女士"), sup)
            .unwrap();
        self.store.advance_complaint(id, &route(no), sup).unwrap();
        self.store
            .advance_complaint(id, &rule(true, Some(severity)), sup)
            .unwrap();
        id
    }
}

#[test]
fn the_workflow_goes_step_by_step_with_its_due_times() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let received = local("2026-11-03 09:00");
    let registered = Actor::user(f.agent_2004, received + Duration::minutes(10));
    let id = f
        .store
        .register_complaint(&complaint("2026-11-03 09:00", "王女士"), registered)
        .unwrap();
    let c = f.store.complaint(id, registered.at).unwrap();
    assert_eq!(c.status, ComplaintStatus::Registered);
    assert_eq!(c.next_step, Some(ComplaintStep::Route));
    // Routed within complaint_route_hours (4) of registration.
    assert_eq!(c.due_at, Some(registered.at + Duration::hours(4)));
    assert!(!c.overdue);
    let late = registered.at + Duration::hours(4) + Duration::minutes(1);
    assert!(f.store.complaint(id, late).unwrap().overdue);
    assert_eq!(f.store.overdue_complaints(late).unwrap()[0].id, id);
    assert_eq!(
        f.store.overdue_complaints(late).unwrap()[0].step,
        ComplaintStep::Route
    );

    // Out of order: a reply before routing and ruling.
    let sup = Actor::user(f.supervisor, received + Duration::hours(1));
    assert_eq!(
        code_of(f.store.advance_complaint(id, &reply(), sup)),
        ErrorCode::ComplaintsWrongStep
    );
    // The agent who registered cannot route.
    assert_eq!(
        code_of(f.store.advance_complaint(id, &route("2003"), registered)),
        ErrorCode::AuthForbidden
    );
    f.store.advance_complaint(id, &route("2003"), sup).unwrap();
    let c = f.store.complaint(id, sup.at).unwrap();
    assert_eq!(c.status, ComplaintStatus::Routed);
    assert_eq!(c.employee_no.as_deref(), Some("2003"));
    assert!(c.team_name.is_some(), "the agent's team comes with them");
    // Investigate, rule and reply within complaint_handle_hours (24) of routing.
    assert_eq!(c.deadline_at, Some(sup.at + Duration::hours(24)));
    assert_eq!(c.due_at, c.deadline_at);
    // Routing again (a wrong person) is allowed until the ruling.
    f.store.advance_complaint(id, &route("2004"), sup).unwrap();
    // A valid ruling needs a severity.
    assert_eq!(
        code_of(f.store.advance_complaint(id, &rule(true, None), sup)),
        ErrorCode::ComplaintsInvalid
    );
    f.store
        .advance_complaint(id, &rule(true, Some(3)), sup)
        .unwrap();
    assert_eq!(
        code_of(f.store.advance_complaint(id, &route("2003"), sup)),
        ErrorCode::ComplaintsWrongStep,
        "a ruled complaint keeps its agent"
    );
    // The routed agent replies and visits herself.
    let agent = Actor::user(f.agent_2004, sup.at + Duration::hours(2));
    f.store.advance_complaint(id, &reply(), agent).unwrap();
    let c = f.store.complaint(id, agent.at).unwrap();
    // The visit within complaint_visit_days (3) of the reply.
    assert_eq!(c.next_step, Some(ComplaintStep::Visit));
    assert_eq!(c.due_at, Some(agent.at + Duration::days(3)));
    f.store.advance_complaint(id, &visit(), agent).unwrap();
    assert_eq!(
        code_of(f.store.advance_complaint(id, &close("attitude"), agent)),
        ErrorCode::AuthForbidden,
        "closing is a supervisor's"
    );
    assert_eq!(
        code_of(f.store.advance_complaint(id, &close("nonsense"), sup)),
        ErrorCode::ComplaintsUnknownCause
    );
    // A cause by its Chinese name.
    f.store
        .advance_complaint(id, &close("服务态度"), sup)
        .unwrap();
    let c = f.store.complaint(id, sup.at).unwrap();
    assert_eq!(c.status, ComplaintStatus::Closed);
    assert_eq!(c.cause_code.as_deref(), Some("attitude"));
    assert_eq!(c.next_step, None);
    assert!(
        !f.store
            .complaint(id, sup.at + Duration::days(99))
            .unwrap()
            .overdue
    );
    let steps: Vec<ComplaintStep> = c.steps.iter().map(|s| s.step).collect();
    assert_eq!(
        steps,
        [
            ComplaintStep::Route,
            ComplaintStep::Rule,
            ComplaintStep::Reply,
            ComplaintStep::Visit,
            ComplaintStep::Close
        ]
    );
    assert_eq!(
        code_of(f.store.advance_complaint(id, &visit(), sup)),
        ErrorCode::ComplaintsWrongStep
    );
}

#[test]
fn a_valid_ruling_proposes_the_fine_by_severity_and_an_invalid_one_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let id = f.valid_complaint("2003", "2026-11-03 09:00", 3);
    let c = f.store.complaint(id, local("2026-11-04 09:00")).unwrap();
    let incident = c.incident_id.expect("a valid ruling proposes");
    let row = f
        .store
        .incidents(&IncidentQuery::default())
        .unwrap()
        .into_iter()
        .find(|i| i.id == incident)
        .unwrap();
    assert_eq!(row.rule_code, "valid_complaint");
    assert_eq!(row.status, IncidentStatus::Proposed, "waits for 待确认");
    assert_eq!(
        row.ts,
        local("2026-11-03 09:00"),
        "at the complaint's instant"
    );
    assert_eq!(row.severity, Some(3));
    // Seed 000: 20–100 yuan by severity (3 → 60 yuan) and a written self-review.
    assert_eq!(
        shown(&f.store.preview_stored_incident(incident).unwrap()),
        [
            line("2003", "fine", 6000, Some(1)),
            line("2003", "self_review", 0, Some(1))
        ]
    );

    let sup = f.sup(local("2026-11-05 09:00"));
    let other = f
        .store
        .register_complaint(&complaint("2026-11-05 09:00", "李先生"), sup)
        .unwrap();
    f.store
        .advance_complaint(other, &route("2003"), sup)
        .unwrap();
    f.store
        .advance_complaint(other, &rule(false, None), sup)
        .unwrap();
    let c = f.store.complaint(other, sup.at).unwrap();
    assert_eq!(c.valid, Some(false));
    assert_eq!(c.incident_id, None);
}

#[test]
fn a_closed_complaint_and_a_ruling_are_frozen_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let id = f.valid_complaint("2003", "2026-11-03 09:00", 2);
    let sup = f.sup(local("2026-11-03 12:00"));
    let conn = Connection::open(&f.path).unwrap();
    let tamper = |sql: &str| conn.execute(sql, [id]).unwrap_err().to_string();
    assert!(tamper("UPDATE complaints SET valid = 0 WHERE id = ?1").contains("ruling"));
    assert!(tamper("UPDATE complaints SET severity = 1 WHERE id = ?1").contains("ruling"));
    assert!(tamper("DELETE FROM complaints WHERE id = ?1").contains("never deleted"));
    for step in [reply(), visit(), close("logistics")] {
        f.store.advance_complaint(id, &step, sup).unwrap();
    }
    assert!(tamper("UPDATE complaints SET close_note = 'x' WHERE id = ?1").contains("closed"));
    assert!(
        conn.execute("DELETE FROM complaint_causes WHERE code = 'logistics'", [])
            .unwrap_err()
            .to_string()
            .contains("retire")
    );
}

#[test]
fn five_valid_complaints_in_the_rolling_window_flag_the_agent() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    for at in [
        "2026-01-10 10:00",
        "2026-03-01 10:00",
        "2026-06-05 10:00",
        "2026-11-02 10:00",
    ] {
        f.valid_complaint("2003", at, 1);
    }
    // An invalid one does not count.
    let sup = f.sup(local("2026-11-10 10:00"));
    let invalid = f
        .store
        .register_complaint(&complaint("2026-11-10 10:00", "赵女士"), sup)
        .unwrap();
    f.store
        .advance_complaint(invalid, &route("2003"), sup)
        .unwrap();
    f.store
        .advance_complaint(invalid, &rule(false, None), sup)
        .unwrap();
    let today = local("2026-11-30 12:00");
    assert!(
        f.store.complaint_flags(today).unwrap().is_empty(),
        "4 valid: no flag"
    );

    f.valid_complaint("2003", "2026-11-29 10:00", 1);
    let flags = f.store.complaint_flags(today).unwrap();
    assert_eq!(flags.len(), 1, "5 valid: flagged");
    assert_eq!(flags[0].employee_no, "2003");
    assert_eq!(flags[0].valid_count, 5);
    assert_eq!(flags[0].since.to_string(), "2026-01-10");

    // complaint_reassign_days = 365 (today included): 2026-01-10 is still counted on
    // 2027-01-09 and gone on 2027-01-10.
    assert_eq!(
        f.store
            .complaint_flags(local("2027-01-09 12:00"))
            .unwrap()
            .len(),
        1
    );
    assert!(
        f.store
            .complaint_flags(local("2027-01-10 12:00"))
            .unwrap()
            .is_empty(),
        "the 5th fell out of the window"
    );
    // The count is a policy setting.
    f.store
        .set_policy(
            "complaint_reassign_count",
            4,
            Actor::system(local("2026-01-01 00:00")),
        )
        .unwrap();
    assert_eq!(f.store.complaint_flags(today).unwrap()[0].valid_count, 5);
}

#[test]
fn the_analysis_counts_by_cause_agent_team_and_month_with_the_rate() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let sup = f.sup(local("2026-11-20 10:00"));
    for (at, cause) in [
        ("2026-10-03 10:00", "attitude"),
        ("2026-11-03 10:00", "attitude"),
        ("2026-11-04 10:00", "logistics"),
    ] {
        let id = f.valid_complaint("2003", at, 1);
        for step in [reply(), visit(), close(cause)] {
            f.store.advance_complaint(id, &step, sup).unwrap();
        }
    }
    f.store
        .register_complaint(&complaint("2026-11-05 10:00", "钱先生"), sup)
        .unwrap();
    let team = f.presale;
    f.store
        .set_complaint_contacts(
            &ContactsInput {
                month: "2026-11".into(),
                team_id: team,
                contacts: 400,
            },
            sup,
        )
        .unwrap();
    f.store
        .save_complaint_cause(
            &CauseInput {
                code: "price".into(),
                name_zh: "价格".into(),
                name_en: "Price".into(),
                sort: 7,
                active: true,
            },
            sup,
        )
        .unwrap();
    let a = f.store.complaint_analysis("2026-10", "2026-11").unwrap();
    assert_eq!((a.total, a.valid, a.open), (4, 3, 1));
    let cause = |key: &str| a.by_cause.iter().find(|c| c.key == key).unwrap().total;
    assert_eq!(
        (
            cause("attitude"),
            cause("logistics"),
            cause("price"),
            cause("")
        ),
        (2, 1, 0, 1)
    );
    assert_eq!(a.by_agent[0].key, "2003");
    assert_eq!(a.by_agent[0].total, 3);
    let nov = a.by_month.iter().find(|m| m.month == "2026-11").unwrap();
    assert_eq!(nov.total, 3);
    assert_eq!(nov.contacts, Some(400));
    // 3 complaints in 400 contacts: 0.75 % = 75 basis points.
    assert_eq!(nov.rate_bp, Some(75));
    let oct = a.by_month.iter().find(|m| m.month == "2026-10").unwrap();
    assert_eq!((oct.total, oct.rate_bp), (1, None));
    let presale = a.by_team.iter().find(|t| t.team_id == Some(team)).unwrap();
    assert_eq!(presale.contacts, Some(400));
    // Only open complaints are listed as open.
    let open = f
        .store
        .complaints(
            &ComplaintQuery {
                open_only: true,
                ..ComplaintQuery::default()
            },
            sup.at,
        )
        .unwrap();
    assert_eq!(open.len(), 1);
}

#[test]
fn overdue_steps_are_announced_once_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let sup = f.sup(local("2026-11-03 09:00"));
    let id = f
        .store
        .register_complaint(&complaint("2026-11-03 09:00", "王女士"), sup)
        .unwrap();
    let late = sup.at + Duration::hours(5);
    assert!(f.store.complaints_tick(sup.at).unwrap().is_empty());
    assert_eq!(f.store.complaints_tick(late).unwrap()[0].id, id);
    assert!(f.store.complaints_tick(late).unwrap().is_empty(), "once");
    // Routed with a deadline already past: the next step is overdue and announced again.
    f.store
        .advance_complaint(
            id,
            &ComplaintAction::Route {
                employee_no: Some("2003".into()),
                team_id: None,
                deadline_at: Some(late),
            },
            sup,
        )
        .unwrap();
    let later = late + Duration::minutes(1);
    let fresh = f.store.complaints_tick(later).unwrap();
    assert_eq!(fresh[0].step, ComplaintStep::Rule);
}

#[test]
fn the_demo_floor_has_complaints_in_every_step_a_meeting_and_a_late_report() {
    use floordesk_domain::meetings::Attendance;
    use floordesk_domain::reports::Timeliness;
    let mut store = floordesk_store::Store::open_in_memory().unwrap();
    // Monday 23 November 2026, 10:30 in Shanghai.
    let now = crate::common::now() + Duration::minutes(30);
    let summary = store.load_demo(now, crate::common::actor()).unwrap();
    assert_eq!(
        summary.complaints, 16,
        "2 booked + 7 others last month, 7 this month"
    );
    let all = store.complaints(&ComplaintQuery::default(), now).unwrap();
    for status in ComplaintStatus::ALL {
        assert!(
            all.iter().any(|c| c.status == status),
            "a complaint {status:?}"
        );
    }
    let overdue = store.overdue_complaints(now).unwrap();
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0].step, ComplaintStep::Route);
    let waiting: Vec<String> = store
        .incidents(&IncidentQuery::default())
        .unwrap()
        .into_iter()
        .filter(|i| i.status == IncidentStatus::Proposed)
        .map(|i| format!("{} {}", i.employee_no.unwrap_or_default(), i.rule_code))
        .collect();
    for expected in [
        "1019 valid_complaint",
        "1014 valid_complaint",
        "1008 meeting_late",
        "1010 meeting_absent",
        "1013 report_late",
    ] {
        assert!(
            waiting.contains(&expected.to_owned()),
            "{expected}: {waiting:?}"
        );
    }
    let a = store.complaint_analysis("2026-10", "2026-11").unwrap();
    assert_eq!(a.total, 16);
    assert!(a.rate_bp.is_some(), "contacts entered");
    let meetings = store
        .meetings("2026-11-01".parse().unwrap(), "2026-11-30".parse().unwrap())
        .unwrap();
    assert_eq!(meetings.len(), 2);
    let taken = meetings.iter().find(|m| m.taken_at.is_some()).unwrap();
    assert!(
        taken
            .attendees
            .iter()
            .any(|a| a.attendance == Attendance::Late)
    );
    assert!(
        taken
            .attendees
            .iter()
            .any(|a| a.attendance == Attendance::Absent)
    );
    let reports = store
        .reports_due(
            "2026-11-01".parse().unwrap(),
            "2026-11-30".parse().unwrap(),
            now,
        )
        .unwrap();
    assert!(
        reports
            .iter()
            .any(|r| r.timeliness == Some(Timeliness::Late)
                && r.duty.kind == floordesk_domain::reports::ReportKind::Weekly)
    );
    assert!(
        reports
            .iter()
            .any(|r| r.timeliness == Some(Timeliness::Announced))
    );
    // Loaded once.
    let again = store.load_demo(now, crate::common::actor()).unwrap();
    assert_eq!(again.complaints, 0);
}
