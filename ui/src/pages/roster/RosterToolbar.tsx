// The roster's toolbar: the month and team shown, undo/redo, fill, 自动排班 / 固定 / 想休, the
// requests and records, a cell's history and the print view. Memoized with stable handlers: a
// keystroke's write renders the page again, and this only when what it shows changes.
import { memo, useMemo } from "react";
import { Badge, Button, DatePicker, Select, Space, Tooltip } from "antd";
import {
  BuildOutlined,
  CalendarOutlined,
  HistoryOutlined,
  LeftOutlined,
  PrinterOutlined,
  RedoOutlined,
  RightOutlined,
  SwapOutlined,
  TeamOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { addMonths } from "./calendar";
import type { Team, TeamFilter } from "./useRosterView";
import PlanningButtons, { type PlanningHandlers } from "./generation/PlanningButtons";

export type ToolbarHandlers = PlanningHandlers & {
  month(month: string): void;
  team(team: TeamFilter): void;
  undo(): void;
  redo(): void;
  fill(): void;
  requestSwap(): void;
  requestLeave(): void;
  swapRecords(): void;
  leaveRecords(): void;
  history(): void;
  print(): void;
  /** 需求: the team's requirement per half hour. */
  requirement(): void;
};

type Props = {
  month: string;
  team: TeamFilter;
  teams: readonly Team[];
  canEdit: boolean;
  canRequest: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  /** 自动排班 may start (edit_roster and a month with teams). */
  canGenerate?: boolean;
  pendingSwaps: number;
  pendingLeave: number;
  on: ToolbarHandlers;
};

export default memo(function RosterToolbar({ month, team, teams, canEdit, canRequest, canUndo, canRedo, hasSelection, canGenerate = false, pendingSwaps, pendingLeave, on }: Props) {
  const { t } = useTranslation();
  const value = useMemo(() => dayjs(`${month}-01`), [month]);
  const teamOptions = useMemo(
    () => [{ value: "all" as TeamFilter, label: t("roster.allTeams") }, ...teams.map((tm) => ({ value: tm.id as TeamFilter, label: tm.name }))],
    [teams, t],
  );
  return (
    <Space wrap size={8} style={{ marginBottom: 8 }}>
      <Button icon={<LeftOutlined />} aria-label={t("roster.prevMonth")} data-testid="roster-prev" onClick={() => on.month(addMonths(month, -1))} />
      <DatePicker picker="month" allowClear={false} value={value} onChange={(d) => d && on.month(d.format("YYYY-MM"))} data-testid="roster-month" />
      <Button icon={<RightOutlined />} aria-label={t("roster.nextMonth")} data-testid="roster-next" onClick={() => on.month(addMonths(month, 1))} />
      <Select data-testid="roster-team" style={{ minWidth: 140 }} value={team} onChange={on.team} options={teamOptions} />
      {canEdit ? (
        <>
          <Tooltip title="Ctrl+Z">
            <Button icon={<UndoOutlined />} disabled={!canUndo} onClick={on.undo} data-testid="roster-undo">
              {t("roster.undo")}
            </Button>
          </Tooltip>
          <Tooltip title="Ctrl+Y">
            <Button icon={<RedoOutlined />} disabled={!canRedo} onClick={on.redo} data-testid="roster-redo">
              {t("roster.redo")}
            </Button>
          </Tooltip>
          <Button icon={<BuildOutlined />} disabled={!hasSelection} onClick={on.fill} data-testid="roster-fill">
            {t("roster.fillPattern")}
          </Button>
          <PlanningButtons hasSelection={hasSelection} canGenerate={canGenerate} on={on} />
        </>
      ) : null}
      {canRequest ? (
        <>
          <Button icon={<SwapOutlined />} onClick={on.requestSwap} data-testid="roster-swap-request">
            {t("rosterRequests.requestSwap")}
          </Button>
          <Button icon={<CalendarOutlined />} onClick={on.requestLeave} data-testid="roster-leave-request">
            {t("rosterRequests.requestLeave")}
          </Button>
        </>
      ) : null}
      <Badge count={pendingSwaps} size="small">
        <Button onClick={on.swapRecords} data-testid="roster-swaps">
          {t("rosterRequests.swapRecords")}
        </Button>
      </Badge>
      <Badge count={pendingLeave} size="small">
        <Button onClick={on.leaveRecords} data-testid="roster-leave">
          {t("rosterRequests.leaveRecords")}
        </Button>
      </Badge>
      <Button icon={<HistoryOutlined />} disabled={!hasSelection} onClick={on.history} data-testid="roster-history">
        {t("roster.history")}
      </Button>
      <Button icon={<TeamOutlined />} title={t("planning.requirement.buttonHint")} disabled={teams.length === 0} onClick={on.requirement} data-testid="roster-requirement">
        {t("planning.requirement.button")}
      </Button>
      <Button icon={<PrinterOutlined />} disabled={teams.length === 0} onClick={on.print} data-testid="roster-print">
        {t("roster.printRoster.button")}
      </Button>
    </Space>
  );
});
