// 部门活动经费: the month's figures as the backend sums them (the closing balance among them),
// the entries, and a payout or deposit entered in yuan and sent in fen (confirm_incidents only).
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, FundStatement, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderTab } from "./bookTestKit";
import { FundTab } from "./FundTab";

const november = (): FundStatement => ({
  month: "2026-11",
  opening_fen: 45000,
  fines_in_fen: 123050,
  rewards_out_fen: 6000,
  deposits_fen: 10000,
  payouts_fen: 80000,
  closing_fen: 92050,
  entries: [
    { id: 1, at: "2026-11-05T02:00:00Z", kind: "deposit", amount_fen: 10000, note: "财务拨入", by_name: "江涛" },
    { id: 2, at: "2026-11-20T11:30:00Z", kind: "payout", amount_fen: 80000, note: "团队聚餐", by_name: "沈丽华" },
  ],
});

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    fundStatement: () => Promise.resolve(november()),
    addFundEntry: () => Promise.resolve(3),
    ...overrides,
  });
  const r = renderTab(<FundTab month="2026-11" />, backend, role);
  await screen.findByTestId("fund-entry-2");
  return r;
}

describe("fund tab", () => {
  test("the month's statement: opening, fines in, rewards out, deposits, payouts and the closing balance; the entries", async () => {
    const { backend } = await open();
    expect(backend.fundStatement).toHaveBeenCalledWith("2026-11");
    expect(screen.getByTestId("fund-closing")).toHaveTextContent("期末余额");
    expect(screen.getByTestId("fund-closing")).toHaveTextContent("¥920.50");
    expect(screen.getByTestId("fund-opening")).toHaveTextContent("¥450.00");
    expect(screen.getByTestId("fund-finesIn")).toHaveTextContent("¥1,230.50");
    expect(screen.getByTestId("fund-rewardsOut")).toHaveTextContent("¥60.00");
    expect(screen.getByTestId("fund-deposits")).toHaveTextContent("¥100.00");
    expect(screen.getByTestId("fund-payouts")).toHaveTextContent("¥800.00");
    expect(screen.getByTestId("fund-entry-2")).toHaveTextContent("支出");
    expect(screen.getByTestId("fund-entry-2")).toHaveTextContent("−¥800.00");
    expect(screen.getByTestId("fund-entry-2")).toHaveTextContent("团队聚餐");
    expect(screen.getByTestId("fund-entry-1")).toHaveTextContent("存入");
    expect(screen.getByTestId("fund-chart")).toHaveAttribute("aria-label", expect.stringContaining("期末余额 ¥920.50"));
  });

  test("a payout typed in yuan is sent in fen with its note", async () => {
    const { user, backend } = await open();
    await user.type(screen.getByTestId("fund-amount"), "356.8");
    await user.type(screen.getByTestId("fund-note"), " 团队聚餐 ");
    await user.click(screen.getByTestId("fund-submit"));
    await waitFor(() => expect(backend.addFundEntry).toHaveBeenCalledWith("payout", 35680, "团队聚餐"));
  });

  test("a deposit; nothing is sent without an amount and a note", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("fund-kind-deposit"));
    await user.click(screen.getByTestId("fund-submit"));
    expect(await screen.findByText("请填写大于 0 的金额")).toBeInTheDocument();
    expect(screen.getByText("请写明用途")).toBeInTheDocument();
    expect(backend.addFundEntry).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("fund-amount"), "200");
    await user.type(screen.getByTestId("fund-note"), "财务拨入");
    await user.click(screen.getByTestId("fund-submit"));
    await waitFor(() => expect(backend.addFundEntry).toHaveBeenCalledWith("deposit", 20000, "财务拨入"));
  });

  test("without confirm_incidents (a lead): the statement, no entry form", async () => {
    await open("team_lead");
    expect(screen.getByTestId("fund-closing")).toHaveTextContent("¥920.50");
    expect(screen.queryByTestId("fund-add")).not.toBeInTheDocument();
  });
});
