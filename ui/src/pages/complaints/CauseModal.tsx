// A complaint cause added or edited: its code (fixed once created), Chinese and English names,
// order and whether it is offered when closing.
import { App, Button, Form, Input, InputNumber, Modal, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type CauseInput, type ComplaintCause } from "../../backend";
import { useReportError, useBusy } from "../../lib/hooks";
import { K } from "./complaintText";

const C = `${K}.causes`;

export default function CauseModal({ cause, nextSort, onClose, onSaved }: { cause: ComplaintCause | null; nextSort: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<CauseInput>();
  const { busy, run } = useBusy(report);
  const submit = async (v: CauseInput) => {
    await run(async () => {
      const input: CauseInput = { code: v.code.trim(), name_zh: v.name_zh.trim(), name_en: (v.name_en ?? "").trim(), sort: v.sort ?? 0, active: v.active };
      await backend.saveComplaintCause(input);
      void message.success(t(`${C}.saved`, { name: input.name_zh }));
      onSaved();
    });
  };
  return (
    <Modal
      open
      width={480}
      title={cause ? t(`${C}.editTitle`, { code: cause.code }) : t(`${C}.addTitle`)}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="cause-save">
          {t(`${C}.save`)}
        </Button>,
      ]}
    >
      <div data-testid="cause-modal">
        <Form<CauseInput>
          form={form}
          layout="vertical"
          initialValues={cause ?? { code: "", name_zh: "", name_en: "", sort: nextSort, active: true }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="code" label={t(`${C}.code`)} extra={t(`${C}.codeHint`)} rules={[{ required: true, whitespace: true, message: t(`${C}.codeRequired`) }]}>
            <Input disabled={!!cause} data-testid="cause-code" />
          </Form.Item>
          <Form.Item name="name_zh" label={t(`${C}.nameZh`)} rules={[{ required: true, whitespace: true, message: t(`${C}.nameZhRequired`) }]}>
            <Input data-testid="cause-name-zh" />
          </Form.Item>
          <Form.Item name="name_en" label={t(`${C}.nameEn`)}>
            <Input data-testid="cause-name-en" />
          </Form.Item>
          <div style={{ display: "flex", gap: 24 }}>
            <Form.Item name="sort" label={t(`${C}.sort`)}>
              <InputNumber<number> precision={0} style={{ width: 100 }} data-testid="cause-sort" />
            </Form.Item>
            <Form.Item name="active" label={t(`${C}.active`)} valuePropName="checked">
              <Switch data-testid="cause-active" />
            </Form.Item>
          </div>
        </Form>
      </div>
    </Modal>
  );
}
