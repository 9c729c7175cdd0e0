// 保存为 PDF: what a print view shows (a roster, a 换班记录表, a 交接班记录), written straight to a
// PDF on A4 (the same page the printer would get), for the team's chat group or the records.
import { useState } from "react";
import { App, Button } from "antd";
import { FilePdfOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend } from "../backend";
import { useReportError } from "../lib/hooks";

export default function SavePdfButton(props: { defaultName: string; landscape: boolean; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const path = await backend.pickSaveFile(props.defaultName, [{ name: "PDF", extensions: ["pdf"] }]);
    if (!path) return;
    setBusy(true);
    try {
      await backend.savePrintPdf(path, props.landscape);
      void message.success(t("print.savedPdf", { path }));
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FilePdfOutlined />} loading={busy} disabled={props.disabled} onClick={() => void save()} data-testid={props.testId}>
      {t("print.savePdf")}
    </Button>
  );
}
