// The form for the complaint's next step, and only that one: 分流, 调查判定 and 结案 for those who
// handle complaints; 答复 and 回访 for anyone (the backend refuses all but the routed agent, their
// lead and the handlers). While routed, a handler may route it again instead of ruling.
import { useState } from "react";
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintAction, ComplaintRow } from "../../backend";
import { useCan } from "../../session";
import CloseForm from "./CloseForm";
import { K, stepLabel } from "./complaintText";
import ReplyForm from "./ReplyForm";
import RouteForm from "./RouteForm";
import RuleForm from "./RuleForm";
import VisitForm from "./VisitForm";

const D = `${K}.drawer`;

type Submit = (a: ComplaintAction) => Promise<boolean>;

function Waiting({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" data-testid="complaint-step-waiting">
      {text}
    </Typography.Text>
  );
}

function NextStepForm({ row, onSubmit }: { row: ComplaintRow; onSubmit: Submit }) {
  const { t } = useTranslation();
  const canHandle = useCan("handle_complaints");
  const [rerouting, setRerouting] = useState(false);
  switch (row.next_step) {
    case "route":
      return canHandle ? <RouteForm onSubmit={onSubmit} /> : <Waiting text={t(`${D}.waitRoute`)} />;
    case "rule":
      if (!canHandle) return <Waiting text={t(`${D}.waitRule`)} />;
      return (
        <>
          {rerouting ? <RouteForm onSubmit={onSubmit} /> : <RuleForm row={row} onSubmit={onSubmit} />}
          <Button type="link" size="small" style={{ paddingInline: 0, marginTop: 8 }} onClick={() => setRerouting(!rerouting)} data-testid="complaint-reroute">
            {t(rerouting ? `${D}.cancelReroute` : `${D}.reroute`)}
          </Button>
        </>
      );
    case "reply":
      return <ReplyForm onSubmit={onSubmit} />;
    case "visit":
      return <VisitForm onSubmit={onSubmit} />;
    case "close":
      return canHandle ? <CloseForm onSubmit={onSubmit} /> : <Waiting text={t(`${D}.waitClose`)} />;
    default:
      return <Waiting text={t(`${D}.closed`)} />;
  }
}

export default function StepPanel({ row, onSubmit }: { row: ComplaintRow; onSubmit: Submit }) {
  const { t } = useTranslation();
  return (
    <div className="fd-panel" style={{ marginTop: 12 }} data-testid="complaint-next-step" data-step={row.next_step ?? "none"}>
      {row.next_step ? (
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {stepLabel(t, row.next_step)}
        </Typography.Title>
      ) : null}
      {/* A fresh form for each step taken (routing again counts), and each complaint. */}
      <NextStepForm key={`${row.id}-${row.status}-${row.steps.length}`} row={row} onSubmit={onSubmit} />
    </div>
  );
}
