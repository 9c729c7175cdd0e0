// 工资条: an agent's own slip itemises the ledger's reward, fine and pay_percent lines as sent
// (the percentage's money is the backend's pay_percent_fen), shows 应发 in figures and 大写, the
// cap check, and prints or saves a PDF through the print view.
import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { CommandApi } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import PaySlipMine from "./PaySlipMine";
import { MONTH, payLine, payRow, paySlip } from "./payrollTestKit";

function open(overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("agent", { myPaySlip: () => Promise.resolve(paySlip()), ...overrides });
  return renderHandover(<PaySlipMine month={MONTH} />, backend, "agent");
}

afterEach(() => vi.restoreAllMocks());

describe("pay slip", () => {
  test("itemises a reward, a fine and a pay_percent line, and shows 应发 in figures and in words", async () => {
    const { backend } = open();
    expect(await screen.findByTestId("pay-slip-name")).toHaveTextContent("李娜");
    expect(backend.myPaySlip).toHaveBeenCalledWith(MONTH);
    expect(screen.getByTestId("pay-slip-month")).toHaveTextContent("2026 年 11 月");
    expect(screen.getByTestId("pay-slip-base")).toHaveTextContent("¥4,000.00");
    expect(screen.getByTestId("pay-slip-commission")).toHaveTextContent("¥1,234.56");
    expect(screen.getByTestId("pay-slip-basis")).toHaveTextContent("销售额 ¥154,320.00 × 比例 0.8% × 系数 1.0（良好）");

    expect(screen.getByTestId("pay-slip-reward-0")).toHaveTextContent("2026-11-05 好评表扬（奖励）¥50.00");
    expect(screen.getByTestId("pay-slip-reward-total")).toHaveTextContent("¥50.00");
    expect(screen.getByTestId("pay-slip-deduction-0")).toHaveTextContent("2026-11-12 上班做与工作无关的事（罚款）¥30.00");
    expect(screen.getByTestId("pay-slip-deduction-1")).toHaveTextContent("2026-11-20 泄露客户信息（扣当月工资 10%）");
    expect(screen.getByTestId("pay-slip-deduction-2")).toHaveTextContent("按比例扣款（基本工资 + 提成）合计¥523.46");
    // The voided record is not on the slip.
    expect(screen.queryByTestId("pay-slip-deduction-3")).not.toBeInTheDocument();
    expect(screen.queryByText(/迟到签入/)).not.toBeInTheDocument();
    expect(screen.getByTestId("pay-slip-deduction-total")).toHaveTextContent("¥553.46");

    expect(screen.getByTestId("pay-slip-net")).toHaveTextContent("¥4,731.10");
    expect(screen.getByTestId("pay-slip-net-upper")).toHaveTextContent("肆仟柒佰叁拾壹元壹角");
    expect(screen.getByTestId("pay-slip-cap")).toHaveTextContent("本月扣款 ¥553.46，未超过上限 ¥1,056.91（基本工资 + 提成 + 奖励的 20%）");
    expect(screen.getByTestId("pay-slip")).toHaveTextContent("员工签字");
  });

  test("an after-sales slip states its basis; over the cap and without base pay it says so", async () => {
    const slip = paySlip();
    const line = payLine({ base_fen: 0, deductions_fen: 90000, net_fen: 33456, cap_fen: 24691, over_cap: true });
    open({
      myPaySlip: () =>
        Promise.resolve({
          ...slip,
          row: payRow("1002", "李娜", line, { base_pay_set: false }),
          commission: {
            ...slip.commission!,
            scheme: "after_sales",
            rate_pct: "0.3",
            grade: null,
            coefficient: null,
            after_sales: { value_part_fen: 73456, bonus_fen: 50000, missed: [], unknown: [] },
          },
        }),
    });
    expect(await screen.findByTestId("pay-slip-basis")).toHaveTextContent("售后：金额 ¥154,320.00 × 比例 0.3% + 奖金 ¥500.00");
    expect(screen.getByTestId("pay-slip-cap")).toHaveTextContent("本月扣款 ¥900.00 超过上限 ¥246.91");
    expect(screen.getByTestId("pay-slip")).toHaveTextContent("未设基本工资");
  });

  test("prints through the window and saves a PDF on A4 portrait", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    const { user, backend } = open({ savePrintPdf: () => Promise.resolve(null) });
    await user.click(await screen.findByTestId("my-pay-slip-print"));
    await user.click(await screen.findByTestId("pay-slip-print"));
    expect(print).toHaveBeenCalled();
    expect(document.head.querySelector('style[data-fd-print="pay-slip"]')).not.toBeNull();
    backend.pickSaveFile.mockResolvedValue("/home/floor/工资条.pdf");
    await user.click(screen.getByTestId("pay-slip-pdf"));
    await waitFor(() => expect(backend.savePrintPdf).toHaveBeenCalledWith("/home/floor/工资条.pdf", false));
  });
});
