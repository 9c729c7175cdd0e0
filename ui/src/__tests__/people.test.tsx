import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type AgentInput, type AgentRow } from "../backend";
import { fixtures, statusFor } from "../test/fixtures";
import { loggedIn, type FakeBackend } from "../test/fakeBackend";
import { peopleRows, pickOption, renderApp } from "../test/utils";

// These tests start on People (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/people";
});

async function openPeople(backend: FakeBackend = loggedIn("supervisor")) {
  const r = renderApp(backend);
  await screen.findByTestId("people-table");
  await waitFor(() => expect(peopleRows().length).toBe(36));
  return r;
}

const rowNos = () => peopleRows().map((r) => r.getAttribute("data-testid")!.replace("agent-row-", ""));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const team = (name: string) => fixtures.teams().find((t) => t.name === name)!;
const seat = (code: string) => fixtures.seats().find((s) => s.code === code)!;

describe("people", () => {
  test("search and the team filter narrow the rows; deactivating asks first and sends the agent", async () => {
    const backend = loggedIn("supervisor", { setAgentActive: () => Promise.resolve(null) });
    const { user } = await openPeople(backend);
    await user.type(screen.getByTestId("people-search"), "王静");
    await waitFor(() => expect(rowNos()).toEqual(["1001"]));
    expect(screen.getByTestId("people-count")).toHaveTextContent("共 1 人");

    await user.clear(screen.getByTestId("people-search"));
    await user.type(screen.getByTestId("people-search"), "101");
    await waitFor(() => expect(rowNos()).toEqual(range(1010, 1019)));

    await user.clear(screen.getByTestId("people-search"));
    await pickOption(user, "people-filter-team", "售后组");
    await waitFor(() => expect(rowNos()).toEqual(range(1025, 1036)));
    expect(within(screen.getByTestId("agent-row-1025")).getByText("韩梅")).toBeInTheDocument();

    await pickOption(user, "people-filter-team", "售前一组");
    await waitFor(() => expect(rowNos()).toEqual(range(1001, 1012)));

    const chen = fixtures.agents().find((a) => a.employee_no === "1005")!;
    await user.click(screen.getByTestId("agent-toggle-1005"));
    expect(backend.setAgentActive).not.toHaveBeenCalled();
    await user.click(await screen.findByRole("button", { name: "确定" }));
    await waitFor(() => expect(backend.setAgentActive).toHaveBeenCalledWith(chen.id, false));
  });

  test("the deactivated switch asks the backend for everyone and marks the deactivated", async () => {
    const withInactive: AgentRow[] = fixtures.agents().map((a) => (a.employee_no === "1005" ? { ...a, active: false } : a));
    const backend = loggedIn("supervisor", {
      listAgents: (includeInactive) =>
        Promise.resolve(includeInactive ? withInactive : withInactive.filter((a) => a.employee_no !== "1005")),
    });
    const { user } = renderApp(backend);
    await waitFor(() => expect(peopleRows().length).toBe(35));
    expect(backend.listAgents).toHaveBeenLastCalledWith(false);
    await user.click(screen.getByTestId("people-show-inactive"));
    await waitFor(() => expect(peopleRows().length).toBe(36));
    expect(backend.listAgents).toHaveBeenLastCalledWith(true);
    expect(within(screen.getByTestId("agent-row-1005")).getByText("已停用")).toBeInTheDocument();
  });

  test("adding an agent sends the form's team, level and seat", async () => {
    const saved: AgentInput[] = [];
    const backend = loggedIn("supervisor", {
      saveAgent: (input) => {
        saved.push(input);
        return Promise.resolve({ ...fixtures.agents()[0], ...input, id: 99 } as AgentRow);
      },
    });
    const { user } = await openPeople(backend);
    await user.click(screen.getByTestId("people-add"));
    await user.type(await screen.findByTestId("agent-form-employee-no"), "3001");
    await user.type(screen.getByTestId("agent-form-name"), "林晓");
    await pickOption(user, "agent-form-team", "售前二组");
    await pickOption(user, "agent-form-level", "中级客服");
    await pickOption(user, "agent-form-seat", "A13");
    await user.click(screen.getByTestId("agent-form-submit"));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      id: null,
      employee_no: "3001",
      name: "林晓",
      team_id: team("售前二组").id,
      level: "intermediate",
      seat_id: seat("A13").id,
    });
  });

  test("the backend's refusal of a duplicate 工号 shows translated under the form", async () => {
    const backend = loggedIn("supervisor", {
      saveAgent: () =>
        Promise.reject(new BackendError("agent.duplicate_employee_no", "employee no. 1001 exists", { employee_no: "1001" })),
    });
    const { user } = await openPeople(backend);
    await user.click(screen.getByTestId("people-add"));
    await user.type(await screen.findByTestId("agent-form-employee-no"), "1001");
    await user.type(screen.getByTestId("agent-form-name"), "重复");
    await pickOption(user, "agent-form-team", "售后组");
    await user.click(screen.getByTestId("agent-form-submit"));
    expect(await screen.findByText("工号 1001 已存在")).toBeInTheDocument();
    expect(screen.getByTestId("agent-form-submit")).toBeInTheDocument();
  });

  test("a write elsewhere that changes agents reloads the list; a board click does not", async () => {
    const agents = fixtures.agents();
    const backend = loggedIn("supervisor", { listAgents: () => Promise.resolve([...agents]) });
    await openPeople(backend);
    const reads = backend.listAgents.mock.calls.length;

    // What a state change on the board (this window or another) announces.
    backend.emitDataChanged(["floor"]);
    backend.emitDataChanged(["alerts"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(backend.listAgents).toHaveBeenCalledTimes(reads);

    // Another window (or the CLI through `external`) adds an agent.
    agents.push({ ...agents[0], id: 400, employee_no: "4001", name: "外部", hired_on: "2026-03-02", seat_id: null, seat_code: null });
    backend.emitDataChanged(["agents", "seats", "teams"]);
    const row = await screen.findByTestId("agent-row-4001");
    expect(row).toHaveTextContent("外部");
    expect(row).toHaveTextContent("2026/03/02");
    expect(backend.listAgents.mock.calls.length).toBeGreaterThan(reads);
  });

  describe("base pay (基本工资)", () => {
    const withPay = () =>
      fixtures.agents().map((a) => (a.employee_no === "1001" ? { ...a, base_pay_fen: 450050 } : a));

    test("a supervisor sees it in the table and the form, and saving sends it in fen", async () => {
      const saved: AgentInput[] = [];
      const backend = loggedIn("supervisor", {
        listAgents: () => Promise.resolve(withPay()),
        saveAgent: (input) => {
          saved.push(input);
          return Promise.resolve({ ...withPay()[0], ...input, id: withPay()[0].id } as AgentRow);
        },
      });
      const { user } = await openPeople(backend);
      const table = screen.getByTestId("people-table");
      expect(within(table).getByText("基本工资(元)")).toBeInTheDocument();
      expect(within(screen.getByTestId("agent-row-1001")).getByTestId("agent-base-pay")).toHaveTextContent("4500.50");
      expect(within(screen.getByTestId("agent-row-1002")).queryByTestId("agent-base-pay")).toBeNull();

      await user.click(screen.getByTestId("agent-edit-1001"));
      const input = await screen.findByTestId("agent-form-base-pay");
      expect(input).toHaveValue("4500.50");
      await user.clear(input);
      await user.type(input, "4800.5");
      await user.click(screen.getByTestId("agent-form-submit"));
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(saved[0]).toMatchObject({ employee_no: "1001", base_pay_fen: 480050 });
    });

    test("a team lead sees no base pay column", async () => {
      await openPeople(loggedIn("team_lead", { listAgents: () => Promise.resolve(withPay()) }));
      expect(within(screen.getByTestId("people-table")).queryByText("基本工资(元)")).toBeNull();
      expect(screen.queryByTestId("agent-base-pay")).toBeNull();
      expect(screen.getByTestId("agent-row-1001")).not.toHaveTextContent("4500");
    });

    test("someone who manages people without ViewPay gets no base pay field and sends none", async () => {
      const status = statusFor("supervisor");
      status.operator!.permissions = status.operator!.permissions.filter((p) => p !== "view_pay");
      const saved: AgentInput[] = [];
      const backend = loggedIn("supervisor", {
        appStatus: () => Promise.resolve(status),
        saveAgent: (input) => {
          saved.push(input);
          return Promise.resolve({ ...fixtures.agents()[0], ...input, id: fixtures.agents()[0].id } as AgentRow);
        },
      });
      const { user } = await openPeople(backend);
      expect(within(screen.getByTestId("people-table")).queryByText("基本工资(元)")).toBeNull();
      await user.click(screen.getByTestId("agent-edit-1001"));
      await screen.findByTestId("agent-form-employee-no");
      expect(screen.queryByTestId("agent-form-base-pay")).toBeNull();
      await user.click(screen.getByTestId("agent-form-submit"));
      await waitFor(() => expect(saved).toHaveLength(1));
      // The backend keeps the pay on record for such an operator.
      expect(saved[0].base_pay_fen).toBeNull();
    });
  });
});
