import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { BackendError, type HandoverLogView, type Role, type SignInput } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import ReceiveModal from "./ReceiveModal";
import SignModal from "./SignModal";
import { renderHandover } from "./renderHandover";
import { aloneLogView, openLogView, signedLogView, signLoginUsers } from "./testViews";

function openSign(log: HandoverLogView, role: Role, sign: (input: SignInput) => Promise<HandoverLogView> = () => Promise.resolve(signedLogView())) {
  const backend = loggedIn(role, { listLoginUsers: () => Promise.resolve(signLoginUsers()), signHandover: sign });
  const onClose = vi.fn();
  const r = renderHandover(<SignModal log={log} open onClose={onClose} />, backend, role);
  return { ...r, onClose };
}

/** The text an antd Select shows as chosen. */
const chosen = (testId: string) => screen.getByTestId(testId).closest(".ant-select")?.textContent ?? "";

describe("签字交接", () => {
  test("when the shifts meet: the blockers translated with the names, both leads prefilled, no override for a lead", async () => {
    openSign(openLogView(), "team_lead");
    const dialog = await screen.findByTestId("handover-sign");
    expect(screen.getByText("当面交接签字")).toBeInTheDocument();
    expect(within(dialog).getByTestId("handover-sign-blockers")).toHaveTextContent(
      "接班客服尚未上线：赵敏、黄磊、周婷、孙悦。须确定接班客服已上线后再交班，或由主管特批并说明原因",
    );
    expect(within(dialog).getByTestId("handover-sign-incoming")).toHaveTextContent("接班：晚班 N 16:00–23:30 · 接班客服还没有人上线");
    await waitFor(() => expect(chosen("handover-sign-outgoing-user")).toContain("王静（1001）"));
    expect(chosen("handover-sign-outgoing-user")).toContain("班长");
    expect(chosen("handover-sign-incoming-user")).toContain("赵敏（1007）");
    expect(chosen("handover-sign-incoming-user")).toContain("主管指定");
    // A team lead may not override, and neither chosen signer is a supervisor.
    expect(screen.queryByTestId("handover-sign-override")).not.toBeInTheDocument();
    expect(screen.getByTestId("handover-sign-submit")).toHaveTextContent("双方签字确认");
  });

  test("two signers and their PINs are sent exactly as a SignInput; success closes the dialog", async () => {
    const { user, backend, onClose } = openSign(openLogView({ blockers: [] }), "team_lead");
    await waitFor(() => expect(chosen("handover-sign-incoming-user")).toContain("赵敏"));
    // A supervisor stands in for the outgoing side (tagged 主管代签).
    await pickOption(user, "handover-sign-outgoing-user", "沈丽华（S001） 主管代签");
    await user.type(screen.getByTestId("handover-sign-outgoing-pin"), "1234");
    await user.type(screen.getByTestId("handover-sign-incoming-pin"), "5678{Enter}");
    await waitFor(() => expect(backend.signHandover).toHaveBeenCalledTimes(1));
    expect(backend.signHandover).toHaveBeenCalledWith({
      log_id: 41,
      outgoing: { user_id: 1, pin: "1234" },
      incoming: { user_id: 8, pin: "5678" },
      override_reason: null,
    } satisfies SignInput);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  test("both sides are required when the shifts meet: nothing is sent without the incoming PIN", async () => {
    const { user, backend } = openSign(openLogView({ blockers: [] }), "team_lead");
    await waitFor(() => expect(chosen("handover-sign-outgoing-user")).toContain("王静"));
    await user.type(screen.getByTestId("handover-sign-outgoing-pin"), "1234");
    await user.click(screen.getByTestId("handover-sign-submit"));
    expect(await within(screen.getByTestId("handover-sign-incoming-column")).findByText("请输入签字人的 PIN")).toBeInTheDocument();
    expect(backend.signHandover).not.toHaveBeenCalled();
  });

  test("a wrong PIN of the incoming side shows under the incoming column, and its PIN is cleared", async () => {
    const { user, onClose } = openSign(openLogView({ blockers: [] }), "team_lead", () =>
      Promise.reject(new BackendError("auth.wrong_pin", "wrong PIN", { remaining: "2", side: "incoming" })),
    );
    await waitFor(() => expect(chosen("handover-sign-incoming-user")).toContain("赵敏"));
    await user.type(screen.getByTestId("handover-sign-outgoing-pin"), "1234");
    await user.type(screen.getByTestId("handover-sign-incoming-pin"), "0000");
    await user.click(screen.getByTestId("handover-sign-submit"));
    const incoming = screen.getByTestId("handover-sign-incoming-column");
    expect(await within(incoming).findByTestId("handover-sign-incoming-error")).toHaveTextContent("PIN 错误，还可尝试 2 次");
    expect(screen.queryByTestId("handover-sign-outgoing-error")).not.toBeInTheDocument();
    expect(screen.queryByTestId("handover-sign-error")).not.toBeInTheDocument();
    expect(screen.getByTestId("handover-sign-incoming-pin")).toHaveValue("");
    expect(screen.getByTestId("handover-sign-outgoing-pin")).toHaveValue("1234");
    expect(onClose).not.toHaveBeenCalled();
  });

  test("a refusal naming a side puts the side in words; one naming none shows at the top", async () => {
    const refusals = [
      new BackendError("handover.not_lead", "not the lead", { name: "李娜", side: "outgoing" }),
      new BackendError("handover.open_queries", "open queries", { count: "2" }),
    ];
    const { user } = openSign(openLogView({ blockers: [] }), "team_lead", () => Promise.reject(refusals.shift()));
    await waitFor(() => expect(chosen("handover-sign-incoming-user")).toContain("赵敏"));
    await user.type(screen.getByTestId("handover-sign-outgoing-pin"), "1234");
    await user.type(screen.getByTestId("handover-sign-incoming-pin"), "5678");
    await user.click(screen.getByTestId("handover-sign-submit"));
    expect(await screen.findByTestId("handover-sign-outgoing-error")).toHaveTextContent("李娜 不是本班（交班）的交接班长，不能签字");

    await user.type(screen.getByTestId("handover-sign-outgoing-pin"), "1234");
    await user.click(screen.getByTestId("handover-sign-submit"));
    expect(await screen.findByTestId("handover-sign-error")).toHaveTextContent("还有 2 个提问未答复或未接受");
    expect(screen.queryByTestId("handover-sign-outgoing-error")).not.toBeInTheDocument();
  });

  test("a supervisor operator gets the override field when nobody of the incoming shift is signed in; its text is sent", async () => {
    const { user, backend } = openSign(openLogView(), "supervisor");
    const reason = await screen.findByTestId("handover-sign-override");
    await waitFor(() => expect(chosen("handover-sign-incoming-user")).toContain("赵敏"));
    await user.type(screen.getByTestId("handover-sign-outgoing-pin"), "1234");
    await user.type(screen.getByTestId("handover-sign-incoming-pin"), "5678");
    await user.type(reason, "  晚班 16:10 才能上线，王静已电话交接  ");
    await user.click(screen.getByTestId("handover-sign-submit"));
    await waitFor(() => expect(backend.signHandover).toHaveBeenCalledTimes(1));
    expect(backend.signHandover).toHaveBeenCalledWith({
      log_id: 41,
      outgoing: { user_id: 3, pin: "1234" },
      incoming: { user_id: 8, pin: "5678" },
      override_reason: "晚班 16:10 才能上线，王静已电话交接",
    });
  });

  test("keyboard: the PIN of a prefilled lead has the focus; Tab goes user → PIN → user → PIN → reason → OK", async () => {
    const { user } = openSign(openLogView(), "supervisor");
    const reason = await screen.findByTestId("handover-sign-override");
    await waitFor(() => expect(screen.getByTestId("handover-sign-outgoing-pin")).toHaveFocus());
    const selectInput = (testId: string) => screen.getByTestId(testId).closest(".ant-select")!.querySelector("input")!;
    act(() => selectInput("handover-sign-outgoing-user").focus());
    const order = [
      screen.getByTestId("handover-sign-outgoing-pin"),
      selectInput("handover-sign-incoming-user"),
      screen.getByTestId("handover-sign-incoming-pin"),
      reason,
      screen.getByTestId("handover-sign-submit"),
    ];
    for (const el of order) {
      await user.tab();
      expect(el).toHaveFocus();
    }
  });

  test("a lead operator gets the override field once a supervisor is chosen as a signer", async () => {
    const { user } = openSign(openLogView(), "team_lead");
    await waitFor(() => expect(chosen("handover-sign-incoming-user")).toContain("赵敏"));
    expect(screen.queryByTestId("handover-sign-override")).not.toBeInTheDocument();
    await pickOption(user, "handover-sign-incoming-user", "江涛（M001） 主管代签");
    expect(await screen.findByTestId("handover-sign-override")).toBeInTheDocument();
  });

  test("when the shifts do not meet the outgoing side signs alone; the incoming side is optional", async () => {
    const { user, backend } = openSign(aloneLogView(), "team_lead");
    expect(await screen.findByText("交班签字", { selector: ".ant-modal-title" })).toBeInTheDocument();
    expect(screen.getByTestId("handover-sign-alone-hint")).toHaveTextContent(
      "「晚班客服下班前把交接事项转达给第二天的白班客服」：交班方单独签字，接班班长上班时签收",
    );
    await waitFor(() => expect(chosen("handover-sign-outgoing-user")).toContain("赵敏"));
    expect(chosen("handover-sign-incoming-user")).not.toContain("王静");
    expect(screen.getByTestId("handover-sign-submit")).toHaveTextContent("交班签字");
    await user.type(screen.getByTestId("handover-sign-outgoing-pin"), "2468{Enter}");
    await waitFor(() => expect(backend.signHandover).toHaveBeenCalledTimes(1));
    expect(backend.signHandover).toHaveBeenCalledWith({ log_id: 41, outgoing: { user_id: 8, pin: "2468" }, incoming: null, override_reason: null });
  });
});

describe("接班签收", () => {
  test("the incoming lead is prefilled; the PIN is sent with the log id; a refusal stays in the dialog", async () => {
    const log: HandoverLogView = { ...aloneLogView(), status: "awaiting_receipt", frozen: true };
    log.signatures = [{ ...signedLogView().signatures[0], signer: { employee_no: "1007", name: "赵敏" }, mode: "alone" }];
    const answers = [
      () => Promise.reject(new BackendError("handover.receipt_too_early", "too early", { opens_at: "2026-11-24 08:20" })),
      () => Promise.resolve(signedLogView()),
    ];
    const backend = loggedIn("team_lead", { listLoginUsers: () => Promise.resolve(signLoginUsers()), receiveHandover: () => answers.shift()!() });
    const onClose = vi.fn();
    const { user } = renderHandover(<ReceiveModal log={log} open onClose={onClose} />, backend, "team_lead");
    const dialog = await screen.findByTestId("handover-receive");
    expect(within(dialog).getByText(/赵敏（1007） 于 2026-11-23 16:04 交班签字/)).toBeInTheDocument();
    await waitFor(() => expect(chosen("handover-receive-user")).toContain("王静（1001）"));
    await user.type(screen.getByTestId("handover-receive-pin"), "1234{Enter}");
    expect(await screen.findByTestId("handover-receive-error")).toHaveTextContent("接班签收从 2026-11-24 08:20（接班点名时间）开始");
    expect(onClose).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("handover-receive-pin"), "1234");
    await user.click(screen.getByTestId("handover-receive-submit"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(backend.receiveHandover).toHaveBeenLastCalledWith(41, { user_id: 3, pin: "1234" });
  });
});
