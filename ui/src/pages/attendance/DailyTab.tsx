// 每日考勤: a row per person and judged date, by date then 工号, as the backend sent them, with
// the status as a coloured tag; filters by status, a search by 工号, name or pinyin, and one
// person (picked in 月度汇总). Paginated: a month of 300 agents is 9,000 rows.
import { useEffect, useMemo, useState, type HTMLAttributes } from "react";
import { Input, Select, Table, Tag, Tooltip } from "antd";
import type { TableColumnsType } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { AttendanceDay, AttendanceMonth, DayStatus } from "../../backend";
import { formatDate } from "../../lib/format";
import { usePersonMatcher } from "../../lib/personSearch";
import { dayKey, K, STATUS_COLOR, STATUS_KINDS, statusLabel, useShiftTemplates, type StatusKind } from "./attendanceText";

const D = `${K}.daily`;

type Props = {
  month: string;
  data: AttendanceMonth | undefined;
  loading: boolean;
  team: number | null;
  person: string | null;
  onPerson: (employeeNo: string | null) => void;
};

const byDateThenNo = (a: AttendanceDay, b: AttendanceDay) => a.date.localeCompare(b.date) || a.employee_no.localeCompare(b.employee_no);

export default function DailyTab({ month, data, loading, team, person, onPerson }: Props) {
  const { t } = useTranslation();
  const matches = usePersonMatcher();
  const templates = useShiftTemplates(month);
  const [statuses, setStatuses] = useState<StatusKind[]>([]);
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);

  const teamName = useMemo(() => new Map((data?.agents ?? []).map((a) => [a.team_id, a.team_name])), [data]);
  const personName = person ? (data?.agents.find((a) => a.employee_no === person)?.name ?? "") : "";

  const rows = useMemo(() => {
    const query = search.trim();
    return (data?.days ?? [])
      .filter(
        (d) =>
          (team === null || d.team_id === team) &&
          (person === null || d.employee_no === person) &&
          (statuses.length === 0 || statuses.includes(d.status.kind)) &&
          (!query || matches(query, d)),
      )
      .sort(byDateThenNo);
  }, [data, team, person, statuses, search, matches]);

  // A new filter shows its first page.
  useEffect(() => setPage(1), [month, team, person, statuses, search]);

  const minutes = (n: number) => (n > 0 ? <strong>{n}</strong> : <span className="fd-muted">—</span>);

  const columns: TableColumnsType<AttendanceDay> = [
    {
      title: t(`${D}.date`),
      dataIndex: "date",
      width: 150,
      render: (d: string) => (
        <span style={{ whiteSpace: "nowrap" }}>
          {formatDate(d)} <span className="fd-muted">{dayjs(d).format("ddd")}</span>
        </span>
      ),
    },
    { title: t(`${D}.employeeNo`), dataIndex: "employee_no", width: 90 },
    { title: t(`${D}.name`), dataIndex: "name", width: 100, ellipsis: true },
    { title: t(`${D}.team`), dataIndex: "team_id", width: 110, ellipsis: true, render: (id: number) => teamName.get(id) || "—" },
    {
      title: t(`${D}.shift`),
      dataIndex: "shift",
      width: 150,
      render: (code: string) => {
        if (!code) return <span className="fd-muted">—</span>;
        const tpl = templates.get(code);
        if (!tpl) return code;
        return (
          <Tooltip title={`${tpl.name} ${tpl.start.slice(0, 5)}–${tpl.end.slice(0, 5)}`}>
            <span style={{ whiteSpace: "nowrap" }}>
              <strong>{code}</strong> <span className="fd-muted">{tpl.name}</span>
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: t(`${D}.status`),
      dataIndex: "status",
      width: 140,
      render: (s: DayStatus, d) => (
        <Tag color={STATUS_COLOR[s.kind]} data-testid={`attendance-status-${dayKey(d)}`} data-status={s.kind} style={{ marginInlineEnd: 0 }}>
          {statusLabel(t, s)}
        </Tag>
      ),
    },
    { title: t(`${D}.lateMin`), dataIndex: "late_min", width: 100, align: "right", render: minutes },
    { title: t(`${D}.earlyMin`), dataIndex: "early_min", width: 100, align: "right", render: minutes },
  ];

  return (
    <div className="fd-panel" data-testid="attendance-daily">
      <div className="fd-toolbar">
        <Select<StatusKind[]>
          mode="multiple"
          allowClear
          style={{ minWidth: 220 }}
          maxTagCount="responsive"
          placeholder={t(`${D}.statusFilter`)}
          value={statuses}
          onChange={setStatuses}
          options={STATUS_KINDS.map((k) => ({ value: k, label: t(`${K}.status.${k}`), title: t(`${K}.status.${k}`) }))}
          data-testid="attendance-status-filter"
        />
        <Input
          data-testid="attendance-search"
          prefix={<SearchOutlined />}
          placeholder={t(`${D}.search`)}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 240 }}
        />
        {person ? (
          <Tag closable color="blue" onClose={() => onPerson(null)} data-testid="attendance-person" style={{ marginInlineEnd: 0 }}>
            {t(`${D}.person`, { employee_no: person, name: personName })}
          </Tag>
        ) : null}
        <span className="fd-toolbar-spacer" />
        <span className="fd-count" data-testid="attendance-count">
          {t(`${D}.count`, { count: rows.length })}
        </span>
      </div>
      <Table<AttendanceDay>
        size="small"
        rowKey={dayKey}
        columns={columns}
        dataSource={rows}
        loading={loading}
        sticky
        pagination={{
          current: page,
          pageSize,
          size: "small",
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          hideOnSinglePage: false,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        locale={{ emptyText: t(`${D}.empty`) }}
        onRow={(d) => ({ "data-testid": `attendance-row-${dayKey(d)}` }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
