// One complaint: its progress (登记 → … → 结案), its facts, the proposal a valid ruling made, and
// the form for the next step. Each step sends the action and shows the complaint as the backend
// returns it.
import { Alert, App, Drawer, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type ComplaintAction, type ComplaintRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useReportError } from "../../lib/hooks";
import ComplaintFacts from "./ComplaintFacts";
import ComplaintProposal from "./ComplaintProposal";
import { OverdueTag } from "./ComplaintTable";
import ComplaintTimeline from "./ComplaintTimeline";
import { useComplaint } from "./complaintData";
import { K, STATUS_COLOR, statusLabel, stepLabel } from "./complaintText";
import StepPanel from "./StepPanel";

const D = `${K}.drawer`;

export default function ComplaintDrawer({
  id,
  initial,
  onClose,
  onChanged,
}: {
  id: number;
  initial?: ComplaintRow;
  onClose: () => void;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const one = useComplaint(id);
  const row = one.data ?? initial;

  const advance = async (action: ComplaintAction): Promise<boolean> => {
    try {
      const next = await backend.advanceComplaint(id, action);
      one.patch(() => next);
      void message.success(t(`${D}.done`, { step: stepLabel(t, action.step) }));
      onChanged?.();
      return true;
    } catch (e) {
      report(e);
      return false;
    }
  };

  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      destroyOnHidden
      title={
        row ? (
          <Space size={8}>
            <span>{t(`${D}.title`, { id: row.id, customer: row.customer })}</span>
            <Tag color={STATUS_COLOR[row.status]} data-testid="complaint-drawer-status">
              {statusLabel(t, row.status)}
            </Tag>
            {row.overdue ? <OverdueTag testId="complaint-drawer-overdue" /> : null}
          </Space>
        ) : (
          t(`${D}.title`, { id, customer: "" })
        )
      }
    >
      <div data-testid="complaint-drawer">
        {one.error && !row ? <Alert type="error" showIcon title={errorText(t, one.error)} /> : null}
        {row ? (
          <>
            <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
              {t(`${D}.progress`)}
            </Typography.Text>
            <ComplaintTimeline row={row} />
            <StepPanel row={row} onSubmit={advance} />
            {row.incident_id !== null ? <ComplaintProposal incidentId={row.incident_id} /> : null}
            <Typography.Text type="secondary" style={{ display: "block", margin: "16px 0 8px" }}>
              {t(`${D}.facts`)}
            </Typography.Text>
            <ComplaintFacts row={row} />
          </>
        ) : null}
      </div>
    </Drawer>
  );
}
