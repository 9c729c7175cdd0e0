// After a valid ruling: the `valid_complaint` incident the backend proposed — its lines as the
// backend prices them now (罚款 ¥60.00, 书面检查) for those who confirm incidents — and where it
// waits: 违规与奖惩 › 待确认, for a supervisor or manager to confirm.
import { Alert, Space, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useCan } from "../../session";
import LineTags from "../incidents/IncidentLines";
import { K, nameIn } from "./complaintText";

const P = `${K}.proposal`;

function ProposalLines({ incidentId }: { incidentId: number }) {
  const { t, i18n } = useTranslation();
  const backend = useBackend();
  const preview = useLoad(["complaints", "proposal", incidentId], ["incidents", "complaints"], () => backend.previewStoredIncident(incidentId));
  const p = preview.data;
  if (preview.error) return <Alert type="warning" showIcon title={errorText(t, preview.error)} />;
  if (!p) {
    return (
      <Spin size="small" description={t(`${P}.loading`)}>
        <div style={{ minHeight: 32 }} />
      </Spin>
    );
  }
  const rule = nameIn({ name_zh: p.rule_name_zh, name_en: p.rule_name_en }, i18n.language === "en");
  return (
    <Space orientation="vertical" size={4}>
      <Typography.Text strong data-testid="complaint-proposal-head">
        {p.offence_no !== null ? t(`${P}.head`, { rule, n: p.offence_no }) : t(`${P}.headNoNumber`, { rule })}
      </Typography.Text>
      <LineTags lines={p.lines} party={null} testId="complaint-proposal-lines" />
    </Space>
  );
}

export default function ComplaintProposal({ incidentId }: { incidentId: number }) {
  const { t } = useTranslation();
  const canConfirm = useCan("confirm_incidents");
  return (
    <div className="fd-panel" data-testid="complaint-proposal" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" style={{ display: "block", marginBottom: 6 }}>
        {t(`${P}.title`)}
      </Typography.Text>
      {canConfirm ? <ProposalLines incidentId={incidentId} /> : null}
      <Typography.Paragraph type="secondary" style={{ margin: "6px 0 0" }}>
        {canConfirm ? t(`${P}.waits`) : t(`${P}.waitsId`, { id: incidentId })}
      </Typography.Paragraph>
    </div>
  );
}
