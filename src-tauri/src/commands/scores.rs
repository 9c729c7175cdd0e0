//! 绩效考核: templates and their assignment, who rates whom, a rater's sheet and the cells they
//! type, results and charts, exceptions, answers, publish and reopen. What an operator may see
//! or write beyond their permission (their own sheet, their reach) is checked in the store.

use floordesk_domain::access::Permission::{AssignRaters, EnterScores, ManageScores, ViewScores};
use floordesk_domain::scores::{FormulaInput, RaterRole, formula_inputs};
use floordesk_store::import::scores::ScoreImportSummary;
use floordesk_store::scores::{
    AssignTarget, FormulaPreviewRow, ImprovementPlan, ItemAverage, LateSignoff, MonthResults,
    MonthStatus, MyComputedItem, QaForm, QuarterRow, RaterAssignment, RaterSheetView, ScoreCell,
    ScoreEntry, ScorePerson, ScoreResponseKind, SpotCheck, SpotCheckInput, TeamSpotChecks,
    TemplateAssignment, TemplateInput, TemplateRow, TrendPoint, parse_month, parse_quarter,
};
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::events::Topic;
use crate::state::AppState;

/// Months with scores or a publication, newest first.
#[tauri::command]
#[specta::specta]
pub async fn score_months(state: State<'_, AppState>) -> CmdResult<Vec<MonthStatus>> {
    state.read(ViewScores, |s| s.score_months())
}

/// The operator's own sheet as a rater for `month` (YYYY-MM).
#[tauri::command]
#[specta::specta]
pub async fn my_score_sheet(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<RaterSheetView> {
    let actor = state.require(EnterScores)?;
    state.read(EnterScores, |s| {
        s.my_score_sheet(parse_month(&month)?, actor)
    })
}

/// The operator's own computed items of `month` with the inputs each came from.
#[tauri::command]
#[specta::specta]
pub async fn my_computed_items(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<MyComputedItem>> {
    let actor = state.require(ViewScores)?;
    state.read(ViewScores, |s| {
        s.my_computed_items(parse_month(&month)?, actor)
    })
}

/// Saves cells the operator typed or pasted (all or none); past the window only with a
/// supervisor's PIN and reason. `origin` is the page's id for this write: it applies the cells
/// itself.
#[tauri::command]
#[specta::specta]
pub async fn enter_scores<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    month: String,
    entries: Vec<ScoreEntry>,
    late: Option<LateSignoff>,
    origin: Option<String>,
) -> CmdResult<Vec<ScoreCell>> {
    state.write_from(
        &app,
        EnterScores,
        &[Topic::Scores],
        origin.as_deref(),
        |s, actor| s.enter_my_scores(parse_month(&month)?, &entries, late.as_ref(), actor),
    )
}

/// The month's results the operator may see.
#[tauri::command]
#[specta::specta]
pub async fn score_results(state: State<'_, AppState>, month: String) -> CmdResult<MonthResults> {
    let actor = state.require(ViewScores)?;
    state.read(ViewScores, |s| {
        s.visible_month_results(parse_month(&month)?, actor)
    })
}

/// The quarter's ranking (`2026Q4`) as its months stand: the people complete in all three, by
/// rank; the top three's rewards (booked in the ledger when the quarter's last month is
/// published).
#[tauri::command]
#[specta::specta]
pub async fn quarter_ranking(
    state: State<'_, AppState>,
    quarter: String,
) -> CmdResult<Vec<QuarterRow>> {
    let actor = state.require(ViewScores)?;
    state.read(ViewScores, |s| {
        s.visible_quarter_ranking(parse_quarter(&quarter)?, actor)
    })
}

/// One person's composite over the twelve months ending with `month`.
#[tauri::command]
#[specta::specta]
pub async fn score_trend(
    state: State<'_, AppState>,
    employee_no: String,
    month: String,
) -> CmdResult<Vec<TrendPoint>> {
    let actor = state.require(ViewScores)?;
    state.read(ViewScores, |s| {
        s.visible_score_trend(&employee_no, parse_month(&month)?, actor)
    })
}

/// Each item's mean for the month, as a share of its maximum.
#[tauri::command]
#[specta::specta]
pub async fn item_averages(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<ItemAverage>> {
    state.read(AssignRaters, |s| s.item_averages(parse_month(&month)?))
}

/// The operator confirms or appeals their own result (an appeal with their words).
#[tauri::command]
#[specta::specta]
pub async fn respond_to_score<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    month: String,
    kind: ScoreResponseKind,
    note: Option<String>,
) -> CmdResult<()> {
    state.write(&app, EnterScores, &[Topic::Scores], |s, actor| {
        s.respond_to_my_score(parse_month(&month)?, kind, note.as_deref(), actor)
    })
}

/// Everyone who can rate or be rated (for choosing 小组 raters).
#[tauri::command]
#[specta::specta]
pub async fn score_people(state: State<'_, AppState>) -> CmdResult<Vec<ScorePerson>> {
    state.read(AssignRaters, |s| s.score_people())
}

/// The month's raters of the people the operator reaches.
#[tauri::command]
#[specta::specta]
pub async fn month_raters(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<RaterAssignment>> {
    let actor = state.require(AssignRaters)?;
    state.read(AssignRaters, |s| {
        s.visible_month_raters(parse_month(&month)?, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn assign_rater<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    month: String,
    ratee: String,
    role: RaterRole,
    rater: String,
) -> CmdResult<()> {
    state.write(&app, AssignRaters, &[Topic::Scores], |s, actor| {
        s.assign_rater_as(parse_month(&month)?, &ratee, role, &rater, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn remove_rater<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    month: String,
    ratee: String,
    role: RaterRole,
    rater: String,
) -> CmdResult<()> {
    state.write(&app, AssignRaters, &[Topic::Scores], |s, actor| {
        s.remove_rater_as(parse_month(&month)?, &ratee, role, &rater, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn score_templates(state: State<'_, AppState>) -> CmdResult<Vec<TemplateRow>> {
    state.read(ViewScores, |s| s.list_score_templates())
}

#[tauri::command]
#[specta::specta]
pub async fn template_assignments(
    state: State<'_, AppState>,
) -> CmdResult<Vec<TemplateAssignment>> {
    state.read(ViewScores, |s| s.list_template_assignments())
}

/// The inputs a computed item's formula may use, with what each counts: every rater reads them
/// (a computed cell names its inputs in Chinese on hover).
#[tauri::command]
#[specta::specta]
pub async fn score_formula_inputs(state: State<'_, AppState>) -> CmdResult<Vec<FormulaInput>> {
    state.read(EnterScores, |_| Ok(formula_inputs()))
}

/// What a formula gives everyone assessed in `month` (the editor previews last month's), or
/// `scores.formula_invalid` with the line and column where it goes wrong.
#[tauri::command]
#[specta::specta]
pub async fn preview_score_formula(
    state: State<'_, AppState>,
    item: String,
    formula: String,
    max_points: i64,
    month: String,
) -> CmdResult<Vec<FormulaPreviewRow>> {
    let actor = state.require(ManageScores)?;
    state.read(ManageScores, |s| {
        s.preview_score_formula(&item, &formula, max_points, parse_month(&month)?, actor.at)
    })
}

/// Creates or changes a template (a version in use gets a new version).
#[tauri::command]
#[specta::specta]
pub async fn save_score_template<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Option<i64>,
    input: TemplateInput,
) -> CmdResult<TemplateRow> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.save_score_template(id, &input, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn assign_score_template<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    template: String,
    target: AssignTarget,
) -> CmdResult<()> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.assign_score_template(&template, &target, actor)
    })
}

/// A supervisor signs, with their PIN, that `person` is graded without the roles missing.
#[tauri::command]
#[specta::specta]
pub async fn sign_score_exception<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    month: String,
    person: String,
    reason: String,
    pin: String,
) -> CmdResult<()> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.sign_score_exception_with_pin(parse_month(&month)?, &person, &reason, &pin, actor)
    })
}

/// Publishes the month (refused while anyone is neither complete nor excepted).
#[tauri::command]
#[specta::specta]
pub async fn publish_scores<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<MonthResults> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.publish_scores(parse_month(&month)?, actor)
    })
}

/// The QA forms (质检表) with their items.
#[tauri::command]
#[specta::specta]
pub async fn qa_forms(state: State<'_, AppState>) -> CmdResult<Vec<QaForm>> {
    state.read(ViewScores, |s| s.qa_forms())
}

/// The month's spot checks the operator may see, newest first (voided ones marked).
#[tauri::command]
#[specta::specta]
pub async fn spot_checks(state: State<'_, AppState>, month: String) -> CmdResult<Vec<SpotCheck>> {
    let actor = state.require(ViewScores)?;
    state.read(ViewScores, |s| s.spot_checks(parse_month(&month)?, actor))
}

/// Each team's spot checks in the month against the minimum (seed 004).
#[tauri::command]
#[specta::specta]
pub async fn spot_check_coverage(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<TeamSpotChecks>> {
    let actor = state.require(ViewScores)?;
    state.read(ViewScores, |s| {
        s.spot_check_coverage(parse_month(&month)?, actor.at)
    })
}

/// Records a spot check (every item of the form scored).
#[tauri::command]
#[specta::specta]
pub async fn record_spot_check<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SpotCheckInput,
) -> CmdResult<SpotCheck> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.record_spot_check(&input, actor)
    })
}

/// Voids a spot check with a reason (a correction is a new check).
#[tauri::command]
#[specta::specta]
pub async fn void_spot_check<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CmdResult<SpotCheck> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.void_spot_check(id, &reason, actor)
    })
}

/// Improvement plans of `month` (every month when None) the operator may see.
#[tauri::command]
#[specta::specta]
pub async fn improvement_plans(
    state: State<'_, AppState>,
    month: Option<String>,
) -> CmdResult<Vec<ImprovementPlan>> {
    let actor = state.require(ViewScores)?;
    state.read(ViewScores, |s| {
        let month = month.as_deref().map(parse_month).transpose()?;
        s.visible_improvement_plans(month, actor)
    })
}

/// Files a plan's cause analysis and improvement plan (once).
#[tauri::command]
#[specta::specta]
pub async fn file_improvement_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    cause: String,
    plan: String,
) -> CmdResult<ImprovementPlan> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.file_improvement_plan(id, &cause, &plan, actor)
    })
}

/// Adds a follow-up entry to a filed plan.
#[tauri::command]
#[specta::specta]
pub async fn add_improvement_followup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    note: String,
) -> CmdResult<ImprovementPlan> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.add_improvement_followup(id, &note, actor)
    })
}

/// Closes a filed plan with its outcome.
#[tauri::command]
#[specta::specta]
pub async fn close_improvement_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    outcome: String,
) -> CmdResult<ImprovementPlan> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.close_improvement_plan(id, &outcome, actor)
    })
}

/// Reopens a published month with the supervisor's PIN and a reason.
#[tauri::command]
#[specta::specta]
pub async fn reopen_scores<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    month: String,
    reason: String,
    pin: String,
) -> CmdResult<()> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.reopen_scores_with_pin(parse_month(&month)?, &reason, &pin, actor)
    })
}

/// A scores file (CSV or xlsx, the long form the CLI's `scores import` reads): all or nothing,
/// each rater's sheet in it replacing what they had entered.
#[tauri::command]
#[specta::specta]
pub async fn import_scores<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<ScoreImportSummary> {
    state.write(&app, ManageScores, &[Topic::Scores], |s, actor| {
        s.import_scores(std::path::Path::new(&path), actor)
    })
}

/// The month's results and raw scores to xlsx.
#[tauri::command]
#[specta::specta]
pub async fn export_scores(
    state: State<'_, AppState>,
    month: String,
    path: String,
) -> CmdResult<u32> {
    let actor = state.require(ManageScores)?;
    state.read(ManageScores, |s| {
        s.export_scores_xlsx(parse_month(&month)?, actor.at, std::path::Path::new(&path))
    })
}
