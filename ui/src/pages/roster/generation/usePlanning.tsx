// The roster page's planning: the month's pinned cells (固定) and wished rest days (想休) read from
// the backend and put on the grid's marks, the toolbar's 固定 / 想休 on the grid's selection (also
// Alt+P / Alt+W on the grid), and the 自动排班 dialog. Pins and wishes are read again on the
// backend's roster event; the grid's own cell edits (which change neither) do not read them again.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type CellRef, type PublishedMonth, type RosterAgent } from "../../../backend";
import { useLoad, useReportError } from "../../../lib/hooks";
import type { Day } from "../calendar";
import type { RowMarks } from "../marks";
import type { SelectionStore } from "../selection";
import type { Team, TeamFilter } from "../useRosterView";
import GenerateDialog from "./GenerateDialog";
import type { PlanningHandlers } from "./PlanningButtons";
import WishModal from "./WishModal";
import { cellKey, selectedCells, withPlanMarks } from "./planMarks";
import "./generation.css";

export type PlanningInput = {
  month: string;
  team: TeamFilter;
  teams: readonly Team[];
  rows: readonly RosterAgent[];
  days: readonly Day[];
  dayIndex: ReadonlyMap<string, number>;
  /** The month's other marks (swaps, leave): pins and wishes are added to them. */
  marks: ReadonlyMap<string, RowMarks>;
  store: SelectionStore;
  gridRef: RefObject<HTMLDivElement | null>;
  canEdit: boolean;
  published: readonly PublishedMonth[];
  agentName: (employeeNo: string) => string;
  /** Selects a cell in the grid and brings it into view. */
  selectCell: (cell: { employee_no: string; date: string }) => void;
};

export function usePlanning(input: PlanningInput): { marks: ReadonlyMap<string, RowMarks>; handlers: PlanningHandlers; canGenerate: boolean; dialogs: ReactNode } {
  const { month, team, teams, rows, days, dayIndex, marks, store, gridRef, canEdit, published, agentName, selectCell } = input;
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const pins = useLoad(["rosterPins", month], ["roster"], () => backend.rosterPins(month), { patchesOwnWrites: true });
  const wishes = useLoad(["rosterWishes", month], ["roster"], () => backend.rosterWishes(month), { patchesOwnWrites: true });
  const planMarks = useMemo(
    () => withPlanMarks(marks, pins.data, wishes.data, dayIndex, days.length),
    [marks, pins.data, wishes.data, dayIndex, days.length],
  );

  const [generating, setGenerating] = useState(false);
  const [wishAsk, setWishAsk] = useState<CellRef[] | null>(null);

  const keys = (list: readonly CellRef[] | undefined) => new Set((list ?? []).map((c) => cellKey(c.employee_no, c.date)));
  const allIn = (cells: readonly CellRef[], set: Set<string>) => cells.every((c) => set.has(cellKey(c.employee_no, c.date)));

  const pin = async () => {
    const cells = selectedCells(store, rows, days);
    if (!canEdit || cells.length === 0) return;
    const unpin = allIn(cells, keys(pins.data));
    try {
      await backend.pinRosterCells(cells, !unpin);
      void message.success(t(unpin ? "generation.pin.unpinned" : "generation.pin.pinned", { count: cells.length }));
      pins.reload();
    } catch (e) {
      report(e);
    }
  };

  const putWishes = async (cells: readonly CellRef[], note: string | null, wished: boolean) => {
    try {
      for (const c of cells) await backend.putRosterWish({ employee_no: c.employee_no, date: c.date, note }, wished);
      void message.success(t(wished ? "generation.wish.added" : "generation.wish.removed", { count: cells.length }));
    } catch (e) {
      report(e);
    } finally {
      wishes.reload();
    }
  };

  const wish = () => {
    const cells = selectedCells(store, rows, days);
    if (!canEdit || cells.length === 0) return;
    if (allIn(cells, keys(wishes.data))) void putWishes(cells, null, false);
    else setWishAsk(cells);
  };

  // Alt+P and Alt+W on the grid (Ctrl+P prints in the webview; Alt with a letter is free there).
  const latest = useRef({ pin, wish });
  latest.current = { pin, wish };
  useEffect(() => {
    if (!canEdit) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (!gridRef.current?.contains(e.target as Node)) return;
      if (e.code === "KeyP") {
        e.preventDefault();
        void latest.current.pin();
      } else if (e.code === "KeyW") {
        e.preventDefault();
        latest.current.wish();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [canEdit, gridRef]);

  const handlers: PlanningHandlers = {
    generate: () => setGenerating(true),
    pin: () => void pin(),
    wish,
  };

  const closeGenerate = useCallback(() => setGenerating(false), []);
  const dialogs = (
    <>
      {generating ? (
        <GenerateDialog
          month={month}
          team={team}
          teams={teams}
          published={published}
          agentName={agentName}
          onClose={closeGenerate}
          onShowCell={selectCell}
        />
      ) : null}
      {wishAsk ? (
        <WishModal
          cells={wishAsk}
          agentName={agentName}
          onCancel={() => setWishAsk(null)}
          onOk={async (note) => {
            await putWishes(wishAsk, note, true);
            setWishAsk(null);
          }}
        />
      ) : null}
    </>
  );

  return { marks: planMarks, handlers, canGenerate: canEdit && teams.length > 0, dialogs };
}
