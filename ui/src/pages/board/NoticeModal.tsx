// 报备: a lead records that an agent phoned in late or absent — the kind, what they said, and when
// they called (now unless changed). What the notice excuses is the backend's to judge; this only
// sends what the lead entered and says what the backend answered.
import { useState } from "react";
import { Alert, App, Input, Modal, Radio, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type BoardAgent, type NoticeKind, type NoticeMark } from "../../backend";
import { useSession } from "../../session";
import { errorText } from "../../lib/errors";
import { siteDate, siteTime, siteTimeToIso } from "./boardUtil";

const KINDS: NoticeKind[] = ["late", "absent"];

export default function NoticeModal({
  agent,
  boardNow,
  onClose,
  onRecorded,
}: {
  agent: BoardAgent;
  /** The board's time: the call time starts at it, and a wall-clock time is read against it. */
  boardNow: string;
  onClose: () => void;
  onRecorded: (notice: NoticeMark) => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { site } = useSession();
  const [kind, setKind] = useState<NoticeKind>("late");
  const [reason, setReason] = useState("");
  // The call time as the site's clock says it; left as it opened, it means "now".
  const [opened] = useState(() => siteTime(boardNow, site.time_zone).slice(0, 5));
  const [at, setAt] = useState(opened);
  const [reasonMissing, setReasonMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A time later than the board's clock is the day before (as a late correction reads it): never
  // a call in the future. Say so beside the field.
  const changed = at.trim() !== "" && at !== opened;
  const atIso = changed ? siteTimeToIso(at, boardNow, site.time_zone) : null;
  const dayBefore = atIso != null && siteDate(atIso, site.time_zone) !== siteDate(boardNow, site.time_zone);

  const submit = async () => {
    setError(null);
    const text = reason.trim();
    if (!text) {
      setReasonMissing(true);
      return;
    }
    if (changed && !atIso) return;
    setBusy(true);
    try {
      const mark = await backend.recordNotice({ employee_no: agent.employee_no, kind, reason: text, at: atIso });
      void message.success(t("notice.recorded", { name: agent.name }));
      onRecorded(mark);
    } catch (e) {
      setError(errorText(t, e));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("notice.dialogTitle", { name: agent.name, no: agent.employee_no })}
      okText={t("notice.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={420}
    >
      <div className="fd-notice-form" data-testid="notice-dialog">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t("notice.hint")}
        </Typography.Paragraph>
        <div className="fd-notice-row">
          <span className="fd-notice-label">{t("notice.kind")}</span>
          <Radio.Group
            data-testid="notice-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as NoticeKind)}
            options={KINDS.map((k) => ({ value: k, label: t(`notice.kinds.${k}`) }))}
          />
        </div>
        <label className="fd-notice-row">
          <span className="fd-notice-label">{t("notice.at")}</span>
          <input
            type="time"
            className="ant-input ant-input-sm"
            data-testid="notice-at"
            title={t("notice.atHint")}
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
          {dayBefore ? (
            <Typography.Text type="warning" data-testid="notice-at-day-before">
              {t("notice.previousDay")}
            </Typography.Text>
          ) : null}
        </label>
        <Typography.Text type="secondary" className="fd-notice-hint">
          {t("notice.atHint")}
        </Typography.Text>
        <div className="fd-notice-label">{t("notice.reason")}</div>
        <Input.TextArea
          data-testid="notice-reason"
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t("notice.reasonPlaceholder")}
          aria-label={t("notice.reason")}
          value={reason}
          status={reasonMissing ? "error" : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setReasonMissing(false);
          }}
        />
        {reasonMissing ? (
          <Typography.Text type="danger" data-testid="notice-reason-error">
            {t("errors.notice.reason_required")}
          </Typography.Text>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} data-testid="notice-error" /> : null}
      </div>
    </Modal>
  );
}
