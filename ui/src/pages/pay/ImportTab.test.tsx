// 导入: each card names its columns, imports the file picked with a busy indicator, shows the
// backend's summary, or where a bad file's rows are (nothing written).
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type CommandApi } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import ImportTab from "./ImportTab";
import { MONTH } from "./payrollTestKit";

function open(overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("supervisor", overrides);
  return renderHandover(<ImportTab month={MONTH} />, backend, "supervisor");
}

describe("imports", () => {
  test("names each file's columns", async () => {
    open();
    expect(await screen.findByTestId("import-chats-columns")).toHaveTextContent("时间 / ts买家 / buyer工号 / employee_no发送方 / sender");
    expect(screen.getByTestId("import-orders-columns")).toHaveTextContent("订单号 / order_no买家 / buyer付款时间 / paid_at金额 / amount");
    expect(screen.getByTestId("import-sales-columns")).toHaveTextContent("工号 / employee_no日期 / date接待人数 / receptions有效接待 / valid_receptions销售额 / sales");
  });

  test("imports an orders file, busy until the backend answers, then shows its summary", async () => {
    let answer: (v: Awaited<ReturnType<CommandApi["importOrders"]>>) => void = () => {};
    const { user, backend } = open({ importOrders: () => new Promise((resolve) => (answer = resolve)) });
    backend.pickOpenFile.mockResolvedValue("/home/floor/订单.xlsx");
    await user.click(await screen.findByTestId("import-orders-pick"));
    await waitFor(() => expect(backend.importOrders).toHaveBeenCalledWith("/home/floor/订单.xlsx"));
    expect(backend.pickOpenFile.mock.calls[0][0]).toEqual([{ name: "订单文件", extensions: ["csv", "xlsx"] }]);
    expect(screen.getByTestId("import-orders-busy")).toHaveTextContent("正在导入");
    answer({ rows: 120, added: 100, replaced: 15, unchanged: 5, buyers_touched: 90, total_fen: 1234567, first_paid_at: "2026-11-01T02:00:00Z", last_paid_at: "2026-11-30T12:00:00Z" });
    const result = await screen.findByTestId("import-orders-result");
    expect(screen.queryByTestId("import-orders-busy")).not.toBeInTheDocument();
    expect(result).toHaveTextContent("新增订单100");
    expect(result).toHaveTextContent("更新订单15");
    expect(result).toHaveTextContent("金额合计¥12,345.67");
    expect(result).toHaveTextContent("付款时间范围2026-11-01 10:00 ~ 2026-11-30 20:00");
  });

  test("a file with bad rows shows where they are and that nothing was saved", async () => {
    const { user, backend } = open({
      importSales: () =>
        Promise.reject(new BackendError("import.invalid", "汇总.csv: 3 problem(s), nothing was written", { file: "汇总.csv", count: "3", row: "7", field: "销售额" })),
    });
    backend.pickOpenFile.mockResolvedValue("/home/floor/汇总.csv");
    await user.click(await screen.findByTestId("import-sales-pick"));
    const result = await screen.findByTestId("import-sales-result");
    expect(result).toHaveTextContent("文件有错误，未写入任何数据");
    expect(result).toHaveTextContent("文件 汇总.csv 有 3 处错误（第一处在第 7 行“销售额”列），未写入任何数据");
    const row = within(result).getAllByRole("row")[1];
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["第 7 行", "销售额", "共 3 处错误，这是第一处；请修正后重新导入"]);
  });
});
