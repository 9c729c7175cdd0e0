import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { BackendError, type CommandApi, type LeaveRequest, type Role, type RosterMonth, type SwapRequest } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { pickOption, renderApp } from "../test/utils";

beforeEach(() => {
  window.location.hash = "#/roster";
});

async function openRoster(overrides: Partial<CommandApi> = {}, role: Role = "supervisor") {
  const r = renderApp(loggedIn(role, overrides));
  await screen.findByTestId("roster-row-1002");
  return r;
}

const cell = (no: string, date: string) => screen.getByTestId(`cell-${no}-${date}`);

const pendingSwap = (over: Partial<SwapRequest> = {}): SwapRequest => ({
  id: 7,
  employee_no_a: "1002",
  name_a: "李娜",
  employee_no_b: "1001",
  name_b: "王静",
  date_a: "2026-11-13",
  date_b: "2026-11-20",
  reason: "家里有事",
  status: "pending",
  requested_at: "2026-11-10T02:00:00Z",
  requested_by: "周组长",
  decided_at: null,
  decided_by: null,
  decision_note: null,
  cells_before: [],
  ...over,
});

const monthWith = (swaps: SwapRequest[], leave: LeaveRequest[] = []): RosterMonth => ({ ...fixtures.rosterMonth(), swaps, leave });

/** Type a date into an antd DatePicker (found by its data-testid) and confirm it. */
async function typeDate(user: ReturnType<typeof renderApp>["user"], testId: string, date: string) {
  const el = screen.getByTestId(testId);
  const input = (el.tagName === "INPUT" ? el : el.querySelector("input")) as HTMLInputElement;
  await user.clear(input);
  await user.type(input, `${date}{Enter}`);
}

const fixtureCell = (no: string, date: string) => fixtures.rosterMonth().cells.find((c) => c.employee_no === no && c.date === date)?.cell ?? "";

/** The month the page reads: what a test sets here is what the next read returns. */
function monthSource(initial: RosterMonth) {
  let current = initial;
  return {
    read: () => Promise.resolve(current),
    set: (m: RosterMonth) => void (current = m),
  };
}

/** The open antd modal (dialog) holding the element with `testId`. */
const dialogOf = (testId: string) => screen.getByTestId(testId).closest(".ant-modal") as HTMLElement;

describe("swaps", () => {
  test("a swap request sends exactly one SwapInput (reason required); the grid changes only its marks", async () => {
    const src = monthSource(fixtures.rosterMonth());
    const { user, backend } = await openRoster({
      rosterMonth: src.read,
      requestSwap: (input) => {
        src.set(monthWith([pendingSwap({ ...input, reason: input.reason })]));
        return Promise.resolve(pendingSwap());
      },
    });
    const before = { a13: fixtureCell("1002", "2026-11-13"), b13: fixtureCell("1001", "2026-11-13"), a20: fixtureCell("1002", "2026-11-20"), b20: fixtureCell("1001", "2026-11-20") };
    await user.click(cell("1002", "2026-11-13"));
    await user.click(screen.getByTestId("roster-swap-request"));
    // A and date A come from the selected cell.
    expect(await screen.findByTestId("swap-date-a")).toHaveValue("2026-11-13");
    const dialog = dialogOf("swap-date-a");
    expect(dialog).toHaveTextContent("1002 李娜");
    // B by pinyin initials.
    const bRoot = screen.getByTestId("swap-b").closest(".ant-select") as HTMLElement;
    await user.click(bRoot.querySelector("input")!);
    await user.type(bRoot.querySelector("input")!, "wj");
    await waitFor(() => {
      const opts = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option[title="1001 王静"]')].filter((o) => !o.closest(".ant-select-dropdown-hidden"));
      expect(opts.length).toBe(1);
    });
    await pickOption(user, "swap-b", "1001 王静");
    await typeDate(user, "swap-date-b", "2026-11-20");
    // No reason: refused before calling.
    await user.click(screen.getByTestId("swap-request-ok"));
    expect(await within(dialog).findByText("请填写原因")).toBeInTheDocument();
    expect(backend.requestSwap).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("swap-reason"), " 家里有事 ");
    await user.click(screen.getByTestId("swap-request-ok"));
    await waitFor(() => expect(backend.requestSwap).toHaveBeenCalledTimes(1));
    expect(backend.requestSwap).toHaveBeenCalledWith({
      employee_no_a: "1002",
      date_a: "2026-11-13",
      employee_no_b: "1001",
      date_b: "2026-11-20",
      reason: "家里有事",
    });
    // The month reads again: the swap is pending, so the cells are the fixture's, marked 换.
    await waitFor(() => expect(within(cell("1002", "2026-11-13")).getByTestId("swap-badge")).toHaveTextContent("换"));
    expect(within(cell("1001", "2026-11-13")).getByTestId("swap-badge")).toBeInTheDocument();
    expect(within(cell("1001", "2026-11-20")).getByTestId("swap-badge")).toBeInTheDocument();
    expect(within(cell("1002", "2026-11-20")).getByTestId("swap-badge")).toBeInTheDocument();
    expect(within(cell("1002", "2026-11-12")).queryByTestId("swap-badge")).not.toBeInTheDocument();
    expect(cell("1002", "2026-11-13").querySelector(".fd-rc-in")).toHaveTextContent(new RegExp(`^${before.a13}$`));
    expect(cell("1001", "2026-11-13").querySelector(".fd-rc-in")).toHaveTextContent(new RegExp(`^${before.b13}$`));
    expect(cell("1002", "2026-11-20").querySelector(".fd-rc-in")).toHaveTextContent(new RegExp(`^${before.a20}$`));
    expect(cell("1001", "2026-11-20").querySelector(".fd-rc-in")).toHaveTextContent(new RegExp(`^${before.b20}$`));
    expect(backend.putRosterCells).not.toHaveBeenCalled();
    await user.hover(within(cell("1002", "2026-11-13")).getByTestId("swap-badge"));
    expect(await screen.findByTestId("swap-tip")).toHaveTextContent("待审批换班：1002 李娜 ⇄ 1001 王静（11-13 ⇄ 11-20）");
  });

  test("代班 sends no second date", async () => {
    const { user, backend } = await openRoster({ requestSwap: () => Promise.resolve(pendingSwap({ date_b: null })) });
    await user.click(cell("1003", "2026-11-05"));
    await user.click(screen.getByTestId("roster-swap-request"));
    await screen.findByTestId("swap-date-a");
    await user.click(screen.getByText("代班"));
    await waitFor(() => expect(screen.queryByTestId("swap-date-b")).not.toBeInTheDocument());
    await pickOption(user, "swap-b", "1004 刘洋");
    await user.type(screen.getByTestId("swap-reason"), "看病");
    await user.click(screen.getByTestId("swap-request-ok"));
    await waitFor(() =>
      expect(backend.requestSwap).toHaveBeenCalledWith({ employee_no_a: "1003", date_a: "2026-11-05", employee_no_b: "1004", date_b: null, reason: "看病" }),
    );
    expect(backend.requestSwap).toHaveBeenCalledTimes(1);
  });

  test("approving signs with the PIN; a wrong PIN shows its text and keeps the dialog open", async () => {
    let tries = 0;
    const { user, backend } = await openRoster({
      rosterMonth: () => Promise.resolve(monthWith([pendingSwap()])),
      approveSwap: (id) => {
        tries += 1;
        return tries === 1
          ? Promise.reject(new BackendError("auth.wrong_pin", "wrong pin", { remaining: "2" }))
          : Promise.resolve(pendingSwap({ id, status: "approved" }));
      },
    });
    await user.click(screen.getByTestId("roster-swaps"));
    const item = await screen.findByTestId("swap-7");
    expect(item).toHaveTextContent("1002 李娜 ⇄ 1001 王静");
    expect(item).toHaveTextContent("待审批");
    expect(item).toHaveTextContent("家里有事");
    expect(item).toHaveTextContent("周组长");
    await user.click(screen.getByTestId("swap-approve-7"));
    await user.type(await screen.findByTestId("swap-approve-pin"), "9999");
    await user.click(screen.getByTestId("swap-approve-ok"));
    expect(await screen.findByTestId("swap-approve-error")).toHaveTextContent("PIN 错误，还可尝试 2 次");
    expect(backend.approveSwap).toHaveBeenCalledWith(7, "9999");
    expect(screen.getByTestId("swap-approve-pin")).toBeVisible();
    await user.clear(screen.getByTestId("swap-approve-pin"));
    await user.type(screen.getByTestId("swap-approve-pin"), "1234");
    await user.click(screen.getByTestId("swap-approve-ok"));
    await waitFor(() => expect(backend.approveSwap).toHaveBeenLastCalledWith(7, "1234"));
    // The dialog closes (hidden or gone).
    await waitFor(() => {
      const pin = screen.queryByTestId("swap-approve-pin");
      if (pin) expect(pin).not.toBeVisible();
    });
    expect(backend.approveSwap).toHaveBeenCalledTimes(2);
  });

  test("rejecting asks for a note", async () => {
    const { user, backend } = await openRoster({
      rosterMonth: () => Promise.resolve(monthWith([pendingSwap()])),
      rejectSwap: (id) => Promise.resolve(pendingSwap({ id, status: "rejected" })),
    });
    await user.click(screen.getByTestId("roster-swaps"));
    await user.click(await screen.findByTestId("swap-reject-7"));
    await user.click(await screen.findByTestId("swap-reject-ok"));
    expect(await screen.findByText("请填写驳回原因")).toBeInTheDocument();
    expect(backend.rejectSwap).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("swap-reject-note"), "人手不足");
    await user.click(screen.getByTestId("swap-reject-ok"));
    await waitFor(() => expect(backend.rejectSwap).toHaveBeenCalledWith(7, "人手不足"));
  });

  test("an approved swap lists the cells before and prints as the 换班记录表", async () => {
    const approved = pendingSwap({
      status: "approved",
      decided_at: "2026-11-11T03:00:00Z",
      decided_by: "沈丽华",
      cells_before: ["N", "D", "休", "M"],
    });
    const { user } = await openRoster({ rosterMonth: () => Promise.resolve(monthWith([approved])) });
    // Approved: nothing pending on the grid.
    expect(screen.queryByTestId("swap-badge")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("roster-swaps"));
    const item = await screen.findByTestId("swap-7");
    expect(item).toHaveTextContent("已批准");
    expect(item).toHaveTextContent("沈丽华");
    const cellsText = [...item.querySelectorAll(".fd-swap-cells tbody td")].map((td) => td.textContent);
    expect(cellsText).toEqual(["2026-11-13", "N", "D", "2026-11-20", "休", "M"]);
    expect(screen.queryByTestId("swap-approve-7")).not.toBeInTheDocument();
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    await user.click(screen.getByTestId("swap-print-7"));
    const sheet = await screen.findByTestId("swap-print");
    expect(sheet).toHaveTextContent("换班记录表");
    expect(sheet).toHaveTextContent("1002 李娜");
    expect(sheet).toHaveTextContent("1001 王静");
    expect(sheet).toHaveTextContent("家里有事");
    expect(sheet).toHaveTextContent("批准人：沈丽华");
    expect(sheet).toHaveClass("fd-print-record");
    await user.click(screen.getByTestId("swap-print-go"));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  test("an agent can request (request_roster_change) but not approve", async () => {
    const { user } = await openRoster({ rosterMonth: () => Promise.resolve(monthWith([pendingSwap()])) }, "agent");
    expect(screen.getByTestId("roster-swap-request")).toBeInTheDocument();
    expect(screen.getByTestId("roster-leave-request")).toBeInTheDocument();
    await user.click(screen.getByTestId("roster-swaps"));
    expect(await screen.findByTestId("swap-7")).toHaveTextContent("待审批");
    expect(screen.queryByTestId("swap-approve-7")).not.toBeInTheDocument();
    expect(screen.queryByTestId("swap-reject-7")).not.toBeInTheDocument();
  });

  test("a team lead can request but not approve", async () => {
    const { user } = await openRoster(
      { rosterMonth: () => Promise.resolve(monthWith([pendingSwap()], [pendingLeave()])) },
      "team_lead",
    );
    expect(screen.getByTestId("roster-swap-request")).toBeInTheDocument();
    expect(screen.getByTestId("roster-leave-request")).toBeInTheDocument();
    await user.click(screen.getByTestId("roster-swaps"));
    expect(await screen.findByTestId("swap-7")).toBeInTheDocument();
    expect(screen.queryByTestId("swap-approve-7")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("roster-leave"));
    expect(await screen.findByTestId("leave-3")).toBeInTheDocument();
    expect(screen.queryByTestId("leave-approve-3")).not.toBeInTheDocument();
  });
});

function pendingLeave(over: Partial<LeaveRequest> = {}): LeaveRequest {
  return {
    id: 3,
    employee_no: "1003",
    from: "2026-11-09",
    to: "2026-11-10",
    kind: "sick",
    half_day: false,
    reason: "发烧",
    cover: "1004",
    status: "pending",
    requested_at: "2026-11-08T01:00:00Z",
    decided_at: null,
    decided_by: null,
    decision_note: null,
    ...over,
  };
}

describe("leave", () => {
  test("a leave request sends the LeaveInput", async () => {
    const { user, backend } = await openRoster({ requestLeave: () => Promise.resolve(3) });
    await user.click(cell("1003", "2026-11-09"));
    await user.click(screen.getByTestId("roster-leave-request"));
    expect(await screen.findByTestId("leave-from")).toHaveValue("2026-11-09");
    await typeDate(user, "leave-to", "2026-11-10");
    await user.click(screen.getByText("病假"));
    await user.type(screen.getByTestId("leave-reason"), "发烧");
    await pickOption(user, "leave-cover", "1004 刘洋");
    await user.click(screen.getByTestId("leave-request-ok"));
    await waitFor(() => expect(backend.requestLeave).toHaveBeenCalledTimes(1));
    expect(backend.requestLeave).toHaveBeenCalledWith({
      employee_no: "1003",
      from: "2026-11-09",
      to: "2026-11-10",
      kind: "sick",
      half_day: false,
      reason: "发烧",
      cover: "1004",
    });
  });

  test("a half day with no cover and an end before the start", async () => {
    const { user, backend } = await openRoster({ requestLeave: () => Promise.resolve(4) });
    await user.click(cell("1005", "2026-11-12"));
    await user.click(screen.getByTestId("roster-leave-request"));
    await screen.findByTestId("leave-from");
    await typeDate(user, "leave-to", "2026-11-11");
    await user.click(screen.getByTestId("leave-request-ok"));
    expect(await screen.findByText("请假结束日期早于开始日期")).toBeInTheDocument();
    await typeDate(user, "leave-to", "2026-11-12");
    await user.click(screen.getByText("年假"));
    await user.click(screen.getByTestId("leave-half"));
    await user.click(screen.getByTestId("leave-request-ok"));
    await waitFor(() =>
      expect(backend.requestLeave).toHaveBeenCalledWith({
        employee_no: "1005",
        from: "2026-11-12",
        to: "2026-11-12",
        kind: "annual",
        half_day: true,
        reason: null,
        cover: null,
      }),
    );
    expect(backend.requestLeave).toHaveBeenCalledTimes(1);
  });

  test("approved leave days are marked on the grid; pending ones are not", async () => {
    const { user } = await openRoster({
      rosterMonth: () =>
        Promise.resolve(monthWith([], [pendingLeave({ status: "approved", decided_by: "沈丽华", decided_at: "2026-11-08T02:00:00Z" }), pendingLeave({ id: 4, employee_no: "1005", from: "2026-11-20", to: "2026-11-20" })])),
    });
    expect(within(cell("1003", "2026-11-09")).getByTestId("leave-badge")).toHaveTextContent("假");
    expect(within(cell("1003", "2026-11-10")).getByTestId("leave-badge")).toBeInTheDocument();
    expect(within(cell("1003", "2026-11-11")).queryByTestId("leave-badge")).not.toBeInTheDocument();
    expect(within(cell("1005", "2026-11-20")).queryByTestId("leave-badge")).not.toBeInTheDocument();
    // The cell's value is the fixture's.
    expect(cell("1003", "2026-11-09").querySelector(".fd-rc-in")).toHaveTextContent(new RegExp(`^${fixtureCell("1003", "2026-11-09")}$`));
    await user.hover(within(cell("1003", "2026-11-09")).getByTestId("leave-badge"));
    expect(await screen.findByTestId("leave-tip")).toHaveTextContent("病假 · 发烧");
  });

  test("leave is approved with the supervisor's PIN", async () => {
    const { user, backend } = await openRoster({
      rosterMonth: () => Promise.resolve(monthWith([], [pendingLeave()])),
      decideLeave: () => Promise.resolve(null),
    });
    await user.click(screen.getByTestId("roster-leave"));
    const item = await screen.findByTestId("leave-3");
    expect(item).toHaveTextContent("1003 张伟");
    expect(item).toHaveTextContent("病假");
    expect(item).toHaveTextContent("顶班：1004 刘洋");
    expect(item).toHaveTextContent("待审批");
    await user.click(screen.getByTestId("leave-approve-3"));
    await user.type(await screen.findByTestId("leave-decide-pin"), "1234");
    await user.click(screen.getByTestId("leave-decide-ok"));
    await waitFor(() => expect(backend.decideLeave).toHaveBeenCalledWith(3, true, "1234", null));
  });
});
