// 违规目录: the rules by category with their ladders and co-penalties in words, the editor's
// payload (amounts in fen, the effective date), retire and restore, versions, export and import,
// and nothing to change without manage_rule_book. The fake answers canned rows and records calls.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type CommandApi, type Role, type RuleBody } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption, type User } from "../../test/utils";
import { complaintRule, lateSignInRule, nonWorkRule, renderTab, reportLateRule } from "./bookTestKit";
import { todayIso } from "./bookText";
import { RuleBookTab } from "./RuleBookTab";

const book = () => [nonWorkRule(), lateSignInRule(), complaintRule(), reportLateRule()];

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    incidentRules: () => Promise.resolve(book()),
    saveIncidentRule: (body: RuleBody, from: string) => Promise.resolve({ ...nonWorkRule(), version: 2, effective_from: from, body }),
    ...overrides,
  });
  const r = renderTab(<RuleBookTab />, backend, role);
  await screen.findByTestId("rule-non_work_activity");
  return r;
}

/** Type a date into an antd DatePicker and confirm it. */
async function typeDate(user: User, testId: string, date: string) {
  const el = screen.getByTestId(testId);
  const input = (el.tagName === "INPUT" ? el : el.querySelector("input")) as HTMLInputElement;
  await user.clear(input);
  await user.type(input, `${date}{Enter}`);
}

async function retype(user: User, testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await user.clear(input);
  await user.type(input, text);
}

describe("rule book tab", () => {
  test("non_work_activity reads as its ladder in words, with 连带 班长受相应处罚, under 现场纪律", async () => {
    await open();
    const section = screen.getByTestId("rule-category-floor_discipline");
    expect(section).toHaveTextContent("现场纪律");
    const row = within(section).getByTestId("rule-non_work_activity");
    expect(row).toHaveTextContent("non_work_activity");
    expect(row).toHaveTextContent("上班做与工作无关的事");
    expect(row).toHaveTextContent("每月");
    const ladder = screen.getByTestId("rule-ladder-non_work_activity");
    expect([...ladder.children].slice(0, 3).map((d) => d.textContent)).toEqual([
      "第1次：口头警告 + 罚款 ¥10.00",
      "第2次：罚款 ¥30.00",
      "第3次及以后：建议开除",
    ]);
    expect(screen.getByTestId("rule-co-non_work_activity")).toHaveTextContent("连带：班长受相应处罚（记录时指名）");
    expect(screen.getByTestId("rule-source-non_work_activity")).toHaveTextContent("领导发现未做出处理及时制止受相应处罚");
    expect(within(row).queryByTestId("rule-retired-non_work_activity")).not.toBeInTheDocument();
  });

  test("other shapes: one step, fines by severity, a manager's own fine, rolling days, retired, the alert it answers", async () => {
    await open();
    expect(screen.getByTestId("rule-ladder-valid_complaint")).toHaveTextContent(
      "每次：罚款 ¥20.00/¥40.00/¥60.00/¥80.00/¥100.00（按严重程度 1–5） + 书面检查",
    );
    expect(screen.getByTestId("rule-category-customer_complaints")).toHaveTextContent("客户投诉");
    const late = screen.getByTestId("rule-report_late");
    expect(screen.getByTestId("rule-ladder-report_late")).toHaveTextContent("每次：罚款 ¥50.00");
    expect(screen.getByTestId("rule-co-report_late")).toHaveTextContent("连带：经理 罚款 ¥80.00");
    expect(screen.getByTestId("rule-co-report_late")).not.toHaveTextContent("记录时指名");
    expect(late).toHaveTextContent("滚动 90 天");
    expect(late).toHaveTextContent("第 2 版");
    expect(within(late).getByTestId("rule-retired-report_late")).toHaveTextContent("已停用");
    expect(within(late).getByTestId("rule-restore-report_late")).toBeInTheDocument();
    const alert = screen.getByTestId("rule-late_sign_in");
    expect(within(screen.getByTestId("rule-category-attendance")).getByTestId("rule-late_sign_in")).toBe(alert);
    expect(alert).toHaveTextContent("迟到签入");
    expect(screen.getByTestId("rule-ladder-late_sign_in")).toHaveTextContent("第1次：口头警告第2次及以后：书面警告");
  });

  test("the editor saves a changed amount in fen, in force from the date given", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("rule-edit-non_work_activity"));
    await screen.findByTestId("rule-editor");
    expect(screen.getByTestId("rule-code")).toHaveValue("non_work_activity");
    expect(screen.getByTestId("rule-code")).toBeDisabled();
    expect(screen.getByTestId("step-1-action-0-yuan")).toHaveValue("30.00");
    expect(screen.getByTestId("rule-editor")).toHaveTextContent("之前的记录保留当时判定所用的版本");
    expect(screen.getByTestId("rule-effective").querySelector("input") ?? screen.getByTestId("rule-effective")).toHaveValue(todayIso());
    await retype(user, "step-1-action-0-yuan", "40.5");
    await typeDate(user, "rule-effective", "2026-12-01");
    await user.click(screen.getByTestId("rule-editor-save"));
    await waitFor(() => expect(backend.saveIncidentRule).toHaveBeenCalledTimes(1));
    const expected = nonWorkRule().body;
    expected.ladder[1] = [{ action: "fine", amount: { kind: "fixed", fen: 4050 } }];
    expect(backend.saveIncidentRule).toHaveBeenCalledWith(expected, "2026-12-01");
    await waitFor(() => expect(screen.queryByTestId("rule-editor")).not.toBeInTheDocument());
  });

  test("a new rule: steps and actions added, five severity amounts and a manager's fine typed in yuan, from today by default", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("rule-add"));
    await screen.findByTestId("rule-editor");
    await user.type(screen.getByTestId("rule-code"), "phone_game");
    await user.type(screen.getByTestId("rule-name-zh"), "上班玩手机游戏");
    await user.type(screen.getByTestId("rule-name-en"), "Phone games at work");
    await pickOption(user, "rule-period", "每季度");
    // Step 1: a verbal warning (the default) and a fine by severity.
    await user.click(screen.getByTestId("step-0-add-action"));
    await pickOption(user, "step-0-action-1-type", "罚款");
    await pickOption(user, "step-0-action-1-kind", "按严重程度");
    for (const [n, y] of [[1, "5"], [2, "10"], [3, "15.5"], [4, "20"], [5, "25"]] as const) await user.type(screen.getByTestId(`step-0-action-1-sev-${n}`), y);
    // Step 2: a written warning; a third step added and removed again.
    await user.click(screen.getByTestId("rule-add-step"));
    await pickOption(user, "step-1-action-0-type", "书面警告");
    await user.click(screen.getByTestId("rule-add-step"));
    expect(screen.getByTestId("step-2")).toHaveTextContent("第3次及以后");
    await user.click(screen.getByTestId("step-2-remove"));
    await waitFor(() => expect(screen.queryByTestId("step-2")).not.toBeInTheDocument());
    expect(screen.getByTestId("step-1")).toHaveTextContent("第2次及以后");
    // 连带: the manager, every time, fined 20 yuan.
    await user.click(screen.getByTestId("rule-add-co"));
    await pickOption(user, "co-0-party", "经理");
    await user.click(screen.getByTestId("co-0-always"));
    await user.click(screen.getByTestId("co-0-own"));
    await user.type(await screen.findByTestId("co-0-action-0-yuan"), "20");
    await user.click(screen.getByTestId("rule-editor-save"));
    await waitFor(() => expect(backend.saveIncidentRule).toHaveBeenCalledTimes(1));
    expect(backend.saveIncidentRule).toHaveBeenCalledWith(
      {
        code: "phone_game",
        name_zh: "上班玩手机游戏",
        name_en: "Phone games at work",
        category: "floor_discipline",
        period: { kind: "quarter" },
        ladder: [
          [{ action: "verbal_warning" }, { action: "fine", amount: { kind: "by_severity", fen: [500, 1000, 1550, 2000, 2500] } }],
          [{ action: "written_warning" }],
        ],
        co_penalties: [{ party: "manager", always: true, actions: [{ action: "fine", amount: { kind: "fixed", fen: 2000 } }] }],
        alert_rule: null,
        source: "",
        importable: true,
      },
      todayIso(),
    );
  });

  test("the backend's refusal shows translated and the editor stays open", async () => {
    const { user } = await open("supervisor", {
      saveIncidentRule: () => Promise.reject(new BackendError("incidents.rule_invalid", "rule x: ladder", { code: "non_work_activity", field: "ladder" })),
    });
    await user.click(screen.getByTestId("rule-edit-non_work_activity"));
    await screen.findByTestId("rule-editor");
    await user.click(screen.getByTestId("rule-editor-save"));
    expect(await screen.findByTestId("rule-editor-error")).toHaveTextContent("违规条目 non_work_activity 有误");
    expect(screen.getByTestId("rule-editor")).toBeInTheDocument();
  });

  test("停用 and 恢复 call set_incident_rule_retired", async () => {
    const { user, backend } = await open("supervisor", { setIncidentRuleRetired: () => Promise.resolve(null) });
    await user.click(screen.getByTestId("rule-retire-non_work_activity"));
    await user.click(await screen.findByTestId("rule-retire-ok-non_work_activity"));
    await waitFor(() => expect(backend.setIncidentRuleRetired).toHaveBeenCalledWith("non_work_activity", true));
    await user.click(screen.getByTestId("rule-restore-report_late"));
    await waitFor(() => expect(backend.setIncidentRuleRetired).toHaveBeenCalledWith("report_late", false));
  });

  test("版本历史 lists the versions, newest first, with what changed", async () => {
    const v1 = { ...reportLateRule(), version: 1, version_id: 31, effective_from: "2000-01-01" };
    v1.body = { ...v1.body, period: { kind: "month" }, co_penalties: [] };
    const { user, backend } = await open("team_lead", { incidentRuleVersions: () => Promise.resolve([v1, reportLateRule()]) });
    await user.click(screen.getByTestId("rule-versions-report_late"));
    const v2row = await screen.findByTestId("rule-version-2");
    expect(backend.incidentRuleVersions).toHaveBeenCalledWith("report_late");
    expect(v2row).toHaveTextContent("2026/11/01");
    expect(v2row).toHaveTextContent("计次周期、连带处罚");
    expect(v2row).toHaveTextContent("连带：经理 罚款 ¥80.00");
    const v1row = screen.getByTestId("rule-version-1");
    expect(v1row).toHaveTextContent("最初");
    expect(v1row).toHaveTextContent("初始版本");
    expect(v1row).toHaveTextContent("每次：罚款 ¥50.00");
  });

  test("导出 writes the book where the operator chose; 导入 shows what it added, versioned and left", async () => {
    const { user, backend } = await open("supervisor", {
      exportRuleBook: () => Promise.resolve(38),
      importRuleBook: () => Promise.resolve({ added: 2, versions: 3, unchanged: 33 }),
    });
    backend.pickSaveFile.mockResolvedValue("/home/floor/rule-book.json");
    backend.pickOpenFile.mockResolvedValue("/home/floor/other-shop.json");
    await user.click(screen.getByTestId("rulebook-export"));
    await waitFor(() => expect(backend.exportRuleBook).toHaveBeenCalledWith("/home/floor/rule-book.json"));
    expect(backend.pickSaveFile.mock.calls[0][1]).toEqual([{ name: "违规目录 JSON", extensions: ["json"] }]);
    await user.click(screen.getByTestId("rulebook-import"));
    await waitFor(() => expect(backend.importRuleBook).toHaveBeenCalledWith("/home/floor/other-shop.json"));
    const shown = await screen.findByTestId("rulebook-imported");
    expect(shown).toHaveTextContent("导入完成：新增 2 条，新版本 3 条，未变 33 条");
    expect(shown).toHaveTextContent("自今日起生效");
  });

  test("without manage_rule_book (a lead): the book to read, versions, nothing to change", async () => {
    const { backend } = await open("team_lead");
    expect(screen.getByTestId("rule-ladder-non_work_activity")).toHaveTextContent("第1次：口头警告 + 罚款 ¥10.00");
    expect(screen.queryByTestId("rule-add")).not.toBeInTheDocument();
    expect(screen.queryByTestId("rulebook-import")).not.toBeInTheDocument();
    expect(screen.queryByTestId("rulebook-export")).not.toBeInTheDocument();
    expect(document.querySelector('[data-testid^="rule-edit-"], [data-testid^="rule-retire-"], [data-testid^="rule-restore-"]')).toBeNull();
    expect(screen.getByTestId("rule-versions-non_work_activity")).toBeInTheDocument();
    expect(backend.saveIncidentRule).not.toHaveBeenCalled();
  });
});
