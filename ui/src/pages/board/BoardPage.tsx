// 现场看板: the live floor, re-rendered from every `floorUpdated` push. The UI judges nothing:
// states, timers' limits, line full and alerts all come from the backend.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Alert as AntAlert, App, Button, Empty, Input, Segmented, Select, Space, Spin, Switch, Tag, Tooltip } from "antd";
import { DragOutlined, FullscreenOutlined, SearchOutlined } from "@ant-design/icons";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useBackend, type AgentState, type Board, type BoardAgent } from "../../backend";
import { useCan, useSession } from "../../session";
import { useReportError } from "../../lib/hooks";
import { useDrawnMark } from "../../lib/drawnMark";
import { usePersonMatcher } from "../../lib/personSearch";
import PageHeader from "../../components/PageHeader";
import AlertPanel from "./AlertPanel";
import BreakQueue from "./BreakQueue";
import { AGENT_STATES, KEYED_STATES, STATE_COLORS, floorChannel, siteTime, stateName } from "./boardUtil";
import { STATE_ICONS } from "./stateIcons";
import { type CardActions } from "./AgentCard";
import { setBoardClock } from "./boardClock";
import FloorMap from "./FloorMap";
import CardGrid from "./CardGrid";
import AgentList from "./AgentList";
import Wallboard from "./Wallboard";
import NoticeModal from "./NoticeModal";
import { RecordIncidentModal } from "../incidents/RecordIncidentModal";
import { nowToMinute } from "../incidents/incidentText";


type View = "map" | "grid" | "list";

export default function BoardPage({ wallboard = false, onWallboard }: { wallboard?: boolean; onWallboard?: (on: boolean) => void }) {
  const { t } = useTranslation();
  const { site } = useSession();
  const backend = useBackend();
  const report = useReportError();
  const canOperate = useCan("operate_floor");
  const { message } = App.useApp();
  const canArrange = useCan("manage_people");
  const canRecord = useCan("record_incidents");
  const [board, setBoard] = useState<Board | null>(null);
  useDrawnMark("fd:board-drawn", board !== null);
  // The board's clock as of the last push: "now" for an incident recorded from a card.
  const boardNowRef = useRef<string | null>(null);
  boardNowRef.current = board?.now ?? null;
  const rate = useRef(1);
  const last = useRef<{ perf: number; now: number } | null>(null);
  const [team, setTeam] = useState<number | null>(null);
  const [stateFilter, setStateFilter] = useState<AgentState | null>(null);
  const [search, setSearch] = useState("");
  const matches = usePersonMatcher();
  const [view, setView] = useState<View>("map");
  const [menuFor, setMenuFor] = useState<string | null>(null);
  /** The agent whose notice (报备) dialog is open. */
  const [noticeFor, setNoticeFor] = useState<BoardAgent | null>(null);
  /** The agent being recorded (记为违规 from the card's menu), at the board's time then. */
  const [incidentFor, setIncidentFor] = useState<{ employee_no: string; ts: string } | null>(null);
  const [arrangeOn, setArrangeOn] = useState(false);
  // Seats are arranged on the map only, by those who manage people, never on the wallboard.
  const arranging = arrangeOn && canArrange && view === "map" && !wallboard;
  const [lineBusy, setLineBusy] = useState(false);

  const accept = useCallback((b: Board) => {
    const perf = performance.now();
    const now = new Date(b.now).getTime();
    const prev = last.current;
    // Only the regular ticks (about a second apart) tell the clock's rate; a push right after a
    // change, or a jump (late correction, test clock), says nothing about it.
    const gap = prev ? perf - prev.perf : 0;
    const measured = prev && gap >= 700 && gap <= 3000 && now >= prev.now ? Math.min(1000, (now - prev.now) / gap) : null;
    last.current = { perf, now };
    if (measured != null) rate.current = rate.current * 0.5 + measured * 0.5;
    setBoardClock(now, perf, rate.current);
    setBoard(b);
  }, []);

  useEffect(() => {
    let alive = true;
    const unsubscribe = backend.onFloorUpdated((b) => alive && accept(b));
    backend.floorBoard().then(
      (b) => alive && accept(b),
      (e: unknown) => alive && report(e),
    );
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [backend, accept, report]);

  const setState = useCallback(
    async (agent: BoardAgent, state: AgentState, reason: string | null, effectiveAt: string | null) => {
      try {
        await backend.setAgentState({ employee_no: agent.employee_no, state, reason, effective_at: effectiveAt });
        setMenuFor(null);
        // The push follows; read the board now too, so the card changes at once.
        accept(await backend.floorBoard());
        return true;
      } catch (e) {
        report(e);
        return false;
      }
    },
    [backend, accept, report],
  );

  const toggleLineFull = async (on: boolean) => {
    setLineBusy(true);
    try {
      await backend.setLineFull(on);
      accept(await backend.floorBoard());
    } catch (e) {
      report(e);
    } finally {
      setLineBusy(false);
    }
  };

  const teams = useMemo(() => {
    const m = new Map<number, string>();
    board?.agents.forEach((a) => m.set(a.team_id, a.team_name));
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [board]);

  const counts = useMemo(() => {
    const c = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
    board?.agents.forEach((a) => (c[a.now.state] += 1));
    return c;
  }, [board]);
  const countsChannel = useMemo(() => floorChannel(board?.agents ?? []), [board]);
  // 挂起 is a chat desk's state: counted and filtered on a floor with chat teams (or anyone in it).
  const countedStates = useMemo(
    () => AGENT_STATES.filter((s) => s !== "suspended" || countsChannel !== "phone" || counts.suspended > 0),
    [countsChannel, counts],
  );

  const shown = useMemo(
    () =>
      (board?.agents ?? []).filter(
        (a) => (team == null || a.team_id === team) && (stateFilter == null || a.now.state === stateFilter) && matches(search, a),
      ),
    [board, team, stateFilter, search, matches],
  );

  const onCardKey = useCallback(
    (agent: BoardAgent, e: KeyboardEvent<HTMLElement>) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        setMenuFor(agent.employee_no);
        return;
      }
      const n = Number(e.key);
      if (!Number.isInteger(n) || n < 1 || n > 9 || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      if (!canOperate) return;
      const state = KEYED_STATES[n - 1];
      // "Other" needs a reason: open the menu for it.
      if (state === "other") setMenuFor(agent.employee_no);
      else void setState(agent, state, null, null);
    },
    [canOperate, setState],
  );

  const requestBreak = useCallback(
    async (agent: BoardAgent) => {
      try {
        const request = await backend.requestBreak(agent.employee_no);
        setMenuFor(null);
        const b = await backend.floorBoard();
        accept(b);
        if (request.status === "granted") void message.success(t("breaks.granted", { name: agent.name }));
        else {
          const position = b.break_queue.findIndex((r) => r.id === request.id) + 1;
          void message.warning(t("breaks.queued", { name: agent.name, position: position || b.break_queue.length }));
        }
        return true;
      } catch (e) {
        report(e);
        return false;
      }
    },
    [backend, accept, report, t, message],
  );

  const openNotice = useCallback((agent: BoardAgent) => {
    setMenuFor(null);
    setNoticeFor(agent);
  }, []);

  const noticeRecorded = useCallback(async () => {
    setNoticeFor(null);
    // The push follows; read the board now too, so the card shows 已报备 at once.
    try {
      accept(await backend.floorBoard());
    } catch (e) {
      report(e);
    }
  }, [backend, accept, report]);

  const recordIncident = useCallback((agent: BoardAgent) => {
    setMenuFor(null);
    setIncidentFor({ employee_no: agent.employee_no, ts: nowToMinute(new Date(boardNowRef.current ?? Date.now())) });
  }, []);

  // One stable object, so cards whose agent did not change skip re-rendering on a push.
  const actions = useMemo<CardActions>(
    () => ({
      canOperate,
      openMenu: setMenuFor,
      setState,
      onKey: onCardKey,
      requestBreak,
      openNotice: canOperate ? openNotice : undefined,
      recordIncident: canRecord ? recordIncident : undefined,
    }),
    [canOperate, setState, onCardKey, requestBreak, openNotice, canRecord, recordIncident],
  );

  const rereadBoard = useCallback(async () => accept(await backend.floorBoard()), [backend, accept]);

  if (!board) {
    return (
      <div className="fd-center" style={{ minHeight: 240 }}>
        <Spin description={t("board.loading")}>
          <div style={{ width: 80, height: 80 }} />
        </Spin>
      </div>
    );
  }

  // 大屏模式: the TV's own view of the same board and clock, instead of the map, grid or list.
  if (wallboard) return <Wallboard board={board} onExit={() => onWallboard?.(false)} />;

  let body: ReactNode;
  if (shown.length === 0) body = <Empty description={t("board.noAgents")} />;
  else if (view === "map") {
    body = (
      <FloorMap
        agents={shown}
        boardNow={board.now}
        menuFor={menuFor}
        actions={actions}
        arranging={arranging}
        onMoved={rereadBoard}
      />
    );
  } else if (view === "grid") {
    body = <CardGrid agents={shown} boardNow={board.now} menuFor={menuFor} actions={actions} />;
  } else {
    body = <AgentList agents={shown} boardNow={board.now} menuFor={menuFor} actions={actions} />;
  }

  return (
    <div className="fd-board" data-testid="board-page">
      <PageHeader title={t("board.title")} subtitle={t("board.subtitle")} />
      <div className="fd-board-strip">
        <Space wrap size={[6, 6]}>
          {countedStates.map((s) => (
            <Tag
              key={s}
              color={STATE_COLORS[s]}
              icon={STATE_ICONS[s]}
              data-testid={`count-${s}`}
              className={stateFilter === s ? "fd-count-active" : undefined}
              style={{ cursor: "pointer" }}
              onClick={() => setStateFilter(stateFilter === s ? null : s)}
            >
              {stateName(t, s, countsChannel)} {counts[s]}
            </Tag>
          ))}
          <Tag color="green" data-testid="ready-count">
            {t("board.ready", { count: board.ready_count })}
          </Tag>
        </Space>
        <Space wrap size={[8, 6]}>
          <Tooltip title={canOperate ? undefined : t("board.readOnly")}>
            <Space size={4}>
              <Switch
                data-testid="line-full-switch"
                size="small"
                checked={board.line_full_announced}
                disabled={!canOperate}
                loading={lineBusy}
                onChange={(on) => void toggleLineFull(on)}
              />
              <span>{t("board.announceLineFull")}</span>
            </Space>
          </Tooltip>
          <Input
            data-testid="board-search"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t("board.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 160 }}
          />
          <Select
            data-testid="board-team-filter"
            allowClear
            style={{ width: 140 }}
            placeholder={t("board.allTeams")}
            value={team ?? undefined}
            options={teams}
            onChange={(v) => setTeam(v ?? null)}
          />
          <Select
            data-testid="board-state-filter"
            allowClear
            style={{ width: 130 }}
            placeholder={t("board.allStates")}
            value={stateFilter ?? undefined}
            options={countedStates.map((s) => ({ value: s, label: stateName(t, s, countsChannel) }))}
            onChange={(v) => setStateFilter(v ?? null)}
          />
          {canArrange && view === "map" ? (
            <Button
              data-testid="board-arrange-toggle"
              type={arranging ? "primary" : "default"}
              icon={<DragOutlined />}
              aria-pressed={arranging}
              onClick={() => {
                setMenuFor(null);
                setArrangeOn(!arranging);
              }}
            >
              {arranging ? t("floorMap.arrangeDone") : t("floorMap.arrange")}
            </Button>
          ) : null}
          <Segmented<View>
            data-testid="board-view"
            value={view}
            onChange={(v) => {
              setView(v);
              setArrangeOn(false);
            }}
            options={[
              { value: "map", label: t("board.viewMap") },
              { value: "grid", label: t("board.viewGrid") },
              { value: "list", label: t("board.viewList") },
            ]}
          />
          <Button
            data-testid="wallboard-toggle"
            icon={<FullscreenOutlined />}
            onClick={() => onWallboard?.(true)}
          >
            {t("board.wallboard")}
          </Button>
        </Space>
      </div>
      {board.line_full ? (
        <AntAlert
          data-testid="line-full-banner"
          className="fd-line-full"
          type="error"
          showIcon
          title={
            <strong>
              {lineFullText(t, board, site.time_zone)}
            </strong>
          }
        />
      ) : null}
      <div className="fd-board-main">
        <div className="fd-board-floor">
          {body}
          {canOperate ? <div className="fd-board-hint">{t("board.keyboardHint")}</div> : null}
        </div>
        <div className="fd-board-side">
          <BreakQueue board={board} canOperate={canOperate} />
          <AlertPanel board={board} canOperate={canOperate} />
        </div>
      </div>
      {noticeFor ? (
        <NoticeModal agent={noticeFor} boardNow={board.now} onClose={() => setNoticeFor(null)} onRecorded={() => void noticeRecorded()} />
      ) : null}
      {incidentFor ? (
        <RecordIncidentModal open initial={incidentFor} fromBoard onClose={() => setIncidentFor(null)} />
      ) : null}
    </div>
  );
}

/**
 * Which 满线 holds, in the words of the floor: announced (by whom, when), computed from the idle
 * count against the guard, or both. The backend decides; this only says it.
 */
function lineFullText(t: TFunction, board: Board, timeZone: string): string {
  const counted = t("board.lineFullBanner", { ready: board.ready_count, guard: board.line_full_max_idle });
  if (!board.line_full_announced) return counted;
  const a = board.line_full_announcement;
  const announced = a?.by_name
    ? t("board.lineFullAnnouncedBy", { name: a.by_name, no: a.by_employee_no ?? "", time: siteTime(a.at, timeZone).slice(0, 5) })
    : t("board.lineFullAnnouncedPlain");
  return board.line_full_by_count ? `${announced}；${counted}` : announced;
}
