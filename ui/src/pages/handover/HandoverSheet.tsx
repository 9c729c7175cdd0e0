// One shift's 交接班记录 as printed on A4 portrait (docs/design/handover.md §8.5): heading, 点名,
// 交接事项, 补充说明, the signatures with their 校验码 (the first 12 hex digits of each signature
// record's SHA-256, so a paper copy proves what was signed) and the print time. An unsigned log
// prints 草稿（未签字） across the heading. Times are the site's.
import { useTranslation } from "react-i18next";
import type { HandoverLogView, Side, SignatureView } from "../../backend";
import { shiftText, siteDateTime, spanText } from "./HandoverSheetFormat";
import { AddendaTable, ItemsTable, RollCallTable } from "./HandoverSheetTables";
import { personText } from "./signers";

export type HandoverSheetProps = {
  log: HandoverLogView;
  siteName: string;
  timeZone: string;
  /** When it is printed (the footer's 打印时间). */
  printedAt: string;
};

/**
 * The sheet's look, on screen (a preview in print units) and on paper, where it alone is shown
 * and runs on over as many pages as it needs (the modal around it stops being a fixed box). The
 * global print rule hides the app and everything else; the page is the stylesheet's A4 portrait.
 * Injected while the print view is open (see HandoverPrint.tsx), like the roster's page rule.
 */
export const HANDOVER_SHEET_CSS = `
.fd-print-handover { position: relative; color: #000; background: #fff; font-size: 10pt; line-height: 1.35; }
.fd-hs-title { margin: 0 0 4pt; font-size: 15pt; text-align: center; }
.fd-hs-heading { display: flex; flex-wrap: wrap; justify-content: center; gap: 2pt 12pt; margin-bottom: 6pt; }
.fd-hs-draft { position: absolute; top: 0; left: 50%; transform: translate(-50%, 2pt) rotate(-6deg); border: 2pt solid #000;
  padding: 1pt 12pt; font-size: 16pt; font-weight: bold; letter-spacing: 2pt; opacity: 0.4; white-space: nowrap; pointer-events: none; }
.fd-hs-section { margin: 10pt 0 3pt; font-size: 11pt; font-weight: bold; }
.fd-hs-table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 9pt; }
.fd-hs-table th, .fd-hs-table td { border: 0.5pt solid #000; padding: 1.5pt 3pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.fd-hs-table thead th { font-weight: bold; background: #eee; }
.fd-hs-table tr { break-inside: avoid; }
.fd-hs-none { text-align: center !important; }
.fd-hs-text { white-space: pre-wrap; }
.fd-hs-mark { display: inline-block; margin-left: 3pt; padding: 0 2pt; border: 0.5pt solid #000; font-size: 8pt; line-height: 1.2; }
.fd-hs-code { font-family: "Consolas", "Menlo", monospace; letter-spacing: 0.5pt; }
.fd-hs-sign > div { display: flex; flex-wrap: wrap; gap: 0 12pt; margin: 3pt 0; break-inside: avoid; }
.fd-hs-foot { margin-top: 14pt; font-size: 8pt; text-align: center; }
@media print {
  /* The app's grey page colour would print as a band below the sheet (the body is a page high). */
  html, body { background: #fff !important; }
  .fd-print-handover, .fd-print-handover * { visibility: visible; }
  .fd-print-handover { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .fd-handover-print-wrap, .fd-handover-print-wrap .ant-modal, .fd-handover-print-wrap .ant-modal-container,
  .fd-handover-print-wrap .ant-modal-content, .fd-handover-print-wrap .ant-modal-body {
    position: static !important; overflow: visible !important; inset: auto !important; width: auto !important;
    max-width: none !important; margin: 0 !important; padding: 0 !important; box-shadow: none !important; transform: none !important; }
  .fd-handover-print-wrap .ant-modal-header, .fd-handover-print-wrap .ant-modal-footer,
  .fd-handover-print-wrap .ant-modal-close { display: none !important; }
}
`;

export default function HandoverSheet({ log, siteName, timeZone, printedAt }: HandoverSheetProps) {
  const { t } = useTranslation();
  const nextDay = t("handover.sign.print.nextDay");
  const signed = log.signatures.length > 0;
  const outgoingSig = log.signatures.find((s) => s.side === "outgoing");
  const mode = outgoingSig?.mode ?? (log.incoming?.meets ? "face_to_face" : "alone");
  const lead = log.outgoing_lead.person ? personText(t, log.outgoing_lead.person) : t(`handover.basis.${log.outgoing_lead.basis}`);
  const override = log.signatures.find((s) => s.override_reason)?.override_reason;
  return (
    <div className="fd-print-handover" data-testid="handover-print-sheet">
      {!signed ? (
        <div className="fd-hs-draft" data-testid="handover-print-draft">
          {t("handover.sign.print.draft")}
        </div>
      ) : null}
      <h2 className="fd-hs-title" data-testid="handover-print-title">
        {t("handover.sign.print.title", { site: siteName })}
      </h2>
      <div className="fd-hs-heading" data-testid="handover-print-heading">
        <span>{log.key.date}</span>
        <span>{log.team_name}</span>
        <span>
          {shiftText(log.shift_name, log.key.shift)} {spanText(log.start, log.end, timeZone, nextDay)}
        </span>
        <span>
          {log.incoming
            ? t("handover.sign.print.incoming", {
                shift: shiftText(log.incoming.name, log.incoming.key.shift),
                times: spanText(log.incoming.start, log.incoming.end, timeZone, nextDay),
              })
            : t("handover.sign.print.noIncoming")}
        </span>
        <span>{t(`handover.mode.${mode}`)}</span>
      </div>

      <div className="fd-hs-section">{t("handover.sign.print.rollCall", { lead })}</div>
      <RollCallTable rows={log.roll_call} />
      <div className="fd-hs-section">{t("handover.sign.print.items")}</div>
      <ItemsTable items={log.items} />
      <div className="fd-hs-section">{t("handover.sign.print.addenda")}</div>
      <AddendaTable addenda={log.addenda} timeZone={timeZone} />

      <div className="fd-hs-section">{t("handover.sign.print.signatures")}</div>
      <div className="fd-hs-sign">
        <SignatureLine side="outgoing" sig={outgoingSig} timeZone={timeZone} />
        <SignatureLine side="incoming" sig={log.signatures.find((s) => s.side === "incoming")} timeZone={timeZone} />
        <div data-testid="handover-print-override">
          {t("handover.sign.print.override")}：{override ?? "—"}
        </div>
      </div>
      <div className="fd-hs-foot" data-testid="handover-print-footer">
        {t("handover.sign.print.footer", { at: siteDateTime(printedAt, timeZone) })}
      </div>
    </div>
  );
}

function SignatureLine({ side, sig, timeZone }: { side: Side; sig: SignatureView | undefined; timeZone: string }) {
  const { t } = useTranslation();
  const label = t(side === "outgoing" ? "handover.outgoingLead" : "handover.incomingLead");
  if (!sig) {
    return (
      <div data-testid={`handover-print-sign-${side}`}>
        <span>
          {label}：{t("handover.sign.print.notSigned")}
        </span>
      </div>
    );
  }
  return (
    <div data-testid={`handover-print-sign-${side}`}>
      <span>
        {label}：{personText(t, sig.signer)}
        {sig.basis === "stand_in" ? ` ${t("handover.basis.stand_in")}` : ""}
      </span>
      <span>{siteDateTime(sig.signed_at, timeZone)}</span>
      <span>{t(`handover.mode.${sig.mode}`)}</span>
      <span>
        {t("handover.checkCode")} <span className="fd-hs-code">{sig.hash_prefix}</span>
      </span>
    </div>
  );
}
