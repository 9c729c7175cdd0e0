// The day's 48 half hours as the requirement and coverage views show them, and the kinds of day
// a requirement is kept for. Display and typing only: what a kind of day needs, how many agents
// Erlang C asks for and how a day is covered are the backend's answers.
import type { ErlangInputs, RequirementDay, RequirementSource } from "../../backend";

/** Half hours in a day: slot `i` is local time `i × 30 min` to `(i + 1) × 30 min`. */
export const SLOTS = 48;

/** Monday … Sunday (`"1"`–`"7"`) and the holiday profile, in the order the tabs show them. */
export const DAY_KINDS = ["1", "2", "3", "4", "5", "6", "7", "holiday"] as const;
export type DayKind = (typeof DAY_KINDS)[number];

const pad = (n: number) => String(n).padStart(2, "0");

/** `08:30` for slot 17. */
export function slotLabel(i: number): string {
  return `${pad(Math.floor(i / 2))}:${i % 2 === 0 ? "00" : "30"}`;
}

/** `08:30–09:00` for slot 17 (the last ends at 24:00). */
export function slotSpan(i: number): string {
  return `${slotLabel(i)}–${i + 1 >= SLOTS ? "24:00" : slotLabel(i + 1)}`;
}

export const SLOT_LABELS: readonly string[] = Array.from({ length: SLOTS }, (_, i) => slotLabel(i));

export const zeros = (): number[] => new Array<number>(SLOTS).fill(0);

/**
 * Numbers pasted from a spreadsheet (a column or a row: newlines, tabs or spaces between them;
 * `1,234` is one number). An empty cell counts as 0; a fraction is rounded (a forecast of 12.5
 * contacts). `bad` is the first piece that is not a number ≥ 0.
 */
export function parseNumbers(text: string): { values: number[]; bad: string | null } {
  const body = text.replace(/\r/g, "").replace(/\n+$/, "");
  const pieces = body.split(/[\n\t;]/).flatMap((p) => (p.trim() === "" ? [""] : p.trim().split(/\s+/)));
  const values: number[] = [];
  for (const p of pieces) {
    const s = p.replace(/[,，]/g, "");
    if (s === "") {
      values.push(0);
      continue;
    }
    if (!/^\d+(\.\d*)?$/.test(s)) return { values: [], bad: p };
    values.push(Math.round(Number.parseFloat(s)));
  }
  return { values, bad: null };
}

/** A day as the editor holds it while it is being typed. */
export type Draft = {
  mode: "typed" | "erlang";
  agents: number[];
  contacts: number[];
  inputs: ErlangFields;
  /** Erlang mode: the agents are the backend's answer for exactly these contacts and inputs. */
  fresh: boolean;
};

/** Erlang C's inputs as typed: a field may be empty while the person types. */
export type ErlangFields = { aht_sec: number | null; sl_pct: number | null; answer_sec: number | null; shrinkage_pct: number | null };

/** The usual target (80 % within 20 s) and shrinkage (30 %); the handling time is the team's own. */
export const DEFAULT_FIELDS: ErlangFields = { aht_sec: null, sl_pct: 80, answer_sec: 20, shrinkage_pct: 30 };

/** The draft a stored day (or a kind with none) starts as. `fields`: the inputs a new Erlang day starts from. */
export function draftOf(day: RequirementDay | undefined, fields: ErlangFields = DEFAULT_FIELDS): Draft {
  if (!day) return { mode: "typed", agents: zeros(), contacts: zeros(), inputs: { ...fields }, fresh: false };
  const erlang = day.source === "erlang" && day.erlang !== null;
  return {
    mode: erlang ? "erlang" : "typed",
    agents: fit(day.agents),
    contacts: fit(day.contacts ?? []),
    inputs: erlang && day.erlang ? { ...day.erlang } : { ...fields },
    fresh: erlang,
  };
}

function fit(values: readonly number[]): number[] {
  return Array.from({ length: SLOTS }, (_, i) => values[i] ?? 0);
}

/** The inputs, when every field holds a value. */
export function completeInputs(f: ErlangFields): ErlangInputs | null {
  const { aht_sec, sl_pct, answer_sec, shrinkage_pct } = f;
  return aht_sec === null || sl_pct === null || answer_sec === null || shrinkage_pct === null ? null : { aht_sec, sl_pct, answer_sec, shrinkage_pct };
}

/** What saving the draft sends. */
export function dayOf(teamId: number, kind: DayKind, d: Draft): RequirementDay {
  const inputs = d.mode === "erlang" ? completeInputs(d.inputs) : null;
  const source: RequirementSource = inputs ? "erlang" : "typed";
  return {
    team_id: teamId,
    day_kind: kind,
    source,
    agents: [...d.agents],
    contacts: inputs ? [...d.contacts] : null,
    erlang: inputs,
    updated_at: null,
  };
}

const allZero = (v: readonly number[] | null | undefined) => !v || v.every((x) => x === 0);
const same = (a: readonly number[] | null | undefined, b: readonly number[] | null | undefined) =>
  allZero(a) && allZero(b) ? true : !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether saving the draft would change what is stored. A kind with no row and a day needing
 * nobody are the same; an imported day kept as it was is not changed by being opened.
 */
export function isChanged(stored: RequirementDay | undefined, d: Draft): boolean {
  const storedEmpty = !stored || (allZero(stored.agents) && allZero(stored.contacts));
  if (d.mode === "erlang") {
    if (allZero(d.agents) && allZero(d.contacts)) return !storedEmpty;
    if (!stored || stored.source !== "erlang" || !stored.erlang) return true;
    const i = d.inputs;
    const e = stored.erlang;
    return (
      !same(stored.agents, d.agents) ||
      !same(stored.contacts, d.contacts) ||
      i.aht_sec !== e.aht_sec ||
      i.sl_pct !== e.sl_pct ||
      i.answer_sec !== e.answer_sec ||
      i.shrinkage_pct !== e.shrinkage_pct
    );
  }
  if (allZero(d.agents)) return !storedEmpty;
  if (!stored) return true;
  // Typed over an Erlang day keeps the agents but drops the contacts: a change of source.
  return stored.source === "erlang" || !same(stored.agents, d.agents);
}

/** The sum and the peak of a day's half hours (what the editor states beside the chart). */
export function sumAndPeak(values: readonly number[]): { sum: number; peak: number } {
  let sum = 0;
  let peak = 0;
  for (const v of values) {
    sum += v;
    if (v > peak) peak = v;
  }
  return { sum, peak };
}
