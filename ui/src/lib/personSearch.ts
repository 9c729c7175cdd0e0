// One way to find a person as Chinese users type, used by every people search and picker: a
// query matches a person by a piece of their 工号 or name, or by pinyin — initials (`wj`), full
// pinyin without tones or spaces (`wangjing`, or a prefix, `wangj`), or any mix of the two, from
// any syllable of the name on. Case and surrounding spaces do not matter; an empty query matches all.
//
// The pinyin dictionary (pinyin-pro) is large next to the rest of the UI, so it is a chunk of its
// own, loaded when first needed: the first query that could be pinyin (latin letters) and does
// not match a 工号 or a name outright. Until it is in, a query matches by 工号 and name only; the
// login and the board open without it, and a web view where nobody searches never holds it.
// Components filter through `usePersonMatcher`, whose function changes once the dictionary is in,
// so what they show is filtered again with pinyin.
import { useCallback, useSyncExternalStore } from "react";

type PinyinFn = typeof import("pinyin-pro").pinyin;

let engine: PinyinFn | null = null;
let loading: Promise<void> | null = null;
/** A load failed: the matcher does not ask again on every keystroke (loadPinyin still may). */
let failed = false;
const listeners = new Set<() => void>();

/** Load the pinyin dictionary (once); resolves when pinyin matching is on. */
export function loadPinyin(): Promise<void> {
  loading ??= import("pinyin-pro").then(
    (m) => {
      engine = m.pinyin;
      failed = false;
      listeners.forEach((l) => l());
    },
    (e: unknown) => {
      // Bundled with the app, so this should not happen; matching by 工号 and name still works.
      loading = null;
      failed = true;
      console.warn("pinyin search unavailable", e);
    },
  );
  return loading;
}

/** Whether pinyin matching is on (the dictionary is loaded). */
export function pinyinReady(): boolean {
  return engine !== null;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * `matchesPerson`, for a component: a function that changes when the dictionary is in (use it in
 * a memo's dependencies or as a Select's `filterOption`), so a query typed before then is matched
 * again with pinyin.
 */
export function usePersonMatcher(): (query: string, person: Searchable) => boolean {
  const ready = useSyncExternalStore(subscribe, pinyinReady, pinyinReady);
  // `ready` is not read inside: it is there so the function is a new one once pinyin is in.
  return useCallback((query: string, person: Searchable) => matchesPerson(query, person), [ready]);
}

export type Searchable = { employee_no?: string | null; name: string };

/** Each name's syllables, worked out once: a large board filters on every keystroke. */
const cache = new Map<string, string[]>();
/** Enough for every person on a large floor many times over; past it the cache starts again. */
const CACHE_MAX = 20_000;

/**
 * A name's pinyin syllables: lower case, no tones, ü as v (吕 lv), the surname read as a surname.
 * Empty, and not kept, until the dictionary is loaded.
 */
export function nameSyllables(name: string): string[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const pinyin = engine;
  if (!pinyin) return [];
  const syllables: string[] = [];
  // Surname mode for the head only: 曾 zeng, 单 shan, 解 xie, 区 ou as surnames; the given
  // name keeps its ordinary reading.
  for (const part of pinyin(name, { toneType: "none", type: "all", nonZh: "consecutive", mode: "surname", surname: "head", v: true })) {
    if (part.isZh) syllables.push(part.pinyin.toLowerCase());
    else {
      // Letters or digits in a name ("Anna 李") count as one run each, spaces and marks dropped.
      for (const run of part.origin.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (run) syllables.push(run);
    }
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(name, syllables);
  return syllables;
}

/**
 * Whether `q` (lower case, no spaces) is typed from the syllables: starting at any syllable,
 * each following syllable given by a non-empty prefix of it (its initial, all of it, or between),
 * the query ending anywhere.
 */
function matchesSyllables(q: string, syllables: string[]): boolean {
  const n = syllables.length;
  const len = q.length;
  if (len === 0 || n === 0) return false;
  // ok[pos] for syllable i: the rest of the query from pos can be typed from syllables i.. on.
  let next: boolean[] = new Array<boolean>(len + 1).fill(false);
  next[len] = true;
  for (let i = n - 1; i >= 0; i--) {
    const s = syllables[i];
    const cur: boolean[] = new Array<boolean>(len + 1).fill(false);
    cur[len] = true;
    for (let pos = len - 1; pos >= 0; pos--) {
      const max = Math.min(s.length, len - pos);
      for (let k = 1; k <= max; k++) {
        if (q.charCodeAt(pos + k - 1) !== s.charCodeAt(k - 1)) break;
        if (next[pos + k]) {
          cur[pos] = true;
          break;
        }
      }
    }
    if (cur[0]) return true;
    next = cur;
  }
  return false;
}

/** The query as the matcher compares it: trimmed, lower case. */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** Whether a person matches what was typed (see the top of this file). */
export function matchesPerson(query: string, person: Searchable): boolean {
  const q = normalizeQuery(query);
  if (!q) return true;
  if (person.employee_no && person.employee_no.toLowerCase().includes(q)) return true;
  if (person.name.toLowerCase().includes(q)) return true;
  // Pinyin is typed in latin letters only (spaces and ' between syllables allowed).
  const letters = q.replace(/[\s']+/g, "");
  if (!/^[a-z0-9]+$/.test(letters)) return false;
  if (!engine) {
    // Needed now (a 工号 is digits alone: no need for it): load it once; the matcher's users
    // filter again when it is in.
    if (!failed && /[a-z]/.test(letters)) void loadPinyin();
    return false;
  }
  return matchesSyllables(letters, nameSyllables(person.name));
}
