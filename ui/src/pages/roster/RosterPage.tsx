// 排班表: the month grid of every team, edited like a spreadsheet. Every rule result shown here
// (the red marks, the list of violations) is the backend's `violations`; the UI sums cells only.
// Fairness and the leave flags are the backend's too, shown as they come. Who may do what is the
// operator's permissions: edit_roster edits (a published team's month only with publish_roster),
// request_roster_change asks for swaps and leave (an agent for themselves only).
import { useCallback, useMemo, useRef, useState } from "react";
import { App, Empty } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type LeaveFlag, type RosterMonth, type Violation } from "../../backend";
import { useCan, useSession } from "../../session";
import PageHeader from "../../components/PageHeader";
import { errorText } from "../../lib/errors";
import { useLoad, useReportError, useStableHandlers } from "../../lib/hooks";
import { currentMonth } from "./calendar";
import type { Pos } from "./gridLogic";
import RosterGrid from "./RosterGrid";
import { dayHeads } from "./totals";
import { SwapRecords, SwapRequestModal } from "./Swaps";
import { LeaveRecords, LeaveRequestModal } from "./Leave";
import { useRosterView, type TeamFilter } from "./useRosterView";
import { useRosterEditing } from "./useRosterEditing";
import PublishBar from "./PublishBar";
import ViolationList from "./ViolationList";
import LeaveFlagList from "./LeaveFlags";
import ReasonModal from "./ReasonModal";
import FillModal from "./FillModal";
import CellHistory from "./CellHistory";
import RosterPrint from "./RosterPrint";
import FocusHint from "./FocusHint";
import RosterToolbar, { type ToolbarHandlers } from "./RosterToolbar";
import { useHasSelection } from "./selection";
import RequirementEditor from "../planning/RequirementEditor";
import CoveragePanel from "../planning/CoveragePanel";
import { usePlanning } from "./generation/usePlanning";

type CellAsk = { employee_no: string; date: string } | null | false;

export default function RosterPage() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { site, operator } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const canEdit = useCan("edit_roster");
  const canPublish = useCan("publish_roster");
  const canRequest = useCan("request_roster_change");
  // Without edit_roster (an agent) one asks for oneself only; the backend holds the same rule.
  const self = canEdit ? null : operator.employee_no;
  const [month, setMonth] = useState(() => currentMonth(site.time_zone));
  const [team, setTeam] = useState<TeamFilter>("all");
  // The grid applies its own edits (the backend answers each with a re-check of what changed).
  const loaded = useLoad(["roster", month], ["roster"], () => backend.rosterMonth(month), { patchesOwnWrites: true });
  const data: RosterMonth | undefined = loaded.data;

  const view = useRosterView(data, team);
  const { days, templates, teams, groups, rows, dayIndex, agentName } = view;
  // A published team's month is changed by publish_roster only (a team lead gets locked_for_lead).
  const lockedTeams = useMemo(
    () => new Set(canEdit && !canPublish ? (data?.published ?? []).map((p) => p.team_id) : []),
    [data?.published, canEdit, canPublish],
  );
  const teamOf = useMemo(() => new Map((data?.agents ?? []).map((a) => [a.employee_no, a.team_id])), [data?.agents]);
  const locked = useMemo(
    () => (lockedTeams.size === 0 ? undefined : (no: string) => lockedTeams.has(teamOf.get(no) ?? -1)),
    [lockedTeams, teamOf],
  );
  const [historyOf, setHistoryOf] = useState<Pos | null>(null);
  const editing = useRosterEditing({
    data,
    rows,
    days,
    baseCells: view.baseCells,
    canEdit,
    locked,
    scope: `${month}|${team}`,
    patch: loaded.patch,
    reload: loaded.reload,
    onCellMenu: setHistoryOf,
  });
  const { cells } = editing;
  // Not the selection itself: the page would render again on every move of the cursor.
  const hasSelection = useHasSelection(editing.store);
  const heads = useMemo(
    () => dayHeads(rows.map((a) => cells.get(a.employee_no) ?? []), days.length, templates),
    [rows, cells, days.length, templates],
  );

  const [fillOpen, setFillOpen] = useState(false);
  const [printOpen, setPrintOpen] = useState(false);
  const [requirementOpen, setRequirementOpen] = useState(false);
  const [swapAsk, setSwapAsk] = useState<CellAsk>(false);
  const [leaveAsk, setLeaveAsk] = useState<CellAsk>(false);
  const [swapsOpen, setSwapsOpen] = useState(false);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const pendingSwaps = (data?.swaps ?? []).filter((s) => s.status === "pending").length;
  const pendingLeave = (data?.leave ?? []).filter((l) => l.status === "pending").length;
  const decided = () => {
    void message.success(t("rosterRequests.decided"));
    loaded.reload();
  };

  // Stable for the memoized lists: it reads the rows of the latest render.
  const latest = useRef({ rows, dayIndex, focusCell: editing.focusCell });
  latest.current = { rows, dayIndex, focusCell: editing.focusCell };
  const selectCell = useCallback((v: Pick<Violation | LeaveFlag, "employee_no" | "date">) => {
    const { rows, dayIndex, focusCell } = latest.current;
    const r = rows.findIndex((a) => a.employee_no === v.employee_no);
    const c = dayIndex.get(v.date);
    if (r >= 0 && c !== undefined) focusCell({ r, c });
  }, []);
  const shownTeams = useMemo(() => teams.filter((tm) => team === "all" || tm.id === team), [teams, team]);
  // 自动排班, 固定 and 想休: pins and wishes marked on the grid, the dialogs.
  const generation = usePlanning({
    month: data?.month ?? month,
    team,
    teams,
    rows,
    days,
    dayIndex,
    marks: view.marks,
    store: editing.store,
    gridRef: editing.gridRef,
    canEdit,
    published: data?.published ?? [],
    agentName,
    selectCell,
  });

  /** The focused cell's 工号 and date, when a request button is pressed. */
  const focusedCell = () => {
    const sel = editing.store.get();
    const agent = sel ? rows[sel.focus.r] : undefined;
    const day = sel ? days[sel.focus.c] : undefined;
    return agent && day ? { employee_no: agent.employee_no, date: day.date } : null;
  };

  const toolbar = useStableHandlers<ToolbarHandlers>({
    month: setMonth,
    team: setTeam,
    undo: editing.undo,
    redo: editing.redo,
    fill: () => setFillOpen(true),
    requestSwap: () => setSwapAsk(focusedCell()),
    requestLeave: () => setLeaveAsk(focusedCell()),
    swapRecords: () => setSwapsOpen(true),
    leaveRecords: () => setLeaveOpen(true),
    history: () => {
      const sel = editing.store.get();
      if (sel) setHistoryOf(sel.focus);
    },
    print: () => setPrintOpen(true),
    requirement: () => setRequirementOpen(true),
    ...generation.handlers,
  });

  // For the memoized dialogs: the same functions every render.
  const on = useStableHandlers({
    dropReason: editing.dropReason,
    sendWithReason: (reason: string) => editing.sendWithReason(reason),
    closeSwapAsk: () => setSwapAsk(false),
    swapRequested: () => {
      setSwapAsk(false);
      void message.success(t("rosterRequests.swapRequested"));
      loaded.reload();
    },
    closeLeaveAsk: () => setLeaveAsk(false),
    leaveRequested: () => {
      setLeaveAsk(false);
      void message.success(t("rosterRequests.leaveRequested"));
      loaded.reload();
    },
    storedCell: view.storedCell,
    closeSwaps: () => setSwapsOpen(false),
    closeLeave: () => setLeaveOpen(false),
    decided,
    closeFill: () => setFillOpen(false),
    fill: (pattern: string) => {
      if (editing.fillSelection(pattern)) setFillOpen(false);
    },
  });

  return (
    <div data-testid="roster-page">
      <PageHeader title={t("roster.title")} subtitle={t("roster.subtitle")} />
      <div className="fd-panel">
        <RosterToolbar
          month={month}
          team={team}
          teams={teams}
          canEdit={canEdit}
          canRequest={canRequest}
          canUndo={editing.canUndo}
          canRedo={editing.canRedo}
          hasSelection={hasSelection}
          canGenerate={generation.canGenerate}
          pendingSwaps={pendingSwaps}
          pendingLeave={pendingLeave}
          on={toolbar}
        />
        <PublishBar
          month={data?.month}
          teams={shownTeams}
          published={data?.published ?? []}
          canPublish={canPublish}
          lockedHint={canEdit && !canPublish}
          fairness={data?.fairness ?? []}
          agentName={agentName}
          onPublished={loaded.reload}
        />
        {data ? (
          rows.length > 0 ? (
            <RosterGrid
              groups={groups}
              days={days}
              templates={templates}
              cells={cells}
              violations={view.violationsByRow}
              heads={heads}
              marks={generation.marks}
              store={editing.store}
              actions={editing.actions}
              gridRef={editing.gridRef}
            />
          ) : (
            <Empty description={t("roster.noAgents")} />
          )
        ) : loaded.error ? (
          <Empty description={errorText(t, loaded.error)} />
        ) : (
          <div className="fd-muted">{t("app.loading")}</div>
        )}
        <FocusHint
          store={editing.store}
          rows={rows}
          days={days}
          agentName={agentName}
          hint={(agent) => (lockedTeams.has(agent.team_id) ? t("roster.lockedForLead") : canEdit ? t("roster.keysHint") : "")}
        />
        <CoveragePanel month={month} teams={teams} team={team} store={editing.store} days={days} />
      </div>
      <div className="fd-roster-lists">
        <ViolationList violations={view.visibleViolations} agentName={agentName} onSelect={selectCell} />
        <LeaveFlagList flags={view.visibleLeaveFlags} agentName={agentName} onSelect={selectCell} />
      </div>
      <ReasonModal
        open={editing.needsReason}
        title={t("roster.reasonTitle")}
        text={editing.needsReason && data ? t("errors.roster.needs_reason", { month: data.month }) : ""}
        okText={t("common.save")}
        onCancel={on.dropReason}
        onOk={on.sendWithReason}
        testId="roster-reason"
      />
      <SwapRequestModal
        open={swapAsk !== false}
        agents={data?.agents ?? []}
        initial={swapAsk || null}
        self={self}
        onCancel={on.closeSwapAsk}
        onDone={on.swapRequested}
        onError={report}
      />
      <LeaveRequestModal
        open={leaveAsk !== false}
        agents={data?.agents ?? []}
        initial={leaveAsk || null}
        self={self}
        onCancel={on.closeLeaveAsk}
        onDone={on.leaveRequested}
        onError={report}
      />
      <SwapRecords
        open={swapsOpen}
        swaps={data?.swaps ?? []}
        canDecide={canPublish}
        current={on.storedCell}
        onClose={on.closeSwaps}
        onDecided={on.decided}
      />
      <LeaveRecords
        open={leaveOpen}
        leave={data?.leave ?? []}
        flags={data?.leave_flags ?? []}
        canDecide={canPublish}
        agentName={agentName}
        onClose={on.closeLeave}
        onDecided={on.decided}
      />
      <FillModal open={fillOpen} onCancel={on.closeFill} onOk={on.fill} />
      <RequirementEditor
        open={requirementOpen}
        teams={teams}
        initialTeam={team === "all" ? null : team}
        canEdit={canEdit}
        onClose={() => setRequirementOpen(false)}
      />
      {historyOf && rows[historyOf.r] && days[historyOf.c] ? (
        <CellHistory
          employeeNo={rows[historyOf.r].employee_no}
          who={agentName(rows[historyOf.r].employee_no)}
          date={days[historyOf.c].date}
          onClose={() => setHistoryOf(null)}
        />
      ) : null}
      {data && printOpen ? (
        <RosterPrint
          open={printOpen}
          onClose={() => setPrintOpen(false)}
          siteName={site.name}
          data={data}
          teams={teams}
          initialTeam={team === "all" ? null : team}
          days={days}
          cells={cells}
          templates={templates}
          marks={view.marks}
        />
      ) : null}
      {generation.dialogs}
    </div>
  );
}
