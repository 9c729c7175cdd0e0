import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { MockBackend } from "../backend/mock";
import { login, peopleRows, pickOption, renderApp } from "../test/utils";

describe("first-run wizard", () => {
  test("creates the site with the demo floor and lands on the live board", async () => {
    const { user, backend } = renderApp();
    await user.type(await screen.findByTestId("setup-site-name"), "杭州售后客服中心");
    expect(screen.getByTestId("setup-time-zone")).toHaveTextContent("Asia/Shanghai");
    await user.type(screen.getByTestId("setup-supervisor-name"), "周敏");
    await user.type(screen.getByTestId("setup-pin"), "2468");
    await user.type(screen.getByTestId("setup-pin-confirm"), "2468");
    await user.click(screen.getByTestId("setup-load-demo"));
    await user.click(screen.getByTestId("setup-submit"));

    expect(await screen.findByTestId("board-agent-1001")).toBeInTheDocument();
    await user.click(screen.getByTestId("nav-people"));
    expect(await screen.findByTestId("people-table")).toBeInTheDocument();
    expect(screen.getByTestId("header-site")).toHaveTextContent("杭州售后客服中心");
    expect(screen.getByTestId("header-operator")).toHaveTextContent("周敏");
    await waitFor(() => expect(peopleRows().length).toBe(36));
    expect(screen.getByTestId("people-count")).toHaveTextContent("共 36 人");

    const status = await backend.appStatus();
    expect(status.site).toEqual({ name: "杭州售后客服中心", time_zone: "Asia/Shanghai", is_demo: true });
    expect(status.operator?.role).toBe("supervisor");
  });

  test("validates the PIN before anything is written", async () => {
    const { user, backend } = renderApp();
    await user.type(await screen.findByTestId("setup-site-name"), "站点");
    await user.type(screen.getByTestId("setup-supervisor-name"), "周敏");
    await user.type(screen.getByTestId("setup-pin"), "12a");
    await user.type(screen.getByTestId("setup-pin-confirm"), "9999");
    await user.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByText("PIN 为 4–8 位数字")).toBeInTheDocument();
    expect(await screen.findByText("两次输入的 PIN 不一致")).toBeInTheDocument();
    expect((await backend.appStatus()).initialized).toBe(false);
  });
});

describe("login", () => {
  test("shows the demo hint, remaining attempts, then the lockout after five wrong PINs", async () => {
    const { user } = renderApp({ demo: true });
    expect(await screen.findByTestId("login-demo-hint")).toHaveTextContent("演示数据：所有账号 PIN 为 1234");
    await pickOption(user, "login-user", "王静 · 班长");
    const pin = screen.getByTestId("login-pin");
    for (let remaining = 4; remaining >= 1; remaining--) {
      await user.clear(pin);
      await user.type(pin, "0000");
      await user.click(screen.getByTestId("login-submit"));
      await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent(`PIN 错误，还可尝试 ${remaining} 次`));
    }
    await user.clear(pin);
    await user.type(pin, "0000");
    await user.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent("尝试次数过多，请 30 秒后再试"));
    // The right PIN is refused while locked.
    await user.type(pin, "1234");
    await user.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent(/尝试次数过多，请 \d+ 秒后再试/));
    expect(screen.queryByTestId("people-table")).not.toBeInTheDocument();
  });

  test("a team lead lands on the board and sees People and Teams & Seats but not Users or Settings", async () => {
    const { user } = renderApp({ demo: true });
    await screen.findByTestId("login-user");
    await login(user, "王静 · 班长", "1234");
    expect(await screen.findByTestId("board-page")).toBeInTheDocument();
    expect(screen.getAllByRole("menuitem")[0]).toHaveAttribute("data-testid", "nav-board");
    await user.click(screen.getByTestId("nav-people"));
    expect(await screen.findByTestId("people-table")).toBeInTheDocument();
    expect(screen.getByTestId("nav-people")).toBeInTheDocument();
    expect(screen.getByTestId("nav-teams")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-users")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-settings")).not.toBeInTheDocument();
    // View only: no add/import buttons, but export is allowed.
    expect(screen.queryByTestId("people-add")).not.toBeInTheDocument();
    expect(screen.queryByTestId("people-import")).not.toBeInTheDocument();
    expect(screen.getByTestId("people-export")).toBeInTheDocument();
  });

  test("an agent logs in to a screen that says there is nothing for them yet", async () => {
    const { user } = renderApp({ demo: true });
    await screen.findByTestId("login-user");
    await login(user, "李娜 · 坐席", "1234");
    expect(await screen.findByText("没有可用的功能")).toBeInTheDocument();
    expect(screen.getByText(/您的账号（坐席）/)).toBeInTheDocument();
    expect(screen.queryByTestId("nav-people")).not.toBeInTheDocument();
  });

  test("a supervisor sees every section and can log out", async () => {
    const backend = new MockBackend({ demo: true });
    const { user } = renderApp(backend);
    await screen.findByTestId("login-user");
    await login(user, "沈丽华 · 主管", "1234");
    const nav = await screen.findByTestId("nav-settings");
    expect(nav).toBeInTheDocument();
    expect(screen.getByTestId("nav-users")).toBeInTheDocument();
    await user.click(screen.getByTestId("logout"));
    expect(await screen.findByTestId("login-user")).toBeInTheDocument();
    expect((await backend.appStatus()).operator).toBeNull();
    expect(within(document.body).queryByTestId("nav-people")).not.toBeInTheDocument();
  });
});
