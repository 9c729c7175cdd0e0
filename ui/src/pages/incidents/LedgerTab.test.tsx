// 台账: the month's rows as the backend sent them (time on the site's clock, 第N次, the lines
// with co-penalties, status and 签收), the totals of what is confirmed, the filters, the export
// and what a lead may not do; a record's details and its printed 罚款通知单.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { lateSignInRule, nonWorkRule, renderTab } from "./bookTestKit";
import { LedgerTab } from "./LedgerTab";
import { MONTH, ledgerRows } from "./incidentsTestKit";

function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    incidents: () => Promise.resolve(ledgerRows()),
    incidentRules: () => Promise.resolve([nonWorkRule(), lateSignInRule()]),
    ledgerPublications: () =>
      Promise.resolve([
        {
          id: 3,
          team_id: 1,
          team_name: "售前一组",
          month: MONTH,
          published_at: "2026-11-25T02:00:00Z",
          published_by_name: "沈丽华",
          appeal_deadline: "2026-11-28T02:00:00Z",
        },
      ]),
    ...overrides,
  });
  return renderTab(<LedgerTab month={MONTH} />, backend, role);
}

const row = (id: number) => screen.getByTestId(`ledger-row-${id}`);
const cells = (id: number) =>
  within(row(id))
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");

describe("ledger tab", () => {
  test("lists the month's incidents with their lines, status and acknowledgement, and the confirmed totals", async () => {
    const { backend } = open();
    await screen.findByTestId("ledger-row-11");
    expect(backend.incidents).toHaveBeenCalledWith({ month: MONTH, team_id: null, employee_no: null, id: null });
    expect(cells(11).slice(0, 6)).toEqual(["2026-11-12 14:30", "1002", "李娜", "售前一组", "上班做与工作无关的事", "第2次"]);
    const lines = screen.getByTestId("ledger-lines-11");
    expect([...lines.children].map((c) => c.textContent)).toEqual(["罚款 ¥30.00", "连带：班长 王静 1001 罚款 ¥30.00"]);
    expect(screen.getByTestId("ledger-status-11")).toHaveTextContent("已确认");
    expect(screen.getByTestId("ledger-ack-11")).toHaveTextContent("已签收");
    expect(screen.getByTestId("ledger-ack-14")).toHaveTextContent("未签收");
    expect(screen.getByTestId("ledger-status-12")).toHaveTextContent("待确认");
    expect(screen.queryByTestId("ledger-ack-12")).not.toBeInTheDocument();
    expect(screen.getByTestId("ledger-lines-14")).toHaveTextContent("奖励 ¥50.00");
    expect(screen.getByTestId("ledger-lines-15")).toHaveTextContent("照价赔偿 ¥15.00");
    // Voided records stay out until asked for.
    expect(screen.queryByTestId("ledger-row-13")).not.toBeInTheDocument();
    expect(screen.getByTestId("ledger-count")).toHaveTextContent("共 4 条");

    // Confirmed lines only: 30 + 30 (the lead's co-penalty) in fines, 50 in rewards, 15 paid for equipment.
    expect(screen.getByTestId("ledger-total-fines")).toHaveTextContent("罚款 ¥60.00");
    expect(screen.getByTestId("ledger-total-rewards")).toHaveTextContent("奖励 ¥50.00");
    expect(screen.getByTestId("ledger-total-compensation")).toHaveTextContent("赔偿 ¥15.00");
    expect(screen.getByTestId("ledger-published")).toHaveTextContent("售前一组 · 申诉截止 2026-11-28 10:00");
  });

  test("filters by team, person and status; voided rows on request, outside the totals", async () => {
    const { user } = open();
    await screen.findByTestId("ledger-row-11");
    await user.click(screen.getByTestId("ledger-show-voided"));
    expect(await screen.findByTestId("ledger-row-13")).toBeInTheDocument();
    expect(screen.getByTestId("ledger-status-13")).toHaveTextContent("已作废");
    expect(screen.getByTestId("ledger-total-fines")).toHaveTextContent("罚款 ¥60.00");

    await pickOption(user, "ledger-filter-team", "售前二组");
    await waitFor(() => expect(screen.queryByTestId("ledger-row-11")).not.toBeInTheDocument());
    expect(screen.getByTestId("ledger-row-15")).toBeInTheDocument();
    expect(screen.getByTestId("ledger-total-fines")).toHaveTextContent("罚款 ¥0.00");
    expect(screen.getByTestId("ledger-total-compensation")).toHaveTextContent("赔偿 ¥15.00");
  });

  test("the person filter finds a co-penalised lead too, and counts only their lines", async () => {
    const { user } = open();
    await screen.findByTestId("ledger-row-11");
    await pickOption(user, "ledger-filter-person", "1001 王静");
    await waitFor(() => expect(screen.queryByTestId("ledger-row-14")).not.toBeInTheDocument());
    expect(screen.getByTestId("ledger-row-11")).toBeInTheDocument();
    expect(screen.getByTestId("ledger-total-fines")).toHaveTextContent("罚款 ¥30.00");
  });

  test("export writes the month (and the team filtered to) where the operator chooses", async () => {
    const { user, backend } = open("supervisor", { exportLedger: () => Promise.resolve(6) });
    backend.pickSaveFile.mockResolvedValue("/tmp/台账.xlsx");
    await screen.findByTestId("ledger-row-11");
    await user.click(screen.getByTestId("ledger-export"));
    await waitFor(() => expect(backend.exportLedger).toHaveBeenCalledWith(MONTH, null, "/tmp/台账.xlsx"));
    expect(backend.pickSaveFile).toHaveBeenCalledWith("演示客服中心-违规台账-2026-11.xlsx", [{ name: "Excel 工作簿", extensions: ["xlsx"] }]);
    expect(await screen.findByText("已导出 6 行：/tmp/台账.xlsx")).toBeInTheDocument();
  });

  test("a team lead records but neither exports nor publishes", async () => {
    open("team_lead");
    await screen.findByTestId("ledger-row-11");
    expect(screen.getByTestId("ledger-record")).toBeInTheDocument();
    expect(screen.queryByTestId("ledger-export")).not.toBeInTheDocument();
    expect(screen.queryByTestId("ledger-publish")).not.toBeInTheDocument();
  });

  test("details of a confirmed record, and its 罚款通知单 with the total in 大写 and the appeal deadline", async () => {
    const { user } = open();
    await screen.findByTestId("ledger-row-11");
    await user.click(screen.getByTestId("ledger-detail-11"));
    const detail = await screen.findByTestId("incident-detail");
    expect(within(detail).getByTestId("incident-detail-person")).toHaveTextContent("1002 李娜 · 售前一组");
    expect(within(detail).getByTestId("incident-detail-ack")).toHaveTextContent("2026-11-12 15:00 本人签收");
    expect(within(detail).getByTestId("incident-detail-evidence")).toHaveTextContent("11-photo.jpg");
    expect(within(detail).getByTestId("incident-detail-void")).toBeInTheDocument();

    await user.click(within(detail).getByTestId("incident-detail-print"));
    const notice = await screen.findByTestId("fine-notice");
    expect(within(notice).getByTestId("fine-notice-title")).toHaveTextContent("罚款通知单");
    expect(within(notice).getByTestId("fine-notice-no")).toHaveTextContent("编号：21");
    expect(within(notice).getByTestId("fine-notice-matter")).toHaveTextContent("上班做与工作无关的事：上班时间玩手机");
    expect(within(notice).getByTestId("fine-notice-basis")).toHaveTextContent("发现第一次违规罚款口头警告并处罚10元");
    expect(within(notice).getByTestId("fine-notice-offence")).toHaveTextContent("第2次");
    expect(within(notice).getByTestId("fine-notice-total")).toHaveTextContent("¥30.00");
    expect(within(notice).getByTestId("fine-notice-total-upper")).toHaveTextContent("叁拾元整");
    expect(within(notice).getByTestId("fine-notice-co")).toHaveTextContent("连带：王静 1001 罚款 ¥30.00");
    expect(within(notice).getByTestId("fine-notice-appeal")).toHaveTextContent("请于 2026-11-28 10:00 前向主管或经理提出申诉");
    expect(screen.getByTestId("fine-notice-pdf")).toBeInTheDocument();
  });

  test("voiding a record sends the reason and the approver's PIN", async () => {
    const { user, backend } = open("supervisor", { voidLedgerRecord: () => Promise.resolve(30) });
    await screen.findByTestId("ledger-row-11");
    await user.click(screen.getByTestId("ledger-detail-11"));
    await user.click(await screen.findByTestId("incident-detail-void"));
    await user.type(await screen.findByTestId("incident-void-reason"), "录入错误");
    await waitFor(() => expect(screen.getByTestId("incident-void-approver")).toHaveTextContent("沈丽华"));
    await user.type(screen.getByTestId("incident-void-pin"), "1234");
    await user.click(screen.getByTestId("incident-void-ok"));
    await waitFor(() => expect(backend.voidLedgerRecord).toHaveBeenCalledWith(21, "录入错误", { user_id: 1, pin: "1234" }));
  });

  test("签收 with the person's PIN", async () => {
    const { user, backend } = open("supervisor", { acknowledgeIncident: () => Promise.resolve(null) });
    await screen.findByTestId("ledger-row-14");
    await user.click(screen.getByTestId("ledger-detail-14"));
    await user.click(await screen.findByTestId("incident-detail-sign"));
    await user.type(await screen.findByTestId("incident-sign-pin"), "5678");
    await user.click(screen.getByTestId("incident-sign-ok"));
    await waitFor(() => expect(backend.acknowledgeIncident).toHaveBeenCalledWith(14, { mode: "signed", pin: "5678" }));
  });

  test("月度结算: one person's lines and sums as the backend gives them, with pay when it is sent", async () => {
    const { user, backend } = open("supervisor", {
      ledgerStatement: (employeeNo, month) =>
        Promise.resolve({
          employee_no: employeeNo,
          name: "李娜",
          month,
          lines: [
            {
              record_id: 21,
              incident_id: 11,
              line_no: 1,
              employee_no: "1002",
              name: "李娜",
              team_id: 1,
              rule: "non_work_activity",
              rule_name_zh: "上班做与工作无关的事",
              offence_no: 2,
              line: { action: "fine", kind: "penalty", amount_fen: 3000, percent: null },
              ts: "2026-11-12T06:30:00Z",
              local_date: "2026-11-12",
              co_penalty_of: null,
              voided: false,
              approved_at: "2026-11-12T06:40:00Z",
            },
          ],
          penalties_fen: 3000,
          rewards_fen: 0,
          compensation_fen: 0,
          base_pay_fen: 400000,
          deductions_fen: 3000,
        }),
    });
    await screen.findByTestId("ledger-row-11");
    await user.click(screen.getByTestId("ledger-statement"));
    await pickOption(user, "statement-person", "1002 李娜");
    await waitFor(() => expect(backend.ledgerStatement).toHaveBeenCalledWith("1002", MONTH));
    expect(await screen.findByTestId("statement-penalties")).toHaveTextContent("¥30.00");
    expect(screen.getByTestId("statement-base-pay")).toHaveTextContent("¥4000.00");
    expect(screen.getByTestId("statement-deductions")).toHaveTextContent("¥30.00");
    expect(screen.getByTestId("statement-lines")).toHaveTextContent("罚款 ¥30.00");
  });
});
