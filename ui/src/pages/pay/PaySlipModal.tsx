// 打印工资条: the slip in a print view, printed through the window's print on A4 portrait or saved
// as a PDF (save_print_pdf), as the 换班记录表 and the 罚款通知单 are. While it is open, a print
// stylesheet leaves only the slip on paper.
import { useEffect, useState } from "react";
import { Button, Modal, Spin } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { PaySlip as Slip } from "../../backend";
import SavePdfButton from "../../components/SavePdfButton";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { PAY_SLIP_CSS, PaySlip } from "./PaySlip";
import { P, safeName } from "./payrollText";

function usePrintStyle(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const style = document.createElement("style");
    style.setAttribute("data-fd-print", "pay-slip");
    style.textContent = PAY_SLIP_CSS;
    document.head.appendChild(style);
    return () => style.remove();
  }, [active]);
}

export default function PaySlipModal(props: { slip: Slip | undefined; loading?: boolean; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useSession();
  usePrintStyle(props.open);
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (props.open) setPrintedAt(new Date().toISOString());
  }, [props.open]);
  const { slip } = props;
  const title = t(`${P}.slip.title`);
  const fileName = slip ? safeName(`${site.name}-${title}-${slip.month}-${slip.row.employee_no}-${slip.row.name}.pdf`) : `${title}.pdf`;
  return (
    <Modal
      open={props.open}
      title={t(`${P}.slip.modalTitle`)}
      onCancel={props.onClose}
      width={760}
      classNames={{ wrapper: "fd-payslip-print-wrap" }}
      footer={[
        <Button key="close" onClick={props.onClose} data-testid="pay-slip-close">
          {t("common.cancel")}
        </Button>,
        <SavePdfButton key="pdf" defaultName={fileName} landscape={false} disabled={!slip} testId="pay-slip-pdf" />,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!slip} data-testid="pay-slip-print" onClick={() => window.print()}>
          {t(`${P}.slip.print`)}
        </Button>,
      ]}
      destroyOnHidden
    >
      {slip ? (
        <PaySlip slip={slip} siteName={site.name} printedAt={siteDateTime(printedAt, site.time_zone)} />
      ) : (
        <Spin spinning={props.loading ?? true}>
          <div style={{ minHeight: 240 }} />
        </Spin>
      )}
    </Modal>
  );
}
