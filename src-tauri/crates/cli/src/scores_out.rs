//! A month's assessment results as JSON Lines, one per person assessed (incomplete people too),
//! sorted by `employee_no`, with exactly the fields `employee_no`, `self`, `superior`, `peer`,
//! `composite`, `grade`, `rank`, `team_rank`, `complete`, `exception` in that order: scripts read
//! them. Scores are numbers with up to 2 decimals, null where a role has no counted rater; an
//! incomplete person's `composite`, `grade`, `rank` and `team_rank` are null.

use std::io::Write;

use floordesk_store::scores::{MonthResults, ResultRow};
use serde::Serialize;

#[derive(Serialize)]
struct ResultLine<'a> {
    employee_no: &'a str,
    #[serde(rename = "self")]
    self_score: Option<f64>,
    superior: Option<f64>,
    peer: Option<f64>,
    composite: Option<f64>,
    /// excellent, good, pass or fail.
    grade: Option<&'static str>,
    rank: Option<u32>,
    team_rank: Option<u32>,
    complete: bool,
    exception: bool,
}

impl<'a> From<&'a ResultRow> for ResultLine<'a> {
    fn from(r: &'a ResultRow) -> Self {
        ResultLine {
            employee_no: &r.employee_no,
            self_score: r.scores.self_score,
            superior: r.scores.superior,
            peer: r.scores.peer,
            composite: r.composite,
            grade: r.grade.map(|g| g.as_str()),
            rank: r.rank,
            team_rank: r.team_rank,
            complete: r.complete,
            exception: r.exception,
        }
    }
}

pub fn print_results(results: &MonthResults) {
    let mut rows: Vec<&ResultRow> = results.rows.iter().collect();
    rows.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for r in rows {
        let line = ResultLine::from(r);
        let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
    }
}

/// `scores quarter`: one line per person with three complete months, sorted by `rank` then
/// `employee_no`, with exactly `employee_no`, `mean_composite` (half up, 2 places), `rank`,
/// `reward_fen` (0 below the top three).
#[derive(Serialize)]
struct QuarterLine<'a> {
    employee_no: &'a str,
    mean_composite: f64,
    rank: u32,
    reward_fen: i64,
}

pub fn print_quarter(rows: &[floordesk_store::scores::QuarterRow]) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for r in rows {
        let line = QuarterLine {
            employee_no: &r.employee_no,
            mean_composite: r.mean_composite,
            rank: r.rank,
            reward_fen: r.reward_fen,
        };
        let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
    }
}
