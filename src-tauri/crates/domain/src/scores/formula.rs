//! A computed item's formula: a small expression over the month's named inputs (the agent's
//! attendance, floor alerts, incidents, complaints, meetings), e.g. `max(0, 10 - 2 * late_count)`.
//! The result is clamped to the item's 0–max and rounded half up to hundredths of a point.
//!
//! Expressions run on rhai (sandboxed: expressions only, arithmetic, comparison, `if … else`,
//! `min`/`max`/`abs`/`round`/`floor`/`ceiling`, and an operation budget). Every input is a
//! floating-point number, so `late_minutes / 30` divides exactly.

use std::collections::BTreeMap;

use rhai::packages::{ArithmeticPackage, BasicMathPackage, LogicPackage, Package};
use rhai::{AST, Dynamic, Engine, EvalAltResult, ParseError, Position, Scope};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::{Deserialize, Serialize};

use super::{Centipoints, round2};
use crate::floor::RuleCode;
use crate::incidents::Category;

/// Where an input comes from, for grouping in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InputSource {
    Attendance,
    Alerts,
    Incidents,
    Complaints,
    Meetings,
    SpotChecks,
}

/// One named input a formula can use: its name in formulas and what it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FormulaInput {
    pub name: String,
    pub source: InputSource,
    pub label_zh: String,
    pub label_en: String,
}

/// An input's value for one person and month, by name.
pub type InputValues = BTreeMap<String, f64>;

const ATTENDANCE: [(&str, &str, &str); 8] = [
    ("late_count", "迟到次数", "times late"),
    ("late_minutes", "迟到分钟", "minutes late"),
    ("early_count", "早退次数", "early leaves"),
    ("early_minutes", "早退分钟", "minutes left early"),
    ("absences", "旷工天数", "days absent without notice"),
    ("noticed", "报备缺勤天数", "days absent with notice"),
    ("days_worked", "出勤天数", "days worked"),
    ("leave_days", "请假天数", "days of leave"),
];

const COMPLAINTS_AND_MEETINGS: [(&str, InputSource, &str, &str); 9] = [
    (
        "complaints_valid",
        InputSource::Complaints,
        "有效投诉数",
        "valid complaints",
    ),
    (
        "meetings_expected",
        InputSource::Meetings,
        "应到会议培训数",
        "meetings and trainings expected at",
    ),
    (
        "meetings_present",
        InputSource::Meetings,
        "出席会议培训数（含迟到）",
        "meetings and trainings attended (late included)",
    ),
    (
        "meetings_late",
        InputSource::Meetings,
        "会议培训迟到数",
        "meetings and trainings arrived late at",
    ),
    (
        "meetings_absent",
        InputSource::Meetings,
        "会议培训缺席数",
        "meetings and trainings missed",
    ),
    (
        "tests_taken",
        InputSource::Meetings,
        "参加考试数",
        "tests taken",
    ),
    (
        "test_mean",
        InputSource::Meetings,
        "考试平均分（无考试为 0）",
        "mean test score (0 without a test)",
    ),
    (
        "spot_checks",
        InputSource::SpotChecks,
        "质检次数",
        "spot checks",
    ),
    (
        "spot_check_mean",
        InputSource::SpotChecks,
        "质检平均得分率（%，无质检为 0）",
        "mean spot-check score in % (0 without a check)",
    ),
];

/// The name of the input counting floor alerts of `rule`.
pub fn alert_input(rule: RuleCode) -> String {
    format!("alerts_{}", rule.as_str())
}

/// The name of the input counting confirmed incidents in `category`.
pub fn incident_input(category: Category) -> String {
    format!("incidents_{}", category.as_str())
}

/// Every input a formula may use, in the editor's order.
pub fn formula_inputs() -> Vec<FormulaInput> {
    let mut out: Vec<FormulaInput> = ATTENDANCE
        .iter()
        .map(|(name, zh, en)| FormulaInput {
            name: (*name).into(),
            source: InputSource::Attendance,
            label_zh: (*zh).into(),
            label_en: (*en).into(),
        })
        .collect();
    for rule in RuleCode::ALL {
        out.push(FormulaInput {
            name: alert_input(rule),
            source: InputSource::Alerts,
            label_zh: format!("告警：{}", rule.label_zh()),
            label_en: format!("alerts: {}", rule.as_str().replace('_', " ")),
        });
    }
    out.push(FormulaInput {
        name: "alerts_total".into(),
        source: InputSource::Alerts,
        label_zh: "告警合计".into(),
        label_en: "alerts in all".into(),
    });
    for category in Category::ALL {
        out.push(FormulaInput {
            name: incident_input(category),
            source: InputSource::Incidents,
            label_zh: format!("违规（已确认）：{}", category.label_zh()),
            label_en: format!(
                "confirmed incidents: {}",
                category.as_str().replace('_', " ")
            ),
        });
    }
    out.push(FormulaInput {
        name: "incidents_total".into(),
        source: InputSource::Incidents,
        label_zh: "违规合计（已确认，不含奖励）".into(),
        label_en: "confirmed incidents in all (rewards left out)".into(),
    });
    out.push(FormulaInput {
        name: "fines_yuan".into(),
        source: InputSource::Incidents,
        label_zh: "罚款合计（元）".into(),
        label_en: "fines in all (yuan)".into(),
    });
    for (name, source, zh, en) in COMPLAINTS_AND_MEETINGS {
        out.push(FormulaInput {
            name: name.into(),
            source,
            label_zh: zh.into(),
            label_en: en.into(),
        });
    }
    out
}

/// Why a formula cannot be used, and where (1-based; 0 when it has no position).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FormulaError {
    pub line: u32,
    pub column: u32,
    pub reason: String,
}

impl std::fmt::Display for FormulaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.reason
            )
        } else {
            f.write_str(&self.reason)
        }
    }
}

fn at(position: Position, reason: String) -> FormulaError {
    FormulaError {
        line: position.line().unwrap_or(0) as u32,
        column: position.position().unwrap_or(0) as u32,
        reason,
    }
}

fn parse_error(e: ParseError) -> FormulaError {
    let position = e.position();
    // rhai appends "(line 1, position 17)": the position is reported on its own.
    let reason = e.err_type().to_string();
    at(position, reason)
}

fn eval_error(e: EvalAltResult) -> FormulaError {
    let position = e.position();
    let reason = match &e {
        EvalAltResult::ErrorFunctionNotFound(name, _) => format!("unknown function {name}"),
        EvalAltResult::ErrorTooManyOperations(_) => "the formula is too long to evaluate".into(),
        other => {
            let mut text = other.to_string();
            if let Some(cut) = text.find(" (line ") {
                text.truncate(cut);
            }
            text
        }
    };
    at(position, reason)
}

fn engine() -> Engine {
    let mut engine = Engine::new_raw();
    engine.register_global_module(ArithmeticPackage::new().as_shared_module());
    engine.register_global_module(LogicPackage::new().as_shared_module());
    engine.register_global_module(BasicMathPackage::new().as_shared_module());
    engine.set_max_operations(10_000);
    engine.set_max_expr_depths(64);
    engine.set_strict_variables(true);
    // `10 / 3` is 3.33 for a supervisor, not rhai's integer 3: whole numbers divide exactly too.
    engine.set_fast_operators(false);
    engine.register_fn("/", |a: rhai::INT, b: rhai::INT| a as f64 / b as f64);
    engine
}

fn scope_of(values: impl IntoIterator<Item = (String, f64)>) -> Scope<'static> {
    // Variables, not constants: rhai folds constants into the AST when it parses.
    let mut scope = Scope::new();
    for (name, value) in values {
        scope.push(name, value);
    }
    scope
}

/// A formula parsed against the catalogue of inputs, ready to evaluate for many people.
pub struct Formula {
    engine: Engine,
    ast: AST,
    used: Vec<String>,
}

impl Formula {
    /// Parses `source`; an unknown input, an assignment or a syntax error fails with its place.
    pub fn compile(source: &str) -> Result<Formula, FormulaError> {
        if source.trim().is_empty() {
            return Err(FormulaError {
                line: 0,
                column: 0,
                reason: "the formula is empty".into(),
            });
        }
        let engine = engine();
        let names: Vec<String> = formula_inputs().into_iter().map(|i| i.name).collect();
        let scope = scope_of(names.iter().map(|n| (n.clone(), 0.0)));
        let ast = engine
            .compile_expression_with_scope(&scope, source)
            .map_err(parse_error)?;
        let used = names
            .into_iter()
            .filter(|name| mentions(source, name))
            .collect();
        let formula = Formula { engine, ast, used };
        // Evaluating on zeros finds unknown functions and wrong argument types now, not in a
        // month's results (a division by zero on zeros is the data's, not the formula's).
        match formula.raw(&InputValues::new()) {
            Err(e)
                if matches!(
                    *e,
                    EvalAltResult::ErrorFunctionNotFound(..)
                        | EvalAltResult::ErrorMismatchOutputType(..)
                        | EvalAltResult::ErrorTooManyOperations(..)
                ) =>
            {
                Err(eval_error(*e))
            }
            _ => Ok(formula),
        }
    }

    /// The inputs the formula names, in the catalogue's order.
    pub fn inputs_used(&self) -> &[String] {
        &self.used
    }

    fn raw(&self, values: &InputValues) -> Result<Dynamic, Box<EvalAltResult>> {
        let mut scope = scope_of(
            self.used
                .iter()
                .map(|n| (n.clone(), values.get(n).copied().unwrap_or(0.0))),
        );
        // Inputs the formula does not name still exist (strict variables checked them at parse).
        self.engine
            .eval_ast_with_scope::<Dynamic>(&mut scope, &self.ast)
    }

    /// The item's score for these inputs: clamped to 0–`max_points`, half up at 2 places.
    pub fn evaluate(
        &self,
        values: &InputValues,
        max_points: i64,
    ) -> Result<Centipoints, FormulaError> {
        let value = self.raw(values).map_err(|e| eval_error(*e))?;
        let number = if let Ok(f) = value.as_float() {
            f
        } else if let Ok(i) = value.as_int() {
            i as f64
        } else if let Ok(b) = value.as_bool() {
            return Err(FormulaError {
                line: 0,
                column: 0,
                reason: format!("the formula gives {b}, not a number of points"),
            });
        } else {
            return Err(FormulaError {
                line: 0,
                column: 0,
                reason: format!("the formula gives a {}, not a number", value.type_name()),
            });
        };
        if !number.is_finite() {
            return Err(FormulaError {
                line: 0,
                column: 0,
                reason: "the formula divides by zero".into(),
            });
        }
        let max = Decimal::from(max_points);
        let points = Decimal::from_f64(number)
            .unwrap_or_default()
            .clamp(Decimal::ZERO, max);
        Ok((round2(points) * Decimal::from(100)).to_i64().unwrap_or(0))
    }
}

/// Whether `name` appears in `source` as a whole word.
fn mentions(source: &str, name: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    source.match_indices(name).any(|(i, _)| {
        let before = source[..i].chars().next_back();
        let after = source[i + name.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, f64)]) -> InputValues {
        pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
    }

    fn score(source: &str, pairs: &[(&str, f64)], max: i64) -> Centipoints {
        Formula::compile(source)
            .unwrap()
            .evaluate(&values(pairs), max)
            .unwrap()
    }

    #[test]
    fn the_issue_example_loses_two_points_per_late_sign_in() {
        let f = "max(0, 10 - 2 * late_count)";
        assert_eq!(score(f, &[("late_count", 0.0)], 10), 1000);
        assert_eq!(score(f, &[("late_count", 3.0)], 10), 400);
        assert_eq!(score(f, &[("late_count", 7.0)], 10), 0);
    }

    #[test]
    fn the_result_is_clamped_to_the_items_range() {
        assert_eq!(score("15 - late_count", &[("late_count", 1.0)], 10), 1000);
        assert_eq!(score("5 - 3 * absences", &[("absences", 2.0)], 10), 0);
    }

    #[test]
    fn division_is_exact_and_rounds_half_up_at_two_places() {
        assert_eq!(
            score("10 - late_minutes / 30", &[("late_minutes", 45.0)], 10),
            850
        );
        assert_eq!(score("10 / 3", &[], 10), 333);
        assert_eq!(score("2.005 + 0 * late_count", &[], 10), 201);
    }

    #[test]
    fn conditions_and_math_functions_work() {
        let f = "if tests_taken == 0 { 10 } else { round(test_mean / 10) }";
        assert_eq!(score(f, &[("tests_taken", 0.0)], 10), 1000);
        assert_eq!(
            score(f, &[("tests_taken", 2.0), ("test_mean", 86.0)], 10),
            900
        );
        assert_eq!(score("min(5, abs(-7))", &[], 10), 500);
    }

    #[test]
    fn an_unknown_input_is_named_with_its_position() {
        let e = Formula::compile("max(0, 10 - 2 * late_cnt)").err().unwrap();
        assert_eq!((e.line, e.column), (1, 17));
        assert!(e.reason.contains("late_cnt"), "{}", e.reason);
    }

    #[test]
    fn syntax_errors_and_assignments_are_refused_with_their_position() {
        let e = Formula::compile("10 - (2").err().unwrap();
        assert_eq!(e.line, 1);
        assert!(e.column >= 7, "{e}");
        let e = Formula::compile("late_count = 3").err().unwrap();
        assert_eq!((e.line, e.column), (1, 12));
        assert!(Formula::compile("   ").is_err());
    }

    #[test]
    fn an_unknown_function_is_refused_when_written() {
        let e = Formula::compile("foo(late_count)").err().unwrap();
        assert!(e.reason.contains("foo"), "{}", e.reason);
        assert_eq!(e.column, 1);
    }

    #[test]
    fn a_division_by_zero_in_the_data_is_an_error_not_a_score() {
        let f = Formula::compile("10 / late_count").unwrap();
        assert!(f.evaluate(&values(&[("late_count", 0.0)]), 10).is_err());
        assert_eq!(
            f.evaluate(&values(&[("late_count", 2.0)]), 10).unwrap(),
            500
        );
    }

    #[test]
    fn a_true_or_false_formula_is_not_points() {
        let f = Formula::compile("late_count > 2").unwrap();
        assert!(f.evaluate(&values(&[("late_count", 3.0)]), 10).is_err());
    }

    #[test]
    fn the_inputs_used_are_whole_words_in_catalogue_order() {
        let f = Formula::compile("alerts_total + late_count * 0 + late_minutes * 0").unwrap();
        assert_eq!(
            f.inputs_used(),
            ["late_count", "late_minutes", "alerts_total"]
        );
    }

    #[test]
    fn every_input_name_is_a_distinct_identifier() {
        let inputs = formula_inputs();
        let mut names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), inputs.len());
        assert!(names.contains(&"alerts_late_sign_in"));
        assert!(names.contains(&"incidents_attendance"));
    }

    #[test]
    fn a_runaway_formula_stops_on_its_budget() {
        let deep = format!("{}1{}", "(".repeat(200), ")".repeat(200));
        assert!(Formula::compile(&deep).is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_score_always_lies_within_the_item(late in 0u32..40, minutes in 0u32..600, max in 1i64..30) {
            let f = Formula::compile("12 - 1.5 * late_count - late_minutes / 17").unwrap();
            let v: InputValues = [("late_count".to_string(), late as f64), ("late_minutes".to_string(), minutes as f64)].into();
            let points = f.evaluate(&v, max).unwrap();
            prop_assert!((0..=max * 100).contains(&points));
        }
    }
}
