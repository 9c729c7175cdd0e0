// 待确认: incidents a team lead entered (whatever month they fall in), waiting for a supervisor or
// manager. With confirm_incidents each is confirmed (what confirming writes now, the warnings
// to accept, the penalty changed with a reason) or discarded with a reason; a lead sees their
// own team's waiting entries.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, Button, Space, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type IncidentRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useCan, useSession } from "../../session";
import ConfirmIncidentModal from "./ConfirmIncidentModal";
import { DiscardModal } from "./IncidentActions";
import IncidentDetail from "./IncidentDetail";
import { useIncidentRules } from "./incidentData";
import { siteDateTime } from "./incidentText";

const K = "incidents.proposals";

/** Every incident still proposed, in any month. */
export function useProposals() {
  const backend = useBackend();
  const all = useLoad(["incidents", "list", "all"], ["incidents"], () => backend.incidents({ month: null, team_id: null, employee_no: null, id: null }));
  const proposed = useMemo(() => (all.data ?? []).filter((r) => r.status === "proposed"), [all.data]);
  return { ...all, proposed };
}

export function ProposalsTab() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const { site } = useSession();
  const canConfirm = useCan("confirm_incidents");
  const proposals = useProposals();
  const rules = useIncidentRules();
  const [confirming, setConfirming] = useState<IncidentRow | null>(null);
  const [discarding, setDiscarding] = useState<IncidentRow | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const rows = proposals.proposed;
  const detail = rows.find((r) => r.id === detailId) ?? null;
  const tz = site.time_zone;

  const columns: TableColumnsType<IncidentRow> = [
    { title: t("incidents.ledger.time"), dataIndex: "ts", width: 132, render: (ts: string) => siteDateTime(ts, tz) },
    {
      title: t("incidents.detail.person"),
      key: "person",
      width: 140,
      render: (_: unknown, r: IncidentRow) => (r.employee_no ? `${r.employee_no} ${r.name ?? ""}` : `${t("incidents.ledger.split")} · ${r.team_name ?? ""}`),
    },
    { title: t("incidents.ledger.team"), dataIndex: "team_name", width: 100, render: (n: string | null) => n ?? "—" },
    { title: t("incidents.ledger.rule"), key: "rule", width: 170, render: (_: unknown, r: IncidentRow) => (en && r.rule_name_en ? r.rule_name_en : r.rule_name_zh) },
    { title: t("incidents.detail.note"), dataIndex: "note", render: (n: string | null) => n ?? "" },
    { title: t(`${K}.recordedBy`), dataIndex: "recorded_by_name", width: 90, render: (n: string | null) => n ?? "" },
    { title: t(`${K}.recordedAt`), dataIndex: "recorded_at", width: 132, render: (at: string) => siteDateTime(at, tz) },
    {
      title: t("common.actions"),
      key: "actions",
      width: canConfirm ? 180 : 70,
      render: (_: unknown, r: IncidentRow) => (
        <Space size={0}>
          {canConfirm ? (
            <>
              <Button type="link" size="small" onClick={() => setConfirming(r)} data-testid={`proposal-confirm-${r.id}`}>
                {t(`${K}.confirm`)}
              </Button>
              <Button type="link" size="small" danger onClick={() => setDiscarding(r)} data-testid={`proposal-discard-${r.id}`}>
                {t(`${K}.discard`)}
              </Button>
            </>
          ) : null}
          <Button type="link" size="small" onClick={() => setDetailId(r.id)} data-testid={`proposal-detail-${r.id}`}>
            {t("incidents.ledger.detail")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="proposals-tab">
      <Typography.Paragraph type="secondary">{t(`${K}.intro`)}</Typography.Paragraph>
      {proposals.error ? <Alert type="error" showIcon title={errorText(t, proposals.error)} style={{ marginBottom: 12 }} /> : null}
      <div className="fd-panel">
        <Table<IncidentRow>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={proposals.loading && !proposals.data}
          pagination={false}
          locale={{ emptyText: t(`${K}.empty`) }}
          data-testid="proposals-table"
          onRow={(r) => ({ "data-testid": `proposal-${r.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {confirming ? (
        <ConfirmIncidentModal
          row={confirming}
          onClose={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            proposals.reload();
          }}
        />
      ) : null}
      {discarding ? (
        <DiscardModal
          row={discarding}
          onClose={() => setDiscarding(null)}
          onDone={() => {
            setDiscarding(null);
            proposals.reload();
          }}
        />
      ) : null}
      <IncidentDetail
        row={detail}
        rows={rows}
        rule={detail ? (rules.data ?? []).find((r) => r.body.code === detail.rule_code) : undefined}
        publication={null}
        onClose={() => setDetailId(null)}
        onChanged={proposals.reload}
      />
    </div>
  );
}
