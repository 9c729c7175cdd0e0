// The rule book in words and money in yuan, for the 违规目录, 设备, 经费 and 申诉 tabs: a ladder
// reads "第1次：口头警告 + 罚款 ¥10.00；第2次：罚款 ¥30.00；第3次及以后：建议开除". Money is integer
// fen everywhere; people read and type yuan with two decimals. Nothing here decides a penalty:
// it only says what the rule (as the backend sent it) holds.
import type { TFunction } from "i18next";
import type { Action, ActionCode, Amount, Category, CoParty, CoPenalty, LineKind, Period, RuleBody } from "../../backend";

const K = "incidents.book";

export const CATEGORIES: readonly Category[] = [
  "floor_discipline",
  "attendance",
  "meetings_training",
  "customer_complaints",
  "data_accuracy",
  "equipment",
  "rewards",
];

export const ACTION_CODES: readonly ActionCode[] = [
  "verbal_warning",
  "written_warning",
  "self_review",
  "fine",
  "pay_percent",
  "reassign",
  "dismissal_proposal",
  "reward",
  "compensation",
];

export const CO_PARTIES: readonly CoParty[] = ["lead", "manager", "shift_team"];

export const AMOUNT_KINDS: readonly Amount["kind"][] = ["fixed", "by_severity", "per_unit", "stated"];

/** 1050 → "10.50". */
export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** What a yuan input holds → integer fen (an empty input → 0, which the backend refuses where it matters). */
export function yuanToFen(yuan: number | null | undefined): number {
  return yuan === null || yuan === undefined || !Number.isFinite(yuan) ? 0 : Math.round(yuan * 100);
}

/** Fen → what a yuan input shows. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** 1000 → "¥10.00". */
export function money(t: TFunction, fen: number): string {
  return t(`${K}.text.money`, { yuan: formatYuan(fen) });
}

export function categoryLabel(t: TFunction, c: Category): string {
  return t(`${K}.categories.${c}`, { defaultValue: c });
}

export function actionLabel(t: TFunction, a: ActionCode): string {
  return t(`${K}.actions.${a}`, { defaultValue: a });
}

export function partyLabel(t: TFunction, p: CoParty): string {
  return t(`${K}.parties.${p}`, { defaultValue: p });
}

export function periodText(t: TFunction, p: Period): string {
  return p.kind === "rolling_days" ? t(`${K}.periods.rolling_days`, { days: p.days }) : t(`${K}.periods.${p.kind}`);
}

/** Which way a line's money goes (as the backend's `ActionCode::kind`). */
export function lineKind(a: ActionCode): LineKind {
  return a === "reward" ? "reward" : a === "compensation" ? "compensation" : "penalty";
}

/** Actions whose ledger line carries an amount of money. */
export function carriesMoney(a: ActionCode): boolean {
  return a === "fine" || a === "reward" || a === "compensation";
}

/** One action in words: 口头警告, 罚款 ¥10.00, 罚款 每个 ¥20.00, 扣当月工资 10%. */
export function actionText(t: TFunction, a: Action): string {
  const action = actionLabel(t, a.action);
  if (a.action === "pay_percent") return t(`${K}.text.payPercent`, { action, percent: a.percent });
  if (a.action !== "fine" && a.action !== "reward") return action;
  const amount = a.amount;
  switch (amount.kind) {
    case "fixed":
      return t(`${K}.text.fixed`, { action, money: money(t, amount.fen) });
    case "per_unit":
      return t(`${K}.text.perUnit`, { action, money: money(t, amount.fen) });
    case "by_severity":
      return t(`${K}.text.bySeverity`, { action, list: amount.fen.map((f) => money(t, f)).join("/") });
    case "stated":
      return t(`${K}.text.stated`, { action });
  }
}

export function actionsText(t: TFunction, actions: readonly Action[]): string {
  return actions.map((a) => actionText(t, a)).join(t(`${K}.text.actionSep`));
}

/** Each step in words: 第1次：…, 第2次：…, 第3次及以后：… (a one-step ladder: 每次：…). */
export function ladderSteps(t: TFunction, ladder: readonly (readonly Action[])[]): string[] {
  if (ladder.length === 1) return [t(`${K}.text.stepOnly`, { actions: actionsText(t, ladder[0]) })];
  return ladder.map((step, i) =>
    t(i === ladder.length - 1 ? `${K}.text.stepLast` : `${K}.text.step`, { n: i + 1, actions: actionsText(t, step) }),
  );
}

/** The whole ladder on one line, steps joined with "；". */
export function ladderText(t: TFunction, ladder: readonly (readonly Action[])[]): string {
  return ladderSteps(t, ladder).join(t(`${K}.text.stepSep`));
}

/** 班长受相应处罚（记录时指名） / 经理 罚款 ¥20.00. */
export function coPenaltyText(t: TFunction, c: CoPenalty): string {
  const party = partyLabel(t, c.party);
  const what = c.actions.length === 0 ? t(`${K}.text.coSame`, { party }) : t(`${K}.text.coActions`, { party, actions: actionsText(t, c.actions) });
  return c.always ? what : what + t(`${K}.text.coNamed`);
}

/** 连带：班长受相应处罚 / 经理 罚款 ¥20.00; empty without co-penalties. */
export function coPenaltiesText(t: TFunction, cs: readonly CoPenalty[] | undefined): string {
  if (!cs || cs.length === 0) return "";
  return t(`${K}.text.coPrefix`) + cs.map((c) => coPenaltyText(t, c)).join(t(`${K}.text.coSep`));
}

/** The rule's name in the UI's language. */
export function ruleName(body: Pick<RuleBody, "name_zh" | "name_en">, en: boolean): string {
  return en && body.name_en ? body.name_en : body.name_zh;
}

/** Today as YYYY-MM-DD on this machine's calendar. */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
