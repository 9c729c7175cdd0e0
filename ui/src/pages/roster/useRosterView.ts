// The month as the grid shows it: its days, the teams and the visible rows, every agent's cells
// by day, and the backend's violations and the requests' marks placed on those cells, and the
// backend's leave flags of the agents shown.
// Each piece is memoized on its own inputs, so a row re-renders only when its own data changes.
import { useCallback, useMemo } from "react";
import type { RosterMonth, Violation } from "../../backend";
import { monthDays } from "./calendar";
import { cellMarks } from "./marks";
import type { TeamGroup } from "./RosterGrid";

export type TeamFilter = number | "all";
export type Team = { id: number; name: string };

export function useRosterView(data: RosterMonth | undefined, team: TeamFilter) {
  const days = useMemo(() => (data ? monthDays(data.first, data.last, data.holidays) : []), [data]);
  const templates = useMemo(() => new Map((data?.templates ?? []).map((tpl) => [tpl.code, tpl])), [data]);
  const teams = useMemo<Team[]>(() => {
    const seen = new Map<number, string>();
    for (const a of data?.agents ?? []) if (!seen.has(a.team_id)) seen.set(a.team_id, a.team_name);
    return [...seen.entries()].map(([id, name]) => ({ id, name }));
  }, [data]);
  const { groups, rows } = useMemo(() => {
    const agents = (data?.agents ?? []).filter((a) => team === "all" || a.team_id === team);
    const groups: TeamGroup[] = [];
    agents.forEach((a, r) => {
      const last = groups[groups.length - 1];
      if (last && last.teamId === a.team_id) last.agents.push(a);
      else groups.push({ teamId: a.team_id, teamName: a.team_name, first: r, agents: [a] });
    });
    return { groups, rows: agents };
  }, [data, team]);

  const dayIndex = useMemo(() => new Map(days.map((d, i) => [d.date, i])), [days]);
  const baseCells = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const a of data?.agents ?? []) m.set(a.employee_no, new Array<string>(days.length).fill(""));
    for (const c of data?.cells ?? []) {
      const i = dayIndex.get(c.date);
      const row = m.get(c.employee_no);
      if (row && i !== undefined) row[i] = c.cell;
    }
    return m;
  }, [data, days, dayIndex]);

  const violationsByRow = useMemo(() => {
    const m = new Map<string, (Violation[] | undefined)[]>();
    for (const v of data?.violations ?? []) {
      const i = dayIndex.get(v.date);
      if (i === undefined) continue;
      let row = m.get(v.employee_no);
      if (!row) m.set(v.employee_no, (row = new Array<Violation[] | undefined>(days.length).fill(undefined)));
      (row[i] ??= []).push(v);
    }
    return m;
  }, [data, dayIndex, days.length]);

  const visibleViolations = useMemo(() => {
    const shown = new Set(rows.map((a) => a.employee_no));
    return (data?.violations ?? []).filter((v) => shown.has(v.employee_no));
  }, [data, rows]);

  /** The backend's leave flags (seed 004) of the agents on screen. */
  const visibleLeaveFlags = useMemo(() => {
    const shown = new Set(rows.map((a) => a.employee_no));
    return (data?.leave_flags ?? []).filter((f) => shown.has(f.employee_no));
  }, [data, rows]);

  // Pending swaps and approved leave, marked on the cells (the cells themselves do not change).
  const marks = useMemo(() => cellMarks(data?.swaps ?? [], data?.leave ?? [], days, dayIndex), [data, days, dayIndex]);

  /** A cell as last read from the backend (what a swap would exchange). */
  const storedCell = useCallback(
    (no: string, date: string) => {
      const i = dayIndex.get(date);
      return i === undefined ? "" : (baseCells.get(no)?.[i] ?? "");
    },
    [baseCells, dayIndex],
  );

  /** `工号 姓名`, or the bare 工号 of someone not in the month. */
  const agentName = useCallback(
    (no: string) => {
      const a = data?.agents.find((x) => x.employee_no === no);
      return a ? `${a.employee_no} ${a.name}` : no;
    },
    [data],
  );

  return {
    days,
    templates,
    teams,
    groups,
    rows,
    dayIndex,
    baseCells,
    violationsByRow,
    visibleViolations,
    visibleLeaveFlags,
    marks,
    storedCell,
    agentName,
  };
}
