import { useState } from "react";
import { Alert, App, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { errorText } from "../../lib/errors";
import { PIN_PATTERN } from "../../lib/limits";
import { useBusy } from "../../lib/hooks";

type Values = { old_pin: string; new_pin: string; new_pin_confirm: string };

/** 修改我的 PIN: used in Settings and in the header's user menu. */
export default function ChangePinForm({ onDone, compact = false }: { onDone?: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useBusy((e) => setError(errorText(t, e)));
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setError(null);
    await run(async () => {
      await backend.changeOwnPin(v.old_pin, v.new_pin);
      void message.success(t("settings.pinChanged"));
      form.resetFields();
      onDone?.();
    });
  };

  const pinRules = [
    { required: true, message: t("wizard.pinRule") },
    { pattern: PIN_PATTERN, message: t("wizard.pinRule") },
  ];

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: compact ? undefined : 360 }}>
      <Form.Item name="old_pin" label={t("settings.pinOld")} rules={pinRules}>
        <Input.Password data-testid="pin-old" inputMode="numeric" maxLength={8} autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="new_pin" label={t("settings.pinNew")} rules={pinRules} extra={t("wizard.pinHint")}>
        <Input.Password data-testid="pin-new" inputMode="numeric" maxLength={8} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="new_pin_confirm"
        label={t("settings.pinNewConfirm")}
        dependencies={["new_pin"]}
        rules={[
          { required: true, message: t("wizard.pinRule") },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue("new_pin") === value ? Promise.resolve() : Promise.reject(new Error(t("wizard.pinMismatch"))),
          }),
        ]}
      >
        <Input.Password data-testid="pin-new-confirm" inputMode="numeric" maxLength={8} autoComplete="new-password" />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="pin-error" /> : null}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="pin-submit">
        {t("common.save")}
      </Button>
    </Form>
  );
}
