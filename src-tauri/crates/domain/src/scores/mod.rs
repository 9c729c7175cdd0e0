//! 绩效考核: monthly assessment by three kinds of rater (seeds 001, 002, 003). Templates of items
//! adding up to 100 points; each rater role scores its own items; a composite weighed by role;
//! grades, ranks and the assessment window. Every number is a policy setting.

mod compute;
mod formula;
mod grade;
mod month;
mod quarter;
mod role;

pub use compute::{
    ItemSpec, PersonMonth, PersonResult, RaterSheet, RoleTally, ScoreRules, month_results, round2,
};
pub use formula::{
    Formula, FormulaError, FormulaInput, InputSource, InputValues, alert_input, formula_inputs,
    incident_input,
};
pub use grade::{
    Centipoints, Grade, GradeLines, Weights, format_points, parse_points, points_decimal,
};
pub use month::{AssessmentWindow, ScoreCycle, ScoreMonth, WindowPhase};
pub use quarter::{Quarter, QuarterEntry, QuarterRank, quarter_ranking};
pub use role::{RaterRole, RoleSet};

/// A template's items must add up to this many points.
pub const TEMPLATE_TOTAL_POINTS: i64 = 100;
