// Tests only: mounting a tab of 违规与奖惩 over a per-test fake backend, and a few canned rows.
// The canned rows are data as the backend sends it; nothing here counts offences or prices lines.
import type { ReactElement } from "react";
import i18n from "../../i18n";
import { bookEn, bookZh } from "../../i18n/incidents/book";
import type { Backend, Role, RuleRow } from "../../backend";
import { renderHandover } from "../handover/renderHandover";

/**
 * The page's strings under `incidents.book` — registered by zh.ts/en.ts once the page is wired;
 * until then the tests add them (deep, never overwriting what is registered).
 */
export function ensureBookStrings() {
  if (i18n.exists("incidents.book.rules.title", { lng: "zh" })) return;
  i18n.addResourceBundle("zh", "translation", { incidents: { book: bookZh } }, true, false);
  i18n.addResourceBundle("en", "translation", { incidents: { book: bookEn } }, true, false);
}

/** `ui` inside the app's providers, `role`'s demo user logged in. */
export function renderTab<B extends Backend>(ui: ReactElement, backend: B, role: Role = "supervisor") {
  ensureBookStrings();
  return renderHandover(ui, backend, role);
}

/** seed 003's non_work_activity as the book holds it (version 1, from the beginning). */
export function nonWorkRule(): RuleRow {
  return {
    id: 15,
    version_id: 15,
    version: 1,
    effective_from: "2000-01-01",
    retired: false,
    body: {
      code: "non_work_activity",
      name_zh: "上班做与工作无关的事",
      name_en: "Non-work activity at work",
      category: "floor_discipline",
      period: { kind: "month" },
      ladder: [
        [{ action: "verbal_warning" }, { action: "fine", amount: { kind: "fixed", fen: 1000 } }],
        [{ action: "fine", amount: { kind: "fixed", fen: 3000 } }],
        [{ action: "dismissal_proposal" }],
      ],
      co_penalties: [{ party: "lead", always: false, actions: [] }],
      alert_rule: null,
      source: "发现第一次违规罚款口头警告并处罚10元,第二次30元,第三次开除.领导发现未做出处理及时制止受相应处罚",
      importable: true,
    },
  };
}

/** seed 004's report_late: a fine, and the manager fined 80 yuan every time. */
export function reportLateRule(): RuleRow {
  return {
    id: 31,
    version_id: 40,
    version: 2,
    effective_from: "2026-11-01",
    retired: true,
    body: {
      code: "report_late",
      name_zh: "报表未按时发送",
      name_en: "Report sent late",
      category: "data_accuracy",
      period: { kind: "rolling_days", days: 90 },
      ladder: [[{ action: "fine", amount: { kind: "fixed", fen: 5000 } }]],
      co_penalties: [{ party: "manager", always: true, actions: [{ action: "fine", amount: { kind: "fixed", fen: 8000 } }] }],
      alert_rule: null,
      source: "给予责任人罚款50元/次,客服经理外罚80元/次",
      importable: true,
    },
  };
}

/** seed 000's valid_complaint: a fine by severity and a written self-review. */
export function complaintRule(): RuleRow {
  return {
    id: 27,
    version_id: 27,
    version: 1,
    effective_from: "2000-01-01",
    retired: false,
    body: {
      code: "valid_complaint",
      name_zh: "有理投诉",
      name_en: "Valid customer complaint",
      category: "customer_complaints",
      period: { kind: "month" },
      ladder: [[{ action: "fine", amount: { kind: "by_severity", fen: [2000, 4000, 6000, 8000, 10000] } }, { action: "self_review" }]],
      co_penalties: [],
      alert_rule: null,
      source: "投訴根據情節嚴重性扣款 20-100 元/次,並寫書面檢查",
      importable: true,
    },
  };
}

/** The live-floor alert rule late_sign_in as a book rule (考勤). */
export function lateSignInRule(): RuleRow {
  return {
    id: 16,
    version_id: 16,
    version: 1,
    effective_from: "2000-01-01",
    retired: false,
    body: {
      code: "late_sign_in",
      name_zh: "迟到签入",
      name_en: "Not signed in and ready on time",
      category: "attendance",
      period: { kind: "month" },
      ladder: [[{ action: "verbal_warning" }], [{ action: "written_warning" }]],
      co_penalties: [],
      alert_rule: "late_sign_in",
      source: "现场告警规则（见规则手册第1章）",
      importable: true,
    },
  };
}
