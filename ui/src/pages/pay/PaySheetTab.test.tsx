// 工资表: the rows and the totals as the backend sent them, the over-cap and no-base-pay tags, the
// provisional banner, the export and a row's slip.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import PaySheetTab from "./PaySheetTab";
import { MONTH, paySheet, paySlip } from "./payrollTestKit";

function open(overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("supervisor", { paySheet: () => Promise.resolve(paySheet()), ...overrides });
  return renderHandover(<PaySheetTab month={MONTH} />, backend, "supervisor");
}

const cells = (el: HTMLElement) =>
  within(el)
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");

describe("pay sheet", () => {
  test("lists each agent's pay line with the totals, the over-cap and no-base-pay tags", async () => {
    const { backend } = open();
    const row = await screen.findByTestId("pay-row-1001");
    expect(backend.paySheet).toHaveBeenCalledWith(MONTH);
    expect(cells(row).slice(1)).toEqual(["1001", "王静", "售前一组", "¥4,000.00", "¥1,234.56", "¥0.00", "¥0.00", "¥5,234.56"]);
    expect(screen.getByTestId("pay-over-cap-1002")).toHaveTextContent("超过扣款上限（上限 ¥800.00）");
    expect(screen.queryByTestId("pay-over-cap-1001")).not.toBeInTheDocument();
    expect(screen.getByTestId("pay-no-base-1005")).toHaveTextContent("未设基本工资");
    expect(cells(screen.getByTestId("pay-sheet-totals")).slice(1)).toEqual([
      "合计",
      "",
      "",
      "¥8,000.00",
      "¥1,734.56",
      "¥0.00",
      "¥900.00",
      "¥8,834.56",
    ]);
    expect(screen.getByTestId("pay-sheet-count")).toHaveTextContent("共 3 人");
    expect(screen.queryByTestId("pay-sheet-provisional")).not.toBeInTheDocument();
  });

  test("says the commission is provisional until the month's grades are published", async () => {
    open({ paySheet: () => Promise.resolve(paySheet({ grades_published: false })) });
    expect(await screen.findByTestId("pay-sheet-provisional")).toHaveTextContent("2026-11 的考核等级尚未发布");
  });

  test("exports the sheet to the file picked and names it with the count", async () => {
    const { user, backend } = open({ exportPaySheet: () => Promise.resolve(3) });
    backend.pickSaveFile.mockResolvedValue("/home/floor/工资表.xlsx");
    await user.click(await screen.findByTestId("pay-export"));
    await waitFor(() => expect(backend.exportPaySheet).toHaveBeenCalledWith(MONTH, "/home/floor/工资表.xlsx"));
    expect(backend.pickSaveFile.mock.calls[0][0]).toMatch(/工资表-2026-11\.xlsx$/);
    expect(await screen.findByText("已导出 3 人的工资表：/home/floor/工资表.xlsx")).toBeInTheDocument();
  });

  test("a row click opens that agent's slip; 打印工资条 prints the selected one", async () => {
    const { user, backend } = open({ paySlip: () => Promise.resolve(paySlip()) });
    await screen.findByTestId("pay-row-1002");
    expect(screen.getByTestId("pay-print-slip")).toBeDisabled();
    await user.click(await screen.findByTestId("pay-row-1002"));
    await waitFor(() => expect(backend.paySlip).toHaveBeenCalledWith("1002", MONTH));
    expect(await screen.findByTestId("pay-slip-name")).toHaveTextContent("李娜");
    await user.click(screen.getByTestId("pay-slip-close"));
    await waitFor(() => expect(screen.queryByTestId("pay-slip")).not.toBeInTheDocument());
    expect(screen.getByTestId("pay-print-slip")).toBeEnabled();
    await user.click(screen.getByTestId("pay-print-slip"));
    expect(await screen.findByTestId("pay-slip")).toBeInTheDocument();
  });
});
