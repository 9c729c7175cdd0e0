import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { HandoverSearch, ItemTimeline } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption, type User } from "../../test/utils";
import SearchView from "./SearchView";
import { renderHandover } from "./renderHandover";
import { addendum, printedItems, searchHits } from "./testViews";

const NO_FILTER: HandoverSearch = {
  text: null,
  team_id: null,
  from: null,
  to: null,
  kind: null,
  status: null,
  customer: null,
  order_no: null,
  limit: null,
};

function timeline(): ItemTimeline {
  const [item] = printedItems();
  const [hit] = searchHits();
  if (hit.type !== "item") throw new Error("an item hit");
  const base = { side: null, fields: null, patch: null, from_log: null, to_team_name: null, not_handed_over: false };
  return {
    item,
    placements: [hit.first, { ...hit.first, log_id: 38, date: "2026-11-22", shift_key: "D", shift_name: "白班" }, hit.last],
    events: [
      { ...base, id: 1, at: "2026-11-21T09:05:00Z", by: { employee_no: "1002", name: "李娜" }, kind: "created", text: null, log: hit.first },
      { ...base, id: 2, at: "2026-11-21T15:31:00Z", by: null, kind: "carried", text: null, log: hit.first },
      { ...base, id: 3, at: "2026-11-23T02:00:00Z", by: { employee_no: "1001", name: "王静" }, kind: "note", text: "已联系快递核实", log: hit.last },
    ],
  };
}

function openSearch() {
  const backend = loggedIn("supervisor", {
    searchHandover: () => Promise.resolve(searchHits()),
    handoverItem: () => Promise.resolve(timeline()),
  });
  return renderHandover(<SearchView teamId={1} />, backend, "supervisor");
}

async function typeDate(user: User, testId: string, date: string) {
  const el = screen.getByTestId(testId);
  const input = (el.tagName === "INPUT" ? el : el.querySelector("input")) as HTMLInputElement;
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${date}{Enter}`);
}

describe("查询", () => {
  test("the page's team is searched at once; the filters typed are sent as one HandoverSearch", async () => {
    const { user, backend } = openSearch();
    await waitFor(() => expect(backend.searchHandover).toHaveBeenCalledWith({ ...NO_FILTER, team_id: 1 }));

    await pickOption(user, "handover-search-team", "售后组");
    await pickOption(user, "handover-search-kind", "移交客户");
    await pickOption(user, "handover-search-status", "未结");
    await typeDate(user, "handover-search-from", "2026-11-20");
    await typeDate(user, "handover-search-to", "2026-11-23");
    await user.type(screen.getByTestId("handover-search-customer"), " 张女士 ");
    await user.type(screen.getByTestId("handover-search-order"), "TB392");
    await user.type(screen.getByTestId("handover-search-text"), "退款{Enter}");

    const expected: HandoverSearch = {
      text: "退款",
      team_id: 3,
      from: "2026-11-20",
      to: "2026-11-23",
      kind: "customer",
      status: "open",
      customer: "张女士",
      order_no: "TB392",
      limit: null,
    };
    await waitFor(() => expect(backend.searchHandover).toHaveBeenLastCalledWith(expected));

    // 清空条件: back to the page's team, nothing else (the next words are searched alone).
    await user.click(screen.getByTestId("handover-search-clear"));
    expect(screen.getByTestId("handover-search-text")).toHaveValue("");
    await user.type(screen.getByTestId("handover-search-text"), "张女士{Enter}");
    await waitFor(() => expect(backend.searchHandover).toHaveBeenLastCalledWith({ ...NO_FILTER, team_id: 1, text: "张女士" }));
  });

  test("the results: 日期 · 班组 · 班次 · 类型 · 事项 · 状态 · 已开班次; a row opens the item's whole timeline", async () => {
    const { user, backend } = openSearch();
    const results = await screen.findByTestId("handover-search-results");
    const row = await within(results).findByTestId("handover-search-row-item-301");
    expect([...results.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["日期", "班组", "班次", "类型", "事项", "状态", "已开班次"]);
    const cells = [...row.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells).toEqual([
      "2026-11-21现在：2026-11-23 白班",
      "售前一组",
      "晚班",
      "移交客户",
      "张女士（千牛）TB3920118842：客户要求退款，物流显示已签收但本人未收到遗留",
      "未结",
      "3",
    ]);
    expect(screen.getByTestId("handover-search-count")).toHaveTextContent("共 1 条");

    await user.click(row);
    await waitFor(() => expect(backend.handoverItem).toHaveBeenCalledWith(301));
    const timelineView = await screen.findByTestId("handover-item-timeline");
    expect(within(timelineView).getByTestId("handover-item-placements")).toHaveTextContent("2026-11-22 售前一组 白班 D");
    expect(within(timelineView).getByTestId("handover-event-3")).toHaveTextContent("已联系快递核实");
    expect(within(timelineView).getByTestId("handover-event-3")).toHaveTextContent("王静（1001）");
  });

  test("an addendum found by its words is a row typed 补充说明 that opens as it was written", async () => {
    const hit = {
      type: "addendum" as const,
      addendum: addendum(5, "2026-11-23T09:10:00Z", "补充：TB3920118842 快递已于次日找回，客户撤销退款申请", "a1b2c3d4e5f6"),
      log: { log_id: 36, date: "2026-11-22", team_name: "售前一组", shift_key: "N", shift_name: "晚班" },
    };
    const backend = loggedIn("supervisor", { searchHandover: () => Promise.resolve([hit]) });
    const { user } = renderHandover(<SearchView teamId={null} />, backend, "supervisor");
    const row = await screen.findByTestId("handover-search-row-addendum-5");
    expect(row).toHaveTextContent("补充说明");
    expect(row).toHaveTextContent("快递已于次日找回");
    await user.click(row);
    const shown = await screen.findByTestId("handover-search-addendum");
    expect(shown).toHaveTextContent("2026-11-22 售前一组 晚班 N");
    expect(shown).toHaveTextContent("a1b2c3d4e5f6");
  });

  test("nothing found says so", async () => {
    const backend = loggedIn("supervisor", { searchHandover: () => Promise.resolve([]) });
    renderHandover(<SearchView teamId={null} />, backend, "supervisor");
    expect(await screen.findByText("没有找到匹配的交接记录")).toBeInTheDocument();
    expect(backend.searchHandover).toHaveBeenCalledWith(NO_FILTER);
  });

  test("export: the date range and the picked file are sent, and the rows written are told", async () => {
    const backend = loggedIn("supervisor", { searchHandover: () => Promise.resolve([]) });
    const exportHandover = backend.exportHandover.mockResolvedValue(12);
    backend.pickSaveFile.mockResolvedValue("/tmp/handover.xlsx");
    const { user } = renderHandover(<SearchView teamId={null} />, backend, "supervisor");
    await typeDate(user, "handover-export-from", "2026-11-01");
    await typeDate(user, "handover-export-to", "2026-11-23");
    await user.click(screen.getByTestId("handover-export-go"));
    await waitFor(() => expect(exportHandover).toHaveBeenCalledWith("2026-11-01", "2026-11-23", "/tmp/handover.xlsx"));
    expect(backend.pickSaveFile).toHaveBeenCalledWith("交接班记录_2026-11-01_2026-11-23.xlsx", [{ name: "Excel 工作簿", extensions: ["xlsx"] }]);
    expect(await screen.findByText("已导出 12 条到 /tmp/handover.xlsx")).toBeInTheDocument();
  });
});
