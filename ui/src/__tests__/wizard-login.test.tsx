import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type AppStatus, type Operator, type Role } from "../backend";
import { fixtures, statusFor } from "../test/fixtures";
import { demoReads, fakeBackend, loggedIn } from "../test/fakeBackend";
import { login, peopleRows, pickOption, renderApp } from "../test/utils";

/** What `appStatus` says on a fresh database: nothing set up, nobody logged in. */
const fresh = (): AppStatus => ({ ...statusFor(null), initialized: false, site: null });

/** The login screen of the demo floor; `login` answers as the test says, and `appStatus` then reports `role` logged in. */
function atLogin(role: Role, answer?: (userId: number, pin: string) => Promise<Operator>) {
  let who: Role | null = null;
  return fakeBackend({
    ...demoReads(null),
    appStatus: () => Promise.resolve(statusFor(who)),
    login:
      answer ??
      (() => {
        who = role;
        return Promise.resolve(fixtures.operator(role));
      }),
  });
}

/** The messages under the form's fields, top to bottom. */
const formErrors = () => [...document.querySelectorAll(".ant-form-item-explain-error")].map((e) => e.textContent);

const userId = (name: string) => fixtures.loginUsers().find((u) => u.display_name === name)!.id;

describe("first-run wizard", () => {
  test("sends exactly what was typed, then shows the shell over the site the backend reports", async () => {
    const operator: Operator = { ...fixtures.operator("supervisor"), display_name: "周敏" };
    const site = { name: "杭州售后客服中心", time_zone: "Asia/Shanghai", is_demo: true, channel: "phone" as const };
    const backend = fakeBackend({
      ...demoReads("supervisor"),
      // Fresh until the site is set up; afterwards the backend reports it, with 周敏 logged in.
      appStatus: () =>
        Promise.resolve(backend.setupSite.mock.calls.length ? { ...statusFor("supervisor"), site, operator } : fresh()),
      setupSite: () => Promise.resolve(operator),
    });
    const { user } = renderApp(backend);
    await user.type(await screen.findByTestId("setup-site-name"), "  杭州售后客服中心 ");
    expect(screen.getByTestId("setup-time-zone")).toHaveTextContent("Asia/Shanghai");
    await user.type(screen.getByTestId("setup-supervisor-name"), "周敏");
    await user.type(screen.getByTestId("setup-supervisor-employee-no"), " S001 ");
    await user.type(screen.getByTestId("setup-pin"), "2468");
    await user.type(screen.getByTestId("setup-pin-confirm"), "2468");
    await user.click(screen.getByTestId("setup-load-demo"));
    await user.click(screen.getByTestId("setup-submit"));

    await waitFor(() => expect(backend.setupSite).toHaveBeenCalledTimes(1));
    expect(backend.setupSite).toHaveBeenCalledWith({
      site_name: "杭州售后客服中心",
      time_zone: "Asia/Shanghai",
      supervisor_name: "周敏",
      supervisor_employee_no: "S001",
      supervisor_pin: "2468",
      channel: "phone",
      load_demo: true,
    });

    // A supervisor lands on the live board (the demo floor, as the backend reads it).
    expect(await screen.findByTestId("board-agent-1001")).toBeInTheDocument();
    expect(screen.getByTestId("header-site")).toHaveTextContent("杭州售后客服中心");
    expect(screen.getByTestId("header-operator")).toHaveTextContent("周敏");
    expect(screen.getByTestId("header-employee-no")).toHaveTextContent(operator.employee_no);
    await user.click(screen.getByTestId("nav-people"));
    expect(await screen.findByTestId("people-table")).toBeInTheDocument();
    await waitFor(() => expect(peopleRows().length).toBe(36));
    expect(screen.getByTestId("people-count")).toHaveTextContent("共 36 人");
  });

  test("without the demo box ticked it asks for an empty site", async () => {
    const backend = fakeBackend({ appStatus: () => Promise.resolve(fresh()), setupSite: () => new Promise(() => {}) });
    const { user } = renderApp(backend);
    await user.type(await screen.findByTestId("setup-site-name"), "站点");
    await user.type(screen.getByTestId("setup-supervisor-name"), "周敏");
    await user.type(screen.getByTestId("setup-supervisor-employee-no"), "M-7");
    await user.type(screen.getByTestId("setup-pin"), "12345678");
    await user.type(screen.getByTestId("setup-pin-confirm"), "12345678");
    await user.click(screen.getByTestId("setup-submit"));
    await waitFor(() =>
      expect(backend.setupSite).toHaveBeenCalledWith({
        site_name: "站点",
        time_zone: "Asia/Shanghai",
        supervisor_name: "周敏",
        supervisor_employee_no: "M-7",
        supervisor_pin: "12345678",
        channel: "phone",
        load_demo: false,
      }),
    );
  });

  test("the site's usual channel is the phone unless chat is chosen, and is sent", async () => {
    const backend = fakeBackend({ appStatus: () => Promise.resolve(fresh()), setupSite: () => new Promise(() => {}) });
    const { user } = renderApp(backend);
    await user.type(await screen.findByTestId("setup-site-name"), "杭州千牛客服中心");
    expect(screen.getByText("坐席主要渠道")).toBeInTheDocument();
    expect(screen.getByText("每个班组可以单独设置")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "电话" })).toBeChecked();
    await user.click(screen.getByRole("radio", { name: "在线（千牛、抖店等）" }));
    expect(screen.getByRole("radio", { name: "在线（千牛、抖店等）" })).toBeChecked();
    await user.type(screen.getByTestId("setup-supervisor-name"), "周敏");
    await user.type(screen.getByTestId("setup-supervisor-employee-no"), "S001");
    await user.type(screen.getByTestId("setup-pin"), "2468");
    await user.type(screen.getByTestId("setup-pin-confirm"), "2468");
    await user.click(screen.getByTestId("setup-submit"));
    await waitFor(() =>
      expect(backend.setupSite).toHaveBeenCalledWith({
        site_name: "杭州千牛客服中心",
        time_zone: "Asia/Shanghai",
        supervisor_name: "周敏",
        supervisor_employee_no: "S001",
        supervisor_pin: "2468",
        channel: "chat",
        load_demo: false,
      }),
    );
  });

  test("validates the PIN and the required fields in the form: nothing is sent", async () => {
    const backend = fakeBackend({ appStatus: () => Promise.resolve(fresh()) });
    const { user } = renderApp(backend);
    await user.type(await screen.findByTestId("setup-pin"), "12a");
    await user.type(screen.getByTestId("setup-pin-confirm"), "9999");
    await user.click(screen.getByTestId("setup-submit"));
    await waitFor(() =>
      expect(formErrors()).toEqual(["站点名称为必填项", "主管姓名为必填项", "工号为必填项", "PIN 为 4–8 位数字", "两次输入的 PIN 不一致"]),
    );
    expect(backend.setupSite).not.toHaveBeenCalled();
    expect(screen.getByTestId("setup-submit")).toBeInTheDocument();
  });

  test("a missing 工号 is refused by the form, and a malformed one is explained: nothing is sent", async () => {
    const backend = fakeBackend({ appStatus: () => Promise.resolve(fresh()), setupSite: () => new Promise(() => {}) });
    const { user } = renderApp(backend);
    await user.type(await screen.findByTestId("setup-site-name"), "站点");
    await user.type(screen.getByTestId("setup-supervisor-name"), "周敏");
    await user.type(screen.getByTestId("setup-pin"), "2468");
    await user.type(screen.getByTestId("setup-pin-confirm"), "2468");
    await user.type(screen.getByTestId("setup-supervisor-employee-no"), "   ");
    await user.click(screen.getByTestId("setup-submit"));
    await waitFor(() => expect(formErrors()).toEqual(["工号为必填项"]));

    await user.clear(screen.getByTestId("setup-supervisor-employee-no"));
    await user.type(screen.getByTestId("setup-supervisor-employee-no"), "S 001");
    await user.click(screen.getByTestId("setup-submit"));
    await waitFor(() => expect(formErrors()).toEqual(["工号为字母、数字或“-”，最多 20 位"]));
    expect(backend.setupSite).not.toHaveBeenCalled();
  });

  test("the backend's refusal shows translated and the wizard stays", async () => {
    const backend = fakeBackend({
      appStatus: () => Promise.resolve(fresh()),
      setupSite: () => Promise.reject(new BackendError("setup.already_done", "the site is already set up")),
    });
    const { user } = renderApp(backend);
    await user.type(await screen.findByTestId("setup-site-name"), "站点");
    await user.type(screen.getByTestId("setup-supervisor-name"), "周敏");
    await user.type(screen.getByTestId("setup-supervisor-employee-no"), "S001");
    await user.type(screen.getByTestId("setup-pin"), "2468");
    await user.type(screen.getByTestId("setup-pin-confirm"), "2468");
    await user.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByTestId("setup-error")).toHaveTextContent("站点已经建立，请直接登录");
    expect(screen.getByTestId("setup-site-name")).toHaveValue("站点");
    expect(screen.queryByTestId("header-site")).not.toBeInTheDocument();
  });
});

describe("login", () => {
  test("shows the demo hint, then the backend's remaining attempts and lockout, translated", async () => {
    const answers = [
      new BackendError("auth.wrong_pin", "wrong PIN; 4 attempt(s) left", { remaining: "4" }),
      new BackendError("auth.wrong_pin", "wrong PIN; 1 attempt(s) left", { remaining: "1" }),
      new BackendError("auth.locked", "too many attempts; try again in 30 s", { seconds: "30" }),
      new BackendError("auth.locked", "too many attempts; try again in 27 s", { seconds: "27" }),
    ];
    const backend = atLogin("team_lead", () => Promise.reject(answers.shift()));
    const { user } = renderApp(backend);
    expect(await screen.findByTestId("login-demo-hint")).toHaveTextContent("演示数据：所有账号 PIN 为 1234");
    await pickOption(user, "login-user", "王静 · 班长");
    const pin = screen.getByTestId("login-pin");
    const wangJing = userId("王静");

    await user.type(pin, "0000");
    await user.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent("PIN 错误，还可尝试 4 次"));
    expect(backend.login).toHaveBeenLastCalledWith(wangJing, "0000");
    // The refused PIN is cleared for the next try.
    expect(pin).toHaveValue("");

    await user.type(pin, "1111");
    await user.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent("PIN 错误，还可尝试 1 次"));
    expect(backend.login).toHaveBeenLastCalledWith(wangJing, "1111");

    await user.type(pin, "2222");
    await user.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent("尝试次数过多，请 30 秒后再试"));

    // The page still sends the right PIN while locked: the backend decides, and says so.
    await user.type(pin, "1234");
    await user.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent("尝试次数过多，请 27 秒后再试"));
    expect(backend.login).toHaveBeenLastCalledWith(wangJing, "1234");
    expect(backend.login).toHaveBeenCalledTimes(4);
    expect(screen.queryByTestId("board-page")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-people")).not.toBeInTheDocument();
  });

  test("asks for a user and a PIN before sending anything", async () => {
    const backend = atLogin("team_lead");
    const { user } = renderApp(backend);
    await user.click(await screen.findByTestId("login-submit"));
    await waitFor(() => expect(formErrors()).toEqual(["选择您的姓名", "PIN 为 4–8 位数字"]));
    expect(backend.login).not.toHaveBeenCalled();
  });

  test("a team lead lands on the board and sees People and Teams & Seats but not Users or Settings", async () => {
    const backend = atLogin("team_lead");
    const { user } = renderApp(backend);
    await screen.findByTestId("login-user");
    await login(user, "王静 · 班长", "1234");
    expect(backend.login).toHaveBeenCalledWith(userId("王静"), "1234");
    expect(await screen.findByTestId("board-page")).toBeInTheDocument();
    expect(screen.getAllByRole("menuitem")[0]).toHaveAttribute("data-testid", "nav-board");
    expect(screen.getByTestId("header-operator")).toHaveTextContent("王静");
    await user.click(screen.getByTestId("nav-people"));
    expect(await screen.findByTestId("people-table")).toBeInTheDocument();
    expect(screen.getByTestId("nav-teams")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-users")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-settings")).not.toBeInTheDocument();
    // View only (no manage_people): no add/import buttons, but export is allowed.
    expect(screen.queryByTestId("people-add")).not.toBeInTheDocument();
    expect(screen.queryByTestId("people-import")).not.toBeInTheDocument();
    expect(screen.getByTestId("people-export")).toBeInTheDocument();
  });

  test("an agent lands on 交接班 (their 交接记录本), with the roster, their assessment, their incidents, complaints and meetings beside it and nothing else", async () => {
    const backend = atLogin("agent");
    const { user } = renderApp(backend);
    await screen.findByTestId("login-user");
    await login(user, "朱琳 · 坐席", "1234");
    expect(await screen.findByTestId("handover-page")).toBeInTheDocument();
    expect(screen.getAllByRole("menuitem").map((m) => m.getAttribute("data-testid"))).toEqual(["nav-handover", "nav-roster", "nav-attendance", "nav-scores", "nav-pay", "nav-incidents", "nav-complaints", "nav-meetings"]);
    expect(screen.queryByText("没有可用的功能")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-people")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-board")).not.toBeInTheDocument();
  });

  test("a supervisor sees every section and can log out", async () => {
    const backend = loggedIn("supervisor", {
      logout: () => {
        backend.appStatus.mockImplementation(() => Promise.resolve(statusFor(null)));
        return Promise.resolve(null);
      },
    });
    const { user } = renderApp(backend);
    await screen.findByTestId("nav-settings");
    expect(screen.getAllByRole("menuitem").map((m) => m.getAttribute("data-testid"))).toEqual([
      "nav-board",
      "nav-handover",
      "nav-people",
      "nav-teams",
      "nav-roster",
      "nav-attendance",
      "nav-scores",
      "nav-pay",
      "nav-incidents",
      "nav-complaints",
      "nav-meetings",
      "nav-users",
      "nav-settings",
    ]);
    await user.click(screen.getByTestId("logout"));
    expect(await screen.findByTestId("login-user")).toBeInTheDocument();
    expect(backend.logout).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("nav-people")).not.toBeInTheDocument();
    expect(screen.queryByTestId("header-operator")).not.toBeInTheDocument();
  });
});
