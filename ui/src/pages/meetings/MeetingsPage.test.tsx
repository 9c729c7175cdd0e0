// 会议与报表: the tabs each role has, and the month picker feeding the meetings read.
import { screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { loggedIn } from "../../test/fakeBackend";
import MeetingsPage from "./MeetingsPage";
import { renderMeetings } from "./meetingsTestKit";

const reads = { meetings: () => Promise.resolve([]), reportsDue: () => Promise.resolve([]), reportDuties: () => Promise.resolve([]) };

describe("meetings and reports page", () => {
  test("a supervisor has meetings, reports and the register", async () => {
    renderMeetings(<MeetingsPage />, loggedIn("supervisor", reads));
    expect(await screen.findByTestId("meetings-tab-meetings")).toHaveTextContent("会议与培训");
    expect(screen.getByTestId("meetings-tab-reports")).toHaveTextContent("报表提交");
    expect(screen.getByTestId("meetings-tab-duties")).toHaveTextContent("报表登记");
    expect(await screen.findByText("本月没有安排会议或培训")).toBeInTheDocument();
  });

  test("an agent has no register", async () => {
    renderMeetings(<MeetingsPage />, loggedIn("agent", reads), "agent");
    expect(await screen.findByTestId("meetings-tab-reports")).toBeInTheDocument();
    expect(screen.getByTestId("meetings-tab-meetings")).toBeInTheDocument();
    expect(screen.queryByTestId("meetings-tab-duties")).not.toBeInTheDocument();
  });
});
