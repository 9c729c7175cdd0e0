// 覆盖: under the roster grid, one team's month of coverage as the backend counts it from the
// roster as it stands (drafts included): the totals in a line, the chosen day per half hour and
// the month as a heat map. It reads again after every roster change (topic `roster`: grid edits,
// generation, imports, a saved requirement) once the changes pause (`COVERAGE_SETTLE_MS`). The
// day follows the grid's focused column, a date picked here, or a day clicked in the heat map.
// Open or closed is remembered on this machine.
import { memo, useCallback, useEffect, useMemo, useState } from "react";
import { Collapse, DatePicker, Empty, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type CoverageTotals } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import type { Day } from "../roster/calendar";
import { useFocus, type SelectionStore } from "../roster/selection";
import { DayChart, HeatMap, NONE_COLOUR, shortSlots } from "./CoverageCharts";
import type { PlanningTeam } from "./RequirementEditor";
import "./planning.css";

export const COVERAGE_OPEN_KEY = "floordesk.roster.coverageOpen";
/**
 * After a roster change, the panel reads again once the changes have paused this long: someone
 * typing a row into the grid sees the coverage follow after the last key, while every key's
 * write and re-check have the machine to themselves.
 */
export const COVERAGE_SETTLE_MS = 500;

function storedOpen(): boolean {
  try {
    return window.localStorage.getItem(COVERAGE_OPEN_KEY) !== "0";
  } catch {
    return true;
  }
}

/** Today (`YYYY-MM-DD`) in the site's time zone, or the machine's. */
function today(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch {
    return dayjs().format("YYYY-MM-DD");
  }
}

type Props = {
  month: string;
  teams: readonly PlanningTeam[];
  /** The roster page's team filter. */
  team: number | "all";
  store: SelectionStore;
  days: readonly Day[];
};

export default memo(function CoveragePanel(props: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(storedOpen);
  const toggle = (keys: string[]) => {
    const next = keys.includes("coverage");
    setOpen(next);
    try {
      window.localStorage.setItem(COVERAGE_OPEN_KEY, next ? "1" : "0");
    } catch {
      // no storage: open for this session only
    }
  };
  return (
    <Collapse
      className="fd-cov"
      activeKey={open ? ["coverage"] : []}
      onChange={toggle}
      data-testid="coverage-panel"
      items={[
        {
          key: "coverage",
          label: (
            <span data-testid="coverage-toggle">
              <b>{t("planning.coverage.title")}</b> <span className="fd-muted">· {t("planning.coverage.hint")}</span>
            </span>
          ),
          children: open ? <CoverageBody {...props} /> : null,
        },
      ]}
    />
  );
});

function CoverageBody({ month, teams, team, store, days }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { site } = useSession();
  const [chosen, setChosen] = useState<number | null>(null);
  const teamId = team !== "all" ? team : chosen !== null && teams.some((tm) => tm.id === chosen) ? chosen : (teams[0]?.id ?? null);
  const teamName = teams.find((tm) => tm.id === teamId)?.name ?? "";
  const loaded = useLoad(
    ["coverage", teamId, month],
    ["roster"],
    () => (teamId === null ? Promise.resolve(null) : backend.rosterCoverage(teamId, month)),
    { settleMs: COVERAGE_SETTLE_MS },
  );
  const coverage = loaded.data && loaded.data.month === month ? loaded.data : null;

  const [picked, setPicked] = useState<string | null>(null);
  const dates = useMemo(() => (coverage?.days ?? []).map((d) => d.date), [coverage]);
  const now = today(site.time_zone);
  const date = picked && dates.includes(picked) ? picked : dates.includes(now) ? now : (dates[0] ?? null);
  const dayIndex = date ? dates.indexOf(date) : -1;
  const day = dayIndex >= 0 ? coverage?.days[dayIndex] : undefined;

  const weekday = useCallback((d: string) => {
    const js = new Date(`${d}T00:00:00Z`).getUTCDay();
    return js === 0 ? 7 : js;
  }, []);
  const labels = useMemo(() => dates.map((d) => `${d.slice(5)} ${t(`planning.weekdayShort.${weekday(d)}`)}`), [dates, t, weekday]);

  const anyRequirement = (coverage?.days ?? []).some((d) => d.has_requirement);
  const title = day ? t("planning.coverage.day", { date: day.date, weekday: t(`weekdays.${weekday(day.date)}`) }) : "";

  return (
    <div data-testid="coverage-body">
      <FollowFocus store={store} days={days} onDate={setPicked} />
      <div className="fd-cov-head">
        {team === "all" ? (
          <Space size={6}>
            <span>{t("planning.coverage.team")}</span>
            <Select
              data-testid="coverage-team"
              style={{ minWidth: 140 }}
              value={teamId ?? undefined}
              onChange={setChosen}
              options={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
            />
          </Space>
        ) : null}
        <Space size={6}>
          <span>{t("planning.coverage.date")}</span>
          <DatePicker
            data-testid="coverage-date"
            allowClear={false}
            value={date ? dayjs(date) : null}
            disabledDate={(d: Dayjs) => !dates.includes(d.format("YYYY-MM-DD"))}
            defaultPickerValue={dayjs(`${month}-01`)}
            onChange={(d) => d && setPicked(d.format("YYYY-MM-DD"))}
          />
        </Space>
        {coverage ? <Summary totals={coverage.totals} anyRequirement={anyRequirement} teamName={teamName} /> : null}
      </div>
      {loaded.error ? (
        <Empty description={errorText(t, loaded.error)} />
      ) : !coverage ? (
        <div className="fd-muted">{teamId === null ? t("planning.requirement.noTeams") : t("app.loading")}</div>
      ) : (
        <>
          {day ? (
            <>
              <div className="fd-cov-daybar" data-testid="coverage-day">
                <span className="fd-cov-daytitle">{title}</span>
                {day.has_requirement ? (
                  <>
                    <span className="fd-muted">{t("planning.coverage.dayKind", { kind: t(`planning.kinds.${day.day_kind}`) })}</span>
                    {shortSlots(day) > 0 ? (
                      <span className="fd-cov-short">{t("planning.coverage.dayShort", { slots: shortSlots(day) })}</span>
                    ) : (
                      <span>{t("planning.coverage.dayMet")}</span>
                    )}
                  </>
                ) : (
                  <span className="fd-muted" data-testid="coverage-day-none">
                    {t("planning.coverage.dayNone", { kind: t(`planning.kinds.${day.day_kind}`) })}
                  </span>
                )}
              </div>
              <DayChart day={day} title={title} />
            </>
          ) : null}
          <div className="fd-cov-daybar">
            <span className="fd-cov-daytitle">{t("planning.coverage.heatTitle")}</span>
            <span className="fd-muted">{t("planning.coverage.heatHint")}</span>
            <span className="fd-muted">
              <span className="fd-cov-swatch" style={{ background: NONE_COLOUR }} /> {t("planning.coverage.pieces.none")}
            </span>
          </div>
          <HeatMap days={coverage.days} labels={labels} month={month} onPick={setPicked} />
        </>
      )}
    </div>
  );
}

function Summary({ totals, anyRequirement, teamName }: { totals: CoverageTotals; anyRequirement: boolean; teamName: string }) {
  const { t } = useTranslation();
  if (!anyRequirement || totals.needed_slot_agents === 0)
    return (
      <span className="fd-muted fd-cov-summary" data-testid="coverage-summary">
        {t("planning.coverage.noRequirement", { team: teamName })}
      </span>
    );
  const pct = `${((totals.short_slot_agents * 100) / totals.needed_slot_agents).toFixed(1)}%`;
  return (
    <span className={`fd-cov-summary${totals.short_slot_agents > 0 ? " fd-cov-has-short" : ""}`} data-testid="coverage-summary">
      {t("planning.coverage.summary", {
        needed: totals.needed_slot_agents,
        short: totals.short_slot_agents,
        pct,
        over: totals.over_slot_agents,
        slots: totals.short_half_hours,
      })}
    </span>
  );
}

/** Follows the grid's focused column: its date, once the cursor rests (a run of arrow keys
 * redraws the day chart once). Its own component, so a move renders this alone. */
function FollowFocus({ store, days, onDate }: { store: SelectionStore; days: readonly Day[]; onDate: (date: string) => void }) {
  const focus = useFocus(store);
  const date = focus ? days[focus.c]?.date : undefined;
  useEffect(() => {
    if (!date) return;
    const timer = setTimeout(() => onDate(date), 120);
    return () => clearTimeout(timer);
  }, [date, onDate]);
  return null;
}
