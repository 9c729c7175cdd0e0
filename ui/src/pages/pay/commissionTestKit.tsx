// Tests only: a month of commission as the backend sends it, and mounting a tab over a per-test
// fake. Nothing here attributes an order, judges a reception or prices a line: each value is the
// answer a test wants the fake to give (times UTC; the site's clock is Asia/Shanghai, UTC+8).
import type { ReactElement } from "react";
import type { Backend, Role } from "../../backend";
import { renderHandover } from "../handover/renderHandover";
import type { CommissionDetail, CommissionMonth, CommissionRow, OrderView, ReceptionView } from "./commissionTypes";

export const MONTH = "2026-11";

export function renderPay<B extends Backend>(ui: ReactElement, backend: B, role: Role = "supervisor") {
  return renderHandover(ui, backend, role);
}

export function row(patch: Partial<CommissionRow> & Pick<CommissionRow, "employee_no" | "name">): CommissionRow {
  return {
    agent_id: 1,
    team_id: 1,
    team_name: "售前一组",
    scheme: "sales",
    receptions: 0,
    valid_receptions: 0,
    orders: 0,
    sales_fen: 0,
    daily_total_days: 0,
    tier: null,
    rate_pct: "0",
    grade: null,
    coefficient: null,
    after_sales: null,
    commission_fen: 0,
    ...patch,
  };
}

/** 王静: ¥60,000.00 in the 0.8% tier, 优秀 (1.2): ¥576.00. */
export const wangJing = (): CommissionRow =>
  row({
    agent_id: 1,
    employee_no: "1001",
    name: "王静",
    receptions: 12,
    valid_receptions: 9,
    orders: 2,
    sales_fen: 6_000_000,
    tier: { from_fen: 5_000_000, rate_pct: "0.8" },
    rate_pct: "0.8",
    grade: "excellent",
    coefficient: "1.2",
    commission_fen: 57_600,
  });

/** 周敏 of 售后组: ¥200,000.00 × 0.2% = ¥400.00, the bonus lost on 退款率. */
export const zhouMin = (): CommissionRow =>
  row({
    agent_id: 21,
    employee_no: "1021",
    name: "周敏",
    team_id: 3,
    team_name: "售后组",
    scheme: "after_sales",
    receptions: 30,
    valid_receptions: 25,
    orders: 5,
    sales_fen: 20_000_000,
    rate_pct: "0.2",
    after_sales: { value_part_fen: 40_000, bonus_fen: 0, missed: ["refund_rate"], unknown: [] },
    commission_fen: 40_000,
  });

export function month(patch: Partial<CommissionMonth> = {}): CommissionMonth {
  return {
    month: MONTH,
    grades_published: true,
    rows: [wangJing(), zhouMin()],
    orders: 10,
    orders_fen: 30_000_000,
    unattributed_orders: 1,
    unattributed_fen: 100_000,
    ...patch,
  };
}

export function reception(patch: Partial<ReceptionView> & Pick<ReceptionView, "id">): ReceptionView {
  return {
    buyer: "阿明",
    employee_no: "1001",
    agent_name: "王静",
    first_at: "2026-11-05T02:00:00Z",
    last_at: "2026-11-05T02:01:00Z",
    messages: 4,
    buyer_messages: 2,
    initiator: "buyer",
    ended: "idle",
    valid: true,
    invalid_reason: null,
    after_order_no: null,
    orders: [],
    ...patch,
  };
}

/** 阿明 asked 王静 11-05 10:00–10:01 and paid A1 at 10:30 (28 minutes after the last word, as the backend counts it). */
export const consulted = (): OrderView => ({
  order_no: "A1",
  buyer: "阿明",
  paid_at: "2026-11-05T02:30:00Z",
  amount_fen: 6_000_000,
  attribution: { rule: "consulted_before", reception: reception({ id: 1, orders: ["A1"] }), minutes_apart: 28 },
  nearby: [],
});

/** 小红 paid B2 at 11-06 09:00 and wrote to 王静 at 15:00. */
export const buyerAfter = (): OrderView => ({
  order_no: "B2",
  buyer: "小红",
  paid_at: "2026-11-06T01:00:00Z",
  amount_fen: 12_345,
  attribution: {
    rule: "buyer_after",
    reception: reception({ id: 2, buyer: "小红", first_at: "2026-11-06T07:00:00Z", last_at: "2026-11-06T07:05:00Z", messages: 5, orders: ["B2"] }),
    minutes_apart: 360,
  },
  nearby: [],
});

/** 老李 paid D1 at 11-07 20:00; 王静 wrote to him at 21:00, which does not count. */
export const agentAfter = (): OrderView => ({
  order_no: "D1",
  buyer: "老李",
  paid_at: "2026-11-07T12:00:00Z",
  amount_fen: 100_000,
  attribution: null,
  nearby: [
    reception({
      id: 3,
      buyer: "老李",
      first_at: "2026-11-07T13:00:00Z",
      last_at: "2026-11-07T13:04:00Z",
      messages: 6,
      initiator: "agent",
      valid: false,
      invalid_reason: "agent_after_payment",
      after_order_no: "D1",
    }),
  ],
});

export function detail(patch: Partial<CommissionDetail> = {}): CommissionDetail {
  const tooFew = reception({ id: 4, buyer: "小张", first_at: "2026-11-08T03:00:00Z", last_at: "2026-11-08T03:00:30Z", messages: 2, buyer_messages: 1, ended: "wait_timeout", valid: false, invalid_reason: "too_few_messages" });
  return {
    employee_no: "1001",
    name: "王静",
    month: MONTH,
    row: wangJing(),
    receptions: [consulted().attribution!.reception, buyerAfter().attribution!.reception, agentAfter().nearby[0], tooFew],
    orders: [consulted(), buyerAfter()],
    attribution_days: 1,
    ...patch,
  };
}
