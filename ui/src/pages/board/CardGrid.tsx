// 紧凑: the cards in rows as wide as the pane allows, in the board's order. A big floor
// (VIRTUALIZE_FROM cards on) scrolls in a pane of its own and puts only the rows in view, and
// three either side, in the DOM (@tanstack/react-virtual); a row's height is known from its cards
// (taller where one has a reason), so nothing is measured. The focused card's row and the row of
// the card whose menu is open stay drawn wherever they are.
import { useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { useTranslation } from "react-i18next";
import type { BoardAgent } from "../../backend";
import { AgentCard, cardKey, useCardEvents, useFocusKey, type BoardViewProps } from "./AgentCard";
import { VIRTUALIZE_FROM } from "./boardUtil";

/** A card's width, its height (and a third line's), and the gap between cards (px); see .fd-floor-grid-row. */
export const GRID_SIZES = { cardW: 132, cardH: 60, thirdLine: 22, gap: 6 } as const;

export default function CardGrid({ agents, boardNow, menuFor, actions }: BoardViewProps) {
  const { t } = useTranslation();
  const events = useCardEvents(agents, menuFor, actions);
  const card = (a: BoardAgent) => (
    <AgentCard key={a.employee_no} agent={a} t={t} boardNow={boardNow} menuOpen={menuFor === a.employee_no} actions={actions} />
  );
  if (agents.length < VIRTUALIZE_FROM) {
    return (
      <div className="fd-floor-grid" data-testid="board-grid" {...events}>
        {agents.map(card)}
      </div>
    );
  }
  return <BigGrid agents={agents} menuFor={menuFor} events={events} card={card} />;
}

/** The width of an element's content box (what fits in it), followed as it resizes. */
function useClientWidth(el: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return width;
}

type Row = { agents: BoardAgent[]; height: number };

/** The agents in rows of `perRow`, each as tall as its tallest card. */
export function gridRows(agents: readonly BoardAgent[], perRow: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < agents.length; i += perRow) {
    const slice = agents.slice(i, i + perRow);
    const third = slice.some((a) => a.now.reason);
    rows.push({ agents: slice, height: GRID_SIZES.cardH + (third ? GRID_SIZES.thirdLine : 0) });
  }
  return rows;
}

function BigGrid({
  agents,
  menuFor,
  events,
  card,
}: {
  agents: BoardAgent[];
  menuFor: string | null;
  events: ReturnType<typeof useCardEvents>;
  card: (a: BoardAgent) => ReactNode;
}) {
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const width = useClientWidth(scroller);
  const perRow = Math.max(1, Math.floor((width + GRID_SIZES.gap) / (GRID_SIZES.cardW + GRID_SIZES.gap)));
  const rows = useMemo(() => gridRows(agents, perRow), [agents, perRow]);
  const { focused, onFocus, onBlur } = useFocusKey(cardKey);

  // The rows that stay drawn: the focused card's and the open menu's.
  const rowOf = (no: string | null) => (no == null ? -1 : Math.floor(agents.findIndex((a) => a.employee_no === no) / perRow));
  const keepA = rowOf(focused);
  const keepB = rowOf(menuFor);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      for (const k of [keepA, keepB]) if (k >= 0 && k < range.count && !indexes.includes(k)) indexes.push(k);
      return indexes.sort((a, b) => a - b);
    },
    [keepA, keepB],
  );
  // Each row's key carries its height and width: a row that changed is laid out anew.
  const rowKey = useCallback((i: number) => `${i}:${rows[i]?.height}:${perRow}`, [rows, perRow]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: (i) => rows[i].height,
    getItemKey: rowKey,
    gap: GRID_SIZES.gap,
    overscan: 3,
    rangeExtractor,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    directDomUpdates: true,
  });

  return (
    <div className="fd-board-scroll" data-testid="board-grid" data-virtual ref={setScroller} onFocus={onFocus} onBlur={onBlur} {...events}>
      <div className="fd-floor-grid-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index];
          return (
            <div key={v.index} className="fd-floor-grid-row" style={{ top: v.start, height: row.height }}>
              {row.agents.map(card)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
