//! 违规与奖惩: the rule book and equipment prices, recording an incident (from the board in one
//! click, or the incidents page) with the ladder's proposal, confirmation, acknowledgement,
//! the ledger and its statement, voids, 公示 and appeals, the fund, the xlsx export. Who sees
//! whose records (a lead their team's, an agent their own) is narrowed in the store.

use chrono::NaiveDate;
use floordesk_domain::access::Permission::{
    ConfirmIncidents, ManageRuleBook, RecordIncidents, ViewIncidents, ViewPay,
};
use floordesk_domain::incidents::RuleBody;
use floordesk_store::incidents::{
    AckMode, Appeal, AppealDecision, Approval, Confirmation, EquipmentInput, EquipmentItem,
    FundEntryKind, FundStatement, IncidentInput, IncidentPreview, IncidentQuery, IncidentRow,
    IncidentSource, LedgerLine, LedgerPublication, LedgerQuery, RuleBookFile, RuleRow, Statement,
};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::{AppError, CmdResult};
use crate::events::Topic;
use crate::state::AppState;

/// Every rule as of its newest version, retired ones too.
#[tauri::command]
#[specta::specta]
pub async fn incident_rules(state: State<'_, AppState>) -> CmdResult<Vec<RuleRow>> {
    state.read(ViewIncidents, |s| s.incident_rules())
}

/// Every version of one rule, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn incident_rule_versions(
    state: State<'_, AppState>,
    code: String,
) -> CmdResult<Vec<RuleRow>> {
    state.read(ViewIncidents, |s| s.incident_rule_versions(&code))
}

/// Adds a rule, or a new version of one in force from `effective_from`.
#[tauri::command]
#[specta::specta]
pub async fn save_incident_rule<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    body: RuleBody,
    effective_from: NaiveDate,
) -> CmdResult<RuleRow> {
    state.write(&app, ManageRuleBook, &[Topic::Incidents], |s, actor| {
        s.save_incident_rule(&body, effective_from, actor)
    })
}

/// Retires a rule (it takes no new incidents) or brings it back.
#[tauri::command]
#[specta::specta]
pub async fn set_incident_rule_retired<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    code: String,
    retired: bool,
) -> CmdResult<()> {
    state.write(&app, ManageRuleBook, &[Topic::Incidents], |s, actor| {
        s.set_incident_rule_retired(&code, retired, actor)
    })
}

/// What a rule book import did: rules added, new versions, rules already as in the file.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RuleBookImport {
    pub added: u32,
    pub versions: u32,
    pub unchanged: u32,
}

/// Reads a rule book another shop exported (`rules export`); a known code becomes a version.
#[tauri::command]
#[specta::specta]
pub async fn import_rule_book<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<RuleBookImport> {
    state.require(ManageRuleBook)?;
    let file = read_rule_book(&path)?;
    state.write(&app, ManageRuleBook, &[Topic::Incidents], |s, actor| {
        let (added, versions, unchanged) = s.import_rule_book(&file, actor)?;
        Ok(RuleBookImport {
            added,
            versions,
            unchanged,
        })
    })
}

fn read_rule_book(path: &str) -> CmdResult<RuleBookFile> {
    let bad = |reason: String| -> AppError {
        floordesk_domain::Problem::new(
            floordesk_domain::ErrorCode::IncidentsBadRuleBook,
            format!("{path}: {reason}"),
        )
        .with("file", path)
        .with("reason", reason)
        .into()
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| bad(e.to_string()))
}

/// Writes the rule book (rules in force) as JSON another shop can import.
#[tauri::command]
#[specta::specta]
pub async fn export_rule_book(state: State<'_, AppState>, path: String) -> CmdResult<u32> {
    let book = state.read(ViewIncidents, |s| s.export_rule_book())?;
    let json = serde_json::to_string_pretty(&book)
        .map_err(|e| AppError::new(floordesk_domain::ErrorCode::Internal, e.to_string()))?;
    std::fs::write(&path, json).map_err(|e| {
        AppError::from(
            floordesk_domain::Problem::new(
                floordesk_domain::ErrorCode::ExportFailed,
                format!("{path}: {e}"),
            )
            .with("path", &path),
        )
    })?;
    Ok(book.rules.len() as u32)
}

#[tauri::command]
#[specta::specta]
pub async fn equipment_items(state: State<'_, AppState>) -> CmdResult<Vec<EquipmentItem>> {
    state.read(ViewIncidents, |s| s.equipment_items())
}

#[tauri::command]
#[specta::specta]
pub async fn save_equipment_item<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: EquipmentInput,
) -> CmdResult<EquipmentItem> {
    state.write(&app, ManageRuleBook, &[Topic::Incidents], |s, actor| {
        s.save_equipment_item(&input, actor)
    })
}

/// What recording `input` would propose, from the person's history; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_incident(
    state: State<'_, AppState>,
    input: IncidentInput,
) -> CmdResult<IncidentPreview> {
    let actor = state.require(RecordIncidents)?;
    state.read(RecordIncidents, |s| {
        s.check_incident_reach(input.employee_no.as_deref(), input.team_id, actor)?;
        s.preview_incident(&input)
    })
}

/// What confirming a proposed incident would write now.
#[tauri::command]
#[specta::specta]
pub async fn preview_stored_incident(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<IncidentPreview> {
    state.read(ConfirmIncidents, |s| s.preview_stored_incident(id))
}

/// Records an incident: proposed (a lead's entry, or `confirmation` none), or recorded and
/// confirmed at once by a supervisor who gives `confirmation`. `from_board` marks one
/// recorded from the board's alert or agent card. Returns the incident's id.
#[tauri::command]
#[specta::specta]
pub async fn record_incident<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: IncidentInput,
    from_board: bool,
    confirmation: Option<Confirmation>,
) -> CmdResult<i64> {
    let source = if from_board {
        IncidentSource::Board
    } else {
        IncidentSource::App
    };
    state.write(&app, RecordIncidents, &[Topic::Incidents], |s, actor| {
        s.check_incident_reach(input.employee_no.as_deref(), input.team_id, actor)?;
        match &confirmation {
            Some(c) => s
                .record_confirmed_incident(&input, source, c, actor)
                .map(|(id, _)| id),
            None => s.record_incident(&input, source, actor),
        }
    })
}

/// Confirms a proposed incident as proposed or changed with a reason; returns the ledger record.
#[tauri::command]
#[specta::specta]
pub async fn confirm_incident<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    confirmation: Confirmation,
) -> CmdResult<i64> {
    state.write(&app, ConfirmIncidents, &[Topic::Incidents], |s, actor| {
        s.confirm_incident(id, &confirmation, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn discard_incident<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CmdResult<()> {
    state.write(&app, ConfirmIncidents, &[Topic::Incidents], |s, actor| {
        s.discard_incident(id, &reason, actor)
    })
}

/// The person signs their record with their PIN, or a lead witnesses their refusal.
#[tauri::command]
#[specta::specta]
pub async fn acknowledge_incident<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    mode: AckMode,
) -> CmdResult<()> {
    state.write(&app, ViewIncidents, &[Topic::Incidents], |s, actor| {
        s.acknowledge_incident(id, &mode, actor)
    })
}

/// Copies an evidence file into the data folder and attaches it to the incident.
#[tauri::command]
#[specta::specta]
pub async fn add_incident_evidence<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    path: String,
) -> CmdResult<String> {
    state.write(&app, RecordIncidents, &[Topic::Incidents], |s, actor| {
        s.add_incident_evidence(id, std::path::Path::new(&path), actor)
            .map(|p| p.display().to_string())
    })
}

/// Incidents newest first, as far as the operator sees.
#[tauri::command]
#[specta::specta]
pub async fn incidents(
    state: State<'_, AppState>,
    query: IncidentQuery,
) -> CmdResult<Vec<IncidentRow>> {
    let actor = state.require(ViewIncidents)?;
    state.read(ViewIncidents, |s| s.incidents_seen_by(&query, actor))
}

/// The ledger's lines, as far as the operator sees.
#[tauri::command]
#[specta::specta]
pub async fn ledger_lines(
    state: State<'_, AppState>,
    query: LedgerQuery,
) -> CmdResult<Vec<LedgerLine>> {
    let actor = state.require(ViewIncidents)?;
    state.read(ViewIncidents, |s| s.ledger_lines_seen_by(&query, actor))
}

/// A person's month; base pay and deductions only for an operator with ViewPay.
#[tauri::command]
#[specta::specta]
pub async fn ledger_statement(
    state: State<'_, AppState>,
    employee_no: String,
    month: String,
) -> CmdResult<Statement> {
    let actor = state.require(ViewIncidents)?;
    let with_pay = state.operator().is_some_and(|o| o.role.can(ViewPay));
    state.read(ViewIncidents, |s| {
        s.check_incident_reach(Some(&employee_no), None, actor)?;
        s.ledger_statement(&employee_no, &month, with_pay)
    })
}

/// Voids a ledger record with a reason and an approver's PIN; the original stays visible.
#[tauri::command]
#[specta::specta]
pub async fn void_ledger_record<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    record_id: i64,
    reason: String,
    approval: Approval,
) -> CmdResult<i64> {
    state.write(&app, ConfirmIncidents, &[Topic::Incidents], |s, actor| {
        s.void_ledger_record(record_id, &reason, &approval, actor)
    })
}

/// Publishes a team's month (公示) with the appeal deadline.
#[tauri::command]
#[specta::specta]
pub async fn publish_ledger<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    team_id: i64,
    month: String,
) -> CmdResult<LedgerPublication> {
    state.write(&app, ConfirmIncidents, &[Topic::Incidents], |s, actor| {
        s.publish_ledger(team_id, &month, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn ledger_publications(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<LedgerPublication>> {
    state.read(ViewIncidents, |s| s.ledger_publications(&month))
}

/// The person appeals their published record before the deadline.
#[tauri::command]
#[specta::specta]
pub async fn file_appeal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    record_id: i64,
    text: String,
) -> CmdResult<i64> {
    state.write(&app, ViewIncidents, &[Topic::Incidents], |s, actor| {
        s.file_appeal(record_id, &text, actor)
    })
}

/// Appeals of a month (or every month), as far as the operator sees.
#[tauri::command]
#[specta::specta]
pub async fn incident_appeals(
    state: State<'_, AppState>,
    month: Option<String>,
) -> CmdResult<Vec<Appeal>> {
    let actor = state.require(ViewIncidents)?;
    state.read(ViewIncidents, |s| {
        let all = s.incident_appeals(month.as_deref())?;
        let mut seen = Vec::with_capacity(all.len());
        for a in all {
            if s.check_incident_reach(Some(&a.employee_no), None, actor)
                .is_ok()
            {
                seen.push(a);
            }
        }
        Ok(seen)
    })
}

/// Decides an appeal (rejected, voided, changed) with a reason and an approver's PIN.
#[tauri::command]
#[specta::specta]
pub async fn decide_appeal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    appeal_id: i64,
    decision: AppealDecision,
    reason: String,
    approval: Approval,
) -> CmdResult<Option<i64>> {
    state.write(&app, ConfirmIncidents, &[Topic::Incidents], |s, actor| {
        s.decide_appeal(appeal_id, &decision, &reason, &approval, actor)
    })
}

/// The fund the fines go to (部门活动经费) in a month.
#[tauri::command]
#[specta::specta]
pub async fn fund_statement(state: State<'_, AppState>, month: String) -> CmdResult<FundStatement> {
    state.read(ViewIncidents, |s| s.fund_statement(&month))
}

/// A payout from the fund or cash put in.
#[tauri::command]
#[specta::specta]
pub async fn add_fund_entry<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: FundEntryKind,
    amount_fen: i64,
    note: String,
) -> CmdResult<i64> {
    state.write(&app, ConfirmIncidents, &[Topic::Incidents], |s, actor| {
        s.add_fund_entry(kind, amount_fen, &note, actor)
    })
}

/// The month's ledger (a team's or everyone's) to xlsx; returns the lines written.
#[tauri::command]
#[specta::specta]
pub async fn export_ledger(
    state: State<'_, AppState>,
    month: String,
    team_id: Option<i64>,
    path: String,
) -> CmdResult<u32> {
    state.read(ConfirmIncidents, |s| {
        s.export_ledger_xlsx(&month, team_id, std::path::Path::new(&path))
    })
}
