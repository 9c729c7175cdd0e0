// 投诉原因: the list a complaint is closed with (服务态度, 业务知识, 流程, 系统, 物流, 其他 to begin
// with), in order; a cause is edited or retired, never deleted, and keeps its code.
import { useState, type HTMLAttributes } from "react";
import { Alert, App, Button, Switch, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type ComplaintCause } from "../../backend";
import { errorText } from "../../lib/errors";
import { useReportError } from "../../lib/hooks";
import CauseModal from "./CauseModal";
import { useCauses } from "./complaintData";
import { K } from "./complaintText";

const C = `${K}.causes`;

export default function CausesTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const causes = useCauses();
  const [editing, setEditing] = useState<ComplaintCause | "new" | null>(null);
  const rows = [...(causes.data ?? [])].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));

  const setActive = async (c: ComplaintCause, active: boolean) => {
    try {
      await backend.saveComplaintCause({ ...c, active });
      void message.success(t(`${C}.saved`, { name: c.name_zh }));
      causes.reload();
    } catch (e) {
      report(e);
    }
  };

  const columns: TableColumnsType<ComplaintCause> = [
    { title: t(`${C}.code`), dataIndex: "code", width: 140 },
    { title: t(`${C}.nameZh`), dataIndex: "name_zh", width: 180 },
    { title: t(`${C}.nameEn`), dataIndex: "name_en" },
    { title: t(`${C}.sort`), dataIndex: "sort", width: 80 },
    {
      title: t(`${C}.active`),
      dataIndex: "active",
      width: 80,
      render: (active: boolean, c: ComplaintCause) => (
        <Switch size="small" checked={active} onChange={(v) => void setActive(c, v)} data-testid={`cause-active-${c.code}`} />
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 90,
      render: (_: unknown, c: ComplaintCause) => (
        <Button type="link" size="small" onClick={() => setEditing(c)} data-testid={`cause-edit-${c.code}`}>
          {t(`${C}.edit`)}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="complaints-causes">
      <div className="fd-panel">
        <div className="fd-toolbar">
          <Typography.Text type="secondary">{t(`${C}.intro`)}</Typography.Text>
          <span className="fd-toolbar-spacer" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="cause-add">
            {t(`${C}.add`)}
          </Button>
        </div>
        {causes.error ? <Alert type="error" showIcon title={errorText(t, causes.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<ComplaintCause>
          size="small"
          rowKey="code"
          columns={columns}
          dataSource={rows}
          loading={causes.loading && !causes.data}
          pagination={false}
          rowClassName={(c) => (c.active ? "" : "fd-row-inactive")}
          onRow={(c) => ({ "data-testid": `cause-row-${c.code}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {editing !== null ? (
        <CauseModal
          cause={editing === "new" ? null : editing}
          nextSort={rows.reduce((m, c) => Math.max(m, c.sort), 0) + 1}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            causes.reload();
          }}
        />
      ) : null}
    </div>
  );
}
