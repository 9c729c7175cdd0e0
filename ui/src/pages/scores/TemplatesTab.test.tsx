// 考核模板: the templates with their items and roles, the editor's running total and what saving
// sends (saveScoreTemplate), the backend's scores.template_total refusal as it words it, the
// assignments changed with assignScoreTemplate, and nothing to edit without manage_scores; a
// computed item's formula with its inputs picker, its preview (previewScoreFormula) and a refusal.
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { BackendError, type CommandApi, type Role, type TemplateRow } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption, type User } from "../../test/utils";
import { renderHandover as renderInApp } from "../handover/renderHandover";
import TemplatesTab from "./TemplatesTab";
import { sampleFormulaInputs, sampleTemplateAssignments, sampleTemplates } from "./adminSamples";

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    scoreTemplates: () => Promise.resolve(sampleTemplates()),
    templateAssignments: () => Promise.resolve(sampleTemplateAssignments()),
    saveScoreTemplate: (id, input) => Promise.resolve({ ...(sampleTemplates()[0] as TemplateRow), id: id ?? 9, name: input.name }),
    assignScoreTemplate: () => Promise.resolve(null),
    scoreFormulaInputs: () => Promise.resolve(sampleFormulaInputs()),
    ...overrides,
  });
  const r = renderInApp(<TemplatesTab />, backend, role);
  await screen.findByTestId("template-1");
  await screen.findByTestId("assign-team-1");
  return r;
}

const total = () => screen.getByTestId("template-total");

afterEach(() => {
  vi.useRealTimers();
});

async function fillItem(user: User, i: number, item: { group: string; name: string; points: string; roles: ("self" | "superior" | "peer")[]; standard: string }) {
  const editor = screen.getByTestId("template-editor");
  await user.clear(within(editor).getByTestId(`item-group-${i}`));
  await user.type(within(editor).getByTestId(`item-group-${i}`), item.group);
  await user.type(within(editor).getByTestId(`item-name-${i}`), item.name);
  await user.type(within(editor).getByTestId(`item-points-${i}`), item.points);
  for (const role of ["self", "superior", "peer"] as const) {
    const box = within(editor).getByTestId(`item-role-${role}-${i}`).querySelector("input") ?? within(editor).getByTestId(`item-role-${role}-${i}`);
    if ((box as HTMLInputElement).checked !== item.roles.includes(role)) await user.click(box);
  }
  await user.type(within(editor).getByTestId(`item-standard-${i}`), item.standard);
}

describe("templates tab", () => {
  test("each template: cycle, version, 使用中, total; expanded, its items with the roles that score them", async () => {
    const { user } = await open();
    const list = screen.getByTestId("templates-list");
    const first = within(list).getByTestId("template-1");
    expect(first).toHaveTextContent("电商客服月度考核");
    expect(first).toHaveTextContent("月度");
    expect(first).toHaveTextContent("第 2 版");
    expect(within(first).getByTestId("template-in-use-1")).toHaveTextContent("使用中");
    expect(within(first).getByTestId("template-total-1")).toHaveTextContent("100");
    const second = within(list).getByTestId("template-2");
    expect(second).toHaveTextContent("季度");
    expect(within(second).queryByTestId("template-in-use-2")).not.toBeInTheDocument();
    expect(within(list).getByTestId("template-3")).toHaveTextContent("已停用");

    expect(screen.queryByTestId("template-item-103")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("template-expand-1"));
    const item = await screen.findByTestId("template-item-103");
    expect(item).toHaveTextContent("管理类");
    expect(item).toHaveTextContent("报表及时性");
    expect(item).toHaveTextContent("15");
    expect(item).toHaveTextContent("日报、周报、月报按时提交，无拖延");
    expect(within(item).getByTestId("item-roles-103").textContent).toBe("自评上级");
    expect(screen.getByTestId("item-roles-104").textContent).toBe("小组");
    expect(screen.getByTestId("item-roles-105").textContent).toBe("自评小组");
    expect(screen.getByTestId("template-item-102")).toHaveTextContent("系统计算");
    expect(screen.getByTestId("item-formula-102")).toHaveTextContent("公式：max(0, 20 - 2 * late_count - 5 * absences)");
    expect(screen.getByTestId("template-item-101")).not.toHaveTextContent("系统计算");
  });

  test("the editor keeps a running total of the points, red until it is 100", async () => {
    const { user } = await open();
    await user.click(screen.getByTestId("template-add"));
    await screen.findByTestId("template-editor");
    expect(total()).toHaveTextContent("合计 0 / 100");
    await user.type(screen.getByTestId("item-points-0"), "60");
    await waitFor(() => expect(total()).toHaveTextContent("合计 60 / 100"));
    expect(total()).toHaveClass("ant-typography-danger");
    await user.click(screen.getByTestId("template-add-item"));
    await user.type(screen.getByTestId("item-points-1"), "35");
    await waitFor(() => expect(total()).toHaveTextContent("合计 95 / 100"));
    expect(total()).toHaveClass("ant-typography-danger");
    await user.clear(screen.getByTestId("item-points-1"));
    await user.type(screen.getByTestId("item-points-1"), "40");
    await waitFor(() => expect(total()).toHaveTextContent("合计 100 / 100"));
    expect(total()).not.toHaveClass("ant-typography-danger");
    await user.click(screen.getByTestId("item-remove-0"));
    await waitFor(() => expect(total()).toHaveTextContent("合计 40 / 100"));
  });

  test("a new template: saving sends the name, cycle and items (rows in the order shown)", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("template-add"));
    await screen.findByTestId("template-editor");
    expect(screen.queryByTestId("template-editor-in-use")).not.toBeInTheDocument();
    await user.type(screen.getByTestId("template-name"), "  售后客服月度考核 ");
    await user.click(screen.getByTestId("template-cycle-quarterly"));
    await fillItem(user, 0, { group: "服务类", name: "一次解决率", points: "70", roles: ["superior"], standard: "问题一次解决的比例" });
    await user.click(screen.getByTestId("template-add-item"));
    expect(screen.getByTestId("item-group-1")).toHaveValue("服务类"); // a new row starts in the last row's group
    await fillItem(user, 1, { group: "协作类", name: "协作性", points: "30", roles: ["self", "peer"], standard: "配合同事" });
    await user.click(screen.getByTestId("item-computed-0"));
    await user.type(await screen.findByTestId("formula-0"), "max(0, 70 - 10 * complaints_valid)");
    // The second row first.
    await user.click(screen.getByTestId("item-up-1"));
    await user.click(screen.getByTestId("template-editor-save"));
    await waitFor(() => expect(backend.saveScoreTemplate).toHaveBeenCalledTimes(1));
    expect(backend.saveScoreTemplate).toHaveBeenCalledWith(null, {
      name: "售后客服月度考核",
      cycle: "quarterly",
      items: [
        { group: "协作类", name: "协作性", max_points: 30, roles: { self_rating: true, superior: false, peer: true }, computed: false, standard: "配合同事", formula: null },
        {
          group: "服务类",
          name: "一次解决率",
          max_points: 70,
          roles: { self_rating: false, superior: true, peer: false },
          computed: true,
          standard: "问题一次解决的比例",
          formula: "max(0, 70 - 10 * complaints_valid)",
        },
      ],
    });
    await waitFor(() => expect(screen.queryByTestId("template-editor")).not.toBeInTheDocument());
  });

  test("editing a template in use: the note names the next version; saving sends its id and the items as changed", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("template-edit-1"));
    await screen.findByTestId("template-editor");
    expect(screen.getByTestId("template-editor-in-use")).toHaveTextContent("本模板已有评分使用，保存后生成第 3 版，已开始的月份仍用原版本");
    expect(screen.getByTestId("template-name")).toHaveValue("电商客服月度考核");
    expect(total()).toHaveTextContent("合计 100 / 100");
    await user.clear(screen.getByTestId("item-points-0"));
    await user.type(screen.getByTestId("item-points-0"), "25");
    await user.click(screen.getByTestId("item-role-peer-0"));
    await waitFor(() => expect(total()).toHaveTextContent("合计 95 / 100"));
    await user.click(screen.getByTestId("template-editor-save"));
    await waitFor(() => expect(backend.saveScoreTemplate).toHaveBeenCalledTimes(1));
    const [id, input] = backend.saveScoreTemplate.mock.calls[0];
    expect(id).toBe(1);
    expect(input.name).toBe("电商客服月度考核");
    expect(input.cycle).toBe("monthly");
    expect(input.items.map((i) => [i.name, i.max_points])).toEqual([
      ["咨询转化率", 25],
      ["出勤纪律", 20],
      ["报表及时性", 15],
      ["工作协作性", 20],
      ["服务性", 15],
    ]);
    expect(input.items[0]).toEqual({
      group: "服务类",
      name: "咨询转化率",
      max_points: 25,
      roles: { self_rating: false, superior: true, peer: true },
      computed: false,
      standard: "咨询客户中最终下单成交的比例，达到月度目标得满分",
      formula: null,
    });
    // The computed item keeps its formula.
    expect(input.items[1]).toMatchObject({ name: "出勤纪律", computed: true, formula: "max(0, 20 - 2 * late_count - 5 * absences)" });
  });

  test("a computed item: an input inserted at the cursor, then 预览 shows last month's rows with the inputs used", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-15T02:00:00Z") });
    const previewScoreFormula = () =>
      Promise.resolve([
        { employee_no: "1002", name: "李娜", team_name: "售前一组", score: { item_id: 0, points: 1600, inputs: [{ name: "late_count", value: 2 }], error: null } },
        { employee_no: "1003", name: "张伟", team_name: "售前一组", score: { item_id: 0, points: 2000, inputs: [{ name: "late_count", value: 0 }], error: null } },
        { employee_no: "1004", name: "刘洋", team_name: "售前一组", score: { item_id: 0, points: null, inputs: [{ name: "late_count", value: 1.5 }], error: "the formula divides by zero" } },
      ]);
    const { user, backend } = await open("supervisor", { previewScoreFormula });
    await user.click(screen.getByTestId("template-add"));
    await screen.findByTestId("template-editor");
    expect(screen.queryByTestId("formula-0")).not.toBeInTheDocument();
    await user.type(screen.getByTestId("item-name-0"), "出勤纪律");
    await user.type(screen.getByTestId("item-points-0"), "20");
    await user.click(screen.getByTestId("item-computed-0"));
    const formula = (await screen.findByTestId("formula-0")) as HTMLTextAreaElement;
    // Nothing to preview yet.
    expect(screen.getByTestId("formula-preview-0")).toBeDisabled();

    await user.type(formula, "max(0, 20 - 2 * )");
    // The caret just before “)”: the picker's input goes there.
    act(() => {
      formula.focus();
      formula.setSelectionRange(16, 16);
    });
    fireEvent.keyUp(formula);
    await user.click(screen.getByTestId("formula-insert-0"));
    const picker = await screen.findByTestId("formula-inputs-0");
    expect(within(picker).getByTestId("formula-source-attendance")).toHaveTextContent("考勤");
    expect(within(picker).getByTestId("formula-source-alerts")).toHaveTextContent("现场告警");
    expect(within(picker).getByTestId("formula-source-incidents")).toHaveTextContent("违规");
    expect(within(picker).getByTestId("formula-source-complaints")).toHaveTextContent("投诉");
    expect(within(picker).getByTestId("formula-source-meetings")).toHaveTextContent("会议培训");
    await user.click(within(picker).getByTestId("formula-input-0-late_count"));
    expect(formula).toHaveValue("max(0, 20 - 2 * late_count)");

    await user.click(screen.getByTestId("formula-preview-0"));
    // Last month on the site's clock.
    await waitFor(() => expect(backend.previewScoreFormula).toHaveBeenCalledWith("出勤纪律", "max(0, 20 - 2 * late_count)", 20, "2026-10"));
    const result = await screen.findByTestId("formula-preview-result-0");
    expect(within(result).getByText("工号")).toBeInTheDocument();
    expect(within(result).getByText("迟到次数")).toBeInTheDocument();
    expect(within(result).getByText("得分")).toBeInTheDocument();
    const lina = within(result).getByTestId("formula-preview-row-1002");
    expect(lina).toHaveTextContent("李娜");
    expect(lina).toHaveTextContent("2");
    expect(lina).toHaveTextContent("16");
    expect(within(result).getByTestId("formula-preview-row-1004")).toHaveTextContent("1.5");
    expect(within(result).getByTestId("formula-preview-failed-1004")).toHaveTextContent("计算失败：the formula divides by zero");
    expect(screen.getByTestId("formula-preview-summary-0")).toHaveTextContent("2026-10 试算：共 3 人，平均 18 分，满分 1 人，0 分 0 人，计算失败 1 人");

    // A change after the preview: the rows are marked out of date.
    await user.type(formula, " ");
    expect(screen.getByTestId("formula-preview-summary-0")).toHaveTextContent("公式已修改");
  });

  test("an invalid formula: the backend's refusal shows under it with its line and column", async () => {
    const previewScoreFormula = () =>
      Promise.reject(
        new BackendError("scores.formula_invalid", "line 2, column 5: unknown", { item: "出勤纪律", line: "2", column: "5", reason: "Expecting ')'" }),
      );
    const { user, backend } = await open("supervisor", { previewScoreFormula });
    await user.click(screen.getByTestId("template-edit-1"));
    await screen.findByTestId("template-editor");
    // Item 2 (出勤纪律) is computed: its formula shows.
    const formula = screen.getByTestId("formula-1") as HTMLTextAreaElement;
    expect(formula).toHaveValue("max(0, 20 - 2 * late_count - 5 * absences)");
    expect(screen.queryByTestId("formula-0")).not.toBeInTheDocument();
    await user.clear(formula);
    await user.type(formula, "max(0,{Enter}20 - (late_count)");
    await user.click(screen.getByTestId("formula-preview-1"));
    await waitFor(() => expect(backend.previewScoreFormula).toHaveBeenCalledWith("出勤纪律", "max(0,\n20 - (late_count)", 20, expect.stringMatching(/^\d{4}-\d\d$/)));
    expect(await screen.findByTestId("formula-error-1")).toHaveTextContent("出勤纪律 的公式第 2 行第 5 列有误：Expecting ')'");
    expect(formula).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("formula-preview-result-1")).not.toBeInTheDocument();
    // The caret goes to line 2, column 5.
    await waitFor(() => expect(formula.selectionStart).toBe(11));
    // Typing clears the message.
    await user.type(formula, ")");
    expect(screen.queryByTestId("formula-error-1")).not.toBeInTheDocument();
  });

  test("saving an empty formula: the refusal shows at the top and under the item's formula; 手工评分 sends no formula", async () => {
    const saveScoreTemplate = (_id: number | null, input: { items: { computed: boolean; formula?: string | null; name: string }[] }) =>
      input.items.some((i) => i.computed && !i.formula)
        ? Promise.reject(new BackendError("scores.formula_invalid", "the formula is empty", { item: "出勤纪律", line: "0", column: "0", reason: "the formula is empty" }))
        : Promise.resolve(sampleTemplates()[0]);
    const { user, backend } = await open("supervisor", { saveScoreTemplate });
    await user.click(screen.getByTestId("template-edit-1"));
    await screen.findByTestId("template-editor");
    await user.clear(screen.getByTestId("formula-1"));
    await user.click(screen.getByTestId("template-editor-save"));
    expect(await screen.findByTestId("template-editor-error")).toHaveTextContent("出勤纪律 的公式有误：the formula is empty");
    expect(screen.getByTestId("formula-error-1")).toHaveTextContent("出勤纪律 的公式有误：the formula is empty");
    // Back to 手工评分: the item goes without a formula.
    await user.click(screen.getByTestId("item-entered-1"));
    await waitFor(() => expect(screen.queryByTestId("formula-1")).not.toBeInTheDocument());
    await user.click(screen.getByTestId("template-editor-save"));
    await waitFor(() => expect(backend.saveScoreTemplate).toHaveBeenCalledTimes(2));
    expect(backend.saveScoreTemplate.mock.calls[1][1].items[1]).toMatchObject({ name: "出勤纪律", computed: false, formula: null });
  });

  test("the backend's scores.template_total refusal is shown translated, and the editor stays open", async () => {
    const { user, backend } = await open("supervisor", {
      saveScoreTemplate: () =>
        Promise.reject(new BackendError("scores.template_total", "items add up to 95", { template: "电商客服月度考核", total: "95" })),
    });
    await user.click(screen.getByTestId("template-edit-1"));
    await screen.findByTestId("template-editor");
    await user.clear(screen.getByTestId("item-points-0"));
    await user.type(screen.getByTestId("item-points-0"), "25");
    await user.click(screen.getByTestId("template-editor-save"));
    expect(await screen.findByTestId("template-editor-error")).toHaveTextContent("考核模板 电商客服月度考核 各项分值合计 95 分，须为 100 分");
    expect(backend.saveScoreTemplate).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("template-editor")).toBeInTheDocument();
  });

  test("assignments by role, level and team: changing one, or giving one a first template, calls assignScoreTemplate with the target", async () => {
    const { user, backend } = await open();
    expect(screen.getByTestId("assign-group-role")).toHaveTextContent("主管");
    expect(screen.getByTestId("assign-group-level")).toHaveTextContent("初级客服");
    expect(screen.getByTestId("assign-group-team")).toHaveTextContent("售后组");
    expect(screen.getByTestId("assign-team-1").closest(".ant-select")).toHaveTextContent("电商客服月度考核");
    expect(screen.getByTestId("assign-team-3").closest(".ant-select")).toHaveTextContent("未指定");

    await pickOption(user, "assign-team-1", "客服主管季度考核");
    await waitFor(() => expect(backend.assignScoreTemplate).toHaveBeenCalledWith("客服主管季度考核", { kind: "team", team_id: 1 }));

    await pickOption(user, "assign-level-lead", "客服主管季度考核");
    await waitFor(() => expect(backend.assignScoreTemplate).toHaveBeenCalledWith("客服主管季度考核", { kind: "level", level: "lead" }));

    await pickOption(user, "assign-role-agent", "电商客服月度考核");
    await waitFor(() => expect(backend.assignScoreTemplate).toHaveBeenCalledWith("电商客服月度考核", { kind: "role", role: "agent" }));
    expect(backend.assignScoreTemplate).toHaveBeenCalledTimes(3);
    // An inactive template is not offered.
    await user.click(screen.getByTestId("assign-team-3").closest(".ant-select")!.querySelector("input")!);
    await waitFor(() => expect(document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="电商客服月度考核"]')).not.toBeNull());
    expect(document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="旧版呼叫中心考核"]')).toBeNull();
  });

  test("without manage_scores (a lead): the same lists, read only — no new, no edit, no assignment to change", async () => {
    const { user, backend } = await open("team_lead");
    expect(screen.queryByTestId("template-add")).not.toBeInTheDocument();
    expect(document.querySelector('[data-testid^="template-edit-"]')).toBeNull();
    expect(screen.getByTestId("assign-team-1")).toHaveTextContent("电商客服月度考核");
    expect(screen.getByTestId("assign-team-1").closest(".ant-select")).toBeNull();
    expect(screen.getByTestId("assign-role-supervisor")).toHaveTextContent("客服主管季度考核");
    expect(screen.getByTestId("assign-level-junior")).toHaveTextContent("未指定");
    expect(document.querySelector("[data-testid='templates-list'] .ant-select, [data-testid='template-assignments'] .ant-select")).toBeNull();
    // The items still open.
    await user.click(screen.getByTestId("template-expand-2"));
    expect(await screen.findByTestId("template-item-202")).toHaveTextContent("跨部门协作");
    expect(backend.saveScoreTemplate).not.toHaveBeenCalled();
  });
});
