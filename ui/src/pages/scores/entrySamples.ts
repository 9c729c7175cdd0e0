// Hand-built sheets for the 评分录入 tests: 王静 (1001, 班长 of 售前一组) rating November 2026
// during the window 2026-12-01 – 2026-12-07, with the items of seed 002 (电商客服月度考核).
// They hold what the backend would say (who is on the sheet, the phase, the sums); a test changes
// a copy, it never computes a rule. Each call returns a fresh object.
import type { RaterSheetView, ScoreItemRow, SheetGroup, SheetRow } from "../../backend";

export const ENTRY_MONTH = "2026-11";
export const TEMPLATE_ID = 1;
export const TEMPLATE_NAME = "电商客服月度考核";

const roles = (self_rating: boolean, superior: boolean, peer: boolean) => ({ self_rating, superior, peer });

function item(id: number, group: string, name: string, max_points: number, role: "self" | "superior" | "peer", standard: string): ScoreItemRow {
  return {
    id,
    position: id,
    group,
    name,
    max_points,
    roles: roles(role === "self", role === "superior", role === "peer"),
    computed: false,
    standard,
    formula: null,
  };
}

/** 上级评分's items (seed 002, the first five): 服务类 10/10/5, 订单类 10/5. */
export function superiorItems(): ScoreItemRow[] {
  return [
    item(1, "服务类", "咨询转化率", 10, "superior", "咨询客户中最终下单成交的比例，达到月度目标得满分"),
    item(2, "服务类", "平均响应时间", 10, "superior", "客户咨询后首次回复的平均时长，越短越好，达到月度目标得满分"),
    item(3, "服务类", "客户流失率", 5, "superior", "咨询后未成交即流失的客户比例，越低越好"),
    item(4, "订单类", "总成交额", 10, "superior", "本人接待成交的订单总金额，达到月度目标得满分"),
    item(5, "订单类", "有效订单比", 5, "superior", "有效订单占全部下单数的比例"),
  ];
}

/** 自评's items (seed 002's 管理类). */
export function selfItems(): ScoreItemRow[] {
  return [
    item(11, "管理类", "报表及时性", 5, "self", "日报、周报、月报按时提交，无拖延"),
    item(12, "管理类", "数据真实性", 5, "self", "报表数据真实准确，无虚报、瞒报"),
    item(13, "管理类", "完整性", 5, "self", "报表内容完整，各项数据齐全无遗漏"),
  ];
}

/** A person on the sheet with `cells` (hundredths; null blank) and the sums the backend sends. */
export function sheetRow(agentId: number, employee_no: string, name: string, cells: (number | null)[], last_entered_at: string | null = null): SheetRow {
  const filled = cells.filter((c) => c !== null).length;
  const total = cells.reduce<number>((n, c) => n + (c ?? 0), 0);
  return { ratee: `a${agentId}`, employee_no, name, team_name: "售前一组", cells, computed: [], filled, total, last_entered_at };
}

/** 上级评分 of 售前一组: 1002 李娜 fully scored, 1003 张伟 half, 1007 赵敏 not yet. */
export function superiorGroup(): SheetGroup {
  return {
    template_id: TEMPLATE_ID,
    template_name: TEMPLATE_NAME,
    version_id: 3,
    role: "superior",
    items: superiorItems(),
    rows: [
      sheetRow(2, "1002", "李娜", [900, 850, 400, 800, 450], "2026-12-02T06:02:00Z"),
      sheetRow(3, "1003", "张伟", [700, null, 500, null, null], "2026-12-02T06:05:00Z"),
      sheetRow(7, "1007", "赵敏", [null, null, null, null, null]),
    ],
  };
}

/** 王静's own 自评: nothing typed yet. */
export function selfGroup(): SheetGroup {
  return {
    template_id: TEMPLATE_ID,
    template_name: TEMPLATE_NAME,
    version_id: 3,
    role: "self",
    items: selfItems(),
    rows: [sheetRow(1, "1001", "王静", [null, null, null])],
  };
}

/** 王静's sheet for November, the window open, unpublished: 上级评分 then 自评. */
export function leadSheet(rest: Partial<RaterSheetView> = {}): RaterSheetView {
  return {
    month: ENTRY_MONTH,
    rater: "u3",
    window: { opens_on: "2026-12-01", closes_on: "2026-12-07" },
    phase: "open",
    published: false,
    groups: [superiorGroup(), selfGroup()],
    ...rest,
  };
}

/**
 * 上级评分 with 平均响应时间 (item 2) made a computed item, 出勤纪律: 1002 李娜 late twice (6
 * points), 1003 张伟's formula failed on a division by zero, 1007 赵敏 never late (10 points).
 */
export function computedSuperiorGroup(): SheetGroup {
  const group = superiorGroup();
  group.items[1] = {
    ...group.items[1],
    name: "出勤纪律",
    computed: true,
    formula: "max(0, 10 - 2 * late_count)",
    standard: "迟到一次扣 2 分",
  };
  const values: Record<string, { points: number | null; late: number; error: string | null }> = {
    "1002": { points: 600, late: 2, error: null },
    "1003": { points: null, late: 0, error: "the formula divides by zero" },
    "1007": { points: 1000, late: 0, error: null },
  };
  group.rows = group.rows.map((row) => {
    const v = values[row.employee_no];
    const cells = row.cells.map((c, i) => (i === 1 ? v.points : c));
    const filled = cells.filter((c) => c !== null).length;
    const total = cells.reduce<number>((n, c) => n + (c ?? 0), 0);
    return { ...row, cells, filled, total, computed: [{ item_id: 2, points: v.points, inputs: [{ name: "late_count", value: v.late }], error: v.error }] };
  });
  return group;
}
