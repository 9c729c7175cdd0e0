// An agent's month explained: the line as a formula in words, one sentence per order naming the
// rule that gave it (付款前 / 付款后买家主动), with the buyer, times on the site's clock and amounts;
// the receptions with who started them, how they ended and why one does not count.
import { screen, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { loggedIn } from "../../test/fakeBackend";
import CommissionDetailDrawer from "./CommissionDetailDrawer";
import { MONTH, detail, renderPay } from "./commissionTestKit";

const names = { label: () => null, bonusFen: () => null };

function open(days = 1) {
  const backend = loggedIn("supervisor", { commissionDetail: () => Promise.resolve(detail({ attribution_days: days })) });
  return renderPay(<CommissionDetailDrawer employeeNo="1001" month={MONTH} names={names} onClose={() => {}} />, backend);
}

const cells = (id: number) =>
  within(screen.getByTestId(`reception-row-${id}`))
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");

describe("commission detail drawer", () => {
  test("explains each order: consulted before paying, or the buyer's contact after", async () => {
    open();
    expect(await screen.findByTestId("commission-formula")).toHaveTextContent("¥60,000.00 × 0.8% × 1.2（优秀）= ¥576.00");
    expect(screen.getByTestId("attributed-order-A1")).toHaveTextContent(
      "订单 A1 · 买家 阿明 · 11-05 10:30 付款 ¥60,000.00 — 付款前 28 分钟咨询过（11-05 10:00–10:01，4 条消息），按「付款前 1 天内最后一次有效接待」算王静的",
    );
    expect(screen.getByTestId("attributed-order-B2")).toHaveTextContent(
      "订单 B2 · 买家 小红 · 11-06 09:00 付款 ¥123.45 — 付款后 6 小时买家主动咨询（11-06 15:00–15:05，5 条消息），按「买家付款后 1 天内主动联系」算王静的",
    );
  });

  test("words the period as the detail gives it", async () => {
    open(3);
    expect(await screen.findByTestId("attributed-order-A1")).toHaveTextContent("按「付款前 3 天内最后一次有效接待」算王静的");
  });

  test("lists the receptions with who started them, how they ended and why one does not count", async () => {
    open();
    await screen.findByTestId("reception-row-1");
    expect(cells(1)).toEqual(["阿明", "11-05 10:00–10:01", "4（2）", "买家", "无消息超时", "✓", "A1"]);
    expect(cells(3)).toEqual(["老李", "11-07 21:00–21:04", "6（2）", "客服", "无消息超时", "付款后客服主动联系（订单 D1）", "—"]);
    expect(cells(4)).toEqual(["小张", "11-08 11:00–11:00", "2（1）", "买家", "买家等待超时", "消息不足（2 条）", "—"]);
  });
});
