// 绩效考核: the page's frame and the vocabulary every tab shares (roles as seed 002 names them,
// grades as seed 003 does). en mirrors zh key for key.
export const scoresPageZh = {
  subtitle: "月度考核：自评、上级评分、小组考核，综合得分与等级",
  month: "考核月份",
  tabs: { entry: "评分录入", results: "考核结果", raters: "评分人", templates: "考核模板" },
  roles: { self: "自评", superior: "上级评分", peer: "小组考核" },
  grades: { excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" },
  phase: { not_open: "未到评分期", open: "评分期内", closed: "评分期已过" },
  window: "评分期 {{from}} 至 {{to}}",
  published: "已发布",
  unpublished: "未发布",
};

export const scoresPageEn: typeof scoresPageZh = {
  subtitle: "Monthly assessment: self, superior and 小组 ratings, composite and grade",
  month: "Month assessed",
  tabs: { entry: "Score entry", results: "Results", raters: "Raters", templates: "Templates" },
  roles: { self: "Self", superior: "Superior", peer: "小组 (colleagues)" },
  grades: { excellent: "Excellent", good: "Good", pass: "Pass", fail: "Fail" },
  phase: { not_open: "Not open yet", open: "Open for scoring", closed: "Window closed" },
  window: "Scoring {{from}} to {{to}}",
  published: "Published",
  unpublished: "Not published",
};
