// Instants of a handover log as the sheet and the sign dialogs print them: on the site's wall
// clock (the page's dayjs helpers in handoverTime.ts), whatever the desk's own zone is.
import { siteDateTime as siteDateTimeOf, siteDay, siteHm } from "./handoverTime";

/** YYYY-MM-DD HH:mm in the site's zone ("" for no instant). */
export function siteDateTime(iso: string | null | undefined, timeZone: string): string {
  return iso ? siteDateTimeOf(iso, timeZone) : "";
}

/** `08:30–16:00`; `23:30–次日08:30` when it ends on a later day (in the site's zone). */
export function spanText(start: string, end: string, timeZone: string, nextDay: string): string {
  const later = siteDay(end, timeZone) !== siteDay(start, timeZone);
  return `${siteHm(start, timeZone)}–${later ? nextDay : ""}${siteHm(end, timeZone)}`;
}

/** 白班 D; a shift named by its spans is named once. */
export function shiftText(name: string, key: string): string {
  return name === key ? name : `${name} ${key}`;
}
