// 提成设置: the tier table saved as fen read from the yuan typed (no floats) with the rate as
// typed, the coefficients, a team's after-sales scheme and the month's actual figures, each
// target's standing as the backend judged it.
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import SettingsTab from "./SettingsTab";
import { MONTH, commissionSettings } from "./payrollTestKit";

function open(overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("supervisor", {
    commissionSettings: () => Promise.resolve(commissionSettings()),
    // The backend's judgement of 售后组's month: DSR has no figure yet.
    commissionMonth: () =>
      Promise.resolve({
        month: MONTH,
        grades_published: true,
        rows: [{ ...afterSalesRow(), after_sales: { value_part_fen: 0, bonus_fen: 0, missed: [], unknown: ["dsr"] } }],
        orders: 0,
        orders_fen: 0,
        unattributed_orders: 0,
        unattributed_fen: 0,
      }),
    ...overrides,
  });
  return renderHandover(<SettingsTab month={MONTH} />, backend, "supervisor");
}

function afterSalesRow() {
  return {
    agent_id: 1006,
    employee_no: "1006",
    name: "周敏",
    team_id: 3,
    team_name: "售后组",
    scheme: "after_sales" as const,
    receptions: 0,
    valid_receptions: 0,
    orders: 0,
    sales_fen: 0,
    daily_total_days: 0,
    tier: null,
    rate_pct: "0.3",
    grade: null,
    coefficient: null,
    commission_fen: 0,
  };
}

describe("commission settings", () => {
  test("saves the tiers as fen read from the yuan typed, and the rate string as typed", async () => {
    const { user, backend } = open({ putCommissionTiers: () => Promise.resolve(null) });
    expect(await screen.findByTestId("tiers-default-note")).toHaveTextContent("产品默认值，非制度原文");
    expect(screen.getByTestId("tier-from-1")).toHaveValue("100,000.00");
    await user.clear(screen.getByTestId("tier-from-1"));
    await user.type(screen.getByTestId("tier-from-1"), "50,000.00");
    await user.clear(screen.getByTestId("tier-rate-1"));
    await user.type(screen.getByTestId("tier-rate-1"), "1.25");
    await user.click(screen.getByTestId("tier-add"));
    await user.type(screen.getByTestId("tier-from-2"), "200000.5");
    await user.type(screen.getByTestId("tier-rate-2"), "1.5");
    await user.click(screen.getByTestId("tiers-save"));
    await waitFor(() =>
      expect(backend.putCommissionTiers).toHaveBeenCalledWith(MONTH, [
        { from_fen: 0, rate_pct: "0.5" },
        { from_fen: 5000000, rate_pct: "1.25" },
        { from_fen: 20000050, rate_pct: "1.5" },
      ]),
    );
    expect(await screen.findByText("提成档位表已保存，自 2026-11 起生效")).toBeInTheDocument();
  });

  test("refuses a yuan figure it cannot read, and shows the backend's refusal", async () => {
    const { BackendError } = await import("../../backend");
    const { user, backend } = open({
      putCommissionTiers: () => Promise.reject(new BackendError("commission.invalid_table", "bad", { field: "tiers" })),
    });
    await user.clear(await screen.findByTestId("tier-from-1"));
    await user.type(screen.getByTestId("tier-from-1"), "5万");
    await user.click(screen.getByTestId("tiers-save"));
    expect(await screen.findByText("第 2 档的金额无法识别（以元为单位，最多两位小数）")).toBeInTheDocument();
    expect(backend.putCommissionTiers).not.toHaveBeenCalled();
    await user.clear(screen.getByTestId("tier-from-1"));
    await user.type(screen.getByTestId("tier-from-1"), "0");
    await user.click(screen.getByTestId("tiers-save"));
    expect(await screen.findByText(/提成设置有误（tiers）/)).toBeInTheDocument();
  });

  test("saves the grade coefficients as typed", async () => {
    const { user, backend } = open({ putGradeCoefficients: () => Promise.resolve(null) });
    await user.clear(await screen.findByTestId("coefficient-excellent"));
    await user.type(screen.getByTestId("coefficient-excellent"), "1.5");
    await user.click(screen.getByTestId("coefficients-save"));
    await waitFor(() =>
      expect(backend.putGradeCoefficients).toHaveBeenCalledWith(MONTH, { excellent: "1.5", good: "1.0", pass: "0.8", fail: "0.5", ungraded: "0.8" }),
    );
  });

  test("an after-sales team: its scheme saved with the bonus in fen, the month's figures saved or cleared, each target's standing", async () => {
    const settings = commissionSettings();
    const { user, backend } = open({
      putTeamScheme: (input) => Promise.resolve({ ...settings.teams[1], ...input }),
      putAfterSalesActual: () => Promise.resolve(null),
    });
    // Entered, then judged once the month's commission is read.
    await waitFor(() => expect(screen.getByTestId("target-3-refund_rate-state")).toHaveTextContent("达成"));
    expect(screen.getByTestId("target-3-dsr-state")).toHaveTextContent("待录入");
    expect(screen.queryByTestId("team-rate-1")).not.toBeInTheDocument();

    await user.clear(screen.getByTestId("team-bonus-3"));
    await user.type(screen.getByTestId("team-bonus-3"), "800");
    await user.clear(screen.getByTestId("target-3-dsr-target"));
    await user.type(screen.getByTestId("target-3-dsr-target"), "4.7");
    await user.click(screen.getByTestId("team-save-3"));
    await waitFor(() =>
      expect(backend.putTeamScheme).toHaveBeenCalledWith({
        team_id: 3,
        scheme: "after_sales",
        after_sales_rate_pct: "0.3",
        target_bonus_fen: 80000,
        targets: [
          { key: "refund_rate", label_zh: "退款率", unit: "%", direction: "at_most", target: "5", actual: null },
          { key: "dsr", label_zh: "DSR评分", unit: "分", direction: "at_least", target: "4.7", actual: null },
        ],
      }),
    );

    await user.type(screen.getByTestId("actual-3-dsr"), "4.9{Enter}");
    await waitFor(() => expect(backend.putAfterSalesActual).toHaveBeenCalledWith(3, MONTH, "dsr", "4.9"));
    await user.clear(screen.getByTestId("actual-3-refund_rate"));
    await user.tab();
    await waitFor(() => expect(backend.putAfterSalesActual).toHaveBeenCalledWith(3, MONTH, "refund_rate", null));
  });
});
