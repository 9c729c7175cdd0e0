// 版本历史 of one rule: each version with the date it is in force from, what it changed from the
// version before (by field), and its ladder in words. Incidents keep the version they were judged by.
import type { HTMLAttributes } from "react";
import { Alert, Modal, Table } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useBackend, type RuleBody, type RuleRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { coPenaltiesText, ladderSteps, ruleName } from "./bookText";

const K = "incidents.book.versions";

/** The seeded book's versions are in force from 2000-01-01: "from the beginning". */
const BEGINNING = "2000-01-01";

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields a version changed from the one before, named. */
export function changedFields(t: TFunction, before: RuleBody | undefined, after: RuleBody): string {
  if (!before) return t(`${K}.first`);
  const changed: string[] = [];
  if (before.name_zh !== after.name_zh || before.name_en !== after.name_en) changed.push("name");
  if (before.category !== after.category) changed.push("category");
  if (!same(before.period, after.period)) changed.push("period");
  if (!same(before.ladder, after.ladder)) changed.push("ladder");
  if (!same(before.co_penalties ?? [], after.co_penalties ?? [])) changed.push("co_penalties");
  if (!same(before.alert_rule, after.alert_rule)) changed.push("alert_rule");
  if ((before.source ?? "") !== (after.source ?? "")) changed.push("source");
  return changed.length ? changed.map((f) => t(`${K}.fields.${f}`)).join(t(`${K}.sep`)) : t(`${K}.unchanged`);
}

export default function RuleVersions({ rule, onClose }: { rule: RuleRow; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const backend = useBackend();
  const code = rule.body.code;
  const versions = useLoad(["incidents", "ruleVersions", code], ["incidents"], () => backend.incidentRuleVersions(code));
  const rows = [...(versions.data ?? [])].reverse();
  const before = (v: RuleRow) => versions.data?.find((x) => x.version === v.version - 1)?.body;
  const columns: TableColumnsType<RuleRow> = [
    { title: t(`${K}.version`), dataIndex: "version", width: 80, render: (n: number) => t("incidents.book.rules.version", { n }) },
    {
      title: t(`${K}.effectiveFrom`),
      dataIndex: "effective_from",
      width: 120,
      render: (d: string) => (d <= BEGINNING ? t(`${K}.beginning`) : formatDate(d)),
    },
    { title: t(`${K}.changes`), key: "changes", width: 160, render: (_: unknown, v: RuleRow) => changedFields(t, before(v), v.body) },
    {
      title: t(`${K}.ladder`),
      key: "ladder",
      render: (_: unknown, v: RuleRow) => (
        <div>
          {ladderSteps(t, v.body.ladder).map((s, i) => (
            <div key={i}>{s}</div>
          ))}
          {v.body.co_penalties?.length ? <div className="fd-muted">{coPenaltiesText(t, v.body.co_penalties)}</div> : null}
        </div>
      ),
    },
  ];
  return (
    <Modal
      open
      width={860}
      title={t(`${K}.title`, { name: ruleName(rule.body, i18n.language === "en") })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <div data-testid="rule-versions">
        {versions.error ? <Alert type="error" showIcon title={errorText(t, versions.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<RuleRow>
          size="small"
          rowKey="version_id"
          columns={columns}
          dataSource={rows}
          loading={versions.loading && !versions.data}
          pagination={false}
          onRow={(v) => ({ "data-testid": `rule-version-${v.version}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
    </Modal>
  );
}
