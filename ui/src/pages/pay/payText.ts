// 提成 in words: money (integer fen) as ¥ with thousands separators, instants on the site's clock,
// a tier, a grade, an agent's line as a formula, and one sentence per order saying why it counts
// for whom (or why for nobody). Every figure and every judgement is the backend's: this file only
// words what an OrderView, ReceptionView or CommissionRow says.
import type { TFunction } from "i18next";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import type { Grade } from "../../backend";
import type { AfterSalesResult, CommissionRow, OrderView, ReceptionView, Tier } from "./commissionTypes";
import { moneyText } from "./payrollText";

dayjs.extend(utc);
dayjs.extend(timezone);

export const C = "commission";

/** 6000000 → "¥60,000.00"; −500 → "-¥5.00" (the pay sheet's formatter, one for the page). */
export const yuan = moneyText;

/** A threshold: "¥50,000" when whole yuan, else as `yuan`. */
export function yuanShort(fen: number): string {
  return fen % 100 === 0 ? yuan(fen).replace(/\.00$/, "") : yuan(fen);
}

/** The site's current month, YYYY-MM. */
export function currentMonth(timeZone: string, now: Date = new Date()): string {
  return dayjs(now).tz(timeZone).format("YYYY-MM");
}

/** An instant on the site's clock. */
export function siteTime(iso: string, timeZone: string, format = "MM-DD HH:mm"): string {
  const d = dayjs(iso);
  return d.isValid() ? d.tz(timeZone).format(format) : iso;
}

/** A reception's span: "11-05 10:00–10:01", or both dates when it crosses midnight. */
export function spanText(r: Pick<ReceptionView, "first_at" | "last_at">, timeZone: string): string {
  const from = siteTime(r.first_at, timeZone);
  const to = siteTime(r.last_at, timeZone);
  return from.slice(0, 5) === to.slice(0, 5) ? `${from}–${to.slice(6)}` : `${from}–${to}`;
}

/** 28 → "28 分钟"; 360 → "6 小时"; 1500 → "1 天 1 小时". */
export function durationText(t: TFunction, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t(`${C}.duration.minutes`, { count: m });
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const rest = m % 60;
  const parts: string[] = [];
  if (days) parts.push(t(`${C}.duration.days`, { count: days }));
  if (hours) parts.push(t(`${C}.duration.hours`, { count: hours }));
  if (rest && !days) parts.push(t(`${C}.duration.minutes`, { count: rest }));
  return parts.join(" ");
}

export function schemeLabel(t: TFunction, scheme: CommissionRow["scheme"]): string {
  return t(`${C}.scheme.${scheme}`);
}

export function gradeText(t: TFunction, grade: Grade | null): string {
  return grade ? t(`scores.grades.${grade}`) : t(`${C}.ungraded`);
}

/** "≥ ¥50,000 · 0.8%". */
export function tierText(t: TFunction, tier: Tier): string {
  return t(`${C}.tier`, { from: yuanShort(tier.from_fen), rate: tier.rate_pct });
}

/** A target's name: the team's table when read, else the product's name for the key, else the key. */
export type TargetLabel = (key: string) => string | null;

function targetNames(t: TFunction, keys: readonly string[], label: TargetLabel): string {
  return keys.map((k) => label(k) ?? t(`${C}.targets.${k}`, { defaultValue: k })).join(t(`${C}.listSep`));
}

/** 奖金 ¥500 已达标 / 奖金 ¥500 未达标：退款率 / 奖金 ¥500 待录入：DSR评分 (the amount when known). */
export function bonusText(t: TFunction, a: AfterSalesResult, label: TargetLabel, promisedFen: number | null): string {
  if (a.missed.length === 0 && a.unknown.length === 0) return t(`${C}.bonus.met`, { bonus: yuan(a.bonus_fen) });
  const bonus = promisedFen === null ? "" : ` ${yuan(promisedFen)}`;
  if (a.missed.length > 0) return t(`${C}.bonus.missed`, { bonus, targets: targetNames(t, a.missed, label) });
  return t(`${C}.bonus.unknown`, { bonus, targets: targetNames(t, a.unknown, label) });
}

/** The line as a formula: "¥60,000.00 × 0.8% × 1.2（优秀）= ¥576.00", or value × rate + bonus for after-sales. */
export function formulaText(t: TFunction, row: CommissionRow, label: TargetLabel, promisedFen: number | null): string {
  if (row.scheme === "after_sales" && row.after_sales) {
    const a = row.after_sales;
    return t(`${C}.formula.afterSales`, {
      sales: yuan(row.sales_fen),
      rate: row.rate_pct,
      part: yuan(a.value_part_fen),
      bonus: bonusText(t, a, label, promisedFen),
      total: yuan(row.commission_fen),
    });
  }
  return t(`${C}.formula.sales`, {
    sales: yuan(row.sales_fen),
    rate: row.rate_pct,
    coefficient: row.coefficient ?? "—",
    grade: gradeText(t, row.grade),
    total: yuan(row.commission_fen),
  });
}

/** "订单 A1 · 买家 阿明 · 11-05 10:30 付款 ¥60,000.00". */
export function orderHead(t: TFunction, o: OrderView, timeZone: string): string {
  return t(`${C}.order.head`, { order: o.order_no, buyer: o.buyer, paid: siteTime(o.paid_at, timeZone), amount: yuan(o.amount_fen) });
}

/**
 * Why an attributed order counts for its agent, in one sentence; why nobody got it otherwise.
 * `days` is 买家咨询有效期 when the read carries it (an agent's detail), else the rule is named without it.
 */
export function basisText(t: TFunction, o: OrderView, timeZone: string, days: number | null): string {
  const a = o.attribution;
  if (!a) return unattributedText(t, o, timeZone, days);
  const r = a.reception;
  const which = a.rule === "buyer_after" ? "after" : "before";
  const rule = days === null ? t(`${C}.rule.${which}Any`) : t(`${C}.rule.${which}`, { days });
  const args = { span: spanText(r, timeZone), messages: r.messages, rule, agent: r.agent_name, apart: durationText(t, a.minutes_apart) };
  if (a.rule === "buyer_after") return t(`${C}.order.buyerAfter`, args);
  return a.minutes_apart <= 0 ? t(`${C}.order.consultingAtPayment`, args) : t(`${C}.order.consultedBefore`, args);
}

/** Why a reception does not count: 消息不足（2 条）/ 付款后客服主动联系（订单 D1）/ 超出咨询有效期. */
export function invalidText(t: TFunction, r: ReceptionView): string | null {
  if (r.invalid_reason === "too_few_messages") return t(`${C}.invalid.tooFew`, { count: r.messages });
  if (r.invalid_reason === "agent_after_payment")
    return r.after_order_no ? t(`${C}.invalid.agentAfterOrder`, { order: r.after_order_no }) : t(`${C}.invalid.agentAfter`);
  if (r.invalid_reason) return r.invalid_reason;
  return null;
}

/** An order nobody got: no reception in the period, or each nearby one with why it does not count. */
export function unattributedText(t: TFunction, o: OrderView, timeZone: string, days: number | null): string {
  if (o.nearby.length === 0) return days === null ? t(`${C}.order.noReceptionAny`) : t(`${C}.order.noReception`, { days });
  const each = o.nearby.map((r) =>
    t(`${C}.order.nearby`, {
      agent: r.agent_name,
      span: spanText(r, timeZone),
      why: invalidText(t, r) ?? t(`${C}.invalid.outOfPeriod`),
    }),
  );
  return t(`${C}.order.none`, { list: each.join(t(`${C}.listSep`)) });
}

export function initiatorText(t: TFunction, r: ReceptionView): string {
  return t(`${C}.initiator.${r.initiator}`);
}

export function endedText(t: TFunction, r: ReceptionView): string {
  return r.ended === "last_message" ? "—" : t(`${C}.ended.${r.ended}`);
}
