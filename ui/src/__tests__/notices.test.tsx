import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { BackendError, type Board, type CommandApi, type NoticeMark, type Role } from "../backend";
import { fixtures, statusFor } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

// 报备: the board shows the notices the backend's board carries (on cards and on alerts) and the
// dialog sends what the lead entered. What a notice excuses is the backend's rule: the fixtures
// come from it (1014 phoned before her shift, 1022 after hers); the tests judge nothing.

afterEach(() => {
  vi.restoreAllMocks();
});

/** The demo floor at 10:00 (Asia/Shanghai) with `role`'s user logged in; `push` sends the next board. */
async function openBoard(role: Role = "team_lead", overrides: Partial<CommandApi> = {}, start: Board = fixtures.board()) {
  let current = start;
  const backend = loggedIn(role, { floorBoard: () => Promise.resolve(structuredClone(current)), ...overrides });
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-1036");
  const push = (next: Board) => {
    current = next;
    act(() => backend.emitFloor(structuredClone(next)));
  };
  return { ...r, backend, push };
}

/** What the backend answers a recorded notice with (the board fixture's, for `employee_no`). */
function markFor(employeeNo: string): NoticeMark {
  const mark = structuredClone(fixtures.board().agents.find((a) => a.employee_no === "1022")!.notice!);
  return { ...mark, id: 9, employee_no: employeeNo };
}

const card = (no: string) => screen.getByTestId(`board-agent-${no}`);

async function openMenu(user: ReturnType<typeof renderApp>["user"], no: string) {
  await user.click(card(no));
  return screen.findByTestId("state-menu");
}

/** Hovers `el` and returns the tooltip it opens. */
async function tooltipOf(user: ReturnType<typeof renderApp>["user"], el: HTMLElement, testId: string) {
  await user.hover(el);
  return screen.findByTestId(testId);
}

describe("notices (报备)", () => {
  test("cards show 已报备 for the agents the board says gave notice, with what was recorded, before or after the start", async () => {
    const { user } = await openBoard("supervisor");

    // 1014 朱琳 phoned at 08:10 that she is ill: before her 09:00 shift.
    const before = within(card("1014")).getByTestId("board-notice-1014");
    expect(before).toHaveTextContent("已报备");
    const tip1014 = await tooltipOf(user, before, "board-notice-1014-tip");
    expect(tip1014).toHaveTextContent("报备：缺勤");
    expect(tip1014).toHaveTextContent("原因：发烧请假");
    expect(tip1014).toHaveTextContent("来电时间：08:10");
    expect(tip1014).toHaveTextContent("开班前报备");
    expect(tip1014).not.toHaveTextContent("开班后报备");
    await user.unhover(before);

    // 1022 宋佳琪 phoned at 09:05 that she would be late: after her 09:00 start.
    const after = within(card("1022")).getByTestId("board-notice-1022");
    expect(after).toHaveTextContent("已报备");
    const tip1022 = await tooltipOf(user, after, "board-notice-1022-tip");
    expect(tip1022).toHaveTextContent("报备：迟到");
    expect(tip1022).toHaveTextContent("原因：地铁故障");
    expect(tip1022).toHaveTextContent("来电时间：09:05");
    expect(tip1022).toHaveTextContent("开班后报备");

    // Nobody else gave notice.
    expect(within(card("1005")).queryByText("已报备")).not.toBeInTheDocument();
    expect(screen.getAllByText("已报备")).toHaveLength(2 + 1); // two cards, and 1022's late alert

    // The compact view shows the same cards.
    await user.click(screen.getByTitle("紧凑"));
    const grid = await screen.findByTestId("board-grid");
    expect(within(grid).getByTestId("board-notice-1014")).toHaveTextContent("已报备");
    expect(within(grid).getByTestId("board-notice-1022")).toHaveTextContent("已报备");
  });

  test("a notice the next board carries shows on the card; one no longer carried goes", async () => {
    const { push } = await openBoard("supervisor");
    expect(within(card("1005")).queryByTestId("board-notice-1005")).not.toBeInTheDocument();
    const next = fixtures.board();
    for (const a of next.agents) {
      if (a.employee_no === "1005") a.notice = markFor("1005");
      if (a.employee_no === "1014") a.notice = null;
    }
    push(next);
    await waitFor(() => expect(within(card("1005")).getByTestId("board-notice-1005")).toHaveTextContent("已报备"));
    expect(within(card("1014")).queryByTestId("board-notice-1014")).not.toBeInTheDocument();
  });

  test("the dialog refuses an empty reason, then sends the kind, the trimmed reason and now; the card follows the next board", async () => {
    let board = fixtures.board();
    const { user, backend } = await openBoard("team_lead", {
      floorBoard: () => Promise.resolve(structuredClone(board)),
      recordNotice: (input) => {
        // The backend's next board carries the notice (data set-up: what the backend would send).
        board = fixtures.board();
        board.agents.find((a) => a.employee_no === input.employee_no)!.notice = markFor(input.employee_no);
        return Promise.resolve(markFor(input.employee_no));
      },
    });

    const menu = await openMenu(user, "1005");
    await user.click(within(menu).getByTestId("open-notice"));
    const dialog = await screen.findByTestId("notice-dialog");
    expect(screen.getByText("报备：陈晨（1005）")).toBeInTheDocument();
    // The call time starts at the board's time on the site's clock.
    expect(within(dialog).getByTestId("notice-at")).toHaveValue("10:00");
    expect(within(dialog).getByRole("radio", { name: "迟到" })).toBeChecked();

    await user.type(within(dialog).getByTestId("notice-reason"), "   ");
    await user.click(screen.getByRole("button", { name: "记录报备" }));
    expect(await within(dialog).findByTestId("notice-reason-error")).toHaveTextContent("报备须填写原因");
    expect(backend.recordNotice).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole("radio", { name: "缺勤" }));
    await user.clear(within(dialog).getByTestId("notice-reason"));
    await user.type(within(dialog).getByTestId("notice-reason"), "  家中有事，今天来不了 ");
    await user.click(screen.getByRole("button", { name: "记录报备" }));
    await waitFor(() =>
      expect(backend.recordNotice).toHaveBeenCalledWith({ employee_no: "1005", kind: "absent", reason: "家中有事，今天来不了", at: null }),
    );
    expect(backend.recordNotice).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("已记录 陈晨 的报备")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("notice-dialog")).not.toBeInTheDocument());
    // The page read the board again: the card shows what the backend now says.
    await waitFor(() => expect(within(card("1005")).getByTestId("board-notice-1005")).toHaveTextContent("已报备"));
  });

  test("a changed call time is sent as the instant it names on the site's clock; a time after now is the day before", async () => {
    const { user, backend } = await openBoard("team_lead", { recordNotice: (input) => Promise.resolve(markFor(input.employee_no)) });

    await user.click(within(await openMenu(user, "1008")).getByTestId("open-notice"));
    let dialog = await screen.findByTestId("notice-dialog");
    // 09:45 in Asia/Shanghai is 01:45 UTC that day.
    fireEvent.change(within(dialog).getByTestId("notice-at"), { target: { value: "09:45" } });
    expect(within(dialog).queryByTestId("notice-at-day-before")).not.toBeInTheDocument();
    await user.type(within(dialog).getByTestId("notice-reason"), "堵车");
    await user.click(screen.getByRole("button", { name: "记录报备" }));
    await waitFor(() =>
      expect(backend.recordNotice).toHaveBeenCalledWith({ employee_no: "1008", kind: "late", reason: "堵车", at: "2026-11-23T01:45:00Z" }),
    );
    await waitFor(() => expect(screen.queryByTestId("notice-dialog")).not.toBeInTheDocument());

    // 10:30 has not come yet today: it is yesterday's 10:30, and the dialog says so.
    await user.click(within(await openMenu(user, "1009")).getByTestId("open-notice"));
    dialog = await screen.findByTestId("notice-dialog");
    fireEvent.change(within(dialog).getByTestId("notice-at"), { target: { value: "10:30" } });
    expect(within(dialog).getByTestId("notice-at-day-before")).toHaveTextContent("前一天");
    await user.type(within(dialog).getByTestId("notice-reason"), "昨天来电请假");
    await user.click(screen.getByRole("button", { name: "记录报备" }));
    await waitFor(() =>
      expect(backend.recordNotice).toHaveBeenLastCalledWith({
        employee_no: "1009",
        kind: "late",
        reason: "昨天来电请假",
        at: "2026-11-22T02:30:00Z",
      }),
    );
  });

  test("the backend's refusal shows its text in the dialog, which stays open", async () => {
    const { user, backend } = await openBoard("team_lead", {
      recordNotice: () =>
        Promise.reject(new BackendError("notice.no_shift", "agent 1012 has no shift running or to come", { employee_no: "1012" })),
    });
    await user.click(within(await openMenu(user, "1012")).getByTestId("open-notice"));
    const dialog = await screen.findByTestId("notice-dialog");
    await user.type(within(dialog).getByTestId("notice-reason"), "请事假");
    await user.click(screen.getByRole("button", { name: "记录报备" }));
    expect(await within(dialog).findByTestId("notice-error")).toHaveTextContent("坐席 1012 现在及之后都没有排班，无法报备");
    expect(backend.recordNotice).toHaveBeenCalledWith({ employee_no: "1012", kind: "late", reason: "请事假", at: null });
    expect(screen.getByTestId("notice-dialog")).toBeInTheDocument();
    expect(screen.queryByText(/已记录/)).not.toBeInTheDocument();
  });

  test("报备… is offered to those who operate the floor only", async () => {
    const lead = await openBoard("team_lead");
    expect(within(await openMenu(lead.user, "1004")).getByTestId("open-notice")).toHaveTextContent("报备…");
    lead.unmount();

    const watcher = fixtures.operator("team_lead");
    watcher.permissions = watcher.permissions.filter((p) => p !== "operate_floor");
    const viewer = await openBoard("team_lead", { appStatus: () => Promise.resolve({ ...statusFor("team_lead"), operator: watcher }) });
    const menu = await openMenu(viewer.user, "1004");
    expect(within(menu).getByTestId("state-menu-readonly")).toBeInTheDocument();
    expect(within(menu).queryByTestId("open-notice")).not.toBeInTheDocument();
    expect(within(menu).queryByText("报备…")).not.toBeInTheDocument();
  });
});

describe("alerts with notices", () => {
  test("1022's late alert is marked 已报备 with the reason and call time; the others are not", async () => {
    const { user } = await openBoard("supervisor");
    const late = screen.getByTestId("alert-2");
    expect(late).toHaveTextContent("迟到签入");
    expect(late).toHaveTextContent("宋佳琪");
    const tag = within(late).getByTestId("alert-notice-2");
    expect(tag).toHaveTextContent("已报备");
    const tip = await tooltipOf(user, tag, "alert-notice-2-tip");
    expect(tip).toHaveTextContent("原因：地铁故障");
    expect(tip).toHaveTextContent("来电时间：09:05");
    expect(tip).toHaveTextContent("开班后报备");
    expect(screen.getByTestId("alert-1")).not.toHaveTextContent("已报备");
    expect(screen.getByTestId("alert-3")).not.toHaveTextContent("已报备");
  });

  test("an absence the backend found without leave reads 旷工, on the board and in the day's history", async () => {
    const board = fixtures.board();
    const absent = board.open_alerts.find((a) => a.alert.rule === "absent")!;
    absent.without_leave = true;
    const history = fixtures.alerts().map((a) => (a.id === absent.id ? { ...a, without_leave: true } : a));
    const { user } = await openBoard("supervisor", { listAlerts: () => Promise.resolve(history) }, board);

    const item = screen.getByTestId(`alert-${absent.id}`);
    expect(within(item).getByTestId(`alert-rule-${absent.id}`)).toHaveTextContent(/^旷工$/);
    expect(item).not.toHaveTextContent("缺勤");
    expect(item).toHaveTextContent("陈晨");

    await user.click(screen.getByTestId("alerts-tab-history"));
    const row = await screen.findByTestId(`alert-history-${absent.id}`);
    expect(within(row).getByTestId(`alert-history-rule-${absent.id}`)).toHaveTextContent(/^旷工$/);
    expect(within(screen.getByTestId("alert-history-2")).getByTestId("alert-history-notice-2")).toHaveTextContent("已报备");
  });

  test("without leave and notified on the wallboard too", async () => {
    const board = fixtures.board();
    board.open_alerts.find((a) => a.alert.rule === "absent")!.without_leave = true;
    const { user } = await openBoard("supervisor", {}, board);
    await user.click(screen.getByTestId("wallboard-toggle"));
    await screen.findByTestId("wallboard");
    expect(screen.getByTestId("wallboard-alert-3")).toHaveTextContent("旷工");
    expect(screen.getByTestId("wallboard-alert-3")).not.toHaveTextContent("缺勤");
    expect(screen.getByTestId("wallboard-alert-notice-2")).toHaveTextContent("已报备");
  });
});
