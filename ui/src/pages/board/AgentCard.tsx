// One agent on the board: the card (map and compact views), its state menu and its timer.
// Pushes arrive up to ~10 times a second with fresh objects, so the card is memoised on what it
// shows: an unchanged agent is not re-rendered.
import { memo, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { Popover, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { AgentNow, AgentState, BoardAgent, NoticeMark } from "../../backend";
import StateMenu from "./StateMenu";
import NoticeTag from "./NoticeTag";
import { STATE_COLORS, formatTimer, stateName, timerLevel } from "./boardUtil";
import { STATE_ICONS } from "./stateIcons";
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

/** What a card does while seats are arranged (one stable object for all cards). */
export type ArrangeActions = {
  startDrag: (e: PointerEvent<HTMLElement>, seatCode: string, x: number, y: number) => void;
  onKey: (e: KeyboardEvent<HTMLElement>, seatCode: string, x: number, y: number) => void;
  /** The tooltip of a card that cannot move (no seat). */
  noSeatTip: string;
};

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
  boardNow: string;
  menuOpen: boolean;
  actions: CardActions;
  /** Grid placement on the map (1-based lines); none in the compact view. */
  col?: number;
  row?: number;
  /** Set while seats are arranged: no menu, the card drags. */
  arrange?: ArrangeActions | null;
  /** The card's seat position while arranging (0-based), when it has a seat. */
  cellX?: number;
  cellY?: number;
  dragging?: boolean;
  over?: boolean;
};

function AgentCardView({ agent, boardNow, menuOpen, actions, col, row, arrange, cellX, cellY, dragging, over }: CardProps) {
  const { t } = useTranslation();
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
      data-state={agent.now.state}
      data-shift-date={agent.now.shift_date ?? undefined}
      data-seat={agent.seat_code ?? undefined}
      data-cell-x={arrange && seated ? cellX : undefined}
      data-cell-y={arrange && seated ? cellY : undefined}
      role="button"
      tabIndex={0}
      aria-disabled={arrange && !seated ? true : undefined}
      style={col != null && row != null ? { gridColumn: col, gridRow: row } : undefined}
      onKeyDown={
        arrange
          ? (e) => {
              if (seated) arrange.onKey(e, agent.seat_code!, cellX!, cellY!);
            }
          : (e) => actions.onKey(agent, e)
      }
      onPointerDown={arrange && seated ? (e) => arrange.startDrag(e, agent.seat_code!, cellX!, cellY!) : undefined}
      onClick={arrange || menuOpen ? undefined : () => actions.openMenu(agent.employee_no)}
    >
      <div className="fd-agent-card-top">
        <span className="fd-agent-name" title={agent.name}>
          {agent.name}
        </span>
        {agent.notice && !arrange ? <NoticeTag notice={agent.notice} testId={`board-notice-${agent.employee_no}`} /> : null}
        {agent.seat_assigned ? (
          <Tooltip title={t("board.seatAssignedTip", { seat: agent.seat_code ?? "—" })}>
            <Tag className="fd-agent-seat-assigned" data-testid={`board-seat-assigned-${agent.employee_no}`}>
              {t("board.seatAssigned")}
            </Tag>
          </Tooltip>
        ) : null}
        <span className="fd-agent-no">{agent.employee_no}</span>
      </div>
      <div className="fd-agent-card-bottom">
        <Tag
          color={STATE_COLORS[agent.now.state]}
          icon={STATE_ICONS[agent.now.state]}
          className="fd-agent-state"
          title={stateName(t, agent.now.state, agent.channel)}
          data-testid={`board-state-${agent.employee_no}`}
        >
          {stateName(t, agent.now.state, agent.channel)}
        </Tag>
        <Timer agent={agent} />
      </div>
      {arrange ? (
        <div className="fd-agent-seat">{agent.seat_code ?? "—"}</div>
      ) : agent.now.reason ? (
        <div className="fd-agent-reason">{agent.now.reason}</div>
      ) : null}
    </div>
  );
  if (arrange) return seated ? card : <Tooltip title={arrange.noSeatTip}>{card}</Tooltip>;
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

function sameAgent(a: BoardAgent, b: BoardAgent) {
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
