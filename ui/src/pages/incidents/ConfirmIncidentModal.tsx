// 确认 a lead's proposal: what confirming would write now (preview_stored_incident — the person's
// history may have changed since it was entered), the warnings to accept, an optional change of
// the penalty with its reason; then confirm_incident writes the ledger.
import { useState } from "react";
import { Alert, App, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type IncidentRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad, useBusy } from "../../lib/hooks";
import { useSession } from "../../session";
import { useIncidentRules } from "./incidentData";
import { coParty, siteDateTime } from "./incidentText";
import ProposalView, { confirmationOf, decisionProblem, useDecision } from "./ProposalView";

const K = "incidents.proposals";

export default function ConfirmIncidentModal({ row, onClose, onDone }: { row: IncidentRow; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { site } = useSession();
  const rules = useIncidentRules();
  const stored = useLoad(["incidents", "storedPreview", row.id], ["incidents"], () => backend.previewStoredIncident(row.id));
  const preview = stored.data ?? null;
  const [decision, setDecision] = useDecision(preview);
  const { busy, run } = useBusy((e) => setRefusal(errorText(t, e)));
  const [refusal, setRefusal] = useState<string | null>(null);
  const body = (rules.data ?? []).find((r) => r.body.code === row.rule_code)?.body;
  const problem = preview ? decisionProblem(preview, decision) : null;

  const submit = async () => {
    setRefusal(null);
    await run(async () => {
      const record = await backend.confirmIncident(row.id, confirmationOf(decision));
      void message.success(t(`${K}.confirmed`, { record }));
      onDone();
    });
  };

  return (
    <Modal
      open
      width={680}
      title={t(`${K}.confirmTitle`, { id: row.id, name: row.name ?? row.team_name ?? "" })}
      okText={t(`${K}.ok`)}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      okButtonProps={{ disabled: !preview || !!problem, ...{ "data-testid": "incident-confirm-stored" } }}
      destroyOnHidden
    >
      <div data-testid="confirm-incident">
        <Typography.Paragraph>
          {siteDateTime(row.ts, site.time_zone)} · {row.employee_no ?? ""} {row.name ?? row.team_name ?? ""} ·{" "}
          {i18n.language === "en" && row.rule_name_en ? row.rule_name_en : row.rule_name_zh}
          {row.note ? ` · ${row.note}` : ""}
        </Typography.Paragraph>
        <ProposalView
          preview={preview}
          loading={stored.loading}
          error={stored.error ? errorText(t, stored.error) : null}
          party={coParty(body)}
          timeZone={site.time_zone}
          canConfirm
          decision={decision}
          onDecision={setDecision}
        />
        {problem ? (
          <Typography.Text type="warning" style={{ display: "block", marginTop: 6 }}>
            {t(`incidents.proposal.${problem}`)}
          </Typography.Text>
        ) : null}
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginTop: 8 }} data-testid="confirm-incident-error" /> : null}
      </div>
    </Modal>
  );
}
