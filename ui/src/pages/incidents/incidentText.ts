// 违规与奖惩 in words for the 台账, the record form and the notice: a ledger line reads
// "口头警告", "罚款 ¥10.00" or "扣当月工资 10%", a co-penalty "连带：班长 李娜 1002 罚款 ¥10.00".
// Times are shown on the site's clock. Nothing here prices, counts or judges: the lines, numbers
// and warnings are the backend's; the fields a rule asks for follow the rule's own shape.
import type { TFunction } from "i18next";
import dayjs, { type Dayjs } from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import type { CoParty, IncidentRow, IncidentStatus, Line, LineKind, PreviewLine, RuleBody } from "../../backend";
import { actionLabel, money, partyLabel } from "./bookText";

dayjs.extend(utc);
dayjs.extend(timezone);

const K = "incidents";

/** An instant as the site's clock shows it ("" for none). */
export function siteDateTime(iso: string | null | undefined, timeZone: string, format = "YYYY-MM-DD HH:mm"): string {
  if (!iso) return "";
  const d = dayjs(iso);
  return d.isValid() ? d.tz(timeZone).format(format) : iso;
}

/** An instant as a picker's value: a local dayjs showing the site's wall-clock time. */
export function siteWall(iso: string, timeZone: string): Dayjs {
  return dayjs(dayjs(iso).tz(timeZone).format("YYYY-MM-DDTHH:mm:ss"));
}

/** A picker's wall-clock value, read on the site's clock, as an instant (RFC 3339, UTC). */
export function fromSiteWall(d: Dayjs, timeZone: string): string {
  return dayjs.tz(d.format("YYYY-MM-DDTHH:mm:ss"), timeZone).toISOString();
}

/** Now, to the minute, as an instant. */
export function nowToMinute(now: Date = new Date()): string {
  const d = new Date(now.getTime());
  d.setSeconds(0, 0);
  return d.toISOString();
}

/** The site's current month, YYYY-MM. */
export function siteMonth(timeZone: string, now: Date = new Date()): string {
  return dayjs(now).tz(timeZone).format("YYYY-MM");
}

/** One line in words: 口头警告 / 罚款 ¥10.00 / 扣当月工资 10%. */
export function lineText(t: TFunction, line: Line): string {
  const action = actionLabel(t, line.action);
  if (line.action === "pay_percent") return t(`${K}.line.percent`, { action, percent: line.percent ?? 0 });
  if (line.amount_fen > 0 || line.action === "fine" || line.action === "reward" || line.action === "compensation")
    return t(`${K}.line.money`, { action, money: money(t, line.amount_fen) });
  return action;
}

export function linesText(t: TFunction, lines: readonly Line[]): string {
  return lines.map((l) => lineText(t, l)).join(t(`${K}.line.sep`));
}

/** The party a co-penalty line stands for, when the rule names one (班长 / 经理 / 当班全组). */
export function coParty(body: RuleBody | undefined): CoParty | null {
  const parties = [...new Set((body?.co_penalties ?? []).map((c) => c.party))];
  return parties.length === 1 ? parties[0] : null;
}

export type PersonLines = { employee_no: string; name: string; lines: Line[]; co_penalty_of: string | null };

/** The lines by person, in the order they come: the offender's own, then each co-penalised person's. */
export function linesByPerson(lines: readonly PreviewLine[]): PersonLines[] {
  const out: PersonLines[] = [];
  for (const l of lines) {
    const last = out.find((p) => p.employee_no === l.employee_no && p.co_penalty_of === l.co_penalty_of);
    if (last) last.lines.push(l.line);
    else out.push({ employee_no: l.employee_no, name: l.name, lines: [l.line], co_penalty_of: l.co_penalty_of });
  }
  return out;
}

/** Who a co-penalty is for: "班长 李娜 1002" (the party when the rule names one). */
export function coWho(t: TFunction, p: { name: string; employee_no: string }, party: CoParty | null): string {
  return party
    ? t(`${K}.line.whoParty`, { party: partyLabel(t, party), name: p.name, no: p.employee_no })
    : t(`${K}.line.who`, { name: p.name, no: p.employee_no });
}

/** Sums of money lines by kind (pay percentages carry no amount). */
export function sumByKind(lines: readonly Line[]): Record<LineKind, number> {
  const out: Record<LineKind, number> = { penalty: 0, reward: 0, compensation: 0 };
  for (const l of lines) out[l.kind] += l.amount_fen;
  return out;
}

export const STATUS_COLOR: Record<IncidentStatus, string | undefined> = {
  proposed: "orange",
  confirmed: "green",
  discarded: undefined,
  voided: "red",
};

export function statusLabel(t: TFunction, s: IncidentStatus): string {
  return t(`${K}.status.${s}`, { defaultValue: s });
}

export type AckState = "signed" | "refused" | "none";

export function ackState(row: Pick<IncidentRow, "acknowledged">): AckState {
  if (!row.acknowledged) return "none";
  return row.acknowledged.signed ? "signed" : "refused";
}

/** What a rule asks the recorder for, from its shape (as the backend's `RuleBody` helpers). */
export type RuleNeeds = {
  severity: boolean;
  quantity: boolean;
  item: boolean;
  stated: boolean;
  /** The party a named co-penalty is for (lead or manager), if the rule has one. */
  co: CoParty | null;
  /** The named co-penalty applies every time: the person must be named. */
  coRequired: boolean;
};

export function ruleNeeds(body: RuleBody | undefined): RuleNeeds {
  if (!body) return { severity: false, quantity: false, item: false, stated: false, co: null, coRequired: false };
  const actions = [...body.ladder.flat(), ...(body.co_penalties ?? []).flatMap((c) => c.actions)];
  const amountKind = (kind: string) => actions.some((a) => (a.action === "fine" || a.action === "reward") && a.amount.kind === kind);
  const item = actions.some((a) => a.action === "compensation");
  const named = (body.co_penalties ?? []).find((c) => c.party === "lead" || c.party === "manager");
  return {
    severity: amountKind("by_severity"),
    quantity: item || amountKind("per_unit"),
    item,
    stated: amountKind("stated"),
    co: named?.party ?? null,
    coRequired: named?.always ?? false,
  };
}

/** A file name without characters a file system refuses. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, "_");
}

/** The last part of a path (an evidence file's name). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
