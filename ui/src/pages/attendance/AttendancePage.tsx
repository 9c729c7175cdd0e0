// 考勤: the month's attendance as the roster is seen (an agent their own team's), judged by the
// backend from the roster, the floor's alerts, notices and approved leave. 每日考勤 is a row per
// person and date (filters by status, search, one person); 月度汇总 a row per person with the
// backend's counts (a click shows their days). 导出 xlsx writes the daily table for the month.
import { useMemo, useState } from "react";
import { Alert, App, Button, DatePicker, Select, Space, Tabs } from "antd";
import { FileExcelOutlined, ReloadOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import PageHeader from "../../components/PageHeader";
import { errorText } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useReportError } from "../../lib/hooks";
import { useCan, useSession } from "../../session";
import { safeFileName } from "../incidents/incidentText";
import { currentMonth } from "../roster/calendar";
import { K, lastDayOf, useAttendance } from "./attendanceText";
import DailyTab from "./DailyTab";
import SummaryTab from "./SummaryTab";

type Tab = "daily" | "summary";

export default function AttendancePage() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const { site } = useSession();
  const canExport = useCan("edit_roster");
  const [month, setMonth] = useState(() => currentMonth(site.time_zone));
  const [team, setTeam] = useState<number | null>(null);
  const [tab, setTab] = useState<Tab>("daily");
  const [person, setPerson] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const loaded = useAttendance(month);
  const data = loaded.data?.month === month ? loaded.data : undefined;

  const teams = useMemo(() => {
    const m = new Map<number, string>();
    for (const a of data?.agents ?? []) m.set(a.team_id, a.team_name || String(a.team_id));
    return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([value, label]) => ({ value, label, title: label }));
  }, [data]);
  const teamShown = team !== null && teams.some((x) => x.value === team) ? team : null;

  const exportXlsx = async () => {
    const name = safeFileName(`${site.name}-${t(`${K}.export.fileName`)}-${month}.xlsx`);
    let path: string | null;
    try {
      path = await backend.pickSaveFile(name, [{ name: t(`${K}.export.filter`), extensions: ["xlsx"] }]);
    } catch (e) {
      report(e);
      return;
    }
    if (!path) return;
    setExporting(true);
    try {
      const count = await backend.exportAttendance(month, path);
      void message.success(t(`${K}.export.done`, { count, path }));
    } catch (e) {
      report(e);
    } finally {
      setExporting(false);
    }
  };

  const underWay = data?.judged_to && data.judged_to < lastDayOf(month);
  const extra = (
    <Space wrap size={8}>
      <span className="fd-inline">
        <span className="fd-muted">{t(`${K}.month`)}</span>{" "}
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => {
            if (!d) return;
            setMonth(d.format("YYYY-MM"));
            setPerson(null);
          }}
          data-testid="attendance-month"
        />
      </span>
      <Select<number | null>
        style={{ width: 150 }}
        value={teamShown}
        onChange={(v) => setTeam(v ?? null)}
        allowClear
        placeholder={t(`${K}.allTeams`)}
        options={teams}
        data-testid="attendance-team"
        aria-label={t(`${K}.team`)}
      />
      <Button icon={<ReloadOutlined />} onClick={loaded.reload} loading={loaded.loading && !!data} data-testid="attendance-refresh">
        {t(`${K}.refresh`)}
      </Button>
      {canExport ? (
        <Button icon={<FileExcelOutlined />} onClick={() => void exportXlsx()} loading={exporting} disabled={!data?.judged_to} data-testid="attendance-export">
          {t(`${K}.export.button`)}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <div data-testid="attendance-page">
      <PageHeader title={t("nav.attendance")} subtitle={t(`${K}.page.subtitle`)} extra={extra} />
      {loaded.error ? <Alert type="error" showIcon title={errorText(t, loaded.error)} style={{ marginBottom: 12 }} /> : null}
      {data && !data.judged_to ? (
        <Alert type="info" showIcon title={t(`${K}.notStarted`, { month })} style={{ marginBottom: 12 }} data-testid="attendance-not-started" />
      ) : null}
      {underWay ? (
        <Alert type="info" showIcon title={t(`${K}.judgedTo`, { date: formatDate(data?.judged_to) })} style={{ marginBottom: 12 }} data-testid="attendance-judged-to" />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          {
            key: "daily",
            label: <span data-testid="attendance-tab-daily">{t(`${K}.tabs.daily`)}</span>,
            children: <DailyTab month={month} data={data} loading={loaded.loading && !data} team={teamShown} person={person} onPerson={setPerson} />,
          },
          {
            key: "summary",
            label: <span data-testid="attendance-tab-summary">{t(`${K}.tabs.summary`)}</span>,
            children: (
              <SummaryTab
                data={data}
                loading={loaded.loading && !data}
                team={teamShown}
                onPick={(no) => {
                  setPerson(no);
                  setTab("daily");
                }}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
