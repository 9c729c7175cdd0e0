// 调岗提示 on the people list: an agent the backend flags for valid complaints carries a tag with
// the count — read only by those who handle complaints; nobody else asks for the flags.
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import type { Role } from "../backend";
import { loggedIn } from "../test/fakeBackend";
import { peopleRows, renderApp } from "../test/utils";

beforeEach(() => {
  window.location.hash = "#/people";
});

async function openPeople(role: Role) {
  const backend = loggedIn(role, {
    complaintFlags: () => Promise.resolve([{ employee_no: "1019", name: "马超", team_name: "售前二组", valid_count: 5, since: "2026-03-02" }]),
  });
  const r = renderApp(backend);
  await screen.findByTestId("people-table");
  await waitFor(() => expect(peopleRows().length).toBe(36));
  return r;
}

describe("people: the reassignment flag", () => {
  test("a supervisor sees 调岗提示 with the valid complaints on the flagged agent only", async () => {
    const { backend } = await openPeople("supervisor");
    const tag = await within(screen.getByTestId("agent-row-1019")).findByTestId("agent-complaint-flag-1019");
    expect(tag).toHaveTextContent("调岗提示 · 有理投诉 5 次");
    expect(backend.complaintFlags).toHaveBeenCalled();
    expect(within(screen.getByTestId("agent-row-1025")).queryByText(/调岗提示/)).not.toBeInTheDocument();
  });

  test("a team lead (who does not handle complaints) never asks for the flags", async () => {
    const { backend } = await openPeople("team_lead");
    expect(backend.complaintFlags).not.toHaveBeenCalled();
    expect(screen.queryByTestId("agent-complaint-flag-1019")).not.toBeInTheDocument();
  });
});
