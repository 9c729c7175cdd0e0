// 违规与奖惩 from the menu: its tabs by the operator's permissions, and 待确认 — a lead's
// proposals (any month) confirmed with what confirming writes now, or discarded with a reason.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, IncidentPreview, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderApp } from "../../test/utils";
import { lateSignInRule, nonWorkRule } from "./bookTestKit";
import { ledgerRows, lateSignInPreview } from "./incidentsTestKit";

async function openPage(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    incidents: () => Promise.resolve(ledgerRows()),
    incidentRules: () => Promise.resolve([nonWorkRule(), lateSignInRule()]),
    ledgerPublications: () => Promise.resolve([]),
    ...overrides,
  });
  window.location.hash = "#/incidents";
  const r = renderApp(backend);
  await screen.findByTestId("incidents-page");
  return r;
}

const tabKeys = () =>
  [...document.querySelectorAll("[data-testid^='incidents-tab-']")].map((e) => e.getAttribute("data-testid")!.replace("incidents-tab-", ""));

describe("incidents page", () => {
  test("a supervisor sees every tab, the ledger first, and the proposals waiting counted", async () => {
    const { backend } = await openPage();
    expect(screen.getByTestId("nav-incidents")).toHaveTextContent("违规与奖惩");
    expect(tabKeys()).toEqual(["ledger", "proposals", "rules", "equipment", "fund", "appeals"]);
    expect(await screen.findByTestId("ledger-row-11")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("incidents-tab-proposals")).toHaveTextContent("1"));
    expect(backend.incidents).toHaveBeenCalledWith({ month: null, team_id: null, employee_no: null, id: null });
  });

  test("an agent sees the ledger, the book, the fund and appeals, and records nothing", async () => {
    await openPage("agent");
    expect(tabKeys()).toEqual(["ledger", "rules", "equipment", "fund", "appeals"]);
    await screen.findByTestId("ledger-row-11");
    expect(screen.queryByTestId("ledger-record")).not.toBeInTheDocument();
    expect(screen.queryByTestId("ledger-export")).not.toBeInTheDocument();
  });

  test("待确认: a supervisor confirms a lead's proposal as it would be written now", async () => {
    const preview: IncidentPreview = { ...lateSignInPreview(), renumbers: [] };
    const { user, backend } = await openPage("supervisor", {
      previewStoredIncident: () => Promise.resolve(preview),
      confirmIncident: () => Promise.resolve(31),
    });
    await user.click(screen.getByTestId("incidents-tab-proposals"));
    const row = await screen.findByTestId("proposal-12");
    expect(row).toHaveTextContent("1005 陈晨");
    expect(row).toHaveTextContent("迟到签入");
    expect(row).toHaveTextContent("王静");
    expect(screen.queryByTestId("proposal-11")).not.toBeInTheDocument();
    await user.click(within(row).getByTestId("proposal-confirm-12"));
    const dialog = await screen.findByTestId("confirm-incident");
    expect(await within(dialog).findByTestId("incident-proposal-head")).toHaveTextContent("第 1 次 · 口头警告");
    expect(backend.previewStoredIncident).toHaveBeenCalledWith(12);
    await user.click(screen.getByTestId("incident-confirm-stored"));
    await waitFor(() =>
      expect(backend.confirmIncident).toHaveBeenCalledWith(12, { lines: null, reason: null, accept_renumber: false, accept_over_cap: false }),
    );
    expect(await screen.findByText("已确认，计入台账（台账记录 31）")).toBeInTheDocument();
  });

  test("待确认: a proposal is discarded with a reason", async () => {
    const { user, backend } = await openPage("supervisor", { discardIncident: () => Promise.resolve(null) });
    await user.click(screen.getByTestId("incidents-tab-proposals"));
    await user.click(await screen.findByTestId("proposal-discard-12"));
    await user.click(await screen.findByTestId("incident-discard-ok"));
    expect(await screen.findByText("请写明驳回原因")).toBeInTheDocument();
    expect(backend.discardIncident).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("incident-discard-reason"), "有报备，不算迟到");
    await user.click(screen.getByTestId("incident-discard-ok"));
    await waitFor(() => expect(backend.discardIncident).toHaveBeenCalledWith(12, "有报备，不算迟到"));
  });

  test("a team lead sees their proposals waiting but cannot confirm them", async () => {
    const { user } = await openPage("team_lead");
    await user.click(screen.getByTestId("incidents-tab-proposals"));
    await screen.findByTestId("proposal-12");
    expect(screen.queryByTestId("proposal-confirm-12")).not.toBeInTheDocument();
    expect(screen.getByTestId("proposal-detail-12")).toBeInTheDocument();
  });
});
