// 设备价目表: what damaged or lost equipment is paid for (照价赔偿) — code, names, price and
// whether it is in use. With manage_rule_book an entry is added or changed (by code); the price
// is typed in yuan and sent in fen. Recorded charges keep the price they were charged at.
import { useEffect, useState, type HTMLAttributes } from "react";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Switch, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type EquipmentItem } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useCan } from "../../session";
import { fenToYuan, money, yuanToFen } from "./bookText";

const K = "incidents.book.equipment";

type Values = { code: string; name_zh: string; name_en: string; price: number | null; active: boolean };

function EquipmentModal({ item, onClose, onSaved }: { item: EquipmentItem | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    form.setFieldsValue(
      item
        ? { code: item.code, name_zh: item.name_zh, name_en: item.name_en, price: fenToYuan(item.price_fen), active: item.active }
        : { code: "", name_zh: "", name_en: "", price: null, active: true },
    );
  }, [item, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await backend.saveEquipmentItem({
        code: v.code.trim(),
        name_zh: v.name_zh.trim(),
        name_en: (v.name_en ?? "").trim(),
        price_fen: yuanToFen(v.price),
        active: v.active,
      });
      void message.success(t(`${K}.saved`, { name: saved.name_zh }));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={item ? t(`${K}.titleEdit`, { name: item.name_zh }) : t(`${K}.titleNew`)}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      mask={{ closable: false }}
      okButtonProps={{ ...{ "data-testid": "equipment-save" } }}
      forceRender
      destroyOnHidden
    >
      <div data-testid="equipment-editor">
        <Form form={form} layout="vertical">
          <Form.Item name="code" label={t(`${K}.code`)} extra={item ? undefined : t(`${K}.codeHint`)} rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
            <Input disabled={!!item} data-testid="equipment-code" />
          </Form.Item>
          <Form.Item name="name_zh" label={t(`${K}.nameZh`)} rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
            <Input data-testid="equipment-name-zh" />
          </Form.Item>
          <Form.Item name="name_en" label={t(`${K}.nameEn`)}>
            <Input data-testid="equipment-name-en" />
          </Form.Item>
          <Form.Item name="price" label={t(`${K}.priceYuan`)} rules={[{ required: true, message: t("common.required") }]}>
            <InputNumber<number> min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: 180 }} data-testid="equipment-price" />
          </Form.Item>
          <Form.Item name="active" label={t(`${K}.status`)} valuePropName="checked">
            <Switch checkedChildren={t(`${K}.active`)} unCheckedChildren={t(`${K}.inactive`)} data-testid="equipment-active" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={errorText(t, error)} data-testid="equipment-error" /> : null}
      </div>
    </Modal>
  );
}

export function EquipmentTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const canManage = useCan("manage_rule_book");
  const items = useLoad(["incidents", "equipment"], ["incidents"], () => backend.equipmentItems());
  const [editing, setEditing] = useState<EquipmentItem | "new" | null>(null);

  const columns: TableColumnsType<EquipmentItem> = [
    { title: t(`${K}.code`), dataIndex: "code", width: 140, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t(`${K}.nameZh`), dataIndex: "name_zh", width: 160 },
    { title: t(`${K}.nameEn`), dataIndex: "name_en" },
    {
      title: t(`${K}.price`),
      dataIndex: "price_fen",
      width: 120,
      align: "right",
      render: (fen: number, i: EquipmentItem) => <span data-testid={`equipment-price-${i.code}`}>{money(t, fen)}</span>,
    },
    {
      title: t(`${K}.status`),
      dataIndex: "active",
      width: 90,
      render: (active: boolean) => (active ? <Tag color="green">{t(`${K}.active`)}</Tag> : <Tag>{t(`${K}.inactive`)}</Tag>),
    },
  ];
  if (canManage)
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 90,
      render: (_: unknown, i: EquipmentItem) => (
        <Button type="link" size="small" icon={<EditOutlined />} data-testid={`equipment-edit-${i.code}`} onClick={() => setEditing(i)}>
          {t(`${K}.edit`)}
        </Button>
      ),
    });

  return (
    <div data-testid="equipment-tab">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 12, marginBottom: 8 }}>
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t(`${K}.title`)}
          </Typography.Title>
          <Typography.Text type="secondary">{t(`${K}.intro`)}</Typography.Text>
        </div>
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} data-testid="equipment-add" onClick={() => setEditing("new")}>
            {t(`${K}.add`)}
          </Button>
        ) : null}
      </div>
      {items.error ? <Alert type="error" showIcon title={errorText(t, items.error)} style={{ marginBottom: 12 }} /> : null}
      <div className="fd-panel">
        <Table<EquipmentItem>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={items.data ?? []}
          loading={items.loading && !items.data}
          pagination={false}
          locale={{ emptyText: t(`${K}.empty`) }}
          onRow={(i) => ({ "data-testid": `equipment-${i.code}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {editing !== null ? (
        <EquipmentModal
          item={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            items.reload();
          }}
        />
      ) : null}
    </div>
  );
}
