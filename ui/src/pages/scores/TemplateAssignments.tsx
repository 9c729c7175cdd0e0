// What each role, level and team is assessed with: every possible target listed, the template it
// has (or none). With manage_scores, a Select changes it, or gives a target without one its
// first (`assignScoreTemplate`). A person's template is their role's, else their level's, else
// their team's: the backend applies that; the hint only says so.
import { useState } from "react";
import { App, Card, Col, Row, Select, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type AssignTarget, type Team, type TemplateAssignment, type TemplateRow } from "../../backend";
import { LEVELS, ROLES, formatDateTime, levelLabel, roleLabel } from "../../lib/format";
import { useReportError } from "../../lib/hooks";

type Kind = AssignTarget["kind"];

type Target = {
  /** `role-agent`, `level-junior`, `team-3`: the testid's tail and the row key. */
  id: string;
  target: AssignTarget;
  label: string;
  current: TemplateAssignment | null;
};

function targetKey(target: AssignTarget): string {
  switch (target.kind) {
    case "role":
      return `role-${target.role}`;
    case "level":
      return `level-${target.level}`;
    case "team":
      return `team-${target.team_id}`;
  }
}

export default function TemplateAssignments(props: {
  templates: readonly TemplateRow[];
  assignments: readonly TemplateAssignment[];
  teams: readonly Team[];
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const [busy, setBusy] = useState<string | null>(null);

  const assigned = new Map(props.assignments.map((a) => [targetKey(a.target), a]));
  const make = (target: AssignTarget, label: string): Target => {
    const id = targetKey(target);
    return { id, target, label, current: assigned.get(id) ?? null };
  };
  const teamIds = new Set(props.teams.map((x) => x.id));
  const groups: { kind: Kind; title: string; targets: Target[] }[] = [
    { kind: "role", title: t("scores.admin.assignments.byRole"), targets: ROLES.map((role) => make({ kind: "role", role }, roleLabel(t, role))) },
    { kind: "level", title: t("scores.admin.assignments.byLevel"), targets: LEVELS.map((level) => make({ kind: "level", level }, levelLabel(t, level))) },
    {
      kind: "team",
      title: t("scores.admin.assignments.byTeam"),
      targets: [
        ...props.teams.filter((x) => x.active || assigned.has(`team-${x.id}`)).map((x) => make({ kind: "team", team_id: x.id }, x.name)),
        // A team assigned but not listed (gone since): shown by the label the backend gave.
        ...props.assignments.filter((a) => a.target.kind === "team" && !teamIds.has(a.target.team_id)).map((a) => make(a.target, a.target_label)),
      ],
    },
  ];

  const choose = async (x: Target, templateId: number) => {
    const template = props.templates.find((tp) => tp.id === templateId);
    if (!template || templateId === x.current?.template_id) return;
    setBusy(x.id);
    try {
      await backend.assignScoreTemplate(template.name, x.target);
      void message.success(t("scores.admin.assignments.assigned", { target: x.label, template: template.name }));
      props.onChanged();
    } catch (e) {
      report(e);
    } finally {
      setBusy(null);
    }
  };

  const options = (x: Target) =>
    props.templates
      .filter((tp) => tp.active || tp.id === x.current?.template_id)
      .map((tp) => ({ value: tp.id, label: tp.name, title: tp.name }));

  const columns: TableColumnsType<Target> = [
    { title: t("scores.admin.assignments.target"), dataIndex: "label", width: "40%" },
    {
      title: t("scores.admin.assignments.template"),
      key: "template",
      render: (_: unknown, x: Target) =>
        props.canManage ? (
          <Select<number>
            size="small"
            value={x.current?.template_id}
            placeholder={t("scores.admin.assignments.none")}
            options={options(x)}
            loading={busy === x.id}
            disabled={busy !== null}
            onChange={(v) => void choose(x, v)}
            title={x.current ? `${t("scores.admin.assignments.since")} ${formatDateTime(x.current.assigned_at)}` : undefined}
            style={{ width: "100%" }}
            data-testid={`assign-${x.id}`}
          />
        ) : x.current ? (
          <span data-testid={`assign-${x.id}`} title={`${t("scores.admin.assignments.since")} ${formatDateTime(x.current.assigned_at)}`}>
            {x.current.template_name}
          </span>
        ) : (
          <Typography.Text type="secondary" data-testid={`assign-${x.id}`}>
            {t("scores.admin.assignments.none")}
          </Typography.Text>
        ),
    },
  ];

  return (
    <div data-testid="template-assignments">
      <Typography.Paragraph type="secondary">{t("scores.admin.assignments.hint")}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {groups.map((g) => (
          <Col key={g.kind} xs={24} lg={8}>
            <Card size="small" title={g.title} data-testid={`assign-group-${g.kind}`}>
              <Table<Target> size="small" rowKey="id" columns={columns} dataSource={g.targets} pagination={false} showHeader={false} />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
