// 回访: what the customer said at the follow-up, and whether they were satisfied.
import { useState } from "react";
import { Button, Form, Input, Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintAction } from "../../backend";
import { K } from "./complaintText";

const R = `${K}.visit`;

type Values = { note: string; satisfied: boolean };

export default function VisitForm({ onSubmit }: { onSubmit: (a: ComplaintAction) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    await onSubmit({ step: "visit", note: v.note.trim(), satisfied: v.satisfied });
    setBusy(false);
  };
  return (
    <div data-testid="complaint-visit-form">
      <Form<Values> layout="vertical" initialValues={{ note: "", satisfied: true }} onFinish={(v) => void submit(v)}>
        <Form.Item name="note" label={t(`${R}.note`)} rules={[{ required: true, whitespace: true, message: t(`${R}.required`) }]}>
          <Input.TextArea rows={3} placeholder={t(`${R}.placeholder`)} data-testid="complaint-visit-note" />
        </Form.Item>
        <Form.Item name="satisfied" label={t(`${R}.satisfied`)} valuePropName="checked">
          <Switch data-testid="complaint-satisfied" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="complaint-visit-submit">
          {t(`${R}.submit`)}
        </Button>
      </Form>
    </div>
  );
}
