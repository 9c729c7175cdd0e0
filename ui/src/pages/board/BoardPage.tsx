// 现场看板: the live floor, re-rendered from every `floorUpdated` push. The UI judges nothing:
// states, timers' limits, line full and alerts all come from the backend.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Alert as AntAlert, Button, Empty, Popover, Segmented, Select, Space, Spin, Switch, Table, Tag, Tooltip } from "antd";
import { FullscreenExitOutlined, FullscreenOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type AgentState, type Board, type BoardAgent } from "../../backend";
import { useCan } from "../../session";
import { useReportError } from "../../lib/hooks";
import PageHeader from "../../components/PageHeader";
import AlertPanel from "./AlertPanel";
import StateMenu from "./StateMenu";
import { AGENT_STATES, STATE_COLORS, formatTimer, timerLevel } from "./boardUtil";
import { STATE_ICONS } from "./stateIcons";


type View = "map" | "grid" | "list";

/** When the last push arrived (performance.now()) and how fast the backend clock runs. */
type Pace = { at: number; rate: number };

export default function BoardPage({ wallboard = false, onWallboard }: { wallboard?: boolean; onWallboard?: (on: boolean) => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const canOperate = useCan("operate_floor");
  const [board, setBoard] = useState<Board | null>(null);
  const [pace, setPace] = useState<Pace>({ at: 0, rate: 1 });
  const last = useRef<{ perf: number; now: number } | null>(null);
  const [team, setTeam] = useState<number | null>(null);
  const [stateFilter, setStateFilter] = useState<AgentState | null>(null);
  const [view, setView] = useState<View>("map");
  const [menuFor, setMenuFor] = useState<string | null>(null);
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
    setPace((p) => ({ at: perf, rate: measured == null ? p.rate : p.rate * 0.5 + measured * 0.5 }));
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

  const shown = useMemo(
    () => (board?.agents ?? []).filter((a) => (team == null || a.team_id === team) && (stateFilter == null || a.now.state === stateFilter)),
    [board, team, stateFilter],
  );

  const onCardKey = (agent: BoardAgent) => (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      setMenuFor(agent.employee_no);
      return;
    }
    const n = Number(e.key);
    if (!Number.isInteger(n) || n < 1 || n > 9 || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (!canOperate) return;
    const state = AGENT_STATES[n - 1];
    // "Other" needs a reason: open the menu for it.
    if (state === "other") setMenuFor(agent.employee_no);
    else void setState(agent, state, null, null);
  };

  const withMenu = (agent: BoardAgent, child: ReactNode) => (
    <Popover
      key={agent.employee_no}
      open={menuFor === agent.employee_no}
      trigger="click"
      destroyOnHidden
      placement="right"
      onOpenChange={(open) => setMenuFor(open ? agent.employee_no : null)}
      content={
        board ? (
          <StateMenu agent={agent} boardNow={board.now} canOperate={canOperate} onSet={(s, r, at) => setState(agent, s, r, at)} />
        ) : null
      }
      title={t("board.stateMenuTitle", { name: agent.name, no: agent.employee_no })}
    >
      {child}
    </Popover>
  );

  const card = (agent: BoardAgent, style?: React.CSSProperties) =>
    withMenu(
      agent,
      <div
        className={`fd-agent-card fd-state-${agent.now.state}`}
        data-testid={`board-agent-${agent.employee_no}`}
        data-state={agent.now.state}
        role="button"
        tabIndex={0}
        style={style}
        onKeyDown={onCardKey(agent)}
      >
        <div className="fd-agent-card-top">
          <span className="fd-agent-name">{agent.name}</span>
          <span className="fd-agent-no">{agent.employee_no}</span>
        </div>
        <div className="fd-agent-card-bottom">
          <Tag color={STATE_COLORS[agent.now.state]} icon={STATE_ICONS[agent.now.state]} style={{ marginInlineEnd: 0 }} data-testid={`board-state-${agent.employee_no}`}>
            {t(`agentStates.${agent.now.state}`)}
          </Tag>
          <Timer agent={agent} pace={pace} />
        </div>
        {agent.now.reason ? <div className="fd-agent-reason">{agent.now.reason}</div> : null}
      </div>,
    );

  if (!board) {
    return (
      <div className="fd-center" style={{ minHeight: 240 }}>
        <Spin description={t("board.loading")}>
          <div style={{ width: 80, height: 80 }} />
        </Spin>
      </div>
    );
  }

  let body: ReactNode;
  if (shown.length === 0) body = <Empty description={t("board.noAgents")} />;
  else if (view === "map") {
    const maxRow = Math.max(-1, ...shown.map((a) => a.seat_y ?? -1));
    let extra = 0;
    body = (
      <div className="fd-floor-map" data-testid="board-map">
        {shown.map((a) => {
          const placed = a.seat_x != null && a.seat_y != null;
          const col = placed ? a.seat_x! + 1 : (extra % 12) + 1;
          const row = placed ? a.seat_y! + 1 : maxRow + 3 + Math.floor(extra++ / 12);
          return card(a, { gridColumn: col, gridRow: row });
        })}
      </div>
    );
  } else if (view === "grid") {
    body = (
      <div className="fd-floor-grid" data-testid="board-grid">
        {shown.map((a) => card(a))}
      </div>
    );
  } else {
    body = (
      <Table<BoardAgent>
        data-testid="board-list"
        rowKey="employee_no"
        size="small"
        pagination={false}
        dataSource={shown}
        onRow={(a) => ({ "data-testid": `board-row-${a.employee_no}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("board.seat"), dataIndex: "seat_code", width: 90 },
          { title: t("fields.employee_no"), dataIndex: "employee_no", width: 90 },
          { title: t("fields.name"), dataIndex: "name" },
          { title: t("board.team"), dataIndex: "team_name" },
          {
            title: t("board.state"),
            key: "state",
            render: (_, a) =>
              withMenu(
                a,
                <Tag color={STATE_COLORS[a.now.state]} icon={STATE_ICONS[a.now.state]} style={{ cursor: "pointer" }} data-testid={`board-agent-${a.employee_no}`}>
                  {t(`agentStates.${a.now.state}`)}
                </Tag>,
              ),
          },
          { title: t("board.timer"), key: "timer", render: (_, a) => <Timer agent={a} pace={pace} /> },
          { title: t("board.reason"), key: "reason", render: (_, a) => a.now.reason ?? "" },
        ]}
      />
    );
  }

  const guard = board.line_full_max_idle;
  return (
    <div className={wallboard ? "fd-board fd-board-wall" : "fd-board"} data-testid="board-page">
      {wallboard ? null : <PageHeader title={t("board.title")} subtitle={t("board.subtitle")} />}
      <div className="fd-board-strip">
        <Space wrap size={[6, 6]}>
          {AGENT_STATES.map((s) => (
            <Tag
              key={s}
              color={STATE_COLORS[s]}
              icon={STATE_ICONS[s]}
              data-testid={`count-${s}`}
              className={stateFilter === s ? "fd-count-active" : undefined}
              style={{ cursor: "pointer" }}
              onClick={() => setStateFilter(stateFilter === s ? null : s)}
            >
              {t(`agentStates.${s}`)} {counts[s]}
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
            options={AGENT_STATES.map((s) => ({ value: s, label: t(`agentStates.${s}`) }))}
            onChange={(v) => setStateFilter(v ?? null)}
          />
          <Segmented<View>
            data-testid="board-view"
            value={view}
            onChange={(v) => setView(v)}
            options={[
              { value: "map", label: t("board.viewMap") },
              { value: "grid", label: t("board.viewGrid") },
              { value: "list", label: t("board.viewList") },
            ]}
          />
          <Button
            data-testid="wallboard-toggle"
            icon={wallboard ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
            onClick={() => onWallboard?.(!wallboard)}
          >
            {wallboard ? t("board.exitWallboard") : t("board.wallboard")}
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
              {t("board.lineFullBanner", { ready: board.ready_count, guard })}
              {board.line_full_announced ? ` ${t("board.lineFullAnnounced")}` : ""}
            </strong>
          }
        />
      ) : null}
      <div className="fd-board-main">
        <div className="fd-board-floor">
          {body}
          {canOperate && !wallboard ? <div className="fd-board-hint">{t("board.keyboardHint")}</div> : null}
        </div>
        <AlertPanel board={board} canOperate={canOperate} />
      </div>
    </div>
  );
}

/**
 * The running timer: the backend's elapsed_secs from the last push, advanced by the local time
 * since then at the backend clock's rate (for display only, at most two seconds ahead).
 */
function Timer({ agent, pace }: { agent: BoardAgent; pace: Pace }) {
  const [, setTick] = useState(0);
  const fast = pace.rate > 1.5;
  useEffect(() => {
    if (!fast) return;
    const id = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [fast]);
  const base = agent.now.elapsed_secs;
  let secs = base;
  if (base != null && fast && pace.at > 0) {
    const local = Math.min(2, Math.max(0, (performance.now() - pace.at) / 1000));
    secs = base + Math.floor(local * pace.rate);
  }
  const level = timerLevel(secs, agent.now.limit_secs);
  return (
    <span className={`fd-timer fd-timer-${level}`} data-testid={`board-timer-${agent.employee_no}`} data-level={level}>
      {formatTimer(secs)}
    </span>
  );
}

