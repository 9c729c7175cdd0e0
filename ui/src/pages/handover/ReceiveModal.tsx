// 接班签收 (docs/design/handover.md §8.4): when the shifts did not meet, the outgoing side signed
// alone and the incoming 交接班长 signs the receipt from their roll-call time, with their PIN.
// The backend decides whether the log awaits a receipt and whether it is too early.
import { useMemo, useState } from "react";
import { Alert, App, Button, Form, Modal, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverLogView } from "../../backend";
import { errorText } from "../../lib/errors";
import { useSession } from "../../session";
import { siteDateTime } from "./HandoverSheetFormat";
import { leadUserId, personText, refusal, signerOptions, SignerColumn, useLoginUsers } from "./signers";

export interface ReceiveModalProps {
  log: HandoverLogView;
  open: boolean;
  onClose: () => void;
}

type Values = { incoming_user?: number; incoming_pin?: string };

export default function ReceiveModal(props: ReceiveModalProps) {
  return props.open ? <ReceiveDialog {...props} /> : null;
}

function ReceiveDialog({ log, onClose }: ReceiveModalProps) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { site } = useSession();
  const { users, error: usersError } = useLoginUsers();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lead = log.incoming?.lead;
  const options = useMemo(() => signerOptions(t, users ?? [], lead), [t, users, lead]);
  const initial = useMemo<Values>(() => ({ incoming_user: leadUserId(users ?? [], lead) }), [users, lead]);
  const outgoing = log.signatures.find((s) => s.side === "outgoing");

  const submit = async () => {
    if (busy || log.log_id === null) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (v.incoming_user == null) return;
    setBusy(true);
    setError(null);
    try {
      await backend.receiveHandover(log.log_id, { user_id: v.incoming_user, pin: v.incoming_pin ?? "" });
      void message.success(t("handover.sign.received"));
      onClose();
    } catch (e) {
      setError(refusal(t, e).text);
      form.setFieldValue("incoming_pin", "");
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("handover.sign.receiveTitle")}
      onCancel={onClose}
      width={440}
      mask={{ closable: false }}
      footer={
        <div style={{ display: "flex", flexDirection: "row-reverse", gap: 8 }}>
          <Button type="primary" loading={busy} disabled={log.log_id === null || !users} onClick={() => void submit()} data-testid="handover-receive-submit">
            {t("handover.sign.receiveSubmit")}
          </Button>
          <Button onClick={onClose} data-testid="handover-receive-cancel">
            {t("common.cancel")}
          </Button>
        </div>
      }
    >
      <div data-testid="handover-receive">
        {outgoing ? (
          <Typography.Paragraph type="secondary">
            {t("handover.sign.receiveHint", { signer: personText(t, outgoing.signer), at: siteDateTime(outgoing.signed_at, site.time_zone) })}
          </Typography.Paragraph>
        ) : null}
        {usersError ? <Alert type="error" showIcon title={errorText(t, usersError)} style={{ marginBottom: 12 }} /> : null}
        {users ? (
          <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initial}>
            <SignerColumn
              side="incoming"
              testId="handover-receive"
              options={options}
              required
              error={error}
              focus={initial.incoming_user == null ? "user" : "pin"}
              onEnter={() => void submit()}
            />
          </Form>
        ) : usersError ? null : (
          <Spin />
        )}
      </div>
    </Modal>
  );
}
