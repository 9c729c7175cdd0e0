// 考核系数: the coefficient of each published grade, and of a month without one (未评定), saved
// from a month on as the decimal strings typed.
import { useEffect, useState } from "react";
import { App, Button, Card, Form, Input, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type Coefficients, type CommissionSettings } from "../../backend";
import { useBusy, useReportError } from "../../lib/hooks";
import EffectiveMonth from "./EffectiveMonth";
import { P, decimalText } from "./payrollText";

const GRADES: readonly (keyof Coefficients)[] = ["excellent", "good", "pass", "fail", "ungraded"];

export default function CoefficientsCard({ settings, month, onSaved }: { settings: CommissionSettings; month: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.settings.coefficients.${key}`, o);
  const backend = useBackend();
  const { message } = App.useApp();
  const { busy, run } = useBusy(useReportError());
  const [values, setValues] = useState<Coefficients>(settings.coefficients);
  const [from, setFrom] = useState(month);
  useEffect(() => setValues(settings.coefficients), [settings.coefficients]);
  useEffect(() => setFrom(month), [month]);

  const save = () => {
    const out = { ...values };
    for (const g of GRADES) {
      const v = decimalText(values[g]);
      if (v === null) return void message.error(k("bad", { grade: k(g) }));
      out[g] = v;
    }
    void run(async () => {
      await backend.putGradeCoefficients(from, out);
      void message.success(k("saved", { month: from }));
      onSaved();
    });
  };

  return (
    <Card
      size="small"
      title={k("title")}
      data-testid="coefficients-card"
      extra={<Typography.Text type="secondary">{k("inForce", { month: settings.coefficients_from })}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary">{k("hint")}</Typography.Paragraph>
      <Form layout="inline">
        {GRADES.map((g) => (
          <Form.Item key={g} label={k(g)}>
            <Input
              style={{ width: 90 }}
              inputMode="decimal"
              value={values[g]}
              onChange={(e) => setValues((v) => ({ ...v, [g]: e.target.value }))}
              data-testid={`coefficient-${g}`}
            />
          </Form.Item>
        ))}
      </Form>
      <Space style={{ marginTop: 12, width: "100%", justifyContent: "flex-end" }} wrap>
        <EffectiveMonth value={from} onChange={setFrom} testId="coefficients-from-month" />
        <Button type="primary" loading={busy} onClick={save} data-testid="coefficients-save">
          {k("save")}
        </Button>
      </Space>
    </Card>
  );
}
