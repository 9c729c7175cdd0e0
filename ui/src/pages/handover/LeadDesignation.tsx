// 指定交接班长 (supervisors): names the agent who signs for a team's shift from a date when the
// shift has no 班长. Whether that agent may lead (a user with a PIN) is the backend's answer
// (handover.lead_has_no_user), shown here as it comes.
import { useState } from "react";
import { Alert, App, DatePicker, Form, Modal, Select } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type LogKey, type PersonRef } from "../../backend";
import { errorText } from "../../lib/errors";

type Props = {
  logKey: LogKey;
  shiftLabel: string;
  members: readonly PersonRef[];
  current: string | null;
  onClose: () => void;
};

export default function LeadDesignation({ logKey, shiftLabel, members, current, onClose }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [who, setWho] = useState<string | null>(current);
  const [from, setFrom] = useState(logKey.date);
  const [to, setTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (!who) return;
    setSending(true);
    try {
      await backend.designateHandoverLead({ team_id: logKey.team_id, shift: logKey.shift, from, to, employee_no: who });
      void message.success(t("handover.page.designate.done"));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={t("handover.page.designate.title", { shift: shiftLabel })}
      onCancel={onClose}
      onOk={() => void send()}
      confirmLoading={sending}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: !who, ...{ "data-testid": "handover-designate-ok" } }}
    >
      <div data-testid="handover-designate">
        <p className="fd-muted">{t("handover.page.designate.hint")}</p>
        <Form layout="vertical">
          <Form.Item label={t("handover.page.designate.who")}>
            <Select
              value={who ?? undefined}
              onChange={setWho}
              showSearch={{ optionFilterProp: "label" }}
              options={members.map((m) => ({ value: m.employee_no, label: `${m.employee_no} ${m.name}` }))}
              data-testid="handover-designate-who"
            />
          </Form.Item>
          <Form.Item label={t("handover.page.designate.from")}>
            <DatePicker allowClear={false} value={dayjs(from)} onChange={(d) => d && setFrom(d.format("YYYY-MM-DD"))} />
          </Form.Item>
          <Form.Item label={t("handover.page.designate.to")}>
            <DatePicker value={to ? dayjs(to) : null} onChange={(d) => setTo(d ? d.format("YYYY-MM-DD") : null)} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={errorText(t, error)} data-testid="handover-designate-error" /> : null}
      </div>
    </Modal>
  );
}
