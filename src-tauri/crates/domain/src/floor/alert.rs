//! What the rules raise: one alert per occurrence, carrying the numbers it was judged by so it
//! keeps its meaning after the policy changes.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The floor rules. The order (derived) is the table order, used to sort alerts that
/// share an instant and an agent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum RuleCode {
    LateSignIn,
    Absent,
    EarlyLeave,
    BreakOverrun,
    BreakTotalExceeded,
    MealOverrun,
    BreakDuringLineFull,
}

impl RuleCode {
    pub const ALL: [RuleCode; 7] = [
        RuleCode::LateSignIn,
        RuleCode::Absent,
        RuleCode::EarlyLeave,
        RuleCode::BreakOverrun,
        RuleCode::BreakTotalExceeded,
        RuleCode::MealOverrun,
        RuleCode::BreakDuringLineFull,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleCode::LateSignIn => "late_sign_in",
            RuleCode::Absent => "absent",
            RuleCode::EarlyLeave => "early_leave",
            RuleCode::BreakOverrun => "break_overrun",
            RuleCode::BreakTotalExceeded => "break_total_exceeded",
            RuleCode::MealOverrun => "meal_overrun",
            RuleCode::BreakDuringLineFull => "break_during_line_full",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            RuleCode::LateSignIn => "未按时签入就绪",
            RuleCode::Absent => "缺勤",
            RuleCode::EarlyLeave => "早退",
            RuleCode::BreakOverrun => "小休超时",
            RuleCode::BreakTotalExceeded => "小休累计超时",
            RuleCode::MealOverrun => "用餐超时",
            RuleCode::BreakDuringLineFull => "满线时小休",
        }
    }

    pub fn parse(text: &str) -> Option<RuleCode> {
        let text = text.trim();
        RuleCode::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Alert {
    /// When the rule was broken (for a duration, the moment the limit was reached).
    pub at: DateTime<Utc>,
    /// 工号.
    pub agent: String,
    pub rule: RuleCode,
    /// The shift the alert belongs to; None outside any shift.
    pub shift_date: Option<NaiveDate>,
    /// Short English text with the numbers the alert was judged by.
    pub detail: String,
}

/// By instant, then agent, then rule: the order the CLI prints and the board lists.
impl Ord for Alert {
    fn cmp(&self, other: &Self) -> Ordering {
        (
            self.at,
            &self.agent,
            self.rule,
            self.shift_date,
            &self.detail,
        )
            .cmp(&(
                other.at,
                &other.agent,
                other.rule,
                other.shift_date,
                &other.detail,
            ))
    }
}

impl PartialOrd for Alert {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// "45s", "11m 0s", "2h 5m 0s".
pub fn format_secs(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.unsigned_abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{sign}{h}h {m}m {s}s")
    } else if m > 0 {
        format!("{sign}{m}m {s}s")
    } else {
        format!("{sign}{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_keep_their_stored_names() {
        use serde::de::IntoDeserializer;
        use serde::de::value::{Error, StrDeserializer};
        for rule in RuleCode::ALL {
            // The crate has no JSON dependency; serde's string deserializer checks the names.
            let name: StrDeserializer<'_, Error> = rule.as_str().into_deserializer();
            assert_eq!(RuleCode::deserialize(name).unwrap(), rule);
            assert_eq!(RuleCode::parse(rule.as_str()), Some(rule));
        }
        let mut sorted = RuleCode::ALL;
        sorted.sort();
        assert_eq!(sorted, RuleCode::ALL, "Ord is the table order");
    }

    #[test]
    fn durations_read_like_a_stopwatch() {
        assert_eq!(format_secs(45), "45s");
        assert_eq!(format_secs(660), "11m 0s");
        assert_eq!(format_secs(601), "10m 1s");
        assert_eq!(format_secs(7_500), "2h 5m 0s");
        assert_eq!(format_secs(0), "0s");
    }
}
