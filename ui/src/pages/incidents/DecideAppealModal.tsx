// 处理申诉: 驳回 (the record stands), 作废 (voided, kept for reference) or 改判 (the offender's own
// lines replaced — e.g. a lower fine typed in yuan — co-penalties unchanged), always with a reason
// and an approver's PIN (a supervisor or manager from the login list, the operator by default).
// The 改判 lines start as the record's own lines in force. The backend checks the PIN, the right
// and the lines; its refusal shows here and the dialog stays open.
import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ROLE_PERMISSIONS, useBackend, type ActionCode, type Appeal, type AppealDecision, type Line, type LoginUser, type Role } from "../../backend";
import { errorText } from "../../lib/errors";
import { zhCollator } from "../../lib/format";
import { useLoad, useBusy } from "../../lib/hooks";
import { siteDateTime } from "./incidentText";
import { LIMITS, PIN_PATTERN } from "../../lib/limits";
import { useSession } from "../../session";
import { ACTION_CODES, actionLabel, carriesMoney, fenToYuan, lineKind, yuanToFen } from "./bookText";

const K = "incidents.book.decide";

type Kind = AppealDecision["decision"];
type DraftLine = { key: number; action: ActionCode; yuan: number | null; percent: number | null };
type Values = { user_id: number; pin: string; reason: string };

let nextKey = 1;
const newKey = () => nextKey++;

/** Roles that may approve a decision: those with confirm_incidents (supervisor, manager). */
const APPROVER_ROLES: readonly Role[] = ROLE_PERMISSIONS.filter((r) => (r.permissions as readonly string[]).includes("confirm_incidents")).map((r) => r.role as Role);

export function appealApprovers(users: readonly LoginUser[]): LoginUser[] {
  return users
    .filter((u) => APPROVER_ROLES.includes(u.role))
    .sort((a, b) => APPROVER_ROLES.indexOf(a.role) - APPROVER_ROLES.indexOf(b.role) || zhCollator.compare(a.display_name, b.display_name));
}

function draftOf(l: Line): DraftLine {
  return { key: newKey(), action: l.action, yuan: carriesMoney(l.action) ? fenToYuan(l.amount_fen) : null, percent: l.percent };
}

/** A drafted line as the backend takes it: amount in fen (0 where no money), the kind from the action. */
export function lineOf(d: DraftLine): Line {
  return {
    action: d.action,
    kind: lineKind(d.action),
    amount_fen: carriesMoney(d.action) ? yuanToFen(d.yuan) : 0,
    percent: d.action === "pay_percent" ? (d.percent ?? 0) : null,
  };
}

export default function DecideAppealModal({ appeal, month, onClose, onDone }: { appeal: Appeal; month: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { operator, site } = useSession();
  const timeZone = site.time_zone;
  const users = useLoad(["incidents", "approvers"], ["users"], () => backend.listLoginUsers());
  const options = useMemo(() => appealApprovers(users.data ?? []), [users.data]);
  // The record's own lines in force: where 改判 starts from.
  const own = useLoad(["incidents", "appealLines", appeal.record_id], ["incidents"], () =>
    backend.ledgerLines({ month, team_id: null, employee_no: appeal.employee_no, include_voided: false }),
  );
  const [kind, setKind] = useState<Kind>("rejected");
  const [lines, setLines] = useState<DraftLine[] | null>(null);
  const [form] = Form.useForm<Values>();
  const { busy, run } = useBusy((e) => {
    setRefusal(errorText(t, e));
    form.setFieldValue("pin", "");
  });
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (lines !== null) return;
    if (own.data) {
      const mine = own.data.filter((l) => l.record_id === appeal.record_id && l.co_penalty_of === null).map((l) => draftOf(l.line));
      setLines(mine.length ? mine : [{ key: newKey(), action: "fine", yuan: null, percent: null }]);
    } else if (own.error) {
      setLines([{ key: newKey(), action: "fine", yuan: null, percent: null }]);
    }
  }, [own.data, own.error, lines, appeal.record_id]);

  // The operator approves by default when they may; else the only approver there is.
  useEffect(() => {
    if (form.getFieldValue("user_id") !== undefined || options.length === 0) return;
    const me = options.find((u) => u.id === operator.user_id);
    if (me) form.setFieldValue("user_id", me.id);
    else if (options.length === 1) form.setFieldValue("user_id", options[0].id);
  }, [options, operator.user_id, form]);

  const change = (key: number, patch: Partial<DraftLine>) => setLines((list) => (list ?? []).map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const decision: AppealDecision = kind === "changed" ? { decision: "changed", lines: (lines ?? []).map(lineOf) } : { decision: kind };
    setRefusal(null);
    await run(async () => {
      await backend.decideAppeal(appeal.id, decision, v.reason.trim(), { user_id: v.user_id, pin: v.pin });
      void message.success(t(`${K}.done`, { decision: t(`incidents.book.appeals.statuses.${kind}`) }));
      onDone();
    });
  };

  return (
    <Modal
      open
      width={720}
      title={t(`${K}.title`, { name: appeal.name, employee_no: appeal.employee_no })}
      okText={t(`${K}.ok`)}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      okButtonProps={{
        danger: kind !== "rejected",
        // 改判 replaces the offender's own lines: never with none (or before they are read).
        disabled: (!!users.data && options.length === 0) || (kind === "changed" && !lines?.length),
        ...{ "data-testid": "decide-ok" },
      }}
      destroyOnHidden
    >
      <div data-testid="decide-appeal">
        <Typography.Paragraph type="secondary" data-testid="decide-filed">
          {t(`${K}.filed`, { at: siteDateTime(appeal.filed_at, timeZone), text: appeal.text })}
        </Typography.Paragraph>
        {users.error ? <Alert type="error" showIcon title={errorText(t, users.error)} style={{ marginBottom: 12 }} /> : null}
        {users.data && options.length === 0 ? <Alert type="warning" showIcon title={t(`${K}.noApprovers`)} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item label={t(`${K}.decision`)} extra={t(`${K}.${kind}Hint`)}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="decide-kind">
              {(["rejected", "voided", "changed"] as const).map((k) => (
                <Radio.Button key={k} value={k} data-testid={`decide-${k}`}>
                  {t(`${K}.${k}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          {kind === "changed" ? (
            <Form.Item label={t(`${K}.lines`)}>
              {lines === null ? (
                <Typography.Text type="secondary">{t(`${K}.loadingLines`)}</Typography.Text>
              ) : (
                <Space orientation="vertical" size={6} style={{ width: "100%" }}>
                  {lines.map((l, i) => (
                    <Space key={l.key} size={6} wrap data-testid={`decide-line-${i}`}>
                      <Select<ActionCode>
                        size="small"
                        style={{ width: 160 }}
                        value={l.action}
                        aria-label={t("incidents.book.editor.action")}
                        data-testid={`decide-line-${i}-action`}
                        options={ACTION_CODES.map((c) => ({ value: c, label: actionLabel(t, c), title: actionLabel(t, c) }))}
                        onChange={(action) => change(l.key, { action })}
                      />
                      {carriesMoney(l.action) ? (
                        <InputNumber<number>
                          size="small"
                          min={0}
                          precision={2}
                          prefix="¥"
                          style={{ width: 140 }}
                          value={l.yuan}
                          aria-label={t("incidents.book.editor.yuan")}
                          data-testid={`decide-line-${i}-yuan`}
                          onChange={(yuan) => change(l.key, { yuan })}
                        />
                      ) : null}
                      {l.action === "pay_percent" ? (
                        <InputNumber<number>
                          size="small"
                          min={1}
                          max={100}
                          precision={0}
                          suffix="%"
                          style={{ width: 100 }}
                          value={l.percent}
                          aria-label={t("incidents.book.editor.percent")}
                          data-testid={`decide-line-${i}-percent`}
                          onChange={(percent) => change(l.key, { percent })}
                        />
                      ) : null}
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t(`${K}.removeLine`)}
                        data-testid={`decide-line-${i}-remove`}
                        onClick={() => setLines((list) => (list ?? []).filter((x) => x.key !== l.key))}
                      />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    size="small"
                    icon={<PlusOutlined />}
                    data-testid="decide-add-line"
                    onClick={() => setLines((list) => [...(list ?? []), { key: newKey(), action: "verbal_warning", yuan: null, percent: null }])}
                  >
                    {t(`${K}.addLine`)}
                  </Button>
                </Space>
              )}
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={t(`${K}.reason`)} rules={[{ required: true, whitespace: true, message: t(`${K}.reasonRequired`) }]}>
            <Input.TextArea rows={2} data-testid="decide-reason" />
          </Form.Item>
          <Space size={12} align="start" wrap>
            <Form.Item name="user_id" label={t(`${K}.approver`)} rules={[{ required: true, message: t(`${K}.approverRequired`) }]}>
              <Select<number>
                style={{ width: 240 }}
                data-testid="decide-approver"
                showSearch={{ optionFilterProp: "title" }}
                loading={users.loading && !users.data}
                options={options.map((u) => {
                  const label = `${u.display_name}（${u.employee_no}）· ${t(`roles.${u.role}`)}`;
                  return { value: u.id, label, title: label };
                })}
              />
            </Form.Item>
            <Form.Item
              name="pin"
              label={t(`${K}.pin`)}
              rules={[{ required: true, pattern: PIN_PATTERN, message: t(`${K}.pinRequired`, { min: LIMITS.pin_min_len, max: LIMITS.pin_max_len }) }]}
            >
              <Input.Password autoComplete="off" inputMode="numeric" maxLength={LIMITS.pin_max_len} style={{ width: 180 }} data-testid="decide-pin" />
            </Form.Item>
          </Space>
        </Form>
        {refusal ? <Alert type="error" showIcon title={refusal} data-testid="decide-error" /> : null}
      </div>
    </Modal>
  );
}
