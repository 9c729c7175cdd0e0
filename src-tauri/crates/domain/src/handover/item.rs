//! 交接事项: what an item says by kind (seed 003's 交接记录本: 移交客户, 要赶紧处理的事情, 潜在客户;
//! plus notices and notes), the changes people make to it, and the fold that gives the item now.
//! An item's timeline is append-only, so its present state is always recomputed from the events.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};

use super::Side;
use crate::limits::{HANDOVER_FIELD_MAX_LEN, HANDOVER_TEXT_MAX_LEN};
use crate::{ErrorCode, Problem};

/// A title is one line of a list or a printed sheet.
pub const TITLE_MAX_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 移交客户: a customer handed over, with what was promised.
    Customer,
    /// 紧急事项: 要赶紧处理的事情.
    Urgent,
    /// 潜在客户: someone to contact.
    Prospect,
    /// 通知: equipment, outages, policy changes.
    Notice,
    /// 备注
    Note,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Customer,
        ItemKind::Urgent,
        ItemKind::Prospect,
        ItemKind::Notice,
        ItemKind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Customer => "customer",
            ItemKind::Urgent => "urgent",
            ItemKind::Prospect => "prospect",
            ItemKind::Notice => "notice",
            ItemKind::Note => "note",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ItemKind::Customer => "移交客户",
            ItemKind::Urgent => "紧急事项",
            ItemKind::Prospect => "潜在客户",
            ItemKind::Notice => "通知",
            ItemKind::Note => "备注",
        }
    }

    /// The English key (any case) or the Chinese word.
    pub fn parse(text: &str) -> Option<ItemKind> {
        let text = text.trim();
        ItemKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text) || k.label_zh() == text)
    }
}

/// Where the customer reached us. Named `HandoverChannel` in TypeScript: `Channel` is tauri's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename = "HandoverChannel", rename_all = "snake_case")]
pub enum Channel {
    Phone,
    /// 千牛: Taobao's seller chat (seed 003's 千牛客服系统).
    Qianniu,
    Douyin,
    Wechat,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Phone,
        Channel::Qianniu,
        Channel::Douyin,
        Channel::Wechat,
        Channel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Qianniu => "qianniu",
            Channel::Douyin => "douyin",
            Channel::Wechat => "wechat",
            Channel::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Channel::Phone => "电话",
            Channel::Qianniu => "千牛",
            Channel::Douyin => "抖音",
            Channel::Wechat => "微信",
            Channel::Other => "其他",
        }
    }

    /// The English key (any case) or the Chinese word.
    pub fn parse(text: &str) -> Option<Channel> {
        let text = text.trim();
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.label_zh() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum NoticeCategory {
    Equipment,
    Outage,
    Policy,
    Other,
}

impl NoticeCategory {
    pub const ALL: [NoticeCategory; 4] = [
        NoticeCategory::Equipment,
        NoticeCategory::Outage,
        NoticeCategory::Policy,
        NoticeCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeCategory::Equipment => "equipment",
            NoticeCategory::Outage => "outage",
            NoticeCategory::Policy => "policy",
            NoticeCategory::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            NoticeCategory::Equipment => "设备",
            NoticeCategory::Outage => "系统故障",
            NoticeCategory::Policy => "政策变更",
            NoticeCategory::Other => "其他",
        }
    }

    /// The English key (any case) or the Chinese word.
    pub fn parse(text: &str) -> Option<NoticeCategory> {
        let text = text.trim();
        NoticeCategory::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.label_zh() == text)
    }
}

/// What an item says. Its JSON (instants as UTC ms) is what a `created` event stores and what the
/// seal hashes, so a field is never renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemFields {
    Customer {
        /// Name or ID.
        customer: String,
        channel: Channel,
        order_no: Option<String>,
        problem: String,
        /// 承诺事项: what the outgoing side promised the customer.
        promised: Option<String>,
        /// 处理进度
        progress: Option<String>,
    },
    Urgent {
        what: String,
        #[serde(default, with = "chrono::serde::ts_milliseconds_option")]
        #[specta(type = Option<i64>)]
        due_at: Option<DateTime<Utc>>,
    },
    Prospect {
        who: String,
        why: String,
        /// Contact by.
        #[serde(default, with = "chrono::serde::ts_milliseconds_option")]
        #[specta(type = Option<i64>)]
        due_at: Option<DateTime<Utc>>,
    },
    Notice {
        category: NoticeCategory,
        text: String,
    },
    Note {
        text: String,
    },
}

impl ItemFields {
    pub fn kind(&self) -> ItemKind {
        match self {
            ItemFields::Customer { .. } => ItemKind::Customer,
            ItemFields::Urgent { .. } => ItemKind::Urgent,
            ItemFields::Prospect { .. } => ItemKind::Prospect,
            ItemFields::Notice { .. } => ItemKind::Notice,
            ItemFields::Note { .. } => ItemKind::Note,
        }
    }

    /// When it must be dealt with: an urgent item's deadline, a prospect's contact-by time.
    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        match self {
            ItemFields::Urgent { due_at, .. } | ItemFields::Prospect { due_at, .. } => *due_at,
            _ => None,
        }
    }

    /// The customer's name or ID (a prospect's who), for the search filters.
    pub fn customer(&self) -> Option<&str> {
        match self {
            ItemFields::Customer { customer, .. } => Some(customer),
            ItemFields::Prospect { who, .. } => Some(who),
            _ => None,
        }
    }

    pub fn order_no(&self) -> Option<&str> {
        match self {
            ItemFields::Customer { order_no, .. } => order_no.as_deref(),
            _ => None,
        }
    }
}

/// The fields an edit changes: a key absent is left alone, `null` clears it, a value sets it.
/// Only keys of the item's kind may be present. Stored (as JSON) by `updated` events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ItemPatch {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub customer: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<Channel>)]
    pub channel: Option<Option<Channel>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub order_no: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub problem: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub promised: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub progress: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub what: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "patch_ms")]
    #[specta(optional, type = Option<i64>)]
    pub due_at: Option<Option<DateTime<Utc>>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub who: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub why: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<NoticeCategory>)]
    pub category: Option<Option<NoticeCategory>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[specta(optional, type = Option<String>)]
    pub text: Option<Option<String>>,
}

/// A key that is present is `Some`, even when its value is `null` (a clear).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A patch's due time in the fields' own form, UTC ms.
mod patch_ms {
    use chrono::{DateTime, Utc};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<Option<DateTime<Utc>>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(at)) => s.serialize_i64(at.timestamp_millis()),
            _ => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<DateTime<Utc>>>, D::Error> {
        Option::<i64>::deserialize(d)?
            .map(|ms| {
                DateTime::from_timestamp_millis(ms)
                    .ok_or_else(|| D::Error::custom(format!("instant {ms} is out of range")))
            })
            .transpose()
            .map(Some)
    }
}

impl ItemPatch {
    pub fn is_empty(&self) -> bool {
        *self == ItemPatch::default()
    }

    /// Every key of the fields' kind, set to its value: the patch that turns nothing into them.
    fn whole(fields: &ItemFields) -> ItemPatch {
        let text = |t: &str| Some(Some(t.to_owned()));
        let maybe = |t: &Option<String>| Some(t.clone());
        match fields {
            ItemFields::Customer {
                customer,
                channel,
                order_no,
                problem,
                promised,
                progress,
            } => ItemPatch {
                customer: text(customer),
                channel: Some(Some(*channel)),
                order_no: maybe(order_no),
                problem: text(problem),
                promised: maybe(promised),
                progress: maybe(progress),
                ..ItemPatch::default()
            },
            ItemFields::Urgent { what, due_at } => ItemPatch {
                what: text(what),
                due_at: Some(*due_at),
                ..ItemPatch::default()
            },
            ItemFields::Prospect { who, why, due_at } => ItemPatch {
                who: text(who),
                why: text(why),
                due_at: Some(*due_at),
                ..ItemPatch::default()
            },
            ItemFields::Notice { category, text: t } => ItemPatch {
                category: Some(Some(*category)),
                text: text(t),
                ..ItemPatch::default()
            },
            ItemFields::Note { text: t } => ItemPatch {
                text: text(t),
                ..ItemPatch::default()
            },
        }
    }

    /// The keys whose values differ from `old` to `new` (both of one kind), as `new` has them.
    pub fn between(old: &ItemFields, new: &ItemFields) -> ItemPatch {
        fn changed<T: Clone + PartialEq>(
            old: &Option<Option<T>>,
            new: &Option<Option<T>>,
        ) -> Option<Option<T>> {
            if old == new { None } else { new.clone() }
        }
        let (o, n) = (ItemPatch::whole(old), ItemPatch::whole(new));
        ItemPatch {
            customer: changed(&o.customer, &n.customer),
            channel: changed(&o.channel, &n.channel),
            order_no: changed(&o.order_no, &n.order_no),
            problem: changed(&o.problem, &n.problem),
            promised: changed(&o.promised, &n.promised),
            progress: changed(&o.progress, &n.progress),
            what: changed(&o.what, &n.what),
            due_at: changed(&o.due_at, &n.due_at),
            who: changed(&o.who, &n.who),
            why: changed(&o.why, &n.why),
            category: changed(&o.category, &n.category),
            text: changed(&o.text, &n.text),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Open,
    Closed,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Open => "open",
            ItemStatus::Closed => "closed",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ItemStatus::Open => "未结",
            ItemStatus::Closed => "已结",
        }
    }

    pub fn parse(text: &str) -> Option<ItemStatus> {
        match text.trim() {
            "open" | "未结" => Some(ItemStatus::Open),
            "closed" | "已结" => Some(ItemStatus::Closed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ItemEventKind {
    Created,
    Updated,
    Note,
    /// 提问, by the incoming side.
    Query,
    /// 答复, by the outgoing side, to a query.
    Answer,
    /// 接受: the incoming side accepts a query as it stands.
    Accepted,
    /// 转交班组 (售前→售后): the item moves to another team's log.
    HandedToTeam,
    /// Sign-off moved it to the next log.
    Carried,
    Closed,
}

impl ItemEventKind {
    pub const ALL: [ItemEventKind; 9] = [
        ItemEventKind::Created,
        ItemEventKind::Updated,
        ItemEventKind::Note,
        ItemEventKind::Query,
        ItemEventKind::Answer,
        ItemEventKind::Accepted,
        ItemEventKind::HandedToTeam,
        ItemEventKind::Carried,
        ItemEventKind::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemEventKind::Created => "created",
            ItemEventKind::Updated => "updated",
            ItemEventKind::Note => "note",
            ItemEventKind::Query => "query",
            ItemEventKind::Answer => "answer",
            ItemEventKind::Accepted => "accepted",
            ItemEventKind::HandedToTeam => "handed_to_team",
            ItemEventKind::Carried => "carried",
            ItemEventKind::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<ItemEventKind> {
        ItemEventKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// An item's identity row: it never changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemIdentity {
    pub id: i64,
    pub kind: ItemKind,
    pub origin_log_id: i64,
    /// The origin log's team: the item's team until it is handed to another.
    pub origin_team_id: i64,
    pub author_employee_no: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One event of an item's timeline, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEvent {
    pub id: i64,
    /// The log the item was in (carried, handed to a team: the log it moved to).
    pub log_id: i64,
    pub at: DateTime<Utc>,
    /// None: the system (a carry-over at sign-off).
    pub by_employee_no: Option<String>,
    pub kind: ItemEventKind,
    pub side: Option<Side>,
    pub text: Option<String>,
    /// Created: the [`ItemFields`] JSON; updated: the [`ItemPatch`] JSON.
    pub fields: Option<String>,
    pub ref_event_id: Option<i64>,
    pub from_log_id: Option<i64>,
    pub to_team_id: Option<i64>,
    pub not_handed_over: bool,
}

/// An item as its timeline leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemNow {
    pub id: i64,
    pub kind: ItemKind,
    pub fields: ItemFields,
    pub status: ItemStatus,
    pub outcome: Option<String>,
    pub current_log: i64,
    /// Handing to a team moves it.
    pub team_id: i64,
    /// Every log it has been placed in, each once, in order.
    pub placements: Vec<i64>,
    /// 经手人: 工号 in order of first touch.
    pub touched_by: Vec<String>,
    /// Query event ids neither answered nor accepted, in order.
    pub open_queries: Vec<i64>,
    pub last_event_id: i64,
    /// The last event's instant.
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// What someone does to an item (the store's and the command's input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemChange {
    Update {
        patch: Box<ItemPatch>,
    },
    Note {
        text: String,
    },
    Query {
        text: String,
    },
    Answer {
        query_id: i64,
        text: String,
    },
    Accept {
        query_id: i64,
    },
    /// The words may be empty: the receiving team sees the item itself.
    HandToTeam {
        team_id: i64,
        text: String,
    },
    Close {
        outcome: String,
    },
}

impl ItemChange {
    /// The event that records it.
    pub fn event_kind(&self) -> ItemEventKind {
        match self {
            ItemChange::Update { .. } => ItemEventKind::Updated,
            ItemChange::Note { .. } => ItemEventKind::Note,
            ItemChange::Query { .. } => ItemEventKind::Query,
            ItemChange::Answer { .. } => ItemEventKind::Answer,
            ItemChange::Accept { .. } => ItemEventKind::Accepted,
            ItemChange::HandToTeam { .. } => ItemEventKind::HandedToTeam,
            ItemChange::Close { .. } => ItemEventKind::Closed,
        }
    }

    /// Seed 003: the incoming side asks and accepts, the outgoing side answers.
    pub fn side(&self) -> Option<Side> {
        match self {
            ItemChange::Query { .. } | ItemChange::Accept { .. } => Some(Side::Incoming),
            ItemChange::Answer { .. } => Some(Side::Outgoing),
            _ => None,
        }
    }
}

fn required(field: &str, text: &str, max: usize) -> Result<String, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::new(
            ErrorCode::ValidationRequired,
            format!("{field} is required"),
        )
        .with("field", field));
    }
    bounded(field, text, max)
}

/// Blank is absent.
fn optional(field: &str, text: Option<&str>, max: usize) -> Result<Option<String>, Problem> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => bounded(field, text, max).map(Some),
    }
}

fn bounded(field: &str, text: &str, max: usize) -> Result<String, Problem> {
    if text.chars().count() > max {
        return Err(Problem::new(
            ErrorCode::ValidationTooLong,
            format!("{field} is longer than {max} characters"),
        )
        .with("field", field)
        .with("max", max));
    }
    Ok(text.to_owned())
}

/// A required handover text (a note, a query, an outcome, an addendum, a reason): trimmed and
/// at most [`HANDOVER_TEXT_MAX_LEN`] characters.
pub fn check_text(field: &str, text: &str) -> Result<String, Problem> {
    required(field, text, HANDOVER_TEXT_MAX_LEN)
}

/// An optional handover text (a roll-call note, an acknowledgement's note): trimmed, blank is
/// absent, at most [`HANDOVER_TEXT_MAX_LEN`] characters.
pub fn check_optional_text(field: &str, text: Option<&str>) -> Result<Option<String>, Problem> {
    optional(field, text, HANDOVER_TEXT_MAX_LEN)
}

/// Trims, requires each kind's required text (customer+problem; what; who+why; text), bounds
/// lengths; blank optional texts become absent.
pub fn check_fields(fields: &ItemFields) -> Result<ItemFields, Problem> {
    const FIELD: usize = HANDOVER_FIELD_MAX_LEN;
    const TEXT: usize = HANDOVER_TEXT_MAX_LEN;
    Ok(match fields {
        ItemFields::Customer {
            customer,
            channel,
            order_no,
            problem,
            promised,
            progress,
        } => ItemFields::Customer {
            customer: required("customer", customer, FIELD)?,
            channel: *channel,
            order_no: optional("order_no", order_no.as_deref(), FIELD)?,
            problem: required("problem", problem, TEXT)?,
            promised: optional("promised", promised.as_deref(), TEXT)?,
            progress: optional("progress", progress.as_deref(), TEXT)?,
        },
        ItemFields::Urgent { what, due_at } => ItemFields::Urgent {
            what: required("what", what, TEXT)?,
            due_at: *due_at,
        },
        ItemFields::Prospect { who, why, due_at } => ItemFields::Prospect {
            who: required("who", who, FIELD)?,
            why: required("why", why, TEXT)?,
            due_at: *due_at,
        },
        ItemFields::Notice { category, text } => ItemFields::Notice {
            category: *category,
            text: required("text", text, TEXT)?,
        },
        ItemFields::Note { text } => ItemFields::Note {
            text: required("text", text, TEXT)?,
        },
    })
}

/// The fields with the patch applied, checked as [`check_fields`] checks new ones.
pub fn apply_patch(fields: &ItemFields, patch: &ItemPatch) -> Result<ItemFields, Problem> {
    check_fields(&patched(fields, patch)?)
}

/// The patch applied without judging the values: the fold replays what was accepted when it was
/// written, whatever the limits are today.
fn patched(fields: &ItemFields, patch: &ItemPatch) -> Result<ItemFields, Problem> {
    let kind = fields.kind();
    let mut all = ItemPatch::whole(fields);
    fn overlay<T: Clone>(
        key: &str,
        kind: ItemKind,
        slot: &mut Option<Option<T>>,
        change: &Option<Option<T>>,
    ) -> Result<(), Problem> {
        if let Some(value) = change {
            if slot.is_none() {
                // The form only offers the kind's own fields: anything else is a bug upstream.
                return Err(Problem::new(
                    ErrorCode::Internal,
                    format!("a {} item has no field {key}", kind.as_str()),
                ));
            }
            *slot = Some(value.clone());
        }
        Ok(())
    }
    overlay("customer", kind, &mut all.customer, &patch.customer)?;
    overlay("channel", kind, &mut all.channel, &patch.channel)?;
    overlay("order_no", kind, &mut all.order_no, &patch.order_no)?;
    overlay("problem", kind, &mut all.problem, &patch.problem)?;
    overlay("promised", kind, &mut all.promised, &patch.promised)?;
    overlay("progress", kind, &mut all.progress, &patch.progress)?;
    overlay("what", kind, &mut all.what, &patch.what)?;
    overlay("due_at", kind, &mut all.due_at, &patch.due_at)?;
    overlay("who", kind, &mut all.who, &patch.who)?;
    overlay("why", kind, &mut all.why, &patch.why)?;
    overlay("category", kind, &mut all.category, &patch.category)?;
    overlay("text", kind, &mut all.text, &patch.text)?;

    let text = |v: Option<Option<String>>| v.flatten().unwrap_or_default();
    let choice = |field: &str| {
        Problem::new(
            ErrorCode::ValidationRequired,
            format!("{field} is required"),
        )
        .with("field", field)
    };
    Ok(match kind {
        ItemKind::Customer => ItemFields::Customer {
            customer: text(all.customer),
            channel: all.channel.flatten().ok_or_else(|| choice("channel"))?,
            order_no: all.order_no.flatten(),
            problem: text(all.problem),
            promised: all.promised.flatten(),
            progress: all.progress.flatten(),
        },
        ItemKind::Urgent => ItemFields::Urgent {
            what: text(all.what),
            due_at: all.due_at.flatten(),
        },
        ItemKind::Prospect => ItemFields::Prospect {
            who: text(all.who),
            why: text(all.why),
            due_at: all.due_at.flatten(),
        },
        ItemKind::Notice => ItemFields::Notice {
            category: all.category.flatten().ok_or_else(|| choice("category"))?,
            text: text(all.text),
        },
        ItemKind::Note => ItemFields::Note {
            text: text(all.text),
        },
    })
}

/// One line for lists and the printed sheet, at most [`TITLE_MAX_CHARS`] characters; a long
/// free text is cut (…) so that the due time stays readable:
/// 「张女士（千牛）TB3920118842：客户要求退款…」, 「核对退款单（截止 11-23 17:00）」,
/// 「李小姐：咨询团购 50 件（11-24 10:00 前联系）」, 「[设备] B07 耳机故障」, 「今日来电高峰 10:00–11:30」.
pub fn title(fields: &ItemFields, tz: Tz) -> String {
    let local = |at: &DateTime<Utc>| at.with_timezone(&tz).format("%m-%d %H:%M").to_string();
    let (head, body, tail) = match fields {
        ItemFields::Customer {
            customer,
            channel,
            order_no,
            problem,
            ..
        } => (
            format!(
                "{}（{}）{}：",
                one_line(customer),
                channel.label_zh(),
                order_no.as_deref().map(one_line).unwrap_or_default()
            ),
            problem,
            String::new(),
        ),
        ItemFields::Urgent { what, due_at } => (
            String::new(),
            what,
            due_at
                .map(|d| format!("（截止 {}）", local(&d)))
                .unwrap_or_default(),
        ),
        ItemFields::Prospect { who, why, due_at } => (
            format!("{}：", one_line(who)),
            why,
            due_at
                .map(|d| format!("（{} 前联系）", local(&d)))
                .unwrap_or_default(),
        ),
        ItemFields::Notice { category, text } => {
            (format!("[{}] ", category.label_zh()), text, String::new())
        }
        ItemFields::Note { text } => (String::new(), text, String::new()),
    };
    fit(&head, &one_line(body), &tail)
}

/// Whitespace runs (line breaks too) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fit(head: &str, body: &str, tail: &str) -> String {
    let count = |s: &str| s.chars().count();
    let whole = format!("{head}{body}{tail}");
    if count(&whole) <= TITLE_MAX_CHARS {
        return whole;
    }
    let cut = |s: &str, n: usize| format!("{}…", s.chars().take(n).collect::<String>());
    match TITLE_MAX_CHARS.checked_sub(count(head) + count(tail) + 1) {
        Some(room) if room > 0 => format!("{head}{}{tail}", cut(body, room)),
        _ => cut(&whole, TITLE_MAX_CHARS - 1),
    }
}

/// Reads a due time as people type it — "", "17:00", "1700", "11-24 10:00", "2026-11-24 10:00"
/// (full-width ： and ／ too) — as the first such local time at or after the shift's local start,
/// so 01:00 typed in a 晚班 is the next day. A full date is taken as written.
pub fn resolve_due(
    text: &str,
    shift_start_local: NaiveDateTime,
) -> Result<Option<NaiveDateTime>, Problem> {
    let value = text.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || {
        Problem::new(
            ErrorCode::HandoverBadDue,
            format!("cannot read the due time '{value}': write 17:00 or 11-24 10:00"),
        )
        .with("value", value)
    };
    let normal: String = value
        .chars()
        .map(|c| match c {
            '：' => ':',
            '／' => '/',
            '－' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = normal.split_whitespace().collect();
    let start = shift_start_local;
    let at = match parts.as_slice() {
        [time] => {
            let at = start.date().and_time(clock(time).ok_or_else(bad)?);
            if at < start {
                at + Duration::days(1)
            } else {
                at
            }
        }
        [date, time] => {
            let time = clock(time).ok_or_else(bad)?;
            let pieces: Vec<&str> = date.split(['-', '/']).collect();
            match pieces.as_slice() {
                [_, _, _] => crate::people::parse_date(date)
                    .ok_or_else(bad)?
                    .and_time(time),
                [month, day] => {
                    let (month, day) = (
                        month.parse::<u32>().map_err(|_| bad())?,
                        day.parse::<u32>().map_err(|_| bad())?,
                    );
                    // Four years reach the next 29 February.
                    (start.year()..=start.year() + 4)
                        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                        .map(|d| d.and_time(time))
                        .find(|at| *at >= start)
                        .ok_or_else(bad)?
                }
                _ => return Err(bad()),
            }
        }
        _ => return Err(bad()),
    };
    Ok(Some(at))
}

/// "17:00", "9:30", "1700" or "930".
fn clock(text: &str) -> Option<NaiveTime> {
    if let Some((h, m)) = text.split_once(':') {
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || m.len() != 2 || !digits(m) {
            return None;
        }
        return NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0);
    }
    if !(3..=4).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = text.split_at(text.len() - 2);
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

fn broken(identity: &ItemIdentity, event: Option<&ItemEvent>, why: &str) -> Problem {
    let at = event.map_or(String::new(), |e| format!(" at event {}", e.id));
    Problem::new(
        ErrorCode::Internal,
        format!("handover item {}{at}: {why}", identity.id),
    )
}

/// The item now, from its identity and its events in id order. A timeline that could not have
/// been written (no created first, unreadable JSON, an answer to no open query, anything after
/// closed) is an Internal problem.
pub fn fold_item(identity: &ItemIdentity, events: &[ItemEvent]) -> Result<ItemNow, Problem> {
    let Some((first, rest)) = events.split_first() else {
        return Err(broken(identity, None, "no events"));
    };
    if first.kind != ItemEventKind::Created {
        return Err(broken(
            identity,
            Some(first),
            "the first event is not created",
        ));
    }
    let fields: ItemFields = first
        .fields
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .ok_or_else(|| broken(identity, Some(first), "unreadable fields"))?;
    if fields.kind() != identity.kind {
        return Err(broken(identity, Some(first), "fields of another kind"));
    }
    let mut item = ItemNow {
        id: identity.id,
        kind: identity.kind,
        fields,
        status: ItemStatus::Open,
        outcome: None,
        current_log: first.log_id,
        team_id: identity.origin_team_id,
        placements: vec![first.log_id],
        touched_by: Vec::new(),
        open_queries: Vec::new(),
        last_event_id: first.id,
        updated_at: first.at,
        closed_at: None,
    };
    touch(&mut item, first);

    for event in rest {
        let fail = |why: &str| broken(identity, Some(event), why);
        if item.status == ItemStatus::Closed {
            return Err(fail("an event after closed"));
        }
        match event.kind {
            ItemEventKind::Created => return Err(fail("created twice")),
            ItemEventKind::Updated => {
                let patch: ItemPatch = event
                    .fields
                    .as_deref()
                    .and_then(|json| serde_json::from_str(json).ok())
                    .ok_or_else(|| fail("unreadable patch"))?;
                item.fields = patched(&item.fields, &patch)?;
            }
            ItemEventKind::Note => {}
            ItemEventKind::Query => item.open_queries.push(event.id),
            ItemEventKind::Answer | ItemEventKind::Accepted => {
                let settled = event.ref_event_id;
                let before = item.open_queries.len();
                item.open_queries.retain(|q| Some(*q) != settled);
                if item.open_queries.len() == before {
                    return Err(fail("it settles no open query"));
                }
            }
            ItemEventKind::HandedToTeam => {
                item.team_id = event.to_team_id.ok_or_else(|| fail("no team"))?;
                place(&mut item, event.log_id);
            }
            ItemEventKind::Carried => place(&mut item, event.log_id),
            ItemEventKind::Closed => {
                item.status = ItemStatus::Closed;
                item.outcome = Some(event.text.clone().ok_or_else(|| fail("no outcome"))?);
                item.closed_at = Some(event.at);
            }
        }
        item.last_event_id = event.id;
        item.updated_at = event.at;
        touch(&mut item, event);
    }
    Ok(item)
}

fn touch(item: &mut ItemNow, event: &ItemEvent) {
    if let Some(no) = &event.by_employee_no
        && !item.touched_by.contains(no)
    {
        item.touched_by.push(no.clone());
    }
}

fn place(item: &mut ItemNow, log_id: i64) {
    item.current_log = log_id;
    if !item.placements.contains(&log_id) {
        item.placements.push(log_id);
    }
}

/// May this change be added, and as what: the change with its texts trimmed and, for an edit,
/// only the keys whose values change (an empty patch changes nothing, and records nothing).
/// Nothing follows closed (handover.item_closed); answer and accept need an open query with that
/// id (handover.query_resolved); texts are required where the timeline stores words.
pub fn check_change(item: &ItemNow, change: &ItemChange) -> Result<ItemChange, Problem> {
    if item.status == ItemStatus::Closed {
        return Err(Problem::new(
            ErrorCode::HandoverItemClosed,
            format!("item #{} is closed: it cannot be changed", item.id),
        )
        .with("id", item.id));
    }
    let open_query = |query_id: i64| {
        if item.open_queries.contains(&query_id) {
            Ok(())
        } else {
            Err(Problem::new(
                ErrorCode::HandoverQueryResolved,
                format!("query {query_id} of item #{} is already settled", item.id),
            ))
        }
    };
    Ok(match change {
        ItemChange::Update { patch } => {
            let new = apply_patch(&item.fields, patch)?;
            ItemChange::Update {
                patch: Box::new(ItemPatch::between(&item.fields, &new)),
            }
        }
        ItemChange::Note { text } => ItemChange::Note {
            text: check_text("text", text)?,
        },
        ItemChange::Query { text } => ItemChange::Query {
            text: check_text("text", text)?,
        },
        ItemChange::Answer { query_id, text } => {
            open_query(*query_id)?;
            ItemChange::Answer {
                query_id: *query_id,
                text: check_text("text", text)?,
            }
        }
        ItemChange::Accept { query_id } => {
            open_query(*query_id)?;
            ItemChange::Accept {
                query_id: *query_id,
            }
        }
        ItemChange::HandToTeam { team_id, text } => ItemChange::HandToTeam {
            team_id: *team_id,
            text: bounded("text", text.trim(), HANDOVER_TEXT_MAX_LEN)?,
        },
        ItemChange::Close { outcome } => ItemChange::Close {
            outcome: check_text("outcome", outcome)?,
        },
    })
}
