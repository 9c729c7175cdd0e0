// 新建质检: one sampled reception or call of one agent, scored on the QA form item by item (each
// item's maximum and standard beside its input), with the total as it is typed. Saving sends every
// item's score in hundredths of a point; the backend's refusal (an item out of range, a missing
// sample) shows in the dialog, which stays open.
import { useMemo, useState } from "react";
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type QaForm, type ScorePerson, type SpotCheck } from "../../backend";
import { errorText } from "../../lib/errors";
import { useBusy } from "../../lib/hooks";
import { usePersonMatcher } from "../../lib/personSearch";
import { pointsText, toHundredths } from "./spotText";

const F = "scores.spot.form";

type Values = {
  form_id: number;
  person: string;
  date: Dayjs;
  sample: string;
  note?: string;
  items: Record<string, number | null | undefined>;
};

export default function SpotCheckForm(props: {
  forms: readonly QaForm[];
  people: readonly ScorePerson[];
  /** The site's today (YYYY-MM-DD): the default date, and no later one. */
  today: string;
  onClose: () => void;
  onSaved: (check: SpotCheck) => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const matches = usePersonMatcher();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy((e) => setError(errorText(t, e)));
  const active = props.forms.filter((f) => f.active);
  const formId = Form.useWatch("form_id", form) ?? active[0]?.id;
  const qa = active.find((f) => f.id === formId) ?? active[0];
  const typed = Form.useWatch("items", form);

  const agents = useMemo(
    () =>
      props.people
        .filter((p) => p.active && p.agent_id !== null && p.employee_no.trim() !== "")
        .map((p) => ({ value: p.person, label: `${p.employee_no} ${p.name}`, title: `${p.employee_no} ${p.name}`, person: p, desc: p.team_name ?? "" })),
    [props.people],
  );

  const total = (qa?.items ?? []).reduce((sum, i) => {
    const v = typed?.[String(i.id)];
    return sum + (typeof v === "number" && Number.isFinite(v) ? toHundredths(v) : 0);
  }, 0);
  const max = qa?.max_points ?? 0;
  const percent = max > 0 ? Math.round((total / max) * 100) / 100 : 0;

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    if (!qa) return;
    const person = props.people.find((p) => p.person === v.person);
    if (!person) return;
    setError(null);
    await run(async () => {
      const check = await backend.recordSpotCheck({
        form_id: qa.id,
        employee_no: person.employee_no,
        date: v.date.format("YYYY-MM-DD"),
        sample: v.sample.trim(),
        note: v.note?.trim() ? v.note.trim() : null,
        scores: qa.items.map((i) => [i.id, toHundredths(v.items[String(i.id)] ?? 0)] as [number, number]),
      });
      props.onSaved(check);
    });
  };

  const allMax = () => {
    if (!qa) return;
    form.setFieldValue("items", Object.fromEntries(qa.items.map((i) => [String(i.id), i.max_points])));
  };

  return (
    <Modal
      open
      width={720}
      title={t(`${F}.title`)}
      okText={t(`${F}.save`)}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={props.onClose}
      okButtonProps={{ ...{ "data-testid": "spot-save" } }}
      destroyOnHidden
    >
      <div data-testid="spot-form">
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ form_id: active[0]?.id, date: dayjs(props.today), items: {} }}
          onValuesChange={() => setError(null)}
        >
          {active.length > 1 ? (
            <Form.Item name="form_id" label={t(`${F}.form`)}>
              <Select options={active.map((f) => ({ value: f.id, label: f.name }))} data-testid="spot-form-select" />
            </Form.Item>
          ) : null}
          <div style={{ display: "grid", gridTemplateColumns: "2fr 1fr", columnGap: 12 }}>
            <Form.Item name="person" label={t(`${F}.agent`)} rules={[{ required: true, message: t(`${F}.agentRequired`) }]}>
              <Select
                showSearch={{ filterOption: (input, option) => !!option && matches(input, option.person) }}
                placeholder={t(`${F}.agentPlaceholder`)}
                aria-label={t(`${F}.agent`)}
                options={agents}
                optionRender={(o) => (
                  <span>
                    {o.data.label} <span className="fd-muted">{o.data.desc}</span>
                  </span>
                )}
                data-testid="spot-agent"
              />
            </Form.Item>
            <Form.Item name="date" label={t(`${F}.date`)} rules={[{ required: true, message: t(`${F}.dateRequired`) }]}>
              <DatePicker
                allowClear={false}
                style={{ width: "100%" }}
                disabledDate={(d) => d.format("YYYY-MM-DD") > props.today}
                aria-label={t(`${F}.date`)}
                data-testid="spot-date"
              />
            </Form.Item>
          </div>
          <Form.Item name="sample" label={t(`${F}.sample`)} rules={[{ required: true, whitespace: true, message: t(`${F}.sampleRequired`) }]}>
            <Input placeholder={t(`${F}.samplePlaceholder`)} maxLength={100} data-testid="spot-sample" />
          </Form.Item>

          <div style={{ display: "flex", alignItems: "baseline", justifyContent: "space-between", marginBottom: 8 }}>
            <Typography.Text strong>
              {t(`${F}.items`)}
              {qa ? <span className="fd-muted"> · {qa.name}</span> : null}
            </Typography.Text>
            <Button size="small" type="link" onClick={allMax} data-testid="spot-all-max">
              {t(`${F}.allMax`)}
            </Button>
          </div>
          <div className="fd-panel" style={{ padding: "8px 12px", marginBottom: 12 }}>
            {(qa?.items ?? []).map((i) => (
              <div
                key={i.id}
                style={{ display: "grid", gridTemplateColumns: "1fr 140px", columnGap: 12, alignItems: "start", padding: "6px 0", borderBottom: "1px solid var(--fd-border, #f0f0f0)" }}
              >
                <div>
                  <div>
                    <Typography.Text strong>{i.name}</Typography.Text> <span className="fd-muted">{t(`${F}.max`, { max: i.max_points })}</span>
                  </div>
                  {i.standard ? (
                    <div className="fd-muted" style={{ fontSize: 12, whiteSpace: "pre-wrap" }}>
                      {i.standard}
                    </div>
                  ) : null}
                </div>
                <Form.Item name={["items", String(i.id)]} rules={[{ required: true, message: t(`${F}.itemRequired`, { item: i.name }) }]} style={{ marginBottom: 0 }}>
                  <InputNumber
                    min={0}
                    max={i.max_points}
                    step={0.5}
                    precision={2}
                    style={{ width: "100%" }}
                    aria-label={i.name}
                    suffix={`/ ${i.max_points}`}
                    data-testid={`spot-item-${i.id}`}
                  />
                </Form.Item>
              </div>
            ))}
            <div style={{ display: "flex", justifyContent: "space-between", paddingTop: 8 }} data-testid="spot-total">
              <Typography.Text strong>{t(`${F}.total`)}</Typography.Text>
              <Typography.Text strong>{t(`${F}.totalOf`, { points: pointsText(total), max, percent })}</Typography.Text>
            </div>
          </div>

          <Form.Item name="note" label={t(`${F}.note`)}>
            <Input.TextArea rows={2} maxLength={1000} placeholder={t(`${F}.notePlaceholder`)} data-testid="spot-note" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} data-testid="spot-form-error" /> : null}
      </div>
    </Modal>
  );
}
