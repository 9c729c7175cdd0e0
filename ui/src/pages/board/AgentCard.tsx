// One agent on the board: the card (map and compact views), its state menu and its timer.
// Pushes arrive up to ~10 times a second with fresh objects, so the card is memoised on what it
// shows: an unchanged agent is not re-rendered. A card is plain elements (six for an agent with
// nothing to flag): the state tag is a span whose icon CSS draws, tooltips are made on hover
// (LazyTip), the state menu's popover exists only on the card whose menu is open, and clicks and
// keys are handled once for all cards by the view around them (`useCardEvents`).
import { memo, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode, type SyntheticEvent } from "react";
import { Popover } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AgentNow, AgentState, BoardAgent, ContactChannel, NoticeMark } from "../../backend";
import StateMenu from "./StateMenu";
import NoticeTag from "./NoticeTag";
import LazyTip from "./LazyTip";
import { STATE_COLORS, formatTimer, stateName, timerLevel } from "./boardUtil";
import { elapsedSecs, useBoardNow } from "./boardClock";

/** What a card can do on the board; one stable object for all cards. */
export type CardActions = {
  canOperate: boolean;
  openMenu: (employeeNo: string | null) => void;
  setState: (agent: BoardAgent, state: AgentState, reason: string | null, effectiveAt: string | null) => Promise<boolean>;
  /** Enter/Space and 1–9 on a focused card. */
  onKey: (agent: BoardAgent, e: KeyboardEvent<HTMLElement>) => void;
  /** The menu's break request (StateMenu's onRequestBreak); absent: not offered. */
  requestBreak?: (agent: BoardAgent) => Promise<boolean>;
  /** The menu's 报备… item: opens the notice dialog for the agent; absent: not offered. */
  openNotice?: (agent: BoardAgent) => void;
  /** The menu's 记为违规 item: opens the record form for the agent; absent: not offered. */
  recordIncident?: (agent: BoardAgent) => void;
};

/** The props of a view of cards without a floor plan (the compact grid, the list). */
export type BoardViewProps = {
  /** The agents shown (after the board's filters). */
  agents: BoardAgent[];
  boardNow: string;
  menuFor: string | null;
  actions: CardActions;
};

/** What a card shows while seats are arranged (one stable object for all cards; the map handles the drags and keys). */
export type CardArrange = {
  /** The tooltip of a card that cannot move (no seat). */
  noSeatTip: string;
};

/** The 工号 of the card (an element with `data-agent`) an event inside the view's container happened in. */
export function agentAt(e: SyntheticEvent<HTMLElement>): string | null {
  const target = e.target;
  // Events from a card's menu (a portal, elsewhere in the page) reach the view through React's tree: not a card's.
  if (!(target instanceof Element) || !e.currentTarget.contains(target)) return null;
  return target.closest<HTMLElement>("[data-agent]")?.dataset.agent ?? null;
}

/**
 * The click and key handlers of a view of cards, on its container: one pair for all the cards
 * (a click opens the card's menu; keys go to `actions.onKey` for the focused card).
 */
export function useCardEvents(agents: readonly BoardAgent[], menuFor: string | null, actions: CardActions) {
  // Looked up when an event comes, not indexed on every push.
  const latest = useRef(agents);
  latest.current = agents;
  return useMemo(() => {
    const find = (no: string | null) => (no == null ? undefined : latest.current.find((a) => a.employee_no === no));
    return {
      onClick: (e: MouseEvent<HTMLElement>) => {
        const no = agentAt(e);
        // A click on the card whose menu is open is the popover's own (it closes).
        if (no != null && no !== menuFor && find(no)) actions.openMenu(no);
      },
      onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
        const agent = find(agentAt(e));
        if (agent) actions.onKey(agent, e);
      },
    };
  }, [menuFor, actions]);
}

/**
 * What has the keyboard in a view (`keyOf` the focused element, inside the view's container), so
 * a big view keeps it drawn when it scrolls out of sight; the handlers go on the container.
 */
export function useFocusKey(keyOf: (el: Element) => string | null) {
  const [focused, setFocused] = useState<string | null>(null);
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    if (!(e.target instanceof Element) || !e.currentTarget.contains(e.target)) return;
    const key = keyOf(e.target);
    if (key !== focused) setFocused(key);
  };
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (focused != null && !(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setFocused(null);
  };
  return { focused, onFocus, onBlur };
}

/** The 工号 of the card an element is (or is in). */
export const cardKey = (el: Element) => el.closest<HTMLElement>("[data-agent]")?.dataset.agent ?? null;

/** A state as a small coloured tag with its icon (drawn by CSS, see .fd-state-tag). */
export function StateTag({
  t,
  state,
  channel,
  className,
  testId,
  agentNo,
}: {
  t: TFunction;
  state: AgentState;
  channel: ContactChannel;
  className?: string;
  testId?: string;
  /** Set where a click on the tag opens the agent's menu (the list). */
  agentNo?: string;
}) {
  const name = stateName(t, state, channel);
  return (
    <span
      className={`fd-tag fd-tag-${STATE_COLORS[state]} fd-state-tag fd-si-${state}${className ? ` ${className}` : ""}`}
      title={name}
      data-testid={testId}
      data-agent={agentNo}
    >
      {name}
    </span>
  );
}

/**
 * The running timer: from the state's start to the board's clock (the backend's time of the last
 * push, advanced locally only when a simulated clock runs fast). Limits come from the backend.
 */
export function Timer({ agent }: { agent: BoardAgent }) {
  const nowMs = useBoardNow();
  // How long someone off shift has been offline is nobody's concern: no timer.
  const offDuty = agent.now.state === "signed_out" && !agent.now.shift_date;
  const secs = offDuty ? null : elapsedSecs(agent.now.since, nowMs);
  const level = timerLevel(secs, agent.now.limit_secs);
  return (
    <span className={`fd-timer fd-timer-${level}`} data-testid={`board-timer-${agent.employee_no}`} data-level={level}>
      {formatTimer(secs)}
    </span>
  );
}

/** The state menu a card (or a list row's tag) opens on click. */
export function AgentMenu({
  agent,
  open,
  boardNow,
  actions,
  children,
}: {
  agent: BoardAgent;
  open: boolean;
  boardNow: string;
  actions: CardActions;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Popover
      open={open}
      trigger="click"
      destroyOnHidden
      placement="right"
      onOpenChange={(o) => actions.openMenu(o ? agent.employee_no : null)}
      content={
        <StateMenu
          agent={agent}
          boardNow={boardNow}
          canOperate={actions.canOperate}
          onSet={(s, r, at) => actions.setState(agent, s, r, at)}
          onRequestBreak={actions.requestBreak ? () => actions.requestBreak!(agent) : undefined}
          onNotice={actions.openNotice ? () => actions.openNotice!(agent) : undefined}
          onRecordIncident={actions.recordIncident ? () => actions.recordIncident!(agent) : undefined}
        />
      }
      title={t("board.stateMenuTitle", { name: agent.name, no: agent.employee_no })}
    >
      {children}
    </Popover>
  );
}

type CardProps = {
  agent: BoardAgent;
  /** The page's translator (the cards do not each subscribe to the language). */
  t: TFunction;
  boardNow: string;
  menuOpen: boolean;
  actions: CardActions;
  /** Grid placement on the map (1-based lines); none in the compact view. */
  col?: number;
  row?: number;
  /** Set while seats are arranged: no menu, the card drags. */
  arrange?: CardArrange | null;
  /** The card's seat position while arranging (0-based), when it has a seat. */
  cellX?: number;
  cellY?: number;
  dragging?: boolean;
  over?: boolean;
};

function AgentCardView({ agent, t, boardNow, menuOpen, actions, col, row, arrange, cellX, cellY, dragging, over }: CardProps) {
  const seated = agent.seat_code != null && cellX != null && cellY != null;
  const classes = [`fd-agent-card fd-state-${agent.now.state}`];
  if (arrange) classes.push(seated ? "is-movable" : "is-fixed");
  // A third line (the seat while arranging, else the reason) makes the card taller.
  if (arrange || agent.now.reason) classes.push("has-third-line");
  if (dragging) classes.push("is-dragging");
  if (over) classes.push("is-over");
  const card = (
    <div
      className={classes.join(" ")}
      data-testid={`board-agent-${agent.employee_no}`}
      data-agent={agent.employee_no}
      data-state={agent.now.state}
      data-shift-date={agent.now.shift_date ?? undefined}
      data-seat={agent.seat_code ?? undefined}
      data-cell-x={arrange && seated ? cellX : undefined}
      data-cell-y={arrange && seated ? cellY : undefined}
      role="button"
      tabIndex={0}
      aria-disabled={arrange && !seated ? true : undefined}
      style={col != null && row != null ? { gridColumn: col, gridRow: row } : undefined}
    >
      <div className="fd-agent-card-top">
        <span className="fd-agent-name" title={agent.name}>
          {agent.name}
        </span>
        {agent.notice && !arrange ? <NoticeTag notice={agent.notice} testId={`board-notice-${agent.employee_no}`} /> : null}
        {agent.seat_assigned ? (
          <LazyTip title={() => t("board.seatAssignedTip", { seat: agent.seat_code ?? "—" })}>
            <span className="fd-tag fd-agent-seat-assigned" data-testid={`board-seat-assigned-${agent.employee_no}`}>
              {t("board.seatAssigned")}
            </span>
          </LazyTip>
        ) : null}
        <span className="fd-agent-no">{agent.employee_no}</span>
      </div>
      <StateTag t={t} state={agent.now.state} channel={agent.channel} className="fd-agent-state" testId={`board-state-${agent.employee_no}`} />
      <Timer agent={agent} />
      {arrange ? (
        <div className="fd-agent-seat">{agent.seat_code ?? "—"}</div>
      ) : agent.now.reason ? (
        <div className="fd-agent-reason">{agent.now.reason}</div>
      ) : null}
    </div>
  );
  if (arrange) return seated ? card : <LazyTip title={arrange.noSeatTip}>{card}</LazyTip>;
  // Only the card whose menu is open carries a popover: a thousand idle popovers cost half a
  // megabyte each in the web view.
  if (!menuOpen) return card;
  return (
    <AgentMenu agent={agent} open boardNow={boardNow} actions={actions}>
      {card}
    </AgentMenu>
  );
}

function sameNow(a: AgentNow, b: AgentNow) {
  return (
    a.state === b.state &&
    a.since === b.since &&
    a.reason === b.reason &&
    a.limit_secs === b.limit_secs &&
    a.shift_date === b.shift_date &&
    a.shift_break_limit_secs === b.shift_break_limit_secs
  );
}

function sameNotice(a: NoticeMark | null, b: NoticeMark | null) {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.id === b.id && a.kind === b.kind && a.at === b.at && a.reason === b.reason && a.before_start === b.before_start && a.shift_date === b.shift_date;
}

/** Whether two reads of an agent show the same (what a card or a list row draws). */
export function sameAgent(a: BoardAgent, b: BoardAgent) {
  return (
    a === b ||
    (a.employee_no === b.employee_no &&
      a.name === b.name &&
      a.team_id === b.team_id &&
      a.team_name === b.team_name &&
      a.channel === b.channel &&
      a.seat_code === b.seat_code &&
      a.seat_assigned === b.seat_assigned &&
      a.seat_x === b.seat_x &&
      a.seat_y === b.seat_y &&
      a.zone === b.zone &&
      sameNow(a.now, b.now) &&
      sameNotice(a.notice, b.notice))
  );
}

function sameCard(p: CardProps, n: CardProps) {
  // An open menu follows every push (its "effective at" default reads the board's time).
  if (p.menuOpen || n.menuOpen) return false;
  // Timers follow the board's clock by themselves: a card changes only with what it shows.
  return (
    sameAgent(p.agent, n.agent) &&
    p.t === n.t &&
    p.actions === n.actions &&
    p.col === n.col &&
    p.row === n.row &&
    p.arrange === n.arrange &&
    p.cellX === n.cellX &&
    p.cellY === n.cellY &&
    p.dragging === n.dragging &&
    p.over === n.over
  );
}

/** An agent's card, re-rendered only when what it shows changes. */
export const AgentCard = memo(AgentCardView, sameCard);
