// The orders an agent got, each with the one sentence that says why it counts for them.
import { Empty, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { OrderView } from "./commissionTypes";
import { C, basisText, orderHead } from "./payText";

type Props = { orders: OrderView[]; timeZone: string; days: number };

export default function AttributedOrders({ orders, timeZone, days }: Props) {
  const { t } = useTranslation();
  if (orders.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${C}.detail.noOrders`)} />;
  return (
    <ol data-testid="attributed-orders" style={{ paddingInlineStart: 20, margin: 0 }}>
      {orders.map((o) => (
        <li key={o.order_no} data-testid={`attributed-order-${o.order_no}`} style={{ padding: "6px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
          <Typography.Text strong>{orderHead(t, o, timeZone)}</Typography.Text>
          {" — "}
          {basisText(t, o, timeZone, days)}
        </li>
      ))}
    </ol>
  );
}
