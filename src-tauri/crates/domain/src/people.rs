//! Agents, their levels and the checks every way of entering a person shares (the form, the
//! import, the demo loader).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ErrorCode;
use crate::Problem;

/// 职级, from junior agent up (seed 001: "设置不同的职级,如初级客服、中级客服、高级客服"). The top two
/// are stored as `lead` and `supervisor` and were once shown as 班长 and 主管; those are posts
/// (a user's role), not levels, so they read 资深客服 and 专家客服 now, and files may still say
/// 班长 or 主管.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Junior,
    Intermediate,
    Senior,
    Lead,
    Supervisor,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Junior,
        Level::Intermediate,
        Level::Senior,
        Level::Lead,
        Level::Supervisor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Intermediate => "intermediate",
            Level::Senior => "senior",
            Level::Lead => "lead",
            Level::Supervisor => "supervisor",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Level::Junior => "初级",
            Level::Intermediate => "中级",
            Level::Senior => "高级",
            Level::Lead => "资深",
            Level::Supervisor => "专家",
        }
    }

    /// Accepts English keys (any case) and Chinese labels, with or without the 客服 suffix, and
    /// the old words 班长 and 主管.
    pub fn parse(text: &str) -> Option<Level> {
        let text = text.trim();
        let text = text.strip_suffix("客服").unwrap_or(text);
        match text {
            "班长" => return Some(Level::Lead),
            "主管" => return Some(Level::Supervisor),
            _ => {}
        }
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(text) || l.label_zh() == text)
    }
}

/// How a team meets customers: the words on its cards follow it (通话中 on the phone, 接待中 in
/// chat), the rules do not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    #[default]
    Phone,
    Chat,
}

impl ContactChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactChannel::Phone => "phone",
            ContactChannel::Chat => "chat",
        }
    }

    pub fn parse(text: &str) -> Option<ContactChannel> {
        match text.trim() {
            "phone" | "电话" | "热线" => Some(ContactChannel::Phone),
            "chat" | "在线" | "在线客服" => Some(ContactChannel::Chat),
            _ => None,
        }
    }
}

pub const EMPLOYEE_NO_MAX_LEN: usize = 20;
pub const NAME_MAX_LEN: usize = 40;
/// The floor map's largest column or row.
pub const SEAT_GRID_MAX: i64 = 500;

/// A seat's place on the floor map: column and row, each from 0 to [`SEAT_GRID_MAX`].
pub fn check_seat_position(x: i64, y: i64) -> Result<(), Problem> {
    let in_grid = |v: i64| (0..=SEAT_GRID_MAX).contains(&v);
    if in_grid(x) && in_grid(y) {
        Ok(())
    } else {
        Err(Problem::new(
            ErrorCode::ValidationPosition,
            format!("a seat's column and row must be between 0 and {SEAT_GRID_MAX}"),
        )
        .with("max", SEAT_GRID_MAX))
    }
}

/// 工号: letters, digits and dashes, at most 20 characters.
pub fn check_employee_no(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::new(
            ErrorCode::ValidationRequired,
            "工号 (employee number) is required",
        )
        .with("field", "employee_no"));
    }
    let ok = text.chars().count() <= EMPLOYEE_NO_MAX_LEN
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !ok {
        return Err(Problem::new(
            ErrorCode::ValidationEmployeeNo,
            format!(
                "工号 '{text}' must be letters, digits or '-', at most {EMPLOYEE_NO_MAX_LEN} characters"
            ),
        )
        .with("value", text));
    }
    Ok(text.to_owned())
}

/// A name (person, team or seat code): trimmed, non-empty, bounded.
pub fn check_name(field: &str, text: &str) -> Result<String, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::new(
            ErrorCode::ValidationRequired,
            format!("{field} is required"),
        )
        .with("field", field));
    }
    if text.chars().count() > NAME_MAX_LEN {
        return Err(Problem::new(
            ErrorCode::ValidationTooLong,
            format!("{field} is longer than {NAME_MAX_LEN} characters"),
        )
        .with("field", field)
        .with("max", NAME_MAX_LEN));
    }
    Ok(text.to_owned())
}

/// Dates as people type them in China's spreadsheets: 2024-03-01, 2024-3-1 or 2024/3/1.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let mut parts = text.split(['-', '/']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn levels_parse_in_both_languages() {
        assert_eq!(Level::parse("初级"), Some(Level::Junior));
        assert_eq!(Level::parse("高级客服"), Some(Level::Senior));
        assert_eq!(Level::parse(" Intermediate "), Some(Level::Intermediate));
        assert_eq!(Level::parse("资深客服"), Some(Level::Lead));
        assert_eq!(Level::parse("专家客服"), Some(Level::Supervisor));
        // Files written before the labels changed still read.
        assert_eq!(Level::parse("班长"), Some(Level::Lead));
        assert_eq!(Level::parse("主管"), Some(Level::Supervisor));
        assert_eq!(Level::parse("组长"), None);
        assert_eq!(Level::parse(""), None);
    }

    #[test]
    fn employee_numbers_are_checked() {
        assert_eq!(check_employee_no(" 1001 ").unwrap(), "1001");
        assert_eq!(
            check_employee_no("").unwrap_err().code,
            "validation.required"
        );
        assert_eq!(
            check_employee_no("10 01").unwrap_err().code,
            "validation.employee_no"
        );
        assert!(check_employee_no(&"9".repeat(21)).is_err());
    }

    #[test]
    fn dates_accept_common_spreadsheet_forms() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(parse_date("2024-03-01"), Some(d));
        assert_eq!(parse_date("2024/3/1"), Some(d));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("24-03-01"), None);
        assert_eq!(parse_date("2024-03-01-1"), None);
    }

    proptest! {
        #[test]
        fn every_valid_date_round_trips(days in 0i64..40_000) {
            let d = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(days as u64);
            prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Some(d));
            prop_assert_eq!(parse_date(&d.format("%Y/%-m/%-d").to_string()), Some(d));
        }

        #[test]
        fn accepted_employee_numbers_are_trimmed_and_plain(s in "\\PC{0,30}") {
            if let Ok(no) = check_employee_no(&s) {
                prop_assert!(!no.is_empty() && no.len() <= EMPLOYEE_NO_MAX_LEN);
                prop_assert!(no.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            }
        }
    }
}
