import { useMemo, useState } from "react";
import { Alert, App, AutoComplete, Button, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type AgentRow, type Role, type User } from "../backend";
import { useSession } from "../session";
import PageHeader from "../components/PageHeader";
import { errorText } from "../lib/errors";
import { ROLES, roleLabel, zhCollator } from "../lib/format";
import { useLoad, useReportError } from "../lib/hooks";
import { usePersonMatcher } from "../lib/personSearch";
import { LIMITS, PIN_PATTERN, NAME_MAX } from "../lib/limits";

/** A 工号's shape, checked before sending (the backend is the judge): letters, digits or '-'. */
const EMPLOYEE_NO_PATTERN = new RegExp(`^\\s*[A-Za-z0-9-]{1,${LIMITS.employee_no_max_len}}\\s*$`);

const ROLE_COLORS: Record<Role, string> = { supervisor: "magenta", manager: "purple", team_lead: "blue", agent: "default" };

export default function UsersPage() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const { operator, refresh } = useSession();
  const users = useLoad(["users"], ["users"], () => backend.listUsers());
  const agents = useLoad(["agents", true], ["agents", "teams", "seats"], () => backend.listAgents(true));
  const [editing, setEditing] = useState<User | "new" | null>(null);

  const agentByNo = useMemo(() => new Map((agents.data ?? []).map((a) => [a.employee_no, a])), [agents.data]);
  const unconfirmed = (users.data ?? []).filter((u) => !u.employee_no_confirmed);

  const setActive = async (u: User, active: boolean) => {
    try {
      await backend.setUserActive(u.id, active);
      void message.success(t("common.saved"));
      users.reload();
    } catch (e) {
      report(e);
    }
  };

  const columns: TableColumnsType<User> = [
    {
      title: t("users.name"),
      dataIndex: "display_name",
      sorter: (a, b) => zhCollator.compare(a.display_name, b.display_name),
      render: (n: string, u: User) => (
        <span>
          {n}
          {u.id === operator.user_id ? <span className="fd-muted">{t("users.you")}</span> : null}
        </span>
      ),
    },
    {
      title: t("users.role"),
      dataIndex: "role",
      width: 110,
      sorter: (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role),
      render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{roleLabel(t, r)}</Tag>,
    },
    {
      title: t("users.employeeNo"),
      dataIndex: "employee_no",
      width: 220,
      sorter: (a, b) => a.employee_no.localeCompare(b.employee_no),
      render: (no: string, u: User) => (
        <span data-testid={`user-employee-no-${u.id}`}>
          {no} <span className="fd-muted">{agentByNo.get(no)?.name ?? ""}</span>
          {u.employee_no_confirmed ? null : (
            <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid={`user-unconfirmed-${u.id}`}>
              {t("users.unconfirmedTag")}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t("common.status"),
      dataIndex: "active",
      width: 100,
      render: (a: boolean) => (a ? <Tag color="green">{t("common.active")}</Tag> : <Tag>{t("common.inactive")}</Tag>),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 140,
      render: (_: unknown, u: User) => (
        <Space size={0}>
          <Button type="link" size="small" data-testid={`user-edit-${u.id}`} onClick={() => setEditing(u)}>
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t(u.active ? "users.deactivateConfirm" : "users.activateConfirm", { name: u.display_name })}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => setActive(u, !u.active)}
            disabled={u.id === operator.user_id}
          >
            <Button type="link" size="small" danger={u.active} disabled={u.id === operator.user_id}>
              {u.active ? t("common.deactivate") : t("common.activate")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t("users.title")}
        subtitle={t("users.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} data-testid="user-add" onClick={() => setEditing("new")}>
            {t("users.add")}
          </Button>
        }
      />
      {unconfirmed.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="users-unconfirmed"
          title={t("users.unconfirmedTitle", { count: unconfirmed.length })}
          description={t("users.unconfirmedText")}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <div className="fd-panel" data-testid="users-table">
        <Table<User>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={users.data ?? []}
          loading={users.loading && !users.data}
          pagination={false}
          rowClassName={(r) => (r.active ? "" : "fd-row-inactive")}
          locale={{ emptyText: <Empty description={t("users.empty")} /> }}
        />
      </div>
      {editing !== null ? (
        <UserModal
          user={editing === "new" ? null : editing}
          agents={agents.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            users.reload();
            if (u.id === operator.user_id) void refresh();
          }}
        />
      ) : null}
    </div>
  );
}

type Values = { display_name: string; role: Role; employee_no: string; pin?: string };

/** Which form field a backend error belongs to, so it shows under that field. */
function fieldOfError(err: BackendError): keyof Values | null {
  switch (err.code) {
    case "user.unknown_employee_no":
    case "user.duplicate_employee_no":
    case "user.agent_linked":
    case "validation.employee_no":
      return "employee_no";
    case "user.duplicate_name":
      return "display_name";
    case "validation.pin":
      return "pin";
    case "validation.required":
    case "validation.too_long":
      return err.params.field === "pin" || err.params.field === "display_name" || err.params.field === "employee_no" ? err.params.field : null;
    default:
      return null;
  }
}

function UserModal({ user, agents, onClose, onSaved }: { user: User | null; agents: AgentRow[]; onClose: () => void; onSaved: (u: User) => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const agentOptions = useMemo(
    () =>
      agents
        .filter((a) => a.active || a.employee_no === user?.employee_no)
        .map((a) => ({ value: a.employee_no, label: `${a.employee_no} ${a.name}`, person: a })),
    [agents, user],
  );
  const matches = usePersonMatcher();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await backend.saveUser({
        id: user?.id ?? null,
        display_name: v.display_name.trim(),
        role: v.role,
        employee_no: v.employee_no.trim(),
        pin: v.pin ? v.pin : null,
      });
      void message.success(t("common.saved"));
      onSaved(saved);
    } catch (e) {
      const err = BackendError.from(e);
      const text = errorText(t, err);
      const field = fieldOfError(err);
      if (field) form.setFields([{ name: field, errors: [text] }]);
      else setError(text);
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={user ? t("users.titleEdit", { name: user.display_name }) : t("users.titleAdd")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ ...({ "data-testid": "user-form-submit" } as object) }}
      confirmLoading={busy}
      mask={{ closable: false }}
      width={460}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          user
            ? { display_name: user.display_name, role: user.role, employee_no: user.employee_no }
            : { display_name: "", role: "team_lead", employee_no: "" }
        }
        onFinish={(v) => void submit(v)}
        style={{ marginTop: 12 }}
      >
        <Form.Item
          name="display_name"
          label={t("users.name")}
          rules={[{ required: true, whitespace: true, message: t("errors.validation.required", { field: t("users.name") }) }, { max: NAME_MAX }]}
        >
          <Input data-testid="user-form-name" maxLength={NAME_MAX} autoFocus />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
          <Select data-testid="user-form-role" options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
        </Form.Item>
        {user && !user.employee_no_confirmed ? (
          <Alert
            type="warning"
            showIcon
            data-testid="user-form-unconfirmed"
            title={t("users.unconfirmedForm", { employee_no: user.employee_no })}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form.Item
          name="employee_no"
          label={t("users.employeeNo")}
          extra={t("users.employeeNoHelp")}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t("errors.validation.required", { field: t("fields.employee_no") }) },
            { pattern: EMPLOYEE_NO_PATTERN, message: t("agentForm.employeeNoRule") },
          ]}
        >
          <AutoComplete
            options={agentOptions}
            showSearch={{
              filterOption: (input, option) => !!option && matches(input, option.person),
            }}
          >
            <Input
              data-testid="user-form-employee-no"
              maxLength={LIMITS.employee_no_max_len}
              placeholder={t("users.employeeNoPlaceholder")}
            />
          </AutoComplete>
        </Form.Item>
        <Form.Item
          name="pin"
          label={t("users.pin")}
          extra={user ? t("users.pinEdit") : undefined}
          rules={[
            { required: !user, message: t("wizard.pinRule") },
            { pattern: PIN_PATTERN, message: t("wizard.pinRule") },
          ]}
        >
          <Input.Password
            data-testid="user-form-pin"
            inputMode="numeric"
            maxLength={8}
            autoComplete="new-password"
            placeholder={user ? t("users.pinEdit") : t("users.pinCreate")}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} data-testid="user-form-error" /> : null}
      </Form>
    </Modal>
  );
}
