// The entry row's and the edit dialog's form, pure: what the operator typed ↔ `NewItem` /
// `ItemPatch`, and the draft's JSON. No rule of the handover lives here: required fields, due
// times and lengths are the backend's to judge.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import type { HandoverChannel, ItemFields, ItemKind, ItemPatch, NewItem, NoticeCategory } from "../../backend";

dayjs.extend(utc);
dayjs.extend(timezone);

export const KINDS: readonly ItemKind[] = ["customer", "urgent", "prospect", "notice", "note"];
export const CHANNELS: readonly HandoverChannel[] = ["phone", "qianniu", "douyin", "wechat", "other"];
export const CATEGORIES: readonly NoticeCategory[] = ["equipment", "outage", "policy", "other"];

/** How a field is typed: one line, several lines (Shift+Enter), a pick by digit, a due time as text. */
export type FieldType = "short" | "long" | "pick" | "due";

export type EntryValues = {
  customer: { customer: string; channel: HandoverChannel; order_no: string; problem: string; promised: string; progress: string };
  urgent: { what: string; due: string };
  prospect: { who: string; why: string; due: string };
  notice: { category: NoticeCategory; text: string };
  note: { text: string };
};

export type FieldName<K extends ItemKind = ItemKind> = K extends ItemKind ? keyof EntryValues[K] & string : never;
export type FieldSpec = { name: string; type: FieldType };

/** Each kind's fields in Tab order (docs/design/handover.md §8.3). */
export const FIELDS: { [K in ItemKind]: readonly { name: FieldName<K>; type: FieldType }[] } = {
  customer: [
    { name: "customer", type: "short" },
    { name: "channel", type: "pick" },
    { name: "order_no", type: "short" },
    { name: "problem", type: "long" },
    { name: "promised", type: "long" },
    { name: "progress", type: "long" },
  ],
  urgent: [
    { name: "what", type: "long" },
    { name: "due", type: "due" },
  ],
  prospect: [
    { name: "who", type: "short" },
    { name: "why", type: "long" },
    { name: "due", type: "due" },
  ],
  notice: [
    { name: "category", type: "pick" },
    { name: "text", type: "long" },
  ],
  note: [{ name: "text", type: "long" }],
};

export function fieldsOf(kind: ItemKind): readonly FieldSpec[] {
  return FIELDS[kind];
}

/** The choices of a pick field (渠道, 类别), in the order the digits 1… pick them. */
export function pickOptions(name: string): readonly string[] {
  return name === "channel" ? CHANNELS : CATEGORIES;
}

/** The choice a digit picks ("1" → the first), or null when the key is not one. */
export function pickByDigit(key: string, options: readonly string[]): string | null {
  if (!/^[1-9]$/.test(key)) return null;
  return options[Number(key) - 1] ?? null;
}

export function emptyValues(): EntryValues {
  return {
    customer: { customer: "", channel: "phone", order_no: "", problem: "", promised: "", progress: "" },
    urgent: { what: "", due: "" },
    prospect: { who: "", why: "", due: "" },
    notice: { category: "equipment", text: "" },
    note: { text: "" },
  };
}

/** The kind's row emptied: its texts cleared, its pick (渠道, 类别) kept for the next item. */
export function clearedKind<K extends ItemKind>(kind: K, values: EntryValues[K]): EntryValues[K] {
  const next = { ...emptyValues()[kind] } as Record<string, string>;
  for (const f of FIELDS[kind]) if (f.type === "pick") next[f.name] = (values as Record<string, string>)[f.name];
  return next as EntryValues[K];
}

/**
 * The kind's row once the backend took `sent`: the texts it sent are cleared, any typed since
 * (while the add was on its way) are kept, and the pick (渠道, 类别) stays for the next item.
 */
export function afterAdd<K extends ItemKind>(kind: K, sent: EntryValues[K], now: EntryValues[K]): EntryValues[K] {
  const next = clearedKind(kind, now) as Record<string, string>;
  const was = sent as Record<string, string>;
  const is = now as Record<string, string>;
  for (const f of FIELDS[kind]) if (f.type !== "pick" && is[f.name] !== was[f.name]) next[f.name] = is[f.name];
  return next as EntryValues[K];
}

/** Whether anything was typed in the kind's texts (a pick alone is not typing). */
export function hasTyped(kind: ItemKind, values: EntryValues): boolean {
  const v = values[kind] as Record<string, string>;
  return FIELDS[kind].some((f) => f.type !== "pick" && v[f.name] !== "");
}

const orNull = (text: string): string | null => (text.trim() === "" ? null : text);

/** What the row sends: the texts as typed, an optional field left blank as null. */
export function toNewItem(kind: ItemKind, values: EntryValues): NewItem {
  switch (kind) {
    case "customer": {
      const v = values.customer;
      return {
        fields: {
          kind,
          customer: v.customer,
          channel: v.channel,
          order_no: orNull(v.order_no),
          problem: v.problem,
          promised: orNull(v.promised),
          progress: orNull(v.progress),
        },
      };
    }
    case "urgent":
      return { fields: { kind, what: values.urgent.what, due: orNull(values.urgent.due) } };
    case "prospect":
      return { fields: { kind, who: values.prospect.who, why: values.prospect.why, due: orNull(values.prospect.due) } };
    case "notice":
      return { fields: { kind, category: values.notice.category, text: values.notice.text } };
    case "note":
      return { fields: { kind, text: values.note.text } };
  }
}

/** The row as a draft: which kind is shown and every kind's typing ("" when nothing is typed). */
export type EntryState = { kind: ItemKind; values: EntryValues };

export function serializeEntry(state: EntryState): string {
  if (!KINDS.some((k) => hasTyped(k, state.values))) return "";
  return JSON.stringify({ v: 1, kind: state.kind, values: state.values });
}

/** A draft's body back into the row; null when it is not one (another version, broken JSON). */
export function parseEntry(body: string): EntryState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const { v, kind, values } = raw as { v?: unknown; kind?: unknown; values?: unknown };
  if (v !== 1 || !KINDS.includes(kind as ItemKind) || typeof values !== "object" || values === null) return null;
  const merged = emptyValues();
  for (const k of KINDS) {
    const stored = (values as Record<string, unknown>)[k];
    if (typeof stored !== "object" || stored === null) continue;
    const target = merged[k] as Record<string, string>;
    for (const f of FIELDS[k]) {
      const value = (stored as Record<string, unknown>)[f.name];
      if (typeof value !== "string") continue;
      if (f.type === "pick" && !pickOptions(f.name).includes(value)) continue;
      target[f.name] = value;
    }
  }
  return { kind: kind as ItemKind, values: merged };
}

// ---- the edit dialog (E) ----

/** An item's fields as the edit form holds them: texts, picks, the due time as UTC ms. */
export type EditValues = Record<string, string | number | null>;

const PATCH_KEY: Record<string, keyof ItemPatch> = { due: "due_at" };

/** The patch key of a form field (the form's `due` is the item's `due_at`). */
export function patchKey(name: string): keyof ItemPatch {
  return PATCH_KEY[name] ?? (name as keyof ItemPatch);
}

export function editValues(fields: ItemFields): EditValues {
  const out: EditValues = {};
  const src = fields as unknown as Record<string, string | number | null | undefined>;
  for (const f of FIELDS[fields.kind]) out[f.name] = src[patchKey(f.name)] ?? (f.type === "due" ? null : "");
  return out;
}

/** Only the fields that changed: a blank text or due as null (cleared), else the new value. */
export function patchBetween(fields: ItemFields, edited: EditValues): ItemPatch {
  const before = editValues(fields);
  const patch: Record<string, string | number | null> = {};
  for (const f of FIELDS[fields.kind]) {
    const was = before[f.name];
    let now = edited[f.name] ?? null;
    if (typeof now === "string" && f.type !== "pick" && now.trim() === "") now = null;
    const wasNorm = typeof was === "string" && was === "" ? null : was;
    if (now !== wasNorm) patch[patchKey(f.name)] = now;
  }
  return patch as ItemPatch;
}

// ---- instants on the site's wall clock ----

/** An instant (RFC 3339 or UTC ms) as the site's wall clock shows it; the machine's when the zone is unknown. */
export function siteText(at: string | number, zone: string, format = "YYYY-MM-DD HH:mm"): string {
  try {
    return dayjs(at).tz(zone).format(format);
  } catch {
    return dayjs(at).format(format);
  }
}

const FULL = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})\s*$/;

/** `YYYY-MM-DD HH:mm` on the site's wall clock → UTC ms; null when blank, undefined when unreadable. */
export function parseSiteDateTime(text: string, zone: string): number | null | undefined {
  if (text.trim() === "") return null;
  const m = FULL.exec(text);
  if (!m) return undefined;
  const pad = (s: string) => s.padStart(2, "0");
  const local = `${m[1]}-${pad(m[2])}-${pad(m[3])} ${pad(m[4])}:${m[5]}`;
  try {
    const at = dayjs.tz(local, zone);
    return at.isValid() ? at.valueOf() : undefined;
  } catch {
    return undefined;
  }
}
