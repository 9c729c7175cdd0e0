//! Grades (seed 003: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 70, 不合格 below), the raters' weights, and
//! points as typed: a score is kept in hundredths of a point, so 8.5 is 850.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::RaterRole;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Excellent,
    Good,
    Pass,
    Fail,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail];

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Pass => "pass",
            Grade::Fail => "fail",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Pass => "合格",
            Grade::Fail => "不合格",
        }
    }

    pub fn parse(text: &str) -> Option<Grade> {
        Grade::ALL
            .into_iter()
            .find(|g| g.as_str() == text.trim() || g.label_zh() == text.trim())
    }
}

/// The lowest composite of each grade, in whole points (`grade_excellent_min` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct GradeLines {
    pub excellent: i64,
    pub good: i64,
    pub pass: i64,
}

impl Default for GradeLines {
    fn default() -> Self {
        GradeLines {
            excellent: 90,
            good: 80,
            pass: 70,
        }
    }
}

impl GradeLines {
    /// The grade of a composite already rounded to 2 places: 89.99 is good, 90.00 excellent.
    pub fn grade(&self, composite: Decimal) -> Grade {
        if composite >= Decimal::from(self.excellent) {
            Grade::Excellent
        } else if composite >= Decimal::from(self.good) {
            Grade::Good
        } else if composite >= Decimal::from(self.pass) {
            Grade::Pass
        } else {
            Grade::Fail
        }
    }
}

/// Each rater role's weight in the composite, in percent (`score_weight_self_pct` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Weights {
    pub self_pct: i64,
    pub superior_pct: i64,
    pub peer_pct: i64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            self_pct: 15,
            superior_pct: 60,
            peer_pct: 25,
        }
    }
}

impl Weights {
    pub fn of(&self, role: RaterRole) -> i64 {
        match role {
            RaterRole::SelfRating => self.self_pct,
            RaterRole::Superior => self.superior_pct,
            RaterRole::Peer => self.peer_pct,
        }
    }
}

/// Hundredths of a point: the stored form of every score.
pub type Centipoints = i64;

/// Reads a typed score: `8`, `8.5`, `8.25` (a comma works as the point too); more than two
/// decimals, a sign or anything else is `None`.
pub fn parse_points(text: &str) -> Option<Centipoints> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() || text.starts_with(['+', '-']) {
        return None;
    }
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text.as_str(), ""),
    };
    if frac.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 6 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || (whole.is_empty() && frac.is_empty()) {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

/// `850` → `8.5`, `800` → `8`: how a score is shown and exported.
pub fn format_points(points: Centipoints) -> String {
    let d = Decimal::new(points, 2).normalize();
    d.to_string()
}

/// A score as a decimal number of points.
pub fn points_decimal(points: Centipoints) -> Decimal {
    Decimal::new(points, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn grade_edges_are_inclusive_from_below() {
        let lines = GradeLines::default();
        let g = |s: &str| lines.grade(Decimal::from_str(s).unwrap());
        assert_eq!(g("90.00"), Grade::Excellent);
        assert_eq!(g("89.99"), Grade::Good);
        assert_eq!(g("80"), Grade::Good);
        assert_eq!(g("79.99"), Grade::Pass);
        assert_eq!(g("70.00"), Grade::Pass);
        assert_eq!(g("69.99"), Grade::Fail);
        assert_eq!(g("100"), Grade::Excellent);
    }

    #[test]
    fn points_are_typed_with_at_most_two_decimals() {
        assert_eq!(parse_points("8"), Some(800));
        assert_eq!(parse_points("8.5"), Some(850));
        assert_eq!(parse_points(" 8,25 "), Some(825));
        assert_eq!(parse_points(".5"), Some(50));
        assert_eq!(parse_points("10."), Some(1000));
        assert_eq!(parse_points("8.125"), None);
        assert_eq!(parse_points("-1"), None);
        assert_eq!(parse_points("abc"), None);
        assert_eq!(parse_points(""), None);
        assert_eq!(parse_points("."), None);
        assert_eq!(format_points(850), "8.5");
        assert_eq!(format_points(800), "8");
        assert_eq!(format_points(5), "0.05");
    }
}
