// 投诉处理 from the menu: everyone who registers complaints sees 投诉单; only those who handle them
// (supervisors, managers) see 投诉分析, 调岗提示 and 投诉原因.
import { screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderApp } from "../../test/utils";
import { analysis, causes, registered } from "./complaintsTestKit";

async function openPage(role: Role) {
  const backend = loggedIn(role, {
    complaints: () => Promise.resolve([registered()]),
    complaintCauses: () => Promise.resolve(causes()),
    complaintAnalysis: () => Promise.resolve(analysis()),
    complaintContacts: () => Promise.resolve([]),
    complaintFlags: () => Promise.resolve([]),
  });
  window.location.hash = "#/complaints";
  const r = renderApp(backend);
  await screen.findByTestId("complaints-page");
  await screen.findByTestId("complaint-row-7");
  return r;
}

const tabKeys = () =>
  [...document.querySelectorAll("[data-testid^='complaints-tab-']")].map((e) => e.getAttribute("data-testid")!.replace("complaints-tab-", ""));

describe("complaints page", () => {
  test("a supervisor sees every tab, the list first", async () => {
    const { user } = await openPage("supervisor");
    expect(screen.getByTestId("nav-complaints")).toHaveTextContent("投诉处理");
    expect(tabKeys()).toEqual(["list", "analysis", "flags", "causes"]);
    await user.click(screen.getByTestId("complaints-tab-causes"));
    expect(await screen.findByTestId("cause-row-attitude")).toBeInTheDocument();
  });

  test("an agent sees the list alone and asks for no analysis, flags or causes", async () => {
    const { backend } = await openPage("agent");
    expect(tabKeys()).toEqual(["list"]);
    expect(screen.getByTestId("complaint-register")).toBeInTheDocument();
    expect(backend.complaintAnalysis).not.toHaveBeenCalled();
    expect(backend.complaintFlags).not.toHaveBeenCalled();
  });

  test("a team lead registers and answers complaints but does not handle them", async () => {
    await openPage("team_lead");
    expect(tabKeys()).toEqual(["list"]);
  });
});
