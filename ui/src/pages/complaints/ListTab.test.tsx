// 投诉单: the complaints as the backend lists them (its overdue flag shown as 逾期), the filters
// sent as a query, and 登记投诉 sending what was typed.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, ComplaintInput, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { causes, registered, routed } from "./complaintsTestKit";
import { renderComplaints } from "./complaintsTestKit";
import ListTab, { NO_FILTER } from "./ListTab";

async function openList(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const rows = [routed({ id: 8, overdue: true, customer: "钱女士", channel: "platform", order_no: null }), registered()];
  const backend = loggedIn(role, {
    complaints: () => Promise.resolve(rows),
    complaint: (id) => Promise.resolve(rows.find((r) => r.id === id)!),
    complaintCauses: () => Promise.resolve(causes()),
    ...overrides,
  });
  const r = renderComplaints(<ListTab />, backend, role);
  await screen.findByTestId("complaint-row-8");
  return r;
}

describe("complaints list", () => {
  test("each complaint: number, customer, channel, who handles it, status, the next step with its due time, 逾期 as the backend says", async () => {
    const { backend } = await openList();
    expect(backend.complaints).toHaveBeenCalledWith(NO_FILTER);
    const late = screen.getByTestId("complaint-row-8");
    expect(late).toHaveTextContent("#8");
    expect(late).toHaveTextContent("钱女士");
    expect(late).toHaveTextContent("平台");
    expect(late).toHaveTextContent("1019 马超 · 售前二组");
    expect(within(late).getByTestId("complaint-status-8")).toHaveTextContent("已分流");
    expect(within(late).getByTestId("complaint-next-8")).toHaveTextContent("调查判定 · 11-24 10:00 前");
    expect(within(late).getByTestId("complaint-overdue-8")).toHaveTextContent("逾期");
    const fresh = screen.getByTestId("complaint-row-7");
    expect(fresh).toHaveTextContent("2026-11-23 09:30");
    expect(fresh).toHaveTextContent("电话");
    expect(fresh).toHaveTextContent("TB20261123001");
    expect(within(fresh).getByTestId("complaint-next-7")).toHaveTextContent("分流 · 11-23 13:40 前");
    expect(within(fresh).queryByTestId("complaint-overdue-7")).not.toBeInTheDocument();
    expect(screen.getByTestId("complaint-count")).toHaveTextContent("共 2 条");
  });

  test("the filters go to the backend as the query", async () => {
    const { user, backend } = await openList();
    await user.click(screen.getByTestId("complaint-filter-overdue"));
    await waitFor(() => expect(backend.complaints).toHaveBeenLastCalledWith({ ...NO_FILTER, overdue_only: true }));
    await user.click(screen.getByTestId("complaint-filter-open"));
    await pickOption(user, "complaint-filter-status", "已分流");
    await waitFor(() => expect(backend.complaints).toHaveBeenLastCalledWith({ ...NO_FILTER, overdue_only: true, open_only: true, status: "routed" }));
  });

  test("登记投诉 sends the customer, channel, order, content and the received time (now by default)", async () => {
    const sent: ComplaintInput[] = [];
    const { user, backend } = await openList("agent", {
      registerComplaint: (input) => {
        sent.push(input);
        return Promise.resolve(registered({ id: 9, customer: input.customer }));
      },
      complaint: () => Promise.resolve(registered({ id: 9, customer: "孙先生" })),
    });
    await user.click(screen.getByTestId("complaint-register"));
    await screen.findByTestId("complaint-register-modal");
    await user.click(screen.getByTestId("complaint-register-submit"));
    expect(await screen.findByText("请填写客户")).toBeInTheDocument();
    expect(screen.getByText("请填写投诉内容")).toBeInTheDocument();
    expect(backend.registerComplaint).not.toHaveBeenCalled();

    await user.type(screen.getByTestId("complaint-customer"), " 孙先生 ");
    await pickOption(user, "complaint-channel", "邮件");
    await user.type(screen.getByTestId("complaint-order"), "JD778899");
    await user.type(screen.getByTestId("complaint-content"), "发票开错抬头");
    await user.click(screen.getByTestId("complaint-register-submit"));
    await waitFor(() => expect(sent).toHaveLength(1));
    const { received_at, ...rest } = sent[0];
    expect(rest).toEqual({ customer: "孙先生", channel: "email", order_no: "JD778899", content: "发票开错抬头" });
    expect(Math.abs(Date.parse(received_at) - Date.now())).toBeLessThan(2 * 60_000);
    expect(await screen.findByText("已登记投诉 #9")).toBeInTheDocument();
    // The new complaint opens; an agent does not route it.
    expect(await screen.findByTestId("complaint-drawer")).toHaveTextContent("孙先生");
    expect(screen.getByTestId("complaint-step-waiting")).toHaveTextContent("等待主管或经理分流");
  });

  test("an empty order number is sent as none; an agent has no agent filter", async () => {
    const { user, backend } = await openList("agent", { registerComplaint: () => Promise.resolve(registered({ id: 9 })) });
    expect(screen.queryByTestId("complaint-filter-agent")).not.toBeInTheDocument();
    expect(backend.listAgents).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("complaint-register"));
    await user.type(await screen.findByTestId("complaint-customer"), "周女士");
    await user.type(screen.getByTestId("complaint-content"), "物流太慢");
    await user.click(screen.getByTestId("complaint-register-submit"));
    await waitFor(() => expect(backend.registerComplaint).toHaveBeenCalledWith(expect.objectContaining({ channel: "phone", order_no: null, customer: "周女士" })));
  });
});
