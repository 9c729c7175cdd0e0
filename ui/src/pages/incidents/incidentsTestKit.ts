// Tests only: canned incidents and proposals as the backend sends them for the 台账, the record
// form and the board's 记为违规. Nothing here counts offences, prices lines or checks the cap:
// each is the answer a test wants the fake to give.
import type { IncidentPreview, IncidentRow, Line, PreviewLine } from "../../backend";

export const MONTH = "2026-11";

export const fine = (fen: number): Line => ({ action: "fine", kind: "penalty", amount_fen: fen, percent: null });
export const warning = (): Line => ({ action: "verbal_warning", kind: "penalty", amount_fen: 0, percent: null });
export const reward = (fen: number): Line => ({ action: "reward", kind: "reward", amount_fen: fen, percent: null });
export const compensation = (fen: number): Line => ({ action: "compensation", kind: "compensation", amount_fen: fen, percent: null });

export function own(employee_no: string, name: string, line: Line, offence_no: number | null = 1): PreviewLine {
  return { employee_no, name, line, offence_no, co_penalty_of: null };
}

export function co(employee_no: string, name: string, line: Line, of: string): PreviewLine {
  return { employee_no, name, line, offence_no: null, co_penalty_of: of };
}

/** 李娜's second 上班做与工作无关的事 this month: 罚款 30 元, and 王静 (the lead named) the same. */
export function secondOffencePreview(): IncidentPreview {
  return {
    rule_code: "non_work_activity",
    rule_name_zh: "上班做与工作无关的事",
    rule_name_en: "Non-work activity at work",
    rule_version_id: 15,
    offence_no: 2,
    lines: [own("1002", "李娜", fine(3000), 2), co("1001", "王静", fine(3000), "1002")],
    earlier: [{ incident_id: 7, ts: "2026-11-03T02:15:00Z", offence_no: 1, status: "confirmed" }],
    renumbers: [],
    over_cap: [],
  };
}

/** 陈晨's first late sign-in this month: 口头警告. */
export function lateSignInPreview(): IncidentPreview {
  return {
    rule_code: "late_sign_in",
    rule_name_zh: "迟到签入",
    rule_name_en: "Not signed in and ready on time",
    rule_version_id: 16,
    offence_no: 1,
    lines: [own("1005", "陈晨", warning(), 1)],
    earlier: [],
    renumbers: [],
    over_cap: [],
  };
}

export function incidentRow(patch: Partial<IncidentRow> & Pick<IncidentRow, "id">): IncidentRow {
  return {
    ts: "2026-11-10T02:00:00Z",
    local_date: "2026-11-10",
    employee_no: "1002",
    name: "李娜",
    team_id: 1,
    team_name: "售前一组",
    rule_code: "non_work_activity",
    rule_name_zh: "上班做与工作无关的事",
    rule_name_en: "Non-work activity at work",
    rule_version_id: 15,
    severity: null,
    quantity: 1,
    item_code: null,
    item_price_fen: null,
    co_employee_no: null,
    place: null,
    witness: null,
    note: null,
    alert_ref: null,
    source: "app",
    status: "confirmed",
    recorded_at: "2026-11-10T02:05:00Z",
    recorded_by_name: "沈丽华",
    record_id: null,
    offence_no: 1,
    lines: [],
    acknowledged: null,
    evidence: [],
    ...patch,
  };
}

/** A month of the ledger: confirmed, proposed, voided, a reward and equipment paid for. */
export function ledgerRows(): IncidentRow[] {
  return [
    incidentRow({
      id: 11,
      ts: "2026-11-12T06:30:00Z",
      local_date: "2026-11-12",
      record_id: 21,
      offence_no: 2,
      co_employee_no: "1001",
      place: "A 区",
      note: "上班时间玩手机",
      lines: [own("1002", "李娜", fine(3000), 2), co("1001", "王静", fine(3000), "1002")],
      acknowledged: { signed: true, at: "2026-11-12T07:00:00Z", witness_name: null },
      evidence: ["/data/evidence/11-photo.jpg"],
    }),
    incidentRow({
      id: 12,
      ts: "2026-11-11T00:57:00Z",
      local_date: "2026-11-11",
      employee_no: "1005",
      name: "陈晨",
      rule_code: "late_sign_in",
      rule_name_zh: "迟到签入",
      rule_name_en: "Not signed in and ready on time",
      rule_version_id: 16,
      status: "proposed",
      source: "board",
      recorded_by_name: "王静",
      offence_no: null,
      lines: [],
    }),
    incidentRow({
      id: 13,
      ts: "2026-11-05T03:00:00Z",
      local_date: "2026-11-05",
      employee_no: "1003",
      name: "张伟",
      status: "voided",
      record_id: null,
      lines: [own("1003", "张伟", fine(1000), 1)],
    }),
    incidentRow({
      id: 14,
      ts: "2026-11-04T09:00:00Z",
      local_date: "2026-11-04",
      employee_no: "1004",
      name: "刘洋",
      rule_code: "customer_praise",
      rule_name_zh: "客户表扬",
      rule_name_en: "Praised by a customer",
      record_id: 24,
      offence_no: 1,
      lines: [own("1004", "刘洋", reward(5000), 1)],
    }),
    incidentRow({
      id: 15,
      ts: "2026-11-03T08:00:00Z",
      local_date: "2026-11-03",
      employee_no: "1014",
      name: "朱琳",
      team_id: 2,
      team_name: "售前二组",
      rule_code: "equipment_damage",
      rule_name_zh: "损坏设备",
      rule_name_en: "Damaged equipment",
      item_code: "headset",
      item_price_fen: 1500,
      record_id: 25,
      offence_no: 1,
      lines: [own("1014", "朱琳", compensation(1500), 1)],
    }),
  ];
}
