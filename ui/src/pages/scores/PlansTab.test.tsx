// 整改计划: the plans as the backend lists them, each with its status tag, the overdue count as
// the tab label's badge; filing sends the cause and the plan and shows the plan the backend
// returns; follow-ups and closing likewise; a refusal shows in the backend's words; a lead (no
// manage_scores) reads but writes nothing. The fakes answer; they decide no status.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type CommandApi, type ImprovementPlan, type Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover as renderInApp } from "../handover/renderHandover";
import PlansTab, { PlansTabLabel } from "./PlansTab";

function plan(p: Partial<ImprovementPlan> & Pick<ImprovementPlan, "id" | "employee_no" | "name" | "status">): ImprovementPlan {
  return {
    month: "2026-10",
    team_id: 1,
    team_name: "售前一组",
    composite_text: "71.25",
    rank: 12,
    ranked: 14,
    due_on: "2026-11-13",
    cause: null,
    plan: null,
    filed_at: null,
    filed_by_name: null,
    closed_at: null,
    closed_by_name: null,
    outcome: null,
    followups: [],
    ...p,
  };
}

/** October: 张伟 due, 刘洋 overdue; September: 李娜 filed with a follow-up, 胡雪 closed; 高翔 overdue. */
function samplePlans(): ImprovementPlan[] {
  return [
    plan({ id: 1, employee_no: "1003", name: "张伟", status: "due" }),
    plan({ id: 2, employee_no: "1004", name: "刘洋", status: "overdue", rank: 14, composite_text: "65.00", due_on: "2026-11-06" }),
    plan({
      id: 3,
      month: "2026-09",
      employee_no: "1002",
      name: "李娜",
      status: "filed",
      cause: "话术不熟",
      plan: "每天练习两小时",
      filed_at: "2026-10-09T02:00:00Z",
      filed_by_name: "沈丽华",
      followups: [{ id: 31, at: "2026-10-20T03:00:00Z", by_name: "沈丽华", note: "已有改善" }],
    }),
    plan({
      id: 4,
      month: "2026-09",
      employee_no: "1013",
      name: "胡雪",
      team_id: 2,
      team_name: "售前二组",
      status: "closed",
      cause: "迟到多",
      plan: "提前到岗",
      filed_at: "2026-10-08T02:00:00Z",
      filed_by_name: "沈丽华",
      outcome: "十月无迟到",
      closed_at: "2026-11-02T02:00:00Z",
      closed_by_name: "江涛",
    }),
    plan({ id: 5, month: "2026-09", employee_no: "1015", name: "高翔", team_id: 2, team_name: "售前二组", status: "overdue" }),
  ];
}

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    improvementPlans: () => Promise.resolve(samplePlans()),
    ...overrides,
  });
  const r = renderInApp(
    <>
      <PlansTabLabel />
      <PlansTab />
    </>,
    backend,
    role,
  );
  await screen.findByTestId("plan-row-1");
  return r;
}

const status = (id: number) => screen.getByTestId(`plan-status-${id}`);

describe("improvement plans tab", () => {
  test("every month's plans with their status tags; the overdue count is the tab label's red badge", async () => {
    const { backend } = await open();
    expect(backend.improvementPlans).toHaveBeenCalledWith(null);
    expect(screen.getByTestId("plans-rule")).toHaveTextContent("每月考核发布后，末位人员须在期限内提交原因分析与改进计划");
    expect(status(1)).toHaveTextContent("待提交");
    expect(status(2)).toHaveTextContent("逾期");
    expect(status(3)).toHaveTextContent("已提交");
    expect(status(4)).toHaveTextContent("已结案");
    expect(status(5)).toHaveTextContent("逾期");
    expect(status(2).className).toMatch(/red/);

    const row = screen.getByTestId("plan-row-2");
    expect(row).toHaveTextContent("2026-10");
    expect(row).toHaveTextContent("1004");
    expect(row).toHaveTextContent("刘洋");
    expect(row).toHaveTextContent("售前一组");
    expect(row).toHaveTextContent("65.00");
    expect(row).toHaveTextContent("14 / 14");

    const label = screen.getByTestId("scores-tab-plans");
    expect(label).toHaveTextContent("整改计划");
    await waitFor(() => expect(within(label).getByTestId("plans-overdue-badge")).toHaveTextContent("2"));
    expect(screen.getByTestId("plans-summary")).toHaveTextContent("共 5 份，其中 2 份逾期");
  });

  test("no badge when nothing is overdue", async () => {
    await open("supervisor", { improvementPlans: () => Promise.resolve(samplePlans().filter((p) => p.status !== "overdue")) });
    expect(screen.queryByTestId("plans-overdue-badge")).not.toBeInTheDocument();
  });

  test("filing sends the cause and the plan; the row shows the plan the backend returns (已提交)", async () => {
    const filed = (id: number, cause: string, text: string) =>
      Promise.resolve({ ...samplePlans()[0], id, status: "filed" as const, cause, plan: text, filed_at: "2026-11-05T02:00:00Z", filed_by_name: "沈丽华" });
    const { user, backend } = await open("supervisor", { fileImprovementPlan: filed });
    await user.click(screen.getByTestId("plan-open-1"));
    const drawer = await screen.findByTestId("plan-drawer");
    expect(screen.getByTestId("plan-file")).toBeDisabled();
    await user.type(within(drawer).getByTestId("plan-cause"), "售后流程不熟");
    await user.type(within(drawer).getByTestId("plan-plan"), "跟班学习一周");
    await user.click(screen.getByTestId("plan-file"));
    await waitFor(() => expect(backend.fileImprovementPlan).toHaveBeenCalledWith(1, "售后流程不熟", "跟班学习一周"));
    await waitFor(() => expect(status(1)).toHaveTextContent("已提交"));
    expect(screen.getByTestId("plan-drawer-status")).toHaveTextContent("已提交");
    expect(screen.getByTestId("plan-cause-text")).toHaveTextContent("售后流程不熟");
    // Now filed: follow-ups and closing are offered.
    expect(screen.getByTestId("plan-followup")).toBeInTheDocument();
    expect(screen.getByTestId("plan-outcome")).toBeInTheDocument();
  });

  test("the backend's refusal shows in its words, and nothing changes", async () => {
    const { user } = await open("supervisor", {
      fileImprovementPlan: () => Promise.reject(new BackendError("scores.plan_state", "filed already", { employee_no: "1003", state: "filed" })),
    });
    await user.click(screen.getByTestId("plan-row-1"));
    await screen.findByTestId("plan-drawer");
    await user.type(screen.getByTestId("plan-cause"), "原因");
    await user.type(screen.getByTestId("plan-plan"), "计划");
    await user.click(screen.getByTestId("plan-file"));
    expect(await screen.findByTestId("plan-error")).toHaveTextContent("1003 的整改计划已提交，不能这样操作");
    expect(status(1)).toHaveTextContent("待提交");
  });

  test("a filed plan: follow-ups as a timeline, a new one sent; closing sends the outcome", async () => {
    const three = samplePlans()[2];
    const { user, backend } = await open("supervisor", {
      addImprovementFollowup: (_id, note) =>
        Promise.resolve({ ...three, followups: [...three.followups, { id: 32, at: "2026-11-03T03:00:00Z", by_name: "沈丽华", note }] }),
      closeImprovementPlan: (_id, outcome) =>
        Promise.resolve({ ...three, status: "closed" as const, outcome, closed_at: "2026-11-04T03:00:00Z", closed_by_name: "沈丽华" }),
    });
    await user.click(screen.getByTestId("plan-open-3"));
    const drawer = await screen.findByTestId("plan-drawer");
    expect(within(drawer).getByTestId("plan-followup-31")).toHaveTextContent("已有改善");
    expect(within(drawer).getByTestId("plan-plan-text")).toHaveTextContent("每天练习两小时");
    expect(within(drawer).queryByTestId("plan-cause")).not.toBeInTheDocument();

    await user.type(within(drawer).getByTestId("plan-followup"), "继续跟进");
    await user.click(within(drawer).getByTestId("plan-followup-add"));
    await waitFor(() => expect(backend.addImprovementFollowup).toHaveBeenCalledWith(3, "继续跟进"));
    expect(await within(drawer).findByTestId("plan-followup-32")).toHaveTextContent("继续跟进");

    await user.type(within(drawer).getByTestId("plan-outcome"), "达到预期");
    await user.click(within(drawer).getByTestId("plan-close"));
    await waitFor(() => expect(backend.closeImprovementPlan).toHaveBeenCalledWith(3, "达到预期"));
    await waitFor(() => expect(status(3)).toHaveTextContent("已结案"));
    expect(within(drawer).getByTestId("plan-outcome-text")).toHaveTextContent("达到预期");
    expect(within(drawer).queryByTestId("plan-followup")).not.toBeInTheDocument();
  });

  test("a lead (no manage_scores) reads the plans but is offered no writes", async () => {
    const { user } = await open("team_lead");
    await user.click(screen.getByTestId("plan-open-1"));
    const drawer = await screen.findByTestId("plan-drawer");
    expect(drawer).toHaveTextContent("尚未提交");
    expect(within(drawer).queryByTestId("plan-cause")).not.toBeInTheDocument();
    expect(within(drawer).queryByTestId("plan-file")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("plan-open-3"));
    await waitFor(() => expect(screen.getByTestId("plan-drawer")).toHaveTextContent("话术不熟"));
    expect(screen.queryByTestId("plan-followup")).not.toBeInTheDocument();
    expect(screen.queryByTestId("plan-outcome")).not.toBeInTheDocument();
  });
});
