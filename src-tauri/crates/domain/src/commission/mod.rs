//! Commission for e-commerce service teams (seed 003's 有效接待 and 客服提成; seed 000's
//! after-sales form): receptions built from the chat log, judged valid or not, paid orders
//! attributed to the agent the buyer consulted, the tier and grade coefficient, and the pay line.
//! Instants are UTC milliseconds; the caller groups messages by buyer and agent.

pub mod attribution;
pub mod pay;
pub mod rates;
pub mod reception;

pub use attribution::{AttributionRule, BuyerVerdict, Invalid, judge_buyer};
pub use pay::{PayInputs, PayLine, pay_line};
pub use rates::{
    AfterSalesResult, Coefficients, Direction, Target, Tier, after_sales_commission, check_tiers,
    sales_commission, target_met, tier_for,
};
pub use reception::{ChatMessage, ReceptionEnd, ReceptionRules, Sender, Span, split_receptions};
