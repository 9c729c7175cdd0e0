//! 违规与奖惩 on a real SQLite file: the ladder counted per rule within its period (site-local
//! months, rolling windows, back-dated rows), rule versions, co-penalties, duplicates, the
//! equipment split across a shift, and the seeded rule book. The ledger's own tests (voids,
//! immutability, the cap, appeals, the fund, acknowledgements) are in `incidents_ledger.rs`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use floordesk_domain::ErrorCode;
use floordesk_domain::access::Role;
use floordesk_domain::floor::RuleCode;
use floordesk_domain::incidents::{Action, ActionCode, Amount, LineKind, Period};
use floordesk_domain::roster::LeaveKind;
use floordesk_store::incidents::{
    Approval, Confirmation, EquipmentInput, IncidentInput, IncidentPreview, IncidentQuery,
    IncidentRow, IncidentSource, IncidentStatus, LedgerLine, LedgerQuery,
};
use floordesk_store::leave::LeaveInput;
use floordesk_store::users::UserInput;
use floordesk_store::{Actor, Store};
use rusqlite::Connection;

use crate::common::{actor, write};
use crate::scores_common::{PIN, ScoreFloor, score_floor};

/// agents-import.csv's ten agents on 售前一组 (2001–2006) and 售后组 (2007–2010); a supervisor
/// 9001, a manager M001, the lead 贺一鸣 (2001) and the agent 范诗琪 (2004) with logins (PIN 2468).
pub struct Floor {
    pub store: Store,
    pub path: PathBuf,
    pub supervisor: i64,
    pub manager: i64,
    pub lead_2001: i64,
    pub lead_2007: i64,
    pub agent_2004: i64,
    pub presale: i64,
    pub aftersale: i64,
}

pub fn floor(dir: &Path) -> Floor {
    floor_from(score_floor(dir), dir)
}

/// [`floor`] over a score floor already set up (e.g. with a month rated).
pub fn floor_from(score: ScoreFloor, dir: &Path) -> Floor {
    let ScoreFloor {
        mut store,
        supervisor,
        lead_2001,
        lead_2007,
        agent_2004,
    } = score;
    let manager = store
        .save_user(
            &UserInput {
                id: None,
                display_name: "江涛".into(),
                role: Role::Manager,
                employee_no: "M001".into(),
                pin: Some(PIN.into()),
            },
            actor(),
        )
        .unwrap()
        .id;
    let teams = store.list_teams().unwrap();
    let team = |name: &str| teams.iter().find(|t| t.name == name).unwrap().id;
    let (presale, aftersale) = (team("售前一组"), team("售后组"));
    Floor {
        store,
        path: dir.join("floor.sqlite"),
        supervisor,
        manager,
        lead_2001,
        lead_2007,
        agent_2004,
        presale,
        aftersale,
    }
}

/// A site-local (Asia/Shanghai) instant, `2026-11-03 10:00`.
pub fn local(text: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_local_timezone(chrono_tz::Asia::Shanghai)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// `employee_no` broke `rule` at the local instant `at`.
pub fn offence(employee_no: &str, rule: &str, at: &str) -> IncidentInput {
    IncidentInput {
        ts: local(at),
        employee_no: Some(employee_no.into()),
        rule_code: rule.into(),
        ..IncidentInput::default()
    }
}

pub fn code_of<T: std::fmt::Debug>(result: floordesk_store::Result<T>) -> ErrorCode {
    result.expect_err("must be refused").to_problem().code
}

/// (工号, action, fen, offence no, co-penalty of) of a preview's lines.
pub type Shown = (String, &'static str, i64, Option<u32>, Option<String>);

fn one(
    employee_no: &str,
    line: &floordesk_domain::incidents::Line,
    offence_no: Option<u32>,
    co: &Option<String>,
) -> Shown {
    (
        employee_no.to_owned(),
        line.action.as_str(),
        line.amount_fen,
        offence_no,
        co.clone(),
    )
}

pub fn shown(p: &IncidentPreview) -> Vec<Shown> {
    p.lines
        .iter()
        .map(|l| one(&l.employee_no, &l.line, l.offence_no, &l.co_penalty_of))
        .collect()
}

pub fn shown_ledger(lines: &[LedgerLine]) -> Vec<Shown> {
    lines
        .iter()
        .map(|l| one(&l.employee_no, &l.line, l.offence_no, &l.co_penalty_of))
        .collect()
}

pub fn line(no: &str, action: &'static str, fen: i64, offence_no: Option<u32>) -> Shown {
    (no.into(), action, fen, offence_no, None)
}

impl Floor {
    /// The supervisor, an hour after `at`.
    pub fn sup(&self, at: DateTime<Utc>) -> Actor {
        Actor::user(self.supervisor, at + Duration::hours(1))
    }

    pub fn approval(&self) -> Approval {
        Approval {
            user_id: self.supervisor,
            pin: PIN.into(),
        }
    }

    /// Records and confirms as proposed; (incident, ledger record).
    pub fn confirm(&mut self, input: &IncidentInput) -> (i64, i64) {
        let by = self.sup(input.ts);
        self.store
            .record_confirmed_incident(input, IncidentSource::App, &Confirmation::default(), by)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
    }

    pub fn preview(&self, input: &IncidentInput) -> IncidentPreview {
        self.store
            .preview_incident(input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
    }

    /// The lines in force about `employee_no` in `month`.
    pub fn ledger(&self, employee_no: &str, month: &str) -> Vec<LedgerLine> {
        self.store
            .ledger_lines(&LedgerQuery {
                month: Some(month.into()),
                employee_no: Some(employee_no.into()),
                ..LedgerQuery::default()
            })
            .unwrap()
    }

    pub fn incident(&self, id: i64) -> IncidentRow {
        self.store
            .incidents(&IncidentQuery {
                id: Some(id),
                ..IncidentQuery::default()
            })
            .unwrap()
            .pop()
            .unwrap()
    }

    /// A second connection to the same file, for raw SQL.
    pub fn raw(&self) -> Connection {
        Connection::open(&self.path).unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// The ladder within its period.

#[test]
fn non_work_activity_climbs_its_ladder_within_the_month_and_starts_again_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());

    let first = offence("2004", "non_work_activity", "2026-11-03 10:00");
    let p = f.preview(&first);
    assert_eq!(p.offence_no, Some(1));
    assert_eq!(
        shown(&p),
        [
            line("2004", "verbal_warning", 0, Some(1)),
            line("2004", "fine", 1_000, Some(1))
        ]
    );
    assert!(p.earlier.is_empty() && p.renumbers.is_empty() && p.over_cap.is_empty());
    let (first_id, _) = f.confirm(&first);

    let second = offence("2004", "non_work_activity", "2026-11-10 10:00");
    let p = f.preview(&second);
    assert_eq!(p.offence_no, Some(2));
    assert_eq!(shown(&p), [line("2004", "fine", 3_000, Some(2))]);
    assert_eq!(p.earlier.len(), 1);
    assert_eq!(p.earlier[0].incident_id, first_id);
    assert_eq!(p.earlier[0].offence_no, Some(1));
    assert_eq!(p.earlier[0].status, IncidentStatus::Confirmed);
    f.confirm(&second);

    let third = offence("2004", "non_work_activity", "2026-11-20 10:00");
    let p = f.preview(&third);
    assert_eq!(p.offence_no, Some(3));
    assert_eq!(shown(&p), [line("2004", "dismissal_proposal", 0, Some(3))]);
    f.confirm(&third);
    // Past the last step the last repeats.
    let fourth = offence("2004", "non_work_activity", "2026-11-21 10:00");
    assert_eq!(
        shown(&f.preview(&fourth)),
        [line("2004", "dismissal_proposal", 0, Some(4))]
    );

    assert_eq!(
        shown_ledger(&f.ledger("2004", "2026-11")),
        [
            line("2004", "verbal_warning", 0, Some(1)),
            line("2004", "fine", 1_000, Some(1)),
            line("2004", "fine", 3_000, Some(2)),
            line("2004", "dismissal_proposal", 0, Some(3)),
        ]
    );
    // Another person's count and another rule's are their own.
    assert_eq!(
        f.preview(&offence("2005", "non_work_activity", "2026-11-21 10:00"))
            .offence_no,
        Some(1)
    );
    assert_eq!(
        f.preview(&offence("2004", "badge_not_worn", "2026-11-21 10:00"))
            .offence_no,
        Some(1)
    );

    // The next month starts again at the first offence.
    let december = offence("2004", "non_work_activity", "2026-12-02 10:00");
    let p = f.preview(&december);
    assert_eq!(p.offence_no, Some(1));
    assert_eq!(
        shown(&p),
        [
            line("2004", "verbal_warning", 0, Some(1)),
            line("2004", "fine", 1_000, Some(1))
        ]
    );
    assert!(p.earlier.is_empty());
}

#[test]
fn the_month_is_the_site_local_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    f.confirm(&offence("2005", "non_work_activity", "2026-11-10 10:00"));

    // 23:59 on 30 November in Shanghai is 15:59 UTC: November either way, the second offence.
    let last_minute = offence("2005", "non_work_activity", "2026-11-30 23:59");
    assert_eq!(f.preview(&last_minute).offence_no, Some(2));
    let (id, _) = f.confirm(&last_minute);
    let row = f.incident(id);
    assert_eq!(row.local_date, date("2026-11-30"));
    assert_eq!(row.offence_no, Some(2));

    // 00:30 on 1 December in Shanghai is still 30 November in UTC: December's first.
    let december = offence("2005", "non_work_activity", "2026-12-01 00:30");
    assert_eq!(december.ts.date_naive(), date("2026-11-30"));
    let p = f.preview(&december);
    assert_eq!(p.offence_no, Some(1));
    let (id, _) = f.confirm(&december);
    assert_eq!(f.incident(id).local_date, date("2026-12-01"));
    assert_eq!(f.ledger("2005", "2026-12").len(), 2);
    assert_eq!(f.ledger("2005", "2026-11").len(), 3);
}

#[test]
fn a_rolling_window_holds_thirty_days_back_and_not_the_instant_thirty_days_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let mut body = f
        .store
        .incident_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.body.code == "badge_not_worn")
        .unwrap()
        .body;
    body.period = Period::RollingDays { days: 30 };
    let saved = f
        .store
        .save_incident_rule(&body, date("2026-10-01"), f.sup(local("2026-10-01 09:00")))
        .unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(saved.body.period, Period::RollingDays { days: 30 });

    let first = offence("2006", "badge_not_worn", "2026-11-01 10:00");
    let (first_id, _) = f.confirm(&first);

    // Exactly 30 days later: (ts − 30 days, ts] leaves the first out.
    let edge = IncidentInput {
        ts: first.ts + Duration::days(30),
        ..first.clone()
    };
    let p = f.preview(&edge);
    assert_eq!(p.rule_version_id, saved.version_id);
    assert_eq!(p.offence_no, Some(1));
    assert!(p.earlier.is_empty());
    assert_eq!(shown(&p), [line("2006", "verbal_warning", 0, Some(1))]);

    // A minute inside the window: the second, across the calendar month.
    let inside = IncidentInput {
        ts: first.ts + Duration::days(30) - Duration::minutes(1),
        ..first.clone()
    };
    let p = f.preview(&inside);
    assert_eq!(p.offence_no, Some(2));
    assert_eq!(p.earlier.len(), 1);
    assert_eq!(p.earlier[0].incident_id, first_id);
    assert_eq!(shown(&p), [line("2006", "written_warning", 0, Some(2))]);

    // A back-dated one 30 days before a confirmed offence does not renumber it.
    let before = IncidentInput {
        ts: first.ts - Duration::days(30),
        ..first.clone()
    };
    assert!(f.preview(&before).renumbers.is_empty());
    let just_inside = IncidentInput {
        ts: first.ts - Duration::days(30) + Duration::minutes(1),
        ..first.clone()
    };
    assert_eq!(f.preview(&just_inside).renumbers, [first_id]);
}

#[test]
fn proposals_recorded_out_of_order_are_numbered_by_their_instant() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let lead = Actor::user(f.lead_2001, local("2026-11-21 09:00"));
    let late = f
        .store
        .record_incident(
            &offence("2003", "non_work_activity", "2026-11-20 10:00"),
            IncidentSource::App,
            lead,
        )
        .unwrap();
    let early = f
        .store
        .record_incident(
            &offence("2003", "non_work_activity", "2026-11-10 10:00"),
            IncidentSource::App,
            lead,
        )
        .unwrap();
    assert_eq!(f.incident(late).status, IncidentStatus::Proposed);
    assert_eq!(
        f.store.preview_stored_incident(early).unwrap().offence_no,
        Some(1)
    );
    let p = f.store.preview_stored_incident(late).unwrap();
    assert_eq!(p.offence_no, Some(2));
    assert_eq!(p.earlier.len(), 1);
    assert_eq!(p.earlier[0].incident_id, early);
    assert_eq!(p.earlier[0].status, IncidentStatus::Proposed);

    // Confirmed in the order they happened, neither renumbers the other.
    let by = f.sup(local("2026-11-21 10:00"));
    let first = f
        .store
        .confirm_incident(early, &Confirmation::default(), by)
        .unwrap();
    let second = f
        .store
        .confirm_incident(late, &Confirmation::default(), by)
        .unwrap();
    assert!(first < second);
    assert_eq!(f.incident(early).offence_no, Some(1));
    assert_eq!(f.incident(late).offence_no, Some(2));
    assert_eq!(
        shown_ledger(&f.ledger("2003", "2026-11")),
        [
            line("2003", "verbal_warning", 0, Some(1)),
            line("2003", "fine", 1_000, Some(1)),
            line("2003", "fine", 3_000, Some(2)),
        ]
    );
}

#[test]
fn an_import_out_of_order_is_numbered_by_instant() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let rows = [
        offence("2003", "non_work_activity", "2026-11-20 10:00"),
        offence("2003", "non_work_activity", "2026-11-03 10:00"),
        offence("2003", "non_work_activity", "2026-11-10 10:00"),
    ];
    let by = f.sup(local("2026-11-22 10:00"));
    let written = f
        .store
        .record_confirmed_incidents(&rows, IncidentSource::Import, by)
        .unwrap_or_else(|(i, e)| panic!("row {i}: {e}"));
    assert_eq!(written.len(), 3);
    let numbers: Vec<Option<u32>> = written
        .iter()
        .map(|(id, _)| f.incident(*id).offence_no)
        .collect();
    assert_eq!(numbers, [Some(3), Some(1), Some(2)], "in the file's order");
}

#[test]
fn a_back_dated_offence_that_would_renumber_confirmed_ones_needs_accepting() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (tenth, _) = f.confirm(&offence("2004", "non_work_activity", "2026-11-10 10:00"));
    let (twentieth, _) = f.confirm(&offence("2004", "non_work_activity", "2026-11-20 10:00"));

    let back = offence("2004", "non_work_activity", "2026-11-05 10:00");
    let p = f.preview(&back);
    assert_eq!(p.offence_no, Some(1));
    assert_eq!(p.renumbers, [tenth, twentieth]);
    assert!(p.earlier.is_empty());
    // Another month's back-dated entry renumbers nothing.
    assert!(
        f.preview(&offence("2004", "non_work_activity", "2026-10-30 10:00"))
            .renumbers
            .is_empty()
    );

    let by = f.sup(local("2026-11-21 10:00"));
    let err = f
        .store
        .record_confirmed_incident(&back, IncidentSource::App, &Confirmation::default(), by)
        .unwrap_err()
        .to_problem();
    assert_eq!(err.code, ErrorCode::IncidentsRenumbers);
    assert_eq!(err.params["employee_no"], "2004");
    assert_eq!(err.params["rule"], "non_work_activity");
    assert_eq!(err.params["count"], "2");
    assert!(
        f.store.incidents(&IncidentQuery::default()).unwrap().len() == 2,
        "all or nothing"
    );

    // Proposed, then confirmed: refused, then accepted.
    let id = f
        .store
        .record_incident(&back, IncidentSource::App, Actor::user(f.lead_2001, by.at))
        .unwrap();
    assert_eq!(
        f.store.preview_stored_incident(id).unwrap().renumbers,
        [tenth, twentieth]
    );
    assert_eq!(
        code_of(f.store.confirm_incident(id, &Confirmation::default(), by)),
        ErrorCode::IncidentsRenumbers
    );
    f.store
        .confirm_incident(
            id,
            &Confirmation {
                accept_renumber: true,
                ..Confirmation::default()
            },
            by,
        )
        .unwrap();
    assert_eq!(f.incident(id).offence_no, Some(1));
    // The confirmed ones keep the numbers they were judged by.
    assert_eq!(f.incident(tenth).offence_no, Some(1));
    assert_eq!(f.incident(twentieth).offence_no, Some(2));
    // The next one counts all three.
    assert_eq!(
        f.preview(&offence("2004", "non_work_activity", "2026-11-25 10:00"))
            .offence_no,
        Some(4)
    );
}

#[test]
fn the_same_offence_at_the_same_instant_is_refused_as_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let input = offence("2004", "meeting_late", "2026-11-10 09:05");
    f.confirm(&input);
    let err = f.store.preview_incident(&input).unwrap_err().to_problem();
    assert_eq!(err.code, ErrorCode::IncidentsDuplicate);
    assert_eq!(err.params["ts"], "2026-11-10 09:05");
    assert_eq!(err.params["employee_no"], "2004");
    assert_eq!(err.params["rule"], "meeting_late");
    let lead = Actor::user(f.lead_2001, local("2026-11-10 12:00"));
    assert_eq!(
        code_of(f.store.record_incident(&input, IncidentSource::App, lead)),
        ErrorCode::IncidentsDuplicate
    );
    let by = f.sup(input.ts);
    assert_eq!(
        code_of(f.store.record_confirmed_incident(
            &input,
            IncidentSource::App,
            &Confirmation::default(),
            by
        )),
        ErrorCode::IncidentsDuplicate
    );
    // Another person, rule or minute is not a duplicate.
    f.store
        .record_incident(
            &offence("2005", "meeting_late", "2026-11-10 09:05"),
            IncidentSource::App,
            lead,
        )
        .unwrap();
    f.store
        .record_incident(
            &offence("2004", "meeting_absent", "2026-11-10 09:05"),
            IncidentSource::App,
            lead,
        )
        .unwrap();
    f.store
        .record_incident(
            &offence("2004", "meeting_late", "2026-11-10 09:06"),
            IncidentSource::App,
            lead,
        )
        .unwrap();

    // A discarded proposal leaves room for the same again.
    let proposal = offence("2006", "meeting_late", "2026-11-11 09:05");
    let id = f
        .store
        .record_incident(&proposal, IncidentSource::App, lead)
        .unwrap();
    assert_eq!(
        code_of(
            f.store
                .record_incident(&proposal, IncidentSource::App, lead)
        ),
        ErrorCode::IncidentsDuplicate
    );
    f.store.discard_incident(id, "录错人了", by).unwrap();
    assert_eq!(f.incident(id).status, IncidentStatus::Discarded);
    f.store
        .record_incident(&proposal, IncidentSource::App, lead)
        .unwrap();
}

#[test]
fn a_voided_offence_leaves_room_for_its_correction_and_an_alert_is_recorded_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let input = offence("2004", "meeting_late", "2026-11-10 09:05");
    let (_, record) = f.confirm(&input);
    let by = f.sup(local("2026-11-10 12:00"));
    f.store
        .void_ledger_record(record, "会议改期，不算迟到", &f.approval(), by)
        .unwrap();
    let (again, _) = f.confirm(&input);
    assert_eq!(f.incident(again).offence_no, Some(1));

    let from_alert = IncidentInput {
        alert_ref: Some(format!(
            "2005|break_overrun|{}",
            local("2026-11-10 10:20").timestamp_millis()
        )),
        ..offence("2005", "break_overrun", "2026-11-10 10:20")
    };
    f.store
        .record_incident(&from_alert, IncidentSource::Board, by)
        .unwrap();
    let twice = IncidentInput {
        ts: local("2026-11-10 10:21"),
        ..from_alert
    };
    assert_eq!(
        code_of(f.store.record_incident(&twice, IncidentSource::Board, by)),
        ErrorCode::IncidentsDuplicate
    );
}

#[test]
fn the_quarterly_reward_is_written_by_the_scores_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let reward = IncidentInput {
        stated_fen: Some(30_000),
        ..offence("2004", "quarter_reward", "2026-12-31 18:00")
    };
    let by = f.sup(local("2026-12-31 18:30"));
    for source in [
        IncidentSource::App,
        IncidentSource::Board,
        IncidentSource::Import,
    ] {
        assert_eq!(
            code_of(f.store.record_confirmed_incident(
                &reward,
                source,
                &Confirmation::default(),
                by
            )),
            ErrorCode::IncidentsNotImportable
        );
    }
    let (id, _) = f
        .store
        .record_confirmed_incident(
            &reward,
            IncidentSource::Scores,
            &Confirmation::default(),
            by,
        )
        .unwrap();
    let row = f.incident(id);
    assert_eq!(row.lines.len(), 1);
    assert_eq!(
        (row.lines[0].line.action, row.lines[0].line.amount_fen),
        (ActionCode::Reward, 30_000)
    );
}

// ---------------------------------------------------------------------------------------------
// Rule versions.

#[test]
fn a_changed_rule_judges_from_its_date_and_records_keep_their_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let v1 = f
        .store
        .incident_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.body.code == "meeting_late")
        .unwrap();
    assert_eq!(v1.version, 1);
    let (before_id, before_record) =
        f.confirm(&offence("2004", "meeting_late", "2026-11-10 09:05"));
    assert_eq!(
        shown_ledger(&f.ledger("2004", "2026-11")),
        [line("2004", "fine", 2_000, Some(1))]
    );

    let mut body = v1.body.clone();
    body.ladder = vec![vec![Action::Fine {
        amount: Amount::Fixed { fen: 3_000 },
    }]];
    let v2 = f
        .store
        .save_incident_rule(&body, date("2026-11-15"), f.sup(local("2026-11-12 10:00")))
        .unwrap();
    assert_eq!((v2.version, v2.effective_from), (2, date("2026-11-15")));
    assert_ne!(v2.version_id, v1.version_id);
    // Saving the same body again adds no version.
    let again = f
        .store
        .save_incident_rule(&body, date("2026-11-20"), f.sup(local("2026-11-12 10:00")))
        .unwrap();
    assert_eq!(again.version_id, v2.version_id);
    let versions = f.store.incident_rule_versions("meeting_late").unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.version, v.effective_from))
            .collect::<Vec<_>>(),
        [(1, date("2000-01-01")), (2, date("2026-11-15"))]
    );

    // The last minute of the 14th (site-local) is version 1's; the 15th is version 2's.
    let p = f.preview(&offence("2005", "meeting_late", "2026-11-14 23:59"));
    assert_eq!(p.rule_version_id, v1.version_id);
    assert_eq!(shown(&p), [line("2005", "fine", 2_000, Some(1))]);
    let p = f.preview(&offence("2005", "meeting_late", "2026-11-15 00:01"));
    assert_eq!(p.rule_version_id, v2.version_id);
    assert_eq!(shown(&p), [line("2005", "fine", 3_000, Some(1))]);
    // A back-dated incident is judged by the version of its own date.
    let (old_id, _) = f.confirm(&offence("2006", "meeting_late", "2026-11-01 09:05"));
    assert_eq!(f.incident(old_id).rule_version_id, v1.version_id);
    let (new_id, _) = f.confirm(&offence("2004", "meeting_late", "2026-11-16 09:05"));
    assert_eq!(f.incident(new_id).rule_version_id, v2.version_id);

    // The record confirmed before keeps its version and amount.
    let row = f.incident(before_id);
    assert_eq!(row.rule_version_id, v1.version_id);
    assert_eq!(row.record_id, Some(before_record));
    assert_eq!(row.lines[0].line.amount_fen, 2_000);
    assert_eq!(
        shown_ledger(&f.ledger("2004", "2026-11")),
        [
            line("2004", "fine", 2_000, Some(1)),
            line("2004", "fine", 3_000, Some(2)),
        ]
    );
    assert_eq!(f.store.verify().unwrap().problems, Vec::<String>::new());
}

#[test]
fn a_retired_rule_takes_no_new_incidents_and_keeps_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let (kept, _) = f.confirm(&offence("2004", "meeting_late", "2026-11-10 09:05"));
    let lead = Actor::user(f.lead_2001, local("2026-11-11 09:00"));
    let waiting = f
        .store
        .record_incident(
            &offence("2005", "meeting_late", "2026-11-11 09:05"),
            IncidentSource::App,
            lead,
        )
        .unwrap();

    let by = f.sup(local("2026-11-12 09:00"));
    f.store
        .set_incident_rule_retired("meeting_late", true, by)
        .unwrap();
    let rule = f
        .store
        .incident_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.body.code == "meeting_late")
        .unwrap();
    assert!(rule.retired);
    assert!(
        !f.store
            .export_rule_book()
            .unwrap()
            .rules
            .iter()
            .any(|r| r.code == "meeting_late")
    );

    let new = offence("2006", "meeting_late", "2026-11-12 09:05");
    let err = f.store.preview_incident(&new).unwrap_err().to_problem();
    assert_eq!(err.code, ErrorCode::IncidentsRuleRetired);
    assert_eq!(err.params["code"], "meeting_late");
    assert_eq!(
        code_of(f.store.record_incident(&new, IncidentSource::App, lead)),
        ErrorCode::IncidentsRuleRetired
    );
    assert_eq!(
        code_of(f.store.record_confirmed_incident(
            &new,
            IncidentSource::App,
            &Confirmation::default(),
            by
        )),
        ErrorCode::IncidentsRuleRetired
    );
    // What was recorded before stays, and a proposal made before may still be decided.
    assert_eq!(f.incident(kept).status, IncidentStatus::Confirmed);
    assert_eq!(f.ledger("2004", "2026-11").len(), 1);
    f.store
        .confirm_incident(waiting, &Confirmation::default(), by)
        .unwrap();
    assert_eq!(f.incident(waiting).status, IncidentStatus::Confirmed);

    f.store
        .set_incident_rule_retired("meeting_late", false, by)
        .unwrap();
    f.store
        .record_incident(&new, IncidentSource::App, lead)
        .unwrap();
    assert_eq!(
        code_of(f.store.set_incident_rule_retired("no_such_rule", true, by)),
        ErrorCode::IncidentsUnknownRule
    );
}

// ---------------------------------------------------------------------------------------------
// Co-penalties.

#[test]
fn a_data_inconsistency_co_penalises_the_named_manager() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let mut input = offence("2004", "data_inconsistent", "2026-11-10 15:00");
    let err = f.store.preview_incident(&input).unwrap_err().to_problem();
    assert_eq!(err.code, ErrorCode::IncidentsCoPersonRequired);
    assert_eq!(err.params["rule"], "data_inconsistent");
    let by = f.sup(input.ts);
    assert_eq!(
        code_of(f.store.record_confirmed_incident(
            &input,
            IncidentSource::App,
            &Confirmation::default(),
            by
        )),
        ErrorCode::IncidentsCoPersonRequired
    );
    input.co_employee_no = Some("2004".into());
    assert_eq!(
        code_of(f.store.preview_incident(&input)),
        ErrorCode::IncidentsCoPersonIsOffender
    );

    input.co_employee_no = Some("M001".into());
    let p = f.preview(&input);
    assert_eq!(
        shown(&p),
        [
            line("2004", "fine", 1_000, Some(1)),
            ("M001".into(), "fine", 2_000, Some(1), Some("2004".into())),
        ]
    );
    let (id, _) = f.confirm(&input);
    let row = f.incident(id);
    assert_eq!(row.co_employee_no.as_deref(), Some("M001"));
    assert_eq!(row.lines.len(), 2);
    let manager = f.ledger("M001", "2026-11");
    assert_eq!(
        shown_ledger(&manager),
        [("M001".into(), "fine", 2_000, Some(1), Some("2004".into()))]
    );
    assert_eq!(manager[0].line.kind, LineKind::Penalty);
    assert_eq!(manager[0].incident_id, id);

    // A rule without a co-penalty refuses one.
    let mut late = offence("2004", "meeting_late", "2026-11-10 09:05");
    late.co_employee_no = Some("M001".into());
    assert_eq!(
        code_of(f.store.preview_incident(&late)),
        ErrorCode::IncidentsCoPersonNotWanted
    );
}

#[test]
fn the_lead_who_did_not_act_gets_the_same_but_their_own_ladder_does_not_move() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    // Without a named lead, the offender alone.
    assert_eq!(
        f.preview(&offence("2004", "non_work_activity", "2026-11-03 10:00"))
            .lines
            .len(),
        2
    );
    let mut first = offence("2004", "non_work_activity", "2026-11-03 10:00");
    first.co_employee_no = Some("2001".into());
    assert_eq!(
        shown(&f.preview(&first)),
        [
            line("2004", "verbal_warning", 0, Some(1)),
            line("2004", "fine", 1_000, Some(1)),
            (
                "2001".into(),
                "verbal_warning",
                0,
                Some(1),
                Some("2004".into())
            ),
            ("2001".into(), "fine", 1_000, Some(1), Some("2004".into())),
        ]
    );
    f.confirm(&first);
    let mut second = offence("2004", "non_work_activity", "2026-11-10 10:00");
    second.co_employee_no = Some("2001".into());
    f.confirm(&second);
    let mut third = offence("2004", "non_work_activity", "2026-11-20 10:00");
    third.co_employee_no = Some("2001".into());
    // No dismissal for the lead: 受相应处罚 stops short of it.
    assert_eq!(
        shown(&f.preview(&third)),
        [line("2004", "dismissal_proposal", 0, Some(3))]
    );

    // Two co-penalties on the lead's record, and their own first offence is still the first.
    let lead_lines = f.ledger("2001", "2026-11");
    assert_eq!(lead_lines.len(), 3);
    assert!(
        lead_lines
            .iter()
            .all(|l| l.co_penalty_of.as_deref() == Some("2004"))
    );
    let own = offence("2001", "non_work_activity", "2026-11-21 10:00");
    let p = f.preview(&own);
    assert_eq!(p.offence_no, Some(1));
    assert!(p.earlier.is_empty());
    assert_eq!(
        shown(&p),
        [
            line("2001", "verbal_warning", 0, Some(1)),
            line("2001", "fine", 1_000, Some(1))
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Equipment.

/// 售前一组 on 23 November: 2001, 2004, 2006 and 新同事 (工号 999, just joined) on the day shift,
/// 2006 on approved sick leave that day; 2003 on the evening shift; 2002 and 2005 off; and 售后组's
/// 2008 on the day shift.
fn equipment_floor(dir: &Path) -> Floor {
    let mut f = floor(dir);
    f.store
        .import_agents(
            &write(
                dir,
                "new-agent.csv",
                "name,employee_no,level,team,hired_on,seat\n新同事,999,junior,售前一组,2026-11-01,\n",
            ),
            actor(),
        )
        .unwrap();
    let mut csv = String::from("date,employee_no,start,end\n");
    for no in ["2001", "2004", "2006", "999"] {
        csv.push_str(&format!("2026-11-23,{no},08:30,16:00\n"));
    }
    csv.push_str("2026-11-23,2003,16:00,23:00\n");
    // 售后组 on the same shift: not the presale team's.
    csv.push_str("2026-11-23,2008,08:30,16:00\n");
    f.store
        .import_shifts(&write(dir, "shifts.csv", &csv), None, actor())
        .unwrap();
    let leave = f
        .store
        .request_leave(
            &LeaveInput {
                employee_no: "2006".into(),
                from: date("2026-11-23"),
                to: date("2026-11-23"),
                kind: LeaveKind::Sick,
                half_day: false,
                reason: Some("发烧".into()),
                cover: None,
            },
            actor(),
        )
        .unwrap();
    f.store
        .decide_leave(
            leave,
            true,
            PIN,
            None,
            Actor::user(f.supervisor, local("2026-11-22 18:00")),
        )
        .unwrap();
    f
}

#[test]
fn equipment_nobody_answers_for_is_split_across_the_shift_to_the_fen() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = equipment_floor(dir.path());
    let headset = f
        .store
        .equipment_items()
        .unwrap()
        .into_iter()
        .find(|i| i.code == "headset")
        .unwrap();
    assert_eq!(headset.price_fen, 12_800);
    let input = IncidentInput {
        ts: local("2026-11-23 10:00"),
        team_id: Some(f.presale),
        rule_code: "equipment_damage".into(),
        item_code: Some("耳机".into()),
        note: Some("耳机线被扯断，无人认领".into()),
        ..IncidentInput::default()
    };
    let p = f.preview(&input);
    assert_eq!(p.offence_no, None);
    // On the day shift at 10:00 and not on leave: 999, 2001 and 2004 (2006 is on sick leave,
    // 2003 comes in at 16:00, 2008 is 售后组's). 12,800 fen over three is 4,266 and 2 fen left,
    // which go to the lowest 工号 in numeric order: 999 before 2001.
    let parts = shown(&p);
    assert_eq!(
        parts
            .iter()
            .map(|l| (l.0.as_str(), l.2))
            .collect::<Vec<_>>(),
        [("999", 4_268), ("2001", 4_266), ("2004", 4_266)]
    );
    assert_eq!(parts.iter().map(|l| l.2).sum::<i64>(), 12_800);
    assert!(
        parts
            .iter()
            .all(|l| l.1 == "compensation" && l.3.is_none() && l.4.is_none())
    );
    assert!(
        p.lines
            .iter()
            .all(|l| l.line.kind == LineKind::Compensation)
    );
    let (id, record) = f.confirm(&input);
    let row = f.incident(id);
    assert_eq!(row.employee_no, None);
    assert_eq!(row.team_id, Some(f.presale));
    assert_eq!(row.item_code.as_deref(), Some("headset"));
    assert_eq!(row.item_price_fen, Some(12_800));
    assert_eq!(row.offence_no, None);
    assert_eq!(row.record_id, Some(record));
    let lines = f
        .store
        .ledger_lines(&LedgerQuery {
            month: Some("2026-11".into()),
            team_id: Some(f.presale),
            ..LedgerQuery::default()
        })
        .unwrap();
    assert_eq!(lines.iter().map(|l| l.line.amount_fen).sum::<i64>(), 12_800);
    assert_eq!(lines.len(), 3);
    assert!(
        lines
            .iter()
            .all(|l| l.offence_no.is_none() && l.line.kind == LineKind::Compensation)
    );
    assert_eq!(f.ledger("2006", "2026-11").len(), 0, "on leave");
    assert_eq!(f.ledger("2003", "2026-11").len(), 0, "not on that shift");
    assert_eq!(f.ledger("2008", "2026-11").len(), 0, "another team");

    // A new price does not change what was charged.
    f.store
        .save_equipment_item(
            &EquipmentInput {
                code: "headset".into(),
                name_zh: "耳机".into(),
                name_en: "Headset".into(),
                price_fen: 15_000,
                active: true,
            },
            f.sup(local("2026-11-24 09:00")),
        )
        .unwrap();
    assert_eq!(f.incident(id).item_price_fen, Some(12_800));
    assert_eq!(
        shown_ledger(&f.ledger("999", "2026-11")),
        [("999".into(), "compensation", 4_268, None, None)]
    );

    // Nobody of the team at night.
    let night = IncidentInput {
        ts: local("2026-11-23 03:00"),
        ..input.clone()
    };
    let err = f.store.preview_incident(&night).unwrap_err().to_problem();
    assert_eq!(err.code, ErrorCode::IncidentsNobodyToSplit);
    assert_eq!(err.params["team"], "售前一组");
    // Only equipment is split: another rule needs the offender.
    let nobody = IncidentInput {
        ts: local("2026-11-23 10:00"),
        team_id: Some(f.presale),
        rule_code: "meeting_late".into(),
        ..IncidentInput::default()
    };
    assert_eq!(
        code_of(f.store.preview_incident(&nobody)),
        ErrorCode::ValidationRequired
    );
}

#[test]
fn equipment_one_person_broke_is_theirs_at_list_price() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = equipment_floor(dir.path());
    let input = IncidentInput {
        ts: local("2026-11-23 11:00"),
        employee_no: Some("2002".into()),
        rule_code: "equipment_damage".into(),
        item_code: Some("keyboard".into()),
        quantity: Some(2),
        ..IncidentInput::default()
    };
    let p = f.preview(&input);
    assert_eq!(shown(&p), [line("2002", "compensation", 16_000, Some(1))]);
    assert_eq!(p.lines[0].line.kind, LineKind::Compensation);
    f.confirm(&input);
    assert_eq!(
        shown_ledger(&f.ledger("2002", "2026-11")),
        [line("2002", "compensation", 16_000, Some(1))]
    );
    assert!(f.ledger("2001", "2026-11").is_empty());
    // The item is required, and must be on the list.
    let mut without = input.clone();
    without.item_code = None;
    without.ts = local("2026-11-23 12:00");
    assert_eq!(
        code_of(f.store.preview_incident(&without)),
        ErrorCode::IncidentsBadFact
    );
    without.item_code = Some("printer".into());
    assert_eq!(
        code_of(f.store.preview_incident(&without)),
        ErrorCode::IncidentsUnknownItem
    );
}

#[test]
fn a_major_complaint_unreported_takes_a_tenth_of_the_pay_of_everyone_on_the_shift() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = equipment_floor(dir.path());
    f.raw()
        .execute(
            "UPDATE agents SET base_pay_fen = 400000 WHERE employee_no = '2001'",
            [],
        )
        .unwrap();
    let input = offence("2004", "major_complaint_unreported", "2026-11-23 10:00");
    let p = f.preview(&input);
    assert_eq!(
        p.lines
            .iter()
            .map(|l| (
                l.employee_no.as_str(),
                l.line.action,
                l.line.percent,
                l.co_penalty_of.as_deref()
            ))
            .collect::<Vec<_>>(),
        [
            ("2004", ActionCode::PayPercent, Some(10), None),
            ("999", ActionCode::PayPercent, Some(10), Some("2004")),
            ("2001", ActionCode::PayPercent, Some(10), Some("2004")),
        ],
        "2006 is on leave, 2003 not on the shift"
    );
    assert!(p.over_cap.is_empty());
    f.confirm(&input);
    let statement = f.store.ledger_statement("2001", "2026-11", true).unwrap();
    assert_eq!(statement.deductions_fen, Some(40_000));
    // The team's lines are not their own offences.
    assert_eq!(
        f.preview(&offence(
            "2001",
            "major_complaint_unreported",
            "2026-11-24 10:00"
        ))
        .offence_no,
        Some(1)
    );
}

// ---------------------------------------------------------------------------------------------
// The seeded rule book.

#[test]
fn the_seeded_rule_book_lists_every_rule_and_the_price_list() {
    let dir = tempfile::tempdir().unwrap();
    let f = floor(dir.path());
    let rules = f.store.incident_rules().unwrap();
    let codes: Vec<&str> = rules.iter().map(|r| r.body.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "badge_not_worn",
            "phone_not_silent",
            "loud_or_uncivil",
            "roll_call_late",
            "seat_or_equipment_moved",
            "seat_untidy",
            "wandering",
            "eating_or_smoking",
            "unauthorised_visitor",
            "private_call",
            "system_abuse",
            "rude_record_note",
            "data_transfer",
            "asset_removed",
            "non_work_activity",
            "late_sign_in",
            "absent",
            "early_leave",
            "break_overrun",
            "break_total_exceeded",
            "meal_overrun",
            "break_during_line_full",
            "meeting_late",
            "meeting_absent",
            "valid_complaint",
            "record_false",
            "data_inconsistent",
            "report_late",
            "major_complaint_unreported",
            "rest_not_arranged",
            "no_cover_assigned",
            "equipment_damage",
            "adopted_suggestion",
            "data_error_found",
            "quarter_reward",
        ]
    );
    assert!(rules.iter().all(|r| r.version == 1 && !r.retired));
    assert!(rules.iter().all(|r| r.effective_from == date("2000-01-01")));
    for alert in RuleCode::ALL {
        let r: Vec<_> = rules
            .iter()
            .filter(|r| r.body.alert_rule == Some(alert))
            .collect();
        assert_eq!(r.len(), 1, "{alert:?}");
        assert_eq!(r[0].body.code, alert.as_str());
    }
    let items: Vec<(String, i64)> = f
        .store
        .equipment_items()
        .unwrap()
        .into_iter()
        .map(|i| (i.code, i.price_fen))
        .collect();
    assert_eq!(
        items,
        [
            ("mouse".to_owned(), 5_000),
            ("headset".to_owned(), 12_800),
            ("keyboard".to_owned(), 8_000),
            ("badge".to_owned(), 2_000),
            ("monitor".to_owned(), 80_000),
            ("phone".to_owned(), 30_000),
        ]
    );
    let quarter = rules
        .iter()
        .find(|r| r.body.code == "quarter_reward")
        .unwrap();
    assert!(!quarter.body.importable);
    assert!(matches!(
        quarter.body.ladder[0][0],
        Action::Reward {
            amount: Amount::Stated
        }
    ));
    assert_eq!(
        rules
            .iter()
            .find(|r| r.body.code == "valid_complaint")
            .unwrap()
            .body
            .ladder[0][1]
            .code(),
        ActionCode::SelfReview
    );
}
