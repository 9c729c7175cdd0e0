// The keyboard entry row: kinds on Ctrl+1…5, Tab order, digits in 渠道, Ctrl+Enter / Enter in
// the last field adds exactly what was typed, Esc clears, drafts saved after 300 ms of quiet and
// restored. The backend is a per-test fake: it answers, the test checks what the row sent.
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { BackendError, type Draft } from "../../backend";
import { fakeBackend, type FakeBackend } from "../../test/fakeBackend";
import ItemEntry from "./ItemEntry";
import { draftAnswers, renderHandover } from "./renderHandover";
import { LOG_ID, logView } from "./testViews";

afterEach(() => {
  vi.useRealTimers();
});

function entryBackend(drafts: Draft[] = []): FakeBackend {
  return fakeBackend({
    ...draftAnswers(drafts),
    addHandoverItem: () => Promise.resolve(101),
  });
}

const field = (name: string) => screen.getByTestId(`handover-entry-${name}`);

async function renderEntry(backend = entryBackend(), role: "team_lead" | "agent" = "team_lead") {
  const r = renderHandover(<ItemEntry log={logView()} />, backend, role);
  await waitFor(() => expect(backend.handoverDrafts).toHaveBeenCalledWith(LOG_ID));
  return r;
}

describe("ItemEntry", () => {
  test("Ctrl+2 switches to the urgent fields, focus on the first, and each kind keeps its typing", async () => {
    const { user } = await renderEntry();
    expect(field("customer")).toHaveAttribute("data-focus", "handover-entry");
    await user.click(field("customer"));
    await user.type(field("customer"), "张女士");

    await user.keyboard("{Control>}2{/Control}");
    expect(screen.queryByTestId("handover-entry-customer")).toBeNull();
    expect(field("what")).toHaveFocus();
    expect(field("due")).toBeInTheDocument();
    expect(field("what")).toHaveAttribute("data-focus", "handover-entry");
    await user.keyboard("核对退款单");

    await user.keyboard("{Control>}1{/Control}");
    expect(field("customer")).toHaveValue("张女士");
    expect(field("customer")).toHaveFocus();
    await user.keyboard("{Control>}2{/Control}");
    expect(field("what")).toHaveValue("核对退款单");

    await user.keyboard("{Control>}4{/Control}");
    expect(field("category")).toHaveFocus();
    await user.keyboard("{Control>}5{/Control}");
    expect(field("text")).toHaveFocus();
    expect(screen.queryByTestId("handover-entry-category")).toBeNull();
  });

  test("a customer item typed by keyboard and Ctrl+Enter sends exactly its NewItem; the row clears, the kind stays", async () => {
    const { user, backend } = await renderEntry();
    await user.click(field("customer"));
    await user.keyboard("张女士{Tab}");
    expect(field("channel")).toHaveFocus();
    await user.keyboard("2{Tab}");
    expect(field("channel")).toHaveAttribute("data-value", "qianniu");
    expect(field("order_no")).toHaveFocus();
    await user.keyboard("TB3920118842{Tab}客户要求退款{Tab}17:00 前回电");
    expect(field("promised")).toHaveFocus();
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() => expect(backend.addHandoverItem).toHaveBeenCalledTimes(1));
    expect(backend.addHandoverItem).toHaveBeenCalledWith(LOG_ID, {
      fields: {
        kind: "customer",
        customer: "张女士",
        channel: "qianniu",
        order_no: "TB3920118842",
        problem: "客户要求退款",
        promised: "17:00 前回电",
        progress: null,
      },
    });
    await waitFor(() => expect(field("customer")).toHaveValue(""));
    expect(field("customer")).toHaveFocus();
    expect(field("order_no")).toHaveValue("");
    expect(field("problem")).toHaveValue("");
    expect(field("promised")).toHaveValue("");
    expect(screen.getByTestId("handover-kind-customer").closest(".ant-segmented-item")).toHaveClass("ant-segmented-item-selected");
    // The backend cleared the draft with the add: the row does not discard it again.
    expect(backend.discardHandoverDraft).not.toHaveBeenCalled();
  });

  test("Enter in the last field adds; Shift+Enter there is a new line; Enter in another field moves on", async () => {
    const { user, backend } = await renderEntry();
    await user.click(field("customer"));
    await user.keyboard("{Control>}3{/Control}李小姐{Enter}");
    expect(field("why")).toHaveFocus();
    expect(backend.addHandoverItem).not.toHaveBeenCalled();
    await user.keyboard("咨询团购{Shift>}{Enter}{/Shift}50 件{Tab}11-24 10:00{Enter}");

    await waitFor(() => expect(backend.addHandoverItem).toHaveBeenCalledTimes(1));
    expect(backend.addHandoverItem).toHaveBeenCalledWith(LOG_ID, {
      fields: { kind: "prospect", who: "李小姐", why: "咨询团购\n50 件", due: "11-24 10:00" },
    });
    await waitFor(() => expect(field("who")).toHaveFocus());
    expect(field("why")).toHaveValue("");

    await user.keyboard("{Control>}5{/Control}今日来电高峰{Enter}");
    await waitFor(() => expect(backend.addHandoverItem).toHaveBeenCalledTimes(2));
    expect(backend.addHandoverItem).toHaveBeenLastCalledWith(LOG_ID, { fields: { kind: "note", text: "今日来电高峰" } });
  });

  test("a refusal is shown translated under the row, and the typing stays", async () => {
    const backend = entryBackend();
    backend.addHandoverItem.mockRejectedValue(new BackendError("validation.required", "problem is required", { field: "problem" }));
    const { user } = await renderEntry(backend);
    await user.click(field("customer"));
    await user.keyboard("张女士{Control>}{Enter}{/Control}");
    expect(await screen.findByTestId("handover-entry-error")).toHaveTextContent("问题为必填项");
    expect(field("customer")).toHaveValue("张女士");
  });

  test("Esc clears the row and discards its draft", async () => {
    const { user, backend } = await renderEntry();
    await user.click(field("customer"));
    await user.keyboard("张女士{Tab}{Tab}TB1");
    await user.keyboard("{Escape}");
    expect(field("customer")).toHaveValue("");
    expect(field("order_no")).toHaveValue("");
    expect(field("customer")).toHaveFocus();
    await waitFor(() => expect(backend.discardHandoverDraft).toHaveBeenCalledWith(LOG_ID, "new"));
    // The pending change was dropped, not saved after the discard.
    await new Promise((r) => setTimeout(r, 400));
    expect(backend.saveHandoverDraft).not.toHaveBeenCalled();
  });

  test("the draft is saved once, 300 ms after the last keystroke, and 草稿已保存 shows once the backend confirmed", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(new Date("2026-11-23T07:50:05Z"));
    let confirm: (v: null) => void = () => {};
    const backend = entryBackend();
    backend.saveHandoverDraft.mockImplementation(() => new Promise((resolve) => (confirm = resolve)));
    // user-event waits on real timers between steps; with the clock faked the keys go by fireEvent.
    renderHandover(<ItemEntry log={logView()} />, backend);
    await act(async () => {});
    fireEvent.keyDown(field("customer"), { key: "5", ctrlKey: true });
    fireEvent.change(field("text"), { target: { value: "耳机" } });
    await act(async () => vi.advanceTimersByTime(200));
    fireEvent.change(field("text"), { target: { value: "耳机故障" } });
    await act(async () => vi.advanceTimersByTime(299));
    expect(backend.saveHandoverDraft).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(1));
    expect(backend.saveHandoverDraft).toHaveBeenCalledTimes(1);
    const input = backend.saveHandoverDraft.mock.calls[0][0];
    expect(input).toMatchObject({ log_id: LOG_ID, slot: "new" });
    expect(JSON.parse(input.body)).toMatchObject({ kind: "note", values: { note: { text: "耳机故障" } } });
    // Not confirmed yet: nothing claims it is saved.
    expect(screen.queryByTestId("handover-draft-saved")).toBeNull();
    await act(async () => confirm(null));
    expect(screen.getByTestId("handover-draft-saved")).toHaveTextContent("草稿已保存 15:50:05");
    await act(async () => vi.advanceTimersByTime(2000));
    expect(backend.saveHandoverDraft).toHaveBeenCalledTimes(1);
  });

  test("on mount the row is restored from handoverDrafts (slot new), kind and typing", async () => {
    const body = JSON.stringify({
      v: 1,
      kind: "urgent",
      values: { urgent: { what: "核对退款单", due: "17:00" }, customer: { customer: "张女士", channel: "douyin" } },
    });
    const backend = entryBackend([
      { log_id: LOG_ID, slot: "item:7:close", body: "不相干", updated_at: "2026-11-23T07:49:00Z" },
      { log_id: LOG_ID, slot: "new", body, updated_at: "2026-11-23T07:49:00Z" },
    ]);
    const { user } = await renderEntry(backend);
    await waitFor(() => expect(field("what")).toHaveValue("核对退款单"));
    expect(field("due")).toHaveValue("17:00");
    await user.click(field("what"));
    await user.keyboard("{Control>}1{/Control}");
    expect(field("customer")).toHaveValue("张女士");
    expect(field("channel")).toHaveAttribute("data-value", "douyin");
    expect(backend.saveHandoverDraft).not.toHaveBeenCalledWith(expect.objectContaining({ body: "" }));
  });

  test("hidden for a signed log or one not opened; an agent is told it is their own book", async () => {
    const backend = entryBackend();
    const { unmount } = renderHandover(<ItemEntry log={logView({ frozen: true, status: "signed" })} />, backend);
    expect(screen.queryByTestId("handover-entry")).toBeNull();
    unmount();
    const second = renderHandover(<ItemEntry log={logView({ log_id: null, status: "not_opened" })} />, backend);
    expect(screen.queryByTestId("handover-entry")).toBeNull();
    second.unmount();
    expect(backend.handoverDrafts).not.toHaveBeenCalled();

    await renderEntry(entryBackend(), "agent");
    expect(screen.getByTestId("handover-entry-mine")).toHaveTextContent("我的交接记录本");
  });
});
