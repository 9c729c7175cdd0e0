// A team's month as printed on one A4 landscape page: the cells as the grid shows them, each
// agent's totals, the heads per day, the shifts' legend and the lines to sign. Sums of cells only.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { RosterAgent } from "../../backend";
import type { Day } from "./calendar";
import type { RowMarks } from "./marks";
import { dayHeads, hoursText, isWork, rowTotals, type Templates } from "./totals";

export type RosterPrintSheetProps = {
  title: string;
  status: string;
  agents: readonly RosterAgent[];
  days: readonly Day[];
  cells: ReadonlyMap<string, readonly string[]>;
  templates: Templates;
  /** Approved leave is printed on its days, as the grid badges it. */
  marks: ReadonlyMap<string, RowMarks>;
};

const EMPTY_ROW: readonly string[] = [];

function dayClass(d: Day): string {
  if (d.holiday === "holiday") return "fd-pr-holiday";
  if (d.holiday === "workday") return "";
  return d.weekend ? "fd-pr-weekend" : "";
}

/** `08:30–16:00`; a shift ending at or before its start ends the next day. */
function shiftTimes(start: string, end: string, nextDay: string): string {
  const hm = (s: string) => s.slice(0, 5);
  return `${hm(start)}–${end <= start ? nextDay : ""}${hm(end)}`;
}

export default function RosterPrintSheet({ title, status, agents, days, cells, templates, marks }: RosterPrintSheetProps) {
  const { t } = useTranslation();
  const rows = useMemo(() => agents.map((a) => cells.get(a.employee_no) ?? EMPTY_ROW), [agents, cells]);
  const heads = useMemo(() => [...dayHeads(rows, days.length, templates)].filter(([, n]) => n.some((x) => x > 0)), [rows, days.length, templates]);
  const onDuty = useMemo(() => days.map((_, i) => rows.filter((r) => isWork(r[i] ?? "")).length), [rows, days]);
  const leaveKinds = new Set<string>();
  for (const a of agents) for (const m of marks.get(a.employee_no) ?? []) if (m?.leave) leaveKinds.add(m.leave.kind);

  const dayMark = (d: Day) => {
    if (d.holiday === "holiday") return [...(d.holidayName ?? "")].slice(0, 2).join("") || t("roster.holidayMark.holiday");
    if (d.holiday === "workday") return t("roster.holidayMark.workday");
    return null;
  };

  return (
    <div className="fd-print-roster" data-testid="roster-print-sheet">
      <h2 className="fd-pr-title" data-testid="roster-print-title">
        {title}
      </h2>
      <div className="fd-pr-status" data-testid="roster-print-status">
        {status}
      </div>
      <table className="fd-pr-table">
        <colgroup>
          <col className="fd-pr-col-no" />
          <col className="fd-pr-col-name" />
          {days.map((d) => (
            <col key={d.date} />
          ))}
          <col className="fd-pr-col-total" />
          <col className="fd-pr-col-hours" />
          <col className="fd-pr-col-total" />
          <col className="fd-pr-col-total" />
        </colgroup>
        <thead>
          <tr>
            <th>{t("roster.printRoster.employeeNo")}</th>
            <th>{t("roster.printRoster.name")}</th>
            {days.map((d) => {
              const mark = dayMark(d);
              return (
                <th key={d.date} className={dayClass(d)} title={d.holidayName ?? undefined}>
                  <div>{d.day}</div>
                  <div>{t(`roster.weekdayShort.${d.weekday}`)}</div>
                  {mark ? <div className="fd-pr-hmark">{mark}</div> : null}
                </th>
              );
            })}
            <th>{t("roster.printRoster.workDays")}</th>
            <th>{t("roster.printRoster.hours")}</th>
            <th>{t("roster.printRoster.nights")}</th>
            <th>{t("roster.printRoster.restDays")}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a, r) => {
            const row = rows[r];
            const rowMarks = marks.get(a.employee_no);
            const totals = rowTotals(row, days, templates);
            return (
              <tr key={a.employee_no} data-testid={`roster-print-row-${a.employee_no}`}>
                <td>{a.employee_no}</td>
                <td className="fd-pr-name">{a.name}</td>
                {days.map((d, c) => {
                  const value = row[c] ?? "";
                  const leave = rowMarks?.[c]?.leave;
                  return (
                    <td key={d.date} className={`${dayClass(d)}${value.length > 3 ? " fd-pr-long" : ""}`}>
                      {value}
                      {leave ? <span className="fd-pr-leave">{t(`roster.printRoster.leaveShort.${leave.kind}`)}</span> : null}
                    </td>
                  );
                })}
                <td>{totals.workDays}</td>
                <td>{hoursText(totals.minutes)}</td>
                <td>{totals.nights}</td>
                <td>{totals.restDays}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {heads.map(([code, counts]) => (
            <tr key={code} data-testid={`roster-print-heads-${code}`}>
              <th colSpan={2}>{t("roster.printRoster.headsOf", { code })}</th>
              {counts.map((n, i) => (
                <td key={days[i].date} className={dayClass(days[i])}>
                  {n || ""}
                </td>
              ))}
              <td colSpan={4} />
            </tr>
          ))}
          <tr data-testid="roster-print-heads">
            <th colSpan={2}>{t("roster.printRoster.onDuty")}</th>
            {onDuty.map((n, i) => (
              <td key={days[i].date} className={dayClass(days[i])}>
                {n}
              </td>
            ))}
            <td colSpan={4} />
          </tr>
        </tfoot>
      </table>
      <div className="fd-pr-legend" data-testid="roster-print-legend">
        <b>{t("roster.printRoster.legend")}：</b>
        {[...templates.values()].map((tpl) => (
          <span key={tpl.code}>
            <b>{tpl.code}</b> {tpl.name} {shiftTimes(tpl.start, tpl.end, t("roster.printRoster.nextDay"))}
          </span>
        ))}
        <span>
          <b>休</b> {t("roster.printRoster.rest")}
        </span>
        {[...leaveKinds].map((kind) => (
          <span key={kind}>
            <b>{t(`roster.printRoster.leaveShort.${kind}`)}</b> {t(`rosterRequests.leaveKinds.${kind}`)}
          </span>
        ))}
      </div>
      <div className="fd-print-sign fd-pr-sign">
        <span>{t("roster.printRoster.preparedBy")}：</span>
        <span>{t("roster.printRoster.reviewedBy")}：</span>
        <span>{t("roster.printRoster.date")}：</span>
      </div>
    </div>
  );
}
