import { useEffect, useMemo, useState } from "react";
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { TableColumnsType } from "antd";
import { PlusOutlined, SaveOutlined, UploadOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type ContactChannel, type Holiday, type HolidayKind } from "../../backend";
import { useSession } from "../../session";
import PageHeader from "../../components/PageHeader";
import FilePathInput from "../../components/FilePathInput";
import { errorText } from "../../lib/errors";
import { formatDate, timeZones } from "../../lib/format";
import { useLoad, useReportError } from "../../lib/hooks";
import ChangePinForm from "./ChangePinForm";
import PolicyTab from "./PolicyTab";
import { NAME_MAX } from "../../lib/limits";

export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t("settings.title")} subtitle={t("settings.subtitle")} />
      <div className="fd-panel">
        <Tabs
          size="small"
          items={[
            { key: "site", label: t("settings.tabSite"), children: <SiteTab /> },
            { key: "policy", label: t("settings.tabPolicy"), children: <PolicyTab /> },
            { key: "holidays", label: t("settings.tabHolidays"), children: <HolidaysTab /> },
            { key: "pin", label: t("settings.tabPin"), children: <ChangePinForm /> },
            { key: "about", label: t("settings.tabAbout"), children: <AboutTab /> },
          ]}
        />
      </div>
    </div>
  );
}

// ---- site ----

const CHANNELS: ContactChannel[] = ["phone", "chat"];

type SiteValues = { name: string; time_zone: string; channel: ContactChannel };

function SiteTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { site, refresh } = useSession();
  const [form] = Form.useForm<SiteValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  useEffect(() => {
    form.setFieldsValue({ name: site.name, time_zone: site.time_zone, channel: site.channel });
  }, [form, site.name, site.time_zone, site.channel]);

  const submit = async (v: SiteValues) => {
    setBusy(true);
    setError(null);
    try {
      await backend.updateSite({ name: v.name.trim(), time_zone: v.time_zone, channel: v.channel });
      void message.success(t("settings.siteSaved"));
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={(v) => void submit(v)}>
      <Form.Item
        name="name"
        label={t("settings.siteName")}
        rules={[{ required: true, whitespace: true, message: t("errors.validation.required", { field: t("fields.site_name") }) }, { max: NAME_MAX }]}
      >
        <Input data-testid="settings-site-name" maxLength={NAME_MAX} />
      </Form.Item>
      <Form.Item name="time_zone" label={t("settings.timeZone")} rules={[{ required: true }]}>
        <Select data-testid="settings-time-zone" options={zones} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
      <Form.Item name="channel" label={t("settings.channel")} extra={t("settings.channelHint")} rules={[{ required: true }]}>
        <Radio.Group data-testid="settings-channel" options={CHANNELS.map((c) => ({ value: c, label: t(`channelsLong.${c}`) }))} />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="settings-site-save">
        {t("common.save")}
      </Button>
    </Form>
  );
}

// ---- holidays ----

function HolidaysTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const holidays = useLoad(["holidays"], ["holidays"], () => backend.listHolidays());
  const [editing, setEditing] = useState<Holiday | "new" | null>(null);
  const [path, setPath] = useState("");
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);

  const remove = async (h: Holiday) => {
    try {
      await backend.deleteHoliday(h.date);
      void message.success(t("common.deleted"));
      holidays.reload();
    } catch (e) {
      report(e);
    }
  };

  const runImport = async () => {
    if (!path.trim()) return;
    setImporting(true);
    setImportError(null);
    try {
      const count = await backend.importHolidays(path.trim());
      void message.success(t("settings.holidayImported", { count }));
      holidays.reload();
    } catch (e) {
      setImportError(errorText(t, e));
    } finally {
      setImporting(false);
    }
  };

  const columns: TableColumnsType<Holiday> = [
    {
      title: t("settings.holidayDate"),
      dataIndex: "date",
      width: 170,
      sorter: (a, b) => a.date.localeCompare(b.date),
      defaultSortOrder: "ascend",
      render: (d: string) => (
        <span>
          {formatDate(d)} <span className="fd-muted">{dayjs(d).format("ddd")}</span>
        </span>
      ),
    },
    {
      title: t("settings.holidayKind"),
      dataIndex: "kind",
      width: 140,
      render: (k: HolidayKind) => <Tag color={k === "holiday" ? "red" : "blue"}>{t(`holidayKinds.${k}`)}</Tag>,
    },
    { title: t("settings.holidayName"), dataIndex: "name" },
    {
      title: t("common.actions"),
      key: "actions",
      width: 130,
      render: (_: unknown, h: Holiday) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(h)}>
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t("settings.holidayDeleteConfirm", { date: formatDate(h.date), name: h.name })}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => remove(h)}
          >
            <Button type="link" size="small" danger>
              {t("common.delete")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="fd-toolbar">
        <Button type="primary" icon={<PlusOutlined />} data-testid="holiday-add" onClick={() => setEditing("new")}>
          {t("settings.holidayAdd")}
        </Button>
        <span className="fd-toolbar-spacer" />
        <span className="fd-muted">{t("settings.holidayImport")}</span>
        <div style={{ width: 360 }}>
          <FilePathInput
            value={path}
            onChange={(p) => {
              setPath(p);
              setImportError(null);
            }}
            filters={[{ name: t("settings.holidayCsvFilter"), extensions: ["csv"] }]}
            inputTestId="holiday-import-path"
            chooseTestId="holiday-import-choose"
            onPressEnter={() => void runImport()}
          />
        </div>
        <Button
          icon={<UploadOutlined />}
          disabled={!path.trim()}
          loading={importing}
          data-testid="holiday-import"
          onClick={() => void runImport()}
        >
          {t("settings.holidayImportButton")}
        </Button>
      </div>
      <div className="fd-muted" style={{ fontSize: 12, marginBottom: 8 }}>
        {t("settings.holidayImportHint")}
      </div>
      {importError ? <Alert type="error" showIcon title={importError} style={{ marginBottom: 8 }} data-testid="holiday-import-error" /> : null}
      <div data-testid="holidays-table">
        <Table<Holiday>
          size="small"
          rowKey="date"
          columns={columns}
          dataSource={holidays.data ?? []}
          loading={holidays.loading && !holidays.data}
          pagination={{ pageSize: 15, hideOnSinglePage: true, size: "small" }}
          locale={{ emptyText: <Empty description={t("settings.holidayEmpty")} /> }}
        />
      </div>
      {editing !== null ? (
        <HolidayModal
          holiday={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            holidays.reload();
          }}
        />
      ) : null}
    </>
  );
}

type HolidayValues = { date: Dayjs | null; kind: HolidayKind; name: string };

function HolidayModal({ holiday, onClose, onSaved }: { holiday: Holiday | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [form] = Form.useForm<HolidayValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: HolidayValues) => {
    if (!v.date) return;
    setBusy(true);
    setError(null);
    try {
      await backend.saveHoliday({ date: v.date.format("YYYY-MM-DD"), kind: v.kind, name: v.name.trim() });
      void message.success(t("common.saved"));
      onSaved();
    } catch (e) {
      setError(errorText(t, e));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={holiday ? t("settings.holidayTitleEdit", { date: formatDate(holiday.date) }) : t("settings.holidayTitleAdd")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      width={420}
    >
      <Form<HolidayValues>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={holiday ? { date: dayjs(holiday.date), kind: holiday.kind, name: holiday.name } : { date: null, kind: "holiday", name: "" }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="date" label={t("settings.holidayDate")} rules={[{ required: true, message: t("errors.validation.required", { field: t("fields.date") }) }]}>
          <DatePicker style={{ width: "100%" }} disabled={!!holiday} data-testid="holiday-form-date" />
        </Form.Item>
        <Form.Item name="kind" label={t("settings.holidayKind")} rules={[{ required: true }]}>
          <Select
            data-testid="holiday-form-kind"
            options={(["holiday", "workday"] as const).map((k) => ({ value: k, label: t(`holidayKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("settings.holidayName")}
          rules={[{ required: true, whitespace: true, message: t("errors.validation.required", { field: t("settings.holidayName") }) }, { max: NAME_MAX }]}
        >
          <Input data-testid="holiday-form-name" maxLength={NAME_MAX} placeholder="国庆节" />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}

// ---- about ----

function AboutTab() {
  const { t } = useTranslation();
  const { status } = useSession();
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Paragraph>{t("settings.aboutText")}</Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: "version", label: t("settings.aboutVersion"), children: <span data-testid="about-version">{status.version}</span> },
          {
            key: "db",
            label: t("settings.aboutDb"),
            children: (
              <Typography.Text copyable data-testid="about-db-path">
                {status.db_path}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
