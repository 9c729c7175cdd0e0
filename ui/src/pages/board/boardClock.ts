// The board's clock: the backend's time from the last push, run forward locally at the backend
// clock's rate. Timers read it through `useBoardNow`, so a tick re-renders the timers alone and
// not the cards around them (a floor of a thousand agents gets a push every second).
import { useSyncExternalStore } from "react";

type Clock = { backendMs: number; perfAt: number; rate: number };

let clock: Clock = { backendMs: 0, perfAt: 0, rate: 1 };
let fastTimer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function notify() {
  listeners.forEach((l) => l());
}

/** A push arrived: the backend's time then, and the backend clock's measured rate. */
export function setBoardClock(backendMs: number, perfAt: number, rate: number) {
  clock = { backendMs, perfAt, rate };
  // A simulated clock running fast: step the timers between pushes, four times a second.
  const fast = rate > 1.5;
  if (fast && !fastTimer) fastTimer = setInterval(notify, 250);
  if (!fast && fastTimer) {
    clearInterval(fastTimer);
    fastTimer = null;
  }
  notify();
}

/** The backend's time now, in ms: at most two real seconds past the last push. */
export function boardNowMs(): number {
  if (clock.perfAt === 0) return clock.backendMs;
  const local = Math.min(2000, Math.max(0, performance.now() - clock.perfAt));
  return clock.backendMs + (clock.rate > 1.5 ? local * clock.rate : 0);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The board's time in ms; the component re-renders when it moves to another second, not on
 * every push (a busy floor pushes ten times a second). */
export function useBoardNow(): number {
  return useSyncExternalStore(subscribe, boardSecondMs);
}

/** `boardNowMs` at whole-second resolution, so it stays the same value within a second. */
function boardSecondMs(): number {
  return Math.floor(boardNowMs() / 1000) * 1000;
}

/** Whole seconds from `since` (RFC 3339) to `nowMs`, as the backend counts them; null without a start. */
export function elapsedSecs(since: string | null, nowMs: number): number | null {
  if (since == null) return null;
  return Math.max(0, Math.floor((nowMs - Date.parse(since)) / 1000));
}
