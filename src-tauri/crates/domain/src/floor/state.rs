//! What an agent is doing, the events that change it, and the shifts that say when they should
//! be at work.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::ErrorCode;
use crate::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AgentState {
    SignedOut,
    /// Idle, waiting for the next contact: the floor's spare capacity.
    Ready,
    /// On a call or a chat.
    Busy,
    /// After-contact work.
    WrapUp,
    /// 挂起 (a chat desk's 千牛 status): online and at work, taking no new contacts; no limit.
    Suspended,
    /// 小休, timed against its own limit and the shift's total.
    SmallBreak,
    Meal,
    Meeting,
    Training,
    /// Anything else; the event's reason says what.
    Other,
}

impl AgentState {
    pub const ALL: [AgentState; 10] = [
        AgentState::SignedOut,
        AgentState::Ready,
        AgentState::Busy,
        AgentState::WrapUp,
        AgentState::Suspended,
        AgentState::SmallBreak,
        AgentState::Meal,
        AgentState::Meeting,
        AgentState::Training,
        AgentState::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgentState::SignedOut => "signed_out",
            AgentState::Ready => "ready",
            AgentState::Busy => "busy",
            AgentState::WrapUp => "wrap_up",
            AgentState::Suspended => "suspended",
            AgentState::SmallBreak => "small_break",
            AgentState::Meal => "meal",
            AgentState::Meeting => "meeting",
            AgentState::Training => "training",
            AgentState::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            AgentState::SignedOut => "离线",
            AgentState::Ready => "空闲",
            AgentState::Busy => "通话中",
            AgentState::WrapUp => "话后处理",
            AgentState::Suspended => "挂起",
            AgentState::SmallBreak => "小休",
            AgentState::Meal => "用餐",
            AgentState::Meeting => "会议",
            AgentState::Training => "培训",
            AgentState::Other => "其他",
        }
    }

    /// Accepts the English key (any case), the Chinese label, or a word files and older
    /// versions used for the same state (签出, 未签入, 就绪, a chat team's 接待中 and 接待后处理).
    pub fn parse(text: &str) -> Option<AgentState> {
        let text = text.trim();
        let alias = match text {
            "签出" | "未签入" => Some(AgentState::SignedOut),
            "就绪" => Some(AgentState::Ready),
            "接待中" => Some(AgentState::Busy),
            "接待后处理" => Some(AgentState::WrapUp),
            _ => None,
        };
        alias.or_else(|| {
            AgentState::ALL
                .into_iter()
                .find(|s| s.as_str().eq_ignore_ascii_case(text) || s.label_zh() == text)
        })
    }

    /// Whether the agent counts as present for the shift: signed in and working or available.
    /// Breaks, meals and 'other' do not, so an agent on a break at shift start is late.
    pub fn is_at_work(self) -> bool {
        matches!(
            self,
            AgentState::Ready
                | AgentState::Busy
                | AgentState::WrapUp
                | AgentState::Suspended
                | AgentState::Meeting
                | AgentState::Training
        )
    }
}

/// One state change, as every source (board, CLI, later the agent pad and telephony) reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StateEvent {
    pub at: DateTime<Utc>,
    /// 工号.
    pub agent: String,
    pub state: AgentState,
    pub reason: Option<String>,
}

/// When one agent is rostered to work: the half-open span [start, end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ShiftSpan {
    /// 工号.
    pub agent: String,
    /// The local date the shift starts on, also for a shift that ends after midnight.
    pub shift_date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl ShiftSpan {
    /// A shift from local wall-clock times in the site's time zone, as rosters write them: an end
    /// at or before the start means the shift ends the next day.
    pub fn from_local<Tz: TimeZone>(
        agent: impl Into<String>,
        shift_date: NaiveDate,
        start: NaiveTime,
        end: NaiveTime,
        zone: &Tz,
    ) -> Result<ShiftSpan, Problem> {
        let end_date = if end <= start {
            shift_date.succ_opt().unwrap_or(shift_date)
        } else {
            shift_date
        };
        let agent = agent.into();
        let instant = |date: NaiveDate, time: NaiveTime| {
            // Ambiguous local times (a clock turned back) take the first; a time that does not
            // exist (a clock turned forward) cannot be a shift boundary.
            zone.from_local_datetime(&date.and_time(time))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| {
                    Problem::new(
                        ErrorCode::FloorNonexistentLocalTime,
                        format!("{date} {time} does not exist in the site's time zone"),
                    )
                    .with("agent", &agent)
                    .with("date", date)
                    .with("time", time)
                })
        };
        let start = instant(shift_date, start)?;
        let end = instant(end_date, end)?;
        Ok(ShiftSpan {
            agent,
            shift_date,
            start,
            end,
        })
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }
}

/// One agent as the board shows it at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AgentNow {
    /// 工号.
    pub agent: String,
    pub state: AgentState,
    /// None when the engine never saw the agent change state (signed out since before records).
    pub since: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// Whole seconds in the current state.
    pub elapsed_secs: Option<i64>,
    /// The limit of the current state (small break, meal), so a board can turn amber and red.
    pub limit_secs: Option<i64>,
    /// The shift the break total below belongs to: the one the current break started in, or
    /// else the one running now.
    pub shift_date: Option<NaiveDate>,
    /// Small breaks so far in that shift, the running one included.
    pub shift_break_secs: i64,
    pub shift_break_limit_secs: Option<i64>,
}
