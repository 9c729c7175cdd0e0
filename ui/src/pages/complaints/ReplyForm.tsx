// 答复客户: what the customer was told (the routed agent, their lead or a supervisor).
import { useState } from "react";
import { Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintAction } from "../../backend";
import { K } from "./complaintText";

const R = `${K}.reply`;

export default function ReplyForm({ onSubmit }: { onSubmit: (a: ComplaintAction) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { text: string }) => {
    setBusy(true);
    await onSubmit({ step: "reply", text: v.text.trim() });
    setBusy(false);
  };
  return (
    <div data-testid="complaint-reply-form">
      <Form<{ text: string }> layout="vertical" initialValues={{ text: "" }} onFinish={(v) => void submit(v)}>
        <Form.Item name="text" label={t(`${R}.text`)} rules={[{ required: true, whitespace: true, message: t(`${R}.required`) }]}>
          <Input.TextArea rows={3} placeholder={t(`${R}.placeholder`)} data-testid="complaint-reply" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="complaint-reply-submit">
          {t(`${R}.submit`)}
        </Button>
      </Form>
    </div>
  );
}
