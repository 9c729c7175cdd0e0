// 申诉: the month's appeals with their status and decision; an open one decided (驳回, 改判 with the
// new lines typed in yuan) with a reason and an approver's PIN, and the payload as sent; a wrong
// PIN shown in the dialog; an agent sees their own and decides nothing.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type Appeal, type CommandApi, type LedgerLine, type Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { complaintRule, nonWorkRule, renderTab } from "./bookTestKit";
import { AppealsTab } from "./AppealsTab";

const appeals = (): Appeal[] => [
  {
    id: 4,
    record_id: 33,
    incident_id: 30,
    employee_no: "1007",
    name: "赵敏",
    rule: "valid_complaint",
    filed_at: "2026-11-10T03:00:00Z",
    text: "客户本人撤回了投诉",
    decision: "rejected",
    decided_at: "2026-11-12T06:30:00Z",
    decided_by_name: "沈丽华",
    decision_reason: "录音证实投诉属实",
    result_record: null,
  },
  {
    id: 5,
    record_id: 41,
    incident_id: 38,
    employee_no: "1002",
    name: "李娜",
    rule: "non_work_activity",
    filed_at: "2026-11-21T01:15:00Z",
    text: "第一次那条已作废，这条应按第1次处理",
    decision: null,
    decided_at: null,
    decided_by_name: null,
    decision_reason: null,
    result_record: null,
  },
];

const line = (record_id: number, action: LedgerLine["line"]): LedgerLine => ({
  record_id,
  incident_id: record_id - 3,
  line_no: 1,
  employee_no: "1002",
  name: "李娜",
  team_id: 1,
  rule: "non_work_activity",
  rule_name_zh: "上班做与工作无关的事",
  offence_no: 2,
  line: action,
  ts: "2026-11-18T02:00:00Z",
  local_date: "2026-11-18",
  co_penalty_of: null,
  voided: false,
  approved_at: "2026-11-18T03:00:00Z",
});

/** 1002's November lines: record 41 (the appealed one: a 30-yuan fine) and another record's. */
const lines = (): LedgerLine[] => [
  line(41, { action: "fine", kind: "penalty", amount_fen: 3000, percent: null }),
  line(29, { action: "verbal_warning", kind: "penalty", amount_fen: 0, percent: null }),
];

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    incidentAppeals: () => Promise.resolve(appeals()),
    incidentRules: () => Promise.resolve([nonWorkRule(), complaintRule()]),
    ledgerLines: () => Promise.resolve(lines()),
    decideAppeal: () => Promise.resolve(77),
    ...overrides,
  });
  const r = renderTab(<AppealsTab month="2026-11" />, backend, role);
  await screen.findByTestId("appeal-5");
  return r;
}

describe("appeals tab", () => {
  test("the month's appeals: who, the rule by name, the grounds, the status and the decision", async () => {
    const { backend } = await open();
    expect(backend.incidentAppeals).toHaveBeenCalledWith("2026-11");
    const decided = screen.getByTestId("appeal-4");
    expect(decided).toHaveTextContent("1007 赵敏");
    await waitFor(() => expect(decided).toHaveTextContent("有理投诉"));
    expect(decided).toHaveTextContent("客户本人撤回了投诉");
    expect(screen.getByTestId("appeal-status-4")).toHaveTextContent("驳回");
    expect(decided).toHaveTextContent("沈丽华");
    expect(decided).toHaveTextContent("录音证实投诉属实");
    expect(within(decided).queryByTestId("appeal-decide-4")).not.toBeInTheDocument();
    expect(screen.getByTestId("appeal-status-5")).toHaveTextContent("待处理");
    expect(screen.getByTestId("appeal-5")).toHaveTextContent("上班做与工作无关的事");
    expect(screen.getByTestId("appeals-open-count")).toHaveTextContent("待处理 1 条");
  });

  test("改判: the record's own lines to start from, a lower fine typed in yuan, a reason and the operator's PIN", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("appeal-decide-5"));
    const dialog = await screen.findByTestId("decide-appeal");
    expect(dialog).toHaveTextContent("第一次那条已作废，这条应按第1次处理");
    await user.click(screen.getByTestId("decide-changed"));
    expect(await screen.findByTestId("decide-line-0-yuan")).toHaveValue("30.00");
    expect(screen.queryByTestId("decide-line-1")).not.toBeInTheDocument();
    expect(backend.ledgerLines).toHaveBeenCalledWith({ month: "2026-11", team_id: null, employee_no: "1002", include_voided: false });
    await user.clear(screen.getByTestId("decide-line-0-yuan"));
    await user.type(screen.getByTestId("decide-line-0-yuan"), "10");
    await user.type(screen.getByTestId("decide-reason"), "首次记录已作废，按第1次处理");
    // The operator (沈丽华) approves by default.
    await waitFor(() => expect(screen.getByTestId("decide-approver").closest(".ant-select")).toHaveTextContent("沈丽华"));
    await user.type(screen.getByTestId("decide-pin"), "1234");
    await user.click(screen.getByTestId("decide-ok"));
    await waitFor(() => expect(backend.decideAppeal).toHaveBeenCalledTimes(1));
    expect(backend.decideAppeal).toHaveBeenCalledWith(
      5,
      { decision: "changed", lines: [{ action: "fine", kind: "penalty", amount_fen: 1000, percent: null }] },
      "首次记录已作废，按第1次处理",
      { user_id: 1, pin: "1234" },
    );
    await waitFor(() => expect(screen.queryByTestId("decide-appeal")).not.toBeInTheDocument());
  });

  test("驳回 approved by another manager: a wrong PIN shows in the dialog, the second try is sent", async () => {
    const answers = [
      () => Promise.reject(new BackendError("auth.wrong_pin", "wrong PIN", { remaining: "4" })),
      () => Promise.resolve(null),
    ];
    const { user, backend } = await open("supervisor", { decideAppeal: () => answers.shift()!() });
    await user.click(screen.getByTestId("appeal-decide-5"));
    await screen.findByTestId("decide-appeal");
    await pickOption(user, "decide-approver", "江涛（M001）· 经理");
    await user.type(screen.getByTestId("decide-reason"), "两次违规均属实");
    await user.type(screen.getByTestId("decide-pin"), "9999");
    await user.click(screen.getByTestId("decide-ok"));
    expect(await screen.findByTestId("decide-error")).toHaveTextContent("PIN 错误，还可尝试 4 次");
    expect(screen.getByTestId("decide-pin")).toHaveValue("");
    await user.type(screen.getByTestId("decide-pin"), "5678");
    await user.click(screen.getByTestId("decide-ok"));
    await waitFor(() => expect(backend.decideAppeal).toHaveBeenCalledTimes(2));
    expect(backend.decideAppeal).toHaveBeenLastCalledWith(5, { decision: "rejected" }, "两次违规均属实", { user_id: 2, pin: "5678" });
  });

  test("nothing is sent without a reason and a PIN", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("appeal-decide-5"));
    await screen.findByTestId("decide-appeal");
    await user.click(screen.getByTestId("decide-voided"));
    await user.click(screen.getByTestId("decide-ok"));
    expect(await screen.findByText("请填写原因")).toBeInTheDocument();
    expect(backend.decideAppeal).not.toHaveBeenCalled();
  });

  test("an agent sees the appeals the backend gives them, and decides none", async () => {
    await open("agent", { incidentAppeals: () => Promise.resolve([appeals()[1]]) });
    expect(screen.getByTestId("appeal-5")).toHaveTextContent("待处理");
    expect(screen.queryByTestId("appeal-4")).not.toBeInTheDocument();
    expect(screen.queryByTestId("appeal-decide-5")).not.toBeInTheDocument();
  });
});
