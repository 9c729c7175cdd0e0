//! A rule of the book (违规与奖惩目录): what it is called, how its offences are counted, and the
//! ladder of actions for the 1st, 2nd, 3rd… offence in that period. The body is plain data: the
//! store keeps each version as JSON, the rule book travels between shops as JSON.

use serde::{Deserialize, Serialize};

use crate::floor::RuleCode;
use crate::{ErrorCode, Problem};

/// The chapters of the rule book.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    FloorDiscipline,
    Attendance,
    MeetingsTraining,
    CustomerComplaints,
    DataAccuracy,
    Equipment,
    Rewards,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::FloorDiscipline,
        Category::Attendance,
        Category::MeetingsTraining,
        Category::CustomerComplaints,
        Category::DataAccuracy,
        Category::Equipment,
        Category::Rewards,
    ];

    /// The key it is stored and sent as (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::FloorDiscipline => "floor_discipline",
            Category::Attendance => "attendance",
            Category::MeetingsTraining => "meetings_training",
            Category::CustomerComplaints => "customer_complaints",
            Category::DataAccuracy => "data_accuracy",
            Category::Equipment => "equipment",
            Category::Rewards => "rewards",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Category::FloorDiscipline => "现场纪律",
            Category::Attendance => "考勤",
            Category::MeetingsTraining => "会议培训",
            Category::CustomerComplaints => "客户投诉",
            Category::DataAccuracy => "数据报表",
            Category::Equipment => "设备",
            Category::Rewards => "奖励",
        }
    }
}

/// Which earlier offences count toward the number of this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    /// The site-local calendar month of the incident (the default: the seeds number offences
    /// without a period).
    Month,
    /// The calendar quarter.
    Quarter,
    /// (ts − days, ts].
    RollingDays { days: u32 },
    /// Every earlier offence.
    Ever,
}

/// The closed set of actions a ladder step may take.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionCode {
    VerbalWarning,
    WrittenWarning,
    /// 书面检查.
    SelfReview,
    Fine,
    /// A percentage of the month's pay.
    PayPercent,
    /// 调岗.
    Reassign,
    DismissalProposal,
    Reward,
    /// Equipment at list price.
    Compensation,
}

impl ActionCode {
    pub const ALL: [ActionCode; 9] = [
        ActionCode::VerbalWarning,
        ActionCode::WrittenWarning,
        ActionCode::SelfReview,
        ActionCode::Fine,
        ActionCode::PayPercent,
        ActionCode::Reassign,
        ActionCode::DismissalProposal,
        ActionCode::Reward,
        ActionCode::Compensation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionCode::VerbalWarning => "verbal_warning",
            ActionCode::WrittenWarning => "written_warning",
            ActionCode::SelfReview => "self_review",
            ActionCode::Fine => "fine",
            ActionCode::PayPercent => "pay_percent",
            ActionCode::Reassign => "reassign",
            ActionCode::DismissalProposal => "dismissal_proposal",
            ActionCode::Reward => "reward",
            ActionCode::Compensation => "compensation",
        }
    }

    pub fn parse(text: &str) -> Option<ActionCode> {
        ActionCode::ALL
            .into_iter()
            .find(|a| a.as_str() == text.trim())
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ActionCode::VerbalWarning => "口头警告",
            ActionCode::WrittenWarning => "书面警告",
            ActionCode::SelfReview => "书面检查",
            ActionCode::Fine => "罚款",
            ActionCode::PayPercent => "扣当月工资",
            ActionCode::Reassign => "调岗",
            ActionCode::DismissalProposal => "建议开除",
            ActionCode::Reward => "奖励",
            ActionCode::Compensation => "照价赔偿",
        }
    }

    /// Which way the money of a line goes.
    pub fn kind(self) -> LineKind {
        match self {
            ActionCode::Reward => LineKind::Reward,
            ActionCode::Compensation => LineKind::Compensation,
            _ => LineKind::Penalty,
        }
    }
}

/// The direction of a ledger line: `amount_fen` is never negative.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Penalty,
    Reward,
    Compensation,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Penalty => "penalty",
            LineKind::Reward => "reward",
            LineKind::Compensation => "compensation",
        }
    }
}

/// How much a fine or reward is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Amount {
    Fixed {
        fen: i64,
    },
    /// Chosen by the severity 1–5 the recorder gives: five amounts, lowest first.
    BySeverity {
        fen: Vec<i64>,
    },
    /// So much per unit × the quantity (e.g. 20 yuan per false record).
    PerUnit {
        fen: i64,
    },
    /// Stated when recorded (the quarterly reward's place decides it).
    Stated,
}

/// One action of a ladder step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    VerbalWarning,
    WrittenWarning,
    SelfReview,
    Fine {
        amount: Amount,
    },
    PayPercent {
        percent: u32,
    },
    Reassign,
    DismissalProposal,
    Reward {
        amount: Amount,
    },
    /// The equipment named on the incident at its list price × the quantity.
    Compensation,
}

impl Action {
    pub fn code(&self) -> ActionCode {
        match self {
            Action::VerbalWarning => ActionCode::VerbalWarning,
            Action::WrittenWarning => ActionCode::WrittenWarning,
            Action::SelfReview => ActionCode::SelfReview,
            Action::Fine { .. } => ActionCode::Fine,
            Action::PayPercent { .. } => ActionCode::PayPercent,
            Action::Reassign => ActionCode::Reassign,
            Action::DismissalProposal => ActionCode::DismissalProposal,
            Action::Reward { .. } => ActionCode::Reward,
            Action::Compensation => ActionCode::Compensation,
        }
    }

    pub fn amount(&self) -> Option<&Amount> {
        match self {
            Action::Fine { amount } | Action::Reward { amount } => Some(amount),
            _ => None,
        }
    }
}

/// Who else answers for an offence.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum CoParty {
    /// The lead who saw it and did not act (领导发现未做出处理及时制止受相应处罚).
    Lead,
    /// The 客服经理 (seed 004: 客服经理罚款20元/次).
    Manager,
    /// Every member of the offender's team on the shift.
    ShiftTeam,
}

/// A co-penalty: always (a manager answers for every late report) or only when the recorder
/// names someone (the lead who did not act).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CoPenalty {
    pub party: CoParty,
    pub always: bool,
    /// Empty: what the offender gets (受相应处罚), warnings and money alike; dismissal and
    /// reassignment stay with the offender.
    pub actions: Vec<Action>,
}

/// A rule as of one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RuleBody {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: Category,
    pub period: Period,
    /// Step n is the n-th offence in the period; past the last step the last repeats.
    pub ladder: Vec<Vec<Action>>,
    #[serde(default)]
    pub co_penalties: Vec<CoPenalty>,
    /// The live-floor alert this rule turns into an incident, if any.
    #[serde(default)]
    pub alert_rule: Option<RuleCode>,
    /// What the regulation says, in its words (shown beside the rule).
    #[serde(default)]
    pub source: String,
    /// False for rules only the product writes (the quarterly reward from the scores).
    #[serde(default = "yes")]
    pub importable: bool,
}

fn yes() -> bool {
    true
}

/// The most a single amount may be: 1,000,000 yuan.
pub const MAX_AMOUNT_FEN: i64 = 100_000_000;

impl RuleBody {
    /// The actions of the n-th offence (n ≥ 1).
    pub fn step(&self, offence_no: u32) -> &[Action] {
        let last = self.ladder.len().saturating_sub(1);
        let index = (offence_no.max(1) as usize - 1).min(last);
        self.ladder.get(index).map_or(&[], Vec::as_slice)
    }

    fn actions(&self) -> impl Iterator<Item = &Action> {
        self.ladder
            .iter()
            .flatten()
            .chain(self.co_penalties.iter().flat_map(|c| c.actions.iter()))
    }

    /// A ranged fine anywhere: every incident of the rule names a severity.
    pub fn needs_severity(&self) -> bool {
        self.actions()
            .any(|a| matches!(a.amount(), Some(Amount::BySeverity { .. })))
    }

    /// Priced per unit (or equipment): the incident may name a quantity other than 1.
    pub fn counts_units(&self) -> bool {
        self.actions().any(|a| {
            matches!(a, Action::Compensation) || matches!(a.amount(), Some(Amount::PerUnit { .. }))
        })
    }

    pub fn needs_stated_amount(&self) -> bool {
        self.actions()
            .any(|a| matches!(a.amount(), Some(Amount::Stated)))
    }

    pub fn needs_item(&self) -> bool {
        self.actions().any(|a| matches!(a, Action::Compensation))
    }

    pub fn co_penalty(&self, party: CoParty) -> Option<&CoPenalty> {
        self.co_penalties.iter().find(|c| c.party == party)
    }

    /// A rule whose co-penalty names one person (the lead or the manager).
    pub fn named_co_penalty(&self) -> Option<&CoPenalty> {
        self.co_penalties
            .iter()
            .find(|c| matches!(c.party, CoParty::Lead | CoParty::Manager))
    }

    /// Everything a saved rule must hold: a code of lowercase letters, digits and `_`, names,
    /// at least one step of at least one action, amounts within range, five severities.
    pub fn check(&self) -> Result<(), Problem> {
        let invalid = |field: &str, why: &str| {
            Problem::new(
                ErrorCode::IncidentsRuleInvalid,
                format!("rule {}: {field}: {why}", self.code),
            )
            .with("code", &self.code)
            .with("field", field)
        };
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 64
            && self.code.starts_with(|c: char| c.is_ascii_lowercase())
            && self
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            return Err(invalid("code", "lowercase letters, digits and _"));
        }
        if self.name_zh.trim().is_empty() {
            return Err(invalid("name_zh", "required"));
        }
        if self.name_en.trim().is_empty() {
            return Err(invalid("name_en", "required"));
        }
        if let Period::RollingDays { days } = self.period
            && !(1..=3_660).contains(&days)
        {
            return Err(invalid("period", "1 to 3660 days"));
        }
        if self.ladder.is_empty() || self.ladder.iter().any(Vec::is_empty) {
            return Err(invalid("ladder", "every step needs an action"));
        }
        for action in self.actions() {
            match action {
                Action::PayPercent { percent } if !(1..=100).contains(percent) => {
                    return Err(invalid("ladder", "a pay percentage is 1 to 100"));
                }
                Action::Fine { amount } | Action::Reward { amount } => match amount {
                    Amount::Fixed { fen } | Amount::PerUnit { fen }
                        if !(1..=MAX_AMOUNT_FEN).contains(fen) =>
                    {
                        return Err(invalid("ladder", "an amount is above 0"));
                    }
                    Amount::BySeverity { fen }
                        if fen.len() != 5
                            || fen.iter().any(|f| !(0..=MAX_AMOUNT_FEN).contains(f)) =>
                    {
                        return Err(invalid("ladder", "five amounts, one per severity"));
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        let mut parties: Vec<CoParty> = self.co_penalties.iter().map(|c| c.party).collect();
        parties.sort();
        parties.dedup();
        if parties.len() != self.co_penalties.len() {
            return Err(invalid("co_penalties", "one co-penalty per party"));
        }
        if self
            .co_penalties
            .iter()
            .filter(|c| matches!(c.party, CoParty::Lead | CoParty::Manager))
            .count()
            > 1
        {
            return Err(invalid(
                "co_penalties",
                "one named person (lead or manager) at most",
            ));
        }
        Ok(())
    }
}
