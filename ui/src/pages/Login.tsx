import { useEffect, useMemo, useState } from "react";
import { Alert, Button, Form, Input, Select, Typography } from "antd";
import { LockOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type LoginUser, type Operator, type Role, type Site } from "../backend";
import AuthFrame from "../components/AuthFrame";
import { errorText } from "../lib/errors";
import { roleLabel, zhCollator } from "../lib/format";
import { useDrawnMark } from "../lib/drawnMark";
import { useDataChanged } from "../lib/hooks";
import { usePersonMatcher, type Searchable } from "../lib/personSearch";

type Values = { user_id?: number; pin: string };
type UserOption = { value: number; label: string; person: Searchable };

/** The login list's order: who runs the floor first, then by name (pinyin order). */
const LOGIN_ROLE_ORDER: Role[] = ["supervisor", "manager", "team_lead", "agent"];

function byRoleThenName(a: LoginUser, b: LoginUser): number {
  return LOGIN_ROLE_ORDER.indexOf(a.role) - LOGIN_ROLE_ORDER.indexOf(b.role) || zhCollator.compare(a.display_name, b.display_name);
}

export default function Login({ site, onDone }: { site: Site | null; onDone: (op: Operator) => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [form] = Form.useForm<Values>();
  const [users, setUsers] = useState<LoginUser[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    backend.listLoginUsers().then(
      (list) => {
        setUsers(list);
        if (list.length === 1 && form.getFieldValue("user_id") === undefined) form.setFieldValue("user_id", list[0].id);
      },
      (e: unknown) => setError(errorText(t, e)),
    );
  useEffect(() => void load(), [backend]);
  useDataChanged(["users"], () => void load());
  useDrawnMark("fd:login-drawn", users !== null);

  const options = useMemo<UserOption[]>(
    () =>
      [...(users ?? [])].sort(byRoleThenName).map((u) => ({
        value: u.id,
        label: t("login.userOption", { name: u.display_name, role: roleLabel(t, u.role) }),
        person: { name: u.display_name, employee_no: u.employee_no },
      })),
    [users, t],
  );
  const matches = usePersonMatcher();

  const submit = async (v: Values) => {
    if (v.user_id === undefined) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await backend.login(v.user_id, v.pin));
    } catch (e) {
      setError(errorText(t, e));
      form.setFieldValue("pin", "");
      setBusy(false);
    }
  };

  return (
    <AuthFrame width={400}>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t("login.title")}
      </Typography.Title>
      <div className="fd-auth-sub">{site?.name ?? ""}</div>
      {site?.is_demo ? <Alert type="info" showIcon title={t("login.demoHint")} style={{ marginBottom: 12 }} data-testid="login-demo-hint" /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="user_id" label={t("login.user")} rules={[{ required: true, message: t("login.userPlaceholder") }]}>
          <Select<number, UserOption>
            data-testid="login-user"
            options={options}
            placeholder={t("login.userPlaceholder")}
            loading={users === null}
            showSearch={{ filterOption: (input, option) => !!option && matches(input, option.person) }}
            notFoundContent={t("login.noUsers")}
            // A shop's users fit in one list; every name stays in the page (and reachable by the
            // keyboard and the E2E driver) instead of only the first screenful.
            virtual={false}
            onChange={() => setError(null)}
          />
        </Form.Item>
        <Form.Item name="pin" label={t("login.pin")} rules={[{ required: true, message: t("wizard.pinRule") }]}>
          <Input.Password
            data-testid="login-pin"
            inputMode="numeric"
            maxLength={8}
            prefix={<LockOutlined />}
            placeholder={t("login.pinPlaceholder")}
            autoComplete="current-password"
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="login-error" /> : null}
        <Button data-testid="login-submit" type="primary" htmlType="submit" block size="large" loading={busy}>
          {t("login.submit")}
        </Button>
      </Form>
    </AuthFrame>
  );
}
