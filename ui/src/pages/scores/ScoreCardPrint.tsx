// 打印考核结果通知单: one person's card on A4 portrait through the window's print, or saved as a
// PDF (as HandoverPrint does). The card's stylesheet is present while the view is open.
import { useEffect, useState } from "react";
import { Button, Modal } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import { useTranslation } from "react-i18next";
import type { ResultRow } from "../../backend";
import SavePdfButton from "../../components/SavePdfButton";
import { useSession } from "../../session";
import ScoreCard, { SCORE_CARD_CSS } from "./ScoreCard";

dayjs.extend(utc);
dayjs.extend(timezone);

/** YYYY-MM-DD HH:mm on the site's clock ("" for none). */
export function siteDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "";
  const d = dayjs(iso);
  return d.isValid() ? d.tz(timeZone).format("YYYY-MM-DD HH:mm") : iso;
}

function useCardStyle(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const style = document.createElement("style");
    style.setAttribute("data-fd-print", "scorecard");
    style.textContent = SCORE_CARD_CSS;
    document.head.appendChild(style);
    return () => style.remove();
  }, [active]);
}

export default function ScoreCardPrint(props: {
  row: ResultRow;
  month: string;
  published: boolean;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { site } = useSession();
  useCardStyle(props.open);
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (props.open) setPrintedAt(new Date().toISOString());
  }, [props.open]);
  const fileName = `${site.name}-${t("scores.results.card.title")}-${props.month}-${props.row.employee_no}-${props.row.name}.pdf`.replace(/[\\/:*?"<>|]/g, "_");
  return (
    <Modal
      open={props.open}
      title={t("scores.results.card.modalTitle")}
      onCancel={props.onClose}
      width={760}
      classNames={{ wrapper: "fd-scorecard-print-wrap" }}
      footer={[
        <Button key="close" onClick={props.onClose} data-testid="score-card-close">
          {t("common.cancel")}
        </Button>,
        <SavePdfButton key="pdf" defaultName={fileName} landscape={false} testId="score-card-pdf" />,
        <Button key="print" type="primary" icon={<PrinterOutlined />} data-testid="score-card-print" onClick={() => window.print()}>
          {t("scores.results.card.print")}
        </Button>,
      ]}
      destroyOnHidden
    >
      <ScoreCard
        row={props.row}
        month={props.month}
        siteName={site.name}
        published={props.published}
        printedAt={siteDateTime(printedAt, site.time_zone)}
      />
    </Modal>
  );
}
