// 申诉 of a month's records, as far as the operator sees (an agent their own, a lead their team's):
// who, which rule, when filed, the grounds, the status (待处理 / 驳回 / 作废 / 改判), who decided,
// when and why. With confirm_incidents an open appeal is decided here (DecideAppealModal); filing
// an appeal happens from the ledger.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, Button, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type Appeal } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { siteDateTime } from "./incidentText";
import { useCan, useSession } from "../../session";
import { ruleName } from "./bookText";
import DecideAppealModal from "./DecideAppealModal";
import { useRuleBook } from "./RuleBookTab";

const K = "incidents.book.appeals";

const STATUS_COLOR: Record<string, string | undefined> = { open: "orange", rejected: "red", voided: undefined, changed: "blue" };

export function AppealsTab({ month }: { month: string }) {
  const timeZone = useSession().site.time_zone;
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const backend = useBackend();
  const canConfirm = useCan("confirm_incidents");
  const appeals = useLoad(["incidents", "appeals", month], ["incidents"], () => backend.incidentAppeals(month));
  const rules = useRuleBook();
  const [deciding, setDeciding] = useState<Appeal | null>(null);

  const names = useMemo(() => new Map((rules.data ?? []).map((r) => [r.body.code, ruleName(r.body, en)])), [rules.data, en]);
  const open = (appeals.data ?? []).filter((a) => a.decision === null).length;

  const columns: TableColumnsType<Appeal> = [
    {
      title: t(`${K}.person`),
      key: "person",
      width: 130,
      render: (_: unknown, a: Appeal) => (
        <span>
          {a.employee_no} {a.name}
        </span>
      ),
    },
    {
      title: t(`${K}.rule`),
      dataIndex: "rule",
      width: 170,
      render: (code: string) => (
        <div>
          <div>{names.get(code) ?? code}</div>
          {names.has(code) ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {code}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: t(`${K}.filedAt`), dataIndex: "filed_at", width: 140, render: (at: string) => siteDateTime(at, timeZone) },
    { title: t(`${K}.text`), dataIndex: "text", minWidth: 260 },
    {
      title: t(`${K}.status`),
      key: "status",
      width: 90,
      render: (_: unknown, a: Appeal) => {
        const s = a.decision ?? "open";
        return (
          <Tag color={STATUS_COLOR[s]} data-testid={`appeal-status-${a.id}`}>
            {t(`${K}.statuses.${s}`, { defaultValue: s })}
          </Tag>
        );
      },
    },
    {
      title: t(`${K}.decidedBy`),
      key: "decided",
      width: 150,
      render: (_: unknown, a: Appeal) => (
        <div>
          <div>{a.decided_by_name ?? ""}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {siteDateTime(a.decided_at, timeZone)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t(`${K}.reason`), dataIndex: "decision_reason", minWidth: 220, render: (r: string | null) => r ?? "" },
  ];
  if (canConfirm)
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 80,
      render: (_: unknown, a: Appeal) =>
        a.decision === null ? (
          <Button type="link" size="small" data-testid={`appeal-decide-${a.id}`} onClick={() => setDeciding(a)}>
            {t(`${K}.decide`)}
          </Button>
        ) : null,
    });

  return (
    <div data-testid="appeals-tab">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t(`${K}.title`)} · {month}
        </Typography.Title>
        {open > 0 ? (
          <Tag color="orange" data-testid="appeals-open-count">
            {t(`${K}.openCount`, { count: open })}
          </Tag>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t(`${K}.intro`)}</Typography.Paragraph>
      {appeals.error ? <Alert type="error" showIcon title={errorText(t, appeals.error)} style={{ marginBottom: 12 }} /> : null}
      <div className="fd-panel">
        <Table<Appeal>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={appeals.data ?? []}
          loading={appeals.loading && !appeals.data}
          pagination={false}
          locale={{ emptyText: t(`${K}.empty`) }}
          onRow={(a) => ({ "data-testid": `appeal-${a.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {deciding ? (
        <DecideAppealModal
          appeal={deciding}
          month={month}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            appeals.reload();
          }}
        />
      ) : null}
    </div>
  );
}
