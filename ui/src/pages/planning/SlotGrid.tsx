// The day's 48 half hours as two lines of 24 cells (00:00–11:30 and 12:00–23:30), hours as
// column heads, for typing numbers quickly: a cell's text is selected on focus, so a digit
// replaces it; ← → move a half hour, ↑ ↓ twelve hours, Enter the next half hour, Tab the browser's
// next cell (the same order). A paste of several numbers (a column or row copied from Excel)
// fills from the cell pasted into, or the whole day when it holds 48.
import { memo, useRef, type ClipboardEvent, type KeyboardEvent } from "react";
import { parseNumbers, SLOTS, slotSpan } from "./slots";

const HALF = SLOTS / 2;
const pad = (n: number) => String(n).padStart(2, "0");

export type SlotRow = {
  key: string;
  label: string;
  values: readonly number[];
  /** Editable rows call `onChange`; the others show their values. */
  onChange?: (values: number[]) => void;
  /** Digits a cell takes. */
  digits?: number;
  /** Shown faded (e.g. Erlang's answer for inputs changed since). */
  faded?: boolean;
  testId: string;
};

type Props = {
  rows: readonly SlotRow[];
  readOnly?: boolean;
  /** A paste held something that is not a number. */
  onPasteError?: (bad: string) => void;
  /** A paste filled `count` cells. */
  onPasted?: (count: number) => void;
};

export default memo(function SlotGrid({ rows, readOnly = false, onPasteError, onPasted }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const focusCell = (row: string, slot: number) => {
    const el = box.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-slot="${slot}"]`);
    if (el) {
      el.focus();
      el.select();
    }
  };
  const keyDown = (row: SlotRow, slot: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      if (to >= 0 && to < SLOTS) focusCell(row.key, to);
    };
    if (e.key === "ArrowLeft") move(slot - 1);
    else if (e.key === "ArrowRight") move(slot + 1);
    else if (e.key === "ArrowUp") move(slot - HALF);
    else if (e.key === "ArrowDown") move(slot + HALF);
    else if (e.key === "Enter") move(slot + 1);
  };
  const change = (row: SlotRow, slot: number, text: string) => {
    const digits = text.replace(/\D/g, "").slice(0, row.digits ?? 4);
    const next = [...row.values];
    next[slot] = digits === "" ? 0 : Number.parseInt(digits, 10);
    row.onChange?.(next);
  };
  const paste = (row: SlotRow, slot: number) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData("text/plain");
    if (!/[\s;]/.test(text.trim())) return; // one number: the input takes it as typed
    e.preventDefault();
    const { values, bad } = parseNumbers(text);
    if (bad !== null) {
      onPasteError?.(bad);
      return;
    }
    const start = values.length >= SLOTS ? 0 : slot;
    const next = [...row.values];
    const max = 10 ** (row.digits ?? 4) - 1;
    let count = 0;
    for (let i = 0; i < values.length && start + i < SLOTS; i++, count++) next[start + i] = Math.min(values[i], max);
    row.onChange?.(next);
    onPasted?.(count);
  };

  const line = (part: 0 | 1) => {
    const from = part * HALF;
    const slots = Array.from({ length: HALF }, (_, i) => from + i);
    return (
      <table className="fd-slots" key={part}>
        <thead>
          <tr>
            <th className="fd-slots-label" />
            {Array.from({ length: HALF / 2 }, (_, h) => (
              <th key={h} colSpan={2} className="fd-slots-hour">
                {pad(from / 2 + h)}:00
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const editable = !readOnly && !!row.onChange;
            return (
              <tr key={row.key} className={row.faded ? "fd-slots-faded" : undefined}>
                <th className="fd-slots-label" scope="row">
                  {row.label}
                </th>
                {slots.map((slot) => {
                  const v = row.values[slot] ?? 0;
                  const cls = `fd-slots-cell${slot % 2 === 0 ? " fd-slots-on-hour" : ""}`;
                  return editable ? (
                    <td key={slot} className={cls}>
                      <input
                        data-row={row.key}
                        data-slot={slot}
                        data-testid={`${row.testId}-${slot}`}
                        aria-label={`${row.label} ${slotSpan(slot)}`}
                        title={slotSpan(slot)}
                        inputMode="numeric"
                        autoComplete="off"
                        value={v === 0 ? "" : String(v)}
                        placeholder="0"
                        onChange={(e) => change(row, slot, e.target.value)}
                        onKeyDown={keyDown(row, slot)}
                        onPaste={paste(row, slot)}
                        onFocus={(e) => e.target.select()}
                      />
                    </td>
                  ) : (
                    <td key={slot} className={cls} data-testid={`${row.testId}-${slot}`} title={slotSpan(slot)}>
                      <span className={v === 0 ? "fd-slots-zero" : undefined}>{v}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  };

  return (
    <div ref={box} className="fd-slots-box">
      {line(0)}
      {line(1)}
    </div>
  );
});
