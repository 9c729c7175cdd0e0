// 调岗提示: the agents the backend flags, with the policy in words.
import { screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { loggedIn } from "../../test/fakeBackend";
import { renderComplaints } from "./complaintsTestKit";
import FlagsTab from "./FlagsTab";

describe("reassignment flags", () => {
  test("each flagged agent with their valid complaints and the date counted from", async () => {
    const backend = loggedIn("supervisor", {
      complaintFlags: () =>
        Promise.resolve([
          { employee_no: "1019", name: "马超", team_name: "售前二组", valid_count: 5, since: "2026-03-02" },
          { employee_no: "1025", name: "韩梅", team_name: null, valid_count: 6, since: "2026-01-15" },
        ]),
    });
    renderComplaints(<FlagsTab />, backend);
    const row = await screen.findByTestId("complaint-flag-1019");
    expect(row).toHaveTextContent("马超");
    expect(row).toHaveTextContent("售前二组");
    expect(row).toHaveTextContent("5 次");
    expect(row).toHaveTextContent("2026/03/02");
    expect(screen.getByTestId("complaint-flag-1025")).toHaveTextContent("6 次");
    expect(screen.getByTestId("complaints-flags")).toHaveTextContent("若被客戶有理投訴超過 5 次(含),公司有權決定調動員工工作崗位");
  });

  test("nobody flagged", async () => {
    renderComplaints(<FlagsTab />, loggedIn("supervisor", { complaintFlags: () => Promise.resolve([]) }));
    expect(await screen.findByText("目前没有达到调岗提示的坐席")).toBeInTheDocument();
  });
});
