//! 交接提醒 (seed 003: 严格交接班手续): a log left unsigned after its shift, and urgent items and
//! prospects past their time. The store raises each once and keeps it until acknowledged.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::HandoverPolicy;
use super::item::ItemKind;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// No outgoing signature `handover_unsigned_after_min` after the shift ended.
    Unsigned,
    UrgentDue,
    ProspectDue,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 3] = [
        ReminderKind::Unsigned,
        ReminderKind::UrgentDue,
        ReminderKind::ProspectDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Unsigned => "unsigned",
            ReminderKind::UrgentDue => "urgent_due",
            ReminderKind::ProspectDue => "prospect_due",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ReminderKind::Unsigned => "交接记录未签字",
            ReminderKind::UrgentDue => "紧急事项到期",
            ReminderKind::ProspectDue => "潜在客户到期未联系",
        }
    }

    pub fn parse(text: &str) -> Option<ReminderKind> {
        ReminderKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A log as the reminders see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderLog {
    pub log_id: i64,
    pub end: DateTime<Utc>,
    pub outgoing_signed: bool,
}

/// An item as the reminders see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderItem {
    pub item_id: i64,
    /// The log it is in now.
    pub log_id: i64,
    pub kind: ItemKind,
    pub due_at: Option<DateTime<Utc>>,
    pub open: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ReminderFacts<'a> {
    pub logs: &'a [ReminderLog],
    pub items: &'a [ReminderItem],
}

/// A reminder that is due; `(kind, log_id, item_id, due_at)` identifies it, so raising it twice
/// is one reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReminderDue {
    pub kind: ReminderKind,
    pub log_id: i64,
    pub item_id: Option<i64>,
    pub due_at: DateTime<Utc>,
}

/// Every reminder due at `now`, by due time, kind, log, item.
pub fn due_reminders(
    facts: &ReminderFacts,
    policy: &HandoverPolicy,
    now: DateTime<Utc>,
) -> Vec<ReminderDue> {
    let unsigned = facts
        .logs
        .iter()
        .filter(|log| !log.outgoing_signed)
        .map(|log| ReminderDue {
            kind: ReminderKind::Unsigned,
            log_id: log.log_id,
            item_id: None,
            due_at: log.end + Duration::minutes(policy.unsigned_after_min),
        });
    let items = facts.items.iter().filter(|i| i.open).filter_map(|i| {
        let kind = match i.kind {
            ItemKind::Urgent => ReminderKind::UrgentDue,
            ItemKind::Prospect => ReminderKind::ProspectDue,
            _ => return None,
        };
        Some(ReminderDue {
            kind,
            log_id: i.log_id,
            item_id: Some(i.item_id),
            due_at: i.due_at?,
        })
    });
    let mut due: Vec<ReminderDue> = unsigned.chain(items).filter(|r| r.due_at <= now).collect();
    due.sort_by_key(|r| (r.due_at, r.kind, r.log_id, r.item_id));
    due
}
