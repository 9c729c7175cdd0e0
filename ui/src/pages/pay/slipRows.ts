// The slip's itemised lines, read off the ledger lines the backend sent with the slip: rewards on
// one side, fines and equipment paid for on the other, `pay_percent` lines with their percent.
// Nothing is priced here: amounts are the lines' own, and the percentages' money is the pay
// line's `pay_percent_fen` as the backend priced it.
import type { TFunction } from "i18next";
import type { LedgerLine, PaySlip } from "../../backend";
import { actionLabel } from "../incidents/bookText";
import { P, gradeLabel, moneyText } from "./payrollText";

export type SlipItem = {
  key: string;
  text: string;
  /** None for a `pay_percent` line (priced together, on the pay line). */
  amount_fen: number | null;
};

function item(t: TFunction, l: LedgerLine): SlipItem {
  const base = { date: l.local_date, rule: l.rule_name_zh, action: actionLabel(t, l.line.action) };
  const key = `${l.record_id}-${l.line_no}`;
  if (l.line.action === "pay_percent")
    return { key, text: t(`${P}.slip.percentLine`, { ...base, percent: l.line.percent ?? 0 }), amount_fen: null };
  return { key, text: t(`${P}.slip.ledgerLine`, base), amount_fen: l.line.amount_fen };
}

/** The month's rewards and deductions, in the order the ledger lists them (voided records left out). */
export function slipItems(t: TFunction, slip: PaySlip): { rewards: SlipItem[]; deductions: SlipItem[] } {
  const live = slip.lines.filter((l) => !l.voided);
  const rewards = live.filter((l) => l.line.kind === "reward" && l.line.amount_fen > 0).map((l) => item(t, l));
  const deductions = live
    .filter((l) => l.line.kind !== "reward" && (l.line.amount_fen > 0 || l.line.action === "pay_percent"))
    .map((l) => item(t, l));
  return { rewards, deductions };
}

/** 提成's basis in one line: 销售额 × 比例 × 系数, or 售后：金额 × 比例 + 奖金. */
export function commissionBasis(t: TFunction, c: PaySlip["commission"]): string {
  if (!c) return t(`${P}.slip.noCommission`);
  if (c.scheme === "after_sales")
    return t(`${P}.slip.basisAfterSales`, { sales: moneyText(c.sales_fen), rate: c.rate_pct, bonus: moneyText(c.after_sales?.bonus_fen ?? 0) });
  return t(`${P}.slip.basisSales`, {
    sales: moneyText(c.sales_fen),
    rate: c.rate_pct,
    coefficient: c.coefficient ?? "—",
    grade: gradeLabel(t, c.grade),
  });
}
