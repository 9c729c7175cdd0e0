// 导入: the chat log, the paid orders and the daily totals commission is computed from, each all
// or nothing. The month is the page's; the files carry their own dates.
import { Alert, Col, Row } from "antd";
import { useTranslation } from "react-i18next";
import ImportCard from "./ImportCard";
import { P } from "./payrollText";

export default function ImportTab(_props: { month: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="pay-import">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(`${P}.import.intro`)} />
      <Row gutter={[12, 12]}>
        {(["chats", "orders", "sales"] as const).map((kind) => (
          <Col key={kind} xs={24} xl={8}>
            <ImportCard kind={kind} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
