// 详情: one incident — who, which rule, when and where, its lines, the person's earlier offences,
// the evidence files, the acknowledgement — and what may be done to it: confirm or discard a
// proposal (confirm_incidents), void a confirmed record (a reason and an approver's PIN), 签收 /
// 拒签, add evidence, print its notice, and, for the person themselves, appeal it.
import { useState } from "react";
import { Alert, App, Button, Descriptions, Drawer, Empty, Space, Tag, Typography } from "antd";
import type { CSSProperties } from "react";
import { CheckOutlined, FileAddOutlined, PrinterOutlined, StopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type IncidentRow, type LedgerPublication, type RuleRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad, useReportError } from "../../lib/hooks";
import { useCan, useSession } from "../../session";
import { money } from "./bookText";
import ConfirmIncidentModal from "./ConfirmIncidentModal";
import FineNoticePrint from "./FineNotice";
import { AckModal, AppealModal, DiscardModal, VoidModal } from "./IncidentActions";
import LineTags from "./IncidentLines";
import { ackState, baseName, coParty, siteDateTime, STATUS_COLOR, statusLabel } from "./incidentText";

const K = "incidents.detail";

type Dialog = "confirm" | "discard" | "void" | "sign" | "refuse" | "appeal" | "print" | null;

const LIST: CSSProperties = { listStyle: "none", margin: 0, padding: 0 };
const ITEM: CSSProperties = { padding: "4px 0", borderBottom: "1px solid var(--fd-border)" };

const EVIDENCE_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "webp", "bmp", "pdf"];

export default function IncidentDetail({
  row,
  rows,
  rule,
  publication,
  onClose,
  onChanged,
}: {
  row: IncidentRow | null;
  /** The month's incidents (for the same rule's other records when the history is not read). */
  rows: readonly IncidentRow[];
  rule: RuleRow | undefined;
  publication: LedgerPublication | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { site, operator } = useSession();
  const canConfirm = useCan("confirm_incidents");
  const canRecord = useCan("record_incidents");
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [adding, setAdding] = useState(false);
  const id = row?.id ?? null;
  // What confirming would write now, and the earlier offences this period (supervisors read it).
  const history = useLoad(["incidents", "storedPreview", id], ["incidents"], () =>
    id !== null && canConfirm ? backend.previewStoredIncident(id) : Promise.resolve(null),
  );

  const done = () => {
    setDialog(null);
    onChanged();
  };

  const addEvidence = async () => {
    if (!row) return;
    const path = await backend.pickOpenFile([{ name: t(`${K}.evidenceFilter`), extensions: EVIDENCE_EXTENSIONS }]);
    if (!path) return;
    setAdding(true);
    try {
      const stored = await backend.addIncidentEvidence(row.id, path);
      void message.success(t(`${K}.evidenceAdded`, { path: baseName(stored) }));
      onChanged();
    } catch (e) {
      report(e);
    } finally {
      setAdding(false);
    }
  };

  const tz = site.time_zone;
  const none = "—";
  let content = null;
  if (row) {
    const en = i18n.language === "en";
    const ack = ackState(row);
    const confirmed = row.status === "confirmed" && row.record_id !== null;
    const own = row.employee_no !== null && row.employee_no === operator.employee_no;
    const others = rows.filter((r) => r.id !== row.id && r.rule_code === row.rule_code && r.employee_no !== null && r.employee_no === row.employee_no);
    content = (
      <div data-testid="incident-detail">
        <Space wrap size={6} style={{ marginBottom: 12 }}>
          <Tag color={STATUS_COLOR[row.status]} data-testid="incident-detail-status">
            {statusLabel(t, row.status)}
          </Tag>
          {row.status === "proposed" && canConfirm ? (
            <>
              <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setDialog("confirm")} data-testid="incident-detail-confirm">
                {t(`${K}.confirm`)}
              </Button>
              <Button size="small" danger onClick={() => setDialog("discard")} data-testid="incident-detail-discard">
                {t(`${K}.discard`)}
              </Button>
            </>
          ) : null}
          {confirmed ? (
            <Button size="small" icon={<PrinterOutlined />} onClick={() => setDialog("print")} data-testid="incident-detail-print">
              {t(`${K}.print`)}
            </Button>
          ) : null}
          {confirmed && canConfirm ? (
            <Button size="small" danger icon={<StopOutlined />} onClick={() => setDialog("void")} data-testid="incident-detail-void">
              {t(`${K}.void`)}
            </Button>
          ) : null}
          {confirmed && own ? (
            <Button size="small" onClick={() => setDialog("appeal")} data-testid="incident-detail-appeal">
              {t(`${K}.appeal`)}
            </Button>
          ) : null}
        </Space>
        <Descriptions size="small" bordered column={1} styles={{ label: { width: 110 } }}>
          <Descriptions.Item label={t(`${K}.person`)}>
            <span data-testid="incident-detail-person">
              {row.employee_no ? `${row.employee_no} ${row.name ?? ""}` : t("incidents.ledger.split")}
              {row.team_name ? ` · ${row.team_name}` : ""}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t(`${K}.rule`)}>
            {en && row.rule_name_en ? row.rule_name_en : row.rule_name_zh} <Typography.Text type="secondary">{row.rule_code}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t(`${K}.ts`)}>{siteDateTime(row.ts, tz)}</Descriptions.Item>
          {row.offence_no !== null ? <Descriptions.Item label={t(`${K}.offence`)}>{t("incidents.ledger.offenceNo", { n: row.offence_no })}</Descriptions.Item> : null}
          <Descriptions.Item label={t(`${K}.lines`)}>
            <LineTags lines={row.lines} party={coParty(rule?.body)} status={row.status} testId="incident-detail-lines" />
          </Descriptions.Item>
          {row.severity !== null ? <Descriptions.Item label={t(`${K}.severity`)}>{row.severity}</Descriptions.Item> : null}
          {row.item_code ? (
            <Descriptions.Item label={t(`${K}.item`)}>
              {row.item_code}
              {row.item_price_fen !== null ? ` · ${money(t, row.item_price_fen)}` : ""}
            </Descriptions.Item>
          ) : null}
          {row.quantity !== 1 ? <Descriptions.Item label={t(`${K}.quantity`)}>{row.quantity}</Descriptions.Item> : null}
          {row.co_employee_no ? <Descriptions.Item label={t(`${K}.co`)}>{row.co_employee_no}</Descriptions.Item> : null}
          <Descriptions.Item label={t(`${K}.place`)}>{row.place ?? none}</Descriptions.Item>
          <Descriptions.Item label={t(`${K}.witness`)}>{row.witness ?? none}</Descriptions.Item>
          <Descriptions.Item label={t(`${K}.note`)}>{row.note ?? none}</Descriptions.Item>
          <Descriptions.Item label={t(`${K}.source`)}>{t(`incidents.sources.${row.source}`, { defaultValue: row.source })}</Descriptions.Item>
          <Descriptions.Item label={t(`${K}.recordedBy`)}>
            {row.recorded_by_name ?? none} · {siteDateTime(row.recorded_at, tz)}
          </Descriptions.Item>
          {row.record_id !== null ? <Descriptions.Item label={t(`${K}.record`)}>{row.record_id}</Descriptions.Item> : null}
          <Descriptions.Item label={t(`${K}.ack`)}>
            <Space wrap size={6}>
              <span data-testid="incident-detail-ack">
                {ack === "signed"
                  ? t(`${K}.signedAt`, { at: siteDateTime(row.acknowledged!.at, tz) })
                  : ack === "refused"
                    ? t(`${K}.refusedAt`, { at: siteDateTime(row.acknowledged!.at, tz), witness: row.acknowledged!.witness_name ?? none })
                    : t(`${K}.notAcked`)}
              </span>
              {confirmed && ack === "none" && row.employee_no ? (
                <>
                  <Button size="small" onClick={() => setDialog("sign")} data-testid="incident-detail-sign">
                    {t(`${K}.sign`)}
                  </Button>
                  {canRecord ? (
                    <Button size="small" onClick={() => setDialog("refuse")} data-testid="incident-detail-refuse">
                      {t(`${K}.refuse`)}
                    </Button>
                  ) : null}
                </>
              ) : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {canConfirm ? t(`${K}.earlier`) : t(`${K}.sameMonth`)}
        </Typography.Title>
        <div data-testid="incident-detail-earlier">
          {canConfirm ? (
            history.error ? (
              <Alert type="warning" showIcon title={errorText(t, history.error)} />
            ) : history.data?.earlier.length ? (
              <ul style={LIST}>
                {history.data.earlier.map((e) => (
                  <li key={e.incident_id} style={ITEM}>
                    {e.offence_no !== null ? `${t("incidents.ledger.offenceNo", { n: e.offence_no })} · ` : ""}
                    {siteDateTime(e.ts, tz)} · #{e.incident_id} <Tag color={STATUS_COLOR[e.status]}>{statusLabel(t, e.status)}</Tag>
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">{history.data ? t("incidents.proposal.noEarlier") : ""}</Typography.Text>
            )
          ) : others.length ? (
            <ul style={LIST}>
              {others.map((e) => (
                <li key={e.id} style={ITEM}>
                  {e.offence_no !== null ? `${t("incidents.ledger.offenceNo", { n: e.offence_no })} · ` : ""}
                  {siteDateTime(e.ts, tz)} · #{e.id} <Tag color={STATUS_COLOR[e.status]}>{statusLabel(t, e.status)}</Tag>
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Text type="secondary">{t("incidents.proposal.noEarlier")}</Typography.Text>
          )}
        </div>

        <Space style={{ marginTop: 16, marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t(`${K}.evidence`)}
          </Typography.Title>
          {canRecord && row.status !== "discarded" ? (
            <Button size="small" icon={<FileAddOutlined />} loading={adding} onClick={() => void addEvidence()} data-testid="incident-detail-add-evidence">
              {t(`${K}.addEvidence`)}
            </Button>
          ) : null}
        </Space>
        <div data-testid="incident-detail-evidence">
          {row.evidence.length ? (
            <ul style={LIST}>
              {row.evidence.map((p) => (
                <li key={p} style={ITEM} title={p}>
                  {baseName(p)}
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${K}.noEvidence`)} />
          )}
        </div>

        {dialog === "confirm" ? <ConfirmIncidentModal row={row} onClose={() => setDialog(null)} onDone={done} /> : null}
        {dialog === "discard" ? <DiscardModal row={row} onClose={() => setDialog(null)} onDone={done} /> : null}
        {dialog === "void" ? <VoidModal row={row} onClose={() => setDialog(null)} onDone={done} /> : null}
        {dialog === "sign" || dialog === "refuse" ? (
          <AckModal row={row} mode={dialog === "sign" ? "signed" : "refused"} onClose={() => setDialog(null)} onDone={done} />
        ) : null}
        {dialog === "appeal" ? <AppealModal row={row} onClose={() => setDialog(null)} onDone={done} /> : null}
        {confirmed ? (
          <FineNoticePrint
            row={row}
            source={rule?.body.source ?? null}
            currentVersionId={rule?.version_id ?? null}
            publication={publication} open={dialog === "print"} onClose={() => setDialog(null)} />
        ) : null}
      </div>
    );
  }

  return (
    <Drawer open={row !== null} onClose={onClose} size={560} title={row ? t(`${K}.title`, { id: row.id }) : ""} destroyOnHidden>
      {content}
    </Drawer>
  );
}
