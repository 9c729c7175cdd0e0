import dayjs from "dayjs";
import type { TFunction } from "i18next";
import type { Level, PolicyUnit, Role } from "../backend";

export const LEVELS: Level[] = ["junior", "intermediate", "senior", "lead", "supervisor"];
export const ROLES: Role[] = ["supervisor", "team_lead", "manager", "agent"];

/** A calendar date (YYYY-MM-DD, no time zone) in the current locale's short format. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  // Built from its parts, so the day never shifts with the machine's time zone.
  const d = m ? dayjs(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : dayjs(date);
  return d.isValid() ? d.format("L") : date;
}

/** An instant (RFC 3339, usually UTC from the backend) in local time, in the current locale. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = dayjs(new Date(iso));
  return d.isValid() ? d.format("L LT") : iso;
}

/** True for the Unix epoch (or before): the store's "in force from the beginning" instant. */
export function isBeginningOfTime(iso: string): boolean {
  const ms = new Date(iso).getTime();
  return Number.isFinite(ms) && ms <= 0;
}

/** 1 = Monday … 7 = Sunday → 星期一 … 星期日 / Monday … Sunday. */
export function weekdayLabel(t: TFunction, n: number): string {
  return t(`weekdays.${n}`, { defaultValue: String(n) });
}

export function levelLabel(t: TFunction, level: string): string {
  return t(`levels.${level}`, { defaultValue: level });
}

export function roleLabel(t: TFunction, role: string): string {
  return t(`roles.${role}`, { defaultValue: role });
}

export function unitLabel(t: TFunction, unit: PolicyUnit | string): string {
  return t(`units.${unit}`, { defaultValue: unit });
}

/** IANA time zones known to this runtime, with the common Chinese ones first. */
export function timeZones(): string[] {
  const first = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Macau", "Asia/Urumqi"];
  let all: string[] = [];
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    all = intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    all = [];
  }
  if (all.length === 0) all = ["UTC", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "America/New_York"];
  return [...first, ...all.filter((z) => !first.includes(z))];
}

/** Collator for Chinese names (pinyin order where the runtime supports it). */
export const zhCollator = new Intl.Collator("zh-CN");
