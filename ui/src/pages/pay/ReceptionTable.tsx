// An agent's receptions of the month: buyer, span, messages (the buyer's), who started it, how it
// ended, valid or why not, and the orders it won — each field as the backend judged it.
import { Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { ReceptionView } from "./commissionTypes";
import { C, endedText, initiatorText, invalidText, spanText } from "./payText";

export default function ReceptionTable({ receptions, timeZone }: { receptions: ReceptionView[]; timeZone: string }) {
  const { t } = useTranslation();
  const columns: ColumnsType<ReceptionView> = [
    { key: "buyer", title: t(`${C}.detail.buyer`), dataIndex: "buyer" },
    { key: "span", title: t(`${C}.detail.span`), render: (_, r) => spanText(r, timeZone) },
    {
      key: "messages",
      title: t(`${C}.detail.messages`),
      align: "right",
      render: (_, r) => t(`${C}.detail.messagesValue`, { messages: r.messages, buyer: r.buyer_messages }),
    },
    { key: "initiator", title: t(`${C}.detail.initiator`), render: (_, r) => initiatorText(t, r) },
    { key: "ended", title: t(`${C}.detail.ended`), render: (_, r) => endedText(t, r) },
    {
      key: "valid",
      title: t(`${C}.detail.valid`),
      render: (_, r) =>
        r.valid ? <Typography.Text type="success">✓</Typography.Text> : <Typography.Text type="secondary">{invalidText(t, r)}</Typography.Text>,
    },
    { key: "won", title: t(`${C}.detail.won`), render: (_, r) => (r.orders.length ? r.orders.join(", ") : "—") },
  ];
  return (
    <Table<ReceptionView>
      data-testid="reception-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={receptions}
      pagination={receptions.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: "max-content" }}
      onRow={(r) => ({ "data-testid": `reception-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
