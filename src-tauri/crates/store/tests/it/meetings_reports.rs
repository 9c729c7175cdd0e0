//! 会议与培训 and 报表 on a real SQLite file: attendance taken once, late and absent attendees
//! proposed under the meeting rules, training scores kept; reports due by the settings, a late
//! one proposing `report_late` for the person and the manager unless announced beforehand.

use floordesk_domain::ErrorCode;
use floordesk_domain::meetings::{Attendance, MeetingKind};
use floordesk_domain::reports::{ReportKind, Timeliness};
use floordesk_store::Actor;
use floordesk_store::incidents::{IncidentQuery, IncidentStatus};
use floordesk_store::meetings::{AttendanceInput, MeetingInput};
use floordesk_store::reports_due::ReportDutyInput;
use rusqlite::Connection;

use crate::incidents::{Floor, code_of, date, floor, line, local, shown};

fn taken(no: &str, attendance: Attendance, late_min: Option<u32>) -> AttendanceInput {
    AttendanceInput {
        employee_no: no.into(),
        attendance,
        late_min,
        test_score: None,
    }
}

impl Floor {
    fn schedule(&mut self, kind: MeetingKind, has_test: bool) -> i64 {
        let team = self.presale;
        self.store
            .schedule_meeting(
                &MeetingInput {
                    kind,
                    title: "11月服务质量例会".into(),
                    starts_at: local("2026-11-10 17:30"),
                    minutes: 60,
                    place: Some("二楼会议室".into()),
                    note: None,
                    has_test,
                    team_ids: vec![team],
                    employee_nos: vec!["2007".into()],
                },
                Actor::user(self.lead_2001, local("2026-11-09 10:00")),
            )
            .unwrap()
    }
}

#[test]
fn attendance_proposes_the_meeting_rules_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let id = f.schedule(MeetingKind::Meeting, false);
    let m = f.store.meeting(id).unwrap();
    let expected: Vec<&str> = m.attendees.iter().map(|a| a.employee_no.as_str()).collect();
    // 售前一组 (2001–2006) and 2007 named.
    assert_eq!(
        expected,
        ["2001", "2002", "2003", "2004", "2005", "2006", "2007"]
    );

    let lead = Actor::user(f.lead_2001, local("2026-11-10 18:40"));
    let mut all: Vec<AttendanceInput> = expected
        .iter()
        .map(|no| taken(no, Attendance::Present, None))
        .collect();
    all[2] = taken("2003", Attendance::Late, Some(12));
    all[4] = taken("2005", Attendance::Absent, None);
    all[5] = taken("2006", Attendance::Excused, None);
    // Everyone must be given, and a late time only for the late.
    assert_eq!(
        code_of(f.store.take_attendance(id, &all[..6], lead)),
        ErrorCode::MeetingsBadAttendance
    );
    let mut bad = all.clone();
    bad[0].late_min = Some(3);
    assert_eq!(
        code_of(f.store.take_attendance(id, &bad, lead)),
        ErrorCode::MeetingsBadAttendance
    );
    // Not before the meeting starts.
    assert_eq!(
        code_of(f.store.take_attendance(
            id,
            &all,
            Actor::user(f.lead_2001, local("2026-11-10 09:00"))
        )),
        ErrorCode::MeetingsInvalid
    );

    let proposals = f.store.take_attendance(id, &all, lead).unwrap();
    assert_eq!(
        proposals.len(),
        2,
        "the late and the absent, not the excused"
    );
    let incidents = f.store.incidents(&IncidentQuery::default()).unwrap();
    let of = |no: &str| {
        incidents
            .iter()
            .find(|i| i.employee_no.as_deref() == Some(no))
            .unwrap()
    };
    assert_eq!(of("2003").rule_code, "meeting_late");
    assert_eq!(of("2005").rule_code, "meeting_absent");
    assert!(
        incidents
            .iter()
            .all(|i| i.status == IncidentStatus::Proposed)
    );
    assert_eq!(of("2003").ts, local("2026-11-10 17:30"));
    // Seed 000: late 20 yuan; absent 100 yuan and a written warning.
    assert_eq!(
        shown(&f.store.preview_stored_incident(of("2003").id).unwrap()),
        [line("2003", "fine", 2000, Some(1))]
    );
    assert_eq!(
        shown(&f.store.preview_stored_incident(of("2005").id).unwrap()),
        [
            line("2005", "fine", 10000, Some(1)),
            line("2005", "written_warning", 0, Some(1))
        ]
    );
    let m = f.store.meeting(id).unwrap();
    assert!(m.taken_at.is_some());
    let a3 = m
        .attendees
        .iter()
        .find(|a| a.employee_no == "2003")
        .unwrap();
    assert_eq!((a3.attendance, a3.late_min), (Attendance::Late, Some(12)));
    assert_eq!(a3.incident_id, Some(of("2003").id));

    // Final: taken again, changed in SQL, cancelled.
    assert_eq!(
        code_of(f.store.take_attendance(id, &all, lead)),
        ErrorCode::MeetingsAttendanceTaken
    );
    let conn = Connection::open(&f.path).unwrap();
    assert!(
        conn.execute(
            "UPDATE meeting_attendees SET attendance = 'present' WHERE employee_no = '2005'",
            []
        )
        .unwrap_err()
        .to_string()
        .contains("never changes")
    );
    assert_eq!(
        code_of(f.store.cancel_meeting(id, lead)),
        ErrorCode::MeetingsAttendanceTaken
    );
}

#[test]
fn training_scores_are_kept_for_the_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let id = f.schedule(MeetingKind::Training, true);
    let lead = Actor::user(f.lead_2001, local("2026-11-10 19:00"));
    let all: Vec<AttendanceInput> = f
        .store
        .meeting(id)
        .unwrap()
        .attendees
        .iter()
        .map(|a| AttendanceInput {
            employee_no: a.employee_no.clone(),
            attendance: if a.employee_no == "2002" {
                Attendance::Absent
            } else {
                Attendance::Present
            },
            late_min: None,
            test_score: (a.employee_no != "2002").then_some(90),
        })
        .collect();
    let mut scored_absent = all.clone();
    scored_absent[1].test_score = Some(50);
    assert_eq!(
        code_of(f.store.take_attendance(id, &scored_absent, lead)),
        ErrorCode::MeetingsBadAttendance
    );
    f.store.take_attendance(id, &all, lead).unwrap();
    let scores = f
        .store
        .training_scores(date("2026-11-01"), date("2026-12-01"))
        .unwrap();
    assert_eq!(scores.len(), 6);
    assert!(
        scores
            .iter()
            .all(|s| s.score == 90 && s.employee_no != "2002")
    );
    // A meeting cannot carry a test.
    let team = f.presale;
    let err = f.store.schedule_meeting(
        &MeetingInput {
            kind: MeetingKind::Meeting,
            title: "例会".into(),
            starts_at: local("2026-11-12 17:30"),
            minutes: 30,
            place: None,
            note: None,
            has_test: true,
            team_ids: vec![team],
            employee_nos: vec![],
        },
        lead,
    );
    assert_eq!(code_of(err), ErrorCode::MeetingsInvalid);
}

impl Floor {
    /// 2004 owes a weekly report from November, with the manager M001 fined alongside.
    fn weekly_duty(&mut self) -> i64 {
        let sup = self.sup(local("2026-10-30 10:00"));
        self.store
            .add_report_duty(
                &ReportDutyInput {
                    title: "售前周报".into(),
                    kind: ReportKind::Weekly,
                    employee_no: "2004".into(),
                    manager_employee_no: Some("M001".into()),
                    starts_on: date("2026-11-01"),
                },
                sup,
            )
            .unwrap()
    }
}

#[test]
fn a_late_report_proposes_the_fine_for_the_person_and_the_manager() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let duty = f.weekly_duty();
    let due = f
        .store
        .reports_due(
            date("2026-11-01"),
            date("2026-11-30"),
            local("2026-11-01 00:00"),
        )
        .unwrap();
    // Weeks starting in November (Mondays 2, 9, 16, 23, 30); the week of 2 Nov is due by the
    // end of Tuesday 10 Nov (weekly_report_due_weekday = 2).
    assert_eq!(due.len(), 5);
    assert_eq!(due[0].period_start, date("2026-11-02"));
    assert_eq!(due[0].due_at, local("2026-11-11 00:00"));

    // On time.
    let agent = Actor::user(f.agent_2004, local("2026-11-10 16:00"));
    assert_eq!(
        f.store
            .submit_report(duty, date("2026-11-02"), None, agent)
            .unwrap(),
        None
    );
    assert_eq!(
        code_of(f.store.submit_report(duty, date("2026-11-02"), None, agent)),
        ErrorCode::ReportsAlreadySubmitted
    );
    // Late with no announcement: 50 yuan to the person, 80 to the manager (seed 004).
    let late = Actor::user(f.agent_2004, local("2026-11-18 09:30"));
    let incident = f
        .store
        .submit_report(duty, date("2026-11-09"), None, late)
        .unwrap()
        .expect("late proposes");
    assert_eq!(
        shown(&f.store.preview_stored_incident(incident).unwrap()),
        [
            line("2004", "fine", 5000, Some(1)),
            ("M001".into(), "fine", 8000, Some(1), Some("2004".into()))
        ]
    );
    let rows = f
        .store
        .reports_due(
            date("2026-11-01"),
            date("2026-11-30"),
            local("2026-11-26 00:00"),
        )
        .unwrap();
    assert_eq!(rows[0].timeliness, Some(Timeliness::OnTime));
    assert_eq!(rows[1].timeliness, Some(Timeliness::Late));
    assert_eq!(rows[1].incident_id, Some(incident));
    assert!(
        rows[2].overdue,
        "the week of 16 Nov was due by the end of 24 Nov"
    );
    assert!(!rows[3].overdue);
}

#[test]
fn a_delay_announced_beforehand_excuses_a_late_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let duty = f.weekly_duty();
    let week = date("2026-11-16");
    // Announced after the due time: refused.
    let after = Actor::user(f.agent_2004, local("2026-11-25 08:00"));
    assert_eq!(
        code_of(f.store.announce_report_delay(duty, week, "系统故障", after)),
        ErrorCode::ReportsInvalid
    );
    // Someone else's report.
    let other = Actor::user(f.lead_2007, local("2026-11-24 08:00"));
    assert_eq!(
        code_of(f.store.announce_report_delay(duty, week, "系统故障", other)),
        ErrorCode::ReportsNotYours
    );
    let before = Actor::user(f.agent_2004, local("2026-11-24 08:00"));
    f.store
        .announce_report_delay(duty, week, "ERP 导出故障，已报备", before)
        .unwrap();
    let sent = Actor::user(f.agent_2004, local("2026-11-25 15:00"));
    assert_eq!(
        f.store.submit_report(duty, week, None, sent).unwrap(),
        None,
        "announced beforehand: no proposal"
    );
    let row = f.store.reports_due(week, week, sent.at).unwrap().remove(0);
    assert_eq!(row.timeliness, Some(Timeliness::Announced));
    assert_eq!(row.announce_reason.as_deref(), Some("ERP 导出故障，已报备"));
    // A supervisor backfills the real sending time of the next week's report (on time).
    let sup = f.sup(local("2026-12-02 09:00"));
    f.store
        .submit_report(
            duty,
            date("2026-11-23"),
            Some(local("2026-12-01 11:00")),
            sup,
        )
        .unwrap();
    // An agent may not say another time.
    assert_eq!(
        code_of(f.store.submit_report(
            duty,
            date("2026-11-30"),
            Some(local("2026-12-01 11:00")),
            Actor::user(f.agent_2004, local("2026-12-02 09:00"))
        )),
        ErrorCode::AuthForbidden
    );
    // A submitted report never changes.
    let conn = Connection::open(&f.path).unwrap();
    assert!(
        conn.execute("UPDATE report_submissions SET timeliness = 'on_time'", [])
            .unwrap_err()
            .to_string()
            .contains("never changes")
    );
}
