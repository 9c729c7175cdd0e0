// Approving or rejecting a swap or leave request: a PIN when the decision is signed (the
// approver's own, checked by the backend) and a note. A failed decision (a wrong PIN, say)
// shows its error here and keeps the dialog open.
import { useEffect, useState, type ReactNode } from "react";
import { Alert, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../lib/errors";
import { useBusy } from "../../lib/hooks";

export type DecisionValues = { pin: string; note: string };

export default function DecisionModal(props: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  /** Signed with the operator's PIN. */
  pin: boolean;
  note: "none" | "optional" | "required";
  children?: ReactNode;
  onCancel: () => void;
  onOk: (v: DecisionValues) => Promise<unknown>;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecisionValues>();
  const { busy, run } = useBusy((e) => setError(errorText(t, e)));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setError(null);
    }
  }, [props.open, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    await run(async () => {
      await props.onOk({ pin: v.pin ?? "", note: (v.note ?? "").trim() });
    });
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      okButtonProps={{ danger: props.danger, ...{ "data-testid": `${props.testId}-ok` } }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onCancel={props.onCancel}
      onOk={() => void submit().catch(() => {})}
      // Opened from the records drawer, and rendered before it: it must still stack above it.
      zIndex={1100}
      forceRender
      destroyOnHidden
    >
      <div data-testid={props.testId}>
        {props.children}
        {error ? <Alert type="error" showIcon title={error} data-testid={`${props.testId}-error`} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          {props.pin ? (
            <Form.Item name="pin" label={t("rosterRequests.signPin")} extra={t("rosterRequests.signPinHint")} rules={[{ required: true, message: t("rosterRequests.pinRequired") }]}>
              <Input.Password inputMode="numeric" autoComplete="off" data-testid={`${props.testId}-pin`} />
            </Form.Item>
          ) : null}
          {props.note !== "none" ? (
            <Form.Item
              name="note"
              label={t("rosterRequests.note")}
              rules={props.note === "required" ? [{ required: true, whitespace: true, message: t("rosterRequests.noteRequired") }] : []}
            >
              <Input.TextArea rows={2} data-testid={`${props.testId}-note`} />
            </Form.Item>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}
