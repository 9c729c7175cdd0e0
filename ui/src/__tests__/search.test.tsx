import { screen, waitFor } from "@testing-library/react";
import { beforeAll, describe, expect, test } from "vitest";
import type { Role } from "../backend";
import { fixtures, statusFor } from "../test/fixtures";
import { demoReads, fakeBackend, loggedIn } from "../test/fakeBackend";
import { peopleRows, pickOption, renderApp, type User } from "../test/utils";
import { loadPinyin } from "../lib/personSearch";

// Every people search matches 工号, name and pinyin (initials, full, or a mix). The pinyin
// dictionary is a chunk of its own, loaded on first use: load it first, so a test types once.
beforeAll(() => loadPinyin());

const rowNos = () => peopleRows().map((r) => r.getAttribute("data-testid")!.replace("agent-row-", ""));
const cardNos = () =>
  [...document.querySelectorAll<HTMLElement>('[data-testid^="board-agent-"]')].map((c) => c.getAttribute("data-testid")!.replace("board-agent-", ""));

/** The options an open antd Select (or AutoComplete) lists, top to bottom. */
const openOptions = () =>
  [...document.querySelectorAll<HTMLElement>(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")].map(
    (o) => o.getAttribute("title") ?? o.textContent,
  );

/** The text box of the antd Select found by its data-testid. */
function selectInput(testId: string): HTMLInputElement {
  const el = screen.getByTestId(testId);
  const root = el.closest(".ant-select") ?? el;
  return (root.matches("input") ? root : root.querySelector("input")) as HTMLInputElement;
}

async function retype(user: User, input: HTMLElement, text: string) {
  await user.clear(input);
  await user.type(input, text);
}

describe("people search", () => {
  test("by 工号, name, pinyin initials and full pinyin", async () => {
    window.location.hash = "#/people";
    const { user } = renderApp(loggedIn("supervisor"));
    await waitFor(() => expect(peopleRows().length).toBe(36));
    const search = screen.getByTestId("people-search");

    await user.type(search, "wj");
    await waitFor(() => expect(rowNos()).toEqual(["1001"]));
    expect(screen.getByTestId("people-count")).toHaveTextContent("共 1 人");

    await retype(user, search, "zhangw");
    await waitFor(() => expect(rowNos()).toEqual(["1003"]));

    await retype(user, search, "WangJing");
    await waitFor(() => expect(rowNos()).toEqual(["1001"]));

    await retype(user, search, "1003");
    await waitFor(() => expect(rowNos()).toEqual(["1003"]));

    await retype(user, search, "qqq");
    await waitFor(() => expect(rowNos()).toEqual([]));

    await user.clear(search);
    await waitFor(() => expect(peopleRows().length).toBe(36));
  });
});

describe("login list", () => {
  /** The login screen of the demo floor, nobody logged in. */
  const atLogin = (role: Role | null = null) => fakeBackend({ ...demoReads(role), appStatus: () => Promise.resolve(statusFor(null)) });

  test("is ordered by role (主管, 经理, 班长, 坐席), then by name; typing pinyin narrows it", async () => {
    const { user } = renderApp(atLogin());
    await screen.findByTestId("login-user");
    const input = await waitFor(() => {
      const i = selectInput("login-user");
      expect(i).toBeTruthy();
      return i;
    });
    await user.click(input);
    await waitFor(() =>
      expect(openOptions()).toEqual([
        "沈丽华 · 主管",
        "江涛 · 经理",
        "韩梅 · 班长",
        "胡雪 · 班长",
        "王静 · 班长",
        "程凯 · 坐席",
        "董雪莹 · 坐席",
        "李娜 · 坐席",
        "马超 · 坐席",
        "赵敏 · 坐席",
        "朱琳 · 坐席",
      ]),
    );
    expect(fixtures.loginUsers().length).toBe(11);

    await user.type(input, "shl");
    await waitFor(() => expect(openOptions()).toEqual(["沈丽华 · 主管"]));

    await retype(user, input, "wangj");
    await waitFor(() => expect(openOptions()).toEqual(["王静 · 班长"]));

    await retype(user, input, "江");
    await waitFor(() => expect(openOptions()).toEqual(["江涛 · 经理"]));
  });
});

describe("board search", () => {
  test("narrows the cards by pinyin, 工号 or name, with the team filter", async () => {
    const { user } = renderApp(loggedIn("supervisor", { floorBoard: () => Promise.resolve(fixtures.board()) }));
    await screen.findByTestId("board-agent-1036");
    expect(cardNos().length).toBe(fixtures.board().agents.length);
    const search = screen.getByTestId("board-search");

    await user.type(search, "zhangw");
    await waitFor(() => expect(cardNos()).toEqual(["1003"]));

    await retype(user, search, "wj");
    await waitFor(() => expect(cardNos()).toEqual(["1001"]));

    await retype(user, search, "1036");
    await waitFor(() => expect(cardNos()).toEqual(["1036"]));

    await retype(user, search, "韩");
    await waitFor(() => expect(cardNos()).toEqual(["1025"]));

    // With the team filter: both narrow.
    await retype(user, search, "hm");
    await waitFor(() => expect(cardNos()).toEqual(["1025"]));
    await pickOption(user, "board-team-filter", "售前一组");
    await waitFor(() => expect(cardNos()).toEqual([]));
    await retype(user, search, "wj");
    await waitFor(() => expect(cardNos()).toEqual(["1001"]));

    await user.clear(search);
    const team = fixtures.board().agents.filter((a) => a.team_name === "售前一组").map((a) => a.employee_no);
    await waitFor(() => expect(cardNos().sort()).toEqual(team.sort()));
  });
});

describe("person pickers", () => {
  test("the users form's 工号 picker finds an agent by pinyin", async () => {
    window.location.hash = "#/users";
    const { user } = renderApp(loggedIn("supervisor"));
    await screen.findByTestId("users-table");
    await user.click(await screen.findByTestId("user-add"));
    const no = await screen.findByTestId("user-form-employee-no");
    await user.type(no, "zhangw");
    await waitFor(() => expect(openOptions()).toEqual(["1003 张伟"]));
    await retype(user, no, "wj");
    await waitFor(() => expect(openOptions()).toEqual(["1001 王静"]));
  });
});
