// Samples for the 评分人 and 考核模板 tabs' tests, on the demo floor's people (售前一组 led by
// 王静 1001, 售前二组 by 胡雪 1013; 沈丽华 S001 the supervisor, 江涛 M001 the manager). They
// are answers a backend could give, written out: nothing here decides who rates whom or
// whether a template is valid. Tests only.
import type { FormulaInput, RaterAssignment, RaterRole, RaterSource, ScorePerson, TemplateAssignment, TemplateRow } from "../../backend";

/** The month the tabs are shown for (the demo clock's last month) and the one before it. */
export const SAMPLE_MONTH = "2026-10";
export const LAST_MONTH = "2026-09";

const person = (p: Partial<ScorePerson> & Pick<ScorePerson, "person" | "employee_no" | "name">): ScorePerson => ({
  agent_id: p.person.startsWith("a") ? Number(p.person.slice(1)) : null,
  user_id: null,
  team_id: null,
  team_name: null,
  level: null,
  role: null,
  active: true,
  ...p,
});

const team1 = { team_id: 1, team_name: "售前一组" };
const team2 = { team_id: 2, team_name: "售前二组" };

/** Everyone who can rate or be rated; 钱多多 1099 has left. */
export function samplePeople(): ScorePerson[] {
  return [
    person({ person: "a1", user_id: 3, employee_no: "1001", name: "王静", ...team1, level: "lead", role: "team_lead" }),
    person({ person: "a2", user_id: 6, employee_no: "1002", name: "李娜", ...team1, level: "senior", role: "agent" }),
    person({ person: "a3", employee_no: "1003", name: "张伟", ...team1, level: "senior" }),
    person({ person: "a4", employee_no: "1004", name: "刘洋", ...team1, level: "intermediate" }),
    person({ person: "a13", user_id: 4, employee_no: "1013", name: "胡雪", ...team2, level: "lead", role: "team_lead" }),
    person({ person: "a14", user_id: 7, employee_no: "1014", name: "朱琳", ...team2, level: "senior", role: "agent" }),
    person({ person: "a15", employee_no: "1015", name: "高翔", ...team2, level: "senior" }),
    person({ person: "a99", employee_no: "1099", name: "钱多多", ...team1, level: "junior", active: false }),
    person({ person: "u1", user_id: 1, employee_no: "S001", name: "沈丽华", role: "supervisor" }),
    person({ person: "u2", user_id: 2, employee_no: "M001", name: "江涛", role: "manager" }),
  ];
}

function assignments(rows: [ratee: string, role: RaterRole, rater: string, source: RaterSource][]): RaterAssignment[] {
  const byKey = new Map(samplePeople().map((p) => [p.person, p]));
  return rows.map(([ratee, role, rater, source]) => {
    const r = byKey.get(ratee)!;
    const p = byKey.get(rater)!;
    return {
      ratee,
      ratee_employee_no: r.employee_no,
      ratee_name: r.name,
      role,
      rater,
      rater_employee_no: p.employee_no,
      rater_name: p.name,
      source,
    };
  });
}

/**
 * October's raters as a supervisor sees them: 张伟 1003 and 胡雪 1013 have no 小组 rater yet;
 * 李娜 has one assigned and one imported; 刘洋 has 沈丽华 as an extra, assigned, superior.
 */
export function sampleRaters(): RaterAssignment[] {
  return assignments([
    ["a1", "self", "a1", "default"],
    ["a1", "superior", "u1", "default"],
    ["a1", "superior", "u2", "default"],
    ["a1", "peer", "a13", "assigned"],
    ["a2", "self", "a2", "default"],
    ["a2", "superior", "a1", "default"],
    ["a2", "peer", "a3", "assigned"],
    ["a2", "peer", "a14", "import"],
    ["a3", "self", "a3", "default"],
    ["a3", "superior", "a1", "default"],
    ["a4", "self", "a4", "default"],
    ["a4", "superior", "a1", "default"],
    ["a4", "superior", "u1", "assigned"],
    ["a4", "peer", "a2", "assigned"],
    ["a13", "self", "a13", "default"],
    ["a13", "superior", "u1", "default"],
    ["a13", "superior", "u2", "default"],
    ["a14", "self", "a14", "default"],
    ["a14", "superior", "a13", "default"],
    ["a14", "peer", "a15", "assigned"],
  ]);
}

/** The same month as 王静 (售前一组's lead) sees it: her team only. */
export function sampleRatersOfTeam1(): RaterAssignment[] {
  const team1Keys = new Set(samplePeople().filter((p) => p.team_id === 1).map((p) => p.person));
  return sampleRaters().filter((a) => team1Keys.has(a.ratee));
}

/**
 * September's 小组 raters: 张伟 had 刘洋 and 钱多多 (who has left since); 李娜 had 张伟 (hers
 * again in October); 胡雪 had 朱琳; 钱多多 was rated by 李娜 (not rated in October).
 */
export function sampleLastMonthRaters(): RaterAssignment[] {
  return assignments([
    ["a2", "peer", "a3", "assigned"],
    ["a3", "superior", "a1", "default"],
    ["a3", "peer", "a4", "assigned"],
    ["a3", "peer", "a99", "assigned"],
    ["a13", "peer", "a14", "assigned"],
    ["a99", "peer", "a2", "assigned"],
  ]);
}

/**
 * 电商客服月度考核 (v2, in use, on both 售前 teams), 客服主管季度考核 (v1, not in use yet, for the
 * supervisors), 旧版呼叫中心考核 (inactive).
 */
export function sampleTemplates(): TemplateRow[] {
  const roles = (self_rating: boolean, superior: boolean, peer: boolean) => ({ self_rating, superior, peer });
  return [
    {
      id: 1,
      name: "电商客服月度考核",
      cycle: "monthly",
      active: true,
      version_id: 12,
      version: 2,
      in_use: true,
      items: [
        { id: 101, position: 1, group: "服务类", name: "咨询转化率", max_points: 30, roles: roles(false, true, false), computed: false, standard: "咨询客户中最终下单成交的比例，达到月度目标得满分", formula: null },
        {
          id: 102,
          position: 2,
          group: "服务类",
          name: "出勤纪律",
          max_points: 20,
          roles: roles(false, true, false),
          computed: true,
          standard: "迟到一次扣 2 分，旷工一天扣 5 分",
          formula: "max(0, 20 - 2 * late_count - 5 * absences)",
        },
        { id: 103, position: 3, group: "管理类", name: "报表及时性", max_points: 15, roles: roles(true, true, false), computed: false, standard: "日报、周报、月报按时提交，无拖延", formula: null },
        { id: 104, position: 4, group: "协作类", name: "工作协作性", max_points: 20, roles: roles(false, false, true), computed: false, standard: "与同事及相关部门积极配合", formula: null },
        { id: 105, position: 5, group: "协作类", name: "服务性", max_points: 15, roles: roles(true, false, true), computed: false, standard: "对同事的需求响应及时，态度良好", formula: null },
      ],
    },
    {
      id: 2,
      name: "客服主管季度考核",
      cycle: "quarterly",
      active: true,
      version_id: 21,
      version: 1,
      in_use: false,
      items: [
        { id: 201, position: 1, group: "管理", name: "团队业绩", max_points: 60, roles: roles(false, true, false), computed: false, standard: "团队季度目标完成情况", formula: null },
        { id: 202, position: 2, group: "协作", name: "跨部门协作", max_points: 40, roles: roles(true, true, true), computed: false, standard: "与相关部门配合顺畅", formula: null },
      ],
    },
    {
      id: 3,
      name: "旧版呼叫中心考核",
      cycle: "monthly",
      active: false,
      version_id: 31,
      version: 1,
      in_use: false,
      items: [{ id: 301, position: 1, group: "", name: "客户满意度", max_points: 100, roles: roles(true, true, true), computed: false, standard: "", formula: null }],
    },
  ];
}

/** 售前一组 and 售前二组 use 电商客服月度考核; supervisors 客服主管季度考核; 售后组 and the levels none. */
export function sampleTemplateAssignments(): TemplateAssignment[] {
  return [
    { target: { kind: "team", team_id: 1 }, target_label: "售前一组", template_id: 1, template_name: "电商客服月度考核", assigned_at: "2026-06-01T02:00:00Z" },
    { target: { kind: "team", team_id: 2 }, target_label: "售前二组", template_id: 1, template_name: "电商客服月度考核", assigned_at: "2026-06-01T02:00:00Z" },
    { target: { kind: "role", role: "supervisor" }, target_label: "主管", template_id: 2, template_name: "客服主管季度考核", assigned_at: "2026-07-01T02:00:00Z" },
  ];
}

/** Part of the catalogue `scoreFormulaInputs` answers: a few inputs of each source. */
export function sampleFormulaInputs(): FormulaInput[] {
  const input = (name: string, source: FormulaInput["source"], label_zh: string, label_en: string): FormulaInput => ({ name, source, label_zh, label_en });
  return [
    input("late_count", "attendance", "迟到次数", "times late"),
    input("absences", "attendance", "旷工天数", "days absent without notice"),
    input("days_worked", "attendance", "出勤天数", "days worked"),
    input("alerts_total", "alerts", "告警合计", "alerts in all"),
    input("incidents_total", "incidents", "违规合计（已确认，不含奖励）", "incidents in all (confirmed, no rewards)"),
    input("fines_yuan", "incidents", "罚款合计（元）", "fines in yuan"),
    input("complaints_valid", "complaints", "有效投诉数", "valid complaints"),
    input("meetings_absent", "meetings", "会议培训缺席数", "meetings and trainings missed"),
  ];
}
