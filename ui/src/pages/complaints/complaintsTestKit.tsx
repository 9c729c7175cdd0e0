// Tests only: complaints as the backend sends them at each stage of the workflow, an analysis,
// and a tab of 投诉处理 mounted over a per-test fake backend. Nothing here judges a due time, an
// overdue or a proposal: each row is the answer a test wants the fake to give.
import type { ReactElement } from "react";
import type { Backend, ComplaintAnalysis, ComplaintCause, ComplaintRow, IncidentPreview, Role } from "../../backend";
import { renderHandover } from "../handover/renderHandover";
import { fine, own } from "../incidents/incidentsTestKit";

/** `ui` inside the app's providers, `role`'s demo user logged in. */
export function renderComplaints<B extends Backend>(ui: ReactElement, backend: B, role: Role = "supervisor") {
  return renderHandover(ui, backend, role);
}

/** #7, registered by 沈丽华 at 09:40 on 2026-11-23: a phone complaint waiting to be routed by 13:40. */
export function registered(patch: Partial<ComplaintRow> = {}): ComplaintRow {
  return {
    id: 7,
    received_at: "2026-11-23T01:30:00Z",
    local_date: "2026-11-23",
    customer: "赵先生",
    channel: "phone",
    order_no: "TB20261123001",
    content: "客服答复敷衍，问题三天未解决",
    status: "registered",
    registered_at: "2026-11-23T01:40:00Z",
    registered_by_name: "沈丽华",
    employee_no: null,
    name: null,
    team_id: null,
    team_name: null,
    deadline_at: null,
    findings: null,
    valid: null,
    severity: null,
    incident_id: null,
    reply: null,
    visit_note: null,
    satisfied: null,
    cause_code: null,
    cause_name_zh: null,
    cause_name_en: null,
    close_note: null,
    steps: [],
    next_step: "route",
    due_at: "2026-11-23T05:40:00Z",
    overdue: false,
    ...patch,
  };
}

const ROUTED = { employee_no: "1019", name: "马超", team_id: 2, team_name: "售前二组", deadline_at: "2026-11-24T02:00:00Z" };

/** Routed to 1019 马超 at 10:00, to be ruled by 11-24 10:00. */
export function routed(patch: Partial<ComplaintRow> = {}): ComplaintRow {
  return registered({
    ...ROUTED,
    status: "routed",
    steps: [{ step: "route", at: "2026-11-23T02:00:00Z", by_name: "沈丽华" }],
    next_step: "rule",
    due_at: "2026-11-24T02:00:00Z",
    ...patch,
  });
}

/** Ruled valid at severity 3, proposing incident #31; the reply is due. */
export function ruled(patch: Partial<ComplaintRow> = {}): ComplaintRow {
  return routed({
    status: "ruled",
    findings: "调取录音，坐席语气生硬，属实",
    valid: true,
    severity: 3,
    incident_id: 31,
    steps: [
      { step: "route", at: "2026-11-23T02:00:00Z", by_name: "沈丽华" },
      { step: "rule", at: "2026-11-23T06:00:00Z", by_name: "沈丽华" },
    ],
    next_step: "reply",
    ...patch,
  });
}

export function replied(patch: Partial<ComplaintRow> = {}): ComplaintRow {
  return ruled({
    status: "replied",
    reply: "已致电客户致歉，补发赠品",
    steps: [...ruled().steps, { step: "reply", at: "2026-11-23T07:00:00Z", by_name: "马超" }],
    next_step: "visit",
    due_at: "2026-11-26T07:00:00Z",
    ...patch,
  });
}

export function visited(patch: Partial<ComplaintRow> = {}): ComplaintRow {
  return replied({
    status: "visited",
    visit_note: "回访客户，表示满意",
    satisfied: true,
    steps: [...replied().steps, { step: "visit", at: "2026-11-24T03:00:00Z", by_name: "马超" }],
    next_step: "close",
    due_at: null,
    ...patch,
  });
}

export function closed(patch: Partial<ComplaintRow> = {}): ComplaintRow {
  return visited({
    status: "closed",
    cause_code: "attitude",
    cause_name_zh: "服务态度",
    cause_name_en: "Attitude",
    steps: [...visited().steps, { step: "close", at: "2026-11-24T05:00:00Z", by_name: "沈丽华" }],
    next_step: null,
    ...patch,
  });
}

/** The seeded cause list, 系统 retired. */
export function causes(): ComplaintCause[] {
  return [
    { code: "attitude", name_zh: "服务态度", name_en: "Attitude", sort: 1, active: true },
    { code: "knowledge", name_zh: "业务知识", name_en: "Knowledge", sort: 2, active: true },
    { code: "process", name_zh: "流程", name_en: "Process", sort: 3, active: true },
    { code: "system", name_zh: "系统", name_en: "System", sort: 4, active: false },
    { code: "logistics", name_zh: "物流", name_en: "Logistics", sort: 5, active: true },
    { code: "other", name_zh: "其他", name_en: "Other", sort: 6, active: true },
  ];
}

/** 马超's valid complaint at severity 3: 罚款 ¥60.00 and a 书面检查, his first this month. */
export function complaintPreview(): IncidentPreview {
  return {
    rule_code: "valid_complaint",
    rule_name_zh: "有理投诉",
    rule_name_en: "Valid customer complaint",
    rule_version_id: 27,
    offence_no: 1,
    lines: [own("1019", "马超", fine(6000)), own("1019", "马超", { action: "self_review", kind: "penalty", amount_fen: 0, percent: null })],
    earlier: [],
    renumbers: [],
    over_cap: [],
  };
}

/** 2026-10 … 2026-11: six complaints, three valid, one open; contacts entered for 售前二组 and 售后组. */
export function analysis(): ComplaintAnalysis {
  return {
    from_month: "2026-10",
    to_month: "2026-11",
    total: 6,
    valid: 3,
    open: 1,
    by_cause: [
      { key: "attitude", name_zh: "服务态度", name_en: "Attitude", total: 3, valid: 2 },
      { key: "knowledge", name_zh: "业务知识", name_en: "Knowledge", total: 0, valid: 0 },
      { key: "logistics", name_zh: "物流", name_en: "Logistics", total: 2, valid: 1 },
      { key: "", name_zh: "未结案", name_en: "Not closed", total: 1, valid: 0 },
    ],
    by_agent: [
      { key: "1019", name_zh: "马超", name_en: "马超", total: 3, valid: 2 },
      { key: "1025", name_zh: "韩梅", name_en: "韩梅", total: 2, valid: 1 },
      { key: "", name_zh: "", name_en: "", total: 1, valid: 0 },
    ],
    by_team: [
      { team_id: 2, team_name: "售前二组", total: 3, valid: 2, contacts: 2000, rate_bp: 15 },
      { team_id: 3, team_name: "售后组", total: 2, valid: 1, contacts: 2000, rate_bp: 10 },
      { team_id: null, team_name: null, total: 1, valid: 0, contacts: null, rate_bp: null },
    ],
    by_month: [
      { month: "2026-10", total: 2, valid: 1, by_cause: [{ cause_code: "attitude", total: 2 }], contacts: 2000, rate_bp: 10 },
      {
        month: "2026-11",
        total: 4,
        valid: 2,
        by_cause: [
          { cause_code: "attitude", total: 1 },
          { cause_code: "logistics", total: 2 },
        ],
        contacts: 2000,
        rate_bp: 20,
      },
    ],
    contacts: 4000,
    rate_bp: 15,
  };
}
