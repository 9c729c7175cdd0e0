//! 请假: the kinds of leave and the days a request covers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LeaveKind {
    /// 病假
    Sick,
    /// 事假
    Personal,
    /// 年假
    Annual,
    /// 调休: time off in lieu.
    InLieu,
    /// 其他
    Other,
}

impl LeaveKind {
    pub const ALL: [LeaveKind; 5] = [
        LeaveKind::Sick,
        LeaveKind::Personal,
        LeaveKind::Annual,
        LeaveKind::InLieu,
        LeaveKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LeaveKind::Sick => "sick",
            LeaveKind::Personal => "personal",
            LeaveKind::Annual => "annual",
            LeaveKind::InLieu => "in_lieu",
            LeaveKind::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            LeaveKind::Sick => "病假",
            LeaveKind::Personal => "事假",
            LeaveKind::Annual => "年假",
            LeaveKind::InLieu => "调休",
            LeaveKind::Other => "其他",
        }
    }

    /// The English key (any case) or the Chinese word.
    pub fn parse(text: &str) -> Option<LeaveKind> {
        let text = text.trim();
        LeaveKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text) || k.label_zh() == text)
    }
}

/// The dates from `from` to `to` inclusive (none when `to` is earlier).
pub fn leave_dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}
