//! Permissions on the real backend: every command the app registers is called, through tauri's
//! IPC on its mock runtime, as each role and logged out, and must refuse (`auth.forbidden`,
//! `auth.not_logged_in`) exactly where the table below says. A command registered without an
//! entry in the table fails the test, and so does an entry for a command that does not exist.

use std::collections::BTreeSet;

use floordesk_app::{AppState, Operator};
use floordesk_domain::access::{Permission, Role};
use floordesk_store::{Actor, Store};
use serde_json::{Value, json};
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;

/// Who may call a command.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Before anyone logs in: status, set-up, the login screen.
    Anyone,
    /// Any logged-in user (their own PIN).
    LoggedIn,
    Needs(Permission),
}

use Access::{Anyone, LoggedIn, Needs};
use Permission::*;

/// Every command with who may call it and arguments that deserialize. The arguments name
/// records that do not exist where they can, so an allowed call changes nothing that matters.
fn table() -> Vec<(&'static str, Access, Value)> {
    let agent = json!({"id": 999_999, "employee_no": "X999", "name": "测试", "team_id": 999_999,
        "level": "junior", "seat_id": null, "hired_on": null, "left_on": null});
    let no_file = json!({"path": "/nonexistent/floordesk-permissions.csv"});
    vec![
        ("app_status", Anyone, json!({})),
        (
            "setup_site",
            Anyone,
            json!({"input": {"site_name": "x", "time_zone": "Asia/Shanghai",
            "supervisor_name": "x", "supervisor_employee_no": "S009", "supervisor_pin": "1234", "channel": "phone", "load_demo": false}}),
        ),
        ("list_login_users", Anyone, json!({})),
        ("get_site", Anyone, json!({})),
        (
            "change_own_pin",
            LoggedIn,
            json!({"oldPin": "0000", "newPin": "1234"}),
        ),
        (
            "list_agents",
            Needs(ViewPeople),
            json!({"includeInactive": true}),
        ),
        ("save_agent", Needs(ManagePeople), json!({"input": agent})),
        (
            "set_agent_active",
            Needs(ManagePeople),
            json!({"id": 999_999, "active": true}),
        ),
        ("list_teams", Needs(ViewPeople), json!({})),
        (
            "save_team",
            Needs(ManagePeople),
            json!({"input": {"id": 999_999, "name": "不存在"}}),
        ),
        (
            "set_team_active",
            Needs(ManagePeople),
            json!({"id": 999_999, "active": true}),
        ),
        ("list_seats", Needs(ViewPeople), json!({})),
        (
            "save_seat",
            Needs(ManagePeople),
            json!({"input": {"id": 999_999, "code": "Z99", "x": 0, "y": 0, "zone": null}}),
        ),
        (
            "set_seat_active",
            Needs(ManagePeople),
            json!({"id": 999_999, "active": true}),
        ),
        (
            "preview_agents_import",
            Needs(ManagePeople),
            no_file.clone(),
        ),
        ("apply_agents_import", Needs(ManagePeople), no_file.clone()),
        (
            "export_agents",
            Needs(ViewPeople),
            json!({"path": "/nonexistent/dir/people.xlsx"}),
        ),
        ("list_users", Needs(ManageUsers), json!({})),
        (
            "save_user",
            Needs(ManageUsers),
            json!({"input": {"id": 999_999, "display_name": "不存在",
            "role": "agent", "employee_no": "X999", "pin": null}}),
        ),
        (
            "set_user_active",
            Needs(ManageUsers),
            json!({"id": 999_999, "active": true}),
        ),
        (
            "update_site",
            Needs(ManageSettings),
            json!({"input": {"name": "演示客服中心", "time_zone": "Asia/Shanghai"}}),
        ),
        ("list_policy", Needs(ViewPeople), json!({})),
        (
            "set_policy",
            Needs(ManageSettings),
            json!({"key": "no_such_key", "value": 1}),
        ),
        ("list_holidays", Needs(ViewPeople), json!({})),
        (
            "save_holiday",
            Needs(ManageSettings),
            json!({"holiday": {"date": "2026-10-01", "kind": "holiday", "name": "国庆节"}}),
        ),
        (
            "delete_holiday",
            Needs(ManageSettings),
            json!({"date": "1999-01-01"}),
        ),
        ("import_holidays", Needs(ManageSettings), no_file),
        ("floor_board", Needs(ViewFloor), json!({})),
        // Past every push: answers at once instead of waiting for the next.
        (
            "floor_updates",
            Needs(ViewFloor),
            json!({"after": 1_000_000}),
        ),
        (
            "set_agent_state",
            Needs(OperateFloor),
            json!({"input": {"employee_no": "X999",
            "state": "ready", "reason": null, "effective_at": null}}),
        ),
        ("set_line_full", Needs(OperateFloor), json!({"on": false})),
        (
            "list_alerts",
            Needs(ViewFloor),
            json!({"date": "2026-11-23"}),
        ),
        (
            "acknowledge_alert",
            Needs(OperateFloor),
            json!({"id": 999_999, "note": "x"}),
        ),
        (
            "request_break",
            Needs(OperateFloor),
            json!({"employeeNo": "X999"}),
        ),
        (
            "roster_month",
            Needs(ViewRoster),
            json!({"month": "2026-11"}),
        ),
        (
            "put_roster_cells",
            Needs(EditRoster),
            json!({"cells": [{"employee_no": "X999", "date": "2026-11-23", "cell": "D"}], "reason": null, "origin": null}),
        ),
        (
            "publish_roster",
            Needs(PublishRoster),
            json!({"teamId": 999, "month": "2026-11", "overrideReason": null}),
        ),
        (
            "roster_history",
            Needs(ViewRoster),
            json!({"employeeNo": "X999", "date": "2026-11-23"}),
        ),
        (
            "request_swap",
            Needs(RequestRosterChange),
            json!({"input": {"employee_no_a": "X998", "date_a": "2026-11-23", "employee_no_b": "X999", "date_b": null, "reason": "x"}}),
        ),
        (
            "approve_swap",
            Needs(PublishRoster),
            json!({"id": 999, "pin": "0000"}),
        ),
        (
            "reject_swap",
            Needs(PublishRoster),
            json!({"id": 999, "note": "x"}),
        ),
        (
            "request_leave",
            Needs(RequestRosterChange),
            json!({"input": {"employee_no": "X999", "from": "2026-11-23", "to": "2026-11-23", "kind": "sick", "half_day": false, "reason": null, "cover": null}}),
        ),
        (
            "decide_leave",
            Needs(PublishRoster),
            json!({"id": 999, "approve": true, "pin": "0000", "note": null}),
        ),
        (
            "record_notice",
            Needs(OperateFloor),
            json!({"input": {"employee_no": "X999", "kind": "late", "reason": "堵车", "at": null}}),
        ),
        (
            "grant_break",
            Needs(OperateFloor),
            json!({"id": 999_999, "reason": "x"}),
        ),
        (
            "cancel_break_request",
            Needs(OperateFloor),
            json!({"id": 999_999}),
        ),
        (
            "list_break_requests",
            Needs(ViewFloor),
            json!({"date": "2026-11-23"}),
        ),
        (
            "handover_day",
            Needs(ViewHandover),
            json!({"date": "2026-11-23", "teamId": 999_999}),
        ),
        (
            "handover_log",
            Needs(ViewHandover),
            json!({"key": {"team_id": 999_999, "date": "2026-11-23", "shift": "D"}}),
        ),
        ("handover_item", Needs(ViewHandover), json!({"id": 999_999})),
        (
            "search_handover",
            Needs(ViewHandover),
            json!({"query": {"text": "退款", "team_id": 999_999, "from": null, "to": null, "kind": null, "status": null, "customer": null, "order_no": null, "limit": 1}}),
        ),
        (
            "handover_drafts",
            Needs(WriteHandoverEntry),
            json!({"logId": 999_999}),
        ),
        (
            "open_handover_log",
            Needs(RunHandover),
            json!({"key": {"team_id": 999_999, "date": "2026-11-23", "shift": "D"}}),
        ),
        (
            "refresh_roll_call",
            Needs(RunHandover),
            json!({"logId": 999_999}),
        ),
        (
            "correct_roll_call",
            Needs(RunHandover),
            json!({"logId": 999_999, "input": {"employee_no": "X999", "status": "late", "late_min": 5, "notified": false, "note": null}}),
        ),
        (
            "assign_shift_seat",
            Needs(RunHandover),
            json!({"logId": 999_999, "employeeNo": "X999", "seatCode": "A01"}),
        ),
        (
            "designate_handover_lead",
            Needs(OverrideHandover),
            json!({"input": {"team_id": 999_999, "shift": "N", "from": "2026-11-23", "to": null, "employee_no": "X999"}}),
        ),
        (
            "add_handover_item",
            Needs(WriteHandoverEntry),
            json!({"logId": 999_999, "input": {"fields": {"kind": "note", "text": "x"}}}),
        ),
        (
            "change_handover_item",
            Needs(WriteHandoverEntry),
            json!({"itemId": 999_999, "change": {"kind": "note", "text": "x"}}),
        ),
        (
            "save_handover_draft",
            Needs(WriteHandoverEntry),
            json!({"input": {"log_id": 999_999, "slot": "new", "body": "{}"}}),
        ),
        (
            "discard_handover_draft",
            Needs(WriteHandoverEntry),
            json!({"logId": 999_999, "slot": "new"}),
        ),
        (
            "sign_handover",
            Needs(ViewHandover),
            json!({"input": {"log_id": 999_999, "outgoing": {"user_id": 999_999, "pin": "0000"}, "incoming": null, "override_reason": null}}),
        ),
        (
            "receive_handover",
            Needs(ViewHandover),
            json!({"logId": 999_999, "signer": {"user_id": 999_999, "pin": "0000"}}),
        ),
        (
            "add_handover_addendum",
            Needs(RunHandover),
            json!({"logId": 999_999, "text": "x"}),
        ),
        (
            "acknowledge_handover_reminder",
            Needs(RunHandover),
            json!({"id": 999_999, "note": null}),
        ),
        (
            "export_handover",
            Needs(ViewHandover),
            json!({"from": "2026-11-23", "to": "2026-11-22", "path": "/nonexistent/floordesk-permissions.xlsx"}),
        ),
        (
            "save_print_pdf",
            LoggedIn,
            json!({"path": "/nonexistent/floordesk-permissions.pdf", "landscape": true}),
        ),
        // Assessment: a month that is not one, so an allowed call writes nothing.
        ("score_months", Needs(ViewScores), json!({})),
        ("my_score_sheet", Needs(EnterScores), json!({"month": "x"})),
        (
            "enter_scores",
            Needs(EnterScores),
            json!({"month": "x", "entries": [], "late": null, "origin": null}),
        ),
        ("score_results", Needs(ViewScores), json!({"month": "x"})),
        (
            "score_trend",
            Needs(ViewScores),
            json!({"employeeNo": "X999", "month": "x"}),
        ),
        ("item_averages", Needs(AssignRaters), json!({"month": "x"})),
        (
            "respond_to_score",
            Needs(EnterScores),
            json!({"month": "x", "kind": "confirm", "note": null}),
        ),
        ("score_people", Needs(AssignRaters), json!({})),
        ("month_raters", Needs(AssignRaters), json!({"month": "x"})),
        (
            "assign_rater",
            Needs(AssignRaters),
            json!({"month": "x", "ratee": "a999999", "role": "peer", "rater": "a999998"}),
        ),
        (
            "remove_rater",
            Needs(AssignRaters),
            json!({"month": "x", "ratee": "a999999", "role": "peer", "rater": "a999998"}),
        ),
        ("score_templates", Needs(ViewScores), json!({})),
        ("template_assignments", Needs(ViewScores), json!({})),
        ("score_formula_inputs", Needs(EnterScores), json!({})),
        (
            "quarter_ranking",
            Needs(ViewScores),
            json!({"quarter": "2026Q4"}),
        ),
        (
            "improvement_plans",
            Needs(ViewScores),
            json!({"month": null}),
        ),
        (
            "file_improvement_plan",
            Needs(ManageScores),
            json!({"id": 999999, "cause": "x", "plan": "y"}),
        ),
        (
            "add_improvement_followup",
            Needs(ManageScores),
            json!({"id": 999999, "note": "x"}),
        ),
        (
            "close_improvement_plan",
            Needs(ManageScores),
            json!({"id": 999999, "outcome": "x"}),
        ),
        ("qa_forms", Needs(ViewScores), json!({})),
        (
            "my_computed_items",
            Needs(ViewScores),
            json!({"month": "2026-11"}),
        ),
        (
            "spot_checks",
            Needs(ViewScores),
            json!({"month": "2026-11"}),
        ),
        (
            "spot_check_coverage",
            Needs(ViewScores),
            json!({"month": "2026-11"}),
        ),
        (
            "record_spot_check",
            Needs(ManageScores),
            json!({"input": {"form_id": 999, "employee_no": "x", "date": "2026-11-02", "sample": "", "note": null, "scores": []}}),
        ),
        (
            "void_spot_check",
            Needs(ManageScores),
            json!({"id": 999999, "reason": "x"}),
        ),
        (
            "preview_score_formula",
            Needs(ManageScores),
            json!({"item": "考勤", "formula": "late_count", "maxPoints": 10, "month": "2026-11"}),
        ),
        (
            "save_score_template",
            Needs(ManageScores),
            json!({"id": null, "input": {"name": "", "cycle": "monthly", "items": []}}),
        ),
        (
            "assign_score_template",
            Needs(ManageScores),
            json!({"template": "no such template", "target": {"kind": "role", "role": "agent"}}),
        ),
        (
            "sign_score_exception",
            Needs(ManageScores),
            json!({"month": "x", "person": "a999999", "reason": "x", "pin": "0000"}),
        ),
        ("publish_scores", Needs(ManageScores), json!({"month": "x"})),
        (
            "reopen_scores",
            Needs(ManageScores),
            json!({"month": "x", "reason": "x", "pin": "0000"}),
        ),
        (
            "import_scores",
            Needs(ManageScores),
            json!({"path": "/nonexistent/floordesk-permissions.csv"}),
        ),
        (
            "export_scores",
            Needs(ManageScores),
            json!({"month": "x", "path": "/nonexistent/floordesk-permissions.xlsx"}),
        ),
        ("incident_rules", Needs(ViewIncidents), json!({})),
        (
            "incident_rule_versions",
            Needs(ViewIncidents),
            json!({"code": "nope"}),
        ),
        (
            "save_incident_rule",
            Needs(ManageRuleBook),
            json!({"body": {"code": "", "name_zh": "", "name_en": "", "category": "floor_discipline",
                "period": {"kind": "month"}, "ladder": [], "co_penalties": [], "alert_rule": null,
                "source": "", "importable": true}, "effectiveFrom": "2026-11-01"}),
        ),
        (
            "set_incident_rule_retired",
            Needs(ManageRuleBook),
            json!({"code": "nope", "retired": true}),
        ),
        (
            "import_rule_book",
            Needs(ManageRuleBook),
            json!({"path": "/nonexistent/floordesk-permissions.json"}),
        ),
        (
            "export_rule_book",
            Needs(ViewIncidents),
            json!({"path": "/nonexistent/dir/floordesk-permissions.json"}),
        ),
        ("equipment_items", Needs(ViewIncidents), json!({})),
        (
            "save_equipment_item",
            Needs(ManageRuleBook),
            json!({"input": {"code": "", "name_zh": "", "name_en": "", "price_fen": 0, "active": true}}),
        ),
        (
            "preview_incident",
            Needs(RecordIncidents),
            json!({"input": {"ts": "2026-11-03T02:00:00Z", "employee_no": "X999", "team_id": null, "rule_code": "nope",
                "severity": null, "quantity": null, "item_code": null, "stated_fen": null, "co_employee_no": null,
                "place": null, "witness": null, "note": null, "alert_ref": null}}),
        ),
        (
            "preview_stored_incident",
            Needs(ConfirmIncidents),
            json!({"id": 999_999}),
        ),
        (
            "record_incident",
            Needs(RecordIncidents),
            json!({"input": {"ts": "2026-11-03T02:00:00Z", "employee_no": "X999", "team_id": null, "rule_code": "nope",
                "severity": null, "quantity": null, "item_code": null, "stated_fen": null, "co_employee_no": null,
                "place": null, "witness": null, "note": null, "alert_ref": null}, "fromBoard": false, "confirmation": null}),
        ),
        (
            "confirm_incident",
            Needs(ConfirmIncidents),
            json!({"id": 999_999, "confirmation": {"lines": null, "reason": null, "accept_renumber": false, "accept_over_cap": false}}),
        ),
        (
            "discard_incident",
            Needs(ConfirmIncidents),
            json!({"id": 999_999, "reason": "x"}),
        ),
        (
            "acknowledge_incident",
            Needs(ViewIncidents),
            json!({"id": 999_999, "mode": {"mode": "signed", "pin": "0000"}}),
        ),
        (
            "add_incident_evidence",
            Needs(RecordIncidents),
            json!({"id": 999_999, "path": "/nonexistent/x.png"}),
        ),
        (
            "incidents",
            Needs(ViewIncidents),
            json!({"query": {"month": null, "team_id": null, "employee_no": null, "id": 999_999}}),
        ),
        (
            "ledger_lines",
            Needs(ViewIncidents),
            json!({"query": {"month": "2026-11", "team_id": 999_999, "employee_no": null, "include_voided": false}}),
        ),
        (
            "ledger_statement",
            Needs(ViewIncidents),
            json!({"employeeNo": "X999", "month": "2026-11"}),
        ),
        (
            "void_ledger_record",
            Needs(ConfirmIncidents),
            json!({"recordId": 999_999, "reason": "x", "approval": {"user_id": 999_999, "pin": "0000"}}),
        ),
        (
            "publish_ledger",
            Needs(ConfirmIncidents),
            json!({"teamId": 999_999, "month": "x"}),
        ),
        (
            "ledger_publications",
            Needs(ViewIncidents),
            json!({"month": "2026-11"}),
        ),
        (
            "file_appeal",
            Needs(ViewIncidents),
            json!({"recordId": 999_999, "text": "x"}),
        ),
        (
            "incident_appeals",
            Needs(ViewIncidents),
            json!({"month": "2026-11"}),
        ),
        (
            "decide_appeal",
            Needs(ConfirmIncidents),
            json!({"appealId": 999_999, "decision": {"decision": "rejected"}, "reason": "x",
                "approval": {"user_id": 999_999, "pin": "0000"}}),
        ),
        (
            "fund_statement",
            Needs(ViewIncidents),
            json!({"month": "2026-11"}),
        ),
        (
            "add_fund_entry",
            Needs(ConfirmIncidents),
            json!({"kind": "payout", "amountFen": 0, "note": ""}),
        ),
        (
            "export_ledger",
            Needs(ConfirmIncidents),
            json!({"month": "x", "teamId": null, "path": "/nonexistent/floordesk-permissions.xlsx"}),
        ),
        (
            "complaints",
            Needs(RegisterComplaints),
            json!({"query": {"from": null, "to": null,
            "status": null, "open_only": false, "overdue_only": false, "employee_no": null,
            "team_id": null, "valid_only": false}}),
        ),
        (
            "complaint",
            Needs(RegisterComplaints),
            json!({"id": 999_999}),
        ),
        (
            "register_complaint",
            Needs(RegisterComplaints),
            json!({"input": {"received_at": "2999-01-01T00:00:00Z", "customer": "", "channel": "phone",
                "order_no": null, "content": ""}}),
        ),
        (
            "advance_complaint",
            Needs(RegisterComplaints),
            json!({"id": 999_999, "action": {"step": "reply", "text": "x"}}),
        ),
        (
            "import_chats",
            Needs(ViewPay),
            json!({"path": "/nonexistent/chats.csv"}),
        ),
        (
            "import_orders",
            Needs(ViewPay),
            json!({"path": "/nonexistent/orders.csv"}),
        ),
        (
            "import_sales",
            Needs(ViewPay),
            json!({"path": "/nonexistent/sales.csv"}),
        ),
        ("commission_month", Needs(ViewPay), json!({"month": "x"})),
        (
            "commission_detail",
            Needs(ViewPay),
            json!({"employeeNo": "x", "month": "x"}),
        ),
        (
            "commission_orders",
            Needs(ViewPay),
            json!({"month": "x", "unattributedOnly": true}),
        ),
        ("my_commission", Needs(ViewScores), json!({"month": "x"})),
        ("my_pay_slip", Needs(ViewScores), json!({"month": "x"})),
        ("commission_settings", Needs(ViewPay), json!({"month": "x"})),
        (
            "put_commission_tiers",
            Needs(ViewPay),
            json!({"fromMonth": "x", "tiers": []}),
        ),
        (
            "put_grade_coefficients",
            Needs(ViewPay),
            json!({"fromMonth": "x", "coefficients": {"excellent": "1", "good": "1", "pass": "1", "fail": "1", "ungraded": "1"}}),
        ),
        (
            "put_team_scheme",
            Needs(ViewPay),
            json!({"input": {"team_id": 999_999, "scheme": "sales", "after_sales_rate_pct": "0.3", "target_bonus_fen": 0, "targets": []}}),
        ),
        (
            "put_after_sales_actual",
            Needs(ViewPay),
            json!({"teamId": 999_999, "month": "x", "key": "x", "actual": null}),
        ),
        ("pay_sheet", Needs(ViewPay), json!({"month": "x"})),
        (
            "pay_slip",
            Needs(ViewPay),
            json!({"employeeNo": "x", "month": "x"}),
        ),
        (
            "export_pay_sheet",
            Needs(ViewPay),
            json!({"month": "x", "path": "/nonexistent/x.xlsx"}),
        ),
        ("complaint_causes", Needs(RegisterComplaints), json!({})),
        (
            "save_complaint_cause",
            Needs(HandleComplaints),
            json!({"input": {"code": "", "name_zh": "", "name_en": "", "sort": 0, "active": true}}),
        ),
        ("complaint_flags", Needs(HandleComplaints), json!({})),
        (
            "complaint_analysis",
            Needs(HandleComplaints),
            json!({"fromMonth": "x", "toMonth": "x"}),
        ),
        (
            "complaint_contacts",
            Needs(HandleComplaints),
            json!({"month": "x"}),
        ),
        (
            "set_complaint_contacts",
            Needs(HandleComplaints),
            json!({"input": {"month": "x", "team_id": 999_999, "contacts": 1}}),
        ),
        (
            "meetings",
            Needs(ViewIncidents),
            json!({"from": "2026-11-01", "to": "2026-11-30"}),
        ),
        (
            "schedule_meeting",
            Needs(TakeAttendance),
            json!({"input": {"kind": "meeting", "title": "", "starts_at": "2026-11-03T02:00:00Z", "minutes": 30,
                "place": null, "note": null, "has_test": false, "team_ids": [], "employee_nos": []}}),
        ),
        (
            "cancel_meeting",
            Needs(TakeAttendance),
            json!({"id": 999_999}),
        ),
        (
            "take_attendance",
            Needs(TakeAttendance),
            json!({"id": 999_999, "taken": []}),
        ),
        ("report_duties", Needs(ManageReports), json!({})),
        (
            "add_report_duty",
            Needs(ManageReports),
            json!({"input": {"title": "", "kind": "daily", "employee_no": "X999",
                "manager_employee_no": null, "starts_on": "2026-11-01"}}),
        ),
        (
            "end_report_duty",
            Needs(ManageReports),
            json!({"id": 999_999, "endsOn": "2026-11-01"}),
        ),
        (
            "reports_due",
            Needs(SubmitReports),
            json!({"from": "2026-11-01", "to": "2026-11-30"}),
        ),
        (
            "announce_report_delay",
            Needs(SubmitReports),
            json!({"dutyId": 999_999, "periodStart": "2026-11-01", "reason": "x"}),
        ),
        (
            "submit_report",
            Needs(SubmitReports),
            json!({"dutyId": 999_999, "periodStart": "2026-11-01", "sentAt": null}),
        ),
        (
            "attendance_month",
            Needs(ViewRoster),
            json!({"month": "2026-11"}),
        ),
        (
            "export_attendance",
            Needs(EditRoster),
            json!({"month": "2026-11", "path": "/nonexistent/dir/attendance.xlsx"}),
        ),
        (
            "team_requirement",
            Needs(ViewRoster),
            json!({"teamId": 999_999}),
        ),
        (
            "roster_coverage",
            Needs(ViewRoster),
            json!({"teamId": 999_999, "month": "2026-11"}),
        ),
        (
            "put_requirement_day",
            Needs(EditRoster),
            json!({"day": {"team_id": 999_999, "day_kind": "x", "source": "typed", "agents": [],
                "contacts": null, "erlang": null, "updated_at": null}}),
        ),
        (
            "erlang_requirement",
            Needs(ViewRoster),
            json!({"contacts": [100], "inputs": {"aht_sec": 180, "sl_pct": 80, "answer_sec": 20,
                "shrinkage_pct": 30}}),
        ),
        (
            "generate_roster",
            Needs(EditRoster),
            json!({"teamId": 999_999, "month": "2026-11", "seed": 1}),
        ),
        ("cancel_generation", Needs(EditRoster), json!({})),
        (
            "pin_roster_cells",
            Needs(EditRoster),
            json!({"cells": [{"employee_no": "X999", "date": "2026-11-01"}], "pinned": true}),
        ),
        (
            "roster_pins",
            Needs(ViewRoster),
            json!({"month": "2026-11"}),
        ),
        (
            "put_roster_wish",
            Needs(EditRoster),
            json!({"wish": {"employee_no": "X999", "date": "2026-11-01", "note": null},
                "wished": true}),
        ),
        (
            "roster_wishes",
            Needs(ViewRoster),
            json!({"month": "2026-11"}),
        ),
        // Logging in and out changes the session itself: checked on their own below.
        ("login", Anyone, Value::Null),
        ("logout", Anyone, Value::Null),
    ]
}

/// The commands `specta_builder()` registers, read from the bindings it generates.
fn registered_commands() -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bindings.ts");
    floordesk_app::export_bindings(&path).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    text.split("__TAURI_INVOKE(\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

fn invoke(
    webview: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: &Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args.clone()),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn refusal(result: &Result<Value, Value>) -> Option<String> {
    let code = result.as_ref().err()?.get("code")?.as_str()?;
    matches!(code, "auth.forbidden" | "auth.not_logged_in").then(|| code.to_owned())
}

fn expected(access: Access, role: Option<Role>) -> Option<&'static str> {
    match (access, role) {
        (Anyone, _) => None,
        (_, None) => Some("auth.not_logged_in"),
        (LoggedIn, Some(_)) => None,
        (Needs(p), Some(role)) if role.can(p) => None,
        (Needs(_), Some(_)) => Some("auth.forbidden"),
    }
}

#[test]
fn every_command_refuses_exactly_whom_the_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("permissions.sqlite");
    let operators: Vec<Operator> = {
        let mut store = Store::open(&db).unwrap();
        let at = "2026-11-23T02:00:00Z".parse().unwrap();
        store
            .load_demo_floor(&["2026-11-23".parse().unwrap()], Actor::system(at))
            .unwrap();
        let users = store.list_users().unwrap();
        Role::ALL
            .into_iter()
            .map(|role| Operator::from(users.iter().find(|u| u.role == role).unwrap().clone()))
            .collect()
    };

    let table = table();
    let listed: BTreeSet<String> = table.iter().map(|(c, ..)| (*c).to_owned()).collect();
    let registered = registered_commands();
    let unlisted: Vec<_> = registered.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "commands without a permission entry: {unlisted:?}"
    );
    let unknown: Vec<_> = listed.difference(&registered).collect();
    assert!(
        unknown.is_empty(),
        "entries for commands that are not registered: {unknown:?}"
    );

    let (state, outbox) = floordesk_app::test_state(db);
    let app = mock_builder()
        .manage(state)
        .manage(outbox)
        .invoke_handler(floordesk_app::invoke_handler())
        .build(mock_context(noop_assets()))
        .unwrap();
    floordesk_app::mount_events_for_tests(&app);
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let state = app.state::<AppState>();

    let mut wrong = Vec::new();
    let sessions = std::iter::once(None).chain(operators.iter().cloned().map(Some));
    for operator in sessions {
        let role = operator.as_ref().map(|o| o.role);
        for (command, access, args) in table.iter().filter(|(_, _, a)| !a.is_null()) {
            state.set_operator(operator.clone());
            let result = invoke(&webview, command, args);
            if let Err(e) = &result {
                // Arguments that do not deserialize would hide the permission check.
                assert!(e.get("code").is_some(), "{command}: {e}");
            }
            let got = refusal(&result);
            if got.as_deref() != expected(*access, role) {
                wrong.push(format!(
                    "{command} as {role:?}: expected {:?}, got {result:?}",
                    expected(*access, role)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Login and logout: anyone may try; a wrong PIN is refused as such, not as forbidden.
    state.set_operator(None);
    let supervisor = &operators[0];
    let wrong_pin = invoke(
        &webview,
        "login",
        &json!({"userId": supervisor.user_id, "pin": "9999"}),
    );
    assert_eq!(wrong_pin.unwrap_err()["code"], "auth.wrong_pin");
    let logged_in = invoke(
        &webview,
        "login",
        &json!({"userId": supervisor.user_id, "pin": "1234"}),
    );
    assert_eq!(logged_in.unwrap()["role"], "supervisor");
    assert!(invoke(&webview, "list_users", &json!({})).is_ok());
    invoke(&webview, "logout", &json!({})).unwrap();
    let after = invoke(&webview, "list_users", &json!({}));
    assert_eq!(refusal(&after).as_deref(), Some("auth.not_logged_in"));
}
