//! The quarter's ranking and rewards: the mean composite of three published months ranks the
//! people (ties share a rank and its reward); publishing the quarter's last month books the top
//! three in the ledger once, at 00:00 site time on the quarter's last day; a correction that
//! changes the ranking voids what no longer stands and books what does.

use chrono::{DateTime, Utc};
use floordesk_domain::scores::{Quarter, RaterRole, ScoreMonth};
use floordesk_store::Actor;
use floordesk_store::scores::{ScoreEntry, WindowRule};

use crate::scores_common::{ScoreFloor, score_floor};

fn month(text: &str) -> ScoreMonth {
    ScoreMonth::parse(text).unwrap()
}

fn at() -> DateTime<Utc> {
    "2026-10-09T02:00:00Z".parse().unwrap()
}

/// 2009 and 2010 at 90 %, 2008 at 85 %, the others from 60 % up by 工号.
fn percent(no: &str) -> i64 {
    match no {
        "2009" | "2010" => 90,
        "2008" => 85,
        n => 60 + n[2..].parse::<i64>().unwrap(),
    }
}

/// The quarterly rewards standing in the ledger: (工号, fen, instant), by 工号.
fn standing(f: &ScoreFloor) -> Vec<(String, i64, i64)> {
    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT i.employee_no, l.amount_fen, i.ts FROM incidents i
             JOIN ledger_records r ON r.incident_id = i.id AND r.kind = 'confirm'
             JOIN ledger_lines l ON l.record_id = r.id
             WHERE i.rule_code = 'quarter_reward'
               AND NOT EXISTS (SELECT 1 FROM ledger_records v WHERE v.incident_id = i.id AND v.kind = 'void')
             ORDER BY i.employee_no",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn voids(f: &ScoreFloor) -> i64 {
    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    conn.query_row(
        "SELECT count(*) FROM ledger_records r JOIN incidents i ON i.id = r.incident_id
         WHERE r.kind = 'void' AND i.rule_code = 'quarter_reward'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn published_quarter(dir: &std::path::Path) -> ScoreFloor {
    let mut f = score_floor(dir);
    let publisher = Actor::user(f.supervisor, at());
    for m in ["2026-07", "2026-08", "2026-09"] {
        f.rate_everyone_in(month(m), percent);
        if m == "2026-09" {
            supervisor_excepted(&mut f, month(m));
        } else {
            f.store.publish_scores(month(m), publisher).unwrap();
            assert!(standing(&f).is_empty(), "{m} books nothing");
        }
    }
    f.store.publish_scores(month("2026-09"), publisher).unwrap();
    f
}

/// The supervisor's quarterly sheet (客服主管季度考核): their 自评, and an exception for the
/// manager the fixture does not have.
fn supervisor_excepted(f: &mut ScoreFloor, m: ScoreMonth) {
    let me = f.person("9001");
    let sheet = f.store.rater_sheet(m, &me, at()).unwrap();
    let own = sheet
        .groups
        .iter()
        .find(|g| g.role == RaterRole::SelfRating)
        .unwrap();
    let entries: Vec<ScoreEntry> = own
        .items
        .iter()
        .map(|i| ScoreEntry {
            ratee: me.clone(),
            role: RaterRole::SelfRating,
            item_id: i.id,
            points: Some(i.max_points * 80),
        })
        .collect();
    f.store
        .enter_scores(
            m,
            &me,
            &entries,
            &WindowRule::Ignore,
            Actor::user(f.supervisor, at()),
        )
        .unwrap();
    f.store
        .sign_score_exception(m, &me, "无经理评分", Actor::user(f.supervisor, at()))
        .unwrap();
}

#[test]
fn the_quarter_ranks_by_the_mean_and_ties_share_the_first_reward() {
    let dir = tempfile::tempdir().unwrap();
    let f = published_quarter(dir.path());
    let rows = f
        .store
        .quarter_ranking(Quarter::parse("2026Q3").unwrap(), at())
        .unwrap();
    assert_eq!(rows.len(), 10);
    let top: Vec<(&str, u32, i64)> = rows
        .iter()
        .take(4)
        .map(|r| (r.employee_no.as_str(), r.rank, r.reward_fen))
        .collect();
    assert_eq!(
        top,
        [
            ("2009", 1, 30_000),
            ("2010", 1, 30_000),
            ("2008", 3, 10_000),
            ("2007", 4, 0)
        ]
    );
    assert!(
        rows.windows(2)
            .all(|w| (w[0].rank, &w[0].employee_no) < (w[1].rank, &w[1].employee_no))
    );
    assert_eq!(rows[0].mean_text, "90.00");
}

#[test]
fn publishing_the_quarters_last_month_books_the_top_three_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = published_quarter(dir.path());
    // 2026-09-30 00:00 in Shanghai.
    let ts: DateTime<Utc> = "2026-09-29T16:00:00Z".parse().unwrap();
    let booked = vec![
        ("2008".to_owned(), 10_000, ts.timestamp_millis()),
        ("2009".to_owned(), 30_000, ts.timestamp_millis()),
        ("2010".to_owned(), 30_000, ts.timestamp_millis()),
    ];
    assert_eq!(standing(&f), booked);

    // Reopened and published again unchanged: nothing booked twice, nothing voided.
    let publisher = Actor::user(f.supervisor, at());
    f.store
        .reopen_scores(month("2026-09"), "核对", publisher)
        .unwrap();
    f.store.publish_scores(month("2026-09"), publisher).unwrap();
    assert_eq!(standing(&f), booked);
    assert_eq!(voids(&f), 0);
}

#[test]
fn a_correction_that_changes_the_ranking_voids_and_books_never_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = published_quarter(dir.path());
    let publisher = Actor::user(f.supervisor, at());
    f.store
        .reopen_scores(month("2026-09"), "2008 上级评分有误", publisher)
        .unwrap();
    // 2008's September falls to 10 % (a mean of 60): 2007 (67 % all quarter) is third now.
    for (role, rater) in [
        (RaterRole::SelfRating, "2008"),
        (RaterRole::Superior, "2007"),
        (RaterRole::Peer, "2010"),
    ] {
        f.fill_in(month("2026-09"), "2008", role, rater, 10);
    }
    f.store.publish_scores(month("2026-09"), publisher).unwrap();
    let now: Vec<(String, i64)> = standing(&f)
        .into_iter()
        .map(|(no, fen, _)| (no, fen))
        .collect();
    assert_eq!(
        now,
        [
            ("2007".to_owned(), 10_000),
            ("2009".to_owned(), 30_000),
            ("2010".to_owned(), 30_000)
        ]
    );
    assert_eq!(voids(&f), 1);
}
