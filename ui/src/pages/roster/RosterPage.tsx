// 排班表: the month grid of every team, edited like a spreadsheet. Every rule result shown here
// (the red marks, the list of violations) is the backend's `violations`; the UI sums cells only.
// Fairness and the leave flags are the backend's too, shown as they come. Who may do what is the
// operator's permissions: edit_roster edits (a published team's month only with publish_roster),
// request_roster_change asks for swaps and leave (an agent for themselves only).
import { useMemo, useState } from "react";
import { App, Badge, Button, DatePicker, Empty, Select, Space, Tooltip } from "antd";
import {
  LeftOutlined,
  RightOutlined,
  RedoOutlined,
  UndoOutlined,
  HistoryOutlined,
  BuildOutlined,
  SwapOutlined,
  CalendarOutlined,
  PrinterOutlined,
} from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type LeaveFlag, type RosterMonth, type Violation } from "../../backend";
import { useCan, useSession } from "../../session";
import PageHeader from "../../components/PageHeader";
import { errorText } from "../../lib/errors";
import { useLoad, useReportError } from "../../lib/hooks";
import { addMonths, currentMonth } from "./calendar";
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
  const loaded = useLoad(["roster", month], ["roster"], () => backend.rosterMonth(month));
  const data: RosterMonth | undefined = loaded.data;

  const view = useRosterView(data, team);
  const { days, templates, teams, groups, rows, dayIndex, agentName } = view;
  // A published team's month is changed by publish_roster only (a team lead gets locked_for_lead).
  const lockedTeams = useMemo(
    () => new Set(canEdit && !canPublish ? (data?.published ?? []).map((p) => p.team_id) : []),
    [data, canEdit, canPublish],
  );
  const teamOf = useMemo(() => new Map((data?.agents ?? []).map((a) => [a.employee_no, a.team_id])), [data]);
  const locked = useMemo(
    () => (lockedTeams.size === 0 ? undefined : (no: string) => lockedTeams.has(teamOf.get(no) ?? -1)),
    [lockedTeams, teamOf],
  );
  const [historyOf, setHistoryOf] = useState<Pos | null>(null);
  const editing = useRosterEditing({
    data,
    rows,
    days,
    dayIndex,
    baseCells: view.baseCells,
    canEdit,
    locked,
    scope: `${month}|${team}`,
    reload: loaded.reload,
    onCellMenu: setHistoryOf,
  });
  const { cells, selection } = editing;
  const heads = useMemo(
    () => dayHeads(rows.map((a) => cells.get(a.employee_no) ?? []), days.length, templates),
    [rows, cells, days.length, templates],
  );

  const [fillOpen, setFillOpen] = useState(false);
  const [printOpen, setPrintOpen] = useState(false);
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

  const selectCell = (v: Pick<Violation | LeaveFlag, "employee_no" | "date">) => {
    const r = rows.findIndex((a) => a.employee_no === v.employee_no);
    const c = dayIndex.get(v.date);
    if (r >= 0 && c !== undefined) editing.focusCell({ r, c });
  };

  const focused = selection ? { agent: rows[selection.focus.r], day: days[selection.focus.c] } : null;
  const focusedCell = focused?.agent && focused.day ? { employee_no: focused.agent.employee_no, date: focused.day.date } : null;

  return (
    <div data-testid="roster-page">
      <PageHeader title={t("roster.title")} subtitle={t("roster.subtitle")} />
      <div className="fd-panel">
        <Space wrap size={8} style={{ marginBottom: 8 }}>
          <Button icon={<LeftOutlined />} aria-label={t("roster.prevMonth")} data-testid="roster-prev" onClick={() => setMonth((m) => addMonths(m, -1))} />
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
            data-testid="roster-month"
          />
          <Button icon={<RightOutlined />} aria-label={t("roster.nextMonth")} data-testid="roster-next" onClick={() => setMonth((m) => addMonths(m, 1))} />
          <Select
            data-testid="roster-team"
            style={{ minWidth: 140 }}
            value={team}
            onChange={setTeam}
            options={[{ value: "all" as const, label: t("roster.allTeams") }, ...teams.map((tm) => ({ value: tm.id, label: tm.name }))]}
          />
          {canEdit ? (
            <>
              <Tooltip title="Ctrl+Z">
                <Button icon={<UndoOutlined />} disabled={!editing.canUndo} onClick={editing.undo} data-testid="roster-undo">
                  {t("roster.undo")}
                </Button>
              </Tooltip>
              <Tooltip title="Ctrl+Y">
                <Button icon={<RedoOutlined />} disabled={!editing.canRedo} onClick={editing.redo} data-testid="roster-redo">
                  {t("roster.redo")}
                </Button>
              </Tooltip>
              <Button icon={<BuildOutlined />} disabled={!selection} onClick={() => setFillOpen(true)} data-testid="roster-fill">
                {t("roster.fillPattern")}
              </Button>
            </>
          ) : null}
          {canRequest ? (
            <>
              <Button icon={<SwapOutlined />} onClick={() => setSwapAsk(focusedCell)} data-testid="roster-swap-request">
                {t("rosterRequests.requestSwap")}
              </Button>
              <Button icon={<CalendarOutlined />} onClick={() => setLeaveAsk(focusedCell)} data-testid="roster-leave-request">
                {t("rosterRequests.requestLeave")}
              </Button>
            </>
          ) : null}
          <Badge count={pendingSwaps} size="small">
            <Button onClick={() => setSwapsOpen(true)} data-testid="roster-swaps">
              {t("rosterRequests.swapRecords")}
            </Button>
          </Badge>
          <Badge count={pendingLeave} size="small">
            <Button onClick={() => setLeaveOpen(true)} data-testid="roster-leave">
              {t("rosterRequests.leaveRecords")}
            </Button>
          </Badge>
          <Button icon={<HistoryOutlined />} disabled={!selection} onClick={() => selection && setHistoryOf(selection.focus)} data-testid="roster-history">
            {t("roster.history")}
          </Button>
          <Button icon={<PrinterOutlined />} disabled={teams.length === 0} onClick={() => setPrintOpen(true)} data-testid="roster-print">
            {t("roster.printRoster.button")}
          </Button>
        </Space>
        <PublishBar
          month={data?.month}
          teams={teams.filter((tm) => team === "all" || tm.id === team)}
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
              marks={view.marks}
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
        {focused?.agent && focused.day ? (
          <div className="fd-muted fd-roster-hint" data-testid="roster-focus">
            {agentName(focused.agent.employee_no)} · {focused.day.date}{" "}
            {lockedTeams.has(focused.agent.team_id) ? `· ${t("roster.lockedForLead")}` : canEdit ? `· ${t("roster.keysHint")}` : ""}
          </div>
        ) : null}
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
        onCancel={editing.dropReason}
        onOk={editing.sendWithReason}
        testId="roster-reason"
      />
      <SwapRequestModal
        open={swapAsk !== false}
        agents={data?.agents ?? []}
        initial={swapAsk || null}
        self={self}
        onCancel={() => setSwapAsk(false)}
        onDone={() => {
          setSwapAsk(false);
          void message.success(t("rosterRequests.swapRequested"));
          loaded.reload();
        }}
        onError={report}
      />
      <LeaveRequestModal
        open={leaveAsk !== false}
        agents={data?.agents ?? []}
        initial={leaveAsk || null}
        self={self}
        onCancel={() => setLeaveAsk(false)}
        onDone={() => {
          setLeaveAsk(false);
          void message.success(t("rosterRequests.leaveRequested"));
          loaded.reload();
        }}
        onError={report}
      />
      <SwapRecords
        open={swapsOpen}
        swaps={data?.swaps ?? []}
        canDecide={canPublish}
        current={view.storedCell}
        onClose={() => setSwapsOpen(false)}
        onDecided={decided}
      />
      <LeaveRecords
        open={leaveOpen}
        leave={data?.leave ?? []}
        flags={data?.leave_flags ?? []}
        canDecide={canPublish}
        agentName={agentName}
        onClose={() => setLeaveOpen(false)}
        onDecided={decided}
      />
      <FillModal open={fillOpen} onCancel={() => setFillOpen(false)} onOk={(pattern) => editing.fillSelection(pattern) && setFillOpen(false)} />
      {historyOf && rows[historyOf.r] && days[historyOf.c] ? (
        <CellHistory
          employeeNo={rows[historyOf.r].employee_no}
          who={agentName(rows[historyOf.r].employee_no)}
          date={days[historyOf.c].date}
          onClose={() => setHistoryOf(null)}
        />
      ) : null}
      {data ? (
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
    </div>
  );
}
