//! 会议与培训 (seed 000, 二、日常行为規範: 「不得借故推脫或遲到,遲到一次罰款 20 元,缺席處以
//! 100 元/次的罰款並給予書面警告」): who was expected, how they attended, and which rule of the
//! book an attendance answers to. The amounts live with the rules (`meeting_late`,
//! `meeting_absent`), which a supervisor edits.

use serde::{Deserialize, Serialize};

/// A meeting or a training session (培训 may carry a test score).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    Meeting,
    Training,
}

impl MeetingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Meeting => "meeting",
            MeetingKind::Training => "training",
        }
    }

    pub fn parse(text: &str) -> Option<MeetingKind> {
        [MeetingKind::Meeting, MeetingKind::Training]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// How one expected person attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Not taken yet.
    Expected,
    Present,
    /// Late by `late_min` minutes.
    Late,
    Absent,
    /// 请假 or otherwise let off beforehand: no penalty.
    Excused,
}

impl Attendance {
    pub const ALL: [Attendance; 5] = [
        Attendance::Expected,
        Attendance::Present,
        Attendance::Late,
        Attendance::Absent,
        Attendance::Excused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Expected => "expected",
            Attendance::Present => "present",
            Attendance::Late => "late",
            Attendance::Absent => "absent",
            Attendance::Excused => "excused",
        }
    }

    pub fn parse(text: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// The rule of the book this attendance is proposed under, if any.
    pub fn rule_code(self) -> Option<&'static str> {
        match self {
            Attendance::Late => Some("meeting_late"),
            Attendance::Absent => Some("meeting_absent"),
            Attendance::Expected | Attendance::Present | Attendance::Excused => None,
        }
    }

    /// Whether the person was there (a test score needs it).
    pub fn attended(self) -> bool {
        matches!(self, Attendance::Present | Attendance::Late)
    }
}

/// What is wrong with one taken attendance, by field.
pub fn check_attendance(
    attendance: Attendance,
    late_min: Option<u32>,
    test_score: Option<u32>,
) -> Result<(), &'static str> {
    match (attendance, late_min) {
        (Attendance::Late, None | Some(0)) => return Err("late_min"),
        (Attendance::Late, Some(_)) => {}
        (_, Some(_)) => return Err("late_min"),
        _ => {}
    }
    match test_score {
        Some(s) if s > 100 => Err("test_score"),
        Some(_) if !attendance.attended() => Err("test_score"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_and_absent_answer_to_the_meeting_rules() {
        assert_eq!(Attendance::Late.rule_code(), Some("meeting_late"));
        assert_eq!(Attendance::Absent.rule_code(), Some("meeting_absent"));
        for a in [
            Attendance::Expected,
            Attendance::Present,
            Attendance::Excused,
        ] {
            assert_eq!(a.rule_code(), None, "{a:?}");
        }
    }

    #[test]
    fn attendance_is_checked_by_field() {
        assert_eq!(check_attendance(Attendance::Late, Some(5), None), Ok(()));
        assert_eq!(
            check_attendance(Attendance::Late, None, None),
            Err("late_min")
        );
        assert_eq!(
            check_attendance(Attendance::Late, Some(0), None),
            Err("late_min")
        );
        assert_eq!(
            check_attendance(Attendance::Present, Some(3), None),
            Err("late_min")
        );
        assert_eq!(
            check_attendance(Attendance::Present, None, Some(88)),
            Ok(())
        );
        assert_eq!(
            check_attendance(Attendance::Present, None, Some(101)),
            Err("test_score")
        );
        assert_eq!(
            check_attendance(Attendance::Absent, None, Some(60)),
            Err("test_score")
        );
        for a in Attendance::ALL {
            assert_eq!(Attendance::parse(a.as_str()), Some(a));
        }
    }
}
