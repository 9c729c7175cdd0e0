// The selected log's heading: which shift hands to which and how (当面交接 or 交班后接班签收), the two
// 交接班长 and why they sign, the status, what a sign-off now would refuse with (the backend's
// `blockers`), the actions, and the signatures once signed. Which actions show is the operator's
// permission and the log's status as the backend says it; whether an action succeeds is the
// backend's answer.
import { useState } from "react";
import { Alert, Button, Space, Tag } from "antd";
import { EditOutlined, FileAddOutlined, PlayCircleOutlined, PrinterOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverLogView, type LeadView, type LogKey, type PersonRef, type SignatureView } from "../../backend";
import { errorText } from "../../lib/errors";
import { siteDateTime, span } from "./handoverTime";
import { StatusTag } from "./ShiftList";
import LeadDesignation from "./LeadDesignation";

export type LogDialog = "sign" | "receive" | "print";

export type HeaderPermissions = {
  /** RunHandover: open the log (开始点名), addenda. */
  run: boolean;
  /** 签字交接 / 接班签收 buttons (the PINs decide who actually signs). */
  sign: boolean;
  receive: boolean;
  /** OverrideHandover: name a shift's 交接班长. */
  designate: boolean;
};

type Props = {
  log: HandoverLogView;
  zone: string;
  can: HeaderPermissions;
  onOpened: (view: HandoverLogView) => void;
  onRefusal: (error: unknown | null) => void;
  onDialog: (dialog: LogDialog) => void;
  onAddendum: () => void;
};

/** 白班 D, or the spans alone when a shift has no template name. */
function shiftLabel(name: string, key: string): string {
  return name === key ? name : `${name} ${key}`;
}

export default function LogHeader({ log, zone, can, onOpened, onRefusal, onDialog, onAddendum }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [opening, setOpening] = useState(false);
  const [designating, setDesignating] = useState<{ key: LogKey; label: string; members: PersonRef[]; lead: LeadView } | null>(null);
  const incoming = log.incoming;

  const open = async () => {
    setOpening(true);
    try {
      onOpened(await backend.openHandoverLog(log.key));
      onRefusal(null);
    } catch (error) {
      onRefusal(error);
    } finally {
      setOpening(false);
    }
  };

  const thisLabel = shiftLabel(log.shift_name, log.key.shift);
  const incomingLabel = incoming ? shiftLabel(incoming.name, incoming.key.shift) : "";
  // Across midnight the incoming shift is another day's: say which.
  const incomingSpan = incoming ? `${incoming.key.date !== log.key.date ? `${incoming.key.date.slice(5)} ` : ""}${span(incoming.start, incoming.end, zone)}` : "";

  return (
    <div data-testid="handover-log-header">
      <div style={{ fontSize: 16, fontWeight: 600 }} data-testid="handover-log-title">
        {`${log.key.date} ${log.team_name} ${thisLabel} ${span(log.start, log.end, zone)}`}
        {" → "}
        {incoming
          ? `${t("handover.page.heading.incoming", { name: incomingLabel, span: incomingSpan })}${t(incoming.meets ? "handover.page.heading.meets" : "handover.page.heading.alone")}`
          : t("handover.page.heading.noIncoming")}
      </div>
      <Space wrap size={16} style={{ margin: "6px 0" }}>
        <LeadLine
          label={t("handover.outgoingLead")}
          lead={log.outgoing_lead}
          testId="handover-lead-outgoing"
          onDesignate={
            can.designate ? () => setDesignating({ key: log.key, label: thisLabel, members: log.roll_call.filter((r) => r.rostered), lead: log.outgoing_lead }) : undefined
          }
        />
        {incoming ? (
          <LeadLine
            label={t("handover.incomingLead")}
            lead={incoming.lead}
            testId="handover-lead-incoming"
            onDesignate={can.designate ? () => setDesignating({ key: incoming.key, label: incomingLabel, members: incoming.members, lead: incoming.lead }) : undefined}
          />
        ) : null}
        <span>
          {t("handover.page.heading.status")} <StatusTag status={log.status} end={log.end} testId="handover-log-status" />
        </span>
        {log.reminders.map((r) => (
          <Tag key={r.id} color="red">
            {t(`handover.reminder.${r.kind}`)}
            {r.item_title ? `：${r.item_title}` : ""}
          </Tag>
        ))}
      </Space>
      {log.blockers.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="handover-blockers"
          title={log.blockers.map((p, i) => (
            <div key={i}>{errorText(t, p)}</div>
          ))}
        />
      ) : null}
      <Space wrap>
        {log.status === "not_opened" && can.run ? (
          <Button type="primary" icon={<PlayCircleOutlined />} loading={opening} onClick={() => void open()} data-testid="handover-open">
            {t("handover.page.actions.startRollCall")}
          </Button>
        ) : null}
        {log.status === "open" && can.sign ? (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => onDialog("sign")} data-testid="handover-sign-open">
            {t("handover.page.actions.sign")} <span className="fd-muted">Alt+S</span>
          </Button>
        ) : null}
        {log.status === "awaiting_receipt" && can.receive ? (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => onDialog("receive")} data-testid="handover-receive-open">
            {t("handover.page.actions.receive")} <span className="fd-muted">Alt+S</span>
          </Button>
        ) : null}
        <Button icon={<PrinterOutlined />} onClick={() => onDialog("print")} data-testid="handover-print-open">
          {t("handover.page.actions.print")}
        </Button>
        {log.frozen && can.run ? (
          <Button icon={<FileAddOutlined />} onClick={onAddendum} data-testid="handover-addendum-open">
            {t("handover.page.actions.addendum")}
          </Button>
        ) : null}
      </Space>
      {log.signatures.map((s) => (
        <SignatureLine key={`${s.side}-${s.mode}`} signature={s} zone={zone} />
      ))}
      {designating ? (
        <LeadDesignation
          logKey={designating.key}
          shiftLabel={designating.label}
          members={designating.members}
          current={designating.lead.person?.employee_no ?? null}
          onClose={() => setDesignating(null)}
        />
      ) : null}
    </div>
  );
}

function LeadLine({ label, lead, testId, onDesignate }: { label: string; lead: LeadView; testId: string; onDesignate?: () => void }) {
  const { t } = useTranslation();
  return (
    <span data-testid={testId}>
      {label} {lead.person ? <strong>{lead.person.name}</strong> : null}{" "}
      <Tag color={lead.basis === "team_lead" ? "blue" : lead.basis === "designated" ? "purple" : "default"}>{t(`handover.basis.${lead.basis}`)}</Tag>
      {onDesignate ? (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={onDesignate} data-testid={`${testId}-designate`}>
          {t("handover.page.actions.designate")}
        </Button>
      ) : null}
    </span>
  );
}

/** 交班班长：王静（1001） [班长] 2026-11-23 16:04 当面交接 校验码 3f2a9c01b7e4 */
function SignatureLine({ signature: s, zone }: { signature: SignatureView; zone: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`handover-signature-${s.side}`} style={{ marginTop: 6 }}>
      {t("handover.page.signature.line", { side: t(`handover.side.${s.side}`), name: s.signer.name, employee_no: s.signer.employee_no })}{" "}
      <Tag>{t(`handover.basis.${s.basis}`)}</Tag>{" "}
      {siteDateTime(s.signed_at, zone)} {t(`handover.mode.${s.mode}`)} {t("handover.checkCode")} <code>{s.hash_prefix}</code>
      {s.override_reason ? <div className="fd-muted">{t("handover.page.signature.override", { reason: s.override_reason })}</div> : null}
    </div>
  );
}
