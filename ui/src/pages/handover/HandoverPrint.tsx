// 打印交接班记录: one shift's sheet on A4 portrait through the window's print, or saved as a PDF.
import { useEffect, useState } from "react";
import { Button, Modal } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { HandoverLogView } from "../../backend";
import SavePdfButton from "../../components/SavePdfButton";
import { useSession } from "../../session";
import HandoverSheet, { HANDOVER_SHEET_CSS } from "./HandoverSheet";

export interface HandoverPrintProps {
  log: HandoverLogView;
  open: boolean;
  onClose: () => void;
}

/** The sheet's stylesheet, present while the print view is open (as RosterPrint's page rule). */
function useSheetStyle(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const style = document.createElement("style");
    style.setAttribute("data-fd-print", "handover");
    style.textContent = HANDOVER_SHEET_CSS;
    document.head.appendChild(style);
    return () => style.remove();
  }, [active]);
}

export default function HandoverPrint({ log, open, onClose }: HandoverPrintProps) {
  const { t } = useTranslation();
  const { site } = useSession();
  useSheetStyle(open);
  // The print time: when the view was opened (printed a minute later, it says so a minute early).
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (open) setPrintedAt(new Date().toISOString());
  }, [open]);
  const fileName = `${site.name}-${t("handover.logTitle")}-${log.key.date}-${log.team_name}-${log.key.shift}.pdf`.replace(/[\\/:*?"<>|]/g, "_");

  return (
    <Modal
      open={open}
      title={t("handover.sign.print.modalTitle")}
      onCancel={onClose}
      width={860}
      classNames={{ wrapper: "fd-handover-print-wrap" }}
      footer={[
        <Button key="close" onClick={onClose} data-testid="handover-print-close">
          {t("common.cancel")}
        </Button>,
        <SavePdfButton key="pdf" defaultName={fileName} landscape={false} testId="handover-print-pdf" />,
        <Button key="print" type="primary" icon={<PrinterOutlined />} data-testid="handover-print" onClick={() => window.print()}>
          {t("handover.sign.print.print")}
        </Button>,
      ]}
      destroyOnHidden
    >
      <HandoverSheet log={log} siteName={site.name} timeZone={site.time_zone} printedAt={printedAt} />
    </Modal>
  );
}
