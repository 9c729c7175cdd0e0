import type { TFunction } from "i18next";
import i18n from "../i18n";
import { BackendError, type ImportIssue } from "../backend";

function hasText(key: string): boolean {
  return i18n.exists(key) && typeof i18n.t(key, { returnObjects: true }) === "string";
}

/** Translate a field name carried in error params (e.g. "employee_no" → 工号); else keep it. */
function fieldLabel(t: TFunction, field: string | undefined): string {
  if (!field) return "";
  return hasText(`fields.${field}`) ? t(`fields.${field}`) : field;
}

/** The translation key for a backend code ("seat.taken" → "errors.seat.taken"), if there is one. */
export function errorKey(code: string): string | null {
  const key = `errors.${code}`;
  return hasText(key) ? key : null;
}

/** Any thrown value → one translated sentence (`errors.<code>` filled with params; else the English message). */
export function errorText(t: TFunction, error: unknown): string {
  const e = BackendError.from(error);
  const params: Record<string, string> = { ...e.params, message: e.message };
  // `field` names a form field (employee_no, site name, …), except in import.invalid, where it is
  // a column header exactly as the file spells it.
  if (e.params.field && e.code !== "import.invalid") params.field = fieldLabel(t, e.params.field);
  if (e.params.entity) params.entity = t(`entities.${e.params.entity}`, { defaultValue: e.params.entity });
  const key = errorKey(e.code);
  if (key) return t(key, params);
  return e.message || t("errors.unknown", params);
}

/** What a start-up failure means for the person at the desk: a hint per code, else a generic one. */
export function startupHint(t: TFunction, error: unknown): string {
  const e = BackendError.from(error);
  const key = `startup.hints.${e.code}`;
  return hasText(key) ? t(key) : t("startup.hints.generic");
}

/** An import issue's problem text: translated by code when known, else the backend's message. */
export function issueText(t: TFunction, issue: Pick<ImportIssue, "code" | "message" | "value" | "field">): string {
  const key = errorKey(issue.code);
  if (!key) return issue.message;
  return t(key, { value: issue.value, field: issue.field, message: issue.message });
}
