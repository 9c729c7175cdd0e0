// 投诉处理 in words: a channel (电话), a status (已分流), a step (调查判定), a severity (3 一般), a
// cause in the UI's language, who handles a complaint ("1019 马超 · 售后组") and a complaint rate
// (per 10,000 contacts → "0.15%"). Nothing here decides a due time, an overdue or a proposal:
// those come from the backend as they are.
import type { TFunction } from "i18next";
import dayjs from "dayjs";
import type { ComplaintChannel, ComplaintRow, ComplaintStatus, ComplaintStep } from "../../backend";
import { siteMonth } from "../incidents/incidentText";

export const K = "complaints";

export const CHANNELS: readonly ComplaintChannel[] = ["phone", "chat", "email", "platform", "letter", "visit", "other"];

export const STATUSES: readonly ComplaintStatus[] = ["registered", "routed", "ruled", "replied", "visited", "closed"];

/** The workflow's steps after registering, in order. */
export const STEPS: readonly ComplaintStep[] = ["route", "rule", "reply", "visit", "close"];

export const SEVERITIES: readonly number[] = [1, 2, 3, 4, 5];

export const STATUS_COLOR: Record<ComplaintStatus, string | undefined> = {
  registered: "orange",
  routed: "blue",
  ruled: "geekblue",
  replied: "cyan",
  visited: "purple",
  closed: "green",
};

export function channelLabel(t: TFunction, c: ComplaintChannel): string {
  return t(`${K}.channel.${c}`, { defaultValue: c });
}

export function statusLabel(t: TFunction, s: ComplaintStatus): string {
  return t(`${K}.status.${s}`, { defaultValue: s });
}

export function stepLabel(t: TFunction, s: ComplaintStep | "register"): string {
  return t(`${K}.step.${s}`, { defaultValue: s });
}

/** "3 一般". */
export function severityLabel(t: TFunction, n: number): string {
  return `${n} ${t(`${K}.severity.${n}`, { defaultValue: "" })}`.trim();
}

/** A cause's (or a count's) name in the UI's language. */
export function nameIn(x: { name_zh: string; name_en: string }, en: boolean): string {
  return en && x.name_en ? x.name_en : x.name_zh;
}

/** "1019 马超 · 售后组", "售后组" or "" for nobody yet. */
export function handlerText(row: Pick<ComplaintRow, "employee_no" | "name" | "team_name">): string {
  const person = row.employee_no ? [row.employee_no, row.name ?? ""].join(" ").trim() : "";
  return [person, row.team_name ?? ""].filter(Boolean).join(" · ");
}

/** Complaints per 10,000 contacts as a percentage: 15 → "0.15%". */
export function rateText(bp: number | null | undefined): string | null {
  return bp === null || bp === undefined ? null : `${(bp / 100).toFixed(2)}%`;
}

/** The last six months up to the site's current one, as [from, to] (YYYY-MM). */
export function lastSixMonths(timeZone: string, now: Date = new Date()): [string, string] {
  const to = siteMonth(timeZone, now);
  return [dayjs(`${to}-01`).subtract(5, "month").format("YYYY-MM"), to];
}
