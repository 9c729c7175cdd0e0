// The board's floor map: agents' cards at their seats. Normally compact (only the rows in use,
// thin spacers for aisles and zones); while arranging, the exact grid, where a card (or a free
// seat) drags to another cell, or moves a cell with the arrow keys, and the seat is saved there.
// Dropping on another seat swaps the two.
// A big map (VIRTUALIZE_FROM cards and cells on) scrolls in a pane of its own and puts in the DOM
// only what is in view and two rows and columns around it (@tanstack/react-virtual tells which):
// the CSS grid keeps every row and column at its size, so a card is simply placed at its cell,
// and the card being dragged, the focused one and the one whose menu is open stay wherever they are.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from "react";
import { App } from "antd";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type BoardAgent, type Seat } from "../../backend";
import { useDataChanged, useReportError } from "../../lib/hooks";
import { AgentCard, useCardEvents, useFocusKey, type CardActions, type CardArrange } from "./AgentCard";
import { MAP_SIZES, compactLayout, exactLayout, templateRows, trackHeights, type MapLayout, type SeatPos } from "./mapLayout";
import { VIRTUALIZE_FROM } from "./boardUtil";
import { LIMITS } from "../../lib/limits";

/** How far the pointer moves before a press becomes a drag (px). */
const DRAG_SLOP = 4;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

type Cell = { x: number; y: number };

type Drag = {
  code: string;
  from: Cell;
  el: HTMLElement;
  pointerId: number;
  startX: number;
  startY: number;
  /** The pointer's last position (client px). */
  lastX: number;
  lastY: number;
  moved: boolean;
  over: Cell | null;
  /** The pending auto-scroll frame. */
  frame: number;
  /** The copy of the card that follows the pointer (above everything, so no pane clips it). */
  ghost: HTMLElement | null;
  stop: () => void;
};

const cellKey = (c: Cell) => `${c.x}-${c.y}`;

/** Within this many px of a scrolling pane's edge, a drag scrolls it, by up to AUTO_SCROLL_MAX px a frame. */
const AUTO_SCROLL_EDGE = 40;
const AUTO_SCROLL_MAX = 16;

/** A copy of a card over it, fixed to the window, that lets the pointer through (for dragging). */
function ghostOf(el: HTMLElement, rect: DOMRect): HTMLElement {
  // Inside a map-classed box, so the card keeps the map's styles.
  const box = document.createElement("div");
  box.className = `${el.closest(".fd-floor-map")?.className ?? "fd-floor-map"} fd-drag-ghost`;
  box.style.left = `${rect.left}px`;
  box.style.top = `${rect.top}px`;
  box.style.width = `${rect.width}px`;
  box.style.height = `${rect.height}px`;
  const copy = el.cloneNode(true) as HTMLElement;
  for (const n of [copy, ...copy.querySelectorAll("[data-testid]")]) n.removeAttribute("data-testid");
  copy.removeAttribute("tabindex");
  copy.classList.remove("is-dragging", "is-over");
  copy.style.gridColumn = "";
  copy.style.gridRow = "";
  box.appendChild(copy);
  document.body.appendChild(box);
  return box;
}

/** The elements that scroll `el` (innermost first), and the page itself. */
function scrollAncestors(el: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const cs = getComputedStyle(p);
    if (/(auto|scroll)/.test(`${cs.overflowX} ${cs.overflowY}`)) out.push(p);
  }
  const root = document.scrollingElement as HTMLElement | null;
  if (root && !out.includes(root)) out.push(root);
  return out;
}

/** Scrolls the innermost pane (per axis) whose edge the pointer is near; true if anything scrolled. */
function autoScrollBy(scrollers: HTMLElement[], x: number, y: number): boolean {
  const speed = (dist: number) => Math.ceil(AUTO_SCROLL_MAX * Math.min(1, (AUTO_SCROLL_EDGE - dist) / AUTO_SCROLL_EDGE));
  let doneX = false;
  let doneY = false;
  for (const s of scrollers) {
    const root = s === document.scrollingElement;
    const r = root ? { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight } : s.getBoundingClientRect();
    const inY = y >= r.top && y <= r.bottom;
    const inX = x >= r.left && x <= r.right;
    if (!doneX && inY && s.scrollWidth > s.clientWidth) {
      const before = s.scrollLeft;
      if (x > r.right - AUTO_SCROLL_EDGE && x < r.right + 4 * AUTO_SCROLL_EDGE) s.scrollLeft += speed(Math.max(0, r.right - x));
      else if (x < r.left + AUTO_SCROLL_EDGE && x > r.left - 4 * AUTO_SCROLL_EDGE) s.scrollLeft -= speed(Math.max(0, x - r.left));
      doneX = s.scrollLeft !== before;
    }
    if (!doneY && inX && s.scrollHeight > s.clientHeight) {
      const before = s.scrollTop;
      if (y > r.bottom - AUTO_SCROLL_EDGE && y < r.bottom + 4 * AUTO_SCROLL_EDGE) s.scrollTop += speed(Math.max(0, r.bottom - y));
      else if (y < r.top + AUTO_SCROLL_EDGE && y > r.top - 4 * AUTO_SCROLL_EDGE) s.scrollTop -= speed(Math.max(0, y - r.top));
      doneY = s.scrollTop !== before;
    }
  }
  return doneX || doneY;
}

/** The grid cell an element stands for (a card, a free seat or an empty cell of the map), if any. */
function cellOf(el: EventTarget | Element | null, map: HTMLElement | null): Cell | null {
  if (!map || !(el instanceof Element)) return null;
  const c = el.closest<HTMLElement>("[data-cell-x]");
  if (!c || !map.contains(c)) return null;
  const x = Number(c.dataset.cellX);
  const y = Number(c.dataset.cellY);
  return Number.isInteger(x) && Number.isInteger(y) ? { x, y } : null;
}

export default function FloorMap({
  agents,
  boardNow,
  menuFor,
  actions,
  arranging,
  onMoved,
}: {
  /** The agents shown (after the board's filters). */
  agents: BoardAgent[];
  boardNow: string;
  menuFor: string | null;
  actions: CardActions;
  arranging: boolean;
  /** Re-read the board after a seat moved. */
  onMoved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const mapRef = useRef<HTMLDivElement>(null);
  // The pane that scrolls the map, as state: a big map's window is read from it once it is mounted.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);

  // ---- seats (arranging only): free seats are drawn and are drop targets too ----
  const [seats, setSeats] = useState<Seat[] | null>(null);
  const arrangingRef = useRef(arranging);
  arrangingRef.current = arranging;
  const loadSeats = useCallback(async () => {
    const list = await backend.listSeats();
    if (arrangingRef.current) setSeats(list);
  }, [backend]);
  useEffect(() => {
    if (!arranging) {
      setSeats(null);
      return;
    }
    loadSeats().catch(report);
  }, [arranging, loadSeats, report]);
  useDataChanged(["seats"], () => {
    if (arrangingRef.current) loadSeats().catch(report);
  });

  // ---- moving a seat ----
  /** Where seats are being moved to, shown at once until the board catches up. */
  const [pending, setPending] = useState<Record<string, Cell>>({});
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);

  const moveSeat = useCallback(
    async (code: string, to: Cell) => {
      if (busy.current) return;
      busy.current = true;
      setSaving(true);
      setPending({ [code]: to });
      try {
        const all = await backend.listSeats();
        const seat = all.find((s) => s.code === code);
        if (!seat) throw new BackendError("not_found", `seat ${code} not found`, { entity: "seat", id: code });
        if (seat.x === to.x && seat.y === to.y) return;
        const other = all.find((s) => s.active && s.id !== seat.id && s.x === to.x && s.y === to.y);
        if (other) setPending({ [code]: to, [other.code]: { x: seat.x, y: seat.y } });
        await backend.saveSeat({ id: seat.id, code: seat.code, x: to.x, y: to.y, zone: seat.zone });
        if (other) await backend.saveSeat({ id: other.id, code: other.code, x: seat.x, y: seat.y, zone: other.zone });
        void message.success(
          other ? t("floorMap.swapped", { a: seat.code, b: other.code }) : t("floorMap.moved", { code: seat.code, x: to.x, y: to.y }),
        );
      } catch (e) {
        report(e);
      } finally {
        try {
          await Promise.all([onMoved(), loadSeats()]);
        } catch (e) {
          report(e);
        }
        setPending({});
        setSaving(false);
        busy.current = false;
      }
    },
    [backend, loadSeats, message, onMoved, report, t],
  );

  // ---- dragging, with pointer events (HTML5 drag and drop is unreliable in WebKitGTK) ----
  const drag = useRef<Drag | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);

  const startDrag = useCallback(
    (e: ReactPointerEvent<HTMLElement>, el: HTMLElement, code: string, x: number, y: number) => {
      if (e.button !== 0 || busy.current || drag.current) return;
      el.focus({ preventScroll: true });
      const scrollers = scrollAncestors(el);
      const rect = el.getBoundingClientRect();
      const d: Drag = {
        code,
        from: { x, y },
        el,
        pointerId: e.pointerId,
        startX: e.clientX,
        startY: e.clientY,
        lastX: e.clientX,
        lastY: e.clientY,
        moved: false,
        over: null,
        frame: 0,
        ghost: null,
        stop: () => {},
      };
      // Under the pointer: the element there (the ghost lets the pointer through), else the event's
      // target (which is also how tests, in a DOM without layout, point at a cell).
      const target = (evTarget: EventTarget | null): Cell | null => {
        const at = d.moved && typeof document.elementFromPoint === "function" ? document.elementFromPoint(d.lastX, d.lastY) : null;
        return cellOf(at, mapRef.current) ?? cellOf(evTarget, mapRef.current);
      };
      const inMap = (t: EventTarget | null) => t instanceof Node && !!mapRef.current?.contains(t);
      /** A copy of the card follows the pointer; the cell under it lights up. */
      const follow = (evTarget: EventTarget | null) => {
        if (d.ghost) d.ghost.style.transform = `translate(${d.lastX - d.startX}px, ${d.lastY - d.startY}px)`;
        const c = target(evTarget);
        if (c || !inMap(evTarget)) d.over = c;
        setOver(d.over && cellKey(d.over) !== cellKey(d.from) ? cellKey(d.over) : null);
      };
      // Near the edge of the map's pane (or the window), scroll it, so cells out of sight are reachable.
      const autoScroll = () => {
        d.frame = 0;
        if (!d.moved || !autoScrollBy(scrollers, d.lastX, d.lastY)) return;
        follow(null);
        d.frame = requestAnimationFrame(autoScroll);
      };
      const onMove = (ev: PointerEvent) => {
        if (ev.pointerId !== d.pointerId) return;
        d.lastX = ev.clientX;
        d.lastY = ev.clientY;
        if (!d.moved && Math.hypot(d.lastX - d.startX, d.lastY - d.startY) >= DRAG_SLOP) {
          d.moved = true;
          d.ghost = ghostOf(el, rect);
          setDragging(code);
        }
        if (!d.moved) {
          d.over = target(ev.target) ?? d.over;
          return;
        }
        follow(ev.target);
        if (!d.frame && typeof requestAnimationFrame === "function") d.frame = requestAnimationFrame(autoScroll);
      };
      const onUp = (ev: PointerEvent) => {
        if (ev.pointerId !== d.pointerId) return;
        d.lastX = ev.clientX;
        d.lastY = ev.clientY;
        // Let go between cells (in the map's gaps): the last cell passed over; outside the map: nothing.
        const to = target(ev.target) ?? (inMap(ev.target) ? d.over : null);
        d.stop();
        if (to && (to.x !== d.from.x || to.y !== d.from.y)) void moveSeat(code, to);
      };
      const onKey = (ev: globalThis.KeyboardEvent) => {
        if (ev.key !== "Escape") return;
        ev.stopPropagation();
        d.stop();
      };
      const onCancel = () => d.stop();
      d.stop = () => {
        window.removeEventListener("pointermove", onMove);
        window.removeEventListener("pointerup", onUp);
        window.removeEventListener("pointercancel", onCancel);
        window.removeEventListener("blur", onCancel);
        window.removeEventListener("keydown", onKey, true);
        if (d.frame) cancelAnimationFrame(d.frame);
        d.frame = 0;
        d.ghost?.remove();
        d.ghost = null;
        if (drag.current === d) drag.current = null;
        setDragging(null);
        setOver(null);
      };
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", onUp);
      window.addEventListener("pointercancel", onCancel);
      window.addEventListener("blur", onCancel);
      window.addEventListener("keydown", onKey, true);
      drag.current = d;
    },
    [moveSeat],
  );

  // A drag does not outlive arranging (or the map).
  useEffect(() => {
    if (!arranging) drag.current?.stop();
    return () => drag.current?.stop();
  }, [arranging]);

  /** The seat moved with the keys: its cell is scrolled into view once it is drawn there. */
  const reveal = useRef<string | null>(null);
  const onArrowKey = useCallback(
    (e: KeyboardEvent<HTMLElement>, code: string, x: number, y: number) => {
      const step = ARROWS[e.key];
      if (!step || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      const to = { x: x + step[0], y: y + step[1] };
      if (to.x < 0 || to.y < 0 || to.x > LIMITS.seat_grid_max || to.y > LIMITS.seat_grid_max) return;
      reveal.current = code;
      void moveSeat(code, to);
    },
    [moveSeat],
  );

  const noSeatTip = t("floorMap.noSeat", { page: t("nav.teams") });
  const arrange = useMemo<CardArrange>(() => ({ noSeatTip }), [noSeatTip]);

  // ---- clicks, keys and presses: once, on the map, for every card and seat (event delegation) ----
  const cardEvents = useCardEvents(agents, menuFor, actions);
  /** The card or free seat being arranged that an event happened in. */
  const movableAt = (e: { target: EventTarget; currentTarget: HTMLElement }) => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-seat][data-cell-x]") : null;
    if (!el || !e.currentTarget.contains(el)) return null;
    return { el, code: el.dataset.seat!, x: Number(el.dataset.cellX), y: Number(el.dataset.cellY) };
  };
  const mapEvents = arranging
    ? {
        onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => {
          const m = movableAt(e);
          if (m) startDrag(e, m.el, m.code, m.x, m.y);
        },
        onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => {
          const m = movableAt(e);
          if (m && m.el === e.target) onArrowKey(e, m.code, m.x, m.y);
        },
      }
    : cardEvents;

  // What has the keyboard stays drawn (a big map would otherwise drop it when it scrolls away).
  const { focused, onFocus, onBlur } = useFocusKey(mapKey);

  // ---- layout ----
  const laidOut = useLaidOut(agents);
  const view = useMemo(
    () => mapView(laidOut, arranging, seats, pending, t("floorMap.unseated")),
    [laidOut, arranging, seats, pending, t],
  );
  const { layout } = view;
  const big = view.cells >= VIRTUALIZE_FROM;

  // A seat moved with the keys: bring its new cell into view (it is drawn: it has the focus).
  useLayoutEffect(() => {
    const code = reveal.current;
    if (!code || !pending[code]) return;
    reveal.current = null;
    const el = [...(mapRef.current?.querySelectorAll<HTMLElement>("[data-seat][data-cell-x]") ?? [])].find((n) => n.dataset.seat === code);
    el?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [pending]);

  const renderItem = (it: MapItem): ReactNode => {
    if (it.at != null) {
      // The agent as the push has it; the layout may be from an earlier push (same places).
      const a = agents[it.at];
      return (
        <AgentCard
          key={it.key}
          agent={a}
          t={t}
          boardNow={boardNow}
          actions={actions}
          arrange={arranging ? arrange : null}
          menuOpen={!arranging && menuFor === a.employee_no}
          col={it.col + 1}
          row={it.track + 1}
          cellX={it.cell?.x}
          cellY={it.cell?.y}
          dragging={it.cell ? dragging === a.seat_code : undefined}
          over={it.cell ? over === cellKey(it.cell) : undefined}
        />
      );
    }
    const seat = it.seat!;
    const cell = it.cell!;
    return (
      <div
        key={it.key}
        className={["fd-map-seat", dragging === seat.code ? "is-dragging" : "", over === cellKey(cell) ? "is-over" : ""].join(" ")}
        data-testid={`map-seat-${seat.code}`}
        data-seat={seat.code}
        data-cell-x={cell.x}
        data-cell-y={cell.y}
        role="button"
        tabIndex={0}
        style={{ gridColumn: it.col + 1, gridRow: it.track + 1 }}
      >
        <span className="fd-map-seat-code">{seat.code}</span>
        <span className="fd-map-seat-who">{seat.agent_name ?? t("floorMap.freeSeat")}</span>
      </div>
    );
  };
  const renderEmpty = (cell: Cell) => (
    <div
      key={`cell-${cellKey(cell)}`}
      className={over === cellKey(cell) ? "fd-map-cell is-over" : "fd-map-cell"}
      data-testid={`map-cell-${cell.x}-${cell.y}`}
      data-cell-x={cell.x}
      data-cell-y={cell.y}
      style={{ gridColumn: cell.x + 1, gridRow: layout.rowOf.get(cell.y)! }}
    />
  );
  const renderLabel = (l: MapLayout["labels"][number]) => (
    <div
      key={l.key}
      className={`fd-map-label fd-map-label-${l.kind}`}
      style={{ gridRow: l.row, gridColumn: `${l.col} / span ${l.span}` }}
      data-testid={l.kind === "zone" ? `map-zone-${l.text}` : "map-unseated"}
    >
      {l.text}
    </div>
  );
  /** The labels, seats and cards of rows `rows` and columns `cols` (0-based, inclusive), and what must stay drawn. */
  const renderWindow = (rows: Span, cols: Span): ReactNode[] => {
    const out: ReactNode[] = [];
    const inRows = (track: number) => rows != null && track >= rows[0] && track <= rows[1];
    const inCols = (col: number) => cols != null && col >= cols[0] && col <= cols[1];
    for (const l of layout.labels) if (inRows(l.row - 1)) out.push(renderLabel(l));
    const shown: MapItem[] = [];
    if (rows && cols) for (let tr = rows[0]; tr <= rows[1]; tr++) for (const it of view.byTrack[tr] ?? []) if (inCols(it.col)) shown.push(it);
    const keep = [
      menuFor != null && !arranging ? view.byKey.get(`agent-${menuFor}`) : undefined,
      dragging != null ? view.bySeat.get(dragging) : undefined,
      focused != null ? view.byKey.get(focused) : undefined,
    ];
    for (const it of keep) if (it && !(inRows(it.track) && inCols(it.col)) && !shown.includes(it)) shown.push(it);
    // In the board's order, whatever is in view: a card moving to another cell is not moved in the DOM.
    shown.sort((a, b) => a.index - b.index);
    for (const it of shown) out.push(renderItem(it));
    if (arranging && rows && cols) {
      for (let tr = rows[0]; tr <= rows[1]; tr++) {
        const y = view.seatRowOf[tr];
        if (y == null) continue;
        for (let x = cols[0]; x <= Math.min(cols[1], layout.cols - 1); x++) if (!view.taken.has(cellKey({ x, y }))) out.push(renderEmpty({ x, y }));
      }
    }
    return out;
  };

  const all: [number, number] = [0, Math.max(layout.tracks.length, layout.cols) - 1];
  const style: CSSProperties & Record<`--${string}`, string | number> = (
    big
      ? {
          "--fd-cols": layout.cols,
          "--fd-card-w": `${MAP_SIZES.cardW}px`,
          "--fd-row-h": `${MAP_SIZES.rowH}px`,
          "--fd-gap-h": `${MAP_SIZES.gapH}px`,
          gap: `${MAP_SIZES.rowGap}px ${MAP_SIZES.colGap}px`,
          gridTemplateRows: view.heights.map((h) => `${h}px`).join(" "),
        }
      : { "--fd-cols": layout.cols, gridTemplateRows: templateRows(layout.tracks) }
  );

  return (
    <>
      {arranging ? (
        <div className="fd-arrange-hint" data-testid="arrange-hint">
          {t("floorMap.arrangeHint")}
        </div>
      ) : null}
      <div className={big ? "fd-floor-map-scroll fd-board-scroll" : "fd-floor-map-scroll"} ref={setScroller} data-virtual={big || undefined}>
        <div
          ref={mapRef}
          className={arranging ? "fd-floor-map is-arranging" : "fd-floor-map"}
          data-testid="board-map"
          aria-busy={saving}
          style={style}
          onFocus={onFocus}
          onBlur={onBlur}
          {...mapEvents}
        >
          {big ? (
            <MapWindow scroller={scroller} heights={view.heights} cols={layout.cols} inset={arranging ? MAP_SIZES.arrangeInset : 0}>
              {renderWindow}
            </MapWindow>
          ) : (
            renderWindow(all, all)
          )}
        </div>
      </div>
    </>
  );
}

/** The key (as MapView's `byKey`) of the card or free seat an element is in. */
function mapKey(el: Element): string | null {
  const c = el.closest<HTMLElement>("[data-agent], [data-seat]");
  if (c?.dataset.agent != null) return `agent-${c.dataset.agent}`;
  return c?.dataset.seat != null ? `seat-${c.dataset.seat}` : null;
}

/** Rows or columns from–to (0-based, inclusive); null: none. */
type Span = [number, number] | null;

/** A card or a free seat on the map, at its grid track (row) and column (0-based). */
type MapItem = {
  key: string;
  /** Its place in the board's order (what is drawn is drawn in this order). */
  index: number;
  track: number;
  col: number;
  /** The agent as laid out (where it sits; its state may be older), and its index in the agents shown. */
  agent?: BoardAgent;
  at?: number;
  seat?: Seat;
  /** The seat's cell (agents with a seat, free seats). */
  cell: Cell | null;
};

type MapView = {
  layout: MapLayout;
  items: MapItem[];
  /** The items on each track. */
  byTrack: MapItem[][];
  /** Items by `agent-<工号>` and `seat-<code>` (free seats), and by seat code (cards and free seats). */
  byKey: Map<string, MapItem>;
  bySeat: Map<string, MapItem>;
  /** The cells with a seat drawn, and the seat row (y) of each track (arranging: every track up to the spare row). */
  taken: Set<string>;
  seatRowOf: (number | undefined)[];
  /** Each track's height (px), for a big map. */
  heights: number[];
  /** How many things are drawn: cards, free seats and, arranging, empty cells. */
  cells: number;
};

/**
 * `agents`, or the agents the map was last laid out from while every agent is where it was (same
 * 工号 in the same order, seat, zone, and a reason or not: the third line makes a row taller). A
 * push that only changes states then keeps the layout: laying 1,000 cards out again for each of
 * ten pushes a second was most of what the page allocated under a busy feed.
 */
function useLaidOut(agents: BoardAgent[]): BoardAgent[] {
  const last = useRef(agents);
  if (!samePlaces(last.current, agents)) last.current = agents;
  return last.current;
}

function samePlaces(a: BoardAgent[], b: BoardAgent[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (
      x.employee_no !== y.employee_no ||
      x.seat_code !== y.seat_code ||
      x.seat_x !== y.seat_x ||
      x.seat_y !== y.seat_y ||
      x.zone !== y.zone ||
      !x.now.reason !== !y.now.reason
    )
      return false;
  }
  return true;
}

function mapView(agents: BoardAgent[], arranging: boolean, seats: Seat[] | null, pending: Record<string, Cell>, unseatedLabel: string): MapView {
  const at = (code: string | null, x: number | null, y: number | null): Cell | null => {
    if (code != null && pending[code]) return pending[code];
    return x != null && y != null ? { x, y } : null;
  };
  const placed: { agent: BoardAgent; at: number; cell: Cell }[] = [];
  const unseated: { agent: BoardAgent; at: number }[] = [];
  agents.forEach((a, i) => {
    const cell = arranging ? at(a.seat_code, a.seat_x, a.seat_y) : a.seat_x != null && a.seat_y != null ? { x: a.seat_x, y: a.seat_y } : null;
    if (cell && a.seat_code != null) placed.push({ agent: a, at: i, cell });
    else unseated.push({ agent: a, at: i });
  });
  // Arranging: the active seats nobody shown sits at (free, or their agent is filtered out).
  const shownSeats = new Set(placed.map((p) => p.agent.seat_code));
  const freeSeats = arranging
    ? (seats ?? []).filter((s) => s.active && !shownSeats.has(s.code)).map((s) => ({ seat: s, cell: at(s.code, s.x, s.y)! }))
    : [];
  const positions: SeatPos[] = [
    ...placed.map((p) => ({ x: p.cell.x, y: p.cell.y, zone: p.agent.zone })),
    ...freeSeats.map((f) => ({ x: f.cell.x, y: f.cell.y, zone: f.seat.zone })),
  ];
  const layout = (arranging ? exactLayout : compactLayout)(positions, unseated.length, unseatedLabel);

  const items: MapItem[] = [];
  for (const { agent, at, cell } of placed)
    items.push({ key: `agent-${agent.employee_no}`, index: items.length, track: layout.rowOf.get(cell.y)! - 1, col: cell.x, agent, at, cell });
  unseated.forEach(({ agent, at }, i) =>
    items.push({
      key: `agent-${agent.employee_no}`,
      index: items.length,
      track: layout.unseatedRow - 1 + Math.floor(i / layout.unseatedPerRow),
      col: i % layout.unseatedPerRow,
      agent,
      at,
      cell: null,
    }),
  );
  for (const { seat, cell } of freeSeats)
    items.push({ key: `seat-${seat.code}`, index: items.length, track: layout.rowOf.get(cell.y)! - 1, col: cell.x, seat, cell });

  const byTrack: MapItem[][] = layout.tracks.map(() => []);
  const byKey = new Map<string, MapItem>();
  const bySeat = new Map<string, MapItem>();
  const tall = new Set<number>();
  for (const it of items) {
    byTrack[it.track]?.push(it);
    byKey.set(it.key, it);
    const code = it.seat?.code ?? (it.cell ? it.agent?.seat_code : null);
    if (code != null) bySeat.set(code, it);
    // A card's third line: the seat while arranging, else a reason.
    if (it.agent && (arranging || it.agent.now.reason)) tall.add(it.track);
  }
  const taken = new Set(positions.map(cellKey));
  const seatRowOf: (number | undefined)[] = [];
  let empty = 0;
  if (arranging) {
    for (const [y, row] of layout.rowOf) seatRowOf[row - 1] = y;
    empty = layout.rowOf.size * layout.cols - taken.size;
  }
  return { layout, items, byTrack, byKey, bySeat, taken, seatRowOf, heights: trackHeights(layout.tracks, tall), cells: items.length + empty };
}

/** The window's size before the pane is measured (the first frame draws about a screenful). */
const firstRect = () => ({ width: window.innerWidth, height: window.innerHeight });

/**
 * Which rows and columns of a big map are in view, and two more on each side, from the pane's
 * scroll position and the map's sizes (nothing is measured). It renders again only when that
 * window changes, not on every scroll event.
 */
function MapWindow({
  scroller,
  heights,
  cols,
  inset,
  children,
}: {
  scroller: HTMLElement | null;
  heights: number[];
  cols: number;
  inset: number;
  children: (rows: Span, cols: Span) => ReactNode;
}) {
  // Each track's key carries its height: a row grown by a card's third line is laid out anew.
  const rowKey = useCallback((i: number) => `${i}:${heights[i]}`, [heights]);
  const rows = useVirtualizer({
    count: heights.length,
    getScrollElement: () => scroller,
    estimateSize: (i) => heights[i],
    getItemKey: rowKey,
    gap: MAP_SIZES.rowGap,
    paddingStart: inset,
    overscan: 2,
    initialRect: firstRect(),
    directDomUpdates: true,
  });
  const columns = useVirtualizer({
    horizontal: true,
    count: cols,
    getScrollElement: () => scroller,
    estimateSize: () => MAP_SIZES.cardW,
    gap: MAP_SIZES.colGap,
    paddingStart: inset,
    overscan: 2,
    initialRect: firstRect(),
    directDomUpdates: true,
  });
  return <>{children(spanOf(rows.getVirtualItems()), spanOf(columns.getVirtualItems()))}</>;
}

function spanOf(items: { index: number }[]): Span {
  return items.length ? [items[0].index, items[items.length - 1].index] : null;
}
