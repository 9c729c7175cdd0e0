// 报表提交: the reports owed for periods starting in the month (one's own; everyone's for those who
// keep the register), each with its due time and the backend's judgement: 按时, 迟交 (with the
// proposal), 已报备延迟, 逾期未交 or 待提交. Mark one sent, or announce its delay before it is due.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, Button, Checkbox, Space, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { ReportDue } from "../../backend";
import { errorText } from "../../lib/errors";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { useReportsDue } from "./meetingData";
import { K, periodText, REPORT_STATUS_COLOR, reportKindLabel, reportStatus } from "./meetingText";
import { AnnounceDelayModal, SubmitReportModal } from "./ReportActions";

const R = `${K}.reports`;

const keyOf = (r: ReportDue) => `${r.duty.id}-${r.period_start}`;

export default function ReportsTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const tz = useSession().site.time_zone;
  const list = useReportsDue(month);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [acting, setActing] = useState<{ due: ReportDue; action: "submit" | "announce" } | null>(null);
  // Periods not begun yet owe nothing: they are left out until their first day.
  const today = siteDateTime(new Date().toISOString(), tz, "YYYY-MM-DD");
  const rows = useMemo(
    () => (list.data ?? []).filter((r) => r.period_start <= today && (!overdueOnly || r.overdue)),
    [list.data, overdueOnly, today],
  );
  const done = () => {
    setActing(null);
    list.reload();
  };

  const columns: TableColumnsType<ReportDue> = [
    { title: t(`${R}.report`), key: "title", width: 150, ellipsis: true, render: (_: unknown, r) => r.duty.title },
    { title: t(`${R}.kind`), key: "kind", width: 64, render: (_: unknown, r) => reportKindLabel(t, r.duty.kind) },
    { title: t(`${R}.period`), key: "period", width: 180, render: (_: unknown, r) => periodText(r.duty.kind, r.period_start) },
    {
      title: t(`${R}.owner`),
      key: "owner",
      width: 130,
      render: (_: unknown, r) => (
        <span>
          {r.duty.employee_no} {r.duty.name}
          {r.duty.manager_name ? <div className="fd-muted">{r.duty.manager_name}</div> : null}
        </span>
      ),
    },
    { title: t(`${R}.due`), dataIndex: "due_at", width: 140, render: (at: string) => siteDateTime(at, tz) },
    {
      title: t(`${R}.status`),
      key: "status",
      width: 200,
      render: (_: unknown, r) => {
        const s = reportStatus(r);
        return (
          <Space size={4} direction="vertical">
            <Space size={4}>
              <Tag color={REPORT_STATUS_COLOR[s]} data-testid={`report-status-${keyOf(r)}`}>
                {t(`${R}.status_${s}`)}
              </Tag>
              {r.incident_id !== null ? <Typography.Text type="warning">{t(`${R}.proposed`, { id: r.incident_id })}</Typography.Text> : null}
            </Space>
            {r.announced_at ? (
              <span className="fd-muted" style={{ fontSize: 12 }}>
                {t(`${R}.announcedAt`, { at: siteDateTime(r.announced_at, tz, "MM-DD HH:mm"), reason: r.announce_reason ?? "" })}
              </span>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: t(`${R}.sent`),
      key: "sent",
      width: 150,
      render: (_: unknown, r) =>
        r.submitted_at ? (
          <span>
            {siteDateTime(r.submitted_at, tz, "MM-DD HH:mm")}
            {r.submitted_by_name ? <div className="fd-muted">{r.submitted_by_name}</div> : null}
          </span>
        ) : (
          <span className="fd-muted">—</span>
        ),
    },
    {
      key: "actions",
      width: 190,
      fixed: "right",
      render: (_: unknown, r) =>
        r.submitted_at ? null : (
          <Space size={4}>
            <Button size="small" type="primary" onClick={() => setActing({ due: r, action: "submit" })} data-testid={`report-submit-${keyOf(r)}`}>
              {t(`${R}.submit`)}
            </Button>
            {!r.announced_at && !r.overdue ? (
              <Button size="small" onClick={() => setActing({ due: r, action: "announce" })} data-testid={`report-announce-${keyOf(r)}`}>
                {t(`${R}.announce`)}
              </Button>
            ) : null}
          </Space>
        ),
    },
  ];

  return (
    <div data-testid="meetings-reports">
      <div className="fd-panel">
        <div className="fd-toolbar">
          <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} data-testid="reports-overdue-only">
            {t(`${R}.overdueOnly`)}
          </Checkbox>
          <span className="fd-toolbar-spacer" />
          <span className="fd-count" data-testid="report-count">
            {t(`${R}.count`, { count: rows.length })}
          </span>
        </div>
        {list.error ? <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<ReportDue>
          size="small"
          rowKey={keyOf}
          columns={columns}
          dataSource={rows}
          loading={list.loading && !list.data}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t(`${R}.empty`) }}
          onRow={(r) => ({ "data-testid": `report-row-${keyOf(r)}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {acting?.action === "submit" ? <SubmitReportModal due={acting.due} onClose={() => setActing(null)} onDone={done} /> : null}
      {acting?.action === "announce" ? <AnnounceDelayModal due={acting.due} onClose={() => setActing(null)} onDone={done} /> : null}
    </div>
  );
}
