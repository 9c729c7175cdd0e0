// The analysis in words, for each chart's summary (what screen readers and tests read): "服务态度 3
// 起、物流 2 起", "2026-11 4 起（有理 1）", "马超 1019 3 起（有理 2）", "售后组 5 起（有理 2，投诉率
// 0.15%）". The counts and rates are the backend's.
import type { TFunction } from "i18next";
import type { ComplaintAnalysis, ComplaintCount, TeamCount } from "../../backend";
import { K, nameIn, rateText } from "./complaintText";

const A = `${K}.analysis`;

function list(t: TFunction, items: string[]): string {
  return items.length ? items.join(t(`${A}.sep`)) : t(`${A}.none`);
}

/** A cause's name; the last entry (key "") is the complaints not closed yet. */
export function causeName(t: TFunction, c: Pick<ComplaintCount, "key" | "name_zh" | "name_en">, en: boolean): string {
  return c.key === "" ? t(`${A}.notClosed`) : nameIn(c, en);
}

export function teamName(t: TFunction, c: Pick<TeamCount, "team_name">): string {
  return c.team_name ?? t(`${A}.unassigned`);
}

/** The causes with complaints, each with its count. */
export function causesSummary(t: TFunction, a: ComplaintAnalysis, en: boolean): string {
  const items = a.by_cause.filter((c) => c.total > 0).map((c) => t(`${A}.countItem`, { name: causeName(t, c, en), count: c.total }));
  return t(`${A}.summaryCauses`, { from: a.from_month, to: a.to_month, list: list(t, items) });
}

export function monthsSummary(t: TFunction, a: ComplaintAnalysis): string {
  const items = a.by_month.map((m) => t(`${A}.monthItem`, { month: m.month, total: m.total, valid: m.valid }));
  return t(`${A}.summaryMonths`, { list: list(t, items) });
}

/** The agents charted: those named (not "none yet"), most complaints first, ten at most. */
export function topAgents(a: ComplaintAnalysis): ComplaintCount[] {
  return a.by_agent.filter((c) => c.key !== "").slice(0, 10);
}

export function agentsSummary(t: TFunction, a: ComplaintAnalysis, en: boolean): string {
  const items = topAgents(a).map((c) => t(`${A}.agentItem`, { name: nameIn(c, en), no: c.key, total: c.total, valid: c.valid }));
  return t(`${A}.summaryAgents`, { list: list(t, items) });
}

export function teamsSummary(t: TFunction, a: ComplaintAnalysis): string {
  const items = a.by_team.map((c) => {
    const rate = rateText(c.rate_bp);
    const base = { name: teamName(t, c), total: c.total, valid: c.valid };
    return rate ? t(`${A}.teamItemRate`, { ...base, rate }) : t(`${A}.teamItem`, base);
  });
  return t(`${A}.summaryTeams`, { list: list(t, items) });
}
