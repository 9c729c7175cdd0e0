// 记录违规: the form shows the backend's proposal (canned here) and sends what the operator gave —
// a supervisor's entry confirmed at once with a Confirmation, a lead's for confirmation (none);
// a back-dated entry's renumbering must be ticked; a ranged fine asks for its severity first.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import type { CommandApi, IncidentInput, IncidentPreview, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { complaintRule, lateSignInRule, nonWorkRule, renderTab } from "./bookTestKit";
import { fine, own, secondOffencePreview } from "./incidentsTestKit";
import { RecordIncidentModal } from "./RecordIncidentModal";

const TS = "2026-11-23T02:00:00Z";

function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}, preview: IncidentPreview = secondOffencePreview()) {
  const backend = loggedIn(role, {
    incidentRules: () => Promise.resolve([nonWorkRule(), lateSignInRule(), complaintRule()]),
    previewIncident: () => Promise.resolve(preview),
    recordIncident: () => Promise.resolve(42),
    ...overrides,
  });
  const onClose = vi.fn();
  const onRecorded = vi.fn();
  const r = renderTab(<RecordIncidentModal open initial={{ ts: TS }} onClose={onClose} onRecorded={onRecorded} />, backend, role);
  return { ...r, onClose, onRecorded };
}

/** 李娜, 上班做与工作无关的事, a place and a note. */
async function fillNonWork(user: ReturnType<typeof open>["user"]) {
  await pickOption(user, "incident-person", "1002 李娜");
  await pickOption(user, "incident-rule", "上班做与工作无关的事");
  await user.type(screen.getByTestId("incident-place"), "A 区");
  await user.type(screen.getByTestId("incident-note"), "上班时间玩手机");
}

const expected: IncidentInput = {
  ts: TS,
  employee_no: "1002",
  team_id: null,
  rule_code: "non_work_activity",
  severity: null,
  quantity: null,
  item_code: null,
  stated_fen: null,
  co_employee_no: null,
  place: "A 区",
  witness: null,
  note: "上班时间玩手机",
  alert_ref: null,
};

describe("record incident form", () => {
  test("shows the backend's proposal and a supervisor's entry goes in confirmed", async () => {
    const { user, backend, onRecorded, onClose } = open();
    await fillNonWork(user);
    const proposal = screen.getByTestId("incident-proposal");
    await waitFor(() => expect(within(proposal).getByTestId("incident-proposal-head")).toHaveTextContent("第 2 次 · 罚款 ¥30.00"));
    expect(within(proposal).getByTestId("incident-proposal-co")).toHaveTextContent("连带：班长 王静 1001 罚款 ¥30.00");
    expect(within(proposal).getByTestId("incident-proposal-earlier")).toHaveTextContent("第1次 · 2026-11-03 10:15（已确认）");
    // Place, witness and note change nothing in the proposal: it is asked for the rest.
    expect(backend.previewIncident).toHaveBeenLastCalledWith(
      expect.objectContaining({ ts: TS, employee_no: "1002", rule_code: "non_work_activity", severity: null, co_employee_no: null, alert_ref: null }),
    );

    const ok = screen.getByTestId("incident-confirm");
    expect(ok).toHaveTextContent("确认记录");
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() =>
      expect(backend.recordIncident).toHaveBeenCalledWith(expected, false, { lines: null, reason: null, accept_renumber: false, accept_over_cap: false }),
    );
    expect(onRecorded).toHaveBeenCalledWith(42);
    expect(onClose).toHaveBeenCalled();
  });

  test("a changed penalty sends the offender's lines in fen and needs a reason", async () => {
    const { user, backend } = open();
    await fillNonWork(user);
    await screen.findByText("第 2 次 · 罚款 ¥30.00");
    await user.click(screen.getByTestId("incident-modify"));
    const yuan = screen.getByTestId("incident-modify-yuan-0");
    await user.clear(yuan);
    await user.type(yuan, "20");
    const ok = screen.getByTestId("incident-confirm");
    expect(ok).toBeDisabled();
    expect(screen.getByTestId("incident-problem")).toHaveTextContent("修改处罚须写明原因");
    await user.type(screen.getByTestId("incident-modify-reason"), "初犯，情节轻微");
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() =>
      expect(backend.recordIncident).toHaveBeenCalledWith(expected, false, {
        lines: [fine(2000)],
        reason: "初犯，情节轻微",
        accept_renumber: false,
        accept_over_cap: false,
      }),
    );
  });

  test("a team lead submits it for confirmation, with no confirmation", async () => {
    const { user, backend } = open("team_lead");
    await fillNonWork(user);
    await screen.findByText("第 2 次 · 罚款 ¥30.00");
    expect(screen.queryByTestId("incident-modify")).not.toBeInTheDocument();
    const ok = screen.getByTestId("incident-confirm");
    expect(ok).toHaveTextContent("提交待确认");
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() => expect(backend.recordIncident).toHaveBeenCalledWith(expected, false, null));
  });

  test("a back-dated entry that renumbers confirmed ones needs 确认重新编号", async () => {
    const preview = { ...secondOffencePreview(), renumbers: [7, 9] };
    const { user, backend } = open("supervisor", {}, preview);
    await fillNonWork(user);
    const warning = await screen.findByTestId("incident-renumbers");
    expect(warning).toHaveTextContent("会改变 2 条已确认记录（#7、#9）的次数");
    const ok = screen.getByTestId("incident-confirm");
    expect(ok).toBeDisabled();
    expect(screen.getByTestId("incident-problem")).toHaveTextContent("请先勾选");
    await user.click(within(warning).getByText("确认重新编号"));
    await waitFor(() => expect(ok).toBeEnabled());
    // A note typed afterwards asks for nothing again and keeps the tick.
    const asked = backend.previewIncident.mock.calls.length;
    await user.type(screen.getByTestId("incident-note"), "（补录）");
    await new Promise((r) => setTimeout(r, 400));
    expect(backend.previewIncident).toHaveBeenCalledTimes(asked);
    expect(within(screen.getByTestId("incident-renumbers")).getByRole("checkbox")).toBeChecked();
    await user.click(ok);
    await waitFor(() =>
      expect(backend.recordIncident).toHaveBeenCalledWith({ ...expected, note: "上班时间玩手机（补录）" }, false, {
        lines: null,
        reason: null,
        accept_renumber: true,
        accept_over_cap: false,
      }),
    );
  });

  test("over the legal cap: the people listed, and 仍要记录 to tick", async () => {
    const preview: IncidentPreview = {
      ...secondOffencePreview(),
      over_cap: [{ employee_no: "1002", name: "李娜", month: "2026-11", pay_fen: 400000, cap_fen: 80000, total_fen: 83000 }],
    };
    const { user, backend } = open("supervisor", {}, preview);
    await fillNonWork(user);
    const warning = await screen.findByTestId("incident-over-cap");
    expect(warning).toHaveTextContent("李娜（1002）2026-11：扣款合计 ¥830.00，上限 ¥800.00（当月工资 ¥4000.00）");
    expect(screen.getByTestId("incident-confirm")).toBeDisabled();
    await user.click(within(warning).getByText("仍要记录"));
    await waitFor(() => expect(screen.getByTestId("incident-confirm")).toBeEnabled());
    await user.click(screen.getByTestId("incident-confirm"));
    await waitFor(() =>
      expect(backend.recordIncident).toHaveBeenCalledWith(expected, false, expect.objectContaining({ accept_renumber: false, accept_over_cap: true })),
    );
  });

  test("a ranged fine asks for the severity before any proposal, and sends it", async () => {
    const preview: IncidentPreview = {
      ...secondOffencePreview(),
      rule_code: "valid_complaint",
      offence_no: 1,
      lines: [own("1002", "李娜", fine(6000)), own("1002", "李娜", { action: "self_review", kind: "penalty", amount_fen: 0, percent: null })],
      earlier: [],
    };
    const { user, backend } = open("supervisor", {}, preview);
    await pickOption(user, "incident-person", "1002 李娜");
    await pickOption(user, "incident-rule", "有理投诉");
    expect(await screen.findByTestId("incident-severity")).toBeInTheDocument();
    expect(screen.queryByTestId("incident-co")).not.toBeInTheDocument();
    expect(screen.getByTestId("incident-proposal")).toHaveTextContent("选择人员、规则并填写所需信息后，显示处理建议");
    expect(backend.previewIncident).not.toHaveBeenCalled();
    await user.click(within(screen.getByTestId("incident-severity")).getByText("3"));
    await screen.findByText("第 1 次 · 罚款 ¥60.00 + 书面检查");
    expect(backend.previewIncident).toHaveBeenLastCalledWith(expect.objectContaining({ rule_code: "valid_complaint", severity: 3, employee_no: "1002" }));
  });

  test("the backend's refusal shows in the user's language and the form stays open", async () => {
    const { BackendError } = await import("../../backend");
    const { user, onClose } = open("supervisor", {
      recordIncident: () => Promise.reject(new BackendError("incidents.duplicate", "dup", { ts: "2026-11-23 10:00", employee_no: "1002", rule: "non_work_activity" })),
    });
    await fillNonWork(user);
    await screen.findByText("第 2 次 · 罚款 ¥30.00");
    await waitFor(() => expect(screen.getByTestId("incident-confirm")).toBeEnabled());
    await user.click(screen.getByTestId("incident-confirm"));
    expect(await screen.findByTestId("incident-error")).toHaveTextContent("1002 在 2026-11-23 10:00 的 non_work_activity 已经记录过");
    expect(onClose).not.toHaveBeenCalled();
  });
});
