// 逾期修改 · 主管签批: past the scoring window a change needs a supervisor's (or manager's)
// leave: the rater picks them, they type their PIN, and the rater gives the reason. The backend
// checks the PIN and the reason; its refusal (a wrong PIN) shows here and the dialog stays open.
// Mounted only while it is asked for (it reads the login users when it opens).
import { useEffect, useMemo, useState } from "react";
import { Alert, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type LateSignoff, type LoginUser, type Role } from "../../backend";
import { errorText } from "../../lib/errors";
import { zhCollator } from "../../lib/format";
import { useLoad, useBusy } from "../../lib/hooks";
import { LIMITS, PIN_PATTERN } from "../../lib/limits";

const APPROVER_ROLES: readonly Role[] = ["supervisor", "manager"];

/** The login users who may sign off a late change: supervisors first, then managers. */
export function approvers(users: readonly LoginUser[]): LoginUser[] {
  return users
    .filter((u) => APPROVER_ROLES.includes(u.role))
    .sort((a, b) => APPROVER_ROLES.indexOf(a.role) - APPROVER_ROLES.indexOf(b.role) || zhCollator.compare(a.display_name, b.display_name));
}

type Values = { user_id: number; pin: string; reason: string };

export default function LateModal({
  closesOn,
  cells,
  onSignOff,
  onCancel,
}: {
  /** The window's last day (YYYY-MM-DD). */
  closesOn: string;
  /** How many cells wait for the sign-off. */
  cells: number;
  /** Sends the waiting cells with the sign-off; rejects with the backend's refusal. */
  onSignOff: (late: LateSignoff, name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const users = useLoad(["scores", "late-approvers"], ["users"], () => backend.listLoginUsers());
  const options = useMemo(() => approvers(users.data ?? []), [users.data]);
  const [form] = Form.useForm<Values>();
  const { busy, run } = useBusy((e) => {
    setRefusal(errorText(t, e));
    form.setFieldValue("pin", "");
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  // One supervisor on the site: they are the one who signs.
  useEffect(() => {
    if (options.length === 1 && form.getFieldValue("user_id") === undefined) form.setFieldValue("user_id", options[0].id);
  }, [options, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const user = options.find((u) => u.id === values.user_id);
    setRefusal(null);
    await run(async () => {
      await onSignOff({ user_id: values.user_id, pin: values.pin, reason: values.reason.trim() }, user?.display_name ?? "");
    });
  };

  return (
    <Modal
      open
      title={t("scores.entry.late.title")}
      okText={t("scores.entry.late.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={onCancel}
      okButtonProps={{ disabled: !!users.data && options.length === 0, ...{ "data-testid": "late-submit" } }}
      cancelButtonProps={{ ...{ "data-testid": "late-cancel" } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <div data-testid="late-modal">
        <p>{t("scores.entry.late.text", { date: closesOn })}</p>
        <p className="fd-muted" data-testid="late-cells">
          {t("scores.entry.late.cells", { count: cells })}
        </p>
        {users.error ? <Alert type="error" showIcon title={errorText(t, users.error)} style={{ marginBottom: 12 }} /> : null}
        {users.data && options.length === 0 ? (
          <Alert type="warning" showIcon title={t("scores.entry.late.noApprovers")} style={{ marginBottom: 12 }} />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={() => void submit().catch(() => {})}
        >
          <Form.Item name="user_id" label={t("scores.entry.late.approver")} rules={[{ required: true, message: t("scores.entry.late.approverRequired") }]}>
            <Select
              data-testid="late-user"
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
            label={t("scores.entry.late.pin")}
            rules={[{ required: true, pattern: PIN_PATTERN, message: t("scores.entry.late.pinRequired", { min: LIMITS.pin_min_len, max: LIMITS.pin_max_len }) }]}
          >
            <Input.Password data-testid="late-pin" autoComplete="off" maxLength={LIMITS.pin_max_len} inputMode="numeric" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("scores.entry.late.reason")}
            rules={[{ required: true, whitespace: true, message: t("scores.entry.late.reasonRequired") }]}
          >
            <Input.TextArea data-testid="late-reason" rows={2} maxLength={200} />
          </Form.Item>
        </Form>
        {refusal ? <Alert type="error" showIcon title={refusal} data-testid="late-error" /> : null}
      </div>
    </Modal>
  );
}
