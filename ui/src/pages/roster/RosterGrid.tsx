// The month grid: one memoized row per agent (it re-renders when its cells, its violations or
// its share of the selection change), team header rows, totals at the right, heads per shift
// code at the foot. Keys, clipboard and mouse go to the page's `GridActions`.
// Every read of the month builds new arrays for every row; the grid hands a row the arrays it
// had last time when their contents are the same, so after a keystroke's write and read-back only
// the rows that changed render again. A big month (VIRTUALIZE_FROM agents and more) puts only the
// rows in view, and 20 rows either side, in the DOM (@tanstack/react-virtual): at 300 agents ×
// 31 days the browser otherwise lays out and paints 9,300 cells on every change.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { Tooltip } from "antd";
import { PushpinFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { RosterAgent, Violation } from "../../backend";
import type { Day } from "./calendar";
import { editorKey, type Pos } from "./gridLogic";
import { useRowSelection, type SelectionStore } from "./selection";
import { hoursText, rowTotals, templateOf, type Templates } from "./totals";
import { violationText } from "./violations";
import type { CellMark, RowMarks } from "./marks";

export type GridActions = {
  keyDown(e: KeyboardEvent<HTMLElement>): void;
  copy(e: ClipboardEvent<HTMLElement>): void;
  paste(e: ClipboardEvent<HTMLElement>): void;
  select(pos: Pos, extend: boolean): void;
  startEdit(pos: Pos): void;
  contextMenu(pos: Pos): void;
  /** The editor's text as typed. */
  draft(value: string): void;
  commit(dr: number, dc: number): void;
  cancel(): void;
};

export type TeamGroup = { teamId: number; teamName: string; first: number; agents: RosterAgent[] };

type GridProps = {
  groups: TeamGroup[];
  days: Day[];
  templates: Templates;
  cells: ReadonlyMap<string, readonly string[]>;
  violations: ReadonlyMap<string, readonly (Violation[] | undefined)[]>;
  heads: ReadonlyMap<string, number[]>;
  /** Pending swaps and approved leave per 工号 and day (display only). */
  marks: ReadonlyMap<string, RowMarks>;
  store: SelectionStore;
  actions: GridActions;
  gridRef: React.RefObject<HTMLDivElement | null>;
};

/** From this many agents on, only the rows near the view are rendered (smaller months: all). */
export const VIRTUALIZE_FROM = 100;
/** A row's height before it is measured (26 px cells and a 1 px border, see styles.css). */
const ROW_HEIGHT = 27;
/** Column widths (px): the table is laid out from these alone (`table-layout: fixed`), so a
 * changed cell never makes the browser measure the other 9,000 again. */
const AGENT_WIDTH = 150;
const DAY_WIDTH = 34;
const TOTAL_WIDTH = 56;
const TOTAL_COLUMNS = 5;

const EMPTY_ROW: readonly string[] = [];
const NO_VIOLATIONS: readonly (Violation[] | undefined)[] = [];
const NO_MARKS: RowMarks = [];

/** Deep equality of plain data (what the backend sends: arrays, objects, Maps, primitives). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameData(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(b) || b instanceof Map) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** `value`, or the value of the last render when it holds the same data (a stable reference). */
function useSame<T>(value: T): T {
  const last = useRef(value);
  if (last.current !== value && !sameData(last.current, value)) last.current = value;
  return last.current;
}

type RowData = { cells: readonly string[]; violations: readonly (Violation[] | undefined)[]; marks: RowMarks };

/**
 * Each row's cells, violations and marks, as the arrays the row had last render when their data is
 * the same, so that `memo` skips the rows a read of the month did not change.
 */
function useRowData(
  groups: TeamGroup[],
  cells: GridProps["cells"],
  violations: GridProps["violations"],
  marks: GridProps["marks"],
): ReadonlyMap<string, RowData> {
  const last = useRef<ReadonlyMap<string, RowData>>(new Map());
  return useMemo(() => {
    const next = new Map<string, RowData>();
    for (const g of groups)
      for (const a of g.agents) {
        const no = a.employee_no;
        const before = last.current.get(no);
        const row: RowData = {
          cells: cells.get(no) ?? EMPTY_ROW,
          violations: violations.get(no) ?? NO_VIOLATIONS,
          marks: marks.get(no) ?? NO_MARKS,
        };
        if (before) {
          if (sameData(before.cells, row.cells)) row.cells = before.cells;
          if (sameData(before.violations, row.violations)) row.violations = before.violations;
          if (sameData(before.marks, row.marks)) row.marks = before.marks;
        }
        next.set(no, row);
      }
    last.current = next;
    return next;
  }, [groups, cells, violations, marks]);
}

function posOf(target: EventTarget): Pos | null {
  const td = (target as HTMLElement).closest?.("td[data-c]");
  const tr = td?.closest("tr[data-r]");
  if (!td || !tr) return null;
  return { r: Number(tr.getAttribute("data-r")), c: Number(td.getAttribute("data-c")) };
}

/**
 * Memoized: the page re-renders on every move of the selection, the grid only when its data
 * changes (the rows follow the selection themselves, see `useRowSelection`).
 */
const RosterGrid = memo(function RosterGrid({ groups, days: newDays, templates: newTemplates, cells, violations, heads, marks, store, actions, gridRef }: GridProps) {
  const { t } = useTranslation();
  // A read of the month makes new `days` and `templates` every time; keep the old ones when equal.
  const days = useSame(newDays);
  const templates = useSame(newTemplates);
  const rowData = useRowData(groups, cells, violations, marks);
  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest("input")) return;
    const pos = posOf(e.target);
    if (!pos || e.button !== 0) return;
    e.preventDefault();
    gridRef.current?.focus({ preventScroll: true });
    actions.select(pos, e.shiftKey);
  };
  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const pos = posOf(e.target);
    if (pos) actions.startEdit(pos);
  };
  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const pos = posOf(e.target);
    if (!pos) return;
    e.preventDefault();
    actions.contextMenu(pos);
  };
  // The scroll container, as state: the virtualized body needs it once it is mounted (a ref
  // alone is set only after the body's own effects ran).
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const scrollRef = useCallback(
    (el: HTMLDivElement | null) => {
      gridRef.current = el;
      setScroller(el);
    },
    [gridRef],
  );
  const totalCols = days.length + 1 + TOTAL_COLUMNS;
  const agents = groups.reduce((n, g) => n + g.agents.length, 0);
  const big = agents >= VIRTUALIZE_FROM;
  const items = useMemo(() => groupItems(groups), [groups]);
  const renderItem = (item: Item, index?: number, measure?: (el: HTMLTableRowElement | null) => void) => {
    if (item.kind === "team") {
      const g = item.group;
      return (
        <tr key={`team-${g.teamId}`} ref={measure} data-index={index} className="fd-roster-team" data-testid={`roster-team-${g.teamId}`}>
          <th className="fd-roster-agent">{g.teamName}</th>
          <td colSpan={totalCols - 1} />
        </tr>
      );
    }
    const a = item.agent;
    const row = rowData.get(a.employee_no);
    return (
      <RosterRow
        key={a.employee_no}
        r={item.r}
        index={index}
        measure={measure}
        employeeNo={a.employee_no}
        name={a.name}
        cells={row?.cells ?? EMPTY_ROW}
        violations={row?.violations ?? NO_VIOLATIONS}
        marks={row?.marks ?? NO_MARKS}
        days={days}
        templates={templates}
        store={store}
        actions={actions}
      />
    );
  };
  return (
    <div
      className={big ? "fd-roster-scroll fd-roster-big" : "fd-roster-scroll"}
      ref={scrollRef}
      tabIndex={0}
      data-testid="roster-grid"
      onKeyDown={actions.keyDown}
      onCopy={actions.copy}
      onPaste={actions.paste}
      onMouseDown={onMouseDown}
      onDoubleClick={onDoubleClick}
      onContextMenu={onContextMenu}
    >
      <table className="fd-roster" style={{ width: AGENT_WIDTH + days.length * DAY_WIDTH + TOTAL_COLUMNS * TOTAL_WIDTH }}>
        <colgroup>
          <col style={{ width: AGENT_WIDTH }} />
          {days.map((d) => (
            <col key={d.date} style={{ width: DAY_WIDTH }} />
          ))}
          {Array.from({ length: TOTAL_COLUMNS }, (_, i) => (
            <col key={i} style={{ width: TOTAL_WIDTH }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="fd-roster-agent">{t("roster.agentColumn")}</th>
            {days.map((d) => (
              <th key={d.date} className={dayClass(d)} title={d.holidayName ?? undefined} data-testid={`day-${d.date}`}>
                <div>{d.day}</div>
                <div className="fd-roster-wd">{t(`roster.weekdayShort.${d.weekday}`)}</div>
                {d.holiday ? <div className="fd-roster-hmark">{t(`roster.holidayMark.${d.holiday}`)}</div> : null}
              </th>
            ))}
            <th className="fd-roster-total">{t("roster.totals.workDays")}</th>
            <th className="fd-roster-total">{t("roster.totals.hours")}</th>
            <th className="fd-roster-total">{t("roster.totals.nights")}</th>
            <th className="fd-roster-total">{t("roster.totals.weekendShifts")}</th>
            <th className="fd-roster-total">{t("roster.totals.restDays")}</th>
          </tr>
        </thead>
        {big ? (
          <VirtualBody items={items} renderItem={renderItem} totalCols={totalCols} scroller={scroller} store={store} />
        ) : (
          <tbody>{items.map((item) => renderItem(item))}</tbody>
        )}
        <tfoot>
          {[...heads.entries()].map(([code, counts]) => (
            <tr key={code} data-testid={`heads-${code}`}>
              <th className="fd-roster-agent">
                {t("roster.headsOf", { code, name: templates.get(code)?.name ?? code })}
              </th>
              {counts.map((n, i) => (
                <td key={days[i]?.date ?? i} className={`fd-roster-head ${days[i] ? dayClass(days[i]) : ""}`}>
                  {n || ""}
                </td>
              ))}
              <td colSpan={5} />
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
});

export default RosterGrid;

/** The body's rows in order: each team's header row, then its agents (r = the agent's row index). */
type Item = { kind: "team"; group: TeamGroup } | { kind: "agent"; agent: RosterAgent; r: number };

function groupItems(groups: TeamGroup[]): Item[] {
  const items: Item[] = [];
  for (const g of groups) {
    items.push({ kind: "team", group: g });
    g.agents.forEach((agent, i) => items.push({ kind: "agent", agent, r: g.first + i }));
  }
  return items;
}

type VirtualBodyProps = {
  items: Item[];
  renderItem: (item: Item, index: number, measure: (el: HTMLTableRowElement | null) => void) => ReactNode;
  totalCols: number;
  scroller: HTMLDivElement | null;
  store: SelectionStore;
};

/**
 * The rows near the view, with empty rows standing in for the others so the scroll height stays
 * that of the whole month. The focused row stays rendered wherever it is (an open editor keeps its
 * text), and a cell selected in a row out of view (a violation clicked in the list) is scrolled
 * into view here, since the page finds no cell to scroll to.
 */
function VirtualBody({ items, renderItem, totalCols, scroller, store }: VirtualBodyProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // The body starts below the sticky header row: its offset in the scroll content.
  const [top, setTop] = useState(0);
  const indexOfRow = useMemo(() => {
    const m = new Map<number, number>();
    items.forEach((item, i) => item.kind === "agent" && m.set(item.r, i));
    return m;
  }, [items]);
  const focusIndex = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const f = focusIndex.current;
    if (f !== null && f < range.count && !indexes.includes(f)) {
      indexes.push(f);
      indexes.sort((a, b) => a - b);
    }
    return indexes;
  }, []);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: top,
    scrollPaddingStart: top,
    rangeExtractor,
  });

  // Measured when the body or its header can have moved, not on every render (a measure makes
  // the browser lay the page out there and then).
  const headRows = items.length;
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const grid = scroller;
    if (!body || !grid) return;
    const offset = body.getBoundingClientRect().top - grid.getBoundingClientRect().top + grid.scrollTop;
    if (Math.abs(offset - top) > 0.5) setTop(offset);
  }, [scroller, headRows, top]);

  // Follow the selection to rows that are not rendered.
  const reveal = useRef(false);
  useEffect(
    () =>
      store.subscribe(() => {
        const sel = store.get();
        const index = sel ? indexOfRow.get(sel.focus.r) : undefined;
        focusIndex.current = index ?? null;
        // A single cell, as a move or a click in the violation list makes (Ctrl+A's block stays put).
        if (index === undefined || !sel || sel.anchor.r !== sel.focus.r || sel.anchor.c !== sel.focus.c) return;
        if (scroller?.querySelector(`tr[data-r="${sel.focus.r}"]`)) return;
        reveal.current = true;
        virtualizer.scrollToIndex(index, { align: "auto" });
      }),
    [store, indexOfRow, virtualizer, scroller],
  );
  useLayoutEffect(() => {
    if (!reveal.current) return;
    const cell = scroller?.querySelector(".fd-rc-focus");
    if (!cell) return;
    reveal.current = false;
    cell.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  });

  const rows: ReactNode[] = [];
  let at = top;
  for (const v of virtualizer.getVirtualItems()) {
    if (v.start > at + 0.5) rows.push(<Gap key={`gap-${v.index}`} height={v.start - at} cols={totalCols} />);
    rows.push(renderItem(items[v.index], v.index, virtualizer.measureElement));
    at = v.end;
  }
  const end = top + virtualizer.getTotalSize();
  if (end > at + 0.5) rows.push(<Gap key="gap-end" height={end - at} cols={totalCols} />);
  return <tbody ref={bodyRef}>{rows}</tbody>;
}

/** An empty row as tall as the rows it stands in for. */
function Gap({ height, cols }: { height: number; cols: number }) {
  return (
    <tr aria-hidden="true" className="fd-roster-gap">
      <td colSpan={cols} style={{ height, padding: 0, border: 0, minWidth: 0 }} />
    </tr>
  );
}

function dayClass(d: Day): string {
  if (d.holiday === "holiday") return "fd-day-holiday";
  if (d.holiday === "workday") return "fd-day-workday";
  return d.weekend ? "fd-day-weekend" : "";
}

type RowProps = {
  r: number;
  /** Position in the virtualized body, and its measuring ref (none when every row is rendered). */
  index?: number;
  measure?: (el: HTMLTableRowElement | null) => void;
  /** 工号 and name: strings, so a new read of the same agent does not re-render the row. */
  employeeNo: string;
  name: string;
  cells: readonly string[];
  violations: readonly (Violation[] | undefined)[];
  marks: RowMarks;
  days: Day[];
  templates: Templates;
  store: SelectionStore;
  actions: GridActions;
};

const RosterRow = memo(function RosterRow({ r, index, measure, employeeNo, name, cells, violations, marks, days, templates, store, actions }: RowProps) {
  const { t } = useTranslation();
  const sel = useRowSelection(store, r);
  const totals = useMemo(() => rowTotals(cells, days, templates), [cells, days, templates]);
  return (
    <tr ref={measure} data-index={index} data-r={r} data-testid={`roster-row-${employeeNo}`}>
      <th className="fd-roster-agent">
        <span className="fd-roster-no">{employeeNo}</span> {name}
      </th>
      {days.map((d, c) => {
        const value = cells[c] ?? "";
        const selected = !!sel && c >= sel.c0 && c <= sel.c1;
        const focused = !!sel && sel.focus === c;
        const vs = violations[c];
        const mark = marks[c];
        const tpl = value ? templateOf(value, templates) : undefined;
        let cls = `fd-rc ${dayClass(d)}`;
        if (selected) cls += " fd-rc-selected";
        if (focused) cls += " fd-rc-focus";
        if (vs) cls += " fd-rc-violation";
        if (mark?.swaps) cls += " fd-rc-swap";
        if (mark?.pinned) cls += " fd-rc-pinned";
        if (mark?.wish) cls += tpl ? " fd-rc-wished fd-rc-wish-worked" : " fd-rc-wished";
        const inner =
          focused && sel.editing ? (
            <CellEditor initial={store.get()?.editing?.initial ?? ""} actions={actions} />
          ) : (
            <div className="fd-rc-in" style={tpl ? { background: tpl.colour } : undefined}>
              {value}
              {vs ? <span className="fd-rc-mark" /> : null}
            </div>
          );
        const badges = mark && !(focused && sel.editing) ? <CellBadges mark={mark} working={!!tpl} /> : null;
        return (
          <td key={d.date} data-c={c} className={cls} data-testid={`cell-${employeeNo}-${d.date}`}>
            {vs && !(focused && sel.editing) ? (
              <Tooltip title={<div data-testid="violation-tip">{vs.map((v, i) => <div key={i}>{violationText(t, v)}</div>)}</div>}>
                {inner}
              </Tooltip>
            ) : (
              inner
            )}
            {badges}
          </td>
        );
      })}
      <td className="fd-roster-total" data-testid={`total-work-${employeeNo}`}>{totals.workDays}</td>
      <td className="fd-roster-total" data-testid={`total-hours-${employeeNo}`}>{hoursText(totals.minutes)}</td>
      <td className="fd-roster-total" data-testid={`total-nights-${employeeNo}`}>{totals.nights}</td>
      <td className="fd-roster-total" data-testid={`total-weekend-${employeeNo}`}>{totals.weekendShifts}</td>
      <td className="fd-roster-total" data-testid={`total-rest-${employeeNo}`}>{totals.restDays}</td>
    </tr>
  );
});

/**
 * 换 on a cell with a pending swap, 假 (the kind) on a day of approved leave, a pin on a pinned
 * cell (固定) and a corner on a wished rest day (想休: green, orange when a shift is written there);
 * each with a tooltip.
 */
function CellBadges({ mark, working }: { mark: CellMark; working: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {mark.pinned ? (
        <Tooltip title={t("generation.pin.mark")}>
          <span className="fd-rc-pin" data-testid="pin-mark">
            <PushpinFilled />
          </span>
        </Tooltip>
      ) : null}
      {mark.wish ? (
        <Tooltip
          title={
            <div data-testid="wish-tip">
              {t(working ? "generation.wish.markWorked" : "generation.wish.mark")}
              {mark.wish.note ? ` · ${mark.wish.note}` : ""}
            </div>
          }
        >
          <span className="fd-rc-wish" data-testid="wish-mark" />
        </Tooltip>
      ) : null}
      {mark.swaps ? (
        <Tooltip
          title={
            <div data-testid="swap-tip">
              {mark.swaps.map((s) => (
                <div key={s.id}>
                  {t("rosterRequests.pendingSwapTip", {
                    a: `${s.employee_no_a} ${s.name_a}`,
                    b: `${s.employee_no_b} ${s.name_b}`,
                    dates: s.date_b ? `${s.date_a.slice(5)} ⇄ ${s.date_b.slice(5)}` : s.date_a.slice(5),
                    reason: s.reason,
                  })}
                </div>
              ))}
            </div>
          }
        >
          <span className="fd-rc-badge fd-rc-badge-swap" data-testid="swap-badge">
            {t("rosterRequests.swapBadge")}
          </span>
        </Tooltip>
      ) : null}
      {mark.leave ? (
        <Tooltip
          title={
            <div data-testid="leave-tip">
              {t(`rosterRequests.leaveKinds.${mark.leave.kind}`)}
              {mark.leave.half_day ? ` · ${t("rosterRequests.halfDay")}` : ""}
              {mark.leave.reason ? ` · ${mark.leave.reason}` : ""}
            </div>
          }
        >
          <span className="fd-rc-badge fd-rc-badge-leave" data-testid="leave-badge">
            {t("rosterRequests.leaveBadge")}
          </span>
        </Tooltip>
      ) : null}
    </>
  );
}

function CellEditor({ initial, actions }: { initial: string; actions: GridActions }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  return (
    <input
      ref={ref}
      className="fd-rc-editor"
      data-testid="cell-editor"
      defaultValue={initial}
      onChange={(e) => actions.draft(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        const k = editorKey(e);
        if (!k) return;
        e.preventDefault();
        if (k.kind === "cancel") actions.cancel();
        else actions.commit(k.dr, k.dc);
      }}
      onBlur={() => actions.commit(0, 0)}
    />
  );
}
