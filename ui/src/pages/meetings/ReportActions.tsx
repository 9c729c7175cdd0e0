// Marking one period's report sent (now, or when it was actually sent) and announcing its delay
// before the due time (提前声明告知). The backend judges on time / late / announced and proposes
// `report_late` for the person and the manager when it was late unannounced.
import { useState } from "react";
import { Alert, App, DatePicker, Form, Input, Modal } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type ReportDue } from "../../backend";
import { useReportError, useBusy } from "../../lib/hooks";
import { useSession } from "../../session";
import { fromSiteWall, siteDateTime } from "../incidents/incidentText";
import { K } from "./meetingText";

const R = `${K}.reports`;

export function SubmitReportModal({ due, onClose, onDone }: { due: ReportDue; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const tz = useSession().site.time_zone;
  const [sentAt, setSentAt] = useState<Dayjs | null>(null);
  const { busy, run } = useBusy(report);
  const submit = async () => {
    await run(async () => {
      const incident = await backend.submitReport(due.duty.id, due.period_start, sentAt ? fromSiteWall(sentAt, tz) : null);
      void message.success(incident !== null ? t(`${R}.submittedLate`, { id: incident }) : t(`${R}.submitted`));
      onDone();
    });
  };
  return (
    <Modal
      open
      title={t(`${R}.submitTitle`, { title: due.duty.title })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(`${R}.submitConfirm`)}
      okButtonProps={{ loading: busy, "data-testid": "report-submit-confirm" }}
      destroyOnHidden
    >
      <div className="fd-muted" style={{ marginBottom: 8 }}>
        {t(`${R}.due`)}：{siteDateTime(due.due_at, tz)}
      </div>
      <Form layout="vertical">
        <Form.Item label={t(`${R}.sentAt`)} extra={t(`${R}.sentAtHint`)}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" value={sentAt} onChange={setSentAt} data-testid="report-sent-at" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AnnounceDelayModal({ due, onClose, onDone }: { due: ReportDue; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const tz = useSession().site.time_zone;
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const { busy, run } = useBusy(report);
  const submit = async () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    await run(async () => {
      await backend.announceReportDelay(due.duty.id, due.period_start, reason.trim());
      void message.success(t(`${R}.announced`));
      onDone();
    });
  };
  return (
    <Modal
      open
      title={t(`${R}.announceTitle`, { title: due.duty.title })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(`${R}.announceConfirm`)}
      okButtonProps={{ loading: busy, "data-testid": "report-announce-confirm" }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t(`${R}.announceHint`)} description={`${t(`${R}.due`)}：${siteDateTime(due.due_at, tz)}`} style={{ marginBottom: 12 }} />
      <Form layout="vertical">
        <Form.Item label={t(`${R}.reason`)} required validateStatus={missing ? "error" : undefined} help={missing ? t(`${R}.reasonRequired`) : undefined}>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="report-announce-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
