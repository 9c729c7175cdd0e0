import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type User, type UserInput } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn, type FakeBackend } from "../test/fakeBackend";
import { pickOption, renderApp } from "../test/utils";

// These tests start on Users (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/users";
});

async function openUsers(backend: FakeBackend = loggedIn("supervisor")) {
  const r = renderApp(backend);
  const table = await screen.findByTestId("users-table");
  await waitFor(() => expect(within(table).getByText("沈丽华")).toBeInTheDocument());
  return r;
}

/** `saveUser` answering as the backend would shape its reply (the test's input, with an id). */
const savesAs = (id: number) => (input: UserInput) =>
  Promise.resolve<User>({
    id: input.id ?? id,
    display_name: input.display_name,
    role: input.role,
    employee_no: input.employee_no,
    employee_no_confirmed: true,
    active: true,
  });

const formErrors = () => [...document.querySelectorAll(".ant-form-item-explain-error")].map((e) => e.textContent);

describe("users", () => {
  test("the table shows each user's 工号, with the linked agent's name; nothing to confirm", async () => {
    await openUsers();
    for (const u of fixtures.users()) {
      expect(screen.getByTestId(`user-employee-no-${u.id}`)).toHaveTextContent(u.employee_no);
      expect(screen.queryByTestId(`user-unconfirmed-${u.id}`)).not.toBeInTheDocument();
    }
    expect(screen.getByRole("columnheader", { name: /工号/ })).toBeInTheDocument();
    const wang = fixtures.users().find((u) => u.display_name === "王静")!;
    expect(screen.getByTestId(`user-employee-no-${wang.id}`)).toHaveTextContent("1001 王静");
    const shen = fixtures.users().find((u) => u.display_name === "沈丽华")!;
    expect(screen.getByTestId(`user-employee-no-${shen.id}`)).toHaveTextContent("S001");
    expect(screen.queryByTestId("users-unconfirmed")).not.toBeInTheDocument();
  });

  test("adding a manager who is not on the floor sends their own 工号", async () => {
    const backend = loggedIn("supervisor", { saveUser: savesAs(20) });
    const { user } = await openUsers(backend);
    await user.click(screen.getByTestId("user-add"));
    await user.type(await screen.findByTestId("user-form-name"), "周洁");
    await pickOption(user, "user-form-role", "经理");
    await user.type(screen.getByTestId("user-form-employee-no"), "M002");
    await user.type(screen.getByTestId("user-form-pin"), "5678");
    await user.click(screen.getByTestId("user-form-submit"));
    await waitFor(() => expect(backend.saveUser).toHaveBeenCalledTimes(1));
    expect(backend.saveUser).toHaveBeenCalledWith({
      id: null,
      display_name: "周洁",
      role: "manager",
      employee_no: "M002",
      pin: "5678",
    });
  });

  test("a team lead's 工号 can be picked from the agents", async () => {
    const backend = loggedIn("supervisor", { saveUser: savesAs(21) });
    const { user } = await openUsers(backend);
    await user.click(screen.getByTestId("user-add"));
    await user.type(await screen.findByTestId("user-form-name"), "张伟");
    await user.type(screen.getByTestId("user-form-employee-no"), "100");
    await pickOption(user, "user-form-employee-no", "1003 张伟");
    await user.type(screen.getByTestId("user-form-pin"), "5678");
    await user.click(screen.getByTestId("user-form-submit"));
    await waitFor(() =>
      expect(backend.saveUser).toHaveBeenCalledWith({
        id: null,
        display_name: "张伟",
        role: "team_lead",
        employee_no: "1003",
        pin: "5678",
      }),
    );
  });

  test("the form asks for a 工号 before sending anything", async () => {
    const backend = loggedIn("supervisor");
    const { user } = await openUsers(backend);
    await user.click(screen.getByTestId("user-add"));
    await user.type(await screen.findByTestId("user-form-name"), "周洁");
    await user.type(screen.getByTestId("user-form-pin"), "5678");
    await user.click(screen.getByTestId("user-form-submit"));
    await waitFor(() => expect(formErrors()).toEqual(["工号为必填项"]));
    expect(backend.saveUser).not.toHaveBeenCalled();
  });

  test("the backend's refusal of another user's 工号 shows translated and the form stays", async () => {
    const backend = loggedIn("supervisor", {
      saveUser: () =>
        Promise.reject(
          new BackendError("user.duplicate_employee_no", "another user already has employee no. S001", { employee_no: "S001" }),
        ),
    });
    const { user } = await openUsers(backend);
    await user.click(screen.getByTestId("user-add"));
    await user.type(await screen.findByTestId("user-form-name"), "周洁");
    await pickOption(user, "user-form-role", "经理");
    await user.type(screen.getByTestId("user-form-employee-no"), "S001");
    await user.type(screen.getByTestId("user-form-pin"), "5678");
    await user.click(screen.getByTestId("user-form-submit"));
    expect(await screen.findByText("工号 S001 已被其他用户使用")).toBeInTheDocument();
    expect(screen.getByTestId("user-form-submit")).toBeInTheDocument();
    expect(screen.getByTestId("user-form-employee-no")).toHaveValue("S001");
  });

  test("a 工号 the upgrade assigned is flagged; saving the user unchanged sends the same 工号", async () => {
    const users = fixtures.users().map((u) => (u.display_name === "江涛" ? { ...u, employee_no_confirmed: false } : u));
    const jiang = users.find((u) => u.display_name === "江涛")!;
    const backend = loggedIn("supervisor", {
      listUsers: () => Promise.resolve(users),
      saveUser: savesAs(jiang.id),
    });
    const { user } = await openUsers(backend);
    expect(await screen.findByTestId("users-unconfirmed")).toHaveTextContent("有 1 个用户的工号待确认");
    expect(screen.getByTestId("users-unconfirmed")).toHaveTextContent("打开该用户，核对工号后保存");
    expect(screen.getByTestId(`user-unconfirmed-${jiang.id}`)).toHaveTextContent("待确认");
    expect(screen.getAllByText("待确认")).toHaveLength(1);

    await user.click(screen.getByTestId(`user-edit-${jiang.id}`));
    expect(await screen.findByTestId("user-form-unconfirmed")).toHaveTextContent("M001");
    expect(screen.getByTestId("user-form-employee-no")).toHaveValue("M001");
    await user.click(screen.getByTestId("user-form-submit"));
    await waitFor(() => expect(backend.saveUser).toHaveBeenCalledTimes(1));
    expect(backend.saveUser).toHaveBeenCalledWith({
      id: jiang.id,
      display_name: "江涛",
      role: "manager",
      employee_no: "M001",
      pin: null,
    });
  });
});
