//! Policy is data a supervisor edits, not code. This is the catalogue of settings the product
//! knows: their keys, labels, units, ranges and the defaults from the regulations (docs/rules.md
//! names the clause each comes from).
//! The store seeds these and keeps every change with the instant it took effect.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;
use crate::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PolicyUnit {
    Minutes,
    Seconds,
    Count,
    Percent,
    /// Money in fen (1/100 yuan).
    Fen,
    /// An hour of the day (0–23).
    Hour,
    /// A duration in hours.
    Hours,
    Day,
    /// 1 = Monday … 7 = Sunday.
    Weekday,
    Points,
}

impl PolicyUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyUnit::Minutes => "minutes",
            PolicyUnit::Seconds => "seconds",
            PolicyUnit::Count => "count",
            PolicyUnit::Percent => "percent",
            PolicyUnit::Fen => "fen",
            PolicyUnit::Hour => "hour",
            PolicyUnit::Hours => "hours",
            PolicyUnit::Day => "day",
            PolicyUnit::Weekday => "weekday",
            PolicyUnit::Points => "points",
        }
    }

    pub fn parse(text: &str) -> Option<PolicyUnit> {
        use PolicyUnit::*;
        [
            Minutes, Seconds, Count, Percent, Fen, Hour, Hours, Day, Weekday, Points,
        ]
        .into_iter()
        .find(|u| u.as_str() == text)
    }
}

/// Where a setting belongs: the settings page groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PolicyArea {
    LiveFloor,
    Rosters,
    Handover,
    Incidents,
    Scores,
    Commission,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct PolicyDefinition {
    pub area: PolicyArea,
    pub key: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub unit: PolicyUnit,
    pub min: i64,
    pub max: i64,
    pub default: i64,
}

const fn def(
    area: PolicyArea,
    key: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    unit: PolicyUnit,
    (min, max): (i64, i64),
    default: i64,
) -> PolicyDefinition {
    PolicyDefinition {
        area,
        key,
        label_zh,
        label_en,
        unit,
        min,
        max,
        default,
    }
}

use PolicyUnit::*;

/// Every default of the regulations that is a single number for the whole site (docs/rules.md). Penalties that belong
/// to one catalogue rule (e.g. a late meeting's 20 yuan) live with that rule, not here.
pub const CATALOGUE: &[PolicyDefinition] = &[
    // The live floor (seed 003, chapter 2).
    def(
        PolicyArea::LiveFloor,
        "roll_call_before_start_min",
        "到岗点名提前时间",
        "Arrive for roll call before shift start",
        Minutes,
        (0, 60),
        10,
    ),
    def(
        PolicyArea::LiveFloor,
        "ready_before_start_min",
        "签入就绪提前时间",
        "Signed in and ready before shift start",
        Minutes,
        (0, 60),
        3,
    ),
    def(
        PolicyArea::LiveFloor,
        "absent_after_min",
        "未签入判缺勤",
        "Absent when not signed in after shift start",
        Minutes,
        (1, 480),
        30,
    ),
    def(
        PolicyArea::LiveFloor,
        "early_leave_grace_min",
        "早退宽限",
        "Grace before a sign-out counts as early leave",
        Minutes,
        (0, 120),
        0,
    ),
    def(
        PolicyArea::LiveFloor,
        "small_break_max_min",
        "单次小休上限",
        "Longest small break",
        Minutes,
        (1, 120),
        10,
    ),
    def(
        PolicyArea::LiveFloor,
        "small_break_total_max_min",
        "每班小休累计上限",
        "Small breaks per shift, in total",
        Minutes,
        (1, 480),
        30,
    ),
    def(
        PolicyArea::LiveFloor,
        "meal_max_min",
        "用餐时长上限",
        "Longest meal",
        Minutes,
        (5, 180),
        30,
    ),
    def(
        PolicyArea::LiveFloor,
        "line_full_max_idle",
        "满线：空闲坐席不超过",
        "Line full when idle agents are at most",
        Count,
        (0, 500),
        3,
    ),
    // Rosters (seed 003).
    def(
        PolicyArea::Rosters,
        "max_consecutive_work_days",
        "最多连续上班天数",
        "Most working days in a row",
        Day,
        (1, 31),
        6,
    ),
    def(
        PolicyArea::Rosters,
        "rest_days_per_month",
        "每月休息天数",
        "Rest days a month",
        Day,
        (0, 31),
        4,
    ),
    def(
        PolicyArea::Rosters,
        "min_rest_between_shifts_h",
        "两班之间最少休息",
        "Least rest between two shifts",
        Hour,
        (0, 24),
        8,
    ),
    // Shift handover (seed 003: 当面履行交接手续; the minutes are the product's own defaults).
    def(
        PolicyArea::Handover,
        "handover_gap_min",
        "当面交接：两班衔接不超过",
        "Shifts meet for a face-to-face handover within",
        Minutes,
        (0, 720),
        60,
    ),
    def(
        PolicyArea::Handover,
        "handover_unsigned_after_min",
        "交接记录下班后未签字提醒",
        "Remind when a log is unsigned this long after the shift ends",
        Minutes,
        (1, 240),
        15,
    ),
    // Complaints (seed 000).
    def(
        PolicyArea::Incidents,
        "complaint_reassign_count",
        "有理投诉达到次数可调岗",
        "Valid complaints before reassignment",
        Count,
        (1, 100),
        5,
    ),
    def(
        PolicyArea::Incidents,
        "complaint_reassign_days",
        "有理投诉计数期（滚动天数）",
        "Valid complaints are counted over the last",
        Day,
        (1, 3650),
        365,
    ),
    // The complaint workflow's clocks (seeds 001, 003: 设定处理时限、回访; the numbers are the
    // product's own defaults).
    def(
        PolicyArea::Incidents,
        "complaint_route_hours",
        "投诉登记后分流时限",
        "Route a registered complaint within",
        Hours,
        (1, 168),
        4,
    ),
    def(
        PolicyArea::Incidents,
        "complaint_handle_hours",
        "分流后处理时限（调查、判定、答复）",
        "Investigate, rule and reply within (after routing)",
        Hours,
        (1, 720),
        24,
    ),
    def(
        PolicyArea::Incidents,
        "complaint_visit_days",
        "答复后回访时限",
        "Follow-up visit within (after the reply)",
        Day,
        (1, 60),
        3,
    ),
    // Reports (seed 004).
    def(
        PolicyArea::Incidents,
        "daily_report_due_hour",
        "日报截止时间（次日）",
        "Daily report due next day at",
        Hour,
        (0, 23),
        12,
    ),
    def(
        PolicyArea::Incidents,
        "weekly_report_due_weekday",
        "周报截止（星期）",
        "Weekly report due on weekday",
        Weekday,
        (1, 7),
        2,
    ),
    def(
        PolicyArea::Incidents,
        "monthly_report_due_day",
        "月报截止（每月几号）",
        "Monthly report due on day of month",
        Day,
        (1, 28),
        5,
    ),
    def(
        PolicyArea::Scores,
        "spot_checks_per_month_min",
        "每月抽查次数下限",
        "Spot checks per store a month, at least",
        Count,
        (0, 31),
        2,
    ),
    // Assessment (seeds 002, 003).
    def(
        PolicyArea::Scores,
        "assessment_window_days",
        "考核评分期（次月前几个工作日，遇节假日顺延）",
        "Working days at the start of next month for scoring (holidays postpone)",
        Day,
        (1, 28),
        5,
    ),
    def(
        PolicyArea::Scores,
        "score_weight_self_pct",
        "自评权重",
        "Weight of the self assessment",
        Percent,
        (0, 100),
        15,
    ),
    def(
        PolicyArea::Scores,
        "score_weight_superior_pct",
        "上级评分权重",
        "Weight of the superior's assessment",
        Percent,
        (0, 100),
        60,
    ),
    def(
        PolicyArea::Scores,
        "score_weight_peer_pct",
        "小组考核权重",
        "Weight of the 小组 (related colleagues') assessment",
        Percent,
        (0, 100),
        25,
    ),
    def(
        PolicyArea::Scores,
        "grade_excellent_min",
        "优秀分数线",
        "Excellent from",
        Points,
        (0, 100),
        90,
    ),
    def(
        PolicyArea::Scores,
        "grade_good_min",
        "良好分数线",
        "Good from",
        Points,
        (0, 100),
        80,
    ),
    def(
        PolicyArea::Scores,
        "grade_pass_min",
        "合格分数线",
        "Pass from",
        Points,
        (0, 100),
        70,
    ),
    def(
        PolicyArea::Scores,
        "quarter_reward_first_fen",
        "季度第一名奖励",
        "Quarterly reward, first place",
        Fen,
        (0, 10_000_000),
        30_000,
    ),
    def(
        PolicyArea::Scores,
        "quarter_reward_second_fen",
        "季度第二名奖励",
        "Quarterly reward, second place",
        Fen,
        (0, 10_000_000),
        20_000,
    ),
    def(
        PolicyArea::Scores,
        "quarter_reward_third_fen",
        "季度第三名奖励",
        "Quarterly reward, third place",
        Fen,
        (0, 10_000_000),
        10_000,
    ),
    def(
        PolicyArea::Scores,
        "improvement_bottom_count",
        "每月末位需整改人数",
        "Bottom places that file an improvement plan",
        Count,
        (0, 100),
        3,
    ),
    def(
        PolicyArea::Scores,
        "improvement_plan_due_days",
        "整改计划提交期限",
        "Days to file an improvement plan",
        Day,
        (1, 60),
        7,
    ),
    def(
        PolicyArea::Incidents,
        "deduction_cap_percent",
        "每月扣款上限（占当月工资）",
        "Monthly deductions cap, share of the month's pay",
        Percent,
        (1, 100),
        20,
    ),
    def(
        PolicyArea::Incidents,
        "appeal_days",
        "公示后申诉期限",
        "Days to appeal after publication",
        Day,
        (1, 60),
        3,
    ),
    // Valid receptions in e-commerce service (seed 003).
    def(
        PolicyArea::Commission,
        "valid_reception_min_messages",
        "有效接待最少消息数",
        "Messages for a valid reception, at least",
        Count,
        (1, 100),
        3,
    ),
    def(
        PolicyArea::Commission,
        "reception_wait_timeout_sec",
        "买家等待超时结束接待",
        "Buyer wait that ends a reception",
        Seconds,
        (1, 3_600),
        60,
    ),
    def(
        PolicyArea::Commission,
        "reception_idle_end_min",
        "无消息结束接待",
        "Silence that ends a reception",
        Minutes,
        (1, 1_440),
        30,
    ),
    def(
        PolicyArea::Commission,
        "order_attribution_days",
        "买家咨询有效期",
        "How long a buyer's consultation counts for an order",
        Day,
        (0, 30),
        1,
    ),
];

pub fn definition(key: &str) -> Option<&'static PolicyDefinition> {
    CATALOGUE.iter().find(|d| d.key == key)
}

impl PolicyDefinition {
    pub fn check(&self, value: i64) -> Result<i64, Problem> {
        if (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            Err(Problem::new(
                ErrorCode::ValidationOutOfRange,
                format!(
                    "{} must be between {} and {}",
                    self.label_en, self.min, self.max
                ),
            )
            .with("min", self.min)
            .with("max", self.max)
            .with("value", value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_keys_are_unique_and_defaults_in_range() {
        for (i, d) in CATALOGUE.iter().enumerate() {
            assert!(d.check(d.default).is_ok(), "{} default out of range", d.key);
            assert!(
                CATALOGUE[i + 1..].iter().all(|o| o.key != d.key),
                "{} twice",
                d.key
            );
        }
    }

    #[test]
    fn live_floor_defaults_match_the_regulations() {
        let get = |k| definition(k).unwrap().default;
        assert_eq!(get("ready_before_start_min"), 3);
        assert_eq!(get("small_break_max_min"), 10);
        assert_eq!(get("small_break_total_max_min"), 30);
        assert_eq!(get("meal_max_min"), 30);
        assert_eq!(get("line_full_max_idle"), 3);
        assert_eq!(get("absent_after_min"), 30);
        assert_eq!(get("early_leave_grace_min"), 0);
    }

    #[test]
    fn assessment_weights_add_up_to_a_hundred() {
        let get = |k| definition(k).unwrap().default;
        let total = get("score_weight_self_pct")
            + get("score_weight_superior_pct")
            + get("score_weight_peer_pct");
        assert_eq!(total, 100);
    }

    #[test]
    fn values_outside_the_range_are_refused() {
        let d = definition("small_break_max_min").unwrap();
        assert_eq!(d.check(0).unwrap_err().code, "validation.out_of_range");
        assert_eq!(d.check(15), Ok(15));
        assert!(PolicyUnit::parse(d.unit.as_str()).is_some());
    }
}
