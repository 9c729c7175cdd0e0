import { useMemo, useState } from "react";
import { Alert, Button, Checkbox, Divider, Form, Input, Radio, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type ContactChannel, type Operator } from "../backend";
import AuthFrame from "../components/AuthFrame";
import { errorText } from "../lib/errors";
import { timeZones } from "../lib/format";
import { LIMITS, PIN_PATTERN, NAME_MAX } from "../lib/limits";

/** A 工号's shape, checked before sending (the backend is the judge): letters, digits or '-'. */
const EMPLOYEE_NO_PATTERN = new RegExp(`^\\s*[A-Za-z0-9-]{1,${LIMITS.employee_no_max_len}}\\s*$`);

const CHANNELS: ContactChannel[] = ["phone", "chat"];

type Values = {
  site_name: string;
  time_zone: string;
  channel: ContactChannel;
  supervisor_name: string;
  supervisor_employee_no: string;
  pin: string;
  pin_confirm: string;
  load_demo: boolean;
};


export default function SetupWizard({ onDone }: { onDone: (op: Operator) => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const op = await backend.setupSite({
        site_name: v.site_name.trim(),
        time_zone: v.time_zone,
        supervisor_name: v.supervisor_name.trim(),
        supervisor_employee_no: v.supervisor_employee_no.trim(),
        supervisor_pin: v.pin,
        channel: v.channel,
        load_demo: !!v.load_demo,
      });
      onDone(op);
    } catch (e) {
      setError(errorText(t, e));
      setBusy(false);
    }
  };

  return (
    <AuthFrame width={520}>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t("wizard.title")}
      </Typography.Title>
      <div className="fd-auth-sub">{t("wizard.subtitle")}</div>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ time_zone: "Asia/Shanghai", channel: "phone", load_demo: false }}
        onFinish={(v) => void submit(v)}
      >
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t("wizard.siteSection")}
        </Divider>
        <Form.Item
          name="site_name"
          label={t("wizard.siteName")}
          rules={[{ required: true, whitespace: true, message: t("errors.validation.required", { field: t("fields.site_name") }) }, { max: NAME_MAX }]}
        >
          <Input data-testid="setup-site-name" placeholder={t("wizard.siteNamePlaceholder")} maxLength={NAME_MAX} autoFocus />
        </Form.Item>
        <Form.Item name="time_zone" label={t("wizard.timeZone")} rules={[{ required: true }]}>
          <Select data-testid="setup-time-zone" options={zones} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Form.Item name="channel" label={t("wizard.channel")} extra={t("wizard.channelHint")} rules={[{ required: true }]}>
          <Radio.Group data-testid="setup-channel" options={CHANNELS.map((c) => ({ value: c, label: t(`channelsLong.${c}`) }))} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t("wizard.supervisorSection")}
        </Divider>
        <Form.Item
          name="supervisor_name"
          label={t("wizard.supervisorName")}
          rules={[{ required: true, whitespace: true, message: t("errors.validation.required", { field: t("fields.supervisor_name") }) }]}
        >
          <Input data-testid="setup-supervisor-name" placeholder={t("wizard.supervisorNamePlaceholder")} maxLength={NAME_MAX} />
        </Form.Item>
        <Form.Item
          name="supervisor_employee_no"
          label={t("wizard.supervisorEmployeeNo")}
          extra={t("wizard.supervisorEmployeeNoHint")}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t("errors.validation.required", { field: t("fields.employee_no") }) },
            { pattern: EMPLOYEE_NO_PATTERN, message: t("agentForm.employeeNoRule") },
          ]}
        >
          <Input
            data-testid="setup-supervisor-employee-no"
            placeholder={t("wizard.supervisorEmployeeNoPlaceholder")}
            maxLength={LIMITS.employee_no_max_len}
          />
        </Form.Item>
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item
            style={{ flex: 1 }}
            name="pin"
            label={t("wizard.pin")}
            extra={t("wizard.pinHint")}
            rules={[{ required: true, message: t("wizard.pinRule") }, { pattern: PIN_PATTERN, message: t("wizard.pinRule") }]}
          >
            <Input.Password data-testid="setup-pin" inputMode="numeric" maxLength={8} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            style={{ flex: 1 }}
            name="pin_confirm"
            label={t("wizard.pinConfirm")}
            dependencies={["pin"]}
            rules={[
              { required: true, message: t("wizard.pinRule") },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue("pin") === value ? Promise.resolve() : Promise.reject(new Error(t("wizard.pinMismatch"))),
              }),
            ]}
          >
            <Input.Password data-testid="setup-pin-confirm" inputMode="numeric" maxLength={8} autoComplete="new-password" />
          </Form.Item>
        </div>
        <Form.Item name="load_demo" valuePropName="checked" extra={t("wizard.loadDemoHint")} style={{ marginBottom: 16 }}>
          <Checkbox data-testid="setup-load-demo">{t("wizard.loadDemo")}</Checkbox>
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="setup-error" /> : null}
        <Button data-testid="setup-submit" type="primary" htmlType="submit" block size="large" loading={busy}>
          {t("wizard.submit")}
        </Button>
      </Form>
    </AuthFrame>
  );
}
