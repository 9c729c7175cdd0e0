// 提成与工资: with view_pay the five tabs; an agent (no view_pay) sees only their own month —
// 我的提成, read from my_commission, and 我的工资条.
import { screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { loggedIn } from "../../test/fakeBackend";
import PayPage from "./PayPage";
import { MONTH, detail, month, renderPay } from "./commissionTestKit";

// 2026-11-23 12:00 in Shanghai: the page opens on November.
beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T04:00:00Z") }));
afterEach(() => vi.useRealTimers());

const tabs = () => screen.getAllByRole("tab").map((t) => t.textContent);

describe("pay page", () => {
  test("with view_pay: 提成, 订单归属, 工资表, 设置, 导入, opening on the month's commission", async () => {
    const backend = loggedIn("supervisor", { commissionMonth: () => Promise.resolve(month()) });
    renderPay(<PayPage />, backend, "supervisor");
    await screen.findByTestId("commission-row-1001");
    expect(tabs()).toEqual(["提成", "订单归属", "工资表", "设置", "导入"]);
    expect(backend.commissionMonth).toHaveBeenCalledWith(MONTH);
  });

  test("an agent sees only 我的提成 and 我的工资条, their own month explained", async () => {
    const mine = detail({ employee_no: "1014", name: "朱琳", row: { ...detail().row!, employee_no: "1014", name: "朱琳", grade: null, coefficient: "1.0", commission_fen: 48_000 } });
    const backend = loggedIn("agent", { myCommission: () => Promise.resolve(mine) });
    renderPay(<PayPage />, backend, "agent");
    expect(await screen.findByTestId("commission-formula")).toHaveTextContent("¥60,000.00 × 0.8% × 1.0（未评定）= ¥480.00");
    expect(tabs()).toEqual(["我的提成", "我的工资条"]);
    expect(backend.myCommission).toHaveBeenCalledWith(MONTH);
    expect(screen.getByTestId("my-commission-provisional")).toBeInTheDocument();
    expect(screen.getByTestId("attributed-order-A1")).toHaveTextContent("按「付款前 1 天内最后一次有效接待」算王静的");
    expect(backend.commissionMonth).not.toHaveBeenCalled();
    expect(backend.commissionSettings).not.toHaveBeenCalled();
  });
});
