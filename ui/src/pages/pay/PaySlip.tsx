// 工资条: one agent's month on A4 portrait, black on white — the site, the month, 工号 / 姓名 /
// 班组, then 基本工资, 提成 with its basis, 奖励 and 罚款 itemised from the ledger, 应发 in figures
// and in 大写, the deduction cap check (《工资支付暂行规定》) and a line for the employee's
// signature. Every amount is the backend's pay line; the slip only lays it out.
import { useTranslation } from "react-i18next";
import type { PaySlip as Slip } from "../../backend";
import { toChineseAmount } from "../incidents/chineseAmount";
import { P, moneyText } from "./payrollText";
import { commissionBasis, slipItems, type SlipItem } from "./slipRows";

export const PAY_SLIP_CSS = `
.fd-print-payslip { color: #000; background: #fff; font-size: 11pt; line-height: 1.45; padding: 4pt; }
.fd-ps-site { margin: 0; font-size: 12pt; text-align: center; }
.fd-ps-title { margin: 2pt 0 10pt; font-size: 17pt; text-align: center; letter-spacing: 4pt; }
.fd-ps-table { width: 100%; border-collapse: collapse; margin-bottom: 10pt; table-layout: fixed; }
.fd-ps-table th, .fd-ps-table td { border: 0.5pt solid #000; padding: 3pt 6pt; text-align: left; vertical-align: top; }
.fd-ps-table th { width: 16%; font-weight: bold; }
.fd-ps-num { text-align: right !important; font-variant-numeric: tabular-nums; width: 22% !important; }
.fd-ps-big { font-size: 13pt; font-weight: bold; }
.fd-ps-note { margin: 0 0 6pt; font-size: 10pt; }
.fd-ps-warn { font-weight: bold; }
.fd-ps-sign { display: flex; gap: 24pt; margin-top: 24pt; }
.fd-ps-sign span { display: inline-block; min-width: 45mm; border-bottom: 0.75pt solid #000; }
.fd-ps-foot { margin-top: 18pt; font-size: 8pt; text-align: right; }
@media print {
  html, body { background: #fff !important; }
  .fd-print-payslip, .fd-print-payslip * { visibility: visible; }
  .fd-payslip-print-wrap, .fd-payslip-print-wrap .ant-modal, .fd-payslip-print-wrap .ant-modal-container,
  .fd-payslip-print-wrap .ant-modal-content, .fd-payslip-print-wrap .ant-modal-body {
    position: static !important; overflow: visible !important; inset: auto !important; width: auto !important;
    max-width: none !important; margin: 0 !important; padding: 0 !important; box-shadow: none !important; transform: none !important; }
  .fd-payslip-print-wrap .ant-modal-header, .fd-payslip-print-wrap .ant-modal-footer,
  .fd-payslip-print-wrap .ant-modal-close { display: none !important; }
}
`;

/** A section of the items table: its label once (spanning its rows), each item, and a subtotal. */
function Section(props: { label: string; items: SlipItem[]; extra?: SlipItem[]; total: number; testId: string; none: string; subtotal: string }) {
  const rows = [...props.items, ...(props.extra ?? [])];
  const span = Math.max(rows.length, 1) + 1;
  return (
    <>
      {rows.length === 0 ? (
        <tr>
          <th rowSpan={span}>{props.label}</th>
          <td>{props.none}</td>
          <td className="fd-ps-num" />
        </tr>
      ) : (
        rows.map((r, i) => (
          <tr key={r.key} data-testid={`${props.testId}-${i}`}>
            {i === 0 ? <th rowSpan={span}>{props.label}</th> : null}
            <td>{r.text}</td>
            <td className="fd-ps-num">{r.amount_fen === null ? "" : moneyText(r.amount_fen)}</td>
          </tr>
        ))
      )}
      <tr>
        <td style={{ textAlign: "right" }}>{props.subtotal}</td>
        <td className="fd-ps-num" data-testid={`${props.testId}-total`}>
          {moneyText(props.total)}
        </td>
      </tr>
    </>
  );
}

export function PaySlip({ slip, siteName, printedAt }: { slip: Slip; siteName: string; printedAt: string }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.slip.${key}`, o);
  const { row } = slip;
  const pay = row.line;
  const { rewards, deductions } = slipItems(t, slip);
  const priced: SlipItem[] =
    pay.pay_percent_fen > 0 ? [{ key: "priced", text: k("percentPriced"), amount_fen: pay.pay_percent_fen }] : [];
  const [year, month] = slip.month.split("-");
  const cap = { deductions: moneyText(pay.deductions_fen), cap: moneyText(pay.cap_fen), percent: slip.cap_percent };
  return (
    <div className="fd-print-payslip" data-testid="pay-slip">
      {siteName ? <p className="fd-ps-site">{siteName}</p> : null}
      <h2 className="fd-ps-title">{k("title")}</h2>
      <table className="fd-ps-table">
        <tbody>
          <tr>
            <th>{k("month")}</th>
            <td data-testid="pay-slip-month">{k("monthValue", { year, month: Number(month) })}</td>
            <th>{k("team")}</th>
            <td>{row.team_name ?? k("none")}</td>
          </tr>
          <tr>
            <th>{k("employeeNo")}</th>
            <td>{row.employee_no}</td>
            <th>{k("name")}</th>
            <td data-testid="pay-slip-name">{row.name}</td>
          </tr>
        </tbody>
      </table>

      <table className="fd-ps-table">
        <thead>
          <tr>
            <th>{k("item")}</th>
            <th style={{ width: "auto" }}>{k("detail")}</th>
            <th className="fd-ps-num">{k("amount")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{k("base")}</th>
            <td className={row.base_pay_set ? undefined : "fd-ps-warn"}>{row.base_pay_set ? "" : k("noBase")}</td>
            <td className="fd-ps-num" data-testid="pay-slip-base">
              {moneyText(pay.base_fen)}
            </td>
          </tr>
          <tr>
            <th>{k("commission")}</th>
            <td data-testid="pay-slip-basis">
              {commissionBasis(t, slip.commission)}
              {slip.grades_published || slip.commission?.scheme !== "sales" ? "" : `（${k("provisional")}）`}
            </td>
            <td className="fd-ps-num" data-testid="pay-slip-commission">
              {moneyText(pay.commission_fen)}
            </td>
          </tr>
          <Section label={k("rewards")} items={rewards} total={pay.rewards_fen} testId="pay-slip-reward" none={k("none")} subtotal={k("subtotal")} />
          <Section
            label={k("deductions")}
            items={deductions}
            extra={priced}
            total={pay.deductions_fen}
            testId="pay-slip-deduction"
            none={k("none")}
            subtotal={k("subtotal")}
          />
          <tr>
            <th>{k("net")}</th>
            <td />
            <td className="fd-ps-num fd-ps-big" data-testid="pay-slip-net">
              {moneyText(pay.net_fen)}
            </td>
          </tr>
          <tr>
            <th>{k("netUpper")}</th>
            <td colSpan={2} className="fd-ps-big" style={{ textAlign: "right" }} data-testid="pay-slip-net-upper">
              {toChineseAmount(pay.net_fen)}
            </td>
          </tr>
        </tbody>
      </table>

      <p className={pay.over_cap ? "fd-ps-note fd-ps-warn" : "fd-ps-note"} data-testid="pay-slip-cap">
        {k("capTitle")}：{pay.over_cap ? k("capOver", cap) : k("capOk", cap)}
      </p>

      <div className="fd-ps-sign">
        <div>
          {k("sign")}：<span />
        </div>
        <div>
          {k("date")}：<span />
        </div>
      </div>
      <div className="fd-ps-foot">{k("printedAt", { at: printedAt })}</div>
    </div>
  );
}
