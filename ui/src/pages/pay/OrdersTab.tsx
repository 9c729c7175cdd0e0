// 订单归属: the month's paid orders with whom each counts for and why, in one sentence; with
// 只看未归属, the orders nobody got and, from the buyer's receptions around the payment, why. The
// orders' read does not carry 买家咨询有效期, so the sentences name the period without its length.
import { useMemo, useState } from "react";
import { Alert, Input, Space, Switch, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../lib/errors";
import { useSession } from "../../session";
import { useCommissionOrders } from "./commissionData";
import type { OrderView } from "./commissionTypes";
import { C, basisText, siteTime, yuan } from "./payText";

export default function OrdersTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const { site } = useSession();
  const [only, setOnly] = useState(false);
  const [search, setSearch] = useState("");
  const loaded = useCommissionOrders(month, only);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (loaded.data ?? []).filter((o) => !q || o.order_no.toLowerCase().includes(q) || o.buyer.toLowerCase().includes(q));
  }, [loaded.data, search]);
  // Every column keeps to one line but the reason, which wraps in what is left.
  const oneLine = () => ({ style: { whiteSpace: "nowrap" as const } });
  const columns: ColumnsType<OrderView> = [
    { key: "orderNo", onCell: oneLine, title: t(`${C}.orders.orderNo`), dataIndex: "order_no" },
    { key: "buyer", onCell: oneLine, title: t(`${C}.orders.buyer`), dataIndex: "buyer" },
    {
      key: "paidAt",
      onCell: oneLine,
      title: t(`${C}.orders.paidAt`),
      sorter: (a, b) => a.paid_at.localeCompare(b.paid_at),
      render: (_, o) => siteTime(o.paid_at, site.time_zone, "YYYY-MM-DD HH:mm"),
    },
    { key: "amount", onCell: oneLine, title: t(`${C}.orders.amount`), align: "right", sorter: (a, b) => a.amount_fen - b.amount_fen, render: (_, o) => yuan(o.amount_fen) },
    {
      key: "agent",
      onCell: oneLine,
      title: t(`${C}.orders.agent`),
      render: (_, o) =>
        o.attribution ? (
          `${o.attribution.reception.agent_name} ${o.attribution.reception.employee_no}`
        ) : (
          <Typography.Text type="warning">{t(`${C}.orders.nobody`)}</Typography.Text>
        ),
    },
    {
      key: "basis",
      title: t(`${C}.orders.basis`),
      render: (_, o) => <span data-testid={`order-basis-${o.order_no}`}>{basisText(t, o, site.time_zone, null)}</span>,
    },
  ];
  return (
    <div data-testid="orders-tab">
      {loaded.error ? <Alert type="error" showIcon title={errorText(t, loaded.error)} style={{ marginBottom: 12 }} /> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Switch checked={only} onChange={setOnly} data-testid="orders-only-unattributed" />
        <span>{t(`${C}.orders.onlyUnattributed`)}</span>
        <Input.Search allowClear placeholder={t(`${C}.orders.search`)} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} />
        <Typography.Text type="secondary">{t(`${C}.orders.count`, { count: rows.length })}</Typography.Text>
      </Space>
      <Table<OrderView>
        data-testid="orders-table"
        rowKey="order_no"
        size="small"
        loading={loaded.loading && !loaded.data}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t(`${C}.orders.empty`) }}
        onRow={(o) => ({ "data-testid": `order-row-${o.order_no}` }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
