//! The fines ledger on a real SQLite file: voids and appeals write new records and keep the old;
//! the database refuses changes to what was decided, and `verify` names a change made behind its
//! back; the legal cap; 公示 and 申诉; the fund; the person's acknowledgement.

use chrono::Duration;
use floordesk_domain::ErrorCode;
use floordesk_domain::incidents::{ActionCode, Line};
use floordesk_store::Actor;
use floordesk_store::incidents::{
    AckMode, AppealDecision, Approval, CapWarning, Confirmation, FundEntryKind, IncidentSource,
    IncidentStatus, LEDGER_TRIGGERS, LedgerQuery,
};

use crate::incidents::{Floor, code_of, floor, line, local, offence, shown, shown_ledger};
use crate::scores_common::PIN;

fn penalty(action: ActionCode, fen: i64) -> Line {
    Line {
        action,
        kind: action.kind(),
        amount_fen: fen,
        percent: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Voids.

#[test]
fn a_void_is_a_new_record_and_the_voided_lines_stay_on_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let first = offence("2004", "non_work_activity", "2026-11-03 10:00");
    let (incident, record) = f.confirm(&first);
    let by = f.sup(local("2026-11-05 10:00"));

    // A lead cannot approve, nor a wrong PIN.
    let lead = Approval {
        user_id: f.lead_2001,
        pin: PIN.into(),
    };
    assert_eq!(
        code_of(f.store.void_ledger_record(record, "录错了", &lead, by)),
        ErrorCode::AuthForbidden
    );
    let wrong = Approval {
        user_id: f.supervisor,
        pin: "0000".into(),
    };
    assert_eq!(
        code_of(f.store.void_ledger_record(record, "录错了", &wrong, by)),
        ErrorCode::AuthWrongPin
    );
    assert_eq!(
        code_of(f.store.void_ledger_record(record, "  ", &f.approval(), by)),
        ErrorCode::IncidentsReasonRequired
    );

    let void = f
        .store
        .void_ledger_record(record, "看错了人，是2005", &f.approval(), by)
        .unwrap();
    assert!(void > record);
    assert_eq!(
        code_of(
            f.store
                .void_ledger_record(record, "再作废一次", &f.approval(), by)
        ),
        ErrorCode::IncidentsVoided
    );
    assert_eq!(
        code_of(
            f.store
                .void_ledger_record(void, "作废作废", &f.approval(), by)
        ),
        ErrorCode::IncidentsVoided
    );

    // Out of the ledger in force, on file with include_voided.
    assert!(f.ledger("2004", "2026-11").is_empty());
    let all = f
        .store
        .ledger_lines(&LedgerQuery {
            month: Some("2026-11".into()),
            employee_no: Some("2004".into()),
            include_voided: true,
            ..LedgerQuery::default()
        })
        .unwrap();
    assert_eq!(
        shown_ledger(&all),
        [
            line("2004", "verbal_warning", 0, Some(1)),
            line("2004", "fine", 1_000, Some(1))
        ]
    );
    assert!(
        all.iter()
            .all(|l| l.voided && l.record_id == record && l.incident_id == incident)
    );
    let row = f.incident(incident);
    assert_eq!(row.status, IncidentStatus::Voided);
    assert_eq!(row.record_id, None);
    assert_eq!(row.lines.len(), 2, "the last lines shown");

    // The original rows are still there, and the void's own.
    let conn = f.raw();
    let records: Vec<(i64, String, Option<i64>, Option<String>)> = conn
        .prepare("SELECT id, kind, supersedes, reason FROM ledger_records ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        records,
        [
            (record, "confirm".into(), None, None),
            (
                void,
                "void".into(),
                Some(record),
                Some("看错了人，是2005".into())
            )
        ]
    );
    let lines: i64 = conn
        .query_row(
            "SELECT count(*) FROM ledger_lines WHERE record_id = ?1",
            [record],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lines, 2);
    let status: String = conn
        .query_row(
            "SELECT status FROM incidents WHERE id = ?1",
            [incident],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "confirmed");

    // A voided offence does not count: the next is the first again.
    let p = f.preview(&offence("2004", "non_work_activity", "2026-11-10 10:00"));
    assert_eq!(p.offence_no, Some(1));
    assert_eq!(p.earlier.len(), 1);
    assert_eq!(p.earlier[0].status, IncidentStatus::Voided);
    assert_eq!(f.store.verify().unwrap().problems, Vec::<String>::new());
}

#[test]
fn a_supervisor_changes_the_proposal_only_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let mut input = offence("2004", "non_work_activity", "2026-11-03 10:00");
    input.co_employee_no = Some("2001".into());
    let lead = Actor::user(f.lead_2001, local("2026-11-03 11:00"));
    let id = f
        .store
        .record_incident(&input, IncidentSource::Board, lead)
        .unwrap();
    let by = f.sup(local("2026-11-03 12:00"));
    // A lead records; only a supervisor or manager confirms.
    assert_eq!(
        code_of(f.store.confirm_incident(id, &Confirmation::default(), lead)),
        ErrorCode::AuthForbidden
    );
    let changed = Confirmation {
        lines: Some(vec![
            penalty(ActionCode::WrittenWarning, 0),
            penalty(ActionCode::Fine, 500),
        ]),
        ..Confirmation::default()
    };
    assert_eq!(
        code_of(f.store.confirm_incident(id, &changed, by)),
        ErrorCode::IncidentsReasonRequired
    );
    let record = f
        .store
        .confirm_incident(
            id,
            &Confirmation {
                reason: Some("初犯，情节轻微".into()),
                ..changed
            },
            by,
        )
        .unwrap();
    let row = f.incident(id);
    assert_eq!(row.status, IncidentStatus::Confirmed);
    assert_eq!(row.record_id, Some(record));
    // The lead's 受相应处罚 follows the changed penalty.
    assert_eq!(
        row.lines
            .iter()
            .map(|l| (
                l.employee_no.as_str(),
                l.line.action.as_str(),
                l.line.amount_fen
            ))
            .collect::<Vec<_>>(),
        [
            ("2004", "written_warning", 0),
            ("2004", "fine", 500),
            ("2001", "written_warning", 0),
            ("2001", "fine", 500)
        ]
    );
    assert_eq!(
        code_of(f.store.confirm_incident(id, &Confirmation::default(), by)),
        ErrorCode::IncidentsConfirmed
    );
    assert_eq!(
        code_of(f.store.discard_incident(id, "不算了", by)),
        ErrorCode::IncidentsConfirmed
    );
}

// ---------------------------------------------------------------------------------------------
// Immutability and verify.

/// Three records: 2004's non-work activity (1), 2005's late meeting (2) and its void (3).
fn three_records(f: &mut Floor) -> (i64, i64, i64) {
    let (_, first) = f.confirm(&offence("2004", "non_work_activity", "2026-11-03 10:00"));
    let (_, second) = f.confirm(&offence("2005", "meeting_late", "2026-11-04 09:05"));
    let by = f.sup(local("2026-11-05 10:00"));
    let void = f
        .store
        .void_ledger_record(second, "会议改期了", &f.approval(), by)
        .unwrap();
    (first, second, void)
}

#[test]
fn the_database_refuses_to_change_what_was_decided() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (first, second, _) = three_records(&mut f);
    f.store
        .add_fund_entry(
            FundEntryKind::Payout,
            5_000,
            "团建",
            f.sup(local("2026-11-06 10:00")),
        )
        .unwrap();
    let report = f.store.verify().unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!(report.ledger_records, 3);

    let conn = f.raw();
    let incident_of_first: i64 = conn
        .query_row(
            "SELECT incident_id FROM ledger_records WHERE id = ?1",
            [first],
            |r| r.get(0),
        )
        .unwrap();
    let hash_of_second: String = conn
        .query_row(
            "SELECT hash FROM ledger_records WHERE id = ?1",
            [second],
            |r| r.get(0),
        )
        .unwrap();
    for (sql, refusal) in [
        ("UPDATE ledger_lines SET amount_fen = 1".to_owned(), "a ledger line never changes"),
        ("DELETE FROM ledger_lines".to_owned(), "a ledger line is never deleted"),
        (
            "UPDATE ledger_records SET reason = '改了'".to_owned(),
            "a ledger record never changes",
        ),
        ("DELETE FROM ledger_records".to_owned(), "a ledger record is never deleted"),
        (
            format!("UPDATE incidents SET note = '改过' WHERE id = {incident_of_first}"),
            "a confirmed or discarded incident never changes",
        ),
        ("DELETE FROM incidents".to_owned(), "an incident is never deleted"),
        (
            "UPDATE incident_rule_versions SET body = body".to_owned(),
            "a rule version never changes",
        ),
        ("DELETE FROM incident_rules".to_owned(), "a rule is retired, never deleted"),
        (
            format!(
                "INSERT INTO ledger_lines (record_id, line_no, person, employee_no, name, action, kind, amount_fen)
                 VALUES ({first}, 9, 'a4', '2004', '范诗琪', 'fine', 'penalty', 100)"
            ),
            "ledger lines are written with their record",
        ),
        (
            format!(
                "INSERT INTO ledger_records (incident_id, kind, approved_by, approved_at, prev_hash, hash)
                 VALUES ({incident_of_first}, 'confirm', 1, 0, '{hash_of_second}', 'x')"
            ),
            "a ledger record must follow the last one in the chain",
        ),
        ("UPDATE fund_entries SET amount_fen = 1".to_owned(), "a fund entry never changes"),
        ("DELETE FROM fund_entries".to_owned(), "a fund entry is never deleted"),
    ] {
        let err = conn.execute(&sql, []).expect_err(&sql);
        assert!(err.to_string().contains(refusal), "{sql}: {err}");
    }
    let lines: i64 = conn
        .query_row("SELECT count(*) FROM ledger_lines", [], |r| r.get(0))
        .unwrap();
    assert_eq!(lines, 3);
    drop(conn);
    let report = f.store.verify().unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!(report.ledger_records, 3);
}

#[test]
fn verify_names_an_amount_changed_behind_the_apps_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (first, _, _) = three_records(&mut f);
    assert!(LEDGER_TRIGGERS.contains(&"ledger_lines_not_updated"));
    f.raw()
        .execute_batch(&format!(
            "DROP TRIGGER ledger_lines_not_updated;
             UPDATE ledger_lines SET amount_fen = 100 WHERE record_id = {first} AND action = 'fine';"
        ))
        .unwrap();
    // The app reads the changed amount; verify says it is not what was sealed.
    assert_eq!(f.ledger("2004", "2026-11")[1].line.amount_fen, 100);
    let report = f.store.verify().unwrap();
    assert_eq!(report.ledger_records, 3);
    assert!(report.integrity_ok);
    assert_eq!(
        report.problems,
        [
            format!("ledger_record {first} (2026-11-03 2004 non_work_activity): hash mismatch"),
            "trigger ledger_lines_not_updated: missing".to_owned(),
        ]
    );
}

#[test]
fn verify_names_every_record_of_an_incident_changed_and_a_record_lost() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (_, second, void) = three_records(&mut f);
    // The late meeting's incident, under both its confirmation and its void.
    f.raw()
        .execute_batch(
            "DROP TRIGGER incidents_frozen_once_decided;
             UPDATE incidents SET note = '其实没迟到' WHERE employee_no = '2005';",
        )
        .unwrap();
    assert_eq!(
        f.store.verify().unwrap().problems,
        [
            format!("ledger_record {second} (2026-11-04 2005 meeting_late): hash mismatch"),
            format!("ledger_record {void} (2026-11-04 2005 meeting_late): hash mismatch"),
            "trigger incidents_frozen_once_decided: missing".to_owned(),
        ]
    );

    // The chain cannot show its tail cut off; the audit log remembers it.
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (_, _, void) = three_records(&mut f);
    f.raw()
        .execute_batch(&format!(
            "DROP TRIGGER ledger_records_not_deleted;
             DELETE FROM ledger_records WHERE id = {void};"
        ))
        .unwrap();
    let report = f.store.verify().unwrap();
    assert_eq!(report.ledger_records, 2);
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert!(
        report.problems[0].starts_with(&format!(
            "ledger_record {void}: missing (recorded at 2026-11-05T03:00:00"
        )),
        "{:?}",
        report.problems
    );
    assert_eq!(
        report.problems[1],
        "trigger ledger_records_not_deleted: missing"
    );
}

// ---------------------------------------------------------------------------------------------
// The legal cap.

#[test]
fn deductions_past_a_fifth_of_the_base_pay_warn_and_need_accepting() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    // 500 yuan: the cap is 100 yuan.
    f.raw()
        .execute(
            "UPDATE agents SET base_pay_fen = 50000 WHERE employee_no = '2004'",
            [],
        )
        .unwrap();

    // 100 yuan is the cap, not above it.
    let absent = offence("2004", "meeting_absent", "2026-11-05 09:00");
    let p = f.preview(&absent);
    assert!(p.over_cap.is_empty(), "{:?}", p.over_cap);
    f.confirm(&absent);
    // Warnings and rewards take nothing.
    assert!(
        f.preview(&offence("2004", "badge_not_worn", "2026-11-06 09:00"))
            .over_cap
            .is_empty()
    );
    assert!(
        f.preview(&offence("2004", "adopted_suggestion", "2026-11-06 09:00"))
            .over_cap
            .is_empty()
    );

    let late = offence("2004", "meeting_late", "2026-11-10 09:05");
    let p = f.preview(&late);
    assert_eq!(
        p.over_cap,
        [CapWarning {
            employee_no: "2004".into(),
            name: "范诗琪".into(),
            month: "2026-11".into(),
            pay_fen: 50_000,
            cap_fen: 10_000,
            total_fen: 12_000,
        }]
    );
    // The lines are proposed all the same.
    assert_eq!(shown(&p), [line("2004", "fine", 2_000, Some(1))]);
    let by = f.sup(late.ts);
    let err = f
        .store
        .record_confirmed_incident(&late, IncidentSource::App, &Confirmation::default(), by)
        .unwrap_err()
        .to_problem();
    assert_eq!(err.code, ErrorCode::IncidentsOverCap);
    assert_eq!(err.params["employee_no"], "2004");
    assert_eq!(err.params["month"], "2026-11");
    assert_eq!(err.params["cap"], "100.00");
    assert_eq!(err.params["total"], "120.00");
    assert_eq!(f.ledger("2004", "2026-11").len(), 2, "nothing written");
    f.store
        .record_confirmed_incident(
            &late,
            IncidentSource::App,
            &Confirmation {
                accept_over_cap: true,
                ..Confirmation::default()
            },
            by,
        )
        .unwrap();
    let statement = f.store.ledger_statement("2004", "2026-11", true).unwrap();
    assert_eq!(statement.base_pay_fen, Some(50_000));
    assert_eq!(statement.deductions_fen, Some(12_000));
    assert_eq!(statement.penalties_fen, 12_000);
    let hidden = f.store.ledger_statement("2004", "2026-11", false).unwrap();
    assert_eq!((hidden.base_pay_fen, hidden.deductions_fen), (None, None));

    // December starts from nothing; someone without a base pay on record is never warned.
    assert!(
        f.preview(&offence("2004", "meeting_late", "2026-12-01 09:05"))
            .over_cap
            .is_empty()
    );
    for day in 1..=6 {
        f.confirm(&offence(
            "2005",
            "meeting_absent",
            &format!("2026-11-0{day} 09:00"),
        ));
    }
    assert!(
        f.preview(&offence("2005", "meeting_absent", "2026-11-09 09:00"))
            .over_cap
            .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// 公示 and 申诉.

#[test]
fn a_published_record_is_appealed_by_its_person_and_changed_by_a_new_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let mut input = offence("2004", "non_work_activity", "2026-11-03 10:00");
    input.co_employee_no = Some("2001".into());
    let (incident, record) = f.confirm(&input);
    let (late_incident, late) = f.confirm(&offence("2004", "meeting_late", "2026-11-10 09:05"));
    let agent = |at: &str| Actor::user(f.agent_2004, local(at));

    assert_eq!(
        code_of(
            f.store
                .file_appeal(record, "我在查订单", agent("2026-11-30 10:00"))
        ),
        ErrorCode::IncidentsNotPublished
    );
    let published = f
        .store
        .publish_ledger(f.presale, "2026-11", f.sup(local("2026-12-01 09:00")))
        .unwrap();
    assert_eq!(published.team_name, "售前一组");
    assert_eq!(published.published_at, local("2026-12-01 10:00"));
    assert_eq!(published.appeal_deadline, local("2026-12-04 10:00"));
    assert_eq!(
        f.store.ledger_publications("2026-11").unwrap(),
        std::slice::from_ref(&published)
    );

    // Only the person the record is about appeals (not the lead co-penalised on it).
    assert_eq!(
        code_of(f.store.file_appeal(
            record,
            "不是我的",
            Actor::user(f.lead_2001, local("2026-12-02 10:00"))
        )),
        ErrorCode::IncidentsNotYours
    );
    let appeal = f
        .store
        .file_appeal(record, "我在查订单，不是玩手机", agent("2026-12-02 10:00"))
        .unwrap();
    assert_eq!(
        code_of(
            f.store
                .file_appeal(record, "再申诉一次", agent("2026-12-02 11:00"))
        ),
        ErrorCode::IncidentsAppealDecided
    );
    let open = f.store.incident_appeals(Some("2026-11")).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].id, open[0].record_id, open[0].decision.clone()),
        (appeal, record, None)
    );
    assert_eq!(open[0].employee_no, "2004");

    let decided_at = f.sup(local("2026-12-03 09:00"));
    let amend = f
        .store
        .decide_appeal(
            appeal,
            &AppealDecision::Changed {
                lines: vec![penalty(ActionCode::VerbalWarning, 0)],
            },
            "查证属实，改为口头警告",
            &f.approval(),
            decided_at,
        )
        .unwrap()
        .expect("a change writes a record");
    assert!(amend > late);

    // The amend record's lines replace the offender's; the lead's co-penalty is carried over.
    let in_force = f.ledger("2004", "2026-11");
    assert_eq!(
        shown_ledger(&in_force),
        [
            line("2004", "verbal_warning", 0, Some(1)),
            line("2004", "fine", 2_000, Some(1)),
        ]
    );
    assert_eq!(in_force[0].record_id, amend);
    assert_eq!(in_force[1].record_id, late);
    let lead_lines = f.ledger("2001", "2026-11");
    assert_eq!(lead_lines.len(), 2);
    assert!(lead_lines.iter().all(|l| l.record_id == amend));
    let everything = f
        .store
        .ledger_lines(&LedgerQuery {
            month: Some("2026-11".into()),
            employee_no: Some("2004".into()),
            include_voided: true,
            ..LedgerQuery::default()
        })
        .unwrap();
    assert_eq!(
        everything
            .iter()
            .map(|l| (l.record_id, l.line.action.as_str(), l.voided))
            .collect::<Vec<_>>(),
        [
            (record, "verbal_warning", true),
            (record, "fine", true),
            (amend, "verbal_warning", false),
            (late, "fine", false),
        ]
    );
    let row = f.incident(incident);
    assert_eq!(
        (row.status, row.record_id, row.offence_no),
        (IncidentStatus::Confirmed, Some(amend), Some(1))
    );
    let decided = &f.store.incident_appeals(Some("2026-11")).unwrap()[0];
    assert_eq!(decided.decision.as_deref(), Some("changed"));
    assert_eq!(decided.result_record, Some(amend));
    assert_eq!(decided.decided_by_name.as_deref(), Some("主管"));
    assert_eq!(
        code_of(f.store.decide_appeal(
            appeal,
            &AppealDecision::Rejected,
            "再议",
            &f.approval(),
            decided_at
        )),
        ErrorCode::IncidentsAppealDecided
    );

    // After the deadline the other record's appeal is refused; at the deadline it is taken.
    let err = f
        .store
        .file_appeal(
            late,
            "会议通知太晚",
            Actor::user(
                f.agent_2004,
                published.appeal_deadline + Duration::minutes(1),
            ),
        )
        .unwrap_err()
        .to_problem();
    assert_eq!(err.code, ErrorCode::IncidentsAppealClosed);
    assert_eq!(err.params["deadline"], "2026-12-04 10:00");
    let on_time = f
        .store
        .file_appeal(
            late,
            "会议通知太晚",
            Actor::user(f.agent_2004, published.appeal_deadline),
        )
        .unwrap();
    assert_eq!(
        f.store
            .decide_appeal(
                on_time,
                &AppealDecision::Rejected,
                "通知已提前一天发出",
                &f.approval(),
                decided_at
            )
            .unwrap(),
        None
    );
    assert_eq!(f.incident(late_incident).record_id, Some(late));
    assert_eq!(f.store.verify().unwrap().problems, Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// The fund.

#[test]
fn the_fund_takes_the_fines_in_pays_the_rewards_out_and_keeps_its_balance() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    // October: 100 yuan in.
    f.confirm(&offence("2004", "meeting_absent", "2026-10-15 09:00"));
    // November: 10 + 20 yuan of fines (the 20 voided), a 30-yuan reward, a headset (compensation
    // is the company's, not the fund's), and a payout and a deposit.
    f.confirm(&offence("2004", "non_work_activity", "2026-11-03 10:00"));
    let (_, voided) = f.confirm(&offence("2005", "meeting_late", "2026-11-04 09:05"));
    f.store
        .void_ledger_record(
            voided,
            "会议取消",
            &f.approval(),
            f.sup(local("2026-11-05 10:00")),
        )
        .unwrap();
    f.confirm(&offence("2006", "adopted_suggestion", "2026-11-06 15:00"));
    let mut headset = offence("2003", "equipment_damage", "2026-11-07 11:00");
    headset.item_code = Some("headset".into());
    f.confirm(&headset);
    f.store
        .add_fund_entry(
            FundEntryKind::Payout,
            1_500,
            "部门聚餐",
            f.sup(local("2026-11-25 18:00")),
        )
        .unwrap();
    f.store
        .add_fund_entry(
            FundEntryKind::Deposit,
            500,
            "财务补入现金",
            f.sup(local("2026-11-26 09:00")),
        )
        .unwrap();
    assert_eq!(
        code_of(f.store.add_fund_entry(
            FundEntryKind::Payout,
            0,
            "空",
            f.sup(local("2026-11-26 09:00"))
        )),
        ErrorCode::ValidationRequired
    );

    let october = f.store.fund_statement("2026-10").unwrap();
    assert_eq!(
        (
            october.opening_fen,
            october.fines_in_fen,
            october.rewards_out_fen,
            october.closing_fen
        ),
        (0, 10_000, 0, 10_000)
    );
    let november = f.store.fund_statement("2026-11").unwrap();
    assert_eq!(november.opening_fen, 10_000);
    assert_eq!(november.fines_in_fen, 1_000);
    assert_eq!(november.rewards_out_fen, 3_000);
    assert_eq!(november.deposits_fen, 500);
    assert_eq!(november.payouts_fen, 1_500);
    assert_eq!(
        november.closing_fen,
        november.opening_fen + november.fines_in_fen - november.rewards_out_fen
            + november.deposits_fen
            - november.payouts_fen
    );
    assert_eq!(november.closing_fen, 7_000);
    assert_eq!(
        november
            .entries
            .iter()
            .map(|e| (e.kind, e.amount_fen, e.note.as_str(), e.by_name.as_str()))
            .collect::<Vec<_>>(),
        [
            (FundEntryKind::Payout, 1_500, "部门聚餐", "主管"),
            (FundEntryKind::Deposit, 500, "财务补入现金", "主管")
        ]
    );
    let december = f.store.fund_statement("2026-12").unwrap();
    assert_eq!((december.opening_fen, december.closing_fen), (7_000, 7_000));
    assert!(december.entries.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Acknowledgement.

#[test]
fn the_person_signs_their_record_once_or_refuses_before_a_lead() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (signed, _) = f.confirm(&offence("2004", "meeting_late", "2026-11-10 09:05"));
    let at = Actor::user(f.agent_2004, local("2026-11-10 12:00"));
    assert_eq!(
        code_of(
            f.store
                .acknowledge_incident(signed, &AckMode::Signed { pin: "0000".into() }, at)
        ),
        ErrorCode::AuthWrongPin
    );
    assert!(f.incident(signed).acknowledged.is_none());
    f.store
        .acknowledge_incident(signed, &AckMode::Signed { pin: PIN.into() }, at)
        .unwrap();
    let ack = f.incident(signed).acknowledged.unwrap();
    assert!(ack.signed);
    assert_eq!(ack.at, local("2026-11-10 12:00"));
    assert_eq!(ack.witness_name, None);
    assert_eq!(
        code_of(
            f.store
                .acknowledge_incident(signed, &AckMode::Signed { pin: PIN.into() }, at)
        ),
        ErrorCode::IncidentsAlreadyAcknowledged
    );

    // 2005 has no login: they refuse, witnessed by their lead with the lead's PIN.
    let (refused, _) = f.confirm(&offence("2005", "meeting_late", "2026-11-10 09:05"));
    let lead = Actor::user(f.lead_2001, local("2026-11-10 12:30"));
    assert_eq!(
        code_of(
            f.store
                .acknowledge_incident(refused, &AckMode::Signed { pin: PIN.into() }, lead)
        ),
        ErrorCode::IncidentsNotYours
    );
    assert_eq!(
        code_of(f.store.acknowledge_incident(
            refused,
            &AckMode::Refused {
                witness_user_id: f.agent_2004,
                witness_pin: PIN.into()
            },
            lead
        )),
        ErrorCode::AuthForbidden
    );
    let witnessed = AckMode::Refused {
        witness_user_id: f.lead_2001,
        witness_pin: PIN.into(),
    };
    f.store
        .acknowledge_incident(refused, &witnessed, lead)
        .unwrap();
    let ack = f.incident(refused).acknowledged.unwrap();
    assert!(!ack.signed);
    assert_eq!(ack.witness_name.as_deref(), Some("贺一鸣"));
    assert_eq!(
        code_of(f.store.acknowledge_incident(refused, &witnessed, lead)),
        ErrorCode::IncidentsAlreadyAcknowledged
    );

    // A proposal is not acknowledged.
    let proposal = f
        .store
        .record_incident(
            &offence("2004", "meeting_late", "2026-11-11 09:05"),
            IncidentSource::App,
            lead,
        )
        .unwrap();
    assert_eq!(
        code_of(
            f.store
                .acknowledge_incident(proposal, &AckMode::Signed { pin: PIN.into() }, at)
        ),
        ErrorCode::NotFound
    );
    let conn = f.raw();
    let err = conn
        .execute("UPDATE incident_acknowledgements SET mode = 'signed'", [])
        .unwrap_err();
    assert!(
        err.to_string().contains("an acknowledgement never changes"),
        "{err}"
    );
}

#[test]
fn a_voided_record_is_not_signed_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (incident, record) = f.confirm(&offence("2004", "meeting_late", "2026-11-10 09:05"));
    let by = f.sup(local("2026-11-10 11:00"));
    f.store
        .void_ledger_record(record, "会议改期", &f.approval(), by)
        .unwrap();
    let at = Actor::user(f.agent_2004, local("2026-11-10 12:00"));
    assert_eq!(
        code_of(
            f.store
                .acknowledge_incident(incident, &AckMode::Signed { pin: PIN.into() }, at)
        ),
        ErrorCode::NotFound
    );
    assert!(f.incident(incident).acknowledged.is_none());
}
