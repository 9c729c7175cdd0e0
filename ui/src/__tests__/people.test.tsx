import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { demoLoggedInAs, peopleRows, pickOption, renderApp } from "../test/utils";

// These tests start on People (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/people";
});

async function openPeople() {
  const backend = await demoLoggedInAs("沈丽华");
  const r = renderApp(backend);
  await screen.findByTestId("people-table");
  await waitFor(() => expect(peopleRows().length).toBe(36));
  return r;
}

const rowNos = () => peopleRows().map((r) => r.getAttribute("data-testid")!.replace("agent-row-", ""));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe("people", () => {
  test("search, team filter and the deactivated switch narrow and widen the rows", async () => {
    const { user } = await openPeople();
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

    // Deactivate 1005 陈晨: gone from the list until deactivated people are shown.
    await user.click(screen.getByTestId("agent-toggle-1005"));
    await user.click(await screen.findByRole("button", { name: "确定" }));
    await waitFor(() => expect(rowNos()).toEqual(range(1001, 1012).filter((n) => n !== "1005")));
    await user.click(screen.getByTestId("people-show-inactive"));
    await waitFor(() => expect(rowNos()).toEqual(range(1001, 1012)));
    expect(within(screen.getByTestId("agent-row-1005")).getByText("已停用")).toBeInTheDocument();
  });

  test("adding an agent shows them in the table with team, level and seat", async () => {
    const { user, backend } = await openPeople();
    await user.click(screen.getByTestId("people-add"));
    await user.type(await screen.findByTestId("agent-form-employee-no"), "3001");
    await user.type(screen.getByTestId("agent-form-name"), "林晓");
    await pickOption(user, "agent-form-team", "售前二组");
    await pickOption(user, "agent-form-level", "中级");
    await pickOption(user, "agent-form-seat", "A13");
    await user.click(screen.getByTestId("agent-form-submit"));

    const row = await screen.findByTestId("agent-row-3001");
    expect(row).toHaveTextContent("林晓");
    expect(row).toHaveTextContent("售前二组");
    expect(row).toHaveTextContent("中级");
    expect(row).toHaveTextContent("A13");
    expect(screen.getByTestId("people-count")).toHaveTextContent("共 37 人");
    const saved = (await backend.listAgents(false)).find((a) => a.employee_no === "3001");
    expect(saved).toMatchObject({ name: "林晓", level: "intermediate", seat_code: "A13" });
  });

  test("a duplicate 工号 shows the translated error under the field and writes nothing", async () => {
    const { user, backend } = await openPeople();
    await user.click(screen.getByTestId("people-add"));
    await user.type(await screen.findByTestId("agent-form-employee-no"), "1001");
    await user.type(screen.getByTestId("agent-form-name"), "重复");
    await pickOption(user, "agent-form-team", "售后组");
    await user.click(screen.getByTestId("agent-form-submit"));
    expect(await screen.findByText("工号 1001 已存在")).toBeInTheDocument();
    expect((await backend.listAgents(true)).filter((a) => a.employee_no === "1001")).toHaveLength(1);
  });

  test("writes from elsewhere (another window, the CLI) show up without a reload", async () => {
    const { backend } = await openPeople();
    const [team] = await backend.listTeams();
    await backend.saveAgent({ id: null, employee_no: "4001", name: "外部", team_id: team.id, level: "junior", seat_id: null, hired_on: "2026-03-02" });
    const row = await screen.findByTestId("agent-row-4001");
    expect(row).toHaveTextContent("外部");
    expect(row).toHaveTextContent("2026/03/02");
  });
});
