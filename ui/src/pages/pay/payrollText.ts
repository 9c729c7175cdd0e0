// 工资表 / 工资条 / 提成设置 / 导入: money as the backend sends it (integer fen) shown as ¥ with
// thousands separators, and what a yuan input holds read back to fen exactly (no floats). The
// UI prices nothing here: every figure is the backend's.
import type { TFunction } from "i18next";
import type { Grade } from "../../backend";

export const P = "payroll";

/** 1234567 → "12,345.67"; −500 → "-5.00". */
export function yuanText(fen: number): string {
  const whole = Math.round(fen);
  const sign = whole < 0 ? "-" : "";
  const abs = Math.abs(whole);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

/** 1234567 → "¥12,345.67". */
export function moneyText(fen: number): string {
  const text = yuanText(fen);
  return text.startsWith("-") ? `-¥${text.slice(1)}` : `¥${text}`;
}

/**
 * What a yuan input holds → integer fen, read as text: "50,000.00" → 5000000, "12.5" → 1250,
 * "¥3" → 300. Null for anything else (empty, negative, more than two decimals).
 */
export function parseYuan(input: string): number | null {
  const text = input.replace(/[\s,，¥￥]/g, "");
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** A decimal input (a rate, a coefficient, a target) as the backend wants it: trimmed, or null if not a number. */
export function decimalText(input: string): string | null {
  const text = input.trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}

export function gradeLabel(t: TFunction, grade: Grade | null): string {
  return grade ? t(`scores.grades.${grade}`) : t(`${P}.grade.ungraded`);
}

/** A file name without the characters a file system refuses. */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, "_");
}
