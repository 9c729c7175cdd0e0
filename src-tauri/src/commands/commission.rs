//! Commission and pay (提成与工资): the chat log, orders and daily totals imported, the month's
//! commission with every attribution explained, the tables a supervisor edits, the pay sheet and
//! slips. All of it needs ViewPay, except an agent's own month and slip.

use floordesk_domain::access::Permission::{ViewPay, ViewScores};
use floordesk_domain::commission::{Coefficients, Tier};
use floordesk_store::commission::detail::{CommissionDetail, OrderView};
use floordesk_store::commission::month::CommissionMonth;
use floordesk_store::commission::pay::{PaySheet, PaySlip};
use floordesk_store::commission::settings::{CommissionSettings, TeamScheme, TeamSchemeInput};
use floordesk_store::import::sales::{ChatImportSummary, OrderImportSummary, SalesImportSummary};
use tauri::{AppHandle, Runtime, State};

use crate::error::{AppError, CmdResult};
use crate::events::Topic;
use crate::state::AppState;

const TOPICS: &[Topic] = &[Topic::Commission];

#[tauri::command]
#[specta::specta]
pub async fn commission_month(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<CommissionMonth> {
    state.read(ViewPay, |s| s.commission_month(&month))
}

/// An agent's receptions and attributed orders of the month, each explained.
#[tauri::command]
#[specta::specta]
pub async fn commission_detail(
    state: State<'_, AppState>,
    employee_no: String,
    month: String,
) -> CmdResult<CommissionDetail> {
    state.read(ViewPay, |s| s.commission_detail(&employee_no, &month))
}

/// The month's orders with their attributions; `unattributed_only` lists the ones nobody got.
#[tauri::command]
#[specta::specta]
pub async fn commission_orders(
    state: State<'_, AppState>,
    month: String,
    unattributed_only: bool,
) -> CmdResult<Vec<OrderView>> {
    state.read(ViewPay, |s| s.commission_orders(&month, unattributed_only))
}

fn own_employee_no(state: &AppState) -> CmdResult<String> {
    state
        .operator()
        .map(|o| o.employee_no)
        .ok_or_else(|| AppError::new(floordesk_domain::ErrorCode::AuthNotLoggedIn, "log in first"))
}

/// The operator's own receptions, attributions and commission (an agent's 我的提成).
#[tauri::command]
#[specta::specta]
pub async fn my_commission(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<CommissionDetail> {
    let me = own_employee_no(&state)?;
    state.read(ViewScores, |s| s.commission_detail(&me, &month))
}

/// The operator's own pay slip.
#[tauri::command]
#[specta::specta]
pub async fn my_pay_slip(state: State<'_, AppState>, month: String) -> CmdResult<PaySlip> {
    let me = own_employee_no(&state)?;
    state.read(ViewScores, |s| s.pay_slip(&me, &month))
}

#[tauri::command]
#[specta::specta]
pub async fn commission_settings(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<CommissionSettings> {
    state.read(ViewPay, |s| s.commission_settings(&month))
}

/// A new tier table standing from `from_month`.
#[tauri::command]
#[specta::specta]
pub async fn put_commission_tiers<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    from_month: String,
    tiers: Vec<Tier>,
) -> CmdResult<()> {
    state.write(&app, ViewPay, TOPICS, |s, actor| {
        s.put_commission_tiers(&from_month, &tiers, actor)
    })
}

/// New grade coefficients standing from `from_month`.
#[tauri::command]
#[specta::specta]
pub async fn put_grade_coefficients<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    from_month: String,
    coefficients: Coefficients,
) -> CmdResult<()> {
    state.write(&app, ViewPay, TOPICS, |s, actor| {
        s.put_grade_coefficients(&from_month, &coefficients, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn put_team_scheme<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: TeamSchemeInput,
) -> CmdResult<TeamScheme> {
    state.write(&app, ViewPay, TOPICS, |s, actor| {
        s.put_team_scheme(&input, actor)
    })
}

/// An after-sales team's figure for one target and month (`actual` a decimal, or null to clear).
#[tauri::command]
#[specta::specta]
pub async fn put_after_sales_actual<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    team_id: i64,
    month: String,
    key: String,
    actual: Option<String>,
) -> CmdResult<()> {
    let actual = match actual.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(text) => Some(text.parse().map_err(|_| {
            AppError::from(
                floordesk_domain::Problem::new(
                    floordesk_domain::ErrorCode::CommissionInvalidTable,
                    format!("'{text}' is not a number"),
                )
                .with("field", "actual"),
            )
        })?),
        None => None,
    };
    state.write(&app, ViewPay, TOPICS, |s, actor| {
        s.put_after_sales_actual(team_id, &month, &key, actual, actor)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn pay_sheet(state: State<'_, AppState>, month: String) -> CmdResult<PaySheet> {
    state.read(ViewPay, |s| s.pay_sheet(&month))
}

#[tauri::command]
#[specta::specta]
pub async fn pay_slip(
    state: State<'_, AppState>,
    employee_no: String,
    month: String,
) -> CmdResult<PaySlip> {
    state.read(ViewPay, |s| s.pay_slip(&employee_no, &month))
}

/// The pay sheet to xlsx (工号,姓名,班组,基本工资,提成,奖励,罚款,应发); returns the agents written.
#[tauri::command]
#[specta::specta]
pub async fn export_pay_sheet(
    state: State<'_, AppState>,
    month: String,
    path: String,
) -> CmdResult<u32> {
    state.read(ViewPay, |s| {
        s.export_pay_sheet(&month, std::path::Path::new(&path))
    })
}

/// The shop's chat log (时间,买家,工号,发送方): all or nothing, row-numbered errors; messages
/// already on file are not added twice. Rebuilds the receptions of every buyer in it.
#[tauri::command]
#[specta::specta]
pub async fn import_chats<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<ChatImportSummary> {
    state.write(&app, ViewPay, TOPICS, |s, actor| {
        s.import_chats(std::path::Path::new(&path), actor)
    })
}

/// Paid orders (订单号,买家,付款时间,金额): an order number again replaces the earlier row.
#[tauri::command]
#[specta::specta]
pub async fn import_orders<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<OrderImportSummary> {
    state.write(&app, ViewPay, TOPICS, |s, actor| {
        s.import_orders(std::path::Path::new(&path), actor)
    })
}

/// Daily totals (工号,日期,接待人数,有效接待,销售额): they stand instead of the chat log for
/// their agent and date.
#[tauri::command]
#[specta::specta]
pub async fn import_sales<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<SalesImportSummary> {
    state.write(&app, ViewPay, TOPICS, |s, actor| {
        s.import_sales(std::path::Path::new(&path), actor)
    })
}
