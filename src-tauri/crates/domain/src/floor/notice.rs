//! 报备: an agent phones the lead to say they will be late or away. Seed 000: "上班時間(8:30)以前
//! 電話通知部門主管原因,未通知者視為曠工,未提前者通知視為遲到" — a notice before the shift starts
//! excuses, one after the start still counts as lateness, none at all is absence without leave.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::state::{ShiftSpan, StateEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Will come in late (迟到报备).
    Late,
    /// Will not come this shift (缺勤报备, 请假).
    Absent,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 2] = [NoticeKind::Late, NoticeKind::Absent];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Late => "late",
            NoticeKind::Absent => "absent",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            NoticeKind::Late => "迟到",
            NoticeKind::Absent => "缺勤",
        }
    }

    /// Accepts the English key (any case) or the Chinese word.
    pub fn parse(text: &str) -> Option<NoticeKind> {
        let text = text.trim();
        NoticeKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text) || k.label_zh() == text)
    }
}

/// One notice, as the lead records it or an events file carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Notice {
    /// When the agent gave notice (not when it was typed in).
    pub at: DateTime<Utc>,
    /// 工号.
    pub agent: String,
    pub kind: NoticeKind,
    pub reason: Option<String>,
}

impl Notice {
    /// The shift the notice is about: the agent's earliest shift not yet over when the notice
    /// came (the one running, or else the next one).
    pub fn shift<'a>(
        &self,
        shifts: impl IntoIterator<Item = &'a ShiftSpan>,
    ) -> Option<&'a ShiftSpan> {
        shifts
            .into_iter()
            .filter(|s| s.agent == self.agent && s.start < s.end && self.at < s.end)
            .min_by_key(|s| (s.start, s.end))
    }

    /// Whether it came before the shift started, and so excuses lateness and absence.
    pub fn excuses(&self, shift: &ShiftSpan) -> bool {
        self.at < shift.start
    }
}

/// Anything the floor engine takes in time order: a state change or a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FloorEvent {
    State(StateEvent),
    Notice(Notice),
}

impl FloorEvent {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            FloorEvent::State(e) => e.at,
            FloorEvent::Notice(n) => n.at,
        }
    }

    /// 工号.
    pub fn agent(&self) -> &str {
        match self {
            FloorEvent::State(e) => &e.agent,
            FloorEvent::Notice(n) => &n.agent,
        }
    }

    pub fn as_state(&self) -> Option<&StateEvent> {
        match self {
            FloorEvent::State(e) => Some(e),
            FloorEvent::Notice(_) => None,
        }
    }
}

impl From<StateEvent> for FloorEvent {
    fn from(event: StateEvent) -> FloorEvent {
        FloorEvent::State(event)
    }
}

impl From<Notice> for FloorEvent {
    fn from(notice: Notice) -> FloorEvent {
        FloorEvent::Notice(notice)
    }
}
