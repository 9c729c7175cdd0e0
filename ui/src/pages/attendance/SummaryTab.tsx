// 月度汇总: a row per person with the month's figures exactly as the backend counted them (days
// worked, paid hours, late and early-leave times and minutes, 旷工, 已报备, leave by kind, rest
// days). A click on a row shows that person's days in 每日考勤.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Input, Space, Table, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { AgentAttendance, AttendanceMonth, MonthAttendance } from "../../backend";
import { usePersonMatcher } from "../../lib/personSearch";
import { hoursText, K, leaveKindLabel } from "./attendanceText";

const S = `${K}.summary`;

type Props = {
  data: AttendanceMonth | undefined;
  loading: boolean;
  team: number | null;
  onPick: (employeeNo: string) => void;
};

type Figure = Exclude<keyof MonthAttendance, "leave_days">;

export default function SummaryTab({ data, loading, team, onPick }: Props) {
  const { t } = useTranslation();
  const matches = usePersonMatcher();
  const [search, setSearch] = useState("");

  const rows = useMemo(() => {
    const query = search.trim();
    return (data?.agents ?? []).filter((a) => (team === null || a.team_id === team) && (!query || matches(query, a)));
  }, [data, team, search, matches]);

  /** A count column read straight from the summary; zero muted, warnings in colour. */
  const figure = (key: Figure, title: string, width: number, tone?: "warn" | "bad"): TableColumnsType<AgentAttendance>[number] => ({
    title,
    key,
    width,
    align: "right",
    sorter: (a, b) => a.summary[key] - b.summary[key],
    render: (_: unknown, a: AgentAttendance) => {
      const n = a.summary[key];
      if (n === 0) return <span className="fd-muted">0</span>;
      const color = tone === "bad" ? "#cf1322" : tone === "warn" ? "#d46b08" : undefined;
      return (
        <span style={{ color, fontWeight: tone ? 600 : undefined }} data-testid={`attendance-sum-${a.employee_no}-${key}`}>
          {n}
        </span>
      );
    },
  });

  const columns: TableColumnsType<AgentAttendance> = [
    { title: t(`${S}.employeeNo`), dataIndex: "employee_no", width: 76, sorter: (a, b) => a.employee_no.localeCompare(b.employee_no) },
    { title: t(`${S}.name`), dataIndex: "name", width: 80 },
    { title: t(`${S}.team`), dataIndex: "team_name", width: 90 },
    figure("days_worked", t(`${S}.daysWorked`), 88),
    {
      title: t(`${S}.hours`),
      key: "hours",
      width: 80,
      align: "right",
      sorter: (a, b) => a.summary.paid_minutes - b.summary.paid_minutes,
      render: (_: unknown, a: AgentAttendance) => <span data-testid={`attendance-sum-${a.employee_no}-hours`}>{hoursText(a.summary.paid_minutes)}</span>,
    },
    {
      title: t(`${S}.late`),
      children: [figure("late_count", t(`${S}.times`), 64, "warn"), figure("late_minutes", t(`${S}.minutes`), 64, "warn")],
    },
    {
      title: t(`${S}.early`),
      children: [figure("early_count", t(`${S}.times`), 64, "warn"), figure("early_minutes", t(`${S}.minutes`), 64, "warn")],
    },
    figure("absences", t(`${S}.absences`), 64, "bad"),
    figure("noticed", t(`${S}.noticed`), 76),
    {
      title: t(`${S}.leave`),
      key: "leave",
      width: 110,
      render: (_: unknown, a: AgentAttendance) => {
        const kinds = Object.entries(a.summary.leave_days).filter(([, n]) => n > 0);
        if (kinds.length === 0) return <span className="fd-muted">—</span>;
        return (
          <Space size={4} wrap data-testid={`attendance-sum-${a.employee_no}-leave`}>
            {kinds.map(([kind, n]) => (
              <Tag key={kind} color="purple" style={{ marginInlineEnd: 0 }}>
                {leaveKindLabel(t, kind)} {n}
              </Tag>
            ))}
          </Space>
        );
      },
    },
    figure("rest_days", t(`${S}.restDays`), 64),
  ];

  return (
    <div className="fd-panel" data-testid="attendance-summary">
      <div className="fd-toolbar">
        <Input
          data-testid="attendance-summary-search"
          prefix={<SearchOutlined />}
          placeholder={t(`${K}.daily.search`)}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 240 }}
        />
        <span className="fd-muted">{t(`${S}.hint`)}</span>
        <span className="fd-toolbar-spacer" />
        <span className="fd-count" data-testid="attendance-summary-count">
          {t(`${S}.count`, { count: rows.length })}
        </span>
      </div>
      <Table<AgentAttendance>
        size="small"
        bordered
        rowKey="employee_no"
        columns={columns}
        dataSource={rows}
        loading={loading}
        sticky
        pagination={{ defaultPageSize: 50, size: "small", showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], hideOnSinglePage: true }}
        locale={{ emptyText: t(`${S}.empty`) }}
        onRow={(a) =>
          ({
            "data-testid": `attendance-summary-row-${a.employee_no}`,
            onClick: () => onPick(a.employee_no),
            style: { cursor: "pointer" },
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </div>
  );
}
