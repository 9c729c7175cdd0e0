// 报表登记: who owes which report from when, with the manager fined alongside; registering one and
// stopping one (never deleting it).
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import DutiesTab from "./DutiesTab";
import { duty, renderMeetings } from "./meetingsTestKit";

async function openTab(overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("supervisor", {
    reportDuties: () => Promise.resolve([duty(), duty({ id: 3, title: "十月月报", kind: "monthly", ends_on: "2026-10-31", manager_employee_no: null, manager_name: null })]),
    ...overrides,
  });
  const r = renderMeetings(<DutiesTab />, backend);
  await screen.findByTestId("duty-row-2");
  return r;
}

describe("report register", () => {
  test("each duty with its cycle, who owes it, the manager and its dates", async () => {
    await openTab();
    const open = screen.getByTestId("duty-row-2");
    expect(open).toHaveTextContent("售前日报");
    expect(open).toHaveTextContent("日报");
    expect(open).toHaveTextContent("1013 赵磊");
    expect(open).toHaveTextContent("1001 王静");
    expect(open).toHaveTextContent("持续");
    const ended = screen.getByTestId("duty-row-3");
    expect(ended).toHaveTextContent("月报");
    expect(ended).toHaveTextContent("2026/10/31");
    expect(screen.queryByTestId("duty-end-3")).not.toBeInTheDocument();
  });

  test("registering sends the title, cycle, person, manager and start", async () => {
    const { user, backend } = await openTab({ addReportDuty: () => Promise.resolve(9) });
    await user.click(screen.getByTestId("duty-add"));
    await user.click(await screen.findByTestId("duty-submit"));
    expect(await screen.findByText("请填写报表名称")).toBeInTheDocument();
    expect(screen.getByText("请选择应交人")).toBeInTheDocument();
    await user.type(screen.getByTestId("duty-title"), "售后周报");
    await pickOption(user, "duty-kind", "周报");
    await user.type(screen.getByTestId("duty-person").closest(".ant-select")!.querySelector("input")!, "1025");
    await user.click(await screen.findByTitle("1025 韩梅"));
    await user.click(screen.getByTestId("duty-submit"));
    await waitFor(() =>
      expect(backend.addReportDuty).toHaveBeenCalledWith({
        title: "售后周报",
        kind: "weekly",
        employee_no: "1025",
        manager_employee_no: null,
        starts_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    );
    expect(await screen.findByText("已登记")).toBeInTheDocument();
  });

  test("stopping a duty on a date", async () => {
    const { user, backend } = await openTab({ endReportDuty: () => Promise.resolve(null) });
    await user.click(screen.getByTestId("duty-end-2"));
    await user.click(await screen.findByTestId("duty-end-confirm"));
    await waitFor(() => expect(backend.endReportDuty).toHaveBeenCalledWith(2, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)));
  });
});
