// The month's results as a table: every number as the backend sends it (composite as its text,
// grade, ranks), sortable, filtered by team and grade, searched by 工号/姓名. A row not fully
// rated shows "—" for what it has not got, and (for a manager, before publication) a 特批 action.
// Clicking a row selects the person (trend and 通知单).
import { useMemo, useState } from "react";
import { Button, Input, Select, Space, Table, Tag, Tooltip } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import type { ColumnsType } from "antd/es/table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Grade, RaterRole, ResultRow } from "../../backend";

export const GRADES: Grade[] = ["excellent", "good", "pass", "fail"];
const GRADE_COLORS: Record<Grade, string> = { excellent: "green", good: "blue", pass: "gold", fail: "red" };

export function GradeTag({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  if (!grade) return <>—</>;
  return (
    <Tag color={GRADE_COLORS[grade]} data-grade={grade}>
      {t(`scores.grades.${grade}`)}
    </Tag>
  );
}

/** "小组考核、自评": the roles named as the page names them. */
export function rolesText(t: TFunction, roles: RaterRole[]): string {
  return roles.map((r) => t(`scores.roles.${r}`)).join(t("scores.results.separator"));
}

/** A role score as sent (0–100, two decimals), or "—" without one. */
export function scoreText(v: number | null | undefined): string {
  return v == null ? "—" : v.toFixed(2);
}

/** Nulls last whichever way a column sorts ascending. */
function byNumber(a: number | null, b: number | null): number {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  return a - b;
}

const NO_TEAM = "__none__";
const UNGRADED = "__ungraded__";

export function StateTag({ row }: { row: ResultRow }) {
  const { t } = useTranslation();
  if (row.exception)
    return (
      <Tooltip title={t("scores.results.state.missing", { roles: rolesText(t, row.missing) })}>
        <Tag color="orange">{t("scores.results.state.exception")}</Tag>
      </Tooltip>
    );
  if (!row.complete) return <Tag color="red">{t("scores.results.state.missing", { roles: rolesText(t, row.missing) })}</Tag>;
  return <Tag color="green">{t("scores.results.state.complete")}</Tag>;
}

export default function ResultsTable(props: {
  rows: ResultRow[];
  /** The month is published: no exceptions any more. */
  published: boolean;
  canManage: boolean;
  selected: string | null;
  onSelect: (row: ResultRow) => void;
  onException: (row: ResultRow) => void;
}) {
  const { t } = useTranslation();
  const [team, setTeam] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [search, setSearch] = useState("");

  const teams = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of props.rows) seen.set(r.team_id == null ? NO_TEAM : String(r.team_id), r.team_name ?? t("scores.results.filters.noTeam"));
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [props.rows, t]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return props.rows.filter(
      (r) =>
        (team == null || (r.team_id == null ? NO_TEAM : String(r.team_id)) === team) &&
        (grade == null || (r.grade ?? UNGRADED) === grade) &&
        (!q || r.employee_no.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)),
    );
  }, [props.rows, team, grade, search]);

  const manageable = props.canManage && !props.published;
  const templateCount = new Set(props.rows.map((r) => r.template_id)).size;
  const columns: ColumnsType<ResultRow> = [
    {
      title: t("scores.results.columns.rank"),
      dataIndex: "rank",
      width: 70,
      render: (v: number | null) => v ?? "—",
      sorter: (a, b) => byNumber(a.rank, b.rank),
      // A ranking reads from the top: first place first, the ungraded last.
      defaultSortOrder: "ascend",
    },
    { title: t("scores.results.columns.employeeNo"), dataIndex: "employee_no", width: 90, sorter: (a, b) => a.employee_no.localeCompare(b.employee_no) },
    { title: t("scores.results.columns.name"), dataIndex: "name", width: 90 },
    {
      title: t("scores.results.columns.team"),
      dataIndex: "team_name",
      width: 110,
      render: (v: string | null) => v ?? t("scores.results.filters.noTeam"),
      sorter: (a, b) => (a.team_name ?? "").localeCompare(b.team_name ?? ""),
    },
    // The template matters only where people are on different ones (ranks are per template).
    ...(templateCount > 1 ? [{ title: t("scores.results.columns.template"), dataIndex: "template_name", width: 140, ellipsis: true }] : []),
    ...(["self", "superior", "peer"] as const).map((role) => ({
      title: t(`scores.results.columns.${role}`),
      key: role,
      width: 80,
      align: "right" as const,
      render: (_: unknown, r: ResultRow) => scoreText(r.scores[role]),
      sorter: (a: ResultRow, b: ResultRow) => byNumber(a.scores[role], b.scores[role]),
    })),
    {
      title: t("scores.results.columns.composite"),
      key: "composite",
      width: 100,
      align: "right",
      render: (_, r) => <strong data-testid={`results-composite-${r.employee_no}`}>{r.composite_text ?? "—"}</strong>,
      sorter: (a, b) => byNumber(a.composite, b.composite),
    },
    { title: t("scores.results.columns.grade"), key: "grade", width: 80, render: (_, r) => <GradeTag grade={r.grade} /> },
    {
      title: t("scores.results.columns.teamRank"),
      dataIndex: "team_rank",
      width: 90,
      render: (v: number | null) => v ?? "—",
      sorter: (a, b) => byNumber(a.team_rank, b.team_rank),
    },
    { title: t("scores.results.columns.status"), key: "status", width: 130, render: (_, r) => <StateTag row={r} /> },
    {
      title: t("scores.results.columns.response"),
      key: "response",
      width: 90,
      render: (_, r) =>
        r.response === "confirm" ? (
          <Tag color="green">{t("scores.results.response.confirm")}</Tag>
        ) : r.response === "appeal" ? (
          <Tooltip title={r.response_note}>
            <Tag color="volcano" data-testid={`results-appeal-${r.employee_no}`}>
              {t("scores.results.response.appeal")}
            </Tag>
          </Tooltip>
        ) : (
          "—"
        ),
    },
    ...(manageable
      ? [
          {
            title: t("scores.results.columns.actions"),
            key: "actions",
            width: 90,
            render: (_: unknown, r: ResultRow) =>
              r.complete ? null : (
                <Button
                  size="small"
                  data-testid={`results-exception-${r.employee_no}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onException(r);
                  }}
                >
                  {t("scores.results.exception.action")}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Space wrap size={8} style={{ marginBottom: 8 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("scores.results.filters.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 200 }}
          data-testid="results-search"
        />
        <Select
          allowClear
          placeholder={t("scores.results.filters.team")}
          value={team ?? undefined}
          onChange={(v) => setTeam(v ?? null)}
          options={teams}
          style={{ width: 150 }}
          data-testid="results-filter-team"
        />
        <Select
          allowClear
          placeholder={t("scores.results.filters.grade")}
          value={grade ?? undefined}
          onChange={(v) => setGrade(v ?? null)}
          options={[
            ...GRADES.map((g) => ({ value: g, label: t(`scores.grades.${g}`) })),
            { value: UNGRADED, label: t("scores.results.filters.ungraded") },
          ]}
          style={{ width: 130 }}
          data-testid="results-filter-grade"
        />
      </Space>
      <div data-testid="results-table">
      <Table<ResultRow>
        rowKey="person"
        size="small"
        locale={{ emptyText: t("scores.results.noRows") }}
        columns={columns}
        dataSource={shown}
        scroll={{ x: "max-content" }}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
        rowClassName={(r) => (r.employee_no === props.selected ? "ant-table-row-selected" : "")}
        onRow={(r) =>
          ({
            "data-testid": `results-row-${r.employee_no}`,
            "aria-selected": r.employee_no === props.selected,
            tabIndex: 0,
            style: { cursor: "pointer" },
            onClick: () => props.onSelect(r),
            onKeyDown: (e: React.KeyboardEvent) => {
              if (e.key === "Enter") props.onSelect(r);
            },
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
      </div>
    </div>
  );
}
