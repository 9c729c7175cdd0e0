// 结案: a cause from the list (active ones), and a note if any. A closed complaint never changes.
import { useState } from "react";
import { Button, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintAction } from "../../backend";
import { useCauses } from "./complaintData";
import { K, nameIn } from "./complaintText";

const R = `${K}.close`;

type Values = { cause: string | undefined; note: string };

export default function CloseForm({ onSubmit }: { onSubmit: (a: ComplaintAction) => Promise<boolean> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const causes = useCauses();
  const [busy, setBusy] = useState(false);
  const options = [...(causes.data ?? [])]
    .filter((c) => c.active)
    .sort((a, b) => a.sort - b.sort)
    .map((c) => ({ value: c.code, label: nameIn(c, en), title: nameIn(c, en) }));
  const submit = async (v: Values) => {
    if (!v.cause) return;
    setBusy(true);
    await onSubmit({ step: "close", cause: v.cause, note: v.note.trim() ? v.note.trim() : null });
    setBusy(false);
  };
  return (
    <div data-testid="complaint-close-form">
      <Form<Values> layout="vertical" initialValues={{ cause: undefined, note: "" }} onFinish={(v) => void submit(v)}>
        <Form.Item name="cause" label={t(`${R}.cause`)} rules={[{ required: true, message: t(`${R}.causeRequired`) }]}>
          <Select<string>
            placeholder={t(`${R}.causePlaceholder`)}
            loading={causes.loading && !causes.data}
            options={options}
            style={{ width: 220 }}
            data-testid="complaint-cause"
          />
        </Form.Item>
        <Form.Item name="note" label={t(`${R}.note`)}>
          <Input.TextArea rows={2} placeholder={t(`${R}.notePlaceholder`)} data-testid="complaint-close-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="complaint-close-submit">
          {t(`${R}.submit`)}
        </Button>
      </Form>
    </div>
  );
}
