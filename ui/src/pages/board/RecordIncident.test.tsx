// 记为违规 on the board: an alert opens the record form with the alert's person, instant and the
// book's rule that answers the alert, and records it as from the board with the alert's reference;
// an agent card's menu opens it for the agent; without record_incidents neither is offered.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { fixtures, statusFor } from "../../test/fixtures";
import { renderApp } from "../../test/utils";
import { complaintRule, lateSignInRule, nonWorkRule, renderTab } from "../incidents/bookTestKit";
import { lateSignInPreview } from "../incidents/incidentsTestKit";
import AlertPanel from "./AlertPanel";

function book(overrides: Partial<CommandApi> = {}): Partial<CommandApi> {
  return {
    incidentRules: () => Promise.resolve([nonWorkRule(), lateSignInRule(), complaintRule()]),
    previewIncident: () => Promise.resolve(lateSignInPreview()),
    recordIncident: () => Promise.resolve(77),
    ...overrides,
  };
}

function openPanel(role: Role = "supervisor") {
  const backend = loggedIn(role, book());
  return renderTab(<AlertPanel board={fixtures.board()} canOperate />, backend, role);
}

describe("记为违规 from the board", () => {
  test("an alert opens the form prefilled with its person, instant and rule, and records it from the board", async () => {
    const { user, backend } = openPanel();
    // Alert 1: 1005 陈晨 late_sign_in at 08:57 site time.
    expect(backend.incidentRules).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("alert-record-incident-1"));
    const form = await screen.findByTestId("record-incident");
    await waitFor(() => expect(within(form).getByTestId("incident-person").closest(".ant-select")).toHaveTextContent("1005 陈晨"));
    expect(within(form).getByTestId("incident-rule").closest(".ant-select")).toHaveTextContent("迟到签入");
    expect(within(form).getByTestId("incident-from-alert")).toHaveTextContent("来自现场告警：2026-11-23 08:57");
    expect((within(form).getByTestId("incident-ts").querySelector("input") ?? within(form).getByTestId("incident-ts")) as HTMLInputElement).toHaveValue(
      "2026-11-23 08:57",
    );
    const ref = `1005|late_sign_in|${Date.parse("2026-11-23T00:57:00Z")}`;
    const input = {
      ts: "2026-11-23T00:57:00Z",
      employee_no: "1005",
      team_id: null,
      rule_code: "late_sign_in",
      severity: null,
      quantity: null,
      item_code: null,
      stated_fen: null,
      co_employee_no: null,
      place: null,
      witness: null,
      note: null,
      alert_ref: ref,
    };
    await waitFor(() => expect(backend.previewIncident).toHaveBeenCalledWith(input));
    expect(await within(form).findByTestId("incident-proposal-head")).toHaveTextContent("第 1 次 · 口头警告");
    await waitFor(() => expect(screen.getByTestId("incident-confirm")).toBeEnabled());
    await user.click(screen.getByTestId("incident-confirm"));
    await waitFor(() =>
      expect(backend.recordIncident).toHaveBeenCalledWith(input, true, { lines: null, reason: null, accept_renumber: false, accept_over_cap: false }),
    );
    // Recording another alert reads the book no more.
    await waitFor(() => expect(screen.queryByTestId("record-incident")).not.toBeInTheDocument());
    await user.click(screen.getByTestId("alert-record-incident-3"));
    await screen.findByTestId("record-incident");
    expect(backend.incidentRules).toHaveBeenCalledTimes(1);
  });

  test("an alert no rule answers opens the form with the person and time, the rule left to choose", async () => {
    const { user } = openPanel();
    // Alert 3: 1005 absent — the book here has no rule for it.
    await user.click(screen.getByTestId("alert-record-incident-3"));
    const form = await screen.findByTestId("record-incident");
    await waitFor(() => expect(within(form).getByTestId("incident-person").closest(".ant-select")).toHaveTextContent("1005 陈晨"));
    expect(within(form).getByTestId("incident-rule").closest(".ant-select")).toHaveTextContent("选择规则");
  });

  test("an agent card's menu opens the form for the agent", async () => {
    const backend = loggedIn("supervisor", book({ floorBoard: () => Promise.resolve(fixtures.board()) }));
    const { user } = renderApp(backend);
    await user.click(await screen.findByTestId("board-agent-1002"));
    await user.click(await screen.findByTestId("record-incident"));
    const form = await screen.findByTestId("record-incident");
    await waitFor(() => expect(within(form).getByTestId("incident-person").closest(".ant-select")).toHaveTextContent("1002 李娜"));
    expect(within(form).queryByTestId("incident-from-alert")).not.toBeInTheDocument();
  });

  test("without record_incidents there is no 记为违规", async () => {
    const status = statusFor("manager");
    status.operator!.permissions = status.operator!.permissions.filter((p) => p !== "record_incidents");
    const backend = loggedIn("manager", { ...book(), appStatus: () => Promise.resolve(status), floorBoard: () => Promise.resolve(fixtures.board()) });
    const { user } = renderApp(backend);
    await user.click(await screen.findByTestId("board-agent-1002"));
    await screen.findByTestId("state-menu");
    expect(screen.queryByTestId("record-incident")).not.toBeInTheDocument();
    expect(screen.getByTestId("ack-1")).toBeInTheDocument();
    expect(screen.queryByTestId("alert-record-incident-1")).not.toBeInTheDocument();
  });
});
