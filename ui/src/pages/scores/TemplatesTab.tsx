// 考核模板: the templates (name, cycle, newest version, whether scores use it, total points),
// each with its items when expanded, and what each role, level and team is assessed with.
// Creating, editing and assigning templates is for manage_scores (supervisors, managers); a
// lead sees the same, read only.
import { useState, type HTMLAttributes } from "react";
import { Button, Empty, Space, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type ScoreItemRow, type TemplateRow } from "../../backend";
import { useCan } from "../../session";
import { useLoad } from "../../lib/hooks";
import TemplateAssignments from "./TemplateAssignments";
import TemplateEditor from "./TemplateEditor";

const totalOf = (tp: TemplateRow) => tp.items.reduce((sum, i) => sum + i.max_points, 0);

function ItemsTable({ template }: { template: TemplateRow }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ScoreItemRow> = [
    { title: t("scores.admin.templates.group"), dataIndex: "group", width: 100 },
    {
      title: t("scores.admin.templates.item"),
      dataIndex: "name",
      width: 160,
      render: (name: string, i: ScoreItemRow) => (
        <span>
          {name}
          {i.computed ? (
            <Tag style={{ marginInlineStart: 6 }} color="cyan">
              {t("scores.admin.templates.computed")}
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: t("scores.admin.templates.points"), dataIndex: "max_points", width: 70, align: "right" },
    {
      title: t("scores.admin.templates.roles"),
      key: "roles",
      width: 170,
      render: (_: unknown, i: ScoreItemRow) => (
        <span data-testid={`item-roles-${i.id}`}>
          {i.roles.self_rating ? <Tag color="green">{t("scores.admin.templates.roleShort.self")}</Tag> : null}
          {i.roles.superior ? <Tag color="purple">{t("scores.admin.templates.roleShort.superior")}</Tag> : null}
          {i.roles.peer ? <Tag color="blue">{t("scores.admin.templates.roleShort.peer")}</Tag> : null}
        </span>
      ),
    },
    {
      title: t("scores.admin.templates.standard"),
      dataIndex: "standard",
      render: (standard: string, i: ScoreItemRow) => (
        <>
          {standard}
          {i.computed && i.formula ? (
            <div className="fd-mono fd-muted" data-testid={`item-formula-${i.id}`}>
              {t("scores.admin.templates.formula", { formula: i.formula })}
            </div>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <Table<ScoreItemRow>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={template.items}
      pagination={false}
      data-testid={`template-items-${template.id}`}
      onRow={(i) => ({ "data-testid": `template-item-${i.id}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}

export default function TemplatesTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const canManage = useCan("manage_scores");
  const templates = useLoad(["scores", "templates"], ["scores"], () => backend.scoreTemplates());
  const assignments = useLoad(["scores", "templateAssignments"], ["scores", "teams"], () => backend.templateAssignments());
  const teams = useLoad(["teams"], ["teams", "agents"], () => backend.listTeams());
  const [editing, setEditing] = useState<TemplateRow | "new" | null>(null);

  const columns: TableColumnsType<TemplateRow> = [
    {
      title: t("scores.admin.templates.name"),
      dataIndex: "name",
      render: (name: string, tp: TemplateRow) => (
        <Space size={4}>
          <Typography.Text strong>{name}</Typography.Text>
          {tp.in_use ? (
            <Tag color="green" data-testid={`template-in-use-${tp.id}`}>
              {t("scores.admin.templates.inUse")}
            </Tag>
          ) : null}
          {tp.active ? null : <Tag>{t("scores.admin.templates.inactive")}</Tag>}
        </Space>
      ),
    },
    { title: t("scores.admin.templates.cycle"), dataIndex: "cycle", width: 90, render: (c: string) => t(`scores.admin.templates.cycles.${c}`) },
    { title: t("scores.admin.templates.version"), dataIndex: "version", width: 90, render: (n: number) => t("scores.admin.templates.versionN", { n }) },
    { title: t("scores.admin.templates.itemCount"), key: "count", width: 80, align: "right", render: (_: unknown, tp: TemplateRow) => tp.items.length },
    {
      title: t("scores.admin.templates.total"),
      key: "total",
      width: 80,
      align: "right",
      render: (_: unknown, tp: TemplateRow) => {
        const total = totalOf(tp);
        return (
          <Typography.Text type={total === 100 ? undefined : "danger"} data-testid={`template-total-${tp.id}`}>
            {total}
          </Typography.Text>
        );
      },
    },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 90,
      render: (_: unknown, tp: TemplateRow) => (
        <Button type="link" size="small" icon={<EditOutlined />} data-testid={`template-edit-${tp.id}`} onClick={() => setEditing(tp)}>
          {t("scores.admin.templates.edit")}
        </Button>
      ),
    });
  }

  return (
    <div>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("scores.admin.templates.title")}
        </Typography.Title>
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} data-testid="template-add" onClick={() => setEditing("new")}>
            {t("scores.admin.templates.add")}
          </Button>
        ) : null}
      </div>
      <div className="fd-panel" data-testid="templates-list" style={{ marginBottom: 16 }}>
        <Table<TemplateRow>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={templates.data ?? []}
          loading={templates.loading && !templates.data}
          pagination={false}
          expandable={{
            expandedRowRender: (tp) => <ItemsTable template={tp} />,
            expandIcon: ({ expanded, onExpand, record }) => (
              <button
                type="button"
                className={`ant-table-row-expand-icon ${expanded ? "ant-table-row-expand-icon-expanded" : "ant-table-row-expand-icon-collapsed"}`}
                aria-label={t("scores.admin.templates.expand", { name: record.name })}
                aria-expanded={expanded}
                data-testid={`template-expand-${record.id}`}
                onClick={(e) => onExpand(record, e)}
              />
            ),
          }}
          onRow={(tp) => ({ "data-testid": `template-${tp.id}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t("scores.admin.templates.empty")} /> }}
        />
      </div>
      <Typography.Title level={5}>{t("scores.admin.assignments.title")}</Typography.Title>
      <TemplateAssignments
        templates={templates.data ?? []}
        assignments={assignments.data ?? []}
        teams={teams.data ?? []}
        canManage={canManage}
        onChanged={assignments.reload}
      />
      {editing !== null ? (
        <TemplateEditor
          template={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            templates.reload();
            assignments.reload();
          }}
        />
      ) : null}
    </div>
  );
}
