// 台账: the month's incidents as far as the operator sees them (an agent their own, a lead their
// team's), newest first — when, who, which rule, 第N次, the actions (co-penalties beside them),
// the status and the acknowledgement — with filters, the month's totals of what is confirmed,
// and: 记录违规, 导出 Excel and 公示 (confirm_incidents), 月度结算 per person, and per row 详情.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, App, Button, Checkbox, Select, Space, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { FileExcelOutlined, NotificationOutlined, PlusOutlined, ProfileOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type IncidentRow, type IncidentStatus, type LineKind, type RuleRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useReportError } from "../../lib/hooks";
import { usePersonMatcher } from "../../lib/personSearch";
import { useCan, useSession } from "../../session";
import { money } from "./bookText";
import { useIncidentRules, useIncidents, usePublications } from "./incidentData";
import IncidentDetail from "./IncidentDetail";
import LineTags from "./IncidentLines";
import { ackState, coParty, safeFileName, siteDateTime, STATUS_COLOR, statusLabel, sumByKind } from "./incidentText";
import PublishModal from "./PublishModal";
import { RecordIncidentModal } from "./RecordIncidentModal";
import StatementView from "./StatementView";

const K = "incidents.ledger";

const STATUSES: IncidentStatus[] = ["proposed", "confirmed", "voided", "discarded"];
const ACK_COLOR = { signed: "green", refused: "red", none: undefined } as const;

type Person = { employee_no: string; name: string };

/** The totals of the confirmed rows' lines (one person's only, when the table is filtered to them). */
export function ledgerTotals(rows: readonly IncidentRow[], person: string | null): Record<LineKind, number> {
  return sumByKind(
    rows
      .filter((r) => r.status === "confirmed")
      .flatMap((r) => r.lines)
      .filter((l) => person === null || l.employee_no === person)
      .map((l) => l.line),
  );
}

export function LedgerTab({ month }: { month: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const { site, operator } = useSession();
  const canRecord = useCan("record_incidents");
  const canConfirm = useCan("confirm_incidents");
  const matches = usePersonMatcher();
  const list = useIncidents(month);
  const rules = useIncidentRules();
  const publications = usePublications(month);
  const [team, setTeam] = useState<number | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [status, setStatus] = useState<IncidentStatus | null>(null);
  const [showVoided, setShowVoided] = useState(false);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [recording, setRecording] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [statementOpen, setStatementOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const tz = site.time_zone;

  const rows = useMemo(() => list.data ?? [], [list.data]);
  const ruleByCode = useMemo(() => new Map<string, RuleRow>((rules.data ?? []).map((r) => [r.body.code, r])), [rules.data]);

  const teams = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of rows) if (r.team_id !== null) m.set(r.team_id, r.team_name ?? String(r.team_id));
    return [...m.entries()].map(([value, label]) => ({ value, label, title: label }));
  }, [rows]);

  const people = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) {
      if (r.employee_no) m.set(r.employee_no, r.name ?? "");
      for (const l of r.lines) if (!m.has(l.employee_no)) m.set(l.employee_no, l.name);
    }
    return [...m.entries()].map(([employee_no, name]): Person => ({ employee_no, name }));
  }, [rows]);

  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (team === null || r.team_id === team) &&
          (person === null || r.employee_no === person || r.lines.some((l) => l.employee_no === person)) &&
          (status !== null ? r.status === status : showVoided || (r.status !== "voided" && r.status !== "discarded")),
      ),
    [rows, team, person, status, showVoided],
  );
  const totals = useMemo(() => ledgerTotals(shown, person), [shown, person]);
  const detail = rows.find((r) => r.id === detailId) ?? null;
  const publicationOf = (r: IncidentRow) => (publications.data ?? []).find((p) => p.team_id === r.team_id && p.month === r.local_date.slice(0, 7)) ?? null;

  const exportLedger = async () => {
    const teamName = team !== null ? teams.find((x) => x.value === team)?.label : null;
    const name = safeFileName(`${site.name}-${t(`${K}.exportName`)}-${month}${teamName ? `-${teamName}` : ""}.xlsx`);
    const path = await backend.pickSaveFile(name, [{ name: t(`${K}.exportFilter`), extensions: ["xlsx"] }]);
    if (!path) return;
    setExporting(true);
    try {
      const count = await backend.exportLedger(month, team, path);
      void message.success(t(`${K}.exported`, { count, path }));
    } catch (e) {
      report(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<IncidentRow> = [
    { title: t(`${K}.time`), dataIndex: "ts", width: 132, render: (ts: string) => siteDateTime(ts, tz) },
    { title: t(`${K}.employeeNo`), dataIndex: "employee_no", width: 80, render: (no: string | null) => no ?? "—" },
    {
      title: t(`${K}.name`),
      dataIndex: "name",
      width: 90,
      render: (name: string | null, r: IncidentRow) => (r.employee_no ? (name ?? "") : <Typography.Text type="secondary">{t(`${K}.split`)}</Typography.Text>),
    },
    { title: t(`${K}.team`), dataIndex: "team_name", width: 100, render: (n: string | null) => n ?? "—" },
    {
      title: t(`${K}.rule`),
      key: "rule",
      width: 170,
      render: (_: unknown, r: IncidentRow) => (en && r.rule_name_en ? r.rule_name_en : r.rule_name_zh),
    },
    {
      title: t(`${K}.offence`),
      dataIndex: "offence_no",
      width: 72,
      render: (n: number | null) => (n === null ? "—" : t(`${K}.offenceNo`, { n })),
    },
    {
      title: t(`${K}.actions`),
      key: "lines",
      render: (_: unknown, r: IncidentRow) => (
        <LineTags lines={r.lines} party={coParty(ruleByCode.get(r.rule_code)?.body)} status={r.status} testId={`ledger-lines-${r.id}`} />
      ),
    },
    {
      title: t(`${K}.status`),
      dataIndex: "status",
      width: 80,
      render: (s: IncidentStatus, r: IncidentRow) => (
        <Tag color={STATUS_COLOR[s]} data-testid={`ledger-status-${r.id}`}>
          {statusLabel(t, s)}
        </Tag>
      ),
    },
    {
      title: t(`${K}.ack`),
      key: "ack",
      width: 80,
      render: (_: unknown, r: IncidentRow) => {
        if (r.status !== "confirmed" || !r.employee_no) return null;
        const a = ackState(r);
        return (
          <Tag color={ACK_COLOR[a]} data-testid={`ledger-ack-${r.id}`}>
            {t(`incidents.ackState.${a}`)}
          </Tag>
        );
      },
    },
    {
      title: t("common.actions"),
      key: "detail",
      width: 70,
      render: (_: unknown, r: IncidentRow) => (
        <Button type="link" size="small" onClick={() => setDetailId(r.id)} data-testid={`ledger-detail-${r.id}`}>
          {t(`${K}.detail`)}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="ledger-tab">
      <div className="fd-toolbar">
        <Select<number>
          allowClear
          style={{ width: 140 }}
          placeholder={t(`${K}.filterTeam`)}
          value={team ?? undefined}
          options={teams}
          onChange={(v) => setTeam(v ?? null)}
          data-testid="ledger-filter-team"
        />
        <Select<string>
          allowClear
          style={{ width: 160 }}
          placeholder={t(`${K}.filterPerson`)}
          value={person ?? undefined}
          showSearch={{ filterOption: (q, o) => matches(q, { employee_no: o?.value as string, name: String(o?.name ?? "") }) }}
          options={people.map((p) => ({ value: p.employee_no, label: `${p.employee_no} ${p.name}`, title: `${p.employee_no} ${p.name}`, name: p.name }))}
          onChange={(v) => setPerson(v ?? null)}
          data-testid="ledger-filter-person"
        />
        <Select<IncidentStatus>
          allowClear
          style={{ width: 120 }}
          placeholder={t(`${K}.filterStatus`)}
          value={status ?? undefined}
          options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s), title: statusLabel(t, s) }))}
          onChange={(v) => setStatus(v ?? null)}
          data-testid="ledger-filter-status"
        />
        <Checkbox checked={showVoided} onChange={(e) => setShowVoided(e.target.checked)} data-testid="ledger-show-voided">
          {t(`${K}.showVoided`)}
        </Checkbox>
        <span className="fd-toolbar-spacer" />
        <span className="fd-count" data-testid="ledger-count">
          {t(`${K}.count`, { count: shown.length })}
        </span>
        <Button icon={<ProfileOutlined />} onClick={() => setStatementOpen(true)} data-testid="ledger-statement">
          {t(`${K}.statement`)}
        </Button>
        {canConfirm ? (
          <>
            <Button icon={<NotificationOutlined />} onClick={() => setPublishing(true)} data-testid="ledger-publish">
              {t(`${K}.publish`)}
            </Button>
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportLedger()} data-testid="ledger-export">
              {t(`${K}.export`)}
            </Button>
          </>
        ) : null}
        {canRecord ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="ledger-record">
            {t(`${K}.record`)}
          </Button>
        ) : null}
      </div>
      {publications.data?.length ? (
        <Space wrap size={6} style={{ marginBottom: 8 }} data-testid="ledger-published">
          <Typography.Text type="secondary">{t("incidents.publish.list")}：</Typography.Text>
          {publications.data.map((p) => (
            <Tag key={p.id} color="blue">
              {p.team_name} · {t("incidents.publish.deadline")} {siteDateTime(p.appeal_deadline, tz)}
            </Tag>
          ))}
        </Space>
      ) : null}
      {list.error ? <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} data-testid="ledger-error" /> : null}
      <div className="fd-panel">
        <Table<IncidentRow>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={list.loading && !list.data}
          pagination={shown.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          locale={{ emptyText: t(`${K}.empty`) }}
          data-testid="ledger-table"
          rowClassName={(r) => (r.status === "voided" || r.status === "discarded" ? "fd-row-inactive" : "")}
          onRow={(r) => ({ "data-testid": `ledger-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}>
                <Typography.Text strong>{t(`${K}.totals`)}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} colSpan={columns.length - 6}>
                <Space size={12} wrap data-testid="ledger-totals">
                  <span data-testid="ledger-total-fines">{t(`${K}.totalFines`, { money: money(t, totals.penalty) })}</span>
                  <span data-testid="ledger-total-rewards">{t(`${K}.totalRewards`, { money: money(t, totals.reward) })}</span>
                  <span data-testid="ledger-total-compensation">{t(`${K}.totalCompensation`, { money: money(t, totals.compensation) })}</span>
                </Space>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </div>
      <IncidentDetail
        row={detail}
        rows={rows}
        rule={detail ? ruleByCode.get(detail.rule_code) : undefined}
        publication={detail ? publicationOf(detail) : null}
        onClose={() => setDetailId(null)}
        onChanged={list.reload}
      />
      {canRecord && recording ? (
        <RecordIncidentModal
          open
          onClose={() => setRecording(false)}
          onRecorded={() => {
            list.reload();
          }}
        />
      ) : null}
      {publishing ? (
        <PublishModal
          month={month}
          onClose={() => {
            setPublishing(false);
            publications.reload();
          }}
        />
      ) : null}
      <StatementView
        month={month}
        people={people.length || !operator.employee_no ? people : [{ employee_no: operator.employee_no, name: operator.display_name }]}
        initial={person ?? (canRecord ? null : operator.employee_no)}
        open={statementOpen}
        onClose={() => setStatementOpen(false)}
      />
    </div>
  );
}

