// A complaint's drawer offers the form for its next step only — to whom may take it — and sends
// that step's action; the complaint then shows as the backend returns it (a valid ruling with the
// proposed fine the backend prices).
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, ComplaintRow, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import ComplaintDrawer from "./ComplaintDrawer";
import { causes, complaintPreview, registered, replied, routed, ruled, visited, closed } from "./complaintsTestKit";
import { renderComplaints } from "./complaintsTestKit";

async function openDrawer(row: ComplaintRow, { role = "supervisor", after, overrides = {} }: { role?: Role; after?: ComplaintRow; overrides?: Partial<CommandApi> } = {}) {
  const backend = loggedIn(role, {
    complaint: () => Promise.resolve(row),
    advanceComplaint: () => Promise.resolve(after ?? row),
    complaintCauses: () => Promise.resolve(causes()),
    previewStoredIncident: () => Promise.resolve(complaintPreview()),
    ...overrides,
  });
  const r = renderComplaints(<ComplaintDrawer id={row.id} initial={row} onClose={() => {}} />, backend, role);
  await screen.findByTestId("complaint-drawer");
  return r;
}

const FORMS = ["route", "rule", "reply", "visit", "close"];
const shownForms = () => FORMS.filter((s) => screen.queryByTestId(`complaint-${s}-form`));

describe("complaint drawer", () => {
  test("registered: the timeline, and only the routing form; routing sends the agent and team and shows the rule form next", async () => {
    const { user, backend } = await openDrawer(registered(), { after: routed() });
    expect(shownForms()).toEqual(["route"]);
    expect(screen.getByTestId("complaint-step-register-info")).toHaveTextContent("11-23 09:40 · 沈丽华");
    expect(screen.getByTestId("complaint-step-route-info")).toHaveTextContent("11-23 13:40 前");
    expect(screen.getByTestId("complaint-facts")).toHaveTextContent("TB20261123001");
    expect(screen.getByTestId("complaint-facts")).toHaveTextContent("电话");

    await user.type(within(screen.getByTestId("complaint-route-agent").closest(".ant-select")!).getByRole("combobox"), "1019");
    await pickOption(user, "complaint-route-agent", "1019 马超");
    await pickOption(user, "complaint-route-team", "售前二组");
    await user.click(screen.getByTestId("complaint-route-submit"));
    await waitFor(() =>
      expect(backend.advanceComplaint).toHaveBeenCalledWith(7, { step: "route", employee_no: "1019", team_id: 2, deadline_at: null }),
    );
    await waitFor(() => expect(shownForms()).toEqual(["rule"]));
    expect(screen.getByTestId("complaint-step-route-info")).toHaveTextContent("11-23 10:00 · 沈丽华");
    expect(screen.getByTestId("complaint-drawer-status")).toHaveTextContent("已分流");
  });

  test("routed: a valid ruling needs a severity, is sent with it, and the drawer shows the proposed fine waiting in 待确认", async () => {
    const { user, backend } = await openDrawer(routed(), { after: ruled() });
    expect(shownForms()).toEqual(["rule"]);
    await user.type(screen.getByTestId("complaint-findings"), "调取录音，坐席语气生硬，属实");
    await user.click(screen.getByTestId("complaint-valid"));
    await user.click(screen.getByTestId("complaint-rule-submit"));
    expect(await screen.findByText("有理投诉须选择严重程度")).toBeInTheDocument();
    expect(backend.advanceComplaint).not.toHaveBeenCalled();

    await pickOption(user, "complaint-severity", "3");
    await user.click(screen.getByTestId("complaint-rule-submit"));
    await waitFor(() =>
      expect(backend.advanceComplaint).toHaveBeenCalledWith(7, {
        step: "rule",
        findings: "调取录音，坐席语气生硬，属实",
        valid: true,
        severity: 3,
        employee_no: null,
      }),
    );
    const proposal = await screen.findByTestId("complaint-proposal");
    await waitFor(() => expect(within(proposal).getByTestId("complaint-proposal-lines")).toHaveTextContent("罚款 ¥60.00"));
    expect(proposal).toHaveTextContent("书面检查");
    expect(proposal).toHaveTextContent("有理投诉 · 第 1 次");
    expect(proposal).toHaveTextContent("违规与奖惩 › 待确认");
    expect(backend.previewStoredIncident).toHaveBeenCalledWith(31);
    expect(screen.getByTestId("complaint-ruling")).toHaveTextContent("有理 · 严重程度 3（一般）");
    expect(shownForms()).toEqual(["reply"]);
  });

  test("routed: an unfounded complaint is ruled 无理 without a severity; the routing may be redone instead", async () => {
    const { user, backend } = await openDrawer(routed(), { after: ruled({ valid: false, severity: null, incident_id: null }) });
    await user.click(screen.getByTestId("complaint-reroute"));
    expect(shownForms()).toEqual(["route"]);
    await user.click(screen.getByTestId("complaint-reroute"));
    await user.type(screen.getByTestId("complaint-findings"), "录音正常，客户误解");
    expect(screen.queryByTestId("complaint-severity")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("complaint-rule-submit"));
    await waitFor(() =>
      expect(backend.advanceComplaint).toHaveBeenCalledWith(7, { step: "rule", findings: "录音正常，客户误解", valid: false, severity: null, employee_no: null }),
    );
    await waitFor(() => expect(shownForms()).toEqual(["reply"]));
    expect(screen.queryByTestId("complaint-proposal")).not.toBeInTheDocument();
  });

  test("routed again: the new routing is sent, and the rule form comes back", async () => {
    const again = routed({
      employee_no: "1025",
      name: "韩梅",
      team_id: 3,
      team_name: "售后组",
      steps: [...routed().steps, { step: "route", at: "2026-11-23T03:00:00Z", by_name: "江涛" }],
    });
    const { user, backend } = await openDrawer(routed({ overdue: true }), { after: again });
    expect(screen.getByTestId("complaint-drawer-overdue")).toHaveTextContent("逾期");
    expect(screen.getByTestId("complaint-step-rule-info")).toHaveTextContent("已逾期：应于 11-24 10:00 前完成");
    await user.click(screen.getByTestId("complaint-reroute"));
    await pickOption(user, "complaint-route-team", "售后组");
    await user.click(screen.getByTestId("complaint-route-submit"));
    await waitFor(() => expect(backend.advanceComplaint).toHaveBeenCalledWith(7, { step: "route", employee_no: null, team_id: 3, deadline_at: null }));
    await waitFor(() => expect(shownForms()).toEqual(["rule"]));
    expect(screen.getByTestId("complaint-step-route-info")).toHaveTextContent("11-23 11:00 · 江涛");
    expect(screen.getByTestId("complaint-facts")).toHaveTextContent("1025 韩梅 · 售后组");
  });

  test("ruled: the reply is sent", async () => {
    const { user, backend } = await openDrawer(ruled(), { after: replied() });
    expect(shownForms()).toEqual(["reply"]);
    await user.type(screen.getByTestId("complaint-reply"), " 已致电客户致歉，补发赠品 ");
    await user.click(screen.getByTestId("complaint-reply-submit"));
    await waitFor(() => expect(backend.advanceComplaint).toHaveBeenCalledWith(7, { step: "reply", text: "已致电客户致歉，补发赠品" }));
    await waitFor(() => expect(shownForms()).toEqual(["visit"]));
  });

  test("replied: the follow-up is sent with whether the customer was satisfied", async () => {
    const { user, backend } = await openDrawer(replied(), { after: visited({ satisfied: false }) });
    expect(shownForms()).toEqual(["visit"]);
    await user.type(screen.getByTestId("complaint-visit-note"), "客户仍不满意赠品");
    await user.click(screen.getByTestId("complaint-satisfied"));
    await user.click(screen.getByTestId("complaint-visit-submit"));
    await waitFor(() => expect(backend.advanceComplaint).toHaveBeenCalledWith(7, { step: "visit", note: "客户仍不满意赠品", satisfied: false }));
    await waitFor(() => expect(shownForms()).toEqual(["close"]));
  });

  test("visited: closed with an active cause (retired ones not offered) and a note", async () => {
    const { user, backend } = await openDrawer(visited(), { after: closed({ close_note: "已补偿" }) });
    expect(shownForms()).toEqual(["close"]);
    await user.click(screen.getByTestId("complaint-close-submit"));
    expect(await screen.findByText("请选择投诉原因")).toBeInTheDocument();
    await pickOption(user, "complaint-cause", "服务态度");
    expect(document.querySelector('.ant-select-item-option[title="系统"]')).toBeNull();
    await user.type(screen.getByTestId("complaint-close-note"), "已补偿");
    await user.click(screen.getByTestId("complaint-close-submit"));
    await waitFor(() => expect(backend.advanceComplaint).toHaveBeenCalledWith(7, { step: "close", cause: "attitude", note: "已补偿" }));
    await waitFor(() => expect(shownForms()).toEqual([]));
    expect(screen.getByTestId("complaint-step-waiting")).toHaveTextContent("已结案");
    expect(screen.getByTestId("complaint-facts")).toHaveTextContent("服务态度");
  });

  test("an agent: no routing form (waiting for a supervisor), but the reply form; no fine preview asked for", async () => {
    await openDrawer(registered(), { role: "agent" });
    expect(shownForms()).toEqual([]);
    expect(screen.getByTestId("complaint-step-waiting")).toHaveTextContent("等待主管或经理分流");
  });

  test("an agent replies to a complaint routed to them; the proposal is named, its lines not read", async () => {
    const { backend } = await openDrawer(ruled(), { role: "agent" });
    expect(shownForms()).toEqual(["reply"]);
    expect(screen.getByTestId("complaint-proposal")).toHaveTextContent("违规记录 #31");
    expect(backend.previewStoredIncident).not.toHaveBeenCalled();
  });

  test("a refused step shows the backend's reason", async () => {
    const { BackendError } = await import("../../backend");
    const { user } = await openDrawer(ruled(), {
      role: "agent",
      overrides: { advanceComplaint: () => Promise.reject(new BackendError("auth.forbidden", "not yours")) },
    });
    await user.type(screen.getByTestId("complaint-reply"), "已答复");
    await user.click(screen.getByTestId("complaint-reply-submit"));
    expect(await screen.findByText(/权限/)).toBeInTheDocument();
    expect(shownForms()).toEqual(["reply"]);
  });
});
