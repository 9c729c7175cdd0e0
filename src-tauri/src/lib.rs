//! The FloorDesk app shell: opens the database, registers the commands and events, and starts
//! the window. The only crate that depends on tauri; the rules live in `floordesk-domain` and
//! the data in `floordesk-store`.

mod clock;
mod commands;
mod desktop;
pub mod error;
mod events;
mod external;
mod live;
mod state;

use std::path::PathBuf;

use tauri::Manager;

pub use commands::session::AppStatus;
pub use events::{DataChanged, Topic};
pub use state::AppState;
pub use state::Operator;

/// Every command and event the UI may use; also what the TypeScript bindings are generated
/// from (see `tests/bindings.rs`).
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::{
        admin, attendance, commission, complaints, floor, handover, incidents, meetings, people,
        planning, print, roster, scores, session, settings,
    };
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            session::app_status,
            session::setup_site::<tauri::Wry>,
            session::list_login_users,
            session::login,
            session::logout,
            session::change_own_pin,
            people::list_agents,
            people::save_agent::<tauri::Wry>,
            people::set_agent_active::<tauri::Wry>,
            people::list_teams,
            people::save_team::<tauri::Wry>,
            people::set_team_active::<tauri::Wry>,
            people::list_seats,
            people::save_seat::<tauri::Wry>,
            people::set_seat_active::<tauri::Wry>,
            people::preview_agents_import,
            people::apply_agents_import::<tauri::Wry>,
            people::export_agents,
            admin::list_users,
            admin::save_user::<tauri::Wry>,
            admin::set_user_active::<tauri::Wry>,
            settings::get_site,
            settings::update_site::<tauri::Wry>,
            settings::list_policy,
            settings::set_policy::<tauri::Wry>,
            settings::list_holidays,
            settings::save_holiday::<tauri::Wry>,
            settings::delete_holiday::<tauri::Wry>,
            settings::import_holidays::<tauri::Wry>,
            floor::floor_board::<tauri::Wry>,
            floor::floor_updates::<tauri::Wry>,
            floor::set_agent_state::<tauri::Wry>,
            floor::set_line_full::<tauri::Wry>,
            floor::list_alerts,
            floor::acknowledge_alert::<tauri::Wry>,
            floor::request_break::<tauri::Wry>,
            floor::record_notice::<tauri::Wry>,
            handover::handover_day,
            handover::handover_log,
            handover::handover_item,
            handover::search_handover,
            handover::handover_drafts,
            handover::export_handover,
            handover::open_handover_log::<tauri::Wry>,
            handover::refresh_roll_call::<tauri::Wry>,
            handover::correct_roll_call::<tauri::Wry>,
            handover::assign_shift_seat::<tauri::Wry>,
            handover::designate_handover_lead::<tauri::Wry>,
            handover::add_handover_item::<tauri::Wry>,
            handover::change_handover_item::<tauri::Wry>,
            handover::save_handover_draft::<tauri::Wry>,
            handover::discard_handover_draft::<tauri::Wry>,
            handover::sign_handover::<tauri::Wry>,
            handover::receive_handover::<tauri::Wry>,
            handover::add_handover_addendum::<tauri::Wry>,
            handover::acknowledge_handover_reminder::<tauri::Wry>,
            roster::roster_month,
            roster::put_roster_cells::<tauri::Wry>,
            roster::publish_roster::<tauri::Wry>,
            roster::roster_history,
            roster::request_swap::<tauri::Wry>,
            roster::approve_swap::<tauri::Wry>,
            roster::reject_swap::<tauri::Wry>,
            roster::request_leave::<tauri::Wry>,
            roster::decide_leave::<tauri::Wry>,
            print::save_print_pdf::<tauri::Wry>,
            floor::grant_break::<tauri::Wry>,
            floor::cancel_break_request::<tauri::Wry>,
            floor::list_break_requests,
            scores::score_months,
            scores::my_score_sheet,
            scores::my_computed_items,
            scores::enter_scores::<tauri::Wry>,
            scores::score_results,
            scores::quarter_ranking,
            scores::score_trend,
            scores::item_averages,
            scores::respond_to_score::<tauri::Wry>,
            scores::score_people,
            scores::month_raters,
            scores::assign_rater::<tauri::Wry>,
            scores::remove_rater::<tauri::Wry>,
            scores::score_templates,
            scores::template_assignments,
            scores::score_formula_inputs,
            scores::preview_score_formula,
            scores::save_score_template::<tauri::Wry>,
            scores::assign_score_template::<tauri::Wry>,
            scores::sign_score_exception::<tauri::Wry>,
            scores::publish_scores::<tauri::Wry>,
            scores::reopen_scores::<tauri::Wry>,
            scores::qa_forms,
            scores::spot_checks,
            scores::spot_check_coverage,
            scores::record_spot_check::<tauri::Wry>,
            scores::void_spot_check::<tauri::Wry>,
            scores::improvement_plans,
            scores::file_improvement_plan::<tauri::Wry>,
            scores::add_improvement_followup::<tauri::Wry>,
            scores::close_improvement_plan::<tauri::Wry>,
            scores::import_scores::<tauri::Wry>,
            scores::export_scores,
            commission::import_chats::<tauri::Wry>,
            commission::import_orders::<tauri::Wry>,
            commission::import_sales::<tauri::Wry>,
            commission::commission_month,
            commission::commission_detail,
            commission::commission_orders,
            commission::my_commission,
            commission::my_pay_slip,
            commission::commission_settings,
            commission::put_commission_tiers::<tauri::Wry>,
            commission::put_grade_coefficients::<tauri::Wry>,
            commission::put_team_scheme::<tauri::Wry>,
            commission::put_after_sales_actual::<tauri::Wry>,
            commission::pay_sheet,
            commission::pay_slip,
            commission::export_pay_sheet,
            complaints::complaints,
            complaints::complaint,
            complaints::register_complaint::<tauri::Wry>,
            complaints::advance_complaint::<tauri::Wry>,
            complaints::complaint_causes,
            complaints::save_complaint_cause::<tauri::Wry>,
            complaints::complaint_flags,
            complaints::complaint_analysis,
            complaints::complaint_contacts,
            complaints::set_complaint_contacts::<tauri::Wry>,
            meetings::meetings,
            meetings::schedule_meeting::<tauri::Wry>,
            meetings::cancel_meeting::<tauri::Wry>,
            meetings::take_attendance::<tauri::Wry>,
            meetings::report_duties,
            meetings::add_report_duty::<tauri::Wry>,
            meetings::end_report_duty::<tauri::Wry>,
            meetings::reports_due,
            meetings::announce_report_delay::<tauri::Wry>,
            meetings::submit_report::<tauri::Wry>,
            planning::attendance_month,
            attendance::export_attendance,
            planning::team_requirement,
            planning::roster_coverage,
            planning::put_requirement_day::<tauri::Wry>,
            planning::erlang_requirement,
            planning::generate_roster::<tauri::Wry>,
            planning::cancel_generation,
            planning::pin_roster_cells::<tauri::Wry>,
            planning::roster_pins,
            planning::put_roster_wish::<tauri::Wry>,
            planning::roster_wishes,
            incidents::incident_rules,
            incidents::incident_rule_versions,
            incidents::save_incident_rule::<tauri::Wry>,
            incidents::set_incident_rule_retired::<tauri::Wry>,
            incidents::import_rule_book::<tauri::Wry>,
            incidents::export_rule_book,
            incidents::equipment_items,
            incidents::save_equipment_item::<tauri::Wry>,
            incidents::preview_incident,
            incidents::preview_stored_incident,
            incidents::record_incident::<tauri::Wry>,
            incidents::confirm_incident::<tauri::Wry>,
            incidents::discard_incident::<tauri::Wry>,
            incidents::acknowledge_incident::<tauri::Wry>,
            incidents::add_incident_evidence::<tauri::Wry>,
            incidents::incidents,
            incidents::ledger_lines,
            incidents::ledger_statement,
            incidents::void_ledger_record::<tauri::Wry>,
            incidents::publish_ledger::<tauri::Wry>,
            incidents::ledger_publications,
            incidents::file_appeal::<tauri::Wry>,
            incidents::incident_appeals,
            incidents::decide_appeal::<tauri::Wry>,
            incidents::fund_statement,
            incidents::add_fund_entry::<tauri::Wry>,
            incidents::export_ledger,
        ])
        .events(app_events())
        // The one list each of these lives in, for the UI to read rather than restate.
        .constant("ERROR_CODES", floordesk_domain::code::catalogue())
        .constant("POLICY_CATALOGUE", floordesk_domain::policy::CATALOGUE)
        .constant(
            "ROLE_PERMISSIONS",
            floordesk_domain::access::role_permissions(),
        )
        .constant("LIMITS", floordesk_domain::limits::LIMITS)
        .typ::<floordesk_domain::code::ErrorCodeInfo>()
        .typ::<floordesk_domain::policy::PolicyDefinition>()
        .typ::<floordesk_domain::access::RolePermissions>()
        .typ::<floordesk_domain::limits::Limits>()
        // Ids and money in fen are i64 in Rust; they stay far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One TypeScript name per type (no `_Serialize`/`_Deserialize` twins).
        .disable_serde_phases()
}

/// Every event the backend emits.
fn app_events() -> tauri_specta::Events {
    tauri_specta::collect_events![DataChanged, events::GenerationProgress, live::AlertsRaised]
}

/// Registers the events on a test app of any runtime (the app does it in `run`).
#[doc(hidden)]
pub fn mount_events_for_tests<R: tauri::Runtime>(app: &impl Manager<R>) {
    tauri_specta::Builder::<R>::new()
        .events(app_events())
        .mount_events(app);
}

/// The same commands as [`specta_builder`], for a runtime other than the app's: the permission
/// test drives them on tauri's mock runtime. A command missing here fails that test.
#[doc(hidden)]
pub fn invoke_handler<R: tauri::Runtime>()
-> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    use commands::{
        admin, attendance, commission, complaints, floor, handover, incidents, meetings, people,
        planning, print, roster, scores, session, settings,
    };
    tauri::generate_handler![
        session::app_status,
        session::setup_site,
        session::list_login_users,
        session::login,
        session::logout,
        session::change_own_pin,
        people::list_agents,
        people::save_agent,
        people::set_agent_active,
        people::list_teams,
        people::save_team,
        people::set_team_active,
        people::list_seats,
        people::save_seat,
        people::set_seat_active,
        people::preview_agents_import,
        people::apply_agents_import,
        people::export_agents,
        admin::list_users,
        admin::save_user,
        admin::set_user_active,
        settings::get_site,
        settings::update_site,
        settings::list_policy,
        settings::set_policy,
        settings::list_holidays,
        settings::save_holiday,
        settings::delete_holiday,
        settings::import_holidays,
        floor::floor_board,
        floor::floor_updates,
        floor::set_agent_state,
        floor::set_line_full,
        floor::list_alerts,
        floor::acknowledge_alert,
        floor::request_break,
        floor::record_notice,
        handover::handover_day,
        handover::handover_log,
        handover::handover_item,
        handover::search_handover,
        handover::handover_drafts,
        handover::export_handover,
        handover::open_handover_log,
        handover::refresh_roll_call,
        handover::correct_roll_call,
        handover::assign_shift_seat,
        handover::designate_handover_lead,
        handover::add_handover_item,
        handover::change_handover_item,
        handover::save_handover_draft,
        handover::discard_handover_draft,
        handover::sign_handover,
        handover::receive_handover,
        handover::add_handover_addendum,
        handover::acknowledge_handover_reminder,
        roster::roster_month,
        roster::put_roster_cells,
        roster::publish_roster,
        roster::roster_history,
        roster::request_swap,
        roster::approve_swap,
        roster::reject_swap,
        roster::request_leave,
        roster::decide_leave,
        print::save_print_pdf,
        floor::grant_break,
        floor::cancel_break_request,
        floor::list_break_requests,
        scores::score_months,
        scores::my_computed_items,
        scores::my_score_sheet,
        scores::enter_scores,
        scores::score_results,
        scores::quarter_ranking,
        scores::score_trend,
        scores::item_averages,
        scores::respond_to_score,
        scores::score_people,
        scores::month_raters,
        scores::assign_rater,
        scores::remove_rater,
        scores::score_templates,
        scores::template_assignments,
        scores::score_formula_inputs,
        scores::preview_score_formula,
        scores::save_score_template,
        scores::assign_score_template,
        scores::sign_score_exception,
        scores::publish_scores,
        scores::reopen_scores,
        scores::qa_forms,
        scores::spot_checks,
        scores::spot_check_coverage,
        scores::record_spot_check,
        scores::void_spot_check,
        scores::improvement_plans,
        scores::file_improvement_plan,
        scores::add_improvement_followup,
        scores::close_improvement_plan,
        scores::import_scores,
        scores::export_scores,
        commission::import_chats,
        commission::import_orders,
        commission::import_sales,
        commission::commission_month,
        commission::commission_detail,
        commission::commission_orders,
        commission::my_commission,
        commission::my_pay_slip,
        commission::commission_settings,
        commission::put_commission_tiers,
        commission::put_grade_coefficients,
        commission::put_team_scheme,
        commission::put_after_sales_actual,
        commission::pay_sheet,
        commission::pay_slip,
        commission::export_pay_sheet,
        complaints::complaints,
        complaints::complaint,
        complaints::register_complaint,
        complaints::advance_complaint,
        complaints::complaint_causes,
        complaints::save_complaint_cause,
        complaints::complaint_flags,
        complaints::complaint_analysis,
        complaints::complaint_contacts,
        complaints::set_complaint_contacts,
        meetings::meetings,
        meetings::schedule_meeting,
        meetings::cancel_meeting,
        meetings::take_attendance,
        meetings::report_duties,
        meetings::add_report_duty,
        meetings::end_report_duty,
        meetings::reports_due,
        meetings::announce_report_delay,
        meetings::submit_report,
        planning::attendance_month,
        attendance::export_attendance,
        planning::team_requirement,
        planning::roster_coverage,
        planning::put_requirement_day,
        planning::erlang_requirement,
        planning::generate_roster,
        planning::cancel_generation,
        planning::pin_roster_cells,
        planning::roster_pins,
        planning::put_roster_wish,
        planning::roster_wishes,
        incidents::incident_rules,
        incidents::incident_rule_versions,
        incidents::save_incident_rule,
        incidents::set_incident_rule_retired,
        incidents::import_rule_book,
        incidents::export_rule_book,
        incidents::equipment_items,
        incidents::save_equipment_item,
        incidents::preview_incident,
        incidents::preview_stored_incident,
        incidents::record_incident,
        incidents::confirm_incident,
        incidents::discard_incident,
        incidents::acknowledge_incident,
        incidents::add_incident_evidence,
        incidents::incidents,
        incidents::ledger_lines,
        incidents::ledger_statement,
        incidents::void_ledger_record,
        incidents::publish_ledger,
        incidents::ledger_publications,
        incidents::file_appeal,
        incidents::incident_appeals,
        incidents::decide_appeal,
        incidents::fund_statement,
        incidents::add_fund_entry,
        incidents::export_ledger,
    ]
}

/// The state a test app manages: the database at `db_path` and the system clock.
#[doc(hidden)]
pub fn test_state(db_path: PathBuf) -> (AppState, live::Outbox) {
    (
        AppState::open(db_path, clock::Clock::system()),
        live::Outbox::default(),
    )
}

/// Writes the TypeScript bindings the UI imports.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated by tauri-specta from the Rust commands: do not edit.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// The value of `--name VALUE` or `--name=VALUE` among the command-line arguments.
fn arg_value(args: &[String], name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    args.iter().enumerate().find_map(|(i, arg)| {
        if arg == name {
            args.get(i + 1).cloned()
        } else {
            arg.strip_prefix(&prefix).map(str::to_owned)
        }
    })
}

/// The database this run uses: `--db PATH`, else `FLOORDESK_DB`, else the OS app-data folder.
pub fn db_path_from(args: impl IntoIterator<Item = String>, env: Option<String>) -> PathBuf {
    let args: Vec<String> = args.into_iter().collect();
    arg_value(&args, "--db")
        .or(env.filter(|p| !p.is_empty()))
        .map(PathBuf::from)
        .unwrap_or_else(floordesk_store::default_db_path)
}

/// For tests and demos only: `--clock-start RFC3339` and `--clock-speed N` (or
/// `FLOORDESK_CLOCK_START` / `FLOORDESK_CLOCK_SPEED`) make the app's clock start at that instant
/// and run N times as fast.
fn clock_from(args: &[String]) -> clock::Clock {
    let env = |name| std::env::var(name).ok();
    let start = arg_value(args, "--clock-start").or_else(|| env("FLOORDESK_CLOCK_START"));
    let speed = arg_value(args, "--clock-speed").or_else(|| env("FLOORDESK_CLOCK_SPEED"));
    if start.is_none() && speed.is_none() {
        return clock::Clock::system();
    }
    let start = start
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.to_utc());
    let speed = speed.and_then(|s| s.parse().ok()).unwrap_or(1.0);
    tracing::warn!(?start, speed, "simulated clock: for tests and demos only");
    clock::Clock::simulated(start, speed)
}

/// Logs go to stderr and, because a desktop app usually has no console, to `floordesk.log`
/// beside the database, where support can find them.
fn init_logging(db_path: &std::path::Path) {
    use tracing_subscriber::prelude::*;
    let filter = || {
        tracing_subscriber::EnvFilter::try_from_env("FLOORDESK_LOG")
            .unwrap_or_else(|_| "info".into())
    };
    let log_path = db_path.with_file_name("floordesk.log");
    let file = log_path
        .parent()
        .map(std::fs::create_dir_all)
        .and_then(Result::ok)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log_path)
                .ok()
        });
    let file_layer = file.map(|f| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(f))
            .with_filter(filter())
    });
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_filter(filter()))
        .with(file_layer)
        .init();
}

pub fn run() {
    let engine_not_leaned = desktop::lean_script_engine();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let db_path = db_path_from(args.clone(), std::env::var("FLOORDESK_DB").ok());
    init_logging(&db_path);
    if let Some(e) = engine_not_leaned {
        tracing::warn!(error = %e, "could not restart with the lean script engine; running with its defaults");
    }
    let clock = clock_from(&args);
    // The README's demo command sets the variable; E2E tests, whose environment does not reach
    // the app through WebKitWebDriver, pass the flag.
    let simulate = args.iter().any(|a| a == "--demo-simulator")
        || std::env::var("FLOORDESK_DEMO_SIMULATOR").is_ok_and(|v| v == "1");
    tracing::info!(db = %db_path.display(), version = env!("CARGO_PKG_VERSION"), "FloorDesk starting");
    let builder = specta_builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(AppState::open(db_path, clock))
        .manage(live::Outbox::default())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            external::watch_external_writes(app.handle().clone());
            live::run(app.handle().clone(), simulate);
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_title("现场台 FloorDesk");
                desktop::lean_web_view(&window);
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running FloorDesk");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_db_flag_wins_over_the_environment() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            db_path_from(args(&["--db", "/a.sqlite"]), Some("/b".into())),
            PathBuf::from("/a.sqlite")
        );
        assert_eq!(
            db_path_from(args(&["--db=/c.sqlite"]), None),
            PathBuf::from("/c.sqlite")
        );
        assert_eq!(
            db_path_from(args(&[]), Some("/b".into())),
            PathBuf::from("/b")
        );
        assert_eq!(
            db_path_from(args(&[]), None),
            floordesk_store::default_db_path()
        );
    }
}
