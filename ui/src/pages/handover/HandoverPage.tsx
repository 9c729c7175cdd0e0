// 交接班: a log per team shift (docs/design/handover.md §8). The toolbar picks the day and the team,
// the left lists the day's shifts, the right shows the selected shift's log (HandoverLog); the
// 查询 tab searches every log. The teams offered are those the backend answered for: a supervisor
// reaches every team, a lead or an agent their own, and `handover_day` says so by what it returns.
import { useEffect, useMemo, useState } from "react";
import { Button, DatePicker, Empty, Segmented, Select, Space, Tag } from "antd";
import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverDay, type LogKey } from "../../backend";
import { useSession } from "../../session";
import PageHeader from "../../components/PageHeader";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { BackendNow, addDays, defaultShift, siteToday } from "./handoverTime";
import ShiftList, { shiftId } from "./ShiftList";
import HandoverLog from "./HandoverLog";
import SearchView from "./SearchView";

type Tab = "record" | "search";
type TeamOption = { id: number; name: string };

/** The teams of the last answer for every team the operator reaches (a chosen team's answer holds one). */
function useReachedTeams(day: HandoverDay | undefined, teamId: number | null): TeamOption[] {
  const [teams, setTeams] = useState<TeamOption[]>([]);
  useEffect(() => {
    if (day && teamId === null) setTeams(day.teams.map((tm) => ({ id: tm.team_id, name: tm.team_name })));
  }, [day, teamId]);
  return teams;
}

export default function HandoverPage() {
  const { t } = useTranslation();
  const backend = useBackend();
  const zone = useSession().site.time_zone;
  const [date, setDate] = useState(() => siteToday(zone));
  const [teamId, setTeamId] = useState<number | null>(null);
  const [tab, setTab] = useState<Tab>("record");
  // The shift the operator picked; none (or one not on this day) means the default one.
  const [picked, setPicked] = useState<string | null>(null);
  // The shift cards name each shift's 交接班长, which the floor decides (who is here): "floor" too.
  const day = useLoad(["handover-day", date, teamId], ["handover", "floor"], () => backend.handoverDay(date, teamId));
  const teams = useReachedTeams(day.data, teamId);
  const shifts = useMemo(() => day.data?.teams.flatMap((tm) => tm.shifts) ?? [], [day.data]);
  const backendNow = day.data ? Date.parse(day.data.now) : null;
  const current = shifts.find((s) => shiftId(s.key) === picked) ?? defaultShift(shifts, backendNow ?? undefined);
  const currentKey: LogKey | null = current ? current.key : null;
  // The default is taken once: a shift ending while the lead works in its log must not swap the log.
  useEffect(() => {
    if (picked === null && current) setPicked(shiftId(current.key));
  }, [picked, current]);

  const goTo = (next: string) => {
    setDate(next);
    setPicked(null);
  };
  const chooseTeam = (next: number | null) => {
    setTeamId(next);
    setPicked(null);
  };

  return (
    <BackendNow.Provider value={backendNow}>
    <div data-testid="handover-page">
      <PageHeader title={t("handover.logTitle")} subtitle={t("handover.page.subtitle")} />
      <div className="fd-panel">
        <Space wrap size={8} style={{ marginBottom: 12 }}>
          <Button icon={<LeftOutlined />} aria-label={t("handover.page.prevDay")} onClick={() => goTo(addDays(date, -1))} data-testid="handover-prev-day" />
          <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && goTo(d.format("YYYY-MM-DD"))} data-testid="handover-date" />
          <Button icon={<RightOutlined />} aria-label={t("handover.page.nextDay")} onClick={() => goTo(addDays(date, 1))} data-testid="handover-next-day" />
          <Button onClick={() => goTo(siteToday(zone))} data-testid="handover-today">
            {t("handover.page.today")}
          </Button>
          {teams.length > 1 ? (
            <Select
              style={{ minWidth: 140 }}
              value={teamId ?? "all"}
              onChange={(v: number | "all") => chooseTeam(v === "all" ? null : v)}
              options={[{ value: "all" as const, label: t("handover.page.allTeams") }, ...teams.map((tm) => ({ value: tm.id, label: tm.name }))]}
              aria-label={t("handover.page.team")}
              data-testid="handover-team"
            />
          ) : teams.length === 1 ? (
            <Tag data-testid="handover-team-name">{teams[0].name}</Tag>
          ) : null}
          <Segmented<Tab>
            value={tab}
            onChange={setTab}
            options={[
              { value: "record", label: <span data-testid="handover-tab-record">{t("handover.page.tabs.record")}</span> },
              { value: "search", label: <span data-testid="handover-tab-search">{t("handover.page.tabs.search")}</span> },
            ]}
          />
        </Space>
        {tab === "search" ? (
          <SearchView teamId={teamId} />
        ) : (
          <div style={{ display: "flex", gap: 16, alignItems: "flex-start" }}>
            <div style={{ width: 240, flex: "none" }}>
              {day.data ? (
                <ShiftList day={day.data} zone={zone} selected={current ? shiftId(current.key) : null} onSelect={(key) => setPicked(shiftId(key))} />
              ) : day.error ? (
                <Empty description={errorText(t, day.error)} />
              ) : (
                <div className="fd-muted">{t("app.loading")}</div>
              )}
            </div>
            <div style={{ flex: 1, minWidth: 0 }}>
              {currentKey ? (
                <HandoverLog key={`${currentKey.date}|${shiftId(currentKey)}`} logKey={currentKey} zone={zone} />
              ) : day.data ? (
                <Empty description={t("handover.page.pickShift")} />
              ) : null}
            </div>
          </div>
        )}
      </div>
    </div>
    </BackendNow.Provider>
  );
}
