// The complaints as the backend lists them (newest first): number, received, customer, channel,
// order, who handles it, the status, the next step with its due time, and 逾期 when the backend
// says so. A row opens the complaint.
import type { HTMLAttributes } from "react";
import { Space, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintRow } from "../../backend";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { channelLabel, handlerText, K, STATUS_COLOR, statusLabel, stepLabel } from "./complaintText";

const L = `${K}.list`;

export function OverdueTag({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`${K}.overdue`)}
    </Tag>
  );
}

export default function ComplaintTable({ rows, loading, onOpen }: { rows: ComplaintRow[]; loading: boolean; onOpen: (row: ComplaintRow) => void }) {
  const { t } = useTranslation();
  const tz = useSession().site.time_zone;
  const columns: TableColumnsType<ComplaintRow> = [
    { title: t(`${L}.id`), dataIndex: "id", width: 70, render: (id: number) => `#${id}` },
    { title: t(`${L}.received`), dataIndex: "received_at", width: 140, render: (at: string) => siteDateTime(at, tz) },
    { title: t(`${L}.customer`), dataIndex: "customer", width: 140, ellipsis: true },
    { title: t(`${L}.channel`), dataIndex: "channel", width: 70, render: (c: ComplaintRow["channel"]) => channelLabel(t, c) },
    {
      title: t(`${L}.order`),
      dataIndex: "order_no",
      width: 140,
      ellipsis: true,
      render: (o: string | null) => o ?? <span className="fd-muted">—</span>,
    },
    {
      title: t(`${L}.who`),
      key: "who",
      width: 180,
      render: (_: unknown, r: ComplaintRow) => handlerText(r) || <span className="fd-muted">—</span>,
    },
    {
      title: t(`${L}.state`),
      dataIndex: "status",
      width: 90,
      render: (s: ComplaintRow["status"], r: ComplaintRow) => (
        <Tag color={STATUS_COLOR[s]} data-testid={`complaint-status-${r.id}`}>
          {statusLabel(t, s)}
        </Tag>
      ),
    },
    {
      title: t(`${L}.next`),
      key: "next",
      render: (_: unknown, r: ComplaintRow) =>
        r.next_step ? (
          <Space size={6} wrap>
            <Typography.Text type={r.overdue ? "danger" : undefined} data-testid={`complaint-next-${r.id}`}>
              {r.due_at ? t(`${L}.nextDue`, { step: stepLabel(t, r.next_step), due: siteDateTime(r.due_at, tz, "MM-DD HH:mm") }) : stepLabel(t, r.next_step)}
            </Typography.Text>
            {r.overdue ? <OverdueTag testId={`complaint-overdue-${r.id}`} /> : null}
          </Space>
        ) : (
          <span className="fd-muted">{t(`${L}.done`)}</span>
        ),
    },
  ];
  return (
    <Table<ComplaintRow>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t(`${L}.empty`) }}
      onRow={(r) => ({ "data-testid": `complaint-row-${r.id}`, onClick: () => onOpen(r), style: { cursor: "pointer" } }) as HTMLAttributes<HTMLElement>}
    />
  );
}
