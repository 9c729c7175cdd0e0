// The month at a glance: orders and their value, the share attributed, what nobody got, the
// commission in total. Counts and sums of the backend's month; nothing judged here.
import { Card, Col, Row, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import type { CommissionMonth } from "./commissionTypes";
import { C, yuan } from "./payText";

export default function CommissionSummary({ data }: { data: CommissionMonth }) {
  const { t } = useTranslation();
  const attributed = data.orders === 0 ? 0 : ((data.orders - data.unattributed_orders) / data.orders) * 100;
  const total = data.rows.reduce((sum, r) => sum + r.commission_fen, 0);
  const items = [
    { key: "orders", value: t(`${C}.summary.ordersValue`, { count: data.orders, amount: yuan(data.orders_fen) }) },
    { key: "attributed", value: `${attributed.toFixed(1)}%` },
    {
      key: "unattributed",
      value: t(`${C}.summary.unattributedValue`, { count: data.unattributed_orders, amount: yuan(data.unattributed_fen) }),
    },
    { key: "total", value: yuan(total) },
  ];
  return (
    <Row gutter={12} style={{ marginBottom: 12 }}>
      {items.map((i) => (
        <Col key={i.key} xs={12} lg={6}>
          <Card size="small" data-testid={`commission-summary-${i.key}`}>
            <Statistic title={t(`${C}.summary.${i.key}`)} value={i.value} styles={{ content: { fontSize: 18 } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
