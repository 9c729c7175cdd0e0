// 整改计划 (seed 002): once a month's assessment is published, its bottom places file a cause
// analysis and an improvement plan within the deadline; a supervisor follows it up and closes it.
// The backend lists the plans the operator may see (a lead their team's) with each one's status
// (待提交, 逾期, 已提交, 已结案); this tab filters them by month and status and opens one in a
// drawer (PlanDrawer) to file, follow up and close. Writers need manage_scores.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, Badge, Button, DatePicker, Empty, Select, Space, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { InfoCircleOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { ImprovementPlan, PlanStatus } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useCan } from "../../session";
import PlanDrawer from "./PlanDrawer";
import { PLAN_STATUSES, PlanStatusTag, planStatusLabel, usePlans } from "./planData";

const P = "scores.plans";

/** The tab's label: 整改计划 with the overdue plans' count as a red badge. */
export function PlansTabLabel() {
  const { t } = useTranslation();
  const plans = usePlans(null);
  const overdue = (plans.data ?? []).filter((p) => p.status === "overdue").length;
  return (
    <span data-testid="scores-tab-plans">
      {t(`${P}.tab`)}
      {overdue > 0 ? (
        <Tooltip title={t(`${P}.overdueBadge`, { count: overdue })}>
          <Badge count={overdue} size="small" offset={[4, -2]} data-testid="plans-overdue-badge" aria-label={t(`${P}.overdueBadge`, { count: overdue })} />
        </Tooltip>
      ) : null}
    </span>
  );
}

export default function PlansTab() {
  const { t } = useTranslation();
  const canWrite = useCan("manage_scores");
  const [month, setMonth] = useState<string | null>(null);
  const [status, setStatus] = useState<PlanStatus | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const plans = usePlans(month);

  const all = useMemo(() => plans.data ?? [], [plans.data]);
  const shown = useMemo(() => (status ? all.filter((p) => p.status === status) : all), [all, status]);
  const overdue = all.filter((p) => p.status === "overdue").length;
  const opened = openId === null ? null : (all.find((p) => p.id === openId) ?? null);

  const columns: TableColumnsType<ImprovementPlan> = [
    { title: t(`${P}.columns.month`), dataIndex: "month", key: "month", width: 90 },
    { title: t(`${P}.columns.employeeNo`), dataIndex: "employee_no", key: "employee_no", width: 90 },
    { title: t(`${P}.columns.name`), dataIndex: "name", key: "name", width: 100 },
    {
      title: t(`${P}.columns.team`),
      key: "team",
      width: 110,
      render: (_: unknown, p) => p.team_name ?? <span className="fd-muted">{t(`${P}.noTeam`)}</span>,
    },
    { title: t(`${P}.columns.composite`), dataIndex: "composite_text", key: "composite", width: 90, align: "right" },
    {
      title: t(`${P}.columns.rank`),
      key: "rank",
      width: 90,
      align: "right",
      render: (_: unknown, p) => (
        <span title={t(`${P}.rankTitle`, { rank: p.rank, ranked: p.ranked })}>{t(`${P}.rankOf`, { rank: p.rank, ranked: p.ranked })}</span>
      ),
    },
    {
      title: t(`${P}.columns.dueOn`),
      key: "due_on",
      width: 110,
      render: (_: unknown, p) => (
        <span style={p.status === "overdue" ? { color: "var(--ant-color-error, #cf1322)" } : undefined}>{formatDate(p.due_on)}</span>
      ),
    },
    {
      title: t(`${P}.columns.status`),
      key: "status",
      width: 90,
      render: (_: unknown, p) => <PlanStatusTag status={p.status} testId={`plan-status-${p.id}`} />,
    },
    {
      title: t(`${P}.columns.actions`),
      key: "actions",
      width: 90,
      render: (_: unknown, p) => (
        <Button
          size="small"
          type={canWrite && (p.status === "due" || p.status === "overdue") ? "primary" : "default"}
          data-testid={`plan-open-${p.id}`}
          onClick={(e) => {
            e.stopPropagation();
            setOpenId(p.id);
          }}
        >
          {canWrite && (p.status === "due" || p.status === "overdue") ? t(`${P}.fileAction`) : t(`${P}.open`)}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="plans-page">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="plans-rule">
        <InfoCircleOutlined style={{ marginInlineEnd: 6 }} />
        {t(`${P}.rule`)}
      </Typography.Paragraph>
      <Space wrap size={8} style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear
          value={month ? dayjs(`${month}-01`) : null}
          format="YYYY-MM"
          placeholder={t(`${P}.allMonths`)}
          aria-label={t(`${P}.month`)}
          data-testid="plans-month"
          onChange={(d) => setMonth(d ? d.format("YYYY-MM") : null)}
        />
        <Select<PlanStatus | "all">
          value={status ?? "all"}
          onChange={(v) => setStatus(v === "all" ? null : v)}
          aria-label={t(`${P}.status`)}
          style={{ width: 120 }}
          data-testid="plans-status"
          options={[
            { value: "all", label: t(`${P}.allStatuses`) },
            ...PLAN_STATUSES.map((s) => ({ value: s, label: planStatusLabel(t, s) })),
          ]}
        />
        {plans.data ? (
          <Typography.Text type="secondary" data-testid="plans-summary">
            {t(`${P}.summary`, { count: all.length })}
            {overdue > 0 ? <Typography.Text type="danger">{t(`${P}.summaryOverdue`, { count: overdue })}</Typography.Text> : null}
          </Typography.Text>
        ) : null}
      </Space>
      {plans.error ? <Alert type="error" showIcon title={errorText(t, plans.error)} style={{ marginBottom: 12 }} data-testid="plans-error" /> : null}
      <div className="fd-panel">
        <Table<ImprovementPlan>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={plans.loading && !plans.data}
          pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          onRow={(p) =>
            ({
              "data-testid": `plan-row-${p.id}`,
              onClick: () => setOpenId(p.id),
              style: { cursor: "pointer" },
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: <Empty description={t(`${P}.empty`)}>{plans.data ? <span className="fd-muted">{t(`${P}.emptyHint`)}</span> : null}</Empty> }}
        />
      </div>
      {opened ? <PlanDrawer plan={opened} canWrite={canWrite} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
