import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import type { PolicySetting } from "../backend";
import { LANG_STORAGE_KEY } from "../i18n";
import { fixtures, statusFor } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

// These tests start on People (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/people";
});

const navKeys = () => screen.getAllByRole("menuitem").map((m) => m.getAttribute("data-testid"));

describe("language and navigation", () => {
  test("switching to English changes the labels and date formats, and is remembered", async () => {
    const { user } = renderApp(loggedIn("supervisor"));
    await screen.findByTestId("people-table");
    expect(screen.getByTestId("nav-people")).toHaveTextContent("人员");
    expect(screen.getByRole("columnheader", { name: /工号/ })).toBeInTheDocument();
    // 1001's hired_on in the fixture is 2019-03-11, shown in the locale's short date format.
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

  test("sections switch from the side menu, each showing what its read answered", async () => {
    const backend = loggedIn("supervisor");
    const { user } = renderApp(backend);
    await screen.findByTestId("people-table");
    await user.click(screen.getByTestId("nav-teams"));
    // Each page is loaded when first opened: its table shows, then what its read answered.
    await waitFor(() => expect(screen.getByTestId("teams-table")).toHaveTextContent("售前一组"));
    expect(backend.listTeams).toHaveBeenCalled();
    await user.click(screen.getByTestId("nav-users"));
    await waitFor(() => expect(screen.getByTestId("users-table")).toHaveTextContent("王静"));
    expect(backend.listUsers).toHaveBeenCalled();
    await user.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("settings-site-name")).toHaveValue("演示客服中心");
    await user.click(screen.getByRole("tab", { name: "规则参数" }));
    expect(await screen.findByTestId("policy-note")).toHaveTextContent("修改自此刻起生效，过去的提醒按当时的规则判定");
    expect(await screen.findByTestId("policy-input-small_break_max_min")).toHaveValue("10");
    expect(window.location.hash).toBe("#/settings");
  });

  test("the sections offered follow the operator's permissions", async () => {
    // 江涛 (manager) holds every permission a supervisor holds: every section, and adding people.
    const manager = renderApp(loggedIn("manager"));
    await screen.findByTestId("people-table");
    expect(navKeys()).toEqual(["nav-board", "nav-handover", "nav-people", "nav-teams", "nav-roster", "nav-attendance", "nav-scores", "nav-pay", "nav-incidents", "nav-complaints", "nav-meetings", "nav-users", "nav-settings"]);
    expect(screen.getByTestId("people-add")).toBeInTheDocument();
    manager.unmount();

    // The UI gates on the operator's permission list, which the backend sends: without
    // manage_users and manage_settings, no 用户 and no 设置 (adding people stays).
    const limited = fixtures.operator("manager");
    limited.permissions = limited.permissions.filter((p) => p !== "manage_users" && p !== "manage_settings");
    renderApp(loggedIn("manager", { appStatus: () => Promise.resolve({ ...statusFor("manager"), operator: limited }) }));
    await screen.findByTestId("people-table");
    expect(navKeys()).toEqual(["nav-board", "nav-handover", "nav-people", "nav-teams", "nav-roster", "nav-attendance", "nav-scores", "nav-pay", "nav-incidents", "nav-complaints", "nav-meetings"]);
    expect(screen.getByTestId("people-add")).toBeInTheDocument();
  });

  test("a deep link to a section the operator may not see lands on the first allowed one", async () => {
    window.location.hash = "#/settings";
    renderApp(loggedIn("team_lead"));
    expect(await screen.findByTestId("board-page")).toBeInTheDocument();
    expect(navKeys()).toEqual(["nav-board", "nav-handover", "nav-people", "nav-teams", "nav-roster", "nav-attendance", "nav-scores", "nav-pay", "nav-incidents", "nav-complaints", "nav-meetings"]);
    expect(screen.queryByTestId("settings-site-name")).not.toBeInTheDocument();
    await waitFor(() => expect(window.location.hash).toBe("#/board"));
  });

  test("permissions taken away elsewhere take the section away once the backend reports them", async () => {
    window.location.hash = "#/settings";
    const backend = loggedIn("manager");
    renderApp(backend);
    expect(await screen.findByTestId("settings-site-name")).toBeInTheDocument();
    expect(screen.getByTestId("nav-users")).toBeInTheDocument();

    // Another window makes 江涛 a team lead: the backend now reports fewer permissions.
    const demoted = statusFor("manager");
    demoted.operator = { ...demoted.operator!, role: "team_lead", permissions: fixtures.operator("team_lead").permissions };
    backend.appStatus.mockResolvedValue(demoted);
    backend.emitDataChanged(["users"]);

    await waitFor(() => expect(screen.queryByTestId("nav-settings")).not.toBeInTheDocument());
    expect(screen.queryByTestId("nav-users")).not.toBeInTheDocument();
    expect(navKeys()).toEqual(["nav-board", "nav-handover", "nav-people", "nav-teams", "nav-roster", "nav-attendance", "nav-scores", "nav-pay", "nav-incidents", "nav-complaints", "nav-meetings"]);
    expect(await screen.findByTestId("board-page")).toBeInTheDocument();
    expect(screen.queryByTestId("settings-site-name")).not.toBeInTheDocument();
  });

  test("policy values show their units, weekdays by name, and when they took effect in local time", async () => {
    let policy = fixtures.policy();
    const backend = loggedIn("supervisor", {
      listPolicy: () => Promise.resolve(policy),
      setPolicy: (key, value) => {
        // What the backend answers: the new value, effective from the moment it was set.
        policy = policy.map((p): PolicySetting => (p.key === key ? { ...p, value, effective_from: "2026-05-01T08:30:00.000Z" } : p));
        return Promise.resolve(policy.find((p) => p.key === key)!);
      },
    });
    const { user } = renderApp(backend);
    await screen.findByTestId("people-table");
    await user.click(screen.getByTestId("nav-settings"));
    await user.click(await screen.findByRole("tab", { name: "规则参数" }));
    const rowOf = async (key: string) => (await screen.findByTestId(`policy-input-${key}`)).closest("tr") as HTMLElement;

    expect(await rowOf("weekly_report_due_weekday")).toHaveTextContent("星期二");
    expect(await rowOf("grade_excellent_min")).toHaveTextContent("90 分");
    expect(await rowOf("reception_wait_timeout_sec")).toHaveTextContent("60 秒");
    // Money is kept in fen (30000) and shown in yuan.
    expect(await rowOf("quarter_reward_first_fen")).toHaveTextContent("300.00 元");

    const row = await rowOf("meal_max_min");
    expect(row).toHaveTextContent("初始值");
    const save = within(row).getByTestId("policy-save-meal_max_min");
    expect(save).toBeDisabled();
    const input = within(row).getByTestId("policy-input-meal_max_min");
    await user.clear(input);
    await user.type(input, "45");
    await user.click(save);
    await waitFor(() => expect(backend.setPolicy).toHaveBeenCalledWith("meal_max_min", 45));
    // 08:30:00 UTC is 16:30 in Asia/Shanghai, the zone the tests run in (vite.config.ts).
    await waitFor(() => expect(row).toHaveTextContent("2026/05/01 16:30"));
    expect(row).not.toHaveTextContent("初始值");
    expect(await screen.findByText("已保存“用餐时长上限”")).toBeInTheDocument();
  });

  test("a money value typed in yuan is sent in fen", async () => {
    const backend = loggedIn("supervisor", {
      setPolicy: (key, value) => Promise.resolve({ ...fixtures.policy().find((p) => p.key === key)!, value }),
    });
    window.location.hash = "#/settings";
    const { user } = renderApp(backend);
    await user.click(await screen.findByRole("tab", { name: "规则参数" }));
    const input = await screen.findByTestId("policy-input-quarter_reward_first_fen");
    await user.clear(input);
    await user.type(input, "350.5");
    await user.click(screen.getByTestId("policy-save-quarter_reward_first_fen"));
    await waitFor(() => expect(backend.setPolicy).toHaveBeenCalledWith("quarter_reward_first_fen", 35050));
  });
});
