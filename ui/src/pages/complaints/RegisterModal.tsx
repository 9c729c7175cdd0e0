// 登记投诉: when the customer complained (now by default, on the site's clock), who, by which
// channel, the order number if any, and what they said. Anyone who registers complaints may.
import { App, Button, DatePicker, Form, Input, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type ComplaintChannel, type ComplaintRow } from "../../backend";
import { useReportError, useBusy } from "../../lib/hooks";
import { useSession } from "../../session";
import { fromSiteWall, nowToMinute, siteWall } from "../incidents/incidentText";
import { CHANNELS, channelLabel, K } from "./complaintText";

type Values = { received: Dayjs; customer: string; channel: ComplaintChannel; order: string; content: string };

const R = `${K}.register`;

export default function RegisterModal({ onClose, onRegistered }: { onClose: () => void; onRegistered: (row: ComplaintRow) => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const tz = useSession().site.time_zone;
  const [form] = Form.useForm<Values>();
  const { busy, run } = useBusy(report);

  const submit = async (v: Values) => {
    await run(async () => {
      const row = await backend.registerComplaint({
        received_at: fromSiteWall(v.received, tz),
        customer: v.customer.trim(),
        channel: v.channel,
        order_no: v.order?.trim() ? v.order.trim() : null,
        content: v.content.trim(),
      });
      void message.success(t(`${R}.done`, { id: row.id }));
      onRegistered(row);
    });
  };

  return (
    <Modal
      open
      width={560}
      title={t(`${R}.title`)}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="complaint-register-cancel">
          {t("common.cancel")}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="complaint-register-submit">
          {t(`${R}.submit`)}
        </Button>,
      ]}
    >
      <div data-testid="complaint-register-modal">
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ received: siteWall(nowToMinute(), tz), customer: "", channel: "phone", order: "", content: "" }}
          onFinish={(v) => void submit(v)}
        >
          <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
            <Form.Item name="received" label={t(`${R}.received`)} style={{ width: 200 }} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" allowClear={false} data-testid="complaint-received" />
            </Form.Item>
            <Form.Item name="channel" label={t(`${R}.channel`)} style={{ width: 140 }}>
              <Select<ComplaintChannel>
                options={CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c), title: channelLabel(t, c) }))}
                data-testid="complaint-channel"
              />
            </Form.Item>
          </div>
          <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
            <Form.Item
              name="customer"
              label={t(`${R}.customer`)}
              style={{ width: 240 }}
              rules={[{ required: true, whitespace: true, message: t(`${R}.customerRequired`) }]}
            >
              <Input placeholder={t(`${R}.customerPlaceholder`)} data-testid="complaint-customer" />
            </Form.Item>
            <Form.Item name="order" label={t(`${R}.order`)} style={{ width: 240 }}>
              <Input placeholder={t(`${R}.orderPlaceholder`)} data-testid="complaint-order" />
            </Form.Item>
          </div>
          <Form.Item name="content" label={t(`${R}.content`)} rules={[{ required: true, whitespace: true, message: t(`${R}.contentRequired`) }]}>
            <Input.TextArea rows={4} placeholder={t(`${R}.contentPlaceholder`)} data-testid="complaint-content" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
