// A rule of the 违规目录, edited as a whole: names, category, how offences are counted, the
// 处罚阶梯 (steps added and removed, each step's actions added and removed, amounts typed in yuan
// and sent as fen, five amounts for a fine by severity), the 连带处罚, and the date the change is
// in force from (today unless changed; earlier records keep the version they were judged by).
// Whether the rule may be saved is the backend's call (`incidents.rule_invalid`); its refusal
// shows here and the editor stays open.
import { useState } from "react";
import dayjs, { type Dayjs } from "dayjs";
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useBackend, type Action, type ActionCode, type Amount, type Category, type CoParty, type Period, type RuleBody, type RuleCode, type RuleRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { ACTION_CODES, AMOUNT_KINDS, CATEGORIES, CO_PARTIES, actionLabel, categoryLabel, fenToYuan, partyLabel, ruleName, yuanToFen } from "./bookText";

const K = "incidents.book.editor";

/** The live-floor alert rules a book rule may answer (the backend's `RuleCode`s). */
const ALERT_RULES: readonly RuleCode[] = [
  "late_sign_in",
  "absent",
  "early_leave",
  "break_overrun",
  "break_total_exceeded",
  "meal_overrun",
  "break_during_line_full",
];

type AmountKind = Amount["kind"];

export type DraftAction = {
  key: number;
  action: ActionCode;
  amountKind: AmountKind;
  /** Yuan as typed (fixed and per-unit amounts). */
  yuan: number | null;
  /** Five yuan amounts, severity 1 to 5 (a fine by severity). */
  severity: (number | null)[];
  percent: number | null;
};

type DraftStep = { key: number; actions: DraftAction[] };
type DraftCo = { key: number; party: CoParty; always: boolean; same: boolean; actions: DraftAction[] };

let nextKey = 1;
const newKey = () => nextKey++;

function blankAction(action: ActionCode = "verbal_warning"): DraftAction {
  return { key: newKey(), action, amountKind: "fixed", yuan: null, severity: [null, null, null, null, null], percent: null };
}

function draftOf(a: Action): DraftAction {
  const d = blankAction(a.action);
  if (a.action === "pay_percent") d.percent = a.percent;
  if (a.action === "fine" || a.action === "reward") {
    d.amountKind = a.amount.kind;
    if (a.amount.kind === "fixed" || a.amount.kind === "per_unit") d.yuan = fenToYuan(a.amount.fen);
    if (a.amount.kind === "by_severity") {
      const fen = a.amount.fen;
      d.severity = [0, 1, 2, 3, 4].map((i) => (fen[i] === undefined ? null : fenToYuan(fen[i])));
    }
  }
  return d;
}

function amountOf(d: DraftAction): Amount {
  switch (d.amountKind) {
    case "fixed":
      return { kind: "fixed", fen: yuanToFen(d.yuan) };
    case "per_unit":
      return { kind: "per_unit", fen: yuanToFen(d.yuan) };
    case "by_severity":
      return { kind: "by_severity", fen: d.severity.map((y) => yuanToFen(y)) };
    case "stated":
      return { kind: "stated" };
  }
}

/** A drafted action as the backend takes it: amounts in fen; an empty amount as 0 (the backend refuses it). */
export function actionOf(d: DraftAction): Action {
  switch (d.action) {
    case "fine":
      return { action: "fine", amount: amountOf(d) };
    case "reward":
      return { action: "reward", amount: amountOf(d) };
    case "pay_percent":
      return { action: "pay_percent", percent: d.percent ?? 0 };
    default:
      return { action: d.action };
  }
}

function periodOf(kind: Period["kind"], days: number | null): Period {
  return kind === "rolling_days" ? { kind, days: days ?? 0 } : { kind };
}

/** One list of actions (a ladder step, or a co-penalty of its own): each with its amount or percent. */
function ActionsEditor({
  t,
  prefix,
  actions,
  onChange,
}: {
  t: TFunction;
  /** `step-0`: the rows are `step-0-action-0-type`, `…-yuan`, `…-sev-1`, `…-percent`, `…-remove`. */
  prefix: string;
  actions: DraftAction[];
  onChange: (actions: DraftAction[]) => void;
}) {
  const change = (key: number, patch: Partial<DraftAction>) => onChange(actions.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }}>
      {actions.map((a, j) => {
        const id = `${prefix}-action-${j}`;
        const priced = a.action === "fine" || a.action === "reward";
        return (
          <Space key={a.key} wrap size={6} data-testid={id}>
            <Select<ActionCode>
              size="small"
              style={{ width: 150 }}
              value={a.action}
              aria-label={t(`${K}.action`)}
              data-testid={`${id}-type`}
              options={ACTION_CODES.map((c) => ({ value: c, label: actionLabel(t, c), title: actionLabel(t, c) }))}
              onChange={(v) => change(a.key, { action: v })}
            />
            {priced ? (
              <Select<AmountKind>
                size="small"
                style={{ width: 130 }}
                value={a.amountKind}
                aria-label={t(`${K}.amountKind`)}
                data-testid={`${id}-kind`}
                options={AMOUNT_KINDS.map((k) => ({ value: k, label: t(`incidents.book.amountKinds.${k}`), title: t(`incidents.book.amountKinds.${k}`) }))}
                onChange={(v) => change(a.key, { amountKind: v })}
              />
            ) : null}
            {priced && (a.amountKind === "fixed" || a.amountKind === "per_unit") ? (
              <InputNumber<number>
                size="small"
                min={0}
                precision={2}
                prefix="¥"
                style={{ width: 130 }}
                value={a.yuan}
                aria-label={t(`${K}.yuan`)}
                data-testid={`${id}-yuan`}
                onChange={(v) => change(a.key, { yuan: v })}
              />
            ) : null}
            {priced && a.amountKind === "by_severity"
              ? a.severity.map((y, s) => (
                  <InputNumber<number>
                    key={s}
                    size="small"
                    min={0}
                    precision={2}
                    prefix="¥"
                    style={{ width: 110 }}
                    value={y}
                    placeholder={String(s + 1)}
                    aria-label={t(`${K}.severity`, { n: s + 1 })}
                    title={t(`${K}.severity`, { n: s + 1 })}
                    data-testid={`${id}-sev-${s + 1}`}
                    onChange={(v) => change(a.key, { severity: a.severity.map((old, i) => (i === s ? v : old)) })}
                  />
                ))
              : null}
            {a.action === "pay_percent" ? (
              <InputNumber<number>
                size="small"
                min={1}
                max={100}
                precision={0}
                suffix="%"
                style={{ width: 100 }}
                value={a.percent}
                aria-label={t(`${K}.percent`)}
                data-testid={`${id}-percent`}
                onChange={(v) => change(a.key, { percent: v })}
              />
            ) : null}
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t(`${K}.removeAction`)}
              data-testid={`${id}-remove`}
              onClick={() => onChange(actions.filter((x) => x.key !== a.key))}
            />
          </Space>
        );
      })}
      <Button type="dashed" size="small" icon={<PlusOutlined />} data-testid={`${prefix}-add-action`} onClick={() => onChange([...actions, blankAction()])}>
        {t(`${K}.addAction`)}
      </Button>
    </Space>
  );
}

export default function RuleEditor(props: { rule: RuleRow | null; onClose: () => void; onSaved: (saved: RuleRow) => void }) {
  const { t, i18n } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const body = props.rule?.body;
  const [code, setCode] = useState(body?.code ?? "");
  const [nameZh, setNameZh] = useState(body?.name_zh ?? "");
  const [nameEn, setNameEn] = useState(body?.name_en ?? "");
  const [category, setCategory] = useState<Category>(body?.category ?? "floor_discipline");
  const [periodKind, setPeriodKind] = useState<Period["kind"]>(body?.period.kind ?? "month");
  const [days, setDays] = useState<number | null>(body?.period.kind === "rolling_days" ? body.period.days : 30);
  const [alertRule, setAlertRule] = useState<RuleCode | null>(body?.alert_rule ?? null);
  const [source, setSource] = useState(body?.source ?? "");
  const [steps, setSteps] = useState<DraftStep[]>(() =>
    body && body.ladder.length > 0
      ? body.ladder.map((step) => ({ key: newKey(), actions: step.map(draftOf) }))
      : [{ key: newKey(), actions: [blankAction()] }],
  );
  const [cos, setCos] = useState<DraftCo[]>(() =>
    (body?.co_penalties ?? []).map((c) => ({ key: newKey(), party: c.party, always: c.always, same: c.actions.length === 0, actions: c.actions.map(draftOf) })),
  );
  const [effective, setEffective] = useState<Dayjs>(() => dayjs());
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const ruleBody = (): RuleBody => ({
    code: code.trim(),
    name_zh: nameZh.trim(),
    name_en: nameEn.trim(),
    category,
    period: periodOf(periodKind, days),
    ladder: steps.map((s) => s.actions.map(actionOf)),
    co_penalties: cos.map((c) => ({ party: c.party, always: c.always, actions: c.same ? [] : c.actions.map(actionOf) })),
    alert_rule: alertRule,
    source: source.trim(),
    importable: body?.importable ?? true,
  });

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await backend.saveIncidentRule(ruleBody(), effective.format("YYYY-MM-DD"));
      void message.success(t(`${K}.saved`, { name: ruleName(saved.body, i18n.language === "en"), n: saved.version }));
      props.onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const setStep = (key: number, actions: DraftAction[]) => setSteps((list) => list.map((s) => (s.key === key ? { ...s, actions } : s)));
  const setCo = (key: number, patch: Partial<DraftCo>) => setCos((list) => list.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  return (
    <Modal
      open
      width={1000}
      title={props.rule ? t(`${K}.titleEdit`, { name: ruleName(props.rule.body, i18n.language === "en") }) : t(`${K}.titleNew`)}
      onCancel={props.onClose}
      onOk={() => void save()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      mask={{ closable: false }}
      okButtonProps={{ ...{ "data-testid": "rule-editor-save" } }}
      destroyOnHidden
    >
      <div data-testid="rule-editor">
        {props.rule ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(`${K}.current`, { n: props.rule.version, next: props.rule.version + 1 })} />
        ) : null}
        <Form layout="vertical">
          <Space wrap size={12} align="start">
            <Form.Item label={t(`${K}.code`)} required extra={props.rule ? undefined : t(`${K}.codeHint`)}>
              <Input value={code} disabled={!!props.rule} style={{ width: 220 }} data-testid="rule-code" onChange={(e) => setCode(e.target.value)} />
            </Form.Item>
            <Form.Item label={t(`${K}.nameZh`)} required>
              <Input value={nameZh} style={{ width: 240 }} data-testid="rule-name-zh" onChange={(e) => setNameZh(e.target.value)} />
            </Form.Item>
            <Form.Item label={t(`${K}.nameEn`)} required>
              <Input value={nameEn} style={{ width: 260 }} data-testid="rule-name-en" onChange={(e) => setNameEn(e.target.value)} />
            </Form.Item>
          </Space>
          <Space wrap size={12} align="start">
            <Form.Item label={t(`${K}.category`)}>
              <Select<Category>
                value={category}
                style={{ width: 160 }}
                data-testid="rule-category"
                options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c), title: categoryLabel(t, c) }))}
                onChange={setCategory}
              />
            </Form.Item>
            <Form.Item label={t(`${K}.period`)}>
              <Space size={6}>
                <Select<Period["kind"]>
                  value={periodKind}
                  style={{ width: 140 }}
                  data-testid="rule-period"
                  options={(["month", "quarter", "rolling_days", "ever"] as const).map((k) => {
                    const label = k === "rolling_days" ? t("incidents.book.periods.rolling_days", { days: "N" }) : t(`incidents.book.periods.${k}`);
                    return { value: k, label, title: label };
                  })}
                  onChange={setPeriodKind}
                />
                {periodKind === "rolling_days" ? (
                  <InputNumber<number>
                    min={1}
                    max={3660}
                    precision={0}
                    value={days}
                    aria-label={t(`${K}.days`)}
                    suffix={t("units.day")}
                    style={{ width: 110 }}
                    data-testid="rule-period-days"
                    onChange={setDays}
                  />
                ) : null}
              </Space>
            </Form.Item>
            <Form.Item label={t(`${K}.alertRule`)}>
              <Select<RuleCode>
                allowClear
                value={alertRule ?? undefined}
                placeholder={t(`${K}.alertNone`)}
                style={{ width: 180 }}
                data-testid="rule-alert"
                options={ALERT_RULES.map((r) => ({ value: r, label: t(`rules.${r}`), title: t(`rules.${r}`) }))}
                onChange={(v) => setAlertRule(v ?? null)}
              />
            </Form.Item>
          </Space>
          <Form.Item label={t(`${K}.source`)}>
            <Input.TextArea value={source} autoSize={{ minRows: 1, maxRows: 3 }} data-testid="rule-source" onChange={(e) => setSource(e.target.value)} />
          </Form.Item>
        </Form>

        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t(`${K}.ladder`)}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t(`${K}.ladderHint`)}
        </Typography.Paragraph>
        <Space orientation="vertical" size={8} style={{ width: "100%" }}>
          {steps.map((s, i) => (
            <Card
              key={s.key}
              size="small"
              data-testid={`step-${i}`}
              title={i === steps.length - 1 && steps.length > 1 ? t(`${K}.stepLastN`, { n: i + 1 }) : t(`${K}.stepN`, { n: i + 1 })}
              extra={
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={steps.length === 1}
                  aria-label={t(`${K}.removeStep`)}
                  data-testid={`step-${i}-remove`}
                  onClick={() => setSteps((list) => list.filter((x) => x.key !== s.key))}
                />
              }
            >
              <ActionsEditor t={t} prefix={`step-${i}`} actions={s.actions} onChange={(actions) => setStep(s.key, actions)} />
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} data-testid="rule-add-step" onClick={() => setSteps((list) => [...list, { key: newKey(), actions: [blankAction()] }])}>
            {t(`${K}.addStep`)}
          </Button>
        </Space>

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t(`${K}.coPenalties`)}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t(`${K}.coHint`)}
        </Typography.Paragraph>
        <Space orientation="vertical" size={8} style={{ width: "100%" }}>
          {cos.map((c, i) => (
            <Card
              key={c.key}
              size="small"
              data-testid={`co-${i}`}
              title={
                <Space wrap size={8}>
                  <Select<CoParty>
                    size="small"
                    value={c.party}
                    style={{ width: 140 }}
                    aria-label={t(`${K}.party`)}
                    data-testid={`co-${i}-party`}
                    options={CO_PARTIES.map((p) => ({ value: p, label: partyLabel(t, p), title: partyLabel(t, p) }))}
                    onChange={(party) => setCo(c.key, { party })}
                  />
                  <Checkbox checked={c.always} data-testid={`co-${i}-always`} onChange={(e) => setCo(c.key, { always: e.target.checked })}>
                    {t(`${K}.always`)}
                  </Checkbox>
                  <Radio.Group
                    size="small"
                    value={c.same ? "same" : "own"}
                    data-testid={`co-${i}-mode`}
                    onChange={(e) => setCo(c.key, { same: e.target.value === "same", actions: c.actions.length ? c.actions : [blankAction("fine")] })}
                  >
                    <Radio.Button value="same" data-testid={`co-${i}-same`}>
                      {t(`${K}.same`)}
                    </Radio.Button>
                    <Radio.Button value="own" data-testid={`co-${i}-own`}>
                      {t(`${K}.own`)}
                    </Radio.Button>
                  </Radio.Group>
                </Space>
              }
              extra={
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t(`${K}.removeCo`)}
                  data-testid={`co-${i}-remove`}
                  onClick={() => setCos((list) => list.filter((x) => x.key !== c.key))}
                />
              }
            >
              {c.same ? (
                <Typography.Text type="secondary">{t("incidents.book.text.coSame", { party: partyLabel(t, c.party) })}</Typography.Text>
              ) : (
                <ActionsEditor t={t} prefix={`co-${i}`} actions={c.actions} onChange={(actions) => setCo(c.key, { actions })} />
              )}
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            data-testid="rule-add-co"
            onClick={() =>
              setCos((list) => [
                ...list,
                { key: newKey(), party: CO_PARTIES.find((p) => !list.some((c) => c.party === p)) ?? "lead", always: false, same: true, actions: [] },
              ])
            }
          >
            {t(`${K}.addCo`)}
          </Button>
        </Space>

        <Form layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item label={t(`${K}.effectiveFrom`)} extra={t(`${K}.effectiveNote`)} style={{ marginBottom: 0 }}>
            <DatePicker allowClear={false} value={effective} data-testid="rule-effective" onChange={(d) => d && setEffective(d)} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={errorText(t, error)} style={{ marginTop: 12 }} data-testid="rule-editor-error" /> : null}
      </div>
    </Modal>
  );
}
