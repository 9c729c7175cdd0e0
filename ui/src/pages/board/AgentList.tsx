// 列表: one row per agent (seat, 工号, name with 已报备, team, state, timer, reason). Rows are
// plain elements of one height, memoised on what they show; a click on a row's state opens the
// agent's menu (one handler for the list; the popover exists only on the row whose menu is open).
// A big floor (VIRTUALIZE_FROM agents on) scrolls in a pane of its own and puts only the rows in
// view, and ten either side, in the DOM (@tanstack/react-virtual); the open menu's row stays.
import { memo, useCallback, useState, type ReactNode } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { BoardAgent } from "../../backend";
import { AgentMenu, StateTag, Timer, sameAgent, useCardEvents, type BoardViewProps, type CardActions } from "./AgentCard";
import { VIRTUALIZE_FROM } from "./boardUtil";
import NoticeTag from "./NoticeTag";

/** A row's height and the header's (px); rows are drawn at exactly this height. */
export const LIST_ROW_H = 38;
const HEAD_H = 40;

export default function AgentList({ agents, boardNow, menuFor, actions }: BoardViewProps) {
  const { t } = useTranslation();
  const events = useCardEvents(agents, menuFor, actions);
  const big = agents.length >= VIRTUALIZE_FROM;
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const row = (a: BoardAgent, top?: number) => (
    <ListRow key={a.employee_no} agent={a} t={t} boardNow={boardNow} menuOpen={menuFor === a.employee_no} actions={actions} top={top} />
  );
  const head = (
    <div className="fd-board-list-head" role="row" style={{ height: HEAD_H }}>
      <span role="columnheader">{t("board.seat")}</span>
      <span role="columnheader">{t("fields.employee_no")}</span>
      <span role="columnheader">{t("fields.name")}</span>
      <span role="columnheader">{t("board.team")}</span>
      <span role="columnheader">{t("board.state")}</span>
      <span role="columnheader">{t("board.timer")}</span>
      <span role="columnheader">{t("board.reason")}</span>
    </div>
  );
  return (
    <div
      className={big ? "fd-board-list fd-board-scroll" : "fd-board-list"}
      role="table"
      data-testid="board-list"
      data-virtual={big || undefined}
      ref={setScroller}
      {...events}
    >
      {head}
      {big ? <VirtualRows agents={agents} menuFor={menuFor} scroller={scroller} row={row} /> : <div role="rowgroup">{agents.map((a) => row(a))}</div>}
    </div>
  );
}

function VirtualRows({
  agents,
  menuFor,
  scroller,
  row,
}: {
  agents: BoardAgent[];
  menuFor: string | null;
  scroller: HTMLElement | null;
  row: (a: BoardAgent, top: number) => ReactNode;
}) {
  const keep = menuFor == null ? -1 : agents.findIndex((a) => a.employee_no === menuFor);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (keep >= 0 && keep < range.count && !indexes.includes(keep)) indexes.push(keep);
      return indexes.sort((a, b) => a - b);
    },
    [keep],
  );
  const virtualizer = useVirtualizer({
    count: agents.length,
    getScrollElement: () => scroller,
    estimateSize: () => LIST_ROW_H,
    // The rows start below the sticky header.
    scrollMargin: HEAD_H,
    scrollPaddingStart: HEAD_H,
    overscan: 10,
    rangeExtractor,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    directDomUpdates: true,
  });
  return (
    <div role="rowgroup" style={{ position: "relative", height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((v) => row(agents[v.index], v.start - HEAD_H))}
    </div>
  );
}

type RowProps = {
  agent: BoardAgent;
  t: TFunction;
  boardNow: string;
  menuOpen: boolean;
  actions: CardActions;
  /** Where the row is drawn in a big list (px from the first row); none: in the flow. */
  top?: number;
};

const ListRow = memo(
  function ListRow({ agent: a, t, boardNow, menuOpen, actions, top }: RowProps) {
    const tag = <StateTag t={t} state={a.now.state} channel={a.channel} testId={`board-agent-${a.employee_no}`} agentNo={a.employee_no} />;
    return (
      <div
        className="fd-board-list-row"
        role="row"
        data-testid={`board-row-${a.employee_no}`}
        style={top == null ? { height: LIST_ROW_H } : { position: "absolute", left: 0, right: 0, top, height: LIST_ROW_H }}
      >
        <span role="cell">{a.seat_code ?? ""}</span>
        <span role="cell">{a.employee_no}</span>
        <span role="cell" className="fd-board-list-name">
          {a.name}
          {a.notice ? <NoticeTag notice={a.notice} testId={`board-notice-${a.employee_no}`} /> : null}
        </span>
        <span role="cell">{a.team_name}</span>
        <span role="cell">
          {menuOpen ? (
            <AgentMenu agent={a} open boardNow={boardNow} actions={actions}>
              {tag}
            </AgentMenu>
          ) : (
            tag
          )}
        </span>
        <span role="cell">
          <Timer agent={a} />
        </span>
        <span role="cell">{a.now.reason ?? ""}</span>
      </div>
    );
  },
  // An open menu follows every push (its "effective at" default reads the board's time).
  (p, n) => !p.menuOpen && !n.menuOpen && sameAgent(p.agent, n.agent) && p.t === n.t && p.actions === n.actions && p.top === n.top,
);
