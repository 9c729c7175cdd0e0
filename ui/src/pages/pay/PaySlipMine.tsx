// 我的工资条: the logged-in agent's own slip of the month (my_pay_slip), on screen as printed, with
// the print view (打印 / 保存 PDF) one click away.
import { useState } from "react";
import { Alert, Button, Card, Empty, Spin } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { PaySlip } from "./PaySlip";
import PaySlipModal from "./PaySlipModal";
import { P } from "./payrollText";

export default function PaySlipMine({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { site } = useSession();
  const slip = useLoad(["payroll", "mySlip", month], ["commission", "incidents", "agents", "scores"], () => backend.myPaySlip(month));
  const [printing, setPrinting] = useState(false);
  if (slip.error && !slip.data)
    return <Alert type="info" showIcon title={t(`${P}.slip.mineEmpty`)} description={errorText(t, slip.error)} data-testid="my-pay-slip-error" />;
  if (!slip.data) return slip.loading ? <Spin /> : <Empty description={t(`${P}.slip.mineEmpty`)} />;
  return (
    <Card
      size="small"
      data-testid="my-pay-slip"
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="my-pay-slip-print">
          {t(`${P}.slip.print`)}
        </Button>
      }
    >
      <div style={{ maxWidth: 720, margin: "0 auto" }}>
        <PaySlip slip={slip.data} siteName={site.name} printedAt={siteDateTime(new Date().toISOString(), site.time_zone)} />
      </div>
      <PaySlipModal slip={slip.data} open={printing} onClose={() => setPrinting(false)} />
    </Card>
  );
}
