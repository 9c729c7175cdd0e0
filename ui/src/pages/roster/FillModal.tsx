// 填充排班规律: a pattern such as `D D D D D D 休`, repeated along each selected row.
import { memo, useEffect } from "react";
import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";

export default memo(function FillModal({ open, onCancel, onOk }: { open: boolean; onCancel: () => void; onOk: (pattern: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ pattern: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t("roster.fillPattern")}
      okText={t("roster.fillApply")}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onOk(v.pattern), () => {})}
      forceRender
      destroyOnHidden
    >
      <p className="fd-muted">{t("roster.fillHint")}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="pattern" label={t("roster.pattern")} rules={[{ required: true, whitespace: true, message: t("roster.patternRequired") }]}>
          <Input placeholder="D D D D D D 休" data-testid="roster-fill-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
});
