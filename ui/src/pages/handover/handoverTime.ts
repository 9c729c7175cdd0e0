import { createContext } from "react";
// The handover page's clock words: the backend sends instants in UTC; the floor reads them in the
// site's zone (a shift is 08:30–16:00 on the site's wall clock, whatever the machine says).
// Dates (YYYY-MM-DD) are calendar dates, never shifted by a zone.
import dayjs, { type Dayjs } from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import type { LogStatus, ShiftCard } from "../../backend";

dayjs.extend(utc);
dayjs.extend(timezone);

/** `iso` in the site's zone; the machine's when the zone is unknown to this runtime. */
function inZone(iso: string | number, zone: string): Dayjs {
  try {
    return dayjs(iso).tz(zone);
  } catch {
    return dayjs(iso);
  }
}

/** HH:mm of an instant on the site's wall clock. */
export function siteHm(iso: string, zone: string): string {
  return inZone(iso, zone).format("HH:mm");
}

/** YYYY-MM-DD HH:mm of an instant on the site's wall clock. */
export function siteDateTime(iso: string, zone: string): string {
  return inZone(iso, zone).format("YYYY-MM-DD HH:mm");
}

/** YYYY-MM-DD of an instant on the site's wall clock. */
export function siteDay(iso: string, zone: string): string {
  return inZone(iso, zone).format("YYYY-MM-DD");
}

/** Today on the site's wall clock. */
export function siteToday(zone: string, now = Date.now()): string {
  return inZone(now, zone).format("YYYY-MM-DD");
}

/** A calendar date moved by `days`. */
export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, "day").format("YYYY-MM-DD");
}

/** `08:30–16:00`: a shift's span on the site's wall clock. */
export function span(start: string, end: string, zone: string): string {
  return `${siteHm(start, zone)}–${siteHm(end, zone)}`;
}

/**
 * The status word's key under `handover.status`: an open log whose shift has ended is 待签字
 * (the backend's status stays `open` until someone signs).
 */
export function statusKey(status: LogStatus, end: string, now = Date.now()): string {
  return status === "open" && new Date(end).getTime() <= now ? "toSign" : status;
}

/** The shift the page opens on: the one running now, else the last one started, else the first. */
export function defaultShift(shifts: readonly ShiftCard[], now = Date.now()): ShiftCard | undefined {
  const startMs = (s: ShiftCard) => new Date(s.start).getTime();
  const running = shifts.find((s) => startMs(s) <= now && now < new Date(s.end).getTime());
  if (running) return running;
  const started = shifts.filter((s) => startMs(s) <= now);
  if (started.length > 0) return started.reduce((a, b) => (startMs(b) > startMs(a) ? b : a));
  return shifts[0];
}

/**
 * The backend's clock as of the day's last read (`HandoverDay.now`): the demo and the tests run
 * on a simulated clock, so "running now" and 待签字 are judged by it, not by this machine's.
 */
export const BackendNow = createContext<number | null>(null);
