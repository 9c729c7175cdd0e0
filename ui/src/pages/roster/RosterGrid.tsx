// The month grid: one memoized row per agent (it re-renders when its cells, its violations or
// its share of the selection change), team header rows, totals at the right, heads per shift
// code at the foot. Keys, clipboard and mouse go to the page's `GridActions`.
import { memo, useEffect, useMemo, useRef, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from "react";
import { Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { RosterAgent, Violation } from "../../backend";
import type { Day } from "./calendar";
import { editorKey, type Pos } from "./gridLogic";
import { useRowSelection, type SelectionStore } from "./selection";
import { hoursText, rowTotals, templateOf, type Templates } from "./totals";
import { violationText } from "./violations";
import type { CellMark, RowMarks } from "./marks";

export type GridActions = {
  keyDown(e: KeyboardEvent<HTMLElement>): void;
  copy(e: ClipboardEvent<HTMLElement>): void;
  paste(e: ClipboardEvent<HTMLElement>): void;
  select(pos: Pos, extend: boolean): void;
  startEdit(pos: Pos): void;
  contextMenu(pos: Pos): void;
  /** The editor's text as typed. */
  draft(value: string): void;
  commit(dr: number, dc: number): void;
  cancel(): void;
};

export type TeamGroup = { teamId: number; teamName: string; first: number; agents: RosterAgent[] };

type GridProps = {
  groups: TeamGroup[];
  days: Day[];
  templates: Templates;
  cells: ReadonlyMap<string, readonly string[]>;
  violations: ReadonlyMap<string, readonly (Violation[] | undefined)[]>;
  heads: ReadonlyMap<string, number[]>;
  /** Pending swaps and approved leave per 工号 and day (display only). */
  marks: ReadonlyMap<string, RowMarks>;
  store: SelectionStore;
  actions: GridActions;
  gridRef: React.RefObject<HTMLDivElement | null>;
};

const EMPTY_ROW: readonly string[] = [];
const NO_VIOLATIONS: readonly (Violation[] | undefined)[] = [];
const NO_MARKS: RowMarks = [];

function posOf(target: EventTarget): Pos | null {
  const td = (target as HTMLElement).closest?.("td[data-c]");
  const tr = td?.closest("tr[data-r]");
  if (!td || !tr) return null;
  return { r: Number(tr.getAttribute("data-r")), c: Number(td.getAttribute("data-c")) };
}

export default function RosterGrid({ groups, days, templates, cells, violations, heads, marks, store, actions, gridRef }: GridProps) {
  const { t } = useTranslation();
  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest("input")) return;
    const pos = posOf(e.target);
    if (!pos || e.button !== 0) return;
    e.preventDefault();
    gridRef.current?.focus({ preventScroll: true });
    actions.select(pos, e.shiftKey);
  };
  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const pos = posOf(e.target);
    if (pos) actions.startEdit(pos);
  };
  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const pos = posOf(e.target);
    if (!pos) return;
    e.preventDefault();
    actions.contextMenu(pos);
  };
  const totalCols = days.length + 6;
  return (
    <div
      className="fd-roster-scroll"
      ref={gridRef}
      tabIndex={0}
      data-testid="roster-grid"
      onKeyDown={actions.keyDown}
      onCopy={actions.copy}
      onPaste={actions.paste}
      onMouseDown={onMouseDown}
      onDoubleClick={onDoubleClick}
      onContextMenu={onContextMenu}
    >
      <table className="fd-roster">
        <thead>
          <tr>
            <th className="fd-roster-agent">{t("roster.agentColumn")}</th>
            {days.map((d) => (
              <th key={d.date} className={dayClass(d)} title={d.holidayName ?? undefined} data-testid={`day-${d.date}`}>
                <div>{d.day}</div>
                <div className="fd-roster-wd">{t(`roster.weekdayShort.${d.weekday}`)}</div>
                {d.holiday ? <div className="fd-roster-hmark">{t(`roster.holidayMark.${d.holiday}`)}</div> : null}
              </th>
            ))}
            <th className="fd-roster-total">{t("roster.totals.workDays")}</th>
            <th className="fd-roster-total">{t("roster.totals.hours")}</th>
            <th className="fd-roster-total">{t("roster.totals.nights")}</th>
            <th className="fd-roster-total">{t("roster.totals.weekendShifts")}</th>
            <th className="fd-roster-total">{t("roster.totals.restDays")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => [
            <tr key={`team-${g.teamId}`} className="fd-roster-team" data-testid={`roster-team-${g.teamId}`}>
              <th className="fd-roster-agent">{g.teamName}</th>
              <td colSpan={totalCols - 1} />
            </tr>,
            ...g.agents.map((a, i) => (
              <RosterRow
                key={a.employee_no}
                r={g.first + i}
                agent={a}
                cells={cells.get(a.employee_no) ?? EMPTY_ROW}
                violations={violations.get(a.employee_no) ?? NO_VIOLATIONS}
                marks={marks.get(a.employee_no) ?? NO_MARKS}
                days={days}
                templates={templates}
                store={store}
                actions={actions}
              />
            )),
          ])}
        </tbody>
        <tfoot>
          {[...heads.entries()].map(([code, counts]) => (
            <tr key={code} data-testid={`heads-${code}`}>
              <th className="fd-roster-agent">
                {t("roster.headsOf", { code, name: templates.get(code)?.name ?? code })}
              </th>
              {counts.map((n, i) => (
                <td key={days[i]?.date ?? i} className={`fd-roster-head ${days[i] ? dayClass(days[i]) : ""}`}>
                  {n || ""}
                </td>
              ))}
              <td colSpan={5} />
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}

function dayClass(d: Day): string {
  if (d.holiday === "holiday") return "fd-day-holiday";
  if (d.holiday === "workday") return "fd-day-workday";
  return d.weekend ? "fd-day-weekend" : "";
}

type RowProps = {
  r: number;
  agent: RosterAgent;
  cells: readonly string[];
  violations: readonly (Violation[] | undefined)[];
  marks: RowMarks;
  days: Day[];
  templates: Templates;
  store: SelectionStore;
  actions: GridActions;
};

const RosterRow = memo(function RosterRow({ r, agent, cells, violations, marks, days, templates, store, actions }: RowProps) {
  const { t } = useTranslation();
  const sel = useRowSelection(store, r);
  const totals = useMemo(() => rowTotals(cells, days, templates), [cells, days, templates]);
  return (
    <tr data-r={r} data-testid={`roster-row-${agent.employee_no}`}>
      <th className="fd-roster-agent">
        <span className="fd-roster-no">{agent.employee_no}</span> {agent.name}
      </th>
      {days.map((d, c) => {
        const value = cells[c] ?? "";
        const selected = !!sel && c >= sel.c0 && c <= sel.c1;
        const focused = !!sel && sel.focus === c;
        const vs = violations[c];
        const mark = marks[c];
        const tpl = value ? templateOf(value, templates) : undefined;
        let cls = `fd-rc ${dayClass(d)}`;
        if (selected) cls += " fd-rc-selected";
        if (focused) cls += " fd-rc-focus";
        if (vs) cls += " fd-rc-violation";
        if (mark?.swaps) cls += " fd-rc-swap";
        const inner =
          focused && sel.editing ? (
            <CellEditor initial={store.get()?.editing?.initial ?? ""} actions={actions} />
          ) : (
            <div className="fd-rc-in" style={tpl ? { background: tpl.colour } : undefined}>
              {value}
              {vs ? <span className="fd-rc-mark" /> : null}
            </div>
          );
        const badges = mark && !(focused && sel.editing) ? <CellBadges mark={mark} /> : null;
        return (
          <td key={d.date} data-c={c} className={cls} data-testid={`cell-${agent.employee_no}-${d.date}`}>
            {vs && !(focused && sel.editing) ? (
              <Tooltip title={<div data-testid="violation-tip">{vs.map((v, i) => <div key={i}>{violationText(t, v)}</div>)}</div>}>
                {inner}
              </Tooltip>
            ) : (
              inner
            )}
            {badges}
          </td>
        );
      })}
      <td className="fd-roster-total" data-testid={`total-work-${agent.employee_no}`}>{totals.workDays}</td>
      <td className="fd-roster-total" data-testid={`total-hours-${agent.employee_no}`}>{hoursText(totals.minutes)}</td>
      <td className="fd-roster-total" data-testid={`total-nights-${agent.employee_no}`}>{totals.nights}</td>
      <td className="fd-roster-total" data-testid={`total-weekend-${agent.employee_no}`}>{totals.weekendShifts}</td>
      <td className="fd-roster-total" data-testid={`total-rest-${agent.employee_no}`}>{totals.restDays}</td>
    </tr>
  );
});

/** 换 on a cell with a pending swap, 假 (the kind) on a day of approved leave; each with a tooltip. */
function CellBadges({ mark }: { mark: CellMark }) {
  const { t } = useTranslation();
  return (
    <>
      {mark.swaps ? (
        <Tooltip
          title={
            <div data-testid="swap-tip">
              {mark.swaps.map((s) => (
                <div key={s.id}>
                  {t("rosterRequests.pendingSwapTip", {
                    a: `${s.employee_no_a} ${s.name_a}`,
                    b: `${s.employee_no_b} ${s.name_b}`,
                    dates: s.date_b ? `${s.date_a.slice(5)} ⇄ ${s.date_b.slice(5)}` : s.date_a.slice(5),
                    reason: s.reason,
                  })}
                </div>
              ))}
            </div>
          }
        >
          <span className="fd-rc-badge fd-rc-badge-swap" data-testid="swap-badge">
            {t("rosterRequests.swapBadge")}
          </span>
        </Tooltip>
      ) : null}
      {mark.leave ? (
        <Tooltip
          title={
            <div data-testid="leave-tip">
              {t(`rosterRequests.leaveKinds.${mark.leave.kind}`)}
              {mark.leave.half_day ? ` · ${t("rosterRequests.halfDay")}` : ""}
              {mark.leave.reason ? ` · ${mark.leave.reason}` : ""}
            </div>
          }
        >
          <span className="fd-rc-badge fd-rc-badge-leave" data-testid="leave-badge">
            {t("rosterRequests.leaveBadge")}
          </span>
        </Tooltip>
      ) : null}
    </>
  );
}

function CellEditor({ initial, actions }: { initial: string; actions: GridActions }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  return (
    <input
      ref={ref}
      className="fd-rc-editor"
      data-testid="cell-editor"
      defaultValue={initial}
      onChange={(e) => actions.draft(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        const k = editorKey(e);
        if (!k) return;
        e.preventDefault();
        if (k.kind === "cancel") actions.cancel();
        else actions.commit(k.dr, k.dc);
      }}
      onBlur={() => actions.commit(0, 0)}
    />
  );
}
