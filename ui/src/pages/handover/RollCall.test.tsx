// 点名 by keyboard and by mouse: each correction sends exactly what was typed
// (`correctRollCall`, `assignShiftSeat`), and the backend's refusal is shown as it comes.
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackendError, type CommandApi } from "../../backend";
import { pickOption } from "../../test/utils";
import { handoverBackend, openHandover } from "./renderHandover";
import { HANDOVER_NOW } from "./testViews";

beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: new Date(HANDOVER_NOW) }));
afterEach(() => vi.useRealTimers());

/** 白班 D (log 41) with its roll call focused by Alt+R; writes succeed unless the test says. */
async function rollCall(overrides: Partial<CommandApi> = {}) {
  const r = await openHandover(
    handoverBackend("supervisor", {
      correctRollCall: () => Promise.resolve(null),
      assignShiftSeat: () => Promise.resolve(null),
      refreshRollCall: () => Promise.resolve(5),
      ...overrides,
    }),
  );
  await r.user.keyboard("{Alt>}r{/Alt}");
  expect(screen.getByTestId("handover-rollcall")).toHaveFocus();
  return r;
}

const row = (no: string) => screen.getByTestId(`rollcall-row-${no}`);
const hint = () => screen.getByTestId("handover-rollcall-hint");

describe("roll call", () => {
  test("↑/↓ move; S steps the status, L takes the late minutes, Enter sends the correction", async () => {
    const { user, backend } = await rollCall();
    expect(row("1001")).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(row("1003")).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(row("1001")).toHaveAttribute("aria-selected", "true");

    await user.keyboard("s");
    expect(within(row("1001")).getByTestId("rollcall-status-select")).toHaveTextContent("迟到");
    await user.keyboard("l");
    expect(screen.getByTestId("rollcall-late-input")).toHaveFocus();
    await user.keyboard("5{Enter}");
    await waitFor(() =>
      expect(backend.correctRollCall).toHaveBeenCalledWith(41, { employee_no: "1001", status: "late", late_min: 5, notified: false, note: null }),
    );
    expect(backend.correctRollCall).toHaveBeenCalledTimes(1);
    expect(backend.assignShiftSeat).not.toHaveBeenCalled();
    // Back on the table, ready for the next row.
    await waitFor(() => expect(screen.getByTestId("handover-rollcall")).toHaveFocus());
    expect(hint()).toHaveTextContent("↑/↓ 选择");
    expect(screen.queryByTestId("rollcall-status-select")).not.toBeInTheDocument();
  });

  test("B toggles 报备 and Shift+S steps back; a row not in yet keeps its other fields", async () => {
    const { user, backend } = await rollCall();
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}b");
    expect(within(row("1004")).getByTestId("rollcall-notified-input")).toBeChecked();
    await user.keyboard("{Shift>}s{/Shift}{Enter}");
    await waitFor(() =>
      expect(backend.correctRollCall).toHaveBeenCalledWith(41, { employee_no: "1004", status: "late", late_min: null, notified: true, note: null }),
    );
  });

  test("Z types the seat for the shift: only the seat is sent; an empty seat is the home seat", async () => {
    const { user, backend } = await rollCall();
    await user.keyboard("{ArrowDown}z");
    const seat = screen.getByTestId("rollcall-seat-input");
    expect(seat).toHaveFocus();
    expect(seat).toHaveValue("A13");
    await user.clear(seat);
    await user.keyboard("A15{Enter}");
    await waitFor(() => expect(backend.assignShiftSeat).toHaveBeenCalledWith(41, "1002", "A15"));
    expect(backend.correctRollCall).not.toHaveBeenCalled();

    await user.keyboard("z");
    await user.clear(screen.getByTestId("rollcall-seat-input"));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(backend.assignShiftSeat).toHaveBeenLastCalledWith(41, "1002", null));
  });

  test("a correction typed waits for Enter or Esc before the cursor leaves its row; Esc sends nothing", async () => {
    const { user, backend } = await rollCall();
    await user.keyboard("s{ArrowDown}");
    expect(row("1001")).toHaveAttribute("aria-selected", "true");
    expect(hint()).toHaveTextContent("1001 王静 的更正未保存：Enter 保存，Esc 取消");
    await user.keyboard("{Escape}{ArrowDown}");
    expect(row("1002")).toHaveAttribute("aria-selected", "true");
    expect(hint()).toHaveTextContent("↑/↓ 选择");
    expect(backend.correctRollCall).not.toHaveBeenCalled();
  });

  test("the mouse: 更正 on a row, the status chosen, a note, saved", async () => {
    const { user, backend } = await rollCall();
    await user.click(screen.getByTestId("rollcall-edit-1003"));
    await pickOption(user, "rollcall-status-select", "迟到");
    await user.type(screen.getByTestId("rollcall-note-input"), "地铁故障");
    await user.click(screen.getByTestId("rollcall-save"));
    await waitFor(() =>
      expect(backend.correctRollCall).toHaveBeenCalledWith(41, { employee_no: "1003", status: "late", late_min: 20, notified: true, note: "地铁故障" }),
    );
  });

  test("a refused write shows the backend's words and keeps what was typed", async () => {
    const taken = new BackendError("handover.seat_taken", "seat A05 is taken", { seat: "A05", employee_no: "1005" });
    const { user, backend } = await rollCall({ assignShiftSeat: () => Promise.reject(taken) });
    await user.keyboard("z");
    await user.keyboard("A05{Enter}");
    const refused = await screen.findByTestId("handover-refused");
    expect(refused).toHaveTextContent("台席 A05 这个时段已安排给 1005");
    // Not a signed log's refusal: no addendum to offer.
    expect(within(refused).queryByTestId("handover-refused-addendum")).not.toBeInTheDocument();
    expect(backend.assignShiftSeat).toHaveBeenCalledWith(41, "1001", "A05");
    expect(screen.getByTestId("rollcall-seat-input")).toHaveValue("A05");
  });

  test("刷新点名 reads the roll call from the floor again", async () => {
    const { user, backend } = await rollCall();
    await user.click(screen.getByTestId("handover-rollcall-refresh"));
    await waitFor(() => expect(backend.refreshRollCall).toHaveBeenCalledWith(41));
  });
});
