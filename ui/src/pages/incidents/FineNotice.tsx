// 罚款通知单 (奖励通知单 for a reward, 赔偿通知单 for equipment paid for): one confirmed record on
// A4 portrait, black on white — the site, 编号, who, when and where, the offence and the rule's
// own words (依据), 第N次, the actions with their amounts and the total in 大写, until when it
// may be appealed, and lines for the signatures. Printed through the window, or saved as a PDF
// (save_print_pdf) as the other sheets are. The amounts are the record's, as the backend sent them.
import { useEffect, useState } from "react";
import { Button, Modal } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { IncidentRow, LedgerPublication, LineKind } from "../../backend";
import { useBackend } from "../../backend";
import SavePdfButton from "../../components/SavePdfButton";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import { actionLabel, formatYuan } from "./bookText";
import { toChineseAmount } from "./chineseAmount";
import { coWho, lineText, linesByPerson, linesText, safeFileName, siteDateTime } from "./incidentText";

const K = "incidents.notice";

export const FINE_NOTICE_CSS = `
.fd-print-notice { position: relative; color: #000; background: #fff; font-size: 11pt; line-height: 1.45; padding: 4pt; }
.fd-fn-site { margin: 0; font-size: 12pt; text-align: center; }
.fd-fn-title { margin: 2pt 0 10pt; font-size: 17pt; text-align: center; letter-spacing: 4pt; }
.fd-fn-no { text-align: right; font-size: 10pt; margin-bottom: 4pt; }
.fd-fn-stamp { position: absolute; top: 0; left: 0; border: 1.5pt solid #000; padding: 1pt 8pt; font-size: 10pt; font-weight: bold; opacity: 0.6; }
.fd-fn-table { width: 100%; border-collapse: collapse; margin-bottom: 10pt; table-layout: fixed; }
.fd-fn-table th, .fd-fn-table td { border: 0.5pt solid #000; padding: 3pt 6pt; text-align: left; vertical-align: top; }
.fd-fn-table th { width: 16%; font-weight: bold; background: #fff; }
.fd-fn-num { text-align: right !important; font-variant-numeric: tabular-nums; width: 26% !important; }
.fd-fn-big { font-size: 13pt; font-weight: bold; }
.fd-fn-note { margin: 0 0 8pt; font-size: 10pt; }
.fd-fn-sign { display: flex; flex-wrap: wrap; gap: 14pt 24pt; margin-top: 24pt; }
.fd-fn-sign span { display: inline-block; min-width: 38mm; border-bottom: 0.75pt solid #000; }
.fd-fn-foot { margin-top: 18pt; font-size: 8pt; text-align: right; }
@media print {
  html, body { background: #fff !important; }
  .fd-print-notice, .fd-print-notice * { visibility: visible; }
  .fd-print-notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .fd-notice-print-wrap, .fd-notice-print-wrap .ant-modal, .fd-notice-print-wrap .ant-modal-container,
  .fd-notice-print-wrap .ant-modal-content, .fd-notice-print-wrap .ant-modal-body {
    position: static !important; overflow: visible !important; inset: auto !important; width: auto !important;
    max-width: none !important; margin: 0 !important; padding: 0 !important; box-shadow: none !important; transform: none !important; }
  .fd-notice-print-wrap .ant-modal-header, .fd-notice-print-wrap .ant-modal-footer,
  .fd-notice-print-wrap .ant-modal-close { display: none !important; }
}
`;

/** Which notice a record is: a reward's, equipment paid for, else a fine's (warnings included). */
export function noticeKind(kinds: readonly LineKind[]): LineKind {
  if (kinds.includes("penalty")) return "penalty";
  if (kinds.includes("compensation")) return "compensation";
  if (kinds.includes("reward")) return "reward";
  return "penalty";
}

const TITLE: Record<LineKind, string> = { penalty: "titlePenalty", reward: "titleReward", compensation: "titleCompensation" };

export type FineNoticeProps = {
  row: IncidentRow;
  /** The rule's own words (依据), from the book. */
  source: string | null;
  siteName: string;
  timeZone: string;
  /** The team's month as published, when it is. */
  publication: LedgerPublication | null;
  /** When printed, as the site's clock shows it. */
  printedAt: string;
};

export function FineNotice({ row, source, siteName, timeZone, publication, printedAt }: FineNoticeProps) {
  const { t, i18n } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${K}.${key}`, o);
  const own = row.lines.filter((l) => l.co_penalty_of === null);
  const co = linesByPerson(row.lines.filter((l) => l.co_penalty_of !== null));
  const split = linesByPerson(own).length > 1;
  const kind = noticeKind(own.map((l) => l.line.kind));
  const total = own.reduce((sum, l) => sum + l.line.amount_fen, 0);
  const ruleName = i18n.language === "en" && row.rule_name_en ? row.rule_name_en : row.rule_name_zh;
  const none = k("none");
  return (
    <div className="fd-print-notice" data-testid="fine-notice">
      {row.status === "voided" ? <div className="fd-fn-stamp">{k("voided")}</div> : null}
      <p className="fd-fn-site">{siteName}</p>
      <h2 className="fd-fn-title" data-testid="fine-notice-title">
        {k(TITLE[kind])}
      </h2>
      <div className="fd-fn-no" data-testid="fine-notice-no">
        {k("no")}：{row.record_id ?? row.id}
      </div>
      <table className="fd-fn-table">
        <tbody>
          <tr>
            <th>{k("name")}</th>
            <td data-testid="fine-notice-name">{row.name ?? none}</td>
            <th>{k("employeeNo")}</th>
            <td>{row.employee_no ?? none}</td>
          </tr>
          <tr>
            <th>{k("team")}</th>
            <td colSpan={3}>{row.team_name ?? none}</td>
          </tr>
          <tr>
            <th>{k("time")}</th>
            <td>{siteDateTime(row.ts, timeZone)}</td>
            <th>{k("place")}</th>
            <td>{row.place ?? none}</td>
          </tr>
          <tr>
            <th>{kind === "reward" ? k("matterReward") : k("matter")}</th>
            <td colSpan={3} data-testid="fine-notice-matter">
              {ruleName}
              {row.note ? `：${row.note}` : ""}
            </td>
          </tr>
          <tr>
            <th>{k("basis")}</th>
            <td colSpan={3} data-testid="fine-notice-basis">
              {source || none}
            </td>
          </tr>
          {row.offence_no !== null ? (
            <tr>
              <th>{k("offence")}</th>
              <td colSpan={3} data-testid="fine-notice-offence">
                {t("incidents.ledger.offenceNo", { n: row.offence_no })}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <table className="fd-fn-table">
        <thead>
          <tr>
            <th style={{ width: "auto" }}>{k("handling")}</th>
            <th className="fd-fn-num">{k("amount")}</th>
          </tr>
        </thead>
        <tbody>
          {own.map((l, i) => (
            <tr key={i} data-testid={`fine-notice-line-${i}`}>
              <td>
                {split ? `${coWho(t, l, null)} ` : ""}
                {l.line.action === "pay_percent" ? lineText(t, l.line) : actionLabel(t, l.line.action)}
              </td>
              <td className="fd-fn-num">{l.line.amount_fen > 0 ? `¥${formatYuan(l.line.amount_fen)}` : none}</td>
            </tr>
          ))}
          <tr>
            <th style={{ width: "auto" }}>{k("total")}</th>
            <td className="fd-fn-num fd-fn-big" data-testid="fine-notice-total">
              ¥{formatYuan(total)}
            </td>
          </tr>
          <tr>
            <th style={{ width: "auto" }}>{k("totalUpper")}</th>
            <td className="fd-fn-num fd-fn-big" data-testid="fine-notice-total-upper">
              {toChineseAmount(total)}
            </td>
          </tr>
        </tbody>
      </table>

      {co.length ? (
        <p className="fd-fn-note" data-testid="fine-notice-co">
          {co.map((p) => t("incidents.line.co", { who: coWho(t, p, null), what: linesText(t, p.lines) })).join("；")}
        </p>
      ) : null}
      <p className="fd-fn-note" data-testid="fine-notice-appeal">
        {k("appeal")}：
        {publication ? k("appealBy", { deadline: siteDateTime(publication.appeal_deadline, timeZone) }) : k("appealUnpublished")}
      </p>
      {kind === "penalty" && total > 0 ? <p className="fd-fn-note">{k("fund")}</p> : null}

      <div className="fd-fn-sign">
        <div>
          {k("signPerson")}：<span />
        </div>
        <div>
          {k("signLead")}：<span />
        </div>
        <div>
          {k("signSupervisor")}：<span />
        </div>
        <div>
          {k("date")}：<span />
        </div>
      </div>
      <div className="fd-fn-foot">{k("printedAt", { at: printedAt })}</div>
    </div>
  );
}

function useNoticeStyle(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const style = document.createElement("style");
    style.setAttribute("data-fd-print", "fine-notice");
    style.textContent = FINE_NOTICE_CSS;
    document.head.appendChild(style);
    return () => style.remove();
  }, [active]);
}

export default function FineNoticePrint(props: {
  row: IncidentRow;
  /** The rule's words as of its newest version (the record's own version's are read when it differs). */
  source: string | null;
  currentVersionId: number | null;
  publication: LedgerPublication | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { site } = useSession();
  const backend = useBackend();
  useNoticeStyle(props.open);
  // 依据 as the record was judged by: its own version of the rule.
  const older = props.open && props.currentVersionId !== props.row.rule_version_id;
  const versions = useLoad(["incidents", "noticeVersions", props.row.rule_code, older], ["incidents"], () =>
    older ? backend.incidentRuleVersions(props.row.rule_code) : Promise.resolve([]),
  );
  const judged = versions.data?.find((v) => v.version_id === props.row.rule_version_id);
  const source = older ? (judged?.body.source ?? props.source) : props.source;
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (props.open) setPrintedAt(new Date().toISOString());
  }, [props.open]);
  const kind = noticeKind(props.row.lines.filter((l) => l.co_penalty_of === null).map((l) => l.line.kind));
  const fileName = safeFileName(
    `${site.name}-${t(`${K}.${TITLE[kind]}`)}-${props.row.record_id ?? props.row.id}-${props.row.employee_no ?? ""}-${props.row.name ?? props.row.team_name ?? ""}.pdf`,
  );
  return (
    <Modal
      open={props.open}
      title={t(`${K}.modalTitle`)}
      onCancel={props.onClose}
      width={760}
      classNames={{ wrapper: "fd-notice-print-wrap" }}
      footer={[
        <Button key="close" onClick={props.onClose} data-testid="fine-notice-close">
          {t("common.cancel")}
        </Button>,
        <SavePdfButton key="pdf" defaultName={fileName} landscape={false} testId="fine-notice-pdf" />,
        <Button key="print" type="primary" icon={<PrinterOutlined />} data-testid="fine-notice-print" onClick={() => window.print()}>
          {t(`${K}.print`)}
        </Button>,
      ]}
      destroyOnHidden
    >
      <FineNotice
        row={props.row}
        source={source}
        siteName={site.name}
        timeZone={site.time_zone}
        publication={props.publication}
        printedAt={siteDateTime(printedAt, site.time_zone)}
      />
    </Modal>
  );
}
