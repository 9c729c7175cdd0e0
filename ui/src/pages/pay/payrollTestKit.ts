// Tests only: the pay sheet, a slip and the commission settings as the backend sends them. The
// figures are canned answers a test asks for; nothing here prices a line, applies a tier or
// checks the cap.
import type { CommissionSettings, LedgerLine, Line, PayLine, PayRow, PaySheet, PaySlip } from "../../backend";

export const MONTH = "2026-11";

export function payLine(patch: Partial<PayLine> = {}): PayLine {
  return {
    base_fen: 400000,
    commission_fen: 123456,
    rewards_fen: 0,
    pay_percent_fen: 0,
    deductions_fen: 0,
    net_fen: 523456,
    cap_fen: 104691,
    over_cap: false,
    ...patch,
  };
}

export function payRow(employee_no: string, name: string, line: PayLine, patch: Partial<PayRow> = {}): PayRow {
  return { agent_id: Number(employee_no), employee_no, name, team_name: "售前一组", base_pay_set: true, line, ...patch };
}

/** 王静 ordinary; 李娜 over the cap; 陈晨 without base pay. Totals as the backend summed them. */
export function paySheet(patch: Partial<PaySheet> = {}): PaySheet {
  return {
    month: MONTH,
    grades_published: true,
    rows: [
      payRow("1001", "王静", payLine()),
      payRow("1002", "李娜", payLine({ commission_fen: 0, deductions_fen: 90000, net_fen: 310000, cap_fen: 80000, over_cap: true })),
      payRow("1005", "陈晨", payLine({ base_fen: 0, commission_fen: 50000, net_fen: 50000, cap_fen: 10000 }), { base_pay_set: false }),
    ],
    base_fen: 800000,
    commission_fen: 173456,
    rewards_fen: 0,
    deductions_fen: 90000,
    net_fen: 883456,
    ...patch,
  };
}

export const fine = (fen: number): Line => ({ action: "fine", kind: "penalty", amount_fen: fen, percent: null });
export const reward = (fen: number): Line => ({ action: "reward", kind: "reward", amount_fen: fen, percent: null });
export const payPercent = (percent: number): Line => ({ action: "pay_percent", kind: "penalty", amount_fen: 0, percent });

export function ledgerLine(record_id: number, rule_name_zh: string, local_date: string, line: Line, voided = false): LedgerLine {
  return {
    record_id,
    incident_id: record_id,
    line_no: 1,
    employee_no: "1002",
    name: "李娜",
    team_id: 1,
    rule: "rule_" + record_id,
    rule_name_zh,
    offence_no: 1,
    line,
    ts: `${local_date}T02:00:00Z`,
    local_date,
    co_penalty_of: null,
    voided,
    approved_at: `${local_date}T03:00:00Z`,
  };
}

/** 李娜's November: a reward of 50, a fine of 30, 10 % of pay docked (priced 5,234.56 × 10 %). */
export function paySlip(patch: Partial<PaySlip> = {}): PaySlip {
  const line = payLine({ rewards_fen: 5000, pay_percent_fen: 52346, deductions_fen: 55346, net_fen: 473110, cap_fen: 105691 });
  return {
    month: MONTH,
    grades_published: true,
    row: payRow("1002", "李娜", line),
    commission: {
      agent_id: 1002,
      employee_no: "1002",
      name: "李娜",
      team_id: 1,
      team_name: "售前一组",
      scheme: "sales",
      receptions: 820,
      valid_receptions: 640,
      orders: 210,
      sales_fen: 15432000,
      daily_total_days: 0,
      tier: { from_fen: 10000000, rate_pct: "0.8" },
      rate_pct: "0.8",
      grade: "good",
      coefficient: "1.0",
      after_sales: null,
      commission_fen: 123456,
    },
    lines: [
      ledgerLine(21, "好评表扬", "2026-11-05", reward(5000)),
      ledgerLine(22, "上班做与工作无关的事", "2026-11-12", fine(3000)),
      ledgerLine(23, "泄露客户信息", "2026-11-20", payPercent(10)),
      ledgerLine(24, "迟到签入", "2026-11-21", fine(1000), true),
    ],
    cap_percent: 20,
    ...patch,
  };
}

export function commissionSettings(patch: Partial<CommissionSettings> = {}): CommissionSettings {
  return {
    month: MONTH,
    tiers: [
      { from_fen: 0, rate_pct: "0.5" },
      { from_fen: 10000000, rate_pct: "0.8" },
    ],
    tiers_from: "2000-01",
    coefficients: { excellent: "1.2", good: "1.0", pass: "0.8", fail: "0.5", ungraded: "0.8" },
    coefficients_from: "2000-01",
    teams: [
      { team_id: 1, team_name: "售前一组", scheme: "sales", after_sales_rate_pct: "0", target_bonus_fen: 0, targets: [] },
      {
        team_id: 3,
        team_name: "售后组",
        scheme: "after_sales",
        after_sales_rate_pct: "0.3",
        target_bonus_fen: 50000,
        targets: [
          { key: "refund_rate", label_zh: "退款率", unit: "%", direction: "at_most", target: "5", actual: "3.2" },
          { key: "dsr", label_zh: "DSR评分", unit: "分", direction: "at_least", target: "4.8", actual: null },
        ],
      },
    ],
    ...patch,
  };
}
