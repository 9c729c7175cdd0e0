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

/// Seed 004's two cases around a day off (销售前台人员休息): the one who rested without telling
/// the manager beforehand, and the manager who was told and arranged no cover (值班). The roster
/// flags them; the rule book books them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum LeaveFlagKind {
    /// Rested without telling beforehand: leave asked for on or after its first day, or a
    /// rostered shift missed with no notice and no leave (旷工).
    RestNotArranged,
    /// Leave approved with no cover arranged.
    NoCoverAssigned,
}

impl LeaveFlagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LeaveFlagKind::RestNotArranged => "rest_not_arranged",
            LeaveFlagKind::NoCoverAssigned => "no_cover_assigned",
        }
    }
}

/// One flagged day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LeaveFlag {
    pub date: NaiveDate,
    /// Whose day off it was.
    pub employee_no: String,
    pub flag: LeaveFlagKind,
    /// The leave request it is about (None for a shift missed without any).
    pub leave_id: Option<i64>,
    /// For `no_cover_assigned`: who approved the leave (the manager told).
    pub manager: Option<String>,
}

/// A leave request as the flags read it.
#[derive(Debug, Clone)]
pub struct LeaveRecord {
    pub id: i64,
    pub employee_no: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The site-local date it was asked for.
    pub requested_on: NaiveDate,
    pub approved: bool,
    pub rejected: bool,
    pub cover: Option<String>,
    pub decided_by: Option<String>,
}

/// The flags for `leave` and for `missed` shifts (工号 and shift date of each absence with no
/// notice), sorted by date, 工号, flag. A missed shift inside approved leave is not flagged.
pub fn leave_flags(leave: &[LeaveRecord], missed: &[(String, NaiveDate)]) -> Vec<LeaveFlag> {
    let mut flags = Vec::new();
    for l in leave.iter().filter(|l| !l.rejected) {
        if l.requested_on >= l.from {
            flags.push(LeaveFlag {
                date: l.from,
                employee_no: l.employee_no.clone(),
                flag: LeaveFlagKind::RestNotArranged,
                leave_id: Some(l.id),
                manager: None,
            });
        }
        if l.approved && l.cover.as_deref().is_none_or(|c| c.trim().is_empty()) {
            flags.push(LeaveFlag {
                date: l.from,
                employee_no: l.employee_no.clone(),
                flag: LeaveFlagKind::NoCoverAssigned,
                leave_id: Some(l.id),
                manager: l.decided_by.clone(),
            });
        }
    }
    for (no, date) in missed {
        let on_leave = leave
            .iter()
            .any(|l| l.approved && &l.employee_no == no && l.from <= *date && *date <= l.to);
        if !on_leave {
            flags.push(LeaveFlag {
                date: *date,
                employee_no: no.clone(),
                flag: LeaveFlagKind::RestNotArranged,
                leave_id: None,
                manager: None,
            });
        }
    }
    flags.sort_by(|a, b| (a.date, &a.employee_no, a.flag).cmp(&(b.date, &b.employee_no, b.flag)));
    flags.dedup_by(|a, b| a.date == b.date && a.employee_no == b.employee_no && a.flag == b.flag);
    flags
}
