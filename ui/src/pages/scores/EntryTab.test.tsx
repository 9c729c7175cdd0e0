// 评分录入 over a fake backend: the sheet is what entrySamples.ts says the backend answers, a
// save resolves (or is refused) as each test says, and the tests assert what the page shows and
// what it sends.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import { StyleProvider } from "@ant-design/cssinjs";
import { QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, test, vi } from "vitest";
import { BackendError, BackendProvider, type CommandApi, type RaterSheetView, type Role, type ScoreEntry } from "../../backend";
import { useTopicInvalidation } from "../../lib/hooks";
import { setLanguage } from "../../i18n";
import { createQueryClient } from "../../lib/query";
import { SessionContext, type Session } from "../../session";
import { loggedIn, type FakeBackend } from "../../test/fakeBackend";
import { statusFor } from "../../test/fixtures";
import { pickOption } from "../../test/utils";
import { theme } from "../../theme";
import EntryTab from "./EntryTab";
import { computedSuperiorGroup, ENTRY_MONTH, leadSheet, selfGroup, sheetRow, superiorGroup } from "./entrySamples";
import { sampleFormulaInputs } from "./adminSamples";
import { VIRTUALIZE_FROM } from "./ScoreGrid";

const styleSink = document.createElement("div");
const themeConfig = { ...theme, token: { ...theme.token, motion: false } };

/** The save answers with the cells as stored: here, as sent. */
const stored = (_month: string, entries: ScoreEntry[]) => Promise.resolve(entries.map((e) => ({ ...e })));

function sheetBackend(view: RaterSheetView = leadSheet(), overrides: Partial<CommandApi> = {}, role: Role = "team_lead"): FakeBackend {
  return loggedIn(role, {
    myScoreSheet: () => Promise.resolve(view),
    enterScores: stored,
    ...overrides,
  });
}

/** What the app's root does: a write's event marks the reads of its topics stale. */
function TopicInvalidation() {
  useTopicInvalidation(useQueryClient());
  return null;
}

/** The tab inside the providers the app gives a page, `role`'s demo user logged in. */
async function renderEntry(backend: FakeBackend, role: Role = "team_lead") {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const status = statusFor(role);
  const session: Session = { status, operator: status.operator!, site: status.site!, refresh: () => Promise.resolve(), logout: () => Promise.resolve() };
  const result = render(
    <StyleProvider container={styleSink}>
      <ConfigProvider locale={zhCN} theme={themeConfig} componentSize="middle" button={{ autoInsertSpace: false }}>
        <AntApp>
          <BackendProvider backend={backend}>
            <QueryClientProvider client={createQueryClient()}>
              <TopicInvalidation />
              <SessionContext.Provider value={session}>
                <EntryTab month={ENTRY_MONTH} />
              </SessionContext.Provider>
            </QueryClientProvider>
          </BackendProvider>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>,
  );
  await screen.findByTestId("score-entry");
  return { user, backend, ...result };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const cell = (no: string, item: number) => screen.getByTestId(`score-cell-${no}-${item}`);

describe("评分录入", () => {
  test("shows the window, the phase, progress and one grid per group with its people", async () => {
    // The day after the rows were saved: their time shows with the date.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-03T02:00:00Z") });
    const { user, backend } = await renderEntry(sheetBackend());
    expect(backend.myScoreSheet).toHaveBeenCalledWith(ENTRY_MONTH);
    expect(screen.getByTestId("score-window")).toHaveTextContent("评分期 2026-12-01 至 2026-12-07");
    expect(screen.getByTestId("score-phase")).toHaveTextContent("评分期内");
    expect(screen.getByTestId("score-progress")).toHaveTextContent("已评完 1/4 人");
    expect(screen.queryByTestId("score-published")).toBeNull();

    const superior = screen.getByTestId("score-group-superior-1");
    expect(superior).toHaveTextContent("上级评分 · 电商客服月度考核");
    expect(screen.getByTestId("score-group-progress-superior-1")).toHaveTextContent("已评完 1/3 人");
    expect(screen.getByTestId("score-group-self-1")).toHaveTextContent("自评 · 电商客服月度考核");

    const grid = screen.getByTestId("score-grid-superior-1");
    // Two header rows: the 分组, then each item with its maximum.
    expect(within(grid).getByText("服务类").closest("th")).toHaveAttribute("colspan", "3");
    expect(within(grid).getByText("订单类").closest("th")).toHaveAttribute("colspan", "2");
    expect(screen.getByTestId("score-item-3")).toHaveTextContent("客户流失率 /5");
    expect(within(grid).getByTestId("score-row-1002")).toHaveTextContent("李娜");
    expect(within(grid).getByTestId("score-row-1002")).toHaveTextContent("售前一组");
    expect(within(grid).getByTestId("score-row-1007")).toHaveTextContent("赵敏");
    expect(within(screen.getByTestId("score-grid-self-1")).getByTestId("score-row-1001")).toHaveTextContent("王静");

    expect(cell("1002", 2)).toHaveTextContent("8.5");
    expect(cell("1003", 2)).toHaveTextContent(/^$/);
    expect(screen.getByTestId("score-total-1002")).toHaveTextContent("34");
    expect(screen.getByTestId("score-filled-1002")).toHaveTextContent("5/5");
    expect(screen.getByTestId("score-filled-1003")).toHaveTextContent("2/5");
    expect(screen.getByTestId("score-total-1007")).toHaveTextContent(/^$/);
    // 2026-12-02T06:02Z is 14:02 in Shanghai.
    expect(screen.getByTestId("score-status-1002")).toHaveTextContent("已保存 12-02 14:02");

    // The item's 评分标准 on its header.
    await user.hover(screen.getByTestId("score-item-1"));
    expect(await screen.findByTestId("score-standard")).toHaveTextContent("评分标准：咨询客户中最终下单成交的比例");
  });

  test("typing 8.5 and Tab saves that one cell in hundredths and moves right", async () => {
    const { user, backend } = await renderEntry(sheetBackend());
    await user.click(cell("1007", 1));
    expect(cell("1007", 1)).toHaveClass("fd-rc-focus");
    await user.keyboard("8.5{Tab}");
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenCalledWith(ENTRY_MONTH, [{ ratee: "a7", role: "superior", item_id: 1, points: 850 }], null, expect.any(String)),
    );
    expect(backend.enterScores).toHaveBeenCalledTimes(1);
    expect(cell("1007", 2)).toHaveClass("fd-rc-focus");
    expect(cell("1007", 1)).not.toHaveClass("fd-rc-focus");
    await waitFor(() => expect(cell("1007", 1)).toHaveTextContent("8.5"));
    expect(screen.getByTestId("score-total-1007")).toHaveTextContent("8.5");
    expect(screen.getByTestId("score-filled-1007")).toHaveTextContent("1/5");
    await waitFor(() => expect(screen.getByTestId("score-status-1007")).toHaveTextContent(/已保存 \d\d:\d\d/));

    // Enter commits and moves down; the page's own write is not read again.
    await user.keyboard("9{Enter}");
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenLastCalledWith(ENTRY_MONTH, [{ ratee: "a7", role: "superior", item_id: 2, points: 900 }], null, expect.any(String)),
    );
    expect(cell("1007", 2)).toHaveClass("fd-rc-focus"); // the last row: Enter stays
    const origin = backend.enterScores.mock.calls[0][3]!;
    act(() => backend.emitDataChanged(["scores"], origin));
    await new Promise((r) => setTimeout(r, 200));
    expect(backend.myScoreSheet).toHaveBeenCalledTimes(1);
    // Someone else's write is read again.
    act(() => backend.emitDataChanged(["scores"], null));
    await waitFor(() => expect(backend.myScoreSheet).toHaveBeenCalledTimes(2));
  });

  test("11 and Enter on a 10-point item shows the limit at once, keeps the cell and sends nothing", async () => {
    const { user, backend } = await renderEntry(sheetBackend());
    await user.click(cell("1007", 1));
    await user.keyboard("11{Enter}");
    expect(await screen.findByTestId("score-cell-error")).toHaveTextContent("须在 0–10 分之间");
    expect(cell("1007", 1)).toHaveClass("fd-rc-focus");
    expect(screen.getByTestId("score-editor")).toHaveValue("11");
    expect(backend.enterScores).not.toHaveBeenCalled();

    // 8.125: two decimals at most; corrected, it saves.
    await user.clear(screen.getByTestId("score-editor"));
    await user.keyboard("8.125{Enter}");
    expect(await screen.findByTestId("score-cell-error")).toHaveTextContent("最多两位小数（0–10 分）");
    expect(backend.enterScores).not.toHaveBeenCalled();
    await user.clear(screen.getByTestId("score-editor"));
    await user.keyboard("8.12{Enter}");
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenCalledWith(ENTRY_MONTH, [{ ratee: "a7", role: "superior", item_id: 1, points: 812 }], null, expect.any(String)),
    );
  });

  test("a 5-point item says 0–5", async () => {
    const { user, backend } = await renderEntry(sheetBackend());
    await user.click(cell("1001", 11));
    await user.keyboard("6{Tab}");
    expect(await screen.findByTestId("score-cell-error")).toHaveTextContent("须在 0–5 分之间");
    expect(backend.enterScores).not.toHaveBeenCalled();
  });

  test("the backend's refusal puts the cell back and shows its words", async () => {
    const refuse = () => Promise.reject(new BackendError("scores.published", "2026-11 is published", { month: "2026-11" }));
    const { user, backend } = await renderEntry(sheetBackend(leadSheet(), { enterScores: refuse }));
    await user.click(cell("1002", 1));
    await user.keyboard("7{Enter}");
    await waitFor(() => expect(backend.enterScores).toHaveBeenCalledTimes(1));
    expect(await screen.findByText("2026-11 的考核已发布，不能再修改；如需更正，请主管重新开放该月")).toBeInTheDocument();
    await waitFor(() => expect(cell("1002", 1)).toHaveTextContent("9"));
    expect(screen.getByTestId("score-total-1002")).toHaveTextContent("34");
    expect(screen.getByTestId("score-status-1002")).toHaveTextContent("未保存");
  });

  test("a block pasted from Excel fills 2×2 from the focused cell in one call", async () => {
    const { user, backend } = await renderEntry(sheetBackend());
    await user.click(cell("1003", 1));
    await user.paste("9\t8\n7\t6");
    await waitFor(() => expect(backend.enterScores).toHaveBeenCalledTimes(1));
    expect(backend.enterScores).toHaveBeenCalledWith(
      ENTRY_MONTH,
      [
        { ratee: "a3", role: "superior", item_id: 1, points: 900 },
        { ratee: "a3", role: "superior", item_id: 2, points: 800 },
        { ratee: "a7", role: "superior", item_id: 1, points: 700 },
        { ratee: "a7", role: "superior", item_id: 2, points: 600 },
      ],
      null,
      expect.any(String),
    );
    await waitFor(() => expect(cell("1007", 2)).toHaveTextContent("6"));
    expect(screen.getByTestId("score-total-1003")).toHaveTextContent("22");
  });

  test("a pasted block with one bad value sends nothing and marks it", async () => {
    const { user, backend } = await renderEntry(sheetBackend());
    await user.click(cell("1003", 2));
    // Item 3 takes 5 points at most.
    await user.paste("9\t8\n7\t6");
    expect(await screen.findByText("粘贴的内容未保存：1003 张伟 · 客户流失率 “8” 须在 0–5 分之间（共 2 处有误）")).toBeInTheDocument();
    expect(cell("1003", 3)).toHaveAttribute("aria-invalid", "true");
    expect(cell("1007", 3)).toHaveAttribute("aria-invalid", "true");
    expect(backend.enterScores).not.toHaveBeenCalled();
  });

  test("Delete clears a cell, Esc drops an edit, F2 edits the value there", async () => {
    const { user, backend } = await renderEntry(sheetBackend());
    await user.click(cell("1002", 2));
    await user.keyboard("{Delete}");
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenCalledWith(ENTRY_MONTH, [{ ratee: "a2", role: "superior", item_id: 2, points: null }], null, expect.any(String)),
    );
    await waitFor(() => expect(screen.getByTestId("score-filled-1002")).toHaveTextContent("4/5"));

    await user.keyboard("{ArrowLeft}3{Escape}");
    expect(screen.queryByTestId("score-editor")).toBeNull();
    expect(cell("1002", 1)).toHaveTextContent("9");

    await user.keyboard("{F2}");
    expect(screen.getByTestId("score-editor")).toHaveValue("9");
    await user.keyboard(".5{Enter}");
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenLastCalledWith(ENTRY_MONTH, [{ ratee: "a2", role: "superior", item_id: 1, points: 950 }], null, expect.any(String)),
    );
    expect(cell("1003", 1)).toHaveClass("fd-rc-focus");
    expect(backend.enterScores).toHaveBeenCalledTimes(2);
  });

  test("past the window the first save asks for a supervisor's PIN, retries with it, and keeps it for the next cells", async () => {
    const late = { user_id: 1, pin: "2468", reason: "补录漏评" };
    const enterScores = (month: string, entries: ScoreEntry[], signoff: { pin: string } | null) => {
      if (!signoff) return Promise.reject(new BackendError("scores.window_closed", "closed", { closes_on: "2026-12-07" }));
      if (signoff.pin !== late.pin) return Promise.reject(new BackendError("auth.wrong_pin", "wrong PIN", { remaining: "4" }));
      return stored(month, entries);
    };
    const { user, backend } = await renderEntry(sheetBackend(leadSheet({ phase: "closed" }), { enterScores }));
    expect(screen.getByTestId("score-phase")).toHaveTextContent("评分期已过");
    expect(screen.getByTestId("score-closed")).toHaveTextContent("评分期已于 2026-12-07 结束");

    await user.click(cell("1007", 1));
    await user.keyboard("9{Enter}");
    const modal = await screen.findByTestId("late-modal");
    expect(backend.enterScores).toHaveBeenCalledWith(ENTRY_MONTH, [{ ratee: "a7", role: "superior", item_id: 1, points: 900 }], null, expect.any(String));
    expect(modal).toHaveTextContent("待保存 1 个单元格");
    // The cell keeps what was typed while the sign-off is asked for.
    expect(cell("1007", 1)).toHaveTextContent("9");
    expect(screen.getByTestId("score-status-1007")).toHaveTextContent("待主管签批");

    // Only supervisors and managers sign; a wrong PIN is the backend's, shown in the dialog.
    await pickOption(user, "late-user", "沈丽华（S001）· 主管");
    expect(document.querySelector('.ant-select-item-option[title^="王静"]')).toBeNull();
    await user.type(screen.getByTestId("late-pin"), "1111");
    await user.type(screen.getByTestId("late-reason"), late.reason);
    await user.click(screen.getByTestId("late-submit"));
    expect(await screen.findByTestId("late-error")).toHaveTextContent("PIN 错误，还可尝试 4 次");
    expect(screen.getByTestId("late-modal")).toBeInTheDocument();

    await user.type(screen.getByTestId("late-pin"), late.pin);
    await user.click(screen.getByTestId("late-submit"));
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenLastCalledWith(ENTRY_MONTH, [{ ratee: "a7", role: "superior", item_id: 1, points: 900 }], late, expect.any(String)),
    );
    await waitFor(() => expect(screen.queryByTestId("late-modal")).toBeNull());
    expect(screen.getByTestId("score-late-banner")).toHaveTextContent("逾期修改：由 沈丽华 批准（补录漏评）");

    // The next cell goes with the same sign-off, no second PIN.
    const calls = backend.enterScores.mock.calls.length;
    await user.click(cell("1007", 2));
    await user.keyboard("8{Enter}");
    await waitFor(() => expect(backend.enterScores).toHaveBeenCalledTimes(calls + 1));
    expect(backend.enterScores).toHaveBeenLastCalledWith(ENTRY_MONTH, [{ ratee: "a7", role: "superior", item_id: 2, points: 800 }], late, expect.any(String));
    expect(screen.queryByTestId("late-modal")).toBeNull();
  });

  test("a sign-off not given puts the cells back", async () => {
    const enterScores = () => Promise.reject(new BackendError("scores.window_closed", "closed", { closes_on: "2026-12-07" }));
    const { user } = await renderEntry(sheetBackend(leadSheet({ phase: "closed" }), { enterScores }));
    await user.click(cell("1002", 1));
    await user.keyboard("3{Enter}");
    await screen.findByTestId("late-modal");
    await user.click(screen.getByTestId("late-cancel"));
    await waitFor(() => expect(screen.queryByTestId("late-modal")).toBeNull());
    await waitFor(() => expect(cell("1002", 1)).toHaveTextContent("9"));
    expect(await screen.findByText("逾期修改未签批，修改未保存")).toBeInTheDocument();
  });

  test("a published month is read-only: typing, Delete and paste send nothing", async () => {
    const { user, backend } = await renderEntry(sheetBackend(leadSheet({ phase: "closed", published: true })));
    expect(screen.getByTestId("score-published")).toHaveTextContent("已发布");
    expect(screen.getByTestId("score-read-only")).toHaveTextContent("本月考核已发布，评分不能再修改；如需更正，请主管重新开放该月");
    expect(screen.queryByTestId("score-closed")).toBeNull();
    await user.click(cell("1007", 1));
    await user.keyboard("9");
    expect(screen.queryByTestId("score-editor")).toBeNull();
    await user.keyboard("{Enter}{ArrowUp}{Delete}{F2}");
    expect(screen.queryByTestId("score-editor")).toBeNull();
    await user.paste("9\t8");
    fireEvent.doubleClick(cell("1002", 1));
    expect(screen.queryByTestId("score-editor")).toBeNull();
    expect(backend.enterScores).not.toHaveBeenCalled();
  });

  test("before the window opens the sheet is read-only and says when it opens", async () => {
    const { user, backend } = await renderEntry(sheetBackend(leadSheet({ phase: "not_open" })));
    expect(screen.getByTestId("score-phase")).toHaveTextContent("未到评分期");
    expect(screen.getByTestId("score-read-only")).toHaveTextContent("本月评分期 12-01 开始");
    await user.click(cell("1007", 1));
    await user.keyboard("9{Enter}");
    expect(backend.enterScores).not.toHaveBeenCalled();
  });

  test("an agent sees only their 自评; nobody to rate shows an empty sheet", async () => {
    const agentView = leadSheet({ groups: [selfGroup()] });
    await renderEntry(sheetBackend(agentView, {}, "agent"), "agent");
    expect(screen.getByTestId("score-grid-self-1")).toBeInTheDocument();
    expect(screen.queryByTestId("score-grid-superior-1")).toBeNull();
  });

  test("a computed item's cells are read-only: greyed, inputs on hover, a typed key or Delete sends nothing, Tab moves through, a paste skips them", async () => {
    const backend = sheetBackend(leadSheet({ groups: [computedSuperiorGroup(), selfGroup()] }), {
      scoreFormulaInputs: () => Promise.resolve(sampleFormulaInputs()),
    });
    const { user } = await renderEntry(backend);
    expect(screen.getByTestId("score-item-computed-2")).toHaveTextContent("计算");
    expect(screen.queryByTestId("score-item-computed-1")).toBeNull();
    expect(screen.getByTestId("score-computed-hint")).toHaveTextContent("由系统根据现场记录计算");
    expect(cell("1002", 2)).toHaveClass("fd-rc-computed");
    expect(cell("1002", 2)).toHaveAttribute("aria-readonly", "true");
    expect(cell("1002", 2)).toHaveTextContent("6");
    expect(cell("1002", 1)).not.toHaveClass("fd-rc-computed");
    // The formula failed on 张伟's data: no value, marked.
    expect(cell("1003", 2)).toHaveClass("fd-rc-failed");
    await waitFor(() => expect(backend.scoreFormulaInputs).toHaveBeenCalledTimes(1));

    // Hover: the inputs it came from, labelled, and the points.
    await user.hover(cell("1002", 2));
    const detail = await screen.findByTestId("computed-detail");
    expect(within(detail).getByTestId("computed-input-late_count")).toHaveTextContent("迟到次数2");
    expect(within(detail).getByTestId("computed-points")).toHaveTextContent("得分 6 /10");
    expect(detail).toHaveTextContent("max(0, 10 - 2 * late_count)");
    await user.hover(cell("1003", 2));
    await waitFor(() => expect(screen.getByTestId("computed-error")).toHaveTextContent("计算失败：the formula divides by zero"));
    // Off the computed column: no popover.
    await user.hover(cell("1003", 1));
    await waitFor(() => expect(screen.queryByTestId("computed-detail")).toBeNull());

    // Typing, Delete, F2 and a double click there open nothing and send nothing.
    await user.click(cell("1007", 2));
    expect(cell("1007", 2)).toHaveClass("fd-rc-focus");
    await user.keyboard("9");
    expect(screen.queryByTestId("score-editor")).toBeNull();
    expect(await screen.findByText("出勤纪律 由系统根据现场记录计算，不能手工录入")).toBeInTheDocument();
    await user.keyboard("{Delete}{F2}");
    fireEvent.doubleClick(cell("1007", 2));
    expect(screen.queryByTestId("score-editor")).toBeNull();
    expect(cell("1007", 2)).toHaveTextContent("10");
    expect(backend.enterScores).not.toHaveBeenCalled();

    // Tab and the arrows move through it.
    await user.keyboard("{Tab}");
    expect(cell("1007", 3)).toHaveClass("fd-rc-focus");
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(cell("1007", 1)).toHaveClass("fd-rc-focus");
    await user.keyboard("{Tab}{Tab}4{Enter}");
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenCalledWith(ENTRY_MONTH, [{ ratee: "a7", role: "superior", item_id: 3, points: 400 }], null, expect.any(String)),
    );

    // A block pasted over the computed column skips it (its value, however wrong, is not checked).
    await user.click(cell("1003", 1));
    await user.paste("9\t99\t4");
    await waitFor(() => expect(backend.enterScores).toHaveBeenCalledTimes(2));
    expect(backend.enterScores).toHaveBeenLastCalledWith(
      ENTRY_MONTH,
      [
        { ratee: "a3", role: "superior", item_id: 1, points: 900 },
        { ratee: "a3", role: "superior", item_id: 3, points: 400 },
      ],
      null,
      expect.any(String),
    );
    // A paste onto the computed cell alone sends nothing.
    await user.click(cell("1002", 2));
    await user.paste("5");
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.enterScores).toHaveBeenCalledTimes(2);
  });

  test("nobody to rate", async () => {
    await renderEntry(sheetBackend(leadSheet({ groups: [] })));
    expect(screen.getByTestId("score-empty")).toHaveTextContent("本月您没有需要评分的人");
    expect(screen.queryByTestId("score-progress")).toBeNull();
  });

  test(`${VIRTUALIZE_FROM} people and more: only the rows near the view are in the DOM, and typing saves one cell`, async () => {
    // A 270 px high grid (ten rows) over rows 27 px high.
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.dataset.testid?.startsWith("score-grid-") ? 270 : 0;
    });
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.tagName === "TR" ? 27 : 0;
    });
    const group = superiorGroup();
    group.items = Array.from({ length: 20 }, (_, i) => ({ ...group.items[i % 5], id: 101 + i, position: i + 1, name: `项目${i + 1}` }));
    group.rows = Array.from({ length: 300 }, (_, i) => sheetRow(1000 + i, String(20001 + i), `坐席${i + 1}`, Array.from({ length: 20 }, () => null)));
    const { user, backend } = await renderEntry(sheetBackend(leadSheet({ groups: [group] })));
    const rendered = screen.getAllByTestId(/^score-row-/).length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(screen.queryByTestId("score-row-20300")).toBeNull();

    await user.click(cell("20001", 101));
    await user.keyboard("7{Tab}");
    await waitFor(() =>
      expect(backend.enterScores).toHaveBeenCalledWith(ENTRY_MONTH, [{ ratee: "a1000", role: "superior", item_id: 101, points: 700 }], null, expect.any(String)),
    );
    expect(cell("20001", 102)).toHaveClass("fd-rc-focus");
    await waitFor(() => expect(screen.getByTestId("score-total-20001")).toHaveTextContent("7"));
  });

  test("in English", async () => {
    setLanguage("en", false);
    const { user } = await renderEntry(sheetBackend());
    expect(screen.getByTestId("score-window")).toHaveTextContent("Scoring 2026-12-01 to 2026-12-07");
    expect(screen.getByTestId("score-progress")).toHaveTextContent("Progress: 1/4 people fully scored");
    expect(screen.getByTestId("score-group-superior-1")).toHaveTextContent("Superior · 电商客服月度考核");
    await user.click(cell("1007", 1));
    await user.keyboard("11{Enter}");
    expect(await screen.findByTestId("score-cell-error")).toHaveTextContent("must be 0–10 points");
  });
});
