// Asks for the reason a write needs before the backend takes it (an edit to a published month,
// publishing despite violations); `onOk` sends the write again with it.
import { memo, useEffect } from "react";
import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useBusy } from "../../lib/hooks";

export default memo(function ReasonModal(props: {
  open: boolean;
  title: string;
  text: string;
  okText: string;
  onCancel: () => void;
  onOk: (reason: string) => Promise<unknown> | unknown;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, run } = useBusy();
  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);
  const submit = async () => {
    const { reason } = await form.validateFields();
    await run(async () => {
      await props.onOk(reason.trim());
    });
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onCancel={props.onCancel}
      onOk={() => void submit().catch(() => {})}
      forceRender
      destroyOnHidden
    >
      <p data-testid={`${props.testId}-text`}>{props.text}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t("fields.reason")} rules={[{ required: true, whitespace: true, message: t("roster.reasonRequired") }]}>
          <Input.TextArea rows={3} data-testid={`${props.testId}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
});
