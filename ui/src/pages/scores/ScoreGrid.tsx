// One group's grid (one template in one role): a row per person (工号, 姓名, 班组), a column
// per item under its 分组 (two header rows; the item's 评分标准 as a tooltip), then 合计, 完成
// and the row's save state. Rows are memoized and follow the cursor themselves (a move redraws
// the two rows it touches); a sheet of VIRTUALIZE_FROM people or more puts only the rows in view
// (and 20 either side) in the DOM. Keys, clicks and pastes go to `useScoreEntry`'s actions.
// A computed item's column (计算) holds the backend's value, greyed and never typed; hovering one
// of its cells shows what it came from in one popover for the whole grid (no per-cell component).
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type MouseEvent,
  type ReactNode,
} from "react";
import { createPortal } from "react-dom";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { Popover, Tag, Tooltip } from "antd";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import { useTranslation } from "react-i18next";
import type { ComputedScore, FormulaInput, ScoreItemRow, SheetGroup, SheetRow } from "../../backend";
import { useSession } from "../../session";
import { editorKey, formatPoints, headerGroups, inputLabel, inputValueText, type EditMode } from "./scoreGrid";
import { rowSaveKey, useRowCursor, useRowSave, type GridActions, type RowSaveStore, type SelectionStore } from "./useScoreEntry";

/** From this many people on, only the rows near the view are rendered. */
export const VIRTUALIZE_FROM = 100;
const ROW_HEIGHT = 27;
/** Column widths (px): the table is laid out from these alone (`table-layout: fixed`). */
const W = { no: 64, name: 76, team: 88, item: 72, total: 60, filled: 56, status: 112 };
const HEAD_ROW = 28;

type Props = {
  /** The group's place on the page (the cursor's `g`). */
  g: number;
  group: SheetGroup;
  store: SelectionStore;
  saves: RowSaveStore;
  actions: GridActions;
  gridRef: (el: HTMLDivElement | null) => void;
  /** The sheet takes no typing (published, not open yet): cells still focus and move. */
  readOnly: boolean;
  /** The formula inputs by name (their labels for a computed cell's popover); empty until read. */
  inputs: ReadonlyMap<string, FormulaInput>;
};

/** The computed cell under the mouse (one per grid), kept out of the grid's own state. */
type Hovered = { r: number; c: number; el: HTMLElement };

function createHoverStore() {
  let state: Hovered | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next: Hovered | null) {
      if (next === state || (next && state && next.r === state.r && next.c === state.c && next.el === state.el)) return;
      state = next;
      listeners.forEach((l) => l());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
type HoverStore = ReturnType<typeof createHoverStore>;

function posOf(target: EventTarget): { r: number; c: number } | null {
  const td = (target as HTMLElement).closest?.("td[data-c]");
  const tr = td?.closest("tr[data-r]");
  if (!td || !tr) return null;
  return { r: Number(tr.getAttribute("data-r")), c: Number(td.getAttribute("data-c")) };
}

const ScoreGrid = memo(function ScoreGrid({ g, group, store, saves, actions, gridRef, readOnly, inputs }: Props) {
  const { t } = useTranslation();
  const { items, rows } = group;
  const heads = useMemo(() => headerGroups(items), [items]);
  const maxTotal = useMemo(() => items.reduce((n, i) => n + i.max_points, 0), [items]);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const scrollRef = useCallback(
    (el: HTMLDivElement | null) => {
      gridRef(el);
      setScroller(el);
    },
    [gridRef],
  );
  const big = rows.length >= VIRTUALIZE_FROM;
  const totalCols = 3 + items.length + 3;
  const width = W.no + W.name + W.team + items.length * W.item + W.total + W.filled + W.status;

  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest("input")) return;
    const pos = posOf(e.target);
    if (!pos || e.button !== 0) return;
    e.preventDefault();
    scroller?.focus({ preventScroll: true });
    actions.select({ g, ...pos });
  };
  const hover = useMemo(() => createHoverStore(), []);
  const onMouseOver = (e: MouseEvent<HTMLDivElement>) => {
    const td = (e.target as HTMLElement).closest?.("td[data-c]") as HTMLElement | null;
    const tr = td?.closest("tr[data-r]");
    const c = td ? Number(td.getAttribute("data-c")) : -1;
    if (td && tr && items[c]?.computed) hover.set({ r: Number(tr.getAttribute("data-r")), c, el: td });
    else hover.set(null);
  };
  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const pos = posOf(e.target);
    if (pos && !(e.target as HTMLElement).closest("input")) actions.startEdit({ g, ...pos });
  };

  const renderRow = (row: SheetRow, r: number, index?: number, measure?: (el: HTMLTableRowElement | null) => void) => (
    <ScoreRow
      key={row.ratee}
      g={g}
      r={r}
      index={index}
      measure={measure}
      row={row}
      items={items}
      role={group.role}
      store={store}
      saves={saves}
      actions={actions}
      readOnly={readOnly}
    />
  );

  const sticky = (left: number) => ({ left });
  return (
    <div
      className={big ? "fd-roster-scroll fd-roster-big" : "fd-roster-scroll"}
      style={big ? undefined : { minHeight: 0 }}
      ref={scrollRef}
      tabIndex={0}
      data-testid={`score-grid-${group.role}-${group.template_id}`}
      onKeyDown={(e) => actions.keyDown(g, e)}
      onPaste={(e) => actions.paste(g, e)}
      onMouseDown={onMouseDown}
      onDoubleClick={onDoubleClick}
      onMouseOver={onMouseOver}
      onMouseLeave={() => hover.set(null)}
      onScroll={() => hover.set(null)}
    >
      <table className="fd-roster" style={{ width }}>
        <colgroup>
          <col style={{ width: W.no }} />
          <col style={{ width: W.name }} />
          <col style={{ width: W.team }} />
          {items.map((i) => (
            <col key={i.id} style={{ width: W.item }} />
          ))}
          <col style={{ width: W.total }} />
          <col style={{ width: W.filled }} />
          <col style={{ width: W.status }} />
        </colgroup>
        <thead>
          <tr>
            <th rowSpan={2} className="fd-roster-agent" style={sticky(0)}>
              {t("scores.entry.columns.employeeNo")}
            </th>
            <th rowSpan={2} className="fd-roster-agent" style={sticky(W.no)}>
              {t("scores.entry.columns.name")}
            </th>
            <th rowSpan={2}>{t("scores.entry.columns.team")}</th>
            {heads.map((h, i) => (
              <th key={`${h.group}-${i}`} colSpan={h.span} style={{ height: HEAD_ROW, boxSizing: "border-box" }}>
                {h.group}
              </th>
            ))}
            <th rowSpan={2} className="fd-roster-total">
              <div>{t("scores.entry.columns.total")}</div>
              <div className="fd-roster-wd">{t("scores.entry.maxPoints", { max: maxTotal })}</div>
            </th>
            <th rowSpan={2} className="fd-roster-total">
              {t("scores.entry.columns.filled")}
            </th>
            <th rowSpan={2}>{t("scores.entry.columns.status")}</th>
          </tr>
          <tr>
            {items.map((item) => (
              <ItemHead key={item.id} item={item} />
            ))}
          </tr>
        </thead>
        {big ? (
          <VirtualBody g={g} rows={rows} renderRow={renderRow} totalCols={totalCols} scroller={scroller} store={store} />
        ) : (
          <tbody>{rows.map((row, r) => renderRow(row, r))}</tbody>
        )}
      </table>
      <ComputedHover hover={hover} group={group} inputs={inputs} />
    </div>
  );
});

export default ScoreGrid;

function ItemHead({ item }: { item: ScoreItemRow }) {
  const { t } = useTranslation();
  const label = (
    <span data-testid={`score-item-${item.id}`} style={{ whiteSpace: "normal", display: "inline-block", lineHeight: 1.2 }}>
      {item.name}
      <span className="fd-roster-wd"> {t("scores.entry.maxPoints", { max: item.max_points })}</span>
      {item.computed ? (
        <Tag className="fd-rc-tag" color="cyan" data-testid={`score-item-computed-${item.id}`}>
          {t("scores.entry.computedTag")}
        </Tag>
      ) : null}
    </span>
  );
  const tip = [
    item.standard ? t("scores.entry.standard", { text: item.standard }) : "",
    item.computed ? t("scores.entry.computed") : "",
    item.computed && item.formula ? `${t("scores.entry.computedDetail.formula")}: ${item.formula}` : "",
  ].filter(Boolean);
  return (
    <th style={{ top: HEAD_ROW }} className={item.computed ? "fd-rc-computed-head" : undefined}>
      {tip.length > 0 ? (
        <Tooltip title={<div data-testid="score-standard">{tip.map((x) => <div key={x}>{x}</div>)}</div>}>{label}</Tooltip>
      ) : (
        label
      )}
    </th>
  );
}

dayjs.extend(utc);
dayjs.extend(timezone);

/** When a row was last saved, on the site's clock: the time today, else the date and time. */
function savedAt(iso: string, zone: string): string {
  const d = dayjs(iso).tz(zone);
  return d.isSame(dayjs().tz(zone), "day") ? d.format("HH:mm") : d.format("MM-DD HH:mm");
}

type RowProps = {
  g: number;
  r: number;
  index?: number;
  measure?: (el: HTMLTableRowElement | null) => void;
  row: SheetRow;
  items: ScoreItemRow[];
  role: SheetGroup["role"];
  store: SelectionStore;
  saves: RowSaveStore;
  actions: GridActions;
  readOnly: boolean;
};

/** A new read of the sheet makes new row objects: the row renders again only if its data changed. */
function sameRow(a: SheetRow, b: SheetRow): boolean {
  if (a === b) return true;
  if (a.ratee !== b.ratee || a.employee_no !== b.employee_no || a.name !== b.name || a.team_name !== b.team_name) return false;
  if (a.filled !== b.filled || a.total !== b.total || a.last_entered_at !== b.last_entered_at) return false;
  if (a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) if (a.cells[i] !== b.cells[i]) return false;
  if (a.computed !== b.computed) {
    if (a.computed.length !== b.computed.length) return false;
    for (let i = 0; i < a.computed.length; i++) if (a.computed[i].item_id !== b.computed[i].item_id || a.computed[i].error !== b.computed[i].error) return false;
  }
  return true;
}

/** A computed item's value for this person, as the backend sent it. */
const computedOf = (row: SheetRow, itemId: number): ComputedScore | undefined => row.computed.find((x) => x.item_id === itemId);

const ScoreRow = memo(
  function ScoreRow({ g, r, index, measure, row, items, role, store, saves, actions, readOnly }: RowProps) {
    const { t } = useTranslation();
    const zone = useSession().site.time_zone;
    const cur = useRowCursor(store, g, r);
    const save = useRowSave(saves, rowSaveKey(role, row.ratee));
    const done = items.length > 0 && row.filled >= items.length;
    const status =
      save === "saving"
        ? t("scores.entry.saving")
        : save === "waiting"
          ? t("scores.entry.waiting")
          : save === "failed"
            ? t("scores.entry.failed")
            : row.last_entered_at
              ? t("scores.entry.saved", { time: savedAt(row.last_entered_at, zone) })
              : "";
    return (
      <tr ref={measure} data-index={index} data-r={r} data-testid={`score-row-${row.employee_no}`}>
        <th className="fd-roster-agent" style={{ left: 0 }}>
          <span className="fd-roster-no">{row.employee_no}</span>
        </th>
        <th className="fd-roster-agent" style={{ left: W.no }}>
          {row.name}
        </th>
        <td className="fd-muted" style={{ textAlign: "left", padding: "0 6px", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>
          {row.team_name ?? ""}
        </td>
        {items.map((item, c) => {
          const focused = !!cur && cur.focus === c;
          const flagged = !!cur && cur.flagged.includes(c);
          let cls = "fd-rc";
          if (focused) cls += " fd-rc-focus";
          if (item.computed) {
            // The backend's value: never an editor, never flagged.
            const failed = !!computedOf(row, item.id)?.error;
            cls += failed ? " fd-rc-computed fd-rc-failed" : " fd-rc-computed";
            return (
              <td key={item.id} data-c={c} className={cls} data-testid={`score-cell-${row.employee_no}-${item.id}`} aria-readonly="true">
                <div className="fd-rc-in">{failed ? "—" : formatPoints(row.cells[c])}</div>
              </td>
            );
          }
          const editing = focused && cur.editing;
          if (flagged || (editing && cur.error)) cls += " fd-rc-violation";
          return (
            <td
              key={item.id}
              data-c={c}
              className={cls}
              style={readOnly ? { cursor: "default" } : undefined}
              data-testid={`score-cell-${row.employee_no}-${item.id}`}
              aria-invalid={flagged || (editing && !!cur.error) || undefined}
            >
              {editing ? (
                <CellEditor store={store} actions={actions} error={cur.error} />
              ) : (
                <div className="fd-rc-in" style={flagged ? { color: "#cf1322" } : undefined}>
                  {formatPoints(row.cells[c])}
                </div>
              )}
            </td>
          );
        })}
        <td className="fd-roster-total" data-testid={`score-total-${row.employee_no}`}>
          {row.filled > 0 ? formatPoints(row.total) : ""}
        </td>
        <td className="fd-roster-total" data-testid={`score-filled-${row.employee_no}`} style={done ? { color: "#389e0d" } : undefined}>
          {row.filled}/{items.length}
        </td>
        <td
          data-testid={`score-status-${row.employee_no}`}
          className="fd-muted"
          style={{ whiteSpace: "nowrap", padding: "0 6px", textAlign: "left", color: save === "failed" ? "#cf1322" : undefined }}
        >
          {status}
        </td>
      </tr>
    );
  },
  (a, b) =>
    a.g === b.g &&
    a.r === b.r &&
    a.index === b.index &&
    a.measure === b.measure &&
    a.items === b.items &&
    a.role === b.role &&
    a.store === b.store &&
    a.saves === b.saves &&
    a.actions === b.actions &&
    a.readOnly === b.readOnly &&
    sameRow(a.row, b.row),
);

/**
 * What the hovered computed cell came from: the inputs its formula named (labelled from the
 * catalogue) and their values, then the points or why the formula failed on this person's data.
 * One popover per grid, anchored over the hovered cell.
 */
function ComputedHover({ hover, group, inputs }: { hover: HoverStore; group: SheetGroup; inputs: ReadonlyMap<string, FormulaInput> }) {
  const { t, i18n } = useTranslation();
  const at = useSyncExternalStore(hover.subscribe, hover.get);
  const row = at ? group.rows[at.r] : undefined;
  const item = at ? group.items[at.c] : undefined;
  if (!at || !row || !item?.computed || !at.el.isConnected) return null;
  const score = computedOf(row, item.id);
  const rect = at.el.getBoundingClientRect();
  const content = (
    <div className="fd-computed-detail" data-testid="computed-detail">
      {score ? (
        <>
          {score.inputs.length > 0 ? (
            <table>
              <tbody>
                {score.inputs.map((v) => (
                  <tr key={v.name} data-testid={`computed-input-${v.name}`}>
                    <td>{inputLabel(inputs.get(v.name), v.name, i18n.language)}</td>
                    <td>{inputValueText(v.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <div className="fd-muted">{t("scores.entry.computedDetail.noInputs")}</div>
          )}
          <div style={{ marginTop: 6, borderTop: "1px solid #f0f0f0", paddingTop: 4 }}>
            {score.error ? (
              <span style={{ color: "#cf1322" }} data-testid="computed-error">
                {t("scores.entry.computedDetail.failed", { error: score.error })}
              </span>
            ) : (
              <strong data-testid="computed-points">
                {t("scores.entry.computedDetail.score")} {formatPoints(score.points)} {t("scores.entry.maxPoints", { max: item.max_points })}
              </strong>
            )}
          </div>
        </>
      ) : (
        <div className="fd-muted">{t("scores.entry.computedDetail.none")}</div>
      )}
      {item.formula ? (
        <div className="fd-mono fd-muted" style={{ marginTop: 4, wordBreak: "break-all" }}>
          {t("scores.entry.computedDetail.formula")}: {item.formula}
        </div>
      ) : null}
    </div>
  );
  return createPortal(
    <Popover open placement="top" title={`${row.employee_no} ${row.name} · ${t("scores.entry.computedDetail.title", { item: item.name })}`} content={content}>
      <span aria-hidden="true" style={{ position: "fixed", left: rect.left, top: rect.top, width: rect.width, height: rect.height, pointerEvents: "none" }} />
    </Popover>,
    document.body,
  );
}

function CellEditor({ store, actions, error }: { store: SelectionStore; actions: GridActions; error: string | null }) {
  const ref = useRef<HTMLInputElement>(null);
  // Read once, when the editor opens: what it starts from and how it was opened.
  const [{ initial, mode }] = useState<{ initial: string; mode: EditMode }>(() => store.get()?.editing ?? { initial: "", mode: "type" });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  return (
    <Tooltip open={!!error} title={<span data-testid="score-cell-error">{error}</span>} color="#cf1322" placement="bottom">
      <input
        ref={ref}
        className="fd-rc-editor"
        data-testid="score-editor"
        inputMode="decimal"
        autoComplete="off"
        aria-invalid={!!error || undefined}
        style={error ? { boxShadow: "inset 0 0 0 2px #ff4d4f", color: "#cf1322" } : undefined}
        defaultValue={initial}
        onChange={(e) => actions.draft(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          const k = editorKey(e.nativeEvent, mode);
          if (!k) return;
          e.preventDefault();
          if (k.kind === "cancel") actions.cancel();
          else actions.commit(k.dr, k.dc, "key");
        }}
        onBlur={() => actions.commit(0, 0, "blur")}
      />
    </Tooltip>
  );
}

type VirtualBodyProps = {
  g: number;
  rows: SheetRow[];
  renderRow: (row: SheetRow, r: number, index: number, measure: (el: HTMLTableRowElement | null) => void) => ReactNode;
  totalCols: number;
  scroller: HTMLDivElement | null;
  store: SelectionStore;
};

/**
 * The rows near the view, with empty rows standing in for the others so the scroll height stays
 * that of the whole sheet. The focused row stays rendered wherever it is (an open editor keeps its
 * text), and a move to a row out of view scrolls it in.
 */
function VirtualBody({ g, rows, renderRow, totalCols, scroller, store }: VirtualBodyProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [top, setTop] = useState(0);
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
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: top,
    scrollPaddingStart: top,
    rangeExtractor,
  });

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !scroller) return;
    const offset = body.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    if (Math.abs(offset - top) > 0.5) setTop(offset);
  }, [scroller, top]);

  useEffect(
    () =>
      store.subscribe(() => {
        const sel = store.get();
        const index = sel && sel.at.g === g ? sel.at.r : null;
        focusIndex.current = index;
        if (index === null || scroller?.querySelector(`tr[data-r="${index}"]`)) return;
        virtualizer.scrollToIndex(index, { align: "auto" });
      }),
    [store, g, virtualizer, scroller],
  );

  const out: ReactNode[] = [];
  let at = top;
  for (const v of virtualizer.getVirtualItems()) {
    if (v.start > at + 0.5) out.push(<Gap key={`gap-${v.index}`} height={v.start - at} cols={totalCols} />);
    out.push(renderRow(rows[v.index], v.index, v.index, virtualizer.measureElement));
    at = v.end;
  }
  const end = top + virtualizer.getTotalSize();
  if (end > at + 0.5) out.push(<Gap key="gap-end" height={end - at} cols={totalCols} />);
  return <tbody ref={bodyRef}>{out}</tbody>;
}

function Gap({ height, cols }: { height: number; cols: number }) {
  return (
    <tr aria-hidden="true" className="fd-roster-gap">
      <td colSpan={cols} style={{ height, padding: 0, border: 0, minWidth: 0 }} />
    </tr>
  );
}
