// A reason and the operator's own PIN: reopening a published month (重新开放) and signing an
// exception for someone missing a role (特批). The backend checks the PIN; a refusal (a wrong
// PIN, say) shows here and keeps the dialog open.
import { useEffect, useState, type ReactNode } from "react";
import { Alert, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../lib/errors";
import { useBusy } from "../../lib/hooks";

export type PinReason = { reason: string; pin: string };

export default function PinReasonModal(props: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  /** What is being signed, above the fields. */
  children?: ReactNode;
  onCancel: () => void;
  /** Resolves when done (the caller closes the dialog); a rejection shows in the dialog. */
  onOk: (v: PinReason) => Promise<unknown>;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PinReason>();
  const { busy, run } = useBusy((e) => setError(errorText(t, e)));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setError(null);
    }
  }, [props.open, form]);
  const submit = async () => {
    let v: PinReason;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setError(null);
    await run(async () => {
      await props.onOk({ reason: v.reason.trim(), pin: v.pin });
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
      onOk={() => void submit()}
      forceRender
      destroyOnHidden
    >
      <div data-testid={props.testId}>
        {props.children}
        {error ? <Alert type="error" showIcon title={error} data-testid={`${props.testId}-error`} style={{ margin: "12px 0" }} /> : null}
        <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
          <Form.Item
            name="reason"
            label={t("scores.results.pinReason.reason")}
            rules={[{ required: true, whitespace: true, message: t("scores.results.pinReason.reasonRequired") }]}
          >
            <Input.TextArea rows={2} data-testid={`${props.testId}-reason`} />
          </Form.Item>
          <Form.Item
            name="pin"
            label={t("scores.results.pinReason.pin")}
            extra={t("scores.results.pinReason.pinHint")}
            rules={[{ required: true, message: t("scores.results.pinReason.pinRequired") }]}
          >
            <Input.Password inputMode="numeric" autoComplete="off" data-testid={`${props.testId}-pin`} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
