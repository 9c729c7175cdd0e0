import { useMemo, useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type AgentRow, type Level, type Seat, type Team } from "../../backend";
import { errorText } from "../../lib/errors";
import { LEVELS, levelLabel } from "../../lib/format";
import { LIMITS, NAME_MAX } from "../../lib/limits";
import { useCan } from "../../session";
import { BASE_PAY_MAX_YUAN, fenToYuan, yuanToFen } from "./pay";

type Values = {
  employee_no: string;
  name: string;
  team_id?: number;
  level?: Level;
  seat_id?: number | null;
  hired_on?: Dayjs | null;
  left_on?: Dayjs | null;
  /** 基本工资 in yuan (only for an operator who may see pay). */
  base_pay?: number | null;
};

/** Which form field a backend error belongs to, so it shows under that field. */
const FIELD_OF_CODE: Record<string, keyof Values> = {
  "agent.duplicate_employee_no": "employee_no",
  "validation.employee_no": "employee_no",
  "seat.taken": "seat_id",
  "seat.inactive": "seat_id",
  "team.inactive": "team_id",
  "agent.leaves_before_hired": "left_on",
  "validation.out_of_range": "base_pay",
};
/** `params.field` of validation.required / validation.too_long. */
const FIELD_OF_PARAM: Record<string, keyof Values> = {
  employee_no: "employee_no",
  name: "name",
};
/** `params.entity` of not_found (the team or seat was removed meanwhile). */
const FIELD_OF_ENTITY: Record<string, keyof Values> = {
  team: "team_id",
  seat: "seat_id",
};

type Props = {
  agent: AgentRow | null;
  teams: Team[];
  seats: Seat[];
  onClose: () => void;
  onSaved: (agent: AgentRow) => void;
};

export default function AgentFormModal({ agent, teams, seats, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canViewPay = useCan("view_pay");

  const teamOptions = useMemo(
    () => teams.filter((tm) => tm.active || tm.id === agent?.team_id).map((tm) => ({ value: tm.id, label: tm.name })),
    [teams, agent],
  );
  const seatOptions = useMemo(
    () =>
      seats
        .filter((s) => (s.active && s.agent_id === null) || (agent !== null && s.id === agent.seat_id))
        .sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }))
        .map((s) => ({ value: s.id, label: s.code })),
    [seats, agent],
  );

  const initialValues: Values = agent
    ? {
        employee_no: agent.employee_no,
        name: agent.name,
        team_id: agent.team_id,
        level: agent.level,
        seat_id: agent.seat_id,
        hired_on: agent.hired_on ? dayjs(agent.hired_on) : null,
        left_on: agent.left_on ? dayjs(agent.left_on) : null,
        base_pay: fenToYuan(agent.base_pay_fen),
      }
    : { employee_no: "", name: "", level: "junior", seat_id: null, hired_on: null, left_on: null, base_pay: null };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await backend.saveAgent({
        id: agent?.id ?? null,
        employee_no: v.employee_no.trim(),
        name: v.name.trim(),
        team_id: v.team_id!,
        level: v.level!,
        seat_id: v.seat_id ?? null,
        hired_on: v.hired_on ? v.hired_on.format("YYYY-MM-DD") : null,
        left_on: v.left_on ? v.left_on.format("YYYY-MM-DD") : null,
        // Without ViewPay the backend ignores this and keeps the pay on record.
        base_pay_fen: canViewPay ? yuanToFen(v.base_pay) : null,
      });
      void message.success(t(agent ? "agentForm.updated" : "agentForm.created", { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      const err = BackendError.from(e);
      const text = errorText(t, err);
      const field =
        FIELD_OF_CODE[err.code] ??
        (err.params.field ? FIELD_OF_PARAM[err.params.field] : undefined) ??
        (err.code === "not_found" && err.params.entity ? FIELD_OF_ENTITY[err.params.entity] : undefined);
      if (field) form.setFields([{ name: field, errors: [text] }]);
      else setError(text);
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={agent ? t("agentForm.titleEdit", { name: agent.name }) : t("agentForm.titleAdd")}
      onCancel={onClose}
      mask={{ closable: false }}
      width={560}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="ok" type="primary" data-testid="agent-form-submit" loading={busy} onClick={() => form.submit()}>
          {t("common.save")}
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void submit(v)}
        style={{ marginTop: 12 }}
      >
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item
            style={{ flex: 1 }}
            name="employee_no"
            label={t("fields.employee_no")}
            rules={[
              { required: true, whitespace: true, message: t("errors.validation.required", { field: t("fields.employee_no") }) },
              { pattern: /^\s*[A-Za-z0-9-]{1,20}\s*$/, message: t("agentForm.employeeNoRule") },
            ]}
          >
            <Input data-testid="agent-form-employee-no" maxLength={LIMITS.employee_no_max_len} autoFocus />
          </Form.Item>
          <Form.Item
            style={{ flex: 1 }}
            name="name"
            label={t("fields.name")}
            rules={[
              { required: true, whitespace: true, message: t("errors.validation.required", { field: t("fields.name") }) },
              { max: NAME_MAX, message: t("agentForm.nameRule") },
            ]}
          >
            <Input data-testid="agent-form-name" maxLength={NAME_MAX} />
          </Form.Item>
        </div>
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item
            style={{ flex: 1 }}
            name="team_id"
            label={t("fields.team")}
            rules={[{ required: true, message: t("agentForm.teamPlaceholder") }]}
            extra={teamOptions.length === 0 ? t("agentForm.noTeams") : undefined}
          >
            <Select data-testid="agent-form-team" options={teamOptions} placeholder={t("agentForm.teamPlaceholder")} />
          </Form.Item>
          <Form.Item
            style={{ flex: 1 }}
            name="level"
            label={t("fields.level")}
            rules={[{ required: true, message: t("agentForm.levelPlaceholder") }]}
          >
            <Select
              data-testid="agent-form-level"
              options={LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))}
              placeholder={t("agentForm.levelPlaceholder")}
            />
          </Form.Item>
        </div>
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item style={{ flex: 1 }} name="seat_id" label={t("fields.seat")}>
            <Select
              data-testid="agent-form-seat"
              options={seatOptions}
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("agentForm.seatPlaceholder")}
            />
          </Form.Item>
          <Form.Item style={{ flex: 1 }} name="hired_on" label={t("fields.hired_on")}>
            <DatePicker data-testid="agent-form-hired-on" style={{ width: "100%" }} placeholder={t("agentForm.hiredOnPlaceholder")} />
          </Form.Item>
          <Form.Item style={{ flex: 1 }} name="left_on" label={t("fields.left_on")} tooltip={t("agentForm.leftOnHint")}>
            <DatePicker data-testid="agent-form-left-on" style={{ width: "100%" }} placeholder={t("agentForm.hiredOnPlaceholder")} />
          </Form.Item>
        </div>
        {canViewPay ? (
          <div style={{ display: "flex", gap: 12 }}>
            <Form.Item style={{ flex: 1 }} name="base_pay" label={t("people.basePay")} tooltip={t("people.basePayHint")}>
              <InputNumber<number>
                data-testid="agent-form-base-pay"
                style={{ width: "100%" }}
                min={0}
                max={BASE_PAY_MAX_YUAN}
                precision={2}
                step={100}
                placeholder={t("people.basePayPlaceholder")}
              />
            </Form.Item>
            <div style={{ flex: 2 }} />
          </div>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} data-testid="agent-form-error" /> : null}
      </Form>
    </Modal>
  );
}
