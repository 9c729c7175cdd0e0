// What is done to one incident besides confirming it: 签收 (the person's own PIN) or 拒签 (a lead
// or supervisor witnesses with theirs), 作废 (a reason and an approver's PIN; the original stays),
// 驳回 a proposal (a reason), and 申诉 of one's own published record. The backend checks PINs,
// rights and deadlines; a refusal shows in the dialog, which stays open.
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Alert, App, Form, Input, Modal, Select, Space, Typography, type FormInstance, type InputProps } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type IncidentRow, type Permission } from "../../backend";
import { errorText } from "../../lib/errors";
import { LIMITS, PIN_PATTERN } from "../../lib/limits";
import { useSession } from "../../session";
import { useLoginUsers, usersWith } from "./incidentData";
import { useBusy } from "../../lib/hooks";

/** A dialog whose OK runs `submit` with the form's values; a refusal shows inside it. */
function ActionModal<V extends object>(props: {
  title: string;
  okText: string;
  danger?: boolean;
  testId: string;
  okDisabled?: boolean;
  onClose: () => void;
  submit: (values: V) => Promise<unknown>;
  children: (form: ReturnType<typeof Form.useForm<V>>[0]) => ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const { busy, run } = useBusy((e) => setRefusal(errorText(t, e)));
  const [refusal, setRefusal] = useState<string | null>(null);
  const ok = async () => {
    let v: V;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(null);
    await run(async () => {
      await props.submit(v);
    });
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok()}
      onCancel={props.onClose}
      mask={{ closable: false }}
      okButtonProps={{ danger: props.danger, disabled: props.okDisabled, ...{ "data-testid": `${props.testId}-ok` } }}
      destroyOnHidden
    >
      <div data-testid={props.testId}>
        <Form form={form} layout="vertical">
          {props.children(form)}
        </Form>
        {refusal ? <Alert type="error" showIcon title={refusal} data-testid={`${props.testId}-error`} /> : null}
      </div>
    </Modal>
  );
}

function pinRule(t: (k: string, o?: Record<string, unknown>) => string) {
  return { required: true, pattern: PIN_PATTERN, message: t("incidents.ack.pinRequired", { min: LIMITS.pin_min_len, max: LIMITS.pin_max_len }) };
}

/** A PIN box; Form.Item's value and onChange pass through. */
function PinInput({ testId, ...rest }: { testId: string } & InputProps) {
  return <Input.Password {...rest} autoComplete="off" inputMode="numeric" maxLength={LIMITS.pin_max_len} style={{ width: 180 }} data-testid={testId} />;
}

/** A select of the login users who hold `permission`, the operator first when they do. */
function useUserOptions(permission: Permission) {
  const { t } = useTranslation();
  const users = useLoginUsers();
  const options = useMemo(() => usersWith(users.data ?? [], permission), [users.data, permission]);
  return {
    users,
    options,
    selectOptions: options.map((u) => {
      const label = `${u.display_name}（${u.employee_no}）· ${t(`roles.${u.role}`)}`;
      return { value: u.id, label, title: label };
    }),
  };
}

export function AckModal({ row, mode, onClose, onDone }: { row: IncidentRow; mode: "signed" | "refused"; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { operator } = useSession();
  const witnesses = useUserOptions("record_incidents");
  const K = "incidents.ack";
  const names = { name: row.name ?? "", no: row.employee_no ?? "", id: row.id };
  return (
    <ActionModal<{ pin: string; witness_user_id: number; witness_pin: string }>
      title={t(mode === "signed" ? `${K}.signTitle` : `${K}.refuseTitle`, names)}
      okText={t(mode === "signed" ? "incidents.detail.sign" : "incidents.detail.refuse")}
      testId={mode === "signed" ? "incident-sign" : "incident-refuse"}
      okDisabled={mode === "refused" && !!witnesses.users.data && witnesses.options.length === 0}
      onClose={onClose}
      submit={async (v) => {
        await backend.acknowledgeIncident(
          row.id,
          mode === "signed" ? { mode: "signed", pin: v.pin } : { mode: "refused", witness_user_id: v.witness_user_id, witness_pin: v.witness_pin },
        );
        void message.success(t(mode === "signed" ? `${K}.signed` : `${K}.refused`));
        onDone();
      }}
    >
      {(form) =>
        mode === "signed" ? (
          <>
            <Typography.Paragraph type="secondary">{t(`${K}.signIntro`)}</Typography.Paragraph>
            <Form.Item name="pin" label={t(`${K}.pin`)} rules={[pinRule(t)]}>
              <PinInput testId="incident-sign-pin" />
            </Form.Item>
          </>
        ) : (
          <WitnessFields form={form} operatorId={operator.user_id} witnesses={witnesses} />
        )
      }
    </ActionModal>
  );
}

function WitnessFields({
  form,
  operatorId,
  witnesses,
}: {
  form: FormInstance;
  operatorId: number;
  witnesses: ReturnType<typeof useUserOptions>;
}) {
  const { t } = useTranslation();
  const K = "incidents.ack";
  useEffect(() => {
    if (form.getFieldValue("witness_user_id") === undefined && witnesses.options.some((u) => u.id === operatorId)) form.setFieldValue("witness_user_id", operatorId);
  }, [form, operatorId, witnesses.options]);
  return (
    <>
      <Typography.Paragraph type="secondary">{t(`${K}.refuseIntro`)}</Typography.Paragraph>
      {witnesses.users.data && witnesses.options.length === 0 ? <Alert type="warning" showIcon title={t(`${K}.noWitnesses`)} style={{ marginBottom: 12 }} /> : null}
      <Space size={12} align="start" wrap>
        <Form.Item name="witness_user_id" label={t(`${K}.witness`)} rules={[{ required: true, message: t(`${K}.witnessRequired`) }]}>
          <Select<number> style={{ width: 240 }} showSearch={{ optionFilterProp: "title" }} options={witnesses.selectOptions} data-testid="incident-witness-user" />
        </Form.Item>
        <Form.Item name="witness_pin" label={t(`${K}.witnessPin`)} rules={[pinRule(t)]}>
          <PinInput testId="incident-witness-pin" />
        </Form.Item>
      </Space>
    </>
  );
}

export function VoidModal({ row, onClose, onDone }: { row: IncidentRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { operator } = useSession();
  const approvers = useUserOptions("confirm_incidents");
  const K = "incidents.void";
  return (
    <ActionModal<{ reason: string; user_id: number; pin: string }>
      title={t(`${K}.title`, { record: row.record_id, id: row.id })}
      okText={t(`${K}.ok`)}
      danger
      testId="incident-void"
      okDisabled={!!approvers.users.data && approvers.options.length === 0}
      onClose={onClose}
      submit={async (v) => {
        await backend.voidLedgerRecord(row.record_id!, v.reason.trim(), { user_id: v.user_id, pin: v.pin });
        void message.success(t(`${K}.done`, { id: row.id }));
        onDone();
      }}
    >
      {(form) => (
        <ApproverFields form={form} operatorId={operator.user_id} approvers={approvers}>
          <Typography.Paragraph type="secondary">{t(`${K}.intro`)}</Typography.Paragraph>
          <Form.Item name="reason" label={t(`${K}.reason`)} rules={[{ required: true, whitespace: true, message: t(`${K}.reasonRequired`) }]}>
            <Input.TextArea rows={2} data-testid="incident-void-reason" />
          </Form.Item>
        </ApproverFields>
      )}
    </ActionModal>
  );
}

function ApproverFields({
  form,
  operatorId,
  approvers,
  children,
}: {
  form: FormInstance;
  operatorId: number;
  approvers: ReturnType<typeof useUserOptions>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const K = "incidents.void";
  // The operator approves by default when they may.
  useEffect(() => {
    if (form.getFieldValue("user_id") === undefined && approvers.options.some((u) => u.id === operatorId)) form.setFieldValue("user_id", operatorId);
  }, [form, operatorId, approvers.options]);
  return (
    <>
      {children}
      {approvers.users.data && approvers.options.length === 0 ? <Alert type="warning" showIcon title={t(`${K}.noApprovers`)} style={{ marginBottom: 12 }} /> : null}
      <Space size={12} align="start" wrap>
        <Form.Item name="user_id" label={t(`${K}.approver`)} rules={[{ required: true, message: t(`${K}.approverRequired`) }]}>
          <Select<number> style={{ width: 240 }} showSearch={{ optionFilterProp: "title" }} options={approvers.selectOptions} data-testid="incident-void-approver" />
        </Form.Item>
        <Form.Item name="pin" label={t(`${K}.pin`)} rules={[pinRule(t)]}>
          <PinInput testId="incident-void-pin" />
        </Form.Item>
      </Space>
    </>
  );
}

export function DiscardModal({ row, onClose, onDone }: { row: IncidentRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const K = "incidents.proposals";
  return (
    <ActionModal<{ reason: string }>
      title={t(`${K}.discardTitle`, { name: row.name ?? row.team_name ?? "", id: row.id })}
      okText={t(`${K}.discard`)}
      danger
      testId="incident-discard"
      onClose={onClose}
      submit={async (v) => {
        await backend.discardIncident(row.id, v.reason.trim());
        void message.success(t(`${K}.discarded`, { id: row.id }));
        onDone();
      }}
    >
      {() => (
        <Form.Item name="reason" label={t(`${K}.discardReason`)} rules={[{ required: true, whitespace: true, message: t(`${K}.discardReasonRequired`) }]}>
          <Input.TextArea rows={2} data-testid="incident-discard-reason" />
        </Form.Item>
      )}
    </ActionModal>
  );
}

export function AppealModal({ row, onClose, onDone }: { row: IncidentRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const K = "incidents.appeal";
  return (
    <ActionModal<{ text: string }>
      title={t(`${K}.title`, { id: row.id })}
      okText={t(`${K}.ok`)}
      testId="incident-appeal"
      onClose={onClose}
      submit={async (v) => {
        await backend.fileAppeal(row.record_id!, v.text.trim());
        void message.success(t(`${K}.done`));
        onDone();
      }}
    >
      {() => (
        <Form.Item name="text" label={t(`${K}.text`)} rules={[{ required: true, whitespace: true, message: t(`${K}.textRequired`) }]}>
          <Input.TextArea rows={3} data-testid="incident-appeal-text" />
        </Form.Item>
      )}
    </ActionModal>
  );
}
