// The month as the grid shows it: its days, the teams and the visible rows, every agent's cells
// by day, and the backend's violations and the requests' marks placed on those cells, and the
// backend's leave flags of the agents shown.
// Each piece is memoized on the parts of the month it reads (a write patches the cells, the
// violations and the fairness, and leaves every other part as it was), so a keystroke rebuilds
// only what it changed.
import { useCallback, useMemo, useRef } from "react";
import type { RosterMonth, Violation } from "../../backend";
import { monthDays } from "./calendar";
import { cellMarks } from "./marks";
import type { TeamGroup } from "./RosterGrid";

export type TeamFilter = number | "all";
export type Team = { id: number; name: string };

export function useRosterView(data: RosterMonth | undefined, team: TeamFilter) {
  const first = data?.first;
  const last = data?.last;
  const holidays = data?.holidays;
  const allAgents = data?.agents;
  const allCells = data?.cells;
  const allViolations = data?.violations;
  const leaveFlags = data?.leave_flags;
  const swaps = data?.swaps;
  const leave = data?.leave;
  const days = useMemo(() => (first && last ? monthDays(first, last, holidays ?? []) : []), [first, last, holidays]);
  const templateList = data?.templates;
  const templates = useMemo(() => new Map((templateList ?? []).map((tpl) => [tpl.code, tpl])), [templateList]);
  const teams = useMemo<Team[]>(() => {
    const seen = new Map<number, string>();
    for (const a of allAgents ?? []) if (!seen.has(a.team_id)) seen.set(a.team_id, a.team_name);
    return [...seen.entries()].map(([id, name]) => ({ id, name }));
  }, [allAgents]);
  const { groups, rows } = useMemo(() => {
    const agents = (allAgents ?? []).filter((a) => team === "all" || a.team_id === team);
    const groups: TeamGroup[] = [];
    agents.forEach((a, r) => {
      const last = groups[groups.length - 1];
      if (last && last.teamId === a.team_id) last.agents.push(a);
      else groups.push({ teamId: a.team_id, teamName: a.team_name, first: r, agents: [a] });
    });
    return { groups, rows: agents };
  }, [allAgents, team]);

  const dayIndex = useMemo(() => new Map(days.map((d, i) => [d.date, i])), [days]);
  // Every agent's cells by day. A write patches a few cells in place (see rosterPatch.ts): then
  // only the rows of the agents whose cells changed are built again, the others kept as they were.
  const lastCells = useRef<{ cells: RosterMonth["cells"]; agents: unknown; days: unknown; rows: Map<string, string[]> } | null>(null);
  const baseCells = useMemo(() => {
    const last = lastCells.current;
    const build = (only: Set<string> | null, rows: Map<string, string[]>) => {
      for (const a of allAgents ?? []) if (!only || only.has(a.employee_no)) rows.set(a.employee_no, new Array<string>(days.length).fill(""));
      for (const c of allCells ?? []) {
        if (only && !only.has(c.employee_no)) continue;
        const i = dayIndex.get(c.date);
        const row = rows.get(c.employee_no);
        if (row && i !== undefined) row[i] = c.cell;
      }
      return rows;
    };
    let rows: Map<string, string[]>;
    if (last && allCells && last.agents === allAgents && last.days === days && last.cells.length <= allCells.length) {
      const changed = new Set<string>();
      last.cells.forEach((c, i) => c !== allCells[i] && changed.add(c.employee_no).add(allCells[i].employee_no));
      for (let i = last.cells.length; i < allCells.length; i++) changed.add(allCells[i].employee_no);
      rows = changed.size === 0 ? last.rows : build(changed, new Map(last.rows));
    } else {
      rows = build(null, new Map());
    }
    lastCells.current = allCells ? { cells: allCells, agents: allAgents, days, rows } : null;
    return rows;
  }, [allAgents, allCells, days, dayIndex]);

  const violationsByRow = useMemo(() => {
    const m = new Map<string, (Violation[] | undefined)[]>();
    for (const v of allViolations ?? []) {
      const i = dayIndex.get(v.date);
      if (i === undefined) continue;
      let row = m.get(v.employee_no);
      if (!row) m.set(v.employee_no, (row = new Array<Violation[] | undefined>(days.length).fill(undefined)));
      (row[i] ??= []).push(v);
    }
    return m;
  }, [allViolations, dayIndex, days.length]);

  const visibleViolations = useMemo(() => {
    const shown = new Set(rows.map((a) => a.employee_no));
    return (allViolations ?? []).filter((v) => shown.has(v.employee_no));
  }, [allViolations, rows]);

  /** The backend's leave flags (seed 004) of the agents on screen. */
  const visibleLeaveFlags = useMemo(() => {
    const shown = new Set(rows.map((a) => a.employee_no));
    return (leaveFlags ?? []).filter((f) => shown.has(f.employee_no));
  }, [leaveFlags, rows]);

  // Pending swaps and approved leave, marked on the cells (the cells themselves do not change).
  const marks = useMemo(() => cellMarks(swaps ?? [], leave ?? [], days, dayIndex), [swaps, leave, days, dayIndex]);

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
      const a = allAgents?.find((x) => x.employee_no === no);
      return a ? `${a.employee_no} ${a.name}` : no;
    },
    [allAgents],
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
