// 导出 xlsx: the handover logs of a date range, written by the backend to a file the operator
// picks (`exportHandover(from, to, path)`: the same sheet as the CLI's `handover export`).
import { useState } from "react";
import { App, Button, DatePicker, Space } from "antd";
import { FileExcelOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { useReportError, useBusy } from "../../lib/hooks";

export default function SearchViewExport() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const [from, setFrom] = useState<Dayjs | null>(() => dayjs().subtract(6, "day"));
  const [to, setTo] = useState<Dayjs | null>(() => dayjs());
  const { busy, run } = useBusy(report);

  const go = async () => {
    if (!from || !to) {
      void message.warning(t("handover.sign.export.rangeRequired"));
      return;
    }
    const range = { from: from.format("YYYY-MM-DD"), to: to.format("YYYY-MM-DD") };
    await run(async () => {
      const path = await backend.pickSaveFile(t("handover.sign.export.fileName", range), [
        { name: t("handover.sign.export.filter"), extensions: ["xlsx"] },
      ]);
      if (path) {
        const rows = await backend.exportHandover(range.from, range.to, path);
        void message.success(t("handover.sign.export.done", { path, rows }));
      }
    });
  };

  return (
    <Space wrap data-testid="handover-export">
      <span>{t("handover.sign.export.range")}</span>
      <DatePicker data-testid="handover-export-from" value={from} onChange={setFrom} style={{ width: 130 }} />
      <span>–</span>
      <DatePicker data-testid="handover-export-to" value={to} onChange={setTo} style={{ width: 130 }} />
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void go()} data-testid="handover-export-go">
        {t("handover.sign.export.go")}
      </Button>
    </Space>
  );
}
