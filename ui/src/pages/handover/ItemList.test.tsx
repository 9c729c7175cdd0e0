// The item list: marks from the rows' own flags, the keyboard (↑/↓, Enter, M Q A K T E C), each
// action's dialog sending one `changeHandoverItem`, and the backend's refusal shown translated
// inside the dialog. The backend is a per-test fake; the rows are hand-built (testViews.ts).
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type ItemTimeline } from "../../backend";
import { fakeBackend, type FakeBackend } from "../../test/fakeBackend";
import { fixtures } from "../../test/fixtures";
import ItemList from "./ItemList";
import { draftAnswers, renderHandover } from "./renderHandover";
import { LOG_ID, listItems, logView } from "./testViews";

function listBackend(): FakeBackend {
  return fakeBackend({
    ...draftAnswers(),
    changeHandoverItem: () => Promise.resolve(null),
    listTeams: () => Promise.resolve(fixtures.teams()),
  });
}

function renderList(backend = listBackend()) {
  const r = renderHandover(<ItemList log={logView()} />, backend);
  const list = screen.getByTestId("handover-items");
  act(() => list.focus());
  return { list, ...r };
}

const row = (id: number) => screen.getByTestId(`handover-item-${id}`);
const marks = (id: number) => screen.getByTestId(`handover-marks-${id}`);

describe("ItemList", () => {
  test("each row shows the backend's words and flags: kind, title, status, shifts open, who touched it, marks", () => {
    renderList();
    expect(screen.getByTestId("handover-items")).toHaveAttribute("data-focus", "handover-items");
    expect(row(7)).toHaveTextContent("移交客户");
    expect(row(7)).toHaveTextContent("张女士（千牛）TB3920118842：客户要求退款…");
    expect(row(7)).toHaveTextContent("未结");
    expect(row(7)).toHaveTextContent("王静、赵敏");
    expect(within(row(9)).getAllByRole("cell")[4]).toHaveTextContent("3");
    expect(row(9)).toHaveTextContent("记录人 朱琳");
    expect(row(10)).toHaveTextContent("已结");
    expect(row(10)).toHaveTextContent("处理结果：已通知全组");

    expect(marks(7)).toHaveTextContent("遗留");
    expect(marks(7)).toHaveTextContent("待答复");
    expect(marks(7)).not.toHaveTextContent("未交接");
    expect(marks(8)).toHaveTextContent("已到期");
    expect(marks(8)).not.toHaveTextContent("遗留");
    expect(marks(9)).toHaveTextContent("遗留");
    expect(marks(9)).toHaveTextContent("未交接");
    expect(marks(9)).not.toHaveTextContent("待答复");
    expect(marks(10).textContent).toBe("");
  });

  test("C on the selected row, an outcome and Enter send {kind: close, outcome}; the dialog closes", async () => {
    const { user, backend } = renderList();
    expect(row(7)).toHaveClass("ant-table-row-selected");
    await user.keyboard("{ArrowDown}");
    expect(row(8)).toHaveClass("ant-table-row-selected");
    expect(row(7)).not.toHaveClass("ant-table-row-selected");
    await user.keyboard("c");
    const dialog = await screen.findByTestId("handover-action-close");
    expect(screen.getByRole("dialog")).toHaveTextContent("结案 · #8 核对退款单");
    const text = within(dialog).getByTestId("handover-action-text");
    await waitFor(() => expect(text).toHaveFocus());

    // The backend requires an outcome: an empty one is not sent.
    await user.keyboard("{Enter}");
    expect(within(dialog).getByTestId("handover-action-required")).toHaveTextContent("请填写处理结果");
    expect(backend.changeHandoverItem).not.toHaveBeenCalled();

    await user.keyboard("已核对，财务已退款{Enter}");
    await waitFor(() => expect(backend.changeHandoverItem).toHaveBeenCalledTimes(1));
    expect(backend.changeHandoverItem).toHaveBeenCalledWith(8, { kind: "close", outcome: "已核对，财务已退款" });
    await waitFor(() => expect(screen.queryByTestId("handover-action-close")).toBeNull());
    await waitFor(() => expect(screen.getByTestId("handover-items")).toHaveFocus());
  });

  test("a refusal (a signed log) is shown translated inside the dialog, which stays open", async () => {
    const backend = listBackend();
    backend.changeHandoverItem.mockRejectedValue(
      new BackendError("handover.signed", "the log is signed", { date: "2026-11-23", team: "售前一组", shift: "白班 D" }),
    );
    const { user } = renderList(backend);
    await user.keyboard("m");
    const dialog = await screen.findByTestId("handover-action-note");
    await waitFor(() => expect(within(dialog).getByTestId("handover-action-text")).toHaveFocus());
    await user.keyboard("客户又来电催促{Enter}");
    const refused = await within(screen.getByRole("dialog")).findByTestId("handover-refused");
    expect(refused).toHaveTextContent("2026-11-23 售前一组 白班 D 的交接记录已签字，不能再修改；如需补充，请添加补充说明");
    expect(backend.changeHandoverItem).toHaveBeenCalledWith(7, { kind: "note", text: "客户又来电催促" });
    expect(screen.getByTestId("handover-action-note")).toBeInTheDocument();
  });

  test("A answers the open query and K accepts it, naming the query", async () => {
    const { user, backend, list } = renderList();
    await user.keyboard("a");
    const dialog = await screen.findByTestId("handover-action-answer");
    expect(within(dialog).getByTestId("handover-action-query")).toHaveTextContent("退款单号是多少？");
    await waitFor(() => expect(within(dialog).getByTestId("handover-action-text")).toHaveFocus());
    await user.keyboard("退款单号 RF2026112301{Enter}");
    await waitFor(() => expect(backend.changeHandoverItem).toHaveBeenCalledWith(7, { kind: "answer", query_id: 301, text: "退款单号 RF2026112301" }));
    await waitFor(() => expect(list).toHaveFocus());

    await user.keyboard("k");
    const accept = await screen.findByTestId("handover-action-accept");
    expect(accept).toHaveTextContent("退款单号是多少？");
    await waitFor(() => expect(accept).toHaveFocus());
    await user.keyboard("{Enter}");
    await waitFor(() => expect(backend.changeHandoverItem).toHaveBeenLastCalledWith(7, { kind: "accept", query_id: 301 }));
  });

  test("T hands the item to the team its digit picks", async () => {
    const { user, backend } = renderList();
    await user.keyboard("{ArrowDown}{ArrowDown}t");
    const dialog = await screen.findByTestId("handover-action-hand_to_team");
    const teams = await within(dialog).findByTestId("handover-action-team-3");
    expect(teams).toHaveTextContent("售后组");
    await waitFor(() => expect(within(dialog).getByTestId("handover-action-team")).toHaveFocus());
    await user.keyboard("3");
    expect(within(dialog).getByTestId("handover-action-team")).toHaveAttribute("data-value", "3");
    await user.keyboard("{Tab}请售后跟进{Enter}");
    await waitFor(() => expect(backend.changeHandoverItem).toHaveBeenCalledWith(9, { kind: "hand_to_team", team_id: 3, text: "请售后跟进" }));
  });

  test("E edits the fields and sends only what changed", async () => {
    const { user, backend } = renderList();
    await user.keyboard("e");
    const dialog = await screen.findByTestId("handover-action-update");
    await waitFor(() => expect(within(dialog).getByTestId("handover-edit-customer")).toHaveFocus());
    const progress = within(dialog).getByTestId("handover-edit-progress");
    await user.click(progress);
    await user.keyboard("已联系财务");
    const promised = within(dialog).getByTestId("handover-edit-promised");
    await user.clear(promised);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(backend.changeHandoverItem).toHaveBeenCalledTimes(1));
    expect(backend.changeHandoverItem).toHaveBeenCalledWith(7, { kind: "update", patch: { progress: "已联系财务", promised: null } });
  });

  test("Enter opens the selected item's timeline: the logs it passed through and each event", async () => {
    const backend = listBackend();
    const item = listItems()[0];
    const d22N = { log_id: 38, date: "2026-11-22", team_name: "售前一组", shift_key: "N", shift_name: "晚班" };
    const d23D = { log_id: LOG_ID, date: "2026-11-23", team_name: "售前一组", shift_key: "D", shift_name: "白班" };
    const timeline: ItemTimeline = {
      item,
      placements: [d22N, d23D],
      events: [
        { id: 501, at: "2026-11-22T13:05:00Z", by: { employee_no: "1007", name: "赵敏" }, kind: "created", side: null, text: null, fields: item.fields, patch: null, log: d22N, from_log: null, to_team_name: null, not_handed_over: false },
        { id: 502, at: "2026-11-23T00:25:00Z", by: null, kind: "carried", side: null, text: null, fields: null, patch: null, log: d23D, from_log: d22N, to_team_name: null, not_handed_over: true },
        { id: 503, at: "2026-11-23T07:40:00Z", by: { employee_no: "1007", name: "赵敏" }, kind: "query", side: "incoming", text: "退款单号是多少？", fields: null, patch: null, log: d23D, from_log: null, to_team_name: null, not_handed_over: false },
        { id: 504, at: "2026-11-23T07:45:00Z", by: { employee_no: "1001", name: "王静" }, kind: "updated", side: null, text: null, fields: null, patch: { progress: "已联系财务", promised: null }, log: d23D, from_log: null, to_team_name: null, not_handed_over: false },
      ],
    };
    backend.handoverItem.mockResolvedValue(timeline);
    const { user } = renderList(backend);
    await user.keyboard("{Enter}");
    const drawer = await screen.findByTestId("handover-item-timeline");
    expect(backend.handoverItem).toHaveBeenCalledWith(7);
    expect(within(drawer).getByTestId("handover-item-placements")).toHaveTextContent("2026-11-22 售前一组 晚班 N → 2026-11-23 售前一组 白班 D");
    const created = within(drawer).getByTestId("handover-event-501");
    expect(created).toHaveTextContent("2026-11-22 21:05 创建 · 赵敏（1007）");
    expect(created).toHaveTextContent("渠道：千牛");
    expect(created).toHaveTextContent("订单号：TB3920118842");
    const carried = within(drawer).getByTestId("handover-event-502");
    expect(carried).toHaveTextContent("随交接移交");
    expect(carried).toHaveTextContent("系统");
    expect(carried).toHaveTextContent("未交接");
    expect(carried).toHaveTextContent("2026-11-22 售前一组 晚班 N → 2026-11-23 售前一组 白班 D");
    const query = within(drawer).getByTestId("handover-event-503");
    expect(query).toHaveTextContent("2026-11-23 15:40 提问（接班） · 赵敏（1007）");
    expect(query).toHaveTextContent("退款单号是多少？");
    const updated = within(drawer).getByTestId("handover-event-504");
    expect(updated).toHaveTextContent("处理进度：已联系财务");
    expect(updated).toHaveTextContent("承诺事项：（清空）");
  });
});
