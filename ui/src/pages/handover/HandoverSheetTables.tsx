// The three tables of the printed 交接班记录: 一、点名, 二、交接事项, 三、补充说明. What the log view
// says, in words; nothing is worked out here.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AddendumView, ItemRow, RollCallRow } from "../../backend";
import { siteDateTime } from "./HandoverSheetFormat";

function attendance(t: TFunction, r: RollCallRow): string {
  return r.status === "absent" && r.pending ? t("handover.rollCall.pending") : t(`handover.rollCall.${r.status}`);
}

export function RollCallTable({ rows }: { rows: readonly RollCallRow[] }) {
  const { t } = useTranslation();
  return (
    <table className="fd-hs-table" data-testid="handover-print-roll-call">
      <colgroup>
        <col style={{ width: "11%" }} />
        <col style={{ width: "12%" }} />
        <col style={{ width: "12%" }} />
        <col style={{ width: "9%" }} />
        <col style={{ width: "7%" }} />
        <col style={{ width: "11%" }} />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th>{t("handover.sign.print.employeeNo")}</th>
          <th>{t("handover.sign.print.name")}</th>
          <th>{t("handover.sign.print.attendance")}</th>
          <th>{t("handover.sign.print.lateMin")}</th>
          <th>{t("handover.sign.print.notified")}</th>
          <th>{t("handover.sign.print.seat")}</th>
          <th>{t("handover.sign.print.note")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.employee_no} data-testid={`handover-print-rc-${r.employee_no}`}>
            <td>{r.employee_no}</td>
            <td>{r.name}</td>
            <td>{attendance(t, r)}</td>
            <td>{r.late_min ?? ""}</td>
            <td>{r.notified ? t("handover.sign.print.yes") : ""}</td>
            <td>{r.seat_code ?? r.home_seat_code ?? ""}</td>
            <td>{r.note ?? ""}</td>
          </tr>
        ))}
        {rows.length === 0 ? <NoneRow span={7} /> : null}
      </tbody>
    </table>
  );
}

export function ItemsTable({ items }: { items: readonly ItemRow[] }) {
  const { t } = useTranslation();
  return (
    <table className="fd-hs-table" data-testid="handover-print-items">
      <colgroup>
        <col style={{ width: "6%" }} />
        <col style={{ width: "10%" }} />
        <col />
        <col style={{ width: "7%" }} />
        <col style={{ width: "8%" }} />
        <col style={{ width: "13%" }} />
        <col style={{ width: "18%" }} />
      </colgroup>
      <thead>
        <tr>
          <th>{t("handover.sign.print.no")}</th>
          <th>{t("handover.sign.print.kind")}</th>
          <th>{t("handover.sign.print.item")}</th>
          <th>{t("handover.sign.print.status")}</th>
          <th>{t("handover.sign.print.shiftsOpen")}</th>
          <th>{t("handover.touchedBy")}</th>
          <th>{t("handover.sign.print.result")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((it, i) => (
          <tr key={it.id} data-testid={`handover-print-item-${it.id}`}>
            <td>{i + 1}</td>
            <td>{t(`handover.kind.${it.kind}`)}</td>
            <td>
              {it.title}
              {it.carried_in ? <span className="fd-hs-mark">{t("handover.carried")}</span> : null}
              {it.not_handed_over ? <span className="fd-hs-mark">{t("handover.notHandedOver")}</span> : null}
            </td>
            <td>{t(`handover.itemStatus.${it.status}`)}</td>
            <td>{it.shifts_open}</td>
            <td>{it.touched_by.map((p) => p.name).join("、")}</td>
            <td>{it.outcome ?? ""}</td>
          </tr>
        ))}
        {items.length === 0 ? <NoneRow span={7} /> : null}
      </tbody>
    </table>
  );
}

export function AddendaTable({ addenda, timeZone }: { addenda: readonly AddendumView[]; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <table className="fd-hs-table" data-testid="handover-print-addenda">
      <colgroup>
        <col style={{ width: "17%" }} />
        <col style={{ width: "12%" }} />
        <col />
        <col style={{ width: "15%" }} />
      </colgroup>
      <thead>
        <tr>
          <th>{t("handover.sign.print.at")}</th>
          <th>{t("handover.sign.print.author")}</th>
          <th>{t("handover.sign.print.text")}</th>
          <th>{t("handover.checkCode")}</th>
        </tr>
      </thead>
      <tbody>
        {addenda.map((a) => (
          <tr key={a.id} data-testid={`handover-print-addendum-${a.id}`}>
            <td>{siteDateTime(a.at, timeZone)}</td>
            <td>{a.author.name}</td>
            <td className="fd-hs-text">{a.text}</td>
            <td className="fd-hs-code">{a.hash_prefix}</td>
          </tr>
        ))}
        {addenda.length === 0 ? <NoneRow span={4} /> : null}
      </tbody>
    </table>
  );
}

function NoneRow({ span }: { span: number }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td colSpan={span} className="fd-hs-none">
        {t("handover.sign.print.none")}
      </td>
    </tr>
  );
}
