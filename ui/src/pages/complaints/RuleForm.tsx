// 调查判定: the findings, 有理 or 无理, a valid complaint's severity (1 轻微 … 5 严重) and the
// responsible agent (the routed one unless another is named). A valid ruling with an agent makes
// the backend propose `valid_complaint`.
import { useState } from "react";
import { Button, Form, Input, Select, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintAction, ComplaintRow } from "../../backend";
import AgentSelect from "./AgentSelect";
import { handlerText, K, SEVERITIES, severityLabel } from "./complaintText";

const R = `${K}.rule`;

type Values = { findings: string; valid: boolean; severity: number | null; agent: string | null };

export default function RuleForm({ row, onSubmit }: { row: ComplaintRow; onSubmit: (a: ComplaintAction) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const valid = Form.useWatch("valid", form) ?? false;
  const [busy, setBusy] = useState(false);
  const routed = row.employee_no ? handlerText({ employee_no: row.employee_no, name: row.name, team_name: null }) : null;
  const submit = async (v: Values) => {
    setBusy(true);
    await onSubmit({
      step: "rule",
      findings: v.findings.trim(),
      valid: v.valid,
      severity: v.valid ? v.severity : null,
      employee_no: v.agent ?? null,
    });
    setBusy(false);
  };
  return (
    <div data-testid="complaint-rule-form">
      <Form<Values> form={form} layout="vertical" initialValues={{ findings: "", valid: false, severity: null, agent: null }} onFinish={(v) => void submit(v)}>
        <Form.Item name="findings" label={t(`${R}.findings`)} rules={[{ required: true, whitespace: true, message: t(`${R}.findingsRequired`) }]}>
          <Input.TextArea rows={3} placeholder={t(`${R}.findingsPlaceholder`)} data-testid="complaint-findings" />
        </Form.Item>
        <div style={{ display: "flex", gap: 16, flexWrap: "wrap" }}>
          <Form.Item name="valid" label={t(`${R}.valid`)} valuePropName="checked">
            <Switch checkedChildren={t(`${K}.valid`)} unCheckedChildren={t(`${K}.invalid`)} data-testid="complaint-valid" />
          </Form.Item>
          {valid ? (
            <>
              <Form.Item name="severity" label={t(`${R}.severity`)} rules={[{ required: true, message: t(`${R}.severityRequired`) }]}>
                <Select<number>
                  style={{ width: 140 }}
                  options={SEVERITIES.map((n) => ({ value: n, label: severityLabel(t, n), title: String(n) }))}
                  data-testid="complaint-severity"
                />
              </Form.Item>
              <Form.Item name="agent" label={t(`${R}.agent`)} extra={routed ? t(`${R}.agentDefault`, { who: routed }) : undefined}>
                <AgentSelect placeholder={t(`${R}.agentPlaceholder`)} testId="complaint-rule-agent" />
              </Form.Item>
            </>
          ) : null}
        </div>
        {valid ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t(`${R}.hint`)}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="complaint-rule-submit">
          {t(`${R}.submit`)}
        </Button>
      </Form>
    </div>
  );
}
