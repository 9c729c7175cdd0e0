// 评分人: the month's raters as the backend lists them, one row per person; 小组 raters chosen
// from anyone with a 工号 (assignRater), taken back after a confirmation (removeRater); the
// backend's refusals shown as it words them; a lead adds no 上级; last month's 小组 raters copied.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type CommandApi, type Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import type { User } from "../../test/utils";
import { renderHandover as renderInApp } from "../handover/renderHandover";
import RatersTab from "./RatersTab";
import { LAST_MONTH, SAMPLE_MONTH, sampleLastMonthRaters, samplePeople, sampleRaters, sampleRatersOfTeam1 } from "./adminSamples";

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    monthRaters: (month) => Promise.resolve(month === SAMPLE_MONTH ? (role === "team_lead" ? sampleRatersOfTeam1() : sampleRaters()) : []),
    scorePeople: () => Promise.resolve(samplePeople()),
    assignRater: () => Promise.resolve(null),
    removeRater: () => Promise.resolve(null),
    ...overrides,
  });
  const r = renderInApp(<RatersTab month={SAMPLE_MONTH} />, backend, role);
  await screen.findByTestId("raters-row-1001");
  return r;
}

const row = (no: string) => screen.getByTestId(`raters-row-${no}`);

/** The visible options of the open picker's list. */
function pickerOptions(): string[] {
  return [...document.querySelectorAll<HTMLElement>(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")].map(
    (o) => o.getAttribute("title") ?? "",
  );
}

async function openPicker(user: User, testId: string) {
  await user.click(screen.getByTestId(testId));
  const picker = await screen.findByTestId("rater-picker");
  const input = within(picker).getByRole("combobox");
  await user.click(input);
  return input;
}

async function choose(user: User, label: string) {
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${label}"]`)].filter(
      (o) => !o.closest(".ant-select-dropdown-hidden"),
    );
    expect(found.length).toBeGreaterThan(0);
    return found[0];
  });
  await user.click(option);
}

describe("raters tab", () => {
  test("one row per person rated, by team: 自评, 上级 (默认 marked), 小组, and who has no 小组 rater yet", async () => {
    await open();
    const rows = within(screen.getByTestId("raters-table"))
      .getAllByRole("row")
      .map((r) => r.getAttribute("data-testid"))
      .filter(Boolean);
    expect(rows).toEqual(["raters-row-1001", "raters-row-1002", "raters-row-1003", "raters-row-1004", "raters-row-1013", "raters-row-1014"]);
    expect(row("1001")).toHaveTextContent("售前一组");
    expect(row("1013")).toHaveTextContent("售前二组");
    expect(row("1002")).toHaveTextContent("1002 李娜");

    const superiors = screen.getByTestId("superiors-1004");
    expect(within(superiors).getByTestId("rater-superior-1004-1001")).toHaveTextContent("王静 · 默认");
    expect(within(superiors).getByTestId("rater-superior-1004-S001")).toHaveTextContent("沈丽华");
    expect(within(superiors).getByTestId("rater-superior-1004-S001")).not.toHaveTextContent("默认");

    const peers = screen.getByTestId("peers-1002");
    expect(within(peers).getByTestId("rater-peer-1002-1003")).toHaveTextContent("张伟");
    expect(within(peers).getByTestId("rater-peer-1002-1014")).toHaveTextContent("朱琳 · 导入");
    expect(screen.queryByTestId("no-peer-1002")).not.toBeInTheDocument();

    expect(screen.getByTestId("no-peer-1003")).toHaveTextContent("未指定小组评分人");
    expect(screen.getByTestId("no-peer-1013")).toBeInTheDocument();
    expect(screen.getByTestId("raters-no-peer")).toHaveTextContent("2 人尚未指定小组评分人");
  });

  test("adding a 小组 rater: anyone active with a 工号 but the person, searched by 工号; assignRater(month, ratee, peer, rater)", async () => {
    const { user, backend } = await open();
    const input = await openPicker(user, "add-peer-1003");
    expect(screen.getByRole("dialog")).toHaveTextContent("为 1003 张伟 添加小组评分人");
    await waitFor(() => expect(pickerOptions().length).toBeGreaterThan(0));
    const offered = pickerOptions();
    expect(offered).toContain("1013 胡雪"); // another team
    expect(offered).toContain("S001 沈丽华");
    expect(offered).not.toContain("1003 张伟"); // themselves
    expect(offered).not.toContain("1099 钱多多"); // has left

    await user.type(input, "1004");
    await waitFor(() => expect(pickerOptions()).toEqual(["1004 刘洋"]));
    await choose(user, "1004 刘洋");
    expect(backend.assignRater).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("rater-picker-ok"));
    await waitFor(() => expect(backend.assignRater).toHaveBeenCalledWith(SAMPLE_MONTH, "a3", "peer", "a4"));
    expect(backend.assignRater).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId("rater-picker")).not.toBeInTheDocument());
    // The month is read again for what the backend now says.
    await waitFor(() => expect(backend.monthRaters.mock.calls.filter(([m]) => m === SAMPLE_MONTH).length).toBeGreaterThan(1));
  });

  test("several raters at once: one assignRater each, in order", async () => {
    const { user, backend } = await open();
    await openPicker(user, "add-peer-1013");
    await choose(user, "1014 朱琳");
    await choose(user, "1015 高翔");
    await user.click(screen.getByTestId("rater-picker-ok"));
    await waitFor(() => expect(backend.assignRater).toHaveBeenCalledTimes(2));
    expect(backend.assignRater.mock.calls).toEqual([
      [SAMPLE_MONTH, "a13", "peer", "a14"],
      [SAMPLE_MONTH, "a13", "peer", "a15"],
    ]);
  });

  test("the backend's scores.self_as_peer refusal is shown in its words, and the picker stays open", async () => {
    const { user, backend } = await open("supervisor", {
      assignRater: () => Promise.reject(new BackendError("scores.self_as_peer", "1003 rates themselves only as 自评", { employee_no: "1003" })),
    });
    await openPicker(user, "add-peer-1003");
    await choose(user, "1002 李娜");
    await user.click(screen.getByTestId("rater-picker-ok"));
    expect(await screen.findByTestId("rater-picker-error")).toHaveTextContent("1003 只能自评，不能做自己的上级或小组评分人");
    expect(backend.assignRater).toHaveBeenCalledWith(SAMPLE_MONTH, "a3", "peer", "a2");
    expect(screen.getByTestId("rater-picker")).toBeInTheDocument();
  });

  test("removing a 小组 rater asks first, then calls removeRater; cancelling sends nothing", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("remove-peer-1002-1003"));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("不再由 1003 张伟 为 1002 李娜 做小组考核？其已录入的该项评分将被清除");
    await user.click(within(dialog).getByTestId("raters-remove-cancel"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.removeRater).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("remove-peer-1002-1003"));
    await user.click(await screen.findByTestId("raters-remove-ok"));
    await waitFor(() => expect(backend.removeRater).toHaveBeenCalledWith(SAMPLE_MONTH, "a2", "peer", "a3"));
    expect(backend.removeRater).toHaveBeenCalledTimes(1);
  });

  test("a default rater cannot be removed; a supervisor may add and remove an extra 上级", async () => {
    const { user, backend } = await open();
    expect(screen.queryByTestId("remove-superior-1004-1001")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("remove-superior-1004-S001"));
    await user.click(await screen.findByTestId("raters-remove-ok"));
    await waitFor(() => expect(backend.removeRater).toHaveBeenCalledWith(SAMPLE_MONTH, "a4", "superior", "u1"));

    await openPicker(user, "add-superior-1003");
    expect(pickerOptions()).not.toContain("1001 王静"); // already their superior
    await choose(user, "S001 沈丽华");
    await user.click(screen.getByTestId("rater-picker-ok"));
    await waitFor(() => expect(backend.assignRater).toHaveBeenCalledWith(SAMPLE_MONTH, "a3", "superior", "u1"));
  });

  test("a lead (no manage_scores) chooses 小组 raters but adds or removes no 上级", async () => {
    const { user, backend } = await open("team_lead");
    expect(screen.queryByTestId("add-superior-1002")).not.toBeInTheDocument();
    expect(document.querySelector('[data-testid^="add-superior-"]')).toBeNull();
    expect(screen.getByTestId("rater-superior-1004-S001")).toBeInTheDocument();
    expect(screen.queryByTestId("remove-superior-1004-S001")).not.toBeInTheDocument();

    await openPicker(user, "add-peer-1003");
    await choose(user, "1004 刘洋");
    await user.click(screen.getByTestId("rater-picker-ok"));
    await waitFor(() => expect(backend.assignRater).toHaveBeenCalledWith(SAMPLE_MONTH, "a3", "peer", "a4"));
  });

  test("复制上月小组评分人: last month's 小组 raters for people rated now, skipping who left and who is already theirs", async () => {
    const { user, backend } = await open("supervisor", {
      monthRaters: (month) => Promise.resolve(month === SAMPLE_MONTH ? sampleRaters() : month === LAST_MONTH ? sampleLastMonthRaters() : []),
    });
    await user.click(screen.getByTestId("raters-copy"));
    const dialog = await screen.findByRole("dialog");
    expect(backend.monthRaters).toHaveBeenCalledWith(LAST_MONTH);
    expect(dialog).toHaveTextContent("为本月 2 人补上 2026-09 的小组评分人共 2 名");
    expect(backend.assignRater).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("raters-copy-ok"));
    await waitFor(() => expect(backend.assignRater).toHaveBeenCalledTimes(2));
    expect(backend.assignRater.mock.calls).toEqual([
      [SAMPLE_MONTH, "a3", "peer", "a4"],
      [SAMPLE_MONTH, "a13", "peer", "a14"],
    ]);
  });

  test("nothing to copy from an empty last month: no dialog, no writes", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("raters-copy"));
    expect(await screen.findByText("2026-09 没有可复制的小组评分人")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.assignRater).not.toHaveBeenCalled();
  });
});
