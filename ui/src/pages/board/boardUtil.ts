// Display helpers for the live board. No floor rule is computed here: the backend judges.
import type { TFunction } from "i18next";
import i18n from "../../i18n";
import type { AgentState, ContactChannel, StoredAlert } from "../../backend";

/**
 * From this many cards (on the map: cards, seats and cells) on, a view of the board scrolls in a
 * pane of its own and puts only what is in view, and a little around it, in the DOM. The demo
 * floor (36 agents) stays below it; a floor of a thousand agents would otherwise lay out and
 * paint a thousand cards on every push.
 */
export const VIRTUALIZE_FROM = 100;

/** Every state, in the order the board counts and filters them. */
export const AGENT_STATES: AgentState[] = ["signed_out", "ready", "busy", "wrap_up", "suspended", "small_break", "meal", "meeting", "training", "other"];

/** The nine states keys 1–9 on a focused card pick, in menu order (挂起 has no key). */
export const KEYED_STATES: AgentState[] = ["signed_out", "ready", "busy", "wrap_up", "small_break", "meal", "meeting", "training", "other"];

/**
 * The states the menu offers an agent: 挂起 (a chat desk online but taking no new chats) only to
 * a chat team's agent, or to one who is in it now.
 */
export function menuStates(channel: ContactChannel, current: AgentState): AgentState[] {
  const offerSuspended = channel === "chat" || current === "suspended";
  return offerSuspended ? AGENT_STATES : KEYED_STATES;
}

/** antd Tag colour per state. */
export const STATE_COLORS: Record<AgentState, string> = {
  signed_out: "default",
  ready: "green",
  busy: "blue",
  wrap_up: "cyan",
  suspended: "gold",
  small_break: "orange",
  meal: "purple",
  meeting: "geekblue",
  training: "magenta",
  other: "volcano",
};

/** Seconds as m:ss-style text: mm:ss below an hour, h:mm:ss from then on. */
export function formatTimer(secs: number | null | undefined): string {
  if (secs == null || !Number.isFinite(secs) || secs < 0) return "--:--";
  const s = Math.floor(secs);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${String(m).padStart(2, "0")}:${ss}`;
}

/** "ok" | "warn" (≥ 80% of the limit) | "over" (past it), for the timer's colour only. */
export function timerLevel(elapsed: number | null, limit: number | null): "ok" | "warn" | "over" {
  if (elapsed == null || limit == null || limit <= 0) return "ok";
  if (elapsed > limit) return "over";
  if (elapsed >= 0.8 * limit) return "warn";
  return "ok";
}

function zoneParts(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get("year"), mo: get("month"), d: get("day"), h: get("hour") % 24, mi: get("minute"), s: get("second") };
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** HH:mm:ss of an instant in the site's time zone. */
export function siteTime(iso: string, timeZone: string): string {
  const ms = new Date(iso).getTime();
  if (!Number.isFinite(ms)) return iso;
  const p = zoneParts(ms, safeZone(timeZone));
  return [p.h, p.mi, p.s].map((n) => String(n).padStart(2, "0")).join(":");
}

/** YYYY-MM-DD of an instant in the site's time zone. */
export function siteDate(iso: string, timeZone: string): string {
  const ms = new Date(iso).getTime();
  const p = zoneParts(Number.isFinite(ms) ? ms : Date.now(), safeZone(timeZone));
  return `${p.y}-${String(p.mo).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

/**
 * A wall-clock time ("HH:mm" or "HH:mm:ss") in the site's zone, on the day of `nowIso`, as an
 * RFC 3339 UTC instant; the day before when that would be after `nowIso` (a late correction).
 */
export function siteTimeToIso(time: string, nowIso: string, timeZone: string): string | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  if (!m) return null;
  const tz = safeZone(timeZone);
  const now = new Date(nowIso).getTime();
  const day = zoneParts(now, tz);
  const wall = Date.UTC(day.y, day.mo - 1, day.d, Number(m[1]), Number(m[2]), Number(m[3] ?? 0));
  // The zone's offset at (about) that instant, then once more at the corrected instant.
  const offsetAt = (ms: number) => {
    const p = zoneParts(ms, tz);
    return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000;
  };
  let ms = wall - offsetAt(wall);
  ms = wall - offsetAt(ms);
  if (ms > now) ms -= 24 * 3600 * 1000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A short beep through WebAudio; silent when there is no audio (tests, policies). */
export function beep() {
  try {
    const Ctx = (window as unknown as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext }).AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = 880;
    gain.gain.value = 0.15;
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.2);
    osc.onended = () => void ctx.close().catch(() => {});
  } catch {
    // no sound: never an error
  }
}

/**
 * A state's name in the words of the team's channel: a chat team is 接待中 where a phone team
 * is 通话中. `channel` "mixed" names both (the counts of a floor with both kinds of team).
 */
export function stateName(t: TFunction, state: AgentState, channel: ContactChannel | "mixed" = "phone"): string {
  if (channel === "chat" && i18n.exists(`agentStatesChat.${state}`)) return t(`agentStatesChat.${state}`);
  if (channel === "mixed" && i18n.exists(`agentStatesMixed.${state}`)) return t(`agentStatesMixed.${state}`);
  return t(`agentStates.${state}`);
}

/** The channel the floor's counts speak for: one kind of team, or both. */
export function floorChannel(agents: readonly { channel: ContactChannel }[]): ContactChannel | "mixed" {
  const kinds = new Set(agents.map((a) => a.channel));
  return kinds.size > 1 ? "mixed" : (kinds.values().next().value ?? "phone");
}

/** An alert's rule in words: an absence the backend found without leave reads 旷工. */
export function alertRuleName(t: TFunction, stored: Pick<StoredAlert, "alert" | "without_leave">): string {
  if (stored.alert.rule === "absent" && stored.without_leave) return t("notice.withoutLeave");
  return t(`rules.${stored.alert.rule}`, { defaultValue: stored.alert.rule });
}
