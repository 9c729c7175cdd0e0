// 报表登记: who owes which report (日报 / 周报 / 月报) from when, and which manager is fined alongside
// a late one (seed 004: 经理连带 80 元). A duty is stopped, never deleted: its past periods stay.
import { useState, type HTMLAttributes } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Table, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type ReportDuty, type ReportKind } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useReportError, useBusy } from "../../lib/hooks";
import AgentSelect from "../complaints/AgentSelect";
import { useReportDuties } from "./meetingData";
import { K, REPORT_KINDS, reportKindLabel } from "./meetingText";

const D = `${K}.duties`;

type Values = { title: string; kind: ReportKind; person: string | null; manager: string | null; starts: Dayjs };

function AddDutyModal({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useBusy(report);
  const submit = async (v: Values) => {
    await run(async () => {
      await backend.addReportDuty({
        title: v.title.trim(),
        kind: v.kind,
        employee_no: v.person ?? "",
        manager_employee_no: v.manager ?? null,
        starts_on: v.starts.format("YYYY-MM-DD"),
      });
      void message.success(t(`${D}.added`));
      onAdded();
    });
  };
  return (
    <Modal
      open
      title={t(`${D}.add`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`${D}.submit`)}
      okButtonProps={{ loading: busy, "data-testid": "duty-submit" }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ title: "", kind: "daily", person: null, manager: null, starts: dayjs() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="title" label={t(`${D}.title`)} rules={[{ required: true, whitespace: true, message: t(`${D}.titleRequired`) }]}>
          <Input placeholder={t(`${D}.titlePlaceholder`)} data-testid="duty-title" />
        </Form.Item>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item name="kind" label={t(`${D}.kind`)} style={{ width: 120 }}>
            <Select<ReportKind> options={REPORT_KINDS.map((k) => ({ value: k, label: reportKindLabel(t, k), title: reportKindLabel(t, k) }))} data-testid="duty-kind" />
          </Form.Item>
          <Form.Item name="starts" label={t(`${D}.starts`)} style={{ width: 170 }} rules={[{ required: true }]}>
            <DatePicker allowClear={false} data-testid="duty-starts" />
          </Form.Item>
        </div>
        <Form.Item name="person" label={t(`${D}.person`)} rules={[{ required: true, message: t(`${D}.personRequired`) }]}>
          <AgentSelect testId="duty-person" width="100%" />
        </Form.Item>
        <Form.Item name="manager" label={t(`${D}.manager`)}>
          <AgentSelect testId="duty-manager" width="100%" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndDutyModal({ duty, onClose, onEnded }: { duty: ReportDuty; onClose: () => void; onEnded: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const [endsOn, setEndsOn] = useState<Dayjs>(() => dayjs());
  const { busy, run } = useBusy(report);
  const end = async () => {
    await run(async () => {
      await backend.endReportDuty(duty.id, endsOn.format("YYYY-MM-DD"));
      void message.success(t(`${D}.ended`));
      onEnded();
    });
  };
  return (
    <Modal
      open
      title={t(`${D}.endTitle`, { title: duty.title })}
      onCancel={onClose}
      onOk={() => void end()}
      okText={t(`${D}.endConfirm`)}
      okButtonProps={{ danger: true, loading: busy, "data-testid": "duty-end-confirm" }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t(`${D}.endOn`)}>
          <DatePicker allowClear={false} value={endsOn} onChange={(d) => d && setEndsOn(d)} data-testid="duty-end-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DutiesTab() {
  const { t } = useTranslation();
  const duties = useReportDuties();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<ReportDuty | null>(null);
  const columns: TableColumnsType<ReportDuty> = [
    { title: t(`${D}.title`), dataIndex: "title", ellipsis: true },
    { title: t(`${D}.kind`), dataIndex: "kind", width: 80, render: (k: ReportKind) => <Tag>{reportKindLabel(t, k)}</Tag> },
    { title: t(`${D}.person`), key: "person", width: 150, render: (_: unknown, d) => `${d.employee_no} ${d.name}` },
    {
      title: t(`${D}.manager`),
      key: "manager",
      width: 150,
      render: (_: unknown, d) => (d.manager_employee_no ? `${d.manager_employee_no} ${d.manager_name ?? ""}` : <span className="fd-muted">—</span>),
    },
    { title: t(`${D}.starts`), dataIndex: "starts_on", width: 120, render: (d: string) => formatDate(d) },
    {
      title: t(`${D}.ends`),
      dataIndex: "ends_on",
      width: 120,
      render: (d: string | null) => (d ? formatDate(d) : <Tag color="green">{t(`${D}.open`)}</Tag>),
    },
    {
      key: "actions",
      width: 80,
      render: (_: unknown, d) =>
        d.ends_on ? null : (
          <Button size="small" danger onClick={() => setEnding(d)} data-testid={`duty-end-${d.id}`}>
            {t(`${D}.end`)}
          </Button>
        ),
    },
  ];
  return (
    <div data-testid="meetings-duties">
      <div className="fd-panel">
        <div className="fd-toolbar">
          <span className="fd-toolbar-spacer" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="duty-add">
            {t(`${D}.add`)}
          </Button>
        </div>
        {duties.error ? <Alert type="error" showIcon title={errorText(t, duties.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<ReportDuty>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={duties.data ?? []}
          loading={duties.loading && !duties.data}
          pagination={false}
          locale={{ emptyText: t(`${D}.empty`) }}
          onRow={(d) => ({ "data-testid": `duty-row-${d.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {adding ? (
        <AddDutyModal
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            duties.reload();
          }}
        />
      ) : null}
      {ending ? (
        <EndDutyModal
          duty={ending}
          onClose={() => setEnding(null)}
          onEnded={() => {
            setEnding(null);
            duties.reload();
          }}
        />
      ) : null}
    </div>
  );
}
