// 订单归属: every order with whom it counts for and why; 只看未归属 asks the backend for the orders
// nobody got and words, from the buyer's receptions around the payment, why none counts.
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { loggedIn } from "../../test/fakeBackend";
import OrdersTab from "./OrdersTab";
import { MONTH, agentAfter, buyerAfter, consulted, renderPay } from "./commissionTestKit";

function open() {
  const backend = loggedIn("supervisor", {
    commissionOrders: (_month, unattributedOnly) =>
      Promise.resolve(unattributedOnly ? [agentAfter(), { ...agentAfter(), order_no: "E9", nearby: [] }] : [consulted(), buyerAfter(), agentAfter()]),
  });
  return renderPay(<OrdersTab month={MONTH} />, backend);
}

describe("orders tab", () => {
  test("says whom each order counts for, and with 只看未归属 why the unattributed ones count for nobody", async () => {
    const { user, backend } = open();
    expect(await screen.findByTestId("order-row-A1")).toHaveTextContent("2026-11-05 10:30");
    expect(backend.commissionOrders).toHaveBeenCalledWith(MONTH, false);
    expect(screen.getByTestId("order-row-A1")).toHaveTextContent("王静 1001");
    expect(screen.getByTestId("order-basis-A1")).toHaveTextContent("付款前 28 分钟咨询过（11-05 10:00–10:01，4 条消息），按「付款前咨询有效期内最后一次有效接待」算王静的");

    await user.click(screen.getByTestId("orders-only-unattributed"));
    await waitFor(() => expect(screen.queryByTestId("order-row-A1")).not.toBeInTheDocument());
    expect(backend.commissionOrders).toHaveBeenCalledWith(MONTH, true);
    expect(screen.getByTestId("order-row-D1")).toHaveTextContent("未归属");
    expect(screen.getByTestId("order-basis-D1")).toHaveTextContent("没有可计的有效接待：王静 11-07 21:00–21:04（付款后客服主动联系（订单 D1））");
    expect(screen.getByTestId("order-basis-E9")).toHaveTextContent("付款前后在咨询有效期内没有接待，不计入任何人");
  });
});
