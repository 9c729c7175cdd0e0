// 提成: each agent's line as the backend computed it (sales, tier, grade, coefficient, commission;
// an after-sales line's rate and bonus status), the month's summary, the provisional banner while
// grades are unpublished, the search, and a line opening its details.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import CommissionTab from "./CommissionTab";
import { MONTH, detail, month, renderPay } from "./commissionTestKit";

function open(overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("supervisor", {
    commissionMonth: () => Promise.resolve(month()),
    commissionDetail: () => Promise.resolve(detail()),
    commissionSettings: () => Promise.reject(new Error("not needed")),
    ...overrides,
  });
  return renderPay(<CommissionTab month={MONTH} />, backend);
}

const cells = (employeeNo: string) =>
  within(screen.getByTestId(`commission-row-${employeeNo}`))
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");

describe("commission tab", () => {
  test("shows each agent's figures as the backend computed them, and the month's summary", async () => {
    const { backend } = open();
    await screen.findByTestId("commission-row-1001");
    expect(backend.commissionMonth).toHaveBeenCalledWith(MONTH);
    expect(cells("1001")).toEqual(["1001", "王静", "售前一组", "销售提成", "12 / 9", "2", "¥60,000.00", "≥ ¥50,000 · 0.8%", "优秀", "1.2", "¥576.00"]);
    expect(screen.getByTestId("commission-tier-1021")).toHaveTextContent("0.2% · 奖金 未达标：退款率");
    expect(cells("1021").slice(8)).toEqual(["—", "—", "¥400.00"]);
    expect(screen.getByTestId("commission-summary-orders")).toHaveTextContent("10 单 · ¥300,000.00");
    expect(screen.getByTestId("commission-summary-attributed")).toHaveTextContent("90.0%");
    expect(screen.getByTestId("commission-summary-unattributed")).toHaveTextContent("1 单 · ¥1,000.00");
    expect(screen.getByTestId("commission-summary-total")).toHaveTextContent("¥976.00");
    expect(screen.queryByTestId("commission-provisional")).not.toBeInTheDocument();
  });

  test("while the month's grades are unpublished, a banner says the figures are provisional", async () => {
    const ungraded = month({ grades_published: false });
    ungraded.rows[0] = { ...ungraded.rows[0], grade: null, coefficient: "1.0", commission_fen: 48_000 };
    open({ commissionMonth: () => Promise.resolve(ungraded) });
    expect(await screen.findByTestId("commission-provisional")).toHaveTextContent("2026-11 的考核等级尚未发布");
    expect(cells("1001").slice(8)).toEqual(["未评定", "1.0", "¥480.00"]);
  });

  test("names the after-sales targets from the team's table and the bonus it promises", async () => {
    open({
      commissionSettings: () =>
        Promise.resolve({
          month: MONTH,
          tiers: [],
          tiers_from: "2000-01",
          coefficients: { excellent: "1.2", good: "1.1", pass: "1.0", fail: "0.8", ungraded: "1.0" },
          coefficients_from: "2000-01",
          teams: [{ team_id: 3, team_name: "售后组", scheme: "after_sales", after_sales_rate_pct: "0.2", target_bonus_fen: 50_000, targets: [{ key: "refund_rate", label_zh: "退款率(店铺)", unit: "%", direction: "at_most", target: "5", actual: "6.1" }] }],
        }),
    });
    await waitFor(() => expect(screen.getByTestId("commission-tier-1021")).toHaveTextContent("0.2% · 奖金 ¥500.00 未达标：退款率(店铺)"));
  });

  test("searches by name or 工号 and opens a line's details", async () => {
    const { user, backend } = open();
    await screen.findByTestId("commission-row-1001");
    await user.type(screen.getByTestId("commission-search").querySelector("input") ?? screen.getByTestId("commission-search"), "周");
    await waitFor(() => expect(screen.queryByTestId("commission-row-1001")).not.toBeInTheDocument());
    expect(screen.getByTestId("commission-count")).toHaveTextContent("共 1 人");
    await user.clear(screen.getByPlaceholderText("搜索姓名或工号"));
    await user.click(await screen.findByTestId("commission-row-1001"));
    expect(await screen.findByTestId("commission-formula")).toHaveTextContent("¥60,000.00 × 0.8% × 1.2（优秀）= ¥576.00");
    expect(backend.commissionDetail).toHaveBeenCalledWith("1001", MONTH);
  });
});
