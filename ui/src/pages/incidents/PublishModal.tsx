// 公示: publish a team's month of the ledger; from then on each person may appeal their own
// records until the deadline the backend sets (the appeal_days policy). The month's
// publications show with their deadlines.
import { useState } from "react";
import { Alert, App, Button, Modal, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type LedgerPublication } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad, useBusy } from "../../lib/hooks";
import { useSession } from "../../session";
import { usePublications } from "./incidentData";
import { siteDateTime } from "./incidentText";

const K = "incidents.publish";

export default function PublishModal({ month, onClose }: { month: string; onClose: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { site } = useSession();
  const publications = usePublications(month);
  const teams = useLoad(["incidents", "publishTeams"], ["teams"], () => backend.listTeams());
  const [team, setTeam] = useState<number | null>(null);
  const { busy, run } = useBusy((e) => setRefusal(errorText(t, e)));
  const [refusal, setRefusal] = useState<string | null>(null);
  const tz = site.time_zone;

  const publish = async () => {
    if (team === null) return;
    setRefusal(null);
    await run(async () => {
      const p = await backend.publishLedger(team, month);
      void message.success(t(`${K}.done`, { team: p.team_name, month: p.month, deadline: siteDateTime(p.appeal_deadline, tz) }));
      publications.reload();
      setTeam(null);
    });
  };

  return (
    <Modal open width={680} title={t(`${K}.title`, { month })} onCancel={onClose} footer={null} destroyOnHidden>
      <div data-testid="ledger-publish-modal">
        <Typography.Paragraph type="secondary">{t(`${K}.intro`)}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<number>
            style={{ width: 220 }}
            placeholder={t(`${K}.teamRequired`)}
            aria-label={t(`${K}.team`)}
            value={team ?? undefined}
            loading={teams.loading && !teams.data}
            options={(teams.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name, title: x.name }))}
            onChange={setTeam}
            data-testid="ledger-publish-team"
          />
          <Button type="primary" disabled={team === null} loading={busy} onClick={() => void publish()} data-testid="ledger-publish-ok">
            {t(`${K}.ok`)}
          </Button>
        </Space>
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="ledger-publish-error" /> : null}
        {publications.error ? <Alert type="error" showIcon title={errorText(t, publications.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<LedgerPublication>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={publications.data ?? []}
          loading={publications.loading && !publications.data}
          locale={{ emptyText: t(`${K}.none`) }}
          data-testid="ledger-publications"
          columns={[
            { title: t(`${K}.team`), dataIndex: "team_name" },
            { title: t(`${K}.publishedAt`), dataIndex: "published_at", render: (at: string) => siteDateTime(at, tz) },
            { title: t(`${K}.by`), dataIndex: "published_by_name" },
            { title: t(`${K}.deadline`), dataIndex: "appeal_deadline", render: (at: string) => siteDateTime(at, tz) },
          ]}
        />
      </div>
    </Modal>
  );
}
