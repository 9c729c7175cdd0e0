import { useMemo, useState, type HTMLAttributes } from "react";
import { App, Button, Empty, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { DownloadOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type AgentRow, type Level } from "../../backend";
import { useCan } from "../../session";
import PageHeader from "../../components/PageHeader";
import { LEVELS, formatDate, levelLabel, zhCollator } from "../../lib/format";
import { useLoad, useReportError } from "../../lib/hooks";
import { usePersonMatcher } from "../../lib/personSearch";
import AgentFormModal from "./AgentFormModal";
import ComplaintFlagTag, { useComplaintFlagMap } from "./ComplaintFlagTag";
import ImportModal from "./ImportModal";
import { formatYuan } from "./pay";

const LEVEL_COLORS: Record<Level, string> = {
  junior: "default",
  intermediate: "blue",
  senior: "geekblue",
  lead: "purple",
  supervisor: "magenta",
};

export default function PeoplePage() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const canManage = useCan("manage_people");
  const canViewPay = useCan("view_pay");

  const [showInactive, setShowInactive] = useState(false);
  const [search, setSearch] = useState("");
  const [teamId, setTeamId] = useState<number | undefined>(undefined);
  const [level, setLevel] = useState<Level | undefined>(undefined);
  const [editing, setEditing] = useState<AgentRow | "new" | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const agents = useLoad(["agents", showInactive], ["agents", "teams", "seats"], () => backend.listAgents(showInactive));
  const teams = useLoad(["teams"], ["teams", "agents"], () => backend.listTeams());
  const seats = useLoad(["seats"], ["seats", "agents"], () => backend.listSeats());
  const complaintFlags = useComplaintFlagMap();

  const matches = usePersonMatcher();
  const rows = useMemo(() => {
    return (agents.data ?? []).filter(
      (a) =>
        matches(search, a) &&
        (teamId === undefined || a.team_id === teamId) &&
        (level === undefined || a.level === level),
    );
  }, [agents.data, search, teamId, level, matches]);

  const reloadAll = () => {
    agents.reload();
    teams.reload();
    seats.reload();
  };

  const setActive = async (a: AgentRow, active: boolean) => {
    try {
      await backend.setAgentActive(a.id, active);
      void message.success(t(active ? "people.activated" : "people.deactivated", { name: a.name }));
      reloadAll();
    } catch (e) {
      report(e);
    }
  };

  const exportAll = async () => {
    setExporting(true);
    try {
      const path = await backend.pickSaveFile(t("people.exportFileName"), [{ name: t("people.excelFilter"), extensions: ["xlsx"] }]);
      if (path) {
        const count = await backend.exportAgents(path);
        void message.success(t("people.exported", { count, path }));
      }
    } catch (e) {
      report(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AgentRow> = [
    {
      title: t("fields.employee_no"),
      dataIndex: "employee_no",
      width: 110,
      sorter: (a, b) => a.employee_no.localeCompare(b.employee_no, undefined, { numeric: true }),
      defaultSortOrder: "ascend",
    },
    {
      title: t("fields.name"),
      dataIndex: "name",
      width: 120,
      sorter: (a, b) => zhCollator.compare(a.name, b.name),
      render: (name: string, a: AgentRow) => (
        <Space size={4} wrap>
          <Typography.Text strong>{name}</Typography.Text>
          <ComplaintFlagTag flag={complaintFlags.get(a.employee_no)} />
        </Space>
      ),
    },
    {
      title: t("fields.team"),
      dataIndex: "team_name",
      sorter: (a, b) => zhCollator.compare(a.team_name, b.team_name),
    },
    {
      title: t("fields.level"),
      dataIndex: "level",
      width: 110,
      sorter: (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level),
      render: (l: Level) => <Tag color={LEVEL_COLORS[l]}>{levelLabel(t, l)}</Tag>,
    },
    {
      title: t("fields.seat"),
      dataIndex: "seat_code",
      width: 90,
      sorter: (a, b) => (a.seat_code ?? "\uffff").localeCompare(b.seat_code ?? "\uffff"),
      render: (code: string | null) => code ?? <span className="fd-muted">—</span>,
    },
    {
      title: t("fields.hired_on"),
      dataIndex: "hired_on",
      width: 130,
      sorter: (a, b) => (a.hired_on ?? "").localeCompare(b.hired_on ?? ""),
      render: (d: string | null) => formatDate(d),
    },
    {
      title: t("fields.left_on"),
      dataIndex: "left_on",
      width: 130,
      sorter: (a, b) => (a.left_on ?? "").localeCompare(b.left_on ?? ""),
      render: (d: string | null) => (d ? formatDate(d) : <span className="fd-muted">—</span>),
    },
    // Base pay only for an operator who may see pay (the backend sends none to others).
    ...(canViewPay
      ? [
          {
            title: t("people.basePay"),
            dataIndex: "base_pay_fen",
            key: "base_pay",
            width: 120,
            align: "right" as const,
            sorter: (a: AgentRow, b: AgentRow) => (a.base_pay_fen ?? -1) - (b.base_pay_fen ?? -1),
            render: (fen: number | null) =>
              fen === null ? <span className="fd-muted">—</span> : <span data-testid="agent-base-pay">{formatYuan(fen)}</span>,
          },
        ]
      : []),
    {
      title: t("common.status"),
      dataIndex: "active",
      width: 90,
      sorter: (a, b) => Number(b.active) - Number(a.active),
      render: (active: boolean) =>
        active ? <Tag color="green">{t("people.statusActive")}</Tag> : <Tag>{t("people.statusInactive")}</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 130,
      render: (_: unknown, a: AgentRow) => (
        <Space size={0}>
          <Button type="link" size="small" data-testid={`agent-edit-${a.employee_no}`} onClick={() => setEditing(a)}>
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t(a.active ? "people.deactivateConfirm" : "people.activateConfirm", { name: a.name })}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => setActive(a, !a.active)}
          >
            <Button type="link" size="small" danger={a.active} data-testid={`agent-toggle-${a.employee_no}`}>
              {a.active ? t("common.deactivate") : t("common.activate")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const nobody = !agents.loading && (agents.data ?? []).length === 0;
  const empty = nobody ? (
    <Empty description={t("people.empty")}>
      <div className="fd-muted" style={{ marginBottom: 12 }}>
        {t("people.emptyHint")}
      </div>
      {canManage ? (
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {t("people.add")}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
            {t("people.import")}
          </Button>
        </Space>
      ) : null}
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("people.noMatch")} />
  );

  return (
    <div>
      <PageHeader
        title={t("people.title")}
        subtitle={t("people.subtitle")}
        extra={
          <Space>
            {canManage ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} data-testid="people-add" onClick={() => setEditing("new")}>
                  {t("people.add")}
                </Button>
                <Button icon={<UploadOutlined />} data-testid="people-import" onClick={() => setImportOpen(true)}>
                  {t("people.import")}
                </Button>
              </>
            ) : null}
            <Button icon={<DownloadOutlined />} data-testid="people-export" loading={exporting} onClick={() => void exportAll()}>
              {t("people.export")}
            </Button>
          </Space>
        }
      />
      <div className="fd-panel">
        <div className="fd-toolbar">
          <Input
            data-testid="people-search"
            prefix={<SearchOutlined />}
            placeholder={t("people.searchPlaceholder")}
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 220 }}
          />
          <Select
            data-testid="people-filter-team"
            allowClear
            placeholder={t("people.allTeams")}
            value={teamId}
            onChange={(v?: number) => setTeamId(v)}
            options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
            style={{ width: 160 }}
          />
          <Select
            data-testid="people-filter-level"
            allowClear
            placeholder={t("people.allLevels")}
            value={level}
            onChange={(v?: Level) => setLevel(v)}
            options={LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))}
            style={{ width: 130 }}
          />
          <Space size={6}>
            <Switch data-testid="people-show-inactive" size="small" checked={showInactive} onChange={setShowInactive} />
            <span>{t("people.showInactive")}</span>
          </Space>
          <span className="fd-toolbar-spacer" />
          <span className="fd-count" data-testid="people-count">
            {t("people.count", { count: rows.length })}
          </span>
        </div>
        <div data-testid="people-table">
          <Table<AgentRow>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={agents.loading && agents.data === undefined}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            rowClassName={(a) => (a.active ? "" : "fd-row-inactive")}
            onRow={(a) => ({ "data-testid": `agent-row-${a.employee_no}` }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: empty }}
          />
        </div>
      </div>
      {editing !== null ? (
        <AgentFormModal
          agent={editing === "new" ? null : editing}
          teams={teams.data ?? []}
          seats={seats.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reloadAll();
          }}
        />
      ) : null}
      {importOpen ? (
        <ImportModal
          onClose={() => setImportOpen(false)}
          onImported={reloadAll}
        />
      ) : null}
    </div>
  );
}
