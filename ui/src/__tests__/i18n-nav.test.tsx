import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { LANG_STORAGE_KEY } from "../i18n";
import { demoLoggedInAs, renderApp } from "../test/utils";

// These tests start on People (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/people";
});

describe("language and navigation", () => {
  test("switching to English changes the labels and date formats, and is remembered", async () => {
    const backend = await demoLoggedInAs("沈丽华");
    const { user } = renderApp(backend);
    await screen.findByTestId("people-table");
    expect(screen.getByTestId("nav-people")).toHaveTextContent("人员");
    expect(screen.getByRole("columnheader", { name: /工号/ })).toBeInTheDocument();
    // hired_on 2019-03-11, in the locale's short date format.
    expect(await screen.findByTestId("agent-row-1001")).toHaveTextContent("2019/03/11");

    await user.click(screen.getByTestId("lang-switch"));
    await waitFor(() => expect(screen.getByTestId("nav-people")).toHaveTextContent("People"));
    expect(screen.getByTestId("nav-teams")).toHaveTextContent("Teams & Seats");
    expect(screen.getByTestId("nav-settings")).toHaveTextContent("Settings");
    expect(screen.getByRole("columnheader", { name: /Employee no\./ })).toBeInTheDocument();
    expect(screen.getByTestId("people-count")).toHaveTextContent("36 people");
    expect(screen.getByTestId("agent-row-1001")).toHaveTextContent("03/11/2019");
    expect(screen.getByTestId("agent-row-1001")).not.toHaveTextContent("2019/03/11");
    expect(screen.getByTestId("logout")).toHaveTextContent("Log out");
    expect(window.localStorage.getItem(LANG_STORAGE_KEY)).toBe("en");
  });

  test("sections switch from the side menu", async () => {
    const backend = await demoLoggedInAs("沈丽华");
    const { user } = renderApp(backend);
    await screen.findByTestId("people-table");
    await user.click(screen.getByTestId("nav-teams"));
    expect(await screen.findByTestId("teams-table")).toHaveTextContent("售前一组");
    await user.click(screen.getByTestId("nav-users"));
    expect(await screen.findByTestId("users-table")).toHaveTextContent("王静");
    await user.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("settings-site-name")).toHaveValue("演示客服中心");
    await user.click(screen.getByRole("tab", { name: "规则参数" }));
    expect(await screen.findByTestId("policy-note")).toHaveTextContent("修改自此刻起生效，过去的告警按当时的规则判定");
    expect(await screen.findByTestId("policy-input-small_break_max_min")).toHaveValue("10");
  });

  test("policy values show their units, weekdays by name, and when they took effect in local time", async () => {
    // 08:30:00 UTC is 16:30 in Asia/Shanghai, the zone the tests run in (vite.config.ts).
    const backend = await demoLoggedInAs("沈丽华", { now: () => Date.UTC(2026, 4, 1, 8, 30) });
    const { user } = renderApp(backend);
    await screen.findByTestId("people-table");
    await user.click(screen.getByTestId("nav-settings"));
    await user.click(await screen.findByRole("tab", { name: "规则参数" }));
    const rowOf = async (key: string) => (await screen.findByTestId(`policy-input-${key}`)).closest("tr") as HTMLElement;

    const weekly = await rowOf("weekly_report_due_weekday");
    expect(weekly).toHaveTextContent("星期二");
    const points = await rowOf("grade_excellent_min");
    expect(points).toHaveTextContent("90 分");
    expect(await rowOf("reception_wait_timeout_sec")).toHaveTextContent("60 秒");
    expect(await rowOf("quarter_reward_first_fen")).toHaveTextContent("300.00 元");

    const row = await rowOf("meal_max_min");
    expect(row).toHaveTextContent("初始值");
    const input = within(row).getByTestId("policy-input-meal_max_min");
    await user.clear(input);
    await user.type(input, "45");
    await user.click(within(row).getByTestId("policy-save-meal_max_min"));
    await waitFor(() => expect(row).toHaveTextContent("2026/05/01 16:30"));
    expect((await backend.listPolicy()).find((p) => p.key === "meal_max_min")).toMatchObject({
      value: 45,
      effective_from: "2026-05-01T08:30:00.000Z",
    });
  });
});
